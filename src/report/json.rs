//! The versioned JSON report (schema in `docs/report-schema.md`).

use serde::Serialize;

use super::{claim_path, cluster_diffs, round4};
use crate::analysis::{
    Claim, Cluster, Comparison, DiffOp, DiffToken, FramingProfile, OutletColumn, RelatedPair,
    WordDiff,
};
use crate::corpus::Event;

/// Version of the JSON document; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "framediff.comparison/1";

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    /// Present for corpora of illustrative texts (the sample corpus): what they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    illustrative: Option<&'a str>,
    /// The similarity backend of the comparison (`"lexical-idf"`, `"embedding: …"`).
    backend: &'a str,
    event: EventJson<'a>,
    outlets: Vec<OutletJson<'a>>,
    /// Clusters by kind, with the shared ones held only through copies of one source.
    counts: CountsJson,
    clusters: Vec<ClusterJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
    profiles: Vec<ProfileJson<'a>>,
    /// Related context: claims of different outlets on one topic, in different clusters.
    related: Vec<RelatedJson<'a>>,
}

/// The clusters of each kind; `shared_through_copies` of the `shared` are held only through
/// a copied passage or syndicated copies ([`super::shared_through_copies`]).
#[derive(Serialize)]
struct CountsJson {
    shared: usize,
    shared_through_copies: usize,
    contrasting: usize,
    unique: usize,
}

/// [`CountsJson`] of a comparison.
fn counts(cmp: &Comparison) -> CountsJson {
    use crate::analysis::ClusterKind;
    let of = |k: ClusterKind| cmp.clusters.iter().filter(|c| c.kind == k).count();
    CountsJson {
        shared: of(ClusterKind::Shared),
        shared_through_copies: super::shared_through_copies(cmp),
        contrasting: of(ClusterKind::Contrasting),
        unique: of(ClusterKind::Unique),
    }
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    a: usize,
    b: usize,
    similarity: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct EventJson<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
}

#[derive(Serialize)]
struct OutletJson<'a> {
    outlet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lean: Option<&'a str>,
    headline: &'a str,
    path: String,
    language: Option<&'a str>,
    claims: usize,
}

#[derive(Serialize)]
struct MemberJson<'a> {
    claim: usize,
    outlet: &'a str,
    text: &'a str,
    path: String,
    start: usize,
    end: usize,
    sentence: usize,
    /// True if the claim belongs to another (shared) cluster and is shown here as the side a
    /// dissent contradicts.
    counterpart: bool,
}

#[derive(Serialize)]
struct TokenJson<'a> {
    text: &'a str,
    op: DiffOp,
}

#[derive(Serialize)]
struct DiffJson<'a> {
    left: usize,
    right: usize,
    left_tokens: Vec<TokenJson<'a>>,
    right_tokens: Vec<TokenJson<'a>>,
}

#[derive(Serialize)]
struct ClusterJson<'a> {
    id: usize,
    /// What people see: "cluster 6" in the TUI, "#6" in Markdown and HTML.
    number: usize,
    kind: &'static str,
    reasons: &'a [String],
    similarity: f64,
    shared_terms: &'a [String],
    members: Vec<MemberJson<'a>>,
    counterparts: &'a [usize],
    disputed_by: &'a [usize],
    /// True when every member outlet carries a syndicated copy of one article (one source).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    syndicated: bool,
    /// True when the member outlets hold the fact only through a passage copied between
    /// their articles (partly syndicated wire copy: one source).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    copied_passage: bool,
    diffs: Vec<DiffJson<'a>>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    id: usize,
    outlet: &'a str,
    cluster: usize,
    disputed_in: &'a [usize],
    /// Shared clusters that show this claim as a counterpart (only when there are some).
    #[serde(skip_serializing_if = "<[usize]>::is_empty")]
    also_shared_in: &'a [usize],
    text: &'a str,
    path: String,
    start: usize,
    end: usize,
    sentence: usize,
    language: &'a str,
    entities: &'a [String],
    quantities: Vec<QuantityJson<'a>>,
    negated: bool,
    attribution: Option<&'a crate::analysis::Attribution>,
    sentiment: f64,
    cues: Vec<CueJson<'a>>,
}

#[derive(Serialize)]
struct QuantityJson<'a> {
    text: &'a str,
    value: Option<f64>,
    unit: Option<&'a str>,
}

#[derive(Serialize)]
struct CueJson<'a> {
    kind: crate::analysis::CueKind,
    start: usize,
    end: usize,
    text: &'a str,
    polarity: i8,
}

#[derive(Serialize)]
struct ProfileJson<'a> {
    outlet: &'a str,
    headline: &'a str,
    claim_count: usize,
    sentiment: f64,
    sentiment_series: Vec<f64>,
    loaded_terms: &'a [(String, usize)],
    hedge_count: usize,
    attribution_verbs: &'a [(String, usize)],
    quoted_sources: &'a [(String, usize)],
    actor_labels: &'a std::collections::BTreeMap<String, Vec<(String, usize)>>,
    frames: Vec<(&'a str, f64)>,
    unique_claims: usize,
    shared_claims: usize,
    contrasting_claims: usize,
}

fn profile(p: &FramingProfile) -> ProfileJson<'_> {
    ProfileJson {
        outlet: &p.outlet,
        headline: &p.headline,
        claim_count: p.claim_count,
        sentiment: round4(p.sentiment),
        sentiment_series: p.sentiment_series.iter().map(|&x| round4(x)).collect(),
        loaded_terms: &p.loaded_terms,
        hedge_count: p.hedge_count,
        attribution_verbs: &p.attribution_verbs,
        quoted_sources: &p.quoted_sources,
        actor_labels: &p.actor_labels,
        frames: p
            .frames
            .iter()
            .map(|(f, x)| (f.as_str(), round4(*x)))
            .collect(),
        unique_claims: p.unique_claims,
        shared_claims: p.shared_claims,
        contrasting_claims: p.contrasting_claims,
    }
}

