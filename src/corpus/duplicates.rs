//! Exact and near-duplicate articles: the same story read twice (two feeds with the same
//! item, a page saved twice) and a wire story republished by several outlets.
//!
//! - **Duplicates** — the same `guid` or URL from the same outlet, or near-identical text from
//!   the same outlet — are one article: the first (in path order) is kept and every other copy is
//!   reported and skipped, so it can neither become a phantom one-article event nor make an
//!   outlet "corroborate" itself.
//! - **Syndicated copies** — near-identical text from different outlets — are kept (each outlet
//!   chose to run the story), reported, and marked in `Article::extra` under
//!   [`SYNDICATED_KEY`] with the other outlets' ids, so later stages and users can tell a
//!   copy from independent corroboration.
//! - Two outlets with the same `guid` or URL are told apart by their text: near-identical text
//!   is a syndicated copy as above; different text is kept twice with a warning (scrapers
//!   often store a site's home page as the URL of every article).
//!
//! Near-identical means a Jaccard similarity of at least [`NEAR_DUPLICATE`] between the sets
//! of word 5-grams (lower-cased). Candidates are found through a bottom-k sketch of each set,
//! so the work stays near-linear in the number of articles.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

use unicode_segmentation::UnicodeSegmentation;

use super::model::Diagnostic;
use super::text::Parsed;

/// `Article::extra` key listing the other outlets that ran the same text.
pub const SYNDICATED_KEY: &str = "syndicated-with";

/// Minimum shingle Jaccard similarity for two texts to count as the same text.
pub const NEAR_DUPLICATE: f64 = 0.9;

const SHINGLE: usize = 5;
const SKETCH: usize = 12;

/// A pair whose sketches estimate a Jaccard similarity below this is not compared in full.
/// Near-identical texts (at least [`NEAR_DUPLICATE`]) fall below it only by a large sampling
/// error; texts that share a sentence or two, as articles of one archive often do, never
/// reach it, and comparing all of them in full cost most of the load time.
const SKETCH_BAR: f64 = 0.5;

/// The bottom-k estimate of the Jaccard similarity of two sets from their sketches (each the
/// `SKETCH` smallest hashes of its set, sorted): the share of the `SKETCH` smallest hashes of
/// the union that are in both (Broder, "On the resemblance and containment of documents",
/// 1997). A hash among the smallest of the union that is in both sets is in both sketches.
fn sketch_jaccard(a: &[u64], b: &[u64]) -> f64 {
    let mut union: Vec<u64> = a.iter().chain(b).copied().collect();
    union.sort_unstable();
    union.dedup();
    union.truncate(SKETCH);
    if union.is_empty() {
        return 1.0;
    }
    let both = union
        .iter()
        .filter(|h| a.binary_search(h).is_ok() && b.binary_search(h).is_ok())
        .count();
    both as f64 / union.len() as f64
}

/// Lists of the sketch index longer than this are not used: boilerplate shared by many
/// articles, not a copied story.
const MAX_LIST: usize = 64;

/// What duplicate removal leaves for updates ([`unchanged_by`]), indexed like its input.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// Each article's bottom-k sketch (the [`SKETCH`] smallest 5-gram hashes, sorted).
    pub sketches: Vec<Vec<u64>>,
    /// Whether the article took part in a duplicate or a syndicated copy (dropped, kept
    /// over a copy, or marked).
    pub related: Vec<bool>,
    /// Whether it was dropped for a guid or URL another article has (it then posts nothing
    /// in the sketch index).
    pub exact: Vec<bool>,
    /// Whether it was dropped (exact or near-identical copy).
    pub dropped: Vec<bool>,
}

/// An article's bottom-k sketch.
pub fn sketch(body: &str) -> Vec<u64> {
    let mut set = shingle_set(body);
    set.truncate(SKETCH);
    // without this each sketch kept the capacity of the whole shingle set: 128 MB of
    // spare capacity on a 40,000-article archive
    set.shrink_to_fit();
    set
}

/// Removes duplicates and marks syndicated copies; see the module documentation.
pub fn dedupe(parsed: Vec<Parsed>, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    dedupe_with_state(parsed, diags).0
}

