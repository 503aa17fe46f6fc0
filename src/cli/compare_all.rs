//! `framediff compare --all [CORPUS]`: every event's comparison in one process, for scripts.
//!
//! The corpus is loaded and its term statistics counted once; the events are compared in the
//! order `framediff events` lists them (by date, then id), so the output is the same bytes on
//! every run. JSON Lines (the default) is one report per line; JSON is an array of the
//! reports; Markdown is the reports one after another, separated by a rule. HTML is one page
//! per event and is refused here. A progress bar is drawn on stderr when it is a terminal.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::UsageError;
use super::compare::{
    CompareArgs, ReportFormat, load_annotations, output_format, render_event, report_meta,
    write_report_file,
};
use crate::ui::sanitize::clean;

pub fn run(args: &CompareArgs, demo: bool) -> anyhow::Result<ExitCode> {
    let named: Vec<PathBuf> = [
        args.event.as_ref().map(PathBuf::from),
        args.corpus.clone(),
        args.corpus_flag.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if named.len() > 1 {
        return Err(UsageError(
            "--all compares every event of a corpus: name the corpus only".to_string(),
        )
        .into());
    }
    let output = super::compare::output_file(args.output.as_deref());
    let format = match (args.format, output) {
        (None, None) => ReportFormat::Jsonl,
        (f, o) => output_format(f, o)?,
    };
    if let Some(note) = super::compare::format_note(args.format, output) {
        super::out::warn(note);
    }
    if format == ReportFormat::Html {
        return Err(UsageError(
            "--all writes JSON Lines, JSON or Markdown; an HTML report is one event's page \
             (`framediff compare EVENT -o event.html`)"
                .to_string(),
        )
        .into());
    }
    let choice = super::resolve_corpus(named.first().map(PathBuf::as_path), demo)?;
    let corpus = super::load_choice(&choice);
    if corpus.events.is_empty() {
        for d in &corpus.diagnostics {
            super::out::eline(d);
        }
        super::out::warn(format_args!(
            "no events found in {}",
            clean(&choice.path.display().to_string())
        ));
        return Ok(ExitCode::from(1));
    }
    let options = crate::analysis::CompareOptions {
        backend: args.model.backend_or_config()?,
        ..crate::cache::terms::compare_options(&corpus, crate::cache::enabled_root().as_deref())
    };
    let annotations = load_annotations(&choice.path, &corpus, None);
    let meta = report_meta(&corpus, &choice.path);
    let mut buffer = Vec::new();
    let stdout = std::io::stdout();
    let mut sink: Box<dyn Write> = match output {
        Some(_) => Box::new(&mut buffer),
        None => Box::new(std::io::BufWriter::new(stdout.lock())),
    };
    let total = corpus.events.len();
    let mut bar = Bar::new(std::io::stderr().is_terminal());
    let start = Instant::now();
    bar.show(0, total);
    for (n, event) in corpus.events.iter().enumerate() {
        let report = render_event(&corpus, event, &options, format, &meta, &annotations)?;
        let piece = match format {
            ReportFormat::Json => {
                let open = if n == 0 { "[\n" } else { ",\n" };
                format!("{open}{}", report.trim_end())
            }
            ReportFormat::Markdown if n > 0 => format!("\n---\n\n{report}"),
            _ => report,
        };
        sink.write_all(piece.as_bytes())
            .context("writing the reports")?;
        bar.show(n + 1, total);
    }
    if format == ReportFormat::Json {
        sink.write_all(b"\n]\n").context("writing the reports")?;
    }
    sink.flush().context("writing the reports")?;
    drop(sink);
    bar.clear();
    super::log::debug(format_args!(
        "compared {total} events in {:?}",
        start.elapsed()
    ));
    if let Some(file) = output {
        let text = String::from_utf8_lossy(&buffer);
        write_report_file(file, &text)
            .with_context(|| format!("writing {}", clean(&file.display().to_string())))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A one-line progress bar on stderr, redrawn at most ten times a second; off when stderr is
/// not a terminal (nothing is written at all then).
struct Bar {
    on: bool,
    last: Option<Instant>,
}

impl Bar {
    fn new(on: bool) -> Self {
        Self { on, last: None }
    }

    fn show(&mut self, done: usize, total: usize) {
        if !self.on
            || (done < total
                && self
                    .last
                    .is_some_and(|t| t.elapsed() < Duration::from_millis(100)))
        {
            return;
        }
        self.last = Some(Instant::now());
        let _ = write!(
            std::io::stderr().lock(),
            "\r\x1b[2K{}",
            bar_line(done, total)
        );
    }

    fn clear(&mut self) {
        if self.on && self.last.is_some() {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}

/// "[#########...........]  12/40 events".
fn bar_line(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    format!(
        "[{}{}] {done}/{total} events",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_in_proportion() {
        assert_eq!(bar_line(0, 3), format!("[{}] 0/3 events", ".".repeat(30)));
        assert_eq!(
            bar_line(1, 3),
            format!("[{}{}] 1/3 events", "#".repeat(10), ".".repeat(20))
        );
        assert_eq!(bar_line(3, 3), format!("[{}] 3/3 events", "#".repeat(30)));
    }
}
