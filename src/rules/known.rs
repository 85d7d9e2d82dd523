//! What the morphology's lexicon says about a capitalized word, asked once
//! per distinct word of a document and shared by `rule:per.surname` and
//! `rule:loc.geo` (both test the same lone capitalized words).

use crate::hash::FastMap;
use crate::morph::{Analysis, Gender, Morphology, NameClass};

/// The lexicon's readings of one word form, as the two rules need them.
#[derive(Debug, Default)]
pub(crate) struct Known {
    /// The surname's base form when every lexical reading (confidence 0.99
    /// and up) is a surname and nothing else: `Tuska` → `Tusk`.
    pub surname: Option<String>,
    /// The first confident lexical reading as a geographic name.
    pub geo: Option<Geo>,
}

/// A geographic reading of a word and what else the word can be.
#[derive(Debug)]
pub(crate) struct Geo {
    /// The base form of that reading: `Pcimia` → `Pcim`.
    pub lemma: String,
    /// Every lexical reading is some kind of name (no common word).
    pub only_names: bool,
    /// A confident lexical reading is also a first name, a surname or an
    /// organization.
    pub other_names: bool,
}

/// The answers for the words of one document.
#[derive(Default)]
pub(crate) struct KnownWords<'a> {
    words: FastMap<&'a str, Known>,
    buf: Vec<Analysis>,
}

impl<'a> KnownWords<'a> {
    /// Room for about `words` distinct words.
    pub(crate) fn with_capacity(words: usize) -> KnownWords<'a> {
        KnownWords {
            words: FastMap::with_capacity_and_hasher(words, Default::default()),
            buf: Vec::new(),
        }
    }

    /// What the lexicon says about `word` (computed on first use).
    pub(crate) fn get(&mut self, word: &'a str) -> &Known {
        let buf = &mut self.buf;
        self.words.entry(word).or_insert_with(|| analyze(word, buf))
    }
}

fn analyze(word: &str, buf: &mut Vec<Analysis>) -> Known {
    let morph = Morphology::embedded();
    // Both rules need lexicon readings of the form as written (confidence
    // 0.99 and up): unknown words need no guessing.
    if !morph.is_known(word) {
        return Known::default();
    }
    buf.clear();
    morph.analyze_into(word, buf);
    Known {
        surname: surname(buf),
        geo: geo(buf),
    }
}

fn surname(readings: &[Analysis]) -> Option<String> {
    let lexical: Vec<&Analysis> = readings.iter().filter(|a| !a.guessed).collect();
    if lexical.is_empty()
        || lexical.iter().any(|a| a.name_classes.is_empty())
        || !lexical.iter().all(|a| {
            a.name_classes.contains(NameClass::Surname)
                && !a.name_classes.contains(NameClass::Geographic)
                && !a.name_classes.contains(NameClass::Organization)
                && !a.name_classes.contains(NameClass::OtherName)
                && a.confidence >= 0.99
        })
    {
        return None;
    }
    // a masculine reading first (`Tuska` → `Tusk`), then any
    Some(
        lexical
            .iter()
            .find(|a| a.gender == Some(Gender::M1))
            .or(lexical.first())
            .map(|a| a.lemma.clone())
            .unwrap_or_default(),
    )
}

fn geo(readings: &[Analysis]) -> Option<Geo> {
    let confident = |a: &&Analysis| !a.guessed && a.confidence >= 0.99;
    let geo = readings
        .iter()
        .filter(confident)
        .find(|a| a.name_classes.contains(NameClass::Geographic))?;
    // a common-word reading, also through a change of letter case
    // (`Jak` → `jak`), means the capital may just open a clause
    let only_names = readings
        .iter()
        .filter(|a| !a.guessed)
        .all(|a| !a.name_classes.is_empty());
    let other_names = readings.iter().filter(confident).any(|a| {
        a.name_classes.contains(NameClass::FirstName)
            || a.name_classes.contains(NameClass::Surname)
            || a.name_classes.contains(NameClass::Organization)
    });
    Some(Geo {
        lemma: geo.lemma.clone(),
        only_names,
        other_names,
    })
}

#[cfg(test)]
mod tests {
    use super::KnownWords;

    #[test]
    fn surnames_and_places() {
        let mut known = KnownWords::default();
        assert_eq!(
            known.get("Kaczyńskiego").surname.as_deref(),
            Some("Kaczyński")
        );
        assert!(known.get("Kaczyńskiego").geo.is_none());
        let pcim = known.get("Pcimia");
        assert!(pcim.surname.is_none());
        assert_eq!(pcim.geo.as_ref().map(|g| g.lemma.as_str()), Some("Pcim"));
        assert!(known.get("Xqzwv").geo.is_none());
    }
}
