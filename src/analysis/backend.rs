//! Which similarity backend a comparison uses: the lexical default, or sentence embeddings
//! from a model folder (feature `semantic`, docs/semantic.md). Chosen once (from `--model`,
//! `FRAMEDIFF_MODEL` or `model = "…"` in config.toml) and carried in [`super::CompareOptions`].

use std::path::Path;
use std::sync::Arc;

use super::contrast::Thresholds;
use super::similarity::{IdfTable, LexicalSimilarity, Similarity};

/// How far embedding the claims of one comparison has come: `done` of `total` sentences
/// run through the model. Sentences answered from the embedding cache are not counted, so a
/// warm event reports nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbedProgress {
    pub done: usize,
    pub total: usize,
}

/// Where a comparison reports [`EmbedProgress`]: called from the thread that runs the
/// comparison, first with `done == 0`, then after each batch (every [`EmbedProgress::total`]
/// reached once). Cheap to clone.
#[derive(Clone)]
pub struct ProgressHook(Arc<dyn Fn(EmbedProgress) + Send + Sync>);

impl ProgressHook {
    /// A hook calling `f`.
    pub fn new(f: impl Fn(EmbedProgress) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    /// Reports `done` of `total`.
    pub fn report(&self, done: usize, total: usize) {
        (self.0)(EmbedProgress { done, total });
    }
}

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHook")
    }
}

/// The similarity backend of a comparison. Cheap to clone (an opened model is shared).
#[derive(Clone, Default)]
pub enum Backend {
    /// IDF-weighted lexical similarity ([`LexicalSimilarity`]).
    #[default]
    Lexical,
    /// Cosine of sentence embeddings, with the lexical measures the contrast rules read.
    #[cfg(feature = "semantic")]
    Embedding(std::sync::Arc<super::embedding::Embedder>),
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// Why `--model` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// This binary was built without sentence embeddings.
    #[error(
        "--model {0}: this framediff was built without sentence embeddings; rebuild it with \
         `cargo build --release --features semantic` (see docs/semantic.md)"
    )]
    NotBuilt(String),
    /// The model folder is missing or malformed (the message names the file).
    #[cfg(feature = "semantic")]
    #[error(transparent)]
    Model(#[from] super::embedding::ModelError),
}

impl Backend {
    /// The lexical backend for `None`, else the model folder at `model` (its weights are
    /// read when a sentence first needs embedding). Errors name the missing or malformed
    /// file, or, in a build without the `semantic` feature, say how to build one.
    pub fn open(model: Option<&Path>) -> Result<Self, BackendError> {
        let Some(dir) = model else {
            return Ok(Backend::Lexical);
        };
        #[cfg(feature = "semantic")]
        {
            let e = super::embedding::Embedder::open(dir)?;
            Ok(Backend::Embedding(std::sync::Arc::new(e)))
        }
        #[cfg(not(feature = "semantic"))]
        Err(BackendError::NotBuilt(dir.display().to_string()))
    }

    /// What the status line and reports name: "lexical-idf", or "embedding: <model folder
    /// name> (<pooling>)".
    pub fn label(&self) -> String {
        match self {
            Backend::Lexical => "lexical-idf".into(),
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => e.label(),
        }
    }

    /// The backend for one event, from its term statistics and the decision thresholds.
    pub fn make(&self, idf: &IdfTable, th: Thresholds) -> Box<dyn Similarity> {
        self.make_observed(idf, th, None)
    }

    /// [`Backend::make`], reporting embedding progress to `progress` (the lexical backend
    /// has none to report).
    pub fn make_observed(
        &self,
        idf: &IdfTable,
        th: Thresholds,
        progress: Option<&ProgressHook>,
    ) -> Box<dyn Similarity> {
        let _ = (th, progress);
        match self {
            Backend::Lexical => Box::new(LexicalSimilarity::new(idf)),
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => e.backend(idf, th, progress.cloned()),
        }
    }

    /// Sets the embedding cut-offs as (candidate, paraphrase) cosines; `false` for the
    /// lexical backend, which has none.
    pub fn set_cutoffs(&self, candidate: f32, paraphrase: f32) -> bool {
        let _ = (candidate, paraphrase);
        match self {
            Backend::Lexical => false,
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => {
                e.set_params(super::embedding::SemanticParams {
                    candidate,
                    paraphrase,
                    ..e.params()
                });
                true
            }
        }
    }

    /// Unit sentence vectors of `texts` from the model (`None` for the lexical backend).
    pub fn embed(&self, texts: &[&str]) -> Option<Result<Vec<std::sync::Arc<[f32]>>, String>> {
        let _ = texts;
        match self {
            Backend::Lexical => None,
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => Some(e.embed(texts).map_err(|e| e.to_string())),
        }
    }

    /// An error met while embedding since the last call (the comparison then fell back to
    /// lexical similarity for the claims concerned), cleared.
    pub fn take_error(&self) -> Option<String> {
        match self {
            Backend::Lexical => None,
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => e.take_error(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_model_is_the_lexical_default() {
        let b = Backend::open(None).unwrap();
        assert_eq!(b.label(), "lexical-idf");
        assert!(b.take_error().is_none());
    }

    #[cfg(not(feature = "semantic"))]
    #[test]
    fn a_model_without_the_feature_says_how_to_build_one() {
        let e = Backend::open(Some(Path::new("/models/x")))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("/models/x") && e.contains("--features semantic"),
            "{e}"
        );
    }
}
