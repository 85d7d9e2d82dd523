//! A test oracle: the analysis the straightforward way, as the analyser did
//! it before its hot path was tuned (the `fst` crate's own `get`, no look-up
//! cache, no precomputed tables, `to_lowercase` where the letters allow), so
//! that the fast paths can be compared with it on many words.

use super::format::Entry;
use super::guesser::{Domain, Guess, domain_classes, guess_without_lexicon, length_factor};
use super::tags::TagInfo;
use super::{
    Analysis, Casing, CompactAnalysis, FLAG_MARKED, LOWERED, MARKED, Morphology, capitalize,
    combinations,
};

/// The letter-case pattern of `word` (the analyser's first version).
fn casing(word: &str) -> Casing {
    // One pass. Letters with a case are all alphabetic, so after the first
    // letter no test for letters is needed; Polish letters are mostly lower
    // case, so that is tested first.
    let mut first_upper = None;
    let (mut upper, mut lower) = (false, false);
    for c in word.chars() {
        let (is_upper, is_lower) = if c.is_ascii() {
            (c.is_ascii_uppercase(), c.is_ascii_lowercase())
        } else if c.is_lowercase() {
            (false, true)
        } else {
            (c.is_uppercase(), false)
        };
        if first_upper.is_some() {
            upper |= is_upper;
            lower |= is_lower;
        } else if is_upper || is_lower || (!c.is_ascii() && c.is_alphabetic()) {
            first_upper = Some(is_upper);
        }
    }
    match (first_upper, upper, lower) {
        (None | Some(false), false, _) => Casing::Lower,
        (Some(true), false, _) => Casing::Capitalized,
        (Some(true), true, false) => Casing::Upper,
        _ => Casing::Mixed,
    }
}

/// Writes `word` in lower case into `buf`; `None` when it does not fit or
/// when a letter lower-cases to several characters.
fn lowercase_into<'b>(word: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        // A lower-case letter lower-cases to itself.
        let l = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if c.is_lowercase() {
            c
        } else {
            let mut lower = c.to_lowercase();
            let l = lower.next()?;
            if lower.next().is_some() {
                return None;
            }
            l
        };
        let len = l.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        l.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// `word` in lower case, as the analyser has always lower-cased it.
fn lower(word: &str) -> String {
    let mut buf = [0u8; 64];
    match lowercase_into(word, &mut buf) {
        Some(lower) => lower.to_string(),
        None => word.to_lowercase(),
    }
}

/// Every lexicon entry of `word` with the spelling it is for and its
/// confidence, in the analyser's order.
fn entries(m: &Morphology, word: &str) -> Vec<(String, Entry, f32)> {
    let mut out = Vec::new();
    let mut emit = |variant: &str, e: Entry, factor: f32| {
        let conf = if e.flags() & FLAG_MARKED != 0 {
            factor * MARKED
        } else {
            factor
        };
        out.push((variant.to_string(), e, conf));
    };
    let casing = casing(word);
    let sets = m.blob.sets;
    if casing == Casing::Lower {
        if let Some(set) = m.blob.forms.get(word) {
            for e in sets.get(set).filter(|e| !e.capitalized()) {
                emit(word, e, 1.0);
            }
        }
        return out;
    }
    if matches!(casing, Casing::Upper | Casing::Mixed)
        && let Some(set) = m.blob.exact.get(word)
    {
        for e in sets.get(set) {
            emit(word, e, 1.0);
        }
    }
    let lower = lower(word);
    let Some(set) = m.blob.forms.get(&lower) else {
        return out;
    };
    match casing {
        Casing::Capitalized => {
            for e in sets.get(set).filter(|e| e.capitalized()) {
                emit(word, e, 1.0);
            }
            for e in sets.get(set).filter(|e| !e.capitalized()) {
                emit(&lower, e, LOWERED);
            }
        }
        Casing::Mixed => {
            for e in sets.get(set).filter(|e| !e.capitalized()) {
                emit(&lower, e, LOWERED);
            }
        }
        Casing::Upper | Casing::Lower => {
            let cap = capitalize(word);
            for e in sets.get(set).filter(|e| e.capitalized()) {
                emit(&cap, e, LOWERED);
            }
            for e in sets.get(set).filter(|e| !e.capitalized()) {
                emit(&lower, e, LOWERED * LOWERED);
            }
        }
    }
    out
}

