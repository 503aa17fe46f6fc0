//! Annotations in `framediff compare` reports (session-13 report, items 13–17): a report
//! writes nothing into the corpus, leaves out annotations of outlets outside the comparison,
//! says when the analysis changed since an agreement, escapes notes like article text, and
//! says where the offsets of a JSON article point.

use std::path::Path;
use std::process::Command;

const EVENT: &str = "2021-10-14-claims";

/// Three outlets on one event: two Markdown articles and a JSON record, sharing the lead.
fn corpus(root: &Path) {
    let ev = root.join(EVENT);
    std::fs::create_dir_all(&ev).expect("mkdir");
    let md = |outlet: &str, second: &str| {
        format!(
            "---\noutlet: {outlet}\ntitle: Jobless claims\ndate: 2021-10-14\n---\n\n\
             Jobless claims fell to 293,000 last week, the Labor Department said on Thursday.\n\n\
             {second}\n"
        )
    };
    std::fs::write(
        ev.join("alpha.md"),
        md("Alpha", "The mayor opened a new bakery downtown."),
    )
    .expect("write");
    std::fs::write(
        ev.join("beta.md"),
        md("Beta", "Volcanic ash closed three airports in Iceland."),
    )
    .expect("write");
    let record = serde_json::json!({"outlet": "Gamma", "title": "Claims", "date": "2021-10-14",
        "body": "Jobless claims fell to 293,000 last week, the Labor Department said on Thursday.\n\n\
                 A chess champion retired after twenty years."});
    std::fs::write(ev.join("gamma.json"), record.to_string()).expect("write");
}

/// Runs `compare EVENT <corpus> args…`: (stdout, stderr); the cache goes to `cache`.
fn compare(corpus: &Path, cache: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(["compare", EVENT])
        .arg(corpus)
        .args(args)
        .env("FRAMEDIFF_CACHE_DIR", cache)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    (String::from_utf8(out.stdout).expect("utf-8"), err)
}

/// The JSON report's first cluster of `kind` and its first member.
fn first_member(doc: &serde_json::Value, kind: &str) -> serde_json::Value {
    let c = doc["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("a {kind} cluster in {doc}"));
    c["members"][0].clone()
}

/// Writes one annotation anchored on `member` (a JSON report member).
fn annotate(corpus: &Path, member: &serde_json::Value, fields: serde_json::Value) {
    let mut a = serde_json::json!({"event": EVENT,
        "claims": [{"outlet": member["outlet"], "start": member["start"], "end": member["end"]}],
        "text": member["text"]});
    for (k, v) in fields.as_object().expect("object") {
        a[k] = v.clone();
    }
    let file = serde_json::json!({"version": 1, "annotations": [a]});
    std::fs::create_dir_all(corpus.join(".framediff")).expect("mkdir");
    std::fs::write(corpus.join(".framediff/annotations.json"), file.to_string()).expect("write");
}

fn setup() -> (tempfile::TempDir, tempfile::TempDir, serde_json::Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = tempfile::tempdir().expect("tempdir");
    corpus(dir.path());
    let (json, _) = compare(dir.path(), cache.path(), &["--format", "json"]);
    let doc = serde_json::from_str(&json).expect("json");
    (dir, cache, doc)
}

#[test]
fn an_agreement_made_with_an_older_verdict_says_the_analysis_changed() {
    let (dir, cache, doc) = setup();
    let shared = first_member(&doc, "shared");
    // Agreed while the analysis called it unique (an older analysis, or another backend).
    annotate(
        dir.path(),
        &shared,
        serde_json::json!({"analysis_verdict": "unique", "verdict": "unique", "agreed": true}),
    );
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(
        md.contains("agreed with unique; the analysis now says shared"),
        "{md}"
    );
    assert!(!md.contains("agrees with unique"), "{md}");
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    assert!(html.contains("agreed with unique; the analysis now says shared"));
    let (json, _) = compare(dir.path(), cache.path(), &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(doc["annotations"][0]["analysis_now"], "shared");
    // An agreement with the verdict the analysis still gives reads as before.
    annotate(
        dir.path(),
        &shared,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "shared", "agreed": true}),
    );
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(md.contains("| agrees with shared |"), "{md}");
}

