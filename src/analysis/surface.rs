//! The surface form of a claim as the paraphrase model compares it: hashed word stems and
//! word n-grams, prepared once per claim so scoring a pair allocates almost nothing.
//!
//! The alignment scores every pair of claims that share a rarer term; the paraphrase model
//! runs for each of them, so its features are computed here on sorted hash lists (merge and
//! binary search) rather than on strings. `similarity::paraphrase_features` computes the same
//! values the slow, readable way for the offline fit; a test keeps the two equal.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::fasthash::FastHasher;
use super::tokens::Token;

/// Hashed stems and n-grams of one claim, shared: a claim's features are copied to every
/// sentence of the event with its text (`segment::analyse_articles`), and a copy costs one
/// reference count instead of eight vectors. Two copies of one text compare as the same
/// surface without a merge ([`surface_features`]).
#[derive(Debug, Clone, Default)]
pub struct Surface(Arc<Parts>);

/// The tables of a [`Surface`].
#[derive(Debug, Default)]
struct Parts {
    /// Stem hashes in text order.
    stems: Vec<u64>,
    /// `stems`, sorted and deduplicated.
    stem_set: Vec<u64>,
    /// Lower-cased word hashes, sorted and deduplicated.
    word_set: Vec<u64>,
    /// Stem-bigram hashes, sorted (duplicates kept: precision counts occurrences).
    bigrams: Vec<u64>,
    /// Stem-trigram hashes, sorted (duplicates kept).
    trigrams: Vec<u64>,
    /// How many distinct hashes `trigrams` holds.
    distinct_trigrams: usize,
    /// For a claim of at most 64 tokens: each distinct stem hash with the bit mask of its
    /// positions in `stems`, sorted by hash (the match masks of the bit-parallel LCS, built
    /// once per claim instead of once per pair and token); empty for longer claims.
    positions: Vec<(u64, u64)>,
    /// For a claim of at most 64 tokens, each token's index in `positions` and `stem_set`
    /// (so a pair's membership tests are array look-ups after one merge of the two tables);
    /// empty for longer claims.
    ranks: Vec<u32>,
}

fn hash_gram(g: &[u64]) -> u64 {
    let mut h = FastHasher::default();
    g.hash(&mut h);
    h.finish()
}

fn sorted_set(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v.dedup();
    v
}

/// The `positions` table of [`Surface`]: empty when `stems` has more than 64 tokens.
fn position_masks(stems: &[u64]) -> Vec<(u64, u64)> {
    if stems.len() > 64 {
        return Vec::new();
    }
    let mut at: Vec<(u64, u64)> = stems
        .iter()
        .enumerate()
        .map(|(j, &h)| (h, 1u64 << j))
        .collect();
    at.sort_unstable();
    at.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 |= next.1;
        }
        same
    });
    at
}

fn grams(stems: &[u64], n: usize) -> Vec<u64> {
    let mut g: Vec<u64> = stems.windows(n).map(hash_gram).collect();
    g.sort_unstable();
    g
}

impl Surface {
    pub fn new(tokens: &[Token]) -> Self {
        Self::from_hashes(
            tokens.iter().map(|t| t.stem_hash).collect(),
            tokens.iter().map(|t| t.lower_hash).collect(),
        )
    }

    /// The surface of a claim from its stem and word hashes, in text order.
    fn from_hashes(stems: Vec<u64>, words: Vec<u64>) -> Self {
        let trigrams = grams(&stems, 3);
        let positions = position_masks(&stems);
        // each distinct stem's positions are the bits of its mask
        let mut ranks = vec![0u32; if positions.is_empty() { 0 } else { stems.len() }];
        for (k, &(_, mask)) in positions.iter().enumerate() {
            let mut m = mask;
            while m != 0 {
                ranks[m.trailing_zeros() as usize] = k as u32;
                m &= m - 1;
            }
        }
        // the distinct stems, sorted, are the keys of `positions` when it is built
        let stem_set = if positions.is_empty() {
            sorted_set(stems.clone())
        } else {
            positions.iter().map(|p| p.0).collect()
        };
        Self(Arc::new(Parts {
            // `grams` sorts: the repeats of a trigram are neighbours
            distinct_trigrams: trigrams.chunk_by(|x, y| x == y).count(),
            stem_set,
            ranks,
            word_set: sorted_set(words),
            bigrams: grams(&stems, 2),
            trigrams,
            positions,
            stems,
        }))
    }
}

