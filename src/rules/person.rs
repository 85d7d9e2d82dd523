//! People: a first name followed by capitalized words (`rule:per.first_name`),
//! and capitalized words after a title or role (`rule:per.title`).

use super::View;
use super::known::KnownWords;
use super::lemma::{looks_oblique_masculine, person_lemma};
use super::lexicon::{FirstName, NOT_SUBJECT, SPEECH_VERB, TriggerKind, first_name};
use crate::model::Label;
use crate::pipeline::Candidate;
use std::borrow::Cow;

pub(crate) const FIRST_NAME_PRIORITY: u8 = 60;
pub(crate) const TITLE_PRIORITY: u8 = 56;

/// Abbreviated titles (lower-case, as written).
const TITLE_ABBREVIATIONS: &[&str] = &[
    "dr", "dr.", "prof.", "ks.", "gen.", "abp", "abp.", "bp", "bp.", "płk", "płk.", "mec.", "red.",
    "inż.", "hab.", "mgr", "mgr.", "św.", "o.", "s.", "pos.", "sen.", "min.", "premier.",
];

/// Whether `word` is one of [`TITLE_ABBREVIATIONS`] (ignoring ASCII case)
/// of up to five bytes.
fn is_title_abbreviation(word: &str) -> bool {
    /// The abbreviations, packed by [`pack`] (`u64::MAX` above five bytes).
    const PACKED: [u64; TITLE_ABBREVIATIONS.len()] = {
        let mut packed = [u64::MAX; TITLE_ABBREVIATIONS.len()];
        let mut i = 0;
        while i < packed.len() {
            if let Some(key) = pack(TITLE_ABBREVIATIONS[i]) {
                packed[i] = key;
            }
            i += 1;
        }
        packed
    };
    pack(word).is_some_and(|key| PACKED.contains(&key))
}

/// A word of up to five bytes in one number: its length, then its bytes
/// with ASCII letters lowered.
const fn pack(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > 5 {
        return None;
    }
    let mut key = bytes.len() as u64;
    let mut k = 0;
    while k < bytes.len() {
        key |= (bytes[k].to_ascii_lowercase() as u64) << (8 * (k + 1));
        k += 1;
    }
    Some(key)
}

/// Capitalized words that can continue a name after its first word.
fn name_part(v: &View<'_>, i: usize) -> bool {
    v.is_cap(i)
        && !matches!(
            v.covered(i),
            Some((Label::Org | Label::Loc | Label::Evt | Label::Pro, _))
        )
        && super::at_least_chars(v.word(i), 2)
        && !v.line_break_before(i)
}

/// Chooses the first-name reading that fits the surname's form.
fn choose<'r>(readings: &'r [FirstName], surname: &str) -> &'r FirstName {
    let oblique = looks_oblique_masculine(surname);
    readings
        .iter()
        .max_by_key(|r| {
            let nom = r.is_nominative();
            let fits = if oblique { !nom } else { nom };
            (fits, nom, std::cmp::Reverse(r.lemma.len()))
        })
        .unwrap_or(&readings[0])
}

#[inline(never)]
pub(crate) fn find(v: &View<'_>, out: &mut Vec<Candidate>) {
    // Both rules start on a capitalized word or on the word before one:
    // visit those positions in order, each at most once, from where the
    // last match ended.
    let mut next = 0;
    for &c in &v.caps {
        for i in [c.wrapping_sub(1), c] {
            if i != usize::MAX && i >= next {
                next = find_at(v, i, out);
            }
        }
    }
}

