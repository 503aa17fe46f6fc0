//! `event.toml` (first byte even) or `outlets.toml` (odd) bytes, parsed by the functions the
//! loader reads them with. A panic, a hang or a diagnostic about another file is a finding.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use framediff::corpus::load;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let mut d = Vec::new();
    let path = if kind % 2 == 0 {
        let path = Path::new("ev/event.toml");
        drop(load::parse_event_meta(path, rest, &mut d));
        path
    } else {
        let path = Path::new("outlets.toml");
        let mut outlets = BTreeMap::new();
        load::parse_outlets(path, rest, &mut outlets, &mut d);
        path
    };
    for x in &d {
        assert_eq!(x.path, path, "{x}");
    }
});
