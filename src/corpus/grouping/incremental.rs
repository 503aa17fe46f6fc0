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
use std::sync::Arc;

use super::candidates::{self, Day, MAX_CANDIDATES, MAX_SLICE, near, top_terms};
use super::features::{Reweigher, Table};
use super::{
    ATTACH_FRACTION, Built, GroupingOptions, Head, Kept, Vector, build_events, central, cosine,
    window,
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
    /// Its id and the length of the id's base in bytes, when known (a record kept in memory)
    /// and no article was removed: an event no article joins keeps its base, so its slug is
    /// not made again.
    pub id: Option<(String, usize)>,
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
    articles: &'a [Arc<Article>],
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
/// with the reason a full regroup is needed. `index`: the postings of `articles` kept from
/// the last update ([`Index::reindex`]ed to them, the added articles not in it yet), where
/// the update looks the added articles' terms up, and which it leaves with them; without
/// it, the postings are read from `state`.
pub fn update(
    articles: Vec<Arc<Article>>,
    opts: &GroupingOptions,
    mut state: State,
    priors: Vec<Prior>,
    added: &[usize],
    index: Option<&mut Index>,
) -> Result<Updated, (Vec<Arc<Article>>, Fallback)> {
    match plan(&articles, opts, &mut state, priors, added, index) {
        Ok(groups) => {
            let Built {
                events,
                order,
                bases,
            } = build_events(articles, groups);
            Ok(Updated {
                events,
                members: order,
                bases,
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
    /// The length of each event's id base in bytes (its id is the base, then `-N`).
    pub bases: Vec<usize>,
    /// The state for the next update, indexed like the input.
    pub state: State,
}

/// The groups with their central articles, in order; see [`update`].
fn plan(
    articles: &[Arc<Article>],
    opts: &GroupingOptions,
    state: &mut State,
    priors: Vec<Prior>,
    added: &[usize],
    index: Option<&mut Index>,
) -> Result<Vec<(Vec<usize>, Head)>, Fallback> {
    let n = articles.len();
    let in_range = priors
        .iter()
        .flat_map(|p| &p.members)
        .chain(added)
        .all(|&i| i < n);
    let index = index.filter(|x| x.len() == n);
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
        let lookup = match index {
            Some(index) => {
                for &a in added {
                    index.insert(a, &state.tops[a]);
                }
                Lookup::Kept(index)
            }
            None => Lookup::Read(Postings::new(&state.tops, added)),
        };
        for &a in added {
            update.add(a, &state.tops[a], &lookup)?;
        }
        Ok(update.finish())
    };
    state.table = table;
    result
}

/// The postings of the terms the added articles post: term -> articles, in index order.
/// (Terms sorted and searched by halves: building it looks up every posting of the corpus,
/// 1.6 million at 40,000 articles, and a map's lookups cost several times more; a grouping
/// kept in memory keeps an [`Index`] instead.)
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

/// Where an update finds the articles posting a term: postings read for it, or the index
/// kept between updates.
enum Lookup<'a> {
    Read(Postings),
    Kept(&'a Index),
}

impl Lookup<'_> {
    /// The articles posting term `t` as `(input index, weight)`: in index order when read,
    /// in no particular order when kept (a candidate's score is summed over the added
    /// article's terms in their order, and the counts of a list do not depend on its order:
    /// the candidates are the same).
    fn get(&self, t: u32) -> std::borrow::Cow<'_, [(usize, f32)]> {
        match self {
            Lookup::Read(p) => p.get(t).map_or(Default::default(), |l| l.as_slice().into()),
            Lookup::Kept(index) => index.postings(t).collect::<Vec<_>>().into(),
        }
    }
}

/// A slot of [`Index`] that holds no article.
const FREE: u32 = u32::MAX;

/// Every article's postings by term, kept between the updates of a grouping held in memory
/// (the terminal UI's: docs/scaling.md, "Incremental updates in the terminal UI"), so an
/// update looks up its added articles' terms instead of reading every article's postings,
/// and changes the lists of the articles it removes and adds alone. Articles are held by
/// slot, a number that stays the same while the article is in the input (input indices
/// shift when a file is inserted before others); an update renumbers the articles, one
/// pass over them, not over their postings.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// By term id: `(slot, weight)` of each article posting it.
    lists: Vec<Vec<(u32, f32)>>,
    /// By input index: the article's slot ([`FREE`]: added, not inserted yet).
    slot_of: Vec<u32>,
    /// By slot: the article's input index ([`FREE`]: no article).
    index_of: Vec<u32>,
    /// Slots no article holds.
    free: Vec<u32>,
}

impl Index {
    /// The index of articles with postings `tops` (by input index) over a table of `terms`
    /// terms.
    pub fn new(tops: &[Vec<(u32, f32)>], terms: usize) -> Self {
        let mut index = Index {
            lists: vec![Vec::new(); terms],
            slot_of: vec![FREE; tops.len()],
            index_of: Vec::with_capacity(tops.len()),
            free: Vec::new(),
        };
        for (i, top) in tops.iter().enumerate() {
            index.insert(i, top);
        }
        index
    }

    /// How many articles (input indices) it covers.
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    /// True when it covers no article.
    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    /// The index over a new input of `n` articles: `new_of_old` gives each old article's
    /// new index (`None`: removed, its postings `old_tops[o]` taken out). The new input's
    /// other articles (added) are not in it until [`Index::insert`]ed.
    pub fn reindex(
        &mut self,
        new_of_old: &[Option<usize>],
        old_tops: &[Vec<(u32, f32)>],
        n: usize,
    ) {
        let mut slot_of = vec![FREE; n];
        for (o, new) in new_of_old.iter().enumerate() {
            let slot = self.slot_of.get(o).copied().unwrap_or(FREE);
            if slot == FREE {
                continue;
            }
            match new {
                Some(i) if *i < n => {
                    slot_of[*i] = slot;
                    self.index_of[slot as usize] = *i as u32;
                }
                _ => {
                    for &(t, _) in old_tops.get(o).map_or(&[][..], Vec::as_slice) {
                        if let Some(list) = self.lists.get_mut(t as usize) {
                            list.retain(|&(s, _)| s != slot);
                        }
                    }
                    self.index_of[slot as usize] = FREE;
                    self.free.push(slot);
                }
            }
        }
        self.slot_of = slot_of;
    }

    /// Puts the article at input index `i`, with postings `top`, in the index.
    pub fn insert(&mut self, i: usize, top: &[(u32, f32)]) {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.index_of.push(FREE);
                (self.index_of.len() - 1) as u32
            }
        };
        self.index_of[slot as usize] = i as u32;
        if i >= self.slot_of.len() {
            self.slot_of.resize(i + 1, FREE);
        }
        self.slot_of[i] = slot;
        for &(t, w) in top {
            let t = t as usize;
            if t >= self.lists.len() {
                self.lists.resize(t + 1, Vec::new());
            }
            self.lists[t].push((slot, w));
        }
    }

    /// The articles posting term `t`: `(input index, weight)`.
    fn postings(&self, t: u32) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.lists
            .get(t as usize)
            .into_iter()
            .flatten()
            .filter_map(|&(s, w)| {
                let i = self.index_of[s as usize];
                (i != FREE).then_some((i as usize, w))
            })
    }
}

