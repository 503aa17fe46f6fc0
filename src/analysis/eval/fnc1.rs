//! FNC-1 (Fake News Challenge stage 1, competition test set, even body ids): does an article
//! report a headline's claim, and does it dispute it?
//!
//! Each (headline, body) pair is compared as an event of two outlets: the headline as one
//! outlet's one-claim article, the body as another's. The headline's stance is `disagree` when
//! a headline claim is in a contrasting cluster with an article claim, related (`agree` or
//! `discuss`, see [`related_stance`]) when in a shared one, `discuss` when it only has related
//! context in the article, `unrelated` otherwise. Figures:
//! related-vs-unrelated accuracy, `disagree` precision/recall/F1 and the official FNC-1 score
//! (the challenge's `scorer.py`: +0.25 for a right `unrelated`, +0.25 for a related pair called
//! any related class, +0.75 more for the exact class) relative to its maximum.

use std::path::Path;

use super::tfidf::{self, TfIdf};
use super::{Confusion, EvalError};
use crate::analysis::{ClusterKind, CompareOptions, Comparison, CueKind, compare_with};
use crate::corpus::{Event, EventOrigin};

/// The four FNC-1 stances.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

impl Stance {
    /// Parses the label of `stances.csv`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim() {
            "agree" => Self::Agree,
            "disagree" => Self::Disagree,
            "discuss" => Self::Discuss,
            "unrelated" => Self::Unrelated,
            _ => return None,
        })
    }

    pub fn related(self) -> bool {
        self != Self::Unrelated
    }

    /// Every stance, in the order of the FNC-1 scorer's confusion matrix.
    pub const ALL: [Stance; 4] = [Self::Agree, Self::Disagree, Self::Discuss, Self::Unrelated];

    /// The label of `stances.csv`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::Disagree => "disagree",
            Self::Discuss => "discuss",
            Self::Unrelated => "unrelated",
        }
    }

    /// The stance's place in [`Stance::ALL`] (and in `FncFigures::matrix`).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One labelled pair: the headline, the index of its body, the gold stance.
#[derive(Debug, Clone)]
pub struct FncPair {
    pub headline: String,
    pub body: usize,
    pub stance: Stance,
}

/// The dev half: bodies and labelled pairs, in file order.
#[derive(Debug, Clone, Default)]
pub struct FncData {
    pub bodies: Vec<(u32, String)>,
    pub pairs: Vec<FncPair>,
}

fn csv_rows(path: &Path) -> Result<Vec<(usize, csv::StringRecord)>, EvalError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(|e| csv_error(path, &e))?;
    let mut rows = Vec::new();
    for r in reader.records() {
        let r = r.map_err(|e| csv_error(path, &e))?;
        let line = r.position().map_or(0, |p| p.line() as usize);
        rows.push((line, r));
    }
    Ok(rows)
}

fn csv_error(path: &Path, e: &csv::Error) -> EvalError {
    match e.kind() {
        csv::ErrorKind::Io(io) => EvalError::Io {
            path: path.display().to_string(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
        _ => EvalError::Format {
            path: path.display().to_string(),
            line: e.position().map_or(0, |p| p.line() as usize),
            message: e.to_string(),
        },
    }
}

/// Reads `bodies.csv` and `stances.csv` of `dir`.
///
/// # Errors
/// [`EvalError::Io`] for an unreadable file, [`EvalError::Format`] for a malformed row, an
/// unknown stance or a body id that `bodies.csv` lacks (with the line).
pub fn read(dir: &Path) -> Result<FncData, EvalError> {
    let bodies_path = dir.join("bodies.csv");
    let stances_path = dir.join("stances.csv");
    let mut data = FncData::default();
    let mut index = std::collections::HashMap::new();
    for (line, r) in csv_rows(&bodies_path)? {
        let bad = |m: &str| EvalError::Format {
            path: bodies_path.display().to_string(),
            line,
            message: m.to_string(),
        };
        let id: u32 = r
            .get(0)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| bad("expected a numeric Body ID"))?;
        let text = r.get(1).ok_or_else(|| bad("missing articleBody"))?;
        index.insert(id, data.bodies.len());
        data.bodies.push((id, text.to_string()));
    }
    for (line, r) in csv_rows(&stances_path)? {
        let bad = |m: String| EvalError::Format {
            path: stances_path.display().to_string(),
            line,
            message: m,
        };
        let (Some(h), Some(id), Some(s)) = (r.get(0), r.get(1), r.get(2)) else {
            return Err(bad("expected Headline,Body ID,Stance".into()));
        };
        let body = id
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(|id| index.get(&id).copied())
            .ok_or_else(|| bad(format!("unknown Body ID {id:?}")))?;
        let stance = Stance::parse(s).ok_or_else(|| bad(format!("unknown stance {s:?}")))?;
        data.pairs.push(FncPair {
            headline: h.to_string(),
            body,
            stance,
        });
    }
    Ok(data)
}

/// Scores of one set of predictions.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FncFigures {
    /// Related (agree, disagree, discuss) against unrelated.
    pub related: Confusion,
    /// `disagree` against the rest.
    pub disagree: Confusion,
    /// The official score and its maximum.
    pub score: f64,
    pub max_score: f64,
    /// Pair counts, `matrix[gold][predicted]`, both indexed in the order of [`Stance::ALL`]
    /// (the confusion matrix the FNC-1 organisers' scorer prints).
    pub matrix: [[u32; 4]; 4],
}

