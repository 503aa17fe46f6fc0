//! NeuS / AllSides (Lee et al., NAACL 2022), dev half: real stories told by up to three outlets
//! (left, center, right) with the AllSides editors' neutral roundup.
//!
//! Figures: clusters per verdict per story, the share of claims left unique, stories with a
//! shared cluster; a reproducible random sample of clusters per verdict for a reader to judge;
//! and, given a file of roundup facts labelled by a reader (which sentences of which outlet
//! state each fact), the share of facts reported by two or more outlets that framediff puts in
//! one shared cluster, beside a TF-IDF cosine allowed as many cross-outlet sentence links as
//! framediff makes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use super::EvalError;
use super::fnc1::parallel_map;
use super::tfidf::{self, TfIdf};
use crate::analysis::{ClusterKind, CompareOptions, Comparison, compare_with};
use crate::corpus::{Event, EventOrigin};

/// The sides AllSides rates, in column order.
pub const SIDES: [&str; 3] = ["left", "center", "right"];

/// One outlet's lead on a story.
#[derive(Debug, Clone, Deserialize)]
pub struct NeusArticle {
    #[serde(rename = "newsSource", default)]
    pub source: String,
    #[serde(rename = "newsTitle", default)]
    pub title: String,
    #[serde(rename = "newBody", default)]
    pub body: Vec<String>,
}

/// One story: id, headline, roundup and the outlets' leads by side.
#[derive(Debug, Clone, Deserialize)]
pub struct NeusStory {
    pub id: u64,
    #[serde(default)]
    pub issue: String,
    #[serde(default)]
    pub roundup: Vec<String>,
    #[serde(default)]
    pub news: BTreeMap<String, NeusArticle>,
}

/// Reads `allsides_stories.jsonl` (one story per line).
///
/// # Errors
/// [`EvalError::Io`] for an unreadable file, [`EvalError::Format`] with the line for a record
/// that is not a story.
pub fn read(path: &Path) -> Result<Vec<NeusStory>, EvalError> {
    read_jsonl(path)
}

/// Reads a JSON Lines file of `T` (blank lines skipped).
///
/// # Errors
/// [`EvalError::Io`] for an unreadable file, [`EvalError::Format`] with the line for a record
/// that is not a `T`.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.display().to_string(),
            line: n + 1,
            message: e.to_string(),
        })?);
    }
    Ok(out)
}

