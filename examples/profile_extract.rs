//! Runs one stage over the example articles repeated N times, for profilers:
//! `valgrind --tool=callgrind target/release/examples/profile_extract 50 [floor|tokenize|extract]`.

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
    let text = text.repeat(repeat);
    let extractor = polner::Extractor::new();
    let start = std::time::Instant::now();
    let count = match mode.as_str() {
        "floor" => {
            use unicode_segmentation::UnicodeSegmentation;
            text.split_word_bounds().count()
        }
        "tokenize" => {
            let tokens = polner::tokenize(&text);
            polner::text::sentences::split(&text, &tokens).len()
        }
        _ => extractor.extract(&text).entities.len(),
    };
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{mode}: {} bytes, count {count}, {:.1} MB/s",
        text.len(),
        text.len() as f64 / 1e6 / secs
    );
}
