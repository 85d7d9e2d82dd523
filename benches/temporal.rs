//! What the temporal stage costs inside the pipeline.
//!
//! - `pipeline/without_temporal`: tokenize, split sentences and run the
//!   stages before the temporal one (`Extractor::stages`: the gazetteers and
//!   the name rules);
//! - `pipeline/with_temporal`: the same plus the temporal stage;
//! - `temporal_only`: the stage alone on a prepared context;
//! - `extract`: `Extractor::extract`, the whole public call.
//!
//! Documents are processed one at a time, as the pipeline does. The built-in
//! text is our own news-like Polish prose, two paragraphs repeated to 28 KB;
//! it is deliberately dense in dates and amounts (one every 40 bytes, about
//! fifteen times the density of ordinary news), so it shows the worst case.
//! Set `POLNER_BENCH_CORPUS` to a file or a directory of `.txt` files (one
//! document each) to measure on other text.
//!
//! ```text
//! cargo bench --bench temporal
//! POLNER_BENCH_CORPUS=/path/to/texts cargo bench --bench temporal
//! ```

use criterion::{BatchSize, Criterion, Throughput, black_box, criterion_group, criterion_main};
use polner::pipeline::{Context, Stage};
use polner::{Date, Extractor};

const SAMPLE: &str = "\
Rada Miasta Krakowa przyjęła w czwartek uchwałę budżetową na 2026 r. Wydatki \
mają wynieść 9,8 mld zł, o 4,5 proc. więcej niż w tym roku. Prezydent miasta \
zapowiedział, że pierwsze przetargi ruszą w I kwartale, a najważniejsze \
inwestycje zostaną ukończone do końca 2027 roku. Radni opozycji krytykowali \
projekt. Ich zdaniem deficyt sięgnie 600 mln zł, a zadłużenie przekroczy 50% \
dochodów. Sesja rozpoczęła się o godz. 10:00 i trwała niemal dziewięć godzin.
Według danych urzędu w ubiegłym roku do miasta przyjechało ponad 14 mln \
turystów, którzy wydali łącznie około 2,5 mld euro. Najwięcej gości było w \
lipcu i sierpniu. Hotelarze spodziewają się, że w przyszłym roku ruch wzrośnie \
o kolejne 8 proc. Bilet normalny na tramwaj kosztuje 6 zł, a miesięczny 80 zł \
50 gr. Od 1 do 5 lipca w centrum odbędzie się festiwal, na który przyjadą \
zespoły z całej Europy. Organizatorzy przypominają, że w latach 90. impreza \
była znacznie mniejsza, a jej pierwsza edycja odbyła się 15 października 1994 \
roku w małym klubie przy ul. Floriańskiej. Wczoraj wieczorem ogłoszono program. \
Minister finansów powiedział dwa tygodnie temu, że inflacja spadnie poniżej \
3 proc. w drugiej połowie roku. Ekonomiści banku centralnego są ostrożniejsi: \
ich zdaniem ceny energii mogą wzrosnąć na przełomie 2025 i 2026 roku. \
Spotkanie komisji zaplanowano na przyszły poniedziałek o 12.30 w sali obrad.
";

/// The documents to process, one at a time (as the pipeline does).
fn corpus() -> Vec<String> {
    let Ok(path) = std::env::var("POLNER_BENCH_CORPUS") else {
        let paragraphs: Vec<String> = SAMPLE.lines().map(String::from).collect();
        return (0..10).flat_map(|_| paragraphs.clone()).collect();
    };
    let path = std::path::Path::new(&path);
    if path.is_dir() {
        let mut files: Vec<_> = walk(path);
        files.sort();
        files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    } else {
        vec![std::fs::read_to_string(path).expect("POLNER_BENCH_CORPUS is readable")]
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
    out
}

/// The context the temporal stage meets in the pipeline: the document's
/// tokens and sentences and the candidates of the stages before it.
fn context<'t>(text: &'t str, before: &[Box<dyn Stage>]) -> Context<'t> {
    let mut cx = Context::new(text, Date::new(2025, 10, 20));
    for stage in before {
        stage.run(&mut cx);
    }
    cx
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let extractor = Extractor::builder()
        .reference_date(Date::new(2025, 10, 20).unwrap())
        .build()
        .unwrap();
    let stages = extractor.stages();
    let at = stages
        .iter()
        .position(|s| s.name() == "temporal")
        .expect("the pipeline has a temporal stage");
    let (before, stage) = (&stages[..at], &stages[at]);

    // warm lazy statics
    for doc in &docs {
        let mut warm = context(doc, before);
        stage.run(&mut warm);
    }

    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("without_temporal", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(context(black_box(doc), before));
            }
        })
    });
    group.bench_function("with_temporal", |b| {
        b.iter(|| {
            for doc in &docs {
                let mut cx = context(black_box(doc), before);
                stage.run(&mut cx);
                black_box(cx);
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("temporal_only");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("run", |b| {
        b.iter_batched(
            || docs.iter().map(|d| context(d, before)).collect::<Vec<_>>(),
            |mut cxs| {
                for cx in cxs.iter_mut() {
                    stage.run(cx);
                }
                cxs
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("full", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(extractor.extract(black_box(doc)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
