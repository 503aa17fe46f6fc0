//! Claim similarity behind a small trait, with an IDF-weighted lexical backend.
//!
//! The alignment only ever asks "how alike are these two claims, in [0, 1]?", so a semantic
//! backend (sentence embeddings) can replace the lexical one without touching anything else.

use super::claim::ClaimFeatures;
use super::lexicon::lexicons;

/// A similarity backend: a score in [0, 1] for two claims.
pub trait Similarity: Send + Sync {
    /// Short name for reports ("lexical-idf").
    fn name(&self) -> &'static str;
    /// How alike two claims are, in [0, 1].
    fn similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32;

    /// Called once with all claims before any pair is scored, to precompute what the backend
    /// needs per claim (the lexical backend stores term masses; an embedding backend would
    /// embed here).
    fn prepare(&self, _claims: &mut [ClaimFeatures]) {}

    /// How likely two claims state the same proposition, in [0, 1]; the `shared` decision
    /// compares this with `Thresholds::shared`. Only asked for pairs that pass the similarity
    /// gate, so it may be costlier than `similarity`.
    fn paraphrase(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        self.similarity(a, b)
    }

    /// How much of `part` is also said by `whole`, in [0, 1] (directional). A negated claim
    /// contradicts another only if what it negates is covered by the other.
    fn coverage(&self, part: &ClaimFeatures, whole: &ClaimFeatures) -> f32 {
        self.similarity(part, whole)
    }

    /// How alike the topics of two claims are: their contexts (neighbouring claims) where
    /// known, else the claims themselves. Used for contrasts of evaluation.
    fn topic_similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        self.similarity(a, b)
    }

    /// How much content two claims have in common, not relative to their length: the
    /// evidence that they report one fact even when one of them says more. See
    /// [`SharedContent`]; all zero for backends that cannot tell.
    fn shared_content(&self, _a: &ClaimFeatures, _b: &ClaimFeatures) -> SharedContent {
        SharedContent::default()
    }

    /// [`Similarity::similarity`] of two claims and, when the backend gets it from the same
    /// work, their [`Similarity::shared_content`] (exactly the values the two methods give
    /// on their own). The lexical backend reads both from one merge of the claims' term
    /// lists; the default computes the similarity only (`None`: ask `shared_content` when
    /// needed).
    fn similarity_and_content(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
    ) -> (f32, Option<SharedContent>) {
        (self.similarity(a, b), None)
    }

    /// True when the backend tells that two claims state one proposition from their meaning,
    /// not only from the words they share (an embedding model). The alignment then leaves its
    /// pair decision's `shared` verdicts to it and checks the words of the story
    /// ([`crate::analysis::contrast::Thresholds::same_fact_event`]) on the same-fact rule
    /// alone, which reads shared words. False for the lexical backend.
    fn reads_meaning(&self) -> bool {
        false
    }

    /// True when the backend tells from meaning that two claims are about one topic, so
    /// that they are shown as related context even with too little wording in common for
    /// the lexical test (an embedding model: cosine at or above its context cut-off). Never
    /// makes a shared or contrasting verdict. False for the lexical backend.
    fn related_topic(&self, _a: &ClaimFeatures, _b: &ClaimFeatures) -> bool {
        false
    }

    /// The backend's own reading of whether two claims may state one proposition, asked
    /// before words in common alone make them one fact (the alignment's same-fact rule). An
    /// embedding model answers from the cosine; the lexical backend has nothing to add and
    /// returns true.
    fn meaning_agrees(&self, _a: &ClaimFeatures, _b: &ClaimFeatures) -> bool {
        true
    }

    /// Pairs `(i, j)`, `i < j`, of `claims` alike enough to be decided even if they share no
    /// term (the alignment finds pairs that do through an inverted index). An embedding
    /// backend returns the pairs above its cosine cut-off; the lexical backend none.
    fn extra_candidates(&self, _claims: &[&ClaimFeatures]) -> Vec<(usize, usize)> {
        Vec::new()
    }

    /// This backend as the lexical one, when it is: the alignment then adds up each pair's
    /// shared terms from its inverted index
    /// ([`LexicalSimilarity::similarity_and_content_of_shared`]) instead of merging the two
    /// claims' term lists pair by pair. `None` for every other backend.
    fn as_lexical(&self) -> Option<&LexicalSimilarity> {
        None
    }
}

/// Content two claims have in common ([`Similarity::shared_content`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SharedContent {
    /// Summed weight of the shared terms, in units of one rare term (a term no document
    /// has: weight `ln(N + 1) + 1`).
    pub mass: f32,
    /// Number of shared terms.
    pub terms: usize,
    /// Shared terms that say what happened rather than who, where or when: not a name, not a
    /// number, not a day or month. Names and dates place claims in one story; only these
    /// make them one fact.
    pub predicate_terms: usize,
}

