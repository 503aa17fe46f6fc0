//! Evaluations on ../shared/data: ignored by a plain `cargo test` (listed as such); run them
//! with `cargo test -- --ignored shared_data_` when the data is beside the checkout.

use crate::common;

use framediff::analysis::Thresholds;
use framediff::analysis::eval;

#[test]
#[ignore = "needs ../shared/data/mrpc: cargo test -- --ignored shared_data_"]
fn shared_data_mrpc_figures() {
    let dir = common::shared_data("mrpc");
    let data = eval::read_mrpc(&dir.join("msr_paraphrase_train.txt")).expect("readable");
    let c = eval::eval_mrpc(&data, Thresholds::default());
    println!("MRPC\n{c}");
    assert_eq!(c.total(), 4076);
    // issue 3 target; measured 0.7603 (docs/similarity.md)
    assert!(
        c.accuracy() >= 0.76,
        "issue 3 target: MRPC accuracy >= 0.76\n{c}"
    );
}

#[test]
#[ignore = "needs ../shared/data/sick: cargo test -- --ignored shared_data_"]
fn shared_data_sick_figures() {
    let dir = common::shared_data("sick");
    let data = eval::read_sick(&dir.join("SICK_train.txt")).expect("readable");
    let c = eval::eval_sick(&data, Thresholds::default());
    println!("SICK\n{c}");
    assert_eq!(c.total(), 4500);
    assert!(
        c.f1() >= 0.85,
        "issue 3 target: CONTRADICTION F1 >= 0.85\n{c}"
    );
}

#[test]
#[ignore = "needs ../shared/data/basil-dev: cargo test -- --ignored shared_data_"]
fn shared_data_basil_figures() {
    let dir = common::shared_data("basil-dev");
    let corpus = framediff::corpus::load(&dir);
    let s = eval::eval_basil_sentences(&corpus);
    println!("BASIL sentences\n{s}");
    assert!(s.f1() >= 0.98, "issue 3 target: boundary F1 >= 0.98\n{s}");
    let l = eval::eval_basil_loaded(&corpus);
    println!("BASIL loaded\n{l}");
    let (iu, inn, au, an) = eval::eval_basil_inf_unique(&corpus);
    println!("inf unique {iu}/{inn}; all unique {au}/{an}");
}

#[test]
#[ignore = "needs ../shared/data/mrpc: cargo test -- --ignored shared_data_"]
fn shared_data_mrpc_overlap_only_figures() {
    let dir = common::shared_data("mrpc");
    let data = eval::read_mrpc(&dir.join("msr_paraphrase_train.txt")).expect("readable");
    // `--paraphrase 0`: the overlap threshold alone, as before the model (0.7073 measured);
    // guards against falling to the always-"paraphrase" baseline of 0.67
    let th = Thresholds {
        paraphrase: 0.0,
        ..Thresholds::default()
    };
    let c = eval::eval_mrpc(&data, th);
    println!("MRPC, overlap only\n{c}");
    assert!(c.accuracy() > 0.68, "{c}");
}

/// FNC-1 dev: framediff's headline/body verdicts beat the TF-IDF reference computed in the same
/// run on relatedness and on the official score (measured 0.952 / 0.774 against 0.916 / 0.727,
/// docs/analysis.md); a regression below the reference fails.
#[test]
#[ignore = "needs ../shared/data/fnc1-dev: cargo test -- --ignored shared_data_"]
fn shared_data_fnc1_beats_the_tfidf_reference() {
    let dir = common::shared_data("fnc1-dev");
    let data = eval::fnc1::read(&dir).expect("readable");
    assert_eq!(data.pairs.len(), 13_305);
    let e = eval::fnc1::eval(
        &data,
        &framediff::analysis::CompareOptions::default(),
        &framediff::analysis::lexical_backend,
    );
    let (f, t) = (&e.framediff, &e.tfidf);
    println!(
        "FNC-1 related accuracy {:.3} (TF-IDF {:.3}), score {:.3} (TF-IDF {:.3})",
        f.related.accuracy(),
        t.related.accuracy(),
        f.relative_score(),
        t.relative_score()
    );
    assert!(f.related.accuracy() > t.related.accuracy());
    assert!(f.relative_score() > t.relative_score());
    // the target for the score (0.787 on dev when written)
    assert!(f.relative_score() >= 0.78, "{}", f.relative_score());
}

