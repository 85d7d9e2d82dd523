//! Runs one stage over the example articles repeated N times, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile_extract 50 [floor|tokenize|extract|stages] [FILE]`
//! (FILE: a text file to use instead of the example articles; `stages` runs
//! the full extraction without topics, to see the earlier stages alone;
//! `scaling` extracts the input of `cargo bench --bench pipeline -- scaling`,
//! 128 KB of the articles repeated N times, as one document, for
//! `--cache-sim=yes` runs at 1× and 8×).

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/examples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "txt"))
    {
        text.push_str(&std::fs::read_to_string(f).unwrap());
    }
    let mut args = std::env::args().skip(1);
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let mode = args.next().unwrap_or_else(|| "extract".to_string());
    if let Some(path) = args.next() {
        text = std::fs::read_to_string(path).unwrap();
    }
    let text = if mode == "scaling" {
        corpus::scaling_unit().repeat(repeat)
    } else {
        text.repeat(repeat)
    };
    let extractor = if mode == "stages" {
        polner::Extractor::builder().topics(false).build().unwrap()
    } else {
        polner::Extractor::new()
    };
    // Warm up lazily built tables and caches (POLNER_PROFILE_COLD=1 skips it) so that a
    // profile of `run` shows steady-state cost:
    // `valgrind --tool=callgrind --toggle-collect='profile_extract::run' ...`.
    // POLNER_PROFILE_WARM=FILE warms up on another text instead, so that `run` meets
    // words new to the caches (the cost of new text) without the one-off loading.
    if let Some(path) = std::env::var_os("POLNER_PROFILE_WARM") {
        let other = std::fs::read_to_string(path).unwrap();
        warm_up(&extractor, &mode, &other);
    } else if std::env::var_os("POLNER_PROFILE_COLD").is_none() {
        warm_up(&extractor, &mode, &text);
    }
    let start = std::time::Instant::now();
    let count = run(&extractor, &mode, &text);
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{mode}: {} bytes, count {count}, {:.1} MB/s",
        text.len(),
        text.len() as f64 / 1e6 / secs
    );
}

#[inline(never)]
fn warm_up(extractor: &polner::Extractor, mode: &str, text: &str) -> usize {
    // (not the same body as `run`, or the linker may fold the two functions
    // into one symbol and the profile would count the warm-up too)
    eprintln!("warming up");
    stage(extractor, mode, text)
}

/// The measured pass (the function to toggle collection on).
#[inline(never)]
fn run(extractor: &polner::Extractor, mode: &str, text: &str) -> usize {
    stage(extractor, mode, text)
}

/// One stage over the whole text; documents are separated by two blank lines.
#[inline(never)]
fn stage(extractor: &polner::Extractor, mode: &str, text: &str) -> usize {
    match mode {
        "floor" => {
            use unicode_segmentation::UnicodeSegmentation;
            text.split_word_bounds().count()
        }
        "tokenize" => {
            let tokens = polner::tokenize(text);
            polner::text::sentences::split(text, &tokens).len()
        }
        "scaling" => extractor.extract(text).entities.len(),
        _ => text
            .split("\n\n\n")
            .map(|doc| extractor.extract(doc).entities.len())
            .sum(),
    }
}
