//! The persistent cache: same bytes with and without it, only changed files parsed again,
//! damaged or outdated files rebuilt, `--no-cache`, `cache info` and `cache clear`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::repo;

/// A scratch folder with a cache root and a log file, and the corpora built in it.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    /// `events CORPUS --format json` with `extra` arguments: (stdout, log).
    fn events(&self, corpus: &str, extra: &[&str]) -> (Vec<u8>, String) {
        let mut args = vec!["events", corpus, "--format", "json"];
        args.extend(extra);
        self.ok(&args)
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("framediff.log")
    }

    /// Runs framediff with this cache root and a fresh log; (status, stdout, stderr, log).
    fn run(&self, args: &[&str]) -> (i32, Vec<u8>, String, String) {
        let _ = std::fs::remove_file(self.log());
        let out = Command::new(env!("CARGO_BIN_EXE_framediff"))
            .args(args)
            .arg("--log")
            .arg(self.log())
            .env("FRAMEDIFF_CACHE_DIR", self.cache())
            .output()
            .expect("run framediff");
        let log = std::fs::read_to_string(self.log()).unwrap_or_default();
        (
            out.status.code().unwrap_or(-1),
            out.stdout,
            String::from_utf8_lossy(&out.stderr).into_owned(),
            log,
        )
    }

    /// stdout of a run that must succeed, and its log.
    fn ok(&self, args: &[&str]) -> (Vec<u8>, String) {
        let (code, out, err, log) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        (out, log)
    }

    /// The sample corpus with every article loose in one folder (no event folders), so that
    /// loading groups them automatically.
    fn flat_corpus(&self) -> PathBuf {
        let root = self.dir.path().join("flat");
        std::fs::create_dir_all(&root).unwrap();
        let sample = repo().join("corpus");
        std::fs::copy(sample.join("outlets.toml"), root.join("outlets.toml")).unwrap();
        for event in std::fs::read_dir(&sample).unwrap().flatten() {
            if !event.path().is_dir() {
                continue;
            }
            for f in std::fs::read_dir(event.path()).unwrap().flatten() {
                let name = f.file_name().to_string_lossy().into_owned();
                if name.ends_with(".md") {
                    let ev = event.file_name().to_string_lossy().into_owned();
                    std::fs::copy(f.path(), root.join(format!("{}-{name}", &ev[..10]))).unwrap();
                }
            }
        }
        root
    }

    /// A copy of the sample corpus (event folders).
    fn folder_corpus(&self) -> PathBuf {
        let root = self.dir.path().join("folders");
        for e in walkdir::WalkDir::new(repo().join("corpus")) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(repo().join("corpus")).unwrap();
            let to = root.join(rel);
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        root
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(self.cache())
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().to_path_buf())
            .collect()
    }
}

fn md_files(root: &Path) -> usize {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| !e.file_name().to_string_lossy().starts_with("README"))
        .count()
}

fn first_event_id(events_json: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(events_json).expect("events json");
    v["events"][0]["id"].as_str().expect("an event").to_string()
}

/// `events --format json` and `compare --format json` of the first event: without cache,
/// cold and warm.
fn outputs(s: &Scratch, corpus: &str, extra: &[&str]) -> (Vec<u8>, Vec<u8>, String) {
    let mut args = vec!["events", corpus, "--format", "json"];
    args.extend(extra);
    let (events, log) = s.ok(&args);
    let id = first_event_id(&events);
    let mut args = vec!["compare", id.as_str(), corpus, "--format", "json"];
    args.extend(extra);
    let (compare, log2) = s.ok(&args);
    (events, compare, log + &log2)
}

