//! Stage 1 of `compare`, **segment**: which articles are compared, in what order, and each
//! article's text split into sentences (`sentences`, boilerplate dropped by `boilerplate`) and
//! clauses (`clauses`), every clause analysed into [`ClaimFeatures`] (`claim`).

use super::fasthash::{FastMap, FastSet};
use super::text::Lang;
use super::{CompareOptions, article_language, boilerplate, clauses, sentences};
use crate::analysis::claim::{ClaimFeatures, analyse_claim};
use crate::corpus::{Article, Event};
use std::borrow::Cow;

/// The articles to compare with their index in the event, in display order: the outlets
/// `options` names (an outlet named twice counts once), or every article of the event.
pub(crate) fn select_articles<'a>(
    event: &'a Event,
    options: &CompareOptions,
) -> Vec<(usize, &'a Article)> {
    // columns: selected articles in display order (an outlet named twice counts once)
    match &options.outlets {
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
                    .map(|(i, a)| (i, &**a))
            })
            .collect(),
        None => event
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (i, &**a))
            .collect(),
    }
}

/// The sentences of an article that become claims, with the index the claims carry
/// ([`crate::analysis::Claim::sentence_index`]) and the text a reader sees (Markdown
/// syntax and boilerplate left out), without analysing them: what search needs of an event
/// whose claims are not computed yet.
///
/// Text left on disk is read back; an article whose text cannot be read has no sentences.
pub fn claim_sentences(art: &Article) -> Vec<(usize, String)> {
    if art.body.is_stored() {
        let mut read = art.clone();
        return match read.load_text() {
            Ok(()) => claim_sentences(&read),
            Err(_) => Vec::new(),
        };
    }
    claim_ranges(art)
        .into_iter()
        .enumerate()
        .map(|(si, (_, text))| (si, text.into_owned()))
        .collect()
}

/// The byte ranges of the sentences of `art` that become claims: boilerplate left out, and a
/// sentence whose text (as a reader sees it) repeats an earlier one of the same article left
/// out too, so the first occurrence stands for it (its offsets are the claim's). An article
/// that says one thing many times makes one claim of it, and the comparison stays linear in
/// the number of distinct sentences (20,000 repeats of one sentence once made 20,000 claims).
///
/// Each range comes with its text as a reader sees it ([`sentences::claim_text`]), found
/// once here for the duplicate test and reused for a sentence that is one clause.
fn claim_ranges(art: &Article) -> Vec<(std::ops::Range<usize>, Cow<'_, str>)> {
    let body = art.body.as_str();
    let mut seen: FastSet<Cow<'_, str>> = FastSet::default();
    boilerplate::strip(body, &art.title, sentences::split_sentences(body))
        .into_iter()
        .map(|r| (r.clone(), sentences::claim_text(art, r)))
        .filter(|(_, text)| seen.insert(text.clone()))
        .collect()
}

/// One analysed clause: sentence index, clause index, byte range in the body, features.
pub(crate) type Part = (usize, usize, std::ops::Range<usize>, ClaimFeatures);

/// One clause still to analyse: sentence index, clause index, byte range in the body, and
/// its text as a reader sees it.
type Clause<'a> = (usize, usize, std::ops::Range<usize>, Cow<'a, str>);

/// The clauses of an article's claim sentences, in text order, with the article's language.
fn clauses_of(art: &Article) -> (Lang, Vec<Clause<'_>>) {
    let body = art.body.as_str();
    let ranges = claim_ranges(art);
    // at least one clause per sentence
    let mut out = Vec::with_capacity(ranges.len());
    for (si, (s, sentence)) in ranges.into_iter().enumerate() {
        let base = s.start;
        let mut sentence = Some(sentence);
        for (ci, c) in clauses::split_clauses(&body[s.clone()])
            .into_iter()
            .enumerate()
        {
            let r = base + c.start..base + c.end;
            // a clause that is the whole sentence has the sentence's text
            let text = match sentence.take_if(|_| r == s) {
                Some(t) => t,
                None => sentences::claim_text(art, r.clone()),
            };
            out.push((si, ci, r, text));
        }
    }
    (article_language(art), out)
}

