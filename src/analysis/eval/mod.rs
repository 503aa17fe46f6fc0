//! Evaluations against public research data: MRPC (paraphrase = "shared"), SICK
//! (contradiction = "contrasting") and BASIL (sentence boundaries, loaded terms, informational
//! bias vs unique claims; verdicts per event in [`basil`]), and the real-news sets of the
//! submodules, with a reader's sample drawn from them ([`sample`]). Figures are computed from the files every time; nothing is cached or
//! tuned per item.

use std::fmt;
use std::path::Path;

pub mod basil;
pub mod ecbplus;
pub mod fnc1;
pub mod neus;
pub mod regroup;
pub mod sample;
pub mod tfidf;
pub mod verdicts;

use super::contrast::{Thresholds, Verdict};
use super::sentences::split_sentences;
use super::similarity::IdfTable;
use super::{CompareOptions, PairScorer, article_language, compare};
use crate::analysis::claim::{ClaimFeatures, analyse_claim};
use crate::analysis::lexicon::VerbClass;
use crate::analysis::model::{ClusterKind, CueKind};
use crate::analysis::similarity::Similarity;
use crate::corpus::{BiasKind, Corpus};

/// Errors reading an evaluation file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format {
        path: String,
        line: usize,
        message: String,
    },
}

/// An English article read from a research dataset: `path` names it in reports, `outlet` is
/// its column, the body is the text itself (offsets refer to it), no date unless given.
pub fn dataset_article(
    path: impl Into<std::path::PathBuf>,
    outlet: &str,
    title: &str,
    body: String,
    date: Option<chrono::NaiveDate>,
) -> crate::corpus::Article {
    crate::corpus::Article {
        path: path.into(),
        outlet: outlet.to_string(),
        title: title.to_string(),
        date,
        date_alt: None,
        url: None,
        author: None,
        language: Some("en".into()),
        kind: None,
        body: body.into(),
        origin: crate::corpus::TextOrigin::Extracted,
        extra: Default::default(),
        gold: None,
    }
}

/// A binary confusion matrix.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Confusion {
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.total())
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl fmt::Display for Confusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "accuracy {:.4}  precision {:.4}  recall {:.4}  F1 {:.4}  (n = {})",
            self.accuracy(),
            self.precision(),
            self.recall(),
            self.f1(),
            self.total()
        )?;
        writeln!(f, "confusion matrix      gold yes   gold no")?;
        writeln!(f, "  predicted yes     {:>9} {:>9}", self.tp, self.fp)?;
        write!(f, "  predicted no      {:>9} {:>9}", self.fn_, self.tn)
    }
}

/// Scores a batch of sentence pairs with IDF from all sentences of the batch — the same
/// weighting `compare` gets from an event's claims. Returns (similarity, verdict) per pair.
pub fn score_batch(pairs: &[(String, String)], thresholds: Thresholds) -> Vec<(f32, Verdict)> {
    score_batch_explained(pairs, thresholds)
        .into_iter()
        .map(|(s, v, _)| (s, v))
        .collect()
}

/// [`score_batch`] with the reasons of each verdict.
pub fn score_batch_explained(
    pairs: &[(String, String)],
    thresholds: Thresholds,
) -> Vec<(f32, Verdict, Vec<String>)> {
    score_batch_with(pairs, thresholds, &crate::analysis::Backend::Lexical)
}

/// Reads both sentences of every pair as claims of one batch (IDF from all sentences; for an
/// embedding backend, all embedded at once) and hands `f` the scorer, the features (two per
/// pair, in order: `[a0, b0, a1, b1, …]`), the IDF table and the backend made over it. The
/// one preparation [`score_batch_with`] and `framediff pairs` share.
pub fn with_prepared_batch<R>(
    pairs: &[(String, String)],
    thresholds: Thresholds,
    backend: &crate::analysis::Backend,
    f: impl FnOnce(&PairScorer, &[ClaimFeatures], &IdfTable, &dyn Similarity) -> R,
) -> R {
    let mut scorer = PairScorer::new(thresholds);
    let mut feats: Vec<_> = pairs
        .iter()
        .flat_map(|(a, b)| [scorer.features(a), scorer.features(b)])
        .collect();
    let idf = IdfTable::from_claims(&feats, scorer.vocab.len());
    let sim = backend.make(&idf, thresholds);
    sim.prepare(&mut feats);
    f(&scorer, &feats, &idf, sim.as_ref())
}

/// [`score_batch_explained`] with a chosen similarity backend (all sentences prepared, for
/// an embedding backend embedded, as one batch).
pub fn score_batch_with(
    pairs: &[(String, String)],
    thresholds: Thresholds,
    backend: &crate::analysis::Backend,
) -> Vec<(f32, Verdict, Vec<String>)> {
    with_prepared_batch(pairs, thresholds, backend, |scorer, feats, _, sim| {
        feats
            .chunks_exact(2)
            .map(|ab| scorer.score(&ab[0], &ab[1], sim))
            .collect()
    })
}

