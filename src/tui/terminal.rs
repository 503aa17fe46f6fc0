//! Entering and leaving the full-screen terminal mode, on every exit path.
//!
//! [`TerminalGuard`] restores the terminal when dropped (normal return, `?` errors, unwinding)
//! and [`install_panic_hook`] restores it before a panic message is printed, so the message is
//! readable and the shell is usable afterwards.

use std::io::{self, Write};
use std::sync::{Mutex, Once};
use std::thread::ThreadId;

use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Holds the terminal in raw mode on the alternate screen; restores it on drop.
pub struct TerminalGuard {
    mouse: bool,
    active: bool,
}

impl TerminalGuard {
    /// Raw mode, alternate screen, hidden cursor and (optionally) mouse capture.
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        install_panic_hook();
        if let Ok(mut t) = UI_THREAD.lock() {
            *t = Some(std::thread::current().id());
        }
        enable_raw_mode()?;
        let guard = TerminalGuard {
            mouse,
            active: true,
        };
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(guard)
    }

    /// Ctrl-z: restores the terminal, stops framediff's process group with SIGTSTP (as the
    /// shell's own Ctrl-z would: the shell takes the terminal back) and, once the shell
    /// continues it (`fg`), takes the terminal again. Where nothing can continue it (a
    /// process group without a job-control shell: the system drops the SIGTSTP) it comes
    /// back at once.
    pub fn suspend(&mut self) -> io::Result<()> {
        if !self.active {
            return Ok(());
        }
        restore(self.mouse)?;
        let stopped = stop_process_group();
        // taken again even when the stop failed: the view goes on
        enable_raw_mode()?;
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
        if self.mouse {
            execute!(out, EnableMouseCapture)?;
        }
        stopped
    }

    /// Restores now (also done on drop); errors are returned, not printed.
    pub fn leave(&mut self) -> io::Result<()> {
        if !self.active {
            return Ok(());
        }
        self.active = false;
        if let Ok(mut t) = UI_THREAD.lock() {
            *t = None;
        }
        restore(self.mouse)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = self.leave();
    }
}

/// Leaves every mode framediff may have entered; safe to call more than once.
pub fn restore(mouse: bool) -> io::Result<()> {
    let mut out = io::stdout();
    let r1 = if mouse {
        execute!(out, DisableMouseCapture)
    } else {
        Ok(())
    };
    let r2 = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let r3 = disable_raw_mode();
    let _ = out.flush();
    r1.and(r2).and(r3)
}

/// Sends SIGTSTP to framediff's process group and returns when it is continued (SIGCONT).
#[cfg(unix)]
fn stop_process_group() -> io::Result<()> {
    rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)
        .map_err(io::Error::from)
}

#[cfg(not(unix))]
fn stop_process_group() -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no job control on this system",
    ))
}

/// The thread that owns the terminal while a [`TerminalGuard`] is active.
static UI_THREAD: Mutex<Option<ThreadId>> = Mutex::new(None);

/// On a panic in the UI thread: restore the terminal, then print the panic as usual.
/// Panics in worker threads while the UI is up (a failing analysis) are reported in the UI
/// instead, so they are not printed over the screen. Without an active UI the previous hook
/// runs unchanged.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let owner = UI_THREAD.lock().ok().and_then(|t| *t);
            match owner {
                Some(id) if id == std::thread::current().id() => {
                    let _ = restore(true);
                    previous(info);
                }
                Some(_) => {}
                None => previous(info),
            }
        }));
    });
}
