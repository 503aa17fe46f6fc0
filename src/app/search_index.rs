//! An inverted word index over many short texts (the sentences of a corpus), so that `/`
//! search answers from posting lists instead of reading every text at each keystroke.
//!
//! A *token* is a maximal run of alphanumeric characters (Unicode `char::is_alphanumeric`,
//! so Cyrillic, Greek and CJK words are tokens too), lowercased one character for one
//! character, exactly as [`crate::app::picker::word_match`] reads a label. For every distinct
//! token the index keeps the sorted ids of the texts that contain it and, per text, the
//! character position of its first occurrence (capped at [`POS_CAP`]), which is all the word
//! score needs; and for every first character, each text's earliest word starting with it,
//! so that the first key typed reads one list instead of hundreds:
//!
//! - **Word queries** (the default of `/`): every query word must start a word of the text
//!   (`win` finds "win" and "wins"); a word scores 100 when it is a whole word and 40 when it
//!   is a prefix, minus its position (at most 39), summed over the query words. Matches and
//!   scores are the same as scanning every text with `word_match` (before this index search
//!   did exactly that); a query word with punctuation in it (`u.s`, `covid-19`) takes its
//!   candidates from the index and is then checked against the text.
//! - **Typo tolerance** (new): when nothing matches, the last query word (the one being typed,
//!   at least [`TYPO_MIN_CHARS`] characters) may be one edit away from the start of a word:
//!   one character wrong, missing, extra, or two neighbours swapped (`putni` finds "Putin").
//!   Such a word scores 30 minus its position, below any exact match.
//! - **Fuzzy queries** (`~`, [`WordIndex::fuzzy_search`]): before, the whole query was matched
//!   as one scattered subsequence of each text with skim (fuzzy-matcher). Now each query word
//!   is matched with skim against the vocabulary; the [`FUZZY_TOKENS`] best-scoring words for
//!   it are looked up, and a text must hold one of them for every query word. Its score is the
//!   sum of those words' skim scores. A subsequence that spans words (`~whw` for "White House
//!   wanted") no longer finds indexed rows (event titles, headlines, sentences once the text
//!   index is there); the picker's own items (claims of analysed events) are still matched
//!   whole by skim.
//!
//! Results are the best `limit` texts by score, ties in text order, plus the number of texts
//! that matched: the same query on the same texts gives the same answer.

use std::borrow::Cow;
use std::collections::HashMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Positions at or past this character count score alike (as in `word_match`).
pub const POS_CAP: u8 = 39;

/// The shortest last word that typo tolerance applies to (shorter ones match too much).
pub const TYPO_MIN_CHARS: usize = 4;

/// In a fuzzy query, each word is looked up through at most this many vocabulary words.
pub const FUZZY_TOKENS: usize = 64;

/// Lowercases one character to one character, as `word_match` does (positions stay aligned).
pub fn low(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// The tokens of `text` with the character position of their first occurrence, in order of
/// first occurrence.
pub fn tokens(text: &str) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    each_token(text, &mut String::new(), |tok, at| {
        out.push((tok.to_string(), at))
    });
    out
}

/// Calls `f` with each token of `text` (as [`tokens`] gives them, in order, repeats
/// included) and its character position, building each in `buf`: no allocation per token.
fn each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str, usize)) {
    buf.clear();
    let mut start = 0;
    for (i, c) in text.chars().map(low).enumerate() {
        if c.is_alphanumeric() {
            if buf.is_empty() {
                start = i;
            }
            buf.push(c);
        } else if !buf.is_empty() {
            f(buf, start);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(buf, start);
    }
}

/// The words of a query, lowercased as texts are.
fn query_words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.chars().map(low).collect())
        .collect()
}

/// The best texts for a query: `(score, text id)`, best first, ties by text id; at most the
/// `limit` asked for. `total` counts every text that matched (and was accepted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub top: Vec<(i64, u32)>,
    pub total: usize,
}

/// The inverted index. Memory: one `u32` id and one `u8` position per distinct token of each
/// text, plus the vocabulary ([`WordIndex::heap_bytes`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WordIndex {
    /// Distinct tokens, sorted (byte order), so a prefix is a contiguous range.
    vocab: Vec<Box<str>>,
    /// `offsets[t]..offsets[t + 1]` are token `t`'s entries in `docs` and `pos`.
    offsets: Vec<u32>,
    /// Text ids, ascending per token.
    docs: Vec<u32>,
    /// First position of the token in that text, capped at [`POS_CAP`].
    pos: Vec<u8>,
    /// Distinct first characters of tokens, sorted: a one-character query word reads one
    /// list (the first word of each text starting with it) instead of every token's.
    initials: Vec<char>,
    /// `init_offsets[c]..init_offsets[c + 1]` are initial `c`'s entries in `init_docs` and
    /// `init_pos`.
    init_offsets: Vec<u32>,
    init_docs: Vec<u32>,
    init_pos: Vec<u8>,
    /// Number of texts.
    len: usize,
}

