//! Text -> claims -> alignment -> framing cues -> [`Comparison`]. Pure and synchronous.
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
pub mod boilerplate;
pub mod claim;
pub mod clauses;
pub mod contrast;
pub mod diff;
pub mod entities;
pub mod eval;
pub mod fasthash;
pub mod framing;
pub mod lexicon;
pub mod model;
pub mod quantities;
pub mod sentences;
pub mod similarity;
pub mod surface;
pub mod text;
pub mod tokens;

use std::collections::{BTreeMap, HashMap};

pub use claim::{ClaimFeatures, analyse_claim};
pub use contrast::{Thresholds, Verdict};
pub use diff::word_diff;
pub use model::*;
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
}

impl CompareOptions {
    /// Default options with the outlet names a corpus knows (from `outlets.toml`) and the
    /// corpus's term frequencies (this analyses every article once: build the options once
    /// per corpus and reuse them).
    pub fn for_corpus(corpus: &crate::corpus::Corpus) -> Self {
        Self {
            background: Some(std::sync::Arc::new(similarity::CorpusTerms::from_articles(
                corpus.events.iter().flat_map(|e| &e.articles),
            ))),
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
    article
        .language
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_else(|| text::detect_language(&article.body))
}

/// Makes a similarity backend from the event's term statistics.
pub type BackendFactory<'a> = &'a (dyn Fn(&IdfTable) -> Box<dyn Similarity> + Sync);

/// The shipped backend: IDF-weighted lexical similarity.
pub fn lexical_backend(idf: &IdfTable) -> Box<dyn Similarity> {
    Box::new(LexicalSimilarity::new(idf))
}

/// Compares the articles of one event: claims, clusters, framing profiles.
pub fn compare(event: &Event, options: &CompareOptions) -> Comparison {
    compare_with(event, options, &lexical_backend)
}

/// [`compare`] with another similarity backend (for example a semantic one); everything else,
/// including the pair decision and its thresholds, stays the same.
pub fn compare_with(
    event: &Event,
    options: &CompareOptions,
    backend: BackendFactory<'_>,
) -> Comparison {
    // columns: selected articles in display order (an outlet named twice counts once)
    let articles: Vec<(usize, &Article)> = match &options.outlets {
        Some(list) => list
            .iter()
            .enumerate()
            .filter(|(i, o)| !list[..*i].contains(o))
            .map(|(_, o)| o)
            .flat_map(|o| {
                event
                    .articles
                    .iter()
                    .enumerate()
                    .filter(move |(_, a)| &a.outlet == o)
            })
            .collect(),
        None => event.articles.iter().enumerate().collect(),
    };

    // sentence / clause splitting and claim features, per article
    let analysed = analyse_articles(&articles);

    let mut columns = Vec::with_capacity(articles.len());
    let mut claims: Vec<Claim> = Vec::new();
    let mut feats: Vec<ClaimFeatures> = Vec::new();
    for ((col, (idx, art)), parts) in articles.iter().enumerate().zip(analysed) {
        let lang = article_language(art);
        let mut ids = Vec::new();
        for (si, ci, range, mut f) in parts {
            let file = art.file_range(range);
            let id = claims.len();
            claims.push(Claim {
                id,
                column: col,
                outlet: art.outlet.clone(),
                text: f.text.clone(),
                start: file.start,
                end: file.end,
                sentence_index: si,
                clause_index: ci,
                language: lang.code().to_string(),
                entities: Vec::new(),
                quantities: f.quantities.clone(),
                negated: f.negated(),
                attribution: f.attribution.clone(),
                sentiment: f.sentiment,
                // the claim owns the cues; framing reads them from the claim
                cues: std::mem::take(&mut f.cues),
                cluster: 0,
                disputed_in: Vec::new(),
            });
            feats.push(f);
            ids.push(id);
        }
        columns.push(OutletColumn {
            outlet: art.outlet.clone(),
            article: *idx,
            headline: art.title.clone(),
            claims: ids,
        });
    }

    // a lone capitalised word opening a sentence is a name only if the event also uses it as one
    let confirmed: std::collections::HashSet<String> = feats
        .iter()
        .flat_map(|f| {
            f.entities
                .iter()
                .filter(|e| !e.tentative)
                .map(|e| e.key.clone())
        })
        .collect();
    for f in &mut feats {
        if f.entities
            .iter()
            .any(|e| e.tentative && !confirmed.contains(&e.key))
        {
            entities::drop_unconfirmed(&mut f.entities, &confirmed);
            f.entity_keys = f.entities.iter().map(|e| e.key.clone()).collect();
            f.entity_keys.sort();
            f.entity_keys.dedup();
        }
    }

    // event-level coreference: "Vladimir Putin" ... "Putin"
    let rewrites = entities::resolve_surnames(
        feats
            .iter()
            .flat_map(|f| f.entity_keys.iter().map(String::as_str)),
    );
    resolve_pronouns(&columns, &mut feats, &rewrites);
    let mut display: BTreeMap<String, String> = BTreeMap::new();
    for f in &mut feats {
        for e in &mut f.entities {
            if let Some(k) = rewrites.get(&e.key) {
                e.key = k.clone();
            }
        }
        for e in &f.entities {
            display
                .entry(e.key.clone())
                .or_insert_with(|| e.display.clone());
        }
        if !rewrites.is_empty() {
            for t in f.terms.iter_mut().chain(f.entity_keys.iter_mut()) {
                if let Some(k) = rewrites.get(t) {
                    *t = k.clone();
                }
            }
            f.terms.sort();
            f.terms.dedup();
            f.entity_keys.sort();
            f.entity_keys.dedup();
        }
    }
    for (c, f) in claims.iter_mut().zip(&feats) {
        let mut names: Vec<String> = f
            .entity_keys
            .iter()
            .map(|k| display.get(k).cloned().unwrap_or_else(|| k.clone()))
            .collect();
        names.dedup();
        c.entities = names;
    }

    // similarity with IDF from this event's claims
    let mut vocab = Vocab::new();
    for f in &mut feats {
        vocab.index(f);
    }
    // each claim's context: itself, the two claims before it and the one after it
    for col in &columns {
        for (i, &id) in col.claims.iter().enumerate() {
            let lo = i.saturating_sub(2);
            let hi = (i + 2).min(col.claims.len());
            let mut ctx: Vec<u32> = col.claims[lo..hi]
                .iter()
                .flat_map(|&n| feats[n].term_ids.iter().copied())
                .collect();
            ctx.sort_unstable();
            ctx.dedup();
            feats[id].context_ids = ctx;
        }
    }
    let mut idf = IdfTable::from_sourced_claims(
        feats.iter().zip(&claims).map(|(f, c)| (f, c.column)),
        vocab.len(),
    );
    if let Some(bg) = &options.background {
        idf = idf.with_background(&vocab, bg);
    }
    let sim = backend(&idf);
    sim.prepare(&mut feats);
    let inputs: Vec<align::AlignInput> = feats
        .iter()
        .zip(&claims)
        .map(|(f, c)| align::AlignInput {
            features: f,
            column: c.column,
        })
        .collect();
    let raw = align::align(&inputs, sim.as_ref(), &options.thresholds);

    let outlet_names: Vec<String> = claims
        .iter()
        .map(|c| {
            options
                .outlet_names
                .get(&c.outlet)
                .cloned()
                .unwrap_or_else(|| c.outlet.clone())
        })
        .collect();
    let outlet_of = |id: usize| outlet_names[id].clone();
    let outlets_of = |ids: &[usize]| -> String {
        ids.iter()
            .map(|&m| outlet_of(m))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // each claim's own cluster first: counterparts keep theirs and list the dispute
    for (cid, rc) in raw.iter().enumerate() {
        for &m in &rc.members {
            if rc.counterparts.contains(&m) {
                claims[m].disputed_in.push(cid);
            } else {
                claims[m].cluster = cid;
            }
        }
    }
    let mut disputed_by: Vec<Vec<ClusterId>> = vec![Vec::new(); raw.len()];
    for (cid, rc) in raw.iter().enumerate() {
        for &m in &rc.counterparts {
            let home = claims[m].cluster;
            if !disputed_by[home].contains(&cid) {
                disputed_by[home].push(cid);
            }
        }
    }
    let own = |rc: &align::RawCluster| -> Vec<usize> {
        rc.members
            .iter()
            .copied()
            .filter(|m| !rc.counterparts.contains(m))
            .collect()
    };
    let mut clusters = Vec::with_capacity(raw.len());
    for (cid, rc) in raw.iter().enumerate() {
        let mut reasons = Vec::new();
        let mine = own(rc);
        match rc.kind {
            ClusterKind::Unique => {
                reasons.push(format!("only in {}", outlets_of(&mine)));
            }
            ClusterKind::Shared => {
                reasons.push(format!("shared by {}", outlets_of(&mine)));
            }
            ClusterKind::Contrasting => {
                for (a, b, r) in &rc.contrasts {
                    reasons.push(format!("{} vs {}: {r}", outlet_of(*a), outlet_of(*b)));
                }
                // the shared facts this dissent contradicts
                let mut homes: Vec<ClusterId> =
                    rc.counterparts.iter().map(|&m| claims[m].cluster).collect();
                homes.sort_unstable();
                homes.dedup();
                for h in homes {
                    let verb = if raw[h].kind == ClusterKind::Shared {
                        "shared by"
                    } else {
                        "reported by"
                    };
                    reasons.push(format!(
                        "disputes a claim {verb} {}",
                        outlets_of(&own(&raw[h]))
                    ));
                }
            }
        }
        for &d in &disputed_by[cid] {
            reasons.push(format!("disputed by {}", outlets_of(&own(&raw[d]))));
        }
        let shared_terms = shared_terms(&rc.members, &feats, &vocab);
        if rc.kind != ClusterKind::Unique && !shared_terms.is_empty() {
            reasons.push(format!("common words: {}", shared_terms.join(", ")));
        }
        clusters.push(Cluster {
            id: cid,
            kind: rc.kind,
            reasons,
            members: rc.members.clone(),
            counterparts: rc.counterparts.clone(),
            disputed_by: std::mem::take(&mut disputed_by[cid]),
            shared_terms,
            similarity: rc.similarity,
        });
    }

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
        columns,
        claims,
        clusters,
        profiles,
    }
}

/// One analysed clause: sentence index, clause index, byte range in the body, features.
type Part = (usize, usize, std::ops::Range<usize>, ClaimFeatures);

/// Splits and analyses every article, in article order.
fn analyse_articles(articles: &[(usize, &Article)]) -> Vec<Vec<Part>> {
    fn one(art: &Article) -> Vec<Part> {
        let lang = article_language(art);
        boilerplate::strip(&art.body, &art.title, sentences::split_sentences(&art.body))
            .into_iter()
            .enumerate()
            .flat_map(|(si, s)| {
                let base = s.start;
                clauses::split_clauses(&art.body[s])
                    .into_iter()
                    .enumerate()
                    .map(move |(ci, c)| (si, ci, base + c.start..base + c.end))
            })
            .map(|(si, ci, r)| {
                let f = analyse_claim(&sentences::claim_text(art, r.clone()), lang);
                (si, ci, r, f)
            })
            .collect()
    }
    // articles are independent: spread them over the cores (an event of 6 outlets x 60
    // sentences spends half its time here)
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(articles.len());
    if threads <= 1 {
        return articles.iter().map(|(_, a)| one(a)).collect();
    }
    // each thread takes the next article not yet taken (articles differ in length)
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((_, a)) = articles.get(i) else {
                return done;
            };
            done.push((i, one(a)));
        }
    };
    let mut parts: Vec<(usize, Vec<Part>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in handles {
            all.extend(h.join().expect("claim analysis does not panic"));
        }
        all
    });
    parts.sort_unstable_by_key(|(i, _)| *i);
    parts.into_iter().map(|(_, p)| p).collect()
}

