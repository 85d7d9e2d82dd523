//! The word-level seam of the topics stage: a token's lemma and part of
//! speech, a matching key, and the stopword list.
//!
//! Everything the topics code knows about a single word goes through
//! [`analyze`], so that the source of lemmas and parts of speech can change in
//! one place.

use crate::model::Label;
use crate::morph::{Analysis, Case, Morphology, NameClass, Pos};
use once_cell::sync::Lazy;
use std::sync::{Arc, RwLock};

/// The coarse part of speech the topics stage needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordPos {
    /// A noun (common or proper).
    Noun,
    /// An adjective or adjectival participle.
    Adj,
    /// A verb form.
    Verb,
    /// Anything else (adverbs, particles, numerals, …).
    Other,
}

/// What the topics stage knows about one word form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WordInfo {
    /// The lemma, lower-cased unless the word is a proper name.
    pub lemma: String,
    /// Coarse part of speech.
    pub pos: WordPos,
    /// True when the form is (probably) in the genitive.
    pub genitive: bool,
    /// True when the form is (probably) nominative.
    pub nominative: bool,
    /// True when the best reading is a proper name (`Krakowie` → `Kraków`).
    pub proper: bool,
    /// True when the form is capitalized and may be a first name (a run of
    /// names starting with it is lemmatized as a person's name).
    pub first_name: bool,
}

/// What every word of a document reads about its form: hashes, flags and
/// where its category hits and strings are, in 32 aligned bytes, so that
/// one cache line holds whole records (the strings are in [`FormStrings`],
/// read only for the words that become keyphrases). Computed once per form
/// and kept across documents in the slots of a [`FormTable`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, align(32))]
pub(crate) struct Analyzed {
    /// [`key_hash`] of the form itself.
    pub form_hash: u64,
    /// The number of the matching key of the form's lemma ([`stem`]) among
    /// all the keys of the table ([`FormTable::key_text`]).
    pub key: u32,
    /// The lemma's category lexicon hits: `FormTable::hits[hits_at..][..hits_len]`.
    hits_at: u32,
    /// Index of the form's [`FormStrings`] in `FormTable::strings`.
    strings_at: u32,
    hits_len: u8,
    /// False for an empty slot of the table.
    filled: bool,
    /// The flags of the form.
    pub flags: FormFlags,
}

/// What the topics stage asks of a form, copied into each of its word
/// tokens so that the later passes read them in text order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FormFlags {
    /// True when the form or its lemma is a stopword.
    pub stop: bool,
    /// Coarse part of speech (see [`WordInfo`] for this and the flags below).
    pub pos: WordPos,
    pub genitive: bool,
    pub proper: bool,
    pub first_name: bool,
    /// True when the matching key holds a `_` (it joins several words).
    pub key_has_underscore: bool,
    /// True when the form has two characters or more.
    pub long: bool,
    /// True for a word that may be a keyphrase unit of its own: not a
    /// stopword, a noun or an adjective, two characters or more.
    pub content: bool,
}

impl FormFlags {
    /// The flags of no form.
    pub(crate) const NONE: FormFlags = FormFlags {
        stop: false,
        pos: WordPos::Other,
        genitive: false,
        proper: false,
        first_name: false,
        key_has_underscore: false,
        long: false,
        content: false,
    };
}

impl Analyzed {
    /// An empty slot.
    const EMPTY: Analyzed = Analyzed {
        form_hash: 0,
        key: 0,
        hits_at: 0,
        strings_at: 0,
        hits_len: 0,
        filled: false,
        flags: FormFlags::NONE,
    };
}

/// The strings of an analyzed form (see [`Analyzed`]; its matching key is
/// [`FormTable::key_text`] of [`Analyzed::key`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FormStrings {
    /// The lemma ([`WordInfo::lemma`]).
    pub lemma: Box<str>,
}

/// Word forms a thread keeps analyzed before its table is cleared (at the
/// start of a document, never during one).
const FORMS_LIMIT: usize = 100_000;

/// Phrase lemmas kept in the cross-document cache before it is cleared.
const CACHE_LIMIT: usize = 200_000;

/// The analyzed word forms of one thread, kept across documents: news
/// vocabulary repeats from one article to the next, so most forms of a
/// document are found here instead of going through the morphology.
///
/// Records sit in the slots of an open-addressing table keyed by
/// [`key_hash`] of the form (linear probing, at most half full), so finding
/// a form reads one cache line, the one of its record. A record's index is
/// its slot, valid while the table keeps its [`FormTable::generation`]
/// (growing moves every record). The table is per thread, so a look-up
/// takes no lock and no reference count, and a document borrows its records
/// for as long as it is processed. Records are pure functions of the form,
/// so results never depend on what is cached; two of at most
/// [`FORMS_LIMIT`] forms share a 64-bit hash with a probability near 10⁻⁹.
#[derive(Default)]
pub(crate) struct FormTable {
    /// A power of two of slots once the first form is added.
    slots: Vec<Analyzed>,
    /// Filled slots.
    len: usize,
    /// Changes whenever the records move.
    generation: u32,
    strings: Vec<FormStrings>,
    /// Category hits of all records: (category index, weight).
    hits: Vec<(u8, f32)>,
    /// Entity lemmas seen, numbered by [`key_hash`] of the lemma.
    entity_ids: crate::hash::IdTable,
    entity_keys: Vec<EntityKey>,
    /// The matching keys of the forms and entity lemmas.
    keys: KeyNumbers,
    /// Where a new form is written in lower case, and its key.
    lower: String,
    key: String,
}

