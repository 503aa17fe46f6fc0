//! The terminal runtime: sets the terminal up, runs the event loop, executes effects.
//!
//! [`run_loop`] is generic over the backend and the input stream, so tests drive the real loop
//! with a `TestBackend` and a scripted stream of key events (as helix and television do).

pub mod runner;
pub mod terminal;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use tokio::sync::mpsc::unbounded_channel;

use crate::app::session::{Session, SessionWriter};
use crate::app::{Action, AppState, Effect};
use crate::config::{self, Config};
use crate::ui::{self, HitMap};
pub use runner::Runner;

/// Command-line switches for the TUI (the CLI maps its flags onto these).
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Theme name (dark, light, colour-blind), overriding the config file.
    pub theme: Option<String>,
    /// Do not capture the mouse (keeps the terminal's own text selection).
    pub no_mouse: bool,
    /// Use this config file instead of `$XDG_CONFIG_HOME/framediff/config.toml`.
    pub config: Option<PathBuf>,
    /// Do not watch the corpus for changes.
    pub no_watch: bool,
    /// Things the command line assumed, shown on the Problems screen (e.g. "no ./corpus
    /// here: the built-in sample corpus").
    pub notes: Vec<String>,
    /// Sentence-embedding model folder (`--model`, `FRAMEDIFF_MODEL`), over the config's.
    pub model: Option<PathBuf>,
}

/// How the TUI ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal ended it (its number: 1 SIGHUP, 2 SIGINT, 3 SIGQUIT, 10 SIGUSR1, 12 SIGUSR2,
    /// 14 SIGALRM, 15 SIGTERM); the process should exit with 128 + the number, as shells
    /// expect.
    Signal(i32),
}

/// Opens the TUI on the corpus at `path` with default options.
pub fn run(path: &Path) -> anyhow::Result<Exit> {
    run_with(path, &TuiOptions::default())
}

/// Loads the configuration (defaults + user file + options) and reports what was ignored.
pub fn load_config(opts: &TuiOptions) -> (Config, Vec<String>) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let user = opts.config.clone().or_else(config::user_config_path);
    let (mut cfg, mut warnings) = Config::load(user.as_deref(), no_color);
    if let Some(t) = &opts.theme
        && let Err(e) = cfg.set_theme(t, no_color)
    {
        warnings.push(e);
    }
    if opts.no_mouse {
        cfg.mouse = false;
    }
    if opts.no_watch {
        cfg.watch = false;
    }
    // `--model lexical` (or `--no-model`, or `model = "lexical"`) compares lexically
    if let Some(model) = opts
        .model
        .clone()
        .or_else(|| cfg.model.clone())
        .filter(|m| !crate::cli::model::is_lexical(m))
    {
        match crate::analysis::Backend::open(Some(&model)) {
            Ok(b) => cfg.similarity = b,
            Err(e) => warnings.push(format!("{e}; comparing lexically")),
        }
    }
    warnings.extend(opts.notes.iter().cloned());
    (cfg, warnings)
}