/// Terms that date, measure or attribute a claim (weekdays, months, units of time, "said")
/// without saying what happened.
pub(crate) fn is_calendar_term(t: &str) -> bool {
    // a `match` compares by length first: this runs for every term of every claim
    matches!(
        t,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "januari"
            | "january"
            | "februari"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "juli"
            | "july"
            | "august"
            | "septemb"
            | "octob"
            | "novemb"
            | "decemb"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "week"
            | "month"
            | "year"
            | "day"
            | "hour"
            | "minut"
            | "night"
            | "morn"
            | "even"
            | "time"
            | "said"
            | "say"
            | "tell"
            | "told"
            | "ad"
            | "accord"
            | "report"
    )
}

/// Whether the claim's `i`-th term (aligned with `term_ids`) says what happened: not one of
/// its entities, not a number, not a calendar term ([`SharedContent::predicate_terms`]).
fn is_predicate_term(c: &ClaimFeatures, i: usize) -> bool {
    let term = c.terms.get(i).map_or("", String::as_str);
    let is_name = c
        .entity_keys
        .binary_search_by(|k| k.as_str().cmp(term))
        .is_ok();
    let is_number = term.starts_with(|c: char| c.is_ascii_digit());
    !is_name && !is_number && !is_calendar_term(term)
}

/// Interns terms to dense ids, so that similarity is a merge of two sorted integer lists.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: super::fasthash::FastMap<String, u32>,
}

impl Vocab {
    pub fn new() -> Self {
        Self::default()
    }

    /// Fills `claim.term_ids`, adding new terms; `terms` and `term_ids` are reordered to be
    /// aligned and sorted by id.
    pub fn index(&mut self, claim: &mut ClaimFeatures) {
        let mut pairs: Vec<(u32, String)> = std::mem::take(&mut claim.terms)
            .into_iter()
            .map(|t| (self.id_of(&t), t))
            .collect();
        // one id per distinct term, so ordering and deduplicating by id is by (id, term):
        // no string is compared
        pairs.sort_unstable_by_key(|p| p.0);
        pairs.dedup_by_key(|p| p.0);
        claim.term_ids = pairs.iter().map(|p| p.0).collect();
        claim.terms = pairs.into_iter().map(|p| p.1).collect();
    }

    /// The id of a term, interning it (a copy of the text) only when it is new.
    fn id_of(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(term.to_string(), next);
        next
    }

    /// The id of a term, if known.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Document frequencies over a set of claims (each claim is one document), and the spread of
/// each term over sources (outlets in `compare`, sentences in a batch of pairs).
#[derive(Debug, Default, Clone)]
pub struct IdfTable {
    pub docs: u32,
    pub df: Vec<u32>,
    /// Number of distinct sources that use each term.
    pub spread: Vec<u32>,
}

/// Weight factor of a term only one source uses: it can never be matched across sources, so it
/// is colour rather than content and counts less against a match (chosen on MRPC, where it is
/// neutral, and on the sample corpus; see docs/similarity.md).
pub const SINGLE_SOURCE_FACTOR: f32 = 0.5;

impl IdfTable {
    /// Counts document frequencies of indexed claims; every claim is its own source.
    pub fn from_claims<'a>(
        claims: impl IntoIterator<Item = &'a ClaimFeatures>,
        vocab_len: usize,
    ) -> Self {
        Self::from_sourced_claims(
            claims.into_iter().enumerate().map(|(i, c)| (c, i)),
            vocab_len,
        )
    }

    /// Counts document frequencies and source spread of indexed claims tagged with a source;
    /// the claims of one source must come together (as the columns of a comparison do).
    pub fn from_sourced_claims<'a>(
        claims: impl IntoIterator<Item = (&'a ClaimFeatures, usize)>,
        vocab_len: usize,
    ) -> Self {
        let mut df = vec![0u32; vocab_len];
        let mut spread = vec![0u32; vocab_len];
        let mut last_source = vec![usize::MAX; vocab_len];
        let mut docs = 0;
        for (c, src) in claims {
            docs += 1;
            for &id in &c.term_ids {
                let i = id as usize;
                if i < vocab_len {
                    df[i] += 1;
                    if last_source[i] != src {
                        // claims arrive grouped by source, so a change of source is a new one
                        last_source[i] = src;
                        spread[i] += 1;
                    }
                }
            }
        }
        Self { docs, df, spread }
    }

