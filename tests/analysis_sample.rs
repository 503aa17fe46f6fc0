//! The claim engine on the bundled sample corpus (issue 3, "Done when").

use std::path::PathBuf;

use framediff::analysis::{ClusterKind, CompareOptions, Comparison, compare};
use framediff::corpus;

fn sample() -> Comparison {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let c = corpus::load(&root);
    let ev = c
        .find_event("2025-03-18-trump-putin-call")
        .expect("sample event is bundled");
    compare(ev, &CompareOptions::default())
}

#[test]
fn dump_sample() {
    let cmp = sample();
    for cl in &cmp.clusters {
        println!(
            "== {} {:?} sim={:.2} {:?}",
            cl.id, cl.kind, cl.similarity, cl.reasons
        );
        for &m in &cl.members {
            let c = &cmp.claims[m];
            println!("   [{}] {}", c.outlet, c.text);
        }
    }
    assert!(cmp.clusters.iter().any(|c| c.kind == ClusterKind::Shared));
}

#[test]
#[ignore = "debug: similarity of chosen claim pairs"]
fn debug_pairs() {
    use framediff::analysis::{IdfTable, LexicalSimilarity, PairScorer, Similarity, Thresholds};
    let cmp = sample();
    let mut sc = PairScorer::new(Thresholds::default());
    let feats: Vec<_> = cmp.claims.iter().map(|c| sc.features(&c.text)).collect();
    let idf = IdfTable::from_claims(&feats, sc.vocab.len());
    let sim = LexicalSimilarity::new(&idf);
    let pick = |s: &str| cmp.claims.iter().position(|c| c.text.contains(s)).expect(s);
    let keys = [
        "By turning down the unconditional",
        "Putin effectively rejected the proposal",
        "Putin stopped short of signing",
        "So instead of the unconditional ceasefire",
        "refused to back a full ceasefire",
        "did not reject the American idea",
        "He rejected the full truce",
        "fell well short of the unconditional truce",
    ];
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            let (x, y) = (&feats[pick(a)], &feats[pick(b)]);
            let (s, v, r) = sc.score(x, y, &sim);
            println!(
                "{s:.2} {v:?} {r:?} cov {:.2}/{:.2} | {a} | {b}",
                sim.coverage(x, y),
                sim.coverage(y, x)
            );
        }
    }
    for k in keys {
        println!("{k}: {:?}", feats[pick(k)].terms);
    }
}
