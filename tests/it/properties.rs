//! Property tests (proptest) for the loaders, the reports and the TUI update: generated input,
//! a fixed number of cases per property so `cargo test` runs them with a bounded budget
//! (`PROPTEST_CASES=N` runs more; see docs/reliability.md). The fuzz targets in `fuzz/` run
//! the same entry points under libFuzzer where a nightly toolchain exists.
//!
//! Inputs are built from pieces of the formats (front matter fences, JSON punctuation, tags,
//! feed elements, escape sequences, bidi controls, combining marks, odd encodings) mixed with
//! arbitrary text and bytes, so the parsers get past their first byte.

use std::path::Path;
use std::sync::Arc;

use framediff::app::{Action, Target};
use framediff::corpus::{self, Diagnostic, TextOrigin, basil, feed, html, json, load, text};
use framediff::ui::{self, HitMap};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::tui_fixture::*;

/// Cases per property: `PROPTEST_CASES` when set, else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // A failing case is shrunk, but not for ever.
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

const PIECES: &[&str] = &[
    "---\n",
    "title: ",
    "outlet: ",
    "date: ",
    "event: ",
    "2025-03-18",
    "2025-13-45",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "\t",
    ":",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    "\\",
    "null",
    "NaN",
    "-Infinity",
    "1e999",
    "\"body\":",
    "\"text\":",
    "\"outlet\":",
    "\"event\":",
    "\"title\":",
    "\"date\":",
    "\"body-paragraphs\":",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<x>",
    "<script>",
    "</script>",
    "<title>",
    "</title>",
    "<meta charset=\"koi8-r\">",
    "<article>",
    "<br>",
    "<rss version=\"2.0\">",
    "<channel>",
    "<item>",
    "</item>",
    "<description>",
    "</description>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "<entry>",
    "<content>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&lt;",
    "&#x202e;",
    "&#0;",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "&a;",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{1b}[2J",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{0301}\u{0301}\u{0301}",
    "\0",
    "Putin said the talks would continue.",
    "Путин заявил, что переговоры продолжатся.",
    "The Kremlin denied it.",
    "Officials said 22 people died.",
    "é",
    "👩‍👩‍👧",
    "# Heading\n",
    "> quote\n",
    "- item\n",
    "| a | b |\n",
    "[bbc]\n",
    "name = ",
    "tags = [",
    "summary = '",
    "\"phrase-level-annotations\":",
    "\"id\":\"p0\",",
    "\"id\":\"title\",",
    "\"start\":",
    "\"end\":",
    "\"bias\":\"lex\"",
];

/// Text made of format pieces and arbitrary strings.
fn text_input() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

/// Bytes: such text, sometimes with arbitrary bytes spliced in (invalid UTF-8, UTF-16 marks).
fn byte_input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => text_input().prop_map(String::into_bytes),
        1 => (text_input(), prop::collection::vec(any::<u8>(), 0..64), any::<prop::sample::Index>())
            .prop_map(|(t, junk, at)| {
                let mut b = t.into_bytes();
                let i = at.index(b.len() + 1);
                b.splice(i..i, junk);
                b
            }),
        1 => prop::collection::vec(any::<u8>(), 0..512),
    ]
}

