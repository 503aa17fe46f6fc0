//! The fuzzy picker behind `:` (events) and `/` (events, outlets and claims).
//!
//! Each keystroke re-ranks the items. When the query only grew, only the previous matches are
//! scored again (a fuzzy match of "abc" is also a match of "ab"), which keeps typing instant
//! on corpora with tens of thousands of events. The sentences of the corpus (hundreds of
//! thousands on an archive) are not items: search asks their word index
//! ([`crate::app::search_index`]) and builds rows only for the matches it shows.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::analysis::{ClaimId, Comparison};
use crate::app::search_index::{TYPO_MIN_CHARS, low, one_edit_prefix};
use crate::corpus::Corpus;
use crate::ui::sanitize::clean;

/// Rows with highlighted match positions; the rest are ranked but not highlighted.
const HIGHLIGHTED: usize = 200;

/// At most this many rows are ranked and listed ([`Picker::matched`] counts them all): the
/// best by score, ties in item order.
pub const MAX_ROWS: usize = 1000;

/// What choosing a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickTarget {
    Event(usize),
    Outlet(usize),
    Claim(ClaimId),
    /// A claim of another event that has been analysed: (event index, claim id there).
    EventClaim(usize, ClaimId),
    /// A sentence of an event not analysed yet: its index in the text index
    /// (`engine::TextIndex::sentences`).
    EventSentence(usize),
    /// An annotation of this event whose claim text is no longer in the articles: nothing to
    /// jump to; choosing it says so.
    Orphan,
}

/// True when events `a` and `b` make the same event picker row ([`Picker::event_item`]
/// reads the id, title, date and number of outlets).
fn same_row(a: &crate::corpus::Event, b: &crate::corpus::Event) -> bool {
    a.id == b.id
        && a.title == b.title
        && a.date == b.date
        && a.articles.len() == b.articles.len()
        && a.articles
            .iter()
            .zip(&b.articles)
            .all(|(x, y)| x.outlet == y.outlet)
}

/// One pickable row, with its text already made safe to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PickItem {
    pub target: PickTarget,
    /// The text matched and shown.
    pub label: String,
    /// More words the event picker (`:`) finds the row by, not shown: an event's id, its
    /// outlets' ids (tester report 24, finding 7) and their names from `outlets.toml`.
    /// Empty for other rows.
    pub keys: String,
    /// Grey context after the label (date, outlet).
    pub detail: String,
}

/// One ranked row.
#[derive(Debug, Clone, PartialEq)]
pub struct PickMatch {
    pub item: usize,
    pub score: i64,
    /// Character positions of matched characters in `label` (top rows only).
    pub positions: Vec<usize>,
}

/// `:` picks events only; `/` searches events, outlets and claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerMode {
    Events,
    Search,
    /// The annotated clusters of the open event (`N`).
    Annotations,
}

/// Picker state: the query and its ranked matches.
#[derive(Clone)]
pub struct Picker {
    pub mode: PickerMode,
    pub query: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub items: Arc<Vec<PickItem>>,
    /// The best matches (at most [`MAX_ROWS`]); `item` counts `items`, then the sentences.
    pub matches: Vec<PickMatch>,
    /// How many rows match the query (all of them, not only those in `matches`).
    pub matched: usize,
    pub selected: usize,
    /// Items matching `query` (all of them, unranked), for narrowing on the next keystroke.
    candidates: Vec<u32>,
    /// True when a word query (`/`) matched nothing exactly and the rows shown are the
    /// approximate matches of [`approx_match`] and the index's typo and fuzzy search (the
    /// search line says so).
    approximate: bool,
    matcher: Arc<SkimMatcherV2>,
    /// The text index searched after the items: row `items.len() + d` is its row `d`.
    sentences: Option<Sentences>,
}

/// The rows of the corpus's text index as the picker searches them.
#[derive(Clone)]
struct Sentences {
    index: Arc<crate::app::engine::TextIndex>,
    /// Per event: true when its sentences are left out (its claims are items already).
    skip: Arc<Vec<bool>>,
    /// The open event, whose headlines are left out (its outlets are items).
    open: Option<usize>,
    /// Rows not left out.
    count: usize,
}

impl Sentences {
    fn accepts(&self, d: u32) -> bool {
        use crate::app::engine::TextRow;
        match self.index.row(d as usize) {
            TextRow::Event(_) => true,
            TextRow::Headline { event, .. } => Some(event) != self.open,
            TextRow::Sentence(i) => self
                .index
                .sentences
                .get(i)
                .is_some_and(|s| !self.skip.get(s.event).copied().unwrap_or(false)),
        }
    }

    /// Row `d` as a picker row.
    fn item(&self, d: usize) -> Option<PickItem> {
        use crate::app::engine::TextRow;
        let corpus = &self.index.corpus;
        match self.index.row(d) {
            TextRow::Event(i) => Some(Picker::event_item(
                i,
                corpus.events.get(i)?,
                &corpus.outlets,
            )),
            TextRow::Headline { event, article } => {
                let e = corpus.events.get(event)?;
                Some(Picker::headline_item(
                    corpus,
                    event,
                    e,
                    e.articles.get(article)?,
                ))
            }
            TextRow::Sentence(i) => {
                let s = self.index.sentences.get(i)?;
                Some(PickItem {
                    keys: String::new(),
                    target: PickTarget::EventSentence(i),
                    label: clean(&s.text).into_owned(),
                    detail: format!(
                        "sentence · {} · {}",
                        clean(&corpus.outlet_name(&s.outlet)),
                        corpus
                            .events
                            .get(s.event)
                            .map(|e| short_id(&clean(&e.id)))
                            .unwrap_or_default()
                    ),
                })
            }
        }
    }
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picker")
            .field("mode", &self.mode)
            .field("query", &self.query)
            .field("items", &self.items.len())
            .field("matches", &self.matches.len())
            .field("matched", &self.matched)
            .field("sentences", &self.sentences.as_ref().map_or(0, |s| s.count))
            .field("selected", &self.selected)
            .finish()
    }
}

