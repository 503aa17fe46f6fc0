//! Tester session 16, items 2, 3, 19, 28 and 30: an event folder opened on its own is the
//! event the corpus shows (id, title, annotations), a renamed event folder keeps its notes,
//! a NewsAPI response loads, a run-on is named, an untitled event's report has a heading.

use std::path::Path;
use std::process::{Command, Output};

/// Two outlets on one event in `grimm/` (no date in the name, no event.toml), another event
/// beside it, so the folder above is a corpus.
fn corpus(root: &Path) {
    let md = |outlet: &str, title: &str, second: &str| {
        format!(
            "---\noutlet: {outlet}\ntitle: {title}\ndate: 2014-04-25\n---\n\n\
             Congressman Michael Grimm was charged with fraud by federal prosecutors on Monday.\n\n\
             {second}\n"
        )
    };
    let ev = root.join("grimm");
    std::fs::create_dir_all(&ev).expect("mkdir");
    let fox = md(
        "Fox",
        "Island congressman faces charges",
        "The mayor opened a bakery.",
    );
    std::fs::write(ev.join("fox.md"), fox).expect("write");
    let nyt = md(
        "NYT",
        "Grimm charged",
        "Volcanic ash closed three airports.",
    );
    std::fs::write(ev.join("nyt.md"), nyt).expect("write");
    let other = root.join("2021-08-10-messi");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(
        other.join("a.md"),
        "---\noutlet: AFP\ntitle: Messi signs\n---\n\nMessi signed for PSG on Tuesday.\n",
    )
    .expect("write");
}

fn run(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(args)
        .env("FRAMEDIFF_CACHE_DIR", cache)
        .env_remove("FRAMEDIFF_LOG")
        .output()
        .expect("runs")
}

fn json(o: &Output) -> serde_json::Value {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    serde_json::from_slice(&o.stdout).expect("json")
}

/// Annotates the first shared cluster of event `grimm` in the corpus's file.
fn annotate(root: &Path, cache: &Path) {
    let c = root.to_str().expect("utf-8");
    let doc = json(&run(&["compare", "grimm", c, "--format", "json"], cache));
    let m = doc["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .find(|c| c["kind"] == "shared")
        .expect("a shared cluster")["members"][0]
        .clone();
    let a = serde_json::json!({"event": "grimm",
        "claims": [{"outlet": m["outlet"], "start": m["start"], "end": m["end"]}],
        "text": m["text"], "analysis_verdict": "shared", "verdict": "shared",
        "note": "RACE note"});
    let file = serde_json::json!({"version": 1, "annotations": [a]});
    std::fs::create_dir_all(root.join(".framediff")).expect("mkdir");
    std::fs::write(root.join(".framediff/annotations.json"), file.to_string()).expect("write");
}

#[test]
fn an_event_folder_opened_alone_is_the_corpus_event_with_its_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    corpus(dir.path());
    annotate(dir.path(), cache.path());
    let through = json(&run(
        &[
            "compare",
            "grimm",
            dir.path().to_str().unwrap(),
            "--format",
            "json",
        ],
        cache.path(),
    ));
    let folder = dir.path().join("grimm");
    let alone = json(&run(
        &["compare", folder.to_str().unwrap(), "--format", "json"],
        cache.path(),
    ));
    assert_eq!(alone["event"]["id"], "grimm");
    assert_eq!(alone["event"]["id"], through["event"]["id"]);
    assert_eq!(alone["event"]["title"], through["event"]["title"]);
    let notes = alone["annotations"].as_array().expect("annotations");
    assert_eq!(notes.len(), 1, "{alone}");
    assert_eq!(notes[0]["note"], "RACE note");
    // nothing was written into the event folder
    assert!(!folder.join(".framediff").exists());
}

#[test]
fn a_renamed_event_folder_keeps_its_notes_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    corpus(dir.path());
    annotate(dir.path(), cache.path());
    std::fs::rename(
        dir.path().join("grimm"),
        dir.path().join("2014-04-25-grimm"),
    )
    .expect("rename");
    let c = dir.path().to_str().unwrap();
    let o = run(
        &["compare", "2014-04-25-grimm", c, "--format", "json"],
        cache.path(),
    );
    let doc = json(&o);
    let notes = doc["annotations"].as_array().expect("annotations");
    assert_eq!(notes.len(), 1, "{doc}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1 annotation(s) of event 'grimm' shown on '2014-04-25-grimm'"),
        "{err}"
    );
}

