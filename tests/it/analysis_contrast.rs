//! Contrasts decided through the whole pipeline (`compare` of an event), not on hand-built
//! features: what the pair rules see is what `compare` gives them. Each case is a kind of
//! contrast the readers of NeuS and BASIL samples rejected (session 13), written here in our
//! own words, beside the contradiction of the same shape that must stay.

use framediff::analysis::{ClusterKind, CompareOptions, Comparison, compare};

use super::analysis_robustness::{article, event};

/// Compares a two-outlet event whose articles are the two sentences.
fn two_outlets(a: &str, b: &str) -> Comparison {
    let ev = event(vec![article("alpha", a, None), article("beta", b, None)]);
    compare(&ev, &CompareOptions::default())
}

/// The kind of the cluster that holds both claims, if one does.
fn joint_kind(cmp: &Comparison) -> Option<ClusterKind> {
    cmp.clusters
        .iter()
        .find(|c| {
            let cols: Vec<usize> = c.members.iter().map(|&m| cmp.claims[m].column).collect();
            cols.contains(&0) && cols.contains(&1)
        })
        .map(|c| c.kind)
}

#[test]
fn a_denial_neither_contradicts_nor_shares_a_hedged_report() {
    // the hedge cue must reach the contrast rules through `compare` (the claims once took the
    // features' cues, and the rule never fired there)
    let cmp = two_outlets(
        "Senator Hale said on Monday that he had never discussed the pipeline deal with the \
         Canadian minister.",
        "Senator Hale is facing calls to resign for reportedly discussing the pipeline deal \
         with the Canadian minister.",
    );
    assert_eq!(joint_kind(&cmp), None, "{:#?}", cmp.clusters);
}

#[test]
fn two_sides_of_a_dispute_are_not_a_contradiction_between_outlets() {
    for (a, b) in [
        (
            "\"It is not the president's war,\" the senator said.",
            "The chairman argued that the war in Afghanistan is now the president's war.",
        ),
        (
            "It is not the president's war.\"",
            "But he sought to make the case that the war in Afghanistan is now the \
             president's war.",
        ),
    ] {
        let cmp = two_outlets(a, b);
        assert_ne!(
            joint_kind(&cmp),
            Some(ClusterKind::Contrasting),
            "{a} / {b}: {:#?}",
            cmp.clusters
        );
    }
}

#[test]
fn what_one_speaker_is_reported_to_have_said_still_contradicts() {
    for (a, b) in [
        (
            "The mayor said the bridge will reopen on Monday.",
            "The bridge will not reopen on Monday.",
        ),
        (
            "The mayor said the bridge will reopen on Monday.",
            "The mayor said the bridge will not reopen on Monday.",
        ),
        (
            "Mayor Jones said the bridge will reopen on Monday.",
            "Mayor Jones said the bridge will not reopen on Monday.",
        ),
    ] {
        let cmp = two_outlets(a, b);
        assert_eq!(
            joint_kind(&cmp),
            Some(ClusterKind::Contrasting),
            "{a} / {b}: {:#?}",
            cmp.clusters
        );
    }
}

#[test]
fn a_refusal_contradicts_only_what_its_own_agent_does() {
    let cmp = two_outlets(
        "Speaker Pelosi rejected two of the five Republicans that McCarthy had picked for the \
         panel.",
        "The two lawmakers were among five that McCarthy picked for the panel.",
    );
    assert_eq!(joint_kind(&cmp), None, "{:#?}", cmp.clusters);
    let cmp = two_outlets(
        "Putin rejected the ceasefire proposal on Tuesday.",
        "Putin accepted the ceasefire proposal on Tuesday.",
    );
    assert_eq!(joint_kind(&cmp), Some(ClusterKind::Contrasting));
}

#[test]
fn a_denial_of_its_own_sentence_does_not_dispute_another_topic() {
    let cmp = two_outlets(
        "Last week, Ryan dismissed the critique, wrongly claiming the letters did not speak for \
         all the bishops, a point the bishops' office denied.",
        "In the last year, the bishops have become vocal critics of the administration over \
         religious freedom.",
    );
    assert_ne!(joint_kind(&cmp), Some(ClusterKind::Contrasting));
}

#[test]
fn a_denial_of_a_charge_does_not_contradict_the_charge() {
    // ECB+ dev, session 14: "Man denies arson" against "charged with arson" (three clusters)
    let cmp = two_outlets(
        "A man denies arson after the fire at the supermarket in the town.",
        "A man has been charged with arson after the fire at the supermarket in the town.",
    );
    assert_ne!(joint_kind(&cmp), Some(ClusterKind::Contrasting));
}

#[test]
fn sums_keep_their_currency_and_figures_their_month() {
    // tester s16 items 4, 6, 11: a disputed sum beside a figure both give is a contradiction
    let cmp = two_outlets(
        "Lionel Messi has signed a two-year contract worth €35 million a year.",
        "Lionel Messi has signed a two-year contract worth €25 million a year.",
    );
    assert_eq!(joint_kind(&cmp), Some(ClusterKind::Contrasting));
    // one numeral in two currencies is neither one fact nor a contradiction
    for (a, b) in [
        (
            "The company was fined 35 million Swiss francs by the regulator.",
            "The company was fined 35 million euros by the regulator.",
        ),
        (
            "The company was fined C$35 million by the regulator.",
            "The company was fined $35 million by the regulator.",
        ),
    ] {
        assert_eq!(joint_kind(&two_outlets(a, b)), None, "{a} / {b}");
    }
    // two months' figures are two facts, not a contradiction
    let cmp = two_outlets(
        "Employers added 559,000 jobs in May.",
        "Employers added 266,000 jobs in April.",
    );
    assert_ne!(joint_kind(&cmp), Some(ClusterKind::Contrasting));
    // one month's rates to one decimal that differ contradict
    let cmp = two_outlets(
        "The unemployment rate fell to 5.8% in May.",
        "The unemployment rate fell to 5.9% in May.",
    );
    assert_eq!(joint_kind(&cmp), Some(ClusterKind::Contrasting));
}