/// The matching key of an entity lemma: the stems of its words joined by
/// `_` (`Nord Stream` → `nord_stream`), or none for a lemma that is a
/// stopword.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntityKey {
    /// The key; empty when the entity can't be a keyphrase unit.
    pub key: Box<str>,
    /// The key's number among the table's keys ([`FormTable::key_text`]).
    pub number: u32,
    /// True when the key joins several words.
    pub multi: bool,
}

impl EntityKey {
    fn of(lemma: &str, keys: &mut KeyNumbers) -> EntityKey {
        let mut key = String::new();
        for (n, word) in lemma.split_whitespace().enumerate() {
            if n > 0 {
                key.push('_');
            }
            stem_into(word, &mut key);
        }
        let mut lower = String::new();
        lower_into(lemma, &mut lower);
        if is_stopword(&lower) {
            key.clear();
        }
        EntityKey {
            number: keys.number(&key),
            multi: key.contains('_'),
            key: key.into_boxed_str(),
        }
    }

    /// The key, if the entity may be a keyphrase unit.
    pub(crate) fn get(&self) -> Option<&str> {
        (!self.key.is_empty()).then_some(&*self.key)
    }
}

/// Matching keys numbered by [`key_hash`] of the key (equal keys, one
/// number), in order of first sight, with their texts.
#[derive(Default)]
struct KeyNumbers {
    ids: crate::hash::IdTable,
    texts: Vec<Box<str>>,
}

impl KeyNumbers {
    /// The number of `key`, given the first time the key is seen.
    fn number(&mut self, key: &str) -> u32 {
        let (id, new) = self.ids.id_or_insert(key_hash(key));
        if new {
            self.texts.push(key.into());
        }
        id
    }
}

/// Slots of a table when its first form is added.
const INITIAL_SLOTS: usize = 1 << 12;

