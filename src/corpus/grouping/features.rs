//! TF-IDF features of articles for grouping: stemmed content words (titles count double),
//! names and numbers (see [`Vectoriser::distinctive`]), weighted and L2-normalised.
//!
//! Terms are identified by a 64-bit hash of their text while counting (no shared vocabulary,
//! so articles are read on several threads), then renumbered densely in hash order, so term
//! ids, float sums and with them every grouping decision follow the input alone.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use super::Vector;
use std::sync::Arc;

use crate::corpus::model::Article;
use crate::corpus::parallel;

const EN_STOP: &str = "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own said same says she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves mr mrs ms one two new year years told tuesday monday wednesday thursday friday saturday sunday";
const RU_STOP: &str = "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между также это заявил года году";

/// Weight of a name feature against a topic word of the same TF-IDF.
const NAME_WEIGHT: f32 = 1.5;
/// Weight of a number feature (a death toll, an age, a year) against a topic word.
const NUMBER_WEIGHT: f32 = 3.0;
/// At most this many terms (the heaviest) are kept per article after normalising: the
/// rest weigh too little to move a cosine, and 40,000 long articles must fit in memory.
const MAX_TERMS: usize = 600;

/// The kind of a feature, kept in the two top bits of its key.
#[derive(Clone, Copy)]
enum Kind {
    Word = 0,
    Name = 1,
    Number = 2,
}

fn key(kind: Kind, text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    (h.finish() >> 2) | ((kind as u64) << 62)
}

fn kind_weight(key: u64) -> f32 {
    match key >> 62 {
        1 => NAME_WEIGHT,
        2 => NUMBER_WEIGHT,
        _ => 1.0,
    }
}

/// Tokeniser and stemmer for one thread, with a cache of the words it has seen.
pub(super) struct Vectoriser {
    en: Stemmer,
    ru: Stemmer,
    stop: std::collections::HashSet<&'static str>,
    /// lower-cased word -> its stem's key (`None`: not a content word)
    cache: HashMap<String, Option<u64>>,
}

impl Vectoriser {
    pub(super) fn new() -> Self {
        Self {
            en: Stemmer::create(Algorithm::English),
            ru: Stemmer::create(Algorithm::Russian),
            stop: EN_STOP
                .split_whitespace()
                .chain(RU_STOP.split_whitespace())
                .collect(),
            cache: HashMap::new(),
        }
    }

    fn word_key(&mut self, word: &str) -> Option<u64> {
        if let Some(k) = self.cache.get(word) {
            return *k;
        }
        let lower = word.to_lowercase();
        let k = if lower.chars().count() < 3
            || self.stop.contains(lower.as_str())
            || lower.chars().all(|c| c.is_numeric())
        {
            None
        } else {
            let cyrillic = lower
                .chars()
                .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
            let stem = if cyrillic {
                self.ru.stem(&lower)
            } else {
                self.en.stem(&lower)
            };
            Some(key(Kind::Word, &stem))
        };
        if self.cache.len() < 200_000 {
            self.cache.insert(word.to_string(), k);
        }
        k
    }

    /// Adds the content words of `text` to `out` with `weight` each.
    pub(super) fn terms(&mut self, text: &str, out: &mut HashMap<u64, f32>, weight: f32) {
        for w in text.unicode_words() {
            if let Some(k) = self.word_key(w) {
                *out.entry(k).or_insert(0.0) += weight;
            }
        }
    }

    /// What tells two look-alike events apart: names (capitalised words that do not open a
    /// sentence, each alone and, when several follow each other, the whole sequence) and
    /// numbers (counts, ages, magnitudes, days and years written in the text). They are
    /// features of their own, weighted up ([`NAME_WEIGHT`], [`NUMBER_WEIGHT`]).
    pub(super) fn distinctive(&self, text: &str, out: &mut HashMap<u64, f32>) {
        for (kind, feature) in self.distinctive_features(text) {
            *out.entry(key(kind, &feature)).or_insert(0.0) += 1.0;
        }
    }

