//! Every input format and every kind of bad input, loaded from a real folder on disk.

use crate::common;

use std::fs;
use std::path::Path;

use framediff::corpus::{self, Corpus, Diagnostic, LoadOptions, Severity, TextOrigin};

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, content).unwrap();
}

fn diag_for<'a>(c: &'a Corpus, file: &str) -> Vec<&'a Diagnostic> {
    c.diagnostics
        .iter()
        .filter(|d| d.path.ends_with(file))
        .collect()
}

const GOOD: &str = "---\noutlet: bbc\ntitle: \"Putin: no concessions\"\ndate: 2025-03-19\nlanguage: en\nkind: analysis\n---\n\nPutin made no concessions. He rejected the ceasefire.\n";

#[test]
fn every_format_loads_into_events() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "outlets.toml",
        "[bbc]\nname = \"BBC News\"\ncountry = \"GB\"\nlean = \"public broadcaster\"\n\n[kp]\nname = \"Komsomolskaya Pravda\"\n",
    );
    write(
        d,
        "call/event.toml",
        "title = \"The call\"\ndate = 2025-03-18\nsummary = \"A call.\"\ntags = [\"ukraine\"]\n",
    );
    write(d, "call/bbc.md", GOOD);
    write(
        d,
        "call/kp.md",
        "+++\noutlet = \"kp\"\ntitle = \"A diplomatic win\"\ndate = 2025-03-18\n+++\nRussia has achieved a diplomatic win.\n",
    );
    write(
        d,
        "call/Kyiv Independent.txt",
        "Russia strikes after call\n\nDrones hit energy sites hours after the call.\n",
    );
    write(
        d,
        "call/reuters.json",
        r#"{"outlet":"Reuters","title":"Putin agrees to energy pause","date":"2025-03-18","text":"Putin agreed to a 30-day pause on energy strikes."}"#,
    );
    write(
        d,
        "call/page.html",
        "<html lang=\"en\"><head><title>Energy truce | Wire</title><meta property=\"og:site_name\" content=\"Wire Service\"></head><body><article><p>The Kremlin said Putin ordered the military to stop strikes on energy infrastructure for thirty days after the call with Trump on Tuesday evening.</p><p>Ukraine said it would study the details of the proposal before agreeing to anything, officials in Kyiv told reporters.</p></article></body></html>",
    );
    write(
        d,
        "dump.jsonl",
        concat!(
            "{\"event\":\"jeddah\",\"outlet\":\"reuters\",\"title\":\"Ukraine backs truce\",\"date\":\"2025-03-11\",\"body\":\"Ukraine said it was ready to accept a 30-day ceasefire.\"}\n",
            "{\"event\":\"jeddah\",\"outlet\":\"ria\",\"title\":\"Moscow cautious\",\"date\":\"2025-03-12\",\"body\":\"The Kremlin said it would not get ahead of events.\"}\n",
        ),
    );
    let c = corpus::load(d);
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    assert_eq!(c.events.len(), 2);
    let call = c.find_event("call").expect("call event");
    assert_eq!(call.title, "The call");
    assert_eq!(call.tags, ["ukraine"]);
    assert_eq!(call.date.unwrap().to_string(), "2025-03-18");
    let outlets = call.outlet_ids();
    assert_eq!(
        outlets,
        ["bbc", "kp", "kyiv-independent", "reuters", "wire-service"]
    );
    assert_eq!(c.outlet_name("bbc"), "BBC News");
    assert_eq!(c.outlets["bbc"].lean.as_deref(), Some("public broadcaster"));

    let bbc = &call.articles[0];
    assert_eq!(bbc.title, "Putin: no concessions");
    let TextOrigin::Verbatim { start, end } = bbc.origin else {
        panic!("markdown is verbatim")
    };
    let file = fs::read_to_string(&bbc.path).unwrap();
    assert_eq!(
        &file[start..end],
        bbc.body.as_str(),
        "byte offsets point back into the file"
    );
    assert_eq!(&file[bbc.file_range(0..5)], "Putin");

    let txt = call
        .articles
        .iter()
        .find(|a| a.outlet == "kyiv-independent")
        .unwrap();
    assert_eq!(txt.title, "Russia strikes after call");
    let html = call
        .articles
        .iter()
        .find(|a| a.outlet == "wire-service")
        .unwrap();
    assert!(
        html.body
            .as_str()
            .contains("stop strikes on energy infrastructure")
    );
    assert_eq!(html.origin, TextOrigin::Extracted);

    let jeddah = c.find_event("jeddah").unwrap();
    assert_eq!(jeddah.articles.len(), 2);
    assert!(matches!(
        jeddah.articles[0].origin,
        TextOrigin::Field { line: 1, .. }
    ));
}

