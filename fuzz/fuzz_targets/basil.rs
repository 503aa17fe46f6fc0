//! A BASIL record and its annotation file: the input is split at its first 0xFF byte into
//! the article's `.json` (read by the JSON loader: `body-paragraphs` give gold sentences)
//! and the `_ann.json` text whose character offsets are attached as gold spans. A panic, a
//! hang, a diagnostic about a third file, or a gold span outside its article's text (or not
//! on character boundaries) is a finding.
#![no_main]

use std::path::Path;

use framediff::corpus::{basil, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let at = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let (record, ann) = (&data[..at], data.get(at + 1..).unwrap_or_default());
    let (path, ann_path) = (Path::new("articles/2010/1_HPO.json"), Path::new("ann.json"));
    let mut d = Vec::new();
    let mut parsed = json::parse_json(path, &String::from_utf8_lossy(record), &mut d);
    let ann = String::from_utf8_lossy(ann);
    for p in &mut parsed {
        basil::attach_annotation_text(&mut p.article, ann_path, &ann, &mut d);
        let a = &p.article;
        for s in a.gold.iter().flat_map(|g| &g.spans) {
            let base = if s.sentence.is_some() {
                a.body.as_str()
            } else {
                &a.title
            };
            assert!(
                base.get(s.range.clone()).is_some(),
                "span {:?} outside",
                s.range
            );
        }
    }
    for x in &d {
        assert!(x.path == path || x.path == ann_path, "{x}");
    }
});
