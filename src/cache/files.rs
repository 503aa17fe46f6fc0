//! Parsed files: each article file's parse result, reused while the file is unchanged.
//!
//! A file is unchanged when its path, size and modification time (to the nanosecond) are the
//! ones recorded; otherwise it is read and its XXH3-128 content hash compared, so a file that
//! was only touched or copied back is not parsed again. A modification time within
//! [`RACY_SECONDS`] of the write is not recorded (the file could change again within the
//! file system's time resolution unseen): such a file is hashed next time, as git does for
//! "racily clean" entries. Entries live in [`SHARDS`] files by a hash of the path, so a
//! changed, added or removed file rewrites one shard; shards are read and written on the
//! load's worker threads.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::CorpusCache;
use super::format::Kind;
use crate::corpus::Diagnostic;
use crate::corpus::text::Parsed;

/// Number of shard files the entries are spread over.
pub const SHARDS: usize = 64;

/// Modification times this close (seconds) to the time of writing are not trusted.
pub const RACY_SECONDS: u64 = 2;

/// One file to load, as the corpus walk found it.
#[derive(Debug, Clone, Copy)]
pub struct FileRef<'a> {
    pub path: &'a Path,
    /// Size in bytes, from the walk.
    pub size: u64,
    /// When the file last changed, from the walk ([`super::changed_at`]: modification or,
    /// on Unix, status-change time; `None` where the file system has none).
    pub modified: Option<SystemTime>,
}

/// What one file gave: its articles and the problems found reading it.
pub type Output = (Vec<Parsed>, Vec<Diagnostic>);

/// An [`Output`] with the XXH3-128 of the bytes read (`None`: the file could not be read).
pub type Hashed = (Output, Option<[u64; 2]>);

/// Reads file `i` of the list: its bytes, or the diagnostics saying why it cannot be read.
pub type ReadFn<'a> = &'a (dyn Fn(usize) -> Result<Vec<u8>, Vec<Diagnostic>> + Sync);
/// Parses the bytes of file `i` (decoding included).
pub type ParseFn<'a> = &'a (dyn Fn(usize, Vec<u8>) -> Output + Sync);

#[derive(Serialize)]
struct EntryRef<'a> {
    path: &'a str,
    size: u64,
    mtime: Option<(u64, u32)>,
    hash: [u64; 2],
    parsed: &'a [Parsed],
    diagnostics: &'a [Diagnostic],
}

#[derive(Deserialize)]
struct Entry {
    path: String,
    size: u64,
    mtime: Option<(u64, u32)>,
    hash: [u64; 2],
    parsed: Vec<Parsed>,
    diagnostics: Vec<Diagnostic>,
}

/// What is known of a file after this load, for writing its entry.
struct Known {
    size: u64,
    mtime: Option<(u64, u32)>,
    hash: [u64; 2],
}

