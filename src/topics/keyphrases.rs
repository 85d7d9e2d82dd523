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
//! `W(u) = ln(1 + tf') · (1 + spread) · (1 + 1/(1 + first)) · case · prior`
//!
//! where `tf'` counts the unit's occurrences, one in the headline as 3 and
//! one in the lead (the next two sentences) as 2; `spread` is the share of
//! sentences holding it; `first` is the index of the first sentence holding
//! it (the headline is 0); `case` is 1.3 for names, 1 otherwise; `prior` is
//! 0.3 for backdrop names (entities of subtype country, continent, region,
//! state, capital or international organization: the setting of a story
//! more often than its subject), 2 for named events (EVT), 1 otherwise.
//! A candidate scores `ln(1 + tf'_c) · mean W · length · headline`, with
//! `length` 1 for one unit, 1.1 for two, 0.9 for three, and `headline` 1.3
//! when the candidate itself appears in the first sentence.
//!
//! # Near-duplicates
//!
//! Best first, a candidate whose set of unit keys contains, or is contained
//! in, that of a better candidate is dropped (`miasto Kraków` after
//! `Kraków`). The result is deterministic: ties go to the earlier candidate.

use super::words::{self, WordPos};
use super::{FastMap, WordTok};
use crate::model::{Entity, Keyphrase};
use std::borrow::Cow;

/// One unit of the text: a name entity, a name run or a content word.
#[derive(Debug, Clone)]
struct Unit<'a> {
    /// Interned matching key.
    key: u32,
    /// Sentence index.
    sentence: usize,
    /// First and last token indices.
    first_token: usize,
    last_token: usize,
    /// The unit's normalized form for the lemma of a phrase.
    lemma: Cow<'a, str>,
    /// The unit's surface text.
    surface: Cow<'a, str>,
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

/// Interns matching keys as small integers.
#[derive(Debug, Default)]
struct Interner<'a> {
    ids: FastMap<Cow<'a, str>, u32>,
    keys: Vec<Cow<'a, str>>,
    /// Ids by the address of a shared word analysis (equal forms share one).
    by_form: FastMap<usize, u32>,
}

impl<'a> Interner<'a> {
    fn with_capacity(n: usize) -> Self {
        let mut i = Interner::default();
        i.ids.reserve(n);
        i.keys.reserve(n);
        i.by_form.reserve(n);
        i
    }

    fn id_of_form(&mut self, info: &'a std::sync::Arc<super::words::Analyzed>) -> u32 {
        let addr = std::sync::Arc::as_ptr(info) as usize;
        if let Some(&id) = self.by_form.get(&addr) {
            return id;
        }
        let id = self.id(Cow::Borrowed(&info.key));
        self.by_form.insert(addr, id);
        id
    }

    fn id(&mut self, key: Cow<'a, str>) -> u32 {
        if let Some(&id) = self.ids.get(key.as_ref()) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        id
    }
}

#[derive(Debug, Default, Clone)]
struct UnitStats {
    tf: usize,
    wtf: f32,
    sentences: usize,
    last_sentence: Option<usize>,
    first: usize,
    name: bool,
    prior: f32,
}

/// At most three unit keys; unused slots are `u32::MAX`.
type CandKey = [u32; 3];

#[derive(Debug)]
struct Cand {
    order: usize,
    key: CandKey,
    len: usize,
    wtf: f32,
    headline: bool,
    /// Start index (in the unit list) of the first occurrence.
    first: u32,
}

impl Cand {
    fn keys(&self) -> &[u32] {
        &self.key[..self.len]
    }
}

