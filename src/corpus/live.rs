//! A corpus kept loaded, to which changed files are applied: the terminal UI's corpus while
//! files are watched (docs/scaling.md, "Incremental updates in the terminal UI").
//!
//! A whole load ([`super::load_with`]) walks the corpus, reads every file (from the cache's
//! parsed-file records when unchanged), then runs duplicate removal and grouping, which the
//! cache replays or updates from its records. [`Live`] keeps what the first two steps gave
//! (every article file with its articles and diagnostics, in walk order, and the metadata
//! files' results) and the cache's duplicate and grouping records in memory
//! ([`CorpusCache::keep_in_memory`]), so a change of a few files reads those files alone and
//! runs the corpus-wide steps from memory: the same steps, on the same input, as a whole load
//! of the changed corpus after the same sequence of changes, hence the same corpus
//! (`tests/it/live.rs`). Where applying is not safe (a folder, an `event.toml` or
//! `outlets.toml`, a JSON Lines dump, a file the walk reported, a symbolic link), [`Live::apply`]
//! says why and the caller loads the corpus whole again.

use std::path::{Component, Path, PathBuf};

use super::load::{self, FileOutput, Found, Frame, LoadOptions, Progress, Role, Walked};
use super::model::{Corpus, Diagnostic};
use super::text::Parsed;
use crate::cache::CorpusCache;
use crate::cache::grouping::article_digest;

/// The most changed files whose articles are patched into the spare copy
/// ([`Live::prepare`]); more, and the update copies every article itself.
const MAX_PATCHED: usize = 8;

/// A loaded corpus that changed files can be applied to.
pub struct Live {
    opts: LoadOptions,
    cache: Option<CorpusCache>,
    frame: Frame,
    /// The walk's and the metadata files' diagnostics (the first of a whole load's).
    walk_diags: Vec<Diagnostic>,
    /// Every article file and what it gave, in walk order (by path).
    files: Vec<FileEntry>,
    /// `frame.walk_root` made absolute, to match the watcher's paths.
    absolute_root: PathBuf,
    /// A copy of every file's articles in walk order (the list duplicate removal and grouping
    /// take), made by [`Live::prepare`] after an update has been handed out: the next update
    /// takes it, patched for the files it changed, instead of copying every article while its
    /// change waits to be shown.
    spare: Option<Vec<Parsed>>,
}

/// One article file as read, and its articles' digests
/// ([`crate::cache::grouping::article_digest`]: each text is hashed once, when read).
struct FileEntry {
    found: Found,
    out: FileOutput,
    digests: Vec<u64>,
}

impl FileEntry {
    fn new(found: Found, out: FileOutput) -> Self {
        let digests = out
            .parsed
            .iter()
            .map(|p| article_digest(&p.article))
            .collect();
        Self {
            found,
            out,
            digests,
        }
    }
}

/// What applying changed paths did.
#[derive(Debug)]
pub enum Applied {
    /// The corpus with the changes.
    Changed(Corpus),
    /// None of the paths is read by a load (hidden files, README, a file created and removed
    /// again): the corpus is the same.
    Unchanged,
}

/// What one changed path is to a load.
enum Change {
    /// An article file, new or changed.
    Upsert(Found),
    /// The article file at this index of `files` is gone.
    Remove(PathBuf),
    /// Nothing a load reads.
    Ignore,
}

