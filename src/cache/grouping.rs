//! The grouping of loose articles into events, reused while its input is the same.
//!
//! The grouping is treated as a function of its input articles and options: the key is an
//! XXH3-128 over the options and a digest of every input article (path, outlet, title, date,
//! URL, author, language, kind, text, origin, extra fields; [`article_digest`]). The record
//! keeps each event's fields and, for each of its articles, the index of the input article it
//! is, or the whole article where the grouping changed it (so a grouping that fills in a date
//! is replayed exactly). Any inconsistency in a record (an index out of range or used twice)
//! makes it a miss.
//!
//! The record also keeps each input article's digest and what an incremental update needs
//! ([`incremental::State`]), so a few added, changed or removed articles update the stored
//! events ([`incremental::update`]) instead of regrouping the corpus, except in the cases
//! docs/scaling.md ("Cache") lists; an updated grouping is marked until the next full run.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::format::Kind;
use super::packed::{self, Packed};
use super::replay::{self, Matcher, Member, Slots};
use super::{CorpusCache, Digest};
use crate::corpus::grouping::incremental::{self, Index, Prior, State};
use crate::corpus::grouping::{GroupingOptions, Table, TimeDf, day_of};
use crate::corpus::{Article, Diagnostic, Event, EventOrigin};

const FILE: &str = "grouping.fdc";

/// The name the postings index of the grouping record kept in memory is kept under
/// ([`CorpusCache::keep_derived`]; never written).
const INDEX: &str = "grouping.index";

/// The postings index ([`Index`]) of the grouping record with key `key`, kept in memory
/// between updates.
struct KeptIndex {
    key: [u64; 2],
    index: Index,
}

/// Changes since the last full grouping, as a share of the articles, from which an update
/// regroups in full instead (docs/scaling.md, "Cache": 5%).
const FULL_AFTER_PERCENT: usize = 5;

#[derive(Clone, Serialize, Deserialize)]
struct CachedEvent {
    id: String,
    title: String,
    date: Option<NaiveDate>,
    summary: Option<String>,
    tags: Vec<String>,
    origin: EventOrigin,
    members: Vec<Member<Article>>,
    /// The length of `id`'s base in bytes, when known (kept in memory only: a record read
    /// from its file has none, and an update makes the bases of its events again).
    #[serde(skip)]
    base: Option<u32>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Record {
    key: [u64; 2],
    /// The grouping options' `Debug` form.
    options: String,
    /// The digest of each input article, in input order.
    digests: Vec<u64>,
    events: Vec<CachedEvent>,
    diagnostics: Vec<Diagnostic>,
    /// What an update needs, indexed like `digests` (none from a stand-in grouping).
    state: StateField,
    /// Articles added or removed since the last full grouping.
    since_full: usize,
    /// Set when the events come from an incremental update.
    update: Option<Update>,
}

/// The [`State`] of a record: decoded in memory (a record kept in memory,
/// [`CorpusCache::keep_in_memory`], is updated in place, and packed only when the background
/// writer writes it), stored as [`StoredState`] (`Option<StoredState>` on disk); `None` when
/// the record has none or a damaged one.
#[derive(Clone, Default)]
struct StateField(Option<State>);

impl Serialize for StateField {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.as_ref().map(StoredState::pack).serialize(s)
    }
}

impl<'de> Deserialize<'de> for StateField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let stored = Option::<StoredState>::deserialize(d)?;
        Ok(StateField(stored.as_ref().and_then(StoredState::unpack)))
    }
}

/// [`State`] as stored: its tables packed ([`super::packed`]).
#[derive(Clone, Serialize, Deserialize)]
struct StoredState {
    n: u32,
    table: Packed,
    tops: Packed,
    days: Packed,
    /// The time-local frequencies ([`TimeDf`]): window, least count, then packed lists.
    time_window: i32,
    time_min: u32,
    time_days: Packed,
    time_term_days: Packed,
}

impl StoredState {
    fn pack(s: &State) -> Self {
        Self {
            n: s.table.n,
            table: packed::pack_pairs(&s.table.keys, &s.table.df),
            tops: packed::pack_postings(&s.tops),
            days: packed::pack_days(&s.days),
            time_window: s.table.time.window,
            time_min: s.table.time.min_articles,
            time_days: packed::pack_u32s(s.table.time.days.iter().map(|&d| d as u32)),
            time_term_days: packed::pack_day_lists(&s.table.time.starts, &s.table.time.term_days),
        }
    }

