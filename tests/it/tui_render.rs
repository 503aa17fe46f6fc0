//! Rendering tests: every screen drawn on ratatui's TestBackend at 80x24 and 200x50, compared
//! with reviewed insta snapshots; plus checks that untrusted text never reaches the terminal
//! as control sequences and that NO_COLOR output has no colours.

use std::sync::Arc;

use crate::tui_fixture::*;
use framediff::analysis::ClusterKind;
use framediff::app::{Action, AppState, MatrixColumn, Overlay, Target};
use framediff::config::Config;
use framediff::ui;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn render(state: &AppState, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| {
        ui::draw(f, state);
    })
    .expect("draw");
    t
}

/// The fixture state with the Izvestia "win" claim selected and its diff against the others.
fn win_selected(size: (u16, u16)) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), size);
    // Izvestia's third claim: the "clear win" one.
    for a in [key('l'), key('j'), key('j')] {
        s.update(a);
    }
    let cmp = s.comparison().expect("cmp").clone();
    let sel = &cmp.claims[s.compare.selected.expect("selected")];
    assert!(sel.text.contains("clear win"));
    s.diffs = cmp.clusters[sel.cluster]
        .members
        .iter()
        .filter(|&&m| m != sel.id)
        .map(|&m| (m, diff(&sel.text, &cmp.claims[m].text)))
        .collect();
    (dir, s)
}

fn snap(name: &str, state: &AppState) {
    for size in SIZES {
        let t = render(state, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), t.backend());
    }
}

fn sized(actions: &[Action]) -> Vec<(tempfile::TempDir, AppState)> {
    SIZES
        .iter()
        .map(|&size| {
            let (d, mut s) = win_selected(size);
            for a in actions {
                s.update(a.clone());
            }
            (d, s)
        })
        .collect()
}

fn snap_each(name: &str, actions: &[Action]) {
    for (_d, s) in sized(actions) {
        let t = render(&s, s.size);
        insta::assert_snapshot!(format!("{name}_{}x{}", s.size.0, s.size.1), t.backend());
    }
}

#[test]
fn compare_screen() {
    snap_each("compare", &[]);
}

#[test]
fn compare_screen_with_filter_and_pinned_outlet() {
    snap_each("compare_filtered", &[key('c'), key('p')]);
}

/// Tester report 26, finding 8: the active kind filter is in the header at every width: in
/// full where the line has room, by glyph at 80 columns (it was cut at 160, gone at 80).
#[test]
fn the_kind_filter_is_shown_at_every_width() {
    for (size, shown) in [
        ((80, 24), "filter: ≠"),
        ((160, 45), "filter: ≠ contrasting"),
        ((200, 50), "filter: ≠ contrasting"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = loaded_state(dir.path(), size);
        s.update(key('c'));
        s.update(key('p'));
        let screen = format!("{:?}", render(&s, size).backend());
        let header = screen
            .lines()
            .find(|l| l.contains("3 outlets"))
            .unwrap_or_default()
            .to_string();
        assert!(header.contains(shown), "{size:?}: {header}");
        assert!(!header.contains("filter: ≠ c…"), "{size:?}: {header}");
    }
}

#[test]
fn a_column_emptied_by_the_filter_says_which_kinds_it_lacks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    s.update(key('u'));
    let text = format!("{:?}", render(&s, (200, 50)).backend());
    assert!(text.contains("no unique claims"), "{text}");
    assert!(
        text.contains("1 claim ·"),
        "BBC keeps its unique claim: {text}"
    );
}

#[test]
fn compare_screen_with_diff_pane_focused_and_maximised() {
    snap_each("compare_diff_focused", &[code(KeyCode::Tab)]);
    snap_each("compare_diff_maximised", &[key('z')]);
}

#[test]
fn compare_screen_with_the_diff_pane_below_and_right() {
    // `L` once: below whatever the size; twice: on the right (at 80 columns too).
    snap_each("compare_diff_below", &[key('L')]);
    snap_each("compare_diff_right", &[key('L'), key('L')]);
}

#[test]
fn claims_matrix() {
    snap_each("matrix", &[key('m')]);
}

#[test]
fn claims_matrix_sorted_by_a_clicked_header() {
    let outlet = Action::Click(Target::MatrixHeader(MatrixColumn::Outlet(1)));
    snap_each("matrix_sorted_by_outlet", &[key('m'), outlet]);
    let kind = Action::Click(Target::MatrixHeader(MatrixColumn::Kind));
    snap_each(
        "matrix_sorted_by_kind_reversed",
        &[key('m'), kind.clone(), kind],
    );
}

#[test]
fn framing_profile() {
    snap_each("profile", &[key('f')]);
}

#[test]
fn problems_screen() {
    snap_each("problems", &[key('!')]);
}

#[test]
fn help_overlay() {
    snap_each("help", &[key('?')]);
}

#[test]
fn search_picker() {
    let mut actions = vec![key('/')];
    actions.extend("putin".chars().map(key));
    snap_each("search", &actions);
}

#[test]
fn article_overlay() {
    snap_each("article", &[code(KeyCode::Enter)]);
}

/// The state at start, before the corpus has loaded (a fixed corpus path, so snapshots do
/// not depend on a temporary folder).
fn starting_state() -> AppState {
    AppState::new(
        "sample-corpus".into(),
        Config::defaults(false),
        vec![],
        (80, 24),
    )
    .0
}

#[test]
fn loading_screen() {
    let mut s = starting_state();
    s.update(Action::LoadProgress(framediff::corpus::Progress {
        stage: framediff::corpus::LoadStage::Files,
        done: 5,
        total: 10,
    }));
    snap("loading", &s);
}

/// Analysing with a model: the status line counts the sentences embedded and the bar fills
/// the analysis step by that count.
#[test]
fn embedding_progress_screen() {
    let mut s = starting_state();
    s.update(Action::CorpusLoaded(Arc::new(corpus())));
    s.update(Action::AnalysisProgress {
        event_id: EVENT.into(),
        progress: framediff::analysis::EmbedProgress {
            done: 96,
            total: 128,
        },
    });
    snap("embedding", &s);
    for size in SIZES {
        let text = render(&s, size).backend().to_string();
        assert!(text.contains("embedding 96/128 sentences"), "{text}");
    }
}

#[test]
fn contrasting_claims_have_colour_and_glyph() {
    let (_d, s) = win_selected((200, 50));
    let t = render(&s, (200, 50));
    let buf = t.backend().buffer();
    let theme = &s.config.theme;
    let mut found = 0;
    // The body only: the status bar's key hints mention ≠ too.
    for y in 2..buf.area.height - 1 {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.symbol() == "≠" {
                assert_eq!(cell.fg, theme.kind_color(ClusterKind::Contrasting));
                found += 1;
            }
        }
    }
    assert!(
        found >= 4,
        "≠ glyphs drawn in the contrasting colour: {found}"
    );
}

