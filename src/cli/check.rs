//! `framediff check`: load a corpus and report everything about it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::corpus::{self, Corpus, Severity};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Corpus folder or file (default: ./corpus).
    pub path: Option<PathBuf>,
    /// Print only the problems and the summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format (JSON: `{"events": [...], "diagnostics": [...]}`).
    #[arg(long, value_enum, default_value_t = super::ListFormat::Text)]
    pub format: super::ListFormat,
}

pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let path = super::corpus_path(args.path.clone());
    let corpus = corpus::load(&path);
    let mut out = std::io::stdout().lock();
    match args.format {
        super::ListFormat::Text => write_report(&mut out, &corpus, args.quiet)?,
        super::ListFormat::Json => writeln!(out, "{}", to_json(&corpus)?)?,
    }
    Ok(if corpus.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The check report for scripts: the `events` listing plus every diagnostic.
pub fn to_json(corpus: &Corpus) -> serde_json::Result<String> {
    let mut doc: serde_json::Value = serde_json::from_str(&super::events::to_json(corpus)?)?;
    doc["diagnostics"] = serde_json::to_value(&corpus.diagnostics)?;
    doc["errors"] = corpus
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
        .into();
    serde_json::to_string_pretty(&doc)
}

/// Writes the human-readable check report.
pub fn write_report(out: &mut dyn Write, corpus: &Corpus, quiet: bool) -> std::io::Result<()> {
    if !quiet {
        for ev in &corpus.events {
            let date = ev
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into());
            writeln!(
                out,
                "{}  {}  ({date}, {} articles)",
                ev.id,
                ev.title,
                ev.articles.len()
            )?;
            for a in &ev.articles {
                let lang = a.language.as_deref().unwrap_or("?");
                writeln!(
                    out,
                    "    {:<24} {:<3} {}  [{}]",
                    corpus.outlet_name(&a.outlet),
                    lang,
                    a.title,
                    a.path.display()
                )?;
            }
        }
        if !corpus.diagnostics.is_empty() {
            writeln!(out)?;
        }
    }
    for d in &corpus.diagnostics {
        writeln!(out, "{d}")?;
    }
    let errors = corpus
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = corpus.diagnostics.len() - errors;
    let outlets: std::collections::BTreeSet<&str> = corpus
        .events
        .iter()
        .flat_map(|e| e.articles.iter().map(|a| a.outlet.as_str()))
        .collect();
    writeln!(
        out,
        "{} events, {} outlets, {} articles; {errors} errors, {warnings} warnings",
        corpus.events.len(),
        outlets.len(),
        corpus.article_count()
    )
}
