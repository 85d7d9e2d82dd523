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

use super::ln_1p_count;
use super::words::{self, WordPos};
use super::{NO_ENTITY, Word};
use crate::model::{Entity, Keyphrase, Token};
use crate::pipeline::KEPT_TOKENS;
use crate::resolve::total_order_bits;
use std::borrow::Cow;

/// One unit of the text: a name entity, a name run or a content word.
///
/// Its surface and lemma are not stored but read from where the unit comes
/// from ([`Units::surface`], [`Units::lemma`]) for the few units that end up
/// in a keyphrase.
#[derive(Debug, Clone, Copy)]
struct Unit {
    /// Interned matching key.
    key: u32,
    /// Sentence index.
    sentence: u32,
    /// First and last token indices.
    first_token: u32,
    last_token: u32,
    /// What the unit is made of.
    origin: Origin,
    /// The unit whose lemma this one shows: itself, or the canonical
    /// variant of its name (see [`merge_name_variants`]).
    lemma_of: u32,
    /// A name (entity or capitalized run).
    name: bool,
    /// A name of several words (its key joins their keys with `_`).
    multi: bool,
    /// Part of speech (names count as nouns).
    pos: WordPos,
    /// Genitive (for a common noun following the head).
    genitive: bool,
    /// How topical the unit can be: below 1 for backdrop names (countries,
    /// continents, international organizations).
    prior: f32,
}

/// What a unit is made of: an entity (index in the entity list), a run of
/// capitalized name words or a single word (indices in the word list).
#[derive(Debug, Clone, Copy)]
enum Origin {
    Entity(u32),
    Run { first: u32, end: u32 },
    Word(u32),
}

/// What the keyphrase stage reads of a document: its text, tokens, word
/// tokens (with their forms' records) and entities with their keys.
pub(crate) struct Document<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub words: &'a [Word],
    /// The [`words::key_hash`] of each word's form.
    pub hashes: &'a [u64],
    pub entities: &'a [Entity],
    /// The matching key of each entity (none for those that can't be units).
    pub entity_keys: &'a [Option<&'a words::EntityKey>],
    pub forms: &'a words::FormTable,
    /// By the document's key number: (all its words are capitalized, one of
    /// them is capitalized inside a sentence).
    pub seen: &'a [(bool, bool)],
}

impl<'a> Document<'a> {
    /// The normalized text of a word token.
    #[inline]
    fn word_text(&self, w: &Word) -> &'a str {
        self.tokens[w.token as usize].text(self.text)
    }

    /// The lemma and matching key of a word token's form.
    #[inline]
    fn strings(&self, w: &Word) -> &'a words::FormStrings {
        self.forms.strings(w.record)
    }
}

/// The units of a document with what their texts are read from.
struct Units<'d, 'a> {
    list: Vec<Unit>,
    doc: &'d Document<'a>,
}

impl<'a> Units<'_, 'a> {
    /// The unit's surface text (a run's words joined by single spaces).
    fn surface(&self, unit: &Unit) -> Cow<'a, str> {
        let doc = self.doc;
        match unit.origin {
            Origin::Entity(e) => Cow::Borrowed(&doc.entities[e as usize].text),
            Origin::Word(w) => Cow::Borrowed(doc.word_text(&doc.words[w as usize])),
            Origin::Run { first, end } => {
                let run = &doc.words[first as usize..end as usize];
                if let [w] = run {
                    return Cow::Borrowed(doc.word_text(w));
                }
                let mut text = String::new();
                for (n, w) in run.iter().enumerate() {
                    if n > 0 {
                        text.push(' ');
                    }
                    text.push_str(doc.word_text(w));
                }
                Cow::Owned(text)
            }
        }
    }

    /// [`words::key_hash`] of the unit's surface text: equal surfaces, equal
    /// hashes (a word's is the hash of its form, already at hand).
    fn surface_hash(&self, unit: &Unit) -> u64 {
        let doc = self.doc;
        match unit.origin {
            Origin::Entity(e) => words::key_hash(&doc.entities[e as usize].text),
            Origin::Word(w) => doc.hashes[w as usize],
            Origin::Run { first, end } if end == first + 1 => doc.hashes[first as usize],
            Origin::Run { .. } => words::key_hash(&self.surface(unit)),
        }
    }

    /// The unit's normalized form for the lemma of a phrase.
    fn lemma(&self, unit: &Unit) -> Cow<'a, str> {
        let doc = self.doc;
        let unit = &self.list[unit.lemma_of as usize];
        match unit.origin {
            Origin::Entity(e) => Cow::Borrowed(&doc.entities[e as usize].lemma),
            Origin::Word(w) => Cow::Borrowed(&doc.strings(&doc.words[w as usize]).lemma),
            Origin::Run { first, end } => {
                let run = &doc.words[first as usize..end as usize];
                let texts: Vec<&str> = run.iter().map(|w| doc.word_text(w)).collect();
                Cow::Owned(words::name_lemma(&texts, run[0].flags.first_name))
            }
        }
    }
}