#[test]
fn notes_are_escaped_in_markdown_like_article_text() {
    let (dir, cache, doc) = setup();
    let member = first_member(&doc, "shared");
    let note = "pipe | in note <script>alert(1)</script> **bold**\nsecond line";
    annotate(
        dir.path(),
        &member,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "shared", "note": note}),
    );
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    let section = &md[md.find("## Annotations").expect("section")..];
    // Tester report 18, item 21: the line break kept as `<br>` in the one-line table cell.
    assert!(
        section
            .contains("pipe \\| in note &lt;script>alert(1)&lt;/script> **bold**<br>second line"),
        "{section}"
    );
    assert!(!section.contains("<script>"), "{section}");
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    assert!(
        html.contains(
            "<td class=\"note\">pipe | in note &lt;script&gt;alert(1)&lt;/script&gt; **bold**\nsecond line</td>"
        ),
        "{html}"
    );
    assert!(html.contains("td.note{white-space:pre-wrap}"));
}

#[test]
fn annotations_of_outlets_left_out_are_not_orphans() {
    let (dir, cache, doc) = setup();
    let alpha = doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["outlet"] == "alpha")
        .expect("an Alpha claim")
        .clone();
    annotate(
        dir.path(),
        &alpha,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "shared", "note": "checked"}),
    );
    let (md, err) = compare(
        dir.path(),
        cache.path(),
        &["--outlets", "beta,gamma", "--format", "markdown"],
    );
    assert!(!err.contains("orphaned"), "{err}");
    assert!(err.contains("outside this comparison"), "{err}");
    assert!(!md.contains("Orphaned annotations"), "{md}");
    assert!(!md.contains("checked"), "{md}");
    // Without the filter it is a current annotation, listed.
    let (md, err) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(
        !err.contains("orphaned") && !md.contains("Orphaned"),
        "{err}"
    );
    assert!(md.contains("| checked |"), "{md}");
}

#[test]
fn a_report_of_a_corpus_with_a_broken_annotations_file_writes_nothing_into_it() {
    let (dir, cache, _) = setup();
    let folder = dir.path().join(".framediff");
    std::fs::create_dir_all(&folder).expect("mkdir");
    std::fs::write(folder.join("annotations.json"), "{ broken").expect("write");
    for format in ["markdown", "json"] {
        let (_, err) = compare(dir.path(), cache.path(), &["--format", format]);
        assert!(err.contains("left out"), "{err}");
    }
    let names: Vec<String> = std::fs::read_dir(&folder)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["annotations.json"]);
}

#[test]
fn offsets_of_a_json_record_say_they_are_in_the_records_text() {
    let (dir, cache, _) = setup();
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    let gamma = md
        .lines()
        .find(|l| l.starts_with("> `") && l.contains("gamma.json"))
        .expect("a gamma member");
    assert!(
        gamma.contains("line 1: bytes 0..") && gamma.contains("of the record's `body` text"),
        "{gamma}"
    );
    // Tester report 18, item 12: the unique list cites a record as the clusters do.
    let unique = md
        .lines()
        .find(|l| l.starts_with("- #") && l.contains("gamma.json"))
        .expect("gamma's unique claim");
    assert!(
        unique.contains("line 1: bytes ") && unique.contains("of the record's `body` text"),
        "{unique}"
    );
    let alpha = md
        .lines()
        .find(|l| l.starts_with("> `") && l.contains("alpha.md"))
        .expect("an alpha member");
    assert!(
        !alpha.contains("of the"),
        "Markdown offsets are the file's: {alpha}"
    );
}

