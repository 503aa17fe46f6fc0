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

/// Which dates the regrouped articles carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// The story's day on each of its articles (AllSides gives one date per story).
    Story,
    /// The story's day moved by -1, 0 or +1 day per article (in turn by side), as outlets
    /// publish one event over a day or two: a check that grouping does not depend on the
    /// three articles of a story having the very same day.
    Spread,
    /// No dates at all.
    None,
}

/// The leads of all stories as loose articles (outlet = the outlet's name, dates as `dates`
/// says), with each article's story index.
///
/// # Errors
/// [`EvalError::Io`] or [`EvalError::Format`] for an unreadable file or a line that is not a
/// story.
pub fn neus_articles(path: &Path, dates: Dates) -> Result<(Vec<Article>, Vec<usize>), EvalError> {
    let stories: Vec<Story> = super::neus::read_jsonl(path)?;
    let (mut articles, mut gold) = (Vec::new(), Vec::new());
    for (n, story) in stories.iter().enumerate() {
        let date = story
            .date
            .get(..10)
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        for (k, side) in SIDES.iter().enumerate() {
            let Some(a) = story.news.get(*side) else {
                continue;
            };
            let body = body_text(a);
            if body.is_empty() {
                continue;
            }
            let shift = (story.id as i64 + k as i64) % 3 - 1;
            let date = match dates {
                Dates::Story => date,
                Dates::Spread => {
                    date.and_then(|d| d.checked_add_signed(chrono::Duration::days(shift)))
                }
                Dates::None => None,
            };
            gold.push(n);
            articles.push(super::dataset_article(
                format!("neus/{}/{side}", story.id),
                &a.source,
                &a.title,
                body,
                date,
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
    dates: Dates,
    options: &GroupingOptions,
) -> Result<GroupingFigures, EvalError> {
    Ok(eval_neus_mixed(path, dates, options, Vec::new(), 0)?.all)
}

/// Weeks the story dates are moved back by in the "moved into the haystack's years" run:
/// the NeuS dev stories are from 2021, the generated haystack from 2012-2020, so without the
/// move no haystack article shares a story's weeks (156 weeks keep the weekday).
pub const INTO_HAYSTACK_WEEKS: i64 = 156;

/// The figures of one regrouping run: over all stories, over each half of them (stories at
/// even positions of the file, the half settings are tuned on, then those at odd positions,
/// held out), and how many haystack articles ended up in an event with a lead.
#[derive(Debug, Clone)]
pub struct Regrouped {
    pub all: GroupingFigures,
    pub halves: [GroupingFigures; 2],
    pub pulled_in: usize,
}

/// [`eval_neus`] with the leads mixed into `haystack` (other articles, grouped together with
/// them) and their dates moved by `shift_days`: the figures count pairs of leads only.
///
/// # Errors
/// As [`neus_articles`].
pub fn eval_neus_mixed(
    path: &Path,
    dates: Dates,
    options: &GroupingOptions,
    haystack: Vec<Article>,
    shift_days: i64,
) -> Result<Regrouped, EvalError> {
    let (mut articles, gold) = neus_articles(path, dates)?;
    for a in &mut articles {
        a.date = a
            .date
            .and_then(|d| d.checked_add_signed(chrono::Duration::days(shift_days)));
    }
    let index: BTreeMap<PathBuf, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    articles.extend(haystack);
    let events = crate::corpus::grouping::group(articles, options, &mut Vec::new());
    let mut predicted = vec![0; gold.len()];
    let mut pulled_in = 0;
    for (e, ev) in events.iter().enumerate() {
        let leads = ev
            .articles
            .iter()
            .filter_map(|a| index.get(&a.path))
            .inspect(|&&i| predicted[i] = e)
            .count();
        if leads > 0 {
            pulled_in += ev.articles.len() - leads;
        }
    }
    let half = |h: usize| {
        let keep: Vec<usize> = (0..gold.len()).filter(|&i| gold[i] % 2 == h).collect();
        let p: Vec<usize> = keep.iter().map(|&i| predicted[i]).collect();
        let g: Vec<usize> = keep.iter().map(|&i| gold[i]).collect();
        grouping_figures(&p, &g)
    };
    Ok(Regrouped {
        all: grouping_figures(&predicted, &gold),
        halves: [half(0), half(1)],
        pulled_in,
    })
}