    /// Smoothed inverse document frequency times the source-spread factor; 1.0 for every term
    /// when there are no documents.
    pub fn weights(&self) -> Vec<f32> {
        if self.docs == 0 {
            return vec![1.0; self.df.len()];
        }
        let n = self.docs as f32;
        self.df
            .iter()
            .zip(&self.spread)
            .map(|(&d, &s)| {
                let idf = ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0;
                if s <= 1 {
                    idf * SINGLE_SOURCE_FACTOR
                } else {
                    idf
                }
            })
            .collect()
    }
}

/// Document frequencies of claim terms over a whole corpus (every claim of every article is
/// one document), so that term weights in one event reflect how common a term is in the
/// corpus, not only among the event's few claims: in an event of two articles every term is
/// "rare". Built once per corpus ([`CorpusTerms::from_articles`]); `compare` combines it with
/// the event's own counts ([`IdfTable::with_background`]).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CorpusTerms {
    /// Number of claims counted.
    pub claims: u32,
    /// Claims containing each term.
    pub df: std::collections::HashMap<String, u32>,
}

impl CorpusTerms {
    /// Counts the terms of every claim of `articles` (split and analysed as `compare` does;
    /// cost: one claim analysis per clause, about as much as comparing every article once).
    pub fn from_articles<'a>(
        articles: impl IntoIterator<Item = &'a crate::corpus::Article>,
    ) -> Self {
        let mut t = Self::default();
        for a in articles {
            // text left on disk is read back one article at a time; one that cannot be read
            // (its file changed since loading) is not counted
            let Ok(text) = a.text() else { continue };
            t.add_text(&text, super::text_language(a, &text));
        }
        t
    }

    /// Adds the claims of one text.
    pub fn add_text(&mut self, text: &str, lang: super::text::Lang) {
        for s in super::sentences::split_sentences(text) {
            for c in super::clauses::split_clauses(&text[s.clone()]) {
                let range = s.start + c.start..s.start + c.end;
                let f = super::claim::analyse_claim(&text[range], lang);
                self.add_terms(f.terms.iter().map(String::as_str));
            }
        }
    }

    /// Adds one claim given by its terms (duplicates count once).
    pub fn add_terms<'a>(&mut self, terms: impl IntoIterator<Item = &'a str>) {
        self.claims += 1;
        let mut seen: Vec<&str> = terms.into_iter().collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *self.df.entry(t.to_string()).or_default() += 1;
        }
    }
}

impl IdfTable {
    /// The event's table with document frequencies from the corpus: for each term the larger
    /// of its corpus and event counts, over the larger of the two claim totals (the event is
    /// normally part of the corpus). Source spread stays the event's.
    pub fn with_background(mut self, vocab: &Vocab, corpus: &CorpusTerms) -> Self {
        if corpus.claims <= self.docs {
            return self;
        }
        self.docs = corpus.claims;
        for (term, &id) in &vocab.ids {
            if let (Some(df), Some(&c)) = (self.df.get_mut(id as usize), corpus.df.get(term)) {
                *df = (*df).max(c);
            }
        }
        self
    }
}

/// Feature weights of the lexical backend, chosen on the MRPC training file (see
/// `docs/similarity.md`); no per-pair fitting.
#[derive(Debug, Clone, Copy)]
pub struct LexicalParams {
    /// Weight of the IDF-weighted term overlap (harmonic mean of both directions).
    pub overlap: f32,
    /// Weight of entity agreement (Jaccard of canonical entities, when either has one).
    pub entities: f32,
    /// Subtracted when both claims carry numbers and none of them agree.
    pub number_penalty: f32,
}

impl Default for LexicalParams {
    fn default() -> Self {
        Self {
            overlap: 1.0,
            entities: 0.0,
            number_penalty: 0.05,
        }
    }
}

/// IDF-weighted lexical similarity over stems, plus entity and number agreement.
#[derive(Debug, Clone)]
pub struct LexicalSimilarity {
    idf: Vec<f32>,
    /// Weight of a term no document has (`ln(N + 1) + 1`): the unit of `shared_content`.
    rare: f32,
    pub params: LexicalParams,
}

/// The lexical backend's name in reports and the status line.
pub const LEXICAL_NAME: &str = "lexical-idf";

impl LexicalSimilarity {
    /// A backend with IDF weights from `idf` (ids beyond the table weigh 1.0).
    pub fn new(idf: &IdfTable) -> Self {
        Self {
            idf: idf.weights(),
            rare: (idf.docs as f32 + 1.0).ln() + 1.0,
            params: LexicalParams::default(),
        }
    }