impl FormTable {
    /// The record index of the word form whose [`key_hash`] is `hash`,
    /// analyzing the form (`word()`: its text) the first time it is seen.
    /// Adding a form may grow the table, which changes its
    /// [`FormTable::generation`].
    #[inline]
    pub(crate) fn index_of<'w>(&mut self, hash: u64, word: impl FnOnce() -> &'w str) -> u32 {
        match self.probe(hash) {
            Ok(index) => index as u32,
            Err(_) => self.insert(hash, word()),
        }
    }

    /// Analyzes a new form and puts its record in the table.
    #[inline(never)]
    fn insert(&mut self, hash: u64, word: &str) -> u32 {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        match self.probe(hash) {
            Ok(index) => index as u32,
            Err(slot) => {
                self.slots[slot] = self.analyzed(word, hash);
                self.len += 1;
                slot as u32
            }
        }
    }

    /// The record index of a form already in the table.
    pub(crate) fn find(&self, hash: u64) -> Option<u32> {
        self.probe(hash).ok().map(|i| i as u32)
    }

    /// Starts loading the slot where the form whose [`key_hash`] is `hash`
    /// is (or would be), for a look-up in a later pass over the document's
    /// words: the table is far larger than the processor's caches, and each
    /// look-up otherwise waits for memory.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        if let Some(slot) = self
            .slots
            .get(hash as usize & self.slots.len().wrapping_sub(1))
        {
            crate::hash::prefetch(slot);
        }
    }

    /// The slot holding the form (`Ok`) or the empty slot where it would go
    /// (`Err`; `usize::MAX` while the table has no slots).
    #[inline]
    fn probe(&self, hash: u64) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(usize::MAX);
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = &self.slots[i];
            if !slot.filled {
                return Err(i);
            }
            if slot.form_hash == hash {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the slots (or makes the first ones) and moves every record.
    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(INITIAL_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![Analyzed::EMPTY; n]);
        for record in old.into_iter().filter(|r| r.filled) {
            if let Err(slot) = self.probe(record.form_hash) {
                self.slots[slot] = record;
            }
        }
        self.generation = self.generation.wrapping_add(1);
    }

    /// Changes whenever records move: record indices taken under another
    /// generation must be looked up again ([`FormTable::find`]).
    pub(crate) fn generation(&self) -> u32 {
        self.generation
    }

    /// The record at `index` (from [`FormTable::index_of`]).
    #[inline]
    pub(crate) fn record(&self, index: u32) -> &Analyzed {
        &self.slots[index as usize]
    }

    /// The strings of the record at `index`.
    #[inline]
    pub(crate) fn strings(&self, index: u32) -> &FormStrings {
        &self.strings[self.slots[index as usize].strings_at as usize]
    }

    /// The category lexicon hits of a record: (category index, weight).
    #[inline]
    pub(crate) fn hits(&self, record: &Analyzed) -> &[(u8, f32)] {
        let at = record.hits_at as usize;
        &self.hits[at..at + record.hits_len as usize]
    }

    /// The number of the [`EntityKey`] of an entity lemma (computed the
    /// first time the lemma is seen).
    pub(crate) fn entity_key_index(&mut self, lemma: &str) -> u32 {
        let (id, new) = self.entity_ids.id_or_insert(key_hash(lemma));
        if new {
            let key = EntityKey::of(lemma, &mut self.keys);
            self.entity_keys.push(key);
        }
        id
    }

    /// The number of a matching key of the table, if the key is one.
    #[inline]
    pub(crate) fn key_number(&self, key: &str) -> Option<u32> {
        self.keys.ids.get(key_hash(key))
    }

    /// How many matching keys the table has numbered.
    #[inline]
    pub(crate) fn key_count(&self) -> usize {
        self.keys.texts.len()
    }

    /// The matching key numbered `number`.
    #[inline]
    pub(crate) fn key_text(&self, number: u32) -> &str {
        &self.keys.texts[number as usize]
    }

    /// The entity key numbered `index` (from [`FormTable::entity_key_index`]).
    #[inline]
    pub(crate) fn entity_key(&self, index: u32) -> &EntityKey {
        &self.entity_keys[index as usize]
    }

    /// Analyzes a form: its record, whose strings and hits are appended.
    fn analyzed(&mut self, word: &str, form_hash: u64) -> Analyzed {
        let info = analyze(word);
        // (the form in lower case and the key are written in buffers the
        // table keeps, so that a new form allocates only what it stores)
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        lower_into(word, &mut lower);
        let stop = is_stopword(&lower) || is_stopword(&info.lemma);
        self.lower = lower;
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        stem_into(&info.lemma, &mut key);
        let hits: &[(u8, f32)] = if stop {
            &[]
        } else {
            super::categories::lexicon_hits(&key)
        };
        // (a lemma has hits in a few categories, far fewer than 256)
        let hits = &hits[..hits.len().min(u8::MAX as usize)];
        let hits_at = self.hits.len() as u32;
        self.hits.extend_from_slice(hits);
        let long = two_chars_or_more(word);
        let record = Analyzed {
            form_hash,
            key: self.keys.number(&key),
            hits_at,
            strings_at: self.strings.len() as u32,
            hits_len: hits.len() as u8,
            filled: true,
            flags: FormFlags {
                stop,
                pos: info.pos,
                genitive: info.genitive,
                proper: info.proper,
                first_name: info.first_name,
                key_has_underscore: key.contains('_'),
                long,
                content: !stop && matches!(info.pos, WordPos::Noun | WordPos::Adj) && long,
            },
        };
        self.strings.push(FormStrings {
            lemma: info.lemma.into_boxed_str(),
        });
        self.key = key;
        record
    }

    /// Empties the table when it has grown past its limit.
    pub(crate) fn trim(&mut self) {
        if self.len >= FORMS_LIMIT || self.entity_keys.len() >= FORMS_LIMIT {
            let generation = self.generation.wrapping_add(1);
            *self = FormTable::default();
            self.generation = generation;
        }
    }
}

thread_local! {
    static FORMS: std::cell::RefCell<FormTable> = std::cell::RefCell::new(FormTable::default());
}

/// Runs `f` with this thread's [`FormTable`] (or, should the table be busy
/// already, with a fresh one).
pub(crate) fn with_forms<R>(f: impl FnOnce(&mut FormTable) -> R) -> R {
    FORMS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut table) => {
            table.trim();
            f(&mut table)
        }
        Err(_) => f(&mut FormTable::default()),
    })
}

/// True when `word` has two characters or more (a word of more than four
/// bytes always has: a character takes at most four).
#[inline]
pub(crate) fn two_chars_or_more(word: &str) -> bool {
    word.len() > 4 || word.chars().nth(1).is_some()
}

/// The hash the topics code identifies word forms and matching keys by
/// (equal strings, equal hashes; 64 bits make a collision among one
/// document's keys vanishingly unlikely).
pub(crate) fn key_hash(key: &str) -> u64 {
    key_hash_bytes(key.as_bytes())
}

/// [`key_hash`] of the string whose bytes are `bytes`.
#[inline]
pub(crate) fn key_hash_bytes(bytes: &[u8]) -> u64 {
    crate::hash::hash_bytes(bytes)
}

