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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

    fn position(&self, cmp: &Comparison, cluster: &Cluster) -> Option<usize> {
        // Called for every claim on every frame: no allocation, event checked first.
        self.annotations.iter().position(|a| {
            a.event == cmp.event_id
                && a.claims.first().is_some_and(|anchor| {
                    cluster.own_members().any(|m| {
                        cmp.claims.get(m).is_some_and(|c| {
                            c.start == anchor.start
                                && c.end == anchor.end
                                && c.outlet == anchor.outlet
                        })
                    })
                })
        })
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
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let tmp = dir.join(format!(
            ".{}.tmp-{}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "annotations.json".into()),
            std::process::id()
        ));
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
}
