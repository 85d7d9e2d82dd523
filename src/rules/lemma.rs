//! Base forms of names found by rules — the one place entity lemmas are
//! computed from inflected words, so that a better morphology can replace
//! these heuristics in one change.
//!
//! ```text
//! Donalda Tuska          → Donald Tusk
//! Aleksandrze Kwaśniewskim → (first name from the lexicon) + Kwaśniewski
//! Farage'a               → Farage
//! Komisji Europejskiej   → Komisja Europejska (head + agreeing adjectives)
//! ```

use super::lexicon::{FirstName, Gender};

/// The byte position of the last apostrophe (`'` or `’`) in `word`.
pub(crate) fn last_apostrophe(word: &str) -> Option<usize> {
    // (`’` is E2 80 99; in UTF-8 those bytes are that character)
    let b = word.as_bytes();
    (0..b.len())
        .rev()
        .find(|&i| b[i] == b'\'' || (b[i] == 0xE2 && b.get(i + 1..i + 3) == Some(&[0x80, 0x99])))
}

/// Whether a word looks like an inflected (non-nominative) masculine surname.
pub(crate) fn looks_oblique_masculine(word: &str) -> bool {
    if last_apostrophe(word).is_some() {
        return true;
    }
    let ends = |s: &str| word.ends_with(s);
    (ends("ego") || ends("emu") || ends("owi") || ends("iem") || ends("em"))
        || (ends("a") && !ends("ska") && !ends("cka") && !ends("dzka") && !ends("owa"))
}

/// The base form of a surname given the gender and case of the first name
/// before it (or `None` when unknown).
pub(crate) fn surname_base(word: &str, reading: Option<&FirstName>) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    push_surname_base(&mut out, word, reading);
    out
}

/// Appends [`surname_base`] to `out`.
pub(crate) fn push_surname_base(out: &mut String, word: &str, reading: Option<&FirstName>) {
    // foreign names write the ending after an apostrophe: Farage'a, O'Leary'ego
    if let Some(pos) = last_apostrophe(word) {
        let ending = &word[pos..].trim_start_matches(['\'', '’']);
        if pos > 0 && ending.chars().count() <= 3 && ending.chars().all(char::is_lowercase) {
            out.push_str(&word[..pos]);
            return;
        }
    }
    // double-barrelled surnames inflect in each part: Nowak-Kowalskiej
    if let Some((a, b)) = word.split_once('-') {
        if a.chars().next().is_some_and(char::is_uppercase)
            && b.chars().next().is_some_and(char::is_uppercase)
        {
            push_surname_base(out, a, reading);
            out.push('-');
            push_surname_base(out, b, reading);
            return;
        }
    }
    let gender = reading.map(|r| r.gender);
    let nominative = reading.is_some_and(|r| r.is_nominative() && r.cases != "gen.acc");
    // the stem before `suffix`, when two letters at least are left
    let strip = |suffix: &str| {
        word.strip_suffix(suffix)
            .filter(|s| super::at_least_chars(s, 2))
    };
    let mut push = |stem: &str, add: &str| {
        out.push_str(stem);
        out.push_str(add);
    };
    // adjectival surnames
    for (m_suffix, m_base) in [
        ("skiego", "ski"),
        ("skiemu", "ski"),
        ("ckiego", "cki"),
        ("ckiemu", "cki"),
        ("dzkiego", "dzki"),
        ("dzkiemu", "dzki"),
    ] {
        if let Some(b) = strip(m_suffix) {
            return push(b, m_base);
        }
    }
    if gender != Some(Gender::Feminine) {
        for (s, b) in [("skim", "ski"), ("ckim", "cki"), ("dzkim", "dzki")] {
            if let Some(x) = strip(s) {
                return push(x, b);
            }
        }
    }
    if gender != Some(Gender::Masculine) {
        for (s, b) in [
            ("skiej", "ska"),
            ("ską", "ska"),
            ("ckiej", "cka"),
            ("cką", "cka"),
            ("dzkiej", "dzka"),
            ("dzką", "dzka"),
        ] {
            if let Some(x) = strip(s) {
                return push(x, b);
            }
        }
    }
    if nominative || gender == Some(Gender::Feminine) {
        return push(word, "");
    }
    if gender == Some(Gender::Masculine) || reading.is_none() {
        // Kowalczykowi, Nowakiem, Tuskiem, Putinem, Tuska
        for s in ["owi", "iem", "em"] {
            if let Some(b) = strip(s) {
                if s == "iem" && !(b.ends_with('k') || b.ends_with('g')) {
                    continue;
                }
                return push(b, "");
            }
        }
        if reading.is_some() {
            if let Some(b) = strip("a") {
                if b.ends_with(|c: char| !"aeiouyąęó".contains(c)) {
                    return push(b, "");
                }
            }
            // masculine surnames in -a: Dudy, Dudę, Dudą → Duda
            for s in ["y", "ę", "ą"] {
                if let Some(b) = strip(s) {
                    return push(b, "a");
                }
            }
        }
    }
    push(word, "")
}

