//! The result of comparing one event's articles: claims, clusters, framing profiles.
//!
//! This is the contract between the analysis, the reports and the TUI. Fields may be added;
//! renaming or removing one means updating every consumer.

use std::collections::BTreeMap;

use serde::Serialize;

/// Index into [`Comparison::claims`].
pub type ClaimId = usize;
/// Index into [`Comparison::clusters`].
pub type ClusterId = usize;

/// Everything the analysis found for one event.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Comparison {
    pub event_id: String,
    pub event_title: String,
    /// The similarity backend the claims were compared with: `"lexical-idf"`, or
    /// `"embedding: <model folder> (<pooling>)"` ([`crate::analysis::Backend::label`]).
    pub backend: String,
    /// Why the model named for the comparison was not used, when its claims could not be
    /// embedded: the event was then compared lexically and `backend` says `lexical-idf`.
    #[serde(skip)]
    pub backend_problem: Option<String>,
    /// One column per article (normally one article per outlet), in display order.
    pub columns: Vec<OutletColumn>,
    /// Every claim of every article; `ClaimId` indexes this.
    pub claims: Vec<Claim>,
    /// Claim clusters, ordered by first appearance; `ClusterId` indexes this.
    pub clusters: Vec<Cluster>,
    /// Framing profile per outlet column, same order as `columns`.
    pub profiles: Vec<FramingProfile>,
    /// Related context: claims of different outlets about the same topic that are in
    /// different clusters (the relation was not sure enough for a verdict), for the reader to
    /// judge. Sorted by `(a, b)`; at most a few per claim.
    pub related: Vec<RelatedPair>,
    /// The event with its article texts, when they were read back from disk for this
    /// comparison (a streamed JSON Lines dump leaves them there: [`crate::corpus::Body`]):
    /// what the views show of its articles. `None` when the corpus holds the texts.
    #[serde(skip)]
    pub event_read: Option<std::sync::Arc<crate::corpus::Event>>,
}

/// Two claims shown to the reader as related context (see [`Comparison::related`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedPair {
    /// The claims, `a < b`, from different outlets.
    pub a: ClaimId,
    pub b: ClaimId,
    /// Similarity of the pair in [0, 1] as the backend scores it.
    pub similarity: f32,
    /// Why the pair is more than a topic match: an unconfirmed opposition, or a close
    /// wording that was not merged into one fact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Comparison {
    /// The related context of `claim`: (the other claim, the pair), most similar first.
    pub fn related_to(&self, claim: ClaimId) -> Vec<(ClaimId, &RelatedPair)> {
        let mut out: Vec<(ClaimId, &RelatedPair)> = self
            .related
            .iter()
            .filter_map(|p| {
                if p.a == claim {
                    Some((p.b, p))
                } else if p.b == claim {
                    Some((p.a, p))
                } else {
                    None
                }
            })
            .collect();
        out.sort_by(|x, y| {
            y.1.similarity
                .total_cmp(&x.1.similarity)
                .then(x.0.cmp(&y.0))
        });
        out
    }
}

/// One outlet's article as a column of claims.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OutletColumn {
    /// Outlet id (e.g. `bbc`).
    pub outlet: String,
    /// Index of the article in `Event::articles`.
    pub article: usize,
    pub headline: String,
    /// Claims in article order.
    pub claims: Vec<ClaimId>,
    /// Outlets whose article in this event is a near-identical copy of this one (a wire
    /// story republished), as found by the loader's duplicate check; sorted, empty for most.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub syndicated_with: Vec<String>,
}

/// Who is speaking in a claim and how.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Attribution {
    /// The speaker as written ("Dmitry Peskov", "the Kremlin").
    pub speaker: Option<String>,
    /// The reporting verb or phrase ("said", "claimed", "according to").
    pub verb: String,
    /// True for a direct quote, false for a paraphrase.
    pub direct_quote: bool,
}

/// A kind of framing cue found in a claim's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CueKind {
    /// Evaluative or loaded wording ("a diplomatic win", "capitulation").
    Loaded,
    /// Hedges and distancing ("reportedly", "may", "it is unclear").
    Hedge,
    /// Reporting verbs ("said", "boasted").
    Attribution,
    /// Negation ("not", "no", "never", "не").
    Negation,
}