    /// The names (`n:`), name sequences (`nn:`) and numbers (`#:`) of `text`, in order.
    fn distinctive_features(&self, text: &str) -> Vec<(Kind, String)> {
        let mut out = Vec::new();
        let mut run: Vec<String> = Vec::new();
        let mut run_end = 0usize;
        let flush = |run: &mut Vec<String>, out: &mut Vec<(Kind, String)>| {
            if run.len() > 1 {
                out.push((Kind::Name, format!("nn:{}", run.join(" "))));
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
                flush(&mut run, &mut out);
                let digits: String = w.chars().filter(|&c| c != ',').collect();
                out.push((Kind::Number, format!("#:{digits}")));
                run_end = start + w.len();
                continue;
            }
            let capitalised = first.is_uppercase() && w.chars().count() > 1 && {
                let lower = w.to_lowercase();
                !self.stop.contains(lower.as_str())
            };
            if !capitalised {
                flush(&mut run, &mut out);
            } else {
                if !run.is_empty() && !gap.chars().all(char::is_whitespace) {
                    flush(&mut run, &mut out);
                }
                if !opens_sentence || !run.is_empty() {
                    let lower = w.to_lowercase();
                    out.push((Kind::Name, format!("n:{lower}")));
                    run.push(lower);
                }
            }
            run_end = start + w.len();
        }
        flush(&mut run, &mut out);
        out
    }
}

/// The term counts of a contiguous chunk of articles, with term ids local to the chunk
/// (8 bytes a term instead of 16 with the 64-bit key; 40,000 articles hold millions).
struct ChunkCounts {
    /// local id -> key
    keys: Vec<u64>,
    /// local id -> number of the chunk's articles with the term
    df: Vec<u32>,
    /// per article: (local id, count)
    rows: Vec<Vec<(u32, f32)>>,
}

/// Adds an article's features to `buf` (emptied first): title words count double, body
/// words once, names and numbers from the body only (headlines are often in title case).
fn count(v: &mut Vectoriser, a: &Article, buf: &mut HashMap<u64, f32>) {
    buf.clear();
    v.terms(&a.title, buf, 2.0);
    // text left on disk is read back (one that cannot be read adds nothing); names and
    // numbers from the body only: headlines are often in title case
    let body = a.text().unwrap_or_default();
    v.terms(&body, buf, 1.0);
    v.distinctive(&body, buf);
}

fn count_chunk(chunk: &[Arc<Article>]) -> ChunkCounts {
    let mut v = Vectoriser::new();
    let mut buf = HashMap::new();
    let mut local: HashMap<u64, u32> = HashMap::new();
    let mut out = ChunkCounts {
        keys: Vec::new(),
        df: Vec::new(),
        rows: Vec::with_capacity(chunk.len()),
    };
    for a in chunk {
        count(&mut v, a, &mut buf);
        let row = buf
            .iter()
            .map(|(&k, &c)| {
                let id = *local.entry(k).or_insert_with(|| {
                    out.keys.push(k);
                    out.df.push(0);
                    (out.keys.len() - 1) as u32
                });
                out.df[id as usize] += 1;
                (id, c)
            })
            .collect();
        out.rows.push(row);
    }
    out
}

/// The document frequencies a grouping weighed its features with: the number of articles
/// `n` and, for every feature at least two articles have (the only ones a vector keeps), its
/// key and frequency, and the same counted over the dated articles near each day
/// ([`TimeDf`]). Term id `t` of a [`Vector`] is `keys[t]`. What an incremental update
/// stores to weigh a new article as the last full run would have (docs/scaling.md, "Cache").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Articles counted.
    pub n: u32,
    /// Keys of the shared features, sorted (the term ids' order).
    pub keys: Vec<u64>,
    /// Each shared feature's document frequency (same order as `keys`).
    pub df: Vec<u32>,
    /// The frequencies of the days around each dated article.
    pub time: TimeDf,
}

/// Time-local document frequencies (docs/grouping.md, "Time-local IDF"): a dated article's
/// features are weighed by how many of the dated articles within [`TimeDf::window`] days of
/// it have them, so words that many stories of the same weeks share stay light, however rare
/// they are in the rest of an archive. An undated article, or one with fewer than
/// [`TimeDf::min_articles`] dated articles in its window, is weighed over the whole corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TimeDf {
    /// Half-width of the window in days; negative: time-local weights are off.
    pub window: i32,
    /// Dated articles a window must hold for its frequencies to be used.
    pub min_articles: u32,
    /// The blocking days of the dated articles, sorted.
    pub days: Vec<i32>,
    /// Where each shared feature's days start in `term_days` (term id order), and one more
    /// entry: the end.
    pub starts: Vec<u32>,
    /// The blocking days of the dated articles having each shared feature, sorted, one
    /// feature after another.
    pub term_days: Vec<i32>,
}

