//! ECB+ (Cybulska & Vossen, LREC 2014): real news articles with gold cross-document event
//! coreference. Two figures, as defined in the data's README:
//!
//! - **Claim alignment**: over pairs of annotated sentences from different documents of one
//!   sub-topic, a pair is predicted positive when claims overlapping the two sentences share a
//!   shared or contrasting cluster of `compare` (run on the sub-topic's documents as one event);
//!   gold positive when the sentences share an `ACT*`/`NEG*` event chain.
//! - **Event grouping**: every document in one flat list with no dates, grouped by
//!   [`crate::corpus::grouping::group`]; gold events are the sub-topics (two look-alike events
//!   per topic). Pairwise precision/recall/F1 over document pairs and the number of gold events
//!   found exactly.
//!
//! Each is printed beside the TF-IDF reference of [`super::tfidf`] from the same run.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::fnc1::parallel_map;
use super::sample::Pool;
use super::tfidf::{self, TfIdf};
use super::verdicts::Compared;
use super::{Confusion, EvalError};
use crate::analysis::{ClusterKind, CompareOptions, compare_with};
use crate::corpus::{Article, Event, EventOrigin};

/// One ECB+ document: id `TOPIC/SUBTOPIC/N`, its sub-topic (`1ecbplus`) and its sentences.
#[derive(Debug, Clone)]
pub struct EcbDocument {
    pub id: String,
    pub subtopic: String,
    /// Sentences in document order.
    pub sentences: Vec<EcbSentence>,
}

/// One CoNLL sentence: its number in the document, tokens, and the event chains it mentions.
#[derive(Debug, Clone)]
pub struct EcbSentence {
    pub number: usize,
    pub tokens: Vec<String>,
    /// `ACT*` / `NEG*` chain ids mentioned in the sentence, sorted, without duplicates.
    pub events: Vec<String>,
}

/// The dev half: documents in file order and the annotated sentences `(document id, number)`.
#[derive(Debug, Clone, Default)]
pub struct EcbData {
    pub documents: Vec<EcbDocument>,
    pub annotated: BTreeSet<(String, usize)>,
}

/// Reads every `*.conll` file of `dir` (sorted by name) and `sentences.csv`.
///
/// # Errors
/// [`EvalError::Io`] when the folder or a file cannot be read, [`EvalError::Format`] for a
/// malformed line of `sentences.csv`.
pub fn read(dir: &Path) -> Result<EcbData, EvalError> {
    let io = |path: &Path, source| EvalError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conll"))
        .collect();
    files.sort();
    let mut data = EcbData::default();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| io(f, e))?;
        data.documents.extend(parse_conll(&text));
    }
    let csv_path = dir.join("sentences.csv");
    let text = std::fs::read_to_string(&csv_path).map_err(|e| io(&csv_path, e))?;
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || EvalError::Format {
            path: csv_path.display().to_string(),
            line: n + 1,
            message: format!("expected Topic,File,Sentence Number, found {line:?}"),
        };
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        let [topic, file, number] = cols[..] else {
            return Err(bad());
        };
        let split = file.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (doc, kind) = file.split_at(split);
        let number: usize = number.parse().map_err(|_| bad())?;
        data.annotated
            .insert((format!("{topic}/{topic}{kind}/{doc}"), number));
    }
    Ok(data)
}

/// Parses the documents of one CoNLL file.
fn parse_conll(text: &str) -> Vec<EcbDocument> {
    let mut docs: Vec<EcbDocument> = Vec::new();
    for line in text.lines() {
        if line.starts_with("#begin") || line.starts_with("#end") || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            continue;
        }
        let (id, number, token, tag) = (cols[0], cols[1], cols[3], cols[cols.len() - 1]);
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        if docs.last().is_none_or(|d| d.id != id) {
            docs.push(EcbDocument {
                id: id.to_string(),
                subtopic: id.split('/').nth(1).unwrap_or("").to_string(),
                sentences: Vec::new(),
            });
        }
        let Some(doc) = docs.last_mut() else { continue };
        if doc.sentences.last().is_none_or(|s| s.number != number) {
            doc.sentences.push(EcbSentence {
                number,
                tokens: Vec::new(),
                events: Vec::new(),
            });
        }
        let Some(s) = doc.sentences.last_mut() else {
            continue;
        };
        s.tokens.push(token.to_string());
        for part in tag.split('|') {
            let chain = part.trim_matches(|c| c == '(' || c == ')');
            if (chain.starts_with("ACT") || chain.starts_with("NEG"))
                && !s.events.iter().any(|e| e == chain)
            {
                s.events.push(chain.to_string());
            }
        }
    }
    for d in &mut docs {
        for s in &mut d.sentences {
            s.events.sort();
        }
    }
    docs
}

