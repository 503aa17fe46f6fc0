//! Speed of sentence embedding (feature `semantic`): sentences per second through the
//! encoder (tokenise, forward pass, pool, normalise), and through the cache when every
//! sentence is already there. Sentences: every sentence of the sample corpus.
//!
//! With `FRAMEDIFF_BENCH_MODEL=DIR` it runs that model folder (e.g. all-MiniLM-L6-v2, for the
//! figures in BENCHMARKS.md); without, a tiny random BERT written to a temporary folder, which
//! measures the code path rather than a real model.
//!
//! cargo bench --features semantic --bench embed

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use framediff::analysis::embedding::tiny::write_tiny_model;
use framediff::analysis::embedding::{Embedder, EmbeddingCache, Pooling, SentenceEncoder};
use framediff::analysis::sentences::split_sentences;

fn main() {
    divan::main();
}

fn model_dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| match std::env::var_os("FRAMEDIFF_BENCH_MODEL") {
        Some(d) => PathBuf::from(d),
        None => {
            let dir =
                std::env::temp_dir().join(format!("framediff-bench-tiny-{}", std::process::id()));
            write_tiny_model(&dir, Pooling::Mean, 1).expect("write the tiny model");
            dir
        }
    })
}

fn encoder() -> &'static SentenceEncoder {
    static E: OnceLock<SentenceEncoder> = OnceLock::new();
    E.get_or_init(|| SentenceEncoder::load(model_dir()).expect("load the model"))
}

fn sentences() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let corpus =
            framediff::corpus::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
        let mut out = Vec::new();
        for a in corpus.events.iter().flat_map(|e| &e.articles) {
            for r in split_sentences(a.body.as_str()) {
                out.push(a.body.as_str()[r].trim().to_string());
            }
        }
        assert!(!out.is_empty(), "the sample corpus has sentences");
        out
    })
}

/// Every sample sentence through the encoder, nothing cached.
#[divan::bench(sample_count = 5)]
fn encode_uncached(b: divan::Bencher) {
    let texts: Vec<&str> = sentences().iter().map(String::as_str).collect();
    let enc = encoder();
    enc.embed(&texts[..1]).expect("weights load"); // weights read outside the timing
    b.counter(ItemsCount::new(texts.len()))
        .bench(|| enc.embed(&texts).expect("embed"));
}

/// Every sample sentence answered from a warm in-memory cache.
#[divan::bench(sample_count = 20)]
fn cache_warm(b: divan::Bencher) {
    let texts: Vec<&str> = sentences().iter().map(String::as_str).collect();
    let enc = SentenceEncoder::load(model_dir()).expect("load the model");
    let dim = enc.dim();
    let e = Embedder::with_cache(enc, EmbeddingCache::in_memory(dim));
    e.embed(&texts).expect("embed");
    b.counter(ItemsCount::new(texts.len()))
        .bench(|| e.embed(&texts).expect("cached"));
}