/// The matching keys of one document, numbered 0, 1, 2, … in order of first
/// occurrence, so that the statistics of keys sit in plain vectors.
///
/// A key of the thread's [`words::FormTable`] (the key of a word form or of
/// an entity lemma) gets its document number through a vector indexed by
/// its table number, stamped with the document it was set in, so numbering
/// a word takes no hashing; other keys (those of runs of several name
/// words) are numbered by their hashes.
#[derive(Default)]
pub(crate) struct DocKeys {
    /// By table key number: (stamp of the document that set it, number).
    by_number: Vec<(u32, u32)>,
    /// This document's stamp (never 0, the stamp of no document).
    stamp: u32,
    /// Document numbers of the other keys, by hash: `extra_ids[id]`.
    extra: crate::hash::IdTable,
    extra_ids: Vec<u32>,
    /// Each numbered key: its table number, or [`OWN`] plus its index in `own`.
    list: Vec<u32>,
    /// The keys that are not the table's.
    own: Vec<Box<str>>,
}

/// Marks an entry of [`DocKeys::list`] that is not a table number.
const OWN: u32 = 1 << 31;

impl DocKeys {
    /// Starts a document whose table has `table_keys` keys so far.
    pub(crate) fn begin(&mut self, table_keys: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.by_number.clear();
            self.stamp = 1;
        }
        if self.by_number.len() < table_keys {
            self.by_number.resize(table_keys, (0, 0));
        }
        self.extra.reset(16);
        self.extra_ids.clear();
        if self.list.capacity() > KEPT_TOKENS {
            self.list = Vec::new();
        }
        self.list.clear();
        self.own.clear();
    }

    /// The document number of the table key numbered `number`, and whether
    /// it is new in the document.
    #[inline]
    pub(crate) fn id_of_number(&mut self, number: u32) -> (u32, bool) {
        let i = number as usize;
        if i >= self.by_number.len() {
            // (a form analyzed during this document brought a new key)
            self.by_number.resize((i + 1).next_power_of_two(), (0, 0));
        }
        let entry = &mut self.by_number[i];
        if entry.0 == self.stamp {
            return (entry.1, false);
        }
        let id = self.list.len() as u32;
        *entry = (self.stamp, id);
        self.list.push(number);
        (id, true)
    }

    /// The document number of `key`, given the first time it is seen.
    fn id_of_text(&mut self, forms: &words::FormTable, key: &str) -> u32 {
        if let Some(number) = forms.key_number(key) {
            return self.id_of_number(number).0;
        }
        let (i, new) = self.extra.id_or_insert(words::key_hash(key));
        if new {
            self.extra_ids.push(self.list.len() as u32);
            self.list.push(OWN | self.own.len() as u32);
            self.own.push(key.into());
        }
        self.extra_ids[i as usize]
    }

    /// The document number of `key`, if it has one.
    fn get(&self, forms: &words::FormTable, key: &str) -> Option<u32> {
        match forms.key_number(key) {
            Some(number) => self
                .by_number
                .get(number as usize)
                .filter(|e| e.0 == self.stamp)
                .map(|e| e.1),
            None => self
                .extra
                .get(words::key_hash(key))
                .map(|i| self.extra_ids[i as usize]),
        }
    }

    /// The key numbered `id` in the document.
    fn text<'s>(&'s self, forms: &'s words::FormTable, id: u32) -> &'s str {
        match self.list[id as usize] {
            entry if entry & OWN != 0 => &self.own[(entry & !OWN) as usize],
            number => forms.key_text(number),
        }
    }

    /// How many keys the document has numbered.
    fn len(&self) -> usize {
        self.list.len()
    }
}

#[derive(Debug, Clone, Copy)]
struct UnitStats {
    tf: u32,
    /// Occurrences weighted by [`occurrence_weight`].
    wtf: u32,
    sentences: u32,
    /// The last sentence counted in `sentences`.
    last_sentence: u32,
    first: u32,
    name: bool,
    prior: f32,
}

impl UnitStats {
    const NONE: UnitStats = UnitStats {
        tf: 0,
        wtf: 0,
        sentences: 0,
        last_sentence: u32::MAX,
        first: 0,
        name: false,
        prior: 0.0,
    };
}

/// At most three unit keys; unused slots are `u32::MAX`.
type CandKey = [u32; 3];

/// The hash a candidate of several units is known by.
#[inline]
fn cand_hash(key: &CandKey) -> u64 {
    use std::hash::BuildHasher;
    std::hash::BuildHasherDefault::<crate::hash::FastHasher>::default()
        .hash_one((key[0], key[1], key[2]))
}

