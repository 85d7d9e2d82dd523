//! Runs `Morphology::analyze_into` over the word tokens of a text (as the
//! `morph` bench does), for profilers:
//! `valgrind --tool=callgrind --toggle-collect='profile_morph::run' \
//!    target/release/examples/profile_morph [FILE] [compact|full] [PASSES]`
//! (FILE: a text file; default: the example articles; `compact`: run
//! `analyze_compact_into` instead). Prints the token count, so that
//! instructions per token = Ir of `run` / tokens. With PASSES, also times
//! that many more passes by the process's CPU time (from `/proc/self/stat`,
//! Linux only), which a busy machine disturbs less than the wall clock.
//! With a fourth argument `cold`, each of those passes runs on a fresh
//! thread, whose look-up cache starts empty: the figure of a single pass
//! over a text never seen, whatever the size of the cache.

/// Whether to run `analyze_compact_into`.
static COMPACT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

fn main() {
    let _ = COMPACT.set(std::env::args().nth(2).as_deref() == Some("compact"));
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).unwrap(),
        None => {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/examples");
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|f| f.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect()
        }
    };
    let tokens = polner::tokenize(&text);
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == polner::TokenKind::Word)
        .map(|t| t.text(&text))
        .collect();
    let m = polner::morph::Morphology::embedded();
    let mut buf = Vec::new();
    // Warm up until the reused lemma buffers have grown to their sizes.
    let warm = warm_up(m, &words, &mut buf);
    let (count, secs) = run(m, &words, &mut buf);
    assert_eq!(warm, count);
    eprintln!(
        "{} tokens, {count} analyses, {:.0} ns/token",
        words.len(),
        secs * 1e9 / words.len() as f64
    );
    let passes: usize = std::env::args()
        .nth(3)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let cold = std::env::args().nth(4).as_deref() == Some("cold");
    if passes > 0
        && let Some(start) = cpu_ticks()
    {
        for _ in 0..passes {
            if cold {
                let words = &words;
                let n = std::thread::scope(|s| {
                    s.spawn(move || pass(m, words, &mut Vec::new()))
                        .join()
                        .unwrap_or(0)
                });
                assert_eq!(n, count);
            } else {
                assert_eq!(pass(m, &words, &mut buf), count);
            }
        }
        if let Some(end) = cpu_ticks() {
            // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
            let ns = (end - start) as f64 * 1e7;
            eprintln!(
                "{passes} {}passes: {:.0} ns/token of CPU time",
                if cold { "cold " } else { "" },
                ns / (passes * words.len()) as f64
            );
        }
    }
}

/// User plus system CPU time of the process so far, in clock ticks.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which ends with `)`): utime and
    // stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

#[inline(never)]
fn warm_up(
    m: &polner::morph::Morphology,
    words: &[&str],
    buf: &mut Vec<polner::morph::Analysis>,
) -> usize {
    // Until the reused lemma buffers have grown to their sizes.
    (0..3).map(|_| pass(m, words, buf)).last().unwrap_or(0)
}

/// The measured pass (the function to toggle collection on) and its time
/// in seconds. It times itself so that it is not merged with `pass` (the
/// warm-up passes would then be collected too).
#[inline(never)]
fn run(
    m: &polner::morph::Morphology,
    words: &[&str],
    buf: &mut Vec<polner::morph::Analysis>,
) -> (usize, f64) {
    let start = std::time::Instant::now();
    let count = pass(m, words, buf);
    (count, start.elapsed().as_secs_f64())
}

#[inline(never)]
fn pass(
    m: &polner::morph::Morphology,
    words: &[&str],
    buf: &mut Vec<polner::morph::Analysis>,
) -> usize {
    let mut n = 0;
    if COMPACT.get().copied().unwrap_or(false) {
        let mut compact = Vec::new();
        for w in words {
            m.analyze_compact_into(std::hint::black_box(w), &mut compact);
            n += compact.iter().map(|r| r.expansions()).sum::<usize>();
        }
        return n;
    }
    for w in words {
        m.analyze_into(std::hint::black_box(w), buf);
        n += buf.len();
    }
    n
}