/// The base form of a person's name written as `words` (first names, then
/// surname), given the first name's reading when known.
pub(crate) fn person_lemma(words: &[&str], first: Option<&FirstName>) -> String {
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 0 {
            if let Some(f) = first {
                out.push_str(&f.lemma);
                continue;
            }
        }
        if i + 1 < words.len() {
            // a middle first name: take its reading of the same gender
            if let Some(r) = super::lexicon::first_name(w).and_then(|rs| {
                rs.iter()
                    .find(|r| Some(r.gender) == first.map(|f| f.gender))
            }) {
                out.push_str(&r.lemma);
                continue;
            }
        }
        push_surname_base(&mut out, w, first);
    }
    out
}

/// Grammatical gender guessed from a noun's base form.
pub(crate) fn gender_of_base(base: &str) -> Gender {
    if base.ends_with('a') {
        Gender::Feminine
    } else if base.ends_with('o') || base.ends_with('e') || base.ends_with("um") {
        Gender::Other
    } else {
        Gender::Masculine
    }
}

/// Appends the nominative of an adjective agreeing with a head of `gender`
/// (`Europejskiej` → `Europejska`); the word itself when it is not an
/// inflected adjective.
fn push_adjective_base(out: &mut String, word: &str, gender: Gender) {
    let soft = |stem: &str| stem.ends_with('k') || stem.ends_with('g');
    let table: &[(&str, &str)] = match gender {
        Gender::Feminine => &[("iej", "ia"), ("ej", "a"), ("ą", "a")],
        Gender::Masculine => &[
            ("iego", "i"),
            ("ego", "y"),
            ("iemu", "i"),
            ("emu", "y"),
            ("im", "i"),
            ("ym", "y"),
        ],
        Gender::Other => &[
            ("iego", "ie"),
            ("ego", "e"),
            ("iemu", "ie"),
            ("emu", "e"),
            ("im", "ie"),
            ("ym", "e"),
        ],
    };
    for (suffix, base) in table {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !super::at_least_chars(stem, 3) {
                continue;
            }
            out.push_str(stem);
            // -kiej/-giej: the i only softens k/g (Europejskiej → Europejska)
            out.push_str(if *suffix == "iej" && soft(stem) {
                "a"
            } else {
                base
            });
            return;
        }
    }
    out.push_str(word);
}

/// Whether a word has an adjectival ending (used to decide which words
/// after an organization's head noun agree with it).
pub(crate) fn is_adjectival(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "iego", "iemu", "ego", "emu", "iej", "ej", "ym", "im", "ą", "a", "y", "i", "e",
    ];
    const STEMS: &[&str] = &[
        "sk", "ck", "dzk", "n", "ow", "ew", "ł", "t", "z", "cz", "sz", "ż", "rz", "dn", "ln", "rn",
        "wn", "yjn", "aln", "ow", "iw", "yw", "ąc", "ęc", "g", "k",
    ];
    ENDINGS.iter().any(|e| {
        word.strip_suffix(e).is_some_and(|stem| {
            let stem = stem.strip_suffix('i').unwrap_or(stem);
            super::at_least_chars(stem, 3) && STEMS.iter().any(|s| stem.ends_with(s))
        })
    })
}