#[derive(Debug)]
struct Cand {
    key: CandKey,
    /// Units (1 to 3).
    len: u8,
    /// Occurrences weighted by [`occurrence_weight`].
    wtf: u32,
    headline: bool,
    /// Start index (in the unit list) of the first accepted occurrence.
    first: u32,
}

impl Cand {
    fn keys(&self) -> &[u32] {
        &self.key[..self.len()]
    }

    fn len(&self) -> usize {
        self.len as usize
    }
}

/// The working vectors of [`extract`], kept by each thread from one
/// document to the next so that a document does not allocate them anew.
#[derive(Default)]
struct Scratch {
    units: Vec<Unit>,
    stats: Vec<UnitStats>,
    weight: Vec<f32>,
    cands: Vec<Cand>,
    single: Vec<u32>,
    multi: crate::hash::IdTable,
    multi_cand: Vec<u32>,
    next_same: Vec<u32>,
    last_seen: Vec<u32>,
    merge: MergeScratch,
    /// [`text_and_lemma`]'s distinct surface sequences and their hashes.
    distinct: Vec<(usize, usize)>,
    distinct_hashes: Vec<[u64; 3]>,
}

impl Scratch {
    fn trim(&mut self) {
        if self.units.capacity() > KEPT_TOKENS || self.cands.capacity() > KEPT_TOKENS {
            *self = Scratch::default();
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Extracts the `k` best keyphrases of a document whose words are numbered
/// in `keys`.
pub(crate) fn extract(
    doc: &Document<'_>,
    keys: &mut DocKeys,
    n_sentences: usize,
    k: usize,
) -> Vec<Keyphrase> {
    if k == 0 || doc.words.is_empty() {
        return Vec::new();
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.trim();
            extract_with(&mut scratch, doc, keys, n_sentences, k)
        }
        Err(_) => extract_with(&mut Scratch::default(), doc, keys, n_sentences, k),
    })
}

/// [`extract`] on the vectors of `scratch`.
fn extract_with(
    scratch: &mut Scratch,
    doc: &Document<'_>,
    keys: &mut DocKeys,
    n_sentences: usize,
    k: usize,
) -> Vec<Keyphrase> {
    let all = units(doc, keys, scratch);
    let units = &all.list;
    let n_keys = keys.len();
    unit_weights(units, n_keys, n_sentences, scratch);
    candidates(units, n_keys, scratch);
    let chosen = best(&scratch.cands, &scratch.weight, k);
    // For each unit, the next unit with the same key (u32::MAX: none).
    let next_same = &mut scratch.next_same;
    next_same.clear();
    next_same.resize(units.len(), u32::MAX);
    let last_seen = &mut scratch.last_seen;
    last_seen.clear();
    last_seen.resize(n_keys, u32::MAX);
    for (i, u) in units.iter().enumerate().rev() {
        next_same[i] = last_seen[u.key as usize];
        last_seen[u.key as usize] = i as u32;
    }
    let next_same = &scratch.next_same;
    let distinct = &mut scratch.distinct;
    let distinct_hashes = &mut scratch.distinct_hashes;
    let keyphrases = chosen
        .into_iter()
        .map(|(score, c)| {
            // Every occurrence from the first accepted one on: the
            // stretches of adjacent units with the same keys.
            let keys = c.keys();
            let chain = std::iter::successors(Some(c.first), |&i| {
                Some(next_same[i as usize]).filter(|&n| n != u32::MAX)
            });
            let starts = chain
                .map(|i| i as usize)
                .filter(|&i| i + c.len() <= units.len())
                .filter(|&i| {
                    let s = &units[i..i + c.len()];
                    s.iter().zip(keys).all(|(u, &k)| u.key == k)
                        && s.windows(2).all(|w| {
                            w[0].sentence == w[1].sentence
                                && w[1].first_token == w[0].last_token + 1
                        })
                });
            let (text, lemma) = text_and_lemma(&all, starts, c.len(), distinct, distinct_hashes);
            Keyphrase { text, lemma, score }
        })
        .collect();
    scratch.units = all.list;
    keyphrases
}

/// The weight `W` of every unit key (see the module documentation).
#[inline(never)]
fn unit_weights(units: &[Unit], n_keys: usize, n_sentences: usize, scratch: &mut Scratch) {
    // Unit statistics.
    let stats = &mut scratch.stats;
    stats.clear();
    stats.resize(n_keys, UnitStats::NONE);
    for u in units {
        let s = &mut stats[u.key as usize];
        if s.tf == 0 {
            s.prior = u.prior;
            s.first = u.sentence;
        }
        s.prior = s.prior.min(u.prior);
        s.tf += 1;
        s.wtf += occurrence_weight(u.sentence);
        s.name |= u.name;
        if s.last_sentence != u.sentence {
            s.sentences += 1;
            s.last_sentence = u.sentence;
        }
    }
    let n = n_sentences.max(1) as f32;
    scratch.weight.clear();
    scratch.weight.extend(stats.iter().map(|s| {
        if s.tf == 0 {
            // (a key of no unit, such as a stopword's, is in no candidate)
            return 0.0;
        }
        let spread = s.sentences as f32 / n;
        let case = if s.name { NAME_BOOST } else { 1.0 };
        ln_1p_count(s.wtf)
            * (1.0 + spread)
            * (1.0 + POSITION / (1.0 + s.first as f32))
            * case
            * s.prior
    }));
}

/// The candidates: stretches of 1..=3 adjacent units holding a noun or name,
/// each distinct sequence of keys once, in order of first occurrence.
///
/// The stretches from one unit are grown one unit at a time, testing only
/// what the new unit changes of the answer of `acceptable` (the rule's plain
/// statement, kept for the tests), and a stretch that
/// can no longer become acceptable ends the growth.
#[inline(never)]
fn candidates(units: &[Unit], n_keys: usize, scratch: &mut Scratch) {
    let cands = &mut scratch.cands;
    cands.clear();
    // candidates of one unit by key id; longer ones by the hash of their
    // keys (64 bits, as words and keys are told apart; see `words::key_hash`)
    let single = &mut scratch.single;
    single.clear();
    single.resize(n_keys, u32::MAX);
    let multi = &mut scratch.multi;
    // (in news text the distinct candidates of several units number about a
    // third of the units; the table grows should there be more)
    multi.reset(units.len() / 2);
    let multi_cand = &mut scratch.multi_cand;
    multi_cand.clear();
    let is_noun = |u: &Unit| u.name || u.pos == WordPos::Noun;
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
            let first = &run[i];
            let weight = occurrence_weight(first.sentence);
            let mut has_noun = false;
            let mut key = [u32::MAX; 3];
            for len in 1..=3.min(run.len() - i) {
                let u = &run[i + len - 1];
                key[len - 1] = u.key;
                if len > 1 {
                    // (once two names stand side by side, or a common noun
                    // that is no genitive complement follows the head, no
                    // longer stretch is acceptable either)
                    if run[i + len - 2].name && u.name
                        || has_noun && u.pos == WordPos::Noun && !u.name && !u.genitive
                    {
                        break;
                    }
                }
                has_noun |= is_noun(u);
                if !has_noun
                    || len > 1 && u.pos == WordPos::Adj && run.get(i + len).is_some_and(is_noun)
                {
                    continue;
                }
                let new = || Cand {
                    key,
                    // (1 to 3)
                    len: len as u8,
                    wtf: 0,
                    headline: false,
                    first: (start + i) as u32,
                };
                let ci = if len == 1 {
                    let slot = &mut single[u.key as usize];
                    if *slot == u32::MAX {
                        *slot = cands.len() as u32;
                        cands.push(new());
                    }
                    *slot as usize
                } else {
                    let (id, fresh) = multi.id_or_insert(cand_hash(&key));
                    if fresh {
                        multi_cand.push(cands.len() as u32);
                        cands.push(new());
                    }
                    multi_cand[id as usize] as usize
                };
                let c = &mut cands[ci];
                c.wtf += weight;
                c.headline |= first.sentence == 0;
            }
        }
        start = end;
    }
}

