//! Command-line interface: argument parsing and the non-interactive commands.
//!
//! Each command lives in its own module with a `run` function returning an exit code, so
//! the binary stays a thin edge and tests can call commands directly.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub mod cache;
pub mod check;
pub mod compare;
pub mod compare_all;
pub mod demo;
pub mod eval;
pub mod events;
pub mod fetch;
pub mod log;
pub mod model;
pub mod out;
pub mod pairs;

/// The corpus opened when no path is given (if it exists; else the built-in sample).
pub const DEFAULT_CORPUS: &str = "corpus";

#[derive(Debug, Parser)]
#[command(
    name = "framediff",
    version,
    about = "Compare how several news outlets frame one event",
    long_about = "framediff puts several outlets' coverage of one event side by side and shows, \
claim by claim, what they share, where they contradict each other and what only one of them \
reports.\n\nWithout a command it opens the interactive terminal UI on CORPUS (default: ./corpus, \
or the built-in sample corpus when there is no ./corpus).",
    after_help = "Examples:\n  framediff                          open ./corpus (or the built-in sample)\n  \
framediff --demo                   open the built-in sample corpus\n  \
framediff ~/news/corpus            open your own corpus\n  \
framediff corpus/2025-03-18-trump-putin-call\n                                     open one event folder\n  \
framediff --theme colour-blind     open with the colour-blind-safe theme\n  \
framediff check corpus             validate a corpus, list every problem\n  \
framediff events corpus --format json\n  \
framediff compare \"putin call\" -o call.html\n  \
framediff ../shared/data/basil-dev open the BASIL dataset directly"
)]
pub struct Cli {
    /// Corpus folder or file to open in the TUI (an event folder opens that one event).
    #[arg(value_name = "CORPUS")]
    pub path: Option<PathBuf>,

    /// Open the sample corpus built into the binary.
    #[arg(long)]
    pub demo: bool,

    /// Colour theme (overrides the config file): dark (light text on near-black), light (dark
    /// text on white) or colour-blind (Okabe–Ito colours on near-black). Each paints its own
    /// background, so it reads the same on any terminal palette.
    #[arg(long, value_name = "NAME", value_parser = ["dark", "light", "colour-blind"])]
    pub theme: Option<String>,

    /// Do not capture the mouse, so the terminal's own text selection works everywhere.
    #[arg(long)]
    pub no_mouse: bool,

    /// Use this config file instead of $XDG_CONFIG_HOME/framediff/config.toml (before or
    /// after the command; `compare` reads `model` from it).
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Do not reload articles that change on disk.
    #[arg(long)]
    pub no_watch: bool,

    #[command(flatten)]
    pub model: model::ModelArg,

    /// Append a debug log to FILE (loading, analysis, effects, errors; never article text).
    #[arg(long, value_name = "FILE", env = "FRAMEDIFF_LOG", global = true)]
    pub log: Option<PathBuf>,

    #[command(flatten)]
    pub load: LoadArgs,

    /// Print where the user config file is read from, and exit.
    #[arg(long)]
    pub print_config_path: bool,

    /// Print the built-in default config (a starting point for your own), and exit.
    #[arg(long)]
    pub print_default_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How a corpus is read: the options of the TUI and of the commands that load one (`check`,
/// `events`, `compare`, `eval`). Written before a command (`framediff --no-cache check`) they
/// are handed down to it ([`Cli::try_parse_from_checked`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct LoadArgs {
    /// Read every file again and write no cache (see `framediff cache info`).
    #[arg(long)]
    pub no_cache: bool,

    /// Skip files larger than SIZE, and JSON Lines records larger than SIZE (a dump itself
    /// has no limit): bytes, or with K, M or G (binary multiples). A limit other than the
    /// default turns the cache off for the run [default: 8M].
    #[arg(long, value_name = "SIZE", env = "FRAMEDIFF_MAX_FILE_SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
}

/// Which corpus a listing or comparing command reads: its CORPUS argument, or `--demo`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct SampleArg {
    /// Use the sample corpus built into the binary (instead of CORPUS).
    #[arg(long)]
    pub demo: bool,
}

