//! Topics: what a document is about — keyphrases, IPTC categories and
//! salient entities.
//!
//! [`compute`] runs after overlap resolution, over the document's tokens,
//! sentences and entities; the [`crate::Extractor`] calls it unless topics
//! are switched off ([`crate::ExtractorBuilder::topics`]).
//!
//! - **Keyphrases** ([`keyphrases`]): noun phrases and named entities, scored
//!   from the frequency, position, spread and capitalization of their words
//!   (in the spirit of YAKE, but over lemmas), near-duplicates merged.
//!   The `lemma` of a keyphrase follows one convention: the phrase in the
//!   nominative — head noun and agreeing adjectives in the nominative,
//!   a genitive complement as it stands (`budowa gazociągu`), common nouns
//!   lower-cased, names with their capitals (`Nord Stream`); an entity's
//!   lemma is the entity's own.
//! - **Categories** ([`categories`]): the IPTC Media Topics top level, from
//!   weighted lemma lexicons plus entity types.
//! - **Salient entities** ([`salience`]): the name entities grouped by lemma
//!   and label, scored from frequency, position (headline and lead weigh
//!   more) and spread.
//!
//! The first sentence is taken as the headline and the next two as the lead.
//!
//! Each pass over the words, units and candidates is a function kept out of
//! line (`#[inline(never)]`), so that a profile shows what each costs (and
//! inlined into one another they took more instructions, not fewer).
//! Everything is deterministic: ties are broken by first occurrence.
//!
//! ```
//! use polner::Extractor;
//! let text = "Nowy szpital w Krakowie\n\nW Krakowie otwarto nowy szpital \
//!     dziecięcy. Szpital przyjmie pierwszych pacjentów w poniedziałek. \
//!     Lekarze i pielęgniarki szpitala przeszli szkolenia.";
//! let doc = Extractor::new().extract(text);
//! assert_eq!(doc.topics.categories[0].name, "health");
//! assert_eq!(doc.topics.categories[0].code, "medtop:07000000");
//! assert_eq!(doc.topics.keyphrases[0].lemma, "szpital");
//! assert_eq!(doc.topics.entities[0].lemma, "Kraków");
//! assert_eq!(doc.topics.entities[0].count, 2);
//! ```

pub mod categories;
pub mod keyphrases;
pub mod salience;
pub(crate) mod words;

pub use categories::{CATEGORIES, CategoryInfo};

use crate::model::{Entity, Sentence, Token, TokenKind, Topics};
use crate::pipeline::KEPT_TOKENS;

/// How many keyphrases, categories and salient entities to return.
///
/// ```
/// let opts = polner::topics::TopicsOptions::with_k(5);
/// assert_eq!((opts.keyphrases, opts.categories, opts.entities), (5, 5, 5));
/// let default = polner::topics::TopicsOptions::default();
/// assert_eq!((default.keyphrases, default.categories, default.entities), (10, 3, 10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicsOptions {
    /// At most this many keyphrases.
    pub keyphrases: usize,
    /// At most this many categories (only those above the threshold).
    pub categories: usize,
    /// At most this many salient entities.
    pub entities: usize,
}

impl Default for TopicsOptions {
    fn default() -> Self {
        TopicsOptions {
            keyphrases: 10,
            categories: 3,
            entities: 10,
        }
    }
}

impl TopicsOptions {
    /// The names of the parts, as `--topics-k`, the Python binding and the
    /// JSON output's `topics` name them, in the order of [`TopicsOptions::parts`].
    pub const PARTS: [&'static str; 3] = ["keyphrases", "categories", "entities"];

    /// The same limit `k` for all three parts.
    pub fn with_k(k: usize) -> Self {
        TopicsOptions {
            keyphrases: k,
            categories: k,
            entities: k,
        }
    }

    /// The limits in the order of [`TopicsOptions::PARTS`].
    pub fn parts(&self) -> [usize; 3] {
        [self.keyphrases, self.categories, self.entities]
    }

    /// The limit of the part named `name` (one of [`TopicsOptions::PARTS`]).
    ///
    /// ```
    /// let mut options = polner::topics::TopicsOptions::default();
    /// *options.part_mut("keyphrases").unwrap() = 0;
    /// assert_eq!(options.parts(), [0, 3, 10]);
    /// assert!(options.part_mut("topics").is_none());
    /// ```
    pub fn part_mut(&mut self, name: &str) -> Option<&mut usize> {
        match name {
            "keyphrases" => Some(&mut self.keyphrases),
            "categories" => Some(&mut self.categories),
            "entities" => Some(&mut self.entities),
            _ => None,
        }
    }
}

/// Reads the limits as the CLI's `--topics-k` takes them: one number for all
/// three parts, or `part=number` pairs separated by commas, the parts not
/// named keeping their defaults. A part asked for 0 items is not computed:
/// `keyphrases=0` leaves out the costliest part of topics.
///
/// ```
/// use polner::topics::TopicsOptions;
/// assert_eq!("5".parse::<TopicsOptions>().unwrap(), TopicsOptions::with_k(5));
/// let parts: TopicsOptions = "keyphrases=0, entities=5".parse().unwrap();
/// assert_eq!((parts.keyphrases, parts.categories, parts.entities), (0, 3, 5));
/// assert!("topics=5".parse::<TopicsOptions>().is_err());
/// ```
impl std::str::FromStr for TopicsOptions {
    type Err = String;

