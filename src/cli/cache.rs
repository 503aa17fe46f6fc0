//! `framediff cache info|clear [CORPUS]`: what the persistent cache holds, and removing it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::cache::{self, info};
use crate::corpus::load::human_size;

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: CacheAction,
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Where the cache of CORPUS is, its size and entries (without CORPUS: every cached corpus,
    /// the sentence embeddings and the sample corpus).
    Info {
        /// The corpus folder or file whose cache to show (as it was opened).
        #[arg(value_name = "CORPUS")]
        path: Option<PathBuf>,
    },
    /// Remove the cache of CORPUS (without CORPUS: the caches of all corpora, the sentence
    /// embeddings and the sample corpus).
    Clear {
        /// The corpus folder or file whose cache to remove.
        #[arg(value_name = "CORPUS")]
        path: Option<PathBuf>,
    },
}

pub fn run(args: &CacheArgs) -> anyhow::Result<ExitCode> {
    let root = cache::default_root()
        .ok_or_else(|| anyhow::anyhow!("no home folder and no {}: no cache", cache::ENV_DIR))?;
    let mut out = super::out::stdout();
    match &args.action {
        CacheAction::Info { path } => {
            let list = info::list(&root, path.as_deref());
            // a cache left by a corpus since removed is still shown; a mistyped path is not
            // "nothing cached" but a usage error, as with every other command
            if let Some(p) = path
                && list.is_empty()
                && !p.exists()
            {
                return Err(super::UsageError(super::missing_path_message(p)).into());
            }
            writeln!(
                out,
                "cache folder: {} (set {} to use another)",
                root.display(),
                cache::ENV_DIR
            )?;
            let shared = if path.is_none() {
                shared_caches(&root)
            } else {
                Vec::new()
            };
            if list.is_empty() && shared.is_empty() {
                match path {
                    Some(p) => writeln!(out, "nothing cached for {}", p.display())?,
                    None => writeln!(out, "nothing cached yet")?,
                }
            }
            for c in &list {
                write_info(&mut out, c)?;
            }
            for (what, dir, bytes) in shared {
                writeln!(out, "{what}: {} ({})", dir.display(), human_size(bytes))?;
            }
        }
        CacheAction::Clear { path } => {
            let (mut folders, mut bytes) = info::clear(&root, path.as_deref())?;
            if path.is_none() {
                // with no corpus named, everything framediff keeps in the cache root goes
                for (_, dir, size) in shared_caches(&root) {
                    std::fs::remove_dir_all(&dir)?;
                    folders += 1;
                    bytes += size;
                }
            }
            let what = match path {
                Some(p) => format!("the cache of {}", p.display()),
                None => "the caches of all corpora, the sentence embeddings and the sample \
                         corpus"
                    .to_string(),
            };
            writeln!(
                out,
                "removed {what}: {}, {}",
                super::plural(folders, "folder"),
                human_size(bytes)
            )?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// The caches in `root` that belong to no corpus: the sentence embeddings
/// ([`crate::analysis::EMBEDDINGS_DIR`]) and the sample corpus written out for `--demo`
/// ([`super::demo::SAMPLE_PREFIX`]), with their sizes in bytes, by name.
fn shared_caches(root: &std::path::Path) -> Vec<(&'static str, std::path::PathBuf, u64)> {
    let mut out = Vec::new();
    let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let what = if name == crate::analysis::EMBEDDINGS_DIR {
            "sentence embeddings"
        } else if name.starts_with(super::demo::SAMPLE_PREFIX) {
            "sample corpus"
        } else {
            continue;
        };
        out.push((what, e.path(), folder_size(&e.path())));
    }
    out
}

/// Bytes of the files in `dir` and its subfolders (links not followed).
fn folder_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}

fn write_info(out: &mut impl Write, c: &info::CorpusInfo) -> std::io::Result<()> {
    writeln!(
        out,
        "corpus: {} (opened as {})",
        c.marker.path, c.marker.opened_as
    )?;
    writeln!(out, "  location: {}", c.dir.display())?;
    writeln!(out, "  size: {}", human_size(c.bytes))?;
    let stored: Vec<&str> = [
        (c.duplicates, "duplicate removal"),
        (c.grouping, "grouping"),
        (c.terms, "term statistics"),
        (c.events, "event index"),
    ]
    .into_iter()
    .filter_map(|(has, what)| has.then_some(what))
    .collect();
    let stored = if stored.is_empty() {
        "nothing else".to_string()
    } else {
        stored.join(", ")
    };
    writeln!(
        out,
        "  entries: {}; stored: {stored}",
        super::plural(c.files, "parsed file")
    )?;
    if c.stale_shards > 0 {
        writeln!(
            out,
            "  {} from another framediff build or damaged (rebuilt on the next load)",
            super::plural(c.stale_shards, "shard")
        )?;
    }
    Ok(())
}