#[test]
fn bad_input_is_reported_and_the_rest_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ev/good.md", GOOD);
    // broken front matter (YAML syntax error on line 3)
    write(
        d,
        "ev/broken.md",
        "---\noutlet: kp\ntitle: [oops\ndate: 2025-03-18\n---\nText.\n",
    );
    // front matter never closed
    write(
        d,
        "ev/unclosed.md",
        "---\noutlet: kp\ntitle: x\nText without a closing fence.\n",
    );
    // invalid UTF-8 on line 6: decoded lossily, with a warning
    let mut bad =
        b"---\noutlet: izvestia\ntitle: T\n---\nFirst line fine.\nSecond \xff\xfe line.\n".to_vec();
    bad.extend_from_slice(b"More text.\n");
    write(d, "ev/latin.md", bad);
    // binary file
    write(
        d,
        "ev/image.txt",
        [0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2],
    );
    // empty body
    write(
        d,
        "ev/empty.md",
        "---\noutlet: tass\ntitle: Nothing\n---\n\n\n",
    );
    // unknown key and odd date
    write(
        d,
        "ev/odd.md",
        "---\noutlet: fox\ntitle: T\ndate: 18 March 2025\nmood: grim\n---\nTrump said the call was very good.\n",
    );
    // unparseable date
    write(
        d,
        "ev/nodate.md",
        "---\noutlet: cnn\ntitle: T\ndate: last Tuesday\n---\nText here.\n",
    );
    // two articles claiming the same outlet
    write(
        d,
        "ev/bbc-second.md",
        GOOD.replace("Putin made", "Putin again made"),
    );
    // huge file (over a small limit set below)
    write(
        d,
        "ev/huge.md",
        format!(
            "---\noutlet: big\ntitle: Big\n---\n{}",
            "word ".repeat(5000)
        ),
    );
    // unsupported extension
    write(d, "ev/notes.pdf", "%PDF-1.4");
    // a broken symlink (unreadable) and a symlink loop
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("ev/missing.md"), d.join("ev/dangling.md")).unwrap();
        std::os::unix::fs::symlink(d, d.join("ev/loop")).unwrap();
    }
    // malformed event.toml and outlets.toml
    write(d, "ev/event.toml", "title = \"Ev\"\ncolour = \"red\"\n");
    write(d, "outlets.toml", "[bbc\nname = \"BBC\"\n");

    let opts = LoadOptions {
        max_file_bytes: 10_000,
        ..LoadOptions::default()
    };
    let c = corpus::load_with(d, &opts, &|_| {});
    for dg in &c.diagnostics {
        println!("{dg}");
    }

    let ev = c.find_event("ev").expect("event still loads");
    let loaded: Vec<String> = ev
        .articles
        .iter()
        .map(|a| a.path.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for name in [
        "good.md",
        "latin.md",
        "odd.md",
        "nodate.md",
        "bbc-second.md",
    ] {
        assert!(
            loaded.contains(&name.to_string()),
            "{name} should load: {loaded:?}"
        );
    }
    for name in [
        "broken.md",
        "unclosed.md",
        "image.txt",
        "empty.md",
        "huge.md",
        "notes.pdf",
        "dangling.md",
    ] {
        assert!(
            !loaded.contains(&name.to_string()),
            "{name} should be skipped"
        );
    }

    let one = |file: &str, sev: Severity, needle: &str, line: Option<usize>| {
        let ds = diag_for(&c, file);
        let hit = ds.iter().find(|d| d.message.contains(needle));
        let hit =
            hit.unwrap_or_else(|| panic!("{file}: no diagnostic containing {needle:?}: {ds:?}"));
        assert_eq!(hit.severity, sev, "{hit}");
        if line.is_some() {
            assert_eq!(hit.line, line, "{hit}");
        }
    };
    one("broken.md", Severity::Error, "not valid YAML", None);
    let broken_line = diag_for(&c, "broken.md")[0].line.unwrap();
    assert!(
        (3..=4).contains(&broken_line),
        "the parser stops at the bad line or the next: {broken_line}"
    );
    one("unclosed.md", Severity::Error, "never closed", Some(1));
    one("latin.md", Severity::Warning, "not valid UTF-8", Some(6));
    one("image.txt", Severity::Error, "binary", None);
    one("empty.md", Severity::Error, "empty body", Some(5));
    one(
        "odd.md",
        Severity::Warning,
        "not in YYYY-MM-DD form; read as 2025-03-18",
        Some(4),
    );
    one("odd.md", Severity::Warning, "unknown key 'mood'", Some(5));
    one("nodate.md", Severity::Warning, "not understood", Some(4));
    assert!(
        c.diagnostics.iter().any(|d| d.severity == Severity::Warning
            && d.message.contains("two articles claim outlet 'bbc'")
            && (d.path.ends_with("bbc-second.md") || d.path.ends_with("good.md"))),
        "duplicate outlet warned"
    );
    one("huge.md", Severity::Error, "over the", None);
    one(
        "notes.pdf",
        Severity::Warning,
        "not an article format",
        None,
    );
    // an unknown key costs only itself: the title is still read
    one(
        "event.toml",
        Severity::Warning,
        "unknown key 'colour'",
        Some(2),
    );
    assert_eq!(ev.title, "Ev");
    one(
        "outlets.toml",
        Severity::Error,
        "outlets.toml is not valid",
        Some(1),
    );
    #[cfg(unix)]
    {
        one("dangling.md", Severity::Error, "broken symbolic link", None);
        one("loop", Severity::Error, "symbolic link loop", None);
    }

    let latin = ev
        .articles
        .iter()
        .find(|a| a.path.ends_with("latin.md"))
        .unwrap();
    assert!(latin.body.as_str().contains('\u{FFFD}') && latin.body.as_str().contains("More text."));
    let odd = ev
        .articles
        .iter()
        .find(|a| a.path.ends_with("odd.md"))
        .unwrap();
    assert_eq!(odd.extra.get("mood").map(String::as_str), Some("grim"));
    assert!(c.has_errors());
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ev/good.md", GOOD);
    write(d, "ev/secret.md", GOOD);
    fs::set_permissions(d.join("ev/secret.md"), fs::Permissions::from_mode(0o000)).unwrap();
    // A directory named like an article cannot be read as a file either.
    fs::create_dir_all(d.join("ev/folder.md/inner")).unwrap();
    let c = corpus::load(d);
    let root = fs::read(d.join("ev/secret.md")).is_ok(); // root can read anything
    if !root {
        let ds = diag_for(&c, "secret.md");
        assert!(
            ds.iter().any(|d| d.message.contains("cannot be read")),
            "{ds:?}"
        );
    }
    assert!(c.find_event("ev").is_some());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ev/good.md", GOOD);
    let status = std::process::Command::new("mkfifo")
        .arg(d.join("ev/pipe.md"))
        .status();
    if !status.map(|s| s.success()).unwrap_or(false) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    let c = corpus::load(d);
    let ds = diag_for(&c, "pipe.md");
    assert!(
        ds.iter().any(|d| d.message.contains("not a regular file")),
        "{ds:?}"
    );
    assert_eq!(c.article_count(), 1);
}

