//! The embedding backend behind [`Similarity`]: sentence vectors from a
//! [`SentenceEncoder`], cached ([`EmbeddingCache`]), compared by cosine.
//!
//! Division of labour (docs/semantic.md): the cosine finds candidate pairs that share no
//! word and recognises the same proposition told in other words; everything that decides
//! `contrasting` (negation scope, quantities, antonyms, evaluations, attribution) stays with
//! the contrast rules, which run before the `shared` decision, and the lexical measures
//! they read (coverage, shared content, topic) stay lexical. So a high cosine between
//! "X won" and "X lost" never outvotes the rule that sees the opposition.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::ModelError;
use super::cache::EmbeddingCache;
use super::encoder::SentenceEncoder;
use crate::analysis::ProgressHook;
use crate::analysis::backend::{at_odds, names_differ};
use crate::analysis::claim::ClaimFeatures;
use crate::analysis::contrast::Thresholds;
use crate::analysis::similarity::{IdfTable, LexicalSimilarity, SharedContent, Similarity};

/// Cosine cut-offs of the embedding backend, chosen on the dev halves (docs/semantic.md).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SemanticParams {
    /// Cosine at or above which two claims that share no term are still decided as a pair,
    /// and at or above which two claims the decision does not call one fact are shown as
    /// related context ([`Similarity::related_topic`]). On FNC-1 dev with all-MiniLM-L6-v2
    /// (docs/semantic.md, "Related context"): related-vs-unrelated accuracy 0.943 / 0.964 /
    /// 0.971 / 0.971 at 0.35 / 0.40 / 0.45 / 0.50 (0.956 without the rule).
    pub candidate: f32,
    /// Cosine at or above which two claims state the same proposition (unless a contrast
    /// rule fires first).
    pub paraphrase: f32,
    /// Cosine below which words in common alone (the alignment's same-fact rule) do not make
    /// two claims one fact ([`Similarity::meaning_agrees`]): the model reads two statistics
    /// of one outbreak, or two remarks at one rally, as different. Chosen on NeuS dev with
    /// all-MiniLM-L6-v2 (docs/semantic.md, "Same fact, read by the model").
    pub same_fact: f32,
    /// Cosine at or above which the similarity reaches [`Thresholds::antonym`]: two sentences this
    /// close are about one scene, so an antonym between them ("won" / "lost") is a contrast.
    pub antonym: f32,
}

impl Default for SemanticParams {
    fn default() -> Self {
        Self {
            candidate: 0.5,
            paraphrase: 0.7,
            same_fact: 0.45,
            antonym: 0.85,
        }
    }
}

/// A sentence encoder with its cache: what every event's backend shares.
pub struct Embedder {
    encoder: SentenceEncoder,
    cache: Mutex<EmbeddingCache>,
    /// Cut-offs used by the backends this embedder makes.
    params: Mutex<SemanticParams>,
    last_error: Mutex<Option<String>>,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("encoder", &self.encoder)
            .field("params", &self.params())
            .finish()
    }
}

impl Embedder {
    /// Opens a model folder ([`SentenceEncoder::load`]) with its cache in the platform cache
    /// folder ([`EmbeddingCache::default_dir`]); an in-memory cache when that folder cannot
    /// be used.
    pub fn open(dir: &Path) -> Result<Self, ModelError> {
        let encoder = SentenceEncoder::load(dir)?;
        let cache = EmbeddingCache::default_dir()
            .and_then(|d| EmbeddingCache::open(&d, encoder.id(), encoder.dim()).ok())
            .unwrap_or_else(|| EmbeddingCache::in_memory(encoder.dim()));
        Ok(Self::with_cache(encoder, cache))
    }

    /// An embedder with the given cache.
    pub fn with_cache(encoder: SentenceEncoder, cache: EmbeddingCache) -> Self {
        Self {
            encoder,
            cache: Mutex::new(cache),
            params: Mutex::new(SemanticParams::default()),
            last_error: Mutex::new(None),
        }
    }

