//! `/` search when the words typed start no word: approximate matches instead of an empty
//! list, and the search line says so.

use crate::tui_fixture::*;
use framediff::app::{AppState, Overlay};
use framediff::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn typed(s: &mut AppState, text: &str) {
    for c in text.chars() {
        s.update(key(c));
    }
}

fn picker(s: &AppState) -> &framediff::app::picker::Picker {
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("search is open");
    };
    p
}

fn search_line(s: &AppState) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| {
        ui::draw(f, s);
    })
    .expect("draw");
    screen_text(&t)
        .into_iter()
        .find(|l| l.contains("> "))
        .expect("a query line")
}

/// The labels of the rows listed, in order.
fn rows(s: &AppState) -> Vec<String> {
    let p = picker(s);
    p.matches
        .iter()
        .map(|m| p.item(m.item).expect("row").label.clone())
        .collect()
}

#[test]
fn a_typo_finds_claims_by_approximate_matching_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    typed(&mut s, "/putin");
    let exact = rows(&s);
    assert!(!exact.is_empty(), "the fixture has Putin");
    assert!(!picker(&s).approximate());
    assert!(!search_line(&s).contains("fuzzy"));

    // "putni": no word starts with it; before, the list was empty.
    let mut t = loaded_state(dir.path(), (80, 24));
    typed(&mut t, "/putni");
    let p = picker(&t);
    assert!(p.approximate(), "approximate matches");
    let found = rows(&t);
    assert!(!found.is_empty(), "a typo still finds claims");
    assert!(
        found.iter().all(|l| l.to_lowercase().contains("putin")),
        "{found:?}"
    );
    assert!(
        search_line(&t).contains("no exact match — fuzzy results"),
        "{}",
        search_line(&t)
    );
    // The same query gives the same rows in the same order.
    let mut u = loaded_state(dir.path(), (80, 24));
    typed(&mut u, "/putni");
    assert_eq!(rows(&u), found);

    // Letters left out of two words: matched letter by letter within words.
    let mut w = loaded_state(dir.path(), (80, 24));
    typed(&mut w, "/ptn");
    assert!(picker(&w).approximate());
    assert!(!rows(&w).is_empty());

    // Nothing at all, even approximately: said so, not just an empty box.
    let mut z = loaded_state(dir.path(), (80, 24));
    typed(&mut z, "/zzzzqqq");
    assert_eq!(picker(&z).matched, 0);
    assert!(search_line(&z).contains("no match"), "{}", search_line(&z));

    // Correcting the typo goes back to exact word matches.
    for _ in 0..2 {
        t.update(code(KeyCode::Backspace));
    }
    typed(&mut t, "in");
    assert!(!picker(&t).approximate());
    assert_eq!(rows(&t), exact);
}

#[test]
fn claims_in_search_results_name_the_outlet_by_its_display_name() {
    let corpus = corpus();
    let open = comparison();
    let mut other = comparison();
    other.event_id = "another-event".into();
    let items =
        framediff::app::Picker::claim_items(&corpus, Some(&open), [(1, &other)].into_iter());
    let claims: Vec<&str> = items
        .iter()
        .filter(|i| i.detail.starts_with("claim"))
        .map(|i| i.detail.as_str())
        .collect();
    assert!(
        claims.iter().any(|d| d.starts_with("claim · BBC News")),
        "{claims:?}"
    );
    assert!(
        claims
            .iter()
            .any(|d| d.starts_with("claim · BBC News · another")),
        "{claims:?}"
    );
    assert!(!claims.iter().any(|d| d.contains("· bbc")), "{claims:?}");
}

/// Tester report 14, item 36a: Ctrl-u clears what was typed in the search box (typing after
/// it starts a new query, the rows those of the new query alone).
#[test]
fn ctrl_u_clears_the_search_query() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    typed(&mut s, "/zzqx nothing");
    assert!(!picker(&s).query.is_empty());
    s.update(ctrl('u'));
    assert_eq!(picker(&s).query, "");
    assert_eq!(picker(&s).cursor, 0);
    typed(&mut s, "putin");
    assert_eq!(picker(&s).query, "putin");
    let mut fresh = loaded_state(dir.path(), (80, 24));
    typed(&mut fresh, "/putin");
    assert_eq!(rows(&s), rows(&fresh));
}