    /// The state; `None` when a table does not decode.
    fn unpack(&self) -> Option<State> {
        let (keys, df) = packed::unpack_pairs(&self.table)?;
        let (starts, term_days) = packed::unpack_day_lists(&self.time_term_days)?;
        Some(State {
            table: Table {
                n: self.n,
                keys,
                df,
                time: TimeDf {
                    window: self.time_window,
                    min_articles: self.time_min,
                    days: signed(packed::unpack_u32s(&self.time_days)?),
                    starts,
                    term_days,
                },
            },
            tops: packed::unpack_postings(&self.tops)?,
            days: packed::unpack_days(&self.days)?,
        })
    }
}

/// Days packed as their bits ([`packed::pack_u32s`]).
fn signed(v: Vec<u32>) -> Vec<i32> {
    v.into_iter().map(|d| d as i32).collect()
}

/// An incremental update of the grouping: what changed in it, and since the last full run.
#[derive(Serialize, Deserialize, Clone, Copy)]
struct Update {
    added: usize,
    removed: usize,
    since_full: usize,
}

impl Update {
    /// The line `check` prints about it.
    fn note(&self, articles: usize) -> String {
        format!(
            "grouping updated incrementally ({} added, {} removed; {} of {articles} articles changed since the last full grouping); it may differ slightly from a full regroup, which `framediff cache clear` forces",
            self.added, self.removed, self.since_full
        )
    }
}

/// A digest of everything about an article a grouping could read.
pub fn article_digest(a: &Article) -> u64 {
    let mut d = Digest::new();
    d.bytes(a.path.as_os_str().as_encoded_bytes())
        .str(&a.outlet)
        .str(&a.title)
        .opt(a.date.map(|x| x.to_string()).as_deref())
        .opt(a.url.as_deref())
        .opt(a.author.as_deref())
        .opt(a.language.as_deref())
        .opt(a.kind.map(|k| format!("{k:?}")).as_deref())
        .bytes(&a.body.digest().to_le_bytes())
        .str(&format!("{:?}", a.origin));
    for (k, v) in &a.extra {
        d.str(k).str(v);
    }
    if let Some(g) = &a.gold {
        d.str(&format!("{g:?}"));
    }
    d.finish64()
}

/// What the grouping function gives: the events and, for updates, its state.
pub type Grouped = (Vec<Event>, Option<State>);

/// An update refused: its input articles back, and why.
type Refused = (Vec<Arc<Article>>, String);

impl CorpusCache {
    /// The events `group` makes of `loose` with `options`: replayed from the cache when the
    /// same articles were grouped with the same options; updated incrementally from the last
    /// grouping when few articles changed ([`incremental::update`], docs/scaling.md "Cache"),
    /// with a line in `notes`; otherwise `group` runs and its result is stored. The
    /// grouping's diagnostics are replayed into `diags` either way. `digests`: each loose
    /// article's [`article_digest`] when the caller has them (computed here when `None` or of
    /// another length).
    pub fn group(
        &self,
        loose: Vec<Arc<Article>>,
        digests: Option<Vec<u64>>,
        options: &GroupingOptions,
        diags: &mut Vec<Diagnostic>,
        notes: &mut Vec<String>,
        group: impl FnOnce(Vec<Arc<Article>>, &mut Vec<Diagnostic>) -> Grouped,
    ) -> Vec<Event> {
        let options_text = format!("{options:?}");
        let digests: Vec<u64> = digests
            .filter(|d| d.len() == loose.len())
            .unwrap_or_else(|| loose.iter().map(|a| article_digest(a)).collect());
        let key = replay::key(&options_text, &digests);
        let mut loose = loose;
        if let Some(rec) = self.read_kept::<Record>(FILE, Kind::Grouping) {
            if rec.key == key {
                match rebuild(loose, &rec.events) {
                    Ok(events) => {
                        super::note(format_args!(
                            "grouping of {} articles from the cache ({} events)",
                            digests.len(),
                            events.len()
                        ));
                        diags.extend(rec.diagnostics.iter().cloned());
                        notes.extend(rec.update.map(|u| u.note(digests.len())));
                        return events;
                    }
                    Err((input, why)) => {
                        super::note(format_args!("grouping record not used: {why}; regrouping"));
                        loose = input;
                    }
                }
            } else if rec.options == options_text {
                let index = self.take_derived::<KeptIndex>(INDEX);
                let index = index.filter(|k| k.key == rec.key).map(|k| k.index);
                let rec = self.take_kept(FILE, rec);
                match self.update(loose, options, key, &digests, rec, index) {
                    Ok((events, u)) => {
                        notes.push(u.note(digests.len()));
                        return events;
                    }
                    Err((input, why)) => {
                        super::note(format_args!("grouping not updated: {why}; regrouping"));
                        loose = input;
                    }
                }
            }
        }
        // (an index kept for an earlier record is of no use now)
        drop(self.take_derived::<KeptIndex>(INDEX));
        let mut own = Vec::new();
        let (events, state) = group(loose, &mut own);
        super::note(format_args!(
            "grouping of {} articles computed ({} events) and stored",
            digests.len(),
            events.len()
        ));
        self.write_kept(
            FILE,
            Kind::Grouping,
            Record {
                key,
                options: options_text,
                events: to_cached(&events, &digests),
                digests,
                diagnostics: own.clone(),
                state: StateField(state),
                since_full: 0,
                update: None,
            },
        );
        diags.extend(own);
        events
    }

