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
    /// Where the cache of CORPUS is, its size and entries (without CORPUS: every cached corpus).
    Info {
        #[arg(value_name = "CORPUS")]
        path: Option<PathBuf>,
    },
    /// Remove the cache of CORPUS (without CORPUS: the caches of all corpora).
    Clear {
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
            writeln!(
                out,
                "cache folder: {} (set {} to use another)",
                root.display(),
                cache::ENV_DIR
            )?;
            let list = info::list(&root, path.as_deref());
            if list.is_empty() {
                match path {
                    Some(p) => writeln!(out, "nothing cached for {}", p.display())?,
                    None => writeln!(out, "nothing cached yet")?,
                }
            }
            for c in &list {
                write_info(&mut out, c)?;
            }
        }
        CacheAction::Clear { path } => {
            let (folders, bytes) = info::clear(&root, path.as_deref())?;
            let what = match path {
                Some(p) => format!("the cache of {}", p.display()),
                None => "the caches of all corpora".to_string(),
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