/// The `k` best candidates, near-duplicates dropped, best first.
#[inline(never)]
fn best<'c>(cands: &'c [Cand], weight: &[f32], k: usize) -> Vec<(f32, &'c Cand)> {
    // Each candidate as one integer that sorts best first: the score's
    // total order, inverted, above the candidate's index (its order of first
    // occurrence, the tie-breaker), so that sorting compares plain numbers.
    let mut scored: Vec<u64> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| ((u32::MAX - total_order_bits(score(c, weight))) as u64) << 32 | i as u64)
        .collect();
    // Sorting a selected head gives the same sequence as sorting everything;
    // the head leaves room for a few near-duplicates of the `k` best (when
    // they use it up, the rest is sorted too).
    let head = 2 * k + 8;
    if scored.len() > head {
        scored.select_nth_unstable(head);
        scored[..head].sort_unstable();
    } else {
        scored.sort_unstable();
    }

    let mut chosen: Vec<(f32, &Cand)> = Vec::with_capacity(k.min(scored.len()));
    for i in 0..scored.len() {
        if chosen.len() >= k {
            break;
        }
        if i == head {
            // the near-duplicates used up the head: order the rest too
            scored[head..].sort_unstable();
        }
        let c = &cands[scored[i] as u32 as usize];
        let dup = chosen.iter().any(|(_, d)| {
            c.keys().iter().all(|k| d.keys().contains(k))
                || d.keys().iter().all(|k| c.keys().contains(k))
        });
        if !dup {
            chosen.push((score(c, weight), c));
        }
    }
    chosen
}

