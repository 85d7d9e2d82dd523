//! The gazetteer parser and matcher on any text: an error names a line, or
//! the entries compile and match without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match polner::gazetteer::parse_tsv("fuzz.tsv", &text) {
        Err(e) => assert!(e.line().is_some(), "{e}"),
        Ok(entries) => {
            let built = polner::Extractor::builder()
                .builtin_gazetteers(false)
                .gazetteer_tsv("fuzz.tsv", text.to_string())
                .build();
            let extractor = built.expect("entries that parse must build");
            let _ = entries;
            let doc = extractor.extract(&text);
            for e in &doc.entities {
                assert_eq!(&text[e.byte_range()], e.text);
            }
        }
    }
});