#[test]
fn the_cache_gives_the_same_bytes_as_reading_everything() {
    let s = Scratch::new();
    for corpus in [s.flat_corpus(), s.folder_corpus()] {
        let c = corpus.to_str().unwrap();
        let n = md_files(&corpus);
        let (events, compare, _) = outputs(&s, c, &["--no-cache"]);
        assert!(
            s.cache_files().is_empty() || corpus.ends_with("folders"),
            "--no-cache wrote {:?}",
            s.cache_files()
        );
        let (cold_e, cold_c, cold_log) = outputs(&s, c, &[]);
        assert!(
            cold_log.contains(&format!("{n} of {n} files parsed")),
            "{cold_log}"
        );
        let (warm_e, warm_c, warm_log) = outputs(&s, c, &[]);
        assert_eq!(
            String::from_utf8_lossy(&cold_e),
            String::from_utf8_lossy(&events)
        );
        assert_eq!(
            String::from_utf8_lossy(&warm_e),
            String::from_utf8_lossy(&events)
        );
        assert_eq!(
            String::from_utf8_lossy(&cold_c),
            String::from_utf8_lossy(&compare)
        );
        assert_eq!(
            String::from_utf8_lossy(&warm_c),
            String::from_utf8_lossy(&compare)
        );
        assert!(
            warm_log.contains(&format!("0 of {n} files parsed")),
            "{warm_log}"
        );
        assert!(
            warm_log.contains("term statistics from the cache"),
            "{warm_log}"
        );
        if corpus.ends_with("flat") {
            assert!(
                warm_log.contains("grouping of 12 articles from the cache"),
                "{warm_log}"
            );
        }
    }
    // nothing was written inside the corpora
    assert_eq!(md_files(&s.dir.path().join("flat")), 12);
    assert!(
        walkdir::WalkDir::new(s.dir.path().join("flat"))
            .into_iter()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".fdc"))
    );
}

#[test]
fn no_cache_reads_everything_and_writes_nothing() {
    let s = Scratch::new();
    let corpus = s.flat_corpus();
    let c = corpus.to_str().unwrap();
    s.ok(&["events", c]);
    let before: Vec<(PathBuf, Vec<u8>)> = s
        .cache_files()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert!(!before.is_empty());
    // a changed file: --no-cache sees it, and the cache is left as it was
    let f = corpus.join("2025-03-18-bbc.md");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(
        &f,
        text.replace("Putin gives little ground", "Putin gives no ground"),
    )
    .unwrap();
    let (out, log) = s.ok(&["events", c, "--no-cache", "--format", "json"]);
    assert!(String::from_utf8_lossy(&out).contains("Putin gives no ground"));
    assert!(!log.contains("cache:"), "{log}");
    let after: Vec<(PathBuf, Vec<u8>)> = s
        .cache_files()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_changed_added_or_removed_file_is_the_only_one_read_again() {
    let s = Scratch::new();
    let corpus = s.flat_corpus();
    let c = corpus.to_str().unwrap();
    let events = |extra: &[&str]| s.events(c, extra);
    events(&[]);
    let (_, warm) = events(&[]);
    assert!(warm.contains("0 of 12 files parsed"), "{warm}");

    // changed: one file parsed, the grouping recomputed, the output that of a fresh read
    let f = corpus.join("2025-03-18-kp.md");
    let text = std::fs::read_to_string(&f).unwrap();
    std::fs::write(&f, text.replacen("title: \"", "title: \"Changed ", 1)).unwrap();
    let (out, log) = events(&[]);
    assert!(log.contains("1 of 12 files parsed"), "{log}");
    assert!(log.contains("grouping of 12 articles computed"), "{log}");
    assert_eq!(out, events(&["--no-cache"]).0);
    assert!(String::from_utf8_lossy(&out).contains("Changed"));

    // touched only (same bytes, new time): read and hashed, not parsed
    let text = std::fs::read(&f).unwrap();
    std::fs::write(&f, &text).unwrap();
    let (_, log) = events(&[]);
    assert!(log.contains("0 of 12 files parsed"), "{log}");
    assert!(
        log.contains("grouping of 12 articles from the cache"),
        "{log}"
    );

    // added
    std::fs::write(
        corpus.join("extra-outlet.md"),
        "---\noutlet: extra\ntitle: Volcano erupts in Iceland\ndate: 2025-03-12\n---\nA volcano \
         erupted on the Reykjanes peninsula on Wednesday, the fifth eruption this year.\n",
    )
    .unwrap();
    let (out, log) = events(&[]);
    assert!(log.contains("1 of 13 files parsed"), "{log}");
    assert_eq!(out, events(&["--no-cache"]).0);

    // removed
    std::fs::remove_file(corpus.join("2025-03-11-reuters.md")).unwrap();
    let (out, log) = events(&[]);
    assert!(log.contains("0 of 12 files parsed"), "{log}");
    assert_eq!(out, events(&["--no-cache"]).0);
    assert!(!String::from_utf8_lossy(&out).contains("2025-03-11-reuters.md"));
}

#[test]
fn a_damaged_or_outdated_cache_is_rebuilt_not_trusted() {
    let s = Scratch::new();
    let corpus = s.flat_corpus();
    let c = corpus.to_str().unwrap();
    let (events, compare, _) = outputs(&s, c, &["--no-cache"]);
    outputs(&s, c, &[]);
    let files = s.cache_files();
    let mut damaged = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(f).unwrap();
        if name.starts_with("files-") {
            // truncated
            std::fs::write(f, &bytes[..bytes.len() / 2]).unwrap();
            damaged += 1;
        } else if name == "grouping.fdc" {
            // a record that decodes wrongly: flip a byte of the body
            let mut b = bytes.clone();
            let at = b.len() - 5;
            b[at] ^= 0xff;
            std::fs::write(f, b).unwrap();
        } else if name == "terms.fdc" {
            // another format version
            let mut b = bytes.clone();
            b[9] = b[9].wrapping_add(1);
            std::fs::write(f, b).unwrap();
        }
    }
    assert!(damaged > 0);
    let (e2, c2, log) = outputs(&s, c, &[]);
    assert_eq!(e2, events);
    assert_eq!(c2, compare);
    assert!(log.contains("12 of 12 files parsed"), "{log}");
    assert!(log.contains("truncated"), "{log}");
    assert!(log.contains("checksum mismatch"), "{log}");
    assert!(log.contains("format version"), "{log}");
    assert!(log.contains("grouping of 12 articles computed"), "{log}");
    // and rebuilt
    let (e3, _, log) = outputs(&s, c, &[]);
    assert_eq!(e3, events);
    assert!(log.contains("0 of 12 files parsed"), "{log}");
}

