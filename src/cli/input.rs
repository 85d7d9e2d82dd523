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
