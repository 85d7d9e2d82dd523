//! Reading documents: whole text files, or jsonl streams one line at a time.

use polner::jsonl::decode;
use serde_json::Value;
use std::fmt;
use std::io::Read;

/// One document to process: a jsonl line, or a text file (`id` = its name).
pub use polner::jsonl::JsonlDoc as InputDoc;

/// A problem with one input item: where it is and what is wrong.
#[derive(Debug)]
pub struct InputError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// Reads a whole text document from a file name (`-` = stdin).
pub fn read_text(name: &str, lossy: bool) -> Result<InputDoc, InputError> {
    let mut bytes = Vec::new();
    let result = if name == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(name).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    let source = display_name(name);
    result.map_err(|e| InputError {
        source: source.clone(),
        line: None,
        message: e.to_string(),
    })?;
    let text = decode(bytes, lossy).map_err(|message| InputError {
        source: source.clone(),
        line: None,
        message,
    })?;
    Ok(InputDoc {
        id: Value::String(source),
        text,
        date: None,
    })
}

pub fn display_name(name: &str) -> String {
    if name == "-" {
        "<stdin>".to_string()
    } else {
        name.to_string()
    }
}

/// Documents larger than this (in bytes) are processed in pieces of about
/// this size; see [`read_text_pieces`]. A news article is a few kilobytes, a
/// long report rarely a megabyte; extracting one piece needs roughly 35 times
/// its size in memory (tokens, candidates, entities, topics).
pub const PIECE_BYTES: usize = 1_000_000;

/// A part of a large text document, cut at a paragraph boundary.
#[derive(Debug)]
pub struct Piece {
    /// The document's id (its file name, or the jsonl `id`).
    pub id: Value,
    /// The document's reference date (jsonl `date`).
    pub date: Option<polner::Date>,
    /// The piece's text.
    pub text: String,
    /// Byte offset of the piece in the (decoded) document.
    pub byte_offset: usize,
    /// Character offset of the piece in the document.
    pub char_offset: usize,
    /// The first piece of its document.
    pub first: bool,
    /// The last piece of its document.
    pub last: bool,
}

/// What [`read_text_pieces`] hands on: a whole document, or one piece of a
/// large one (pieces come in order, `first` to `last`).
#[derive(Debug)]
pub enum TextPart {
    Whole(InputDoc),
    Piece(Piece),
}

/// Reads a text document from a file name (`-` = stdin) without holding more
/// than about `2 * piece_bytes` of it: a document of at most `piece_bytes`
/// bytes is handed on whole, a larger one in pieces of at most `piece_bytes`
/// bytes cut at the last blank line of the second half of the piece (else
/// the last sentence end, else the last whitespace, else a character
/// boundary), each piece decoded on its own. `emit` returns `false` to stop
/// reading (the consumer has gone). Errors name the file and, for invalid
/// UTF-8, the byte offset in the whole file.
pub fn read_text_pieces(
    name: &str,
    lossy: bool,
    piece_bytes: usize,
    mut emit: impl FnMut(TextPart) -> bool,
) -> Result<(), InputError> {
    let source = display_name(name);
    let error = |message: String| InputError {
        source: source.clone(),
        line: None,
        message,
    };
    let mut reader: Box<dyn Read> = if name == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(name).map_err(|e| error(e.to_string()))?)
    };
    let piece_bytes = piece_bytes.max(1);
    let mut buf: Vec<u8> = Vec::new();
    let mut eof = fill(&mut reader, &mut buf, piece_bytes + 1).map_err(|e| error(e.to_string()))?;
    if eof && buf.len() <= piece_bytes {
        let text = decode_at(buf, lossy, 0).map_err(&error)?;
        emit(TextPart::Whole(InputDoc {
            id: Value::String(source.clone()),
            text,
            date: None,
        }));
        return Ok(());
    }
    let (mut raw_offset, mut byte_offset, mut char_offset) = (0usize, 0usize, 0usize);
    let mut first = true;
    loop {
        let last = eof && buf.len() <= piece_bytes;
        let bytes = if last {
            std::mem::take(&mut buf)
        } else {
            let rest = buf.split_off(cut_point(&buf, piece_bytes));
            std::mem::replace(&mut buf, rest)
        };
        let raw_len = bytes.len();
        let text = decode_at(bytes, lossy, raw_offset).map_err(&error)?;
        let (len, chars) = (text.len(), char_count(&text));
        let piece = Piece {
            id: Value::String(source.clone()),
            date: None,
            text,
            byte_offset,
            char_offset,
            first,
            last,
        };
        if !emit(TextPart::Piece(piece)) || last {
            return Ok(());
        }
        first = false;
        raw_offset += raw_len;
        byte_offset += len;
        char_offset += chars;
        eof = fill(&mut reader, &mut buf, piece_bytes + 1).map_err(|e| error(e.to_string()))?;
    }
}