/// Lemma and part of speech of a word form (the one seam to the morphology):
/// the embedded morphology's best reading, the [`heuristic`] when it has none.
///
/// `word` is the token's normalized text, with its original case.
pub(crate) fn analyze(word: &str) -> WordInfo {
    thread_local! {
        static SCRATCH: std::cell::RefCell<ReadingScratch> =
            const { std::cell::RefCell::new(ReadingScratch::new()) };
    }
    SCRATCH.with(|scratch| {
        let Ok(mut scratch) = scratch.try_borrow_mut() else {
            return heuristic(word);
        };
        let morph = Morphology::embedded();
        let ReadingScratch {
            readings,
            per_reading,
            lemmas,
        } = &mut *scratch;
        morph.analyze_into(word, readings);
        from_readings(word, readings, morph, per_reading, lemmas).unwrap_or_else(|| heuristic(word))
    })
}

/// The vectors [`analyze`] works in, kept by the thread from one form to
/// the next.
struct ReadingScratch {
    /// The form's readings.
    readings: Vec<Analysis>,
    /// Each reading's lemma number and coarse part of speech.
    per_reading: Vec<(u32, WordPos)>,
    /// The distinct lemmas: their first reading and number of readings.
    lemmas: Vec<(u32, u32)>,
}

impl ReadingScratch {
    const fn new() -> ReadingScratch {
        ReadingScratch {
            readings: Vec::new(),
            per_reading: Vec::new(),
            lemmas: Vec::new(),
        }
    }
}

/// Coarse part of speech of a reading; gerunds (`wyjście`) count as nouns.
fn coarse(a: &Analysis, morph: &Morphology) -> WordPos {
    match a.pos {
        Pos::Noun => WordPos::Noun,
        Pos::Adj => WordPos::Adj,
        Pos::Verb if morph.tag_of(a).starts_with("ger") => WordPos::Noun,
        Pos::Verb => WordPos::Verb,
        _ => WordPos::Other,
    }
}

/// Chooses one reading: the most confident, then nouns before adjectives
/// before verbs before the rest, then the lemma with the most readings
/// (`per_reading` and `lemmas` are working space, see [`ReadingScratch`]).
fn from_readings(
    word: &str,
    readings: &[Analysis],
    morph: &Morphology,
    per_reading: &mut Vec<(u32, WordPos)>,
    lemmas: &mut Vec<(u32, u32)>,
) -> Option<WordInfo> {
    let pos_rank = |p: WordPos| match p {
        WordPos::Noun => 3,
        WordPos::Adj => 2,
        WordPos::Verb => 1,
        WordPos::Other => 0,
    };
    // The distinct lemmas, numbered in order of first reading, with their
    // numbers of readings (a form has a few lemmas and often many readings:
    // one pass over the short list each, and lemmas are compared only here).
    per_reading.clear();
    lemmas.clear();
    for (i, r) in readings.iter().enumerate() {
        let number = match lemmas
            .iter()
            .position(|&(first, _)| readings[first as usize].lemma == r.lemma)
        {
            Some(n) => {
                lemmas[n].1 += 1;
                n
            }
            None => {
                lemmas.push((i as u32, 1));
                lemmas.len() - 1
            }
        };
        per_reading.push((number as u32, coarse(r, morph)));
    }
    // the best by confidence, part of speech, the number of readings of its
    // lemma, then the lemma first in order (the last of equals, as `max_by`)
    let support = |i: usize| lemmas[per_reading[i].0 as usize].1;
    let best_index = (0..readings.len()).max_by(|&a, &b| {
        let (ra, rb) = (&readings[a], &readings[b]);
        ra.confidence
            .total_cmp(&rb.confidence)
            .then(pos_rank(per_reading[a].1).cmp(&pos_rank(per_reading[b].1)))
            .then(support(a).cmp(&support(b)))
            .then_with(|| {
                if per_reading[a].0 == per_reading[b].0 {
                    std::cmp::Ordering::Equal
                } else {
                    rb.lemma.cmp(&ra.lemma)
                }
            })
    })?;
    let best = &readings[best_index];
    if best.lemma.is_empty() {
        return None;
    }
    let (best_lemma, pos) = per_reading[best_index];
    // the readings of the best one's lemma and part of speech
    let same = || {
        readings
            .iter()
            .zip(per_reading.iter())
            .filter(|(_, (l, p))| *l == best_lemma && *p == pos)
            .map(|(r, _)| r)
    };
    let genitive = same().any(|r| r.case == Some(Case::Gen));
    let nominative = same().any(|r| r.case == Some(Case::Nom));
    let capitalized = word.chars().next().is_some_and(char::is_uppercase);
    let proper = capitalized && best.name_class.is_some();
    Some(WordInfo {
        lemma: best.lemma.clone(),
        pos,
        genitive,
        nominative,
        proper,
        first_name: capitalized
            && readings
                .iter()
                .any(|r| r.name_classes.contains(NameClass::FirstName)),
    })
}

