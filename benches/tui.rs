//! TUI responsiveness: the fuzzy picker per keystroke over 20,000 events, a key press on the
//! Compare screen of a large event, and drawing a full frame.
//!
//! cargo bench --bench tui

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use framediff::analysis::{Claim, Cluster, ClusterKind, Comparison, FramingProfile, OutletColumn};
use framediff::app::{Action, AppState, Picker, PickerMode};
use framediff::config::Config;
use framediff::corpus::{Corpus, Event, EventOrigin};
use framediff::ui::{HitMap, render};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

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

/// `n` search rows shaped like the text index of an archive: 12-25 word sentences from the
/// title vocabulary, each a sentence of some event.
fn sentence_items(n: usize) -> Vec<framediff::app::picker::PickItem> {
    use framediff::app::picker::{PickItem, PickTarget};
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|i| {
            let len = 12 + (next() % 14) as usize;
            let words: Vec<&str> = (0..len)
                .map(|_| WORDS[(next() % WORDS.len() as u64) as usize])
                .collect();
            PickItem {
                target: PickTarget::EventSentence(i),
                label: words.join(" "),
                detail: format!("sentence · outlet-{} · event-{:05}", i % 400, i / 12),
            }
        })
        .collect()
}

#[divan::bench(args = [1, 3, 5])]
fn search_keystroke_index_cap_sentences(bencher: divan::Bencher, typed: usize) {
    // `/` over an archive's text index at its cap (engine::MAX_INDEXED_SENTENCES): the
    // `typed`-th keystroke of "putin" (word matching; 1 = every row scanned).
    let items = sentence_items(framediff::app::engine::MAX_INDEXED_SENTENCES);
    let query: Vec<char> = "putin".chars().collect();
    bencher
        .with_inputs(|| {
            let mut p = Picker::new(PickerMode::Search, items.clone());
            for &c in &query[..typed - 1] {
                p.insert(c);
            }
            p
        })
        .bench_local_refs(|p| p.insert(query[typed - 1]));
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
        })
        .collect();
    Comparison {
        event_id: "event-00000".into(),
        event_title: "bench".into(),
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
