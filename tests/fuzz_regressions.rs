//! Replays the inputs kept in `fuzz/regressions/` (crashes found by fuzzing)
//! through the checks of every fuzz target.
#![cfg(feature = "jsonl")]

use std::path::Path;

fn check_all(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let tokens = polner::tokenize(&text);
    for t in &tokens {
        assert_eq!(t.span.start, text[..t.span.byte_start].chars().count());
    }
    let doc = polner::Extractor::new().extract(&text);
    let mut end = 0;
    for e in &doc.entities {
        assert_eq!(&text[e.byte_range()], e.text);
        assert!(e.span.byte_start >= end && !e.lemma.is_empty());
        end = e.span.byte_end;
    }
    for item in polner::jsonl::Lines::new(data) {
        let (_, bytes) = item.unwrap();
        let _ = polner::jsonl::parse_line(bytes, false);
    }
    if let Err(e) = polner::gazetteer::parse_tsv("regression.tsv", &text) {
        assert!(e.line().is_some());
    }
}

#[test]
fn kept_crash_inputs_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&root).unwrap().flatten() {
        if !target.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(target.path()).unwrap().flatten() {
            check_all(&std::fs::read(file.path()).unwrap());
            replayed += 1;
        }
    }
    println!("replayed {replayed} kept fuzz inputs");
}

#[test]
fn handcrafted_edge_inputs() {
    for data in [
        &b""[..],
        b"\xff\xfe\xfd",
        b"{\"text\": \"\\ud800\"}",
        b"{\"text\": \"a\", \"date\": \"9999-99-99\"}",
        b"\t\t\t\t\t\t",
        b"Krak\xc3\xb3w\tLOC\tcity\t\tKrakowa|",
        b"|||\tPER",
        "1.1.1.1.1.1 12:60 31.02.2025 99999999999999999999 zł".as_bytes(),
    ] {
        check_all(data);
    }
}
