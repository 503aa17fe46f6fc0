//! `framediff compare EVENT [CORPUS]`: the comparison of one event as JSON, Markdown or HTML.
//!
//! EVENT is what a person would type: an id, an id prefix, words of the title (matched as the
//! event picker matches them, dashes and case ignored), or the path of an event folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::UsageError;
use crate::analysis::similarity::CorpusTerms;
use crate::analysis::{CompareOptions, compare};
use crate::corpus::{Corpus, Diagnostic, Event, Severity};
use crate::report::{self, Format};
use crate::ui::sanitize::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    #[value(alias = "md")]
    Markdown,
    #[value(alias = "htm")]
    Html,
    /// JSON Lines: each report on one line (with `--all`, one line per event).
    #[value(alias = "ndjson")]
    Jsonl,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The event: an id, a unique id prefix, words of its title, or an event folder's path.
    /// With `--all`: the corpus.
    #[arg(required_unless_present = "all")]
    pub event: Option<String>,
    /// Corpus folder or file (default: ./corpus, else the built-in sample corpus).
    #[arg(value_name = "CORPUS")]
    pub corpus: Option<PathBuf>,
    /// The corpus, as an option (same as CORPUS).
    #[arg(
        long = "corpus",
        short = 'c',
        value_name = "CORPUS",
        conflicts_with = "corpus"
    )]
    pub corpus_flag: Option<PathBuf>,
    /// Outlets to include, in display order, comma-separated: ids or display names, in any
    /// case ("reuters, Politico") (default: all).
    #[arg(long, value_delimiter = ',')]
    pub outlets: Option<Vec<String>>,
    /// Output format [default: from the extension of -o (.txt or none: markdown, said on
    /// stderr; another unknown one is refused), else markdown].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file instead of standard output (`-` is standard output; the null
    /// device is allowed).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Compare every event of the corpus, in the order `framediff events` lists them
    /// [default format: jsonl, one report per line].
    #[arg(long, conflicts_with = "outlets")]
    pub all: bool,
    #[command(flatten)]
    pub model: super::model::ModelArg,
    #[command(flatten)]
    pub sample: super::SampleArg,
    #[command(flatten)]
    pub load: super::LoadArgs,
}

/// The format asked for, else the one the output file's extension names, else Markdown
/// (standard output, or a file without an extension).
///
/// # Errors
/// An output file whose extension names no report format (`-o report.pdf`) without
/// `--format`: Markdown written into a `.pdf` would be a surprise.
pub fn output_format(
    format: Option<ReportFormat>,
    output: Option<&Path>,
) -> Result<ReportFormat, UsageError> {
    if let Some(f) = format {
        return Ok(f);
    }
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "html" | "htm" => ReportFormat::Html,
        "json" => ReportFormat::Json,
        "jsonl" | "ndjson" => ReportFormat::Jsonl,
        "md" | "markdown" | "txt" | "" => ReportFormat::Markdown,
        other => {
            return Err(UsageError(format!(
                "a report cannot be written as .{}: use .md, .html, .json or .jsonl, or give \
                 --format (markdown, html, json, jsonl)",
                clean(other)
            )));
        }
    })
}

/// What to say on stderr about the format chosen: when `--format` is not given and the
/// output file's extension is `.txt` or none, which names no report format, the report is
/// Markdown and the note says so (tester report 26, finding 9: `-o r.txt` wrote Markdown
/// without a word). `None` otherwise.
pub fn format_note(format: Option<ReportFormat>, output: Option<&Path>) -> Option<String> {
    let file = output.filter(|_| format.is_none())?;
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    (ext == "txt" || ext.is_empty()).then(|| {
        format!(
            "{}: written as Markdown (the file name names no report format; --format html, \
             json or jsonl, or a .html, .json or .jsonl name, for another)",
            clean(&file.display().to_string())
        )
    })
}

/// The file `--output` names: `None` for standard output (no `-o`, or `-o -`, the usual
/// spelling of standard output in a script).
pub fn output_file(output: Option<&Path>) -> Option<&Path> {
    output.filter(|p| p.as_os_str() != "-")
}

