//! Updating a grouping for a few added, changed or removed articles without regrouping the
//! corpus (docs/scaling.md, "Cache"; the on-line clustering step of news event detection:
//! Yang, Pierce and Carbonell, "A study of retrospective and on-line event detection",
//! SIGIR 1998).
//!
//! A full run leaves a [`State`]: the document frequencies it weighed features with, each
//! article's postings (its [`candidates::TOP_TERMS`] heaviest features) and its blocking day.
//! [`update`] then:
//!
//! - weighs an added article with those frequencies, finds its candidates through the
//!   postings of its heaviest features within its date window (the limits of
//!   [`candidates`]), scores the best [`candidates::MAX_CANDIDATES`] of them exactly, and puts
//!   it into the event it is closest to on average when a full run's merge rules allow it (at
//!   least half the threshold on average, one article per outlet, every pair within the
//!   window), else into an event of its own;
//! - takes a removed article out of its event, whose headline, date and id are then chosen
//!   as a full run would over the articles left.
//!
//! It refuses ([`Fallback`]) where a full run could split or merge events: an added article
//! scoring at or above the threshold with two or more events it may join, and an event of
//! three or more articles whose remaining articles are no longer linked to each other at the
//! lowest bar a full run joins at. The caller then regroups in full.
//!
//! Where the result may still differ from a full regroup: the frequencies are those of the
//! last full run, corpus-wide and time-local (so similarities may differ in their last
//! digits, an added article is not counted in its own week's frequencies, and a feature no
//! article of that run shared is not matched); a pair is found through the added article's postings
//! only (a full run also looks through the other article's); event order follows the last
//! run (new events last), which changes no output but an id's `-2` suffix among events of
//! the same date and headline; a removed article that kept two events apart (one article per
//! outlet) does not let them merge.

use std::collections::{BTreeMap, HashMap};

use super::candidates::{self, Day, MAX_CANDIDATES, MAX_SLICE, near, top_terms};
use super::features::{Reweigher, Table};
use super::{
    ATTACH_FRACTION, GroupingOptions, Head, Vector, build_events, central, cosine, window,
};
use crate::corpus::model::{Article, Event};

/// What a full grouping leaves for updates, indexed like its input articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The document frequencies the vectors were weighed with.
    pub table: Table,
    /// Each article's postings: its heaviest features `(term id, weight)`, heaviest first.
    pub tops: Vec<Vec<(u32, f32)>>,
    /// Each article's blocking day ([`super::day_of`]).
    pub days: Vec<Option<Day>>,
}

/// An event of the last grouping, in terms of the current input.
#[derive(Debug, Clone)]
pub struct Prior {
    /// Indices of its articles still in the input.
    pub members: Vec<usize>,
    /// How many of its articles were removed (or changed: a changed article is removed and
    /// added again).
    pub removed: usize,
    /// Its title (the headline of its central article), when no article was removed: an
    /// event no article joins keeps it, so its central article is not looked for again.
    pub title: Option<String>,
}

/// Why an update was refused: a full run could split or merge events here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// The added article (its path) reaches the threshold with two or more events.
    PossibleMerge(String),
    /// Removing articles left an event (one of its remaining articles' path) whose articles
    /// are no longer linked to each other.
    HeldTogether(String),
    /// The state does not match the input (lengths differ, an index out of range).
    Inconsistent,
}

impl std::fmt::Display for Fallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fallback::PossibleMerge(p) => write!(f, "{p} may merge two events"),
            Fallback::HeldTogether(p) => {
                write!(f, "the event of {p} lost the article that held it together")
            }
            Fallback::Inconsistent => write!(f, "the stored state does not match the input"),
        }
    }
}

/// Vectors of the articles an update looks at, weighed with the stored frequencies on first
/// use.
struct Vectors<'a> {
    articles: &'a [Article],
    days: &'a [Option<Day>],
    reweigher: Reweigher<'a>,
    cache: HashMap<usize, Vector>,
}

impl Vectors<'_> {
    fn get(&mut self, i: usize) -> &Vector {
        let Self {
            articles,
            days,
            reweigher,
            cache,
        } = self;
        cache
            .entry(i)
            .or_insert_with(|| reweigher.vector(&articles[i], days[i].map(|d| d.day)))
    }

    fn cosine(&mut self, i: usize, j: usize) -> f32 {
        let a = self.get(i).clone();
        cosine(&a, self.get(j))
    }
}

/// One group while updating.
struct Group {
    members: Vec<usize>,
    /// What names it; `None` once it changed (chosen again at the end).
    head: Option<Head>,
}

