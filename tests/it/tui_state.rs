//! State tests: sequences of actions on `AppState::update`, no terminal involved.

use std::sync::Arc;

use crate::tui_fixture::*;
use framediff::analysis::ClusterKind;
use framediff::annotations::{LoadOutcome, Verdict};
use framediff::app::{
    Action, AppState, DiffPosition, Effect, MatrixColumn, MatrixSort, Overlay, Pane, PickerMode,
    Screen, Target,
};
use framediff::config::Config;
use framediff::corpus::Corpus;
use ratatui::crossterm::event::KeyCode;

fn selected_text(s: &AppState) -> String {
    let cmp = s.comparison().expect("comparison");
    cmp.claims[s.compare.selected.expect("selection")]
        .text
        .clone()
}

fn press(s: &mut AppState, keys: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in keys.chars() {
        out.extend(s.update(key(c)));
    }
    out
}

#[test]
fn startup_asks_for_corpus_annotations_and_watching() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (s, effects) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    assert!(s.busy.is_some(), "loading shows progress");
    assert!(matches!(effects[0], Effect::LoadCorpus(_)));
    assert!(
        matches!(effects[1], Effect::LoadAnnotations(ref p) if p.ends_with(".framediff/annotations.json"))
    );
    assert!(matches!(effects[2], Effect::Watch(_)));
}

#[test]
fn keys_work_while_loading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(Action::LoadProgress(framediff::corpus::Progress {
        stage: framediff::corpus::LoadStage::Files,
        done: 3,
        total: 10,
    }));
    assert_eq!(
        s.busy
            .as_ref()
            .and_then(|b| b.progress)
            .map(|p| (p.done, p.total)),
        Some((3, 10))
    );
    s.update(key('?'));
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    s.update(key('q'));
    assert!(s.quit);
}

#[test]
fn one_event_corpus_opens_it_and_selects_the_first_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = loaded_state(dir.path(), (80, 24));
    assert!(s.busy.is_none());
    assert_eq!(s.event_id.as_deref(), Some(EVENT));
    assert_eq!(s.compare.focus_col, 0);
    assert!(selected_text(&s).starts_with("Vladimir Putin has agreed"));
}

#[test]
fn moving_sideways_selects_the_counterpart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    press(&mut s, "jj");
    assert!(selected_text(&s).contains("no concessions"));
    press(&mut s, "l");
    assert_eq!(s.compare.focus_col, 1);
    assert!(
        selected_text(&s).contains("clear win"),
        "same cluster in Izvestia"
    );
    press(&mut s, "l");
    // The Kremlin readout has no member of that cluster: nearest position instead.
    assert_eq!(s.compare.focus_col, 2);
    press(&mut s, "G");
    assert!(selected_text(&s).contains("175 prisoners for 175"));
    press(&mut s, "g");
    assert!(selected_text(&s).starts_with("Vladimir Putin supported"));
    press(&mut s, "llll");
    assert_eq!(s.compare.focus_col, 2, "stops at the last column");
}

#[test]
fn bracket_jumps_through_contrasting_claims_across_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    let mut seen = Vec::new();
    for _ in 0..5 {
        press(&mut s, "]");
        seen.push((s.compare.focus_col, selected_text(&s)));
    }
    assert!(seen[0].1.starts_with("But he rejected"));
    assert!(seen[1].1.contains("no concessions"));
    assert_eq!(seen[2].0, 1);
    assert!(seen[2].1.contains("did not reject"));
    assert!(seen[3].1.contains("clear win"));
    assert_eq!(seen[4].0, 2, "then the Kremlin readout");
    let cmp = s.comparison().expect("cmp").clone();
    for (_, text) in &seen {
        let c = cmp.claims.iter().find(|c| &c.text == text).expect("claim");
        assert_eq!(cmp.clusters[c.cluster].kind, ClusterKind::Contrasting);
    }
    press(&mut s, "[");
    assert!(selected_text(&s).contains("clear win"));
}

#[test]
fn filters_hide_other_kinds_and_keep_a_valid_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "c");
    assert!(s.compare.filter.contrasting);
    let cmp = s.comparison().expect("cmp").clone();
    let shown = s.column_claims(&cmp, 0);
    assert_eq!(shown.len(), 2);
    assert!(shown.contains(&s.compare.selected.expect("sel")));
    press(&mut s, "u");
    assert_eq!(s.column_claims(&cmp, 0).len(), 3);
    press(&mut s, "cu");
    assert!(!s.compare.filter.is_active());
    assert_eq!(s.column_claims(&cmp, 0).len(), 4);
}

#[test]
fn a_filter_that_empties_the_focused_column_moves_to_the_first_claim_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "l");
    assert_eq!(s.compare.focus_col, 1);
    // Only BBC (column 0) has a unique claim.
    press(&mut s, "u");
    assert_eq!(s.compare.focus_col, 0, "focus goes where the claims are");
    let cmp = s.comparison().expect("cmp").clone();
    let sel = s.compare.selected.expect("a claim stays selected");
    assert_eq!(
        cmp.clusters[cmp.claims[sel].cluster].kind,
        ClusterKind::Unique
    );
    assert_eq!(s.column_claims(&cmp, 0), vec![sel]);
}

#[test]
fn outlets_can_be_hidden_pinned_and_scrolled_into_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let cmp = s.comparison().expect("cmp").clone();
    // 80 columns / 30 = 2 columns fit.
    assert_eq!(s.shown_columns(&cmp, 80), vec![0, 1]);
    press(&mut s, "ll");
    assert_eq!(
        s.shown_columns(&cmp, 80),
        vec![1, 2],
        "focus scrolls into view"
    );
    press(&mut s, "2");
    assert!(s.compare.hidden.contains("izvestia"));
    assert_eq!(s.visible_columns(&cmp), vec![0, 2]);
    press(&mut s, "13");
    assert_eq!(
        s.visible_columns(&cmp),
        vec![2],
        "outlet 1 hidden, 3 cannot be hidden last"
    );
    assert!(!s.compare.hidden.contains("kremlin-readout"));
    press(&mut s, "0");
    assert_eq!(s.visible_columns(&cmp), vec![0, 1, 2]);
    press(&mut s, "p");
    assert_eq!(
        s.visible_columns(&cmp),
        vec![2, 0, 1],
        "pinned column goes first"
    );
    assert_eq!(s.shown_columns(&cmp, 80).first(), Some(&2));
    s.update(Action::Resize(200, 50));
    assert_eq!(s.shown_columns(&cmp, 200), vec![2, 0, 1]);
}

#[test]
fn diff_pane_focus_scroll_and_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let before = s.compare.selected;
    s.update(code(KeyCode::Tab));
    assert_eq!(s.compare.pane, Pane::Diff);
    press(&mut s, "jj");
    assert_eq!(s.compare.diff.scroll, 2);
    assert_eq!(
        s.compare.selected, before,
        "j scrolls the diff, not the claims"
    );
    s.update(code(KeyCode::Esc));
    assert_eq!(
        s.compare.pane,
        Pane::Columns,
        "Esc leaves the diff pane first"
    );
    press(&mut s, "z");
    assert!(s.compare.diff.maximised);
    press(&mut s, "-");
    assert_eq!(s.compare.diff.height, 30);
    press(&mut s, "d");
    assert!(!s.compare.diff.visible);
    assert!(!s.compare.diff.maximised);
}

#[test]
fn annotations_agree_change_note_and_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "j"); // contrasting cluster 1
    let effects = press(&mut s, "a");
    let Some(Effect::SaveAnnotations { path, annotations }) = effects.first() else {
        panic!("agree saves: {effects:?}");
    };
    assert!(path.starts_with(dir.path()));
    assert_eq!(annotations.annotations.len(), 1);
    assert!(annotations.annotations[0].agreed);
    assert_eq!(annotations.annotations[0].verdict, Verdict::Contrasting);

    // v asks which verdict; another key keeps it; s / c / u choose.
    press(&mut s, "v");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("s shared"))
    );
    press(&mut s, "x");
    let cmp = s.comparison().expect("cmp").clone();
    let cl = s.selected_cluster().expect("cluster");
    assert_eq!(s.effective_kind(&cmp, cl), Some(ClusterKind::Contrasting));
    press(&mut s, "vu");
    assert_eq!(s.effective_kind(&cmp, cl), Some(ClusterKind::Unique));
    assert!(!s.annotations.annotations[0].agreed);

    press(&mut s, "n");
    assert!(matches!(s.overlay, Some(Overlay::Note { .. })));
    press(&mut s, "q is typed, not quit");
    assert!(!s.quit);
    s.update(ctrl('j'));
    press(&mut s, "second line");
    let effects = s.update(code(KeyCode::Enter));
    assert_eq!(effects.len(), 1);
    assert_eq!(
        s.annotations.annotations[0].note, "q is typed, not quit\nsecond line",
        "a note can have several lines"
    );
    // a note typed onto it starts on a line of its own (tester report 22, finding 13)
    press(&mut s, "n");
    press(&mut s, "third");
    s.update(code(KeyCode::Enter));
    assert_eq!(
        s.annotations.annotations[0].note,
        "q is typed, not quit\nsecond line\nthird"
    );
    // reopened and left unchanged, Esc closes at once and Enter keeps the note as it was
    press(&mut s, "n");
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none(), "nothing typed: closed");
    press(&mut s, "n");
    s.update(code(KeyCode::Enter));
    assert_eq!(
        s.annotations.annotations[0].note,
        "q is typed, not quit\nsecond line\nthird"
    );

    // D asks first; any other key keeps the annotation.
    let effects = press(&mut s, "D");
    assert!(effects.is_empty(), "nothing removed yet: {effects:?}");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("D again"))
    );
    press(&mut s, "k");
    press(&mut s, "j");
    assert!(press(&mut s, "D").is_empty());
    assert_eq!(s.annotations.annotations.len(), 1, "still there");
    let effects = press(&mut s, "D");
    assert!(
        matches!(&effects[0], Effect::SaveAnnotations { annotations, .. } if annotations.annotations.is_empty())
    );
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("annotations.json.bak"))
    );
    assert_eq!(s.effective_kind(&cmp, cl), Some(ClusterKind::Contrasting));
}

