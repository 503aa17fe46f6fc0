//! Runs [`Effect`]s on the tokio runtime and sends their results back as [`Action`]s.
//!
//! Slow work (loading, analysis, file I/O) goes to `spawn_blocking`, so the UI task only ever
//! waits on its channel. Annotation saves go through one writer task so they land in order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::analysis::Comparison;
use crate::annotations::{Annotations, ClusterAnnotation, LoadOutcome};
use crate::app::session::{Session, SessionWriter};
use crate::app::{Action, Effect, engine};
use crate::cli::log;
use crate::corpus::Event;
use crate::corpus::Progress;
use crate::corpus::live::Live;

type Bases = Arc<Mutex<HashMap<PathBuf, Annotations>>>;

/// How long the file watcher waits for a file's events to stop before reporting it: part of
/// the time an added file takes to reach the screen (issue 12: under 1 s). 150 ms since
/// changed files are applied to the loaded corpus in a fraction of a second (0.3 s when a
/// change reloaded the whole corpus); a file still being written when it is reported is
/// applied again when its last write is.
const WATCH_DEBOUNCE: Duration = Duration::from_millis(150);

/// How long after a load or change has been handed to the UI the copy of the articles the
/// next change needs is made ([`Live::prepare`]): after the screen's refresh, which it would
/// otherwise share the cores with.
const PREPARE_AFTER: Duration = Duration::from_millis(300);

type Watcher = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Executes effects; cheap to share.
pub struct Runner {
    tx: UnboundedSender<Action>,
    saves: UnboundedSender<(PathBuf, Annotations)>,
    /// The annotations file as this process last read or wrote it, by path: the base against
    /// which another writer's changes are detected (see [`Annotations::save_merging`]).
    bases: Bases,
    in_flight: Arc<AtomicUsize>,
    /// Kept alive for as long as the runner; set up off the UI thread.
    watcher: Arc<Mutex<Option<Watcher>>>,
    /// The similarity backend of every analysis.
    similarity: crate::analysis::Backend,
    /// The corpus loaded last, kept so changed files are applied to it
    /// ([`Effect::ApplyChanges`]); its cache records are written in the background, and
    /// dropping it waits for those writes.
    live: Arc<Mutex<Option<Live>>>,
    /// The text index built last ([`Effect::IndexText`]), from which the next one takes the
    /// sentences of unchanged articles ([`engine::index_text_reusing`]).
    text_index: Arc<Mutex<Option<Arc<engine::TextIndex>>>>,
}

impl Runner {
    /// Must be called inside a tokio runtime.
    pub fn new(tx: UnboundedSender<Action>) -> Runner {
        let (saves, rx) = unbounded_channel();
        let in_flight = Arc::new(AtomicUsize::new(0));
        let bases = Bases::default();
        tokio::spawn(save_worker(
            rx,
            tx.clone(),
            in_flight.clone(),
            bases.clone(),
        ));
        Runner {
            tx,
            saves,
            bases,
            in_flight,
            watcher: Arc::new(Mutex::new(None)),
            similarity: crate::analysis::Backend::Lexical,
            live: Arc::new(Mutex::new(None)),
            text_index: Arc::new(Mutex::new(None)),
        }
    }

    /// Writes the view to keep on the next start, off the UI thread. A failed write costs
    /// only the restore (nothing the user wrote is in a session): it goes to the debug log.
    pub fn save_session(&self, writer: Arc<SessionWriter>, generation: u64, session: Session) {
        tokio::task::spawn_blocking(move || {
            if let Err(e) = writer.save(generation, &session) {
                log::debug(format_args!("session not saved: {e}"));
            }
        });
    }

    /// The runner with analyses using `similarity`.
    pub fn with_similarity(mut self, similarity: crate::analysis::Backend) -> Runner {
        self.similarity = similarity;
        self
    }

    /// True when no job is running (the file watcher does not count).
    pub fn idle(&self) -> bool {
        self.in_flight.load(Ordering::SeqCst) == 0
    }