/// The events of `articles` after the change: `priors` are the last grouping's events (in
/// its order) over the articles kept, `added` the indices of the articles added, `state` the
/// last full run's state re-indexed to `articles` (the postings of added articles may be
/// empty: they are computed here). Returns the events, each event's articles as indices into
/// `articles` (in the event's order) and the state for the next update, or the articles back
/// with the reason a full regroup is needed.
pub fn update(
    articles: Vec<Article>,
    opts: &GroupingOptions,
    mut state: State,
    priors: Vec<Prior>,
    added: &[usize],
) -> Result<Updated, (Vec<Article>, Fallback)> {
    match plan(&articles, opts, &mut state, priors, added) {
        Ok(groups) => {
            let (events, members) = build_events(articles, groups);
            Ok(Updated {
                events,
                members,
                state,
            })
        }
        Err(why) => Err((articles, why)),
    }
}

/// The result of [`update`].
pub struct Updated {
    pub events: Vec<Event>,
    /// Each event's articles as indices into the input, in the event's order.
    pub members: Vec<Vec<usize>>,
    /// The state for the next update, indexed like the input.
    pub state: State,
}

/// The groups with their central articles, in order; see [`update`].
fn plan(
    articles: &[Article],
    opts: &GroupingOptions,
    state: &mut State,
    priors: Vec<Prior>,
    added: &[usize],
) -> Result<Vec<(Vec<usize>, Head)>, Fallback> {
    let n = articles.len();
    let in_range = priors
        .iter()
        .flat_map(|p| &p.members)
        .chain(added)
        .all(|&i| i < n);
    if state.tops.len() != n || state.days.len() != n || !in_range {
        return Err(Fallback::Inconsistent);
    }
    let table = std::mem::take(&mut state.table);
    let result = {
        let mut update = Update {
            articles,
            opts,
            days: &state.days,
            vectors: Vectors {
                articles,
                days: &state.days,
                reweigher: Reweigher::new(&table),
                cache: HashMap::new(),
            },
            group_of: vec![None; n],
            groups: Vec::new(),
        };
        update.remove(priors)?;
        for &a in added {
            let v = update.vectors.get(a).clone();
            state.tops[a] = top_terms(&v);
        }
        let postings = Postings::new(&state.tops, added);
        for &a in added {
            update.add(a, &state.tops[a], &postings)?;
        }
        Ok(update.finish())
    };
    state.table = table;
    result
}

/// The postings of the terms the added articles post: term -> articles, in index order.
/// (Terms sorted and searched by halves: building it looks up every posting of the corpus,
/// 1.6 million at 40,000 articles, and a map's lookups cost several times more.)
struct Postings {
    terms: Vec<u32>,
    lists: Vec<Vec<(usize, f32)>>,
}

impl Postings {
    fn new(tops: &[Vec<(u32, f32)>], added: &[usize]) -> Self {
        let mut terms: Vec<u32> = added
            .iter()
            .flat_map(|&a| tops[a].iter().map(|&(t, _)| t))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let mut lists = vec![Vec::new(); terms.len()];
        if let (Some(&lo), Some(&hi)) = (terms.first(), terms.last()) {
            for (j, top) in tops.iter().enumerate() {
                for &(t, w) in top.iter().filter(|&&(t, _)| t >= lo && t <= hi) {
                    if let Ok(k) = terms.binary_search(&t) {
                        lists[k].push((j, w));
                    }
                }
            }
        }
        Self { terms, lists }
    }

    /// The articles posting term `t`, in index order.
    fn get(&self, t: u32) -> Option<&Vec<(usize, f32)>> {
        self.terms.binary_search(&t).ok().map(|k| &self.lists[k])
    }
}

struct Update<'a> {
    articles: &'a [Article],
    opts: &'a GroupingOptions,
    days: &'a [Option<Day>],
    vectors: Vectors<'a>,
    group_of: Vec<Option<usize>>,
    groups: Vec<Group>,
}

