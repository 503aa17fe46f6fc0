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
/// as the corpus does.
pub fn analyse(corpus: &Corpus, event: &Event) -> Result<Comparison, String> {
    analyse_with(corpus, event, &crate::analysis::Backend::Lexical)
}

/// [`analyse`] with the similarity backend chosen at start (lexical unless a model was
/// given); an embedding error is logged and those claims are compared lexically.
pub fn analyse_with(
    corpus: &Corpus,
    event: &Event,
    similarity: &crate::analysis::Backend,
) -> Result<Comparison, String> {
    let options = crate::analysis::CompareOptions {
        backend: similarity.clone(),
        ..crate::analysis::CompareOptions::for_corpus(corpus)
    };
    let comparison = crate::analysis::compare(event, &options);
    if let Some(e) = similarity.take_error() {
        crate::cli::log::debug(format_args!("embedding: {e}; compared lexically"));
    }
    Ok(comparison)
}

/// Word-level diff of two claims; `None` when the engine has no diff.
pub fn word_diff(a: &str, b: &str) -> Option<WordDiff> {
    Some(crate::analysis::word_diff(a, b))
}
