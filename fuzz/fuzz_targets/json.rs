//! A `.json` article file (one record or a list; NaN/Infinity, BOMs, BASIL-shaped records),
//! in memory, decoded as the loader does. A panic, a hang, a diagnostic about another file or
//! an article without text is a finding.
#![no_main]

use std::path::Path;

use framediff::corpus::{json, load};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("ev/a.json");
    let mut d = Vec::new();
    let parsed = load::decode(path, data.to_vec(), &mut d)
        .map(|t| json::parse_json(path, &t, &mut d))
        .unwrap_or_default();
    common::check(path, &parsed, &d);
});
