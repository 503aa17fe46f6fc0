//! TUI state: one model, the actions that change it and the effects it asks for.
//!
//! Nothing here draws or does I/O. [`AppState::update`] takes an [`Action`] (a key, a mouse
//! target, a finished background job) and returns the [`Effect`]s to run; the runtime runs them
//! and feeds the results back as actions. That keeps every behaviour testable without a
//! terminal.

pub mod engine;
pub mod keymap;
pub mod layout;
pub mod picker;
pub mod search_index;
pub mod session;
mod update;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::KeyEvent;

use crate::analysis::{ClaimId, ClusterId, ClusterKind, Comparison, WordDiff};
use crate::annotations::{Annotations, LoadOutcome};
use crate::config::Config;
use crate::corpus::{Corpus, Event};

pub use keymap::{Command, Context, Keymap};
pub use picker::{PickItem, Picker, PickerMode};

/// What the Problems list says while the corpus folder is gone: a watcher reports it as
/// [`Action::WatchFailed`] and the folder's own path in [`Action::FilesChanged`] once it is
/// back and watched again.
pub const ROOT_GONE: &str = "the corpus folder was removed or moved; changes are not followed \
    until it is written again";

/// What the status line says when the corpus folder is removed or replaced
/// ([`ROOT_GONE`]), short so 80 columns show it whole.
pub const ROOT_GONE_STATUS: &str =
    "the corpus folder is gone or replaced: the view is kept until it is back";

/// What the status line says while the open event is missing from the corpus on disk
/// (`AppState::gone_event`): the view is kept, and why; short, so 80 columns show it whole.
/// The Problems list says it after the event's id.
pub const GONE_EVENT: &str =
    "open event not on disk now: its view is kept until it is back (: other events)";

/// Something that happened: input, or a background job finishing.
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    /// A mouse click, already resolved to what was under the pointer.
    Click(Target),
    /// Mouse wheel over a target: positive scrolls down.
    Scroll(Target, i16),
    Resize(u16, u16),
    /// Text pasted into the terminal (bracketed paste): typed into the picker or a note.
    Paste(String),
    /// Animation tick, only sent while something is in progress.
    Tick,
    /// A command issued directly (tests, menus).
    Command(Command),
    /// How far loading the corpus has come (stage, done of total).
    LoadProgress(crate::corpus::Progress),
    CorpusLoaded(Arc<Corpus>),
    /// Changed files were applied ([`Effect::ApplyChanges`]) and none of them is read by a
    /// load (hidden files, a README, a file created and removed again): the corpus shown stays.
    CorpusUnchanged,
    CorpusFailed(String),
    /// How far embedding the claims of an event's analysis has come (a model backend only).
    AnalysisProgress {
        event_id: String,
        progress: crate::analysis::EmbedProgress,
    },
    AnalysisDone {
        event_id: String,
        result: Result<Arc<Comparison>, String>,
    },
    AnnotationsLoaded(LoadOutcome),
    AnnotationsSaved(Result<crate::annotations::Saved, String>),
    /// The annotations file changed on disk (another framediff saved): `disk` is its content
    /// now, `base` the content this process last read or wrote (see
    /// [`Effect::RefreshAnnotations`]).
    AnnotationsChanged {
        base: Annotations,
        disk: Annotations,
    },
    /// The annotations file changed on disk and cannot be parsed now (the path and the
    /// parser's reason): reported; the annotations shown are kept, and the next save writes
    /// them over it after copying it aside ([`Annotations::save_merging`]).
    AnnotationsUnreadable(String),
    Exported(Result<Vec<PathBuf>, String>),
    /// How far an export has come ("Markdown (2 of 3)"), shown in the status line until
    /// [`Action::Exported`] arrives.
    ExportProgress(String),
    /// Files under the corpus changed on disk.
    FilesChanged(Vec<PathBuf>),
    /// The corpus cannot be watched for changes (edits will not be picked up).
    WatchFailed(String),
    /// The sentences of the corpus, for search across events (see [`Effect::IndexText`]).
    TextIndexed(Arc<crate::app::engine::TextIndex>),
}