    /// Starts one effect; its result arrives later as an action on the channel.
    pub fn run(&self, effect: Effect) {
        if log::enabled() {
            log::debug(format_args!("effect {}", effect_name(&effect)));
        }
        match effect {
            Effect::LoadCorpus(path) => self.live_job(move |live, progress, start| {
                *live = None;
                let (new, corpus) = engine::load_live(&path, progress);
                *live = new;
                log_load(&path, "load", &corpus, start);
                Action::CorpusLoaded(Arc::new(corpus))
            }),
            Effect::ApplyChanges { corpus, changed } => {
                self.live_job(move |live, progress, start| {
                    match engine::apply_changes(live, &corpus, &changed, progress) {
                        Some(c) => {
                            log_load(&corpus, "changes applied to", &c, start);
                            Action::CorpusLoaded(Arc::new(c))
                        }
                        None => {
                            log::debug(format_args!(
                                "changes applied to {}: nothing a load reads changed, in {:?}",
                                corpus.display(),
                                start.elapsed()
                            ));
                            Action::CorpusUnchanged
                        }
                    }
                })
            }
            Effect::Analyse { corpus, event } => {
                let event_id = corpus
                    .events
                    .get(event)
                    .map(|e| e.id.clone())
                    .unwrap_or_default();
                let id2 = event_id.clone();
                let similarity = self.similarity.clone();
                let progress = embed_progress(self.tx.clone(), event_id.clone());
                self.blocking_or(
                    move || {
                        let start = std::time::Instant::now();
                        let result = match corpus.events.get(event) {
                            Some(ev) => {
                                engine::analyse_with(&corpus, ev, &similarity, Some(progress))
                                    .map(Arc::new)
                            }
                            None => Err("the event is gone from the corpus".into()),
                        };
                        log::debug(format_args!(
                            "analyse {event_id}: {} in {:?}",
                            match &result {
                                Ok(c) => format!("{} clusters", c.clusters.len()),
                                Err(e) => format!("failed: {e}"),
                            },
                            start.elapsed()
                        ));
                        Action::AnalysisDone { event_id, result }
                    },
                    move |panic| Action::AnalysisDone {
                        event_id: id2,
                        result: Err(format!("the analysis crashed: {panic}")),
                    },
                )
            }
            Effect::LoadAnnotations(path) => {
                let bases = self.bases.clone();
                self.blocking(move || {
                    let outcome = Annotations::load(&path);
                    // A corrupt file was copied aside: the next save replaces it.
                    let base = match &outcome {
                        LoadOutcome::Loaded(a) => a.clone(),
                        _ => Annotations::default(),
                    };
                    if let Ok(mut b) = bases.lock() {
                        b.insert(path, base);
                    }
                    Action::AnnotationsLoaded(outcome)
                })
            }
            Effect::RefreshAnnotations(path) => {
                let bases = self.bases.clone();
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let disk = match Annotations::read(&path) {
                        LoadOutcome::Loaded(disk) => disk,
                        LoadOutcome::Missing => return,
                        // Said at once; the next save keeps ours and copies it aside.
                        LoadOutcome::Corrupt { error, .. } => {
                            let _ = tx.send(Action::AnnotationsUnreadable(error));
                            return;
                        }
                    };
                    // Not recorded as the base: a save in flight was built without these
                    // changes and must still merge them (see `save_worker`).
                    let base = bases.lock().ok().and_then(|b| b.get(&path).cloned());
                    let base = base.unwrap_or_default();
                    if disk != base {
                        let _ = tx.send(Action::AnnotationsChanged { base, disk });
                    }
                });
            }
            Effect::SaveAnnotations { path, annotations } => {
                self.in_flight.fetch_add(1, Ordering::SeqCst);
                if self.saves.send((path, annotations)).is_err() {
                    self.in_flight.fetch_sub(1, Ordering::SeqCst);
                }
            }
            Effect::Export {
                dir,
                comparison,
                corpus,
                annotations,
            } => {
                let tx = self.tx.clone();
                self.blocking(move || {
                    let result = match corpus.events.iter().find(|e| e.id == comparison.event_id) {
                        Some(event) => {
                            let meta = crate::report::ReportMeta::for_corpus(&corpus);
                            let progress = |step: &str| {
                                let _ = tx.send(Action::ExportProgress(step.to_string()));
                            };
                            export_with(&dir, &comparison, event, &meta, &annotations, &progress)
                                .map_err(|e| e.to_string())
                        }
                        None => Err("the event is no longer in the corpus".to_string()),
                    };
                    Action::Exported(result)
                })
            }

