//! Duplicate removal ([`crate::corpus::duplicates::dedupe`]), reused while every parsed
//! article is the same.
//!
//! It compares shingle sketches across the whole corpus, so it is a function of all articles
//! at once: the key is an XXH3-128 over a digest of every parsed article (the article's
//! [`super::grouping::article_digest`], its record's event id and the outlet name the file
//! gives). The record keeps what became of each input article (kept, skipped, or kept and
//! marked as a syndicated copy, then stored whole), the diagnostics it reported, and what an
//! update needs ([`duplicates::State`]: sketches, who took part in a duplicate), so added and
//! removed articles that take part in no duplicate are applied without a full run.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::format::Kind;
use super::grouping::article_digest;
use super::packed::{self, Packed};
use super::replay;
use super::{CorpusCache, Digest};
use crate::corpus::Diagnostic;
use crate::corpus::duplicates::{self, State};
use crate::corpus::text::Parsed;

const FILE: &str = "dedupe.fdc";

/// The articles duplicate removal keeps, with their [`article_digest`]s.
type Survivors = (Vec<Parsed>, Vec<u64>);

/// What became of one input article.
#[derive(Clone, Serialize, Deserialize)]
enum Status {
    /// Kept unchanged.
    Kept,
    /// Skipped as a duplicate.
    Dropped,
    /// Kept and changed (a syndicated copy's mark), as it came out.
    Changed(Box<Parsed>),
}

#[derive(Clone, Serialize, Deserialize)]
struct Record {
    key: [u64; 2],
    /// Each input article's digest, in input order.
    digests: Vec<u64>,
    /// Each input article's fate (same order).
    status: Vec<Status>,
    diagnostics: Vec<Diagnostic>,
    /// What an update needs (same order).
    state: StateField,
}

/// The [`State`] of a record: decoded in memory (a record kept in memory,
/// [`CorpusCache::keep_in_memory`], is updated in place, and packed only when the background
/// writer writes it), stored as [`StoredState`]; `None` when its sketches do not decode.
#[derive(Clone)]
struct StateField(Option<State>);

impl Serialize for StateField {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let empty = State {
            sketches: Vec::new(),
            related: Vec::new(),
            exact: Vec::new(),
            dropped: Vec::new(),
        };
        // (never written without a state; an empty one reads back as inconsistent)
        StoredState::pack(self.0.as_ref().unwrap_or(&empty)).serialize(s)
    }
}

impl<'de> Deserialize<'de> for StateField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(StateField(StoredState::deserialize(d)?.unpack()))
    }
}

/// [`State`] as stored: the sketches packed ([`super::packed`]).
#[derive(Clone, Serialize, Deserialize)]
struct StoredState {
    sketches: Packed,
    related: Vec<bool>,
    exact: Vec<bool>,
    dropped: Vec<bool>,
}

impl StoredState {
    fn pack(s: &State) -> Self {
        Self {
            sketches: packed::pack_u64_lists(&s.sketches),
            related: s.related.clone(),
            exact: s.exact.clone(),
            dropped: s.dropped.clone(),
        }
    }

    /// The state; `None` when the sketches do not decode.
    fn unpack(self) -> Option<State> {
        Some(State {
            sketches: packed::unpack_u64_lists(&self.sketches)?,
            related: self.related,
            exact: self.exact,
            dropped: self.dropped,
        })
    }
}

/// The digest of a parsed article whose article has digest `article` ([`article_digest`]).
fn parsed_digest(p: &Parsed, article: u64) -> u64 {
    let mut d = Digest::new();
    d.bytes(&article.to_le_bytes())
        .opt(p.event.as_deref())
        .opt(p.outlet_name.as_deref());
    d.finish64()
}

impl CorpusCache {
    /// What duplicate removal ([`duplicates::dedupe`]) makes of `parsed`: from the cache when
    /// the same articles were seen last time; updated when the articles added since take part
    /// in no duplicate and those removed took part in none ([`duplicates::unchanged_by`]: the
    /// result is then the one a full run gives); otherwise computed over all of them. The
    /// result is stored; its diagnostics are replayed into `diags` either way.
    ///
    /// `articles`: each article's [`article_digest`] (same order as `parsed`) when the caller
    /// has them, so no text is hashed again; computed here when `None` (or of another
    /// length). Returns the articles kept and their [`article_digest`]s.
    pub fn dedupe(
        &self,
        parsed: Vec<Parsed>,
        articles: Option<Vec<u64>>,
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<Parsed>, Vec<u64>) {
        let articles = articles
            .filter(|a| a.len() == parsed.len())
            .unwrap_or_else(|| parsed.iter().map(|p| article_digest(&p.article)).collect());
        let digests: Vec<u64> = parsed
            .iter()
            .zip(&articles)
            .map(|(p, &a)| parsed_digest(p, a))
            .collect();
        let key = replay::key("", &digests);
        let Some(rec) = self.read_kept::<Record>(FILE, Kind::Duplicates) else {
            return self.dedupe_full(parsed, key, digests, diags);
        };
        let same = rec.key == key;
        let outcome = if same {
            match consistent(&rec) {
                Ok(()) => {
                    diags.extend(rec.diagnostics.iter().cloned());
                    Ok(survivors(parsed, &articles, &rec.status))
                }
                Err(why) => Err((parsed, why)),
            }
        } else {
            apply(parsed, &digests, &articles, self.take_kept(FILE, rec)).map(|(kept, new)| {
                diags.extend(new.diagnostics.iter().cloned());
                self.write_kept(FILE, Kind::Duplicates, Record { key, ..new });
                kept
            })
        };
        match outcome {
            Ok(kept) => {
                let how = if same {
                    "from the cache"
                } else {
                    "updated and stored"
                };
                super::note(format_args!(
                    "duplicate removal over {} articles {how}",
                    digests.len()
                ));
                kept
            }
            Err((input, why)) => {
                super::note(format_args!("duplicates record not used: {why}"));
                self.dedupe_full(input, key, digests, diags)
            }
        }
    }

