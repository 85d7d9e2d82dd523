//! Compiles the TSV written by `export_sgjp.py` into `morph.bin`, the binary
//! lexicon that polner embeds (`src/morph/format.rs` reads it).
//!
//! Usage: `build-morph SGJP.tsv OUT.bin`
//!
//! Layout (all integers little-endian; see `src/morph/format.rs`):
//!
//! ```text
//! "PLMORPH\0"  u32 version  u32 n_sections  n × (name [u8; 8], u32 offset, u32 len)
//! forms      fst::Map   lower-cased form → analysis-set id (lower-case and capitalized forms;
//!                       entry flag 2 marks the capitalized ones)
//! exact      fst::Map   form → analysis-set id, for the other forms (`NATO`, `PiS`)
//! sets       u32 × (n+1) start of each set in `entries`
//! entries    u64 × m    rule:24 | tag:16 | class:8 | flags:8   (rule turns the form into the lemma;
//!                       flags: 1 stylistically marked, 2 capitalized form)
//! rules      u32 × 2 per rule: rulestr offset:24 | prepend_len:8, strip_prefix:8 | strip_suffix:8 | append_len:16
//! rulestr    bytes (each rule's prepend string, then its append string)
//! tags       tag strings, '\n'-separated (id = line)
//! classes    class lists ("imię,nazwisko"), '\n'-separated, id 0 = ""
//! lemmas     fst::Map   lemma → generation-set id
//! gsets      u32 × (n+1)
//! gentries   u64 × m    rule:24 | tag:16 | class:8 | flags:8   (rule turns the lemma into the form)
//! guess      fst::Map   domain byte (N all proper names, P people, G places, C common words)
//!                       + reversed suffix → guess-set id
//! usets      u32 × (n+1)
//! uentries   u64 × m    rule:24 | tag:16 | class:8 | unused:8 | weight:16 (share × 65535)
//! hot        frequent forms, '\n'-separated, put in a hash table at load time
//! ```

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};

const VERSION: u32 = 2;
/// Lemmas whose forms are frequent in any text (besides the closed classes).
const HOT_LEMMAS: &[&str] = &[
    "być", "mieć", "móc", "musieć", "chcieć", "zostać", "ten", "tamten", "który", "jaki", "taki",
    "każdy", "wszystek", "sam", "swój", "mój", "twój", "nasz", "wasz", "inny", "cały", "jeden",
    "dwa", "trzy", "rok", "czas", "człowiek", "dzień", "sprawa", "raz", "bardzo", "już",
    "jeszcze", "tylko", "także", "również", "teraz", "tak", "jak", "wiele", "dużo", "kilka",
];

/// Flag: the form carries a stylistic qualifier (archaic, rare, dialectal, …).
const FLAG_MARKED: u64 = 1;
/// Flag: the form is capitalized (its key in `forms` is lower-cased).
const FLAG_CAPITALIZED: u64 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Casing {
    /// No upper-case letter.
    Lower,
    /// The first letter upper case, no other.
    Capitalized,
    /// Anything else (`NATO`, `PiS`, `iPhone`).
    Other,
}

/// Must agree with `casing` in `src/morph/mod.rs`.
fn casing(form: &str) -> Casing {
    let mut letters = form.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Casing::Lower;
    };
    let upper_rest = letters.any(char::is_uppercase);
    match (first.is_uppercase(), upper_rest) {
        (false, false) => Casing::Lower,
        (true, false) => Casing::Capitalized,
        _ => Casing::Other,
    }
}
/// Longest suffix (in chars) the guesser learns.
const GUESS_MAX_SUFFIX: usize = 7;
/// A suffix needs this many distinct lemmas to be kept.
const GUESS_MIN_LEMMAS: u32 = 3;
/// Entries under this share of a suffix are dropped.
const GUESS_MIN_SHARE: f64 = 0.02;
/// At most this many guesses per suffix.
const GUESS_MAX_ENTRIES: usize = 24;

#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    items: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.items.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.items.push(s.to_string());
        id
    }
}

/// A rewrite rule: strip `prefix` bytes, prepend a string, strip `suffix`
/// bytes, append a string.
type RuleKey = (u8, String, u8, String);

#[derive(Default)]
struct Rules {
    ids: HashMap<RuleKey, u32>,
    items: Vec<RuleKey>,
}

