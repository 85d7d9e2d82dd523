//! The one fast hasher of the crate, for the hash maps keyed by words, ids
//! and small arrays that the pipeline consults for every token.
//!
//! It reads eight bytes at a time, mixes each word in with a folded 128-bit
//! multiply (as foldhash and wyhash do, so that a difference anywhere in a
//! word spreads over the whole state), and ends with the splitmix64
//! finalizer, so that every bit of the input reaches the low bits `hashbrown`
//! uses to pick a bucket. The topics stage identifies word forms by these
//! 64-bit hashes, so structured inputs (numbered words, shared prefixes) must
//! not collide. It is not meant to resist hash flooding: keys come from our
//! own resources or from one document at a time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Asks the processor to start loading the cache line holding `value`, so
/// that a read of it a little later does not wait for memory. A hint only:
/// it changes no result, and on targets other than x86-64 it does nothing.
#[inline(always)]
pub(crate) fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing the program can observe and never
    // faults (the address comes from a live reference anyway); SSE, which
    // provides it, is part of every x86-64 processor.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// A fast, deterministic hasher for short keys (see the module docs).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
/// The multiplier for the last, partial word of a byte string.
const K_TAIL: u64 = 0x9e_37_79_b9_7f_4a_7c_15;

/// The high and low halves of the 128-bit product, folded: every input bit
/// reaches every output bit (a plain 64-bit multiply only carries bits
/// upwards, so two words differing in their top byte could cancel out).
#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let full = (a as u128).wrapping_mul(b as u128);
    (full as u64) ^ ((full >> 64) as u64)
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = fold_mul(self.0 ^ word, K);
    }
}

/// The 1 to 7 bytes of `rest` as a little-endian number, zero-padded, read
/// with at most three loads instead of a variable-length copy (which
/// compiles to a call to `memcpy`).
#[inline]
fn load_tail(rest: &[u8]) -> u64 {
    let n = rest.len();
    debug_assert!((1..8).contains(&n));
    if n >= 4 {
        // two overlapping 4-byte reads; the bytes they share are equal
        let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
        let hi = u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
        lo | (hi << ((n - 4) * 8))
    } else {
        // the first, middle and last byte (some of them the same)
        rest[0] as u64 | (rest[n / 2] as u64) << (n / 2 * 8) | (rest[n - 1] as u64) << ((n - 1) * 8)
    }
}

/// A 64-bit hash of a byte string in one step, for tables keyed by the
/// hash alone (the topics stage's word forms and keys): the same mixing as
/// [`FastHasher`] (folded 128-bit multiplies), but a string of up to 16
/// bytes, as most words are, takes two loads and two multiplies instead of a
/// multiply per word, one for the end marker and the finalizer's two.
///
/// A string of up to 16 bytes hashes as [`hash_padded`] of its bytes read as
/// two zero-padded little-endian numbers, so that a caller holding them
/// ([`load_padded`]) need not read the string again.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let (a, b) = if n <= 8 {
        if n == 0 {
            (0, 0)
        } else {
            (load_tail_or_word(bytes), 0)
        }
    } else if n <= 16 {
        (load_word(&bytes[..8]), load_tail_or_word(&bytes[8..]))
    } else {
        let mut state = FastHasher(K_TAIL);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            state.add(load_word(c));
        }
        let rest = chunks.remainder();
        (state.0, if rest.is_empty() { 0 } else { load_tail(rest) })
    };
    hash_padded(a, b, n)
}

/// [`hash_bytes`] of a string of `n` bytes, at most 16, whose bytes read as
/// two zero-padded little-endian numbers are `a` (the first eight) and `b`
/// (the rest).
#[inline]
pub(crate) fn hash_padded(a: u64, b: u64, n: usize) -> u64 {
    // (the length keeps strings that load the same words apart)
    let mixed = fold_mul(a ^ K ^ ((n as u64) << 56), b ^ K_TAIL);
    fold_mul(mixed ^ (n as u64), K)
}

/// The `n` bytes of `bytes` from `start` on (`n` at most 16) as two
/// zero-padded little-endian numbers (the first eight, the rest), read
/// without a branch on `n` from the sixteen bytes there; `None` when fewer
/// than sixteen bytes follow `start`.
#[inline]
pub(crate) fn load_padded(bytes: &[u8], start: usize, n: usize) -> Option<(u64, u64)> {
    /// The masks that keep the first 0 to 8 bytes of a little-endian number.
    const FIRST_BYTES: [u64; 9] = [
        0,
        0xff,
        0xffff,
        0xff_ffff,
        0xffff_ffff,
        0xff_ffff_ffff,
        0xffff_ffff_ffff,
        0xff_ffff_ffff_ffff,
        u64::MAX,
    ];
    let chunk: &[u8; 16] = bytes.get(start..start.checked_add(16)?)?.try_into().ok()?;
    let (a, b) = chunk.split_at(8);
    Some((
        load_word(a) & FIRST_BYTES[n.min(8)],
        load_word(b) & FIRST_BYTES[n.saturating_sub(8).min(8)],
    ))
}

