//! What archives bring (issue 12): dates in newsroom spellings, control characters in front
//! matter, loose articles grouped at scale with the same output on any number of threads.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use framediff::corpus::{self, Corpus, GroupingOptions, LoadOptions, Severity};

fn write(dir: &Path, rel: &str, content: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, content).unwrap();
}

fn article(date: &str, title: &str) -> String {
    format!(
        "---\noutlet: {title}\ntitle: \"{title}\"\ndate: {date}\n---\n\nThe council of {title} met and voted on {date}.\n"
    )
}

fn date_of(c: &Corpus, file: &str) -> Option<NaiveDate> {
    c.events
        .iter()
        .flat_map(|e| &e.articles)
        .find(|a| a.path.parent().unwrap().ends_with(file))
        .unwrap_or_else(|| panic!("{file} not loaded"))
        .date
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn archive_date_spellings_are_read_right_or_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let cases = [
        ("us.md", "4/4/17", ymd(2017, 4, 4)),
        ("us-month-first.md", "3/18/17", ymd(2017, 3, 18)),
        ("dotted.md", "1.3.2025", ymd(2025, 3, 1)),
        ("english.md", "March 12, 2025", ymd(2025, 3, 12)),
        ("english-day-first.md", "12 March 2025", ymd(2025, 3, 12)),
        ("russian.md", "12 марта 2025 г.", ymd(2025, 3, 12)),
        ("russian-may.md", "1 мая 2025 года", ymd(2025, 5, 1)),
        ("nonsense.md", "13/13/13", None),
    ];
    for (file, date, _) in cases {
        write(d, &format!("{file}/a.md"), &article(date, file));
    }
    let c = corpus::load(d);
    for (file, date, want) in cases {
        assert_eq!(date_of(&c, file), want, "{file}: {date}");
        // every spelling that is not ISO 8601 is reported, on the date's line (4)
        let diag = c
            .diagnostics
            .iter()
            .find(|x| x.path.parent().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("no diagnostic for {file}"));
        assert_eq!(diag.line, Some(4), "{file}: {diag:?}");
        assert_eq!(diag.severity, Severity::Warning, "{file}: {diag:?}");
        assert!(diag.message.contains(date), "{file}: {}", diag.message);
    }
    // a year is never read as the year 4 or 17
    for a in c.events.iter().flat_map(|e| &e.articles) {
        if let Some(day) = a.date {
            assert!(day > NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(), "{day}");
        }
    }
}

#[test]
fn a_control_character_in_front_matter_is_stripped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ev/bell.md",
        "---\noutlet: wire\ntitle: \"Council\u{7} votes\"\nauthor: A\u{1b}[31m. Writer\ndate: 2025-03-12\n---\n\nThe council met and voted.\n",
    );
    let c = corpus::load(d);
    assert_eq!(c.article_count(), 1, "{:?}", c.diagnostics);
    let a = &c.events[0].articles[0];
    assert_eq!(a.title, "Council votes");
    assert_eq!(a.author.as_deref(), Some("A. Writer"));
    let lines: Vec<Option<usize>> = c
        .diagnostics
        .iter()
        .filter(|x| x.message.contains("control character"))
        .map(|x| {
            assert_eq!(x.severity, Severity::Warning);
            assert!(x.path.ends_with("bell.md"));
            x.line
        })
        .collect();
    assert_eq!(lines, vec![Some(3), Some(4)]);
}

/// A flat folder of many short articles: the same events whatever the number of threads,
/// and the events whose articles say the same thing are found.
#[test]
fn grouping_a_flat_folder_does_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let places = [
        "Lorca", "Van", "Kobe", "Napa", "Quito", "Sendai", "Izmir", "Padang", "Amatrice", "Bam",
    ];
    for (e, place) in places.iter().enumerate() {
        for o in 0..3 {
            let date = if o == 2 {
                "\"\"".to_string()
            } else {
                format!("2020-0{}-1{o}", 1 + e % 9)
            };
            write(
                d,
                &format!("{place}-{o}.md"),
                &format!(
                    "---\noutlet: outlet-{o}\ntitle: \"Quake hits {place}\"\ndate: {date}\n---\n\nA powerful earthquake struck {place} on Sunday. Rescue teams in {place} searched collapsed buildings; {} people died, officials said.\n",
                    10 + e * 7
                ),
            );
        }
    }
    let load = |threads: usize| {
        let opts = LoadOptions {
            threads,
            grouping: GroupingOptions {
                threads,
                ..GroupingOptions::default()
            },
            ..LoadOptions::default()
        };
        let c = corpus::load_with(d, &opts, &|_| {});
        c.events
            .iter()
            .map(|e| {
                let files: Vec<String> = e
                    .articles
                    .iter()
                    .map(|a| a.path.file_name().unwrap().to_string_lossy().into_owned())
                    .collect();
                format!("{} {}", e.id, files.join(","))
            })
            .collect::<Vec<_>>()
    };
    let one = load(1);
    assert_eq!(load(2), one);
    assert_eq!(load(5), one);
    assert_eq!(one.len(), places.len(), "{one:#?}");
    for line in &one {
        let files: Vec<&str> = line.split(' ').nth(1).unwrap().split(',').collect();
        let place = files[0].split('-').next().unwrap();
        assert!(files.iter().all(|f| f.starts_with(place)), "{line}");
    }
}