/// Output formats for listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// Shells `framediff completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellName {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a corpus: list events, outlets, articles and every problem found.
    #[command(
        after_help = "Exit status: 0 when every file loaded (warnings allowed), 1 when any file was \
rejected or nothing was found, 2 when CORPUS does not exist.\n\n\
Examples:\n  framediff check corpus\n  framediff check ../shared/data/basil-dev\n  framediff check dump.jsonl --quiet"
    )]
    Check(check::CheckArgs),

    /// List the events of a corpus with their articles.
    #[command(
        after_help = "The JSON output is a stable contract: {\"events\": [{\"id\", \"title\", \"date\", \"articles\": [{\"path\", \"outlet\", \"title\", ...}]}]}.\n\n\
Exit status (as `check`): 0 when every file loaded, 1 when any file was rejected (the events that \
loaded are still listed) or no events were found, 2 when CORPUS does not exist.\n\n\
Examples:\n  framediff events corpus\n  framediff events corpus --format json | jq '.events[].id'"
    )]
    Events(events::EventsArgs),

    /// Compare the outlets of one event: shared, contrasting and unique claims, framing.
    #[command(
        override_usage = "framediff compare [OPTIONS] <EVENT> [CORPUS]\n       \
framediff compare --all [OPTIONS] [CORPUS]",
        after_help = "EVENT is an event id, a unique id prefix, words of its title (as in the event \
picker), or the path of an event folder. Several matches are listed as \"ambiguous\".\n\
The format follows the extension of -o (.html, .json, .jsonl, .md) unless --format says otherwise.\n\
With --all every event is compared, in the order of `framediff events` (JSON Lines by default).\n\
JSON schema: docs/report-schema.md.\n\n\
Exit status: 0 with a report, 2 when EVENT names no event or several (the candidates are listed on \
stderr), an --outlets name is unknown, or CORPUS does not exist.\n\nExamples:\n  framediff compare 2025-03-18-trump-putin-call\n  \
framediff compare \"putin call\" corpus\n  framediff compare corpus/2025-03-18-trump-putin-call -o call.html\n  \
framediff compare 2025-03-18 --outlets bbc,kp,izvestia --format json\n  \
framediff compare --all corpus > reports.jsonl"
    )]
    Compare(compare::CompareArgs),

    /// Score sentence pairs from stdin (`a<TAB>b` -> `score<TAB>verdict`), or evaluate.
    #[command(
        after_help = "The first column is the figure the \"shared\" decision reads, in [0, 1]: the \
paraphrase score, \"shared\" at or above --paraphrase (default 0.52) when no contrast rule fires. \
Without a model it is the surface paraphrase model's (words, word pairs, word order; \
docs/similarity.md). With --model it is the larger of that and the model's cosine put on the same \
scale (0.52 at cosine 0.70, 1 at cosine 1), except where the contrast rules see a cue of \
opposition (a negation on one side, figures of one unit or days that differ, an antonym, opposite \
judgements) or each sentence names someone or somewhere the other does not: there the cosine does \
not count. With --paraphrase 0, or for two languages, it is the similarity (lexical TF-IDF \
over the sentences read), \"shared\" at or above 0.36. \"contrasting\" comes from the contrast \
rules, whatever the score.\n\n--reasons: for \"contrasting\" the contrast (\"number: 30 vs 60\"); \
for \"shared\" the score against its threshold (and \"the model's\" when the cosine decided) and \
the common words; for \"different\" the score below the threshold, or what kept two sentences \
apart that score as one fact (another name in one slot, a negation on one side only, figures \
that count different things, two currencies).\n\nExamples:\n  printf 'Putin rejected the truce\\tPutin did not reject the truce\\n' | framediff pairs\n  framediff pairs --eval mrpc ../shared/data/mrpc/msr_paraphrase_train.txt\n  framediff pairs --eval sick ../shared/data/sick/SICK_train.txt"
    )]
    Pairs(pairs::PairsArgs),

    /// Show or remove the persistent cache of parsed articles, groupings and term statistics.
    #[command(
        after_help = "The cache lives in the platform cache folder (~/.cache/framediff on Linux), or in \
$FRAMEDIFF_CACHE_DIR; never inside a corpus. --no-cache reads everything and writes nothing.\n\n\
Examples:\n  framediff cache info\n  framediff cache info corpus\n  framediff cache clear corpus\n  framediff cache clear"
    )]
    Cache(cache::CacheArgs),

    /// Print the claim engine's quality figures on the research data (BASIL, MRPC, SICK,
    /// ECB+, FNC-1, NeuS), beside a baseline computed in the same run where one is printed
    /// (the BASIL sentence-boundary and loaded-term blocks have none).
    Eval(eval::EvalArgs),

    /// Get a sentence-embedding model folder for `--model` (`model fetch NAME`).
    #[command(
        after_help = "Downloads config.json, tokenizer.json, 1_Pooling/config.json, \
sentence_bert_config.json and model.safetensors from the Hugging Face hub ($HF_ENDPOINT, default \
https://huggingface.co) with curl. Offline, the error says how to get the folder by hand.\n\n\
Examples:\n  framediff model fetch all-MiniLM-L6-v2 --to ~/models/all-MiniLM-L6-v2\n  \
framediff --model ~/models/all-MiniLM-L6-v2"
    )]
    Model(fetch::ModelArgs),

    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  framediff completions bash > ~/.local/share/bash-completion/completions/framediff\n  \
framediff completions zsh > \"${fpath[1]}/_framediff\"\n  framediff completions fish > ~/.config/fish/completions/framediff.fish\n  \
framediff completions powershell >> $PROFILE"
    )]
    Completions {
        #[arg(value_enum)]
        shell: ShellName,
    },

    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  framediff man > framediff.1 && man ./framediff.1")]
    Man,
}

impl Command {
    /// The command's name as typed (`check`, `cache`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            Command::Check(_) => "check",
            Command::Events(_) => "events",
            Command::Compare(_) => "compare",
            Command::Pairs(_) => "pairs",
            Command::Cache(_) => "cache",
            Command::Eval(_) => "eval",
            Command::Model(_) => "model",
            Command::Completions { .. } => "completions",
            Command::Man => "man",
        }
    }

    /// `--demo` of the commands that read a corpus the user names.
    fn sample_mut(&mut self) -> Option<&mut SampleArg> {
        match self {
            Command::Check(a) => Some(&mut a.sample),
            Command::Events(a) => Some(&mut a.sample),
            Command::Compare(a) => Some(&mut a.sample),
            _ => None,
        }
    }

    /// The load options of the commands that load a corpus.
    fn load(&self) -> Option<&LoadArgs> {
        match self {
            Command::Check(a) => Some(&a.load),
            Command::Events(a) => Some(&a.load),
            Command::Compare(a) => Some(&a.load),
            Command::Eval(a) => Some(&a.load),
            _ => None,
        }
    }

    fn load_mut(&mut self) -> Option<&mut LoadArgs> {
        match self {
            Command::Check(a) => Some(&mut a.load),
            Command::Events(a) => Some(&mut a.load),
            Command::Compare(a) => Some(&mut a.load),
            Command::Eval(a) => Some(&mut a.load),
            _ => None,
        }
    }

    /// `--model` of the commands that compare claims.
    fn model_mut(&mut self) -> Option<&mut model::ModelArg> {
        match self {
            Command::Compare(a) => Some(&mut a.model),
            Command::Pairs(a) => Some(&mut a.model),
            Command::Eval(a) => Some(&mut a.model),
            _ => None,
        }
    }
}