/// Tester item 14: a fact the outlets hold only through a passage copied between their
/// articles says so on the diff pane's cluster line, as a syndicated copy does.
#[test]
fn a_fact_held_through_a_copied_passage_says_so_on_its_cluster_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(
        dir.path().to_path_buf(),
        Config::defaults(false),
        vec![],
        (200, 50),
    );
    s.update(Action::CorpusLoaded(Arc::new(corpus())));
    let mut cmp = comparison();
    for c in &mut cmp.clusters {
        c.copied_passage = true;
    }
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    // the Izvestia claim win_selected selects
    for a in [key('l'), key('j'), key('j')] {
        s.update(a);
    }
    let text = render(&s, (200, 50)).backend().to_string();
    assert!(text.contains("· copied passage"), "{text}");
    let (_d, plain) = win_selected((200, 50));
    let text = render(&plain, (200, 50)).backend().to_string();
    assert!(!text.contains("copied passage"), "{text}");
}

/// Tester item 18 (session 16): the header gives the totals `compare` prints, with the
/// shared clusters held only through copies counted apart, at 80 columns by glyph.
#[test]
fn the_header_gives_the_event_totals_with_copies_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmp = comparison();
    let count = |cmp: &framediff::analysis::Comparison, k: ClusterKind| {
        cmp.clusters.iter().filter(|c| c.kind == k).count()
    };
    let first_shared = cmp
        .clusters
        .iter()
        .position(|c| c.kind == ClusterKind::Shared);
    cmp.clusters[first_shared.expect("a shared cluster")].copied_passage = true;
    let (shared, contrasting, unique) = (
        count(&cmp, ClusterKind::Shared),
        count(&cmp, ClusterKind::Contrasting),
        count(&cmp, ClusterKind::Unique),
    );
    let cmp = Arc::new(cmp);
    let header = |size: (u16, u16)| {
        let (mut s, _) = AppState::new(
            dir.path().to_path_buf(),
            Config::defaults(false),
            vec![],
            size,
        );
        s.update(Action::CorpusLoaded(Arc::new(corpus())));
        s.update(Action::AnalysisDone {
            event_id: EVENT.into(),
            result: Ok(cmp.clone()),
        });
        let text = render(&s, size).backend().to_string();
        text.lines().nth(1).expect("a header line").to_string()
    };
    let narrow = header((80, 24));
    let want = format!("= {shared} (1 copied)  ≠ {contrasting}  + {unique}");
    assert!(
        narrow.trim_end_matches(['"', ' ']).ends_with(&want),
        "{narrow}"
    );
    let wide = header((200, 50));
    let want = format!("{shared} shared (1 copied) · {contrasting} contrasting · {unique} unique");
    assert!(wide.trim_end_matches(['"', ' ']).ends_with(&want), "{wide}");
}

#[test]
fn no_color_draws_without_colours_but_keeps_glyphs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = loaded_with(dir.path(), (120, 40), Config::defaults(true));
    let t = render(&s, (120, 40));
    let buf = t.backend().buffer();
    let mut glyphs = 0;
    for cell in buf.content() {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "colour in NO_COLOR mode: {cell:?}"
        );
        if matches!(cell.symbol(), "=" | "≠" | "+") {
            glyphs += 1;
        }
    }
    assert!(glyphs > 5);
}

fn hostile_state(size: (u16, u16)) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut corpus = corpus();
    let mut cmp = comparison();
    let evil = "Evil \x1b]52;c;cm0gLXJmIH4=\x07clipboard \x1b[2Jclear \u{202e}reversed\u{202c} \x1b[31mred\x1b[0m \u{9b}2J end";
    cmp.columns[0].headline = format!("Headline {evil}");
    cmp.claims[0].text = evil.to_string();
    corpus.events[0].title = format!("Title {evil}");
    let first = std::sync::Arc::make_mut(&mut corpus.events[0].articles[0]);
    first.body = format!("{evil}\n\n{evil}").into();
    first.origin = framediff::corpus::TextOrigin::Extracted;
    cmp.claims[0].start = 0;
    cmp.claims[0].end = evil.len();
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], size);
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    (dir, s)
}

fn assert_clean(buf: &Buffer) {
    for cell in buf.content() {
        for c in cell.symbol().chars() {
            assert!(
                !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
                "control character {c:?} reached the buffer"
            );
        }
    }
}

#[test]
fn escape_sequences_in_articles_never_reach_the_buffer() {
    for size in SIZES {
        let (_d, mut s) = hostile_state(size);
        assert_clean(render(&s, size).backend().buffer());
        let text: String = render(&s, size).backend().to_string();
        assert!(text.contains("Evil"), "the text itself is still shown");
        assert!(text.contains("clipboard"));
        // The full article, the search picker and the diff pane draw the same text.
        for a in [
            code(KeyCode::Enter),
            code(KeyCode::Esc),
            key('/'),
            key('e'),
            key('v'),
        ] {
            s.update(a);
            assert_clean(render(&s, size).backend().buffer());
        }
    }
}

#[test]
fn escape_sequences_never_reach_the_terminal_bytes() {
    let (_d, mut s) = hostile_state((100, 30));
    let mut out: Vec<u8> = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut out);
        let mut t = Terminal::new(backend).expect("terminal");
        // Draw the compare screen, then the article overlay.
        t.draw(|f| {
            ui::draw(f, &s);
        })
        .expect("draw");
        s.update(code(KeyCode::Enter));
        t.draw(|f| {
            ui::draw(f, &s);
        })
        .expect("draw");
    }
    let bytes = String::from_utf8_lossy(&out);
    assert!(bytes.contains("clipboard"), "the text was drawn");
    assert!(
        !bytes.contains("\x1b]"),
        "no OSC sequence (clipboard, title) was written"
    );
    assert!(!bytes.contains("\x1b[2J"), "no clear-screen was written");
    assert!(!bytes.contains('\u{9b}'), "no C1 CSI was written");
    assert!(!bytes.contains('\u{202e}'), "no bidi override was written");
}

#[test]
fn problems_screen_with_thousands_of_diagnostics_shows_the_selected_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut corpus = corpus();
    for i in 0..5000 {
        corpus
            .diagnostics
            .push(framediff::corpus::Diagnostic::error(
                &std::path::PathBuf::from(format!("corpus/bad/file-{i:04}.md")),
                Some(i + 1),
                "front matter is not valid YAML",
            ));
    }
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], (80, 24));
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(key('!'));
    s.update(key('G'));
    let text = render(&s, (80, 24)).backend().to_string();
    assert!(text.contains("Problems (5001)"), "{text}");
    assert!(text.contains("file-4999.md:5000"), "{text}");
    s.update(key('g'));
    let text = render(&s, (80, 24)).backend().to_string();
    assert!(text.contains("notes.txt:3"), "{text}");
}