/// [`dedupe`], also returning what an update needs.
pub fn dedupe_with_state(
    mut parsed: Vec<Parsed>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Parsed>, State) {
    // only a bottom-k sketch per article is kept for the whole corpus (made at parse time for
    // text left on disk); full shingle sets are built for the few candidate pairs, so memory
    // stays small on large archives
    let sketches: Vec<Vec<u64>> = parsed
        .iter_mut()
        .map(|p| match p.sketch.take() {
            Some(s) => s,
            None => sketch(&p.article.text().unwrap_or_default()),
        })
        .collect();
    let mut dropped = vec![false; parsed.len()];
    let mut related = vec![false; parsed.len()];
    let mut syndicated: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();

    // exact keys: guid and URL (see `exact_key_pairs`)
    let shared_key = exact_key_pairs(&parsed, &mut dropped, &mut related, diags);

    let exact = dropped.clone();
    let mut texts = FullSets {
        parsed: &parsed,
        sets: BTreeMap::new(),
    };
    let mut decided: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &(i, j, what) in &shared_key {
        if dropped[i] || dropped[j] {
            continue;
        }
        decided.insert((i, j));
        if texts.jaccard(i, j) >= NEAR_DUPLICATE {
            syndicated.entry(i).or_default().insert(j);
            syndicated.entry(j).or_default().insert(i);
            report_copy(&parsed, i, j, diags);
        } else {
            report_shared_key(&parsed, i, j, what, diags);
        }
    }
    let pairs = candidate_pairs(&sketches, &dropped);
    for (i, j) in pairs.into_iter().map(|(i, j)| (i as usize, j as usize)) {
        if dropped[i]
            || dropped[j]
            || decided.contains(&(i, j))
            || sketch_jaccard(&sketches[i], &sketches[j]) < SKETCH_BAR
        {
            continue;
        }
        let same_outlet = parsed[i].article.outlet == parsed[j].article.outlet;
        let near = texts.jaccard(i, j) >= NEAR_DUPLICATE;
        if same_outlet {
            if let Some(choice) = newer(&parsed, &texts, i, j, near) {
                related[i] = true;
                related[j] = true;
                dropped[choice.dropped] = true;
                report_newer(&parsed, &choice, diags);
            }
            continue;
        }
        if !near {
            continue;
        }
        related[i] = true;
        related[j] = true;
        syndicated.entry(i).or_default().insert(j);
        syndicated.entry(j).or_default().insert(i);
        report_copy(&parsed, i, j, diags);
    }
    drop(texts);

    let outlets: Vec<String> = parsed.iter().map(|p| p.article.outlet.clone()).collect();
    let dropped_all = dropped.clone();
    let kept = parsed
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped[*i])
        .map(|(i, mut p)| {
            if let Some(others) = syndicated.get(&i) {
                let names: BTreeSet<&str> = others
                    .iter()
                    .filter(|&&o| !dropped[o])
                    .map(|&o| outlets[o].as_str())
                    .collect();
                if !names.is_empty() {
                    let list: Vec<&str> = names.into_iter().collect();
                    std::sync::Arc::make_mut(&mut p.article)
                        .extra
                        .insert(SYNDICATED_KEY.to_string(), list.join(", "));
                }
            }
            p
        })
        .collect();
    let state = State {
        sketches,
        related,
        exact,
        dropped: dropped_all,
    };
    (kept, state)
}

/// Articles sharing a guid or URL: the later of a pair from the same outlet is reported and
/// marked dropped; pairs of two outlets (first, later, which key) are returned, to be decided by
/// their text (scrapers often store a site's home page as every article's URL). Both articles
/// of every pair are marked related.
fn exact_key_pairs(
    parsed: &[Parsed],
    dropped: &mut [bool],
    related: &mut [bool],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, usize, &'static str)> {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut shared_key: Vec<(usize, usize, &'static str)> = Vec::new();
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (i, p) in parsed.iter().enumerate() {
        for key in exact_keys(&p.article) {
            let what = if key.starts_with("guid:") {
                "the same guid"
            } else {
                "the same URL"
            };
            let Some(&first) = by_key.get(&key) else {
                by_key.insert(key, i);
                continue;
            };
            related[i] = true;
            related[first] = true;
            if dropped[i] || !seen.insert((first, i)) {
                continue;
            }
            if parsed[first].article.outlet == p.article.outlet {
                report_duplicate(parsed, first, i, what, diags);
                dropped[i] = true;
            } else {
                shared_key.push((first, i, what));
            }
        }
    }
    shared_key
}

/// The exact keys of an article: its guid and its normalised URL.
fn exact_keys(a: &crate::corpus::model::Article) -> impl Iterator<Item = String> {
    [
        a.extra.get("guid").map(|g| format!("guid:{}", g.trim())),
        a.url
            .as_deref()
            .and_then(normalise_url)
            .map(|u| format!("url:{u}")),
    ]
    .into_iter()
    .flatten()
}

