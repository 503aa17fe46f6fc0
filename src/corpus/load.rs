//! Walking a corpus on disk: finding files, reading them safely, assembling events.
//!
//! Every problem becomes a [`Diagnostic`] and the rest of the corpus still loads.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use serde::Deserialize;
use walkdir::WalkDir;

use super::basil;
use super::duplicates;
use super::encoding::{self, Declared};
use super::event_folder::event_folder_of;
use super::fields;
use super::grouping;
use super::json::{self, BASIL_OUTLETS};
use super::model::{Article, Corpus, Diagnostic, Event, EventOrigin, OutletInfo};
use super::text::{self, Parsed};
use crate::cache::CorpusCache;
use crate::cache::events::Provenance;
use crate::cache::files::FileRef;
use crate::cache::grouping::article_digest;

/// Knobs for loading; the defaults suit interactive use.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this are skipped with a message.
    pub max_file_bytes: u64,
    /// Settings for grouping articles that are not in an event folder.
    pub grouping: grouping::GroupingOptions,
    /// Parse files on this many threads (1 = no extra threads).
    pub threads: usize,
    /// Folders deeper than this below the corpus root are not read (with a message).
    pub max_depth: usize,
    /// The walk stops after this many files and folders (with a message).
    pub max_entries: usize,
    /// Follow symbolic links that lead outside the corpus folder (off: reported, skipped).
    pub follow_links_outside: bool,
    /// Root folder of the persistent cache ([`crate::cache`]): unchanged files are not parsed
    /// again and an unchanged grouping is not recomputed. `None`: no cache is read or written.
    /// The default is the root the binary enabled ([`crate::cache::enabled_root`]), so the
    /// library alone writes no cache.
    pub cache: Option<PathBuf>,
    /// Write the cache's event index when the file list has none (on by default; it serves
    /// `framediff compare EVENT`). The terminal UI turns it off: it never reads the index,
    /// and writing it cost 0.35-0.57 s of each reload after a change at 40,000 articles
    /// (BENCHMARKS.md, "Incremental").
    pub event_index: bool,
}

/// Default of [`LoadOptions::max_file_bytes`] unless [`set_max_file_bytes`] changed it: 8 MiB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

static MAX_FILE_BYTES_SET: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// Sets the per-file (and per JSON Lines record) size limit every [`LoadOptions::default`]
/// of this process starts from (the binary's `--max-file-size`). Only the first call counts.
pub fn set_max_file_bytes(bytes: u64) {
    let _ = MAX_FILE_BYTES_SET.set(bytes);
}

/// Default of [`LoadOptions::max_depth`].
pub const MAX_DEPTH: usize = 16;
/// Default of [`LoadOptions::max_entries`].
pub const MAX_ENTRIES: usize = 200_000;

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: MAX_FILE_BYTES_SET.get().copied().unwrap_or(MAX_FILE_BYTES),
            grouping: grouping::GroupingOptions::default(),
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(8),
            max_depth: MAX_DEPTH,
            max_entries: MAX_ENTRIES,
            follow_links_outside: false,
            cache: crate::cache::enabled_root(),
            event_index: true,
        }
    }
}

/// How far loading has come, for progress bars: the stage and `done` of `total` units in it
/// (files, articles or candidate pairs, as [`LoadStage::unit`] says).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: LoadStage,
    pub done: usize,
    pub total: usize,
}

/// The stages of loading a corpus, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoadStage {
    /// Reading and parsing files.
    Files,
    /// Finding duplicate and syndicated articles.
    Duplicates,
    /// Grouping loose articles into events: their terms.
    GroupingFeatures,
    /// Grouping: scoring candidate pairs (per article).
    GroupingPairs,
    /// Grouping: merging candidate pairs into events.
    GroupingMerge,
}

impl LoadStage {
    /// What the stage does, for a progress line.
    pub fn label(self) -> &'static str {
        match self {
            LoadStage::Files => "reading",
            LoadStage::Duplicates => "duplicates",
            LoadStage::GroupingFeatures => "grouping: terms",
            LoadStage::GroupingPairs => "grouping: pairs",
            LoadStage::GroupingMerge => "grouping: merging",
        }
    }

    /// What `done` and `total` count.
    pub fn unit(self) -> &'static str {
        match self {
            LoadStage::Files => "files",
            LoadStage::Duplicates | LoadStage::GroupingFeatures | LoadStage::GroupingPairs => {
                "articles"
            }
            LoadStage::GroupingMerge => "pairs",
        }
    }

    /// The share of a whole load this stage starts at and ends at, in [0, 1], for one
    /// determinate bar over all stages (reading dominates a corpus in event folders,
    /// grouping a flat archive; the shares are a compromise).
    pub fn span(self) -> (f64, f64) {
        match self {
            LoadStage::Files => (0.0, 0.5),
            LoadStage::Duplicates => (0.5, 0.6),
            LoadStage::GroupingFeatures => (0.6, 0.7),
            LoadStage::GroupingPairs => (0.7, 0.9),
            LoadStage::GroupingMerge => (0.9, 1.0),
        }
    }

    /// The whole load done, in [0, 1], at `done` of `total` in this stage.
    pub fn overall(self, done: usize, total: usize) -> f64 {
        let (a, b) = self.span();
        let f = if total == 0 {
            1.0
        } else {
            done.min(total) as f64 / total as f64
        };
        a + (b - a) * f
    }
}

impl From<crate::corpus::grouping::GroupingProgress> for Progress {
    fn from(g: crate::corpus::grouping::GroupingProgress) -> Progress {
        use crate::corpus::grouping::GroupingProgress as G;
        let (stage, done, total) = match g {
            G::Features { done, total } => (LoadStage::GroupingFeatures, done, total),
            G::Pairs { done, total } => (LoadStage::GroupingPairs, done, total),
            G::Merging { done, total } => (LoadStage::GroupingMerge, done, total),
        };
        Progress { stage, done, total }
    }
}

/// Loads the corpus at `path` (a folder, or a single file) with default options.
pub fn load(path: &Path) -> Corpus {
    load_with(path, &LoadOptions::default(), &|_| {})
}

/// What one file contributed.
#[derive(Default, Clone)]
pub(super) struct FileOutput {
    pub(super) parsed: Vec<Parsed>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// XXH3-128 of the bytes read, when read through the cache.
    hash: Option<[u64; 2]>,
}

/// A file found by the walk and what it is.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) path: PathBuf,
    pub(super) role: Role,
    pub(super) size: u64,
    pub(super) modified: Option<std::time::SystemTime>,
}