/// A labelled pair file read into memory.
pub struct LabelledPairs {
    pub pairs: Vec<(String, String)>,
    pub labels: Vec<String>,
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::Io {
        path: path.display().to_string(),
        source: e,
    })
}

/// Which columns of a five-column tab-separated pair file hold what.
struct PairColumns {
    /// First field of an optional header line.
    header: &'static str,
    /// The labels the dataset uses (upper case): any other is a format error, which also
    /// tells one dataset's file given for another.
    labels: &'static [&'static str],
    /// The dataset's name, for errors.
    name: &'static str,
    label: usize,
    a: usize,
    b: usize,
}

/// Reads a five-column tab-separated file of labelled sentence pairs (a BOM and a header
/// line are skipped); labels are trimmed and upper-cased.
fn read_pairs(path: &Path, cols: PairColumns) -> Result<LabelledPairs, EvalError> {
    let text = read(path)?;
    let mut out = LabelledPairs {
        pairs: Vec::new(),
        labels: Vec::new(),
    };
    for (i, line) in text.trim_start_matches('\u{FEFF}').lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 5 {
            return Err(EvalError::Format {
                path: path.display().to_string(),
                line: i + 1,
                message: format!("expected 5 tab-separated fields, found {}", f.len()),
            });
        }
        if i == 0 && f[0].trim() == cols.header {
            continue;
        }
        let label = f[cols.label].trim().to_uppercase();
        if !cols.labels.contains(&label.as_str()) {
            return Err(EvalError::Format {
                path: path.display().to_string(),
                line: i + 1,
                message: format!(
                    "label {label:?} is not one of {} (is this a {} file?)",
                    cols.labels.join(", "),
                    cols.name
                ),
            });
        }
        out.labels.push(label);
        out.pairs
            .push((f[cols.a].to_string(), f[cols.b].to_string()));
    }
    Ok(out)
}

/// Reads MRPC: `label<TAB>id1<TAB>id2<TAB>s1<TAB>s2`, a BOM and an optional header line.
pub fn read_mrpc(path: &Path) -> Result<LabelledPairs, EvalError> {
    let cols = PairColumns {
        header: "Quality",
        labels: &["0", "1"],
        name: "MRPC",
        label: 0,
        a: 3,
        b: 4,
    };
    read_pairs(path, cols)
}

/// Reads SICK: `id<TAB>A<TAB>B<TAB>relatedness<TAB>label`, optional header.
pub fn read_sick(path: &Path) -> Result<LabelledPairs, EvalError> {
    let cols = PairColumns {
        header: "pair_ID",
        labels: &["ENTAILMENT", "NEUTRAL", "CONTRADICTION"],
        name: "SICK",
        label: 4,
        a: 1,
        b: 2,
    };
    read_pairs(path, cols)
}

/// Accuracy of the MRPC decision for each `paraphrase` threshold in `grid` (the other thresholds
/// as in `base`), to document how the shipped threshold was chosen.
pub fn sweep_mrpc(data: &LabelledPairs, base: Thresholds, grid: &[f32]) -> Vec<(f32, Confusion)> {
    grid.iter()
        .map(|&t| {
            let th = Thresholds {
                paraphrase: t,
                ..base
            };
            (t, eval_mrpc(data, th))
        })
        .collect()
}

/// MRPC: "paraphrase" is predicted when the verdict is `shared`.
pub fn eval_mrpc(data: &LabelledPairs, thresholds: Thresholds) -> Confusion {
    eval_mrpc_with(data, thresholds, &crate::analysis::Backend::Lexical)
}

/// [`eval_mrpc`] with a chosen similarity backend.
pub fn eval_mrpc_with(
    data: &LabelledPairs,
    thresholds: Thresholds,
    backend: &crate::analysis::Backend,
) -> Confusion {
    let scored = score_batch_with(&data.pairs, thresholds, backend);
    let mut c = Confusion::default();
    for ((_, v, _), gold) in scored.iter().zip(&data.labels) {
        c.add(*v == Verdict::Shared, gold == "1");
    }
    c
}

/// SICK: "contradiction" is predicted when the verdict is `contrasting`.
pub fn eval_sick(data: &LabelledPairs, thresholds: Thresholds) -> Confusion {
    eval_sick_with(data, thresholds, &crate::analysis::Backend::Lexical)
}

/// [`eval_sick`] with a chosen similarity backend.
pub fn eval_sick_with(
    data: &LabelledPairs,
    thresholds: Thresholds,
    backend: &crate::analysis::Backend,
) -> Confusion {
    let scored = score_batch_with(&data.pairs, thresholds, backend);
    let mut c = Confusion::default();
    for ((_, v, _), gold) in scored.iter().zip(&data.labels) {
        c.add(*v == Verdict::Contrasting, gold == "CONTRADICTION");
    }
    c
}

