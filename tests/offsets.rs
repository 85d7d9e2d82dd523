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

/// The value formats of the README's "Values" section, one pattern per label.
fn value_is_documented(label: polner::Label, value: &str) -> bool {
    use once_cell::sync::Lazy;
    use regex::Regex;
    // a date point: calendar date, month, year, decade, century, quarter,
    // half, ISO week (and weekend), weekday of an unknown week, or a
    // PRESENT_REF offset, with an optional TIMEX3 mod
    const POINT: &str = r"(?:(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-\d{2})?|-Q[1-4]|-H[12]|-W(?:\d{2}|XX)(?:-(?:WE|[1-7]))?)?|\d{3}X|\d{2}XX|PRESENT_REF(?:[+-]P\d+[DWMY])?|PAST_REF|FUTURE_REF)";
    const TIME: &str = r"T\d{2}:\d{2}";
    static DATE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(&format!(
            r"^{POINT}(?:/{POINT})?(?:;mod=(?:START|MID|END))?$"
        ))
        .unwrap()
    });
    static CLOCK: Lazy<Regex> = Lazy::new(|| {
        Regex::new(&format!(r"^(?:{POINT})?{TIME}(?:/(?:{POINT})?{TIME})?$")).unwrap()
    });
    static MONEY: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^(?:0|[1-9]\d*)(?:\.\d*[1-9])? [A-Z]{3}$").unwrap());
    static PERCENT: Lazy<Regex> =
        Lazy::new(|| Regex::new(r"^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?%$").unwrap());
    match label {
        polner::Label::Date => DATE.is_match(value),
        polner::Label::Time => CLOCK.is_match(value),
        polner::Label::Money => MONEY.is_match(value),
        polner::Label::Percent => PERCENT.is_match(value),
        _ => false,
    }
}

fn temporal_salad() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "w",
        "od",
        "do",
        "między",
        "a",
        "na",
        "przełomie",
        "i",
        "o",
        "godz.",
        "godzinie",
        "roku",
        "r.",
        "latach",
        "wieku",
        "XIX",
        "XXI",
        "I",
        "IV",
        "kwartale",
        "połowie",
        "pierwszej",
        "drugiej",
        "początku",
        "końca",
        "pod",
        "koniec",
        "15",
        "3",
        "31",
        "1986",
        "2025",
        "90.",
        "20.",
        "12:30",
        "8.15",
        "15.10.2025",
        "2025-10-15",
        "stycznia",
        "lutego",
        "maja",
        "października",
        "marcu",
        "poniedziałek",
        "wczoraj",
        "jutro",
        "dziś",
        "temu",
        "za",
        "dwa",
        "lata",
        "tydzień",
        "przyszłym",
        "ubiegły",
        "zeszłym",
        "tygodniu",
        "weekend",
        "miesiącu",
        "1,5",
        "200",
        "mln",
        "tys.",
        "mld",
        "zł",
        "złotych",
        "euro",
        "USD",
        "€20",
        "gr",
        "proc.",
        "%",
        "12,5%",
        "procent",
        "–",
        "-",
        ",",
        ".",
        "był",
        "będzie",
        "południe",
        "północy",
    ]);
    prop::collection::vec(pieces, 1..25).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn values_follow_the_documented_formats(text in temporal_salad(), dated in any::<bool>()) {
        let extractor = Extractor::new();
        let reference = dated.then(|| polner::Date::new(2025, 10, 20).unwrap());
        let doc = extractor.extract_with_date(&text, reference);
        for e in &doc.entities {
            if let Some(value) = &e.value {
                prop_assert!(!e.label.is_name(), "{e:?}");
                prop_assert!(value_is_documented(e.label, value), "{} {value:?} for {:?} in {text:?}", e.label, e.text);
            }
        }
    }
}

#[test]
fn documented_value_formats_accept_and_reject() {
    use polner::Label::*;
    for (label, value) in [
        (Date, "2025-10-15"),
        (Date, "XXXX-10-15"),
        (Date, "199X"),
        (Date, "18XX"),
        (Date, "2026-Q1"),
        (Date, "2025-W44"),
        (Date, "2025-W42-WE"),
        (Date, "2023-01/2025-03"),
        (Date, "2025-11;mod=MID"),
        (Date, "PRESENT_REF-P1D"),
        (Time, "T12:30"),
        (Time, "2025-10-15T12:30"),
        (Time, "T08:00/T16:00"),
        (Money, "1500000 PLN"),
        (Money, "29.9 EUR"),
        (Percent, "12.5%"),
        (Percent, "10%"),
    ] {
        assert!(value_is_documented(label, value), "{label} {value}");
    }
    for (label, value) in [
        (Date, "15.10.2025"),
        (Date, "2025/"),
        (Time, "12:30"),
        (Money, "1,5 PLN"),
        (Money, "29.90 EUR"),
        (Money, "100 zł"),
        (Percent, "12,5%"),
        (Percent, "10.0%"),
        (Per, "x"),
    ] {
        assert!(!value_is_documented(label, value), "{label} {value}");
    }
}