struct Update<'a> {
    articles: &'a [Arc<Article>],
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
            let head = match (p.removed, p.title, p.id) {
                (0, Some(title), Some((id, base))) => Some(Head::Kept(Kept { title, id, base })),
                (0, title, _) => title.map(Head::Title),
                _ => None,
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
    fn add(&mut self, a: usize, top: &[(u32, f32)], postings: &Lookup) -> Result<(), Fallback> {
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
            // as a full run's merge: dated and undated meet at the full threshold only
            let undated = super::undated_meets_dated(self.days, &[a], &self.groups[g].members);
            let bar = if undated { self.opts.threshold } else { bar };
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
    fn candidates(&self, a: usize, top: &[(u32, f32)], postings: &Lookup) -> Vec<(f32, usize)> {
        let day = self.days[a];
        let window = window(self.opts);
        let wide = window.saturating_mul(super::RECOVERED_WINDOW_FACTOR);
        let mut acc: BTreeMap<usize, f32> = BTreeMap::new();
        for &(t, w) in top {
            let list = postings.get(t);
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
            for &(j, wj) in list.iter() {
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
                    None => {
                        let articles = self.articles;
                        let titled = |x: usize| !articles[x].title.trim().is_empty();
                        let cos = |x, z| self.vectors.cosine(x, z);
                        Head::Central(central(&g.members, titled, cos))
                    }
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

    fn story(outlet: &str, place: &str, n: u32) -> Arc<Article> {
        Arc::new(art(
            outlet,
            "2025-03-12",
            &format!("Flood in {place}"),
            &format!(
                "The river flooded {place} after {n} hours of rain. Mayor Dorn of {place} \
                 said {n} families left their homes and the army helped in {place}."
            ),
        ))
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
    fn priors(events: &[Event], articles: &[Arc<Article>]) -> Vec<Prior> {
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
                    id: None,
                }
            })
            .collect()
    }

    /// Two floods of one day, two outlets each, grouped in full: the options, the articles,
    /// the events as priors and the state.
    fn two_floods() -> (GroupingOptions, Vec<Arc<Article>>, Vec<Prior>, State) {
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
        let Ok(up) = update(arts.clone(), &opts, state, priors, &[4], None) else {
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
        arts.push(Arc::new(art("d", "2025-03-12", "Floods", &both)));
        let state = with_added(state, &arts[4], &opts);
        match update(arts, &opts, state, priors, &[4], None) {
            Err((_, Fallback::PossibleMerge(p))) => assert!(p.starts_with("d-"), "{p}"),
            Err((_, other)) => panic!("{other}"),
            Ok(up) => panic!("updated: {:?}", paths(&up.events)),
        }
    }

    /// The postings of every term in `index`, as sorted lists of `(input index, weight)`.
    fn lists(index: &Index, terms: u32) -> Vec<Vec<(usize, u32)>> {
        (0..terms)
            .map(|t| {
                let mut l: Vec<(usize, u32)> =
                    index.postings(t).map(|(i, w)| (i, w.to_bits())).collect();
                l.sort_unstable();
                l
            })
            .collect()
    }

    #[test]
    fn an_index_renumbered_over_changes_is_the_index_made_afresh() {
        let mut x = 5u64;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let top = |next: &mut dyn FnMut(u64) -> u64| -> Vec<(u32, f32)> {
            let mut t: Vec<(u32, f32)> = (0..1 + next(5))
                .map(|_| (next(12) as u32, next(100) as f32 / 10.0))
                .collect();
            t.sort_by_key(|p| p.0);
            t.dedup_by_key(|p| p.0);
            t
        };
        let mut tops: Vec<Vec<(u32, f32)>> = (0..20).map(|_| top(&mut next)).collect();
        let mut index = Index::new(&tops, 12);
        for _ in 0..200 {
            // a few articles removed and a few inserted anywhere (files of a walk in path order)
            let mut kept: Vec<Option<usize>> = Vec::new();
            let mut new_tops = Vec::new();
            let mut added = Vec::new();
            for t in &tops {
                if next(12) == 0 {
                    added.push(new_tops.len());
                    new_tops.push(top(&mut next));
                }
                if next(12) == 0 {
                    kept.push(None);
                } else {
                    kept.push(Some(new_tops.len()));
                    new_tops.push(t.clone());
                }
            }
            while new_tops.len() < 10 {
                added.push(new_tops.len());
                new_tops.push(top(&mut next));
            }
            index.reindex(&kept, &tops, new_tops.len());
            for &a in &added {
                index.insert(a, &new_tops[a]);
            }
            tops = new_tops;
            assert_eq!(index.len(), tops.len());
            assert_eq!(lists(&index, 12), lists(&Index::new(&tops, 12), 12));
        }
    }

    #[test]
    fn an_update_through_the_kept_index_is_the_update_through_postings_read() {
        let (opts, mut arts, priors, state) = two_floods();
        let mut index = Index::new(&state.tops, state.table.keys.len());
        arts.push(story("c", "Varna", 30));
        let state = with_added(state, &arts[4], &opts);
        index.reindex(&[Some(0), Some(1), Some(2), Some(3)], &state.tops, 5);
        let read = update(
            arts.clone(),
            &opts,
            state.clone(),
            priors.clone(),
            &[4],
            None,
        );
        let kept = update(arts, &opts, state, priors, &[4], Some(&mut index));
        let (Ok(read), Ok(kept)) = (read, kept) else {
            panic!("not updated")
        };
        assert_eq!(paths(&read.events), paths(&kept.events));
        assert_eq!(read.members, kept.members);
        assert_eq!(read.state, kept.state);
        let added = lists(&index, read.state.table.keys.len() as u32);
        let fresh = Index::new(&read.state.tops, read.state.table.keys.len());
        assert_eq!(added, lists(&fresh, read.state.table.keys.len() as u32));
    }
}
