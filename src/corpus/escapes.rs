//! Terminal control sequences and control characters in article files.
//!
//! Text from the web or a scraper sometimes carries what a terminal would act on: `ESC [ 2 J`
//! (clear the screen), `ESC ] 52 ; …` (set the clipboard), a bell. The drawing code drops such
//! bytes wherever text is printed (`ui::sanitize`), but dropping only the `ESC` byte there
//! would leave `[2J[31m` in a claim. So the loader removes each whole sequence once, when
//! the file is read: from the front matter (whose values need no offsets) and, blanked to
//! spaces of the same byte length, from the body (so a claim's offsets still point into the
//! file). Sequences follow ECMA-48: CSI (`ESC [` … final byte `@`..`~`), OSC, DCS, SOS, PM
//! and APC strings (up to BEL or the string terminator), two- and three-byte escapes, and
//! their one-character C1 forms.

use std::ops::Range;

/// True for a control character the loader removes: C0 and C1 controls and DEL, except tab,
/// line feed and carriage return, which are layout.
fn is_removed_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Byte ranges in `s` of control sequences and of lone control characters (tab, line feed
/// and carriage return excepted), in order, not overlapping. Empty for ordinary text.
pub fn control_spans(s: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    if !s.contains(is_removed_control) {
        return spans;
    }
    let mut at = 0;
    while let Some(i) = s[at..].find(is_removed_control).map(|i| at + i) {
        let end = i + sequence_len(&s[i..]);
        spans.push(i..end);
        at = end;
    }
    spans
}

/// The length in bytes of the control sequence `rest` starts with: an escape sequence or
/// a C1 introducer with its body (ECMA-48), else the one character. `rest` must not be empty.
/// Shared with the drawing code (`ui::sanitize`), which drops the same sequences.
pub fn sequence_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().peekable();
    let Some((_, c)) = chars.next() else {
        return 0;
    };
    match c {
        '\u{1b}' => match chars.peek().map(|&(_, n)| n) {
            Some('[') => {
                chars.next();
                skip_csi(&mut chars);
            }
            Some(']' | 'P' | 'X' | '^' | '_') => {
                chars.next();
                skip_string(&mut chars);
            }
            Some('(' | ')' | '*' | '+' | '#' | '%') => {
                chars.next();
                chars.next();
            }
            Some(n) if ('0'..='~').contains(&n) => {
                chars.next();
            }
            _ => {}
        },
        '\u{9b}' => skip_csi(&mut chars),
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
        _ => {}
    }
    chars.peek().map_or(rest.len(), |&(i, _)| i)
}

type CharIndices<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// CSI: parameter and intermediate bytes, then one final byte in `@`..=`~`; stops before
/// anything that cannot belong to one (a malformed sequence ends there).
fn skip_csi(chars: &mut CharIndices<'_>) {
    while let Some(&(_, c)) = chars.peek() {
        if ('@'..='~').contains(&c) {
            chars.next();
            return;
        }
        if !(' '..='?').contains(&c) {
            return;
        }
        chars.next();
    }
}

/// A control string: everything up to and including BEL or the string terminator (`ESC \`
/// or U+009C); stops before a line break, which no real string holds, so a stray `ESC ]`
/// costs at most the rest of its line.
fn skip_string(chars: &mut CharIndices<'_>) {
    while let Some(&(_, c)) = chars.peek() {
        match c {
            '\n' | '\r' => return,
            '\u{07}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                if chars.peek().is_some_and(|&(_, n)| n == '\\') {
                    chars.next();
                }
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

/// `s` with each control sequence and lone control character removed whole (tab, line feed
/// and carriage return kept): [`remove`] over [`control_spans`]. Borrowed when there are none.
pub fn strip(s: &str) -> std::borrow::Cow<'_, str> {
    let spans = control_spans(s);
    if spans.is_empty() {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(remove(s, &spans))
    }
}

/// `s` with the `spans` removed.
pub fn remove(s: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for r in spans {
        out.push_str(&s[at..r.start]);
        at = r.end;
    }
    out.push_str(&s[at..]);
    out
}

/// `s` with each byte of the `spans` replaced by a space: the text keeps its length, so
/// offsets into it stay valid.
pub fn blank(s: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for r in spans {
        out.push_str(&s[at..r.start]);
        out.extend(std::iter::repeat_n(' ', r.len()));
        at = r.end;
    }
    out.push_str(&s[at..]);
    out
}

/// The 1-based line of byte `offset` in `s`, counting from `first_line`.
pub fn line_of(s: &str, offset: usize, first_line: usize) -> usize {
    first_line + s[..offset].bytes().filter(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(s: &str) -> String {
        remove(s, &control_spans(s))
    }

    #[test]
    fn whole_sequences_are_removed_not_only_their_escape_byte() {
        assert_eq!(
            removed("Evil \u{1b}]52;c;aGVsbG8=\u{7}clip \u{1b}[2J\u{1b}[31mRED\u{1b}[0m title"),
            "Evil clip RED title"
        );
        assert_eq!(
            removed("morning \u{1b}]0;PWNED\u{1b}\\ and \u{1b}[?1049l alt off."),
            "morning  and  alt off."
        );
        // C1 forms, a charset selection, a two-byte escape, a lone bell and DEL
        assert_eq!(
            removed("a\u{9b}31mb\u{1b}(Bc\u{1b}7d\u{7}e\u{7f}f"),
            "abcdef"
        );
        // layout stays; ordinary text is untouched
        assert_eq!(removed("line\tone\r\nline two"), "line\tone\r\nline two");
        assert!(control_spans("Путин сказал «нет»").is_empty());
    }

    #[test]
    fn an_unterminated_string_ends_at_its_line() {
        let s = "title \u{1b}]0;never closed\nnext line";
        assert_eq!(removed(s), "title \nnext line");
    }

    #[test]
    fn blanking_keeps_offsets() {
        let s = "The bridge \u{1b}[31mcollapsed\u{1b}[0m on Monday.";
        let b = blank(s, &control_spans(s));
        assert_eq!(b.len(), s.len());
        assert_eq!(b.find("collapsed"), s.find("collapsed"));
        assert_eq!(
            b.split_whitespace().collect::<Vec<_>>().join(" "),
            "The bridge collapsed on Monday."
        );
        assert_eq!(line_of("a\nb\nc", 4, 5), 7);
    }
}
