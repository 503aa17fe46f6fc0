//! `framediff check`: load a corpus and report everything about it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::plural;
use crate::corpus::{Corpus, Diagnostic, Severity};
use crate::ui::sanitize::clean;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Corpus folder or file (default: ./corpus, else the built-in sample corpus).
    #[arg(value_name = "CORPUS")]
    pub path: Option<PathBuf>,
    /// Print only the problems and the summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Output format (JSON: `{"events": [...], "diagnostics": [...]}`).
    #[arg(long, value_enum, default_value_t = super::ListFormat::Text)]
    pub format: super::ListFormat,
    #[command(flatten)]
    pub sample: super::SampleArg,
    #[command(flatten)]
    pub load: super::LoadArgs,
}

pub fn run(args: &CheckArgs, demo: bool) -> anyhow::Result<ExitCode> {
    let choice = super::resolve_corpus(args.path.as_deref(), demo)?;
    let mut corpus = super::load_choice(&choice);
    corpus
        .diagnostics
        .extend(annotations_problem(&crate::annotations::file_for(
            &choice.path,
        )));
    let mut out = super::out::stdout();
    match args.format {
        super::ListFormat::Text => write_report(&mut out, &corpus, args.quiet)?,
        super::ListFormat::Json => writeln!(out, "{}", to_json(&corpus)?)?,
    }
    out.finish()?;
    if let Some(label) = crate::report::illustrative_note(&choice.path) {
        super::out::warn(label);
    }
    if corpus.article_count() == 0 {
        super::out::warn(corpus.why_no_articles(&choice.path));
        return Ok(ExitCode::from(1));
    }
    Ok(if corpus.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The annotations file at `path` as a problem of the corpus when it cannot be read: an error
/// naming the file, as the terminal UI's Problems screen and `compare` report it (`check`
/// writes nothing: no copy is made aside). `None` when the file is missing or reads.
fn annotations_problem(path: &std::path::Path) -> Option<Diagnostic> {
    use crate::annotations::{Annotations, LoadOutcome};
    match Annotations::read(path) {
        LoadOutcome::Corrupt { error, .. } => {
            // the reader's message starts with the path, which the diagnostic names already
            let prefix = format!("{}: ", path.display());
            let why = error.strip_prefix(&prefix).unwrap_or(&error);
            Some(Diagnostic::error(
                path,
                None,
                format!(
                    "annotations file unreadable ({why}); its annotations are left out of \
                     reports, and the terminal UI keeps a copy of it before saving new ones"
                ),
            ))
        }
        LoadOutcome::Missing | LoadOutcome::Loaded(_) => None,
    }
}

/// `check --format json`, members in this order (docs/report-schema.md, "check and
/// events"): the `events` listing as `events --format json` writes it, every diagnostic
/// (`severity`, `path`, `line`, `message`, as a rejected file of `compare` is written), the
/// incremental-grouping notes when there are any, and the number of errors.
#[derive(serde::Serialize)]
struct CheckJson<'a, E: serde::Serialize> {
    schema_version: u32,
    events: Vec<E>,
    diagnostics: &'a [crate::corpus::Diagnostic],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    incremental: &'a [String],
    errors: usize,
}

/// The check report for scripts: the `events` listing plus every diagnostic.
pub fn to_json(corpus: &Corpus) -> serde_json::Result<String> {
    let doc = CheckJson {
        schema_version: super::events::EVENTS_SCHEMA_VERSION,
        events: super::events::events_json(corpus),
        diagnostics: &corpus.diagnostics,
        incremental: &corpus.incremental,
        errors: corpus
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
    };
    serde_json::to_string_pretty(&doc).map(super::out::json)
}

/// The display width (terminal cells) of the outlet column of the check report.
const OUTLET_WIDTH: usize = 24;

/// `s` in exactly `width` display cells (not chars: Cyrillic is one cell, CJK two): cut with
/// `…` when wider ([`crate::ui::text::truncate`]), padded with spaces when narrower.
fn column(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut t = crate::ui::text::truncate(s, width);
    let pad = width.saturating_sub(t.width());
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

/// A file's path as printed: control characters escaped (`weird\nname.md`), so that the
/// name printed is one the user can find on disk.
fn escaped_path(path: &std::path::Path) -> String {
    let mut out = String::new();
    for c in path.display().to_string().chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A diagnostic as one line: "warning: path:line: message", the path escaped
/// ([`escaped_path`]), the message cleaned of control characters. The Problems screen
/// prints the same line.
pub fn diagnostic_line(d: &Diagnostic) -> String {
    let sev = match d.severity {
        Severity::Warning => "warning",
        Severity::Error => "error",
    };
    let place = match d.line {
        Some(line) => format!("{}:{line}", escaped_path(&d.path)),
        None => escaped_path(&d.path),
    };
    format!("{sev}: {}: {}", clean(&place), clean(&d.message))
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
                "{}  {}  ({date}, {})",
                clean(&ev.id),
                clean(&ev.title),
                plural(ev.articles.len(), "article")
            )?;
            for a in &ev.articles {
                let lang = a.language.as_deref().unwrap_or("?");
                writeln!(
                    out,
                    "    {} {:<3} {}  [{}]",
                    column(&clean(&corpus.outlet_name(&a.outlet)), OUTLET_WIDTH),
                    clean(lang),
                    clean(&a.title),
                    clean(&escaped_path(&a.path))
                )?;
            }
        }
        write_outlets(out, corpus)?;
        if !corpus.diagnostics.is_empty() {
            writeln!(out)?;
        }
    }
    for d in &corpus.diagnostics {
        writeln!(out, "{}", diagnostic_line(d))?;
    }
    for line in &corpus.incremental {
        writeln!(out, "note: {}", clean(line))?;
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
        "{}, {}, {}; {}, {}",
        plural(corpus.events.len(), "event"),
        plural(outlets.len(), "outlet"),
        plural(corpus.article_count(), "article"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// What the corpus knows of one outlet id, as the terminal UI and `compare` show it: "Fox
/// News · US · right" (name, country, lean from `outlets.toml`, each when given), or for an
/// id without one "no entry in outlets.toml" (`outlets_file`: the corpus has such a file) or
/// "no outlets.toml" (it has none).
pub fn outlet_line(corpus: &Corpus, id: &str, outlets_file: bool) -> String {
    match corpus.outlets.get(id) {
        Some(o) => [
            Some(o.name.as_deref().unwrap_or(id)),
            o.country.as_deref(),
            o.lean.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" \u{b7} "),
        None if outlets_file => "no entry in outlets.toml (no name, country or lean)".to_string(),
        None => "no outlets.toml (no name, country or lean)".to_string(),
    }
}

/// Whether the corpus at `root` has an `outlets.toml` the loader reads: one in the corpus
/// (any depth, any case, as the walk finds it) or in one of the three folders above it (read
/// for an event folder opened alone). (Outlet details can also come from the articles'
/// front matter, so `corpus.outlets` does not tell.)
fn has_outlets_file(corpus: &Corpus) -> bool {
    let root = &corpus.root;
    if root.is_file() {
        return false;
    }
    let abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
    if abs
        .ancestors()
        .skip(1)
        .take(3)
        .any(|a| a.join("outlets.toml").is_file())
    {
        return true;
    }
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| {
            e.file_type().is_file()
                && e.file_name().to_string_lossy().to_lowercase() == "outlets.toml"
        })
}

/// The outlets of the corpus's articles, each id with what `outlets.toml` gave it
/// ([`outlet_line`]): so a `[fox-news]` table that matched shows "Fox News · US · right" under
/// `fox-news`, and one that did not leaves its outlet without an entry (the table itself is
/// then a warning of the loader).
fn write_outlets(out: &mut dyn Write, corpus: &Corpus) -> std::io::Result<()> {
    let ids: std::collections::BTreeSet<&str> = corpus
        .events
        .iter()
        .flat_map(|e| e.articles.iter().map(|a| a.outlet.as_str()))
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let outlets_file = has_outlets_file(corpus);
    writeln!(
        out,
        "\noutlets (id: name · country · lean, from outlets.toml or the articles):"
    )?;
    for id in ids {
        writeln!(
            out,
            "    {} {}",
            column(&clean(id), OUTLET_WIDTH),
            clean(&outlet_line(corpus, id, outlets_file))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Diagnostic, column, diagnostic_line};

    /// Tester report 20, item 15: `check` shows what `outlets.toml` gave each outlet, and
    /// says so for an outlet it gave nothing.
    #[test]
    fn the_report_lists_each_outlet_with_its_name_country_and_lean() {
        use crate::corpus::{Article, Corpus, Event, OutletInfo};
        let article = |outlet: &str| Article {
            path: format!("c/ev/{outlet}.md").into(),
            outlet: outlet.into(),
            title: "T".into(),
            date: None,
            date_alt: None,
            url: None,
            author: None,
            language: Some("en".into()),
            kind: None,
            body: "Text.".to_string().into(),
            origin: crate::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        };
        // a corpus with an outlets.toml (which has no `[nyt]`)
        let with_file = tempfile::tempdir().expect("tempdir");
        std::fs::write(with_file.path().join("outlets.toml"), "[fox-news]\n").expect("written");
        let mut corpus = Corpus {
            root: with_file.path().to_path_buf(),
            events: vec![Event::of_articles(
                "ev",
                "Ev",
                vec![article("fox-news"), article("nyt")],
            )],
            ..Default::default()
        };
        corpus.outlets.insert(
            "fox-news".into(),
            OutletInfo {
                name: Some("Fox News".into()),
                country: Some("US".into()),
                lean: Some("right".into()),
                ..OutletInfo::default()
            },
        );
        let mut text = Vec::new();
        super::write_report(&mut text, &corpus, false).expect("written");
        let text = String::from_utf8(text).expect("utf-8");
        let line = |id: &str| {
            text.lines()
                .find(|l| l.trim_start().starts_with(id) && !l.contains('['))
                .unwrap_or_default()
                .to_string()
        };
        assert!(
            line("fox-news").ends_with("Fox News \u{b7} US \u{b7} right"),
            "{text}"
        );
        assert!(line("nyt").contains("no entry in outlets.toml"), "{text}");
        // Tester report 21, finding 11: without any outlets.toml, the line says so
        let dir = tempfile::tempdir().expect("tempdir");
        let mut bare = Corpus {
            root: dir.path().to_path_buf(),
            events: corpus.events.clone(),
            ..Default::default()
        };
        let report = |c: &Corpus| {
            let mut text = Vec::new();
            super::write_report(&mut text, c, false).expect("written");
            String::from_utf8(text).expect("utf-8")
        };
        let text = report(&bare);
        assert!(text.contains("no outlets.toml (no name"), "{text}");
        assert!(!text.contains("no entry in"), "{text}");
        std::fs::create_dir(dir.path().join("ev")).expect("made");
        std::fs::write(dir.path().join("ev/Outlets.toml"), "[bbc]\n").expect("written");
        bare.root = dir.path().to_path_buf();
        let text = report(&bare);
        assert!(text.contains("no entry in outlets.toml"), "{text}");
        let mut quiet = Vec::new();
        super::write_report(&mut quiet, &corpus, true).expect("written");
        assert!(
            !String::from_utf8(quiet)
                .expect("utf-8")
                .contains("outlets (")
        );
    }
    use std::path::Path;
    use unicode_width::UnicodeWidthStr;

    /// Tester report 21, finding 7: a corrupt annotations file is an error of `check`, a
    /// missing or readable one is nothing.
    #[test]
    fn a_corrupt_annotations_file_is_an_error_and_a_good_one_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("annotations.json");
        assert!(super::annotations_problem(&path).is_none(), "missing");
        std::fs::write(&path, "{\"annotations\": []}").expect("written");
        assert!(super::annotations_problem(&path).is_none(), "readable");
        std::fs::write(&path, "{garbage").expect("written");
        let d = super::annotations_problem(&path).expect("reported");
        assert_eq!(d.severity, crate::corpus::Severity::Error);
        assert_eq!(d.path, path);
        assert!(d.message.contains("line 1 column 2"), "{}", d.message);
        assert!(
            !d.message.contains(&*path.to_string_lossy()),
            "{}",
            d.message
        );
    }

    #[test]
    fn a_file_name_with_a_newline_is_printed_escaped() {
        let d = Diagnostic::warning(Path::new("bad/ev1/weird\nname.md"), Some(3), "odd\nthing");
        assert_eq!(
            diagnostic_line(&d),
            "warning: bad/ev1/weird\\nname.md:3: odd thing"
        );
    }

    #[test]
    fn outlet_column_keeps_its_width_for_long_and_wide_names() {
        let long = column("Известия (Izvestia, Russian edition)", 24);
        assert_eq!(long.width(), 24, "{long:?}");
        assert!(long.ends_with('…'), "{long:?}");
        assert_eq!(column("kp", 24).width(), 24);
        assert_eq!(column("人民日报 People's Daily English", 24).width(), 24);
        assert_eq!(
            column("Известия", 24),
            format!("Известия{}", " ".repeat(16))
        );
    }
}