    fn from_str(s: &str) -> Result<TopicsOptions, String> {
        let number = |v: &str| {
            v.trim()
                .parse::<usize>()
                .map_err(|_| format!("{:?} is not a number of items", v.trim()))
        };
        if !s.contains('=') {
            return number(s).map(TopicsOptions::with_k);
        }
        let mut options = TopicsOptions::default();
        for pair in s.split(',') {
            let Some((part, value)) = pair.split_once('=') else {
                return Err(format!("{:?} is not part=number", pair.trim()));
            };
            let part = part.trim();
            let Some(slot) = options.part_mut(part) else {
                return Err(format!(
                    "unknown topics part {part:?} (expected one of {:?})",
                    TopicsOptions::PARTS
                ));
            };
            *slot = number(value)?;
        }
        Ok(options)
    }
}

pub(crate) use crate::hash::FastMap;

/// `(1 + n).ln()` of a count `n` (weighted occurrence counts are sums of
/// whole weights), from a table for the usual small counts; the table holds
/// the very values the computation gives.
pub(crate) fn ln_1p_count(n: u32) -> f32 {
    static TABLE: once_cell::sync::Lazy<[f32; 256]> =
        once_cell::sync::Lazy::new(|| std::array::from_fn(|i| (1.0 + i as f32).ln()));
    match TABLE.get(n as usize) {
        Some(&value) => value,
        None => (1.0 + n as f32).ln(),
    }
}

/// Weight of a sentence position: headline 2, lead 1.5, body 1.
pub(crate) fn position_factor(sentence: usize) -> f32 {
    match sentence {
        0 => 2.0,
        1 | 2 => 1.5,
        _ => 1.0,
    }
}

/// What the topics stage keeps about each word token, in text order: where
/// it is, its form's record and flags, and its matching key's number in the
/// document ([`keyphrases::DocKeys`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word {
    /// Index in the document's token list.
    pub token: u32,
    /// Index of its sentence.
    pub sentence: u32,
    /// The form's record in the [`words::FormTable`].
    pub record: u32,
    /// The matching key's number in the document.
    pub key: u32,
    /// Index of the name entity covering it, or [`NO_ENTITY`].
    pub entity: u32,
    /// The form's flags (a copy of its record's).
    pub flags: words::FormFlags,
    /// Capitalized (or all caps) and not the first word of its sentence.
    pub cap_inside: bool,
    /// Capitalized or all caps, anywhere.
    pub cap: bool,
}

/// [`Word::entity`] of a word outside every name entity.
pub(crate) const NO_ENTITY: u32 = u32::MAX;

impl Word {
    /// The index of the name entity covering the word, if any.
    #[inline]
    pub(crate) fn entity(&self) -> Option<u32> {
        (self.entity != NO_ENTITY).then_some(self.entity)
    }
}

/// Computes the topics of a document from its text, tokens, sentences and
/// entities (as [`crate::Extractor::extract`] returns them).
///
/// ```
/// use polner::topics::{compute, TopicsOptions};
/// let text = "Mecz zakończył się remisem. Trener drużyny chwalił bramkarza, \
///             a kibice śpiewali do końca meczu.";
/// let tokens = polner::tokenize(text);
/// let sentences = polner::text::sentences::split(text, &tokens);
/// let topics = compute(text, &tokens, &sentences, &[], &TopicsOptions::default());
/// assert_eq!(topics.categories[0].name, "sport");
/// assert_eq!(topics.keyphrases[0].lemma, "mecz");
/// ```
pub fn compute(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    options: &TopicsOptions,
) -> Topics {
    words::with_forms(|forms| {
        let mut run = |scratch: &mut Scratch| {
            compute_with(text, tokens, sentences, entities, options, forms, scratch)
        };
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let topics = run(&mut scratch);
                scratch.trim();
                topics
            }
            Err(_) => run(&mut Scratch::default()),
        })
    })
}