/// How many of the sorted `days` lie within `window` days of `day`.
fn within(days: &[i32], day: i32, window: i32) -> u32 {
    let lo = days.partition_point(|&x| x < day.saturating_sub(window));
    let hi = days.partition_point(|&x| x <= day.saturating_add(window));
    (hi - lo) as u32
}

impl TimeDf {
    /// The days of shared feature `id`.
    fn of(&self, id: u32) -> &[i32] {
        let (a, b) = (self.starts[id as usize], self.starts[id as usize + 1]);
        &self.term_days[a as usize..b as usize]
    }

    /// Counts the shared features of the dated articles: `rows` yields, for each dated
    /// article in order of day (then of index), its day and its shared features' ids
    /// (distinct), and is read twice. Memory: 4 bytes per (dated article, shared feature).
    fn count<'r, I>(window: i32, min_articles: u32, terms: usize, rows: impl Fn() -> I) -> Self
    where
        I: Iterator<Item = (i32, &'r [u32])>,
    {
        let mut starts = vec![0u32; terms + 1];
        let mut days = Vec::new();
        for (day, ids) in rows() {
            days.push(day);
            for &id in ids {
                starts[id as usize + 1] += 1;
            }
        }
        // counts -> starts: each entry the sum of the counts before it
        let mut sum = 0;
        for s in &mut starts {
            sum += *s;
            *s = sum;
        }
        let mut next: Vec<u32> = starts[..terms].to_vec();
        let mut term_days = vec![0i32; starts[terms] as usize];
        // rows come by day, so each feature's days are filled in order
        for (day, ids) in rows() {
            for &id in ids {
                term_days[next[id as usize] as usize] = day;
                next[id as usize] += 1;
            }
        }
        Self {
            window,
            min_articles,
            days,
            starts,
            term_days,
        }
    }

    /// The day and the number of dated articles of an article's window, when its weights are
    /// time-local.
    fn local(&self, day: Option<i32>) -> Option<(i32, u32)> {
        let d = day.filter(|_| self.window >= 0)?;
        let n = within(&self.days, d, self.window);
        (n >= self.min_articles.max(1)).then_some((d, n))
    }
}

impl Table {
    /// The term id of a key, when the feature is shared.
    fn id(&self, k: u64) -> Option<u32> {
        self.keys.binary_search(&k).ok().map(|i| i as u32)
    }

    /// IDF x kind weight of a key of id `id`: `ln((1 + n) / (1 + df)) + 1`, over the corpus
    /// or, with `local` (a day and its window's article count, [`TimeDf::local`]), over the
    /// dated articles of that window; `df` at least 1 (for a feature the table does not
    /// hold: in the full run, the one article that has it).
    fn weight(&self, k: u64, id: Option<u32>, local: Option<(i32, u32)>) -> f32 {
        let (n, df) = match local {
            None => (self.n, id.map_or(1, |i| self.df[i as usize])),
            Some((d, n)) => (
                n,
                id.map_or(1, |i| within(self.time.of(i), d, self.time.window))
                    .max(1),
            ),
        };
        (((1.0 + n as f32) / (1.0 + df as f32)).ln() + 1.0) * kind_weight(k)
    }

    /// Whether the table is internally consistent (a stored one may be damaged).
    pub fn is_consistent(&self) -> bool {
        let t = &self.time;
        self.keys.len() == self.df.len()
            && self.keys.windows(2).all(|w| w[0] < w[1])
            && t.starts.len() == self.keys.len() + 1
            && t.starts.first() == Some(&0)
            && t.starts.windows(2).all(|w| w[0] <= w[1])
            && t.starts.last().map(|&e| e as usize) == Some(t.term_days.len())
            && t.days.windows(2).all(|w| w[0] <= w[1])
            && t.starts.windows(2).all(|w| {
                t.term_days[w[0] as usize..w[1] as usize]
                    .windows(2)
                    .all(|d| d[0] <= d[1])
            })
    }
}

/// Reads one article's vector with the frequencies of `table`, one article at a time (for
/// incremental updates). For an article of the table's corpus it is the vector [`vectorise`]
/// gave, to the last bit: the same counts, weights and summing order.
pub(super) struct Reweigher<'t> {
    table: &'t Table,
    v: Vectoriser,
    buf: HashMap<u64, f32>,
}

impl<'t> Reweigher<'t> {
    pub(super) fn new(table: &'t Table) -> Self {
        Self {
            table,
            v: Vectoriser::new(),
            buf: HashMap::new(),
        }
    }