/// The most frequent string, ties to the first seen.
fn most_frequent(values: impl Iterator<Item = String>) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(c, _)| *c == v) {
            Some(e) => e.1 += 1,
            None => counts.push((v, 1)),
        }
    }
    let mut best: Option<(String, usize)> = None;
    for e in counts {
        if best.as_ref().is_none_or(|b| e.1 > b.1) {
            best = Some(e);
        }
    }
    best.map(|b| b.0).unwrap_or_default()
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
    let mut interner = Interner::with_capacity(words.len());
    let units = units(words, entities, &mut interner);
    // Unit statistics.
    let mut stats: Vec<UnitStats> = vec![UnitStats::default(); interner.keys.len()];
    for u in &units {
        let s = &mut stats[u.key as usize];
        if s.tf == 0 {
            s.prior = u.prior;
            s.first = u.sentence;
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
    let weight: Vec<f32> = stats
        .iter()
        .map(|s| {
            let spread = s.sentences as f32 / n;
            let case = if s.name { NAME_BOOST } else { 1.0 };
            (1.0 + s.wtf).ln()
                * (1.0 + spread)
                * (1.0 + POSITION / (1.0 + s.first as f32))
                * case
                * s.prior
        })
        .collect();

    // Candidates: stretches of 1..=3 adjacent units holding a noun or name.
    let mut cands: Vec<Cand> = Vec::with_capacity(units.len() * 2);
    let mut index: FastMap<CandKey, usize> = FastMap::default();
    index.reserve(units.len() * 2);
    let mut start = 0;
    while start < units.len() {
        let mut end = start + 1;
        while end < units.len()
            && units[end].sentence == units[start].sentence
            && units[end].first_token == units[end - 1].last_token + 1
        {
            end += 1;
        }
        for i in start..end {
            for len in 1..=3.min(end - i) {
                let stretch = &units[i..i + len];
                let next = (i + len < end).then(|| &units[i + len]);
                if !acceptable(stretch, next) {
                    continue;
                }
                let mut key = [u32::MAX; 3];
                for (slot, u) in key.iter_mut().zip(stretch) {
                    *slot = u.key;
                }
                let ci = *index.entry(key).or_insert_with(|| {
                    cands.push(Cand {
                        order: cands.len(),
                        key,
                        len,
                        wtf: 0.0,
                        headline: false,
                        first: i as u32,
                    });
                    cands.len() - 1
                });
                let c = &mut cands[ci];
                c.wtf += occurrence_weight(stretch[0].sentence);
                c.headline |= stretch[0].sentence == 0;
            }
        }
        start = end;
    }

    let mut scored: Vec<(f32, &Cand)> = cands
        .iter()
        .map(|c| {
            let mean_w: f32 =
                c.keys().iter().map(|&k| weight[k as usize]).sum::<f32>() / c.len as f32;
            let length = match c.len {
                1 => 1.0,
                2 => LEN2,
                _ => LEN3,
            };
            let headline = if c.headline { HEADLINE_CAND } else { 1.0 };
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
            c.keys().iter().all(|k| d.keys().contains(k))
                || d.keys().iter().all(|k| c.keys().contains(k))
        });
        if !dup {
            chosen.push((score, c));
        }
    }
    chosen
        .into_iter()
        .map(|(score, c)| {
            // Every occurrence: the stretches with the same keys.
            let stretches = || {
                (c.first as usize..units.len().saturating_sub(c.len - 1))
                    .map(|i| &units[i..i + c.len])
                    .filter(|s| {
                        s.iter().map(|u| u.key).eq(c.keys().iter().copied())
                            && s.windows(2).all(|w| {
                                w[0].sentence == w[1].sentence
                                    && w[1].first_token == w[0].last_token + 1
                            })
                    })
            };
            Keyphrase {
                text: most_frequent(stretches().map(|s| {
                    s.iter()
                        .map(|u| u.surface.as_ref())
                        .collect::<Vec<_>>()
                        .join(" ")
                })),
                lemma: {
                    // One lemmatization per distinct surface sequence.
                    let mut seen: Vec<(Vec<&str>, String)> = Vec::new();
                    most_frequent(stretches().map(|s| {
                        let surf: Vec<&str> = s.iter().map(|u| u.surface.as_ref()).collect();
                        if let Some((_, l)) = seen.iter().find(|(k, _)| *k == surf) {
                            return l.clone();
                        }
                        let l = phrase_lemma(s);
                        seen.push((surf, l.clone()));
                        l
                    }))
                },
                score,
            }
        })
        .collect()
}