            Effect::IndexText(corpus) => {
                let last = self.text_index.clone();
                self.blocking(move || {
                    // the sentences of the articles a change left alone are taken from the
                    // index of the corpus before it
                    let previous = last.lock().ok().and_then(|mut l| l.take());
                    let start = std::time::Instant::now();
                    let index = Arc::new(engine::index_text_reusing(corpus, previous.as_deref()));
                    drop(previous);
                    log::debug(format_args!(
                        "text indexed: {} sentences in {:?}",
                        index.sentences.len(),
                        start.elapsed()
                    ));
                    if let Ok(mut l) = last.lock() {
                        *l = Some(index.clone());
                    }
                    Action::TextIndexed(index)
                })
            }
            Effect::Watch(path) => self.watch(path),
        }
    }

    /// Watches the corpus at `path` for changes, reported as [`Action::FilesChanged`]. When
    /// the corpus itself is removed or moved away (`rm -rf corpus && regenerate`) its watch
    /// dies with it: the user is told ([`Action::WatchFailed`]) and, once a corpus is at
    /// `path` again, it is watched anew and reported changed as a whole (its own path in
    /// [`Action::FilesChanged`], which loads it whole). The folder counts as replaced when an
    /// event names it (the watcher reports absolute paths: `path` is compared in that form,
    /// tester report 22, finding 10) or when the folder at `path` is no longer the one
    /// watched (another inode: a removal the watcher did not report).
    fn watch(&self, path: PathBuf) {
        let tx = self.tx.clone();
        let slot = self.watcher.clone();
        let waiting = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let root = path.clone();
        let forms = RootForms::of(&path);
        let identity = Arc::new(Mutex::new(folder_identity(&path)));
        let handler = move |res: DebounceEventResult| {
            let Ok(events) = res else { return };
            let paths = edited_paths(&events);
            let named = paths.iter().any(|p| forms.is(p));
            let now = folder_identity(&root);
            let replaced = named
                || now.is_none()
                || now != *identity.lock().unwrap_or_else(|e| e.into_inner());
            if replaced && !waiting.swap(true, Ordering::SeqCst) {
                log::debug(format_args!(
                    "watch: the corpus folder {} was removed or replaced; watching for it",
                    root.display()
                ));
                let _ = tx.send(Action::WatchFailed(crate::app::ROOT_GONE.into()));
                let (root, slot, tx, waiting, identity) = (
                    root.clone(),
                    slot.clone(),
                    tx.clone(),
                    waiting.clone(),
                    identity.clone(),
                );
                std::thread::spawn(move || {
                    rewatch_when_back(&root, &slot, &tx, &waiting, &identity)
                });
            }
            let paths: Vec<PathBuf> = paths.into_iter().filter(|p| !forms.is(p)).collect();
            if !paths.is_empty() && !waiting.load(Ordering::SeqCst) {
                let _ = tx.send(Action::FilesChanged(paths));
            }
        };
        // Registering a recursive watch walks the whole tree: not on the UI thread.
        let slot = self.watcher.clone();
        let tx = self.tx.clone();
        tokio::task::spawn_blocking(move || {
            // Without watching (e.g. inotify limits) everything else still works;
            // the user is told why edits are not picked up.
            let failed = match new_debouncer(WATCH_DEBOUNCE, None, handler) {
                Ok(mut w) => match w.watch(&path, RecursiveMode::Recursive) {
                    Ok(()) => {
                        if let Ok(mut slot) = slot.lock() {
                            *slot = Some(w);
                        }
                        None
                    }
                    Err(e) => Some(e.to_string()),
                },
                Err(e) => Some(e.to_string()),
            };
            if let Some(e) = failed {
                let _ = tx.send(Action::WatchFailed(e));
            }
        });
    }

    /// Runs `job` off the UI thread on the kept corpus (locked: one load or change at a
    /// time), with a sender of loading progress and the time it started. Once its action is
    /// sent (and the job counted as done), the next change is prepared ([`Live::prepare`],
    /// [`PREPARE_AFTER`] later).
    fn live_job(
        &self,
        job: impl FnOnce(&mut Option<Live>, &(dyn Fn(Progress) + Sync), Instant) -> Action
        + Send
        + 'static,
    ) {
        let tx = self.tx.clone();
        let live = self.live.clone();
        let in_flight = self.in_flight.clone();
        let sent = Arc::new(std::sync::atomic::AtomicBool::new(false));
        in_flight.fetch_add(1, Ordering::SeqCst);
        let (sender, counter, was_sent) = (tx.clone(), in_flight.clone(), sent.clone());
        let work = move || {
            let progress = progress_sender(sender.clone());
            let start = Instant::now();
            let action = job(
                &mut live.lock().unwrap_or_else(|e| e.into_inner()),
                &progress,
                start,
            );
            let _ = sender.send(action);
            was_sent.store(true, Ordering::SeqCst);
            counter.fetch_sub(1, Ordering::SeqCst);
            // the copy of every article the next change needs: made once this corpus is on
            // screen, not beside its refresh (a change that comes first makes its own)
            std::thread::sleep(PREPARE_AFTER);
            if let Some(l) = live.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
                l.prepare();
            }
        };
        tokio::spawn(async move {
            let Err(e) = tokio::task::spawn_blocking(work).await else {
                return;
            };
            let why = panic_text(e);
            if sent.load(Ordering::SeqCst) {
                log::debug(format_args!("preparing the next change crashed: {why}"));
            } else {
                let _ = tx.send(Action::CorpusFailed(format!(
                    "a background job crashed: {why}"
                )));
                in_flight.fetch_sub(1, Ordering::SeqCst);
            }
        });
    }

    fn blocking(&self, job: impl FnOnce() -> Action + Send + 'static) {
        self.blocking_or(job, |panic| {
            Action::CorpusFailed(format!("a background job crashed: {panic}"))
        });
    }

    /// Runs `job` on the blocking pool; if it panics, `on_panic` builds the action instead.
    fn blocking_or(
        &self,
        job: impl FnOnce() -> Action + Send + 'static,
        on_panic: impl FnOnce(String) -> Action + Send + 'static,
    ) {
        let tx = self.tx.clone();
        let in_flight = self.in_flight.clone();
        in_flight.fetch_add(1, Ordering::SeqCst);
        tokio::spawn(async move {
            let action = match tokio::task::spawn_blocking(job).await {
                Ok(a) => a,
                Err(e) => on_panic(panic_text(e)),
            };
            let _ = tx.send(action);
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// How often a removed corpus folder is looked for (see [`Runner::watch`]).
const ROOT_POLL: Duration = Duration::from_millis(250);

/// The paths of `events` that are edits: created, changed or removed files (metadata
/// changes, such as access times from our own reads, are not edits).
fn edited_paths(events: &[notify_debouncer_full::DebouncedEvent]) -> Vec<PathBuf> {
    events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) && !matches!(e.kind, EventKind::Modify(ModifyKind::Metadata(_)))
        })
        .flat_map(|e| e.paths.iter().cloned())
        .collect()
}

