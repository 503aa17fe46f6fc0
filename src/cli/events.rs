//! `framediff events`: list events, as text or as JSON for scripts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::ListFormat;
use crate::corpus::{self, Corpus};
use crate::ui::sanitize::clean;

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Corpus folder or file (default: ./corpus, else the built-in sample corpus).
    #[arg(value_name = "CORPUS")]
    pub path: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    #[command(flatten)]
    pub sample: super::SampleArg,
    #[command(flatten)]
    pub load: super::LoadArgs,
}

/// Version of the `events --format json` output; bumped on incompatible changes.
pub const EVENTS_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct EventsJson<T: Serialize> {
    schema_version: u32,
    events: Vec<T>,
}

#[derive(Serialize)]
struct EventJson<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    origin: corpus::EventOrigin,
    articles: Vec<ArticleJson<'a>>,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    path: String,
    outlet: &'a str,
    outlet_name: String,
    title: &'a str,
    date: Option<String>,
    language: Option<&'a str>,
    url: Option<&'a str>,
}

/// Renders the events as the documented JSON contract.
pub fn to_json(corpus: &Corpus) -> serde_json::Result<String> {
    let doc = EventsJson {
        schema_version: EVENTS_SCHEMA_VERSION,
        events: events_json(corpus),
    };
    serde_json::to_string_pretty(&doc).map(super::out::json)
}

/// The `events` member of `events --format json` and `check --format json`: each event's
/// keys in the documented order (docs/report-schema.md, "check and events").
pub(super) fn events_json(corpus: &Corpus) -> Vec<impl Serialize + '_> {
    corpus
        .events
        .iter()
        .map(|e| EventJson {
            id: &e.id,
            title: &e.title,
            date: e.date.map(|d| d.to_string()),
            origin: e.origin,
            articles: e
                .articles
                .iter()
                .map(|a| ArticleJson {
                    path: a.path.display().to_string(),
                    outlet: &a.outlet,
                    outlet_name: corpus.outlet_name(&a.outlet),
                    title: &a.title,
                    date: a.date.map(|d| d.to_string()),
                    language: a.language.as_deref(),
                    url: a.url.as_deref(),
                })
                .collect(),
        })
        .collect()
}

pub fn run(args: &EventsArgs, demo: bool) -> anyhow::Result<ExitCode> {
    let choice = super::resolve_corpus(args.path.as_deref(), demo)?;
    let corpus = super::load_choice(&choice);
    let mut out = super::out::stdout();
    match args.format {
        ListFormat::Json => writeln!(out, "{}", to_json(&corpus)?)?,
        ListFormat::Text => {
            for e in &corpus.events {
                let outlets: Vec<String> = e
                    .outlet_ids()
                    .iter()
                    .map(|o| corpus.outlet_name(o))
                    .collect();
                let date = e
                    .date
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "----------".into());
                writeln!(
                    out,
                    "{date}  {:<40}  {}  [{}]",
                    clean(&e.id),
                    clean(&e.title),
                    clean(&outlets.join(", "))
                )?;
            }
        }
    }
    out.finish()?;
    if let Some(label) = crate::report::illustrative_note(&choice.path) {
        super::out::warn(label);
    }
    for d in &corpus.diagnostics {
        super::out::eline(d);
    }
    if corpus.events.is_empty() {
        super::out::warn(format_args!("no events found in {}", choice.path.display()));
        return Ok(ExitCode::from(1));
    }
    // the same rule as `check`: a rejected file is a failure even when other events loaded
    if corpus.has_errors() {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
