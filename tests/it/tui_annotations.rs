//! The annotations file: atomic writes, corrupt files kept, data round-trips.

use crate::tui_fixture::*;
use framediff::annotations::{Annotations, LoadOutcome, NOTE_JOINER, Verdict, path_for};

fn sample() -> Annotations {
    let cmp = comparison();
    let mut a = Annotations::default();
    a.upsert(&cmp, &cmp.clusters[2], |x| {
        x.verdict = Verdict::Shared;
        x.note = "both report the call; only tone differs".into();
    });
    a
}

#[test]
fn save_then_load_round_trips_without_leftovers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    let a = sample();
    a.save(&path).expect("save");
    assert_eq!(Annotations::load(&path), LoadOutcome::Loaded(a.clone()));
    let names: Vec<String> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec!["annotations.json".to_string()],
        "no temp file left"
    );
    let cmp = comparison();
    let found = a
        .find(&cmp, &cmp.clusters[2])
        .expect("annotation found again");
    assert_eq!(found.analysis_verdict, Verdict::Contrasting);
    assert!(a.find(&cmp, &cmp.clusters[1]).is_none());
}

#[test]
fn missing_file_is_not_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        Annotations::load(&path_for(dir.path())),
        LoadOutcome::Missing
    );
}

#[test]
fn corrupt_file_is_backed_up_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    let garbage = b"{\"version\": 1, \"annotations\": [ {\"event\": tru";
    std::fs::write(&path, garbage).expect("write");
    let LoadOutcome::Corrupt { error, backup } = Annotations::load(&path) else {
        panic!("corrupt file must be reported");
    };
    assert!(error.contains("annotations.json"), "{error}");
    let backup = backup.expect("backed up");
    assert_eq!(std::fs::read(&backup).expect("backup readable"), garbage);
    assert_eq!(std::fs::read(&path).expect("original kept"), garbage);
}

fn folder_names(path: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Item 13 of the session-13 report: reading a broken file for a report writes nothing, and
/// opening it again to annotate makes no second copy of the same content.
#[test]
fn a_broken_file_is_copied_aside_once_and_never_by_a_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, "{ broken").expect("write");
    for _ in 0..2 {
        assert!(matches!(
            Annotations::read(&path),
            LoadOutcome::Corrupt { backup: None, .. }
        ));
    }
    assert_eq!(
        folder_names(&path),
        ["annotations.json"],
        "a read writes nothing"
    );
    for _ in 0..3 {
        assert!(matches!(
            Annotations::load(&path),
            LoadOutcome::Corrupt {
                backup: Some(_),
                ..
            }
        ));
    }
    assert_eq!(folder_names(&path).len(), 2, "{:?}", folder_names(&path));
    // Other broken content is another copy.
    std::fs::write(&path, "{ broken again").expect("write");
    let _ = Annotations::load(&path);
    assert_eq!(folder_names(&path).len(), 3, "{:?}", folder_names(&path));
}

#[test]
fn a_failed_write_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    let a = sample();
    a.save(&path).expect("save");
    let before = std::fs::read(&path).expect("read");
    // A directory where the temp file would go makes the write fail before the rename.
    let tmp = path
        .parent()
        .expect("dir")
        .join(format!(".annotations.json.tmp-{}", std::process::id()));
    std::fs::create_dir(&tmp).expect("block temp path");
    let mut b = a.clone();
    b.annotations.clear();
    assert!(b.save(&path).is_err());
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn export_tells_each_step_as_it_starts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus();
    let steps = std::cell::RefCell::new(Vec::new());
    framediff::tui::runner::export_with(
        dir.path(),
        &comparison(),
        &corpus.events[0],
        &framediff::report::ReportMeta::default(),
        &sample(),
        &|step: &str| steps.borrow_mut().push(step.to_string()),
    )
    .expect("export");
    assert_eq!(
        steps.into_inner(),
        [
            "JSON (1 of 3)",
            "Markdown (2 of 3)",
            "HTML (3 of 3)",
            "writing the files"
        ]
    );
}