/// The forms of a watched folder's path an event may name it by: as given, absolute, and
/// resolved (links followed).
struct RootForms(Vec<PathBuf>);

impl RootForms {
    fn of(path: &Path) -> RootForms {
        let mut v = vec![path.to_path_buf()];
        v.extend(std::path::absolute(path).ok());
        v.extend(std::fs::canonicalize(path).ok());
        v.dedup();
        RootForms(v)
    }

    /// Whether `p` is the folder itself.
    fn is(&self, p: &Path) -> bool {
        self.0.iter().any(|f| f == p)
    }
}

/// Which folder is at `path` now (device and inode on Unix, so a folder removed and written
/// again is another one; elsewhere only whether there is one); `None` where none is.
fn folder_identity(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some((0, 0))
    }
}

/// Waits (polling every [`ROOT_POLL`]) for a corpus at `root` again, watches it anew in the
/// watcher of `slot` (the new folder and its subfolders; `identity` records which folder)
/// and reports it changed as a whole; gives up once the watcher is gone (the runner was
/// dropped). A watch that cannot be set is reported as [`Action::WatchFailed`].
fn rewatch_when_back(
    root: &Path,
    slot: &Mutex<Option<Watcher>>,
    tx: &UnboundedSender<Action>,
    waiting: &std::sync::atomic::AtomicBool,
    identity: &Mutex<Option<(u64, u64)>>,
) {
    loop {
        std::thread::sleep(ROOT_POLL);
        if tx.is_closed() {
            return;
        }
        let Some(now) = folder_identity(root) else {
            continue;
        };
        let Ok(mut guard) = slot.lock() else { return };
        let Some(w) = guard.as_mut() else { return };
        // the old watch died with the folder; a stale entry would refuse the new one
        let _ = w.unwatch(root);
        let result = w.watch(root, RecursiveMode::Recursive);
        drop(guard);
        *identity.lock().unwrap_or_else(|e| e.into_inner()) = Some(now);
        waiting.store(false, Ordering::SeqCst);
        log::debug(format_args!(
            "watch: {} is back and watched again",
            root.display()
        ));
        let _ = match result {
            Ok(()) => tx.send(Action::FilesChanged(vec![root.to_path_buf()])),
            Err(e) => tx.send(Action::WatchFailed(e.to_string())),
        };
        return;
    }
}