/// Whether duplicate removal over `parsed` would keep the `added` articles as they are and
/// decide every other article as it did last time, when the articles of the last run that
/// are gone (`removed`: their sketches) took part in no duplicate: no added article shares
/// a guid or URL with another article or is near-identical to one, and no list of the
/// sketch index crosses [`MAX_LIST`] (which would change the pairs a full run compares).
/// `state` is the last run's, re-indexed to `parsed`; the sketches of added articles are
/// filled in here. The reason when not.
pub fn unchanged_by(
    parsed: &[Parsed],
    state: &mut State,
    added: &[usize],
    removed: &[Vec<u64>],
) -> Result<(), String> {
    let n = parsed.len();
    if [
        state.sketches.len(),
        state.related.len(),
        state.exact.len(),
        state.dropped.len(),
    ]
    .iter()
    .any(|&l| l != n)
    {
        return Err("the stored state does not match the input".into());
    }
    for &a in added {
        state.sketches[a] = match &parsed[a].sketch {
            Some(s) => s.clone(),
            None => sketch(&parsed[a].article.text().unwrap_or_default()),
        };
    }
    let path = |i: usize| parsed[i].article.path.display().to_string();
    // exact keys of the added articles, then whether any other article has one
    let mut keys: HashMap<String, usize> = HashMap::new();
    for &a in added {
        for k in exact_keys(&parsed[a].article) {
            if keys.insert(k, a).is_some() {
                return Err(format!("{} repeats a guid or URL", path(a)));
            }
        }
    }
    if !keys.is_empty() {
        for (i, p) in parsed.iter().enumerate() {
            for k in exact_keys(&p.article) {
                if keys.get(&k).is_some_and(|&a| a != i) {
                    return Err(format!("{} repeats a guid or URL", path(i)));
                }
            }
        }
    }
    // the lists of the sketch index the change touches, with their lengths now and before
    let touched: BTreeSet<u64> = added
        .iter()
        .flat_map(|&a| state.sketches[a].iter().copied())
        .chain(removed.iter().flatten().copied())
        .collect();
    // (a sorted list searched by halves: the scan below looks up every sketched hash of the
    // corpus, 2.5 million at 40,000 articles, and a map's lookups cost several times more)
    let hashes: Vec<u64> = touched.into_iter().collect();
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); hashes.len()];
    let (Some(&lo), Some(&hi)) = (hashes.first(), hashes.last()) else {
        return Ok(());
    };
    for (i, sk) in state.sketches.iter().enumerate() {
        if state.exact[i] {
            continue;
        }
        for h in sk.iter().filter(|&&h| h >= lo && h <= hi) {
            if let Ok(k) = hashes.binary_search(h) {
                lists[k].push(i);
            }
        }
    }
    let list_of = |h: &u64| hashes.binary_search(h).ok().map(|k| &lists[k]);
    for (h, list) in hashes.iter().zip(&lists) {
        let gone = removed
            .iter()
            .filter(|s| s.binary_search(h).is_ok())
            .count();
        let new = added
            .iter()
            .filter(|&&a| state.sketches[a].binary_search(h).is_ok())
            .count();
        let before = list.len() + gone - new;
        if (before > MAX_LIST) != (list.len() > MAX_LIST) {
            return Err("a list of the sketch index crosses its limit".into());
        }
    }
    // near-identical texts among the added articles' candidates
    for &a in added {
        let mut full_a: Option<Vec<u64>> = None;
        let candidates: BTreeSet<usize> = state.sketches[a]
            .iter()
            .filter_map(list_of)
            .filter(|list| list.len() <= MAX_LIST)
            .flatten()
            .copied()
            .filter(|&j| j != a)
            .collect();
        for j in candidates {
            if sketch_jaccard(&state.sketches[a], &state.sketches[j]) < SKETCH_BAR {
                continue;
            }
            let fa = full_a
                .get_or_insert_with(|| shingle_set(&parsed[a].article.text().unwrap_or_default()));
            let fj = shingle_set(&parsed[j].article.text().unwrap_or_default());
            if jaccard(fa, &fj) >= NEAR_DUPLICATE {
                return Err(format!("{} is near-identical to {}", path(a), path(j)));
            }
            if parsed[a].article.outlet == parsed[j].article.outlet && version_of(fa, &fj).is_some()
            {
                return Err(format!(
                    "{} and {} are versions of one story",
                    path(a),
                    path(j)
                ));
            }
        }
    }
    Ok(())
}

/// The full shingle sets of the articles compared so far, made on first use.
struct FullSets<'a> {
    parsed: &'a [Parsed],
    sets: BTreeMap<usize, Vec<u64>>,
}

