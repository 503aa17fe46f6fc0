//! A hand-built event and comparison for TUI tests: the drawing and the state machine are
//! tested against known data, independent of what the analysis engine decides.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;
use framediff::analysis::{
    Attribution, Claim, Cluster, ClusterKind, Comparison, Cue, CueKind, DiffOp, DiffToken,
    FramingProfile, OutletColumn, WordDiff,
};
use framediff::app::{Action, AppState, Effect};
use framediff::config::Config;
use framediff::corpus::{
    Article, ArticleKind, Corpus, Diagnostic, Event, EventOrigin, OutletInfo, TextOrigin,
};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub const EVENT: &str = "2025-03-18-trump-putin-call";

/// (outlet, headline, claims as (text, cluster)).
type Col = (&'static str, &'static str, &'static [(&'static str, usize)]);

const COLUMNS: &[Col] = &[
    (
        "bbc",
        "Putin agrees to halt strikes on energy sites but rejects full ceasefire",
        &[
            (
                "Vladimir Putin has agreed to stop attacking Ukraine's energy infrastructure for 30 days.",
                0,
            ),
            (
                "But he rejected the full 30-day ceasefire that Kyiv had already accepted.",
                1,
            ),
            (
                "Putin made no concessions, the BBC's Russia editor wrote.",
                2,
            ),
            (
                "Kyiv said Russian drones hit a hospital in Sumy hours after the call.",
                3,
            ),
        ],
    ),
    (
        "izvestia",
        "Putin and Trump agree to work together on settling the situation in Ukraine",
        &[
            (
                "Putin supported the proposal to refrain from striking energy infrastructure for 30 days.",
                0,
            ),
            ("Moscow did not reject the American idea of a ceasefire.", 1),
            (
                "Political scientists hailed the outcome as a clear win for Russian diplomacy.",
                2,
            ),
            (
                "Russia and Ukraine will exchange 175 prisoners of war on Wednesday.",
                4,
            ),
        ],
    ),
    (
        "kremlin-readout",
        "Telephone conversation with US President Donald Trump",
        &[
            (
                "Vladimir Putin supported the initiative to mutually refrain from strikes on energy infrastructure for 30 days.",
                0,
            ),
            (
                "The Russian side outlined a number of significant points regarding a ceasefire.",
                1,
            ),
            (
                "On 19 March Russia and Ukraine will exchange 175 prisoners for 175.",
                4,
            ),
        ],
    ),
];