/// Both person rules at token `i`; returns where to go on.
fn find_at(v: &View<'_>, i: usize, out: &mut Vec<Candidate>) -> usize {
    let n = v.tokens.len();
    // rule:per.first_name — `Jan Kowalski`, `Theresa May`, `Jean-Claude Juncker`
    // (a name has two words at least: test the second before the lexicon)
    if v.is_cap(i)
        && !matches!(
            v.covered(i),
            Some((Label::Org | Label::Evt | Label::Pro, _))
        )
        && i + 1 < n
        && name_part(v, i + 1)
    {
        if let Some(readings) = readings_at(v, i) {
            let mut j = i + 1;
            while j < n && j - i < 3 && name_part(v, j) {
                j += 1;
                // a third word when the second is itself a first name or
                // the name is foreign (`Pedro Silva Pereira`): not a
                // Polish surname, not followed by a lower-case inflection
                if j - i == 2
                    && v.first_names(j - 1).is_none()
                    && !(j < n
                        && name_part(v, j)
                        && v.covered(j).is_none()
                        && v.trigger(j, TriggerKind::Org).is_none()
                        && !super::lemma::looks_oblique_masculine(v.word(j - 1))
                        && !super::lemma::is_adjectival(v.word(j - 1)))
                {
                    break;
                }
            }
            if j > i + 1 {
                let words: Vec<&str> = v.raw(i..j);
                let reading = choose(&readings, words[words.len() - 1]);
                let lemma = person_lemma(&words, Some(reading));
                out.push(v.candidate(
                    i..j,
                    Label::Per,
                    None,
                    lemma,
                    "rule:per.first_name",
                    0.8,
                    FIRST_NAME_PRIORITY,
                ));
                return j;
            }
        }
    }
    // rule:per.title — `premier Nowak`, `prof. Anna Nowak`
    if i + 1 >= n || !v.is_cap(i + 1) {
        return i + 1;
    }
    // (the cheap tests on the name first)
    if !name_part(v, i + 1) || v.covered(i + 1).is_some() {
        return i + 1;
    }
    let word = v.word(i);
    let written_as_title = v.is_lower(i) || (v.sent_start(i) && v.is_cap(i));
    let title = if written_as_title {
        v.trigger(i, TriggerKind::Title)
    } else {
        None
    };
    if title.is_some() || is_title_abbreviation(word) {
        let start = i + 1;
        if start + 1 < n && name_part(v, start + 1) && readings_at(v, start).is_some() {
            // the first-name rule will take it
            return i + 1;
        }
        let mut j = start + 1;
        while j < n && j - start < 2 && name_part(v, j) && v.covered(j).is_none() {
            j += 1;
        }
        let words: Vec<&str> = v.raw(start..j);
        // `premiera Tuska`: an inflected title means an inflected name
        let title_oblique = title.is_some_and(|t| !super::lemma::lowercase_is(word, t.base));
        let lemma = title_person_lemma(&words, title_oblique);
        out.push(v.candidate(
            start..j,
            Label::Per,
            None,
            lemma,
            "rule:per.title",
            0.7,
            TITLE_PRIORITY,
        ));
        return j;
    }
    i + 1
}

pub(crate) const SPEECH_PRIORITY: u8 = 54;

/// Verbs of saying that take a person as subject (`powiedział Kowalski`,
/// `Kowalska podkreśliła`), in the past (masculine, feminine) and present.
pub(super) const SPEECH_VERBS: &[&str] = &[
    "powiedział",
    "powiedziała",
    "stwierdził",
    "stwierdziła",
    "dodał",
    "dodała",
    "zaznaczył",
    "zaznaczyła",
    "podkreślił",
    "podkreśliła",
    "ocenił",
    "oceniła",
    "napisał",
    "napisała",
    "oświadczył",
    "oświadczyła",
    "zapowiedział",
    "zapowiedziała",
    "przyznał",
    "przyznała",
    "wyjaśnił",
    "wyjaśniła",
    "tłumaczył",
    "tłumaczyła",
    "zapewnił",
    "zapewniła",
    "przekonywał",
    "przekonywała",
    "ostrzegł",
    "ostrzegła",
    "zauważył",
    "zauważyła",
    "przypomniał",
    "przypomniała",
    "mówił",
    "mówiła",
    "pytał",
    "pytała",
    "odpowiedział",
    "odpowiedziała",
    "zaapelował",
    "zaapelowała",
    "skomentował",
    "skomentowała",
    "argumentował",
    "argumentowała",
    "uznał",
    "uznała",
    "dodaje",
    "mówi",
    "twierdzi",
    "uważa",
    "podkreśla",
    "zaznacza",
    "ocenia",
    "pisze",
    "przekonuje",
    "zapewnia",
    "ostrzega",
    "tłumaczy",
    "wyjaśnia",
    "zauważa",
    "przypomina",
    "przyznaje",
    "powiedział:",
    "zdradził",
    "zdradziła",
    "wspomniał",
    "wspomniała",
    "relacjonował",
    "relacjonowała",
    "cytuje",
    "komentuje",
];

