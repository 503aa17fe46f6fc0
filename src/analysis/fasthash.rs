//! A small, fast, deterministic hasher for the analysis' internal maps.
//!
//! The keys are short strings and integers produced by the analysis itself (no untrusted
//! input decides the table layout in a way that matters), so SipHash's flooding protection
//! buys nothing here, while hashing dominates look-ups in the hot loops.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hasher (the FxHash scheme used by rustc).
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
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
            self.add(u64::from_le_bytes(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The [`FastHasher`] hash of a string as `Hash for str` feeds it (its bytes, then `0xff`):
/// the same value a [`FastMap`] keyed by the string computes.
pub fn hash_str(s: &str) -> u64 {
    use std::hash::Hash;
    let mut h = FastHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// [`hash_str`] of the ASCII text `s` (its bytes) lower-cased
/// (`hash_str(&text.to_ascii_lowercase())`), with no `String`: each 8-byte chunk is
/// lower-cased as one `u64` (bytes `A`-`Z` get bit 5), so the hasher sees the bytes `Hash
/// for str` would feed it. Only for ASCII (callers lower-case other text themselves): a byte
/// at or above 0x80 would carry into the next.
pub fn hash_ascii_lowercase(s: &[u8]) -> u64 {
    debug_assert!(s.is_ascii());
    /// Sets bit 5 of each byte in `A..=Z` of eight bytes, each below 0x80.
    fn lower(x: u64) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let at_least_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
        let above_z = x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
        let upper = at_least_a & !above_z & (ONES * 0x80);
        x | (upper >> 2)
    }
    let mut h = FastHasher::default();
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h.add(lower(u64::from_le_bytes(b)));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h.add(lower(u64::from_le_bytes(b)));
    }
    h.write_u8(0xff);
    h.finish()
}

/// `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lowercase_hash_is_the_hash_of_the_lowercased_string() {
        let all: String = (0u8..0x80).map(char::from).collect();
        let mut cases = vec![
            String::new(),
            "A".into(),
            "Putin".into(),
            "CEASEFIRE".into(),
            "@[`{AZaz09".into(),
            "Hello, World! 12345678".into(),
            all.clone(),
        ];
        for n in 0..all.len() {
            cases.push(all[n..].to_string());
            cases.push(all[..n].to_string());
        }
        for s in &cases {
            assert_eq!(
                hash_ascii_lowercase(s.as_bytes()),
                hash_str(&s.to_ascii_lowercase()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn maps_work_and_hash_is_stable() {
        let mut m: FastMap<String, u32> = FastMap::default();
        m.insert("putin".into(), 1);
        m.insert("ceasefir".into(), 2);
        assert_eq!(m.get("putin"), Some(&1));
        assert_eq!(m.get("trump"), None);
        let h = |s: &str| {
            let mut x = FastHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_eq!(h("abc"), h("abc"));
        assert_ne!(h("abc"), h("abd"));
    }
}
