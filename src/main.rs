//! The `framediff` binary: parses the command line and hands over to the library.
//!
//! Exit status: 0 success, 1 a command's "not found / rejected files" result, 2 a usage or
//! other error (always with a message on stderr, never a TUI), 128 + N after signal N.

use std::process::ExitCode;

use framediff::cli::{self, Cli, UsageError};
use framediff::tui::Exit;

/// mimalloc instead of the system allocator: glibc's malloc keeps the pages an analysis frees
/// (about 200 MB of a TUI on a 40k archive after a change, BENCHMARKS.md), where mimalloc
/// gives them back to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::try_parse_from_checked(std::env::args_os()).unwrap_or_else(|e| e.exit());
    if let Some(file) = &args.log
        && let Err(e) = cli::log::init(file)
    {
        cli::out::warn(format_args!(
            "cannot write the log file {}: {e}",
            file.display()
        ));
        return ExitCode::from(2);
    }
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8 (a corpus folder
    // named in Latin-1); the log line shows such bytes as U+FFFD.
    cli::log::debug(format_args!(
        "args: {:?}",
        std::env::args_os()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
    ));
    let load = args.load_args();
    let cache_allowed = cli::set_limits(load.max_file_size);
    cli::enable_cache(load.no_cache || !cache_allowed);
    if let Some(file) = &args.config {
        // the commands read `model` from it too
        framediff::config::set_config_file(file.clone());
    }
    let missing_config = args.config.as_ref().filter(|c| !c.is_file());
    let result = if args.print_config_path {
        print_config_path(&args)
    } else if let Some(cfg) = missing_config {
        // every command, not only the TUI: a config named but missing is a typo to report
        Err(UsageError(format!("config file not found: {}", cfg.display())).into())
    } else if args.print_default_config {
        print!("{}", framediff::config::DEFAULT_CONFIG);
        Ok(ExitCode::SUCCESS)
    } else {
        match args.command {
            Some(command) => cli::run(command),
            None => open(&args),
        }
    };
    let code = match result {
        Ok(code) => code,
        // A reader that went away (`framediff eval | head`) is not an error worth a message.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            cli::log::debug(format_args!("error: {e:#}"));
            // the one place errors leave the process: sanitised like all other output
            if e.downcast_ref::<UsageError>().is_some() {
                cli::out::warn(&e);
            } else {
                cli::out::warn(format_args!("{e:#}"));
            }
            ExitCode::from(2)
        }
    };
    cli::log::debug(format_args!("exit {code:?}"));
    code
}

/// `--print-config-path`: the file the TUI reads (`--config` if given), and whether it exists.
fn print_config_path(args: &Cli) -> anyhow::Result<ExitCode> {
    let path = args
        .config
        .clone()
        .or_else(framediff::config::user_config_path)
        .ok_or_else(|| anyhow::anyhow!("no home folder: there is no user config path"))?;
    println!("{}", cli::out::text(&path.display().to_string()));
    if !path.exists() {
        eprintln!("framediff: (not created yet: `framediff --print-default-config` is a start)");
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens a corpus interactively, after checking everything that can be checked without one.
fn open(args: &Cli) -> anyhow::Result<ExitCode> {
    // a model that cannot be used is a usage error before the terminal is taken
    if args.model.given().is_some() {
        args.model.backend()?;
    }
    let choice = cli::resolve_top_corpus(args.path.as_deref(), args.demo)?;
    let mut opts = args.tui_options();
    opts.notes.extend(choice.note.clone());
    cli::log::debug(format_args!("opening {} in the TUI", choice.path.display()));
    Ok(match framediff::tui::run_with(&choice.path, &opts)? {
        Exit::Quit => ExitCode::SUCCESS,
        Exit::Signal(n) => ExitCode::from(u8::try_from(128 + n).unwrap_or(255)),
    })
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
