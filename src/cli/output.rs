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
        self.out.flush()
    }
}
