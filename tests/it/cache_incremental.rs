//! Incremental duplicate removal and grouping in the cache (issue 12, docs/scaling.md
//! "Cache"): one added or removed loose article updates the stored grouping instead of
//! regrouping the corpus, and every case where a full run could decide otherwise falls back
//! to one. Each result is compared with a load without the cache (a full run).

use std::path::{Path, PathBuf};
use std::process::Command;

pub(super) struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub(super) fn new() -> Self {
        let s = Self {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        std::fs::create_dir_all(s.corpus()).unwrap();
        s
    }

    pub(super) fn corpus(&self) -> PathBuf {
        self.dir.path().join("flat")
    }

    pub(super) fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("framediff.log")
    }

    /// stdout and debug log of a framediff run on the corpus that must succeed.
    pub(super) fn ok(&self, args: &[&str]) -> (String, String) {
        let _ = std::fs::remove_file(self.log());
        let out = Command::new(env!("CARGO_BIN_EXE_framediff"))
            .args(args)
            .arg(self.corpus())
            .arg("--log")
            .arg(self.log())
            .env("FRAMEDIFF_CACHE_DIR", self.cache())
            .output()
            .expect("run framediff");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let log = std::fs::read_to_string(self.log()).unwrap_or_default();
        (String::from_utf8(out.stdout).unwrap(), log)
    }

    /// `events --format json` with the cache, its log, and the same without the cache.
    fn events(&self) -> (String, String, String) {
        let (cached, log) = self.ok(&["events", "--format", "json"]);
        let (full, _) = self.ok(&["events", "--format", "json", "--no-cache"]);
        (cached, log, full)
    }

    /// The incremental notes `check --format json` reports.
    pub(super) fn marks(&self) -> Vec<String> {
        let (out, _) = self.ok(&["check", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["incremental"]
            .as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    }

    pub(super) fn write(&self, name: &str, outlet: &str, date: &str, title: &str, body: &str) {
        let text =
            format!("---\noutlet: {outlet}\ntitle: \"{title}\"\ndate: {date}\n---\n\n{body}\n");
        std::fs::write(self.corpus().join(name), text).unwrap();
    }

    pub(super) fn remove(&self, name: &str) {
        std::fs::remove_file(self.corpus().join(name)).unwrap();
    }

    fn grouping_record(&self) -> PathBuf {
        walkdir::WalkDir::new(self.cache())
            .into_iter()
            .flatten()
            .find(|e| e.file_name() == "grouping.fdc")
            .expect("a grouping record")
            .path()
            .to_path_buf()
    }
}

/// Lists the events (cached and `--no-cache`) after a change that must force a full regroup:
/// the log gives `reason` and a full grouping of `articles`, and the listing is a full
/// regroup's, byte for byte. Returns the cached listing.
#[track_caller]
fn full_regroup(s: &Scratch, reason: &str, articles: usize) -> String {
    let (cached, log, full) = s.events();
    assert!(log.contains(reason), "{log}");
    assert!(
        log.contains(&format!("grouping of {articles} articles computed")),
        "{log}"
    );
    same(&cached, &full, "a full regroup");
    cached
}

/// Asserts that two listings are the same bytes, showing the first lines that differ.
#[track_caller]
pub(super) fn same(cached: &str, full: &str, what: &str) {
    if cached == full {
        return;
    }
    let diff: Vec<String> = cached
        .lines()
        .zip(full.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .take(6)
        .map(|(i, (a, b))| format!("line {i}: {a} | {b}"))
        .collect();
    panic!("{what}: cached | full differ:\n{}", diff.join("\n"));
}

/// A made-up word, distinct for each `(k, salt)` with `k < 100`, `salt < 10`.
pub(super) fn word(k: usize, salt: usize) -> String {
    const SYL: [&str; 12] = [
        "ka", "lo", "mir", "tes", "van", "dor", "pel", "sun", "rik", "bo", "zan", "fe",
    ];
    let mut n = k * 10 + salt;
    let mut w = String::new();
    for _ in 0..3 {
        w.push_str(SYL[n % 12]);
        n /= 12;
    }
    let mut c = w.chars();
    c.next().unwrap().to_uppercase().chain(c).collect()
}

/// The date of event `k`: two events share each day, days ten apart.
pub(super) fn date(k: usize) -> String {
    let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
        + chrono::Duration::days(10 * (k / 2) as i64);
    d.to_string()
}

/// One outlet's report of event `k` (`variant` changes the wording).
pub(super) fn story(k: usize, variant: usize) -> String {
    let (place, river, person, thing) = (word(k, 0), word(k, 1), word(k, 2), word(k, 3));
    let n = 100 + k * 7;
    let lead = format!(
        "Officials in {place} said the {thing} bridge over the {river} would cost {n} million."
    );
    let mayor = format!("The mayor of {place}, {person}, backed the {thing} plan at a meeting.");
    let critics = format!("Critics warned that the {river} floods the {thing} site every spring.");
    match variant % 4 {
        0 => format!("{lead} {mayor} {critics}"),
        1 => format!("{mayor} {lead} Residents of {place} were divided. {critics}"),
        2 => format!("{critics} {lead} {person} said work starts soon."),
        _ => format!("{person} spoke in {place} on Monday. {critics} The {thing} bridge is late."),
    }
}

/// 42 loose articles: events 0-7 of two outlets, 8-11 of three, 12-25 of one.
pub(super) fn corpus(s: &Scratch) {
    for k in 0..26 {
        let outlets = match k {
            0..=7 => 2,
            8..=11 => 3,
            _ => 1,
        };
        for o in 0..outlets {
            s.write(
                &format!("e{k:02}-o{o}.md"),
                &format!("outlet-{o}"),
                &date(k),
                &format!("{} bridge report {o}", word(k, 0)),
                &story(k, o),
            );
        }
    }
}

/// Each event's articles' paths, sorted: the grouping without headlines and ids.
fn partition(events: &str) -> Vec<Vec<String>> {
    let v: serde_json::Value = serde_json::from_str(events).unwrap();
    let mut out: Vec<Vec<String>> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut paths: Vec<String> = e["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["path"].as_str().unwrap().to_string())
                .collect();
            paths.sort();
            paths
        })
        .collect();
    out.sort();
    out
}

/// Every event's title.
fn titles(events: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(events).unwrap();
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

/// The articles' paths of the event holding `file`, from `events --format json`.
fn event_of(events: &str, file: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(events).unwrap();
    for e in v["events"].as_array().unwrap() {
        let paths: Vec<String> = e["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["path"].as_str().unwrap().to_string())
            .collect();
        if paths.iter().any(|p| p.ends_with(file)) {
            let mut names: Vec<String> = paths
                .iter()
                .map(|p| Path::new(p).file_name().unwrap().to_string_lossy().into())
                .collect();
            names.sort();
            return names;
        }
    }
    panic!("{file} in no event: {events}")
}

#[test]
fn an_added_or_removed_article_updates_the_grouping_without_a_full_run() {
    let s = Scratch::new();
    corpus(&s);
    let (cold, log, full) = s.events();
    assert!(log.contains("grouping of 42 articles computed"), "{log}");
    same(&cold, &full, "cold");
    assert_eq!(
        event_of(&cold, "e08-o0.md"),
        ["e08-o0.md", "e08-o1.md", "e08-o2.md"]
    );
    assert!(s.marks().is_empty());

    // a fourth outlet reports event 8: it joins the event, no regroup
    s.write(
        "e08-o3.md",
        "outlet-3",
        &date(8),
        "A new report",
        &story(8, 3),
    );
    let marks = s.marks();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert!(marks[0].contains("1 added, 0 removed"), "{marks:?}");
    let (after, log, full) = s.events();
    assert!(!log.contains("computed"), "{log}");
    same(&after, &full, "the update must equal a full regroup here");
    assert_eq!(event_of(&after, "e08-o3.md").len(), 4);

    // one of the three articles of event 9 is removed: the event keeps the other two, and
    // its headline is chosen again among them (with the last full run's frequencies, so it
    // may be the other one than a full regroup picks: docs/scaling.md, "Cache")
    s.remove("e09-o0.md");
    let (cached, log, full) = s.events();
    assert!(log.contains("grouping of 42 articles updated"), "{log}");
    assert!(
        log.contains("duplicate removal over 42 articles updated"),
        "{log}"
    );
    assert!(!log.contains("computed"), "{log}");
    assert_eq!(partition(&cached), partition(&full));
    assert_eq!(event_of(&cached, "e09-o1.md"), ["e09-o1.md", "e09-o2.md"]);
    let title = format!("{} bridge report 0", word(9, 0));
    assert!(
        !titles(&cached).contains(&title),
        "the removed article names no event"
    );
    assert!(
        s.marks()[0].contains("0 added, 1 removed; 2 of 42"),
        "{:?}",
        s.marks()
    );

    // a third change reaches 5% of the articles since the last full run: a full regroup
    s.remove("e00-o0.md");
    full_regroup(&s, "changed since the last full grouping", 41);
    assert!(s.marks().is_empty());
}

#[test]
fn an_article_that_may_merge_two_events_regroups_in_full() {
    let s = Scratch::new();
    corpus(&s);
    s.events();
    // events 0 and 1 share a day; an article telling both could join them into one
    let both = format!("{} {}", story(0, 0), story(1, 0));
    s.write("bridge.md", "outlet-9", &date(0), "Two bridges", &both);
    full_regroup(&s, "may merge two events", 43);
    assert!(s.marks().is_empty());
}

#[test]
fn removing_the_article_that_held_an_event_together_regroups_in_full() {
    let s = Scratch::new();
    corpus(&s);
    // A tells both stories X and Y; B tells X, C tells Y: one event only through A
    let (x, y) = (story(40, 0), story(41, 0));
    s.write(
        "hold-a.md",
        "outlet-a",
        &date(60),
        "Both",
        &format!("{x} {y}"),
    );
    s.write("hold-b.md", "outlet-b", &date(60), "X", &x);
    s.write("hold-c.md", "outlet-c", &date(60), "Y", &y);
    let (cold, _, _) = s.events();
    assert_eq!(
        event_of(&cold, "hold-a.md"),
        ["hold-a.md", "hold-b.md", "hold-c.md"]
    );
    s.remove("hold-a.md");
    let cached = full_regroup(&s, "lost the article that held it together", 44);
    assert_eq!(event_of(&cached, "hold-b.md"), ["hold-b.md"]);
}

#[test]
fn an_added_copy_of_an_article_runs_duplicate_removal_in_full() {
    let s = Scratch::new();
    corpus(&s);
    s.events();
    // the text of e12 from another outlet: a syndicated copy, both kept and marked
    s.write("copy.md", "outlet-7", &date(12), "Copy", &story(12, 0));
    let (cached, log, full) = s.events();
    assert!(log.contains("is near-identical to"), "{log}");
    same(&cached, &full, "a full regroup");
    let (check, _) = s.ok(&["check", "--format", "json"]);
    assert!(check.contains("a syndicated copy"), "{check}");
}

#[test]
fn a_damaged_or_outdated_grouping_record_is_rebuilt_not_updated() {
    let s = Scratch::new();
    corpus(&s);
    s.events();
    s.write(
        "e08-o3.md",
        "outlet-3",
        &date(8),
        "A new report",
        &story(8, 3),
    );
    // damaged: one byte of the body flipped
    let record = s.grouping_record();
    let mut bytes = std::fs::read(&record).unwrap();
    let at = bytes.len() - 7;
    bytes[at] ^= 0xff;
    std::fs::write(&record, &bytes).unwrap();
    full_regroup(&s, "checksum mismatch", 43);
    // outdated: another format version
    s.remove("e08-o3.md");
    let mut bytes = std::fs::read(&record).unwrap();
    bytes[9] = bytes[9].wrapping_add(1);
    std::fs::write(&record, &bytes).unwrap();
    full_regroup(&s, "format version", 42);
    assert!(s.marks().is_empty());
}
