//! Alignment of claims across outlets into shared, contrasting and unique clusters.
//!
//! Pairs of claims from different outlets are scored (only pairs that share a term: an
//! inverted index keeps this fast), decided with the same rule as `pair_verdict`, and merged
//! greedily, strongest link first, never putting two claims of one article in one cluster.
//! Contrast links then join clusters about the same topic and mark them contrasting.
//!
//! A dissent does not recast a fact that several outlets share: when a contrast links a
//! shared group (two or more agreeing claims, no contrast inside) with a lone claim or a
//! smaller group, the two are not merged. The group stays shared; the dissent becomes a
//! contrasting cluster that also lists the group's member it is most strongly linked to, as
//! a *counterpart* (that claim keeps the shared group as its own cluster). Such a dissent
//! takes no further claims, only counterparts from other shared groups it contradicts.

use super::backend::at_odds;
use super::claim::ClaimFeatures;
use super::contrast::{
    Thresholds, Verdict, decide, decide_scored, same_fact_with, surely_different,
};
use super::fasthash::{FastMap, FastSet};
use super::model::ClusterKind;
use super::refutation;
use super::similarity::{LexicalSimilarity, SharedContent, Similarity};

/// A claim to align: its features and the column (article) it belongs to.
pub struct AlignInput<'a> {
    pub features: &'a ClaimFeatures,
    pub column: usize,
    /// The first claim (index into the input) whose features are this claim's but for
    /// `context_ids`: a sentence two outlets print alike; its own index when none is. Pairs
    /// of such copies are decided once (see [`Candidates::score_lexical`]). Its own index is
    /// always a correct value (nothing is then decided once for two pairs).
    pub copy_of: usize,
}

/// An aligned cluster, before it is dressed up for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCluster {
    pub kind: ClusterKind,
    /// Indices into the input, ascending: the claims of this cluster and its counterparts.
    pub members: Vec<usize>,
    /// Members that belong to another cluster and appear here (ascending, a subset of
    /// `members`): in a contrasting cluster made from a dispute of a shared group, the side
    /// the dissent contradicts; in a shared cluster of one own claim, the longer claim of a
    /// shared group that states its fact too (see [`echo_shared_facts`]). Empty otherwise.
    pub counterparts: Vec<usize>,
    /// Contrast reasons with the member pairs they hold between.
    pub contrasts: Vec<(usize, usize, String)>,
    /// Mean pairwise similarity (1.0 for a single claim).
    pub similarity: f32,
}

impl RawCluster {
    /// The members whose own cluster this is (every member but the counterparts).
    fn own_members(&self) -> impl Iterator<Item = usize> + '_ {
        self.members
            .iter()
            .copied()
            .filter(|m| !self.counterparts.contains(m))
    }
}

/// Two claims of different outlets about the same topic that the alignment did not put in
/// one cluster: context a reader may want beside a claim, not a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextPair {
    /// Indices into the input, `a < b`.
    pub a: usize,
    pub b: usize,
    pub similarity: f32,
    /// Why the pair is worth a look beyond its topic: the opposition found when a contrast
    /// was not confirmed, or the link when a shared one was not merged.
    pub note: Option<String>,
}

/// At most this many context pairs are kept per claim (the most similar first).
pub const CONTEXT_PER_CLAIM: usize = 3;

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
    /// Columns of the member claims per root.
    columns: Vec<Vec<usize>>,
    /// Member claims per root.
    members: Vec<Vec<usize>>,
    contrasting: Vec<bool>,
    /// Counterparts per root: claims of other (shared) clusters a dissent is shown against.
    counterparts: Vec<Vec<usize>>,
    /// The column of every claim.
    column_of: Vec<usize>,
}

impl Sets {
    /// Every claim in a cluster of its own.
    fn new(claims: &[AlignInput<'_>]) -> Sets {
        let n = claims.len();
        Sets {
            parent: (0..n).collect(),
            columns: claims.iter().map(|c| vec![c.column]).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
            contrasting: vec![false; n],
            counterparts: vec![Vec::new(); n],
            column_of: claims.iter().map(|c| c.column).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Columns a cluster takes: its members' and its counterparts', except counterparts that
    /// belong to `other` (they would be members if the two were merged).
    fn occupied(&mut self, r: usize, other: usize) -> Vec<usize> {
        let mut cols = self.columns[r].clone();
        for i in 0..self.counterparts[r].len() {
            let c = self.counterparts[r][i];
            if self.find(c) != other {
                cols.push(self.column_of[c]);
            }
        }
        cols
    }

    fn disjoint(&mut self, ra: usize, rb: usize) -> bool {
        if self.counterparts[ra].is_empty() && self.counterparts[rb].is_empty() {
            return !self.columns[ra]
                .iter()
                .any(|c| self.columns[rb].contains(c));
        }
        let a = self.occupied(ra, rb);
        let b = self.occupied(rb, ra);
        !a.iter().any(|c| b.contains(c))
    }

    /// Number of claims that belong to the cluster (counterparts do not count).
    fn size(&self, r: usize) -> usize {
        self.columns[r].len()
    }

    /// True if `x` is still in a cluster of its own.
    fn alone(&mut self, x: usize) -> bool {
        let r = self.find(x);
        self.size(r) == 1
    }

    /// Two or more claims that agree: merged by shared links only, no contrast inside.
    fn is_shared_group(&self, r: usize) -> bool {
        self.size(r) >= 2 && !self.contrasting[r]
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
        // counterparts that now belong to the merged cluster are plain members
        let mut cps = std::mem::take(&mut self.counterparts[keep]);
        cps.extend(std::mem::take(&mut self.counterparts[drop]));
        cps.retain(|&c| self.find(c) != keep);
        self.counterparts[keep] = cps;
        keep
    }
}

/// True if two sorted lists (term ids, verb terms) have an element in common.
pub(crate) fn sorted_lists_meet<T: Ord>(x: &[T], y: &[T]) -> bool {
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

/// What one claim shares with the claim whose pairs are being scored
/// ([`Candidates::score_lexical`]).
#[derive(Debug, Clone, Copy)]
struct Shared {
    /// The claim whose pairs are scored: the other fields count for it only.
    row: usize,
    /// Summed weight of the terms in common, added in ascending id order from 0.0.
    weight: f32,
    /// Terms in common.
    terms: usize,
    /// Terms in common that are predicate terms of the row's claim.
    predicates: usize,
    /// The pair is a candidate (a term in common that is not too common, another column),
    /// already listed.
    candidate: bool,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            row: usize::MAX,
            weight: 0.0,
            terms: 0,
            predicates: 0,
            candidate: false,
        }
    }
}

/// "Related" pairs: (similarity, claim, claim), close enough to join a corroborated fact.
type Related = Vec<(f32, usize, usize)>;

/// True when the decision of two claims may read their contexts (`context_ids`): the topic
/// of two opposite evaluations that name nobody (`contrast::decide_scored`, where an
/// opposition's `evaluation` needs judgements of opposite signs).
fn reads_context(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    a.entity_keys.is_empty()
        && b.entity_keys.is_empty()
        && a.evaluation().signum() * b.evaluation().signum() < 0
}

/// What deciding one candidate pair adds ([`Candidates::outcome`]), without the pair's
/// claims, so that copies of the pair take it as it is.
#[derive(Debug, Clone)]
enum Outcome {
    /// Neither an edge nor related context.
    Nothing,
    /// A "related" pair with this similarity.
    Related(f32),
    /// An edge: similarity (ordering key), verdict, reasons, strong.
    Edge(f32, Verdict, Vec<String>, bool),
}

impl Outcome {
    /// Adds the outcome of the pair `(i, j)` to the edges or the related pairs.
    fn add(self, i: usize, j: usize, edges: &mut Vec<Edge>, related: &mut Related) {
        match self {
            Outcome::Nothing => {}
            Outcome::Related(s) => related.push((s, i, j)),
            Outcome::Edge(sim, verdict, reasons, strong) => edges.push(Edge {
                a: i,
                b: j,
                sim,
                verdict,
                reasons,
                strong,
            }),
        }
    }
}

/// What scoring the candidate pairs needs: the claims, an inverted index of their terms and
/// the pair decision.
struct Candidates<'a, 'b> {
    claims: &'a [AlignInput<'b>],
    postings: &'a [Vec<usize>],
    /// Posting lists longer than this make no candidates.
    common: usize,
    sim: &'a dyn Similarity,
    th: &'a Thresholds,
}

impl Candidates<'_, '_> {
    /// Weight of the terms two claims share within this event: the sum over the shared terms
    /// of `ln((n + 1) / (df - 1))`, `n` the event's claims and `df` how many of them use the
    /// term (both claims do, so `df - 1` counts the pair once): an inverse document frequency
    /// over the event's claims. Words the outlets repeat throughout the story ("Chappelle",
    /// "special", "Closer") name its topic, not one fact, and weigh little here however rare
    /// they are in the corpus; in an event of two claims every shared term weighs `ln 3`.
    fn event_weight(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        let n = self.claims.len() as f32 + 1.0;
        a.term_ids
            .iter()
            .filter(|t| b.term_ids.binary_search(t).is_ok())
            .map(|&t| (n / (self.postings[t as usize].len().max(2) - 1) as f32).ln())
            .sum()
    }

    /// True when what two claims share weighs enough within the event
    /// ([`Candidates::event_weight`]) to make them one fact: [`Thresholds::same_fact_event`],
    /// or in a small event as much as two words no other claim uses (`2 ln(n + 1)`), since
    /// the frequencies of a handful of claims say little about the story's words.
    fn distinctive_in_event(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
        let two_own_words = 2.0 * (self.claims.len() as f32 + 1.0).ln();
        self.event_weight(a, b) >= self.th.same_fact_event.min(two_own_words)
    }

    /// True when two claims share enough rare content to be offered as related context.
    /// `content`: their shared content when already known.
    fn enough_in_common(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
        content: Option<SharedContent>,
    ) -> bool {
        let shared = content.unwrap_or_else(|| self.sim.shared_content(a, b));
        shared.mass >= self.th.context_mass && shared.terms >= self.th.context_terms
    }