#[test]
fn missing_path_is_an_error_not_a_panic() {
    let c = corpus::load(Path::new("/definitely/not/here"));
    assert!(c.has_errors());
    assert!(c.events.is_empty());
}

#[test]
fn a_single_jsonl_file_without_events_is_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("dump.jsonl");
    fs::write(&f, concat!(
        "{\"outlet\":\"bbc\",\"title\":\"Putin rejects full ceasefire\",\"date\":\"2025-03-19\",\"body\":\"Putin rejected the full ceasefire in the call with Trump but agreed to pause energy strikes.\"}\n",
        "{\"outlet\":\"kp\",\"title\":\"Putin and Trump call a win\",\"date\":\"2025-03-18\",\"body\":\"The call between Putin and Trump ended with a pause on energy strikes, a win.\"}\n",
        "{\"outlet\":\"bbc\",\"title\":\"Floods in Spain\",\"date\":\"2025-03-20\",\"body\":\"Heavy rain flooded towns in Valencia and rescue teams evacuated residents.\"}\n",
    )).unwrap();
    let c = corpus::load(&f);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    assert_eq!(c.events.len(), 2);
    assert!(c.events.iter().any(|e| e.articles.len() == 2));
}

#[test]
#[ignore = "needs ../shared/data/basil-dev: cargo test -- --ignored shared_data_"]
fn shared_data_basil_opens_directly_with_gold_annotations() {
    let basil = common::shared_data("basil-dev");
    let c = corpus::load(&basil);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    assert_eq!(c.events.len(), 50);
    for e in &c.events {
        assert_eq!(
            e.outlet_ids(),
            ["fox-news", "huffpost", "new-york-times"],
            "{}",
            e.id
        );
        assert!(!e.title.is_empty());
    }
    let sentences: usize = c
        .events
        .iter()
        .flat_map(|e| &e.articles)
        .map(|a| a.gold.as_ref().map_or(0, |g| g.sentences.len()))
        .sum();
    assert_eq!(sentences, 3765, "gold sentences as documented");
    let spans: Vec<_> = c
        .events
        .iter()
        .flat_map(|e| &e.articles)
        .flat_map(|a| &a.gold.as_ref().unwrap().spans)
        .collect();
    let lex = spans
        .iter()
        .filter(|s| s.bias == corpus::BiasKind::Lexical)
        .count();
    let inf = spans
        .iter()
        .filter(|s| s.bias == corpus::BiasKind::Informational)
        .count();
    assert_eq!((lex, inf), (240, 510));
    // Span offsets point at the annotated text.
    let mut checked = 0;
    for a in c.events.iter().flat_map(|e| &e.articles) {
        for s in &a.gold.as_ref().unwrap().spans {
            let base = if s.sentence.is_some() {
                a.body.as_str()
            } else {
                &a.title
            };
            if base
                .get(s.range.clone())
                .is_some_and(|t| t.trim() == s.text.trim())
            {
                checked += 1;
            }
        }
    }
    assert!(
        checked as f64 >= 0.95 * spans.len() as f64,
        "{checked} of {} spans line up",
        spans.len()
    );
}