impl Live {
    /// Loads the corpus at `path` like [`super::load_with`] (the same corpus), keeping what
    /// later changes need. The [`Live`] is `None` where changes cannot be applied (a single
    /// file, a BASIL release, a walk cut short, a path that does not exist): reload those
    /// whole.
    pub fn load(
        path: &Path,
        opts: &LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> (Option<Live>, Corpus) {
        let cache = opts
            .cache
            .as_deref()
            .and_then(|root| CorpusCache::open(root, path))
            .map(CorpusCache::keep_in_memory);
        let opts = LoadOptions {
            event_index: false,
            ..opts.clone()
        };
        let Walked {
            frame,
            article_files,
            diags,
            ..
        } = match load::walk_corpus(path, &opts, None) {
            Ok(w) => w,
            Err(missing) => return (None, missing),
        };
        let outputs = load::read_all(&article_files, &opts, cache.as_ref(), progress);
        let mut live = Live {
            absolute_root: std::path::absolute(&frame.walk_root)
                .unwrap_or_else(|_| frame.walk_root.clone()),
            opts,
            cache,
            frame,
            walk_diags: diags,
            spare: None,
            files: article_files
                .into_iter()
                .zip(outputs)
                .map(|(f, o)| FileEntry::new(f, o))
                .collect(),
        };
        let corpus = live.corpus(progress);
        let appliable = path.is_dir()
            && !live.frame.basil_root
            && !live
                .walk_diags
                .iter()
                .any(|d| d.path == live.frame.walk_root)
            && live
                .files
                .windows(2)
                .all(|w| w[0].found.path < w[1].found.path)
            && live.files.iter().all(|f| f.found.role != Role::JsonLines);
        if !appliable {
            live.files.clear();
        }
        (appliable.then_some(live), corpus)
    }

    /// Applies the files at `changed` (added, changed or removed, as a file watcher reports
    /// them; absolute or as the corpus path was given): reads those files alone and runs
    /// duplicate removal and grouping again from the records in memory.
    ///
    /// # Errors
    /// Why the change cannot be applied (a folder, a metadata file, a symbolic link, ...):
    /// load the corpus whole instead. `self` is unchanged then.
    pub fn apply(
        &mut self,
        changed: &[PathBuf],
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Applied, String> {
        let mut paths: Vec<&PathBuf> = changed.iter().collect();
        paths.sort();
        paths.dedup();
        let mut upserts = Vec::new();
        let mut removed = Vec::new();
        for p in paths {
            match self.classify(p)? {
                Change::Upsert(f) => upserts.push(f),
                Change::Remove(p) => removed.push(p),
                Change::Ignore => {}
            }
        }
        if upserts.is_empty() && removed.is_empty() {
            return Ok(Applied::Unchanged);
        }
        let start = std::time::Instant::now();
        // read and parsed directly: the parsed-file cache would read (and write back) a
        // whole shard of records for each file; a later whole load parses these few files
        let outputs = load::read_all(&upserts, &self.opts, None, &|_| {});
        crate::cli::log::debug(format_args!(
            "live: {} changed files read in {:?}",
            upserts.len(),
            start.elapsed()
        ));
        if removed.len() + upserts.len() > MAX_PATCHED {
            // (each patch moves the copy's tail: past a few files, copying anew is cheaper)
            self.spare = None;
        }
        for p in removed {
            if let Ok(i) = self.position(&p) {
                self.patch_spare(i, true, &[]);
                self.files.remove(i);
            }
        }
        for (f, out) in upserts.into_iter().zip(outputs) {
            let entry = FileEntry::new(f, out);
            match self.position(&entry.found.path) {
                Ok(i) => {
                    self.patch_spare(i, true, &entry.out.parsed);
                    self.files[i] = entry;
                }
                Err(i) => {
                    self.patch_spare(i, false, &entry.out.parsed);
                    self.files.insert(i, entry);
                }
            }
        }
        Ok(Applied::Changed(self.corpus(progress)))
    }

    /// Readies the next update while none waits: makes the grouping's postings index
    /// ([`CorpusCache::prepare_grouping_index`]) where the cache has none for its record, and
    /// copies the list of every file's articles ([`Live::apply`] takes the copy and patches
    /// it for the files it changes; the articles themselves are shared), so that update does
    /// neither while its change waits to be shown. Call it after an update (or the load) has
    /// been handed out; without it an update reads the postings and copies the list itself.
    pub fn prepare(&mut self) {
        if let Some(c) = &self.cache {
            c.prepare_grouping_index();
        }
        if self.spare.is_none() && !self.files.is_empty() {
            let start = std::time::Instant::now();
            let n = self.files.iter().map(|f| f.out.parsed.len()).sum();
            let mut spare = Vec::with_capacity(n);
            for f in &self.files {
                spare.extend(f.out.parsed.iter().cloned());
            }
            self.spare = Some(spare);
            crate::cli::log::debug(format_args!(
                "live: articles copied for the next update in {:?}",
                start.elapsed()
            ));
        }
    }

    /// Puts a change of the file at `at` of `files` into the spare copy, before `files`
    /// changes: its articles there (`present`: it is in `files`, else it is to be inserted
    /// at `at`) are replaced by copies of `new`.
    fn patch_spare(&mut self, at: usize, present: bool, new: &[Parsed]) {
        let Some(spare) = &mut self.spare else {
            return;
        };
        let start: usize = self.files[..at].iter().map(|f| f.out.parsed.len()).sum();
        let old = if present {
            self.files[at].out.parsed.len()
        } else {
            0
        };
        spare.splice(start..start + old, new.iter().cloned());
    }

    /// Waits until the cache records written so far are on disk.
    pub fn flush(&self) {
        if let Some(c) = &self.cache {
            c.flush();
        }
    }

    /// The corpus of the files as they are now: the corpus-wide steps over copies of every
    /// file's articles (the copy [`Live::prepare`] made, when there is one).
    fn corpus(&mut self, progress: &(dyn Fn(Progress) + Sync)) -> Corpus {
        let start = std::time::Instant::now();
        let n: usize = self.files.iter().map(|f| f.digests.len()).sum();
        let mut digests = Vec::with_capacity(n);
        let mut diags = self.walk_diags.clone();
        let spare = self.spare.take().filter(|s| s.len() == n);
        let prepared = spare.is_some();
        let parsed = match spare {
            Some(spare) => spare,
            None => {
                let mut parsed = Vec::with_capacity(n);
                for f in &self.files {
                    parsed.extend(f.out.parsed.iter().cloned());
                }
                parsed
            }
        };
        for f in &self.files {
            digests.extend_from_slice(&f.digests);
            diags.extend(f.out.diagnostics.iter().cloned());
        }
        crate::cli::log::debug(format_args!(
            "live: {n} articles {} (texts shared) in {:?}",
            if prepared {
                "taken from the copy made before"
            } else {
                "copied"
            },
            start.elapsed()
        ));
        load::finish(
            &self.frame,
            parsed,
            Some(digests),
            diags,
            &self.opts,
            self.cache.as_ref(),
            progress,
        )
    }

    /// Where the file `path` is in `files` (`Err`: where it would go).
    fn position(&self, path: &Path) -> Result<usize, usize> {
        self.files
            .binary_search_by(|f| f.found.path.as_path().cmp(path))
    }

    /// `changed` below the walked folder, spelt as the walk spells it; `None` when outside.
    fn relative<'a>(&self, changed: &'a Path) -> Option<&'a Path> {
        changed
            .strip_prefix(&self.frame.walk_root)
            .or_else(|_| changed.strip_prefix(&self.absolute_root))
            .ok()
    }

