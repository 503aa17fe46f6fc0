//! What is restored on the next start in the same corpus: the open event, the place in it,
//! pinned and hidden outlets. Kept in the corpus's cache folder (docs/cache.md, "Where"):
//! `<cache root>/corpora/<id>/session.json`, never inside the corpus; a missing or broken file
//! just means a fresh start (it holds nothing the user wrote). Without a cache (`--no-cache`,
//! no home folder) nothing is kept. Older versions wrote `<corpus>/.framediff/session.json`:
//! [`open`] reads such a file once, moves it to the cache folder and removes it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// The view to come back to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Id of the event that was open.
    pub event: Option<String>,
    /// Outlet ids pinned to the left, in order.
    #[serde(default)]
    pub pinned: Vec<String>,
    /// Outlet ids hidden.
    #[serde(default)]
    pub hidden: Vec<String>,
    /// The selected claim: its outlet and sentence index.
    #[serde(default)]
    pub place: Option<(String, usize)>,
    /// The selected claim's text: the claim is found by it first (text added above it moves
    /// its sentence index), by `place` when the text is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_text: Option<String>,
    /// The columns were shown in plain article order (no jump's side-by-side view of the
    /// selected claim's cluster, or `0` ended it): the restored place keeps that view and
    /// does not lay out its cluster's outlets. False (the default, and older files): it
    /// lays them out, as a jump does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub plain_columns: bool,
}

/// File name of the session, in the corpus's cache folder.
pub const FILE: &str = "session.json";

/// `session.json` in the cache folder of `corpus` under the cache `root` (created with the
/// folder's marker when new, as any cached load does); `None` when that folder cannot be
/// created or the build has no cache fingerprint ([`crate::cache::CorpusCache::open`]).
pub fn path_for(root: &Path, corpus: &Path) -> Option<PathBuf> {
    crate::cache::CorpusCache::open(root, corpus).map(|c| c.dir().join(FILE))
}

/// Where versions before the move kept the session: `<corpus>/.framediff/session.json`.
pub fn legacy_path(corpus: &Path) -> PathBuf {
    crate::annotations::path_for(corpus).with_file_name(FILE)
}

