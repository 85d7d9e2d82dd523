//! Keyphrases: the noun phrases and names that say what a document is about.
//!
//! # Candidates
//!
//! The text is cut into *units*: a name entity (PER, ORG, LOC, EVT, PRO) is
//! one unit whose lemma is the entity's; a run of capitalized words that are
//! names rather than sentence-initial capitals is one unit (`Nord Stream`);
//! any other noun or adjective that is not a stopword is a unit of its own.
//! Adjacent units of one sentence form runs, and every stretch of one to
//! three units of a run that holds a noun or a name is a candidate: from
//! `budowy gazociągu Nord Stream` come `budowa`, `gazociąg`, `Nord Stream`,
//! `budowa gazociągu`, `gazociąg Nord Stream`, …
//!
//! # Lemmas
//!
//! Occurrences are grouped by the matching keys of their units' lemmas, so
//! `funduszy unijnych` and `fundusze unijne` are one candidate. The
//! candidate's `lemma` follows the convention of [`super`]: the phrase in the
//! nominative (head noun and agreeing adjectives in the nominative, a
//! genitive complement as it stands, common nouns lower-cased, names as
//! names); its `text` is its most frequent surface form.
//!
//! # Scoring
//!
//! Each unit gets a weight from its own statistics, in the spirit of YAKE
//! (which looks at frequency, position, spread and casing), but higher is
//! better and everything is over lemmas:
//!
//! `W(u) = ln(1 + tf) · (1 + spread) · (1 + 1/(1 + first)) · case`
//!
//! where `tf` counts the unit's occurrences, `spread` is the share of
//! sentences holding it, `first` is the index of the first sentence holding
//! it (the headline is 0) and `case` is 1.5 for names, 1 otherwise. A
//! candidate scores `ln(1 + tf_c) · mean W · length · headline`, with
//! `length` 1 for one unit, 0.9 for two, 0.7 for three, and `headline` 1.3
//! when the candidate itself appears in the first sentence.
//!
//! # Near-duplicates
//!
//! Best first, a candidate whose set of unit keys contains, or is contained
//! in, that of a better candidate is dropped (`miasto Kraków` after
//! `Kraków`). The result is deterministic: ties go to the earlier candidate.

use super::WordTok;
use super::words::{self, WordPos};
use crate::model::{Entity, Keyphrase};
use std::collections::HashMap;

/// One unit of the text: a name entity, a name run or a content word.
#[derive(Debug, Clone)]
struct Unit {
    /// Matching key.
    key: String,
    /// Sentence index.
    sentence: usize,
    /// First and last token indices (inclusive end = `last`).
    first_token: usize,
    last_token: usize,
    /// The unit's normalized form for the lemma of a phrase.
    lemma: String,
    /// The unit's surface text.
    surface: String,
    /// A name (entity or capitalized run).
    name: bool,
    /// Part of speech (names count as nouns).
    pos: WordPos,
    /// Genitive (for a common noun following the head).
    genitive: bool,
    /// How topical the unit can be: below 1 for backdrop names (countries,
    /// continents, international organizations).
    prior: f32,
}

#[derive(Debug, Default)]
struct UnitStats {
    tf: usize,
    wtf: f32,
    sentences: usize,
    last_sentence: Option<usize>,
    first: usize,
    name: bool,
    prior: f32,
}

#[derive(Debug)]
struct Cand {
    order: usize,
    keys: Vec<String>,
    tf: usize,
    wtf: f32,
    headline: bool,
    lemmas: Vec<(String, usize)>,
    surfaces: Vec<(String, usize)>,
}

fn bump(list: &mut Vec<(String, usize)>, value: String) {
    match list.iter_mut().find(|(v, _)| *v == value) {
        Some(e) => e.1 += 1,
        None => list.push((value, 1)),
    }
}

fn most_frequent(list: &[(String, usize)]) -> &str {
    let mut best: Option<&(String, usize)> = None;
    for e in list {
        if best.is_none_or(|b| e.1 > b.1) {
            best = Some(e);
        }
    }
    best.map(|b| b.0.as_str()).unwrap_or("")
}

