//! The benchmark corpus: the project's own example articles, repeated to a
//! fixed size, or the texts of `POLNER_SLAVICNER_DIR` when that is set.
//! Shared by the benches with `#[path = "corpus.rs"] mod corpus;`.

#![allow(dead_code)]

use std::path::Path;

/// About `target` bytes of Polish news text written for this project.
pub fn own_corpus(target: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/examples");
    let mut articles: Vec<String> = std::fs::read_dir(&dir)
        .expect("resources/examples exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).expect("readable example"))
        .collect();
    articles.sort();
    let mut out = String::with_capacity(target + 4096);
    while out.len() < target {
        for a in &articles {
            out.push_str(a);
            out.push_str("\n\n");
        }
    }
    out
}

/// The 1× input of the scaling check (`cargo bench --bench pipeline --
/// scaling`, `examples/scaling`, `profile_extract N scaling`): 128 KB of the
/// example articles, repeated 1, 2, 4 and 8 times as one document.
pub fn scaling_unit() -> String {
    own_corpus(128 << 10)
}

/// Documents of a SlavicNER-format directory (`raw/<topic>/pl/*.txt`), if set,
/// in the order of their paths.
pub fn slavicner_docs() -> Option<Vec<String>> {
    let dir = std::env::var_os("POLNER_SLAVICNER_DIR")?;
    let mut paths = Vec::new();
    let raw = Path::new(&dir).join("raw");
    for topic in std::fs::read_dir(raw).ok()? {
        let pl = topic.ok()?.path().join("pl");
        for f in std::fs::read_dir(pl).ok()? {
            let p = f.ok()?.path();
            if p.extension().is_some_and(|x| x == "txt") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// About `n` of [`slavicner_docs`], evenly spread over the directory (news-sized
/// documents for the benches that time one stage or topics), if set.
pub fn slavicner_sample(n: usize) -> Option<Vec<String>> {
    let all = slavicner_docs()?;
    let step = (all.len() / n.max(1)).max(1);
    Some(all.into_iter().step_by(step).take(n).collect())
}
