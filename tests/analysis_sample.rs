//! The claim engine on the bundled sample corpus (issue 3, "Done when").

use std::path::PathBuf;

use framediff::analysis::{ClusterKind, CompareOptions, Comparison, compare};
use framediff::corpus::{self, Corpus};

const EVENT: &str = "2025-03-18-trump-putin-call";

fn load() -> Corpus {
    corpus::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"))
}

fn sample() -> Comparison {
    let c = load();
    let ev = c.find_event(EVENT).expect("sample event is bundled");
    compare(ev, &CompareOptions::default())
}

/// Clusters of `kind` with a member from `outlet` whose text contains `needle`.
fn clusters_with<'a>(
    cmp: &'a Comparison,
    kind: ClusterKind,
    outlet: &str,
    needle: &str,
) -> Vec<&'a framediff::analysis::Cluster> {
    cmp.clusters
        .iter()
        .filter(|c| c.kind == kind)
        .filter(|c| {
            c.members.iter().any(|&m| {
                cmp.claims[m].outlet == outlet && cmp.claims[m].text.to_lowercase().contains(needle)
            })
        })
        .collect()
}

fn outlets(cmp: &Comparison, c: &framediff::analysis::Cluster) -> Vec<String> {
    let mut o: Vec<String> = c
        .members
        .iter()
        .map(|&m| cmp.claims[m].outlet.clone())
        .collect();
    o.dedup();
    o
}

fn has_member(
    cmp: &Comparison,
    c: &framediff::analysis::Cluster,
    outlet: &str,
    needles: &[&str],
) -> bool {
    c.members.iter().any(|&m| {
        let t = cmp.claims[m].text.to_lowercase();
        cmp.claims[m].outlet == outlet && needles.iter().any(|n| t.contains(n))
    })
}

#[test]
fn kp_win_contrasts_with_bbc_no_concessions() {
    let cmp = sample();
    let found = clusters_with(&cmp, ClusterKind::Contrasting, "bbc", "no real concessions");
    assert_eq!(
        found.len(),
        1,
        "the BBC 'no concessions' claim is in a contrasting cluster"
    );
    let c = found[0];
    assert!(
        has_member(&cmp, c, "kp", &["victory", "win"]),
        "{:?}",
        c.members
    );
    assert!(
        c.reasons
            .iter()
            .any(|r| r.contains("evaluation") && r.contains("(+)") && r.contains("(\u{2212})")),
        "{:?}",
        c.reasons
    );
}

#[test]
fn izvestia_win_joins_the_clash_with_bbc_no_concessions() {
    let cmp = sample();
    let found = clusters_with(&cmp, ClusterKind::Contrasting, "izvestia", "clear win");
    assert_eq!(found.len(), 1, "the Izvestia 'clear win' claim contrasts");
    let c = found[0];
    assert!(
        has_member(&cmp, c, "bbc", &["no real concessions"]),
        "{:?}",
        c.members
    );
    assert!(
        c.reasons
            .iter()
            .any(|r| r.contains("izvestia") && r.contains("win (+)")),
        "{:?}",
        c.reasons
    );
}

#[test]
fn izvestia_contrasts_with_bbc_ceasefire_rejected() {
    let cmp = sample();
    let found = clusters_with(&cmp, ClusterKind::Contrasting, "izvestia", "did not reject");
    assert_eq!(found.len(), 1);
    let c = found[0];
    assert!(
        has_member(&cmp, c, "bbc", &["rejected", "turning down"]),
        "{:?}",
        c.members
    );
    assert!(
        c.reasons
            .iter()
            .any(|r| r.starts_with("bbc vs izvestia") || r.starts_with("izvestia vs bbc"))
    );
}

#[test]
fn putins_rejection_of_the_full_ceasefire_is_aligned_and_disputed() {
    let cmp = sample();
    // BBC and the Kyiv Independent both report that Putin rejected the full ceasefire, in
    // different words; Izvestia denies it, so the cluster is contrasting, with reasons
    let c: Vec<_> = cmp
        .clusters
        .iter()
        .filter(|c| has_member(&cmp, c, "bbc", &["rejected the full truce"]))
        .collect();
    assert_eq!(c.len(), 1);
    assert!(has_member(
        &cmp,
        c[0],
        "kyiv-independent",
        &["effectively rejected the proposal for a full ceasefire"]
    ));
    assert!(has_member(&cmp, c[0], "izvestia", &["did not reject"]));
    assert_eq!(c[0].kind, ClusterKind::Contrasting);
    assert!(
        c[0].reasons
            .iter()
            .any(|r| r.contains("rejected (\u{2212}) vs not reject (+)")),
        "{:?}",
        c[0].reasons
    );
}

#[test]
fn the_call_itself_is_shared_widely() {
    let cmp = sample();
    let c = clusters_with(
        &cmp,
        ClusterKind::Shared,
        "kremlin-readout",
        "telephone conversation with president",
    );
    assert_eq!(c.len(), 1);
    assert!(outlets(&cmp, c[0]).len() >= 4, "{:?}", outlets(&cmp, c[0]));
}

#[test]
fn putins_conditions_are_shared() {
    let cmp = sample();
    // an end to Western military aid and intelligence sharing
    let aid = clusters_with(
        &cmp,
        ClusterKind::Shared,
        "kremlin-readout",
        "intelligence information",
    );
    assert_eq!(aid.len(), 1);
    let o = outlets(&cmp, aid[0]);
    assert!(o.len() >= 4, "{o:?}");
    assert!(
        aid[0].shared_terms.iter().any(|t| t == "intelligence"),
        "{:?}",
        aid[0].shared_terms
    );
    // a halt to Ukraine's mobilisation, worded "mobilising", "mobilisation", "mobilization"
    let mob = clusters_with(
        &cmp,
        ClusterKind::Shared,
        "kyiv-independent",
        "halt mobilization",
    );
    assert_eq!(mob.len(), 1);
    assert!(has_member(&cmp, mob[0], "bbc", &["mobilising"]));
    assert!(has_member(&cmp, mob[0], "kp", &["mobilisation"]));
}

