//! Offsets are checked the only honest way: by slicing the original input.

use polner::{Extractor, tokenize};
use proptest::prelude::*;

/// Characters that stress the tokenizer: Polish letters, combining marks,
/// typographic punctuation, odd spaces, emoji parts, digits.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kraków",
        "w",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\u{a0}",
        "\u{2009}",
        "\u{ad}",
        "\u{200b}",
        "\u{200d}",
        "e\u{328}",
        "o\u{301}",
        "„",
        "”",
        "«",
        "»",
        "–",
        "—",
        "\u{2011}",
        "-",
        ".",
        "...",
        "…",
        ",",
        "!",
        "?",
        "15",
        "2,5",
        "130\u{a0}000",
        "12:30",
        "15.10.2025",
        "r.",
        "ul.",
        "m.in.",
        "A.",
        "👍",
        "🏽",
        "👩‍👩‍👧",
        "🇵🇱",
        "https://x.pl/a",
        "a@b.pl",
        "@jan",
        "#tag",
        "%",
        "€",
        "\u{0}",
        "\u{feff}",
        "Ж",
        "中文",
        "ا",
        "Unii Europejskiej",
        "Krakowie",
        "października",
        "(",
        ")",
        "'",
        "’",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check_tokens(text: &str) {
    let tokens = tokenize(text);
    let mut previous_end = 0;
    for t in &tokens {
        let s = &t.span;
        assert!(
            s.byte_start >= previous_end && s.byte_start < s.byte_end && s.byte_end <= text.len()
        );
        assert!(text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end));
        assert_eq!(s.start, text[..s.byte_start].chars().count());
        assert_eq!(s.end, text[..s.byte_end].chars().count());
        // the gap between tokens is only spacing: tokens + gaps rebuild the input
        let gap = &text[previous_end..s.byte_start];
        assert!(
            gap.chars().all(|c| c.is_whitespace()
                || c.is_control()
                || polner::text::normalize::is_ignorable(c)),
            "gap {gap:?} in {text:?}"
        );
        previous_end = s.byte_end;
    }
    let tail = &text[previous_end..];
    assert!(
        tail.chars().all(|c| c.is_whitespace()
            || c.is_control()
            || polner::text::normalize::is_ignorable(c))
    );
}

fn check_document(text: &str) {
    let doc = Extractor::new().extract(text);
    let mut previous_end = 0;
    for e in &doc.entities {
        assert_eq!(&text[e.byte_range()], e.text);
        let chars: String = text
            .chars()
            .skip(e.span.start)
            .take(e.span.end - e.span.start)
            .collect();
        assert_eq!(chars, e.text);
        assert!(
            e.span.byte_start >= previous_end,
            "entities sorted and not overlapping"
        );
        assert!(!e.lemma.is_empty());
        previous_end = e.span.byte_end;
    }
    for s in &doc.sentences {
        assert_eq!(s.span.start, text[..s.span.byte_start].chars().count());
        assert_eq!(s.span.end, text[..s.span.byte_end].chars().count());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tokens_and_gaps_rebuild_tricky_input(text in tricky_text()) {
        check_tokens(&text);
        check_document(&text);
    }

    #[test]
    fn any_unicode_string(text in any::<String>()) {
        check_tokens(&text);
        check_document(&text);
    }

    #[test]
    fn arbitrary_bytes_decoded_lossily(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        check_tokens(&text);
        check_document(&text);
    }
}

#[test]
fn entity_offsets_on_emoji_and_decomposed_text() {
    let text = "😀👩‍👩‍👧 Gdan\u{301}sk i Krakowie";
    let doc = Extractor::new().extract(text);
    let found: Vec<(&str, usize, usize)> = doc
        .entities
        .iter()
        .map(|e| (e.lemma.as_str(), e.span.start, e.span.end))
        .collect();
    assert_eq!(found, [("Gdańsk", 7, 14), ("Kraków", 17, 25)]);
    assert_eq!(&text[doc.entities[0].byte_range()], "Gdan\u{301}sk");
}