#[test]
fn export_writes_every_report_format_with_the_annotations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus();
    let paths = framediff::tui::runner::export(
        dir.path(),
        &comparison(),
        &corpus.events[0],
        &framediff::report::ReportMeta::default(),
        &sample(),
    )
    .expect("export");
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            format!("{EVENT}.json"),
            format!("{EVENT}.md"),
            format!("{EVENT}.html")
        ]
    );
    let json = std::fs::read_to_string(&paths[0]).expect("read json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid json");
    assert_eq!(v["schema"], framediff::report::SCHEMA_VERSION);
    assert_eq!(v["event"]["id"], EVENT);
    assert_eq!(v["annotations"][0]["verdict"], "shared");
    assert_eq!(v["annotations"][0]["analysis_verdict"], "contrasting");
    let md = std::fs::read_to_string(&paths[1]).expect("read md");
    assert!(md.contains("## Annotations"));
    assert!(md.contains("shared (analysis: contrasting)"));
    assert!(md.contains("only tone differs"));
    let html = std::fs::read_to_string(&paths[2]).expect("read html");
    let section = html
        .find("<h2>Annotations</h2>")
        .expect("annotations in html");
    assert!(section < html.rfind("</body>").expect("body end"));
    let leftovers = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn export_without_annotations_has_an_empty_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus();
    let paths = framediff::tui::runner::export(
        dir.path(),
        &comparison(),
        &corpus.events[0],
        &framediff::report::ReportMeta::default(),
        &Annotations::default(),
    )
    .expect("export");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&paths[0]).expect("read")).expect("json");
    assert_eq!(v["annotations"], serde_json::json!([]));
    let md = std::fs::read_to_string(&paths[1]).expect("read md");
    assert!(!md.contains("## Annotations"));
}

/// Item 26 of the session-13 report: a failed export names the path and why.
#[test]
fn a_failed_export_names_the_path_and_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus();
    let export = |to: &std::path::Path| {
        framediff::tui::runner::export(
            to,
            &comparison(),
            &corpus.events[0],
            &framediff::report::ReportMeta::default(),
            &Annotations::default(),
        )
        .expect_err("cannot export there")
        .to_string()
    };
    let file = dir.path().join("notadir.txt");
    std::fs::write(&file, "x").expect("write");
    let e = export(&file);
    assert_eq!(e, format!("{} is a file, not a folder", file.display()));
    let below = file.join("reports");
    let e = export(&below);
    assert!(
        e.starts_with(&format!("cannot create the folder {}: ", below.display())),
        "{e}"
    );
}

#[test]
fn new_files_are_written_in_format_version_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    sample().save(&path).expect("save");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    assert_eq!(v["version"], 1);
}

/// One annotation on cluster `i` of the fixture with `note`.
fn note_on(i: usize, note: &str) -> Annotations {
    let cmp = comparison();
    let mut a = Annotations::default();
    a.upsert(&cmp, &cmp.clusters[i], |x| x.note = note.into());
    a
}