fn body_of(claims: &[(&str, usize)]) -> String {
    claims
        .iter()
        .map(|(t, _)| *t)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The corpus: one event, three articles, one diagnostic.
/// Id of the second event of [`two_event_corpus`].
pub const SECOND_EVENT: &str = "2025-03-11-jeddah-talks";

/// [`corpus`] with a second event (a copy titled "Jeddah talks"), so the picker opens first.
pub fn two_event_corpus() -> Corpus {
    let mut corpus = corpus();
    let mut second = corpus.events[0].clone();
    second.id = SECOND_EVENT.into();
    second.title = "Jeddah talks".into();
    corpus.events.push(second);
    corpus
}

pub fn corpus() -> Corpus {
    let mut outlets = BTreeMap::new();
    for (id, name, country, lean) in [
        ("bbc", "BBC News", "GB", "public broadcaster"),
        ("izvestia", "Izvestia", "RU", "pro-Kremlin daily"),
        (
            "kremlin-readout",
            "President of Russia (Kremlin)",
            "RU",
            "official government source",
        ),
    ] {
        outlets.insert(
            id.to_string(),
            OutletInfo {
                name: Some(name.into()),
                country: Some(country.into()),
                lean: Some(lean.into()),
                ..OutletInfo::default()
            },
        );
    }
    let articles = COLUMNS
        .iter()
        .map(|(outlet, headline, claims)| {
            let body = body_of(claims);
            Article {
                path: PathBuf::from(format!("corpus/{EVENT}/{outlet}.md")),
                outlet: outlet.to_string(),
                title: headline.to_string(),
                date: NaiveDate::from_ymd_opt(2025, 3, 19),
                date_alt: None,
                url: None,
                author: None,
                language: Some("en".into()),
                kind: Some(if outlet.ends_with("readout") {
                    ArticleKind::Readout
                } else {
                    ArticleKind::News
                }),
                origin: TextOrigin::Verbatim {
                    start: 100,
                    end: 100 + body.len(),
                },
                body: body.into(),
                extra: Default::default(),
                gold: None,
            }
            .into()
        })
        .collect();
    Corpus {
        root: PathBuf::from("corpus"),
        events: vec![Event {
            id: EVENT.into(),
            title: "Trump–Putin phone call on a Ukraine ceasefire".into(),
            date: NaiveDate::from_ymd_opt(2025, 3, 18),
            summary: None,
            tags: vec![],
            origin: EventOrigin::Folder,
            articles,
        }],
        outlets,
        diagnostics: vec![Diagnostic::warning(
            &PathBuf::from("corpus/2025-03-18-trump-putin-call/notes.txt"),
            Some(3),
            "front matter has no `outlet`; using the file name",
        )],
        incremental: Vec::new(),
    }
}

fn cue(text: &str, needle: &str, kind: CueKind, polarity: i8) -> Option<Cue> {
    let start = text.find(needle)?;
    Some(Cue {
        kind,
        start,
        end: start + needle.len(),
        text: needle.into(),
        polarity,
    })
}

/// The comparison of the fixture event.
pub fn comparison() -> Comparison {
    let mut claims = Vec::new();
    let mut columns = Vec::new();
    for (ci, (outlet, headline, cs)) in COLUMNS.iter().enumerate() {
        let mut ids = Vec::new();
        let mut offset = 100;
        for (si, (text, cluster)) in cs.iter().enumerate() {
            let id = claims.len();
            let cues: Vec<Cue> = [
                cue(text, "clear win", CueKind::Loaded, 1),
                cue(text, "hailed", CueKind::Loaded, 1),
                cue(text, "no concessions", CueKind::Negation, -1),
                cue(text, "rejected", CueKind::Loaded, -1),
                cue(text, "did not", CueKind::Negation, 0),
                cue(text, "said", CueKind::Attribution, 0),
            ]
            .into_iter()
            .flatten()
            .collect();
            claims.push(Claim {
                id,
                column: ci,
                outlet: outlet.to_string(),
                text: text.to_string(),
                start: offset,
                end: offset + text.len(),
                sentence_index: si,
                language: "en".into(),
                entities: vec!["Putin".into()],
                quantities: vec![],
                negated: text.contains("not") || text.contains("no "),
                attribution: text.contains("said").then(|| Attribution {
                    speaker: Some("Kyiv".into()),
                    verb: "said".into(),
                    direct_quote: false,
                }),
                sentiment: if text.contains("win") {
                    0.6
                } else if text.contains("rejected") {
                    -0.4
                } else {
                    0.0
                },
                cues,
                cluster: *cluster,
                ..Claim::default()
            });
            offset += text.len() + 2;
            ids.push(id);
        }
        columns.push(OutletColumn {
            outlet: outlet.to_string(),
            article: ci,
            headline: headline.to_string(),
            claims: ids,
            syndicated_with: vec![],
        });
    }
    let kinds = [
        (
            ClusterKind::Shared,
            vec!["same proposition in 3 outlets".to_string()],
        ),
        (
            ClusterKind::Contrasting,
            vec!["negation: rejected vs did not reject".to_string()],
        ),
        (
            ClusterKind::Contrasting,
            vec!["evaluation: clear win (+) vs no concessions (−)".to_string()],
        ),
        (ClusterKind::Unique, vec!["only in BBC News".to_string()]),
        (ClusterKind::Shared, vec!["number: 175 = 175".to_string()]),
    ];
    let clusters = kinds
        .into_iter()
        .enumerate()
        .map(|(id, (kind, reasons))| Cluster {
            id,
            kind,
            reasons,
            members: claims
                .iter()
                .filter(|c| c.cluster == id)
                .map(|c| c.id)
                .collect(),
            counterparts: vec![],
            disputed_by: vec![],
            shared_terms: vec!["Putin".into()],
            similarity: 0.5,
            syndicated: false,
            copied_passage: false,
        })
        .collect();
    let profiles = columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let mine: Vec<&Claim> = claims.iter().filter(|c| c.column == i).collect();
            let mut actor_labels = BTreeMap::new();
            actor_labels.insert(
                "Vladimir Putin".to_string(),
                vec![(
                    if i == 1 {
                        "the Russian leader"
                    } else {
                        "Vladimir Putin"
                    }
                    .to_string(),
                    2,
                )],
            );
            FramingProfile {
                outlet: col.outlet.clone(),
                headline: col.headline.clone(),
                claim_count: mine.len(),
                sentiment: [-0.3, 0.5, 0.1][i],
                sentiment_series: mine.iter().map(|c| c.sentiment).collect(),
                loaded_terms: if i == 1 {
                    vec![("clear win".into(), 1), ("hailed".into(), 1)]
                } else {
                    vec![("rejected".into(), 1)]
                },
                hedge_count: i,
                attribution_verbs: vec![("said".into(), 1)],
                quoted_sources: vec![("Kremlin".into(), i + 1)],
                actor_labels,
                frames: vec![
                    ("security and defence".into(), 0.5),
                    ("political".into(), 0.25),
                ],
                unique_claims: usize::from(i == 0),
                shared_claims: 2,
                contrasting_claims: 2,
            }
        })
        .collect();
    Comparison {
        event_id: EVENT.into(),
        event_title: "Trump–Putin phone call on a Ukraine ceasefire".into(),
        backend: "lexical-idf".into(),
        backend_problem: None,
        columns,
        claims,
        clusters,
        profiles,
        related: vec![],
        event_read: None,
    }
}