/// Joins Penn-style tokens back into running text: no space before closing punctuation and
/// clitics (`,` `.` `'s` `n't`), none after opening brackets, hyphens between words rejoined,
/// straight double quotes opened and closed in turn, and figures the ECB+ tokenizer split
/// rejoined ([`inside_a_figure`]: "6 . 0" is "6.0", "170 , 000" is "170,000", "3 : 30" is
/// "3:30", ". 38" is ".38", "a . m ." is "a.m.").
pub fn detokenize(tokens: &[String]) -> String {
    let mut out = String::new();
    let mut quote_open = false;
    let mut no_space_next = true;
    for (i, t) in tokens.iter().enumerate() {
        if let Some(glue) = inside_a_figure(tokens, i) {
            if glue == Glue::Both {
                while out.ends_with(' ') {
                    out.pop();
                }
            } else if !(out.is_empty() || no_space_next) {
                out.push(' ');
            }
            out.push_str(t);
            no_space_next = true;
            continue;
        }
        if is_split_clitic_mark(tokens, i) {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push_str(t);
            no_space_next = true;
            continue;
        }
        let t = match t.as_str() {
            "``" => "\u{201c}",
            "''" => "\u{201d}",
            "-LRB-" => "(",
            "-RRB-" => ")",
            other => other,
        };
        let closing = matches!(
            t,
            "." | "," | ";" | ":" | "!" | "?" | "%" | ")" | "]" | "}" | "\u{201d}" | "..."
        ) || t.starts_with('\'') && t.len() <= 3
            || t.eq_ignore_ascii_case("n't");
        let hyphen_join = t == "-"
            && i > 0
            && i + 1 < tokens.len()
            && tokens[i - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
            && tokens[i + 1]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        let straight_close = t == "\"" && quote_open;
        if !(out.is_empty() || no_space_next || closing || hyphen_join || straight_close) {
            out.push(' ');
        }
        out.push_str(t);
        no_space_next = matches!(t, "(" | "[" | "{" | "$" | "\u{201c}") || hyphen_join;
        if t == "\"" {
            no_space_next = !quote_open;
            quote_open = !quote_open;
        }
    }
    out
}

/// Whether token `i` is an apostrophe that the ECB+ tokenizer split off between a word and
/// its clitic ("couldn ’ t", "Gray ’ s", "they ’ re"): the three are one word in the article.
/// Read apart, "couldn ’ t" carried no negation and opposed the same sentence's "couldn't"
/// (a reader's sample of the model's contrasts, session 25).
fn is_split_clitic_mark(tokens: &[String], i: usize) -> bool {
    matches!(tokens[i].as_str(), "\u{2019}" | "'")
        && i > 0
        && tokens[i - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
        && tokens.get(i + 1).is_some_and(|n| {
            matches!(
                n.to_lowercase().as_str(),
                "s" | "t" | "re" | "ve" | "ll" | "d" | "m"
            )
        })
}

/// How a separator token inside a figure joins its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glue {
    /// "6 . 0", "170 , 000", "3 : 30", "a . m": no space on either side.
    Both,
    /// ". 38" (a calibre): a space before it, none after.
    After,
}

/// Whether token `i` is a separator that the ECB+ tokenizer split out of one figure or
/// abbreviation: a decimal point or a time's colon between digits, a thousands comma before
/// exactly three digits, a decimal point opening a number mid-sentence (".38-caliber"), and
/// the points of "a.m." / "p.m.". ECB+ writes "a magnitude 6.0 quake" as `6 . 0`, which read
/// with spaces would end a sentence after "6." (session 15: half of a judged sample's wrong
/// number contrasts came from such fragments).
fn inside_a_figure(tokens: &[String], i: usize) -> Option<Glue> {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let prev = i.checked_sub(1).map(|p| tokens[p].as_str());
    let next = tokens.get(i + 1).map(String::as_str);
    let prev_digits = prev.is_some_and(digits);
    let next_digit_led = next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    match tokens[i].as_str() {
        "." if prev_digits && next_digit_led => Some(Glue::Both),
        "," if prev_digits && next.is_some_and(|n| n.len() == 3 && digits(n)) => Some(Glue::Both),
        ":" if prev_digits && next.is_some_and(|n| n.len() == 2 && digits(n)) => Some(Glue::Both),
        // "a . m ." / "p . m .": the second point is closing punctuation anyway
        "." if prev.is_some_and(|p| matches!(p, "a" | "p" | "A" | "P"))
            && next.is_some_and(|n| matches!(n, "m" | "M")) =>
        {
            Some(Glue::Both)
        }
        // a number opened by its decimal point (".38-caliber"), not at the sentence's end
        "." if next_digit_led && i + 2 < tokens.len() => Some(Glue::After),
        _ => None,
    }
}

/// Every document's sentence texts as framediff reads them, by sentence number: one map
/// per document of `data`, in its order (what the pair tools in `examples/` print).
pub fn sentence_texts(data: &EcbData) -> Vec<BTreeMap<usize, String>> {
    data.documents
        .iter()
        .map(|d| {
            let (a, r) = to_article(d);
            r.into_iter()
                .map(|(n, rg)| (n, a.body.as_str()[rg].to_string()))
                .collect()
        })
        .collect()
}

/// A document as framediff reads it: the body (a leading URL line left out and kept as the
/// article's `url`), no title (the headline is the body's first paragraph: ECB+ annotates it
/// as a sentence of the text, so it must not be taken for a repeated headline), and the body
/// byte range of each sentence by sentence number.
pub fn to_article(doc: &EcbDocument) -> (Article, BTreeMap<usize, Range<usize>>) {
    let mut body = String::new();
    let mut ranges = BTreeMap::new();
    let mut url = None;
    for (i, s) in doc.sentences.iter().enumerate() {
        if i == 0 && s.tokens.first().is_some_and(|t| t.starts_with("http")) {
            url = Some(s.tokens.concat());
            continue;
        }
        let text = detokenize(&s.tokens);
        if !body.is_empty() {
            // the headline (first sentence) stands as its own paragraph, and so does a line
            // with no closing mark (a date, a dateline, a headline after a date): the data
            // gives the sentence boundaries, and running such a line into the next sentence
            // would make one claim of two
            let own_line = ranges.len() == 1 || !ends_a_sentence(&body);
            body.push_str(if own_line { "\n\n" } else { " " });
        }
        let start = body.len();
        body.push_str(&text);
        ranges.insert(s.number, start..body.len());
    }
    let mut article = super::dataset_article(
        format!("ecbplus/{}", doc.id),
        &doc.id.replace('/', "-"),
        "",
        body,
        None,
    );
    article.url = url;
    (article, ranges)
}

/// True when `text` ends with a sentence's closing mark (`.`, `!`, `?`, `…`, `:`, `;`),
/// possibly followed by closing quotes or brackets.
fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']'])
        .ends_with(['.', '!', '?', '\u{2026}', ':', ';'])
}

