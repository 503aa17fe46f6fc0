//! Issue 13: hostile input never stops a command, article text never acts on a terminal,
//! `compare -o` writes only where it should.

use std::path::Path;
use std::process::{Command, Output};

fn framediff(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(args)
        .env_remove("FRAMEDIFF_LOG")
        .output()
        .expect("runs")
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const BODY: &str = "Vladimir Putin did not accept the unconditional 30-day ceasefire proposed by \
Donald Trump during a long phone call on Tuesday. He agreed instead to a limited pause in strikes \
on energy infrastructure.\n";

fn article(outlet: &str, title: &str) -> String {
    format!("---\noutlet: {outlet}\ntitle: \"{title}\"\ndate: 2025-03-19\n---\n{BODY}")
}

/// Every byte that lets text act on a terminal: ESC, C1 controls, bidi overrides, CR.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} carries {bad:?}:\n{text}");
}

#[test]
fn a_deeply_nested_html_file_is_reported_and_the_rest_loads() {
    // was a stack overflow that aborted the process (and the whole corpus with it)
    let dir = tempfile::tempdir().unwrap();
    let ev = dir.path().join("ev");
    write(&ev, "a.txt", &article("bbc", "Putin rejects truce"));
    write(&ev, "deep.html", &format!("<p>{}", "<x>".repeat(30_000)));
    write(&ev, "divs.html", &"<div>".repeat(5_000));
    let out = framediff(&["check", dir.path().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a rejected file, not a crash:\n{stdout}"
    );
    assert!(stdout.contains("Putin rejects truce"), "{stdout}");
    for f in ["deep.html", "divs.html"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(f) && l.contains("levels deep")),
            "{f} reported:\n{stdout}"
        );
    }
}

#[test]
fn escape_sequences_in_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // as the file formats write them: escapes in YAML and TOML strings, raw bytes elsewhere
    let osc = r#"\u001b]52;c;SGVsbG8=\u0007\u001b]0;pwned\u001b\\"#;
    let raw = "\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}]0;pwned\u{1b}\\";
    let ev = dir.path().join("ev");
    write(
        &ev,
        "bbc.md",
        &format!(
            "---\noutlet: bbc\ntitle: \"Truce{osc} \\u009b2J rejected \\u202edlrow\"\n\
             date: 2025-03-19\n\"col{osc}our\": red\n---\n{BODY}"
        ),
    );
    write(&ev, "kp.md", &article("kp", "A diplomatic victory"));
    write(&ev, &format!("bad{raw}.json"), "{ not json");
    write(
        &ev,
        "page.html",
        &format!("<html><head><title>Page{raw}</title></head><body><p>{BODY}</p></body></html>"),
    );
    write(&ev, "event.toml", &format!("title = \"The call{osc}\"\n"));
    let root = dir.path().to_str().unwrap();
    for args in [
        vec!["check", root],
        vec!["events", root],
        vec!["compare", "ev", root, "--format", "markdown"],
        vec!["compare", "ev", root, "--format", "html"],
        vec!["compare", "nothing-like-it", root],
    ] {
        let out = framediff(&args);
        assert_inert(&format!("stdout of {args:?}"), &out.stdout);
        assert_inert(&format!("stderr of {args:?}"), &out.stderr);
    }
    // JSON keeps the text, with every control and bidi character escaped
    let out = framediff(&["events", root, "--format", "json"]);
    assert_inert("events --format json", &out.stdout);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let titles: Vec<&str> = doc["events"][0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains('\u{9b}') && t.contains('\u{202e}')),
        "the same text, escaped: {titles:?}"
    );
    let out = framediff(&["compare", "ev", root, "--format", "json"]);
    assert_inert("compare --format json", &out.stdout);
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("valid JSON");
}

/// A corpus in `dir` with one event `ev` of two articles and a malformed file; its path.
fn event_with_a_rejected_file(dir: &Path) -> String {
    let ev = dir.join("ev");
    write(&ev, "bbc.md", &article("bbc", "Putin rejects truce"));
    write(&ev, "kp.md", &article("kp", "A diplomatic victory"));
    write(&ev, "tass.json", "{ \"title\": ");
    dir.to_str().unwrap().to_string()
}