/// In the map of [`WordIndex::rebuild`]: the text is gone or changed.
pub const GONE: u32 = u32::MAX;

/// A posting: text id and the first position of the token in it (capped at [`POS_CAP`]).
type Posting = (u32, u8);

/// The postings of some texts by token and by initial, each key's list in text order: the
/// part of an index those texts make.
#[derive(Default)]
struct Collected {
    /// Tokens, sorted (byte order), with their postings.
    tokens: Vec<(Box<str>, Vec<Posting>)>,
    /// First characters of tokens, sorted, with each text's earliest word starting with it.
    initials: Vec<(char, Vec<Posting>)>,
    /// One more than the largest text id read (the number of texts when ids are 0..n).
    texts: usize,
    /// Number of postings in `tokens`.
    postings: usize,
}

impl Collected {
    /// Tokenises `texts`, given as (text id, text) in ascending id order.
    fn of<S: AsRef<str>>(texts: impl IntoIterator<Item = (u32, S)>) -> Collected {
        // (a token is looked up by reference and allocated once, when new; XXH3 rather than
        // SipHash: the map's order never reaches the index, whose vocabulary is sorted)
        let mut ids: HashMap<String, u32, xxhash_rust::xxh3::Xxh3Builder> =
            HashMap::with_hasher(xxhash_rust::xxh3::Xxh3Builder::new());
        let mut lists: Vec<Vec<Posting>> = Vec::new();
        let mut firsts: Vec<char> = Vec::new();
        let mut by_initial: HashMap<char, Vec<Posting>> = HashMap::new();
        let mut out = Collected::default();
        let mut buf = String::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut row_initials: Vec<(char, u8)> = Vec::new();
        for (d, text) in texts {
            out.texts = out.texts.max(d as usize + 1);
            seen.clear();
            each_token(text.as_ref(), &mut buf, |tok, at| {
                let t = match ids.get(tok) {
                    Some(&t) => t,
                    None => {
                        let t = lists.len() as u32;
                        ids.insert(tok.to_string(), t);
                        lists.push(Vec::new());
                        firsts.push(tok.chars().next().unwrap_or_default());
                        t
                    }
                };
                if !seen.contains(&t) {
                    seen.push(t);
                    lists[t as usize].push((d, at.min(POS_CAP as usize) as u8));
                }
            });
            // per initial, the text's earliest word with it
            row_initials.clear();
            row_initials.extend(seen.iter().map(|&t| {
                let list = &lists[t as usize];
                (firsts[t as usize], list[list.len() - 1].1)
            }));
            row_initials.sort_unstable();
            row_initials.dedup_by_key(|e| e.0);
            for &(c, p) in &row_initials {
                by_initial.entry(c).or_default().push((d, p));
            }
        }
        out.postings = lists.iter().map(Vec::len).sum();
        let mut tokens: Vec<(String, u32)> = ids.into_iter().collect();
        tokens.sort_unstable();
        out.tokens = tokens
            .into_iter()
            .map(|(tok, t)| (tok.into_boxed_str(), std::mem::take(&mut lists[t as usize])))
            .collect();
        out.initials = by_initial.into_iter().collect();
        out.initials.sort_unstable_by_key(|e| e.0);
        out
    }
}

/// One family of posting lists (tokens or initials): sorted keys, and key `k`'s postings are
/// `docs[offsets[k]..offsets[k + 1]]` with their positions in `pos` (`offsets` is empty, or
/// starts at 0 with one entry per key after it).
type Lists<'a, K> = (&'a [K], &'a [u32], &'a [u32], &'a [u8]);

/// The same, to append to.
type ListsOut<'a, K> = (
    &'a mut Vec<K>,
    &'a mut Vec<u32>,
    &'a mut Vec<u32>,
    &'a mut Vec<u8>,
);

