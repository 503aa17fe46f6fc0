//! The one place the TUI calls the corpus loader and the analysis engine.
//!
//! Keeping these calls behind three functions means the rest of the TUI depends only on the
//! data model, and tests can drive it with hand-built comparisons.

use std::path::Path;
use std::sync::Arc;

use crate::analysis::{Comparison, WordDiff};
use crate::corpus::live::{Applied, Live};
use crate::corpus::{Corpus, Event};
use crate::ui::sanitize::clean;

use super::search_index::WordIndex;

/// Loads a corpus (slow on big corpora: call it off the UI thread), reporting each stage's
/// progress as it goes. Problems with single files are diagnostics inside the corpus, not
/// errors.
pub fn load_corpus(
    path: &Path,
    progress: &(dyn Fn(crate::corpus::Progress) + Sync),
) -> Result<Corpus, String> {
    Ok(load_live(path, progress).1)
}

/// The load options of the terminal UI: the defaults, without the event index (it serves
/// `compare` alone; writing it would delay every reload).
fn ui_load_options() -> crate::corpus::LoadOptions {
    crate::corpus::LoadOptions {
        event_index: false,
        ..crate::corpus::LoadOptions::default()
    }
}

/// [`load_corpus`], keeping what [`apply_changes`] needs (`None` where changes cannot be
/// applied: they are then loaded whole).
pub fn load_live(
    path: &Path,
    progress: &(dyn Fn(crate::corpus::Progress) + Sync),
) -> (Option<Live>, Corpus) {
    Live::load(path, &ui_load_options(), progress)
}

/// Applies the files `changed` on disk to the corpus `live` holds (slow: off the UI thread):
/// reads those files alone and updates duplicates and events from memory
/// ([`Live::apply`]); where that is not safe, or without `live`, loads the corpus at `path`
/// whole and replaces `live`. `None`: nothing a load reads changed.
pub fn apply_changes(
    live: &mut Option<Live>,
    path: &Path,
    changed: &[std::path::PathBuf],
    progress: &(dyn Fn(crate::corpus::Progress) + Sync),
) -> Option<Corpus> {
    if let Some(l) = live.as_mut() {
        match l.apply(changed, progress) {
            Ok(Applied::Changed(corpus)) => return Some(corpus),
            Ok(Applied::Unchanged) => return None,
            Err(why) => crate::cli::log::debug(format_args!(
                "changed files not applied ({why}); loading the corpus whole"
            )),
        }
    }
    // the old state's records are dropped (and its writes waited for) before the new load
    // reads the cache
    *live = None;
    let (new, corpus) = load_live(path, progress);
    *live = new;
    Some(corpus)
}

/// Compares one event's articles (slow: call it off the UI thread). Reasons name outlets
/// as the corpus does; the corpus term statistics come from the cache when it is on.
pub fn analyse(corpus: &Corpus, event: &Event) -> Result<Comparison, String> {
    analyse_with(corpus, event, &crate::analysis::Backend::Lexical, None)
}

/// [`analyse`] with the similarity backend chosen at start (lexical unless a model was
/// given), reporting embedding progress to `progress`; an embedding error is logged and
/// those claims are compared lexically.
///
/// # Errors
/// An article whose text was left on disk (a streamed JSON Lines dump) and cannot be read
/// back, its file changed since loading: the message names the file and line. The event
/// read back comes with the comparison ([`Comparison::event_read`]) for the views.
pub fn analyse_with(
    corpus: &Corpus,
    event: &Event,
    similarity: &crate::analysis::Backend,
    progress: Option<crate::analysis::ProgressHook>,
) -> Result<Comparison, String> {
    let root = crate::cache::enabled_root();
    let options = crate::analysis::CompareOptions {
        backend: similarity.clone(),
        progress,
        ..crate::cache::terms::compare_options(corpus, root.as_deref())
    };
    // the texts of a streamed dump are read back for this event only
    let loaded = if event.has_stored_text() {
        Some(event.with_text().map_err(|d| d.to_string())?)
    } else {
        None
    };
    let event = loaded.as_ref().unwrap_or(event);
    let mut comparison = crate::analysis::compare(event, &options);
    if let Some(read) = loaded {
        comparison.event_read = Some(Arc::new(read));
    }
    // a model that could not embed the claims is on Problems (the comparison's
    // backend_problem); other errors (the vector cache not written) only in the log
    if let Some(e) = similarity.take_error() {
        crate::cli::log::debug(format_args!("embedding: {e}"));
    }
    Ok(comparison)
}

/// Word-level diff of two claims; `None` when the engine has no diff.
pub fn word_diff(a: &str, b: &str) -> Option<WordDiff> {
    Some(crate::analysis::word_diff(a, b))
}

