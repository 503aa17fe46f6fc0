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

mod moved;
pub use moved::{Reattached, file_for};

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

impl Verdict {
    /// How the report and the TUI state what the user decided about a cluster, given the
    /// verdict the analysis gives it `now`: "agrees with unique", "contrasting (analysis:
    /// shared)", or the analysis' verdict for a note alone. When the analysis changed since
    /// the annotation was made, that is said: "agreed with unique; the analysis now says
    /// shared".
    pub fn describe(
        user: Verdict,
        agreed: bool,
        then: Verdict,
        now: Option<ClusterKind>,
    ) -> String {
        let name = |v: Verdict| ClusterKind::from(v).as_str();
        let changed = now.filter(|&k| k != ClusterKind::from(then));
        match (agreed, user != then, changed) {
            (true, _, None) => format!("agrees with {}", name(then)),
            (true, _, Some(k)) => {
                format!(
                    "agreed with {}; the analysis now says {}",
                    name(then),
                    k.as_str()
                )
            }
            (false, true, None) => format!("{} (analysis: {})", name(user), name(then)),
            (false, true, Some(k)) => format!(
                "{} (analysis then: {}, now: {})",
                name(user),
                name(then),
                k.as_str()
            ),
            (false, false, now) => now.map_or(name(then), |k| k.as_str()).to_string(),
        }
    }
}

impl ClusterAnnotation {
    /// The mark the TUI and the reports put at the annotated cluster, given the verdict the
    /// analysis gives it `now`: "✎ you agreed", "✎ you: shared (analysis: contrasting)"
    /// ([`Verdict::describe`]), or "✎" for a note alone.
    pub fn mark(&self, now: ClusterKind) -> String {
        let then = ClusterKind::from(self.analysis_verdict);
        if self.agreed && now == then {
            "✎ you agreed".to_string()
        } else if self.agreed || self.verdict != self.analysis_verdict {
            let said =
                Verdict::describe(self.verdict, self.agreed, self.analysis_verdict, Some(now));
            format!("✎ you: {said}")
        } else {
            "✎".to_string()
        }
    }

    /// The verdict the reader gave: agreed (`a`) or set (`v`); `None` for a note alone, whose
    /// cluster shows the verdict the analysis gives it now wherever it is shown.
    pub fn user_verdict(&self) -> Option<Verdict> {
        (self.agreed || self.verdict != self.analysis_verdict).then_some(self.verdict)
    }

    /// True when the reader set a verdict other than the one the analysis gives now: the
    /// reports then mark the analysis' verdict as overruled.
    pub fn overrules(&self, now: ClusterKind) -> bool {
        !self.agreed
            && self.verdict != self.analysis_verdict
            && ClusterKind::from(self.verdict) != now
    }
}

