//! Storing the result of a function over a list of items (articles) compactly, and replaying
//! it: each output item is the index of the input item it is, or the whole item where the
//! function changed it. Used for duplicate removal ([`super::dedupe`]) and grouping
//! ([`super::grouping`]), whose outputs are mostly their inputs, moved.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// The key of a stored result: XXH3-128 over `options` and the input items' digests.
pub fn key(options: &str, digests: &[u64]) -> [u64; 2] {
    let mut k = super::Digest::new();
    k.str(options);
    for d in digests {
        k.bytes(&d.to_le_bytes());
    }
    k.finish128()
}

/// One output item.
#[derive(Clone, Serialize, Deserialize)]
pub enum Member<T> {
    /// The input item at this index, unchanged.
    Input(u32),
    /// An item the function changed (or made), as it came out.
    Changed(Box<T>),
}

/// Matches output items to the input items with the same digest, each input used once (the
/// first unused index for equal digests: equal digests mean equal items).
pub struct Matcher {
    unused: HashMap<u64, Vec<usize>>,
}

impl Matcher {
    /// For inputs with these digests.
    pub fn new(digests: &[u64]) -> Self {
        let mut unused: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, d) in digests.iter().enumerate().rev() {
            unused.entry(*d).or_default().push(i);
        }
        Self { unused }
    }

    /// The first unused input index with digest `digest`, now used.
    pub fn index(&mut self, digest: u64) -> Option<usize> {
        self.unused.get_mut(&digest).and_then(Vec::pop)
    }

    /// The member for an output item with digest `digest`.
    pub fn member<T: Clone>(&mut self, item: &T, digest: u64) -> Member<T> {
        match self
            .unused
            .get_mut(&digest)
            .and_then(Vec::pop)
            .and_then(|i| u32::try_from(i).ok())
        {
            Some(i) => Member::Input(i),
            None => Member::Changed(Box::new(item.clone())),
        }
    }
}

/// The change from inputs with digests `old` to inputs with digests `new`: for each old
/// input its index among the new ones (`None`: removed), and the new inputs no old one
/// matches (added, ascending), equal digests matched in order (the k-th new input with a
/// digest takes the k-th old one). Two sorted lists merged: no map, no allocation per digest
/// (run on every change of the terminal UI's corpus, over every article). The start and end
/// the two lists have in common (a change of a few files leaves the rest in its order) are
/// matched in place and only the part between sorted, unless a digest of that part also
/// occurs outside it (equal digests are then matched over the whole lists, as above).
pub fn change_set(old: &[u64], new: &[u64]) -> (Vec<Option<usize>>, Vec<usize>) {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let mut mid: Vec<u64> = old_mid.iter().chain(new_mid).copied().collect();
    mid.sort_unstable();
    let mut outside = old[..head].iter().chain(&old[old.len() - tail..]);
    if head + tail == 0 || outside.any(|d| mid.binary_search(d).is_ok()) {
        return sorted_change_set(old, new);
    }
    let (mid_of_old, mid_added) = sorted_change_set(old_mid, new_mid);
    let mut new_of_old = Vec::with_capacity(old.len());
    new_of_old.extend((0..head).map(Some));
    new_of_old.extend(mid_of_old.into_iter().map(|i| i.map(|i| i + head)));
    new_of_old.extend((new.len() - tail..new.len()).map(Some));
    let added = mid_added.into_iter().map(|i| i + head).collect();
    (new_of_old, added)
}

/// [`change_set`] over the whole lists: both sorted, then merged.
fn sorted_change_set(old: &[u64], new: &[u64]) -> (Vec<Option<usize>>, Vec<usize>) {
    let sorted = |d: &[u64]| {
        let mut v: Vec<(u64, usize)> = d.iter().copied().zip(0..).collect();
        v.sort_unstable();
        v
    };
    let (olds, news) = (sorted(old), sorted(new));
    let mut new_of_old = vec![None; old.len()];
    let mut added = Vec::new();
    let mut o = 0;
    for &(d, i) in &news {
        while o < olds.len() && olds[o].0 < d {
            o += 1;
        }
        if o < olds.len() && olds[o].0 == d {
            new_of_old[olds[o].1] = Some(i);
            o += 1;
        } else {
            added.push(i);
        }
    }
    added.sort_unstable();
    (new_of_old, added)
}

