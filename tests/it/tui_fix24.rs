//! Session 24 (tester report 24): an annotations file made unreadable while the TUI runs
//! (finding 2), a folder renamed while the TUI runs (finding 8), and the reader's verdict in
//! what is shown (finding 5).

use std::sync::Arc;

use crate::tui_fixture::*;
use framediff::annotations::{Annotations, LoadOutcome, Saved, Unreadable, Verdict};
use framediff::app::{Action, AppState, Effect};

fn press(s: &mut AppState, keys: &str) -> Vec<Effect> {
    let mut out = Vec::new();
    for c in keys.chars() {
        out.extend(s.update(key(c)));
    }
    out
}

fn saved_of(effects: &[Effect]) -> Option<Annotations> {
    effects.iter().find_map(|e| match e {
        Effect::SaveAnnotations { annotations, .. } => Some(annotations.clone()),
        _ => None,
    })
}

/// Finding 2: the file became unreadable (a hand edit): the watcher's refresh says so at
/// once (status line and Problems), and the save that replaces it keeps every annotation of
/// this session and names the copy of the unreadable content.
#[test]
fn an_unreadable_annotations_file_is_reported_and_drops_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    press(&mut s, "j");
    let sent = saved_of(&press(&mut s, "a")).expect("agree saves");
    s.update(Action::AnnotationsSaved(Ok(Saved {
        sent: sent.clone(),
        written: sent.clone(),
        from_other: 0,
        conflicts: Default::default(),
        unreadable: None,
    })));
    assert!(s.problems().iter().all(|(_, p)| !p.contains("unreadable")));

    s.update(Action::AnnotationsUnreadable(
        "x/.framediff/annotations.json: key must be a string at line 1".into(),
    ));
    let status = s.status.clone().expect("status");
    assert!(status.error, "{status:?}");
    assert!(status.text.contains("unreadable now"), "{}", status.text);
    assert!(
        status.text.contains("1 annotation(s) shown here"),
        "{}",
        status.text
    );
    assert!(
        s.problems()
            .iter()
            .any(|(err, p)| *err && p.contains("key must be a string")),
        "{:?}",
        s.problems()
    );
    assert_eq!(s.annotations, sent, "nothing dropped on the report");

    // the next annotation's save finds the file unreadable: both annotations stay
    press(&mut s, "j");
    let second = saved_of(&press(&mut s, "a")).expect("second agree saves");
    assert_eq!(second.annotations.len(), 2);
    let copy = dir
        .path()
        .join(".framediff/annotations.json.corrupt-0123456789abcdef");
    s.update(Action::AnnotationsSaved(Ok(Saved {
        sent: second.clone(),
        written: second.clone(),
        from_other: 0,
        conflicts: Default::default(),
        unreadable: Some(Unreadable {
            error: "annotations.json: key must be a string".into(),
            copy: Some(copy.clone()),
        }),
    })));
    assert_eq!(s.annotations, second);
    let status = s.status.clone().expect("status");
    assert!(status.text.contains("unreadable"), "{}", status.text);
    assert!(
        status.text.contains(&copy.display().to_string()),
        "{}",
        status.text
    );
    assert!(
        s.problems()
            .iter()
            .any(|(_, p)| p.contains("replaced by the 2 annotation(s)")),
        "{:?}",
        s.problems()
    );
}

/// Finding 2 end to end on the file: what the TUI's save does when the file was broken
/// after its first save (no annotation of this session lost, none in garbage only).
#[test]
fn a_save_over_a_broken_file_keeps_the_sessions_annotations_and_a_good_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = framediff::annotations::path_for(dir.path());
    let cmp = comparison();
    let mut ours = Annotations::default();
    ours.upsert(&cmp, &cmp.clusters[1], |a| a.agreed = true);
    let base = ours
        .save_merging(&path, &Annotations::default())
        .expect("save")
        .written;
    std::fs::write(
        &path,
        "{\"version\": 1, \"annotations\": [ {\"event\": \"x\", BROKEN\n",
    )
    .expect("break");
    ours.upsert(&cmp, &cmp.clusters[2], |a| a.verdict = Verdict::Shared);
    let saved = ours.save_merging(&path, &base).expect("save");
    assert_eq!(saved.written.annotations.len(), 2);
    assert!(saved.unreadable.is_some());
    assert_eq!(Annotations::read(&path), LoadOutcome::Loaded(ours));
    let bak = framediff::annotations::backup_path(&path);
    assert_eq!(Annotations::read(&bak), LoadOutcome::Loaded(base));
}

