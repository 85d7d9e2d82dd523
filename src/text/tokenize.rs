//! A tokenizer for Polish news text.
//!
//! One left-to-right pass over the input; each token keeps its exact byte and
//! character span. What it keeps whole:
//!
//! - words with Polish letters, composed or decomposed, and hyphenated
//!   compounds (`Bielsko-Biała`, `know‑how`, `COVID-19`, `10-latek`);
//! - numbers with decimal commas or points (`2,5`, `1.5`), groups separated by
//!   a non-breaking or thin space (`130 000`) and, with a plain space, groups
//!   that are unambiguous (a 1–3 digit head followed by exact 3-digit groups);
//!   ordinals (`15.` when a lower-case word follows), percentages (`50%`);
//! - numeric dates and times (`15.10.2025`, `2025-10-15`, `12:30`);
//! - abbreviations from `resources/lists/abbreviations.tsv` (`m.in.`, `ul.`)
//!   and initials (`A.`);
//! - URLs, e-mail addresses, `@mentions`, `#hashtags`, emoji sequences, and
//!   the ellipsis (`…`, `...`).
//!
//! Whitespace (including NBSP and thin spaces), control characters and
//! zero-width characters between tokens are skipped.
//!
//! How it stays fast (about 30 instructions per byte of news text): the
//! first byte of each token is classified with a 256-entry table; plain
//! words (ASCII letters and U+00C0..=U+017F, runs of lower-case ASCII eight
//! bytes at a time), one-byte punctuation and symbols, and the dashes and
//! quotes U+2010..=U+2027 are measured in one pass that also yields their
//! shape and length in chars, so no char is decoded and nothing is
//! allocated for them. Everything else — and every word whose next byte
//! could extend it (`-`, `'`, `@`, a period followed by a letter, …) — goes
//! to the general scanner, the one the fast paths must agree with (the unit
//! tests compare them on every char U+0000..U+30FF and on random text).

use crate::model::{Shape, Token, TokenKind};
use crate::span::Span;
use crate::text::normalize::{is_ignorable, normalize, unify};
use once_cell::sync::Lazy;

/// One abbreviation from the built-in list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AbbreviationInfo {
    /// A full stop after it may also end the sentence (`r.`, `itd.`).
    pub can_end_sentence: bool,
}

static ABBREVIATIONS_TSV: &str = include_str!("../../resources/lists/abbreviations.tsv");

/// The built-in abbreviations, and what makes looking them up cheap.
pub(crate) struct Abbreviations {
    /// Lower-cased abbreviation (with its final period), as bytes → info.
    pub(crate) map: crate::hash::FastMap<Vec<u8>, AbbreviationInfo>,
    /// The longest abbreviation, in bytes; bounds the look-ahead.
    pub(crate) longest: usize,
    /// A 4096-bit filter: a bit per (length, first byte, byte before the
    /// period) of each lower-cased key. Most words that end a sentence miss
    /// it and skip the look-up.
    filter: [u64; 64],
    /// The ASCII keys of at most 7 bytes, packed by [`pack_short`], sorted:
    /// a binary search without hashing for the usual `r.`, `ul.`, `tys.`.
    short: Vec<(u64, AbbreviationInfo)>,
}

pub(crate) static ABBREVIATIONS: Lazy<Abbreviations> = Lazy::new(|| {
    let map: crate::hash::FastMap<Vec<u8>, AbbreviationInfo> =
        crate::resources::tsv_rows(ABBREVIATIONS_TSV)
            .filter_map(|(_, cols)| {
                let abbr = cols.first()?.to_lowercase().into_bytes();
                let can_end_sentence = cols.get(1).is_some_and(|c| *c == "yes");
                Some((abbr, AbbreviationInfo { can_end_sentence }))
            })
            .collect();
    let mut filter = [0u64; 64];
    for key in map.keys() {
        let bit = filter_bit(key);
        filter[bit / 64] |= 1 << (bit % 64);
    }
    let mut short: Vec<(u64, AbbreviationInfo)> = map
        .iter()
        .filter(|(k, _)| k.len() <= 7 && k.is_ascii())
        .map(|(k, &info)| (pack_short(k), info))
        .collect();
    short.sort_by_key(|&(k, _)| k);
    Abbreviations {
        longest: map.keys().map(|k| k.len()).max().unwrap_or(0),
        map,
        filter,
        short,
    }
});

/// The filter bit of a lower-cased abbreviation candidate.
#[inline]
fn filter_bit(lower: &[u8]) -> usize {
    let first = lower.first().copied().unwrap_or(0);
    let before_last = lower.len().checked_sub(2).map_or(0, |i| lower[i]);
    filter_bit_of(lower.len(), first, before_last)
}

/// The filter bit from a candidate's length, first byte and byte before its
/// last (0 when missing).
#[inline]
fn filter_bit_of(len: usize, first: u8, before_last: u8) -> usize {
    (len * 613 + first as usize * 31 + before_last as usize) % 4096
}

/// At most 7 ASCII bytes, lower-cased, in one word: byte `i` at bits
/// `8 i..8 i + 8`, the length in the top byte.
#[inline]
fn pack_short(ascii: &[u8]) -> u64 {
    let mut packed = (ascii.len() as u64) << 56;
    for (i, &b) in ascii.iter().enumerate().take(7) {
        packed |= (b.to_ascii_lowercase() as u64) << (8 * i);
    }
    packed
}