impl Found {
    pub(super) fn file_ref(&self) -> FileRef<'_> {
        FileRef {
            path: &self.path,
            size: self.size,
            modified: self.modified,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Markdown,
    Json,
    JsonLines,
    Html,
    Feed,
    EventMeta,
    Outlets,
}

/// Loads the corpus at `path`, calling `progress` as files are read (from worker threads).
pub fn load_with(path: &Path, opts: &LoadOptions, progress: &(dyn Fn(Progress) + Sync)) -> Corpus {
    let cache = opts
        .cache
        .as_deref()
        .and_then(|root| CorpusCache::open(root, path));
    let walked = match walk_corpus(path, opts, cache.as_ref()) {
        Ok(w) => w,
        Err(missing) => return missing,
    };
    let Walked {
        frame,
        article_files,
        mut diags,
        index_key,
    } = walked;
    let outputs = read_all(&article_files, opts, cache.as_ref(), progress);
    let mut parsed_all: Vec<Parsed> = Vec::new();
    // each article hashed once, for the cache's records and the event index
    let mut digests: Option<Vec<u64>> = cache.as_ref().map(|_| Vec::new());
    let mut provenance = index_key.map(|_| Provenance {
        files: Vec::with_capacity(outputs.len()),
        origins: Vec::new(),
        digests: Vec::new(),
    });
    for (f, out) in outputs.into_iter().enumerate() {
        if let Some(d) = &mut digests {
            d.extend(out.parsed.iter().map(|p| article_digest(&p.article)));
        }
        if let Some(p) = &mut provenance {
            p.files.push((article_files[f].file_ref(), out.hash));
            p.origins
                .extend((0..out.parsed.len()).map(|at| (f as u32, at as u32)));
        }
        diags.extend(out.diagnostics);
        if parsed_all.is_empty() {
            // one big file (a dump): its list taken over, not copied (a copy held both)
            parsed_all = out.parsed;
        } else {
            parsed_all.extend(out.parsed);
        }
    }
    if let (Some(p), Some(d)) = (&mut provenance, &digests) {
        p.digests = d.clone();
    }
    let corpus = finish(
        &frame,
        parsed_all,
        digests,
        diags,
        opts,
        cache.as_ref(),
        progress,
    );
    if let (Some(c), Some(key), Some(p)) = (&cache, index_key, &provenance) {
        c.write_event_index(key, p, &corpus);
    }
    corpus
}

/// What a load knows of a corpus before reading its articles, and keeps to the end.
#[derive(Debug, Clone)]
pub(super) struct Frame {
    /// The corpus so far: its root and the outlets its `outlets.toml` files name.
    pub(super) corpus: Corpus,
    /// The folder walked (`articles/` of a BASIL release, else the corpus path).
    pub(super) walk_root: PathBuf,
    /// The corpus is a BASIL release.
    pub(super) basil_root: bool,
    /// Each event folder's `event.toml`, by folder.
    pub(super) event_meta: HashMap<PathBuf, EventMeta>,
    /// The outlet entries of the corpus's own `outlets.toml` files (not one read from a
    /// folder above an opened event folder), to warn about those that match no article.
    pub(super) outlet_entries: Vec<OutletEntry>,
}

/// One outlet entry of an `outlets.toml`: the file, the line of its `[table]` and its id.
#[derive(Debug, Clone)]
pub(super) struct OutletEntry {
    path: PathBuf,
    line: Option<usize>,
    table: String,
    id: String,
}

/// A corpus walked, its metadata files read: all a load does before reading the articles.
pub(super) struct Walked {
    pub(super) frame: Frame,
    /// The article files, in walk order: by path ([`Path`]'s order, component by component,
    /// is the walk's, which sorts each folder by name and goes depth first).
    pub(super) article_files: Vec<Found>,
    /// The walk's and the metadata files' diagnostics.
    pub(super) diags: Vec<Diagnostic>,
    /// The key of the event index to write (when `opts.event_index` and none is stored).
    index_key: Option<[u64; 2]>,
}

/// Walks the corpus at `path` and reads its metadata files; `Err` with the corpus to give
/// when `path` does not exist.
pub(super) fn walk_corpus(
    path: &Path,
    opts: &LoadOptions,
    cache: Option<&CorpusCache>,
) -> Result<Walked, Corpus> {
    let mut corpus = Corpus {
        root: path.to_path_buf(),
        ..Corpus::default()
    };
    if !path.exists() {
        corpus.diagnostics.push(Diagnostic::error(
            path,
            None,
            "no such file or folder".to_string(),
        ));
        return Err(corpus);
    }
    let basil_root = path.is_dir() && basil::is_basil_root(path);
    let walk_root = if basil_root {
        path.join("articles")
    } else {
        path.to_path_buf()
    };
    let (found, mut diags) = walk(&walk_root, opts);
    // the event index (`compare` of one event reads only its files), written when missing
    let index_key = cache
        .filter(|_| !basil_root && opts.event_index)
        .and_then(|c| index_key(path, &found, &diags, opts).filter(|k| !c.has_event_index(*k)));
    if path.is_dir() && !basil_root {
        parent_outlets(path, &mut corpus.outlets, &mut diags);
    }

    // Metadata files first: they are small and the events need them.
    let mut event_meta: HashMap<PathBuf, EventMeta> = HashMap::new();
    let mut article_files = Vec::new();
    let mut outlet_entries = Vec::new();
    for f in found {
        match f.role {
            Role::Outlets => {
                let entries = read_outlets(&f.path, &mut corpus.outlets, &mut diags);
                outlet_entries.extend(entries.into_iter().map(|(table, line)| OutletEntry {
                    path: f.path.clone(),
                    line,
                    id: fields::outlet_id(&table),
                    table,
                }));
            }
            Role::EventMeta => {
                if let Some(m) = read_event_meta(&f.path, &mut diags)
                    && let Some(dir) = f.path.parent()
                {
                    event_meta.insert(dir.to_path_buf(), m);
                }
            }
            _ => article_files.push(f),
        }
    }
    if !basil_root && !event_meta.contains_key(&walk_root) {
        one_event_of_parent(path, &walk_root, &mut event_meta, &mut diags);
    }
    Ok(Walked {
        frame: Frame {
            corpus,
            walk_root,
            basil_root,
            event_meta,
            outlet_entries,
        },
        article_files,
        diags,
        index_key,
    })
}

/// The corpus from its articles as read (`parsed_all`, in file order) and the diagnostics so
/// far: BASIL annotations attached, duplicates removed, events assembled and loose articles
/// grouped (through `cache` when given). `digests`: each article's
/// [`article_digest`] when the caller has them (for the cache; computed there otherwise).
pub(super) fn finish(
    frame: &Frame,
    mut parsed_all: Vec<Parsed>,
    digests: Option<Vec<u64>>,
    mut diags: Vec<Diagnostic>,
    opts: &LoadOptions,
    cache: Option<&CorpusCache>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Corpus {
    let mut corpus = frame.corpus.clone();
    let path = frame.corpus.root.as_path();
    if frame.basil_root {
        for p in &mut parsed_all {
            if let Some(ann) = basil::annotation_path(path, &p.article.path) {
                let mut d = Vec::new();
                basil::attach_annotations(Arc::make_mut(&mut p.article), &ann, &mut d);
                diags.extend(d);
            }
        }
    }
    if parsed_all.iter().any(|p| p.article.gold.is_some()) {
        for (_, id, name) in BASIL_OUTLETS {
            corpus
                .outlets
                .entry((*id).to_string())
                .or_insert_with(|| OutletInfo {
                    name: Some((*name).to_string()),
                    country: Some("US".into()),
                    language: Some("en".into()),
                    ..OutletInfo::default()
                });
        }
    }

    let n_parsed = parsed_all.len();
    let stage = |stage, done| {
        progress(Progress {
            stage,
            done,
            total: n_parsed,
        })
    };
    stage(LoadStage::Duplicates, 0);
    // (attaching BASIL annotations changed the articles hashed)
    let digests = digests.filter(|_| !frame.basil_root);
    let (parsed_all, digests) = match cache {
        Some(c) => {
            let (kept, d) = c.dedupe(parsed_all, digests, &mut diags);
            (kept, Some(d))
        }
        None => (duplicates::dedupe(parsed_all, &mut diags), None),
    };
    stage(LoadStage::Duplicates, n_parsed);
    // display names the articles give (front matter, site name, feed title), where
    // outlets.toml names none; the first file in path order wins
    // (looked up before an entry is made: the outlet id is copied only for a new entry, not
    // for each of an archive's articles)
    for p in &parsed_all {
        if let Some(name) = &p.outlet_name {
            match corpus.outlets.get_mut(&p.article.outlet) {
                Some(info) if info.name.is_some() => {}
                Some(info) => info.name = Some(name.clone()),
                None => {
                    let info = OutletInfo {
                        name: Some(name.clone()),
                        ..OutletInfo::default()
                    };
                    corpus.outlets.insert(p.article.outlet.clone(), info);
                }
            }
        }
    }

    corpus.events = assemble_events(
        &frame.walk_root,
        (parsed_all, digests),
        &frame.event_meta,
        opts,
        cache.map(|c| (c, &mut corpus.incremental)),
        &mut diags,
        &|g| progress(g.into()),
    );
    fold_report_notes(&mut diags);
    check_duplicate_outlets(&corpus.events, &mut diags);
    check_far_dates(&corpus.events, &mut diags);
    check_lone_languages(&corpus.events, &mut diags);
    check_same_names(&corpus, &mut diags);
    check_unused_outlet_entries(&frame.outlet_entries, &corpus.events, &mut diags);
    name_event_dates_used(&corpus.events, &mut diags);
    corpus.diagnostics = diags;
    corpus
}

/// The load options that change what a load makes, as text for cache keys.
fn options_text(opts: &LoadOptions) -> String {
    format!(
        "{} {:?} {} {} {}",
        opts.max_file_bytes,
        opts.grouping,
        opts.max_depth,
        opts.max_entries,
        opts.follow_links_outside
    )
}

/// The key of the cache's event index for a load of `path` that found `found`, the walk
/// having reported `walk_notes` ([`crate::cache::events::key`]); `None` when it cannot be
/// keyed (a file too recent or without a time; a BASIL release, whose annotations are read
/// from files the walk does not list, is never indexed).
pub(super) fn index_key(
    path: &Path,
    found: &[Found],
    walk_notes: &[Diagnostic],
    opts: &LoadOptions,
) -> Option<[u64; 2]> {
    let refs: Vec<FileRef<'_>> = found.iter().map(Found::file_ref).collect();
    // the metadata files `parent_outlets` looks at
    let mut above = Vec::new();
    if path.is_dir() {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        above.push(abs.join("event.toml"));
        // (whether a folder opened alone is one event: [`super::event_folder::parent_corpus`])
        above.extend(abs.parent().map(|p| p.join(".framediff")));
        above.extend(abs.ancestors().take(4).map(|a| a.join("outlets.toml")));
    }
    let above: Vec<&Path> = above.iter().map(PathBuf::as_path).collect();
    crate::cache::events::key(&options_text(opts), path, &refs, &above, walk_notes)
}

/// What the walk makes of a file named `name` (lower case): a role, `None` for a file read
/// by no one (README, LICENSE, CHANGELOG), or the warning for a file in no known format.
pub(super) fn role_of(name: &str) -> Result<Option<Role>, String> {
    if name == "outlets.toml" {
        return Ok(Some(Role::Outlets));
    }
    if name == "event.toml" {
        return Ok(Some(Role::EventMeta));
    }
    if name.starts_with("readme") || name.starts_with("license") || name.starts_with("changelog") {
        return Ok(None);
    }
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(Some(match ext.as_str() {
        "md" | "markdown" | "txt" | "text" => Role::Markdown,
        "json" => Role::Json,
        "jsonl" | "ndjson" => Role::JsonLines,
        "html" | "htm" | "xhtml" => Role::Html,
        "rss" | "atom" | "xml" => Role::Feed,
        _ => {
            let what = if ext.is_empty() {
                "a file without extension".to_string()
            } else {
                format!("'.{ext}' files")
            };
            return Err(format!("{what} {NOT_ARTICLE_FORMAT}"));
        }
    }))
}

/// The end of the warning for a file in no article format ([`role_of`]).
const NOT_ARTICLE_FORMAT: &str =
    "are not an article format (md, txt, json, jsonl, html, rss, atom); skipped";

/// Folds the warnings of the files in no article format of each folder that holds ECB+
/// CoNLL files (`.conll`; the set's `sentences.csv` beside them) into one naming the folder
/// and `framediff eval ecbplus`, which reads them: 48 warnings for the research set's folder
/// were a new user's first sight of it (session 16).
fn fold_ecbplus_notes(diags: &mut Vec<Diagnostic>) {
    let skipped = |d: &Diagnostic| d.message.ends_with(NOT_ARTICLE_FORMAT);
    let conll = |d: &Diagnostic| skipped(d) && d.path.extension().is_some_and(|e| e == "conll");
    let mut dirs: Vec<PathBuf> = diags
        .iter()
        .filter(|d| conll(d))
        .filter_map(|d| d.path.parent().map(Path::to_path_buf))
        .collect();
    dirs.dedup();
    for dir in dirs {
        let here = |d: &Diagnostic| skipped(d) && d.path.parent() == Some(dir.as_path());
        let first = diags.iter().position(here).unwrap_or(0);
        let n = diags.iter().filter(|d| here(d) && conll(d)).count();
        let others = diags.iter().filter(|d| here(d)).count() - n;
        diags.retain(|d| !here(d));
        let how = match dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(p) if dir.file_name().is_some_and(|f| f == "ecbplus-dev") => {
                format!("`framediff eval ecbplus --data {}` reads them", p.display())
            }
            _ => "`framediff eval ecbplus --data DIR` reads them from DIR/ecbplus-dev".to_string(),
        };
        let also = match others {
            0 => String::new(),
            n => format!(" and {n} other file(s)"),
        };
        let message = format!(
            "{n} ECB+ CoNLL files ('.conll'){also}: a research data set, not articles; not \
             read ({how})"
        );
        diags.insert(
            first.min(diags.len()),
            Diagnostic::warning(&dir, None, message),
        );
    }
}

/// Folders of the running system, not documents: walking them reads other processes' state.
const SYSTEM_FOLDERS: &[&str] = &["/proc", "/sys", "/dev"];

pub(super) fn walk(root: &Path, opts: &LoadOptions) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if let Some(sys) = SYSTEM_FOLDERS
        .iter()
        .find(|s| canonical_root.starts_with(s))
    {
        diags.push(Diagnostic::error(
            root,
            None,
            format!("is inside {sys}, a folder of the running system, not a corpus; not read"),
        ));
        return (found, diags);
    }
    let mut walker = WalkDir::new(root)
        .follow_links(true)
        // by file name: the entries of one folder share their parent's path, so comparing
        // the whole paths' bytes orders them as their names do, without `Path::file_name`
        // parsing both paths at every comparison (10% of a warm `compare`'s CPU at 40,000 files)
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut entries = 0usize;
    let mut too_deep = 0usize;
    while let Some(entry) = walker.next() {
        entries += 1;
        if entries > opts.max_entries {
            diags.push(Diagnostic::error(
                root,
                None,
                format!(
                    "more than {} files and folders: the rest of the corpus is not read (is \
                     this the right folder?)",
                    opts.max_entries
                ),
            ));
            break;
        }
        if let Ok(e) = &entry
            && e.depth() > 0
            && e.path_is_symlink()
            && !opts.follow_links_outside
        {
            let target = std::fs::canonicalize(e.path());
            if let Ok(t) = &target
                && !t.starts_with(&canonical_root)
            {
                diags.push(Diagnostic::warning(
                    e.path(),
                    None,
                    format!(
                        "symbolic link to {}, outside the corpus folder; not followed",
                        t.display()
                    ),
                ));
                if e.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if let Ok(e) = &entry
            && e.depth() > 0
            && e.file_type().is_dir()
            && e.file_name() == EXPORT_FOLDER
        {
            diags.push(Diagnostic::warning(
                e.path(),
                None,
                "framediff's export folder: its reports are not articles; not read (export to \
                 a folder outside the corpus: `export_dir` in config.toml)",
            ));
            walker.skip_current_dir();
            continue;
        }
        if let Ok(e) = &entry
            && e.file_type().is_dir()
            && e.depth() >= opts.max_depth
        {
            too_deep += 1;
            if too_deep == 1 {
                diags.push(Diagnostic::warning(
                    e.path(),
                    None,
                    format!(
                        "more than {} folder levels below the corpus folder; not read",
                        opts.max_depth
                    ),
                ));
            }
            walker.skip_current_dir();
            continue;
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().unwrap_or(root).to_path_buf();
                let msg = if let Some(anc) = e.loop_ancestor() {
                    format!("symbolic link loop back to {}; not followed", anc.display())
                } else if let Some(io) = e.io_error() {
                    if p.symlink_metadata()
                        .map(|m| m.file_type().is_symlink())
                        .unwrap_or(false)
                    {
                        format!("broken symbolic link ({io}); skipped")
                    } else {
                        format!("cannot be read ({io}); skipped")
                    }
                } else {
                    format!("cannot be read ({e}); skipped")
                };
                diags.push(Diagnostic::error(&p, None, msg));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let path = entry.path().to_path_buf();
        if !ft.is_file() {
            diags.push(Diagnostic::error(
                &path,
                None,
                "not a regular file (a pipe, socket or device); skipped",
            ));
            continue;
        }
        let name = entry.file_name().to_string_lossy().to_lowercase();
        let meta = entry.metadata().ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        let modified = meta.and_then(|m| crate::cache::changed_at(&m));
        let role = match role_of(&name) {
            Ok(Some(role)) => role,
            Ok(None) => continue,
            Err(why) => {
                diags.push(Diagnostic::warning(&path, None, why));
                continue;
            }
        };
        // event.toml and outlets.toml are not articles: they have their own limit
        // (`MAX_TOML_BYTES`), checked when they are read
        let article = !matches!(role, Role::JsonLines | Role::EventMeta | Role::Outlets);
        if size > opts.max_file_bytes && article {
            diags.push(Diagnostic::error(
                &path,
                None,
                too_big(size, opts.max_file_bytes),
            ));
            continue;
        }
        found.push(Found {
            path,
            role,
            size,
            modified,
        });
    }
    fold_ecbplus_notes(&mut diags);
    (found, diags)
}

/// The folder framediff exports reports to by default (config `export_dir`): never read as
/// part of a corpus, where the reports would come back as articles.
pub const EXPORT_FOLDER: &str = "framediff-exports";

/// The line every Markdown and HTML report of framediff carries (its footer): by it the
/// loader knows a report for one, not an article.
pub const REPORT_MARK: &str = "Made with framediff";

/// The message of a report file skipped (one per file while reading; [`finish`] folds them
/// into one diagnostic).
pub(crate) const REPORT_SKIPPED: &str = "a framediff report, not an article; skipped";

/// `text` (of a file read as `role`) is a report framediff wrote: a JSON report with its
/// `"schema": "framediff.…"`, an HTML page with framediff's generator tag or footer, or a
/// Markdown report with its footer.
fn is_report(role: Role, text: &str) -> bool {
    match role {
        Role::Json => json::has_framediff_schema(text),
        Role::Html => {
            text.contains("<meta name=\"generator\" content=\"framediff")
                || text.contains(&format!("<footer>{REPORT_MARK} "))
        }
        // the footer, or (a report written before it had one) the header and outlets table
        Role::Markdown => {
            let tail = &text[text.floor_char_boundary(text.len().saturating_sub(200))..];
            text.contains("\n## Framing profiles\n")
                && (tail.lines().any(|l| l.starts_with(REPORT_MARK))
                    || (text.starts_with("# ")
                        && text.contains("\nEvent `")
                        && text.contains("\n| outlet | name | headline | claims |")))
        }
        _ => false,
    }
}

/// Folds the diagnostics of skipped report files into one, naming the first file and the count.
fn fold_report_notes(diags: &mut Vec<Diagnostic>) {
    let first = diags.iter().position(|d| d.message == REPORT_SKIPPED);
    let Some(first) = first else {
        return;
    };
    let mut files: Vec<&Path> = diags
        .iter()
        .filter(|d| d.message == REPORT_SKIPPED)
        .map(|d| d.path.as_path())
        .collect();
    files.dedup();
    let n = files.len();
    let path = diags[first].path.clone();
    diags.retain(|d| d.message != REPORT_SKIPPED);
    let what = match n {
        1 => "this file is a framediff report, not an article".to_string(),
        2 => "this file and 1 other are framediff reports, not articles".to_string(),
        n => format!(
            "this file and {} others are framediff reports, not articles",
            n - 1
        ),
    };
    diags.insert(
        first.min(diags.len()),
        Diagnostic::warning(
            &path,
            None,
            format!(
                "{what}; not read (export to a folder outside the corpus: `export_dir` in \
                 config.toml)"
            ),
        ),
    );
}

/// The words of the error of an article file over the size limit.
pub const OVER_ARTICLE_LIMIT: &str = "limit for one article";

fn too_big(size: u64, limit: u64) -> String {
    format!(
        "file is {}, over the {} {OVER_ARTICLE_LIMIT}; skipped",
        human_size(size),
        human_size(limit)
    )
}

/// "52.4 MB", "9.8 KB", "512 bytes".
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else if bytes >= 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads and parses every article file, on several threads, keeping the input order.
pub(super) fn read_all(
    files: &[Found],
    opts: &LoadOptions,
    cache: Option<&CorpusCache>,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<FileOutput> {
    let total = files.len();
    let done = AtomicUsize::new(0);
    let threads = opts.threads.max(1).min(total.max(1));
    if let Some(cache) = cache {
        let refs: Vec<FileRef<'_>> = files
            .iter()
            .map(|f| FileRef {
                path: &f.path,
                size: f.size,
                modified: f.modified,
            })
            .collect();
        let tick = || {
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Progress {
                stage: LoadStage::Files,
                done: n,
                total,
            });
        };
        let read = |i: usize| {
            let mut d = Vec::new();
            read_bytes(&files[i], opts, &mut d).ok_or(d)
        };
        let parse = |i: usize, bytes: Vec<u8>| {
            let out = parse_bytes(&files[i], bytes, opts);
            (out.parsed, out.diagnostics)
        };
        return cache
            .parse_files(&refs, threads, &read, &parse, &tick)
            .into_iter()
            .map(|((parsed, diagnostics), hash)| FileOutput {
                parsed,
                diagnostics,
                hash,
            })
            .collect();
    }
    let work = |f: &Found| {
        let out = read_one(f, opts);
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(Progress {
            stage: LoadStage::Files,
            done: n,
            total,
        });
        out
    };
    if threads <= 1 {
        return files.iter().map(work).collect();
    }
    let chunk = total.div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(chunk.max(1))
            .map(|c| s.spawn(|| c.iter().map(work).collect::<Vec<_>>()))
            .collect();
        let mut out = Vec::with_capacity(total);
        for (h, c) in handles.into_iter().zip(files.chunks(chunk.max(1))) {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(_) => out.extend(c.iter().map(|f| FileOutput {
                    hash: None,
                    parsed: Vec::new(),
                    diagnostics: vec![Diagnostic::error(
                        &f.path,
                        None,
                        "reading this file crashed the reader; skipped",
                    )],
                })),
            }
        }
        out
    })
}

