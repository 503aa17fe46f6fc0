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
    // the issue's target for the score (0.787 on dev when written)
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
/// the TF-IDF reference with as many links (measured 65/95 against 59/95; the issue's target
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

/// A tiny BASIL release: one event (triplet) told by the three outlets, written under
/// `root/basil-dev` with empty annotation files.
fn tiny_basil(root: &std::path::Path) {
    let articles = root.join("basil-dev/articles/2012");
    let annotations = root.join("basil-dev/annotations/2012");
    std::fs::create_dir_all(&articles).expect("mkdir");
    std::fs::create_dir_all(&annotations).expect("mkdir");
    let bodies = [
        (
            "fox",
            "The city council approved the new budget on Monday by a vote of 7 to 2. The mayor praised the vote.",
        ),
        (
            "nyt",
            "The city council approved the new budget on Monday by a vote of 7 to 2, officials said. Critics say parks lose money.",
        ),
        (
            "hpo",
            "The city council did not approve the new budget on Monday. Protesters gathered outside city hall.",
        ),
    ];
    for (n, (source, body)) in bodies.iter().enumerate() {
        let sentences: Vec<&str> = body.split_inclusive(". ").map(str::trim).collect();
        let record = serde_json::json!({
            "title": format!("Budget vote ({source})"),
            "date": "2012-05-07",
            "uuid": format!("u{n}"),
            "source": source,
            "main-event": "City council votes on the budget",
            "triplet-uuid": "t1",
            "body-paragraphs": [sentences],
        });
        let name = format!("t1_{}", n + 1);
        std::fs::write(articles.join(format!("{name}.json")), record.to_string()).expect("write");
        std::fs::write(
            annotations.join(format!("{name}_ann.json")),
            r#"{"article-level-annotations": {}, "phrase-level-annotations": []}"#,
        )
        .expect("write");
    }
}

/// BASIL events are compared as three outlets each; the verdict counts add up per event, and
/// the reading sample names the event, its outlets and its article files, the same on every
/// run.
#[test]
fn basil_events_are_compared_and_sampled() {
    let tmp = tempfile::tempdir().expect("tempdir");
    tiny_basil(tmp.path());
    let dir = tmp.path().join("basil-dev");
    let corpus = framediff::corpus::load(&dir);
    let compared = eval::basil::compare_corpus(&corpus, &framediff::analysis::lexical_backend);
    assert_eq!(compared.len(), 1);
    assert_eq!(compared[0].event.articles.len(), 3);
    let v = eval::verdicts::verdict_counts(&compared);
    assert_eq!(v.per_event.len(), 1);
    assert!(
        v.per_event[0]
            .0
            .starts_with("event t1 (City council votes on the budget)"),
        "{:?}",
        v.per_event
    );
    assert!(
        v.shared >= 1,
        "the budget vote is stated by two outlets: {v:?}"
    );
    let sample = |seed| {
        let compared = eval::basil::compare_corpus(&corpus, &framediff::analysis::lexical_backend);
        eval::sample::sample_markdown(&[eval::basil::pool(&dir, compared)], 40, seed)
    };
    let md = sample(2034);
    assert_eq!(md, sample(2034), "seeded: the same file on every run");
    assert!(md.starts_with("# BASIL dev: a random sample"), "{md}");
    assert!(md.contains("no other outlet's article states it"), "{md}");
    assert!(
        md.contains("### 1. event t1 (City council votes on the budget)"),
        "{md}"
    );
    assert!(md.contains("- **Fox News**"), "{md}");
    let file = dir.join("articles/2012/t1_3.json");
    assert!(
        md.contains(&format!("  - HuffPost: {}", file.display())),
        "{md}"
    );
}

fn framediff_eval(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_framediff"))
        .current_dir(common::repo())
        .env_remove("FRAMEDIFF_DATA")
        .env_remove("FRAMEDIFF_MODEL")
        .args(["eval", "--data"])
        .arg(data)
        .args(args)
        .output()
        .expect("runs")
}