impl Abbreviations {
    /// Whether a candidate with this filter bit may be a key.
    #[inline]
    fn may_contain(&self, bit: usize) -> bool {
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Looks up a lower-cased candidate: the filter, then the map.
    #[inline]
    fn lower(&self, lower: &[u8]) -> Option<AbbreviationInfo> {
        if !self.may_contain(filter_bit(lower)) {
            return None;
        }
        self.map.get(lower).copied()
    }

    /// Looks up a short ASCII candidate packed by [`pack_short`]: the
    /// filter, then a binary search.
    #[inline]
    fn short_key(&self, key: u64) -> Option<AbbreviationInfo> {
        let len = (key >> 56) as usize;
        let before_last = len.checked_sub(2).map_or(0, |i| (key >> (8 * i)) as u8);
        if !self.may_contain(filter_bit_of(len, key as u8, before_last)) {
            return None;
        }
        self.short
            .binary_search_by_key(&key, |&(k, _)| k)
            .ok()
            .map(|i| self.short[i].1)
    }
}

/// Looks up an abbreviation (with its period), case-insensitively.
pub(crate) fn abbreviation(text: &str) -> Option<AbbreviationInfo> {
    let table = &*ABBREVIATIONS;
    let len = text.len();
    if len > table.longest {
        return None;
    }
    if len <= 7 {
        let key = pack_short(text.as_bytes());
        // all ASCII (lower-casing leaves bytes >= 0x80 as they are)
        if key & 0x0080_8080_8080_8080 == 0 {
            return table.short_key(key);
        }
    } else if text.is_ascii() && len <= 64 {
        // lower-case on the stack: no allocation
        let mut buf = [0u8; 64];
        let lower = &mut buf[..len];
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        return table.lower(lower);
    }
    if text.chars().all(|c| !c.is_uppercase()) {
        return table.lower(text.as_bytes());
    }
    table.lower(text.to_lowercase().as_bytes())
}

/// Looks up an abbreviation (with its period) known to hold no upper-case
/// letter.
#[inline]
fn lowercase_abbreviation(text: &str) -> Option<AbbreviationInfo> {
    let table = &*ABBREVIATIONS;
    if text.len() > table.longest {
        return None;
    }
    if text.len() <= 7 && text.is_ascii() {
        return table.short_key(pack_short(text.as_bytes()));
    }
    table.lower(text.as_bytes())
}

/// Splits `text` into tokens with exact spans.
///
/// ```
/// let text = "Prof. Nowak (Bielsko-Biała) zapłacił 130\u{a0}000 zł, tj. 2,5% więcej.";
/// let words: Vec<&str> = polner::tokenize(text).iter().map(|t| &text[t.byte_range()]).collect();
/// assert_eq!(words, ["Prof.", "Nowak", "(", "Bielsko-Biała", ")", "zapłacił",
///                    "130\u{a0}000", "zł", ",", "tj.", "2,5%", "więcej", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    // news text has about one token per 6–7 bytes; a quarter of the length
    // leaves room for denser text (numbers, lists) without a second allocation
    let mut tokens = Vec::with_capacity(text.len() / 4 + 4);
    let mut scanner = Scanner {
        text,
        bytes,
        pos: 0,
    };
    // `char_pos` = chars before byte `pos`, kept in step as the loop advances
    let mut pos = 0usize;
    let mut char_pos = 0usize;
    while let Some(&b) = bytes.get(pos) {
        let class = BYTE_CLASS[b as usize];
        (pos, char_pos) = if class == C_SPACE {
            // ASCII spaces and control characters: one char per byte
            (pos + 1, char_pos + 1)
        } else if class == C_LETTER
            || class == C_LATIN && latin_letter_flags(b, bytes.get(pos + 1)) != 0
        {
            // (the space after a word, its usual end, is skipped here
            // rather than by another turn of the loop)
            let (end, end_char) = word(&scanner, &mut tokens, pos, char_pos);
            skip_space(bytes, end, end_char)
        } else if class == C_PUNCT && (b != b'.' || bytes.get(pos + 1) != Some(&b'.')) {
            push(
                &mut tokens,
                pos..pos + 1,
                char_pos,
                1,
                TokenKind::Punct,
                Shape::Other,
                None,
            );
            skip_space(bytes, pos + 1, char_pos + 1)
        } else if class == C_SYMBOL {
            push(
                &mut tokens,
                pos..pos + 1,
                char_pos,
                1,
                TokenKind::Symbol,
                Shape::Other,
                None,
            )
        } else if b == 0xE2
            && bytes.get(pos + 1) == Some(&0x80)
            && let Some(&third) = bytes.get(pos + 2)
            && (0x90..=0xA7).contains(&third)
        {
            // U+2010..=U+2027: dashes, quotes, bullets, `…` — one-char punctuation
            // tokens; the dashes and quotes are unified in `norm`
            let c = char::from_u32(0x2000 | (third as u32 & 0x3F)).unwrap_or('-');
            let norm = unify(c).map(String::from);
            push(
                &mut tokens,
                pos..pos + 3,
                char_pos,
                1,
                TokenKind::Punct,
                Shape::Other,
                norm,
            )
        } else {
            // everything else: the general scanner (it also skips non-ASCII spaces)
            scanner.pos = pos;
            let Some((start, end, kind)) = scanner.next_token() else {
                break;
            };
            let start_char = char_pos + count_chars(&bytes[pos..start]);
            let (shape, norm, chars) = shape_and_norm(&text[start..end]);
            push(
                &mut tokens,
                start..end,
                start_char,
                chars,
                kind,
                shape,
                norm,
            )
        };
    }
    tokens
}

/// Appends a token; returns its end in bytes and in chars.
#[inline(always)]
fn push(
    tokens: &mut Vec<Token>,
    bytes: std::ops::Range<usize>,
    start_char: usize,
    chars: usize,
    kind: TokenKind,
    shape: Shape,
    norm: Option<String>,
) -> (usize, usize) {
    let end = bytes.end;
    tokens.push(Token {
        span: Span {
            byte_start: bytes.start,
            byte_end: bytes.end,
            start: start_char,
            end: start_char + chars,
        },
        kind,
        shape,
        norm,
    });
    (end, start_char + chars)
}

/// Past one ASCII space at byte `pos` (char `char_pos`), if there is one
/// there: what the tokenizer's loop would do with it, without a turn of the
/// loop.
#[inline(always)]
fn skip_space(bytes: &[u8], pos: usize, char_pos: usize) -> (usize, usize) {
    if bytes.get(pos) == Some(&b' ') {
        (pos + 1, char_pos + 1)
    } else {
        (pos, char_pos)
    }
}

/// Chars in a valid UTF-8 byte slice: its non-continuation bytes.
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The shape, normalized text (when it differs) and length in chars of a
/// token found by the general scanner.
///
/// One pass for the shape, the "may need normalization" test and the length;
/// the rare token that needs it is normalized and its shape recomputed.
#[inline]
fn shape_and_norm(slice: &str) -> (Shape, Option<String>, usize) {
    let (shape, clean, chars) = shape_and_clean(slice);
    if clean {
        return (shape, None, chars);
    }
    match normalize(slice) {
        std::borrow::Cow::Borrowed(_) => (shape, None, chars),
        std::borrow::Cow::Owned(s) => (shape_of(&s), Some(s), chars),
    }
}

/// What a byte can start, for the tokenizer's fast paths.
const C_SPACE: u8 = 0;
/// An ASCII letter.
const C_LETTER: u8 = 1;
/// Bytes after `word.` that leave the period to the word's own decision:
/// the end of a sentence or phrase (ASCII other than letters, digits and
/// `.` `_` `-` `+` `@`, which could continue an e-mail address).
const ENDS_AFTER_PERIOD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = !c.is_ascii_alphanumeric() && !matches!(c, b'.' | b'_' | b'-' | b'+' | b'@');
        b += 1;
    }
    t
};

/// A lead byte 0xC3..=0xC5: U+00C0..=U+017F, letters except `×` and `÷`.
const C_LATIN: u8 = 2;
/// ASCII punctuation that is always a one-byte `Punct` token (`.` unless `..` follows).
const C_PUNCT: u8 = 3;
/// ASCII that is always a one-byte `Symbol` token.
const C_SYMBOL: u8 = 4;
/// Anything else (digits, `@`, `#`, other non-ASCII): the general scanner.
const C_OTHER: u8 = 5;

/// The class of each byte (see `C_*`); agrees with `Scanner::next_token`.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [C_OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() {
            C_LETTER
        } else if c.is_ascii_digit() || c == b'@' || c == b'#' {
            C_OTHER
        } else if c == b' ' || c.is_ascii_whitespace() || c.is_ascii_control() {
            C_SPACE
        } else if matches!(
            c,
            b'%' | b'+'
                | b'='
                | b'<'
                | b'>'
                | b'^'
                | b'|'
                | b'~'
                | b'$'
                | b'&'
                | b'*'
                | b'\\'
                | b'/'
        ) {
            C_SYMBOL
        } else {
            C_PUNCT
        };
        b += 1;
    }
    t[0xC3] = C_LATIN;
    t[0xC4] = C_LATIN;
    t[0xC5] = C_LATIN;
    t
};

/// Letter flags of ASCII letters and digits (0 for every other byte), for
/// the word fast path.
const WORD_FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = ASCII_FLAGS[b];
        }
        b += 1;
    }
    t
};