/// Work for the runtime. Each one answers with an [`Action`].
#[derive(Debug, Clone)]
pub enum Effect {
    LoadCorpus(PathBuf),
    /// Applies the files changed on disk (added, changed, removed) to the corpus loaded last
    /// (`corpus::live::Live`): those files are read, duplicates and events updated from
    /// memory; a whole load where that is not safe. Answers with [`Action::CorpusLoaded`] or
    /// [`Action::CorpusUnchanged`].
    ApplyChanges {
        /// The corpus path, for a whole load.
        corpus: PathBuf,
        /// The paths the watcher reported, in the order reported.
        changed: Vec<PathBuf>,
    },
    Analyse {
        corpus: Arc<Corpus>,
        event: usize,
    },
    LoadAnnotations(PathBuf),
    /// Reads the annotations file again after it changed on disk, writing nothing; answers
    /// with [`Action::AnnotationsChanged`] when it differs from what this process last read
    /// or wrote, with [`Action::AnnotationsUnreadable`] when it cannot be parsed, and with
    /// nothing otherwise (our own save).
    RefreshAnnotations(PathBuf),
    SaveAnnotations {
        path: PathBuf,
        annotations: Annotations,
    },
    Export {
        dir: PathBuf,
        comparison: Arc<Comparison>,
        /// The corpus holding the event (reports cite article paths and dates).
        corpus: Arc<Corpus>,
        annotations: Annotations,
    },
    Watch(PathBuf),
    /// Splits every article of the corpus into sentences, for search across events whose
    /// claims are not analysed yet.
    IndexText(Arc<Corpus>),
}

/// Where the annotations stand against their file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveState {
    /// Saves sent to the runtime and not answered yet.
    pub in_flight: usize,
    /// Why the last save failed: the annotations in memory are not on disk. Cleared by the
    /// next successful save (each save writes every annotation).
    pub failed: Option<String>,
    /// Quit was asked while saves were in flight: quit once they land.
    pub quit_when_saved: bool,
    /// The user was told that quitting loses unsaved annotations: the next quit quits.
    pub quit_warned: bool,
    /// The last save sent was for removing an annotation (`D D`): its status says so.
    pub removing: bool,
}

/// What a mouse event landed on, as recorded by the last draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Tab(Screen),
    Claim(ClaimId),
    Column(usize),
    DiffPane,
    MatrixRow(ClusterId),
    /// A header cell of the Claims matrix.
    MatrixHeader(MatrixColumn),
    ProfileOutlet(usize),
    ProblemRow(usize),
    PickerRow(usize),
    Article,
    Help,
}

/// The main screens (tabs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Compare,
    Matrix,
    Profile,
    Problems,
}

impl Screen {
    /// The tabs, left to right.
    pub const ALL: [Screen; 4] = [
        Screen::Compare,
        Screen::Matrix,
        Screen::Profile,
        Screen::Problems,
    ];

    /// The tab label.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Compare => "Compare",
            Screen::Matrix => "Claims matrix",
            Screen::Profile => "Framing profile",
            Screen::Problems => "Problems",
        }
    }

    /// Where this screen's keys are looked up.
    pub fn context(self) -> Context {
        match self {
            Screen::Compare => Context::Compare,
            Screen::Matrix => Context::Matrix,
            Screen::Profile => Context::Profile,
            Screen::Problems => Context::Problems,
        }
    }
}

/// Modal layers over the screens.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help {
        scroll: usize,
        /// The overlay help was opened from (the picker): back to it on close.
        under: Option<Box<Overlay>>,
    },
    Picker(Picker),
    /// The full article of `column`, with `claim` highlighted; `scroll` is relative to the
    /// position that shows the claim.
    Article {
        column: usize,
        claim: Option<ClaimId>,
        scroll: isize,
        /// Text search in the article (`/`, then `n` / `N`).
        find: Option<Find>,
    },
    /// A note being typed for a cluster, opened on the claim `anchor` names: the note is
    /// saved on that claim's cluster, found again if a reload renumbered the clusters.
    Note {
        cluster: ClusterId,
        anchor: Option<ClaimAnchor>,
        text: String,
        cursor: usize,
        /// The note as it was when the editor opened: Esc asks before dropping a change.
        original: String,
        /// Esc was pressed once on a changed note: a second Esc discards it.
        discard_asked: bool,
    },
}

/// A search inside the article view: what is typed, whether it is still being typed, and
/// which match is shown (counted from the top, wrapping; the view knows how many there are).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    pub typing: bool,
    pub current: usize,
    /// How many times `N` went back past the first match (kept apart so `current` stays
    /// unsigned): the view shows match `current - back`, wrapping.
    pub back: usize,
}

/// Which part of the Compare screen has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Columns,
    Diff,
}

