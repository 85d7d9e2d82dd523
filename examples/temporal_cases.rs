//! Reads JSON lines `{"id": …, "text": "…", "reference_date": "2025-10-20"}`
//! (id and reference_date optional) from standard input and prints, for each,
//! `{"id": …, "entities": [{start, end, text, label, value, source}, …]}`
//! with the DATE, TIME, MONEY and PERCENT entities polner finds.
//!
//! Used by `benches/compare/dates.py` until the CLI has a JSON-lines mode.
//! With `--temporal-only` it runs only what dates need (tokenizer, sentence
//! splitter, temporal stage), which is the fair match for a date parser.
//!
//! ```text
//! echo '{"text": "Wczoraj o 12:30.", "reference_date": "2025-10-20"}' \
//!     | cargo run --release --example temporal_cases
//! ```

use polner::pipeline::{Context, Stage};
use polner::temporal::TemporalStage;
use polner::{Date, Extractor, Label};
use std::io::{BufRead, Write};

fn main() {
    let extractor = Extractor::builder()
        .labels([Label::Date, Label::Time, Label::Money, Label::Percent])
        .build()
        .expect("built-in resources are valid");
    let temporal_only = std::env::args().any(|a| a == "--temporal-only");
    let stage = TemporalStage::default();
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let input: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("skipping a line that is not JSON: {e}");
                continue;
            }
        };
        let text = input["text"].as_str().unwrap_or("");
        let date = input["reference_date"]
            .as_str()
            .and_then(|d| d.parse::<Date>().ok());
        let entities: Vec<serde_json::Value> = if temporal_only {
            let tokens = polner::tokenize(text);
            let sentences = polner::text::sentences::split(text, &tokens);
            let mut cx = Context {
                text,
                tokens,
                sentences,
                candidates: Vec::new(),
                reference_date: date,
            };
            stage.run(&mut cx);
            // temporal candidates never overlap: no resolution needed
            let index = polner::span::CharIndex::new(text);
            cx.candidates
                .iter()
                .map(|c| {
                    let span = index.span(c.bytes.clone());
                    serde_json::json!({
                        "start": span.start,
                        "end": span.end,
                        "text": &text[c.bytes.clone()],
                        "label": c.label.as_str(),
                        "value": c.value,
                        "source": c.source,
                    })
                })
                .collect()
        } else {
            let doc = extractor.extract_with_date(text, date);
            doc.entities
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "start": e.span.start,
                        "end": e.span.end,
                        "text": e.text,
                        "label": e.label.as_str(),
                        "value": e.value,
                        "source": e.source,
                    })
                })
                .collect()
        };
        let record = serde_json::json!({"id": input["id"], "entities": entities});
        if writeln!(out, "{record}").is_err() {
            break;
        }
    }
}