/// Pronoun coreference, newspaper style: a claim that opens with "he" / "she" ("он" / "она")
/// and names nobody gets the person named in the nearest preceding claim of the same article
/// (a known person, or a name also used alone: "Vladimir Putin" ... "Putin").
fn resolve_pronouns(
    columns: &[OutletColumn],
    feats: &mut [ClaimFeatures],
    surnames: &fasthash::FastMap<String, String>,
) {
    const PRONOUNS: &[&str] = &["he", "she", "his", "her", "он", "она", "его", "ее"];
    let persons = &lexicon::actors().persons;
    let surname_set: fasthash::FastSet<&str> = surnames.values().map(String::as_str).collect();
    let is_person = |k: &str| {
        let k = surnames.get(k).map_or(k, String::as_str);
        persons.contains(k) || surname_set.contains(k)
    };
    for col in columns {
        let mut last_person: Option<String> = None;
        for &id in &col.claims {
            let f = &mut feats[id];
            let opens_with_pronoun = f
                .tokens
                .iter()
                .take(2)
                .any(|t| PRONOUNS.contains(&t.lower.as_str()));
            let names_person = f.entities.iter().any(|e| is_person(&e.key));
            if opens_with_pronoun
                && !names_person
                && let Some(p) = &last_person
            {
                if !f.terms.contains(p) {
                    f.terms.push(p.clone());
                    f.terms.sort();
                }
                if !f.entity_keys.contains(p) {
                    f.entity_keys.push(p.clone());
                    f.entity_keys.sort();
                }
            }
            if let Some(e) = f.entities.iter().find(|e| is_person(&e.key)) {
                last_person = Some(
                    surnames
                        .get(&e.key)
                        .cloned()
                        .unwrap_or_else(|| e.key.clone()),
                );
            }
        }
    }
}