/// At most this many sentences are indexed for search across events: about four times the
/// 250,000 of a 40,000-article archive. Search answers from the word index
/// ([`crate::app::search_index`]), so a key costs well under a frame at 250,000 sentences
/// (`cargo bench --bench tui -- search_keystroke`, BENCHMARKS.md); the cap bounds memory
/// (about 150 bytes per sentence for the index, besides the text). A larger corpus is
/// searched in its first events, and the status line says so. (Before the word index, every
/// sentence was scanned at each key and the cap was 10,000.)
pub const MAX_INDEXED_SENTENCES: usize = 1_000_000;

/// One sentence of an article, for search across events.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedSentence {
    /// Index of the event in `Corpus::events`.
    pub event: usize,
    /// The article's outlet (shared by its sentences).
    pub outlet: Arc<str>,
    /// Sentence index as claims carry it (`Claim::sentence_index`).
    pub sentence: usize,
    /// The sentence (shared with the next index when the article is unchanged).
    pub text: Arc<str>,
}

/// One row of the word index of a [`TextIndex`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRow {
    /// The title of event `i` (`Corpus::events[i]`).
    Event(usize),
    /// The headline of article `article` of event `event`.
    Headline { event: usize, article: usize },
    /// `TextIndex::sentences[i]`.
    Sentence(usize),
}

/// What search reaches across a corpus without analysing it: every event title, every
/// headline, and the sentences of its articles that would become claims (event and article
/// order; see [`index_text`]), with a word index over all of them.
#[derive(Debug)]
pub struct TextIndex {
    /// The corpus indexed (a reload makes a new one).
    pub corpus: Arc<Corpus>,
    pub sentences: Vec<IndexedSentence>,
    /// Every article as (event index, article index), in corpus order.
    pub headlines: Vec<(u32, u32)>,
    /// Word index over the rows (text id = row, see [`TextIndex::row`]): event titles, then
    /// headlines, then sentences, each as search shows it (`ui::sanitize::clean`), so match
    /// positions are positions in the label shown.
    pub words: WordIndex,
    /// True when [`MAX_INDEXED_SENTENCES`] cut the sentences short.
    pub truncated: bool,
    /// For each article (as `headlines`), the index in `sentences` of its first sentence;
    /// one more entry, the number of sentences, at the end (so article `k`'s sentences are
    /// `starts[k]..starts[k + 1]`). Lets the next index reuse them ([`index_text_reusing`]).
    pub starts: Vec<u32>,
}

impl TextIndex {
    /// Number of rows: events, headlines and sentences.
    pub fn rows(&self) -> usize {
        self.corpus.events.len() + self.headlines.len() + self.sentences.len()
    }

    /// What row `d` of the word index is.
    pub fn row(&self, d: usize) -> TextRow {
        let events = self.corpus.events.len();
        if d < events {
            return TextRow::Event(d);
        }
        match self.headlines.get(d - events) {
            Some(&(event, article)) => TextRow::Headline {
                event: event as usize,
                article: article as usize,
            },
            None => TextRow::Sentence(d - events - self.headlines.len()),
        }
    }

    /// Row `d`'s text as indexed and shown (made safe to draw); empty past the end.
    pub fn text(&self, d: usize) -> std::borrow::Cow<'_, str> {
        let events = &self.corpus.events;
        let raw = match self.row(d) {
            TextRow::Event(i) => events.get(i).map(|e| e.title.as_str()),
            TextRow::Headline { event, article } => events
                .get(event)
                .and_then(|e| e.articles.get(article))
                .map(|a| a.title.as_str()),
            TextRow::Sentence(i) => self.sentences.get(i).map(|s| &*s.text),
        };
        clean(raw.unwrap_or_default())
    }

    /// Bytes this index holds on the heap (sentences with their `Arc` counters, headlines,
    /// word index), for measuring; the corpus and the outlets (one per article) are not
    /// counted.
    pub fn heap_bytes(&self) -> usize {
        let sentences: usize = self.sentences.iter().map(|s| s.text.len() + 16).sum();
        sentences
            + self.sentences.capacity() * std::mem::size_of::<IndexedSentence>()
            + self.headlines.capacity() * 8
            + self.words.heap_bytes()
    }
}

/// Splits every article of `corpus` into its claim sentences and indexes the words of every
/// event title, headline and sentence (slow on big corpora: call it off the UI thread).
/// Output depends on the corpus alone.
pub fn index_text(corpus: Arc<Corpus>) -> TextIndex {
    index_text_reusing(corpus, None)
}