/// Opens the TUI on the corpus at `path`. The terminal is restored however this returns.
pub fn run_with(path: &Path, opts: &TuiOptions) -> anyhow::Result<Exit> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        anyhow::bail!(
            "the interactive view needs a terminal; for scripts use `framediff check`, \
             `framediff events` or `framediff compare`"
        );
    }
    let (cfg, warnings) = load_config(opts);
    let mouse = cfg.mouse;
    let (session_path, resume) =
        crate::app::session::open(crate::cache::enabled_root().as_deref(), path);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let mut guard = terminal::TerminalGuard::enter(mouse)?;
    let result = rt.block_on(async {
        // Installed before anything is drawn (see `terminate_signal`).
        let stop = terminate_signal();
        let backend = ratatui::backend::CrosstermBackend::new(io::stdout());
        let mut term = Terminal::new(backend)?;
        let size = term.size()?;
        let (mut state, effects) =
            AppState::new(path.to_path_buf(), cfg, warnings, (size.width, size.height));
        state.resume = resume;
        state.session_file = session_path;
        state.illustrative = crate::report::illustrative_note(path);
        let input = ratatui::crossterm::event::EventStream::new();
        // SIGTERM / SIGHUP / SIGINT (and the other terminating signals a process can catch)
        // end the loop like `q` (after the saves in flight), so the terminal is restored and
        // nothing the user wrote is lost.
        let mut suspend = || guard.suspend();
        let looped =
            run_loop_suspending(&mut term, input, state, effects, stop, &mut suspend).await;
        // ratatui's Terminal shows the cursor again when dropped and, if it cannot, reports it
        // with `eprintln!`, which panics on a closed stderr (a hung-up terminal: exit 101).
        // The guard restores the cursor anyway; a terminal that cannot take it is gone.
        if term.show_cursor().is_err() {
            std::mem::forget(term);
        }
        // the view was kept by the loop as it changed, and last as the loop ended
        let (_, signal) = looped?;
        Ok::<_, anyhow::Error>(match signal {
            Some(n) => {
                crate::cli::log::debug(format_args!("signal {n}: leaving"));
                Exit::Signal(n)
            }
            None => Exit::Quit,
        })
    });
    let restored = guard.leave();
    // Background jobs (a long analysis) must not keep the process alive after quit.
    rt.shutdown_timeout(Duration::from_millis(100));
    match (&result, restored) {
        // A hang-up closed the terminal: there is nothing left to restore.
        (Ok(Exit::Signal(_)), Err(e)) => {
            crate::cli::log::debug(format_args!("terminal not restored: {e}"));
        }
        (_, r) => r?,
    }
    result
}

/// The event loop: input and finished jobs become actions, actions update the state, effects
/// go to the runner; the screen is redrawn only after something changed, once per batch.
///
/// Returns the final state when the user quits, or when `input` ends and no job is running.
pub async fn run_loop<B, S>(
    terminal: &mut Terminal<B>,
    input: S,
    state: AppState,
    effects: Vec<Effect>,
) -> anyhow::Result<AppState>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
{
    run_loop_until(terminal, input, state, effects, std::future::pending())
        .await
        .map(|(state, _)| state)
}

/// How long a signal waits for annotation saves in flight before the process leaves anyway.
pub const SIGNAL_SAVE_WAIT: Duration = Duration::from_secs(5);

/// How long a failed terminal read or write waits for the SIGHUP that usually follows it.
const HANGUP_GRACE: Duration = Duration::from_millis(500);

/// [`run_loop`] that also ends when `stop` resolves (a signal: its number is returned), after
/// the annotation saves in flight have landed (at most [`SIGNAL_SAVE_WAIT`]).
pub async fn run_loop_until<B, S, F>(
    terminal: &mut Terminal<B>,
    input: S,
    state: AppState,
    effects: Vec<Effect>,
    stop: F,
) -> anyhow::Result<(AppState, Option<i32>)>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
    F: std::future::Future<Output = i32>,
{
    let mut no_suspend = || {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "this view is not on a terminal",
        ))
    };
    run_loop_suspending(terminal, input, state, effects, stop, &mut no_suspend).await
}