    /// The cut-offs of the backends made from now on.
    pub fn params(&self) -> SemanticParams {
        *self.params.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets the cut-offs of the backends made from now on (for sweeps on dev data).
    pub fn set_params(&self, params: SemanticParams) {
        *self.params.lock().unwrap_or_else(|e| e.into_inner()) = params;
    }

    /// The encoder.
    pub fn encoder(&self) -> &SentenceEncoder {
        &self.encoder
    }

    /// What the status line and reports show: "embedding: <folder name> (<pooling>)".
    pub fn label(&self) -> String {
        let name = self.encoder.dir().file_name().map_or_else(
            || self.encoder.dir().display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("embedding: {name} ({})", self.encoder.pooling().name())
    }

    /// Cache look-ups so far: (answered from the cache, embedded), and vectors held.
    pub fn cache_stats(&self) -> (usize, usize, usize) {
        let c = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        (c.hits, c.misses, c.len())
    }

    /// The last error met while embedding or writing the cache, cleared.
    pub fn take_error(&self) -> Option<String> {
        self.last_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
    }

    fn note_error(&self, e: String) {
        *self.last_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
    }

    /// Unit vectors of `texts`, in order: cached ones looked up, the rest embedded in
    /// batches and added to the cache (written to its file before returning).
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Arc<[f32]>>, ModelError> {
        self.embed_observed(texts, None)
    }

    /// [`Embedder::embed`], reporting to `progress` how many of the distinct texts not in
    /// the cache have been embedded: (0, n) before the first batch, then after each batch.
    /// Nothing is reported when every text is cached.
    pub fn embed_observed(
        &self,
        texts: &[&str],
        progress: Option<&ProgressHook>,
    ) -> Result<Vec<Arc<[f32]>>, ModelError> {
        let mut out: Vec<Option<Arc<[f32]>>> = Vec::with_capacity(texts.len());
        let mut todo: Vec<&str> = Vec::new();
        {
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            for t in texts {
                let v = cache.get(t);
                if v.is_none() {
                    todo.push(t);
                }
                out.push(v);
            }
        }
        todo.sort_unstable();
        todo.dedup();
        if !todo.is_empty() {
            let total = todo.len();
            let vectors = match progress {
                Some(hook) => {
                    hook.report(0, total);
                    self.encoder
                        .embed_with(&todo, &mut |done| hook.report(done, total))?
                }
                None => self.encoder.embed(&todo)?,
            };
            let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
            for (t, v) in todo.iter().zip(vectors) {
                cache.insert(t, v.into());
            }
            if let Err(e) = cache.flush() {
                self.note_error(format!("embedding cache not written: {e}"));
            }
            for (slot, t) in out.iter_mut().zip(texts) {
                if slot.is_none() {
                    *slot = cache.get(t);
                    cache.hits -= 1; // a look-up of what was just embedded is no hit
                }
            }
        }
        Ok(out
            .into_iter()
            .map(|v| v.unwrap_or_else(|| vec![0.0; self.encoder.dim()].into()))
            .collect())
    }

    /// The backend for one event: lexical measures with the event's weights, cosine of the
    /// claims' vectors (computed in [`Similarity::prepare`], which reports its progress to
    /// `progress`).
    pub fn backend(
        self: &Arc<Self>,
        idf: &IdfTable,
        th: Thresholds,
        progress: Option<ProgressHook>,
    ) -> Box<dyn Similarity> {
        Box::new(EmbeddingSimilarity {
            lexical: LexicalSimilarity::new(idf),
            embedder: Arc::clone(self),
            params: self.params(),
            th,
            progress,
            failed: AtomicBool::new(false),
        })
    }
}

/// Cosine of two unit vectors (0 when either is missing or they differ in length).
pub fn cosine(a: Option<&[f32]>, b: Option<&[f32]>) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) if a.len() == b.len() => a.iter().zip(b).map(|(x, y)| x * y).sum(),
        _ => 0.0,
    }
}