/// [`index_text`], taking from `previous` (the index of the corpus before a change of its
/// files) what the change left alone instead of making it again: the sentences of each
/// article held unchanged (splitting is most of a sentence list's cost), and the word index
/// entries of every row whose text is unchanged (an event title, a headline, a sentence of an
/// unchanged article), moved to the row's new place ([`WordIndex::rebuild`]); only the rows
/// the change made are tokenised. The same index as [`index_text`] (a row's entries are a
/// function of its text; an article is reused only when every field a split reads is equal).
pub fn index_text_reusing(corpus: Arc<Corpus>, previous: Option<&TextIndex>) -> TextIndex {
    let reuse = previous.filter(|p| !p.truncated).map(Reuse::new);
    let mut sentences = Vec::new();
    let mut starts = Vec::new();
    let mut truncated = false;
    // (previous row, new row) of each row kept unchanged: headlines and sentences here, the
    // event titles below
    let mut moved: Vec<(usize, usize)> = Vec::new();
    let events = corpus.events.len();
    let articles: usize = corpus.events.iter().map(|e| e.articles.len()).sum();
    let mut k = 0;
    'events: for (ei, event) in corpus.events.iter().enumerate() {
        for art in &event.articles {
            starts.push(sentences.len() as u32);
            let old = reuse.as_ref().and_then(|r| r.find(art));
            let split = match (&reuse, old) {
                (Some(r), Some(o)) => {
                    moved.push((r.headline_row(o), events + k));
                    r.sentences(o)
                }
                _ => crate::analysis::claim_sentences(art)
                    .into_iter()
                    .map(|(si, text)| (si, Arc::from(text), None))
                    .collect(),
            };
            let outlet: Arc<str> = Arc::from(art.outlet.as_str());
            for (si, text, from) in split {
                if sentences.len() == MAX_INDEXED_SENTENCES {
                    truncated = true;
                    break 'events;
                }
                if let Some(from) = from {
                    moved.push((from, events + articles + sentences.len()));
                }
                sentences.push(IndexedSentence {
                    event: ei,
                    outlet: outlet.clone(),
                    sentence: si,
                    text,
                });
            }
            k += 1;
        }
    }
    starts.push(sentences.len() as u32);
    sentences.shrink_to_fit();
    let headlines: Vec<(u32, u32)> = corpus
        .events
        .iter()
        .enumerate()
        .flat_map(|(e, ev)| (0..ev.articles.len()).map(move |a| (e as u32, a as u32)))
        .collect();
    if let Some(r) = &reuse {
        moved.extend(r.event_rows(&corpus));
    }
    let mut index = TextIndex {
        corpus,
        sentences,
        headlines,
        words: WordIndex::default(),
        truncated,
        starts,
    };
    let rows = index.rows();
    let words = match &reuse {
        Some(r) => {
            let (map, fresh) = row_map(r.index.rows(), rows, &moved);
            let text = |d: u32| (d, index.text(d as usize));
            r.index
                .words
                .rebuild(&map, rows, fresh.into_iter().map(text))
        }
        None => WordIndex::build((0..rows).map(|d| index.text(d))),
    };
    drop(reuse);
    index.words = words;
    index
}

/// From the pairs (previous row, new row) of rows kept unchanged: the new row of each
/// previous row ([`GONE`](super::search_index::GONE) for none) and the new rows that are not kept, in
/// order. A row claimed twice (on either side) is kept once only, the other made afresh.
fn row_map(before: usize, after: usize, moved: &[(usize, usize)]) -> (Vec<u32>, Vec<u32>) {
    use super::search_index::GONE;
    let mut map = vec![GONE; before];
    let mut kept = vec![false; after];
    for &(old, new) in moved {
        if old < before && new < after && map[old] == GONE && !kept[new] {
            map[old] = new as u32;
            kept[new] = true;
        }
    }
    let fresh = (0..after as u32).filter(|&d| !kept[d as usize]).collect();
    (map, fresh)
}

/// The articles of a previous [`TextIndex`] by path, with their sentences.
struct Reuse<'a> {
    index: &'a TextIndex,
    /// Path -> the article's position in `index.headlines` (and `index.starts`).
    by_path: std::collections::HashMap<&'a Path, usize>,
}

impl<'a> Reuse<'a> {
    fn new(index: &'a TextIndex) -> Self {
        let by_path = index
            .headlines
            .iter()
            .enumerate()
            .filter_map(|(k, &(e, a))| {
                let art = index
                    .corpus
                    .events
                    .get(e as usize)?
                    .articles
                    .get(a as usize)?;
                Some((art.path.as_path(), k))
            })
            .collect();
        Self { index, by_path }
    }