/// Every diagnostic names the file it is about; every verbatim article points into its text.
fn check_parsed(path: &Path, len: usize, parsed: &[text::Parsed], diags: &[Diagnostic]) {
    for d in diags {
        assert_eq!(d.path, path, "{d}");
    }
    for p in parsed {
        if let TextOrigin::Verbatim { start, end } = p.article.origin {
            assert!(start <= end && end <= len, "{start}..{end} of {len}");
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn text_loaders_never_panic_and_name_the_file(input in text_input(), kind in 0..4u8) {
        let mut d = Vec::new();
        let (path, parsed): (&Path, Vec<text::Parsed>) = match kind {
            0 => (Path::new("a.md"), text::parse(Path::new("a.md"), &input, &mut d).into_iter().collect()),
            1 => (Path::new("a.json"), json::parse_json(Path::new("a.json"), &input, &mut d)),
            2 => (Path::new("a.jsonl"), json::parse_jsonl(Path::new("a.jsonl"), &input, &mut d)),
            _ => (Path::new("a.html"), html::parse(Path::new("a.html"), &input, &mut d).into_iter().collect()),
        };
        check_parsed(path, input.len(), &parsed, &d);
    }

    #[test]
    fn feeds_never_panic_and_name_the_file(input in byte_input()) {
        let mut d = Vec::new();
        let parsed = feed::parse(Path::new("f.xml"), &input, &mut d);
        for x in &d {
            prop_assert_eq!(&x.path, Path::new("f.xml"));
        }
        drop(parsed);
    }

    /// `event.toml` and `outlets.toml` bytes, through the functions the loader reads them
    /// with: no panic, every problem names the file.
    #[test]
    fn toml_metadata_never_panics_and_names_the_file(input in byte_input(), outlets in any::<bool>()) {
        let mut d = Vec::new();
        let path = Path::new(if outlets { "outlets.toml" } else { "ev/event.toml" });
        if outlets {
            load::parse_outlets(path, &input, &mut Default::default(), &mut d);
        } else {
            drop(load::parse_event_meta(path, &input, &mut d));
        }
        for x in &d {
            prop_assert_eq!(&x.path, path);
        }
    }

    /// A BASIL record and generated annotation text: spans land inside their sentence or
    /// title, on character boundaries; problems name one of the two files.
    #[test]
    fn basil_annotations_stay_inside_the_article(
        paragraphs in prop::collection::vec(prop::collection::vec(text_input(), 0..4), 0..4),
        ann in text_input(),
    ) {
        let record = serde_json::json!({
            "source": "hpo", "title": "A title", "triplet-uuid": "t", "body-paragraphs": paragraphs,
        });
        let (path, ann_path) = (Path::new("articles/2010/1_HPO.json"), Path::new("ann.json"));
        let mut d = Vec::new();
        for mut p in json::parse_json(path, &record.to_string(), &mut d) {
            basil::attach_annotation_text(
                std::sync::Arc::make_mut(&mut p.article),
                ann_path,
                &ann,
                &mut d,
            );
            let a = &p.article;
            for s in a.gold.iter().flat_map(|g| &g.spans) {
                let base = if s.sentence.is_some() { a.body.as_str() } else { &a.title };
                prop_assert!(base.get(s.range.clone()).is_some(), "{:?}", s.range);
            }
        }
        for x in &d {
            prop_assert!(x.path == path || x.path == ann_path, "{}", x);
        }
    }

    /// A JSON Lines dump through the loader's stream reader, with a small per-record limit:
    /// no panic, every problem names the file.
    #[test]
    fn json_lines_streams_never_panic_and_name_the_file(input in byte_input(), limit in 16..4096u64) {
        let mut d = Vec::new();
        let path = Path::new("dump.jsonl");
        let parsed = json::read_jsonl_from(path, &input[..], limit, &mut d);
        check_parsed(path, input.len(), &parsed, &d);
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// A whole corpus folder on disk: event.toml, outlets.toml and articles in every format,
    /// read through the walk, decoding, streaming JSON Lines and grouping.
    #[test]
    fn corpus_folders_load_and_every_problem_names_a_file_inside(
        files in prop::collection::vec((0..8u8, byte_input()), 1..6)
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let ev = dir.path().join("2025-03-18-event");
        std::fs::create_dir_all(&ev).expect("mkdir");
        for (i, (kind, bytes)) in files.iter().enumerate() {
            let name = match kind {
                0 => "event.toml".to_string(),
                1 => "../outlets.toml".to_string(),
                2 => format!("o{i}.md"),
                3 => format!("o{i}.json"),
                4 => format!("o{i}.jsonl"),
                5 => format!("o{i}.html"),
                6 => format!("o{i}.xml"),
                _ => format!("o{i}.txt"),
            };
            std::fs::write(ev.join(name), bytes).expect("write");
        }
        let c = corpus::load(dir.path());
        for d in &c.diagnostics {
            prop_assert!(d.path.starts_with(dir.path()), "{}", d);
        }
    }

    /// Two articles of generated text: the comparison keeps its invariants and every report
    /// format renders; no markup or bidi control from the text is live in the reports.
    #[test]
    fn reports_of_any_text_are_inert(a in text_input(), b in text_input()) {
        use framediff::report::{Format, render};
        let ev = crate::analysis_robustness::event(vec![
            crate::analysis_robustness::article("bbc", &a, None),
            crate::analysis_robustness::article("tass", &b, Some("ru")),
        ]);
        let cmp = framediff::analysis::compare(&ev, &Default::default());
        crate::analysis_robustness::check_invariants(&ev, &cmp);
        let json = render(&cmp, &ev, Format::Json);
        prop_assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
        let md = render(&cmp, &ev, Format::Markdown);
        let html = render(&cmp, &ev, Format::Html);
        for (name, out) in [("markdown", &md), ("html", &html)] {
            prop_assert!(!out.to_lowercase().contains("<script"), "{} has <script", name);
            prop_assert!(!out.contains('\u{202e}') && !out.contains('\u{1b}'), "{}", name);
        }
    }
}

const KEYS: &str = "jkhlgG[]scu1234567890pxdz+-avnDmfNA!?:/qe ";

/// One step of a user: typed characters, every key the keymap binds, resizes (tiny to the largest a terminal reports),
/// clicks, wheel scrolls and pastes.
fn action() -> impl Strategy<Value = Action> {
    let bound = prop::sample::select(framediff::config::Config::defaults(false).keymap.all_keys());
    let size = prop_oneof![
        4 => (0..300u16, 0..120u16),
        1 => Just((u16::MAX, 2)),
        1 => Just((2, u16::MAX)),
        1 => Just((0, 0)),
    ];
    let target = prop_oneof![
        (0..20usize).prop_map(Target::Claim),
        (0..6usize).prop_map(Target::Column),
        (0..8usize).prop_map(Target::MatrixRow),
        (0..12usize).prop_map(Target::PickerRow),
        (0..6usize).prop_map(Target::ProfileOutlet),
        (0..6usize).prop_map(Target::ProblemRow),
        Just(Target::DiffPane),
        Just(Target::Article),
    ];
    prop_oneof![
        10 => prop::sample::select(KEYS.chars().collect::<Vec<_>>()).prop_map(key),
        4 => bound.prop_map(Action::Key),
        1 => size.prop_map(|(w, h)| Action::Resize(w, h)),
        2 => target.clone().prop_map(Action::Click),
        1 => (target, prop::bool::ANY).prop_map(|(t, up)| Action::Scroll(t, if up { -1 } else { 1 })),
        1 => text_input().prop_map(Action::Paste),
    ]
}

proptest! {
    #![proptest_config(config(48))]

    /// Random sessions never panic; the selection and the focused column stay valid; the
    /// state's size is the last resize; the Compare areas lie inside the frame; drawing at
    /// the state's size never panics. Analysis requests are answered at once.
    #[test]
    fn tui_sessions_keep_their_invariants(steps in prop::collection::vec(action(), 1..80)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = loaded_state(dir.path(), (80, 24));
        for a in steps {
            let resize = if let Action::Resize(w, h) = a { Some((w, h)) } else { None };
            for e in s.update(a) {
                if let framediff::app::Effect::Analyse { corpus, event } = e {
                    let ev = &corpus.events[event];
                    let result = framediff::app::engine::analyse(&corpus, ev).map(Arc::new);
                    s.update(Action::AnalysisDone { event_id: ev.id.clone(), result });
                }
            }
            s.quit = false;
            if let Some(size) = resize {
                prop_assert_eq!(s.size, size);
            }
            let cmp = s.comparison().expect("comparison").clone();
            if let Some(sel) = s.compare.selected {
                prop_assert!(sel < cmp.claims.len());
            }
            prop_assert!(s.compare.focus_col < cmp.columns.len());
            let (w, h) = s.size;
            let frame = Rect::new(0, 0, w, h);
            let areas = s.compare_areas();
            for r in areas.columns.iter().chain(areas.diff.iter()) {
                prop_assert_eq!(r.intersection(frame), *r, "{:?} outside {:?}", r, frame);
            }
            let mut buf = Buffer::empty(frame);
            let mut hits = HitMap::default();
            ui::render(frame, &mut buf, &s, &mut hits);
        }
    }
}

#[test]
fn the_generators_reach_the_parsers() {
    // A guard against generators that only ever make empty input: some generated Markdown
    // parses into an article.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let parsed = (0..200)
        .filter(|_| {
            let t = text_input().new_tree(&mut runner).expect("value").current();
            let mut d = Vec::new();
            text::parse(Path::new("a.md"), &t, &mut d).is_some()
        })
        .count();
    assert!(parsed > 20, "{parsed} of 200 generated texts parsed");
}