#[test]
fn saving_annotations_keeps_the_previous_file_as_a_backup() {
    use framediff::annotations::{Annotations, backup_path};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("annotations.json");
    let mut a = Annotations::default();
    a.save(&path).expect("first save");
    assert!(!backup_path(&path).exists(), "nothing to back up yet");
    let first = std::fs::read(&path).expect("read");
    a.version = 1;
    a.annotations.clear();
    let mut b = a.clone();
    b.version = 2;
    b.save(&path).expect("second save");
    assert_eq!(std::fs::read(backup_path(&path)).expect("backup"), first);
}

#[test]
fn annotations_survive_reanalysis_and_export_includes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "ja");
    let saved = s.annotations.clone();
    // A new state loading the saved annotations sees them on the same cluster.
    let mut t = loaded_state(dir.path(), (80, 24));
    t.update(Action::AnnotationsLoaded(LoadOutcome::Loaded(saved)));
    press(&mut t, "j");
    let cmp = t.comparison().expect("cmp").clone();
    let cl = &cmp.clusters[t.selected_cluster().expect("cl")];
    assert!(t.annotations.find(&cmp, cl).is_some_and(|a| a.agreed));
    let effects = press(&mut t, "e");
    let Some(Effect::Export {
        annotations,
        comparison,
        ..
    }) = effects.first()
    else {
        panic!("export: {effects:?}");
    };
    assert_eq!(annotations.annotations.len(), 1);
    assert_eq!(comparison.event_id, EVENT);
}

#[test]
fn corrupt_annotations_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(Action::AnnotationsLoaded(LoadOutcome::Corrupt {
        error: "expected value at line 1".into(),
        backup: Some(dir.path().join("annotations.json.corrupt-1")),
    }));
    let problems = s.problems();
    assert!(
        problems
            .iter()
            .any(|(err, t)| *err && t.contains("corrupt-1")),
        "{problems:?}"
    );
    assert!(s.status.as_ref().is_some_and(|st| st.error));
}

#[test]
fn picker_search_jumps_to_a_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "/");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("search opens the picker");
    };
    assert_eq!(p.mode, PickerMode::Search);
    press(&mut s, "clear win");
    s.update(code(KeyCode::Enter));
    assert!(s.overlay.is_none());
    assert_eq!(s.compare.focus_col, 1);
    assert!(selected_text(&s).contains("clear win"));
    press(&mut s, "/");
    press(&mut s, "zzzzqqq");
    s.update(code(KeyCode::Enter));
    // no match: Enter keeps the picker and its query, and says so; Esc closes it
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(p)) if p.query == "zzzzqqq"),
        "no match: the picker stays open"
    );
    let status = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(status.contains("nothing matches"), "{status}");
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    assert!(!s.quit);
}

#[test]
fn question_mark_in_an_empty_picker_opens_help_but_is_text_otherwise() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "/");
    press(&mut s, "?");
    assert!(
        matches!(s.overlay, Some(Overlay::Help { .. })),
        "a new user's first ? shows the keys"
    );
    s.update(code(KeyCode::Esc));
    assert!(
        matches!(s.overlay, Some(Overlay::Picker(_))),
        "closing help goes back to the search"
    );
    press(&mut s, "why?");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("still searching");
    };
    assert_eq!(p.query, "why?");
}

#[test]
fn a_colon_in_the_empty_event_picker_is_ignored_and_a_query_can_follow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = Arc::new(two_event_corpus());
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(Action::CorpusLoaded(corpus));
    press(&mut s, ":");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("the event picker is open at start");
    };
    assert_eq!(p.query, "", "`:` again is the key that opened it, not text");
    press(&mut s, "jeddah:");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("still picking");
    };
    assert_eq!(p.query, "jeddah:", "after the first character `:` is text");
}

#[test]
fn several_events_open_the_picker_and_results_are_cached() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = Arc::new(two_event_corpus());
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    let effects = s.update(Action::CorpusLoaded(corpus));
    assert!(
        matches!(effects.as_slice(), [Effect::IndexText(_)]),
        "only the search index is built in the background: {effects:?}"
    );
    assert!(matches!(s.overlay, Some(Overlay::Picker(_))));
    press(&mut s, "jeddah");
    let effects = s.update(code(KeyCode::Enter));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Analyse { event: 1, .. }]
    ));
    let mut cmp = comparison();
    cmp.event_id = SECOND_EVENT.into();
    s.update(Action::AnalysisDone {
        event_id: SECOND_EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    // Back to the first event: analysed once, then cached.
    s.update(ctrl('p'));
    press(&mut s, "trump");
    let effects = s.update(code(KeyCode::Enter));
    assert_eq!(effects.len(), 1);
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    s.update(ctrl('p'));
    press(&mut s, "jeddah");
    let effects = s.update(code(KeyCode::Enter));
    assert!(effects.is_empty(), "cached: {effects:?}");
    assert_eq!(s.event_id.as_deref(), Some(SECOND_EVENT));
    assert!(s.comparison().is_some());
}

#[test]
fn reload_after_file_change_keeps_the_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    press(&mut s, "ljj");
    let before = selected_text(&s);
    let ignored = s.update(Action::FilesChanged(vec![
        dir.path().join(".framediff/annotations.json"),
    ]));
    assert!(
        matches!(ignored.as_slice(), [Effect::RefreshAnnotations(_)]),
        "a change of the annotations file is read again (another framediff may have saved), \
         never a reload of the corpus: {ignored:?}"
    );
    let effects = s.update(Action::FilesChanged(vec![dir.path().join("bbc.md")]));
    assert!(
        matches!(effects.as_slice(), [Effect::ApplyChanges { changed, .. }] if changed == &[dir.path().join("bbc.md")]),
        "{effects:?}"
    );
    let effects = s.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(matches!(effects.as_slice(), [Effect::Analyse { .. }]));
    assert!(s.comparison().is_none(), "the stale result is dropped");
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    assert_eq!(selected_text(&s), before);
    assert_eq!(s.compare.focus_col, 1);
}

/// Tester report 22, finding 10: a build script removes the corpus folder and writes it
/// again; a reload while the open event's folder is not written yet dropped the view. The
/// view stays, the status line and Problems say why, and the reload that has the event
/// again shows it in place.
#[test]
fn a_reload_without_the_open_event_keeps_the_view_until_it_is_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    press(&mut s, "ljj");
    let before = selected_text(&s);
    s.update(Action::WatchFailed(framediff::app::ROOT_GONE.into()));
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("the view is kept")),
        "{:?}",
        s.status
    );
    s.update(Action::FilesChanged(vec![dir.path().to_path_buf()]));
    let mut partial = corpus();
    partial.events.clear();
    let effects = s.update(Action::CorpusLoaded(Arc::new(partial)));
    assert!(effects.is_empty(), "nothing analysed: {effects:?}");
    assert_eq!(s.event_id.as_deref(), Some(EVENT), "the event stays open");
    assert!(s.comparison().is_some(), "its comparison too");
    assert_eq!(selected_text(&s), before, "and the place");
    assert!(s.busy.is_none());
    let status = s.status.as_ref().expect("a status line").text.clone();
    assert!(status.contains("not on disk now"), "{status}");
    assert!(
        status.chars().count() <= 80,
        "whole at 80 columns: {status}"
    );
    assert!(
        s.problems()
            .iter()
            .any(|(_, l)| l.contains(EVENT) && l.contains("its view is kept")),
        "{:?}",
        s.problems()
    );
    // the event is back: analysed again, at the same place
    let effects = s.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(
        matches!(effects.as_slice(), [Effect::Analyse { .. }, ..]),
        "{effects:?}"
    );
    assert!(s.gone_event.is_none());
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    assert_eq!(selected_text(&s), before);
    assert!(
        s.problems()
            .iter()
            .all(|(_, l)| !l.contains("view is kept"))
    );
    assert!(s.status.is_none(), "{:?}", s.status);

    // gone for good: `:` picks from the events on disk now
    let mut other = two_event_corpus();
    other.events.remove(0);
    s.update(Action::CorpusLoaded(Arc::new(other)));
    assert_eq!(s.event_id.as_deref(), Some(EVENT));
    press(&mut s, ":");
    assert!(s.event_id.is_none());
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("the event picker");
    };
    assert_eq!(p.items.len(), 1, "only the event on disk");
    assert_eq!(
        s.corpus.as_ref().map(|c| c.events[0].id.clone()).as_deref(),
        Some(SECOND_EVENT)
    );
}