impl ClusterAnnotation {
    /// The own members of `cluster` (this annotation's cluster in `cmp`) that the reader took
    /// out ([`ClusterAnnotation::excluded`], found as [`Annotations::current_excluded`] finds
    /// them), ascending claim ids. An excluded claim that is now in another cluster, or gone
    /// ([`Annotations::gone_exclusions`]), is not among them.
    pub fn excluded_in(&self, cmp: &Comparison, cluster: &Cluster) -> Vec<usize> {
        if self.excluded.is_empty() {
            return Vec::new();
        }
        let mut v: Vec<usize> = self
            .excluded
            .iter()
            .filter_map(|e| Annotations::current_excluded(cmp, e))
            .map(|c| c.id)
            .filter(|&id| cluster.own_members().any(|m| m == id))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// How many outlets the members of `cluster` (counterparts included) that the reader did
    /// not take out come from.
    pub fn outlets_left(&self, cmp: &Comparison, cluster: &Cluster) -> usize {
        let out = self.excluded_in(cmp, cluster);
        let mut outlets: Vec<&str> = cluster
            .members
            .iter()
            .filter(|m| !out.contains(m))
            .filter_map(|&m| cmp.claims.get(m))
            .map(|c| c.outlet.as_str())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len()
    }

    /// The verdict the reader's reading gives `cluster`: the one they gave
    /// ([`ClusterAnnotation::user_verdict`]), else `Unique` when they took members out and
    /// those left come from one outlet (a shared or contrasting cluster with nothing left to
    /// compare), else `None` (the analysis' verdict stands).
    pub fn reader_verdict(&self, cmp: &Comparison, cluster: &Cluster) -> Option<Verdict> {
        self.user_verdict().or_else(|| {
            (!self.excluded_in(cmp, cluster).is_empty() && self.outlets_left(cmp, cluster) <= 1)
                .then_some(Verdict::Unique)
        })
    }

    /// [`ClusterAnnotation::mark`] with the members the reader took out of `cluster`:
    /// "✎ you: 1 claim taken out", "✎ you: unique (analysis: shared) · 1 claim taken out"
    /// when those left come from one outlet, or the verdict's mark followed by
    /// " · 2 claims taken out".
    pub fn mark_in(&self, cmp: &Comparison, cluster: &Cluster) -> String {
        let n = self.excluded_in(cmp, cluster).len();
        if n == 0 {
            return self.mark(cluster.kind);
        }
        let taken = match n {
            1 => "1 claim taken out".to_string(),
            n => format!("{n} claims taken out"),
        };
        if self.user_verdict().is_some() {
            return format!("{} · {taken}", self.mark(cluster.kind));
        }
        match self.reader_verdict(cmp, cluster) {
            Some(v) if ClusterKind::from(v) != cluster.kind => format!(
                "✎ you: {} (analysis: {}) · {taken}",
                ClusterKind::from(v).as_str(),
                cluster.kind.as_str()
            ),
            _ => format!("✎ you: {taken}"),
        }
    }

    /// [`ClusterAnnotation::overrules`] with the members the reader took out: a cluster they
    /// left with one outlet overrules a shared or contrasting verdict (to unique).
    pub fn overrules_in(&self, cmp: &Comparison, cluster: &Cluster) -> bool {
        match self.user_verdict() {
            Some(_) => self.overrules(cluster.kind),
            None => self
                .reader_verdict(cmp, cluster)
                .is_some_and(|v| ClusterKind::from(v) != cluster.kind),
        }
    }

    /// True when the annotation says nothing: no verdict, no note, no member taken out (what
    /// is left when a reader puts back the one claim they took out of a cluster).
    pub fn is_empty(&self) -> bool {
        self.user_verdict().is_none() && self.note.trim().is_empty() && self.excluded.is_empty()
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
///
/// In the file a note alone (no `v`, no `a`) has no `verdict` member: the reader gave none,
/// and the cluster shows whatever the analysis says now. Read back, `verdict` is then
/// `analysis_verdict` (as files written before this rule store it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredAnnotation", into = "StoredAnnotation")]
pub struct ClusterAnnotation {
    pub event: String,
    /// The cluster's member claims when it was annotated; the first one anchors the annotation.
    pub claims: Vec<ClaimRef>,
    /// The anchor claim's text, so the file reads on its own.
    pub text: String,
    /// The verdict the analysis gave.
    pub analysis_verdict: Verdict,
    /// The user's verdict: equal to `analysis_verdict` when they agreed, and for a note alone
    /// ([`ClusterAnnotation::user_verdict`] tells the two apart).
    pub verdict: Verdict,
    /// True when the user explicitly agreed with the analysis.
    #[serde(default)]
    pub agreed: bool,
    pub note: String,
    /// Member claims the reader took out of the cluster ("not part of this cluster", `X`):
    /// each counts as a unique claim of its own, and the cluster keeps the others
    /// ([`ClusterAnnotation::reader_verdict`]). Empty in files written before this field.
    pub excluded: Vec<ExcludedClaim>,
}

/// A member claim the reader took out of an annotated cluster: keyed as the cluster's
/// `claims` are (outlet id, byte offsets in its source file when it was taken out), with its
/// text, so that it is found again after text is added above it
/// ([`Annotations::current_excluded`]) and the file reads on its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ExcludedClaim {
    pub outlet: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl ExcludedClaim {
    /// The reference of claim `c` as it is now.
    pub fn of(c: &crate::analysis::Claim) -> ExcludedClaim {
        ExcludedClaim {
            outlet: c.outlet.clone(),
            start: c.start,
            end: c.end,
            text: c.text.clone(),
        }
    }
}

/// [`ClusterAnnotation`] as the file stores it: `verdict` only when the reader gave one.
#[derive(Serialize, Deserialize)]
struct StoredAnnotation {
    event: String,
    claims: Vec<ClaimRef>,
    text: String,
    analysis_verdict: Verdict,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verdict: Option<Verdict>,
    #[serde(default)]
    agreed: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    excluded: Vec<ExcludedClaim>,
}

impl From<StoredAnnotation> for ClusterAnnotation {
    fn from(s: StoredAnnotation) -> Self {
        ClusterAnnotation {
            verdict: s.verdict.unwrap_or(s.analysis_verdict),
            event: s.event,
            claims: s.claims,
            text: s.text,
            analysis_verdict: s.analysis_verdict,
            agreed: s.agreed,
            note: s.note,
            excluded: s.excluded,
        }
    }
}

impl From<ClusterAnnotation> for StoredAnnotation {
    fn from(a: ClusterAnnotation) -> Self {
        StoredAnnotation {
            verdict: a.user_verdict(),
            event: a.event,
            claims: a.claims,
            text: a.text,
            analysis_verdict: a.analysis_verdict,
            agreed: a.agreed,
            note: a.note,
            excluded: a.excluded,
        }
    }
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

/// `annotations.json.corrupt-<hash>` beside `path`: where a file with content `bytes` that
/// cannot be parsed is copied before it is replaced. The name is the XXH3-64 hash of the
/// content (16 hex digits), so the same broken content always maps to one copy.
pub fn corrupt_copy_path(path: &Path, bytes: &[u8]) -> PathBuf {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    path.with_file_name(format!("{}.corrupt-{hash:016x}", file_name(path)))
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
                                Self::holds(cmp, c, &anchor.outlet, &a.text)
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
                .any(|c| Self::holds(cmp, c, &anchor.outlet, &a.text))
        })
    }

    /// Whether `outlet` (an annotation's anchor outlet id) is no column of `cmp`: renamed
    /// (its `outlet:` edited, so its id changed) or removed since the annotation was made.
    pub fn outlet_gone(cmp: &Comparison, outlet: &str) -> bool {
        !cmp.columns.iter().any(|c| c.outlet == outlet)
    }

    /// Whether claim `c` is the anchor (`outlet`, annotated `text`) of an annotation: the
    /// text under the anchor's outlet, or under any outlet of the event when the anchor's
    /// outlet id is gone ([`Annotations::outlet_gone`]: an outlet renamed in its front
    /// matter keeps its annotations).
    fn holds(cmp: &Comparison, c: &crate::analysis::Claim, outlet: &str, text: &str) -> bool {
        c.text == text && (c.outlet == outlet || Self::outlet_gone(cmp, outlet))
    }

    /// The verdict the analysis gives now to the cluster `a` (an annotation of `cmp`'s event)
    /// is anchored in: the cluster holding the anchor claim (at its offsets, else a claim of
    /// its outlet with its text); `None` for an orphan.
    pub fn current_kind(cmp: &Comparison, a: &ClusterAnnotation) -> Option<ClusterKind> {
        let claim = Self::current_anchor(cmp, a)?;
        cmp.clusters.get(claim.cluster).map(|c| c.kind)
    }

    /// The claim of `cmp` the anchor of `a` is now: the claim at the stored offsets when its
    /// text is still the annotated text, else a claim of the anchor's outlet with that text
    /// (the article edited above it: its offsets, and its cluster, are the current ones).
    /// `None` for an orphan.
    pub fn current_anchor<'a>(
        cmp: &'a Comparison,
        a: &ClusterAnnotation,
    ) -> Option<&'a crate::analysis::Claim> {
        let anchor = a.claims.first()?;
        Self::find_again(cmp, &anchor.outlet, &a.text, (anchor.start, anchor.end))
    }

    /// The claim of `cmp` that a stored claim (`outlet`, `text`, byte range `at`) is now: at
    /// its offsets with its text, else a claim of its outlet with its text (text added above
    /// it), else, when the outlet id is gone (renamed), a claim of any outlet with its text.
    fn find_again<'a>(
        cmp: &'a Comparison,
        outlet: &str,
        text: &str,
        at: (usize, usize),
    ) -> Option<&'a crate::analysis::Claim> {
        let same = |c: &crate::analysis::Claim| c.outlet == outlet && c.text == text;
        cmp.claims
            .iter()
            .find(|c| same(c) && (c.start, c.end) == at)
            .or_else(|| cmp.claims.iter().find(|c| same(c)))
            .or_else(|| {
                // the outlet renamed: its text under the outlet's new id
                let gone = Self::outlet_gone(cmp, outlet);
                cmp.claims.iter().find(|c| gone && c.text == text)
            })
    }

    /// The claim of `cmp` a member taken out ([`ExcludedClaim`]) is now: at its offsets with
    /// its text, else a claim of its outlet with its text (text added above it), else, when
    /// its outlet id is gone (renamed), a claim of any outlet with its text. `None`: its text
    /// is no longer in the articles ([`Annotations::gone_exclusions`]).
    pub fn current_excluded<'a>(
        cmp: &'a Comparison,
        e: &ExcludedClaim,
    ) -> Option<&'a crate::analysis::Claim> {
        Self::find_again(cmp, &e.outlet, &e.text, (e.start, e.end))
    }

    /// The members taken out of current annotations of `cmp`'s event whose text is no
    /// longer in its articles (edited since): they no longer apply and are listed on the
    /// Problems screen; kept in the file, as orphaned annotations are.
    pub fn gone_exclusions<'a>(
        &'a self,
        cmp: &'a Comparison,
    ) -> impl Iterator<Item = (&'a ClusterAnnotation, &'a ExcludedClaim)> {
        self.for_event(&cmp.event_id)
            .filter(move |a| Self::is_current(cmp, a))
            .flat_map(move |a| {
                a.excluded
                    .iter()
                    .filter(move |e| Self::current_excluded(cmp, e).is_none())
                    .map(move |e| (a, e))
            })
    }

    /// Takes claim `claim` out of its cluster in the reader's reading, or puts it back when
    /// it was taken out; the annotation of its cluster is made when there is none and removed
    /// when nothing is left in it ([`ClusterAnnotation::is_empty`]). Returns `Some(true)` when
    /// the claim is now out, `Some(false)` when it is back, `None` when there is no such
    /// claim or it is the last member left (nothing would be left of the cluster).
    pub fn toggle_excluded(&mut self, cmp: &Comparison, claim: usize) -> Option<bool> {
        let c = cmp.claims.get(claim)?;
        let cluster = cmp.clusters.get(c.cluster)?;
        let out = self
            .find(cmp, cluster)
            .map(|a| a.excluded_in(cmp, cluster))
            .unwrap_or_default();
        if out.contains(&claim) {
            self.upsert(cmp, cluster, |a| {
                a.excluded
                    .retain(|e| Self::current_excluded(cmp, e).is_none_or(|x| x.id != claim));
            });
            if self
                .find(cmp, cluster)
                .is_some_and(ClusterAnnotation::is_empty)
            {
                self.remove(cmp, cluster);
            }
            return Some(false);
        }
        let left = cluster.own_members().filter(|m| !out.contains(m)).count();
        if left <= 1 {
            return None;
        }
        self.upsert(cmp, cluster, |a| a.excluded.push(ExcludedClaim::of(c)));
        Some(true)
    }

    /// The annotations of `cmp`'s event whose claim text no longer exists (the article was
    /// edited since), or whose outlet id is gone and whose text no other outlet of the event
    /// has: kept in the file, shown as orphaned, never as if current. `cmp` compares every
    /// outlet of its event (the TUI, `compare` without `--outlets`).
    pub fn orphans<'a>(
        &'a self,
        cmp: &'a Comparison,
    ) -> impl Iterator<Item = &'a ClusterAnnotation> {
        self.for_event(&cmp.event_id)
            .filter(move |a| !Self::is_current(cmp, a))
    }

    /// The annotations of `cmp`'s event when `cmp` compares only some of its outlets
    /// (`compare --outlets`): those anchored on a claim of one of its columns. An annotation
    /// of an outlet left out is neither current nor orphaned here, and is not listed (nor
    /// re-attached to the same text under another outlet: the outlet is only left out).
    pub fn for_comparison<'a>(
        &'a self,
        cmp: &'a Comparison,
    ) -> impl Iterator<Item = &'a ClusterAnnotation> {
        self.for_event(&cmp.event_id).filter(move |a| {
            a.claims
                .first()
                .is_some_and(|anchor| !Self::outlet_gone(cmp, &anchor.outlet))
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
                    excluded: Vec::new(),
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

    /// Removes the orphaned annotation `k` of `cmp`'s event (counted as [`Self::orphans`]
    /// lists them) and returns it; `None` when there is no such orphan.
    pub fn remove_orphan(&mut self, cmp: &Comparison, k: usize) -> Option<ClusterAnnotation> {
        let target = self.orphans(cmp).nth(k)?.clone();
        let i = self.annotations.iter().position(|a| *a == target)?;
        Some(self.annotations.remove(i))
    }

    /// Annotations of one event.
    pub fn for_event<'a>(&'a self, event: &'a str) -> impl Iterator<Item = &'a ClusterAnnotation> {
        self.annotations.iter().filter(move |a| a.event == event)
    }

    /// Reads the file for an annotating session (the TUI); a corrupt file is copied aside to
    /// [`corrupt_copy_path`] first, once per content: opening the same broken file again
    /// makes no new copy.
    pub fn load(path: &Path) -> LoadOutcome {
        match Self::read(path) {
            LoadOutcome::Corrupt { error, .. } => {
                let backup = fs::read(path).ok().and_then(|bytes| {
                    let copy = corrupt_copy_path(path, &bytes);
                    let kept = copy.exists() || fs::write(&copy, &bytes).is_ok();
                    kept.then_some(copy)
                });
                LoadOutcome::Corrupt { error, backup }
            }
            other => other,
        }
    }

    /// Reads the file and writes nothing (reports, `compare`): a corrupt file is reported
    /// with `backup: None` and left as it is.
    pub fn read(path: &Path) -> LoadOutcome {
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
            Err(e) => LoadOutcome::Corrupt {
                error: format!("{}: {e}", path.display()),
                backup: None,
            },
        }
    }

    /// Writes atomically: temp file in the same directory, fsync, rename, fsync the directory.
    /// Temporary files left by killed framediff processes are removed first
    /// ([`clean_stale_temps`]).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        self.save_backing_up(path, Backup::CopyFile)
    }

    /// [`Annotations::save`], with `backup` saying what `annotations.json.bak` becomes.
    fn save_backing_up(&self, path: &Path, backup: Backup<'_>) -> std::io::Result<()> {
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
            match backup {
                Backup::CopyFile if path.exists() => {
                    let _ = fs::copy(path, backup_path(path));
                }
                Backup::CopyFile | Backup::Keep => {}
                Backup::Write(good) => {
                    if let Ok(mut json) = serde_json::to_vec_pretty(good) {
                        json.push(b'\n');
                        let _ = fs::write(backup_path(path), json);
                    }
                }
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
    /// A file that cannot be parsed (a hand edit with a syntax error) is copied aside (as
    /// [`Annotations::load`] does), taken as "no changes from others" (its content is
    /// `base` for the merge, so none of our annotations is dropped), replaced by `self`, and
    /// reported in [`Saved::unreadable`]. The `.bak` file then gets `base`, the last good
    /// content this process knew, rather than the garbage (left as it was when `base` is
    /// empty).
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
        let mut unreadable = None;
        let theirs = match Annotations::load(path) {
            LoadOutcome::Loaded(a) => a,
            LoadOutcome::Missing => Annotations::default(),
            LoadOutcome::Corrupt { error, backup } => {
                unreadable = Some(Unreadable {
                    error,
                    copy: backup,
                });
                base.clone()
            }
        };
        let saved = if &theirs == base {
            Saved {
                sent: self.clone(),
                written: self.clone(),
                from_other: 0,
                conflicts: Conflicts::default(),
                unreadable,
            }
        } else {
            let m = merge3(base, self, &theirs);
            Saved {
                sent: self.clone(),
                written: m.merged,
                from_other: m.from_theirs,
                conflicts: m.conflicts,
                unreadable,
            }
        };
        let backup = match &saved.unreadable {
            None => Backup::CopyFile,
            Some(_) if base.annotations.is_empty() => Backup::Keep,
            Some(_) => Backup::Write(base),
        };
        saved.written.save_backing_up(path, backup)?;
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
    /// or wrote the file, and kept (in whole or, for a cluster both changed, field by field).
    pub from_other: usize,
    /// Fields both writers changed differently, and how each was resolved.
    pub conflicts: Conflicts,
    /// `Some` when the file on disk could not be parsed: it was replaced by `written`
    /// (nothing of it merged) after being copied aside.
    pub unreadable: Option<Unreadable>,
}

/// An annotations file found unreadable by a save ([`Saved::unreadable`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The path and the parser's reason ("…/annotations.json: EOF while parsing … line 2").
    pub error: String,
    /// Where its content was copied ([`corrupt_copy_path`]); `None` if the copy failed.
    pub copy: Option<PathBuf>,
}