#[test]
fn the_problems_screen_escapes_a_newline_in_a_file_name_as_check_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut corpus = corpus();
    corpus
        .diagnostics
        .push(framediff::corpus::Diagnostic::warning(
            &std::path::PathBuf::from("bad/ev1/weird\nname.md"),
            Some(2),
            "two articles claim outlet 'good'",
        ));
    let (mut s, _) = AppState::new(
        dir.path().into(),
        Config::defaults(false),
        vec![],
        (100, 24),
    );
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(key('!'));
    let text = screen_text(&render(&s, (100, 24))).join("\n");
    assert!(text.contains("bad/ev1/weird\\nname.md:2"), "{text}");
    assert!(!text.contains("weird name.md"), "{text}");
}

#[test]
fn a_dissent_is_drawn_beside_its_highlighted_counterpart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_comparison(dir.path(), (200, 50), disputed_comparison());
    for c in "]]".chars() {
        s.update(key(c));
    }
    let t = render(&s, (200, 50));
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect();
    let screen = rows.join("\n");
    // the diff pane: the dissent's verdict and reasons, both versions, the counterpart labelled
    // with its own cluster
    assert!(screen.contains("≠ CONTRASTING"), "{screen}");
    assert!(
        screen.contains("rejected (−) vs not reject (+)"),
        "{screen}"
    );
    assert!(screen.contains("BBC News (= cluster 2):"), "{screen}");
    // the counterpart in the BBC column keeps its shared glyph and is highlighted
    let theme = &s.config.theme;
    let y = rows
        .iter()
        .position(|r| r.contains("= But he rejected"))
        .expect("the BBC claim in its column") as u16;
    let x = rows[y as usize]
        .find("= But he rejected")
        .map_or(0, |b| rows[y as usize][..b].chars().count()) as u16;
    assert_eq!(
        buf[(x + 3, y)].bg,
        theme.counterpart().bg.expect("counterpart colour")
    );
    assert_eq!(buf[(x, y)].fg, theme.kind_color(ClusterKind::Shared));
    // selecting the counterpart shows its shared cluster and where it is disputed
    s.update(key('h'));
    let t = render(&s, (200, 50));
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("= SHARED"), "{screen}");
    assert!(
        screen.contains("disputed in: ≠ cluster 6 (Izvestia)"),
        "{screen}"
    );
}

#[test]
fn outlets_scrolled_off_to_the_left_are_counted() {
    // One column fits beside the diff pane: Izvestia shows, BBC is off to the left and the
    // Kremlin readout off to the right.
    let (_d, mut s) = win_selected((80, 24));
    for a in [key('L'), key('L')] {
        s.update(a);
    }
    let text = render(&s, (80, 24)).backend().to_string();
    assert!(text.contains("◀1─2 Izvestia"), "{text}");
    assert!(text.contains("1▶"), "{text}");
    // BBC pinned, two columns fit: with the Kremlin readout focused, Izvestia is off to the
    // left (the marker sits on the leftmost column, the pinned one, which is not counted).
    let (_d, mut s) = win_selected((80, 24));
    for a in [key('h'), key('p'), key('l'), key('l')] {
        s.update(a);
    }
    let text = render(&s, (80, 24)).backend().to_string();
    assert!(text.contains("◀1─1 BBC News ◆"), "{text}");
    assert!(!text.contains("1▶"), "{text}");
}

/// The sample corpus through the real engine, the Trump–Putin call open, at `size`.
fn sample_call(size: (u16, u16)) -> AppState {
    const CALL: &str = "2025-03-18-trump-putin-call";
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = framediff::app::engine::load_corpus(&root, &|_| {}).expect("load");
    let i = corpus
        .events
        .iter()
        .position(|e| e.id == CALL)
        .expect("sample event");
    let cmp = framediff::app::engine::analyse(&corpus, &corpus.events[i]).expect("analyse");
    let (mut s, _) = AppState::new(root, Config::defaults(false), vec![], size);
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    // Two events: the picker opened; choose the call as a user would.
    s.overlay = None;
    s.open_event(i);
    s.update(Action::AnalysisDone {
        event_id: CALL.into(),
        result: Ok(Arc::new(cmp)),
    });
    s
}

#[test]
fn at_80x24_the_headline_contrast_shows_its_members_side_by_side_and_every_side_in_the_diff() {
    let mut s = sample_call((80, 24));
    s.update(key(']'));
    let cmp = s.comparison().expect("cmp").clone();
    let sel = &cmp.claims[s.compare.selected.expect("selected")];
    let cluster = &cmp.clusters[sel.cluster];
    assert_eq!(cluster.kind, ClusterKind::Contrasting);
    let member_cols: Vec<usize> = cluster
        .members
        .iter()
        .map(|&m| cmp.claims[m].column)
        .collect();
    let shown = s.shown_columns(&cmp, 80);
    let shown_members = shown.iter().filter(|c| member_cols.contains(c)).count();
    assert_eq!(
        shown_members,
        shown.len().min(member_cols.len()),
        "only columns of the cluster's outlets are shown: {shown:?} vs {member_cols:?}"
    );
    let t = render(&s, (80, 24));
    let lines = screen_text(&t);
    let corpus = s.corpus.clone().expect("corpus");
    let text = lines.join("\n");
    for &m in &cluster.members {
        let name: String = corpus
            .outlet_name(&cmp.claims[m].outlet)
            .chars()
            .take(20)
            .collect();
        // The diff pane's label of a version: "▶ BBC News: …" or "  Izvestia: …".
        assert!(
            lines.iter().any(|l| l
                .find(&format!(" {name}"))
                .is_some_and(|at| l[at..].chars().take(40).any(|c| c == ':'))
                && (l.starts_with("│▶ ") || l.starts_with("│  "))),
            "{name} has a line in the diff pane:\n{text}"
        );
    }
    let footer = lines.last().expect("footer");
    for k in ["? help", "q quit", "] next ≠", "e export"] {
        assert!(footer.contains(k), "footer has {k:?}: {footer}");
    }
}

#[test]
fn help_wraps_descriptions_instead_of_clipping_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(key('?'));
    // Scroll through the whole help and collect what was drawn.
    // The text inside the help box, frame after frame while scrolling through it.
    let mut seen = String::new();
    for _ in 0..80 {
        let lines: Vec<Vec<char>> = screen_text(&render(&s, (80, 24)))
            .iter()
            .map(|l| l.chars().collect())
            .collect();
        let top = lines
            .iter()
            .position(|l| l.iter().collect::<String>().contains("╭ Help"))
            .expect("help box");
        let left = lines[top].iter().position(|&c| c == '╭').expect("corner");
        let right = lines[top].iter().position(|&c| c == '╮').expect("corner");
        for l in &lines[top + 1..] {
            if l.get(left) == Some(&'╰') {
                break;
            }
            seen.extend(&l[left + 1..right]);
            seen.push('\n');
        }
        s.update(key('j'));
    }
    let flat: String = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    use framediff::app::Context;
    for ctx in [Context::Compare, Context::Global] {
        for (cmd, keys) in s.config.keymap.bindings(ctx) {
            if keys.is_empty() || cmd.outlet_slot().is_some() {
                continue;
            }
            let d = cmd.description();
            let tail: Vec<&str> = d.split_whitespace().rev().take(2).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            assert!(
                flat.contains(&tail.join(" ")),
                "the end of {d:?} is drawn:\n{seen}"
            );
        }
    }
    assert!(
        flat.contains("Shift+drag selects text"),
        "the mouse line is wrapped, not cut"
    );
}