#[test]
fn analysis_failure_is_shown_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(Action::CorpusLoaded(Arc::new(corpus())));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Err("boom".into()),
    });
    assert!(s.busy.is_none());
    assert!(s.problems().iter().any(|(_, t)| t.contains("boom")));
    press(&mut s, "jkl]e");
    assert!(!s.quit);
}

#[test]
fn matrix_sorts_and_enter_jumps_to_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "m");
    assert_eq!(s.screen, Screen::Matrix);
    let cmp = s.comparison().expect("cmp").clone();
    assert_eq!(s.matrix_rows(&cmp), vec![0, 1, 2, 3, 4]);
    press(&mut s, "o");
    let rows = s.matrix_rows(&cmp);
    assert_eq!(cmp.clusters[rows[0]].kind, ClusterKind::Contrasting);
    assert_eq!(cmp.clusters[rows[2]].kind, ClusterKind::Unique);
    press(&mut s, "o");
    assert_eq!(
        s.matrix_rows(&cmp)[0],
        0,
        "coverage: the 3-outlet cluster first"
    );
    press(&mut s, "G");
    let last = *s.matrix_rows(&cmp).last().expect("rows");
    s.update(code(KeyCode::Enter));
    assert_eq!(s.screen, Screen::Compare);
    assert_eq!(s.selected_cluster(), Some(last));
}

#[test]
fn clicking_a_matrix_header_sorts_by_it_and_a_second_click_reverses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "m");
    let cmp = s.comparison().expect("cmp").clone();
    let has = |col: usize, cl: usize| {
        cmp.clusters[cl]
            .members
            .iter()
            .any(|&m| cmp.claims[m].column == col)
    };
    // Izvestia (column 1) has clusters 0, 1, 2 and 4, not 3 (the Sumy hospital).
    assert!(!has(1, 3) && has(1, 4));
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Outlet(1))));
    assert_eq!(s.matrix.sort, MatrixSort::Outlet(1));
    assert!(!s.matrix.reversed);
    assert_eq!(s.matrix_rows(&cmp), vec![0, 1, 2, 4, 3], "Izvestia's first");
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Outlet(1))));
    assert!(s.matrix.reversed);
    assert_eq!(
        s.matrix_rows(&cmp),
        vec![3, 0, 1, 2, 4],
        "reversed: the cluster Izvestia lacks first, ties in article order"
    );
    // The kind header: contrasting first, a second click puts shared first.
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Kind)));
    assert_eq!(
        (s.matrix.sort, s.matrix.reversed),
        (MatrixSort::Kind, false)
    );
    let rows = s.matrix_rows(&cmp);
    assert_eq!(cmp.clusters[rows[0]].kind, ClusterKind::Contrasting);
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Kind)));
    let rows = s.matrix_rows(&cmp);
    assert_eq!(cmp.clusters[rows[0]].kind, ClusterKind::Shared);
    assert_eq!(
        cmp.clusters[*rows.last().expect("rows")].kind,
        ClusterKind::Contrasting
    );
    // The number header: article order, then last first.
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Number)));
    assert_eq!(s.matrix_rows(&cmp), vec![0, 1, 2, 3, 4]);
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Number)));
    assert_eq!(s.matrix_rows(&cmp), vec![4, 3, 2, 1, 0]);
    // The selected cluster stays selected across a re-sort.
    press(&mut s, "j");
    let sel = s.matrix_rows(&cmp)[s.matrix.row];
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Number)));
    assert_eq!(s.matrix_rows(&cmp)[s.matrix.row], sel);
    // The claim text has no sort, an outlet that does not exist is ignored, `o` goes on from
    // the header's sort in the usual direction.
    let before = (s.matrix.sort, s.matrix.reversed);
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Claim)));
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Outlet(9))));
    assert_eq!((s.matrix.sort, s.matrix.reversed), before);
    press(&mut s, "o");
    assert_eq!(
        (s.matrix.sort, s.matrix.reversed),
        (MatrixSort::Kind, false)
    );
}

#[test]
fn an_outlet_sort_does_not_outlive_its_event() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
    press(&mut s, "trump");
    s.update(code(KeyCode::Enter));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    press(&mut s, "m");
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Outlet(2))));
    s.update(Action::Click(Target::MatrixHeader(MatrixColumn::Outlet(2))));
    assert_eq!(
        (s.matrix.sort, s.matrix.reversed),
        (MatrixSort::Outlet(2), true)
    );
    s.update(ctrl('p'));
    press(&mut s, "jeddah");
    s.update(code(KeyCode::Enter));
    assert_eq!(
        (s.matrix.sort, s.matrix.reversed),
        (MatrixSort::Order, false)
    );
}

#[test]
fn diff_pane_goes_right_on_wide_short_terminals_and_l_cycles_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    assert_eq!(s.compare.diff.position, DiffPosition::Auto);
    let a = s.compare_areas();
    assert!(a.right, "auto: right at 200x50");
    let (cols, diff) = (a.columns.expect("columns"), a.diff.expect("diff"));
    assert_eq!(cols.right(), diff.x, "side by side");
    assert_eq!(cols.height, diff.height);
    assert_eq!(diff.width, 80, "diff_height (40%) of the width");
    // Tall or narrow: auto keeps the pane below.
    s.update(Action::Resize(200, 80));
    assert!(
        !s.compare_areas().right,
        "200x80 is not wide for its height"
    );
    s.update(Action::Resize(120, 40));
    assert!(!s.compare_areas().right);
    s.update(Action::Resize(200, 50));
    // L: auto -> below -> right -> auto, saying where the pane is now.
    press(&mut s, "L");
    assert_eq!(s.compare.diff.position, DiffPosition::Below);
    assert!(!s.compare_areas().right);
    assert_eq!(s.status.as_ref().expect("status").text, "diff pane: below");
    press(&mut s, "L");
    assert_eq!(s.compare.diff.position, DiffPosition::Right);
    s.update(Action::Resize(100, 30));
    assert!(s.compare_areas().right, "right on request at 100 columns");
    s.update(Action::Resize(50, 30));
    assert!(
        !s.compare_areas().right,
        "no room for a column and a pane: below"
    );
    s.update(Action::Resize(200, 50));
    press(&mut s, "L");
    assert_eq!(s.compare.diff.position, DiffPosition::Auto);
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text == "diff pane: auto (right at this size)")
    );
    // The pane on the right resizes along the width.
    press(&mut s, "+");
    assert_eq!(s.compare_areas().diff.expect("diff").width, 100);
    // Hidden and maximised behave as before.
    press(&mut s, "d");
    assert_eq!(s.compare_areas().columns.expect("columns").width, 200);
    assert!(s.compare_areas().diff.is_none());
    press(&mut s, "z");
    assert!(s.compare_areas().columns.is_none());
}

#[test]
fn columns_beside_the_diff_pane_keep_the_focus_in_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = Config::from_user_str("min_column_width = 50", false)
        .expect("config")
        .0;
    let mut s = loaded_with(dir.path(), (200, 50), cfg);
    let cmp = s.comparison().expect("cmp").clone();
    let width = |s: &AppState| s.compare_areas().columns.expect("columns").width;
    assert_eq!(width(&s), 120, "the diff pane takes the rest");
    assert_eq!(s.shown_columns(&cmp, width(&s)), vec![0, 1]);
    press(&mut s, "ll");
    assert_eq!(s.compare.focus_col, 2);
    assert_eq!(
        s.shown_columns(&cmp, width(&s)),
        vec![1, 2],
        "scrolled for the narrower columns"
    );
    // Below, all three fit again.
    press(&mut s, "L");
    assert_eq!(s.shown_columns(&cmp, width(&s)), vec![0, 1, 2]);
}

