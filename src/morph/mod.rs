//! Polish morphology: analysis, generation and lemmatization of names.
//!
//! The lexicon is SGJP (*Słownik gramatyczny języka polskiego*, exported
//! through Morfeusz 2 at build time, see `resources/SOURCES.md`), compiled by
//! `resources/scripts/morph/` into one binary blob that is embedded in the
//! library and read in place: an fst from every form to a set of
//! (lemma rule, tag, name class) entries, an fst from every lemma to its
//! paradigm for generation, and a suffix table learned from the proper names
//! of the lexicon that guesses unknown words.
//!
//! ```
//! use polner::morph::{Case, Morphology, NameClass};
//! use polner::Label;
//!
//! let m = Morphology::embedded();
//! let krakow = m.analyze("Krakowie");
//! assert!(krakow.iter().any(|a| a.lemma == "Kraków"
//!     && a.case == Some(Case::Loc)
//!     && a.name_class == Some(NameClass::Geographic)));
//!
//! assert_eq!(m.lemmatize_name(&["Wielkiej", "Brytanii"], Label::Loc), "Wielka Brytania");
//! assert_eq!(m.lemmatize_name(&["Aleksandra", "Miszalskiego"], Label::Per), "Aleksander Miszalski");
//! ```

pub mod eval;
mod format;
mod guesser;
#[cfg(test)]
mod oracle;
mod phrase;
mod tags;

pub use tags::{Case, Gender, NameClass, NameClasses, Number, Pos};

use crate::model::Label;
use format::{Blob, Entry, FastMap, Rule, Span};
use once_cell::sync::Lazy;
use std::hash::Hasher;
use tags::TagInfo;

/// A small fast hasher for short strings (the Fx hash of rustc).
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The bytes of the embedded lexicon, `resources/generated/morph.bin` (see
/// `resources/SOURCES.md`); [`Morphology::from_bytes`] reads them.
pub static EMBEDDED_BYTES: &[u8] = include_bytes!("../../resources/generated/morph.bin");

static EMBEDDED: Lazy<Morphology> = Lazy::new(|| {
    // The blob is produced by our own build script and checked by the tests;
    // a broken blob is a packaging error, not a run-time condition.
    Morphology::from_bytes(EMBEDDED_BYTES).expect("embedded morphology blob is valid")
});

/// Flag of a lexicon entry: the form carries a stylistic qualifier
/// (archaic, rare, colloquial, technical, …).
const FLAG_MARKED: u8 = 1;

/// One reading of a word: its lemma and grammatical categories.
///
/// A lexicon entry whose tag leaves a category open (`subst:sg.pl:nom.gen:f`)
/// gives one `Analysis` per combination of case, number and gender.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The base form (`Krakowie` → `Kraków`, `Wielkiej` → `wielki`).
    pub lemma: String,
    /// Part of speech.
    pub pos: Pos,
    /// Case, for words that decline.
    pub case: Option<Case>,
    /// Number, for words that have one.
    pub number: Option<Number>,
    /// Gender, for words that have one.
    pub gender: Option<Gender>,
    /// The main name class of the entry (first name, surname, geographic …).
    pub name_class: Option<NameClass>,
    /// All name classes of the entry.
    pub name_classes: NameClasses,
    /// How much to trust the reading, in 0..=1: 1 for a lexicon entry as
    /// written, less for a stylistically marked one, for a reading found
    /// through a change of letter case, and for guesses.
    pub confidence: f32,
    /// True when the reading comes from the guesser, not the lexicon.
    pub guessed: bool,
    /// The plural-only flag (`pt`) of nouns such as *Stany*, *drzwi*.
    pub plurale_tantum: bool,
    tag: u16,
}

impl Analysis {
    /// The full Morfeusz tag of the reading (`subst:sg:loc:m3`), or `""` when
    /// `morphology` is not the one that produced it.
    ///
    /// ```
    /// let m = polner::morph::Morphology::embedded();
    /// let a = &m.analyze("Krakowie")[0];
    /// assert!(m.tag_of(a).starts_with("subst:"));
    /// ```
    pub fn tag<'m>(&self, morphology: &'m Morphology) -> &'m str {
        morphology.tag_of(self)
    }
}

/// A reading of a word without the expansion into combinations of case,
/// number and gender: one lexicon entry (or guess) with the sets of cases,
/// numbers and genders its tag allows. [`Morphology::analyze_compact_into`]
/// gives these; each stands for [`CompactAnalysis::expansions`] consecutive
/// [`Analysis`] values of [`Morphology::analyze`], with the same lemma,
/// part of speech, classes and confidence. Cheaper when a caller needs the
/// lemma and part of speech rather than every combination.
///
/// ```
/// use polner::morph::{Case, Gender, Morphology, Number};
/// let m = Morphology::embedded();
/// let mut compact = Vec::new();
/// m.analyze_compact_into("Wielkiej", &mut compact);
/// assert!(compact.iter().any(|r| r.lemma == "wielki" && r.has_case(Case::Gen)
///     && r.has_number(Number::Sg) && r.has_gender(Gender::F)));
/// // The same readings as `analyze`, unexpanded.
/// let total: usize = compact.iter().map(|r| r.expansions()).sum();
/// assert_eq!(total, m.analyze("Wielkiej").len());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CompactAnalysis {
    /// The base form.
    pub lemma: String,
    /// Part of speech.
    pub pos: Pos,
    /// The main name class of the entry.
    pub name_class: Option<NameClass>,
    /// All name classes of the entry.
    pub name_classes: NameClasses,
    /// How much to trust the reading, in 0..=1 (as in [`Analysis`]).
    pub confidence: f32,
    /// True when the reading comes from the guesser, not the lexicon.
    pub guessed: bool,
    /// The plural-only flag (`pt`).
    pub plurale_tantum: bool,
    cases: u8,
    numbers: u8,
    genders: u8,
    tag: u16,
}

impl CompactAnalysis {
    /// True when the reading has case `case` (false for words without case).
    pub fn has_case(&self, case: Case) -> bool {
        self.cases & case.bit() != 0
    }

    /// True when the reading has number `number`.
    pub fn has_number(&self, number: Number) -> bool {
        self.numbers & number.bit() != 0
    }

    /// True when the reading has gender `gender`.
    pub fn has_gender(&self, gender: Gender) -> bool {
        self.genders & gender.bit() != 0
    }

    /// The cases of the reading, in the order of [`Case::ALL`]; none for
    /// words without case.
    pub fn cases(&self) -> impl Iterator<Item = Case> + use<> {
        let mask = self.cases;
        Case::ALL.into_iter().filter(move |c| mask & c.bit() != 0)
    }

    /// How many [`Analysis`] values [`Morphology::analyze`] gives for this
    /// reading: the number of combinations of its cases, numbers and genders.
    pub fn expansions(&self) -> usize {
        let count = |mask: u8| (mask.count_ones() as usize).max(1);
        count(self.cases) * count(self.numbers) * count(self.genders)
    }

    /// The full Morfeusz tag of the reading, as [`Analysis::tag`].
    ///
    /// ```
    /// let m = polner::morph::Morphology::embedded();
    /// let mut out = Vec::new();
    /// m.analyze_compact_into("Krakowie", &mut out);
    /// assert!(out[0].tag(m).starts_with("subst:"));
    /// ```
    pub fn tag<'m>(&self, morphology: &'m Morphology) -> &'m str {
        morphology
            .tag_names
            .get(self.tag as usize)
            .copied()
            .unwrap_or("")
    }
}

/// An inflected form of a lemma, from [`Morphology::generate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The form (`Krakowie`).
    pub form: String,
    /// Part of speech.
    pub pos: Pos,
    /// Case, for words that decline.
    pub case: Option<Case>,
    /// Number, for words that have one.
    pub number: Option<Number>,
    /// Gender, for words that have one.
    pub gender: Option<Gender>,
    /// The main name class of the entry.
    pub name_class: Option<NameClass>,
    /// True for stylistically marked forms (archaic, rare, colloquial …).
    pub marked: bool,
}

/// An unexpanded reading: lemma plus tag masks. The phrase lemmatizer works
/// on these.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    pub lemma: String,
    pub tag: u16,
    pub info: TagInfo,
    pub classes: NameClasses,
    pub confidence: f32,
    pub guessed: bool,
}

/// The Polish lexicon, analyser, generator and name lemmatizer.
///
/// Get the embedded one with [`Morphology::embedded`]; all methods take
/// `&self` and the type is `Send + Sync`.
pub struct Morphology {
    /// Tells this lexicon's entries in the per-thread look-up cache apart.
    id: u64,
    blob: Blob<'static>,
    /// The rules of the blob, decoded.
    rules: Vec<Rule<'static>>,
    /// `blob.forms`, with faster look-ups.
    forms: FastMap<'static>,
    /// `blob.guess`, for the guesser's walks.
    guess_table: FastMap<'static>,
    tags: Vec<TagInfo>,
    /// The parsed tag and its expansions, for `analyze`, by tag id.
    combos: Vec<(TagInfo, Vec<Combination>)>,
    /// The `rest` id of `adj:…:pos` tags.
    positive_rest: Option<u32>,
    tag_names: Vec<&'static str>,
    classes: Vec<NameClasses>,
    /// Each of `classes` with its main class.
    main_classes: Vec<(NameClasses, Option<NameClass>)>,
    /// [`Letter::table`].
    letters: Vec<Letter>,
}

impl std::fmt::Debug for Morphology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Morphology")
            .field("forms", &self.blob.forms.len())
            .field("lemmas", &self.blob.lemmas.len())
            .field("tags", &self.tags.len())
            .finish()
    }
}

/// Letter-case pattern of a word, for case-aware lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    Lower,
    Capitalized,
    Upper,
    Mixed,
}

/// What the analyser needs to know of a char: its letter case (as
/// [`casing`] counts it) and its lower-case form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letter {
    /// The lower-case form, when it is one char.
    lower: Option<char>,
    is_upper: bool,
    is_lower: bool,
    /// Whether the char can be the first letter of a word: it has a case or
    /// it is alphabetic.
    letter: bool,
}

