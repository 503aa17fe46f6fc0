//! The TUI's state machine and drawing on arbitrary input: each pair of bytes is one step (a
//! typed character, a key the keymap binds, a resize up to 65535 cells, a click, a wheel
//! scroll, a paste) on the sample corpus, analysed once by the real engine. A panic, a
//! selection outside the comparison or a layout outside the frame is a finding.
#![no_main]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use framediff::analysis::Comparison;
use framediff::app::{Action, AppState, Effect, Screen, Target, engine};
use framediff::config::Config;
use framediff::corpus::Corpus;
use framediff::ui::{self, HitMap};
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// The analysis of an event, computed once per process (it is a function of the corpus): the
/// state machine, not the claim engine, is what this target explores.
fn analysed(corpus: &Corpus, event: usize) -> Result<Arc<Comparison>, String> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Result<Arc<Comparison>, String>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().expect("cache");
    cache
        .entry(event)
        .or_insert_with(|| engine::analyse(corpus, &corpus.events[event]).map(Arc::new))
        .clone()
}

fn corpus() -> &'static Arc<Corpus> {
    static C: OnceLock<Arc<Corpus>> = OnceLock::new();
    C.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        Arc::new(engine::load_corpus(&root, &|_| {}).expect("the sample corpus loads"))
    })
}

const KEYS: &[u8] = b"jkhlgG[]scu1234567890pxdz+-avnDmfNA!?:/qe ";
fn step(op: u8, arg: u8, bound: &[KeyEvent]) -> Action {
    let n = usize::from(arg);
    match op % 8 {
        0 | 1 => Action::Key(KeyEvent::new(
            KeyCode::Char(char::from(KEYS[n % KEYS.len()])),
            KeyModifiers::NONE,
        )),
        2 | 3 => Action::Key(bound[n % bound.len()]),
        4 => {
            // Small sizes mostly; now and then the largest a terminal can report.
            let w = if arg & 0x80 != 0 {
                u16::MAX
            } else {
                u16::from(arg) * 2
            };
            let h = if arg & 0x40 != 0 {
                2
            } else {
                u16::from(arg % 64)
            };
            Action::Resize(w.min(if h > 2 { 400 } else { u16::MAX }), h)
        }
        5 => Action::Click(match arg % 5 {
            0 => Target::Claim(n / 5),
            1 => Target::Column(n / 5 % 8),
            2 => Target::MatrixRow(n / 5),
            3 => Target::PickerRow(n / 5),
            _ => Target::Tab(Screen::ALL[n % Screen::ALL.len()]),
        }),
        6 => Action::Scroll(Target::Claim(n / 2), if arg % 2 == 0 { 1 } else { -1 }),
        _ => Action::Paste(String::from_utf8_lossy(&[arg, b'x']).into_owned()),
    }
}

fuzz_target!(|data: &[u8]| {
    let corpus = corpus().clone();
    let config = Config::defaults(false);
    let bound = config.keymap.all_keys();
    let (mut s, _) = AppState::new("corpus".into(), config, vec![], (120, 40));
    let mut pending = s.update(Action::CorpusLoaded(corpus));
    for pair in data.chunks(2).take(400) {
        pending.extend(s.update(step(pair[0], *pair.get(1).unwrap_or(&0), &bound)));
        // Analyses are answered at once, as the runtime would later.
        while let Some(e) = pending.pop() {
            if let Effect::Analyse { corpus, event } = e {
                let ev = &corpus.events[event];
                let result = analysed(&corpus, event);
                pending.extend(s.update(Action::AnalysisDone {
                    event_id: ev.id.clone(),
                    result,
                }));
            }
        }
        s.quit = false;
        if let Some(cmp) = s.comparison() {
            if let Some(sel) = s.compare.selected {
                assert!(sel < cmp.claims.len());
            }
            assert!(s.compare.focus_col < cmp.columns.len().max(1));
        }
        let (w, h) = s.size;
        let frame = Rect::new(0, 0, w, h);
        let areas = s.compare_areas();
        for r in areas.columns.iter().chain(areas.diff.iter()) {
            assert_eq!(r.intersection(frame), *r);
        }
        let mut buf = Buffer::empty(frame);
        ui::render(frame, &mut buf, &s, &mut HitMap::default());
    }
});