#[test]
fn screens_cycle_and_escape_goes_back_but_never_quits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "f");
    assert_eq!(s.screen, Screen::Profile);
    press(&mut s, "l");
    assert_eq!(s.profile.column, 1);
    press(&mut s, "!");
    assert_eq!(s.screen, Screen::Problems);
    // Tab goes round to Compare (Shift-Tab walks back: tests/it/tui_focus.rs)
    s.update(code(KeyCode::Tab));
    assert_eq!(s.screen, Screen::Compare);
    press(&mut s, "m");
    s.update(code(KeyCode::Esc));
    assert_eq!(s.screen, Screen::Compare);
    assert!(!s.quit);
    s.update(code(KeyCode::Esc));
    s.update(code(KeyCode::Esc));
    assert!(!s.quit, "Esc never quits");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("q quits")),
        "and says how to"
    );
    press(&mut s, "/");
    s.update(code(KeyCode::Esc));
    s.update(code(KeyCode::Esc));
    assert!(!s.quit, "not after closing search either");
    press(&mut s, "q");
    assert!(s.quit);
}

#[test]
fn article_overlay_opens_on_enter_and_scrolls() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "j");
    s.update(code(KeyCode::Enter));
    let Some(Overlay::Article { column, claim, .. }) = s.overlay else {
        panic!("article overlay");
    };
    assert_eq!(column, 0);
    assert_eq!(claim, s.compare.selected);
    press(&mut s, "jj");
    assert!(matches!(
        s.overlay,
        Some(Overlay::Article { scroll: 2, .. })
    ));
    press(&mut s, "q");
    assert!(s.overlay.is_none());
    assert!(!s.quit, "q closes the article, it does not quit");
}

#[test]
fn mouse_click_selects_and_wheel_moves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    let cmp = s.comparison().expect("cmp").clone();
    let target = cmp.columns[1].claims[2];
    s.update(Action::Click(Target::Claim(target)));
    assert_eq!(s.compare.selected, Some(target));
    assert_eq!(s.compare.focus_col, 1);
    s.update(Action::Scroll(Target::Claim(target), 1));
    assert_eq!(s.compare.selected, Some(cmp.columns[1].claims[3]));
    s.update(Action::Click(Target::Tab(Screen::Matrix)));
    assert_eq!(s.screen, Screen::Matrix);
    s.update(Action::Click(Target::MatrixRow(3)));
    assert_eq!(s.matrix.row, 3);
    s.update(Action::Click(Target::MatrixRow(3)));
    assert_eq!(s.screen, Screen::Compare, "second click opens the row");
    assert_eq!(s.selected_cluster(), Some(3));
}

#[test]
fn a_change_during_loading_triggers_one_more_reload() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let effects = s.update(Action::FilesChanged(vec![dir.path().join("bbc.md")]));
    assert!(matches!(effects.as_slice(), [Effect::ApplyChanges { .. }]));
    // Another edit while that load runs is remembered, not dropped.
    assert!(
        s.update(Action::FilesChanged(vec![dir.path().join("kp.md")]))
            .is_empty()
    );
    let effects = s.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(
        matches!(effects.as_slice(), [Effect::ApplyChanges { changed, .. }] if changed == &[dir.path().join("kp.md")]),
        "only the change not applied yet: {effects:?}"
    );
    let effects = s.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(matches!(effects.as_slice(), [Effect::Analyse { .. }]));
}

#[test]
fn pasted_text_goes_into_the_picker_and_notes_as_one_clean_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "/");
    s.update(Action::Paste("clear\nwin\x1b[2J".into()));
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("picker");
    };
    assert_eq!(p.query, "clear win");
    s.update(code(KeyCode::Esc));
    press(&mut s, "n");
    s.update(Action::Paste("see\tBBC".into()));
    press(&mut s, "!");
    s.update(code(KeyCode::Enter));
    assert_eq!(s.annotations.annotations[0].note, "see BBC!");
    s.update(Action::Paste("ignored outside text fields".into()));
    assert!(s.overlay.is_none());
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "/q");
    assert!(!s.quit, "q is text in the picker");
    s.update(ctrl('c'));
    assert!(s.quit);
}

#[test]
fn a_corpus_that_cannot_be_watched_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(Action::WatchFailed("inotify watch limit reached".into()));
    let problems = s.problems();
    assert!(
        problems
            .iter()
            .any(|(_, t)| t.contains("inotify watch limit")),
        "{problems:?}"
    );
}

/// A dissent is its own contrasting cluster that shows the shared claim it contradicts.
#[test]
fn next_contrast_shows_a_dissent_beside_its_counterpart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_comparison(dir.path(), (200, 50), disputed_comparison());
    let cmp = s.comparison().expect("comparison").clone();
    let bbc = cmp
        .claims
        .iter()
        .find(|c| c.outlet == "bbc" && c.text.contains("rejected the full"))
        .expect("bbc claim")
        .id;
    // In the BBC column the rejection is a shared claim now: `]` passes it by...
    press(&mut s, "]");
    assert!(selected_text(&s).contains("no concessions"));
    // ...and the next contrasting claim is Izvestia's dissent, whose cluster holds both sides.
    press(&mut s, "]");
    assert!(
        selected_text(&s).contains("did not reject"),
        "{}",
        selected_text(&s)
    );
    let dissent = s.selected_cluster().expect("cluster");
    assert_eq!(cmp.clusters[dissent].kind, ClusterKind::Contrasting);
    assert!(cmp.clusters[dissent].members.contains(&bbc));
    assert!(
        s.diffs.iter().any(|(id, _)| *id == bbc),
        "the counterpart is diffed against the dissent"
    );
    // Sideways to BBC: the counterpart is selected, and its own cluster is the shared one.
    press(&mut s, "h");
    assert_eq!(s.compare.selected, Some(bbc));
    assert_eq!(s.selected_cluster(), Some(cmp.claims[bbc].cluster));
    assert_eq!(
        s.effective_kind(&cmp, cmp.claims[bbc].cluster),
        Some(ClusterKind::Shared)
    );
}

#[test]
fn jumping_to_a_dissent_selects_its_own_claim_not_the_counterpart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_comparison(dir.path(), (200, 50), disputed_comparison());
    let cmp = s.comparison().expect("comparison").clone();
    let dissent = cmp.clusters.len() - 1;
    // the focused column (BBC) holds the counterpart, which belongs to the shared cluster
    assert_eq!(s.compare.focus_col, 0);
    s.jump_to_cluster(&cmp, dissent);
    assert!(selected_text(&s).contains("did not reject"));
    assert_eq!(s.selected_cluster(), Some(dissent));
}

#[test]
fn annotating_a_dissent_leaves_the_shared_cluster_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_comparison(dir.path(), (200, 50), disputed_comparison());
    let cmp = s.comparison().expect("comparison").clone();
    let dissent = cmp.clusters.len() - 1;
    s.jump_to_cluster(&cmp, dissent);
    press(&mut s, "a");
    let shared = cmp.clusters[dissent].counterparts[0];
    let shared = &cmp.clusters[cmp.claims[shared].cluster];
    assert!(s.annotations.find(&cmp, &cmp.clusters[dissent]).is_some());
    assert!(
        s.annotations.find(&cmp, shared).is_none(),
        "the counterpart's own cluster is not annotated by its dispute"
    );
    // the anchor is the dissent's own claim
    let a = s
        .annotations
        .find(&cmp, &cmp.clusters[dissent])
        .expect("annotation");
    assert_eq!(a.claims[0].outlet, "izvestia");
    assert_eq!(a.claims.len(), 2);
}

