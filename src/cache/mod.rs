//! The persistent cache: what loading and comparing a corpus computed last time, so the next
//! run re-reads only what changed (docs/cache.md).
//!
//! One folder per corpus under the cache root ([`default_root`]: `$FRAMEDIFF_CACHE_DIR`, else
//! the platform cache folder, e.g. `~/.cache/framediff/corpora/`), never inside the corpus.
//! It holds:
//!
//! - [`files`]: each file's parse result (articles and diagnostics), keyed by path, size,
//!   modification time and XXH3-128 content hash, in 64 shards so a changed file rewrites one;
//! - [`dedupe`]: which articles duplicate removal kept and marked, keyed by a digest of all
//!   parsed articles, updated for added and removed articles that take part in no duplicate;
//! - [`grouping`]: the events automatic grouping made, keyed by a digest of its input articles
//!   and options, updated incrementally for a few changed articles (docs/scaling.md "Cache");
//! - [`terms`]: corpus-wide term statistics for `compare`, keyed by a digest of every text;
//! - [`events`]: the event index, every event's fields and where its articles come from, keyed
//!   by the file list (paths, sizes, times), so one event is compared without reading the rest.
//!
//! Every file carries the format version and a fingerprint of the framediff build
//! ([`fingerprint`]); a file from another build, a truncated or corrupt one is rebuilt, never
//! trusted ([`mod@format`]), with a note in the debug log (`--log`). Nothing here changes output:
//! a load with the cache gives the same corpus as one without.

pub mod dedupe;
pub mod events;
pub mod files;
pub mod format;
pub mod grouping;
pub mod info;
pub mod packed;
pub mod replay;
pub mod terms;

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

/// Environment variable naming the cache root (overrides the platform cache folder).
pub const ENV_DIR: &str = "FRAMEDIFF_CACHE_DIR";

/// Name of the folder of per-corpus caches inside the cache root.
const CORPORA: &str = "corpora";
/// The file in each corpus cache folder that names the corpus (TOML: `path`, `opened_as`).
const MARKER: &str = "corpus.toml";

/// The cache root: `$FRAMEDIFF_CACHE_DIR` when set and not empty, else the platform cache
/// folder (`~/.cache/framediff` on Linux); `None` without a home folder.
pub fn default_root() -> Option<PathBuf> {
    match std::env::var_os(ENV_DIR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "framediff").map(|d| d.cache_dir().into()),
    }
}

static ENABLED: OnceLock<PathBuf> = OnceLock::new();

/// Turns the cache on for this process: [`crate::corpus::LoadOptions::default`] then uses
/// `root`. The binary calls it unless `--no-cache` is given; the library alone never writes a
/// cache unless asked (a test, a bench or an embedding program sets `LoadOptions::cache`).
pub fn enable(root: PathBuf) {
    let _ = ENABLED.set(root);
}

/// The root [`enable`] set, if any.
pub fn enabled_root() -> Option<PathBuf> {
    ENABLED.get().cloned()
}

/// When a file last changed, as the cache keys it: the later of its modification time and,
/// on Unix, its status-change time (ctime). An edit that restores the old modification time
/// (`touch -r`, `cp -p`, `rsync -t`, a scraper that sets it to the publication time) still
/// moves the ctime, which no user can set back, so the file is read and hashed again rather
/// than served from the cache (a new user's stale report, session 16). `None` where the file
/// system gives neither.
pub fn changed_at(meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    meta.modified().ok().max(status_changed(meta))
}

/// The status-change time (ctime) of a file on Unix; `None` elsewhere.
#[cfg(unix)]
fn status_changed(meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let secs = u64::try_from(meta.ctime()).ok()?;
    let nanos = u32::try_from(meta.ctime_nsec()).ok()?;
    Some(std::time::UNIX_EPOCH + std::time::Duration::new(secs, nanos))
}

/// The status-change time (ctime) of a file on Unix; `None` elsewhere.
#[cfg(not(unix))]
fn status_changed(_meta: &std::fs::Metadata) -> Option<std::time::SystemTime> {
    None
}