#[test]
fn two_writers_keep_each_others_annotations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    // Both framediffs started from an empty file; the first saves its note on cluster 2...
    let base = Annotations::default();
    let first = note_on(2, "first instance");
    first.save_merging(&path, &base).expect("first save");
    // ... then the second saves its own note on cluster 1, never having seen the first's.
    let second = note_on(1, "second instance");
    let saved = second.save_merging(&path, &base).expect("second save");
    assert_eq!(saved.from_other, 1, "{saved:?}");
    assert_eq!(saved.conflicts.total(), 0);
    let LoadOutcome::Loaded(on_disk) = framediff::annotations::Annotations::load(&path) else {
        panic!("file readable");
    };
    let notes: Vec<&str> = on_disk
        .annotations
        .iter()
        .map(|a| a.note.as_str())
        .collect();
    assert_eq!(notes, ["first instance", "second instance"]);
    assert_eq!(saved.written, on_disk);

    // A removal by one side is kept too; a note both edited keeps both texts (reported).
    let mut theirs = on_disk.clone();
    theirs.annotations.retain(|a| a.note != "second instance");
    theirs.annotations[0].note = "first, edited".into();
    theirs.save(&path).expect("their edit");
    let mut ours = on_disk.clone();
    ours.annotations[0].note = "ours, edited".into();
    let saved = ours.save_merging(&path, &on_disk).expect("merge");
    let notes: Vec<&str> = saved
        .written
        .annotations
        .iter()
        .map(|a| a.note.as_str())
        .collect();
    let joined = format!("ours, edited{NOTE_JOINER}first, edited");
    assert_eq!(
        notes,
        [joined.as_str()],
        "their removal kept, both edits kept"
    );
    assert_eq!(saved.conflicts.notes_joined, 1);
}

/// Item 1 of the session-13 report, as the tester did it: two framediffs start from an empty
/// file; u2 writes a note on a cluster, then u1 (never having seen it) agrees with the same
/// cluster, then u1 annotates another cluster. The note must survive every save, in the file
/// itself (not only in `.bak`).
#[test]
fn a_note_and_an_agreement_on_one_cluster_by_two_writers_are_both_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    let cmp = comparison();
    let empty = Annotations::default();
    let u2 = note_on(2, "note from u2");
    u2.save_merging(&path, &empty).expect("u2 saves");
    let mut u1 = Annotations::default();
    u1.upsert(&cmp, &cmp.clusters[2], |a| {
        a.verdict = a.analysis_verdict;
        a.agreed = true;
    });
    let saved = u1.save_merging(&path, &empty).expect("u1 saves");
    assert_eq!(saved.conflicts.total(), 0, "different fields: no conflict");
    assert_eq!(saved.from_other, 1);
    let a = saved
        .written
        .find(&cmp, &cmp.clusters[2])
        .expect("one annotation");
    assert!(a.agreed);
    assert_eq!(a.note, "note from u2");
    // u1 annotates another cluster, from what it now knows (the merged file).
    let base = saved.written.clone();
    let mut u1 = saved.written;
    u1.upsert(&cmp, &cmp.clusters[1], |a| a.agreed = true);
    u1.save_merging(&path, &base).expect("u1 saves again");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("note from u2"), "{text}");
}

/// Conflicts of one field: a note both wrote keeps both texts (merging again adds nothing);
/// a verdict both set keeps ours and is counted; an annotation one side removed while the
/// other edited it is kept, edit included.
#[test]
fn conflicting_fields_never_drop_the_other_writers_text() {
    use framediff::annotations::{Conflicts, merge3};
    let cmp = comparison();
    let base = note_on(2, "first");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.annotations[0].note = "ours".into();
    ours.annotations[0].verdict = Verdict::Unique;
    theirs.annotations[0].note = "theirs".into();
    theirs.annotations[0].verdict = Verdict::Shared;
    let m = merge3(&base, &ours, &theirs);
    let a = &m.merged.annotations[0];
    assert_eq!(a.note, format!("ours{NOTE_JOINER}theirs"));
    assert_eq!(a.verdict, Verdict::Unique);
    let want = Conflicts {
        notes_joined: 1,
        verdicts_ours: 1,
        ..Conflicts::default()
    };
    assert_eq!(m.conflicts, want);
    // Merging the joined note with theirs again (the next save) adds nothing.
    let again = merge3(&base, &m.merged, &theirs);
    assert_eq!(again.merged, m.merged);
    // We removed it, they edited it: theirs kept.
    let m = merge3(&base, &Annotations::default(), &theirs);
    assert_eq!(m.merged, theirs);
    assert_eq!(m.conflicts.removals_undone, 1);
    // They removed it, we edited it: ours kept.
    let m = merge3(&base, &ours, &Annotations::default());
    assert_eq!(m.merged, ours);
    assert_eq!(m.conflicts.kept_over_removal, 1);
    assert!(cmp.clusters.len() > 2);
}