    /// The grouping of `loose` updated from the record of the last one; the articles back and
    /// the reason when an update is not possible or a full run is due.
    fn update(
        &self,
        loose: Vec<Arc<Article>>,
        options: &GroupingOptions,
        key: [u64; 2],
        digests: &[u64],
        rec: Record,
        index: Option<Index>,
    ) -> Result<(Vec<Event>, Update), Refused> {
        let plan = match plan_update(&loose, options, digests, rec, index) {
            Ok(plan) => plan,
            Err(why) => return Err((loose, why)),
        };
        let UpdatePlan {
            state,
            priors,
            added,
            update,
            diagnostics,
            mut index,
        } = plan;
        let incremental::Updated {
            events,
            members,
            bases,
            state,
        } = incremental::update(loose, options, state, priors, &added, index.as_mut())
            .map_err(|(input, why)| (input, why.to_string()))?;
        if let Some(index) = index {
            self.keep_derived(INDEX, KeptIndex { key, index });
        }
        super::note(format_args!(
            "grouping of {} articles updated ({} added, {} removed; {} events) and stored",
            digests.len(),
            update.added,
            update.removed,
            events.len()
        ));
        self.write_kept(
            FILE,
            Kind::Grouping,
            Record {
                key,
                options: format!("{options:?}"),
                digests: digests.to_vec(),
                events: events
                    .iter()
                    .zip(&members)
                    .zip(bases)
                    .map(|((e, m), base)| CachedEvent {
                        base: u32::try_from(base).ok(),
                        ..cached_event(e, m.iter().map(|&i| Member::Input(i as u32)))
                    })
                    .collect(),
                diagnostics,
                state: StateField(Some(state)),
                since_full: update.since_full,
                update: Some(update),
            },
        );
        Ok((events, update))
    }
}

impl CorpusCache {
    /// Makes the postings index of the grouping record kept in memory, when there is none
    /// for it, so the next update of the grouping looks its added articles' terms up instead
    /// of reading every article's postings ([`Index`]). For a process that updates the same
    /// corpus again and again (the terminal UI: call it after an update has been handed
    /// out); nothing without [`CorpusCache::keep_in_memory`].
    pub fn prepare_grouping_index(&self) {
        if !self.keeps_in_memory() {
            return;
        }
        let Some(rec) = self.read_kept::<Record>(FILE, Kind::Grouping) else {
            return;
        };
        if let Some(kept) = self.take_derived::<KeptIndex>(INDEX)
            && kept.key == rec.key
        {
            self.keep_derived(INDEX, kept);
            return;
        }
        let Some(state) = &rec.state.0 else {
            return;
        };
        let start = std::time::Instant::now();
        let index = Index::new(&state.tops, state.table.keys.len());
        super::note(format_args!(
            "grouping postings index of {} articles made in {:?}",
            index.len(),
            start.elapsed()
        ));
        self.keep_derived(
            INDEX,
            KeptIndex {
                key: rec.key,
                index,
            },
        );
    }
}

