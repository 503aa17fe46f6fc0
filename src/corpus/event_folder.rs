//! One event folder opened on its own (`framediff corpus/2025-03-18-trump-putin-call`): is it
//! an event of a corpus above it, so that it keeps the id, title and annotations it has when
//! the corpus is opened?

use std::path::{Path, PathBuf};

/// The corpus folder that `path` is an event folder of, when `path` is opened on its own; the
/// parent folder, canonical. `path` qualifies when it is a folder without sub-folders (hidden
/// ones aside: `.framediff/`), not a BASIL release, and its parent is a corpus: it holds a
/// `.framediff/` folder (annotations were made there) or an `outlets.toml`, or `path`'s name
/// is an event folder's `YYYY-MM-DD-words` (the layout the README shows). Opened through that
/// parent, such a folder is always one event whose id is its name, so opening it alone gives
/// the same event. `None` for anything else (a flat archive folder is grouped, as before).
pub fn parent_corpus(path: &Path) -> Option<PathBuf> {
    if !path.is_dir() || crate::corpus::basil::is_basil_root(path) || has_subfolder(path) {
        return None;
    }
    let abs = std::fs::canonicalize(path).ok()?;
    let parent = abs.parent()?;
    let name = abs.file_name()?.to_string_lossy();
    let marked = parent.join(".framediff").is_dir() || parent.join("outlets.toml").is_file();
    (marked || dated_slug(&name)).then(|| parent.to_path_buf())
}

/// True when `dir` holds a folder that the walk reads (a name not starting with a dot).
fn has_subfolder(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        !e.file_name().to_string_lossy().starts_with('.') && e.file_type().is_ok_and(|t| t.is_dir())
    })
}

/// `2025-03-18-trump-putin-call`: a date, a dash and at least one more character.
fn dated_slug(name: &str) -> bool {
    name.len() > 11
        && name.as_bytes()[10] == b'-'
        && name
            .get(..10)
            .is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("fd-evfolder-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_dated_folder_is_an_event_of_its_parent() {
        let root = tmp("dated");
        let ev = root.join("2021-10-18-powell-dies");
        std::fs::create_dir_all(&ev).unwrap();
        let parent = std::fs::canonicalize(&root).unwrap();
        assert_eq!(parent_corpus(&ev), Some(parent));
        // undated name, parent with no mark: a flat folder, grouped as before
        let flat = root.join("flat");
        std::fs::create_dir_all(&flat).unwrap();
        assert_eq!(parent_corpus(&flat), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_parent_with_annotations_or_outlets_is_a_corpus() {
        let root = tmp("marked");
        let ev = root.join("grimm");
        std::fs::create_dir_all(&ev).unwrap();
        assert_eq!(parent_corpus(&ev), None);
        std::fs::create_dir_all(root.join(".framediff")).unwrap();
        let parent = std::fs::canonicalize(&root).unwrap();
        assert_eq!(parent_corpus(&ev), Some(parent.clone()));
        std::fs::remove_dir_all(root.join(".framediff")).unwrap();
        std::fs::write(root.join("outlets.toml"), "").unwrap();
        assert_eq!(parent_corpus(&ev), Some(parent));
        // a folder holding event folders is a corpus, not an event
        std::fs::create_dir_all(ev.join("sub")).unwrap();
        assert_eq!(parent_corpus(&ev), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn dated_slugs() {
        assert!(dated_slug("2025-03-18-trump-putin-call"));
        assert!(!dated_slug("2025-03-18"));
        assert!(!dated_slug("2025-13-18-x"));
        assert!(!dated_slug("grimm"));
    }
}