#[test]
fn sample_corpus_is_clean() {
    let c = corpus::load(&common::repo().join("corpus"));
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    assert!(c.events.len() >= 2);
    let call = c.find_event("2025-03-18-trump-putin-call").unwrap();
    assert!(call.articles.len() >= 7);
    for want in [
        "bbc",
        "izvestia",
        "izvestia-ru",
        "kp",
        "white-house-readout",
        "kremlin-readout",
        "fox-news",
        "kyiv-independent",
    ] {
        assert!(call.outlet_ids().contains(&want), "{want} missing");
    }
    assert!(
        call.articles
            .iter()
            .any(|a| a.language.as_deref() == Some("ru"))
    );
    for a in &call.articles {
        let words = a.body.as_str().split_whitespace().count();
        assert!(
            (300..=800).contains(&words),
            "{}: {words} words",
            a.path.display()
        );
    }
}

#[test]
fn json_lines_stream_with_a_limit_per_record_not_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let record = |outlet: &str, i: usize| {
        format!(
            "{{\"outlet\":\"{outlet}\",\"event\":\"event-{i}\",\"title\":\"Story {i}\",\"body\":\"Officials said the talks would continue on day {i}.\"}}\n"
        )
    };
    // 200 KB of small records (20 times the per-record limit, and over the old whole-file
    // cap of 64 times it, 640 KB, once the big line is in), with one 1 MB record on line 3.
    let mut text = record("bbc", 1) + &record("tass", 2);
    text.push_str(&format!(
        "{{\"outlet\":\"huge\",\"event\":\"dump-event\",\"body\":\"{}\"}}\n",
        "word ".repeat(200_000)
    ));
    for i in 0..1500 {
        text.push_str(&record(if i % 2 == 0 { "kp" } else { "ria" }, i));
    }
    write(d, "dump.jsonl", &text);
    let plain = LoadOptions {
        max_file_bytes: 10_000,
        ..LoadOptions::default()
    };
    // the same with the persistent cache on, cold then warm: a dump over the limit is
    // streamed (never read whole for the cache's key) and replayed the same
    let cache_dir = tempfile::tempdir().unwrap();
    let cached = LoadOptions {
        cache: Some(cache_dir.path().to_path_buf()),
        ..plain.clone()
    };
    for opts in [&plain, &cached, &cached] {
        dump_loads_but_the_big_record(d, opts);
    }
}