fn mtime(t: Option<SystemTime>) -> Option<(u64, u32)> {
    let d = t?.duration_since(UNIX_EPOCH).ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

/// The shard a path belongs to.
fn shard_of(path: &str) -> usize {
    (xxhash_rust::xxh3::xxh3_64(path.as_bytes()) % SHARDS as u64) as usize
}

/// The file name of shard `s`.
pub fn shard_name(s: usize) -> String {
    format!("files-{s:02}.fdc")
}

impl CorpusCache {
    /// The outputs of `files`, in their order, each with the XXH3-128 of the file's bytes
    /// (`None`: the file could not be read): from the cache where a file is unchanged, else
    /// through `read` and `parse`; the shards that changed are written back. `done` is called
    /// once per file (from worker threads). Files whose path is not UTF-8 are always read and
    /// parsed, and not cached.
    pub fn parse_files(
        &self,
        files: &[FileRef<'_>],
        threads: usize,
        read: ReadFn<'_>,
        parse: ParseFn<'_>,
        done: &(dyn Fn() + Sync),
    ) -> Vec<Hashed> {
        let mut by_shard: Vec<Vec<usize>> = vec![Vec::new(); SHARDS];
        let mut uncached = Vec::new();
        for (i, f) in files.iter().enumerate() {
            match f.path.to_str() {
                Some(p) => by_shard[shard_of(p)].push(i),
                None => uncached.push(i),
            }
        }
        let threads = threads.clamp(1, SHARDS);
        let parsed = AtomicUsize::new(uncached.len());
        let counted = |i: usize, bytes: Vec<u8>| {
            parsed.fetch_add(1, Ordering::Relaxed);
            parse(i, bytes)
        };
        let work = |t: usize| {
            let mut out = Vec::new();
            for (s, list) in by_shard.iter().enumerate().skip(t).step_by(threads) {
                out.extend(self.shard(s, list, files, read, &counted, done));
            }
            out
        };
        let mut results: Vec<Option<Hashed>> = (0..files.len()).map(|_| None).collect();
        let parts: Vec<Vec<(usize, Hashed)>> = if threads == 1 {
            vec![work(0)]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads).map(|t| s.spawn(move || work(t))).collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_default())
                    .collect()
            })
        };
        for (i, o) in parts.into_iter().flatten() {
            results[i] = Some(o);
        }
        for i in uncached {
            results[i] = Some(read_and_parse(i, read, parse));
            done();
        }
        super::note(format_args!(
            "{} of {} files parsed, the others from the cache ({})",
            parsed.load(Ordering::Relaxed),
            files.len(),
            self.dir.display()
        ));
        results
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                o.unwrap_or_else(|| {
                    let crashed = Diagnostic::error(
                        files[i].path,
                        None,
                        "reading this file crashed the reader; skipped",
                    );
                    ((Vec::new(), vec![crashed]), None)
                })
            })
            .collect()
    }

    /// Loads the files `list` of shard `s`; writes the shard back when anything changed.
    fn shard(
        &self,
        s: usize,
        list: &[usize],
        files: &[FileRef<'_>],
        read: ReadFn<'_>,
        parse: ParseFn<'_>,
        done: &(dyn Fn() + Sync),
    ) -> Vec<(usize, Hashed)> {
        let name = shard_name(s);
        if list.is_empty() {
            // every file of this shard is gone
            let _ = std::fs::remove_file(self.dir.join(&name));
            return Vec::new();
        }
        let (mut old, mut dirty) = match self.read::<Vec<Entry>>(&name, Kind::Files) {
            Some(entries) => (
                entries
                    .into_iter()
                    .map(|e| (e.path.clone(), e))
                    .collect::<HashMap<String, Entry>>(),
                false,
            ),
            None => (HashMap::new(), true),
        };
        let now = SystemTime::now();
        let mut out: Vec<(usize, Output, Option<Known>)> = Vec::with_capacity(list.len());
        for &i in list {
            let f = &files[i];
            let key = f.path.to_str().unwrap_or_default();
            let walked = mtime(f.modified);
            let cached = old.remove(key);
            let entry = match cached {
                Some(e) if e.size == f.size && e.mtime.is_some() && e.mtime == walked => {
                    let known = Known {
                        size: e.size,
                        mtime: e.mtime,
                        hash: e.hash,
                    };
                    (i, (e.parsed, e.diagnostics), Some(known))
                }
                other => {
                    dirty = true;
                    let (output, hash) = match other {
                        Some(e) => reuse_if_same(i, e, read, parse),
                        None => read_and_parse(i, read, parse),
                    };
                    let racy = f.modified.is_none_or(|m| {
                        now.duration_since(m)
                            .map_or(true, |age| age.as_secs() < RACY_SECONDS)
                    });
                    let known = hash.map(|hash| Known {
                        size: f.size,
                        mtime: if racy { None } else { walked },
                        hash,
                    });
                    (i, output, known)
                }
            };
            out.push(entry);
            done();
        }
        if !old.is_empty() {
            dirty = true; // files removed since
        }
        if dirty {
            let entries: Vec<EntryRef<'_>> = out
                .iter()
                .filter_map(|(i, (parsed, diagnostics), known)| {
                    let k = known.as_ref()?;
                    Some(EntryRef {
                        path: files[*i].path.to_str()?,
                        size: k.size,
                        mtime: k.mtime,
                        hash: k.hash,
                        parsed,
                        diagnostics,
                    })
                })
                .collect();
            self.write(&name, Kind::Files, &entries);
        }
        out.into_iter()
            .map(|(i, o, k)| (i, (o, k.map(|k| k.hash))))
            .collect()
    }
}

impl CorpusCache {
    /// The articles recorded for `file` when its entry is for this path, size and
    /// modification time (recorded, so not "racily" recent) and content hash `hash`; `None`
    /// otherwise. Reads the file's shard and writes nothing: for a file too costly to parse
    /// again to pick one event's articles (a streamed JSON Lines dump; [`crate::corpus::indexed`]).
    pub fn cached_parse(&self, file: &FileRef<'_>, hash: [u64; 2]) -> Option<Vec<Parsed>> {
        let key = file.path.to_str()?;
        let entries = self.read::<Vec<Entry>>(&shard_name(shard_of(key)), Kind::Files)?;
        let e = entries.into_iter().find(|e| e.path == key)?;
        let same = e.size == file.size
            && e.mtime.is_some()
            && e.mtime == mtime(file.modified)
            && e.hash == hash;
        same.then_some(e.parsed)
    }
}

/// Reads and parses file `i`; the content hash is `None` when it could not be read.
fn read_and_parse(i: usize, read: ReadFn<'_>, parse: ParseFn<'_>) -> (Output, Option<[u64; 2]>) {
    match read(i) {
        Ok(bytes) => {
            let hash = content_hash(&bytes);
            (parse(i, bytes), Some(hash))
        }
        Err(diags) => ((Vec::new(), diags), None),
    }
}

/// Reads file `i`: the cached result when its content hash is the recorded one (a file only
/// touched), else a fresh parse.
fn reuse_if_same(
    i: usize,
    e: Entry,
    read: ReadFn<'_>,
    parse: ParseFn<'_>,
) -> (Output, Option<[u64; 2]>) {
    match read(i) {
        Ok(bytes) => {
            let hash = content_hash(&bytes);
            if hash == e.hash {
                ((e.parsed, e.diagnostics), Some(hash))
            } else {
                (parse(i, bytes), Some(hash))
            }
        }
        Err(diags) => ((Vec::new(), diags), None),
    }
}

/// XXH3-128 of a file's bytes, as two words.
pub fn content_hash(bytes: &[u8]) -> [u64; 2] {
    let h = xxhash_rust::xxh3::xxh3_128(bytes);
    [h as u64, (h >> 64) as u64]
}