/// Which claim kinds are shown; all off means no filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindFilter {
    pub shared: bool,
    pub contrasting: bool,
    pub unique: bool,
}

impl KindFilter {
    /// True when at least one kind is selected (otherwise everything shows).
    pub fn is_active(self) -> bool {
        self.shared || self.contrasting || self.unique
    }

    /// Whether claims of `kind` pass the filter.
    pub fn allows(self, kind: ClusterKind) -> bool {
        !self.is_active()
            || match kind {
                ClusterKind::Shared => self.shared,
                ClusterKind::Contrasting => self.contrasting,
                ClusterKind::Unique => self.unique,
            }
    }

    /// Turns one kind on or off (the `s`/`c`/`u` keys).
    pub fn toggle(&mut self, kind: ClusterKind) {
        match kind {
            ClusterKind::Shared => self.shared = !self.shared,
            ClusterKind::Contrasting => self.contrasting = !self.contrasting,
            ClusterKind::Unique => self.unique = !self.unique,
        }
    }

    /// Active kinds, for the header.
    pub fn kinds(self) -> Vec<ClusterKind> {
        let mut v = Vec::new();
        if self.shared {
            v.push(ClusterKind::Shared);
        }
        if self.contrasting {
            v.push(ClusterKind::Contrasting);
        }
        if self.unique {
            v.push(ClusterKind::Unique);
        }
        v
    }
}

/// Where the diff pane goes on the Compare screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DiffPosition {
    /// Right of the columns on wide, short terminals, else below (see [`layout`]).
    #[default]
    Auto,
    Below,
    Right,
}

impl DiffPosition {
    /// The name in config.toml and the status bar.
    pub fn name(self) -> &'static str {
        match self {
            DiffPosition::Auto => "auto",
            DiffPosition::Below => "below",
            DiffPosition::Right => "right",
        }
    }

    /// Parses a config.toml value.
    pub fn from_name(s: &str) -> Option<DiffPosition> {
        [DiffPosition::Auto, DiffPosition::Below, DiffPosition::Right]
            .into_iter()
            .find(|p| p.name() == s)
    }

    /// The position the key switches to: auto, below, right, auto...
    pub fn next(self) -> DiffPosition {
        match self {
            DiffPosition::Auto => DiffPosition::Below,
            DiffPosition::Below => DiffPosition::Right,
            DiffPosition::Right => DiffPosition::Auto,
        }
    }
}

/// The diff pane's geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffPane {
    pub visible: bool,
    pub maximised: bool,
    /// Percent of the compare area along the split: of the height below the columns, of the
    /// width right of them.
    pub height: u16,
    pub position: DiffPosition,
    pub scroll: usize,
}

/// State of the Compare screen.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareState {
    /// Outlet ids the user hid.
    pub hidden: BTreeSet<String>,
    /// Outlet ids pinned to the left, in pin order.
    pub pinned: Vec<String>,
    /// Focused column (index into `Comparison::columns`).
    pub focus_col: usize,
    pub selected: Option<ClaimId>,
    /// First unpinned column shown when not all fit.
    pub col_offset: usize,
    /// Set when a cluster was jumped to (`]`, search, the matrix): while its claim stays
    /// selected, the columns shown are the outlets of that cluster, side by side.
    pub cluster_view: Option<ClusterId>,
    /// After `]` / `[` landed on a contrast's named side rather than on the claim it found:
    /// (the claim selected, the claim found), so the next jump goes on from where the search
    /// stopped, not from the side shown.
    pub contrast_jump: Option<(ClaimId, ClaimId)>,
    pub filter: KindFilter,
    pub diff: DiffPane,
    pub pane: Pane,
}

/// How the claims matrix is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixSort {
    /// First appearance.
    Order,
    /// Contrasting first, then unique, then shared.
    Kind,
    /// Most outlets first.
    Coverage,
    /// Rows where this outlet (index into `Comparison::columns`) has a claim first.
    Outlet(usize),
}