/// Chars below this have their [`Letter`] in a table (Latin, with all the
/// Polish letters).
const LETTER_TABLE: usize = 0x250;

impl Letter {
    fn of(c: char) -> Letter {
        // A lower-case letter is not also counted as upper case; a
        // lower-case letter lower-cases to itself.
        let (is_upper, is_lower) = if c.is_ascii() {
            (c.is_ascii_uppercase(), c.is_ascii_lowercase())
        } else if c.is_lowercase() {
            (false, true)
        } else {
            (c.is_uppercase(), false)
        };
        let lower = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else if is_lower {
            Some(c)
        } else {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => Some(l),
                _ => None,
            }
        };
        Letter {
            lower,
            is_upper,
            is_lower,
            letter: is_upper || is_lower || (!c.is_ascii() && c.is_alphabetic()),
        }
    }

    /// The letters of the chars below [`LETTER_TABLE`].
    fn table() -> Vec<Letter> {
        (0..LETTER_TABLE as u32)
            .map(|c| Letter::of(char::from_u32(c).unwrap_or('\0')))
            .collect()
    }
}

/// Case bits of the ASCII bytes: 1 for upper case, 2 for lower case.
const ASCII_CASE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_uppercase() as u8 | ((b as u8).is_ascii_lowercase() as u8) << 1;
        b += 1;
    }
    t
};

/// The case bits of `bytes` (1: an upper-case letter, 2: a lower-case one)
/// when they are all ASCII: eight (or four) at a time, in words that may
/// overlap; `None` when there is a byte above ASCII.
#[inline]
fn ascii_case_bits(bytes: &[u8]) -> Option<u8> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = bytes.len();
    let word8 = |at: usize| {
        bytes
            .get(at..)
            .and_then(|rest| rest.first_chunk::<8>())
            .map_or(0, |c| u64::from_le_bytes(*c))
    };
    let word4 = |at: usize| {
        bytes
            .get(at..)
            .and_then(|rest| rest.first_chunk::<4>())
            .map_or(0, |c| u32::from_le_bytes(*c) as u64)
    };
    let mut all = 0u64;
    let (mut upper, mut lower) = (0u64, 0u64);
    let mut add = |x: u64| {
        // Bytes below 0x80: adding c sets the high bit exactly for bytes of
        // 0x80 - c and up, without a carry into the next byte.
        all |= x;
        upper |= x.wrapping_add(ONES * (0x80 - b'A') as u64)
            & !x.wrapping_add(ONES * (0x80 - b'Z' - 1) as u64);
        lower |= x.wrapping_add(ONES * (0x80 - b'a') as u64)
            & !x.wrapping_add(ONES * (0x80 - b'z' - 1) as u64);
    };
    match n {
        0 => {}
        1..=3 => {
            for &b in bytes {
                add(b as u64);
            }
        }
        4..=7 => {
            add(word4(0));
            add(word4(n - 4));
        }
        _ => {
            let mut at = 0;
            while at + 8 <= n {
                add(word8(at));
                at += 8;
            }
            add(word8(n - 8));
        }
    }
    if all & HIGH != 0 {
        return None;
    }
    Some((upper & HIGH != 0) as u8 | ((lower & HIGH != 0) as u8) << 1)
}

/// The [`Letter`] of `c`, from `letters` ([`Letter::table`]) when it is there.
#[inline]
fn letter_of(c: char, letters: &[Letter]) -> Letter {
    match letters.get(c as usize) {
        Some(l) => *l,
        None => Letter::of(c),
    }
}

/// The letter-case pattern of `word`: of its letters (chars with a case, or
/// alphabetic), whether the first is upper case and whether any later one
/// is upper or lower case. `letters` is [`Letter::table`].
#[inline]
fn casing(word: &str, letters: &[Letter]) -> Casing {
    let bytes = word.as_bytes();
    let mut i = 0;
    // The first letter.
    let first_upper = loop {
        let Some(&b) = bytes.get(i) else {
            return Casing::Lower;
        };
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphabetic() {
                break b.is_ascii_uppercase();
            }
        } else {
            let Some(c) = word.get(i..).and_then(|rest| rest.chars().next()) else {
                return Casing::Lower;
            };
            i += c.len_utf8();
            let l = letter_of(c, letters);
            if l.letter {
                break l.is_upper;
            }
        }
    };
    // The case bits of the rest (1 upper, 2 lower).
    let rest = bytes.get(i..).unwrap_or_default();
    let seen = match ascii_case_bits(rest) {
        Some(bits) => bits,
        None => {
            let mut seen = 0u8;
            while let Some(&b) = bytes.get(i) {
                if let Some(&bits) = ASCII_CASE.get(b as usize) {
                    seen |= bits;
                    i += 1;
                } else {
                    let Some(c) = word.get(i..).and_then(|rest| rest.chars().next()) else {
                        break;
                    };
                    i += c.len_utf8();
                    let l = letter_of(c, letters);
                    seen |= l.is_upper as u8 | (l.is_lower as u8) << 1;
                }
            }
            seen
        }
    };
    match (first_upper, seen & 1 != 0, seen & 2 != 0) {
        (false, false, _) => Casing::Lower,
        (true, false, _) => Casing::Capitalized,
        (true, true, false) => Casing::Upper,
        _ => Casing::Mixed,
    }
}

/// Writes `word` in lower case into `out` (replacing its contents): char by
/// char; `to_lowercase` of the whole word when a letter lower-cases to
/// several chars or the result is longer than 64 bytes.
#[inline]
fn lowercase_into(word: &str, letters: &[Letter], out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let mut whole = false;
    for c in word.chars() {
        let lower = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else {
            letter_of(c, letters).lower
        };
        match lower {
            Some(l) => out.push(l),
            None => {
                whole = true;
                break;
            }
        }
    }
    if whole || out.len() > 64 {
        out.clear();
        out.push_str(&word.to_lowercase());
    }
}