#[test]
fn stale_temp_files_of_killed_saves_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    let folder = path.parent().expect("dir").to_path_buf();
    std::fs::create_dir_all(&folder).expect("mkdir");
    // pid_max is at most 2^22 on Linux: this pid is never running.
    let dead = framediff::annotations::temp_path(&path, 4_194_304 + 17);
    let own = framediff::annotations::temp_path(&path, std::process::id());
    // A running process (pid 1) with a fresh temp file may be saving right now.
    let live = framediff::annotations::temp_path(&path, 1);
    for p in [&dead, &own, &live] {
        std::fs::write(p, vec![b'x'; 4096]).expect("write temp");
    }
    sample().save(&path).expect("save");
    assert!(!dead.exists(), "a dead process's temp file is removed");
    assert!(!own.exists(), "this process's leftover is removed");
    if std::path::Path::new("/proc/1").exists() {
        assert!(live.exists(), "a running process's fresh temp file is kept");
    }
    // The session file's temp files are cleaned the same way.
    let session = framediff::app::session::legacy_path(dir.path());
    let stale = framediff::annotations::temp_path(&session, 4_194_304 + 18);
    std::fs::write(&stale, "{}").expect("write temp");
    framediff::app::session::Session::default()
        .save(&session)
        .expect("session save");
    assert!(!stale.exists());
}

/// An annotation whose claim text was edited away: counted apart in the status bar, listed
/// as orphaned by `N` and in Problems, never shown on a claim.
#[test]
fn an_annotation_whose_claim_text_is_gone_is_shown_as_orphaned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    let cmp = comparison();
    let mut a = sample();
    a.upsert(&cmp, &cmp.clusters[1], |x| x.note = "checked".into());
    // the article was edited since: the second annotation's claim reads differently now
    a.annotations[1].text = "He was 84.".into();
    assert!(
        a.find(&cmp, &cmp.clusters[1]).is_none(),
        "not shown on a claim"
    );
    assert_eq!(a.orphans(&cmp).count(), 1);
    state.annotations = a;
    assert_eq!(state.annotation_counts(), (1, 1));
    assert!(
        state
            .problems()
            .iter()
            .any(|(_, p)| p.contains("orphaned annotation") && p.contains("He was 84.")),
        "{:?}",
        state.problems()
    );
    state.update(key('N'));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("tty");
    t.draw(|f| {
        framediff::ui::draw(f, &state);
    })
    .expect("draw");
    let text = screen_text(&t).join("\n");
    assert!(text.contains("orphaned: He was 84."), "{text}");
    assert!(text.contains("1 orphaned"), "{text}");
    insta::assert_snapshot!("annotations_picker_with_orphan_80x24", t.backend());
}

/// The same claim text further down (a paragraph inserted above it) still finds its
/// annotation; an edit in place that changes the text does not.
#[test]
fn annotations_follow_their_text_not_only_their_offsets() {
    let cmp = comparison();
    let mut a = sample();
    a.annotations[0].claims[0].start += 7;
    a.annotations[0].claims[0].end += 7;
    assert!(a.find(&cmp, &cmp.clusters[2]).is_some(), "moved, same text");
    let mut b = sample();
    b.annotations[0].text.push_str(" (edited)");
    assert!(
        b.find(&cmp, &cmp.clusters[2]).is_none(),
        "same offsets, other text"
    );
    assert_eq!(b.orphans(&cmp).count(), 1);
}