/// Runs the command; the output goes to stdout or `--output`.
pub fn run(args: &CompareArgs, demo: bool) -> anyhow::Result<ExitCode> {
    if args.all {
        return super::compare_all::run(args, demo);
    }
    let event_arg = args.event.clone().unwrap_or_default();
    let given = args.corpus.as_deref().or(args.corpus_flag.as_deref());
    // `compare corpus EVENT` (the corpus first) is understood too, EVENT an event folder of
    // that corpus included.
    let first = Path::new(&event_arg);
    let (given, query) = match given {
        Some(c) if first.exists() && (!c.exists() || event_in_corpus(first, c).is_some()) => (
            Some(Path::new(&event_arg)),
            c.to_string_lossy().into_owned(),
        ),
        _ => (given, event_arg.clone()),
    };
    // `compare EVENT_FOLDER CORPUS`: a folder inside the corpus names its event there.
    let query = given
        .and_then(|c| event_in_corpus(c, Path::new(&query)))
        .unwrap_or(query);
    // An event folder named as EVENT inside a corpus (a parent with `outlets.toml`) is that
    // event of the parent corpus: the same report as naming it by id, term weights from the
    // whole corpus included. Any other folder (or article file) is its own corpus.
    let event_path = Path::new(&query);
    let parent_corpus = event_path.is_dir().then_some(event_path).and_then(|p| {
        let name = p.file_name()?.to_string_lossy().into_owned();
        let parent = match p.parent()? {
            x if x.as_os_str().is_empty() => Path::new("."),
            x => x,
        };
        parent
            .join("outlets.toml")
            .is_file()
            .then(|| (parent.to_path_buf(), name))
    });
    let (choice, query) = if given.is_none()
        && !demo
        && let Some((parent, name)) = parent_corpus
    {
        (
            super::CorpusChoice {
                path: parent,
                note: None,
            },
            Some(name),
        )
    } else if given.is_none() && !demo && event_path.exists() {
        (
            super::CorpusChoice {
                path: event_path.to_path_buf(),
                note: None,
            },
            None,
        )
    } else {
        (super::resolve_corpus(given, demo)?, Some(query))
    };
    let (corpus, index, terms) = load_event(&choice, query.as_deref())?;
    let event = &corpus.events[index];
    let outlets = match &args.outlets {
        Some(list) => Some(resolve_outlets(&corpus, event, list)?),
        None => None,
    };
    let options = CompareOptions {
        outlets,
        backend: args.model.backend_or_config()?,
        ..match terms {
            Some(terms) => CompareOptions::with_corpus_terms(&corpus, terms),
            None => crate::cache::terms::compare_options(
                &corpus,
                crate::cache::enabled_root().as_deref(),
            ),
        }
    };
    let output = output_file(args.output.as_deref());
    let format = output_format(args.format, output)?;
    if let Some(note) = format_note(args.format, output) {
        super::out::warn(note);
    }
    let annotations = load_annotations(&choice.path, &corpus, Some(&event.id));
    let meta = report_meta(&corpus, &choice.path);
    let out = render_event(&corpus, event, &options, format, &meta, &annotations)?;
    match output {
        Some(file) => write_report_file(file, &out)
            .with_context(|| format!("writing {}", clean(&file.display().to_string())))?,
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

/// The outlet ids `--outlets` names, in its order: each entry an outlet id or display name
/// of `event`, in any case, spaces around it ignored.
///
/// # Errors
/// Entries that name no outlet of the event (all listed, with the event's outlets).
fn resolve_outlets(
    corpus: &Corpus,
    event: &Event,
    list: &[String],
) -> Result<Vec<String>, UsageError> {
    let known = event.outlet_ids();
    // any case, and any dash as a hyphen ("Times of India - Delhi" finds "… — Delhi")
    let fold = |s: &str| -> String { crate::analysis::text::normalise(s.trim()).to_lowercase() };
    let find = |given: &str| {
        let want = fold(given);
        known
            .iter()
            .find(|id| fold(id) == want)
            .or_else(|| {
                known
                    .iter()
                    .find(|id| fold(&corpus.outlet_name(id)) == want)
            })
            .map(|id| id.to_string())
    };
    let mut ids = Vec::new();
    let mut missing = Vec::new();
    for given in list.iter().filter(|g| !g.trim().is_empty()) {
        match find(given) {
            Some(id) => ids.push(id),
            None => missing.push(given.trim()),
        }
    }
    if missing.is_empty() {
        return Ok(ids);
    }
    let shown: Vec<String> = known
        .iter()
        .map(|id| match corpus.outlet_name(id) {
            name if name == *id => id.to_string(),
            name => format!("{id} ({name})"),
        })
        .collect();
    Err(UsageError(format!(
        "{} {} not in event {} (outlets: {})",
        if missing.len() == 1 {
            "outlet"
        } else {
            "outlets"
        },
        clean(&missing.join(", ")),
        clean(&event.id),
        clean(&shown.join(", "))
    )))
}

/// The id of the event that `folder` (an existing folder below the corpus folder `corpus`)
/// is in that corpus: its path below the corpus, `/`-separated, as the loader names folder
/// events. `None` when `folder` is not a folder strictly inside `corpus`.
fn event_in_corpus(corpus: &Path, folder: &Path) -> Option<String> {
    if !folder.is_dir() {
        return None;
    }
    let (root, dir) = (corpus.canonicalize().ok()?, folder.canonicalize().ok()?);
    let rel = dir.strip_prefix(&root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// The corpus of `choice` with the event `query` names (the only event when `None`), and its
/// index: from the cache's event index when it is current (only that event's articles are
/// read, and the term statistics come with it), else loaded whole.
///
/// # Errors
/// No event, or several, match.
fn load_event(
    choice: &super::CorpusChoice,
    query: Option<&str>,
) -> Result<(Corpus, usize, Option<CorpusTerms>), UsageError> {
    if let Some((corpus, index, terms)) = from_event_index(choice, query) {
        return Ok((corpus, index, Some(terms)));
    }
    let corpus = super::load_choice(choice);
    let index = pick_event(&corpus, query, &choice.path)?;
    Ok((corpus, index, None))
}

/// [`load_event`] through the event index; `None` (the reason in the debug log) when the index
/// is missing or outdated, the term statistics are not cached, a file of the event changed,
/// or the query names no single event (a whole load then reports it).
fn from_event_index(
    choice: &super::CorpusChoice,
    query: Option<&str>,
) -> Option<(Corpus, usize, CorpusTerms)> {
    let start = std::time::Instant::now();
    let indexed =
        crate::corpus::indexed::open(&choice.path, &crate::corpus::LoadOptions::default())?;
    super::log::debug(format_args!(
        "event index of {} events opened in {:?}",
        indexed.corpus().events.len(),
        start.elapsed()
    ));
    let index = pick_event(indexed.corpus(), query, &choice.path).ok()?;
    let Some(terms) = indexed.terms() else {
        super::log::debug(format_args!(
            "event index not used: no term statistics cached"
        ));
        return None;
    };
    match indexed.with_event(index) {
        Ok(corpus) => {
            if let Some(note) = &choice.note {
                super::out::warn(note);
            }
            super::log::debug(format_args!(
                "loaded event {} of {} events from the event index in {:?}",
                corpus.events[index].id,
                corpus.events.len(),
                start.elapsed()
            ));
            Some((corpus, index, terms))
        }
        Err(why) => {
            super::log::debug(format_args!("event index not used: {why}"));
            None
        }
    }
}

/// The index of the event `query` names in `corpus` (opened from `path`), or of its only
/// event when `query` is `None`.
///
/// # Errors
/// No event, or several, match.
fn pick_event(corpus: &Corpus, query: Option<&str>, path: &Path) -> Result<usize, UsageError> {
    let event = match query {
        Some(q) => resolve_event(corpus, q)?,
        None => match corpus.events.as_slice() {
            [one] => one,
            [] => {
                return Err(UsageError(format!(
                    "no events found in {}",
                    clean(&path.display().to_string())
                )));
            }
            many => {
                return Err(UsageError(format!(
                    "ambiguous: {} holds {} events; name one, e.g. `framediff compare {} {}`:\n{}",
                    clean(&path.display().to_string()),
                    many.len(),
                    clean(&many[0].id),
                    clean(&path.display().to_string()),
                    candidates(many.iter())
                )));
            }
        },
    };
    Ok(corpus
        .events
        .iter()
        .position(|e| std::ptr::eq(e, event))
        .unwrap_or_default())
}

/// What the reports of `corpus` (opened from `path`) say about its outlets and texts.
pub fn report_meta(corpus: &Corpus, path: &Path) -> report::ReportMeta {
    let mut meta = report::ReportMeta::for_corpus(corpus);
    if meta.illustrative.is_none() {
        // Loaded from a folder the README marker cannot be seen from (a file inside it).
        meta.illustrative = report::illustrative_note(path);
    }
    meta
}

/// The report of one event, sanitised for output: compared, rendered with the user's notes,
/// the files of its folders that could not be read listed (and said on stderr). JSON Lines is
/// the JSON report on one line.
///
/// # Errors
/// Rendering errors (annotations that cannot be merged into the JSON).
pub fn render_event(
    corpus: &Corpus,
    event: &Event,
    options: &CompareOptions,
    format: ReportFormat,
    meta: &report::ReportMeta,
    annotations: &crate::annotations::Annotations,
) -> anyhow::Result<String> {
    let start = std::time::Instant::now();
    // the texts of a streamed dump are read back for this event only; a file changed since
    // loading is an error naming it and the record's line
    let loaded;
    let event = if event.has_stored_text() {
        loaded = event.with_text().map_err(|d| anyhow::anyhow!("{d}"))?;
        &loaded
    } else {
        event
    };
    let cmp = compare(event, options);
    // a model that could not embed this event's claims: the event was compared lexically
    // and the report says `lexical-idf`
    if let Some(p) = &cmp.backend_problem {
        super::out::warn(format_args!("{}: {p}", event.id));
    }
    if let Some(e) = options.backend.take_error() {
        super::out::warn(format_args!("{e}"));
    }
    super::log::debug(format_args!(
        "compared {} with {} ({} claims, {} clusters) in {:?}",
        event.id,
        options.backend.label(),
        cmp.claims.len(),
        cmp.clusters.len(),
        start.elapsed()
    ));
    let render_as = match format {
        ReportFormat::Json | ReportFormat::Jsonl => Format::Json,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Html => Format::Html,
    };
    // every annotation of the event, unless --outlets left some outlets out: then those
    // anchored on them are not this report's (an outlet renamed since is not "left out")
    let selected = options.outlets.is_some();
    let notes: Vec<_> = if selected {
        annotations.for_comparison(&cmp).collect()
    } else {
        annotations.for_event(&event.id).collect()
    };
    let outside = annotations.for_event(&event.id).count() - notes.len();
    if outside > 0 {
        super::out::warn(format_args!(
            "{outside} annotation(s) of {} are on outlets outside this comparison (--outlets); \
             the report leaves them out",
            clean(&event.id)
        ));
    }
    let orphaned = notes
        .iter()
        .filter(|a| !crate::annotations::Annotations::is_current(&cmp, a))
        .count();
    if orphaned > 0 {
        super::out::warn(format_args!(
            "{orphaned} annotation(s) of {} are orphaned: their claim text (or outlet) is no \
             longer in the articles; the report lists them apart",
            clean(&event.id)
        ));
    }
    let rejected = rejected_files(corpus, event);
    for d in &rejected {
        super::out::warn(format_args!("left out of the comparison: {d}"));
    }
    let out = report::render_annotated(&cmp, event, render_as, meta, &notes)?;
    let out = with_rejected(out, render_as, event, &rejected);
    // the report is sanitised whatever it goes to: a Markdown or HTML file is read in a
    // terminal as often as standard output is
    Ok(match format {
        ReportFormat::Json => super::out::json(out),
        ReportFormat::Jsonl => super::out::json(compact_json(&out) + "\n"),
        _ => super::out::text(&out),
    })
}

/// JSON text without the whitespace between tokens (strings untouched): one line, same value,
/// same key order.
pub fn compact_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The article files and records rejected while loading (errors) from the folders the event's
/// articles are in: articles of the event that the comparison cannot show. `event.toml` and
/// `outlets.toml` hold no article and are not listed.
pub fn rejected_files<'a>(corpus: &'a Corpus, event: &Event) -> Vec<&'a Diagnostic> {
    let dirs: std::collections::BTreeSet<&Path> = event
        .articles
        .iter()
        .filter_map(|a| a.path.parent())
        .collect();
    corpus
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| d.path.parent().is_some_and(|p| dirs.contains(p)))
        .filter(|d| {
            !d.path
                .file_name()
                .is_some_and(|n| n == "event.toml" || n == "outlets.toml")
        })
        .collect()
}

/// How many whole files `rejected` names (no article of them loaded) and how many records
/// of files whose other records are in `event` it counts.
fn rejected_counts(event: &Event, rejected: &[&Diagnostic]) -> (usize, usize) {
    let read: std::collections::BTreeSet<&Path> =
        event.articles.iter().map(|a| a.path.as_path()).collect();
    let (partial, whole): (Vec<&&Diagnostic>, Vec<&&Diagnostic>) = rejected
        .iter()
        .partition(|d| read.contains(d.path.as_path()));
    let files: std::collections::BTreeSet<&Path> = whole.iter().map(|d| d.path.as_path()).collect();
    (files.len(), partial.len())
}

/// "2 files of this event's folder could not be read and 1 record of a file that was read was
/// skipped": the lead of the "Files left out" section.
fn rejected_lead(files: usize, records: usize) -> String {
    let files_part = format!(
        "{} of this event's folder could not be read",
        super::plural(files, "file")
    );
    let records_part = format!(
        "{} of files that were read {} skipped",
        super::plural(records, "record"),
        if records == 1 { "was" } else { "were" }
    );
    match (files, records) {
        (_, 0) => files_part,
        (0, _) => records_part,
        _ => format!("{files_part} and {records_part}"),
    }
}

/// A file left out of the comparison, as the JSON report lists it: the keys of a diagnostic
/// of `check --format json` in the same order, less `severity` (always an error here).
#[derive(serde::Serialize)]
struct RejectedFile<'a> {
    path: String,
    line: Option<usize>,
    message: &'a str,
}