/// The surface features the paraphrase model weighs (names as in
/// `similarity::FEATURE_NAMES`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SurfaceFeatures {
    pub gap_long: f32,
    pub gap_max: f32,
    pub unigram: f32,
    pub surface: f32,
    pub trigram: f32,
    pub bi_pmin: f32,
    pub bi_pmax: f32,
    pub tri_pmax: f32,
    pub lcs: f32,
    pub lcs_min: f32,
    pub len_ratio: f32,
}

impl SurfaceFeatures {
    /// Feature names in the order of [`SurfaceFeatures::values`] (and of the paraphrase
    /// model's weights, `similarity::PARAPHRASE_WEIGHTS`).
    pub const NAMES: [&'static str; 11] = [
        "gap_long",
        "unigram",
        "tri_pmax",
        "lcs",
        "gap_max",
        "bi_pmin",
        "trigram",
        "len_ratio",
        "lcs_min",
        "surface",
        "bi_pmax",
    ];

    /// The values in the order of [`SurfaceFeatures::NAMES`].
    pub fn values(&self) -> [f32; 11] {
        [
            self.gap_long,
            self.unigram,
            self.tri_pmax,
            self.lcs,
            self.gap_max,
            self.bi_pmin,
            self.trigram,
            self.len_ratio,
            self.lcs_min,
            self.surface,
            self.bi_pmax,
        ]
    }
}

/// Dice coefficient of two sorted, deduplicated lists.
pub fn dice<T: Ord>(x: &[T], y: &[T]) -> f32 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * n as f32 / (x.len() + y.len()) as f32
}

/// Share of `x`'s n-grams (occurrences) found among `y`'s; both sorted, so one pass over
/// `y` serves all of `x`. (The reference [`Matches`] is tested against.)
#[cfg(test)]
fn found(x: &[u64], y: &[u64]) -> f32 {
    let mut j = 0;
    let n = x
        .iter()
        .filter(|&&g| {
            while j < y.len() && y[j] < g {
                j += 1;
            }
            y.get(j) == Some(&g)
        })
        .count();
    n as f32 / x.len() as f32
}

/// What one merge of two sorted n-gram lists (repeats kept) finds: how many of `x`'s
/// occurrences `y` holds, how many of `y`'s `x` holds, and how many distinct n-grams both
/// hold. Both shares of [`Matches::precision`] and the Dice coefficient of the distinct
/// n-grams come from it, where they took three passes ([`found`] each way and [`dice`]).
struct Matches {
    in_y: usize,
    in_x: usize,
    distinct: usize,
    /// The lengths of `x` and `y`.
    lens: (usize, usize),
}

impl Matches {
    fn of(x: &[u64], y: &[u64]) -> Matches {
        let (mut i, mut j) = (0, 0);
        let (mut in_y, mut in_x, mut distinct) = (0, 0, 0);
        while i < x.len() && j < y.len() {
            let g = x[i];
            match g.cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    // every repeat of `g` on either side is found on the other
                    let (i0, j0) = (i, j);
                    while i < x.len() && x[i] == g {
                        i += 1;
                    }
                    while j < y.len() && y[j] == g {
                        j += 1;
                    }
                    in_y += i - i0;
                    in_x += j - j0;
                    distinct += 1;
                }
            }
        }
        Matches {
            in_y,
            in_x,
            distinct,
            lens: (x.len(), y.len()),
        }
    }

    /// Share of each side's n-grams found on the other side: (min, max); 0 when a side has
    /// none.
    fn precision(&self) -> (f32, f32) {
        let (lx, ly) = self.lens;
        if lx == 0 || ly == 0 {
            return (0.0, 0.0);
        }
        let (px, py) = (self.in_y as f32 / lx as f32, self.in_x as f32 / ly as f32);
        (px.min(py), px.max(py))
    }

    /// [`dice`] of the two lists' distinct n-grams, of which `x` has `distinct_x` and `y`
    /// `distinct_y`.
    fn dice_of_sets(&self, distinct_x: usize, distinct_y: usize) -> f32 {
        if distinct_x == 0 || distinct_y == 0 {
            return 0.0;
        }
        2.0 * self.distinct as f32 / (distinct_x + distinct_y) as f32
    }
}