/// One gold pair: two annotated sentences `(document index, sentence number)` of different
/// documents of one sub-topic, positive when they share an event chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldPair {
    pub a: (usize, usize),
    pub b: (usize, usize),
    pub positive: bool,
}

/// Every gold pair of the data, in document order.
pub fn gold_pairs(data: &EcbData) -> Vec<GoldPair> {
    // per sub-topic: (document index, sentence number, event chains)
    type Annotated<'a> = Vec<(usize, usize, &'a [String])>;
    let mut by_sub: BTreeMap<&str, Annotated<'_>> = BTreeMap::new();
    for (di, d) in data.documents.iter().enumerate() {
        for s in &d.sentences {
            if data.annotated.contains(&(d.id.clone(), s.number)) {
                by_sub
                    .entry(&d.subtopic)
                    .or_default()
                    .push((di, s.number, &s.events));
            }
        }
    }
    let mut out = Vec::new();
    for list in by_sub.values() {
        for (x, &(da, sa, ea)) in list.iter().enumerate() {
            for &(db, sb, eb) in &list[x + 1..] {
                if da == db {
                    continue;
                }
                out.push(GoldPair {
                    a: (da, sa),
                    b: (db, sb),
                    positive: ea.iter().any(|e| eb.contains(e)),
                });
            }
        }
    }
    out
}