/// Appends to `out` every key of `old` and of `new` (sorted, with their postings) in key
/// order, with its postings from both: `old`'s moved to new text ids through `map` (those
/// mapped to [`GONE`] dropped), sorted by text id. Keys left without postings are skipped.
fn merge<K: Ord + Clone>(
    old: Lists<'_, K>,
    map: &[u32],
    new: Vec<(K, Vec<Posting>)>,
    out: ListsOut<'_, K>,
) {
    let (keys, offsets, docs, pos) = old;
    let (out_keys, out_offsets, out_docs, out_pos) = out;
    let moved = |k: usize, list: &mut Vec<Posting>| {
        let r = offsets[k] as usize..offsets[k + 1] as usize;
        let new_ids = docs[r.clone()].iter().map(|&d| map[d as usize]);
        list.extend(new_ids.zip(pos[r].iter().copied()).filter(|e| e.0 != GONE));
    };
    if out_offsets.is_empty() {
        out_offsets.push(0);
    }
    let mut new = new.into_iter().peekable();
    let mut i = 0;
    let mut list: Vec<Posting> = Vec::new();
    loop {
        list.clear();
        let from_old = match (keys.get(i), new.peek()) {
            (None, None) => break,
            (Some(o), Some((n, _))) => n >= o,
            (Some(_), None) => true,
            (None, Some(_)) => false,
        };
        let key = if from_old {
            moved(i, &mut list);
            i += 1;
            let key = keys[i - 1].clone();
            if let Some((_, more)) = new.next_if(|(n, _)| *n == key) {
                list.extend(more);
            }
            key
        } else {
            let (key, more) = new.next().expect("a new key is there");
            list.extend(more);
            key
        };
        if !list.is_sorted_by_key(|e| e.0) {
            list.sort_unstable_by_key(|e| e.0);
        }
        if !list.is_empty() {
            out_docs.extend(list.iter().map(|e| e.0));
            out_pos.extend(list.iter().map(|e| e.1));
            out_offsets.push(out_docs.len() as u32);
            out_keys.push(key);
        }
    }
}

/// How one query word finds its texts.
enum Plan {
    /// Tokens in this vocabulary range; `exact` is the token equal to the word, if any.
    Prefix {
        range: std::ops::Range<usize>,
        exact: Option<usize>,
    },
    /// A one-character word: the token equal to it (whole word) and the texts with a word
    /// starting with it (entry in `initials`).
    Initial {
        exact: Option<usize>,
        initial: Option<usize>,
    },
    /// Tokens one edit away from the word's prefix (typo tolerance).
    Typo(Vec<usize>),
    /// Fuzzy: tokens with their skim scores.
    Scored(Vec<(usize, i64)>),
    /// A word with punctuation: texts holding all of its runs, checked against the text.
    Verify { runs: Vec<Plan>, word: String },
    /// Matches nothing (a word starting with punctuation never starts a word).
    Never,
}

impl WordIndex {
    /// Indexes `texts`; text ids are their positions (`u32`: at most 4 billion texts).
    pub fn build<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> WordIndex {
        let fresh = Collected::of(texts.into_iter().enumerate().map(|(d, t)| (d as u32, t)));
        let len = fresh.texts;
        WordIndex::default().assemble(&[], len, fresh)
    }

    /// The index of `len` texts made from this one after a change of its texts: `map[d]` is
    /// the new id of this index's text `d` when that text is still there **unchanged** (the
    /// same string), [`GONE`] when it is not; `fresh` gives every other new text with its id.
    /// Tokenises the fresh texts only and moves the others' postings to their new ids, so a
    /// change of a few texts costs a pass over the postings instead of reading every text
    /// again. The result equals [`WordIndex::build`] of the new texts (tested).
    ///
    /// Panics when `map` is shorter than the number of texts indexed.
    pub fn rebuild<S: AsRef<str>>(
        &self,
        map: &[u32],
        len: usize,
        fresh: impl IntoIterator<Item = (u32, S)>,
    ) -> WordIndex {
        assert!(map.len() >= self.len, "one new id per text indexed");
        self.assemble(map, len, Collected::of(fresh))
    }

    /// This index's postings moved through `map` (see [`WordIndex::rebuild`]; empty when
    /// this index is), merged with `fresh`, as an index of `len` texts.
    fn assemble(&self, map: &[u32], len: usize, fresh: Collected) -> WordIndex {
        let mut index = WordIndex {
            len,
            ..WordIndex::default()
        };
        let reserve = self.docs.len() + fresh.postings;
        index.docs.reserve(reserve);
        index.pos.reserve(reserve);
        merge(
            (&self.vocab, &self.offsets, &self.docs, &self.pos),
            map,
            fresh.tokens,
            (
                &mut index.vocab,
                &mut index.offsets,
                &mut index.docs,
                &mut index.pos,
            ),
        );
        merge(
            (
                &self.initials,
                &self.init_offsets,
                &self.init_docs,
                &self.init_pos,
            ),
            map,
            fresh.initials,
            (
                &mut index.initials,
                &mut index.init_offsets,
                &mut index.init_docs,
                &mut index.init_pos,
            ),
        );
        index.docs.shrink_to_fit();
        index.pos.shrink_to_fit();
        index.init_docs.shrink_to_fit();
        index.init_pos.shrink_to_fit();
        index
    }

    /// Number of texts indexed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no text was indexed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Number of distinct tokens.
    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    /// Bytes held on the heap by the index (vocabulary, posting lists), for measuring.
    pub fn heap_bytes(&self) -> usize {
        let words: usize = self.vocab.iter().map(|w| w.len()).sum();
        words
            + self.vocab.capacity() * std::mem::size_of::<Box<str>>()
            + self.offsets.capacity() * 4
            + self.docs.capacity() * 4
            + self.pos.capacity()
            + self.initials.capacity() * 4
            + self.init_offsets.capacity() * 4
            + self.init_docs.capacity() * 4
            + self.init_pos.capacity()
    }