/// What [`incremental::update`] needs, from a record and the new input.
struct UpdatePlan {
    state: State,
    priors: Vec<Prior>,
    added: Vec<usize>,
    update: Update,
    diagnostics: Vec<Diagnostic>,
    /// The kept postings index, re-indexed to the new input (its added articles not in it).
    index: Option<Index>,
}

/// Matches the record's input to the new one (by digest) and re-indexes its state, its
/// events and `index` (the record's postings index, when kept); the reason when the record
/// cannot be updated or a full run is due.
fn plan_update(
    loose: &[Arc<Article>],
    options: &GroupingOptions,
    digests: &[u64],
    mut rec: Record,
    index: Option<Index>,
) -> Result<UpdatePlan, String> {
    let Some(mut old) = rec.state.0.take() else {
        return Err("the record has no update state, or a damaged one".into());
    };
    let n_old = rec.digests.len();
    if old.tops.len() != n_old || old.days.len() != n_old || !old.table.is_consistent() {
        return Err("the record's update state is inconsistent".into());
    }
    replay::check(n_old, rec.events.iter().flat_map(|e| &e.members))?;
    let (new_of_old, added) = replay::change_set(&rec.digests, digests);
    let removed = new_of_old.iter().filter(|x| x.is_none()).count();
    let since_full = rec.since_full + added.len() + removed;
    if since_full * 100 >= digests.len() * FULL_AFTER_PERCENT {
        return Err(format!(
            "{since_full} of {} articles changed since the last full grouping",
            digests.len()
        ));
    }
    let index = index.filter(|x| x.len() == n_old).map(|mut x| {
        x.reindex(&new_of_old, &old.tops, digests.len());
        x
    });
    let mut state = State {
        table: std::mem::take(&mut old.table),
        tops: vec![Vec::new(); digests.len()],
        days: vec![None; digests.len()],
    };
    for (o, (top, day)) in old.tops.into_iter().zip(old.days).enumerate() {
        if let Some(i) = new_of_old[o] {
            state.tops[i] = top;
            state.days[i] = day;
        }
    }
    for &i in &added {
        state.days[i] = day_of(&loose[i], options);
    }
    let mut priors = Vec::with_capacity(rec.events.len());
    let mut members_seen = 0;
    for e in rec.events {
        let mut prior = Prior {
            members: Vec::with_capacity(e.members.len()),
            removed: 0,
            title: None,
            id: None,
        };
        for m in e.members {
            let Member::Input(o) = m else {
                return Err("the record holds an article the grouping changed".into());
            };
            members_seen += 1;
            match new_of_old[o as usize] {
                Some(i) => prior.members.push(i),
                None => prior.removed += 1,
            }
        }
        // (the record's title is its central article's headline, which the digest matched:
        // not looked for among the articles, 13,000 events on an archive)
        if prior.removed == 0 {
            prior.id = e.base.map(|b| (e.id, b as usize));
            prior.title = Some(e.title);
        }
        priors.push(prior);
    }
    if members_seen != n_old {
        return Err("the record's events do not hold every article once".into());
    }
    Ok(UpdatePlan {
        state,
        priors,
        update: Update {
            added: added.len(),
            removed,
            since_full,
        },
        added,
        diagnostics: rec.diagnostics,
        index,
    })
}

/// The record of `events`: each article as the index of the input article with its digest,
/// or whole when no input article has it.
fn to_cached(events: &[Event], digests: &[u64]) -> Vec<CachedEvent> {
    let mut matcher = Matcher::new(digests);
    events
        .iter()
        .map(|e| {
            let members: Vec<Member<Article>> = e
                .articles
                .iter()
                .map(|a| matcher.member(&**a, article_digest(a)))
                .collect();
            cached_event(e, members)
        })
        .collect()
}