/// The base form of an organization's name: the head noun (at `head`) in
/// its base form, capitalized like the text; agreeing adjectives before and
/// after it in the nominative; the rest (genitive complements) as written.
pub(crate) fn org_lemma(words: &[&str], head: usize, head_base: &str) -> String {
    let gender = gender_of_base(head_base);
    let mut out = String::with_capacity(words.iter().map(|w| w.len() + 2).sum());
    let mut agreeing = true;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i < head {
            push_adjective_base(&mut out, w, gender);
        } else if i == head {
            if lowercase_is(w, head_base) {
                out.push_str(w);
            } else {
                push_capitalized_like(&mut out, w, head_base);
            }
        } else if agreeing && agrees(w, gender) {
            push_adjective_base(&mut out, w, gender);
        } else {
            agreeing = false;
            out.push_str(w);
        }
    }
    out
}

/// Whether `w` has an adjectival ending of the head's gender (any case).
fn agrees(w: &str, gender: Gender) -> bool {
    if !is_adjectival(w) {
        return false;
    }
    let endings: &[&str] = match gender {
        Gender::Feminine => &["a", "ej", "ą"],
        Gender::Masculine => &["y", "i", "ego", "emu", "ym", "im"],
        Gender::Other => &["e", "ego", "emu", "ym", "im"],
    };
    endings.iter().any(|e| w.ends_with(e))
}

/// Appends `word`, capitalized when `model` is.
fn push_capitalized_like(out: &mut String, model: &str, word: &str) {
    let mut c = word.chars();
    match c.next() {
        Some(f) if model.chars().next().is_some_and(char::is_uppercase) => {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
        _ => out.push_str(word),
    }
}

/// Whether `word` in lower case (as [`str::to_lowercase`] writes it) is
/// `lower`, without writing it.
pub(crate) fn lowercase_is(word: &str, lower: &str) -> bool {
    if word.contains('Σ') {
        // (the one letter whose lower case depends on its place)
        return word.to_lowercase() == lower;
    }
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::lexicon::first_name;

    fn reading(form: &str, lemma: &str) -> FirstName {
        first_name(form)
            .unwrap()
            .iter()
            .find(|r| r.lemma == lemma)
            .unwrap()
            .clone()
    }

    #[test]
    fn surnames_after_first_names() {
        let donalda = reading("Donalda", "Donald");
        assert_eq!(
            person_lemma(&["Donalda", "Tuska"], Some(&donalda)),
            "Donald Tusk"
        );
        let jana = reading("Jana", "Jan");
        assert_eq!(
            person_lemma(&["Jana", "Kowalskiego"], Some(&jana)),
            "Jan Kowalski"
        );
        let anna = reading("Anna", "Anna");
        assert_eq!(person_lemma(&["Anna", "Nowak"], Some(&anna)), "Anna Nowak");
        let annie = reading("Annie", "Anna");
        assert_eq!(
            person_lemma(&["Annie", "Kowalskiej"], Some(&annie)),
            "Anna Kowalska"
        );
    }

    #[test]
    fn apostrophe_endings_and_bare_surnames() {
        assert_eq!(surname_base("Farage'a", None), "Farage");
        assert_eq!(surname_base("O'Leary", None), "O'Leary");
        assert_eq!(surname_base("O’Leary’ego", None), "O’Leary");
        assert_eq!(surname_base("Kaczyńskiego", None), "Kaczyński");
        assert_eq!(surname_base("Putinem", None), "Putin");
        assert_eq!(surname_base("Merkel", None), "Merkel");
    }

    #[test]
    fn organization_heads_and_adjectives() {
        assert_eq!(
            org_lemma(&["Komisji", "Europejskiej"], 0, "komisja"),
            "Komisja Europejska"
        );
        assert_eq!(
            org_lemma(&["Sądu", "Najwyższego"], 0, "sąd"),
            "Sąd Najwyższy"
        );
        assert_eq!(
            org_lemma(
                &["Ministerstwa", "Spraw", "Zagranicznych"],
                0,
                "ministerstwo"
            ),
            "Ministerstwo Spraw Zagranicznych"
        );
        assert_eq!(
            org_lemma(&["Szkockiej", "Partii", "Narodowej"], 1, "partia"),
            "Szkocka Partia Narodowa"
        );
        assert_eq!(
            org_lemma(&["Urzędu", "Lotnictwa", "Cywilnego"], 0, "urząd"),
            "Urząd Lotnictwa Cywilnego"
        );
    }
}
