//! Topics through the public API: categories on written cases, keyphrase
//! normalization and merging, salient entities, options.

use polner::topics::{CATEGORIES, TopicsOptions};
use polner::{Extractor, Label};

const CASES: &str = include_str!("categories_cases.tsv");

#[test]
fn categories_top1_on_written_cases() {
    let ex = Extractor::new();
    let (mut n, mut ok) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (line, cols) in polner::resources::tsv_rows(CASES) {
        assert_eq!(cols.len(), 2, "line {line}");
        let (expected, text) = (cols[0], cols[1]);
        assert!(
            CATEGORIES.iter().any(|c| c.name == expected),
            "line {line}: unknown category {expected:?}"
        );
        let doc = ex.extract(text);
        let got = doc.topics.categories.first().map(|c| c.name.as_str());
        n += 1;
        if got == Some(expected) {
            ok += 1;
        } else {
            misses.push(format!("line {line}: expected {expected}, got {got:?}"));
        }
    }
    assert!(n >= 40, "only {n} cases");
    let share = ok as f64 / n as f64;
    eprintln!("categories top-1: {ok}/{n} = {:.1}%", 100.0 * share);
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(share >= 0.85, "top-1 {share:.3} < 0.85: {misses:#?}");
}

#[test]
fn category_codes_are_iptc_media_topics() {
    let ex = Extractor::new();
    let doc = ex.extract(
        "Synoptycy zapowiadają upał i burze. Temperatura przekroczy 30 stopni, \
         a w nocy możliwe są opady deszczu i silny wiatr.",
    );
    let top = &doc.topics.categories[0];
    assert_eq!(
        (top.name.as_str(), top.code.as_str()),
        ("weather", "medtop:17000000")
    );
    assert!(top.score > 0.0 && top.score <= 1.0);
    for c in &doc.topics.categories {
        assert!(c.code.starts_with("medtop:") && c.code.len() == 15, "{c:?}");
    }
}

#[test]
fn text_without_evidence_gets_no_category() {
    let doc = Extractor::new().extract("To jest to, co było.");
    assert!(
        doc.topics.categories.is_empty(),
        "{:?}",
        doc.topics.categories
    );
}

#[test]
fn salient_entities_group_mentions() {
    let text = "Kraków\n\nKraków przyjął gości z Warszawy. W Krakowie trwały \
                rozmowy, a potem goście wrócili do Warszawy. Krakowa nie opuścili \
                tylko przedstawiciele Unii Europejskiej.";
    let doc = Extractor::new().extract(text);
    let ents = &doc.topics.entities;
    assert_eq!(ents[0].lemma, "Kraków");
    assert_eq!(ents[0].label, Label::Loc);
    assert_eq!(ents[0].count, 4);
    let warszawa = ents.iter().find(|e| e.lemma == "Warszawa").unwrap();
    assert_eq!(warszawa.count, 2);
    assert!(ents[0].score > warszawa.score);
    assert!(ents.windows(2).all(|w| w[0].score >= w[1].score));
    // Dates and amounts are not salient entities.
    let doc = Extractor::new().extract("Spotkanie 15 października 2025 r. kosztowało 100 zł.");
    assert!(doc.topics.entities.is_empty());
}

