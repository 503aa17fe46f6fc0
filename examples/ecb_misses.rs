//! Lists the ECB+ gold pairs the alignment gets wrong, one pair a line: the kind (`miss`: a
//! gold positive pair no cluster links; `wrong`: a linked gold negative), the two sentences'
//! ids, the content terms they share after the synonym fold, and the two texts. A tool for
//! finding what the same-fact rules miss, not part of the product.
//!
//! `cargo run --release --example ecb_misses -- ../shared/data/ecbplus-dev > misses.tsv`

use std::collections::{BTreeSet, HashMap};

use framediff::analysis::eval::ecbplus;
use framediff::analysis::{CompareOptions, PairScorer, Thresholds, lexical_backend};

#[path = "support/ecb_shown.rs"]
mod ecb_shown;

/// Cluster ids (not unique) showing each `(document, sentence)` of the data.
fn links(
    data: &ecbplus::EcbData,
    compared: &[framediff::analysis::eval::verdicts::Compared],
) -> HashMap<(usize, usize), BTreeSet<usize>> {
    ecb_shown::shown(data, compared)
        .into_iter()
        .map(|(k, v)| (k, v.into_keys().collect()))
        .collect()
}

fn main() {
    let dir = std::env::args_os().nth(1).expect("ECB+ folder");
    let data = ecbplus::read(std::path::Path::new(&dir)).expect("ECB+ data");
    let compared = ecbplus::compare_subtopics(&data, &CompareOptions::default(), &lexical_backend);
    let linked = links(&data, &compared);
    let texts = ecbplus::sentence_texts(&data);
    let mut scorer = PairScorer::new(Thresholds::default());
    let empty = BTreeSet::new();
    for p in ecbplus::gold_pairs(&data) {
        let la = linked.get(&p.a).unwrap_or(&empty);
        let lb = linked.get(&p.b).unwrap_or(&empty);
        let link = la.intersection(lb).next().is_some();
        let kind = match (p.positive, link) {
            (true, false) => "miss",
            (false, true) => "wrong",
            _ => continue,
        };
        let (ta, tb) = (&texts[p.a.0][&p.a.1], &texts[p.b.0][&p.b.1]);
        let (fa, fb) = (scorer.features(ta), scorer.features(tb));
        let shared: Vec<&str> = fa
            .terms
            .iter()
            .filter(|t| fb.terms.contains(t))
            .map(String::as_str)
            .collect();
        println!(
            "{kind}\t{}:{}\t{}:{}\t{}\t{}\t{}",
            data.documents[p.a.0].id,
            p.a.1,
            data.documents[p.b.0].id,
            p.b.1,
            shared.join(","),
            ta.replace(['\t', '\n'], " "),
            tb.replace(['\t', '\n'], " ")
        );
    }
}