/// Sends loading progress to the UI as [`Action::LoadProgress`], at most ~100 messages per
/// stage whatever the corpus size.
fn progress_sender(tx: UnboundedSender<Action>) -> impl Fn(Progress) + Sync {
    let last = AtomicUsize::new(usize::MAX);
    move |p: Progress| {
        let pct = (p.done * 100).checked_div(p.total).unwrap_or(100);
        let key = (p.stage as usize) * 1000 + pct;
        if last.swap(key, Ordering::Relaxed) != key {
            let _ = tx.send(Action::LoadProgress(p));
        }
    }
}

/// A line in the debug log about a corpus loaded (`what`: how) since `start`.
fn log_load(path: &Path, what: &str, c: &crate::corpus::Corpus, start: Instant) {
    log::debug(format_args!(
        "{what} {}: {} events, {} articles, {} diagnostics in {:?}",
        path.display(),
        c.events.len(),
        c.article_count(),
        c.diagnostics.len(),
        start.elapsed()
    ));
}

/// The kind of an effect, for the debug log (no payloads: they hold article text).
/// Sends an analysis's embedding progress to the UI as [`Action::AnalysisProgress`] (one
/// message per batch of sentences, so a few hundred at most for a large event).
fn embed_progress(tx: UnboundedSender<Action>, event_id: String) -> crate::analysis::ProgressHook {
    crate::analysis::ProgressHook::new(move |progress| {
        let _ = tx.send(Action::AnalysisProgress {
            event_id: event_id.clone(),
            progress,
        });
    })
}

fn effect_name(e: &Effect) -> &'static str {
    match e {
        Effect::LoadCorpus(_) => "load corpus",
        Effect::ApplyChanges { .. } => "apply changed files",
        Effect::Analyse { .. } => "analyse",
        Effect::LoadAnnotations(_) => "load annotations",
        Effect::RefreshAnnotations(_) => "read annotations again",
        Effect::SaveAnnotations { .. } => "save annotations",
        Effect::Export { .. } => "export",
        Effect::Watch(_) => "watch",
        Effect::IndexText(_) => "index text",
    }
}