/// The record of one event, with its members.
fn cached_event(e: &Event, members: impl IntoIterator<Item = Member<Article>>) -> CachedEvent {
    CachedEvent {
        id: e.id.clone(),
        title: e.title.clone(),
        date: e.date,
        summary: e.summary.clone(),
        tags: e.tags.clone(),
        origin: e.origin,
        members: members.into_iter().collect(),
        base: None,
    }
}

/// The events of a record, moving the input articles into them; on an inconsistent record,
/// the input back and the reason.
fn rebuild(
    input: Vec<Arc<Article>>,
    events: &[CachedEvent],
) -> Result<Vec<Event>, (Vec<Arc<Article>>, String)> {
    if let Err(why) = replay::check(input.len(), events.iter().flat_map(|e| &e.members)) {
        return Err((input, why));
    }
    let mut slots = Slots::new(input);
    Ok(events
        .iter()
        .map(|e| Event {
            id: e.id.clone(),
            title: e.title.clone(),
            date: e.date,
            summary: e.summary.clone(),
            tags: e.tags.clone(),
            origin: e.origin,
            articles: e.members.iter().filter_map(|m| slots.take(m)).collect(),
        })
        .collect())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::corpus::TextOrigin;

    /// An undated article whose title is its text.
    pub(crate) fn article(path: &str, outlet: &str, body: &str) -> Article {
        Article {
            path: path.into(),
            outlet: outlet.into(),
            title: body.into(),
            date: None,
            date_alt: None,
            url: None,
            author: None,
            language: None,
            kind: None,
            body: body.into(),
            origin: TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        }
    }

    /// A stand-in grouping that pairs articles two by two, fills in a date on the first of
    /// each pair (as a grouping recovering dates would) and reports one warning.
    fn pair_up(articles: Vec<Arc<Article>>, diags: &mut Vec<Diagnostic>) -> Grouped {
        diags.push(Diagnostic::warning("x".as_ref(), None, "grouped"));
        let mut events = Vec::new();
        let mut it = articles.into_iter().peekable();
        let mut n = 0;
        while let Some(mut a) = it.next() {
            Arc::make_mut(&mut a).date = NaiveDate::from_ymd_opt(2020, 1, 1);
            let mut members = vec![a];
            members.extend(it.next());
            n += 1;
            events.push(Event {
                id: format!("e{n}"),
                title: members[0].title.clone(),
                date: members[0].date,
                summary: None,
                tags: vec!["t".into()],
                origin: EventOrigin::AutoGrouped,
                articles: members,
            });
        }
        (events, None)
    }

    /// Each event's id and its articles' paths and dates.
    type Summary = Vec<(String, Vec<(String, Option<NaiveDate>)>)>;

    fn summary(events: &[Event]) -> Summary {
        events
            .iter()
            .map(|e| {
                let arts = e
                    .articles
                    .iter()
                    .map(|a| (a.path.display().to_string(), a.date))
                    .collect();
                (e.id.clone(), arts)
            })
            .collect()
    }

    #[test]
    fn a_replayed_grouping_equals_the_computed_one_changed_articles_included() {
        let root = tempfile::tempdir().unwrap();
        let corpus = tempfile::tempdir().unwrap();
        let cache = CorpusCache::open(root.path(), corpus.path()).expect("cache");
        let input = || {
            vec![
                Arc::new(article("a.md", "x", "one")),
                Arc::new(article("b.md", "y", "two")),
                Arc::new(article("c.md", "z", "one")),
            ]
        };
        let mut d1 = Vec::new();
        let opts = GroupingOptions::default();
        let other = GroupingOptions {
            threshold: 0.3,
            ..GroupingOptions::default()
        };
        let notes = &mut Vec::new();
        let computed = cache.group(input(), None, &opts, &mut d1, notes, pair_up);
        let mut d2 = Vec::new();
        let replayed = cache.group(input(), None, &opts, &mut d2, notes, |_, _| {
            panic!("the grouping must come from the cache")
        });
        assert_eq!(summary(&replayed), summary(&computed));
        assert_eq!(replayed[0].tags, vec!["t".to_string()]);
        assert_eq!(d1, d2);
        // other options or other articles: computed again
        let mut ran = false;
        cache.group(input(), None, &other, &mut Vec::new(), notes, |a, d| {
            ran = true;
            pair_up(a, d)
        });
        assert!(ran);
    }
}