/// The lemma of a run of capitalized name words (`Asii Bibi` → `Asia
/// Bibi`), lemmatized as a person's name when it starts with a first name.
pub(crate) fn name_lemma(words: &[&str], person: bool) -> String {
    let label = if person { Label::Per } else { Label::Org };
    lemmatize_cached(words, label)
}

static PHRASES: Lazy<RwLock<super::FastMap<String, Arc<str>>>> =
    Lazy::new(|| RwLock::new(super::FastMap::default()));

/// The morphology's phrase lemmatizer behind a bounded cross-document
/// cache: names and phrases recur from one article to the next.
fn lemmatize_cached(words: &[&str], label: Label) -> String {
    let mut key = String::with_capacity(words.iter().map(|w| w.len() + 1).sum::<usize>() + 4);
    key.push_str(label.as_str());
    for w in words {
        key.push('\u{1}');
        key.push_str(w);
    }
    if let Ok(cache) = PHRASES.read()
        && let Some(lemma) = cache.get(&key)
    {
        return lemma.to_string();
    }
    let lemma = Morphology::embedded().lemmatize_name(words, label);
    if let Ok(mut cache) = PHRASES.write() {
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, Arc::from(lemma.as_str()));
    }
    lemma
}

/// The nominative of a common phrase (`funduszy unijnych` → `fundusze
/// unijne`, `budowy gazociągu` → `budowa gazociągu`): the morphology's
/// phrase lemmatizer, with the first letter lower-cased unless the phrase
/// starts with a name.
pub(crate) fn phrase_lemma(words: &[&str], starts_with_name: bool) -> String {
    let lemma = lemmatize_cached(words, Label::Org);
    if starts_with_name {
        return lemma;
    }
    let mut chars = lemma.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && words.first().is_some_and(|w| !is_all_caps(w)) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => lemma,
    }
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// A crude analysis from endings alone, for words the morphology does not
/// know (or when there is none): it lower-cases the word and guesses the part
/// of speech from its ending.
pub(crate) fn heuristic(word: &str) -> WordInfo {
    let lower = word.to_lowercase();
    let pos = guess_pos(&lower);
    let genitive = ends_any(
        &lower,
        &["ego", "ych", "ich", "ów", "ii", "ości", "ej", "u", "a"],
    );
    let nominative = !genitive;
    WordInfo {
        lemma: lower,
        pos,
        genitive,
        nominative,
        proper: false,
        first_name: false,
    }
}

fn ends_any(word: &str, endings: &[&str]) -> bool {
    endings.iter().any(|e| word.ends_with(e))
}

fn guess_pos(lower: &str) -> WordPos {
    let n = lower.chars().count();
    if n <= 2 {
        return WordPos::Other;
    }
    // Verb forms: past tense, infinitive, common present-tense endings.
    const VERB: &[&str] = &[
        "łem", "łam", "łeś", "łaś", "ł", "ła", "ło", "li", "ły", "liśmy", "łyśmy", "ć", "uje",
        "ują", "ujemy", "ujecie", "ować", "iła", "ił", "ało", "eli", "ją",
    ];
    // Adjectives: the regular declension endings of -ny, -ski, -owy, -ty, …
    const ADJ: &[&str] = &[
        "ny", "na", "ne", "nej", "nego", "nemu", "nych", "nym", "nymi", "ską", "ski", "ska",
        "skie", "skiej", "skiego", "skich", "skim", "skimi", "cki", "cka", "ckie", "ckiej",
        "ckiego", "ckich", "ckim", "owy", "owa", "owe", "owej", "owego", "owych", "owym", "owymi",
        "ący", "ąca", "ące", "ącej", "ącego", "ących", "ącym", "ały", "ała", "ałe", "ałej",
        "ałego", "ałych", "czy", "cza", "cze", "czej", "czego", "czych", "ty", "ta", "te", "tej",
        "tego", "tych", "tym", "wy", "wa", "we", "wej", "wego", "wych",
    ];
    if VERB.iter().any(|e| lower.ends_with(e)) {
        // Nouns that end like past-tense forms.
        const NOUN_L: &[&str] = &[
            "kapitał",
            "dział",
            "materiał",
            "potencjał",
            "artykuł",
            "kościół",
            "poseł",
            "węzeł",
            "anioł",
            "orzeł",
            "szpital",
            "sąd",
            "ideał",
            "kanał",
            "finał",
            "arsenał",
            "upał",
        ];
        if NOUN_L.iter().any(|e| lower.ends_with(e)) && !lower.ends_with("wiedział") {
            return WordPos::Noun;
        }
        return WordPos::Verb;
    }
    if ADJ.iter().any(|e| lower.ends_with(e)) {
        // Frequent nouns in -na, -ta, -wa, -cja: "strona", "gmina", "kwota",
        // "ustawa". Nouns win for -na/-ta/-wa forms longer than the suffix
        // pattern explains only when the word also ends like a noun class.
        if [
            "ona", "ina", "yna", "ota", "awa", "ewa", "iwa", "ata", "eta", "ita", "uta",
        ]
        .iter()
        .any(|e| lower.ends_with(e))
        {
            return WordPos::Noun;
        }
        return WordPos::Adj;
    }
    if n > 5 && (lower.ends_with("nie") || lower.ends_with("cie")) {
        return WordPos::Noun;
    }
    if lower.ends_with("o") && n > 4 && lower.ends_with("nio") {
        return WordPos::Other;
    }
    WordPos::Noun
}