/// The session file of `corpus` under the cache `root` (`None`: the cache is off, nothing is
/// kept) and the session to resume. A session in the legacy place inside the corpus is moved
/// to the cache folder (used when the cache folder has none), and `<corpus>/.framediff/` is
/// removed if that leaves it empty (annotations keep it).
pub fn open(root: Option<&Path>, corpus: &Path) -> (Option<PathBuf>, Option<Session>) {
    let Some(path) = root.and_then(|r| path_for(r, corpus)) else {
        return (None, None);
    };
    let mut session = Session::load(&path);
    let legacy = legacy_path(corpus);
    if legacy.is_file() {
        let old = Session::load(&legacy);
        let kept = match (&session, &old) {
            (None, Some(old)) => old.save(&path).is_ok(),
            _ => true,
        };
        if kept {
            session = session.or(old);
            let _ = std::fs::remove_file(&legacy);
            if let Some(dir) = legacy.parent() {
                // only when empty: annotations (the user's own work) keep the folder
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
    (Some(path), session)
}

impl Session {
    /// The saved session, or `None` when there is none or it cannot be read.
    pub fn load(path: &Path) -> Option<Session> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes the session (temporary file and rename; stale temporary files of killed
    /// processes are removed first, a failed write leaves none).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        crate::annotations::clean_stale_temps(path);
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = crate::annotations::temp_path(path, std::process::id());
        let r = std::fs::write(&tmp, json + "\n").and_then(|()| std::fs::rename(&tmp, path));
        if r.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        r
    }
}

/// Writes a session file from several threads so that an older view never replaces a newer
/// one: every save carries a generation number (larger is newer) and a save older than the
/// last one written is dropped. The TUI saves after every change of view, off the UI thread,
/// so a view survives a crash, a closed terminal or a signal, not only `q`.
#[derive(Debug)]
pub struct SessionWriter {
    path: PathBuf,
    /// Generation of the last session written (0: none yet).
    written: Mutex<u64>,
}

impl SessionWriter {
    /// A writer for the session file at `path` (see [`open`]).
    pub fn new(path: PathBuf) -> SessionWriter {
        SessionWriter {
            path,
            written: Mutex::new(0),
        }
    }

    /// Writes `session` unless a newer generation was written already. Returns whether it
    /// wrote.
    ///
    /// # Errors
    /// The I/O error of creating the folder, writing or renaming.
    pub fn save(&self, generation: u64, session: &Session) -> std::io::Result<bool> {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if generation <= *written {
            return Ok(false);
        }
        session.save(&self.path)?;
        *written = generation;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(event: &str) -> Session {
        Session {
            event: Some(event.into()),
            ..Session::default()
        }
    }

    #[test]
    fn an_older_generation_never_replaces_a_newer_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(".framediff").join("session.json");
        let w = SessionWriter::new(path.clone());
        assert!(w.save(2, &view("second")).expect("write"));
        // A save started earlier that lands later is dropped.
        assert!(!w.save(1, &view("first")).expect("no write"));
        assert_eq!(Session::load(&path), Some(view("second")));
        assert!(w.save(u64::MAX, &view("last")).expect("write"));
        assert_eq!(Session::load(&path), Some(view("last")));
        let names: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["session.json"], "no temporary file is left");
    }

    #[test]
    fn the_session_lives_in_the_cache_folder_and_the_corpus_is_left_alone() {
        let corpus = tempfile::tempdir().expect("corpus");
        let root = tempfile::tempdir().expect("cache root");
        let (path, resumed) = open(Some(root.path()), corpus.path());
        let path = path.expect("a session file in the cache");
        assert!(path.starts_with(root.path()), "{}", path.display());
        assert_eq!(resumed, None);
        view("e1").save(&path).expect("save");
        assert!(!corpus.path().join(".framediff").exists());
        let (again, resumed) = open(Some(root.path()), corpus.path());
        assert_eq!(again.as_deref(), Some(path.as_path()));
        assert_eq!(resumed, Some(view("e1")));
        // Without a cache nothing is kept or read.
        assert_eq!(open(None, corpus.path()), (None, None));
    }

    #[test]
    fn a_session_inside_the_corpus_is_moved_to_the_cache_folder() {
        let corpus = tempfile::tempdir().expect("corpus");
        let root = tempfile::tempdir().expect("cache root");
        let legacy = legacy_path(corpus.path());
        view("old").save(&legacy).expect("save");
        let (path, resumed) = open(Some(root.path()), corpus.path());
        assert_eq!(resumed, Some(view("old")));
        assert_eq!(Session::load(&path.expect("path")), Some(view("old")));
        assert!(!legacy.exists());
        assert!(
            !corpus.path().join(".framediff").exists(),
            "the empty folder goes"
        );
        // Annotations keep the folder; a newer session in the cache wins over an old one.
        view("older").save(&legacy).expect("save");
        let notes = legacy.with_file_name("annotations.json");
        std::fs::write(&notes, "{}").expect("annotations");
        let (_, resumed) = open(Some(root.path()), corpus.path());
        assert_eq!(resumed, Some(view("old")));
        assert!(!legacy.exists() && notes.exists());
    }

    /// Item 20 of the session-13 report: the corpus opened by another spelling of its path
    /// (with `..`, through a symlink) comes back to the same session and cache folder.
    #[test]
    fn every_spelling_of_the_corpus_path_finds_the_same_session() {
        let dir = tempfile::tempdir().expect("dir");
        let root = tempfile::tempdir().expect("cache root");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).expect("mkdir");
        let (path, _) = open(Some(root.path()), &corpus);
        view("e1").save(&path.expect("session file")).expect("save");
        let mut spellings = vec![corpus.join("sub").join("..")];
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&corpus, &link).expect("symlink");
            spellings.push(link);
        }
        for other in spellings {
            let (_, resumed) = open(Some(root.path()), &other);
            assert_eq!(resumed, Some(view("e1")), "{}", other.display());
        }
        let folders = std::fs::read_dir(root.path().join("corpora")).expect("list");
        assert_eq!(folders.count(), 1, "one cache folder for the corpus");
    }
}
