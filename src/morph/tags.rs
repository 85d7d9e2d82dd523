//! Grammatical categories and the parsing of Morfeusz (NKJP) tags.

use std::collections::HashMap;

/// Part of speech, coarse-grained from the NKJP tag classes.
///
/// ```
/// use polner::morph::{Morphology, Pos};
/// let m = Morphology::embedded();
/// assert!(m.analyze("w").iter().any(|a| a.pos == Pos::Prep));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Pos {
    /// Noun (`subst`, `depr`).
    Noun,
    /// Adjective (`adj`, `adja`, `adjp`, `adjc`).
    Adj,
    /// Verb form, including participles and gerunds (`fin`, `praet`, `pact`, `ger`, …).
    Verb,
    /// Numeral (`num`, `numcol`).
    Num,
    /// Adverb (`adv`).
    Adv,
    /// Preposition (`prep`).
    Prep,
    /// Conjunction or complementizer (`conj`, `comp`).
    Conj,
    /// Pronoun (`ppron12`, `ppron3`, `siebie`).
    Pron,
    /// Particle (`qub`).
    Part,
    /// Interjection (`interj`).
    Interj,
    /// Abbreviation (`brev`).
    Abbr,
    /// Anything else (punctuation, foreign material, `pred`, `aglt`, …).
    Other,
}

/// Grammatical case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Case {
    /// Nominative (mianownik).
    Nom,
    /// Genitive (dopełniacz).
    Gen,
    /// Dative (celownik).
    Dat,
    /// Accusative (biernik).
    Acc,
    /// Instrumental (narzędnik).
    Inst,
    /// Locative (miejscownik).
    Loc,
    /// Vocative (wołacz).
    Voc,
}

impl Case {
    /// All cases, in the traditional order.
    pub const ALL: [Case; 7] = [
        Case::Nom,
        Case::Gen,
        Case::Dat,
        Case::Acc,
        Case::Inst,
        Case::Loc,
        Case::Voc,
    ];

    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Grammatical number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Number {
    /// Singular.
    Sg,
    /// Plural.
    Pl,
}

impl Number {
    /// Both numbers.
    pub const ALL: [Number; 2] = [Number::Sg, Number::Pl];

    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Grammatical gender, as in SGJP: three masculine genders, feminine, neuter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    /// Masculine personal (`m1`: *pan*, *Kowalski*).
    M1,
    /// Masculine animate (`m2`: *pies*).
    M2,
    /// Masculine inanimate (`m3`: *stół*, *Kraków*).
    M3,
    /// Feminine (`f`).
    F,
    /// Neuter (`n`).
    N,
}

impl Gender {
    /// All genders.
    pub const ALL: [Gender; 5] = [Gender::M1, Gender::M2, Gender::M3, Gender::F, Gender::N];

    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// The kind of proper name a lexicon entry is, from the SGJP name qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NameClass {
    /// A first name (`imię`).
    FirstName,
    /// A surname (`nazwisko`).
    Surname,
    /// A geographic name (`nazwa_geograficzna`).
    Geographic,
    /// A word that is part of geographic names (`człon_nazwy_geograficznej`).
    GeographicPart,
    /// An organization (`nazwa_organizacji`).
    Organization,
    /// Another proper name (`nazwa_własna`, names of things, events, pseudonyms …).
    OtherName,
}

impl NameClass {
    /// Maps an SGJP qualifier to a class; `None` for common nouns and unknown qualifiers.
    pub(crate) fn from_sgjp(q: &str) -> Option<NameClass> {
        Some(match q {
            "imię" => NameClass::FirstName,
            "nazwisko" => NameClass::Surname,
            "nazwa_geograficzna" => NameClass::Geographic,
            "człon_nazwy_geograficznej" => NameClass::GeographicPart,
            "nazwa_organizacji"
            | "nazwa_instytucji"
            | "nazwa_firmy"
            | "człon_nazwy_organizacji" => NameClass::Organization,
            "nazwisko_(odmężowskie)"
            | "nazwisko_(odojcowskie)"
            | "człon_nazwiska"
            | "człon_nazwiska_(herb)"
            | "patronimicum"
            | "przydomek" => NameClass::Surname,
            "nazwa_pospolita" | "nazwa pospolita" | "pospolita" | "" => return None,
            _ => NameClass::OtherName,
        })
    }

    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }

