//! The real event loop driven by a scripted input stream on a TestBackend.

use std::io;

use crate::tui_fixture::*;
use framediff::app::{AppState, MatrixSort, Screen};
use framediff::config::Config;
use framediff::tui::run_loop;
use futures_util::{StreamExt, stream};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn k(c: char) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

fn screen(t: &Terminal<TestBackend>) -> String {
    t.backend().to_string()
}

#[tokio::test]
async fn scripted_keys_drive_the_loop_until_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (100, 30));
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    // Next contrasting claim twice, open the matrix, then quit; keys after q are ignored.
    let input = stream::iter(vec![k(']'), k(']'), k('m'), k('q'), k('f')]);
    let state = run_loop(&mut t, input, state, vec![]).await.expect("loop");
    assert!(state.quit);
    assert_eq!(state.screen, Screen::Matrix, "f after q was not processed");
    let text = screen(&t);
    assert!(text.contains("Claims matrix · 5 clusters"), "{text}");
}

#[tokio::test]
async fn mouse_clicks_use_the_last_frame() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (100, 30));
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    // Row 0 holds the tabs; " framediff " is 11 cells, then " Compare " (9), then the matrix tab.
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 24,
        row: 0,
        modifiers: KeyModifiers::NONE,
    });
    let state = run_loop(&mut t, stream::iter(vec![Ok(click)]), state, vec![])
        .await
        .expect("loop");
    assert_eq!(state.screen, Screen::Matrix);
}

#[tokio::test]
async fn resize_redraws_at_the_new_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (80, 24));
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.backend_mut().resize(200, 50);
    let input = stream::iter(vec![Ok(Event::Resize(200, 50))]);
    let state = run_loop(&mut t, input, state, vec![]).await.expect("loop");
    assert_eq!(state.size, (200, 50));
    let text = screen(&t);
    assert!(
        text.contains("President of Russia (Kremlin)"),
        "third column fits now:\n{text}"
    );
}

#[tokio::test]
async fn effects_run_and_come_back_as_actions() {
    // The real runner loads the annotations file and saves a new annotation atomically.
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, effects) = AppState::new(
        dir.path().to_path_buf(),
        Config::defaults(false),
        vec![],
        (80, 24),
    );
    drop(state);
    assert!(!effects.is_empty());
    let mut state = loaded_state(dir.path(), (80, 24));
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    state.status = None;
    let input = stream::iter(vec![k('j'), k('a')]);
    let state = run_loop(&mut t, input, state, vec![]).await.expect("loop");
    let path = dir.path().join(".framediff/annotations.json");
    let saved = std::fs::read_to_string(&path).expect("annotations written");
    assert!(saved.contains("\"agreed\": true"), "{saved}");
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("saved")),
        "the save came back as an action"
    );
}

#[tokio::test]
async fn export_key_writes_the_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    // The folder the user chose (config `export_dir`), outside the corpus.
    let exports = dir.path().join("my reports");
    state.config.export_dir = exports.clone();
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let state = run_loop(&mut t, stream::iter(vec![k('e')]), state, vec![])
        .await
        .expect("loop");
    assert!(
        !dir.path().join(".framediff/exports").exists(),
        "not hidden in the corpus"
    );
    for ext in ["json", "md", "html"] {
        let p = exports.join(format!("{EVENT}.{ext}"));
        assert!(p.is_file(), "{} written", p.display());
    }
    let status = state.status.expect("status");
    assert!(
        !status.error && status.text.starts_with("exported") && status.text.contains("my reports"),
        "the status names where: {status:?}"
    );
}

#[tokio::test]
async fn clicking_a_version_in_the_diff_pane_selects_that_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (100, 30));
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let state = feed(&mut t, state, vec![]).await;
    let (_, row) =
        find(&t, "Izvestia: Putin supported").expect("Izvestia's version in the diff pane");
    let state = feed(&mut t, state, vec![left_click(20, row)]).await;
    let cmp = state.comparison().expect("cmp");
    let sel = &cmp.claims[state.compare.selected.expect("selected")];
    assert_eq!(sel.outlet, "izvestia");
    assert_eq!(state.compare.focus_col, 1);
}

/// Where `needle` is drawn: (column, row) of its first cell.
fn find(t: &Terminal<TestBackend>, needle: &str) -> Option<(u16, u16)> {
    let buf = t.backend().buffer();
    (0..buf.area.height).find_map(|y| {
        let line: Vec<&str> = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        let text: String = line.concat();
        let b = text.find(needle)?;
        Some((text[..b].chars().count() as u16, y))
    })
}