    /// A backend that weighs every content term equally (no corpus to learn IDF from).
    pub fn uniform() -> Self {
        Self {
            idf: Vec::new(),
            rare: 1.0,
            params: LexicalParams::default(),
        }
    }

    fn w(&self, id: u32) -> f32 {
        self.idf.get(id as usize).copied().unwrap_or(1.0)
    }

    /// The weight term `id` adds to the shared mass of a pair that has it (its IDF weight;
    /// 1.0 beyond the table).
    pub fn term_weight(&self, id: u32) -> f32 {
        self.w(id)
    }

    /// Stores each claim's total term weight, so that scoring a pair only has to add up the
    /// shared terms. Claims prepared by one backend must be scored by that backend.
    /// Also marks each claim's predicate terms ([`ClaimFeatures::predicate_terms`]), which
    /// [`Similarity::shared_content`] would otherwise work out for every pair.
    pub fn prepare_masses(&self, claims: &mut [ClaimFeatures]) {
        for c in claims {
            c.lexical_mass = c.term_ids.iter().map(|&t| self.w(t)).sum();
            c.predicate_terms = (0..c.term_ids.len())
                .map(|i| is_predicate_term(c, i))
                .collect();
            let hypo = &lexicons(c.lang).hyponyms;
            c.hyponym_terms = c.terms.iter().map(|t| hypo.contains_key(t)).collect();
        }
    }

    /// IDF mass of the shared terms relative to each side: (shared/a, shared/b).
    pub fn overlap(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> (f32, f32) {
        if a.lexical_mass > 0.0 && b.lexical_mass > 0.0 {
            let (ws, _, _) = self.merge_shared(&a.term_ids, &b.term_ids, |_| false);
            return (ws / a.lexical_mass, ws / b.lexical_mass);
        }
        self.overlap_ids(&a.term_ids, &b.term_ids)
    }

    /// One merge of two prepared claims' term lists: the summed weight of the shared terms
    /// (in id order, as [`LexicalSimilarity::overlap`] and `shared_content` add it), their
    /// number and how many of them are predicate terms of `a`. `None` unless both claims
    /// are prepared ([`LexicalSimilarity::prepare_masses`]) with weight.
    fn shared_terms(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> Option<(f32, usize, usize)> {
        if !Self::mergeable(a, b) {
            return None;
        }
        Some(self.merge_shared(&a.term_ids, &b.term_ids, |i| a.predicate_terms[i]))
    }

    /// True when both claims are prepared ([`LexicalSimilarity::prepare_masses`]) with
    /// weight, so that their shared terms alone give the similarity and the shared content.
    fn mergeable(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
        a.lexical_mass > 0.0 && b.lexical_mass > 0.0 && a.predicate_terms.len() == a.term_ids.len()
    }

    /// [`Similarity::similarity_and_content`] of two claims from their shared terms, found
    /// elsewhere (the alignment adds them up from its inverted index): `shared` is (the
    /// summed [`LexicalSimilarity::term_weight`] of the terms both claims have, added from
    /// 0.0 in ascending id order; their number; how many of them are predicate terms of
    /// `a`), which is what one merge of the two term lists finds, so the values are the same
    /// bit for bit. Claims that are not both prepared with weight are merged as usual.
    #[inline]
    pub fn similarity_and_content_of_shared(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
        shared: (f32, usize, usize),
    ) -> (f32, Option<SharedContent>) {
        if !Self::mergeable(a, b) {
            return self.similarity_and_content(a, b);
        }
        self.of_shared(a, b, shared)
    }

    /// The similarity and shared content of two mergeable claims from their shared terms
    /// (see [`LexicalSimilarity::similarity_and_content_of_shared`]).
    #[inline]
    fn of_shared(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
        (ws, terms, predicate_terms): (f32, usize, usize),
    ) -> (f32, Option<SharedContent>) {
        let overlap = (ws / a.lexical_mass, ws / b.lexical_mass);
        let content = SharedContent {
            mass: ws / self.rare,
            terms,
            predicate_terms,
        };
        (self.similarity_of_overlap(a, b, overlap), Some(content))
    }

    /// One merge of two sorted id lists: the weight of the ids they share (summed in id
    /// order), their number, and how many of them `predicate` (given the index in `x`)
    /// holds for.
    fn merge_shared(
        &self,
        x: &[u32],
        y: &[u32],
        predicate: impl Fn(usize) -> bool,
    ) -> (f32, usize, usize) {
        let (mut i, mut j, mut ws) = (0, 0, 0.0f32);
        let (mut terms, mut predicates) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    ws += self.w(x[i]);
                    terms += 1;
                    predicates += usize::from(predicate(i));
                    i += 1;
                    j += 1;
                }
            }
        }
        (ws, terms, predicates)
    }

    /// [`LexicalSimilarity::overlap`] of two sorted id lists.
    pub fn overlap_ids(&self, x: &[u32], y: &[u32]) -> (f32, f32) {
        let (mut wa, mut wb, mut ws) = (0.0f32, 0.0f32, 0.0f32);
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => {
                    wa += self.w(x[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    wb += self.w(y[j]);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    let w = self.w(x[i]);
                    ws += w;
                    wa += w;
                    wb += w;
                    i += 1;
                    j += 1;
                }
            }
        }
        wa += x[i..].iter().map(|&t| self.w(t)).sum::<f32>();
        wb += y[j..].iter().map(|&t| self.w(t)).sum::<f32>();
        if wa == 0.0 || wb == 0.0 {
            return (0.0, 0.0);
        }
        (ws / wa, ws / wb)
    }
}

