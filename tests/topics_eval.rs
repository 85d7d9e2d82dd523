//! Keyphrase evaluation on the SlavicNER Polish development split (issue 6):
//! for at least 80% of the documents, one of the top-5 keyphrase lemmas must
//! contain the document's story key term (case-insensitive).
//!
//! Runs only when `POLNER_SLAVICNER_DIR` points at the data (the directory
//! holding `raw/<story>/pl/*.txt`); otherwise it prints why it is skipped.
//! `POLNER_EVAL_VERBOSE=1` prints the misses.
//!
//! ```text
//! POLNER_SLAVICNER_DIR=/work/shared/data/slavicner-pl-dev \
//!     cargo test --release --test topics_eval -- --nocapture
//! ```

use polner::Extractor;
use std::path::Path;

/// The story key terms: any of them inside a keyphrase lemma names the story.
const STORIES: [(&str, &[&str]); 4] = [
    ("brexit", &["brexit"]),
    ("ryanair", &["ryanair"]),
    ("nord_stream", &["nord stream", "gazociąg"]),
    ("asia_bibi", &["asia bibi", "bluźnierstwo"]),
];

#[test]
fn top5_keyphrases_name_the_story() {
    let Ok(dir) = std::env::var("POLNER_SLAVICNER_DIR") else {
        eprintln!("skipped: set POLNER_SLAVICNER_DIR to the SlavicNER dev split to run");
        return;
    };
    let verbose = std::env::var("POLNER_EVAL_VERBOSE").is_ok();
    let extractor = Extractor::builder().topics_k(5).build().unwrap();
    let (mut total, mut hits) = (0usize, 0usize);
    for (story, terms) in STORIES {
        let story_dir = Path::new(&dir).join("raw").join(story).join("pl");
        let mut files: Vec<_> = std::fs::read_dir(&story_dir)
            .unwrap_or_else(|e| panic!("{}: {e}", story_dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let (mut n, mut h) = (0usize, 0usize);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = extractor.extract(&text);
            let hit = doc.topics.keyphrases.iter().take(5).any(|k| {
                let lemma = k.lemma.to_lowercase();
                terms.iter().any(|t| lemma.contains(t))
            });
            n += 1;
            h += hit as usize;
            if !hit && verbose {
                let kps: Vec<&str> = doc
                    .topics
                    .keyphrases
                    .iter()
                    .map(|k| k.lemma.as_str())
                    .collect();
                eprintln!("miss {}: {:?}", path.display(), kps);
            }
        }
        eprintln!(
            "{story}: {h}/{n} = {:.1}%",
            100.0 * h as f64 / n.max(1) as f64
        );
        total += n;
        hits += h;
    }
    let share = hits as f64 / total.max(1) as f64;
    eprintln!("all: {hits}/{total} = {:.1}%", 100.0 * share);
    assert!(total > 0, "no documents found under {dir}");
    assert!(share >= 0.80, "top-5 story hit rate {share:.3} < 0.80");
}