impl FullSets<'_> {
    /// The shingle Jaccard similarity of articles `i` and `j`. Text on disk is read back; one
    /// that cannot be is an empty set, which matches nothing.
    fn jaccard(&mut self, i: usize, j: usize) -> f64 {
        for k in [i, j] {
            if let std::collections::btree_map::Entry::Vacant(v) = self.sets.entry(k) {
                v.insert(shingle_set(
                    &self.parsed[k].article.text().unwrap_or_default(),
                ));
            }
        }
        match (self.sets.get(&i), self.sets.get(&j)) {
            (Some(a), Some(b)) => jaccard(a, b),
            _ => 0.0,
        }
    }

    /// Whether one of `i` and `j` is an earlier version of the other: `(later, earlier)` when
    /// the smaller text's shingles are at least [`NEAR_DUPLICATE`] contained in the larger's
    /// (a feed's updated entry repeats the first and adds to it). Call after
    /// [`FullSets::jaccard`] of the pair, which makes both sets.
    fn version(&self, i: usize, j: usize) -> Option<(usize, usize)> {
        let (a, b) = (self.sets.get(&i)?, self.sets.get(&j)?);
        version_of(a, b).map(|a_later| if a_later { (i, j) } else { (j, i) })
    }

    /// Whether the shingle sets of `i` and `j` (made by [`FullSets::jaccard`]) are as large.
    fn same_size(&self, i: usize, j: usize) -> bool {
        self.sets.get(&i).map(Vec::len) == self.sets.get(&j).map(Vec::len)
    }
}

/// Of two texts of one outlet, which is kept ([`newer`]) and why.
struct Newer {
    kept: usize,
    dropped: usize,
    why: NewerBy,
}

/// How [`newer`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NewerBy {
    /// The dates differ: the later-dated text is kept, whatever the texts hold.
    Date,
    /// Same date or undated: the text that contains the other and is longer is the update.
    Contains,
    /// Same date or undated, near-identical, neither longer: the first in path order is kept.
    Position,
}

/// Of articles `i` < `j` (path order) of one outlet, which one is the newer version to keep,
/// when they are versions of one story: near-identical (`near`: shingle Jaccard at least
/// [`NEAR_DUPLICATE`]) or one containing the other ([`FullSets::version`]). The later date
/// decides when both are dated and differ; else the longer of two texts one of which
/// contains the other (an update repeats the first version and adds to it); else the first
/// in path order. `None` when they are not versions of one story.
fn newer(parsed: &[Parsed], texts: &FullSets<'_>, i: usize, j: usize, near: bool) -> Option<Newer> {
    let version = texts.version(i, j);
    if !near && version.is_none() {
        return None;
    }
    let pick = |kept: usize, why| Newer {
        kept,
        dropped: i + j - kept,
        why,
    };
    let (di, dj) = (parsed[i].article.date, parsed[j].article.date);
    if let (Some(a), Some(b)) = (di, dj)
        && a != b
    {
        return Some(pick(if a > b { i } else { j }, NewerBy::Date));
    }
    match version {
        Some((later, _)) if !texts.same_size(i, j) => Some(pick(later, NewerBy::Contains)),
        _ => Some(pick(i, NewerBy::Position)),
    }
}

/// Warns that one of two versions of an outlet's story is skipped, saying why ([`newer`]).
fn report_newer(parsed: &[Parsed], c: &Newer, diags: &mut Vec<Diagnostic>) {
    match c.why {
        NewerBy::Position => report_duplicate(
            parsed,
            c.kept,
            c.dropped,
            "near-identical text from the same outlet",
            diags,
        ),
        NewerBy::Contains => report_version(parsed, c.kept, c.dropped, diags),
        NewerBy::Date => report_dated(parsed, c.kept, c.dropped, diags),
    }
}

/// How a warning names the article it skips: its title in quotes, or "this article".
fn this_article(d: &crate::corpus::model::Article) -> String {
    if d.title.trim().is_empty() {
        "this article".to_string()
    } else {
        format!("'{}'", d.title.trim())
    }
}

/// Warns that `older`, dated before `kept` (the same outlet's text, near-identical to it or
/// one of the two containing the other), is skipped for the later-dated version.
fn report_dated(parsed: &[Parsed], kept: usize, older: usize, diags: &mut Vec<Diagnostic>) {
    let (k, d) = (&parsed[kept].article, &parsed[older].article);
    let this = this_article(d);
    let day = |a: &crate::corpus::model::Article| a.date.map(|x| x.to_string()).unwrap_or_default();
    diags.push(Diagnostic::warning(
        &d.path,
        line_of(d),
        format!(
            "{this} (dated {}) is an earlier version of {} at {} (dated {}), the same \
             outlet's story with near-identical or overlapping text; the later-dated version \
             is kept, even when it is the shorter (a correction or a brief can cut text), \
             and this one skipped",
            day(d),
            named(k),
            place(k, d),
            day(k),
        ),
    ));
}