/// BASIL sentence boundaries: a boundary is the start of every sentence but the first of an
/// article; predicted and gold starts are compared exactly.
pub fn eval_basil_sentences(corpus: &Corpus) -> Confusion {
    let mut c = Confusion::default();
    for a in corpus.events.iter().flat_map(|e| &e.articles) {
        let Some(gold) = &a.gold else { continue };
        let trim_start = |r: &std::ops::Range<usize>| {
            let s = &a.body.as_str()[r.clone()];
            r.start + (s.len() - s.trim_start().len())
        };
        let gold_starts: Vec<usize> = gold.sentences.iter().skip(1).map(trim_start).collect();
        let pred: Vec<usize> = split_sentences(a.body.as_str())
            .iter()
            .skip(1)
            .map(|r| r.start)
            .collect();
        let tp = pred.iter().filter(|p| gold_starts.contains(p)).count();
        c.tp += tp;
        c.fp += pred.len() - tp;
        c.fn_ += gold_starts.len() - tp;
    }
    c
}

/// BASIL loaded terms, per gold sentence: "contains a loaded term" vs "has a `lex` span".
/// Loaded wording is a loaded-term cue or a loaded reporting verb ("claimed", "complained").
pub fn eval_basil_loaded(corpus: &Corpus) -> Confusion {
    let mut c = Confusion::default();
    for a in corpus.events.iter().flat_map(|e| &e.articles) {
        let Some(gold) = &a.gold else { continue };
        let lang = article_language(a);
        for (i, r) in gold.sentences.iter().enumerate() {
            let f = analyse_claim(&a.body.as_str()[r.clone()], lang);
            let predicted = f.cues.iter().any(|q| q.kind == CueKind::Loaded)
                || f.attribution_class == Some(VerbClass::Loaded);
            let has_lex = gold
                .spans
                .iter()
                .any(|s| s.sentence == Some(i) && s.bias == BiasKind::Lexical);
            c.add(predicted, has_lex);
        }
    }
    c
}

/// Share of BASIL sentences with an `inf` span whose claim the alignment marks unique, and,
/// for comparison, the share of all sentences marked unique: (inf unique, inf total,
/// all unique, all total).
pub fn eval_basil_inf_unique(corpus: &Corpus) -> (usize, usize, usize, usize) {
    let (mut inf_u, mut inf_n, mut all_u, mut all_n) = (0, 0, 0, 0);
    for ev in &corpus.events {
        if !ev.articles.iter().any(|a| a.gold.is_some()) {
            continue;
        }
        let cmp = compare(ev, &CompareOptions::default());
        for col in &cmp.columns {
            let a = &ev.articles[col.article];
            let Some(gold) = &a.gold else { continue };
            for (i, r) in gold.sentences.iter().enumerate() {
                // the claim covering most of the gold sentence
                let fr = a.file_range(r.clone());
                let best = col
                    .claims
                    .iter()
                    .map(|&id| &cmp.claims[id])
                    .max_by_key(|cl| overlap(cl.start..cl.end, fr.clone()));
                let Some(cl) = best else { continue };
                if overlap(cl.start..cl.end, fr.clone()) == 0 {
                    continue;
                }
                let unique = cmp.clusters[cl.cluster].kind == ClusterKind::Unique;
                let inf = gold
                    .spans
                    .iter()
                    .any(|s| s.sentence == Some(i) && s.bias == BiasKind::Informational);
                all_n += 1;
                all_u += usize::from(unique);
                if inf {
                    inf_n += 1;
                    inf_u += usize::from(unique);
                }
            }
        }
    }
    (inf_u, inf_n, all_u, all_n)
}

fn overlap(a: std::ops::Range<usize>, b: std::ops::Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_another_dataset_is_a_format_error_naming_the_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sick = dir.path().join("SICK_train.txt");
        std::fs::write(
            &sick,
            "pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n\
             1\tA dog runs.\tA dog is running.\t4.5\tENTAILMENT\n",
        )
        .expect("written");
        assert_eq!(
            read_sick(&sick).expect("a SICK file").labels,
            ["ENTAILMENT"]
        );
        let Err(err) = read_mrpc(&sick) else {
            panic!("a SICK file read as MRPC")
        };
        let err = err.to_string();
        assert!(
            err.contains("SICK_train.txt") && err.contains(":1"),
            "{err}"
        );
        assert!(err.contains("is this a MRPC file?"), "{err}");
    }

    #[test]
    fn confusion_figures() {
        let mut c = Confusion::default();
        c.add(true, true);
        c.add(true, false);
        c.add(false, true);
        c.add(false, false);
        c.add(true, true);
        assert_eq!(c.total(), 5);
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.accuracy() - 0.6).abs() < 1e-9);
    }

    #[test]
    fn batch_scoring_uses_the_pair_rule() {
        let pairs = vec![
            (
                "A man is playing a guitar".to_string(),
                "A man is not playing a guitar".to_string(),
            ),
            (
                "A man is playing a guitar".to_string(),
                "A man plays the guitar".to_string(),
            ),
            (
                "A dog runs".to_string(),
                "Stocks fell sharply in Tokyo".to_string(),
            ),
        ];
        let v: Vec<Verdict> = score_batch(&pairs, Thresholds::default())
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(
            v,
            vec![Verdict::Contrasting, Verdict::Shared, Verdict::Different]
        );
    }
}