/// Every word of `query` at the start of a word of `label` (case-insensitive), in any order.
/// Returns a score (whole words and early matches rank higher) and the matched character
/// positions.
pub fn word_match(label: &str, query: &str) -> Option<(i64, Vec<usize>)> {
    let text: Vec<char> = label.chars().map(low).collect();
    let starts: Vec<usize> = (0..text.len())
        .filter(|&i| text[i].is_alphanumeric() && (i == 0 || !text[i - 1].is_alphanumeric()))
        .collect();
    each_term(query, |term| {
        let at = starts
            .iter()
            .copied()
            .filter(|&s| text.get(s..s + term.len()) == Some(term))
            // A whole word beats a prefix ("win" before "window").
            .min_by_key(|&s| {
                let whole = text
                    .get(s + term.len())
                    .is_none_or(|c| !c.is_alphanumeric());
                (!whole, s)
            })?;
        let whole = text
            .get(at + term.len())
            .is_none_or(|c| !c.is_alphanumeric());
        let score = if whole { 100 } else { 40 } - (at.min(39) as i64);
        Some((score, (at..at + term.len()).collect()))
    })
}

/// What an event picker row's word match adds to its score: every row whose title, id or
/// outlet ids have words starting with the query's words ranks above every row matched by
/// scattered letters only.
const WORD_FIRST: i64 = 1_000_000;

/// An event picker row (`:`) against `query`: the words of its title, id and outlets
/// ([`PickItem::keys`]) starting with the query's words ([`word_match`], scored
/// [`WORD_FIRST`] up), else skim's scattered-letter match over the title (tester report
/// 24, finding 7: "raisi" put r…a…i…s…i in another title first). The positions are those in
/// the label (the title), for highlighting.
fn event_match(matcher: &SkimMatcherV2, item: &PickItem, query: &str) -> Option<(i64, Vec<usize>)> {
    let hay;
    let text = if item.keys.is_empty() {
        item.label.as_str()
    } else {
        hay = format!("{} {}", item.label, item.keys);
        hay.as_str()
    };
    // scattered letters in the title only: over the id and outlet ids too they match
    // nearly every event (107 of 109 for "raisi")
    let (score, positions) = match word_match(text, query) {
        Some((s, p)) => (WORD_FIRST + s, p),
        None => matcher.fuzzy_indices(&item.label, query)?,
    };
    let shown = item.label.chars().count();
    Some((
        score,
        positions.into_iter().filter(|&p| p < shown).collect(),
    ))
}

/// True when `text` holds every phrase quoted in `query` (`"no concessions"`; an unclosed
/// quote runs to the end): its words next to each other, in order, the last one as a word's
/// start (it may still be being typed). Case and punctuation between words do not count.
pub fn has_phrases(text: &str, query: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().map(low).collect())
            .collect()
    };
    let mut phrases = query.split('"').skip(1).step_by(2).map(words);
    if !phrases.clone().any(|p| !p.is_empty()) {
        return true;
    }
    let hay = words(text);
    phrases.all(|p| {
        p.is_empty()
            || hay.windows(p.len()).any(|w| {
                w.iter().zip(&p).enumerate().all(|(k, (h, q))| {
                    if k + 1 == p.len() {
                        h.starts_with(q.as_str())
                    } else {
                        h == q
                    }
                })
            })
    })
}

/// Sums `term_match` over the words of `query` (lowercased): `None` when a word does not
/// match or there is none; else the summed score and every matched position, sorted, once.
fn each_term(
    query: &str,
    mut term_match: impl FnMut(&[char]) -> Option<(i64, Vec<usize>)>,
) -> Option<(i64, Vec<usize>)> {
    let mut score = 0i64;
    let mut positions = Vec::new();
    let mut any = false;
    for term in query.split_whitespace() {
        any = true;
        let term: Vec<char> = term.chars().map(low).collect();
        let (s, p) = term_match(&term)?;
        score += s;
        positions.extend(p);
    }
    any.then(|| {
        positions.sort_unstable();
        positions.dedup();
        (score, positions)
    })
}

/// The approximate match of a word query that matched nothing exactly: every word of `query`
/// must meet a word of `label` (case-insensitive, in any order) by, from best to worst,
/// starting it (100 whole, 40 prefix, as [`word_match`]), being one typo from its start (30;
/// words of at least [`TYPO_MIN_CHARS`] characters: one character wrong, missing, extra or
/// two neighbours swapped, [`one_edit_prefix`]) or matching it by skim, letters in order
/// (20) — each minus the word's position (at most 39), as the text index scores its typo
/// matches. Returns the summed score and the matched character positions.
pub fn approx_match(
    label: &str,
    query: &str,
    matcher: &SkimMatcherV2,
) -> Option<(i64, Vec<usize>)> {
    let words = label_words(label);
    each_term(query, |term| {
        let typo_ok = term.len() >= TYPO_MIN_CHARS && term.iter().all(|c| c.is_alphanumeric());
        let term_text: String = term.iter().collect();
        let (score, at, hit) = words
            .iter()
            .filter_map(|(at, word)| {
                let pos = (*at).min(39) as i64;
                let (base, hit): (i64, Vec<usize>) = if word.starts_with(term) {
                    let base = if word.len() == term.len() { 100 } else { 40 };
                    (base, (0..term.len()).collect())
                } else if typo_ok && one_edit_prefix(term, &word[..word.len().min(term.len() + 1)])
                {
                    (30, (0..term.len().min(word.len())).collect())
                } else {
                    skim_word(matcher, word, &term_text).map(|h| (20, h))?
                };
                Some((base - pos, *at, hit))
            })
            // best score, then the earliest word
            .min_by_key(|(s, at, _)| (-s, *at))?;
        Some((score, hit.into_iter().map(|i| at + i).collect()))
    })
}

