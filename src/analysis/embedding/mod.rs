//! Sentence embeddings (feature `semantic`): a sentence-transformers model folder run on the
//! CPU with candle, its vectors cached on disk, and a [`Similarity`](super::Similarity)
//! backend that compares claims by cosine. Pure: no terminal, no network.
//!
//! [`encoder`] loads a folder and embeds sentences (batched, pooled as the folder says,
//! L2-normalised), [`bert`] is the encoder's forward pass and [`kernels`] the element-wise
//! arithmetic it runs between matrix products, [`pooling`] pools token vectors, [`cache`] keeps vectors on disk by
//! model and text, [`backend`] is the [`Similarity`](super::Similarity) implementation and
//! [`tiny`] writes a small random model for tests and benchmarks. Documented in
//! `docs/semantic.md`.

pub mod backend;
pub mod bert;
pub mod cache;
pub mod encoder;
pub mod kernels;
pub mod pooling;
pub mod tiny;

use std::path::{Path, PathBuf};

pub use backend::{Embedder, EmbeddingSimilarity, SemanticParams, cosine};
pub use cache::EmbeddingCache;
pub use encoder::SentenceEncoder;
pub use pooling::Pooling;

/// Why a model folder could not be used. Every variant names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(
        "model folder not found: {0} (a sentence-transformers folder with config.json, model.safetensors, tokenizer.json and 1_Pooling/config.json)"
    )]
    NotAFolder(PathBuf),
    #[error(
        "{0}: missing (a sentence-transformers model folder has config.json, model.safetensors, tokenizer.json and 1_Pooling/config.json)"
    )]
    Missing(PathBuf),
    #[error("{path}: {reason}")]
    Malformed { path: PathBuf, reason: String },
    #[error("embedding failed: {0}")]
    Inference(String),
}

impl ModelError {
    fn malformed(path: &Path, reason: impl std::fmt::Display) -> Self {
        ModelError::Malformed {
            path: path.to_path_buf(),
            reason: reason.to_string(),
        }
    }
}
