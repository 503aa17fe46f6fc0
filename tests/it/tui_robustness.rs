//! Random key, mouse and resize sequences at many terminal sizes (tiny ones included): the
//! state machine and the drawing must never panic, and the selection must stay valid.

use crate::tui_fixture::*;
use framediff::app::{Action, Screen, Target};
use framediff::ui::{self, HitMap};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;

const KEYS: &str = "jkhlgG[]scu1234567890pxdz+-avnDmf!?:/qe ";

#[test]
fn random_input_never_panics_and_keeps_a_valid_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    run(loaded_state(dir.path(), (80, 24)), 3000);
}

#[test]
fn random_input_on_the_sample_corpus_through_the_real_engine() {
    use std::sync::Arc;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = framediff::app::engine::load_corpus(&root, &|_| {}).expect("load");
    let i = corpus
        .events
        .iter()
        .position(|e| e.id == EVENT)
        .expect("sample event");
    let cmp = framediff::app::engine::analyse(&corpus, &corpus.events[i]).expect("analyse");
    let (mut s, _) = framediff::app::AppState::new(
        root.clone(),
        framediff::config::Config::defaults(false),
        vec![],
        (120, 40),
    );
    let corpus = Arc::new(corpus);
    s.update(Action::CorpusLoaded(corpus));
    s.open_event(i);
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    // Annotations would be written by the runner, which is not involved here.
    run(s, 1500);
}

/// Terminal sizes the tests cycle through, tiny ones included.
const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (10, 5),
    (20, 8),
    (40, 12),
    (80, 24),
    (133, 41),
    (200, 50),
];

/// Wider than 655 columns (where `width * percent` left u16), up to the largest size a
/// terminal can report; each at most a few hundred thousand cells, so drawing stays cheap.
const HUGE_SIZES: &[(u16, u16)] = &[
    (656, 40),
    (1000, 300),
    (4000, 60),
    (u16::MAX, 3),
    (3, u16::MAX),
    (u16::MAX, 1),
];

#[test]
fn huge_terminal_sizes_never_overflow_the_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    run_at(loaded_state(dir.path(), (80, 24)), 400, HUGE_SIZES);
}

fn run(s: framediff::app::AppState, steps: usize) {
    run_at(s, steps, SIZES)
}

fn run_at(mut s: framediff::app::AppState, steps: usize, sizes: &[(u16, u16)]) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let keys: Vec<char> = KEYS.chars().collect();
    for step in 0..steps {
        let action = match rnd(20) {
            0 => {
                let (w, h) = sizes[rnd(sizes.len() as u64) as usize];
                Action::Resize(w, h)
            }
            1 => code(KeyCode::Esc),
            2 => code(KeyCode::Enter),
            3 => code(KeyCode::Tab),
            4 => code(KeyCode::Backspace),
            5 => ctrl(['d', 'u', 'p'][rnd(3) as usize]),
            6 => Action::Click(match rnd(4) {
                0 => Target::Claim(rnd(14) as usize),
                1 => Target::Column(rnd(4) as usize),
                2 => Target::MatrixRow(rnd(6) as usize),
                _ => Target::Tab(Screen::ALL[rnd(4) as usize]),
            }),
            7 => Action::Scroll(
                Target::Claim(rnd(14) as usize),
                if rnd(2) == 0 { 1 } else { -1 },
            ),
            _ => key(keys[rnd(keys.len() as u64) as usize]),
        };
        // Analysis requests are answered at once, as the runtime would do later.
        for e in s.update(action) {
            if let framediff::app::Effect::Analyse { corpus, event } = e {
                let ev = &corpus.events[event];
                let result = framediff::app::engine::analyse(&corpus, ev).map(std::sync::Arc::new);
                let _ = s.update(Action::AnalysisDone {
                    event_id: ev.id.clone(),
                    result,
                });
            }
        }
        if s.quit {
            s.quit = false;
        }
        let cmp = s.comparison().expect("comparison").clone();
        if let Some(sel) = s.compare.selected {
            assert!(
                sel < cmp.claims.len(),
                "step {step}: selection out of range"
            );
        }
        assert!(s.compare.focus_col < cmp.columns.len(), "step {step}");
        assert!(
            !s.visible_columns(&cmp).is_empty(),
            "step {step}: all outlets hidden"
        );
        let (w, h) = s.size;
        let area = Rect::new(0, 0, w, h);
        let mut buf = Buffer::empty(area);
        let mut hits = HitMap::default();
        ui::render(area, &mut buf, &s, &mut hits);
    }
}