    /// Word search (see the module docs): texts where every word of `query` starts a word;
    /// with `typo`, the last word may instead be one typo from the start of a word (for when
    /// the exact search found nothing: typo matches score 30 minus the position, below any
    /// exact match; nothing when that word is shorter than [`TYPO_MIN_CHARS`] or has
    /// punctuation). `text(id)` gives a text as it was indexed (read only for words with
    /// punctuation); `accept(id)` drops texts the caller leaves out. An empty query matches
    /// nothing.
    pub fn search<'t>(
        &self,
        query: &str,
        typo: bool,
        text: &dyn Fn(u32) -> Cow<'t, str>,
        accept: &dyn Fn(u32) -> bool,
        limit: usize,
    ) -> Hits {
        let mut words = query_words(query);
        let last = if typo { words.pop() } else { None };
        let mut plans: Vec<Plan> = words.iter().map(|w| self.plan(w)).collect();
        if let Some(last) = last {
            if last.chars().count() < TYPO_MIN_CHARS || !last.chars().all(char::is_alphanumeric) {
                return Hits::default();
            }
            plans.push(Plan::Typo(self.typo_tokens(&last)));
        }
        if plans.is_empty() {
            return Hits::default();
        }
        self.run(&plans, text, accept, limit)
    }

    /// Fuzzy search (`~`, see the module docs): every word of `query` is matched by skim
    /// against the vocabulary; a text must contain one of the best [`FUZZY_TOKENS`] tokens
    /// for each word. An empty query matches nothing.
    pub fn fuzzy_search(
        &self,
        query: &str,
        matcher: &SkimMatcherV2,
        accept: &dyn Fn(u32) -> bool,
        limit: usize,
    ) -> Hits {
        let plans: Vec<Plan> = query
            .split_whitespace()
            .map(|w| Plan::Scored(self.fuzzy_tokens(&w.to_lowercase(), matcher)))
            .collect();
        if plans.is_empty() {
            return Hits::default();
        }
        self.run(&plans, &|_| Cow::Borrowed(""), accept, limit)
    }

    /// The vocabulary range of tokens starting with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let lo = self.vocab.partition_point(|t| &**t < prefix);
        let hi = lo + self.vocab[lo..].partition_point(|t| t.starts_with(prefix));
        lo..hi
    }

    fn plan(&self, word: &str) -> Plan {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_alphanumeric()
        {
            return Plan::Initial {
                exact: self.vocab.binary_search_by(|v| (**v).cmp(word)).ok(),
                initial: self.initials.binary_search(&c).ok(),
            };
        }
        if word.chars().all(char::is_alphanumeric) {
            let range = self.prefix_range(word);
            let exact = range.clone().next().filter(|&t| &*self.vocab[t] == word);
            return Plan::Prefix { range, exact };
        }
        if !word.chars().next().is_some_and(char::is_alphanumeric) {
            return Plan::Never;
        }
        // Runs followed by punctuation must be whole tokens; a final run may be a prefix.
        let runs: Vec<&str> = word
            .split(|c: char| !c.is_alphanumeric())
            .filter(|r| !r.is_empty())
            .collect();
        let ends_open = word.chars().last().is_some_and(char::is_alphanumeric);
        let runs = runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                if i + 1 == runs.len() && ends_open {
                    self.plan(r)
                } else {
                    let t = self.vocab.binary_search_by(|v| (**v).cmp(r)).ok();
                    Plan::Prefix {
                        range: t.map_or(0..0, |t| t..t + 1),
                        exact: t,
                    }
                }
            })
            .collect();
        Plan::Verify {
            runs,
            word: word.to_string(),
        }
    }

    /// Tokens whose start is at most one edit from `word` (see [`one_edit_prefix`]).
    fn typo_tokens(&self, word: &str) -> Vec<usize> {
        let w: Vec<char> = word.chars().collect();
        let mut buf: Vec<char> = Vec::new();
        (0..self.vocab.len())
            .filter(|&t| {
                buf.clear();
                buf.extend(self.vocab[t].chars().take(w.len() + 1));
                one_edit_prefix(&w, &buf)
            })
            .collect()
    }

    /// The best [`FUZZY_TOKENS`] tokens for `word` by skim score, ties by token order.
    fn fuzzy_tokens(&self, word: &str, matcher: &SkimMatcherV2) -> Vec<(usize, i64)> {
        let need = char_mask(word);
        let mut scored: Vec<(usize, i64)> = self
            .vocab
            .iter()
            .enumerate()
            .filter(|(_, t)| char_mask(t) & need == need)
            .filter_map(|(i, t)| matcher.fuzzy_match(t, word).map(|s| (i, s)))
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(FUZZY_TOKENS);
        scored
    }

    /// Feeds every posting of `plan`'s tokens to `acc` (a text can come more than once,
    /// through different tokens). `Verify` plans are handled by [`Self::run`].
    fn postings(&self, plan: &Plan, acc: &mut Accumulator) {
        let list = |t: usize| {
            let (a, b) = (self.offsets[t] as usize, self.offsets[t + 1] as usize);
            self.docs[a..b].iter().zip(&self.pos[a..b])
        };
        match plan {
            Plan::Prefix { range, exact } => {
                for t in range.clone() {
                    let base = if Some(t) == *exact { 100 } else { 40 };
                    for (&d, &p) in list(t) {
                        acc.post(d, base - i32::from(p));
                    }
                }
            }
            Plan::Initial { exact, initial } => {
                if let Some(t) = *exact {
                    for (&d, &p) in list(t) {
                        acc.post(d, 100 - i32::from(p));
                    }
                }
                if let Some(c) = *initial {
                    let (a, b) = (
                        self.init_offsets[c] as usize,
                        self.init_offsets[c + 1] as usize,
                    );
                    for (&d, &p) in self.init_docs[a..b].iter().zip(&self.init_pos[a..b]) {
                        acc.post(d, 40 - i32::from(p));
                    }
                }
            }
            Plan::Typo(toks) => {
                for &t in toks {
                    for (&d, &p) in list(t) {
                        acc.post(d, 30 - i32::from(p.min(29)));
                    }
                }
            }
            Plan::Scored(toks) => {
                for &(t, s) in toks {
                    let s = s.clamp(1, i64::from(i32::MAX)) as i32;
                    for (&d, _) in list(t) {
                        acc.post(d, s);
                    }
                }
            }
            Plan::Verify { .. } | Plan::Never => {}
        }
    }

    /// Estimated work of a plan (postings it reads), to run the rarest word first.
    fn cost(&self, plan: &Plan) -> usize {
        let size = |t: usize| (self.offsets[t + 1] - self.offsets[t]) as usize;
        match plan {
            Plan::Prefix { range, .. } => {
                self.offsets[range.end] as usize - self.offsets[range.start] as usize
            }
            Plan::Initial { initial, .. } => initial.map_or(0, |c| {
                (self.init_offsets[c + 1] - self.init_offsets[c]) as usize
            }),
            Plan::Typo(toks) => toks.iter().map(|&t| size(t)).sum(),
            Plan::Scored(toks) => toks.iter().map(|&(t, _)| size(t)).sum(),
            Plan::Verify { runs, .. } => runs.iter().map(|r| self.cost(r)).min().unwrap_or(0),
            Plan::Never => 0,
        }
    }

    /// Texts matching every plan, scored by the sum of each plan's best score in them.
    fn run<'t>(
        &self,
        plans: &[Plan],
        text: &dyn Fn(u32) -> Cow<'t, str>,
        accept: &dyn Fn(u32) -> bool,
        limit: usize,
    ) -> Hits {
        let mut order: Vec<&Plan> = plans.iter().collect();
        order.sort_by_key(|p| self.cost(p));
        let mut acc = Accumulator::new(self.len);
        for plan in order {
            match plan {
                Plan::Verify { runs, word } => {
                    let mut inner = Accumulator::new(self.len);
                    for r in runs {
                        self.postings(r, &mut inner);
                        inner.end_round();
                    }
                    for d in inner.matched() {
                        if let Some((s, _)) = crate::app::picker::word_match(&text(d), word) {
                            acc.post(d, s as i32);
                        }
                    }
                }
                _ => self.postings(plan, &mut acc),
            }
            acc.end_round();
            if acc.last.is_empty() {
                break;
            }
        }
        let found: Vec<u32> = acc.matched().into_iter().filter(|&d| accept(d)).collect();
        let total = found.len();
        Hits {
            top: best(&found, &acc.sum, limit),
            total,
        }
    }
}

