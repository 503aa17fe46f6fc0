//! One event folder opened on its own (`framediff corpus/2025-03-18-trump-putin-call`): is it
//! an event of a corpus above it, so that it keeps the id, title and annotations it has when
//! the corpus is opened?

use std::path::{Path, PathBuf};

/// The corpus folder that `path` is an event folder of, when `path` is opened on its own; the
/// parent folder, canonical. `path` qualifies when it is a folder, not a BASIL release, and
/// either its name is an event folder's `YYYY-MM-DD-words` (the layout the README shows) and
/// none of its sub-folders is an event folder itself ([`is_event_folder`]; one folder per
/// outlet, `bbc/index.html`, is read as part of it), or it has no sub-folder (hidden ones
/// aside: `.framediff/`) and its parent is a corpus: it holds a `.framediff/` folder
/// (annotations were made there) or an `outlets.toml`. Opened through that parent, such a
/// folder is always one event whose id is its name, so opening it alone gives the same event.
/// `None` for anything else (a flat archive folder is grouped, as before).
pub fn parent_corpus(path: &Path) -> Option<PathBuf> {
    if !path.is_dir() || crate::corpus::basil::is_basil_root(path) {
        return None;
    }
    let abs = std::fs::canonicalize(path).ok()?;
    let parent = abs.parent()?;
    let name = abs.file_name()?.to_string_lossy();
    let qualifies = if dated_slug(&name) {
        !subfolders(path).iter().any(|d| is_event_folder(d))
    } else {
        let marked = parent.join(".framediff").is_dir() || parent.join("outlets.toml").is_file();
        marked && subfolders(path).is_empty()
    };
    qualifies.then(|| parent.to_path_buf())
}

/// True when `dir` is an event folder whatever folder it is in: its name is a dated
/// `YYYY-MM-DD-words` or it holds an `event.toml`. A folder below such a folder that is not
/// one itself (`2021-05-24-belarus/bbc/`, a page saved one folder per outlet) holds articles of
/// the event above it ([`event_folder_of`]).
pub fn is_event_folder(dir: &Path) -> bool {
    dir.file_name()
        .is_some_and(|n| dated_slug(&n.to_string_lossy()))
        || dir.join("event.toml").is_file()
}

/// The event folder whose event an article in folder `dir` (below the walked folder `root`)
/// belongs to: `dir` itself, unless `dir` is no event folder ([`is_event_folder`], told by
/// `is_event`) and a folder above it, below `root`, is one (the nearest), or `root` is one
/// event (`root_is_event`). Pages saved one folder per outlet inside a dated event folder are
/// thus that event's articles, not one single-outlet event each.
pub fn event_folder_of<'a>(
    dir: &'a Path,
    root: &Path,
    root_is_event: bool,
    is_event: &dyn Fn(&Path) -> bool,
) -> &'a Path {
    if dir == root || !dir.starts_with(root) || is_event(dir) {
        return dir;
    }
    for above in dir.ancestors().skip(1) {
        if above == root {
            return if root_is_event { above } else { dir };
        }
        if is_event(above) {
            return above;
        }
    }
    dir
}

/// The folders in `dir` that the walk reads (names not starting with a dot).
fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| {
            !e.file_name().to_string_lossy().starts_with('.')
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| e.path())
        .collect()
}

/// `2025-03-18-trump-putin-call`: a date, a dash and at least one more character.
pub(crate) fn dated_slug(name: &str) -> bool {
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
    fn a_dated_folder_with_one_folder_per_outlet_is_an_event_of_its_parent() {
        let root = tmp("per-outlet");
        let ev = root.join("2021-05-24-belarus");
        std::fs::create_dir_all(ev.join("bbc")).unwrap();
        let parent = std::fs::canonicalize(&root).unwrap();
        assert_eq!(parent_corpus(&ev), Some(parent));
        // a dated sub-folder is an event of its own: the folder holds events
        std::fs::create_dir_all(ev.join("2021-05-25-more")).unwrap();
        assert_eq!(parent_corpus(&ev), None);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn an_article_folder_below_an_event_folder_belongs_to_it() {
        let is_event = |d: &Path| {
            d.file_name()
                .is_some_and(|n| dated_slug(&n.to_string_lossy()))
        };
        let root = Path::new("/c");
        let ev = Path::new("/c/2021-05-24-belarus");
        let bbc = Path::new("/c/2021-05-24-belarus/bbc");
        let deep = Path::new("/c/2021-05-24-belarus/bbc/news/world");
        assert_eq!(event_folder_of(bbc, root, false, &is_event), ev);
        assert_eq!(event_folder_of(deep, root, false, &is_event), ev);
        assert_eq!(event_folder_of(ev, root, false, &is_event), ev);
        // no event folder above: the folder is its own event, unless the root is one event
        let grimm = Path::new("/c/grimm");
        assert_eq!(event_folder_of(grimm, root, false, &is_event), grimm);
        assert_eq!(event_folder_of(grimm, root, true, &is_event), root);
        let inner = Path::new("/c/2021-05-24-belarus/2021-05-25-more");
        assert_eq!(event_folder_of(inner, root, false, &is_event), inner);
    }

    #[test]
    fn dated_slugs() {
        assert!(dated_slug("2025-03-18-trump-putin-call"));
        assert!(!dated_slug("2025-03-18"));
        assert!(!dated_slug("2025-13-18-x"));
        assert!(!dated_slug("grimm"));
    }
}