#[test]
fn profile_rows_that_do_not_fit_are_counted_and_names_are_whole_when_there_is_room() {
    let mut s = sample_call((80, 24));
    s.update(key('f'));
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    assert!(text.contains("▼1 more (h/l)"), "{text}");
    for _ in 0..10 {
        s.update(key('l'));
    }
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    assert!(text.contains("▲1"), "{text}");

    let mut s = sample_call((200, 50));
    s.update(key('f'));
    let text = screen_text(&render(&s, (200, 50))).join("\n");
    let corpus = s.corpus.clone().expect("corpus");
    let cmp = s.comparison().expect("cmp").clone();
    for p in &cmp.profiles {
        let name = corpus.outlet_name(&p.outlet);
        assert!(text.contains(&name), "{name} whole at 200 columns:\n{text}");
    }
}

#[test]
fn matrix_headers_of_similar_ids_can_be_told_apart() {
    let mut s = sample_call((80, 24));
    s.update(key('m'));
    let lines = screen_text(&render(&s, (80, 24)));
    let cmp = s.comparison().expect("cmp").clone();
    let header = lines
        .iter()
        .find(|l| l.contains("claim"))
        .expect("header row");
    let izv: Vec<usize> = cmp
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.outlet.starts_with("izv"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(izv.len(), 2);
    // named as on Compare ("Izvestia", "Известия …"), numbered once cut names clash
    let corpus = s.corpus.clone().expect("corpus");
    for n in izv {
        let first = corpus
            .outlet_name(&cmp.columns[n - 1].outlet)
            .chars()
            .next()
            .expect("a name");
        assert!(header.contains(&format!("{n} {first}")), "{header}");
    }
}

#[test]
fn the_header_labels_illustrative_text_and_shows_the_events_tags_and_summary() {
    let mut s = sample_call((200, 50));
    s.illustrative = framediff::report::illustrative_note(&s.corpus_path);
    assert!(
        s.illustrative.is_some(),
        "the sample corpus README carries the marker"
    );
    let header = screen_text(&render(&s, (200, 50)))[1].clone();
    assert!(header.contains("illustrative text"), "{header}");
    assert!(header.contains("#ukraine #russia"), "{header}");
    assert!(
        header.contains("Donald Trump and Vladimir Putin"),
        "{header}"
    );
}

#[test]
fn help_on_the_framing_profile_describes_its_own_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (120, 40));
    s.update(key('f'));
    s.update(key('?'));
    let text = screen_text(&render(&s, (120, 40))).join("\n");
    assert!(text.contains("Help · Framing profile"), "{text}");
    assert!(text.contains("scroll the outlet's details down"), "{text}");
    assert!(!text.contains("next claim / row"), "{text}");
}

#[test]
fn the_article_view_finds_text_and_steps_through_the_matches() {
    use framediff::app::Overlay;
    let mut s = sample_call((100, 34));
    s.update(code(KeyCode::Enter));
    assert!(matches!(s.overlay, Some(Overlay::Article { .. })));
    for c in "/ceasefire".chars() {
        s.update(key(c));
    }
    s.update(code(KeyCode::Enter));
    let text = screen_text(&render(&s, (100, 34))).join("\n");
    assert!(text.contains("find: ceasefire"), "{text}");
    let total: usize = text
        .split("find: ceasefire  1/")
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count of matches:\n{text}"));
    assert!(total >= 2, "BBC's article says ceasefire more than once");
    s.update(key('n'));
    let text = screen_text(&render(&s, (100, 34))).join("\n");
    assert!(text.contains(&format!("2/{total}")), "{text}");
    s.update(key('N'));
    s.update(key('N'));
    let text = screen_text(&render(&s, (100, 34))).join("\n");
    assert!(
        text.contains(&format!("{total}/{total}")),
        "wraps back: {text}"
    );
    // Esc ends the search first, then closes the article.
    s.update(code(KeyCode::Esc));
    assert!(matches!(
        s.overlay,
        Some(Overlay::Article { find: None, .. })
    ));
    s.update(code(KeyCode::Esc));
    assert!(s.overlay.is_none());
    assert!(!s.quit);
}

/// The diff pane lists the selected claim's related context (same topic in another outlet,
/// relation unsure) with its note, so the reader can judge what the analysis would not.
#[test]
fn diff_pane_shows_related_context_of_the_selected_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmp = comparison();
    let other = cmp
        .claims
        .iter()
        .find(|c| c.column != 0 && c.cluster != cmp.claims[0].cluster)
        .expect("a claim of another outlet in another cluster")
        .id;
    cmp.related = vec![framediff::analysis::RelatedPair {
        a: 0,
        b: other,
        similarity: 0.3,
        note: Some("possible contrast, not confirmed: negation".into()),
    }];
    let other_text: String = cmp.claims[other].text.chars().take(20).collect();
    let s = loaded_comparison(dir.path(), (160, 50), cmp);
    assert_eq!(s.compare.selected, Some(0));
    let t = render(&s, (160, 50));
    let buf = t.backend().buffer();
    let screen: String = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    let row = screen
        .lines()
        .find(|l| l.contains("related ~"))
        .unwrap_or_else(|| panic!("no related line:\n{screen}"));
    assert!(row.contains(&other_text), "{row}\n{screen}");
    assert!(
        screen.contains("possible contrast, not confirmed: negation"),
        "{screen}"
    );
}

#[test]
fn a_unique_claim_shows_no_similarity_it_has_nothing_to_be_similar_to() {
    let s = sample_call((80, 24));
    let cmp = s.comparison().expect("cmp").clone();
    let sel = &cmp.claims[s.compare.selected.expect("selected")];
    assert_eq!(
        cmp.clusters[sel.cluster].kind,
        framediff::analysis::ClusterKind::Unique,
        "the sample call opens on a unique claim"
    );
    let screen = screen_text(&render(&s, (80, 24)));
    let verdict = screen
        .iter()
        .find(|l| l.contains("UNIQUE"))
        .unwrap_or_else(|| panic!("no verdict line:\n{}", screen.join("\n")));
    assert!(verdict.contains("1 outlet"), "{verdict}");
    assert!(!verdict.contains("similarity"), "{verdict}");
}