/// Claim alignment on ECB+: framediff beside the TF-IDF reference.
#[derive(Debug, Clone)]
pub struct AlignmentEval {
    /// framediff's links over the gold pairs.
    pub framediff: Confusion,
    /// The TF-IDF cosine making as many links as framediff (its highest-scored pairs).
    pub tfidf_same_links: Confusion,
    /// The TF-IDF cosine at its best-F1 threshold.
    pub tfidf_best: (f32, Confusion),
    /// Predicted-positive pairs whose link is contrasting (a subset of framediff's links).
    pub contrasting_links: usize,
    /// Of those, gold positives (the two sentences do mention one event).
    pub contrasting_gold: usize,
}

/// The cluster ids that show a claim, with the kind of each: its own, and the clusters it is
/// a counterpart of ([`crate::analysis::Claim::shown_in`]).
fn linked_clusters(cmp: &crate::analysis::Comparison, claim: usize) -> Vec<(usize, ClusterKind)> {
    let c = &cmp.claims[claim];
    c.shown_in()
        .map(|k| (k, cmp.clusters[k].kind))
        .filter(|(_, kind)| *kind != ClusterKind::Unique)
        .collect()
}

/// Runs the alignment evaluation with a similarity backend (the lexical default:
/// [`crate::analysis::lexical_backend`]): [`compare_subtopics`], then [`alignment_of`].
pub fn eval_alignment(
    data: &EcbData,
    options: &CompareOptions,
    backend: crate::analysis::BackendFactory<'_>,
) -> AlignmentEval {
    alignment_of(data, &compare_subtopics(data, options, backend))
}

/// Every sub-topic's documents compared as one event (on all cores, in sub-topic order), one
/// article per document, each its own outlet (named by its document id and, for a document
/// whose first line is its URL, the site); term weights from every document of the data
/// unless `options` has them. Event id and title: the sub-topic (`1ecbplus`); heading
/// `sub-topic 1ecbplus`.
pub fn compare_subtopics(
    data: &EcbData,
    options: &CompareOptions,
    backend: crate::analysis::BackendFactory<'_>,
) -> Vec<Compared> {
    let mut options = options.clone();
    if options.background.is_none() {
        let articles: Vec<Article> = data.documents.iter().map(|d| to_article(d).0).collect();
        options.background = Some(std::sync::Arc::new(
            crate::analysis::CorpusTerms::from_articles(&articles),
        ));
    }
    let subs: Vec<(usize, (&str, Vec<usize>))> =
        by_subtopic(data).into_iter().enumerate().collect();
    parallel_map(&subs, |(index, (sub, docs))| {
        let mut names = BTreeMap::new();
        let articles: Vec<std::sync::Arc<Article>> = docs
            .iter()
            .map(|&di| {
                let a = to_article(&data.documents[di]).0;
                names.insert(a.outlet.clone(), outlet_name(&data.documents[di].id, &a));
                a.into()
            })
            .collect();
        let event = Event {
            id: (*sub).to_string(),
            title: (*sub).to_string(),
            date: None,
            summary: None,
            tags: Vec::new(),
            origin: EventOrigin::Folder,
            articles,
        };
        // the names are the sample's only: the comparison runs on the options as given
        let comparison = compare_with(&event, &options, backend);
        Compared {
            index: *index,
            heading: format!("sub-topic {sub}"),
            names,
            event,
            comparison,
        }
    })
}

/// Document indices per sub-topic, sub-topics sorted by name, documents in file order.
fn by_subtopic(data: &EcbData) -> BTreeMap<&str, Vec<usize>> {
    let mut by_sub: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (di, d) in data.documents.iter().enumerate() {
        by_sub.entry(&d.subtopic).or_default().push(di);
    }
    by_sub
}

/// How a sample names a document's outlet: its id, and the site of its URL when it has one
/// (`1/1ecbplus/10 (www.example.com)`).
fn outlet_name(id: &str, article: &Article) -> String {
    let host = article.url.as_deref().and_then(|u| {
        let rest = u.split_once("://").map_or(u, |(_, r)| r);
        rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
    });
    match host {
        Some(h) => format!("{id} ({h})"),
        None => id.to_string(),
    }
}

/// The sentence texts of every document `(document index, sentence number)` and the
/// clusters (with their kind) of the claims overlapping each sentence, from `compared`.
type SentenceLinks = (
    HashMap<(usize, usize), Vec<(usize, ClusterKind)>>,
    HashMap<(usize, usize), String>,
);