#[test]
fn the_last_event_pins_and_hidden_outlets_come_back_on_the_next_start() {
    use framediff::app::session::{Session, path_for};
    let dir = tempfile::tempdir().expect("tempdir");
    // First run: open the second event, pin one outlet, hide another, quit.
    let (mut s, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (120, 40),
    );
    s.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
    press(&mut s, "jeddah");
    s.update(code(KeyCode::Enter));
    let mut cmp = comparison();
    cmp.event_id = SECOND_EVENT.into();
    s.update(Action::AnalysisDone {
        event_id: SECOND_EVENT.into(),
        result: Ok(Arc::new(cmp.clone())),
    });
    press(&mut s, "lp");
    press(&mut s, "3");
    press(&mut s, "j");
    let saved = s.session();
    assert_eq!(saved.event.as_deref(), Some(SECOND_EVENT));
    assert_eq!(saved.pinned.len(), 1);
    assert_eq!(saved.hidden.len(), 1);
    let path = path_for(&dir.path().join("cache"), dir.path()).expect("cache folder");
    saved.save(&path).expect("save");
    assert_eq!(Session::load(&path), Some(saved.clone()));

    // Next start: no picker, the same event, pins and hidden outlets, the same claim.
    let (mut t, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (120, 40),
    );
    t.resume = Session::load(&path);
    let effects = t.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
    assert!(t.overlay.is_none(), "the picker does not open");
    assert!(matches!(
        effects.as_slice(),
        [Effect::Analyse { event: 1, .. }, Effect::IndexText(_)]
    ));
    t.update(Action::AnalysisDone {
        event_id: SECOND_EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    assert_eq!(t.session(), saved);

    // A session naming an event that is gone: the picker, as usual.
    let (mut u, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (120, 40),
    );
    u.resume = Some(Session {
        event: Some("gone".into()),
        ..Session::default()
    });
    u.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
    assert!(matches!(u.overlay, Some(Overlay::Picker(_))));
}

#[test]
fn help_scrolling_is_clamped_and_help_over_the_picker_goes_back_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "?");
    let scroll = |s: &AppState| match &s.overlay {
        Some(Overlay::Help { scroll, .. }) => *scroll,
        o => panic!("help is open: {o:?}"),
    };
    for _ in 0..500 {
        press(&mut s, "j");
    }
    let max = scroll(&s);
    assert!(max > 0 && max < 500, "stops at the last line: {max}");
    press(&mut s, "k");
    assert_eq!(scroll(&s), max - 1, "k works at once");
    press(&mut s, "g");
    assert_eq!(scroll(&s), 0);
    press(&mut s, "G");
    assert_eq!(scroll(&s), max);
    s.update(code(KeyCode::PageUp));
    assert!(scroll(&s) < max);
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none());

    // `?` in the empty picker: help about the picker; closing it returns to the picker.
    press(&mut s, ":");
    press(&mut s, "?");
    assert!(matches!(
        s.overlay,
        Some(Overlay::Help { under: Some(_), .. })
    ));
    s.update(code(KeyCode::Esc));
    assert!(
        matches!(s.overlay, Some(Overlay::Picker(_))),
        "back in the picker: {:?}",
        s.overlay
    );
}

#[test]
fn annotated_clusters_are_listed_and_reached_with_one_key_and_save_errors_name_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "A");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("no annotations"))
    );
    press(&mut s, "ja");
    let first = s.selected_cluster().expect("cluster");
    press(&mut s, "jjvs");
    let second = s.selected_cluster().expect("cluster");
    assert_ne!(first, second);
    press(&mut s, "A");
    assert_eq!(s.selected_cluster(), Some(first), "wraps to the first");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text == "annotated 1 of 2")
    );
    press(&mut s, "A");
    assert_eq!(s.selected_cluster(), Some(second));
    press(&mut s, "N");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("N lists the annotated clusters");
    };
    assert_eq!(p.mode, PickerMode::Annotations);
    assert_eq!(p.items.len(), 2);
    assert!(p.items[1].detail.contains("= shared"), "{:?}", p.items[1]);
    s.update(code(KeyCode::Enter));
    assert_eq!(s.selected_cluster(), Some(first));

    s.update(Action::AnnotationsSaved(Err(
        "No space left on device".into()
    )));
    let st = s.status.clone().expect("status");
    assert!(st.error);
    assert!(
        st.text.contains(&s.annotations_path.display().to_string()),
        "{}",
        st.text
    );
}

#[test]
fn search_reaches_claims_of_other_analysed_events_and_every_headline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (120, 40),
    );
    s.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
    press(&mut s, "trump");
    s.update(code(KeyCode::Enter));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    // Over to the other event, not analysed: its headlines are searchable from here.
    press(&mut s, "/");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("search");
    };
    assert!(
        p.items
            .iter()
            .any(|i| i.detail.starts_with("headline") && i.detail.ends_with(SECOND_EVENT)),
        "the other event's headlines"
    );
    s.update(code(KeyCode::Esc));
    s.update(ctrl('p'));
    press(&mut s, "jeddah");
    s.update(code(KeyCode::Enter));
    let mut cmp = comparison();
    cmp.event_id = SECOND_EVENT.into();
    s.update(Action::AnalysisDone {
        event_id: SECOND_EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    assert_eq!(s.event_id.as_deref(), Some(SECOND_EVENT));
    // "clear win" is a claim of both; the first event's copy is found from the second.
    press(&mut s, "/clear win");
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("search");
    };
    let other = p
        .matches
        .iter()
        .position(|m| p.items[m.item].detail.ends_with(EVENT))
        .expect("a claim of the other event");
    for _ in 0..other {
        s.update(code(KeyCode::Down));
    }
    s.update(code(KeyCode::Enter));
    assert_eq!(
        s.event_id.as_deref(),
        Some(EVENT),
        "the search opened that event"
    );
    assert!(selected_text(&s).contains("clear win"));
}

/// Runs the effects an action asked for the way the runtime does (analysis and text index
/// only) and feeds their results back.
fn run_effects(s: &mut AppState, effects: Vec<Effect>) {
    for e in effects {
        let next = match e {
            Effect::Analyse { corpus, event } => {
                let ev = &corpus.events[event];
                Action::AnalysisDone {
                    event_id: ev.id.clone(),
                    result: framediff::app::engine::analyse(&corpus, ev).map(Arc::new),
                }
            }
            Effect::IndexText(corpus) => {
                Action::TextIndexed(Arc::new(framediff::app::engine::index_text(corpus)))
            }
            _ => continue,
        };
        let more = s.update(next);
        run_effects(s, more);
    }
}

/// Search reaches the claims of events that were never opened: their sentences are indexed
/// in the background, and picking one opens its event on that claim.
#[test]
fn search_finds_claims_of_events_not_analysed_yet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    };
    let md = |outlet: &str, title: &str, body: &str| {
        format!("---\noutlet: {outlet}\ntitle: {title}\ndate: 2025-03-11\n---\n{body}\n")
    };
    write(
        "a-truce/alpha.md",
        &md(
            "alpha",
            "Truce",
            "Ukraine backed a truce. Talks ended in Jeddah.",
        ),
    );
    write(
        "a-truce/beta.md",
        &md(
            "beta",
            "Truce",
            "Kyiv accepted a ceasefire plan. Talks ended late.",
        ),
    );
    write(
        "b-dam/alpha.md",
        &md(
            "alpha",
            "Dam",
            "The dam was repaired. A hydroelectric turbine restarted on Monday.",
        ),
    );
    write(
        "b-dam/beta.md",
        &md(
            "beta",
            "Dam",
            "Engineers repaired the dam. Power returned to the city.",
        ),
    );
    let corpus = Arc::new(framediff::corpus::load(dir.path()));
    assert_eq!(corpus.events.len(), 2, "{:?}", corpus.diagnostics);
    let dam = corpus
        .events
        .iter()
        .position(|e| e.id.contains("dam"))
        .expect("the dam event");
    let (mut s, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (100, 30),
    );
    // the text index is asked for as soon as the corpus is there, in the background; it is
    // held back here so that it arrives while a search is open
    let index: Vec<Effect> = s
        .update(Action::CorpusLoaded(corpus))
        .into_iter()
        .filter(|e| matches!(e, Effect::IndexText(_)))
        .collect();
    assert_eq!(index.len(), 1);
    press(&mut s, "truce");
    let effects = s.update(code(KeyCode::Enter));
    let ids: Vec<&str> = s
        .corpus
        .as_ref()
        .unwrap()
        .events
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert!(!effects.is_empty(), "the truce event opens: {ids:?}");
    run_effects(&mut s, effects);
    assert!(s.comparison().is_some());
    assert_ne!(
        s.event_id.as_deref(),
        Some(s.corpus.as_ref().unwrap().events[dam].id.as_str())
    );

    // '/' while the index is being built asks for nothing more; its sentences join the
    // open search when they arrive
    let effects = s.update(key('/'));
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::IndexText(_))),
        "{effects:?}"
    );
    press(&mut s, "hydroelectric");
    run_effects(&mut s, index);
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("the search stays open with what was typed");
    };
    assert_eq!(p.query, "hydroelectric");
    let top = p
        .item(p.matches.first().expect("a match").item)
        .expect("the row");
    assert!(top.label.contains("hydroelectric turbine"), "{top:?}");
    assert!(top.detail.starts_with("sentence"), "{top:?}");

    // picking it opens the dam event, selected on that claim once analysed
    let effects = s.update(code(KeyCode::Enter));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Analyse { event, .. } if *event == dam)),
        "{effects:?}"
    );
    run_effects(&mut s, effects);
    assert!(
        selected_text(&s).contains("hydroelectric turbine"),
        "{}",
        selected_text(&s)
    );
    let cmp = s.comparison().expect("comparison").clone();
    let col = cmp.claims[s.compare.selected.expect("selected")].column;
    assert!(
        s.visible_columns(&cmp)
            .iter()
            .skip(s.compare.col_offset)
            .any(|&c| c == col),
        "the claim's column is in view"
    );
    // a second search does not index again
    let effects = s.update(key('/'));
    assert!(effects.is_empty(), "{effects:?}");
}