/// [`run_loop_until`] that suspends on Ctrl-z ([`AppState::suspend`]): `suspend` leaves the
/// terminal, stops the process and returns once it is continued, with the terminal taken
/// again ([`terminal::TerminalGuard::suspend`]); the screen is then drawn whole. An error of
/// `suspend` is shown on the status line. A SIGCONT after a stop framediff did not ask for
/// (`kill -STOP`, a SIGTSTP from outside) also draws the screen whole.
pub async fn run_loop_suspending<B, S, F>(
    terminal: &mut Terminal<B>,
    mut input: S,
    mut state: AppState,
    effects: Vec<Effect>,
    stop: F,
    suspend: &mut dyn FnMut() -> io::Result<()>,
) -> anyhow::Result<(AppState, Option<i32>)>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
    F: std::future::Future<Output = i32>,
{
    let mut continued = continue_signal();
    let (tx, mut rx) = unbounded_channel::<Action>();
    let runner = Runner::new(tx).with_similarity(state.config.similarity.clone());
    for e in effects {
        runner.run(e);
    }
    let mut hits = HitMap::default();
    let mut keeper = SessionKeeper::new(&state);
    let mut dirty = true;
    let mut input_done = false;
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mouse = state.config.mouse;
    let mut stop = std::pin::pin!(stop);
    let mut signal = None;
    let mut failure: Option<anyhow::Error> = None;
    loop {
        if dirty {
            if let Err(e) = terminal.draw(|f| hits = ui::draw(f, &state)) {
                failure = Some(e.into());
                break;
            }
            dirty = false;
        }
        keeper.after_change(&state, &runner);
        if state.quit {
            break;
        }
        if std::mem::take(&mut state.suspend) {
            if let Err(e) = suspend() {
                state.status = Some(crate::app::Status {
                    text: format!("cannot suspend: {e}"),
                    error: true,
                });
            }
            // the shell wrote over the screen while framediff was stopped
            if let Err(e) = forget_screen(terminal) {
                failure = Some(e.into());
                break;
            }
            dirty = true;
            continue;
        }
        if input_done && runner.idle() && rx.is_empty() {
            break;
        }
        let first = tokio::select! {
            ev = input.next(), if !input_done => match ev {
                Some(Ok(ev)) => translate(ev, &hits, mouse),
                Some(Err(e)) => {
                    failure = Some(e.into());
                    break;
                }
                None => { input_done = true; None }
            },
            Some(a) = rx.recv() => Some(a),
            _ = ticker.tick(), if state.animating() => Some(Action::Tick),
            n = &mut stop, if signal.is_none() => {
                signal = Some(n);
                break;
            }
            Some(()) = continued.recv() => {
                if let Err(e) = forget_screen(terminal) {
                    failure = Some(e.into());
                    break;
                }
                dirty = true;
                None
            }
            // Wake up to notice idleness once the scripted input has ended.
            _ = tokio::time::sleep(Duration::from_millis(20)), if input_done => None,
        };
        let Some(first) = first else { continue };
        // Apply every finished job that is already waiting before drawing again. (Input is
        // not polled here: crossterm's EventStream keeps the first waker it was polled with,
        // so polling it with a throwaway waker would lose wake-ups.)
        let mut batch = vec![first];
        while let Ok(a) = rx.try_recv() {
            batch.push(a);
        }
        for a in batch {
            let tick = matches!(a, Action::Tick);
            for e in state.update(a) {
                runner.run(e);
            }
            dirty |= !tick || state.animating();
            if state.quit {
                break;
            }
        }
    }
    if let Some(e) = failure {
        // A hung-up terminal fails reads and writes a moment before its SIGHUP arrives: that
        // is the signal's exit, not an error.
        match tokio::time::timeout(HANGUP_GRACE, stop.as_mut()).await {
            Ok(n) => signal = Some(n),
            Err(_) => return Err(e),
        }
    }
    if signal.is_some() {
        wait_for_saves(&mut state, &mut rx, &runner).await;
    }
    keeper.on_exit(&state);
    Ok((state, signal))
}

/// Applies finished jobs until no annotation save is in flight (or [`SIGNAL_SAVE_WAIT`]).
async fn wait_for_saves(
    state: &mut AppState,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<Action>,
    runner: &Runner,
) {
    let deadline = tokio::time::Instant::now() + SIGNAL_SAVE_WAIT;
    while state.saving.in_flight > 0 {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(a)) => {
                // Only saves matter now; other results are dropped with the loop.
                if matches!(a, Action::AnnotationsSaved(_)) {
                    for e in state.update(a) {
                        runner.run(e);
                    }
                }
            }
            Ok(None) | Err(_) => break,
        }
    }
}

/// Keeps the view (open event, place, pinned and hidden outlets) on disk as it changes, so the
/// next start comes back to it however this one ends: `q`, a signal, a closed terminal.
struct SessionKeeper {
    writer: Option<Arc<SessionWriter>>,
    last: Option<Session>,
    generation: u64,
}

impl SessionKeeper {
    fn new(state: &AppState) -> SessionKeeper {
        SessionKeeper {
            writer: state
                .session_file
                .clone()
                .map(|p| Arc::new(SessionWriter::new(p))),
            last: state.resume.clone(),
            generation: 0,
        }
    }