fn read_one(f: &Found, opts: &LoadOptions) -> FileOutput {
    let mut diagnostics = Vec::new();
    if f.role == Role::JsonLines {
        // Streamed line by line from the file: a dump of any size, each record within the
        // limit, in bounded memory; a dump over the per-file limit leaves its texts on disk.
        let parsed = if streamed(f, opts) {
            json::read_jsonl_stored(&f.path, opts.max_file_bytes, &mut diagnostics)
        } else {
            json::read_jsonl(&f.path, opts.max_file_bytes, &mut diagnostics)
        };
        return FileOutput {
            parsed,
            diagnostics,
            hash: None,
        };
    }
    match read_bytes(f, opts, &mut diagnostics) {
        Some(bytes) => parse_bytes(f, bytes, opts),
        None => FileOutput {
            parsed: Vec::new(),
            diagnostics,
            hash: None,
        },
    }
}

/// Decodes and parses the bytes of one file.
pub(super) fn parse_bytes(f: &Found, bytes: Vec<u8>, opts: &LoadOptions) -> FileOutput {
    let mut out = FileOutput::default();
    if streamed(f, opts) {
        // `bytes` is only the content digest: the dump is read as a stream from the file,
        // its texts left there
        out.parsed = json::read_jsonl_stored(&f.path, opts.max_file_bytes, &mut out.diagnostics);
        return out;
    }
    if f.role == Role::JsonLines {
        // read whole for the cache's content hash; still parsed line by line, each record
        // within the limit
        out.parsed = json::read_jsonl_from(
            &f.path,
            &bytes[..],
            opts.max_file_bytes,
            &mut out.diagnostics,
        );
        return out;
    }
    let declared = match f.role {
        Role::Feed => Declared::Xml,
        Role::Html => Declared::Html,
        _ => Declared::None,
    };
    let Some(text) = encoding::decode(&f.path, bytes, declared, &mut out.diagnostics) else {
        return out;
    };
    if is_report(f.role, &text) {
        out.diagnostics
            .push(Diagnostic::warning(&f.path, None, REPORT_SKIPPED));
        return out;
    }
    out.parsed = match f.role {
        Role::Markdown => text::parse(&f.path, &text, &mut out.diagnostics)
            .into_iter()
            .collect(),
        Role::Json => json::parse_json(&f.path, &text, &mut out.diagnostics),
        Role::Html => crate::corpus::html::parse(&f.path, &text, &mut out.diagnostics)
            .into_iter()
            .collect(),
        // decoded once above: the declaration must not make the XML parser decode it again
        Role::Feed => crate::corpus::feed::parse(
            &f.path,
            encoding::declare_utf8(&text).as_bytes(),
            &mut out.diagnostics,
        ),
        // JSON Lines were streamed above.
        Role::JsonLines | Role::EventMeta | Role::Outlets => Vec::new(),
    };
    let run_ons = out.parsed.iter();
    let run_ons = run_ons.filter_map(|p| super::run_on::warning(&p.article, &text));
    out.diagnostics.extend(run_ons.collect::<Vec<_>>());
    out
}

