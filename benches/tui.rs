//! TUI responsiveness: the fuzzy picker per keystroke over 20,000 events, `/` search per
//! keystroke over an archive's sentences, a key press on the Compare screen of a large event,
//! and drawing a full frame.
//!
//! cargo bench --bench tui

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use framediff::analysis::{Claim, Cluster, ClusterKind, Comparison, FramingProfile, OutletColumn};
use framediff::app::engine::TextIndex;
use framediff::app::{Action, AppState, Picker, PickerMode};
use framediff::config::Config;
use framediff::corpus::{Corpus, Event, EventOrigin};
use framediff::ui::{HitMap, render};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

#[path = "support/corpus_gen.rs"]
mod corpus_gen;

fn main() {
    divan::main();
}

const WORDS: &[&str] = &[
    "ceasefire",
    "talks",
    "Putin",
    "Trump",
    "Zelensky",
    "energy",
    "strikes",
    "Kyiv",
    "Moscow",
    "sanctions",
    "summit",
    "prisoners",
    "exchange",
    "Black",
    "Sea",
    "grain",
    "deal",
    "Jeddah",
    "Riyadh",
    "election",
    "tariffs",
    "NATO",
    "drones",
    "refinery",
    "minerals",
    "aid",
    "Congress",
    "Europe",
    "budget",
    "oil",
    "gas",
    "pipeline",
    "court",
    "ruling",
    "protest",
    "border",
];

/// Deterministic pseudo-random event titles.
fn corpus(events: usize) -> Corpus {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let events = (0..events)
        .map(|i| {
            let n = 5 + (next() % 6) as usize;
            let title: Vec<&str> = (0..n)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            Event {
                id: format!("event-{i:05}"),
                title: title.join(" "),
                date: NaiveDate::from_ymd_opt(2025, 1 + (i % 12) as u32, 1 + (i % 28) as u32),
                summary: None,
                tags: vec![],
                origin: EventOrigin::Folder,
                articles: vec![],
            }
        })
        .collect();
    Corpus {
        root: PathBuf::from("bench"),
        events,
        ..Corpus::default()
    }
}

#[divan::bench(args = [1, 3, 5])]
fn picker_keystroke_20k_events(bencher: divan::Bencher, typed: usize) {
    // Cost of the `typed`-th keystroke of "putin" (1 = full scan, later ones narrow).
    let items = Picker::event_items(&corpus(20_000));
    let query: Vec<char> = "putin".chars().collect();
    bencher
        .with_inputs(|| {
            let mut p = Picker::new(PickerMode::Events, items.clone());
            for &c in &query[..typed - 1] {
                p.insert(c);
            }
            p
        })
        .bench_local_refs(|p| p.insert(query[typed - 1]));
}

#[divan::bench]
fn picker_backspace_20k_events(bencher: divan::Bencher) {
    // Backspace widens the query, so every item is scored again.
    let items = Picker::event_items(&corpus(20_000));
    bencher
        .with_inputs(|| {
            let mut p = Picker::new(PickerMode::Events, items.clone());
            for c in "putin".chars() {
                p.insert(c);
            }
            p
        })
        .bench_local_refs(|p| p.backspace());
}

/// What `/` searches on an archive before any event is opened: the picker items (none: no
/// claims yet) and the corpus's text index (event titles, headlines, sentences).
struct Archive {
    items: Vec<framediff::app::picker::PickItem>,
    index: Arc<TextIndex>,
}

