//! The corpus commands driven through the real binary: exit codes and the JSON contract.

use crate::common;

use std::process::Command;

fn framediff() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_framediff"));
    c.current_dir(common::repo());
    c
}

#[test]
fn check_on_the_sample_corpus_lists_both_events_and_exits_0() {
    let out = framediff().args(["check", "corpus"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("2025-03-18-trump-putin-call"));
    assert!(stdout.contains("2025-03-11-jeddah-talks"));
    assert!(stdout.contains("Komsomolskaya Pravda"));
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
}

/// A corpus with one event `ev`: `ok.md` loads, `bad.md` (broken YAML) is rejected.
fn event_with_a_rejected_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ev")).unwrap();
    std::fs::write(
        dir.path().join("ev/ok.md"),
        "---\noutlet: a\ntitle: T\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ev/bad.md"),
        "---\noutlet: b\ntitle: [x\n---\nText.\n",
    )
    .unwrap();
    dir
}

#[test]
fn check_exits_1_when_a_file_is_rejected() {
    let dir = event_with_a_rejected_file();
    let out = framediff().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("bad.md:"), "{stdout}");
    assert!(
        stdout.contains("1 event, 1 outlet, 1 article; 1 error, 0 warnings"),
        "{stdout}"
    );
}

#[test]
fn events_exits_1_when_a_file_is_rejected_as_check_does() {
    let dir = event_with_a_rejected_file();
    let out = framediff().arg("events").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("ev"),
        "the loaded event is listed"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.md"));
}

#[test]
fn cache_info_on_a_missing_path_says_so_with_exit_2() {
    let cache = tempfile::tempdir().unwrap();
    let out = framediff()
        .args(["cache", "info", "/nope/no-such-corpus"])
        .env("FRAMEDIFF_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no such file or folder: /nope/no-such-corpus"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("nothing cached"));
}

#[test]
fn check_json_lists_diagnostics_with_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ev")).unwrap();
    std::fs::write(
        dir.path().join("ev/bad.md"),
        "---\noutlet: b\ntitle: x\n---\n\n",
    )
    .unwrap();
    let out = framediff()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "error");
    assert!(d["path"].as_str().unwrap().ends_with("bad.md"));
    assert_eq!(d["line"], 5);
    assert_eq!(v["errors"], 1);
}

#[test]
#[ignore = "needs ../shared/data/basil-dev: cargo test -- --ignored shared_data_"]
fn shared_data_check_on_basil_lists_50_events_of_3_outlets() {
    let basil = common::shared_data("basil-dev");
    let out = framediff().arg("check").arg(&basil).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        stdout.contains("50 events, 3 outlets, 150 articles; 0 errors"),
        "{stdout}"
    );
}

#[test]
fn events_json_is_the_documented_contract() {
    let out = framediff()
        .args(["events", "corpus", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["schema_version"], 1);
    let events = v["events"].as_array().expect("events array");
    assert_eq!(events.len(), 2);
    for e in events {
        assert!(e["id"].is_string() && e["title"].is_string());
        for a in e["articles"].as_array().expect("articles array") {
            for key in ["path", "outlet", "title"] {
                assert!(a[key].is_string(), "{key} in {a}");
            }
        }
    }
    let call = events
        .iter()
        .find(|e| e["id"] == "2025-03-18-trump-putin-call")
        .unwrap();
    assert!(call["articles"].as_array().unwrap().len() >= 7);
}

#[test]
fn every_command_has_help_with_examples() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["events", "--help"],
    ] {
        let out = framediff().args(&args).output().unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success());
        assert!(s.contains("Examples:"), "{args:?}: {s}");
    }
}

#[test]
fn a_reader_that_goes_away_is_not_a_crash() {
    use std::process::Stdio;
    // The JSON comparison is far larger than a pipe buffer, so writing must hit a closed pipe.
    let mut child = framediff()
        .args(["compare", "2025-03-18-trump-putin-call", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}

/// The size limit is configurable: `--max-file-size` (or FRAMEDIFF_MAX_FILE_SIZE) skips a
/// file over it with its path and the limit; a bad size is a usage error.
#[test]
fn the_file_size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ev")).unwrap();
    std::fs::write(
        dir.path().join("ev/small.md"),
        "---\noutlet: a\ntitle: T\n---\nText.\n",
    )
    .unwrap();
    let long = format!(
        "---\noutlet: b\ntitle: T\n---\n{}\n",
        "A long sentence. ".repeat(200)
    );
    std::fs::write(dir.path().join("ev/long.md"), long).unwrap();
    let out = framediff().arg("check").arg(dir.path()).output().unwrap();
    assert!(out.status.success(), "{:?}", out);
    let out = framediff()
        .args(["check", "--max-file-size", "1K"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("long.md") && stdout.contains("1.0 KB"),
        "{stdout}"
    );
    let out = framediff()
        .arg("check")
        .arg(dir.path())
        .env("FRAMEDIFF_MAX_FILE_SIZE", "1K")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the environment variable too");
    let out = framediff()
        .args(["check", "--max-file-size", "lots"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a size"));
}

/// `--max-file-size` applies to article files: `event.toml` keeps its own limit, and when every
/// article is over the limit the last line says so instead of "no articles found".
#[test]
fn a_tiny_size_limit_says_why_nothing_loaded_and_spares_event_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ev")).unwrap();
    std::fs::write(
        dir.path().join("ev/a.md"),
        "---\noutlet: a\ntitle: T\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("ev/event.toml"), "title = \"Ev\"\n").unwrap();
    let out = framediff()
        .args(["check", "--max-file-size", "1"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("a.md") && !stdout.contains("event.toml"),
        "{stdout}"
    );
    assert!(
        stderr.contains("could be loaded: 1 error, 1 file over the size limit for one article"),
        "{stderr}"
    );
    assert!(!stderr.contains("no articles found"), "{stderr}");
}

/// One unknown key in `event.toml` is a warning with its line; the title and date are kept.
#[test]
fn an_unknown_key_in_event_toml_keeps_the_rest_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ev1")).unwrap();
    std::fs::write(
        dir.path().join("ev1/a.md"),
        "---\noutlet: a\ntitle: T\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("ev1/event.toml"),
        "title = \"Ev 1\"\ndate = 2025-03-18\nsource = \"x\"\n",
    )
    .unwrap();
    let out = framediff().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("Ev 1  (2025-03-18, 1 article)"), "{stdout}");
    assert!(
        stdout.contains("event.toml:3: unknown key 'source'")
            && stdout.contains("0 errors, 1 warning"),
        "{stdout}"
    );
}
