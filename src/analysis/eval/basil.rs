//! BASIL (Fan et al., EMNLP 2019) events as framediff compares them: each triplet's three
//! whole articles (Fox News, New York Times, HuffPost) as three outlets of one event, term
//! weights from every article of the set. Gives the verdict counts per event and a pool for a
//! reader's sample.

use std::path::Path;

use super::sample::Pool;
use super::verdicts::{Compared, ToCompare, compare_events};
use crate::analysis::CompareOptions;
use crate::corpus::json::BASIL_OUTLETS;
use crate::corpus::{Corpus, EventOrigin};

/// The corpus's BASIL events (loaded as triplets, with gold annotations), ready to compare:
/// outlets named as BASIL's codes say, headed `event <triplet uuid> (<main event>)`.
pub fn events(corpus: &Corpus) -> Vec<ToCompare> {
    let mut options = CompareOptions::default();
    for (_, id, name) in BASIL_OUTLETS {
        options
            .outlet_names
            .insert((*id).to_string(), (*name).to_string());
    }
    corpus
        .events
        .iter()
        .filter(|e| e.origin == EventOrigin::Basil)
        .enumerate()
        .map(|(i, e)| {
            let heading = format!("event {} ({})", e.id, e.title);
            (i, heading, e.clone(), options.clone())
        })
        .collect()
}

/// Compares every BASIL event of `corpus` with `backend`.
pub fn compare_corpus(
    corpus: &Corpus,
    backend: crate::analysis::BackendFactory<'_>,
) -> Vec<Compared> {
    compare_events(events(corpus), backend)
}

/// The compared events as a pool of a reader's sample; `dir` is the BASIL folder read.
pub fn pool(dir: &Path, compared: Vec<Compared>) -> Pool {
    Pool {
        name: "BASIL dev".into(),
        text: "article",
        raw: format!(
            "whole articles, in {}/articles/YEAR/TRIPLET_N.json (the text is the \
             `body-paragraphs` field; the event is the `triplet-uuid`); every item lists the \
             files of its event's three articles, to read a `unique` claim against the others.",
            dir.display()
        ),
        inline_others: false,
        compared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_basil_events_are_taken_and_outlets_get_their_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = crate::corpus::load(dir.path());
        assert!(events(&corpus).is_empty());
        let p = pool(dir.path(), Vec::new());
        assert!(p.raw.contains("/articles/YEAR/TRIPLET_N.json"), "{}", p.raw);
        assert!(!p.inline_others);
    }
}