/// An archive-shaped corpus of about `sentences` sentences, made of the real sentences and
/// headlines of BASIL dev (`../shared/data/basil-dev`, 100 articles): events of two articles
/// of six sentences each, drawn at random (seeded) from the whole pool, as a 40,000-article
/// archive has about 250,000 sentences. Indexed by the app's own `engine::index_text`.
fn archive_corpus(sentences: usize) -> Arc<Corpus> {
    let basil = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/basil-dev");
    let articles = corpus_gen::basil_articles(&basil);
    assert!(
        !articles.is_empty(),
        "{} is needed for the search benches",
        basil.display()
    );
    let pool: Vec<&str> = articles
        .iter()
        .flat_map(|(_, s)| s.iter().map(String::as_str))
        .collect();
    let mut rng = corpus_gen::Rng(0x5EA2_C4ED);
    let per_article = 6;
    let events = sentences.div_ceil(2 * per_article);
    let events = (0..events)
        .map(|e| {
            let title = &articles[rng.below(articles.len())].0;
            let articles = (0..2)
                .map(|o| {
                    let body: Vec<&str> = (0..per_article)
                        .map(|_| pool[rng.below(pool.len())])
                        .collect();
                    framediff::corpus::Article {
                        path: PathBuf::from(format!("e{e}/o{o}.md")),
                        outlet: format!("outlet-{}", (e * 2 + o) % 490),
                        title: title.clone(),
                        date: NaiveDate::from_ymd_opt(2016, 1 + (e % 12) as u32, 1),
                        date_alt: None,
                        url: None,
                        author: None,
                        language: Some("en".into()),
                        kind: None,
                        body: body.join(" ").into(),
                        origin: framediff::corpus::TextOrigin::Extracted,
                        extra: Default::default(),
                        gold: None,
                    }
                    .into()
                })
                .collect();
            Event {
                id: format!("event-{e:06}"),
                title: title.clone(),
                date: NaiveDate::from_ymd_opt(2016, 1 + (e % 12) as u32, 1),
                summary: None,
                tags: vec![],
                origin: EventOrigin::Folder,
                articles,
            }
        })
        .collect();
    Arc::new(Corpus {
        root: PathBuf::from("bench"),
        events,
        ..Corpus::default()
    })
}

/// The archive of about `sentences` sentences, built once per size (and its memory printed).
fn archive(sentences: usize) -> &'static Archive {
    static SMALL: OnceLock<Archive> = OnceLock::new();
    static LARGE: OnceLock<Archive> = OnceLock::new();
    let cell = if sentences <= 10_000 { &SMALL } else { &LARGE };
    cell.get_or_init(|| {
        let corpus = archive_corpus(sentences);
        let index = Arc::new(framediff::app::engine::index_text(corpus.clone()));
        let items = Picker::claim_items(&corpus, None, std::iter::empty());
        eprintln!(
            "archive ~{sentences}: {} events, {} headlines, {} sentences, {} rows indexed, \
             vocabulary {}, text index {:.1} MB on the heap (word index {:.1} MB)",
            corpus.events.len(),
            index.headlines.len(),
            index.sentences.len(),
            index.rows(),
            index.words.vocabulary(),
            index.heap_bytes() as f64 / 1e6,
            index.words.heap_bytes() as f64 / 1e6,
        );
        Archive { items, index }
    })
}

/// The `typed`-th key of `query` in `/` over the archive of about `sentences` sentences.
fn search_key(bencher: divan::Bencher, sentences: usize, query: &str, typed: usize) {
    let a = archive(sentences);
    let query: Vec<char> = query.chars().collect();
    bencher
        .with_inputs(|| {
            let mut p = Picker::new(PickerMode::Search, a.items.clone()).with_text_index(
                a.index.clone(),
                None,
                &Default::default(),
            );
            for &c in &query[..typed - 1] {
                p.insert(c);
            }
            p
        })
        .bench_local_refs(|p| p.insert(query[typed - 1]));
}

#[divan::bench(args = [1, 3, 5])]
fn search_keystroke_10k_sentences(bencher: divan::Bencher, typed: usize) {
    // the `typed`-th key of "trump" over the event titles, headlines and sentences, answered
    // by the word index (1 = the prefix "t": nearly every row matches)
    search_key(bencher, 10_000, "trump", typed);
}

#[divan::bench(args = [1, 3, 5])]
fn search_keystroke_250k_sentences(bencher: divan::Bencher, typed: usize) {
    search_key(bencher, 250_000, "trump", typed);
}