/// A word diff built by hand (not computed) for the diff-pane drawing tests. Like the
/// engine's, each token keeps its trailing space.
pub fn diff(left: &str, right: &str) -> WordDiff {
    let lw: Vec<&str> = left.split(' ').collect();
    let rw: Vec<&str> = right.split(' ').collect();
    let side = |words: &[&str], other: &[&str]| -> Vec<DiffToken> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| DiffToken {
                text: if i + 1 < words.len() {
                    format!("{w} ")
                } else {
                    w.to_string()
                },
                op: if other.contains(w) {
                    DiffOp::Equal
                } else {
                    DiffOp::Only
                },
            })
            .collect()
    };
    WordDiff {
        left: side(&lw, &rw),
        right: side(&rw, &lw),
    }
}

pub fn key(c: char) -> Action {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Action::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

pub fn code(c: KeyCode) -> Action {
    Action::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

pub fn ctrl(c: char) -> Action {
    Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// A state with the fixture corpus loaded and analysed, at `size`, in `dir` (for annotations).
pub fn loaded_state(dir: &std::path::Path, size: (u16, u16)) -> AppState {
    loaded_with(dir, size, Config::defaults(false))
}

pub fn loaded_with(dir: &std::path::Path, size: (u16, u16), config: Config) -> AppState {
    let (mut state, _effects) = AppState::new(dir.to_path_buf(), config, vec![], size);
    let effects = state.update(Action::CorpusLoaded(Arc::new(corpus())));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Analyse { .. })),
        "a one-event corpus opens its event"
    );
    state.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(comparison())),
    });
    state
}

/// The fixture with a dispute, shaped like the analysis makes one: BBC's "rejected the full
/// ceasefire" and the Kremlin readout's ceasefire claim are a shared cluster (1), and
/// Izvestia's "did not reject" is a contrasting cluster of its own (5) that shows the BBC
/// claim as its counterpart. The BBC claim keeps cluster 1 as its own.
pub fn disputed_comparison() -> Comparison {
    let mut cmp = comparison();
    let find = |cmp: &Comparison, outlet: &str, needle: &str| {
        cmp.claims
            .iter()
            .find(|c| c.outlet == outlet && c.text.contains(needle))
            .map(|c| c.id)
            .expect("fixture claim")
    };
    let bbc = find(&cmp, "bbc", "rejected the full");
    let izv = find(&cmp, "izvestia", "did not reject");
    let dissent = cmp.clusters.len();
    let shared = cmp.claims[bbc].cluster;
    {
        let c = &mut cmp.clusters[shared];
        c.kind = ClusterKind::Shared;
        c.members.retain(|&m| m != izv);
        c.reasons = vec![
            "shared by BBC News, President of Russia (Kremlin)".into(),
            "disputed by Izvestia".into(),
        ];
        c.disputed_by = vec![dissent];
    }
    cmp.clusters.push(Cluster {
        id: dissent,
        kind: ClusterKind::Contrasting,
        reasons: vec![
            "BBC News vs Izvestia: evaluation: rejected (−) vs not reject (+)".into(),
            "disputes a claim shared by BBC News, President of Russia (Kremlin)".into(),
        ],
        members: vec![bbc, izv],
        counterparts: vec![bbc],
        disputed_by: vec![],
        shared_terms: vec!["ceasefire".into()],
        similarity: 0.3,
        syndicated: false,
        copied_passage: false,
    });
    cmp.claims[izv].cluster = dissent;
    cmp.claims[bbc].disputed_in = vec![dissent];
    cmp
}

/// A state with the fixture corpus loaded and `cmp` as its analysis.
pub fn loaded_comparison(dir: &std::path::Path, size: (u16, u16), cmp: Comparison) -> AppState {
    let (mut state, _effects) =
        AppState::new(dir.to_path_buf(), Config::defaults(false), vec![], size);
    state.update(Action::CorpusLoaded(Arc::new(corpus())));
    state.update(Action::AnalysisDone {
        event_id: EVENT.into(),
        result: Ok(Arc::new(cmp)),
    });
    state
}

/// The rows of a drawn test terminal, as text.
pub fn screen_text(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}