/// Inflectional endings removed by [`stem`], longest first.
const ENDINGS: &[&str] = &[
    "owaniami", "owaniach", "owaniem", "owania", "owanie", "owaniu", "ościami", "ościach",
    "ościom", "ością", "ości", "ość", "iami", "iach", "iego", "iemu", "ach", "ami", "ego", "emu",
    "ymi", "imi", "ych", "ich", "owi", "om", "ów", "ie", "ia", "ii", "ią", "ię", "iu", "ej", "ym",
    "im", "em", "ą", "ę", "a", "e", "i", "o", "u", "y",
];

/// A matching key for a lemma or word form: lower case, inflectional endings
/// removed, `ó` folded to `o`. Two forms of one word usually share it
/// (`wybory`, `wyborach` → `wybor`), and so do a lexicon lemma and the words
/// of a text when no morphology is at hand.
///
/// ```text
/// stem("Szpitala") == "szpital"; stem("wybór") == "wybor"
/// ```
pub(crate) fn stem(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    stem_into(word, &mut out);
    out
}

/// Appends [`stem`] of `word` to `out` (no allocation unless `out` grows or
/// the word holds an `ó`).
pub(crate) fn stem_into(word: &str, out: &mut String) {
    let start = out.len();
    lower_into(word, out);
    let lower = &out[start..];
    let n = lower.chars().count();
    // Locative/dative stem alternations: brexicie → brexit, mieście →
    // miast, rządzie → rząd, teatrze → teatr.
    let alternation = [("ście", "st"), ("cie", "t"), ("dzie", "d"), ("rze", "r")]
        .into_iter()
        .find(|(from, _)| {
            n > 5
                && lower
                    .strip_suffix(from)
                    .is_some_and(|rest| rest.chars().count() >= 3)
        });
    if let Some((from, to)) = alternation {
        out.truncate(out.len() - from.len());
        out.push_str(to);
    } else if n > 4
        && let Some(last) = lower.chars().next_back()
        && let Some(ending) = endings_by_last_char(last)
            .iter()
            .find(|e| lower.ends_with(e.text) && n - e.chars >= 3)
    {
        out.truncate(out.len() - ending.text.len());
    }
    // (`ó` is the bytes C3 B3; the byte test spares a string search)
    if out.as_bytes()[start..].contains(&0xB3) && out[start..].contains('ó') {
        let folded = out[start..].replace('ó', "o");
        out.truncate(start);
        out.push_str(&folded);
    }
}

/// Appends `word.to_lowercase()` to `out`, allocating only when `out` grows.
pub(crate) fn lower_into(word: &str, out: &mut String) {
    let start = out.len();
    if word.is_ascii() {
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        // (Polish text is ASCII and Latin-1/Latin Extended-A letters, whose
        // lower case a table gives; other characters ask Unicode's)
        let table = latin_lower();
        for c in word.chars() {
            match table.get(c as usize) {
                Some(&lower) if lower != '\0' => out.push(lower),
                _ if c == 'Σ' => {
                    // (`str::to_lowercase` knows the final sigma)
                    out.truncate(start);
                    out.push_str(&word.to_lowercase());
                    return;
                }
                _ => out.extend(c.to_lowercase()),
            }
        }
    }
}

/// The lower case of the characters below U+0180 whose lower case is one
/// character (`'\0'` for the others), as `char::to_lowercase` gives it.
fn latin_lower() -> &'static [char; 0x180] {
    static TABLE: Lazy<[char; 0x180]> = Lazy::new(|| {
        std::array::from_fn(|i| {
            let c = char::from_u32(i as u32).unwrap_or('\0');
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => '\0',
            }
        })
    });
    &TABLE
}

/// An entry of [`ENDINGS`] with its length in characters.
#[derive(Debug, Clone, Copy)]
struct Ending {
    text: &'static str,
    chars: usize,
}