impl FncFigures {
    /// Computes every figure from predictions aligned with `gold`.
    pub fn from_predictions(predicted: &[Stance], gold: &[Stance]) -> Self {
        let mut f = Self::default();
        for (&p, &g) in predicted.iter().zip(gold) {
            f.related.add(p.related(), g.related());
            f.disagree.add(p == Stance::Disagree, g == Stance::Disagree);
            f.matrix[g.index()][p.index()] += 1;
            f.max_score += if g.related() { 1.0 } else { 0.25 };
            if p == g {
                f.score += if g.related() { 1.0 } else { 0.25 };
            } else if p.related() && g.related() {
                f.score += 0.25;
            }
        }
        f
    }

    /// The score relative to its maximum, in [0, 1].
    pub fn relative_score(&self) -> f64 {
        if self.max_score == 0.0 {
            0.0
        } else {
            self.score / self.max_score
        }
    }
}

/// The evaluation: framediff beside the TF-IDF reference.
#[derive(Debug, Clone)]
pub struct FncEval {
    pub framediff: FncFigures,
    pub tfidf: FncFigures,
    /// The reference's related threshold (best related-vs-unrelated accuracy) and the number
    /// of refuting words a body needs for `disagree`.
    pub tfidf_threshold: f32,
    pub tfidf_refuting: usize,
}

/// The event compared for one pair: outlet `headline` (the headline alone) and outlet
/// `article` (the body).
pub fn pair_event(headline: &str, body: &str) -> Event {
    let article = |outlet: &str, text: &str| {
        super::dataset_article(format!("fnc1/{outlet}"), outlet, "", text.to_string(), None)
    };
    Event {
        id: "fnc1".into(),
        title: headline.to_string(),
        date: None,
        summary: None,
        tags: Vec::new(),
        origin: EventOrigin::Folder,
        articles: vec![
            article("headline", headline).into(),
            article("article", body).into(),
        ],
    }
}

/// The stance framediff's comparison gives the headline (column 0) towards the article
/// (column 1).
pub fn predicted_stance(cmp: &Comparison) -> Stance {
    let Some(headline) = cmp.columns.first() else {
        return Stance::Unrelated;
    };
    let mut best = Stance::Unrelated;
    for &h in &headline.claims {
        let c = &cmp.claims[h];
        for k in c.shown_in() {
            let cluster = &cmp.clusters[k];
            let with_article = cluster.members.iter().any(|&m| cmp.claims[m].column != 0);
            if !with_article {
                continue;
            }
            match cluster.kind {
                ClusterKind::Contrasting => return Stance::Disagree,
                ClusterKind::Shared if best != Stance::Agree => best = related_stance(cmp, cluster),
                ClusterKind::Shared => {}
                ClusterKind::Unique => {}
            }
        }
    }
    if best == Stance::Unrelated && related_to_article(cmp, headline) {
        // the article has claims on the headline's topic, not asserted as the same fact
        best = Stance::Discuss;
    }
    best
}

/// True when a headline claim has related context (see `Comparison::related`) in the article.
fn related_to_article(cmp: &Comparison, headline: &crate::analysis::OutletColumn) -> bool {
    headline.claims.iter().any(|&h| {
        cmp.related_to(h)
            .iter()
            .any(|(o, _)| cmp.claims[*o].column != 0)
    })
}