/// 16 bytes naming this build: the cache format version, the crate version, and the size and
/// modification time of the running executable, so a rebuilt or upgraded framediff (whose
/// parser or grouping may differ) never reads results of another. `None` when the executable
/// cannot be found: the cache is then not used at all.
pub fn fingerprint() -> Option<[u8; 16]> {
    static FP: OnceLock<Option<[u8; 16]>> = OnceLock::new();
    *FP.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata(exe).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let id = format!(
            "{} {} {} {}.{}",
            format::FORMAT,
            env!("CARGO_PKG_VERSION"),
            meta.len(),
            modified.as_secs(),
            modified.subsec_nanos()
        );
        Some(xxhash_rust::xxh3::xxh3_128(id.as_bytes()).to_le_bytes())
    })
}

/// The cache of one corpus: a folder under `<root>/corpora/`, and the build fingerprint its
/// files must carry.
#[derive(Debug, Clone)]
pub struct CorpusCache {
    dir: PathBuf,
    fingerprint: [u8; 16],
    /// The corpus-wide records kept in memory, written in the background
    /// ([`CorpusCache::keep_in_memory`]); `None`: read and written on the calling thread.
    kept: Option<Arc<Kept>>,
}

/// A job for the background writer of [`Kept`].
type WriteJob = Box<dyn FnOnce() + Send>;

/// The duplicate and grouping records of one corpus as last read or written by this process,
/// for a process that loads the same corpus again and again (the terminal UI applying changed
/// files: docs/scaling.md, "Incremental updates in the terminal UI"). Each record is also
/// written to its file, in order, by one background thread, once no job has come for
/// [`WRITE_QUIET`] (each record's last version only); dropping the last handle waits for the
/// writes queued.
struct Kept {
    /// Record by file name (`dedupe.fdc`, `grouping.fdc`), as the value stored.
    records: Mutex<HashMap<&'static str, Arc<dyn Any + Send + Sync>>>,
    jobs: Mutex<Option<Sender<Job>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Kept")
    }
}

/// How long the background writer waits, after a record is queued, for no other job to come
/// before it writes: an update of the terminal UI queues its records while it runs, and the
/// writes (packing and writing about 30 MB for a 40,000-article archive, about 0.25 s of CPU)
/// would otherwise share the cores with the update and the screen showing it. A later record
/// of the same file queued meanwhile replaces the earlier one (written once).
const WRITE_QUIET: std::time::Duration = std::time::Duration::from_millis(1500);

/// A job for the writer thread: a record to write (by file name), or one to run at once after
/// the jobs before it (a flush).
enum Job {
    Write(&'static str, WriteJob),
    Now(WriteJob),
}

impl Kept {
    fn new() -> Self {
        let (tx, rx) = channel::<Job>();
        let writer = std::thread::Builder::new()
            .name("cache-writer".into())
            .spawn(move || write_loop(&rx))
            .ok();
        Self {
            records: Mutex::new(HashMap::new()),
            // without a writer thread, writes happen on the caller's thread
            jobs: Mutex::new(writer.is_some().then_some(tx)),
            writer: Mutex::new(writer),
        }
    }

    /// Runs `job` on the writer thread after the jobs queued before it (here when there is
    /// no writer).
    fn queue(&self, job: Job) {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let job = match jobs.as_ref() {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                Err(e) => e.0,
            },
            None => job,
        };
        match job {
            Job::Write(_, f) | Job::Now(f) => f(),
        }
    }

    /// Waits until every write queued so far has landed.
    fn flush(&self) {
        let (tx, rx) = channel();
        self.queue(Job::Now(Box::new(move || {
            let _ = tx.send(());
        })));
        let _ = rx.recv();
    }
}