/// Item 15 of the session-13 report: an agreement made while the analysis gave another
/// verdict says so on the diff pane, not "you agreed" with a verdict no longer shown.
#[test]
fn an_agreement_with_an_older_verdict_says_the_analysis_changed_on_screen() {
    use framediff::analysis::ClusterKind;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (200, 50));
    let cmp = comparison();
    let mut a = Annotations::default();
    // Every cluster agreed with while the analysis said something else (whichever is
    // selected shows it).
    for c in &cmp.clusters {
        let then = match c.kind {
            ClusterKind::Unique => Verdict::Shared,
            _ => Verdict::Unique,
        };
        a.upsert(&cmp, c, |x| {
            x.analysis_verdict = then;
            x.verdict = then;
            x.agreed = true;
        });
    }
    state.annotations = a;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 50)).expect("tty");
    t.draw(|f| {
        framediff::ui::draw(f, &state);
    })
    .expect("draw");
    let text = screen_text(&t).join("\n");
    // The line wraps inside the diff pane: "…; the analysis" / "now says shared".
    assert!(
        text.contains("✎ you: agreed with unique; the analysis"),
        "{text}"
    );
    assert!(text.contains("now says shared"), "{text}");
    assert!(!text.contains("✎ you agreed "), "{text}");
}

/// Tester report 14, item 18: an orphaned annotation chosen in the `N` list is removed with
/// `D`, after asking (a second `D`); any other key keeps it.
#[test]
fn d_on_an_orphan_chosen_in_the_list_removes_it_after_asking() {
    use framediff::app::Effect;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    let cmp = comparison();
    let mut a = sample();
    a.upsert(&cmp, &cmp.clusters[1], |x| x.note = "checked".into());
    a.annotations[1].text = "He was 84.".into();
    state.annotations = a;
    let choose_orphan = |state: &mut framediff::app::AppState| {
        state.update(key('N'));
        state.update(code(ratatui::crossterm::event::KeyCode::Down));
        state.update(code(ratatui::crossterm::event::KeyCode::Enter));
        let status = state.status.as_ref().map(|s| s.text.clone());
        assert!(status.is_some_and(|s| s.contains("D removes it")));
    };
    choose_orphan(&mut state);
    state.update(key('D'));
    let asked = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        asked.contains("remove this orphaned annotation?"),
        "{asked}"
    );
    state.update(key('j'));
    assert_eq!(
        state.annotations.annotations.len(),
        2,
        "another key keeps it"
    );
    state.update(key('D'));
    assert_eq!(
        state.annotations.annotations.len(),
        2,
        "the choice is forgotten"
    );
    choose_orphan(&mut state);
    state.update(key('D'));
    let effects = state.update(key('D'));
    assert!(
        matches!(&effects[..], [Effect::SaveAnnotations { annotations, .. }]
            if annotations.annotations.len() == 1 && annotations.orphans(&cmp).count() == 0),
        "{effects:?}"
    );
    assert_eq!(state.annotation_counts(), (1, 0));
}

/// Tester report 14, item 31: the Framing profile counts claims by the verdict the matrix
/// shows, the reader's where they overruled the analysis, so both agree on ≠.
#[test]
fn the_profile_counts_follow_an_overruled_verdict_as_the_matrix_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    // an analysed event (the hand-built fixture's profiles are not counted from its claims)
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = framediff::app::engine::load_corpus(&root, &|_| {}).expect("load");
    let event = corpus
        .events
        .iter()
        .find(|e| e.id == "2025-03-18-trump-putin-call")
        .expect("the sample event");
    let cmp = framediff::app::engine::analyse(&corpus, event).expect("analyse");
    for (col, p) in cmp.profiles.iter().enumerate() {
        assert_eq!(
            state.kind_counts(&cmp, col),
            (p.shared_claims, p.contrasting_claims, p.unique_claims),
            "without annotations: the analysis' counts"
        );
    }
    let contrast = cmp
        .clusters
        .iter()
        .find(|c| c.kind == framediff::analysis::ClusterKind::Contrasting)
        .expect("the fixture has a contrast");
    let mut a = Annotations::default();
    a.upsert(&cmp, contrast, |x| x.verdict = Verdict::Shared);
    state.annotations = a;
    let col = cmp.claims[contrast.own_members().next().expect("a member")].column;
    let own = contrast
        .own_members()
        .filter(|&m| cmp.claims[m].column == col)
        .count();
    let p = &cmp.profiles[col];
    assert_eq!(
        state.kind_counts(&cmp, col),
        (
            p.shared_claims + own,
            p.contrasting_claims - own,
            p.unique_claims
        )
    );
}

