//! The event index: what a whole load of a corpus made (every event's fields, the outlets,
//! the diagnostics) and, for each event, where each of its articles comes from, so that one
//! event can be compared without reading the rest of the corpus (`framediff compare EVENT`).
//!
//! The index is keyed by the load's file list: the path, size and modification time
//! (nanoseconds) of every file the walk found (articles, `event.toml`, `outlets.toml`), the
//! `outlets.toml` files above the corpus folder that loading reads, the walk's own
//! diagnostics, and the load options ([`key`]). Checking it costs one walk with `stat`, no
//! file read. A key is only made when every file has a modification time at least
//! [`super::files::RACY_SECONDS`] old (git's "racily clean" rule): a file written again within
//! the file system's time resolution could keep its size and time unseen, so a corpus with
//! such a file is loaded whole, and indexed on a later load.
//!
//! Each article of an indexed event is either the `at`-th article the parser makes of one of
//! the record's files (path, size, modification time, XXH3-128 of its bytes), with the
//! article's digest ([`super::grouping::article_digest`]), or, where loading changed the
//! article (a syndicated copy's mark, a date grouping filled in), the article whole. Filling
//! an event in re-reads only its files; a file whose bytes no longer hash to the recorded
//! value (the files of articles kept whole included), or an article whose digest differs, makes the index unusable for that event and
//! the caller loads the whole corpus ([`crate::corpus::indexed`]). A record whose file
//! indices are out of range is a miss.
//!
//! The record's name carries its key (`events-<32 hex digits>.fdc`), so a load that finds its
//! key's record there knows the index is current without decoding it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::files::{FileRef, RACY_SECONDS};
use super::format::Kind;
use super::replay::{Matcher, Member};
use super::{CorpusCache, Digest};
use crate::corpus::{Article, Corpus, Diagnostic, Event, OutletInfo};

/// Prefix of event index file names.
pub const PREFIX: &str = "events-";

/// Where one article of an indexed event comes from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Source {
    /// Article `at` of those the parser makes of file `file` (an index into
    /// [`EventIndex::files`]); `digest` is its [`super::grouping::article_digest`].
    File { file: u32, at: u32, digest: u64 },
    /// The article as loading left it, where it differs from every parsed one.
    Whole(Box<Article>),
}

/// A file articles of indexed events come from, as it was when the index was written.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedFile {
    /// The path as the walk gave it (UTF-8).
    pub path: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the Unix epoch.
    pub mtime: (u64, u32),
    /// XXH3-128 of the bytes the loader read ([`super::files::content_hash`]).
    pub hash: [u64; 2],
}

/// One event: its fields and where its articles come from, in order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedEvent {
    /// The event's fields, with no articles.
    pub event: Event,
    pub articles: Vec<Source>,
    /// Every file the articles come from, kept whole ones included (indices into
    /// [`EventIndex::files`]): each must still hash to its recorded value.
    pub files: Vec<u32>,
}

/// The record: everything of a loaded [`Corpus`] but the articles, which are sources.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventIndex {
    key: [u64; 2],
    /// The key of the corpus's term statistics ([`super::terms::key`]) when it was loaded.
    pub terms_key: [u64; 2],
    pub outlets: BTreeMap<String, OutletInfo>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<IndexedFile>,
    pub events: Vec<IndexedEvent>,
}

impl EventIndex {
    /// The corpus opened as `root` with every event's fields, the outlets and diagnostics, and
    /// no articles: enough to name an event, not to compare one.
    pub fn skeleton(&self, root: &Path) -> Corpus {
        Corpus {
            root: root.to_path_buf(),
            events: self.events.iter().map(|e| e.event.clone()).collect(),
            outlets: self.outlets.clone(),
            diagnostics: self.diagnostics.clone(),
            incremental: Vec::new(),
        }
    }

    /// Every file index in range; the reason when not.
    fn check(&self) -> Result<(), String> {
        let n = self.files.len();
        for e in &self.events {
            let sources = e.articles.iter().filter_map(|s| match s {
                Source::File { file, .. } => Some(file),
                Source::Whole(_) => None,
            });
            for file in sources.chain(&e.files) {
                if *file as usize >= n {
                    return Err(format!("file index {file} out of range ({n} files)"));
                }
            }
        }
        Ok(())
    }
}