impl Rules {
    /// The rule that turns `from` into `to`. Both words are aligned on their
    /// longest common stretch starting within the first six letters of each,
    /// so that `nie-`/`naj-` prefixes are stripped or added by the rule and
    /// the rest stays a suffix rewrite shared by whole paradigms.
    fn rule(&mut self, from: &str, to: &str) -> u32 {
        let starts = |w: &str| -> Vec<usize> {
            w.char_indices().map(|(i, _)| i).take(7).collect()
        };
        let mut best = (0usize, 0usize, common_prefix(from, to));
        for &p in &starts(from) {
            for &q in &starts(to) {
                if p == 0 && q == 0 {
                    continue;
                }
                let c = common_prefix(&from[p..], &to[q..]);
                if c > best.2 + 2 {
                    best = (p, q, c);
                }
            }
        }
        let (p, q, c) = best;
        let strip_suffix = from.len() - p - c;
        let key = (
            u8::try_from(p).expect("prefix"),
            to[..q].to_string(),
            u8::try_from(strip_suffix).expect("word too long"),
            to[q + c..].to_string(),
        );
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.items.len() as u32;
        assert!(id < 1 << 24, "too many rules");
        self.ids.insert(key.clone(), id);
        self.items.push(key);
        id
    }
}

/// Length in bytes of the common prefix of `a` and `b`, on char boundaries.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, ca), cb)| ca != cb)
        .map(|((i, _), _)| i)
        .unwrap_or_else(|| a.len().min(b.len()))
}

/// Sets of entries, de-duplicated; ids are given by decreasing frequency.
#[derive(Default)]
struct SetTable {
    ids: HashMap<Vec<u64>, u32>,
    sets: Vec<Vec<u64>>,
    uses: Vec<u64>,
}

impl SetTable {
    fn id(&mut self, mut set: Vec<u64>) -> u32 {
        set.sort_unstable();
        set.dedup();
        if let Some(&id) = self.ids.get(&set) {
            self.uses[id as usize] += 1;
            return id;
        }
        let id = self.sets.len() as u32;
        self.ids.insert(set.clone(), id);
        self.sets.push(set);
        self.uses.push(1);
        id
    }

    /// Renumbers by decreasing use; returns old id → new id and the
    /// serialized (offsets, entries) sections.
    fn finish(self) -> (Vec<u32>, Vec<u8>, Vec<u8>) {
        let mut order: Vec<u32> = (0..self.sets.len() as u32).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(self.uses[i as usize]), i));
        let mut remap = vec![0u32; order.len()];
        let mut offsets = Vec::new();
        let mut entries = Vec::new();
        let mut n = 0u32;
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
            offsets.extend_from_slice(&n.to_le_bytes());
            for e in &self.sets[old as usize] {
                entries.extend_from_slice(&e.to_le_bytes());
                n += 1;
            }
        }
        offsets.extend_from_slice(&n.to_le_bytes());
        (remap, offsets, entries)
    }
}

fn pack(rule: u32, tag: u32, class: u32, flags: u64) -> u64 {
    assert!(tag < 1 << 16 && class < 1 << 8);
    rule as u64 | (tag as u64) << 24 | (class as u64) << 40 | flags << 48
}

fn build_map(mut pairs: Vec<(Vec<u8>, u64)>) -> Vec<u8> {
    pairs.sort_unstable();
    pairs.dedup_by(|a, b| a.0 == b.0);
    let mut builder = fst::MapBuilder::memory();
    for (k, v) in pairs {
        builder.insert(k, v).expect("sorted keys");
    }
    builder.into_inner().expect("fst")
}

