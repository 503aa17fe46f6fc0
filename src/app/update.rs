//! [`AppState::update`]: every state change happens here.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::picker::PickTarget;
use super::*;
use crate::analysis::{Claim, Cluster, ClusterKind};
use crate::annotations::Verdict;

/// Lines (or rows) moved by half-page commands when the size is unknown.
const MIN_PAGE: usize = 3;

/// The status shown when a picker is asked for before the corpus has loaded.
const LOADING_NOTICE: &str = "the corpus is still loading";

/// Said when a note's claim left the article while the note was typed (the file changed on
/// disk): the note is saved nowhere rather than on another claim.
const NOTE_CLAIM_GONE: &str = "note not saved: the claim it was written for is no longer in \
                               the article (the file changed on disk)";

/// The status line while an export runs, followed by its step ([`Action::ExportProgress`]).
const EXPORTING: &str = "exporting…";

impl AppState {
    /// Applies one action and returns the effects it asks for.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => self.on_key(key),
            Action::Command(c) => self.command(c),
            Action::Click(t) => self.on_click(t),
            Action::Scroll(t, d) => self.on_scroll(t, d),
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.keep_focus_in_view();
                Vec::new()
            }
            Action::Paste(text) => {
                // One line only: line breaks and control characters become spaces.
                let text = crate::ui::sanitize::clean(&text).into_owned();
                match &mut self.overlay {
                    Some(Overlay::Picker(p)) => {
                        for c in text.chars() {
                            p.insert(c);
                        }
                    }
                    Some(Overlay::Note {
                        text: note, cursor, ..
                    }) => {
                        let b = note
                            .char_indices()
                            .nth(*cursor)
                            .map_or(note.len(), |(b, _)| b);
                        note.insert_str(b, &text);
                        *cursor += text.chars().count();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Action::Tick => {
                self.tick += 1;
                Vec::new()
            }
            Action::LoadProgress(p) => {
                if let Some(b) = &mut self.busy {
                    b.progress = Some(p);
                }
                Vec::new()
            }
            Action::CorpusLoaded(corpus) => self.on_corpus(corpus),
            Action::CorpusUnchanged => {
                self.busy = None;
                if std::mem::take(&mut self.reload_pending) {
                    return self.reload();
                }
                Vec::new()
            }
            Action::CorpusFailed(e) => {
                self.busy = None;
                self.status = Some(Status {
                    text: format!("could not load the corpus: {e}"),
                    error: true,
                });
                self.corpus_error = Some(e);
                Vec::new()
            }
            Action::AnalysisProgress { event_id, progress } => {
                // only the analysis on screen (the last step): a late report of another
                // event's analysis, or one arriving while files reload, is dropped
                if self.event_id.as_deref() == Some(event_id.as_str())
                    && let Some(b) = &mut self.busy
                    && b.step == b.steps
                {
                    b.embedding = Some(progress);
                }
                Vec::new()
            }
            Action::AnalysisDone { event_id, result } => self.on_analysis(event_id, result),
            Action::AnnotationsLoaded(outcome) => {
                match outcome {
                    LoadOutcome::Missing => {}
                    LoadOutcome::Loaded(a) => {
                        self.annotations = a;
                        return self.reattach_annotations();
                    }
                    LoadOutcome::Corrupt { error, backup } => {
                        let msg = match backup {
                            Some(b) => format!(
                                "annotations file unreadable ({error}); a copy was kept at {}",
                                b.display()
                            ),
                            None => format!(
                                "annotations file unreadable ({error}); it could not be backed up"
                            ),
                        };
                        self.status = Some(Status {
                            text: msg.clone(),
                            error: true,
                        });
                        self.annotations_problem = Some(msg);
                    }
                }
                Vec::new()
            }
            Action::AnnotationsSaved(r) => self.on_saved(r),
            Action::AnnotationsChanged { base, disk } => self.on_annotations_changed(&base, &disk),
            Action::AnnotationsUnreadable(error) => {
                let msg = format!(
                    "annotations file unreadable now ({error}); the {} annotation(s) shown here \
                     are kept, and the next save writes them over it, keeping its content as \
                     annotations.json.corrupt-…",
                    self.annotations.annotations.len()
                );
                self.status = Some(Status {
                    text: msg.clone(),
                    error: true,
                });
                self.annotations_problem = Some(msg);
                Vec::new()
            }
            Action::ExportProgress(step) => {
                // only while the export's own status is up: a later message stays
                if self
                    .status
                    .as_ref()
                    .is_some_and(|s| s.text.starts_with(EXPORTING))
                {
                    self.status = Some(Status {
                        text: format!("{EXPORTING} {step}"),
                        error: false,
                    });
                }
                Vec::new()
            }
            Action::Exported(r) => {
                let root = self.corpus.as_ref().map(|c| c.root.clone());
                let wanted = self.event_id.as_deref().map(crate::report::export_stem);
                let exported_text =
                    |paths: &[std::path::PathBuf]| exported_text(paths, wanted.as_deref());
                self.status = Some(match r {
                    Ok(paths) if root.as_ref().is_some_and(|r| inside_folder(&paths, r)) => {
                        Status {
                            text: format!(
                                "{}: inside the corpus folder (framediff skips its reports there; \
                             set export_dir in config.toml outside the corpus)",
                                exported_text(&paths)
                            ),
                            error: true,
                        }
                    }
                    Ok(paths) => Status {
                        text: exported_text(&paths),
                        error: false,
                    },
                    Err(e) => Status {
                        text: format!(
                            "export failed: {e} (the folder is export_dir in config.toml)"
                        ),
                        error: true,
                    },
                });
                Vec::new()
            }
            Action::WatchFailed(e) => {
                if e == super::ROOT_GONE {
                    // the view stays as it is; the status line says why nothing changes
                    self.status = Some(Status {
                        text: super::ROOT_GONE_STATUS.into(),
                        error: true,
                    });
                }
                self.watch_problem = Some(e);
                Vec::new()
            }
            Action::TextIndexed(index) => self.on_text_index(index),
            Action::FilesChanged(paths) => {
                let mut effects = Vec::new();
                if paths.contains(&self.corpus_path) {
                    // the corpus folder is back (see `Runner::watch`) and watched again
                    self.watch_problem = None;
                    if self
                        .status
                        .as_ref()
                        .is_some_and(|s| s.text == super::ROOT_GONE_STATUS)
                    {
                        self.status = None;
                    }
                }
                if paths
                    .iter()
                    .any(|p| is_annotations_file(p, &self.annotations_path))
                {
                    effects.push(Effect::RefreshAnnotations(self.annotations_path.clone()));
                }
                let relevant = paths
                    .iter()
                    .any(|p| !p.components().any(|c| c.as_os_str() == ".framediff"));
                if !relevant {
                    return effects;
                }
                self.changed.extend(paths);
                if self.busy.is_some() {
                    // Reload once the current job is done, so this change is not lost.
                    self.reload_pending = true;
                    return effects;
                }
                effects.extend(self.reload());
                effects
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.status = None;
        // Typing a search in the article view: the keys are the query.
        if let Some(Overlay::Article {
            find: Some(f),
            scroll,
            ..
        }) = &mut self.overlay
            && f.typing
        {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            match key.code {
                KeyCode::Enter => f.typing = false,
                KeyCode::Esc => {
                    if let Some(Overlay::Article { find, .. }) = &mut self.overlay {
                        *find = None;
                    }
                }
                KeyCode::Backspace => {
                    f.query.pop();
                }
                KeyCode::Char('u') if ctrl => f.query.clear(),
                KeyCode::Char('c') if ctrl => self.request_quit(),
                KeyCode::Char(c) if !ctrl => {
                    f.query.push(c);
                    f.current = 0;
                    f.back = 0;
                    *scroll = 0;
                }
                _ => {}
            }
            return Vec::new();
        }
        let pending_clear = self.pending_clear.take();
        if let Some(cl) = pending_clear
            && self.is_clear_key(&key)
        {
            return self.clear_annotation(cl);
        }
        if let Some(claim) = self.pending_exclude.take()
            && self.is_exclude_key(&key)
        {
            return self.toggle_excluded(claim);
        }
        // `D` right after an orphan was chosen in the `N` list asks, a second `D` removes it;
        // any other key forgets the choice
        if let Some(k) = self.orphan_chosen.take()
            && self.is_clear_key(&key)
        {
            if std::mem::take(&mut self.pending_orphan_clear) {
                return self.clear_orphan(k);
            }
            self.orphan_chosen = Some(k);
            self.pending_orphan_clear = true;
            self.status = Some(Status {
                text: "remove this orphaned annotation? D again removes it, any other key keeps it"
                    .into(),
                error: false,
            });
            return Vec::new();
        }
        self.pending_orphan_clear = false;
        if std::mem::take(&mut self.pending_verdict) {
            let verdict = match key.code {
                KeyCode::Char('s') => Some(Verdict::Shared),
                KeyCode::Char('c') => Some(Verdict::Contrasting),
                KeyCode::Char('u') => Some(Verdict::Unique),
                _ => None,
            };
            return match (verdict, self.comparison().cloned()) {
                (Some(v), Some(cmp)) => self.annotate(&cmp, |a| {
                    a.verdict = v;
                    a.agreed = a.verdict == a.analysis_verdict;
                }),
                _ => {
                    self.status = Some(Status {
                        text: "verdict unchanged".into(),
                        error: false,
                    });
                    Vec::new()
                }
            };
        }
        let ctx = self.context();
        let km = &self.config.keymap;
        let chord = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let cmd = match ctx {
            // Typing contexts: plain keys are text; Ctrl/Alt chords (Ctrl-C) still reach the
            // global bindings, so quitting always works.
            Context::Picker | Context::Note | Context::Help | Context::Article => {
                km.lookup(ctx, &key).or_else(|| {
                    chord
                        .then(|| km.lookup(Context::Global, &key))
                        .flatten()
                        .filter(|c| matches!(c, Command::Quit | Command::Suspend))
                })
            }
            _ => km
                .lookup(ctx, &key)
                .or_else(|| km.lookup(Context::Global, &key)),
        };
        // In the article view Esc clears a search first; `q` (and Enter) close the view at
        // once, as the footer says.
        if cmd == Some(Command::Close)
            && key.code == KeyCode::Esc
            && let Some(Overlay::Article {
                find: find @ Some(_),
                ..
            }) = &mut self.overlay
        {
            *find = None;
            return Vec::new();
        }
        if let Some(cmd) = cmd {
            return self.command(cmd);
        }
        // `?` in an empty picker asks for help rather than searching for a question mark,
        // so a new user who lands in the event picker finds the keys.
        if let Some(Overlay::Picker(p)) = &self.overlay
            && p.query.is_empty()
            && key.code == KeyCode::Char('?')
        {
            return self.command(Command::Help);
        }
        // `:` opens the event picker; pressed again while it is open and empty it is that
        // key repeated, not the start of a query.
        if let Some(Overlay::Picker(p)) = &self.overlay
            && p.query.is_empty()
            && key.code == KeyCode::Char(':')
        {
            return Vec::new();
        }
        if matches!(ctx, Context::Picker | Context::Note) {
            self.edit_text(key);
        }
        Vec::new()
    }

    /// Line editing for the picker query and the note.
    fn edit_text(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match &mut self.overlay {
            Some(Overlay::Picker(p)) => match key.code {
                // Ctrl-u clears the query, as in a shell: all but one character dropped, the
                // last by `backspace`, which ranks every item again (once)
                KeyCode::Char('u') if ctrl && !p.query.is_empty() => {
                    let first = p.query.chars().next().map_or(0, char::len_utf8);
                    p.query.truncate(first);
                    p.cursor = 1;
                    p.backspace();
                }
                KeyCode::Char(c) if !ctrl => p.insert(c),
                KeyCode::Backspace => p.backspace(),
                KeyCode::Left => p.move_cursor(-1),
                KeyCode::Right => p.move_cursor(1),
                _ => {}
            },
            Some(Overlay::Note { text, cursor, .. }) => {
                let byte = |t: &str, c: usize| t.char_indices().nth(c).map_or(t.len(), |(b, _)| b);
                match key.code {
                    KeyCode::Char(c) if !ctrl => {
                        let b = byte(text, *cursor);
                        text.insert(b, c);
                        *cursor += 1;
                    }
                    KeyCode::Backspace if *cursor > 0 => {
                        *cursor -= 1;
                        let b = byte(text, *cursor);
                        text.remove(b);
                    }
                    KeyCode::Char('u') if ctrl => {
                        text.clear();
                        *cursor = 0;
                    }
                    KeyCode::Left => *cursor = cursor.saturating_sub(1),
                    KeyCode::Right => *cursor = (*cursor + 1).min(text.chars().count()),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Runs a command in the current context.
    pub fn command(&mut self, cmd: Command) -> Vec<Effect> {
        if cmd == Command::Quit {
            self.request_quit();
            return Vec::new();
        }
        if cmd == Command::Suspend {
            self.suspend = true;
            return Vec::new();
        }
        match self.context() {
            Context::Help => {
                // Scrolling stops at the last line, so `k` works at once after overscrolling.
                let (max, page) = crate::ui::help_scroll_range(self);
                if let Some(Overlay::Help { scroll, under }) = &mut self.overlay {
                    match cmd {
                        Command::Down => *scroll = (*scroll + 1).min(max),
                        Command::Up => *scroll = scroll.saturating_sub(1),
                        Command::HalfPageDown => *scroll = (*scroll + page).min(max),
                        Command::HalfPageUp => *scroll = scroll.saturating_sub(page),
                        Command::Top => *scroll = 0,
                        Command::Bottom => *scroll = max,
                        Command::Close | Command::Back | Command::Help => {
                            self.overlay = under.take().map(|o| *o);
                        }
                        _ => {}
                    }
                }
                return Vec::new();
            }
            Context::Picker => return self.picker_command(cmd),
            Context::Note => return self.note_command(cmd),
            Context::Article => {
                let page = self.page();
                if let Some(Overlay::Article { scroll, find, .. }) = &mut self.overlay {
                    match cmd {
                        Command::Down => *scroll += 1,
                        Command::Up => *scroll -= 1,
                        Command::HalfPageDown => *scroll += page as isize,
                        Command::HalfPageUp => *scroll -= page as isize,
                        Command::Top => *scroll = isize::MIN / 2,
                        Command::Bottom => *scroll = isize::MAX / 2,
                        Command::Find => {
                            *find = Some(Find {
                                typing: true,
                                ..Find::default()
                            });
                            *scroll = 0;
                        }
                        Command::FindNext | Command::FindPrev => {
                            if let Some(f) = find {
                                if cmd == Command::FindNext {
                                    f.current += 1;
                                } else {
                                    f.back += 1;
                                }
                                *scroll = 0;
                            }
                        }
                        Command::Close | Command::Back => self.overlay = None,
                        Command::Help => {
                            // Closing help goes back to the article, scroll and search kept.
                            let under = self.overlay.take().map(Box::new);
                            self.overlay = Some(Overlay::Help { scroll: 0, under });
                        }
                        _ => {}
                    }
                }
                return Vec::new();
            }
            _ => {}
        }
        match cmd {
            Command::Quit => self.request_quit(),
            Command::Help => {
                self.overlay = Some(Overlay::Help {
                    scroll: 0,
                    under: None,
                })
            }
            Command::Back => {
                if self.screen == Screen::Compare && self.compare.pane == Pane::Diff {
                    self.compare.pane = Pane::Columns;
                } else if self.screen != Screen::Compare {
                    self.screen = Screen::Compare;
                } else {
                    // Esc never quits: a second Esc after closing an overlay is common.
                    self.status = Some(Status {
                        text: "nothing to close here; q quits".into(),
                        error: false,
                    });
                }
            }
            Command::EventPicker => self.open_picker(PickerMode::Events),
            Command::Search => {
                self.open_picker(PickerMode::Search);
                return self.want_text_index();
            }
            Command::ScreenCompare => self.screen = Screen::Compare,
            Command::ScreenMatrix => self.screen = Screen::Matrix,
            Command::ScreenProfile => self.screen = Screen::Profile,
            Command::ScreenProblems => self.screen = Screen::Problems,
            Command::NextScreen => {
                let i = Screen::ALL
                    .iter()
                    .position(|s| *s == self.screen)
                    .unwrap_or(0);
                self.screen = Screen::ALL[(i + 1) % Screen::ALL.len()];
            }
            Command::NextFocus => self.cycle_focus(1),
            Command::PrevFocus => self.cycle_focus(-1),
            Command::Export => return self.export(),
            _ => {
                return match self.screen {
                    Screen::Compare => self.compare_command(cmd),
                    Screen::Matrix => self.matrix_command(cmd),
                    Screen::Profile => {
                        self.profile_command(cmd);
                        Vec::new()
                    }
                    Screen::Problems => {
                        let n = self.problem_count();
                        self.problems_row = move_index(self.problems_row, n, cmd, self.page());
                        Vec::new()
                    }
                };
            }
        }
        Vec::new()
    }

    fn page(&self) -> usize {
        ((self.size.1 as usize).saturating_sub(6) / 2).max(MIN_PAGE)
    }

    // ---- corpus and analysis -------------------------------------------------------------

    /// Applies the files changed to the corpus (a whole load where that is not safe),
    /// showing that as the busy state.
    fn reload(&mut self) -> Vec<Effect> {
        self.busy = Some(Busy {
            label: "Reloading changed files".into(),
            step: 1,
            steps: 2,
            since_tick: self.tick,
            progress: None,
            embedding: None,
        });
        vec![Effect::ApplyChanges {
            corpus: self.corpus_path.clone(),
            changed: std::mem::take(&mut self.changed),
        }]
    }

    /// The corpus has loaded: shows it, then opens a picker the user asked for meanwhile
    /// (and drops the "still loading" notice).
    fn on_corpus(&mut self, corpus: Arc<Corpus>) -> Vec<Effect> {
        let mut effects = self.show_corpus(corpus);
        effects.extend(self.reattach_annotations());
        if self
            .status
            .as_ref()
            .is_some_and(|s| s.text.starts_with(LOADING_NOTICE))
        {
            self.status = None;
        }
        if let Some(mode) = self.pending_picker.take()
            && self.corpus.as_ref().is_some_and(|c| !c.events.is_empty())
            && !matches!(&self.overlay, Some(Overlay::Picker(p)) if p.mode == mode)
        {
            self.open_picker(mode);
        }
        // search answers within a frame only from the word index: build it now, in the
        // background, rather than on the first `/` (seconds on an archive)
        if self.corpus.as_ref().is_some_and(|c| !c.events.is_empty()) {
            effects.extend(self.want_text_index());
        }
        effects
    }

    /// Annotations of event ids the corpus no longer has (a renamed event folder) moved to
    /// the event whose articles hold their claims and saved so at once (the file is written
    /// as every save is: merged, atomically), so the move is reported by this session only;
    /// or kept as orphaned; both listed on the Problems screen. Nothing before both the
    /// corpus and the annotations are loaded.
    ///
    /// The corpus on disk is the one used: while the open event's view is kept because its
    /// folder is gone (a folder renamed while the TUI runs, [`AppState::gone_event`]), that
    /// is the newer corpus, so the annotations follow the renamed folder at once (tester
    /// report 24, finding 8).
    fn reattach_annotations(&mut self) -> Vec<Effect> {
        let on_disk = match &self.gone_event {
            Some((_, newer)) => Some(newer),
            None => self.corpus.as_ref(),
        };
        let Some(corpus) = on_disk.filter(|c| !c.events.is_empty()) else {
            return Vec::new();
        };
        let now = self.annotations.reattach(&corpus.events);
        let save = !now.moved.is_empty();
        // moves of an earlier pass (a reload) stay listed: they are in memory only until saved
        let mut moved = std::mem::take(&mut self.reattached.moved);
        moved.extend(now.moved);
        moved.sort();
        moved.dedup();
        self.reattached = crate::annotations::Reattached {
            moved,
            lost: now.lost,
        };
        if save {
            self.save_annotations()
        } else {
            Vec::new()
        }
    }

    fn show_corpus(&mut self, corpus: Arc<Corpus>) -> Vec<Effect> {
        // A reload without the open event (its folder removed and being written again, what
        // a build script does; tester report 22, finding 10): the view stays, the status
        // line says why, and the next reload that has the event again shows it.
        if let Some(id) = self.event_id.clone()
            && self.corpus.is_some()
            && !corpus.events.iter().any(|e| e.id == id)
        {
            self.busy = None;
            self.status = Some(Status {
                text: super::GONE_EVENT.into(),
                error: true,
            });
            self.gone_event = Some((id, corpus));
            if std::mem::take(&mut self.reload_pending) {
                return self.reload();
            }
            return Vec::new();
        }
        if self.gone_event.take().is_some()
            && self
                .status
                .as_ref()
                .is_some_and(|s| s.text == super::GONE_EVENT)
        {
            self.status = None;
        }
        // the article the article view shows, read before the corpus is replaced
        let before_article = self.article_view_path();
        let before = self.corpus.replace(corpus.clone());
        // an index of another corpus answers nothing (`current_text_index`): let it go now,
        // not when the next one arrives, so the previous corpus is not held meanwhile (the
        // runner keeps its own reference to make the next index from)
        if self.current_text_index().is_none() {
            self.text_index = None;
        }
        self.corpus_error = None;
        self.busy = None;
        self.refresh_event_picker(&corpus, before.as_deref());
        drop(before);
        if std::mem::take(&mut self.reload_pending) {
            // Files changed while this load ran: load again before showing anything stale.
            return self.reload();
        }
        if let Some(id) = self.event_id.clone() {
            // A reload: keep the place, re-analyse the open event.
            self.restore = self.place();
            self.article_restore = before_article;
            // a cluster number from before the reload may name another cluster after it
            self.pending_clear = None;
            self.pending_exclude = None;
            self.pending_verdict = false;
            self.cache.clear();
            self.analysis_errors.clear();
            if let Some(i) = corpus.events.iter().position(|e| e.id == id) {
                return self.open_event(i);
            }
            self.event_id = None;
        }
        if let Some(sess) = self.resume.take()
            && let Some(id) = &sess.event
            && let Some(i) = corpus.events.iter().position(|e| &e.id == id)
        {
            // The next start in the same corpus: back to the event and view left last time.
            let effects = self.open_event(i);
            self.compare.pinned = sess.pinned;
            self.compare.hidden = sess.hidden.into_iter().collect();
            let text = sess.place_text;
            let side_by_side = !sess.plain_columns;
            self.restore = sess.place.map(|(outlet, sentence)| Place {
                outlet,
                sentence,
                text,
                side_by_side,
            });
            if self.comparison().is_some() {
                self.init_selection();
            }
            return effects;
        }
        match corpus.events.len() {
            0 => {
                self.status = Some(Status {
                    text: "the corpus has no events; see Problems (!)".into(),
                    error: true,
                });
                Vec::new()
            }
            1 => self.open_event(0),
            _ => {
                // A reload while the user is typing in the picker keeps what they typed.
                if !matches!(self.overlay, Some(Overlay::Picker(_))) {
                    self.open_picker(PickerMode::Events);
                }
                Vec::new()
            }
        }
    }

    /// An event picker open over an older corpus lists the events of `corpus` instead, with
    /// what was typed kept (its cursor too) and ranked again: a file added while the user
    /// searches shows up in the list.
    /// The open event picker over the events of `corpus`, what was typed kept; the rows of
    /// the events `before` (the corpus shown until now) holds unchanged are taken from the
    /// picker, not made again.
    fn refresh_event_picker(&mut self, corpus: &Corpus, before: Option<&Corpus>) {
        if let Some(Overlay::Picker(p)) = &mut self.overlay
            && p.mode == PickerMode::Events
        {
            let cursor = p.cursor;
            let items = match before {
                Some(b) => Picker::event_items_reusing(corpus, b, std::mem::take(&mut p.items)),
                None => Picker::event_items(corpus),
            };
            let mut fresh = Picker::new(PickerMode::Events, items).typed(&p.query);
            fresh.cursor = cursor.min(fresh.query.chars().count());
            *p = fresh;
        }
    }

    /// Shows event `index`: from the cache, or starts its analysis.
    pub fn open_event(&mut self, index: usize) -> Vec<Effect> {
        let Some(corpus) = self.corpus.clone() else {
            return Vec::new();
        };
        let Some(event) = corpus.events.get(index) else {
            return Vec::new();
        };
        let same = self.event_id.as_deref() == Some(event.id.as_str());
        if !same {
            self.restore = None;
            self.compare.hidden.clear();
            self.compare.pinned.clear();
            self.compare.col_offset = 0;
            self.compare.selected = None;
            self.compare.focus_col = 0;
            self.matrix.row = 0;
            self.matrix.col_offset = 0;
            // An outlet sort names a column of the other event.
            if matches!(self.matrix.sort, MatrixSort::Outlet(_)) {
                self.matrix.sort = MatrixSort::Order;
                self.matrix.reversed = false;
            }
            self.profile = ProfileState::default();
        }
        self.event_id = Some(event.id.clone());
        self.screen = Screen::Compare;
        if self.cache.contains_key(&event.id) {
            if !same || self.compare.selected.is_none() {
                self.init_selection();
            }
            return Vec::new();
        }
        self.busy = Some(Busy {
            label: format!("Analysing {}", crate::ui::sanitize::clean(&event.title)),
            step: 2,
            steps: 2,
            since_tick: self.tick,
            progress: None,
            embedding: None,
        });
        vec![Effect::Analyse {
            corpus,
            event: index,
        }]
    }

    fn on_analysis(
        &mut self,
        event_id: String,
        result: Result<Arc<Comparison>, String>,
    ) -> Vec<Effect> {
        let current = self.event_id.as_deref() == Some(event_id.as_str());
        if current {
            self.busy = None;
        }
        match result {
            Ok(cmp) => {
                self.analysis_errors.remove(&event_id);
                self.cache.insert(event_id, cmp);
                if current {
                    self.init_selection();
                }
            }
            Err(e) => {
                if current {
                    self.status = Some(Status {
                        text: format!("analysis failed: {e}"),
                        error: true,
                    });
                }
                self.analysis_errors.insert(event_id, e);
            }
        }
        if current && std::mem::take(&mut self.reload_pending) {
            // Files changed during the analysis: show this result, reload behind it.
            return self.reload();
        }
        Vec::new()
    }

    /// The view to restore on the next start in this corpus.
    pub fn session(&self) -> super::session::Session {
        super::session::Session {
            event: self.event_id.clone(),
            pinned: self.compare.pinned.clone(),
            hidden: self.compare.hidden.iter().cloned().collect(),
            place_text: self.place().and_then(|p| p.text),
            place: self.place().map(|p| (p.outlet, p.sentence)),
            plain_columns: self.place().is_some_and(|p| !p.side_by_side),
        }
    }

    /// The view to keep, once it is settled: `None` while the corpus loads, while a saved
    /// view waits to be restored, or while the open event's place waits for its analysis
    /// (saving then would replace the saved place with nothing).
    pub fn settled_session(&self) -> Option<super::session::Session> {
        let settled = self.corpus.is_some() && self.resume.is_none() && self.restore.is_none();
        settled.then(|| self.session())
    }

    fn place(&self) -> Option<Place> {
        let cmp = self.comparison()?;
        let c = cmp.claims.get(self.compare.selected?)?;
        let (rest, _) = self.column_window(cmp);
        Some(Place {
            outlet: c.outlet.clone(),
            sentence: c.sentence_index,
            text: Some(c.text.clone()),
            side_by_side: self.cluster_view_columns(cmp, &rest).is_some(),
        })
    }

    /// The article the article view shows (its file's path) and the claim it highlights, if
    /// the view is open.
    fn article_view_path(&self) -> Option<(PathBuf, Option<ClaimAnchor>)> {
        let Some(Overlay::Article { column, claim, .. }) = &self.overlay else {
            return None;
        };
        let cmp = self.comparison()?;
        let article = cmp.columns.get(*column)?.article;
        let path = self.event()?.articles.get(article)?.path.clone();
        Some((path, claim.and_then(|id| ClaimAnchor::of(cmp, id))))
    }

    /// After a reload, points the open article view at the same article (by its file) and
    /// claim (by its text) in `cmp`, or closes it with a message when the file is gone: the
    /// column index alone would show another outlet's article.
    fn restore_article_view(&mut self, cmp: &Comparison) {
        let Some((path, anchor)) = self.article_restore.take() else {
            return;
        };
        let found = self.event().and_then(|ev| {
            cmp.columns
                .iter()
                .position(|c| ev.articles.get(c.article).is_some_and(|a| a.path == path))
        });
        match (&mut self.overlay, found) {
            (Some(Overlay::Article { column, claim, .. }), Some(i)) => {
                *column = i;
                *claim = anchor.and_then(|a| a.find(cmp));
            }
            (Some(Overlay::Article { .. }), None) => {
                self.overlay = None;
                self.status = Some(Status {
                    text: format!(
                        "{} is no longer in the corpus (deleted or moved on disk): its article \
                         view was closed",
                        path.display()
                    ),
                    error: true,
                });
            }
            _ => {}
        }
    }

    /// Selects the restored place, or the first visible claim.
    fn init_selection(&mut self) {
        let Some(cmp) = self.comparison().cloned() else {
            return;
        };
        self.restore_article_view(&cmp);
        let restored = self.restore.take().and_then(|p| {
            let in_outlet = cmp.claims.iter().filter(|c| c.outlet == p.outlet);
            // the same claim by its text (text added above it moved its sentence index),
            // else the claim now at its sentence index, else the nearest
            in_outlet
                .clone()
                .filter(|c| p.text.as_ref() == Some(&c.text))
                .min_by_key(|c| c.sentence_index.abs_diff(p.sentence))
                .or_else(|| in_outlet.clone().find(|c| c.sentence_index == p.sentence))
                .or_else(|| in_outlet.min_by_key(|c| c.sentence_index.abs_diff(p.sentence)))
                .map(|c| (c.column, c.id, p.side_by_side))
        });
        match restored {
            Some((col, id, side_by_side)) => {
                self.compare.focus_col = col;
                self.compare.selected = Some(id);
                self.compare.cluster_view = None;
                // a restored or searched-for claim may be in a column off screen; its
                // cluster's outlets are laid out beside it, as after `]` or a search, unless
                // the view it was kept from showed the columns in plain order (`0`, a move)
                self.keep_focus_in_view();
                if side_by_side {
                    self.show_cluster_columns(&cmp);
                }
            }
            None => {
                let cols = self.visible_columns(&cmp);
                self.compare.focus_col = cols.first().copied().unwrap_or(0);
                self.compare.selected = self
                    .column_claims(&cmp, self.compare.focus_col)
                    .first()
                    .copied();
            }
        }
        self.after_selection();
    }

    // ---- geometry shared with the UI -----------------------------------------------------

    /// Columns not hidden: pinned ones first (in pin order), then the rest in article order.
    pub fn visible_columns(&self, cmp: &Comparison) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .compare
            .pinned
            .iter()
            .filter_map(|o| cmp.columns.iter().position(|c| &c.outlet == o))
            .filter(|&i| !self.compare.hidden.contains(&cmp.columns[i].outlet))
            .collect();
        for (i, c) in cmp.columns.iter().enumerate() {
            if !self.compare.hidden.contains(&c.outlet) && !self.compare.pinned.contains(&c.outlet)
            {
                v.push(i);
            }
        }
        v
    }

    /// The columns that fit in `width` cells: pinned, then a window of the others.
    pub fn shown_columns(&self, cmp: &Comparison, width: u16) -> Vec<usize> {
        let vis = self.visible_columns(cmp);
        let pinned = self.pinned_count(cmp);
        let fit = (width / self.config.min_column_width.max(1)).max(1) as usize;
        let slots = fit.saturating_sub(pinned).max(1);
        let rest = &vis[pinned.min(vis.len())..];
        let mut shown: Vec<usize> = vis[..pinned.min(vis.len())].to_vec();
        if let Some(members) = self.cluster_view_columns(cmp, rest)
            && rest.len() > slots
        {
            // The selected cluster's outlets side by side (the focused one among them).
            let focus = members
                .iter()
                .position(|&c| c == self.compare.focus_col)
                .unwrap_or(0);
            let start = focus
                .saturating_sub(slots - 1)
                .min(members.len().saturating_sub(slots));
            // The window is chosen with a contrast's sides first, but drawn in article order
            // like every other view: the columns never change places (tester report 21).
            let mut window: Vec<usize> = members.iter().skip(start).take(slots).copied().collect();
            window.sort_by_key(|c| rest.iter().position(|r| r == c));
            shown.extend(window);
            return shown;
        }
        let offset = self
            .compare
            .col_offset
            .min(rest.len().saturating_sub(slots));
        shown.extend(rest.iter().skip(offset).take(slots));
        shown
    }

    /// The unpinned columns of the cluster jumped to, while its claim is still selected and
    /// it spans two columns or more.
    fn cluster_view_columns(&self, cmp: &Comparison, rest: &[usize]) -> Option<Vec<usize>> {
        let cl = self.compare.cluster_view?;
        let sel = self.compare.selected.and_then(|s| cmp.claims.get(s))?;
        if sel.cluster != cl && !cmp.clusters.get(cl)?.members.contains(&sel.id) {
            return None;
        }
        let cluster = cmp.clusters.get(cl)?;
        let mut members: Vec<usize> = rest
            .iter()
            .copied()
            .filter(|&c| {
                cluster
                    .members
                    .iter()
                    .any(|&m| cmp.claims.get(m).is_some_and(|x| x.column == c))
            })
            .collect();
        // a contrast's two named sides first (in column order), so they are the two columns
        // shown at 80x24
        if let Some((a, b)) = self.contrast_sides(cmp, cluster) {
            let mut side_cols: Vec<usize> = [a, b]
                .iter()
                .filter_map(|&s| cmp.claims.get(s).map(|c| c.column))
                .filter(|c| members.contains(c))
                .collect();
            side_cols.sort_unstable();
            side_cols.dedup();
            members.retain(|c| !side_cols.contains(c));
            members.splice(0..0, side_cols);
        }
        (members.len() >= 2 && members.contains(&self.compare.focus_col)).then_some(members)
    }

    fn pinned_count(&self, cmp: &Comparison) -> usize {
        self.compare
            .pinned
            .iter()
            .filter(|o| {
                cmp.columns.iter().any(|c| &c.outlet == *o) && !self.compare.hidden.contains(*o)
            })
            .count()
    }

    /// Claims of a column that pass the kind filter, in article order.
    pub fn column_claims(&self, cmp: &Comparison, col: usize) -> Vec<ClaimId> {
        let Some(column) = cmp.columns.get(col) else {
            return Vec::new();
        };
        column
            .claims
            .iter()
            .copied()
            .filter(|&id| {
                cmp.claims.get(id).is_some_and(|c| {
                    self.claim_kind(cmp, c.id)
                        .is_some_and(|k| self.compare.filter.allows(k))
                })
            })
            .collect()
    }

    /// Clusters in matrix order (filtered and sorted).
    pub fn matrix_rows(&self, cmp: &Comparison) -> Vec<ClusterId> {
        let mut rows: Vec<ClusterId> = cmp
            .clusters
            .iter()
            .filter(|c| {
                self.effective_kind(cmp, c.id)
                    .is_some_and(|k| self.compare.filter.allows(k))
            })
            .map(|c| c.id)
            .collect();
        let rank = |k: Option<ClusterKind>| match k {
            Some(ClusterKind::Contrasting) => 0,
            Some(ClusterKind::Unique) => 1,
            _ => 2,
        };
        let rev = self.matrix.reversed;
        match self.matrix.sort {
            MatrixSort::Order => {
                if rev {
                    rows.reverse();
                }
            }
            // Stable sorts: ties stay in article order whichever way the key runs.
            MatrixSort::Kind => rows.sort_by_key(|&id| {
                let r = rank(self.effective_kind(cmp, id));
                if rev { 2 - r } else { r }
            }),
            MatrixSort::Coverage => rows.sort_by_key(|&id| {
                let n = cmp.clusters[id]
                    .members
                    .iter()
                    .filter_map(|&m| cmp.claims.get(m).map(|c| c.column))
                    .collect::<BTreeSet<_>>()
                    .len();
                if rev { n } else { usize::MAX - n }
            }),
            MatrixSort::Outlet(col) => rows.sort_by_key(|&id| {
                let present = cmp.clusters[id]
                    .members
                    .iter()
                    .any(|&m| cmp.claims.get(m).is_some_and(|c| c.column == col));
                present == rev
            }),
        }
        rows
    }

    /// The scrollable (unpinned) visible columns and how many of them fit beside the pins.
    fn column_window(&self, cmp: &Comparison) -> (Vec<usize>, usize) {
        let vis = self.visible_columns(cmp);
        let pinned = self.pinned_count(cmp);
        // The width the columns are drawn in: narrower with the diff pane on the right.
        let width = self
            .compare_areas()
            .columns
            .map_or(self.size.0, |r| r.width);
        let fit = (width / self.config.min_column_width.max(1)).max(1) as usize;
        let slots = fit.saturating_sub(pinned).max(1);
        (vis[pinned.min(vis.len())..].to_vec(), slots)
    }

    /// After a cluster is selected (`]`, search, the matrix): scrolls the columns sideways so
    /// that as many of its members' outlets as fit are shown next to the focused one, e.g.
    /// BBC beside Izvestia rather than beside Fox News, which is not in the cluster.
    fn show_cluster_columns(&mut self, cmp: &Comparison) {
        let Some(cluster) = self
            .compare
            .selected
            .and_then(|s| cmp.claims.get(s))
            .and_then(|c| cmp.clusters.get(c.cluster))
        else {
            return;
        };
        let member_cols: Vec<usize> = cluster
            .members
            .iter()
            .filter_map(|&m| cmp.claims.get(m).map(|c| c.column))
            .collect();
        let (rest, slots) = self.column_window(cmp);
        let focus = rest.iter().position(|&c| c == self.compare.focus_col);
        let current = self.compare.col_offset;
        let best = (0..=rest.len().saturating_sub(slots))
            .filter(|&off| focus.is_none_or(|f| f >= off && f < off + slots))
            .max_by_key(|&off| {
                let shown = rest[off..(off + slots).min(rest.len())]
                    .iter()
                    .filter(|c| member_cols.contains(c))
                    .count();
                // More members first; then the offset nearest to the current one.
                (shown, std::cmp::Reverse(off.abs_diff(current)))
            });
        if let Some(off) = best {
            self.compare.col_offset = off;
        }
        self.compare.cluster_view = Some(cluster.id);
    }

    /// Keeps the focused column inside the window of shown columns.
    fn keep_focus_in_view(&mut self) {
        let Some(cmp) = self.comparison().cloned() else {
            return;
        };
        let (rest, slots) = self.column_window(&cmp);
        if let Some(i) = rest.iter().position(|&c| c == self.compare.focus_col) {
            if i < self.compare.col_offset {
                self.compare.col_offset = i;
            } else if i >= self.compare.col_offset + slots {
                self.compare.col_offset = i + 1 - slots;
            }
        }
        self.compare.col_offset = self
            .compare
            .col_offset
            .min(rest.len().saturating_sub(slots));
    }

    // ---- Compare screen ------------------------------------------------------------------

    fn compare_command(&mut self, cmd: Command) -> Vec<Effect> {
        let Some(cmp) = self.comparison().cloned() else {
            return Vec::new();
        };
        let page = self.page();
        if self.compare.pane == Pane::Diff {
            let d = &mut self.compare.diff;
            match cmd {
                Command::Down => d.scroll += 1,
                Command::Up => d.scroll = d.scroll.saturating_sub(1),
                Command::HalfPageDown => d.scroll += page,
                Command::HalfPageUp => d.scroll = d.scroll.saturating_sub(page),
                Command::Top => d.scroll = 0,
                _ => {}
            }
            if matches!(
                cmd,
                Command::Down
                    | Command::Up
                    | Command::HalfPageDown
                    | Command::HalfPageUp
                    | Command::Top
            ) {
                return Vec::new();
            }
        }
        match cmd {
            Command::Down => self.move_in_column(&cmp, 1),
            Command::Up => self.move_in_column(&cmp, -1),
            Command::HalfPageDown => self.move_in_column(&cmp, (page / 2).max(1) as isize),
            Command::HalfPageUp => self.move_in_column(&cmp, -((page / 2).max(1) as isize)),
            Command::Top => self.move_in_column(&cmp, isize::MIN / 2),
            Command::Bottom => self.move_in_column(&cmp, isize::MAX / 2),
            Command::Left => self.move_column(&cmp, -1),
            Command::Right => self.move_column(&cmp, 1),
            Command::NextPane => {
                if self.compare.diff.visible {
                    self.compare.pane = match self.compare.pane {
                        Pane::Columns => Pane::Diff,
                        Pane::Diff => Pane::Columns,
                    };
                }
            }
            Command::NextContrast => self.jump_contrast(&cmp, true),
            Command::PrevContrast => self.jump_contrast(&cmp, false),
            Command::FilterShared => self.toggle_filter(&cmp, ClusterKind::Shared),
            Command::FilterContrasting => self.toggle_filter(&cmp, ClusterKind::Contrasting),
            Command::FilterUnique => self.toggle_filter(&cmp, ClusterKind::Unique),
            Command::ShowAllOutlets => {
                let n = std::mem::take(&mut self.compare.hidden).len();
                // a jump's view of one cluster's outlets ends too: every column, in order
                let narrowed = self.compare.cluster_view.take().is_some();
                self.status = Some(Status {
                    text: match (n, narrowed) {
                        (0, false) => "every outlet is shown".to_string(),
                        (0, true) => "every outlet is shown, in article order".to_string(),
                        (n, _) => format!("{n} hidden outlet(s) shown again"),
                    },
                    error: false,
                });
                self.keep_focus_in_view();
            }
            Command::PinOutlet => {
                if let Some(col) = cmp.columns.get(self.compare.focus_col) {
                    let o = col.outlet.clone();
                    let done = if let Some(i) = self.compare.pinned.iter().position(|p| *p == o) {
                        self.compare.pinned.remove(i);
                        "unpinned"
                    } else {
                        self.compare.pinned.push(o.clone());
                        "pinned (stays on the left; p again unpins)"
                    };
                    self.status = Some(Status {
                        text: format!("{} {done}", self.outlet_display(&o)),
                        error: false,
                    });
                    self.keep_focus_in_view();
                }
            }
            Command::HideOutlet => {
                if let Some(col) = cmp.columns.get(self.compare.focus_col) {
                    let o = col.outlet.clone();
                    self.set_hidden(&cmp, &o, true);
                }
            }
            Command::OpenArticle => {
                if cmp.columns.get(self.compare.focus_col).is_some() {
                    self.overlay = Some(Overlay::Article {
                        column: self.compare.focus_col,
                        claim: self.compare.selected,
                        scroll: 0,
                        find: None,
                    });
                }
            }
            Command::ToggleDiff => {
                let d = &mut self.compare.diff;
                d.visible = !d.visible;
                if !d.visible {
                    d.maximised = false;
                    self.compare.pane = Pane::Columns;
                }
                // With the pane on the right, the columns' width changes with it.
                self.keep_focus_in_view();
            }
            Command::CycleDiffPosition => {
                let d = &mut self.compare.diff;
                d.position = d.position.next();
                d.visible = true;
                let areas = self.compare_areas();
                let now = if areas.right { "right" } else { "below" };
                self.status = Some(Status {
                    text: match self.compare.diff.position {
                        DiffPosition::Auto => format!("diff pane: auto ({now} at this size)"),
                        p if p.name() != now => {
                            format!("diff pane: {} (too narrow: {now})", p.name())
                        }
                        p => format!("diff pane: {}", p.name()),
                    },
                    error: false,
                });
                self.keep_focus_in_view();
            }
            Command::MaximiseDiff => {
                let d = &mut self.compare.diff;
                d.visible = true;
                d.maximised = !d.maximised;
                self.keep_focus_in_view();
            }
            Command::GrowDiff => {
                let d = &mut self.compare.diff;
                d.visible = true;
                d.height = (d.height + 10).min(90);
                self.keep_focus_in_view();
            }
            Command::ShrinkDiff => {
                let d = &mut self.compare.diff;
                d.height = d.height.saturating_sub(10).max(10);
                self.keep_focus_in_view();
            }
            Command::Agree => {
                return self.annotate(&cmp, |a| {
                    a.verdict = a.analysis_verdict;
                    a.agreed = true;
                });
            }
            Command::CycleVerdict => {
                // A choice, not a cycle: the next key says which verdict.
                if self.selected_cluster().is_some() {
                    self.pending_verdict = true;
                    self.status = Some(Status {
                        text:
                            "verdict: s shared · c contrasting · u unique (any other key cancels)"
                                .into(),
                        error: false,
                    });
                }
            }
            Command::NextAnnotated => self.next_annotated(&cmp),
            Command::Annotations => self.open_annotations_picker(&cmp),
            Command::Note => {
                if let Some(cl) = self.selected_cluster() {
                    let text = cmp
                        .clusters
                        .get(cl)
                        .and_then(|c| self.annotations.find(&cmp, c))
                        .map(|a| a.note.clone())
                        .unwrap_or_default();
                    // what is typed onto a note starts on a line of its own (tester report
                    // 22, finding 13: a second note was joined to the first with no space);
                    // an unchanged note saves and closes as it was (both are trimmed)
                    let original = text.clone();
                    let text = if text.is_empty() {
                        text
                    } else {
                        format!("{text}\n")
                    };
                    self.overlay = Some(Overlay::Note {
                        cluster: cl,
                        anchor: self
                            .compare
                            .selected
                            .and_then(|id| ClaimAnchor::of(&cmp, id)),
                        cursor: text.chars().count(),
                        original,
                        discard_asked: false,
                        text,
                    });
                }
            }
            Command::ExcludeMember => self.ask_exclude(&cmp),
            Command::ClearAnnotation => {
                let annotated = self.selected_cluster().filter(|&i| {
                    cmp.clusters
                        .get(i)
                        .is_some_and(|c| self.annotations.find(&cmp, c).is_some())
                });
                self.status = Some(match annotated {
                    Some(cl) => {
                        self.pending_clear = Some(cl);
                        Status {
                            text:
                                "remove this annotation? D again removes it, any other key keeps it"
                                    .into(),
                            error: false,
                        }
                    }
                    None => Status {
                        text: "no annotation on this claim".into(),
                        error: false,
                    },
                });
            }
            c => {
                if let Some(slot) = c.outlet_slot()
                    && let Some(col) = cmp.columns.get(slot)
                {
                    let o = col.outlet.clone();
                    let hide = !self.compare.hidden.contains(&o);
                    self.set_hidden(&cmp, &o, hide);
                }
            }
        }
        Vec::new()
    }

    fn set_hidden(&mut self, cmp: &Comparison, outlet: &str, hide: bool) {
        if hide {
            // Never hide the last visible column.
            if self.visible_columns(cmp).len() <= 1 {
                self.status = Some(Status {
                    text: "the last visible outlet cannot be hidden".into(),
                    error: false,
                });
                return;
            }
            self.compare.hidden.insert(outlet.to_string());
        } else {
            self.compare.hidden.remove(outlet);
        }
        let done = if hide {
            "hidden (0 shows all outlets)"
        } else {
            "shown"
        };
        self.status = Some(Status {
            text: format!("{} {done}", self.outlet_display(outlet)),
            error: false,
        });
        let vis = self.visible_columns(cmp);
        if !vis.contains(&self.compare.focus_col) {
            self.compare.focus_col = vis.first().copied().unwrap_or(0);
            self.select_in_column(cmp, self.compare.focus_col);
        }
        self.keep_focus_in_view();
    }

    /// An outlet's display name, as the corpus gives it (its id without a corpus).
    fn outlet_display(&self, outlet: &str) -> String {
        self.corpus
            .as_ref()
            .map_or_else(|| outlet.to_string(), |c| c.outlet_name(outlet))
    }

    fn toggle_filter(&mut self, cmp: &Comparison, kind: ClusterKind) {
        self.compare.filter.toggle(kind);
        self.matrix.row = 0;
        let keep = self.compare.selected.is_some_and(|id| {
            self.column_claims(cmp, self.compare.focus_col)
                .contains(&id)
        });
        if !keep {
            self.select_in_column(cmp, self.compare.focus_col);
        }
        if self.compare.selected.is_none() {
            self.focus_first_nonempty_column(cmp);
        }
    }

    /// When the focused column has no claim left (a filter hid them all), focuses the first
    /// visible column that has one and selects its first claim; nothing changes if none has.
    /// The focus cycle of Tab (Shift-Tab walks it backwards): every screen in tab order,
    /// the Compare screen as its columns and then, when shown, its diff pane.
    fn focus_ring(&self) -> Vec<(Screen, Pane)> {
        let mut ring = Vec::with_capacity(Screen::ALL.len() + 1);
        for s in Screen::ALL {
            ring.push((s, Pane::Columns));
            if s == Screen::Compare && self.compare.diff.visible {
                ring.push((s, Pane::Diff));
            }
        }
        ring
    }

    /// Moves `step` places along [`Self::focus_ring`] (1: Tab, -1: Shift-Tab), so each key
    /// undoes the other from anywhere.
    fn cycle_focus(&mut self, step: isize) {
        let ring = self.focus_ring();
        let pane = match self.screen {
            Screen::Compare => self.compare.pane,
            _ => Pane::Columns,
        };
        let at = ring
            .iter()
            .position(|f| *f == (self.screen, pane))
            .unwrap_or(0);
        let (screen, pane) = ring[(at as isize + step).rem_euclid(ring.len() as isize) as usize];
        self.screen = screen;
        if screen == Screen::Compare {
            self.compare.pane = pane;
        }
    }

    fn focus_first_nonempty_column(&mut self, cmp: &Comparison) {
        let Some((col, first)) = self
            .visible_columns(cmp)
            .into_iter()
            .find_map(|c| Some((c, *self.column_claims(cmp, c).first()?)))
        else {
            return;
        };
        self.compare.cluster_view = None;
        self.compare.focus_col = col;
        self.compare.selected = Some(first);
        self.after_selection();
        self.keep_focus_in_view();
    }

    fn move_in_column(&mut self, cmp: &Comparison, delta: isize) {
        let claims = self.column_claims(cmp, self.compare.focus_col);
        if claims.is_empty() {
            return;
        }
        let cur = self
            .compare
            .selected
            .and_then(|s| claims.iter().position(|&c| c == s))
            .unwrap_or(0) as isize;
        let next = (cur.saturating_add(delta)).clamp(0, claims.len() as isize - 1) as usize;
        self.compare.selected = Some(claims[next]);
        self.after_selection();
    }

    fn move_column(&mut self, cmp: &Comparison, delta: isize) {
        // Showing a cluster's outlets: h/l go from one of them to the next.
        let (rest, _) = self.column_window(cmp);
        // in the order they are drawn (article order), so `l` moves right
        let members = self.cluster_view_columns(cmp, &rest).map(|mut m| {
            m.sort_by_key(|c| rest.iter().position(|r| r == c));
            m
        });
        if let Some(members) = members
            && let Some(pos) = members.iter().position(|&c| c == self.compare.focus_col)
            && let Some(&next) = pos.checked_add_signed(delta).and_then(|p| members.get(p))
        {
            self.compare.focus_col = next;
            self.select_in_column(cmp, next);
            return;
        }
        self.compare.cluster_view = None;
        let vis = self.visible_columns(cmp);
        let Some(pos) = vis.iter().position(|&c| c == self.compare.focus_col) else {
            return;
        };
        let next = pos as isize + delta;
        if next < 0 || next >= vis.len() as isize {
            return;
        }
        self.compare.focus_col = vis[next as usize];
        self.select_in_column(cmp, self.compare.focus_col);
        self.keep_focus_in_view();
    }

    /// Selects, in `col`, the counterpart of the current claim, else the claim at the
    /// nearest relative position.
    fn select_in_column(&mut self, cmp: &Comparison, col: usize) {
        let claims = self.column_claims(cmp, col);
        let cur: Option<&Claim> = self.compare.selected.and_then(|s| cmp.claims.get(s));
        let pick = cur
            .and_then(|c| {
                // a member of the current claim's cluster, counterparts included
                let members = &cmp.clusters.get(c.cluster)?.members;
                claims.iter().copied().find(|id| members.contains(id))
            })
            .or_else(|| {
                let c = cur?;
                let own = cmp.columns.get(c.column)?.claims.len().max(1) as f64;
                let frac = c.sentence_index as f64 / own;
                let theirs = cmp.columns.get(col)?.claims.len() as f64;
                let target = (frac * theirs) as usize;
                claims.iter().copied().min_by_key(|&id| {
                    cmp.claims
                        .get(id)
                        .map_or(usize::MAX, |o| o.sentence_index.abs_diff(target))
                })
            })
            .or_else(|| claims.first().copied());
        self.compare.selected = pick;
        self.after_selection();
    }

    /// `]` / `[`: the next contrasting claim in this column, then in the following columns.
    /// It selects the side of the contrast that the cluster's reason names first ("src11 vs
    /// Tester Gazette: …", [`Self::contrast_sides`]) when the claim found is neither side, and
    /// the next jump goes on from the claim found.
    fn jump_contrast(&mut self, cmp: &Comparison, forward: bool) {
        let vis = self.visible_columns(cmp);
        // where the last jump's search stopped, while its landing claim is still selected
        let from = match self.compare.contrast_jump {
            Some((shown, found)) if self.compare.selected == Some(shown) => Some(found),
            _ => self.compare.selected,
        };
        let from_col = from
            .and_then(|f| cmp.claims.get(f))
            .map_or(self.compare.focus_col, |c| c.column);
        let Some(start) = vis.iter().position(|&c| c == from_col) else {
            return;
        };
        // the contrast shown on its named sides is skipped: its other members would show it
        // again
        let here = self.compare.selected.and_then(|s| {
            let cl = cmp.clusters.get(cmp.claims.get(s)?.cluster)?;
            let (a, b) = self.contrast_sides(cmp, cl)?;
            (s == a || s == b).then_some(cl.id)
        });
        let is_contrast = |id: ClaimId| {
            cmp.claims.get(id).is_some_and(|c| {
                Some(c.cluster) != here
                    && self.claim_kind(cmp, c.id) == Some(ClusterKind::Contrasting)
            })
        };
        let n = vis.len();
        for step in 0..=n {
            let col = if forward {
                vis[(start + step) % n]
            } else {
                vis[(start + n * 2 - step) % n]
            };
            let claims = self.column_claims(cmp, col);
            let cur = if step == 0 {
                from.and_then(|s| claims.iter().position(|&c| c == s))
            } else {
                None
            };
            let found = if forward {
                let from = cur.map_or(0, |p| p + 1);
                let skip_all = step == n; // back at the start column: only before `cur`
                claims
                    .iter()
                    .enumerate()
                    .skip(if skip_all { 0 } else { from })
                    .find(|(_, id)| is_contrast(**id))
                    .map(|(_, id)| *id)
            } else {
                let upto = match (step, cur) {
                    (0, Some(p)) => p,
                    (0, None) => 0,
                    _ => claims.len(),
                };
                claims[..upto]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&id| is_contrast(id))
            };
            if let Some(id) = found
                && from != Some(id)
            {
                self.land_on_contrast(cmp, id, col);
                return;
            }
        }
        let on_contrast = self
            .compare
            .selected
            .and_then(|s| cmp.claims.get(s))
            .is_some_and(|c| self.claim_kind(cmp, c.id) == Some(ClusterKind::Contrasting));
        if on_contrast {
            // Round every column and back: nothing else to go to; its outlets are still
            // laid out side by side.
            self.keep_focus_in_view();
            self.show_cluster_columns(cmp);
            self.status = Some(Status {
                text: "this is the only contrasting claim here".into(),
                error: false,
            });
            return;
        }
        self.status = Some(Status {
            text: "no contrasting claims here".into(),
            error: false,
        });
    }

    /// Selects the contrast `found` (in column `col`) is a member of: `found` when it is one
    /// of the two sides its reason names or the reason names none, else the first side.
    fn land_on_contrast(&mut self, cmp: &Comparison, found: ClaimId, col: usize) {
        let sides = cmp
            .claims
            .get(found)
            .and_then(|c| cmp.clusters.get(c.cluster))
            .and_then(|cl| self.contrast_sides(cmp, cl));
        let (shown, shown_col) = match sides.and_then(|(a, _)| cmp.claims.get(a)) {
            Some(a) if sides.is_some_and(|(x, y)| found != x && found != y) => (a.id, a.column),
            _ => (found, col),
        };
        self.compare.contrast_jump = (shown != found).then_some((shown, found));
        self.compare.focus_col = shown_col;
        self.compare.selected = Some(shown);
        self.keep_focus_in_view();
        self.show_cluster_columns(cmp);
        self.after_selection();
    }

    /// The two claims the first contrast reason of `cluster` names ("src11 vs Tester Gazette:
    /// date: thursday vs wednesday"), in the reason's order: the first pair of members whose
    /// outlets' display names spell the reason's start `A vs B: `. `None` when no reason of
    /// that form matches (a cluster that is not contrasting, an outlet renamed since).
    pub fn contrast_sides(
        &self,
        cmp: &Comparison,
        cluster: &Cluster,
    ) -> Option<(ClaimId, ClaimId)> {
        let name = |o: &str| {
            self.corpus
                .as_ref()
                .map_or_else(|| o.to_string(), |c| c.outlet_name(o))
        };
        let members: Vec<(ClaimId, String)> = cluster
            .members
            .iter()
            .filter_map(|&m| cmp.claims.get(m).map(|c| (m, name(&c.outlet))))
            .collect();
        cluster.reasons.iter().find_map(|r| {
            members.iter().find_map(|(a, na)| {
                let rest = r.strip_prefix(na.as_str())?.strip_prefix(" vs ")?;
                members
                    .iter()
                    .find(|(b, nb)| {
                        b != a
                            && rest
                                .strip_prefix(nb.as_str())
                                .is_some_and(|t| t.starts_with(": "))
                    })
                    .map(|(b, _)| (*a, *b))
            })
        })
    }

    /// Recomputes the word diffs of the selected claim against its cluster.
    fn after_selection(&mut self) {
        self.compare.diff.scroll = 0;
        self.diffs.clear();
        let Some(cmp) = self.comparison().cloned() else {
            return;
        };
        let Some(sel) = self.compare.selected.and_then(|s| cmp.claims.get(s)) else {
            return;
        };
        if let Some(cluster) = cmp.clusters.get(sel.cluster) {
            for &m in &cluster.members {
                if m == sel.id {
                    continue;
                }
                if let Some(other) = cmp.claims.get(m)
                    && let Some(d) = engine::word_diff(&sel.text, &other.text)
                {
                    self.diffs.push((m, d));
                }
            }
        }
    }

    // ---- annotations and export ----------------------------------------------------------

    /// The clusters of this event with an annotation, in cluster order.
    fn annotated_clusters(&self, cmp: &Comparison) -> Vec<ClusterId> {
        cmp.clusters
            .iter()
            .filter(|c| self.annotations.find(cmp, c).is_some())
            .map(|c| c.id)
            .collect()
    }

    /// `A`: the next annotated cluster after the selected one (wrapping).
    fn next_annotated(&mut self, cmp: &Comparison) {
        let all = self.annotated_clusters(cmp);
        let cur = self.selected_cluster();
        let next = all
            .iter()
            .position(|&c| Some(c) > cur)
            .or((!all.is_empty()).then_some(0));
        match next {
            Some(i) => {
                self.jump_to_cluster(cmp, all[i]);
                self.status = Some(Status {
                    text: format!("annotated {} of {}", i + 1, all.len()),
                    error: false,
                });
            }
            None => {
                self.status = Some(Status {
                    text: "no annotations in this event yet (a agrees, v sets a verdict, n writes a note)"
                        .into(),
                    error: false,
                });
            }
        }
    }

    /// `N`: the annotated clusters of this event in a picker: verdict, note, claim; then the
    /// orphaned annotations (their claim text gone from the articles), marked as such.
    fn open_annotations_picker(&mut self, cmp: &Comparison) {
        let mut items: Vec<PickItem> = self
            .annotated_clusters(cmp)
            .into_iter()
            .filter_map(|cl| {
                let c = cmp.clusters.get(cl)?;
                let a = self.annotations.find(cmp, c)?;
                let anchor = c.own_members().next()?;
                Some(PickItem {
                    keys: String::new(),
                    target: PickTarget::Claim(anchor),
                    label: crate::ui::sanitize::clean(&cmp.claims.get(anchor)?.text).into_owned(),
                    detail: format!(
                        "#{} · {}",
                        crate::report::cluster_number(cl),
                        note_detail(a, Some(c.kind))
                    ),
                })
            })
            .collect();
        items.extend(self.annotations.orphans(cmp).map(|a| PickItem {
            keys: String::new(),
            target: PickTarget::Orphan,
            label: format!(
                "orphaned: {}",
                crate::ui::sanitize::clean(&a.text).into_owned()
            ),
            detail: note_detail(a, None),
        }));
        if items.is_empty() {
            self.next_annotated(cmp);
            return;
        }
        self.overlay = Some(Overlay::Picker(Picker::new(PickerMode::Annotations, items)));
    }

    /// True when `key` is bound to removing an annotation on the Compare screen.
    fn is_clear_key(&self, key: &KeyEvent) -> bool {
        self.overlay.is_none()
            && self.screen == Screen::Compare
            && self.config.keymap.lookup(Context::Compare, key) == Some(Command::ClearAnnotation)
    }

    /// True when `key` is bound to taking a claim out of its cluster on the Compare screen.
    fn is_exclude_key(&self, key: &KeyEvent) -> bool {
        self.overlay.is_none()
            && self.screen == Screen::Compare
            && self.config.keymap.lookup(Context::Compare, key) == Some(Command::ExcludeMember)
    }

    /// `X`: asks to take the selected claim out of its cluster ("not part of this cluster",
    /// tester report 22, finding 9), or to put it back; a second `X` does it.
    fn ask_exclude(&mut self, cmp: &Comparison) {
        let Some(id) = self.compare.selected else {
            return;
        };
        let Some(c) = cmp.claims.get(id) else {
            return;
        };
        let Some(cluster) = cmp.clusters.get(c.cluster) else {
            return;
        };
        let n = crate::report::cluster_number(cluster.id);
        let text = if self.is_excluded(cmp, id) {
            format!("put this claim back into cluster {n}? X again puts it back, any other key: no")
        } else {
            let out = self
                .annotations
                .find(cmp, cluster)
                .map(|a| a.excluded_in(cmp, cluster))
                .unwrap_or_default();
            if cluster.own_members().filter(|m| !out.contains(m)).count() <= 1 {
                self.status = Some(Status {
                    text: format!(
                        "cluster {n} has no other claim of its own: nothing to take this one out of"
                    ),
                    error: false,
                });
                return;
            }
            format!("not part of cluster {n}? X again takes this claim out, any other key keeps it")
        };
        self.pending_exclude = Some(id);
        self.status = Some(Status { text, error: false });
    }

    /// Takes claim `id` out of its cluster, or puts it back (confirmed with a second `X`),
    /// and saves.
    fn toggle_excluded(&mut self, id: ClaimId) -> Vec<Effect> {
        let Some(cmp) = self.comparison().cloned() else {
            return Vec::new();
        };
        let Some(out) = self.annotations.toggle_excluded(&cmp, id) else {
            return Vec::new();
        };
        let effects = self.save_annotations();
        let n = cmp
            .claims
            .get(id)
            .map_or(0, |c| crate::report::cluster_number(c.cluster));
        self.status = Some(Status {
            text: if out {
                format!("taken out of cluster {n}: now a unique claim (X twice puts it back)")
            } else {
                format!("put back into cluster {n}")
            },
            error: false,
        });
        effects
    }

    /// Removes the annotation of cluster `cl` (confirmed with a second `D`) and saves; the
    /// file before the removal is kept as `annotations.json.bak`.
    fn clear_annotation(&mut self, cl: ClusterId) -> Vec<Effect> {
        let Some(cmp) = self.comparison().cloned() else {
            return Vec::new();
        };
        if let Some(c) = cmp.clusters.get(cl)
            && self.annotations.remove(&cmp, c)
        {
            let effects = self.save_annotations();
            self.saving.removing = true;
            self.status = Some(Status {
                text: format!(
                    "annotation removed; the previous file is kept as {}",
                    crate::annotations::backup_path(&self.annotations_path).display()
                ),
                error: false,
            });
            return effects;
        }
        Vec::new()
    }

    /// Removes the orphaned annotation chosen in the `N` list (confirmed with a second `D`)
    /// and saves, as [`Self::clear_annotation`] does.
    fn clear_orphan(&mut self, k: usize) -> Vec<Effect> {
        let Some(cmp) = self.comparison().cloned() else {
            return Vec::new();
        };
        if self.annotations.remove_orphan(&cmp, k).is_none() {
            return Vec::new();
        }
        let effects = self.save_annotations();
        self.saving.removing = true;
        self.status = Some(Status {
            text: format!(
                "orphaned annotation removed; the previous file is kept as {}",
                crate::annotations::backup_path(&self.annotations_path).display()
            ),
            error: false,
        });
        effects
    }

    /// Sets the verdict of the selected cluster with `edit` and saves.
    fn annotate(
        &mut self,
        cmp: &Comparison,
        edit: impl FnOnce(&mut crate::annotations::ClusterAnnotation),
    ) -> Vec<Effect> {
        let Some(cluster) = self.selected_cluster().and_then(|i| cmp.clusters.get(i)) else {
            return Vec::new();
        };
        // A verdict (agree included) is given against what the analysis says now, which
        // may have changed since the annotation was first made (a note alone keeps the old).
        self.annotations.upsert(cmp, cluster, |a| {
            a.analysis_verdict = cluster.kind.into();
            edit(a);
        });
        self.save_annotations()
    }

    fn save_annotations(&mut self) -> Vec<Effect> {
        self.saving.in_flight += 1;
        self.saving.removing = false;
        vec![Effect::SaveAnnotations {
            path: self.annotations_path.clone(),
            annotations: self.annotations.clone(),
        }]
    }

    /// A save finished: report it, take in what another framediff wrote, and quit if the user
    /// asked to while it was in flight.
    fn on_saved(&mut self, r: Result<crate::annotations::Saved, String>) -> Vec<Effect> {
        self.saving.in_flight = self.saving.in_flight.saturating_sub(1);
        let path = self.annotations_path.display().to_string();
        // the open event's folder is gone (renamed): that stays the status line over the
        // save that moved its annotations, unless the save has a problem to tell
        let gone = self.gone_event.is_some()
            && self
                .status
                .as_ref()
                .is_some_and(|s| s.text == super::GONE_EVENT);
        self.status = Some(match r {
            Ok(saved) => {
                self.saving.failed = None;
                self.saving.quit_warned = false;
                if saved.written != saved.sent {
                    // Edits made since this save was sent stay on top of the merge.
                    let m =
                        crate::annotations::merge3(&saved.sent, &self.annotations, &saved.written);
                    self.annotations = m.merged;
                }
                let mut status = merged_status(&path, &saved, self.saving.removing);
                if let Some(u) = &saved.unreadable {
                    let kept = match &u.copy {
                        Some(c) => format!("its content is kept as {}", c.display()),
                        None => "its content could not be copied aside".to_string(),
                    };
                    let msg = format!(
                        "annotations file was unreadable ({}); replaced by the {} annotation(s) \
                         of this session; {kept}",
                        u.error,
                        saved.written.annotations.len()
                    );
                    status.text.push_str(&format!(
                        "; the file was unreadable: nothing in it was merged; {kept}"
                    ));
                    status.error = true;
                    self.annotations_problem = Some(msg);
                }
                status
            }
            Err(e) => {
                self.annotations_problem = Some(format!("saving annotations to {path}: {e}"));
                self.saving.failed = Some(e.clone());
                Status {
                    text: format!("could not save annotations to {path}: {e}"),
                    error: true,
                }
            }
        });
        if gone && self.status.as_ref().is_some_and(|s| !s.error) {
            self.status = Some(Status {
                text: super::GONE_EVENT.into(),
                error: true,
            });
        }
        if self.saving.in_flight == 0 && std::mem::take(&mut self.saving.quit_when_saved) {
            self.request_quit();
        }
        Vec::new()
    }

    /// Another framediff saved the annotations file: its changes since `base` are merged
    /// into ours (field by field, [`crate::annotations::merge3`]) so this screen shows them
    /// and our next save keeps them; the status line says so.
    fn on_annotations_changed(
        &mut self,
        base: &crate::annotations::Annotations,
        disk: &crate::annotations::Annotations,
    ) -> Vec<Effect> {
        let m = crate::annotations::merge3(base, &self.annotations, disk);
        if m.merged == self.annotations {
            return Vec::new();
        }
        self.annotations = m.merged;
        let mut text = format!(
            "another framediff changed {} annotation(s) in {}; shown here",
            m.from_theirs,
            self.annotations_path.display()
        );
        text.push_str(&conflicts_text(&m.conflicts));
        self.status = Some(Status {
            text,
            error: m.conflicts.total() > 0,
        });
        Vec::new()
    }

    /// `q`: quits, but never loses annotations silently. With saves in flight it quits when
    /// they land; after a failed save (a read-only corpus) it warns first and the next `q`
    /// quits.
    pub fn request_quit(&mut self) {
        if self.saving.in_flight > 0 {
            self.saving.quit_when_saved = true;
            self.status = Some(Status {
                text: "saving annotations; quitting when saved".into(),
                error: false,
            });
            return;
        }
        if let Some(e) = &self.saving.failed
            && !self.saving.quit_warned
        {
            self.saving.quit_warned = true;
            self.status = Some(Status {
                text: format!(
                    "annotations NOT saved to {} ({e}); q again quits without them \
                     (e exports this event's to export_dir)",
                    self.annotations_path.display()
                ),
                error: true,
            });
            return;
        }
        self.quit = true;
    }

    fn note_command(&mut self, cmd: Command) -> Vec<Effect> {
        match cmd {
            Command::Accept => {
                let Some(Overlay::Note {
                    cluster,
                    anchor,
                    text,
                    ..
                }) = self.overlay.take()
                else {
                    return Vec::new();
                };
                let Some(cmp) = self.comparison().cloned() else {
                    return Vec::new();
                };
                // the cluster of the claim the note was opened on, wherever a reload put it
                let cluster = match &anchor {
                    Some(a) => a
                        .find(&cmp)
                        .and_then(|id| cmp.claims.get(id))
                        .map(|c| c.cluster),
                    None => Some(cluster),
                };
                let Some(c) = cluster.and_then(|cl| cmp.clusters.get(cl)) else {
                    self.status = Some(Status {
                        text: NOTE_CLAIM_GONE.into(),
                        error: true,
                    });
                    return Vec::new();
                };
                let note = text.trim().to_string();
                self.annotations.upsert(&cmp, c, |a| a.note = note);
                self.save_annotations()
            }
            Command::Newline => {
                if let Some(Overlay::Note { text, cursor, .. }) = &mut self.overlay {
                    let b = text
                        .char_indices()
                        .nth(*cursor)
                        .map_or(text.len(), |(b, _)| b);
                    text.insert(b, '\n');
                    *cursor += 1;
                }
                Vec::new()
            }
            Command::Close | Command::Back => {
                self.close_note();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Esc in the note editor: closes it when nothing was typed; a changed note is discarded
    /// only on a second Esc, after the status line says so (a typed note is work).
    fn close_note(&mut self) {
        let Some(Overlay::Note {
            text,
            original,
            discard_asked,
            ..
        }) = &mut self.overlay
        else {
            return;
        };
        if text.trim() == original.trim() || *discard_asked {
            if *discard_asked {
                self.status = None;
            }
            self.overlay = None;
            return;
        }
        *discard_asked = true;
        self.status = Some(Status {
            text: "the note is not saved: Esc again discards it, Enter saves it".into(),
            error: true,
        });
    }

    fn export(&mut self) -> Vec<Effect> {
        let (Some(cmp), Some(corpus)) = (self.comparison().cloned(), self.corpus.clone()) else {
            self.status = Some(Status {
                text: "nothing to export yet: open an event first".into(),
                error: true,
            });
            return Vec::new();
        };
        let mut annotations = self.annotations.clone();
        annotations.annotations.retain(|a| a.event == cmp.event_id);
        // A visible folder the user chose (config `export_dir`), never inside the corpus,
        // where the reports would be read back as articles.
        let dir = std::path::absolute(&self.config.export_dir)
            .unwrap_or_else(|_| self.config.export_dir.clone());
        self.status = Some(Status {
            text: EXPORTING.into(),
            error: false,
        });
        vec![Effect::Export {
            dir,
            comparison: cmp,
            corpus,
            annotations,
        }]
    }

    // ---- matrix, profile -----------------------------------------------------------------

    fn matrix_command(&mut self, cmd: Command) -> Vec<Effect> {
        let Some(cmp) = self.comparison().cloned() else {
            return Vec::new();
        };
        match cmd {
            Command::CycleSort => {
                self.matrix.sort = self.matrix.sort.next(cmp.columns.len());
                self.matrix.reversed = false;
                self.matrix.row = 0;
            }
            Command::ReverseSort => {
                let selected = self.matrix_rows(&cmp).get(self.matrix.row).copied();
                self.matrix.reversed = !self.matrix.reversed;
                let rows = self.matrix_rows(&cmp);
                self.matrix.row = selected
                    .and_then(|cl| rows.iter().position(|&r| r == cl))
                    .unwrap_or(0);
            }
            Command::OpenArticle => {
                if let Some(&cl) = self.matrix_rows(&cmp).get(self.matrix.row) {
                    self.jump_to_cluster(&cmp, cl);
                }
            }
            Command::FilterShared => self.toggle_filter(&cmp, ClusterKind::Shared),
            Command::FilterContrasting => self.toggle_filter(&cmp, ClusterKind::Contrasting),
            Command::FilterUnique => self.toggle_filter(&cmp, ClusterKind::Unique),
            Command::Left => self.matrix.col_offset = self.matrix.col_offset.saturating_sub(1),
            Command::Right => {
                let shown = super::layout::matrix_columns(
                    self.size.0,
                    cmp.columns.len(),
                    self.matrix.col_offset,
                );
                self.matrix.col_offset = shown.start + usize::from(shown.end < cmp.columns.len());
            }
            c => {
                let n = self.matrix_rows(&cmp).len();
                self.matrix.row = move_index(self.matrix.row, n, c, self.page());
            }
        }
        Vec::new()
    }

    /// Shows a cluster on the Compare screen: its member in the focused column if it has one.
    /// Only the cluster's own claims are selected (a counterpart belongs to another cluster,
    /// and the selection shows the selected claim's cluster).
    pub fn jump_to_cluster(&mut self, cmp: &Comparison, cluster: ClusterId) {
        let Some(c) = cmp.clusters.get(cluster) else {
            return;
        };
        let member = c
            .own_members()
            .filter_map(|m| cmp.claims.get(m))
            .find(|m| m.column == self.compare.focus_col)
            .or_else(|| c.own_members().next().and_then(|m| cmp.claims.get(m)));
        if let Some(m) = member {
            if let Some(col) = cmp.columns.get(m.column) {
                self.compare.hidden.remove(&col.outlet);
            }
            self.compare.focus_col = m.column;
            self.compare.selected = Some(m.id);
            if !self.column_claims(cmp, m.column).contains(&m.id) {
                self.compare.filter = KindFilter::default();
            }
            self.screen = Screen::Compare;
            self.keep_focus_in_view();
            self.show_cluster_columns(cmp);
            self.after_selection();
        }
    }

    fn profile_command(&mut self, cmd: Command) {
        let n = self.comparison().map_or(0, |c| c.profiles.len());
        match cmd {
            Command::Left => self.profile.column = self.profile.column.saturating_sub(1),
            Command::Right => {
                self.profile.column = (self.profile.column + 1).min(n.saturating_sub(1))
            }
            // no further than the panes as last drawn can scroll, so `k` moves at once
            Command::Down => {
                self.profile.scroll = (self.profile.scroll + 1).min(self.profile_scroll_max.get())
            }
            Command::Up => self.profile.scroll = self.profile.scroll.saturating_sub(1),
            _ => {}
        }
    }

    // ---- picker --------------------------------------------------------------------------

    fn open_picker(&mut self, mode: PickerMode) {
        // the open event is gone from disk: the events to pick from are those on disk now
        if mode == PickerMode::Events
            && let Some((_, newer)) = self.gone_event.take()
        {
            self.event_id = None;
            self.cache.clear();
            self.analysis_errors.clear();
            self.overlay = None;
            self.status = None;
            self.corpus = Some(newer);
        }
        let Some(corpus) = self.corpus.clone() else {
            self.pending_picker = Some(mode);
            self.status = Some(Status {
                text: format!("{LOADING_NOTICE}; this opens when it is ready"),
                error: false,
            });
            return;
        };
        let mut p = match mode {
            PickerMode::Events => Picker::new(mode, Picker::event_items(&corpus)),
            PickerMode::Search => self.search_picker(&corpus),
            PickerMode::Annotations => {
                if let Some(cmp) = self.comparison().cloned() {
                    self.open_annotations_picker(&cmp);
                }
                return;
            }
        };
        if mode == PickerMode::Events
            && let Some(id) = &self.event_id
            && let Some(i) = corpus.events.iter().position(|e| &e.id == id)
        {
            p.selected = i;
        }
        self.overlay = Some(Overlay::Picker(p));
    }

    /// The analysed events of `corpus` (index, comparison), in corpus order.
    fn analysed<'a>(&'a self, corpus: &Corpus) -> Vec<(usize, &'a Comparison)> {
        let mut analysed: Vec<(usize, &Comparison)> = self
            .cache
            .iter()
            .filter_map(|(id, cmp)| {
                corpus
                    .events
                    .iter()
                    .position(|e| &e.id == id)
                    .map(|i| (i, cmp.as_ref()))
            })
            .collect();
        analysed.sort_by_key(|(i, _)| *i);
        analysed
    }

    /// Everything search reaches: the open event, the claims of every analysed event, every
    /// event title and headline, and, once the text is indexed, the sentences of the events
    /// not analysed yet (titles, headlines and sentences then come from the index).
    fn search_picker(&self, corpus: &Arc<Corpus>) -> Picker {
        let open = self.comparison().map(|c| c.as_ref());
        let analysed = self.analysed(corpus);
        let Some(index) = self
            .current_text_index()
            .is_some()
            .then(|| self.text_index.clone())
            .flatten()
        else {
            let items = Picker::search_items_everywhere(corpus, open, analysed.into_iter());
            return Picker::new(PickerMode::Search, items);
        };
        let skip: std::collections::BTreeSet<usize> = analysed.iter().map(|(i, _)| *i).collect();
        let open_event = open.and_then(|c| corpus.events.iter().position(|e| e.id == c.event_id));
        let items = Picker::claim_items(corpus, open, analysed.into_iter());
        Picker::new(PickerMode::Search, items).with_text_index(index, open_event, &skip)
    }

    /// The text index, when it was made from the corpus now loaded.
    fn current_text_index(&self) -> Option<&super::engine::TextIndex> {
        let corpus = self.corpus.as_ref()?;
        self.text_index
            .as_deref()
            .filter(|t| Arc::ptr_eq(&t.corpus, corpus))
    }

    /// Asks for the corpus's sentences (search across events that are not analysed yet),
    /// unless they are indexed or being indexed.
    fn want_text_index(&mut self) -> Vec<Effect> {
        let Some(corpus) = self.corpus.clone() else {
            return Vec::new();
        };
        if self.text_indexing || self.current_text_index().is_some() {
            return Vec::new();
        }
        self.text_indexing = true;
        vec![Effect::IndexText(corpus)]
    }

    /// The corpus's sentences arrived: an open search gets them, with what was typed kept.
    pub(super) fn on_text_index(&mut self, index: Arc<super::engine::TextIndex>) -> Vec<Effect> {
        self.text_indexing = false;
        let searching =
            matches!(&self.overlay, Some(Overlay::Picker(p)) if p.mode == PickerMode::Search);
        let Some(corpus) = self.corpus.clone() else {
            return Vec::new();
        };
        if !Arc::ptr_eq(&index.corpus, &corpus) {
            // made from a corpus since reloaded
            return if searching {
                self.want_text_index()
            } else {
                Vec::new()
            };
        }
        if index.truncated {
            self.status = Some(Status {
                text: format!(
                    "search reaches the first {} sentences of the corpus",
                    index.sentences.len()
                ),
                error: false,
            });
        }
        self.text_index = Some(index);
        if searching {
            let query = match &self.overlay {
                Some(Overlay::Picker(p)) => p.query.clone(),
                _ => String::new(),
            };
            self.overlay = Some(Overlay::Picker(self.search_picker(&corpus).typed(&query)));
        }
        Vec::new()
    }

    fn picker_command(&mut self, cmd: Command) -> Vec<Effect> {
        let Some(Overlay::Picker(p)) = &mut self.overlay else {
            return Vec::new();
        };
        match cmd {
            Command::Down => p.select(1),
            Command::Up => p.select(-1),
            Command::Close | Command::Back => self.overlay = None,
            Command::Help => {
                // Help over the picker: closing it goes back to the picker, query and all.
                let under = self.overlay.take().map(Box::new);
                self.overlay = Some(Overlay::Help { scroll: 0, under });
            }
            Command::Accept => {
                // Nothing matches: the picker stays open with the query to correct.
                let Some(chosen) = p.chosen() else {
                    self.status = Some(Status {
                        text: "nothing matches — Backspace to change the query, Esc to close"
                            .into(),
                        error: false,
                    });
                    return Vec::new();
                };
                // an orphan is told apart by its rank among the list's orphans, which come
                // in the order `Annotations::orphans` gives
                let rank = p.matches.get(p.selected).map(|m| {
                    let before = &p.items[..m.item.min(p.items.len())];
                    before
                        .iter()
                        .filter(|i| i.target == PickTarget::Orphan)
                        .count()
                });
                self.orphan_chosen = rank.filter(|_| chosen == PickTarget::Orphan);
                self.overlay = None;
                return self.pick(Some(chosen));
            }
            _ => {}
        }
        Vec::new()
    }

    /// Selects claim `id` of the open comparison as search found it: its cluster's columns
    /// in view, the claim focused. Nothing when the comparison is not there (yet).
    fn select_found_claim(&mut self, id: ClaimId) {
        if let Some(cmp) = self.comparison().cloned()
            && let Some(c) = cmp.claims.get(id)
        {
            self.compare.focus_col = c.column;
            self.jump_to_cluster(&cmp, c.cluster);
            self.compare.selected = Some(id);
            self.keep_focus_in_view();
            self.show_cluster_columns(&cmp);
            self.after_selection();
        }
    }

    fn pick(&mut self, target: Option<PickTarget>) -> Vec<Effect> {
        match target {
            Some(PickTarget::Event(i)) => self.open_event(i),
            Some(PickTarget::Outlet(col)) => {
                if let Some(cmp) = self.comparison().cloned() {
                    if let Some(c) = cmp.columns.get(col) {
                        let o = c.outlet.clone();
                        self.compare.hidden.remove(&o);
                    }
                    self.screen = Screen::Compare;
                    self.compare.focus_col = col;
                    self.select_in_column(&cmp, col);
                    self.keep_focus_in_view();
                }
                Vec::new()
            }
            Some(PickTarget::EventClaim(event, id)) => {
                let effects = self.open_event(event);
                self.select_found_claim(id);
                effects
            }
            Some(PickTarget::EventSentence(i)) => {
                let Some(found) = self.current_text_index().and_then(|t| t.sentences.get(i)) else {
                    return Vec::new();
                };
                let (event, outlet, sentence) =
                    (found.event, found.outlet.to_string(), found.sentence);
                let effects = self.open_event(event);
                // selected once the event's claims exist (now, when it was analysed before)
                self.restore = Some(Place {
                    outlet,
                    sentence,
                    text: None,
                    side_by_side: true,
                });
                if let Some(cmp) = self.comparison().cloned() {
                    self.init_selection();
                    self.screen = Screen::Compare;
                    self.keep_focus_in_view();
                    self.show_cluster_columns(&cmp);
                    self.after_selection();
                }
                effects
            }
            Some(PickTarget::Claim(id)) => {
                self.select_found_claim(id);
                Vec::new()
            }
            Some(PickTarget::Orphan) => {
                self.status = Some(Status {
                    text: ORPHANED.into(),
                    error: false,
                });
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    // ---- mouse ---------------------------------------------------------------------------

    fn on_click(&mut self, target: Target) -> Vec<Effect> {
        self.status = None;
        match target {
            Target::Tab(s) => {
                self.overlay = None;
                self.screen = s;
            }
            Target::Claim(id) => {
                if let Some(cmp) = self.comparison().cloned()
                    && let Some(c) = cmp.claims.get(id)
                {
                    self.compare.pane = Pane::Columns;
                    self.compare.focus_col = c.column;
                    self.compare.selected = Some(id);
                    self.after_selection();
                }
            }
            Target::Column(col) => {
                if let Some(cmp) = self.comparison().cloned()
                    && col < cmp.columns.len()
                {
                    self.compare.pane = Pane::Columns;
                    self.compare.focus_col = col;
                    self.select_in_column(&cmp, col);
                }
            }
            Target::DiffPane => self.compare.pane = Pane::Diff,
            Target::MatrixRow(cl) => {
                if let Some(cmp) = self.comparison().cloned() {
                    let rows = self.matrix_rows(&cmp);
                    match rows.iter().position(|&r| r == cl) {
                        // A second click on the selected row opens it, like Enter.
                        Some(i) if i == self.matrix.row => self.jump_to_cluster(&cmp, cl),
                        Some(i) => self.matrix.row = i,
                        None => {}
                    }
                }
            }
            Target::MatrixHeader(column) => self.sort_matrix_by(column),
            Target::ProfileOutlet(i) => {
                if i < self.comparison().map_or(0, |c| c.profiles.len()) {
                    self.profile.column = i;
                }
            }
            Target::ProblemRow(i) => {
                if i < self.problem_count() {
                    self.problems_row = i;
                }
            }
            Target::PickerRow(i) => {
                if let Some(Overlay::Picker(p)) = &mut self.overlay {
                    if p.selected == i {
                        let chosen = p.chosen();
                        self.overlay = None;
                        return self.pick(chosen);
                    }
                    p.selected = i.min(p.matches.len().saturating_sub(1));
                }
            }
            Target::Article | Target::Help => {}
        }
        Vec::new()
    }

    /// A click on a matrix header: sort by that column, or reverse when it is the sort
    /// already. The selected cluster stays selected.
    fn sort_matrix_by(&mut self, column: MatrixColumn) {
        let Some(cmp) = self.comparison().cloned() else {
            return;
        };
        let Some(sort) = MatrixSort::for_column(column) else {
            return;
        };
        if let MatrixSort::Outlet(i) = sort
            && i >= cmp.columns.len()
        {
            return;
        }
        let selected = self.matrix_rows(&cmp).get(self.matrix.row).copied();
        if self.matrix.sort == sort {
            self.matrix.reversed = !self.matrix.reversed;
        } else {
            self.matrix.sort = sort;
            self.matrix.reversed = false;
        }
        let rows = self.matrix_rows(&cmp);
        self.matrix.row = selected
            .and_then(|cl| rows.iter().position(|&r| r == cl))
            .unwrap_or(0);
    }

    fn on_scroll(&mut self, target: Target, delta: i16) -> Vec<Effect> {
        let cmd = if delta > 0 {
            Command::Down
        } else {
            Command::Up
        };
        let times = delta.unsigned_abs().min(10);
        match target {
            Target::Claim(_) | Target::Column(_) => {
                if let Some(cmp) = self.comparison().cloned() {
                    let col = match target {
                        Target::Claim(id) => cmp.claims.get(id).map(|c| c.column),
                        Target::Column(col) => Some(col),
                        _ => None,
                    }
                    .filter(|&c| c < cmp.columns.len());
                    if let Some(col) = col
                        && col != self.compare.focus_col
                    {
                        self.compare.focus_col = col;
                        self.select_in_column(&cmp, col);
                    }
                }
                self.compare.pane = Pane::Columns;
            }
            Target::DiffPane => self.compare.pane = Pane::Diff,
            _ => {}
        }
        let mut effects = Vec::new();
        for _ in 0..times {
            effects.extend(self.command(cmd));
        }
        effects
    }
}

/// Moves a list index by a navigation command.
fn move_index(cur: usize, len: usize, cmd: Command, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match cmd {
        Command::Down => (cur + 1).min(last),
        Command::Up => cur.saturating_sub(1),
        Command::HalfPageDown => (cur + page).min(last),
        Command::HalfPageUp => cur.saturating_sub(page),
        Command::Top => 0,
        Command::Bottom => last,
        _ => cur.min(last),
    }
}

/// The status line after a save: what was done (`removed`: the save was for `D D`), where,
/// and what another framediff's changes did.
fn merged_status(path: &str, saved: &crate::annotations::Saved, removed: bool) -> Status {
    let mut text = if removed {
        format!(
            "annotation removed from {path}; the previous file is kept as {}",
            crate::annotations::backup_path(std::path::Path::new(path)).display()
        )
    } else {
        format!("annotation saved to {path}")
    };
    if saved.from_other > 0 {
        text.push_str(&format!(
            "; kept {} change(s) another framediff made to it",
            saved.from_other
        ));
    }
    text.push_str(&conflicts_text(&saved.conflicts));
    Status {
        text,
        error: saved.conflicts.total() > 0,
    }
}

/// True when the watcher's `path` is the annotations file at `ours` however either is
/// spelt (`./.framediff/annotations.json`, an absolute path): their last two components.
fn is_annotations_file(path: &std::path::Path, ours: &std::path::Path) -> bool {
    path.components()
        .rev()
        .take(2)
        .eq(ours.components().rev().take(2))
}

/// What a merge did with changes both framediffs made to one cluster; empty when none.
fn conflicts_text(c: &crate::annotations::Conflicts) -> String {
    let mut text = String::new();
    if c.notes_joined > 0 {
        text.push_str(&format!(
            "; {} note(s) edited there too: both texts kept in the note",
            c.notes_joined
        ));
    }
    if c.verdicts_ours > 0 {
        text.push_str(&format!(
            "; {} verdict(s) set differently there: yours kept",
            c.verdicts_ours
        ));
    }
    if c.removals_undone > 0 {
        text.push_str(&format!(
            "; {} annotation(s) you removed were edited there: kept",
            c.removals_undone
        ));
    }
    if c.kept_over_removal > 0 {
        text.push_str(&format!(
            "; {} annotation(s) removed there were edited here: yours kept",
            c.kept_over_removal
        ));
    }
    text
}

/// Said when an orphaned annotation is chosen in the annotations picker.
const ORPHANED: &str = "orphaned annotation: its claim text is no longer in the article (edited \
since); it is kept in the annotations file; D removes it (asks first)";

/// "✓ agreed · note" or "≠ contrasting · note": an annotation's verdict and note, one line.
/// A note alone shows the verdict the analysis gives its cluster `now` (none for an orphan).
fn note_detail(a: &crate::annotations::ClusterAnnotation, now: Option<ClusterKind>) -> String {
    let shown = a.user_verdict().map(ClusterKind::from).or(now);
    let what = match shown {
        Some(k) if a.agreed => format!("{} agreed", k.glyph()),
        Some(k) => format!("{} {}", k.glyph(), k.as_str()),
        None => "note".to_string(),
    };
    let note = crate::ui::sanitize::clean(&a.note).into_owned();
    if note.is_empty() {
        what
    } else {
        format!("{what} · {note}")
    }
}

/// The exported files lie inside the folder `root` (both resolved on disk where they exist).
fn inside_folder(paths: &[std::path::PathBuf], root: &std::path::Path) -> bool {
    let resolve = |p: &std::path::Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let root = resolve(root);
    root.is_dir() && paths.first().is_some_and(|p| resolve(p).starts_with(&root))
}

/// "exported .json .md .html to /corpus/.framediff/exports/<event>": the formats first, so
/// a status line cut at the terminal's width still says what was written. When the files got
/// another name than the event's own `wanted` stem ([`crate::report::export_name`]), what
/// was done and why come first, short, where an 80-column status line still shows them
/// (tester report 22, finding 13): "exported as -2, not over another corpus's report:
/// <id>-2.json .md .html in <dir>".
fn exported_text(paths: &[std::path::PathBuf], wanted: Option<&str>) -> String {
    let formats: Vec<String> = paths
        .iter()
        .filter_map(|p| p.extension())
        .map(|e| format!(".{}", e.to_string_lossy()))
        .collect();
    let first = paths.first().map(|p| p.with_extension(""));
    let stem = first
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let got = first
        .as_ref()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    match (got, wanted, first.as_ref().and_then(|p| p.parent())) {
        (Some(got), Some(want), Some(dir)) if numbered(&got, want) => format!(
            "exported as {}, not over another corpus's report: {}{} in {}",
            crate::ui::sanitize::clean(&got[want.len()..]),
            crate::ui::sanitize::clean(&got),
            formats.join(" "),
            dir.display()
        ),
        _ => format!("exported {} to {stem}", formats.join(" ")),
    }
}

/// Whether `got` is `want` numbered by [`crate::report::export_name`]: "<want>-2", "-3", ….
fn numbered(got: &str, want: &str) -> bool {
    got.strip_prefix(want)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n >= 2))
}

#[cfg(test)]
mod export_tests {
    use super::inside_folder;

    #[test]
    fn only_a_numbered_copy_of_the_event_stem_is_said_to_be_renamed() {
        let paths = ["json", "md"].map(|e| std::path::PathBuf::from(format!("/x/ev-2.{e}")));
        let text = super::exported_text(&paths, Some("ev"));
        assert_eq!(
            text,
            "exported as -2, not over another corpus's report: ev-2.json .md in /x"
        );
        // the reason is said before the long names: inside 80 columns
        let id = "2021-09-23-us-envoy-to-haiti-resigns-over-deportations";
        let long = ["json", "md", "html"]
            .map(|e| std::path::PathBuf::from(format!("/home/r/exports/{id}-2.{e}")));
        let text = super::exported_text(&long, Some(id));
        let reason = text.find("another corpus's report:").expect("reason");
        assert!(reason + 24 < 80, "{text}");
        assert!(super::numbered("ev-12", "ev"));
        for (got, want) in [
            ("ev", "ev"),
            ("ev-1", "ev"),
            ("ev-x", "ev"),
            ("other", "ev"),
        ] {
            assert!(!super::numbered(got, want), "{got}");
        }
    }

    #[test]
    fn an_export_inside_the_corpus_folder_is_known() {
        let corpus = tempfile::tempdir().expect("tempdir");
        let elsewhere = tempfile::tempdir().expect("tempdir");
        let inside = corpus.path().join("framediff-exports");
        std::fs::create_dir_all(&inside).expect("mkdir");
        let report = |dir: &std::path::Path| vec![dir.join("ev.json"), dir.join("ev.md")];
        assert!(inside_folder(&report(&inside), corpus.path()));
        // the corpus given as "." or with "..": resolved before comparing
        let dotted = corpus.path().join("framediff-exports/..");
        assert!(inside_folder(&report(&inside), &dotted));
        assert!(!inside_folder(&report(elsewhere.path()), corpus.path()));
        assert!(!inside_folder(&[], corpus.path()));
    }
}