    /// The position (in `headlines`) of `art` in the previous index, when it holds the same
    /// article (its text shared or equal, and every other field equal).
    fn find(&self, art: &crate::corpus::Article) -> Option<usize> {
        let &k = self.by_path.get(art.path.as_path())?;
        let (e, a) = self.index.headlines[k];
        let old = &self.index.corpus.events[e as usize].articles[a as usize];
        let same = old.body == art.body
            && old.title == art.title
            && old.outlet == art.outlet
            && old.date == art.date
            && old.url == art.url
            && old.author == art.author
            && old.language == art.language
            && old.kind == art.kind
            && old.origin == art.origin
            && old.extra == art.extra
            && old.gold.is_none()
            && art.gold.is_none();
        same.then_some(k)
    }

    /// The row of previous article `k`'s headline.
    fn headline_row(&self, k: usize) -> usize {
        self.index.corpus.events.len() + k
    }

    /// The sentences of previous article `k`: (sentence index, text, row in the previous
    /// index).
    fn sentences(&self, k: usize) -> Vec<(usize, Arc<str>, Option<usize>)> {
        let base = self.index.corpus.events.len() + self.index.headlines.len();
        let range = self.index.starts[k] as usize..self.index.starts[k + 1] as usize;
        self.index.sentences[range.clone()]
            .iter()
            .zip(range)
            .map(|(s, i)| (s.sentence, s.text.clone(), Some(base + i)))
            .collect()
    }

    /// (previous row, new row) of each event of `corpus` whose title row is unchanged: the
    /// previous corpus had an event of that id and title.
    fn event_rows(&self, corpus: &Corpus) -> Vec<(usize, usize)> {
        let old: std::collections::HashMap<&str, usize> = (self.index.corpus.events.iter())
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let events = &self.index.corpus.events;
        (corpus.events.iter().enumerate())
            .filter_map(|(i, e)| {
                let &o = old.get(e.id.as_str())?;
                (events[o].title == e.title).then_some((o, i))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::grouping::tests::article;
    use crate::corpus::Event;

    fn corpus(events: Vec<Event>) -> Arc<Corpus> {
        Arc::new(Corpus {
            root: "c".into(),
            events,
            outlets: Default::default(),
            diagnostics: Vec::new(),
            incremental: Vec::new(),
        })
    }

    /// The parts of an index search reads: sentences, headlines, starts, each row's text.
    type Parts = (Vec<IndexedSentence>, Vec<(u32, u32)>, Vec<u32>, Vec<String>);

    fn parts(t: &TextIndex) -> Parts {
        let texts = (0..t.rows()).map(|d| t.text(d).into_owned()).collect();
        (
            t.sentences.clone(),
            t.headlines.clone(),
            t.starts.clone(),
            texts,
        )
    }

    #[test]
    fn an_index_reusing_the_previous_one_equals_a_fresh_one() {
        let a = article(
            "a.md",
            "bbc",
            "The bridge opened on Monday. Officials praised it.",
        );
        let b = article(
            "b.md",
            "dw",
            "The dam closed on Friday. Farmers were worried.",
        );
        let c = article(
            "c.md",
            "ap",
            "The port reopened after the storm. Ships queued.",
        );
        let before = corpus(vec![
            Event::of_articles("e1", "Bridge", vec![a.clone(), b.clone()]),
            Event::of_articles("e2", "Port", vec![c.clone()]),
        ]);
        let old = index_text(before);
        // b changed, c moved to another event, a new article d, a removed
        let b2 = article(
            "b.md",
            "dw",
            "The dam reopened on Sunday. Farmers were relieved.",
        );
        let d = article(
            "d.md",
            "rt",
            "A new road was announced. Work starts in May.",
        );
        let after = corpus(vec![
            Event::of_articles("e0", "Road", vec![d]),
            Event::of_articles("e1", "Dam", vec![b2]),
            Event::of_articles("e2", "Port", vec![c]),
        ]);
        let reused = index_text_reusing(after.clone(), Some(&old));
        let fresh = index_text(after);
        assert_eq!(parts(&reused), parts(&fresh));
        // the word index moved from the previous one equals one built afresh
        assert_eq!(reused.words, fresh.words);
        let (sentences, ..) = parts(&fresh);
        assert!(sentences.iter().any(|s| s.text.contains("relieved")));
        assert!(!sentences.iter().any(|s| s.text.contains("worried")));
        for word in ["relieved", "ships", "road", "dam"] {
            let hits = |t: &TextIndex| {
                let text = |d: u32| std::borrow::Cow::Owned(t.text(d as usize).into_owned());
                t.words.search(word, false, &text, &|_| true, 50)
            };
            assert_eq!(hits(&reused), hits(&fresh), "{word}");
            assert!(hits(&fresh).total > 0, "{word}");
        }
    }
}