/// The writer thread: takes the jobs queued until none has come for [`WRITE_QUIET`] (or a
/// flush comes, or the queue closes), then runs them in order, each record's last write only.
fn write_loop(rx: &std::sync::mpsc::Receiver<Job>) {
    use std::sync::mpsc::RecvTimeoutError;
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while !matches!(batch.last(), Some(Job::Now(_))) {
            match rx.recv_timeout(WRITE_QUIET) {
                Ok(job) => batch.push(job),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        let last_of = |name: &str| {
            batch
                .iter()
                .rposition(|j| matches!(j, Job::Write(n, _) if *n == name))
        };
        let superseded: Vec<bool> = batch
            .iter()
            .enumerate()
            .map(|(i, j)| matches!(j, Job::Write(n, _) if last_of(n) != Some(i)))
            .collect();
        for (job, skip) in batch.into_iter().zip(superseded) {
            match job {
                Job::Write(_, f) | Job::Now(f) if !skip => f(),
                _ => {}
            }
        }
    }
}

impl Drop for Kept {
    fn drop(&mut self) {
        // the queued writes land before the process may end
        drop(self.jobs.get_mut().ok().and_then(Option::take));
        if let Some(h) = self.writer.get_mut().ok().and_then(Option::take) {
            let _ = h.join();
        }
    }
}

impl CorpusCache {
    /// The cache of the corpus opened as `corpus` (a folder or file), under `root`. The
    /// folder is keyed by the canonical path (absolute, symlinks resolved), so every spelling
    /// of the path (`corpus`, `/home/me/corpus`, a symlink) shares one folder and one saved
    /// session; records that hold article paths are keyed by those paths, so each spelling
    /// still gets its own paths back. Creates the folder and its marker when new, and then
    /// removes the caches of corpora that no longer exist.
    ///
    /// Returns `None` (no cache) when the build has no fingerprint or the folder cannot be
    /// created; the reason goes to the debug log.
    pub fn open(root: &Path, corpus: &Path) -> Option<Self> {
        let fingerprint = fingerprint()?;
        let canonical = std::fs::canonicalize(corpus).unwrap_or_else(|_| corpus.to_path_buf());
        let id = canonical.as_os_str().as_encoded_bytes();
        let dir = root
            .join(CORPORA)
            .join(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(id)));
        let marker = dir.join(MARKER);
        if !marker.is_file() {
            let text = toml::to_string(&info::Marker {
                path: canonical.to_string_lossy().into_owned(),
                opened_as: corpus.to_string_lossy().into_owned(),
            })
            .unwrap_or_default();
            let tmp = dir.join(format!(
                "{}{}-{MARKER}",
                format::TEMP_PREFIX,
                std::process::id()
            ));
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&tmp, text))
                .and_then(|()| std::fs::rename(&tmp, &marker));
            if let Err(e) = written {
                note(format_args!(
                    "cache folder {} cannot be created ({e}); running without cache",
                    dir.display()
                ));
                return None;
            }
            info::prune_missing(root);
        }
        Some(Self {
            dir,
            fingerprint,
            kept: None,
        })
    }

    /// Whether records are kept in memory ([`CorpusCache::keep_in_memory`]).
    pub fn keeps_in_memory(&self) -> bool {
        self.kept.is_some()
    }

    /// This cache with the duplicate and grouping records kept in memory once read or
    /// written, and written to disk by a background thread (in order, each atomically as
    /// always, once 1.5 s passed without a new record), so a load of the same corpus in
    /// this process neither reads nor waits for them. Clones share the records.
    /// [`CorpusCache::flush`] waits for the writes (and has them made at once).
    pub fn keep_in_memory(mut self) -> Self {
        self.kept = Some(Arc::new(Kept::new()));
        self
    }

    /// Waits until the records written so far are on disk (nothing to wait for unless
    /// [`CorpusCache::keep_in_memory`]).
    pub fn flush(&self) {
        if let Some(k) = &self.kept {
            k.flush();
        }
    }

    /// The folder of this corpus's cache files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The build fingerprint the files must carry.
    pub fn fingerprint(&self) -> &[u8; 16] {
        &self.fingerprint
    }

    /// Reads a cache file, turning a rejected one into a debug-log note (`None` either way).
    fn read<T: serde::de::DeserializeOwned>(&self, name: &str, kind: format::Kind) -> Option<T> {
        let path = self.dir.join(name);
        match format::read(&path, kind, &self.fingerprint) {
            Ok(v) => Some(v),
            Err(format::ReadError::Missing) => None,
            Err(format::ReadError::Invalid(why)) => {
                note(format_args!(
                    "cache file {} not used: {why}; rebuilding it",
                    path.display()
                ));
                None
            }
        }
    }

    /// Writes a cache file; a failure is a debug-log note (the cache is an optimisation).
    fn write<T: serde::Serialize>(&self, name: &str, kind: format::Kind, value: &T) {
        write_file(&self.dir.join(name), kind, &self.fingerprint, value);
    }

    /// [`CorpusCache::read`] of a record that [`CorpusCache::keep_in_memory`] keeps: from
    /// memory when this process read or wrote it before (shared, not copied), else from its
    /// file (and then kept). A caller that changes the record takes it with
    /// [`CorpusCache::take_kept`] instead.
    fn read_kept<T>(&self, name: &'static str, kind: format::Kind) -> Option<Arc<T>>
    where
        T: serde::de::DeserializeOwned + Send + Sync + 'static,
    {
        let Some(kept) = &self.kept else {
            return self.read(name, kind).map(Arc::new);
        };
        let mut records = kept.records.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = records
            .get(name)
            .and_then(|r| r.clone().downcast::<T>().ok())
        {
            return Some(r);
        }
        let value: Arc<T> = Arc::new(self.read(name, kind)?);
        records.insert(name, value.clone());
        Some(value)
    }

    /// The record `read` ([`CorpusCache::read_kept`]) as its own, to change in place: no
    /// longer kept in memory (the caller writes the changed record back with
    /// [`CorpusCache::write_kept`]), and copied only where the background writer still holds
    /// it (a write of it not yet landed).
    fn take_kept<T: Clone + 'static>(&self, name: &'static str, read: Arc<T>) -> T {
        if let Some(kept) = &self.kept {
            let mut records = kept.records.lock().unwrap_or_else(|e| e.into_inner());
            if records
                .get(name)
                .is_some_and(|r| std::ptr::addr_eq(Arc::as_ptr(r), Arc::as_ptr(&read)))
            {
                records.remove(name);
            }
        }
        Arc::try_unwrap(read).unwrap_or_else(|shared| {
            note(format_args!(
                "cache record {name} copied (still being written)"
            ));
            (*shared).clone()
        })
    }

    /// Keeps `value` in memory under `name` (never written: what a process derives from a
    /// record to update it faster, such as the grouping's postings index), when records are
    /// kept ([`CorpusCache::keep_in_memory`]); dropped otherwise.
    fn keep_derived<T: Send + Sync + 'static>(&self, name: &'static str, value: T) {
        if let Some(kept) = &self.kept {
            kept.records
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(name, Arc::new(value));
        }
    }

    /// The value [`CorpusCache::keep_derived`] kept under `name`, taken out of memory;
    /// `None` when there is none (or it is shared, which it never is but while being kept).
    fn take_derived<T: Send + Sync + 'static>(&self, name: &'static str) -> Option<T> {
        let kept = self.kept.as_ref()?;
        let value = kept
            .records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(name)?;
        Arc::try_unwrap(value.downcast::<T>().ok()?).ok()
    }

    /// [`CorpusCache::write`] of a record that [`CorpusCache::keep_in_memory`] keeps: kept,
    /// and written by the background writer.
    fn write_kept<T>(&self, name: &'static str, kind: format::Kind, value: T)
    where
        T: serde::Serialize + Send + Sync + 'static,
    {
        let Some(kept) = &self.kept else {
            return self.write(name, kind, &value);
        };
        let value = Arc::new(value);
        // the job holds the record weakly: an update that takes the record to change it
        // before the write runs ([`CorpusCache::take_kept`]) then moves it instead of copying
        // it, and this write is skipped (the update writes the changed record)
        let weak = Arc::downgrade(&value);
        kept.records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(name, value);
        let path = self.dir.join(name);
        let fingerprint = self.fingerprint;
        kept.queue(Job::Write(
            name,
            Box::new(move || match weak.upgrade() {
                Some(value) => write_file(&path, kind, &fingerprint, &*value),
                None => note(format_args!(
                    "cache record {name} changed again before it was written"
                )),
            }),
        ));
    }
}

