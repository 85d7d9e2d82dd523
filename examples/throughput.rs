//! Measures single-thread extraction throughput over the .txt files of a directory.
//!
//! `cargo run --release --example throughput -- DIR`
fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: throughput DIR [tok|nogaz|full]");
    let mode = std::env::args().nth(2).unwrap_or_else(|| "full".into());
    let mut docs = Vec::new();
    collect(std::path::Path::new(&dir), &mut docs);
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let ex = polner::Extractor::builder()
        .builtin_gazetteers(mode != "nogaz")
        .build()
        .expect("extractor");
    let _ = ex.extract("Rozgrzewka w Krakowie.");
    let start = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        for d in &docs {
            n += if mode == "tok" {
                polner::sentences(d).len()
            } else {
                ex.extract(d).entities.len()
            };
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} docs, {:.1} MB x3 in {:.2}s: {:.1} MB/s ({} entities)",
        docs.len(),
        bytes as f64 / 1e6,
        secs,
        3.0 * bytes as f64 / 1e6 / secs,
        n
    );
}