/// Reads a file's bytes, up to the size limit (see [`encoding::decode`] for turning them into
/// text: binary files are rejected, invalid UTF-8 decoded lossily with a warning).
pub(super) fn read_bytes(
    f: &Found,
    opts: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    let (path, size) = (f.path.as_path(), f.size);
    if streamed(f, opts) {
        return stream_digest(path, diags);
    }
    // The walk checked the size; a file that grew since is cut off here.
    let limit = opts.max_file_bytes;
    let mut bytes = Vec::with_capacity(size.min(limit) as usize);
    let read = std::fs::File::open(path).and_then(|f| f.take(limit + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        diags.push(Diagnostic::error(
            path,
            None,
            format!("cannot be read ({e}); skipped"),
        ));
        return None;
    }
    if bytes.len() as u64 > limit {
        diags.push(Diagnostic::error(
            path,
            None,
            too_big(bytes.len() as u64, limit),
        ));
        return None;
    }
    Some(bytes)
}

/// A JSON Lines dump over the per-file limit: never held in memory, parsed as a stream, its
/// articles' texts left on disk ([`json::read_jsonl_stored`]).
pub(super) fn streamed(f: &Found, opts: &LoadOptions) -> bool {
    f.role == Role::JsonLines && f.size > opts.max_file_bytes
}

/// What the cache keys a streamed dump by, in place of its bytes: a marker, then the XXH3
/// digest of the content read in 1 MB chunks (any change of content changes it).
fn stream_digest(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
    let digest = (|| -> std::io::Result<u64> {
        let mut file = std::fs::File::open(path)?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                return Ok(hasher.digest());
            }
            hasher.update(&buf[..n]);
        }
    })();
    match digest {
        Ok(d) => {
            let mut out = b"framediff:streamed-jsonl:".to_vec();
            out.extend_from_slice(&d.to_le_bytes());
            Some(out)
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                None,
                format!("cannot be read ({e}); skipped"),
            ));
            None
        }
    }
}

/// Turns file bytes into text (no declared encoding to honour); see [`encoding::decode`].
pub fn decode(path: &Path, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    encoding::decode(path, bytes, Declared::None, diags)
}

/// What an `event.toml` says about its event folder.
#[derive(Debug, Default, Clone)]
pub struct EventMeta {
    /// The event's title (else the folder name's words).
    pub title: Option<String>,
    /// The event's date (else the folder name's or the first article's).
    pub date: Option<NaiveDate>,
    /// A short summary.
    pub summary: Option<String>,
    /// Free tags, as written.
    pub tags: Vec<String>,
}

fn read_event_meta(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<EventMeta> {
    let bytes = read_small_file(path, diags)?;
    parse_event_meta(path, &bytes, diags)
}

/// Parses the bytes of an `event.toml` (`path` names it in diagnostics). `None`, with an
/// error naming the file (and line), when it is over 1 MiB, not UTF-8 or not valid TOML. A key
/// other than `title`, `date`, `summary` and `tags`, a value of the wrong type and an
/// unreadable date are each a warning naming its line, and leave that key out; the other keys
/// are kept.
pub fn parse_event_meta(
    path: &Path,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Option<EventMeta> {
    let text = small_toml_text(path, bytes, diags)?;
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(toml_error(path, text, &e, "event.toml"));
            return None;
        }
    };
    let mut meta = EventMeta::default();
    // (the table is in key order: the warnings are put in line order below)
    let mut own = Vec::new();
    let outer = diags;
    let diags = &mut own;
    for (key, value) in table {
        let line = fields::key_line(text, 1, &key).or_else(|| table_line(text, &key));
        let warn = |diags: &mut Vec<Diagnostic>, why: String| {
            diags.push(Diagnostic::warning(path, line, why));
        };
        match (key.as_str(), value) {
            ("title", toml::Value::String(s)) => meta.title = Some(s),
            ("summary", toml::Value::String(s)) => meta.summary = Some(s),
            ("date", v) => {
                let s = match v {
                    toml::Value::String(s) => s,
                    other => other.to_string(),
                };
                meta.date = fields::read_date_of("event", &s, path, line, diags);
            }
            ("tags", toml::Value::Array(items)) => match event_tags(items) {
                Some(tags) => meta.tags = tags,
                None => warn(diags, "'tags' must be a list of text; ignored".into()),
            },
            ("title" | "summary", v) => warn(
                diags,
                format!("'{key}' must be text, found {}; ignored", v.type_str()),
            ),
            ("tags", v) => warn(
                diags,
                format!(
                    "'tags' must be a list of text, found {}; ignored",
                    v.type_str()
                ),
            ),
            _ => warn(
                diags,
                format!(
                    "unknown key '{key}' in event.toml (expected title, date, summary, tags); \
                     ignored"
                ),
            ),
        }
    }
    own.sort_by_key(|d| d.line);
    outer.append(&mut own);
    Some(meta)
}

/// The tags of an `event.toml` list, `None` when an item is not text.
/// The 1-based line of the TOML table header `[key]` (or `[key.sub]`, `[[key]]`) in `text`.
fn table_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let name = l.trim().trim_start_matches('[').trim_start();
            name.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with([']', '.']))
                && l.trim_start().starts_with('[')
        })
        .map(|i| i + 1)
}