/// The best `limit` of `found` (ascending text ids) by `score[id]`, ties by id. Word scores
/// are small integers, so a histogram finds the cut in two passes; large (fuzzy) scores are
/// selected by sorting.
fn best(found: &[u32], score: &[i32], limit: usize) -> Vec<(i64, u32)> {
    let by_rank = |a: &(i64, u32), b: &(i64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    let max = found.iter().map(|&d| score[d as usize]).max().unwrap_or(0);
    let mut top: Vec<(i64, u32)> = if found.len() <= limit || !(0..=4096).contains(&max) {
        let mut all: Vec<(i64, u32)> = found
            .iter()
            .map(|&d| (i64::from(score[d as usize]), d))
            .collect();
        if all.len() > limit && limit > 0 {
            all.select_nth_unstable_by(limit - 1, by_rank);
        }
        all.truncate(limit);
        all
    } else {
        let mut count = vec![0usize; max as usize + 1];
        for &d in found {
            count[score[d as usize].max(0) as usize] += 1;
        }
        // the lowest score kept, and how many texts with exactly that score fit
        let (mut cut, mut room) = (max, limit);
        while cut > 0 && count[cut as usize] < room {
            room -= count[cut as usize];
            cut -= 1;
        }
        let mut top = Vec::with_capacity(limit);
        for &d in found {
            let s = score[d as usize];
            if s > cut || (s == cut && room > 0) {
                if s == cut {
                    room -= 1;
                }
                top.push((i64::from(s), d));
            }
        }
        top
    };
    top.sort_unstable_by(by_rank);
    top
}

/// Texts matching every plan so far: dense arrays over text ids (a few bytes per text per
/// query, far cheaper than hashing at 250,000 texts). A round is the postings of one plan
/// ([`Accumulator::post`]) closed by [`Accumulator::end_round`].
struct Accumulator {
    /// Rounds closed so far.
    rounds: u16,
    /// Per text: how many rounds it matched.
    hits: Vec<u16>,
    /// Per text: the sum of its best score in each round.
    sum: Vec<i32>,
    /// Per text: its best score in the current round (0: none yet).
    best: Vec<i32>,
    /// Texts seen in the current round.
    touched: Vec<u32>,
    /// Texts that matched every round (in no particular order).
    last: Vec<u32>,
}

impl Accumulator {
    fn new(len: usize) -> Accumulator {
        Accumulator {
            rounds: 0,
            hits: vec![0; len],
            sum: vec![0; len],
            best: vec![0; len],
            touched: Vec::new(),
            last: Vec::new(),
        }
    }

    /// Text `d` holds a token of the current plan, scoring `s` (> 0); ignored unless it
    /// matched every earlier round.
    #[inline]
    fn post(&mut self, d: u32, s: i32) {
        let i = d as usize;
        if self.hits[i] != self.rounds || s <= 0 {
            return;
        }
        if self.best[i] == 0 {
            self.touched.push(d);
        }
        self.best[i] = self.best[i].max(s);
    }

    /// Closes a round: the texts seen in it (and every earlier one) stay.
    fn end_round(&mut self) {
        for &d in &self.touched {
            let i = d as usize;
            self.hits[i] += 1;
            self.sum[i] += self.best[i];
            self.best[i] = 0;
        }
        self.rounds += 1;
        self.last = std::mem::take(&mut self.touched);
    }

    /// Texts that matched every round, ascending.
    fn matched(&self) -> Vec<u32> {
        if self.rounds == 0 {
            return Vec::new();
        }
        if self.last.len() * 8 < self.hits.len() {
            let mut v = self.last.clone();
            v.sort_unstable();
            return v;
        }
        (0..self.hits.len() as u32)
            .filter(|&d| self.hits[d as usize] == self.rounds)
            .collect()
    }
}

/// A 64-bit set of the characters of `s` (hashed by code point), for skipping tokens that
/// lack a character of a fuzzy query before skim scores them.
fn char_mask(s: &str) -> u64 {
    s.chars()
        .flat_map(char::to_lowercase)
        .fold(0, |m, c| m | 1u64 << (c as u32 % 64))
}

/// `v` without its character at `skip`.
fn without(v: &[char], skip: usize) -> impl Iterator<Item = char> + '_ {
    v.iter()
        .enumerate()
        .filter(move |&(i, _)| i != skip)
        .map(|(_, &c)| c)
}

