//! Alignment of claims across outlets into shared, contrasting and unique clusters.
//!
//! Pairs of claims from different outlets are scored (only pairs that share a term: an
//! inverted index keeps this fast), decided with the same rule as `pair_verdict`, and merged
//! greedily, strongest link first, never putting two claims of one article in one cluster.
//! Contrast links then join clusters about the same topic and mark them contrasting.

use std::collections::HashMap;

use super::claim::ClaimFeatures;
use super::contrast::{Thresholds, Verdict, decide};
use super::model::ClusterKind;
use super::similarity::Similarity;

/// A claim to align: its features and the column (article) it belongs to.
pub struct AlignInput<'a> {
    pub features: &'a ClaimFeatures,
    pub column: usize,
}

/// An aligned cluster, before it is dressed up for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCluster {
    pub kind: ClusterKind,
    /// Indices into the input, ascending.
    pub members: Vec<usize>,
    /// Contrast reasons with the member pairs they hold between.
    pub contrasts: Vec<(usize, usize, String)>,
    /// Mean pairwise similarity (1.0 for a single claim).
    pub similarity: f32,
}

/// One scored pair that is not "different".
#[derive(Debug, Clone)]
struct Edge {
    a: usize,
    b: usize,
    /// Ordering key: the similarity, or for contrasts of evaluation the larger of similarity
    /// and topic similarity.
    sim: f32,
    verdict: Verdict,
    reasons: Vec<String>,
    strong: bool,
}

struct Sets {
    parent: Vec<usize>,
    /// Bit set of columns per root (columns beyond 128 fall back to a list).
    columns: Vec<Vec<usize>>,
    /// Member claims per root.
    members: Vec<Vec<usize>>,
    contrasting: Vec<bool>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn disjoint(&self, ra: usize, rb: usize) -> bool {
        !self.columns[ra]
            .iter()
            .any(|c| self.columns[rb].contains(c))
    }

    fn size(&self, r: usize) -> usize {
        self.columns[r].len()
    }

    /// True if `x` is still in a cluster of its own.
    fn alone(&mut self, x: usize) -> bool {
        let r = self.find(x);
        self.size(r) == 1
    }

