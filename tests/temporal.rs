//! Table-driven tests of dates, times, money and percentages: every case of
//! `tests/temporal_cases.tsv` (format in its header) through the public API.

use polner::{Date, Extractor, Label};

const CASES: &str = include_str!("temporal_cases.tsv");

/// One case: a text, its reference date and the entities expected in it.
struct Case {
    line: usize,
    text: String,
    reference: Option<Date>,
    expected: Vec<(String, String, String)>,
}

fn cases() -> Vec<Case> {
    let mut out: Vec<Case> = Vec::new();
    for (line, cols) in polner::resources::tsv_rows(CASES) {
        assert!(
            cols.len() >= 5 && (cols.len() - 2) % 3 == 0,
            "line {line}: expected text, date and (span, label, value) triples, got {cols:?}"
        );
        let reference = match cols[1] {
            "-" => None,
            d => Some(d.parse().unwrap_or_else(|e| panic!("line {line}: {e}"))),
        };
        let mut expected = Vec::new();
        for triple in cols[2..].chunks(3) {
            if triple[0] != "-" {
                expected.push((triple[0].into(), triple[1].into(), triple[2].into()));
            }
        }
        match out
            .iter_mut()
            .find(|c| c.text == cols[0] && c.reference == reference)
        {
            Some(c) => c.expected.extend(expected),
            None => out.push(Case {
                line,
                text: cols[0].into(),
                reference,
                expected,
            }),
        }
    }
    out
}

fn found(extractor: &Extractor, case: &Case) -> Vec<(String, String, String)> {
    extractor
        .extract_with_date(&case.text, case.reference)
        .entities
        .iter()
        .filter(|e| {
            matches!(
                e.label,
                Label::Date | Label::Time | Label::Money | Label::Percent
            )
        })
        .map(|e| {
            assert_eq!(
                &case.text[e.byte_range()],
                e.text,
                "offsets point into the input"
            );
            (
                e.text.clone(),
                e.label.as_str().to_string(),
                e.value.clone().unwrap_or_else(|| "null".into()),
            )
        })
        .collect()
}

#[test]
fn table_has_enough_cases() {
    let rows = polner::resources::tsv_rows(CASES).count();
    assert!(rows >= 200, "only {rows} rows");
    let negatives = cases().iter().filter(|c| c.expected.is_empty()).count();
    assert!(negatives >= 20, "only {negatives} negative cases");
}

#[test]
fn all_cases_pass() {
    let extractor = Extractor::new();
    let mut failures = Vec::new();
    let all = cases();
    for case in &all {
        let got = found(&extractor, case);
        if got != case.expected {
            failures.push(format!(
                "line {}: {:?} (reference {:?})\n  expected {:?}\n  found    {:?}",
                case.line,
                case.text,
                case.reference.map(|d| d.to_string()),
                case.expected,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_shift_with_the_text() {
    // the same case behind a prefix with multi-byte characters: offsets move,
    // values stay
    let extractor = Extractor::new();
    for case in cases().iter().take(60) {
        let shifted = Case {
            line: case.line,
            text: format!("Żółć. {}", case.text),
            reference: case.reference,
            expected: case.expected.clone(),
        };
        assert_eq!(
            found(&extractor, &shifted),
            case.expected,
            "line {}",
            case.line
        );
    }
}

#[test]
fn hostile_inputs_do_not_panic() {
    let extractor = Extractor::builder()
        .reference_date(Date::new(2025, 10, 20).unwrap())
        .build()
        .unwrap();
    let inputs = [
        "",
        "od",
        "od 1 do",
        "między 3 a",
        "w latach",
        "lata 90.",
        "na przełomie",
        "99999999999999999999999999999999999999999999 mln zł",
        "0,000000000000000000000000000000000000001 zł",
        "€",
        "15 października 99999",
        "31.12.9999 i 01.01.0000",
        "godz. 99:99",
        "w I kwartale 2999 r.",
        "XXXXXXXXXX wieku",
        "za 9999 lat",
        "9999 lat temu",
        "12,5%%%",
        "$ $ $ 5",
        "15 zł 99999 gr",
    ];
    for text in inputs {
        let _ = extractor.extract(text);
        let _ = extractor.extract_with_date(text, Date::new(1, 1, 1));
        let _ = extractor.extract_with_date(text, Date::new(9999, 12, 31));
    }
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "od",
        "do",
        "między",
        "a",
        "i",
        "w",
        "na",
        "przełomie",
        "połowie",
        "końca",
        "lata",
        "latach",
        "lat",
        "roku",
        "r.",
        "rok",
        "temu",
        "za",
        "o",
        "godz.",
        "15",
        "90.",
        "90",
        "2025",
        "1,5",
        "12.30",
        "12:30",
        "15.10.2025",
        "32.13.2025",
        "-",
        "–",
        ".",
        ",",
        "października",
        "maja",
        "Maja",
        "marcu",
        "grudniem",
        "XIX",
        "XX",
        "I",
        "wieku",
        "w.",
        "kwartale",
        "pierwszej",
        "drugiej",
        "półroczu",
        "mln",
        "tys.",
        "zł",
        "gr",
        "€",
        "$",
        "euro",
        "proc.",
        "%",
        "12,5%",
        "wczoraj",
        "czwartek",
        "ubiegły",
        "przyszłym",
        "weekend",
        "tygodniu",
        "dwa",
        "kilka",
        "był",
        "będzie",
        "br.",
        "południe",
        "północy",
        "rano",
        "wieczorem",
        "15-go",
        "90-tych",
        "0",
        "31",
        "lutego",
        "99999999999999999999",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn random_temporal_word_salad(
            picks in proptest::collection::vec(0..WORDS.len(), 0..14),
            glue in proptest::collection::vec(proptest::bool::ANY, 14),
            with_date in proptest::bool::ANY,
        ) {
            let mut text = String::new();
            for (k, &p) in picks.iter().enumerate() {
                if k > 0 && !glue[k] {
                    text.push(' ');
                }
                text.push_str(WORDS[p]);
            }
            let reference = if with_date { Date::new(2025, 10, 20) } else { None };
            let doc = Extractor::new().extract_with_date(&text, reference);
            let mut last_end = 0;
            for e in &doc.entities {
                prop_assert!(e.byte_range().start >= last_end);
                prop_assert_eq!(&text[e.byte_range()], e.text.as_str());
                last_end = e.byte_range().end;
            }
        }
    }
}