#[test]
fn keyphrases_merge_forms_and_keep_entities() {
    let text = "Gazociąg pod dnem morza\n\nBudowa gazociągu opóźni się o rok. \
                Gazociąg ma połączyć dwa kraje, a koszty gazociągu rosną. \
                Przeciwko gazociągowi protestują ekolodzy z Krakowa, a w Krakowie \
                odbyła się konferencja o gazociągu.";
    let doc = Extractor::new().extract(text);
    let kp = &doc.topics.keyphrases;
    assert!(!kp.is_empty());
    assert!(kp[0].lemma.starts_with("gazociąg"), "{kp:?}");
    // One item for all forms of the word.
    let n = kp
        .iter()
        .filter(|k| k.lemma.split(' ').any(|w| w.starts_with("gazoci")))
        .count();
    assert_eq!(n, 1, "{kp:?}");
    // Entities are candidates, with the entity's lemma; Kraków/Krakowa/Krakowie is one.
    let krakow: Vec<_> = kp.iter().filter(|k| k.lemma.contains("Krak")).collect();
    assert_eq!(krakow.len(), 1, "{kp:?}");
    assert_eq!(krakow[0].lemma, "Kraków");
    // Text is a surface form from the text.
    for k in kp {
        assert!(text.contains(&k.text), "{k:?}");
    }
    assert!(kp.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn a_lone_surname_joins_the_full_name_but_a_city_stays_a_city() {
    let keyphrases = |text: &str| -> Vec<(String, String)> {
        let doc = Extractor::new().extract(text);
        doc.topics
            .keyphrases
            .into_iter()
            .map(|k| (k.text, k.lemma))
            .collect()
    };
    // `Nowakowski` alone is the `Jan Nowakowski` of the first sentence
    let kp = keyphrases(
        "Minister Jan Nowakowski odwiedził stocznię. Nowakowski rozmawiał ze \
         stoczniowcami o zamówieniach. Stocznia czeka na zamówienia, a Nowakowski \
         obiecał pomoc stoczni.",
    );
    assert!(
        kp.contains(&("Nowakowski".into(), "Jan Nowakowski".into())),
        "{kp:?}"
    );
    assert!(!kp.iter().any(|(_, lemma)| lemma == "Nowakowski"), "{kp:?}");
    // but the city `Gdańsk` is not the office `Urząd Miejski w Gdańsku`,
    // though the office's name ends in it
    let kp = keyphrases(
        "Urząd Miejski w Gdańsku ogłosił przetarg na budowę mostu. Gdańsk chce, \
         by most powstał w dwa lata. Gdańsk liczy na fundusze unijne, a mieszkańcy \
         czekają na most od dawna.",
    );
    assert!(kp.contains(&("Gdańsk".into(), "Gdańsk".into())), "{kp:?}");
    assert!(
        !kp.iter()
            .any(|(text, lemma)| text == "Gdańsk" && lemma.starts_with("Urząd")),
        "{kp:?}"
    );
}

#[test]
fn options_limit_and_switch_off() {
    let text = "Sejm przyjął ustawę o podatkach. Posłowie opozycji krytykowali \
                rząd, a minister finansów bronił budżetu. Premier zapowiedział \
                reformę, a prezydent podpisze ustawę w Warszawie i w Krakowie.";
    let doc = Extractor::builder()
        .topics_k(1)
        .build()
        .unwrap()
        .extract(text);
    assert_eq!(doc.topics.keyphrases.len(), 1);
    assert!(doc.topics.categories.len() <= 1);
    assert_eq!(doc.topics.entities.len(), 1);
    let full = Extractor::new().extract(text);
    assert!(full.topics.keyphrases.len() > 1);
    assert_eq!(full.topics.keyphrases[0], doc.topics.keyphrases[0]);
    let off = Extractor::builder()
        .topics(false)
        .build()
        .unwrap()
        .extract(text);
    assert_eq!(off.topics, polner::Topics::default());
    assert_eq!(off.entities, full.entities);
    let zero = Extractor::builder()
        .topics_k(0)
        .build()
        .unwrap()
        .extract(text);
    assert_eq!(zero.topics, polner::Topics::default());
    assert_eq!(TopicsOptions::with_k(0).keyphrases, 0);
}

#[test]
fn parts_limited_to_zero_are_left_out_and_the_others_unchanged() {
    // every written category case: the parts computed without keyphrases (or
    // with nothing but salient entities) are those of the full topics
    let full = Extractor::new();
    let no_keyphrases = Extractor::builder()
        .topics_options(TopicsOptions {
            keyphrases: 0,
            ..TopicsOptions::default()
        })
        .build()
        .unwrap();
    let entities_only = Extractor::builder()
        .topics_options("keyphrases=0,categories=0".parse().unwrap())
        .build()
        .unwrap();
    let cases = include_str!("categories_cases.tsv");
    let mut with_categories = 0;
    for (_, cols) in polner::resources::tsv_rows(cases) {
        let Some(text) = cols.get(1) else { continue };
        let all = full.extract(text).topics;
        let some = no_keyphrases.extract(text).topics;
        assert!(some.keyphrases.is_empty(), "{text}");
        assert_eq!(some.categories, all.categories, "{text}");
        assert_eq!(some.entities, all.entities, "{text}");
        let one = entities_only.extract(text).topics;
        assert!(
            one.keyphrases.is_empty() && one.categories.is_empty(),
            "{text}"
        );
        assert_eq!(one.entities, all.entities, "{text}");
        with_categories += usize::from(!all.categories.is_empty());
    }
    assert!(with_categories >= 40, "{with_categories}");
}

#[test]
fn deterministic_and_robust() {
    let ex = Extractor::new();
    let text = "Ryanair odwołał loty. Pasażerowie linii Ryanair czekali na lotnisku, \
                a przewoźnik obiecał zwrot pieniędzy za bilety.";
    assert_eq!(ex.extract(text).topics, ex.extract(text).topics);
    for s in [
        "",
        " ",
        "\n\n\n",
        "...",
        "ąęść",
        "A",
        "1 2 3",
        "\u{0}\u{feff}x",
        "🙂 🙂",
    ] {
        let _ = ex.extract(s).topics;
    }
    let long = "słowo ".repeat(20_000);
    let doc = ex.extract(&long);
    assert!(doc.topics.keyphrases.len() <= 10);
}
