//! Tab and Shift-Tab: one focus cycle over Compare's panes and the screens, each key the
//! exact reverse of the other wherever it is pressed; and help says so.

use crate::tui_fixture::*;
use framediff::app::{AppState, Overlay, Pane, Screen};
use ratatui::crossterm::event::KeyCode;

/// Where the keys go: the screen, and on Compare the pane.
fn focus(s: &AppState) -> (Screen, Option<Pane>) {
    (
        s.screen,
        (s.screen == Screen::Compare).then_some(s.compare.pane),
    )
}

/// The places Tab visits from `s`, until it is back where it started.
fn tab_cycle(s: &mut AppState) -> Vec<(Screen, Option<Pane>)> {
    let start = focus(s);
    let mut seen = vec![start];
    for _ in 0..10 {
        s.update(code(KeyCode::Tab));
        if focus(s) == start {
            return seen;
        }
        seen.push(focus(s));
    }
    panic!("Tab never came back: {seen:?}");
}

#[test]
fn shift_tab_is_the_exact_reverse_of_tab_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let cycle = tab_cycle(&mut s);
    assert_eq!(
        cycle,
        [
            (Screen::Compare, Some(Pane::Columns)),
            (Screen::Compare, Some(Pane::Diff)),
            (Screen::Matrix, None),
            (Screen::Profile, None),
            (Screen::Problems, None),
        ]
    );
    // From every place, Shift-Tab walks the same places backwards...
    let mut back = vec![focus(&s)];
    for _ in 1..cycle.len() {
        s.update(code(KeyCode::BackTab));
        back.push(focus(&s));
    }
    back[1..].reverse();
    assert_eq!(back, cycle);
    // ...and each key undoes the other.
    for _ in 0..cycle.len() {
        let here = focus(&s);
        s.update(code(KeyCode::Tab));
        s.update(code(KeyCode::BackTab));
        assert_eq!(focus(&s), here, "Tab then Shift-Tab");
        s.update(code(KeyCode::BackTab));
        s.update(code(KeyCode::Tab));
        assert_eq!(focus(&s), here, "Shift-Tab then Tab");
        s.update(code(KeyCode::Tab));
    }
    // With the diff pane hidden the cycle skips it, still both ways.
    s.update(key('C'));
    s.update(key('d'));
    let cycle = tab_cycle(&mut s);
    assert_eq!(cycle.len(), 4, "{cycle:?}");
    s.update(code(KeyCode::BackTab));
    assert_eq!(focus(&s), (Screen::Problems, None));

    // In the search picker they move the selection down and up.
    s.update(key('C'));
    s.update(key('/'));
    let selected = |s: &AppState| match &s.overlay {
        Some(Overlay::Picker(p)) => p.selected,
        _ => panic!("picker"),
    };
    s.update(code(KeyCode::Tab));
    assert_eq!(selected(&s), 1);
    s.update(code(KeyCode::BackTab));
    assert_eq!(selected(&s), 0);
}

#[test]
fn help_says_what_tab_and_shift_tab_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (160, 100));
    let keymap = &s.config.keymap;
    assert_eq!(keymap.keys_for("global", "next_focus"), ["tab"]);
    assert_eq!(keymap.keys_for("global", "prev_focus"), ["shift-tab"]);
    s.update(key('?'));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 100)).unwrap();
    t.draw(|f| {
        framediff::ui::draw(f, &s);
    })
    .unwrap();
    let buf = t.backend().buffer();
    let text: String = (0..buf.area.height)
        .map(|y| {
            let line: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            line + "\n"
        })
        .collect();
    let tab = text
        .lines()
        .find(|l| l.contains("Tab "))
        .expect("a Tab row");
    assert!(tab.contains("next pane or screen"), "{text}");
    let back = text
        .lines()
        .find(|l| l.contains("Shift-Tab"))
        .expect("a Shift-Tab row");
    assert!(
        back.contains("Shift-Tab undoes Tab") || back.contains("backwards"),
        "{text}"
    );
}
