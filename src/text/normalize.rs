//! Offset-preserving normalization of token text.
//!
//! polner never rewrites the input: tokens keep their spans in the original
//! text, and only a token whose text needs cleaning gets a normalized copy
//! ([`crate::Token::norm`]). The cleaning, applied in this order:
//!
//! 1. characters that carry no letters are dropped: soft hyphen (U+00AD),
//!    zero-width space, non-joiner, joiner (outside emoji), word joiner, BOM;
//! 2. typographic variants are unified: quotes `„ ” “ « » ‚ ‘` → `"` or `'`,
//!    apostrophes `’ ʼ` → `'`, hyphens and dashes `‐ ‑ ‒ – — −` → `-`;
//! 3. the result is put in Unicode NFC, so decomposed diacritics (`e` +
//!    U+0328) compose (`ę`).

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// True for characters dropped from token text (they carry no letters).
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The unified form of a typographic variant, if `c` is one.
#[inline]
pub fn unify(c: char) -> Option<char> {
    Some(match c {
        '„' | '”' | '“' | '«' | '»' | '‟' | '″' => '"',
        '‚' | '‘' | '’' | 'ʼ' | '‛' | '′' | '`' | '´' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => return None,
    })
}

/// Normalizes one token's text; borrows when nothing changes.
///
/// ```
/// use polner::text::normalize::normalize;
/// assert_eq!(normalize("Kraków"), "Kraków");
/// assert_eq!(normalize("know\u{2011}how"), "know-how");
/// assert_eq!(normalize("Gdan\u{0301}sk"), "Gdańsk");
/// assert_eq!(normalize("gęs\u{00AD}ta"), "gęsta");
/// assert_eq!(normalize("ge\u{0328}sty"), "gęsty");
/// ```
pub fn normalize(token: &str) -> Cow<'_, str> {
    // Fast path: ASCII and Latin letters U+00C0..U+024F (all of Polish) are
    // NFC-stable and need no mapping.
    if token.is_ascii()
        || token
            .chars()
            .all(|c| c.is_ascii() && c != '`' || ('\u{C0}'..='\u{24F}').contains(&c))
    {
        return Cow::Borrowed(token);
    }
    let needs_mapping = token.chars().any(|c| is_ignorable(c) || unify(c).is_some());
    let nfc = matches!(is_nfc_quick(token.chars()), IsNormalized::Yes);
    if !needs_mapping && nfc {
        return Cow::Borrowed(token);
    }
    let mapped = token
        .chars()
        .filter(|&c| !is_ignorable(c))
        .map(|c| unify(c).unwrap_or(c));
    Cow::Owned(if nfc {
        mapped.collect()
    } else {
        mapped.nfc().collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_when_clean() {
        assert!(matches!(normalize("Zażółć"), Cow::Borrowed(_)));
        assert!(matches!(normalize("abc"), Cow::Borrowed(_)));
    }

    #[test]
    fn unifies_quotes_and_dashes() {
        assert_eq!(normalize("„"), "\"");
        assert_eq!(normalize("—"), "-");
        assert_eq!(normalize("O’Neill"), "O'Neill");
    }

    #[test]
    fn composes_decomposed_polish_letters() {
        let decomposed = "Z\u{0307}o\u{0301}łw";
        assert_eq!(normalize(decomposed), "Żółw");
    }
}
