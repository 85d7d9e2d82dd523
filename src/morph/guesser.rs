//! Guessing unknown words from their endings.
//!
//! The table is learned from the proper names of the lexicon (see
//! `build-morph`): for every ending of up to seven letters, the rewrite rules
//! (ending → lemma ending), tags and name classes that forms with this ending
//! have, with their share. A word takes the readings of its longest ending in
//! the table. Two more patterns are handled before that: an inflection ending
//! after an apostrophe (`Farage'a` → `Farage`) or after a hyphen following an
//! acronym (`PiS-u` → `PiS`); those keep the part before the mark.

use super::{Morphology, Reading};
use crate::morph::tags::{Class, NameClass, NameClasses, Pos, TagInfo};

/// Confidence of a guess relative to its share, by the length of the ending
/// that matched (in chars): a one-letter ending says little.
pub(super) fn length_factor(chars: usize) -> f32 {
    match chars {
        0 | 1 => 0.5,
        2 => 0.75,
        _ => 1.0,
    }
}

/// Which part of the lexicon the guesser learns from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domain {
    /// All proper names.
    Names,
    /// First names and surnames.
    People,
    /// Geographic names.
    Places,
    /// Common words (nouns, adjectives, verbs …): also how foreign brand and
    /// organization names decline (`Ryanaira` like *wira*).
    Common,
}

impl Domain {
    pub(super) fn key(self) -> u8 {
        match self {
            Domain::Names => b'N',
            Domain::People => b'P',
            Domain::Places => b'G',
            Domain::Common => b'C',
        }
    }

    /// The default domain of a word: names for capitalized words, common words otherwise.
    pub(crate) fn of(word: &str) -> Domain {
        if word.chars().next().is_some_and(char::is_uppercase) {
            Domain::Names
        } else {
            Domain::Common
        }
    }
}

/// Endings written after an apostrophe or a hyphen on foreign names and acronyms.
pub(super) const MARKED_ENDINGS: &[&str] = &[
    "a", "u", "owi", "em", "ie", "om", "ach", "ami", "ów", "y", "i", "ego", "emu", "m", "e", "ą",
    "owie", "ę",
];

/// Tag id of an indeclinable reading: a name that fits any case, number and
/// gender, with the lemma given (`Farage'a` → `Farage`, `Nisar` → `Nisar`).
pub(crate) const INDECLINABLE: u16 = u16::MAX;

/// Confidence of the indeclinable reading of an unknown capitalized word.
pub(crate) const INDECLINABLE_CONFIDENCE: f32 = 0.3;

pub(crate) fn indeclinable(lemma: &str, confidence: f32) -> Reading {
    Reading {
        lemma: lemma.to_string(),
        tag: INDECLINABLE,
        info: TagInfo {
            pos: Pos::Noun,
            class: Class::Subst,
            cases: 0,
            numbers: 0,
            genders: 0,
            pt: false,
            rest: u32::MAX,
        },
        classes: NameClasses::default(),
        confidence,
        guessed: true,
    }
}

/// One guessed reading, its lemma borrowed (see [`guess_each`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Guess<'a> {
    pub lemma: &'a str,
    pub tag: u16,
    pub info: TagInfo,
    pub classes: NameClasses,
    pub confidence: f32,
}

impl Guess<'_> {
    /// The guess as a [`Reading`].
    pub fn to_reading(self) -> Reading {
        Reading {
            lemma: self.lemma.to_string(),
            tag: self.tag,
            info: self.info,
            classes: self.classes,
            confidence: self.confidence,
            guessed: true,
        }
    }
}

/// The indeclinable guess `lemma` (see [`indeclinable`]).
pub(super) fn indeclinable_guess(lemma: &str, confidence: f32) -> Guess<'_> {
    let r = indeclinable("", confidence);
    Guess {
        lemma,
        tag: r.tag,
        info: r.info,
        classes: r.classes,
        confidence,
    }
}

/// Appends the guessed readings of `word` to `out`: the readings its ending
/// suggests and, for a capitalized word, an indeclinable reading (foreign
/// names often do not inflect).
pub(crate) fn guess(m: &Morphology, word: &str, domain: Domain, out: &mut Vec<Reading>) {
    guess_each(m, word, domain, |g| out.push(g.to_reading()));
}

