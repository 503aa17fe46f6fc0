//! Reports built from hand-made articles: escaping, diffs, schema fields.

use std::path::PathBuf;

use framediff::analysis::{CompareOptions, compare};
use framediff::corpus::{Article, Event, EventOrigin, TextOrigin};
use framediff::report::{Format, render};

fn article(outlet: &str, body: &str) -> Article {
    Article {
        path: PathBuf::from(format!("{outlet}.md")),
        outlet: outlet.into(),
        title: format!("<b>{outlet}</b> headline"),
        date: None,
        url: None,
        author: None,
        language: Some("en".into()),
        kind: None,
        body: body.into(),
        origin: TextOrigin::Verbatim {
            start: 10,
            end: 10 + body.len(),
        },
        extra: Default::default(),
        gold: None,
    }
}

fn event() -> Event {
    Event {
        id: "test-event".into(),
        title: "Talks & <script>alert(1)</script>".into(),
        date: None,
        summary: None,
        tags: vec![],
        origin: EventOrigin::Folder,
        articles: vec![
            article(
                "a",
                "The leaders agreed to a 30-day pause in strikes on energy facilities. Critics called it a disaster.",
            ),
            article(
                "b",
                "A 30-day pause in strikes on energy facilities was agreed by the leaders. Supporters hailed a historic breakthrough.",
            ),
        ],
    }
}

#[test]
fn json_has_offsets_and_diffs() {
    let ev = event();
    let cmp = compare(&ev, &CompareOptions::default());
    let json = render(&cmp, &ev, Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid");
    let shared: Vec<&serde_json::Value> = doc["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .filter(|c| c["kind"] == "shared")
        .collect();
    assert_eq!(shared.len(), 1);
    let m = &shared[0]["members"][0];
    assert_eq!(
        m["start"], 10,
        "file offsets include the front matter shift"
    );
    let diff = &shared[0]["diffs"][0];
    assert!(
        diff["left_tokens"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t["op"] == "moved"))
    );
    assert_eq!(doc["profiles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn html_and_markdown_escape_untrusted_text() {
    let ev = event();
    let cmp = compare(&ev, &CompareOptions::default());
    let html = render(&cmp, &ev, Format::Html);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("&lt;b&gt;a&lt;/b&gt;"));
    let md = render(&cmp, &ev, Format::Markdown);
    assert!(md.contains("## Shared claims"));
    // "a disaster" vs "a historic breakthrough" about the same agreement
    assert!(
        md.contains("a vs b: evaluation: disaster (\u{2212}) vs"),
        "{md}"
    );
}
