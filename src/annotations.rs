//! The user's coding of claim clusters: agree with a verdict, change it, add a note.
//!
//! Stored in `<corpus>/.framediff/annotations.json`. What a user wrote is never lost: writes go
//! to a temporary file in the same directory, are fsynced and renamed over the old file, so a
//! kill at any moment leaves either the old or the new file. A file that cannot be read is
//! reported and copied aside before anything else is written.
//!
//! Annotations refer to claims by outlet and byte offsets in the source file rather than by
//! cluster index, so they survive re-analysis.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::analysis::{Cluster, ClusterKind, Comparison};

/// A claim verdict a user can choose; mirrors [`ClusterKind`] with serde both ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Shared,
    Contrasting,
    Unique,
}

impl From<ClusterKind> for Verdict {
    fn from(k: ClusterKind) -> Self {
        match k {
            ClusterKind::Shared => Verdict::Shared,
            ClusterKind::Contrasting => Verdict::Contrasting,
            ClusterKind::Unique => Verdict::Unique,
        }
    }
}

impl From<Verdict> for ClusterKind {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Shared => ClusterKind::Shared,
            Verdict::Contrasting => ClusterKind::Contrasting,
            Verdict::Unique => ClusterKind::Unique,
        }
    }
}

/// A claim as stored in an annotation: which outlet, where in its source file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClaimRef {
    pub outlet: String,
    pub start: usize,
    pub end: usize,
}

/// One annotated cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterAnnotation {
    pub event: String,
    /// The cluster's member claims when it was annotated; the first one anchors the annotation.
    pub claims: Vec<ClaimRef>,
    /// The anchor claim's text, so the file reads on its own.
    pub text: String,
    /// The verdict the analysis gave.
    pub analysis_verdict: Verdict,
    /// The user's verdict: equal to `analysis_verdict` when they agreed.
    pub verdict: Verdict,
    /// True when the user explicitly agreed with the analysis.
    #[serde(default)]
    pub agreed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Every annotation of a corpus. `pub` with serde so exports can include it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub annotations: Vec<ClusterAnnotation>,
}

fn one() -> u32 {
    1
}

impl Default for Annotations {
    /// An empty set in the current file format (version 1).
    fn default() -> Self {
        Annotations {
            version: one(),
            annotations: Vec::new(),
        }
    }
}

/// What happened when reading the annotations file.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadOutcome {
    /// No file yet.
    Missing,
    Loaded(Annotations),
    /// The file could not be read or parsed; it was copied to `backup`.
    Corrupt {
        error: String,
        backup: Option<PathBuf>,
    },
}

/// `annotations.json.bak` beside `path`: the file as it was before the last save.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// `<corpus>/.framediff/annotations.json` (the corpus folder, or the folder of a corpus file).
pub fn path_for(corpus: &Path) -> PathBuf {
    let dir = if corpus.is_file() {
        corpus.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        corpus.to_path_buf()
    };
    dir.join(".framediff").join("annotations.json")
}

impl Annotations {
    /// The claims of a cluster as references: its own claims first (the first is the anchor),
    /// then its counterparts, which belong to other clusters.
    pub fn refs(cmp: &Comparison, cluster: &Cluster) -> Vec<ClaimRef> {
        cluster
            .own_members()
            .chain(cluster.counterparts.iter().copied())
            .filter_map(|id| cmp.claims.get(id))
            .map(|c| ClaimRef {
                outlet: c.outlet.clone(),
                start: c.start,
                end: c.end,
            })
            .collect()
    }

    /// Finds the annotation of a cluster: the one whose anchor claim is one of its own claims
    /// (not a counterpart: that claim's own cluster has its own annotation).
    pub fn find(&self, cmp: &Comparison, cluster: &Cluster) -> Option<&ClusterAnnotation> {
        self.position(cmp, cluster).map(|i| &self.annotations[i])
    }

    /// The annotation anchored on one of `cluster`'s own claims: the claim at the anchor's
    /// offsets when its text is still the annotated text, else (the article edited above it)
    /// a claim of the same outlet with that text. An anchor whose text is gone matches nothing
    /// (see [`Annotations::orphans`]).
    fn position(&self, cmp: &Comparison, cluster: &Cluster) -> Option<usize> {
        // Called for every claim on every frame: no allocation, event checked first.
        let anchored = |exact: bool| {
            self.annotations.iter().position(|a| {
                a.event == cmp.event_id
                    && a.claims.first().is_some_and(|anchor| {
                        cluster.own_members().any(|m| {
                            cmp.claims.get(m).is_some_and(|c| {
                                c.outlet == anchor.outlet
                                    && c.text == a.text
                                    && (!exact || (c.start == anchor.start && c.end == anchor.end))
                            })
                        })
                    })
            })
        };
        anchored(true).or_else(|| anchored(false))
    }