/// The new user's path: the sample call, `g`, then `c` at 80x24 and 100x34.
#[test]
fn the_contrasting_filter_on_the_sample_selects_a_claim_and_explains_empty_columns() {
    for size in [(80, 24), (100, 34)] {
        let mut s = sample_call(size);
        s.update(key('g'));
        s.update(key('c'));
        let sel = s.compare.selected.expect("a claim is selected");
        let cmp = s.comparison().expect("cmp").clone();
        assert_eq!(
            s.effective_kind(&cmp, cmp.claims[sel].cluster),
            Some(ClusterKind::Contrasting)
        );
        assert_eq!(cmp.claims[sel].column, s.compare.focus_col);
        let text = screen_text(&render(&s, size)).join("\n");
        assert!(!text.contains("No claim selected"), "{text}");
        assert!(!text.contains("0 claims"), "{text}");
        assert!(text.contains("no contrasting claims"), "{text}");
    }
}

#[test]
fn help_over_the_article_view_lists_its_keys_and_what_q_does_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (100, 40));
    s.update(code(KeyCode::Enter));
    let bar = screen_text(&render(&s, (100, 40)))
        .pop()
        .expect("status bar");
    for k in [
        "q/Esc close",
        "? help",
        "/ find",
        "n next match",
        "N previous match",
    ] {
        assert!(bar.contains(k), "{k:?} in the hint bar: {bar}");
    }
    s.update(key('?'));
    let text = screen_text(&render(&s, (100, 40))).join("\n");
    assert!(text.contains("Help · Article view"), "{text}");
    assert!(text.contains("close the article view"), "{text}");
    assert!(text.contains("Ctrl-c"), "{text}");
    assert!(!text.contains("q Ctrl-c"), "q does not quit here: {text}");
    assert!(!text.contains("next screen"), "{text}");
}

#[test]
fn help_over_the_picker_does_not_offer_keys_that_type_into_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (100, 40));
    s.update(key('/'));
    s.update(code(KeyCode::F(1)));
    let text = screen_text(&render(&s, (100, 40))).join("\n");
    assert!(text.contains("Help · Search"), "{text}");
    assert!(text.contains("Ctrl-c"), "{text}");
    assert!(!text.contains("q Ctrl-c"), "{text}");
    assert!(
        !text.contains("next screen"),
        "Shift-Tab is the previous match: {text}"
    );
    assert!(text.contains("previous match"), "{text}");
    // On a screen, q does quit, everywhere.
    s.update(code(KeyCode::Esc));
    s.update(code(KeyCode::Esc));
    s.update(key('?'));
    s.update(key('G'));
    let text = screen_text(&render(&s, (100, 40))).join("\n");
    assert!(text.contains("q Ctrl-c"), "{text}");
}

#[test]
fn cut_headlines_headers_and_titles_end_in_an_ellipsis() {
    let mut s = sample_call((80, 24));
    s.illustrative = framediff::report::illustrative_note(&s.corpus_path);
    let lines = screen_text(&render(&s, (80, 24)));
    // the title is cut, not the totals at the right end
    assert!(lines[1].contains("…  "), "header: {}", lines[1]);
    let unique = lines[1].trim_end().rsplit(" + ").next().unwrap_or_default();
    assert!(unique.parse::<usize>().is_ok(), "header: {}", lines[1]);
    assert!(
        lines[1].contains("illustrative text"),
        "the warning is never what is cut: {}",
        lines[1]
    );
    s.update(key('f'));
    // Every outlet's headline is whole or ends in "…"; at 80 columns one is cut.
    let cmp = s.comparison().expect("cmp").clone();
    let mut cut = 0;
    for col in &cmp.columns {
        let text = screen_text(&render(&s, (80, 24))).join("\n");
        let line = text
            .lines()
            .find(|l| l.contains("headline:"))
            .expect("headline");
        let shown = line.trim_matches(|c: char| c == '│' || c == ' ');
        if shown.ends_with('…') {
            cut += 1;
        } else {
            assert!(shown.ends_with(col.headline.as_str()), "{shown}");
        }
        s.update(key('l'));
    }
    assert!(cut > 0, "one headline is longer than the screen");
    s.update(key('C'));
    s.update(key('n'));
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    let title = text.lines().find(|l| l.contains("Note on")).expect("note");
    assert!(title.contains('…'), "{title}");
}

#[test]
fn the_matrix_title_shows_the_sort_direction_and_outlets_get_room() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (100, 34));
    s.update(key('m'));
    s.update(key('o'));
    s.update(key('o'));
    let text = screen_text(&render(&s, (100, 34))).join("\n");
    assert!(text.contains("sorted by coverage ▼"), "{text}");
    assert!(
        text.contains("Izvestia"),
        "outlet names are not cut to 3 cells: {text}"
    );
    // The sample call's eight outlets at 100 columns: numbered names, cut to the cells.
    let mut s = sample_call((100, 34));
    s.update(key('m'));
    let text = screen_text(&render(&s, (100, 34))).join("\n");
    assert!(text.contains("1 BB… 2 Fo…"), "{text}");
}

#[test]
fn a_note_of_several_lines_shows_its_line_breaks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (160, 45));
    s.update(key('j'));
    s.update(key('n'));
    for c in "BBC only reports KP".chars() {
        s.update(key(c));
    }
    s.update(ctrl('j'));
    for c in "second line".chars() {
        s.update(key(c));
    }
    s.update(code(KeyCode::Enter));
    let text = screen_text(&render(&s, (160, 45))).join("\n");
    assert!(text.contains("BBC only reports KP / second line"), "{text}");
}

/// The tag on the right of the status line ("✎ 1 annotated", the model's name) is placed
/// before the key hints, so at 80 columns the hints give way to it rather than hide it.
#[test]
fn the_status_tag_is_not_crowded_out_by_key_hints() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(key('j'));
    s.update(key('a')); // agree with the selected verdict: one annotation
    let t = render(&s, (80, 24));
    let last = screen_text(&t).pop().expect("a status line");
    assert!(last.trim_end().ends_with("✎ 1 annotated"), "{last}");
    assert!(last.contains("? help"), "{last}");
}

#[test]
fn an_empty_folder_says_no_articles_were_found_in_the_header_and_on_problems() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(
        dir.path().to_path_buf(),
        Config::defaults(false),
        vec![],
        (100, 24),
    );
    s.update(Action::CorpusLoaded(Arc::new(
        framediff::corpus::Corpus::default(),
    )));
    let header = screen_text(&render(&s, (100, 24))).join("\n");
    assert!(header.contains("no articles found in"), "{header}");
    s.update(key('!'));
    let problems = screen_text(&render(&s, (100, 24))).join("\n");
    assert!(!problems.contains("No problems"), "{problems}");
    assert!(problems.contains("no articles found in"), "{problems}");
    assert!(problems.contains("md, txt, json"), "{problems}");
}