fn event_tags(items: Vec<toml::Value>) -> Option<Vec<String>> {
    items
        .into_iter()
        .map(|v| match v {
            toml::Value::String(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// Reads an `outlets.toml` into `outlets` ([`parse_outlets`]); its entries (table name, line).
fn read_outlets(
    path: &Path,
    outlets: &mut BTreeMap<String, OutletInfo>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Option<usize>)> {
    match read_small_file(path, diags) {
        Some(bytes) => parse_outlets(path, &bytes, outlets, diags),
        None => Vec::new(),
    }
}

/// How a warning about an `event.toml` date that is not understood ends (the event's date
/// is then the folder name's or its articles', known once the events are assembled).
const NO_EVENT_DATE: &str = "; the event has no date";

/// Completes each warning about an `event.toml` date that was not used with the date the
/// event has instead: "…; using the articles' date 2021-10-18" (or the folder name's), so the
/// warning does not say "no date" of an event shown with one.
fn name_event_dates_used(events: &[Event], diags: &mut [Diagnostic]) {
    for d in diags.iter_mut() {
        if d.path.file_name() != Some(std::ffi::OsStr::new("event.toml"))
            || !d.message.ends_with(NO_EVENT_DATE)
        {
            continue;
        }
        let Some(dir) = d.path.parent() else { continue };
        let event = events.iter().find(|e| {
            e.origin == EventOrigin::Folder
                && e.articles.iter().any(|a| a.path.parent() == Some(dir))
        });
        let Some(date) = event.and_then(|e| e.date) else {
            continue;
        };
        let folder = dir
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let source = if title_from_slug(&folder, &[]).0 == Some(date) {
            "the folder name's date"
        } else {
            "the articles' date"
        };
        let kept = d.message.len() - NO_EVENT_DATE.len();
        d.message.truncate(kept);
        d.message.push_str(&format!("; using {source} {date}"));
    }
}

/// The most outlet ids a warning about an unused `outlets.toml` entry lists.
const MAX_LISTED_OUTLETS: usize = 12;

/// Warns about each `outlets.toml` entry whose id is the outlet of no article: its name,
/// country and lean then apply to nothing, which is easy to miss (a front matter
/// `outlet: "NBC News (Online)"` makes the id `nbc-news-online`, not `nbc`).
fn check_unused_outlet_entries(
    entries: &[OutletEntry],
    events: &[Event],
    diags: &mut Vec<Diagnostic>,
) {
    if entries.is_empty() {
        return;
    }
    let used: std::collections::BTreeSet<&str> = events
        .iter()
        .flat_map(|e| e.articles.iter().map(|a| a.outlet.as_str()))
        .collect();
    let mut list: Vec<&str> = used.iter().copied().take(MAX_LISTED_OUTLETS).collect();
    if used.len() > MAX_LISTED_OUTLETS {
        list.push("…");
    }
    let outlets = if list.is_empty() {
        "none".to_string()
    } else {
        list.join(", ")
    };
    const HOW: &str = "an outlet's id is the outlet its articles name, in lower case with \
                       dashes (\"NBC News (Online)\" is nbc-news-online), else the file name";
    // by file, in the order read: a file shared by several projects (tester report 24,
    // finding 6: 68 of its tables unused here) gets one line, a few typos one line each
    let mut by_file: Vec<(&Path, Vec<&OutletEntry>)> = Vec::new();
    for e in entries.iter().filter(|e| !used.contains(e.id.as_str())) {
        match by_file.iter_mut().find(|(p, _)| *p == e.path.as_path()) {
            Some((_, v)) => v.push(e),
            None => by_file.push((e.path.as_path(), vec![e])),
        }
    }
    for (path, unused) in by_file {
        if unused.len() <= MAX_SEPARATE_UNUSED {
            for e in unused {
                diags.push(Diagnostic::warning(
                    &e.path,
                    e.line,
                    format!(
                        "[{}] matches no outlet of the corpus, so it is not used (outlets: \
                         {outlets}); {HOW}",
                        e.table
                    ),
                ));
            }
            continue;
        }
        let mut tables: Vec<&str> = unused
            .iter()
            .take(MAX_LISTED_TABLES)
            .map(|e| e.table.as_str())
            .collect();
        if unused.len() > MAX_LISTED_TABLES {
            tables.push("…");
        }
        diags.push(Diagnostic::warning(
            path,
            unused.first().and_then(|e| e.line),
            format!(
                "{} tables match no outlet of the corpus, so they are not used: {} (outlets: \
                 {outlets}); {HOW}",
                unused.len(),
                tables.join(", ")
            ),
        ));
    }
}

/// Up to this many unused tables of one `outlets.toml` are warned about one by one (likely
/// typos); more are one warning that names them ([`MAX_LISTED_TABLES`] at most).
const MAX_SEPARATE_UNUSED: usize = 3;

/// The most table names the one warning about many unused `outlets.toml` tables lists.
const MAX_LISTED_TABLES: usize = 10;

/// Parses the bytes of an `outlets.toml` (`path` names it in diagnostics) into `outlets`,
/// keyed by outlet id ([`fields::outlet_id`] of the table name). A file over 1 MiB, not
/// UTF-8 or not valid TOML is an error and adds nothing; an outlet table not in the expected
/// form (`name`, `country`, `language`, `lean`, `owner`) is a warning naming its line and is
/// skipped. Returns the entries read: table name and line.
pub fn parse_outlets(
    path: &Path,
    bytes: &[u8],
    outlets: &mut BTreeMap<String, OutletInfo>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Option<usize>)> {
    let mut read = Vec::new();
    let Some(text) = small_toml_text(path, bytes, diags) else {
        return read;
    };
    let table: BTreeMap<String, toml::Value> = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(toml_error(path, text, &e, "outlets.toml"));
            return read;
        }
    };
    let first = diags.len();
    for (id, value) in table {
        let line = text
            .lines()
            .position(|l| l.trim() == format!("[{id}]") || l.trim() == format!("[\"{id}\"]"))
            .map(|i| i + 1);
        match value.try_into::<OutletInfoFile>() {
            Ok(info) => {
                read.push((id.clone(), line));
                outlets.insert(
                    fields::outlet_id(&id),
                    OutletInfo {
                        name: info.name,
                        country: info.country,
                        language: info.language,
                        lean: info.lean,
                        owner: info.owner,
                    },
                );
            }
            Err(e) => diags.push(Diagnostic::warning(
                path,
                line,
                format!(
                    "outlet '{id}' is not in the expected form ({}); ignored",
                    e.message().trim()
                ),
            )),
        }
    }
    // (the table is in key order; its warnings in line order)
    diags[first..].sort_by_key(|d| d.line);
    read.sort_by_key(|(_, line)| *line);
    read
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletInfoFile {
    name: Option<String>,
    country: Option<String>,
    language: Option<String>,
    lean: Option<String>,
    owner: Option<String>,
}

/// Limit of `event.toml` and `outlets.toml`: 1 MiB.
const MAX_TOML_BYTES: usize = 1_048_576;

fn read_small_file(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                None,
                format!("cannot be read ({e}); ignored"),
            ));
            None
        }
    }
}

/// The text of a small TOML file, or an error naming it (over 1 MiB, not UTF-8).
fn small_toml_text<'a>(
    path: &Path,
    bytes: &'a [u8],
    diags: &mut Vec<Diagnostic>,
) -> Option<&'a str> {
    if bytes.len() > MAX_TOML_BYTES {
        diags.push(Diagnostic::error(
            path,
            None,
            format!(
                "file is {}, over the {} limit for this file; ignored",
                human_size(bytes.len() as u64),
                human_size(MAX_TOML_BYTES as u64)
            ),
        ));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(_) => {
            diags.push(Diagnostic::error(path, None, "not valid UTF-8; ignored"));
            None
        }
    }
}

fn toml_error(path: &Path, text: &str, e: &toml::de::Error, what: &str) -> Diagnostic {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    Diagnostic::error(
        path,
        line,
        format!("{what} is not valid: {}; ignored", e.message().trim()),
    )
}

