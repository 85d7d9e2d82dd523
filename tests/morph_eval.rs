//! Lemma accuracy on a SlavicNER-format directory given by the environment
//! variable `POLNER_SLAVICNER_DIR` (`raw/<topic>/pl/*.txt`,
//! `ner/<topic>/pl/*.tsv`). Skipped, with a message, when it is unset.
//!
//! Run: `POLNER_SLAVICNER_DIR=/path/to/slavicner-pl-dev cargo test --release --test morph_eval -- --nocapture`
//! (`POLNER_SHOW_MISMATCHES=N` prints the first N mismatches).

use polner::morph::eval::lemma_accuracy;

/// The bar the lemmatizer must clear.
const MIN_ACCURACY: f64 = 0.95;

#[test]
fn lemma_accuracy_on_gold_mentions() {
    let Ok(dir) = std::env::var("POLNER_SLAVICNER_DIR") else {
        println!("skipped: set POLNER_SLAVICNER_DIR to a SlavicNER-format directory");
        return;
    };
    let report = lemma_accuracy(&dir).expect("readable SlavicNER directory");
    println!("{report}");
    let show: usize = std::env::var("POLNER_SHOW_MISMATCHES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for m in report.mismatches.iter().take(show) {
        println!("{}\t{}\t{}\t{}", m.label, m.surface, m.gold, m.predicted);
    }
    assert!(report.overall.total > 0, "no mentions found under {dir}");
    assert!(
        report.overall.accuracy() >= MIN_ACCURACY,
        "lemma accuracy {:.4} below {MIN_ACCURACY}",
        report.overall.accuracy()
    );
}
