//! The one way human-readable CLI output leaves the process.
//!
//! Article text, titles, file and folder names and error messages quoting them are untrusted:
//! everything written to stdout as text (listings, Markdown and HTML reports) passes through
//! [`Sanitized`], everything written to stderr through [`warn`] / [`error`], and JSON through
//! [`json`]. Escape sequences and control characters are removed (text) or escaped (JSON).

use std::fmt::Display;
use std::io::{self, Write};

use crate::ui::sanitize::{clean_lines, json_escape_controls};

/// A writer that removes escape sequences and control characters (line breaks and tabs kept)
/// from what passes through it, one line at a time.
pub struct Sanitized<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Sanitized<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(clean_lines(&text).as_bytes())
    }

    /// Writes out what is left (a last line without a line break) and flushes.
    pub fn finish(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.emit(&rest)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Sanitized<W> {
    fn drop(&mut self) {
        // errors were reported by `finish` where the caller cares (a closed pipe, here, not)
        let _ = self.finish();
    }
}

impl<W: Write> Write for Sanitized<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            let rest = self.pending.split_off(last + 1);
            let lines = std::mem::replace(&mut self.pending, rest);
            self.emit(&lines)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // a partial line waits for its end: an escape sequence may continue in the next write
        self.inner.flush()
    }
}

/// Sanitised standard output.
pub fn stdout() -> Sanitized<io::StdoutLock<'static>> {
    Sanitized::new(io::stdout().lock())
}

/// `text` with escape sequences and control characters removed, layout kept.
pub fn text(text: &str) -> String {
    clean_lines(text).into_owned()
}

/// JSON text whose C1, DEL and bidi characters are `\uXXXX` escapes (same JSON value).
pub fn json(json: String) -> String {
    match json_escape_controls(&json) {
        std::borrow::Cow::Borrowed(_) => json,
        std::borrow::Cow::Owned(s) => s,
    }
}

/// "framediff: MESSAGE" on stderr, sanitised.
pub fn warn(message: impl Display) {
    let line = format!("framediff: {message}");
    let _ = writeln!(io::stderr().lock(), "{}", clean_lines(&line));
}

/// A line on stderr as it is (a diagnostic's own format), sanitised.
pub fn eline(message: impl Display) {
    let line = message.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", clean_lines(&line));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_cleans_across_writes_and_keeps_lines() {
        let mut buf = Vec::new();
        {
            let mut w = Sanitized::new(&mut buf);
            w.write_all(b"title \x1b]52;c;SGVs").unwrap();
            w.write_all(b"bG8=\x07 end\n\xc2\x9b2Jsecond\tline\r\nlast \x1b[31mred")
                .unwrap();
            // the last line, without a line break, is written when the writer goes
        }
        let out = String::from_utf8(buf).unwrap();
        assert_eq!(out, "title  end\nsecond\tline\nlast red");
    }
}