/// A stretch is a candidate when it is a noun phrase: it holds a noun or a
/// name; every noun after the first is a genitive complement or a name
/// (`budowa gazociągu`, not `rząd kraj`); two names never stand side by side
/// (`Londyn Bruksela` is two things); and it does not end in an adjective
/// that belongs to the noun right after it (`budowa nowego` in `budowa
/// nowego gazociągu`).
fn acceptable(stretch: &[Unit<'_>], next: Option<&Unit<'_>>) -> bool {
    let is_noun = |u: &Unit<'_>| u.name || u.pos == WordPos::Noun;
    let Some(head) = stretch.iter().position(is_noun) else {
        return false;
    };
    if stretch.len() == 1 {
        return true;
    }
    if stretch.windows(2).any(|w| w[0].name && w[1].name) {
        return false;
    }
    if stretch[head + 1..]
        .iter()
        .any(|u| u.pos == WordPos::Noun && !u.name && !u.genitive)
    {
        return false;
    }
    let last = &stretch[stretch.len() - 1];
    !(last.pos == WordPos::Adj && next.is_some_and(is_noun))
}

/// The lemma of a stretch, following the module's convention: a single
/// unit keeps its own lemma; a phrase goes through the morphology's phrase
/// lemmatizer (head and agreeing adjectives to the nominative, genitive
/// complements as they are).
fn phrase_lemma(stretch: &[Unit<'_>]) -> String {
    if let [u] = stretch {
        return u.lemma.to_string();
    }
    let words: Vec<&str> = stretch
        .iter()
        .flat_map(|u| u.surface.split_whitespace())
        .collect();
    words::phrase_lemma(&words, stretch[0].name)
}

/// Cuts the word tokens into units (see the module documentation).
fn units<'a>(
    words: &'a [WordTok<'a>],
    entities: &'a [Entity],
    interner: &mut Interner<'a>,
) -> Vec<Unit<'a>> {
    // A capitalized word is a name when its key is seen capitalized inside a
    // sentence and never in lower case.
    let ids: Vec<u32> = words.iter().map(|w| interner.id_of_form(&w.info)).collect();
    let mut seen: Vec<(bool, bool)> = vec![(true, false); interner.keys.len()];
    for (w, &id) in words.iter().zip(&ids) {
        let e = &mut seen[id as usize];
        e.0 &= w.cap;
        e.1 |= w.cap_inside;
    }
    // A name run starts with a noun (or a known proper name) and may go on
    // with adjectives (`Sąd Najwyższy`).
    let is_name_word = |i: usize, start: bool| {
        let w = &words[i];
        let info = &w.info.info;
        let (always, inside) = seen[ids[i] as usize];
        let pos_ok = info.proper || info.pos == WordPos::Noun || !start && info.pos == WordPos::Adj;
        w.cap
            && !w.info.stop
            && always
            && (inside || info.proper)
            && pos_ok
            && w.text.chars().count() > 1
    };
    let mut entity_ids: FastMap<&'a str, Option<u32>> = FastMap::default();

    let mut out: Vec<Unit<'a>> = Vec::with_capacity(words.len());
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
            let id = match entity_ids.get(e.lemma.as_str()) {
                Some(&id) => id,
                None => {
                    let key = e
                        .lemma
                        .split_whitespace()
                        .map(words::stem)
                        .collect::<Vec<_>>()
                        .join("_");
                    let ok = !key.is_empty() && !words::is_stopword(&e.lemma.to_lowercase());
                    let id = ok.then(|| interner.id(Cow::Owned(key)));
                    entity_ids.insert(&e.lemma, id);
                    id
                }
            };
            if let Some(id) = id {
                out.push(Unit {
                    key: id,
                    sentence: w.sentence,
                    first_token: w.token,
                    last_token: last.token,
                    lemma: Cow::Borrowed(&e.lemma),
                    surface: Cow::Borrowed(&e.text),
                    name: true,
                    pos: WordPos::Noun,
                    genitive: false,
                    prior: backdrop_prior(e),
                });
            }
            i = j;
            continue;
        }
        if is_name_word(i, true) {
            let mut j = i + 1;
            while j < words.len()
                && words[j].entity.is_none()
                && words[j].sentence == w.sentence
                && words[j].token == words[j - 1].token + 1
                && is_name_word(j, false)
            {
                j += 1;
            }
            let run = &words[i..j];
            let id = if run.len() == 1 {
                ids[i]
            } else {
                let key = run
                    .iter()
                    .map(|w| &*w.info.key)
                    .collect::<Vec<_>>()
                    .join("_");
                interner.id(Cow::Owned(key))
            };
            let texts: Vec<&str> = run.iter().map(|w| w.text).collect();
            out.push(Unit {
                key: id,
                sentence: w.sentence,
                first_token: w.token,
                last_token: run[run.len() - 1].token,
                lemma: Cow::Owned(words::name_lemma(&texts, run[0].info.info.first_name)),
                surface: if texts.len() == 1 {
                    Cow::Borrowed(texts[0])
                } else {
                    Cow::Owned(texts.join(" "))
                },
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
                key: ids[i],
                sentence: w.sentence,
                first_token: w.token,
                last_token: w.token,
                lemma: Cow::Borrowed(&w.info.info.lemma),
                surface: Cow::Borrowed(w.text),
                name: false,
                pos: w.info.info.pos,
                genitive: w.info.info.genitive,
                prior: 1.0,
            });
        }
        i += 1;
    }
    merge_name_variants(&mut out, interner);
    out
}

