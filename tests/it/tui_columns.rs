//! Tester report 21: the Compare screen's columns keep their article order after a jump to a
//! cluster (finding 9: `l` x10, `m`, `Enter` drew `1 │ 11 │ 2`), `0` brings every column back
//! in order, and two columns of one outlet name read apart (finding 11).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::tui_fixture::{code, key, screen_text};
use framediff::analysis::{Claim, Cluster, ClusterKind, Comparison, OutletColumn};
use framediff::app::{Action, AppState};
use framediff::config::Config;
use framediff::corpus::{Article, Corpus, Event, OutletInfo, TextOrigin};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

const N: usize = 12;
const EVENT: &str = "wide-event";

fn outlet(i: usize) -> String {
    format!("o{i:02}")
}

/// Column i's outlet is named "Outlet i+1", except the last two: both "Reuters".
fn name(i: usize) -> String {
    if i + 2 >= N {
        "Reuters".to_string()
    } else {
        format!("Outlet {}", i + 1)
    }
}

fn corpus() -> Corpus {
    let mut outlets = BTreeMap::new();
    let articles = (0..N)
        .map(|i| {
            outlets.insert(
                outlet(i),
                OutletInfo {
                    name: Some(name(i)),
                    ..OutletInfo::default()
                },
            );
            let body = format!("Claim number {i} of the event.");
            Arc::new(Article {
                path: PathBuf::from(format!("corpus/{EVENT}/{}.md", outlet(i))),
                outlet: outlet(i),
                title: format!("Headline {i}"),
                date: None,
                date_alt: None,
                url: None,
                author: None,
                language: Some("en".into()),
                kind: None,
                origin: TextOrigin::Verbatim {
                    start: 0,
                    end: body.len(),
                },
                body: body.into(),
                extra: Default::default(),
                gold: None,
            })
        })
        .collect();
    let mut event = Event::of_articles(EVENT, "A wide event", articles);
    event.id = EVENT.into();
    Corpus {
        root: PathBuf::from("corpus"),
        events: vec![event],
        outlets,
        ..Corpus::default()
    }
}

/// Columns 1, 2 and 11 (0-based 0, 1, 10) hold one contrasting cluster whose named sides
/// are columns 1 and 11; every other claim is unique.
fn comparison() -> Comparison {
    let members = [0, 1, 10];
    let mut claims = Vec::new();
    let mut columns = Vec::new();
    let mut next_cluster = 1;
    let mut own = Vec::new();
    for i in 0..N {
        let cluster = if members.contains(&i) {
            0
        } else {
            next_cluster += 1;
            own.push(i);
            next_cluster - 1
        };
        let text = format!("Claim number {i} of the event.");
        claims.push(Claim {
            id: i,
            column: i,
            outlet: outlet(i),
            end: text.len(),
            text,
            language: "en".into(),
            cluster,
            ..Claim::default()
        });
        columns.push(OutletColumn {
            outlet: outlet(i),
            article: i,
            headline: format!("Headline {i}"),
            claims: vec![i],
            syndicated_with: vec![],
        });
    }
    let cluster = |id, kind, reasons: Vec<String>, members: Vec<usize>| Cluster {
        id,
        kind,
        reasons,
        members,
        counterparts: vec![],
        disputed_by: vec![],
        shared_terms: vec![],
        similarity: 0.5,
        syndicated: false,
        copied_passage: false,
    };
    let mut clusters = vec![cluster(
        0,
        ClusterKind::Contrasting,
        vec![format!("{} vs {}: negation", name(0), name(10))],
        members.to_vec(),
    )];
    for (k, i) in own.into_iter().enumerate() {
        clusters.push(cluster(
            k + 1,
            ClusterKind::Unique,
            vec![format!("only in {}", name(i))],
            vec![i],
        ));
    }
    Comparison {
        event_id: EVENT.into(),
        event_title: "A wide event".into(),
        backend: "lexical-idf".into(),
        backend_problem: None,
        columns,
        claims,
        clusters,
        profiles: vec![],
        related: vec![],
        event_read: None,
    }
}

fn loaded(size: (u16, u16)) -> (tempfile::TempDir, AppState) {
    resumed(size, None)
}

/// The wide event loaded at `size`, coming back to `session` when given (the next start).
fn resumed(
    size: (u16, u16),
    session: Option<framediff::app::session::Session>,
) -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, _) = AppState::new(
        dir.path().to_path_buf(),
        Config::defaults(false),
        vec![],
        size,
    );
    s.resume = session;
    s.update(Action::CorpusLoaded(Arc::new(corpus())));
    s.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    (dir, s)
}