fn sentence_links(data: &EcbData, compared: &[Compared]) -> SentenceLinks {
    let mut sentence_links: HashMap<(usize, usize), Vec<(usize, ClusterKind)>> = HashMap::new();
    let mut texts: HashMap<(usize, usize), String> = HashMap::new();
    for (sub, docs) in by_subtopic(data) {
        let cmp = compared.iter().find(|c| c.event.id == sub);
        for (col, &di) in docs.iter().enumerate() {
            let (a, ranges) = to_article(&data.documents[di]);
            for (&n, range) in &ranges {
                texts.insert((di, n), a.body.as_str()[range.clone()].to_string());
                let Some(cmp) = cmp.map(|c| &c.comparison) else {
                    continue;
                };
                let mut links: Vec<(usize, ClusterKind)> = cmp.columns[col]
                    .claims
                    .iter()
                    .filter(|&&id| {
                        let c = &cmp.claims[id];
                        c.start < range.end && range.start < c.end
                    })
                    .flat_map(|&id| linked_clusters(cmp, id))
                    .collect();
                links.sort_unstable_by_key(|(k, _)| *k);
                links.dedup();
                sentence_links.insert((di, n), links);
            }
        }
    }
    (sentence_links, texts)
}

/// The alignment figures of sub-topics compared by [`compare_subtopics`] on `data`.
pub fn alignment_of(data: &EcbData, compared: &[Compared]) -> AlignmentEval {
    let pairs = gold_pairs(data);
    let (sentence_links, texts) = sentence_links(data, compared);
    let mut framediff = Confusion::default();
    let (mut contrasting_links, mut contrasting_gold) = (0, 0);
    for p in &pairs {
        let empty = Vec::new();
        let la = sentence_links.get(&p.a).unwrap_or(&empty);
        let lb = sentence_links.get(&p.b).unwrap_or(&empty);
        let common: Vec<ClusterKind> = la
            .iter()
            .filter(|x| lb.contains(x))
            .map(|(_, k)| *k)
            .collect();
        framediff.add(!common.is_empty(), p.positive);
        if !common.is_empty() && common.iter().all(|k| *k == ClusterKind::Contrasting) {
            contrasting_links += 1;
            contrasting_gold += usize::from(p.positive);
        }
    }
    // the reference: IDF over the evaluated sentences
    let mut evaluated: Vec<&(usize, usize)> = pairs.iter().flat_map(|p| [&p.a, &p.b]).collect();
    evaluated.sort_unstable();
    evaluated.dedup();
    let model = TfIdf::fit(
        evaluated
            .iter()
            .map(|k| texts.get(k).map_or("", String::as_str)),
    );
    let vectors: HashMap<(usize, usize), tfidf::Vector> = evaluated
        .iter()
        .map(|&&k| (k, model.vector(texts.get(&k).map_or("", String::as_str))))
        .collect();
    let scored: Vec<(f32, bool)> = pairs
        .iter()
        .map(|p| (tfidf::cosine(&vectors[&p.a], &vectors[&p.b]), p.positive))
        .collect();
    let links = framediff.tp + framediff.fp;
    AlignmentEval {
        framediff,
        tfidf_same_links: tfidf::top_k(&scored, links),
        tfidf_best: tfidf::best_f1_threshold(&scored),
        contrasting_links,
        contrasting_gold,
    }
}

/// The compared sub-topics as a pool of a reader's sample; `dir` is the ECB+ folder read.
/// Each article's path becomes its sub-topic's CoNLL file, so that an item lists, beside each
/// document id, the file that holds it.
pub fn pool(dir: &Path, mut compared: Vec<Compared>) -> Pool {
    for c in &mut compared {
        let file = dir.join(format!("{}.conll", c.event.id));
        for a in &mut c.event.articles {
            std::sync::Arc::make_mut(a).path = file.clone();
        }
    }
    Pool {
        name: "ECB+ dev".into(),
        text: "article",
        raw: format!(
            "whole articles, one file per sub-topic, {}/SUBTOPIC.conll (one token a line, the \
             token in column 4; a document runs from `#begin document (ID)` to `#end document`; \
             in an `ecbplus` document sentence 0 is its URL); every document is an outlet \
             named by its id (and its URL's site), and every item lists its sub-topic's \
             documents with their file, to read a `unique` claim against the others.",
            dir.display()
        ),
        inline_others: false,
        compared,
    }
}

/// Pairwise clustering figures: pairs of items put together (predicted) against pairs that
/// belong together (gold), and how many gold groups were found exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroupingFigures {
    pub pairs: Confusion,
    pub exact: usize,
    pub gold_groups: usize,
    pub predicted_groups: usize,
}

