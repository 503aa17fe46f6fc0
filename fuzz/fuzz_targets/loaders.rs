//! Every loader on arbitrary bytes. The first byte picks the format (Markdown with front
//! matter, plain text, JSON, JSON Lines in memory and streamed from a file, HTML, RSS/Atom,
//! event.toml, outlets.toml, a BASIL-shaped folder); the rest is the file. A panic, a hang or
//! a diagnostic about another file is a finding.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use framediff::corpus::{self, feed, html, json, text};
use libfuzzer_sys::fuzz_target;

/// One scratch folder per process: a corpus with one event folder.
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("tempdir"))
        .path()
}

/// Writes `bytes` as `name` in a fresh event folder and loads the corpus.
fn load_folder(name: &str, bytes: &[u8]) {
    let root = scratch().join("corpus");
    let _ = std::fs::remove_dir_all(&root);
    let ev = root.join("2025-03-18-event");
    std::fs::create_dir_all(&ev).expect("mkdir");
    std::fs::write(
        ev.join("bbc.md"),
        "---\ntitle: A\n---\nOfficials said the talks would continue.\n",
    )
    .expect("write");
    let path = if name == "outlets.toml" {
        root.join(name)
    } else {
        ev.join(name)
    };
    std::fs::write(path, bytes).expect("write");
    let c = corpus::load(&root);
    for d in &c.diagnostics {
        assert!(d.path.starts_with(&root), "{d}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut d = Vec::new();
    match kind % 10 {
        0 => drop(text::parse(Path::new("a.md"), &text, &mut d)),
        1 => drop(json::parse_json(Path::new("a.json"), &text, &mut d)),
        2 => drop(json::parse_jsonl(Path::new("a.jsonl"), &text, &mut d)),
        3 => drop(html::parse(Path::new("a.html"), &text, &mut d)),
        4 => drop(feed::parse(Path::new("a.xml"), rest, &mut d)),
        5 => load_folder("event.toml", rest),
        6 => load_folder("outlets.toml", rest),
        7 => load_folder("dump.jsonl", rest),
        8 => load_folder("page.html", rest),
        _ => load_folder("story.json", rest),
    }
});
