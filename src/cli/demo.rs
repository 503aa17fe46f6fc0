//! The sample corpus, built into the binary so that `framediff` works after `cargo install`.
//!
//! `framediff --demo` (and `framediff` where no `./corpus` exists) writes these files to the
//! user's cache folder and opens them from there, so annotations and exports work as for any
//! corpus. A test checks that this list is exactly the `corpus/` folder.

use std::path::{Path, PathBuf};

/// Every file of `corpus/`, by path relative to it.
pub const FILES: &[(&str, &str)] = &[
    (
        "2025-03-11-jeddah-talks/event.toml",
        include_str!("../../corpus/2025-03-11-jeddah-talks/event.toml"),
    ),
    (
        "2025-03-11-jeddah-talks/fox-news.md",
        include_str!("../../corpus/2025-03-11-jeddah-talks/fox-news.md"),
    ),
    (
        "2025-03-11-jeddah-talks/kyiv-independent.md",
        include_str!("../../corpus/2025-03-11-jeddah-talks/kyiv-independent.md"),
    ),
    (
        "2025-03-11-jeddah-talks/reuters.md",
        include_str!("../../corpus/2025-03-11-jeddah-talks/reuters.md"),
    ),
    (
        "2025-03-11-jeddah-talks/ria-novosti.md",
        include_str!("../../corpus/2025-03-11-jeddah-talks/ria-novosti.md"),
    ),
    (
        "2025-03-18-trump-putin-call/bbc.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/bbc.md"),
    ),
    (
        "2025-03-18-trump-putin-call/event.toml",
        include_str!("../../corpus/2025-03-18-trump-putin-call/event.toml"),
    ),
    (
        "2025-03-18-trump-putin-call/fox-news.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/fox-news.md"),
    ),
    (
        "2025-03-18-trump-putin-call/izvestia-ru.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/izvestia-ru.md"),
    ),
    (
        "2025-03-18-trump-putin-call/izvestia.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/izvestia.md"),
    ),
    (
        "2025-03-18-trump-putin-call/kp.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/kp.md"),
    ),
    (
        "2025-03-18-trump-putin-call/kremlin-readout.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/kremlin-readout.md"),
    ),
    (
        "2025-03-18-trump-putin-call/kyiv-independent.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/kyiv-independent.md"),
    ),
    (
        "2025-03-18-trump-putin-call/white-house-readout.md",
        include_str!("../../corpus/2025-03-18-trump-putin-call/white-house-readout.md"),
    ),
    ("README.md", include_str!("../../corpus/README.md")),
    ("outlets.toml", include_str!("../../corpus/outlets.toml")),
];

/// Start of the name of the folder the sample corpus is written to in the cache root.
pub const SAMPLE_PREFIX: &str = "sample-corpus-";

/// Writes the sample corpus to the cache folder (only files that differ) and returns its path.
pub fn extract() -> std::io::Result<PathBuf> {
    let base =
        crate::cache::default_root().unwrap_or_else(|| std::env::temp_dir().join("framediff"));
    let dir = base.join(format!("{SAMPLE_PREFIX}{}", env!("CARGO_PKG_VERSION")));
    extract_to(&dir)?;
    Ok(dir)
}

/// Writes the sample corpus into `dir`, leaving files that already have the right content.
pub fn extract_to(dir: &Path) -> std::io::Result<()> {
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = path.with_extension("framediff-tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_files_are_exactly_the_sample_corpus() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| !e.path().components().any(|c| c.as_os_str() == ".framediff"))
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default()
            })
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(embedded, on_disk, "update FILES in src/cli/demo.rs");
    }

    #[test]
    fn extracting_gives_a_corpus_with_both_events() {
        let dir = tempfile::tempdir().expect("tempdir");
        extract_to(dir.path()).expect("extract");
        extract_to(dir.path()).expect("a second extraction is harmless");
        let corpus = crate::corpus::load(dir.path());
        assert_eq!(corpus.events.len(), 2, "{:?}", corpus.diagnostics);
        assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
    }
}