/// True when `word` is at most one edit from a prefix of the token whose first characters
/// (at least `word.len() + 1` of them when it has them) are `head`: one character
/// substituted, inserted, deleted, or two neighbours swapped.
pub fn one_edit_prefix(word: &[char], head: &[char]) -> bool {
    let n = word.len();
    // same length: one substitution or one swap of neighbours
    if head.len() >= n {
        let h = &head[..n];
        let diff: Vec<usize> = (0..n).filter(|&i| word[i] != h[i]).collect();
        match diff.as_slice() {
            [] | [_] => return true,
            [a, b] if *b == a + 1 && word[*a] == h[*b] && word[*b] == h[*a] => return true,
            _ => {}
        }
    }
    // one extra character typed: `word` without it is a prefix
    if n >= 1
        && head.len() + 1 >= n
        && (0..n).any(|skip| without(word, skip).eq(head[..n - 1].iter().copied()))
    {
        return true;
    }
    // one character missed: the token's first n + 1 characters without one are `word`
    head.len() > n && (0..=n).any(|skip| without(&head[..=n], skip).eq(word.iter().copied()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::picker::word_match;

    const TEXTS: &[&str] = &[
        "Russia has achieved a diplomatic win.",
        "The White House wanted an immediate ceasefire.",
        "Trump wins praise",
        "Windows were broken",
        "Путин обсудил перемирие с Трампом.",
        "The U.S. and Ukraine signed a minerals deal.",
        "COVID-19 cases rose in Kyiv.",
    ];

    fn index() -> WordIndex {
        WordIndex::build(TEXTS.iter().copied())
    }

    /// Exact search, then typo-tolerant search when nothing matched (as the picker does).
    fn search(ix: &WordIndex, q: &str) -> Hits {
        let text = |d: u32| Cow::Borrowed(TEXTS[d as usize]);
        let exact = ix.search(q, false, &text, &|_| true, 100);
        if exact.total > 0 {
            return exact;
        }
        ix.search(q, true, &text, &|_| true, 100)
    }

    fn ids(h: &Hits) -> Vec<u32> {
        h.top.iter().map(|&(_, d)| d).collect()
    }

    /// The same answer as scanning every text with `word_match` (the search before the index).
    fn scan(q: &str) -> Vec<(i64, u32)> {
        let mut v: Vec<(i64, u32)> = TEXTS
            .iter()
            .enumerate()
            .filter_map(|(i, t)| word_match(t, q).map(|(s, _)| (s, i as u32)))
            .collect();
        v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        v
    }

    #[test]
    fn prefixes_and_whole_words_rank_as_the_scan_did() {
        let ix = index();
        for q in [
            "win", "w", "wi", "the", "pra", "zzz", "u.s", "u.s.", "covid-19", "cov",
        ] {
            assert_eq!(search(&ix, q).top, scan(q), "{q}");
        }
        assert_eq!(
            ids(&search(&ix, "win")),
            [0, 3, 2],
            "whole word first, then prefixes"
        );
    }

    #[test]
    fn every_word_must_match_in_any_order() {
        let ix = index();
        for q in [
            "white cease",
            "cease white",
            "the wanted house",
            "trump win",
            "the win",
        ] {
            assert_eq!(search(&ix, q).top, scan(q), "{q}");
        }
        assert_eq!(ids(&search(&ix, "house ceasefire")), [1]);
        assert!(search(&ix, "house russia").top.is_empty());
    }

    #[test]
    fn cyrillic_words_are_tokens_and_case_folds() {
        let ix = index();
        assert_eq!(ids(&search(&ix, "путин")), [4]);
        assert_eq!(ids(&search(&ix, "ПЕРЕМ")), [4]);
        assert_eq!(search(&ix, "трамп").top, scan("трамп"));
        let t = tokens("Путин обсудил");
        assert_eq!(t, [("путин".to_string(), 0), ("обсудил".to_string(), 6)]);
    }

    #[test]
    fn the_last_word_tolerates_one_typo_only_when_nothing_matches() {
        let ix = index();
        assert_eq!(ids(&search(&ix, "diplomtic")), [0], "a missed letter");
        assert_eq!(ids(&search(&ix, "trupm")), [2], "swapped neighbours");
        assert_eq!(ids(&search(&ix, "whute")), [1], "one wrong letter");
        assert_eq!(ids(&search(&ix, "путн")), [4], "Cyrillic too");
        assert!(search(&ix, "wxyz").top.is_empty(), "two edits are too many");
        assert!(
            search(&ix, "wn").top.is_empty(),
            "short words need an exact start"
        );
        // an exact match wins: no typo matches are added to it
        assert_eq!(ids(&search(&ix, "wins")), [2]);
    }

    #[test]
    fn empty_queries_match_nothing_and_limits_keep_the_best() {
        let ix = index();
        assert_eq!(search(&ix, "").total, 0);
        assert_eq!(search(&ix, "   ").total, 0);
        let all = search(&ix, "w");
        let two = ix.search(
            "w",
            false,
            &|d| Cow::Borrowed(TEXTS[d as usize]),
            &|_| true,
            2,
        );
        assert_eq!(two.total, all.total);
        assert_eq!(two.top, all.top[..2]);
        let no_trump = ix.search(
            "w",
            false,
            &|d| Cow::Borrowed(TEXTS[d as usize]),
            &|d| d != 2,
            9,
        );
        assert!(!ids(&no_trump).contains(&2));
        assert_eq!(no_trump.total, all.total - 1);
    }

    #[test]
    fn the_answer_depends_on_the_texts_alone() {
        let texts: Vec<String> = (0..2000)
            .map(|i| {
                format!(
                    "ceasefire talks round {} in city{:02} with tie",
                    i % 7,
                    i % 13
                )
            })
            .collect();
        let a = WordIndex::build(texts.iter().map(String::as_str));
        let b = WordIndex::build(texts.iter().map(String::as_str));
        let q = |ix: &WordIndex| {
            ix.search(
                "tie ci",
                false,
                &|d| Cow::Borrowed(&texts[d as usize]),
                &|_| true,
                50,
            )
        };
        assert_eq!(q(&a), q(&b));
        let hits = q(&a);
        assert_eq!(hits.total, 2000);
        // equal scores come in text order
        assert_eq!(ids(&hits), (0..50).collect::<Vec<u32>>());
        assert_eq!(a.vocab, b.vocab);
    }

    /// `n` texts of 1-9 words of `words`, from the xorshift state `x`.
    fn generated(words: &[&str], n: usize, mut x: u64) -> Vec<String> {
        (0..n)
            .map(|_| {
                let k = 1 + (x % 9) as usize;
                (0..k)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        words[(x % words.len() as u64) as usize]
                    })
                    .collect::<Vec<_>>()
                    .join(if x.is_multiple_of(3) { ", " } else { " " })
            })
            .collect()
    }

    #[test]
    fn an_index_rebuilt_after_a_change_equals_one_built_afresh() {
        let words = [
            "win",
            "wins",
            "U.S.",
            "Путин",
            "путина",
            "talks",
            "Talk",
            "a",
            "ab",
            "über",
            "x",
            "zeta",
            "ζ",
        ];
        let before = generated(&words, 300, 0x2545_F491_4F6C_DD1D);
        let old = WordIndex::build(&before);
        // removed (every 7th), changed (every 11th), moved (reversed in blocks of 50, so
        // new ids are not in the old order), and new texts (some with words never seen)
        let added = generated(&["brandnew", "win", "Ωmega", "x"], 40, 7);
        let mut after: Vec<(Option<usize>, String)> = Vec::new();
        for (i, t) in before.iter().enumerate() {
            if i % 7 == 3 {
                continue;
            }
            if i % 11 == 5 {
                after.push((None, format!("{t} changed")));
            } else {
                after.push((Some(i), t.clone()));
            }
            if i % 9 == 0 {
                after.push((None, added[i / 9].clone()));
            }
        }
        for block in after.chunks_mut(50) {
            block.reverse();
        }
        let mut map = vec![GONE; before.len()];
        let mut fresh = Vec::new();
        for (d, (from, text)) in after.iter().enumerate() {
            match from {
                Some(i) => map[*i] = d as u32,
                None => fresh.push((d as u32, text.as_str())),
            }
        }
        let texts: Vec<&str> = after.iter().map(|(_, t)| t.as_str()).collect();
        let rebuilt = old.rebuild(&map, texts.len(), fresh);
        assert_eq!(rebuilt, WordIndex::build(&texts));
        assert!(rebuilt.vocab.iter().any(|w| &**w == "brandnew"));
        // a word only in removed texts is gone from the vocabulary, as in a fresh build
        let emptied = old.rebuild(&vec![GONE; before.len()], 1, [(0, "only this")]);
        assert_eq!(emptied, WordIndex::build(["only this"]));
    }

    #[test]
    fn generated_texts_answer_as_the_scan_does() {
        const WORDS: &[&str] = &[
            "win",
            "wins",
            "window",
            "U.S.",
            "u.s.-led",
            "Путин",
            "путина",
            "перемирие",
            "COVID-19",
            "talks",
            "Talk",
            "a",
            "ab",
            "abc",
            "Über",
            "über-rich",
            "x",
        ];
        let texts = generated(WORDS, 400, 0x9E37_79B9_7F4A_7C15);
        let ix = WordIndex::build(&texts);
        let queries = [
            "w",
            "win",
            "WIN wi",
            "u",
            "u.s",
            "u.s.",
            "u.s.-",
            "u.s.-l",
            "путин",
            "ПУТ пер",
            "covid-1",
            "covid-19",
            "über",
            "über-r",
            "a ab abc",
            "-x",
            "x x",
            "talk",
            "zz",
        ];
        for q in queries {
            let text = |d: u32| Cow::Borrowed(texts[d as usize].as_str());
            let got = ix.search(q, false, &text, &|_| true, usize::MAX);
            let mut want: Vec<(i64, u32)> = texts
                .iter()
                .enumerate()
                .filter_map(|(i, t)| word_match(t, q).map(|(s, _)| (s, i as u32)))
                .collect();
            want.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            assert_eq!(got.total, want.len(), "{q}");
            assert_eq!(got.top, want, "{q}");
        }
    }

    #[test]
    fn fuzzy_queries_match_words_by_skim() {
        let ix = index();
        let m = SkimMatcherV2::default().smart_case();
        let h = ix.fuzzy_search("dplmtc", &m, &|_| true, 10);
        assert_eq!(ids(&h), [0]);
        let h = ix.fuzzy_search("hse cfire", &m, &|_| true, 10);
        assert_eq!(ids(&h), [1]);
        assert_eq!(ix.fuzzy_search("", &m, &|_| true, 10).total, 0);
    }

    #[test]
    fn one_edit_prefixes() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        let ok = |w: &str, t: &str| one_edit_prefix(&c(w), &c(t));
        assert!(ok("putin", "putin"));
        assert!(ok("putni", "putin"));
        assert!(ok("ptin", "putin"));
        assert!(ok("puttin", "putin"));
        assert!(ok("pxtin", "putin"));
        assert!(ok("puti", "putins"));
        assert!(!ok("pxtxn", "putin"));
        assert!(!ok("abcd", "ab"));
    }
}
