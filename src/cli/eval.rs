//! `framediff eval`: every quality figure of the claim engine, computed from research data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::analysis::Thresholds;
use crate::analysis::eval;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suite {
    /// BASIL: sentence boundaries, loaded terms vs `lex` spans, `inf` sentences marked unique;
    /// verdicts per event (the three articles as three outlets), a sample to read.
    Basil,
    /// MRPC train: paraphrase = shared.
    Mrpc,
    /// SICK train: CONTRADICTION = contrasting.
    Sick,
    /// ECB+ dev: claim links against gold event coreference; event grouping with no dates.
    Ecbplus,
    /// FNC-1 dev: related vs unrelated, `disagree`, the official score.
    Fnc1,
    /// NeuS/AllSides dev: verdicts per story, roundup facts found as shared, a sample to read.
    Neus,
    /// All of the above.
    All,
}

/// A dev set a reading sample can be drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum SampleSet {
    /// NeuS/AllSides dev: three outlets' leads per story.
    Neus,
    /// BASIL dev: three outlets' whole articles per event.
    Basil,
    /// ECB+ dev: each sub-topic's documents (one event, many sources) as one event, every
    /// document its own outlet.
    Ecbplus,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// What to evaluate.
    #[arg(value_enum, default_value = "all")]
    pub suite: Suite,
    /// The research data folder (with basil-dev/, mrpc/, sick/, ecbplus-dev/, fnc1-dev/,
    /// neus-dev/).
    #[arg(long, env = "FRAMEDIFF_DATA", default_value = "../shared/data")]
    pub data: PathBuf,
    /// Write a random sample of clusters (40 per verdict, and 40 related pairs) for a reader
    /// to this file: of the NeuS stories (`eval neus`, `eval all`), the BASIL events
    /// (`eval basil`) or the ECB+ sub-topics (`eval ecbplus`), or of the sets --sample-from
    /// names.
    #[arg(long, value_name = "FILE")]
    pub sample: Option<PathBuf>,
    /// Draw the --sample from these dev sets together, every cluster equally likely, e.g.
    /// `--sample-from neus,basil,ecbplus` (NeuS dev alone has too few contrasting clusters
    /// for 40).
    /// Sets the suite does not run are compared for the sample only.
    #[arg(
        long,
        value_name = "SETS",
        value_enum,
        value_delimiter = ',',
        requires = "sample"
    )]
    pub sample_from: Vec<SampleSet>,
    /// NeuS: roundup facts labelled by a reader (JSON Lines; default: the labels of
    /// docs/eval/neus-roundup-facts.jsonl, built into the binary, so any folder works).
    #[arg(long, value_name = "FILE")]
    pub facts: Option<PathBuf>,
    /// NeuS: also regroup the stories mixed into the articles of this corpus (a haystack,
    /// e.g. `examples/gen_archive`'s `events/` folder).
    #[arg(long, value_name = "DIR")]
    pub haystack: Option<PathBuf>,
    /// Seed of the --sample draw.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// With a model, the news suites print the embedding backend's figures beside the
    /// lexical default's and TF-IDF's, from the same run.
    #[command(flatten)]
    pub model: super::model::ModelArg,
    /// With --model: the embedding cut-offs CANDIDATE,PARAPHRASE (cosines) instead of the
    /// chosen ones (docs/semantic.md), for sweeps on the dev halves.
    #[arg(long, value_name = "C,P", value_delimiter = ',')]
    pub cutoffs: Option<Vec<f32>>,
    #[command(flatten)]
    pub load: super::LoadArgs,
}

