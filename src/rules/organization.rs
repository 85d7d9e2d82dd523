//! Organizations: a capitalized trigger noun with its capitalized complement
//! (`rule:org.trigger`: `Urząd Skarbowy`, `Fundacja Rozwoju Miast`), and
//! unknown all-caps words inside a sentence (`rule:org.acronym`).

use super::View;
use super::lemma::org_lemma;
use super::lexicon::{TriggerKind, first_name, trigger};
use crate::model::{Label, Shape, TokenKind};
use crate::pipeline::Candidate;

pub(crate) const TRIGGER_PRIORITY: u8 = 55;
pub(crate) const ACRONYM_PRIORITY: u8 = 30;

/// Lower-case words allowed inside an organization's name when a
/// capitalized word follows (`Ministerstwo Spraw Wewnętrznych i Administracji`).
const CONNECTORS: &[&str] = &[
    "i", "w", "we", "na", "do", "dla", "ds.", "im.", "przy", "z", "ze", "o", "rzecz", "spraw",
    "of", "the", "and", "for", "de",
];

pub(crate) fn find(v: &View<'_>, out: &mut Vec<Candidate>) {
    let n = v.tokens.len();
    let mut i = 0;
    while i < n {
        if !v.is_cap(i) || v.tokens[i].shape == Shape::Upper {
            i += 1;
            continue;
        }
        let lower = v.words[i].to_lowercase();
        let Some(t) = trigger(&lower, TriggerKind::Org) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        let mut last = None;
        while j < n && j - i < 9 {
            if v.line_break_before(j) {
                break;
            }
            let w = v.words[j];
            if v.is_cap(j) || (v.tokens[j].kind == TokenKind::Number && last == Some(j - 1)) {
                if first_name(w).is_some() && j + 1 < n && v.is_cap(j + 1) {
                    break; // a person's name follows
                }
                last = Some(j);
                j += 1;
            } else if CONNECTORS.contains(&w) && last.is_some() {
                j += 1;
            } else {
                break;
            }
        }
        let Some(last) = last else {
            i += 1;
            continue;
        };
        let words: Vec<&str> = v.words[i..=last].to_vec();
        let lemma = org_lemma(&words, t.base);
        out.push(v.candidate(
            i..last + 1,
            Label::Org,
            None,
            lemma,
            "rule:org.trigger",
            0.7,
            TRIGGER_PRIORITY,
        ));
        i = last + 1;
    }
    // rule:org.acronym — unknown all-caps words inside a sentence
    for i in 0..n {
        let t = &v.tokens[i];
        if t.kind != TokenKind::Word || t.shape != Shape::Upper || v.covered[i].is_some() {
            continue;
        }
        let w = v.words[i];
        let len = w.chars().count();
        if !(2..=6).contains(&len)
            || is_roman(w)
            || v.sent_start[i] && i + 1 < n && v.tokens[i + 1].shape == Shape::Upper
        {
            continue;
        }
        // text in capitals (a headline) is not an acronym
        let neighbours_upper = (i > 0 && v.tokens[i - 1].shape == Shape::Upper)
            || (i + 1 < n && v.tokens[i + 1].shape == Shape::Upper);
        if neighbours_upper {
            continue;
        }
        out.push(v.candidate(
            i..i + 1,
            Label::Org,
            None,
            w.to_string(),
            "rule:org.acronym",
            0.4,
            ACRONYM_PRIORITY,
        ));
    }
}

fn is_roman(w: &str) -> bool {
    w.chars().all(|c| "IVXLCDM".contains(c))
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Label};

    fn orgs(text: &str) -> Vec<(String, String, String)> {
        Extractor::new()
            .extract(text)
            .entities
            .into_iter()
            .filter(|e| e.label == Label::Org)
            .map(|e| (e.text, e.lemma, e.source))
            .collect()
    }

    #[test]
    fn trigger_with_complement() {
        let o = orgs("Pismo trafiło do Fundacji Rozwoju Miast i Wsi w Lublinie.");
        assert_eq!(o[0].0, "Fundacji Rozwoju Miast i Wsi");
        assert_eq!(o[0].1, "Fundacja Rozwoju Miast i Wsi");
        assert_eq!(o[0].2, "rule:org.trigger");
    }

    #[test]
    fn trigger_with_adjective() {
        let o = orgs(
            "Decyzję podjął Sąd Okręgowy w Gdańsku, a potem Urzędowi Skarbowemu ją przekazano.",
        );
        assert_eq!(o[0].1, "Sąd Okręgowy w Gdańsku");
        assert_eq!(o[1].1, "Urząd Skarbowy");
    }

    #[test]
    fn acronyms_inside_sentences_but_not_headlines() {
        let o = orgs("Raport przygotował ZPP w maju.");
        assert_eq!(o[0].0, "ZPP");
        assert!(orgs("WIELKA AKCJA ZPP TRWA").is_empty());
    }
}
