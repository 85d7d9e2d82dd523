//! Name extraction end to end, as a table: each case is a sentence written
//! for these tests and the names expected in it (text, label, lemma).
//! Offsets are checked by slicing the input.

use polner::{Extractor, Label};

fn names(ex: &Extractor, text: &str) -> Vec<(String, Label, String)> {
    ex.extract(text)
        .entities
        .into_iter()
        .filter(|e| e.label.is_name())
        .map(|e| {
            assert_eq!(&text[e.byte_range()], e.text, "offsets slice the input");
            (e.text, e.label, e.lemma)
        })
        .collect()
}

macro_rules! cases {
    ($($name:ident: $text:expr => [$(($t:expr, $l:ident, $lemma:expr)),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                let ex = Extractor::new();
                let expected: Vec<(String, Label, String)> =
                    vec![$(($t.to_string(), Label::$l, $lemma.to_string())),*];
                assert_eq!(names(&ex, $text), expected, "{}", $text);
            }
        )*
    };
}

cases! {
    countries_in_all_cases: "Delegacje z Niemiec i Włoch pojechały do Francji, a potem nad Bałtyk." => [
        ("Niemiec", Loc, "Niemcy"), ("Włoch", Loc, "Włochy"), ("Francji", Loc, "Francja"), ("Bałtyk", Loc, "Bałtyk"),
    ];
    world_cities_by_polish_names: "Z Lizbony przez Monachium dotarli do Pekinu." => [
        ("Lizbony", Loc, "Lizbona"), ("Monachium", Loc, "Monachium"), ("Pekinu", Loc, "Pekin"),
    ];
    institutions_and_acronyms: "Raport GUS trafił do Narodowego Banku Polskiego i do ZUS." => [
        ("GUS", Org, "GUS"), ("Narodowego Banku Polskiego", Org, "Narodowy Bank Polski"), ("ZUS", Org, "ZUS"),
    ];
    people_with_first_names_and_propagation: "Z Janiną Wróblewską rozmawiał Tomasz Zieliński. Wróblewska odmówiła Zielińskiemu." => [
        ("Janiną Wróblewską", Per, "Janina Wróblewska"), ("Tomasz Zieliński", Per, "Tomasz Zieliński"),
        ("Wróblewska", Per, "Wróblewska"), ("Zielińskiemu", Per, "Zieliński"),
    ];
    titles_outside_the_span: "Wczoraj minister Kowalczyk spotkał się z panią Dąbrowską." => [
        ("Kowalczyk", Per, "Kowalczyk"), ("Dąbrowską", Per, "Dąbrowska"),
    ];
    demonyms_are_people: "Polacy i Brytyjczycy rozmawiali z Niemcem." => [
        ("Polacy", Per, "Polacy"), ("Brytyjczycy", Per, "Brytyjczycy"), ("Niemcem", Per, "Niemiec"),
    ];
    adjectives_are_not_names: "Krakowski urząd i polski rząd wydały wspólne oświadczenie." => [];
    events_and_products: "Po Brexicie użytkownicy Facebooka pisali o Mundialu." => [
        ("Brexicie", Evt, "Brexit"), ("Facebooka", Pro, "Facebook"), ("Mundialu", Evt, "Mundial"),
    ];
    organizations_from_trigger_nouns: "Wniosek złożyła Fundacja Ochrony Przyrody Podlasia." => [
        ("Fundacja Ochrony Przyrody Podlasia", Org, "Fundacja Ochrony Przyrody Podlasia"),
    ];
    city_inside_an_organization_name: "Pismo wysłano do Urzędu Miasta Krakowa." => [
        ("Urzędu Miasta Krakowa", Org, "Urząd Miasta Krakowa"),
    ];
    sentence_initial_capitals_are_not_names: "Spotkanie odbyło się wczoraj. Decyzja zapadła szybko." => [];
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        // Any mix of name-like words, quotes, hyphens, apostrophes and
        // punctuation: extraction never panics and offsets slice the input.
        #[test]
        fn rules_never_panic(words in proptest::collection::vec(
            prop_oneof![
                Just("Jan".to_string()), Just("Kowalski".to_string()), Just("Urząd".to_string()), Just("Miasta".to_string()), Just("„".to_string()), Just("”".to_string()),
                Just("dziennik".to_string()), Just("premier".to_string()), Just("Rosja-USA".to_string()), Just("O'Leary'ego".to_string()),
                Just("sp.".to_string()), Just("z".to_string()), Just("o.o.".to_string()), Just("Partners".to_string()), Just(".".to_string()), Just(",".to_string()),
                Just("powiedział".to_string()), Just("money".to_string()), Just("pl".to_string()), Just("Jean-Claude'a".to_string()), Just("\n".to_string()),
                Just("ŻÓŁW".to_string()), Just("Ąę".to_string()), Just("Komisja".to_string()), Just("i".to_string()), Just("w".to_string()), Just("-".to_string()),
                "[A-ZŁŚŻ][a-ząęółśżźćń]{0,8}", "[a-z]{1,6}", "\\PC{1,3}"
            ], 0..40)) {
            let text = words.join(" ");
            let doc = Extractor::new().extract(&text);
            for e in &doc.entities {
                prop_assert_eq!(&text[e.byte_range()], e.text.as_str());
            }
        }
    }
}