/// Finding 8: the open event's folder is renamed while the TUI runs; the reload that finds
/// it gone keeps the view (as before) and moves its annotations to the new id at once,
/// saved, without waiting for the user to open it or for a restart.
#[test]
fn annotations_follow_a_folder_renamed_while_the_tui_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let cmp = comparison();
    let mut a = Annotations::default();
    a.upsert(&cmp, &cmp.clusters[1], |x| x.note = "kept".into());
    s.update(Action::AnnotationsLoaded(LoadOutcome::Loaded(a)));
    let mut renamed = corpus();
    renamed.events[0].id = "2025-03-18-renamed".into();
    let effects = s.update(Action::CorpusLoaded(Arc::new(renamed)));
    assert!(s.gone_event.is_some(), "the view is kept");
    let saved = saved_of(&effects).unwrap_or_else(|| panic!("saved at once: {effects:?}"));
    assert_eq!(saved.annotations[0].event, "2025-03-18-renamed");
    assert_eq!(s.annotations.annotations[0].event, "2025-03-18-renamed");
    assert!(
        s.problems()
            .iter()
            .any(|(_, p)| p.contains("moved to event")),
        "{:?}",
        s.problems()
    );
    // the save landing leaves "open event not on disk now" on the status line
    s.update(Action::AnnotationsSaved(Ok(Saved {
        sent: saved.clone(),
        written: saved,
        from_other: 0,
        conflicts: Default::default(),
        unreadable: None,
    })));
    assert_eq!(
        s.status.as_ref().map(|st| st.text.as_str()),
        Some(framediff::app::GONE_EVENT)
    );
    // a reload that does have the event (a folder written again) moves nothing
    let mut t = loaded_state(dir.path(), (80, 24));
    let mut a = Annotations::default();
    a.upsert(&cmp, &cmp.clusters[1], |x| x.note = "kept".into());
    t.update(Action::AnnotationsLoaded(LoadOutcome::Loaded(a.clone())));
    let effects = t.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(saved_of(&effects).is_none(), "{effects:?}");
    assert_eq!(t.annotations, a);
}

/// The fixture's annotations of finding 5: cluster #3 (contrasting "clear win" vs "no
/// concessions") called shared by the reader, and Izvestia's claim taken out of shared #1.
fn overruled_annotations() -> Annotations {
    let cmp = comparison();
    let mut a = Annotations::default();
    a.upsert(&cmp, &cmp.clusters[2], |x| x.verdict = Verdict::Shared);
    let izvestia = cmp.clusters[0]
        .members
        .iter()
        .copied()
        .find(|&m| cmp.claims[m].outlet == "izvestia")
        .expect("Izvestia in #1");
    assert_eq!(a.toggle_excluded(&cmp, izvestia), Some(true));
    a
}

fn report(format: framediff::report::Format, a: &Annotations) -> String {
    let cmp = comparison();
    let corpus = corpus();
    let meta = framediff::report::ReportMeta::for_corpus(&corpus);
    let notes: Vec<_> = a.for_event(EVENT).collect();
    framediff::report::render_annotated(&cmp, &corpus.events[0], format, &meta, &notes)
        .expect("report")
}