/// The fixture with the second cluster agreed with, and the annotations that save sent.
fn agreed(dir: &std::path::Path) -> (AppState, framediff::annotations::Annotations) {
    let mut s = loaded_state(dir, (80, 24));
    press(&mut s, "j");
    let effects = press(&mut s, "a");
    let Some(Effect::SaveAnnotations { annotations, .. }) = effects.first() else {
        panic!("agree saves: {effects:?}");
    };
    let sent = annotations.clone();
    assert_eq!(s.saving.in_flight, 1);
    (s, sent)
}

#[test]
fn quitting_while_a_save_is_in_flight_waits_for_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, sent) = agreed(dir.path());
    press(&mut s, "q");
    assert!(!s.quit, "q waits for the save in flight");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("quitting when saved"))
    );
    s.update(saved_as_sent(sent));
    assert!(s.quit, "quits once the save has landed");
}

#[test]
fn quitting_with_unsaved_annotations_warns_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = agreed(dir.path());
    // A read-only corpus: the save fails.
    s.update(Action::AnnotationsSaved(Err(
        "Read-only file system (os error 30)".into(),
    )));
    press(&mut s, "q");
    assert!(!s.quit, "the first q only warns");
    let st = s.status.clone().expect("status");
    assert!(st.error && st.text.contains("NOT saved"), "{}", st.text);
    assert!(st.text.contains("Read-only"), "{}", st.text);
    press(&mut s, "q");
    assert!(s.quit, "q again quits");
}

#[test]
fn a_save_merged_with_another_writer_updates_what_is_shown() {
    use framediff::annotations::{Saved, merge3};
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, sent) = agreed(dir.path());
    // Another framediff had annotated cluster 2 meanwhile: the file holds both.
    let cmp = comparison();
    let mut other = framediff::annotations::Annotations::default();
    other.upsert(&cmp, &cmp.clusters[2], |a| a.note = "from the other".into());
    let written = merge3(&Default::default(), &sent, &other).merged;
    assert_eq!(written.annotations.len(), 2);
    s.update(Action::AnnotationsSaved(Ok(Saved {
        sent,
        written: written.clone(),
        from_other: 1,
        conflicts: Default::default(),
        unreadable: None,
    })));
    assert_eq!(s.annotations, written);
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("another framediff"))
    );
}

/// A search asked for while the corpus loads opens once it has loaded, and the "still
/// loading" notice goes with the load.
#[test]
fn a_search_asked_for_during_loading_opens_when_the_corpus_is_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(key('/'));
    assert!(s.overlay.is_none());
    let notice = s
        .status
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("still loading"), "{notice}");
    let effects = s.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(
        matches!(&s.overlay, Some(Overlay::Picker(p)) if p.mode == PickerMode::Search),
        "{:?}",
        s.overlay
    );
    assert!(
        effects.iter().any(|e| matches!(e, Effect::IndexText(_))),
        "{effects:?}"
    );
    assert!(s.status.is_none(), "{:?}", s.status);
}

/// Loading reports its stage: grouping a flat archive shows as grouping, with its count.
#[test]
fn loading_progress_names_the_stage() {
    use framediff::corpus::{LoadStage, Progress};
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (100, 24),
    );
    s.update(Action::LoadProgress(Progress {
        stage: LoadStage::GroupingPairs,
        done: 500,
        total: 1000,
    }));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 24)).expect("t");
    t.draw(|f| {
        framediff::ui::draw(f, &s);
    })
    .expect("draw");
    let text = t.backend().to_string();
    assert!(text.contains("grouping: pairs 500/1000 articles"), "{text}");
    // one determinate bar over all stages: half of the pairs stage is 80% of the load
    assert!((LoadStage::GroupingPairs.overall(500, 1000) - 0.8).abs() < 1e-9);
    assert!(LoadStage::Files.overall(10, 10) <= LoadStage::Duplicates.overall(0, 10));
}

/// An analysis with a model reports how many sentences it has embedded: the busy state of
/// the event on screen takes it; a report of another event's analysis, or one that arrives
/// after the analysis finished, changes nothing.
#[test]
fn embedding_progress_reaches_the_busy_state_of_the_event_on_screen() {
    use framediff::analysis::EmbedProgress;
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    let effects = s.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(effects.iter().any(|e| matches!(e, Effect::Analyse { .. })));
    assert_eq!(s.busy.as_ref().map(|b| b.embedding), Some(None));
    let report = |event: &str, done, total| Action::AnalysisProgress {
        event_id: event.into(),
        progress: EmbedProgress { done, total },
    };
    assert!(s.update(report(EVENT, 64, 150)).is_empty());
    assert_eq!(
        s.busy.as_ref().and_then(|b| b.embedding),
        Some(EmbedProgress {
            done: 64,
            total: 150
        })
    );
    // another event's analysis (the user moved on): ignored
    s.update(report("some-other-event", 1, 2));
    assert_eq!(
        s.busy.as_ref().and_then(|b| b.embedding).map(|p| p.done),
        Some(64)
    );
    // keys still work while it runs
    s.update(key('?'));
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    s.update(code(KeyCode::Esc));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    assert!(s.busy.is_none());
    s.update(report(EVENT, 150, 150));
    assert!(s.busy.is_none(), "a late report starts no busy state");
}

#[test]
fn an_open_event_picker_lists_the_events_of_a_changed_corpus_with_the_query_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
    press(&mut s, "jeddah");
    let before = match &s.overlay {
        Some(Overlay::Picker(p)) => p.matched,
        _ => panic!("the event picker"),
    };
    let effects = s.update(Action::FilesChanged(vec![dir.path().join("new.md")]));
    assert!(matches!(effects.as_slice(), [Effect::ApplyChanges { .. }]));
    let mut changed = two_event_corpus();
    let mut added = changed.events[1].clone();
    added.id = "jeddah-port-reopens".into();
    added.title = "Jeddah port reopens".into();
    changed.events.push(added);
    s.update(Action::CorpusLoaded(Arc::new(changed)));
    let Some(Overlay::Picker(p)) = &s.overlay else {
        panic!("the picker stays open");
    };
    assert_eq!(p.query, "jeddah");
    assert_eq!(p.cursor, 6);
    assert_eq!(p.matched, before + 1, "the new event is listed");
    // nothing a load reads changed: the corpus shown stays, the busy state ends
    s.update(Action::FilesChanged(vec![dir.path().join("README.md")]));
    assert!(s.busy.is_some());
    s.update(Action::CorpusUnchanged);
    assert!(s.busy.is_none());
}

#[test]
fn help_opens_over_the_article_view_and_closes_back_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(code(KeyCode::Enter));
    press(&mut s, "jj");
    let Some(Overlay::Article { scroll, .. }) = s.overlay.clone() else {
        panic!("article view: {:?}", s.overlay);
    };
    press(&mut s, "?");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    press(&mut s, "q");
    assert!(!s.quit, "q closes help, never quits");
    let Some(Overlay::Article { scroll: back, .. }) = s.overlay.clone() else {
        panic!("back to the article: {:?}", s.overlay);
    };
    assert_eq!(back, scroll, "the article keeps its place");
    s.update(code(KeyCode::F(1)));
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })), "F1 too");
}

/// Presses `keys`, lets the save they ask for succeed, and returns the status line then.
/// The save of `sent` landed as sent: no other writer, no conflict.
fn saved_as_sent(sent: framediff::annotations::Annotations) -> Action {
    Action::AnnotationsSaved(Ok(framediff::annotations::Saved {
        sent: sent.clone(),
        written: sent,
        from_other: 0,
        conflicts: Default::default(),
        unreadable: None,
    }))
}

fn status_after_saving(s: &mut AppState, keys: &str) -> String {
    let effects = press(s, keys);
    let Some(Effect::SaveAnnotations { annotations, .. }) = effects.first() else {
        panic!("{keys} saves: {effects:?}");
    };
    let sent = annotations.clone();
    s.update(saved_as_sent(sent));
    s.status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default()
}

#[test]
fn removing_an_annotation_says_removed_once_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "ja");
    let text = status_after_saving(&mut s, "DD");
    assert!(text.starts_with("annotation removed"), "{text}");
    // The next save of a real annotation says saved again.
    let text = status_after_saving(&mut s, "a");
    assert!(text.starts_with("annotation saved"), "{text}");
}

#[test]
fn next_contrast_with_a_single_contrasting_claim_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmp = comparison();
    // Only cluster 3 (BBC's one unique claim) is contrasting now.
    for c in &mut cmp.clusters {
        c.kind = if c.id == 3 {
            ClusterKind::Contrasting
        } else {
            ClusterKind::Shared
        };
    }
    let mut s = loaded_comparison(dir.path(), (80, 24), cmp);
    press(&mut s, "]");
    let first = s.compare.selected;
    assert!(selected_text(&s).contains("Sumy"), "{}", selected_text(&s));
    assert!(s.status.is_none(), "the first jump is a jump");
    press(&mut s, "]");
    assert_eq!(s.compare.selected, first);
    let text = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(text.contains("only contrasting claim"), "{text}");
    press(&mut s, "[");
    let text = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(
        text.contains("only contrasting claim"),
        "backwards too: {text}"
    );
}

