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