/// Unmatched runs of `x` against `y`: (longest run, tokens in runs of three or more).
fn gaps(x: &[u64], y_set: &[u64]) -> (usize, usize) {
    gap_runs(x.iter().map(|t| y_set.binary_search(t).is_ok()))
}

/// Unmatched runs in a sequence of "this token is matched" flags: (longest run, tokens in
/// runs of three or more).
fn gap_runs(matched: impl Iterator<Item = bool>) -> (usize, usize) {
    let (mut best, mut long, mut run) = (0, 0, 0);
    for hit in matched {
        if hit {
            if run >= 3 {
                long += run;
            }
            run = 0;
        } else {
            run += 1;
            best = best.max(run);
        }
    }
    if run >= 3 {
        long += run;
    }
    (best, long)
}

/// Length of the longest common subsequence of `x` and `y.stems`, bit-parallel (Hyyrö's
/// formulation of Allison and Dix): one machine word per row when `y` fits in 64 tokens, as
/// nearly every sentence does, with each row's match mask looked up in `y.positions`; else
/// [`lcs_words`].
fn lcs_len(x: &[u64], y: &Parts) -> usize {
    let n = y.stems.len();
    if n > 64 {
        return lcs_words(x, &y.stems);
    }
    let width = if n == 64 { !0u64 } else { (1u64 << n) - 1 };
    let mut v = !0u64;
    for a in x {
        let m = y
            .positions
            .binary_search_by_key(a, |p| p.0)
            .map_or(0, |k| y.positions[k].1);
        let u = v & m;
        v = v.wrapping_add(u) | (v.wrapping_sub(u));
    }
    (!v & width).count_ones() as usize
}

/// The same bit-parallel recurrence over `ceil(|y| / 64)` words, with the carry of the
/// addition and the borrow of the subtraction passed from word to word: O(|x| · |y| / 64)
/// time and O(|y|) memory, so two claims of 50,000 tokens (a sentence over the clause limit)
/// cost tens of millions of word operations instead of billions of table cells.
fn lcs_words(x: &[u64], y: &[u64]) -> usize {
    let words = y.len().div_ceil(64);
    // Where each token of `y` occurs, so a row's match mask is set and cleared in O(hits).
    let mut at: super::fasthash::FastMap<u64, Vec<usize>> = Default::default();
    for (j, b) in y.iter().enumerate() {
        at.entry(*b).or_default().push(j);
    }
    let mut v = vec![!0u64; words];
    let mut m = vec![0u64; words];
    for a in x {
        let Some(hits) = at.get(a) else { continue };
        for &j in hits {
            m[j / 64] |= 1 << (j % 64);
        }
        let (mut carry, mut borrow) = (false, false);
        for (vw, mw) in v.iter_mut().zip(&m) {
            let u = *vw & mw;
            let (s1, c1) = vw.overflowing_add(u);
            let (sum, c2) = s1.overflowing_add(u64::from(carry));
            let (d1, b1) = vw.overflowing_sub(u);
            let (diff, b2) = d1.overflowing_sub(u64::from(borrow));
            carry = c1 || c2;
            borrow = b1 || b2;
            *vw = sum | diff;
        }
        for &j in hits {
            m[j / 64] = 0;
        }
    }
    let full = y.len() / 64;
    let zeros: usize = v[..full].iter().map(|w| w.count_zeros() as usize).sum();
    let rest = y.len() % 64;
    zeros
        + if rest > 0 {
            (!v[full] & ((1u64 << rest) - 1)).count_ones() as usize
        } else {
            0
        }
}

