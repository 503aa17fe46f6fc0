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
    let idf = IdfTable::from_sourced_claims(
        feats.iter().zip(&cmp.claims).map(|(f, c)| (f, c.column)),
        sc.vocab.len(),
    );
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

#[test]
#[ignore = "debug: topic similarity of evaluative pairs"]
fn debug_eval_pairs() {
    use framediff::analysis::{IdfTable, LexicalSimilarity, PairScorer, Similarity, Thresholds};
    let cmp = sample();
    let mut sc = PairScorer::new(Thresholds::default());
    let mut feats: Vec<_> = cmp.claims.iter().map(|c| sc.features(&c.text)).collect();
    for col in &cmp.columns {
        for (i, &id) in col.claims.iter().enumerate() {
            let lo = i.saturating_sub(2);
            let hi = (i + 2).min(col.claims.len());
            let mut ctx: Vec<u32> = col.claims[lo..hi]
                .iter()
                .flat_map(|&n| feats[n].term_ids.clone())
                .collect();
            ctx.sort_unstable();
            ctx.dedup();
            feats[id].context_ids = ctx;
        }
    }
    let idf = IdfTable::from_sourced_claims(
        feats.iter().zip(&cmp.claims).map(|(f, c)| (f, c.column)),
        sc.vocab.len(),
    );
    let sim = LexicalSimilarity::new(&idf);
    let ev: Vec<usize> = (0..feats.len())
        .filter(|&i| feats[i].evaluation() != 0)
        .collect();
    let mut rows = Vec::new();
    for (x, &i) in ev.iter().enumerate() {
        for &j in &ev[x + 1..] {
            if cmp.claims[i].column != cmp.claims[j].column
                && feats[i].evaluation().signum() != feats[j].evaluation().signum()
            {
                rows.push((
                    sim.topic_similarity(&feats[i], &feats[j]),
                    sim.similarity(&feats[i], &feats[j]),
                    i,
                    j,
                ));
            }
        }
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (t, s, i, j) in rows.iter().take(40) {
        println!(
            "{t:.2} {s:.2} [{}] {:?} {} || [{}] {:?} {}",
            cmp.claims[*i].outlet,
            feats[*i].loaded,
            cmp.claims[*i].text,
            cmp.claims[*j].outlet,
            feats[*j].loaded,
            cmp.claims[*j].text
        );
    }
}