/// FNC-1 dev `disagree`: the refutation rule (src/analysis/refutation.rs) finds bodies that
/// call the headline's report untrue, beating the TF-IDF reference with the organisers'
/// refuting-word count in the same run (measured F1 0.301 against 0.146, precision 0.497;
/// 0.303 at precision 0.523 with the scope and background tests; 0.360 at precision 0.568
/// with the denial of the story an article restates, session 10; docs/analysis.md "FNC-1
/// disagree"); a fall below 0.33 or a precision below 0.5 fails.
#[test]
#[ignore = "needs ../shared/data/fnc1-dev: cargo test -- --ignored shared_data_"]
fn shared_data_fnc1_disagree_found_by_refutation() {
    let dir = common::shared_data("fnc1-dev");
    let data = eval::fnc1::read(&dir).expect("readable");
    let e = eval::fnc1::eval(
        &data,
        &framediff::analysis::CompareOptions::default(),
        &framediff::analysis::lexical_backend,
    );
    let (f, t) = (&e.framediff.disagree, &e.tfidf.disagree);
    println!(
        "FNC-1 disagree P {:.3} R {:.3} F1 {:.3} (TF-IDF F1 {:.3})",
        f.precision(),
        f.recall(),
        f.f1(),
        t.f1()
    );
    assert!(f.f1() > t.f1(), "{} vs {}", f.f1(), t.f1());
    assert!(f.f1() >= 0.33, "{}", f.f1());
    assert!(f.precision() >= 0.5, "{}", f.precision());
}

/// ECB+ dev: framediff's claim links are more precise than the TF-IDF reference making as
/// many links in the same run (measured 0.749 against 0.585 at recall 0.314, docs/analysis.md
/// "Words of the story"; 0.742 against 0.583 at 0.315 with the refutation rule; 0.756 against
/// 0.583 at 0.303 since the ECB+ articles keep their lines); a regression below 0.72 fails.
#[test]
#[ignore = "needs ../shared/data/ecbplus-dev: cargo test -- --ignored shared_data_"]
fn shared_data_ecbplus_links_beat_the_tfidf_reference() {
    let dir = common::shared_data("ecbplus-dev");
    let data = eval::ecbplus::read(&dir).expect("readable");
    let e = eval::ecbplus::eval_alignment(
        &data,
        &framediff::analysis::CompareOptions::default(),
        &framediff::analysis::lexical_backend,
    );
    let (f, t) = (&e.framediff, &e.tfidf_same_links);
    println!(
        "ECB+ links precision {:.3} recall {:.3} (TF-IDF {:.3} {:.3})",
        f.precision(),
        f.recall(),
        t.precision(),
        t.recall()
    );
    assert!(f.precision() > t.precision() + 0.1);
    assert!(f.precision() >= 0.72, "{}", f.precision());
    assert!(f.recall() >= 0.3, "{}", f.recall());
}

/// NeuS dev: roundup facts two or more outlets report, found in one shared cluster, against
/// the TF-IDF reference with as many links (measured 65/95 against 59/95; the target
/// is 0.6), with the facts labelled in docs/eval/neus-roundup-facts.jsonl.
#[test]
#[ignore = "needs ../shared/data/neus-dev: cargo test -- --ignored shared_data_"]
fn shared_data_neus_roundup_facts_found_as_shared() {
    let dir = common::shared_data("neus-dev");
    let stories = eval::neus::read(&dir.join("allsides_stories.jsonl")).expect("readable");
    let facts_file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/eval/neus-roundup-facts.jsonl");
    let facts = eval::neus::read_facts(&facts_file).expect("the labels kept in docs/eval");
    let compared = eval::neus::compare_stories(&stories, &framediff::analysis::lexical_backend);
    let r = eval::neus::fact_recall(&stories, &compared, &facts);
    println!(
        "NeuS facts found as shared {}/{} (TF-IDF {})",
        r.framediff, r.facts, r.tfidf
    );
    assert_eq!(r.facts, 95);
    assert!(r.framediff > r.tfidf, "{} vs {}", r.framediff, r.tfidf);
    assert!(r.framediff as f64 >= 0.6 * r.facts as f64);
}