/// `F_UPPER` or `F_LOWER` for the letters U+00C0..=U+017F (0 for `×`, `÷`),
/// indexed by code point − 0xC0.
const LATIN_FLAGS: [u8; 192] = {
    let mut t = [0u8; 192];
    let mut i = 0;
    while i < 192 {
        t[i] = match latin_case_u32(0xC0 + i as u32) {
            Some(true) => F_UPPER,
            Some(false) => F_LOWER,
            None => 0,
        };
        i += 1;
    }
    t
};

/// The case flag of a two-byte letter U+00C0..=U+017F from its lead byte
/// (0xC3..=0xC5) and the byte after it; 0 for anything else (`×`, `÷`,
/// other lead bytes).
#[inline(always)]
fn latin_letter_flags(lead: u8, next: Option<&u8>) -> u8 {
    match (lead, next) {
        (0xC3..=0xC5, Some(&n)) if n & 0xC0 == 0x80 => {
            LATIN_FLAGS[(((lead - 0xC3) as usize) << 6) | (n & 0x3F) as usize]
        }
        _ => 0,
    }
}

/// Bytes after a word that surely end it with nothing else to decide: ASCII
/// other than letters, digits and the characters `Scanner::scan_word` looks
/// at (`-` `'` `.` `@` `_` `+`; `:` only before `//`).
const ENDS_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = !c.is_ascii_alphanumeric() && !matches!(c, b'-' | b'\'' | b'.' | b'@' | b'_' | b'+');
        b += 1;
    }
    t
};

/// A word starting at `start` with an ASCII letter or a letter
/// U+00C0..=U+017F, pushed onto `tokens`; returns its end in bytes and chars.
///
/// The run of such letters and ASCII digits is measured in one pass, its
/// shape and length in chars on the way. When the byte after the run surely
/// ends the word (most often a space or a comma), the run is the token; a
/// period after it is decided here too when nothing but spacing or
/// punctuation follows (abbreviation, initial or plain word, as
/// `Scanner::scan_word` decides them). Anything else goes to
/// `Scanner::scan_word`, and the run's shape is kept when its end agrees.
#[inline(always)]
fn word(
    scanner: &Scanner<'_>,
    tokens: &mut Vec<Token>,
    start: usize,
    start_char: usize,
) -> (usize, usize) {
    let bytes = scanner.bytes;
    let mut p = start;
    let mut flags = 0u8;
    let mut upper = 0usize;
    // two-byte letters, to count chars from bytes
    let mut wide = 0usize;
    loop {
        // lower-case ASCII letters, the bulk of Polish text
        let run = p;
        p = skip_ascii_lower(bytes, p);
        if p != run {
            flags |= F_LOWER;
        }
        let Some(&b) = bytes.get(p) else {
            break;
        };
        let f = WORD_FLAGS[b as usize];
        if f != 0 {
            flags |= f;
            upper += usize::from(f == F_UPPER);
            p += 1;
        } else if BYTE_CLASS[b as usize] == C_LATIN
            && let Some(&n) = bytes.get(p + 1)
            && let f = LATIN_FLAGS[(((b - 0xC3) as usize) << 6) | (n & 0x3F) as usize]
            && f != 0
        {
            flags |= f;
            upper += usize::from(f == F_UPPER);
            wide += 1;
            p += 2;
        } else {
            break;
        }
    }
    let chars = p - start - wide;
    // the first char is a letter: its case is the first letter's case
    let first_upper = || {
        let b = bytes[start];
        if b < 0x80 {
            b.is_ascii_uppercase()
        } else {
            latin_letter_flags(b, bytes.get(start + 1)) == F_UPPER
        }
    };
    let (end, kind, chars) = match bytes.get(p) {
        None => (p, TokenKind::Word, chars),
        Some(&b) if ENDS_WORD[b as usize] && !(b == b':' && bytes[p..].starts_with(b"://")) => {
            (p, TokenKind::Word, chars)
        }
        // a closing quote, dash or ellipsis glued to the word (U+2010..=U+2027
        // but the hyphens U+2010, U+2011 and the apostrophe U+2019)
        Some(0xE2)
            if bytes.get(p + 1) == Some(&0x80)
                && bytes
                    .get(p + 2)
                    .is_some_and(|&t| (0x92..=0xA7).contains(&t) && t != 0x99) =>
        {
            (p, TokenKind::Word, chars)
        }
        // `Koniec.`, `ul. `, `A. `: no e-mail address (its local part
        // would stop at the byte after the period, which is no `@`), and a
        // longer abbreviation would need a letter after the period
        Some(b'.')
            if bytes
                .get(p + 1)
                .is_none_or(|&n| ENDS_AFTER_PERIOD[n as usize])
                && !bytes[start..p].eq_ignore_ascii_case(b"www") =>
        {
            let candidate = &scanner.text[start..p + 1];
            if flags & F_DIGIT == 0
                && p < start + ABBREVIATIONS.longest
                && if upper == 0 {
                    lowercase_abbreviation(candidate)
                } else {
                    abbreviation(candidate)
                }
                .is_some()
            {
                (p + 1, TokenKind::Abbreviation, chars + 1)
            } else if chars == 1 && first_upper() {
                (p + 1, TokenKind::Abbreviation, 2)
            } else {
                (p, TokenKind::Word, chars)
            }
        }
        Some(_) => {
            let (end, kind) = scanner.scan_word(start);
            if end != p {
                let (shape, norm, chars) = shape_and_norm(&scanner.text[start..end]);
                return push(tokens, start..end, start_char, chars, kind, shape, norm);
            }
            (p, kind, chars)
        }
    };
    // a final period adds no letter: the run's shape is the token's
    let shape = shape_from_flags(flags, upper, first_upper);
    push(tokens, start..end, start_char, chars, kind, shape, None)
}

/// The end of the run of ASCII lower-case letters starting at `p`; eight
/// bytes at a time while they last.
#[inline(always)]
fn skip_ascii_lower(bytes: &[u8], mut p: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(p..p + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // bit 7 of each byte: >= b'a', not >= b'{', not >= 0x80. A byte >= 0x80
        // may carry into the next one, but nothing after it is counted.
        let lower = v.wrapping_add(0x1F1F_1F1F_1F1F_1F1F)
            & !v.wrapping_add(0x0505_0505_0505_0505)
            & !v
            & HIGH;
        let n = (!lower & HIGH).trailing_zeros() as usize / 8;
        p += n;
        if n < 8 {
            return p;
        }
    }
    while let Some(&b) = bytes.get(p)
        && b.wrapping_sub(b'a') < 26
    {
        p += 1;
    }
    p
}

/// The capitalization pattern of a token's text.
///
/// ```
/// use polner::{Shape, text::tokenize::shape_of};
/// assert_eq!(shape_of("Kraków"), Shape::Capitalized);
/// assert_eq!(shape_of("NATO"), Shape::Upper);
/// assert_eq!(shape_of("iPhone"), Shape::Mixed);
/// assert_eq!(shape_of("2025"), Shape::Digits);
/// ```
pub fn shape_of(text: &str) -> Shape {
    shape_and_clean(text).0
}

/// Bit flags of what a token's text holds, for [`shape_and_clean`].
const F_DIGIT: u8 = 1;
const F_UPPER: u8 = 2;
const F_LOWER: u8 = 4;
const F_OTHER: u8 = 8;
/// `` ` ``: ASCII, yet outside `normalize`'s fast path for non-ASCII tokens.
const F_BACKTICK: u8 = 16;
const F_NON_ASCII: u8 = 32;
/// A character outside ASCII and U+00C0..=U+024F: `normalize` must look.
const F_NOT_FAST: u8 = 64;

