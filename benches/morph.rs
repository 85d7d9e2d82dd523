//! Morphology benches: `analyze_into` and `analyze_compact_into` over running
//! text (ns per token), `lemmatize_name` on typical names, and the load of the
//! embedded lexicon.
//!
//! The written text is short and repeated, so every form is in the
//! per-thread look-up cache after the first iteration. When
//! `POLNER_SLAVICNER_DIR` names a SlavicNER-format directory, the
//! `news_corpus` cases run over the words of all its texts instead (about
//! 300 000 tokens, most forms rarely repeated): the realistic figure, and the
//! one the ≤ 200 ns/token target is about.
//!
//! Run: `cargo bench --bench morph` (with the variable set for the corpus).

use criterion::{BenchmarkId, Criterion, Throughput, black_box, criterion_group, criterion_main};
use polner::Label;
use polner::morph::Morphology;

/// Polish news-like sentences written for this bench.
const TEXT: &str = "Prezydent Krakowa spotkał się we wtorek z przedstawicielami Unii Europejskiej. \
Rozmawiano o budowie nowej linii tramwajowej, która ma połączyć Nową Hutę z centrum miasta. \
Według urzędników prace rozpoczną się w przyszłym roku, a koszt inwestycji przekroczy miliard złotych. \
Minister spraw zagranicznych poleciał do Stanów Zjednoczonych, gdzie weźmie udział w szczycie NATO. \
W Gdańsku i Gdyni od rana padał deszcz, a kierowcy stali w korkach na obwodnicy Trójmiasta. \
Iga Świątek wygrała w sobotę turniej w Rzymie, pokonując w finale rywalkę z Białorusi. \
Posłowie opozycji zapowiedzieli, że złożą wniosek o wotum nieufności wobec ministra zdrowia. \
Naukowcy z Uniwersytetu Jagiellońskiego opublikowali wyniki badań nad zanieczyszczeniem powietrza. \
Pociąg z Warszawy do Zielonej Góry był opóźniony o czterdzieści minut z powodu awarii sieci trakcyjnej. \
Rada Miasta przyjęła budżet na przyszły rok, choć radni długo spierali się o wydatki na kulturę.";

fn words() -> Vec<String> {
    polner::tokenize(TEXT)
        .iter()
        .map(|t| t.text(TEXT).to_string())
        .collect()
}

/// The words of every text under `$POLNER_SLAVICNER_DIR/raw/*/pl/`, if set.
fn corpus_words() -> Option<Vec<String>> {
    let dir = std::env::var("POLNER_SLAVICNER_DIR").ok()?;
    let mut files = Vec::new();
    for story in std::fs::read_dir(std::path::Path::new(&dir).join("raw"))
        .ok()?
        .flatten()
    {
        if let Ok(docs) = std::fs::read_dir(story.path().join("pl")) {
            files.extend(docs.flatten().map(|d| d.path()));
        }
    }
    files.sort();
    let mut words = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        words.extend(
            polner::tokenize(&text)
                .iter()
                .filter(|t| t.kind == polner::TokenKind::Word)
                .map(|t| t.text(&text).to_string()),
        );
    }
    (!words.is_empty()).then_some(words)
}

/// `analyze_into` of every word; the number of analyses.
fn analyze_all(m: &Morphology, words: &[String]) -> usize {
    let mut buf = Vec::new();
    let mut n = 0;
    for w in words {
        m.analyze_into(black_box(w), &mut buf);
        n += buf.len();
    }
    n
}

/// `analyze_compact_into` of every word; the number of readings.
fn analyze_compact_all(m: &Morphology, words: &[String]) -> usize {
    let mut buf = Vec::new();
    let mut n = 0;
    for w in words {
        m.analyze_compact_into(black_box(w), &mut buf);
        n += buf.len();
    }
    n
}

fn analyze_corpus(c: &mut Criterion) {
    let Some(words) = corpus_words() else {
        eprintln!("morph/news_corpus: skipped (POLNER_SLAVICNER_DIR not set)");
        return;
    };
    let m = Morphology::embedded();
    let mut group = c.benchmark_group("morph/news_corpus");
    group.throughput(Throughput::Elements(words.len() as u64));
    group.sample_size(10);
    group.bench_function("analyze_into", |b| b.iter(|| analyze_all(m, &words)));
    group.bench_function("analyze_compact_into", |b| {
        b.iter(|| analyze_compact_all(m, &words))
    });
    group.finish();
}

fn analyze(c: &mut Criterion) {
    let m = Morphology::embedded();
    let words = words();
    let mut group = c.benchmark_group("morph");
    group.throughput(Throughput::Elements(words.len() as u64));
    group.bench_function("analyze_into/running_text", |b| {
        b.iter(|| analyze_all(m, &words))
    });
    group.bench_function("analyze_compact_into/running_text", |b| {
        b.iter(|| analyze_compact_all(m, &words))
    });
    let names: &[(&[&str], Label)] = &[
        (&["Wielkiej", "Brytanii"], Label::Loc),
        (&["Urzędu", "Miasta", "Krakowa"], Label::Org),
        (&["Aleksandra", "Miszalskiego"], Label::Per),
        (&["Stanach", "Zjednoczonych"], Label::Loc),
    ];
    for (name, label) in names {
        group.bench_with_input(
            BenchmarkId::new("lemmatize_name", name.join(" ")),
            name,
            |b, name| b.iter(|| m.lemmatize_name(black_box(name), *label)),
        );
    }
    group.finish();
}

fn load(c: &mut Criterion) {
    c.bench_function("morph/load_embedded_blob", |b| {
        b.iter(|| Morphology::from_bytes(black_box(polner::morph::EMBEDDED_BYTES)).unwrap())
    });
}

criterion_group!(benches, analyze, analyze_corpus, load);
criterion_main!(benches);
