//! A JSON Lines dump read by the loader's own stream reader (`read_jsonl_from`) from memory.
//! The first byte sets the per-record limit (16 to 4,096 bytes), so records over it are
//! reported and skipped; the rest is the file. A panic, a hang, a diagnostic
//! about another file or an article without text is a finding.
#![no_main]

use std::path::Path;

use framediff::corpus::json;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    let max_record = (u64::from(limit) + 1) * 16;
    let path = Path::new("dump.jsonl");
    let mut d = Vec::new();
    let parsed = json::read_jsonl_from(path, rest, max_record, &mut d);
    common::check(path, &parsed, &d);
});
