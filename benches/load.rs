//! Corpus loading speed at 10,000+ articles (files/s and MB/s).
//!
//! cargo bench --bench load

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::{BytesCount, ItemsCount};
use framediff::corpus::{self, LoadOptions};

fn main() {
    divan::main();
}

const EVENTS: usize = 1700;
const OUTLETS: usize = 6;

/// Generated once per run: (temp dir guard, files, bytes).
fn generated() -> &'static (tempfile::TempDir, usize, u64) {
    static CORPUS: OnceLock<(tempfile::TempDir, usize, u64)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let basil = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/basil-dev");
        let dir = tempfile::tempdir().expect("tempdir");
        let g = corpus_gen::generate(&basil, dir.path(), EVENTS, OUTLETS).expect("generate corpus");
        (dir, g.files, g.bytes)
    })
}

fn bench_load(bencher: divan::Bencher, threads: usize) {
    let (dir, files, bytes) = generated();
    let opts = LoadOptions {
        threads,
        ..LoadOptions::default()
    };
    bencher
        .counter(ItemsCount::new(*files))
        .counter(BytesCount::new(*bytes))
        .bench(|| {
            let c = corpus::load_with(dir.path(), &opts, &|_| {});
            assert_eq!(c.article_count(), *files);
            c
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_10k_articles_1_thread(bencher: divan::Bencher) {
    bench_load(bencher, 1);
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_10k_articles_all_cores(bencher: divan::Bencher) {
    bench_load(bencher, LoadOptions::default().threads);
}

/// Loose articles (no event folders) go through automatic grouping.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn group_basil_flat(bencher: divan::Bencher) {
    let basil = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/basil-dev");
    let c = corpus::load(&basil);
    let loose: Vec<std::sync::Arc<corpus::Article>> =
        c.events.into_iter().flat_map(|e| e.articles).collect();
    bencher
        .counter(ItemsCount::new(loose.len()))
        .with_inputs(|| loose.clone())
        .bench_values(|arts| {
            corpus::grouping::group(arts, &corpus::GroupingOptions::default(), &mut Vec::new())
        });
}
