//! The one place the TUI calls the corpus loader and the analysis engine.
//!
//! Keeping these calls behind three functions means the rest of the TUI depends only on the
//! data model, and tests can drive it with hand-built comparisons.

use std::path::Path;
use std::sync::Arc;

use crate::analysis::{Comparison, WordDiff};
use crate::corpus::{Corpus, Event};
use crate::ui::sanitize::clean;

use super::search_index::WordIndex;

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

/// At most this many sentences are indexed for search across events: about four times the
/// 250,000 of a 40,000-article archive. Search answers from the word index
/// ([`crate::app::search_index`]), so a key costs well under a frame at 250,000 sentences
/// (`cargo bench --bench tui -- search_keystroke`, BENCHMARKS.md); the cap bounds memory
/// (about 150 bytes per sentence for the index, besides the text). A larger corpus is
/// searched in its first events, and the status line says so. (Before the word index, every
/// sentence was scanned at each key and the cap was 10,000.)
pub const MAX_INDEXED_SENTENCES: usize = 1_000_000;

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
/// order (see [`index_text`]), with a word index over their text as search shows it.
#[derive(Debug)]
pub struct TextIndex {
    /// The corpus indexed (a reload makes a new one).
    pub corpus: Arc<Corpus>,
    pub sentences: Vec<IndexedSentence>,
    /// Word index over `sentences` (text id = position), on the text made safe to draw
    /// (`ui::sanitize::clean`), so match positions are positions in the label shown.
    pub words: WordIndex,
    /// True when [`MAX_INDEXED_SENTENCES`] cut the index short.
    pub truncated: bool,
}

impl TextIndex {
    /// Bytes this index holds on the heap (sentences and word index), for measuring.
    pub fn heap_bytes(&self) -> usize {
        let sentences: usize = self
            .sentences
            .iter()
            .map(|s| s.text.capacity() + s.outlet.capacity())
            .sum();
        sentences
            + self.sentences.capacity() * std::mem::size_of::<IndexedSentence>()
            + self.words.heap_bytes()
    }
}

/// Splits every article of `corpus` into its claim sentences and indexes their words (slow
/// on big corpora: call it off the UI thread). Output depends on the corpus alone.
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
    sentences.shrink_to_fit();
    let words = WordIndex::build(sentences.iter().map(|s| clean(&s.text)));
    TextIndex {
        corpus,
        sentences,
        words,
        truncated,
    }
}