impl MatrixSort {
    /// Shown in the matrix title (an outlet sort is named by the UI, which knows the name).
    pub fn label(self, reversed: bool) -> &'static str {
        match (self, reversed) {
            (MatrixSort::Order, false) => "article order",
            (MatrixSort::Order, true) => "article order, last first",
            (MatrixSort::Kind, false) => "kind (≠ then + then =)",
            (MatrixSort::Kind, true) => "kind (= then + then ≠)",
            (MatrixSort::Coverage, false) => "coverage",
            (MatrixSort::Coverage, true) => "coverage, fewest first",
            (MatrixSort::Outlet(_), false) => "outlet",
            (MatrixSort::Outlet(_), true) => "outlet, absent first",
        }
    }

    /// The order `o` goes to next among a comparison of `outlets` columns: article order,
    /// kind, coverage, then each outlet in turn (its clusters first), then article order
    /// again; a header click reaches the same sorts with the mouse.
    pub fn next(self, outlets: usize) -> MatrixSort {
        match self {
            MatrixSort::Order => MatrixSort::Kind,
            MatrixSort::Kind => MatrixSort::Coverage,
            MatrixSort::Coverage if outlets > 0 => MatrixSort::Outlet(0),
            MatrixSort::Outlet(i) if i + 1 < outlets => MatrixSort::Outlet(i + 1),
            MatrixSort::Coverage | MatrixSort::Outlet(_) => MatrixSort::Order,
        }
    }

    /// The sort a click on a header cell asks for (the claim text has none).
    pub fn for_column(column: MatrixColumn) -> Option<MatrixSort> {
        match column {
            MatrixColumn::Number => Some(MatrixSort::Order),
            MatrixColumn::Kind => Some(MatrixSort::Kind),
            MatrixColumn::Claim => None,
            MatrixColumn::Outlet(i) => Some(MatrixSort::Outlet(i)),
        }
    }

    /// The header cell that shows this sort (coverage has no column of its own).
    pub fn column(self) -> Option<MatrixColumn> {
        match self {
            MatrixSort::Order => Some(MatrixColumn::Number),
            MatrixSort::Kind => Some(MatrixColumn::Kind),
            MatrixSort::Coverage => None,
            MatrixSort::Outlet(i) => Some(MatrixColumn::Outlet(i)),
        }
    }
}

/// A column of the Claims matrix, as a header click names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixColumn {
    /// The cluster number.
    Number,
    /// The kind glyph.
    Kind,
    /// The claim text.
    Claim,
    /// An outlet (index into `Comparison::columns`).
    Outlet(usize),
}

/// State of the Claims matrix: its sort order and selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixState {
    pub sort: MatrixSort,
    /// The sort runs the other way (a second click on the same header).
    pub reversed: bool,
    /// Index into the sorted, filtered rows.
    pub row: usize,
    /// The first outlet column shown when they do not all fit (`h`/`l` scroll sideways).
    pub col_offset: usize,
}

impl MatrixState {
    /// The arrow shown after the sorted column's name: ▲ ascending (article order, first
    /// cluster on top), ▼ descending (the most contrasting / present / covered on top).
    pub fn arrow(self) -> char {
        let ascending = matches!(self.sort, MatrixSort::Order) != self.reversed;
        if ascending { '▲' } else { '▼' }
    }
}

/// State of the Framing profile: the outlet shown in detail and the scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProfileState {
    pub column: usize,
    pub scroll: usize,
}

/// The largest scroll of the Framing profile's panes as last drawn (their lines less the
/// rows they show), so that `j` past the last line does not count on in
/// [`ProfileState::scroll`]; `usize::MAX` until the profile is drawn. Written by the drawing,
/// which only reads the state otherwise.
#[derive(Debug)]
pub struct ProfileScrollMax(std::sync::atomic::AtomicUsize);

impl Default for ProfileScrollMax {
    fn default() -> Self {
        ProfileScrollMax(std::sync::atomic::AtomicUsize::new(usize::MAX))
    }
}

