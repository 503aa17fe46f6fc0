//! Stage 1 of `compare`, **segment**: which articles are compared, in what order, and each
//! article's text split into sentences (`sentences`, boilerplate dropped by `boilerplate`) and
//! clauses (`clauses`), every clause analysed into [`ClaimFeatures`] (`claim`).

use super::fasthash::{FastMap, FastSet};
use super::text::Lang;
use super::{CompareOptions, article_language, boilerplate, clauses, sentences};
use crate::analysis::claim::{ClaimFeatures, analyse_claim};
use crate::corpus::{Article, Event, TextOrigin};
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
    let kept = boilerplate::strip(body, &art.title, sentences::split_sentences(body));
    first_of_each_text(kept, |r| sentences::claim_text(art, r))
}

/// `kept`, the claim sentences of an article ([`boilerplate::strip`]), each with its text as
/// a reader sees it (`text_of` a range: [`sentences::claim_text`], or a memo of it), a
/// sentence whose text an earlier one has left out ([`claim_ranges`]).
fn first_of_each_text<'a>(
    kept: Vec<std::ops::Range<usize>>,
    text_of: impl Fn(std::ops::Range<usize>) -> Cow<'a, str>,
) -> Vec<(std::ops::Range<usize>, Cow<'a, str>)> {
    let mut seen: FastSet<Cow<'a, str>> = FastSet::default();
    kept.into_iter()
        .map(|r| (r.clone(), text_of(r)))
        .filter(|(_, text)| seen.insert(text.clone()))
        .collect()
}

/// One analysed clause: sentence index, clause index, byte range in the body, features.
pub(crate) type Part = (usize, usize, std::ops::Range<usize>, ClaimFeatures);

/// One clause still to analyse: sentence index, clause index, byte range in the body, and
/// its text as a reader sees it.
type Clause<'a> = (usize, usize, std::ops::Range<usize>, Cow<'a, str>);

/// The clauses of an article's claim sentences, in text order, with the article's language.
#[cfg(test)]
fn clauses_of(art: &Article) -> (Lang, Vec<Clause<'_>>) {
    (
        article_language(art),
        clauses_in(art, claim_ranges(art), |s| {
            Cow::Owned(clauses::split_clauses(s))
        }),
    )
}

/// The clauses of claim sentences `ranges` of `art` ([`claim_ranges`]), in text order;
/// `split(s)` is [`clauses::split_clauses`] of a sentence's text `s` (or a memo of it).
fn clauses_in<'a, 'm>(
    art: &'a Article,
    ranges: Vec<(std::ops::Range<usize>, Cow<'a, str>)>,
    split: impl Fn(&str) -> Cow<'m, [std::ops::Range<usize>]>,
) -> Vec<Clause<'a>> {
    let body = art.body.as_str();
    // at least one clause per sentence
    let mut out = Vec::with_capacity(ranges.len());
    for (si, (s, sentence)) in ranges.into_iter().enumerate() {
        let base = s.start;
        let mut sentence = Some(sentence);
        for (ci, c) in split(&body[s.clone()]).iter().enumerate() {
            let r = base + c.start..base + c.end;
            // a clause that is the whole sentence has the sentence's text
            let text = match sentence.take_if(|_| r == s) {
                Some(t) => t,
                None => sentences::claim_text(art, r.clone()),
            };
            out.push((si, ci, r, text));
        }
    }
    out
}

/// What stage 1 makes of one distinct sentence text of an event, judged once however many
/// articles print it: whether it is boilerplate ([`boilerplate::is_boilerplate`]) and, if
/// not, its clauses ([`clauses::split_clauses`]) and, where the event has a file-verbatim
/// article, its text as a reader sees it there ([`sentences::display_text`]).
struct Judged<'a> {
    boilerplate: bool,
    clauses: Vec<std::ops::Range<usize>>,
    display: Option<Cow<'a, str>>,
}

/// [`Judged`] of a sentence's text `s`, its display text if `verbatim`. One over
/// [`boilerplate::MAX_CLAIM_BYTES`] is never asked about ([`boilerplate::strip_with`]
/// drops it): it is not read, and counts as boilerplate.
fn judge(s: &str, verbatim: bool) -> Judged<'_> {
    let boilerplate = s.len() > boilerplate::MAX_CLAIM_BYTES || boilerplate::is_boilerplate(s);
    if boilerplate {
        return Judged {
            boilerplate,
            clauses: Vec::new(),
            display: None,
        };
    }
    Judged {
        boilerplate,
        clauses: clauses::split_clauses(s),
        display: verbatim.then(|| sentences::display_text(s)),
    }
}

