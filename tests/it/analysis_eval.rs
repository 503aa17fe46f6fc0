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