/// Compares a predicted partition with a gold one (both as one group label per item).
pub fn grouping_figures(predicted: &[usize], gold: &[usize]) -> GroupingFigures {
    let mut pairs = Confusion::default();
    for i in 0..gold.len() {
        for j in i + 1..gold.len() {
            pairs.add(predicted[i] == predicted[j], gold[i] == gold[j]);
        }
    }
    let members = |labels: &[usize]| -> BTreeMap<usize, Vec<usize>> {
        let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &l) in labels.iter().enumerate() {
            m.entry(l).or_default().push(i);
        }
        m
    };
    let (pm, gm) = (members(predicted), members(gold));
    let found: BTreeSet<&Vec<usize>> = pm.values().collect();
    GroupingFigures {
        pairs,
        exact: gm.values().filter(|g| found.contains(g)).count(),
        gold_groups: gm.len(),
        predicted_groups: pm.len(),
    }
}

/// Event grouping on ECB+: framediff's grouping beside an average-linkage clustering of the
/// TF-IDF vectors of whole documents, cut at its best threshold.
#[derive(Debug, Clone)]
pub struct GroupingEval {
    pub framediff: GroupingFigures,
    pub tfidf: (f32, GroupingFigures),
}

/// Runs the grouping evaluation: all documents, no dates, one flat list.
pub fn eval_grouping(data: &EcbData, options: &crate::corpus::GroupingOptions) -> GroupingEval {
    let articles: Vec<Article> = data.documents.iter().map(|d| to_article(d).0).collect();
    let index: HashMap<PathBuf, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.clone(), i))
        .collect();
    let subs: BTreeMap<&str, usize> = data
        .documents
        .iter()
        .map(|d| d.subtopic.as_str())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(i, s)| (s, i))
        .collect();
    let gold: Vec<usize> = data
        .documents
        .iter()
        .map(|d| subs[d.subtopic.as_str()])
        .collect();
    let texts: Vec<String> = articles
        .iter()
        .map(|a| format!("{}\n\n{}", a.title, a.body.as_str()))
        .collect();
    let events = crate::corpus::grouping::group(articles, options, &mut Vec::new());
    let mut predicted = vec![0; gold.len()];
    for (e, ev) in events.iter().enumerate() {
        for a in &ev.articles {
            if let Some(&i) = index.get(&a.path) {
                predicted[i] = e;
            }
        }
    }
    let model = TfIdf::fit(texts.iter().map(String::as_str));
    let vectors: Vec<tfidf::Vector> = texts.iter().map(|t| model.vector(t)).collect();
    GroupingEval {
        framediff: grouping_figures(&predicted, &gold),
        tfidf: best_average_linkage(&vectors, &gold),
    }
}