/// Length of the longest common subsequence by the textbook table: the reference the
/// bit-parallel versions are tested against.
#[cfg(test)]
fn lcs_table(x: &[u64], y: &[u64]) -> usize {
    let mut prev = vec![0usize; y.len() + 1];
    let mut cur = vec![0usize; y.len() + 1];
    for a in x {
        for (j, b) in y.iter().enumerate() {
            cur[j + 1] = if a == b {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[y.len()]
}

/// Most tokens a claim may have for [`shared_stems`] (one bit per position, as in
/// [`Surface`]'s `positions`).
const SHORT: usize = 64;

/// For two claims of at most [`SHORT`] tokens, one merge of their stem sets: for each
/// distinct stem of `a` (in `stem_set` order) its position mask in `b` (0 when `b` lacks
/// it) into `in_b`, the same for `b` in `a` into `in_a` (both zeroed by the caller), and
/// the number of stems in common. `None` for longer claims. The masks are written into the
/// caller's arrays, not returned: this runs for every pair the paraphrase model scores.
fn shared_stems(
    a: &Parts,
    b: &Parts,
    in_b: &mut [u64; SHORT],
    in_a: &mut [u64; SHORT],
) -> Option<usize> {
    if a.stems.len() > SHORT || b.stems.len() > SHORT {
        return None;
    }
    let (x, y) = (&a.positions, &b.positions);
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                in_b[i] = y[j].1;
                in_a[j] = x[i].1;
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Some(n)
}

/// [`gaps`] from the per-stem masks of [`shared_stems`] (a stem is matched when its mask
/// is not 0).
fn gaps_ranked(ranks: &[u32], masks: &[u64; SHORT]) -> (usize, usize) {
    gap_runs(ranks.iter().map(|&r| masks[r as usize] != 0))
}

/// [`lcs_len`] with each row's match mask taken from the masks of [`shared_stems`].
fn lcs_ranked(ranks: &[u32], masks: &[u64; SHORT], n: usize) -> usize {
    let width = if n == 64 { !0u64 } else { (1u64 << n) - 1 };
    let mut v = !0u64;
    for &r in ranks {
        let u = v & masks[r as usize];
        v = v.wrapping_add(u) | (v.wrapping_sub(u));
    }
    (!v & width).count_ones() as usize
}

/// The surface features of a pair of claims.
///
/// Two claims with the same stems (a sentence two outlets print alike: the alignment
/// scores every such pair) get the values the merges would give, read off one table
/// ([`same_stems`]); only the word sets are compared.
pub fn surface_features(a: &Surface, b: &Surface) -> SurfaceFeatures {
    let (a, b) = (&*a.0, &*b.0);
    if std::ptr::eq(a, b) || a.stems == b.stems {
        return same_stems(a, b);
    }
    merged_features(a, b)
}

/// [`surface_features`] of two claims whose stems are the same sequence: every stem,
/// n-gram and position is matched, so each share is 1 (0 where the claims have no stem,
/// bigram or trigram), the longest common subsequence is the whole claim and no gap is
/// left: exactly what [`merged_features`] computes then (`2k / (k + k)` and `k / k` are 1
/// in `f32` for any count a claim can have), without the merges.
fn same_stems(a: &Parts, b: &Parts) -> SurfaceFeatures {
    let all = |v: &[u64]| if v.is_empty() { 0.0 } else { 1.0 };
    let whole = a.stems.len() as f32 / a.stems.len().max(1) as f32;
    SurfaceFeatures {
        gap_long: 0.0,
        gap_max: 0.0,
        unigram: all(&a.stem_set),
        surface: dice(&a.word_set, &b.word_set),
        trigram: all(&a.trigrams),
        bi_pmin: all(&a.bigrams),
        bi_pmax: all(&a.bigrams),
        tri_pmax: all(&a.trigrams),
        lcs: whole,
        lcs_min: whole,
        len_ratio: 1.0,
    }
}

/// [`surface_features`] by merging the two claims' tables.
fn merged_features(a: &Parts, b: &Parts) -> SurfaceFeatures {
    let (la, lb) = (a.stems.len().max(1), b.stems.len().max(1));
    let (mut in_b, mut in_a) = ([0u64; SHORT], [0u64; SHORT]);
    let ((gap_a, long_a), (gap_b, long_b), lcs, unigram) =
        match shared_stems(a, b, &mut in_b, &mut in_a) {
            Some(common) => (
                gaps_ranked(&a.ranks, &in_b),
                gaps_ranked(&b.ranks, &in_a),
                lcs_ranked(&a.ranks, &in_b, b.stems.len()),
                if a.stem_set.is_empty() || b.stem_set.is_empty() {
                    0.0
                } else {
                    2.0 * common as f32 / (a.stem_set.len() + b.stem_set.len()) as f32
                },
            ),
            None => (
                gaps(&a.stems, &b.stem_set),
                gaps(&b.stems, &a.stem_set),
                lcs_len(&a.stems, b),
                dice(&a.stem_set, &b.stem_set),
            ),
        };
    let lcs = lcs as f32;
    let (bi_pmin, bi_pmax) = Matches::of(&a.bigrams, &b.bigrams).precision();
    let trigrams = Matches::of(&a.trigrams, &b.trigrams);
    SurfaceFeatures {
        gap_long: (long_a + long_b) as f32 / (la + lb) as f32,
        gap_max: gap_a.max(gap_b) as f32,
        unigram,
        surface: dice(&a.word_set, &b.word_set),
        trigram: trigrams.dice_of_sets(a.distinct_trigrams, b.distinct_trigrams),
        bi_pmin,
        bi_pmax,
        tri_pmax: trigrams.precision().1,
        lcs: lcs / la.max(lb) as f32,
        lcs_min: lcs / la.min(lb) as f32,
        len_ratio: la.min(lb) as f32 / la.max(lb) as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_of_a_one_word_substitution() {
        use crate::analysis::text::Lang;
        use crate::analysis::tokens::tokenize;
        let surf = |t: &str| Surface::new(&tokenize(t, Lang::En));
        let f = surface_features(
            &surf("alpha beta gamma delta"),
            &surf("alpha beta omega delta"),
        );
        assert_eq!(f.unigram, 0.75);
        assert_eq!(f.surface, 0.75);
        assert_eq!((f.lcs, f.lcs_min, f.len_ratio), (0.75, 0.75, 1.0));
        assert_eq!((f.gap_max, f.gap_long), (1.0, 0.0));
        assert!((f.bi_pmin - 1.0 / 3.0).abs() < 1e-6 && (f.bi_pmax - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!((f.trigram, f.tri_pmax), (0.0, 0.0));
        // an inserted stretch of three unmatched words
        let g = surface_features(&surf("alpha beta"), &surf("alpha x y z beta"));
        assert_eq!((g.gap_max, g.gap_long), (3.0, 3.0 / 7.0));
    }

    /// A seeded xorshift generator: `next(n)` in `0..n`.
    fn numbers(mut state: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        }
    }

    #[test]
    fn merged_precision_counts_as_a_search_of_each_occurrence() {
        let mut next = numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..500 {
            let mut x: Vec<u64> = (0..1 + next(30)).map(|_| next(12)).collect();
            let mut y: Vec<u64> = (0..1 + next(30)).map(|_| next(12)).collect();
            x.sort_unstable();
            y.sort_unstable();
            let searched = x.iter().filter(|g| y.binary_search(g).is_ok()).count();
            assert_eq!(
                found(&x, &y),
                searched as f32 / x.len() as f32,
                "{x:?} {y:?}"
            );
        }
    }

    #[test]
    fn one_merge_gives_both_shares_and_the_dice_of_the_distinct_grams() {
        let mut next = numbers(0xbb67_ae85_84ca_a73b);
        let set = |v: &[u64]| {
            let mut s = v.to_vec();
            s.dedup();
            s
        };
        for round in 0..3000 {
            // empty lists first, then repeats from a small alphabet
            let (n, m) = if round < 4 {
                (round / 2, round % 2)
            } else {
                (next(30) as usize, next(30) as usize)
            };
            let alphabet = 1 + next(15);
            let mut x: Vec<u64> = (0..n).map(|_| next(alphabet)).collect();
            let mut y: Vec<u64> = (0..m).map(|_| next(alphabet)).collect();
            x.sort_unstable();
            y.sort_unstable();
            let got = Matches::of(&x, &y);
            let (sx, sy) = (set(&x), set(&y));
            let dice_then = dice(&sx, &sy);
            let dice_now = got.dice_of_sets(sx.len(), sy.len());
            assert_eq!(dice_now.to_bits(), dice_then.to_bits(), "{x:?} {y:?}");
            let then = if x.is_empty() || y.is_empty() {
                (0.0, 0.0)
            } else {
                let (px, py) = (found(&x, &y), found(&y, &x));
                (px.min(py), px.max(py))
            };
            let now = got.precision();
            assert_eq!(
                (now.0.to_bits(), now.1.to_bits()),
                (then.0.to_bits(), then.1.to_bits()),
                "{x:?} {y:?}"
            );
        }
        // a repeat found on one side only once still counts each time
        let m = Matches::of(&[1, 1, 2], &[1, 3]);
        assert_eq!((m.in_y, m.in_x, m.distinct), (2, 1, 1));
        assert_eq!(m.precision(), (0.5, 2.0 / 3.0));
    }

    #[test]
    fn merged_stem_masks_give_the_searched_features() {
        let mut next = numbers(0x6a09_e667_f3bc_c908);
        for _ in 0..2000 {
            let mut claim = || {
                let (n, alphabet) = (next(80) as usize, 1 + next(40));
                let stems: Vec<u64> = (0..n).map(|_| next(alphabet)).collect();
                Surface::from_hashes(stems.clone(), stems)
            };
            let (a, b) = (claim(), claim());
            let f = surface_features(&a, &b);
            let (a, b) = (&*a.0, &*b.0);
            let ((gap_a, long_a), (gap_b, long_b)) =
                (gaps(&a.stems, &b.stem_set), gaps(&b.stems, &a.stem_set));
            let (la, lb) = (a.stems.len().max(1), b.stems.len().max(1));
            let lcs = lcs_table(&a.stems, &b.stems) as f32;
            assert_eq!(f.unigram, dice(&a.stem_set, &b.stem_set));
            assert_eq!(f.gap_max, gap_a.max(gap_b) as f32);
            assert_eq!(f.gap_long, (long_a + long_b) as f32 / (la + lb) as f32);
            assert_eq!(
                f.lcs,
                lcs / la.max(lb) as f32,
                "{:?} {:?}",
                a.stems,
                b.stems
            );
            assert_eq!(f.lcs_min, lcs / la.min(lb) as f32);
        }
    }

    #[test]
    fn bit_parallel_lcs_equals_the_table() {
        let mut next = numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let (n, m) = (next(70) as usize, next(70) as usize);
            let alphabet = 1 + next(8);
            let x: Vec<u64> = (0..n).map(|_| next(alphabet)).collect();
            let y: Vec<u64> = (0..m).map(|_| next(alphabet)).collect();
            let surface = Parts {
                positions: position_masks(&y),
                stems: y.clone(),
                ..Parts::default()
            };
            assert_eq!(lcs_len(&x, &surface), lcs_table(&x, &y), "{x:?} {y:?}");
        }
        // Several words per row, with lengths on and off the word boundaries.
        for _ in 0..300 {
            let (n, m) = (next(400) as usize, 60 + next(300) as usize);
            let alphabet = 1 + next(12);
            let x: Vec<u64> = (0..n).map(|_| next(alphabet)).collect();
            let y: Vec<u64> = (0..m).map(|_| next(alphabet)).collect();
            assert_eq!(lcs_words(&x, &y), lcs_table(&x, &y), "{x:?} {y:?}");
        }
        for m in [64, 128, 129, 192] {
            let y: Vec<u64> = (0..m as u64).collect();
            assert_eq!(lcs_words(&y, &y), m);
            assert_eq!(lcs_words(&y[..m / 2], &y), m / 2);
        }
    }

    #[test]
    fn the_same_stems_give_the_merged_features_bit_for_bit() {
        let mut next = numbers(0x3c6e_f372_fe94_f82b);
        let bits = |f: SurfaceFeatures| f.values().map(f32::to_bits);
        let mut shortcut = 0;
        for round in 0..3000 {
            // lengths 0..=100: no stem, one, two (no trigram), on both sides of 64
            let n = if round < 10 {
                round
            } else {
                next(101) as usize
            };
            let alphabet = 1 + next(30);
            let stems: Vec<u64> = (0..n).map(|_| next(alphabet)).collect();
            let words_a: Vec<u64> = stems.iter().map(|s| s * 2 + next(2)).collect();
            let words_b: Vec<u64> = stems.iter().map(|s| s * 2 + next(2)).collect();
            let a = Surface::from_hashes(stems.clone(), words_a);
            let b = Surface::from_hashes(stems.clone(), words_b);
            let fast = surface_features(&a, &b);
            assert_eq!(bits(fast), bits(merged_features(&a.0, &b.0)), "{stems:?}");
            assert_eq!(
                bits(surface_features(&a, &a)),
                bits(merged_features(&a.0, &a.0))
            );
            shortcut += usize::from(fast.surface < 1.0 && n > 0);
        }
        // the word sets are still compared (case differs where the stems agree)
        assert!(shortcut > 1000, "{shortcut}");
        // and stems that differ in one place are merged, not taken as the same
        let (a, b) = (
            Surface::from_hashes(vec![1, 2, 3], vec![1, 2, 3]),
            Surface::from_hashes(vec![1, 2, 4], vec![1, 2, 3]),
        );
        let f = surface_features(&a, &b);
        assert_eq!((f.unigram, f.lcs, f.trigram), (2.0 / 3.0, 2.0 / 3.0, 0.0));
    }
}
