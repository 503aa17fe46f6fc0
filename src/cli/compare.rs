//! `framediff compare EVENT`: the comparison of one event as JSON, Markdown or HTML.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};

use crate::analysis::{CompareOptions, compare};
use crate::corpus;
use crate::report::{self, Format};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Markdown,
    Html,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Event id (or unique id prefix, or exact title) in the corpus.
    pub event: String,
    /// Corpus folder or file (default: ./corpus).
    #[arg(long, short = 'c')]
    pub corpus: Option<PathBuf>,
    /// Outlets to include, in display order, comma-separated (default: all).
    #[arg(long, value_delimiter = ',')]
    pub outlets: Option<Vec<String>>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Runs the command; the output goes to stdout or `--output`.
pub fn run(args: &CompareArgs) -> anyhow::Result<ExitCode> {
    let path = super::corpus_path(args.corpus.clone());
    let corpus = corpus::load(&path);
    let Some(event) = corpus.find_event(&args.event) else {
        let ids: Vec<&str> = corpus.events.iter().map(|e| e.id.as_str()).collect();
        bail!(
            "no event '{}' in {} (events: {})",
            args.event,
            path.display(),
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        );
    };
    if let Some(list) = &args.outlets {
        let known = event.outlet_ids();
        let missing: Vec<&String> = list
            .iter()
            .filter(|o| !known.contains(&o.as_str()))
            .collect();
        if !missing.is_empty() {
            bail!(
                "outlet(s) {} not in event {} (outlets: {})",
                missing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                event.id,
                known.join(", ")
            );
        }
    }
    let options = CompareOptions {
        outlets: args.outlets.clone(),
        ..CompareOptions::for_corpus(&corpus)
    };
    let cmp = compare(event, &options);
    let format = match args.format {
        ReportFormat::Json => Format::Json,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    let out = report::render(&cmp, event, format);
    match &args.output {
        Some(file) => {
            write_atomic(file, &out).with_context(|| format!("writing {}", file.display()))?
        }
        None => {
            use std::io::Write;
            match std::io::stdout().lock().write_all(out.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                r => r.context("writing to standard output")?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes via a temporary file and a rename, so a failed write never leaves half a report.
fn write_atomic(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("framediff-tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}