impl ProfileScrollMax {
    /// The largest scroll drawn ([`usize::MAX`] when not drawn yet).
    pub fn get(&self) -> usize {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Sets the largest scroll (the profile screen sets 0 before drawing its panes).
    pub fn set(&self, v: usize) {
        self.0.store(v, std::sync::atomic::Ordering::Relaxed);
    }

    /// Records a pane that can scroll `v` lines: the largest of the panes is kept.
    pub fn at_least(&self, v: usize) {
        self.0.fetch_max(v, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Background work in progress, for the progress bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Busy {
    pub label: String,
    pub step: u8,
    pub steps: u8,
    pub since_tick: u64,
    /// Known progress within the step, when the job reports it (loading: its stage and
    /// count).
    pub progress: Option<crate::corpus::Progress>,
    /// Sentences embedded of those the analysis sends through the model, when it reports
    /// them (an analysis with a model and a cold cache).
    pub embedding: Option<crate::analysis::EmbedProgress>,
}

/// A one-line message in the status bar until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Where the user was, kept across a reload so the view stays put.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Place {
    outlet: String,
    sentence: usize,
    /// The claim's text: a reload finds the claim by it (its sentence index moves when text
    /// is added above it), as stored annotations are found.
    text: Option<String>,
    /// Lay out the claim's cluster's outlets side by side once it is found again (the view
    /// showed them so, or a search found it); false keeps the columns in plain order.
    side_by_side: bool,
}

/// The claim an editor or view was opened on, found again by outlet and text (nearest to
/// `start`) in a comparison made after a reload, as stored annotations are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimAnchor {
    pub outlet: String,
    pub text: String,
    pub start: usize,
}

impl ClaimAnchor {
    /// The anchor of claim `id` of `cmp`.
    pub fn of(cmp: &Comparison, id: ClaimId) -> Option<Self> {
        cmp.claims.get(id).map(|c| Self {
            outlet: c.outlet.clone(),
            text: c.text.clone(),
            start: c.start,
        })
    }

    /// The claim of `cmp` this anchor names: same outlet and text, nearest to its offset;
    /// `None` when the text is no longer there.
    pub fn find(&self, cmp: &Comparison) -> Option<ClaimId> {
        cmp.claims
            .iter()
            .filter(|c| c.outlet == self.outlet && c.text == self.text)
            .min_by_key(|c| c.start.abs_diff(self.start))
            .map(|c| c.id)
    }
}

/// The whole TUI state.
pub struct AppState {
    pub corpus_path: PathBuf,
    pub config: Config,
    pub config_warnings: Vec<String>,
    pub corpus: Option<Arc<Corpus>>,
    pub corpus_error: Option<String>,
    pub busy: Option<Busy>,
    /// Id of the event on screen.
    pub event_id: Option<String>,
    /// Finished comparisons by event id: switching back is instant.
    pub cache: HashMap<String, Arc<Comparison>>,
    pub analysis_errors: HashMap<String, String>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub compare: CompareState,
    pub matrix: MatrixState,
    pub profile: ProfileState,
    /// How far the profile's panes can scroll, as last drawn.
    pub profile_scroll_max: ProfileScrollMax,
    pub problems_row: usize,
    pub annotations: Annotations,
    pub annotations_path: PathBuf,
    pub annotations_problem: Option<String>,
    /// Annotations of event ids the corpus no longer has: re-attached or orphaned
    /// ([`Annotations::reattach`]), listed on the Problems screen.
    pub reattached: crate::annotations::Reattached,
    /// Saves in flight and unsaved work, so quitting never loses annotations.
    pub saving: SaveState,
    /// Why the corpus is not watched for changes, if it is not.
    pub watch_problem: Option<String>,
    /// The open event's id when a reload found it missing (its folder being written again,
    /// or removed), with the corpus that reload gave: the view stays on the corpus before it
    /// until a reload has the event again, or the user picks another event (`:`), which
    /// shows this corpus.
    pub gone_event: Option<(String, Arc<Corpus>)>,
    /// Word diffs of the selected claim against each other member of its cluster.
    pub diffs: Vec<(ClaimId, WordDiff)>,
    pub status: Option<Status>,
    pub size: (u16, u16),
    pub tick: u64,
    pub quit: bool,
    /// Ctrl-z asked to suspend: the loop leaves the terminal, stops the process (SIGTSTP)
    /// and comes back when the shell continues it; cleared by the loop.
    pub suspend: bool,
    /// The cluster whose annotation `D` asked to remove; a second `D` confirms, any other key
    /// cancels.
    pub pending_clear: Option<ClusterId>,
    /// The claim `X` asked to take out of its cluster (or put back); a second `X` confirms,
    /// any other key cancels.
    pub pending_exclude: Option<ClaimId>,
    /// The orphaned annotation last chosen in the `N` list (its rank among the event's
    /// orphans): `D` then asks to remove it, a second `D` removes it.
    pub orphan_chosen: Option<usize>,
    /// `D` asked to remove [`AppState::orphan_chosen`]; a second `D` confirms, any other key
    /// cancels.
    pub pending_orphan_clear: bool,
    /// `v` was pressed: the next key (s, c or u) is the verdict.
    pub pending_verdict: bool,
    /// The session to restore once the corpus has loaded (set by the runtime at start).
    pub resume: Option<session::Session>,
    /// The corpus's sentences for search across events, once indexed (the corpus they were
    /// taken from is compared by pointer: a reload asks for a new index).
    pub text_index: Option<Arc<engine::TextIndex>>,
    /// An index of the current corpus is being built.
    text_indexing: bool,
    /// A picker asked for while the corpus was loading: opened once it has loaded.
    pending_picker: Option<PickerMode>,
    /// Where the runtime keeps the view between starts (`<corpus>/.framediff/session.json`);
    /// `None` (tests, scripted runs) keeps nothing.
    pub session_file: Option<std::path::PathBuf>,
    /// Set for a corpus of invented texts (the sample): the label every view shows.
    pub illustrative: Option<String>,
    restore: Option<Place>,
    /// The article view open across a reload: its article's path and the claim it shows,
    /// found again once the event is analysed anew (or the view closed if the file is gone).
    article_restore: Option<(PathBuf, Option<ClaimAnchor>)>,
    /// Files changed while a job was running: reload when it finishes.
    reload_pending: bool,
    /// The files changed on disk that no reload has taken yet.
    changed: Vec<PathBuf>,
}

impl AppState {
    /// A fresh state for `corpus_path`, plus the effects that start it (load corpus and
    /// annotations, watch files).
    pub fn new(
        corpus_path: PathBuf,
        config: Config,
        config_warnings: Vec<String>,
        size: (u16, u16),
    ) -> (AppState, Vec<Effect>) {
        let annotations_path = crate::annotations::file_for(&corpus_path);
        let diff_height = config.diff_height;
        let diff_position = config.diff_position;
        let watch = config.watch;
        let state = AppState {
            corpus_path: corpus_path.clone(),
            config,
            config_warnings,
            corpus: None,
            corpus_error: None,
            busy: Some(Busy {
                label: "Loading corpus".into(),
                step: 1,
                steps: 2,
                since_tick: 0,
                progress: None,
                embedding: None,
            }),
            event_id: None,
            cache: HashMap::new(),
            analysis_errors: HashMap::new(),
            screen: Screen::Compare,
            overlay: None,
            compare: CompareState {
                hidden: BTreeSet::new(),
                pinned: Vec::new(),
                focus_col: 0,
                selected: None,
                col_offset: 0,
                cluster_view: None,
                contrast_jump: None,
                filter: KindFilter::default(),
                diff: DiffPane {
                    visible: true,
                    maximised: false,
                    height: diff_height,
                    position: diff_position,
                    scroll: 0,
                },
                pane: Pane::Columns,
            },
            matrix: MatrixState {
                sort: MatrixSort::Order,
                reversed: false,
                row: 0,
                col_offset: 0,
            },
            profile: ProfileState::default(),
            profile_scroll_max: ProfileScrollMax::default(),
            problems_row: 0,
            annotations: Annotations::default(),
            annotations_path: annotations_path.clone(),
            annotations_problem: None,
            reattached: Default::default(),
            saving: SaveState::default(),
            watch_problem: None,
            gone_event: None,
            diffs: Vec::new(),
            status: None,
            size,
            tick: 0,
            quit: false,
            suspend: false,
            pending_clear: None,
            pending_exclude: None,
            orphan_chosen: None,
            pending_orphan_clear: false,
            pending_verdict: false,
            resume: None,
            session_file: None,
            text_index: None,
            text_indexing: false,
            pending_picker: None,
            illustrative: None,
            restore: None,
            article_restore: None,
            reload_pending: false,
            changed: Vec::new(),
        };
        let mut effects = vec![
            Effect::LoadCorpus(corpus_path.clone()),
            Effect::LoadAnnotations(annotations_path),
        ];
        if watch {
            effects.push(Effect::Watch(corpus_path));
        }
        (state, effects)
    }

    /// The comparison on screen, if analysed.
    pub fn comparison(&self) -> Option<&Arc<Comparison>> {
        self.event_id.as_ref().and_then(|id| self.cache.get(id))
    }

    /// The event on screen (with its texts read back, once compared, where the corpus left
    /// them on disk).
    pub fn event(&self) -> Option<&Event> {
        let id = self.event_id.as_ref()?;
        // texts left on disk (a streamed dump) come read back with the comparison
        if let Some(read) = self.cache.get(id).and_then(|c| c.event_read.as_deref()) {
            return Some(read);
        }
        self.corpus.as_ref()?.events.iter().find(|e| &e.id == id)
    }

    /// Where the Compare screen's columns and diff pane are at the current terminal size
    /// (what the UI draws).
    pub fn compare_areas(&self) -> layout::CompareAreas {
        let (w, h) = self.size;
        let [_, _, body, _] = layout::frame_areas(ratatui::layout::Rect::new(0, 0, w, h));
        layout::compare_areas(body, self.compare.diff, self.config.min_column_width)
    }

    /// The key context that has focus right now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Picker(_)) => Context::Picker,
            Some(Overlay::Article { .. }) => Context::Article,
            Some(Overlay::Note { .. }) => Context::Note,
            None => self.screen.context(),
        }
    }

