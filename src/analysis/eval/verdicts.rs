//! What the claim engine says about whole events of a data set (NeuS stories, BASIL
//! triplets): every event compared once with term weights from the whole set, the clusters
//! counted per verdict, and the TF-IDF reference allowed as many cross-outlet sentence links
//! as framediff's shared clusters make.

use std::collections::BTreeMap;

use super::fnc1::parallel_map;
use super::tfidf::{self, TfIdf};
use crate::analysis::{ClusterKind, CompareOptions, Comparison, compare_with};
use crate::corpus::Event;

/// One compared event of a data set.
pub struct Compared {
    /// Position of the event in the data set's list (a NeuS story, a BASIL event).
    pub index: usize,
    /// How a reader's sample names it: `story 5864 (Gas Prices Reach 7-Year High)`.
    pub heading: String,
    /// Display name by outlet id (`Fox News`, `CNBC (center)`); ids without one are shown as
    /// they are.
    pub names: BTreeMap<String, String>,
    pub event: Event,
    pub comparison: Comparison,
}

impl Compared {
    /// The display name of an outlet of this event.
    pub fn name(&self, outlet: &str) -> String {
        self.names
            .get(outlet)
            .cloned()
            .unwrap_or_else(|| outlet.to_string())
    }
}

/// An event to compare: its position in the data set, its sample heading, the event and the
/// options naming its outlets.
pub type ToCompare = (usize, String, Event, CompareOptions);

/// Compares every event that has at least two articles (on all cores, in input order), each
/// with term weights from the articles of all `events`, as `compare` gets them from a corpus.
pub fn compare_events(
    events: Vec<ToCompare>,
    backend: crate::analysis::BackendFactory<'_>,
) -> Vec<Compared> {
    let background = std::sync::Arc::new(crate::analysis::CorpusTerms::from_articles(
        events
            .iter()
            .flat_map(|e| e.2.articles.iter().map(|a| &**a)),
    ));
    let wanted: Vec<ToCompare> = events
        .into_iter()
        .filter(|e| e.2.articles.len() >= 2)
        .collect();
    parallel_map(&wanted, |(index, heading, event, options)| {
        let mut options = options.clone();
        options.background = Some(background.clone());
        let comparison = compare_with(event, &options, backend);
        Compared {
            index: *index,
            heading: heading.clone(),
            names: options.outlet_names.clone(),
            event: event.clone(),
            comparison,
        }
    })
}

/// Clusters of one event per verdict, and its related-context pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds {
    pub shared: usize,
    pub contrasting: usize,
    pub unique: usize,
    /// Pairs shown as related context ([`Comparison::related`]), not clusters.
    pub related: usize,
}

impl Kinds {
    /// The counts of one comparison.
    pub fn of(c: &Comparison) -> Self {
        let n = |k: ClusterKind| c.clusters.iter().filter(|x| x.kind == k).count();
        Self {
            shared: n(ClusterKind::Shared),
            contrasting: n(ClusterKind::Contrasting),
            unique: n(ClusterKind::Unique),
            related: c.related.len(),
        }
    }

    fn add(&mut self, o: Self) {
        self.shared += o.shared;
        self.contrasting += o.contrasting;
        self.unique += o.unique;
        self.related += o.related;
    }
}

/// Counts over all compared events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VerdictCounts {
    /// Events compared (two or more articles).
    pub stories: usize,
    pub claims: usize,
    pub unique_claims: usize,
    pub shared: usize,
    pub contrasting: usize,
    pub unique: usize,
    /// Related-context pairs.
    pub related: usize,
    pub stories_with_shared: usize,
    /// Per event, in input order: (its heading, its counts).
    pub per_event: Vec<(String, Kinds)>,
}

/// Clusters per verdict over the compared events.
pub fn verdict_counts(compared: &[Compared]) -> VerdictCounts {
    let mut v = VerdictCounts::default();
    let mut total = Kinds::default();
    for c in compared {
        let k = Kinds::of(&c.comparison);
        v.stories += 1;
        v.claims += c.comparison.claims.len();
        v.unique_claims += c
            .comparison
            .claims
            .iter()
            .filter(|cl| c.comparison.clusters[cl.cluster].kind == ClusterKind::Unique)
            .count();
        v.stories_with_shared += usize::from(k.shared > 0);
        total.add(k);
        v.per_event.push((c.heading.clone(), k));
    }
    (v.shared, v.contrasting, v.unique, v.related) =
        (total.shared, total.contrasting, total.unique, total.related);
    v
}

/// The TF-IDF reference for a set of compared events: IDF over every sentence of every
/// event, and the one threshold at which it links as many cross-outlet sentence pairs as
/// framediff's shared clusters link cross-outlet claim pairs.
pub struct SameLinks {
    pub model: TfIdf,
    /// Per event (in `compared` order), its sentences: (article column, vector).
    pub vectors: Vec<Vec<(usize, tfidf::Vector)>>,
    /// At or above it, two sentences are linked (infinite when framediff links nothing).
    pub threshold: f32,
}

