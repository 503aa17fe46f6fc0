//! `framediff eval`: every quality figure of the claim engine, computed from research data.

use std::io::Write;
use std::path::{Path, PathBuf};
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
    #[arg(long, env = "FRAMEDIFF_DATA", default_value = "../shared/data")]
    pub data: PathBuf,
}

/// What each suite reads under the data folder.
fn needs(suite: Suite) -> &'static [&'static str] {
    match suite {
        Suite::Basil => &["basil-dev"],
        Suite::Mrpc => &["mrpc/msr_paraphrase_train.txt"],
        Suite::Sick => &["sick/SICK_train.txt"],
        Suite::All => &[
            "basil-dev",
            "mrpc/msr_paraphrase_train.txt",
            "sick/SICK_train.txt",
        ],
    }
}

/// Checks that the data is there before anything runs, so a missing folder is one clear
/// message (where it looked, how to point elsewhere) rather than one error per file.
pub fn check_data(data: &Path, suite: Suite) -> Result<(), super::UsageError> {
    let shown = std::path::absolute(data).unwrap_or_else(|_| data.to_path_buf());
    let missing: Vec<&str> = needs(suite)
        .iter()
        .copied()
        .filter(|rel| !data.join(rel).exists())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(super::UsageError(format!(
        "no research data at {} (missing: {}); point to it with --data DIR or FRAMEDIFF_DATA=DIR",
        shown.display(),
        missing.join(", ")
    )))
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    check_data(&args.data, args.suite)?;
    eprintln!(
        "framediff: research data from {}",
        std::path::absolute(&args.data)
            .unwrap_or_else(|_| args.data.clone())
            .display()
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_is_one_message_with_the_place_and_the_way_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = check_data(dir.path(), Suite::All).unwrap_err().to_string();
        assert!(e.starts_with("no research data at /"), "{e}");
        assert!(
            e.contains("--data DIR") && e.contains("FRAMEDIFF_DATA"),
            "{e}"
        );
        assert!(
            e.contains("basil-dev, mrpc/msr_paraphrase_train.txt, sick/SICK_train.txt"),
            "{e}"
        );
        std::fs::create_dir(dir.path().join("basil-dev")).expect("mkdir");
        assert!(check_data(dir.path(), Suite::Basil).is_ok());
    }
}