#[test]
fn prisoner_exchange_is_shared_across_languages() {
    let cmp = sample();
    let c = clusters_with(&cmp, ClusterKind::Shared, "bbc", "prisoner exchange");
    assert_eq!(c.len(), 1);
    let o = outlets(&cmp, c[0]);
    assert!(o.len() >= 5, "{o:?}");
    assert!(
        o.iter().any(|x| x == "izvestia-ru"),
        "the Russian article aligns too: {o:?}"
    );
}

#[test]
fn single_outlet_facts_are_unique() {
    let cmp = sample();
    for (outlet, text) in [
        ("fox-news", "critics were less impressed"),
        ("bbc", "it is now america's move"),
    ] {
        let c = clusters_with(&cmp, ClusterKind::Unique, outlet, text);
        assert_eq!(c.len(), 1, "{outlet}: {text}");
        assert_eq!(c[0].reasons, vec![format!("only in {outlet}")]);
    }
}

#[test]
fn clusters_are_well_formed() {
    let cmp = sample();
    assert_eq!(cmp.columns.len(), 8);
    for c in &cmp.clusters {
        let o = outlets(&cmp, c);
        let mut distinct = o.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            c.members.len(),
            "one claim per outlet in a cluster"
        );
        match c.kind {
            ClusterKind::Unique => assert_eq!(c.members.len(), 1),
            ClusterKind::Shared | ClusterKind::Contrasting => assert!(c.members.len() >= 2),
        }
        assert!(!c.reasons.is_empty());
        for &m in &c.members {
            assert_eq!(cmp.claims[m].cluster, c.id);
        }
    }
    let kinds = |k| cmp.clusters.iter().filter(|c| c.kind == k).count();
    assert!(kinds(ClusterKind::Shared) >= 10);
    assert!(kinds(ClusterKind::Contrasting) >= 2);
}

#[test]
fn claim_offsets_point_into_the_source_files() {
    let c = load();
    let ev = c.find_event(EVENT).expect("sample event");
    let cmp = compare(ev, &CompareOptions::default());
    for col in &cmp.columns {
        let art = &ev.articles[col.article];
        let file = std::fs::read(&art.path).expect("readable source");
        for &id in &col.claims {
            let cl = &cmp.claims[id];
            assert_eq!(
                &file[cl.start..cl.end],
                cl.text.as_bytes(),
                "{}",
                art.path.display()
            );
        }
    }
}

#[test]
fn outlet_selection_and_order() {
    let c = load();
    let ev = c.find_event(EVENT).expect("sample event");
    let opts = CompareOptions {
        outlets: Some(vec!["kp".into(), "bbc".into()]),
        ..CompareOptions::default()
    };
    let cmp = compare(ev, &opts);
    let names: Vec<&str> = cmp.columns.iter().map(|c| c.outlet.as_str()).collect();
    assert_eq!(names, ["kp", "bbc"]);
    assert!(
        cmp.claims
            .iter()
            .all(|c| c.outlet == "kp" || c.outlet == "bbc")
    );
    assert_eq!(cmp.profiles.len(), 2);
}

#[test]
fn framing_profiles_tell_outlets_apart() {
    let cmp = sample();
    let p = |o: &str| cmp.profiles.iter().find(|p| p.outlet == o).expect(o);
    let kp = p("kp");
    assert!(
        kp.loaded_terms
            .iter()
            .any(|(t, _)| t.contains("win") || t.contains("victory")),
        "{:?}",
        kp.loaded_terms
    );
    let bbc = p("bbc");
    assert!(bbc.hedge_count > 0);
    assert!(
        bbc.actor_labels.get("Putin").is_some_and(|l| l.len() >= 2),
        "{:?}",
        bbc.actor_labels
    );
    assert!(p("white-house-readout").sentiment > p("kyiv-independent").sentiment);
    assert!(cmp.profiles.iter().all(|p| !p.frames.is_empty()));
}

#[test]
fn comparison_is_deterministic() {
    let c = load();
    let ev = c.find_event(EVENT).expect("sample event");
    let a = framediff::report::to_json(&compare(ev, &CompareOptions::default()), ev);
    let b = framediff::report::to_json(&compare(ev, &CompareOptions::default()), ev);
    assert_eq!(a, b);
}

#[test]
fn similarity_backend_is_pluggable() {
    use framediff::analysis::{ClaimFeatures, IdfTable, Similarity, compare_with};
    /// A backend that finds nothing alike: every claim must come out unique.
    struct Nothing;
    impl Similarity for Nothing {
        fn name(&self) -> &'static str {
            "nothing"
        }
        fn similarity(&self, _: &ClaimFeatures, _: &ClaimFeatures) -> f32 {
            0.0
        }
    }
    let c = load();
    let ev = c.find_event(EVENT).expect("sample event");
    let factory = |_: &IdfTable| -> Box<dyn Similarity> { Box::new(Nothing) };
    let cmp = compare_with(ev, &CompareOptions::default(), &factory);
    assert!(!cmp.clusters.is_empty());
    assert!(cmp.clusters.iter().all(|c| c.kind == ClusterKind::Unique));
}
