//! Helpers shared by integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of `../shared/data`. Tests that need it are `#[ignore]`d with the reason, so a
/// plain `cargo test` lists them as ignored rather than passing without data; with the data
/// beside the checkout, `cargo test -- --ignored shared_data_` runs them, and a missing
/// folder then fails the test with its path.
pub fn shared_data(name: &str) -> PathBuf {
    let p = repo().join("..").join("shared").join("data").join(name);
    assert!(
        p.exists(),
        "{} not found: this test needs the research data beside the checkout",
        p.display()
    );
    p
}