/// A shared headline claim: `agree` when both sides assert it, else `discuss`. The article
/// asserts it when one of its claims in the cluster has neither an attribution nor a hedge,
/// and the article as a whole does not keep its distance (fewer than
/// [`HEDGED_ARTICLE_SHARE`] of its claims hedged); the headline asserts it when its claim in
/// the cluster is not hedged ("Woman claims…", "reportedly"). A report of a rumour shares the
/// rumour's words without endorsing them: FNC-1 annotators call that `discuss`.
///
/// On FNC-1 dev (13,305 pairs): every shared pair `discuss` scores 0.758; the article's
/// asserted claim alone 0.774; with the headline's hedge and the article's hedged share,
/// 0.79 (see docs/analysis.md, "FNC-1 stance").
fn related_stance(cmp: &Comparison, cluster: &crate::analysis::Cluster) -> Stance {
    let members = || cluster.members.iter().map(|&m| &cmp.claims[m]);
    let headline_hedged = members().any(|c| c.column == 0 && hedged(c));
    let asserted = members().any(|c| c.column != 0 && c.attribution.is_none() && !hedged(c));
    if asserted && !headline_hedged && hedged_share(cmp, 1) < HEDGED_ARTICLE_SHARE {
        Stance::Agree
    } else {
        Stance::Discuss
    }
}

/// The share of an article's claims with a hedge at or above which the article reports
/// rather than asserts what it shares with the headline. Chosen on FNC-1 dev, on each half
/// of the bodies (split by id): 0.25–0.30 is best on both (docs/analysis.md, "FNC-1 stance",
/// gives the figures).
pub const HEDGED_ARTICLE_SHARE: f32 = 0.3;

fn hedged(c: &crate::analysis::Claim) -> bool {
    c.cues.iter().any(|q| q.kind == CueKind::Hedge)
}

/// The share of `column`'s claims that carry a hedge cue, in [0, 1] (0 for no claims).
fn hedged_share(cmp: &Comparison, column: usize) -> f32 {
    let Some(col) = cmp.columns.get(column) else {
        return 0.0;
    };
    if col.claims.is_empty() {
        return 0.0;
    }
    let n = col
        .claims
        .iter()
        .filter(|&&c| hedged(&cmp.claims[c]))
        .count();
    n as f32 / col.claims.len() as f32
}

/// Words the FNC-1 organisers' baseline counts as refuting a claim.
const REFUTING: &[&str] = &[
    "fake",
    "fraud",
    "hoax",
    "false",
    "deny",
    "denies",
    "denied",
    "refute",
    "refutes",
    "refuted",
    "not",
    "despite",
    "nope",
    "doubt",
    "doubts",
    "bogus",
    "debunk",
    "debunked",
    "pranks",
    "retract",
    "retracted",
];

/// Runs the evaluation on every pair (on all cores; the result does not depend on the
/// number of threads).
pub fn eval(
    data: &FncData,
    options: &CompareOptions,
    backend: crate::analysis::BackendFactory<'_>,
) -> FncEval {
    let gold: Vec<Stance> = data.pairs.iter().map(|p| p.stance).collect();
    // term weights from the whole corpus (every body and every distinct headline), as
    // `compare` gets them in a corpus
    let mut options = options.clone();
    if options.background.is_none() {
        let mut terms = crate::analysis::CorpusTerms::default();
        let mut headlines: Vec<&str> = data.pairs.iter().map(|p| p.headline.as_str()).collect();
        headlines.sort_unstable();
        headlines.dedup();
        for text in data.bodies.iter().map(|(_, b)| b.as_str()).chain(headlines) {
            terms.add_text(text, crate::analysis::Lang::En);
        }
        options.background = Some(std::sync::Arc::new(terms));
    }
    let options = &options;
    let predict = |p: &FncPair| {
        let event = pair_event(&p.headline, &data.bodies[p.body].1);
        predicted_stance(&compare_with(&event, options, backend))
    };
    let predicted = parallel_map(&data.pairs, predict);
    let framediff = FncFigures::from_predictions(&predicted, &gold);

    let model = TfIdf::fit(
        data.bodies
            .iter()
            .map(|(_, b)| b.as_str())
            .chain(data.pairs.iter().map(|p| p.headline.as_str())),
    );
    let bodies: Vec<tfidf::Vector> = data.bodies.iter().map(|(_, b)| model.vector(b)).collect();
    let refuting: Vec<usize> = data
        .bodies
        .iter()
        .map(|(_, b)| {
            tfidf::tokens(b)
                .filter(|t| REFUTING.contains(&t.as_str()))
                .count()
        })
        .collect();
    let scored: Vec<(f32, bool)> = data
        .pairs
        .iter()
        .map(|p| {
            (
                tfidf::cosine(&model.vector(&p.headline), &bodies[p.body]),
                p.stance.related(),
            )
        })
        .collect();
    let (threshold, _) = tfidf::best_accuracy_threshold(&scored);
    let (mut best, mut best_k) = (FncFigures::default(), 0);
    for k in 1..=8 {
        let predicted: Vec<Stance> = data
            .pairs
            .iter()
            .zip(&scored)
            .map(|(p, (s, _))| {
                if *s < threshold {
                    Stance::Unrelated
                } else if refuting[p.body] >= k {
                    Stance::Disagree
                } else {
                    Stance::Discuss
                }
            })
            .collect();
        let f = FncFigures::from_predictions(&predicted, &gold);
        if f.relative_score() > best.relative_score() {
            (best, best_k) = (f, k);
        }
    }
    FncEval {
        framediff,
        tfidf: best,
        tfidf_threshold: threshold,
        tfidf_refuting: best_k,
    }
}

