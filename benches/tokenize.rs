//! Tokenizer + sentence splitter throughput, next to a bare
//! `unicode-segmentation` word-boundary pass over the same text (the floor);
//! with `POLNER_SLAVICNER_DIR` set, also over that corpus's documents one by one.

use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

#[path = "corpus.rs"]
mod corpus;

fn bench(c: &mut Criterion) {
    let text = corpus::own_corpus(1 << 20);
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("floor: unicode-segmentation split_word_bounds", |b| {
        b.iter(|| black_box(text.split_word_bounds().count()))
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| black_box(polner::tokenize(&text).len()))
    });
    group.bench_function("tokenize + sentences", |b| {
        b.iter(|| {
            let tokens = polner::tokenize(&text);
            black_box(polner::text::sentences::split(&text, &tokens).len())
        })
    });
    let extractor = polner::Extractor::new();
    group.bench_function("extract (full pipeline)", |b| {
        b.iter(|| black_box(extractor.extract(&text).entities.len()))
    });
    group.finish();
    // Real documents one at a time, as the pipeline sees them: each token
    // list stays in cache between tokenizing and splitting (the 1 MiB text
    // above makes the splitter read its 64-byte tokens back from memory).
    if let Some(docs) = corpus::slavicner_docs() {
        let mut group = c.benchmark_group("text (SlavicNER documents)");
        group.throughput(Throughput::Bytes(docs.iter().map(|d| d.len() as u64).sum()));
        group.bench_function("tokenize + sentences", |b| {
            b.iter(|| {
                docs.iter()
                    .map(|doc| {
                        let tokens = polner::tokenize(doc);
                        polner::text::sentences::split(doc, &tokens).len()
                    })
                    .sum::<usize>()
            })
        });
        group.finish();
    }
    c.bench_function("Extractor::new", |b| {
        b.iter(|| black_box(polner::Extractor::new()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(4));
    targets = bench
}
criterion_main!(benches);
