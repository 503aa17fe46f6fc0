//! Text -> claims -> alignment -> framing cues -> [`Comparison`]. Pure and synchronous.
//!
//! [`compare`] is a short sequence of named stages, each a module with one job (described,
//! with the evaluation figures each stage moved, in `docs/analysis.md`):
//! `segment` (articles -> sentences -> clauses -> features) -> `claims` (claims with offsets,
//! coreference) -> `weights` (terms, event and corpus weights, the similarity backend) ->
//! [`contrast`] (the decision for each candidate pair) -> [`align`] (clusters across outlets)
//! -> `clusters` (reasons, disputes) -> [`framing`] (profiles).
//!
//! One concept per module: [`text`] (normalising, language), [`sentences`], [`clauses`]
//! (compound sentences), [`tokens`] (words and stems), [`lexicon`] (the embedded lexicons),
//! [`entities`] (names and coreference), [`quantities`], [`claim`] (features of one claim),
//! [`similarity`] (the pluggable backend), [`contrast`] (the pair verdict), [`align`] (clusters
//! across outlets), [`framing`] (profiles), [`diff`] (word-level diffs), [`eval`] (figures on
//! research data) and [`fasthash`] (maps for the hot loops). [`compare`] runs them all for one
//! event; [`pair_verdict`] is the same decision for two sentences. The decision and its
//! thresholds are documented in `docs/similarity.md`.

pub mod align;
pub mod backend;
pub mod boilerplate;
pub mod claim;
mod claims;
pub mod clauses;
mod clusters;
pub mod contrast;
pub mod diff;
#[cfg(feature = "semantic")]
pub mod embedding;
pub mod entities;
pub mod eval;
pub mod fasthash;
pub mod framing;
pub mod lexicon;
pub mod model;
pub mod predicates;
pub mod quantities;
pub mod refutation;
pub mod restatement;
mod segment;
pub mod sentences;
pub mod similarity;
pub mod slots;
pub mod surface;
pub mod text;
pub mod tokens;
mod weights;

pub use backend::{Backend, EmbedProgress, ProgressHook};
pub use claim::{ClaimFeatures, analyse_claim};
pub use contrast::{Thresholds, Verdict};
pub use diff::word_diff;
pub use model::*;
pub use segment::claim_sentences;
pub use similarity::{CorpusTerms, IdfTable, LexicalSimilarity, Similarity, Vocab};
pub use text::Lang;

use crate::corpus::{Article, Event};

/// What to compare and how strictly.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Outlet ids to include, in this display order; `None` = all articles of the event.
    pub outlets: Option<Vec<String>>,
    /// Similarity thresholds of the pair decision.
    pub thresholds: Thresholds,
    /// Display names by outlet id, used in the reasons ("only in BBC News"); ids without a
    /// name are shown as they are.
    pub outlet_names: std::collections::BTreeMap<String, String>,
    /// Term frequencies of the whole corpus, for term weights that know what is common in
    /// the corpus; `None`: weights from the event's claims alone.
    pub background: Option<std::sync::Arc<similarity::CorpusTerms>>,
    /// The similarity backend [`compare`] uses (lexical unless a model was chosen).
    pub backend: Backend,
    /// Where [`compare`] reports how far embedding the claims has come (a model backend
    /// only; `None`: not reported).
    pub progress: Option<ProgressHook>,
}

impl CompareOptions {
    /// Default options with the outlet names a corpus knows (from `outlets.toml`) and the
    /// corpus's term frequencies (this analyses every article once: build the options once
    /// per corpus and reuse them).
    pub fn for_corpus(corpus: &crate::corpus::Corpus) -> Self {
        Self::with_corpus_terms(
            corpus,
            similarity::CorpusTerms::from_articles(
                corpus
                    .events
                    .iter()
                    .flat_map(|e| e.articles.iter().map(|a| &**a)),
            ),
        )
    }

    /// [`Self::for_corpus`] with term frequencies already counted (e.g. from the cache).
    pub fn with_corpus_terms(corpus: &crate::corpus::Corpus, terms: CorpusTerms) -> Self {
        Self {
            background: Some(std::sync::Arc::new(terms)),
            outlet_names: corpus
                .outlets
                .iter()
                .filter_map(|(id, o)| o.name.clone().map(|n| (id.clone(), n)))
                .collect(),
            ..Self::default()
        }
    }
}

/// The language of an article: declared if supported, else guessed from the script.
pub fn article_language(article: &Article) -> Lang {
    text_language(article, article.body.as_str())
}