/// Writes one cache file; a failure is a debug-log note (the cache is an optimisation).
fn write_file<T: serde::Serialize>(path: &Path, kind: format::Kind, fp: &[u8; 16], value: &T) {
    if let Err(e) = format::write(path, kind, fp, value) {
        note(format_args!(
            "cache file {} not written: {e}",
            path.display()
        ));
    }
}

/// A line in the debug log (`--log`); the cache never writes to the terminal.
fn note(args: std::fmt::Arguments<'_>) {
    crate::cli::log::debug(format_args!("cache: {args}"));
}

/// Digests of values the cache keys are built from.
pub(crate) struct Digest(xxhash_rust::xxh3::Xxh3);

impl Digest {
    pub(crate) fn new() -> Self {
        Self(xxhash_rust::xxh3::Xxh3::new())
    }

    /// Adds bytes with their length, so that ("ab", "c") and ("a", "bc") differ.
    pub(crate) fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub(crate) fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub(crate) fn opt(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.bytes(&[1]).str(s),
            None => self.bytes(&[0]),
        }
    }

    pub(crate) fn finish64(&self) -> u64 {
        self.0.digest()
    }

    pub(crate) fn finish128(&self) -> [u64; 2] {
        let h = self.0.digest128();
        [h as u64, (h >> 64) as u64]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_records_are_read_from_memory_and_written_in_the_background() {
        let root = tempfile::tempdir().expect("tempdir");
        let corpus = tempfile::tempdir().expect("tempdir");
        let kept = CorpusCache::open(root.path(), corpus.path())
            .expect("a cache")
            .keep_in_memory();
        let record = vec!["one".to_string(), "two".to_string()];
        kept.write_kept("dedupe.fdc", format::Kind::Duplicates, record.clone());
        kept.flush();
        let file = kept.dir().join("dedupe.fdc");
        assert!(file.is_file(), "written once flushed");
        let plain = CorpusCache::open(root.path(), corpus.path()).expect("a cache");
        let on_disk: Option<Vec<String>> = plain.read("dedupe.fdc", format::Kind::Duplicates);
        assert_eq!(on_disk.as_ref(), Some(&record), "the same record on disk");

        // from memory from now on: the file is not read again
        std::fs::remove_file(&file).unwrap();
        let again: Option<Arc<Vec<String>>> =
            kept.read_kept("dedupe.fdc", format::Kind::Duplicates);
        assert_eq!(again.as_deref(), Some(&record));
        let gone: Option<Arc<Vec<String>>> =
            plain.read_kept("dedupe.fdc", format::Kind::Duplicates);
        assert_eq!(gone, None, "a cache without memory reads the file");

        // taken to be changed: no longer in memory, and not copied when no write holds it
        let shared = again.expect("kept");
        let ptr = shared.as_ptr();
        let owned: Vec<String> = kept.take_kept("dedupe.fdc", shared);
        assert_eq!(owned.as_ptr(), ptr, "moved out, not copied");
        let after: Option<Arc<Vec<String>>> =
            kept.read_kept("dedupe.fdc", format::Kind::Duplicates);
        assert_eq!(
            after, None,
            "taken: neither in memory nor (removed) on disk"
        );

        // taken again before its write ran: moved, not copied, and only the changed record
        // is written
        kept.write_kept("dedupe.fdc", format::Kind::Duplicates, owned);
        let pending: Arc<Vec<String>> = kept
            .read_kept("dedupe.fdc", format::Kind::Duplicates)
            .expect("kept");
        let mut changed: Vec<String> = kept.take_kept("dedupe.fdc", pending);
        assert_eq!(changed.as_ptr(), ptr, "moved out while its write waited");
        changed.push("three".into());
        kept.write_kept("dedupe.fdc", format::Kind::Duplicates, changed.clone());
        kept.flush();
        let on_disk: Option<Vec<String>> = plain.read("dedupe.fdc", format::Kind::Duplicates);
        assert_eq!(on_disk, Some(changed), "the last record written");

        // dropping the last handle waits for the writes queued
        kept.write_kept("grouping.fdc", format::Kind::Grouping, vec![7u32; 1000]);
        drop(kept);
        assert!(plain.dir().join("grouping.fdc").is_file());
    }
}
