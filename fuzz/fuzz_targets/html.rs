//! An HTML page, in memory, as the loader reads one: bytes decoded with the page's declared
//! charset, the nesting and work budgets checked (pages over them are reported, not parsed),
//! then Readability extraction. A panic, a hang (the budgets must keep every input far under
//! libFuzzer's timeout), a diagnostic about another file or an article without text is a
//! finding.
#![no_main]

use std::path::Path;

use framediff::corpus::encoding::{self, Declared};
use framediff::corpus::html;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("ev/page.html");
    let mut d = Vec::new();
    let parsed = encoding::decode(path, data.to_vec(), Declared::Html, &mut d)
        .and_then(|t| html::parse(path, &t, &mut d))
        .into_iter()
        .collect::<Vec<_>>();
    common::check(path, &parsed, &d);
});