/// Similarity from sentence vectors, with the lexical backend for what the contrast rules
/// read (see the module documentation).
///
/// When the claims cannot be embedded ([`Similarity::prepare`] fails: the weights changed
/// or broke since the folder was opened), the backend is the lexical one for the whole
/// event, every method included, and names itself `lexical-idf`: the comparison is then
/// exactly the lexical comparison, never a mix labelled "embedding". The error is kept for
/// [`Embedder::take_error`].
pub struct EmbeddingSimilarity {
    lexical: LexicalSimilarity,
    embedder: Arc<Embedder>,
    params: SemanticParams,
    th: Thresholds,
    progress: Option<ProgressHook>,
    /// Set when the claims could not be embedded: every method answers lexically.
    failed: AtomicBool,
}

impl EmbeddingSimilarity {
    /// The lexical backend when embedding failed, to answer in its place.
    fn fallback(&self) -> Option<&LexicalSimilarity> {
        self.failed.load(Ordering::Relaxed).then_some(&self.lexical)
    }

    /// True when the claims could not be embedded and the backend answers lexically.
    pub fn fell_back(&self) -> bool {
        self.fallback().is_some()
    }

    fn cos(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        cosine(a.embedding.as_deref(), b.embedding.as_deref())
    }

    /// The similarity the decision's gates read: the lexical similarity, lifted by the
    /// cosine only where the cosine is the better witness. At [`SemanticParams::paraphrase`]
    /// a pair reaches the decision's lowest gate (so a paraphrase with no word in common
    /// reaches the paraphrase test at all), but no higher: the gates of number, negation and
    /// evaluation contrasts stay lexical, as vectors do not tell two earthquakes of one kind
    /// apart. At [`SemanticParams::antonym`]
    /// (near-identical sentences: one scene) it reaches [`Thresholds::antonym`], so "won" /
    /// "lost" is a contrast. Across languages, where the surface paraphrase model cannot read
    /// the pair, it reaches [`Thresholds::shared`] at [`SemanticParams::paraphrase`].
    pub fn lifted(&self, lexical: f32, cos: f32, same_language: bool) -> f32 {
        let th = &self.th;
        let p = &self.params;
        let gate = th.negation_min.min(th.evaluation).min(th.shared);
        let floor = if cos >= p.antonym {
            th.antonym
        } else if cos < p.paraphrase {
            0.0
        } else if same_language {
            gate
        } else {
            th.shared
        };
        lexical.max(floor)
    }
}

/// True when the cosine may not vouch for two claims: the contrast rules see a cue of
/// opposition between them, even one their gates set aside ([`at_odds`]: a negation on one
/// side, figures or days that differ, an antonym, opposite evaluations), or each names
/// someone or somewhere the other does not ([`names_differ`]).
fn opposed(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    at_odds(a, b) || names_differ(a, b)
}

/// The piecewise-linear function through `points` (sorted by x), flat outside them.
fn piecewise(points: &[(f32, f32)], x: f32) -> f32 {
    let (first, last) = (points[0], points[points.len() - 1]);
    if x <= first.0 {
        return first.1;
    }
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            return if x1 > x0 {
                y0 + (y1 - y0) * (x - x0) / (x1 - x0)
            } else {
                y1
            };
        }
    }
    last.1
}