    /// True when the anchor claim of `a` (an annotation of `cmp`'s event) is still among the
    /// claims of `cmp`: a claim of the anchor's outlet with the annotated text.
    pub fn is_current(cmp: &Comparison, a: &ClusterAnnotation) -> bool {
        a.claims.first().is_some_and(|anchor| {
            cmp.claims
                .iter()
                .any(|c| c.outlet == anchor.outlet && c.text == a.text)
        })
    }

    /// The annotations of `cmp`'s event whose claim text no longer exists (the article was
    /// edited since): kept in the file, shown as orphaned, never as if current.
    pub fn orphans<'a>(
        &'a self,
        cmp: &'a Comparison,
    ) -> impl Iterator<Item = &'a ClusterAnnotation> {
        self.for_event(&cmp.event_id)
            .filter(move |a| !Self::is_current(cmp, a))
    }

    /// Inserts or replaces the annotation of `cluster`, built by `edit` from the current one.
    pub fn upsert(
        &mut self,
        cmp: &Comparison,
        cluster: &Cluster,
        edit: impl FnOnce(&mut ClusterAnnotation),
    ) {
        let idx = match self.position(cmp, cluster) {
            Some(i) => i,
            None => {
                let text = cluster
                    .own_members()
                    .next()
                    .and_then(|id| cmp.claims.get(id))
                    .map(|c| c.text.clone())
                    .unwrap_or_default();
                self.annotations.push(ClusterAnnotation {
                    event: cmp.event_id.clone(),
                    claims: Self::refs(cmp, cluster),
                    text,
                    analysis_verdict: cluster.kind.into(),
                    verdict: cluster.kind.into(),
                    agreed: false,
                    note: String::new(),
                });
                self.annotations.len() - 1
            }
        };
        edit(&mut self.annotations[idx]);
    }

    /// Removes the annotation of `cluster`; true if there was one.
    pub fn remove(&mut self, cmp: &Comparison, cluster: &Cluster) -> bool {
        match self.position(cmp, cluster) {
            Some(i) => {
                self.annotations.remove(i);
                true
            }
            None => false,
        }
    }

    /// Annotations of one event.
    pub fn for_event<'a>(&'a self, event: &'a str) -> impl Iterator<Item = &'a ClusterAnnotation> {
        self.annotations.iter().filter(move |a| a.event == event)
    }

    /// Reads the file; a corrupt file is copied to `annotations.json.corrupt-<unix time>`.
    pub fn load(path: &Path) -> LoadOutcome {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return LoadOutcome::Missing,
            Err(e) => {
                return LoadOutcome::Corrupt {
                    error: format!("{}: {e}", path.display()),
                    backup: None,
                };
            }
        };
        match serde_json::from_slice::<Annotations>(&bytes) {
            Ok(a) => LoadOutcome::Loaded(a),
            Err(e) => {
                let stamp = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs())
                    .unwrap_or(0);
                let backup = path.with_file_name(format!(
                    "{}.corrupt-{stamp}",
                    path.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "annotations.json".into())
                ));
                let backup = fs::copy(path, &backup).ok().map(|_| backup);
                LoadOutcome::Corrupt {
                    error: format!("{}: {e}", path.display()),
                    backup,
                }
            }
        }
    }

    /// Writes atomically: temp file in the same directory, fsync, rename, fsync the directory.
    /// Temporary files left by killed framediff processes are removed first
    /// ([`clean_stale_temps`]).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        clean_stale_temps(path);
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let tmp = temp_path(path, std::process::id());
        let result = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            drop(f);
            // The file as it was before this save, so a removal or an edit can be undone.
            if path.exists() {
                let _ = fs::copy(path, backup_path(path));
            }
            fs::rename(&tmp, path)?;
            // Persist the rename itself; not every platform can open a directory.
            if let Ok(d) = fs::File::open(dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Saves without losing what another framediff wrote to the same file meanwhile.
    ///
    /// `base` is the file's content as this process last knew it (loaded or written). Under an
    /// exclusive advisory lock on `.annotations.json.lock` the file is read again: if it still
    /// equals `base`, `self` is written; otherwise the three versions are merged with
    /// [`merge3`] (the other writer's changes kept, ours on top) and the merge is written.
    /// A file that cannot be parsed is copied aside (as [`Annotations::load`] does) and
    /// replaced by `self`.
    ///
    /// Errors: the lock file, the temporary file or the rename cannot be written (a read-only
    /// corpus); the file is then unchanged.
    pub fn save_merging(&self, path: &Path, base: &Annotations) -> std::io::Result<Saved> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path(path))?;
        lock.lock()?;
        let theirs = match Annotations::load(path) {
            LoadOutcome::Loaded(a) => a,
            LoadOutcome::Missing | LoadOutcome::Corrupt { .. } => Annotations::default(),
        };
        let saved = if &theirs == base {
            Saved {
                sent: self.clone(),
                written: self.clone(),
                from_other: 0,
                conflicts: 0,
            }
        } else {
            let m = merge3(base, self, &theirs);
            Saved {
                sent: self.clone(),
                written: m.merged,
                from_other: m.from_theirs,
                conflicts: m.conflicts,
            }
        };
        saved.written.save(path)?;
        // Unlocked when `lock` is closed.
        drop(lock);
        Ok(saved)
    }
}

