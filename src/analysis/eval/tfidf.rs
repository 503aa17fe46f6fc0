//! The naive reference every real-news figure is printed beside: a TF-IDF cosine the way a
//! researcher would write it with scikit-learn's `TfidfVectorizer` defaults (lower-cased words
//! of two or more letters or digits, raw term counts, smoothed IDF `ln((1+N)/(1+df)) + 1`,
//! L2-normalised rows, no stop words, no stemming), and the threshold helpers that choose its
//! one threshold on the data it is evaluated on.

use std::collections::HashMap;

use super::Confusion;

/// A sparse, L2-normalised TF-IDF vector sorted by term id.
pub use crate::corpus::grouping::Vector;

/// A fitted TF-IDF model: the vocabulary and the IDF of every term.
#[derive(Debug, Clone, Default)]
pub struct TfIdf {
    vocab: HashMap<String, u32>,
    idf: Vec<f32>,
}

/// Lower-cased tokens of two or more alphanumeric characters (scikit-learn's `\b\w\w+\b`).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_lowercase)
}

impl TfIdf {
    /// Learns the vocabulary and the IDF from `docs` (each document counts once per term).
    pub fn fit<'a>(docs: impl IntoIterator<Item = &'a str>) -> Self {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut n = 0usize;
        for doc in docs {
            n += 1;
            let mut seen: Vec<u32> = tokens(doc)
                .map(|t| {
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(t).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    id
                })
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for id in seen {
                df[id as usize] += 1;
            }
        }
        let idf = df
            .iter()
            .map(|&d| ((1.0 + n as f32) / (1.0 + d as f32)).ln() + 1.0)
            .collect();
        Self { vocab, idf }
    }

    /// The L2-normalised TF-IDF vector of `text`; words outside the vocabulary are ignored.
    pub fn vector(&self, text: &str) -> Vector {
        let mut counts: HashMap<u32, f32> = HashMap::new();
        for t in tokens(text) {
            if let Some(&id) = self.vocab.get(&t) {
                *counts.entry(id).or_default() += 1.0;
            }
        }
        let mut v: Vector = counts
            .into_iter()
            .map(|(id, tf)| (id, tf * self.idf[id as usize]))
            .collect();
        v.sort_unstable_by_key(|&(id, _)| id);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    /// Cosine of two texts.
    pub fn similarity(&self, a: &str, b: &str) -> f32 {
        cosine(&self.vector(a), &self.vector(b))
    }
}

/// Cosine of two L2-normalised sparse vectors, in [0, 1] (the grouping's own dot product).
pub use crate::corpus::grouping::cosine;

/// The threshold (predict positive at or above it) with the best F1 over scored, labelled
/// items, and its confusion matrix. Ties keep the higher threshold.
pub fn best_f1_threshold(scored: &[(f32, bool)]) -> (f32, Confusion) {
    best_threshold_by(scored, |c| c.f1())
}

/// The threshold with the best accuracy.
pub fn best_accuracy_threshold(scored: &[(f32, bool)]) -> (f32, Confusion) {
    best_threshold_by(scored, |c| c.accuracy())
}

/// Sweeps every distinct score as a threshold and keeps the one `objective` likes best.
pub fn best_threshold_by(
    scored: &[(f32, bool)],
    objective: impl Fn(&Confusion) -> f64,
) -> (f32, Confusion) {
    let mut sorted: Vec<(f32, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = sorted.iter().filter(|(_, g)| *g).count();
    let mut c = Confusion {
        fn_: positives,
        tn: sorted.len() - positives,
        ..Confusion::default()
    };
    let mut best = (f32::INFINITY, c, objective(&c));
    let mut i = 0;
    while i < sorted.len() {
        let t = sorted[i].0;
        while i < sorted.len() && sorted[i].0 == t {
            if sorted[i].1 {
                c.tp += 1;
                c.fn_ -= 1;
            } else {
                c.fp += 1;
                c.tn -= 1;
            }
            i += 1;
        }
        let v = objective(&c);
        if v > best.2 {
            best = (t, c, v);
        }
    }
    (best.0, best.1)
}

/// The confusion matrix when only the `k` highest-scored items are predicted positive (ties
/// broken by input order).
pub fn top_k(scored: &[(f32, bool)], k: usize) -> Confusion {
    let mut order: Vec<usize> = (0..scored.len()).collect();
    order.sort_by(|&a, &b| scored[b].0.total_cmp(&scored[a].0).then(a.cmp(&b)));
    let mut c = Confusion::default();
    for (rank, &i) in order.iter().enumerate() {
        c.add(rank < k, scored[i].1);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_and_cosine_follow_the_scikit_learn_definition() {
        let m = TfIdf::fit(["the cat sat", "the dog sat", "a bird"]);
        // "a" has one letter: not a token
        assert!(m.vector("a").is_empty());
        let v = m.vector("the cat");
        let idf_the = (4.0f32 / 3.0).ln() + 1.0;
        let idf_cat = (4.0f32 / 2.0).ln() + 1.0;
        let norm = (idf_the * idf_the + idf_cat * idf_cat).sqrt();
        let w: Vec<f32> = v.iter().map(|(_, w)| *w).collect();
        assert!(w.iter().any(|x| (x - idf_cat / norm).abs() < 1e-6), "{w:?}");
        assert!((m.similarity("the cat sat", "the cat sat") - 1.0).abs() < 1e-6);
        assert_eq!(m.similarity("cat", "dog"), 0.0);
    }

    #[test]
    fn thresholds_and_top_k() {
        let scored = [
            (0.9, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.1, false),
        ];
        let (t, c) = best_f1_threshold(&scored);
        assert_eq!(t, 0.6);
        assert_eq!((c.tp, c.fp, c.fn_, c.tn), (3, 1, 0, 1));
        let c = top_k(&scored, 2);
        assert_eq!((c.tp, c.fp, c.fn_, c.tn), (2, 0, 1, 2));
        let (t, c) = best_accuracy_threshold(&scored);
        assert_eq!(c.accuracy(), 0.8);
        assert!(t == 0.8 || t == 0.6);
    }
}