/// A changed corpus lets go of the search index of the corpus before at once (it answers
/// nothing for the new one), so the previous corpus is not held until the next index
/// arrives; the next index is asked for.
#[test]
fn a_new_corpus_drops_the_index_of_the_one_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("a-truce/alpha.md");
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &p,
        "---\noutlet: alpha\ntitle: Truce\ndate: 2025-03-11\n---\nTalks ended in Jeddah.\n",
    )
    .expect("write");
    let corpus = Arc::new(framediff::corpus::load(dir.path()));
    let (mut s, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (100, 30),
    );
    let effects = s.update(Action::CorpusLoaded(corpus.clone()));
    run_effects(&mut s, effects);
    let old = s.text_index.clone().expect("indexed");
    assert!(Arc::ptr_eq(&old.corpus, &corpus));
    drop(old);
    let effects = s.update(Action::CorpusLoaded(Arc::new((*corpus).clone())));
    assert!(
        s.text_index.is_none(),
        "the index of the corpus before is let go"
    );
    assert_eq!(
        Arc::strong_count(&corpus),
        1,
        "nothing holds the corpus before"
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::IndexText(_))));
    run_effects(&mut s, effects);
    assert!(s.text_index.is_some(), "the new corpus is indexed");
}

#[test]
fn q_closes_the_article_view_after_a_confirmed_find_and_esc_clears_the_find_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(code(KeyCode::Enter));
    press(&mut s, "/the");
    s.update(code(KeyCode::Enter));
    assert!(matches!(
        s.overlay,
        Some(Overlay::Article { find: Some(_), .. })
    ));
    press(&mut s, "q");
    assert!(s.overlay.is_none(), "q closes: {:?}", s.overlay);
    assert!(!s.quit);

    s.update(code(KeyCode::Enter));
    press(&mut s, "/the");
    s.update(code(KeyCode::Enter));
    s.update(code(KeyCode::Esc));
    assert!(
        matches!(s.overlay, Some(Overlay::Article { find: None, .. })),
        "Esc clears the find, the view stays: {:?}",
        s.overlay
    );
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none());
}

/// The fixture with the negation contrast between BBC and the Kremlin readout only (columns
/// 1 and 3 of three): Izvestia's claim is a unique one of its own.
fn contrast_across_a_column() -> framediff::analysis::Comparison {
    let mut cmp = comparison();
    let izv = cmp
        .claims
        .iter()
        .position(|c| c.outlet == "izvestia" && c.text.contains("did not reject"))
        .expect("fixture claim");
    cmp.clusters[1].members.retain(|&m| m != izv);
    cmp.clusters[3].members.push(izv);
    cmp.claims[izv].cluster = 3;
    cmp
}

/// The outlets drawn on Compare, as the UI lays them out.
fn shown_outlets(s: &AppState) -> Vec<String> {
    let cmp = s.comparison().expect("analysed").clone();
    let width = s.compare_areas().columns.map_or(s.size.0, |r| r.width);
    s.shown_columns(&cmp, width)
        .into_iter()
        .map(|c| cmp.columns[c].outlet.clone())
        .collect()
}

#[test]
fn a_restored_contrast_shows_its_two_sides_as_a_fresh_jump_does() {
    use framediff::app::session::Session;
    let dir = tempfile::tempdir().expect("tempdir");
    let cmp = contrast_across_a_column();
    let mut fresh = loaded_comparison(dir.path(), (80, 24), cmp.clone());
    press(&mut fresh, "]");
    let sel = &cmp.claims[fresh.compare.selected.expect("selected")];
    assert_eq!(sel.cluster, 1, "{}", sel.text);
    assert_eq!(shown_outlets(&fresh), ["bbc", "kremlin-readout"]);

    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.resume = Some(Session {
        event: Some(EVENT.into()),
        place: Some((sel.outlet.clone(), sel.sentence_index)),
        ..Session::default()
    });
    s.update(Action::CorpusLoaded(Arc::new(corpus())));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(cmp.clone())),
    });
    assert_eq!(s.compare.selected, fresh.compare.selected, "the same claim");
    assert_eq!(shown_outlets(&s), ["bbc", "kremlin-readout"], "both sides");
}

#[test]
fn the_only_contrast_still_lays_out_its_two_sides_on_a_jump() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmp = contrast_across_a_column();
    // cluster 2 (BBC / Izvestia) no longer a contrast, and the readout's claim only the
    // counterpart of cluster 1: BBC's claim is the one contrasting claim
    cmp.clusters[2].kind = ClusterKind::Shared;
    let kr = cmp
        .claims
        .iter()
        .position(|c| c.outlet == "kremlin-readout" && c.text.contains("outlined"))
        .expect("fixture claim");
    cmp.clusters[1].counterparts.push(kr);
    cmp.claims[kr].cluster = 3;
    let mut s = loaded_comparison(dir.path(), (80, 24), cmp.clone());
    press(&mut s, "]");
    let at = s.compare.selected;
    assert_eq!(at.map(|c| cmp.claims[c].cluster), Some(1));
    // the view left by hand, then `]` again: nothing else to go to, the sides come back
    s.compare.focus_col = 0;
    s.compare.cluster_view = None;
    s.compare.col_offset = 0;
    assert_eq!(shown_outlets(&s), ["bbc", "izvestia"]);
    press(&mut s, "]");
    assert_eq!(s.compare.selected, at);
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("only contrasting")),
        "{:?}",
        s.status
    );
    assert_eq!(shown_outlets(&s), ["bbc", "kremlin-readout"]);
}

/// Item 1 of the session-13 report: a note another framediff saved on a cluster reaches this
/// one when the file changes on disk (the watcher reports it), without a save of our own, so
/// this screen shows it and our next save keeps it.
#[test]
fn another_framediffs_save_is_merged_in_when_the_file_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let cmp = comparison();
    // Asked to read the file again when the watcher names it, and only then.
    let path = s.annotations_path.clone();
    let effects = s.update(Action::FilesChanged(vec![path.clone()]));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::RefreshAnnotations(p) if *p == path)),
        "{effects:?}"
    );
    // Ours: an agreement on cluster 1; theirs (on disk): a note on the same cluster.
    let base = s.annotations.clone();
    s.annotations
        .upsert(&cmp, &cmp.clusters[1], |a| a.agreed = true);
    let mut disk = framediff::annotations::Annotations::default();
    disk.upsert(&cmp, &cmp.clusters[1], |a| a.note = "note from u2".into());
    s.update(Action::AnnotationsChanged { base, disk });
    let a = s
        .annotations
        .find(&cmp, &cmp.clusters[1])
        .expect("still annotated");
    assert!(a.agreed, "our agreement kept");
    assert_eq!(a.note, "note from u2", "their note shown here");
    assert!(
        s.status
            .as_ref()
            .is_some_and(|st| st.text.contains("another framediff changed 1")),
        "{:?}",
        s.status
    );
}

/// A corpus of one event ("ev") with an article per (outlet, body), analysed for real.
fn live_corpus(articles: &[(&str, &str)]) -> (Corpus, framediff::analysis::Comparison) {
    let articles = articles
        .iter()
        .map(|(outlet, body)| framediff::corpus::Article {
            path: std::path::PathBuf::from(format!("c/ev/{outlet}.md")),
            outlet: outlet.to_string(),
            title: outlet.to_string(),
            date_alt: None,
            date: None,
            url: None,
            author: None,
            language: Some("en".into()),
            kind: None,
            body: body.to_string().into(),
            origin: framediff::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        })
        .collect();
    let event = framediff::corpus::Event::of_articles("ev", "Ev", articles);
    let cmp = framediff::analysis::compare(&event, &Default::default());
    let corpus = Corpus {
        root: "c".into(),
        events: vec![event],
        ..Corpus::default()
    };
    (corpus, cmp)
}

const ALPHA: &str = "The mayor said the bridge will reopen on Monday. Repairs cost 2 million \
                     dollars. The council met on Friday.";
const BETA: &str = "The mayor said the bridge will reopen on Monday. Officials said repairs cost \
                    2 million dollars. It rained all week.";
const GAMMA: &str = "Schools in the city closed early because of the storm.";

/// `s` on `articles`, reloaded after a change on disk (the watcher's path through the state).
fn reload(s: &mut AppState, articles: &[(&str, &str)]) {
    let (corpus, cmp) = live_corpus(articles);
    s.update(Action::FilesChanged(vec!["c/ev/alpha.md".into()]));
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(Action::AnalysisDone {
        event_id: "ev".into(),
        result: Ok(Arc::new(cmp)),
    });
}

fn select(s: &mut AppState, text: &str) {
    let cmp = s.comparison().expect("comparison").clone();
    let c = cmp.claims.iter().find(|c| c.text == text).expect("claim");
    s.compare.focus_col = c.column;
    s.compare.selected = Some(c.id);
}