/// Average-linkage agglomerative clustering of `vectors` by cosine (exact, Lance–Williams
/// updates), cut at each merge height; returns the cut with the best pairwise F1 against
/// `gold`.
fn best_average_linkage(vectors: &[tfidf::Vector], gold: &[usize]) -> (f32, GroupingFigures) {
    let n = vectors.len();
    let mut sim = vec![vec![0f32; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let s = tfidf::cosine(&vectors[i], &vectors[j]);
            sim[i][j] = s;
            sim[j][i] = s;
        }
    }
    let mut size = vec![1usize; n];
    let mut alive = vec![true; n];
    let mut label: Vec<usize> = (0..n).collect();
    let mut best = (
        f32::INFINITY,
        grouping_figures(&label, gold),
        grouping_figures(&label, gold).pairs.f1(),
    );
    for _ in 1..n {
        let mut top = (f32::NEG_INFINITY, 0, 0);
        for i in (0..n).filter(|&i| alive[i]) {
            for j in (i + 1..n).filter(|&j| alive[j]) {
                if sim[i][j] > top.0 {
                    top = (sim[i][j], i, j);
                }
            }
        }
        let (h, a, b) = top;
        if h <= 0.0 {
            break;
        }
        for k in (0..n).filter(|&k| alive[k] && k != a && k != b) {
            let s = (sim[a][k] * size[a] as f32 + sim[b][k] * size[b] as f32)
                / (size[a] + size[b]) as f32;
            sim[a][k] = s;
            sim[k][a] = s;
        }
        size[a] += size[b];
        alive[b] = false;
        for l in &mut label {
            if *l == b {
                *l = a;
            }
        }
        let f = grouping_figures(&label, gold);
        if f.pairs.f1() > best.2 {
            best = (h, f, f.pairs.f1());
        }
    }
    (best.0, best.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn detokenize_rejoins_penn_tokens() {
        assert_eq!(
            detokenize(&toks(
                "Reid 's representative said \" American Pie '' star did n't go ( yet ) , and check - in is $ 5 ."
            )),
            "Reid's representative said \"American Pie\u{201d} star didn't go (yet), and check-in is $5."
        );
    }

    #[test]
    fn detokenize_rejoins_a_split_apostrophe_and_its_clitic() {
        assert_eq!(
            detokenize(&toks(
                "she couldn \u{2019} t see Gray \u{2019} s car , they ' re sure ."
            )),
            "she couldn\u{2019}t see Gray\u{2019}s car, they're sure."
        );
        // an apostrophe before a word that is no clitic stays apart
        assert_eq!(detokenize(&toks("the \u{2019} 90s")), "the \u{2019} 90s");
    }

    #[test]
    fn detokenize_rejoins_figures_the_tokenizer_split() {
        assert_eq!(
            detokenize(&toks(
                "A 6 . 0 quake hit at 3 : 30 a . m . ; the 170 , 000 - square - foot mall , 2 , 3 or 4 floors , and a loaded . 38 - caliber revolver ."
            )),
            "A 6.0 quake hit at 3:30 a.m.; the 170,000-square-foot mall, 2, 3 or 4 floors, and a loaded .38-caliber revolver."
        );
        // a colon before a year and a closing point stay punctuation
        assert_eq!(detokenize(&toks("Year : 2008 .")), "Year: 2008.");
    }

    #[test]
    fn a_line_without_a_closing_mark_is_not_run_into_the_next_sentence() {
        let conll = "#begin document (1/1ecbplus/3); part 000\n\
1/1ecbplus/3\t0\t0\t11/09/2010\t-\n\n\
1/1ecbplus/3\t1\t0\tHiller\t-\n1/1ecbplus/3\t1\t1\tCharged\t(ACT1)\n\n\
1/1ecbplus/3\t2\t0\tA\t-\n1/1ecbplus/3\t2\t1\tworker\t-\n1/1ecbplus/3\t2\t2\tfired\t(ACT2)\n1/1ecbplus/3\t2\t3\t.\t-\n\n\
1/1ecbplus/3\t3\t0\tShe\t-\n1/1ecbplus/3\t3\t1\tfled\t(ACT3)\n1/1ecbplus/3\t3\t2\t.\t-\n#end document\n";
        let (a, ranges) = to_article(&parse_conll(conll)[0]);
        // the date, the headline after it and the first sentence are lines of their own;
        // sentences that close with a mark run on as one paragraph
        assert_eq!(
            a.body.as_str(),
            "11/09/2010\n\nHiller Charged\n\nA worker fired. She fled."
        );
        assert_eq!(&a.body.as_str()[ranges[&1].clone()], "Hiller Charged");
        assert!(ends_a_sentence("She said: \u{201C}No.\u{201D}"));
        assert!(!ends_a_sentence("Kraft Shooting: Hiller Charged"));
    }

    #[test]
    fn conll_sentences_events_and_gold_pairs() {
        let conll = "#begin document (1/1ecbplus/1); part 000\n\
1/1ecbplus/1\t0\t0\thttp://x.com/a\t-\n\n\
1/1ecbplus/1\t1\t0\tLohan\t-\n1/1ecbplus/1\t1\t1\tleaves\t(ACT1)\n1/1ecbplus/1\t1\t2\trehab\t(Singleton_9)\n\n\
1/1ecbplus/1\t2\t0\tShe\t-\n1/1ecbplus/1\t2\t1\twent\t(ACT2)\n#end document\n\
#begin document (1/1ecbplus/2); part 000\n\
1/1ecbplus/2\t0\t0\tLohan\t-\n1/1ecbplus/2\t0\t1\tquit\t(ACT1|NEG3)\n#end document\n";
        let docs = parse_conll(conll);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences[1].events, vec!["ACT1".to_string()]);
        assert_eq!(
            docs[1].sentences[0].events,
            vec!["ACT1".to_string(), "NEG3".to_string()]
        );
        let (a, ranges) = to_article(&docs[0]);
        assert_eq!(a.url.as_deref(), Some("http://x.com/a"));
        assert_eq!(a.title, "");
        assert_eq!(&a.body.as_str()[ranges[&1].clone()], "Lohan leaves rehab");
        assert_eq!(&a.body.as_str()[ranges[&2].clone()], "She went");
        let data = EcbData {
            annotated: [
                ("1/1ecbplus/1".to_string(), 1),
                ("1/1ecbplus/1".to_string(), 2),
                ("1/1ecbplus/2".to_string(), 0),
            ]
            .into_iter()
            .collect(),
            documents: docs,
        };
        let pairs = gold_pairs(&data);
        // two cross-document pairs; the same-document pair does not count
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs.iter().filter(|p| p.positive).count(), 1);
    }

    /// A CoNLL document of `sentences` (tokens split on spaces), no annotations.
    fn conll_doc(id: &str, sentences: &[&str]) -> String {
        let mut out = format!("#begin document ({id}); part 000\n");
        for (n, s) in sentences.iter().enumerate() {
            for (t, tok) in s.split(' ').enumerate() {
                out.push_str(&format!("{id}\t{n}\t{t}\t{tok}\t-\n"));
            }
            out.push('\n');
        }
        out + "#end document\n"
    }

    #[test]
    fn each_subtopic_is_one_event_and_a_pool_names_documents_and_files() {
        let text = conll_doc(
            "1/1ecbplus/1",
            &[
                "http://www.example.com/a",
                "Quake hits Tokyo",
                "The earthquake killed 12 people in Tokyo on Monday .",
            ],
        ) + &conll_doc(
            "1/1ecbplus/2",
            &[
                "Tokyo quake",
                "The earthquake killed 12 people in Tokyo on Monday .",
            ],
        ) + &conll_doc("2/2ecb/1", &["A lone document ."]);
        let data = EcbData {
            documents: parse_conll(&text),
            annotated: BTreeSet::new(),
        };
        let lexical = &crate::analysis::lexical_backend;
        let compared = compare_subtopics(&data, &CompareOptions::default(), lexical);
        // sub-topics in name order, each with its own documents
        let ids: Vec<&str> = compared.iter().map(|c| c.event.id.as_str()).collect();
        assert_eq!(ids, ["1ecbplus", "2ecb"]);
        let c = &compared[0];
        assert_eq!(c.heading, "sub-topic 1ecbplus");
        assert_eq!(c.event.articles.len(), 2);
        assert_eq!(c.name("1-1ecbplus-1"), "1/1ecbplus/1 (www.example.com)");
        assert_eq!(c.name("1-1ecbplus-2"), "1/1ecbplus/2");
        let shared = c.comparison.clusters.iter();
        assert!(
            shared.filter(|k| k.kind == ClusterKind::Shared).count() >= 1,
            "the same sentence in two documents is one shared fact"
        );
        // the comparisons give the figures eval_alignment computes itself
        let a = alignment_of(&data, &compared);
        let b = eval_alignment(&data, &CompareOptions::default(), lexical);
        assert_eq!(a.framediff, b.framediff);
        let dir = Path::new("/data/ecbplus-dev");
        let p = pool(dir, compared);
        assert_eq!(p.name, "ECB+ dev");
        assert!(!p.inline_others);
        assert!(
            p.raw.contains("/data/ecbplus-dev/SUBTOPIC.conll"),
            "{}",
            p.raw
        );
        let paths: Vec<&Path> = p.compared[0]
            .event
            .articles
            .iter()
            .map(|a| a.path.as_path())
            .collect();
        assert_eq!(
            paths,
            [dir.join("1ecbplus.conll"), dir.join("1ecbplus.conll")]
        );
        let md = super::super::sample::sample_markdown(&[p], 40, 3);
        assert!(md.starts_with("# ECB+ dev: a random sample"), "{md}");
        assert!(md.contains("sub-topic 1ecbplus, shared cluster"), "{md}");
        assert!(
            md.contains("  - 1/1ecbplus/2: /data/ecbplus-dev/1ecbplus.conll"),
            "{md}"
        );
    }

    #[test]
    fn grouping_figures_are_pairwise() {
        let f = grouping_figures(&[0, 0, 1, 1], &[0, 0, 0, 1]);
        assert_eq!((f.pairs.tp, f.pairs.fp, f.pairs.fn_), (1, 1, 2));
        assert_eq!(f.exact, 0);
        let f = grouping_figures(&[5, 5, 7], &[0, 0, 1]);
        assert_eq!(f.exact, 2);
    }
}
