//! Byte and character offsets: the one place where they are converted.
//!
//! Every span polner reports points into the original input. The Rust API
//! works with byte ranges (`&text[span]` is the mention); JSON and Python use
//! Unicode scalar-value (character) offsets, so that `text[start:end]` works in
//! Python. [`CharIndex`] converts between the two in O(1) amortized time for
//! offsets visited in increasing order, and in O(log n) otherwise.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A span of the input in both referentials: bytes and characters.
///
/// ```
/// use polner::Span;
/// let text = "Łódź i Kraków";
/// let span = Span::from_bytes(text, 10..17);
/// assert_eq!(&text[span.bytes()], "Kraków");
/// assert_eq!(span.chars(), 7..13);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub byte_start: usize,
    /// Byte offset one past the last byte.
    pub byte_end: usize,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

// The span's fields are written in one place, `serialize_fields`, for the
// span on its own and for the structs that flatten a span into theirs.
impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("Span", 4)?;
        self.serialize_fields(&mut state)?;
        state.end()
    }
}

impl Span {
    /// Writes the span's four fields into a serialized struct, in the order
    /// of the span's own form: what a struct with a span flattened into it
    /// serializes (by hand: serde's `flatten` goes through a map and costs
    /// several times as much).
    pub(crate) fn serialize_fields<S: serde::ser::SerializeStruct>(
        &self,
        state: &mut S,
    ) -> Result<(), S::Error> {
        state.serialize_field("byte_start", &self.byte_start)?;
        state.serialize_field("byte_end", &self.byte_end)?;
        state.serialize_field("start", &self.start)?;
        state.serialize_field("end", &self.end)
    }

    /// Builds a span from a byte range of `text`, computing character offsets.
    ///
    /// The byte range must lie on character boundaries of `text`; a range that
    /// does not is clamped to the nearest boundaries at or before each end.
    ///
    /// ```
    /// use polner::Span;
    /// assert_eq!(Span::from_bytes("żółw", 0..4).chars(), 0..2);
    /// ```
    pub fn from_bytes(text: &str, bytes: Range<usize>) -> Span {
        let index = CharIndex::new(text);
        index.span(bytes)
    }

    /// The byte range, for slicing the input in Rust.
    pub fn bytes(&self) -> Range<usize> {
        self.byte_start..self.byte_end
    }

    /// The character range, as Python and JSON consumers index strings.
    pub fn chars(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Converts byte offsets of one text to character offsets.
///
/// Built once per document; lookups are a binary search over a sparse table of
/// checkpoints, then a short forward count, so the index costs one pass over
/// the text and a few words of memory per 64 bytes.
///
/// ```
/// use polner::span::CharIndex;
/// let text = "a😀b";
/// let index = CharIndex::new(text);
/// assert_eq!(index.char_offset(5), 2);
/// assert_eq!(index.char_offset(6), 3);
/// ```
#[derive(Debug, Clone)]
pub struct CharIndex<'t> {
    text: &'t str,
    /// `checkpoints[i]` = number of chars before byte `i * STRIDE` (rounded
    /// down to a char boundary, see [`CharIndex::new`]).
    checkpoints: Vec<(usize, usize)>,
    ascii: bool,
}

const STRIDE: usize = 64;

impl<'t> CharIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return CharIndex {
                text,
                checkpoints: Vec::new(),
                ascii: true,
            };
        }
        let mut checkpoints = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut chars = 0usize;
        let mut last = 0usize;
        let mut next_mark = 0usize;
        while next_mark < bytes.len() {
            let mut mark = next_mark;
            while !text.is_char_boundary(mark) {
                mark -= 1;
            }
            chars += count_chars(&bytes[last..mark]);
            checkpoints.push((mark, chars));
            last = mark;
            next_mark += STRIDE;
        }
        CharIndex {
            text,
            checkpoints,
            ascii: false,
        }
    }

    /// The character offset of byte offset `byte` (clamped to the text's length
    /// and rounded down to a character boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte);
        if self.ascii {
            return byte;
        }
        let slot = match self.checkpoints.binary_search_by(|&(b, _)| b.cmp(&byte)) {
            Ok(i) => return self.checkpoints[i].1,
            Err(0) => return count_chars(&self.text.as_bytes()[..byte]),
            Err(i) => i - 1,
        };
        let (b, c) = self.checkpoints[slot];
        c + count_chars(&self.text.as_bytes()[b..byte])
    }

    /// A [`Span`] for a byte range of the indexed text.
    pub fn span(&self, bytes: Range<usize>) -> Span {
        span_of(self.text, bytes, |b| self.char_offset(b))
    }
}

/// Character offsets of byte offsets visited mostly in increasing order
/// (entities sorted by start): a cursor that counts the characters between
/// the last offset and the next one, so a document costs one pass up to its
/// last entity and no index. Works in any order; going back costs the
/// distance gone back.
///
/// ```
/// use polner::span::CharCursor;
/// let text = "Łódź i Kraków";
/// let mut cursor = CharCursor::new(text);
/// assert_eq!(cursor.span(10..17).chars(), 7..13); // "Kraków"
/// assert_eq!(cursor.span(0..7).chars(), 0..4); // "Łódź", going back
/// ```
#[derive(Debug, Clone)]
pub struct CharCursor<'t> {
    text: &'t str,
    byte: usize,
    chars: usize,
}