fn dump_loads_but_the_big_record(d: &std::path::Path, opts: &LoadOptions) {
    let c = corpus::load_with(d, opts, &|_| {});
    let diags: Vec<&Diagnostic> = diag_for(&c, "dump.jsonl")
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(diags.len(), 1, "{:?}", diags.first());
    assert_eq!(
        diags[0].line,
        Some(3),
        "the big record is named by its line"
    );
    assert!(
        diags[0]
            .message
            .contains("record is 976.6 KB, over the 9.8 KB limit for one record"),
        "{}",
        diags[0].message
    );
    assert_eq!(c.article_count(), 1502, "every other record loads");
}

#[cfg(unix)]
#[test]
fn folder_names_that_are_not_utf8_stay_apart_and_print_escaped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, outlet) in [(&b"ev\xe9"[..], "bbc"), (&b"ev\xe8"[..], "tass")] {
        let ev = d.join(OsStr::from_bytes(name));
        fs::create_dir_all(&ev).unwrap();
        fs::write(
            ev.join(format!("{outlet}.md")),
            "---\ntitle: T\n---\nOfficials said the talks would continue.\n",
        )
        .unwrap();
    }
    let c = corpus::load(d);
    let mut ids: Vec<&str> = c.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, [r"ev\xe8", r"ev\xe9"], "two folders, two events");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_framediff"))
        .arg("events")
        .arg(d)
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout.clone()).is_ok_and(|s| s.contains(r"ev\xe9")),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn an_outlets_toml_entry_that_matches_no_outlet_is_named_with_the_outlet_ids() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "outlets.toml",
        "[nbc]\nname = \"NBC News\"\nlean = \"left\"\n\n[fox-business]\nname = \"Fox Business\"\n",
    );
    write(
        d,
        "ev/nbc.md",
        "---\noutlet: \"NBC News (Online)\"\ntitle: Claims fall\n---\n\nClaims fell to 293,000.\n",
    );
    write(
        d,
        "ev/fox-business.txt",
        "Claims fall\n\nClaims fell last week.\n",
    );
    let c = corpus::load(d);
    let w = diag_for(&c, "outlets.toml");
    assert_eq!(w.len(), 1, "{:?}", c.diagnostics);
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(w[0].line, Some(1));
    assert!(
        w[0].message.starts_with(
            "[nbc] matches no outlet of the corpus, so it is not used (outlets: fox-business, \
             nbc-news-online)"
        ),
        "{}",
        w[0].message
    );
}

#[test]
fn event_toml_warnings_come_in_line_order_and_name_the_date_used_instead() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ev1/event.toml",
        "title = 3\ndate = \"yesterday\"\nbogus = true\n",
    );
    write(
        d,
        "ev1/a.md",
        "---\noutlet: a\ntitle: T\ndate: 2021-10-18\n---\n\nPowell died on Monday.\n",
    );
    write(
        d,
        "2021-10-19-ev2/event.toml",
        "title = \"Second\"\ndate = \"soon\"\n",
    );
    write(
        d,
        "2021-10-19-ev2/b.md",
        "---\noutlet: b\ntitle: T\ndate: 2021-10-20\n---\n\nThe bridge opened.\n",
    );
    let c = corpus::load(d);
    let w = diag_for(&c, "ev1/event.toml");
    let lines: Vec<Option<usize>> = w.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(1), Some(2), Some(3)], "{w:?}");
    assert!(
        w[1].message
            .ends_with("not understood (expected YYYY-MM-DD); using the articles' date 2021-10-18"),
        "{}",
        w[1].message
    );
    let w = diag_for(&c, "2021-10-19-ev2/event.toml");
    assert!(
        w[0].message
            .ends_with("using the folder name's date 2021-10-19"),
        "{w:?}"
    );
}