    /// The vector of `a`, whose blocking day is `day` (days since the common era).
    pub(super) fn vector(&mut self, a: &Article, day: Option<i32>) -> Vector {
        count(&mut self.v, a, &mut self.buf);
        let mut keys: Vec<u64> = Vec::with_capacity(self.buf.len());
        let mut row: Vec<(u32, f32)> = Vec::with_capacity(self.buf.len());
        for (&k, &c) in &self.buf {
            row.push((keys.len() as u32, c));
            keys.push(k);
        }
        let local = self.table.time.local(day);
        let table = self.table;
        weigh(row, |l| {
            let k = keys[l as usize];
            let id = table.id(k);
            (id, table.weight(k, id, local))
        })
    }
}

/// TF-IDF vectors of `articles` (one per article, same order), read on `threads` threads;
/// `days` are the articles' blocking days (days since the common era), `time` the window
/// and least article count of time-local weights ([`TimeDf`]).
/// Weights: `(1 + ln tf) * (ln((1 + n) / (1 + df)) + 1) * kind`, L2-normalised over all of
/// an article's terms; terms no other article has (they add nothing to a cosine) and all
/// but the [`MAX_TERMS`] heaviest are then dropped from the stored vector.
#[cfg(test)]
pub(super) fn vectorise(
    articles: &[Arc<Article>],
    days: &[Option<i32>],
    time: (i32, u32),
    threads: usize,
) -> Vec<Vector> {
    vectorise_table(articles, days, time, threads).0
}

