//! Reading documents from jsonl: one JSON object per line,
//! `{"id": ..., "text": "...", "date": "YYYY-MM-DD"}` (feature `jsonl`, on
//! with `cli`). `id` and `date` are optional; `date` is the reference date
//! for that document's relative expressions.
//!
//! ```
//! use polner::jsonl::{parse_line, Lines};
//! let input = "{\"id\": 1, \"text\": \"Kraków\"}\n\n{\"text\": 5}\n";
//! let mut lines = Lines::new(input.as_bytes());
//! let (n, first) = lines.next().unwrap().unwrap();
//! assert_eq!((n, parse_line(first, false).unwrap().text.as_str()), (1, "Kraków"));
//! let (n, second) = lines.next().unwrap().unwrap();
//! assert_eq!((n, parse_line(second, false).unwrap_err().as_str()), (3, "\"text\" must be a string"));
//! ```

use crate::Date;
use serde_json::Value;
use std::io::BufRead;

/// One document read from a jsonl line.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonlDoc {
    /// The `id` field as given (any JSON value), `Null` when absent.
    pub id: Value,
    /// The text.
    pub text: String,
    /// The reference date, when given.
    pub date: Option<Date>,
}

/// Decodes UTF-8, or says at which byte offset it is invalid; `lossy`
/// replaces invalid bytes instead.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "invalid UTF-8 at byte offset {} (use --lossy to replace invalid bytes)",
            e.utf8_error().valid_up_to()
        )),
    }
}

/// Parses one jsonl line (without its newline) into a document; the error
/// says what is wrong with the line.
pub fn parse_line(bytes: Vec<u8>, lossy: bool) -> Result<JsonlDoc, String> {
    let line = decode(bytes, lossy)?;
    let value: Value = serde_json::from_str(&line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(mut object) = value else {
        return Err("expected a JSON object with a \"text\" field".to_string());
    };
    let text = match object.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("\"text\" must be a string".to_string()),
        None => return Err("missing \"text\" field".to_string()),
    };
    let date = match object.remove("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.parse::<Date>().map_err(|e| format!("\"date\": {e}"))?),
        Some(_) => return Err("\"date\" must be a string YYYY-MM-DD".to_string()),
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    Ok(JsonlDoc { id, text, date })
}

/// Reads jsonl lines one at a time: `(line number, bytes without the
/// newline)`. Blank lines are skipped but counted, so numbers match the file.
pub struct Lines<R> {
    reader: R,
    line: usize,
}

impl<R: BufRead> Lines<R> {
    /// Reads lines from `reader`.
    pub fn new(reader: R) -> Self {
        Lines { reader, line: 0 }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = std::io::Result<(usize, Vec<u8>)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut buf = Vec::new();
            match self.reader.read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) => {
                    self.line += 1;
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue; // blank lines are not documents
                    }
                    return Some(Ok((self.line, buf)));
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_fields() {
        let doc = parse_line(
            br#"{"id": 7, "text": "Ala", "date": "2025-10-20"}"#.to_vec(),
            false,
        )
        .unwrap();
        assert_eq!(doc.id, Value::from(7));
        assert_eq!(doc.text, "Ala");
        assert_eq!(doc.date, Some(Date::new(2025, 10, 20).unwrap()));
    }

    #[test]
    fn jsonl_errors_say_what_is_wrong() {
        let err = |s: &[u8]| parse_line(s.to_vec(), false).unwrap_err();
        assert!(err(b"{").starts_with("invalid JSON"));
        assert_eq!(err(b"[1]"), "expected a JSON object with a \"text\" field");
        assert_eq!(err(b"{\"id\":1}"), "missing \"text\" field");
        assert!(err(br#"{"text":"a","date":"2025-02-30"}"#).contains("invalid date"));
        assert!(err(b"{\"text\":\"\xff\"}").contains("byte offset 9"));
    }

    #[test]
    fn blank_lines_skipped_and_numbered() {
        let lines: Vec<_> = Lines::new(&b"a\n\n  \r\nb\r\n"[..])
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(lines, [(1, b"a".to_vec()), (4, b"b".to_vec())]);
    }
}