/// Makes the mentions of one name share a key and lemma: inflected variants
/// of a multi-word name (`Asi Bibi`, `Asię Bibi` → the most frequent) and a
/// lone last word of it (`Bibi`, `Kowalski` after `Jan Kowalski`) when only
/// one multi-word name ends in it.
fn merge_name_variants(units: &mut [Unit<'_>], interner: &mut Interner<'_>) {
    struct Variant<'u> {
        key: u32,
        lemma: &'u str,
        count: usize,
    }
    // Multi-word name keys, grouped by last word key.
    let mut by_last: Vec<(u32, Vec<Variant<'_>>)> = Vec::new();
    let mut multi = false;
    for u in units.iter().filter(|u| u.name) {
        let key = &interner.keys[u.key as usize];
        let Some((_, last)) = key.rsplit_once('_') else {
            continue;
        };
        multi = true;
        let last = match interner.ids.get(last) {
            Some(&id) => id,
            None => u32::MAX - 1 - by_last.len() as u32,
        };
        let gi = match by_last.iter().position(|(l, _)| *l == last) {
            Some(gi) => gi,
            None => {
                by_last.push((last, Vec::new()));
                by_last.len() - 1
            }
        };
        let group = &mut by_last[gi].1;
        match group.iter_mut().find(|v| v.key == u.key) {
            Some(v) => v.count += 1,
            None => group.push(Variant {
                key: u.key,
                lemma: &u.lemma,
                count: 1,
            }),
        }
    }
    if !multi {
        return;
    }
    let prefix = |k: u32| -> Vec<String> {
        interner.keys[k as usize]
            .split('_')
            .map(|w| w.chars().take(3).collect::<String>())
            .collect()
    };
    // key -> (canonical key, lemma)
    let mut canon: FastMap<u32, (u32, String)> = FastMap::default();
    for (last, group) in &by_last {
        // Clusters of variants that agree on every word's first letters.
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for (i, v) in group.iter().enumerate() {
            let p = prefix(v.key);
            match clusters.iter_mut().find(|c| prefix(group[c[0]].key) == p) {
                Some(c) => c.push(i),
                None => clusters.push(vec![i]),
            }
        }
        for c in &clusters {
            let best = c.iter().copied().fold(c[0], |b, i| {
                if group[i].count > group[b].count {
                    i
                } else {
                    b
                }
            });
            for &i in c {
                canon.insert(
                    group[i].key,
                    (group[best].key, group[best].lemma.to_string()),
                );
            }
        }
        if clusters.len() == 1 && (*last as usize) < interner.keys.len() {
            let best = canon[&group[clusters[0][0]].key].clone();
            canon.insert(*last, best);
        }
    }
    for u in units.iter_mut().filter(|u| u.name) {
        if let Some((key, lemma)) = canon.get(&u.key) {
            u.key = *key;
            u.lemma = Cow::Owned(lemma.clone());
        }
    }
}

/// Countries, continents and international organizations are usually the
/// backdrop of a story rather than its subject: their weight is lowered.
fn backdrop_prior(e: &Entity) -> f32 {
    if e.label == crate::model::Label::Evt {
        return EVENT;
    }
    match e.subtype.as_deref() {
        Some("country" | "continent" | "international" | "state" | "region") => BACKDROP,
        Some("capital") => BACKDROP,
        _ => 1.0,
    }
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

/// Weight of a headline occurrence (as this many body occurrences).
const HEADLINE_OCC: f32 = 3.0;
/// Weight of an occurrence in the lead (sentences 1 and 2).
const LEAD_OCC: f32 = 2.0;
/// Names (entities, capitalized runs) weigh this much more than common words.
const NAME_BOOST: f32 = 1.3;
/// Prior of backdrop names: countries, continents, international bodies.
const BACKDROP: f32 = 0.3;
/// Prior of named events (EVT): what a news story is usually about.
const EVENT: f32 = 2.0;
/// Position weight: `1 + POSITION / (1 + first sentence)`.
const POSITION: f32 = 1.0;
/// Length factors for two- and three-unit phrases.
const LEN2: f32 = 1.1;
const LEN3: f32 = 0.9;
/// Factor for a candidate that itself appears in the headline.
const HEADLINE_CAND: f32 = 1.3;