/// `word` with its first letter upper-cased and the rest lower-cased.
pub(crate) fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        for c in chars {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Confidence of a reading found by lower-casing a capitalized word.
const LOWERED: f32 = 0.9;
/// Confidence factor of stylistically marked entries.
const MARKED: f32 = 0.6;

/// The confidence of entry `e` found at `factor`: lower for a stylistically
/// marked entry.
#[inline]
fn marked(e: Entry, factor: f32) -> f32 {
    if e.flags() & FLAG_MARKED != 0 {
        factor * MARKED
    } else {
        factor
    }
}

impl Morphology {
    /// The embedded lexicon, loaded on first use (the blob is read in place;
    /// loading parses only its tag table).
    ///
    /// ```
    /// let m = polner::morph::Morphology::embedded();
    /// assert!(m.is_known("Kraków"));
    /// ```
    pub fn embedded() -> &'static Morphology {
        &EMBEDDED
    }

    /// Reads a lexicon from the bytes of a `morph.bin` blob.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Morphology, crate::Error> {
        let blob = Blob::parse(bytes).map_err(crate::Error::config)?;
        let tags = tags::parse_tags(blob.tags);
        let combos = tags.iter().map(|t| (*t, combinations(t))).collect();
        let positive_rest = blob
            .tags
            .split('\n')
            .zip(&tags)
            .find(|(name, _)| name.starts_with("adj:") && name.ends_with(":pos"))
            .map(|(_, info)| info.rest);
        let tag_names = blob.tags.split('\n').collect();
        let classes = tags::parse_classes(blob.classes);
        let main_classes = classes.iter().map(|c| (*c, c.main())).collect();
        let forms = FastMap::new(blob.forms.clone());
        let guess_table = FastMap::walk_only(blob.guess.clone());
        let rules = (0..blob.rule_count() as u32)
            .map(|id| blob.rule(id))
            .collect();
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Ok(Morphology {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            rules,
            forms,
            guess_table,
            blob,
            tags,
            combos,
            positive_rest,
            tag_names,
            classes,
            main_classes,
            letters: Letter::table(),
        })
    }

    /// The Morfeusz tag string of an analysis.
    pub fn tag_of(&self, analysis: &Analysis) -> &'static str {
        self.tag_names
            .get(analysis.tag as usize)
            .copied()
            .unwrap_or("")
    }

    fn combos_of(&self, tag: u16) -> &[Combination] {
        self.tag_and_combos(tag).1
    }

    /// The parsed tag and its expansions.
    #[inline]
    fn tag_and_combos(&self, tag: u16) -> (TagInfo, &[Combination]) {
        match self.combos.get(tag as usize) {
            Some((info, combos)) => (*info, combos),
            None => (UNKNOWN_TAG, &NO_CATEGORIES),
        }
    }

    fn tag_info(&self, tag: u16) -> TagInfo {
        self.tags.get(tag as usize).copied().unwrap_or(UNKNOWN_TAG)
    }

    fn classes_of(&self, class: u8) -> NameClasses {
        self.classes
            .get(class as usize)
            .copied()
            .unwrap_or_default()
    }

    /// Rewrite rule `id`; one that never applies when out of range.
    #[inline]
    fn rule(&self, id: u32) -> Rule<'static> {
        self.rules
            .get(id as usize)
            .copied()
            .unwrap_or_else(Rule::never)
    }

    /// The classes of class list `class` and its main class.
    #[inline]
    fn class_and_main(&self, class: u8) -> (NameClasses, Option<NameClass>) {
        self.main_classes
            .get(class as usize)
            .copied()
            .unwrap_or_default()
    }

    /// True when `word` is the nominative plural of a masculine-personal
    /// noun other than itself (`Niemcy` of *Niemiec*).
    pub(crate) fn is_plural_of_people(&self, word: &str) -> bool {
        let mut lemma = String::new();
        let mut yes = false;
        self.exact_entries(word, |e| {
            let info = self.tag_info(e.tag());
            yes |= info.class == tags::Class::Subst
                && info.cases & Case::Nom.bit() != 0
                && info.numbers == Number::Pl.bit()
                && info.genders & Gender::M1.bit() != 0
                && self.rule(e.rule()).apply(word, &mut lemma)
                && lemma != word;
        });
        yes
    }

    /// True when `word` is in the lexicon exactly as written (letter case included).
    ///
    /// ```
    /// let m = polner::morph::Morphology::embedded();
    /// assert!(m.is_known("Krakowie"));
    /// assert!(!m.is_known("krakowie"));
    /// assert!(m.is_known("wielkiej") && !m.is_known("Wielkiej"));
    /// ```
    pub fn is_known(&self, word: &str) -> bool {
        let mut known = false;
        self.exact_entries(word, |_| known = true);
        known
    }

    /// The entries of the analysis set of a key of the main map (a
    /// lower-case form), through the look-up cache.
    #[inline]
    fn main_set(&self, key: &str, cache: &mut FormCache) -> Option<Span> {
        cache.get_or_insert(self.id, 0, key.as_bytes(), || self.main_span(key))
    }

    /// The entries of the analysis set of a key of the main map, looked up
    /// in the map itself.
    #[inline]
    fn main_span(&self, key: &str) -> Option<Span> {
        self.forms
            .get(key.as_bytes())
            .map(|set| self.blob.sets.span(set))
    }

    /// What [`Morphology::lexicon_entries_in`] keeps in the look-up cache
    /// for `word` as written: its letter case and the entries of its
    /// lower-case form, for a word in lower case or capitalized; `Other`
    /// for the rest (not cached); `None` when the lexicon has no such form.
    /// `lower` is scratch space.
    #[inline]
    fn written_set(&self, word: &str, lower: &mut String) -> Option<Written> {
        // The analyses of the entries whose rule fits the spelling it
        // applies to (as `analyze_in` counts them).
        let analyses = |span: Span, capitalized: bool, variant: &str| -> u32 {
            self.blob
                .sets
                .entries(span)
                .filter(|e| e.capitalized() == capitalized)
                .filter(|e| {
                    self.rules
                        .get(e.rule() as usize)
                        .is_some_and(|rule| rule.fits(variant))
                })
                .map(|e| self.tag_and_combos(e.tag()).1.len() as u32)
                .sum()
        };
        // A word the lexicon does not have goes to the guesser.
        let unknown = || {
            let ending = guesser::longest_ending(self, word, guesser::Domain::of(word));
            Written::Unknown(ending.map(|(set, chars)| Ending(set, chars)))
        };
        Some(match casing(word, &self.letters) {
            Casing::Lower => match self.main_span(word) {
                Some(span) => Written::Known {
                    capitalized: false,
                    span,
                    analyses: analyses(span, false, word),
                },
                None => unknown(),
            },
            Casing::Capitalized => {
                lowercase_into(word, &self.letters, lower);
                match self.main_span(lower) {
                    Some(span) => Written::Known {
                        capitalized: true,
                        span,
                        analyses: analyses(span, true, word) + analyses(span, false, lower),
                    },
                    None => unknown(),
                }
            }
            Casing::Upper | Casing::Mixed => Written::Other,
        })
    }

    /// The entries of the analysis set of `word` in the map of other forms.
    #[inline]
    fn exact_set(&self, word: &str) -> Option<Span> {
        self.blob
            .exact
            .get(word)
            .map(|set| self.blob.sets.span(set))
    }

    /// Calls `f(entry)` for every lexicon entry of `word` exactly as written.
    fn exact_entries(&self, word: &str, mut f: impl FnMut(Entry)) {
        with_scratch(|s| {
            let casing = casing(word, &self.letters);
            let set = match casing {
                Casing::Lower => self.main_set(word, &mut s.cache),
                Casing::Capitalized => {
                    lowercase_into(word, &self.letters, &mut s.lower);
                    self.main_set(&s.lower, &mut s.cache)
                }
                Casing::Upper | Casing::Mixed => self.exact_set(word),
            };
            let Some(set) = set else {
                return;
            };
            for e in self.blob.sets.entries(set) {
                let keep = match casing {
                    Casing::Lower => !e.capitalized(),
                    Casing::Capitalized => e.capitalized(),
                    Casing::Upper | Casing::Mixed => true,
                };
                if keep {
                    f(e);
                }
            }
        });
    }

    /// Calls `f(variant, entry, confidence)` for every lexicon entry of `word`:
    /// as written, then lower-cased when it is capitalized or upper-case, then
    /// capitalized when it is upper-case; `variant` is the spelling the entry
    /// is for. Returns true when any was found.
    ///
    /// Lower-case and capitalized forms share one key in the lexicon (the
    /// lower-case form), so a capitalized word costs one look-up for both
    /// of its readings; the look-up cache keeps them by the word as written,
    /// with its letter case, so that a hit needs neither the letter case
    /// worked out nor the word lower-cased (unless a lower-case reading
    /// needs it). `cache` and `lower` are the thread's (see [`Scratch`]).
    #[inline]
    fn lexicon_entries_in(
        &self,
        word: &str,
        cache: &mut FormCache,
        lower: &mut String,
        mut f: impl FnMut(&str, Entry, f32),
    ) -> bool {
        let mut found = false;
        let mut emit = |variant: &str, e: Entry, factor: f32| {
            f(variant, e, marked(e, factor));
            found = true;
        };
        // Words in lower case or capitalized (nearly all) through the cache
        // keyed by the word as written, which also keeps the letter case.
        let written = cache.get_or_insert(self.id, 0, word.as_bytes(), || {
            self.written_set(word, lower)
        });
        match written {
            None | Some(Written::Unknown(_)) => return false,
            Some(Written::Known {
                capitalized, span, ..
            }) => {
                self.each_written_entry(word, capitalized, span, lower, &mut emit);
                return found;
            }
            Some(Written::Other) => {}
        }
        let casing = casing(word, &self.letters);
        // The map of other forms through the cache too (`NATO`, `PiS`: a
        // look-up of kind 2, apart from the spans of the main map's keys).
        if matches!(casing, Casing::Upper | Casing::Mixed)
            && let Some(set) = cache.get_or_insert(self.id, EXACT_KIND, word.as_bytes(), || {
                self.exact_set(word)
            })
        {
            for e in self.blob.sets.entries(set) {
                emit(word, e, 1.0);
            }
        }
        lowercase_into(word, &self.letters, lower);
        let lower = lower.as_str();
        let Some(set) = self.main_set(lower, cache) else {
            return found;
        };
        let entries = || self.blob.sets.entries(set);
        // (only upper-case and mixed-case words get this far: the others
        // were answered through the cache above)
        if casing == Casing::Mixed {
            for e in entries().filter(|e| !e.capitalized()) {
                emit(lower, e, LOWERED);
            }
        } else {
            if entries().any(|e| e.capitalized()) {
                let cap = capitalize(word);
                for e in entries().filter(|e| e.capitalized()) {
                    emit(&cap, e, LOWERED);
                }
            }
            for e in entries().filter(|e| !e.capitalized()) {
                emit(lower, e, LOWERED * LOWERED);
            }
        }
        found
    }

    /// [`Morphology::lexicon_entries_in`] with the thread's scratch.
    fn lexicon_entries(&self, word: &str, mut f: impl FnMut(&str, Entry, f32)) -> bool {
        with_scratch(|s| self.lexicon_entries_in(word, &mut s.cache, &mut s.lower, &mut f))
    }

    /// Readings of `word` (unexpanded), lexicon first, guesser (from
    /// `domain`) when the lexicon has none.
    pub(crate) fn readings_in(&self, word: &str, domain: guesser::Domain) -> Vec<Reading> {
        let mut out = Vec::new();
        let found = self.lexicon_entries(word, |variant, e, confidence| {
            let mut lemma = String::new();
            if self.rule(e.rule()).apply(variant, &mut lemma) {
                out.push(Reading {
                    lemma,
                    tag: e.tag(),
                    info: self.tag_info(e.tag()),
                    classes: self.classes_of(e.class()),
                    confidence,
                    guessed: false,
                });
            }
        });
        if !found {
            guesser::guess(self, word, domain, &mut out);
        }
        out
    }

    /// All readings of `word`: lemma, part of speech, case, number, gender,
    /// name class. Case-aware: `Krakowie` is the city, `krakowie` is not a
    /// word; a capitalized word also gets the readings of its lower-case form
    /// (with lower confidence), as at the start of a sentence. Words the
    /// lexicon does not know go to the guesser (`guessed` is then true).
    ///
    /// ```
    /// use polner::morph::{Case, Gender, Morphology, Number, Pos};
    /// let m = Morphology::embedded();
    /// let a = m.analyze("Wielkiej");
    /// assert!(a.iter().any(|a| a.lemma == "wielki" && a.pos == Pos::Adj
    ///     && a.case == Some(Case::Gen) && a.number == Some(Number::Sg)
    ///     && a.gender == Some(Gender::F)));
    /// let guess = m.analyze("Miszalskiego");
    /// assert!(guess.iter().all(|a| a.guessed));
    /// assert!(guess.iter().any(|a| a.lemma == "Miszalski"));
    /// ```
    pub fn analyze(&self, word: &str) -> Vec<Analysis> {
        let mut out = Vec::new();
        self.analyze_into(word, &mut out);
        out
    }

    /// Like [`Morphology::analyze`], writing into `out` (replacing its
    /// contents). The lemma strings of earlier calls are reused (`out`'s
    /// buffer may be exchanged for one the thread kept from an earlier call
    /// with as many analyses), so that a loop over a text allocates almost
    /// nothing.
    ///
    /// ```
    /// let m = polner::morph::Morphology::embedded();
    /// let mut buf = Vec::new();
    /// for word in ["Spotkanie", "odbyło", "się", "w", "Krakowie"] {
    ///     m.analyze_into(word, &mut buf);
    ///     assert!(!buf.is_empty());
    /// }
    /// assert!(buf.iter().any(|a| a.lemma == "Kraków"));
    /// ```
    pub fn analyze_into(&self, word: &str, out: &mut Vec<Analysis>) {
        with_scratch(|s| self.analyze_in(word, out, s));
    }

    /// [`Morphology::analyze_into`] with the thread's scratch: the analyses
    /// are written into the scratch's `work` buffer (which keeps its length
    /// and lemma buffers from word to word), then swapped into `out` once it
    /// has their number (see [`resize`]).
    #[inline]
    fn analyze_in(&self, word: &str, out: &mut Vec<Analysis>, s: &mut Scratch) {
        let Scratch {
            cache,
            lower,
            spares,
            pool,
            work,
            ..
        } = s;
        // A word in lower case or capitalized that the lexicon has: the
        // cache knows how many analyses it gets, so they are written in
        // place into `out` once it has that length.
        if word.len() <= CACHE_KEY
            && let Some(Written::Known {
                capitalized,
                span,
                analyses,
            }) = cache.get_or_insert(self.id, 0, word.as_bytes(), || {
                self.written_set(word, lower)
            })
            && analyses > 0
        {
            let n = analyses as usize;
            resize(out, n, spares, pool);
            if self.write_known(word, capitalized, span, out, lower) == n {
                return;
            }
        }
        let mut n = 0usize;
        let found = self.lexicon_entries_in(word, cache, lower, |variant, e, confidence| {
            // A rule out of range never applies.
            let Some(rule) = self.rules.get(e.rule() as usize) else {
                return;
            };
            let tag = e.tag();
            let (info, combos) = self.tag_and_combos(tag);
            reserve(work, spares, n + combos.len());
            let Some((first, rest)) = work
                .get_mut(n..n + combos.len())
                .and_then(|run| run.split_first_mut())
            else {
                return;
            };
            if self.fill_entry(rule, variant, e, confidence, (info, combos), (first, rest)) {
                n += combos.len();
            }
        });
        if !found {
            let ending = |m: &Morphology, word: &str, domain: guesser::Domain| {
                cached_ending(m, word, domain, cache, lower)
            };
            guesser::guess_each_with(self, word, guesser::Domain::of(word), ending, |g| {
                n = self.expand_guess(&g, work, spares, n);
            });
        }
        resize(out, n, spares, pool);
        if let Some(done) = work.get_mut(..n) {
            out.swap_with_slice(done);
        }
    }

    /// Writes the analyses of the entries `span` of `word` (in lower case,
    /// or `capitalized`) into `out`, in the order of
    /// [`Morphology::lexicon_entries_in`]; returns how many it wrote, which
    /// is the count [`Morphology::written_set`] gives when `out` is as long
    /// (each entry's rule fits as it counted).
    #[inline]
    fn write_known(
        &self,
        word: &str,
        capitalized: bool,
        span: Span,
        out: &mut [Analysis],
        lower: &mut String,
    ) -> usize {
        let mut at = 0;
        let mut write = |variant: &str, e: Entry, factor: f32| {
            // A rule out of range never applies.
            let Some(rule) = self.rules.get(e.rule() as usize) else {
                return;
            };
            let tag = e.tag();
            let (info, combos) = self.tag_and_combos(tag);
            let Some((first, rest)) = out
                .get_mut(at..at + combos.len())
                .and_then(|run| run.split_first_mut())
            else {
                return;
            };
            let confidence = marked(e, factor);
            if self.fill_entry(rule, variant, e, confidence, (info, combos), (first, rest)) {
                at += combos.len();
            }
        };
        self.each_written_entry(word, capitalized, span, lower, &mut write);
        at
    }

    /// Fills the analyses of entry `e` for `variant`: its lemma (by `rule`,
    /// the entry's) into the first slot of `run`, then the combinations of
    /// case, number and gender of its tag (`categories`, as
    /// [`Morphology::tag_and_combos`] gives them) over the run, one slot
    /// each. False when the rule does not fit the variant.
    #[inline(always)]
    fn fill_entry(
        &self,
        rule: &Rule<'_>,
        variant: &str,
        e: Entry,
        confidence: f32,
        (info, combos): (TagInfo, &[Combination]),
        (first, rest): (&mut Analysis, &mut [Analysis]),
    ) -> bool {
        // The lemma once, into the first expansion; the others copy it.
        if !rule.apply(variant, &mut first.lemma) {
            return false;
        }
        let tag = e.tag();
        let (name_classes, name_class) = self.class_and_main(e.class());
        let shared = Shared {
            tag,
            info,
            name_classes,
            name_class,
            confidence,
            guessed: false,
        };
        expand(first, rest, &shared, combos);
        true
    }

    /// Calls `f(variant, entry, factor)` for the entries `span` of `word`
    /// (in lower case, or `capitalized`), in the one order both
    /// [`Morphology::lexicon_entries_in`] and [`Morphology::write_known`]
    /// follow: a capitalized word's own entries as written, then those of
    /// its lower-case form (lower-cased into `lower` only when an entry
    /// needs it, at factor [`LOWERED`]); a lower-case word's lower-case
    /// entries.
    #[inline]
    fn each_written_entry(
        &self,
        word: &str,
        capitalized: bool,
        span: Span,
        lower: &mut String,
        f: &mut impl FnMut(&str, Entry, f32),
    ) {
        let entries = || self.blob.sets.entries(span);
        if capitalized {
            for e in entries().filter(|e| e.capitalized()) {
                f(word, e, 1.0);
            }
            let mut lowered = false;
            for e in entries().filter(|e| !e.capitalized()) {
                if !lowered {
                    lowercase_into(word, &self.letters, lower);
                    lowered = true;
                }
                f(lower, e, LOWERED);
            }
        } else {
            for e in entries().filter(|e| !e.capitalized()) {
                f(word, e, 1.0);
            }
        }
    }

    /// Expands a guessed reading into `out[n..]`; returns the new length.
    fn expand_guess(
        &self,
        g: &guesser::Guess,
        out: &mut Vec<Analysis>,
        spares: &mut Vec<Analysis>,
        n: usize,
    ) -> usize {
        let shared = Shared {
            tag: g.tag,
            info: g.info,
            name_classes: g.classes,
            name_class: g.classes.main(),
            confidence: g.confidence,
            guessed: true,
        };
        let owned;
        let combos: &[Combination] = if self
            .tags
            .get(g.tag as usize)
            .is_some_and(|t| t.same_categories(&g.info))
        {
            self.combos_of(g.tag)
        } else if (g.info.cases, g.info.numbers, g.info.genders) == (0, 0, 0) {
            &NO_CATEGORIES
        } else {
            owned = combinations(&g.info);
            &owned
        };
        reserve(out, spares, n + combos.len());
        let Some((first, rest)) = out
            .get_mut(n..n + combos.len())
            .and_then(|run| run.split_first_mut())
        else {
            return n;
        };
        first.lemma.clear();
        first.lemma.push_str(g.lemma);
        expand(first, rest, &shared, combos);
        n + combos.len()
    }

    /// The readings of `word` as [`Morphology::analyze`] finds them, without
    /// expanding each into its combinations of case, number and gender (see
    /// [`CompactAnalysis`]), written into `out` (replacing its contents) and
    /// reusing the lemma strings already in it.
    ///
    /// ```
    /// use polner::morph::{Case, Morphology, Pos};
    /// let m = Morphology::embedded();
    /// let mut out = Vec::new();
    /// m.analyze_compact_into("Krakowie", &mut out);
    /// assert!(out.iter().any(|r| r.lemma == "Kraków" && r.pos == Pos::Noun
    ///     && r.has_case(Case::Loc)));
    /// m.analyze_compact_into("Miszalskiego", &mut out);
    /// assert!(out.iter().all(|r| r.guessed));
    /// ```
    pub fn analyze_compact_into(&self, word: &str, out: &mut Vec<CompactAnalysis>) {
        with_scratch(|s| self.analyze_compact_in(word, out, s));
    }

    /// [`Morphology::analyze_compact_into`] with the thread's scratch.
    #[inline]
    fn analyze_compact_in(&self, word: &str, out: &mut Vec<CompactAnalysis>, s: &mut Scratch) {
        let Scratch {
            cache,
            lower,
            compact: spares,
            ..
        } = s;
        let mut n = 0usize;
        let mut next = |out: &mut Vec<CompactAnalysis>, n: usize| {
            if out.len() > n {
                return;
            }
            if let Some(r) = spares.pop() {
                out.push(r);
            } else {
                out.push(CompactAnalysis {
                    lemma: String::new(),
                    pos: Pos::Other,
                    name_class: None,
                    name_classes: NameClasses::default(),
                    confidence: 0.0,
                    guessed: false,
                    plurale_tantum: false,
                    cases: 0,
                    numbers: 0,
                    genders: 0,
                    tag: 0,
                });
            }
        };
        let found = self.lexicon_entries_in(word, cache, lower, |variant, e, confidence| {
            let Some(rule) = self.rules.get(e.rule() as usize) else {
                return;
            };
            next(out, n);
            let Some(r) = out.get_mut(n) else {
                return;
            };
            if !rule.apply(variant, &mut r.lemma) {
                return;
            }
            let info = self.tag_info(e.tag());
            let (name_classes, name_class) = self.class_and_main(e.class());
            fill_compact(
                r,
                &info,
                e.tag(),
                name_classes,
                name_class,
                confidence,
                false,
            );
            n += 1;
        });
        if !found {
            let ending = |m: &Morphology, word: &str, domain: guesser::Domain| {
                cached_ending(m, word, domain, cache, lower)
            };
            guesser::guess_each_with(self, word, guesser::Domain::of(word), ending, |g| {
                next(out, n);
                let Some(r) = out.get_mut(n) else {
                    return;
                };
                r.lemma.clear();
                r.lemma.push_str(g.lemma);
                let main = g.classes.main();
                fill_compact(r, &g.info, g.tag, g.classes, main, g.confidence, true);
                n += 1;
            });
        }
        release(out, spares, n);
    }

    /// The guesser's readings of `word`, whether or not the lexicon knows it
    /// (`analyze` uses them only for unknown words). An unknown capitalized
    /// word also gets an indeclinable reading (lemma as written, no case).
    ///
    /// ```
    /// use polner::morph::{Case, Gender, Morphology};
    /// let m = Morphology::embedded();
    /// assert!(m.guess("Kowalczykowi").iter().any(|a| a.lemma == "Kowalczyk"
    ///     && a.case == Some(Case::Dat) && a.gender == Some(Gender::M1)));
    /// ```
    pub fn guess(&self, word: &str) -> Vec<Analysis> {
        let (mut out, mut spares) = (Vec::new(), Vec::new());
        let mut n = 0;
        guesser::guess_each(self, word, guesser::Domain::of(word), |g| {
            n = self.expand_guess(&g, &mut out, &mut spares, n);
        });
        out.truncate(n);
        out
    }

    /// Every inflected form of `lemma` (exactly as written, `Kraków`, not
    /// `kraków`), one per combination of case, number and gender the lexicon
    /// gives; empty for a lemma the lexicon does not know.
    ///
    /// ```
    /// use polner::morph::{Case, Morphology, Number};
    /// let m = Morphology::embedded();
    /// let forms = m.generate("Kraków");
    /// assert!(forms.iter().any(|f| f.form == "Krakowie" && f.case == Some(Case::Loc)
    ///     && f.number == Some(Number::Sg)));
    /// ```
    pub fn generate(&self, lemma: &str) -> Vec<Form> {
        let mut out = Vec::new();
        let Some(set) = self.blob.lemmas.get(lemma) else {
            return out;
        };
        let mut form = String::new();
        for e in self.blob.gsets.get(set) {
            if !self.rule(e.rule()).apply(lemma, &mut form) {
                continue;
            }
            let info = self.tag_info(e.tag());
            let classes = self.classes_of(e.class());
            for_each_combination(&info, |case, number, gender| {
                out.push(Form {
                    form: form.clone(),
                    pos: info.pos,
                    case,
                    number,
                    gender,
                    name_class: classes.main(),
                    marked: e.flags() & FLAG_MARKED != 0,
                });
            });
        }
        out
    }

    /// The distinct forms of `lemma`, unmarked ones first; empty when unknown.
    ///
    /// ```
    /// let m = polner::morph::Morphology::embedded();
    /// let forms = m.forms("Gdańsk");
    /// assert!(forms.contains(&"Gdańsku".to_string()));
    /// ```
    pub fn forms(&self, lemma: &str) -> Vec<String> {
        let mut all = self.generate(lemma);
        all.sort_by_key(|f| f.marked);
        let mut out: Vec<String> = Vec::new();
        for f in all {
            if !out.contains(&f.form) {
                out.push(f.form);
            }
        }
        out
    }

    /// True for an adjective tag in the positive degree (`adj:…:pos`).
    pub(crate) fn tag_is_positive(&self, info: TagInfo) -> bool {
        self.positive_rest == Some(info.rest)
    }

    /// Generation entries of `lemma`: (form, tag) pairs, unexpanded.
    pub(crate) fn paradigm(&self, lemma: &str, mut f: impl FnMut(&str, TagInfo, bool) -> bool) {
        let Some(set) = self.blob.lemmas.get(lemma) else {
            return;
        };
        let mut form = String::new();
        for e in self.blob.gsets.get(set) {
            if self.rule(e.rule()).apply(lemma, &mut form)
                && f(&form, self.tag_info(e.tag()), e.flags() & FLAG_MARKED != 0)
            {
                return;
            }
        }
    }

    /// The base form of a whole multi-word name: the head and the words that
    /// agree with it go to the nominative, complements stay as they are.
    ///
    /// `words` are the normalized token texts of the mention in order
    /// (punctuation included); the result joins them with single spaces, but
    /// without spaces around `-` tokens.
    ///
    /// ```
    /// use polner::Label;
    /// let m = polner::morph::Morphology::embedded();
    /// assert_eq!(m.lemmatize_name(&["Unii", "Europejskiej"], Label::Org), "Unia Europejska");
    /// assert_eq!(m.lemmatize_name(&["Stanach", "Zjednoczonych"], Label::Loc), "Stany Zjednoczone");
    /// assert_eq!(m.lemmatize_name(&["Ministerstwa", "Spraw", "Zagranicznych"], Label::Org),
    ///            "Ministerstwo Spraw Zagranicznych");
    /// assert_eq!(m.lemmatize_name(&["Igą", "Świątek"], Label::Per), "Iga Świątek");
    /// assert_eq!(m.lemmatize_name(&["Kędzierzynie-Koźlu"], Label::Loc), "Kędzierzyn-Koźle");
    /// ```
    pub fn lemmatize_name(&self, words: &[&str], label: Label) -> String {
        phrase::lemmatize_name(self, words, label)
    }

    /// The inflected forms of a name given in its base form (the inverse of
    /// [`Morphology::lemmatize_name`]): one per case — genitive, dative,
    /// accusative, instrumental, locative — in the name's own number (the
    /// same string may come twice: `Zielonej Górze` is dative and locative).
    /// Words the lexicon does not know stay as they are. For compiling
    /// gazetteers from base forms.
    ///
    /// ```
    /// use polner::Label;
    /// use polner::morph::Case;
    /// let m = polner::morph::Morphology::embedded();
    /// let forms = m.inflect_name(&["Zielona", "Góra"], Label::Loc);
    /// assert!(forms.contains(&(Case::Loc, "Zielonej Górze".to_string())));
    /// ```
    pub fn inflect_name(&self, words: &[&str], label: Label) -> Vec<(Case, String)> {
        phrase::inflect_name(self, words, label)
    }

    /// Like [`Morphology::lemmatize_name`] on the tokens of `text` (a
    /// mention as it appears in the input), keeping the text's spacing:
    /// tokens separated by whitespace get one space, adjacent tokens none
    /// (`Leave.EU`, `W.Brytanii` → `W.Brytania`). Unchanged tokens keep their
    /// original spelling.
    ///
    /// ```
    /// use polner::Label;
    /// let m = polner::morph::Morphology::embedded();
    /// assert_eq!(m.lemmatize_span("Radzie  Nadzorczej", Label::Org), "Rada Nadzorcza");
    /// assert_eq!(m.lemmatize_span("Leave.EU", Label::Org), "Leave.EU");
    /// ```
    pub fn lemmatize_span(&self, text: &str, label: Label) -> String {
        phrase::lemmatize_span(self, text, label)
    }
}