fn is_marked(quals: &str) -> bool {
    // Stylistic labels of SGJP that make a reading unlikely in news text.
    quals.split(',').any(|q| {
        let q = q.trim();
        q.starts_with("daw")
            || q.starts_with("arch")
            || q.starts_with("rzad")
            || q.starts_with("przest")
            || q.starts_with("gw")
            || q.starts_with("poet")
            || q.starts_with("książk")
            || q.starts_with("środ")
            || q.starts_with("pot")
            || q.starts_with("wulg")
            || q.starts_with("techn")
    })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build-morph SGJP.tsv OUT.bin");
        std::process::exit(2);
    }
    let input = BufReader::new(fs::File::open(&args[1]).expect("open input"));

    let mut tags = Interner::default();
    let mut classes = Interner::default();
    classes.id("");
    let mut rules = Rules::default();
    let mut form_sets = SetTable::default();
    let mut form_pairs: Vec<(Vec<u8>, u32)> = Vec::new();
    let mut by_lemma: HashMap<String, Vec<u64>> = HashMap::new();
    // Guesser: suffix → (entry → set of lemmas seen), for capitalized lemmas.
    // Guesser: domain byte + reversed suffix → entry → count of forms.
    let mut guess: HashMap<Vec<u8>, HashMap<u64, u32>> = HashMap::new();
    let mut guess_lemmas: HashMap<Vec<u8>, u32> = HashMap::new();

    // Frequent forms of running text, looked up through a hash table at
    // load time instead of the fst: closed classes and a few pronominal and
    // auxiliary lemmas.
    let mut hot: std::collections::BTreeSet<String> = Default::default();
    // Forms in lower case or capitalized are keyed by their lower-case form
    // (flag FLAG_CAPITALIZED tells which), so that one look-up serves a
    // capitalized word and its lower-case reading; other forms (`NATO`,
    // `PiS`) are keyed exactly in a second map.
    let mut by_key: std::collections::BTreeMap<Vec<u8>, Vec<u64>> = Default::default();
    let mut by_exact: std::collections::BTreeMap<Vec<u8>, Vec<u64>> = Default::default();
    let mut rows = 0usize;
    let mut seen_guess: std::collections::HashSet<u64> = Default::default();
    for line in input.lines() {
        let line = line.expect("read");
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [form, lemma, tag, class, quals] = cols[..] else {
            panic!("bad line: {line}");
        };
        rows += 1;
        let class_of_tag = tag.split(':').next().unwrap_or("");
        if matches!(
            class_of_tag,
            "prep" | "conj" | "comp" | "qub" | "ppron12" | "ppron3" | "siebie" | "aglt" | "bedzie"
                | "interp" | "pred"
        ) || HOT_LEMMAS.contains(&lemma)
        {
            if form.len() <= 16 && !tag.starts_with("depr") && casing(form) != Casing::Other {
                hot.insert(form.to_lowercase());
            }
        }
        let tag_id = tags.id(tag);
        let class_id = classes.id(class);
        let flags = if is_marked(quals) { FLAG_MARKED } else { 0 };
        let analysis_rule = rules.rule(form, lemma);
        match casing(form) {
            Casing::Lower => by_key
                .entry(form.as_bytes().to_vec())
                .or_default()
                .push(pack(analysis_rule, tag_id, class_id, flags)),
            Casing::Capitalized => by_key
                .entry(form.to_lowercase().into_bytes())
                .or_default()
                .push(pack(analysis_rule, tag_id, class_id, flags | FLAG_CAPITALIZED)),
            Casing::Other => by_exact
                .entry(form.as_bytes().to_vec())
                .or_default()
                .push(pack(analysis_rule, tag_id, class_id, flags)),
        }
        let gen_rule = rules.rule(lemma, form);
        by_lemma
            .entry(lemma.to_string())
            .or_default()
            .push(pack(gen_rule, tag_id, class_id, flags));

        // The guesser learns from unmarked forms, in four domains: all
        // proper names (N), people (P), places (G), common words (C).
        // Depreciative forms (`depr`) are left out: they only add noise.
        if flags == 0 && !tag.starts_with("depr") {
            let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let mut domains: Vec<u8> = Vec::new();
            if cap(lemma) && cap(form) {
                domains.push(b'N');
                if class.contains("imię") || class.contains("nazwisk") {
                    domains.push(b'P');
                }
                if class.contains("geograficzn") {
                    domains.push(b'G');
                }
            } else if !cap(lemma) && !cap(form) && form.chars().any(char::is_alphabetic) {
                domains.push(b'C');
            }
            let (p, prepend, strip, _) = &rules.items[analysis_rule as usize];
            let n_chars = form.chars().count();
            if !domains.is_empty() && *p == 0 && prepend.is_empty() {
                for k in 1..=GUESS_MAX_SUFFIX.min(n_chars.saturating_sub(2)) {
                    let start = form.char_indices().nth(n_chars - k).map(|(i, _)| i).unwrap();
                    if form.len() - start < *strip as usize {
                        continue; // the rule reaches into the stem
                    }
                    for &d in &domains {
                        // Outside N the domain says what the class is.
                        let class = if d == b'N' { class_id } else { 0 };
                        let entry = pack(analysis_rule, tag_id, class, 0);
                        let mut key = vec![d];
                        key.extend(form[start..].bytes().rev());
                        let counts = guess.entry(key.clone()).or_default();
                        *counts.entry(entry).or_default() += 1;
                        let mut h = std::collections::hash_map::DefaultHasher::new();
                        std::hash::Hash::hash(&(&key, lemma), &mut h);
                        if seen_guess.insert(std::hash::Hasher::finish(&h)) {
                            *guess_lemmas.entry(key).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    drop(seen_guess);
    for (key, set) in by_key {
        form_pairs.push((key, form_sets.id(set)));
    }
    let mut exact_pairs = Vec::new();
    for (key, set) in by_exact {
        exact_pairs.push((key, form_sets.id(set)));
    }
    eprintln!(
        "rows {rows}, forms {}, sets {}, rules {}, tags {}, classes {}, lemmas {}",
        form_pairs.len(),
        form_sets.sets.len(),
        rules.items.len(),
        tags.items.len(),
        classes.items.len(),
        by_lemma.len()
    );

    let (remap, sets, entries) = form_sets.finish();
    let forms = build_map(
        form_pairs
            .into_iter()
            .map(|(k, v)| (k, remap[v as usize] as u64))
            .collect(),
    );
    let exact = build_map(
        exact_pairs
            .into_iter()
            .map(|(k, v)| (k, remap[v as usize] as u64))
            .collect(),
    );

    let mut gen_sets = SetTable::default();
    // Sorted, so that set ids (and the output) do not depend on hash order.
    let mut by_lemma: Vec<(String, Vec<u64>)> = by_lemma.into_iter().collect();
    by_lemma.sort_unstable();
    let lemma_pairs: Vec<(Vec<u8>, u32)> = by_lemma
        .into_iter()
        .map(|(l, set)| (l.into_bytes(), gen_sets.id(set)))
        .collect();
    let (gremap, gsets, gentries) = gen_sets.finish();
    let lemmas = build_map(
        lemma_pairs
            .into_iter()
            .map(|(k, v)| (k, gremap[v as usize] as u64))
            .collect(),
    );

    // Guesser: keep suffixes seen with enough lemmas; entries by share.
    let mut guess_sets = SetTable::default();
    let mut guess_pairs = Vec::new();
    let mut guess: Vec<(Vec<u8>, HashMap<u64, u32>)> = guess.into_iter().collect();
    guess.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (suffix, counts) in guess {
        if guess_lemmas.get(&suffix).copied().unwrap_or(0) < GUESS_MIN_LEMMAS {
            continue;
        }
        let total: u32 = counts.values().sum();
        let mut items: Vec<(u64, u32)> = counts.into_iter().collect();
        items.sort_by_key(|&(e, c)| (std::cmp::Reverse(c), e));
        let set: Vec<u64> = items
            .into_iter()
            .filter(|&(_, c)| c as f64 / total as f64 >= GUESS_MIN_SHARE)
            .take(GUESS_MAX_ENTRIES)
            .map(|(e, c)| {
                // Quantize the share so that sets can be shared.
                let w = ((c as f64 / total as f64) * 64.0).ceil() as u64 * 1024 - 1;
                e | w.min(65535) << 48
            })
            .collect();
        if set.is_empty() {
            continue;
        }
        guess_pairs.push((suffix, guess_sets.id(set)));
    }
    let (uremap, usets, uentries) = guess_sets.finish();
    let guess_fst = build_map(
        guess_pairs
            .into_iter()
            .map(|(k, v)| (k, uremap[v as usize] as u64))
            .collect(),
    );

    let mut rule_bytes = Vec::new();
    let mut rulestr = Vec::new();
    for (p, prepend, s, append) in &rules.items {
        // rulestr offset:24 | prepend_len:8 ; strip_prefix:8 | strip_suffix:8 | append_len:16
        let off = rulestr.len() as u32;
        assert!(off < 1 << 24 && prepend.len() < 256, "rule table too large");
        let len = u16::try_from(append.len()).expect("append");
        rule_bytes.extend_from_slice(&(off | (prepend.len() as u32) << 24).to_le_bytes());
        let packed = *p as u32 | (*s as u32) << 8 | (len as u32) << 16;
        rule_bytes.extend_from_slice(&packed.to_le_bytes());
        rulestr.extend_from_slice(prepend.as_bytes());
        rulestr.extend_from_slice(append.as_bytes());
    }

    let sections: Vec<(&str, Vec<u8>)> = vec![
        ("forms", forms),
        ("exact", exact),
        ("sets", sets),
        ("entries", entries),
        ("rules", rule_bytes),
        ("rulestr", rulestr),
        ("tags", tags.items.join("\n").into_bytes()),
        ("classes", classes.items.join("\n").into_bytes()),
        ("lemmas", lemmas),
        ("gsets", gsets),
        ("gentries", gentries),
        ("guess", guess_fst),
        ("usets", usets),
        ("uentries", uentries),
        ("hot", hot.into_iter().collect::<Vec<_>>().join("\n").into_bytes()),
    ];
    let header_len = 16 + sections.len() * 16;
    let mut out = Vec::new();
    out.extend_from_slice(b"PLMORPH\0");
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = header_len;
    for (name, data) in &sections {
        let mut n = [0u8; 8];
        n[..name.len()].copy_from_slice(name.as_bytes());
        out.extend_from_slice(&n);
        // Sections start on 8-byte boundaries.
        offset = offset.next_multiple_of(8);
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        offset += data.len();
    }
    for (name, data) in &sections {
        out.resize(out.len().next_multiple_of(8), 0);
        eprintln!("{name:>8}: {:>10} bytes", data.len());
        out.extend_from_slice(data);
    }
    let mut f = fs::File::create(&args[2]).expect("create output");
    f.write_all(&out).expect("write");
    eprintln!("wrote {} ({} bytes)", args[2], out.len());
}
