//! The one fast hasher of the crate, for the hash maps keyed by words, ids
//! and small arrays that the pipeline consults for every token.
//!
//! It reads eight bytes at a time (the multiply-rotate step of rustc's Fx
//! hash) and ends with the splitmix64 finalizer, so that every bit of the
//! input reaches the low bits `hashbrown` uses to pick a bucket (a plain Fx
//! hash leaves the low bits of short words depending on their first letters
//! only, and such words then crowd into the same buckets). It is not meant to
//! resist hash flooding: keys come from our own resources or from one
//! document at a time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, deterministic hasher for short keys (see the module docs).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
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
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            // the length keeps "a" and "a\0" apart
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
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

/// A hasher for keys that already are [`FastHasher`] hashes: it passes the
/// `u64` through (hashing it again would only cost time).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct PrehashedHasher(u64);

impl Hasher for PrehashedHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        // not reached for `u64` keys; fold anything else in all the same
        let mut h = FastHasher(self.0);
        h.write(bytes);
        self.0 = h.finish();
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
}

/// A `HashMap` keyed by [`FastHasher`] hashes.
pub(crate) type PrehashedMap<V> = HashMap<u64, V, BuildHasherDefault<PrehashedHasher>>;

/// A `HashMap` with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`].
pub(crate) type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

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
    fn prehashed_maps_find_their_keys() {
        let build = BuildHasherDefault::<FastHasher>::default();
        let mut m: PrehashedMap<&str> = PrehashedMap::default();
        for w in ["Gdańsk", "Gdańska", "Gdańskiem", "port"] {
            m.insert(build.hash_one(w), w);
        }
        assert_eq!(m.get(&build.hash_one("Gdańska")), Some(&"Gdańska"));
        assert_eq!(m.get(&build.hash_one("porty")), None);
    }

    #[test]
    fn equal_keys_equal_hashes() {
        let build = BuildHasherDefault::<FastHasher>::default();
        assert_eq!(build.hash_one("Kraków"), build.hash_one("Kraków"));
        assert_ne!(build.hash_one("Kraków"), build.hash_one("Krakowa"));
        assert_ne!(build.hash_one("a"), build.hash_one("a\0"));
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