/// One expansion of a tag: a case, a number and a gender (each `None` when
/// the tag does not have the category).
type Combination = (Option<Case>, Option<Number>, Option<Gender>);

/// Every (case, number, gender) a tag allows, in the order case, number, gender.
fn combinations(info: &TagInfo) -> Vec<Combination> {
    fn values<T: Copy>(mask: u8, all: &[T]) -> Vec<Option<T>> {
        if mask == 0 {
            return vec![None];
        }
        all.iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, v)| Some(*v))
            .collect()
    }
    let mut out = Vec::new();
    for case in values(info.cases, &Case::ALL) {
        for number in values(info.numbers, &Number::ALL) {
            for gender in values(info.genders, &Gender::ALL) {
                out.push((case, number, gender));
            }
        }
    }
    out
}

/// Calls `f` for every (case, number, gender) the tag allows.
fn for_each_combination(
    info: &TagInfo,
    mut f: impl FnMut(Option<Case>, Option<Number>, Option<Gender>),
) {
    for (case, number, gender) in combinations(info) {
        f(case, number, gender);
    }
}

/// Sets of the per-thread look-up cache for keys of up to [`SHORT_KEY`]
/// bytes (nearly nine words in ten of running text), of
/// [`CACHE_WAYS`] 16-byte entries each: 49 152 entries, 768 KB.
const SHORT_SETS: usize = 12288;
/// Sets of the cache for longer keys, of [`CACHE_WAYS`] 32-byte entries
/// each: 8 192 entries, 256 KB.
const LONG_SETS: usize = 2048;
/// Entries per set of the cache.
const CACHE_WAYS: usize = 4;
/// Longest key of the table of short keys, in bytes (the key, its length
/// and kind, and the value fill 16).
const SHORT_KEY: usize = 11;
/// Longest key the cache holds, in bytes (the key and its length fill 24).
const CACHE_KEY: usize = 23;
/// Most lemma buffers kept for reuse per thread.
const SPARES: usize = 256;