    /// True while something animates (progress); the runtime sends ticks only then.
    pub fn animating(&self) -> bool {
        self.busy.is_some()
    }

    /// Why a loaded corpus has nothing to show: `Some` when it holds no article at all (an
    /// empty folder, only files of other kinds, or every file rejected), worded as
    /// `framediff check` words it ([`crate::corpus::Corpus::why_no_articles`]).
    pub fn no_articles_reason(&self) -> Option<String> {
        let c = self.corpus.as_ref()?;
        (c.article_count() == 0).then(|| c.why_no_articles(&self.corpus_path))
    }

    /// Problems of the app itself (corpus, annotations, config, analysis), before the
    /// corpus diagnostics.
    fn own_problems(&self) -> Vec<(bool, String)> {
        let mut v = Vec::new();
        if let Some(e) = &self.corpus_error {
            v.push((true, format!("corpus {}: {e}", self.corpus_path.display())));
        }
        if let Some(reason) = self.no_articles_reason() {
            v.push((true, reason));
        }
        if let Some(e) = &self.annotations_problem {
            v.push((true, e.clone()));
        }
        if self.annotations_path != crate::annotations::path_for(&self.corpus_path) {
            v.push((
                false,
                format!(
                    "annotations are those of the corpus this event folder is in: {}",
                    self.annotations_path.display()
                ),
            ));
        }
        v.extend(self.reattached.lines().into_iter().map(|l| (false, l)));
        v.extend(self.orphan_problems().into_iter().map(|p| (false, p)));
        for w in &self.config_warnings {
            v.push((false, w.clone()));
        }
        if let Some((id, _)) = &self.gone_event {
            v.push((
                true,
                format!("{}: {GONE_EVENT}", crate::ui::sanitize::clean(id)),
            ));
        }
        match &self.watch_problem {
            Some(e) if e == ROOT_GONE => v.push((true, e.clone())),
            Some(e) => v.push((
                false,
                format!("files are not watched, edits need a restart: {e}"),
            )),
            None => {}
        }
        let mut fallbacks: Vec<_> = self
            .cache
            .iter()
            .filter_map(|(id, c)| Some((id, c.backend_problem.as_deref()?)))
            .collect();
        fallbacks.sort();
        for (id, p) in fallbacks {
            v.push((true, format!("analysis of {id}: {p}")));
        }
        let mut errs: Vec<_> = self.analysis_errors.iter().collect();
        errs.sort();
        for (id, e) in errs {
            v.push((true, format!("analysis of {id}: {e}")));
        }
        v
    }

