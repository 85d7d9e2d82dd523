//! Lemmatization of multi-word names.
//!
//! A name's base form puts its head noun, and the words that agree with it, in
//! the nominative; complements keep their case (`Urzędu Miasta Krakowa` →
//! `Urząd Miasta Krakowa`). The lemmatizer tries every *frame* — a case, a
//! number and a gender — and, in each, the best *group*: for most names a run
//! of adjectives, a head noun, and adjectives after it, all agreeing with the
//! frame (`Uniwersytetu Jagiellońskiego`); for people, every name word
//! (`Aleksandra Miszalskiego`: first name and surname in the same case and
//! gender). Each word in the group scores its best compatible reading
//! (confidence, plus a bonus when its name class fits the label); the best
//! frame wins and its group is put into the nominative of the frame's number
//! (plural-only names stay plural: `Stanach Zjednoczonych` → `Stany
//! Zjednoczone`). Words the lexicon does not know go through the guesser;
//! acronyms, numbers, particles of foreign names (`von der`) and quoted
//! parts stay as written.

use super::guesser::{Domain, INDECLINABLE, indeclinable};
use super::tags::{NameClass, NameClasses};
use super::{Morphology, Reading};
use crate::model::Label;
use crate::morph::{Case, Gender, Number};

/// What a token is, for the lemmatizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Inflectable word.
    Word,
    /// Word with inner hyphens whose parts inflect separately (`Bielsku-Białej`).
    Hyphenated,
    /// Coordinating conjunction (`i`, `oraz`).
    Conj,
    /// Stays as written: punctuation, numbers, acronyms, quoted words, particles.
    Fixed,
}

struct Tok<'a> {
    text: &'a str,
    kind: Kind,
    readings: Vec<Reading>,
    /// [`reading_score`] of each reading (the same in every frame, so it is
    /// computed once, at the end of [`classify`]).
    scores: Vec<f32>,
    /// For `Hyphenated`: each part and its readings.
    parts: Vec<Part<'a>>,
    /// All readings come from the guesser (or there are none).
    unknown: bool,
}

/// A part of a hyphenated token, with its readings and their scores.
struct Part<'a> {
    text: &'a str,
    readings: Vec<Reading>,
    scores: Vec<f32>,
}

/// A surface form's readings with their scores, as [`best_reading`] reads
/// them.
#[derive(Clone, Copy)]
struct Scored<'r> {
    readings: &'r [Reading],
    scores: &'r [f32],
    surface: &'r str,
}

impl Tok<'_> {
    /// The word's readings and scores.
    fn scored(&self) -> Scored<'_> {
        Scored {
            readings: &self.readings,
            scores: &self.scores,
            surface: self.text,
        }
    }
}

impl Part<'_> {
    /// The part's readings and scores.
    fn scored(&self) -> Scored<'_> {
        Scored {
            readings: &self.readings,
            scores: &self.scores,
            surface: self.text,
        }
    }
}

/// [`reading_score`] of each of `readings` of `surface`.
fn reading_scores(readings: &[Reading], surface: &str, label: Label) -> Vec<f32> {
    readings
        .iter()
        .map(|r| reading_score(r, surface, label))
        .collect()
}

/// Chosen tokens: index, choice, and the frame they are put in.
type Choices = Vec<(usize, Choice, Frame)>;

/// What was chosen for one token of the group.
#[derive(Debug, Clone)]
enum Choice {
    /// Reading index.
    One(usize),
    /// Per hyphen part: a reading index or none (part stays).
    Parts(Vec<Option<usize>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    case: Case,
    number: Number,
    gender: Gender,
}

impl Frame {
    /// The frame's bit in a set of frames (a `u128`: 7 cases × 2 numbers ×
    /// 5 genders make 70 frames).
    fn bit(self) -> u128 {
        1 << (Frame::genders_at(self.case, self.number) + self.gender as u32)
    }