    /// Starts a background save when the settled view differs from the last one kept.
    fn after_change(&mut self, state: &AppState, runner: &Runner) {
        let Some(writer) = &self.writer else { return };
        let Some(now) = state.settled_session() else {
            return;
        };
        if self.last.as_ref() != Some(&now) {
            self.generation += 1;
            self.last = Some(now.clone());
            runner.save_session(writer.clone(), self.generation, now);
        }
    }

    /// The final view, written before the loop returns (newer than any save in flight).
    fn on_exit(&self, state: &AppState) {
        if let (Some(writer), Some(now)) = (&self.writer, state.settled_session())
            && let Err(e) = writer.save(u64::MAX, &now)
        {
            crate::cli::log::debug(format_args!("session not saved: {e}"));
        }
    }
}

/// Terminal event -> action; mouse positions are resolved with the last frame's hit map.
fn translate(ev: Event, hits: &HitMap, mouse: bool) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(Action::Key(k)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(m) if mouse => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => hits.at(m.column, m.row).map(Action::Click),
            MouseEventKind::ScrollDown => hits.at(m.column, m.row).map(|t| Action::Scroll(t, 1)),
            MouseEventKind::ScrollUp => hits.at(m.column, m.row).map(|t| Action::Scroll(t, -1)),
            // Shift+wheel or a trackpad swipe: move between outlet columns.
            MouseEventKind::ScrollLeft => Some(Action::Command(crate::app::Command::Left)),
            MouseEventKind::ScrollRight => Some(Action::Command(crate::app::Command::Right)),
            _ => None,
        },
        _ => None,
    }
}

/// Resolves with the signal's number when the process is asked to stop by a signal.
///
/// The handlers are installed when this is called, not when the future is first polled: a
/// hang-up that arrives before the first poll (right after the first draw) would otherwise
/// meet the default action and kill the process without restoring the terminal. Must be
/// called inside the tokio runtime.
fn terminate_signal() -> impl std::future::Future<Output = i32> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        // Every signal whose default action ends the process and that a process can catch,
        // but SIGPIPE: the Rust runtime ignores it (a write to a closed pipe is an error), so
        // it never ends framediff and leaves the terminal as it is.
        let kinds = [
            (SignalKind::terminate(), 15),
            (SignalKind::hangup(), 1),
            (SignalKind::interrupt(), 2),
            (SignalKind::quit(), 3),
            (SignalKind::user_defined1(), 10),
            (SignalKind::user_defined2(), 12),
            (SignalKind::alarm(), 14),
        ];
        let mut got: Vec<_> = kinds
            .into_iter()
            .filter_map(|(kind, n)| signal(kind).ok().map(|s| (s, n)))
            .collect();
        async move {
            if got.is_empty() {
                std::future::pending::<()>().await;
            }
            let waits = got.iter_mut().map(|(s, n)| {
                let n = *n;
                Box::pin(async move {
                    s.recv().await;
                    n
                })
            });
            futures_util::future::select_all(waits).await.0
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
            2
        }
    }
}

/// Clears the screen and forgets what was drawn, so the next draw writes every cell: after a
/// stop, the shell has written over the screen. (Not `Terminal::clear`: it asks the terminal
/// for the cursor position, and the answer goes to the input stream, which is reading: the
/// question times out and ends the view.)
fn forget_screen<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    terminal
        .backend_mut()
        .clear_region(ratatui::backend::ClearType::All)?;
    // the buffer of the last frame is reset (both are then empty, as is the screen)
    terminal.swap_buffers();
    Ok(())
}

/// One `()` each time the process is continued (SIGCONT), so the loop draws the screen whole
/// after a stop; a channel that never yields where signals cannot be caught. Must be called
/// inside the tokio runtime.
fn continue_signal() -> tokio::sync::mpsc::UnboundedReceiver<()> {
    let (tx, rx) = unbounded_channel();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut s) = signal(SignalKind::from_raw(rustix::process::Signal::CONT.as_raw())) {
            tokio::spawn(async move {
                while s.recv().await.is_some() {
                    if tx.send(()).is_err() {
                        break;
                    }
                }
            });
        }
    }
    #[cfg(not(unix))]
    drop(tx);
    rx
}