fn render(s: &AppState) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).expect("terminal");
    t.draw(|f| {
        framediff::ui::draw(f, s);
    })
    .expect("draw");
    screen_text(&t)
}

/// The column numbers of the top border row of the Compare screen, left to right.
fn header_numbers(lines: &[String]) -> Vec<usize> {
    let top = lines
        .iter()
        .find(|l| l.starts_with('┌'))
        .expect("a column border");
    top.split('┌')
        .filter_map(|seg| {
            let digits: String = seg
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

#[test]
fn a_jump_from_the_matrix_keeps_the_columns_in_article_order_and_0_shows_them_all() {
    for size in [(80, 24), (120, 30)] {
        let (_d, mut s) = loaded(size);
        // the tester's keys: focus column 11, the matrix, Enter on its first row
        for _ in 0..10 {
            s.update(key('l'));
        }
        assert_eq!(s.compare.focus_col, 10);
        let before = s.shown_columns(s.comparison().expect("cmp"), size.0);
        s.update(key('m'));
        s.update(code(KeyCode::Enter));
        let cmp = s.comparison().expect("cmp").clone();
        let sel = &cmp.claims[s.compare.selected.expect("selected")];
        assert_eq!(sel.cluster, 0, "the contrast was jumped to");
        let shown = s.shown_columns(&cmp, size.0);
        let mut sorted = shown.clone();
        sorted.sort_unstable();
        assert_eq!(shown, sorted, "{size:?}: columns in article order");
        assert!(shown.contains(&10), "{size:?}: the focused side {shown:?}");
        let drawn = header_numbers(&render(&s));
        let mut in_order = drawn.clone();
        in_order.sort_unstable();
        assert_eq!(drawn, in_order, "{size:?}: drawn in order");
        // l and h go through the cluster's outlets in the drawn order
        s.update(key('h'));
        let left = s.compare.focus_col;
        assert!(left < 10, "{size:?}: h moved left, to {left}");
        s.update(key('l'));
        assert_eq!(s.compare.focus_col, 10, "{size:?}: l came back");
        // `0`: every outlet, in article order, as before the jump
        s.update(key('0'));
        assert_eq!(s.compare.cluster_view, None);
        assert_eq!(s.shown_columns(&cmp, size.0), before, "{size:?}");
        let status = s.status.as_ref().map(|st| st.text.clone());
        assert_eq!(
            status.as_deref(),
            Some("every outlet is shown, in article order")
        );
        // the next start keeps that: the place, every column in order (it laid the cluster
        // out again, although the user had asked for every outlet)
        let session = s.session();
        assert!(session.plain_columns, "{session:?}");
        let (_d2, next) = resumed(size, Some(session));
        assert_eq!(next.compare.selected, s.compare.selected);
        assert_eq!(next.compare.cluster_view, None, "{size:?}");
        assert_eq!(next.shown_columns(&cmp, size.0), before, "{size:?}");
        // a view left side by side comes back side by side (a restored contrast shows its
        // sides), in article order too
        let (_d3, mut s) = loaded(size);
        for _ in 0..10 {
            s.update(key('l'));
        }
        s.update(key('m'));
        s.update(code(KeyCode::Enter));
        let jumped = s.shown_columns(&cmp, size.0);
        let session = s.session();
        assert!(!session.plain_columns, "{session:?}");
        let (_d4, next) = resumed(size, Some(session));
        assert!(next.compare.cluster_view.is_some(), "{size:?}");
        assert_eq!(next.shown_columns(&cmp, size.0), jumped, "{size:?}");
    }
}

#[test]
fn two_columns_with_one_outlet_name_are_told_apart_by_file() {
    let (_d, mut s) = loaded((200, 40));
    for _ in 0..N {
        s.update(key('l'));
    }
    let text = render(&s).join("\n");
    assert!(text.contains("11 Reuters (o10.md)"), "{text}");
    assert!(text.contains("12 Reuters (o11.md)"), "{text}");
    // a name no other column has stays bare
    assert!(!text.contains("(o09.md)"), "{text}");
    s.update(key('m'));
    let text = render(&s).join("\n");
    assert!(text.contains("Reuters (o10.md)"), "matrix legend:\n{text}");
    assert!(text.contains("Reuters (o11.md)"), "matrix legend:\n{text}");
}