/// A cue with its byte range inside the claim text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cue {
    pub kind: CueKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Evaluative polarity where the lexicon gives one: +1 positive, -1 negative, 0 neutral.
    pub polarity: i8,
}

/// A number, amount or date mentioned in a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    pub text: String,
    /// Normalised value when it could be parsed (30, 2.5, 175).
    pub value: Option<f64>,
    /// Unit or what is counted, if recognised ("days", "hours", "%", "prisoners").
    pub unit: Option<String>,
    /// How far the true figure may be from `value` as the text states it: the precision of
    /// the digits ("2.5" ±0.05, "2,700" ±50), widened by approximations ("about", "some",
    /// "около") and ranges ("20–30" is 25 ±5). Comparisons treat `value ± tolerance` as one
    /// interval (see `quantities`).
    pub tolerance: f64,
    /// Whether that interval is open on one side ("more than", "свыше"; "under", "менее").
    pub bound: Bound,
}

/// Which side of a quantity's interval is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// `value ± tolerance`.
    #[default]
    Around,
    /// "more than 2", "at least 2", "свыше 2": from `value - tolerance` up.
    AtLeast,
    /// "under 2", "up to 2", "менее 2": up to `value + tolerance`.
    AtMost,
}

/// One sentence or clause of an article, with the features the alignment uses.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Claim {
    pub id: ClaimId,
    /// Index into `Comparison::columns`.
    pub column: usize,
    pub outlet: String,
    /// The claim text as it appears in the article.
    pub text: String,
    /// Byte offsets in the source file (see `corpus::Article::file_range`).
    pub start: usize,
    pub end: usize,
    /// Position of the sentence in its article (0-based).
    pub sentence_index: usize,
    /// Position of the clause in its sentence (0-based; compound sentences are split into
    /// clauses at unambiguous joints, see `analysis::clauses`).
    pub clause_index: usize,
    /// ISO 639-1 code ("en", "ru").
    pub language: String,
    /// Entity-like spans, canonicalised where coreference resolved them ("Putin").
    pub entities: Vec<String>,
    pub quantities: Vec<Quantity>,
    pub negated: bool,
    pub attribution: Option<Attribution>,
    /// Sentiment in [-1, 1].
    pub sentiment: f32,
    pub cues: Vec<Cue>,
    /// The claim's own cluster: exactly one, the one it is counted in (framing profiles) and
    /// coloured by. Its `members` always contain the claim.
    pub cluster: ClusterId,
    /// Contrasting clusters that also show this claim as a counterpart: the side of a shared
    /// fact that a dissenting outlet contradicts. The claim stays in its own (shared) `cluster`
    /// so a dissent does not recast what several outlets report; these clusters show the
    /// disagreement next to it. Ascending; empty for most claims.
    pub disputed_in: Vec<ClusterId>,
    /// Shared clusters that also show this claim as a counterpart: another outlet's claim
    /// states one of the facts of this (longer) claim, which already belongs to a shared
    /// cluster of its own (see `analysis::align`, step 4; only with a backend that reads
    /// meaning). Ascending; empty for most claims.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_shared_in: Vec<ClusterId>,
}

impl Claim {
    /// True if `cluster` shows this claim: its own cluster or one it is a counterpart in.
    pub fn in_cluster(&self, cluster: ClusterId) -> bool {
        self.shown_in().any(|c| c == cluster)
    }

    /// Every cluster that shows this claim: its own first, then the contrasting clusters it
    /// is disputed in, then the shared clusters it is a counterpart of.
    pub fn shown_in(&self) -> impl Iterator<Item = ClusterId> + '_ {
        std::iter::once(self.cluster)
            .chain(self.disputed_in.iter().copied())
            .chain(self.also_shared_in.iter().copied())
    }
}

/// What the alignment decided about a cluster of claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClusterKind {
    /// The same proposition in two or more outlets.
    Shared,
    /// The same topic stated with opposite polarity, numbers or evaluation.
    Contrasting,
    /// Reported by one outlet only.
    Unique,
}