/// ASCII letters and digits, by byte (false for every byte >= 0x80).
const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Flags of each ASCII byte.
const ASCII_FLAGS: [u8; 128] = {
    let mut t = [F_OTHER; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'0'..=b'9' => F_DIGIT,
            b'A'..=b'Z' => F_UPPER,
            b'a'..=b'z' => F_LOWER,
            b'`' => F_OTHER | F_BACKTICK,
            _ => F_OTHER,
        };
        b += 1;
    }
    t
};

/// The letter flag of a non-ASCII char (as [`shape_of`] classifies it).
#[inline]
fn non_ascii_flags(c: char) -> u8 {
    let u = c as u32;
    let fast = if (0xC0..=0x24F).contains(&u) {
        0
    } else {
        F_NOT_FAST
    };
    let class = if let Some(upper) = latin_case_u32(u) {
        if upper { F_UPPER } else { F_LOWER }
    } else if c.is_uppercase() {
        F_UPPER
    } else if c.is_alphabetic() {
        // lower-case letters, and letters without case (CJK, Arabic)
        F_LOWER
    } else {
        F_OTHER
    };
    class | fast | F_NON_ASCII
}

/// The shape of `text` (as [`shape_of`]) and whether [`normalize`] surely
/// borrows it: all ASCII, or only ASCII other than `` ` `` and letters
/// U+00C0..=U+024F — the same fast-path test `normalize` makes — and its
/// length in chars. One pass.
#[inline]
fn shape_and_clean(text: &str) -> (Shape, bool, usize) {
    let bytes = text.as_bytes();
    let mut flags = 0u8;
    let mut upper = 0usize;
    let mut chars = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        chars += 1;
        let f = if b < 0x80 {
            i += 1;
            ASCII_FLAGS[b as usize]
        } else if (0xC3..=0xC5).contains(&b)
            && let Some(&n) = bytes.get(i + 1)
        {
            // U+00C0..=U+017F (all Polish letters) without decoding
            i += 2;
            let u = ((b as u32 & 0x1F) << 6) | (n as u32 & 0x3F);
            F_NON_ASCII
                | match latin_case_u32(u) {
                    Some(true) => F_UPPER,
                    Some(false) => F_LOWER,
                    None => F_OTHER,
                }
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            non_ascii_flags(c)
        };
        flags |= f;
        upper += usize::from(f & F_UPPER != 0);
    }
    let clean = flags & F_NON_ASCII == 0 || flags & (F_BACKTICK | F_NOT_FAST) == 0;
    let shape = shape_from_flags(flags, upper, || first_letter_is_upper(text));
    (shape, clean, chars)
}

/// The shape of a token from the union of its chars' flags and its count of
/// upper-case letters; `first_upper` (is the first letter upper case?) is
/// only asked when that decides between capitalized and mixed.
#[inline]
fn shape_from_flags(flags: u8, upper: usize, first_upper: impl FnOnce() -> bool) -> Shape {
    let lower = flags & F_LOWER != 0;
    if upper == 0 && !lower {
        if flags & F_DIGIT != 0 && flags & F_OTHER == 0 {
            Shape::Digits
        } else {
            Shape::Other
        }
    } else if upper == 0 {
        Shape::Lower
    } else if !lower {
        if upper == 1 {
            Shape::Capitalized
        } else {
            Shape::Upper
        }
    } else if upper == 1 && first_upper() {
        Shape::Capitalized
    } else {
        Shape::Mixed
    }
}

/// Whether the first letter of `text` is upper case (it has letters).
#[inline]
fn first_letter_is_upper(text: &str) -> bool {
    for c in text.chars() {
        let f = if c.is_ascii() {
            ASCII_FLAGS[c as usize]
        } else {
            non_ascii_flags(c)
        };
        if f & (F_UPPER | F_LOWER) != 0 {
            return f & F_UPPER != 0;
        }
    }
    false
}

/// The case of a letter in U+00C0..=U+017F (Latin-1 letters and Latin
/// Extended-A, which hold all Polish letters) without a table lookup:
/// `Some(true)` upper, `Some(false)` lower, `None` outside the range or not a letter.
#[cfg(test)]
fn latin_case(c: char) -> Option<bool> {
    latin_case_u32(c as u32)
}

#[inline]
const fn latin_case_u32(u: u32) -> Option<bool> {
    match u {
        0xD7 | 0xF7 => None,
        0xC0..=0xDE => Some(true),
        0xDF..=0xFF => Some(false),
        // ĸ, ŉ, ſ have no upper-case pair
        0x138 | 0x149 | 0x17F => Some(false),
        // pairs start on odd code points in these two stretches (Ĺ/ĺ … Ň/ň, Ź/ź … Ž/ž)
        0x139..=0x148 | 0x179..=0x17E => Some(u % 2 == 1),
        0x178 => Some(true),
        0x100..=0x177 => Some(u % 2 == 0),
        _ => None,
    }
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

#[inline]
fn is_word_char(c: char) -> bool {
    // Latin-1 and Latin Extended-A letters (all of Polish) without a table lookup
    if ('\u{C0}'..='\u{17F}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks that may follow a letter (decomposed diacritics).
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[inline]
fn is_inner_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Spaces that group digits inside one number.
#[inline]
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}')
}

#[inline]
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_ignorable(c)
}

/// Emoji and pictographs (approximation of Extended_Pictographic).
#[inline]
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2300..=0x23FF | 0x2B00..=0x2BFF
        | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x00A9 | 0x00AE
        | 0x2122 | 0x2139 | 0x2194..=0x21AA)
}

/// Characters that continue an emoji sequence.
#[inline]
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0x1F3FB..=0x1F3FF | 0xFE0E | 0xFE0F | 0x20E3 | 0xE0020..=0xE007F)
}

#[inline]
fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '%' | '‰'
            | '+'
            | '='
            | '<'
            | '>'
            | '^'
            | '|'
            | '~'
            | '$'
            | '€'
            | '£'
            | '¥'
            | '₽'
            | '₴'
            | '§'
            | '°'
            | '±'
            | '×'
            | '÷'
            | '&'
            | '*'
            | '©'
            | '®'
            | '™'
            | '№'
            | '¢'
            | '₿'
            | '\\'
            | '/'
    ) || matches!(c as u32, 0x20A0..=0x20CF | 0x2200..=0x22FF)
}

impl<'t> Scanner<'t> {
    #[inline]
    fn peek_at(&self, pos: usize) -> Option<char> {
        let b = *self.bytes.get(pos)?;
        if b < 0x80 {
            return Some(b as char);
        }
        self.text[pos..].chars().next()
    }