/// What a save puts in `annotations.json.bak`.
enum Backup<'a> {
    /// The file being replaced, as it is (when there is one).
    CopyFile,
    /// Leave `.bak` as it is.
    Keep,
    /// This content: the last good version, when the file being replaced is garbage.
    Write(&'a Annotations),
}

/// Clusters whose annotation both writers changed differently since their common base, by
/// how the merge resolved them. Nothing the other writer typed is dropped: notes are joined,
/// and an annotation one side removed while the other edited it is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conflicts {
    /// Notes both edited: the merged note holds ours, then [`NOTE_JOINER`], then theirs.
    pub notes_joined: usize,
    /// Verdicts both set differently: ours kept (the other writer's is in the `.bak` file).
    pub verdicts_ours: usize,
    /// Annotations ours removed and theirs edited: theirs kept (the removal is undone).
    pub removals_undone: usize,
    /// Annotations theirs removed and ours edited: ours kept.
    pub kept_over_removal: usize,
}

impl Conflicts {
    /// Every conflict, however resolved.
    pub fn total(&self) -> usize {
        self.notes_joined + self.verdicts_ours + self.removals_undone + self.kept_over_removal
    }
}

/// Put between two notes of one cluster written at the same time by two framediffs.
pub const NOTE_JOINER: &str = "\n--- (another framediff wrote at the same time:)\n";

