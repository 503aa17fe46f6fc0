//! The grouping of loose articles into events, reused while its input is the same.
//!
//! The grouping is treated as a function of its input articles and options: the key is an
//! XXH3-128 over the options and a digest of every input article (path, outlet, title, date,
//! URL, author, language, kind, text, origin, extra fields; [`article_digest`]). The record
//! keeps each event's fields and, for each of its articles, the index of the input article it
//! is, or the whole article where the grouping changed it (so a grouping that fills in a date
//! is replayed exactly). Any inconsistency in a record (an index out of range or used twice)
//! makes it a miss.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::format::Kind;
use super::replay::{self, Matcher, Member, Slots};
use super::{CorpusCache, Digest};
use crate::corpus::{Article, Diagnostic, Event, EventOrigin};

const FILE: &str = "grouping.fdc";

#[derive(Serialize, Deserialize)]
struct CachedEvent {
    id: String,
    title: String,
    date: Option<NaiveDate>,
    summary: Option<String>,
    tags: Vec<String>,
    origin: EventOrigin,
    members: Vec<Member<Article>>,
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
        let key = replay::key(options, &digests);
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
    let mut matcher = Matcher::new(digests);
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
                .map(|a| matcher.member(a, article_digest(a)))
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
    if let Err(why) = replay::check(input.len(), events.iter().flat_map(|e| &e.members)) {
        return Err((input, why));
    }
    let mut slots = Slots::new(input);
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
                .filter_map(|m| slots.take(m))
                .collect(),
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
    fn pair_up(articles: Vec<Article>, diags: &mut Vec<Diagnostic>) -> Vec<Event> {
        diags.push(Diagnostic::warning("x".as_ref(), None, "grouped"));
        let mut events = Vec::new();
        let mut it = articles.into_iter().peekable();
        let mut n = 0;
        while let Some(mut a) = it.next() {
            a.date = NaiveDate::from_ymd_opt(2020, 1, 1);
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
        events
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
                article("a.md", "x", "one"),
                article("b.md", "y", "two"),
                article("c.md", "z", "one"),
            ]
        };
        let mut d1 = Vec::new();
        let computed = cache.group(input(), "opts", &mut d1, pair_up);
        let mut d2 = Vec::new();
        let replayed = cache.group(input(), "opts", &mut d2, |_, _| {
            panic!("the grouping must come from the cache")
        });
        assert_eq!(summary(&replayed), summary(&computed));
        assert_eq!(replayed[0].tags, vec!["t".to_string()]);
        assert_eq!(d1, d2);
        // other options or other articles: computed again
        let mut ran = false;
        cache.group(input(), "other opts", &mut Vec::new(), |a, d| {
            ran = true;
            pair_up(a, d)
        });
        assert!(ran);
    }
}
