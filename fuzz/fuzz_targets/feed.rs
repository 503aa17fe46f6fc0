//! An RSS or Atom feed, in memory, as the loader reads one: bytes decoded with the XML
//! declaration's encoding, the declaration rewritten to UTF-8, then every item (HTML in
//! descriptions turned into text). A panic, a hang, a diagnostic about another file or an
//! article without text is a finding.
#![no_main]

use std::path::Path;

use framediff::corpus::encoding::{self, Declared};
use framediff::corpus::feed;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("ev/feed.xml");
    let mut d = Vec::new();
    let parsed = encoding::decode(path, data.to_vec(), Declared::Xml, &mut d)
        .map(|t| feed::parse(path, encoding::declare_utf8(&t).as_bytes(), &mut d))
        .unwrap_or_default();
    common::check(path, &parsed, &d);
});