impl ClusterKind {
    /// A glyph so the kind reads without colour.
    pub fn glyph(self) -> char {
        match self {
            ClusterKind::Shared => '=',
            ClusterKind::Contrasting => '≠',
            ClusterKind::Unique => '+',
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ClusterKind::Shared => "shared",
            ClusterKind::Contrasting => "contrasting",
            ClusterKind::Unique => "unique",
        }
    }
}

/// A group of aligned claims from different outlets with the verdict and why.
#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub id: ClusterId,
    pub kind: ClusterKind,
    /// Human-readable reasons: "negation", "number: 30 vs 60",
    /// "evaluation: win (+) vs rejected (−)", "only in BBC".
    pub reasons: Vec<String>,
    /// Member claims, in column order, counterparts included, so a contrasting cluster shows
    /// both sides of a disagreement.
    pub members: Vec<ClaimId>,
    /// Members whose own cluster is another one (see [`Claim::disputed_in`] and
    /// [`Claim::also_shared_in`]): in a contrasting cluster made from a dissent, the member of
    /// the disputed shared cluster it is shown against; in a shared cluster of one claim of
    /// its own, the longer claim of another outlet that states its fact too. A subset of
    /// `members`, ascending; empty for unique clusters and most shared ones.
    pub counterparts: Vec<ClaimId>,
    /// Contrasting clusters that dispute this one (they show one of its members as a
    /// counterpart): a shared fact stays shared and links to its dissent. Ascending.
    pub disputed_by: Vec<ClusterId>,
    /// Content words the members share (stems shown as the first surface form met).
    pub shared_terms: Vec<String>,
    /// Mean pairwise similarity of the members (1.0 for a single claim).
    pub similarity: f32,
    /// True for a shared cluster whose own members all come from syndicated copies of one
    /// article: the same text republished, one source, not independent corroboration.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub syndicated: bool,
    /// True for a shared cluster that has two or more independent sources by whole-article
    /// copies (`syndicated`) but fewer once passages copied between articles count: its
    /// outlets hold the fact only through a run of sentences reprinted from one another
    /// (partly syndicated wire copy), one source, not independent corroboration.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub copied_passage: bool,
}

impl Cluster {
    /// True if `claim` is shown here as a counterpart and belongs to another cluster.
    pub fn is_counterpart(&self, claim: ClaimId) -> bool {
        self.counterparts.contains(&claim)
    }

    /// The members whose own cluster this is (every member but the counterparts).
    pub fn own_members(&self) -> impl Iterator<Item = ClaimId> + '_ {
        self.members
            .iter()
            .copied()
            .filter(|&m| !self.is_counterpart(m))
    }
}

/// One token of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffToken {
    pub text: String,
    pub op: DiffOp,
}

/// How a diff token relates to the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// On both sides.
    Equal,
    /// Only on this side.
    Only,
    /// On both sides but in a different place.
    Moved,
}

/// A word-level diff of two claims, one token list per side.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WordDiff {
    pub left: Vec<DiffToken>,
    pub right: Vec<DiffToken>,
}

/// How one outlet frames the event.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FramingProfile {
    pub outlet: String,
    pub headline: String,
    pub claim_count: usize,
    /// Mean sentiment over claims, in [-1, 1].
    pub sentiment: f32,
    /// Sentiment of each claim in article order (for sparklines).
    pub sentiment_series: Vec<f32>,
    /// Loaded terms with counts, most frequent first.
    pub loaded_terms: Vec<(String, usize)>,
    pub hedge_count: usize,
    /// Attribution verbs with counts.
    pub attribution_verbs: Vec<(String, usize)>,
    /// Who gets quoted, with counts.
    pub quoted_sources: Vec<(String, usize)>,
    /// Actor (canonical) -> the labels this outlet uses for them, with counts.
    pub actor_labels: BTreeMap<String, Vec<(String, usize)>>,
    /// Frame dimension name -> share of claims evoking it, in [0, 1].
    pub frames: Vec<(String, f32)>,
    pub unique_claims: usize,
    pub shared_claims: usize,
    pub contrasting_claims: usize,
}
