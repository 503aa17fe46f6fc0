//! Candidate pairs for grouping, found through an inverted index instead of comparing every
//! article with every other (the usual blocking step of entity resolution and of news event
//! detection, e.g. the inverted-index clustering of Azzopardi and Staff, "Incremental
//! clustering of news reports", 2012).
//!
//! Each article posts its [`TOP_TERMS`] heaviest terms. A posting list is kept in two parts:
//! the dated articles sorted by day, then the undated ones. A dated article looks only at the
//! days of its window in each list (date blocking) and at the undated part; an undated article
//! looks at whole lists. A slice longer than [`MAX_SLICE`] is skipped: a term that common
//! does not tell events apart. Candidates are ranked by their dot product over the posted
//! terms and only the best [`MAX_CANDIDATES`] of an article get a full cosine, so the work
//! grows with the number of articles, not with its square, and no list of all pairs is ever
//! built: each article's edges above the bar are kept, nothing else.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Vector, cosine};
use std::sync::Arc;

use crate::corpus::model::Article;
use crate::corpus::parallel;

/// Terms each article posts in the index.
pub const TOP_TERMS: usize = 40;
/// Posting slices longer than this are not scanned.
pub const MAX_SLICE: usize = 400;
/// Full cosines computed per article (the best candidates by their index score).
pub const MAX_CANDIDATES: usize = 40;

/// The day key of an undated posting: after every real day.
const UNDATED: i32 = i32::MAX;

/// One list per term: `start..dated_end` dated (by day), `dated_end..end` undated.
#[derive(Clone, Copy, Default)]
struct List {
    start: u32,
    dated_end: u32,
    end: u32,
}

/// The inverted index over the articles' top terms.
struct Index {
    lists: Vec<List>,
    day: Vec<i32>,
    article: Vec<u32>,
    weight: Vec<f32>,
}

/// The article's heaviest [`TOP_TERMS`] terms, heaviest first (ties: lower id): its postings.
pub fn top_terms(v: &Vector) -> Vec<(u32, f32)> {
    let mut top = v.clone();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(TOP_TERMS);
    // kept for the whole index build: drop the capacity of the full vector
    top.shrink_to_fit();
    top
}

impl Index {
    fn build(vectors: &[Vector], days: &[Option<Day>], threads: usize) -> Self {
        let tops = parallel::map(vectors, threads, |_, v| top_terms(v));
        // (term, day or UNDATED, article, weight), sorted: each term's list in its order, the
        // undated last
        let mut entries: Vec<(u32, i32, u32, f32)> = tops
            .iter()
            .enumerate()
            .flat_map(|(i, top)| {
                let day = days[i].map_or(UNDATED, |d| d.day);
                top.iter().map(move |&(t, w)| (t, day, i as u32, w))
            })
            .collect();
        drop(tops);
        entries.sort_unstable_by_key(|e| (e.0, e.1, e.2));
        let terms = vectors
            .iter()
            .flat_map(|v| v.last().map(|&(id, _)| id as usize + 1))
            .max()
            .unwrap_or(0);
        let mut lists = vec![List::default(); terms];
        let mut k = 0;
        while k < entries.len() {
            let t = entries[k].0;
            let start = k;
            while k < entries.len() && entries[k].0 == t && entries[k].1 != UNDATED {
                k += 1;
            }
            let dated_end = k;
            while k < entries.len() && entries[k].0 == t {
                k += 1;
            }
            lists[t as usize] = List {
                start: start as u32,
                dated_end: dated_end as u32,
                end: k as u32,
            };
        }
        Self {
            lists,
            day: entries.iter().map(|e| e.1).collect(),
            article: entries.iter().map(|e| e.2).collect(),
            weight: entries.iter().map(|e| e.3).collect(),
        }
    }

    /// The ranges of `term`'s list that an article of `day` looks at.
    fn slices(&self, term: u32, day: Option<i32>, window: i32) -> [std::ops::Range<usize>; 2] {
        let l = self.lists[term as usize];
        let (s, de, e) = (l.start as usize, l.dated_end as usize, l.end as usize);
        let dated = match day {
            Some(d) => {
                let days = &self.day[s..de];
                let lo = s + days.partition_point(|&x| x < d - window);
                let hi = s + days.partition_point(|&x| x <= d + window);
                lo..hi
            }
            None => s..de,
        };
        let undated = de..e;
        let keep = |r: std::ops::Range<usize>| if r.len() > MAX_SLICE { 0..0 } else { r };
        match day {
            Some(_) => [keep(dated), keep(undated)],
            // an undated article reads whole lists, so the whole list must be short
            None if e - s > MAX_SLICE => [0..0, 0..0],
            None => [dated, undated],
        }
    }
}

/// An article's day for blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// Days since the common era.
    pub day: i32,
    /// Read from the URL or the text, not from the metadata.
    pub recovered: bool,
}

/// Whether two articles are close enough in time to be one event: within `window` days when
/// both dates are given, [`super::RECOVERED_WINDOW_FACTOR`] times that when one was
/// recovered; always when either has no date.
pub fn near(a: Option<Day>, b: Option<Day>, window: i32) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            let w = if x.recovered || y.recovered {
                window.saturating_mul(super::RECOVERED_WINDOW_FACTOR)
            } else {
                window
            };
            (x.day - y.day).abs() <= w
        }
        _ => true,
    }
}

/// Days apart that cost nothing: outlets run one event on the day and the day after (and
/// BASIL's triplets, dated by each outlet, are a day or more apart).
pub const DECAY_GRACE_DAYS: i32 = 1;