/// Words that open sentences and are no names (pronouns, adverbs).
pub(super) const NOT_SUBJECTS: &[&str] = &[
    "On",
    "Ona",
    "Ono",
    "Oni",
    "One",
    "Ktoś",
    "Nikt",
    "Każdy",
    "Wszyscy",
    "To",
    "Kto",
    "Co",
    "Także",
    "Również",
    "Jak",
    "Wtedy",
    "Potem",
    "Później",
    "Wczoraj",
    "Dziś",
    "Dzisiaj",
    "Jutro",
    "Następnie",
    "Wcześniej",
    "Ponadto",
    "Jednak",
    "Sam",
    "Sama",
    "Tak",
    "Nie",
    "Już",
    "Jeszcze",
    "Zresztą",
    "Natomiast",
    "Ten",
    "Ta",
    "Ci",
    "Tam",
    "Tu",
    "Tutaj",
    "Ja",
    "My",
    "Wy",
];

/// rule:per.speech — an unknown capitalized name next to a verb of saying:
/// `– dodał Kowalski.`, `Nowak powiedziała, że…`.
#[inline(never)]
pub(crate) fn find_speech(v: &View<'_>, out: &mut Vec<Candidate>) {
    let n = v.tokens.len();
    let free = |i: usize| {
        v.is_cap(i)
            && v.covered(i).is_none()
            && !v.is_upper(i)
            && v.entry(i).is_none_or(|e| {
                !e.is(NOT_SUBJECT)
                    && e.trigger(TriggerKind::Title).is_none()
                    && e.trigger(TriggerKind::Org).is_none()
            })
    };
    // (a free name must stand next to the verb: only lower-case words next
    // to a capitalized word no earlier candidate covers can start a match)
    for &i in &v.near_caps {
        if !v.is(i, SPEECH_VERB) {
            continue;
        }
        // verb + name: `dodał Kowalski` (the name ends the clause)
        if i + 1 < n && free(i + 1) && !v.line_break_before(i + 1) {
            let mut j = i + 2;
            if j < n && free(j) && !v.line_break_before(j) {
                j += 1;
            }
            let ends_clause = j >= n || v.tokens[j].kind == crate::model::TokenKind::Punct;
            if ends_clause {
                let words: Vec<&str> = v.raw(i + 1..j);
                out.push(v.candidate(
                    i + 1..j,
                    Label::Per,
                    None,
                    nominative_name(&words),
                    "rule:per.speech",
                    0.6,
                    SPEECH_PRIORITY,
                ));
            }
        }
        // name + verb: `Kowalska podkreśliła` (not opening the sentence,
        // where any word is capitalized, unless a second name word follows)
        if i >= 1 && free(i - 1) && !v.line_break_before(i) {
            let mut start = i - 1;
            if start >= 1 && free(start - 1) && !v.line_break_before(start) {
                start -= 1;
            }
            let opens = v.sent_start(start) && start == i - 1;
            let after_comma = start > 0 && matches!(v.word(start - 1), "," | "(" | "–" | "-");
            if !opens && !after_comma {
                let words: Vec<&str> = v.raw(start..i);
                out.push(v.candidate(
                    start..i,
                    Label::Per,
                    None,
                    nominative_name(&words),
                    "rule:per.speech",
                    0.6,
                    SPEECH_PRIORITY,
                ));
            }
        }
    }
}