/// Groups parsed articles into events: by folder, by the records' `event` field, or automatically
/// (through the cache when given, which adds a line to its notes when it updates a grouping).
fn assemble_events(
    root: &Path,
    (mut parsed, mut digests): (Vec<Parsed>, Option<Vec<u64>>),
    meta: &HashMap<PathBuf, EventMeta>,
    opts: &LoadOptions,
    cache: Option<(&CorpusCache, &mut Vec<String>)>,
    diags: &mut Vec<Diagnostic>,
    progress: &(dyn Fn(grouping::GroupingProgress) + Sync),
) -> Vec<Event> {
    let mut by_key: BTreeMap<(u8, String), Vec<Arc<Article>>> = BTreeMap::new();
    let mut folder_of: HashMap<String, PathBuf> = HashMap::new();
    let mut loose: Vec<Arc<Article>> = Vec::new();
    // the loose articles' digests (`digests` given with one per article)
    let mut loose_digests: Option<Vec<u64>> = digests
        .as_ref()
        .filter(|d| d.len() == parsed.len())
        .map(|_| Vec::new());
    // taken from the back, the list shrinking as it empties, so the articles are not held
    // twice (in the list and in the events) on a large corpus; each event's list is turned
    // round after
    // (asked once: hashing the root's path for each of 40,000 articles showed in a profile
    // of the terminal UI's updates)
    let root_is_event = meta.contains_key(root);
    let is_event = |d: &Path| {
        d.file_name()
            .is_some_and(|n| super::event_folder::dated_slug(&n.to_string_lossy()))
            || meta.contains_key(d)
    };
    // event folder -> its sub-folders read as part of it (one folder per outlet)
    let mut joined: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    // a flat folder (an archive: every article grouped) is turned into the loose list in
    // one pass, in place where it can be (no second list, nothing turned round; the terminal
    // UI does this on each change)
    let all_loose = !root_is_event
        && parsed
            .iter()
            .all(|p| p.event.is_none() && p.article.path.parent().unwrap_or(root) == root);
    if all_loose {
        loose_digests = digests.take().filter(|d| d.len() == parsed.len());
        loose = std::mem::take(&mut parsed)
            .into_iter()
            .map(|p| p.article)
            .collect();
    }
    while let Some(p) = parsed.pop() {
        if parsed.capacity() > 4096 && parsed.len() < parsed.capacity() / 2 {
            parsed.shrink_to_fit();
        }
        let digest = digests.as_mut().and_then(Vec::pop);
        if let Some(ev) = p.event {
            by_key.entry((1, ev)).or_default().push(p.article);
            continue;
        }
        // (borrowed: a copy of each article's folder showed in a profile of the UI's updates)
        let own = p.article.path.parent().unwrap_or(root);
        let dir = event_folder_of(own, root, root_is_event, &is_event);
        if dir != own {
            joined
                .entry(dir.to_path_buf())
                .or_default()
                .insert(own.to_path_buf());
        }
        if dir == root && root_is_event {
            // The opened folder is itself one event (it has event.toml).
            let id = folder_name(root);
            folder_of.insert(id.clone(), root.to_path_buf());
            by_key.entry((0, id)).or_default().push(p.article);
        } else if dir != root && dir.starts_with(root) {
            let id = dir
                .strip_prefix(root)
                .map(|r| {
                    let parts: Vec<String> = r
                        .components()
                        .map(|c| fields::name_text(c.as_os_str()))
                        .collect();
                    parts.join("/")
                })
                .unwrap_or_default();
            folder_of.insert(id.clone(), dir.to_path_buf());
            by_key.entry((0, id)).or_default().push(p.article);
        } else {
            loose.push(p.article);
            if let (Some(l), Some(d)) = (&mut loose_digests, digest) {
                l.push(d);
            }
        }
    }
    drop(parsed);
    warn_joined_subfolders(&joined, diags);
    join_folder_events(&mut by_key);
    for list in by_key.values_mut() {
        list.reverse();
    }
    if !all_loose {
        loose.reverse();
        if let Some(d) = &mut loose_digests {
            d.reverse();
        }
    }
    let mut events = Vec::new();
    for ((kind, id), mut articles) in by_key {
        articles.sort_by(|a, b| a.outlet.cmp(&b.outlet).then_with(|| a.path.cmp(&b.path)));
        let first_date = articles.iter().filter_map(|a| a.date).min();
        let ev = if kind == 0 {
            let m = folder_of
                .get(&id)
                .and_then(|d| meta.get(d))
                .cloned()
                .unwrap_or_default();
            let (slug_date, slug_title) =
                title_from_slug(id.rsplit('/').next().unwrap_or(&id), &articles);
            Event {
                title: m.title.unwrap_or(slug_title),
                date: m.date.or(slug_date).or(first_date),
                summary: m.summary,
                tags: m.tags,
                origin: EventOrigin::Folder,
                id,
                articles,
            }
        } else {
            let basil_title = articles
                .iter()
                .find_map(|a| a.extra.get("main-event").cloned());
            let is_basil = articles.iter().any(|a| a.gold.is_some());
            Event {
                title: basil_title.unwrap_or_else(|| title_from_slug(&id, &articles).1),
                date: first_date,
                summary: None,
                tags: Vec::new(),
                origin: if is_basil {
                    EventOrigin::Basil
                } else {
                    EventOrigin::EventField
                },
                id,
                articles,
            }
        };
        events.push(ev);
    }
    if !loose.is_empty() {
        let group = |articles, d: &mut Vec<Diagnostic>| {
            let (events, state) = grouping::group_with_state(articles, &opts.grouping, d, progress);
            (events, Some(state))
        };
        events.extend(match cache {
            Some((c, notes)) => c.group(loose, loose_digests, &opts.grouping, diags, notes, group),
            None => grouping::group_with_progress(loose, &opts.grouping, diags, progress),
        });
        ascii_auto_ids(&mut events);
    }
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    events
}

/// One warning per event folder whose sub-folders were read as part of it
/// ([`event_folder_of`]), naming them: the layout assumed (one folder per outlet) is said.
fn warn_joined_subfolders(
    joined: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    diags: &mut Vec<Diagnostic>,
) {
    for (event_dir, subs) in joined {
        let names: Vec<String> = subs
            .iter()
            .map(|s| {
                let rel = s.strip_prefix(event_dir).unwrap_or(s);
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| fields::name_text(c.as_os_str()))
                    .collect();
                format!("{}/", parts.join("/"))
            })
            .collect();
        let msg = format!(
            "its sub-folder{} {} read as articles of this event (one folder per outlet; \
             a sub-folder named YYYY-MM-DD-words or holding event.toml is an event of its own)",
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        );
        diags.push(Diagnostic::warning(event_dir, None, msg));
    }
}

/// Records whose `event` names an event folder's id (`"event": "2008-12-12-palin-church-fire"`
/// beside the folder of that name) join that folder's event, as the field says, instead of
/// making a second event with the same id.
fn join_folder_events(by_key: &mut BTreeMap<(u8, String), Vec<Arc<Article>>>) {
    let joining: Vec<String> = by_key
        .keys()
        .filter(|(kind, id)| *kind == 1 && by_key.contains_key(&(0, id.clone())))
        .map(|(_, id)| id.clone())
        .collect();
    for id in joining {
        let records = by_key.remove(&(1, id.clone())).unwrap_or_default();
        by_key.entry((0, id)).or_default().extend(records);
    }
}

/// Gives automatically grouped events ASCII ids of `[a-z0-9-]` ([`ascii_slug`]): an id is typed
/// after `compare` and names the export files. Two ids made equal get `-2`, `-3`.
fn ascii_auto_ids(events: &mut [Event]) {
    let mut used: HashSet<String> = events
        .iter()
        .filter(|e| e.origin != EventOrigin::AutoGrouped)
        .map(|e| e.id.clone())
        .collect();
    for e in events
        .iter_mut()
        .filter(|e| e.origin == EventOrigin::AutoGrouped)
    {
        let base = ascii_slug(&e.id);
        let mut id = base.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        e.id = id;
    }
}

/// `text` as a slug of ASCII lower-case letters, digits and single dashes: accents dropped
/// ("é" -> "e"), Cyrillic transliterated, apostrophes dropped ("won't" -> "wont"), any other
/// character a word break ("194,000" -> "194-000", "u.s" -> "u-s").
pub fn ascii_slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    for c in text.nfd().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(latin) = cyrillic_latin(c) {
            out.push_str(latin);
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
            || unicode_normalization::char::is_combining_mark(c)
        {
            // dropped: inside a word
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "event".to_string()
    } else {
        out.to_string()
    }
}

/// A lower-case Cyrillic letter in Latin letters (the common transliteration of Russian).
fn cyrillic_latin(c: char) -> Option<&'static str> {
    const TABLE: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ];
    match c {
        'а'..='я' => Some(TABLE[(c as u32 - 'а' as u32) as usize]),
        'ё' => Some("e"),
        'і' => Some("i"),
        'ї' => Some("yi"),
        'є' => Some("ye"),
        'ґ' => Some("g"),
        _ => None,
    }
}

/// Opening a folder inside a corpus (one event folder): the nearest `outlets.toml` above it
/// gives the outlets' names, countries and leans; an `outlets.toml` in the folder itself is
/// read later and wins. Says what was assumed.
fn parent_outlets(
    path: &Path,
    outlets: &mut BTreeMap<String, OutletInfo>,
    diags: &mut Vec<Diagnostic>,
) {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if abs.join("event.toml").is_file() {
        diags.push(Diagnostic::warning(
            path,
            None,
            "opened as one event: the folder has event.toml",
        ));
    }
    if abs.join("outlets.toml").is_file() {
        return;
    }
    if let Some(file) = abs
        .ancestors()
        .skip(1)
        .take(3)
        .map(|a| a.join("outlets.toml"))
        .find(|f| f.is_file())
    {
        read_outlets(&file, outlets, diags);
        diags.push(Diagnostic::warning(
            path,
            None,
            format!("outlet details read from {}", file.display()),
        ));
    }
}

/// An event folder of a corpus opened on its own, without `event.toml`
/// ([`super::event_folder::parent_corpus`]): one event with the folder's name as its id, as
/// the corpus gives it, not regrouped. Says so.
fn one_event_of_parent(
    path: &Path,
    walk_root: &Path,
    event_meta: &mut HashMap<PathBuf, EventMeta>,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(parent) = super::event_folder::parent_corpus(path) {
        event_meta.insert(walk_root.to_path_buf(), EventMeta::default());
        let msg = format!(
            "opened as one event: the folder is an event folder of the corpus {}",
            parent.display()
        );
        diags.push(Diagnostic::warning(path, None, msg));
    }
}

/// The name of a folder, also for `.` and `..`.
fn folder_name(dir: &Path) -> String {
    dir.file_name()
        .map(fields::name_text)
        .or_else(|| {
            std::fs::canonicalize(dir)
                .ok()
                .and_then(|d| d.file_name().map(fields::name_text))
        })
        .unwrap_or_else(|| "event".to_string())
}

