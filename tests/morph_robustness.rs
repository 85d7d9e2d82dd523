//! The morphology never panics, whatever the input, and keeps its invariants.

use polner::Label;
use polner::morph::Morphology;
use proptest::prelude::*;

const LABELS: [Label; 5] = [Label::Per, Label::Org, Label::Loc, Label::Evt, Label::Pro];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn analysis_of_any_word(word in "\\PC{0,24}") {
        let m = Morphology::embedded();
        let mut buf = Vec::new();
        m.analyze_into(&word, &mut buf);
        prop_assert_eq!(&buf, &m.analyze(&word));
        for a in &buf {
            prop_assert!((0.0..=1.0).contains(&a.confidence));
        }
        let _ = m.guess(&word);
        let _ = m.generate(&word);
        let _ = m.is_known(&word);
    }

    #[test]
    fn names_of_any_words(words in proptest::collection::vec("[\\p{L}'’.\\-„”]{0,12}", 0..5), l in 0usize..5) {
        let m = Morphology::embedded();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let label = LABELS[l];
        let _ = m.lemmatize_name(&words, label);
        let _ = m.inflect_name(&words, label);
        let text = words.join(" ");
        let _ = m.lemmatize_span(&text, label);
    }

    #[test]
    fn polish_like_names(first in "[A-ZŁŚŻ][a-ząćęłńóśźż]{2,9}", last in "[A-ZŁŚŻ][a-ząćęłńóśźż]{2,11}", l in 0usize..5) {
        let m = Morphology::embedded();
        let label = LABELS[l];
        let lemma = m.lemmatize_name(&[&first, &last], label);
        // Two words in, two words out.
        prop_assert_eq!(lemma.split(' ').count(), 2);
    }
}

#[test]
fn lemmatizing_a_base_form_keeps_it() {
    let m = Morphology::embedded();
    for (name, label) in [
        ("Wielka Brytania", Label::Loc),
        ("Uniwersytet Jagielloński", Label::Org),
        ("Ministerstwo Spraw Zagranicznych", Label::Org),
        ("Stany Zjednoczone", Label::Loc),
        ("Robert Lewandowski", Label::Per),
        ("Iga Świątek", Label::Per),
    ] {
        let words: Vec<&str> = name.split(' ').collect();
        assert_eq!(m.lemmatize_name(&words, label), name);
        // And every inflected form goes back to it.
        for (case, form) in m.inflect_name(&words, label) {
            let words: Vec<&str> = form.split(' ').collect();
            assert_eq!(m.lemmatize_name(&words, label), name, "{form} ({case:?})");
        }
    }
}