/// Extracts the `k` best keyphrases.
pub(crate) fn extract(
    words: &[WordTok<'_>],
    entities: &[Entity],
    n_sentences: usize,
    k: usize,
) -> Vec<Keyphrase> {
    if k == 0 || words.is_empty() {
        return Vec::new();
    }
    let units = units(words, entities);
    // Unit statistics.
    let mut stats: HashMap<&str, UnitStats> = HashMap::new();
    for u in &units {
        let s = stats.entry(u.key.as_str()).or_insert_with(|| UnitStats {
            first: u.sentence,
            ..Default::default()
        });
        if s.tf == 0 {
            s.prior = u.prior;
        }
        s.prior = s.prior.min(u.prior);
        s.tf += 1;
        s.wtf += occurrence_weight(u.sentence);
        s.name |= u.name;
        if s.last_sentence != Some(u.sentence) {
            s.sentences += 1;
            s.last_sentence = Some(u.sentence);
        }
    }
    let n = n_sentences.max(1) as f32;
    let weight: HashMap<&str, f32> = stats
        .iter()
        .map(|(k, s)| {
            let spread = s.sentences as f32 / n;
            let case = if s.name { NAME_BOOST } else { 1.0 };
            let w = (1.0 + s.wtf).ln()
                * (1.0 + spread)
                * (1.0 + POSITION / (1.0 + s.first as f32))
                * case
                * s.prior;
            (*k, w)
        })
        .collect();

    // Candidates: stretches of 1..=3 adjacent units holding a noun or name.
    let mut cands: Vec<Cand> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut start = 0;
    while start < units.len() {
        let mut end = start + 1;
        while end < units.len()
            && units[end].sentence == units[start].sentence
            && units[end].first_token == units[end - 1].last_token + 1
        {
            end += 1;
        }
        let run = &units[start..end];
        for i in 0..run.len() {
            for len in 1..=3.min(run.len() - i) {
                let stretch = &run[i..i + len];
                if !acceptable(stretch) {
                    continue;
                }
                let joined: String = stretch
                    .iter()
                    .map(|u| u.key.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let ci = *index.entry(joined).or_insert_with(|| {
                    cands.push(Cand {
                        order: cands.len(),
                        keys: stretch.iter().map(|u| u.key.clone()).collect(),
                        tf: 0,
                        wtf: 0.0,
                        headline: false,
                        lemmas: Vec::new(),
                        surfaces: Vec::new(),
                    });
                    cands.len() - 1
                });
                let c = &mut cands[ci];
                c.tf += 1;
                c.wtf += occurrence_weight(stretch[0].sentence);
                c.headline |= stretch[0].sentence == 0;
                bump(&mut c.lemmas, phrase_lemma(stretch));
                bump(
                    &mut c.surfaces,
                    stretch
                        .iter()
                        .map(|u| u.surface.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
        start = end;
    }

    let mut scored: Vec<(f32, &Cand)> = cands
        .iter()
        .map(|c| {
            let mean_w: f32 =
                c.keys.iter().map(|k| weight[k.as_str()]).sum::<f32>() / c.keys.len() as f32;
            let length = match c.keys.len() {
                1 => 1.0,
                2 => 0.9,
                _ => 0.7,
            };
            let headline = if c.headline { 1.3 } else { 1.0 };
            let score = (1.0 + c.wtf).ln() * mean_w * length * headline;
            (score, c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.order.cmp(&b.1.order)));

    let mut chosen: Vec<(f32, &Cand)> = Vec::new();
    for (score, c) in scored {
        if chosen.len() >= k {
            break;
        }
        let dup = chosen.iter().any(|(_, d)| {
            c.keys.iter().all(|k| d.keys.contains(k)) || d.keys.iter().all(|k| c.keys.contains(k))
        });
        if !dup {
            chosen.push((score, c));
        }
    }
    chosen
        .into_iter()
        .map(|(score, c)| Keyphrase {
            text: most_frequent(&c.surfaces).to_string(),
            lemma: most_frequent(&c.lemmas).to_string(),
            score,
        })
        .collect()
}

/// A stretch is a candidate when it holds a noun or a name, does not end in
/// a lone adjective before … (adjectives may precede or follow the noun), and
/// does not put two names side by side without a common word.
fn acceptable(stretch: &[Unit]) -> bool {
    let has_head = stretch.iter().any(|u| u.name || u.pos == WordPos::Noun);
    if !has_head {
        return false;
    }
    if stretch.len() == 1 {
        return true;
    }
    // Two names side by side are usually two things (`Londyn Bruksela`).
    if stretch.windows(2).any(|w| w[0].name && w[1].name) {
        return false;
    }
    // A phrase does not start with a genitive noun that hangs off an outer
    // head, nor end in an adjective that belongs to the next phrase.
    true
}

/// The lemma of a stretch, following the module's convention.
fn phrase_lemma(stretch: &[Unit]) -> String {
    // Head: the first noun or name; adjectives before it and agreeing ones
    // right after it take their lemma, genitive complements stay as they are.
    let head = stretch
        .iter()
        .position(|u| u.name || u.pos == WordPos::Noun)
        .unwrap_or(0);
    let mut out = String::new();
    let mut complement = false;
    for (i, u) in stretch.iter().enumerate() {
        if !out.is_empty() {
            out.push(' ');
        }
        if i > head && (u.genitive && u.pos == WordPos::Noun || u.name) {
            complement = true;
        }
        if complement || i > head && u.genitive {
            out.push_str(&if u.name {
                u.surface.clone()
            } else {
                u.surface.to_lowercase()
            });
        } else {
            out.push_str(&u.lemma);
        }
    }
    out
}

/// Cuts the word tokens into units (see the module documentation).
fn units(words: &[WordTok<'_>], entities: &[Entity]) -> Vec<Unit> {
    // A capitalized word is a name when its key is seen capitalized inside a
    // sentence and never in lower case.
    let mut cap_inside: HashMap<&str, bool> = HashMap::new();
    for w in words {
        let e = cap_inside.entry(&w.key).or_insert(true);
        if !w.cap {
            *e = false;
        }
    }
    let mut seen_inside: HashMap<&str, bool> = HashMap::new();
    for w in words {
        if w.cap_inside {
            seen_inside.insert(&w.key, true);
        }
    }
    let is_name_word = |w: &WordTok<'_>| {
        w.cap
            && !w.stop
            && cap_inside.get(&*w.key).copied().unwrap_or(false)
            && (w.cap_inside || seen_inside.contains_key(&*w.key))
            && w.text.chars().count() > 1
    };

    let mut out: Vec<Unit> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if let Some(ei) = w.entity {
            // The whole entity is one unit.
            let mut j = i + 1;
            while j < words.len() && words[j].entity == Some(ei) {
                j += 1;
            }
            let e = &entities[ei];
            let last = &words[j - 1];
            let key = e
                .lemma
                .split_whitespace()
                .map(words::stem)
                .collect::<Vec<_>>()
                .join("_");
            if !key.is_empty() && !words::is_stopword(&e.lemma.to_lowercase()) {
                out.push(Unit {
                    key,
                    sentence: w.sentence,
                    first_token: w.token,
                    last_token: last.token,
                    lemma: e.lemma.clone(),
                    surface: e.text.clone(),
                    name: true,
                    pos: WordPos::Noun,
                    genitive: false,
                    prior: backdrop_prior(e),
                });
            }
            i = j;
            continue;
        }
        if is_name_word(w) {
            let mut j = i + 1;
            while j < words.len()
                && words[j].entity.is_none()
                && words[j].sentence == w.sentence
                && words[j].token == words[j - 1].token + 1
                && is_name_word(&words[j])
            {
                j += 1;
            }
            let run = &words[i..j];
            let key = run.iter().map(|w| &*w.key).collect::<Vec<_>>().join("_");
            let surface = run.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
            out.push(Unit {
                key,
                sentence: w.sentence,
                first_token: w.token,
                last_token: run[run.len() - 1].token,
                lemma: name_lemma(run),
                surface,
                name: true,
                pos: WordPos::Noun,
                genitive: false,
                prior: 1.0,
            });
            i = j;
            continue;
        }
        if w.is_content() {
            out.push(Unit {
                key: w.key.to_string(),
                sentence: w.sentence,
                first_token: w.token,
                last_token: w.token,
                lemma: w.info.lemma.clone(),
                surface: w.text.to_string(),
                name: false,
                pos: w.info.pos,
                genitive: w.info.genitive,
                prior: 1.0,
            });
        }
        i += 1;
    }
    out
}

/// Countries, continents and international organizations are usually the
/// backdrop of a story rather than its subject: their weight is lowered.
fn backdrop_prior(e: &Entity) -> f32 {
    match e.subtype.as_deref() {
        Some("country" | "continent" | "international" | "state" | "region") => BACKDROP,
        Some("capital") => BACKDROP,
        _ => 1.0,
    }
}

/// The lemma of a run of capitalized name words.
fn name_lemma(run: &[WordTok<'_>]) -> String {
    words::name_lemma(&run.iter().map(|w| w.text).collect::<Vec<_>>())
}

/// An occurrence in the headline counts as `HEADLINE_OCC` occurrences, one
/// in the lead as `LEAD_OCC`.
fn occurrence_weight(sentence: usize) -> f32 {
    match sentence {
        0 => HEADLINE_OCC,
        1 | 2 => LEAD_OCC,
        _ => 1.0,
    }
}

const HEADLINE_OCC: f32 = 3.0;
const LEAD_OCC: f32 = 2.0;
const NAME_BOOST: f32 = 1.0;
const BACKDROP: f32 = 0.5;
const POSITION: f32 = 1.0;