/// The score of a candidate (see the module documentation).
#[inline]
fn score(c: &Cand, weight: &[f32]) -> f32 {
    let mean_w: f32 = c.keys().iter().map(|&k| weight[k as usize]).sum::<f32>() / c.len() as f32;
    let length = match c.len {
        1 => 1.0,
        2 => LEN2,
        _ => LEN3,
    };
    let headline = if c.headline { HEADLINE_CAND } else { 1.0 };
    ln_1p_count(c.wtf) * mean_w * length * headline
}

/// The `text` and `lemma` of a keyphrase from its occurrences (start units
/// of stretches of `len` units, in text order): the most frequent surface
/// sequence, and the most frequent lemma over the occurrences (each
/// distinct surface sequence is lemmatized once); ties go to the first seen.
#[inline(never)]
fn text_and_lemma(
    units: &Units<'_, '_>,
    starts: impl Iterator<Item = usize>,
    len: usize,
    distinct: &mut Vec<(usize, usize)>,
    hashes: &mut Vec<[u64; 3]>,
) -> (String, String) {
    let list = &units.list;
    let surfaces = |start: usize| list[start..start + len].iter().map(|u| units.surface(u));
    // Distinct surface sequences (by their first start) with their counts,
    // told apart by the hashes of their units' surfaces.
    distinct.clear();
    hashes.clear();
    for start in starts {
        let mut h = [0u64; 3];
        for (slot, u) in h.iter_mut().zip(&list[start..start + len]) {
            *slot = units.surface_hash(u);
        }
        match hashes.iter().position(|d| *d == h) {
            Some(i) => distinct[i].1 += 1,
            None => {
                distinct.push((start, 1));
                hashes.push(h);
            }
        }
    }
    let Some(&(best, _)) = distinct
        .iter()
        .reduce(|best, d| if d.1 > best.1 { d } else { best })
    else {
        return (String::new(), String::new());
    };
    let mut text = String::new();
    for (i, surface) in surfaces(best).enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&surface);
    }
    if let [(start, _)] = distinct[..] {
        // (the most frequent lemma of one surface sequence is its own)
        return (
            text,
            phrase_lemma(units, &list[start..start + len]).into_owned(),
        );
    }
    let mut lemmas: Vec<(Cow<'_, str>, usize)> = Vec::with_capacity(distinct.len());
    for &(start, count) in distinct.iter() {
        let lemma = phrase_lemma(units, &list[start..start + len]);
        match lemmas.iter_mut().find(|(l, _)| *l == lemma) {
            Some(entry) => entry.1 += count,
            None => lemmas.push((lemma, count)),
        }
    }
    let lemma = lemmas
        .into_iter()
        .reduce(|best, l| if l.1 > best.1 { l } else { best })
        .map(|l| l.0.into_owned())
        .unwrap_or_default();
    (text, lemma)
}