/// [`article_language`] of an article whose text is `text` (read back from disk).
pub fn text_language(article: &Article, text: &str) -> Lang {
    article
        .language
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(|| text::detect_language(text))
}

/// Makes a similarity backend from the event's term statistics.
pub type BackendFactory<'a> = &'a (dyn Fn(&IdfTable) -> Box<dyn Similarity> + Sync);

/// The shipped backend: IDF-weighted lexical similarity.
pub fn lexical_backend(idf: &IdfTable) -> Box<dyn Similarity> {
    Box::new(LexicalSimilarity::new(idf))
}

/// Name of the folder of the sentence-embedding cache in the cache root
/// ([`crate::cache::default_root`]); `framediff cache info` lists it and `cache clear` removes
/// it. A constant of every build, so a build without the `semantic` feature still shows it.
pub const EMBEDDINGS_DIR: &str = "embeddings";

/// Compares the articles of one event: claims, clusters, framing profiles.
pub fn compare(event: &Event, options: &CompareOptions) -> Comparison {
    let th = options.thresholds;
    let mut cmp = compare_with(event, options, &|idf: &IdfTable| {
        options
            .backend
            .make_observed(idf, th, options.progress.as_ref())
    });
    // a model whose claims could not be embedded compared this event lexically, and the
    // comparison names the lexical backend (EmbeddingSimilarity::name)
    if cmp.backend != similarity::LEXICAL_NAME {
        cmp.backend = options.backend.label();
    } else if !matches!(options.backend, Backend::Lexical) {
        let why = options
            .backend
            .take_error()
            .unwrap_or_else(|| "the claims could not be embedded".into());
        cmp.backend_problem = Some(format!(
            "{} not used: {why}; compared lexically",
            options.backend.label()
        ));
    }
    cmp
}

/// [`compare`] with another similarity backend (for example a semantic one); everything else,
/// including the pair decision and its thresholds, stays the same.
pub fn compare_with(
    event: &Event,
    options: &CompareOptions,
    backend: BackendFactory<'_>,
) -> Comparison {
    // 1. segment: articles in display order, sentences, clauses, features
    let articles = segment::select_articles(event, options);
    let analysed = segment::analyse_articles(&articles);
    // 2. claims, with names resolved across the event
    let (columns, mut claims, mut feats) = claims::build(&articles, analysed);
    let display = claims::resolve_coreference(&columns, &mut claims, &mut feats);
    // 3. candidates: terms, weights (event and corpus), the similarity backend
    let (vocab, sim) = weights::index_and_weigh(&columns, &claims, &mut feats, options, backend);
    // 4. decide and 5. cluster: every candidate pair decided (`contrast`), claims aligned
    let copies = copies_of(&feats);
    let inputs: Vec<align::AlignInput> = feats
        .iter()
        .zip(&claims)
        .zip(copies)
        .map(|((f, c), copy_of)| align::AlignInput {
            features: f,
            column: c.column,
            copy_of,
        })
        .collect();
    let (raw, context) = align::align_with_context(&inputs, sim.as_ref(), &options.thresholds);
    let syndication = clusters::Syndication::from_columns(&columns);
    let clusters = clusters::dress(
        &raw,
        &mut claims,
        &feats,
        &vocab,
        &options.outlet_names,
        &syndication,
    );
    // 6. profile each outlet
    let canonical = |k: &str| display.get(k).cloned().unwrap_or_else(|| k.to_string());
    let profiles = columns
        .iter()
        .map(|col| {
            let cs: Vec<(&ClaimFeatures, &[Cue], ClusterKind)> = col
                .claims
                .iter()
                .map(|&id| {
                    let c = &claims[id];
                    (&feats[id], c.cues.as_slice(), clusters[c.cluster].kind)
                })
                .collect();
            framing::profile(&col.outlet, &col.headline, &cs, &canonical)
        })
        .collect();

    Comparison {
        event_id: event.id.clone(),
        event_title: event.title.clone(),
        backend: sim.name().to_string(),
        backend_problem: None,
        columns,
        claims,
        clusters,
        profiles,
        related: context
            .into_iter()
            .map(|p| RelatedPair {
                a: p.a,
                b: p.b,
                similarity: p.similarity,
                note: p.note,
            })
            .collect(),
        event_read: None,
    }
}