/// Tester report 14, items 16 and 17: an overruled verdict is marked at its cluster and in
/// the summary of every format, the HTML Annotations section comes before the page footer,
/// and an annotation carries its cluster's number and the claim's offsets now, not the
/// stored ones, once text is added above the claim.
#[test]
fn an_overruled_verdict_is_marked_at_its_cluster_with_current_number_and_offsets() {
    let (dir, cache, doc) = setup();
    let shared = first_member(&doc, "shared");
    annotate(
        dir.path(),
        &shared,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "unique", "agreed": false,
            "note": "Only Alpha checked this"}),
    );
    // Text added above Alpha's claim: the stored offsets go stale, the claim is re-found.
    let alpha = dir.path().join(EVENT).join("alpha.md");
    let text = std::fs::read_to_string(&alpha).expect("read");
    let text = text.replacen(
        "\n\nJobless",
        "\n\nA paragraph added above the lead about a parade.\n\nJobless",
        1,
    );
    std::fs::write(&alpha, text).expect("write");
    let (json, _) = compare(dir.path(), cache.path(), &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let note = &doc["annotations"][0];
    assert_eq!(note["orphaned"], false, "{note}");
    let current = &note["current"];
    let number = current["number"].as_u64().expect("a cluster number");
    let cluster = doc["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .find(|c| c["number"].as_u64() == Some(number))
        .expect("the numbered cluster");
    let member = cluster["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["outlet"] == shared["outlet"])
        .expect("the annotated outlet in that cluster");
    assert_eq!(current["start"], member["start"]);
    assert_eq!(current["end"], member["end"]);
    assert_ne!(
        current["start"], note["claims"][0]["start"],
        "offsets moved"
    );
    let mark = "✎ you: unique (analysis: shared)";
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    // filed under the reader's verdict (tester report 24, finding 5): in the unique list
    assert!(
        !md.lines()
            .any(|l| l.starts_with("### ") && l.contains(&format!("= shared #{number} "))),
        "{md}"
    );
    let at = md
        .lines()
        .find(|l| l.starts_with(&format!("- #{number} ")))
        .unwrap_or_else(|| panic!("#{number} in the unique list of {md}"));
    assert!(at.contains(mark), "{at}");
    assert!(
        md.contains(&format!("Overruled by the reader: #{number} {mark}.")),
        "{md}"
    );
    assert!(
        md.contains(&format!("| #{number} | Jobless claims")),
        "{md}"
    );
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    let unique = &html[html.find("<section id=\"unique\">").expect("unique")..];
    assert!(unique.contains(&format!(
        "<span class=\"you\">{mark}</span> <span class=\"src\">#{number} "
    )));
    let (annotations, footer) = (
        html.find("<h2>Annotations</h2>").expect("annotations"),
        html.find("<footer>").expect("footer"),
    );
    assert!(annotations < footer, "Annotations before the footer");
    assert!(html.contains(&format!("<td><a href=\"#c{number}\">#{number}</a></td>")));
}

/// Tester report 15, item 2: an annotation of an outlet id that no longer exists (the
/// outlet renamed in its front matter) follows its text; with the text gone it is orphaned.
/// Neither is blamed on an `--outlets` that was never given.
#[test]
fn an_annotation_of_a_renamed_outlet_follows_its_text_or_is_orphaned() {
    let (dir, cache, doc) = setup();
    let mut alpha = doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["outlet"] == "alpha")
        .expect("an Alpha claim")
        .clone();
    alpha["outlet"] = "alpha-before-the-rename".into();
    annotate(
        dir.path(),
        &alpha,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "shared", "note": "checked"}),
    );
    let (md, err) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(!err.contains("--outlets"), "{err}");
    assert!(!err.contains("orphaned"), "{err}");
    assert!(md.contains("| checked |"), "{md}");
    alpha["text"] = "A sentence no article has.".into();
    annotate(
        dir.path(),
        &alpha,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "shared", "note": "checked"}),
    );
    let (md, err) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(!err.contains("--outlets"), "{err}");
    assert!(err.contains("orphaned"), "{err}");
    assert!(md.contains("Orphaned"), "{md}");
}

