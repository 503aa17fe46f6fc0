//! What is restored on the next start in the same corpus: the open event, the place in it,
//! pinned and hidden outlets. Kept in `<corpus>/.framediff/session.json`; a missing or broken
//! file just means a fresh start (it holds nothing the user wrote).

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
}

/// `<corpus>/.framediff/session.json` (beside the annotations).
pub fn path_for(corpus: &Path) -> PathBuf {
    crate::annotations::path_for(corpus).with_file_name("session.json")
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
    /// A writer for the session file at `path` (see [`path_for`]).
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
}