    /// Duplicate removal over every article, stored.
    fn dedupe_full(
        &self,
        parsed: Vec<Parsed>,
        key: [u64; 2],
        digests: Vec<u64>,
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<Parsed>, Vec<u64>) {
        let mut own = Vec::new();
        let (kept, state) = duplicates::dedupe_with_state(parsed, &mut own);
        let mut out = kept.iter();
        let mut kept_digests = Vec::with_capacity(kept.len());
        let status = digests
            .iter()
            .zip(&state.dropped)
            .map(|(&d, &dropped)| {
                let Some(p) = (!dropped).then(|| out.next()).flatten() else {
                    return Status::Dropped;
                };
                let a = article_digest(&p.article);
                kept_digests.push(a);
                if parsed_digest(p, a) == d {
                    Status::Kept
                } else {
                    Status::Changed(Box::new(p.clone()))
                }
            })
            .collect();
        self.write_kept(
            FILE,
            Kind::Duplicates,
            Record {
                key,
                digests,
                status,
                diagnostics: own.clone(),
                state: StateField(Some(state)),
            },
        );
        diags.extend(own);
        (kept, kept_digests)
    }
}

/// The reason a record is inconsistent (its lists of different lengths), if it is.
fn consistent(rec: &Record) -> Result<(), String> {
    let n_old = rec.digests.len();
    let lens_ok = rec.state.0.as_ref().is_none_or(|st| {
        [st.related.len(), st.exact.len(), st.dropped.len()]
            .iter()
            .all(|&l| l == n_old)
    });
    if rec.status.len() != n_old || !lens_ok {
        return Err("inconsistent record".into());
    }
    Ok(())
}

/// The articles of `parsed` (each article's digest in `articles`) that `status` keeps.
/// (Filtered in place: on the terminal UI's updates `parsed` is every article of the corpus,
/// and a second list of them cost a copy of each and fresh memory.)
fn survivors(mut parsed: Vec<Parsed>, articles: &[u64], status: &[Status]) -> Survivors {
    let mut digests = Vec::with_capacity(parsed.len());
    let mut at = 0;
    parsed.retain_mut(|p| {
        let (Some(s), Some(&a)) = (status.get(at), articles.get(at)) else {
            return false;
        };
        at += 1;
        match s {
            Status::Kept => digests.push(a),
            Status::Dropped => return false,
            Status::Changed(c) => {
                *p = (**c).clone();
                digests.push(article_digest(&c.article));
            }
        }
        true
    });
    (parsed, digests)
}

/// The articles kept from `parsed` (digests `digests`) by the record of the last run, and the
/// record re-indexed to `parsed`; the input back and the reason when the record does not
/// apply (inconsistent, or the change touches a duplicate).
fn apply(
    parsed: Vec<Parsed>,
    digests: &[u64],
    articles: &[u64],
    rec: Record,
) -> Result<(Survivors, Record), (Vec<Parsed>, String)> {
    if let Err(why) = consistent(&rec) {
        return Err((parsed, why));
    }
    let rec = match reindex(&parsed, digests, rec) {
        Ok(rec) => rec,
        Err(why) => return Err((parsed, why)),
    };
    let kept = survivors(parsed, articles, &rec.status);
    Ok((kept, rec))
}

/// The record's statuses and state for the input `parsed`, when the articles added and
/// removed since take part in no duplicate.
fn reindex(parsed: &[Parsed], digests: &[u64], rec: Record) -> Result<Record, String> {
    let n_old = rec.digests.len();
    let (new_of_old, added) = replay::change_set(&rec.digests, digests);
    if added.is_empty() && new_of_old.iter().enumerate().all(|(o, &i)| i == Some(o)) {
        return Ok(rec);
    }
    let Record {
        key,
        status,
        diagnostics,
        state: old,
        ..
    } = rec;
    let old = match old.0 {
        Some(old) if old.sketches.len() == n_old => old,
        _ => return Err("damaged sketches".into()),
    };
    let n = digests.len();
    let mut state = State {
        sketches: vec![Vec::new(); n],
        related: vec![false; n],
        exact: vec![false; n],
        dropped: vec![false; n],
    };
    let mut statuses: Vec<Option<Status>> = (0..n).map(|_| None).collect();
    let mut removed = Vec::new();
    for (o, (sketch, s)) in old.sketches.into_iter().zip(status).enumerate() {
        match new_of_old[o] {
            Some(i) => {
                state.sketches[i] = sketch;
                state.related[i] = old.related[o];
                state.exact[i] = old.exact[o];
                state.dropped[i] = old.dropped[o];
                statuses[i] = Some(s);
            }
            None if old.related[o] => {
                return Err("a removed article was a duplicate or had one".into());
            }
            None => removed.push(sketch),
        }
    }
    duplicates::unchanged_by(parsed, &mut state, &added, &removed)?;
    Ok(Record {
        key,
        digests: digests.to_vec(),
        status: statuses
            .into_iter()
            .map(|s| s.unwrap_or(Status::Kept))
            .collect(),
        diagnostics,
        state: StateField(Some(state)),
    })
}
