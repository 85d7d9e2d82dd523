//! Reading documents: whole text files, or jsonl streams one line at a time.

use polner::Date;
use serde_json::Value;
use std::fmt;
use std::io::{BufRead, Read};

/// One document to process.
#[derive(Debug)]
pub struct InputDoc {
    /// The `id` field of a jsonl line (any JSON value), or the file name.
    pub id: Value,
    pub text: String,
    pub date: Option<Date>,
}

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

/// Decodes UTF-8, or explains where it is invalid; `lossy` replaces instead.
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

/// Parses one jsonl line into a document.
pub fn parse_jsonl_line(bytes: Vec<u8>, lossy: bool) -> Result<InputDoc, String> {
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
    Ok(InputDoc { id, text, date })
}

/// Reads jsonl lines one at a time: (line number, bytes without the newline).
pub struct JsonlLines<R> {
    reader: R,
    line: usize,
}

impl<R: BufRead> JsonlLines<R> {
    pub fn new(reader: R) -> Self {
        JsonlLines { reader, line: 0 }
    }
}

impl<R: BufRead> Iterator for JsonlLines<R> {
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
        let doc = parse_jsonl_line(
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
        let err = |s: &[u8]| parse_jsonl_line(s.to_vec(), false).unwrap_err();
        assert!(err(b"{").starts_with("invalid JSON"));
        assert_eq!(err(b"[1]"), "expected a JSON object with a \"text\" field");
        assert_eq!(err(b"{\"id\":1}"), "missing \"text\" field");
        assert!(err(br#"{"text":"a","date":"2025-02-30"}"#).contains("invalid date"));
        assert!(err(b"{\"text\":\"\xff\"}").contains("byte offset 9"));
    }

    #[test]
    fn blank_lines_skipped_and_numbered() {
        let lines: Vec<_> = JsonlLines::new(&b"a\n\n  \r\nb\r\n"[..])
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(lines, [(1, b"a".to_vec()), (4, b"b".to_vec())]);
    }
}