/// `eval basil` prints the verdict counts per event and in total, and `--sample` writes the
/// BASIL sample; a suite with no clusters to sample is refused with the way out.
#[test]
fn eval_basil_prints_verdicts_and_writes_a_sample() {
    let tmp = tempfile::tempdir().expect("tempdir");
    tiny_basil(tmp.path());
    let file = tmp.path().join("sample.md");
    let sample = file.to_str().expect("utf-8 path");
    let o = framediff_eval(tmp.path(), &["basil", "--sample", sample, "--seed", "5"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("BASIL verdicts ("), "{out}");
    assert!(out.contains("; 1 event compared"), "{out}");
    assert!(out.contains("  in total: shared "), "{out}");
    assert!(out.contains("TF-IDF with as many links"), "{out}");
    assert!(out.contains("(City council votes on the budget)"), "{out}");
    assert!(
        out.contains("Sample of clusters from BASIL dev (seed 5) written to"),
        "{out}"
    );
    let md = std::fs::read_to_string(&file).expect("the sample was written");
    assert!(md.contains("Seed 5, 40 clusters per verdict"), "{md}");
    let o = framediff_eval(tmp.path(), &["mrpc", "--sample", sample]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("--sample-from neus,basil,ecbplus"), "{e}");
    assert!(e.contains("`eval ecbplus`"), "{e}");
    let o = framediff_eval(tmp.path(), &["basil", "--sample-from", "basil,neus"]);
    assert_eq!(o.status.code(), Some(2), "--sample-from needs --sample");
    let o = framediff_eval(
        tmp.path(),
        &["basil", "--sample", sample, "--sample-from", "neus"],
    );
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("missing: neus-dev/allsides_stories.jsonl"),
        "{e}"
    );
}

/// BASIL dev: 50 events compared; the pooled sample with NeuS dev holds every contrasting
/// cluster of both sets when there are fewer than 40 (measured 8 on BASIL dev and 2 on NeuS
/// dev with the lexical backend, 2026-12-01).
#[test]
#[ignore = "needs ../shared/data/basil-dev and neus-dev: cargo test -- --ignored shared_data_"]
fn shared_data_basil_verdicts_and_the_pooled_sample() {
    let dir = common::shared_data("basil-dev");
    let corpus = framediff::corpus::load(&dir);
    let lexical = &framediff::analysis::lexical_backend;
    let basil = eval::basil::compare_corpus(&corpus, lexical);
    let v = eval::verdicts::verdict_counts(&basil);
    println!(
        "BASIL verdicts: shared {} contrasting {} unique {} related {}",
        v.shared, v.contrasting, v.unique, v.related
    );
    assert_eq!(v.stories, 50);
    let neus_file = common::shared_data("neus-dev").join("allsides_stories.jsonl");
    let stories = eval::neus::read(&neus_file).expect("readable");
    let neus = eval::neus::compare_stories(&stories, lexical);
    let n = eval::verdicts::verdict_counts(&neus);
    let pools = [
        eval::neus::pool(&neus_file, neus),
        eval::basil::pool(&dir, basil),
    ];
    let sizes = eval::sample::sample_sizes(&pools, 40);
    assert_eq!(sizes[0].0, "contrasting");
    assert_eq!(sizes[0].2, n.contrasting + v.contrasting);
    let md = eval::sample::sample_markdown(&pools, 40, 2034);
    let items = md.lines().filter(|l| l.starts_with("### ")).count();
    let expected: usize = sizes.iter().map(|s| s.1).sum();
    assert_eq!(items, expected);
}

/// `--help` names the three sets a sample can be drawn from.
#[test]
fn eval_help_lists_the_sample_sets() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(["eval", "--help"])
        .output()
        .expect("runs");
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(help.contains("--sample-from neus,basil,ecbplus"), "{help}");
    assert!(help.contains("ecbplus"), "{help}");
}

/// ECB+ dev drawn into a sample: every sub-topic compared, contrasting clusters found and all
/// of them drawn into the sample (fewer than 40). The count is not a quality bar: session 16
/// removed contrasts readers judged wrong, from 17 ECB+ contrasting clusters to 8 (NeuS and
/// BASIL dev together now have 1, so ECB+ still supplies most of a reader's contrasting items).
#[test]
#[ignore = "needs ../shared/data/ecbplus-dev: cargo test -- --ignored shared_data_"]
fn shared_data_ecbplus_sample_holds_contrasting_items() {
    let dir = common::shared_data("ecbplus-dev");
    let data = eval::ecbplus::read(&dir).expect("readable");
    let lexical = &framediff::analysis::lexical_backend;
    let options = framediff::analysis::CompareOptions::default();
    let compared = eval::ecbplus::compare_subtopics(&data, &options, lexical);
    assert_eq!(compared.len(), 46, "46 sub-topics in the dev half");
    let pools = [eval::ecbplus::pool(&dir, compared)];
    let sizes = eval::sample::sample_sizes(&pools, 40);
    println!("ECB+ sample sizes: {sizes:?}");
    assert_eq!(sizes[0].0, "contrasting");
    assert!(sizes[0].2 > 0, "{sizes:?}");
    assert_eq!(
        sizes[0].1, sizes[0].2,
        "all drawn when fewer than 40: {sizes:?}"
    );
    let md = eval::sample::sample_markdown(&pools, 40, 2041);
    let contrasting = md
        .lines()
        .filter(|l| l.starts_with("### ") && l.contains(", contrasting cluster "))
        .count();
    assert_eq!(contrasting, sizes[0].1);
    assert!(md.contains("ecbplus-dev/SUBTOPIC.conll"), "{md}");
}