/// The entries of [`ENDINGS`] that end in `last`, in the list's order
/// (longest first), so [`stem`] tests a handful of endings instead of all.
fn endings_by_last_char(last: char) -> &'static [Ending] {
    static BY_LAST: Lazy<Vec<(char, Vec<Ending>)>> = Lazy::new(|| {
        let mut groups: Vec<(char, Vec<Ending>)> = Vec::new();
        for &text in ENDINGS {
            let Some(c) = text.chars().next_back() else {
                continue;
            };
            let ending = Ending {
                text,
                chars: text.chars().count(),
            };
            match groups.iter_mut().find(|(g, _)| *g == c) {
                Some((_, group)) => group.push(ending),
                None => groups.push((c, vec![ending])),
            }
        }
        groups
    });
    BY_LAST
        .iter()
        .find(|(c, _)| *c == last)
        .map_or(&[], |(_, group)| group.as_slice())
}

/// The built-in stopword list (`resources/lists/stopwords.txt`).
pub(crate) const STOPWORDS_TXT: &str = include_str!("../../resources/lists/stopwords.txt");

static STOPWORDS: Lazy<crate::hash::FastSet<String>> = Lazy::new(|| {
    STOPWORDS_TXT
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.to_lowercase())
        .collect()
});

/// True when the lower-cased `word` (a form or a lemma) is a stopword.
pub(crate) fn is_stopword(lower: &str) -> bool {
    STOPWORDS.contains(lower)
}

/// The stopwords of one to eight bytes, each kept as the number its bytes
/// make ([`crate::hash::load_tail_or_word`]), in a table small enough to
/// stay in the processor's first caches: a short word written as a listed
/// stopword (four words of ten in news text) is told one without looking up
/// its form.
///
/// A word's number sits in one bucket of eight, one cache line, and the
/// look-up compares all eight: it takes no branch on what it finds, and
/// whether a word is a stopword is as unpredictable as text. (Text holds no
/// zero bytes, so a number tells its length: zero-padding fills exactly the
/// bytes past the word.)
pub(crate) struct ShortStopwords {
    /// Numbers of stopwords; 0, the number of no word, fills empty places.
    buckets: Box<[Bucket]>,
    /// log2 of the number of buckets.
    bits: u32,
}

/// Eight numbers in one cache line.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket([u64; 8]);