/// Checks that every `Input` index is below `n` and used once; the reason when not.
pub fn check<'a, T: 'a>(
    n: usize,
    members: impl IntoIterator<Item = &'a Member<T>>,
) -> Result<(), String> {
    let mut seen = vec![false; n];
    for m in members {
        if let Member::Input(i) = m {
            let i = *i as usize;
            if i >= n || seen[i] {
                return Err(format!("item index {i} out of range or repeated"));
            }
            seen[i] = true;
        }
    }
    Ok(())
}

/// The inputs as slots members take from (after [`check`]).
pub struct Slots<T>(Vec<Option<T>>);

impl<T> Slots<T> {
    pub fn new(input: Vec<T>) -> Self {
        Self(input.into_iter().map(Some).collect())
    }

    /// The item of a member: the input moved out, or a copy of the stored one (the record
    /// stays as it is, kept for the next load), made an item (a stored article is shared
    /// as the events hold it).
    pub fn take<U: Clone + Into<T>>(&mut self, m: &Member<U>) -> Option<T> {
        match m {
            Member::Input(i) => self.0.get_mut(*i as usize).and_then(Option::take),
            Member::Changed(x) => Some((**x).clone().into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `change_set` as the matcher computes it, one new input at a time.
    fn by_matcher(old: &[u64], new: &[u64]) -> (Vec<Option<usize>>, Vec<usize>) {
        let mut matcher = Matcher::new(old);
        let mut new_of_old = vec![None; old.len()];
        let mut added = Vec::new();
        for (i, &d) in new.iter().enumerate() {
            match matcher.index(d) {
                Some(o) => new_of_old[o] = Some(i),
                None => added.push(i),
            }
        }
        (new_of_old, added)
    }

    #[test]
    fn the_change_set_matches_equal_digests_in_order() {
        let old = [5, 3, 5, 9, 1, 5, 7];
        let new = [3, 5, 8, 5, 1, 5, 5, 2];
        let (new_of_old, added) = change_set(&old, &new);
        assert_eq!(
            new_of_old,
            [Some(1), Some(0), Some(3), None, Some(4), Some(5), None]
        );
        assert_eq!(added, [2, 6, 7]);
        assert_eq!((new_of_old, added), by_matcher(&old, &new));
        // many sequences: the same as one new input at a time
        let mut x = 7u64;
        for len in 0..60 {
            let mut next = || {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 60) % 6
            };
            let old: Vec<u64> = (0..len).map(|_| next()).collect();
            let new: Vec<u64> = (0..len + 3 - len % 5).map(|_| next()).collect();
            assert_eq!(
                change_set(&old, &new),
                by_matcher(&old, &new),
                "{old:?} {new:?}"
            );
        }
    }

    /// Lists that share a start and an end (a few inputs removed, added or changed between),
    /// with digests repeated inside and outside the changed part: the same as one new input
    /// at a time.
    #[test]
    fn a_change_between_a_common_start_and_end_is_matched_as_the_whole_lists_are() {
        let (old, new) = ([1, 2, 3, 4, 5, 6], [1, 2, 9, 4, 5, 6, 7]);
        assert_eq!(
            change_set(&old, &new),
            (
                vec![Some(0), Some(1), None, Some(3), Some(4), Some(5)],
                vec![2, 6]
            )
        );
        let mut x = 11u64;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        for round in 0..400 {
            let len = 1 + next(40) as usize;
            let old: Vec<u64> = (0..len)
                .map(|_| next(if round % 2 == 0 { 5 } else { 1000 }))
                .collect();
            let mut new = old.clone();
            for _ in 0..1 + next(3) {
                let at = next(new.len() as u64 + 1) as usize;
                match next(3) {
                    0 => new.insert(at, next(6)),
                    1 if at < new.len() => {
                        new.remove(at);
                    }
                    _ if at < new.len() => new[at] = next(6),
                    _ => new.push(next(6)),
                }
            }
            assert_eq!(
                change_set(&old, &new),
                by_matcher(&old, &new),
                "{old:?} {new:?}"
            );
        }
    }
}
