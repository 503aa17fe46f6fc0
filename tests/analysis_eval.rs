//! Evaluations on ../shared/data (skipped when the data is not beside the checkout).

mod common;

use framediff::analysis::Thresholds;
use framediff::analysis::eval;

#[test]
fn mrpc_figures() {
    let Some(dir) = common::shared_data("mrpc") else {
        return;
    };
    let data = eval::read_mrpc(&dir.join("msr_paraphrase_train.txt")).expect("readable");
    let c = eval::eval_mrpc(&data, Thresholds::default());
    println!("MRPC\n{c}");
    assert_eq!(c.total(), 4076);
}

#[test]
fn sick_figures() {
    let Some(dir) = common::shared_data("sick") else {
        return;
    };
    let data = eval::read_sick(&dir.join("SICK_train.txt")).expect("readable");
    let c = eval::eval_sick(&data, Thresholds::default());
    println!("SICK\n{c}");
    assert_eq!(c.total(), 4500);
}

#[test]
fn basil_figures() {
    let Some(dir) = common::shared_data("basil-dev") else {
        return;
    };
    let corpus = framediff::corpus::load(&dir);
    let s = eval::eval_basil_sentences(&corpus);
    println!("BASIL sentences\n{s}");
    let l = eval::eval_basil_loaded(&corpus);
    println!("BASIL loaded\n{l}");
    let (iu, inn, au, an) = eval::eval_basil_inf_unique(&corpus);
    println!("inf unique {iu}/{inn}; all unique {au}/{an}");
}