/// Terms found in at least two members, in the surface form of the first member, in text order.
fn shared_terms(members: &[usize], feats: &[ClaimFeatures], vocab: &Vocab) -> Vec<String> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut count: HashMap<u32, usize> = HashMap::new();
    for &m in members {
        for &t in &feats[m].term_ids {
            *count.entry(t).or_default() += 1;
        }
    }
    let shared = |key: &str| {
        vocab
            .get(key)
            .is_some_and(|id| count.get(&id).copied().unwrap_or(0) >= 2)
    };
    let first = &feats[members[0]];
    let lex = lexicon::lexicons(first.lang);
    let mut out: Vec<(usize, String)> = Vec::new();
    let in_entity = |i: usize| first.entities.iter().any(|e| e.first <= i && i < e.last);
    for (i, tok) in first.tokens.iter().enumerate() {
        if in_entity(i) {
            continue;
        }
        let key = lex
            .glossary
            .get(&*tok.stem)
            .map_or(&*tok.stem, String::as_str);
        if !lex.stop.contains(&tok.lower)
            && shared(key)
            && !out.iter().any(|(_, w)| *w == tok.lower)
        {
            out.push((tok.start, tok.lower.clone()));
        }
    }
    for e in &first.entities {
        if shared(&e.key) && !out.iter().any(|(_, w)| *w == e.display) {
            let start = first.tokens[e.first].start;
            out.retain(|(s, _)| *s != start);
            out.push((start, e.display.clone()));
        }
    }
    out.sort_by_key(|(s, _)| *s);
    out.into_iter().map(|(_, w)| w).collect()
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
        let fa = self.features(a);
        let fb = self.features(b);
        self.score(&fa, &fb, sim)
    }
}
