//! Command-line interface: argument parsing and the non-interactive commands.
//!
//! Each command lives in its own module with a `run` function returning an exit code, so
//! the binary stays a thin edge and tests can call commands directly.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub mod check;
pub mod compare;
pub mod eval;
pub mod events;
pub mod pairs;

/// The corpus opened when no path is given.
pub const DEFAULT_CORPUS: &str = "corpus";

#[derive(Debug, Parser)]
#[command(
    name = "framediff",
    version,
    about = "Compare how several news outlets frame one event",
    long_about = "framediff puts several outlets' coverage of one event side by side and shows, \
claim by claim, what they share, where they contradict each other and what only one of them \
reports.\n\nWithout a command it opens the interactive terminal UI on PATH (default: ./corpus).",
    after_help = "Examples:\n  framediff                          open the bundled sample corpus\n  \
framediff ~/news/corpus            open your own corpus\n  \
framediff --theme colour-blind     open with the colour-blind-safe theme\n  \
framediff check corpus             validate a corpus, list every problem\n  \
framediff events corpus --format json\n  \
framediff ../shared/data/basil-dev open the BASIL dataset directly"
)]
pub struct Cli {
    /// Corpus folder or file to open in the TUI.
    pub path: Option<PathBuf>,

    /// Colour theme: dark, light or colour-blind (overrides the config file).
    #[arg(long, value_name = "NAME", value_parser = ["dark", "light", "colour-blind"])]
    pub theme: Option<String>,

    /// Do not capture the mouse, so the terminal's own text selection works everywhere.
    #[arg(long)]
    pub no_mouse: bool,

    /// Use this config file instead of $XDG_CONFIG_HOME/framediff/config.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Do not reload articles that change on disk.
    #[arg(long)]
    pub no_watch: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output formats for listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a corpus: list events, outlets, articles and every problem found.
    #[command(
        after_help = "Exit status: 0 when every file loaded (warnings allowed), 1 when any file was rejected.\n\n\
Examples:\n  framediff check corpus\n  framediff check ../shared/data/basil-dev\n  framediff check dump.jsonl --quiet"
    )]
    Check(check::CheckArgs),

    /// List the events of a corpus with their articles.
    #[command(
        after_help = "The JSON output is a stable contract: {\"events\": [{\"id\", \"title\", \"date\", \"articles\": [{\"path\", \"outlet\", \"title\", ...}]}]}.\n\n\
Examples:\n  framediff events corpus\n  framediff events corpus --format json | jq '.events[].id'"
    )]
    Events(events::EventsArgs),

    /// Compare the outlets of one event: shared, contrasting and unique claims, framing.
    #[command(
        after_help = "JSON schema: docs/report-schema.md.\n\nExamples:\n  framediff compare 2025-03-18-trump-putin-call\n  framediff compare 2025-03-18 --outlets bbc,kp,izvestia --format html -o call.html"
    )]
    Compare(compare::CompareArgs),

    /// Score sentence pairs from stdin (`a<TAB>b` -> `similarity<TAB>verdict`), or evaluate.
    #[command(
        after_help = "Examples:\n  printf 'Putin rejected the truce\\tPutin did not reject the truce\\n' | framediff pairs\n  framediff pairs --eval mrpc ../shared/data/mrpc/msr_paraphrase_train.txt\n  framediff pairs --eval sick ../shared/data/sick/SICK_train.txt"
    )]
    Pairs(pairs::PairsArgs),

    /// Print the claim engine's quality figures (BASIL, MRPC, SICK) from ../shared/data.
    Eval(eval::EvalArgs),
}

/// Runs a parsed command line that is not the TUI; `None` means "open the TUI".
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Events(args) => events::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Pairs(args) => pairs::run(&args),
        Command::Eval(args) => eval::run(&args),
    }
}

impl Cli {
    /// The TUI options the flags ask for.
    pub fn tui_options(&self) -> crate::tui::TuiOptions {
        crate::tui::TuiOptions {
            theme: self.theme.clone(),
            no_mouse: self.no_mouse,
            config: self.config.clone(),
            no_watch: self.no_watch,
        }
    }
}

/// The corpus path to use: the one given, else the bundled sample corpus.
pub fn corpus_path(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tui_flags_become_options() {
        let cli = Cli::try_parse_from([
            "framediff",
            "corpus",
            "--theme",
            "light",
            "--no-mouse",
            "--no-watch",
            "--config",
            "my.toml",
        ])
        .expect("parses");
        assert!(cli.command.is_none());
        assert_eq!(cli.path.as_deref(), Some(std::path::Path::new("corpus")));
        let o = cli.tui_options();
        assert_eq!(o.theme.as_deref(), Some("light"));
        assert!(o.no_mouse && o.no_watch);
        assert_eq!(o.config.as_deref(), Some(std::path::Path::new("my.toml")));
    }

    #[test]
    fn unknown_theme_is_a_usage_error() {
        assert!(Cli::try_parse_from(["framediff", "--theme", "neon"]).is_err());
    }

    #[test]
    fn subcommands_are_not_taken_for_paths() {
        let cli = Cli::try_parse_from(["framediff", "check", "corpus"]).expect("parses");
        assert!(matches!(cli.command, Some(Command::Check(_))));
    }
}