#[test]
fn a_news_api_response_loads_its_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    let article = |name: &str, content: &str| {
        serde_json::json!({"source": {"id": null, "name": name}, "title": "Powell dies",
            "publishedAt": "2021-10-18T15:30:00Z", "content": content})
    };
    let response = serde_json::json!({"status": "ok", "totalResults": 2, "articles": [
        article("Reuters", "Colin Powell died on Monday at 84. He was fully vacc… [+368 chars]"),
        article("Politico", "Colin Powell died on Monday, his family said. … [+380 chars]"),
    ]});
    std::fs::write(dir.path().join("everything.json"), response.to_string()).expect("write");
    let o = run(
        &["events", dir.path().to_str().unwrap(), "--format", "json"],
        cache.path(),
    );
    let doc = json(&o);
    let events = doc["events"].as_array().expect("events");
    let outlets: usize = events
        .iter()
        .map(|e| e["articles"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(outlets, 2, "{doc}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("NewsAPI cuts each article's 'content'"),
        "{err}"
    );
}

#[test]
fn a_run_on_is_named_and_an_untitled_event_has_a_heading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    let ev = dir.path().join("transfer");
    std::fs::create_dir_all(&ev).expect("mkdir");
    let body = |outlet: &str| {
        format!(
            "---\noutlet: {outlet}\ndate: 2021-08-10\n---\n\nMessi joined PSG for 35 million euros.\n"
        )
    };
    std::fs::write(ev.join("a.md"), body("A")).expect("write");
    std::fs::write(ev.join("b.md"), body("B")).expect("write");
    let run_on = "Grimm was charged by prosecutors ".repeat(400);
    std::fs::write(
        ev.join("huge.md"),
        format!("---\noutlet: Huge\ndate: 2021-08-10\n---\n\n{run_on}\n"),
    )
    .expect("write");
    let o = run(&["check", ev.to_str().unwrap()], cache.path());
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        text.contains("huge.md:6: a sentence of 12.9 KB without a full stop is not a claim"),
        "{text}"
    );
    std::fs::remove_file(ev.join("huge.md")).expect("rm");
    let o = run(
        &["compare", ev.to_str().unwrap(), "--format", "md"],
        cache.path(),
    );
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(md.starts_with("# Untitled event in transfer\n"), "{md}");
}

/// Tester session 18, item 24: pages saved one folder per outlet (`<event>/bbc/index.html`)
/// inside a dated event folder are that event's articles, outlet from the page, with one
/// warning naming the sub-folders; a dated sub-folder stays an event of its own.
#[test]
fn one_folder_per_outlet_inside_a_dated_event_folder_is_one_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    let ev = dir.path().join("2021-05-24-belarus");
    let page = |site: &str| {
        format!(
            "<html><head><title>Belarus diverts plane</title>\
             <meta property=\"og:site_name\" content=\"{site}\"></head><body><article>\
             <p>Belarus forced a Ryanair plane to land in Minsk on Sunday and arrested a \
             journalist who was on board, the opposition said.</p></article></body></html>"
        )
    };
    for (folder, site) in [("bbc", "BBC News"), ("nbc", "NBC News")] {
        std::fs::create_dir_all(ev.join(folder)).expect("mkdir");
        std::fs::write(ev.join(folder).join("index.html"), page(site)).expect("write");
    }
    let c = dir.path().to_str().expect("utf-8");
    let doc = json(&run(&["events", c, "--format", "json"], cache.path()));
    let events = doc["events"].as_array().expect("events");
    assert_eq!(events.len(), 1, "{doc}");
    assert_eq!(events[0]["id"], "2021-05-24-belarus", "{doc}");
    let o = run(&["check", c], cache.path());
    let out = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    assert!(
        out.contains("BBC News") && out.contains("NBC News"),
        "{out}"
    );
    assert!(
        out.contains("sub-folders bbc/, nbc/ read as articles of this event"),
        "{out}"
    );
    assert!(out.contains("1 event, 2 outlets"), "{out}");
    // the dated folder opened on its own is the same one event
    let alone = ev.to_str().expect("utf-8");
    let doc = json(&run(&["events", alone, "--format", "json"], cache.path()));
    assert_eq!(doc["events"][0]["id"], "2021-05-24-belarus", "{doc}");
    assert_eq!(doc["events"].as_array().map(Vec::len), Some(1), "{doc}");
    // a dated sub-folder is an event of its own, as before
    let inner = ev.join("2021-05-25-follow-up");
    std::fs::create_dir_all(&inner).expect("mkdir");
    std::fs::write(inner.join("x.html"), page("X News")).expect("write");
    let doc = json(&run(&["events", c, "--format", "json"], cache.path()));
    let ids: Vec<&str> = doc["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "2021-05-24-belarus",
            "2021-05-24-belarus/2021-05-25-follow-up"
        ],
        "{doc}"
    );
}
