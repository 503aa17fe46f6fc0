//! `framediff compare` and `framediff pairs` as a user runs them.

use std::io::Write;
use std::process::{Command, Stdio};

const EVENT: &str = "2025-03-18-trump-putin-call";

fn framediff() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_framediff"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn compare(args: &[&str]) -> (bool, Vec<u8>, String) {
    let out = framediff()
        .args(["compare", EVENT])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.success(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn json_is_deterministic_and_keeps_the_contract() {
    let (ok, a, err) = compare(&["--format", "json"]);
    assert!(ok, "{err}");
    let (_, b, _) = compare(&["--format", "json"]);
    assert_eq!(a, b, "same corpus, byte-identical output");
    let doc: serde_json::Value = serde_json::from_slice(&a).expect("valid JSON");
    assert_eq!(doc["schema"], "framediff.comparison/1");
    let clusters = doc["clusters"].as_array().expect("clusters array");
    assert!(!clusters.is_empty());
    for c in clusters {
        let kind = c["kind"].as_str().expect("kind");
        assert!(["shared", "contrasting", "unique"].contains(&kind));
        assert!(c["reasons"].as_array().is_some_and(|r| !r.is_empty()));
        for m in c["members"].as_array().expect("members") {
            for key in ["outlet", "text", "path"] {
                assert!(m[key].is_string(), "{key}");
            }
            let (s, e) = (
                m["start"].as_u64().expect("start"),
                m["end"].as_u64().expect("end"),
            );
            assert!(s < e);
        }
    }
    assert!(clusters.iter().any(|c| c["kind"] == "contrasting"));
}

#[test]
fn outlets_filter_markdown_and_html() {
    let (ok, md, err) = compare(&["--outlets", "kp,bbc", "--format", "markdown"]);
    assert!(ok, "{err}");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(md.starts_with("# "));
    assert!(
        md.contains("| outlet | name | headline | claims |"),
        "every column of the outlets table is labelled"
    );
    assert!(md.contains("| kp |") && md.contains("| bbc |"));
    assert!(!md.contains("| fox-news |"));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("call.html");
    let file_s = file.to_string_lossy().into_owned();
    let (ok, out, err) = compare(&["--format", "html", "-o", &file_s]);
    assert!(ok, "{err}");
    assert!(out.is_empty());
    let html = std::fs::read_to_string(&file).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("class=\"claim contrasting\""));
    assert!(!html.contains("<script") && !html.contains("src=\"http"));
}