/// What [`Annotations::save_merging`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The annotations this process asked to save.
    pub sent: Annotations,
    /// What is in the file now: `sent`, or `sent` merged with another writer's changes.
    pub written: Annotations,
    /// Annotations added, changed or removed by another writer since this process last read
    /// or wrote the file, and kept.
    pub from_other: usize,
    /// Annotations both changed differently: ours were written, theirs are in
    /// `annotations.json.bak`.
    pub conflicts: usize,
}

/// The result of [`merge3`].
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub merged: Annotations,
    /// Clusters whose annotation `theirs` changed relative to `base` (kept unless a conflict).
    pub from_theirs: usize,
    /// Clusters both sides changed differently (ours kept).
    pub conflicts: usize,
}

/// An annotation's identity: its event and anchor claim (see [`Annotations::find`]).
type Key<'a> = (&'a str, Option<&'a ClaimRef>);

fn key(a: &ClusterAnnotation) -> Key<'_> {
    (a.event.as_str(), a.claims.first())
}

/// Three-way merge of annotation sets, cluster by cluster (the usual rule of version control,
/// applied to records keyed by event and anchor claim): a cluster only one side changed since
/// `base` takes that side's version (a removal included); one both changed the same way takes
/// it; one both changed differently takes `ours` and counts as a conflict. Order: `theirs`'
/// order, then clusters only `ours` has, in `ours`' order, so the result is a function of
/// the three inputs alone.
pub fn merge3(base: &Annotations, ours: &Annotations, theirs: &Annotations) -> Merge {
    fn index(a: &Annotations) -> std::collections::BTreeMap<Key<'_>, &ClusterAnnotation> {
        let mut m = std::collections::BTreeMap::new();
        for x in &a.annotations {
            m.entry(key(x)).or_insert(x);
        }
        m
    }
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let mut from_theirs = 0;
    let mut conflicts = 0;
    let mut pick = |k: &Key| -> Option<&ClusterAnnotation> {
        let (bv, ov, tv) = (b.get(k).copied(), o.get(k).copied(), t.get(k).copied());
        if tv != bv {
            from_theirs += 1;
        }
        if ov == bv {
            tv
        } else if tv == bv || ov == tv {
            ov
        } else {
            conflicts += 1;
            from_theirs -= 1;
            ov
        }
    };
    // A cluster only `base` has was removed by one side and kept unchanged by the other:
    // it resolves to nothing, so only the keys of `theirs` and `ours` are visited.
    let mut merged = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let keys = theirs.annotations.iter().chain(&ours.annotations).map(key);
    for k in keys {
        if seen.insert(k)
            && let Some(a) = pick(&k)
        {
            merged.push(a.clone());
        }
    }
    Merge {
        merged: Annotations {
            version: ours.version.max(theirs.version),
            annotations: merged,
        },
        from_theirs,
        conflicts,
    }
}

/// `.annotations.json.lock` beside `path`: held while a save reads and replaces the file.
pub fn lock_path(path: &Path) -> PathBuf {
    path.with_file_name(format!(".{}.lock", file_name(path)))
}

/// `.annotations.json.tmp-<pid>` beside `path`: where process `pid` writes before renaming.
pub fn temp_path(path: &Path, pid: u32) -> PathBuf {
    path.with_file_name(format!(".{}.tmp-{pid}", file_name(path)))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "annotations.json".into())
}

/// A temporary file this old is left over whatever its process: a save takes milliseconds.
pub const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes `.<name>.tmp-<pid>` files beside `path` left by processes that were killed during a
/// save: those of this process (saves run one at a time, so any is left over), of a pid that
/// is not running (known where `/proc` is mounted), and any older than [`STALE_TEMP_AGE`].
/// A fresh file of a running process is kept: it may be a save in progress. Returns how many
/// were removed.
pub fn clean_stale_temps(path: &Path) -> usize {
    let Some(dir) = path.parent() else { return 0 };
    let prefix = format!(".{}.tmp-", file_name(path));
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let proc_known = Path::new("/proc/self").exists();
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        let dead = proc_known && !Path::new("/proc").join(pid.to_string()).exists();
        let is_file = e.file_type().is_ok_and(|t| t.is_file());
        if is_file
            && (pid == std::process::id() || dead || old)
            && fs::remove_file(e.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}
