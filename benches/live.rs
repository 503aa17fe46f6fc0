//! The terminal UI's corpus kept loaded (`corpus::live::Live`, docs/scaling.md "Incremental
//! updates in the terminal UI"): one added file applied to a loaded generated archive, and the
//! search index made after it, whole and from the previous index (its sentences and the word
//! index entries of the unchanged rows).
//!
//! The archive is `support/archive_gen.rs` (real sentences from `../shared/data`), flat (so
//! every article is grouped), 8,000 articles by default (FRAMEDIFF_BENCH_ARTICLES), loaded
//! once with a cache (a full grouping) before the benches. The added file is a new outlet's
//! article of 15 sentences from five archive articles, dated 2030: it joins no event, so the
//! update is incremental (no fallback to a full regroup); its removal is applied, untimed,
//! before each addition.
//!
//! cargo bench --bench live

#[path = "support/archive_gen.rs"]
mod archive_gen;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use framediff::app::engine::{TextIndex, index_text, index_text_reusing};
use framediff::corpus::live::{Applied, Live};
use framediff::corpus::{Corpus, LoadOptions};

fn main() {
    divan::main();
}

const ARTICLES: usize = 8000;

struct Setup {
    _dir: tempfile::TempDir,
    flat: PathBuf,
    /// The added file's text.
    text: String,
    live: Mutex<Live>,
    /// The corpus before the added file, and its text index.
    before: Arc<Corpus>,
    index: TextIndex,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        let n = std::env::var("FRAMEDIFF_BENCH_ARTICLES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(ARTICLES);
        let dir = tempfile::tempdir().expect("tempdir");
        let a = archive_gen::generate(&data, &dir.path().join("arch"), n, false)
            .expect("the archive is written");
        let opts = LoadOptions {
            cache: Some(dir.path().join("cache")),
            ..LoadOptions::default()
        };
        let (live, before) = Live::load(&a.flat, &opts, &|_| {});
        let live = live.expect("a flat folder takes changes");
        let before = Arc::new(before);
        let index = index_text(before.clone());
        let text = new_article(&a.flat);
        Setup {
            _dir: dir,
            flat: a.flat,
            text,
            live: Mutex::new(live),
            before,
            index,
        }
    })
}

/// A new outlet's article: the first three long sentences of five archive articles spread
/// over it, dated 2030, titled "Qorvane harbour report".
fn new_article(flat: &std::path::Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(flat)
        .expect("archive")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    let mut sentences = Vec::new();
    for k in 0..5 {
        let text = std::fs::read_to_string(&names[(k * 1009 + 17) % names.len()]).expect("read");
        let body = text
            .splitn(3, "---")
            .nth(2)
            .unwrap_or_default()
            .replace('\n', " ");
        sentences.extend(
            body.split(". ")
                .filter(|s| s.trim().len() > 40)
                .take(3)
                .map(|s| format!("{}.", s.trim().trim_end_matches('.'))),
        );
    }
    format!(
        "---\noutlet: outlet-bench\ntitle: \"Qorvane harbour report\"\ndate: \"2030-06-01\"\n\
         language: en\n---\n\n{}\n",
        sentences.join(" ")
    )
}

fn changed(live: &mut Live, path: &std::path::Path) -> Corpus {
    match live.apply(&[path.to_path_buf()], &|_| {}) {
        Ok(Applied::Changed(c)) => c,
        other => panic!("{}: {other:?}", path.display()),
    }
}

/// One added file applied to the loaded archive: the file read, duplicate removal and
/// grouping updated from the records in memory, the corpus made (the records are packed and
/// written by the cache's background thread, not timed here unless it competes).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn one_added_file(bencher: divan::Bencher) {
    let s = setup();
    let path = s.flat.join("zz-live-bench.md");
    bencher
        .with_inputs(|| {
            let mut live = s.live.lock().unwrap();
            if path.exists() {
                std::fs::remove_file(&path).unwrap();
                changed(&mut live, &path);
            }
            std::fs::write(&path, &s.text).unwrap();
            live
        })
        .bench_local_values(|mut live| {
            let c = changed(&mut live, &path);
            assert_eq!(c.article_count(), s.before.article_count() + 1);
            assert!(
                c.incremental
                    .iter()
                    .any(|n| n.starts_with("grouping updated")),
                "an incremental update, not a full regroup: {:?}",
                c.incremental
            );
            c
        });
}

/// The corpus after one added file, for the index benches.
fn after() -> &'static Arc<Corpus> {
    static AFTER: OnceLock<Arc<Corpus>> = OnceLock::new();
    AFTER.get_or_init(|| {
        let s = setup();
        let path = s.flat.join("zz-index-bench.md");
        std::fs::write(&path, &s.text).unwrap();
        let mut live = s.live.lock().unwrap();
        let c = Arc::new(changed(&mut live, &path));
        std::fs::remove_file(&path).unwrap();
        changed(&mut live, &path);
        c
    })
}

/// The search index of the corpus after one added file, built whole.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn index_after_one_added_file_whole(bencher: divan::Bencher) {
    let c = after();
    bencher.bench(|| index_text(c.clone()));
}

/// The same index made from the previous one: the unchanged articles' sentences, and the word
/// index entries of every unchanged row moved to its new id (`WordIndex::rebuild`).
#[divan::bench(sample_count = 10, sample_size = 1)]
fn index_after_one_added_file_reusing(bencher: divan::Bencher) {
    let s = setup();
    let c = after();
    bencher.bench(|| index_text_reusing(c.clone(), Some(&s.index)));
}