/// One reading before expansion: lemma, tag, parsed tag, classes, confidence, guessed.
type Raw = (String, u16, TagInfo, super::NameClasses, f32, bool);

/// The readings of `word`: lexicon entries whose rule applies, or the guesses.
fn raw_readings(m: &Morphology, word: &str) -> Vec<Raw> {
    let found = entries(m, word);
    let mut out = Vec::new();
    if found.is_empty() {
        guess(m, word, Domain::of(word), |g| {
            out.push((
                g.lemma.to_string(),
                g.tag,
                g.info,
                g.classes,
                g.confidence,
                true,
            ));
        });
        return out;
    }
    for (variant, e, conf) in found {
        let mut lemma = String::new();
        if e.rule() as usize >= m.rules.len() || !m.rule(e.rule()).apply(&variant, &mut lemma) {
            continue;
        }
        let info = m.tag_info(e.tag());
        out.push((lemma, e.tag(), info, m.classes_of(e.class()), conf, false));
    }
    out
}

/// `analyze` the straightforward way.
pub(super) fn analyze(m: &Morphology, word: &str) -> Vec<Analysis> {
    let mut out = Vec::new();
    for (lemma, tag, info, classes, confidence, guessed) in raw_readings(m, word) {
        for (case, number, gender) in combinations(&info) {
            out.push(Analysis {
                lemma: lemma.clone(),
                pos: info.pos,
                case,
                number,
                gender,
                name_class: classes.main(),
                name_classes: classes,
                confidence,
                guessed,
                plurale_tantum: info.pt,
                tag,
            });
        }
    }
    out
}

/// `analyze_compact_into` the straightforward way.
pub(super) fn analyze_compact(m: &Morphology, word: &str) -> Vec<CompactAnalysis> {
    raw_readings(m, word)
        .into_iter()
        .map(
            |(lemma, tag, info, classes, confidence, guessed)| CompactAnalysis {
                lemma,
                pos: info.pos,
                name_class: classes.main(),
                name_classes: classes,
                confidence,
                guessed,
                plurale_tantum: info.pt,
                cases: info.cases,
                numbers: info.numbers,
                genders: info.genders,
                tag,
            },
        )
        .collect()
}

