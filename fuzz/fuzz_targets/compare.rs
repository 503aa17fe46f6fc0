//! The claim engine and every report writer on arbitrary text: the input is split at its
//! first 0xFF byte into two outlets' articles (the second one Russian). A panic, a hang, an
//! offset outside the article, or live markup / terminal controls in a report is a finding.
#![no_main]

use framediff::analysis::eval::dataset_article;
use framediff::analysis::{CompareOptions, compare};
use framediff::corpus::{Article, Event};
use framediff::report::{Format, render};
use libfuzzer_sys::fuzz_target;

fn article(outlet: &str, bytes: &[u8], language: &str) -> Article {
    let mut a = dataset_article(
        format!("{outlet}.md"),
        outlet,
        outlet,
        String::from_utf8_lossy(bytes).into_owned(),
        None,
    );
    a.language = Some(language.into());
    a
}

fuzz_target!(|data: &[u8]| {
    let at = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (a, b) = (&data[..at], data.get(at + 1..).unwrap_or_default());
    let ev = Event::of_articles(
        "e",
        "e",
        vec![article("bbc", a, "en"), article("tass", b, "ru")],
    );
    let cmp = compare(&ev, &CompareOptions::default());
    for c in &cmp.claims {
        let body = ev.articles[cmp.columns[c.column].article].body.as_str();
        assert_eq!(body.get(c.start..c.end), Some(c.text.as_str()));
    }
    let json = render(&cmp, &ev, Format::Json);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    for f in [Format::Markdown, Format::Html] {
        let out = render(&cmp, &ev, f).to_lowercase();
        assert!(!out.contains("<script"), "live <script> in {f:?}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{f:?}"
        );
    }
});
