//! Makes untrusted text (article bodies, headlines, file names) safe to draw.
//!
//! Article text comes from the web and from files nobody here wrote. A stray `ESC ] 52 ;`
//! could set the user's clipboard, `ESC [ 2 J` could wipe the screen, and bidi overrides can
//! make text read differently from what it is. Everything from a corpus passes through
//! [`clean`] before it becomes a span.

use std::borrow::Cow;

/// Zero-width characters (combining marks, joiners) kept in a row; the rest of a longer run is
/// dropped. Real scripts stack a handful (Vietnamese two, Tibetan and Indic conjuncts a few,
/// emoji sequences alternate joiners with pictographs); "Zalgo" text stacks thousands on one
/// letter, which a terminal then receives for one cell on every redraw.
pub const MAX_MARK_RUN: usize = 16;

/// Returns `s` with escape sequences removed, control characters dropped, bidi controls
/// removed, runs of zero-width marks cut to [`MAX_MARK_RUN`] and line breaks / tabs turned
/// into single spaces.
///
/// Borrowed when nothing had to change, which is the common case.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_work) && !has_long_mark_run(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut marks = 0;
    // the end of an escape sequence being skipped (the loader's scanner: `corpus::escapes`)
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if is_mark(c) {
            marks += 1;
            if marks > MAX_MARK_RUN {
                continue;
            }
        } else {
            marks = 0;
        }
        match c {
            // ESC, and the C1 introducers (CSI, OSC, DCS, SOS, PM, APC) with their bodies
            '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                skip_to = i + crate::corpus::escapes::sequence_len(&s[i..]);
            }
            '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`clean`], but keeps line breaks (`\n`) and tabs, so that a multi-line report or
/// message keeps its layout; carriage returns and other line separators are removed.
pub fn clean_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && c != '\t' && needs_work(c)) && !has_long_mark_run(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, part) in line.split('\t').enumerate() {
            if j > 0 {
                out.push('\t');
            }
            out.push_str(&clean(&part.replace('\r', "")));
        }
    }
    Cow::Owned(out)
}

/// JSON text with every character that can act on a terminal or reorder text written as a
/// `\uXXXX` escape: C1 controls, DEL, bidi controls and line separators (a JSON serialiser
/// escapes only C0 controls). The JSON means the same; only its bytes are safe to display.
pub fn json_escape_controls(json: &str) -> Cow<'_, str> {
    let hit = |c: char| {
        c == '\u{7f}'
            || ('\u{80}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{2028}' | '\u{2029}')
            || (is_dropped(c) && !c.is_ascii())
    };
    if !json.chars().any(hit) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hit(c) {
            // all of these are in the Basic Multilingual Plane: one escape each
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A character drawn with no width of its own on the previous one (combining marks, joiners).
fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

/// True when more than [`MAX_MARK_RUN`] zero-width characters follow each other.
fn has_long_mark_run(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        if is_mark(c) {
            run += 1;
            if run > MAX_MARK_RUN {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

fn needs_work(c: char) -> bool {
    c.is_control() || is_dropped(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Characters removed outright: C0/C1 controls, DEL, bidi embeddings/overrides/isolates.
fn is_dropped(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Bidi marks, embeddings, overrides and isolates (Unicode UAX #9): they reorder how text
/// reads, so text from articles is shown without them (right-to-left scripts do not need
/// them to display right).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            clean("Putin said «no»"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn osc52_and_clear_screen_are_removed() {
        let s = "a\x1b]52;c;SGVsbG8=\x07b\x1b[2Jc\x1b]0;title\x1b\\d";
        assert_eq!(clean(s), "abcd");
    }

    #[test]
    fn a_pile_of_combining_marks_is_cut_to_a_few() {
        let zalgo = format!("a{}b", "\u{0301}".repeat(10_000));
        let c = clean(&zalgo);
        assert_eq!(c.chars().count(), 2 + super::MAX_MARK_RUN);
        assert!(c.starts_with('a') && c.ends_with('b'));
        assert_eq!(super::clean_lines(&zalgo), c);
        // Ordinary accents, Devanagari and emoji sequences are left alone.
        for s in ["Việt Nam", "हिन्दी", "👩‍👩‍👧‍👦", "e\u{0301}"] {
            assert!(matches!(clean(s), std::borrow::Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn c1_and_bidi_controls_are_removed() {
        let s = "x\u{9b}31my\u{202e}evil\u{202c}z\u{2066}w\u{2069}";
        assert_eq!(clean(s), "xyevilzw");
    }

    #[test]
    fn unterminated_sequences_do_not_leak() {
        assert_eq!(clean("ok\x1b]52;c;AAAA"), "ok");
        assert_eq!(clean("ok\x1b["), "ok");
    }

    #[test]
    fn clean_lines_keeps_the_layout_and_drops_escapes() {
        use super::clean_lines;
        assert_eq!(
            clean_lines("# T\x1b]52;c;QQ==\x07\n\n| a\t| b\r\n"),
            "# T\n\n| a\t| b\n"
        );
        assert_eq!(clean_lines("x\u{9b}2Jy\u{202e}z"), "xyz");
        assert!(matches!(
            clean_lines("a\n\tb"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_escapes_c1_del_and_bidi() {
        use super::json_escape_controls;
        let raw = serde_json::to_string("a\u{9b}b\u{202e}c\u{7f}d\u{1b}e").unwrap();
        let safe = json_escape_controls(&raw);
        assert!(
            !safe.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{safe}"
        );
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a\u{9b}b\u{202e}c\u{7f}d\u{1b}e",
            "the same string"
        );
    }

    #[test]
    fn newlines_become_single_spaces() {
        assert_eq!(clean("a\r\n\tb\u{0}c"), "a bc");
    }
}