fn panic_text(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(p) => p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into()),
        Err(e) => e.to_string(),
    }
}

/// Writes annotation saves one after another, in the order they were asked for, each merged
/// with whatever another process wrote since this one last read or wrote the file.
async fn save_worker(
    mut rx: UnboundedReceiver<(PathBuf, Annotations)>,
    tx: UnboundedSender<Action>,
    in_flight: Arc<AtomicUsize>,
    bases: Bases,
) {
    while let Some((path, a)) = rx.recv().await {
        let bases = bases.clone();
        let r = tokio::task::spawn_blocking(move || {
            let known = bases.lock().ok().and_then(|b| b.get(&path).cloned());
            // Never loaded here: everything in the file was written by someone else, and kept.
            let base = known.unwrap_or_default();
            let saved = a.save_merging(&path, &base)?;
            if let Ok(mut b) = bases.lock() {
                b.insert(path, saved.written.clone());
            }
            Ok::<_, std::io::Error>(saved)
        })
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r.map_err(|e| e.to_string()));
        let _ = tx.send(Action::AnnotationsSaved(r));
        in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Creates the export folder `dir` if needed. The error says which path and why: "… is a
/// file, not a folder", or the system's reason a folder cannot be created there.
fn prepare_export_dir(dir: &Path) -> std::io::Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} is a file, not a folder", dir.display()),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot create the folder {}: {e}", dir.display()),
        )
    })
}

/// Writes the comparison in every report format, each with the user's annotations of this
/// event: `<dir>/<event>.json` (the versioned report plus an `annotations` member),
/// `<event>.md` and `<event>.html` (the report plus an Annotations section). Each file is
/// written to a temporary name and renamed, so a reader never sees half a report.
pub fn export(
    dir: &Path,
    comparison: &Comparison,
    event: &Event,
    meta: &crate::report::ReportMeta,
    annotations: &Annotations,
) -> std::io::Result<Vec<PathBuf>> {
    export_with(dir, comparison, event, meta, annotations, &|_| {})
}

/// [`export`], telling `progress` each step as it starts ("JSON (1 of 3)", "Markdown (2 of
/// 3)", "HTML (3 of 3)", "writing the files"): a large event takes seconds per format.
pub fn export_with(
    dir: &Path,
    comparison: &Comparison,
    event: &Event,
    meta: &crate::report::ReportMeta,
    annotations: &Annotations,
    progress: &dyn Fn(&str),
) -> std::io::Result<Vec<PathBuf>> {
    use crate::report::{self, Format};
    prepare_export_dir(dir)?;
    // another corpus's export of an event with this id is kept: this one gets "-2"
    let stem = report::export_name(dir, &report::export_stem(&comparison.event_id), event);
    // the TUI compares every outlet of the event: all its annotations, orphans listed apart
    let notes: Vec<&ClusterAnnotation> = annotations.for_event(&comparison.event_id).collect();

    progress("JSON (1 of 3)");
    let json = report::render_annotated(comparison, event, Format::Json, meta, &notes)?;
    progress("Markdown (2 of 3)");
    let markdown = report::render_annotated(comparison, event, Format::Markdown, meta, &notes)?;
    progress("HTML (3 of 3)");
    let html = report::render_annotated(comparison, event, Format::Html, meta, &notes)?;
    progress("writing the files");
    let mut written = Vec::new();
    for (ext, text) in [("json", json), ("md", markdown), ("html", html)] {
        let path = dir.join(format!("{stem}.{ext}"));
        let tmp = dir.join(format!(".{stem}.{ext}.tmp-{}", std::process::id()));
        if let Err(e) = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(std::io::Error::new(
                e.kind(),
                format!("cannot write {}: {e}", path.display()),
            ));
        }
        written.push(path);
    }
    Ok(written)
}