impl<'t> CharCursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> CharCursor<'t> {
        CharCursor {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The character offset of `byte` (floored to a character boundary and
    /// clamped to the text, like [`CharIndex::char_offset`]).
    pub fn char_offset(&mut self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte);
        let bytes = self.text.as_bytes();
        if byte >= self.byte {
            self.chars += count_chars(&bytes[self.byte..byte]);
        } else {
            self.chars -= count_chars(&bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }

    /// Moves the cursor forward to `byte`, which the caller knows to be
    /// character `chars` (a token's boundary); does nothing when the cursor
    /// is already there or beyond.
    pub(crate) fn skip_to(&mut self, byte: usize, chars: usize) {
        if byte > self.byte && byte <= self.text.len() {
            self.byte = byte;
            self.chars = chars;
        }
    }

    /// The [`Span`] of a byte range, in bytes and characters (like
    /// [`CharIndex::span`]).
    pub fn span(&mut self, bytes: Range<usize>) -> Span {
        let text = self.text;
        span_of(text, bytes, |b| self.char_offset(b))
    }
}

/// The [`Span`] of a byte range of `text`: both ends floored to character
/// boundaries and clamped (an end before the start becomes the start), the
/// character offsets from `char_offset`, start first.
fn span_of(text: &str, bytes: Range<usize>, mut char_offset: impl FnMut(usize) -> usize) -> Span {
    let byte_start = floor_char_boundary(text, bytes.start);
    let byte_end = floor_char_boundary(text, bytes.end.max(bytes.start));
    Span {
        byte_start,
        byte_end,
        start: char_offset(byte_start),
        end: char_offset(byte_end),
    }
}

/// Number of chars in a byte slice that is valid UTF-8: its bytes that are
/// not continuation bytes (`0b10xx_xxxx`).
///
/// Eight bytes at a time: bit 7 of each byte of `w & !(w << 1)` is set for
/// a continuation byte (bit 7 set, bit 6 clear); those bits, shifted down
/// to bit 0, are summed per byte lane (at most 255 words per round, so no
/// lane overflows) and the lanes added up.
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const PAIRS: u64 = 0x00FF_00FF_00FF_00FF;
    const QUADS: u64 = 0x0001_0001_0001_0001;
    if bytes.len() < 16 {
        return bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    }
    let (words, rest) = bytes.split_at(bytes.len() & !7);
    let mut continuation = rest.iter().filter(|&&b| b & 0xC0 == 0x80).count();
    for block in words.chunks(8 * 255) {
        let mut lanes = 0u64;
        for chunk in block.chunks_exact(8) {
            let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            lanes += ((w & !(w << 1)) & HIGH) >> 7;
        }
        // (each lane holds at most 255; pairs of lanes hold at most 510)
        let pairs = (lanes & PAIRS) + ((lanes >> 8) & PAIRS);
        continuation += (pairs.wrapping_mul(QUADS) >> 48) as usize;
    }
    bytes.len() - continuation
}

/// The largest char boundary of `text` at or below `byte`.
pub(crate) fn floor_char_boundary(text: &str, byte: usize) -> usize {
    if byte >= text.len() {
        return text.len();
    }
    let mut b = byte;
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_serializes_its_fields_in_order_and_reads_back() {
        let span = Span::from_bytes("Łódź i Kraków", 10..17);
        let json = serde_json::to_string(&span).unwrap();
        assert_eq!(
            json,
            r#"{"byte_start":10,"byte_end":17,"start":7,"end":13}"#
        );
        assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), span);
    }

    #[test]
    fn agrees_with_naive_count_everywhere() {
        let text = "Zażółć gęślą jaźń 😀👩‍👩‍👧 e\u{301} ".repeat(9);
        let index = CharIndex::new(&text);
        for (b, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            assert_eq!(index.char_offset(b), text[..b].chars().count(), "byte {b}");
        }
    }

    #[test]
    fn cursor_agrees_with_the_index_in_any_order() {
        let text = "Zażółć gęślą jaźń 😀👩‍👩‍👧 e\u{301} ".repeat(5);
        let index = CharIndex::new(&text);
        let mut cursor = CharCursor::new(&text);
        let mut offsets: Vec<usize> = (0..=text.len() + 3).collect();
        // forwards, backwards, then jumping about
        for _ in 0..2 {
            for &b in &offsets {
                assert_eq!(cursor.char_offset(b), index.char_offset(b), "byte {b}");
            }
            offsets.reverse();
        }
        for b in (0..text.len())
            .step_by(7)
            .chain((0..text.len()).step_by(13).rev())
        {
            assert_eq!(cursor.span(b..b + 9), index.span(b..b + 9), "bytes {b}..");
        }
    }

    #[test]
    fn count_chars_agrees_with_chars_count() {
        // long enough for more than one round of 255 eight-byte words
        let text = "zażółć 😀 e\u{301} abc ".repeat(300);
        let ends = (0..=text.len()).step_by(11).chain([text.len()]);
        for end in ends.filter(|&e| text.is_char_boundary(e)) {
            for start in [0, 1, 7, 8, 9, 2041, 2047]
                .into_iter()
                .filter(|&s| s <= end && text.is_char_boundary(s))
            {
                let slice = &text[start..end];
                assert_eq!(count_chars(slice.as_bytes()), slice.chars().count());
            }
        }
    }

    #[test]
    fn ascii_fast_path() {
        let index = CharIndex::new("abc def");
        assert_eq!(index.span(4..7).chars(), 4..7);
    }

    #[test]
    fn clamps_out_of_range_and_mid_char() {
        let text = "żó";
        let index = CharIndex::new(text);
        assert_eq!(index.char_offset(99), 2);
        assert_eq!(index.char_offset(1), 0);
    }
}
