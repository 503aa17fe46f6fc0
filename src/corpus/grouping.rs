//! Grouping loose articles (a flat folder, a dump without `event` fields) into events.
//!
//! Articles are compared by TF-IDF cosine over stemmed content words (titles count double),
//! only within a date window, and merged greedily from the most similar pair down
//! (average linkage). By default one event holds at most one article per outlet, which is
//! how news coverage of one event normally looks and what the side-by-side view expects.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::model::{Article, Diagnostic, Event, EventOrigin};

/// Settings for automatic grouping.
#[derive(Debug, Clone)]
pub struct GroupingOptions {
    /// Articles further apart than this many days are never grouped.
    pub window_days: i64,
    /// Minimum average cosine similarity for two groups to merge.
    pub threshold: f32,
    /// Never put two articles of the same outlet in one event.
    pub one_article_per_outlet: bool,
}

impl Default for GroupingOptions {
    fn default() -> Self {
        Self {
            window_days: 7,
            threshold: 0.22,
            one_article_per_outlet: true,
        }
    }
}

/// A sparse, L2-normalised term vector sorted by term id.
pub type Vector = Vec<(u32, f32)>;

const EN_STOP: &str = "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own said same says she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves mr mrs ms one two new year years told tuesday monday wednesday thursday friday saturday sunday";
const RU_STOP: &str = "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между также это заявил года году";

struct Vectoriser {
    en: Stemmer,
    ru: Stemmer,
    stop: std::collections::HashSet<&'static str>,
}

impl Vectoriser {
    fn new() -> Self {
        Self {
            en: Stemmer::create(Algorithm::English),
            ru: Stemmer::create(Algorithm::Russian),
            stop: EN_STOP
                .split_whitespace()
                .chain(RU_STOP.split_whitespace())
                .collect(),
        }
    }

    fn terms(&self, text: &str, out: &mut BTreeMap<String, f32>, weight: f32) {
        for w in text.unicode_words() {
            let lower = w.to_lowercase();
            if lower.chars().count() < 3
                || self.stop.contains(lower.as_str())
                || lower.chars().all(|c| c.is_numeric())
            {
                continue;
            }
            let cyrillic = lower
                .chars()
                .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            let stem = if cyrillic {
                self.ru.stem(&lower)
            } else {
                self.en.stem(&lower)
            };
            *out.entry(stem.into_owned()).or_insert(0.0) += weight;
        }
    }

    /// What tells two look-alike events apart: names (capitalised words that do not open a
    /// sentence, each alone and, when several follow each other, the whole sequence) and
    /// numbers (counts, ages, magnitudes, days and years written in the text). They are
    /// separate features (`n:`, `nn:`, `#:`), weighted up in [`vectorise`].
    fn distinctive(&self, text: &str, out: &mut BTreeMap<String, f32>) {
        let mut run: Vec<String> = Vec::new();
        let mut run_end = 0usize;
        let flush = |run: &mut Vec<String>, out: &mut BTreeMap<String, f32>| {
            if run.len() > 1 {
                *out.entry(format!("nn:{}", run.join(" "))).or_insert(0.0) += 1.0;
            }
            run.clear();
        };
        for (start, w) in text.unicode_word_indices() {
            let gap = &text[run_end.min(start)..start];
            let before = text[..start].trim_end();
            let opens_sentence = before
                .chars()
                .last()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '\u{201c}'))
                || gap.contains('\n');
            let first = w.chars().next().unwrap_or(' ');
            if w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && w.chars().any(|c| c.is_ascii_digit())
            {
                flush(&mut run, out);
                let digits: String = w.chars().filter(|&c| c != ',').collect();
                *out.entry(format!("#:{digits}")).or_insert(0.0) += 1.0;
                run_end = start + w.len();
                continue;
            }
            let lower = w.to_lowercase();
            let capitalised = first.is_uppercase()
                && w.chars().count() > 1
                && !self.stop.contains(lower.as_str());
            if !capitalised {
                flush(&mut run, out);
            } else {
                if !run.is_empty() && !gap.chars().all(char::is_whitespace) {
                    flush(&mut run, out);
                }
                if !opens_sentence || !run.is_empty() {
                    *out.entry(format!("n:{lower}")).or_insert(0.0) += 1.0;
                    run.push(lower);
                }
            }
            run_end = start + w.len();
        }
        flush(&mut run, out);
    }
}

