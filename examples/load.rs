//! Measures `Extractor::new()` and the first extraction (lazy word lists).
fn main() {
    let t = std::time::Instant::now();
    let ex = polner::Extractor::new();
    let new = t.elapsed();
    let t = std::time::Instant::now();
    let n = ex
        .extract("Premier Jan Kowalski przyjechał do Krakowa.")
        .entities
        .len();
    println!(
        "Extractor::new {:?}, first extract {:?} ({n} entities)",
        new,
        t.elapsed()
    );
}
