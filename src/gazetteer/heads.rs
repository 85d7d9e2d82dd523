//! The first words of a gazetteer's keys, in an open-addressing hash table.
//!
//! The matcher probes it once for every token that passes its byte tests, so
//! the probe is kept short: the words live in one buffer (no allocation per
//! word at load), a word's hash reads at most its first and last eight bytes
//! with no copying, and a slot holds a 32-bit index, tagged with part of the
//! hash so that a wrong slot is mostly rejected without comparing bytes.

/// No index (an empty slot, a missing entry).
pub(super) const NONE: u32 = u32::MAX;

/// What the keys starting with one first word are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head {
    /// The entry of the one-word key equal to the word, or [`NONE`].
    pub single: u32,
    /// Whether longer keys start with the word and a space.
    pub multi: bool,
    /// Whether the word starts with a lower-case letter: only such words
    /// are looked for at lower-case tokens.
    pub lower: bool,
    /// When `multi`: where the matcher keeps the automaton's state after the
    /// word and a space, or [`NONE`].
    pub after: u32,
}

/// One word of the table: where it is in the buffer, and its head.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: u32,
    len: u32,
    /// The high half of the word's hash.
    tag: u32,
    head: Head,
}

/// The table; see the module docs.
#[derive(Debug, Default)]
pub(super) struct Heads {
    text: String,
    words: Vec<Word>,
    /// Indices into `words`, [`NONE`] for an empty slot; the length is a
    /// power of two at least twice the number of words, so a probe always
    /// meets an empty slot.
    slots: Box<[u32]>,
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

impl Heads {
    /// An empty table with room for `capacity` words.
    pub(super) fn with_capacity(capacity: usize) -> Heads {
        let slots = (capacity.max(4) * 2).next_power_of_two();
        Heads {
            text: String::new(),
            words: Vec::with_capacity(capacity),
            slots: vec![NONE; slots].into_boxed_slice(),
        }
    }

    /// The slot of `word`: the one holding it, or the empty one where it
    /// would go.
    #[inline]
    fn slot(&self, word: &[u8], hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            match self.words.get(s as usize) {
                None => return i,
                Some(w)
                    if w.tag == tag
                        && self
                            .text
                            .as_bytes()
                            .get(w.start as usize..(w.start + w.len) as usize)
                            == Some(word) =>
                {
                    return i;
                }
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    /// The head of `word`, if it is in the table.
    #[inline]
    pub(super) fn get(&self, word: &[u8]) -> Option<&Head> {
        if self.words.is_empty() {
            return None;
        }
        let i = self.slot(word, word_hash(word));
        self.words.get(self.slots[i] as usize).map(|w| &w.head)
    }

    /// The head of `word`, inserted as `new` if missing. Grows the table
    /// when it would be more than half full.
    pub(super) fn get_or_insert(&mut self, word: &str, new: Head) -> &mut Head {
        if (self.words.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = word_hash(word.as_bytes());
        let i = self.slot(word.as_bytes(), hash);
        if self.slots[i] == NONE {
            self.slots[i] = self.words.len() as u32;
            self.words.push(Word {
                start: self.text.len() as u32,
                len: word.len() as u32,
                tag: (hash >> 32) as u32,
                head: new,
            });
            self.text.push_str(word);
        }
        let w = self.slots[i] as usize;
        &mut self.words[w].head
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.words);
        *self = Heads {
            text: std::mem::take(&mut self.text),
            words: Vec::with_capacity(old.len() * 2),
            slots: vec![NONE; (self.slots.len() * 2).max(8)].into_boxed_slice(),
        };
        for w in old {
            let word = &self.text.as_bytes()[w.start as usize..(w.start + w.len) as usize];
            let i = self.slot(word, word_hash(word));
            self.slots[i] = self.words.len() as u32;
            self.words.push(w);
        }
    }

    /// Every word with its head, in insertion order.
    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Head)> {
        let text = &self.text;
        self.words.iter_mut().map(move |w| {
            let word = text.get(w.start as usize..(w.start + w.len) as usize);
            (word.unwrap_or_default(), &mut w.head)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(single: u32) -> Head {
        Head {
            single,
            multi: false,
            lower: false,
            after: NONE,
        }
    }

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut t = Heads::with_capacity(2);
        let words: Vec<String> = (0..500)
            .map(|i| format!("Słowo{i}"))
            .chain(["", "a", "ab", "abc", "abcd", "Kraków", "Krakówek"].map(String::from))
            .collect();
        for (i, w) in words.iter().enumerate() {
            t.get_or_insert(w, head(i as u32));
        }
        // inserting again keeps the first head
        t.get_or_insert("Kraków", head(9999));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w.as_bytes()).map(|h| h.single), Some(i as u32), "{w}");
        }
        for w in ["Słowo500", "b", "abcde", "Krakó", "kraków", "Słowo1 "] {
            assert!(t.get(w.as_bytes()).is_none(), "{w}");
        }
        assert_eq!(t.iter_mut().count(), words.len());
        assert!(Heads::default().get(b"a").is_none());
    }

    #[test]
    fn words_sharing_their_ends_are_told_apart() {
        // same length, same first and last eight bytes: same hash
        let a = "Międzynarodowy-Instytut";
        let b = "Międzynarodowa-Instytut";
        let c = "MiędzynarodowyXInstytut";
        let mut t = Heads::with_capacity(4);
        t.get_or_insert(a, head(1));
        t.get_or_insert(c, head(3));
        assert_eq!(t.get(a.as_bytes()).map(|h| h.single), Some(1));
        assert_eq!(t.get(c.as_bytes()).map(|h| h.single), Some(3));
        assert!(t.get(b.as_bytes()).is_none());
    }
}