/// The words of `label` (alphanumeric runs, lowercased one character for one): each with
/// its character position.
fn label_words(label: &str) -> Vec<(usize, Vec<char>)> {
    let mut out: Vec<(usize, Vec<char>)> = Vec::new();
    let mut prev_alnum = false;
    for (i, c) in label.chars().map(low).enumerate() {
        let alnum = c.is_alphanumeric();
        match (alnum, prev_alnum, out.last_mut()) {
            (true, true, Some((_, w))) => w.push(c),
            (true, _, _) => out.push((i, vec![c])),
            _ => {}
        }
        prev_alnum = alnum;
    }
    out
}

/// Skim's match of `term` inside one `word`: the matched positions in the word. Words that
/// do not hold `term`'s letters in order are passed over before skim is asked (most words:
/// this keeps the fallback within a frame).
fn skim_word(matcher: &SkimMatcherV2, word: &[char], term: &str) -> Option<Vec<usize>> {
    let mut rest = word.iter();
    if !term.chars().all(|t| rest.any(|&c| c == t)) {
        return None;
    }
    let text: String = word.iter().collect();
    let (_, at) = matcher.fuzzy_indices(&text, term)?;
    Some(at)
}

/// The display name of outlet `id` (from the corpus's outlet metadata), sanitised; the id
/// itself when there is no corpus.
fn outlet_label(corpus: Option<&Corpus>, id: &str) -> String {
    let name = corpus.map_or_else(|| id.to_string(), |c| c.outlet_name(id));
    clean(&name).into_owned()
}

/// An id as the picker shows it: a UUID or hash (BASIL's triplet ids) shortened to its first
/// eight characters, so it does not take the title's room; readable ids stay whole.
/// True when `id` is `date` and the start of `title` in slug form (lower case, words joined
/// by `-`), as dataset converters name events: it tells nothing the row does not show.
fn id_repeats_title(id: &str, date: &str, title: &str) -> bool {
    let Some(rest) = id.strip_prefix(date).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    let slug = title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    !rest.is_empty() && slug.starts_with(rest)
}

pub fn short_id(id: &str) -> String {
    let hexish = id.len() >= 24 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if hexish {
        format!("{}…", &id[..8])
    } else {
        id.to_string()
    }
}

impl Picker {
    /// A picker over `items` with an empty query (everything listed in order, the first
    /// [`MAX_ROWS`] of it).
    pub fn new(mode: PickerMode, items: Vec<PickItem>) -> Picker {
        let mut p = Picker {
            mode,
            query: String::new(),
            cursor: 0,
            candidates: (0..items.len() as u32).collect(),
            items: Arc::new(items),
            matches: Vec::new(),
            matched: 0,
            selected: 0,
            matcher: Arc::new(SkimMatcherV2::default().smart_case()),
            sentences: None,
            approximate: false,
        };
        p.rank(false);
        p
    }

    /// Adds the rows of the corpus's text index (every event title, headline and sentence)
    /// to what search reaches, after the items, and re-ranks. Left out: the headlines of the
    /// `open` event and the sentences of the `analysed` events (their outlets and claims are
    /// items). The items should then not list events and headlines themselves
    /// ([`Picker::claim_items`]).
    pub fn with_text_index(
        mut self,
        index: Arc<crate::app::engine::TextIndex>,
        open: Option<usize>,
        analysed: &std::collections::BTreeSet<usize>,
    ) -> Picker {
        let mut left_out = vec![false; index.corpus.events.len()];
        for &e in analysed {
            if let Some(l) = left_out.get_mut(e) {
                *l = true;
            }
        }
        let mut rows = Sentences {
            index,
            skip: Arc::new(left_out),
            open,
            count: 0,
        };
        rows.count = (0..rows.index.rows() as u32)
            .filter(|&d| rows.accepts(d))
            .count();
        self.sentences = Some(rows);
        self.rank(false);
        self
    }

    /// Rows searched: the items and the text index's rows.
    pub fn len(&self) -> usize {
        self.items.len() + self.sentences.as_ref().map_or(0, |s| s.count)
    }

