//! Corpus-wide term statistics for `compare` ([`CorpusTerms`]), reused while every text of the
//! corpus is the same.
//!
//! Counting them analyses every claim of every article, about as much work as comparing every
//! event once; with the cache, comparing one event of a large corpus costs only that event.
//! The key is an XXH3-128 over each article's language and text (its XXH3-64, so text left on
//! disk is not read for it: [`crate::corpus::Body::digest`]) in corpus order, the only
//! inputs of [`CorpusTerms::from_articles`].

use serde::{Deserialize, Serialize};

use super::format::Kind;
use super::{CorpusCache, Digest};
use crate::analysis::CompareOptions;
use crate::analysis::similarity::CorpusTerms;
use crate::corpus::Corpus;

const FILE: &str = "terms.fdc";

#[derive(Serialize)]
struct RecordRef<'a> {
    key: [u64; 2],
    terms: &'a CorpusTerms,
}

#[derive(Deserialize)]
struct Record {
    key: [u64; 2],
    terms: CorpusTerms,
}

impl CorpusCache {
    /// The term statistics of `corpus`, from the cache when its texts are unchanged, else
    /// computed with `compute` and stored.
    pub fn corpus_terms(
        &self,
        corpus: &Corpus,
        compute: impl FnOnce() -> CorpusTerms,
    ) -> CorpusTerms {
        let key = key(corpus);
        if let Some(terms) = self.cached_terms(key) {
            return terms;
        }
        let terms = compute();
        super::note(format_args!("term statistics counted and stored"));
        self.write(FILE, Kind::Terms, &RecordRef { key, terms: &terms });
        terms
    }
}

/// The key of a corpus's term statistics: XXH3-128 over every article's language and text,
/// in corpus order.
pub fn key(corpus: &Corpus) -> [u64; 2] {
    let mut k = Digest::new();
    for a in corpus.events.iter().flat_map(|e| &e.articles) {
        k.opt(a.language.as_deref())
            .bytes(&a.body.digest().to_le_bytes());
    }
    k.finish128()
}

impl CorpusCache {
    /// The stored term statistics, when stored under `key` ([`key`]).
    pub fn cached_terms(&self, key: [u64; 2]) -> Option<CorpusTerms> {
        let rec = self.read::<Record>(FILE, Kind::Terms)?;
        (rec.key == key).then(|| {
            super::note(format_args!("term statistics from the cache"));
            rec.terms
        })
    }
}

/// [`CompareOptions::for_corpus`] with the term statistics from the cache under `root` (the
/// corpus's cache as it was opened, `corpus.root`); without a root, counted as usual.
pub fn compare_options(corpus: &Corpus, root: Option<&std::path::Path>) -> CompareOptions {
    let count = || {
        CorpusTerms::from_articles(
            corpus
                .events
                .iter()
                .flat_map(|e| e.articles.iter().map(|a| &**a)),
        )
    };
    let terms = match root.and_then(|r| CorpusCache::open(r, &corpus.root)) {
        Some(cache) => cache.corpus_terms(corpus, count),
        None => count(),
    };
    CompareOptions::with_corpus_terms(corpus, terms)
}
