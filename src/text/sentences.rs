//! Sentence splitting over tokens.
//!
//! A sentence ends:
//! - after `.`, `!`, `?`, `…` or `...` when the next token does not start
//!   with a lower-case letter (closing quotes and brackets that follow the
//!   stop stay with the sentence);
//! - after an abbreviation that may close a sentence (`r.`, `itd.`, `tys.`)
//!   when the next word is capitalized and is not a number or another
//!   abbreviation — so `w 1986 r. miasto` stays whole and `w 2025 r. Nowy`
//!   splits;
//! - at a blank line, and at a line break when the line has no final
//!   punctuation (headlines, list items), unless the line ends with a
//!   character that continues the sentence (`,` `;` `:` `-` `(`) or the next
//!   line starts lower-case.
//!
//! Abbreviations that never end a sentence (`ul.`, `prof.`, `np.`), initials
//! (`A. Miszalski`) and ordinals (`15. rocznica`) are single tokens, so the
//! period inside them never splits.

use crate::model::{Sentence, Shape, Token, TokenKind};
use crate::span::Span;
use crate::text::tokenize::abbreviation;

/// Splits `text` into sentences (tokenizing it first).
///
/// ```
/// let text = "Prezydent A. Nowak przyjechał w 1986 r. do Krakowa. Był to 15. dzień wizyty.";
/// let sentences: Vec<&str> = polner::sentences(text).iter().map(|s| &text[s.span.bytes()]).collect();
/// assert_eq!(sentences, [
///     "Prezydent A. Nowak przyjechał w 1986 r. do Krakowa.",
///     "Był to 15. dzień wizyty.",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Sentence> {
    let tokens = crate::tokenize(text);
    split(text, &tokens)
}

/// A full stop, `!`, `?`, `…` or `..`/`...` (the token's bytes).
#[inline]
fn is_terminal(token: &Token, bytes: &[u8]) -> bool {
    token.kind == TokenKind::Punct && {
        let t = &bytes[token.byte_range()];
        // `\xE2\x80\xA6` is `…`
        matches!(t, b"." | b"!" | b"?" | b"\xE2\x80\xA6") || t.starts_with(b"..")
    }
}

/// A closing quote or bracket.
#[inline]
fn is_closing(token: &Token, bytes: &[u8]) -> bool {
    token.kind == TokenKind::Punct && {
        let t = &bytes[token.byte_range()];
        // " ' ) ] } ” » ’ “ ›
        matches!(
            t,
            b"\""
                | b"'"
                | b")"
                | b"]"
                | b"}"
                | b"\xE2\x80\x9D"
                | b"\xC2\xBB"
                | b"\xE2\x80\x99"
                | b"\xE2\x80\x9C"
                | b"\xE2\x80\xBA"
        )
    }
}