/// Splits and analyses every article, in article order.
///
/// A clause whose text (and language) another clause of the event already has is analysed
/// once, and its features copied: [`analyse_claim`] reads nothing but the text and the
/// language. Copied passages and wire stories repeat whole sentences across outlets.
pub(crate) fn analyse_articles(articles: &[(usize, &Article)]) -> Vec<Vec<Part>> {
    let split = parallel_map(articles, |(_, a)| clauses_of(a));
    // every distinct (text, language) once, in order of first use
    let mut first: FastMap<(&str, Lang), usize> = FastMap::default();
    let mut distinct: Vec<(&str, Lang)> = Vec::new();
    let slots: Vec<Vec<usize>> = split
        .iter()
        .map(|(lang, clauses)| {
            clauses
                .iter()
                .map(|(_, _, _, text)| {
                    *first.entry((text.as_ref(), *lang)).or_insert_with(|| {
                        distinct.push((text.as_ref(), *lang));
                        distinct.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let analysed = parallel_map(&distinct, |&(text, lang)| analyse_claim(text, lang));
    // uses left of each distinct text: the last one takes the features, the others a copy
    let mut left = vec![0usize; analysed.len()];
    for &k in slots.iter().flatten() {
        left[k] += 1;
    }
    let mut analysed: Vec<Option<ClaimFeatures>> = analysed.into_iter().map(Some).collect();
    let mut take = |k: usize| {
        left[k] -= 1;
        if left[k] == 0 {
            analysed[k]
                .take()
                .expect("features are taken at their last use")
        } else {
            analysed[k]
                .clone()
                .expect("features are kept until their last use")
        }
    };
    split
        .iter()
        .zip(&slots)
        .map(|((_, clauses), ks)| {
            clauses
                .iter()
                .zip(ks)
                .map(|((si, ci, r, _), &k)| (*si, *ci, r.clone(), take(k)))
                .collect()
        })
        .collect()
}

/// `f` of every item, in item order, spread over the cores: each thread takes the next item
/// not yet taken (articles and claims differ in length). One thread for one item or one core.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut out: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in handles {
            all.extend(h.join().expect("the analysis does not panic"));
        }
        all
    });
    out.sort_unstable_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::TextOrigin;

    fn article(body: String) -> Article {
        Article {
            path: "ev/a.md".into(),
            outlet: "a".into(),
            title: String::new(),
            date: None,
            date_alt: None,
            url: None,
            author: None,
            language: None,
            kind: None,
            body: body.into(),
            origin: TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        }
    }

    #[test]
    fn a_sentence_repeated_within_an_article_is_one_claim_at_its_first_offsets() {
        let body = format!(
            "{}Officials praised it.  Powell died on Monday. The bridge opened.",
            "Powell died on Monday. ".repeat(2_000)
        );
        let art = article(body);
        let claims = claim_sentences(&art);
        let texts: Vec<&str> = claims.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Powell died on Monday.",
                "Officials praised it.",
                "The bridge opened."
            ]
        );
        let indices: Vec<usize> = claims.iter().map(|(i, _)| *i).collect();
        assert_eq!(indices, [0, 1, 2]);
        let arts = [(0, &art)];
        let parts = analyse_articles(&arts);
        assert_eq!(parts[0].len(), 3, "one part per distinct sentence");
        assert_eq!(parts[0][0].2, 0..22, "the first occurrence's offsets");
    }

    #[test]
    fn a_sentence_two_articles_share_has_the_features_of_its_own_analysis() {
        let a = article(
            "Putin rejected the ceasefire on Monday, officials said. The bridge opened.".into(),
        );
        let mut b = article(
            "The talks failed. Putin rejected the ceasefire on Monday, officials said.".into(),
        );
        b.outlet = "b".into();
        let arts = [(0, &a), (1, &b)];
        let parts = analyse_articles(&arts);
        // each part as its own analysis would make it, offsets and clause indices included
        for ((_, art), parts) in arts.iter().zip(&parts) {
            let lang = article_language(art);
            for (_, _, r, f) in parts {
                let own = analyse_claim(&sentences::claim_text(art, r.clone()), lang);
                assert_eq!(format!("{f:?}"), format!("{own:?}"));
            }
        }
        let shared = |p: &[Part], si: usize| {
            p.iter()
                .filter(|x| x.0 == si)
                .map(|x| x.3.text.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(shared(&parts[0], 0), shared(&parts[1], 1));
        assert_eq!(parts[1][0].0, 0, "b's own sentence first");
    }
}