/// A single article left alone after merging joins a group at this fraction of the threshold.
const ATTACH_FRACTION: f32 = 0.5;
/// Weight of a name feature against a topic word of the same TF-IDF.
const NAME_WEIGHT: f32 = 1.5;
/// Weight of a number feature (a death toll, an age, a year) against a topic word.
const NUMBER_WEIGHT: f32 = 3.0;

/// Builds TF-IDF vectors for the articles.
fn vectorise(articles: &[Article]) -> Vec<Vector> {
    let v = Vectoriser::new();
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let mut feature_weight: Vec<f32> = Vec::new();
    let mut raw: Vec<Vec<(u32, f32)>> = Vec::with_capacity(articles.len());
    for a in articles {
        // a BTreeMap, so term ids (and with them float sums, ties and event ids) follow the
        // input alone, never a hash map's per-process iteration order
        let mut tf = BTreeMap::new();
        v.terms(&a.title, &mut tf, 2.0);
        v.terms(&a.body, &mut tf, 1.0);
        // names and numbers from the body only: headlines are often in title case
        v.distinctive(&a.body, &mut tf);
        let mut row = Vec::with_capacity(tf.len());
        for (term, count) in tf {
            let next = vocab.len() as u32;
            let kind_weight = if term.starts_with("#:") {
                NUMBER_WEIGHT
            } else if term.starts_with("n:") || term.starts_with("nn:") {
                NAME_WEIGHT
            } else {
                1.0
            };
            let id = *vocab.entry(term).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
                feature_weight.push(kind_weight);
            }
            df[id as usize] += 1;
            row.push((id, count));
        }
        raw.push(row);
    }
    let n = articles.len() as f32;
    raw.into_iter()
        .map(|row| {
            let mut vec: Vector = row
                .into_iter()
                .map(|(id, tf)| {
                    let idf = ((1.0 + n) / (1.0 + df[id as usize] as f32)).ln() + 1.0;
                    (id, (1.0 + tf.ln()) * idf * feature_weight[id as usize])
                })
                .collect();
            let norm = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                vec.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            vec.sort_by_key(|(id, _)| *id);
            vec
        })
        .collect()
}

/// Cosine of two L2-normalised sparse vectors sorted by term id (the dot product).
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

fn within_window(a: &Article, b: &Article, days: i64) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= days,
        _ => true,
    }
}