/// Splits and analyses every article, in article order.
///
/// A sentence whose text another article of the event also has is judged once (boilerplate
/// or not, its clauses), and a clause whose text (and language) another clause of the event
/// already has is analysed once, its features copied: [`boilerplate::is_boilerplate`],
/// [`clauses::split_clauses`] and [`analyse_claim`] read nothing but the text (and the
/// language). Copied passages and wire stories repeat whole sentences across outlets.
pub(crate) fn analyse_articles(articles: &[(usize, &Article)]) -> Vec<Vec<Part>> {
    let sentences = parallel_map(articles, |(_, a)| {
        sentences::split_sentences(a.body.as_str())
    });
    // every distinct sentence text once, in order of first use
    let mut first_sentence: FastMap<&str, usize> = FastMap::default();
    let mut distinct_sentences: Vec<&str> = Vec::new();
    let sentence_ids: Vec<Vec<usize>> = articles
        .iter()
        .zip(&sentences)
        .map(|((_, art), ranges)| {
            let body = art.body.as_str();
            ranges
                .iter()
                .map(|r| {
                    let s = body.get(r.clone()).unwrap_or("");
                    *first_sentence.entry(s).or_insert_with(|| {
                        distinct_sentences.push(s);
                        distinct_sentences.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let verbatim = |a: &Article| matches!(a.origin, TextOrigin::Verbatim { .. });
    let any_verbatim = articles.iter().any(|(_, a)| verbatim(a));
    let judged = parallel_map(&distinct_sentences, |s| judge(s, any_verbatim));
    // a sentence's judgement, by its text
    let judged_as = |s: &str| first_sentence.get(s).map(|&k| &judged[k]);
    let columns: Vec<usize> = (0..articles.len()).collect();
    let split = parallel_map(&columns, |&i| {
        let art = articles[i].1;
        let body = art.body.as_str();
        let ids = &sentence_ids[i];
        let kept = boilerplate::strip_with(body, &art.title, &sentences[i], |k, _| {
            judged[ids[k]].boilerplate
        });
        // a sentence kept whole was read when it was judged; one the strip trimmed (a
        // dateline, a section label) is read here
        let ranges = first_of_each_text(kept, |r| {
            let memo = body.get(r.clone()).and_then(judged_as);
            match memo.and_then(|j| j.display.as_ref()) {
                Some(text) if verbatim(art) => text.clone(),
                _ => sentences::claim_text(art, r),
            }
        });
        let clauses = clauses_in(art, ranges, |s| match judged_as(s) {
            Some(j) if !j.boilerplate => Cow::Borrowed(j.clauses.as_slice()),
            _ => Cow::Owned(clauses::split_clauses(s)),
        });
        (article_language(art), clauses)
    });
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
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut all = Vec::with_capacity(threads);
        all.push(work());
        for h in handles {
            all.push(h.join().expect("the analysis does not panic"));
        }
        all
    });
    // each result moved once into its item's place: no sorting of the (large) results
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in done.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every item is taken by one thread"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn sentences_judged_once_per_event_split_as_each_article_alone() {
        // shared sentences: one a wire dateline opens (trimmed in the first article only),
        // a footer (boilerplate in both), a compound sentence (two clauses), a headline
        // repeated as the first paragraph, and one sentence printed twice in one article
        let shared = "Officials said the bridge opened, but the road stayed closed.";
        let mut a = article(format!(
            "WASHINGTON (AP) — {shared} Copyright 2008 The Associated Press. The mayor spoke. \
             The mayor spoke."
        ));
        a.title = "Bridge opens".into();
        let mut b = article(format!(
            "Bridge opens. {shared} The mayor spoke. Copyright 2008 The Associated Press. \
             WASHINGTON (AP) — {shared}"
        ));
        b.outlet = "b".into();
        b.title = "Bridge opens".into();
        let mut c = article(format!("{shared}\n\nThe mayor spoke."));
        c.outlet = "c".into();
        c.origin = TextOrigin::Verbatim {
            start: 0,
            end: c.body.as_str().len(),
        };
        let arts = [(0, &a), (1, &b), (2, &c)];
        let parts = analyse_articles(&arts);
        for ((_, art), parts) in arts.iter().zip(&parts) {
            let (_, alone) = clauses_of(art);
            let got: Vec<_> = parts.iter().map(|p| (p.0, p.1, p.2.clone())).collect();
            let want: Vec<_> = alone.iter().map(|c| (c.0, c.1, c.2.clone())).collect();
            assert_eq!(got, want, "{}", art.outlet);
            for (p, c) in parts.iter().zip(&alone) {
                assert_eq!(p.3.text, c.3);
            }
        }
        // the clauses and the boilerplate were found: two clauses of the shared sentence, no
        // footer, the repeated headline and sentence once
        assert!(
            parts
                .iter()
                .all(|p| p.iter().all(|x| !x.3.text.contains("Copyright")))
        );
        assert_eq!(parts[0].iter().filter(|x| x.0 == 0).count(), 2);
        assert_eq!(parts[0].len(), 3, "{:?}", parts[0]);
        assert!(!parts[1][0].3.text.starts_with("Bridge opens"));
    }
}