/// The article body of one lead: its paragraphs separated by blank lines.
pub fn body_text(a: &NeusArticle) -> String {
    a.body
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A story as one event: an article per side that has a lead (outlet id = the side; the
/// outlet's name is given to `compare` as its display name).
pub fn story_event(story: &NeusStory) -> (Event, CompareOptions) {
    let mut options = CompareOptions::default();
    let mut articles = Vec::new();
    for side in SIDES {
        let Some(a) = story.news.get(side) else {
            continue;
        };
        let body = body_text(a);
        if body.is_empty() {
            continue;
        }
        options
            .outlet_names
            .insert(side.to_string(), format!("{} ({side})", a.source));
        articles.push(super::dataset_article(
            format!("neus/{}/{side}", story.id),
            side,
            &a.title,
            body,
            None,
        ));
    }
    let event = Event {
        id: format!("neus-{}", story.id),
        title: story.issue.clone(),
        date: None,
        summary: story.roundup.first().cloned(),
        tags: Vec::new(),
        origin: EventOrigin::Folder,
        articles,
    };
    (event, options)
}

/// Counts over all stories.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VerdictCounts {
    pub stories: usize,
    pub claims: usize,
    pub unique_claims: usize,
    pub shared: usize,
    pub contrasting: usize,
    pub unique: usize,
    pub stories_with_shared: usize,
    /// Per story: (story id, shared, contrasting, unique).
    pub per_story: Vec<(u64, usize, usize, usize)>,
}

/// A story's comparison.
pub struct Compared {
    pub story: usize,
    pub event: Event,
    pub comparison: Comparison,
}

/// Compares every story that has at least two leads (on all cores, in story order).
pub fn compare_stories(
    stories: &[NeusStory],
    backend: crate::analysis::BackendFactory<'_>,
) -> Vec<Compared> {
    let indexed: Vec<usize> = (0..stories.len()).collect();
    // term weights from the whole corpus (every story's leads), as `compare` gets them in one
    let events: Vec<Event> = stories.iter().map(|s| story_event(s).0).collect();
    let background = std::sync::Arc::new(crate::analysis::CorpusTerms::from_articles(
        events.iter().flat_map(|e| &e.articles),
    ));
    parallel_map(&indexed, |&i| {
        let (event, mut options) = story_event(&stories[i]);
        if event.articles.len() < 2 {
            return None;
        }
        options.background = Some(background.clone());
        let comparison = compare_with(&event, &options, backend);
        Some(Compared {
            story: i,
            event,
            comparison,
        })
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Clusters per verdict over the compared stories.
pub fn verdict_counts(stories: &[NeusStory], compared: &[Compared]) -> VerdictCounts {
    let mut v = VerdictCounts::default();
    for c in compared {
        let n = |k: ClusterKind| c.comparison.clusters.iter().filter(|x| x.kind == k).count();
        let (s, x, u) = (
            n(ClusterKind::Shared),
            n(ClusterKind::Contrasting),
            n(ClusterKind::Unique),
        );
        v.stories += 1;
        v.claims += c.comparison.claims.len();
        v.unique_claims += c
            .comparison
            .claims
            .iter()
            .filter(|cl| c.comparison.clusters[cl.cluster].kind == ClusterKind::Unique)
            .count();
        v.shared += s;
        v.contrasting += x;
        v.unique += u;
        v.stories_with_shared += usize::from(s > 0);
        v.per_story.push((stories[c.story].id, s, x, u));
    }
    v
}

/// A small deterministic generator (xorshift64*), so the sample is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Picks `n` clusters of `kind` at random (seeded) from all compared stories: (index into
/// `compared`, cluster id), in the order drawn.
pub fn sample_clusters(
    compared: &[Compared],
    kind: ClusterKind,
    n: usize,
    seed: u64,
) -> Vec<(usize, usize)> {
    let mut all: Vec<(usize, usize)> = compared
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.comparison
                .clusters
                .iter()
                .filter(move |x| x.kind == kind)
                .map(move |x| (i, x.id))
        })
        .collect();
    seeded_sample(&mut all, n, seed);
    all
}

/// Keeps `n` items of `all` drawn at random with `seed` (Fisher–Yates on the first `n`
/// positions), in the order drawn.
fn seeded_sample<T>(all: &mut Vec<T>, n: usize, seed: u64) {
    let mut rng = Rng(seed.max(1));
    for i in 0..all.len().min(n) {
        let j = i + (rng.next() % (all.len() - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(n);
}

/// The sample for a reader, as Markdown: for each drawn cluster its kind, the members with
/// their outlets, the reasons, and the other outlets' full leads (so the reader can tell
/// whether a `unique` claim is stated elsewhere).
pub fn sample_markdown(
    stories: &[NeusStory],
    compared: &[Compared],
    per_kind: usize,
    seed: u64,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# NeuS dev: a random sample of framediff's clusters\n\nSeed {seed}, {per_kind} clusters per verdict. For each, judge whether the verdict is right:\n`shared` = the members state the same proposition; `contrasting` = they state the same\nproposition and contradict each other on it; `unique` = no other outlet's lead states it.\n"
    );
    let mut item = 0;
    for kind in [
        ClusterKind::Contrasting,
        ClusterKind::Shared,
        ClusterKind::Unique,
    ] {
        let _ = writeln!(out, "## {}\n", kind.as_str());
        for (ci, cluster_id) in sample_clusters(compared, kind, per_kind, seed) {
            item += 1;
            let c = &compared[ci];
            let story = &stories[c.story];
            let cluster = &c.comparison.clusters[cluster_id];
            let _ = writeln!(
                out,
                "### {item}. story {} ({}), {} cluster {}\n",
                story.id,
                story.issue,
                kind.as_str(),
                cluster.id
            );
            for &m in &cluster.members {
                let claim = &c.comparison.claims[m];
                let role = if cluster.counterparts.contains(&m) {
                    " (counterpart)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "- **{}**{role}: {}",
                    source_name(story, &claim.outlet),
                    one_line(&claim.text)
                );
            }
            if !cluster.reasons.is_empty() {
                let _ = writeln!(out, "\n  reasons: {}", cluster.reasons.join("; "));
            }
            if kind == ClusterKind::Unique {
                let own = &c.comparison.claims[cluster.members[0]].outlet;
                for a in c.event.articles.iter().filter(|a| &a.outlet != own) {
                    let _ = writeln!(
                        out,
                        "\n  other lead, {}: {}",
                        source_name(story, &a.outlet),
                        one_line(a.body.as_str())
                    );
                }
            }
            let _ = writeln!(out);
        }
    }
    related_sample(&mut out, stories, compared, per_kind, seed, &mut item);
    out
}

/// The related-context part of the sample: `n` random pairs of [`Comparison::related`], each
/// to be judged "worth showing beside the claim" (same topic, and useful to a reader).
///
/// [`Comparison::related`]: crate::analysis::Comparison::related
fn related_sample(
    out: &mut String,
    stories: &[NeusStory],
    compared: &[Compared],
    n: usize,
    seed: u64,
    item: &mut usize,
) {
    let mut all: Vec<(usize, usize)> = compared
        .iter()
        .enumerate()
        .flat_map(|(i, c)| (0..c.comparison.related.len()).map(move |r| (i, r)))
        .collect();
    seeded_sample(&mut all, n, seed);
    let _ = writeln!(
        out,
        "## related\n\nPairs shown as related context (neither one fact nor a confirmed \
         contradiction). Right when both are about the same specific matter, so that a \
         reader of one would want to see the other beside it.\n"
    );
    for (ci, r) in all {
        *item += 1;
        let c = &compared[ci];
        let story = &stories[c.story];
        let pair = &c.comparison.related[r];
        let _ = writeln!(
            out,
            "### {}. story {} ({}), related pair\n",
            item, story.id, story.issue
        );
        for m in [pair.a, pair.b] {
            let claim = &c.comparison.claims[m];
            let _ = writeln!(
                out,
                "- **{}**: {}",
                source_name(story, &claim.outlet),
                one_line(&claim.text)
            );
        }
        let note = pair.note.as_deref().unwrap_or("same topic");
        let _ = writeln!(
            out,
            "\n  similarity {:.2}; {}\n",
            pair.similarity,
            one_line(note)
        );
    }
}

fn source_name(story: &NeusStory, side: &str) -> String {
    story
        .news
        .get(side)
        .map_or_else(|| side.to_string(), |a| format!("{} ({side})", a.source))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One roundup fact labelled by a reader: the story, the fact, and for each side the exact
/// sentences (substrings of that side's lead) that state it.
#[derive(Debug, Clone, Deserialize)]
pub struct RoundupFact {
    pub story: u64,
    pub fact: String,
    #[serde(default)]
    pub sentences: BTreeMap<String, Vec<String>>,
}

/// Reads a JSON Lines file of [`RoundupFact`]s.
///
/// # Errors
/// As [`read`].
pub fn read_facts(path: &Path) -> Result<Vec<RoundupFact>, EvalError> {
    read_jsonl(path)
}

/// Roundup facts reported by two or more outlets, found as shared.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FactRecall {
    /// Facts whose labels name sentences of two or more outlets.
    pub facts: usize,
    /// Of those, facts framediff puts in one shared cluster (claims of two or more outlets).
    pub framediff: usize,
    /// Of those, facts the TF-IDF reference links (two labelled sentences of different outlets
    /// at or above its threshold).
    pub tfidf: usize,
    /// The reference's threshold: the one that makes as many cross-outlet sentence links over
    /// all compared stories as framediff's shared clusters make.
    pub tfidf_threshold: f32,
    /// Labelled sentences not found in their lead (labelling errors), reported, not counted.
    pub missing: Vec<String>,
}

/// Byte ranges of the labelled sentences of one side within the article body.
fn locate(body: &str, sentences: &[String], missing: &mut Vec<String>) -> Vec<Range<usize>> {
    sentences
        .iter()
        .filter_map(|s| {
            let needle = s.trim();
            match body.find(needle) {
                Some(start) if !needle.is_empty() => Some(start..start + needle.len()),
                _ => {
                    missing.push(needle.to_string());
                    None
                }
            }
        })
        .collect()
}

/// Scores the labelled facts.
pub fn fact_recall(
    stories: &[NeusStory],
    compared: &[Compared],
    facts: &[RoundupFact],
) -> FactRecall {
    let by_id: BTreeMap<u64, &Compared> =
        compared.iter().map(|c| (stories[c.story].id, c)).collect();
    // the reference: IDF over every sentence of every compared story
    let sentences: Vec<Vec<(usize, String)>> = compared
        .iter()
        .map(|c| {
            c.event
                .articles
                .iter()
                .enumerate()
                .flat_map(|(col, a)| {
                    crate::analysis::sentences::split_sentences(a.body.as_str())
                        .into_iter()
                        .map(move |r| (col, a.body.as_str()[r].to_string()))
                })
                .collect()
        })
        .collect();
    let model = TfIdf::fit(sentences.iter().flatten().map(|(_, s)| s.as_str()));
    // framediff's link budget: cross-outlet claim pairs inside shared clusters
    let links: usize = compared
        .iter()
        .flat_map(|c| &c.comparison.clusters)
        .filter(|k| k.kind == ClusterKind::Shared)
        .map(|k| {
            let n = k.members.len();
            n * (n - 1) / 2
        })
        .sum();
    let mut cross: Vec<f32> = Vec::new();
    for story in &sentences {
        let v: Vec<(usize, tfidf::Vector)> =
            story.iter().map(|(c, s)| (*c, model.vector(s))).collect();
        for (i, (ca, va)) in v.iter().enumerate() {
            for (cb, vb) in &v[i + 1..] {
                if ca != cb {
                    cross.push(tfidf::cosine(va, vb));
                }
            }
        }
    }
    cross.sort_by(|a, b| b.total_cmp(a));
    let threshold = cross
        .get(links.saturating_sub(1))
        .copied()
        .unwrap_or(f32::INFINITY);
    let mut r = FactRecall {
        tfidf_threshold: threshold,
        ..FactRecall::default()
    };
    for fact in facts {
        let Some(c) = by_id.get(&fact.story) else {
            r.missing.push(format!("story {} not compared", fact.story));
            continue;
        };
        let mut located: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
        for (col, a) in c.event.articles.iter().enumerate() {
            let labelled = fact.sentences.get(&a.outlet).map_or(&[][..], Vec::as_slice);
            let ranges = locate(a.body.as_str(), labelled, &mut r.missing);
            if !ranges.is_empty() {
                located.push((col, ranges));
            }
        }
        if located.len() < 2 {
            continue;
        }
        r.facts += 1;
        // framediff: a shared cluster holding claims of two of the labelled outlets
        let cmp = &c.comparison;
        let mut shared_by: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (col, ranges) in &located {
            for &id in &cmp.columns[*col].claims {
                let claim = &cmp.claims[id];
                if !ranges
                    .iter()
                    .any(|s| claim.start < s.end && s.start < claim.end)
                {
                    continue;
                }
                for k in claim.shown_in() {
                    if cmp.clusters[k].kind == ClusterKind::Shared {
                        shared_by.entry(k).or_default().insert(*col);
                    }
                }
            }
        }
        if shared_by.values().any(|cols| cols.len() >= 2) {
            r.framediff += 1;
        }
        // the reference: two labelled sentences of different outlets at or above the threshold
        let texts: Vec<(usize, tfidf::Vector)> = located
            .iter()
            .flat_map(|(col, ranges)| {
                let body = c.event.articles[*col].body.as_str();
                ranges
                    .iter()
                    .map(|s| (*col, model.vector(&body[s.clone()])))
                    .collect::<Vec<_>>()
            })
            .collect();
        let linked = texts.iter().enumerate().any(|(i, (ca, va))| {
            texts[i + 1..]
                .iter()
                .any(|(cb, vb)| ca != cb && tfidf::cosine(va, vb) >= threshold)
        });
        if linked {
            r.tfidf += 1;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> NeusStory {
        serde_json::from_str(
            r#"{"id": 2, "issue": "Judge blocks abortion ban", "roundup": ["A judge blocked the ban."],
            "news": {
              "left": {"newsSource": "L", "newsTitle": "t", "newBody": ["A federal judge on Wednesday blocked the state's abortion ban.", "Activists cheered."]},
              "right": {"newsSource": "R", "newsTitle": "t", "newBody": ["A federal judge on Wednesday blocked the state's abortion ban, the court said."]}
            }}"#,
        )
        .expect("a story")
    }

    #[test]
    fn a_story_becomes_an_event_and_facts_are_scored() {
        let stories = vec![story()];
        let compared = compare_stories(&stories, &crate::analysis::lexical_backend);
        assert_eq!(compared.len(), 1);
        assert_eq!(compared[0].event.articles.len(), 2);
        let counts = verdict_counts(&stories, &compared);
        assert_eq!(counts.stories, 1);
        assert!(counts.shared >= 1, "{counts:?}");
        let facts = vec![RoundupFact {
            story: 2,
            fact: "A judge blocked the ban.".into(),
            sentences: [
                (
                    "left".to_string(),
                    vec!["A federal judge on Wednesday blocked the state's abortion ban.".into()],
                ),
                (
                    "right".to_string(),
                    vec!["A federal judge on Wednesday blocked the state's abortion ban, the court said.".into()],
                ),
            ]
            .into_iter()
            .collect(),
        }];
        let r = fact_recall(&stories, &compared, &facts);
        assert_eq!(r.facts, 1);
        assert_eq!(r.framediff, 1);
        assert!(r.missing.is_empty());
    }

    #[test]
    fn the_sample_is_reproducible() {
        let stories = vec![story()];
        let compared = compare_stories(&stories, &crate::analysis::lexical_backend);
        let a = sample_markdown(&stories, &compared, 5, 7);
        assert_eq!(a, sample_markdown(&stories, &compared, 5, 7));
        assert!(a.contains("## shared"));
    }
}