#[test]
fn unknown_event_or_outlet_is_an_error_with_a_hint() {
    let out = framediff()
        .args(["compare", "no-such-event"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "documented: EVENT naming no event"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains(EVENT));
    let out = framediff()
        .args(["compare", "2025-03"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "documented: EVENT naming several"
    );
    let (ok, _, err) = compare(&["--outlets", "nobody"]);
    assert!(!ok);
    assert!(err.contains("nobody") && err.contains("bbc"), "{err}");
}

/// `framediff pairs ARGS` with `input` on stdin: its standard output (the run must succeed).
fn pairs(args: &[&str], input: &str) -> String {
    let mut child = framediff()
        .arg("pairs")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("finishes");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn pairs_reads_stdin_and_answers_in_order() {
    let input = "A man is playing a guitar\tA man is not playing a guitar\n\
                 Putin rejected the unconditional ceasefire\tThe unconditional ceasefire was rejected by Putin\n\
                 The dog runs in the park\tStocks fell sharply in Tokyo on Monday\n";
    let text = pairs(&[], input);
    let verdicts: Vec<&str> = text
        .lines()
        .map(|l| {
            let (sim, v) = l.split_once('\t').expect("two fields");
            let s: f32 = sim.parse().expect("similarity");
            assert!((0.0..=1.0).contains(&s));
            v
        })
        .collect();
    assert_eq!(verdicts, ["contrasting", "shared", "different"]);
}

/// Tester report 18, item 22h: an empty line and a line with two TABs are said on stderr
/// with their line number, like a line without a TAB, and make the exit status 1; every line
/// still gets its answer, in order (a line without a TAB `-<TAB>error`).
#[test]
fn pairs_says_which_lines_are_empty_or_have_several_tabs() {
    let mut child = framediff()
        .arg("pairs")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let input = "A cat sat.\tA cat sat.\n\nA\tB\tC\nObama met Putin in Moscow.\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("finishes");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("line 2: empty"), "{err}");
    assert!(err.contains("line 3: 2 TABs"), "{err}");
    assert!(err.contains("line 4: no TAB"), "{err}");
    assert!(!err.contains("line 1"), "{err}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    // a line without a TAB is no pair: no score (tester report 21, finding 8)
    assert_eq!(lines[3], "-\terror", "{text}");
    assert!(lines[2].ends_with("\tdifferent"), "{text}");
}

#[test]
fn pairs_can_explain_its_verdicts() {
    let text = pairs(
        &["--reasons"],
        "A 30-day ceasefire was agreed on Tuesday\tA 60-day ceasefire was agreed on Tuesday\n",
    );
    let cols: Vec<&str> = text.trim_end().split('\t').collect();
    assert_eq!(cols.len(), 3, "{text}");
    assert_eq!(cols[1], "contrasting");
    assert!(cols[2].contains("number: 30-day vs 60-day"), "{text}");
}

/// "90 minutes" and "2.5 hours" share no word, so two sentences alone score under the
/// contrast bar while the paraphrase model reads one proposition: the figures decide. (A new
/// user found these two called `shared`.)
#[test]
fn pairs_contrasts_durations_that_disagree_across_units() {
    let text = pairs(
        &["--reasons"],
        "The call lasted about 90 minutes.\tThe call lasted two and a half hours.\n\
         The call lasted 90 minutes.\tThe call lasted 2.5 hours.\n\
         The call lasted roughly 90 minutes.\tThe call lasted more than two hours.\n",
    );
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{text}");
    // (IDF over these three pairs puts the second one under the contrast bar)
    assert_eq!(rows[1][1], "contrasting", "{text}");
    assert!(
        rows[1][2].contains("number: 90 minutes vs 2.5 hours"),
        "{text}"
    );
    assert!(rows.iter().all(|r| r[1] != "shared"), "{text}");
}

/// A title that spells terminal sequences as `\u001b…` escapes, in a Markdown front matter
/// file and in a `.json` article: the Markdown and HTML reports drop each sequence whole,
/// payload included (not only the ESC byte), as the terminal outputs do.
#[test]
fn escaped_terminal_sequences_in_titles_are_dropped_whole_in_every_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ev = dir.path().join("ev");
    std::fs::create_dir(&ev).expect("mkdir");
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/2025-03-11-jeddah-talks");
    for f in ["event.toml", "reuters.md", "fox-news.md"] {
        std::fs::copy(src.join(f), ev.join(f)).expect("copy");
    }
    let reuters = std::fs::read_to_string(src.join("reuters.md")).expect("read");
    let body = reuters.splitn(3, "---").nth(2).expect("body");
    let evil = r"Evil \u001b]52;c;aGVsbG8=\u0007 title \u001b[2J here";
    std::fs::write(
        ev.join("evilmd.md"),
        format!("---\noutlet: evilmd\ntitle: \"{evil}\"\ndate: 2025-03-11\n---\n{body}"),
    )
    .expect("write md");
    let json = format!(
        "{{\"outlet\": \"eviljson\", \"title\": \"{evil}\", \"date\": \"2025-03-11\", \"body\": {}}}",
        serde_json::Value::String(body.to_string())
    );
    std::fs::write(ev.join("eviljson.json"), json).expect("write json");
    // JSON keeps the article's text, escaped (cli_reliability holds it to that)
    let out = framediff()
        .current_dir(dir.path())
        .args(["compare", "ev", ".", "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "no raw ESC in JSON");
    for format in ["markdown", "html"] {
        let out = framediff()
            .current_dir(dir.path())
            .args(["compare", "ev", ".", "--format", format])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.matches("Evil").count() >= 2,
            "{format}: both titles shown"
        );
        for junk in ["52;c", "aGVsbG8", "[2J", "\u{1b}", "\\u001b"] {
            assert!(
                !text.contains(junk),
                "{format}: {junk:?} left in the report"
            );
        }
    }
}

#[test]
fn outlets_are_named_by_id_or_display_name_in_any_case() {
    let (ok, md, err) = compare(&["--outlets", "KP, bbc news", "--format", "markdown"]);
    assert!(ok, "{err}");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(md.contains("| kp |") && md.contains("| bbc |"), "{md}");
    assert!(!md.contains("| fox-news |"));
    let (ok, _, err) = compare(&["--outlets", "bbc, Nobody Times"]);
    assert!(!ok);
    assert!(
        err.contains("outlet Nobody Times not in event") && err.contains("bbc (BBC News)"),
        "{err}"
    );
}

#[test]
fn markdown_names_outlets_as_the_html_report_does() {
    let (ok, md, err) = compare(&["--format", "markdown"]);
    assert!(ok, "{err}");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(
        md.contains("> **BBC News**"),
        "member lines use display names"
    );
    assert!(md.contains("### BBC News\n"), "profile headings too");
    assert!(
        !md.contains("> **bbc**") && !md.contains("### bbc\n"),
        "{md}"
    );
    assert!(!md.contains("- **bbc**:") && !md.contains("Diff bbc /"));
}

#[test]
fn an_event_folder_with_its_corpus_is_that_event_of_the_corpus() {
    let run = |event: &str| {
        let out = framediff()
            .args(["compare", event, "corpus", "--format", "json"])
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{event}: {err}");
        out.stdout
    };
    let by_folder = run(&format!("corpus/{EVENT}"));
    assert_eq!(by_folder, run(EVENT), "the same report as naming it by id");
    let by_abs = run(&format!("{}/corpus/{EVENT}", env!("CARGO_MANIFEST_DIR")));
    assert_eq!(by_abs, by_folder);
    // the corpus first, as `compare corpus EVENT` is understood
    let out = framediff()
        .args([
            "compare",
            "corpus",
            &format!("corpus/{EVENT}"),
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, by_folder);
}

/// Copies the sample corpus into `to` (two levels of folders).
fn copy_corpus(to: &std::path::Path) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in walk(&from) {
        let rel = e.strip_prefix(&from).expect("inside");
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&e, &dest).expect("copy");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

#[test]
fn an_annotation_whose_claim_is_gone_is_reported_as_orphaned() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_corpus(dir.path());
    let corpus = dir.path().to_string_lossy().into_owned();
    let report = |format: &str| {
        let out = framediff()
            .args(["compare", EVENT, &corpus, "--format", format])
            .env("FRAMEDIFF_CACHE_DIR", dir.path().join(".cache"))
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{err}");
        (String::from_utf8(out.stdout).expect("utf-8"), err)
    };
    let (json, _) = report("json");
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let m = &doc["clusters"][0]["members"][0];
    let note = |text: &serde_json::Value, outlet: &serde_json::Value, s, e, n: &str| {
        serde_json::json!({"event": EVENT, "claims": [{"outlet": outlet, "start": s, "end": e}],
            "text": text, "analysis_verdict": "shared", "verdict": "shared", "agreed": true,
            "note": n})
    };
    let file = serde_json::json!({"version": 1, "annotations": [
        note(&m["text"], &m["outlet"], m["start"].clone(), m["end"].clone(), "still here"),
        note(&"He was 84.".into(), &m["outlet"], 0.into(), 10.into(), "edited away"),
    ]});
    std::fs::create_dir_all(dir.path().join(".framediff")).expect("mkdir");
    std::fs::write(
        dir.path().join(".framediff/annotations.json"),
        file.to_string(),
    )
    .expect("write");
    let (md, err) = report("markdown");
    assert!(
        err.contains("1 annotation(s)") && err.contains("orphaned"),
        "{err}"
    );
    let current = md.find("\n## Annotations").expect("annotations section");
    let orphaned = md
        .find("\n## Orphaned annotations")
        .expect("orphaned section");
    assert!(current < orphaned);
    assert!(md[current..orphaned].contains("still here"));
    assert!(!md[current..orphaned].contains("He was 84."), "{md}");
    assert!(md[orphaned..].contains("He was 84.") && md[orphaned..].contains("edited away"));
    let (json, _) = report("json");
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let flags: Vec<bool> = doc["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .map(|a| a["orphaned"].as_bool().expect("orphaned flag"))
        .collect();
    assert_eq!(flags, [false, true]);
}

/// Each cluster of a JSON report as (kind, [(outlet, text)]), in report order.
fn clusters_of(json: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let clusters = doc["clusters"].as_array().expect("clusters");
    clusters
        .iter()
        .map(|c| {
            let members = c["members"].as_array().expect("members");
            let members = members
                .iter()
                .map(|m| (m["outlet"].to_string(), m["text"].to_string()))
                .collect();
            (c["kind"].to_string(), members)
        })
        .collect()
}

/// Tester report 14, item 2: an event where one outlet has two articles (and another writes
/// the shared sentence with control and bidi characters inside it) is compared the same way
/// by the terminal UI (its loader and `engine::analyse`, exported as `e` does) and by
/// `framediff compare`, with and without the cache.
#[test]
fn the_tui_and_compare_agree_when_an_outlet_has_two_articles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ev = dir.path().join("corpus/ev1");
    std::fs::create_dir_all(&ev).expect("event folder");
    let files = [
        (
            "good.md",
            "---\noutlet: Good Outlet\ntitle: Bridge reopens\ndate: 2024-05-02\n---\nThe mayor said \
             the bridge will reopen on Monday. Officials said repairs cost 2 million dollars.\n",
        ),
        (
            "dup-outlet.md",
            "---\noutlet: Good Outlet\n---\nSecond article by the same outlet: the bridge will \
             reopen on Monday.\n",
        ),
        (
            "ctrl.md",
            "---\noutlet: \"Evil \x1b[31mRed\x1b[0m Outlet\"\n---\nThe mayor\x1b]52;c;SGVsbG8=\x07 said \
             the bridge will \u{202e}reopen\u{202c} on Monday. Repairs cost 3 million dollars.\n",
        ),
        (
            "l2.md",
            "---\noutlet: L2\n---\nThe bridge will not reopen on Monday, the mayor said.\n",
        ),
        (
            "utf.md",
            "---\noutlet: U\n---\nThe mayor said the bridge will reopen on Monday, according to \
             city hall. Repairs cost 2 million dollars.\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(ev.join(name), text).expect("article");
    }
    let root = dir.path().join("corpus");
    let corpus = framediff::app::engine::load_corpus(&root, &|_| {}).expect("load");
    let event = &corpus.events[0];
    let cmp = framediff::app::engine::analyse(&corpus, event).expect("analyse");
    let meta = framediff::report::ReportMeta::for_corpus(&corpus);
    let tui = framediff::report::render_annotated(
        &cmp,
        event,
        framediff::report::Format::Json,
        &meta,
        &[],
    )
    .expect("renders");
    let tui = clusters_of(&tui);
    assert!(tui.len() > 1, "{tui:?}");
    for extra in [&["--no-cache"][..], &[], &[]] {
        let out = framediff()
            .env("FRAMEDIFF_CACHE_DIR", dir.path().join("cache"))
            .env("XDG_CONFIG_HOME", dir.path())
            .args(["compare", "ev1"])
            .arg(&root)
            .args(["--format", "json"])
            .args(extra)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cli = clusters_of(&String::from_utf8(out.stdout).expect("utf-8"));
        assert_eq!(cli, tui, "compare {extra:?} and the UI differ");
    }
}

/// Tester report 15, item 23g: an event of one outlet says there is nothing to compare, in
/// text (Markdown) and HTML, rather than "what the others leave out".
#[test]
fn one_outlet_is_nothing_to_compare() {
    let (ok, md, err) = compare(&["--outlets", "kp"]);
    assert!(ok, "{err}");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(
        md.contains("claims: nothing to compare (one outlet)."),
        "{md}"
    );
    assert!(!md.contains("the others leave out"), "{md}");
    let (ok, html, err) = compare(&["--outlets", "kp", "--format", "html"]);
    assert!(ok, "{err}");
    let html = String::from_utf8(html).expect("utf-8");
    assert!(html.contains("nothing to compare (one outlet)"));
    assert!(!html.contains("What only one outlet reports"));
    let (ok, md, err) = compare(&["--outlets", "kp,bbc"]);
    assert!(ok, "{err}");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(!md.contains("nothing to compare") && md.contains("the others leave out"));
}
