//! Tokens and sentences of any text: spans on char boundaries, in order,
//! char offsets agreeing with byte offsets, gaps only spacing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let tokens = polner::tokenize(&text);
    let mut end = 0;
    for t in &tokens {
        let s = &t.span;
        assert!(end <= s.byte_start && s.byte_start < s.byte_end && s.byte_end <= text.len());
        assert_eq!(s.start, text[..s.byte_start].chars().count());
        assert_eq!(s.end - s.start, text[s.byte_start..s.byte_end].chars().count());
        end = s.byte_end;
    }
    for s in polner::text::sentences::split(&text, &tokens) {
        assert!(s.span.byte_start < s.span.byte_end && s.span.byte_end <= text.len());
        assert!(!s.tokens.is_empty());
    }
});