    /// One warning per orphaned annotation of the analysed events (its claim text no longer
    /// in the articles), and per member taken out of a cluster whose text is gone, by event
    /// id.
    fn orphan_problems(&self) -> Vec<String> {
        let mut ids: Vec<&String> = self.cache.keys().collect();
        ids.sort();
        let mut v = Vec::new();
        for id in ids {
            let cmp = &self.cache[id];
            for a in self.annotations.orphans(cmp) {
                let outlet = a.claims.first().map_or("", |c| c.outlet.as_str());
                let why = if crate::annotations::Annotations::outlet_gone(cmp, outlet) {
                    "its outlet id no longer exists in the event and no other outlet has its text"
                } else {
                    "it is no longer in the article"
                };
                v.push(format!(
                    "orphaned annotation in {id}: the claim \"{}\" ({outlet}): {why}; kept in \
                     the annotations file",
                    a.text
                ));
            }
            for (a, e) in self.annotations.gone_exclusions(cmp) {
                v.push(format!(
                    "a claim you took out of a cluster in {id} is no longer in the article: \
                     \"{}\" ({}), out of the cluster of \"{}\"; it no longer applies; kept in \
                     the annotations file",
                    e.text, e.outlet, a.text
                ));
            }
        }
        v
    }

    /// (current, orphaned): the annotations of the event on screen that describe one of its
    /// claims, and those whose claim text is gone (all current until it is analysed).
    pub fn annotation_counts(&self) -> (usize, usize) {
        let Some(id) = self.event_id.as_deref() else {
            return (0, 0);
        };
        let all = self.annotations.for_event(id).count();
        let orphaned = self
            .comparison()
            .map_or(0, |cmp| self.annotations.orphans(cmp).count());
        (all - orphaned, orphaned)
    }