/// The number of the JSON report's cluster holding `member` (a report member) as its own.
fn number_of(doc: &serde_json::Value, member: &serde_json::Value) -> u64 {
    let claim = doc["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .find(|c| c["outlet"] == member["outlet"] && c["start"] == member["start"])
        .expect("the member's claim");
    let cluster = claim["cluster"].as_u64().expect("a cluster");
    doc["clusters"][cluster as usize]["number"]
        .as_u64()
        .expect("a number")
}

/// Tester report 18, item 10: a unique claim the reader calls shared carries the mark in
/// both reports, and the HTML summary lists the overrule as the Markdown one. Since tester
/// report 24 (finding 5) it is filed under the reader's verdict: among the shared claims.
#[test]
fn an_overruled_unique_claim_is_marked_in_the_unique_list_and_the_html_summary() {
    let (dir, cache, doc) = setup();
    let unique = first_member(&doc, "unique");
    let number = number_of(&doc, &unique);
    annotate(
        dir.path(),
        &unique,
        serde_json::json!({"analysis_verdict": "unique", "verdict": "shared"}),
    );
    let mark = "✎ you: shared (analysis: unique)";
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(
        !md.lines().any(|l| l.starts_with(&format!("- #{number} "))),
        "not in the unique list: {md}"
    );
    let shared = &md[md.find("## Shared claims").expect("shared")..];
    let line = shared
        .lines()
        .find(|l| l.starts_with(&format!("### = shared #{number} ")))
        .unwrap_or_else(|| panic!("#{number} among the shared claims: {md}"));
    assert!(line.ends_with(mark), "{line}");
    assert!(md.contains(&format!("Overruled by the reader: #{number} {mark}.")));
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    let summary = &html[..html.find("<h3>Outlets</h3>").expect("outlets table")];
    assert!(
        summary.contains(&format!(
            "Overruled by the reader: <a href=\"#c{number}\">#{number}</a> <span class=\"you\">{mark}</span>."
        )),
        "{summary}"
    );
    let unique_list = &html[html.find("<section id=\"unique\">").expect("unique")..];
    assert!(
        !unique_list.contains(&format!("#{number} · ")),
        "not in the unique list"
    );
    let shared = &html[html.find("<section id=\"shared\">").expect("shared")..];
    let card = &shared[shared.find(&format!("id=\"c{number}\"")).expect("its card")..];
    let heading = &card[..card.find("</h3>").expect("heading")];
    assert!(
        heading.ends_with(&format!("<span class=\"you\">{mark}</span>")),
        "{heading}"
    );
}

/// Tester report 18, item 10: a shared cluster the reader calls contrasting is among the
/// HTML summary's "Where the outlets disagree", not "framediff found no contradiction" (the
/// words of tester report 22, finding 2; before them, "the outlets do not contradict").
#[test]
fn a_contrast_the_reader_found_is_listed_where_the_outlets_disagree() {
    let (dir, cache, doc) = setup();
    let shared = first_member(&doc, "shared");
    let number = number_of(&doc, &shared);
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    assert!(
        html.contains("framediff found no contradiction it is sure of"),
        "no contrast before"
    );
    annotate(
        dir.path(),
        &shared,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "contrasting"}),
    );
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    let summary = &html[..html.find("<h3>Outlets</h3>").expect("outlets table")];
    let list = &summary[summary
        .find("<h3>Where the outlets disagree</h3>")
        .unwrap_or_else(|| panic!("{summary}"))..];
    assert!(
        list.contains(&format!("<a href=\"#c{number}\">#{number}</a>")),
        "{list}"
    );
    assert!(
        list.contains("✎ you: contrasting (analysis: shared)"),
        "{list}"
    );
    assert!(!summary.contains("found no contradiction"), "{summary}");
}