#[test]
fn cache_info_and_clear() {
    let s = Scratch::new();
    let corpus = s.flat_corpus();
    let c = corpus.to_str().unwrap();
    let (out, _) = s.ok(&["cache", "info", c]);
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("nothing cached for"), "{text}");
    outputs(&s, c, &[]);
    let (out, _) = s.ok(&["cache", "info", c]);
    let text = String::from_utf8_lossy(&out).into_owned();
    let canonical = std::fs::canonicalize(&corpus).unwrap();
    assert!(
        text.contains(&format!("corpus: {}", canonical.display())),
        "{text}"
    );
    assert!(text.contains(&s.cache().display().to_string()), "{text}");
    assert!(
        text.contains(
            "entries: 12 parsed files; stored: duplicate removal, grouping, term statistics"
        ),
        "{text}"
    );
    assert!(text.contains("size: "), "{text}");
    // the whole-cache listing names it too
    let (all, _) = s.ok(&["cache", "info"]);
    assert!(String::from_utf8_lossy(&all).contains(&format!("corpus: {}", canonical.display())));

    let (out, _) = s.ok(&["cache", "clear", c]);
    assert!(
        String::from_utf8_lossy(&out).contains("removed the cache of"),
        "{:?}",
        out
    );
    assert!(s.cache_files().is_empty(), "{:?}", s.cache_files());
    let (out, _) = s.ok(&["cache", "info", c]);
    assert!(String::from_utf8_lossy(&out).contains("nothing cached for"));

    // the caches of no corpus live in the same root: listed, and removed by a plain `clear`
    let embeddings = s.cache().join("embeddings");
    std::fs::create_dir_all(&embeddings).unwrap();
    std::fs::write(embeddings.join("model.vec"), [0u8; 2048]).unwrap();
    s.ok(&["--demo", "events"]);
    let (out, _) = s.ok(&["cache", "info"]);
    let text = String::from_utf8_lossy(&out).into_owned();
    assert!(text.contains("sentence embeddings: "), "{text}");
    assert!(text.contains("sample corpus: "), "{text}");
    s.ok(&["cache", "clear"]);
    assert!(!embeddings.exists());
    let (out, _) = s.ok(&["cache", "info"]);
    assert!(String::from_utf8_lossy(&out).contains("nothing cached yet"));
}