/// The guesses that need no lexicon, first in [`guess_each`]'s order: a
/// word with a marked ending (`Farage'a`) gets one indeclinable guess, and
/// then no other; a capitalized word gets an indeclinable guess of itself.
/// Returns whether the suffix rules should still be tried (not for marked
/// endings, acronyms, words with digits or fewer than three letters).
pub(super) fn guess_without_lexicon(
    word: &str,
    domain: Domain,
    f: &mut impl FnMut(Guess<'_>),
) -> bool {
    // `Farage'a`, `Bush'owi`, `PiS-u`, `NATO-wi`: the part before the mark.
    // Most words have none of the marks (`’` starts with byte 0xE2).
    let marked = word.bytes().any(|b| b == b'\'' || b == b'-' || b == 0xE2);
    for mark in ['\'', '’', '-'].into_iter().filter(|_| marked) {
        if let Some(at) = word.rfind(mark) {
            let (base, ending) = (&word[..at], &word[at + mark.len_utf8()..]);
            let acronym_like = base.chars().filter(|c| c.is_uppercase()).count() >= 2
                || base.chars().last().is_some_and(char::is_uppercase);
            if !base.is_empty() && MARKED_ENDINGS.contains(&ending) && (mark != '-' || acronym_like)
            {
                f(indeclinable_guess(base, 0.8));
                return false;
            }
        }
    }
    // Acronyms and words without letters are not guessed.
    let (mut letters, mut upper, mut digit) = (0usize, 0usize, false);
    for c in word.chars() {
        letters += c.is_alphabetic() as usize;
        upper += c.is_uppercase() as usize;
        digit |= c.is_ascii_digit();
    }
    if letters < 3 || upper > 1 || digit {
        return false;
    }
    let capitalized = upper == 1 && word.chars().next().is_some_and(char::is_uppercase);
    if capitalized {
        let mut g = indeclinable_guess(word, INDECLINABLE_CONFIDENCE);
        g.classes = domain_classes(domain);
        f(g);
    }
    true
}

/// Calls `f` with each guessed reading of `word`, in the order of [`guess`],
/// without allocating a lemma per reading.
pub(crate) fn guess_each(m: &Morphology, word: &str, domain: Domain, f: impl FnMut(Guess<'_>)) {
    guess_each_with(m, word, domain, longest_ending, f);
}

/// [`guess_each`], finding the longest ending with `ending` (the
/// analyser passes one that goes through its look-up cache).
pub(crate) fn guess_each_with(
    m: &Morphology,
    word: &str,
    domain: Domain,
    ending: impl FnOnce(&Morphology, &str, Domain) -> Option<(u64, usize)>,
    mut f: impl FnMut(Guess<'_>),
) {
    if word.is_empty() {
        return;
    }
    if !guess_without_lexicon(word, domain, &mut f) {
        return;
    }
    let Some((set, chars)) = ending(m, word, domain) else {
        return;
    };
    let factor = length_factor(chars);
    // The evidence for a lemma is the share of all entries that give it
    // (`Ursuli` → *Ursula* as genitive, dative and locative together);
    // the tag of each entry then says where it fits. The entries are read
    // in place (decoding one is a load; a copy of them would have to be
    // cleared first).
    let span = m.blob.usets.span(set);
    let entries = || m.blob.usets.entries(span);
    let classes = domain_classes(domain);
    let mut lemma = String::new();
    for e in entries() {
        if !m.rule(e.rule()).apply(word, &mut lemma) {
            continue;
        }
        let share: f32 = entries()
            .filter(|o| o.rule() == e.rule())
            .map(|o| o.weight())
            .sum();
        let classes = if domain == Domain::Names {
            m.classes_of(e.class())
        } else {
            classes
        };
        f(Guess {
            lemma: &lemma,
            tag: e.tag(),
            info: m.tag_info(e.tag()),
            classes,
            confidence: share.min(1.0) * factor,
        });
    }
}

/// The name classes a guess in `domain` has.
pub(crate) fn domain_classes(domain: Domain) -> NameClasses {
    match domain {
        Domain::People => NameClasses(NameClass::FirstName.bit() | NameClass::Surname.bit()),
        Domain::Places => NameClasses(NameClass::Geographic.bit()),
        Domain::Names | Domain::Common => NameClasses::default(),
    }
}

/// The guess set of the longest ending of `word` in the table of `domain`,
/// with the ending's length in chars. The table is keyed by the domain's
/// byte and the reversed ending.
pub(super) fn longest_ending(m: &Morphology, word: &str, domain: Domain) -> Option<(u64, usize)> {
    let table = &m.guess_table;
    let mut at = table.next(table.root(), domain.key())?;
    let mut best = None;
    let bytes = word.as_bytes();
    let mut chars = 0;
    for i in (0..bytes.len()).rev() {
        let Some(next) = table.next(at, bytes[i]) else {
            break;
        };
        at = next;
        if word.is_char_boundary(i) {
            chars += 1;
            if let Some(value) = table.value(at) {
                best = Some((value, chars));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use crate::morph::{Case, Gender, Morphology};

    fn lemmas_with(word: &str, case: Case, gender: Gender) -> Vec<String> {
        Morphology::embedded()
            .guess(word)
            .into_iter()
            .filter(|a| a.guessed && a.case == Some(case) && a.gender == Some(gender))
            .map(|a| a.lemma)
            .collect()
    }

    #[test]
    fn adjectival_surname() {
        assert!(lemmas_with("Miszalskiego", Case::Gen, Gender::M1).contains(&"Miszalski".into()));
        assert!(
            lemmas_with("Brzęczkowskiej", Case::Gen, Gender::F).contains(&"Brzęczkowska".into())
        );
    }

    #[test]
    fn consonant_surname() {
        assert!(lemmas_with("Kowalczykowi", Case::Dat, Gender::M1).contains(&"Kowalczyk".into()));
    }

    #[test]
    fn feminine_accusative() {
        assert!(lemmas_with("Brzęczkowską", Case::Acc, Gender::F).contains(&"Brzęczkowska".into()));
    }

    #[test]
    fn apostrophe_and_acronym_endings() {
        let m = Morphology::embedded();
        assert!(m.analyze("Farage'a").iter().any(|a| a.lemma == "Farage"));
        assert!(m.analyze("PiS-u").iter().any(|a| a.lemma == "PiS"));
    }

    #[test]
    fn acronyms_are_not_guessed() {
        assert!(Morphology::embedded().analyze("XQZW").is_empty());
    }

    #[test]
    fn unknown_capitalized_words_may_be_indeclinable() {
        let m = Morphology::embedded();
        assert!(
            m.guess("Nisar")
                .iter()
                .any(|a| a.lemma == "Nisar" && a.case.is_none())
        );
        assert!(m.guess("nisar").iter().all(|a| a.case.is_some()));
    }
}