    /// What the changed path `changed` is to a load of the corpus.
    fn classify(&self, changed: &Path) -> Result<Change, String> {
        let Some(rel) = self.relative(changed) else {
            return Err(format!("{} is outside the corpus", changed.display()));
        };
        let mut parts = Vec::new();
        for c in rel.components() {
            match c {
                Component::Normal(name) => parts.push(name),
                Component::CurDir => {}
                _ => return Err(format!("{} is not a plain path", changed.display())),
            }
        }
        if parts.is_empty() {
            // the corpus folder itself: removed and written again, or moved (the watcher
            // reports no attribute changes)
            return Err(format!(
                "the corpus folder {} was replaced",
                changed.display()
            ));
        }
        if parts.iter().any(|p| p.to_string_lossy().starts_with('.')) {
            // hidden files and folders are never read (the walk skips them)
            return Ok(Change::Ignore);
        }
        if parts.len() > self.opts.max_depth {
            return Err(format!("{} is below the depth read", changed.display()));
        }
        let path = self.frame.walk_root.join(rel);
        let reported = |p: &Path| {
            self.walk_diags.iter().any(|d| d.path.starts_with(p))
                || self.frame.event_meta.keys().any(|k| k.starts_with(p))
        };
        if reported(&path) {
            return Err(format!(
                "{} is a metadata file, or the walk reported it",
                path.display()
            ));
        }
        // every folder on the way must be a plain folder (a link may lead outside)
        let mut dir = self.frame.walk_root.clone();
        for part in &parts[..parts.len() - 1] {
            dir.push(part);
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => return Err(format!("{} is not a plain folder", dir.display())),
                Err(_) => return self.gone(path),
            }
        }
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return self.gone(path),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        if !meta.is_file() {
            return Err(format!(
                "{} is a folder, link or special file",
                path.display()
            ));
        }
        let name = parts[parts.len() - 1].to_string_lossy().to_lowercase();
        let role = match load::role_of(&name) {
            Ok(None) => return Ok(Change::Ignore),
            Ok(Some(r @ (Role::Markdown | Role::Json | Role::Html | Role::Feed))) => r,
            Ok(Some(_)) => return Err(format!("{} is not read as one file", path.display())),
            Err(_) => return Err(format!("{} is in no article format", path.display())),
        };
        if meta.len() > self.opts.max_file_bytes {
            return Err(format!("{} is over the size limit", path.display()));
        }
        Ok(Change::Upsert(Found {
            path,
            role,
            size: meta.len(),
            modified: crate::cache::changed_at(&meta),
        }))
    }

    /// The change for a path that no longer exists.
    fn gone(&self, path: PathBuf) -> Result<Change, String> {
        if self.position(&path).is_ok() {
            return Ok(Change::Remove(path));
        }
        if self.files.iter().any(|f| f.found.path.starts_with(&path)) {
            return Err(format!("the folder {} is gone", path.display()));
        }
        Ok(Change::Ignore)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(outlet: &str, title: &str, body: &str) -> String {
        format!("---\noutlet: {outlet}\ntitle: \"{title}\"\ndate: 2024-03-01\n---\n\n{body}\n")
    }

    /// A folder of two loose articles and its live state (no cache: the classification and
    /// the file list are what is tested here).
    fn live() -> (tempfile::TempDir, Live) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            dir.path().join("a.md"),
            article("bbc", "Bridge opens", "The bridge opened on Monday."),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("c.md"),
            article("dw", "Dam closes", "The dam closed on Friday."),
        )
        .unwrap();
        let opts = LoadOptions {
            cache: None,
            ..LoadOptions::default()
        };
        let (live, corpus) = Live::load(dir.path(), &opts, &|_| {});
        assert_eq!(corpus.article_count(), 2);
        (dir, live.expect("a folder takes changes"))
    }

    fn paths(live: &Live) -> Vec<String> {
        live.files
            .iter()
            .map(|f| {
                f.found
                    .path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    #[test]
    fn an_added_file_goes_where_the_walk_puts_it_and_a_removed_one_leaves() {
        let (dir, mut live) = live();
        std::fs::write(
            dir.path().join("b.md"),
            article("ap", "Port reopens", "The port reopened."),
        )
        .unwrap();
        let Ok(Applied::Changed(c)) = live.apply(&[dir.path().join("b.md")], &|_| {}) else {
            panic!("applied");
        };
        assert_eq!(c.article_count(), 3);
        assert_eq!(paths(&live), ["a.md", "b.md", "c.md"]);
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        let Ok(Applied::Changed(c)) = live.apply(&[dir.path().join("a.md")], &|_| {}) else {
            panic!("applied");
        };
        assert_eq!(c.article_count(), 2);
        assert_eq!(paths(&live), ["b.md", "c.md"]);
        let whole = super::super::load_with(
            dir.path(),
            &LoadOptions {
                cache: None,
                ..LoadOptions::default()
            },
            &|_| {},
        );
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            serde_json::to_string(&whole).unwrap(),
            "the corpus a whole load gives"
        );
    }

    /// The corpus of a whole load of `dir`, as JSON.
    fn whole(dir: &Path) -> String {
        let opts = LoadOptions {
            cache: None,
            ..LoadOptions::default()
        };
        serde_json::to_string(&super::super::load_with(dir, &opts, &|_| {})).unwrap()
    }

    #[test]
    fn an_update_from_the_prepared_copy_gives_the_corpus_a_whole_load_gives() {
        let (dir, mut live) = live();
        // (`prepare`: whether the copy is made before the change, as the terminal UI does)
        let mut step = |changed: &[&str], prepare: bool| {
            if prepare {
                live.prepare();
                let n = live.files.iter().map(|f| f.out.parsed.len()).sum();
                assert_eq!(live.spare.as_ref().map(Vec::len), Some(n));
            }
            let at: Vec<PathBuf> = changed.iter().map(|c| dir.path().join(c)).collect();
            let Ok(Applied::Changed(c)) = live.apply(&at, &|_| {}) else {
                panic!("applied");
            };
            assert!(live.spare.is_none(), "the copy taken");
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                whole(dir.path()),
                "after {changed:?}"
            );
            paths(&live)
        };
        let write = |name: &str, outlet: &str, title: &str| {
            let body = format!("The {title} story, told by {outlet}.");
            std::fs::write(dir.path().join(name), article(outlet, title, &body)).unwrap();
        };
        write("b.md", "ap", "Port reopens");
        step(&["b.md"], true);
        write("a.md", "bbc", "Bridge closes");
        step(&["a.md"], true);
        std::fs::remove_file(dir.path().join("c.md")).unwrap();
        step(&["c.md"], true);
        write("0.md", "afp", "Canal dredged");
        step(&["0.md"], false);
        // several files at once: one removed, one changed, two added (one between others)
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        write("0.md", "afp", "Canal dredged again");
        write("ab.md", "dw", "Lock repaired");
        write("z.md", "rtr", "Weir raised");
        let after = step(&["z.md", "a.md", "ab.md", "0.md"], true);
        assert_eq!(after, ["0.md", "ab.md", "b.md", "z.md"]);
        // more files than are patched: copied anew
        let many: Vec<String> = (0..=MAX_PATCHED).map(|k| format!("m{k}.md")).collect();
        for (k, name) in many.iter().enumerate() {
            write(name, &format!("outlet{k}"), &format!("Mill {k} opens"));
        }
        let names: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(step(&names, true).len(), 4 + many.len());
    }

    #[test]
    fn files_no_load_reads_change_nothing() {
        let (dir, mut live) = live();
        std::fs::write(dir.path().join("README.md"), "notes").unwrap();
        std::fs::create_dir(dir.path().join(".framediff")).unwrap();
        std::fs::write(dir.path().join(".framediff/session.json"), "{}").unwrap();
        let changed = [
            dir.path().join("README.md"),
            dir.path().join(".framediff/session.json"),
            dir.path().join("gone-before-it-was-seen.md"),
        ];
        assert!(matches!(
            live.apply(&changed, &|_| {}),
            Ok(Applied::Unchanged)
        ));
        assert_eq!(paths(&live), ["a.md", "c.md"]);
    }

    #[test]
    fn what_a_whole_load_must_redo_is_refused_and_leaves_the_state_as_it_was() {
        let (dir, mut live) = live();
        std::fs::write(dir.path().join("outlets.toml"), "[bbc]\nname = \"BBC\"\n").unwrap();
        std::fs::write(dir.path().join("notes.docx"), "x").unwrap();
        std::fs::write(dir.path().join("dump.jsonl"), "{}\n").unwrap();
        std::fs::create_dir(dir.path().join("ev")).unwrap();
        std::fs::write(
            dir.path().join("b.md"),
            article("ap", "Port reopens", "The port reopened."),
        )
        .unwrap();
        for name in ["outlets.toml", "notes.docx", "dump.jsonl", "ev"] {
            let with_b = [dir.path().join("b.md"), dir.path().join(name)];
            assert!(live.apply(&with_b, &|_| {}).is_err(), "{name}");
        }
        assert!(
            live.apply(&[PathBuf::from("/elsewhere/x.md")], &|_| {})
                .is_err()
        );
        // the corpus folder itself: the watcher reports it once it was written anew
        let root = [dir.path().to_path_buf()];
        assert!(live.apply(&root, &|_| {}).is_err(), "the folder replaced");
        assert_eq!(paths(&live), ["a.md", "c.md"], "nothing applied");
    }

    #[test]
    fn a_single_file_corpus_takes_no_changes() {
        let (dir, _) = live();
        let opts = LoadOptions {
            cache: None,
            ..LoadOptions::default()
        };
        let (live, corpus) = Live::load(&dir.path().join("a.md"), &opts, &|_| {});
        assert!(live.is_none());
        assert_eq!(corpus.article_count(), 1);
    }
}