/// What each suite reads under the data folder.
fn needs(suite: Suite) -> &'static [&'static str] {
    match suite {
        Suite::Basil => &["basil-dev"],
        Suite::Mrpc => &["mrpc/msr_paraphrase_train.txt"],
        Suite::Sick => &["sick/SICK_train.txt"],
        Suite::Ecbplus => &["ecbplus-dev/sentences.csv"],
        Suite::Fnc1 => &["fnc1-dev/bodies.csv", "fnc1-dev/stances.csv"],
        Suite::Neus => &["neus-dev/allsides_stories.jsonl"],
        Suite::All => &[
            "basil-dev",
            "mrpc/msr_paraphrase_train.txt",
            "sick/SICK_train.txt",
            "ecbplus-dev/sentences.csv",
            "fnc1-dev/bodies.csv",
            "neus-dev/allsides_stories.jsonl",
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

impl SampleSet {
    /// The suite that evaluates this set (and reads the same data).
    fn suite(self) -> Suite {
        match self {
            SampleSet::Neus => Suite::Neus,
            SampleSet::Basil => Suite::Basil,
            SampleSet::Ecbplus => Suite::Ecbplus,
        }
    }
}

/// The sets a --sample draws from, in one order whatever the order typed (NeuS, BASIL, ECB+):
/// those --sample-from names, else the suite's own. None without --sample.
fn sample_sets(args: &EvalArgs) -> Result<Vec<SampleSet>, super::UsageError> {
    if args.sample.is_none() {
        return Ok(Vec::new());
    }
    let mut sets = args.sample_from.clone();
    if sets.is_empty() {
        sets = match args.suite {
            Suite::Neus | Suite::All => vec![SampleSet::Neus],
            Suite::Basil => vec![SampleSet::Basil],
            Suite::Ecbplus => vec![SampleSet::Ecbplus],
            _ => {
                return Err(super::UsageError(
                    "--sample draws from NeuS, BASIL or ECB+: run `eval neus`, `eval basil`, \
                     `eval ecbplus` or `eval all`, or name the sets with --sample-from \
                     neus,basil,ecbplus"
                        .into(),
                ));
            }
        };
    }
    sets.sort_unstable();
    sets.dedup();
    Ok(sets)
}

pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    // a --sample the suite cannot draw is a usage error whatever data there is
    let sets = sample_sets(args)?;
    check_data(&args.data, args.suite)?;
    for set in &sets {
        check_data(&args.data, set.suite())?;
    }
    let backend = args.model.backend()?;
    if let Some(c) = &args.cutoffs {
        let [candidate, paraphrase] = c.as_slice() else {
            return Err(super::UsageError("--cutoffs takes two cosines: C,P".into()).into());
        };
        if !backend.set_cutoffs(*candidate, *paraphrase) {
            return Err(super::UsageError("--cutoffs needs --model".into()).into());
        }
    }
    if args.model.given().is_some() {
        eprintln!("framediff: similarity backend {}", backend.label());
    }
    eprintln!(
        "framediff: research data from {}",
        std::path::absolute(&args.data)
            .unwrap_or_else(|_| args.data.clone())
            .display()
    );
    let mut out = super::out::stdout();
    let th = Thresholds::default();
    let all = args.suite == Suite::All;
    let mut pools: Vec<(SampleSet, eval::sample::Pool)> = Vec::new();
    if all || args.suite == Suite::Basil {
        // absolute, so that a sample names files a reader can open from anywhere
        let dir = std::path::absolute(args.data.join("basil-dev"))?;
        let corpus = crate::corpus::load(&dir);
        writeln!(
            out,
            "BASIL sentence boundaries ({}; no baseline; a boundary that is not there is \
             not counted, so 'predicted no, gold no' is 0 and 'accuracy' is TP / (TP + FP + \
             FN): read precision, recall and F1)\n{}\n",
            dir.display(),
            eval::eval_basil_sentences(&corpus)
        )?;
        writeln!(
            out,
            "BASIL loaded terms per sentence (predicted: a loaded-term cue; gold: a `lex` span; \
             no baseline: the share of sentences with a `lex` span is what 'always loaded' \
             would give as precision)\n{}\n",
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
        let compared = news::basil(&mut out, &dir, &corpus, &backend)?;
        if sets.contains(&SampleSet::Basil) {
            pools.push((SampleSet::Basil, eval::basil::pool(&dir, compared)));
        }
    }
    if all || args.suite == Suite::Mrpc {
        let file = args.data.join("mrpc").join("msr_paraphrase_train.txt");
        let c = eval::eval_mrpc_with(&eval::read_mrpc(&file)?, th, &backend);
        writeln!(out, "MRPC ({}; paraphrase = shared)\n{c}\n", file.display())?;
    }
    if all || args.suite == Suite::Sick {
        for name in ["SICK_train.txt", "SICK_trial.txt"] {
            let file = args.data.join("sick").join(name);
            if file.exists() {
                let c = eval::eval_sick_with(&eval::read_sick(&file)?, th, &backend);
                writeln!(
                    out,
                    "SICK ({}; CONTRADICTION = contrasting)\n{c}\n",
                    file.display()
                )?;
            }
        }
    }
    if all || args.suite == Suite::Ecbplus {
        // absolute, so that a sample names files a reader can open from anywhere
        let dir = std::path::absolute(args.data.join("ecbplus-dev"))?;
        let compared = news::ecbplus(&mut out, &dir, &backend)?;
        if sets.contains(&SampleSet::Ecbplus) {
            pools.push((SampleSet::Ecbplus, eval::ecbplus::pool(&dir, compared)));
        }
    }
    if all || args.suite == Suite::Fnc1 {
        news::fnc1(&mut out, &args.data.join("fnc1-dev"), &backend)?;
    }
    if all || args.suite == Suite::Neus {
        let dir = args.data.join("neus-dev");
        let compared = news::neus(&mut out, &dir, args, &backend)?;
        if sets.contains(&SampleSet::Neus) {
            let file = std::path::absolute(dir.join("allsides_stories.jsonl"))?;
            pools.push((SampleSet::Neus, eval::neus::pool(&file, compared)));
        }
    }
    if let Some(path) = &args.sample {
        write_sample(&mut out, path, args, &sets, pools, &backend)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Clusters and related pairs a --sample takes per part.
const SAMPLE_PER_KIND: usize = 40;

/// Writes the reading sample drawn from `sets`: the pools the suites compared, and the sets
/// they did not, compared here (with the model when there is one). Article text is
/// sanitised as everywhere it is printed.
fn write_sample(
    out: &mut impl Write,
    path: &Path,
    args: &EvalArgs,
    sets: &[SampleSet],
    mut done: Vec<(SampleSet, eval::sample::Pool)>,
    backend: &crate::analysis::Backend,
) -> anyhow::Result<()> {
    let mut pools = Vec::new();
    for &set in sets {
        match done.iter().position(|(s, _)| *s == set) {
            Some(i) => pools.push(done.swap_remove(i).1),
            None => pools.push(news::pool_only(set, &args.data, backend)?),
        }
    }
    let md = eval::sample::sample_markdown(&pools, SAMPLE_PER_KIND, args.seed);
    std::fs::write(path, super::out::text(&md))?;
    let sizes: Vec<String> = eval::sample::sample_sizes(&pools, SAMPLE_PER_KIND)
        .into_iter()
        .map(|(part, drawn, all)| format!("{part} {drawn} of {all}"))
        .collect();
    let names: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
    writeln!(
        out,
        "Sample of clusters from {} (seed {}) written to {}: {}\n",
        names.join(" + "),
        args.seed,
        path.display(),
        sizes.join(", ")
    )?;
    Ok(())
}

/// The evaluations on real news, each beside the TF-IDF reference of the same run.
mod news {
    use std::io::Write;
    use std::path::Path;

    use crate::analysis::eval::verdicts::{Compared, VerdictCounts, same_links, verdict_counts};
    use crate::analysis::eval::{Confusion, basil, ecbplus, fnc1, neus};
    use crate::analysis::{Backend, CompareOptions, IdfTable, Similarity, lexical_backend};

    /// The backend as the evaluations take it.
    fn factory(backend: &Backend) -> impl Fn(&IdfTable) -> Box<dyn Similarity> + Sync + '_ {
        let th = CompareOptions::default().thresholds;
        move |idf: &IdfTable| backend.make(idf, th)
    }

    /// The label of the second framediff line, padded like the others.
    fn with_label(backend: &Backend) -> String {
        format!("{:<29} ", format!("  framediff, {}", short(backend)))
    }

    fn dot(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    fn short(backend: &Backend) -> String {
        backend.label().replace("embedding: ", "")
    }

    fn pr(c: &Confusion) -> String {
        format!(
            "precision {:.3}  recall {:.3}  F1 {:.3}  ({} links)",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp + c.fp
        )
    }

    /// ECB+ dev: claim links and event grouping. Returns the compared sub-topics a sample
    /// draws from (the model's with a model).
    pub fn ecbplus(
        out: &mut impl Write,
        dir: &Path,
        backend: &Backend,
    ) -> anyhow::Result<Vec<Compared>> {
        let data = ecbplus::read(dir)?;
        let options = CompareOptions::default();
        let compared = ecbplus::compare_subtopics(&data, &options, &lexical_backend);
        let a = ecbplus::alignment_of(&data, &compared);
        writeln!(
            out,
            "ECB+ claim links ({}; {} gold pairs, {} positive)",
            dir.display(),
            a.framediff.total(),
            a.framediff.tp + a.framediff.fn_
        )?;
        writeln!(out, "  framediff                     {}", pr(&a.framediff))?;
        writeln!(
            out,
            "    of which contrasting only   {} ({} gold positive)",
            a.contrasting_links, a.contrasting_gold
        )?;
        let semantic = (!matches!(backend, Backend::Lexical))
            .then(|| ecbplus::compare_subtopics(&data, &options, &factory(backend)));
        if let Some(sem) = &semantic {
            let m = ecbplus::alignment_of(&data, sem);
            writeln!(out, "{}{}", with_label(backend), pr(&m.framediff))?;
            writeln!(
                out,
                "    of which contrasting only   {} ({} gold positive)",
                m.contrasting_links, m.contrasting_gold
            )?;
        }
        writeln!(
            out,
            "  TF-IDF, as many links         {}",
            pr(&a.tfidf_same_links)
        )?;
        writeln!(
            out,
            "  TF-IDF, best F1 (>= {:.3})     {}",
            a.tfidf_best.0,
            pr(&a.tfidf_best.1)
        )?;
        // ECB+ sub-topics gather coverage published weeks or years apart (16ecbplus runs from
        // 2005 to 2007), which no news event does: the figure that compares with earlier runs
        // reads no dates at all; the second line lets grouping find them in URLs and datelines
        let no_dates = crate::corpus::GroupingOptions {
            recover_dates: false,
            ..Default::default()
        };
        let g = ecbplus::eval_grouping(&data, &no_dates);
        let recovered = ecbplus::eval_grouping(&data, &Default::default());
        let line = |f: &ecbplus::GroupingFigures| {
            format!(
                "pairwise precision {:.3}  recall {:.3}  F1 {:.3}  events {} (gold {}), exact {}",
                f.pairs.precision(),
                f.pairs.recall(),
                f.pairs.f1(),
                f.predicted_groups,
                f.gold_groups,
                f.exact
            )
        };
        writeln!(
            out,
            "ECB+ event grouping ({} documents, one flat folder, no dates)",
            data.documents.len()
        )?;
        writeln!(
            out,
            "  framediff                     {}",
            line(&g.framediff)
        )?;
        writeln!(
            out,
            "  framediff, dates from URL/text {}",
            line(&recovered.framediff)
        )?;
        writeln!(
            out,
            "  TF-IDF average link (>= {:.3}) {}\n",
            g.tfidf.0,
            line(&g.tfidf.1)
        )?;
        Ok(semantic.unwrap_or(compared))
    }

    pub fn fnc1(out: &mut impl Write, dir: &Path, backend: &Backend) -> anyhow::Result<()> {
        let data = fnc1::read(dir)?;
        let e = fnc1::eval(&data, &CompareOptions::default(), &lexical_backend);
        let line = |f: &fnc1::FncFigures| {
            format!(
                "related accuracy {:.3}  disagree P {:.3} R {:.3} F1 {:.3}  score {:.1}/{:.1} = {:.3}",
                f.related.accuracy(),
                f.disagree.precision(),
                f.disagree.recall(),
                f.disagree.f1(),
                f.score,
                f.max_score,
                f.relative_score()
            )
        };
        writeln!(
            out,
            "FNC-1 ({}; {} pairs, {} bodies)",
            dir.display(),
            data.pairs.len(),
            data.bodies.len()
        )?;
        writeln!(
            out,
            "  framediff                     {}",
            line(&e.framediff)
        )?;
        write_stance_matrix(out, &e.framediff)?;
        if !matches!(backend, Backend::Lexical) {
            let m = fnc1::eval(&data, &CompareOptions::default(), &factory(backend));
            writeln!(out, "{}{}", with_label(backend), line(&m.framediff))?;
            write_stance_matrix(out, &m.framediff)?;
            // the model's plain cosine between headline and body (cut at its max length)
            let texts: Vec<&str> = data
                .pairs
                .iter()
                .map(|p| p.headline.as_str())
                .chain(data.bodies.iter().map(|(_, b)| b.as_str()))
                .collect();
            if let Some(vectors) = backend.embed(&texts) {
                let vectors = vectors.map_err(anyhow::Error::msg)?;
                let n = data.pairs.len();
                let scores: Vec<f32> = data
                    .pairs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| dot(&vectors[i], &vectors[n + p.body]))
                    .collect();
                let (t, f) = fnc1::score_baseline(&data, &scores);
                writeln!(out, "  cosine alone (>= {t:.3})        {}", line(&f))?;
            }
        }
        writeln!(
            out,
            "  TF-IDF (>= {:.3}, {} refuting) {}\n",
            e.tfidf_threshold,
            e.tfidf_refuting,
            line(&e.tfidf)
        )?;
        Ok(())
    }

    /// The confusion matrix of one FNC-1 run: a row per gold stance, a column per prediction.
    fn write_stance_matrix(out: &mut impl Write, f: &fnc1::FncFigures) -> anyhow::Result<()> {
        write!(out, "    {:<22}", "gold \\ predicted")?;
        for s in fnc1::Stance::ALL {
            write!(out, "{:>10}", s.label())?;
        }
        writeln!(out)?;
        for g in fnc1::Stance::ALL {
            write!(out, "    {:<22}", g.label())?;
            for n in f.matrix[g.index()] {
                write!(out, "{n:>10}")?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    /// The verdict counts of a data set's compared events (`unit`: what one event is called),
    /// a model's beside them, and the TF-IDF reference's comparable figure: with as many
    /// cross-outlet links as framediff's shared clusters, the share of sentences it links to
    /// no other outlet, beside framediff's share of claims left unique.
    fn write_verdicts(
        out: &mut impl Write,
        [unit, units]: [&str; 2],
        compared: &[Compared],
        semantic: Option<&[Compared]>,
        backend: &Backend,
    ) -> anyhow::Result<()> {
        let v = verdict_counts(compared);
        writeln!(out, "  {}", per_unit(unit, &v))?;
        writeln!(out, "  {}", totals(&v))?;
        let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
        writeln!(
            out,
            "  claims unique {}/{} = {:.3}; {units} with a shared cluster {}/{} = {:.3}",
            v.unique_claims,
            v.claims,
            share(v.unique_claims, v.claims),
            v.stories_with_shared,
            v.stories,
            share(v.stories_with_shared, v.stories)
        )?;
        let r = same_links(compared);
        let (free, all) = r.unlinked();
        writeln!(
            out,
            "  TF-IDF with as many links (>= {:.3}): sentences linked to no other outlet {free}/{all} = {:.3}",
            r.threshold,
            share(free, all)
        )?;
        if let Some(sem) = semantic {
            let s = verdict_counts(sem);
            let name = short(backend);
            writeln!(out, "  {name}: {}", per_unit(unit, &s))?;
            writeln!(out, "  {name}: {}", totals(&s))?;
            let u = share(s.unique_claims, s.claims);
            writeln!(out, "  {name}: claims unique {u:.3}")?;
        }
        Ok(())
    }

    fn per_unit(unit: &str, v: &VerdictCounts) -> String {
        let per = |n: usize| n as f64 / v.stories.max(1) as f64;
        format!(
            "clusters per {unit}: shared {:.2}  contrasting {:.2}  unique {:.2}; related pairs {:.2}",
            per(v.shared),
            per(v.contrasting),
            per(v.unique),
            per(v.related)
        )
    }

    fn totals(v: &VerdictCounts) -> String {
        format!(
            "in total: shared {}  contrasting {}  unique {}  related {}",
            v.shared, v.contrasting, v.unique, v.related
        )
    }

    /// A set compared for a sample only (its suite did not run): the model's clusters with a
    /// model, as the suite would sample them.
    pub fn pool_only(
        set: super::SampleSet,
        data: &Path,
        backend: &Backend,
    ) -> anyhow::Result<crate::analysis::eval::sample::Pool> {
        let lexical = matches!(backend, Backend::Lexical);
        let f = factory(backend);
        let chosen: crate::analysis::BackendFactory<'_> =
            if lexical { &lexical_backend } else { &f };
        Ok(match set {
            super::SampleSet::Neus => {
                let file = std::path::absolute(data.join("neus-dev/allsides_stories.jsonl"))?;
                let stories = neus::read(&file)?;
                neus::pool(&file, neus::compare_stories(&stories, chosen))
            }
            super::SampleSet::Basil => {
                let dir = std::path::absolute(data.join("basil-dev"))?;
                let corpus = crate::corpus::load(&dir);
                basil::pool(&dir, basil::compare_corpus(&corpus, chosen))
            }
            super::SampleSet::Ecbplus => {
                let dir = std::path::absolute(data.join("ecbplus-dev"))?;
                let data = ecbplus::read(&dir)?;
                let options = CompareOptions::default();
                ecbplus::pool(&dir, ecbplus::compare_subtopics(&data, &options, chosen))
            }
        })
    }

    /// BASIL dev's verdicts: each triplet's three articles compared as three outlets; the
    /// counts in total and per event. Returns the comparisons a sample draws from (the
    /// model's with a model).
    pub fn basil(
        out: &mut impl Write,
        dir: &Path,
        corpus: &crate::corpus::Corpus,
        backend: &Backend,
    ) -> anyhow::Result<Vec<Compared>> {
        let compared = basil::compare_corpus(corpus, &lexical_backend);
        let semantic = (!matches!(backend, Backend::Lexical))
            .then(|| basil::compare_corpus(corpus, &factory(backend)));
        writeln!(
            out,
            "BASIL verdicts ({}; {} compared, each event's three articles as three outlets)",
            dir.display(),
            match compared.len() {
                1 => "1 event".to_string(),
                n => format!("{n} events"),
            }
        )?;
        write_verdicts(
            out,
            ["event", "events"],
            &compared,
            semantic.as_deref(),
            backend,
        )?;
        writeln!(out, "  per event: shared / contrasting / unique / related")?;
        for (heading, k) in verdict_counts(&compared).per_event {
            let counts = format!(
                "{} / {} / {} / {}",
                k.shared, k.contrasting, k.unique, k.related
            );
            writeln!(out, "    {counts:<18} {heading}")?;
        }
        writeln!(out)?;
        Ok(semantic.unwrap_or(compared))
    }

    pub fn neus(
        out: &mut impl Write,
        dir: &Path,
        args: &super::EvalArgs,
        backend: &Backend,
    ) -> anyhow::Result<Vec<Compared>> {
        let file = dir.join("allsides_stories.jsonl");
        let stories = neus::read(&file)?;
        let compared = neus::compare_stories(&stories, &lexical_backend);
        let semantic = (!matches!(backend, Backend::Lexical))
            .then(|| neus::compare_stories(&stories, &factory(backend)));
        writeln!(
            out,
            "NeuS/AllSides ({}; {} stories compared)",
            file.display(),
            compared.len()
        )?;
        write_verdicts(
            out,
            ["story", "stories"],
            &compared,
            semantic.as_deref(),
            backend,
        )?;
        let options = crate::corpus::GroupingOptions::default();
        use crate::analysis::eval::regroup::{Dates, INTO_HAYSTACK_WEEKS, eval_neus_mixed};
        let haystack: Vec<crate::corpus::Article> = match &args.haystack {
            Some(dir) => crate::corpus::load(dir)
                .events
                .into_iter()
                .flat_map(|e| e.articles)
                .map(std::sync::Arc::unwrap_or_clone)
                .collect(),
            None => Vec::new(),
        };
        let back = -7 * INTO_HAYSTACK_WEEKS;
        let mut runs = vec![
            (Dates::Story, "story dates", false, 0),
            (Dates::Spread, "story dates -1/0/+1 day", false, 0),
            (Dates::None, "no dates", false, 0),
        ];
        if !haystack.is_empty() {
            runs.push((Dates::Story, "story dates", true, 0));
            runs.push((Dates::Spread, "story dates -1/0/+1 day", true, 0));
            runs.push((
                Dates::Story,
                "story dates moved into the haystack's years",
                true,
                back,
            ));
        }
        writeln!(
            out,
            "  regrouping: every story's leads in one flat folder, grouped as `framediff` \
             groups loose articles; pairwise P/R/F1 against the stories, \"exact\" = events \
             equal to a story; the first line (story dates) is the headline figure. Each half \
             is regrouped alone, among half as many other stories, so a half can score above \
             the whole. Explained in docs/grouping.md (\"Figures\")."
        )?;
        for (dates, how, mixed, shift) in runs {
            let hay = if mixed { haystack.clone() } else { Vec::new() };
            let r = eval_neus_mixed(&file, dates, &options, hay, shift)?;
            let place = if mixed {
                format!(
                    ", mixed into {} haystack articles ({} pulled into story events)",
                    haystack.len(),
                    r.pulled_in
                )
            } else {
                String::new()
            };
            let g = &r.all;
            writeln!(
                out,
                "  regrouping all leads ({how}{place}): pairwise precision {:.3}  recall {:.3}  F1 {:.3}  events {} (gold {}), exact {}",
                g.pairs.precision(),
                g.pairs.recall(),
                g.pairs.f1(),
                g.predicted_groups,
                g.gold_groups,
                g.exact
            )?;
            let [a, b] = &r.halves;
            let short = |g: &ecbplus::GroupingFigures| {
                let p = &g.pairs;
                let (pr, re, f1) = (p.precision(), p.recall(), p.f1());
                format!(
                    "P {pr:.3} R {re:.3} F1 {f1:.3}, exact {}/{}",
                    g.exact, g.gold_groups
                )
            };
            writeln!(out, "{}", super::halves_line(&short(a), &short(b)))?;
        }
        if let Some((source, facts)) = super::roundup_facts(args.facts.as_deref())? {
            let r = neus::fact_recall(&stories, &compared, &facts);
            let share = |n: usize| n as f64 / r.facts.max(1) as f64;
            writeln!(
                out,
                "  roundup facts stated by 2+ outlets ({source}): {} facts",
                r.facts
            )?;
            writeln!(
                out,
                "    found as shared: framediff {}/{} = {:.3}; TF-IDF with as many links (>= {:.3}) {}/{} = {:.3}",
                r.framediff,
                r.facts,
                share(r.framediff),
                r.tfidf_threshold,
                r.tfidf,
                r.facts,
                share(r.tfidf)
            )?;
            if let Some(sem) = &semantic {
                let m = neus::fact_recall(&stories, sem, &facts);
                writeln!(
                    out,
                    "    found as shared: framediff, {} {}/{} = {:.3}",
                    short(backend),
                    m.framediff,
                    m.facts,
                    share(m.framediff)
                )?;
            }
            for m in &r.missing {
                writeln!(out, "    label not found in its lead: {m:?}")?;
            }
        } else {
            let path = args.facts.as_deref().unwrap_or(Path::new(""));
            writeln!(
                out,
                "  roundup facts: no labels at {} (pass --facts FILE)",
                std::path::absolute(path)
                    .unwrap_or_else(|_| path.to_path_buf())
                    .display()
            )?;
        }
        writeln!(out)?;
        // with a model, a sample is of the model's clusters
        Ok(semantic.unwrap_or(compared))
    }
}

/// The NeuS halves line of `eval neus`. The data file holds every story; the halves are by
/// position in it (`analysis::eval::regroup`): stories at even positions chose the settings,
/// those at odd positions are held out (docs/grouping.md). Not by story id.
fn halves_line(tuning: &str, held_out: &str) -> String {
    format!(
        "    halves by position in the file: even positions (tuning) {tuning}; \
         odd positions (held out) {held_out}"
    )
}

/// The roundup facts labelled by a reader, with where they come from: `--facts FILE` (its
/// full path; `None` when the file is not there), else the labels of
/// docs/eval/neus-roundup-facts.jsonl built into the binary, so `eval` run from any folder
/// gives the README's NeuS figure.
fn roundup_facts(
    file: Option<&Path>,
) -> anyhow::Result<Option<(String, Vec<eval::neus::RoundupFact>)>> {
    const BUILT_IN: &str = include_str!("../../docs/eval/neus-roundup-facts.jsonl");
    let Some(path) = file else {
        let facts = BUILT_IN
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<Vec<_>, _>>()?;
        let source = "docs/eval/neus-roundup-facts.jsonl, built in".to_string();
        return Ok(Some((source, facts)));
    };
    if !path.exists() {
        return Ok(None);
    }
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    Ok(Some((
        full.display().to_string(),
        eval::neus::read_facts(path)?,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neus_halves_are_labelled_by_position_not_story() {
        let line = halves_line("A", "B");
        assert!(line.contains("even positions (tuning) A"), "{line}");
        assert!(line.contains("odd positions (held out) B"), "{line}");
        assert!(!line.contains("stories"), "{line}");
    }

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
            e.contains(
                "basil-dev, mrpc/msr_paraphrase_train.txt, sick/SICK_train.txt, ecbplus-dev"
            ),
            "{e}"
        );
        std::fs::create_dir(dir.path().join("basil-dev")).expect("mkdir");
        assert!(check_data(dir.path(), Suite::Basil).is_ok());
    }
}
