//! What the cache holds (`framediff cache info`) and removing it (`framediff cache clear`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::format::{self, Kind};
use super::{CORPORA, MARKER};

/// The content of a corpus cache folder's `corpus.toml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Marker {
    /// The corpus's canonical path.
    pub path: String,
    /// The path as it was given when the folder was created (other spellings share it).
    pub opened_as: String,
}

/// One corpus's cache, as `cache info` shows it.
#[derive(Debug, Clone)]
pub struct CorpusInfo {
    /// The cache folder.
    pub dir: PathBuf,
    pub marker: Marker,
    /// Bytes of all files in the folder.
    pub bytes: u64,
    /// Parsed files recorded for this build (entries of shards this build can read).
    pub files: usize,
    /// Shard files another build wrote, or damaged ones (rebuilt on the next load).
    pub stale_shards: usize,
    /// A duplicate-removal record readable by this build is there.
    pub duplicates: bool,
    /// A grouping record readable by this build is there.
    pub grouping: bool,
    /// A term-statistics record readable by this build is there.
    pub terms: bool,
    /// An event index readable by this build is there (current or not: that is known only
    /// by walking the corpus).
    pub events: bool,
}

/// The corpus cache folders under `root` with their markers (folders without one are not
/// framediff's and are left alone).
fn folders(root: &Path) -> Vec<(PathBuf, Marker)> {
    let Ok(entries) = std::fs::read_dir(root.join(CORPORA)) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Marker)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path().join(MARKER)).ok()?;
            Some((e.path(), toml::from_str(&text).ok()?))
        })
        .collect();
    out.sort_by(|a, b| a.1.path.cmp(&b.1.path).then(a.0.cmp(&b.0)));
    out
}

/// The caches under `root`; with `corpus`, only those of that corpus (any spelling of its
/// path).
pub fn list(root: &Path, corpus: Option<&Path>) -> Vec<CorpusInfo> {
    let wanted = corpus.map(canonical);
    let fp = super::fingerprint().unwrap_or_default();
    folders(root)
        .into_iter()
        .filter(|(_, m)| wanted.as_deref().is_none_or(|w| m.path == w))
        .map(|(dir, marker)| describe(dir, marker, &fp))
        .collect()
}

fn describe(dir: PathBuf, marker: Marker, fp: &[u8; 16]) -> CorpusInfo {
    let mut info = CorpusInfo {
        bytes: 0,
        files: 0,
        stale_shards: 0,
        duplicates: false,
        grouping: false,
        terms: false,
        events: false,
        marker,
        dir,
    };
    for e in std::fs::read_dir(&info.dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
    {
        info.bytes += e.metadata().map_or(0, |m| m.len());
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("files-") {
            match format::read::<Vec<serde::de::IgnoredAny>>(&e.path(), Kind::Files, fp) {
                Ok(v) => info.files += v.len(),
                Err(_) => info.stale_shards += 1,
            }
        } else if name == "dedupe.fdc" {
            info.duplicates =
                format::read::<serde::de::IgnoredAny>(&e.path(), Kind::Duplicates, fp).is_ok();
        } else if name == "grouping.fdc" {
            info.grouping =
                format::read::<serde::de::IgnoredAny>(&e.path(), Kind::Grouping, fp).is_ok();
        } else if name == "terms.fdc" {
            info.terms = format::read::<serde::de::IgnoredAny>(&e.path(), Kind::Terms, fp).is_ok();
        } else if name.starts_with(super::events::PREFIX) {
            info.events |=
                format::read::<serde::de::IgnoredAny>(&e.path(), Kind::Events, fp).is_ok();
        }
    }
    info
}

fn canonical(p: &Path) -> String {
    std::fs::canonicalize(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Removes the caches under `root`: of `corpus` only, or all of them. Returns the folders
/// removed and their bytes. Only folders with a framediff marker are touched.
///
/// # Errors
/// The first file-system error; folders removed before it stay removed.
pub fn clear(root: &Path, corpus: Option<&Path>) -> std::io::Result<(usize, u64)> {
    let mut removed = (0, 0);
    for info in list(root, corpus) {
        std::fs::remove_dir_all(&info.dir)?;
        removed.0 += 1;
        removed.1 += info.bytes;
    }
    Ok(removed)
}

/// Removes the caches of corpora whose folder or file no longer exists (a deleted corpus, a
/// test's temporary folder), and leftovers of interrupted writes in the others.
pub fn prune_missing(root: &Path) {
    for (dir, marker) in folders(root) {
        if !Path::new(&marker.path).exists() {
            let _ = std::fs::remove_dir_all(&dir);
            continue;
        }
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let stale = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600);
            if stale
                && e.file_name()
                    .to_string_lossy()
                    .starts_with(format::TEMP_PREFIX)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}
