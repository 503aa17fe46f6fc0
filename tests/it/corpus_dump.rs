//! A JSON Lines dump over the per-file limit (issue 13): streamed, its article texts left on
//! disk and read back when compared; the same articles, claims and comparison as a dump read
//! into memory, a clear error when the dump changed on disk, and the cache round trip.

use std::path::{Path, PathBuf};
use std::process::Command;

use framediff::corpus::{self, Body, Corpus, LoadOptions};

/// Sentences the dump's bodies are made of: shared, contrasting and unique claims.
const SENTENCES: &[&str] = &[
    "The dam on the Kakhovka river was destroyed on Tuesday morning.",
    "Officials said 17,000 people were evacuated from the flooded towns.",
    "Ukraine blamed Russian forces for the explosion at the dam.",
    "Russia said Ukrainian shelling caused the collapse of the dam.",
    "Water levels downstream rose by more than five metres overnight.",
    "The nuclear plant upstream said its cooling pond was not at risk.",
    "Aid agencies warned of drinking water shortages in Kherson.",
    "Farmers fear the loss of irrigation for the coming harvest.",
];

/// One record as a JSON line (no line break).
fn record(id: usize, outlet: &str, event: &str, picks: &[usize]) -> String {
    let body: Vec<&str> = picks.iter().map(|&i| SENTENCES[i]).collect();
    serde_json::json!({
        "id": format!("rec-{id}"),
        "outlet": outlet,
        "event": event,
        "title": format!("{} report {id}", outlet.to_uppercase()),
        "date": "2023-06-06",
        "url": format!("https://{outlet}.example/{id}"),
        "language": "en",
        "body": format!("{}\n\n{}", body[..2].join(" "), body[2..].join(" ")),
    })
    .to_string()
}

/// Writes `dir/dump.jsonl`: three events of three outlets, with a byte order mark on line 1,
/// a CRLF line, a blank line, a bad line and a record with a byte that is not UTF-8, so the
/// record offsets cover every way a line is read. Returns the path.
fn write_dump(dir: &Path) -> PathBuf {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    let mut id = 0;
    for (e, event) in ["dam-a", "dam-b", "dam-c"].iter().enumerate() {
        for (o, outlet) in ["bbc", "kp", "reuters"].iter().enumerate() {
            id += 1;
            let picks: Vec<usize> = (0..4)
                .map(|k| (e + o * 2 + k * 3) % SENTENCES.len())
                .collect();
            bytes.extend_from_slice(record(id, outlet, event, &picks).as_bytes());
            bytes.extend_from_slice(if id == 2 { b"\r\n" } else { b"\n" });
            if id == 4 {
                bytes.extend_from_slice(b"\n{not json}\n");
            }
        }
    }
    // a record whose text has a byte that is not UTF-8 (read with a replacement character)
    let mut odd = record(99, "dw", "dam-a", &[0, 1, 2, 3]).into_bytes();
    let at = odd.windows(7).position(|w| w == b"Tuesday").expect("word") + 2;
    odd.insert(at, 0xE9);
    bytes.extend_from_slice(&odd);
    bytes.push(b'\n');
    let path = dir.join("dump.jsonl");
    std::fs::write(&path, bytes).expect("write the dump");
    path
}

/// Sets the modification time of `path`.
fn set_time(path: &Path, time: std::time::SystemTime) {
    let f = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    f.set_modified(time).expect("set the time");
}

fn options(max_file_bytes: u64, cache: Option<PathBuf>) -> LoadOptions {
    LoadOptions {
        max_file_bytes,
        cache,
        threads: 1,
        ..LoadOptions::default()
    }
}

/// Loads `dir` with texts in memory (the dump within the limit) and streamed (over it).
fn both(dir: &Path) -> (Corpus, Corpus) {
    let memory = corpus::load_with(dir, &options(1 << 20, None), &|_| {});
    let disk = corpus::load_with(dir, &options(1024, None), &|_| {});
    (memory, disk)
}

/// Every field of two articles but the text is the same, and the text read back is the text.
fn assert_same_articles(memory: &Corpus, disk: &Corpus) {
    assert_eq!(memory.events.len(), disk.events.len());
    for (m, d) in memory.events.iter().zip(&disk.events) {
        assert_eq!(m.id, d.id);
        assert_eq!(m.articles.len(), d.articles.len(), "event {}", m.id);
        for (a, b) in m.articles.iter().zip(&d.articles) {
            assert!(matches!(a.body, Body::Text(_)), "{}", a.title);
            assert!(b.body.is_stored(), "{} left on disk", b.title);
            assert_eq!(b.text().expect("read back"), a.body.as_str());
            assert_eq!(b.body.digest(), a.body.digest());
            let mut b = (**b).clone();
            b.load_text().expect("read back");
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "every other field the same"
            );
            assert_eq!(
                framediff::analysis::claim_sentences(a),
                framediff::analysis::claim_sentences(&b)
            );
        }
    }
}