/// A set of the table of short keys: one 64-byte line. An entry is two
/// words: the key's bytes as [`pack_short_key`] packs them, then its tag
/// (kind and length, never 0) and its value ([`Cached::pack`], `u32::MAX`
/// for none); all zero when empty.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct ShortSet([[u64; 2]; CACHE_WAYS]);

/// A set of the table of long keys: two 64-byte lines.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct LongSet([CacheSlot; CACHE_WAYS]);

/// One entry of the table of long keys.
#[derive(Clone, Copy, PartialEq, Eq)]
struct CacheSlot {
    /// The key's bytes, packed by [`pack_key`].
    key: [u64; 3],
    /// The kind of look-up (bits 5 to 7, see [`Cached`]) and the key's
    /// length; `u32::MAX` for an empty slot.
    meta: u32,
    /// The value ([`Cached::pack`]): what is known of a word as written
    /// ([`Written`]), the entries of a lower-case form's analysis set
    /// ([`Span`]) or the longest ending of a word for the guesser
    /// ([`Ending`]); `u32::MAX` for none.
    set: u32,
}

const EMPTY_SLOT: CacheSlot = CacheSlot {
    key: [0; 3],
    meta: u32::MAX,
    set: u32::MAX,
};

/// The bytes of a key of at most [`CACHE_KEY`] bytes in three words, which
/// with its length tell it apart from any other key: overlapping loads, so
/// that no byte-by-byte copy is needed.
#[inline]
fn pack_key(key: &[u8]) -> [u64; 3] {
    let n = key.len();
    let w8 = |at: usize| {
        key.get(at..)
            .and_then(|rest| rest.first_chunk::<8>())
            .map_or(0, |c| u64::from_le_bytes(*c))
    };
    let w4 = |at: usize| {
        key.get(at..)
            .and_then(|rest| rest.first_chunk::<4>())
            .map_or(0, |c| u32::from_le_bytes(*c) as u64)
    };
    let b = |at: usize| key.get(at).map_or(0, |&b| b as u64);
    match n {
        0 => [0; 3],
        1..=3 => [b(0) | b(n / 2) << 8 | b(n - 1) << 16, 0, 0],
        4..=7 => [w4(0) | w4(n - 4) << 32, 0, 0],
        8..=16 => [w8(0), w8(n - 8), 0],
        _ => [w8(0), w8(8), w8(n - 8)],
    }
}