/// A mistake in what the user typed: reported on stderr with exit status 2, never a TUI.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs a parsed command line that is not the TUI.
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Check(args) => check::run(&args, args.sample.demo),
        Command::Events(args) => events::run(&args, args.sample.demo),
        Command::Compare(args) => compare::run(&args, args.sample.demo),
        Command::Cache(args) => cache::run(&args),
        Command::Pairs(args) => pairs::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Model(args) => fetch::run(&args),
        Command::Completions { shell } => {
            quiet_on_closed_pipe(completions(shell, &mut std::io::stdout().lock()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            quiet_on_closed_pipe(man(&mut std::io::stdout().lock()))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A reader that stopped early (`| head`) is no error: what it took was written.
fn quiet_on_closed_pipe(r: std::io::Result<()>) -> std::io::Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// Writes the completion script for `shell`.
///
/// # Errors
/// Writing to `out` fails (a closed pipe included: reported, never a panic).
pub fn completions(shell: ShellName, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let shell = match shell {
        ShellName::Bash => Shell::Bash,
        ShellName::Zsh => Shell::Zsh,
        ShellName::Fish => Shell::Fish,
        ShellName::Powershell => Shell::PowerShell,
        ShellName::Elvish => Shell::Elvish,
    };
    let mut cmd = Cli::command();
    // clap_complete panics when its writer fails: it writes to memory, the copy can fail
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "framediff", &mut script);
    out.write_all(&script)
}

/// Writes the manual page `framediff(1)` (roff): NAME, SYNOPSIS, DESCRIPTION and OPTIONS from
/// the command line definition (clap_mangen), then COMMANDS with a subsection per command
/// (`framediff cache info` included: synopsis, description, options, exit status and
/// examples), EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES and SEE ALSO, so `man` shows one
/// page with every command.
pub fn man(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    cmd.build();
    let page = clap_mangen::Man::new(cmd.clone());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in visible_commands(&cmd) {
        man_command(out, sub)?;
    }
    for (title, text) in manual::SECTIONS {
        writeln!(out, ".SH {}", roff_text(title))?;
        manual::write_paragraphs(out, text)?;
    }
    writeln!(out, ".SH EXAMPLES")?;
    if let Some(examples) = cmd.get_after_help() {
        let text = examples.to_string();
        manual::write_preformatted(out, text.trim_start_matches("Examples:\n"))?;
    }
    writeln!(out, ".SH \"SEE ALSO\"")?;
    manual::write_paragraphs(out, manual::SEE_ALSO)?;
    page.render_version_section(out)
}

/// The commands of `cmd` a user can run (not clap's `help`).
fn visible_commands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
}

/// One command's subsection of COMMANDS, then its own commands' (`cache info`).
fn man_command(out: &mut dyn std::io::Write, sub: &clap::Command) -> std::io::Result<()> {
    let name = sub.get_bin_name().unwrap_or(sub.get_name()).to_string();
    writeln!(out, ".SS \"{}\"", roff_text(&name))?;
    let page = clap_mangen::Man::new(sub.clone());
    // clap_mangen writes each part as a section of its own page: here they are paragraphs
    // of the subsection, so their `.SH` headings are left out
    let mut parts: Vec<u8> = Vec::new();
    page.render_synopsis_section(&mut parts)?;
    page.render_description_section(&mut parts)?;
    let has_options = sub.get_arguments().any(|a| !a.is_hide_set());
    if has_options {
        writeln!(parts, ".PP\n\\fIOptions:\\fR")?;
        page.render_options_section(&mut parts)?;
    }
    for line in String::from_utf8_lossy(&parts).lines() {
        match line.strip_prefix(".SH ") {
            Some("SYNOPSIS") => {}
            Some(_) => writeln!(out, ".PP")?,
            None => writeln!(out, "{line}")?,
        }
    }
    if let Some(after) = sub.get_after_help() {
        manual::write_help_text(out, &after.to_string())?;
    }
    for nested in visible_commands(sub) {
        man_command(out, nested)?;
    }
    Ok(())
}

/// `text` safe as roff text: backslashes and hyphens escaped, a leading `.` or `'` made
/// literal.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// The hand-written sections of the manual page.
mod manual {
    use std::io::Write;

    /// EXIT STATUS, ENVIRONMENT and FILES: paragraphs, each `term\tdescription` or text.
    pub const SECTIONS: [(&str, &str); 3] = [
        (
            "EXIT STATUS",
            "0\tSuccess (for `check`: every file loaded; warnings allowed).\n\
             1\tThe command found nothing or rejected something: `check` rejected a file or \
             found no articles, `events` rejected a file or found no events.\n\
             2\tA usage error (an unknown option, a missing corpus, an option the command does \
             not take, a `compare` EVENT that names no event or several) or any other error, always with a message on standard error; the \
             interactive view never starts then.\n\
             128+N\tThe interactive view ended by signal N after restoring the terminal: 129 \
             (SIGHUP, a closed terminal), 130 (SIGINT), 143 (SIGTERM).",
        ),
        (
            "ENVIRONMENT",
            "FRAMEDIFF_MODEL\tA sentence-embedding model folder, as `--model` (the interactive \
             view, `compare`, `pairs`, `eval`; needs a build with `--features semantic`). \
             `model = \"DIR\"` in the config file does the same.\n\
             FRAMEDIFF_CACHE_DIR\tThe cache root, instead of the platform cache folder (see \
             FILES).\n\
             FRAMEDIFF_LOG\tAppend a debug log to this file, as `--log`.\n\
             FRAMEDIFF_MAX_FILE_SIZE\tThe file size limit, as `--max-file-size`.\n\
             FRAMEDIFF_DATA\tThe research data folder of `eval` (default ../shared/data).\n\
             HF_ENDPOINT\tThe Hugging Face hub `model fetch` downloads from (default \
             https://huggingface.co).\n\
             XDG_CONFIG_HOME\tWhere the config folder is (default ~/.config).\n\
             NO_COLOR\tWhen set, the interactive view draws without colours (glyphs such as \
             = \u{2260} + still tell claim kinds apart).",
        ),
        (
            "FILES",
            "$XDG_CONFIG_HOME/framediff/config.toml\tThe user config (theme, model, mouse, \
             layout, key bindings under [keys.SCREEN]); `framediff --print-config-path` prints \
             where it is read from, `framediff --print-default-config` the built-in defaults. \
             `--config FILE` reads another.\n\
             ~/.cache/framediff/\tThe cache root on Linux (~/Library/Caches/framediff on macOS, \
             %LOCALAPPDATA%\\framediff\\cache on Windows; $FRAMEDIFF_CACHE_DIR when set): \
             corpora/ID/ holds one corpus's parsed files, groupings and term statistics and \
             session.json, the view the interactive view comes back to; also the sentence \
             embeddings and the extracted sample corpus. `framediff cache info` lists it, \
             `framediff cache clear` removes it; `--no-cache` neither reads nor writes it.\n\
             CORPUS/.framediff/annotations.json\tThe annotations made in the interactive view \
             (agree, verdict, note), written only once one is made.\n\
             CORPUS/outlets.toml, EVENT/event.toml\tOptional: outlet names, countries and \
             leans; an event folder's title, date, summary and tags.",
        ),
    ];

    /// SEE ALSO.
    pub const SEE_ALSO: &str = "`framediff COMMAND --help` for one command; README.md (the \
        corpus layout, the interactive view and its keys), docs/report-schema.md (the JSON \
        report of `compare`, `check` and `events`), docs/cache.md (the cache) and \
        docs/semantic.md (models) in the source repository; jq(1) to query the JSON output.";

    /// Paragraphs: a line `term\tdescription` becomes a tagged paragraph (`.TP`), other lines
    /// plain ones.
    pub fn write_paragraphs(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
        for line in text.lines() {
            match line.split_once('\t') {
                Some((term, desc)) => writeln!(
                    out,
                    ".TP\n\\fB{}\\fR\n{}",
                    super::roff_text(term),
                    super::roff_text(desc)
                )?,
                None => writeln!(out, ".PP\n{}", super::roff_text(line))?,
            }
        }
        Ok(())
    }

    /// A command's notes below its options, as its `--help` shows them: paragraphs filled,
    /// an indented block under a heading line ("Examples:") kept line for line.
    pub fn write_help_text(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
        for block in text.split("\n\n") {
            let mut lines = block.lines();
            let Some(first) = lines.next() else { continue };
            let rest: Vec<&str> = lines.collect();
            writeln!(out, ".PP")?;
            if rest.first().is_some_and(|l| l.starts_with(' ')) {
                writeln!(out, "{}", super::roff_text(first))?;
                write_preformatted(out, &rest.join("\n"))?;
            } else {
                for line in std::iter::once(first).chain(rest) {
                    writeln!(out, "{}", super::roff_text(line))?;
                }
            }
        }
        Ok(())
    }

    /// Text kept line for line (examples).
    pub fn write_preformatted(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
        writeln!(out, ".nf")?;
        for line in text.lines() {
            writeln!(out, "{}", super::roff_text(line))?;
        }
        writeln!(out, ".fi")
    }
}

impl Cli {
    /// Parses a command line as [`Parser::try_parse_from`] does, then hands the options
    /// written before a command down to it when the command takes them (`framediff --demo
    /// events` is `framediff events --demo`; one written after the command wins). An option
    /// the command does not take is an error naming both (`--theme` before `eval`), not
    /// ignored: each command's `--help` lists only what it uses.
    ///
    /// # Errors
    /// clap's error, which prints itself with the usage and exits with status 2.
    pub fn try_parse_from_checked<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        let matches = Cli::command()
            .try_get_matches_from(&args)
            .map_err(|e| typo_of_a_command(e, &args))?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.hand_down(&matches)?;
        Ok(cli)
    }

    /// The load options in force: the command's (with those written before it), else the
    /// TUI's.
    pub fn load_args(&self) -> &LoadArgs {
        self.command
            .as_ref()
            .and_then(Command::load)
            .unwrap_or(&self.load)
    }

    /// See [`Cli::try_parse_from_checked`].
    fn hand_down(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        use clap::parser::ValueSource;
        let typed =
            |m: &clap::ArgMatches, id: &str| m.value_source(id) == Some(ValueSource::CommandLine);
        let (Some(cmd), Some((_, sub))) = (self.command.as_mut(), m.subcommand()) else {
            return Ok(());
        };
        let name = cmd.name();
        let refuse = |flag: &str, what: &str| {
            use clap::CommandFactory;
            Cli::command().error(
                clap::error::ErrorKind::ArgumentConflict,
                format!("{flag} {what}; `framediff {name}` does not take it"),
            )
        };
        for (id, flag) in [
            ("theme", "--theme"),
            ("no_mouse", "--no-mouse"),
            ("no_watch", "--no-watch"),
        ] {
            if typed(m, id) {
                return Err(refuse(flag, "is an option of the interactive view"));
            }
        }
        if self.demo {
            match cmd.sample_mut() {
                Some(s) => s.demo = true,
                None => return Err(refuse("--demo", "opens the built-in sample corpus")),
            }
        }
        let no_cache = self.load.no_cache;
        let size = typed(m, "max_file_size").then_some(self.load.max_file_size);
        if no_cache || size.is_some() {
            let flag = if no_cache {
                "--no-cache"
            } else {
                "--max-file-size"
            };
            let own_size = cmd.load().is_some() && typed(sub, "max_file_size");
            match cmd.load_mut() {
                Some(l) => {
                    l.no_cache |= no_cache;
                    if let Some(size) = size.filter(|_| !own_size) {
                        l.max_file_size = size;
                    }
                }
                None => return Err(refuse(flag, "is about reading a corpus")),
            }
        }
        if typed(m, "model") {
            let own = cmd.model_mut().is_some() && typed(sub, "model");
            match cmd.model_mut() {
                Some(mm) if !own => mm.model = self.model.model.clone(),
                Some(_) => {}
                None => return Err(refuse("--model", "chooses the model that compares claims")),
            }
        }
        if self.model.no_model {
            match cmd.model_mut() {
                Some(mm) => mm.no_model = true,
                None => {
                    return Err(refuse(
                        "--no-model",
                        "chooses the model that compares claims",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The TUI options the flags ask for.
    pub fn tui_options(&self) -> crate::tui::TuiOptions {
        crate::tui::TuiOptions {
            theme: self.theme.clone(),
            no_mouse: self.no_mouse,
            config: self.config.clone(),
            no_watch: self.no_watch,
            notes: Vec::new(),
            model: self.model.given().map(Path::to_path_buf),
        }
    }
}

/// Where a corpus comes from, once the command line is understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusChoice {
    pub path: PathBuf,
    /// Said to the user before anything else (e.g. "using the built-in sample corpus").
    pub note: Option<String>,
}

/// The corpus to open: the path given (which must exist), else `./corpus`, else the sample
/// corpus built into the binary (said so in `note`). `--demo` always picks the built-in one.
pub fn resolve_corpus(given: Option<&Path>, demo: bool) -> anyhow::Result<CorpusChoice> {
    if demo {
        if let Some(p) = given {
            return Err(UsageError(format!(
                "--demo opens the built-in sample corpus; drop it to open {}",
                p.display()
            ))
            .into());
        }
        return Ok(CorpusChoice {
            path: demo::extract()?,
            note: None,
        });
    }
    match given {
        Some(p) if p.exists() => Ok(CorpusChoice {
            path: p.to_path_buf(),
            note: None,
        }),
        Some(p) => Err(UsageError(missing_path_message(p)).into()),
        None if Path::new(DEFAULT_CORPUS).exists() => Ok(CorpusChoice {
            path: PathBuf::from(DEFAULT_CORPUS),
            note: None,
        }),
        None => Ok(CorpusChoice {
            path: demo::extract()?,
            note: Some(
                "no ./corpus here: using the sample corpus built into framediff (illustrative \
                 texts; name a folder to open your own)"
                    .to_string(),
            ),
        }),
    }
}

/// clap's "unexpected argument 'c1'" for `framediff chek c1` or `framediff report c1` (a word
/// taken for the corpus, its own argument then left over), and the top-level help clap
/// prints for `framediff report --help`, made the message `framediff report` gets: the word
/// is neither a file, a folder nor a command, with the command meant
/// ([`unknown_word_message`]). Only for a bare word (no `/`, `\`, `.`) in the place of the
/// corpus that is no existing path: a folder named `report` is still a corpus. Any other
/// error is returned as it is.
fn typo_of_a_command(e: clap::Error, args: &[std::ffi::OsString]) -> clap::Error {
    use clap::CommandFactory;
    use clap::error::ErrorKind;
    if !matches!(
        e.kind(),
        ErrorKind::UnknownArgument | ErrorKind::DisplayHelp
    ) {
        return e;
    }
    if e.kind() == ErrorKind::UnknownArgument
        && let Some(said) = misplaced_option(&e, args)
    {
        return Cli::command().error(ErrorKind::ArgumentConflict, said);
    }
    if let Some(word) = corpus_word(args).filter(|w| is_bare_word(w) && !Path::new(w).exists()) {
        return Cli::command().error(ErrorKind::InvalidSubcommand, unknown_word_message(word));
    }
    if e.kind() == ErrorKind::DisplayHelp {
        return e;
    }
    // a command's own name is no typo (`compare` followed by an option it lacks)
    let typo = args.iter().skip(1).filter_map(|a| a.to_str()).find(|a| {
        !a.starts_with('-') && !Path::new(a).exists() && did_you_mean(a).is_some_and(|c| c != *a)
    });
    match typo {
        Some(word) => Cli::command().error(
            ErrorKind::InvalidSubcommand,
            missing_path_message(Path::new(word)),
        ),
        None => e,
    }
}

/// The word in the place of framediff's CORPUS (or of a command): the first argument that is
/// neither an option nor an option's value; `None` when there is none or it names a command.
fn corpus_word(args: &[std::ffi::OsString]) -> Option<&str> {
    use clap::CommandFactory;
    let cli = Cli::command();
    let takes_value = |flag: &str| {
        cli.get_arguments()
            .find(|a| {
                flag.strip_prefix("--")
                    .is_some_and(|l| a.get_long() == Some(l))
                    || (flag.len() == 2 && a.get_short() == flag.chars().nth(1))
            })
            .is_some_and(|a| a.get_action().takes_values())
    };
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = words.next() {
        let arg = arg?;
        if arg == "--" {
            return words
                .next()
                .flatten()
                .filter(|w| cli.find_subcommand(w).is_none());
        }
        if arg.starts_with('-') {
            if !arg.contains('=') && takes_value(arg) {
                words.next();
            }
            continue;
        }
        return cli.find_subcommand(arg).is_none().then_some(arg);
    }
    None
}

/// A word as a command is typed: no path separator or dot, not empty, not an option.
fn is_bare_word(word: &str) -> bool {
    !word.is_empty() && !word.starts_with('-') && !word.contains(['/', '\\', '.'])
}

/// Words a newcomer types for what a command does, with the command and how it is used.
const MEANT_COMMANDS: [(&str, &str, &str); 7] = [
    (
        "report",
        "compare",
        "reports are made by `framediff compare EVENT [CORPUS] -o report.html` (or `-o \
         report.md`, `--format json`)",
    ),
    (
        "reports",
        "compare",
        "reports are made by `framediff compare EVENT [CORPUS] -o report.html` (or `-o \
         report.md`, `--format json`)",
    ),
    (
        "export",
        "compare",
        "`framediff compare EVENT [CORPUS] -o report.html` (or .md, .json) writes a report",
    ),
    (
        "html",
        "compare",
        "`framediff compare EVENT [CORPUS] -o report.html` writes the HTML report",
    ),
    (
        "validate",
        "check",
        "`framediff check [CORPUS]` validates a corpus",
    ),
    (
        "list",
        "events",
        "`framediff events [CORPUS]` lists the events",
    ),
    (
        "open",
        "",
        "`framediff CORPUS` opens a corpus in the terminal UI",
    ),
];

/// What `framediff WORD` says for a bare word that is no command and no existing path:
/// "'report' is neither a file, a folder nor a command", then the command meant (a typo of
/// one, "did you mean `check`?", or a word for what one does: `report` is made by `compare`,
/// said with how) and where the commands are listed.
pub fn unknown_word_message(word: &str) -> String {
    let shown = crate::ui::sanitize::clean(word).into_owned();
    let lower = word.to_lowercase();
    let mut m = format!("'{shown}' is neither a file, a folder nor a command");
    if let Some((_, cmd, how)) = MEANT_COMMANDS.iter().find(|(w, _, _)| *w == lower) {
        if cmd.is_empty() {
            m.push_str(&format!("; {how}"));
        } else {
            m.push_str(&format!("; did you mean `{cmd}`? {how}"));
        }
    } else if let Some(cmd) = did_you_mean(word) {
        m.push_str(&format!("; did you mean `{cmd}`?"));
    }
    m.push_str("\n(run `framediff --help` for the commands)");
    m
}

/// [`resolve_corpus`] for the CORPUS of framediff itself (the terminal UI): a bare word that
/// is no existing path is said to be no command either ([`unknown_word_message`]).
///
/// # Errors
/// As [`resolve_corpus`].
pub fn resolve_top_corpus(given: Option<&Path>, demo: bool) -> anyhow::Result<CorpusChoice> {
    if let Some(word) = given.and_then(Path::to_str)
        && !demo
        && is_bare_word(word)
        && !Path::new(word).exists()
    {
        return Err(UsageError(unknown_word_message(word)).into());
    }
    resolve_corpus(given, demo)
}

/// "--theme is an option of the interactive view, not of `framediff compare`" for an option
/// of framediff itself written after a command that lacks it (`compare ev1 --theme light`);
/// `None` for any other unknown argument.
fn misplaced_option(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<String> {
    use clap::CommandFactory;
    let clap::error::ContextValue::String(arg) = e.get(clap::error::ContextKind::InvalidArg)?
    else {
        return None;
    };
    let flag = arg.split('=').next()?.strip_prefix("--")?;
    let cli = Cli::command();
    cli.get_arguments().find(|a| a.get_long() == Some(flag))?;
    let sub = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| cli.find_subcommand(a).is_some())?;
    Some(format!(
        "--{flag} is an option of framediff's interactive view, not of `framediff {sub}`; \
         drop it (or write it before the command to open the view)"
    ))
}

/// "no such file or folder: chek", with a likely subcommand when it looks like a typo of one.
pub fn missing_path_message(p: &Path) -> String {
    let shown = crate::ui::sanitize::clean(&p.display().to_string()).into_owned();
    match p.to_str().and_then(did_you_mean) {
        Some(cmd) => format!(
            "'{shown}' is neither a file, a folder nor a command; did you mean `{cmd}`?\n\
             (run `framediff --help` for the commands)"
        ),
        None => format!("no such file or folder: {shown}"),
    }
}

/// The subcommand `word` is probably a typo of (edit distance 1 or 2, or a prefix of 3+ letters).
pub fn did_you_mean(word: &str) -> Option<&'static str> {
    const COMMANDS: [&str; 8] = [
        "cache",
        "check",
        "events",
        "compare",
        "pairs",
        "eval",
        "completions",
        "man",
    ];
    if word.contains(['/', '\\', '.']) || word.is_empty() {
        return None;
    }
    let w = word.to_lowercase();
    COMMANDS
        .iter()
        .map(|c| (edit_distance(&w, c), *c))
        .filter(|(d, c)| *d <= 2.min(c.len() / 2) || (w.len() >= 3 && c.starts_with(&w)))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// "1 event", "2 events", "0 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A size as `--max-file-size` takes it: bytes, or a number with K, M or G (KiB, MiB, GiB;
/// `KB`/`MB`/`GB` and lower case accepted).
///
/// # Errors
/// A message naming what could not be read, or a size of zero.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("'{text}' is not a size (for example 8M, 512K or 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("'{text}': unknown unit (use K, M or G)")),
    };
    match n.checked_mul(1u64 << shift) {
        Some(0) => Err("the size limit must be above zero".into()),
        Some(bytes) => Ok(bytes),
        None => Err(format!("'{text}' is too large")),
    }
}

/// Applies `--max-file-size`; a limit other than the default keeps the cache off, since
/// cached files were read under the default.
pub fn set_limits(max_file_size: Option<u64>) -> bool {
    match max_file_size {
        Some(b) if b != crate::corpus::load::MAX_FILE_BYTES => {
            crate::corpus::load::set_max_file_bytes(b);
            log::debug(format_args!("file size limit {b} bytes; no cache"));
            false
        }
        _ => true,
    }
}

/// Turns the persistent cache on for this process unless `--no-cache` ([`crate::cache`]).
pub fn enable_cache(no_cache: bool) {
    match crate::cache::default_root() {
        Some(root) if !no_cache => {
            log::debug(format_args!("cache in {}", root.display()));
            crate::cache::enable(root);
        }
        _ => log::debug(format_args!("no cache")),
    }
}

/// Loads the chosen corpus, saying first where it came from when that was not obvious.
pub fn load_choice(choice: &CorpusChoice) -> crate::corpus::Corpus {
    if let Some(note) = &choice.note {
        out::warn(note);
    }
    log::debug(format_args!("loading {}", choice.path.display()));
    let start = std::time::Instant::now();
    let corpus = crate::corpus::load(&choice.path);
    log::debug(format_args!(
        "loaded {} events, {} articles, {} diagnostics in {:?}",
        corpus.events.len(),
        corpus.article_count(),
        corpus.diagnostics.len(),
        start.elapsed()
    ));
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_binary_units() {
        assert_eq!(parse_size("512"), Ok(512));
        assert_eq!(parse_size("8M"), Ok(8 << 20));
        assert_eq!(parse_size("1 KB"), Ok(1024));
        assert_eq!(parse_size("2gib"), Ok(2 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("8T").is_err());
        assert!(parse_size("much").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }

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
    fn exit_status_docs_put_an_unmatched_compare_event_under_2() {
        let exit = manual::SECTIONS[0].1;
        let line = |code: &str| {
            exit.split('\n')
                .find(|l| l.trim_start().starts_with(code))
                .unwrap_or_default()
                .to_string()
        };
        assert!(!line("1\t").contains("compare"), "{exit}");
        assert!(line("1\t").contains("`events` rejected a file"), "{exit}");
        assert!(line("2\t").contains("`compare` EVENT"), "{exit}");
        let mut cmd = <Cli as clap::CommandFactory>::command();
        let help = cmd
            .find_subcommand_mut("compare")
            .expect("compare")
            .render_long_help()
            .to_string();
        assert!(
            help.contains("2 when EVENT names no event or several"),
            "{help}"
        );
    }

    #[test]
    fn pairs_sweep_without_eval_is_a_usage_error_naming_the_flag() {
        let e = Cli::try_parse_from(["framediff", "pairs", "--sweep"]).expect_err("refused");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("--eval"), "{e}");
        assert!(
            Cli::try_parse_from(["framediff", "pairs", "--eval", "mrpc", "f", "--sweep"]).is_ok()
        );
    }

    #[test]
    fn pairs_file_without_eval_is_refused_not_ignored() {
        let e = Cli::try_parse_from(["framediff", "pairs", "pairs.tsv"]).expect_err("refused");
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("--eval"), "{e}");
    }

    #[test]
    fn pairs_sweep_on_sick_is_refused_naming_mrpc() {
        let cli = Cli::try_parse_from(["framediff", "pairs", "--eval", "sick", "f", "--sweep"])
            .expect("parses");
        let Some(Command::Pairs(args)) = cli.command else {
            panic!("pairs");
        };
        let e = pairs::run(&args).expect_err("refused");
        let usage = e
            .downcast_ref::<UsageError>()
            .expect("a usage error (exit 2)");
        assert!(usage.0.contains("--eval mrpc"), "{}", usage.0);
    }

    /// A writer whose reader has gone (`| head` after the first line).
    struct ClosedPipe;
    impl std::io::Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn completions_into_a_closed_pipe_are_an_error_not_a_panic() {
        for shell in [ShellName::Bash, ShellName::Fish, ShellName::Powershell] {
            let e = completions(shell, &mut ClosedPipe).expect_err("reported");
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
            assert!(quiet_on_closed_pipe(Err(e)).is_ok());
        }
    }

    #[test]
    fn subcommands_are_not_taken_for_paths() {
        let cli = Cli::try_parse_from(["framediff", "check", "corpus"]).expect("parses");
        assert!(matches!(cli.command, Some(Command::Check(_))));
    }

    #[test]
    fn typos_of_subcommands_are_recognised_and_paths_are_not() {
        assert_eq!(did_you_mean("chek"), Some("check"));
        // with the corpus after it too, as a user types it
        let e = Cli::try_parse_from_checked(["framediff", "chek", "c1"]).expect_err("refused");
        assert_eq!(e.kind(), clap::error::ErrorKind::InvalidSubcommand);
        assert!(e.to_string().contains("did you mean `check`?"), "{e}");
        let e = Cli::try_parse_from_checked(["framediff", "corpus", "extra"]).expect_err("refused");
        assert_eq!(e.kind(), clap::error::ErrorKind::UnknownArgument, "{e}");
        assert_eq!(did_you_mean("evnets"), Some("events"));
        assert_eq!(did_you_mean("comapre"), Some("compare"));
        assert_eq!(did_you_mean("comp"), Some("compare"));
        assert_eq!(did_you_mean("news"), None);
        assert_eq!(did_you_mean("../nope"), None);
        assert_eq!(did_you_mean("corpus.jsonl"), None);
    }

    /// Tester report 20, item 12: `report` is no command, whatever follows it, and the
    /// message says which command makes reports and how.
    #[test]
    fn a_word_that_is_no_command_says_so_and_names_the_command_meant() {
        for args in [
            &["framediff", "report", "c1"][..],
            &["framediff", "report", "--help"],
            &["framediff", "--theme", "light", "report", "-h"],
        ] {
            let e =
                Cli::try_parse_from_checked(args.iter().copied()).expect_err(&format!("{args:?}"));
            assert_eq!(
                e.kind(),
                clap::error::ErrorKind::InvalidSubcommand,
                "{args:?}"
            );
            assert_eq!(e.exit_code(), 2);
            let text = e.to_string();
            assert!(
                text.contains("'report' is neither a file, a folder nor a command"),
                "{text}"
            );
            assert!(text.contains("did you mean `compare`?"), "{text}");
            assert!(text.contains("-o report.html"), "{text}");
        }
        let e = resolve_top_corpus(Some(Path::new("report")), false).expect_err("refused");
        assert!(e.downcast_ref::<UsageError>().is_some());
        assert!(e.to_string().contains("framediff compare EVENT"), "{e}");
        // a typo still gets its command, a plain unknown word no suggestion
        let m = unknown_word_message("chek");
        assert!(m.contains("did you mean `check`?"), "{m}");
        let m = unknown_word_message("newsroom");
        assert!(
            m.contains("'newsroom' is neither") && !m.contains("did you mean"),
            "{m}"
        );
        // a command's own help, and a path, are left alone
        let e = Cli::try_parse_from_checked(["framediff", "compare", "--help"]).expect_err("help");
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
        let e = Cli::try_parse_from_checked(["framediff", "--help"]).expect_err("help");
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
        let e = Cli::try_parse_from_checked(["framediff", "no/such/report", "--help"])
            .expect_err("help");
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp);
        // an option's value is not the corpus word
        assert_eq!(
            corpus_word(&["framediff", "--config", "report", "x"].map(std::ffi::OsString::from)),
            Some("x")
        );
        assert_eq!(
            corpus_word(&["framediff", "check", "report"].map(std::ffi::OsString::from)),
            None
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(0, "error"), "0 errors");
        assert_eq!(plural(2, "outlet"), "2 outlets");
    }

    #[test]
    fn a_missing_path_is_a_usage_error_and_demo_conflicts_with_a_path() {
        let e = resolve_corpus(Some(Path::new("/no/such/corpus")), false).unwrap_err();
        assert!(e.downcast_ref::<UsageError>().is_some());
        assert!(e.to_string().contains("no such file or folder"), "{e}");
        let e = resolve_corpus(Some(Path::new("corpus")), true).unwrap_err();
        assert!(e.to_string().contains("--demo"), "{e}");
    }

    #[test]
    fn corpus_flags_parse_after_the_subcommand() {
        let cli = Cli::try_parse_from_checked(["framediff", "events", "--demo", "--log", "x.log"])
            .expect("parses");
        let Some(Command::Events(e)) = &cli.command else {
            panic!("events")
        };
        assert!(e.sample.demo);
        assert_eq!(cli.log.as_deref(), Some(Path::new("x.log")));
    }

    #[test]
    fn corpus_flags_before_a_command_are_handed_down_to_it() {
        let cli = Cli::try_parse_from_checked([
            "framediff",
            "--demo",
            "--no-cache",
            "--max-file-size",
            "1K",
            "check",
        ])
        .expect("parses");
        let Some(Command::Check(c)) = &cli.command else {
            panic!("check")
        };
        assert!(c.sample.demo && c.load.no_cache);
        assert_eq!(c.load.max_file_size, Some(1024));
        assert_eq!(cli.load_args(), &c.load);
        // one written after the command wins
        let cli = Cli::try_parse_from_checked([
            "framediff",
            "--max-file-size",
            "1K",
            "eval",
            "--max-file-size",
            "2K",
        ])
        .expect("parses");
        assert_eq!(cli.load_args().max_file_size, Some(2048));
        let cli =
            Cli::try_parse_from_checked(["framediff", "--model", "m", "pairs"]).expect("parses");
        let Some(Command::Pairs(p)) = &cli.command else {
            panic!("pairs")
        };
        assert_eq!(p.model.model.as_deref(), Some(Path::new("m")));
    }

    #[test]
    fn flags_a_command_does_not_take_are_refused_not_ignored() {
        for args in [
            &["framediff", "--theme", "light", "eval"][..],
            &["framediff", "--no-mouse", "check"],
            &["framediff", "--no-watch", "cache", "info"],
            &["framediff", "--demo", "cache", "info"],
            &["framediff", "--no-cache", "pairs"],
            &["framediff", "--max-file-size", "1K", "man"],
            &["framediff", "--model", "m", "completions", "bash"],
        ] {
            let e =
                Cli::try_parse_from_checked(args.iter().copied()).expect_err(&format!("{args:?}"));
            let text = e.to_string();
            assert!(text.contains("does not take it"), "{args:?}: {text}");
            assert_eq!(e.exit_code(), 2);
        }
        // and they are no longer listed in the help of such a command
        for args in [
            &["framediff", "cache", "--demo"][..],
            &["framediff", "eval", "--theme", "light"],
            &["framediff", "cache", "info", "--no-cache"],
            &["framediff", "model", "fetch", "x", "--max-file-size", "1K"],
        ] {
            assert!(
                Cli::try_parse_from_checked(args.iter().copied()).is_err(),
                "{args:?}"
            );
        }
    }
}