    /// All classes, in order of priority (the first one set is an entry's main class).
    pub(crate) const ALL: [NameClass; 6] = [
        NameClass::FirstName,
        NameClass::Surname,
        NameClass::Geographic,
        NameClass::Organization,
        NameClass::OtherName,
        NameClass::GeographicPart,
    ];
}

/// A set of [`NameClass`]es, as a bit mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct NameClasses(pub(crate) u8);

impl NameClasses {
    /// True when `class` is in the set.
    pub fn contains(self, class: NameClass) -> bool {
        self.0 & class.bit() != 0
    }

    /// True when the set is empty (a common word).
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The main class: the first of first name, surname, geographic,
    /// organization, other, geographic part.
    pub fn main(self) -> Option<NameClass> {
        NameClass::ALL.into_iter().find(|c| self.contains(*c))
    }

    /// Iterates over the classes in the set.
    pub fn iter(self) -> impl Iterator<Item = NameClass> {
        NameClass::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

/// The NKJP tag class (first segment of a tag) where it matters for agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Class {
    Subst,
    Depr,
    Adj,
    /// `pact` / `ppas`: participles, which inflect like adjectives.
    Participle,
    Num,
    Ger,
    Other,
}

/// A parsed tag: what agreement needs, as bit masks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TagInfo {
    pub pos: Pos,
    pub class: Class,
    pub cases: u8,
    pub numbers: u8,
    pub genders: u8,
    /// Plurale tantum (`pt`).
    pub pt: bool,
    /// Id of the segments other than case, number and gender (`adj` + `pos`,
    /// `ppas` + `perf:aff`); forms of one lemma with the same `rest` differ
    /// only in case, number and gender.
    pub rest: u32,
}

impl TagInfo {
    /// True when the tag allows `case`, `number` and `gender` (a tag without
    /// a category allows any value of it).
    pub fn allows(&self, case: Case, number: Number, gender: Gender) -> bool {
        (self.cases == 0 || self.cases & case.bit() != 0)
            && (self.numbers == 0 || self.numbers & number.bit() != 0)
            && (self.genders == 0 || self.genders & gender.bit() != 0)
    }

    /// True when `other` has the same case, number and gender masks.
    pub fn same_categories(&self, other: &TagInfo) -> bool {
        (self.cases, self.numbers, self.genders) == (other.cases, other.numbers, other.genders)
    }

    /// True for nouns and words that inflect like them.
    pub fn is_nominal(&self) -> bool {
        matches!(self.class, Class::Subst | Class::Depr | Class::Ger)
    }

    /// True for adjectives and participles.
    pub fn is_adjectival(&self) -> bool {
        matches!(self.class, Class::Adj | Class::Participle)
    }
}

fn pos_of(class: &str) -> Pos {
    match class {
        "subst" | "depr" => Pos::Noun,
        "adj" | "adja" | "adjp" | "adjc" => Pos::Adj,
        "fin" | "bedzie" | "praet" | "impt" | "imps" | "inf" | "pcon" | "pant" | "ger" | "pact"
        | "ppas" | "winien" => Pos::Verb,
        "num" | "numcol" => Pos::Num,
        "adv" => Pos::Adv,
        "prep" => Pos::Prep,
        "conj" | "comp" => Pos::Conj,
        "ppron12" | "ppron3" | "siebie" => Pos::Pron,
        "qub" => Pos::Part,
        "interj" => Pos::Interj,
        "brev" => Pos::Abbr,
        _ => Pos::Other,
    }
}