/// Tester report 18, item 11: a note alone, written when the analysis gave its cluster
/// another verdict, shows the verdict the analysis gives now (in the columns, the counts and
/// the `N` list), as the reports do; a verdict the reader set is still shown as theirs.
#[test]
fn a_note_alone_shows_the_analysis_verdict_of_now() {
    use framediff::analysis::ClusterKind;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    let cmp = comparison();
    let cluster = cmp
        .clusters
        .iter()
        .find(|c| c.kind == ClusterKind::Shared)
        .expect("a shared cluster");
    let mut a = Annotations::default();
    a.upsert(&cmp, cluster, |x| {
        // the note was written when the analysis called the claim unique
        x.analysis_verdict = Verdict::Unique;
        x.verdict = Verdict::Unique;
        x.note = "NOTE-A: check the release".into();
    });
    state.annotations = a.clone();
    assert_eq!(
        state.effective_kind(&cmp, cluster.id),
        Some(ClusterKind::Shared)
    );
    state.update(key('N'));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("tty");
    t.draw(|f| {
        framediff::ui::draw(f, &state);
    })
    .expect("draw");
    let text = screen_text(&t).join("\n");
    assert!(text.contains("#1 · = shared · NOT"), "{text}");
    assert!(!text.contains("+ unique"), "{text}");
    // a verdict the reader set stays theirs
    a.annotations[0].analysis_verdict = Verdict::Shared;
    state.annotations = a;
    assert_eq!(
        state.effective_kind(&cmp, cluster.id),
        Some(ClusterKind::Unique)
    );
}

/// Tester report 18, items 16 and 22b: annotations of a renamed event folder are moved to
/// the event that holds their claims and saved so at once (the next start has nothing to
/// move, so the message is shown once); the mark is set off from the claim (`=✎ text`).
#[test]
fn annotations_of_a_renamed_event_are_saved_under_its_new_id_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    let mut a = sample();
    a.annotations[0].event = "2025-03-18-the-old-folder-name".into();
    let effects = state.update(framediff::app::Action::AnnotationsLoaded(
        LoadOutcome::Loaded(a),
    ));
    let saved = effects
        .iter()
        .find_map(|e| match e {
            framediff::app::Effect::SaveAnnotations { annotations, .. } => {
                Some(annotations.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("saved at once: {effects:?}"));
    assert_eq!(saved.annotations[0].event, EVENT);
    assert!(
        state
            .problems()
            .iter()
            .any(|(_, p)| p.contains("moved to event")),
        "{:?}",
        state.problems()
    );
    // the file as saved: nothing to move, nothing to save
    let mut again = loaded_state(dir.path(), (80, 24));
    let effects = again.update(framediff::app::Action::AnnotationsLoaded(
        LoadOutcome::Loaded(saved),
    ));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, framediff::app::Effect::SaveAnnotations { .. })),
        "{effects:?}"
    );
    assert!(again.problems().iter().all(|(_, p)| !p.contains("moved")));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("tty");
    t.draw(|f| {
        framediff::ui::draw(f, &again);
    })
    .expect("draw");
    insta::assert_snapshot!("annotated_claim_mark_set_off_80x24", t.backend());
}

