//! A debug log to a file (`--log FILE` or `FRAMEDIFF_LOG`), never to the terminal.
//!
//! Lines are `+<milliseconds since start> <message>`. Only what the program did is logged
//! (paths, counts, timings, errors), never article text. Without `--log` nothing is written.

use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

struct Log {
    file: Mutex<std::fs::File>,
    start: Instant,
}

static LOG: OnceLock<Log> = OnceLock::new();

/// Opens (appends to) the log file. Call once, before anything is logged.
pub fn init(path: &Path) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    let _ = LOG.set(Log {
        file: Mutex::new(file),
        start: Instant::now(),
    });
    debug(format_args!(
        "framediff {} started, pid {}",
        env!("CARGO_PKG_VERSION"),
        std::process::id()
    ));
    Ok(())
}

/// True when a log file is open.
pub fn enabled() -> bool {
    LOG.get().is_some()
}

/// Writes one line to the log, if there is one. Write errors are ignored: logging never
/// changes what the program does.
pub fn debug(args: std::fmt::Arguments<'_>) {
    if let Some(log) = LOG.get()
        && let Ok(mut f) = log.file.lock()
    {
        let ms = log.start.elapsed().as_millis();
        let line = format!("+{ms:>7}ms {args}");
        let line = crate::ui::sanitize::clean(&line);
        let _ = writeln!(f, "{line}");
    }
}