#[test]
fn compare_says_which_files_of_the_event_were_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let root = event_with_a_rejected_file(dir.path());
    let root = root.as_str();
    let out = framediff(&["compare", "ev", root, "--format", "markdown"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("left out of the comparison") && stderr.contains("tass.json"),
        "{stderr}"
    );
    assert!(
        stdout.contains("## Files left out") && stdout.contains("tass.json"),
        "{stdout}"
    );
    let out = framediff(&["compare", "ev", root, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let rejected = doc["rejected_files"].as_array().expect("rejected_files");
    assert_eq!(rejected.len(), 1);
    assert!(rejected[0]["path"].as_str().unwrap().ends_with("tass.json"));
    let out = framediff(&["compare", "ev", root, "--format", "html"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Files left out"));
}

/// "Files left out" counts article files: not `event.toml` (no article in it, reported by
/// `check`), and a bad record of a JSON Lines file whose other records are compared is a
/// record, not a file.
#[test]
fn files_left_out_count_article_files_and_records_apart() {
    let dir = tempfile::tempdir().unwrap();
    let root = event_with_a_rejected_file(dir.path());
    let ev = dir.path().join("ev");
    write(&ev, "event.toml", "title = [\n");
    let good =
        serde_json::json!({"outlet": "rt", "title": "T", "body": "The call lasted two hours."});
    write(&ev, "more.jsonl", &format!("{good}\n{{ bad\n"));
    let out = framediff(&["compare", "ev", &root, "--format", "markdown"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.contains(
            "1 file of this event's folder could not be read and 1 record of files that were \
             read was skipped; they are not compared"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("event.toml"), "{stdout}");
    assert!(
        !stderr
            .lines()
            .any(|l| l.contains("left out of the comparison") && l.contains("event.toml")),
        "{stderr}"
    );
    let out = framediff(&["compare", "ev", &root, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let paths: Vec<&str> = doc["rejected_files"]
        .as_array()
        .expect("rejected_files")
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("more.jsonl") || paths[1].ends_with("more.jsonl"),
        "{paths:?}"
    );
}

fn sample_event(dir: &Path) -> String {
    let ev = dir.join("corpus").join("ev");
    write(&ev, "bbc.md", &article("bbc", "Putin rejects truce"));
    write(&ev, "kp.md", &article("kp", "A diplomatic victory"));
    dir.join("corpus").to_str().unwrap().to_string()
}

fn tmp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("framediff-tmp"))
        .collect()
}

#[cfg(unix)]
#[test]
fn compare_output_follows_links_keeps_modes_and_refuses_special_files() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let corpus = sample_event(dir.path());
    let d = dir.path();

    // a 0600 file stays 0600
    let private = d.join("private.md");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = framediff(&["compare", "ev", &corpus, "-o", private.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = std::fs::metadata(&private).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&private).unwrap().contains("Putin"));

    // a symbolic link stays a link; its target gets the report
    let target = d.join("target.md");
    std::fs::write(&target, "old").unwrap();
    let link = d.join("link.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = framediff(&["compare", "ev", &corpus, "-o", link.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("Putin"));

    // a FIFO is refused (it would block or be replaced), and nothing is left behind
    let fifo = d.join("pipe.md");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = framediff(&["compare", "ev", &corpus, "-o", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());

    // the null device is written as it is (tester report 22, finding 13), and a link to it
    // too; `-o -` is standard output
    let null_link = d.join("null-link");
    std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
    for null in ["/dev/null", null_link.to_str().unwrap()] {
        let out = framediff(&["compare", "ev", &corpus, "-o", null]);
        assert!(
            out.status.success(),
            "{null}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
    let out = framediff(&["compare", "ev", &corpus, "-o", "-"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Putin"));
    assert!(!d.join("-").exists() && !std::path::Path::new("-").exists());
    let out = framediff(&["compare", "--all", &corpus, "-o", "-"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with('{'));

    // a folder is refused, with no temporary file beside it
    let folder = d.join("out");
    std::fs::create_dir(&folder).unwrap();
    let out = framediff(&["compare", "ev", &corpus, "-o", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(folder.is_dir());
    // a write that fails (a file in a folder that does not exist) leaves nothing either
    let out = framediff(&["compare", "ev", &corpus, "-o", "/nonexistent-dir/x.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(tmp_files(d), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn the_walk_stays_inside_the_corpus_and_out_of_system_folders() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    write(
        &outside,
        "ev/secret.md",
        &article("secret", "Not in the corpus"),
    );
    let corpus = dir.path().join("corpus");
    write(&corpus, "ev/bbc.md", &article("bbc", "Putin rejects truce"));
    std::os::unix::fs::symlink(&outside, corpus.join("elsewhere")).unwrap();
    // a link inside the corpus is followed
    std::os::unix::fs::symlink(corpus.join("ev/bbc.md"), corpus.join("ev/bbc-link.md")).unwrap();
    let mut deep = corpus.clone();
    for i in 0..20 {
        deep = deep.join(format!("d{i}"));
    }
    write(&deep, "kp.md", &article("kp", "Too deep to read"));
    let out = framediff(&["check", corpus.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("Not in the corpus"), "{stdout}");
    assert!(
        stdout.contains("outside the corpus folder; not followed"),
        "{stdout}"
    );
    assert!(!stdout.contains("Too deep to read"), "{stdout}");
    assert!(
        stdout.contains("folder levels below the corpus folder"),
        "{stdout}"
    );
    assert!(stdout.contains("Putin rejects truce"), "{stdout}");

    if Path::new("/proc/self").exists() {
        let out = framediff(&["check", "/proc"]);
        assert_eq!(out.status.code(), Some(1));
        let all = String::from_utf8_lossy(&out.stdout);
        assert!(all.contains("running system"), "{all}");
        assert!(all.lines().count() < 5, "nothing walked: {all}");
    }
}

/// The keys of the objects written at `indent` spaces in pretty-printed JSON, in order (the
/// first object's when `first_only`).
fn keys_at(json: &str, indent: usize, first_only: bool) -> Vec<String> {
    let pad = " ".repeat(indent);
    let close = format!("{}}}", " ".repeat(indent.saturating_sub(2)));
    let mut keys = Vec::new();
    for line in json.lines() {
        if first_only && !keys.is_empty() && line.starts_with(&close) {
            break;
        }
        if let Some(rest) = line.strip_prefix(&pad).and_then(|r| r.strip_prefix('"'))
            && let Some(end) = rest.find("\": ")
        {
            keys.push(rest[..end].to_string());
        }
    }
    keys
}

/// `check`, `events` and `compare` with `--format json` on an event with a malformed file:
/// every object's keys in the order docs/report-schema.md gives, the rejected file listed
/// last in `compare`'s report with a diagnostic's keys, and the events of `check` the bytes
/// `events` writes.
#[test]
fn json_key_order_is_the_documented_one_with_a_rejected_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = event_with_a_rejected_file(dir.path());
    let root = root.as_str();
    let text = |args: &[&str]| String::from_utf8(framediff(args).stdout).expect("utf-8");

    let compare = text(&["compare", "ev", root, "--format", "json"]);
    let without = {
        let clean = tempfile::tempdir().unwrap();
        let corpus = sample_event(clean.path());
        text(&["compare", "ev", &corpus, "--format", "json"])
    };
    let mut expected = keys_at(&without, 2, false);
    assert_eq!(
        expected[..3],
        ["schema", "backend", "event"],
        "the report's own order: {without}"
    );
    expected.push("rejected_files".into());
    assert_eq!(keys_at(&compare, 2, false), expected, "{compare}");
    let rejected = &compare[compare.find("\"rejected_files\"").unwrap()..];
    assert_eq!(keys_at(rejected, 6, false), ["path", "line", "message"]);

    let check = text(&["check", root, "--format", "json"]);
    assert_eq!(
        keys_at(&check, 2, false),
        ["schema_version", "events", "diagnostics", "errors"],
        "{check}"
    );
    let diagnostics = &check[check.find("\"diagnostics\"").unwrap()..];
    assert_eq!(
        keys_at(diagnostics, 6, true),
        ["severity", "path", "line", "message"]
    );
    let events = text(&["events", root, "--format", "json"]);
    let member = |doc: &str| {
        let from = doc.find("\"events\"").unwrap();
        let to = doc[from..].find("\n  ]").unwrap();
        doc[from..from + to].to_string()
    };
    assert_eq!(
        member(&check),
        member(&events),
        "check lists events as `events` does"
    );
    assert_eq!(
        keys_at(&events, 6, true),
        ["id", "title", "date", "origin", "articles"]
    );
}