#[test]
fn the_cache_of_a_deleted_corpus_is_removed_when_another_is_cached() {
    let s = Scratch::new();
    let flat = s.flat_corpus();
    s.ok(&["events", flat.to_str().unwrap()]);
    std::fs::remove_dir_all(&flat).unwrap();
    let folders = s.folder_corpus();
    s.ok(&["events", folders.to_str().unwrap()]);
    let (out, _) = s.ok(&["cache", "info"]);
    let text = String::from_utf8_lossy(&out);
    assert!(!text.contains("flat"), "{text}");
    assert!(text.contains("folders"), "{text}");
}

/// Sets the modification time of every file under `root` to `secs_ago` seconds ago, so that
/// the event index (which never keys a file changed in the last 2 s) can be written.
/// Sets every file's modification time `secs_ago` in the past, then waits until the change
/// itself (the status-change time, which the cache reads too) is older than the cache's
/// "racily clean" window, so the files' entries are recorded.
fn age_files(root: &Path, secs_ago: u64) {
    let t = std::time::SystemTime::now() - std::time::Duration::from_secs(secs_ago);
    for e in walkdir::WalkDir::new(root).into_iter().flatten() {
        if e.file_type().is_file() {
            let f = std::fs::File::options().write(true).open(e.path()).unwrap();
            f.set_modified(t).unwrap();
        }
    }
    settle();
}

/// Waits out the cache's "racily clean" window (2 s) after the last write.
fn settle() {
    std::thread::sleep(std::time::Duration::from_millis(2200));
}

/// An edit that keeps the file's size and puts its old modification time back (`touch -r`,
/// `cp -p`) is read again: the status-change time moved (a new user's stale report,
/// session 16).
#[cfg(unix)]
#[test]
fn an_edit_that_keeps_size_and_modification_time_is_read_again() {
    let s = Scratch::new();
    let corpus = s.flat_corpus();
    let c = corpus.to_str().unwrap();
    age_files(&corpus, 3600);
    let events = |extra: &[&str]| s.events(c, extra);
    events(&[]);
    let (_, warm) = events(&[]);
    assert!(warm.contains("0 of 12 files parsed"), "{warm}");
    let f = corpus.join("2025-03-18-kp.md");
    let before = std::fs::metadata(&f).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&f).unwrap();
    let swapped = swap_first_word_case(&text);
    assert_eq!(swapped.len(), text.len());
    assert_ne!(swapped, text);
    std::fs::write(&f, &swapped).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&f)
        .unwrap()
        .set_modified(before)
        .unwrap();
    let (out, log) = events(&[]);
    assert!(log.contains("1 of 12 files parsed"), "{log}");
    assert_eq!(out, events(&["--no-cache"]).0);
}

/// The text with the title's first letter upper-cased or lower-cased: the same size.
fn swap_first_word_case(text: &str) -> String {
    let at = text.find("title: \"").expect("a title") + "title: \"".len();
    let mut out = text.to_string();
    let ch = out[at..].chars().next().expect("a letter");
    let swapped: String = if ch.is_uppercase() {
        ch.to_lowercase().collect()
    } else {
        ch.to_uppercase().collect()
    };
    out.replace_range(at..at + ch.len_utf8(), &swapped);
    out
}

