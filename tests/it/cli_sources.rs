//! What makes two outlets' figures one fact, as a user runs `framediff compare` and
//! `framediff pairs`: sums in two currencies, days written relative to the article's date,
//! and passages copied between articles (tester items 13, 17 and 14 of session 15).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn framediff(cache: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_framediff"));
    c.env("FRAMEDIFF_CACHE_DIR", cache)
        .env("XDG_CACHE_HOME", cache)
        .env("XDG_CONFIG_HOME", cache);
    c
}

/// Writes an event folder `ev` of Markdown articles, one per (file, outlet, date, body).
fn event(root: &Path, articles: &[(&str, &str, &str, &str)]) {
    let ev = root.join("ev");
    std::fs::create_dir_all(&ev).expect("mkdir");
    for (file, outlet, date, body) in articles {
        let text = format!("---\noutlet: {outlet}\ndate: {date}\n---\n\n{body}\n");
        std::fs::write(ev.join(file), text).expect("write");
    }
}

/// `framediff compare ev ROOT --format FORMAT`: standard output (the run must succeed).
fn compare(root: &Path, format: &str) -> String {
    let out = framediff(&root.join("cache"))
        .args(["compare", "ev"])
        .arg(root)
        .args(["--format", format])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn sums_in_two_currencies_are_not_one_shared_figure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = framediff(dir.path())
        .args(["pairs", "--reasons"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(
            "The deal is worth €2 million.\tThe deal is worth $2 million.\n\
             The deal is worth £1.2bn.\tThe deal is worth $1.2 billion.\n\
             The deal is worth EUR 2 million.\tThe deal is worth $2 million.\n\
             The deal is worth €2 million.\tThe deal is worth 2 million euros.\n"
                .as_bytes(),
        )
        .expect("written");
    let out = child.wait_with_output().expect("finishes");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let verdicts: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').nth(1).expect("verdict"))
        .collect();
    // never shared, and no number contradiction either: no exchange rate is known
    assert_eq!(
        verdicts,
        ["different", "different", "different", "shared"],
        "{text}"
    );
}

#[test]
fn yesterday_is_read_against_the_articles_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    event(
        dir.path(),
        &[
            (
                "a.md",
                "Alpha",
                "2021-05-21",
                "The truce between the two sides began on Thursday, officials said.",
            ),
            (
                "b.md",
                "Beta",
                "2021-05-24",
                "The truce between the two sides began yesterday, officials said.",
            ),
        ],
    );
    let md = compare(dir.path(), "markdown");
    assert!(
        md.contains("Alpha vs Beta: date: thursday vs yesterday (sunday)"),
        "{md}"
    );
    // yesterday of Friday 21 May is that Thursday: one fact
    std::fs::remove_dir_all(dir.path().join("cache")).ok();
    event(
        dir.path(),
        &[(
            "b.md",
            "Beta",
            "2021-05-21",
            "The truce between the two sides began yesterday, officials said.",
        )],
    );
    let md = compare(dir.path(), "markdown");
    assert!(md.contains("= shared #1"), "{md}");
}

#[test]
fn a_passage_copied_between_two_articles_is_one_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wire = "My client is ensconced in the bosom of that facility right now, Heller argued \
                after a prosecutor objected. She's in rehab right now, her lawyer told the \
                judge. Nothing bad is going to happen, the lawyer said in court. White said he \
                was completely blindsided by the placement at the clinic.";
    event(
        dir.path(),
        &[
            (
                "a.md",
                "Alpha",
                "2013-05-03",
                &format!(
                    "Lindsay Lohan checked into a rehab clinic in Malibu late on Thursday. \
                     {wire} The actress faces a 90-day stay."
                ),
            ),
            (
                "b.md",
                "Beta",
                "2013-05-03",
                &format!(
                    "A judge in Los Angeles heard arguments about the troubled starlet. {wire} \
                     Her next film opens in June."
                ),
            ),
        ],
    );
    let md = compare(dir.path(), "markdown");
    assert!(
        md.contains(
            "copied passage: Alpha, Beta carry the same passage: one source (copied passage)"
        ),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&compare(dir.path(), "json")).expect("valid JSON");
    let clusters = json["clusters"].as_array().expect("clusters");
    let copied = clusters
        .iter()
        .filter(|c| c["copied_passage"] == true)
        .count();
    assert!(copied >= 3, "{json:#}");
    // the summaries count them apart from independent corroboration (tester s16 item 18)
    assert_eq!(
        json["counts"]["shared_through_copies"].as_u64(),
        Some(copied as u64),
        "{json:#}"
    );
    assert!(
        md.contains(&format!(
            "shared ({copied} only through copies of one source)"
        )),
        "{md}"
    );
    let html = compare(dir.path(), "html");
    assert!(
        html.contains(&format!(
            "facts shared by several outlets ({copied} only through copies of one source)"
        )),
        "{html}"
    );
    // the facts only one outlet states are not marked
    assert!(
        clusters
            .iter()
            .filter(|c| c["kind"] == "unique")
            .all(|c| c.get("copied_passage").is_none())
    );
}
