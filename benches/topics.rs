//! Cost of topics: `extract` with topics on versus off (issue 6: topics may
//! add at most 25% to the pipeline's time), and with topics but no
//! keyphrases (categories and salient entities only).
//!
//! The corpus is the written category cases (`tests/categories_cases.tsv`),
//! or, when `POLNER_SLAVICNER_DIR` is set, 200 documents of that split
//! (`raw/*/pl/*.txt`) spread evenly over it, which are closer to real article
//! lengths.
//!
//! ```text
//! cargo bench --bench topics
//! POLNER_SLAVICNER_DIR=/work/shared/data/slavicner-pl-dev cargo bench --bench topics
//! ```

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use polner::Extractor;
use std::hint::black_box;

#[path = "corpus.rs"]
mod corpus;

fn documents() -> (String, Vec<String>) {
    if let Some(docs) = corpus::slavicner_sample(200).filter(|d| !d.is_empty()) {
        return ("slavicner".into(), docs);
    }
    let cases = include_str!("../tests/categories_cases.tsv");
    let docs = polner::resources::tsv_rows(cases)
        .filter_map(|(_, cols)| cols.get(1).map(|t| t.to_string()))
        .collect();
    ("written".into(), docs)
}

fn bench(c: &mut Criterion) {
    let (name, docs) = documents();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let on = Extractor::new();
    let off = Extractor::builder().topics(false).build().unwrap();
    let no_keyphrases = Extractor::builder()
        .topics_options(polner::topics::TopicsOptions {
            keyphrases: 0,
            ..Default::default()
        })
        .build()
        .unwrap();
    // Warm lazy resources before measuring.
    let _ = on.extract("Sejm przyjął ustawę.");
    let mut group = c.benchmark_group(format!("extract/{name}"));
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("topics_off", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(off.extract(black_box(d)));
            }
        })
    });
    group.bench_function("topics_on", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(on.extract(black_box(d)));
            }
        })
    });
    group.bench_function("topics_without_keyphrases", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(no_keyphrases.extract(black_box(d)));
            }
        })
    });
    group.finish();
    let tokens: Vec<_> = docs.iter().map(|d| polner::tokenize(d)).collect();
    c.bench_function(&format!("topics_only/{name}"), |b| {
        b.iter(|| {
            for (d, t) in docs.iter().zip(&tokens) {
                let s = polner::text::sentences::split(d, t);
                black_box(polner::topics::compute(
                    d,
                    t,
                    &s,
                    &[],
                    &polner::topics::TopicsOptions::default(),
                ));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