impl Update<'_> {
    fn score(&mut self, i: usize, j: usize) -> f32 {
        self.vectors.cosine(i, j)
            * candidates::time_decay(
                self.days[i],
                self.days[j],
                window(self.opts),
                self.opts.day_decay,
            )
    }

    fn bar(&self) -> f32 {
        self.opts.threshold * ATTACH_FRACTION
    }

    /// Takes the prior events over; an event that lost articles must still hang together.
    fn remove(&mut self, priors: Vec<Prior>) -> Result<(), Fallback> {
        for p in priors {
            if p.members.is_empty() {
                continue;
            }
            if p.removed > 0
                && p.members.len() + p.removed >= 3
                && p.members.len() >= 2
                && !self.linked(&p.members)
            {
                let path = self.articles[p.members[0]].path.display().to_string();
                return Err(Fallback::HeldTogether(path));
            }
            let g = self.groups.len();
            for &m in &p.members {
                if self.group_of[m].is_some() {
                    return Err(Fallback::Inconsistent);
                }
                self.group_of[m] = Some(g);
            }
            let head = if p.removed > 0 {
                None
            } else {
                p.title.map(Head::Title)
            };
            self.groups.push(Group {
                members: p.members,
                head,
            });
        }
        Ok(())
    }

    /// Whether `members` are connected by pairs scoring at least the lowest bar a full run
    /// joins at (half the threshold).
    fn linked(&mut self, members: &[usize]) -> bool {
        let bar = self.bar();
        let mut reached = vec![false; members.len()];
        reached[0] = true;
        let mut stack = vec![0];
        while let Some(p) = stack.pop() {
            for q in 0..members.len() {
                if !reached[q] && self.score(members[p], members[q]) >= bar {
                    reached[q] = true;
                    stack.push(q);
                }
            }
        }
        reached.into_iter().all(|r| r)
    }

    /// Places added article `a` (postings `top`): into the closest event a full run's merge
    /// rules let it join, else into an event of its own.
    fn add(&mut self, a: usize, top: &[(u32, f32)], postings: &Postings) -> Result<(), Fallback> {
        let bar = self.bar();
        let mut options: BTreeMap<usize, ()> = BTreeMap::new();
        for (_, j) in self.candidates(a, top, postings) {
            if let Some(g) = self.group_of[j]
                && self.score(a, j) >= bar
            {
                options.insert(g, ());
            }
        }
        let mut best: Option<(f32, usize)> = None;
        let mut strong = 0;
        for (g, ()) in options {
            let Some(avg) = self.average(a, g) else {
                continue;
            };
            if avg >= self.opts.threshold {
                strong += 1;
            }
            if avg >= bar && best.is_none_or(|(b, _)| avg > b) {
                best = Some((avg, g));
            }
        }
        if strong >= 2 {
            let path = self.articles[a].path.display().to_string();
            return Err(Fallback::PossibleMerge(path));
        }
        match best {
            Some((_, g)) => {
                self.groups[g].members.push(a);
                self.groups[g].head = None;
                self.group_of[a] = Some(g);
            }
            None => {
                self.group_of[a] = Some(self.groups.len());
                self.groups.push(Group {
                    members: vec![a],
                    head: Some(Head::Central(a)),
                });
            }
        }
        Ok(())
    }

    /// The average score of `a` with the articles of group `g`, when the merge rules allow
    /// `a` to join it (one article per outlet, every pair within the window).
    fn average(&mut self, a: usize, g: usize) -> Option<f32> {
        let members = self.groups[g].members.clone();
        let art = &self.articles[a];
        let window = window(self.opts);
        if self.opts.one_article_per_outlet
            && members
                .iter()
                .any(|&m| self.articles[m].outlet == art.outlet)
        {
            return None;
        }
        if !members
            .iter()
            .all(|&m| near(self.days[a], self.days[m], window))
        {
            return None;
        }
        let sum: f32 = members.iter().map(|&m| self.score(a, m)).sum();
        Some(sum / members.len() as f32)
    }

    /// The candidates of `a` among the articles placed so far, as [`candidates::edges`] finds
    /// them: its posting lists within its date window (a slice over [`MAX_SLICE`] skipped),
    /// other outlets only, the best [`MAX_CANDIDATES`] by their index score, in index order.
    fn candidates(&self, a: usize, top: &[(u32, f32)], postings: &Postings) -> Vec<(f32, usize)> {
        let day = self.days[a];
        let window = window(self.opts);
        let wide = window.saturating_mul(super::RECOVERED_WINDOW_FACTOR);
        let mut acc: BTreeMap<usize, f32> = BTreeMap::new();
        for &(t, w) in top {
            let Some(list) = postings.get(t) else {
                continue;
            };
            let in_slice = |j: usize| match (day, self.days[j]) {
                (Some(d), Some(x)) => (x.day - d.day).abs() <= wide,
                _ => true,
            };
            let dated = list
                .iter()
                .filter(|&&(j, _)| self.days[j].is_some() && in_slice(j))
                .count();
            let undated = list
                .iter()
                .filter(|&&(j, _)| self.days[j].is_none())
                .count();
            let skip_dated = match day {
                Some(_) => dated > MAX_SLICE,
                None => list.len() > MAX_SLICE,
            };
            let skip_undated = match day {
                Some(_) => undated > MAX_SLICE,
                None => list.len() > MAX_SLICE,
            };
            for &(j, wj) in list {
                let undated_j = self.days[j].is_none();
                if j == a
                    || self.group_of[j].is_none()
                    || (undated_j && skip_undated)
                    || (!undated_j && (skip_dated || !in_slice(j)))
                    || !near(day, self.days[j], window)
                {
                    continue;
                }
                *acc.entry(j).or_insert(0.0) += w * wj;
            }
        }
        let outlet = &self.articles[a].outlet;
        let mut ranked: Vec<(f32, usize)> = acc
            .into_iter()
            .filter(|&(j, _)| {
                !self.opts.one_article_per_outlet || &self.articles[j].outlet != outlet
            })
            .map(|(j, s)| (s, j))
            .collect();
        ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        ranked.truncate(MAX_CANDIDATES);
        ranked.sort_by_key(|&(_, j)| j);
        ranked
    }

    /// The groups in order, each with what names it (its central article chosen again where
    /// it changed).
    fn finish(mut self) -> Vec<(Vec<usize>, Head)> {
        let groups = std::mem::take(&mut self.groups);
        groups
            .into_iter()
            .filter(|g| !g.members.is_empty())
            .map(|mut g| {
                g.members.sort_unstable();
                let c = match g.head {
                    Some(h) => h,
                    None => Head::Central(central(&g.members, |x, z| self.vectors.cosine(x, z))),
                };
                (g.members, c)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::grouping::group_with_state;
    use crate::corpus::grouping::tests::art;

    fn story(outlet: &str, place: &str, n: u32) -> Article {
        art(
            outlet,
            "2025-03-12",
            &format!("Flood in {place}"),
            &format!(
                "The river flooded {place} after {n} hours of rain. Mayor Dorn of {place} \
                 said {n} families left their homes and the army helped in {place}."
            ),
        )
    }

    fn paths(events: &[Event]) -> Vec<Vec<String>> {
        let mut v: Vec<Vec<String>> = events
            .iter()
            .map(|e| {
                e.articles
                    .iter()
                    .map(|a| a.path.display().to_string())
                    .collect()
            })
            .collect();
        v.sort();
        v
    }

    /// `state` with one more (added) article, `a`, whose postings are not known yet.
    fn with_added(state: State, a: &Article, opts: &GroupingOptions) -> State {
        State {
            tops: [state.tops, vec![Vec::new()]].concat(),
            days: [state.days, vec![super::super::day_of(a, opts)]].concat(),
            ..state
        }
    }

    /// The last grouping's events as priors over the same articles.
    fn priors(events: &[Event], articles: &[Article]) -> Vec<Prior> {
        events
            .iter()
            .map(|e| {
                let members: Vec<usize> = e
                    .articles
                    .iter()
                    .map(|a| articles.iter().position(|b| b.path == a.path).unwrap())
                    .collect();
                Prior {
                    members,
                    removed: 0,
                    title: Some(e.title.clone()),
                }
            })
            .collect()
    }

    /// Two floods of one day, two outlets each, grouped in full: the options, the articles,
    /// the events as priors and the state.
    fn two_floods() -> (GroupingOptions, Vec<Article>, Vec<Prior>, State) {
        let opts = GroupingOptions::default();
        let arts = vec![
            story("a", "Lorca", 12),
            story("b", "Lorca", 12),
            story("a", "Varna", 30),
            story("b", "Varna", 30),
        ];
        let (events, state) = group_with_state(arts.clone(), &opts, &mut Vec::new(), &|_| {});
        assert_eq!(events.len(), 2, "{:?}", paths(&events));
        let priors = priors(&events, &arts);
        (opts, arts, priors, state)
    }

    #[test]
    fn an_added_article_joins_the_event_a_full_run_puts_it_in() {
        let (opts, mut arts, priors, state) = two_floods();
        arts.push(story("c", "Varna", 30));
        let state = with_added(state, &arts[4], &opts);
        let Ok(up) = update(arts.clone(), &opts, state, priors, &[4]) else {
            panic!("not updated")
        };
        let full = group_with_state(arts, &opts, &mut Vec::new(), &|_| {}).0;
        assert_eq!(paths(&up.events), paths(&full));
        assert!(
            !up.state.tops[4].is_empty(),
            "the added article's postings are stored"
        );
        let at = up.members.iter().position(|m| m.contains(&4)).unwrap();
        assert_eq!(up.events[at].articles.len(), up.members[at].len());
    }

    #[test]
    fn an_article_close_to_two_events_is_refused() {
        let (opts, mut arts, priors, state) = two_floods();
        // one report of both floods: close to both events
        let both = format!("{} {}", arts[0].body.as_str(), arts[2].body.as_str());
        arts.push(art("d", "2025-03-12", "Floods", &both));
        let state = with_added(state, &arts[4], &opts);
        match update(arts, &opts, state, priors, &[4]) {
            Err((_, Fallback::PossibleMerge(p))) => assert!(p.starts_with("d-"), "{p}"),
            Err((_, other)) => panic!("{other}"),
            Ok(up) => panic!("updated: {:?}", paths(&up.events)),
        }
    }
}