/// Groups articles into events; every article ends up in exactly one event.
pub fn group(
    articles: Vec<Article>,
    opts: &GroupingOptions,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Event> {
    let _ = diags;
    let vectors = vectorise(&articles);
    // Candidate pairs through an inverted index over each article's strongest terms.
    const TOP_TERMS: usize = 48;
    let mut postings: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let mut top: Vec<&(u32, f32)> = v.iter().collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        for (id, _) in top.into_iter().take(TOP_TERMS) {
            postings.entry(*id).or_default().push(i);
        }
    }
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for list in postings.values() {
        if list.len() > 200 {
            continue; // a term this common does not tell events apart
        }
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                candidates.push((i.min(j), i.max(j)));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut edges: Vec<(f32, usize, usize)> = candidates
        .into_iter()
        .filter(|&(i, j)| within_window(&articles[i], &articles[j], opts.window_days))
        .filter(|&(i, j)| !opts.one_article_per_outlet || articles[i].outlet != articles[j].outlet)
        .map(|(i, j)| (cosine(&vectors[i], &vectors[j]), i, j))
        .filter(|(s, _, _)| *s >= opts.threshold * ATTACH_FRACTION)
        .collect();
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));

    // Greedy average-linkage merging at the threshold; then a second pass in which an article
    // still alone may join the group it is closest to on average at a lower bar (one article
    // says less, so its similarities run lower), never two groups.
    let mut group_of: Vec<usize> = (0..articles.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..articles.len()).map(|i| vec![i]).collect();
    for (stage, bar) in [(0, opts.threshold), (1, opts.threshold * ATTACH_FRACTION)] {
        for &(s, i, j) in &edges {
            if s < bar {
                break;
            }
            let (gi, gj) = (group_of[i], group_of[j]);
            if gi == gj {
                continue;
            }
            let (a, b) = (&members[gi], &members[gj]);
            if stage == 1 && a.len() > 1 && b.len() > 1 {
                continue;
            }
            if opts.one_article_per_outlet
                && a.iter()
                    .any(|&x| b.iter().any(|&y| articles[x].outlet == articles[y].outlet))
            {
                continue;
            }
            if !a.iter().all(|&x| {
                b.iter()
                    .all(|&y| within_window(&articles[x], &articles[y], opts.window_days))
            }) {
                continue;
            }
            let total: f32 = a
                .iter()
                .flat_map(|&x| b.iter().map(move |&y| (x, y)))
                .map(|(x, y)| cosine(&vectors[x], &vectors[y]))
                .sum();
            if total / (a.len() * b.len()) as f32 >= bar {
                let moved = std::mem::take(&mut members[gj]);
                for &m in &moved {
                    group_of[m] = gi;
                }
                members[gi].extend(moved);
            }
        }
    }

    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    let mut events = Vec::new();
    let mut used_ids: BTreeMap<String, usize> = BTreeMap::new();
    for group in members.into_iter().filter(|g| !g.is_empty()) {
        // The headline of the article closest to the others names the event.
        let central = *group
            .iter()
            .max_by(|&&x, &&y| {
                let sx: f32 = group
                    .iter()
                    .map(|&z| cosine(&vectors[x], &vectors[z]))
                    .sum();
                let sy: f32 = group
                    .iter()
                    .map(|&z| cosine(&vectors[y], &vectors[z]))
                    .sum();
                // scores within rounding noise are a tie: the first article (path order) wins
                if (sx - sy).abs() <= 1e-4 {
                    y.cmp(&x)
                } else {
                    sx.total_cmp(&sy)
                }
            })
            .unwrap_or(&group[0]);
        let title = slots[central]
            .as_ref()
            .map(|a| a.title.clone())
            .unwrap_or_default();
        let mut arts: Vec<Article> = group.iter().filter_map(|&i| slots[i].take()).collect();
        arts.sort_by(|a, b| a.outlet.cmp(&b.outlet).then_with(|| a.path.cmp(&b.path)));
        let date = arts.iter().filter_map(|a| a.date).min();
        let base = format!(
            "auto-{}{}",
            date.map(|d| format!("{d}-")).unwrap_or_default(),
            slug(&title)
        );
        let n = used_ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        events.push(Event {
            id,
            title,
            date,
            summary: None,
            tags: Vec::new(),
            origin: EventOrigin::AutoGrouped,
            articles: arts,
        });
    }
    events
}

