//! Evaluates the default extractor on a SlavicNER-style directory.
//!
//! `cargo run --release --example eval -- DIR [--errors FILE]`
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: eval DIR [--errors FILE]");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    let ex = polner::Extractor::new();
    eprintln!("Extractor::new: {:?}", start.elapsed());
    let start = std::time::Instant::now();
    let report = polner::eval::evaluate_slavicner(Path::new(dir), &ex).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    eprintln!("evaluated in {:?}", start.elapsed());
    print!("{report}");
    if let Some(i) = args.iter().position(|a| a == "--errors") {
        let path = args.get(i + 1).map(String::as_str).unwrap_or("errors.txt");
        let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        report.write_errors(&mut f).unwrap();
    }
}