#[test]
fn compare_of_one_event_reads_the_event_index_and_gives_the_same_bytes() {
    let s = Scratch::new();
    let corpus = s.flat_corpus();
    age_files(&corpus, 3600);
    let c = corpus.to_str().unwrap();
    let (events, log) = s.ok(&["events", c, "--format", "json"]);
    assert!(log.contains("event index of 3 events written"), "{log}");
    let (info, _) = s.ok(&["cache", "info", c]);
    assert!(
        String::from_utf8_lossy(&info).contains("term statistics, event index")
            || String::from_utf8_lossy(&info).contains("grouping, event index"),
        "{}",
        String::from_utf8_lossy(&info)
    );
    let id = first_event_id(&events);
    let compare = |extra: &[&str]| {
        let mut args = vec!["compare", id.as_str(), c, "--format", "json"];
        args.extend(extra);
        s.ok(&args)
    };
    let (fresh, _) = compare(&["--no-cache"]);
    // the term statistics are not cached yet: a whole load, which stores them
    let (first, log) = compare(&[]);
    assert!(log.contains("no term statistics cached"), "{log}");
    assert_eq!(first, fresh);
    // now only the event's files are read
    let (warm, log) = compare(&[]);
    assert!(log.contains("from the event index"), "{log}");
    assert!(!log.contains("files parsed"), "{log}");
    assert_eq!(
        String::from_utf8_lossy(&warm),
        String::from_utf8_lossy(&fresh)
    );
    // Markdown too, and a title query
    let (md_fresh, _) = s.ok(&["compare", "ukraine backs", c, "--no-cache"]);
    let (md, log) = s.ok(&["compare", "ukraine backs", c]);
    assert!(log.contains("from the event index"), "{log}");
    assert_eq!(md, md_fresh);
    // an ambiguous or unknown query: the same error as a whole load
    let (code, _, err, _) = s.run(&["compare", "no-such-event-anywhere", c]);
    let (code2, _, err2, _) = s.run(&["compare", "no-such-event-anywhere", c, "--no-cache"]);
    assert_eq!((code, err), (code2, err2));

    // a file of the event changed (new time): the index is outdated, a whole load runs and
    // gives the new text; the index is written again
    let v: serde_json::Value = serde_json::from_slice(&events).unwrap();
    let member = v["events"][0]["articles"][0]["path"]
        .as_str()
        .expect("an article path")
        .to_string();
    let text = std::fs::read_to_string(&member).unwrap();
    std::fs::write(
        &member,
        text + "\nThe talks are to resume on Friday in Jeddah.\n",
    )
    .unwrap();
    age_files(&corpus, 1800);
    let (fresh, _) = compare(&["--no-cache"]);
    let (out, log) = compare(&[]);
    assert!(!log.contains("from the event index"), "{log}");
    assert!(log.contains("event index of"), "{log}");
    assert_eq!(out, fresh);
    let (out, log) = compare(&[]);
    assert!(log.contains("from the event index"), "{log}");
    assert_eq!(out, fresh);

    // the same size and modification time but other bytes: the status-change time moved,
    // so the file is parsed again and the index is not used for it
    let meta = std::fs::metadata(&member).unwrap();
    let bytes = std::fs::read(&member).unwrap();
    let swapped: Vec<u8> = bytes
        .iter()
        .map(|&b| if b == b'a' { b'e' } else { b })
        .collect();
    std::fs::write(&member, &swapped).unwrap();
    let f = std::fs::File::options().write(true).open(&member).unwrap();
    f.set_modified(meta.modified().unwrap()).unwrap();
    let (out, log) = compare(&[]);
    assert!(!log.contains("from the event index"), "{log}");
    assert!(log.contains("1 of 12 files parsed"), "{log}");
    assert_eq!(out, compare(&["--no-cache"]).0);
    std::fs::write(&member, &bytes).unwrap();
    let f = std::fs::File::options().write(true).open(&member).unwrap();
    f.set_modified(meta.modified().unwrap()).unwrap();
    settle();
    compare(&[]);

    // a damaged index is rebuilt, not trusted
    for f in s.cache_files() {
        if f.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("events-")
        {
            let mut b = std::fs::read(&f).unwrap();
            let at = b.len() - 3;
            b[at] ^= 0xff;
            std::fs::write(&f, b).unwrap();
        }
    }
    let (out, log) = compare(&[]);
    assert!(log.contains("checksum mismatch"), "{log}");
    assert!(!log.contains("from the event index"), "{log}");
    assert_eq!(out, fresh);
}