fn live_state(dir: &std::path::Path) -> AppState {
    let (corpus, cmp) = live_corpus(&[("alpha", ALPHA), ("beta", BETA), ("gamma", GAMMA)]);
    let (mut s, _) = AppState::new(dir.into(), Config::defaults(false), vec![], (120, 40));
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(Action::AnalysisDone {
        event_id: "ev".into(),
        result: Ok(Arc::new(cmp)),
    });
    s
}

/// Tester report 15, item 1: text added above the selected claim moves its sentence index
/// and renumbers the clusters; the selection, a note being typed and the saved session follow
/// the claim itself.
#[test]
fn a_reload_keeps_the_claim_and_the_note_being_typed_on_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = live_state(dir.path());
    select(&mut s, "Repairs cost 2 million dollars.");
    press(&mut s, "nRACE2");
    let edited = format!("Traffic was heavy downtown. Shops stayed shut. {ALPHA}");
    reload(
        &mut s,
        &[("alpha", &edited), ("beta", BETA), ("gamma", GAMMA)],
    );
    assert_eq!(selected_text(&s), "Repairs cost 2 million dollars.");
    let session = s.session();
    assert_eq!(
        session.place_text.as_deref(),
        Some("Repairs cost 2 million dollars.")
    );
    s.update(code(KeyCode::Enter));
    let cmp = s.comparison().expect("comparison").clone();
    let claim = cmp
        .claims
        .iter()
        .find(|c| c.text == "Repairs cost 2 million dollars.")
        .expect("claim");
    let note = s.annotations.find(&cmp, &cmp.clusters[claim.cluster]);
    assert_eq!(note.map(|a| a.note.as_str()), Some("RACE2"));
    assert_eq!(s.annotations.annotations.len(), 1);

    // the next start finds the claim by its text, not by its old sentence index
    let (mut u, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (120, 40),
    );
    u.resume = Some(session);
    let (corpus, cmp) = live_corpus(&[
        ("alpha", &format!("One more line. {edited}")),
        ("beta", BETA),
        ("gamma", GAMMA),
    ]);
    u.update(Action::CorpusLoaded(Arc::new(corpus)));
    u.update(Action::AnalysisDone {
        event_id: "ev".into(),
        result: Ok(Arc::new(cmp)),
    });
    assert_eq!(selected_text(&u), "Repairs cost 2 million dollars.");
}

/// Tester report 15, item 1: a note whose claim left the article while it was typed is saved
/// nowhere, and the status line says why.
#[test]
fn a_note_whose_claim_is_gone_after_a_reload_is_not_saved_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = live_state(dir.path());
    select(&mut s, "Repairs cost 2 million dollars.");
    press(&mut s, "nlost");
    let edited = ALPHA.replace("Repairs cost 2", "Repairs cost 3");
    reload(
        &mut s,
        &[("alpha", &edited), ("beta", BETA), ("gamma", GAMMA)],
    );
    s.update(code(KeyCode::Enter));
    assert!(s.annotations.annotations.is_empty());
    let status = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(status.contains("note not saved"), "{status}");
}

/// Tester report 15, item 1: the article view follows its file across a reload, and closes
/// with a message when the file is gone (the column index alone showed another article).
#[test]
fn the_article_view_follows_its_file_and_closes_when_it_is_gone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = live_state(dir.path());
    select(&mut s, GAMMA);
    s.update(code(KeyCode::Enter));
    assert!(matches!(s.overlay, Some(Overlay::Article { .. })));
    // alpha removed: gamma's column moves from 2 to 1
    reload(&mut s, &[("beta", BETA), ("gamma", GAMMA)]);
    let cmp = s.comparison().expect("comparison").clone();
    let Some(Overlay::Article { column, claim, .. }) = &s.overlay else {
        panic!("the view stays open: {:?}", s.overlay);
    };
    assert_eq!(cmp.columns[*column].outlet, "gamma");
    assert_eq!(claim.map(|c| cmp.claims[c].text.as_str()), Some(GAMMA));
    reload(&mut s, &[("alpha", ALPHA), ("beta", BETA)]);
    assert!(s.overlay.is_none(), "{:?}", s.overlay);
    let status = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("gamma.md is no longer in the corpus"),
        "{status}"
    );
}

/// Tester report 15, item 2: an outlet renamed in its front matter (its id changes) keeps
/// its annotations, found by their text; with the text gone too they are orphaned, and
/// Problems says the outlet id is gone.
#[test]
fn an_annotation_follows_its_text_to_a_renamed_outlet_or_is_orphaned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = live_state(dir.path());
    select(&mut s, GAMMA);
    press(&mut s, "a");
    assert_eq!(s.annotation_counts(), (1, 0));
    reload(
        &mut s,
        &[("alpha", ALPHA), ("beta", BETA), ("gamma-news", GAMMA)],
    );
    let cmp = s.comparison().expect("comparison").clone();
    let claim = cmp.claims.iter().find(|c| c.text == GAMMA).expect("claim");
    assert_eq!(claim.outlet, "gamma-news");
    let a = s.annotations.find(&cmp, &cmp.clusters[claim.cluster]);
    assert!(a.is_some_and(|a| a.agreed), "re-attached by its text");
    assert_eq!(s.annotation_counts(), (1, 0));
    let other = "Schools reopened on Tuesday after the storm passed.";
    reload(
        &mut s,
        &[("alpha", ALPHA), ("beta", BETA), ("gamma-news", other)],
    );
    assert_eq!(s.annotation_counts(), (0, 1));
    let problems = s.problems();
    assert!(
        problems
            .iter()
            .any(|(_, t)| t.contains("its outlet id no longer exists")),
        "{problems:?}"
    );
}

/// Tester report 15, item 23e: Esc on a typed note asks before dropping it; a second Esc
/// drops it, Enter saves it; Esc on an unchanged note just closes.
#[test]
fn esc_on_a_typed_note_asks_before_discarding_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = live_state(dir.path());
    select(&mut s, GAMMA);
    press(&mut s, "n");
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none(), "nothing typed: closed");
    press(&mut s, "nlong note");
    s.update(code(KeyCode::Esc));
    assert!(
        matches!(s.overlay, Some(Overlay::Note { .. })),
        "still open"
    );
    let status = s
        .status
        .as_ref()
        .map(|st| st.text.clone())
        .unwrap_or_default();
    assert!(status.contains("Esc again discards"), "{status}");
    s.update(code(KeyCode::Enter));
    assert_eq!(s.annotations.annotations.len(), 1);
    assert_eq!(s.annotations.annotations[0].note, "long note");
    press(&mut s, "n!");
    s.update(code(KeyCode::Esc));
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    assert_eq!(s.annotations.annotations[0].note, "long note", "discarded");
}

/// Tester report 15, item 10: while the corpus folder is gone the Problems list says edits
/// are not followed; its return (its own path reported changed) clears that and reloads.
#[test]
fn a_removed_corpus_folder_is_a_problem_until_it_is_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(Action::WatchFailed(framediff::app::ROOT_GONE.into()));
    assert!(
        s.problems()
            .iter()
            .any(|(error, p)| *error && p.contains("changes are not followed"))
    );
    let effects = s.update(Action::FilesChanged(vec![dir.path().to_path_buf()]));
    assert!(
        s.problems()
            .iter()
            .all(|(_, p)| !p.contains("not followed"))
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::ApplyChanges { changed, .. } if changed.contains(&dir.path().to_path_buf())))
    );
}

/// Tester report 15, item 23h: every sort a header click gives is reachable from the
/// keyboard (`--no-mouse`): `o` goes on from coverage to each outlet, `O` reverses (keeping
/// the selected cluster).
#[test]
fn the_matrix_sorts_by_an_outlet_and_reverses_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "m");
    let cmp = s.comparison().expect("cmp").clone();
    press(&mut s, "ooo");
    assert_eq!(s.matrix.sort, MatrixSort::Outlet(0));
    press(&mut s, "o");
    assert_eq!(s.matrix.sort, MatrixSort::Outlet(1));
    assert_eq!(s.matrix_rows(&cmp), vec![0, 1, 2, 4, 3], "Izvestia's first");
    press(&mut s, "j");
    let selected = s.matrix_rows(&cmp)[s.matrix.row];
    press(&mut s, "O");
    assert!(s.matrix.reversed);
    assert_eq!(s.matrix_rows(&cmp), vec![3, 0, 1, 2, 4]);
    assert_eq!(
        s.matrix_rows(&cmp)[s.matrix.row],
        selected,
        "the selection stays"
    );
    press(&mut s, &"o".repeat(cmp.columns.len() - 1));
    assert_eq!(s.matrix.sort, MatrixSort::Order, "after the last outlet");
    assert!(!s.matrix.reversed);
}
