//! `framediff compare --all`: every event in one process, in a deterministic order.

use std::process::Command;

use crate::common::repo;

fn framediff(args: &[&str], cache: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(args)
        .env("FRAMEDIFF_CACHE_DIR", cache)
        .output()
        .expect("run framediff")
}

#[test]
fn compare_all_writes_one_report_per_event_in_the_events_order() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = repo().join("corpus");
    let c = corpus.to_str().unwrap();
    let out = framediff(&["compare", "--all", c, "--format", "jsonl"], cache.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // not a terminal: no progress bar, nothing on stderr
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();

    let events = framediff(&["events", c, "--format", "json"], cache.path());
    let events: serde_json::Value = serde_json::from_slice(&events.stdout).unwrap();
    let ids: Vec<&str> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(lines.len(), ids.len());
    assert!(ids.len() >= 2);
    for (line, id) in lines.iter().zip(&ids) {
        let report: serde_json::Value = serde_json::from_str(line).expect("one JSON per line");
        assert_eq!(report["event"]["id"].as_str(), Some(*id));
        // the same report as comparing that event alone
        let one = framediff(&["compare", id, c, "--format", "json"], cache.path());
        assert!(one.status.success());
        let one: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
        assert_eq!(report, one, "{id}");
    }
    // deterministic: the same bytes again, with the cache warm and without it
    let again = framediff(&["compare", c, "--all"], cache.path());
    assert_eq!(again.stdout, out.stdout, "jsonl is the default");
    let uncached = framediff(&["compare", "--all", c, "--no-cache"], cache.path());
    assert_eq!(uncached.stdout, out.stdout);
}

#[test]
fn compare_all_as_json_markdown_and_refusals() {
    let cache = tempfile::tempdir().unwrap();
    let corpus = repo().join("corpus");
    let c = corpus.to_str().unwrap();
    let json = framediff(&["compare", "--all", c, "--format", "json"], cache.path());
    assert!(json.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("a JSON array");
    let reports = doc.as_array().expect("array");
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[0]["event"]["id"].as_str(),
        Some("2025-03-11-jeddah-talks")
    );

    let md = framediff(
        &["compare", "--all", c, "--format", "markdown"],
        cache.path(),
    );
    assert!(md.status.success());
    let md = String::from_utf8(md.stdout).unwrap();
    assert_eq!(md.matches("\n---\n").count(), 1, "{md}");

    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("all.jsonl");
    let written = framediff(
        &["compare", "--all", c, "-o", file.to_str().unwrap()],
        cache.path(),
    );
    assert!(written.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 2);

    let html = framediff(&["compare", "--all", c, "--format", "html"], cache.path());
    assert_eq!(html.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&html.stderr).contains("HTML"));
    let two = framediff(&["compare", "--all", c, c], cache.path());
    assert_eq!(two.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&two.stderr).contains("name the corpus only"));
    let empty = tempfile::tempdir().unwrap();
    let none = framediff(
        &["compare", "--all", empty.path().to_str().unwrap()],
        cache.path(),
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no events found"));
}