pub(crate) const SURNAME_PRIORITY: u8 = 53;

/// rule:per.surname — a capitalized word inside a sentence that the
/// morphology knows only as a surname (`Tuska`, `Merkel`), not as a common
/// word or another kind of name.
#[inline(never)]
pub(crate) fn find_surnames<'a>(
    v: &View<'a>,
    taken: &[bool],
    known: &mut KnownWords<'a>,
    out: &mut Vec<Candidate>,
) {
    let n = v.tokens.len().min(taken.len());
    let mut found = Vec::new();
    for &i in &v.caps {
        if i == 0 || i >= n || !v.alone_inside_sentence(i) {
            continue;
        }
        let word = v.word(i);
        if taken[i]
            || !super::at_least_chars(word, 3)
            || v.first_names(i).is_some()
            || matches!(
                v.word(i - 1),
                "of" | "for" | "the" | "and" | "de" | "von" | "van"
            )
        {
            continue;
        }
        if let Some(lemma) = &known.get(word).surname {
            found.push(v.candidate(
                i..i + 1,
                Label::Per,
                None,
                lemma.clone(),
                "rule:per.surname",
                0.55,
                SURNAME_PRIORITY,
            ));
        }
    }
    out.extend(found);
}

/// The base form of a name that is the subject (nominative): first names
/// from the lexicon, endings after an apostrophe removed.
fn nominative_name(words: &[&str]) -> String {
    let mut out = String::new();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        match w.rfind(['\'', '’']) {
            Some(p) if p > 0 && w[p..].chars().count() <= 4 => out.push_str(&w[..p]),
            _ => out.push_str(w),
        }
    }
    out
}

/// First-name readings of token `i`, including hyphenated double names
/// (see [`first_name_readings`]), with the lexicon entry the view holds.
fn readings_at(v: &View<'_>, i: usize) -> Option<Cow<'static, [FirstName]>> {
    match v.first_names(i) {
        Some(r) => Some(Cow::Borrowed(r)),
        None => composite_readings(v.word(i)),
    }
}

/// First-name readings of a word, including hyphenated double names
/// (`Jean-Claude`: the readings of its first part, lemma kept whole).
pub(crate) fn first_name_readings(word: &str) -> Option<Cow<'static, [FirstName]>> {
    match first_name(word) {
        Some(r) => Some(Cow::Borrowed(r)),
        None => composite_readings(word),
    }
}

/// [`first_name_readings`] of a word that is no first name as written.
fn composite_readings(word: &str) -> Option<Cow<'static, [FirstName]>> {
    // only an apostrophe or a hyphen can make one (`’` starts with 0xE2)
    if !word.bytes().any(|b| matches!(b, b'\'' | b'-' | 0xE2)) {
        return None;
    }
    // foreign names with the ending after an apostrophe: `Jean-Claude'a`
    if let Some(pos) = word.rfind(['\'', '’']) {
        let ending = word[pos..].trim_start_matches(['\'', '’']);
        let cases = match ending {
            "a" | "ego" => "gen.acc",
            "owi" | "emu" => "dat",
            "em" | "m" | "iem" => "inst",
            "u" | "ie" => "loc",
            _ => return None,
        };
        let readings: Vec<FirstName> = first_name_readings(&word[..pos])?
            .iter()
            .filter(|r| r.is_nominative())
            .map(|r| FirstName {
                lemma: r.lemma.clone(),
                gender: r.gender,
                cases,
            })
            .collect();
        return (!readings.is_empty()).then_some(Cow::Owned(readings));
    }
    let (a, b) = word.split_once('-')?;
    let ra = first_name(a)?;
    first_name(b)?;
    Some(Cow::Owned(
        ra.iter()
            .map(|r| FirstName {
                lemma: Cow::Owned(word.to_string()),
                gender: r.gender,
                cases: "nom",
            })
            .collect(),
    ))
}