/// "2025-03-18-trump-putin-call" -> (2025-03-18, "Trump putin call"). Each word is written
/// as the slug has it when it has capitals, else as the articles' text writes it most often
/// ("mayorkas-ice" -> "Mayorkas ICE" when the articles say "ICE"), else in lower case
/// (sentence case: a word cut off by the slug, "lev", gets no capital); the first word always
/// starts with a capital. Text still on disk ([`Body::Stored`]) is not read.
fn title_from_slug(slug: &str, articles: &[Arc<Article>]) -> (Option<NaiveDate>, String) {
    let (date, rest) = match slug
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        Some(d) => (Some(d), slug[10..].trim_start_matches(['-', '_', ' '])),
        None => (None, slug),
    };
    let words: Vec<&str> = rest
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let forms = text_casings(&words, articles);
    let title: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            let found = forms.get(&lower);
            let typed = *w != lower;
            let form = match found {
                _ if typed => w.to_string(),
                Some(f) => f.clone(),
                None => lower,
            };
            capitalise_if(&form, i == 0)
        })
        .collect();
    let title = title.join(" ");
    if title.is_empty() {
        return (date, slug.to_string());
    }
    (date, title)
}

/// `w` with a capital first letter when `cap`.
fn capitalise_if(w: &str, cap: bool) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if cap => c.to_uppercase().chain(cs).collect(),
        _ => w.to_string(),
    }
}

/// For each of `words` (lower-cased) found in the articles' bodies, the spelling used most
/// often there (ties: the one with fewer capitals, as a sentence start capitalises a word,
/// then the one that sorts first, so the result does not depend on the articles' order).
fn text_casings(words: &[&str], articles: &[Arc<Article>]) -> HashMap<String, String> {
    let wanted: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut counts: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    for a in articles {
        for tok in a.body.as_str().split(|c: char| !c.is_alphanumeric()) {
            if tok.is_empty() || tok.len() > 40 {
                continue;
            }
            let lower = tok.to_lowercase();
            if wanted.contains(&lower) {
                *counts
                    .entry(lower)
                    .or_default()
                    .entry(tok.into())
                    .or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(w, forms)| {
            let caps = |w: &str| w.chars().filter(|c| c.is_uppercase()).count();
            let best = forms.iter().max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| caps(b.0).cmp(&caps(a.0)))
                    .then_with(|| b.0.cmp(a.0))
            })?;
            Some((w, best.0.clone()))
        })
        .collect()
}

/// Warns of two outlets of one event shown under one display name ("CNN" for `cnn` and for
/// `src2` named so in `outlets.toml`): reports and `--outlets` could not tell them apart.
fn check_same_names(corpus: &Corpus, diags: &mut Vec<Diagnostic>) {
    for ev in &corpus.events {
        let mut by_name: BTreeMap<String, Vec<(&str, &Path)>> = BTreeMap::new();
        for a in &ev.articles {
            let ids = by_name
                .entry(corpus.outlet_name(&a.outlet).to_lowercase())
                .or_default();
            if !ids.iter().any(|(id, _)| *id == a.outlet) {
                ids.push((a.outlet.as_str(), a.path.as_path()));
            }
        }
        for ids in by_name.values().filter(|ids| ids.len() > 1) {
            let (id, path) = ids[1];
            let others: Vec<String> = ids.iter().map(|(id, _)| format!("'{id}'")).collect();
            diags.push(Diagnostic::warning(
                path,
                None,
                format!(
                    "outlets {} of event '{}' have the same name '{}'; reports cannot tell \
                     them apart (give them different names in outlets.toml)",
                    others.join(" and "),
                    ev.id,
                    corpus.outlet_name(id)
                ),
            ));
        }
    }
}

/// Days an article's date may lie from the other articles of its event (folder or `event`
/// field) before it is warned about: a story of another event filed there by mistake
/// (seven years apart, session 16), not a follow-up weeks later.
pub const FAR_DATE_DAYS: i64 = 60;

/// Warns of an article dated more than [`FAR_DATE_DAYS`] from the other articles of its
/// event: from their median date (the other one's, in an event of two dated articles),
/// naming both dates. Automatically grouped events keep to a date window already.
fn check_far_dates(events: &[Event], diags: &mut Vec<Diagnostic>) {
    for ev in events
        .iter()
        .filter(|e| e.origin != EventOrigin::AutoGrouped)
    {
        let mut dates: Vec<NaiveDate> = ev.articles.iter().filter_map(|a| a.date).collect();
        if dates.len() < 2 {
            continue;
        }
        dates.sort_unstable();
        let median = dates[dates.len() / 2];
        for a in &ev.articles {
            let Some(d) = a.date else { continue };
            let other = match dates.len() {
                2 if dates[0] == d => dates[1],
                2 => dates[0],
                _ => median,
            };
            let days = (d - other).num_days().abs();
            if days > FAR_DATE_DAYS {
                let apart = match days {
                    ..730 => format!("{days} days"),
                    _ => format!("{} years", days / 365),
                };
                diags.push(Diagnostic::warning(
                    &a.path,
                    None,
                    format!(
                        "dated {d}, {apart} from the other articles of event '{}' ({other}): \
                         a story of another event? (it is compared with them)",
                        ev.id
                    ),
                ));
            }
        }
    }
}

/// Warns of each automatically grouped article that is an event alone while written in
/// another language than most grouped articles, when events of its day in that language
/// exist: grouping compares words, which two languages do not share, so a Russian report of
/// an English-covered event stays apart ("grouped alone").
fn check_lone_languages(events: &[Event], diags: &mut Vec<Diagnostic>) {
    let auto = || {
        events
            .iter()
            .filter(|e| e.origin == EventOrigin::AutoGrouped)
    };
    let mut langs: HashMap<&str, usize> = HashMap::new();
    for a in auto().flat_map(|e| &e.articles) {
        if let Some(l) = a.language.as_deref() {
            *langs.entry(l).or_default() += 1;
        }
    }
    // the commonest language (ties: the first in order, so the output is the input's alone)
    let Some(main) = langs
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(l, _)| l.to_string())
    else {
        return;
    };
    for ev in auto().filter(|e| e.articles.len() == 1) {
        let a = &ev.articles[0];
        let (Some(lang), Some(day)) = (a.language.as_deref(), a.date) else {
            continue;
        };
        if lang == main {
            continue;
        }
        let same_day = auto()
            .filter(|e| e.date == Some(day))
            .filter(|e| {
                e.articles
                    .iter()
                    .any(|x| x.language.as_deref() == Some(&main))
            })
            .count();
        if same_day > 0 {
            let msg = format!(
                "1 article in another language ({lang}) grouped alone: grouping compares \
                 words, which {lang} and {main} do not share, and {same_day} event(s) of {day} \
                 are in {main}; to compare it with one of them, put their files in one \
                 event folder (YYYY-MM-DD-words/)"
            );
            diags.push(Diagnostic::warning(&a.path, None, msg));
        }
    }
}

/// Warns of two articles of one outlet in an event, naming the one before.
fn check_duplicate_outlets(events: &[Event], diags: &mut Vec<Diagnostic>) {
    for ev in events {
        for (a, before) in outlet_repeats(&ev.articles) {
            diags.push(Diagnostic::warning(
                &a.path,
                None,
                format!(
                    "two articles claim outlet '{}' in event '{}' (also {}); both are kept as separate columns",
                    a.outlet,
                    ev.id,
                    before.display()
                ),
            ));
        }
    }
}