/// A stretch is a candidate when it is a noun phrase: it holds a noun or a
/// name; every noun after the first is a genitive complement or a name
/// (`budowa gazociągu`, not `rząd kraj`); two names never stand side by side
/// (`Londyn Bruksela` is two things); and it does not end in an adjective
/// that belongs to the noun right after it (`budowa nowego` in `budowa
/// nowego gazociągu`). ([`candidates`] applies the same rule as it grows
/// the stretches; this is its plain statement, which the tests check it
/// against.)
#[cfg(test)]
fn acceptable(stretch: &[Unit], next: Option<&Unit>) -> bool {
    let is_noun = |u: &Unit| u.name || u.pos == WordPos::Noun;
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
fn phrase_lemma<'a>(units: &Units<'_, 'a>, stretch: &[Unit]) -> Cow<'a, str> {
    if let [u] = stretch {
        return units.lemma(u);
    }
    let surfaces: Vec<Cow<'_, str>> = stretch.iter().map(|u| units.surface(u)).collect();
    let words: Vec<&str> = surfaces.iter().flat_map(|s| s.split_whitespace()).collect();
    Cow::Owned(words::phrase_lemma(&words, stretch[0].name))
}

/// Cuts the word tokens into units (see the module documentation).
#[inline(never)]
fn units<'d, 'a>(
    doc: &'d Document<'a>,
    keys: &mut DocKeys,
    scratch: &mut Scratch,
) -> Units<'d, 'a> {
    let words = doc.words;
    // A capitalized word is a name when its key is seen capitalized inside a
    // sentence and never in lower case; a name run starts with a noun (or a
    // known proper name) and may go on with adjectives (`Sąd Najwyższy`).
    let seen = doc.seen;
    let is_name_word = |w: &Word, start: bool| {
        let f = &w.flags;
        let (always, inside) = seen[w.key as usize];
        let pos_ok = f.proper || f.pos == WordPos::Noun || !start && f.pos == WordPos::Adj;
        w.cap && !f.stop && always && (inside || f.proper) && pos_ok && f.long
    };
    // scratch for the key of a name run
    let mut key = String::new();

    let mut out = std::mem::take(&mut scratch.units);
    out.clear();
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if let Some(ei) = w.entity() {
            // The whole entity is one unit.
            let mut j = i + 1;
            while j < words.len() && words[j].entity == ei {
                j += 1;
            }
            let e = &doc.entities[ei as usize];
            let last = &words[j - 1];
            let entity_key = doc.entity_keys[ei as usize];
            let id = entity_key
                .filter(|k| k.get().is_some())
                .map(|k| keys.id_of_number(k.number).0);
            if let Some(id) = id {
                out.push(Unit {
                    key: id,
                    sentence: w.sentence,
                    first_token: w.token,
                    last_token: last.token,
                    origin: Origin::Entity(ei),
                    lemma_of: out.len() as u32,
                    name: true,
                    multi: entity_key.is_some_and(|k| k.multi),
                    pos: WordPos::Noun,
                    genitive: false,
                    prior: backdrop_prior(e),
                });
            }
            i = j;
            continue;
        }
        if is_name_word(w, true) {
            let mut j = i + 1;
            while j < words.len()
                && words[j].entity == NO_ENTITY
                && words[j].sentence == w.sentence
                && words[j].token == words[j - 1].token + 1
                && is_name_word(&words[j], false)
            {
                j += 1;
            }
            let run = &words[i..j];
            let id = if run.len() == 1 {
                w.key
            } else {
                key.clear();
                for (n, w) in run.iter().enumerate() {
                    if n > 0 {
                        key.push('_');
                    }
                    key.push_str(keys.text(doc.forms, w.key));
                }
                keys.id_of_text(doc.forms, &key)
            };
            out.push(Unit {
                key: id,
                sentence: w.sentence,
                first_token: w.token,
                last_token: run[run.len() - 1].token,
                origin: Origin::Run {
                    first: i as u32,
                    end: j as u32,
                },
                lemma_of: out.len() as u32,
                name: true,
                // (a word's own key may hold a `_` too)
                multi: run.len() > 1 || run[0].flags.key_has_underscore,
                pos: WordPos::Noun,
                genitive: false,
                prior: 1.0,
            });
            i = j;
            continue;
        }
        if w.flags.content {
            out.push(Unit {
                key: w.key,
                sentence: w.sentence,
                first_token: w.token,
                last_token: w.token,
                origin: Origin::Word(i as u32),
                lemma_of: out.len() as u32,
                name: false,
                multi: false,
                pos: w.flags.pos,
                genitive: w.flags.genitive,
                prior: 1.0,
            });
        }
        i += 1;
    }
    merge_name_variants(&mut out, doc.entities, keys, doc.forms, &mut scratch.merge);
    Units { list: out, doc }
}