/// Adds `"rejected_files": [...]` as the last member of the JSON report, after the report's
/// own members in their documented order (as annotations are added); `None` when the report
/// is not a JSON object.
fn json_with_rejected(report: &str, rejected: &[&Diagnostic]) -> Option<String> {
    let open = report.trim_end().strip_suffix('}')?;
    let list: Vec<RejectedFile<'_>> = rejected
        .iter()
        .map(|d| RejectedFile {
            path: d.path.display().to_string(),
            line: d.line,
            message: &d.message,
        })
        .collect();
    let list = serde_json::to_string_pretty(&list)
        .ok()?
        .replace('\n', "\n  ");
    let out = format!("{},\n  \"rejected_files\": {list}\n}}\n", open.trim_end());
    // never a document that does not parse
    serde_json::from_str::<serde_json::Value>(&out).ok()?;
    Some(out)
}

/// The report with a note of the rejected files: a section at the end of Markdown and HTML,
/// a `rejected_files` list (`path`, `line`, `message`) as the last member in JSON.
fn with_rejected(
    report: String,
    format: Format,
    event: &Event,
    rejected: &[&Diagnostic],
) -> String {
    if rejected.is_empty() {
        return report;
    }
    let counts = rejected_counts(event, rejected);
    match format {
        Format::Json => json_with_rejected(&report, rejected).unwrap_or(report),
        Format::Markdown => {
            let mut s = report;
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s.push_str(&format!(
                "\n## Files left out\n\n{}; they are not compared:\n\n",
                rejected_lead(counts.0, counts.1)
            ));
            for d in rejected {
                let line = crate::report::shown_path(&d.to_string());
                s.push_str(&format!("- {}\n", crate::report::code_span(&line)));
            }
            s
        }
        Format::Html => {
            let mut section = format!(
                "<section class=\"rejected\"><h2>Files left out</h2><p>{}; they are not \
                 compared:</p><ul>",
                html_escape(&rejected_lead(counts.0, counts.1))
            );
            for d in rejected {
                section.push_str(&format!(
                    "<li><code>{}</code></li>",
                    html_escape(&d.to_string())
                ));
            }
            section.push_str("</ul></section>\n");
            let mut s = report;
            match s.rfind("</body>") {
                Some(at) => s.insert_str(at, &section),
                None => s.push_str(&section),
            }
            s
        }
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The user's annotations of this corpus (of the corpus above an event folder opened alone:
/// [`crate::annotations::file_for`]); an unreadable file is reported, not fatal. Those of an
/// event id `loaded` no longer has are re-attached to the event whose articles hold their
/// claims ([`crate::annotations::Annotations::reattach`]), in memory only; a move onto
/// `shown` (the event reported; `None`: all of them) is said on stderr.
pub fn load_annotations(
    corpus: &Path,
    loaded: &Corpus,
    shown: Option<&str>,
) -> crate::annotations::Annotations {
    let mut a = read_annotations(corpus);
    for (old, new, n) in a.reattach(&loaded.events).moved {
        if shown.is_none_or(|s| s == new) {
            super::out::warn(format_args!(
                "{n} annotation(s) of event '{}' shown on '{}': no event has that id now \
                 and its articles hold their claims (a report writes nothing into the corpus; \
                 opening it in the terminal UI files them under '{}' once)",
                clean(&old),
                clean(&new),
                clean(&new)
            ));
        }
    }
    a
}

fn read_annotations(corpus: &Path) -> crate::annotations::Annotations {
    use crate::annotations::{Annotations, LoadOutcome, file_for};
    let path = file_for(corpus);
    // A report writes nothing into the corpus: a broken file is reported, not copied aside.
    match Annotations::read(&path) {
        LoadOutcome::Loaded(a) => a,
        LoadOutcome::Missing => Annotations::default(),
        LoadOutcome::Corrupt { error, .. } => {
            super::out::warn(format_args!(
                "annotations in {} left out: {error}",
                path.display()
            ));
            Annotations::default()
        }
    }
}

/// Folds case and dashes so that "Trump-Putin" matches "Trump–Putin".
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '–' | '—' | '‐' | '‑' | '−' | '_' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a folded text (letters and digits; dashes split words).
fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Finds the one event `query` names: an exact id, an exact title, an id prefix, or every word
/// of the query starting a word of the title or id (the picker's matching, without scattered
/// letters). Several matches are an error listing them.
pub fn resolve_event<'a>(corpus: &'a Corpus, query: &str) -> Result<&'a Event, UsageError> {
    let q = fold(query.trim());
    let events = &corpus.events;
    if let Some(e) = events.iter().find(|e| e.id == query) {
        return Ok(e);
    }
    let tiers: [&dyn Fn(&Event) -> bool; 3] = [
        &|e| fold(&e.id) == q || fold(&e.title) == q,
        &|e| fold(&e.id).starts_with(&q),
        &|e| {
            let qw = words(query);
            let mut hay = words(&e.title);
            hay.extend(words(&e.id));
            !qw.is_empty() && qw.iter().all(|w| hay.iter().any(|h| h.starts_with(w)))
        },
    ];
    for tier in tiers {
        let found: Vec<&Event> = events.iter().filter(|e| tier(e)).collect();
        match found.as_slice() {
            [one] => return Ok(one),
            [] => continue,
            many => {
                return Err(UsageError(format!(
                    "ambiguous: '{}' matches {} events:\n{}\nadd words or use the id",
                    clean(query),
                    many.len(),
                    candidates(many.iter().copied())
                )));
            }
        }
    }
    let shown = if events.is_empty() {
        "  (none)".to_string()
    } else {
        candidates(events.iter())
    };
    Err(UsageError(format!(
        "no event matches '{}' in {}; the events are:\n{shown}",
        clean(query),
        clean(&corpus.root.display().to_string())
    )))
}

