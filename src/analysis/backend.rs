//! Which similarity backend a comparison uses: the lexical default, or sentence embeddings
//! from a model folder (feature `semantic`, docs/semantic.md). Chosen once (from `--model`,
//! `FRAMEDIFF_MODEL` or `model = "…"` in config.toml) and carried in [`super::CompareOptions`].

use std::path::Path;
use std::sync::Arc;

use super::claim::ClaimFeatures;
use super::contrast::Thresholds;
use super::similarity::{IdfTable, LexicalSimilarity, Similarity};

/// How far embedding the claims of one comparison has come: `done` of `total` sentences
/// run through the model. Sentences answered from the embedding cache are not counted, so a
/// warm event reports nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbedProgress {
    pub done: usize,
    pub total: usize,
}

/// Where a comparison reports [`EmbedProgress`]: called from the thread that runs the
/// comparison, first with `done == 0`, then after each batch (every [`EmbedProgress::total`]
/// reached once). Cheap to clone.
#[derive(Clone)]
pub struct ProgressHook(Arc<dyn Fn(EmbedProgress) + Send + Sync>);

impl ProgressHook {
    /// A hook calling `f`.
    pub fn new(f: impl Fn(EmbedProgress) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    /// Reports `done` of `total`.
    pub fn report(&self, done: usize, total: usize) {
        (self.0)(EmbedProgress { done, total });
    }
}

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHook")
    }
}

/// True when two claims are at odds in what the contrast rules read: a negation on one side
/// only, an opposition the rules find (figures, dates, antonyms, evaluations), figures of one
/// unit that count different things, or weekdays named on both sides with none in common
/// ([`days_differ`]). Whether the difference is a contradiction stays with the rules; a
/// backend that reads meaning uses this to keep its cosine from vouching for such a pair
/// ("checked into rehab late Wednesday" / "checked into court-mandated rehab late
/// Thursday", or a denial and what it denies, are close vectors), and with a model the
/// alignment does not show such a pair as a claim and its counterpart (a new user's
/// findings, session 18).
pub fn at_odds(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    let o = super::contrast::opposition(a, b);
    a.negated() != b.negated()
        || o.negated_side.is_some()
        || !o.strong.is_empty()
        || o.evaluation.is_some()
        || o.measures_differ
        || days_differ(a, b)
}

/// True when both claims name a weekday (full names only: "wed" may be a verb) and no
/// weekday is named by both. The contrast rules find a day conflict only between days that
/// date the same word ("late Wednesday" after "facility", "late Thursday" after "Center" is
/// none); this is the looser test for what a cosine may vouch for.
pub fn days_differ(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    fn days(c: &ClaimFeatures) -> u8 {
        c.tokens
            .iter()
            .filter(|t| t.lower.len() >= 6)
            .filter_map(|t| t.lower.parse::<chrono::Weekday>().ok())
            .fold(0, |m, d| m | 1 << d.num_days_from_monday())
    }
    let (x, y) = (days(a), days(b));
    x != 0 && y != 0 && x & y == 0
}

/// True when each claim names someone or somewhere (a confirmed name) of which no word
/// occurs in the other claim: "checks into Betty Ford Center" / "checked into rehab in
/// Newport Beach", "Aoraki Mount Cook" / "Australian, English climbers". Two reports of
/// one act name the same participants or leave some out; on ECB+ dev most links the
/// model's cosine alone made between such pairs were two acts (docs/semantic.md).
pub fn names_differ(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    fn own_name(c: &ClaimFeatures, other: &ClaimFeatures) -> bool {
        c.entities.iter().filter(|e| !e.tentative).any(|e| {
            c.tokens[e.first..e.last]
                .iter()
                .all(|t| !other.tokens.iter().any(|o| o.lower == t.lower))
        })
    }
    own_name(a, b) && own_name(b, a)
}

/// The similarity backend of a comparison. Cheap to clone (an opened model is shared).
#[derive(Clone, Default)]
pub enum Backend {
    /// IDF-weighted lexical similarity ([`LexicalSimilarity`]).
    #[default]
    Lexical,
    /// Cosine of sentence embeddings, with the lexical measures the contrast rules read.
    #[cfg(feature = "semantic")]
    Embedding(std::sync::Arc<super::embedding::Embedder>),
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// Why `--model` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// This binary was built without sentence embeddings.
    #[error(
        "--model {0}: this framediff was built without sentence embeddings; rebuild it with \
         `cargo build --release --features semantic` (see docs/semantic.md)"
    )]
    NotBuilt(String),
    /// The model folder is missing or malformed (the message names the file).
    #[cfg(feature = "semantic")]
    #[error(transparent)]
    Model(#[from] super::embedding::ModelError),
}