/// Item 1 (tester 7): reports exported into the corpus (the default `framediff-exports`
/// folder, or any folder) are not read back as articles, and make one note, not one per file.
#[test]
fn framediff_reports_inside_the_corpus_are_not_read_as_articles() {
    use framediff::analysis::{CompareOptions, compare};
    use framediff::report::{Format, render};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ev/bbc.md", GOOD);
    write(
        d,
        "ev/kp.md",
        "---\noutlet: kp\ntitle: Talks\n---\n\nPutin made no concessions at the talks. The ceasefire was rejected.\n",
    );
    let before = corpus::load(d);
    let ev = before.events[0].clone();
    let cmp = compare(&ev, &CompareOptions::default());
    for (sub, ext, format) in [
        ("framediff-exports", "md", Format::Markdown),
        ("framediff-exports", "json", Format::Json),
        ("ev/newsub", "md", Format::Markdown),
        ("ev/newsub", "html", Format::Html),
        ("ev/newsub", "json", Format::Json),
    ] {
        write(d, &format!("{sub}/ev.{ext}"), render(&cmp, &ev, format));
    }
    let after = corpus::load(d);
    let articles = |c: &Corpus| c.events.iter().map(|e| e.articles.len()).sum::<usize>();
    assert_eq!(
        after.events.len(),
        before.events.len(),
        "{:?}",
        after.events
    );
    assert_eq!(articles(&after), articles(&before));
    let notes: Vec<&Diagnostic> = after
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("framediff"))
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].path.ends_with("framediff-exports"), "{notes:?}");
    assert!(notes[1].path.ends_with("ev/newsub/ev.html"), "{notes:?}");
    assert!(notes[1].message.contains("2 others"), "{notes:?}");
    assert_eq!(after.diagnostics.len(), 2, "{:?}", after.diagnostics);
}

/// A JSON Lines file of reports (`compare --all --format json`) is skipped the same way.
#[test]
fn a_json_lines_file_of_reports_is_one_note() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ev/bbc.md", GOOD);
    let line =
        "{\"schema\":\"framediff.comparison/1\",\"backend\":\"x\",\"event\":{\"id\":\"e\"}}\n";
    write(d, "all.jsonl", line.repeat(3));
    let c = corpus::load(d);
    assert_eq!(c.diagnostics.len(), 1, "{:?}", c.diagnostics);
    assert!(
        c.diagnostics[0]
            .message
            .starts_with("this file is a framediff report")
    );
}

/// Item 5 (tester 7): reader comments, the cookie banner and the author bio of an article page
/// are not the outlet's text; the "| Site" suffix of the title is cut.
#[test]
fn html_comments_cookie_banner_and_author_bio_are_not_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ev/page.html",
        "<!DOCTYPE html><html lang=\"en\"><head><title>Church fire: Palin apologises | The Daily \
         Example</title><meta property=\"og:site_name\" content=\"The Daily Example\"></head><body>\
         <div id=\"cookie\">We use cookies to improve your experience. Accept all cookies?</div>\
         <main><article><h1>Church fire: Palin apologises</h1>\
         <p>An arson fire badly damaged the Wasilla Bible Church on Friday night, fire officials said.</p>\
         <p>Damage was estimated at $1 million. No one was hurt in the blaze, the officials added.</p>\
         <p>Governor Sarah Palin apologised to the church on Saturday for the trouble it had seen.</p>\
         <div class=\"author-bio\">Jane Reporter has covered Alaska politics for ten years.</div>\
         <div class=\"byline-box\"><a rel=\"author\" href=\"/jane\">Jane Reporter</a> writes about \
         Alaska and its governors.</div></article>\
         <section id=\"comments\"><h2>Comments (2)</h2><div class=\"comment\"><p>This is a \
         disgrace, the media caused this fire.</p></div></section></main></body></html>",
    );
    let c = corpus::load(d);
    let a = &c.events[0].articles[0];
    let body = a.body.as_str();
    assert!(body.contains("Wasilla Bible Church"), "{body}");
    assert!(body.contains("apologised to the church"), "{body}");
    for gone in [
        "cookies",
        "Jane Reporter",
        "Comments",
        "disgrace",
        "writes about",
    ] {
        assert!(!body.contains(gone), "{gone}: {body}");
    }
    assert_eq!(a.title, "Church fire: Palin apologises");
}