/// What [`edges`] needs to know of the corpus.
pub struct Input<'a> {
    pub articles: &'a [Arc<Article>],
    pub vectors: &'a [Vector],
    /// Each article's day (days since the common era), from its metadata or recovered.
    pub days: &'a [Option<Day>],
    pub window_days: i32,
    /// Pairs below this cosine are dropped.
    pub min_similarity: f32,
    pub one_article_per_outlet: bool,
    pub threads: usize,
    /// The share of a pair's cosine lost per day between the two articles (see
    /// [`Input::score`]).
    pub day_decay: f32,
}

impl Input<'_> {
    /// How alike two articles are: their cosine times [`time_decay`] (`1 - day_decay` per
    /// day between them beyond the first; nothing when either has no date). Coverage of one
    /// event clusters within a day or two, while the follow-up stories of a running topic
    /// (the hearing after the leak, the vote after the delay) share most of its words: time
    /// decay is the classic remedy of retrospective and on-line event detection (Yang,
    /// Pierce and Carbonell, "A study of retrospective and on-line event detection", SIGIR
    /// 1998, weigh similarity down with the time between stories).
    pub fn score(&self, i: usize, j: usize) -> f32 {
        cosine(&self.vectors[i], &self.vectors[j]) * self.decay(i, j)
    }

    fn decay(&self, i: usize, j: usize) -> f32 {
        time_decay(self.days[i], self.days[j], self.window_days, self.day_decay)
    }
}

/// The factor [`Input::score`] multiplies two articles' cosine by: `(1 - day_decay)^d`, `d`
/// the days between them beyond [`DECAY_GRACE_DAYS`], counted up to `window` days; 1 when
/// either has no day. A factor rather than a subtraction: two stories of one topic six days
/// apart fall below the bar however alike their words, while two leads a day or two apart
/// keep most of their similarity (docs/grouping.md, "time decay").
pub fn time_decay(a: Option<Day>, b: Option<Day>, window: i32, day_decay: f32) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let days = (a.day - b.day).abs().min(window);
            (1.0 - day_decay).powi((days - DECAY_GRACE_DAYS).max(0))
        }
        _ => 1.0,
    }
}

/// The pairs `(cosine, i, j)` with `i < j` and a cosine of at least `min_similarity`, found
/// through the index (dated pairs within the window only), in order of `i` then `j`.
/// `progress(done, total)` is called as articles are scanned (from worker threads).
pub fn edges(
    input: &Input<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<(f32, usize, usize)> {
    let n = input.articles.len();
    let index = Index::build(input.vectors, input.days, input.threads);
    let done = AtomicUsize::new(0);
    let ids: Vec<usize> = (0..n).collect();
    let terms = index.lists.len();
    parallel::map_chunks(&ids, input.threads, |_, chunk| {
        let mut scratch = Scratch {
            acc: vec![0f32; n],
            touched: Vec::new(),
            dense: vec![0f32; terms],
        };
        let mut out = Vec::new();
        for &i in chunk {
            scan(input, &index, i, &mut scratch, &mut out);
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if d.is_multiple_of(256) || d == n {
                progress(d, n);
            }
        }
        out
    })
}

/// A worker's buffers, reused from one article to the next.
struct Scratch {
    /// Index score per article (zero outside `touched`).
    acc: Vec<f32>,
    touched: Vec<u32>,
    /// The scanned article's vector, spread over all term ids (zero elsewhere).
    dense: Vec<f32>,
}

/// The edges of article `i` to later articles, appended to `out` in order of `j`.
fn scan(
    input: &Input<'_>,
    index: &Index,
    i: usize,
    scratch: &mut Scratch,
    out: &mut Vec<(f32, usize, usize)>,
) {
    let Scratch {
        acc,
        touched,
        dense,
    } = scratch;
    let day = input.days[i];
    // the widest window a pair of this article can have; `near` decides per pair
    let wide = input
        .window_days
        .saturating_mul(super::RECOVERED_WINDOW_FACTOR);
    for (t, w) in top_terms(&input.vectors[i]) {
        for range in index.slices(t, day.map(|d| d.day), wide) {
            for k in range {
                let j = index.article[k] as usize;
                if j <= i || !near(day, input.days[j], input.window_days) {
                    continue;
                }
                if acc[j] == 0.0 {
                    touched.push(j as u32);
                }
                acc[j] += w * index.weight[k];
            }
        }
    }
    let a = &input.articles[i];
    let mut ranked: Vec<(f32, u32)> = touched
        .drain(..)
        .map(|j| {
            let s = std::mem::take(&mut acc[j as usize]);
            (s, j)
        })
        .filter(|&(_, j)| {
            !input.one_article_per_outlet || input.articles[j as usize].outlet != a.outlet
        })
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.truncate(MAX_CANDIDATES);
    ranked.sort_unstable_by_key(|&(_, j)| j);
    // the cosine against a dense copy of `i`: one pass over `j`'s terms; sums run in `j`'s
    // term order either way, so the value is that of `cosine` to the last bit
    for &(t, w) in &input.vectors[i] {
        dense[t as usize] = w;
    }
    for (_, j) in ranked {
        let j = j as usize;
        let dot: f32 = input.vectors[j]
            .iter()
            .filter(|(t, _)| dense[*t as usize] != 0.0)
            .fold(0.0, |sum, &(t, w)| sum + dense[t as usize] * w);
        let s = dot * input.decay(i, j);
        if s >= input.min_similarity {
            out.push((s, i, j));
        }
    }
    for &(t, _) in &input.vectors[i] {
        dense[t as usize] = 0.0;
    }
}
