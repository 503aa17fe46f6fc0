//! `framediff pairs`: the pair decision of the alignment, scriptable.
//!
//! Reads `sentence_a<TAB>sentence_b` lines on standard input and writes
//! `similarity<TAB>verdict` per line, in order. IDF weights come from all sentences read, as
//! `compare` takes them from all claims of an event. With `--eval mrpc|sick FILE` it scores a
//! labelled file instead and prints accuracy, precision, recall, F1 and the confusion matrix.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis::Thresholds;
use crate::analysis::eval::{self, Confusion};

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
    /// On standard input: add a third column with the reasons ("negation: ...", "number: 30
    /// vs 60"), separated by "; ".
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

/// One input line as a sentence pair, and what is wrong with it when it is not exactly two
/// sentences around one TAB. Every line is scored, so output line N answers input line N:
/// an empty line as two empty sentences, a line without a TAB against an empty sentence, and
/// the text after the first TAB of a line with several as one sentence (its TABs read as
/// spaces: a TAB typed inside a sentence). The problem is said on stderr and makes the exit
/// status 1, as each is likely a pair the writer did not mean.
fn parse_line(line: &str) -> ((String, String), Option<String>) {
    if line.trim().is_empty() {
        let problem = "empty; scored as two empty sentences (\"different\")";
        return ((String::new(), String::new()), Some(problem.into()));
    }
    match line.split_once('\t') {
        None => (
            (line.to_string(), String::new()),
            Some("no TAB; scored against an empty sentence".into()),
        ),
        Some((a, b)) if b.contains('\t') => {
            let tabs = line.matches('\t').count();
            (
                (a.to_string(), b.replace('\t', " ")),
                Some(format!(
                    "{tabs} TABs; everything after the first is the second sentence, its TABs \
                     read as spaces"
                )),
            )
        }
        Some((a, b)) => ((a.to_string(), b.to_string()), None),
    }
}

fn stdin_pairs(
    th: Thresholds,
    reasons: bool,
    backend: &crate::analysis::Backend,
) -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin();
    let mut pairs = Vec::new();
    let mut bad = 0usize;
    for (i, line) in stdin.lock().lines().enumerate() {
        let (pair, problem) = parse_line(&line?);
        if let Some(p) = problem {
            eprintln!("framediff pairs: standard input, line {}: {p}", i + 1);
            bad += 1;
        }
        pairs.push(pair);
    }
    let scored = eval::score_batch_with(&pairs, th, backend);
    if let Some(e) = backend.take_error() {
        super::out::warn(format_args!("{e}; those pairs were scored lexically"));
    }
    let mut out = super::out::stdout();
    for (s, v, r) in scored {
        let written = if reasons {
            let r = r.join("; ").replace(['\t', '\n'], " ");
            writeln!(out, "{s:.4}\t{}\t{r}", v.as_str())
        } else {
            writeln!(out, "{s:.4}\t{}", v.as_str())
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
    use super::parse_line;

    #[test]
    fn a_line_of_two_sentences_around_one_tab_is_a_pair_without_a_problem() {
        let (pair, problem) = parse_line("A cat.\tA dog.");
        assert_eq!(pair, ("A cat.".to_string(), "A dog.".to_string()));
        assert_eq!(problem, None);
    }

    #[test]
    fn empty_tabless_and_many_tab_lines_are_scored_and_said() {
        let (pair, problem) = parse_line("   ");
        assert_eq!(pair, (String::new(), String::new()));
        assert!(problem.expect("said").starts_with("empty"));
        let (pair, problem) = parse_line("no tab here");
        assert_eq!(pair, ("no tab here".to_string(), String::new()));
        assert!(problem.expect("said").starts_with("no TAB"));
        let (pair, problem) = parse_line("A\tB\tC");
        assert_eq!(pair, ("A".to_string(), "B C".to_string()));
        assert!(problem.expect("said").starts_with("2 TABs"));
    }
}