    fn next_token(&mut self) -> Option<(usize, usize, TokenKind)> {
        // skip spaces
        loop {
            // plain ASCII spaces and line breaks without decoding
            while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            let c = self.peek_at(self.pos)?;
            if is_space(c) {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        let start = self.pos;
        let c = self.peek_at(start)?;
        let (end, kind) = if c.is_ascii_digit() {
            self.scan_number(start)
        } else if is_word_char(c) {
            self.scan_word(start)
        } else if is_emoji(c) {
            (self.scan_emoji(start), TokenKind::Emoji)
        } else if (c == '@' || c == '#') && self.peek_at(start + 1).is_some_and(is_word_char) {
            let end = self.scan_while(start + 1, |c| is_word_char(c) || c == '_');
            (
                end,
                if c == '@' {
                    TokenKind::Mention
                } else {
                    TokenKind::Hashtag
                },
            )
        } else if c == '.' && self.bytes.get(start + 1) == Some(&b'.') {
            (self.scan_while(start, |c| c == '.'), TokenKind::Punct)
        } else if is_symbol(c) {
            (start + c.len_utf8(), TokenKind::Symbol)
        } else if c.is_ascii_punctuation() || is_unicode_punct(c) {
            (start + c.len_utf8(), TokenKind::Punct)
        } else {
            // other characters: one token per char, with following marks
            let end = self.scan_while(start + c.len_utf8(), is_mark);
            (end, TokenKind::Other)
        };
        self.pos = end;
        Some((start, end, kind))
    }

    fn scan_while(&self, pos: usize, f: impl Fn(char) -> bool) -> usize {
        self.scan_while_before(pos, usize::MAX, f)
    }

    /// Like `scan_while`, but stops at byte offset `limit` at the latest.
    fn scan_while_before(&self, mut pos: usize, limit: usize, f: impl Fn(char) -> bool) -> usize {
        while pos < limit
            && let Some(c) = self.peek_at(pos)
            && f(c)
        {
            pos += c.len_utf8();
        }
        pos
    }

    /// Scans letters/digits/marks and ignorable characters inside a word.
    fn scan_alnum(&self, mut pos: usize) -> usize {
        loop {
            // ASCII letters and digits without decoding
            while let Some(&b) = self.bytes.get(pos) {
                if ASCII_ALNUM[b as usize] {
                    pos += 1;
                } else if (0xC3..=0xC5).contains(&b)
                    // U+00C0..=U+017F without decoding, except × (C3 97) and ÷ (C3 B7)
                    && self.bytes.get(pos + 1).is_some_and(|&n| {
                        (0x80..=0xBF).contains(&n) && !(b == 0xC3 && (n == 0x97 || n == 0xB7))
                    })
                {
                    pos += 2;
                } else {
                    break;
                }
            }
            match self.peek_at(pos) {
                Some(c)
                    if !c.is_ascii()
                        && (is_word_char(c) || (is_ignorable(c) && c != '\u{FEFF}')) =>
                {
                    pos += c.len_utf8();
                }
                _ => return pos,
            }
        }
    }

    fn scan_emoji(&self, start: usize) -> usize {
        let mut pos = start;
        let first = self.peek_at(pos).unwrap_or(' ');
        pos += first.len_utf8();
        // regional indicator pair (flags)
        if (0x1F1E6..=0x1F1FF).contains(&(first as u32))
            && let Some(c) = self.peek_at(pos)
            && (0x1F1E6..=0x1F1FF).contains(&(c as u32))
        {
            return pos + c.len_utf8();
        }
        loop {
            pos = self.scan_while(pos, is_emoji_modifier);
            if self.peek_at(pos) == Some('\u{200D}')
                && let Some(next) = self.peek_at(pos + 3)
                && is_emoji(next)
            {
                pos += 3 + next.len_utf8();
                continue;
            }
            return pos;
        }
    }

    /// A word, with inner hyphens/apostrophes, and the cases that start with a
    /// letter: URLs, e-mail addresses, abbreviations, initials.
    fn scan_word(&self, start: usize) -> (usize, TokenKind) {
        let mut end = self.scan_alnum(start);
        while let Some(c) = self.peek_at(end)
            && (is_inner_hyphen(c) || is_apostrophe(c))
            && self
                .peek_at(end + c.len_utf8())
                .is_some_and(|n| n.is_alphanumeric())
        {
            end = self.scan_alnum(end + c.len_utf8());
        }
        let next = self.peek_at(end);
        match next {
            Some(':') if self.bytes[end..].starts_with(b"://") => {
                return (self.scan_url(start), TokenKind::Url);
            }
            Some('.' | '@' | '_' | '-' | '+') => {
                if let Some(e) = self.scan_email(start) {
                    return (e, TokenKind::Email);
                }
                if next == Some('.') && self.text[start..end].eq_ignore_ascii_case("www") {
                    return (self.scan_url(start), TokenKind::Url);
                }
            }
            _ => {}
        }
        if next == Some('.') {
            if let Some(e) = self.scan_abbreviation(start) {
                return (e, TokenKind::Abbreviation);
            }
            // an initial: one upper-case letter and a period
            let word = &self.text[start..end];
            let mut chars = word.chars();
            if let (Some(first), None) = (chars.next(), chars.next())
                && first.is_uppercase()
            {
                return (end + 1, TokenKind::Abbreviation);
            }
        }
        let kind = if self.text[start..end].bytes().any(|b| b.is_ascii_digit())
            && self.text[start..end].chars().all(|c| !c.is_alphabetic())
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        (end, kind)
    }

    /// The longest abbreviation (with its final period) starting at `start`.
    fn scan_abbreviation(&self, start: usize) -> Option<usize> {
        let limit = (start + ABBREVIATIONS.longest).min(self.bytes.len());
        let mut best = None;
        let mut pos = start;
        // walk `letters .` groups without spaces
        loop {
            let after_letters = self.scan_while(pos, |c| c.is_alphabetic() || is_mark(c));
            if after_letters == pos || after_letters >= limit {
                break;
            }
            if self.peek_at(after_letters) != Some('.') {
                break;
            }
            let candidate_end = after_letters + 1;
            if abbreviation(&self.text[start..candidate_end]).is_some() {
                best = Some(candidate_end);
            }
            pos = candidate_end;
            if pos >= limit {
                break;
            }
        }
        // an abbreviation must not be glued to a following letter (`np.x`)
        // unless that letter is itself part of a longer listed abbreviation.
        best
    }

    fn scan_url(&self, start: usize) -> usize {
        let mut end = self.scan_while(start, |c| {
            !c.is_whitespace() && !matches!(c, '<' | '>' | '"' | '„' | '”' | '«' | '»')
        });
        // trailing punctuation belongs to the sentence
        while end > start {
            let last = self.text[..end].chars().next_back().unwrap_or(' ');
            if matches!(
                last,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '’'
            ) {
                end -= last.len_utf8();
            } else {
                break;
            }
        }
        end
    }

    /// An e-mail address starting at `start`. The look-ahead is bounded by
    /// the longest local part and domain an address may have (64 and 255
    /// bytes), so a long run of `a.a.a.…` stays linear.
    fn scan_email(&self, start: usize) -> Option<usize> {
        let local_end = self.scan_while_before(start, start + 64, |c| {
            c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+')
        });
        if self.peek_at(local_end) != Some('@') {
            return None;
        }
        let domain_start = local_end + 1;
        let mut end = self.scan_while_before(domain_start, domain_start + 255, |c| {
            c.is_alphanumeric() || matches!(c, '.' | '-')
        });
        while end > domain_start && matches!(self.bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &self.text[domain_start..end];
        if domain.contains('.') && !domain.starts_with('.') {
            Some(end)
        } else {
            None
        }
    }

    fn digits(&self, pos: usize) -> usize {
        let mut p = pos;
        while p < self.bytes.len() && self.bytes[p].is_ascii_digit() {
            p += 1;
        }
        p - pos
    }

    /// Numbers, numeric dates and times, ordinals and percentages.
    fn scan_number(&self, start: usize) -> (usize, TokenKind) {
        let b = self.bytes;
        let n1 = self.digits(start);
        let mut end = start + n1;
        // ISO date 2025-10-15
        if n1 == 4
            && b.get(end) == Some(&b'-')
            && self.digits(end + 1) == 2
            && b.get(end + 3) == Some(&b'-')
            && self.digits(end + 4) == 2
            && !self.peek_at(end + 6).is_some_and(is_word_char)
        {
            return (end + 6, TokenKind::DateTime);
        }
        // 15.10.2025, 15.10.25, 15/10/2025
        if (1..=2).contains(&n1)
            && matches!(b.get(end), Some(b'.' | b'/'))
            && (1..=2).contains(&self.digits(end + 1))
        {
            let sep = b[end];
            let n2 = self.digits(end + 1);
            let after2 = end + 1 + n2;
            if b.get(after2) == Some(&sep) {
                let n3 = self.digits(after2 + 1);
                if (n3 == 2 || n3 == 4) && !self.peek_at(after2 + 1 + n3).is_some_and(is_word_char)
                {
                    return (after2 + 1 + n3, TokenKind::DateTime);
                }
            }
        }
        // 12:30 (and 12:30:15)
        if (1..=2).contains(&n1) && b.get(end) == Some(&b':') && self.digits(end + 1) == 2 {
            let mut e = end + 3;
            if b.get(e) == Some(&b':') && self.digits(e + 1) == 2 {
                e += 3;
            }
            if !self.peek_at(e).is_some_and(is_word_char) {
                return (e, TokenKind::DateTime);
            }
        }
        // digit groups: 130 000 with NBSP/thin space; plain space if unambiguous
        if n1 <= 3 && (n1 == 1 || b[start] != b'0') {
            while let Some(c) = self.peek_at(end)
                && (c == ' ' || is_group_space(c))
                && self.digits(end + c.len_utf8()) == 3
            {
                end += c.len_utf8() + 3;
            }
        }
        // decimal part: 2,5 or 1.5
        if matches!(b.get(end), Some(b',' | b'.')) && self.digits(end + 1) > 0 {
            end = end + 1 + self.digits(end + 1);
        }
        // glued letters or hyphenated suffix: 5G, 10-latek, 15-go, 3D
        match self.peek_at(end) {
            Some(c) if c.is_alphabetic() => {
                let (e, _) = self.scan_word(end);
                return (e, TokenKind::Word);
            }
            Some(c)
                if is_inner_hyphen(c)
                    && self
                        .peek_at(end + c.len_utf8())
                        .is_some_and(|n| n.is_alphabetic()) =>
            {
                let (e, _) = self.scan_word(end + c.len_utf8());
                return (e, TokenKind::Word);
            }
            Some('%') => return (end + 1, TokenKind::Number),
            Some('.') => {
                // ordinal: "15. rocznica" – the period is kept when the next
                // word starts lower-case, so the sentence cannot end here
                let mut p = end + 1;
                while let Some(c) = self.peek_at(p) {
                    if c == ' ' || is_group_space(c) {
                        p += c.len_utf8();
                    } else {
                        break;
                    }
                }
                if p > end + 1 && self.peek_at(p).is_some_and(|c| c.is_lowercase()) {
                    return (end + 1, TokenKind::Number);
                }
            }
            _ => {}
        }
        (end, TokenKind::Number)
    }
}

#[inline]
fn is_unicode_punct(c: char) -> bool {
    matches!(
        c,
        '„' | '”'
            | '“'
            | '«'
            | '»'
            | '‚'
            | '‘'
            | '’'
            | '‹'
            | '›'
            | '…'
            | '–'
            | '—'
            | '‐'
            | '‑'
            | '‒'
            | '―'
            | '−'
            | '·'
            | '•'
            | '¿'
            | '¡'
            | '‟'
            | '′'
            | '″'
    ) || matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF01..=0xFF0F)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// The tokenizer without its fast paths, the oracle they must agree
    /// with: the general scanner for every token, `normalize` for every
    /// token, the two-pass shape and char offsets counted from the start.
    fn reference_tokenize(text: &str) -> Vec<Token> {
        let mut scanner = Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        };
        let mut tokens = Vec::new();
        while let Some((start, end, kind)) = scanner.next_token() {
            scanner.pos = end;
            let slice = &text[start..end];
            let (shape, norm) = match normalize(slice) {
                Cow::Borrowed(_) => (reference_shape(slice), None),
                Cow::Owned(s) => (reference_shape(&s), Some(s)),
            };
            tokens.push(Token {
                span: Span {
                    byte_start: start,
                    byte_end: end,
                    start: text[..start].chars().count(),
                    end: text[..end].chars().count(),
                },
                kind,
                shape,
                norm,
            });
        }
        tokens
    }

    /// Pieces of text that reach every fast path and every way out of it.
    pub(crate) fn tricky_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Kraków",
            "w",
            "Ala",
            "ŁÓDŹ",
            "żółw",
            "iPhone",
            "NATO",
            "x",
            "Y",
            "ab",
            "a1",
            "B2",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "\u{b}",
            "\u{7f}",
            "\u{0}",
            "\u{a0}",
            "\u{2009}",
            "\u{ad}",
            "\u{200b}",
            "\u{200d}",
            "\u{feff}",
            "e\u{328}",
            "o\u{301}",
            "„",
            "”",
            "“",
            "«",
            "»",
            "‚",
            "‘",
            "’",
            "–",
            "—",
            "‐",
            "\u{2011}",
            "•",
            "…",
            "‥",
            "‧",
            "-",
            "--",
            ".",
            "..",
            "...",
            ",",
            ";",
            ":",
            "!",
            "?",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "'",
            "'s",
            "\"",
            "`",
            "´",
            "_",
            "+",
            "=",
            "%",
            "$",
            "/",
            "\\",
            "*",
            "&",
            "@",
            "#",
            "€",
            "×",
            "÷",
            "Ā",
            "ā",
            "ĸ",
            "ŉ",
            "ſ",
            "Ÿ",
            "ß",
            "É",
            "ÿ",
            "ș",
            "Ș",
            "ǅ",
            "²",
            "Ж",
            "中文",
            "ا",
            "👍",
            "🏽",
            "👩‍👩‍👧",
            "🇵🇱",
            "15",
            "0",
            "00",
            "2,5",
            "12:30",
            "15.10.2025",
            "2025-10-15",
            "130\u{a0}000",
            "130 000",
            "1a",
            "r.",
            "ul.",
            "Ul.",
            "m.in.",
            "np.",
            "Np.",
            "tys.",
            "itd.",
            "sp.",
            "o.o.",
            "A.",
            "www",
            "://",
            "https://x.pl/a",
            "a@b.pl",
            "@jan",
            "#tag",
            "Unii Europejskiej",
            "października",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    fn agrees_with_reference(text: &str) {
        assert_eq!(tokenize(text), reference_tokenize(text), "{text:?}");
    }

    /// `abbreviation` without its filter and packed keys.
    fn reference_abbreviation(text: &str) -> Option<bool> {
        ABBREVIATIONS
            .map
            .get(text.to_lowercase().as_bytes())
            .map(|a| a.can_end_sentence)
    }

    #[test]
    fn abbreviation_lookup_agrees_with_the_map() {
        let mut candidates: Vec<String> = Vec::new();
        for key in ABBREVIATIONS.map.keys() {
            let key = String::from_utf8(key.clone()).unwrap();
            candidates.push(key.to_uppercase());
            let mut chars = key.chars();
            if let Some(first) = chars.next() {
                candidates.push(first.to_uppercase().chain(chars).collect());
            }
            candidates.push(key[..key.len() - 1].to_string());
            candidates.push(format!("{key}."));
            candidates.push(format!("a{key}"));
            candidates.push(key);
        }
        candidates.extend(
            [
                "",
                ".",
                "r",
                "R.",
                "Koniec.",
                "abcdefg.",
                "abcdefgh.",
                "\u{0}r.",
            ]
            .map(String::from),
        );
        for text in &candidates {
            assert_eq!(
                abbreviation(text).map(|a| a.can_end_sentence),
                reference_abbreviation(text),
                "{text:?}"
            );
            if !text.chars().any(char::is_uppercase) {
                assert_eq!(
                    lowercase_abbreviation(text).map(|a| a.can_end_sentence),
                    reference_abbreviation(text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn fast_paths_agree_with_reference_on_every_char() {
        for u in (0u32..0x3100).chain(0xFE00..0xFF20).chain(0x1F000..0x1F700) {
            let Some(c) = char::from_u32(u) else { continue };
            for text in [
                format!("{c}"),
                format!("Zaż{c}ółć {c}A1 a{c}. B"),
                format!("ul{c}. x. {c}. Ż{c}, np.{c} www.{c}"),
                format!("A.{c} w{c}-{c}x 5{c}. r.{c}"),
            ] {
                agrees_with_reference(&text);
            }
        }
    }

    #[test]
    fn fast_paths_agree_with_reference_on_the_example_articles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/examples");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            agrees_with_reference(&text);
        }
    }

    fn swar_skip_agrees_with_a_byte_loop(bytes: &[u8]) {
        for p in 0..=bytes.len() {
            let mut q = p;
            while q < bytes.len() && bytes[q].is_ascii_lowercase() {
                q += 1;
            }
            assert_eq!(skip_ascii_lower(bytes, p), q, "from {p} in {bytes:?}");
        }
    }

    #[test]
    fn swar_skip_at_every_byte_value() {
        for b in 0..=255u8 {
            for at in 0..10 {
                let mut bytes = b"abcdefghijklmnopqrstuvwxyz".to_vec();
                bytes[at] = b;
                swar_skip_agrees_with_a_byte_loop(&bytes);
                bytes[at + 9] = b;
                swar_skip_agrees_with_a_byte_loop(&bytes);
            }
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

        #[test]
        fn abbreviation_lookup_on_any_string(text in "[a-zA-ZżŻóÓ.\\x00]{0,10}") {
            prop_assert_eq!(
                abbreviation(&text).map(|a| a.can_end_sentence),
                reference_abbreviation(&text)
            );
            let lower = text.to_lowercase();
            prop_assert_eq!(
                lowercase_abbreviation(&lower).map(|a| a.can_end_sentence),
                reference_abbreviation(&lower)
            );
        }

        #[test]
        fn swar_skip_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            swar_skip_agrees_with_a_byte_loop(&bytes);
        }
    }

    fn texts(input: &str) -> Vec<&str> {
        tokenize(input)
            .iter()
            .map(|t| &input[t.byte_range()])
            .collect()
    }

    fn kinds(input: &str) -> Vec<TokenKind> {
        tokenize(input).iter().map(|t| t.kind).collect()
    }

    #[test]
    fn polish_letters_composed_and_decomposed() {
        assert_eq!(texts("Zażółć gęślą jaźń"), ["Zażółć", "gęślą", "jaźń"]);
        let decomposed = "Zaz\u{0307}o\u{0301}łc\u{0301} ge\u{0328}s\u{0301}la\u{0328}";
        let tokens = tokenize(decomposed);
        assert_eq!(tokens.len(), 2);
        assert_eq!(tokens[0].text(decomposed), "Zażółć");
        assert_eq!(tokens[1].text(decomposed), "gęślą");
        assert_eq!(tokens[0].shape, Shape::Capitalized);
        // char offsets count the combining marks
        assert_eq!(
            tokens[1].span.start,
            decomposed[..tokens[1].span.byte_start].chars().count()
        );
    }

    #[test]
    fn hyphenated_compounds_stay_whole() {
        assert_eq!(texts("Bielsko-Biała"), ["Bielsko-Biała"]);
        assert_eq!(texts("w Kędzierzynie-Koźlu"), ["w", "Kędzierzynie-Koźlu"]);
        assert_eq!(texts("know\u{2011}how"), ["know\u{2011}how"]);
        assert_eq!(texts("biało-czerwoni grali"), ["biało-czerwoni", "grali"]);
        assert_eq!(texts("COVID-19"), ["COVID-19"]);
        assert_eq!(texts("10-latek"), ["10-latek"]);
    }

    #[test]
    fn dash_between_words_is_a_token() {
        assert_eq!(texts("Kraków – miasto"), ["Kraków", "–", "miasto"]);
        assert_eq!(texts("1–5 lipca"), ["1", "–", "5", "lipca"]);
        assert_eq!(texts("2020-2024"), ["2020", "-", "2024"]);
    }

    #[test]
    fn decimal_numbers() {
        assert_eq!(texts("2,5 mln"), ["2,5", "mln"]);
        assert_eq!(texts("1.5 l"), ["1.5", "l"]);
        assert_eq!(kinds("2,5"), [TokenKind::Number]);
        assert_eq!(texts("wynik 3, potem"), ["wynik", "3", ",", "potem"]);
    }

    #[test]
    fn grouped_numbers() {
        assert_eq!(texts("130\u{a0}000 osób"), ["130\u{a0}000", "osób"]);
        assert_eq!(texts("130\u{202f}000 osób"), ["130\u{202f}000", "osób"]);
        assert_eq!(
            texts("1\u{2009}250\u{2009}000,50 zł"),
            ["1\u{2009}250\u{2009}000,50", "zł"]
        );
        assert_eq!(texts("130 000 osób"), ["130 000", "osób"]);
        // not groups: a four-digit year then another number
        assert_eq!(texts("w 2025 100 osób"), ["w", "2025", "100", "osób"]);
        assert_eq!(texts("od 12 do 15"), ["od", "12", "do", "15"]);
    }

    #[test]
    fn ordinal_with_period() {
        assert_eq!(texts("15. rocznica"), ["15.", "rocznica"]);
        assert_eq!(texts("w 2025. Potem"), ["w", "2025", ".", "Potem"]);
        assert_eq!(
            texts("lata 90. XX wieku"),
            ["lata", "90", ".", "XX", "wieku"]
        );
    }

    #[test]
    fn numeric_dates_and_times() {
        assert_eq!(texts("15.10.2025 r."), ["15.10.2025", "r."]);
        assert_eq!(kinds("15.10.2025"), [TokenKind::DateTime]);
        assert_eq!(texts("15.10.25"), ["15.10.25"]);
        assert_eq!(texts("2025-10-15"), ["2025-10-15"]);
        assert_eq!(kinds("2025-10-15"), [TokenKind::DateTime]);
        assert_eq!(texts("o 12:30."), ["o", "12:30", "."]);
        assert_eq!(kinds("12:30"), [TokenKind::DateTime]);
        assert_eq!(texts("o 12.30"), ["o", "12.30"]);
    }

    #[test]
    fn percent_and_roman() {
        assert_eq!(texts("50% głosów"), ["50%", "głosów"]);
        assert_eq!(texts("12,5%"), ["12,5%"]);
        assert_eq!(texts("w XIX wieku"), ["w", "XIX", "wieku"]);
        assert_eq!(tokenize("XIX")[0].shape, Shape::Upper);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            texts("m.in. ul. Długa, al. Róż, pl. Nowy, prof. dr hab. inż. Kowalski"),
            [
                "m.in.", "ul.", "Długa", ",", "al.", "Róż", ",", "pl.", "Nowy", ",", "prof.", "dr",
                "hab.", "inż.", "Kowalski"
            ]
        );
        assert_eq!(texts("ok. 5 tys. zł"), ["ok.", "5", "tys.", "zł"]);
        assert_eq!(texts("Np. tak"), ["Np.", "tak"]);
        assert_eq!(texts("w 1986 r. miasto"), ["w", "1986", "r.", "miasto"]);
        assert_eq!(kinds("tzw."), [TokenKind::Abbreviation]);
        assert_eq!(texts("firma sp. z o.o."), ["firma", "sp.", "z", "o.o."]);
        // not an abbreviation: a plain word before a full stop
        assert_eq!(texts("Koniec."), ["Koniec", "."]);
    }

    #[test]
    fn initials() {
        assert_eq!(texts("A. Miszalski"), ["A.", "Miszalski"]);
        assert_eq!(kinds("A."), [TokenKind::Abbreviation]);
    }

    #[test]
    fn urls_emails_mentions_hashtags() {
        assert_eq!(
            texts("Zobacz https://www.krakow.pl/aktualnosci?id=5."),
            ["Zobacz", "https://www.krakow.pl/aktualnosci?id=5", "."]
        );
        assert_eq!(texts("(www.gov.pl)"), ["(", "www.gov.pl", ")"]);
        assert_eq!(kinds("www.gov.pl"), [TokenKind::Url]);
        assert_eq!(
            texts("pisz: jan.kowalski@um.krakow.pl."),
            ["pisz", ":", "jan.kowalski@um.krakow.pl", "."]
        );
        assert_eq!(kinds("jan.kowalski@um.krakow.pl"), [TokenKind::Email]);
        assert_eq!(
            texts("@KancelariaSejmu #Kraków2025"),
            ["@KancelariaSejmu", "#Kraków2025"]
        );
        assert_eq!(kinds("@a #b"), [TokenKind::Mention, TokenKind::Hashtag]);
    }

    #[test]
    fn emoji_sequences() {
        let text = "Brawo 👍🏽 rodzina 👩‍👩‍👧 flaga 🇵🇱!";
        assert_eq!(
            texts(text),
            ["Brawo", "👍🏽", "rodzina", "👩‍👩‍👧", "flaga", "🇵🇱", "!"]
        );
        assert_eq!(tokenize("❤️")[0].kind, TokenKind::Emoji);
        assert_eq!(tokenize("❤️").len(), 1);
    }

    #[test]
    fn ellipsis() {
        assert_eq!(texts("No cóż..."), ["No", "cóż", "..."]);
        assert_eq!(texts("No cóż…"), ["No", "cóż", "…"]);
    }

    #[test]
    fn quotes_are_tokens_and_normalize() {
        let text = "„Rzeczpospolita” «Le Monde»";
        let tokens = tokenize(text);
        let t: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(t, ["\"", "Rzeczpospolita", "\"", "\"", "Le", "Monde", "\""]);
    }

    #[test]
    fn soft_hyphen_and_zero_width_inside_words() {
        let text = "Kra\u{00AD}ków i Gdań\u{200B}sk";
        let tokens = tokenize(text);
        assert_eq!(tokens.len(), 3);
        assert_eq!(tokens[0].text(text), "Kraków");
        assert_eq!(tokens[2].text(text), "Gdańsk");
    }

    #[test]
    fn latin_case_agrees_with_unicode() {
        for c in '\u{C0}'..='\u{17F}' {
            let expected = if c.is_uppercase() {
                Some(true)
            } else if c.is_lowercase() {
                Some(false)
            } else {
                None
            };
            assert_eq!(latin_case(c), expected, "{c} U+{:04X}", c as u32);
        }
    }

    fn shape_from_counts(
        upper: usize,
        lower: usize,
        digits: usize,
        others: usize,
        first_upper: bool,
    ) -> Shape {
        if upper == 0 && lower == 0 {
            if digits > 0 && others == 0 {
                Shape::Digits
            } else {
                Shape::Other
            }
        } else if upper == 0 {
            Shape::Lower
        } else if lower == 0 {
            if upper == 1 {
                Shape::Capitalized
            } else {
                Shape::Upper
            }
        } else if first_upper && upper == 1 {
            Shape::Capitalized
        } else {
            Shape::Mixed
        }
    }

    /// The two-pass shape computation the one-pass `shape_and_clean` replaced.
    fn reference_shape(text: &str) -> Shape {
        let (mut upper, mut lower, mut digits, mut others) = (0, 0, 0, 0);
        let mut first_upper = false;
        let mut seen_letter = false;
        for c in text.chars() {
            let is_upper = if c.is_ascii_digit() {
                digits += 1;
                continue;
            } else if let Some(upper) = latin_case(c) {
                upper
            } else if c.is_uppercase() {
                true
            } else if c.is_alphabetic() {
                false
            } else {
                others += 1;
                continue;
            };
            if is_upper {
                first_upper |= !seen_letter;
                upper += 1;
            } else {
                lower += 1;
            }
            seen_letter = true;
        }
        shape_from_counts(upper, lower, digits, others, first_upper)
    }

    #[test]
    fn shape_and_clean_agrees_with_normalize() {
        // every char alone and inside a Polish word: `clean` must only be
        // claimed when `normalize` borrows, and the shape must match the
        // shape of the text the token would carry
        for u in (0u32..0x3100).chain(0xFE00..0xFF20) {
            let Some(c) = char::from_u32(u) else { continue };
            for text in [c.to_string(), format!("Zaż{c}ółć"), format!("{c}A1")] {
                let (shape, clean, chars) = shape_and_clean(&text);
                assert_eq!(chars, text.chars().count());
                let norm = normalize(&text);
                if clean {
                    assert!(matches!(norm, std::borrow::Cow::Borrowed(_)), "U+{u:04X}");
                }
                assert_eq!(shape, reference_shape(&text), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn kinds_and_shapes() {
        let tokens = tokenize("NATO iPhone Kraków miasto 2025 , €");
        let shapes: Vec<Shape> = tokens.iter().map(|t| t.shape).collect();
        assert_eq!(
            shapes,
            [
                Shape::Upper,
                Shape::Mixed,
                Shape::Capitalized,
                Shape::Lower,
                Shape::Digits,
                Shape::Other,
                Shape::Other
            ]
        );
        assert_eq!(tokens[5].kind, TokenKind::Punct);
        assert_eq!(tokens[6].kind, TokenKind::Symbol);
    }

    #[test]
    fn whitespace_variants_and_controls_are_gaps() {
        assert_eq!(
            texts("a\u{a0}b\u{2009}c\td\r\ne\u{0}f\u{feff}g"),
            ["a", "b", "c", "d", "e", "f", "g"]
        );
        assert!(tokenize("").is_empty());
        assert!(tokenize(" \n\t\u{a0}").is_empty());
    }
}