/// The bytes of a key of at most [`SHORT_KEY`] bytes in a word and three
/// bytes, which with its length tell it apart from any other key (as
/// [`pack_key`]: overlapping loads).
#[inline]
fn pack_short_key(key: &[u8]) -> (u64, u32) {
    let n = key.len();
    let w4 = |at: usize| {
        key.get(at..)
            .and_then(|rest| rest.first_chunk::<4>())
            .map_or(0, |c| u32::from_le_bytes(*c))
    };
    match n {
        0..=7 => (pack_key(key)[0], 0),
        // The first eight bytes, and the last three.
        _ => (
            key.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c)),
            w4(n - 4) >> 8,
        ),
    }
}

/// A per-thread cache of `forms` look-ups (by the word as written, with
/// what `analyze` needs to know of it, or by the lower-case form), and of
/// the guesser's look-ups of endings: running text repeats its words (a
/// few thousand types make most of the tokens), and a hit costs a hash and
/// a compare instead of a walk through the fst. Four-way set-associative
/// (the least recently used entry of a set goes; a new entry comes in as
/// the least recently used, and moves to the front when it is used
/// again), keyed by the look-up key and its kind; keys of up to
/// [`SHORT_KEY`] bytes in 16-byte entries, four to a cache line, longer
/// ones in 32-byte entries: 57 344 entries in 1 MB, allocated on first use.
/// It holds the look-ups of one lexicon at a time, and is emptied when
/// another one uses it.
/// A few thousand entries catch the most frequent words; the rest of a
/// text's vocabulary (tens of thousands of types in a few hundred
/// articles) then misses, and a miss, a walk through the 5 MB fst, costs as
/// much as a dozen hits.
struct FormCache {
    short: Vec<ShortSet>,
    long: Vec<LongSet>,
    /// The [`Morphology::id`] of the lexicon whose look-ups the tables hold.
    owner: u64,
    /// Off for the fresh scratch of a re-entrant call (it would be thrown away).
    enabled: bool,
}

/// Multiplier of the cache's hash (the Fx hash's).
const CACHE_HASH: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The set of hash `h` among `sets` (from its high bits).
#[inline]
fn set_of(h: u64, sets: usize) -> usize {
    (((h >> 32) * sets as u64) >> 32) as usize
}

/// Moves way `i` of a set of the cache to the front (the most recently used
/// first), the ways before it one place back: at most three moves, written
/// out rather than a call of the general `rotate_right`.
#[inline(always)]
fn move_to_front<T: Copy>(ways: &mut [T; CACHE_WAYS], i: usize) {
    if i == 0 || i >= CACHE_WAYS {
        return;
    }
    let hit = ways[i];
    for j in (1..=i).rev() {
        ways[j] = ways[j - 1];
    }
    ways[0] = hit;
}

impl FormCache {
    /// The cached value of `key` for lexicon `owner`, or `lookup()` (then
    /// cached when the key is short enough and the value packs into a
    /// slot). `V::KIND` and `kind` keep the keys of different look-ups
    /// apart.
    #[inline]
    fn get_or_insert<V: Cached>(
        &mut self,
        owner: u64,
        kind: u32,
        key: &[u8],
        lookup: impl FnOnce() -> Option<V>,
    ) -> Option<V> {
        if key.is_empty() || key.len() > CACHE_KEY || !self.enabled {
            return lookup();
        }
        if self.owner != owner || self.short.is_empty() {
            self.reset(owner);
        }
        let kind = V::KIND | kind;
        if key.len() <= SHORT_KEY {
            self.short_get_or_insert(kind, key, lookup)
        } else {
            self.long_get_or_insert(kind, key, lookup)
        }
    }

    /// Empties the tables (allocating them on first use) for the look-ups
    /// of lexicon `owner`.
    #[cold]
    fn reset(&mut self, owner: u64) {
        const EMPTY_SHORT: ShortSet = ShortSet([[0; 2]; CACHE_WAYS]);
        const EMPTY_LONG: LongSet = LongSet([EMPTY_SLOT; CACHE_WAYS]);
        self.short.clear();
        self.short.resize(SHORT_SETS, EMPTY_SHORT);
        self.long.clear();
        self.long.resize(LONG_SETS, EMPTY_LONG);
        self.owner = owner;
    }

    /// [`FormCache::get_or_insert`] of a key of 1 to [`SHORT_KEY`] bytes.
    #[inline]
    fn short_get_or_insert<V: Cached>(
        &mut self,
        kind: u32,
        key: &[u8],
        lookup: impl FnOnce() -> Option<V>,
    ) -> Option<V> {
        let (head, tail) = pack_short_key(key);
        // Never 0: the key is not empty.
        let tag = tail | (kind << 4 | key.len() as u32) << 24;
        let h = (head.wrapping_mul(CACHE_HASH) ^ tag as u64).wrapping_mul(CACHE_HASH);
        let Some(ShortSet(ways)) = self.short.get_mut(set_of(h, SHORT_SETS)) else {
            return lookup();
        };
        let found = |set: u32| (set != u32::MAX).then(|| V::unpack(set));
        if let Some(i) = ways
            .iter()
            .position(|way| way[1] as u32 == tag && way[0] == head)
        {
            move_to_front(ways, i);
            return found((ways[0][1] >> 32) as u32);
        }
        let set = lookup();
        let stored = match set {
            None => u32::MAX,
            Some(value) => match value.pack() {
                Some(packed) => packed,
                None => return set,
            },
        };
        // Into the first empty way; when there is none, the least recently
        // used goes and the new entry takes its place at the end: it moves
        // up only when it is used again, so that words seen once (half the
        // types of running text) do not push out the ones that come back.
        let to = ways
            .iter()
            .position(|way| way[1] as u32 == 0)
            .unwrap_or(CACHE_WAYS - 1);
        ways[to] = [head, tag as u64 | (stored as u64) << 32];
        set
    }

    /// [`FormCache::get_or_insert`] of a key of more than [`SHORT_KEY`]
    /// and at most [`CACHE_KEY`] bytes.
    #[inline]
    fn long_get_or_insert<V: Cached>(
        &mut self,
        kind: u32,
        key: &[u8],
        lookup: impl FnOnce() -> Option<V>,
    ) -> Option<V> {
        let packed = pack_key(key);
        let meta = kind << 5 | key.len() as u32;
        let h = ((packed[0].wrapping_mul(CACHE_HASH) ^ packed[1]).wrapping_mul(CACHE_HASH)
            ^ packed[2]
            ^ (meta as u64) << 32)
            .wrapping_mul(CACHE_HASH);
        let Some(LongSet(ways)) = self.long.get_mut(set_of(h, LONG_SETS)) else {
            return lookup();
        };
        let found = |set: u32| (set != u32::MAX).then(|| V::unpack(set));
        if let Some(i) = ways
            .iter()
            .position(|slot| slot.key == packed && slot.meta == meta)
        {
            move_to_front(ways, i);
            return found(ways[0].set);
        }
        let set = lookup();
        let stored = match set {
            None => u32::MAX,
            Some(value) => match value.pack() {
                Some(packed) => packed,
                None => return set,
            },
        };
        // As in the table of short keys.
        let to = ways
            .iter()
            .position(|slot| slot.meta == u32::MAX)
            .unwrap_or(CACHE_WAYS - 1);
        ways[to] = CacheSlot {
            key: packed,
            meta,
            set: stored,
        };
        set
    }
}

/// A value of the look-up cache: packed into a `u32` other than
/// `u32::MAX` (which stands for none), when it fits.
trait Cached: Copy {
    /// Tells the kinds of value apart (with the `kind` of a look-up): 0 to 7.
    const KIND: u32;
    fn pack(self) -> Option<u32>;
    fn unpack(packed: u32) -> Self;
}

/// The kind of look-up (see [`FormCache::get_or_insert`]) of a word in the
/// map of other forms; a key of the main map is looked up with kind 0.
const EXACT_KIND: u32 = 2;

impl Cached for Span {
    const KIND: u32 = 0;
    fn pack(self) -> Option<u32> {
        Span::pack(self)
    }
    fn unpack(packed: u32) -> Span {
        Span::unpack(packed)
    }
}

/// A word as written, in the look-up cache (see
/// [`Morphology::written_set`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// A word in lower case or capitalized: the entries of its lower-case
    /// form, and how many analyses `analyze` gives for them.
    Known {
        capitalized: bool,
        span: Span,
        analyses: u32,
    },
    /// A word in lower case or capitalized that the lexicon does not have:
    /// the longest ending the guesser finds for it (in the domain of
    /// [`guesser::Domain::of`]), so that a guess needs no second look-up.
    Unknown(Option<Ending>),
    /// Upper or mixed case: looked up otherwise.
    Other,
}

