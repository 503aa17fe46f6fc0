//! `framediff eval`: every quality figure of the claim engine, computed from research data.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis::Thresholds;
use crate::analysis::eval;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suite {
    /// BASIL: sentence boundaries, loaded terms vs `lex` spans, `inf` sentences marked unique.
    Basil,
    /// MRPC train: paraphrase = shared.
    Mrpc,
    /// SICK train: CONTRADICTION = contrasting.
    Sick,
    /// All of the above.
    All,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// What to evaluate.
    #[arg(value_enum, default_value = "all")]
    pub suite: Suite,
    /// The research data folder (with basil-dev/, mrpc/, sick/).
    #[arg(long, default_value = "../shared/data")]
    pub data: PathBuf,
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let th = Thresholds::default();
    let all = args.suite == Suite::All;
    if all || args.suite == Suite::Basil {
        let dir = args.data.join("basil-dev");
        let corpus = crate::corpus::load(&dir);
        writeln!(
            out,
            "BASIL sentence boundaries ({})\n{}\n",
            dir.display(),
            eval::eval_basil_sentences(&corpus)
        )?;
        writeln!(
            out,
            "BASIL loaded terms per sentence (predicted: a loaded-term cue; gold: a `lex` span)\n{}\n",
            eval::eval_basil_loaded(&corpus)
        )?;
        let (iu, inn, au, an) = eval::eval_basil_inf_unique(&corpus);
        let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        writeln!(
            out,
            "BASIL `inf` sentences marked unique: {iu}/{inn} = {:.4} (all sentences: {au}/{an} = {:.4})\n",
            share(iu, inn),
            share(au, an)
        )?;
    }
    if all || args.suite == Suite::Mrpc {
        let file = args.data.join("mrpc").join("msr_paraphrase_train.txt");
        let c = eval::eval_mrpc(&eval::read_mrpc(&file)?, th);
        writeln!(out, "MRPC ({}; paraphrase = shared)\n{c}\n", file.display())?;
    }
    if all || args.suite == Suite::Sick {
        for name in ["SICK_train.txt", "SICK_trial.txt"] {
            let file = args.data.join("sick").join(name);
            if file.exists() {
                let c = eval::eval_sick(&eval::read_sick(&file)?, th);
                writeln!(
                    out,
                    "SICK ({}; CONTRADICTION = contrasting)\n{c}\n",
                    file.display()
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
