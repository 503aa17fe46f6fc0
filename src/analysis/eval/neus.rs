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
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;

use super::EvalError;
use super::sample::Pool;
use super::tfidf;
use super::verdicts::{Compared, compare_events, same_links};
use crate::analysis::{ClusterKind, CompareOptions};
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
        articles.push(
            super::dataset_article(
                format!("neus/{}/{side}", story.id),
                side,
                &a.title,
                body,
                None,
            )
            .into(),
        );
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

/// Compares every story that has at least two leads (on all cores, in story order), with
/// term weights from every story's leads, as `compare` gets them in one corpus.
pub fn compare_stories(
    stories: &[NeusStory],
    backend: crate::analysis::BackendFactory<'_>,
) -> Vec<Compared> {
    let events = stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (event, options) = story_event(s);
            (i, format!("story {} ({})", s.id, s.issue), event, options)
        })
        .collect();
    compare_events(events, backend)
}

/// The compared stories as a pool of a reader's sample; `file` is the data file read.
pub fn pool(file: &Path, compared: Vec<Compared>) -> Pool {
    Pool {
        name: "NeuS dev".into(),
        text: "lead",
        raw: format!(
            "the stories are the records of {} (an outlet's lead is its `newBody`); under each \
             `unique` item the other outlets' leads are printed in full.",
            file.display()
        ),
        inline_others: true,
        compared,
    }
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
        compared.iter().map(|c| (stories[c.index].id, c)).collect();
    let reference = same_links(compared);
    let (model, threshold) = (&reference.model, reference.threshold);
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
    use crate::analysis::eval::sample::sample_markdown;

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
        let counts = crate::analysis::eval::verdicts::verdict_counts(&compared);
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
        let pools = || {
            let compared = compare_stories(&stories, &crate::analysis::lexical_backend);
            [pool(Path::new("stories.jsonl"), compared)]
        };
        let a = sample_markdown(&pools(), 5, 7);
        assert_eq!(a, sample_markdown(&pools(), 5, 7));
        assert!(a.starts_with("# NeuS dev: a random sample"), "{a}");
        assert!(a.contains("## shared"));
        assert!(
            a.contains("### 1. story 2 (Judge blocks abortion ban), shared cluster"),
            "{a}"
        );
        assert!(a.contains("- **L (left)**: A federal judge"), "{a}");
    }
}