/// Parses every tag of the blob; `rest` ids are assigned in order of appearance.
pub(crate) fn parse_tags(tags: &str) -> Vec<TagInfo> {
    let mut rests: HashMap<String, u32> = HashMap::new();
    tags.split('\n')
        .map(|tag| {
            let mut segments = tag.split(':');
            let first = segments.next().unwrap_or("");
            let class = match first {
                "subst" => Class::Subst,
                "depr" => Class::Depr,
                "adj" => Class::Adj,
                "pact" | "ppas" => Class::Participle,
                "num" | "numcol" => Class::Num,
                "ger" => Class::Ger,
                _ => Class::Other,
            };
            let (mut cases, mut numbers, mut genders, mut pt) = (0u8, 0u8, 0u8, false);
            let mut rest = String::from(first);
            for seg in segments {
                let mut matched = false;
                for value in seg.split('.') {
                    let bit = match value {
                        "nom" => Some((&mut cases, Case::Nom.bit())),
                        "gen" => Some((&mut cases, Case::Gen.bit())),
                        "dat" => Some((&mut cases, Case::Dat.bit())),
                        "acc" => Some((&mut cases, Case::Acc.bit())),
                        "inst" => Some((&mut cases, Case::Inst.bit())),
                        "loc" => Some((&mut cases, Case::Loc.bit())),
                        "voc" => Some((&mut cases, Case::Voc.bit())),
                        "sg" => Some((&mut numbers, Number::Sg.bit())),
                        "pl" => Some((&mut numbers, Number::Pl.bit())),
                        "m1" => Some((&mut genders, Gender::M1.bit())),
                        "m2" => Some((&mut genders, Gender::M2.bit())),
                        "m3" => Some((&mut genders, Gender::M3.bit())),
                        "f" => Some((&mut genders, Gender::F.bit())),
                        "n" => Some((&mut genders, Gender::N.bit())),
                        _ => None,
                    };
                    if let Some((mask, bit)) = bit {
                        *mask |= bit;
                        matched = true;
                    }
                }
                if seg == "pt" {
                    pt = true;
                }
                if !matched {
                    rest.push(':');
                    rest.push_str(seg);
                }
            }
            let next = rests.len() as u32;
            let rest = *rests.entry(rest).or_insert(next);
            TagInfo {
                pos: pos_of(first),
                class,
                cases,
                numbers,
                genders,
                pt,
                rest,
            }
        })
        .collect()
}

/// Parses the class lists of the blob into masks.
pub(crate) fn parse_classes(classes: &str) -> Vec<NameClasses> {
    classes
        .split('\n')
        .map(|list| {
            NameClasses(
                list.split(',')
                    .filter_map(NameClass::from_sgjp)
                    .fold(0, |m, c| m | c.bit()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_compact_tags() {
        let tags = parse_tags("subst:sg.pl:nom.gen:f\nadj:pl:nom.voc:m1:pos\nsubst:pl:loc:n:pt");
        assert_eq!(tags[0].pos, Pos::Noun);
        assert!(tags[0].allows(Case::Gen, Number::Pl, Gender::F));
        assert!(!tags[0].allows(Case::Loc, Number::Sg, Gender::F));
        assert!(tags[1].allows(Case::Nom, Number::Pl, Gender::M1));
        assert!(!tags[1].allows(Case::Nom, Number::Pl, Gender::F));
        assert!(tags[2].pt && !tags[0].pt);
    }

    #[test]
    fn classes_have_a_main_class() {
        let classes = parse_classes("\nimię,nazwisko\nnazwa_pospolita");
        assert!(classes[0].is_empty());
        assert_eq!(classes[1].main(), Some(NameClass::FirstName));
        assert!(classes[1].contains(NameClass::Surname));
        assert_eq!(classes[2].main(), None);
    }
}