/// Runs the loop over `events` (the loop stops when they run out) and returns the state.
async fn feed(
    t: &mut Terminal<TestBackend>,
    state: AppState,
    events: Vec<io::Result<Event>>,
) -> AppState {
    run_loop(t, stream::iter(events), state, vec![])
        .await
        .expect("the loop runs")
}

fn left_click(column: u16, row: u16) -> io::Result<Event> {
    Ok(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

#[tokio::test]
async fn clicking_a_matrix_header_sorts_and_a_second_click_reverses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (200, 50));
    let mut t = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let state = feed(&mut t, state, vec![k('m')]).await;
    // The header row: "#", the kind glyph, "claim", then one cell per outlet.
    let (x, y) = find(&t, "Izvestia").expect("Izvestia's header cell");
    let state = feed(&mut t, state, vec![left_click(x + 2, y)]).await;
    assert_eq!(state.matrix.sort, MatrixSort::Outlet(1));
    assert!(!state.matrix.reversed);
    let cmp = state.comparison().expect("cmp").clone();
    assert_eq!(state.matrix_rows(&cmp), vec![0, 1, 2, 4, 3]);
    let text = screen(&t);
    assert!(text.contains("Izvestia ▼"), "{text}");
    assert!(text.contains("sorted by Izvestia first"), "{text}");
    // The same cell again: reversed, and the arrow turns.
    let state = feed(&mut t, state, vec![left_click(x, y)]).await;
    assert!(state.matrix.reversed);
    assert_eq!(state.matrix_rows(&cmp), vec![3, 0, 1, 2, 4]);
    assert!(screen(&t).contains("Izvestia ▲"));
    // The "#" header goes back to article order.
    let (x, y) = find(&t, "# ").expect("number header");
    let state = feed(&mut t, state, vec![left_click(x, y)]).await;
    assert_eq!(state.matrix.sort, MatrixSort::Order);
    assert_eq!(state.matrix_rows(&cmp), vec![0, 1, 2, 3, 4]);
}

#[tokio::test]
async fn clicks_and_the_wheel_follow_the_diff_pane_on_the_right() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (200, 50));
    let mut t = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    // Select Izvestia's "clear win": its cluster's versions show in the pane.
    let state = feed(&mut t, state, vec![k('l'), k('j'), k('j')]).await;
    assert!(state.compare_areas().right);
    let (x, y) = find(&t, "BBC News: Putin made").expect("the BBC version in the pane");
    assert!(x >= 120, "drawn on the right, beside the columns: x = {x}");
    // The wheel over the pane focuses it; a click on a version selects that claim.
    let wheel = Ok(Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: x,
        row: y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    let state = feed(&mut t, state, vec![wheel]).await;
    assert_eq!(state.compare.pane, framediff::app::Pane::Diff);
    let (x, y) = find(&t, "BBC News: Putin made").expect("still there");
    let state = feed(&mut t, state, vec![left_click(x + 4, y)]).await;
    let cmp = state.comparison().expect("cmp");
    let sel = &cmp.claims[state.compare.selected.expect("selected")];
    assert_eq!(sel.outlet, "bbc");
    assert_eq!(state.compare.focus_col, 0);
    // The same cell below the columns, once the pane is below, is a column again.
    let state = feed(&mut t, state, vec![k('L')]).await;
    assert!(!state.compare_areas().right);
    let (bx, _) = find(&t, "BBC News: Putin made").expect("the pane below");
    assert!(bx < 20, "below the columns now: x = {bx}");
}

/// The view is kept as it changes, so a session that ends without `q` (a signal, a closed
/// terminal: the loop's future is dropped) still comes back to it on the next start.
#[tokio::test]
async fn the_view_is_kept_without_quitting() {
    use framediff::app::session::{self, Session};
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (100, 30));
    let file = session::path_for(&dir.path().join("cache"), dir.path()).expect("cache folder");
    state.session_file = Some(file.clone());
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    // Move to the second outlet, pin it, then wait for input that never comes.
    let input = stream::iter(vec![k('l'), k('p')]).chain(stream::pending());
    let run = run_loop(&mut t, input, state, vec![]);
    let ended = tokio::time::timeout(std::time::Duration::from_millis(300), run).await;
    assert!(ended.is_err(), "the loop was still waiting for input");
    let mut kept = None;
    for _ in 0..100 {
        kept = Session::load(&file).filter(|s| !s.pinned.is_empty());
        if kept.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let kept = kept.expect("the session file holds the pinned outlet");
    assert_eq!(kept.event.as_deref(), Some(EVENT));
    assert_eq!(kept.pinned.len(), 1, "{kept:?}");
    assert!(kept.place.is_some(), "{kept:?}");
}

