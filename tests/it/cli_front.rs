//! What a new user types at the command line: wrong input fails clearly (stderr, non-zero
//! status, never a TUI), the corpus is named the same way everywhere, and the install
//! conventions (completions, man page, config paths, log file, built-in sample) work.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

const CALL: &str = "2025-03-18-trump-putin-call";

fn framediff() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_framediff"));
    c.current_dir(common::repo());
    c.env_remove("FRAMEDIFF_LOG").env_remove("FRAMEDIFF_DATA");
    c
}

fn run(args: &[&str]) -> Output {
    framediff().args(args).output().expect("runs")
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_missing_corpus_is_an_error_with_status_2_not_a_tui() {
    let o = run(&["../no-such-corpus"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("no such file or folder: ../no-such-corpus"),
        "{}",
        err(&o)
    );
    assert!(o.stdout.is_empty(), "nothing drawn");
}

#[test]
fn a_mistyped_subcommand_gets_a_suggestion() {
    let o = run(&["chek"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("did you mean `check`?"), "{}", err(&o));
    let o = run(&["evnets", "corpus"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Tester report 20, item 12: `framediff report`, `report c1` and `report --help` say that
/// `report` is no command and how reports are made (status 2), while a folder named
/// `report` stays a corpus like any other.
#[test]
fn report_is_no_command_but_a_folder_named_report_is_a_corpus() {
    for args in [&["report"][..], &["report", "c1"], &["report", "--help"]] {
        let o = run(args);
        let e = err(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {e}");
        assert!(o.stdout.is_empty(), "{args:?}: no help, no TUI");
        assert!(
            e.contains("'report' is neither a file, a folder nor a command"),
            "{args:?}: {e}"
        );
        assert!(
            e.contains("framediff compare EVENT [CORPUS] -o report.html"),
            "{args:?}: {e}"
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("report");
    std::fs::create_dir_all(corpus.join("2025-01-01-ev")).expect("event folder");
    std::fs::write(
        corpus.join("2025-01-01-ev/a.md"),
        "---\noutlet: A\ntitle: T\n---\nThe mayor opened the bridge.\n",
    )
    .expect("article");
    let in_dir = |args: &[&str]| {
        framediff()
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs")
    };
    let o = in_dir(&["report", "--help"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("Usage: framediff"), "{}", out(&o));
    let o = in_dir(&["report", "c1"]);
    assert!(err(&o).contains("unexpected argument 'c1'"), "{}", err(&o));
    let o = in_dir(&["check", "report"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn events_and_check_fail_clearly_on_missing_or_empty_corpora() {
    for cmd in ["events", "check"] {
        let o = run(&[cmd, "/no/such/folder"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", err(&o));
        assert!(
            err(&o).contains("no such file or folder"),
            "{cmd}: {}",
            err(&o)
        );
    }
    let empty = tempfile::tempdir().expect("tempdir");
    let e = empty.path().to_str().expect("utf-8 path");
    let o = run(&["check", e]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(err(&o).contains("no articles found"), "{}", err(&o));
    let o = run(&["events", e]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no events found"), "{}", err(&o));
}

#[test]
fn a_missing_config_file_is_an_error() {
    let o = run(&["--config", "/no/such/config.toml", "corpus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("config file not found: /no/such/config.toml"),
        "{}",
        err(&o)
    );
    // the same for a command, which reads the config too (its `model`)
    let o = run(&["--config", "/no/such/config.toml", "check", "corpus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("config file not found"), "{}", err(&o));
}

#[test]
fn compare_takes_ids_prefixes_title_words_and_event_folders() {
    let json = |args: &[&str]| {
        let o = framediff()
            .arg("compare")
            .args(args)
            .args(["--format", "json"])
            .output()
            .expect("runs");
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v["event"]["id"].as_str().expect("event id").to_string()
    };
    assert_eq!(json(&[CALL]), CALL);
    assert_eq!(json(&["putin call"]), CALL);
    assert_eq!(json(&["trump"]), CALL);
    assert_eq!(
        json(&["Trump-Putin phone call"]),
        CALL,
        "a - for the title's –"
    );
    // The corpus positionally, as for check and events; -c still works; either order.
    assert_eq!(json(&["putin call", "corpus"]), CALL);
    assert_eq!(json(&["corpus", "putin call"]), CALL);
    assert_eq!(json(&["putin call", "-c", "corpus"]), CALL);
    assert_eq!(json(&["corpus/2025-03-18-trump-putin-call"]), CALL);
}

#[test]
fn an_event_folder_gives_the_same_report_as_its_id() {
    let a = run(&["compare", CALL, "--format", "json"]);
    let b = run(&[
        "compare",
        "corpus/2025-03-18-trump-putin-call/",
        "--format",
        "json",
    ]);
    assert!(a.status.success() && b.status.success(), "{}", err(&b));
    let strip = |o: &Output| {
        let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        // Paths differ only by how the folder was named.
        v["corpus"] = serde_json::Value::Null;
        let v = serde_json::to_string(&v).expect("json");
        v.replace(
            "corpus/2025-03-18-trump-putin-call//",
            "corpus/2025-03-18-trump-putin-call/",
        )
    };
    assert_eq!(strip(&a), strip(&b));
}

#[test]
fn an_ambiguous_event_lists_the_candidates() {
    let o = run(&["compare", "2025-03"]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("ambiguous: '2025-03' matches 2 events"), "{e}");
    assert!(
        e.contains("2025-03-11-jeddah-talks") && e.contains(CALL),
        "{e}"
    );
    let o = run(&["compare", "corpus"]);
    assert!(err(&o).contains("ambiguous"), "{}", err(&o));
}

#[test]
fn the_output_extension_chooses_the_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, starts) in [
        ("r.html", "<!DOCTYPE html>"),
        ("r.json", "{"),
        ("r.md", "# "),
    ] {
        let file = dir.path().join(name);
        let o = framediff()
            .args(["compare", CALL, "-o"])
            .arg(&file)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", err(&o));
        let text = std::fs::read_to_string(&file).expect("written");
        assert!(text.starts_with(starts), "{name}: {}", &text[..40]);
    }
    let o = run(&["compare", CALL, "--format", "md"]);
    assert!(o.status.success() && out(&o).starts_with("# "));
}

#[test]
fn opening_one_event_folder_makes_it_one_event_with_the_parents_outlets() {
    let o = run(&[
        "events",
        "corpus/2025-03-18-trump-putin-call",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let events = v["events"].as_array().expect("events");
    assert_eq!(events.len(), 1, "the Russian article stays in the event");
    assert_eq!(events[0]["id"], CALL);
    assert_eq!(
        events[0]["title"],
        "Trump–Putin phone call on a Ukraine ceasefire"
    );
    let bbc = events[0]["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .find(|a| a["outlet"] == "bbc")
        .expect("bbc");
    assert_eq!(bbc["outlet_name"], "BBC News");
    assert!(err(&o).contains("opened as one event"), "{}", err(&o));
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let s = out(&o);
        assert!(s.contains("framediff") && s.contains("compare"), "{shell}");
    }
    let o = run(&["man"]);
    assert!(o.status.success());
    let s = out(&o);
    assert!(
        s.starts_with(".ie") || s.contains(".TH framediff"),
        "{}",
        &s[..80]
    );
    assert!(
        s.contains(".SS \"framediff compare\""),
        "subcommands documented"
    );
}

/// The manual page reads as a manual: the usual sections once each and in the usual order,
/// one subsection per command (nested ones too) with its options and examples, and what the
/// environment and files are. Rendered by man(1) when it is installed, without warnings.
#[test]
fn the_man_page_has_a_section_per_part_and_a_subsection_per_command() {
    let o = run(&["man"]);
    assert!(o.status.success());
    let page = out(&o);
    let sections: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .collect();
    assert_eq!(
        sections,
        [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
            "\"SEE ALSO\"",
            "VERSION"
        ],
        "{page}"
    );
    let commands: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix(".SS "))
        .collect();
    for name in [
        "check",
        "events",
        "compare",
        "pairs",
        "cache",
        "cache info",
        "cache clear",
        "eval",
        "model",
        "model fetch",
        "completions",
        "man",
    ] {
        assert!(
            commands.contains(&format!("\"framediff {name}\"").as_str()),
            "{name}: {commands:?}"
        );
    }
    assert!(!commands.iter().any(|c| c.contains("help")), "{commands:?}");
    let section = |name: &str| {
        let from = page.find(&format!(".SH {name}\n")).expect(name);
        let rest = &page[from + 5..];
        rest[..rest.find("\n.SH ").unwrap_or(rest.len())].to_string()
    };
    let env = section("ENVIRONMENT");
    for var in [
        "FRAMEDIFF_MODEL",
        "FRAMEDIFF_CACHE_DIR",
        "FRAMEDIFF_LOG",
        "NO_COLOR",
    ] {
        assert!(env.contains(var), "{var}: {env}");
    }
    let files = section("FILES");
    assert!(
        files.contains("config.toml") && files.contains("session.json"),
        "{files}"
    );
    assert!(section("EXIT STATUS").contains("128+N"));
    assert!(
        section("COMMANDS").contains("framediff check corpus"),
        "examples per command"
    );

    // As a reader sees it (man -l), when man is there: no roff warnings, every part shown.
    let man = std::process::Command::new("man").arg("--version").output();
    if man.is_ok_and(|m| m.status.success()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("framediff.1");
        std::fs::write(&file, &page).expect("write page");
        let shown = std::process::Command::new("man")
            .args(["--warnings", "-l"])
            .arg(&file)
            .env("MANWIDTH", "80")
            .env("MAN_KEEP_FORMATTING", "")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .expect("man runs");
        let text = String::from_utf8_lossy(&shown.stdout);
        let warnings = String::from_utf8_lossy(&shown.stderr);
        assert!(warnings.trim().is_empty(), "man warns: {warnings}");
        for part in [
            "EXIT STATUS",
            "ENVIRONMENT",
            "SEE ALSO",
            "framediff cache info",
        ] {
            assert!(text.contains(part), "{part} in:\n{text}");
        }
    }
}

#[test]
fn config_paths_and_the_default_config() {
    let home = tempfile::tempdir().expect("tempdir");
    let o = framediff()
        .arg("--print-config-path")
        .env("XDG_CONFIG_HOME", home.path())
        .output()
        .expect("runs");
    assert!(o.status.success());
    assert_eq!(
        out(&o).trim_end(),
        home.path().join("framediff/config.toml").to_string_lossy()
    );
    let o = run(&["--print-default-config"]);
    assert!(o.status.success());
    assert_eq!(out(&o), framediff::config::DEFAULT_CONFIG);
    let dir = tempfile::tempdir().expect("tempdir");
    let mine = dir.path().join("mine.toml");
    std::fs::write(&mine, out(&o)).expect("write");
    let (_, warnings) = framediff::config::Config::load(Some(&mine), false);
    assert!(
        warnings.is_empty(),
        "the printed default is a valid config: {warnings:?}"
    );
}

#[test]
fn log_goes_to_the_named_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("fd.log");
    let o = framediff()
        .args(["events", "corpus", "--log"])
        .arg(&log)
        .output()
        .expect("runs");
    assert!(o.status.success());
    let text = std::fs::read_to_string(&log).expect("log written");
    assert!(text.contains("loaded 2 events"), "{text}");
    assert!(
        !err(&o).contains("loaded"),
        "nothing logged to the terminal"
    );
}

#[test]
fn the_sample_corpus_is_built_in() {
    let cache = tempfile::tempdir().expect("cache");
    let elsewhere = tempfile::tempdir().expect("cwd");
    let o = framediff()
        .current_dir(elsewhere.path())
        .env("XDG_CACHE_HOME", cache.path())
        .arg("events")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains(CALL), "{}", out(&o));
    assert!(
        err(&o).contains("sample corpus built into framediff"),
        "{}",
        err(&o)
    );
    let o = framediff()
        .current_dir(elsewhere.path())
        .env("XDG_CACHE_HOME", cache.path())
        .args(["compare", "--demo", "putin call", "--format", "json"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        !err(&o).contains("built into"),
        "--demo asked for it: no note"
    );
}

#[test]
fn eval_says_where_it_looks_for_data() {
    let o = run(&["eval", "--data", "/no/such/data"]);
    assert_eq!(o.status.code(), Some(2));
    let e = err(&o);
    assert!(e.contains("no research data at /no/such/data"), "{e}");
    assert!(e.contains("--data DIR"), "{e}");
    assert_eq!(e.lines().count(), 1, "one message: {e}");
}

#[test]
fn check_counts_use_correct_plurals() {
    let o = run(&["check", "corpus/2025-03-11-jeddah-talks", "--quiet"]);
    let s = out(&o);
    assert!(s.contains("1 event, 4 outlets, 4 articles;"), "{s}");
    assert!(!Path::new("corpus/.framediff-tmp").exists());
}

#[test]
fn the_sample_corpus_is_labelled_illustrative_in_every_report_with_the_events_summary_and_tags() {
    let o = run(&["compare", CALL, "--format", "json"]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(
        v["illustrative"]
            .as_str()
            .is_some_and(|s| s.starts_with("Illustrative text"))
    );
    assert!(
        v["event"]["summary"]
            .as_str()
            .is_some_and(|s| s.contains("Jeddah"))
    );
    assert!(v["event"]["tags"].as_array().is_some_and(|t| t.len() > 3));
    assert_eq!(v["outlets"][0]["name"], "BBC News");
    let md = out(&run(&["compare", CALL, "--format", "md"]));
    assert!(md.contains("> **Illustrative text"), "{md}");
    assert!(md.contains("Tags: ukraine"), "{md}");
    let html = out(&run(&["compare", CALL, "--format", "html"]));
    assert!(html.contains("class=\"illustrative\""));
    // An event folder opened on its own still finds the corpus README.
    let o = run(&[
        "compare",
        "corpus/2025-03-18-trump-putin-call",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v["illustrative"].is_string());
    // A corpus without the marker has no label.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("ev")).expect("mkdir");
    for (f, t) in [
        (
            "a.md",
            "---\noutlet: a\ntitle: A\n---\nThe talks ended on Tuesday.\n",
        ),
        (
            "b.md",
            "---\noutlet: b\ntitle: B\n---\nThe talks ended on Tuesday night.\n",
        ),
    ] {
        std::fs::write(dir.path().join("ev").join(f), t).expect("write");
    }
    let o = framediff()
        .args(["compare", "ev", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(v.get("illustrative").is_none());
}

#[test]
fn the_html_report_leads_with_a_summary_and_the_contrasts_and_hides_no_outlet() {
    let html = out(&run(&["compare", CALL, "--format", "html"]));
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in the report"));
    assert!(at("id=\"summary\"") < at("id=\"contrasting\""));
    assert!(at("id=\"contrasting\"") < at("id=\"shared\""));
    assert!(at("id=\"shared\"") < at("id=\"unique\""));
    assert!(html.contains("Where the outlets disagree"));
    // Outlets by name, country and lean, never only by id.
    assert!(html.contains("President of Russia (Kremlin)"));
    assert!(html.contains("GB · public broadcaster"), "country and lean");
    // Columns wrap (auto-fit) rather than scroll sideways, and all are there.
    assert!(html.contains("repeat(auto-fit"));
    assert!(!html.contains("grid-auto-flow:column"));
    assert!(html.contains("All 8 outlets"));
    assert_eq!(html.matches("<div class=\"col\">").count(), 8);
    // Dark mode and print styles; the file reference of each version.
    assert!(html.contains("prefers-color-scheme:dark") && html.contains("@media print"));
    assert!(html.contains("corpus/2025-03-18-trump-putin-call/bbc.md</code> bytes"));
    assert!(!html.contains("<script"));
}

/// Each command's `--help` lists the options it uses and no other: the TUI's (`--theme`,
/// `--no-mouse`, `--no-watch`) nowhere, `--demo` where a corpus is named, `--no-cache` and
/// `--max-file-size` where one is read; written before a command that does not take them,
/// they are an error naming both, not ignored.
#[test]
fn each_command_lists_only_the_options_it_uses() {
    let help = |args: &[&str]| {
        let o = run(args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        out(&o)
    };
    let top = help(&["--help"]);
    for flag in [
        "--theme",
        "--no-mouse",
        "--no-watch",
        "--demo",
        "--no-cache",
    ] {
        assert!(top.contains(flag), "{flag} in framediff --help");
    }
    let corpus = ["--demo", "--no-cache", "--max-file-size"];
    let tui = ["--theme", "--no-mouse", "--no-watch"];
    for (cmd, uses) in [
        (&["check"][..], &corpus[..]),
        (&["events"], &corpus),
        (&["compare"], &corpus),
        (&["eval"], &["--no-cache", "--max-file-size"]),
        (&["cache"], &[]),
        (&["cache", "info"], &[]),
        (&["pairs"], &[]),
        (&["model", "fetch"], &[]),
        (&["completions"], &[]),
        (&["man"], &[]),
    ] {
        let mut args = cmd.to_vec();
        args.push("--help");
        let text = help(&args);
        // the option lines ("  -q, --quiet", "      --demo"), not the prose below them
        let options: Vec<&str> = text
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
            .collect();
        for flag in corpus.iter().chain(&tui) {
            assert_eq!(
                options
                    .iter()
                    .any(|l| l.split([' ', ',']).any(|w| w == *flag)),
                uses.contains(flag),
                "{flag} in `framediff {}`:\n{text}",
                cmd.join(" ")
            );
        }
        assert!(
            options.iter().any(|l| l.starts_with("--log")),
            "--log is for every command"
        );
    }
    let o = run(&["--theme", "light", "eval"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--theme is an option of the interactive view")
            && err(&o).contains("`framediff eval` does not take it"),
        "{}",
        err(&o)
    );
    let o = run(&["--demo", "cache", "info"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    // before a command that takes it, an option is handed down
    let o = run(&["--demo", "events", "--format", "json"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("\"events\""));
}

/// Tester report 14, items 25, 26 and 36 (d, e): `--config` after the command works, an
/// option of the interactive view there gets a clear error, `FRAMEDIFF_MODEL=` is no model,
/// `--no-model` and `--model lexical` compare lexically whatever config.toml says, an
/// unknown report extension is refused without `--format`, and the `--all` usage is right.
#[test]
fn options_after_the_command_an_empty_model_and_unknown_extensions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken-model.toml");
    std::fs::write(&broken, "model = \"/no/such/model/folder\"\n").expect("write");
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").expect("write");
    let with = |env: &[(&str, &str)], args: &[&str]| {
        let mut c = framediff();
        c.env("XDG_CONFIG_HOME", dir.path());
        for (k, v) in env {
            c.env(k, v);
        }
        c.args(args).output().expect("runs")
    };
    let empty_s = empty.to_str().expect("utf-8");
    let broken_s = broken.to_str().expect("utf-8");
    // --config after the command is read; its model names no folder: warned about, and the
    // comparison is lexical, as in the TUI (tester report 15, item 23d)
    let o = with(&[], &["compare", CALL, "--config", broken_s]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("no/such/model"), "{}", err(&o));
    assert!(err(&o).contains("comparing lexically"), "{}", err(&o));
    assert!(out(&o).contains("Compared with: lexical"));
    // a model given on the command line that cannot be used is still an error
    let o = with(&[], &["compare", CALL, "--model", "/no/such/model/folder"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let o = with(
        &[],
        &["compare", CALL, "--config", empty_s, "--format", "json"],
    );
    assert!(o.status.success(), "{}", err(&o));
    // ... and --no-model or --model lexical override its model for one run
    for flag in [&["--no-model"][..], &["--model", "lexical"]] {
        let o = with(
            &[],
            &[&["--config", broken_s, "compare", CALL][..], flag].concat(),
        );
        assert!(o.status.success(), "{flag:?}: {}", err(&o));
        assert!(out(&o).contains("Compared with: lexical"), "{flag:?}");
    }
    let o = with(&[], &["compare", CALL, "--theme", "light"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--theme is an option of framediff's interactive view")
            && !err(&o).contains("neither a file"),
        "{}",
        err(&o)
    );
    // an empty FRAMEDIFF_MODEL is no model, for commands with and without --model
    for args in [&["events", "--demo"][..], &["compare", CALL]] {
        let o = with(&[("FRAMEDIFF_MODEL", "")], args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
    }
    let pdf = dir.path().join("report.pdf");
    let o = with(&[], &["compare", CALL, "-o", pdf.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains(".pdf") && !pdf.exists(), "{}", err(&o));
    let o = with(
        &[],
        &[
            "compare",
            CALL,
            "-o",
            pdf.to_str().expect("utf-8"),
            "-f",
            "md",
        ],
    );
    assert!(o.status.success() && pdf.exists(), "{}", err(&o));
    let o = with(&[], &["compare", "--all", "corpus", "--outlets", "bbc"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("framediff compare --all [OPTIONS] [CORPUS]"),
        "{}",
        err(&o)
    );
}