/// Tester report 18, item 23: an export never replaces another corpus's report of an event
/// with the same id: it is written as `<id>-2.*` and the status line says why; the same
/// corpus exported again replaces its own files.
#[test]
fn an_export_keeps_another_corpus_report_of_the_same_event_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ours = corpus();
    let mut theirs = ours.events[0].clone();
    for a in &mut theirs.articles {
        let mut copy = (**a).clone();
        copy.path = std::path::PathBuf::from(format!("working-copy/{}", copy.path.display()));
        *a = copy.into();
    }
    let meta = framediff::report::ReportMeta::default();
    let export = |event: &framediff::corpus::Event| {
        framediff::tui::runner::export(dir.path(), &comparison(), event, &meta, &sample())
            .expect("export")
    };
    let first = export(&ours.events[0]);
    assert_eq!(first[0], dir.path().join(format!("{EVENT}.json")));
    let second = export(&theirs);
    assert_eq!(second[1], dir.path().join(format!("{EVENT}-2.md")));
    assert_eq!(export(&ours.events[0]), first, "its own export replaced");
    assert_eq!(export(&theirs), second, "its own export replaced");
    let mut state = loaded_state(dir.path(), (80, 24));
    state.update(framediff::app::Action::Exported(Ok(second)));
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains(&format!("{EVENT}-2")) && status.contains("another corpus's report"),
        "{status}"
    );
    state.update(framediff::app::Action::Exported(Ok(first)));
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(!status.contains("another corpus"), "{status}");
}

/// Tester report 22, finding 9: `X` asks to take the selected claim out of its cluster and a
/// second `X` does it (any other key keeps it): the claim reads as a unique claim of its own
/// (its glyph, the profile's counts), the cluster keeps the others, and one left with one
/// outlet reads as unique; the diff pane strikes the member through with "✎ you: not this
/// fact" and says why with the reader's membership. `X` twice again puts it back, and
/// nothing is left in the file.
#[test]
fn x_takes_one_claim_out_of_its_cluster_after_asking() {
    use framediff::analysis::ClusterKind;
    use framediff::app::Effect;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (160, 45));
    let cmp = comparison();
    // the Kremlin readout's prisoner exchange, shared with Izvestia (cluster 5)
    let kremlin = cmp
        .claims
        .iter()
        .find(|c| c.outlet == "kremlin-readout" && c.text.contains("175 prisoners"))
        .expect("fixture claim")
        .id;
    let cluster = cmp.claims[kremlin].cluster;
    assert_eq!(state.kind_counts(&cmp, 2), (2, 1, 0));
    state.update(key('l'));
    state.update(key('l'));
    state.update(key('G'));
    assert_eq!(state.compare.selected, Some(kremlin));
    let saves = |e: &[Effect]| {
        e.iter()
            .filter(|e| matches!(e, Effect::SaveAnnotations { .. }))
            .count()
    };
    assert_eq!(saves(&state.update(key('X'))), 0, "asks first");
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("X again takes this claim out"), "{status}");
    assert!(status.chars().count() <= 80, "{status}");
    assert_eq!(saves(&state.update(key('Q'))), 0, "another key keeps it");
    assert!(state.annotations.annotations.is_empty());
    state.update(key('X'));
    let effects = state.update(key('X'));
    assert_eq!(saves(&effects), 1);
    let stored = &state.annotations.annotations[0];
    assert_eq!(stored.excluded.len(), 1);
    assert_eq!(stored.excluded[0].outlet, "kremlin-readout");
    assert_eq!(stored.excluded[0].text, cmp.claims[kremlin].text);
    assert_eq!(state.claim_kind(&cmp, kremlin), Some(ClusterKind::Unique));
    assert_eq!(
        state.effective_kind(&cmp, cluster),
        Some(ClusterKind::Unique),
        "Izvestia alone is left"
    );
    assert_eq!(state.kind_counts(&cmp, 2), (1, 1, 1));
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).expect("tty");
    t.draw(|f| {
        framediff::ui::draw(f, &state);
    })
    .expect("draw");
    let text = screen_text(&t).join("\n");
    assert!(text.contains("✎ you: not this fact"), "{text}");
    assert!(
        text.contains("why: only in Izvestia (you took President of Russia (Kremlin) out)"),
        "{text}"
    );
    assert!(
        text.contains("✎ you: unique (analysis: shared) · 1 claim taken out"),
        "{text}"
    );
    assert!(text.contains("1 outlet left of 2 · 1 taken out"), "{text}");
    insta::assert_snapshot!("diff_pane_member_taken_out_160x45", t.backend());
    // the member line is struck through
    let buf = t.backend().buffer();
    let struck = (0..buf.area.height).any(|y| {
        (0..buf.area.width).any(|x| {
            buf[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::CROSSED_OUT)
        })
    });
    assert!(struck, "a struck-through member");
    // the matrix marks the outlet's cell of that row
    state.update(key('m'));
    t.draw(|f| {
        framediff::ui::draw(f, &state);
    })
    .expect("draw");
    let text = screen_text(&t).join("\n");
    assert_eq!(text.matches("✎ out").count(), 1, "{text}");
    state.update(key('C'));
    // put back: nothing left in the file
    assert!(
        state
            .update(key('X'))
            .iter()
            .all(|e| !matches!(e, Effect::SaveAnnotations { .. }))
    );
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("put this claim back"), "{status}");
    assert_eq!(saves(&state.update(key('X'))), 1);
    assert!(state.annotations.annotations.is_empty());
    assert_eq!(state.kind_counts(&cmp, 2), (2, 1, 0));
}