impl Backend {
    /// The lexical backend for `None`, else the model folder at `model` (its weights are
    /// read when a sentence first needs embedding). Errors name the missing or malformed
    /// file, or, in a build without the `semantic` feature, say how to build one.
    pub fn open(model: Option<&Path>) -> Result<Self, BackendError> {
        let Some(dir) = model else {
            return Ok(Backend::Lexical);
        };
        #[cfg(feature = "semantic")]
        {
            let e = super::embedding::Embedder::open(dir)?;
            Ok(Backend::Embedding(std::sync::Arc::new(e)))
        }
        #[cfg(not(feature = "semantic"))]
        Err(BackendError::NotBuilt(dir.display().to_string()))
    }

    /// What the status line and reports name: "lexical-idf", or "embedding: <model folder
    /// name> (<pooling>)".
    pub fn label(&self) -> String {
        match self {
            Backend::Lexical => super::similarity::LEXICAL_NAME.into(),
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => e.label(),
        }
    }

    /// The backend for one event, from its term statistics and the decision thresholds.
    pub fn make(&self, idf: &IdfTable, th: Thresholds) -> Box<dyn Similarity> {
        self.make_observed(idf, th, None)
    }

    /// [`Backend::make`], reporting embedding progress to `progress` (the lexical backend
    /// has none to report).
    pub fn make_observed(
        &self,
        idf: &IdfTable,
        th: Thresholds,
        progress: Option<&ProgressHook>,
    ) -> Box<dyn Similarity> {
        let _ = (th, progress);
        match self {
            Backend::Lexical => Box::new(LexicalSimilarity::new(idf)),
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => e.backend(idf, th, progress.cloned()),
        }
    }

    /// Sets the embedding cut-offs as (candidate, paraphrase) cosines; `false` for the
    /// lexical backend, which has none.
    pub fn set_cutoffs(&self, candidate: f32, paraphrase: f32) -> bool {
        let _ = (candidate, paraphrase);
        match self {
            Backend::Lexical => false,
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => {
                e.set_params(super::embedding::SemanticParams {
                    candidate,
                    paraphrase,
                    ..e.params()
                });
                true
            }
        }
    }

    /// Unit sentence vectors of `texts` from the model (`None` for the lexical backend).
    pub fn embed(&self, texts: &[&str]) -> Option<Result<Vec<std::sync::Arc<[f32]>>, String>> {
        let _ = texts;
        match self {
            Backend::Lexical => None,
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => Some(e.embed(texts).map_err(|e| e.to_string())),
        }
    }

    /// An error met while embedding since the last call (the comparison then fell back to
    /// lexical similarity for the claims concerned), cleared.
    pub fn take_error(&self) -> Option<String> {
        match self {
            Backend::Lexical => None,
            #[cfg(feature = "semantic")]
            Backend::Embedding(e) => e.take_error(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str) -> ClaimFeatures {
        crate::analysis::claim::analyse_claim(text, crate::analysis::text::Lang::En)
    }

    #[test]
    fn two_days_a_denial_or_two_places_set_claims_at_odds() {
        let wed = claim("Lohan checked into a rehab facility late Wednesday, sources said.");
        let thu = claim("Lohan finally checked into court-mandated rehab late Thursday.");
        let thu2 = claim("Lohan checked into rehab on Thursday, her lawyer said.");
        assert!(days_differ(&wed, &thu) && at_odds(&wed, &thu));
        assert!(!days_differ(&thu, &thu2));
        // "wed" and "sun" are not read as days
        assert!(!days_differ(
            &claim("They wed on Monday."),
            &claim("The Sun said so.")
        ));
        let denial = claim("Lohan did not check into the Betty Ford Center, her lawyer said.");
        let ford = claim("Lindsay Lohan checked into the Betty Ford Center.");
        assert!(at_odds(&denial, &ford));
        assert!(!at_odds(&thu2, &ford) && !names_differ(&thu2, &ford));
        let newport = claim("Lindsay Lohan has checked into rehab in Newport Beach, California.");
        assert!(names_differ(&ford, &newport), "{:?}", ford.entities);
        // a name on one side only is a detail left out, not another participant
        assert!(!names_differ(
            &ford,
            &claim("Lindsay Lohan checked into rehab.")
        ));
    }

    #[test]
    fn no_model_is_the_lexical_default() {
        let b = Backend::open(None).unwrap();
        assert_eq!(b.label(), "lexical-idf");
        assert!(b.take_error().is_none());
    }

    #[cfg(not(feature = "semantic"))]
    #[test]
    fn a_model_without_the_feature_says_how_to_build_one() {
        let e = Backend::open(Some(Path::new("/models/x")))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("/models/x") && e.contains("--features semantic"),
            "{e}"
        );
    }
}