    /// True when there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i` of a match ([`PickMatch::item`]): an item, or a text index row made into one.
    pub fn item(&self, i: usize) -> Option<std::borrow::Cow<'_, PickItem>> {
        if let Some(it) = self.items.get(i) {
            return Some(std::borrow::Cow::Borrowed(it));
        }
        let s = self.sentences.as_ref()?;
        s.item(i - self.items.len()).map(std::borrow::Cow::Owned)
    }

    /// Items for the event picker: every event of the corpus.
    pub fn event_items(corpus: &Corpus) -> Vec<PickItem> {
        corpus
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| Self::event_item(i, e, &corpus.outlets))
            .collect()
    }

    /// [`Picker::event_items`] of `corpus`, each event's row taken from `items` (the rows of
    /// `before`, a corpus it was changed from) where `before` holds the event unchanged (same
    /// id, title, date and outlets in order): after a change of an archive's files the UI
    /// thread makes only the rows of the events the change made, not 13,000. The same rows
    /// as [`Picker::event_items`]; `items` not made of `before` are all made again, and so
    /// are all rows when `outlets.toml` changed (a row finds its event by its outlets' names).
    pub fn event_items_reusing(
        corpus: &Corpus,
        before: &Corpus,
        items: Arc<Vec<PickItem>>,
    ) -> Vec<PickItem> {
        let mut old = Arc::unwrap_or_clone(items);
        let of_before = old.len() == before.events.len()
            && corpus.outlets == before.outlets
            && old
                .iter()
                .enumerate()
                .all(|(k, it)| it.target == PickTarget::Event(k));
        if !of_before {
            return Self::event_items(corpus);
        }
        let mut taken = vec![false; old.len()];
        let mut by_id: Option<std::collections::HashMap<&str, usize>> = None;
        // (events keep their order across a change: the row of event `j` is most often that
        // of `before`'s event `j + shift`, looked up by id only where it is not)
        let mut shift = 0isize;
        let mut rows = Vec::with_capacity(corpus.events.len());
        for (j, e) in corpus.events.iter().enumerate() {
            let same = |k: usize| before.events.get(k).is_some_and(|b| same_row(b, e));
            let at = j
                .checked_add_signed(shift)
                .filter(|&k| same(k))
                .or_else(|| {
                    let ids = by_id.get_or_insert_with(|| {
                        let ids = before.events.iter().enumerate();
                        ids.map(|(k, b)| (b.id.as_str(), k)).collect()
                    });
                    ids.get(e.id.as_str()).copied().filter(|&k| same(k))
                });
            match at.filter(|&k| !std::mem::replace(&mut taken[k], true)) {
                Some(k) => {
                    shift = k as isize - j as isize;
                    rows.push(PickItem {
                        target: PickTarget::Event(j),
                        label: std::mem::take(&mut old[k].label),
                        detail: std::mem::take(&mut old[k].detail),
                        keys: std::mem::take(&mut old[k].keys),
                    });
                }
                None => rows.push(Self::event_item(j, e, &corpus.outlets)),
            }
        }
        rows
    }

    /// Event `i` as a row: its title, then date, id and number of outlets. An id that only
    /// repeats the date and title (`2021-10-18-former-secretary-of-state-colin-powell-d`)
    /// is left out, so the title gets the room. The row is also found ([`PickItem::keys`])
    /// by the event's id, its outlets' ids and their display names in `info` (the
    /// corpus's `outlets.toml`: "Washington Examiner" for `washington-examiner`, "AP" for
    /// `ap-news`).
    pub fn event_item(
        i: usize,
        e: &crate::corpus::Event,
        info: &std::collections::BTreeMap<String, crate::corpus::OutletInfo>,
    ) -> PickItem {
        let outlets = e.outlet_ids().len();
        let date = e
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "no date".into());
        let id = if id_repeats_title(&e.id, &date, &e.title) {
            String::new()
        } else {
            format!("{} · ", short_id(&clean(&e.id)))
        };
        let ids = e.outlet_ids();
        let names = ids
            .iter()
            .filter_map(|id| info.get(*id).and_then(|o| o.name.as_deref()));
        let keys = std::iter::once(e.id.as_str())
            .chain(ids.iter().copied())
            .chain(names)
            .map(|k| clean(k).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        PickItem {
            target: PickTarget::Event(i),
            keys,
            label: clean(&e.title).into_owned(),
            detail: format!(
                "{date} · {id}{outlets} outlet{}",
                if outlets == 1 { "" } else { "s" }
            ),
        }
    }

    /// The headline of article `a` of event `i` as a row (picking it opens the event).
    pub fn headline_item(
        corpus: &Corpus,
        i: usize,
        e: &crate::corpus::Event,
        a: &crate::corpus::Article,
    ) -> PickItem {
        PickItem {
            keys: String::new(),
            target: PickTarget::Event(i),
            label: clean(&a.title).into_owned(),
            detail: format!(
                "headline · {} · {}",
                clean(&corpus.outlet_name(&a.outlet)),
                short_id(&clean(&e.id))
            ),
        }
    }

    /// Items for search: the outlets and claims of the open comparison, then every event.
    pub fn search_items(corpus: Option<&Corpus>, cmp: Option<&Comparison>) -> Vec<PickItem> {
        let mut items = Self::open_items(corpus, cmp);
        if let Some(corpus) = corpus {
            items.extend(Self::event_items(corpus));
        }
        items
    }

    /// The outlets and claims of the open comparison.
    fn open_items(corpus: Option<&Corpus>, cmp: Option<&Comparison>) -> Vec<PickItem> {
        let mut items = Vec::new();
        if let Some(cmp) = cmp {
            for (i, col) in cmp.columns.iter().enumerate() {
                items.push(PickItem {
                    keys: String::new(),
                    target: PickTarget::Outlet(i),
                    label: outlet_label(corpus, &col.outlet),
                    detail: format!("outlet · {}", clean(&col.headline)),
                });
            }
            for c in &cmp.claims {
                items.push(PickItem {
                    keys: String::new(),
                    target: PickTarget::Claim(c.id),
                    label: clean(&c.text).into_owned(),
                    detail: format!("claim · {}", outlet_label(corpus, &c.outlet)),
                });
            }
        }
        items
    }

    /// Search across events: after [`Picker::search_items`] of the open event, the claims of
    /// every other event analysed so far and the headline of every article in the corpus.
    pub fn search_items_everywhere<'a>(
        corpus: &Corpus,
        open: Option<&Comparison>,
        analysed: impl Iterator<Item = (usize, &'a Comparison)>,
    ) -> Vec<PickItem> {
        let mut items = Self::search_items(Some(corpus), open);
        items.extend(Self::analysed_items(corpus, open, analysed));
        let open_id = open.map(|c| c.event_id.as_str());
        for (i, e) in corpus.events.iter().enumerate() {
            if Some(e.id.as_str()) == open_id {
                continue;
            }
            for a in &e.articles {
                items.push(Self::headline_item(corpus, i, e, a));
            }
        }
        items
    }

    /// Search items once the corpus's text index is there (it holds the event titles,
    /// headlines and sentences, [`Picker::with_text_index`]): the outlets and claims of the
    /// open event, then the claims of every other event analysed so far.
    pub fn claim_items<'a>(
        corpus: &Corpus,
        open: Option<&Comparison>,
        analysed: impl Iterator<Item = (usize, &'a Comparison)>,
    ) -> Vec<PickItem> {
        let mut items = Self::open_items(Some(corpus), open);
        items.extend(Self::analysed_items(corpus, open, analysed));
        items
    }

    /// The claims of the `analysed` events other than the `open` one.
    fn analysed_items<'a>(
        corpus: &Corpus,
        open: Option<&Comparison>,
        analysed: impl Iterator<Item = (usize, &'a Comparison)>,
    ) -> Vec<PickItem> {
        let open_id = open.map(|c| c.event_id.as_str());
        let mut items = Vec::new();
        for (i, cmp) in analysed {
            if Some(cmp.event_id.as_str()) == open_id {
                continue;
            }
            for c in &cmp.claims {
                items.push(PickItem {
                    keys: String::new(),
                    target: PickTarget::EventClaim(i, c.id),
                    label: clean(&c.text).into_owned(),
                    detail: format!(
                        "claim · {} · {}",
                        outlet_label(Some(corpus), &c.outlet),
                        short_id(&clean(&cmp.event_id))
                    ),
                });
            }
        }
        items
    }

    /// A picker over `items` with `query` already typed (the cursor at its end), ranked.
    pub fn with_query(mode: PickerMode, items: Vec<PickItem>, query: &str) -> Picker {
        Picker::new(mode, items).typed(query)
    }

    /// This picker with `query` typed (the cursor at its end), ranked.
    pub fn typed(self, query: &str) -> Picker {
        let mut p = self;
        if !query.is_empty() {
            p.query = query.to_string();
            p.cursor = query.chars().count();
            p.rank(false);
        }
        p
    }

    /// Types a character at the cursor and re-ranks (narrowing: only previous matches).
    pub fn insert(&mut self, c: char) {
        let byte = self.byte_at(self.cursor);
        self.query.insert(byte, c);
        self.cursor += 1;
        // Appending keeps every previous match a candidate superset; inserting in the middle
        // also does (the old query is a subsequence of the new one).
        self.rank(true);
    }

    /// Deletes before the cursor and re-ranks every item (the query got wider).
    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        self.cursor -= 1;
        let byte = self.byte_at(self.cursor);
        self.query.remove(byte);
        self.rank(false);
    }

    /// Moves the text cursor, clamped to the query.
    pub fn move_cursor(&mut self, delta: isize) {
        let len = self.query.chars().count() as isize;
        self.cursor = (self.cursor as isize + delta).clamp(0, len) as usize;
    }

    /// Moves the highlighted row, wrapping around.
    pub fn select(&mut self, delta: isize) {
        if self.matches.is_empty() {
            self.selected = 0;
            return;
        }
        let n = self.matches.len() as isize;
        self.selected = (self.selected as isize + delta).rem_euclid(n) as usize;
    }

    /// The chosen row's target.
    pub fn chosen(&self) -> Option<PickTarget> {
        let m = self.matches.get(self.selected)?;
        self.item(m.item).map(|i| i.target)
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.query
            .char_indices()
            .nth(chars)
            .map(|(b, _)| b)
            .unwrap_or(self.query.len())
    }

    /// Search (`/`) matches words: each word of the query starts a word of the text, so "win"
    /// finds "win" and "wins", not w…i…n scattered over a sentence. A query starting with `~`
    /// is fuzzy, as the event picker (`:`) always is.
    pub fn word_mode(&self) -> bool {
        self.mode == PickerMode::Search && !self.query.starts_with('~')
    }

    /// True when no row matched the word query exactly, so the rows listed are approximate
    /// matches (a typo, letters left out): "no exact match — fuzzy results".
    pub fn approximate(&self) -> bool {
        self.approximate
    }

    fn fuzzy_query(&self) -> &str {
        self.query.strip_prefix('~').unwrap_or(&self.query)
    }

    /// The words of a word query, double quotes left out: `"no concessions"` is a phrase
    /// whose words are matched as words, then kept only where they stand together.
    fn word_query(&self) -> String {
        self.query.replace('"', " ")
    }

    /// Ranks items and text index rows against the query. `narrow`: only previous
    /// candidates among the items can match (the index answers every query afresh).
    fn rank(&mut self, narrow: bool) {
        // Only a query that grew at its end narrows (word matches; a `~` typed in front
        // switches to fuzzy matching, which finds more).
        // Approximate candidates are no superset of the next exact matches.
        let narrow = narrow && self.cursor == self.query.chars().count() && !self.approximate;
        self.selected = 0;
        self.approximate = false;
        if self.query.is_empty() {
            self.list_all();
            return;
        }
        let mut scored = self.score_items(narrow);
        let (found, total) = self.score_sentences(false);
        let mut matched = scored.len() + total;
        scored.extend(found);
        if matched == 0 && self.word_mode() {
            // Nothing starts with these words: a typo or a misremembered word. Fall back to
            // approximate matching rather than an empty list (said so in the search line).
            self.approximate = true;
            scored = self.score_items(false);
            let (found, total) = self.score_sentences(true);
            matched = scored.len() + total;
            scored.extend(found);
        }
        if self.mode == PickerMode::Events && matched > 0 {
            // no title, id or outlet has a word starting so: the rows are scattered-letter
            // matches, said so as `/` says it
            self.approximate = !scored.iter().any(|&(s, _)| s >= WORD_FIRST);
        }
        let by_rank = |a: &(i64, usize), b: &(i64, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        scored.sort_unstable_by(by_rank);
        scored.truncate(MAX_ROWS);
        self.matched = matched;
        self.matches = scored
            .into_iter()
            .enumerate()
            .map(|(rank, (score, i))| PickMatch {
                item: i,
                score,
                positions: if rank < HIGHLIGHTED {
                    self.positions(i)
                } else {
                    Vec::new()
                },
            })
            .collect();
    }

    /// The empty query: every row in order (the first [`MAX_ROWS`] listed).
    fn list_all(&mut self) {
        self.candidates = (0..self.items.len() as u32).collect();
        let sentences = self.sentences.as_ref().into_iter().flat_map(|s| {
            (0..s.index.rows() as u32)
                .filter(|&i| s.accepts(i))
                .map(|i| self.items.len() + i as usize)
        });
        self.matches = (0..self.items.len())
            .chain(sentences)
            .take(MAX_ROWS)
            .map(|i| PickMatch {
                item: i,
                score: 0,
                positions: Vec::new(),
            })
            .collect();
        self.matched = self.len();
    }

    /// Scores the items (all, or the previous candidates when `narrow`): `(score, row)`.
    fn score_items(&mut self, narrow: bool) -> Vec<(i64, usize)> {
        let pool: Vec<u32> = if narrow {
            std::mem::take(&mut self.candidates)
        } else {
            (0..self.items.len() as u32).collect()
        };
        let words = self.word_mode();
        let mut scored: Vec<(i64, usize)> = Vec::with_capacity(pool.len());
        for i in pool {
            let Some(item) = self.items.get(i as usize) else {
                continue;
            };
            let score = if self.approximate {
                approx_match(&item.label, &self.query, &self.matcher).map(|(s, _)| s)
            } else if words {
                word_match(&item.label, &self.word_query())
                    .filter(|_| has_phrases(&item.label, &self.query))
                    .map(|(s, _)| s)
            } else if self.mode == PickerMode::Events {
                event_match(&self.matcher, item, self.fuzzy_query()).map(|(s, _)| s)
            } else {
                self.matcher.fuzzy_match(&item.label, self.fuzzy_query())
            };
            if let Some(s) = score {
                scored.push((s, i as usize));
            }
        }
        self.candidates = scored.iter().map(|&(_, i)| i as u32).collect();
        scored
    }

    /// The best [`MAX_ROWS`] rows of the text index for the query, and how many matched.
    /// `approximate` (a word query that matched nothing exactly): the last word may be one
    /// typo away from a word, and when that finds nothing either, each word is matched
    /// fuzzily (the `~` search).
    fn score_sentences(&self, approximate: bool) -> (Vec<(i64, usize)>, usize) {
        let Some(s) = &self.sentences else {
            return (Vec::new(), 0);
        };
        let words = &s.index.words;
        let accept = |i: u32| s.accepts(i);
        let text = |i: u32| s.index.text(i as usize);
        let query = self.word_query();
        let hits = if approximate {
            let typo = words.search(&query, true, &text, &accept, MAX_ROWS);
            if typo.total == 0 {
                words.fuzzy_search(&query, &self.matcher, &accept, MAX_ROWS)
            } else {
                typo
            }
        } else if self.word_mode() {
            // a quoted phrase: its words together, in order, in the sentence (the text read
            // only when the query quotes one: reading and cleaning every matched row cost
            // 0.3-0.8 s on the first key over 250,000 sentences)
            let quoted = self.query.contains('"');
            let phrase = |i: u32| accept(i) && (!quoted || has_phrases(&text(i), &self.query));
            words.search(&query, false, &text, &phrase, MAX_ROWS)
        } else {
            words.fuzzy_search(self.fuzzy_query(), &self.matcher, &accept, MAX_ROWS)
        };
        let base = self.items.len();
        let rows = hits
            .top
            .into_iter()
            .map(|(score, i)| (score, base + i as usize))
            .collect();
        (rows, hits.total)
    }

    /// Matched character positions in row `i`'s label, for highlighting.
    fn positions(&self, i: usize) -> Vec<usize> {
        let Some(item) = self.item(i) else {
            return Vec::new();
        };
        let found = if self.approximate {
            approx_match(&item.label, &self.word_query(), &self.matcher)
        } else if self.word_mode() {
            word_match(&item.label, &self.word_query())
        } else if self.mode == PickerMode::Events {
            event_match(&self.matcher, &item, self.fuzzy_query())
        } else {
            self.matcher.fuzzy_indices(&item.label, self.fuzzy_query())
        };
        found.map(|(_, p)| p).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_matches_words_not_scattered_letters() {
        let mut p = Picker::new(
            PickerMode::Search,
            items(&[
                "Russia has achieved a diplomatic win.",
                "The White House wanted an immediate ceasefire.",
                "Trump wins praise",
                "Windows were broken",
            ]),
        );
        for c in "win".chars() {
            p.insert(c);
        }
        let got: Vec<usize> = p.matches.iter().map(|m| m.item).collect();
        assert_eq!(got, [0, 3, 2], "whole word first, then prefixes; no w…i…n");
        assert_eq!(p.matches[0].positions, [33, 34, 35]);
        // `~` asks for fuzzy matching.
        let mut f = Picker::new(PickerMode::Search, items(&["White House wanted"]));
        for c in "~whw".chars() {
            f.insert(c);
        }
        assert_eq!(f.matches.len(), 1);
        // The event picker stays fuzzy.
        let mut e = Picker::new(PickerMode::Events, items(&["Trump–Putin phone call"]));
        for c in "tpc".chars() {
            e.insert(c);
        }
        assert_eq!(e.matches.len(), 1);
    }

    #[test]
    fn uuids_are_shortened_and_readable_ids_kept() {
        assert_eq!(
            short_id("0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
            "0a1b2c3d…"
        );
        assert_eq!(
            short_id("2025-03-18-trump-putin-call"),
            "2025-03-18-trump-putin-call"
        );
    }

    /// A corpus of `events` events of two articles ("Headline e-a", two sentences each).
    fn corpus(events: usize) -> Arc<Corpus> {
        use crate::corpus::{Article, Event, EventOrigin, TextOrigin};
        let article = |e: usize, a: usize| Article {
            path: format!("e{e}/a{a}.md").into(),
            outlet: format!("outlet-{a}"),
            title: format!("Headline {e}-{a}"),
            date: None,
            date_alt: None,
            url: None,
            author: None,
            language: Some("en".into()),
            kind: None,
            body: format!("The dam number {e} was repaired. Turbines restarted at site {a}.")
                .into(),
            origin: TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        };
        Arc::new(Corpus {
            events: (0..events)
                .map(|e| Event {
                    id: format!("event-{e}"),
                    title: format!("Dam event {e}"),
                    date: None,
                    summary: None,
                    tags: vec![],
                    origin: EventOrigin::Folder,
                    articles: vec![article(e, 0).into(), article(e, 1).into()],
                })
                .collect(),
            ..Corpus::default()
        })
    }

    #[test]
    fn rows_taken_from_the_corpus_before_a_change_are_the_rows_made_anew() {
        let before = corpus(6);
        let mut after = (*before).clone();
        let mut new_event = after.events[2].clone();
        new_event.id = "event-new".into();
        after.events.remove(1);
        after.events.insert(0, new_event);
        after.events[3].title = "Dam event 3, renamed".into();
        std::sync::Arc::make_mut(&mut after.events[4].articles[1]).outlet = "outlet-0".into();
        after.events.swap(2, 5);
        let items = Arc::new(Picker::event_items(&before));
        let reused = Picker::event_items_reusing(&after, &before, items);
        assert_eq!(reused, Picker::event_items(&after));
        // rows not made of the corpus before are all made again
        let other = Arc::new(Picker::event_items(&corpus(2)));
        let reused = Picker::event_items_reusing(&after, &before, other);
        assert_eq!(reused, Picker::event_items(&after));
        // a name given in outlets.toml after the rows were made: every row is made again
        let mut named = after.clone();
        named.outlets.insert(
            "outlet-1".into(),
            crate::corpus::OutletInfo {
                name: Some("Daily Dam".into()),
                ..Default::default()
            },
        );
        let items = Arc::new(Picker::event_items(&after));
        let reused = Picker::event_items_reusing(&named, &after, items);
        assert_eq!(reused, Picker::event_items(&named));
        assert!(reused[0].keys.ends_with("Daily Dam"), "{:?}", reused[0]);
    }

    /// fix24 left it (tester report 24, finding 7): the event picker finds an event by an
    /// outlet's display name from `outlets.toml` as well as by its id; an outlet that no
    /// event has finds none, and a name not in `outlets.toml` finds nothing.
    #[test]
    fn the_event_picker_finds_an_event_by_an_outlets_name_from_outlets_toml() {
        let mut c = (*corpus(3)).clone();
        std::sync::Arc::make_mut(&mut c.events[1].articles[1]).outlet = "wapo".into();
        for (id, name) in [("wapo", "The Washington Post"), ("nyt", "New York Times")] {
            c.outlets.insert(
                id.into(),
                crate::corpus::OutletInfo {
                    name: Some(name.into()),
                    ..Default::default()
                },
            );
        }
        let rows = Picker::event_items(&c);
        let found = |q: &str| {
            let p = Picker::with_query(PickerMode::Events, rows.clone(), q);
            let words: Vec<usize> = p
                .matches
                .iter()
                .filter(|m| m.score >= WORD_FIRST)
                .map(|m| m.item)
                .collect();
            words
        };
        assert_eq!(found("washington post"), [1]);
        assert_eq!(found("Post"), [1]);
        assert_eq!(found("wapo"), [1]);
        // "New York Times" names no outlet of any event
        assert!(found("new york").is_empty());
        // the id still finds it; the shown title is unchanged
        assert_eq!(rows[1].label, "Dam event 1");
    }

    #[test]
    fn the_text_index_answers_for_titles_headlines_and_sentences_left_out_as_asked() {
        let index = Arc::new(crate::app::engine::index_text(corpus(3)));
        let analysed: std::collections::BTreeSet<usize> = [2].into();
        let p = Picker::new(PickerMode::Search, items(&["Dam claim of the open event"]))
            .with_text_index(index.clone(), Some(0), &analysed)
            .typed("dam");
        let rows: Vec<PickItem> = p
            .matches
            .iter()
            .map(|m| p.item(m.item).expect("row").into_owned())
            .collect();
        let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
        // event titles (whole word at 0) first, then the item, headlines do not match "dam"
        assert_eq!(
            labels[..4],
            [
                "Dam claim of the open event",
                "Dam event 0",
                "Dam event 1",
                "Dam event 2"
            ]
        );
        // sentences of events 0 and 1, not of the analysed event 2
        let sentences: Vec<PickTarget> = rows
            .iter()
            .filter(|r| r.detail.starts_with("sentence"))
            .map(|r| r.target)
            .collect();
        assert_eq!(sentences.len(), 4, "{rows:?}");
        for t in sentences {
            let PickTarget::EventSentence(i) = t else {
                panic!("{t:?}");
            };
            assert_ne!(index.sentences[i].event, 2);
        }
        assert_eq!(p.matched, 8);
        // headlines of the open event 0 are left out
        let h = p.clone().typed("headline");
        assert_eq!(h.matched, 4);
        assert!(
            h.matches
                .iter()
                .all(|m| !p.item(m.item).expect("row").label.starts_with("Headline 0"))
        );
    }

    #[test]
    fn at_most_max_rows_are_listed_but_every_match_is_counted() {
        let index = Arc::new(crate::app::engine::index_text(corpus(MAX_ROWS)));
        let mut p = Picker::new(PickerMode::Search, Vec::new()).with_text_index(
            index,
            None,
            &Default::default(),
        );
        assert_eq!(p.matches.len(), MAX_ROWS);
        assert_eq!(p.matched, p.len());
        for c in "turb".chars() {
            p.insert(c);
        }
        assert_eq!(p.matched, 2 * MAX_ROWS, "one turbine sentence per article");
        assert_eq!(p.matches.len(), MAX_ROWS);
        let first: Vec<usize> = p.matches.iter().take(3).map(|m| m.item).collect();
        let mut sorted = first.clone();
        sorted.sort_unstable();
        assert_eq!(first, sorted, "equal scores in row order");
    }

    fn items(labels: &[&str]) -> Vec<PickItem> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| PickItem {
                keys: String::new(),
                target: PickTarget::Event(i),
                label: l.to_string(),
                detail: String::new(),
            })
            .collect()
    }

    /// Tester report 24, finding 7: the event picker ranks rows with a word of the title, id
    /// or outlets starting with the query above scattered-letter matches, says when it has
    /// only the latter, and finds a renamed folder's id.
    #[test]
    fn event_rows_with_a_word_match_come_first_and_fuzzy_ones_are_marked() {
        let row = |label: &str, keys: &str, i: usize| PickItem {
            target: PickTarget::Event(i),
            label: label.into(),
            detail: String::new(),
            keys: keys.into(),
        };
        let rows = vec![
            row(
                "Reports of Anti-Semitic Violence in US Amid Israel-Hamas Conflict",
                "2021-05-20-reports-of-anti-semitic-violence allsides-roundup cnn",
                0,
            ),
            row(
                "Iranian President-elect Rejects Meeting with Biden",
                "2021-06-21-raisi-rejects-meeting reuters washington-examiner",
                1,
            ),
            row(
                "Senate GOP Blocks Jan. 6 Commission",
                "2021-05-28-senate-renamed the-hill",
                2,
            ),
        ];
        let first = |q: &str| {
            let p = Picker::with_query(PickerMode::Events, rows.clone(), q);
            let top = p.matches.first().map(|m| m.item);
            (top, p.approximate())
        };
        // "raisi" is scattered in the first title but a word of the second's id
        assert_eq!(first("raisi"), (Some(1), false));
        assert_eq!(first("renamed"), (Some(2), false));
        assert_eq!(first("examiner"), (Some(1), false));
        assert_eq!(first("the hill"), (Some(2), false));
        // a word of a title still ranks first; scattered letters come after it
        let p = Picker::with_query(PickerMode::Events, rows.clone(), "isr");
        assert_eq!(p.matches.first().map(|m| m.item), Some(0));
        assert!(!p.approximate());
        // only scattered letters: listed, and marked
        assert_eq!(first("rprt"), (Some(0), true));
        // the highlight stays inside the title
        let p = Picker::with_query(PickerMode::Events, rows.clone(), "renamed");
        assert!(p.matches[0].positions.is_empty(), "{:?}", p.matches[0]);
        // search (`/`) is unchanged: ids and outlets are not its words
        let p = Picker::with_query(PickerMode::Search, rows, "renamed");
        assert!(p.matches.iter().all(|m| m.item != 2), "{:?}", p.matches);
    }

    #[test]
    fn typing_narrows_and_ranks() {
        let mut p = Picker::new(
            PickerMode::Events,
            items(&["Jeddah talks", "Trump Putin call", "Putin speech"]),
        );
        assert_eq!(p.matches.len(), 3);
        for c in "putin".chars() {
            p.insert(c);
        }
        assert_eq!(p.matches.len(), 2);
        p.insert('a');
        assert_eq!(p.matches.len(), 1);
        assert_eq!(p.chosen(), Some(PickTarget::Event(1)));
        assert!(!p.matches[0].positions.is_empty());
        p.backspace();
        assert_eq!(p.matches.len(), 2, "backspace widens again");
    }

    #[test]
    fn a_quoted_search_finds_the_sentence_the_unquoted_one_finds() {
        let index = Arc::new(crate::app::engine::index_text(corpus(2)));
        let search = |q: &str| {
            let mut p = Picker::new(
                PickerMode::Search,
                items(&["Dam claim was repaired", "repaired the old dam"]),
            )
            .with_text_index(index.clone(), None, &Default::default());
            for c in q.chars() {
                p.insert(c);
            }
            (p.matched, p.approximate())
        };
        let (plain, _) = search("was repaired");
        assert!(plain > 2, "{plain}");
        // the body sentences and the first label hold the words together
        assert_eq!(search("\"was repaired\""), (plain, false));
        // together but in the other order: only the unquoted search finds them
        let (swapped, approx) = search("\"repaired was\"");
        assert!(swapped == 0 || approx, "{swapped}");
    }

    #[test]
    fn a_quoted_phrase_matches_its_words_together_in_order() {
        let t = "Russia offers no concessions, Lavrov says.";
        assert!(super::has_phrases(t, "\"no concessions\""));
        assert!(
            super::has_phrases(t, "\"No Concess"),
            "unclosed, last word a prefix"
        );
        assert!(super::has_phrases(t, "lavrov \"offers no\""));
        assert!(!super::has_phrases(t, "\"concessions no\""));
        assert!(!super::has_phrases(
            "No talks and no real concessions.",
            "\"no concessions\""
        ));
        assert!(
            super::has_phrases(t, "no concessions"),
            "no quotes: no phrase"
        );
        assert!(super::has_phrases(t, "\"\""));
    }

    #[test]
    fn an_id_that_repeats_date_and_title_is_left_out_of_the_row() {
        use super::id_repeats_title as r;
        let title = "Former Secretary of State Colin Powell Dies at 84";
        assert!(r(
            "2021-10-18-former-secretary-of-state-colin-powell-d",
            "2021-10-18",
            title
        ));
        assert!(!r("2021-10-18-powell", "2021-10-18", title));
        assert!(!r("2021-10-18-former", "2021-10-19", title));
        assert!(!r("2021-10-18", "2021-10-18", title));
        assert!(!r(
            "2025-03-18-trump-putin-call",
            "2025-03-18",
            "Trump–Putin phone call on a Ukraine ceasefire"
        ));
        let mut e = crate::corpus::Event::of_articles(
            "2021-10-18-former-secretary-of-state-colin-powell-d",
            title,
            Vec::<crate::corpus::Article>::new(),
        );
        e.date = chrono::NaiveDate::from_ymd_opt(2021, 10, 18);
        let none = std::collections::BTreeMap::new();
        assert_eq!(
            Picker::event_item(0, &e, &none).detail,
            "2021-10-18 · 0 outlets"
        );
        e.id = "powell".into();
        assert_eq!(
            Picker::event_item(0, &e, &none).detail,
            "2021-10-18 · powell · 0 outlets"
        );
    }

    #[test]
    fn inserting_in_the_middle_still_matches_correctly() {
        let mut p = Picker::new(PickerMode::Events, items(&["abc", "axc", "ac"]));
        p.insert('a');
        p.insert('c');
        assert_eq!(p.matches.len(), 3);
        p.move_cursor(-1);
        p.insert('b');
        assert_eq!(p.query, "abc");
        assert_eq!(p.matches.len(), 1);
    }
}
