//! The evaluation bar on the SlavicNER development split.
//!
//! Runs when `POLNER_SLAVICNER_DIR` points at a SlavicNER-style directory
//! (`raw/` + `ner/`), and fails below strict mention F1 0.75 or lemma
//! accuracy 0.93; skipped with a message otherwise. With
//! `POLNER_SEED_DIR` set to a directory holding `krakow-eurocities.txt` and
//! its `.gold.tsv`, it also checks that every gold name there is found with
//! its lemma and nothing else is tagged.

use polner::Extractor;
use std::path::Path;

#[test]
fn slavicner_dev_meets_the_bar() {
    let Ok(dir) = std::env::var("POLNER_SLAVICNER_DIR") else {
        eprintln!("skipped: set POLNER_SLAVICNER_DIR to a SlavicNER directory to run");
        return;
    };
    let report = polner::eval::evaluate_slavicner(Path::new(&dir), &Extractor::new())
        .expect("readable SlavicNER directory");
    eprintln!("{report}");
    let f1 = report.strict().f1();
    let lemma = report.lemma_accuracy().unwrap_or(0.0);
    assert!(f1 >= 0.75, "strict F1 {f1:.3} < 0.75");
    assert!(lemma >= 0.93, "lemma accuracy {lemma:.3} < 0.93");
}

#[test]
fn seed_article_names_are_exact() {
    let Ok(dir) = std::env::var("POLNER_SEED_DIR") else {
        eprintln!("skipped: set POLNER_SEED_DIR to the seed directory to run");
        return;
    };
    let dir = Path::new(&dir);
    let text = std::fs::read_to_string(dir.join("krakow-eurocities.txt")).expect("seed text");
    let gold = std::fs::read_to_string(dir.join("krakow-eurocities.gold.tsv")).expect("seed gold");
    let gold = polner::eval::parse_slavicner_tsv("seed", &gold).expect("gold format");
    let mut report = polner::eval::Report::default();
    polner::eval::score_document(&mut report, "seed", &text, &gold, &Extractor::new());
    let errors: Vec<String> = report.errors.iter().map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
