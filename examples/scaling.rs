//! The scaling check of `cargo bench --bench pipeline -- scaling` (issue 8:
//! doubling the input at most doubles the time), measured so that a drifting
//! machine affects every size alike: each round extracts the 1× input eight
//! times, the 2× input four times, 4× twice and 8× once, one after the other,
//! and the fastest round of each size counts. Times are wall time: a round
//! lasts tens of milliseconds, shorter than the scheduler ticks in which the
//! kernel counts a thread's CPU time.
//!
//! `cargo run --release --example scaling -- [ROUNDS] [LARGEST]` (default 15
//! rounds, sizes up to 8×; LARGEST, a power of two, goes further) prints the
//! fastest and the median time per extract of each size, in ms, the ratio of
//! each size to the one before, and, where `/proc/self/stat` tells, the minor
//! page faults per extract (memory the allocator took from the kernel afresh).

use std::time::Instant;

#[path = "../benches/corpus.rs"]
mod corpus;

/// Milliseconds per call of `f`, over `calls` calls.
fn time_ms(calls: usize, mut f: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    for _ in 0..calls {
        std::hint::black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e3 / calls as f64
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15)
        .max(1);
    let largest: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(8)
        .clamp(1usize, 1 << 10)
        .next_power_of_two();
    let extractor = polner::Extractor::new();
    let unit = corpus::scaling_unit();
    let factors: Vec<usize> = (0..=largest.trailing_zeros()).map(|k| 1 << k).collect();
    let inputs: Vec<String> = factors.iter().map(|&f| unit.repeat(f)).collect();
    // one untimed pass warms the caches and the allocator
    for input in &inputs {
        std::hint::black_box(extractor.extract(input).entities.len());
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); factors.len()];
    let mut faults = vec![0u64; factors.len()];
    for _ in 0..rounds {
        for (k, input) in inputs.iter().enumerate() {
            let calls = largest / factors[k];
            let before = minor_faults();
            times[k].push(time_ms(calls, || extractor.extract(input).entities.len()));
            faults[k] += minor_faults().saturating_sub(before) / calls as u64;
        }
    }
    for t in &mut times {
        t.sort_by(f64::total_cmp);
    }
    let row = |name: &str, pick: &dyn Fn(&[f64]) -> f64| {
        let values: Vec<f64> = times.iter().map(|t| pick(t)).collect();
        let cells: Vec<String> = values.iter().map(|v| format!("{v:.2}")).collect();
        let ratios: Vec<String> = values
            .windows(2)
            .map(|w| format!("{:.2}", w[1] / w[0]))
            .collect();
        println!(
            "{name:<8} {} ms; ratios {}",
            cells.join(" / "),
            ratios.join(", ")
        );
    };
    let sizes: Vec<String> = factors.iter().map(|f| f.to_string()).collect();
    println!(
        "extract over {} bytes × {}; {rounds} rounds",
        unit.len(),
        sizes.join(", ")
    );
    row("fastest", &|t| t[0]);
    row("median", &|t| t[t.len() / 2]);
    if minor_faults() > 0 {
        let cells: Vec<String> = faults
            .iter()
            .map(|f| (f / rounds as u64).to_string())
            .collect();
        println!("minor page faults per extract: {}", cells.join(" / "));
    }
}

/// The process's minor page faults so far (field 10 of `/proc/self/stat`),
/// or 0 where that file is not there.
fn minor_faults() -> u64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0;
    };
    // (the fields after the command name, which is in parentheses)
    stat.rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().nth(7))
        .and_then(|f| f.parse().ok())
        .unwrap_or(0)
}