/// The guesser as it was written first (the `fst` crate's nodes, shares
/// summed entry by entry).
fn guess(m: &Morphology, word: &str, domain: Domain, mut f: impl FnMut(Guess<'_>)) {
    if word.is_empty() {
        return;
    }
    // (the part without the lexicon is shared: it did not change)
    if !guess_without_lexicon(word, domain, &mut f) {
        return;
    }
    let Some((set, chars)) = longest_ending(m, word, domain) else {
        return;
    };
    let factor = length_factor(chars);
    let entries = || m.blob.usets.get(set);
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

/// The guess set of the longest ending of `word` in the table of `domain`.
fn longest_ending(m: &Morphology, word: &str, domain: Domain) -> Option<(u64, usize)> {
    let fst = m.blob.guess.as_fst();
    let mut node = fst.root();
    let mut output = fst::raw::Output::zero();
    let t = node.transition(node.find_input(domain.key())?);
    output = output.cat(t.out);
    node = fst.node(t.addr);
    let mut best = None;
    let bytes = word.as_bytes();
    let mut chars = 0;
    for i in (0..bytes.len()).rev() {
        let Some(index) = node.find_input(bytes[i]) else {
            break;
        };
        let t = node.transition(index);
        output = output.cat(t.out);
        node = fst.node(t.addr);
        if word.is_char_boundary(i) {
            chars += 1;
            if node.is_final() {
                best = Some((output.cat(node.final_output()).value(), chars));
            }
        }
    }
    best
}

/// Words to compare on: a sample of the lexicon's keys in lower case,
/// capitalized and upper case, with a changed last letter (mostly unknown:
/// the guesser) and with an apostrophe or hyphen ending; the exact-case
/// keys; odd inputs.
fn sample_words() -> Vec<String> {
    use fst::Streamer;
    let m = Morphology::embedded();
    let step = if cfg!(debug_assertions) { 997 } else { 53 };
    let mut words = Vec::new();
    let mut stream = m.blob.forms.stream();
    let mut i = 0usize;
    while let Some((key, _)) = stream.next() {
        i += 1;
        if i % step != 0 {
            continue;
        }
        let Ok(key) = std::str::from_utf8(key) else {
            continue;
        };
        words.push(key.to_string());
        words.push(capitalize(key));
        words.push(key.to_uppercase());
        let mut changed: String = key
            .chars()
            .take(key.chars().count().saturating_sub(1))
            .collect();
        changed.push(['x', 'ą', 'q', 'ę'][i % 4]);
        words.push(capitalize(&changed));
        words.push(changed);
        if i % (step * 7) == 0 {
            words.push(format!("{}'a", capitalize(key)));
            words.push(format!("{}-owi", key.to_uppercase()));
        }
    }
    let mut stream = m.blob.exact.stream();
    while let Some((key, _)) = stream.next() {
        if let Ok(key) = std::str::from_utf8(key) {
            words.push(key.to_string());
        }
    }
    for w in [
        "",
        " ",
        "-",
        "'",
        "’",
        "ß",
        "İ",
        "\u{301}",
        "a\u{0}b",
        "ŁÓDŹ",
        "x'ów",
        "123",
        "Krakowie",
        "KRAKOWIE",
        "kRAKOWIE",
        "PiS-u",
        "Farage'a",
        "NATO",
        "Nisar",
        "Miszalskiego",
        "się",
        "Ǆemal",
        "ΣΟΦΙΑΣ",
        "Σοφίας",
        "İstanbul",
        "Straße",
        "ŻÓŁW",
        "Żółw",
        "żółw",
        "łódź",
        "Łódź",
        "nieprawdopodobieństwami",
        "Nieprawdopodobieństwami",
        "NIEPRAWDOPODOBIEŃSTWAMI",
        "a-b-c",
        "3D",
        "x1",
        "ÀÉÎ",
        "àéî",
        "Ⓐbc",
        "ªbc",
        "中文",
        "wielkiej",
        "Wielkiej",
    ] {
        words.push(w.to_string());
    }
    let long = "Konstantynopolitańczykowianeczkami".repeat(3);
    words.push(long.to_lowercase());
    words.push(long);
    words
}

#[test]
fn analyze_into_agrees_with_the_oracle() {
    let m = Morphology::embedded();
    let words = sample_words();
    assert!(words.len() > 1000);
    let mut buf = Vec::new();
    // Twice, so that the second round goes through the look-up cache; the
    // buffer is reused throughout, as in a loop over a text. Each word also
    // comes twice in a row in the first round, the second time surely from
    // the cache (when its key is short enough).
    for round in 0..2 {
        for w in &words {
            m.analyze_into(w, &mut buf);
            let expected = analyze(m, w);
            assert!(
                buf == expected,
                "{w:?} (round {round})\n{buf:?}\n{expected:?}"
            );
            if round == 0 {
                m.analyze_into(w, &mut buf);
                assert!(buf == expected, "{w:?} (again)\n{buf:?}\n{expected:?}");
            }
        }
    }
}

#[test]
fn analyze_compact_into_agrees_with_the_oracle() {
    let m = Morphology::embedded();
    let mut buf = Vec::new();
    for round in 0..2 {
        for w in &sample_words() {
            m.analyze_compact_into(w, &mut buf);
            let expected = analyze_compact(m, w);
            assert!(
                buf == expected,
                "{w:?} (round {round})\n{buf:?}\n{expected:?}"
            );
            if round == 0 {
                m.analyze_compact_into(w, &mut buf);
                assert!(buf == expected, "{w:?} (again)\n{buf:?}\n{expected:?}");
            }
        }
    }
}
