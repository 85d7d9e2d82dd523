//! Writing documents as JSON, in input order.

use super::OutputFormat;
use super::input::InputDoc;
use polner::{Document, Entity, Token, Topics};
use serde::Serialize;
use std::io::Write;

/// The output object of one document (the CLI contract; see the README).
#[derive(Serialize)]
struct OutputDoc<'a> {
    id: &'a serde_json::Value,
    entities: &'a [Entity],
    sentences: Vec<SentenceOut>,
    topics: &'a Topics,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<&'a [Token]>,
}

#[derive(Serialize)]
struct SentenceOut {
    start: usize,
    end: usize,
}

pub struct Writer<W: Write> {
    out: W,
    format: OutputFormat,
    /// `json` output of a single text document: one object, not an array.
    single: bool,
    tokens: bool,
    written: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(out: W, format: OutputFormat, single: bool, tokens: bool) -> Self {
        Writer {
            out,
            format,
            single,
            tokens,
            written: 0,
        }
    }

    pub fn write(&mut self, input: &InputDoc, doc: &Document) -> std::io::Result<()> {
        match self.format {
            OutputFormat::Html => {
                if self.written == 0 {
                    self.out.write_all(HTML_HEAD.as_bytes())?;
                }
                if !self.single {
                    let id = match &input.id {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    writeln!(self.out, "<h2>{}</h2>", escape_html(&id))?;
                }
                self.out
                    .write_all(polner::render::html(&input.text, doc).as_bytes())?;
                self.out.write_all(b"\n")?;
                self.written += 1;
                return Ok(());
            }
            OutputFormat::Conll => {
                if !self.single {
                    self.out.write_all(b"-DOCSTART- O\n\n")?;
                }
                self.out
                    .write_all(polner::render::conll(&input.text, doc).as_bytes())?;
                self.written += 1;
                return Ok(());
            }
            OutputFormat::Json | OutputFormat::Jsonl => {}
        }
        let object = OutputDoc {
            id: &input.id,
            entities: &doc.entities,
            sentences: doc
                .sentences
                .iter()
                .map(|s| SentenceOut {
                    start: s.span.start,
                    end: s.span.end,
                })
                .collect(),
            topics: &doc.topics,
            tokens: self.tokens.then_some(doc.tokens.as_slice()),
        };
        match self.format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, &object)?;
                self.out.write_all(b"\n")?;
            }
            OutputFormat::Html | OutputFormat::Conll => {}
            OutputFormat::Json => {
                if !self.single {
                    self.out
                        .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                }
                serde_json::to_writer_pretty(&mut self.out, &object)?;
                if self.single {
                    self.out.write_all(b"\n")?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(&mut self) -> std::io::Result<()> {
        if self.format == OutputFormat::Json && !self.single {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        if self.format == OutputFormat::Html {
            if self.written == 0 {
                self.out.write_all(HTML_HEAD.as_bytes())?;
            }
            self.out.write_all(b"</body>\n</html>\n")?;
        }
        self.out.flush()
    }
}

const HTML_HEAD: &str = "<!DOCTYPE html>\n<html lang=\"pl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>polner</title>\n</head>\n<body>\n";

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
