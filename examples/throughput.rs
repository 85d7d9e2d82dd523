//! Rust API throughput over a jsonl file of documents (`{"text": ...}` per
//! line), one thread, fastest of three passes of at least a second each, in CPU time of this thread
//! (from `/proc/thread-self/schedstat`, so a shared machine does not count
//! against it; wall time where that file does not exist); prints one JSON object:
//! `{"bytes": N, "new_ms": .., "first_pass_mbs": .., "tokenize_mbs": .., "morph_mbs": ..,
//! "gazetteer_mbs": .., "extract_mbs": .., "extract_no_topics_mbs": .., "topics_cost": ..}`
//! (`topics_cost`: the time topics add, as a share of the time without them;
//! `first_pass_mbs`: extract over the distinct documents once, in order, before anything else
//! runs, so that every word form and phrase is met for the first time in the process, as in a
//! fresh process reading a stream of new articles: the other figures are for warm caches).
//!
//! `cargo run --release --example throughput -- docs.jsonl` (used by
//! `benches/compare/compare.py`).

use std::time::Instant;

/// Seconds on the CPU of this thread, if the kernel reports it.
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Seconds since `start` on the CPU of this thread, from its CPU time at
/// `start` (`cpu`, from [`cpu_secs`]); wall time when the kernel reports none.
fn cpu_secs_since(start: Instant, cpu: Option<f64>) -> f64 {
    match (cpu, cpu_secs()) {
        (Some(a), Some(b)) => b - a,
        _ => start.elapsed().as_secs_f64(),
    }
}

/// CPU seconds per run of `f`: the fastest of three passes, each running
/// `f` until a second has passed (the kernel counts a thread's CPU time in
/// scheduler ticks of a few milliseconds, so a pass must be long for the
/// count to be exact to a fraction of a percent).
fn best_of_three(mut f: impl FnMut() -> usize) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let cpu = cpu_secs();
            let mut runs = 0u32;
            while runs == 0 || start.elapsed().as_secs_f64() < 1.0 {
                std::hint::black_box(f());
                runs += 1;
            }
            cpu_secs_since(start, cpu) / runs as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: throughput DOCS.jsonl");
    let input = std::fs::read_to_string(&path).expect("readable jsonl");
    let docs: Vec<String> = input
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let start = Instant::now();
    let extractor = polner::Extractor::new();
    // the first extract loads the lazily built resources
    extractor.extract("Kraków, 15 października 2025 r.");
    let new_ms = start.elapsed().as_secs_f64() * 1e3;
    // New text: the distinct documents once, before any other pass warms
    // the per-thread caches of word forms and phrase lemmas.
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<&String> = docs.iter().filter(|d| seen.insert(d.as_str())).collect();
    let distinct_bytes: usize = distinct.iter().map(|d| d.len()).sum();
    let start = Instant::now();
    let cpu = cpu_secs();
    let found: usize = distinct
        .iter()
        .map(|d| extractor.extract(d).entities.len())
        .sum();
    std::hint::black_box(found);
    let first_pass = cpu_secs_since(start, cpu);
    let morphology = polner::Morphology::embedded();
    let gazetteer = polner::gazetteer::builtin();
    let tokenize = best_of_three(|| {
        docs.iter()
            .map(|d| {
                let tokens = polner::tokenize(d);
                polner::text::sentences::split(d, &tokens).len()
            })
            .sum()
    });
    let mut analyses = Vec::new();
    let morph = best_of_three(|| {
        let mut n = 0;
        for d in &docs {
            for t in polner::tokenize(d) {
                if t.kind == polner::TokenKind::Word {
                    analyses.clear();
                    morphology.analyze_into(t.text(d), &mut analyses);
                    n += analyses.len();
                }
            }
        }
        n
    });
    let gazetteer_secs = best_of_three(|| {
        docs.iter()
            .map(|d| gazetteer.find(d, &polner::tokenize(d)).len())
            .sum()
    });
    let extract = best_of_three(|| {
        docs.iter()
            .map(|d| extractor.extract(d).entities.len())
            .sum()
    });
    let no_topics = polner::Extractor::builder()
        .topics(false)
        .build()
        .expect("default configuration");
    let extract_no_topics = best_of_three(|| {
        docs.iter()
            .map(|d| no_topics.extract(d).entities.len())
            .sum()
    });
    let mbs = |secs: f64| bytes as f64 / 1e6 / secs;
    println!(
        "{}",
        serde_json::json!({
            "bytes": bytes,
            "docs": docs.len(),
            "new_ms": new_ms,
            "first_pass_mbs": distinct_bytes as f64 / 1e6 / first_pass,
            "first_pass_bytes": distinct_bytes,
            "tokenize_mbs": mbs(tokenize),
            "morph_mbs": mbs(morph),
            "gazetteer_mbs": mbs(gazetteer_secs),
            "extract_mbs": mbs(extract),
            "extract_no_topics_mbs": mbs(extract_no_topics),
            "topics_cost": extract / extract_no_topics - 1.0,
        })
    );
}