#[tokio::test]
async fn q_right_after_an_annotation_quits_only_once_it_is_on_disk() {
    use framediff::annotations::{Annotations, LoadOutcome, path_for};
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (100, 30));
    let path = path_for(dir.path());
    // Another framediff on the same corpus wrote its own annotation before ours is saved.
    let cmp = comparison();
    let mut other = Annotations::default();
    other.upsert(&cmp, &cmp.clusters[2], |a| {
        a.note = "the other instance".into()
    });
    other.save(&path).expect("other save");
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let input = stream::iter(vec![k('j'), k('a'), k('q')]);
    let state = run_loop(&mut t, input, state, vec![]).await.expect("loop");
    assert!(state.quit);
    assert_eq!(state.saving.in_flight, 0, "no save left behind");
    let LoadOutcome::Loaded(on_disk) = Annotations::load(&path) else {
        panic!("annotations written");
    };
    assert_eq!(on_disk.annotations.len(), 2, "{on_disk:?}");
    assert!(on_disk.annotations.iter().any(|a| a.agreed), "ours saved");
    assert!(
        on_disk
            .annotations
            .iter()
            .any(|a| a.note == "the other instance"),
        "the other instance's annotation kept"
    );
    assert_eq!(state.annotations, on_disk, "the merge is what is shown");
}

#[tokio::test]
async fn a_signal_right_after_an_annotation_leaves_only_once_it_is_on_disk() {
    use framediff::annotations::{Annotations, LoadOutcome, path_for};
    use futures_util::StreamExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (100, 30));
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    // The "signal" arrives with the key after the annotation; then the input stays open.
    let (fire, stop) = tokio::sync::oneshot::channel::<i32>();
    let mut fire = Some(fire);
    let input = stream::iter(vec![k('j'), k('a'), k('k')])
        .map(move |e| {
            if matches!(&e, Ok(Event::Key(key)) if key.code == KeyCode::Char('k'))
                && let Some(f) = fire.take()
            {
                let _ = f.send(1);
            }
            e
        })
        .chain(stream::pending());
    let stop = async move { stop.await.unwrap_or(0) };
    let (state, signal) = framediff::tui::run_loop_until(&mut t, input, state, vec![], stop)
        .await
        .expect("loop");
    assert_eq!(signal, Some(1));
    assert_eq!(state.saving.in_flight, 0, "the save landed before leaving");
    let LoadOutcome::Loaded(on_disk) = Annotations::load(&path_for(dir.path())) else {
        panic!("annotations written");
    };
    assert!(on_disk.annotations.iter().any(|a| a.agreed));
}

/// Tester report 21, finding 5: Ctrl-z asks the loop to suspend (in the picker and the note
/// too, where other keys are typed); the screen is drawn whole afterwards; without a terminal
/// (`run_loop`) the status line says it cannot.
#[tokio::test]
async fn ctrl_z_suspends_through_the_hook_and_the_screen_is_drawn_again() {
    let ctrl_z = || {
        Ok(Event::Key(KeyEvent::new(
            KeyCode::Char('z'),
            KeyModifiers::CONTROL,
        )))
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let state = loaded_state(dir.path(), (100, 30));
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    // on the Compare screen, then in the search picker (where `z` alone is typed)
    let input = stream::iter(vec![ctrl_z(), k('/'), k('z'), ctrl_z(), k('q')]);
    let mut calls = 0;
    let mut hook = || {
        calls += 1;
        Ok(())
    };
    let (state, signal) = framediff::tui::run_loop_suspending(
        &mut t,
        input,
        state,
        vec![],
        std::future::pending(),
        &mut hook,
    )
    .await
    .expect("loop");
    assert_eq!(calls, 2);
    assert!(!state.suspend, "the request is cleared");
    assert_eq!(signal, None);
    let text = screen(&t);
    assert!(
        text.contains("BBC News"),
        "drawn again after the suspend:\n{text}"
    );
    // without a terminal to give back: said, and the view goes on
    let state = loaded_state(dir.path(), (100, 30));
    let mut t = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let state = run_loop(&mut t, stream::iter(vec![ctrl_z()]), state, vec![])
        .await
        .expect("loop");
    let status = state.status.expect("status").text;
    assert!(status.starts_with("cannot suspend"), "{status}");
}