/// Seconds and nanoseconds since the epoch, when `t` is at least [`RACY_SECONDS`] before
/// `now`; `None` for a missing or too recent time.
fn settled(t: Option<SystemTime>, now: SystemTime) -> Option<(u64, u32)> {
    let t = t?;
    let age = now.duration_since(t).ok()?;
    if age.as_secs() < RACY_SECONDS {
        return None;
    }
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

/// The key of the event index of a load of the corpus opened as `root`: XXH3-128 over
/// `options` (the load options that change what is loaded), `root`, every file the walk found
/// (path, size, modification time), the metadata files above the corpus that loading reads
/// (`above`: present or not, size, time) and the walk's diagnostics. `None` when a file or a
/// metadata file has no modification time, one less than [`RACY_SECONDS`] old, or a path that
/// is not UTF-8: such a load is not indexed.
pub fn key(
    options: &str,
    root: &Path,
    files: &[FileRef<'_>],
    above: &[&Path],
    walk_notes: &[Diagnostic],
) -> Option<[u64; 2]> {
    let now = SystemTime::now();
    let mut d = Digest::new();
    d.str(options).str(root.to_str()?);
    d.bytes(&(files.len() as u64).to_le_bytes());
    for f in files {
        let (s, ns) = settled(f.modified, now)?;
        d.str(f.path.to_str()?)
            .bytes(&f.size.to_le_bytes())
            .bytes(&s.to_le_bytes())
            .bytes(&ns.to_le_bytes());
    }
    for p in above {
        match std::fs::metadata(p) {
            Ok(m) => {
                let (s, ns) = settled(m.modified().ok(), now)?;
                d.str(p.to_str()?)
                    .bytes(&m.len().to_le_bytes())
                    .bytes(&s.to_le_bytes())
                    .bytes(&ns.to_le_bytes());
            }
            Err(_) => {
                d.str(p.to_str()?).bytes(&[0]);
            }
        }
    }
    for n in walk_notes {
        d.str(&format!("{n:?}"));
    }
    Some(d.finish128())
}

/// What loading read, for writing the index: each article file in the load's order with the
/// hash of its bytes (`None`: not read), and for each parsed article, before duplicate removal
/// and grouping, the file it came from, its position in that file's output and its digest.
pub struct Provenance<'a> {
    pub files: Vec<(FileRef<'a>, Option<[u64; 2]>)>,
    /// `(file, at)` per parsed article.
    pub origins: Vec<(u32, u32)>,
    /// [`super::grouping::article_digest`] per parsed article.
    pub digests: Vec<u64>,
}

fn file_name(key: [u64; 2]) -> String {
    format!("{PREFIX}{:016x}{:016x}.fdc", key[0], key[1])
}

impl CorpusCache {
    /// Whether the event index of `key` is stored (not checked: see [`Self::event_index`]).
    pub fn has_event_index(&self, key: [u64; 2]) -> bool {
        self.dir.join(file_name(key)).is_file()
    }

    /// The event index of `key`, if stored, readable and consistent.
    pub fn event_index(&self, key: [u64; 2]) -> Option<EventIndex> {
        let Some(index) = self.read::<EventIndex>(&file_name(key), Kind::Events) else {
            if self.has_event_index(key) {
                // a damaged record goes, so that the next whole load writes it again
                self.drop_event_index();
            }
            return None;
        };
        if index.key != key {
            super::note(format_args!("event index not used: its key differs"));
            self.drop_event_index();
            return None;
        }
        if let Err(why) = index.check() {
            super::note(format_args!("event index not used: {why}"));
            self.drop_event_index();
            return None;
        }
        Some(index)
    }

    /// Removes the stored event index (found damaged or untrue): the next whole load writes
    /// it again.
    pub fn drop_event_index(&self) {
        self.remove_event_indexes();
    }

    /// Stores the event index of `corpus` under `key`, replacing older ones. Nothing is stored
    /// when an article's file has no hash or mtime, or a path is not UTF-8.
    pub fn write_event_index(&self, key: [u64; 2], prov: &Provenance<'_>, corpus: &Corpus) {
        let Some(index) = build(key, prov, corpus) else {
            super::note(format_args!(
                "event index not written: a file cannot be keyed"
            ));
            return;
        };
        self.remove_event_indexes();
        self.write(&file_name(key), Kind::Events, &index);
        super::note(format_args!(
            "event index of {} events written",
            index.events.len()
        ));
    }

    /// Removes every stored event index (a load that changed the corpus).
    fn remove_event_indexes(&self) {
        for e in std::fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with(PREFIX) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The index of `corpus`: each article matched by digest to the parsed article it is.
fn build(key: [u64; 2], prov: &Provenance<'_>, corpus: &Corpus) -> Option<EventIndex> {
    let mut matcher = Matcher::new(&prov.digests);
    let by_path: HashMap<&Path, usize> = prov
        .files
        .iter()
        .enumerate()
        .map(|(i, (r, _))| (r.path, i))
        .collect();
    let mut files = Files {
        prov,
        list: Vec::new(),
        slot: vec![None; prov.files.len()],
        now: SystemTime::now(),
    };
    let mut events = Vec::with_capacity(corpus.events.len());
    for e in &corpus.events {
        let mut event = indexed_fields(e);
        for a in &e.articles {
            let digest = super::grouping::article_digest(a);
            let source = match matcher.member(&**a, digest) {
                Member::Input(i) => {
                    let (f, at) = *prov.origins.get(i as usize)?;
                    Source::File {
                        file: files.slot(f as usize)?,
                        at,
                        digest,
                    }
                }
                Member::Changed(a) => {
                    // the file it was read from, to check it is unchanged
                    if let Some(&f) = by_path.get(a.path.as_path()) {
                        event.files.push(files.slot(f)?);
                    }
                    Source::Whole(a)
                }
            };
            if let Source::File { file, .. } = source {
                event.files.push(file);
            }
            event.articles.push(source);
        }
        event.files.sort_unstable();
        event.files.dedup();
        events.push(event);
    }
    Some(EventIndex {
        key,
        terms_key: super::terms::key(corpus),
        outlets: corpus.outlets.clone(),
        diagnostics: corpus.diagnostics.clone(),
        files: files.list,
        events,
    })
}

/// The files of the index being built, each recorded once.
struct Files<'a, 'b> {
    prov: &'a Provenance<'b>,
    list: Vec<IndexedFile>,
    slot: Vec<Option<u32>>,
    now: SystemTime,
}

impl Files<'_, '_> {
    /// The index of load file `f` in the record, adding it; `None` when it cannot be
    /// recorded (no hash, no settled time, a path that is not UTF-8).
    fn slot(&mut self, f: usize) -> Option<u32> {
        if let Some(s) = *self.slot.get(f)? {
            return Some(s);
        }
        let (r, hash) = self.prov.files.get(f)?;
        self.list.push(IndexedFile {
            path: r.path.to_str()?.to_string(),
            size: r.size,
            mtime: settled(r.modified, self.now)?,
            hash: (*hash)?,
        });
        let s = u32::try_from(self.list.len() - 1).ok()?;
        self.slot[f] = Some(s);
        Some(s)
    }
}

fn indexed_fields(e: &Event) -> IndexedEvent {
    let mut event = Event::of_articles(&e.id, &e.title, Vec::<Article>::new());
    event.date = e.date;
    event.summary.clone_from(&e.summary);
    event.tags.clone_from(&e.tags);
    event.origin = e.origin;
    IndexedEvent {
        event,
        articles: Vec::new(),
        files: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;
    use std::time::Duration;

    fn article(path: &str, body: &str) -> Article {
        crate::cache::grouping::tests::article(path, "x", body)
    }

    fn event(id: &str, articles: Vec<Article>) -> Event {
        Event::of_articles(id, id, articles)
    }

    #[test]
    fn a_recent_or_missing_time_makes_no_key_and_any_stat_change_another() {
        let old = SystemTime::now() - Duration::from_secs(3600);
        let p = PathBuf::from("a.md");
        let f = |size, modified| FileRef {
            path: &p,
            size,
            modified,
        };
        let k = key("o", Path::new("c"), &[f(10, Some(old))], &[], &[]).unwrap();
        assert!(
            key(
                "o",
                Path::new("c"),
                &[f(10, Some(SystemTime::now()))],
                &[],
                &[]
            )
            .is_none()
        );
        assert!(key("o", Path::new("c"), &[f(10, None)], &[], &[]).is_none());
        assert_ne!(
            key("o", Path::new("c"), &[f(11, Some(old))], &[], &[]),
            Some(k)
        );
        let later = old + Duration::from_nanos(1);
        assert_ne!(
            key("o", Path::new("c"), &[f(10, Some(later))], &[], &[]),
            Some(k)
        );
        assert_ne!(
            key("p", Path::new("c"), &[f(10, Some(old))], &[], &[]),
            Some(k)
        );
        let note = Diagnostic::warning(Path::new("x"), None, "n");
        assert_ne!(
            key("o", Path::new("c"), &[f(10, Some(old))], &[], &[note]),
            Some(k)
        );
    }

    #[test]
    fn the_index_points_at_parsed_articles_and_keeps_changed_ones_whole() {
        let root = tempfile::tempdir().unwrap();
        let corpus_dir = tempfile::tempdir().unwrap();
        let cache = CorpusCache::open(root.path(), corpus_dir.path()).unwrap();
        let old = SystemTime::now() - Duration::from_secs(3600);
        let (pa, pb) = (PathBuf::from("a.jsonl"), PathBuf::from("b.md"));
        let parsed = [
            article("a.jsonl", "one"),
            article("a.jsonl", "two"),
            article("b.md", "three"),
        ];
        let prov = Provenance {
            files: vec![
                (
                    FileRef {
                        path: &pa,
                        size: 1,
                        modified: Some(old),
                    },
                    Some([1, 1]),
                ),
                (
                    FileRef {
                        path: &pb,
                        size: 2,
                        modified: Some(old),
                    },
                    Some([2, 2]),
                ),
            ],
            origins: vec![(0, 0), (0, 1), (1, 0)],
            digests: parsed
                .iter()
                .map(super::super::grouping::article_digest)
                .collect(),
        };
        let mut changed = parsed[0].clone();
        changed.date = NaiveDate::from_ymd_opt(2020, 1, 1);
        let corpus = Corpus {
            root: "c".into(),
            events: vec![
                event("e1", vec![parsed[2].clone(), changed]),
                event("e2", vec![parsed[1].clone()]),
            ],
            ..Corpus::default()
        };
        let key = [7, 9];
        assert!(!cache.has_event_index(key));
        cache.write_event_index(key, &prov, &corpus);
        assert!(cache.has_event_index(key));
        let index = cache.event_index(key).expect("stored");
        assert_eq!(index.files.len(), 2);
        assert_eq!(index.files[0].path, "b.md");
        assert!(matches!(
            index.events[0].articles[0],
            Source::File { file: 0, at: 0, .. }
        ));
        assert!(matches!(&index.events[0].articles[1], Source::Whole(a) if a.date.is_some()));
        // the kept-whole article's file is checked too
        assert_eq!(index.events[0].files, vec![0, 1]);
        assert!(matches!(
            index.events[1].articles[0],
            Source::File { file: 1, at: 1, .. }
        ));
        let skeleton = index.skeleton(Path::new("c"));
        assert_eq!(skeleton.events.len(), 2);
        assert!(skeleton.events.iter().all(|e| e.articles.is_empty()));
        // another key replaces it; the old one is gone
        cache.write_event_index([1, 2], &prov, &corpus);
        assert!(!cache.has_event_index(key));
        assert!(cache.event_index(key).is_none());
        // a damaged record is not used
        let name = cache.dir().join(file_name([1, 2]));
        let mut bytes = std::fs::read(&name).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&name, bytes).unwrap();
        assert!(cache.event_index([1, 2]).is_none());
    }
}