    /// Where the five bits of the frames of `case` and `number` start in a
    /// set, one per gender in [`Gender::ALL`] order.
    fn genders_at(case: Case, number: Number) -> u32 {
        case as u32 * 10 + number as u32 * 5
    }
}

/// The set of frames whose case, number and gender `info` allows (a mask
/// of no number or no gender allows every one).
fn allowed_frames(info: &super::tags::TagInfo) -> u128 {
    let numbers = if info.numbers == 0 {
        0b11
    } else {
        info.numbers
    };
    let genders = if info.genders == 0 {
        0b1_1111
    } else {
        info.genders
    } as u128
        & 0b1_1111;
    let mut set = 0;
    for case in Case::ALL {
        for number in Number::ALL {
            if info.cases & case.bit() != 0 && numbers & number.bit() != 0 {
                set |= genders << Frame::genders_at(case, number);
            }
        }
    }
    set
}

/// The frames in which [`token_choice`] may find a reading of `tok`, as a
/// head or an adjective: [`best_group`] finds no group in any other frame
/// (and so need not be asked). Every frame for a hyphenated token, whose
/// parts are not worked out here.
fn fitting_frames(tok: &Tok, label: Label) -> u128 {
    match tok.kind {
        Kind::Word => {
            let mut set = 0;
            for r in &tok.readings {
                if r.tag == INDECLINABLE {
                    for frame in frames(false) {
                        if indeclinable_fits(r, tok.text, frame, label) {
                            set |= frame.bit();
                        }
                    }
                } else if (r.info.is_nominal() || r.info.is_adjectival()) && r.info.cases != 0 {
                    set |= allowed_frames(&r.info);
                }
            }
            set
        }
        Kind::Hyphenated => u128::MAX,
        Kind::Conj | Kind::Fixed => 0,
    }
}

#[derive(Debug, Clone, Default)]
struct Group {
    score: f32,
    choices: Vec<(usize, Choice)>,
}

/// Tokens that join to their neighbours without a space.
fn no_space_before(t: &str) -> bool {
    matches!(
        t,
        "-" | "." | "," | ":" | ";" | "!" | "?" | ")" | "]" | "”" | "»" | "'" | "’"
    )
}

fn no_space_after(t: &str) -> bool {
    matches!(t, "-" | "(" | "[" | "„" | "«")
}

/// Joins tokens: single spaces, none around `-` tokens, none before closing
/// punctuation (`.` `,` `)` `”` …) and none after opening punctuation (`(` `„` …).
pub(crate) fn join(words: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    let mut prev: Option<&str> = None;
    for w in words {
        let w = w.as_ref();
        if let Some(p) = prev
            && !no_space_after(p)
            && !no_space_before(w)
        {
            out.push(' ');
        }
        out.push_str(w);
        prev = Some(w);
    }
    out
}

fn has_letters(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn is_acronym(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && upper >= lower
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "„" | "”" | "“" | "«" | "»")
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Bonus of a reading whose name classes fit the label; a penalty for a
/// person's name read as the head of another kind of name (`Izby` as the
/// surname *Izba* in `Izby Gmin`).
fn class_bonus(classes: NameClasses, label: Label) -> f32 {
    let has = |c| classes.contains(c);
    let personal_only = (has(NameClass::FirstName) || has(NameClass::Surname))
        && !has(NameClass::Geographic)
        && !has(NameClass::Organization)
        && !has(NameClass::OtherName);
    let place_only =
        has(NameClass::Geographic) && !has(NameClass::Organization) && !has(NameClass::OtherName);
    match label {
        Label::Loc | Label::Org | Label::Evt | Label::Pro if personal_only => -0.3,
        Label::Org | Label::Evt | Label::Pro if place_only => -0.3,
        Label::Per if has(NameClass::FirstName) || has(NameClass::Surname) => 0.5,
        Label::Loc if has(NameClass::Geographic) => 0.5,
        Label::Loc if has(NameClass::GeographicPart) => 0.3,
        Label::Org if has(NameClass::Organization) => 0.5,
        Label::Evt | Label::Pro if has(NameClass::OtherName) => 0.3,
        _ => 0.0,
    }
}

/// Score of a reading: its confidence, the class bonus, and a small penalty
/// for each lemma letter that is not in the form, so that of two equally
/// good lemmas the one nearer the form wins (`Roberta` → `Robert`, not `Roberto`).
fn reading_score(r: &Reading, surface: &str, label: Label) -> f32 {
    let shared = r
        .lemma
        .chars()
        .zip(surface.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let extra = r.lemma.chars().count().saturating_sub(shared);
    // A plural-only place is plural by nature (`Węgry`, `Stany`): give it
    // back the prior of the singular.
    let pt = if r.info.pt && label == Label::Loc && r.classes.contains(NameClass::Geographic) {
        0.15
    } else {
        0.0
    };
    // Organizations, events and products are mostly named with common
    // words (`Izby` is *izba*, not the village *Izby*): a capitalized word
    // read through its lower-case form loses nothing there.
    let common = if matches!(label, Label::Org | Label::Evt | Label::Pro)
        && !r.guessed
        && !starts_upper(&r.lemma)
        && starts_upper(surface)
    {
        0.1
    } else {
        0.0
    };
    // Last tie-break: the shorter lemma (`Robertowi`: *Robert*, not *Roberto*).
    let length = 0.001 * r.lemma.chars().count().min(30) as f32;
    r.confidence + class_bonus(r.classes, label) + pt + common - 0.01 * extra as f32 - length
}

/// Best reading of `readings` compatible with the frame; `nominal` selects
/// nouns, otherwise adjectives and participles. `any_gender` lets the reading
/// have its own gender (parts of hyphenated names).
///
/// The scores are the readings' [`reading_score`]s for their surface and
/// `label`.
fn best_reading(
    scored: Scored<'_>,
    frame: Frame,
    nominal: bool,
    any_gender: bool,
    label: Label,
) -> Option<(usize, f32)> {
    let Scored {
        readings,
        scores,
        surface,
    } = scored;
    let mut best: Option<(usize, f32)> = None;
    for ((i, r), &s) in readings.iter().enumerate().zip(scores) {
        let kind_ok = if nominal {
            r.info.is_nominal() || r.tag == INDECLINABLE
        } else {
            r.info.is_adjectival()
        };
        if !kind_ok {
            continue;
        }
        let fits = if r.tag == INDECLINABLE {
            indeclinable_fits(r, surface, frame, label)
        } else if any_gender {
            r.info.cases & frame.case.bit() != 0 && r.info.numbers & frame.number.bit() != 0
        } else {
            r.info.allows(frame.case, frame.number, frame.gender) && r.info.cases != 0
        };
        if !fits {
            continue;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}

/// Where an indeclinable reading may stand. A name with a marked ending
/// (`Farage'a` → `Farage`) fits any frame. A word kept as written fits the
/// nominative; in another case only a word ending in such a vowel (see `ends_in_vowel`)
/// (`Bibi`, `Wylie`: foreign names in vowels do not decline) or, for people,
/// a feminine name (`Theresy May`: women's foreign surnames do not decline).
/// A foreign masculine name in a consonant declines (`Corbyna`), so it does
/// not fit a genitive frame unchanged.
fn indeclinable_fits(r: &Reading, surface: &str, frame: Frame, label: Label) -> bool {
    if r.lemma != surface || frame.case == Case::Nom {
        return true;
    }
    ends_in_vowel(surface, label) || (label == Label::Per && frame.gender == Gender::F)
}

/// The choice and score of a hyphenated token in the frame: each part takes
/// its best noun or adjective reading in the frame's case and number.
fn hyphenated_choice(tok: &Tok, frame: Frame, label: Label, per: bool) -> Option<(Choice, f32)> {
    let mut picks = Vec::new();
    let (mut score, mut n) = (0.0, 0);
    for part in &tok.parts {
        let text = part.text;
        if !has_letters(text) || is_acronym(text) {
            picks.push(None);
            continue;
        }
        n += 1;
        let pick = [true, false]
            .into_iter()
            .filter_map(|nominal| best_reading(part.scored(), frame, nominal, !per, label))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match pick {
            Some((i, s)) => {
                picks.push(Some(i));
                score += s;
            }
            None => {
                picks.push(None);
                score -= 0.5;
            }
        }
    }
    if n == 0 || picks.iter().all(Option::is_none) {
        return None;
    }
    Some((Choice::Parts(picks), score / n as f32))
}

/// A compound adjective (`Środkowo-Wschodniej`): the last part agrees with
/// the frame, the others stay as written.
fn compound_adjective_choice(tok: &Tok, frame: Frame, label: Label) -> Option<(Choice, f32)> {
    let part = tok.parts.last()?;
    let (i, s) = best_reading(part.scored(), frame, false, false, label)?;
    let mut picks = vec![None; tok.parts.len()];
    *picks.last_mut()? = Some(i);
    Some((Choice::Parts(picks), s))
}

/// Token `i` as an adjective (`nominal` false) or noun in the frame.
fn token_choice(
    tok: &Tok,
    frame: Frame,
    nominal: bool,
    label: Label,
    per: bool,
) -> Option<(Choice, f32)> {
    match tok.kind {
        Kind::Word => best_reading(tok.scored(), frame, nominal, false, label)
            .map(|(i, s)| (Choice::One(i), s)),
        Kind::Hyphenated if nominal => hyphenated_choice(tok, frame, label, per),
        Kind::Hyphenated => compound_adjective_choice(tok, frame, label),
        _ => None,
    }
}

/// Confidence of a known capitalized word kept as written (a foreign name
/// that happens to be a Polish form: `Galileo`, `Jeremy`).
const KNOWN_AS_WRITTEN: f32 = 0.3;
/// Confidence of an unknown capitalized word kept as written: foreign names
/// mostly appear uninflected, so a guess must be fairly sure to beat it.
const UNKNOWN_AS_WRITTEN: f32 = 0.45;
/// The same for a word ending in a vowel that Polish does not decline
/// (see `ends_in_vowel`): `Bibi`, `Wylie`, but not `Streamu`.
const UNKNOWN_VOWEL_AS_WRITTEN: f32 = 0.6;

/// True when `w` ends in a vowel that marks a foreign, indeclinable name:
/// `-e -i -o -y`, and for people also `-u` (a Polish personal name never
/// ends in `-u`, while other names take `-u` in the genitive and locative).
fn ends_in_vowel(w: &str, label: Label) -> bool {
    w.chars()
        .last()
        .and_then(|c| c.to_lowercase().next())
        .is_some_and(|c| {
            matches!(c, 'e' | 'i' | 'o' | 'y' | 'é' | 'á' | 'í' | 'ú')
                || (c == 'u' && label == Label::Per)
        })
}

/// Penalty for an unknown word skipped before the head (`Nord` in `Nord Streamu`).
const SKIP_UNKNOWN: f32 = 0.1;
/// Bonus for a group with a head noun.
const HEAD_BONUS: f32 = 0.2;

/// The best group starting at `start` in the frame: adjectives, a head noun,
/// adjectives; or adjectives alone.
fn best_group(toks: &[Tok], start: usize, frame: Frame, label: Label) -> Option<(Group, usize)> {
    let mut best: Option<(Group, usize)> = None;
    let mut pre = Group::default();
    let mut i = start;
    let consider = |g: Group, end: usize, best: &mut Option<(Group, usize)>| {
        if best.as_ref().is_none_or(|(b, _)| g.score > b.score) {
            *best = Some((g, end));
        }
    };
    let foreign = |t: &Tok| {
        matches!(t.kind, Kind::Word | Kind::Hyphenated) && t.unknown && starts_upper(t.text)
    };
    while i < toks.len() {
        let tok = &toks[i];
        // In a run of unknown capitalized words (a foreign name: `Nord
        // Streamu`, `Financial Timesa`) only the last one declines.
        if foreign(tok) && toks.get(i + 1).is_some_and(foreign) {
            i += 1;
            continue;
        }
        // Head here?
        if let Some((choice, s)) = token_choice(tok, frame, true, label, false) {
            let mut g = pre.clone();
            g.score += s + HEAD_BONUS;
            g.choices.push((i, choice));
            let mut j = i + 1;
            while j < toks.len() {
                match token_choice(&toks[j], frame, false, label, false) {
                    Some((c, s)) => {
                        g.score += s;
                        g.choices.push((j, c));
                        j += 1;
                    }
                    None => break,
                }
            }
            consider(g, j, &mut best);
        }
        // Or an adjective before the head (or an adjective-only name).
        if let Some((choice, s)) = token_choice(tok, frame, false, label, false) {
            pre.score += s;
            pre.choices.push((i, choice));
            let mut alone = pre.clone();
            alone.score += adjective_name_prior(frame, label);
            consider(alone, i + 1, &mut best);
            i += 1;
            continue;
        }
        // An unknown capitalized word or a fixed token may precede the head.
        let skippable = match tok.kind {
            Kind::Fixed => pre.choices.is_empty(),
            Kind::Word | Kind::Hyphenated => tok.unknown && starts_upper(tok.text),
            Kind::Conj => false,
        };
        if !skippable {
            break;
        }
        if tok.kind != Kind::Fixed {
            pre.score -= SKIP_UNKNOWN;
        }
        i += 1;
    }
    best
}

/// An adjective alone as a name stands for a noun left out: people for
/// organizations (`Zielonych` → `Zieloni`), *województwo* for places
/// (`śląskiego` → `śląskie`).
fn adjective_name_prior(frame: Frame, label: Label) -> f32 {
    match (label, frame.number, frame.gender) {
        (Label::Org | Label::Per, Number::Pl, Gender::M1) => 0.05,
        (Label::Loc, Number::Sg, Gender::N) => 0.05,
        _ => 0.0,
    }
}

/// Every frame worth trying.
fn frames(per: bool) -> impl Iterator<Item = Frame> {
    Case::ALL.into_iter().flat_map(move |case| {
        Number::ALL.into_iter().flat_map(move |number| {
            Gender::ALL
                .into_iter()
                .filter(move |g| !per || matches!(g, Gender::M1 | Gender::F))
                .map(move |gender| Frame {
                    case,
                    number,
                    gender,
                })
        })
    })
}

/// Prior of a frame: the nominative keeps a name as written, the vocative is
/// rare in news, the singular is the usual number.
fn frame_prior(frame: Frame) -> f32 {
    let case = match frame.case {
        Case::Nom => 0.12,
        Case::Gen => 0.03,
        Case::Loc | Case::Inst => 0.02,
        Case::Acc => 0.0,
        Case::Dat => -0.1,
        Case::Voc => -1.0,
    };
    let number = match frame.number {
        Number::Sg => 0.15,
        Number::Pl => 0.0,
    };
    case + number
}

/// People: every name word agrees with the frame.
fn person_group(toks: &[Tok], frame: Frame) -> Group {
    let mut g = Group::default();
    for (i, tok) in toks.iter().enumerate() {
        match tok.kind {
            Kind::Word => {
                let pick = [true, false]
                    .into_iter()
                    .filter_map(|nominal| {
                        best_reading(tok.scored(), frame, nominal, false, Label::Per)
                    })
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                match pick {
                    Some((r, s)) => {
                        g.score += s;
                        g.choices.push((i, Choice::One(r)));
                    }
                    None => g.score -= 0.5,
                }
            }
            Kind::Hyphenated => {
                if let Some((c, s)) = hyphenated_choice(tok, frame, Label::Per, true) {
                    g.score += s;
                    g.choices.push((i, c));
                } else {
                    g.score -= 0.5;
                }
            }
            Kind::Conj | Kind::Fixed => {}
        }
    }
    g
}

/// The nominative of reading `r` in `number` (and `gender` for adjectives),
/// written with the letter case of `surface`.
fn nominative(
    m: &Morphology,
    r: &Reading,
    number: Number,
    gender: Gender,
    surface: &str,
) -> String {
    let out = if r.guessed && r.info.is_adjectival() {
        guessed_adjective(m, &r.lemma, number, gender).unwrap_or_else(|| r.lemma.clone())
    } else if r.guessed || r.tag == INDECLINABLE {
        r.lemma.clone()
    } else {
        form_in(m, r, Case::Nom, number, gender).unwrap_or_else(|| r.lemma.clone())
    };
    match_case(surface, out)
}

/// The form of the lexicon reading `r`'s lemma in `case` and `number` (and
/// `gender` for adjectives), with the rest of its tag unchanged (degree,
/// aspect, plurale tantum); unmarked forms first.
fn form_in(
    m: &Morphology,
    r: &Reading,
    case: Case,
    number: Number,
    gender: Gender,
) -> Option<String> {
    let mut found: Option<String> = None;
    let mut found_marked = true;
    m.paradigm(&r.lemma, |form, info, marked| {
        let gender_ok = if info.is_nominal() {
            info.genders & r.info.genders != 0
        } else {
            info.genders == 0 || info.genders & gender.bit() != 0
        };
        if info.class == r.info.class
            && info.rest == r.info.rest
            && info.cases & case.bit() != 0
            && (info.numbers == 0 || info.numbers & number.bit() != 0)
            && gender_ok
            && (found.is_none() || (found_marked && !marked))
        {
            found = Some(form.to_string());
            found_marked = marked;
            return !marked;
        }
        false
    });
    found
}

/// The nominative of an unknown adjective (`Greifswaldzki` in the feminine:
/// `Greifswaldzka`), by analogy with a lexicon adjective of the same
/// declension: the ending that turns the model's lemma into its nominative
/// in `number` and `gender` is put on `lemma`.
fn guessed_adjective(
    m: &Morphology,
    lemma: &str,
    number: Number,
    gender: Gender,
) -> Option<String> {
    let model = if lemma.ends_with("ki") {
        "wielki"
    } else if lemma.ends_with("gi") {
        "drogi"
    } else if lemma.ends_with('y') {
        "nowy"
    } else {
        return None;
    };
    let mut target: Option<String> = None;
    m.paradigm(model, |form, info, marked| {
        if !marked
            && info.class == super::tags::Class::Adj
            && info.cases & Case::Nom.bit() != 0
            && info.numbers & number.bit() != 0
            && info.genders & gender.bit() != 0
            && m.tag_is_positive(info)
        {
            target = Some(form.to_string());
            return true;
        }
        false
    });
    let target = target?;
    // Common start of model lemma and form; the rest is the ending change.
    let shared = model
        .char_indices()
        .zip(target.chars())
        .find(|((_, a), b)| a != b)
        .map_or(model.len().min(target.len()), |((i, _), _)| i);
    let strip = model.len() - shared;
    let stem = lemma.get(..lemma.len().checked_sub(strip)?)?;
    Some(format!("{stem}{}", &target[shared..]))
}

/// Gives `out` the letter case of `surface`: capitalized stays capitalized,
/// upper case stays upper case.
fn match_case(surface: &str, out: String) -> String {
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return out.to_uppercase();
    }
    if starts_upper(surface) && !starts_upper(&out) {
        let mut chars = out.chars();
        if let Some(first) = chars.next() {
            return first.to_uppercase().chain(chars).collect();
        }
    }
    if !starts_upper(surface) && starts_upper(&out) && surface.chars().next() != out.chars().next()
    {
        // A lower-case surface with a capitalized lemma (`polska` as a
        // name word): keep the surface's case.
        let mut chars = out.chars();
        if let Some(first) = chars.next() {
            return first.to_lowercase().chain(chars).collect();
        }
    }
    out
}

fn classify<'a>(m: &Morphology, words: &[&'a str], label: Label) -> Vec<Tok<'a>> {
    let mut toks = Vec::with_capacity(words.len());
    let mut in_quotes = false;
    let any_upper = words.iter().any(|w| starts_upper(w));
    for (i, &w) in words.iter().enumerate() {
        let fixed = |text| Tok {
            text,
            kind: Kind::Fixed,
            readings: Vec::new(),
            scores: Vec::new(),
            parts: Vec::new(),
            unknown: true,
        };
        if is_quote(w) {
            in_quotes = !in_quotes;
            toks.push(fixed(w));
            continue;
        }
        // In a person's name, lower-case words are particles (`von der`),
        // unless the whole mention is lower case (`torysów`).
        let lower_particle = label == Label::Per && !starts_upper(w) && any_upper;
        if in_quotes
            || !has_letters(w)
            || w.chars().any(|c| c.is_ascii_digit())
            || is_acronym(w) && !w.contains(['\'', '’', '-'])
            || is_roman(w)
            || lower_particle
            || w.chars().count() == 1 && i + 1 < words.len() && words[i + 1] == "."
        {
            toks.push(fixed(w));
            continue;
        }
        if i > 0 && matches!(w, "i" | "oraz") {
            toks.push(Tok {
                kind: Kind::Conj,
                ..fixed(w)
            });
            continue;
        }
        let domain = match label {
            Label::Per => Domain::People,
            Label::Loc => Domain::Places,
            _ => Domain::Common,
        };
        let mut readings = m.readings_in(w, domain);
        let unknown = readings.iter().all(|r| r.guessed);
        // Unknown adjectives in names (`Greifswaldzkiej`) decline like
        // common adjectives, whatever the kind of name.
        if unknown && domain != Domain::Common {
            readings.extend(
                m.readings_in(w, Domain::Common)
                    .into_iter()
                    .filter(|r| r.guessed && r.info.is_adjectival()),
            );
        }
        let marked_ending = readings
            .iter()
            .any(|r| r.tag == INDECLINABLE && r.lemma != w);
        // A capitalized word may be a foreign name kept as written (`Galileo`
        // is also the vocative of *Galilea*).
        if starts_upper(w) && !marked_ending && !readings.iter().any(|r| r.tag == INDECLINABLE) {
            readings.push(indeclinable(w, KNOWN_AS_WRITTEN));
        }
        if unknown {
            let confidence = if ends_in_vowel(w, label) {
                UNKNOWN_VOWEL_AS_WRITTEN
            } else {
                UNKNOWN_AS_WRITTEN
            };
            for r in readings
                .iter_mut()
                .filter(|r| r.tag == INDECLINABLE && r.lemma == w)
            {
                r.confidence = confidence;
            }
        }
        // Among plural-only places the lexicon cannot tell apart (`Niemiec`:
        // *Niemcy* or the village *Niemce*), prefer the one that is also the
        // plural of a people (*Niemcy*, like *Węgry*, *Włochy*, *Czechy*).
        for r in readings.iter_mut().filter(|r| !r.guessed && r.info.pt) {
            if m.is_plural_of_people(&r.lemma) {
                r.confidence += 0.005;
            }
        }
        let inner_hyphen = w.contains('-') && !w.starts_with('-') && !w.ends_with('-');
        if inner_hyphen && unknown && !marked_ending {
            let parts = w
                .split('-')
                .map(|p| {
                    let readings = if has_letters(p) {
                        m.readings_in(p, domain)
                    } else {
                        Vec::new()
                    };
                    Part {
                        text: p,
                        scores: reading_scores(&readings, p, label),
                        readings,
                    }
                })
                .collect();
            toks.push(Tok {
                text: w,
                kind: Kind::Hyphenated,
                readings,
                scores: Vec::new(),
                parts,
                unknown,
            });
            continue;
        }
        toks.push(Tok {
            text: w,
            kind: Kind::Word,
            readings,
            scores: Vec::new(),
            parts: Vec::new(),
            unknown,
        });
    }
    // The last of a run of unknown capitalized words is a foreign word with,
    // at most, a Polish ending added (`Timesa`, `Streamu`): its guesses may
    // only cut an ending, not rewrite the stem (`Office` is not *Offika*).
    let foreign = |t: &Tok| {
        matches!(t.kind, Kind::Word | Kind::Hyphenated) && t.unknown && starts_upper(t.text)
    };
    for i in 1..toks.len() {
        if foreign(&toks[i - 1]) && foreign(&toks[i]) {
            let text = toks[i].text;
            toks[i].readings.retain(|r| {
                !r.guessed || r.tag == INDECLINABLE || text.starts_with(r.lemma.as_str())
            });
        }
    }
    for tok in &mut toks {
        tok.scores = reading_scores(&tok.readings, tok.text, label);
    }
    toks
}

/// Renders the tokens, replacing the chosen ones by their nominative.
fn render(m: &Morphology, toks: &[Tok], choices: &[(usize, Choice, Frame)]) -> Vec<String> {
    let mut out: Vec<String> = toks.iter().map(|t| t.text.to_string()).collect();
    for (i, choice, frame) in choices {
        let tok = &toks[*i];
        out[*i] = match choice {
            Choice::One(r) => {
                let r = &tok.readings[*r];
                // In a nominative frame a word read as nominative is its own
                // base form (a guessed adjective `The` stays `The`).
                if frame.case == Case::Nom
                    && r.tag != INDECLINABLE
                    && r.info.cases & Case::Nom.bit() != 0
                {
                    tok.text.to_string()
                } else {
                    nominative(m, r, frame.number, frame.gender, tok.text)
                }
            }
            Choice::Parts(picks) => {
                let parts: Vec<String> = tok
                    .parts
                    .iter()
                    .zip(picks)
                    .map(|(part, pick)| match pick {
                        Some(r) => {
                            let r = &part.readings[*r];
                            let gender = first_gender(r.info.genders).unwrap_or(frame.gender);
                            let gender = if r.info.genders & frame.gender.bit() != 0 {
                                frame.gender
                            } else {
                                gender
                            };
                            nominative(m, r, frame.number, gender, part.text)
                        }
                        None => part.text.to_string(),
                    })
                    .collect();
                parts.join("-")
            }
        };
    }
    out
}

fn first_gender(mask: u8) -> Option<Gender> {
    Gender::ALL.into_iter().find(|g| mask & g.bit() != 0)
}

/// See [`Morphology::lemmatize_name`].
pub(crate) fn lemmatize_name(m: &Morphology, words: &[&str], label: Label) -> String {
    join(&lemmatize_tokens(m, words, label))
}

/// See [`Morphology::lemmatize_span`].
pub(crate) fn lemmatize_span(m: &Morphology, text: &str, label: Label) -> String {
    let tokens = crate::tokenize(text);
    let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    let lemmas = lemmatize_tokens(m, &words, label);
    let mut out = String::with_capacity(text.len());
    let mut prev_end = None;
    for ((token, word), lemma) in tokens.iter().zip(&words).zip(&lemmas) {
        let range = token.byte_range();
        if let Some(end) = prev_end
            && end < range.start
        {
            out.push(' ');
        }
        // Unchanged tokens keep their original spelling (quotes, dashes).
        if lemma == word {
            out.push_str(&text[range.clone()]);
        } else {
            out.push_str(lemma);
        }
        prev_end = Some(range.end);
    }
    out
}

/// People's names written in capitals are read (and given back) in title
/// case: `PAUL SMITH` → `Paul Smith`.
fn title_case_people(words: &[&str], label: Label) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            if label == Label::Per
                && letters >= 3
                && is_acronym(w)
                && !is_roman(w)
                && !w.chars().any(|c| c.is_lowercase())
            {
                super::capitalize(w)
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// The lemmatized tokens of a name, one per input word.
fn lemmatize_tokens(m: &Morphology, words: &[&str], label: Label) -> Vec<String> {
    let titled = title_case_people(words, label);
    let words: Vec<&str> = titled.iter().map(String::as_str).collect();
    let words = &words[..];
    let toks = classify(m, words, label);
    let mut out = match best_choices(&toks, label, |_| true) {
        Some(choices) => render(m, &toks, &choices),
        None => words.iter().map(|w| w.to_string()).collect(),
    };
    capitalize_name(&toks, &mut out, label);
    out
}

/// The best reading of the name among the frames `allowed` accepts.
fn best_choices(toks: &[Tok], label: Label, allowed: impl Fn(Frame) -> bool) -> Option<Choices> {
    if !toks
        .iter()
        .any(|t| matches!(t.kind, Kind::Word | Kind::Hyphenated))
    {
        return None;
    }
    // (the frames where some token has a reading that fits: in the others
    // `best_group` finds nothing)
    let viable = if label == Label::Per {
        u128::MAX
    } else {
        toks.iter().fold(0, |set, t| set | fitting_frames(t, label))
    };
    best_choices_in(toks, label, allowed, viable)
}

/// The group of a second conjunct (`… i Sprawiedliwości`) and its frame.
type Conjunct = (Group, Frame);

/// [`best_choices`] over the frames of the set `viable` (frames outside it
/// must be ones where [`best_group`] finds no group).
fn best_choices_in(
    toks: &[Tok],
    label: Label,
    allowed: impl Fn(Frame) -> bool,
    viable: u128,
) -> Option<Choices> {
    let per = label == Label::Per;
    // The groups of the best frame so far (with the frame of a second
    // conjunct); the choices are written out once, for the frame that wins.
    let mut best: Option<(f32, Frame, Group, Option<Conjunct>)> = None;
    for frame in frames(per).filter(|f| allowed(*f) && viable & f.bit() != 0) {
        let (score, group, second) = if per {
            let g = person_group(toks, frame);
            (g.score, g, None)
        } else {
            let Some((g, end)) = best_group(toks, 0, frame, label) else {
                continue;
            };
            let mut score = g.score;
            // Coordination right after the group: `Prawa i Sprawiedliwości`.
            // The second conjunct shares the case, not the gender or number;
            // it counts only when it runs to the end of the name.
            let mut second = None;
            if end + 1 < toks.len() && toks[end].kind == Kind::Conj {
                second = frames(false)
                    .filter(|f| f.case == frame.case && viable & f.bit() != 0)
                    .filter_map(|f| {
                        best_group(toks, end + 1, f, label)
                            .filter(|(_, e)| *e == toks.len())
                            .map(|(g, _)| (g, f))
                    })
                    .max_by(|a, b| {
                        (a.0.score + frame_prior(a.1)).total_cmp(&(b.0.score + frame_prior(b.1)))
                    });
                if let Some((g2, f2)) = &second {
                    score += g2.score + frame_prior(*f2) - frame_prior(frame);
                }
            }
            (score, g, second)
        };
        if group.choices.is_empty() && second.as_ref().is_none_or(|(g2, _)| g2.choices.is_empty()) {
            continue;
        }
        let score = score + frame_prior(frame);
        if best.as_ref().is_none_or(|(b, ..)| score > *b) {
            best = Some((score, frame, group, second));
        }
    }
    best.map(|(_, frame, group, second)| {
        let mut choices: Choices = group
            .choices
            .into_iter()
            .map(|(i, c)| (i, c, frame))
            .collect();
        if let Some((g2, f2)) = second {
            choices.extend(g2.choices.into_iter().map(|(i, c)| (i, c, f2)));
        }
        choices
    })
}

/// See [`Morphology::inflect_name`].
pub(crate) fn inflect_name(m: &Morphology, words: &[&str], label: Label) -> Vec<(Case, String)> {
    let toks = classify(m, words, label);
    let Some(choices) = best_choices(&toks, label, |f| f.case == Case::Nom) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for case in [Case::Gen, Case::Dat, Case::Acc, Case::Inst, Case::Loc] {
        let mut tokens: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        for (i, choice, frame) in &choices {
            let tok = &toks[*i];
            let inflect = |r: &Reading, text: &str, gender: Gender| -> String {
                if r.guessed || r.tag == INDECLINABLE {
                    return text.to_string();
                }
                match form_in(m, r, case, frame.number, gender) {
                    Some(form) => match_case(text, form),
                    None => text.to_string(),
                }
            };
            tokens[*i] = match choice {
                Choice::One(r) => inflect(&tok.readings[*r], tok.text, frame.gender),
                Choice::Parts(picks) => tok
                    .parts
                    .iter()
                    .zip(picks)
                    .map(|(part, pick)| match pick {
                        Some(r) => {
                            let r = &part.readings[*r];
                            let gender = if r.info.genders & frame.gender.bit() != 0 {
                                frame.gender
                            } else {
                                first_gender(r.info.genders).unwrap_or(frame.gender)
                            };
                            inflect(r, part.text, gender)
                        }
                        None => part.text.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("-"),
            };
        }
        out.push((case, join(&tokens)));
    }
    out
}

/// Names other than people's start with a capital letter in their base form
/// (`brexitu` → `Brexit`, `drugiej wojny światowej` → `Druga wojna
/// światowa`), unless the first word is not all lower case (`easyJet`) or the
/// name is a domain (`money.pl`). People's names written in lower case are
/// common nouns (`torysów` → `torysi`) and stay so.
fn capitalize_name(toks: &[Tok], out: &mut [String], label: Label) {
    if label == Label::Per || toks.is_empty() {
        return;
    }
    let domain = toks
        .windows(2)
        .any(|w| w[0].text == "." && w[1].text.chars().all(|c| c.is_ascii_lowercase()));
    let first = &toks[0];
    let lower = first
        .text
        .chars()
        .all(|c| !c.is_alphabetic() || c.is_lowercase())
        && first.text.chars().next().is_some_and(char::is_alphabetic);
    if domain || !lower || !matches!(first.kind, Kind::Word | Kind::Hyphenated) {
        return;
    }
    if let Some(word) = out.first_mut() {
        let mut chars = word.chars();
        if let Some(c) = chars.next() {
            *word = c.to_uppercase().chain(chars).collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_left_out_are_frames_without_a_group() {
        // Every pair and some triples of these forms, as names of each kind
        // but people (whose frames are all tried): the choices are the same
        // whether the frames where no token fits are tried or not.
        let forms = [
            "Unii",
            "Europejskiej",
            "funduszy",
            "unijnych",
            "budowa",
            "gazociągu",
            "Nord",
            "Streamu",
            "Prawa",
            "i",
            "Sprawiedliwości",
            "Bielsku-Białej",
            "nowego",
            "Sądu",
            "Najwyższego",
            "Pakistanu",
            "miasta",
            "Krakowa",
            "Wielka",
            "Brytania",
            "rządu",
            "ministrów",
            "Financial",
            "Timesa",
            "Bibi",
            "pierwszej",
            "damy",
            "Zielonych",
            "śląskiego",
            "Węgier",
            "drzwi",
            "Środkowo-Wschodniej",
            "PiS",
            "2019",
            "„Gazety",
            "Wyborczej”",
            "oraz",
            "Kowalskiego",
            "z",
            "o.o.",
            "wyborach",
            "prezydenckich",
        ];
        let m = Morphology::embedded();
        let mut phrases: Vec<Vec<&str>> = Vec::new();
        for a in forms {
            phrases.push(vec![a]);
            for b in forms {
                phrases.push(vec![a, b]);
            }
        }
        for (i, a) in forms.iter().enumerate() {
            for (j, b) in forms.iter().enumerate().skip(i % 5).step_by(5) {
                phrases.push(vec![a, b, forms[(i + j) % forms.len()]]);
            }
        }
        let mut pruned = 0;
        for label in [Label::Org, Label::Loc, Label::Evt, Label::Pro] {
            for words in &phrases {
                let toks = classify(m, words, label);
                let viable = toks.iter().fold(0, |set, t| set | fitting_frames(t, label));
                pruned += frames(false).filter(|f| viable & f.bit() == 0).count();
                for allowed in [|_: Frame| true, |f: Frame| f.case == Case::Nom] {
                    let fast = best_choices(&toks, label, allowed);
                    let all = best_choices_in(&toks, label, allowed, u128::MAX);
                    assert_eq!(
                        format!("{fast:?}"),
                        format!("{all:?}"),
                        "{words:?} {label:?}"
                    );
                }
            }
        }
        // (and the test does leave frames out)
        assert!(pruned > phrases.len() * 20, "{pruned}");
    }

    fn lem(words: &str, label: Label) -> String {
        let words: Vec<&str> = words.split(' ').collect();
        Morphology::embedded().lemmatize_name(&words, label)
    }

    #[test]
    fn adjective_and_noun_agree() {
        assert_eq!(lem("Unii Europejskiej", Label::Org), "Unia Europejska");
        assert_eq!(lem("Wielkiej Brytanii", Label::Loc), "Wielka Brytania");
        assert_eq!(lem("Zielonej Górze", Label::Loc), "Zielona Góra");
        assert_eq!(lem("Nowym Sączu", Label::Loc), "Nowy Sącz");
    }

    #[test]
    fn plural_only_names_stay_plural() {
        assert_eq!(
            lem("Stanach Zjednoczonych", Label::Loc),
            "Stany Zjednoczone"
        );
    }

    #[test]
    fn genitive_complements_stay() {
        assert_eq!(
            lem("Urzędu Miasta Krakowa", Label::Org),
            "Urząd Miasta Krakowa"
        );
        assert_eq!(
            lem("Ministerstwa Spraw Zagranicznych", Label::Org),
            "Ministerstwo Spraw Zagranicznych"
        );
        assert_eq!(
            lem("Uniwersytetu Jagiellońskiego", Label::Org),
            "Uniwersytet Jagielloński"
        );
    }

    #[test]
    fn people_agree_in_gender() {
        assert_eq!(
            lem("Aleksandra Miszalskiego", Label::Per),
            "Aleksander Miszalski"
        );
        assert_eq!(lem("Aleksandry Nowak", Label::Per), "Aleksandra Nowak");
        assert_eq!(lem("Igą Świątek", Label::Per), "Iga Świątek");
        assert_eq!(
            lem("Roberta Lewandowskiego", Label::Per),
            "Robert Lewandowski"
        );
        assert_eq!(
            lem("Ursuli von der Leyen", Label::Per),
            "Ursula von der Leyen"
        );
    }

    #[test]
    #[ignore = "Bielsku is the locative of both Bielsk and Bielsko; the lexicon has no frequency to choose"]
    fn hyphenated_names_inflect_per_part() {
        assert_eq!(lem("Bielsku-Białej", Label::Loc), "Bielsko-Biała");
    }

    #[test]
    fn acronyms_quotes_and_foreign_names_stay() {
        assert_eq!(lem("NATO", Label::Org), "NATO");
        assert_eq!(lem("Saqib Nisar", Label::Per), "Saqib Nisar");
        assert_eq!(lem("Eurocities", Label::Org), "Eurocities");
        assert_eq!(lem("„ Pan Tadeusz ”", Label::Pro), "„Pan Tadeusz”");
    }

    #[test]
    fn coordination_inflects_both_conjuncts() {
        assert_eq!(
            lem("Prawa i Sprawiedliwości", Label::Org),
            "Prawo i Sprawiedliwość"
        );
    }

    #[test]
    fn unknown_adjectives_agree_by_analogy() {
        assert_eq!(lem("Jeziorze Bzdrowskim", Label::Loc), "Jezioro Bzdrowskie");
        assert_eq!(lem("Zatoce Bzdrowskiej", Label::Loc), "Zatoka Bzdrowska");
    }

    #[test]
    fn foreign_names_decline_only_where_polish_declines_them() {
        // Consonant-final men's names decline; vowel-final names and
        // women's consonant-final surnames do not.
        assert_eq!(lem("Johnowi Smithowi", Label::Per), "John Smith");
        assert_eq!(lem("Keanu Reevesa", Label::Per), "Keanu Reeves");
        assert_eq!(lem("Hillary Clinton", Label::Per), "Hillary Clinton");
        assert_eq!(lem("The Spectator", Label::Pro), "The Spectator");
    }

    #[test]
    fn in_foreign_names_only_the_last_word_declines() {
        assert_eq!(lem("Daily Mirrora", Label::Pro), "Daily Mirror");
        assert_eq!(lem("Sunday Expressu", Label::Pro), "Sunday Express");
        assert_eq!(lem("Home Office", Label::Org), "Home Office");
    }

    #[test]
    fn people_in_capitals_come_back_in_title_case() {
        assert_eq!(
            lem("ROBERTA LEWANDOWSKIEGO", Label::Per),
            "Robert Lewandowski"
        );
        assert_eq!(lem("Jana III Sobieskiego", Label::Per), "Jan III Sobieski");
        assert_eq!(lem("NATO", Label::Org), "NATO");
    }

    #[test]
    fn names_other_than_people_start_with_a_capital() {
        assert_eq!(lem("mundialu", Label::Evt), "Mundial");
        assert_eq!(
            lem("drugiej wojny światowej", Label::Evt),
            "Druga wojna światowa"
        );
        assert_eq!(lem("torysów", Label::Per), "torysi");
    }

    #[test]
    fn inflects_names_from_their_base_form() {
        let forms = |words: &str, label| -> Vec<String> {
            let words: Vec<&str> = words.split(' ').collect();
            Morphology::embedded()
                .inflect_name(&words, label)
                .into_iter()
                .map(|(_, f)| f)
                .collect()
        };
        let uk = forms("Wielka Brytania", Label::Loc);
        assert!(uk.contains(&"Wielkiej Brytanii".to_string()));
        assert!(uk.contains(&"Wielką Brytanię".to_string()));
        let ministry = forms("Ministerstwo Spraw Zagranicznych", Label::Org);
        assert!(ministry.contains(&"Ministerstwie Spraw Zagranicznych".to_string()));
        let us = forms("Stany Zjednoczone", Label::Loc);
        assert!(us.contains(&"Stanach Zjednoczonych".to_string()));
        let person = forms("Robert Lewandowski", Label::Per);
        assert!(person.contains(&"Roberta Lewandowskiego".to_string()));
        assert!(person.contains(&"Robertem Lewandowskim".to_string()));
    }

    #[test]
    fn joins_like_the_text() {
        assert_eq!(join(&["Bielsko", "-", "Biała"]), "Bielsko-Biała");
        assert_eq!(join(&["Jan", "Paweł", "II"]), "Jan Paweł II");
        assert_eq!(join(&["ul", ".", "Długa"]), "ul. Długa");
    }
}
