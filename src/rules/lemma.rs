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

/// Whether a word looks like an inflected (non-nominative) masculine surname.
pub(crate) fn looks_oblique_masculine(word: &str) -> bool {
    if word.contains('\'') || word.contains('’') {
        return true;
    }
    let ends = |s: &str| word.ends_with(s);
    (ends("ego") || ends("emu") || ends("owi") || ends("iem") || ends("em"))
        || (ends("a") && !ends("ska") && !ends("cka") && !ends("dzka") && !ends("owa"))
}

/// The base form of a surname given the gender and case of the first name
/// before it (or `None` when unknown).
pub(crate) fn surname_base(word: &str, reading: Option<&FirstName>) -> String {
    // foreign names write the ending after an apostrophe: Farage'a, O'Leary'ego
    if let Some(pos) = word.rfind(['\'', '’']) {
        let ending = &word[pos..].trim_start_matches(['\'', '’']);
        if pos > 0 && ending.chars().count() <= 3 && ending.chars().all(char::is_lowercase) {
            return word[..pos].to_string();
        }
    }
    // double-barrelled surnames inflect in each part: Nowak-Kowalskiej
    if let Some((a, b)) = word.split_once('-') {
        if a.chars().next().is_some_and(char::is_uppercase)
            && b.chars().next().is_some_and(char::is_uppercase)
        {
            return format!("{}-{}", surname_base(a, reading), surname_base(b, reading));
        }
    }
    let gender = reading.map(|r| r.gender);
    let nominative = reading.is_some_and(|r| r.is_nominative() && r.cases != "gen.acc");
    let strip = |suffix: &str, add: &str| -> Option<String> {
        word.strip_suffix(suffix)
            .filter(|s| s.chars().count() >= 2)
            .map(|s| format!("{s}{add}"))
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
        if let Some(b) = strip(m_suffix, m_base) {
            return b;
        }
    }
    if gender != Some(Gender::Feminine) {
        for (s, b) in [("skim", "ski"), ("ckim", "cki"), ("dzkim", "dzki")] {
            if let Some(x) = strip(s, b) {
                return x;
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
            if let Some(x) = strip(s, b) {
                return x;
            }
        }
    }
    if nominative || gender == Some(Gender::Feminine) {
        return word.to_string();
    }
    if gender == Some(Gender::Masculine) || reading.is_none() {
        // Kowalczykowi, Nowakiem, Tuskiem, Putinem, Tuska
        for s in ["owi", "iem", "em"] {
            if let Some(b) = strip(s, "") {
                if s == "iem" && !(b.ends_with('k') || b.ends_with('g')) {
                    continue;
                }
                return b;
            }
        }
        if reading.is_some() {
            if let Some(b) = strip("a", "") {
                if b.ends_with(|c: char| !"aeiouyąęó".contains(c)) {
                    return b;
                }
            }
            // masculine surnames in -a: Dudy, Dudę, Dudą → Duda
            for s in ["y", "ę", "ą"] {
                if let Some(b) = strip(s, "a") {
                    return b;
                }
            }
        }
    }
    word.to_string()
}

/// The base form of a person's name written as `words` (first names, then
/// surname), given the first name's reading when known.
pub(crate) fn person_lemma(words: &[&str], first: Option<&FirstName>) -> String {
    let mut out = String::new();
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
        out.push_str(&surname_base(w, first));
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

/// The nominative of an adjective agreeing with a head of `gender`
/// (`Europejskiej` → `Europejska`); the word itself when it is not an
/// inflected adjective.
pub(crate) fn adjective_base(word: &str, gender: Gender) -> String {
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
            if stem.chars().count() < 3 {
                continue;
            }
            // -kiej/-giej: the i only softens k/g (Europejskiej → Europejska)
            if *suffix == "iej" && soft(stem) {
                return format!("{stem}a");
            }
            return format!("{stem}{base}");
        }
    }
    word.to_string()
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
            stem.chars().count() >= 3 && STEMS.iter().any(|s| stem.ends_with(s))
        })
    })
}

/// The base form of an organization's name: the head noun (at `head`) in
/// its base form, capitalized like the text; agreeing adjectives before and
/// after it in the nominative; the rest (genitive complements) as written.
pub(crate) fn org_lemma(words: &[&str], head: usize, head_base: &str) -> String {
    let gender = gender_of_base(head_base);
    let mut out = String::new();
    let mut agreeing = true;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i < head {
            out.push_str(&adjective_base(w, gender));
        } else if i == head {
            if w.to_lowercase() == head_base {
                out.push_str(w);
            } else {
                out.push_str(&capitalize_like(w, head_base));
            }
        } else if agreeing && agrees(w, gender) {
            out.push_str(&adjective_base(w, gender));
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

fn capitalize_like(model: &str, word: &str) -> String {
    if model.chars().next().is_some_and(char::is_uppercase) {
        let mut c = word.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    } else {
        word.to_string()
    }
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