/// Hands on a document already in memory (a long jsonl line) in pieces of
/// at most `piece_bytes` bytes, cut as [`read_text_pieces`] cuts them; the
/// whole text is freed after the last piece. `emit` returns `false` to stop.
pub fn split_pieces(doc: InputDoc, piece_bytes: usize, mut emit: impl FnMut(Piece) -> bool) {
    let piece_bytes = piece_bytes.max(1);
    let (mut start, mut char_offset) = (0usize, 0usize);
    loop {
        let rest = &doc.text.as_bytes()[start..];
        let last = rest.len() <= piece_bytes;
        let end = if last {
            doc.text.len()
        } else {
            start + cut_point(rest, piece_bytes)
        };
        let text = doc.text[start..end].to_string();
        let chars = char_count(&text);
        let piece = Piece {
            id: doc.id.clone(),
            date: doc.date,
            text,
            byte_offset: start,
            char_offset,
            first: start == 0,
            last,
        };
        if !emit(piece) || last {
            return;
        }
        start = end;
        char_offset += chars;
    }
}

/// Reads until `buf` holds `want` bytes or the input ends; true at the end.
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    while buf.len() < want {
        let n = (&mut *reader)
            .take((want - buf.len()) as u64)
            .read_to_end(buf)?;
        if n == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The number of characters of `text`, through the one offset conversion.
fn char_count(text: &str) -> usize {
    polner::span::CharIndex::new(text).char_offset(text.len())
}

/// Decodes UTF-8 like [`decode`], but an error names the byte offset in the
/// whole input, `base` being the offset of `bytes` in it.
fn decode_at(bytes: Vec<u8>, lossy: bool, base: usize) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "invalid UTF-8 at byte offset {} (use --lossy to replace invalid bytes)",
            base + e.utf8_error().valid_up_to()
        )),
    }
}

/// Where to end a piece of `buf` (which is longer than `max`): just after
/// the last blank line within `max/2..max`, else after the last sentence end
/// (`.`, `!`, `?` and a whitespace), else after the last whitespace, else at
/// the last character boundary. Always in `1..=max`, never inside a UTF-8
/// sequence (every candidate but the last is just after an ASCII byte).
pub fn cut_point(buf: &[u8], max: usize) -> usize {
    let max = max.min(buf.len());
    let lo = max / 2;
    let window = &buf[lo..max];
    // a blank line: '\n', then only spaces, tabs or '\r', then '\n'
    for i in (0..window.len()).rev() {
        if window[i] != b'\n' {
            continue;
        }
        let mut j = lo + i;
        while j > 0 && matches!(buf[j - 1], b' ' | b'\t' | b'\r') {
            j -= 1;
        }
        if j > 0 && buf[j - 1] == b'\n' {
            return lo + i + 1;
        }
    }
    let sentence_end = (1..window.len())
        .rev()
        .find(|&i| window[i].is_ascii_whitespace() && matches!(window[i - 1], b'.' | b'!' | b'?'));
    if let Some(i) = sentence_end {
        return lo + i + 1;
    }
    if let Some(i) = window.iter().rposition(|b| b.is_ascii_whitespace()) {
        return lo + i + 1;
    }
    // no whitespace at all: the last position not inside a UTF-8 sequence
    // (or, when `max` is shorter than one character, the first one after it)
    let boundary = |i: usize| i == buf.len() || buf[i] & 0xC0 != 0x80;
    (1..=max)
        .rev()
        .find(|&i| boundary(i))
        .or_else(|| (max + 1..=buf.len()).find(|&i| boundary(i)))
        .unwrap_or(buf.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_a_blank_line_then_a_sentence_then_a_space() {
        fn cut(text: &str, max: usize) -> &str {
            &text[..cut_point(text.as_bytes(), max)]
        }
        let text = "Ala ma kota.\n\nKot ma Ale. I psa. Koniec tekstu";
        assert_eq!(cut(text, 20), "Ala ma kota.\n\n");
        assert_eq!(cut(text, 30), "Ala ma kota.\n\nKot ma Ale. ");
        assert_eq!(cut(text, 40), "Ala ma kota.\n\nKot ma Ale. I psa. ");
        assert_eq!(
            cut("Ala ma kota.\n \t\nKot ma Ale. I psa.", 20),
            "Ala ma kota.\n \t\n"
        );
        assert_eq!(cut("Ala ma kota i psa i rybki", 15), "Ala ma kota i ");
        assert_eq!(cut("Alamakotaipsa", 5), "Alama");
    }

    #[test]
    fn never_cuts_inside_a_character() {
        let text = "żółć".repeat(10);
        for max in 1..text.len() {
            let cut = cut_point(text.as_bytes(), max);
            assert!(cut >= 1 && cut <= max.max(2), "{max} {cut}");
            assert!(text.is_char_boundary(cut), "{max} {cut}");
        }
    }
}
