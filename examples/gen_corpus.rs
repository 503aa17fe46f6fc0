//! Writes a large synthetic corpus built from BASIL dev sentences, for benchmarks and
//! for trying the TUI on big data.
//!
//! cargo run --release --example gen_corpus -- OUT [EVENTS] [OUTLETS] [BASIL_DIR]

#[path = "../benches/support/corpus_gen.rs"]
mod corpus_gen;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .skip(1)
        .collect();
    let Some(out) = args.first() else {
        eprintln!(
            "usage: gen_corpus OUT [EVENTS=1700] [OUTLETS=6] [BASIL_DIR=../shared/data/basil-dev]"
        );
        std::process::exit(2);
    };
    let events = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1700);
    let outlets = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(6);
    let basil = args
        .get(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data/basil-dev"));
    let g = corpus_gen::generate(&basil, &PathBuf::from(out), events, outlets)?;
    println!(
        "wrote {} articles ({:.1} MB) under {}",
        g.files,
        g.bytes as f64 / 1_048_576.0,
        g.root.display()
    );
    Ok(())
}