/// Jaccard agreement of canonical entities; `None` when neither claim names one.
pub fn entity_agreement(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<f32> {
    if a.entity_keys.is_empty() && b.entity_keys.is_empty() {
        return None;
    }
    let inter = a
        .entity_keys
        .iter()
        .filter(|k| b.entity_keys.binary_search(k).is_ok())
        .count();
    let union = a.entity_keys.len() + b.entity_keys.len() - inter;
    Some(inter as f32 / union as f32)
}

/// True when both claims carry numbers and no value appears in both.
pub fn numbers_disagree(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    if a.quantities.is_empty() || b.quantities.is_empty() {
        return false;
    }
    let mut any = (false, false);
    for x in a.quantities.iter().filter_map(|q| q.value) {
        any.0 = true;
        for y in b.quantities.iter().filter_map(|q| q.value) {
            any.1 = true;
            if (x - y).abs() < 1e-9 {
                return false;
            }
        }
    }
    any.0 && any.1
}

/// Names of the paraphrase features, in the order of [`paraphrase_features`].
pub const FEATURE_NAMES: [&str; 29] = [
    "hmean",
    "cover_min",
    "cover_max",
    "unigram",
    "bigram",
    "trigram",
    "lcs",
    "len_ratio",
    "num_disagree",
    "num_unmatched",
    "unmatched_idf",
    "entity_miss",
    "cap_miss",
    "surface",
    "bi_pmin",
    "bi_pmax",
    "uni_pmin",
    "len_diff",
    "un_idf_max",
    "lcs_min",
    "num_any_miss",
    "hm_sq",
    "gap_max",
    "gap_long",
    "un_caps_n",
    "un_nums_n",
    "un_terms_max",
    "bleu",
    "tri_pmax",
];

fn dice<T: Ord + Clone>(mut x: Vec<T>, mut y: Vec<T>) -> f32 {
    x.sort();
    x.dedup();
    y.sort();
    y.dedup();
    super::surface::dice(&x, &y)
}

fn ngrams<'a>(s: &[&'a str], n: usize) -> Vec<Vec<&'a str>> {
    s.windows(n).map(|w| w.to_vec()).collect()
}

/// Share of each side's n-grams found on the other side: (min, max).
fn prec(x: &[Vec<&str>], y: &[Vec<&str>]) -> (f32, f32) {
    if x.is_empty() || y.is_empty() {
        return (0.0, 0.0);
    }
    let px = x.iter().filter(|g| y.contains(g)).count() as f32 / x.len() as f32;
    let py = y.iter().filter(|g| x.contains(g)).count() as f32 / y.len() as f32;
    (px.min(py), px.max(py))
}

/// The number tokens of a claim, as written.
fn nums(c: &ClaimFeatures) -> Vec<&str> {
    c.tokens
        .iter()
        .filter(|t| t.kind == super::tokens::TokenKind::Number)
        .map(|t| &*t.stem)
        .collect()
}