/// The result of [`merge3`].
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub merged: Annotations,
    /// Clusters whose annotation `theirs` changed relative to `base` (kept, in whole or in
    /// part).
    pub from_theirs: usize,
    /// Clusters both sides changed differently.
    pub conflicts: Conflicts,
}

/// An annotation's identity: its event and anchor claim (see [`Annotations::find`]).
type Key<'a> = (&'a str, Option<&'a ClaimRef>);

fn key(a: &ClusterAnnotation) -> Key<'_> {
    (a.event.as_str(), a.claims.first())
}

/// Three-way merge of annotation sets, cluster by cluster and, where both sides changed one
/// cluster, field by field (the usual rule of version control, applied to records keyed by
/// event and anchor claim): a cluster only one side changed since `base` takes that side's
/// version (a removal included); one both changed the same way takes it; one both changed
/// differently is merged by [`merge_fields`] (one removed, the other edited: the edit is
/// kept). Order: `theirs`' order, then clusters only `ours` has, in `ours`' order, so the
/// result is a function of the three inputs alone.
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
    let mut conflicts = Conflicts::default();
    let mut pick = |k: &Key| -> Option<ClusterAnnotation> {
        let (bv, ov, tv) = (b.get(k).copied(), o.get(k).copied(), t.get(k).copied());
        if tv != bv {
            from_theirs += 1;
        }
        match (ov, tv) {
            _ if ov == bv || ov == tv => tv.cloned(),
            _ if tv == bv => ov.cloned(),
            (None, Some(t)) => {
                conflicts.removals_undone += 1;
                Some(t.clone())
            }
            (Some(o), None) => {
                conflicts.kept_over_removal += 1;
                Some(o.clone())
            }
            (Some(o), Some(t)) => Some(merge_fields(bv, o, t, &mut conflicts)),
            (None, None) => None,
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
            merged.push(a);
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

/// One cluster's annotation that both sides changed differently since `base` (`None`: both
/// created it). Each of the user's fields takes the side that changed it: the verdict (with
/// `agreed`, which depends on it) and the note; the members taken out are merged as sets
/// (both sides' additions kept, a member put back by one side is back); a verdict both changed keeps ours, a note
/// both changed keeps both texts (one that contains the other is kept alone, so merging
/// again adds nothing). The analysis' fields (claims, text, analysis verdict) are ours when
/// ours changed them, else theirs.
pub fn merge_fields(
    base: Option<&ClusterAnnotation>,
    ours: &ClusterAnnotation,
    theirs: &ClusterAnnotation,
    conflicts: &mut Conflicts,
) -> ClusterAnnotation {
    // A cluster both annotated anew starts from "not annotated": the analysis' verdict, no note.
    let (b_verdict, b_note) = match base {
        Some(b) => ((b.verdict, b.agreed), b.note.as_str()),
        None => ((ours.analysis_verdict, false), ""),
    };
    let analysis = |a: &ClusterAnnotation| (a.claims.clone(), a.text.clone(), a.analysis_verdict);
    let mut m = if base.is_some_and(|b| analysis(b) == analysis(ours)) {
        theirs.clone()
    } else {
        ours.clone()
    };
    let (o_verdict, t_verdict) = ((ours.verdict, ours.agreed), (theirs.verdict, theirs.agreed));
    (m.verdict, m.agreed) = if o_verdict == b_verdict {
        t_verdict
    } else {
        if t_verdict != b_verdict && t_verdict != o_verdict {
            conflicts.verdicts_ours += 1;
        }
        o_verdict
    };
    m.note = if ours.note == b_note {
        theirs.note.clone()
    } else if theirs.note == b_note || ours.note.contains(theirs.note.as_str()) {
        ours.note.clone()
    } else if theirs.note.contains(ours.note.as_str()) {
        theirs.note.clone()
    } else {
        conflicts.notes_joined += 1;
        format!("{}{NOTE_JOINER}{}", ours.note, theirs.note)
    };
    m.excluded = merge_excluded(
        base.map_or(&[][..], |b| &b.excluded[..]),
        &ours.excluded,
        &theirs.excluded,
    );
    m
}

/// The members taken out of one cluster, merged as sets: each side's additions since `base`
/// are kept (the union of what both took out), and a member one side put back is back unless
/// the other took it out anew. Order: ours, then those only theirs has.
fn merge_excluded(
    base: &[ExcludedClaim],
    ours: &[ExcludedClaim],
    theirs: &[ExcludedClaim],
) -> Vec<ExcludedClaim> {
    let keep = |e: &ExcludedClaim, other: &[ExcludedClaim]| other.contains(e) || !base.contains(e);
    let mut v: Vec<ExcludedClaim> = ours.iter().filter(|e| keep(e, theirs)).cloned().collect();
    for e in theirs {
        if !v.contains(e) && keep(e, ours) {
            v.push(e.clone());
        }
    }
    v
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_is_described_against_the_analysis_now() {
        use ClusterKind as K;
        use Verdict as V;
        let d = Verdict::describe;
        assert_eq!(
            d(V::Unique, true, V::Unique, Some(K::Unique)),
            "agrees with unique"
        );
        assert_eq!(
            d(V::Unique, true, V::Unique, Some(K::Shared)),
            "agreed with unique; the analysis now says shared"
        );
        assert_eq!(
            d(V::Contrasting, false, V::Shared, Some(K::Shared)),
            "contrasting (analysis: shared)"
        );
        assert_eq!(
            d(V::Contrasting, false, V::Shared, Some(K::Unique)),
            "contrasting (analysis then: shared, now: unique)"
        );
        assert_eq!(d(V::Unique, false, V::Unique, Some(K::Shared)), "shared");
        assert_eq!(d(V::Unique, false, V::Unique, None), "unique");
    }

    fn with(verdict: Verdict, agreed: bool) -> ClusterAnnotation {
        ClusterAnnotation {
            event: "e".into(),
            claims: vec![ClaimRef {
                outlet: "o".into(),
                start: 0,
                end: 5,
            }],
            text: "Text.".into(),
            analysis_verdict: Verdict::Shared,
            verdict,
            agreed,
            note: "n".into(),
            excluded: Vec::new(),
        }
    }

    /// Tester report 18, item 11: a note alone is stored without a verdict and read back as
    /// one; a verdict set or agreed with is stored and read back as it was.
    #[test]
    fn a_note_alone_stores_no_verdict_and_round_trips() {
        let note = with(Verdict::Shared, false);
        assert_eq!(note.user_verdict(), None);
        let json = serde_json::to_value(&note).expect("json");
        assert!(json.get("verdict").is_none(), "{json}");
        let back: ClusterAnnotation = serde_json::from_value(json).expect("read");
        assert_eq!(back, note);
        for (v, agreed) in [(Verdict::Unique, false), (Verdict::Shared, true)] {
            let a = with(v, agreed);
            assert_eq!(a.user_verdict(), Some(v));
            let json = serde_json::to_value(&a).expect("json");
            assert_eq!(json["verdict"], serde_json::json!(v), "{json}");
            let back: ClusterAnnotation = serde_json::from_value(json).expect("read");
            assert_eq!(back, a);
        }
        // a file of an earlier version stores the analysis' verdict with a note alone
        let old = serde_json::json!({"event": "e", "claims": [], "text": "T",
            "analysis_verdict": "shared", "verdict": "shared", "agreed": false});
        let read: ClusterAnnotation = serde_json::from_value(old).expect("read");
        assert_eq!(read.user_verdict(), None);
    }

    /// A shared cluster of three outlets (claims 0-2, the third outlet `c` also has claim 3,
    /// alone in a unique cluster), as the TUI and reports see it.
    fn three_outlets() -> Comparison {
        use crate::analysis::{Claim, OutletColumn};
        let texts = [
            ("a", "The mayor appointed Ms. Lee."),
            ("b", "Ms. Lee was appointed by the mayor."),
            ("c", "The mayor named Ms. Lee as chief."),
            ("c", "Ms. Lee has served for ten years."),
        ];
        let claims: Vec<Claim> = texts
            .iter()
            .enumerate()
            .map(|(id, (outlet, text))| Claim {
                id,
                column: ["a", "b", "c"]
                    .iter()
                    .position(|o| o == outlet)
                    .unwrap_or(0),
                outlet: (*outlet).into(),
                text: (*text).into(),
                start: 10 * id,
                end: 10 * id + text.len(),
                cluster: usize::from(id == 3),
                ..Claim::default()
            })
            .collect();
        let cluster = |id: usize, kind: ClusterKind, members: Vec<usize>| Cluster {
            id,
            kind,
            reasons: vec![],
            members,
            counterparts: vec![],
            disputed_by: vec![],
            shared_terms: vec![],
            similarity: 0.5,
            syndicated: false,
            copied_passage: false,
        };
        Comparison {
            event_id: "e".into(),
            columns: ["a", "b", "c"]
                .iter()
                .enumerate()
                .map(|(i, o)| OutletColumn {
                    outlet: (*o).into(),
                    article: i,
                    headline: String::new(),
                    claims: vec![],
                    syndicated_with: vec![],
                })
                .collect(),
            claims,
            clusters: vec![
                cluster(0, ClusterKind::Shared, vec![0, 1, 2]),
                cluster(1, ClusterKind::Unique, vec![3]),
            ],
            ..Comparison::default()
        }
    }

    /// Tester report 22, finding 9: one member taken out of a shared cluster leaves the
    /// others shared; two taken out leave one outlet, which reads as unique; putting the
    /// members back leaves no annotation behind. The last member cannot be taken out.
    #[test]
    fn a_member_taken_out_changes_the_readers_membership_only() {
        let cmp = three_outlets();
        let shared = &cmp.clusters[0];
        let mut a = Annotations::default();
        assert_eq!(a.toggle_excluded(&cmp, 2), Some(true));
        let note = a.find(&cmp, shared).expect("made").clone();
        assert_eq!(note.excluded_in(&cmp, shared), vec![2]);
        assert_eq!(note.outlets_left(&cmp, shared), 2);
        assert_eq!(note.reader_verdict(&cmp, shared), None);
        assert!(!note.overrules_in(&cmp, shared));
        assert_eq!(note.mark_in(&cmp, shared), "✎ you: 1 claim taken out");
        assert_eq!(note.excluded[0].text, "The mayor named Ms. Lee as chief.");
        assert_eq!(a.toggle_excluded(&cmp, 1), Some(true));
        let note = a.find(&cmp, shared).expect("kept");
        assert_eq!(note.outlets_left(&cmp, shared), 1);
        assert_eq!(note.reader_verdict(&cmp, shared), Some(Verdict::Unique));
        assert!(note.overrules_in(&cmp, shared));
        assert_eq!(
            note.mark_in(&cmp, shared),
            "✎ you: unique (analysis: shared) · 2 claims taken out"
        );
        // the anchor is the last member left: it stays
        assert_eq!(a.toggle_excluded(&cmp, 0), None);
        // a unique claim alone in its cluster has nothing to be taken out of
        assert_eq!(a.toggle_excluded(&cmp, 3), None);
        // a verdict the reader gave stands, with the members taken out said after it
        a.upsert(&cmp, shared, |x| x.verdict = Verdict::Contrasting);
        let note = a.find(&cmp, shared).expect("kept");
        assert_eq!(
            note.reader_verdict(&cmp, shared),
            Some(Verdict::Contrasting)
        );
        assert_eq!(
            note.mark_in(&cmp, shared),
            "✎ you: contrasting (analysis: shared) · 2 claims taken out"
        );
        a.upsert(&cmp, shared, |x| x.verdict = Verdict::Shared);
        assert_eq!(a.toggle_excluded(&cmp, 1), Some(false));
        assert_eq!(a.toggle_excluded(&cmp, 2), Some(false));
        assert!(a.annotations.is_empty(), "{:?}", a.annotations);
        // a note stays when its members are put back
        a.upsert(&cmp, shared, |x| x.note = "check".into());
        a.toggle_excluded(&cmp, 1);
        a.toggle_excluded(&cmp, 1);
        assert_eq!(a.annotations.len(), 1);
        assert!(a.annotations[0].excluded.is_empty());
    }

    /// A member taken out follows its text when text is added above it, and one whose text
    /// is gone no longer applies and is listed (kept in the file).
    #[test]
    fn a_member_taken_out_follows_its_text_and_is_listed_when_gone() {
        let mut cmp = three_outlets();
        let mut a = Annotations::default();
        a.toggle_excluded(&cmp, 2);
        for c in &mut cmp.claims {
            c.start += 40;
            c.end += 40;
        }
        let shared = &cmp.clusters[0];
        assert_eq!(a.annotations[0].excluded_in(&cmp, shared), vec![2]);
        assert_eq!(a.gone_exclusions(&cmp).count(), 0);
        cmp.claims[2].text = "The mayor named Ms. Lee as chief of staff.".into();
        let shared = &cmp.clusters[0];
        assert!(a.annotations[0].excluded_in(&cmp, shared).is_empty());
        assert_eq!(a.annotations[0].reader_verdict(&cmp, shared), None);
        let gone: Vec<_> = a.gone_exclusions(&cmp).collect();
        assert_eq!(gone.len(), 1);
        assert_eq!(gone[0].1.text, "The mayor named Ms. Lee as chief.");
        assert_eq!(a.annotations[0].excluded.len(), 1, "kept in the file");
    }

    /// The members taken out round-trip through the file; a file without the field (every
    /// file before it) reads with none, and an annotation without any writes no field.
    #[test]
    fn members_taken_out_round_trip_and_old_files_read_unchanged() {
        let mut a = with(Verdict::Shared, false);
        let json = serde_json::to_value(&a).expect("json");
        assert!(json.get("excluded").is_none(), "{json}");
        a.excluded.push(ExcludedClaim {
            outlet: "o".into(),
            start: 7,
            end: 12,
            text: "Other.".into(),
        });
        let json = serde_json::to_value(&a).expect("json");
        assert_eq!(
            json["excluded"],
            serde_json::json!([{"outlet": "o", "start": 7, "end": 12, "text": "Other."}])
        );
        let back: ClusterAnnotation = serde_json::from_value(json).expect("read");
        assert_eq!(back, a);
        let old = r#"{"version": 1, "annotations": [{"event": "e", "claims":
            [{"outlet": "o", "start": 0, "end": 5}], "text": "Text.",
            "analysis_verdict": "shared", "verdict": "unique", "note": "n"}]}"#;
        let read: Annotations = serde_json::from_str(old).expect("read");
        assert!(read.annotations[0].excluded.is_empty());
        assert_eq!(read.annotations[0].user_verdict(), Some(Verdict::Unique));
    }

    /// Two writers: both sides' members taken out are kept (their union); one put back by
    /// one side while the other left it alone is back.
    #[test]
    fn members_taken_out_merge_as_sets() {
        let out = |t: &str| ExcludedClaim {
            outlet: "o".into(),
            start: 0,
            end: t.len(),
            text: t.into(),
        };
        let base = with(Verdict::Shared, false);
        let mut ours = base.clone();
        ours.excluded.push(out("A."));
        let mut theirs = base.clone();
        theirs.excluded.push(out("B."));
        theirs.note = "theirs".into();
        let mut c = Conflicts::default();
        let m = merge_fields(Some(&base), &ours, &theirs, &mut c);
        assert_eq!(m.excluded, vec![out("A."), out("B.")]);
        assert_eq!(m.note, "theirs");
        assert_eq!(c.total(), 0);
        // a member put back by ours, left as it was by theirs (who wrote a note): back
        let mut base2 = base.clone();
        base2.excluded = vec![out("A."), out("B.")];
        let mut ours2 = base2.clone();
        ours2.excluded = vec![out("B.")];
        let mut theirs2 = base2.clone();
        theirs2.note = "theirs".into();
        let m = merge_fields(Some(&base2), &ours2, &theirs2, &mut c);
        assert_eq!(m.excluded, vec![out("B.")]);
        // through the whole-file merge: each writer took out another member
        let file = |x: &ClusterAnnotation| Annotations {
            version: 1,
            annotations: vec![x.clone()],
        };
        let m = merge3(&file(&base), &file(&ours), &file(&theirs));
        assert_eq!(m.merged.annotations[0].excluded, vec![out("A."), out("B.")]);
        // both created the annotation at once: the union
        let m = merge_fields(None, &ours, &theirs, &mut c);
        assert_eq!(m.excluded, vec![out("A."), out("B.")]);
    }

    /// Tester report 24, finding 2: the file becomes unreadable (a hand edit with a syntax
    /// error) after this process saved one annotation; the next save keeps that annotation
    /// (the garbage is no deletion by another writer), copies the garbage aside, reports it,
    /// and leaves `.bak` with the last good content. A readable file changed by another
    /// writer is still merged (the rule is only for a file that cannot be parsed).
    #[test]
    fn an_unreadable_file_drops_none_of_ours_and_keeps_the_good_version_in_bak() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = path_for(dir.path());
        let cmp = three_outlets();
        let mut first = Annotations::default();
        first.upsert(&cmp, &cmp.clusters[0], |a| a.agreed = true);
        let saved = first
            .save_merging(&path, &Annotations::default())
            .expect("first save");
        assert_eq!(saved.unreadable, None);
        let base = saved.written;
        let garbage = b"{\"version\": 1, \"annotations\": [ {\"event\": \"x\", BROKEN\n";
        fs::write(&path, garbage).expect("break the file");
        let mut second = base.clone();
        second.upsert(&cmp, &cmp.clusters[1], |a| a.note = "second".into());
        let saved = second.save_merging(&path, &base).expect("second save");
        assert_eq!(saved.written, second, "nothing of ours dropped");
        assert_eq!(saved.from_other, 0);
        let unreadable = saved.unreadable.expect("reported");
        assert!(
            unreadable.error.contains("annotations.json"),
            "{unreadable:?}"
        );
        let copy = unreadable.copy.expect("copied aside");
        assert_eq!(fs::read(&copy).expect("copy"), garbage);
        assert_eq!(
            Annotations::read(&path),
            LoadOutcome::Loaded(second.clone())
        );
        assert_eq!(
            Annotations::read(&backup_path(&path)),
            LoadOutcome::Loaded(base.clone()),
            ".bak holds the last good version, not the garbage"
        );

        // Broken again by a process that never knew a good version: `.bak` is left alone.
        fs::write(&path, b"not json").expect("break again");
        let saved = second
            .save_merging(&path, &Annotations::default())
            .expect("third save");
        assert!(saved.unreadable.is_some());
        assert_eq!(
            Annotations::read(&backup_path(&path)),
            LoadOutcome::Loaded(base),
            "an empty base writes nothing to .bak"
        );

        // A readable file another writer emptied is still a removal, merged as before.
        let saved = second
            .save_merging(&path, &Annotations::default())
            .expect("save");
        assert_eq!(saved.unreadable, None);
        Annotations::default()
            .save(&path)
            .expect("other writer empties it");
        let saved = second.save_merging(&path, &second).expect("merge");
        assert!(saved.written.annotations.is_empty(), "{saved:?}");
        assert_eq!(saved.from_other, 2);
    }
}