/// Serialises a comparison as the versioned JSON report (pretty-printed, trailing newline).
pub fn to_json(cmp: &Comparison, event: &Event) -> String {
    to_json_with(cmp, event, &super::ReportMeta::default())
}

/// [`to_json`] with what the corpus says about its outlets and texts.
pub fn to_json_with(cmp: &Comparison, event: &Event, meta: &super::ReportMeta) -> String {
    let diffs: Vec<Vec<(usize, usize, WordDiff)>> = (0..cmp.clusters.len())
        .map(|i| cluster_diffs(cmp, i))
        .collect();
    let doc = Doc {
        schema: SCHEMA_VERSION,
        illustrative: meta.illustrative.as_deref(),
        backend: &cmp.backend,
        event: EventJson {
            id: &cmp.event_id,
            title: &cmp.event_title,
            date: event.date.map(|d| d.to_string()),
            summary: event.summary.as_deref(),
            tags: &event.tags,
        },
        outlets: cmp.columns.iter().map(|c| outlet(c, event, meta)).collect(),
        counts: counts(cmp),
        clusters: cmp
            .clusters
            .iter()
            .zip(&diffs)
            .map(|(c, d)| cluster(cmp, event, c, d))
            .collect(),
        claims: cmp.claims.iter().map(|c| claim(cmp, event, c)).collect(),
        profiles: cmp.profiles.iter().map(profile).collect(),
        related: cmp.related.iter().map(related).collect(),
    };
    // serialising plain data with string keys cannot fail
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}

/// An outlet column with its name, country and lean from the corpus, and its article's path
/// and language.
fn outlet<'a>(
    c: &'a OutletColumn,
    event: &'a Event,
    meta: &'a super::ReportMeta,
) -> OutletJson<'a> {
    let a = event.articles.get(c.article);
    let info = meta.outlets.get(&c.outlet);
    OutletJson {
        outlet: &c.outlet,
        name: info.and_then(|o| o.name.as_deref()),
        country: info.and_then(|o| o.country.as_deref()),
        lean: info.and_then(|o| o.lean.as_deref()),
        headline: &c.headline,
        path: a.map(|a| a.path.display().to_string()).unwrap_or_default(),
        language: a.and_then(|a| a.language.as_deref()),
        claims: c.claims.len(),
    }
}

/// A cluster with its members and its word diffs `d` (from [`cluster_diffs`]).
fn cluster<'a>(
    cmp: &'a Comparison,
    event: &Event,
    c: &'a Cluster,
    d: &'a [(usize, usize, WordDiff)],
) -> ClusterJson<'a> {
    ClusterJson {
        id: c.id,
        number: super::cluster_number(c.id),
        kind: c.kind.as_str(),
        reasons: &c.reasons,
        similarity: round4(c.similarity),
        shared_terms: &c.shared_terms,
        members: c
            .members
            .iter()
            .map(|&m| member(cmp, event, c, m))
            .collect(),
        counterparts: &c.counterparts,
        disputed_by: &c.disputed_by,
        syndicated: c.syndicated,
        copied_passage: c.copied_passage,
        diffs: d
            .iter()
            .map(|(l, r, w)| DiffJson {
                left: *l,
                right: *r,
                left_tokens: tokens(&w.left),
                right_tokens: tokens(&w.right),
            })
            .collect(),
    }
}

/// Claim `m` as a member of cluster `c`: where it is, and whether it is a counterpart there.
fn member<'a>(cmp: &'a Comparison, event: &Event, c: &Cluster, m: usize) -> MemberJson<'a> {
    let cl = &cmp.claims[m];
    MemberJson {
        claim: m,
        outlet: &cl.outlet,
        text: &cl.text,
        path: claim_path(cmp, event, m),
        start: cl.start,
        end: cl.end,
        sentence: cl.sentence_index,
        counterpart: c.is_counterpart(m),
    }
}

/// One side of a word diff: each token's text and operation.
fn tokens(side: &[DiffToken]) -> Vec<TokenJson<'_>> {
    side.iter()
        .map(|t| TokenJson {
            text: &t.text,
            op: t.op,
        })
        .collect()
}

/// A claim with its place in the source, clusters, entities, quantities, attribution,
/// sentiment (four decimals) and framing cues.
fn claim<'a>(cmp: &'a Comparison, event: &Event, c: &'a Claim) -> ClaimJson<'a> {
    ClaimJson {
        id: c.id,
        outlet: &c.outlet,
        cluster: c.cluster,
        disputed_in: &c.disputed_in,
        also_shared_in: &c.also_shared_in,
        text: &c.text,
        path: claim_path(cmp, event, c.id),
        start: c.start,
        end: c.end,
        sentence: c.sentence_index,
        language: &c.language,
        entities: &c.entities,
        quantities: c
            .quantities
            .iter()
            .map(|q| QuantityJson {
                text: &q.text,
                value: q.value,
                unit: q.unit.as_deref(),
            })
            .collect(),
        negated: c.negated,
        attribution: c.attribution.as_ref(),
        sentiment: round4(c.sentiment),
        cues: c
            .cues
            .iter()
            .map(|q| CueJson {
                kind: q.kind,
                start: q.start,
                end: q.end,
                text: &q.text,
                polarity: q.polarity,
            })
            .collect(),
    }
}

/// A related-context pair, similarity to four decimals.
fn related(p: &RelatedPair) -> RelatedJson<'_> {
    RelatedJson {
        a: p.a,
        b: p.b,
        similarity: round4(p.similarity),
        note: p.note.as_deref(),
    }
}
