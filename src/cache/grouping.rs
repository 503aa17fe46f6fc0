//! The grouping of loose articles into events, reused while its input is the same.
//!
//! The grouping is treated as a function of its input articles and options: the key is an
//! XXH3-128 over the options and a digest of every input article (path, outlet, title, date,
//! URL, author, language, kind, text, origin, extra fields; [`article_digest`]). The record
//! keeps each event's fields and, for each of its articles, the index of the input article it
//! is, or the whole article where the grouping changed it (so a grouping that fills in a date
//! is replayed exactly). Any inconsistency in a record (an index out of range or used twice)
//! makes it a miss.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::format::Kind;
use super::{CorpusCache, Digest};
use crate::corpus::{Article, Diagnostic, Event, EventOrigin};

const FILE: &str = "grouping.fdc";

#[derive(Serialize, Deserialize)]
enum Member {
    /// The input article at this index, unchanged.
    Input(u32),
    /// An article the grouping changed, as it came out.
    Changed(Box<Article>),
}

#[derive(Serialize, Deserialize)]
struct CachedEvent {
    id: String,
    title: String,
    date: Option<NaiveDate>,
    summary: Option<String>,
    tags: Vec<String>,
    origin: EventOrigin,
    members: Vec<Member>,
}

#[derive(Serialize, Deserialize)]
struct Record {
    key: [u64; 2],
    events: Vec<CachedEvent>,
    diagnostics: Vec<Diagnostic>,
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
        .str(&a.body)
        .str(&format!("{:?}", a.origin));
    for (k, v) in &a.extra {
        d.str(k).str(v);
    }
    if let Some(g) = &a.gold {
        d.str(&format!("{g:?}"));
    }
    d.finish64()
}

impl CorpusCache {
    /// The events `group` makes of `loose`, from the cache when the same articles were grouped
    /// with the same `options` (any text that identifies them, e.g. their `Debug` form);
    /// otherwise `group` runs and its result is stored. The grouping's diagnostics are
    /// replayed into `diags` either way.
    pub fn group(
        &self,
        loose: Vec<Article>,
        options: &str,
        diags: &mut Vec<Diagnostic>,
        group: impl FnOnce(Vec<Article>, &mut Vec<Diagnostic>) -> Vec<Event>,
    ) -> Vec<Event> {
        let digests: Vec<u64> = loose.iter().map(article_digest).collect();
        let mut k = Digest::new();
        k.str(options);
        for d in &digests {
            k.bytes(&d.to_le_bytes());
        }
        let key = k.finish128();
        let mut loose = Some(loose);
        if let Some(rec) = self.read::<Record>(FILE, Kind::Grouping)
            && rec.key == key
        {
            let input = loose.take().unwrap_or_default();
            match rebuild(input, rec.events) {
                Ok(events) => {
                    super::note(format_args!(
                        "grouping of {} articles from the cache ({} events)",
                        digests.len(),
                        events.len()
                    ));
                    diags.extend(rec.diagnostics);
                    return events;
                }
                Err((input, why)) => {
                    super::note(format_args!("grouping record not used: {why}; regrouping"));
                    loose = Some(input);
                }
            }
        }
        let mut own = Vec::new();
        let events = group(loose.unwrap_or_default(), &mut own);
        super::note(format_args!(
            "grouping of {} articles computed ({} events) and stored",
            digests.len(),
            events.len()
        ));
        self.write(
            FILE,
            Kind::Grouping,
            &Record {
                key,
                events: to_cached(&events, &digests),
                diagnostics: own.clone(),
            },
        );
        diags.extend(own);
        events
    }
}

/// The record of `events`: each article as the index of the input article with its digest,
/// or whole when no input article has it.
fn to_cached(events: &[Event], digests: &[u64]) -> Vec<CachedEvent> {
    let mut unused: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, d) in digests.iter().enumerate().rev() {
        unused.entry(*d).or_default().push(i);
    }
    events
        .iter()
        .map(|e| CachedEvent {
            id: e.id.clone(),
            title: e.title.clone(),
            date: e.date,
            summary: e.summary.clone(),
            tags: e.tags.clone(),
            origin: e.origin,
            members: e
                .articles
                .iter()
                .map(|a| {
                    let found = unused
                        .get_mut(&article_digest(a))
                        .and_then(Vec::pop)
                        .and_then(|i| u32::try_from(i).ok());
                    match found {
                        Some(i) => Member::Input(i),
                        None => Member::Changed(Box::new(a.clone())),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The events of a record, moving the input articles into them; on an inconsistent record,
/// the input back and the reason.
fn rebuild(
    input: Vec<Article>,
    events: Vec<CachedEvent>,
) -> Result<Vec<Event>, (Vec<Article>, String)> {
    let n = input.len();
    let mut seen = vec![false; n];
    for e in &events {
        for m in &e.members {
            if let Member::Input(i) = m {
                let i = *i as usize;
                if i >= n || seen[i] {
                    return Err((input, format!("article index {i} out of range or repeated")));
                }
                seen[i] = true;
            }
        }
    }
    let mut slots: Vec<Option<Article>> = input.into_iter().map(Some).collect();
    Ok(events
        .into_iter()
        .map(|e| Event {
            id: e.id,
            title: e.title,
            date: e.date,
            summary: e.summary,
            tags: e.tags,
            origin: e.origin,
            articles: e
                .members
                .into_iter()
                .filter_map(|m| match m {
                    Member::Input(i) => slots[i as usize].take(),
                    Member::Changed(a) => Some(*a),
                })
                .collect(),
        })
        .collect())
}
