//! Whole events as a new user wrote them (session 16 tester's corpora, in our own words):
//! loaded from files the way the app loads a corpus and compared, so that the dates the
//! loader reads and the clusters `compare` makes are checked together.

use std::fs;
use std::path::Path;

use framediff::analysis::{self, ClusterKind, CompareOptions, Comparison};
use framediff::corpus::{self, Corpus, LoadOptions};

fn write(dir: &Path, name: &str, outlet: &str, date: &str, body: &str) {
    let text = format!("---\noutlet: {outlet}\ndate: {date}\n---\n\n{body}\n");
    fs::write(dir.join(name), text).expect("write");
}

fn load(dir: &Path) -> Corpus {
    let opts = LoadOptions {
        threads: 1,
        ..LoadOptions::default()
    };
    corpus::load_with(dir, &opts, &|_| {})
}

fn compare_one(c: &Corpus) -> Comparison {
    assert_eq!(c.events.len(), 1, "{:?}", c.diagnostics);
    analysis::compare(&c.events[0], &CompareOptions::for_corpus(c))
}

/// The clusters of `kind` holding a claim of each of the outlets.
fn joint(cmp: &Comparison, kind: ClusterKind, outlets: &[&str]) -> usize {
    cmp.clusters
        .iter()
        .filter(|c| c.kind == kind)
        .filter(|c| {
            outlets
                .iter()
                .all(|o| c.members.iter().any(|&m| cmp.claims[m].outlet == *o))
        })
        .count()
}

/// The Powell obituary sentence with a relative day.
const POWELL_TODAY: &str =
    "Colin Powell died today at Walter Reed National Military Medical Center at the age of 84.";

/// A corpus with one event folder `powell` holding the wire's dated "on Monday" version.
fn powell_event() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ev = dir.path().join("powell");
    fs::create_dir(&ev).expect("mkdir");
    let monday = POWELL_TODAY.replace("today", "on Monday");
    write(&ev, "a.md", "wire", "2021-10-18", &monday);
    (dir, ev)
}

// tester item 8: 20:30 EDT on Monday and 00:30 UTC on Tuesday are one instant; "today" in
// two copies of one sentence published then is one day, and "on Monday" agrees with both
#[test]
fn today_in_a_utc_dated_copy_may_be_the_writers_day_before() {
    let (dir, ev) = powell_event();
    write(
        &ev,
        "b.md",
        "radio",
        "2021-10-18T20:30:00-04:00",
        POWELL_TODAY,
    );
    write(&ev, "c.md", "feed", "2021-10-19T00:30:00Z", POWELL_TODAY);
    let cmp = compare_one(&load(dir.path()));
    assert_eq!(joint(&cmp, ClusterKind::Contrasting, &["radio", "feed"]), 0);
    assert_eq!(joint(&cmp, ClusterKind::Contrasting, &["wire", "feed"]), 0);
    assert_eq!(
        joint(&cmp, ClusterKind::Shared, &["wire", "radio", "feed"]),
        1
    );
}

// ... while a local time of the next day is that day: Tuesday's "today" is not Monday
#[test]
fn today_in_a_copy_dated_by_its_own_clock_is_that_day() {
    let (dir, ev) = powell_event();
    write(
        &ev,
        "c.md",
        "feed",
        "2021-10-19T09:30:00+02:00",
        POWELL_TODAY,
    );
    let cmp = compare_one(&load(dir.path()));
    assert_eq!(joint(&cmp, ClusterKind::Contrasting, &["wire", "feed"]), 1);
}

// tester item 5: one numeral in two currencies is no shared fact in a four-outlet event
// either, where other outlets give other sums of the same deal
#[test]
fn one_numeral_in_two_currencies_shares_no_cluster_among_several_outlets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ev = dir.path().join("transfer");
    fs::create_dir(&ev).expect("mkdir");
    let deal = |sum: &str| {
        format!(
            "Lionel Messi has signed a two-year contract with Paris St-Germain worth {sum} \
             million a year after tax.\n\nThe Argentine forward left Barcelona after 21 years \
             at the club."
        )
    };
    write(&ev, "a.md", "bbc", "2021-08-10", &deal("€35"));
    write(&ev, "b.md", "espn", "2021-08-10", &deal("$35"));
    write(&ev, "c.md", "guardian", "2021-08-10", &deal("£30"));
    write(&ev, "d.md", "reuters", "2021-08-10", &deal("€25"));
    let cmp = compare_one(&load(dir.path()));
    let sums =
        |c: &&analysis::Cluster| c.members.iter().any(|&m| cmp.claims[m].text.contains("35"));
    let both = cmp.clusters.iter().filter(sums).any(|c| {
        let has = |s: &str| c.members.iter().any(|&m| cmp.claims[m].text.contains(s));
        c.kind == ClusterKind::Shared && has("€35") && has("$35")
    });
    assert!(!both, "{:#?}", cmp.clusters);
    // the sentence all four give alike is still one shared fact
    assert_eq!(
        joint(
            &cmp,
            ClusterKind::Shared,
            &["bbc", "espn", "guardian", "reuters"]
        ),
        1
    );
}
