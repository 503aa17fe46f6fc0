//! A Markdown or plain-text article with YAML (`---`) or TOML (`+++`) front matter, in
//! memory, as the loader reads one: bytes decoded (BOMs, UTF-16, legacy encodings, binary
//! rejected), then front matter, fields and body. A panic, a hang, a diagnostic about
//! another file or an article without text is a finding.
#![no_main]

use std::path::Path;

use framediff::corpus::{load, text};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("ev/a.md");
    let mut d = Vec::new();
    let parsed = load::decode(path, data.to_vec(), &mut d)
        .and_then(|t| text::parse(path, &t, &mut d))
        .into_iter()
        .collect::<Vec<_>>();
    common::check(path, &parsed, &d);
});