/// Items 7 and 8 (tester 7): a JSON body of HTML is read like a page; NewsAPI's object
/// `source`, `publishedAt` and "[+N chars]"; a list body; WordPress's `content.rendered`.
#[test]
fn json_html_bodies_and_news_api_records_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "ev/a.json",
        r#"{"outlet":"Scraped Wire","date":"2008-12-13","body":"<p>An arson fire damaged the <a href=\"/x\">Wasilla Bible Church</a> on Friday night.</p><p>Damage was estimated at $1 million.&nbsp;No one was hurt.</p><div class=\"ad\">Advertisement</div>"}"#,
    );
    write(
        d,
        "ev/b.json",
        r#"{"source":{"id":null,"name":"NewsAPI Outlet"},"publishedAt":"2008-12-13T10:00:00Z","title":"Fire","content":"An arson fire damaged the Wasilla Bible Church on Friday night. Damage was estimated… [+1234 chars]"}"#,
    );
    write(
        d,
        "ev/c.json",
        r#"{"outlet":"ListBody","date":"2008-12-13","body":["An arson fire damaged the church.","Damage was estimated at $1 million."]}"#,
    );
    write(
        d,
        "ev/e.json",
        r#"{"outlet":"Nested","date":"2008-12-13","title":{"rendered":"Church &amp; fire"},"content":{"rendered":"<p>An arson fire damaged the church.</p>"}}"#,
    );
    let c = corpus::load(d);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let ev = &c.events[0];
    let by = |o: &str| ev.articles.iter().find(|a| a.outlet == o).unwrap();
    assert_eq!(
        by("scraped-wire").body.as_str(),
        "An arson fire damaged the Wasilla Bible Church on Friday night.\n\nDamage was estimated at $1 million. No one was hurt."
    );
    let api = by("newsapi-outlet");
    assert_eq!(c.outlet_name("newsapi-outlet"), "NewsAPI Outlet");
    assert_eq!(
        api.date.map(|d| d.to_string()).as_deref(),
        Some("2008-12-13")
    );
    // the sentence the mark cut off is left out with it (tester s16 item 19)
    assert_eq!(
        api.body.as_str(),
        "An arson fire damaged the Wasilla Bible Church on Friday night."
    );
    assert_eq!(
        by("listbody").body.as_str(),
        "An arson fire damaged the church.\n\nDamage was estimated at $1 million."
    );
    let wp = by("nested");
    assert_eq!(wp.body.as_str(), "An arson fire damaged the church.");
    assert_eq!(wp.title, "Church & fire");
}

/// Item 11 (tester 7): a JSON Lines record naming an event folder joins that event.
#[test]
fn a_record_naming_an_event_folder_joins_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "2025-03-19-talks/bbc.md", GOOD);
    write(
        d,
        "dump.jsonl",
        "{\"outlet\":\"Alaska Public Media\",\"event\":\"2025-03-19-talks\",\"body\":\"Putin rejected the ceasefire at the talks.\"}\n",
    );
    let c = corpus::load(d);
    assert_eq!(c.events.len(), 1, "{:?}", c.events);
    assert_eq!(c.events[0].articles.len(), 2);
}

/// Item 27 (tester 7): a NeuS / AllSides story file gets one hint, not a warning per key.
#[test]
fn a_neus_story_file_gets_one_hint() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let story = r#"{"id": 2, "issue": "X", "topic": "T", "roundup": ["r"], "news": {"left": {"newsSource": "A", "newBody": "['a']"}, "right": {"newsSource": "B", "newBody": "['b']"}}}"#;
    write(d, "stories.jsonl", format!("{story}\n{story}\n{story}\n"));
    let c = corpus::load(d);
    assert_eq!(c.diagnostics.len(), 1, "{:?}", c.diagnostics);
    assert!(c.diagnostics[0].message.contains("framediff eval neus"));
}

/// Item 30 (tester 7): two outlets of one event with the same display name are warned about.
#[test]
fn two_outlets_with_one_name_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "outlets.toml",
        "[src2]\nname = \"BBC\"\n[bbc]\nname = \"BBC\"\n",
    );
    write(d, "ev/bbc.md", GOOD);
    write(
        d,
        "ev/src2.md",
        "Putin rejected the ceasefire at the talks on Tuesday.\n",
    );
    let c = corpus::load(d);
    let same: Vec<&Diagnostic> = c
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("same name"))
        .collect();
    assert_eq!(same.len(), 1, "{:?}", c.diagnostics);
    assert!(same[0].message.contains("'bbc' and 'src2'"), "{}", same[0]);
}

/// Item 34 (tester 7): automatic event ids are ASCII slugs.
#[test]
fn automatic_event_ids_have_no_quotes_or_dots() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.md",
        "---\noutlet: a\ntitle: \"Taiwan won't be forced to bow, U.S. says\"\ndate: 2021-10-10\n---\n\nTaiwan won't be forced to bow to China, the president said.\n",
    );
    let c = corpus::load(d);
    let id = &c.events[0].id;
    assert!(
        id.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{id}"
    );
    assert!(id.contains("taiwan-wont-be-forced"), "{id}");
}
