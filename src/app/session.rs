//! What is restored on the next start in the same corpus: the open event, the place in it,
//! pinned and hidden outlets. Kept in `<corpus>/.framediff/session.json`; a missing or broken
//! file just means a fresh start (it holds nothing the user wrote).

use std::path::{Path, PathBuf};

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