#[test]
fn the_profile_names_outlets_by_display_name_and_wraps_labels_under_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (200, 50));
    let mut cmp = comparison();
    cmp.profiles[0].actor_labels.insert(
        "Vladimir Putin".into(),
        vec![
            ("the Kremlin leader of long standing".into(), 3),
            ("Vladimir Vladimirovich Putin".into(), 2),
            ("the Russian president".into(), 1),
        ],
    );
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    s.update(key('f'));
    let text = screen_text(&render(&s, (200, 50)));
    let lines: Vec<&String> = text.iter().filter(|l| l.contains("BBC News")).collect();
    assert!(
        lines.iter().any(|l| l.contains("“")),
        "the actor table names BBC News: {text:#?}"
    );
    assert!(
        !text.iter().any(|l| l.contains("│  bbc ")),
        "no raw outlet id: {text:#?}"
    );
    // The wrapped label line starts under the labels, not at the left edge.
    let at = text
        .iter()
        .position(|l| l.contains("BBC News") && l.contains("“the Kremlin"))
        .unwrap_or_else(|| panic!("BBC's labels: {text:#?}"));
    let row: Vec<char> = text[at].chars().collect();
    let next: Vec<char> = text[at + 1].chars().collect();
    let label_col = row.iter().position(|&c| c == '“').expect("a label");
    let border = row[..label_col]
        .iter()
        .rposition(|&c| c == '│')
        .expect("the panel's left border");
    assert!(
        next[border + 1..label_col].iter().all(|&c| c == ' ') && next[label_col] != ' ',
        "the continuation is indented to the labels: {:#?}",
        &text[at..at + 2]
    );
}

#[test]
fn a_dissent_lists_as_not_in_only_outlets_on_neither_side() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_comparison(dir.path(), (200, 50), disputed_comparison());
    for a in [key(']'), key(']')] {
        s.update(a);
    }
    let text = screen_text(&render(&s, (200, 50))).join("\n");
    assert!(text.contains("did not reject"), "{text}");
    // BBC is the counterpart, the Kremlin readout shares BBC's claim: both are on the
    // disputed side, so no outlet is missing.
    assert!(!text.contains("not in:"), "{text}");
}

#[test]
fn the_matrix_marks_a_counterpart_as_the_opposed_side_not_as_differing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_comparison(dir.path(), (200, 50), disputed_comparison());
    s.update(key('m'));
    let text = screen_text(&render(&s, (200, 50)));
    let row = text
        .iter()
        .find(|l| l.contains("did not reject"))
        .unwrap_or_else(|| panic!("the dissent's row: {text:#?}"));
    assert_eq!(row.matches("≠ differs").count(), 1, "{row}");
    assert!(row.contains("↔ opposed"), "{row}");
}

/// The export confirmation at 80 columns says which formats were written, however long the
/// folder and event names are.
#[test]
fn the_export_confirmation_names_the_formats_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    let stem = "/tmp/tester/framediff-exports/2021-10-18-former-secretary-of-state-colin-powell-d";
    let paths = ["json", "md", "html"]
        .map(|e| std::path::PathBuf::from(format!("{stem}.{e}")))
        .to_vec();
    s.update(Action::Exported(Ok(paths)));
    let t = render(&s, (80, 24));
    let rows = screen_text(&t);
    assert!(
        rows.iter()
            .any(|r| r.contains("exported .json .md .html to /tmp/tester/")),
        "{rows:#?}"
    );
}

/// Tester report 14, item 12: while `e` exports, the status line says which format is being
/// written; a step that arrives after the export ended changes nothing.
#[test]
fn the_export_status_shows_its_steps_until_the_export_ends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (100, 24));
    s.update(key('e'));
    let status = |s: &AppState| screen_text(&render(s, (100, 24))).pop().unwrap_or_default();
    assert!(status(&s).contains("exporting…"), "{}", status(&s));
    s.update(Action::ExportProgress("Markdown (2 of 3)".into()));
    assert!(
        status(&s).contains("exporting… Markdown (2 of 3)"),
        "{}",
        status(&s)
    );
    let paths = ["json", "md", "html"]
        .map(|e| std::path::PathBuf::from(format!("/tmp/x/ev.{e}")))
        .to_vec();
    s.update(Action::Exported(Ok(paths)));
    s.update(Action::ExportProgress("writing the files".into()));
    let last = status(&s);
    assert!(last.contains("exported .json .md .html"), "{last}");
    assert!(!last.contains("exporting"), "{last}");
}

/// The event picker as a corpus of several events opens: the header counts events without
/// telling the user to press the key that opened the picker, and each row keeps its date and
/// outlet count (the id is left out first when the row is short).
#[test]
fn the_start_picker_has_no_hint_to_open_it_and_rows_keep_the_outlet_count() {
    for size in SIZES {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], size);
        s.update(Action::CorpusLoaded(Arc::new(two_event_corpus())));
        let t = render(&s, size);
        let screen = screen_text(&t).join("\n");
        assert!(!screen.contains("press :"), "{screen}");
        assert_eq!(screen.matches("outlets").count(), 2, "{screen}");
        insta::assert_snapshot!(format!("start_picker_{}x{}", size.0, size.1), t.backend());
        s.update(code(KeyCode::Esc));
        let screen = screen_text(&render(&s, size)).join("\n");
        assert!(screen.contains("press : to pick an event"), "{screen}");
    }
}

/// Tester report 20, item 16: at 80x24 the event picker cut titles at 36 cells in a box of
/// 80 % of the terminal; it now fills the terminal but for two cells a side, so a long title
/// keeps 47 cells beside its date and outlet count (at 200x50, 80 % is room for all of it).
#[test]
fn the_event_picker_gives_long_titles_the_width_of_the_terminal() {
    let long = "Former Secretary of State Colin Powell dies of Covid-19 complications at 84";
    for size in SIZES {
        let mut corpus = two_event_corpus();
        corpus.events[0].title = long.into();
        corpus.events[1].title =
            "Jesse Jackson Jr. pleads guilty over illegal use of campaign funds".into();
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], size);
        s.update(Action::CorpusLoaded(Arc::new(corpus)));
        let t = render(&s, size);
        let screen = screen_text(&t).join("\n");
        let shown: String = if size.0 >= 200 {
            long.into()
        } else {
            long.chars().take(46).collect()
        };
        assert!(screen.contains(&shown), "{screen}");
        assert_eq!(screen.matches("outlets").count(), 2, "{screen}");
        insta::assert_snapshot!(
            format!("picker_long_titles_{}x{}", size.0, size.1),
            t.backend()
        );
    }
}

/// Every cell of every screen a theme draws has the theme's own colours: the background is
/// the theme's (or a highlight), never the terminal's default, so the WCAG figures computed
/// in src/ui/theme.rs are the contrast a reader gets.
#[test]
fn every_theme_paints_its_own_background_under_every_cell() {
    for name in ["dark", "light", "colour-blind"] {
        let mut config = Config::defaults(false);
        config.set_theme(name, false).expect("embedded theme");
        let theme = config.theme.clone();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = loaded_with(dir.path(), (80, 24), config);
        let allowed = [theme.bg, theme.selection_bg, theme.counterpart_bg];
        for keys in ["", "?", "\u{1b}/", "\u{1b}\r"] {
            for c in keys.chars() {
                s.update(match c {
                    '\u{1b}' => code(KeyCode::Esc),
                    '\r' => code(KeyCode::Enter),
                    c => key(c),
                });
            }
            let t = render(&s, (80, 24));
            for cell in t.backend().buffer().content() {
                assert!(
                    allowed.contains(&cell.bg) && cell.fg != Color::Reset,
                    "{name} after {keys:?}: {cell:?}"
                );
            }
        }
    }
}