/// [`vectorise`], with the frequency table the vectors were weighed with.
pub(super) fn vectorise_table(
    articles: &[Arc<Article>],
    days: &[Option<i32>],
    time: (i32, u32),
    threads: usize,
) -> (Vec<Vector>, Table) {
    let chunks: Vec<ChunkCounts> =
        parallel::map_chunks(articles, threads, |_, chunk| vec![count_chunk(chunk)]);
    let mut df: HashMap<u64, u32> = HashMap::new();
    for c in &chunks {
        for (k, n) in c.keys.iter().zip(&c.df) {
            *df.entry(*k).or_insert(0) += n;
        }
    }
    // dense ids in key order: a vector sorted by key is sorted by id
    let mut shared: Vec<(u64, u32)> = df.into_iter().filter(|&(_, n)| n > 1).collect();
    shared.sort_unstable();
    let mut table = Table {
        n: articles.len() as u32,
        keys: shared.iter().map(|s| s.0).collect(),
        df: shared.iter().map(|s| s.1).collect(),
        time: TimeDf::default(),
    };
    drop(shared);
    // per chunk: local id -> global id
    let ids: Vec<Vec<Option<u32>>> = chunks
        .iter()
        .map(|c| c.keys.iter().map(|&k| table.id(k)).collect())
        .collect();
    table.time = time_df(&chunks, &ids, days, time, table.keys.len());
    let vectors = std::thread::scope(|s| {
        let table = &table;
        let mut offset = 0;
        let handles: Vec<_> = chunks
            .into_iter()
            .zip(&ids)
            .map(|(c, ids)| {
                let days = &days[offset..offset + c.rows.len()];
                offset += c.rows.len();
                s.spawn(move || {
                    // local id -> idf x kind weight over the corpus
                    let global: Vec<f32> = c
                        .keys
                        .iter()
                        .zip(ids)
                        .map(|(&k, &id)| table.weight(k, id, None))
                        .collect();
                    c.rows
                        .into_iter()
                        .zip(days)
                        .map(|(row, &day)| match table.time.local(day) {
                            None => weigh(row, |l| (ids[l as usize], global[l as usize])),
                            Some(local) => weigh(row, |l| {
                                let id = ids[l as usize];
                                (id, table.weight(c.keys[l as usize], id, Some(local)))
                            }),
                        })
                        .collect::<Vec<Vector>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    (vectors, table)
}

/// The [`TimeDf`] of the counted chunks (`ids`: each chunk's local -> global ids; `time`:
/// window and least article count).
fn time_df(
    chunks: &[ChunkCounts],
    ids: &[Vec<Option<u32>>],
    days: &[Option<i32>],
    (window, min_articles): (i32, u32),
    terms: usize,
) -> TimeDf {
    // (day, chunk, row) of every dated article, by day then index; none when off
    let mut dated: Vec<(i32, u32, u32)> = Vec::new();
    let mut offset = 0;
    for (n, c) in chunks.iter().enumerate() {
        let chunk_days = &days[offset..offset + c.rows.len()];
        for (r, day) in chunk_days.iter().enumerate() {
            if let Some(d) = day.filter(|_| window >= 0) {
                dated.push((d, n as u32, r as u32));
            }
        }
        offset += c.rows.len();
    }
    dated.sort_unstable();
    let shared = |&(d, n, r): &(i32, u32, u32)| -> (i32, Vec<u32>) {
        let ids = &ids[n as usize];
        let row = &chunks[n as usize].rows[r as usize];
        (
            d,
            row.iter().filter_map(|&(l, _)| ids[l as usize]).collect(),
        )
    };
    let rows: Vec<(i32, Vec<u32>)> = dated.iter().map(shared).collect();
    drop(dated);
    TimeDf::count(window, min_articles, terms, || {
        rows.iter().map(|(d, r)| (*d, r.as_slice()))
    })
}

/// One article's vector from its local counts: `weight` gives a local id's global id (if
/// shared) and its idf x kind weight (see [`vectorise`]).
fn weigh(row: Vec<(u32, f32)>, weight: impl Fn(u32) -> (Option<u32>, f32)) -> Vector {
    let mut weighted: Vec<(Option<u32>, f32)> = row
        .into_iter()
        .map(|(l, tf)| {
            let (id, w) = weight(l);
            (id, (1.0 + tf.ln()) * w)
        })
        .collect();
    // the norm is summed in a fixed order (weights sorted), whatever the hash map gave
    weighted.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let norm = weighted.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let mut vec: Vector = weighted
        .into_iter()
        .filter_map(|(id, w)| id.map(|id| (id, w / norm.max(f32::MIN_POSITIVE))))
        .collect();
    if vec.len() > MAX_TERMS {
        vec.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        vec.truncate(MAX_TERMS);
    }
    vec.sort_unstable_by_key(|&(id, _)| id);
    // collected through a filter, the vector may hold twice its length
    vec.shrink_to_fit();
    vec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_are_features_of_their_own() {
        let v = Vectoriser::new();
        let out: Vec<String> = v
            .distinctive_features(
                "Rescuers in Los Angeles said 2,300 homes flooded. The Saints lost 24-10.",
            )
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        for key in [
            "n:los",
            "n:angeles",
            "nn:los angeles",
            "#:2300",
            "#:24",
            "#:10",
        ] {
            assert!(out.iter().any(|s| s == key), "{key} missing from {out:?}");
        }
        // "Rescuers" opens a sentence; "Saints" follows "The", a stop word, so it is a name
        assert!(!out.iter().any(|s| s == "n:rescuers"), "{out:?}");
        assert!(out.iter().any(|s| s == "n:saints"), "{out:?}");
    }

    #[test]
    fn vectors_do_not_depend_on_threads() {
        let arts: Vec<Arc<Article>> = (0..50)
            .map(|i| {
                Arc::new(crate::corpus::grouping::tests::art(
                    &format!("o{}", i % 7),
                    "2025-03-01",
                    &format!("Headline {}", i % 5),
                    &format!(
                        "Storm number {} hit Springfield and Shelbyville; {} homes lost power.",
                        i % 9,
                        i * 10
                    ),
                ))
            })
            .collect();
        // every third undated, the rest over 20 days; windows of 3 days hold at least 4
        let days: Vec<Option<i32>> = (0..50)
            .map(|i| (i % 3 != 0).then_some(738_000 + i * 7 % 20))
            .collect();
        let time = (3, 4);
        let one = vectorise(&arts, &days, time, 1);
        assert_eq!(vectorise(&arts, &days, time, 3), one);
        // time-local weights change the dated articles' vectors, not the undated ones'
        let global = vectorise(&arts, &days, (-1, 4), 2);
        assert_ne!(global[1], one[1]);
        assert_eq!(global[0], one[0]);
        // one article at a time with the stored table: the same vectors, to the last bit
        let (_, table) = vectorise_table(&arts, &days, time, 2);
        assert!(table.is_consistent());
        let mut rw = Reweigher::new(&table);
        let again: Vec<Vector> = arts
            .iter()
            .zip(&days)
            .map(|(a, &d)| rw.vector(a, d))
            .collect();
        assert_eq!(again, one);
        assert!(one.iter().all(|v| v.windows(2).all(|w| w[0].0 < w[1].0)));
    }
}
