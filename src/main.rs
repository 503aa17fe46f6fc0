//! The `framediff` binary: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;
use framediff::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match args.command {
        Some(command) => cli::run(command),
        None => {
            let opts = args.tui_options();
            open(cli::corpus_path(args.path), &opts)
        }
    };
    match result {
        Ok(code) => code,
        // A reader that went away (`framediff eval | head`) is not an error worth a message.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("framediff: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Opens a corpus interactively.
fn open(path: std::path::PathBuf, opts: &framediff::tui::TuiOptions) -> anyhow::Result<ExitCode> {
    framediff::tui::run_with(&path, opts)?;
    Ok(ExitCode::SUCCESS)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