/// Finding 5, the reports: counts, sections and the HTML summary follow the reader's
/// verdict and say what the analysis said; the Annotations table names the outlets the
/// cluster has now. Without annotations nothing of this is said.
#[test]
fn the_readers_verdict_reaches_the_report_counts_and_sections() {
    use framediff::report::Format;
    let a = overruled_annotations();
    let md = report(Format::Markdown, &a);
    assert!(
        md.contains(
            "3 shared, 1 contrasting, 1 unique (as the reader has it; the analysis said 2 \
             shared, 2 contrasting, 1 unique)."
        ),
        "{md}"
    );
    let contrasting = &md[md.find("## Contrasting claims").expect("contrasts")..];
    let shared_at = contrasting.find("## Shared claims").expect("shared");
    assert!(!contrasting[..shared_at].contains("#3 "), "{md}");
    let shared = &contrasting[shared_at..];
    let heading = shared
        .lines()
        .find(|l| l.starts_with("### = shared #3 "))
        .unwrap_or_else(|| panic!("#3 under the shared claims: {md}"));
    assert!(
        heading.ends_with("✎ you: shared (analysis: contrasting)"),
        "{heading}"
    );
    assert!(
        shared.contains(
            "- the analysis said contrasting, the reader says shared; the analysis' reasons:"
        ),
        "{md}"
    );
    let row = md
        .lines()
        .find(|l| l.starts_with("| #1 |"))
        .unwrap_or_else(|| panic!("#1 in the Annotations table: {md}"));
    assert!(
        row.contains("| BBC News, President of Russia (Kremlin) |"),
        "{row}"
    );
    assert!(row.contains("took out: Izvestia “Putin supported"), "{row}");

    let html = report(Format::Html, &a);
    let summary = &html[..html.find("<h3>Outlets</h3>").expect("outlets")];
    assert!(
        summary.contains("<b class=\"k-contrasting\">1</b> &#8800; contrasts"),
        "{summary}"
    );
    assert!(
        summary.contains("as the reader has it; the analysis said 2 shared"),
        "{summary}"
    );
    let list = &summary[summary.find("Where the outlets disagree").expect("list")..];
    assert!(!list.contains("href=\"#c3\""), "{list}");
    assert!(list.contains("href=\"#c2\""), "{list}");
    let shared = &html[html
        .find("<section id=\"shared\">")
        .expect("shared section")..];
    let shared = &shared[..shared.find("</section>").expect("end")];
    assert!(shared.contains("id=\"c3\""), "#3 among the shared facts");
    assert!(shared.contains("the analysis said contrasting, the reader says shared"));

    // no annotation: the analysis' counts, no note about them
    let plain = report(Format::Markdown, &Annotations::default());
    assert!(
        plain.contains("2 shared, 2 contrasting, 1 unique."),
        "{plain}"
    );
    assert!(!plain.contains("as the reader has it"));
}

/// Finding 5, the reader's only contrast overruled: the report says so rather than "no
/// contradiction found".
#[test]
fn a_report_whose_contrasts_the_reader_overruled_says_so() {
    let cmp = comparison();
    let mut a = Annotations::default();
    for i in [1, 2] {
        a.upsert(&cmp, &cmp.clusters[i], |x| x.verdict = Verdict::Shared);
    }
    let md = report(framediff::report::Format::Markdown, &a);
    assert!(
        md.contains(
            "## Contrasting claims\n\nNone: the reader overruled the analysis' contrasting #2, #3"
        ),
        "{md}"
    );
}

/// Finding 5, the TUI: the header counts follow the reader (marked ✎), and the "why" line
/// under a verdict the reader changed says the reasons are the analysis'.
#[test]
fn the_header_counts_and_why_line_follow_the_readers_verdict() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (160, 45));
    let draw = |s: &AppState| {
        let mut t =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).expect("tty");
        t.draw(|f| {
            framediff::ui::draw(f, s);
        })
        .expect("draw");
        screen_text(&t).join("\n")
    };
    let cmp = comparison();
    let win = cmp
        .claims
        .iter()
        .find(|c| c.text.contains("clear win"))
        .expect("claim")
        .id;
    s.compare.selected = Some(win);
    let before = draw(&s);
    assert!(before.contains("2 contrasting"), "{before}");
    assert!(!before.contains("✎ yours"), "{before}");
    s.annotations = overruled_annotations();
    let after = draw(&s);
    assert!(
        after.contains("3 shared · 1 contrasting · 1 unique ✎ yours"),
        "{after}"
    );
    assert!(
        after.contains("why: the analysis said contrasting, you say shared; its reasons:"),
        "{after}"
    );
}