/// The reference of a plain similarity score (one per pair, e.g. the cosine of a sentence
/// embedding model between headline and body): related at or above the threshold of best
/// related-vs-unrelated accuracy, every related pair called `discuss`. Returns the threshold
/// and the figures.
pub fn score_baseline(data: &FncData, scores: &[f32]) -> (f32, FncFigures) {
    let scored: Vec<(f32, bool)> = data
        .pairs
        .iter()
        .zip(scores)
        .map(|(p, &s)| (s, p.stance.related()))
        .collect();
    let (threshold, _) = tfidf::best_accuracy_threshold(&scored);
    let predicted: Vec<Stance> = scored
        .iter()
        .map(|&(s, _)| {
            if s < threshold {
                Stance::Unrelated
            } else {
                Stance::Discuss
            }
        })
        .collect();
    let gold: Vec<Stance> = data.pairs.iter().map(|p| p.stance).collect();
    (threshold, FncFigures::from_predictions(&predicted, &gold))
}

/// Maps `f` over `items` on all cores, keeping the order.
pub(crate) fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("evaluation threads do not panic"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_score() {
        use Stance::*;
        let gold = [Agree, Disagree, Discuss, Unrelated, Unrelated];
        let predicted = [Agree, Discuss, Unrelated, Unrelated, Discuss];
        let f = FncFigures::from_predictions(&predicted, &gold);
        // 1.0 (exact related) + 0.25 (related as another related class) + 0 + 0.25 + 0
        assert!((f.score - 1.5).abs() < 1e-9);
        assert!((f.max_score - 3.5).abs() < 1e-9);
        assert_eq!(f.related.tp, 2);
        assert_eq!(f.disagree.fn_, 1);
        // rows gold, columns predicted, in the order agree, disagree, discuss, unrelated
        assert_eq!(
            f.matrix,
            [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [0, 0, 1, 1]]
        );
    }

    #[test]
    fn a_denial_of_the_headline_is_disagree_and_an_unrelated_body_is_unrelated() {
        let o = CompareOptions::default();
        let lex = &crate::analysis::lexical_backend;
        let stance = |h: &str, b: &str| predicted_stance(&compare_with(&pair_event(h, b), &o, lex));
        assert_eq!(
            stance(
                "Hurricane forces evacuation of coastal towns in Florida",
                "Officials in Ohio opened a new library on Tuesday. The mayor cut the ribbon."
            ),
            Stance::Unrelated
        );
        assert_eq!(
            stance(
                "Apple will unveil a new MacBook Air at its spring event",
                "Apple will unveil a new MacBook Air at its spring event, sources said. The laptop has a retina screen."
            ),
            Stance::Discuss
        );
        // the article asserting the claim itself agrees with the headline
        assert_eq!(
            stance(
                "Apple will unveil a new MacBook Air at its spring event",
                "Apple will unveil a new MacBook Air at its spring event. The laptop has a retina screen."
            ),
            Stance::Agree
        );
        // a hedged headline: the article shares a rumour's words, it does not endorse them
        assert_eq!(
            stance(
                "Apple will reportedly unveil a new MacBook Air at its spring event",
                "Apple will unveil a new MacBook Air at its spring event. The laptop has a retina screen."
            ),
            Stance::Discuss
        );
        // an article that hedges much of what it says reports rather than asserts
        assert_eq!(
            stance(
                "Apple will unveil a new MacBook Air at its spring event",
                "Apple will unveil a new MacBook Air at its spring event. The laptop may have a \
                 retina screen. It could cost less than before."
            ),
            Stance::Discuss
        );
        // a headline in title case reads like the same sentence in lower case
        assert_eq!(
            stance(
                "Report: Second American Journalist Beheaded by Islamic State Terrorists",
                "An Internet video purports to show the beheading of U.S. journalist Steven \
                 Sotloff by the Islamic State group. Sotloff freelanced for Time magazine."
            ),
            Stance::Discuss
        );
    }

    #[test]
    fn parallel_map_keeps_order() {
        let v: Vec<usize> = (0..1000).collect();
        assert_eq!(
            parallel_map(&v, |x| x * 2),
            v.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
    }
}