/// Makes the mentions of one name share a key and lemma: inflected variants
/// of a multi-word name (`Asi Bibi`, `Asię Bibi` → the most frequent) and a
/// lone last word of it (`Bibi`, `Kowalski` after `Jan Kowalski`) when only
/// one multi-word name ends in it, unless the entities label the two
/// differently (the city `Gdańsk` is not `Urząd Miejski w Gdańsku`).
#[inline(never)]
fn merge_name_variants(
    units: &mut [Unit],
    entities: &[Entity],
    keys: &DocKeys,
    forms: &words::FormTable,
    work: &mut MergeScratch,
) {
    let MergeScratch {
        variants,
        group_last,
        group_of,
        variant_of,
        canon,
        by_group,
        cluster_first,
        cluster_of,
    } = work;
    variants.clear();
    group_last.clear();
    // Multi-word name keys, grouped by last word key.
    let n_keys = keys.len();
    // (by key, filled when first needed: the group of the names a key is
    // the last word of, and the variant of a key in its group; a last word
    // that is not a key of its own starts a group each time)
    let mut by_key_ready = false;
    for (ui, u) in units.iter().enumerate().filter(|(_, u)| u.multi) {
        let key = keys.text(forms, u.key);
        let Some((_, last)) = key.rsplit_once('_') else {
            continue;
        };
        let new_variant = |group: u32| Variant {
            group,
            key: u.key,
            first: ui as u32,
            count: 1,
        };
        let Some(id) = keys.get(forms, last) else {
            group_last.push(NONE);
            variants.push(new_variant(group_last.len() as u32 - 1));
            continue;
        };
        if !by_key_ready {
            group_of.clear();
            group_of.resize(n_keys, NONE);
            variant_of.clear();
            variant_of.resize(n_keys, NONE);
            by_key_ready = true;
        }
        let slot = &mut group_of[id as usize];
        if *slot == NONE {
            *slot = group_last.len() as u32;
            group_last.push(id);
        }
        let group = *slot;
        // (a key's last word, and so its group, is the same at every
        // occurrence: one variant per key)
        match variant_of[u.key as usize] {
            NONE => {
                variant_of[u.key as usize] = variants.len() as u32;
                variants.push(new_variant(group));
            }
            v => variants[v as usize].count += 1,
        }
    }
    if group_last.is_empty() {
        return;
    }
    // Two keys agree when each word has the same first three letters.
    let agree = |a: u32, b: u32| {
        let (a, b) = (keys.text(forms, a), keys.text(forms, b));
        a.split('_').count() == b.split('_').count()
            && a.split('_')
                .zip(b.split('_'))
                .all(|(x, y)| x.chars().take(3).eq(y.chars().take(3)))
    };
    // key -> (canonical key, unit holding the canonical lemma)
    const NO_CANON: (u32, u32) = (NONE, NONE);
    canon.clear();
    canon.resize(n_keys, NO_CANON);
    cluster_of.clear();
    cluster_of.resize(variants.len(), NONE);
    // the variants of each group together, groups in order, each group's
    // in order of first occurrence (a stable sort)
    by_group.clear();
    by_group.extend(0..variants.len() as u32);
    by_group.sort_by_key(|&v| variants[v as usize].group);
    let variants: &[Variant] = variants;
    for group in
        by_group.chunk_by(|&a, &b| variants[a as usize].group == variants[b as usize].group)
    {
        let last = group_last[variants[group[0] as usize].group as usize];
        // Clusters of the group's variants that agree on every word's first
        // letters, each known by its first variant, in order.
        cluster_first.clear();
        for &v in group {
            let found = cluster_first
                .iter()
                .position(|&f| agree(variants[f as usize].key, variants[v as usize].key));
            cluster_of[v as usize] = match found {
                Some(c) => c as u32,
                None => {
                    cluster_first.push(v);
                    cluster_first.len() as u32 - 1
                }
            };
        }
        let cluster_of: &[u32] = cluster_of;
        for c in 0..cluster_first.len() as u32 {
            let members = group
                .iter()
                .map(|&v| v as usize)
                .filter(|&v| cluster_of[v] == c);
            // (the most frequent variant; the first one of a tie)
            let best = members
                .clone()
                .fold(cluster_first[c as usize] as usize, |b, v| {
                    if variants[v].count > variants[b].count {
                        v
                    } else {
                        b
                    }
                });
            for v in members {
                canon[variants[v].key as usize] = (variants[best].key, variants[best].first);
            }
        }
        if cluster_first.len() == 1 && (last as usize) < n_keys {
            let first = variants[cluster_first[0] as usize].key;
            canon[last as usize] = canon[first as usize];
        }
    }
    // (a canonical unit keeps its own lemma; a lone word that the entities
    // tell is another kind of thing than the name it ends, such as the city
    // `Gdańsk` and the office `Urząd Miejski w Gdańsku`, stays itself)
    let label = |u: &Unit| match u.origin {
        Origin::Entity(e) => entities.get(e as usize).map(|e| e.label),
        _ => None,
    };
    for i in 0..units.len() {
        let u = &units[i];
        if !u.name {
            continue;
        }
        let (key, source) = canon[u.key as usize];
        if key == NO_CANON.0 {
            continue;
        }
        if !u.multi
            && let (Some(own), Some(named)) = (label(u), label(&units[source as usize]))
            && own != named
        {
            continue;
        }
        let u = &mut units[i];
        u.key = key;
        u.lemma_of = source;
    }
}

/// One spelling of a multi-word name in [`merge_name_variants`].
#[derive(Debug, Clone, Copy)]
struct Variant {
    /// The group of names with the same last word it belongs to.
    group: u32,
    key: u32,
    /// The unit where the variant first occurs (its lemma is the variant's).
    first: u32,
    count: u32,
}

/// An absent index in [`merge_name_variants`]'s vectors.
const NONE: u32 = u32::MAX;