#[test]
fn a_streamed_dump_reads_back_the_same_articles_claims_and_comparison() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_dump(dir.path());
    let (memory, disk) = both(dir.path());
    assert_eq!(memory.article_count(), 10, "{:#?}", memory.diagnostics);
    assert_eq!(memory.diagnostics, disk.diagnostics);
    assert!(
        disk.diagnostics
            .iter()
            .any(|d| d.line == Some(6) && d.message.contains("not valid JSON")),
        "{:#?}",
        disk.diagnostics
    );
    assert!(
        disk.diagnostics
            .iter()
            .any(|d| d.message.contains("not valid UTF-8")),
        "{:#?}",
        disk.diagnostics
    );
    assert_same_articles(&memory, &disk);
    // claims are read from the text read back: the same comparison, byte for byte
    for (m, d) in memory.events.iter().zip(&disk.events) {
        let a = framediff::app::engine::analyse(&memory, m).expect("compares");
        let b = framediff::app::engine::analyse(&disk, d).expect("compares");
        assert!(!a.claims.is_empty());
        // the views get the texts read back with the comparison
        assert!(a.event_read.is_none());
        let read = b.event_read.as_ref().expect("the event read back");
        assert_eq!(format!("{:?}", read.articles), format!("{:?}", m.articles));
        assert_eq!(
            framediff::report::json::to_json(&a, m),
            framediff::report::json::to_json(&b, d),
            "event {}",
            m.id
        );
    }
}

#[test]
fn compare_of_a_streamed_dump_prints_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_dump(dir.path());
    let run = |limit: &[&str], format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_framediff"))
            .arg("compare")
            .arg("dam-b")
            .arg(dir.path())
            .args(["--no-cache", "--format", format])
            .args(limit)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    for format in ["json", "markdown"] {
        let memory = run(&[], format);
        assert!(!memory.is_empty());
        assert_eq!(memory, run(&["--max-file-size", "1K"], format), "{format}");
    }
}

#[test]
fn a_dump_changed_on_disk_after_loading_is_an_error_naming_the_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_dump(dir.path());
    let (_, disk) = both(dir.path());
    let event = disk.find_event("dam-a").expect("event").clone();
    assert!(event.with_text().is_ok());

    // one word of one text changed, every record where it was
    let text = std::fs::read(&path).expect("read");
    let changed = String::from_utf8_lossy(&text).replacen("morning", "evening", 1);
    std::fs::write(&path, changed.as_bytes()).expect("write");
    let err = event.with_text().expect_err("a changed record is noticed");
    assert_eq!(err.path, path);
    assert!(err.line.is_some());
    let shown = err.to_string();
    assert!(shown.contains("dump.jsonl:"), "{shown}");
    assert!(shown.contains("changed on disk"), "{shown}");
    let cmp = framediff::app::engine::analyse(&disk, &event).expect_err("compare fails");
    assert!(
        cmp.contains("dump.jsonl") && cmp.contains("changed on disk"),
        "{cmp}"
    );

    // the file cut short, and the file gone
    std::fs::write(&path, &text[..100]).expect("write");
    let err = event
        .with_text()
        .expect_err("a cut file is noticed")
        .to_string();
    assert!(err.contains("changed on disk"), "{err}");
    std::fs::remove_file(&path).expect("remove");
    let err = event.with_text().expect_err("a missing file").to_string();
    assert!(
        err.contains("dump.jsonl") && err.contains("cannot be read back"),
        "{err}"
    );
}

#[test]
fn a_streamed_dump_round_trips_through_the_cache() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    write_dump(dir.path());
    let opts = options(1024, Some(cache.path().to_path_buf()));
    let cold = corpus::load_with(dir.path(), &opts, &|_| {});
    let warm = corpus::load_with(dir.path(), &opts, &|_| {});
    let stored: Vec<u64> = std::fs::read_dir(cache.path().join("corpora"))
        .expect("cache written")
        .flatten()
        .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
        .filter_map(|f| f.metadata().ok().map(|m| m.len()))
        .collect();
    assert!(stored.len() > 2, "cache files written: {stored:?}");
    assert_eq!(
        format!("{:?}", cold.events),
        format!("{:?}", warm.events),
        "the same places and hashes"
    );
    assert_eq!(cold.diagnostics, warm.diagnostics);
    let (memory, _) = both(dir.path());
    assert_same_articles(&memory, &warm);

    // `compare EVENT` through the event index takes the dump's articles from the files
    // cache (an old enough file: recent ones are not indexed)
    let dump = dir.path().join("dump.jsonl");
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    set_time(&dump, old);
    // the cache reads the status-change time too: wait out its "racily clean" window (2 s)
    std::thread::sleep(std::time::Duration::from_millis(2200));
    let whole = corpus::load_with(dir.path(), &opts, &|_| {});
    let indexed = corpus::indexed::open(dir.path(), &opts).expect("the load wrote the index");
    let i = whole
        .events
        .iter()
        .position(|e| e.id == "dam-b")
        .expect("event");
    let one = indexed.with_event(i).expect("from the index");
    assert!(one.events[i].has_stored_text());
    assert_eq!(
        format!("{:?}", one.events[i]),
        format!("{:?}", whole.events[i])
    );
    let read = one.events[i].with_text().expect("texts read back");
    let m = memory.find_event("dam-b").expect("event");
    assert_eq!(format!("{:?}", read.articles), format!("{:?}", m.articles));

    // a text changed in place with the old modification time put back: the status-change
    // time moved, so the index is not trusted for it
    let mut bytes = std::fs::read(&dump).expect("read");
    while let Some(at) = bytes.windows(7).position(|w| w == b"morning") {
        bytes[at..at + 7].copy_from_slice(b"evening");
    }
    std::fs::write(&dump, bytes).expect("write");
    set_time(&dump, old);
    let stale = corpus::indexed::open(dir.path(), &opts)
        .and_then(|indexed| indexed.with_event(i).ok())
        .and_then(|one| one.events[i].with_text().ok().map(|e| e.articles.clone()));
    assert!(
        stale.is_none_or(|articles| format!("{articles:?}").contains("evening")),
        "a changed dump is never served from the index with its old text"
    );
}