    /// Decides every pair (i, j > i) of claims from different columns that share a term, for
    /// the claims `rows`: the edges that are not "different", and the "related" pairs (no
    /// opposition, topic words agree, not the same proposition on their own).
    fn score(&self, rows: Vec<usize>) -> (Vec<Edge>, Vec<(f32, usize, usize)>) {
        if let Some(lex) = self.sim.as_lexical() {
            return self.score_lexical(rows, lex);
        }
        let claims = self.claims;
        let mut edges = Vec::new();
        let mut related = Vec::new();
        let mut seen = vec![usize::MAX; claims.len()];
        for i in rows {
            let ci = &claims[i];
            for &t in &ci.features.term_ids {
                let list = &self.postings[t as usize];
                if list.len() > self.common {
                    continue;
                }
                for &j in list {
                    if j <= i || seen[j] == i || claims[j].column == ci.column {
                        continue;
                    }
                    seen[j] = i;
                    self.decide_pair(i, j, None, &mut edges, &mut related);
                }
            }
        }
        (edges, related)
    }

    /// [`Candidates::score`] for the lexical backend: the same pairs in the same order, with
    /// each pair's shared terms added up from the posting lists (every term of claim `i`,
    /// common ones included, in ascending id order: the order in which one merge of the two
    /// term lists adds them) instead of a merge per pair. A posting list holds each claim
    /// once, in ascending order, so only its claims after `i` are read.
    ///
    /// A pair of claims of which one or both have copies ([`AlignInput::copy_of`]) takes
    /// the outcome of the first pair decided of the same originals in the same order: the
    /// decision reads the two claims' features and the event's statistics only, and a copy's
    /// features differ from its original's only in `context_ids`, which the decision reads
    /// only for opposite evaluations that name nobody ([`reads_context`]); such pairs are
    /// decided each time. The row of a copy whose original's row came before (in `rows`)
    /// reads the original's candidates and shared terms instead of adding them up again.
    fn score_lexical(
        &self,
        rows: Vec<usize>,
        lex: &LexicalSimilarity,
    ) -> (Vec<Edge>, Vec<(f32, usize, usize)>) {
        let claims = self.claims;
        let mut edges = Vec::new();
        let mut related = Vec::new();
        // claims with a copy, and the outcomes by pair of originals
        let mut copied = vec![false; claims.len()];
        for (k, c) in claims.iter().enumerate() {
            if c.copy_of != k {
                copied[k] = true;
                copied[c.copy_of] = true;
            }
        }
        let mut decided: FastMap<(usize, usize), Outcome> = FastMap::default();
        // per claim j: what it shares with the row's claim `i` (read only where `row` is i)
        let mut acc = vec![Shared::default(); claims.len()];
        // an original row with copies: its candidates of every column with what they share,
        // which its copies' rows read (a copy has the original's terms)
        let mut kept: FastMap<usize, Vec<(usize, Shared)>> = FastMap::default();
        let mut order = Vec::new();
        let mut found: Vec<(usize, Shared)> = Vec::new();
        for i in rows {
            let fi = claims[i].features;
            debug_assert!(
                fi.term_ids.windows(2).all(|w| w[0] < w[1]),
                "ids sorted, once"
            );
            let column = claims[i].column;
            let original = claims[i].copy_of;
            found.clear();
            if original != i
                && let Some(list) = kept.get(&original)
            {
                found.extend(
                    list.iter()
                        .filter(|(j, _)| *j > i && claims[*j].column != column)
                        .cloned(),
                );
            } else {
                let every_column = copied[i] && original == i;
                let predicates =
                    (fi.predicate_terms.len() == fi.term_ids.len()).then_some(&fi.predicate_terms);
                order.clear();
                for (k, &t) in fi.term_ids.iter().enumerate() {
                    let list = &self.postings[t as usize];
                    let w = lex.term_weight(t);
                    let p = usize::from(predicates.is_some_and(|p| p[k]));
                    let after = list.partition_point(|&j| j <= i);
                    let candidate = list.len() <= self.common;
                    for &j in &list[after..] {
                        let e = &mut acc[j];
                        if e.row != i {
                            *e = Shared {
                                row: i,
                                ..Shared::default()
                            };
                        }
                        e.weight += w;
                        e.terms += 1;
                        e.predicates += p;
                        if candidate && !e.candidate && (every_column || claims[j].column != column)
                        {
                            e.candidate = true;
                            order.push(j);
                        }
                    }
                }
                if every_column {
                    let list: Vec<(usize, Shared)> = order.iter().map(|&j| (j, acc[j])).collect();
                    found.extend(
                        list.iter()
                            .filter(|(j, _)| claims[*j].column != column)
                            .cloned(),
                    );
                    kept.insert(i, list);
                } else {
                    found.extend(order.iter().map(|&j| (j, acc[j])));
                }
            }
            for (j, e) in &found {
                let (j, fj) = (*j, claims[*j].features);
                let key = ((copied[i] || copied[j]) && !reads_context(fi, fj))
                    .then(|| (claims[i].copy_of, claims[j].copy_of));
                if let Some(done) = key.and_then(|k| decided.get(&k)) {
                    done.clone().add(i, j, &mut edges, &mut related);
                    continue;
                }
                let sc =
                    lex.similarity_and_content_of_shared(fi, fj, (e.weight, e.terms, e.predicates));
                // no verdict, and too little in common to be kept as related context
                let outcome = match &sc {
                    (s, Some(c))
                        if *s < self.th.context && surely_different(fi, fj, self.th, *s, c) =>
                    {
                        Outcome::Nothing
                    }
                    _ => self.outcome(fi, fj, Some(sc)),
                };
                if let Some(k) = key {
                    decided.insert(k, outcome.clone());
                }
                outcome.add(i, j, &mut edges, &mut related);
            }
        }
        (edges, related)
    }

    /// Decides one pair: an edge when it is not "different", a "related" pair when it is
    /// close enough to join a fact others corroborate.
    /// `scored`: the pair's [`Similarity::similarity_and_content`] when already known.
    fn decide_pair(
        &self,
        i: usize,
        j: usize,
        scored: Option<(f32, Option<SharedContent>)>,
        edges: &mut Vec<Edge>,
        related: &mut Vec<(f32, usize, usize)>,
    ) {
        let (fi, fj) = (self.claims[i].features, self.claims[j].features);
        self.outcome(fi, fj, scored).add(i, j, edges, related);
    }

    /// [`Candidates::decide_pair`] of the claims `fi` and `fj`: what the pair adds.
    fn outcome(
        &self,
        fi: &ClaimFeatures,
        fj: &ClaimFeatures,
        scored: Option<(f32, Option<SharedContent>)>,
    ) -> Outcome {
        // one merge of the term lists gives the similarity and the shared content
        let (s, content) = scored.unwrap_or_else(|| self.sim.similarity_and_content(fi, fj));
        let (s, mut verdict, mut reasons) = decide_scored(self.sim, fi, fj, self.th, s);
        // words the whole story repeats make no fact: checked on every shared verdict of
        // the lexical backend and on the same-fact rule (shared words); with a backend that
        // reads meaning, its own shared verdicts are checked too unless the two claims
        // share a verb (docs/semantic.md, session 25; the verb test, which reads both claims'
        // words, runs last, on the pairs the check would drop) and neither is a headline
        // (session 26: every headline of a story names its act in the story's words)
        let mut by_words = !self.sim.reads_meaning();
        let backend_shared = self.sim.reads_meaning() && verdict == Verdict::Shared;
        if verdict == Verdict::Different
            && self.sim.meaning_agrees(fi, fj)
            && let Some(r) = same_fact_with(self.sim, fi, fj, self.th, content)
        {
            verdict = Verdict::Shared;
            reasons = vec![r];
            by_words = true;
        }
        // two claims with the same content words ("No one was hurt." and "\"No one was
        // hurt,\" he said.") state one fact however often the story repeats them
        let same_words = !fi.term_ids.is_empty() && fi.term_ids == fj.term_ids;
        if verdict == Verdict::Shared
            && (by_words || backend_shared)
            && !same_words
            && !self.distinctive_in_event(fi, fj)
            && (by_words || headline_like(fi) || headline_like(fj) || !share_verb(fi, fj))
        {
            verdict = Verdict::Different;
            reasons.clear();
        }
        if verdict == Verdict::Different {
            // kept to join a fact others corroborate, or as context
            if s >= self.th.shared
                || (s >= self.th.context && self.enough_in_common(fi, fj, content))
            {
                return Outcome::Related(s);
            } else if self.sim.related_topic(fi, fj) {
                // context only: below the bar at which related pairs corroborate a fact
                return Outcome::Related(s.max(self.th.context));
            }
            return Outcome::Nothing;
        }
        let strong = verdict == Verdict::Contrasting
            && reasons
                .first()
                .is_some_and(|r| !r.starts_with("evaluation"));
        Outcome::Edge(s, verdict, reasons, strong)
    }

    /// True when the inverted index made `(i, j)` a candidate (a shared term that is not too
    /// common).
    fn indexed(&self, i: usize, j: usize) -> bool {
        let (x, y) = (
            &self.claims[i].features.term_ids,
            &self.claims[j].features.term_ids,
        );
        x.iter()
            .filter(|&&t| self.postings[t as usize].len() <= self.common)
            .any(|t| y.binary_search(t).is_ok())
    }