/// "  id  title" lines, at most 20 and a count of the rest.
fn candidates<'a>(events: impl Iterator<Item = &'a Event>) -> String {
    let all: Vec<&Event> = events.collect();
    let mut lines: Vec<String> = all
        .iter()
        .take(20)
        .map(|e| format!("  {}  {}", clean(&e.id), clean(&e.title)))
        .collect();
    if all.len() > 20 {
        lines.push(format!("  … and {} more", all.len() - 20));
    }
    lines.join("\n")
}

/// Writes a report to `path`: a regular file (or a symbolic link to one, whose target is
/// written) is replaced atomically, through a temporary file beside it and a rename, keeping
/// its permissions; a new file is created. The null device (`/dev/null`) is written as it is
/// (a script that wants the exit status only). A folder, FIFO, socket or other device is
/// refused (never replaced). The temporary file is removed when anything fails.
pub fn write_report_file(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind, Write};
    // follow symbolic links to the file they name, so the link stays a link
    let target = match std::fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if path.symlink_metadata().is_ok() {
                // a dangling link: refuse rather than guess where it should point
                return Err(Error::other(
                    "is a symbolic link to nothing; give the file it should write",
                ));
            }
            path.to_path_buf()
        }
        Err(e) => return Err(e),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(m) = &existing {
        let ft = m.file_type();
        if ft.is_dir() {
            return Err(Error::other("is a folder; give a file name"));
        }
        if is_null_device(&target) {
            // nothing to replace: what is written is discarded
            return std::fs::OpenOptions::new()
                .write(true)
                .open(&target)?
                .write_all(text.as_bytes());
        }
        if !ft.is_file() {
            return Err(Error::other(
                "is not a regular file (a pipe, socket or device); refused, nothing written",
            ));
        }
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let tmp = target.with_file_name(format!(".{name}.framediff-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(text.as_bytes())?;
        if let Some(m) = &existing {
            f.set_permissions(m.permissions())?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Whether `path` (followed through links) is the null device: the same file as `/dev/null`
/// (a character device on Unix; never on other systems).
fn is_null_device(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        match (std::fs::metadata(path), std::fs::metadata("/dev/null")) {
            (Ok(a), Ok(b)) => {
                a.file_type().is_char_device() && a.dev() == b.dev() && a.ino() == b.ino()
            }
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::EventOrigin;

    fn event(id: &str, title: &str) -> Event {
        Event {
            id: id.into(),
            title: title.into(),
            date: None,
            summary: None,
            tags: Vec::new(),
            origin: EventOrigin::Folder,
            articles: Vec::new(),
        }
    }

    fn corpus() -> Corpus {
        Corpus {
            events: vec![
                event(
                    "2025-03-11-jeddah-talks",
                    "US and Ukraine talks in Jeddah on a 30-day ceasefire",
                ),
                event(
                    "2025-03-18-trump-putin-call",
                    "Trump–Putin phone call on a Ukraine ceasefire",
                ),
            ],
            ..Corpus::default()
        }
    }

    #[test]
    fn outlets_are_found_by_name_whatever_the_dash() {
        let article = crate::corpus::Article {
            path: "ev/toi.md".into(),
            outlet: "toi-delhi".into(),
            title: "t".into(),
            date: None,
            date_alt: None,
            url: None,
            author: None,
            language: None,
            kind: None,
            body: "Text.".to_string().into(),
            origin: crate::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        };
        let ev = Event::of_articles("ev", "Ev", vec![article]);
        let mut c = Corpus::default();
        c.outlets.insert(
            "toi-delhi".into(),
            crate::corpus::OutletInfo {
                name: Some("The Times of India \u{2014} Delhi Edition".into()),
                ..Default::default()
            },
        );
        let found = resolve_outlets(&c, &ev, &["the times of india - delhi edition".into()]);
        assert_eq!(
            found.map_err(|e| e.to_string()),
            Ok(vec!["toi-delhi".to_string()])
        );
        assert!(resolve_outlets(&c, &ev, &["The Times".into()]).is_err());
    }

    fn id(q: &str) -> Result<String, String> {
        let c = corpus();
        resolve_event(&c, q)
            .map(|e| e.id.clone())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn ids_prefixes_titles_and_words_name_one_event() {
        let call = Ok("2025-03-18-trump-putin-call".to_string());
        assert_eq!(id("2025-03-18-trump-putin-call"), call);
        assert_eq!(id("2025-03-18"), call);
        assert_eq!(id("putin call"), call);
        assert_eq!(id("trump"), call);
        assert_eq!(id("Trump-Putin phone call on a Ukraine ceasefire"), call);
        assert_eq!(id("TRUMP–PUTIN"), call);
        assert_eq!(id("jeddah"), Ok("2025-03-11-jeddah-talks".into()));
    }

    #[test]
    fn an_ambiguous_query_lists_the_candidates() {
        let e = id("2025-03").unwrap_err();
        assert!(
            e.starts_with("ambiguous: '2025-03' matches 2 events"),
            "{e}"
        );
        assert!(e.contains("2025-03-11-jeddah-talks") && e.contains("2025-03-18-trump-putin-call"));
        let e = id("ceasefire").unwrap_err();
        assert!(e.starts_with("ambiguous"), "{e}");
    }

    #[test]
    fn no_match_lists_the_events_and_scattered_letters_do_not_match() {
        let e = id("tpc").unwrap_err();
        assert!(e.starts_with("no event matches 'tpc'"), "{e}");
        assert!(e.contains("2025-03-11-jeddah-talks"), "{e}");
    }

    #[test]
    fn an_event_folder_inside_the_corpus_names_its_event() {
        let dir = std::env::temp_dir().join(format!("fd-evcorpus-{}", std::process::id()));
        let ev = dir.join("region").join("2021-10-18-powell");
        std::fs::create_dir_all(&ev).unwrap();
        let outside = std::env::temp_dir();
        assert_eq!(
            super::event_in_corpus(&dir, &ev).as_deref(),
            Some("region/2021-10-18-powell")
        );
        assert_eq!(super::event_in_corpus(&dir, &dir), None);
        assert_eq!(super::event_in_corpus(&dir, &outside), None);
        assert_eq!(super::event_in_corpus(&dir, &ev.join("left.md")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn compact_json_keeps_strings_and_order() {
        let pretty = "{\n  \"b\": \"a \\\" }\\n x\",\n  \"a\": [1, 2]\n}\n";
        let one = compact_json(pretty);
        assert_eq!(one, "{\"b\":\"a \\\" }\\n x\",\"a\":[1,2]}");
        let a: serde_json::Value = serde_json::from_str(pretty).unwrap();
        let b: serde_json::Value = serde_json::from_str(&one).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn the_format_follows_the_output_extension() {
        let f = |o: &str| output_format(None, Some(Path::new(o))).map_err(|e| e.0);
        assert_eq!(f("report.html"), Ok(ReportFormat::Html));
        assert_eq!(f("REPORT.HTM"), Ok(ReportFormat::Html));
        assert_eq!(f("r.json"), Ok(ReportFormat::Json));
        assert_eq!(f("r.md"), Ok(ReportFormat::Markdown));
        assert_eq!(f("report"), Ok(ReportFormat::Markdown));
        assert_eq!(f("all.jsonl"), Ok(ReportFormat::Jsonl));
        assert!(f("report.pdf").is_err_and(|e| e.contains(".pdf")));
        // .txt and no extension are Markdown, and a note says so; a named format is not
        assert_eq!(f("r.txt"), Ok(ReportFormat::Markdown));
        let note = format_note(None, Some(Path::new("r.txt"))).expect("a note");
        assert!(
            note.contains("r.txt") && note.contains("Markdown"),
            "{note}"
        );
        assert!(format_note(None, Some(Path::new("report"))).is_some());
        assert!(format_note(None, Some(Path::new("r.md"))).is_none());
        assert!(format_note(None, None).is_none());
        assert!(format_note(Some(ReportFormat::Markdown), Some(Path::new("r.txt"))).is_none());
        assert_eq!(output_format(None, None).ok(), Some(ReportFormat::Markdown));
        assert_eq!(
            output_format(Some(ReportFormat::Json), Some(Path::new("r.html"))).ok(),
            Some(ReportFormat::Json)
        );
        assert_eq!(
            output_format(Some(ReportFormat::Markdown), Some(Path::new("r.pdf"))).ok(),
            Some(ReportFormat::Markdown)
        );
    }
}
