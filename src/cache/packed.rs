//! Large numeric tables of the cache records (a grouping's postings and frequencies, the
//! duplicate sketches) stored as one MessagePack byte string each, little-endian, instead of
//! one MessagePack value per number: 1.6 million postings of a 40,000-article archive then
//! decode as a copy, not as 3.2 million values and 40,000 nested lists.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::corpus::grouping::candidates::Day;

/// Bytes stored as a MessagePack `bin` value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packed(pub Vec<u8>);

impl Serialize for Packed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Packed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Packed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Packed, E> {
                Ok(Packed(v.to_vec()))
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Packed, E> {
                Ok(Packed(v))
            }
        }
        d.deserialize_byte_buf(Visitor)
    }
}

/// Reads little-endian values off the front of a byte slice; `None` when it runs out.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take().map(f32::from_le_bytes)
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

/// Lists of `(u32, f32)` (postings): each list's length as u32, then its pairs.
pub fn pack_postings(lists: &[Vec<(u32, f32)>]) -> Packed {
    let mut out = Vec::with_capacity(lists.iter().map(|l| 4 + 8 * l.len()).sum());
    for l in lists {
        out.extend_from_slice(&(l.len() as u32).to_le_bytes());
        for (t, w) in l {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    Packed(out)
}

/// The lists [`pack_postings`] packed; `None` when the bytes do not hold exactly that.
pub fn unpack_postings(p: &Packed) -> Option<Vec<Vec<(u32, f32)>>> {
    unpack_lists(p, |r| Some((r.u32()?, r.f32()?)))
}

/// Lists packed as each one's length (u32) then its items (8 bytes each), read by `item`.
fn unpack_lists<T>(p: &Packed, item: impl Fn(&mut Reader<'_>) -> Option<T>) -> Option<Vec<Vec<T>>> {
    let mut r = Reader(&p.0);
    let mut out = Vec::new();
    while !r.done() {
        let n = r.u32()? as usize;
        let mut l = Vec::with_capacity(n.min(r.0.len() / 8));
        for _ in 0..n {
            l.push(item(&mut r)?);
        }
        out.push(l);
    }
    Some(out)
}

/// Lists of u64 (sketches): each list's length as u32, then its values.
pub fn pack_u64_lists(lists: &[Vec<u64>]) -> Packed {
    let mut out = Vec::with_capacity(lists.iter().map(|l| 4 + 8 * l.len()).sum());
    for l in lists {
        out.extend_from_slice(&(l.len() as u32).to_le_bytes());
        for v in l {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    Packed(out)
}

/// The lists [`pack_u64_lists`] packed; `None` when the bytes do not hold exactly that.
pub fn unpack_u64_lists(p: &Packed) -> Option<Vec<Vec<u64>>> {
    unpack_lists(p, |r| r.u64())
}

/// Pairs `(u64, u32)` (a frequency table's keys and frequencies).
pub fn pack_pairs(keys: &[u64], values: &[u32]) -> Packed {
    let mut out = Vec::with_capacity(12 * keys.len());
    for (k, v) in keys.iter().zip(values) {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    Packed(out)
}

/// The pairs [`pack_pairs`] packed, as two lists.
pub fn unpack_pairs(p: &Packed) -> Option<(Vec<u64>, Vec<u32>)> {
    let mut r = Reader(&p.0);
    let (mut keys, mut values) = (Vec::new(), Vec::new());
    while !r.done() {
        keys.push(r.u64()?);
        values.push(r.u32()?);
    }
    Some((keys, values))
}

/// 32-bit values, each as 4 bytes (an `i32` as its bits).
pub fn pack_u32s(values: impl ExactSizeIterator<Item = u32>) -> Packed {
    let mut out = Vec::with_capacity(4 * values.len());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
    Packed(out)
}

/// The values [`pack_u32s`] packed; `None` when the bytes are not a whole number of them.
pub fn unpack_u32s(p: &Packed) -> Option<Vec<u32>> {
    let chunks = p.0.chunks_exact(4);
    if !chunks.remainder().is_empty() {
        return None;
    }
    Some(
        chunks
            .map(|c| u32::from_le_bytes(c.try_into().unwrap_or_default()))
            .collect(),
    )
}

/// Sorted lists of days (a grouping's time-local frequencies, [`TimeDf`]'s `starts` and
/// `term_days`), as LEB128 varints: each list's length, its first day, then the differences
/// between neighbours (mostly one byte; 9 million days of a 40,000-article archive take
/// about a third of their 4 bytes each).
pub fn pack_day_lists(starts: &[u32], days: &[i32]) -> Packed {
    let mut out = Vec::with_capacity(days.len() + starts.len());
    for w in starts.windows(2) {
        let list = &days[w[0] as usize..w[1] as usize];
        varint(&mut out, list.len() as u64);
        let mut last = 0i64;
        for (k, &d) in list.iter().enumerate() {
            // the first day as its bits; then non-negative differences
            let v = if k == 0 {
                d as u32 as u64
            } else {
                (d as i64 - last) as u64
            };
            varint(&mut out, v);
            last = d as i64;
        }
    }
    Packed(out)
}

/// The `(starts, days)` [`pack_day_lists`] packed; `None` when the bytes do not hold exactly
/// that (a list out of order included).
pub fn unpack_day_lists(p: &Packed) -> Option<(Vec<u32>, Vec<i32>)> {
    let mut bytes = p.0.as_slice();
    let (mut starts, mut days) = (vec![0u32], Vec::new());
    while !bytes.is_empty() {
        let n = read_varint(&mut bytes)?;
        let mut last = 0i64;
        for k in 0..n {
            let v = read_varint(&mut bytes)?;
            let d = if k == 0 {
                u32::try_from(v).ok()? as i32 as i64
            } else {
                last.checked_add(i64::try_from(v).ok()?)?
            };
            days.push(i32::try_from(d).ok()?);
            last = d;
        }
        starts.push(u32::try_from(days.len()).ok()?);
    }
    Some((starts, days))
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// Blocking days: a flag byte (0 none, 1 given, 2 recovered), then the day as i32 when any.
pub fn pack_days(days: &[Option<Day>]) -> Packed {
    let mut out = Vec::with_capacity(5 * days.len());
    for d in days {
        match d {
            None => out.push(0),
            Some(d) => {
                out.push(if d.recovered { 2 } else { 1 });
                out.extend_from_slice(&d.day.to_le_bytes());
            }
        }
    }
    Packed(out)
}

/// The days [`pack_days`] packed.
pub fn unpack_days(p: &Packed) -> Option<Vec<Option<Day>>> {
    let mut r = Reader(&p.0);
    let mut out = Vec::new();
    while !r.done() {
        let [flag] = r.take::<1>()?;
        out.push(match flag {
            0 => None,
            1 | 2 => Some(Day {
                day: i32::from_le_bytes(r.take()?),
                recovered: flag == 2,
            }),
            _ => return None,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_lists_round_trip() {
        let starts = vec![0, 2, 2, 5];
        let days = vec![-3, 738_000, 5, 5, 900_000];
        let p = pack_day_lists(&starts, &days);
        assert_eq!(unpack_day_lists(&p), Some((starts, days)));
        assert_eq!(unpack_day_lists(&Packed(vec![0x80])), None);
    }

    #[test]
    fn tables_come_back_as_they_went_in_and_damage_is_seen() {
        let lists = vec![vec![(1, 0.5), (7, -0.25)], vec![], vec![(3, 1.0)]];
        assert_eq!(unpack_postings(&pack_postings(&lists)), Some(lists.clone()));
        let sk = vec![vec![1u64, u64::MAX], vec![]];
        assert_eq!(unpack_u64_lists(&pack_u64_lists(&sk)), Some(sk));
        let (k, v) = (vec![3u64, 9], vec![2u32, 5]);
        assert_eq!(unpack_pairs(&pack_pairs(&k, &v)), Some((k, v)));
        let days = vec![
            None,
            Some(Day {
                day: 737_000,
                recovered: true,
            }),
            Some(Day {
                day: -3,
                recovered: false,
            }),
        ];
        assert_eq!(unpack_days(&pack_days(&days)), Some(days));
        // a truncated table is refused, not read short
        let mut p = pack_postings(&lists);
        p.0.pop();
        assert_eq!(unpack_postings(&p), None);
        // through MessagePack as one byte string
        let bytes = rmp_serde::to_vec_named(&pack_days(&[None])).unwrap();
        assert_eq!(bytes, [0xc4, 1, 0]);
        let back: Packed = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, Packed(vec![0]));
    }
}