/// Hand-interpretable paraphrase features of a pair (see [`FEATURE_NAMES`]).
pub fn paraphrase_features(
    sim: &LexicalSimilarity,
    a: &ClaimFeatures,
    b: &ClaimFeatures,
) -> [f32; 29] {
    let (oa, ob) = sim.overlap(a, b);
    let hm = if oa + ob > 0.0 {
        2.0 * oa * ob / (oa + ob)
    } else {
        0.0
    };
    let sa: Vec<&str> = a.tokens.iter().map(|t| &*t.stem).collect();
    let sb: Vec<&str> = b.tokens.iter().map(|t| &*t.stem).collect();
    let (la, lb) = (sa.len().max(1), sb.len().max(1));
    // the features the paraphrase model weighs: the same code as at run time
    let f = super::surface::surface_features(&a.surface, &b.surface);
    let (na, nb) = (nums(a), nums(b));
    let unmatched = na.iter().filter(|x| !nb.contains(x)).count()
        + nb.iter().filter(|x| !na.contains(x)).count();
    let num_unmatched = if na.len() + nb.len() > 0 {
        unmatched as f32 / (na.len() + nb.len()) as f32
    } else {
        0.0
    };
    let shared_mass = oa * a.lexical_mass;
    let un_idf =
        ((a.lexical_mass - shared_mass).max(0.0) + (b.lexical_mass - shared_mass).max(0.0)).ln_1p();
    let entity_miss = entity_agreement(a, b).map_or(0.0, |e| 1.0 - e);
    fn caps(c: &ClaimFeatures) -> Vec<&str> {
        c.tokens
            .iter()
            .skip(1)
            .filter(|t| t.capitalised)
            .map(|t| t.lower.as_ref())
            .collect()
    }
    let (ca, cb) = (caps(a), caps(b));
    let cap_un = ca.iter().filter(|x| !cb.contains(x)).count()
        + cb.iter().filter(|x| !ca.contains(x)).count();
    let cap_miss = if ca.len() + cb.len() > 0 {
        cap_un as f32 / (ca.len() + cb.len()) as f32
    } else {
        0.0
    };
    [
        hm,
        oa.min(ob),
        oa.max(ob),
        f.unigram,
        dice(ngrams(&sa, 2), ngrams(&sb, 2)),
        f.trigram,
        f.lcs,
        f.len_ratio,
        if numbers_disagree(a, b) { 1.0 } else { 0.0 },
        num_unmatched,
        un_idf,
        entity_miss,
        cap_miss,
        f.surface,
        f.bi_pmin,
        f.bi_pmax,
        prec(
            &sa.iter().map(|x| vec![*x]).collect::<Vec<_>>(),
            &sb.iter().map(|x| vec![*x]).collect::<Vec<_>>(),
        )
        .0,
        (la as f32 - lb as f32).abs(),
        ((a.lexical_mass - shared_mass).max(b.lexical_mass - shared_mass)).max(0.0),
        f.lcs_min,
        if unmatched > 0 { 1.0 } else { 0.0 },
        hm * hm,
        f.gap_max,
        f.gap_long,
        cap_un as f32,
        unmatched as f32,
        {
            // `terms` are in vocabulary-id order once indexed, not sorted: no binary search
            let ua = a.terms.iter().filter(|t| !b.terms.contains(t)).count();
            let ub = b.terms.iter().filter(|t| !a.terms.contains(t)).count();
            ua.max(ub) as f32
        },
        bleu(&sa, &sb),
        f.tri_pmax,
    ]
}

/// Symmetric BLEU-like score: geometric mean of 1- to 4-gram precisions, averaged over the two
/// directions (add-one smoothed).
fn bleu(x: &[&str], y: &[&str]) -> f32 {
    let dir = |x: &[&str], y: &[&str]| {
        let mut logp = 0.0f32;
        for n in 1..=4 {
            let gx = ngrams(x, n);
            let gy = ngrams(y, n);
            let hit = gx.iter().filter(|g| gy.contains(g)).count();
            logp += ((hit as f32 + 1.0) / (gx.len() as f32 + 1.0)).ln();
        }
        (logp / 4.0).exp()
    };
    (dir(x, y) + dir(y, x)) / 2.0
}

/// The paraphrase model of the lexical backend: a logistic regression over eleven
/// hand-interpretable features, fitted once on the MRPC training file by
/// `examples/mrpc_fit.rs` (see `docs/similarity.md`) and written here as constants. Nothing is
/// fitted per pair. Order: (feature, weight).
pub const PARAPHRASE_WEIGHTS: [(&str, f32); 11] = [
    ("gap_long", -0.0270),
    ("unigram", 5.0435),
    ("tri_pmax", -0.6071),
    ("lcs", 21.0562),
    ("gap_max", -0.1335),
    ("bi_pmin", 1.3870),
    ("trigram", -3.7223),
    ("len_ratio", -8.8387),
    ("lcs_min", -13.0428),
    ("surface", -0.0416),
    ("bi_pmax", 0.7184),
];

/// Intercept of [`PARAPHRASE_WEIGHTS`].
pub const PARAPHRASE_BIAS: f32 = 3.0268;

/// The paraphrase score at the fit's best margin on the MRPC training file (+0.085): the
/// shipped `Thresholds::paraphrase`.
pub const PARAPHRASE_THRESHOLD: f32 = 0.52;

