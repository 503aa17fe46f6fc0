//! `framediff pairs`: the pair decision of the alignment, scriptable.
//!
//! Reads `sentence_a<TAB>sentence_b` lines on standard input and writes
//! `score<TAB>verdict` per line, in order (the score the `shared` decision reads: see
//! [`PairAnswer::score`]). IDF weights come from all sentences read, as
//! `compare` takes them from all claims of an event. With `--eval mrpc|sick FILE` it scores a
//! labelled file instead and prints accuracy, precision, recall, F1 and the confusion matrix.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis::eval::{self, Confusion};
use crate::analysis::{
    ClaimFeatures, LexicalSimilarity, PairScorer, Similarity, Thresholds, Verdict, contrast,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dataset {
    /// Microsoft Research Paraphrase Corpus: paraphrase = verdict "shared".
    Mrpc,
    /// SICK: CONTRADICTION = verdict "contrasting".
    Sick,
}

#[derive(Debug, Args)]
pub struct PairsArgs {
    /// Evaluate on a labelled file instead of reading standard input.
    #[arg(long, value_enum, requires = "file")]
    pub eval: Option<Dataset>,
    /// The labelled file for `--eval` (without `--eval` the pairs are read from standard
    /// input, so a FILE alone is refused).
    #[arg(requires = "eval")]
    pub file: Option<PathBuf>,
    /// With `--eval mrpc`: also print accuracy over a range of paraphrase thresholds (SICK
    /// has no such threshold to sweep: refused there).
    #[arg(long, requires = "eval")]
    pub sweep: bool,
    /// Paraphrase score at or above which two sentences are "shared" (the MRPC-fitted model of
    /// docs/similarity.md; default 0.52, the fitted threshold). 0 switches the model off: the
    /// similarity threshold alone decides, as across languages.
    #[arg(long, value_name = "SCORE")]
    pub paraphrase: Option<f32>,
    /// On standard input: add a third column with the reasons of every verdict ("number: 30
    /// vs 60"; "paraphrase 0.78 ≥ 0.52; common words: ..."), separated by "; ".
    #[arg(long)]
    pub reasons: bool,
    #[command(flatten)]
    pub model: super::model::ModelArg,
}

pub fn run(args: &PairsArgs) -> anyhow::Result<ExitCode> {
    let mut out = super::out::stdout();
    let mut th = Thresholds::default();
    if let Some(p) = args.paraphrase {
        th.paraphrase = p;
    }
    if args.sweep && args.eval == Some(Dataset::Sick) {
        return Err(super::UsageError(
            "--sweep varies the paraphrase threshold, which only --eval mrpc scores; \
             SICK's contradictions are decided by the contrast rules"
                .into(),
        )
        .into());
    }
    let backend = args.model.backend()?;
    match (args.eval, &args.file) {
        (Some(Dataset::Mrpc), Some(file)) => {
            let data = eval::read_mrpc(file)?;
            let c = eval::eval_mrpc_with(&data, th, &backend);
            print_eval(
                &mut out,
                "MRPC (positive class: paraphrase = shared)",
                file,
                &c,
                &th,
            )?;
            if args.sweep {
                let grid: Vec<f32> = (40..=64).step_by(2).map(|x| x as f32 / 100.0).collect();
                writeln!(
                    out,
                    "\nparaphrase model threshold sweep (the model decides \"shared\"):"
                )?;
                for (t, c) in eval::sweep_mrpc(&data, th, &grid) {
                    writeln!(
                        out,
                        "  {t:.2}  accuracy {:.4}  F1 {:.4}",
                        c.accuracy(),
                        c.f1()
                    )?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        (Some(Dataset::Sick), Some(file)) => {
            let data = eval::read_sick(file)?;
            let c = eval::eval_sick_with(&data, th, &backend);
            print_eval(
                &mut out,
                "SICK (positive class: CONTRADICTION = contrasting)",
                file,
                &c,
                &th,
            )?;
            Ok(ExitCode::SUCCESS)
        }
        _ => stdin_pairs(th, args.reasons, &backend),
    }
}

fn print_eval(
    out: &mut dyn Write,
    title: &str,
    file: &std::path::Path,
    c: &Confusion,
    th: &Thresholds,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{title}\nfile: {}\nthresholds: shared {:.2}, paraphrase {:.2}, contrast {:.2}\n{c}",
        super::out::text(&file.display().to_string()),
        th.shared,
        th.paraphrase,
        th.contrast
    )
}

/// One input line as a sentence pair (`None`: the line is no pair and is not scored), and
/// what is wrong with it when it is not exactly two sentences around one TAB. Output line N
/// answers input line N: an empty line is scored as two empty sentences, the text after the
/// first TAB of a line with several as one sentence (its TABs read as spaces: a TAB typed
/// inside a sentence); a line without a TAB is one sentence, not a pair, so it gets no score
/// (a score against an empty sentence would look like a figure of the line). The problem is
/// said on stderr and makes the exit status 1, as each is likely a pair the writer did not
/// mean.
fn parse_line(line: &str) -> (Option<(String, String)>, Option<String>) {
    if line.trim().is_empty() {
        let problem = "empty; scored as two empty sentences (\"different\")";
        return (Some((String::new(), String::new())), Some(problem.into()));
    }
    match line.split_once('\t') {
        None => (None, Some(NO_TAB.into())),
        Some((a, b)) if b.contains('\t') => {
            let tabs = line.matches('\t').count();
            (
                Some((a.to_string(), b.replace('\t', " "))),
                Some(format!(
                    "{tabs} TABs; everything after the first is the second sentence, its TABs \
                     read as spaces"
                )),
            )
        }
        Some((a, b)) => (Some((a.to_string(), b.to_string())), None),
    }
}

/// What a line without a TAB is told, on stderr and in its answer's reasons.
const NO_TAB: &str =
    "no TAB between two sentences; not scored (a line is sentence_a<TAB>sentence_b)";

/// The answer line of an input line that is no sentence pair ([`parse_line`]): no score,
/// the verdict `error`.
const NOT_SCORED: &str = "-\terror";

/// One pair's answer: the figure the verdict was decided on, the verdict, and its reasons.
#[derive(Debug, Clone, PartialEq)]
pub struct PairAnswer {
    /// The score the `shared` decision compares with its threshold, in [0, 1]: the
    /// paraphrase score (with a model, the larger of the surface model's and the model's
    /// cosine on the same scale, unless a cue of opposition or names on each side only keep
    /// the cosine out: `EmbeddingSimilarity::paraphrase`); the
    /// similarity where the paraphrase model does not decide (`--paraphrase 0`, two
    /// languages).
    pub score: f32,
    pub verdict: Verdict,
    /// The engine's reasons: for `contrasting` the contrast; for `shared` the score against
    /// its threshold, who read it (words or the model) and the common words; for `different`
    /// the score below the threshold, or what kept two claims apart that otherwise score as
    /// one fact (a name, negation, figure or currency conflict).
    pub reasons: Vec<String>,
}

/// Scores `pairs` as [`eval::score_batch_with`] does (IDF from all sentences, one batch for
/// a model) and explains each verdict from the engine's own checks.
pub fn answer_pairs(
    pairs: &[(String, String)],
    th: Thresholds,
    backend: &crate::analysis::Backend,
) -> Vec<PairAnswer> {
    eval::with_prepared_batch(pairs, th, backend, |scorer, feats, idf, sim| {
        let words = LexicalSimilarity::new(idf);
        feats
            .chunks_exact(2)
            .map(|ab| {
                let (a, b) = (&ab[0], &ab[1]);
                let (s, verdict, reasons) = scorer.score(a, b, sim);
                explain(a, b, s, verdict, reasons, sim, &words, scorer)
            })
            .collect()
    })
}

/// [`PairAnswer`] of a decided pair: `s`, `verdict` and `engine` are what the decision
/// returned, `sim` the backend that decided and `words` the lexical one (to tell whether the
/// model made a `shared` verdict).
#[allow(clippy::too_many_arguments)]
fn explain(
    a: &ClaimFeatures,
    b: &ClaimFeatures,
    s: f32,
    verdict: Verdict,
    engine: Vec<String>,
    sim: &dyn Similarity,
    words: &LexicalSimilarity,
    scorer: &PairScorer,
) -> PairAnswer {
    let th = &scorer.thresholds;
    // the decision's own test for "one proposition" (contrast::decide_scored)
    let paraphrase_decides = th.paraphrase > 0.0 && a.lang == b.lang;
    let (score, bar, what) = if paraphrase_decides {
        (sim.paraphrase(a, b), th.paraphrase, "paraphrase")
    } else {
        (s, th.shared, "similarity")
    };
    let figure = |cmp: &str| format!("{what} {score:.2} {cmp} {bar:.2}");
    let reasons = match verdict {
        Verdict::Contrasting => engine,
        Verdict::Shared => {
            let mut r = vec![figure("\u{2265}")];
            if paraphrase_decides {
                let lexical = words.paraphrase_score(a, b);
                if score > lexical {
                    r[0].push_str(&format!(" (the model's; words alone {lexical:.2})"));
                }
            }
            let common = crate::analysis::common_words(a, b, &scorer.vocab);
            if !common.is_empty() {
                r.push(format!("common words: {}", common.join(", ")));
            }
            r.extend(engine);
            r
        }
        Verdict::Different => {
            let mut r = engine;
            if score < bar {
                r.push(figure("<"));
            } else if r.is_empty() {
                r.extend(kept_apart(a, b, s, th));
            }
            r
        }
    };
    PairAnswer {
        score,
        verdict,
        reasons,
    }
}

/// Why the decision calls two claims `different` that score as one proposition: the checks
/// of `contrast::decide_scored` that come before `shared`, read from the engine (a
/// similarity below the decision's gate, sums in two currencies, a negation on one side
/// only, figures that count different things, or a figure or date set aside below the
/// contrast bar). Empty when none of them is found.
fn kept_apart(a: &ClaimFeatures, b: &ClaimFeatures, s: f32, th: &Thresholds) -> Vec<String> {
    let mut r = Vec::new();
    let gate = th.negation_min.min(th.evaluation).min(th.shared);
    if s < gate {
        r.push(format!(
            "similarity {s:.2} below the decision's gate {gate:.2}"
        ));
    }
    if let Some(c) = crate::analysis::quantities::currency_mismatch(
        &a.quantities,
        &a.text,
        &b.quantities,
        &b.text,
    ) {
        r.push(c);
    }
    let o = contrast::opposition(a, b);
    if o.negated_side.is_some() {
        r.extend(
            o.strong
                .iter()
                .filter(|x| x.starts_with("negation"))
                .cloned(),
        );
    }
    if o.measures_differ {
        r.push("figures of one unit that count different things or spans".into());
    }
    r
}

fn stdin_pairs(
    th: Thresholds,
    reasons: bool,
    backend: &crate::analysis::Backend,
) -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin();
    let mut pairs = Vec::new();
    // per input line: whether it is a pair (scored, in `pairs` order)
    let mut scored = Vec::new();
    let mut bad = 0usize;
    for (i, line) in stdin.lock().lines().enumerate() {
        let (pair, problem) = parse_line(&line?);
        if let Some(p) = problem {
            eprintln!("framediff pairs: standard input, line {}: {p}", i + 1);
            bad += 1;
        }
        scored.push(pair.is_some());
        pairs.extend(pair);
    }
    let answers = answer_pairs(&pairs, th, backend);
    if let Some(e) = backend.take_error() {
        super::out::warn(format_args!("{e}; those pairs were scored lexically"));
    }
    let mut out = super::out::stdout();
    let mut answers = answers.into_iter();
    for is_pair in scored {
        let answer = if is_pair { answers.next() } else { None };
        let written = match answer {
            None if reasons => writeln!(out, "{NOT_SCORED}\t{NO_TAB}"),
            None => writeln!(out, "{NOT_SCORED}"),
            Some(a) if reasons => {
                // reasons quote the sentences' words: untrusted text, one line
                let r = a.reasons.join("; ").replace(['\t', '\n'], " ");
                writeln!(out, "{:.4}\t{}\t{r}", a.score, a.verdict.as_str())
            }
            Some(a) => writeln!(out, "{:.4}\t{}", a.score, a.verdict.as_str()),
        };
        match written {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => break,
            r => r?,
        }
    }
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::{Thresholds, Verdict, answer_pairs, eval, parse_line};
    use crate::analysis::Backend;

    fn pairs(lines: &[(&str, &str)]) -> Vec<(String, String)> {
        lines
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    /// The answers explain the engine's decision, never change it: the verdicts, and the
    /// reasons of contrasting pairs, are those of `eval::score_batch_with`.
    #[test]
    fn answers_keep_the_engines_verdicts_and_contrast_reasons() {
        let p = pairs(&[
            ("The storm killed 30 people.", "The storm killed 60 people."),
            (
                "Putin rejected the truce.",
                "Putin did not reject the truce.",
            ),
            (
                "Putin rejected the unconditional ceasefire",
                "The unconditional ceasefire was rejected by Putin",
            ),
            (
                "The dog runs in the park",
                "Stocks fell sharply in Tokyo on Monday",
            ),
            (
                "Biden will meet Putin in Geneva.",
                "Biden will meet Putin in Vienna.",
            ),
        ]);
        let th = Thresholds::default();
        let engine = eval::score_batch_with(&p, th, &Backend::Lexical);
        let answers = answer_pairs(&p, th, &Backend::Lexical);
        assert_eq!(answers.len(), engine.len());
        for (a, (_, v, r)) in answers.iter().zip(&engine) {
            assert_eq!(a.verdict, *v, "{a:?}");
            assert!((0.0..=1.0).contains(&a.score), "{a:?}");
            if *v == Verdict::Contrasting {
                assert_eq!(&a.reasons, r);
            }
        }
    }

    /// Tester report 20, items 10 and 11: a shared pair says the paraphrase score against
    /// its threshold and its common words; a different one the score below the threshold, or
    /// the engine's reason for keeping two similar claims apart.
    #[test]
    fn shared_and_different_pairs_get_the_engines_reasons() {
        let p = pairs(&[
            (
                "Putin rejected the unconditional ceasefire",
                "The unconditional ceasefire was rejected by Putin",
            ),
            (
                "The dog runs in the park",
                "Stocks fell sharply in Tokyo on Monday",
            ),
            (
                "Biden will meet Putin in Geneva.",
                "Biden will meet Putin in Vienna.",
            ),
        ]);
        let th = Thresholds::default();
        let a = answer_pairs(&p, th, &Backend::Lexical);
        assert_eq!(a[0].verdict, Verdict::Shared, "{:?}", a[0]);
        assert!(a[0].score >= th.paraphrase, "{:?}", a[0]);
        assert_eq!(
            a[0].reasons[0],
            format!("paraphrase {:.2} \u{2265} {:.2}", a[0].score, th.paraphrase)
        );
        let common = a[0]
            .reasons
            .iter()
            .find(|r| r.starts_with("common words: "));
        let common = common.expect("common words");
        for w in ["Putin", "unconditional", "ceasefire"] {
            assert!(common.contains(w), "{common}");
        }
        assert_eq!(a[1].verdict, Verdict::Different);
        assert!(a[1].score < th.paraphrase, "{:?}", a[1]);
        assert_eq!(
            a[1].reasons,
            [format!(
                "paraphrase {:.2} < {:.2}",
                a[1].score, th.paraphrase
            )]
        );
        // the engine's own reason for another place in one slot
        assert_eq!(a[2].verdict, Verdict::Different, "{:?}", a[2]);
        assert!(
            a[2].reasons
                .iter()
                .any(|r| r.contains("Geneva") && r.contains("Vienna")),
            "{:?}",
            a[2]
        );
        // without the paraphrase model the similarity decides, and is said so
        let off = Thresholds {
            paraphrase: 0.0,
            ..th
        };
        let a = answer_pairs(&p[..1], off, &Backend::Lexical);
        assert!(a[0].reasons[0].starts_with("similarity "), "{:?}", a[0]);
    }

    #[test]
    fn a_line_of_two_sentences_around_one_tab_is_a_pair_without_a_problem() {
        let (pair, problem) = parse_line("A cat.\tA dog.");
        assert_eq!(pair, Some(("A cat.".to_string(), "A dog.".to_string())));
        assert_eq!(problem, None);
    }

    /// Tester report 21, finding 8: a line without a TAB scored 0.4158 against an empty
    /// sentence; it is no pair, said and left unscored.
    #[test]
    fn empty_and_many_tab_lines_are_scored_and_said_a_tabless_one_is_not_scored() {
        let (pair, problem) = parse_line("   ");
        assert_eq!(pair, Some((String::new(), String::new())));
        assert!(problem.expect("said").starts_with("empty"));
        let (pair, problem) = parse_line("no tab here");
        assert_eq!(pair, None);
        assert!(problem.expect("said").starts_with("no TAB"));
        let (pair, problem) = parse_line("A\tB\tC");
        assert_eq!(pair, Some(("A".to_string(), "B C".to_string())));
        assert!(problem.expect("said").starts_with("2 TABs"));
    }
}