    /// Decides the backend's extra candidates ([`Similarity::extra_candidates`]) from
    /// different columns that the inverted index did not already find.
    /// Also returns the pairs decided, sorted.
    fn score_extra(&self) -> (Vec<Edge>, Related, Vec<(usize, usize)>) {
        let (mut edges, mut related, mut decided) = (Vec::new(), Vec::new(), Vec::new());
        let features: Vec<&ClaimFeatures> = self.claims.iter().map(|c| c.features).collect();
        let mut pairs = self.sim.extra_candidates(&features);
        pairs.sort_unstable();
        pairs.dedup();
        for (i, j) in pairs {
            if self.claims[i].column != self.claims[j].column && !self.indexed(i, j) {
                self.decide_pair(i, j, None, &mut edges, &mut related);
                decided.push((i, j));
            }
        }
        // claims with no word in common may state one fact in other words; a contrast
        // between them has nothing the rules could check it against
        edges.retain(|e| e.verdict == Verdict::Shared);
        (edges, related, decided)
    }
}

/// Aligns claims into clusters. Claims of the same column never share a cluster.
pub fn align(claims: &[AlignInput<'_>], sim: &dyn Similarity, th: &Thresholds) -> Vec<RawCluster> {
    align_with_context(claims, sim, th).0
}

/// [`align`], plus the related context: pairs of claims from different columns, in different
/// clusters, with similarity at or above `th.context` or a shared/contrast link that the
/// clustering did not apply; at most [`CONTEXT_PER_CLAIM`] per claim, sorted by `(a, b)`.
pub fn align_with_context(
    claims: &[AlignInput<'_>],
    sim: &dyn Similarity,
    th: &Thresholds,
) -> (Vec<RawCluster>, Vec<ContextPair>) {
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
    // Terms in more than a quarter of all claims (and more than 64) do not make candidates on
    // their own: their IDF weight is low, and pairs that really match share rarer terms too.
    // This keeps large events near-linear.
    let common = (n / 4).max(64);
    let candidates = Candidates {
        claims,
        postings: &postings,
        common,
        sim,
        th,
    };
    // scoring the candidate pairs is most of the work and each pair is independent: large
    // events spread it over the cores (claims interleaved, as early claims have more pairs;
    // a copy's row in its original's thread, which scores the copy from the original's)
    let rows_of = |k: usize, threads: usize| -> Vec<usize> {
        (0..n)
            .filter(|&i| claims[i].copy_of % threads == k)
            .collect()
    };
    let threads = if n >= 200 {
        std::thread::available_parallelism().map_or(1, |t| t.get())
    } else {
        1
    };
    let (mut edges, mut related) = if threads <= 1 {
        candidates.score((0..n).collect())
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (1..threads)
                .map(|k| {
                    let c = &candidates;
                    scope.spawn(move || c.score(rows_of(k, threads)))
                })
                .collect();
            let (mut edges, mut related) = candidates.score(rows_of(0, threads));
            for h in handles {
                let (e, r) = h.join().expect("pair scoring does not panic");
                edges.extend(e);
                related.extend(r);
            }
            (edges, related)
        })
    };
    // pairs the backend finds alike without a shared term (sentence embeddings)
    let (extra_edges, extra_related, extra_pairs) = candidates.score_extra();
    edges.extend(extra_edges);
    related.extend(extra_related);
    let mut pair_sim: FastMap<(usize, usize), f32> = FastMap::default();
    edges.extend(pair_evaluations(
        claims,
        sim,
        th,
        &extra_pairs,
        &mut pair_sim,
    ));
    // strongest first; ties broken by position so the result is deterministic
    edges.sort_by(|x, y| {
        y.sim
            .total_cmp(&x.sim)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });

    let mut sets = Sets::new(claims);
    link_shared(&mut sets, &edges);
    // pairs below the shared bar (or with the paraphrase model off) are context only
    let near = related;
    let mut corroborating: Related = near
        .iter()
        .copied()
        .filter(|&(s, _, _)| th.paraphrase > 0.0 && s >= th.shared)
        .collect();
    if !corroborating.is_empty() {
        corroborating.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        corroborate(&mut sets, claims, &corroborating, &edges);
    }
    let mut contrasts = apply_contrasts(&mut sets, claims, &edges, sim, th);
    refute_restated_stories(&mut sets, claims, &mut contrasts);
    if sim.reads_meaning() {
        echo_shared_facts(&mut sets, claims, &edges);
        // an article's second claim of a fact, as with the lexical backend, on the links
        // whose words are the pair's own in the story (docs/semantic.md, session 25)
        let own_words: Vec<Edge> = edges
            .iter()
            .filter(|e| candidates.distinctive_in_event(claims[e.a].features, claims[e.b].features))
            .cloned()
            .collect();
        show_restatements(&mut sets, claims, &own_words, th);
    } else {
        show_restatements(&mut sets, claims, &edges, th);
    }
    let mut out = collect_clusters(&mut sets, contrasts);
    finish_clusters(&mut out, claims, sim, &pair_sim);
    // with a model, the paraphrases it links have few words in common: the lexical floor
    // took NeuS dev roundup facts 73 -> 68 of 95, so a lower one and no verb test
    let loose = if sim.reads_meaning() {
        dissolve_loose_clusters(&mut out, claims, th.model_shared_cohesion, 0.0)
    } else {
        dissolve_loose_clusters(
            &mut out,
            claims,
            th.shared_cohesion,
            th.shared_verb_cohesion,
        )
    };
    let context = context_pairs(&out, &near, &edges, &loose, th);
    (out, context)
}

/// Contrast edges between evaluative claims of opposite leaning that share no term and that
/// the backend did not offer (`extra_pairs`, sorted): such claims may still judge one thing
/// (decided by their contexts in `decide`). The similarity of each edge goes into `pair_sim`
/// for the cluster averages.
fn pair_evaluations(
    claims: &[AlignInput<'_>],
    sim: &dyn Similarity,
    th: &Thresholds,
    extra_pairs: &[(usize, usize)],
    pair_sim: &mut FastMap<(usize, usize), f32>,
) -> Vec<Edge> {
    let evaluative: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].features.evaluation() != 0)
        .collect();
    let mut edges = Vec::new();
    for (x, &i) in evaluative.iter().enumerate() {
        for &j in &evaluative[x + 1..] {
            let (fi, fj) = (claims[i].features, claims[j].features);
            if claims[i].column == claims[j].column
                || fi.evaluation().signum() == fj.evaluation().signum()
                || sorted_lists_meet(&fi.term_ids, &fj.term_ids)
                || extra_pairs.binary_search(&(i, j)).is_ok()
            {
                continue; // pairs that share a term (or the backend found) were decided above
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
    edges
}

/// Step 1 of the alignment: shared links, strongest first (`edges` sorted). Two groups merge
/// only when more than half of the member pairs across them are linked (binary average
/// linkage): a chain of links (A states what B states, B what C states) does not make A and
/// C one fact.
fn link_shared(sets: &mut Sets, edges: &[Edge]) {
    let linked: FastSet<(usize, usize)> = edges
        .iter()
        .filter(|e| e.verdict == Verdict::Shared)
        .map(|e| (e.a.min(e.b), e.a.max(e.b)))
        .collect();
    for e in edges.iter().filter(|e| e.verdict == Verdict::Shared) {
        let (ra, rb) = (sets.find(e.a), sets.find(e.b));
        if ra == rb || !sets.disjoint(ra, rb) {
            continue;
        }
        let (ma, mb) = (&sets.members[ra], &sets.members[rb]);
        let links = ma
            .iter()
            .flat_map(|&x| mb.iter().map(move |&y| (x.min(y), x.max(y))))
            .filter(|p| linked.contains(p))
            .count();
        if links * 2 > ma.len() * mb.len() {
            sets.union(ra, rb);
        }
    }
}

/// Step 1b: lone claims whose topic words agree (`related`, pairs at or above the shared
/// bar, strongest first) join facts that the group corroborates where one pair decision
/// alone would not. Two claims on their own stay as decided.
fn corroborate(sets: &mut Sets, claims: &[AlignInput<'_>], related: &Related, edges: &[Edge]) {
    let mut links: FastMap<usize, Vec<usize>> = FastMap::default();
    for &(_, i, j) in related {
        links.entry(i).or_default().push(j);
        links.entry(j).or_default().push(i);
    }
    join_three_lone_claims(sets, claims, related, &links);
    join_supported_groups(sets, related, &links);
    join_commonly_opposed(sets, claims, related, edges);
}

/// Three lone claims from three outlets whose topic words all agree pairwise: a fact the
/// outlets word differently.
fn join_three_lone_claims(
    sets: &mut Sets,
    claims: &[AlignInput<'_>],
    related: &Related,
    links: &FastMap<usize, Vec<usize>>,
) {
    let is_linked = |x: usize, y: usize| links.get(&x).is_some_and(|l| l.contains(&y));
    for &(_, i, j) in related {
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
}

/// A lone claim whose topic words agree with two or more members of a fact that several
/// outlets state in paraphrase is that fact reworded.
fn join_supported_groups(sets: &mut Sets, related: &Related, links: &FastMap<usize, Vec<usize>>) {
    for &(_, i, j) in related {
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

/// Two lone claims whose topic words agree and that a third outlet contradicts both
/// ("rejected" / "effectively rejected" against "did not reject") state one fact.
fn join_commonly_opposed(
    sets: &mut Sets,
    claims: &[AlignInput<'_>],
    related: &Related,
    edges: &[Edge],
) {
    let mut opposed: FastMap<usize, Vec<usize>> = FastMap::default();
    for e in edges.iter().filter(|e| e.verdict == Verdict::Contrasting) {
        opposed.entry(e.a).or_default().push(e.b);
        opposed.entry(e.b).or_default().push(e.a);
    }
    for &(_, i, j) in related {
        if !sets.alone(i) || !sets.alone(j) {
            continue;
        }
        let (Some(oi), Some(oj)) = (opposed.get(&i), opposed.get(&j)) else {
            continue;
        };
        let common = oi.iter().any(|k| {
            oj.contains(k)
                && claims[*k].column != claims[i].column
                && claims[*k].column != claims[j].column
        });
        if common {
            let (ri, rj) = (sets.find(i), sets.find(j));
            sets.union(ri, rj);
        }
    }
}

/// A contrast reason to file: (claim whose cluster holds it, the pair it holds between, the
/// reason).
type ContrastNote = (usize, usize, usize, String);

/// Steps 2 and 3: contrast links, strongest first. Strong ones may join any clusters;
/// evaluation-only ones only pair up claims that are still alone (or a lone judgement and a
/// group it opposes, [`evaluation_may_join`]), so a widely shared fact is not recast by one
/// opinion; a dissent against a larger shared group becomes its own contrasting cluster
/// ([`show_dissent`]). Returns the contrast reasons to file.
fn apply_contrasts(
    sets: &mut Sets,
    claims: &[AlignInput<'_>],
    edges: &[Edge],
    sim: &dyn Similarity,
    th: &Thresholds,
) -> Vec<ContrastNote> {
    let mut contrasts = Vec::new();
    for e in edges.iter().filter(|e| e.verdict == Verdict::Contrasting) {
        let (ra, rb) = (sets.find(e.a), sets.find(e.b));
        if ra == rb {
            sets.contrasting[ra] = true;
            contrasts.push((e.a, e.a, e.b, e.reasons.join("; ")));
            continue;
        }
        let allowed = if e.strong {
            sets.disjoint(ra, rb)
        } else {
            evaluation_may_join(sets, claims, e, ra, rb)
        };
        if !allowed {
            continue;
        }
        let (big, small) = if sets.size(ra) >= sets.size(rb) {
            (ra, rb)
        } else {
            (rb, ra)
        };
        if sets.is_shared_group(big) && sets.size(big) > sets.size(small) {
            show_dissent(sets, claims, e, (ra, big, small), sim, th, &mut contrasts);
            continue;
        }
        // a dissent shown against a shared fact stays that one disagreement: another claim
        // joining it would mix the two sides
        if !sets.counterparts[ra].is_empty() || !sets.counterparts[rb].is_empty() {
            continue;
        }
        let r = sets.union(ra, rb);
        sets.contrasting[r] = true;
        contrasts.push((e.a, e.a, e.b, e.reasons.join("; ")));
    }
    contrasts
}

/// Whether an evaluation-only contrast `e` between the clusters `ra` and `rb` may join them:
/// two lone claims may; a lone judgement may join a group only if it opposes the group's own
/// verdict (every judging member leans the other way and at least half of them judge), or if
/// the group already is a clash of judgements ("a win" vs "no concessions") and the link is
/// to a member that judges the other way.
fn evaluation_may_join(
    sets: &mut Sets,
    claims: &[AlignInput<'_>],
    e: &Edge,
    ra: usize,
    rb: usize,
) -> bool {
    let (single, group) = match (sets.size(ra), sets.size(rb)) {
        (1, 1) => return true,
        (1, _) => (e.a, rb),
        (_, 1) => (e.b, ra),
        _ => return false,
    };
    if !sets.disjoint(ra, rb) {
        return false;
    }
    let sign = claims[single].features.evaluation().signum();
    let judged: Vec<i32> = sets.members[group]
        .iter()
        .map(|&m| claims[m].features.evaluation().signum())
        .filter(|&x| x != 0)
        .collect();
    let opposes_group = !judged.is_empty()
        && judged.iter().all(|&x| x == -sign)
        && judged.len() * 2 >= sets.members[group].len();
    let partner = if single == e.a { e.b } else { e.a };
    let joins_clash = sets.contrasting[group]
        && judged.contains(&sign)
        && claims[partner].features.evaluation().signum() == -sign;
    opposes_group || joins_clash
}

/// Step 3: a dissent does not recast a shared fact. The shared group `big` linked by `e` to
/// the smaller cluster `small` stays shared, and `small` becomes a contrasting cluster that
/// shows the group's members it contradicts as its counterparts (strongest link first:
/// edges come sorted), one per column. `roots` is `(root of e.a, big, small)`.
fn show_dissent(
    sets: &mut Sets,
    claims: &[AlignInput<'_>],
    e: &Edge,
    (ra, big, small): (usize, usize, usize),
    sim: &dyn Similarity,
    th: &Thresholds,
    contrasts: &mut Vec<ContrastNote>,
) {
    let (fact, dissent) = if ra == big { (e.a, e.b) } else { (e.b, e.a) };
    let fact_column = sets.column_of[fact];
    if sets.counterparts[small].contains(&fact) || {
        let taken = sets.occupied(small, usize::MAX);
        taken.contains(&fact_column)
    } {
        return;
    }
    sets.counterparts[small].push(fact);
    sets.contrasting[small] = true;
    // the reason reads fact first, dissent second ("rejected (−) vs not reject (+)")
    let (_, v, r) = decide(sim, claims[fact].features, claims[dissent].features, th);
    if v == Verdict::Contrasting && !r.is_empty() {
        contrasts.push((dissent, fact, dissent, r.join("; ")));
    } else {
        contrasts.push((dissent, e.a, e.b, e.reasons.join("; ")));
    }
}

/// The clusters of `sets` in order of their first member (counterparts do not count), each
/// with its counterparts among its members and the contrast reasons filed with it; kinds
/// and similarities are set by [`finish_clusters`].
fn collect_clusters(sets: &mut Sets, contrasts: Vec<ContrastNote>) -> Vec<RawCluster> {
    let n = sets.parent.len();
    let mut by_root: FastMap<usize, usize> = FastMap::default();
    let mut out: Vec<RawCluster> = Vec::new();
    for i in 0..n {
        let r = sets.find(i);
        let idx = *by_root.entry(r).or_insert_with(|| {
            out.push(RawCluster {
                kind: ClusterKind::Unique,
                members: Vec::new(),
                counterparts: Vec::new(),
                contrasts: Vec::new(),
                similarity: 1.0,
            });
            out.len() - 1
        });
        out[idx].members.push(i);
    }
    for (&r, &idx) in &by_root {
        let mut cps = sets.counterparts[r].clone();
        cps.sort_unstable();
        cps.dedup();
        let c = &mut out[idx];
        c.members.extend(&cps);
        c.members.sort_unstable();
        c.counterparts = cps;
    }
    let mut root_of = vec![0usize; n];
    for (ci, c) in out.iter().enumerate() {
        for &m in &c.members {
            if !c.counterparts.contains(&m) {
                root_of[m] = ci;
            }
        }
    }
    for (anchor, a, b, r) in contrasts {
        out[root_of[anchor]].contrasts.push((a, b, r));
    }
    out
}

/// Sets the kind (shared, or contrasting when it holds a contrast) and the mean pairwise
/// similarity of every cluster of two or more members; `pair_sim` holds the similarities
/// already computed.
fn finish_clusters(
    out: &mut [RawCluster],
    claims: &[AlignInput<'_>],
    sim: &dyn Similarity,
    pair_sim: &FastMap<(usize, usize), f32>,
) {
    for c in out {
        let m = &c.members;
        if m.len() < 2 {
            continue;
        }
        let mut total = 0.0;
        let mut count = 0;
        for x in 0..m.len() {
            for y in x + 1..m.len() {
                total += pair_sim.get(&(m[x], m[y])).copied().unwrap_or_else(|| {
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

/// Step 5 of the alignment: a shared cluster whose members are on average less alike than
/// `cohesion` ([`Thresholds::shared_cohesion`]) is not shown as one fact. Such clusters
/// come from links on a few words of the story ("the same fact: 3 content words in
/// common") between sentences that make different points about it; readers judged 52 of 58
/// of them wrong (docs/analysis.md, session 23). Below `verb_cohesion`
/// ([`Thresholds::shared_verb_cohesion`]) a cluster is also taken apart when no two of its
/// members share a verb ([`super::predicates`]): sentences that share the story's nouns
/// ("tax hikes", "the border") but say different things happened (session 24). Each own member becomes a cluster of its
/// own (counterparts stay in their own clusters), in place, so the order stays a function
/// of the input. Clusters across languages are left alone: their similarity, through the
/// bilingual lexicon, runs lower, and the floor was measured on English news. Returns the
/// member pairs taken apart, `(a, b)` with `a < b`, for the related context.
fn dissolve_loose_clusters(
    out: &mut Vec<RawCluster>,
    claims: &[AlignInput<'_>],
    cohesion: f32,
    verb_cohesion: f32,
) -> FastSet<(usize, usize)> {
    let mut apart = FastSet::default();
    let one_language = |c: &RawCluster| {
        let lang = claims[c.members[0]].features.lang;
        c.members.iter().all(|&m| claims[m].features.lang == lang)
    };
    // clusters below the verb bar whose members share no verb: the story's words only
    let verb_linked = |c: &RawCluster| {
        let own: Vec<usize> = c.own_members().collect();
        let verbs: Vec<Vec<String>> = own
            .iter()
            .map(|&m| super::predicates::verb_terms(claims[m].features))
            .collect();
        // a member with no verb read (a title-case headline, a fragment) is not judged
        verbs.iter().any(Vec::is_empty)
            || verbs.iter().enumerate().any(|(x, a)| {
                verbs[x + 1..]
                    .iter()
                    .any(|b| super::predicates::share_a_verb(a, b))
            })
    };
    let loose = |c: &RawCluster| {
        c.kind == ClusterKind::Shared
            && one_language(c)
            && (c.similarity < cohesion || (c.similarity < verb_cohesion && !verb_linked(c)))
    };
    // judged once per cluster: the verb test reads each member's words
    let is_loose: Vec<bool> = out.iter().map(loose).collect();
    if !is_loose.contains(&true) {
        return apart;
    }
    for (c, is_loose) in std::mem::take(out).into_iter().zip(is_loose) {
        if !is_loose {
            out.push(c);
            continue;
        }
        let own: Vec<usize> = c.own_members().collect();
        for (x, &a) in own.iter().enumerate() {
            for &b in &own[x + 1..] {
                apart.insert((a.min(b), a.max(b)));
            }
        }
        for m in own {
            out.push(RawCluster {
                kind: ClusterKind::Unique,
                members: vec![m],
                counterparts: Vec::new(),
                contrasts: Vec::new(),
                similarity: 1.0,
            });
        }
    }
    apart
}

/// Step 3b of the alignment: a denial that refers back to what its own article told ("I
/// think this is a hoax", [`refutation::denies_what_it_reports`]) disputes the story the
/// article restates. Of the claims before it in its article, the nearest one in a shared
/// group (the article restating a report other outlets carry) names that story; the denial,
/// still alone, becomes a contrasting cluster that shows the group's members of other
/// outlets that put the report forward as true ([`refutation::asserts`]) as its
/// counterparts, one per outlet. The group stays shared. Without such a restatement the
/// denial stays where it is: nothing in the event says what "this" is.
///
/// Added for FNC-1, where bodies that dispute a headline mostly call the story a hoax after
/// telling it (docs/analysis.md, "FNC-1 disagree").
fn refute_restated_stories(
    sets: &mut Sets,
    claims: &[AlignInput<'_>],
    contrasts: &mut Vec<(usize, usize, usize, String)>,
) {
    for d in 0..claims.len() {
        let Some(r) = refutation::denies_what_it_reports(claims[d].features) else {
            continue;
        };
        let rd = sets.find(d);
        if sets.size(rd) != 1 || sets.contrasting[rd] || !sets.counterparts[rd].is_empty() {
            continue;
        }
        let Some(reported) = restated_story(sets, claims, d) else {
            continue;
        };
        let reason = format!("refutation: \"{}\" of the story it restates", r.cue);
        for m in reported {
            sets.counterparts[rd].push(m);
            contrasts.push((d, m, d, reason.clone()));
        }
        sets.contrasting[rd] = true;
    }
}

/// The members of other outlets that put forward as true the story denial `d` refers back
/// to ([`refute_restated_stories`]): the nearest claim before `d` in its article that is in
/// a shared group names it. A schedule there ("The final wording won't be released until
/// October", [`refutation::scheduled`]) is no story a denial can call unfounded, and the
/// search stops at it (a BASIL contrast two readers rejected, sessions 16 and 17).
fn restated_story(sets: &mut Sets, claims: &[AlignInput<'_>], d: usize) -> Option<Vec<usize>> {
    let column = claims[d].column;
    for k in (0..d).rev().take_while(|&k| claims[k].column == column) {
        let g = sets.find(k);
        if !sets.is_shared_group(g) {
            continue;
        }
        if refutation::scheduled(claims[k].features) {
            return None;
        }
        let asserted: Vec<usize> = sets.members[g]
            .iter()
            .copied()
            .filter(|&m| {
                claims[m].column != column
                    && refutation::asserts(claims[m].features)
                    && !super::contrast::two_sides_reported(claims[d].features, claims[m].features)
            })
            .collect();
        if !asserted.is_empty() {
            return Some(asserted);
        }
    }
    None
}

/// Step 4 of the alignment, with a backend that reads meaning: a claim left alone whose
/// strongest shared link goes to a member of a shared group (a link the group's average
/// linkage did not take, since the claim states one of that member's facts and not the
/// others') becomes a shared cluster that shows the member as its counterpart. The member
/// stays in its own group. A claim joins one cluster, but a long claim states several facts:
/// on NeuS dev with all-MiniLM-L6-v2 the roundup facts found as shared rise from 69/95 to
/// 72/95 (docs/semantic.md, "A claim that states one fact of a longer one"). The lexical
/// backend's links of this kind are shared words more often than one fact (about half were
/// wrong in a reading of 13 on NeuS dev), so it does not take this step.
///
/// The member must state the lone claim's fact: nothing sets them at odds
/// ([`at_odds`]), and every figure of the lone claim is among the member's figures of its
/// unit ("the month-to-month gain was 0.8%" is not shown with "economists had expected …
/// 0.2 percent from the month before": a new user's finding, session 18).
fn echo_shared_facts(sets: &mut Sets, claims: &[AlignInput<'_>], edges: &[Edge]) {
    // edges come sorted, strongest first: each lone claim takes its strongest link
    for e in edges.iter().filter(|e| e.verdict == Verdict::Shared) {
        for (lone, other) in [(e.a, e.b), (e.b, e.a)] {
            let (rl, ro) = (sets.find(lone), sets.find(other));
            let lone_and_free =
                sets.size(rl) == 1 && !sets.contrasting[rl] && sets.counterparts[rl].is_empty();
            let (fl, fo) = (claims[lone].features, claims[other].features);
            if rl != ro
                && lone_and_free
                && sets.is_shared_group(ro)
                && figures_within(fl, fo)
                && !at_odds(fl, fo)
            {
                sets.counterparts[rl].push(other);
                break;
            }
        }
    }
}

/// True when a claim reads as a headline: its text ends in a letter or digit (before any
/// closing quotes or brackets), with no sentence mark and no comma of a cut sentence, as
/// "Ellen DeGeneres to host Oscars" or "Pierre Thomas Placed on Injured Reserve". A
/// headline names the story's act in the story's words, so a verb it shares with another
/// claim of the story is no sign that the two state one fact: with a backend that reads
/// meaning such a pair keeps the words-of-the-story check ([`share_verb`]). On ECB+ dev with
/// all-MiniLM-L6-v2 the claim links went from precision 0.738 at recall 0.388 (2,153 links)
/// to 0.751 at 0.387 (2,110), the NeuS roundup facts and the judged replay's shared and
/// contrasting precision unchanged (docs/semantic.md, session 26).
fn headline_like(a: &ClaimFeatures) -> bool {
    let t = a
        .text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']']);
    t.chars().next_back().is_some_and(char::is_alphanumeric)
}

/// True when two claims have a verb in common ([`super::predicates::verb_terms`]: stems or
/// synonym heads, reporting and light verbs left out). With a backend that reads meaning, a
/// shared verdict of the backend between such claims stands without the words-of-the-story
/// check: "Only GOP Sen. Josh Hawley voted no." / "… Hawley the only senator to vote against
/// it." share nothing but the story's name and the act, which is the fact.
fn share_verb(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    super::predicates::share_a_verb(
        &super::predicates::verb_terms(a),
        &super::predicates::verb_terms(b),
    )
}

/// Step 4 of the alignment, with the lexical backend: a claim whose shared link to a group
/// could not be applied because the two clusters hold claims of one article (an article
/// states its fact twice, in its headline and lead, or in one sentence with a second fact)
/// is shown in that group as a counterpart, when it is linked to more than half of the
/// group's members (the average linkage of [`link_shared`]), its link is at or above the
/// shared bar (`th.shared`), nothing sets the two linked claims at odds ([`at_odds`]) and its
/// article has no claim in the group yet. The claim stays in its own cluster. `edges` come
/// strongest first; a claim may be shown in several groups this way.
///
/// On ECB+ dev (gold cross-document event coreference), where articles state an event in
/// several sentences and a cluster holds one claim per article, the claim links rise from
/// 1,658 (precision 0.768, recall 0.311) to 2,147 (precision 0.762, recall 0.400); NeuS and
/// BASIL verdict counts are unchanged (docs/analysis.md, session 22). With all-MiniLM-L6-v2
/// the same step made 29 % of its added ECB+ links right, so a backend that reads meaning
/// takes [`echo_shared_facts`] instead.
fn show_restatements(sets: &mut Sets, claims: &[AlignInput<'_>], edges: &[Edge], th: &Thresholds) {
    let shared: Vec<&Edge> = edges
        .iter()
        .filter(|e| e.verdict == Verdict::Shared)
        .collect();
    let linked: FastSet<(usize, usize)> = shared
        .iter()
        .map(|e| (e.a.min(e.b), e.a.max(e.b)))
        .collect();
    let is_linked = |x: usize, y: usize| linked.contains(&(x.min(y), x.max(y)));
    for e in shared.iter().filter(|e| e.sim >= th.shared) {
        let (ra, rb) = (sets.find(e.a), sets.find(e.b));
        if ra == rb || sets.contrasting[ra] || sets.contrasting[rb] {
            continue;
        }
        let one_article_in_both = sets.columns[ra]
            .iter()
            .any(|c| sets.columns[rb].contains(c));
        if !one_article_in_both || at_odds(claims[e.a].features, claims[e.b].features) {
            continue;
        }
        for (x, group) in [(e.b, ra), (e.a, rb)] {
            if sets.size(group) < 2 {
                continue;
            }
            let column = claims[x].column;
            let free = !sets.columns[group].contains(&column)
                && !sets.counterparts[group]
                    .iter()
                    .any(|&c| sets.column_of[c] == column);
            let links = sets.members[group]
                .iter()
                .filter(|&&m| is_linked(m, x))
                .count();
            if free && links * 2 > sets.members[group].len() {
                sets.counterparts[group].push(x);
                break;
            }
        }
    }
}

/// True when every figure of `part` that has a unit is matched by a figure of that unit in
/// `whole` ([`super::quantities::compatible`]), or `whole` gives no figure of that unit.
fn figures_within(part: &ClaimFeatures, whole: &ClaimFeatures) -> bool {
    use super::quantities::{comparable_unit, compatible};
    part.quantities.iter().all(|q| {
        let Some(unit) = comparable_unit(q) else {
            return true;
        };
        let mut same_unit = whole
            .quantities
            .iter()
            .filter(|w| comparable_unit(w) == Some(unit))
            .peekable();
        same_unit.peek().is_none() || same_unit.any(|w| compatible(q, w))
    })
}

/// The related context of an alignment (see [`align_with_context`]).
fn context_pairs(
    clusters: &[RawCluster],
    near: &[(f32, usize, usize)],
    edges: &[Edge],
    apart: &FastSet<(usize, usize)>,
    th: &Thresholds,
) -> Vec<ContextPair> {
    // claims shown together already: members (counterparts included) of one cluster
    let mut together: FastSet<(usize, usize)> = Default::default();
    for c in clusters {
        for (x, &a) in c.members.iter().enumerate() {
            for &b in &c.members[x + 1..] {
                together.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut found: FastMap<(usize, usize), ContextPair> = FastMap::default();
    let mut offer = |a: usize, b: usize, similarity: f32, note: Option<String>| {
        let key = (a.min(b), a.max(b));
        if together.contains(&key) {
            return;
        }
        let pair = ContextPair {
            a: key.0,
            b: key.1,
            similarity,
            note,
        };
        found
            .entry(key)
            .and_modify(|p| {
                if p.note.is_none() {
                    p.note = pair.note.clone();
                }
            })
            .or_insert(pair);
    };
    for &(s, a, b) in near.iter().filter(|(s, _, _)| *s >= th.context) {
        offer(a, b, s, None);
    }
    for e in edges {
        let note = match e.verdict {
            Verdict::Contrasting => {
                format!("possible contrast, not confirmed: {}", e.reasons.join("; "))
            }
            // a same-fact link the clustering did not apply (the groups disagreed)
            _ if apart.contains(&(e.a.min(e.b), e.a.max(e.b))) => {
                "a few words of the story in common, too little alike to be one fact".to_string()
            }
            _ if e.sim >= th.context => "close wording, not merged into one fact".to_string(),
            _ => continue,
        };
        offer(e.a, e.b, e.sim, Some(note));
    }
    // the strongest few per claim, then in claim order
    let mut pairs: Vec<ContextPair> = found.into_values().collect();
    pairs.sort_by(|x, y| {
        y.similarity
            .total_cmp(&x.similarity)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    let mut per_claim: FastMap<usize, usize> = FastMap::default();
    pairs.retain(|p| {
        let ok = per_claim.get(&p.a).copied().unwrap_or(0) < CONTEXT_PER_CLAIM
            && per_claim.get(&p.b).copied().unwrap_or(0) < CONTEXT_PER_CLAIM;
        if ok {
            *per_claim.entry(p.a).or_default() += 1;
            *per_claim.entry(p.b).or_default() += 1;
        }
        ok
    });
    pairs.sort_by(|x, y| x.a.cmp(&y.a).then(x.b.cmp(&y.b)));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;
    use crate::analysis::similarity::{IdfTable, LexicalSimilarity, SharedContent, Vocab};
    use crate::analysis::text::Lang;

    #[test]
    fn a_claim_with_no_sentence_mark_reads_as_a_headline() {
        let f = |t: &str| analyse_claim(t, Lang::En);
        assert!(headline_like(&f("Ellen DeGeneres to host Oscars")));
        assert!(headline_like(&f(
            "Pierre Thomas Placed on Injured Reserve "
        )));
        assert!(!headline_like(&f("Ellen DeGeneres will host the Oscars.")));
        assert!(!headline_like(&f("\"No one was hurt,\" he said.")));
        assert!(!headline_like(&f("\u{201C}No one was hurt.\u{201D}")));
        assert!(!headline_like(&f("Who will host the Oscars?")));
        // a sentence cut at a comma is no headline
        assert!(!headline_like(&f(
            "Lohan's lawyer says the actress checked into rehab,"
        )));
    }

    /// English claims indexed as one batch, with the lexical backend over their IDF.
    fn indexed<'t>(
        texts: impl Iterator<Item = &'t str>,
    ) -> (Vec<ClaimFeatures>, LexicalSimilarity) {
        let mut v = Vocab::new();
        let mut feats: Vec<ClaimFeatures> = texts.map(|t| analyse_claim(t, Lang::En)).collect();
        for f in &mut feats {
            v.index(f);
        }
        let idf = IdfTable::from_claims(&feats, v.len());
        (feats, LexicalSimilarity::new(&idf))
    }

    /// Aligns `(column, text)` claims with the lexical backend and default thresholds.
    fn align_texts(texts: &[(usize, &str)]) -> Vec<RawCluster> {
        context_of(texts).0
    }

    /// Pairwise (similarity, verdict) of `texts` as one batch would score them.
    fn pairwise(texts: &[&str]) -> Vec<Vec<(f32, Verdict)>> {
        let (mut feats, sim) = indexed(texts.iter().copied());
        sim.prepare_masses(&mut feats);
        let th = Thresholds::default();
        feats
            .iter()
            .map(|a| {
                feats
                    .iter()
                    .map(|b| {
                        let (s, v, _) = decide(&sim, a, b, &th);
                        (s, v)
                    })
                    .collect()
            })
            .collect()
    }

    /// [`align_texts`] with the related context.
    fn context_of(texts: &[(usize, &str)]) -> (Vec<RawCluster>, Vec<ContextPair>) {
        let (feats, sim) = indexed(texts.iter().map(|(_, t)| *t));
        align_with_context(&inputs(&feats, texts), &sim, &Thresholds::default())
    }

    /// The alignment's input: each claim with the column of its `(column, text)`.
    /// The claims that use each term, by term id (the alignment's inverted index).
    fn postings_of(feats: &[ClaimFeatures]) -> Vec<Vec<usize>> {
        let mut postings: Vec<Vec<usize>> = Vec::new();
        for (i, f) in feats.iter().enumerate() {
            for &t in &f.term_ids {
                if postings.len() <= t as usize {
                    postings.resize(t as usize + 1, Vec::new());
                }
                postings[t as usize].push(i);
            }
        }
        postings
    }

    fn inputs<'a>(feats: &'a [ClaimFeatures], texts: &[(usize, &str)]) -> Vec<AlignInput<'a>> {
        feats
            .iter()
            .zip(texts.iter())
            .enumerate()
            .map(|(k, (f, (c, _)))| AlignInput {
                features: f,
                column: *c,
                copy_of: k,
            })
            .collect()
    }

    #[test]
    fn a_fact_an_article_states_twice_is_shown_with_both_groups() {
        // each article states the quake in two sentences; the groups cannot merge (column 0
        // is in both), so a claim linked to both members of the other group is shown there
        let texts = [
            (
                0,
                "A strong earthquake struck northern Chile on Tuesday, killing two people.",
            ),
            (
                0,
                "A strong earthquake struck northern Chile on Tuesday, damaging homes in Iquique.",
            ),
            (
                1,
                "A strong earthquake struck northern Chile on Tuesday, killing two people and damaging homes.",
            ),
            (
                2,
                "A strong earthquake struck northern Chile on Tuesday, damaging homes in Iquique, officials said.",
            ),
        ];
        let clusters = align_texts(&texts);
        let with = |m: &[usize]| clusters.iter().find(|c| c.members == m);
        let first = with(&[0, 2]).expect("the first statement's group");
        assert!(first.counterparts.is_empty(), "{clusters:#?}");
        let second = with(&[1, 2, 3]).expect("the second group shows claim 2");
        assert_eq!(second.counterparts, vec![2]);
        assert_eq!(second.kind, ClusterKind::Shared);
        // a claim linked to one member of two is not shown with the group
        let texts = [
            (
                0,
                "A strong earthquake struck northern Chile on Tuesday, killing two people.",
            ),
            (
                0,
                "Rescue teams searched collapsed homes in Iquique on Wednesday, officials said.",
            ),
            (
                1,
                "A strong earthquake struck northern Chile on Tuesday, killing two people and damaging homes.",
            ),
            (
                2,
                "Rescue teams searched collapsed homes in Iquique on Wednesday, the navy said.",
            ),
        ];
        let clusters = align_texts(&texts);
        assert!(
            clusters.iter().all(|c| c.counterparts.is_empty()),
            "{clusters:#?}"
        );
    }

    #[test]
    fn words_the_whole_story_repeats_do_not_make_one_fact() {
        // NeuS: three leads on a senator's beach-club membership; two claims sharing only the
        // story's words (a 2017 confrontation, a video posted on Saturday) are two facts
        let texts = [
            (
                0,
                "Senator Whitehouse defended his family's membership in Bailey's Beach Club.",
            ),
            (
                0,
                "Critics say Bailey's Beach Club in Newport excludes minorities, and Senator Whitehouse's membership drew scrutiny.",
            ),
            (
                1,
                "GoLocal confronted Whitehouse in 2017 about his membership in Bailey's Beach Club in Newport.",
            ),
            (
                1,
                "Whitehouse said his membership in Bailey's Beach Club is a family matter.",
            ),
            (
                2,
                "Whitehouse continues to defend the membership in Bailey's Beach Club in Newport.",
            ),
            (
                2,
                "The membership of Whitehouse in Bailey's Beach Club in Newport angered activists.",
            ),
        ];
        // other stories of the corpus, so that the story's words are rare in it
        let background: Vec<String> = (0..40)
            .map(|i| {
                format!("The council approved budget number {i} for road repairs and schools.")
            })
            .collect();
        let (mut feats, sim) = indexed(
            texts
                .iter()
                .map(|(_, t)| *t)
                .chain(background.iter().map(String::as_str)),
        );
        sim.prepare_masses(&mut feats);
        feats.truncate(texts.len());
        let inputs = inputs(&feats, &texts);
        let postings = postings_of(&feats);
        let verdict_of = |sim: &dyn Similarity, th: &Thresholds, (i, j): (usize, usize)| {
            let c = Candidates {
                claims: &inputs,
                postings: &postings,
                common: 64,
                sim,
                th,
            };
            let (mut edges, mut related) = (Vec::new(), Vec::new());
            c.decide_pair(i, j, None, &mut edges, &mut related);
            edges.first().map(|e| e.verdict)
        };
        let verdict_with = |sim: &dyn Similarity, th: &Thresholds| verdict_of(sim, th, (2, 4));
        let verdict = |th: &Thresholds| verdict_with(&sim, th);
        let off = Thresholds {
            same_fact_event: 0.0,
            ..Thresholds::default()
        };
        assert_eq!(
            verdict(&off),
            Some(Verdict::Shared),
            "the rule is what tells them apart"
        );
        assert_eq!(verdict(&Thresholds::default()), None);
        // a backend that reads meaning: its own shared verdicts meet the same check unless
        // the two claims share a verb (session 25: "confronted" / "continues to defend" are
        // two acts; "defended" / "continues to defend" one)
        struct Meaning<'a>(&'a LexicalSimilarity);
        impl Similarity for Meaning<'_> {
            fn name(&self) -> &'static str {
                "meaning"
            }
            fn similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
                self.0.similarity(a, b)
            }
            fn paraphrase(&self, _a: &ClaimFeatures, _b: &ClaimFeatures) -> f32 {
                1.0
            }
            fn reads_meaning(&self) -> bool {
                true
            }
        }
        assert_eq!(verdict_with(&Meaning(&sim), &off), Some(Verdict::Shared));
        assert_eq!(verdict_with(&Meaning(&sim), &Thresholds::default()), None);
        assert_eq!(
            verdict_of(&Meaning(&sim), &Thresholds::default(), (0, 4)),
            Some(Verdict::Shared),
            "a verb in common"
        );
        // two claims of a small event still state one fact in other words
        let c = align_texts(&[(0, REWORDED[0]), (1, REWORDED[1])]);
        assert_eq!(c.len(), 1, "{c:?}");
    }

    #[test]
    fn claims_on_one_topic_in_different_clusters_are_related_context() {
        let texts = [
            (
                0,
                "Russia and Ukraine will hold talks on shipping in the Black Sea next week.",
            ),
            (
                1,
                "Grain ships crossed the Black Sea under a navy escort in March.",
            ),
            (
                2,
                "The weather in Paris was sunny on the day of the summit.",
            ),
        ];
        let (clusters, context) = context_of(&texts);
        assert_eq!(clusters.len(), 3, "{clusters:?}");
        assert_eq!(context.len(), 1, "{context:?}");
        assert_eq!((context[0].a, context[0].b), (0, 1));
        assert!(context[0].similarity >= Thresholds::default().context);
        // claims already in one cluster are not context of each other
        let (clusters, context) = context_of(&[(0, REWORDED[0]), (1, REWORDED[1])]);
        assert_eq!(clusters.len(), 1);
        assert!(context.is_empty(), "{context:?}");
    }

    /// A stand-in for a backend that reads meaning (an embedding model): lexical similarity
    /// and paraphrase, every pair a candidate, and fixed answers to whether two claims are
    /// about one topic and whether their meanings agree.
    struct Reading<'a> {
        lexical: &'a LexicalSimilarity,
        one_topic: bool,
        meaning_agrees: bool,
    }

    impl Similarity for Reading<'_> {
        fn name(&self) -> &'static str {
            "reading"
        }
        fn similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
            self.lexical.similarity(a, b)
        }
        fn paraphrase(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
            self.lexical.paraphrase(a, b)
        }
        fn coverage(&self, part: &ClaimFeatures, whole: &ClaimFeatures) -> f32 {
            self.lexical.coverage(part, whole)
        }
        fn topic_similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
            self.lexical.topic_similarity(a, b)
        }
        fn shared_content(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> SharedContent {
            self.lexical.shared_content(a, b)
        }
        fn reads_meaning(&self) -> bool {
            true
        }
        fn related_topic(&self, _a: &ClaimFeatures, _b: &ClaimFeatures) -> bool {
            self.one_topic
        }
        fn meaning_agrees(&self, _a: &ClaimFeatures, _b: &ClaimFeatures) -> bool {
            self.meaning_agrees
        }
        fn extra_candidates(&self, claims: &[&ClaimFeatures]) -> Vec<(usize, usize)> {
            (0..claims.len())
                .flat_map(|i| (i + 1..claims.len()).map(move |j| (i, j)))
                .collect()
        }
    }

    #[test]
    fn a_backend_that_reads_one_topic_adds_related_context_only() {
        let texts = [
            (0, "The third breast story is a hoax."),
            (
                1,
                "A Florida woman paid thousands of dollars for a surgical implant.",
            ),
        ];
        let (feats, sim) = indexed(texts.iter().map(|(_, t)| *t));
        let claims = inputs(&feats, &texts);
        let (clusters, context) = align_with_context(&claims, &sim, &Thresholds::default());
        assert_eq!(clusters.len(), 2, "{clusters:?}");
        assert!(context.is_empty(), "no words in common: {context:?}");
        // an embedding model that finds the two about one topic (cosine above its cut-off)
        let topic = Reading {
            lexical: &sim,
            one_topic: true,
            meaning_agrees: true,
        };
        let (clusters, context) = align_with_context(&claims, &topic, &Thresholds::default());
        assert_eq!(clusters.len(), 2, "one topic is not one fact: {clusters:?}");
        assert_eq!(context.len(), 1, "{context:?}");
        assert_eq!((context[0].a, context[0].b), (0, 1));
        assert!(context[0].similarity >= Thresholds::default().context);
    }

    const REWORDED: [&str; 3] = [
        "Putin told Trump that Russia and Ukraine would swap 175 prisoners of war on Wednesday.",
        "The two sides also agreed to a prisoner exchange on Wednesday, with 175 prisoners of war to be swapped by each side.",
        "Ukraine brought home 175 soldiers on Wednesday in a prisoner exchange with Russia, which got back 175 prisoners of war.",
    ];

    #[test]
    fn two_claims_align_as_the_pair_decision_or_the_same_fact_rule_says() {
        // not a paraphrase for the model, but one fact told twice with more around it: the
        // alignment's same-fact rule joins them (issue 8: one proposition in other words)
        let p = pairwise(&REWORDED[..2]);
        assert!(p[0][1].0 >= Thresholds::default().shared, "{:?}", p[0][1]);
        assert_eq!(p[0][1].1, Verdict::Different);
        let c = align_texts(&[(0, REWORDED[0]), (1, REWORDED[1])]);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].kind, ClusterKind::Shared);
        // topic words alone do not make one fact
        let apart = [
            "Putin told Trump that Russia would stop strikes on energy plants.",
            "Ukraine said it had lost many energy plants this winter.",
        ];
        let c = align_texts(&[(0, apart[0]), (1, apart[1])]);
        assert_eq!(c.len(), 2, "{c:?}");
        // a close rewording: one shared cluster
        let close = [
            "Putin told Trump that Russia and Ukraine would swap 175 prisoners of war on Wednesday.",
            "Putin told Trump that on Wednesday Russia and Ukraine would swap 175 prisoners of war.",
        ];
        assert_eq!(pairwise(&close)[0][1].1, Verdict::Shared);
        let c = align_texts(&[(0, close[0]), (1, close[1])]);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, ClusterKind::Shared);
    }

    #[test]
    fn a_claim_that_states_one_fact_of_a_longer_one_is_shown_with_it() {
        let texts = [
            (
                0,
                "Putin told Trump that Russia would halt strikes on energy plants for 30 days and that the two sides would swap 175 prisoners of war on Wednesday.",
            ),
            (
                1,
                "Putin agreed with Trump to halt strikes on energy plants for 30 days.",
            ),
            (
                2,
                "Ukraine and Russia will swap 175 prisoners of war on Wednesday.",
            ),
        ];
        let (feats, sim) = indexed(texts.iter().map(|(_, t)| *t));
        let claims = inputs(&feats, &texts);
        // words alone: the prisoner swap links to the long claim only, so it does not join
        // the energy-strikes fact, and stays alone
        let c = align(&claims, &sim, &Thresholds::default());
        let group = c.iter().find(|k| k.members == [0, 1]).expect("{c:?}");
        assert_eq!(group.kind, ClusterKind::Shared);
        let swap = c.iter().find(|k| k.members.contains(&2)).unwrap();
        assert_eq!(swap.kind, ClusterKind::Unique, "{c:?}");
        // a backend that reads meaning shows it with the long claim, which keeps its cluster
        let reads = Reading {
            lexical: &sim,
            one_topic: true,
            meaning_agrees: true,
        };
        let c = align(&claims, &reads, &Thresholds::default());
        assert_eq!(c.len(), 2, "{c:?}");
        let group = c.iter().find(|k| k.counterparts.is_empty()).unwrap();
        assert_eq!(
            (group.kind, group.members.as_slice()),
            (ClusterKind::Shared, &[0, 1][..])
        );
        let swap = c.iter().find(|k| k.members.contains(&2)).unwrap();
        assert_eq!(swap.kind, ClusterKind::Shared, "{c:?}");
        assert_eq!(
            (swap.members.as_slice(), swap.counterparts.as_slice()),
            (&[0, 2][..], &[0][..])
        );
    }

    #[test]
    fn a_counterpart_states_every_figure_of_the_lone_claim() {
        let f = |t: &str| analyse_claim(t, Lang::En);
        let actual = f("The month-to-month gain was 0.8%, against the expected 0.2%.");
        let forecast = f(
            "Economists had expected the index to rise 3.6 percent over the year, and 0.2 percent from the month before.",
        );
        let rise = f("From March to April, prices increased 0.8 percent.");
        assert!(!figures_within(&actual, &forecast));
        assert!(figures_within(&rise, &actual));
        // no figure of that unit on the other side: nothing to disagree with
        assert!(figures_within(
            &actual,
            &f("Consumer prices rose sharply in April.")
        ));
    }

    #[test]
    fn words_in_common_make_no_fact_when_the_backend_reads_other_meanings() {
        // REWORDED[..2] are one fact by the same-fact rule alone (the test above)
        let texts = [(0, REWORDED[0]), (1, REWORDED[1])];
        let (feats, sim) = indexed(texts.iter().map(|(_, t)| *t));
        let claims = inputs(&feats, &texts);
        let disagrees = Reading {
            lexical: &sim,
            one_topic: false,
            meaning_agrees: false,
        };
        let c = align(&claims, &disagrees, &Thresholds::default());
        assert_eq!(c.len(), 2, "{c:?}");
        assert!(c.iter().all(|k| k.kind == ClusterKind::Unique), "{c:?}");
    }

    #[test]
    fn a_fact_an_article_states_twice_is_shown_with_both_groups_by_a_model_too() {
        let texts = [
            (
                0,
                "A strong earthquake struck northern Chile on Tuesday, killing two people.",
            ),
            (
                0,
                "A strong earthquake struck northern Chile on Tuesday, damaging homes in Iquique.",
            ),
            (
                1,
                "A strong earthquake struck northern Chile on Tuesday, killing two people and damaging homes.",
            ),
            (
                2,
                "A strong earthquake struck northern Chile on Tuesday, damaging homes in Iquique, officials said.",
            ),
        ];
        let (feats, sim) = indexed(texts.iter().map(|(_, t)| *t));
        let claims = inputs(&feats, &texts);
        let reads = Reading {
            lexical: &sim,
            one_topic: true,
            meaning_agrees: true,
        };
        let clusters = align(&claims, &reads, &Thresholds::default());
        let shown = clusters
            .iter()
            .find(|c| c.members.contains(&2) && c.counterparts == [2])
            .expect("the second group shows claim 2");
        assert_eq!(shown.kind, ClusterKind::Shared, "{clusters:#?}");
        // a claim linked to one member of two is not shown with the group
        let texts = [
            (
                0,
                "A strong earthquake struck northern Chile on Tuesday, killing two people.",
            ),
            (
                0,
                "Rescue teams searched collapsed homes in Iquique on Wednesday, officials said.",
            ),
            (
                1,
                "A strong earthquake struck northern Chile on Tuesday, killing two people and damaging homes.",
            ),
            (
                2,
                "Rescue teams searched collapsed homes in Iquique on Wednesday, the navy said.",
            ),
        ];
        let (feats, sim) = indexed(texts.iter().map(|(_, t)| *t));
        let claims = inputs(&feats, &texts);
        let reads = Reading {
            lexical: &sim,
            one_topic: true,
            meaning_agrees: true,
        };
        let clusters = align(&claims, &reads, &Thresholds::default());
        assert!(
            clusters.iter().all(|c| c.counterparts.is_empty()),
            "{clusters:#?}"
        );
    }

    #[test]
    fn three_outlets_rewording_one_fact_are_grouped() {
        let p = pairwise(&REWORDED);
        for (i, row) in p.iter().enumerate() {
            for (j, &(s, v)) in row.iter().enumerate() {
                if i != j {
                    assert!(s >= Thresholds::default().shared, "{i} {j}: {s}");
                    assert_eq!(v, Verdict::Different, "{i} {j}");
                }
            }
        }
        let mut texts: Vec<(usize, &str)> = REWORDED.iter().copied().enumerate().collect();
        texts.push((
            1,
            "Hockey matches between Russian and American players were discussed.",
        ));
        let c = align_texts(&texts);
        assert_eq!(c[0].kind, ClusterKind::Shared);
        assert_eq!(c[0].members, vec![0, 1, 2]);
        assert_eq!(c[1].kind, ClusterKind::Unique);
    }

    #[test]
    fn a_dissent_does_not_recast_a_shared_fact() {
        let texts = [
            (0, "The call between the two presidents lasted two hours."),
            (1, "The call between the presidents lasted two hours."),
            (
                2,
                "The call between the two presidents lasted two hours on Tuesday.",
            ),
            (
                3,
                "The call between the two presidents did not last two hours.",
            ),
            (
                3,
                "Hockey matches between Russian and American players were discussed.",
            ),
        ];
        let clusters = align_texts(&texts);
        let kinds: Vec<(ClusterKind, Vec<usize>)> = clusters
            .iter()
            .map(|c| {
                (
                    c.kind,
                    c.members
                        .iter()
                        .copied()
                        .filter(|m| !c.counterparts.contains(m))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                (ClusterKind::Shared, vec![0, 1, 2]),
                (ClusterKind::Contrasting, vec![3]),
                (ClusterKind::Unique, vec![4]),
            ]
        );
        // the shared fact keeps its three claims and shows no counterpart
        assert!(clusters[0].counterparts.is_empty());
        assert!(clusters[0].contrasts.is_empty());
        // the denial is shown against every claim of the shared fact it contradicts, the
        // strongest link first, with one reason per pair, fact first
        let dissent = &clusters[1];
        let mut cps = dissent.counterparts.clone();
        cps.sort_unstable();
        assert_eq!(cps, vec![0, 1, 2]);
        assert_eq!(dissent.members, vec![0, 1, 2, 3]);
        assert_eq!(dissent.contrasts.len(), 3, "{:?}", dissent.contrasts);
        for ((a, b, r), cp) in dissent.contrasts.iter().zip(&dissent.counterparts) {
            assert_eq!((*a, *b), (*cp, 3));
            assert!(r.contains("negation"), "{r}");
        }
    }

    #[test]
    fn contrasting_groups_of_equal_size_still_merge() {
        // neither side is the majority: one contrasting cluster shows both
        let texts = [
            (0, "The call between the two presidents lasted two hours."),
            (1, "The call between the presidents lasted two hours."),
            (
                2,
                "The call between the two presidents did not last two hours.",
            ),
            (3, "The call between the presidents did not last two hours."),
        ];
        let clusters = align_texts(&texts);
        assert_eq!(clusters.len(), 1, "{clusters:?}");
        assert_eq!(clusters[0].kind, ClusterKind::Contrasting);
        assert_eq!(clusters[0].members, vec![0, 1, 2, 3]);
        assert!(clusters[0].counterparts.is_empty());
    }

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
        let clusters = align_texts(&texts);
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

    #[test]
    fn a_denial_of_this_disputes_the_story_its_article_restates() {
        // FNC-1: a body tells the story the headline reports, then calls it a hoax
        let texts = [
            (0, "Florida woman pays $20,000 for a third breast implant."),
            (
                1,
                "A Florida woman paid $20,000 for a third breast implant, she told reporters.",
            ),
            (1, "The surgeon who examined the photos spoke on Monday."),
            (1, "Unfortunately, I think this is a hoax."),
        ];
        let c = align_texts(&texts);
        let shared = c
            .iter()
            .find(|k| k.kind == ClusterKind::Shared)
            .expect("the restated report is shared");
        assert_eq!(shared.members, vec![0, 1], "{c:?}");
        let dispute = c
            .iter()
            .find(|k| k.kind == ClusterKind::Contrasting)
            .expect("the denial disputes the report");
        assert_eq!(dispute.members, vec![0, 3]);
        assert_eq!(dispute.counterparts, vec![0]);
        assert!(
            dispute.contrasts[0].2.contains("of the story it restates"),
            "{dispute:?}"
        );
        // told before the story, or with no restatement, "this" names nothing in the event
        for texts in [
            vec![(0, texts[0].1), (1, texts[3].1), (1, texts[1].1)],
            vec![(0, texts[0].1), (1, texts[2].1), (1, texts[3].1)],
        ] {
            let c = align_texts(&texts);
            assert!(
                c.iter().all(|k| k.kind != ClusterKind::Contrasting),
                "{c:?}"
            );
        }
    }

    /// The lexical backend under another name: every method answers as the lexical backend
    /// does, but [`Similarity::as_lexical`] is `None`, so the alignment merges each pair's
    /// term lists and decides every candidate pair.
    struct Merged<'a>(&'a LexicalSimilarity);

    impl Similarity for Merged<'_> {
        fn name(&self) -> &'static str {
            self.0.name()
        }
        fn similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
            self.0.similarity(a, b)
        }
        fn paraphrase(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
            self.0.paraphrase(a, b)
        }
        fn coverage(&self, part: &ClaimFeatures, whole: &ClaimFeatures) -> f32 {
            self.0.coverage(part, whole)
        }
        fn topic_similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
            self.0.topic_similarity(a, b)
        }
        fn shared_content(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> SharedContent {
            self.0.shared_content(a, b)
        }
        fn similarity_and_content(
            &self,
            a: &ClaimFeatures,
            b: &ClaimFeatures,
        ) -> (f32, Option<SharedContent>) {
            self.0.similarity_and_content(a, b)
        }
    }

    /// A raw cluster of `kind` over `members` (counterparts `cps`) with mean similarity `s`.
    fn raw(kind: ClusterKind, members: &[usize], cps: &[usize], s: f32) -> RawCluster {
        RawCluster {
            kind,
            members: members.to_vec(),
            counterparts: cps.to_vec(),
            contrasts: Vec::new(),
            similarity: s,
        }
    }

    #[test]
    fn loose_shared_clusters_are_taken_apart_in_place() {
        let texts = [
            "The White House released the emails on Wednesday.",
            "Republicans welcomed the release of the emails.",
            "The court ended the moratorium on evictions.",
            "The Supreme Court ended the eviction moratorium.",
            "Turnout was high.",
            "Turnout was low.",
        ];
        let feats: Vec<ClaimFeatures> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let cols: Vec<(usize, &str)> = texts.iter().enumerate().map(|(i, t)| (i % 2, *t)).collect();
        let claims = inputs(&feats, &cols);
        let mut out = vec![
            raw(ClusterKind::Shared, &[0, 1], &[], 0.20),
            raw(ClusterKind::Shared, &[2, 3], &[], 0.50),
            raw(ClusterKind::Contrasting, &[4, 5], &[], 0.10),
        ];
        let apart = dissolve_loose_clusters(&mut out, &claims, 0.25, 0.25);
        let kinds: Vec<(ClusterKind, Vec<usize>)> =
            out.iter().map(|c| (c.kind, c.members.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (ClusterKind::Unique, vec![0]),
                (ClusterKind::Unique, vec![1]),
                (ClusterKind::Shared, vec![2, 3]),
                (ClusterKind::Contrasting, vec![4, 5]),
            ]
        );
        assert_eq!(apart.into_iter().collect::<Vec<_>>(), vec![(0, 1)]);
    }

    #[test]
    fn clusters_below_the_verb_bar_need_a_verb_in_common() {
        let texts = [
            "House Democrats will consider as much as $2.9 trillion in tax hikes.",
            "The groups urged large tax hikes in a letter to Schumer.",
            "The special envoy to Haiti resigned on Thursday.",
            "The envoy to Haiti quit over the deportations.",
            "Advocacy groups sent a letter about tax hikes.",
            "Tax hikes for the wealthy.",
        ];
        let feats: Vec<ClaimFeatures> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let cols: Vec<(usize, &str)> = texts.iter().enumerate().map(|(i, t)| (i % 2, *t)).collect();
        let claims = inputs(&feats, &cols);
        let mut out = vec![
            // the story's nouns only, below the verb bar: taken apart
            raw(ClusterKind::Shared, &[0, 1], &[], 0.30),
            // one act in two synonyms ("resigned" / "quit"): kept
            raw(ClusterKind::Shared, &[2, 3], &[], 0.30),
            // no verb read in a headline-like fragment: not judged, kept
            raw(ClusterKind::Shared, &[4, 5], &[], 0.30),
        ];
        let mut above = out.clone();
        let apart = dissolve_loose_clusters(&mut out, &claims, 0.25, 0.35);
        let kinds: Vec<(ClusterKind, Vec<usize>)> =
            out.iter().map(|c| (c.kind, c.members.clone())).collect();
        assert_eq!(
            kinds,
            vec![
                (ClusterKind::Unique, vec![0]),
                (ClusterKind::Unique, vec![1]),
                (ClusterKind::Shared, vec![2, 3]),
                (ClusterKind::Shared, vec![4, 5]),
            ]
        );
        assert_eq!(apart.into_iter().collect::<Vec<_>>(), vec![(0, 1)]);
        // at or above the bar the verbs are not read
        let apart = dissolve_loose_clusters(&mut above, &claims, 0.25, 0.30);
        assert!(apart.is_empty());
        assert_eq!(above.len(), 3);
    }

    #[test]
    fn a_loose_cluster_keeps_its_counterparts_elsewhere_and_languages_apart_stay() {
        let texts = [
            "The talks ended on Tuesday.",
            "Officials met in Jeddah.",
            "The talks were long.",
            "Переговоры закончились во вторник.",
        ];
        let langs = [Lang::En, Lang::En, Lang::En, Lang::Ru];
        let feats: Vec<ClaimFeatures> = texts
            .iter()
            .zip(langs)
            .map(|(t, l)| analyse_claim(t, l))
            .collect();
        let cols: Vec<(usize, &str)> = texts.iter().enumerate().map(|(i, t)| (i, *t)).collect();
        let claims = inputs(&feats, &cols);
        // 2 is shown in the first cluster as a counterpart; its own cluster is the third
        let mut out = vec![
            raw(ClusterKind::Shared, &[0, 1, 2], &[2], 0.15),
            raw(ClusterKind::Shared, &[0, 3], &[0], 0.15),
            raw(ClusterKind::Unique, &[2], &[], 1.0),
        ];
        let apart = dissolve_loose_clusters(&mut out, &claims, 0.25, 0.25);
        let members: Vec<Vec<usize>> = out.iter().map(|c| c.members.clone()).collect();
        assert_eq!(members, vec![vec![0], vec![1], vec![0, 3], vec![2]]);
        assert_eq!(
            out[2].kind,
            ClusterKind::Shared,
            "English with Russian: left alone"
        );
        assert_eq!(apart.into_iter().collect::<Vec<_>>(), vec![(0, 1)]);
    }

    #[test]
    fn shared_terms_from_the_postings_decide_as_the_merge_does() {
        // every sentence of the sample event's articles, one column per article
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join("2025-03-18-trump-putin-call");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("the sample event is in corpus/")
            .map(|e| e.expect("a readable entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let mut texts: Vec<(usize, String)> = Vec::new();
        for (column, path) in files.iter().enumerate() {
            let body = std::fs::read_to_string(path).expect("a readable article");
            for r in crate::analysis::sentences::split_sentences(&body) {
                texts.push((column, body[r].to_string()));
            }
        }
        let pairs: Vec<(usize, &str)> = texts.iter().map(|(c, t)| (*c, t.as_str())).collect();
        assert!(pairs.len() > 100, "{} sentences", pairs.len());
        let (mut feats, sim) = indexed(pairs.iter().map(|(_, t)| *t));
        sim.prepare_masses(&mut feats);
        let inputs = inputs(&feats, &pairs);
        let postings = postings_of(&feats);
        let th = Thresholds::default();
        let merged = Merged(&sim);
        // a low bar for common terms, so that terms which make no candidates are added too
        let scored = |s: &dyn Similarity| {
            let c = Candidates {
                claims: &inputs,
                postings: &postings,
                common: 12,
                sim: s,
                th: &th,
            };
            format!("{:?}", c.score((0..inputs.len()).collect()))
        };
        let (lexical, by_merge) = (scored(&sim), scored(&merged));
        assert!(lexical.contains("Shared") && lexical.len() > 1000);
        assert_eq!(lexical, by_merge);
    }
}