/// The eight bytes of `chunk` as a little-endian number.
#[inline]
fn load_word(chunk: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&chunk[..8]);
    u64::from_le_bytes(b)
}

/// The 1 to 8 bytes of `bytes` as a little-endian number, zero-padded.
#[inline]
pub(crate) fn load_tail_or_word(bytes: &[u8]) -> u64 {
    if bytes.len() == 8 {
        load_word(bytes)
    } else {
        load_tail(bytes)
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The length keeps "a" and "a\0" apart. A tail word gets its own
            // multiplier: with the common one, a 7-byte tail tagged with its
            // length equals a full 8-byte chunk ending in '8' (0x38 = 7 << 3),
            // and "słowo1" hashed like "słowo18".
            let tail = load_tail(rest) ^ ((rest.len() as u64) << 59);
            self.0 = fold_mul(self.0 ^ tail, K_TAIL);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// Dense ids for 64-bit hashes ([`FastHasher`] hashes of keys), in order of
/// first insertion: an open-addressing table of `(hash, id)` slots with
/// linear probing, kept at most half full. Cheaper than a `HashMap` when a
/// document interns every word: one probe touches one slot.
#[derive(Debug, Clone)]
pub(crate) struct IdTable {
    /// `(hash, id)`; `id == u32::MAX` marks an empty slot. The length is a
    /// power of two.
    slots: Vec<(u64, u32)>,
    len: u32,
}

impl Default for IdTable {
    fn default() -> Self {
        IdTable::with_capacity(0)
    }
}

impl IdTable {
    const EMPTY: (u64, u32) = (0, u32::MAX);

    /// A table that holds `n` ids before it grows.
    pub(crate) fn with_capacity(n: usize) -> Self {
        let slots = (n * 2).max(16).next_power_of_two();
        IdTable {
            slots: vec![Self::EMPTY; slots],
            len: 0,
        }
    }

    /// The id of `hash`, and whether it is new (then it is `len() - 1`).
    /// Empties the table and sizes it as [`IdTable::with_capacity`] would,
    /// keeping its allocation when the size is the same.
    pub(crate) fn reset(&mut self, n: usize) {
        let slots = (n * 2).max(16).next_power_of_two();
        if self.slots.len() == slots {
            self.slots.fill(Self::EMPTY);
        } else {
            self.slots = vec![Self::EMPTY; slots];
        }
        self.len = 0;
    }

    #[inline]
    pub(crate) fn id_or_insert(&mut self, hash: u64) -> (u32, bool) {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let (h, id) = self.slots[i];
            if id == u32::MAX {
                break;
            }
            if h == hash {
                return (id, false);
            }
            i = (i + 1) & mask;
        }
        let id = self.len;
        self.slots[i] = (hash, id);
        self.len += 1;
        if self.len as usize * 2 > self.slots.len() {
            self.grow();
        }
        (id, true)
    }

    /// The id of `hash`, if it has one.
    #[inline]
    pub(crate) fn get(&self, hash: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let (h, id) = self.slots[i];
            if id == u32::MAX {
                return None;
            }
            if h == hash {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let len = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Self::EMPTY; len]);
        let mask = self.slots.len() - 1;
        for (h, id) in old.into_iter().filter(|s| s.1 != u32::MAX) {
            let mut i = h as usize & mask;
            while self.slots[i].1 != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = (h, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn byte_strings_hash_apart() {
        // every length from 0 to 40, words that share prefixes and suffixes,
        // strings that differ only in their length or a zero byte
        let mut seen = std::collections::HashMap::new();
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        for n in 0..40 {
            inputs.push(vec![b'a'; n]);
            inputs.push(vec![0; n]);
        }
        for i in 0..20_000 {
            inputs.push(format!("słowo{i}").into_bytes());
            inputs.push(format!("{i}słowo").into_bytes());
            inputs.push(format!("przedsiębiorstwo{i}").into_bytes());
        }
        inputs.push(b"abcdefg\x0f".to_vec());
        // (strings of 9 to 16 bytes that share their last eight)
        inputs.push(b"xabcdefgh".to_vec());
        inputs.push(b"yyabcdefgh".to_vec());
        inputs.push(b"abcdefg".to_vec());
        inputs.sort();
        inputs.dedup();
        for input in &inputs {
            if let Some(other) = seen.insert(hash_bytes(input), input) {
                panic!("{other:?} and {input:?} share a hash");
            }
        }
        // the low bits pick a table slot: they must spread too
        let words = ["kot", "kos", "kon", "kop", "kol", "kob", "koc", "kod"];
        let mut low: Vec<u64> = words
            .iter()
            .map(|w| hash_bytes(w.as_bytes()) & 0xff)
            .collect();
        low.sort_unstable();
        low.dedup();
        assert!(low.len() >= 6, "low bits collide: {low:?}");
    }

    #[test]
    fn padded_loads_hash_as_the_bytes_do() {
        let text = "Rząd przyjął projekt ustawy o przedsiębiorstwach państwowych wczoraj.    ";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for n in 0..=16 {
                let Some(word) = bytes.get(start..start + n) else {
                    continue;
                };
                match load_padded(bytes, start, n) {
                    Some((a, b)) => {
                        assert_eq!(hash_padded(a, b, n), hash_bytes(word), "{start} {n}")
                    }
                    None => assert!(start + 16 > bytes.len()),
                }
            }
        }
        assert_eq!(load_padded(bytes, usize::MAX, 3), None);
    }

    #[test]
    fn short_words_spread_over_buckets() {
        // Words that share their first letters must not share low bits.
        let build = BuildHasherDefault::<FastHasher>::default();
        let words = ["kot", "kos", "kon", "kop", "kol", "kob", "koc", "kod"];
        let mut low: Vec<u64> = words.iter().map(|w| build.hash_one(w) & 0xff).collect();
        low.sort_unstable();
        low.dedup();
        assert!(low.len() >= 6, "low bits collide: {low:?}");
    }

    #[test]
    fn tails_load_as_zero_padded_little_endian() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77];
        for n in 1..8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                load_tail(&bytes[..n]),
                u64::from_le_bytes(padded),
                "{n} bytes"
            );
        }
    }

    #[test]
    fn equal_keys_equal_hashes() {
        let build = BuildHasherDefault::<FastHasher>::default();
        assert_eq!(build.hash_one("Kraków"), build.hash_one("Kraków"));
        assert_ne!(build.hash_one("Kraków"), build.hash_one("Krakowa"));
        assert_ne!(build.hash_one("a"), build.hash_one("a\0"));
        // a tagged 7-byte tail is not mistaken for a full 8-byte word
        assert_ne!(build.hash_one("słowo1"), build.hash_one("słowo18"));
        assert_ne!(build.hash_one("abcdefg"), build.hash_one("abcdefg8"));
    }

    #[test]
    fn structured_words_do_not_collide() {
        // numbered words and shared prefixes, the inputs a weak word mix
        // lets collide (the topics stage identifies forms by these hashes)
        let build = BuildHasherDefault::<FastHasher>::default();
        let mut hashes: Vec<u64> = (0..100_000u32)
            .flat_map(|i| [format!("słowo{i}"), format!("{i}"), format!("Kraków-{i}r.")])
            .map(|w| build.hash_one(&w))
            .collect();
        let n = hashes.len();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), n);
    }

    #[test]
    fn a_reset_id_table_starts_over() {
        let mut t = IdTable::with_capacity(4);
        t.id_or_insert(7);
        t.id_or_insert(9);
        t.reset(4);
        assert_eq!(t.get(7), None);
        assert_eq!(t.id_or_insert(9), (0, true));
        t.reset(1000);
        assert_eq!(t.get(9), None);
        assert_eq!(t.id_or_insert(7), (0, true));
    }

    #[test]
    fn id_table_gives_dense_ids_in_insertion_order() {
        let build = BuildHasherDefault::<FastHasher>::default();
        let mut t = IdTable::with_capacity(2);
        let words: Vec<String> = (0..1000).map(|i| format!("słowo{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.id_or_insert(build.hash_one(w)), (i as u32, true));
        }
        // the table grew several times; every id is still found
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.id_or_insert(build.hash_one(w)), (i as u32, false));
            assert_eq!(t.get(build.hash_one(w)), Some(i as u32));
        }
        assert_eq!(t.get(build.hash_one("brak")), None);
        // zero is an ordinary hash
        assert_eq!(t.id_or_insert(0), (1000, true));
        assert_eq!(t.get(0), Some(1000));
    }

    #[test]
    fn maps_work_with_string_keys() {
        let mut m: FastMap<String, u32> = FastMap::default();
        m.insert("Gdańsk".into(), 1);
        m.insert("Gdańska".into(), 2);
        assert_eq!(m.get("Gdańsk"), Some(&1));
        assert_eq!(m.get("Gdańska"), Some(&2));
        assert_eq!(m.get("Gdańskiem"), None);
    }
}