/// For each claim, the first claim with the same features but for `context_ids` (its own
/// index when there is none): [`align::AlignInput::copy_of`]. Only claims of one text and
/// language can be copies (stage 1 analyses each such text once); of those, the fields the
/// later stages write from more than the claim and the event's statistics are compared (the
/// article's dates; the terms and names, which the pronoun rule completes from the claim's
/// article), with the others they write (ids, weights, names, tokens) for good measure.
fn copies_of(feats: &[ClaimFeatures]) -> Vec<usize> {
    let alike = |a: &ClaimFeatures, b: &ClaimFeatures| {
        a.article_date == b.article_date
            && a.article_date_alt == b.article_date_alt
            && a.terms == b.terms
            && a.term_ids == b.term_ids
            && a.entity_keys == b.entity_keys
            && a.entities == b.entities
            && a.title_case_names == b.title_case_names
            && a.lexical_mass.to_bits() == b.lexical_mass.to_bits()
            && a.predicate_terms == b.predicate_terms
            && a.hyponym_terms == b.hyponym_terms
            && a.embedding == b.embedding
            && a.tokens == b.tokens
    };
    // the claims of each (text, language) that are no copy
    let mut originals: fasthash::FastMap<(&str, Lang), Vec<usize>> = Default::default();
    let mut out = Vec::with_capacity(feats.len());
    for (k, f) in feats.iter().enumerate() {
        let firsts = originals.entry((f.text.as_str(), f.lang)).or_default();
        match firsts.iter().find(|&&o| alike(&feats[o], f)) {
            Some(&o) => out.push(o),
            None => {
                firsts.push(k);
                out.push(k);
            }
        }
    }
    out
}

/// The words two indexed claims have in common, as a cluster's "common words" reason shows
/// them (in the order of `a`'s text, a name as written in `a`; stop words left out). Empty
/// when they share none. `vocab` is the one that indexed both claims.
pub fn common_words(a: &ClaimFeatures, b: &ClaimFeatures, vocab: &Vocab) -> Vec<String> {
    clusters::shared_terms(&[0, 1], &[a.clone(), b.clone()], vocab)
}

/// The decision the alignment makes for two claims, on their own: similarity in [0, 1] and a
/// verdict. Without a corpus every content word weighs the same (see `pairs` for IDF from a
/// batch of pairs).
pub fn pair_verdict(a: &str, b: &str) -> (f32, Verdict) {
    let mut scorer = PairScorer::new(Thresholds::default());
    let (s, v, _) = scorer.score_texts(a, b, &LexicalSimilarity::uniform());
    (s, v)
}

/// Scores free-standing sentence pairs the way the alignment scores claims.
#[derive(Debug, Clone)]
pub struct PairScorer {
    pub thresholds: Thresholds,
    pub vocab: Vocab,
}

impl PairScorer {
    pub fn new(thresholds: Thresholds) -> Self {
        Self {
            thresholds,
            vocab: Vocab::new(),
        }
    }

    /// Analyses and indexes one sentence (language guessed from its script).
    pub fn features(&mut self, text: &str) -> ClaimFeatures {
        let mut f = analyse_claim(text, text::detect_language(text));
        self.vocab.index(&mut f);
        f
    }

    /// Similarity, verdict and reasons for two indexed claims.
    pub fn score(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
        sim: &dyn Similarity,
    ) -> (f32, Verdict, Vec<String>) {
        contrast::decide(sim, a, b, &self.thresholds)
    }

