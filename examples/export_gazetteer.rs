//! Prints the built-in gazetteer the extractor uses as spaCy `EntityRuler`
//! phrase patterns, one JSON object a line: `{"label": "LOC", "pattern": "Krakowie"}`
//! for the lemma and every surface form of every entry.
//!
//! `cargo run --release --example export_gazetteer > patterns.jsonl`
//! (used by `benches/compare/compare.py`).

use std::collections::HashSet;
use std::io::Write;

fn main() -> std::io::Result<()> {
    match export() {
        // `| head` closed the pipe: not an error
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn export() -> std::io::Result<()> {
    let gazetteer = polner::gazetteer::builtin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut seen = HashSet::new();
    for entry in gazetteer.entries() {
        let label = entry.label.as_str();
        for form in std::iter::once(&entry.lemma).chain(entry.forms.iter()) {
            // earlier entries win on shared forms, as in the matcher
            if !seen.insert(form.clone()) {
                continue;
            }
            let line = serde_json::json!({ "label": label, "pattern": form });
            writeln!(out, "{line}")?;
        }
    }
    out.flush()
}