fn title_person_lemma(words: &[&str], title_oblique: bool) -> String {
    if let [w] = words {
        // a first name alone after a title: `papież Franciszek`, `papieżem Franciszkiem`
        if let Some(r) = first_name(w) {
            return r[0].lemma.to_string();
        }
    }
    let last = words.len() - 1;
    let mut out = String::new();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if k == last {
            let guess = super::lemma::surname_base(w, None);
            let b = if title_oblique && guess == *w {
                // `premiera Tuska`: the title is inflected, so is the name
                w.strip_suffix('a')
                    .filter(|s| s.ends_with(|c: char| !"aeiouyąęó".contains(c)))
                    .map(str::to_string)
                    .unwrap_or(guess)
            } else {
                guess
            };
            out.push_str(&b);
        } else {
            out.push_str(&super::lemma::surname_base(w, None));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Label};

    fn people(text: &str) -> Vec<(String, String, String)> {
        Extractor::new()
            .extract(text)
            .entities
            .into_iter()
            .filter(|e| e.label == Label::Per)
            .map(|e| (e.text, e.lemma, e.source.into_owned()))
            .collect()
    }

    #[test]
    fn first_name_and_surname() {
        let p = people("Spotkanie z Donaldem Tuskiem i Anną Kowalską odbyło się wczoraj.");
        assert_eq!(p[0].0, "Donaldem Tuskiem");
        assert_eq!(p[0].1, "Donald Tusk");
        assert_eq!(p[0].2, "rule:per.first_name");
        assert_eq!(p[1].1, "Anna Kowalska");
    }

    #[test]
    fn foreign_first_names() {
        let p = people("Rozmawiał z nim Jean-Claude Juncker, a potem Theresa May.");
        assert_eq!(p[0].1, "Jean-Claude Juncker");
        assert_eq!(p[1].1, "Theresa May");
    }

    #[test]
    fn title_before_surname() {
        let p = people("Wczoraj prof. Zawadzki i premier Morawiecki rozmawiali.");
        assert_eq!(p[0].0, "Zawadzki");
        assert_eq!(p[0].2, "rule:per.title");
        assert_eq!(p[1].0, "Morawiecki");
    }

    #[test]
    fn speech_verbs_mark_people() {
        let p =
            people("– To dobra decyzja – dodał Zawadzki. Potem Wróblewska podkreśliła, że nie.");
        assert_eq!(p[0].0, "Zawadzki");
        assert_eq!(p[0].2, "rule:per.speech");
        assert_eq!(p[1].0, "Wróblewska");
        assert!(people("On powiedział, że nie.").is_empty());
    }

    #[test]
    fn known_surnames_inside_sentences() {
        let p = people("Decyzję Kaczyńskiego skrytykowała wczoraj Merkel w Berlinie.");
        assert_eq!(p[0].1, "Kaczyński");
        assert_eq!(p[0].2, "rule:per.surname");
        assert_eq!(p[1].1, "Merkel");
    }

    #[test]
    fn title_abbreviations_ignore_ascii_case() {
        use super::is_title_abbreviation as abbr;
        assert!(abbr("dr") && abbr("Dr") && abbr("PROF.") && abbr("płk") && abbr("Płk."));
        // only ASCII letters change case, and the list stops at five bytes
        assert!(!abbr("PŁK") && !abbr("premier.") && !abbr("") && !abbr("x") && !abbr("drr"));
    }

    #[test]
    fn title_before_a_place_is_not_a_person() {
        let p = people("Przyjechał premier Wielkiej Brytanii.");
        assert!(p.is_empty(), "{p:?}");
    }
}