/// The README's screenshot is what a user gets: the sample corpus opened, Down and Enter in
/// the event picker, the analysis done, `]`, at 100x34 (the text block after "```text" that
/// starts with the tab row).
#[test]
fn the_readme_walkthrough_reproduces_on_the_sample_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let corpus = framediff::app::engine::load_corpus(&root, &|_| {}).expect("load");
    let (mut s, _) = AppState::new(root, Config::defaults(false), vec![], (100, 34));
    // what the runtime sets on start (src/tui/mod.rs)
    s.illustrative = framediff::report::illustrative_note(&s.corpus_path);
    s.update(Action::CorpusLoaded(Arc::new(corpus.clone())));
    s.update(code(KeyCode::Down));
    s.update(code(KeyCode::Enter));
    let id = s.event_id.clone().expect("Enter opened an event");
    let ev = corpus.events.iter().find(|e| e.id == id).expect("event");
    let cmp = framediff::app::engine::analyse(&corpus, ev).expect("analyse");
    s.update(Action::AnalysisDone {
        event_id: id,
        result: Ok(Arc::new(cmp)),
    });
    s.update(key(']'));
    let shown: Vec<String> = screen_text(&render(&s, (100, 34)))
        .iter()
        .map(|l| l.trim_end().to_string())
        .collect();
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .expect("README");
    let block = readme
        .split("```text\n")
        .find(|b| b.starts_with(" framediff   Compare"))
        .and_then(|b| b.split("```").next())
        .expect("the screenshot block");
    let expected: Vec<String> = block.lines().map(|l| l.trim_end().to_string()).collect();
    assert_eq!(
        shown[..expected.len()],
        expected[..],
        "\n{}",
        shown.join("\n")
    );
}

/// An article without a headline is titled by its outlet alone, with no dangling " · ".
#[test]
fn an_article_without_a_headline_has_no_dangling_separator_in_its_title() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmp = comparison();
    for c in &mut cmp.columns {
        c.headline = String::new();
    }
    let mut s = loaded_comparison(dir.path(), (80, 24), cmp);
    s.update(code(KeyCode::Enter));
    assert!(matches!(s.overlay, Some(Overlay::Article { .. })));
    let screen = screen_text(&render(&s, (80, 24))).join("\n");
    let title = screen
        .lines()
        .find(|l| l.contains('╭'))
        .expect("the article frame");
    assert!(!title.contains(" ·  "), "{title}");
    assert!(!title.contains("· ─"), "{title}");
}

/// An event of `n` outlets with long names, each stating one shared sentence, analysed.
fn many_outlets(n: usize, size: (u16, u16)) -> AppState {
    let articles = (1..=n)
        .map(|i| framediff::corpus::Article {
            path: std::path::PathBuf::from(format!("c/ev/o{i:02}.md")),
            outlet: format!("the-long-outlet-name-number-{i:02}"),
            title: format!("Story {i}"),
            date_alt: None,
            date: None,
            url: None,
            author: None,
            language: Some("en".into()),
            kind: None,
            body: "The mayor said the bridge will reopen on Monday."
                .to_string()
                .into(),
            origin: framediff::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        })
        .collect();
    let event = framediff::corpus::Event::of_articles("ev", "Ev", articles);
    let cmp = framediff::analysis::compare(&event, &Default::default());
    let corpus = framediff::corpus::Corpus {
        root: "c".into(),
        events: vec![event],
        ..Default::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], size);
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(Action::AnalysisDone {
        event_id: "ev".into(),
        result: Ok(Arc::new(cmp)),
    });
    s.update(key('m'));
    s
}

/// Tester report 15, item 19: with 21 outlets every matrix column carries its number, the
/// columns that do not fit scroll sideways (`l`, `h`), and where there is room the legend
/// names every column shown.
#[test]
fn a_matrix_of_many_outlets_numbers_every_column_and_scrolls_sideways() {
    let mut s = many_outlets(21, (80, 24));
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    let header = text
        .lines()
        .find(|l| l.contains("claim"))
        .expect("header row")
        .to_string();
    // the title says which columns show, shortened at 80 columns so the sort is whole
    // (tester report 22, finding 11)
    assert!(text.contains("· 1–10/21 (h/l) ·"), "{text}");
    assert!(text.contains("sorted by article order ▲ ─"), "{text}");
    // tester report 18, item 17: the claim stays readable (30 cells) beside the columns
    assert!(text.contains("The mayor said the bridge wil…"), "{text}");
    let shown: Vec<usize> = (1..=21)
        .filter(|n| header.contains(&format!(" {n} ")) || header.contains(&format!(" {n}…")))
        .collect();
    assert!(shown.len() >= 2, "{header}");
    assert!(
        !header.contains("… …"),
        "no column without a number: {header}"
    );
    for _ in 0..30 {
        s.update(key('l'));
    }
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    assert!(text.contains("–21/21 (h/l)"), "{text}");
    s.update(key('h'));
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    assert!(!text.contains("–21/21"), "{text}");
    // wide: all 21 shown, all numbered, the legend complete
    let s = many_outlets(21, (200, 50));
    let text = screen_text(&render(&s, (200, 50))).join("\n");
    assert!(!text.contains("(h/l)"), "{text}");
    for n in 1..=21 {
        assert!(
            text.contains(&format!("{n} the-long-outlet-name-number-{n:02}")),
            "legend lacks {n}: {text}"
        );
    }
}

/// Tester report 15, item 23g: the header of an event of one outlet says there is nothing to
/// compare; one of several outlets does not.
#[test]
fn the_header_of_a_one_outlet_event_says_nothing_to_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cmp = comparison();
    let first = cmp.columns[0].outlet.clone();
    for c in &mut cmp.columns {
        c.outlet = first.clone();
    }
    let s = loaded_comparison(dir.path(), (160, 40), cmp);
    let text = screen_text(&render(&s, (160, 40))).join("\n");
    assert!(text.contains("1 outlet"), "{text}");
    assert!(text.contains("nothing to compare"), "{text}");
    let s = loaded_comparison(dir.path(), (160, 40), comparison());
    let text = screen_text(&render(&s, (160, 40))).join("\n");
    assert!(!text.contains("nothing to compare"), "{text}");
}

/// Tester report 15, item 23h: Help on the Claims matrix names the keyboard's sorts.
#[test]
fn help_on_the_matrix_names_the_outlet_sort_and_its_reversal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (120, 60));
    s.update(key('m'));
    s.update(key('?'));
    let text = screen_text(&render(&s, (120, 60))).join("\n");
    assert!(text.contains("coverage, each outlet's first"), "{text}");
    assert!(text.contains("reverse the sort order"), "{text}");
}

