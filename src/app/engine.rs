//! The one place the TUI calls the corpus loader and the analysis engine.
//!
//! Keeping these calls behind three functions means the rest of the TUI depends only on the
//! data model, and tests can drive it with hand-built comparisons.

use std::path::Path;
use std::sync::Arc;

use crate::analysis::{Comparison, WordDiff};
use crate::corpus::{Corpus, Event};

/// Loads a corpus (slow on big corpora: call it off the UI thread), reporting each stage's
/// progress as it goes. Problems with single files are diagnostics inside the corpus, not
/// errors.
pub fn load_corpus(
    path: &Path,
    progress: &(dyn Fn(crate::corpus::Progress) + Sync),
) -> Result<Corpus, String> {
    let opts = crate::corpus::LoadOptions::default();
    Ok(crate::corpus::load_with(path, &opts, progress))
}

/// Compares one event's articles (slow: call it off the UI thread). Reasons name outlets
/// as the corpus does; the corpus term statistics come from the cache when it is on.
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
    let root = crate::cache::enabled_root();
    let options = crate::analysis::CompareOptions {
        backend: similarity.clone(),
        ..crate::cache::terms::compare_options(corpus, root.as_deref())
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

/// At most this many sentences are indexed for search across events: ranking runs on the UI
/// thread at each keystroke, and 10,000 sentences already take 25-50 ms per key
/// (`cargo bench --bench tui -- search_keystroke`; 250,000 took 0.4-1 s). A larger corpus is
/// searched in its first events, and the status line says so.
pub const MAX_INDEXED_SENTENCES: usize = 10_000;

/// One sentence of an article, for search across events.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedSentence {
    /// Index of the event in `Corpus::events`.
    pub event: usize,
    pub outlet: String,
    /// Sentence index as claims carry it (`Claim::sentence_index`).
    pub sentence: usize,
    pub text: String,
}

/// The sentences of a corpus's articles that would become claims, in event and article
/// order (see [`index_text`]).
#[derive(Debug)]
pub struct TextIndex {
    /// The corpus indexed (a reload makes a new one).
    pub corpus: Arc<Corpus>,
    pub sentences: Vec<IndexedSentence>,
    /// True when [`MAX_INDEXED_SENTENCES`] cut the index short.
    pub truncated: bool,
}

/// Splits every article of `corpus` into its claim sentences (slow on big corpora: call it
/// off the UI thread). Output depends on the corpus alone.
pub fn index_text(corpus: Arc<Corpus>) -> TextIndex {
    let mut sentences = Vec::new();
    let mut truncated = false;
    'events: for (ei, event) in corpus.events.iter().enumerate() {
        for art in &event.articles {
            for (si, text) in crate::analysis::claim_sentences(art) {
                if sentences.len() == MAX_INDEXED_SENTENCES {
                    truncated = true;
                    break 'events;
                }
                sentences.push(IndexedSentence {
                    event: ei,
                    outlet: art.outlet.clone(),
                    sentence: si,
                    text,
                });
            }
        }
    }
    TextIndex {
        corpus,
        sentences,
        truncated,
    }
}