#[divan::bench(args = ["white h", "~trmp", "trupm", "whte hse", "zqxjv"])]
fn search_last_key_250k_sentences(bencher: divan::Bencher, query: &str) {
    // two words (the last a prefix), a fuzzy query, a typo found by typo tolerance; no exact
    // match, so the approximate fallback: letters left out of two words (typo tolerance finds
    // nothing, fuzzy words do), and nothing at all (every fallback step runs and fails)
    search_key(bencher, 250_000, query, query.chars().count());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn text_index_build_250k_sentences(bencher: divan::Bencher) {
    // off the UI thread: split every article into claim sentences and index their words
    let corpus = archive_corpus(250_000);
    bencher.bench(|| framediff::app::engine::index_text(corpus.clone()));
}

/// One event with `outlets` columns of `claims` claims each; every third cluster contrasting.
fn big_comparison(outlets: usize, claims: usize) -> Comparison {
    let mut all = Vec::new();
    let mut columns = Vec::new();
    for o in 0..outlets {
        let mut ids = Vec::new();
        for s in 0..claims {
            let id = all.len();
            all.push(Claim {
                id,
                column: o,
                outlet: format!("outlet-{o}"),
                text: format!(
                    "Claim {s} of outlet {o}: the ceasefire talks on energy strikes continued while officials said more."
                ),
                sentence_index: s,
                cluster: s,
                ..Claim::default()
            });
            ids.push(id);
        }
        columns.push(OutletColumn {
            outlet: format!("outlet-{o}"),
            article: o,
            headline: format!("Headline of outlet {o}"),
            claims: ids,
            syndicated_with: vec![],
        });
    }
    let clusters = (0..claims)
        .map(|s| Cluster {
            id: s,
            kind: match s % 3 {
                0 => ClusterKind::Contrasting,
                1 => ClusterKind::Shared,
                _ => ClusterKind::Unique,
            },
            reasons: vec!["bench".into()],
            members: (0..outlets).map(|o| o * claims + s).collect(),
            counterparts: vec![],
            disputed_by: vec![],
            shared_terms: vec![],
            similarity: 0.5,
            syndicated: false,
            copied_passage: false,
        })
        .collect();
    Comparison {
        event_id: "event-00000".into(),
        event_title: "bench".into(),
        backend: "lexical-idf".into(),
        backend_problem: None,
        columns,
        claims: all,
        clusters,
        related: vec![],
        profiles: (0..outlets)
            .map(|o| FramingProfile {
                outlet: format!("outlet-{o}"),
                ..FramingProfile::default()
            })
            .collect(),
        event_read: None,
    }
}

fn big_state(w: u16, h: u16) -> AppState {
    let mut c = corpus(1);
    c.events[0].id = "event-00000".into();
    let (mut s, _) = AppState::new(
        PathBuf::from("bench"),
        Config::defaults(false),
        vec![],
        (w, h),
    );
    s.update(Action::CorpusLoaded(Arc::new(c)));
    s.update(Action::AnalysisDone {
        event_id: "event-00000".into(),
        result: Ok(Arc::new(big_comparison(12, 400))),
    });
    s
}

/// One key press on the Compare screen; `lh` alternates between moving right and left, so
/// every press changes column (counterpart lookup and horizontal scrolling).
#[divan::bench(args = ["j", "]", "lh"])]
fn key_press_12_outlets_x_400_claims(bencher: divan::Bencher, keys: &str) {
    let keys: Vec<char> = keys.chars().collect();
    let mut s = big_state(200, 50);
    let mut n = 0usize;
    bencher.bench_local(|| {
        let c = keys[n % keys.len()];
        n += 1;
        s.update(Action::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    });
}

#[divan::bench(args = [(80, 24), (200, 50)])]
fn draw_compare_12_outlets_x_400_claims(bencher: divan::Bencher, size: (u16, u16)) {
    let s = big_state(size.0, size.1);
    let area = Rect::new(0, 0, size.0, size.1);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        let mut hits = HitMap::default();
        render(area, &mut buf, &s, &mut hits);
    });
}