impl Cached for Written {
    const KIND: u32 = 1;
    fn pack(self) -> Option<u32> {
        // capitalized:1 | analyses:7 | start:18 | count:6, when they fit
        // (in the embedded lexicon, all but the words of many readings).
        match self {
            Written::Known {
                capitalized,
                span,
                analyses,
            } if span.start < 1 << 18 && span.len < 1 << 6 && analyses < 0x7f => {
                Some((capitalized as u32) << 31 | analyses << 24 | span.start << 6 | span.len)
            }
            Written::Known { .. } => None,
            // 1 | 0x7f | ending found:1 | chars:3 | set:20.
            Written::Unknown(None) => Some(UNKNOWN_WRITTEN),
            Written::Unknown(Some(Ending(set, chars))) if set < 0xf_ffff && chars < 8 => {
                Some(UNKNOWN_WRITTEN | 1 << 23 | (chars as u32) << 20 | set as u32)
            }
            Written::Unknown(Some(_)) => None,
            Written::Other => Some(OTHER_WRITTEN),
        }
    }
    fn unpack(packed: u32) -> Written {
        if packed == OTHER_WRITTEN {
            return Written::Other;
        }
        if packed & UNKNOWN_WRITTEN == UNKNOWN_WRITTEN {
            let ending = (packed >> 23 & 1 != 0).then_some(Ending(
                (packed & 0xf_ffff) as u64,
                (packed >> 20 & 7) as usize,
            ));
            return Written::Unknown(ending);
        }
        Written::Known {
            capitalized: packed >> 31 != 0,
            span: Span {
                start: packed >> 6 & 0x3_ffff,
                len: packed & 0x3f,
            },
            analyses: packed >> 24 & 0x7f,
        }
    }
}

/// [`Written::Other`] in the cache (a count of analyses no known word
/// gets packed with).
const OTHER_WRITTEN: u32 = 0x7f << 24 | 0x3f;

/// [`Written::Unknown`] in the cache, without its ending (the bits of a
/// count of analyses no known word gets packed with, and the top bit).
const UNKNOWN_WRITTEN: u32 = 1 << 31 | 0x7f << 24;

/// The longest ending of a word in the guesser's table: its guess set and
/// its length in chars (see `guesser::longest_ending`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ending(u64, usize);

impl Cached for Ending {
    /// Plus the domain (0 to 3).
    const KIND: u32 = 4;
    fn pack(self) -> Option<u32> {
        // Endings have at most seven chars.
        (self.0 < 1 << 28 && self.1 < 16).then_some((self.1 as u32) << 28 | self.0 as u32)
    }
    fn unpack(packed: u32) -> Ending {
        Ending((packed & 0xfff_ffff) as u64, (packed >> 28) as usize)
    }
}

/// Per-thread buffers of the analyser: the look-up cache, the lower-case
/// form of the current word, and the lemma buffers of analyses dropped by
/// `analyze_into`, reused by the next calls so that a loop over a text
/// does not allocate.
struct Scratch {
    cache: FormCache,
    lower: String,
    /// Analyses dropped by `analyze_into` (for their lemma buffers).
    spares: Vec<Analysis>,
    /// Readings dropped by `analyze_compact_into`.
    compact: Vec<CompactAnalysis>,
    /// Where `analyze_into` writes (see [`Morphology::analyze_in`]); as long
    /// as the most analyses of a word so far.
    work: Vec<Analysis>,
    /// Buffers of analyses by length (see [`resize`]).
    pool: Pool,
}

impl Scratch {
    const fn new(cache: bool) -> Scratch {
        Scratch {
            cache: FormCache {
                short: Vec::new(),
                long: Vec::new(),
                owner: u64::MAX,
                enabled: cache,
            },
            lower: String::new(),
            spares: Vec::new(),
            compact: Vec::new(),
            work: Vec::new(),
            pool: [const { Vec::new() }; POOLED + 2],
        }
    }
}

thread_local! {
    /// The scratch of this thread; the cache is allocated on first use.
    static SCRATCH: std::cell::RefCell<Scratch> = const { std::cell::RefCell::new(Scratch::new(true)) };
}

/// Runs `f` with the thread's scratch, or with a fresh one without a cache
/// when that is in use (a re-entrant call) or gone (the thread is ending).
#[inline]
fn with_scratch<R>(mut f: impl FnMut(&mut Scratch) -> R) -> R {
    if let Ok(Some(r)) = SCRATCH.try_with(|s| s.try_borrow_mut().ok().map(|mut s| f(&mut s))) {
        return r;
    }
    f(&mut Scratch::new(false))
}

/// The longest buffer kept in [`Scratch::pool`] for its own length.
const POOLED: usize = 32;

/// The buffers of analyses of [`resize`]: one for each length from 1 to
/// [`POOLED`], one for all other lengths (and an unused one for 0).
type Pool = [Vec<Analysis>; POOLED + 2];

/// Gives `out` the length `len`, its analyses to be overwritten. Running text
/// moves between a few lengths, and moving analyses one by one between `out`
/// and the spares for each word costs more than the rest of the work of
/// short words: so the buffer of each length from 1 to [`POOLED`] that was
/// last used is kept in `pool` (with its lemma buffers), one more buffer for
/// all other lengths, and `out` is swapped with the one of `len`. At most
/// one buffer per length: a few hundred analyses.
#[inline(always)]
fn resize(out: &mut Vec<Analysis>, len: usize, spares: &mut Vec<Analysis>, pool: &mut Pool) {
    if out.len() == len {
        return;
    }
    const OTHER: usize = POOLED + 1;
    let slot = |k: usize| if (1..=POOLED).contains(&k) { k } else { OTHER };
    let (to, from) = (slot(len), slot(out.len()));
    if to != from {
        if pool[from].capacity() == 0 {
            // `out` came from there: it goes back, and takes the one of
            // `len` (two swaps, no drop).
            std::mem::swap(out, &mut pool[to]);
            pool.swap(to, from);
        } else {
            let mut theirs = std::mem::replace(out, std::mem::take(&mut pool[to]));
            release(&mut theirs, spares, 0);
        }
    }
    reserve(out, spares, len);
    release(out, spares, len);
}

/// Truncates `out` to `n`, keeping the dropped values (for their lemma
/// buffers) in `spares`, up to [`SPARES`] of them.
#[inline]
fn release<T>(out: &mut Vec<T>, spares: &mut Vec<T>, n: usize) {
    // One by one: faster than `extend(drain(..))` for the few values of a call.
    while out.len() > n {
        match out.pop() {
            Some(value) if spares.len() < SPARES => spares.push(value),
            _ => {}
        }
    }
}

/// [`guesser::longest_ending`] through the look-up cache: unknown words
/// (names, mostly) come back in running text as the known ones do, and the
/// walk through the guesser's table costs as much as the rest of a guess.
#[inline]
fn cached_ending(
    m: &Morphology,
    word: &str,
    domain: guesser::Domain,
    cache: &mut FormCache,
    lower: &mut String,
) -> Option<(u64, usize)> {
    // A word the lexicon does not have keeps its ending in its own slot.
    if domain == guesser::Domain::of(word)
        && word.len() <= CACHE_KEY
        && let Some(Written::Unknown(ending)) =
            cache.get_or_insert(m.id, 0, word.as_bytes(), || m.written_set(word, lower))
    {
        return ending.map(|Ending(set, chars)| (set, chars));
    }
    let kind = domain as u32;
    cache
        .get_or_insert(m.id, kind, word.as_bytes(), || {
            guesser::longest_ending(m, word, domain).map(|(set, chars)| Ending(set, chars))
        })
        .map(|Ending(set, chars)| (set, chars))
}

/// Sets the fields of a compact reading other than its lemma.
fn fill_compact(
    r: &mut CompactAnalysis,
    info: &TagInfo,
    tag: u16,
    name_classes: NameClasses,
    name_class: Option<NameClass>,
    confidence: f32,
    guessed: bool,
) {
    r.pos = info.pos;
    r.name_class = name_class;
    r.name_classes = name_classes;
    r.confidence = confidence;
    r.guessed = guessed;
    r.plurale_tantum = info.pt;
    r.cases = info.cases;
    r.numbers = info.numbers;
    r.genders = info.genders;
    r.tag = tag;
}

/// The reading of a tag id out of range.
const UNKNOWN_TAG: TagInfo = TagInfo {
    pos: Pos::Other,
    class: tags::Class::Other,
    cases: 0,
    numbers: 0,
    genders: 0,
    pt: false,
    rest: u32::MAX,
};

/// The expansion of a tag without case, number and gender.
const NO_CATEGORIES: [Combination; 1] = [(None, None, None)];

/// The fields an entry gives all of its expansions.
struct Shared {
    tag: u16,
    info: TagInfo,
    name_classes: NameClasses,
    name_class: Option<NameClass>,
    confidence: f32,
    guessed: bool,
}

/// Makes `out` at least `len` long, with analyses from `spares` (for their
/// lemma buffers; every field is written before use).
#[inline]
fn reserve(out: &mut Vec<Analysis>, spares: &mut Vec<Analysis>, len: usize) {
    if out.len() < len {
        grow(out, spares, len);
    }
}

/// [`reserve`] when `out` is too short.
#[inline(never)]
fn grow(out: &mut Vec<Analysis>, spares: &mut Vec<Analysis>, len: usize) {
    let blank = |lemma| Analysis {
        lemma,
        pos: Pos::Other,
        case: None,
        number: None,
        gender: None,
        name_class: None,
        name_classes: NameClasses::default(),
        confidence: 0.0,
        guessed: false,
        plurale_tantum: false,
        tag: 0,
    };
    out.reserve(len.saturating_sub(out.len()));
    while out.len() < len {
        out.push(spares.pop().unwrap_or_else(|| blank(String::new())));
    }
}

