//! Reading `morph.bin`, the binary lexicon written by
//! `resources/scripts/morph/build-morph` (its `main.rs` documents the layout).
//!
//! Everything is read in place from the byte slice: the fst maps borrow it and
//! the tables are decoded on access, so loading costs only the parsing of a
//! few hundred tag strings.

use fst::Map;
use fst::raw::Output;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Magic bytes at the start of the blob.
const MAGIC: &[u8; 8] = b"PLMORPH\0";
/// The layout version this reader understands.
const VERSION: u32 = 2;

/// One packed entry of a set: rule, tag, class, flags, and for guesses a weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry(pub u64);

impl Entry {
    /// Index of the rewrite rule.
    pub fn rule(self) -> u32 {
        (self.0 & 0xff_ffff) as u32
    }
    /// Index of the tag.
    pub fn tag(self) -> u16 {
        (self.0 >> 24) as u16
    }
    /// Index of the class list.
    pub fn class(self) -> u8 {
        (self.0 >> 40) as u8
    }
    /// Flags of a lexicon entry (bit 0: stylistically marked).
    pub fn flags(self) -> u8 {
        (self.0 >> 48) as u8
    }
    /// True for an entry of a capitalized form (its key is lower-cased).
    pub fn capitalized(self) -> bool {
        self.flags() & 2 != 0
    }
    /// Share of a guess among the guesses of its suffix, in 0..=1.
    pub fn weight(self) -> f32 {
        (self.0 >> 48) as u16 as f32 / 65535.0
    }
}

/// A table of sets: offsets into a flat array of entries.
#[derive(Clone, Copy)]
pub(crate) struct Sets<'a> {
    offsets: &'a [u8],
    entries: &'a [u8],
}

impl<'a> Sets<'a> {
    fn new(offsets: &'a [u8], entries: &'a [u8]) -> Option<Sets<'a>> {
        if offsets.len() % 4 != 0 || entries.len() % 8 != 0 || offsets.len() < 4 {
            return None;
        }
        let sets = Sets { offsets, entries };
        // The last offset closes the table.
        if sets.offset(sets.len()) as usize * 8 != entries.len() {
            return None;
        }
        Some(sets)
    }

    /// Number of sets.
    pub fn len(&self) -> usize {
        self.offsets.len() / 4 - 1
    }

    fn offset(&self, i: usize) -> u32 {
        let b = &self.offsets[i * 4..i * 4 + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The entries of set `id`; empty for an id out of range.
    pub fn get(&self, id: u64) -> impl ExactSizeIterator<Item = Entry> + 'a {
        let id = id as usize;
        let (start, end) = if id < self.len() {
            (self.offset(id) as usize, self.offset(id + 1) as usize)
        } else {
            (0, 0)
        };
        let end = end.clamp(start, self.entries.len() / 8);
        self.entries[start * 8..end * 8].chunks_exact(8).map(|b| {
            Entry(u64::from_le_bytes([
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
            ]))
        })
    }
}

/// A rewrite rule: strip `prefix` bytes, prepend `prepend`, strip `suffix`
/// bytes, append `append`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule<'a> {
    pub prefix: usize,
    pub prepend: &'a str,
    pub suffix: usize,
    pub append: &'a str,
}

impl<'a> Rule<'a> {
    /// Applies the rule to `word`, writing into `out` (cleared first).
    /// Returns false, leaving `out` empty, when the rule does not fit `word`.
    #[inline]
    pub fn apply(&self, word: &str, out: &mut String) -> bool {
        out.clear();
        // `get` checks the bounds and the char boundaries; a suffix longer
        // than the word wraps to an end past it.
        let Some(stem) = word.get(self.prefix..word.len().wrapping_sub(self.suffix)) else {
            return false;
        };
        if !self.prepend.is_empty() {
            out.push_str(self.prepend);
        }
        out.push_str(stem);
        if !self.append.is_empty() {
            out.push_str(self.append);
        }
        true
    }

    /// A rule that never applies.
    pub fn never() -> Rule<'a> {
        Rule {
            prefix: usize::MAX / 2,
            prepend: "",
            suffix: usize::MAX / 2,
            append: "",
        }
    }
}

