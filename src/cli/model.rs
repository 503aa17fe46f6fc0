//! `--model DIR` (and `FRAMEDIFF_MODEL`): the sentence-embedding model of `compare`, `pairs`,
//! `eval` and the TUI. See docs/semantic.md.
//!
//! An empty value (`FRAMEDIFF_MODEL=`, `--model ''`) is no model given: config.toml's `model`
//! applies. `--model lexical` or `--no-model` compares lexically whatever config.toml or
//! `FRAMEDIFF_MODEL` says (a model folder named `lexical` is given as `./lexical`).

use std::path::{Path, PathBuf};

use clap::Args;

use super::UsageError;
use crate::analysis::Backend;

/// The value of `--model` that asks for the lexical backend.
pub const LEXICAL: &str = "lexical";

/// The model option, shared by the commands that compare claims.
#[derive(Debug, Clone, Default, Args)]
pub struct ModelArg {
    /// Compare claims with this sentence-embedding model folder (sentence-transformers
    /// layout: config.json, model.safetensors, tokenizer.json, 1_Pooling/config.json).
    /// Needs a build with `--features semantic`. Default: config.toml's `model`, else lexical
    /// similarity; `lexical` compares lexically, and an empty value is no value.
    #[arg(long, value_name = "DIR", env = "FRAMEDIFF_MODEL", value_parser = any_path)]
    pub model: Option<PathBuf>,

    /// Compare lexically for this run, whatever config.toml or FRAMEDIFF_MODEL names (the
    /// same as `--model lexical`).
    #[arg(long)]
    pub no_model: bool,
}

/// `--model`'s parser: any path, the empty one included (it means no model given), so that
/// `FRAMEDIFF_MODEL=` switches the variable off rather than breaking every command.
fn any_path(s: &str) -> Result<PathBuf, std::convert::Infallible> {
    Ok(PathBuf::from(s))
}

/// True for the `--model` value that asks for lexical similarity (`lexical`).
pub fn is_lexical(p: &Path) -> bool {
    p.as_os_str() == LEXICAL
}

impl ModelArg {
    /// The model asked for on the command line or in `FRAMEDIFF_MODEL`: `Some("lexical")`
    /// for `--no-model`, `None` when none was given (an empty value is none).
    pub fn given(&self) -> Option<&Path> {
        if self.no_model {
            return Some(Path::new(LEXICAL));
        }
        self.model.as_deref().filter(|p| !p.as_os_str().is_empty())
    }

    /// The backend the option names (lexical without one); a folder that cannot be used, or a
    /// build without embeddings, is a usage error naming the file or the way to build.
    pub fn backend(&self) -> Result<Backend, UsageError> {
        open(self.given())
    }

    /// [`ModelArg::backend`], falling back to `model = "…"` in the user's config file
    /// (`--config`, else the default one) when the option and `FRAMEDIFF_MODEL` are not given.
    /// A config model that cannot be used is warned about on stderr and the comparison is
    /// lexical, as the TUI does (it says so on Problems); one given on the command line or in
    /// `FRAMEDIFF_MODEL` is an error.
    pub fn backend_or_config(&self) -> Result<Backend, UsageError> {
        match self.given() {
            Some(m) => open(Some(m)),
            None => {
                let user = crate::config::config_file();
                let (cfg, _) = crate::config::Config::load(user.as_deref(), true);
                Ok(config_backend(cfg.model.as_deref(), &|w| {
                    super::out::warn(w)
                }))
            }
        }
    }
}

/// The backend of config.toml's `model`: lexical, with `warn` told why, when it cannot be
/// used (tester report 15, item 23d: one config, one behaviour in the TUI and `compare`).
fn config_backend(model: Option<&Path>, warn: &dyn Fn(String)) -> Backend {
    open(model).unwrap_or_else(|e| {
        warn(format!("{e} (model in config.toml); comparing lexically"));
        Backend::Lexical
    })
}

/// Opens a backend, turning its error into a usage error; `lexical` (see [`is_lexical`]) is
/// the lexical backend.
pub fn open(model: Option<&Path>) -> Result<Backend, UsageError> {
    let model = model.filter(|m| !is_lexical(m));
    Backend::open(model).map_err(|e| UsageError(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arg(model: Option<&str>, no_model: bool) -> ModelArg {
        ModelArg {
            model: model.map(PathBuf::from),
            no_model,
        }
    }

    #[test]
    fn empty_is_none_and_lexical_or_no_model_force_the_lexical_backend() {
        assert_eq!(arg(Some(""), false).given(), None);
        assert_eq!(arg(None, false).given(), None);
        assert_eq!(arg(Some("m"), true).given(), Some(Path::new(LEXICAL)));
        assert_eq!(arg(Some("m"), false).given(), Some(Path::new("m")));
        let b = arg(Some(LEXICAL), false).backend().expect("lexical");
        assert!(matches!(b, Backend::Lexical));
        let b = arg(Some("/no/such/model"), true)
            .backend()
            .expect("lexical");
        assert!(matches!(b, Backend::Lexical));
    }

    #[test]
    fn a_config_model_that_cannot_be_used_warns_and_compares_lexically() {
        let said = std::cell::RefCell::new(Vec::new());
        let b = config_backend(Some(Path::new("/no/such/model")), &|w| {
            said.borrow_mut().push(w)
        });
        assert!(matches!(b, Backend::Lexical));
        let said = said.into_inner();
        assert_eq!(said.len(), 1);
        assert!(said[0].contains("/no/such/model"), "{}", said[0]);
        assert!(said[0].ends_with("comparing lexically"), "{}", said[0]);
    }
}