/// Fits the reference of [`SameLinks`] on `compared`.
pub fn same_links(compared: &[Compared]) -> SameLinks {
    let sentences: Vec<Vec<(usize, &str)>> = compared.iter().map(sentences).collect();
    let model = TfIdf::fit(sentences.iter().flatten().map(|(_, s)| *s));
    let vectors: Vec<Vec<(usize, tfidf::Vector)>> = sentences
        .iter()
        .map(|ev| ev.iter().map(|(c, s)| (*c, model.vector(s))).collect())
        .collect();
    // framediff's link budget: claim pairs inside shared clusters
    let links: usize = compared
        .iter()
        .flat_map(|c| &c.comparison.clusters)
        .filter(|k| k.kind == ClusterKind::Shared)
        .map(|k| k.members.len() * (k.members.len() - 1) / 2)
        .sum();
    let mut cross: Vec<f32> = vectors
        .iter()
        .flat_map(|v| cross_outlet(v).map(|(i, j)| tfidf::cosine(&v[i].1, &v[j].1)))
        .collect();
    cross.sort_by(|a, b| b.total_cmp(a));
    let threshold = cross
        .get(links.saturating_sub(1))
        .copied()
        .unwrap_or(f32::INFINITY);
    SameLinks {
        model,
        vectors,
        threshold,
    }
}

impl SameLinks {
    /// Sentences linked to no sentence of another outlet of their event (the reference's
    /// `unique`), and all sentences: (unlinked, total).
    pub fn unlinked(&self) -> (usize, usize) {
        let mut linked_total = 0;
        let mut total = 0;
        for v in &self.vectors {
            let mut linked = vec![false; v.len()];
            for (i, j) in cross_outlet(v) {
                if tfidf::cosine(&v[i].1, &v[j].1) >= self.threshold {
                    (linked[i], linked[j]) = (true, true);
                }
            }
            linked_total += linked.iter().filter(|&&l| l).count();
            total += v.len();
        }
        (total - linked_total, total)
    }
}

/// Every sentence of an event's articles: (article column, text).
fn sentences(c: &Compared) -> Vec<(usize, &str)> {
    c.event
        .articles
        .iter()
        .enumerate()
        .flat_map(|(col, a)| {
            let body = a.body.as_str();
            crate::analysis::sentences::split_sentences(body)
                .into_iter()
                .map(move |r| (col, &body[r]))
        })
        .collect()
}

/// Index pairs `i < j` of items from different columns.
fn cross_outlet<T>(v: &[(usize, T)]) -> impl Iterator<Item = (usize, usize)> + '_ {
    (0..v.len()).flat_map(move |i| {
        (i + 1..v.len())
            .filter(move |&j| v[i].0 != v[j].0)
            .map(move |j| (i, j))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::eval::dataset_article;
    use crate::corpus::EventOrigin;

    fn event(id: &str, bodies: &[(&str, &str)]) -> Event {
        Event {
            id: id.into(),
            title: id.into(),
            date: None,
            summary: None,
            tags: Vec::new(),
            origin: EventOrigin::Folder,
            articles: bodies
                .iter()
                .map(|(o, b)| {
                    dataset_article(format!("{id}/{o}"), o, "t", b.to_string(), None).into()
                })
                .collect(),
        }
    }

    #[test]
    fn counts_add_up_over_events_and_single_article_events_are_skipped() {
        let two = event(
            "two",
            &[
                (
                    "a",
                    "The council approved the new budget on Monday. Parks get more money.",
                ),
                (
                    "b",
                    "The council approved the new budget on Monday, officials said.",
                ),
            ],
        );
        let one = event("one", &[("a", "Only one outlet wrote this.")]);
        let compared = compare_events(
            vec![
                (0, "two".into(), two, CompareOptions::default()),
                (1, "one".into(), one, CompareOptions::default()),
            ],
            &crate::analysis::lexical_backend,
        );
        assert_eq!(compared.len(), 1);
        let v = verdict_counts(&compared);
        assert_eq!(v.stories, 1);
        let k = v.per_event[0].1;
        assert_eq!(v.per_event[0].0, "two");
        assert_eq!(
            (v.shared, v.contrasting, v.unique, v.related),
            (k.shared, k.contrasting, k.unique, k.related)
        );
        assert!(v.shared >= 1, "{v:?}");
        assert_eq!(v.stories_with_shared, 1);
    }

    #[test]
    fn the_reference_links_as_many_pairs_as_shared_clusters_hold() {
        let ev = event(
            "e",
            &[
                (
                    "a",
                    "The council approved the new budget on Monday. Parks get more money.",
                ),
                (
                    "b",
                    "The council approved the new budget on Monday, officials said. Rain fell.",
                ),
            ],
        );
        let compared = compare_events(
            vec![(0, "e".into(), ev, CompareOptions::default())],
            &crate::analysis::lexical_backend,
        );
        let r = same_links(&compared);
        assert!(
            r.threshold.is_finite() && r.threshold > 0.0,
            "{}",
            r.threshold
        );
        // one budget sentence per outlet is linked; the parks and rain sentences are not
        assert_eq!(r.unlinked(), (2, 4));
    }
}