    /// How many problems there are (cheap: corpora can have thousands of diagnostics).
    pub fn problem_count(&self) -> usize {
        self.own_problems().len() + self.corpus.as_ref().map_or(0, |c| c.diagnostics.len())
    }

    /// Problem `i` as (is an error, text); only the rows on screen are formatted.
    pub fn problem_at(&self, i: usize) -> Option<(bool, String)> {
        let own = self.own_problems();
        if let Some(p) = own.get(i) {
            return Some(p.clone());
        }
        let d = self.corpus.as_ref()?.diagnostics.get(i - own.len())?;
        // as `check` prints it: a file name with a newline written `weird\nname.md`
        let text = crate::cli::check::diagnostic_line(d);
        Some((d.severity == crate::corpus::Severity::Error, text))
    }

    /// Every problem to show on the Problems screen, as (is an error, text).
    pub fn problems(&self) -> Vec<(bool, String)> {
        (0..self.problem_count())
            .filter_map(|i| self.problem_at(i))
            .collect()
    }

    /// The cluster of the selected claim.
    pub fn selected_cluster(&self) -> Option<ClusterId> {
        let cmp = self.comparison()?;
        let id = self.compare.selected?;
        cmp.claims.get(id).map(|c| c.cluster)
    }

    /// (shared, contrasting, unique): the claims of column `col` by the verdict of their
    /// cluster as the matrix shows it ([`AppState::effective_kind`]), so the Framing profile's
    /// counts match the matrix's cells once a reader overrules a verdict. Without annotations
    /// they are the profile's `shared_claims`, `contrasting_claims` and `unique_claims`.
    pub fn kind_counts(&self, cmp: &Comparison, col: usize) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for c in cmp.claims.iter().filter(|c| c.column == col) {
            match self.claim_kind(cmp, c.id) {
                Some(ClusterKind::Shared) => n.0 += 1,
                Some(ClusterKind::Contrasting) => n.1 += 1,
                Some(ClusterKind::Unique) => n.2 += 1,
                None => {}
            }
        }
        n
    }

    /// The verdict shown for a cluster: the user's if they gave one, else unique when the
    /// reader took members out and those left come from one outlet, else the analysis' (a
    /// note alone gives none: [`crate::annotations::ClusterAnnotation::reader_verdict`]).
    pub fn effective_kind(&self, cmp: &Comparison, cluster: ClusterId) -> Option<ClusterKind> {
        let c = cmp.clusters.get(cluster)?;
        Some(
            self.annotations
                .find(cmp, c)
                .and_then(|a| a.reader_verdict(cmp, c))
                .map_or(c.kind, ClusterKind::from),
        )
    }

    /// True when the reader took claim `claim` out of its cluster (`X`).
    pub fn is_excluded(&self, cmp: &Comparison, claim: ClaimId) -> bool {
        cmp.claims
            .get(claim)
            .and_then(|c| cmp.clusters.get(c.cluster))
            .and_then(|cl| Some((cl, self.annotations.find(cmp, cl)?)))
            .is_some_and(|(cl, a)| a.excluded_in(cmp, cl).contains(&claim))
    }

    /// The verdict shown for a claim: unique when the reader took it out of its cluster (a
    /// claim of its own), else its cluster's ([`AppState::effective_kind`]).
    pub fn claim_kind(&self, cmp: &Comparison, claim: ClaimId) -> Option<ClusterKind> {
        // called for every claim on every frame: the cluster's annotation is looked up once
        let c = cmp.claims.get(claim)?;
        let cluster = cmp.clusters.get(c.cluster)?;
        let Some(a) = self.annotations.find(cmp, cluster) else {
            return Some(cluster.kind);
        };
        if a.excluded_in(cmp, cluster).contains(&claim) {
            return Some(ClusterKind::Unique);
        }
        Some(
            a.reader_verdict(cmp, cluster)
                .map_or(cluster.kind, ClusterKind::from),
        )
    }
}