/// Each article whose outlet an article before it in `articles` has, with the path of the
/// last such article, in order.
fn outlet_repeats(articles: &[Arc<Article>]) -> Vec<(&Article, &Path)> {
    let mut out = Vec::new();
    if articles.len() <= 32 {
        // (a list, not a map, for the usual few articles: an archive has 13,000 events, and
        // a map per event showed in a profile of the terminal UI's updates)
        for (i, a) in articles.iter().enumerate() {
            if let Some(b) = articles[..i].iter().rev().find(|b| b.outlet == a.outlet) {
                out.push((&**a, b.path.as_path()));
            }
        }
        return out;
    }
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for a in articles {
        if let Some(before) = seen.insert(&a.outlet, &a.path) {
            out.push((&**a, before));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_and_utf16_are_converted_with_a_warning() {
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode("Путин и Трамп договорились.");
        let mut d = Vec::new();
        let text = decode(Path::new("ru.txt"), cp.into_owned(), &mut d).unwrap();
        assert_eq!(text, "Путин и Трамп договорились.");
        assert!(d[0].message.contains("Windows-1251"), "{}", d[0]);

        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Hello".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let mut d = Vec::new();
        assert_eq!(
            decode(Path::new("w.txt"), utf16, &mut d).as_deref(),
            Some("Hello")
        );
        assert!(d[0].message.contains("UTF-16LE"), "{}", d[0]);
    }

    #[test]
    fn event_toml_keeps_its_good_keys_and_warns_about_the_others() {
        let text = "title = \"Ev 1\"\ndate = 2025-03-18\nsource = \"x\"\nsummary = 3\ntags = [\"a\", \"b\"]\n";
        let mut d = Vec::new();
        let meta = parse_event_meta(Path::new("ev1/event.toml"), text.as_bytes(), &mut d).unwrap();
        assert_eq!(meta.title.as_deref(), Some("Ev 1"));
        assert_eq!(meta.date, NaiveDate::from_ymd_opt(2025, 3, 18));
        assert_eq!(meta.summary, None);
        assert_eq!(meta.tags, ["a", "b"]);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d.iter()
                .all(|d| d.severity == crate::corpus::Severity::Warning)
        );
        let unknown = d
            .iter()
            .find(|d| d.message.contains("unknown key 'source'"))
            .unwrap();
        assert_eq!(unknown.line, Some(3));
        let summary = d
            .iter()
            .find(|d| d.message.contains("'summary' must be text"))
            .unwrap();
        assert_eq!(summary.line, Some(4));
        // a bad date is the event's, not an article's
        let mut d = Vec::new();
        let meta = parse_event_meta(
            Path::new("event.toml"),
            b"title = \"T\"\ndate = \"soon\"\n",
            &mut d,
        )
        .unwrap();
        assert_eq!((meta.title.as_deref(), meta.date), (Some("T"), None));
        assert!(d[0].message.contains("the event has no date"), "{d:?}");
        assert_eq!(d[0].line, Some(2));
    }

    #[test]
    fn latin1_bytes_are_read_as_windows_1252_with_a_warning() {
        let mut d = Vec::new();
        let text = decode(Path::new("x.txt"), b"caf\xe9 au lait".to_vec(), &mut d).unwrap();
        assert_eq!(text, "café au lait");
        assert!(d[0].message.contains("Windows-1252"), "{d:?}");
        // bytes that are no known legacy text still fall back to replacement characters
        let text = decode(Path::new("x.txt"), b"caf\x81\x90 au lait".to_vec(), &mut d).unwrap();
        assert!(text.contains('\u{FFFD}'));
        assert!(d[1].message.contains("not valid UTF-8"));
    }

    #[test]
    fn an_outlet_repeated_in_an_event_names_the_article_before_short_list_or_long() {
        for n in [5, 40] {
            let articles: Vec<Arc<Article>> = (0..n)
                .map(|i| {
                    let outlet = ["a", "b", "a", "c", "a"][i % 5];
                    Arc::new(crate::cache::grouping::tests::article(
                        &format!("{i}.md"),
                        outlet,
                        "text",
                    ))
                })
                .collect();
            let got: Vec<(String, String)> = outlet_repeats(&articles)
                .into_iter()
                .map(|(a, b)| (a.path.display().to_string(), b.display().to_string()))
                .collect();
            let mut want = Vec::new();
            for i in 0..n {
                let before = (0..i)
                    .rev()
                    .find(|&j| articles[j].outlet == articles[i].outlet);
                want.extend(before.map(|j| (format!("{i}.md"), format!("{j}.md"))));
            }
            assert_eq!(got, want, "{n} articles");
            assert_eq!(
                &got[..2],
                [
                    ("2.md".into(), "0.md".into()),
                    ("4.md".into(), "2.md".into())
                ]
            );
        }
    }

    #[test]
    fn a_folder_of_ecbplus_files_gives_one_warning_naming_eval_ecbplus() {
        let dir = tempfile::tempdir().unwrap();
        let set = dir.path().join("ecbplus-dev");
        std::fs::create_dir(&set).unwrap();
        for n in 1..=3 {
            std::fs::write(set.join(format!("{n}ecb.conll")), "1\t0\tThe\n").unwrap();
        }
        std::fs::write(set.join("sentences.csv"), "a,b\n").unwrap();
        std::fs::write(dir.path().join("notes.docx"), "x").unwrap();
        let (found, diags) = walk(dir.path(), &LoadOptions::default());
        assert!(found.is_empty());
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(diags.len(), 2, "{messages:?}");
        let set_note = diags
            .iter()
            .find(|d| d.path == set)
            .expect("a note on the folder");
        let want = format!(
            "3 ECB+ CoNLL files ('.conll') and 1 other file(s): a research data set, not \
             articles; not read (`framediff eval ecbplus --data {}` reads them)",
            dir.path().display()
        );
        assert_eq!(set_note.message, want);
        // a file in no article format elsewhere keeps its own warning
        assert!(diags.iter().any(|d| d.path.ends_with("notes.docx")));
    }

    #[test]
    fn an_article_dated_years_from_its_event_is_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let ev = dir.path().join("grimm");
        std::fs::create_dir(&ev).unwrap();
        let article = |name: &str, outlet: &str, date: &str| {
            let text = format!("---\noutlet: {outlet}\ndate: {date}\n---\n\nGrimm was charged.\n");
            std::fs::write(ev.join(name), text).unwrap();
        };
        article("fox.md", "fox", "2014-04-25");
        article("nyt.md", "nyt", "2014-04-28");
        article("hpo.md", "hpo", "2014-05-20");
        article("politico.md", "politico", "2021-10-18");
        let corpus = load(dir.path());
        let far: Vec<&Diagnostic> = corpus
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("dated "))
            .collect();
        assert_eq!(far.len(), 1, "{far:?}");
        assert!(far[0].path.ends_with("politico.md"));
        assert_eq!(
            far[0].message,
            "dated 2021-10-18, 7 years from the other articles of event 'grimm' (2014-05-20): \
             a story of another event? (it is compared with them)"
        );
    }

    #[test]
    fn slug_titles() {
        let (d, t) = title_from_slug("2025-03-18-trump-putin-call", &[]);
        assert_eq!(d.map(|d| d.to_string()).as_deref(), Some("2025-03-18"));
        assert_eq!(t, "Trump putin call");
        assert_eq!(title_from_slug("jeddah_talks", &[]).1, "Jeddah talks");
        assert_eq!(
            title_from_slug("2021-10-18-Colin-Powell", &[]).1,
            "Colin Powell"
        );
    }

    #[test]
    fn slug_words_take_the_spelling_the_articles_use_most() {
        let art = |body: &str| Article {
            path: "a.md".into(),
            outlet: "a".into(),
            title: "Weekly Jobless Claims Fall".into(),
            date: None,
            date_alt: None,
            url: None,
            author: None,
            language: None,
            kind: None,
            body: body.into(),
            origin: crate::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        };
        let arts = [
            Arc::new(art(
                "ICE agents, the ICE memo. Mayorkas said jobless claims fell.",
            )),
            Arc::new(art("Claims rose; ice on the road. Colin Powell died.")),
        ];
        let t = |slug| title_from_slug(slug, &arts).1;
        assert_eq!(t("2021-10-12-mayorkas-ice"), "Mayorkas ICE");
        assert_eq!(t("2021-10-14-jobless-claims"), "Jobless claims");
        assert_eq!(t("2021-10-18-colin-powell"), "Colin Powell");
        assert_eq!(t("powell-and-ukraine"), "Powell and ukraine");
        // words the articles do not spell (cut off by the slug) get no capital
        assert_eq!(
            t("2021-10-14-weekly-jobless-claims-fall-to-lowest-lev"),
            "Weekly jobless claims fall to lowest lev"
        );
    }

    #[test]
    fn an_unknown_table_in_event_toml_is_warned_about_at_its_line_in_order() {
        let text = "title = \"Ev\"\nsource = \"x\"\n\n[extra]\nnote = 1\n";
        let mut d = Vec::new();
        parse_event_meta(Path::new("ev/event.toml"), text.as_bytes(), &mut d).unwrap();
        let lines: Vec<Option<usize>> = d.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(4)], "{d:?}");
        assert!(d[1].message.contains("unknown key 'extra'"), "{d:?}");
    }

    /// Tester report 18, item 18: a Russian article of the day of English ones, in a flat
    /// folder, is grouped alone, and `check` says why.
    #[test]
    fn an_article_in_another_language_grouped_alone_is_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        let en = |outlet: &str| {
            format!(
                "---\noutlet: {outlet}\ndate: 2021-05-24\n---\n\nBelarus forced a Ryanair plane \
                 to land in Minsk and arrested the journalist Roman Protasevich on board.\n"
            )
        };
        std::fs::write(dir.path().join("bbc.md"), en("BBC")).unwrap();
        std::fs::write(dir.path().join("nbc.md"), en("NBC")).unwrap();
        let ru = "---\noutlet: РИА\ndate: 2021-05-24\n---\n\nБелоруссия посадила самолёт \
                  Ryanair в Минске и задержала журналиста Романа Протасевича.\n";
        std::fs::write(dir.path().join("ria.md"), ru).unwrap();
        let corpus = load(dir.path());
        let lone: Vec<&Diagnostic> = corpus
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("grouped alone"))
            .collect();
        assert_eq!(lone.len(), 1, "{:?}", corpus.diagnostics);
        assert!(lone[0].path.ends_with("ria.md"), "{:?}", lone[0]);
        assert!(
            lone[0].message.contains("another language (ru)"),
            "{:?}",
            lone[0]
        );
        // without the English articles of its day: nothing to say
        std::fs::remove_file(dir.path().join("bbc.md")).unwrap();
        std::fs::remove_file(dir.path().join("nbc.md")).unwrap();
        let corpus = load(dir.path());
        assert!(
            corpus
                .diagnostics
                .iter()
                .all(|d| !d.message.contains("grouped alone")),
            "{:?}",
            corpus.diagnostics
        );
    }

    #[test]
    fn automatic_ids_are_ascii_slugs() {
        for (text, slug) in [
            (
                "auto-2021-10-10-taiwan-won't-be-forced-to-bow",
                "auto-2021-10-10-taiwan-wont-be-forced-to-bow",
            ),
            (
                "auto-2021-10-14-fda-advisory-panel-unanimously-endorses-moderna\u{2019}s",
                "auto-2021-10-14-fda-advisory-panel-unanimously-endorses-modernas",
            ),
            (
                "auto-2021-10-08-us-employers-add-a-weak-194,000",
                "auto-2021-10-08-us-employers-add-a-weak-194-000",
            ),
            (
                "auto-2021-09-28-yellen-warns-lawmakers-u.s-treasury-to",
                "auto-2021-09-28-yellen-warns-lawmakers-u-s-treasury-to",
            ),
            (
                "auto-2025-03-18-путин-и-трамп",
                "auto-2025-03-18-putin-i-tramp",
            ),
            ("auto-café-\"déjà\"-vu", "auto-cafe-deja-vu"),
            ("«»", "event"),
        ] {
            assert_eq!(ascii_slug(text), slug);
        }
    }
}