fn starts_lower(token: &Token, text: &str) -> bool {
    token
        .text(text)
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Line breaks in a gap between tokens (`\r\n` counts once).
#[inline]
fn newlines(gap: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < gap.len() {
        match gap[i] {
            b'\n' => count += 1,
            b'\r' => {
                count += 1;
                if gap.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    count
}

/// Whether the gap between two tokens is empty or one space.
#[inline(always)]
fn plain_gap(bytes: &[u8], from: usize, to: usize) -> bool {
    to == from || to == from + 1 && bytes.get(from) == Some(&b' ')
}

/// Line breaks between two tokens; the usual gap (none, or one space) is
/// answered without a loop.
#[inline]
fn breaks_between(bytes: &[u8], before: &Token, after: &Token) -> usize {
    let gap = &bytes[before.span.byte_end..after.span.byte_start];
    match gap {
        [] | [b' '] => 0,
        _ => newlines(gap),
    }
}

/// Splits tokens of `text` into sentences.
///
/// ```
/// let text = "Nagłówek bez kropki\nPierwsze zdanie. Drugie!";
/// let tokens = polner::tokenize(text);
/// let sentences = polner::text::sentences::split(text, &tokens);
/// assert_eq!(sentences.len(), 3);
/// assert_eq!(sentences[1].tokens, 3..6);
/// ```
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(tokens.len() / 16 + 1);
    let mut first = 0usize;
    let mut i = 0usize;
    while i < tokens.len() {
        // Most tokens are words and commas followed by no gap or one space:
        // they neither end a sentence themselves nor lead to a line break;
        // skip them.
        i += tokens[i..]
            .windows(2)
            .position(|pair| {
                !plain_gap(bytes, pair[0].span.byte_end, pair[1].span.byte_start)
                    || match pair[0].kind {
                        TokenKind::Abbreviation => true,
                        TokenKind::Punct => is_terminal(&pair[0], bytes),
                        _ => false,
                    }
            })
            .unwrap_or(tokens.len() - 1 - i);
        let token = &tokens[i];
        let mut end_here = false;
        let mut last = i;
        match token.kind {
            TokenKind::Punct if is_terminal(token, bytes) => {
                // absorb closing quotes/brackets glued to the stop, and repeated stops
                while let Some(next) = tokens.get(last + 1)
                    && next.span.byte_start == tokens[last].span.byte_end
                    && (is_closing(next, bytes) || is_terminal(next, bytes))
                {
                    last += 1;
                }
                end_here = match tokens.get(last + 1) {
                    None => true,
                    Some(next) => !starts_lower(next, text),
                };
            }
            TokenKind::Abbreviation
                if abbreviation(&text[token.byte_range()]).is_some_and(|a| a.can_end_sentence) =>
            {
                end_here = match tokens.get(i + 1) {
                    None => true,
                    Some(next) => {
                        let breaks = breaks_between(bytes, token, next);
                        matches!(next.shape, Shape::Capitalized)
                            && next.kind == TokenKind::Word
                            && breaks == 0
                            || breaks > 0
                    }
                };
            }
            _ => {}
        }
        if !end_here && let Some(next) = tokens.get(last + 1) {
            let breaks = breaks_between(bytes, &tokens[last], next);
            if breaks >= 2 {
                end_here = true;
            } else if breaks == 1 {
                let continues = tokens[last].kind == TokenKind::Punct
                    && matches!(tokens[last].text(text), "," | ";" | ":" | "-" | "(" | "\"");
                end_here = !continues && !starts_lower(next, text);
            }
        }
        if end_here || last + 1 == tokens.len() {
            out.push(make(tokens, first, last + 1));
            first = last + 1;
        }
        i = last + 1;
    }
    out
}

fn make(tokens: &[Token], first: usize, end: usize) -> Sentence {
    let a = &tokens[first].span;
    let b = &tokens[end - 1].span;
    Sentence {
        span: Span {
            byte_start: a.byte_start,
            byte_end: b.byte_end,
            start: a.start,
            end: b.end,
        },
        tokens: first..end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tests::tricky_text;
    use proptest::prelude::*;

    // The splitter as it was before its fast paths (string comparisons, a
    // newline count for every gap), the oracle they must agree with.
    fn ref_is_terminal(token: &Token, text: &str) -> bool {
        token.kind == TokenKind::Punct && {
            let t = &text[token.byte_range()];
            matches!(t, "." | "!" | "?" | "…") || t.starts_with("..")
        }
    }

    fn ref_is_closing(token: &Token, text: &str) -> bool {
        token.kind == TokenKind::Punct
            && matches!(
                &text[token.byte_range()],
                "\"" | "”" | "»" | "’" | "'" | ")" | "]" | "}" | "“" | "›"
            )
    }

    fn ref_starts_lower(token: &Token, text: &str) -> bool {
        token
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase())
    }

    fn ref_newlines(text: &str, from: usize, to: usize) -> usize {
        // the line-break count itself did not change: the live one is the reference
        super::newlines(&text.as_bytes()[from..to])
    }

    fn reference_split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut first = 0usize;
        let mut i = 0usize;
        while i < tokens.len() {
            let token = &tokens[i];
            let mut end_here = false;
            let mut last = i;
            if ref_is_terminal(token, text) {
                // absorb closing quotes/brackets glued to the stop, and repeated stops
                while last + 1 < tokens.len()
                    && tokens[last + 1].span.byte_start == tokens[last].span.byte_end
                    && (ref_is_closing(&tokens[last + 1], text)
                        || ref_is_terminal(&tokens[last + 1], text))
                {
                    last += 1;
                }
                end_here = match tokens.get(last + 1) {
                    None => true,
                    Some(next) => !ref_starts_lower(next, text),
                };
            } else if token.kind == TokenKind::Abbreviation
                && abbreviation(&text[token.byte_range()]).is_some_and(|a| a.can_end_sentence)
            {
                end_here = match tokens.get(i + 1) {
                    None => true,
                    Some(next) => {
                        matches!(next.shape, Shape::Capitalized)
                            && next.kind == TokenKind::Word
                            && ref_newlines(text, token.span.byte_end, next.span.byte_start) == 0
                            || ref_newlines(text, token.span.byte_end, next.span.byte_start) > 0
                    }
                };
            }
            if !end_here && let Some(next) = tokens.get(last + 1) {
                let breaks = ref_newlines(text, tokens[last].span.byte_end, next.span.byte_start);
                if breaks >= 2 {
                    end_here = true;
                } else if breaks == 1 {
                    let continues = tokens[last].kind == TokenKind::Punct
                        && matches!(tokens[last].text(text), "," | ";" | ":" | "-" | "(" | "\"");
                    end_here = !continues && !ref_starts_lower(next, text);
                }
            }
            if end_here || last + 1 == tokens.len() {
                out.push(make(tokens, first, last + 1));
                first = last + 1;
            }
            i = last + 1;
        }
        out
    }

    fn agrees_with_reference(text: &str) {
        let tokens = crate::tokenize(text);
        assert_eq!(
            split(text, &tokens),
            reference_split(text, &tokens),
            "{text:?}"
        );
    }

    #[test]
    fn agrees_with_reference_on_the_example_articles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/examples");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            agrees_with_reference(&text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_reference_on_tricky_text(text in tricky_text()) {
            agrees_with_reference(&text);
        }

        #[test]
        fn agrees_with_reference_on_any_string(text in any::<String>()) {
            agrees_with_reference(&text);
        }
    }

    fn split_text(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.span.bytes()])
            .collect()
    }

    #[test]
    fn splits_on_full_stops() {
        assert_eq!(
            split_text("Ala ma kota. Kot ma Alę."),
            ["Ala ma kota.", "Kot ma Alę."]
        );
        assert_eq!(split_text("Co? Nic! Dobrze…"), ["Co?", "Nic!", "Dobrze…"]);
    }

    #[test]
    fn no_split_after_abbreviations_and_initials() {
        assert_eq!(
            split_text("Mieszka przy ul. Długiej od lat."),
            ["Mieszka przy ul. Długiej od lat."]
        );
        assert_eq!(
            split_text("Rozmawiał z prof. Nowakiem. Potem wyszedł."),
            ["Rozmawiał z prof. Nowakiem.", "Potem wyszedł."]
        );
        assert_eq!(split_text("Wygrał A. Miszalski."), ["Wygrał A. Miszalski."]);
        assert_eq!(
            split_text("Byli tam m.in. Polacy."),
            ["Byli tam m.in. Polacy."]
        );
    }

    #[test]
    fn ordinals_do_not_split() {
        assert_eq!(
            split_text("Obchodzono 15. rocznicę."),
            ["Obchodzono 15. rocznicę."]
        );
    }

    #[test]
    fn year_abbreviation_splits_only_at_sentence_end() {
        assert_eq!(
            split_text("W 1986 r. miasto urosło."),
            ["W 1986 r. miasto urosło."]
        );
        assert_eq!(
            split_text("Zmiany weszły w 2025 r. Nowy rząd je poparł."),
            ["Zmiany weszły w 2025 r.", "Nowy rząd je poparł."]
        );
    }

    #[test]
    fn quotes_and_brackets_stay_with_the_sentence() {
        assert_eq!(
            split_text("Powiedział: „Idziemy.” Potem wyszedł."),
            ["Powiedział: „Idziemy.”", "Potem wyszedł."]
        );
        assert_eq!(split_text("(To ważne.) Dalej."), ["(To ważne.)", "Dalej."]);
    }

    #[test]
    fn lines_without_final_punctuation_end_sentences() {
        assert_eq!(
            split_text("Tytuł artykułu\n\nPierwszy akapit. Drugi.\n- punkt listy\n- drugi punkt"),
            [
                "Tytuł artykułu",
                "Pierwszy akapit.",
                "Drugi.",
                "- punkt listy",
                "- drugi punkt"
            ]
        );
        assert_eq!(
            split_text("Zdanie łamane\nw środku trwa dalej."),
            ["Zdanie łamane\nw środku trwa dalej."]
        );
        assert_eq!(
            split_text("Wyliczenie:\nNowak, Kowalski."),
            ["Wyliczenie:\nNowak, Kowalski."]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            split_text("Było ich ok. 5 tys. osób."),
            ["Było ich ok. 5 tys. osób."]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(split_text("Tytuł\r\n\r\nTekst."), ["Tytuł", "Tekst."]);
        assert_eq!(split_text("Tytuł\r\rTekst."), ["Tytuł", "Tekst."]);
    }

    #[test]
    fn empty_input() {
        assert!(split_text("").is_empty());
        assert!(split_text("   ").is_empty());
    }
}