/// The vectors of [`merge_name_variants`], kept from one document to the
/// next.
#[derive(Debug, Default)]
struct MergeScratch {
    variants: Vec<Variant>,
    /// The last word key of each group ([`NONE`]: not a key of its own).
    group_last: Vec<u32>,
    /// By key: the group of the names it is the last word of, or [`NONE`].
    group_of: Vec<u32>,
    /// By key: its variant (in a group of a last word that is a key).
    variant_of: Vec<u32>,
    /// By key: (canonical key, unit holding the canonical lemma).
    canon: Vec<(u32, u32)>,
    /// The variants ordered by group.
    by_group: Vec<u32>,
    /// The first variant of each cluster of the group at hand.
    cluster_first: Vec<u32>,
    /// By variant: its cluster in its group.
    cluster_of: Vec<u32>,
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
fn occurrence_weight(sentence: u32) -> u32 {
    match sentence {
        0 => HEADLINE_OCC,
        1 | 2 => LEAD_OCC,
        _ => 1,
    }
}

/// Weight of a headline occurrence (as this many body occurrences).
const HEADLINE_OCC: u32 = 3;
/// Weight of an occurrence in the lead (sentences 1 and 2).
const LEAD_OCC: u32 = 2;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_keys_are_numbered_by_first_occurrence_and_per_document() {
        let mut table = words::FormTable::default();
        let forms = ["Szpitala", "lekarze", "szpital", "Kraków"];
        let records: Vec<u32> = forms
            .iter()
            .map(|f| table.index_of(words::key_hash(f), || f))
            .collect();
        let number = |i: usize| table.record(records[i]).key;
        let mut keys = DocKeys::default();

        keys.begin(table.key_count());
        // `Szpitala` and `szpital` share the key `szpital`: one number
        assert_eq!(keys.id_of_number(number(1)), (0, true));
        assert_eq!(keys.id_of_number(number(0)), (1, true));
        assert_eq!(keys.id_of_number(number(2)), (1, false));
        assert_eq!(keys.text(&table, 1), "szpital");
        // a key the table does not have is numbered by its text
        let own = keys.id_of_text(&table, "nord_stream");
        assert_eq!(own, 2);
        assert_eq!(keys.id_of_text(&table, "nord_stream"), 2);
        assert_eq!(keys.text(&table, own), "nord_stream");
        assert_eq!(keys.get(&table, "nord_stream"), Some(2));
        assert_eq!(keys.get(&table, "szpital"), Some(1));
        // a table key not seen in this document has no number in it
        assert_eq!(keys.get(&table, table.key_text(number(3))), None);
        assert_eq!(keys.len(), 3);

        // the next document starts from 0, and the keys of the one before
        // are not its own
        keys.begin(table.key_count());
        assert_eq!(keys.get(&table, "szpital"), None);
        assert_eq!(keys.get(&table, "nord_stream"), None);
        assert_eq!(keys.id_of_number(number(3)), (0, true));
        assert_eq!(keys.len(), 1);
    }

    #[test]
    fn candidates_are_the_acceptable_stretches_in_order_of_first_occurrence() {
        // random runs of units, against the rule as `acceptable` states it
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..300 {
            let mut units = Vec::new();
            let mut token = 0u32;
            let mut sentence = 0u32;
            for _ in 0..next(30) {
                // a gap or a new sentence now and then ends a run
                match next(6) {
                    0 => token += 2,
                    1 => sentence += 1,
                    _ => {}
                }
                let name = next(4) == 0;
                units.push(Unit {
                    key: next(6) as u32,
                    sentence,
                    first_token: token,
                    last_token: token,
                    origin: Origin::Word(0),
                    lemma_of: 0,
                    name,
                    multi: false,
                    pos: match next(4) {
                        _ if name => WordPos::Noun,
                        0 | 1 => WordPos::Noun,
                        2 => WordPos::Adj,
                        _ => WordPos::Other,
                    },
                    genitive: next(2) == 0,
                    prior: 1.0,
                });
                token += 1;
            }
            let mut expected: Vec<(Vec<u32>, u32, u32, bool)> = Vec::new();
            let adjacent =
                |a: &Unit, b: &Unit| a.sentence == b.sentence && b.first_token == a.last_token + 1;
            for i in 0..units.len() {
                for len in 1..=3 {
                    let Some(stretch) = units.get(i..i + len) else {
                        break;
                    };
                    if !stretch.windows(2).all(|w| adjacent(&w[0], &w[1])) {
                        break;
                    }
                    let after = units
                        .get(i + len)
                        .filter(|n| adjacent(&stretch[len - 1], n));
                    if !acceptable(stretch, after) {
                        continue;
                    }
                    let keys: Vec<u32> = stretch.iter().map(|u| u.key).collect();
                    let weight = occurrence_weight(stretch[0].sentence);
                    match expected.iter_mut().find(|e| e.0 == keys) {
                        Some(e) => {
                            e.2 += weight;
                            e.3 |= stretch[0].sentence == 0;
                        }
                        None => expected.push((keys, i as u32, weight, stretch[0].sentence == 0)),
                    }
                }
            }
            let mut scratch = Scratch::default();
            candidates(&units, 6, &mut scratch);
            let found: Vec<(Vec<u32>, u32, u32, bool)> = scratch
                .cands
                .iter()
                .map(|c| (c.keys().to_vec(), c.first, c.wtf, c.headline))
                .collect();
            assert_eq!(found, expected);
        }
    }

    #[test]
    fn document_keys_grow_for_keys_added_during_a_document() {
        let mut table = words::FormTable::default();
        let mut keys = DocKeys::default();
        keys.begin(table.key_count());
        // forms analyzed after `begin` bring new table keys
        for (i, form) in ["mecz", "bramka", "trener"].iter().enumerate() {
            let record = table.index_of(words::key_hash(form), || form);
            let number = table.record(record).key;
            assert_eq!(keys.id_of_number(number), (i as u32, true));
        }
        assert_eq!(keys.text(&table, 2), words::stem("trener"));
    }
}
