//! Writes an archive-like corpus (issue 12) built from the real sentences of the research
//! data, twice: OUT/flat (one folder) and OUT/events (a folder per event).
//!
//! cargo run --release --example gen_archive -- OUT [ARTICLES=40000] [DATA=../shared/data] [--no-neus]
//!
//! `--no-neus` leaves the NeuS dev leads out of the sentences: the haystack for
//! `framediff eval neus --haystack`, which must not hold the stories' own sentences.

#[path = "../benches/support/archive_gen.rs"]
mod archive_gen;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let all: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .skip(1)
        .collect();
    let with_neus = !all.iter().any(|a| a == "--no-neus");
    let args: Vec<String> = all.into_iter().filter(|a| a != "--no-neus").collect();
    let Some(out) = args.first() else {
        eprintln!("usage: gen_archive OUT [ARTICLES=40000] [DATA=../shared/data] [--no-neus]");
        std::process::exit(2);
    };
    let articles = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(40_000);
    let data = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let a = archive_gen::generate(&data, &PathBuf::from(out), articles, with_neus)?;
    println!(
        "wrote {} articles in {} events ({:.1} MB, {} distinct sentences) under {} and {}",
        a.articles,
        a.events,
        a.bytes as f64 / 1_048_576.0,
        a.pool,
        a.flat.display(),
        a.events_dir.display()
    );
    Ok(())
}
