//! The persistent cache on a large corpus: cold, warm and incremental loads, and `compare` of
//! one event with a warm cache, beside the same work without a cache.
//!
//! The corpus is `support/corpus_gen.rs` (real BASIL dev sentences), written once in event
//! folders and once more, as hard links, flat in one folder (loading it groups every article).
//!
//! cargo bench --bench cache

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use framediff::analysis::{CompareOptions, compare};
use framediff::cache::terms::compare_options;
use framediff::corpus::{self, Corpus, LoadOptions};

fn main() {
    divan::main();
}

/// Events x outlets of the generated corpus (overridable: FRAMEDIFF_BENCH_EVENTS).
const EVENTS: usize = 1700;
const OUTLETS: usize = 6;

struct Setup {
    _dir: tempfile::TempDir,
    folders: PathBuf,
    flat: PathBuf,
    cache: PathBuf,
    files: usize,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let basil = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/basil-dev");
        let events = std::env::var("FRAMEDIFF_BENCH_EVENTS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(EVENTS);
        let dir = tempfile::tempdir().expect("tempdir");
        let folders = dir.path().join("folders");
        let flat = dir.path().join("flat");
        let cache = dir.path().join("cache");
        let g = corpus_gen::generate(&basil, &folders, events, OUTLETS).expect("generate");
        std::fs::create_dir_all(&flat).expect("flat folder");
        for ev in std::fs::read_dir(&folders).expect("folders").flatten() {
            for f in std::fs::read_dir(ev.path()).expect("event").flatten() {
                let name = format!(
                    "{}-{}",
                    ev.file_name().to_string_lossy(),
                    f.file_name().to_string_lossy()
                );
                std::fs::hard_link(f.path(), flat.join(name)).expect("link");
            }
        }
        let s = Setup {
            _dir: dir,
            folders,
            flat,
            cache,
            files: g.files,
        };
        // warm: parsed files, groupings and term statistics of both layouts
        for root in [&s.folders, &s.flat] {
            let c = load(root, Some(&s.cache));
            assert!(c.article_count() > 0, "{}", root.display());
            compare_options(&c, Some(&s.cache));
        }
        s
    })
}

fn load(root: &Path, cache: Option<&Path>) -> Corpus {
    let opts = LoadOptions {
        cache: cache.map(Path::to_path_buf),
        ..LoadOptions::default()
    };
    corpus::load_with(root, &opts, &|_| {})
}

/// The baseline of the targets: the files in event folders, read and parsed, no cache.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_folders_no_cache(bencher: divan::Bencher) {
    let s = setup();
    bencher
        .counter(ItemsCount::new(s.files))
        .bench(|| load(&s.folders, None));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_folders_warm(bencher: divan::Bencher) {
    let s = setup();
    bencher
        .counter(ItemsCount::new(s.files))
        .bench(|| load(&s.folders, Some(&s.cache)));
}

/// Target (issue 12): at most 0.5x `load_folders_no_cache`.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn load_flat_warm(bencher: divan::Bencher) {
    let s = setup();
    bencher
        .counter(ItemsCount::new(s.files))
        .bench(|| load(&s.flat, Some(&s.cache)));
}

/// Reading, parsing and grouping everything, without writing (`--no-cache`).
#[divan::bench(sample_count = 2, sample_size = 1)]
fn load_flat_no_cache(bencher: divan::Bencher) {
    let s = setup();
    bencher
        .counter(ItemsCount::new(s.files))
        .bench(|| load(&s.flat, None));
}

/// An empty cache: everything read, parsed and grouped, and the cache written.
#[divan::bench(sample_count = 2, sample_size = 1)]
fn load_flat_cold(bencher: divan::Bencher) {
    let s = setup();
    bencher
        .counter(ItemsCount::new(s.files))
        .with_inputs(|| tempfile::tempdir().expect("tempdir"))
        .bench_values(|cache| {
            let c = load(&s.flat, Some(cache.path()));
            (c, cache)
        });
}

/// One file changed since the last load: that file parsed, the grouping recomputed.
#[divan::bench(sample_count = 2, sample_size = 1)]
fn load_flat_one_file_changed(bencher: divan::Bencher) {
    let s = setup();
    let first = std::fs::read_dir(&s.flat)
        .expect("flat")
        .flatten()
        .map(|e| e.path())
        .min()
        .expect("a file");
    let original = std::fs::read_to_string(&first).expect("read");
    let n = std::sync::atomic::AtomicU32::new(0);
    bencher
        .counter(ItemsCount::new(s.files))
        .with_inputs(|| {
            let n = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            // a new file, not an edit of the hard link shared with the folder layout
            let _ = std::fs::remove_file(&first);
            std::fs::write(&first, format!("{original}\nEdit {n}.\n")).expect("write");
        })
        .bench_values(|()| load(&s.flat, Some(&s.cache)));
}

/// Target (issue 12): under 0.5 s. Loading (warm) included, as `framediff compare` does.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn compare_one_event_warm(bencher: divan::Bencher) {
    let s = setup();
    bencher.bench(|| {
        let c = load(&s.folders, Some(&s.cache));
        let options = compare_options(&c, Some(&s.cache));
        compare(&c.events[0], &options)
    });
}

#[divan::bench(sample_count = 2, sample_size = 1)]
fn compare_one_event_no_cache(bencher: divan::Bencher) {
    let s = setup();
    bencher.bench(|| {
        let c = load(&s.folders, None);
        let options = CompareOptions::for_corpus(&c);
        compare(&c.events[0], &options)
    });
}