/// A claim the reader took out whose text is gone (the article edited since) no longer
/// applies and is named on the Problems screen; the annotation itself stays current.
#[test]
fn a_member_taken_out_whose_text_is_gone_is_named_on_the_problems_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut state = loaded_state(dir.path(), (80, 24));
    let cmp = comparison();
    let mut a = Annotations::default();
    let izvestia = cmp
        .claims
        .iter()
        .find(|c| c.outlet == "izvestia" && c.cluster == 0)
        .expect("fixture claim")
        .id;
    assert_eq!(a.toggle_excluded(&cmp, izvestia), Some(true));
    a.annotations[0].excluded[0].text = "Putin supported a proposal that was edited.".into();
    state.annotations = a;
    assert_eq!(state.annotation_counts(), (1, 0));
    assert_eq!(
        state.effective_kind(&cmp, 0),
        Some(framediff::analysis::ClusterKind::Shared)
    );
    assert!(!state.is_excluded(&cmp, izvestia));
    let problems = state.problems();
    assert!(
        problems
            .iter()
            .any(|(_, p)| p.contains("a claim you took out of a cluster")
                && p.contains("Putin supported a proposal that was edited.")
                && p.contains("kept in the annotations file")),
        "{problems:?}"
    );
}

/// An annotations file written before members could be taken out (no `excluded`) loads as
/// it was, and is saved back without the field.
#[test]
fn an_annotations_file_of_the_old_format_still_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = path_for(dir.path());
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    let old = r#"{
  "version": 1,
  "annotations": [
    {
      "event": "2025-03-18-trump-putin-call",
      "claims": [{"outlet": "bbc", "start": 100, "end": 188}],
      "text": "Vladimir Putin has agreed to stop attacking Ukraine's energy infrastructure for 30 days.",
      "analysis_verdict": "shared",
      "verdict": "unique",
      "agreed": false,
      "note": "only the BBC says 'agreed'"
    }
  ]
}
"#;
    std::fs::write(&path, old).expect("write");
    let LoadOutcome::Loaded(a) = Annotations::load(&path) else {
        panic!("loads");
    };
    assert!(a.annotations[0].excluded.is_empty());
    assert_eq!(a.annotations[0].verdict, Verdict::Unique);
    let cmp = comparison();
    assert!(
        a.find(&cmp, &cmp.clusters[0]).is_some(),
        "found on its claim"
    );
    a.save(&path).expect("save");
    let back = std::fs::read_to_string(&path).expect("read");
    assert!(!back.contains("excluded"), "{back}");
}