/// What [`compute`] works in, kept by each thread from one document to the
/// next so that a document does not allocate it anew.
#[derive(Default)]
struct Scratch {
    keys: keyphrases::DocKeys,
    words: Vec<Word>,
    /// The hashes of the words' forms.
    hashes: Vec<u64>,
    /// By key number: see [`keyphrases::Document::seen`].
    seen: Vec<(bool, bool)>,
    /// By entity lemma number: see [`salience::salient`].
    groups: Vec<u32>,
}

impl Scratch {
    /// Drops the vectors that one long document made longer than
    /// [`KEPT_TOKENS`].
    fn trim(&mut self) {
        if self.words.capacity() > KEPT_TOKENS || self.seen.capacity() > KEPT_TOKENS {
            *self = Scratch {
                keys: std::mem::take(&mut self.keys),
                ..Scratch::default()
            };
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// [`compute`] with this thread's form table and working vectors.
fn compute_with(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    options: &TopicsOptions,
    forms: &mut words::FormTable,
    scratch: &mut Scratch,
) -> Topics {
    let Scratch {
        keys,
        words,
        hashes,
        seen,
        groups,
    } = scratch;
    // (the entity keys are numbered first: the word pass borrows the table)
    let entity_lemma_ids: Vec<u32> = entities
        .iter()
        .map(|e| {
            if e.label.is_name() {
                forms.entity_key_index(&e.lemma)
            } else {
                u32::MAX
            }
        })
        .collect();
    let mut scorer = categories::CategoryScorer::default();
    // (the words are read for keyphrases and categories; salient entities
    // need only the entities)
    words.clear();
    hashes.clear();
    if options.keyphrases > 0 || options.categories > 0 {
        word_tokens(text, tokens, sentences, entities, forms, words, hashes);
        analyze_words(words, hashes, text, tokens, forms, keys, &mut scorer, seen);
    }
    let forms: &words::FormTable = forms;
    let entity_keys: Vec<Option<&words::EntityKey>> = entity_lemma_ids
        .iter()
        .map(|&i| (i != u32::MAX).then(|| forms.entity_key(i)))
        .collect();
    // The sentence of each entity: the first one not ending before it
    // (entities come in text order, so one forward pass finds them all; the
    // pass starts over should one come earlier than the one before).
    let last = sentences.len().saturating_sub(1);
    let (mut s, mut previous) = (0, 0);
    let entity_sentences: Vec<u32> = entities
        .iter()
        .map(|e| {
            if e.span.byte_start < previous {
                s = 0;
            }
            previous = e.span.byte_start;
            while s < last && sentences[s].span.byte_end <= e.span.byte_start {
                s += 1;
            }
            s as u32
        })
        .collect();
    for (e, &s) in entities.iter().zip(&entity_sentences) {
        scorer.add_entity(e, position_factor(s as usize));
    }
    let n_sentences = sentences.len().max(1);
    let document = keyphrases::Document {
        text,
        tokens,
        words,
        hashes,
        entities,
        entity_keys: &entity_keys,
        forms,
        seen,
    };
    Topics {
        keyphrases: if options.keyphrases > 0 {
            keyphrases::extract(&document, keys, n_sentences, options.keyphrases)
        } else {
            Vec::new()
        },
        categories: scorer.finish(options.categories),
        entities: salience::salient(
            entities,
            &entity_sentences,
            &entity_lemma_ids,
            n_sentences,
            options.entities,
            groups,
        ),
    }
}

/// Puts the document's word tokens in `out` and the hashes of their forms
/// in `hashes`, the records still to be looked up ([`analyze_words`]),
/// leaving out the stopwords written as the list writes them (nothing the
/// later passes read comes from them: no unit, no category hit, no name).
///
/// Whether a word is such a stopword is as unpredictable as text, so the
/// pass does not branch on it: every word is written at the end of what is
/// kept, and the end moves past it only when it is kept. The form's first
/// bytes are read once, for both the stopword test and the hash.
#[inline(never)]
fn word_tokens(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    forms: &words::FormTable,
    out: &mut Vec<Word>,
    hashes: &mut Vec<u64>,
) {
    const UNSET: Word = Word {
        token: 0,
        sentence: 0,
        record: 0,
        key: 0,
        entity: NO_ENTITY,
        flags: words::FormFlags::NONE,
        cap_inside: false,
        cap: false,
    };
    out.clear();
    hashes.clear();
    let mut kept = 0;
    let mut ent = 0usize;
    let stopwords = words::ShortStopwords::get();
    let raw = text.as_bytes();
    for (si, s) in sentences.iter().enumerate() {
        let range = s.tokens.start.min(tokens.len())..s.tokens.end.min(tokens.len());
        // (room for every token of the sentence, so that a word can be
        // written before it is known whether it is kept; the vectors grow
        // to the words kept plus one sentence, not to the document's tokens)
        let room = kept + range.len();
        if out.len() < room {
            out.resize(room, UNSET);
            hashes.resize(room, 0);
        }
        let mut first = true;
        for ti in range {
            let t = &tokens[ti];
            if t.kind != TokenKind::Word {
                if t.kind != TokenKind::Punct {
                    first = false;
                }
                continue;
            }
            while ent < entities.len() && entities[ent].span.byte_end <= t.span.byte_start {
                ent += 1;
            }
            let entity = match entities.get(ent) {
                Some(e) if e.label.is_name() && e.span.byte_start <= t.span.byte_start => {
                    ent as u32
                }
                _ => NO_ENTITY,
            };
            let cap = matches!(
                t.shape,
                crate::model::Shape::Capitalized
                    | crate::model::Shape::Upper
                    | crate::model::Shape::Mixed
            );
            // The form's first bytes as a number and its hash: from sixteen
            // bytes of the text at once when the form is the text's (most
            // words), from its own bytes otherwise.
            let start = t.span.byte_start;
            let len = t.span.byte_end.wrapping_sub(start);
            let padded = match t.norm {
                None if len <= 16 => crate::hash::load_padded(raw, start, len),
                _ => None,
            };
            let (number, len, hash) = match padded {
                Some((a, b)) => (a, len, crate::hash::hash_padded(a, b, len)),
                None => {
                    // (the bytes of `t.text(text)`, without checking that the
                    // span falls on character boundaries: the tokenizer made
                    // it so)
                    let bytes = match &t.norm {
                        Some(norm) => norm.as_bytes(),
                        None => raw.get(t.span.bytes()).unwrap_or_default(),
                    };
                    let number = match bytes.len() {
                        1..=8 => crate::hash::load_tail_or_word(bytes),
                        _ => 0,
                    };
                    (number, bytes.len(), words::key_hash_bytes(bytes))
                }
            };
            let stopword = (entity == NO_ENTITY)
                & (t.shape == crate::model::Shape::Lower)
                & stopwords.contains_number(number, len);
            out[kept] = Word {
                token: ti as u32,
                sentence: si as u32,
                record: 0,
                key: 0,
                entity,
                flags: words::FormFlags::NONE,
                cap_inside: cap && !first,
                cap,
            };
            hashes[kept] = hash;
            // (the slot is fetched now and read in the look-up pass; a
            // stopword's fetch is wasted, which costs less than a branch)
            forms.prefetch(hash);
            kept += usize::from(!stopword);
            first = false;
        }
    }
    out.truncate(kept);
    hashes.truncate(kept);
}

/// Looks up (or analyzes) each word's form, in a pass of its own so that
/// the slots fetched by [`word_tokens`] have arrived (the table is larger
/// than the caches, and a look-up right after the hash would wait for
/// memory for most words); numbers the words' matching keys in the
/// document, notes for each key whether its words are all capitalized and
/// whether one is capitalized inside a sentence (`seen`), and adds each
/// word's category hits to `scorer`.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn analyze_words(
    words: &mut [Word],
    hashes: &[u64],
    text: &str,
    tokens: &[Token],
    forms: &mut words::FormTable,
    keys: &mut keyphrases::DocKeys,
    scorer: &mut categories::CategoryScorer,
    seen: &mut Vec<(bool, bool)>,
) {
    let generation = forms.generation();
    keys.begin(forms.key_count());
    seen.clear();
    for (w, &hash) in words.iter_mut().zip(hashes) {
        let record = forms.index_of(hash, || tokens[w.token as usize].text(text));
        let r = forms.record(record);
        w.record = record;
        w.flags = r.flags;
        let (key, new) = keys.id_of_number(r.key);
        w.key = key;
        if new {
            seen.push((true, false));
        }
        let e = &mut seen[key as usize];
        e.0 &= w.cap;
        e.1 |= w.cap_inside;
        if !r.flags.stop && w.entity == NO_ENTITY {
            scorer.add_hits(forms.hits(r), position_factor(w.sentence as usize));
        }
    }
    if forms.generation() != generation {
        // the table grew while the words were looked up: the records moved
        for (w, &hash) in words.iter_mut().zip(hashes) {
            w.record = forms.find(hash).unwrap_or(w.record);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_1p_count_gives_the_computed_values() {
        for n in (0..300).chain([u32::MAX / 2, u32::MAX]) {
            let x = n as f32;
            assert_eq!(ln_1p_count(n).to_bits(), (1.0 + x).ln().to_bits(), "{n}");
        }
    }
}
