//! The `framediff` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use framediff::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => open(cli::corpus_path(args.path)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("framediff: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Opens a corpus interactively.
fn open(path: std::path::PathBuf) -> anyhow::Result<ExitCode> {
    framediff::tui::run_with(&path, &framediff::tui::TuiOptions::default())?;
    Ok(ExitCode::SUCCESS)
}