/// A short lower-case slug of a title, for event ids.
fn slug(title: &str) -> String {
    let words: Vec<String> = title
        .unicode_words()
        .take(6)
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        "untitled".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::TextOrigin;
    use chrono::NaiveDate;

    fn art(outlet: &str, date: &str, title: &str, body: &str) -> Article {
        Article {
            path: format!("{outlet}-{title}.md").into(),
            outlet: outlet.into(),
            title: title.into(),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            url: None,
            author: None,
            language: Some("en".into()),
            kind: None,
            body: body.into(),
            origin: TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        }
    }

    #[test]
    fn groups_by_content_date_and_outlet() {
        let arts = vec![
            art(
                "bbc",
                "2025-03-19",
                "Putin rejects ceasefire",
                "Putin rejected the ceasefire proposal in a call with Trump about Ukraine energy strikes.",
            ),
            art(
                "kp",
                "2025-03-18",
                "Diplomatic win for Putin",
                "The call between Putin and Trump on Ukraine ended with a ceasefire on energy strikes.",
            ),
            art(
                "bbc",
                "2025-03-12",
                "Jeddah talks end",
                "Ukraine accepted a proposal in Jeddah; Rubio said the ball is in Russia's court; aid resumes.",
            ),
            art(
                "fox",
                "2025-03-11",
                "Ukraine agrees in Jeddah",
                "In Jeddah Ukraine accepted the American proposal; Rubio said aid and intelligence resume.",
            ),
            art(
                "fox",
                "2025-06-01",
                "Hurricane season starts",
                "Forecasters expect an active hurricane season along the Gulf coast this summer.",
            ),
        ];
        let mut d = Vec::new();
        let events = group(arts, &GroupingOptions::default(), &mut d);
        let mut sets: Vec<Vec<String>> = events
            .iter()
            .map(|e| {
                let mut v: Vec<String> = e.articles.iter().map(|a| a.title.clone()).collect();
                v.sort();
                v
            })
            .collect();
        sets.sort();
        assert_eq!(sets.len(), 3, "{sets:?}");
        assert!(sets.contains(&vec![
            "Diplomatic win for Putin".to_string(),
            "Putin rejects ceasefire".to_string()
        ]));
        assert!(sets.contains(&vec![
            "Jeddah talks end".to_string(),
            "Ukraine agrees in Jeddah".to_string()
        ]));
        assert!(
            events
                .iter()
                .all(|e| e.origin == EventOrigin::AutoGrouped && e.id.starts_with("auto-"))
        );
    }

    #[test]
    fn same_outlet_is_never_grouped_twice() {
        let arts = vec![
            art(
                "bbc",
                "2025-03-19",
                "Putin call",
                "Putin Trump call ceasefire energy Ukraine.",
            ),
            art(
                "bbc",
                "2025-03-19",
                "Putin call again",
                "Putin Trump call ceasefire energy Ukraine.",
            ),
        ];
        let events = group(arts, &GroupingOptions::default(), &mut Vec::new());
        assert_eq!(events.len(), 2);
    }

    #[test]
    fn ids_do_not_depend_on_hash_order() {
        // issue 10.1: same body, different headlines; the id used to flip between runs
        let body = "Ukraine said it was ready to accept a 30-day ceasefire.";
        let ids: std::collections::BTreeSet<String> = (0..40)
            .map(|_| {
                let arts = vec![
                    art("alpha", "2025-03-11", "Ukraine accepts truce", body),
                    art("beta", "2025-03-11", "Kyiv backs ceasefire plan", body),
                ];
                let events = group(arts, &GroupingOptions::default(), &mut Vec::new());
                events
                    .iter()
                    .map(|e| e.id.clone())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect();
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(
            ids.into_iter().next().as_deref(),
            Some("auto-2025-03-11-ukraine-accepts-truce")
        );
    }

    #[test]
    fn two_events_of_one_kind_stay_apart_without_dates() {
        // issue 8.5: two earthquakes, told in the same words; only places and numbers differ
        let quake = |outlet: &str, place: &str, region: &str, mag: &str, dead: &str| {
            art(
                outlet,
                "",
                "",
                &format!(
                    "A powerful earthquake struck {place} on Sunday. The magnitude {mag} quake \
                     killed at least {dead} people and injured hundreds, officials in {region} \
                     said. Rescue teams searched collapsed buildings for survivors after the \
                     earthquake."
                ),
            )
        };
        let arts = vec![
            quake("a", "Lorca", "Murcia", "5.1", "9"),
            quake("b", "Lorca", "Murcia", "5.1", "10"),
            quake("c", "Van", "Eastern Anatolia", "7.2", "264"),
            quake("d", "Van", "Eastern Anatolia", "7.2", "270"),
        ];
        let events = group(arts, &GroupingOptions::default(), &mut Vec::new());
        let mut sets: Vec<Vec<String>> = events
            .iter()
            .map(|e| e.articles.iter().map(|a| a.outlet.clone()).collect())
            .collect();
        sets.sort();
        assert_eq!(sets, vec![vec!["a", "b"], vec!["c", "d"]], "{sets:?}");
    }

    #[test]
    fn names_and_numbers_are_features_of_their_own() {
        let v = Vectoriser::new();
        let mut out = BTreeMap::new();
        v.distinctive(
            "Rescuers in Los Angeles said 2,300 homes flooded. The Saints lost 24-10.",
            &mut out,
        );
        for key in [
            "n:los",
            "n:angeles",
            "nn:los angeles",
            "#:2300",
            "#:24",
            "#:10",
        ] {
            assert!(out.contains_key(key), "{key} missing from {out:?}");
        }
        // "Rescuers" opens a sentence; "Saints" follows "The", a stop word, so it is a name
        assert!(!out.contains_key("n:rescuers"), "{out:?}");
        assert!(out.contains_key("n:saints"), "{out:?}");
    }
}
