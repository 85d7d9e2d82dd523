//! Places the gazetteers do not list (`rule:loc.geo`): a capitalized word
//! inside a sentence that the morphology knows only as a geographic name
//! (`do Pcimia`, `w Kornwalii`), with the lemma of that reading. A word that
//! is also a surname counts only after a preposition of place.

use super::View;
use super::known::KnownWords;
use crate::model::Label;
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

#[inline(never)]
pub(crate) fn find<'a>(
    v: &View<'a>,
    taken: &[bool],
    known: &mut KnownWords<'a>,
    out: &mut Vec<Candidate>,
) {
    let n = v.tokens.len().min(taken.len());
    for &i in &v.caps {
        if i == 0 || i >= n || taken[i] || !v.alone_inside_sentence(i) {
            continue;
        }
        let word = v.word(i);
        if !super::at_least_chars(word, 3) {
            continue;
        }
        let Some(geo) = &known.get(word).geo else {
            continue;
        };
        let after_preposition = PLACE_PREPOSITIONS.contains(&v.word(i - 1));
        if !geo.only_names || (geo.other_names && !after_preposition) {
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
                    e.source.as_ref(),
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