/// Tester report 18, item 11: a note alone stores no verdict; the reports give the cluster
/// the analysis' verdict now, JSON says no `verdict`, and the table names the outlets the
/// cluster has now, not those stored with the note.
#[test]
fn a_note_alone_gives_no_verdict_and_names_the_outlets_of_now() {
    let (dir, cache, doc) = setup();
    let shared = first_member(&doc, "shared");
    // written when the analysis called the claim unique and only its own outlet had it
    annotate(
        dir.path(),
        &shared,
        serde_json::json!({"analysis_verdict": "unique", "verdict": "unique",
            "note": "NOTE-A: check the release"}),
    );
    let (json, _) = compare(dir.path(), cache.path(), &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let note = &doc["annotations"][0];
    assert!(note.get("verdict").is_none(), "{note}");
    assert_eq!(note["analysis_now"], "shared", "{note}");
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    let row = md
        .lines()
        .find(|l| l.contains("NOTE-A"))
        .expect("the annotation row");
    assert!(row.contains("| shared | NOTE-A"), "{row}");
    assert!(!md.contains("Overruled"), "{md}");
    let names: Vec<String> = doc["outlets"]
        .as_array()
        .expect("outlets")
        .iter()
        .map(|o| {
            o["name"]
                .as_str()
                .or(o["outlet"].as_str())
                .expect("a name")
                .to_string()
        })
        .collect();
    let cells: Vec<&str> = row.split(" | ").collect();
    for name in &names {
        assert!(cells[2].contains(name.as_str()), "{name} in {row}");
    }
}

/// Tester report 22, finding 9: a member the reader took out of a cluster (`excluded`) is
/// said at its member line, in the summary and in the annotations table; JSON gives the
/// stored `excluded` and where each is now. With two of three outlets taken out, the cluster
/// reads as unique to the reader.
#[test]
fn a_member_taken_out_of_a_cluster_is_said_in_every_format() {
    let (dir, cache, doc) = setup();
    let cluster = doc["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .find(|c| c["kind"] == "shared")
        .expect("the shared lead");
    let members = cluster["members"].as_array().expect("members");
    assert_eq!(members.len(), 3, "{cluster}");
    let number = cluster["number"].as_u64().expect("number");
    let out = |m: &serde_json::Value| {
        serde_json::json!({"outlet": m["outlet"], "start": m["start"], "end": m["end"],
            "text": m["text"]})
    };
    let gamma = members
        .iter()
        .find(|m| {
            m["outlet"]
                .as_str()
                .is_some_and(|o| o.eq_ignore_ascii_case("gamma"))
        })
        .expect("Gamma's lead");
    annotate(
        dir.path(),
        &members[0],
        serde_json::json!({"analysis_verdict": "shared", "excluded": [out(gamma)]}),
    );
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    let mark = "✎ you: 1 claim taken out";
    assert!(
        md.contains(&format!(
            "Overruled by the reader: #{number} {mark} (took out: Gamma)."
        )),
        "{md}"
    );
    assert!(
        md.contains("> *✎ the reader took this claim (Gamma) out of this cluster*"),
        "{md}"
    );
    assert_eq!(
        md.matches("out of this cluster*").count(),
        1,
        "only Gamma's line: {md}"
    );
    assert!(
        md.contains("| shared; took out: Gamma “Jobless claims"),
        "{md}"
    );
    let (html, _) = compare(dir.path(), cache.path(), &["--format", "html"]);
    assert!(
        html.contains(
            "<div class=\"you\">✎ the reader took this claim (Gamma) out of this cluster</div>"
        ),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<span class=\"you\">{mark} (took out: Gamma)</span>"
    )));
    let (json, _) = compare(dir.path(), cache.path(), &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let note = &doc["annotations"][0];
    assert_eq!(note["excluded"], serde_json::json!([out(gamma)]), "{note}");
    assert_eq!(note["excluded_current"][0]["number"], number, "{note}");
    assert_eq!(
        note["excluded_current"][0]["start"], gamma["start"],
        "{note}"
    );
    // Beta taken out too: Alpha alone is left, which reads as unique
    let beta = members
        .iter()
        .find(|m| {
            m["outlet"]
                .as_str()
                .is_some_and(|o| o.eq_ignore_ascii_case("beta"))
        })
        .expect("Beta's lead");
    annotate(
        dir.path(),
        &members[0],
        serde_json::json!({"analysis_verdict": "shared",
            "excluded": [out(gamma), out(beta)]}),
    );
    let (md, _) = compare(dir.path(), cache.path(), &["--format", "markdown"]);
    assert!(
        md.contains(&format!(
            "#{number} ✎ you: unique (analysis: shared) · 2 claims taken out (took out: Beta, Gamma)"
        )),
        "{md}"
    );
    // an annotation without members taken out writes none of it
    annotate(
        dir.path(),
        &members[0],
        serde_json::json!({"analysis_verdict": "shared", "note": "n"}),
    );
    let (json, _) = compare(dir.path(), cache.path(), &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let note = &doc["annotations"][0];
    assert!(note.get("excluded").is_none(), "{note}");
    assert!(note.get("excluded_current").is_none(), "{note}");
}

/// Tester report 26, finding 6: the JSON report (the TUI's export renders it without the
/// CLI's output filter) writes a note's bidi controls escaped, as it writes article text.
#[test]
fn notes_in_the_json_report_have_their_bidi_controls_escaped() {
    use framediff::annotations::{Annotations, LoadOutcome};
    use framediff::report::{Format, ReportMeta, render_annotated};
    let (dir, _cache, doc) = setup();
    let member = first_member(&doc, "shared");
    let note = "Edited outside \u{1b}[31mRED\u{1b}[0m \u{202e}abc \u{2066}iso\u{2069}";
    annotate(
        dir.path(),
        &member,
        serde_json::json!({"analysis_verdict": "shared", "verdict": "shared", "note": note}),
    );
    let corpus = framediff::corpus::load(dir.path());
    let event = corpus
        .events
        .iter()
        .find(|e| e.id == EVENT)
        .expect("the event");
    let cmp = framediff::analysis::compare(event, &framediff::analysis::CompareOptions::default());
    let LoadOutcome::Loaded(notes) =
        Annotations::load(&framediff::annotations::path_for(dir.path()))
    else {
        panic!("annotations not loaded");
    };
    let listed: Vec<_> = notes.for_event(EVENT).collect();
    assert_eq!(listed.len(), 1);
    let json = render_annotated(&cmp, event, Format::Json, &ReportMeta::default(), &listed)
        .expect("rendered");
    for c in ['\u{1b}', '\u{202e}', '\u{2066}', '\u{2069}'] {
        assert!(!json.contains(c), "{c:?} written raw");
    }
    assert!(json.contains("\\u202e"), "{json}");
    // the same value: escapes, not removals
    let back: serde_json::Value = serde_json::from_str(&json).expect("parses");
    assert_eq!(back["annotations"][0]["note"], note);
}
