//! In-document propagation (`rule:per.propagate`): once a person is found by
//! a rule (`Aleksander Nowicki`), later and earlier mentions of the surname
//! alone, in any case (`Nowicki`, `Nowickiego`, `Nowickim`), are the same
//! person, with the surname as lemma.

use super::View;
use crate::model::Label;
use crate::pipeline::Candidate;

pub(crate) const PROPAGATION_PRIORITY: u8 = 52;

/// Whether `word` is an inflected form of the surname `s`.
pub(crate) fn is_form_of(word: &str, s: &str) -> bool {
    if word == s {
        return true;
    }
    if let Some(rest) = word.strip_prefix(s) {
        let rest = rest.trim_start_matches(['\'', '’']);
        if matches!(
            rest,
            "a" | "owi" | "em" | "iem" | "u" | "ie" | "e" | "y" | "ą" | "ę" | "om" | "ów"
        ) {
            return true;
        }
    }
    for (base, endings) in [
        ("i", &["iego", "iemu", "im"][..]),
        ("y", &["ego", "emu", "ym"][..]),
        ("a", &["y", "i", "ie", "ę", "ą", "ej", "iej"][..]),
    ] {
        if let Some(stem) = s.strip_suffix(base) {
            if super::at_least_chars(stem, 2) {
                if let Some(rest) = word.strip_prefix(stem) {
                    if endings.contains(&rest) {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// rule:per.propagate over the document. `taken` marks the tokens under
/// the first `taken.1` candidates of `out`.
#[inline(never)]
pub(crate) fn find(
    v: &View<'_>,
    earlier: &[Candidate],
    taken: (Vec<bool>, usize),
    out: &mut Vec<Candidate>,
) {
    let mut surnames: Vec<&str> = Vec::new();
    let mut first_names: Vec<&str> = Vec::new();
    for c in earlier.iter().chain(out.iter()) {
        if c.label != Label::Per || !c.source.starts_with("rule:per.") {
            continue;
        }
        if c.source == "rule:per.first_name" {
            if let Some(first) = c.lemma.split(' ').next() {
                if !first_names.contains(&first) {
                    first_names.push(first);
                }
            }
        }
        if let Some(last) = c.lemma.split(' ').next_back() {
            if super::at_least_chars(last, 3) && !surnames.contains(&last) {
                surnames.push(last);
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    let (mut taken, marked) = taken;
    v.mark_more(&mut taken, out.get(marked..).unwrap_or_default());
    let n = v.tokens.len();
    let mut found = Vec::new();
    for &i in &v.caps {
        if matches!(v.covered(i), Some((l, _)) if l != Label::Per) {
            continue;
        }
        // part of a longer capitalized name (`Trump Tower`, `Vote Leave`)
        if (i + 1 < n && v.is_cap(i + 1) && !v.line_break_before(i + 1))
            || (i > 0 && v.is_cap(i - 1) && !v.sent_start(i) && !v.line_break_before(i))
        {
            continue;
        }
        if taken[i] {
            continue;
        }
        let w = v.word(i);
        // the first name alone (`Anna` after `Anna Nowak`)
        let first = v.first_names(i).and_then(|rs| {
            rs.iter()
                .find(|r| first_names.iter().any(|f| *f == r.lemma))
                .map(|r| r.lemma.to_string())
        });
        if let Some(f) = first {
            found.push(v.candidate(
                i..i + 1,
                Label::Per,
                None,
                f,
                "rule:per.propagate",
                0.6,
                PROPAGATION_PRIORITY,
            ));
            continue;
        }
        // (every form of a surname starts with its first byte)
        let first_byte = w.as_bytes().first();
        if let Some(s) = surnames
            .iter()
            .find(|s| s.as_bytes().first() == first_byte && is_form_of(w, s))
        {
            found.push(v.candidate(
                i..i + 1,
                Label::Per,
                None,
                s.to_string(),
                "rule:per.propagate",
                0.7,
                PROPAGATION_PRIORITY,
            ));
        }
    }
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::is_form_of;

    #[test]
    fn surname_forms() {
        assert!(is_form_of("Kowalskiego", "Kowalski"));
        assert!(is_form_of("Tuska", "Tusk"));
        assert!(is_form_of("Farage'a", "Farage"));
        assert!(is_form_of("Kowalskiej", "Kowalska"));
        assert!(!is_form_of("Tuskany", "Tusk"));
    }
}
