//! The one place the TUI calls the corpus loader and the analysis engine.
//!
//! Keeping these calls behind three functions means the rest of the TUI depends only on the
//! data model, and tests can drive it with hand-built comparisons.

use std::path::Path;

use crate::analysis::{Comparison, WordDiff};
use crate::corpus::{Corpus, Event};

/// Loads a corpus (slow on big corpora: call it off the UI thread), reporting
/// `(files done, files total)` as it goes. Problems with single files are diagnostics inside
/// the corpus, not errors.
pub fn load_corpus(
    path: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Corpus, String> {
    let opts = crate::corpus::LoadOptions::default();
    Ok(crate::corpus::load_with(path, &opts, &|p| {
        progress(p.files_done, p.files_total)
    }))
}

/// Compares one event's articles (slow: call it off the UI thread). Reasons name outlets
/// as the corpus does; the corpus term statistics come from the cache when it is on.
pub fn analyse(corpus: &Corpus, event: &Event) -> Result<Comparison, String> {
    let root = crate::cache::enabled_root();
    Ok(crate::analysis::compare(
        event,
        &crate::cache::terms::compare_options(corpus, root.as_deref()),
    ))
}

/// Word-level diff of two claims; `None` when the engine has no diff.
pub fn word_diff(a: &str, b: &str) -> Option<WordDiff> {
    Some(crate::analysis::word_diff(a, b))
}