/// The parsed sections of the blob.
pub(crate) struct Blob<'a> {
    /// Lower-case and capitalized forms, keyed by the lower-case form.
    pub forms: Map<&'a [u8]>,
    /// Other forms (`NATO`, `PiS`), keyed as written.
    pub exact: Map<&'a [u8]>,
    pub sets: Sets<'a>,
    rules: &'a [u8],
    rulestr: &'a str,
    pub tags: &'a str,
    pub classes: &'a str,
    pub lemmas: Map<&'a [u8]>,
    pub gsets: Sets<'a>,
    pub guess: Map<&'a [u8]>,
    pub usets: Sets<'a>,
    /// Frequent forms, '\n'-separated.
    pub hot: &'a str,
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Blob<'a> {
    /// Parses the header and sections; `Err` names what is wrong.
    pub fn parse(data: &'a [u8]) -> Result<Blob<'a>, String> {
        if data.get(..8) != Some(MAGIC.as_slice()) {
            return Err("not a polner morphology blob (bad magic)".into());
        }
        let version = u32_at(data, 8).ok_or("truncated header")?;
        if version != VERSION {
            return Err(format!(
                "morphology blob version {version}, expected {VERSION}"
            ));
        }
        let n = u32_at(data, 12).ok_or("truncated header")? as usize;
        let section = |name: &str| -> Result<&'a [u8], String> {
            for i in 0..n {
                let at = 16 + i * 16;
                let raw = data.get(at..at + 8).ok_or("truncated section table")?;
                let len = raw.iter().position(|&b| b == 0).unwrap_or(8);
                if &raw[..len] == name.as_bytes() {
                    let off = u32_at(data, at + 8).ok_or("truncated section table")? as usize;
                    let size = u32_at(data, at + 12).ok_or("truncated section table")? as usize;
                    return data
                        .get(off..off + size)
                        .ok_or_else(|| format!("section {name} out of bounds"));
                }
            }
            Err(format!("missing section {name}"))
        };
        let map = |name: &str| -> Result<Map<&'a [u8]>, String> {
            Map::new(section(name)?).map_err(|e| format!("section {name}: {e}"))
        };
        let sets = |o: &str, e: &str| -> Result<Sets<'a>, String> {
            Sets::new(section(o)?, section(e)?).ok_or_else(|| format!("section {o}: bad table"))
        };
        let text = |name: &str| -> Result<&'a str, String> {
            std::str::from_utf8(section(name)?).map_err(|e| format!("section {name}: {e}"))
        };
        let rules = section("rules")?;
        if rules.len() % 8 != 0 {
            return Err("section rules: bad table".into());
        }
        Ok(Blob {
            forms: map("forms")?,
            exact: map("exact")?,
            sets: sets("sets", "entries")?,
            rules,
            rulestr: text("rulestr")?,
            tags: text("tags")?,
            classes: text("classes")?,
            lemmas: map("lemmas")?,
            gsets: sets("gsets", "gentries")?,
            guess: map("guess")?,
            usets: sets("usets", "uentries")?,
            hot: text("hot")?,
        })
    }

    /// Number of rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len() / 8
    }

    /// Rule `id`; an out-of-range id gives a rule that never applies.
    pub fn rule(&self, id: u32) -> Rule<'a> {
        let never = Rule::never();
        let at = id as usize * 8;
        let (Some(off), Some(packed)) = (u32_at(self.rules, at), u32_at(self.rules, at + 4)) else {
            return never;
        };
        let pre_len = (off >> 24) as usize;
        let off = (off & 0xff_ffff) as usize;
        let len = (packed >> 16) as usize;
        match (
            self.rulestr.get(off..off + pre_len),
            self.rulestr.get(off + pre_len..off + pre_len + len),
        ) {
            (Some(prepend), Some(append)) => Rule {
                prefix: (packed & 0xff) as usize,
                prepend,
                suffix: ((packed >> 8) & 0xff) as usize,
                append,
            },
            _ => never,
        }
    }
}

/// How many leading key bytes [`PrefixIndex`] resolves at once.
const PREFIX_LEN: usize = 4;

/// The fst state after every `PREFIX_LEN`-byte prefix of a map's keys, so
/// that a look-up starts there instead of walking the top of the fst, where
/// the states are wide and slow to decode.
pub(crate) struct PrefixIndex {
    /// Prefix bytes (little-endian) → (state address, output so far).
    states: HashMap<u32, (usize, u64), BuildHasherDefault<super::FxHasher>>,
}

impl PrefixIndex {
    /// Walks the top `PREFIX_LEN` levels of `map`.
    pub fn new(map: &Map<&[u8]>) -> PrefixIndex {
        let fst = map.as_fst();
        let mut states = HashMap::default();
        let mut stack = vec![(fst.root().addr(), 0u64, 0u32, 0usize)];
        while let Some((addr, out, key, depth)) = stack.pop() {
            if depth == PREFIX_LEN {
                states.insert(key, (addr, out));
                continue;
            }
            for t in fst.node(addr).transitions() {
                stack.push((
                    t.addr,
                    out + t.out.value(),
                    key | (t.inp as u32) << (8 * depth),
                    depth + 1,
                ));
            }
        }
        PrefixIndex { states }
    }

    /// The output of `key` in `map` (the map this index was built from).
    #[inline]
    pub fn get(&self, map: &Map<&[u8]>, key: &[u8]) -> Option<u64> {
        let Some(head) = key.first_chunk::<PREFIX_LEN>() else {
            return map.get(key);
        };
        let &(addr, out) = self.states.get(&u32::from_le_bytes(*head))?;
        let fst = map.as_fst();
        let mut node = fst.node(addr);
        let mut out = Output::new(out);
        for &b in &key[PREFIX_LEN..] {
            let t = node.transition(node.find_input(b)?);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        node.is_final()
            .then(|| out.cat(node.final_output()).value())
    }
}
