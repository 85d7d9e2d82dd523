//! Places the gazetteers do not list (`rule:loc.geo`): a capitalized word
//! inside a sentence that the morphology knows only as a geographic name
//! (`do Pcimia`, `w Kornwalii`), with the lemma of that reading. A word that
//! is also a surname counts only after a preposition of place.

use super::View;
use crate::model::{Label, Shape};
use crate::pipeline::Candidate;

pub(crate) const GEO_PRIORITY: u8 = 51;

const PLACE_PREPOSITIONS: &[&str] = &[
    "w",
    "we",
    "z",
    "ze",
    "do",
    "od",
    "na",
    "pod",
    "nad",
    "koło",
    "przy",
    "przez",
    "spod",
    "znad",
    "okolicach",
    "rejonie",
];

pub(crate) fn find(v: &View<'_>, taken: &[bool], out: &mut Vec<Candidate>) {
    use crate::morph::{Morphology, NameClass};
    let morph = Morphology::embedded();
    let n = v.tokens.len();
    let mut buf = Vec::new();
    for (i, &is_taken) in taken.iter().enumerate().take(n).skip(1) {
        if is_taken
            || !v.is_cap(i)
            || v.sent_start[i]
            || v.covered[i].is_some()
            || v.tokens[i].shape == Shape::Upper
            || (v.is_cap(i - 1) && !v.sent_start[i - 1])
            || (i + 1 < n && v.is_cap(i + 1))
            || v.words[i].chars().count() < 3
        {
            continue;
        }
        // Only readings of the form as written can reach the confidence
        // asked below: skip the guesser's work for unknown words.
        if !morph.is_known(v.words[i]) {
            continue;
        }
        buf.clear();
        morph.analyze_into(v.words[i], &mut buf);
        let lexical: Vec<_> = buf
            .iter()
            .filter(|a| !a.guessed && a.confidence >= 0.99)
            .collect();
        let geo = lexical
            .iter()
            .find(|a| a.name_classes.contains(NameClass::Geographic));
        let Some(geo) = geo else { continue };
        // a common-word reading, also through a change of letter case
        // (`Jak` → `jak`), means the capital may just open a clause
        let only_names = buf
            .iter()
            .filter(|a| !a.guessed)
            .all(|a| !a.name_classes.is_empty());
        let other_names = lexical.iter().any(|a| {
            a.name_classes.contains(NameClass::FirstName)
                || a.name_classes.contains(NameClass::Surname)
                || a.name_classes.contains(NameClass::Organization)
        });
        let after_preposition = PLACE_PREPOSITIONS.contains(&v.words[i - 1]);
        if !only_names || (other_names && !after_preposition) {
            continue;
        }
        out.push(v.candidate(
            i..i + 1,
            Label::Loc,
            None,
            geo.lemma.clone(),
            "rule:loc.geo",
            0.5,
            GEO_PRIORITY,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Label};

    #[test]
    fn geographic_names_known_to_the_morphology() {
        let text = "Delegacja pojechała do Pcimia, a potem do Kornwalii.";
        let doc = Extractor::new().extract(text);
        let got: Vec<(&str, Label, &str, &str)> = doc
            .entities
            .iter()
            .map(|e| {
                (
                    &text[e.byte_range()],
                    e.label,
                    e.lemma.as_str(),
                    e.source.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Pcimia", Label::Loc, "Pcim", "rule:loc.geo"),
                ("Kornwalii", Label::Loc, "Kornwalia", "rule:loc.geo")
            ]
        );
    }
}