impl LexicalSimilarity {
    /// The features of [`PARAPHRASE_WEIGHTS`], in that order (from the claims' prepared
    /// [`super::surface::Surface`]s: this runs for every candidate pair of an event).
    pub fn paraphrase_inputs(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> [f32; 11] {
        super::surface::surface_features(&a.surface, &b.surface).values()
    }

    /// Probability-like paraphrase score in [0, 1]: the logistic of the weighted features.
    pub fn paraphrase_score(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        let x = self.paraphrase_inputs(a, b);
        let z = PARAPHRASE_BIAS
            + x.iter()
                .zip(PARAPHRASE_WEIGHTS.iter())
                .map(|(v, (_, w))| v * w)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}

impl Similarity for LexicalSimilarity {
    fn name(&self) -> &'static str {
        LEXICAL_NAME
    }

    fn prepare(&self, claims: &mut [ClaimFeatures]) {
        self.prepare_masses(claims);
    }

    fn paraphrase(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        self.paraphrase_score(a, b)
    }

    fn topic_similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        if a.context_ids.is_empty() || b.context_ids.is_empty() {
            return self.similarity(a, b);
        }
        let (oa, ob) = self.overlap_ids(&a.context_ids, &b.context_ids);
        if oa + ob > 0.0 {
            2.0 * oa * ob / (oa + ob)
        } else {
            0.0
        }
    }