/// Writes the expansions of one entry: `first` (which already holds the
/// lemma) and `rest`, as many as `combos`.
#[inline(always)]
fn expand(first: &mut Analysis, rest: &mut [Analysis], shared: &Shared, combos: &[Combination]) {
    let set = |a: &mut Analysis, &(case, number, gender): &Combination| {
        a.pos = shared.info.pos;
        a.case = case;
        a.number = number;
        a.gender = gender;
        a.name_class = shared.name_class;
        a.name_classes = shared.name_classes;
        a.confidence = shared.confidence;
        a.guessed = shared.guessed;
        a.plurale_tantum = shared.info.pt;
        a.tag = shared.tag;
    };
    let Some((c0, cs)) = combos.split_first() else {
        return;
    };
    set(first, c0);
    for (a, c) in rest.iter_mut().zip(cs) {
        set(a, c);
        a.lemma.clear();
        a.lemma.push_str(&first.lemma);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_loads() {
        let m = Morphology::embedded();
        assert!(m.blob.forms.len() > 1_000_000);
    }

    #[test]
    fn rejects_garbage() {
        assert!(Morphology::from_bytes(b"not a blob").is_err());
        assert!(Morphology::from_bytes(b"PLMORPH\0\x09\0\0\0\0\0\0\0").is_err());
    }

    #[test]
    fn case_aware_lookup() {
        let m = Morphology::embedded();
        let lemmas =
            |w: &str| -> Vec<String> { m.analyze(w).into_iter().map(|a| a.lemma).collect() };
        assert!(lemmas("Krakowie").contains(&"Kraków".to_string()));
        assert!(!lemmas("krakowie").contains(&"Kraków".to_string()));
        // Sentence-initial capital: the lower-case readings, less confident.
        let dom = m.analyze("Domu");
        assert!(
            dom.iter()
                .any(|a| a.lemma == "dom" && a.confidence < 1.0 && !a.guessed)
        );
        // Upper case reaches both.
        assert!(lemmas("KRAKOWIE").contains(&"Kraków".to_string()));
    }

    #[test]
    fn analyze_into_reuses_and_replaces() {
        let m = Morphology::embedded();
        let mut buf = Vec::new();
        m.analyze_into("najlepsze", &mut buf);
        assert!(buf.iter().any(|a| a.lemma == "dobry"));
        let long = buf.len();
        m.analyze_into("Krakowem", &mut buf);
        assert!(buf.len() < long);
        assert!(buf.iter().all(|a| a.lemma == "Kraków"));
        assert_eq!(buf, m.analyze("Krakowem"));
    }

    /// The letter-case pattern by definition: of the alphabetic chars, the
    /// first and whether any later one is upper or lower case.
    fn casing_by_definition(word: &str) -> Casing {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return Casing::Lower;
        };
        let rest: Vec<char> = letters.collect();
        let upper = rest.iter().any(|c| c.is_uppercase());
        let lower = rest.iter().any(|c| c.is_lowercase());
        match (first.is_uppercase(), upper, lower) {
            (false, false, _) => Casing::Lower,
            (true, false, _) => Casing::Capitalized,
            (true, true, false) => Casing::Upper,
            _ => Casing::Mixed,
        }
    }

    #[test]
    fn casing_and_lowercase_agree_with_the_definitions() {
        // ASCII and Polish letters, a title-case letter (ǅ), letters without
        // case (ª, 中), an upper-case symbol (Ⓐ), digits and marks.
        let chars = [
            'a', 'Z', 'ą', 'Ł', 'ó', 'Ż', 'ǅ', 'ª', '中', 'Ⓐ', 'ß', 'İ', '1', '-', '\'', '\u{301}',
        ];
        let letters = Letter::table();
        let mut lower = String::new();
        for a in chars {
            for b in chars {
                for c in chars {
                    let word: String = [a, b, c].iter().collect();
                    assert_eq!(
                        casing(&word, &letters),
                        casing_by_definition(&word),
                        "{word}"
                    );
                    lowercase_into(&word, &letters, &mut lower);
                    assert_eq!(lower, word.to_lowercase(), "{word}");
                }
            }
        }
        lowercase_into("KRAKÓW", &letters, &mut lower);
        assert_eq!(lower, "kraków");
        lowercase_into("İstanbul", &letters, &mut lower);
        assert_eq!(lower, "İstanbul".to_lowercase());
    }

    /// The table of letters holds what [`Letter::of`] says.
    #[test]
    fn letter_table_is_letter_of() {
        for (i, l) in Letter::table().into_iter().enumerate() {
            let c = char::from_u32(i as u32).unwrap();
            assert_eq!(l, Letter::of(c), "{c:?}");
        }
    }

    #[test]
    fn lookup_cache_keeps_lexicons_and_keys_apart() {
        let a = Morphology::embedded();
        let b = Morphology::from_bytes(EMBEDDED_BYTES).unwrap();
        assert_ne!(a.id, b.id);
        // The same words through both, and keys longer than the cache holds.
        for w in [
            "Krakowie",
            "krakowie",
            "Rzeczypospolitej",
            "NATO",
            "PiS",
            "KRAKOWIE",
            "nieprawdopodobieństwami",
            "xqzw",
            "w",
        ] {
            for _ in 0..2 {
                assert_eq!(a.analyze(w), b.analyze(w), "{w}");
                assert_eq!(a.is_known(w), b.is_known(w), "{w}");
            }
        }
        assert!(
            a.analyze("nieprawdopodobieństwami")
                .iter()
                .any(|x| !x.guessed)
        );
        assert!(!a.is_known("krakowie") && a.is_known("Krakowie"));
        // Words of the map of other forms, again through the cache.
        for w in ["NATO", "PiS"] {
            assert!(a.analyze(w).iter().any(|x| !x.guessed), "{w}");
        }
    }

    /// Keys of one length that differ in any one byte are packed apart, in
    /// both tables of the look-up cache.
    #[test]
    fn cache_keys_pack_apart() {
        for n in 1..=CACHE_KEY {
            let key: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            for at in 0..n {
                for b in [0, b'a' + at as u8 + 1, 0xc4, 0xff] {
                    let mut other = key.clone();
                    other[at] = b;
                    if n <= SHORT_KEY {
                        assert_ne!(pack_short_key(&key), pack_short_key(&other), "{n} {at}");
                    }
                    assert_ne!(pack_key(&key), pack_key(&other), "{n} {at}");
                }
            }
        }
    }

    /// The look-up cache gives back what the look-up gives, for keys of
    /// every length it holds, after its sets have been filled and emptied
    /// (by another lexicon) many times over.
    #[test]
    fn cache_gives_back_what_it_was_given() {
        let mut cache = FormCache {
            short: Vec::new(),
            long: Vec::new(),
            owner: u64::MAX,
            enabled: true,
        };
        let value = |i: u32, kind: u32| {
            (i % 7 != 0).then_some(Span {
                start: i * 8 + kind,
                len: i % 200,
            })
        };
        let key = |i: u32| format!("{i:0width$}", width = 1 + i as usize % CACHE_KEY);
        for owner in [3, 4, 3] {
            for round in 0..2 {
                for i in 0..120_000u32 {
                    for kind in [0, 4] {
                        let got =
                            cache.get_or_insert(owner, kind, key(i).as_bytes(), || value(i, kind));
                        assert_eq!(got, value(i, kind), "{owner} {round} {i} {kind}");
                    }
                }
            }
            // A lexicon whose values differ: none of the other's come back.
            let got = cache.get_or_insert(owner + 10, 0, key(1).as_bytes(), || value(2, 0));
            assert_eq!(got, value(2, 0));
        }
    }

    /// Values of the look-up cache come back as they went in, or are not
    /// kept; none packs to the empty value.
    #[test]
    fn cached_values_pack_and_unpack() {
        let known = |capitalized, start, len, analyses| Written::Known {
            capitalized,
            span: Span { start, len },
            analyses,
        };
        for w in [
            known(false, 0, 0, 1),
            known(true, 0, 0, 1),
            known(false, (1 << 18) - 1, 63, 126),
            known(true, (1 << 18) - 1, 63, 126),
            known(false, 0, 63, 126),
            Written::Other,
            Written::Unknown(None),
            Written::Unknown(Some(Ending(0, 0))),
            Written::Unknown(Some(Ending(0xf_fffe, 7))),
        ] {
            let packed = w.pack().unwrap();
            assert_ne!(packed, u32::MAX);
            assert_eq!(Written::unpack(packed), w);
        }
        for w in [
            known(false, 1 << 18, 1, 1),
            known(false, 0, 64, 1),
            known(true, 0, 63, 127),
            Written::Unknown(Some(Ending(0xf_ffff, 7))),
            Written::Unknown(Some(Ending(0, 8))),
        ] {
            assert_eq!(w.pack(), None, "{w:?}");
        }
        for (set, chars) in [(0, 1), ((1 << 28) - 1, 7)] {
            let packed = Cached::pack(Ending(set, chars)).unwrap();
            assert_ne!(packed, u32::MAX);
            assert_eq!(<Ending as Cached>::unpack(packed), Ending(set, chars));
        }
        let span = Span {
            start: 0xff_fffe,
            len: 255,
        };
        assert_eq!(Span::unpack(Span::pack(span).unwrap()), span);
    }

    #[test]
    fn compact_readings_expand_to_the_analyses() {
        let m = Morphology::embedded();
        let mut compact = Vec::new();
        for w in [
            "Krakowie",
            "Wielkiej",
            "najlepsze",
            "NATO",
            "PiS-u",
            "Miszalskiego",
            "Nisar",
            "się",
            "KRAKOWIE",
            "xqzw",
            ",",
            "",
        ] {
            m.analyze_compact_into(w, &mut compact);
            let full = m.analyze(w);
            let mut at = 0;
            for r in &compact {
                let run = &full[at..at + r.expansions()];
                for a in run {
                    assert_eq!(
                        (
                            &a.lemma,
                            a.pos,
                            a.name_classes,
                            a.confidence,
                            a.guessed,
                            a.tag
                        ),
                        (
                            &r.lemma,
                            r.pos,
                            r.name_classes,
                            r.confidence,
                            r.guessed,
                            r.tag
                        ),
                        "{w}"
                    );
                    assert_eq!(a.case.is_some_and(|c| r.has_case(c)), a.case.is_some());
                    assert_eq!(a.case.is_none(), r.cases().next().is_none());
                }
                at += r.expansions();
            }
            assert_eq!(at, full.len(), "{w}");
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        let m = Morphology::embedded();
        for w in [
            "", " ", "-", "'", "’", "ß", "İ", "\u{301}", "a\u{0}b", "ŁÓDŹ", "x'ów", "123",
        ] {
            let _ = m.analyze(w);
            let _ = m.generate(w);
            let _ = m.lemmatize_name(&[w], Label::Loc);
        }
    }
}
