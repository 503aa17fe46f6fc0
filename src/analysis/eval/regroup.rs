//! Regrouping NeuS / AllSides stories: every outlet's lead of every story in one flat list,
//! grouped by [`crate::corpus::grouping::group`] and scored pairwise against the stories (each
//! story is one event of up to three outlets). Issue 12 asks for pairwise F1 >= 0.85.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::EvalError;
use super::ecbplus::{GroupingFigures, grouping_figures};
use super::neus::{SIDES, body_text};
use crate::corpus::{Article, GroupingOptions};

#[derive(Deserialize)]
struct Story {
    id: u64,
    #[serde(default)]
    date: String,
    #[serde(default)]
    news: BTreeMap<String, super::neus::NeusArticle>,
}

/// The leads of all stories as loose articles (outlet = the outlet's name, date = the story's
/// day when `dated`), with each article's story index.
///
/// # Errors
/// [`EvalError::Io`] or [`EvalError::Format`] for an unreadable file or a line that is not a
/// story.
pub fn neus_articles(path: &Path, dated: bool) -> Result<(Vec<Article>, Vec<usize>), EvalError> {
    let stories: Vec<Story> = super::neus::read_jsonl(path)?;
    let (mut articles, mut gold) = (Vec::new(), Vec::new());
    for (n, story) in stories.iter().enumerate() {
        let date = story
            .date
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        for side in SIDES {
            let Some(a) = story.news.get(side) else {
                continue;
            };
            let body = body_text(a);
            if body.is_empty() {
                continue;
            }
            gold.push(n);
            articles.push(super::dataset_article(
                format!("neus/{}/{side}", story.id),
                &a.source,
                &a.title,
                body,
                if dated { date } else { None },
            ));
        }
    }
    Ok((articles, gold))
}

/// Groups the leads of `allsides_stories.jsonl` and scores the grouping against the stories.
///
/// # Errors
/// As [`neus_articles`].
pub fn eval_neus(
    path: &Path,
    dated: bool,
    options: &GroupingOptions,
) -> Result<GroupingFigures, EvalError> {
    let (articles, gold) = neus_articles(path, dated)?;
    let index: BTreeMap<PathBuf, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    let events = crate::corpus::grouping::group(articles, options, &mut Vec::new());
    let mut predicted = vec![0; gold.len()];
    for (e, ev) in events.iter().enumerate() {
        for a in &ev.articles {
            if let Some(&i) = index.get(&a.path) {
                predicted[i] = e;
            }
        }
    }
    Ok(grouping_figures(&predicted, &gold))
}
