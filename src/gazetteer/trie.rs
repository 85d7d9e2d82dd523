//! The words of a gazetteer's keys as a trie, in an open-addressing hash
//! table: a node is a key's first word (under the root) or a word following
//! another node, so the tokens of a text are matched word by word.
//!
//! The matcher probes it once for every token that passes its byte tests, so
//! the probe is kept short: the words live in one buffer (no allocation per
//! word at load), a word's hash reads at most its first and last eight bytes
//! with no copying, and a slot holds a node's 32-bit index beside the high
//! half of its hash, so that the probe passes over the slots of other words
//! without reading their nodes or comparing bytes.

/// No index (an empty slot, a missing entry).
pub(super) const NONE: u32 = u32::MAX;

/// The parent of the first words of keys.
pub(super) const ROOT: u32 = u32::MAX;

/// What the keys through one node (a sequence of words) are.
#[derive(Debug, Clone, Copy)]
pub(super) struct NodeInfo {
    /// The entry of the key made of exactly these words, or [`NONE`].
    pub single: u32,
    /// Whether longer keys start with these words and a space.
    pub multi: bool,
    /// Under the root: whether the word starts with a lower-case letter
    /// (only such words are looked for at lower-case tokens).
    pub lower: bool,
}

/// One node of the table: its parent, where its word is in the buffer, and
/// what keys go through it.
#[derive(Debug, Clone, Copy)]
struct Word {
    parent: u32,
    start: u32,
    len: u32,
    info: NodeInfo,
}

/// A slot of the table: the high half of its node's hash above the node's
/// index, so that a probe passes over the slots of other words without
/// reading their nodes; [`EMPTY`] for an empty slot.
type Slot = u64;

/// An empty slot (its index is [`NONE`]).
const EMPTY: Slot = u64::MAX;

/// The slot of node `id` with hash `hash`.
#[inline]
fn slot_of(hash: u64, id: u32) -> Slot {
    (hash & !0xFFFF_FFFF) | u64::from(id)
}

/// The node index of a slot ([`NONE`] when empty).
#[inline]
fn index_of(slot: Slot) -> u32 {
    slot as u32
}

/// The table; see the module docs. A node's id is its index in `words`.
#[derive(Debug, Default)]
pub(super) struct WordTrie {
    text: String,
    words: Vec<Word>,
    /// The words' slots ([`Slot`]); the length is a power of two at least
    /// twice the number of words, so a probe always meets an empty slot.
    slots: Box<[Slot]>,
}

/// A hash of a word from its length and its first and last eight (or four,
/// or three) bytes; words that share those collide and are told apart by
/// comparing their bytes.
#[inline]
fn word_hash(b: &[u8]) -> u64 {
    let n = b.len();
    let (x, y) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
        (Some(f), Some(l)) => (u64::from_le_bytes(*f), u64::from_le_bytes(*l)),
        _ => match (b.first_chunk::<4>(), b.last_chunk::<4>()) {
            (Some(f), Some(l)) => (
                u64::from(u32::from_le_bytes(*f)),
                u64::from(u32::from_le_bytes(*l)),
            ),
            _ => match b {
                [] => (0, 0),
                [first, ..] => (
                    u64::from(*first) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16,
                    0,
                ),
            },
        },
    };
    let h = (x ^ y.rotate_left(29) ^ (n as u64) << 56).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29)
}

/// The hash of a node: its word's hash mixed with its parent.
#[inline]
fn node_hash(parent: u32, word: &[u8]) -> u64 {
    let h = word_hash(word);
    if parent == ROOT {
        return h;
    }
    let h = (h ^ u64::from(parent).wrapping_mul(0xD6E8_FEB8_6659_FD93))
        .wrapping_mul(0xA076_1D64_78BD_642F);
    h ^ (h >> 32)
}

impl WordTrie {
    /// An empty table with room for `capacity` words.
    pub(super) fn with_capacity(capacity: usize) -> WordTrie {
        let slots = (capacity.max(4) * 2).next_power_of_two();
        WordTrie {
            text: String::new(),
            words: Vec::with_capacity(capacity),
            slots: vec![EMPTY; slots].into_boxed_slice(),
        }
    }