/// Seven outlets, one claim each, all members of one contrasting cluster whose reason names
/// the fifth and seventh outlets ("Outlet 5 vs Outlet 7: date: thursday vs wednesday"), the
/// way the analysis makes a contrast that a dissent joined to a many-outlet fact.
fn seven_outlet_contrast(size: (u16, u16)) -> AppState {
    let n = 7;
    let text = |i: usize| {
        if i == 7 {
            "Lohan checked into the Betty Ford Center late Wednesday, sources said.".to_string()
        } else {
            format!("Lohan checked into the Betty Ford Center late Thursday, outlet {i} said.")
        }
    };
    let articles = (1..=n)
        .map(|i| framediff::corpus::Article {
            path: std::path::PathBuf::from(format!("c/ev/o{i}.md")),
            outlet: format!("o{i}"),
            title: format!("Story {i}"),
            date_alt: None,
            date: None,
            url: None,
            author: None,
            language: Some("en".into()),
            kind: None,
            body: text(i).into(),
            origin: framediff::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        })
        .collect();
    let event = framediff::corpus::Event::of_articles("ev", "Ev", articles);
    let outlets = (1..=n)
        .map(|i| {
            let info = framediff::corpus::OutletInfo {
                name: Some(format!("Outlet {i}")),
                ..Default::default()
            };
            (format!("o{i}"), info)
        })
        .collect();
    let claims: Vec<framediff::analysis::Claim> = (0..n)
        .map(|c| framediff::analysis::Claim {
            id: c,
            column: c,
            outlet: format!("o{}", c + 1),
            text: text(c + 1),
            end: text(c + 1).len(),
            language: "en".into(),
            ..Default::default()
        })
        .collect();
    let columns = (0..n)
        .map(|c| framediff::analysis::OutletColumn {
            outlet: format!("o{}", c + 1),
            article: c,
            headline: format!("Story {}", c + 1),
            claims: vec![c],
            syndicated_with: vec![],
        })
        .collect();
    let cluster = framediff::analysis::Cluster {
        id: 0,
        kind: ClusterKind::Contrasting,
        reasons: vec!["Outlet 5 vs Outlet 7: date: thursday vs wednesday".into()],
        members: (0..n).collect(),
        counterparts: vec![],
        disputed_by: vec![],
        shared_terms: vec!["Betty Ford Center".into()],
        similarity: 0.4,
        syndicated: false,
        copied_passage: false,
    };
    let cmp = framediff::analysis::Comparison {
        event_id: "ev".into(),
        event_title: "Ev".into(),
        backend: "lexical-idf".into(),
        columns,
        claims,
        clusters: vec![cluster],
        ..Default::default()
    };
    let corpus = framediff::corpus::Corpus {
        root: "c".into(),
        events: vec![event],
        outlets,
        ..Default::default()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(dir.path().into(), Config::defaults(false), vec![], size);
    s.update(Action::CorpusLoaded(Arc::new(corpus)));
    s.update(Action::AnalysisDone {
        event_id: "ev".into(),
        result: Ok(Arc::new(cmp)),
    });
    s
}

/// Tester report 18, item 13: at 80x24, `]` on a many-outlet contrast shows the two outlets
/// its reason names, as the two columns and the first two versions in the diff pane; the
/// rest are counted. Another `]` says it is the only contrast, and `h`/`l` still reach every
/// member's outlet.
#[test]
fn at_80x24_a_many_outlet_contrast_shows_the_two_sides_its_reason_names() {
    let mut s = seven_outlet_contrast((80, 24));
    s.update(key(']'));
    let cmp = s.comparison().expect("cmp").clone();
    assert_eq!(s.compare.selected, Some(4), "Outlet 5's claim is selected");
    assert_eq!(s.shown_columns(&cmp, 80), vec![4, 6]);
    let t = render(&s, (80, 24));
    insta::assert_snapshot!("many_outlet_contrast_sides_80x24", t.backend());
    let lines = screen_text(&t);
    let versions: Vec<&String> = lines
        .iter()
        .filter(|l| l.starts_with("│▶ Outlet") || l.starts_with("│  Outlet"))
        .collect();
    assert!(versions[0].starts_with("│▶ Outlet 5:"), "{lines:#?}");
    assert!(versions[1].starts_with("│  Outlet 7:"), "{lines:#?}");
    s.update(key(']'));
    assert_eq!(s.compare.selected, Some(4));
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    assert!(
        text.contains("this is the only contrasting claim here"),
        "{text}"
    );
    let mut focused = std::collections::BTreeSet::new();
    for _ in 0..8 {
        s.update(key('l'));
        focused.insert(s.compare.focus_col);
    }
    for _ in 0..8 {
        s.update(key('h'));
        focused.insert(s.compare.focus_col);
    }
    assert_eq!(focused.len(), 7, "{focused:?}");
}

/// Tester report 18, item 22c: pinning and hiding say so on the status line, and the header
/// keeps "(1 hidden, 1 pinned)" after the outlet count at 80x24, leaving out the date first.
#[test]
fn pinned_and_hidden_outlets_are_confirmed_and_counted_in_a_cut_header() {
    let mut s = sample_call((80, 24));
    s.update(key('l'));
    s.update(key('p'));
    let text = screen_text(&render(&s, (80, 24))).join("\n");
    assert!(
        text.contains("pinned (stays on the left; p again unpins)"),
        "{text}"
    );
    s.update(key('l'));
    s.update(key('x'));
    let lines = screen_text(&render(&s, (80, 24)));
    assert!(
        lines[1].contains("8 outlets (1 hidden, 1 pinned)"),
        "{}",
        lines[1]
    );
    let status = lines.last().expect("status line");
    assert!(status.contains("hidden (0 shows all outlets)"), "{status}");
    s.update(key('0'));
    let status = screen_text(&render(&s, (80, 24)))
        .pop()
        .expect("status line");
    assert!(
        status.contains("1 hidden outlet(s) shown again"),
        "{status}"
    );
}

/// ux22's leftover: `j` past the last line of the profile's details does not count on, so
/// one `k` after many `j` scrolls back at once.
#[test]
fn j_on_the_profile_stops_at_the_last_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = loaded_state(dir.path(), (80, 24));
    s.update(key('f'));
    let draw = |s: &AppState| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("tty");
        t.draw(|f| {
            ui::draw(f, s);
        })
        .expect("draw");
        screen_text(&t).join("\n")
    };
    let first = draw(&s);
    let max = s.profile_scroll_max.get();
    assert!(max > 0 && max < 100, "the details scroll at 80x24: {max}");
    for _ in 0..max + 20 {
        s.update(key('j'));
    }
    assert_eq!(s.profile.scroll, max);
    let bottom = draw(&s);
    assert_ne!(bottom, first);
    s.update(key('k'));
    assert_eq!(s.profile.scroll, max - 1);
    assert_ne!(draw(&s), bottom, "one k scrolls back at once");
}