impl ShortStopwords {
    fn build() -> ShortStopwords {
        let numbers: Vec<u64> = STOPWORDS
            .iter()
            .filter(|w| (1..=8).contains(&w.len()) && !w.as_bytes().contains(&0))
            .map(|w| crate::hash::load_tail_or_word(w.as_bytes()))
            .collect();
        // the fewest buckets, from two words a bucket, where no bucket
        // gets more than eight (at least two buckets: `bucket` shifts by
        // 64 - bits)
        let mut bits = (numbers.len() / 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(1);
        loop {
            let mut buckets = vec![Bucket::default(); 1 << bits].into_boxed_slice();
            let fits = numbers.iter().all(|&number| {
                let bucket = &mut buckets[Self::bucket(number, bits)].0;
                match bucket.iter_mut().find(|place| **place == 0) {
                    Some(place) => {
                        *place = number;
                        true
                    }
                    None => false,
                }
            });
            if fits {
                return ShortStopwords { buckets, bits };
            }
            bits += 1;
        }
    }

    #[inline]
    fn bucket(number: u64, bits: u32) -> usize {
        (number.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
    }

    /// True when `bytes` is, exactly, a stopword of the list of at most eight
    /// bytes (a form in lower case, as the list writes it); the word pass
    /// asks [`ShortStopwords::contains_number`] of the bytes it has loaded.
    #[cfg(test)]
    fn contains(&self, bytes: &[u8]) -> bool {
        match bytes.len() {
            n @ 1..=8 => self.contains_number(crate::hash::load_tail_or_word(bytes), n),
            _ => false,
        }
    }

    /// True when the `len` bytes whose zero-padded little-endian number is
    /// `number` are, exactly, a stopword of the list of at most eight bytes
    /// (false for any number when `len` is not 1 to 8, or when the bytes hold
    /// a zero byte).
    #[inline]
    pub(crate) fn contains_number(&self, number: u64, len: usize) -> bool {
        // (the length the number tells is the word's only without zero bytes)
        let whole = (len != 0) & (8 - number.leading_zeros() as usize / 8 == len);
        let bucket = &self.buckets[Self::bucket(number, self.bits)].0;
        whole & bucket.iter().fold(false, |found, &n| found | (n == number))
    }

    /// The table of the built-in stopword list.
    pub(crate) fn get() -> &'static ShortStopwords {
        static TABLE: Lazy<ShortStopwords> = Lazy::new(ShortStopwords::build);
        &TABLE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_group_forms() {
        assert_eq!(stem("Szpitala"), "szpital");
        assert_eq!(stem("szpital"), "szpital");
        assert_eq!(stem("wybory"), stem("wyborach"));
        assert_eq!(stem("wybór"), "wybor");
        assert_eq!(stem("ul"), "ul");
        assert_eq!(stem("brexicie"), stem("brexitu"));
        assert_eq!(stem("teatrze"), stem("teatru"));
        assert_eq!(stem(""), "");
        assert_eq!(stem("ŁÓDŹ"), "łodź");
        // a final sigma lower-cases as in `str::to_lowercase`
        assert_eq!(stem("ΣΟΦΟΣ"), "ΣΟΦΟΣ".to_lowercase());
        assert!(stem("ΣΟΦΟΣ").ends_with('\u{3c2}'));
        let mut key = String::from("nord_");
        stem_into("Streamie", &mut key);
        assert_eq!(key, format!("nord_{}", stem("Streamie")));
    }

    #[test]
    fn form_records_fill_cache_lines_exactly() {
        assert_eq!(std::mem::size_of::<Analyzed>(), 32);
        let mut table = FormTable::default();
        let a = table.index_of(key_hash("Szpitala"), || "Szpitala");
        let b = table.index_of(key_hash("szpital"), || "szpital");
        assert_eq!(a, table.index_of(key_hash("Szpitala"), || "Szpitala"));
        assert_ne!(a, b);
        assert_eq!(&*table.strings(b).lemma, "szpital");
        assert_eq!(table.record(a).key, table.record(b).key);
        assert_eq!(table.key_text(table.record(a).key), "szpital");
        assert_eq!(table.key_number("szpital"), Some(table.record(b).key));
        assert!(!table.hits(table.record(b)).is_empty());
        // growing moves the records: the generation says so, and every form
        // is still found, with its own record
        let generation = table.generation();
        let forms: Vec<String> = (0..5000).map(|i| format!("Słowo{i}")).collect();
        for f in &forms {
            table.index_of(key_hash(f), || f);
        }
        assert_ne!(table.generation(), generation);
        let generation = table.generation();
        for f in &forms {
            let id = table.find(key_hash(f)).unwrap();
            assert_eq!(table.index_of(key_hash(f), || f), id);
            assert_eq!(table.record(id).form_hash, key_hash(f));
        }
        let b = table.find(key_hash("szpital")).unwrap();
        assert_eq!(&*table.strings(b).lemma, "szpital");
        assert_eq!(table.generation(), generation);
        assert_eq!(table.find(key_hash("Szpitalom")), None);
    }

    #[test]
    fn lower_into_lower_cases_as_the_standard_library_does() {
        let mut out = String::new();
        for word in [
            "ŻÓŁĆ",
            "Łódź",
            "ĄĘŚŹŃ",
            "İstanbul",
            "ΣΟΦΟΣ",
            "Straße",
            "ǅemal",
            "ÀÉÎÕÜ",
            "ĲSSEL",
        ] {
            out.clear();
            lower_into(word, &mut out);
            assert_eq!(out, word.to_lowercase(), "{word}");
        }
        for c in (0..0x250u32).filter_map(char::from_u32) {
            let word = format!("{c}Ą{c}x");
            out.clear();
            lower_into(&word, &mut out);
            assert_eq!(out, word.to_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn two_chars_or_more_counts_characters() {
        for (word, expected) in [
            ("", false),
            ("a", false),
            ("ż", false),
            ("\u{1F600}", false),
            ("ab", true),
            ("żó", true),
            ("\u{1F600}a", true),
            ("\u{1F600}\u{1F600}", true),
        ] {
            assert_eq!(two_chars_or_more(word), expected, "{word:?}");
            assert_eq!(word.chars().nth(1).is_some(), expected, "{word:?}");
        }
    }

    #[test]
    fn short_stopwords_are_exactly_the_short_listed_forms() {
        let short = ShortStopwords::get();
        for word in STOPWORDS.iter() {
            assert_eq!(short.contains(word.as_bytes()), word.len() <= 8, "{word}");
        }
        for word in [
            "",
            "W",
            "Się",
            "gazociąg",
            "szpital",
            "sięx",
            "si",
            "który\0",
        ] {
            assert!(!short.contains(word.as_bytes()), "{word:?}");
        }
        // a listed word followed by zero bytes loads as the same number:
        // the length tells them apart
        assert!(short.contains(b"w"));
        assert!(!short.contains(b"w\0"));
        assert!(!short.contains(b"\0w"));
        assert!(!short.contains_number(0, 0));
        assert!(!short.contains_number(crate::hash::load_tail_or_word(b"w"), 9));
        // (small enough for the first-level cache)
        assert!(short.buckets.len() <= 512, "{}", short.buckets.len());
    }

    #[test]
    fn stopwords_are_loaded() {
        assert!(STOPWORDS.len() > 300, "{}", STOPWORDS.len());
        assert!(is_stopword("który"));
        assert!(is_stopword("się"));
        assert!(!is_stopword("gazociąg"));
    }

    #[test]
    fn heuristic_pos() {
        assert_eq!(heuristic("powiedział").pos, WordPos::Verb);
        assert_eq!(heuristic("europejskiej").pos, WordPos::Adj);
        assert_eq!(heuristic("gazociąg").pos, WordPos::Noun);
    }
}