impl Similarity for EmbeddingSimilarity {
    fn name(&self) -> &'static str {
        match self.fallback() {
            Some(l) => l.name(),
            None => "embedding",
        }
    }

    fn prepare(&self, claims: &mut [ClaimFeatures]) {
        self.lexical.prepare_masses(claims);
        let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        match self.embedder.embed_observed(&texts, self.progress.as_ref()) {
            Ok(vectors) => {
                for (c, v) in claims.iter_mut().zip(vectors) {
                    c.embedding = Some(v);
                }
            }
            // no claim has a vector: the event is compared lexically, wholly (see the type's
            // documentation); the caller reports the error
            Err(e) => {
                self.failed.store(true, Ordering::Relaxed);
                self.embedder.note_error(e.to_string());
            }
        }
    }

    fn similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        if let Some(l) = self.fallback() {
            return l.similarity(a, b);
        }
        let lexical = self.lexical.similarity(a, b);
        self.lifted(lexical, self.cos(a, b), a.lang == b.lang)
    }

    fn paraphrase(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        if let Some(l) = self.fallback() {
            return l.paraphrase(a, b);
        }
        let lexical = self.lexical.paraphrase_score(a, b);
        // th.paraphrase at the paraphrase cut-off, 1 at cosine 1
        let p = self.params.paraphrase;
        let semantic = piecewise(
            &[(0.0, 0.0), (p, self.th.paraphrase), (1.0, 1.0)],
            self.cos(a, b),
        );
        // the cosine never vouches for a pair with a cue of opposition, even one the
        // decision's gates set aside: "X won" and "X lost" are close vectors, not one fact
        if semantic > lexical && opposed(a, b) {
            return lexical;
        }
        lexical.max(semantic)
    }

    fn coverage(&self, part: &ClaimFeatures, whole: &ClaimFeatures) -> f32 {
        self.lexical.coverage(part, whole)
    }

    fn topic_similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        self.lexical.topic_similarity(a, b)
    }

    fn shared_content(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> SharedContent {
        self.lexical.shared_content(a, b)
    }

    fn similarity_and_content(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
    ) -> (f32, Option<SharedContent>) {
        match self.fallback() {
            Some(l) => l.similarity_and_content(a, b),
            None => (self.similarity(a, b), None),
        }
    }

    fn reads_meaning(&self) -> bool {
        self.fallback().is_none()
    }

    fn related_topic(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
        match self.fallback() {
            Some(l) => l.related_topic(a, b),
            None => self.cos(a, b) >= self.params.candidate,
        }
    }

    fn meaning_agrees(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
        match self.fallback() {
            Some(l) => l.meaning_agrees(a, b),
            None => self.cos(a, b) >= self.params.same_fact,
        }
    }

    fn as_lexical(&self) -> Option<&LexicalSimilarity> {
        self.fallback()
    }

    fn extra_candidates(&self, claims: &[&ClaimFeatures]) -> Vec<(usize, usize)> {
        if let Some(l) = self.fallback() {
            return l.extra_candidates(claims);
        }
        let mut out = Vec::new();
        for (i, a) in claims.iter().enumerate() {
            let Some(va) = a.embedding.as_deref() else {
                continue;
            };
            for (j, b) in claims.iter().enumerate().skip(i + 1) {
                if cosine(Some(va), b.embedding.as_deref()) >= self.params.candidate {
                    out.push((i, j));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_meets_the_decision_at_the_cut_offs() {
        let pts = [(0.0, 0.0), (0.5, 0.2), (0.7, 0.36), (1.0, 1.0)];
        assert_eq!(piecewise(&pts, -0.3), 0.0);
        assert!((piecewise(&pts, 0.5) - 0.2).abs() < 1e-6);
        assert!((piecewise(&pts, 0.7) - 0.36).abs() < 1e-6);
        assert!((piecewise(&pts, 0.6) - 0.28).abs() < 1e-6);
        assert_eq!(piecewise(&pts, 1.5), 1.0);
    }

    #[test]
    fn cosine_of_missing_or_mismatched_vectors_is_zero() {
        assert_eq!(cosine(None, Some(&[1.0])), 0.0);
        assert_eq!(cosine(Some(&[1.0, 0.0]), Some(&[1.0])), 0.0);
        assert!((cosine(Some(&[0.6, 0.8]), Some(&[0.6, 0.8])) - 1.0).abs() < 1e-6);
    }
}