/// Whether one of two shingle sets contains the other at [`NEAR_DUPLICATE`] or more (the
/// share of the smaller set's shingles found in the larger): `Some(true)` when `a` is the
/// later (larger) version, `Some(false)` when `b` is; `None` when neither contains the other.
/// Of two sets of one size, the second is the later.
fn version_of(a: &[u64], b: &[u64]) -> Option<bool> {
    let small = a.len().min(b.len());
    if small == 0 {
        return None;
    }
    let inter = intersection(a, b);
    (inter as f64 / small as f64 >= NEAR_DUPLICATE).then_some(a.len() > b.len())
}

/// Warns that `earlier` is an earlier version of `later`, the same outlet's story whose text
/// repeats it and adds to it ([`FullSets::version`]), and is skipped.
fn report_version(parsed: &[Parsed], later: usize, earlier: usize, diags: &mut Vec<Diagnostic>) {
    let (k, d) = (&parsed[later].article, &parsed[earlier].article);
    let this = this_article(d);
    let at = if k.path == d.path && line_of(k).is_none() {
        " in this file".to_string()
    } else {
        format!(" at {}", place(k, d))
    };
    diags.push(Diagnostic::warning(
        &d.path,
        line_of(d),
        format!(
            "{this} is an earlier version of {}{at}, which repeats its text and adds to it; \
             the later version is kept and this one skipped",
            named(k),
        ),
    ));
}

/// The line an article of a structured file (JSON list item, JSON Lines record) starts on.
fn line_of(a: &crate::corpus::model::Article) -> Option<usize> {
    match &a.origin {
        super::model::TextOrigin::Field { line, .. } => Some(*line),
        _ => None,
    }
}

/// Where `a` is, as seen from a diagnostic about `from`: "line 222" in the same file, else its
/// path with the line when it has one (`dir/list.json:3`).
fn place(a: &crate::corpus::model::Article, from: &crate::corpus::model::Article) -> String {
    match (a.path == from.path, line_of(a)) {
        (true, Some(line)) => format!("line {line}"),
        (true, None) => "an earlier entry of this file".to_string(),
        (false, Some(line)) => format!("{}:{line}", a.path.display()),
        (false, None) => a.path.display().to_string(),
    }
}

/// An article named for a reader: its quoted title and outlet, or only the outlet when it has
/// no title (never an empty `''`).
fn named(a: &crate::corpus::model::Article) -> String {
    let title = a.title.trim();
    if title.is_empty() {
        format!("the article of outlet '{}'", a.outlet)
    } else {
        format!("'{title}' (outlet '{}')", a.outlet)
    }
}

/// The key two articles share, for a reader: "the same URL (https://…)" or "the same guid (…)".
fn shared_key_text(a: &crate::corpus::model::Article, what: &str) -> String {
    let value = if what.contains("guid") {
        a.extra.get("guid").map(|g| g.trim().to_string())
    } else {
        a.url.as_deref().map(|u| u.trim().to_string())
    };
    match value {
        Some(v) if !v.is_empty() => format!("{what} ({v})"),
        _ => what.to_string(),
    }
}

/// Warns that `copy` is a syndicated copy of `first` (near-identical text, another outlet).
fn report_copy(parsed: &[Parsed], first: usize, copy: usize, diags: &mut Vec<Diagnostic>) {
    let (a, b) = (&parsed[first].article, &parsed[copy].article);
    diags.push(Diagnostic::warning(
        &b.path,
        line_of(b),
        format!(
            "near-identical to {} at {}: a syndicated copy; both are kept and marked '{SYNDICATED_KEY}'",
            named(a),
            place(a, b),
        ),
    ));
}

/// Warns that two articles of different outlets with different texts share a guid or URL.
fn report_shared_key(
    parsed: &[Parsed],
    first: usize,
    other: usize,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let (a, b) = (&parsed[first].article, &parsed[other].article);
    diags.push(Diagnostic::warning(
        &b.path,
        line_of(b),
        format!(
            "has {} as {} at {} but another outlet and different text; both are kept (is \
             the URL a site's home page?)",
            shared_key_text(b, what),
            named(a),
            place(a, b),
        ),
    ));
}

/// Warns that `dup` repeats `kept` (same outlet) and is skipped.
fn report_duplicate(
    parsed: &[Parsed],
    kept: usize,
    dup: usize,
    why: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let (k, d) = (&parsed[kept].article, &parsed[dup].article);
    let why = if why.starts_with("the same") {
        shared_key_text(d, why)
    } else {
        why.to_string()
    };
    let this = this_article(d);
    diags.push(Diagnostic::warning(
        &d.path,
        line_of(d),
        format!(
            "{this} is a duplicate of {} ({why}); this copy is skipped",
            place(k, d)
        ),
    ));
}

