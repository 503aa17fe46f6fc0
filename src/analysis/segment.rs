//! Stage 1 of `compare`, **segment**: which articles are compared, in what order, and each
//! article's text split into sentences (`sentences`, boilerplate dropped by `boilerplate`) and
//! clauses (`clauses`), every clause analysed into [`ClaimFeatures`] (`claim`).

use super::fasthash::FastSet;
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

/// Splits and analyses every article, in article order.
pub(crate) fn analyse_articles(articles: &[(usize, &Article)]) -> Vec<Vec<Part>> {
    fn one(art: &Article) -> Vec<Part> {
        let lang = article_language(art);
        let body = art.body.as_str();
        let ranges = claim_ranges(art);
        // at least one part per sentence: features are large to move when the vector grows
        let mut parts = Vec::with_capacity(ranges.len());
        for (si, (s, sentence)) in ranges.into_iter().enumerate() {
            let base = s.start;
            for (ci, c) in clauses::split_clauses(&body[s.clone()])
                .into_iter()
                .enumerate()
            {
                let r = base + c.start..base + c.end;
                // a clause that is the whole sentence has the sentence's text
                let f = if r == s {
                    analyse_claim(&sentence, lang)
                } else {
                    analyse_claim(&sentences::claim_text(art, r.clone()), lang)
                };
                parts.push((si, ci, r, f));
            }
        }
        parts
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
}
