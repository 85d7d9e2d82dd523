//! Stages not covered by the other benches, the full extract, start-up and
//! a scaling check:
//!
//! - `gazetteer`: built-in gazetteer matching over pre-tokenized text;
//! - `stage alone`: each stage of [`polner::Extractor::stages`] (gazetteer,
//!   rules, temporal) timed alone over news-sized documents whose contexts
//!   the stages before it have filled, and `Context::new` (tokenize and
//!   split sentences) before them; topics alone are in `benches/topics.rs`;
//! - `extract`: the full pipeline, on the own corpus and, when
//!   `POLNER_SLAVICNER_DIR` is set, on those documents one at a time;
//! - `Extractor::new`: building an extractor once the built-in resources are
//!   loaded (the one-off cold start is printed before the benches run);
//! - `scaling`: extract over 1×, 2×, 4×, 8× the same text — with linear cost
//!   the MB/s figures stay flat.
//!
//! `cargo bench --bench pipeline`

use criterion::{
    BatchSize, BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main,
};
use polner::pipeline::Context;
use std::time::Instant;

#[path = "corpus.rs"]
mod corpus;

fn cold_start() {
    // the first extractor in the process loads and compiles the built-in
    // resources (gazetteer automaton, morphology, word lists)
    let start = Instant::now();
    let extractor = polner::Extractor::new();
    let built = start.elapsed();
    let doc =
        extractor.extract("Prezydent Gdańska spotkał się 15 października 2025 r. z ministrem.");
    let first = start.elapsed();
    eprintln!(
        "cold start: Extractor::new {:.1} ms; with the first extract (lazy resources) {:.1} ms ({} entities)",
        built.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        doc.entities.len()
    );
}

fn bench(c: &mut Criterion) {
    cold_start();
    let text = corpus::own_corpus(1 << 20);
    let tokens = polner::tokenize(&text);
    let gazetteer = polner::gazetteer::builtin();
    let extractor = polner::Extractor::new();

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("gazetteer (built-in, pre-tokenized)", |b| {
        b.iter(|| black_box(gazetteer.find(&text, &tokens).len()))
    });
    group.bench_function("extract (full pipeline)", |b| {
        b.iter(|| black_box(extractor.extract(&text).entities.len()))
    });
    group.finish();

    // Each stage alone, over documents of news size: 200 of the SlavicNER
    // texts when they are there, else the own corpus in 8 KB documents.
    let docs: Vec<String> = match corpus::slavicner_sample(200) {
        Some(sample) => sample,
        None => corpus::own_corpus(1 << 20).split("\n\n").fold(
            vec![String::new()],
            |mut docs, paragraph| {
                if docs.last().is_some_and(|d| d.len() >= 8 << 10) {
                    docs.push(String::new());
                }
                let doc = docs.last_mut().expect("one document at least");
                doc.push_str(paragraph);
                doc.push_str("\n\n");
                docs
            },
        ),
    };
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let stages = extractor.stages();
    let mut group = c.benchmark_group("stage alone");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.measurement_time(std::time::Duration::from_secs(2));
    group.bench_function("Context::new (tokenize, sentences)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(Context::new(black_box(d), None));
            }
        })
    });
    for (k, stage) in stages.iter().enumerate() {
        group.bench_function(stage.name(), |b| {
            b.iter_batched(
                || {
                    docs.iter()
                        .map(|d| {
                            let mut cx = Context::new(d, None);
                            for before in &stages[..k] {
                                before.run(&mut cx);
                            }
                            cx
                        })
                        .collect::<Vec<_>>()
                },
                |mut contexts| {
                    for cx in contexts.iter_mut() {
                        stage.run(cx);
                    }
                    contexts
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    if let Some(docs) = corpus::slavicner_docs() {
        let bytes: usize = docs.iter().map(|d| d.len()).sum();
        let mut group = c.benchmark_group("slavicner");
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("extract, one document at a time", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.extract(d).entities.len())
                    .sum::<usize>()
            })
        });
        group.finish();
    }

    c.bench_function("Extractor::new (resources loaded)", |b| {
        b.iter(|| black_box(polner::Extractor::new()))
    });

    let unit = corpus::scaling_unit();
    let mut group = c.benchmark_group("scaling");
    for factor in [1usize, 2, 4, 8] {
        let input = unit.repeat(factor);
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("extract", factor), &input, |b, input| {
            b.iter(|| black_box(extractor.extract(input).entities.len()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
