//! Prints the pair decision's inputs for labelled pairs of ECB+ (gold event coreference) or
//! MRPC, one pair a line: label, similarity, paraphrase, coverage both ways, shared content
//! terms, verdict. A tool for choosing the decision's rules on data, not part of the product.
//!
//! `cargo run --release --example pair_features -- ecbplus ../shared/data/ecbplus-dev > ecb.tsv`
//! `cargo run --release --example pair_features -- mrpc ../shared/data/mrpc/msr_paraphrase_train.txt`

use framediff::analysis::eval::{self, ecbplus};
use framediff::analysis::{IdfTable, LexicalSimilarity, PairScorer, Similarity, Thresholds};

fn main() {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let (kind, path) = (args[1].as_str(), std::path::Path::new(&args[2]));
    let labelled: Vec<(bool, String, String)> = match kind {
        "ecbplus" => {
            let data = ecbplus::read(path).expect("ECB+ data");
            let texts = ecbplus::sentence_texts(&data);
            ecbplus::gold_pairs(&data)
                .into_iter()
                .map(|p| {
                    (
                        p.positive,
                        texts[p.a.0][&p.a.1].clone(),
                        texts[p.b.0][&p.b.1].clone(),
                    )
                })
                .collect()
        }
        _ => {
            let d = eval::read_mrpc(path).expect("MRPC");
            d.pairs
                .into_iter()
                .zip(d.labels)
                .map(|((a, b), l)| (l == "1", a, b))
                .collect()
        }
    };
    let th = Thresholds::default();
    let mut scorer = PairScorer::new(th);
    let mut feats: Vec<_> = labelled
        .iter()
        .map(|(_, a, b)| (scorer.features(a), scorer.features(b)))
        .collect();
    let idf = IdfTable::from_claims(feats.iter().flat_map(|(a, b)| [a, b]), scorer.vocab.len());
    let sim = LexicalSimilarity::new(&idf);
    for (a, b) in &mut feats {
        sim.prepare(std::slice::from_mut(a));
        sim.prepare(std::slice::from_mut(b));
    }
    let weights = idf.weights();
    for ((l, ta, tb), (a, b)) in labelled.iter().zip(&feats) {
        let s = sim.similarity(a, b);
        let p = sim.paraphrase(a, b);
        let (cab, cba) = (sim.coverage(a, b), sim.coverage(b, a));
        let shared = a.term_ids.iter().filter(|t| b.term_ids.contains(t)).count();
        let mass: f32 = a
            .term_ids
            .iter()
            .filter(|t| b.term_ids.contains(t))
            .map(|&t| weights.get(t as usize).copied().unwrap_or(1.0))
            .sum();
        let ents = a
            .entity_keys
            .iter()
            .filter(|k| b.entity_keys.contains(k))
            .count();
        let (_, v, r) = scorer.score(a, b, &sim);
        println!(
            "{}\t{s:.4}\t{p:.4}\t{cab:.4}\t{cba:.4}\t{shared}\t{}\t{}\t{}\t{}\t{mass:.3}\t{ents}\t{}\t{}",
            u8::from(*l),
            v.as_str(),
            r.join("; ").replace('\t', " "),
            ta.replace('\t', " "),
            tb.replace('\t', " "),
            a.term_ids.len(),
            b.term_ids.len()
        );
    }
}