    /// [`PairScorer::score`] for two texts.
    pub fn score_texts(
        &mut self,
        a: &str,
        b: &str,
        sim: &dyn Similarity,
    ) -> (f32, Verdict, Vec<String>) {
        // two sentences are each other's event: a title-case line's names are the ones the
        // other sentence confirms
        let lang = |t: &str| text::detect_language(t);
        let mut pair = [analyse_claim(a, lang(a)), analyse_claim(b, lang(b))];
        let confirmed = claims::confident_keys(&pair);
        claims::confirm_title_case_names(&mut pair, &confirmed);
        let [mut fa, mut fb] = pair;
        self.vocab.index(&mut fa);
        self.vocab.index(&mut fb);
        self.score(&fa, &fb, sim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{EventOrigin, TextOrigin};

    fn article(outlet: &str, sentences: &[&str]) -> std::sync::Arc<Article> {
        let body = sentences.join("\n\n");
        let path = format!("ev/{outlet}.md");
        let mut a = crate::cache::grouping::tests::article(&path, outlet, &body);
        a.title = String::new();
        a.language = Some("en".into());
        a.origin = TextOrigin::Verbatim {
            start: 0,
            end: body.len(),
        };
        a.into()
    }

    /// An event whose outlets print many sentences alike, in different orders (different
    /// contexts): the even outlets one side of three conflicts (a day, a figure, a
    /// negation), the odd ones the other, and "he" after a different person.
    fn repeating_event() -> Event {
        const NEUTRAL: &[&str] = &[
            "Marco Rubio said the ball is now in Russia's court.",
            "Critics called the agreement a disaster.",
            "Supporters called the agreement a triumph.",
            "Donald Trump praised the agreement as a great success.",
            "The delegations met for eight hours in Jeddah.",
            "The talks in Jeddah ended late on Tuesday.",
            "Oil prices rose after the talks in Jeddah.",
        ];
        const SIDES: [[&str; 3]; 2] = [
            [
                "Vladimir Putin rejected the ceasefire proposal on Monday.",
                "Five people were killed in the overnight attack on Kharkiv.",
                "Ukraine agreed to a 30-day ceasefire after the talks in Jeddah.",
            ],
            [
                "Vladimir Putin rejected the ceasefire proposal on Tuesday.",
                "Seven people were killed in the overnight attack on Kharkiv.",
                "Ukraine did not agree to a 30-day ceasefire after the talks in Jeddah.",
            ],
        ];
        const PERSONS: [&str; 3] = [
            "Vladimir Putin spoke to reporters in Moscow.",
            "Marco Rubio spoke to reporters in Jeddah.",
            "Donald Trump spoke to reporters in Washington.",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let articles = (0..6)
            .map(|k| {
                let mut lines: Vec<&str> = (0..5).map(|_| NEUTRAL[next(NEUTRAL.len())]).collect();
                lines.extend(SIDES[k % 2]);
                lines.push(PERSONS[k % 3]);
                lines.push("He said the talks in Jeddah had failed.");
                lines.push(NEUTRAL[next(NEUTRAL.len())]);
                article(&format!("outlet-{k}"), &lines)
            })
            .collect();
        Event {
            id: "repeating".into(),
            title: "repeating".into(),
            date: None,
            summary: None,
            tags: vec![],
            origin: EventOrigin::Folder,
            articles,
        }
    }

    #[test]
    fn deciding_copies_once_aligns_as_deciding_every_pair() {
        let event = repeating_event();
        let options = CompareOptions::default();
        let articles = segment::select_articles(&event, &options);
        let analysed = segment::analyse_articles(&articles);
        let (columns, mut claims, mut feats) = claims::build(&articles, analysed);
        claims::resolve_coreference(&columns, &mut claims, &mut feats);
        let (_, sim) =
            weights::index_and_weigh(&columns, &claims, &mut feats, &options, &lexical_backend);
        let copies = copies_of(&feats);
        assert!(
            copies.iter().enumerate().filter(|(k, c)| k != *c).count() > 30,
            "the event repeats sentences: {copies:?}"
        );
        // "He said ..." after different people is no copy of the other "He said ..."
        let he: Vec<usize> = (0..feats.len())
            .filter(|&k| feats[k].text.starts_with("He said the talks"))
            .collect();
        let resolved: std::collections::BTreeSet<&Vec<String>> =
            he.iter().map(|&k| &feats[k].entity_keys).collect();
        assert!(resolved.len() > 1, "{resolved:?}");
        for &a in &he {
            for &b in &he {
                if feats[a].entity_keys != feats[b].entity_keys {
                    assert_ne!(copies[a], copies[b]);
                }
            }
        }
        let run = |copy_of: &dyn Fn(usize) -> usize| {
            let inputs: Vec<align::AlignInput> = feats
                .iter()
                .zip(&claims)
                .enumerate()
                .map(|(k, (f, c))| align::AlignInput {
                    features: f,
                    column: c.column,
                    copy_of: copy_of(k),
                })
                .collect();
            align::align_with_context(&inputs, sim.as_ref(), &options.thresholds)
        };
        let once = run(&|k| copies[k]);
        let every = run(&|k| k);
        assert_eq!(once, every);
        // the pairs decided once include contrasts, shared facts and related context
        let kinds = |kind| once.0.iter().filter(|c| c.kind == kind).count();
        assert_eq!(kinds(ClusterKind::Contrasting), 3, "{:?}", once.0);
        assert!(kinds(ClusterKind::Shared) > 5, "{:?}", once.0);
        assert!(!once.1.is_empty());
    }
}
