//! Prints the top-k keyphrases of text files as JSON lines, then one line
//! with the time spent in `extract` (used by `benches/compare/keyphrases.py`).
//!
//! ```text
//! cargo run --release --example keyphrases -- 5 FILE...
//! cargo run --release --example keyphrases -- off FILE...   # topics off, for timing
//! ```
//! Each output line is `{"file": …, "keyphrases": [{"text", "lemma", "score"}…]}`;
//! the last is `{"docs": n, "bytes": n, "seconds": s}`. Extraction runs on one
//! thread, files are read before timing starts.

use polner::Extractor;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    // K = "off" runs the pipeline without topics (for timing).
    let k_arg = args.next().expect("usage: keyphrases K|off FILE...");
    let topics = k_arg != "off";
    let k: usize = k_arg.parse().unwrap_or(0);
    let files: Vec<String> = args.collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect();
    let extractor = Extractor::builder()
        .topics(topics)
        .topics_k(k)
        .build()
        .expect("valid config");
    let _ = extractor.extract("Rozgrzewka.");
    let start = Instant::now();
    let docs: Vec<_> = texts.iter().map(|t| extractor.extract(t)).collect();
    let seconds = start.elapsed().as_secs_f64();
    for (file, doc) in files.iter().zip(&docs) {
        let line = serde_json::json!({ "file": file, "keyphrases": doc.topics.keyphrases });
        println!("{line}");
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    println!(
        "{}",
        serde_json::json!({ "docs": docs.len(), "bytes": bytes, "seconds": seconds })
    );
}
