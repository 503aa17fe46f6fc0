//! `--model DIR` (and `FRAMEDIFF_MODEL`): the sentence-embedding model of `compare`, `pairs`,
//! `eval` and the TUI. See docs/semantic.md.

use std::path::PathBuf;

use clap::Args;

use super::UsageError;
use crate::analysis::Backend;

/// The model option, shared by the commands that compare claims.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelArg {
    /// Compare claims with this sentence-embedding model folder (sentence-transformers
    /// layout: config.json, model.safetensors, tokenizer.json, 1_Pooling/config.json).
    /// Needs a build with `--features semantic`. Default: lexical similarity.
    #[arg(long, value_name = "DIR", env = "FRAMEDIFF_MODEL")]
    pub model: Option<PathBuf>,
}

impl ModelArg {
    /// The backend the option names (lexical without one); a folder that cannot be used, or a
    /// build without embeddings, is a usage error naming the file or the way to build.
    pub fn backend(&self) -> Result<Backend, UsageError> {
        open(self.model.as_deref())
    }

    /// [`ModelArg::backend`], falling back to `model = "…"` in the user's config.toml when
    /// the option and `FRAMEDIFF_MODEL` are not given.
    pub fn backend_or_config(&self) -> Result<Backend, UsageError> {
        match &self.model {
            Some(m) => open(Some(m)),
            None => {
                let user = crate::config::user_config_path();
                let (cfg, _) = crate::config::Config::load(user.as_deref(), true);
                open(cfg.model.as_deref())
            }
        }
    }
}

/// Opens a backend, turning its error into a usage error.
pub fn open(model: Option<&std::path::Path>) -> Result<Backend, UsageError> {
    Backend::open(model).map_err(|e| UsageError(e.to_string()))
}
