//! Helpers shared by integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of `../shared/data`, or `None` (with a message) when the data is not beside the
/// checkout, so the test is skipped rather than failed on machines without it.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let p = repo().join("..").join("shared").join("data").join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}