    fn union(&mut self, ra: usize, rb: usize) -> usize {
        let (keep, drop) = if self.columns[ra].len() >= self.columns[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[drop] = keep;
        let moved = std::mem::take(&mut self.columns[drop]);
        self.columns[keep].extend(moved);
        let moved = std::mem::take(&mut self.members[drop]);
        self.members[keep].extend(moved);
        self.contrasting[keep] |= self.contrasting[drop];
        keep
    }
}

/// True if two sorted id lists have an element in common.
fn shares_term(x: &[u32], y: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Aligns claims into clusters. Claims of the same column never share a cluster.
pub fn align(claims: &[AlignInput<'_>], sim: &dyn Similarity, th: &Thresholds) -> Vec<RawCluster> {
    let n = claims.len();
    // inverted index: term id -> claims (ids are dense)
    let vocab = claims
        .iter()
        .flat_map(|c| c.features.term_ids.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); vocab];
    for (i, c) in claims.iter().enumerate() {
        for &t in &c.features.term_ids {
            postings[t as usize].push(i);
        }
    }
    let mut edges: Vec<Edge> = Vec::new();
    // pairs above the overlap threshold that the paraphrase model did not call the same
    let mut related: Vec<(f32, usize, usize)> = Vec::new();
    let mut seen = vec![usize::MAX; n];
    // similarities of the pairs that became edges, for cluster averages
    let mut pair_sim: HashMap<(usize, usize), f32> = HashMap::new();
    // Terms in more than a quarter of all claims (and more than 64) do not make candidates on
    // their own: their IDF weight is low, and pairs that really match share rarer terms too.
    // This keeps large events near-linear.
    let common = (n / 4).max(64);
    for i in 0..n {
        let ci = &claims[i];
        for &t in &ci.features.term_ids {
            let list = &postings[t as usize];
            if list.len() > common {
                continue;
            }
            for &j in list {
                if j <= i || seen[j] == i || claims[j].column == ci.column {
                    continue;
                }
                seen[j] = i;
                let (s, verdict, reasons) = decide(sim, ci.features, claims[j].features, th);
                if verdict == Verdict::Different {
                    // no opposition and the topic words agree, but not judged the same
                    // proposition on its own: kept to join a fact others corroborate
                    if th.paraphrase > 0.0 && s >= th.shared {
                        related.push((s, i, j));
                    }
                    continue;
                }
                let strong = verdict == Verdict::Contrasting
                    && reasons
                        .first()
                        .is_some_and(|r| !r.starts_with("evaluation"));
                edges.push(Edge {
                    a: i,
                    b: j,
                    sim: s,
                    verdict,
                    reasons,
                    strong,
                });
            }
        }
    }
    // evaluative claims with opposite leanings may share no word and still be about the same
    // thing (judged by their contexts in `decide`), so they are paired explicitly
    let evaluative: Vec<usize> = (0..n)
        .filter(|&i| claims[i].features.evaluation() != 0)
        .collect();
    for (x, &i) in evaluative.iter().enumerate() {
        for &j in &evaluative[x + 1..] {
            let (fi, fj) = (claims[i].features, claims[j].features);
            if claims[i].column == claims[j].column
                || fi.evaluation().signum() == fj.evaluation().signum()
                || shares_term(&fi.term_ids, &fj.term_ids)
            {
                continue; // pairs that share a term were decided above
            }
            let (s, verdict, reasons) = decide(sim, fi, fj, th);
            if verdict == Verdict::Contrasting {
                pair_sim.insert((i, j), s);
                let strong = reasons
                    .first()
                    .is_some_and(|r| !r.starts_with("evaluation"));
                let rank = if strong {
                    s
                } else {
                    s.max(sim.topic_similarity(fi, fj))
                };
                edges.push(Edge {
                    a: i,
                    b: j,
                    sim: rank,
                    verdict,
                    strong,
                    reasons,
                });
            }
        }
    }
    // strongest first; ties broken by position so the result is deterministic
    edges.sort_by(|x, y| {
        y.sim
            .total_cmp(&x.sim)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });

    let mut sets = Sets {
        parent: (0..n).collect(),
        columns: claims.iter().map(|c| vec![c.column]).collect(),
        members: (0..n).map(|i| vec![i]).collect(),
        contrasting: vec![false; n],
    };
    let mut contrasts: Vec<(usize, usize, String)> = Vec::new();
    // 1. shared links
    for e in edges.iter().filter(|e| e.verdict == Verdict::Shared) {
        let (ra, rb) = (sets.find(e.a), sets.find(e.b));
        if ra != rb && sets.disjoint(ra, rb) {
            sets.union(ra, rb);
        }
    }
    // 1b. a lone claim whose topic words agree with two or more members of a fact that
    //     several outlets state in paraphrase is that fact reworded: the group corroborates
    //     what one pair decision alone would not (two claims on their own stay as decided)
    if !related.is_empty() {
        related.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut links: HashMap<usize, Vec<usize>> = HashMap::new();
        for &(_, i, j) in &related {
            links.entry(i).or_default().push(j);
            links.entry(j).or_default().push(i);
        }
        let is_linked = |x: usize, y: usize| links.get(&x).is_some_and(|l| l.contains(&y));
        // three lone claims from three outlets whose topic words all agree pairwise: a fact
        // the outlets word differently
        for &(_, i, j) in &related {
            if !sets.alone(i) || !sets.alone(j) {
                continue;
            }
            let third = links[&i].iter().copied().find(|&k| {
                k != j
                    && claims[k].column != claims[i].column
                    && claims[k].column != claims[j].column
                    && sets.alone(k)
                    && is_linked(j, k)
            });
            if let Some(k) = third {
                let (ri, rj, rk) = (sets.find(i), sets.find(j), sets.find(k));
                let r = sets.union(ri, rj);
                sets.union(r, rk);
            }
        }
        for &(_, i, j) in &related {
            for (lone, other) in [(i, j), (j, i)] {
                let (rl, rg) = (sets.find(lone), sets.find(other));
                if rl == rg || sets.size(rl) != 1 || sets.size(rg) < 2 || !sets.disjoint(rl, rg) {
                    continue;
                }
                let support = links[&lone].iter().filter(|&&m| sets.find(m) == rg).count();
                if support >= 2 {
                    sets.union(rl, rg);
                    break;
                }
            }
        }
    }
    // 2. contrast links: strong ones may join any clusters; evaluation-only ones only pair up
    //    claims that are still alone, so a widely shared fact is not recast by one opinion
    for e in edges.iter().filter(|e| e.verdict == Verdict::Contrasting) {
        let (ra, rb) = (sets.find(e.a), sets.find(e.b));
        if ra == rb {
            let r = ra;
            sets.contrasting[r] = true;
            contrasts.push((e.a, e.b, e.reasons.join("; ")));
            continue;
        }
        let allowed = if e.strong {
            sets.disjoint(ra, rb)
        } else if sets.size(ra) == 1 && sets.size(rb) == 1 {
            true
        } else {
            // a lone judgement may join a group only if it opposes the group's own verdict:
            // every judging member leans the other way and at least half of them judge
            let (single, group) = match (sets.size(ra), sets.size(rb)) {
                (1, _) => (e.a, rb),
                (_, 1) => (e.b, ra),
                _ => (usize::MAX, ra),
            };
            single != usize::MAX && sets.disjoint(ra, rb) && {
                let sign = claims[single].features.evaluation().signum();
                let judged: Vec<i32> = sets.members[group]
                    .iter()
                    .map(|&m| claims[m].features.evaluation().signum())
                    .filter(|&x| x != 0)
                    .collect();
                let opposes_group = !judged.is_empty()
                    && judged.iter().all(|&x| x == -sign)
                    && judged.len() * 2 >= sets.members[group].len();
                // a group that already is a clash of judgements ("a win" vs "no concessions")
                // takes one more voice on either side, when the link is to a member that
                // judges the other way
                let partner = if single == e.a { e.b } else { e.a };
                let joins_clash = sets.contrasting[group]
                    && judged.contains(&sign)
                    && claims[partner].features.evaluation().signum() == -sign;
                opposes_group || joins_clash
            }
        };
        if allowed {
            let r = sets.union(ra, rb);
            sets.contrasting[r] = true;
            contrasts.push((e.a, e.b, e.reasons.join("; ")));
        }
    }

    // collect clusters in order of their first member
    let mut by_root: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<RawCluster> = Vec::new();
    for i in 0..n {
        let r = sets.find(i);
        let idx = *by_root.entry(r).or_insert_with(|| {
            out.push(RawCluster {
                kind: ClusterKind::Unique,
                members: Vec::new(),
                contrasts: Vec::new(),
                similarity: 1.0,
            });
            out.len() - 1
        });
        out[idx].members.push(i);
    }
    let mut root_of = vec![0usize; n];
    for (ci, c) in out.iter().enumerate() {
        for &m in &c.members {
            root_of[m] = ci;
        }
    }
    for (a, b, r) in contrasts {
        out[root_of[a]].contrasts.push((a, b, r));
    }
    for c in &mut out {
        let m = &c.members;
        if m.len() > 1 {
            let mut total = 0.0;
            let mut count = 0;
            for x in 0..m.len() {
                for y in x + 1..m.len() {
                    let key = (m[x], m[y]);
                    total += pair_sim.get(&key).copied().unwrap_or_else(|| {
                        sim.similarity(claims[m[x]].features, claims[m[y]].features)
                    });
                    count += 1;
                }
            }
            c.similarity = total / count as f32;
            c.kind = if c.contrasts.is_empty() {
                ClusterKind::Shared
            } else {
                ClusterKind::Contrasting
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;
    use crate::analysis::similarity::{IdfTable, LexicalSimilarity, Vocab};
    use crate::analysis::text::Lang;

    #[test]
    fn shared_contrasting_unique() {
        let texts = [
            (0, "Putin rejected the unconditional 30-day ceasefire."),
            (0, "The call lasted two hours."),
            (
                1,
                "The unconditional 30-day ceasefire was rejected by Putin.",
            ),
            (1, "The call did not last two hours."),
            (
                2,
                "Putin rejected an unconditional 30-day ceasefire on Tuesday.",
            ),
            (
                2,
                "Hockey matches between Russian and American players were discussed.",
            ),
        ];
        let mut v = Vocab::new();
        let mut feats: Vec<ClaimFeatures> = texts
            .iter()
            .map(|(_, t)| analyse_claim(t, Lang::En))
            .collect();
        for f in &mut feats {
            v.index(f);
        }
        let idf = IdfTable::from_claims(&feats, v.len());
        let sim = LexicalSimilarity::new(&idf);
        let inputs: Vec<AlignInput> = feats
            .iter()
            .zip(texts.iter())
            .map(|(f, (c, _))| AlignInput {
                features: f,
                column: *c,
            })
            .collect();
        let clusters = align(&inputs, &sim, &Thresholds::default());
        let kinds: Vec<(ClusterKind, Vec<usize>)> = clusters
            .iter()
            .map(|c| (c.kind, c.members.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (ClusterKind::Shared, vec![0, 2, 4]),
                (ClusterKind::Contrasting, vec![1, 3]),
                (ClusterKind::Unique, vec![5]),
            ]
        );
        assert!(clusters[1].contrasts[0].2.contains("negation"));
    }
}