    /// The slot of node (`parent`, `word`): the one holding it, or the
    /// empty one where it would go.
    #[inline]
    fn slot(&self, parent: u32, word: &[u8], hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let tag = hash & !0xFFFF_FFFF;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return i;
            }
            if s & !0xFFFF_FFFF == tag
                && let Some(w) = self.words.get(index_of(s) as usize)
                && w.parent == parent
                && self
                    .text
                    .as_bytes()
                    .get(w.start as usize..(w.start + w.len) as usize)
                    == Some(word)
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// The node of `word` under `parent` ([`ROOT`] for a first word), if
    /// any: its id and info.
    #[inline]
    pub(super) fn get(&self, parent: u32, word: &[u8]) -> Option<(u32, &NodeInfo)> {
        if self.words.is_empty() {
            return None;
        }
        let i = self.slot(parent, word, node_hash(parent, word));
        let id = index_of(self.slots[i]);
        self.words.get(id as usize).map(|w| (id, &w.info))
    }

    /// The node of `word` under `parent`, inserted with info `new` if
    /// missing: its id and info. Grows the table when it would be more than
    /// half full.
    pub(super) fn get_or_insert(
        &mut self,
        parent: u32,
        word: &str,
        new: NodeInfo,
    ) -> (u32, &mut NodeInfo) {
        if (self.words.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = node_hash(parent, word.as_bytes());
        let i = self.slot(parent, word.as_bytes(), hash);
        if self.slots[i] == EMPTY {
            self.slots[i] = slot_of(hash, self.words.len() as u32);
            self.words.push(Word {
                parent,
                start: self.text.len() as u32,
                len: word.len() as u32,
                info: new,
            });
            self.text.push_str(word);
        }
        let id = index_of(self.slots[i]);
        (id, &mut self.words[id as usize].info)
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.words);
        *self = WordTrie {
            text: std::mem::take(&mut self.text),
            words: Vec::with_capacity(old.len() * 2),
            slots: vec![EMPTY; (self.slots.len() * 2).max(8)].into_boxed_slice(),
        };
        for w in old {
            let word = &self.text.as_bytes()[w.start as usize..(w.start + w.len) as usize];
            let hash = node_hash(w.parent, word);
            let i = self.slot(w.parent, word, hash);
            self.slots[i] = slot_of(hash, self.words.len() as u32);
            self.words.push(w);
        }
    }

    /// Number of nodes.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.words.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(single: u32) -> NodeInfo {
        NodeInfo {
            single,
            multi: false,
            lower: false,
        }
    }

    fn single(t: &WordTrie, parent: u32, w: &str) -> Option<u32> {
        t.get(parent, w.as_bytes()).map(|(_, h)| h.single)
    }

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut t = WordTrie::with_capacity(2);
        let words: Vec<String> = (0..500)
            .map(|i| format!("Słowo{i}"))
            .chain(["", "a", "ab", "abc", "abcd", "Kraków", "Krakówek"].map(String::from))
            .collect();
        for (i, w) in words.iter().enumerate() {
            t.get_or_insert(ROOT, w, info(i as u32));
        }
        // inserting again keeps the first info
        t.get_or_insert(ROOT, "Kraków", info(9999));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(single(&t, ROOT, w), Some(i as u32), "{w}");
        }
        for w in ["Słowo500", "b", "abcde", "Krakó", "kraków", "Słowo1 "] {
            assert!(t.get(ROOT, w.as_bytes()).is_none(), "{w}");
        }
        assert_eq!(t.len(), words.len());
        assert!(WordTrie::default().get(ROOT, b"a").is_none());
    }

    #[test]
    fn words_are_told_apart_by_parent() {
        let mut t = WordTrie::with_capacity(4);
        let (nowy, _) = t.get_or_insert(ROOT, "Nowy", info(1));
        let (stary, _) = t.get_or_insert(ROOT, "Stary", info(2));
        t.get_or_insert(nowy, "Sącz", info(3));
        t.get_or_insert(stary, "Sącz", info(4));
        assert_eq!(single(&t, nowy, "Sącz"), Some(3));
        assert_eq!(single(&t, stary, "Sącz"), Some(4));
        assert_eq!(single(&t, ROOT, "Sącz"), None);
        assert_eq!(single(&t, nowy, "Nowy"), None);
    }

    #[test]
    fn words_sharing_their_ends_are_told_apart() {
        // same length, same first and last eight bytes: same hash
        let a = "Międzynarodowy-Instytut";
        let b = "Międzynarodowa-Instytut";
        let c = "MiędzynarodowyXInstytut";
        let mut t = WordTrie::with_capacity(4);
        t.get_or_insert(ROOT, a, info(1));
        t.get_or_insert(ROOT, c, info(3));
        assert_eq!(single(&t, ROOT, a), Some(1));
        assert_eq!(single(&t, ROOT, c), Some(3));
        assert!(t.get(ROOT, b.as_bytes()).is_none());
    }
}
