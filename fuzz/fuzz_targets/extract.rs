//! The whole pipeline on any text: entities slice the input, sorted, not
//! overlapping, with a lemma; the same input gives the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<polner::Extractor> = LazyLock::new(|| {
    polner::Extractor::builder()
        .reference_date(polner::Date::new(2025, 10, 20).unwrap())
        .build()
        .unwrap()
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = EXTRACTOR.extract(&text);
    let mut end = 0;
    for e in &doc.entities {
        assert_eq!(&text[e.byte_range()], e.text);
        assert!(e.span.byte_start >= end);
        assert!(!e.lemma.is_empty());
        end = e.span.byte_end;
    }
    assert_eq!(doc, EXTRACTOR.extract(&text));
});
