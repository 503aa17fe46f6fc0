//! Every date reader on one string: front-matter dates (`date::parse`, with the ambiguity
//! check and the warning `fields::read_date` writes), dates in URLs and datelines in text.
//! A panic, a hang, or a date recovered from a URL or dateline outside 1900–2100 is a finding.
#![no_main]

use std::path::Path;

use chrono::Datelike;
use framediff::corpus::{date, fields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let parsed = date::parse(&s).map(date::ParsedDate::date);
    let _ = date::ambiguous_alternative(&s);
    let mut d = Vec::new();
    let read = fields::read_date(&s, Path::new("a.md"), Some(1), &mut d);
    assert_eq!(read, parsed);
    for got in [date::from_url(&s), date::from_text(&s)]
        .into_iter()
        .flatten()
    {
        assert!((1900..=2100).contains(&got.year()), "{got}");
    }
});