    fn shared_content(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> SharedContent {
        let mut out = SharedContent::default();
        let (x, y) = (&a.term_ids, &b.term_ids);
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.mass += self.w(x[i]);
                    out.terms += 1;
                    let predicate = match a.predicate_terms.get(i) {
                        Some(&p) if a.predicate_terms.len() == x.len() => p,
                        _ => is_predicate_term(a, i),
                    };
                    if predicate {
                        out.predicate_terms += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        out.mass /= self.rare;
        out
    }

    fn coverage(&self, part: &ClaimFeatures, whole: &ClaimFeatures) -> f32 {
        let hypo = &lexicons(part.lang).hyponyms;
        let (mut total, mut covered) = (0.0f32, 0.0f32);
        // which terms have hyponyms, when prepared (else each is looked up)
        let listed = (part.hyponym_terms.len() == part.terms.len()).then_some(&part.hyponym_terms);
        // both id lists are sorted (`Vocab::index`): one merge instead of a binary search
        // per term
        let ids = &whole.term_ids;
        debug_assert!(part.term_ids.is_sorted() && ids.is_sorted());
        let mut j = 0;
        for (k, (t, &id)) in part.terms.iter().zip(&part.term_ids).enumerate() {
            let w = self.w(id);
            total += w;
            while j < ids.len() && ids[j] < id {
                j += 1;
            }
            let hit = ids.get(j) == Some(&id)
                || (listed.is_none_or(|l| l[k])
                    && hypo
                        .get(t)
                        .is_some_and(|set| whole.terms.iter().any(|x| set.contains(x))));
            if hit {
                covered += w;
            }
        }
        if total == 0.0 { 0.0 } else { covered / total }
    }

    fn similarity_and_content(
        &self,
        a: &ClaimFeatures,
        b: &ClaimFeatures,
    ) -> (f32, Option<SharedContent>) {
        let Some(shared) = self.shared_terms(a, b) else {
            return (self.similarity(a, b), None);
        };
        self.of_shared(a, b, shared)
    }

    fn as_lexical(&self) -> Option<&LexicalSimilarity> {
        Some(self)
    }

    fn similarity(&self, a: &ClaimFeatures, b: &ClaimFeatures) -> f32 {
        self.similarity_of_overlap(a, b, self.overlap(a, b))
    }
}

impl LexicalSimilarity {
    /// [`Similarity::similarity`] from the pair's [`LexicalSimilarity::overlap`].
    fn similarity_of_overlap(&self, a: &ClaimFeatures, b: &ClaimFeatures, o: (f32, f32)) -> f32 {
        let (oa, ob) = o;
        let overlap = if oa + ob > 0.0 {
            2.0 * oa * ob / (oa + ob)
        } else {
            0.0
        };
        let p = &self.params;
        let agreement = if p.entities > 0.0 {
            entity_agreement(a, b)
        } else {
            None
        };
        let mut s = match agreement {
            Some(e) => p.overlap * overlap + p.entities * e,
            None => (p.overlap + p.entities) * overlap,
        };
        if numbers_disagree(a, b) {
            s -= p.number_penalty;
        }
        s.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;
    use crate::analysis::text::Lang;

    fn indexed(texts: &[&str]) -> (Vec<ClaimFeatures>, LexicalSimilarity) {
        let mut v = Vocab::new();
        let mut cs: Vec<ClaimFeatures> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        for c in &mut cs {
            v.index(c);
        }
        let idf = IdfTable::from_claims(&cs, v.len());
        (cs, LexicalSimilarity::new(&idf))
    }

    #[test]
    fn paraphrase_scores_above_unrelated() {
        let (c, sim) = indexed(&[
            "Putin rejected the unconditional ceasefire proposed by Trump.",
            "The unconditional ceasefire Trump proposed was rejected by Putin.",
            "Fox News interviewed the president about trade with Russia.",
        ]);
        let para = sim.similarity(&c[0], &c[1]);
        let other = sim.similarity(&c[0], &c[2]);
        assert!(para > 0.9, "{para}");
        assert!(other < 0.2, "{other}");
        assert!((sim.similarity(&c[1], &c[0]) - para).abs() < 1e-6);
    }

    #[test]
    fn the_model_and_the_fit_read_the_same_features_by_name() {
        // the weights follow the order of the run-time features...
        let names: Vec<&str> = PARAPHRASE_WEIGHTS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, super::super::surface::SurfaceFeatures::NAMES);
        // ...and each names the fit tool's feature with the same value
        let (c, sim) = indexed(&[
            "The company said its quarterly profit rose 5 percent to $2 billion.",
            "The company said quarterly profit rose 5 percent to $2 billion, the company said.",
            "Putin rejected the unconditional ceasefire proposed by Trump.",
            "\"Today, Putin effectively rejected the proposal,\" Zelensky told journalists.",
            "a a a b b b a a a",
            "",
        ]);
        let mut c = c;
        sim.prepare_masses(&mut c);
        for x in &c {
            for y in &c {
                let fast = sim.paraphrase_inputs(x, y);
                let slow = paraphrase_features(&sim, x, y);
                for ((name, _), v) in PARAPHRASE_WEIGHTS.iter().zip(fast) {
                    let i = FEATURE_NAMES.iter().position(|f| f == name).unwrap();
                    assert!((slow[i] - v).abs() < 1e-5, "{name}: {} vs {v}", slow[i]);
                }
            }
        }
    }

    #[test]
    fn paraphrase_score_prefers_close_rewording() {
        let (c, sim) = indexed(&[
            "The company said its quarterly profit rose 5 percent to $2 billion.",
            "The company said quarterly profit rose 5 percent to $2 billion.",
            "The company said its quarterly profit rose, while analysts had expected a loss and the shares fell 3 percent in early trading.",
        ]);
        let mut c = c;
        sim.prepare_masses(&mut c);
        let close = sim.paraphrase_score(&c[0], &c[1]);
        let loose = sim.paraphrase_score(&c[0], &c[2]);
        assert!(close > 0.5, "{close}");
        assert!(loose < close, "{loose} vs {close}");
        assert!((0.0..=1.0).contains(&loose));
    }

    #[test]
    fn one_merge_gives_the_similarity_and_the_shared_content_bit_for_bit() {
        let (mut c, sim) = indexed(&[
            "Putin rejected the unconditional ceasefire proposed by Trump on Tuesday.",
            "The unconditional ceasefire Trump proposed was rejected by Putin.",
            "A 30-day ceasefire was agreed in Jeddah, the White House said.",
            "A 60-day ceasefire was agreed.",
            "",
        ]);
        // not prepared: no masses, so the similarity alone (the backend's own fallback)
        assert_eq!(sim.similarity_and_content(&c[0], &c[1]).1, None);
        sim.prepare_masses(&mut c);
        for a in &c {
            for b in &c {
                let (s, content) = sim.similarity_and_content(a, b);
                assert_eq!(s.to_bits(), sim.similarity(a, b).to_bits());
                if a.lexical_mass > 0.0 && b.lexical_mass > 0.0 {
                    let c = content.expect("prepared claims give the shared content");
                    let alone = sim.shared_content(a, b);
                    assert_eq!(c.mass.to_bits(), alone.mass.to_bits());
                    assert_eq!(
                        (c.terms, c.predicate_terms),
                        (alone.terms, alone.predicate_terms)
                    );
                } else {
                    assert_eq!(content, None);
                }
            }
        }
    }

    #[test]
    fn numbers_lower_the_score() {
        let (c, sim) = indexed(&[
            "A 30-day ceasefire was agreed.",
            "A 60-day ceasefire was agreed.",
        ]);
        assert!(numbers_disagree(&c[0], &c[1]));
        assert!(sim.similarity(&c[0], &c[1]) < 0.95);
    }
}