/// A URL reduced to what identifies the page: no fragment, no trailing slash, no `utm_`
/// tracking parameters, scheme and host in lower case.
fn normalise_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let url = url.split('#').next().unwrap_or(url);
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let base = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            format!(
                "{}://{}/{}",
                scheme.to_ascii_lowercase(),
                host.to_ascii_lowercase().trim_start_matches("www."),
                path
            )
        }
        None => base.to_string(),
    };
    let mut out = base.trim_end_matches('/').to_string();
    let params: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("utm_"))
        .collect();
    if !params.is_empty() {
        out.push('?');
        out.push_str(&params.join("&"));
    }
    Some(out)
}

/// Pairs of articles not yet dropped that share an entry of their sketches, each once, in
/// order; an entry shared by more than 64 articles is boilerplate, not a copied story, and
/// makes no pairs. The postings are one sorted list of (hash, article) of 12 bytes each
/// (a map of lists cost about 60 bytes an entry: 0.5 GB on a 700,000-article dump).
fn candidate_pairs(sketches: &[Vec<u64>], dropped: &[bool]) -> Vec<(u32, u32)> {
    // (hash high word, hash low word, article): 12 bytes, where (u64, u32) is padded to 16
    let mut postings: Vec<[u32; 3]> = Vec::new();
    for (i, sketch) in sketches.iter().enumerate() {
        if dropped[i] {
            continue;
        }
        let Ok(i) = u32::try_from(i) else { break };
        postings.extend(sketch.iter().map(|&h| [(h >> 32) as u32, h as u32, i]));
    }
    postings.sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for list in postings.chunk_by(|a, b| a[..2] == b[..2]) {
        if list.len() > MAX_LIST {
            continue;
        }
        for (x, a) in list.iter().enumerate() {
            for b in &list[x + 1..] {
                let (i, j) = (a[2], b[2]);
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    drop(postings);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Hashes of the lower-cased word 5-grams of `text` (the whole text when shorter), sorted
/// and deduplicated.
fn shingle_set(text: &str) -> Vec<u64> {
    let words: Vec<String> = text.unicode_words().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let n = SHINGLE.min(words.len());
    let mut out: Vec<u64> = words
        .windows(n)
        .map(|w| {
            // a fixed-key hasher: the same text gives the same sketch in every run
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted, deduplicated hash lists.
fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let inter = intersection(a, b);
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// The number of hashes two sorted, deduplicated lists share.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::fields::Fields;
    use crate::corpus::model::TextOrigin;
    use std::path::Path;

    fn parsed(path: &str, outlet: &str, url: Option<&str>, body: &str) -> Parsed {
        Fields {
            outlet: Some(outlet.into()),
            title: Some(format!("{outlet} story")),
            url: url.map(str::to_string),
            ..Fields::default()
        }
        .into_parsed(
            Path::new(path),
            outlet.into(),
            body.into(),
            TextOrigin::Extracted,
            None,
        )
    }

    const STORY: &str = "Ukraine said on Tuesday it was ready to accept a 30-day ceasefire \
        proposed by the United States, and Washington said it would resume military aid and \
        intelligence sharing with Kyiv at once.";

    #[test]
    fn same_url_is_one_article() {
        let mut d = Vec::new();
        let out = dedupe(
            vec![
                parsed(
                    "a.rss",
                    "wire",
                    Some("https://www.Example.org/x/?utm_source=rss"),
                    STORY,
                ),
                parsed(
                    "b.rss",
                    "wire",
                    Some("https://example.org/x#top"),
                    "Other words here.",
                ),
            ],
            &mut d,
        );
        assert_eq!(out.len(), 1);
        assert!(d[0].message.contains("same URL"), "{}", d[0]);
        assert_eq!(d[0].path, Path::new("b.rss"));
    }

    #[test]
    fn diagnostics_about_records_of_one_file_name_lines_url_and_no_empty_title() {
        let record = |line: usize, outlet: &str, title: &str, body: &str| {
            let mut p = parsed(
                "d/articles.jsonl",
                outlet,
                Some("https://apnews.com/a0f7cf"),
                body,
            );
            let a = std::sync::Arc::make_mut(&mut p.article);
            a.origin = TextOrigin::Field {
                field: "text".into(),
                line,
            };
            a.title = title.to_string();
            p
        };
        let mut d = Vec::new();
        dedupe(
            vec![
                record(222, "ap-politics", "Fact check", STORY),
                record(
                    226,
                    "newsweek",
                    "",
                    "Something else entirely happened in Paris.",
                ),
                record(230, "ap-politics", "", "Other words here."),
            ],
            &mut d,
        );
        assert_eq!(d.len(), 2, "{d:?}");
        let shared = d
            .iter()
            .find(|x| x.line == Some(226))
            .expect("line 226")
            .to_string();
        let dup = d
            .iter()
            .find(|x| x.line == Some(230))
            .expect("line 230")
            .to_string();
        assert!(
            shared.contains(
                "d/articles.jsonl:226: has the same URL (https://apnews.com/a0f7cf) as \
             'Fact check' (outlet 'ap-politics') at line 222"
            ),
            "{shared}"
        );
        assert!(
            dup.contains(":230: this article is a duplicate of line 222 (the same URL"),
            "{dup}"
        );
        assert!(!dup.contains("''") && !shared.contains("''"), "{dup}");
    }

    #[test]
    fn a_url_shared_by_two_outlets_drops_nothing() {
        let home = Some("https://www.example.com/");
        let mut d = Vec::new();
        let out = dedupe(
            vec![
                parsed(
                    "e/other.md",
                    "other",
                    home,
                    "Something completely different happened in Paris today.",
                ),
                parsed("e/yahoo.md", "yahoo", home, STORY),
            ],
            &mut d,
        );
        assert_eq!(out.len(), 2, "{d:?}");
        assert!(out.iter().all(|p| p.article.extra.is_empty()));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message.contains("same URL") && d[0].message.contains("both are kept"),
            "{}",
            d[0]
        );
        // the same text at the same URL from another outlet is a syndicated copy, kept and
        // marked, reported once
        let mut d = Vec::new();
        let out = dedupe(
            vec![
                parsed("e/ap.md", "ap", home, STORY),
                parsed("e/yahoo.md", "yahoo", home, STORY),
            ],
            &mut d,
        );
        assert_eq!(out.len(), 2, "{d:?}");
        assert_eq!(
            out[0].article.extra.get(SYNDICATED_KEY).map(String::as_str),
            Some("yahoo")
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("syndicated copy"), "{}", d[0]);
    }

    #[test]
    fn near_identical_text_of_one_outlet_is_a_duplicate_of_others_a_copy() {
        let edited = STORY.replace("at once", "immediately");
        let mut d = Vec::new();
        let out = dedupe(
            vec![
                parsed("a.md", "daily-news", None, STORY),
                parsed("b.md", "daily-news", None, &format!("{STORY} ")),
                parsed("c.md", "metro", None, STORY),
                parsed("d.md", "herald", None, &edited),
            ],
            &mut d,
        );
        let kept: Vec<&str> = out.iter().map(|p| p.article.outlet.as_str()).collect();
        assert_eq!(kept, ["daily-news", "metro", "herald"], "{d:?}");
        // one word changed at the end is still the same text
        assert_eq!(
            out[0].article.extra.get(SYNDICATED_KEY).map(String::as_str),
            Some("herald, metro")
        );
        // a rewritten story is not a copy
        let rewritten = "Kyiv agreed to the American plan for a month-long truce on Tuesday, \
            and the United States lifted its pause on weapons deliveries and shared intelligence.";
        let out = dedupe(
            vec![
                parsed("a.md", "daily-news", None, STORY),
                parsed("e.md", "metro", None, rewritten),
            ],
            &mut Vec::new(),
        );
        assert!(out.iter().all(|p| p.article.extra.is_empty()));
        assert!(d.iter().any(|x| x.message.contains("duplicate")));
        assert!(d.iter().any(|x| x.message.contains("syndicated")));
    }

    #[test]
    fn an_outlets_earlier_version_is_skipped_for_the_later_one() {
        // a feed's first entry and its update, which repeats it and adds a sentence
        // (tester s15 item 16); another outlet's report of the same story is kept
        let first = "The ceasefire between Israel and Hamas held for a second day on Saturday. \
            Aid trucks entered Gaza through the Kerem Shalom crossing.";
        let update = format!("{first} Egyptian mediators met both sides in Cairo.");
        let other = "Egyptian mediators met both sides in Cairo as the ceasefire held.";
        let mut d = Vec::new();
        let (out, state) = dedupe_with_state(
            vec![
                parsed("a.md", "wire", None, first),
                parsed("b.md", "wire", None, &update),
                parsed("c.md", "other", None, other),
            ],
            &mut d,
        );
        let kept: Vec<&str> = out
            .iter()
            .map(|p| p.article.path.to_str().unwrap())
            .collect();
        assert_eq!(kept, ["b.md", "c.md"], "{d:?}");
        assert_eq!(state.dropped, [true, false, false]);
        assert_eq!(state.related, [true, true, false]);
        assert!(
            d.iter().any(|x| x.message.contains("earlier version")),
            "{d:?}"
        );
        // of two outlets, neither is dropped: another outlet's fuller text is not an update
        let out = dedupe(
            vec![
                parsed("a.md", "wire", None, first),
                parsed("b.md", "metro", None, &update),
            ],
            &mut Vec::new(),
        );
        assert_eq!(out.len(), 2);
        // an update added to a corpus that holds the first version is not left to an
        // incremental update
        let all = [
            parsed("a.md", "wire", None, first),
            parsed("b.md", "wire", None, &update),
        ];
        let mut st = State {
            sketches: vec![sketch(first), Vec::new()],
            related: vec![false; 2],
            exact: vec![false; 2],
            dropped: vec![false; 2],
        };
        let why = unchanged_by(&all, &mut st, &[1], &[]).unwrap_err();
        assert!(why.contains("versions"), "{why}");
    }
}

#[cfg(test)]
mod newer_tests {
    use super::*;
    use crate::corpus::model::TextOrigin;
    use std::path::Path;

    fn dated(path: &str, date: Option<&str>, body: &str) -> Parsed {
        let mut p = crate::corpus::fields::Fields {
            outlet: Some("wire".into()),
            title: Some(path.into()),
            ..Default::default()
        }
        .into_parsed(
            Path::new(path),
            "wire".into(),
            body.into(),
            TextOrigin::Extracted,
            None,
        );
        std::sync::Arc::make_mut(&mut p.article).date = date.map(|d| d.parse().unwrap());
        p
    }

    /// Three paragraphs, long enough that one added sentence keeps the Jaccard above 0.9.
    fn story() -> String {
        let mut s = String::new();
        for k in 0..12 {
            s.push_str(&format!(
                "Sentence number {k} of the obituary says Colin Powell served as the first Black \
                 secretary of state and chairman of the Joint Chiefs. "
            ));
        }
        s
    }

    fn kept(list: Vec<Parsed>) -> (Vec<String>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let out = dedupe(list, &mut d);
        let paths = out
            .iter()
            .map(|p| p.article.path.display().to_string())
            .collect();
        (paths, d)
    }

    #[test]
    fn an_update_adding_one_sentence_is_kept_whatever_the_path_order() {
        // tester s16 item 7: near-identical (Jaccard >= 0.9), the first in path order is the
        // first version; the update, which contains it, is kept
        let first = story();
        let update = format!("{first} He is survived by his wife Alma.");
        for day in [None, Some("2021-10-18")] {
            let (out, d) = kept(vec![
                dated("center-v1.md", day, &first),
                dated("center.md", day, &update),
            ]);
            assert_eq!(out, ["center.md"], "{d:?}");
            assert!(d[0].message.contains("earlier version"), "{d:?}");
        }
        // an exact copy: the first in path order, as before
        let (out, d) = kept(vec![
            dated("a.md", None, &first),
            dated("b.md", None, &first),
        ]);
        assert_eq!(out, ["a.md"]);
        assert!(d[0].message.contains("duplicate"), "{d:?}");
    }

    #[test]
    fn the_later_date_decides() {
        // tester s16 item 25: the shorter text dated two days later is no earlier version
        let full = story();
        let lede: String = full.split(". ").take(4).collect::<Vec<_>>().join(". ");
        let (out, d) = kept(vec![
            dated("reuters-early.md", Some("2021-10-20"), &lede),
            dated("reuters-late.md", Some("2021-10-18"), &full),
        ]);
        assert_eq!(out, ["reuters-early.md"], "{d:?}");
        let m = &d[0].message;
        assert!(
            m.contains("(dated 2021-10-18) is an earlier version"),
            "{m}"
        );
        assert!(m.contains("(dated 2021-10-20)"), "{m}");
        assert_eq!(d[0].path, Path::new("reuters-late.md"));
        // dated the other way round: the fuller, later text is kept
        let (out, _) = kept(vec![
            dated("a.md", Some("2021-10-18"), &lede),
            dated("b.md", Some("2021-10-19"), &full),
        ]);
        assert_eq!(out, ["b.md"]);
        // near-identical texts a day apart: the later one, also when it sorts first
        let update = format!("{full} He is survived by his wife Alma.");
        let (out, _) = kept(vec![
            dated("a.md", Some("2021-10-19"), &full),
            dated("b.md", Some("2021-10-18"), &update),
        ]);
        assert_eq!(out, ["a.md"]);
    }
}
