//! Markdown inline markup out of an article body, with byte offsets kept.
//!
//! Design: the body of a Markdown article stays a verbatim slice of the file
//! ([`TextOrigin::Verbatim`](super::model::TextOrigin)), but every byte of inline markup a
//! reader does not see is replaced by an ASCII space: link and image syntax (`[text](url)`
//! keeps `text`; `![alt](src)` and reference definitions `[id]: url` go whole), emphasis
//! delimiters (`*`, `**`, `_`, `__`, `~~`), code-span backticks, inline HTML tags and
//! backslash escapes. The body therefore has exactly the file's length, so
//! `body[i]` is `file[start + i]` for every visible character, and `Article::file_range`
//! stays a plain shift. What the blanking leaves behind is runs of spaces; claim text is
//! whitespace-normalised for display (`analysis::sentences::display_text`).
//!
//! Block markers (`#`, `>`, list bullets) are kept: the sentence splitter reads them as
//! boundaries and leaves them out of sentences itself.

/// Blanks the inline markup of `text` (see the module documentation); the result has the
/// same length in bytes, and every byte is either the original one or a space.
pub fn blank_inline(text: &str) -> String {
    let b = text.as_bytes();
    let mut blank = vec![false; b.len()];
    let mut fence = false;
    let mut line_start = 0;
    // fenced code blocks and reference definitions are decided line by line
    let mut lines: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, is code)
    while line_start <= b.len() {
        let end = text[line_start..]
            .find('\n')
            .map_or(b.len(), |i| line_start + i);
        let line = &text[line_start..end];
        let t = line.trim_start();
        let is_fence = t.starts_with("```") || t.starts_with("~~~");
        if is_fence {
            fence = !fence;
            lines.push((line_start, end, true));
        } else {
            lines.push((line_start, end, fence));
            if !fence && is_reference_definition(line) {
                blank[line_start..end].iter_mut().for_each(|x| *x = true);
            }
        }
        if end == b.len() {
            break;
        }
        line_start = end + 1;
    }
    let in_code = |pos: usize| {
        // lines are in order: the last one starting at or before `pos` holds it
        let k = lines.partition_point(|(s, _, _)| *s <= pos);
        k > 0 && lines[k - 1].2
    };

    // emphasis delimiter runs waiting for a closer: (char, start, len)
    let mut openers: Vec<(u8, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if blank[i] {
            i += 1;
            continue;
        }
        if c == b'\n' && b.get(i + 1) == Some(&b'\n') {
            openers.clear(); // emphasis never crosses a paragraph
        }
        match c {
            b'\\' if b.get(i + 1).is_some_and(u8::is_ascii_punctuation) && !in_code(i) => {
                blank[i] = true;
                i += 2;
                continue;
            }
            b'`' => {
                let n = run(b, i, b'`');
                if in_code(i) {
                    // a fence or a line of a code block: no code span there
                    i += n;
                    continue;
                }
                if let Some(close) = find_run(b, i + n, b'`', n) {
                    blank[i..i + n].iter_mut().for_each(|x| *x = true);
                    blank[close..close + n].iter_mut().for_each(|x| *x = true);
                    i = close + n;
                } else {
                    i += n;
                }
                continue;
            }
            b'!' if b.get(i + 1) == Some(&b'[') && !in_code(i) => {
                if let Some((_, end)) = link_at(text, i + 1) {
                    blank[i..end].iter_mut().for_each(|x| *x = true);
                    i = end;
                    continue;
                }
            }
            b'[' if !in_code(i) => {
                if let Some(end) = footnote_ref_at(text, i) {
                    blank[i..end].iter_mut().for_each(|x| *x = true);
                    i = end;
                    continue;
                }
                if let Some((text_end, end)) = link_at(text, i) {
                    blank[i] = true;
                    blank[text_end..end].iter_mut().for_each(|x| *x = true);
                }
            }
            b'<' if !in_code(i) => {
                if let Some(end) = tag_at(text, i) {
                    let inner = &text[i + 1..end - 1];
                    if let Some(close) = raw_text_end(text, i, end) {
                        // a script or style element: its content is no text a reader sees
                        blank[i..close].iter_mut().for_each(|x| *x = true);
                        i = close;
                        continue;
                    }
                    if inner.contains("://") || inner.starts_with("mailto:") {
                        // an autolink: the address is what the reader sees
                        blank[i] = true;
                        blank[end - 1] = true;
                    } else {
                        blank[i..end].iter_mut().for_each(|x| *x = true);
                    }
                    i = end;
                    continue;
                }
            }
            b'*' | b'_' | b'~' if !in_code(i) => {
                let n = run(b, i, c);
                let before = text[..i].chars().next_back();
                let after = text[i + n..].chars().next();
                let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
                let punct = |c: Option<char>| c.is_some_and(|c| c.is_ascii_punctuation());
                let left = !ws(after) && (!punct(after) || ws(before) || punct(before));
                let right = !ws(before) && (!punct(before) || ws(after) || punct(after));
                let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                let (can_open, can_close) = if c == b'_' {
                    (left && !alnum(before), right && !alnum(after))
                } else {
                    (left, right)
                };
                let valid_len = c != b'~' || n == 2;
                if valid_len
                    && can_close
                    && let Some(pos) = openers.iter().rposition(|&(oc, _, on)| oc == c && on == n)
                {
                    let (_, os, on) = openers[pos];
                    openers.truncate(pos);
                    blank[os..os + on].iter_mut().for_each(|x| *x = true);
                    blank[i..i + n].iter_mut().for_each(|x| *x = true);
                } else if valid_len && can_open {
                    openers.push((c, i, n));
                }
                i += n;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut k = 0;
    while k < b.len() {
        if blank[k] {
            out.push_str(&text[from..k]);
            let mut e = k;
            while e < b.len() && blank[e] {
                e += 1;
            }
            // blanked ranges start and end at ASCII markup, so they are char boundaries;
            // a newline inside one (a wrapped link text) is kept as a line break
            for &byte in &b[k..e] {
                out.push(if byte == b'\n' { '\n' } else { ' ' });
            }
            from = e;
            k = e;
        } else {
            k += 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// The text of an ATX heading line (`## Title ##` -> `Title`): one to six `#` and a space
/// (or nothing) after them, the optional closing `#` run left out; `None` for any other line.
pub fn atx_heading(line: &str) -> Option<&str> {
    let t = line.trim();
    let hashes = t.bytes().take_while(|&c| c == b'#').count();
    let rest = &t[hashes..];
    if !(1..=6).contains(&hashes) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let closing = rest.trim_end_matches('#');
    let text = if closing.is_empty() || closing.ends_with([' ', '\t']) {
        closing.trim_end()
    } else {
        rest
    };
    Some(text)
}

/// Blanks the block structures of a Markdown body that are not prose, so no sentence of them
/// becomes a claim: headings (ATX `# …` and setext, the text line and its underline), fenced
/// code blocks (``` or ~~~, fences included; an unclosed fence runs to the end, as in
/// CommonMark), tables (GitHub's: a header row with `|`, a delimiter row such as `|---|:--:|`,
/// and the rows after them up to a blank line) and thematic breaks (`---`, `***`, `___`).
/// Every byte of such a line except its line feed becomes a space, so the result has the
/// length of `text` and offsets stay exact, as with [`blank_inline`]. Block quotes and list
/// items are prose and are kept.
pub fn blank_blocks(text: &str) -> String {
    let lines = line_ranges(text);
    let mut blank = vec![false; lines.len()];
    let mut fence: Option<(u8, usize)> = None; // (fence char, run length) of the open fence
    let mut i = 0;
    while i < lines.len() {
        let line = &text[lines[i].clone()];
        let t = line.trim_start();
        let indent = line.len() - t.len();
        if let Some((c, n)) = fence {
            blank[i] = true;
            if indent < 4
                && run(t.as_bytes(), 0, c) >= n
                && t.trim_start_matches(c as char).trim().is_empty()
            {
                fence = None;
            }
            i += 1;
            continue;
        }
        if indent < 4
            && let Some(open) = fence_open(t)
        {
            fence = Some(open);
            blank[i] = true;
        } else if indent < 4 && (atx_heading(t).is_some() || is_thematic_break(t)) {
            blank[i] = true;
        } else if i + 1 < lines.len() && !t.is_empty() {
            let next = &text[lines[i + 1].clone()];
            if t.contains('|') && is_table_delimiter(next) {
                let mut j = i;
                while j < lines.len() && !text[lines[j].clone()].trim().is_empty() {
                    blank[j] = true;
                    j += 1;
                }
                i = j;
                continue;
            }
            if is_setext_underline(next) && (i == 0 || text[lines[i - 1].clone()].trim().is_empty())
            {
                blank[i] = true;
                blank[i + 1] = true;
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    let mut out = text.as_bytes().to_vec();
    for (k, r) in lines.iter().enumerate() {
        if blank[k] {
            out[r.clone()].iter_mut().for_each(|b| *b = b' ');
        }
    }
    // whole lines (without their line feed) became ASCII spaces: still UTF-8
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The byte ranges of the lines of `text`, without their `\n`.
fn line_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..text.len());
    out
}

/// A line opening a fenced code block (already trimmed at the start): its fence character and
/// run length.
fn fence_open(t: &str) -> Option<(u8, usize)> {
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = run(t.as_bytes(), 0, c);
    // a backtick fence's info string has no backtick (else it is inline code)
    (n >= 3 && (c == b'~' || !t[n..].contains('`'))).then_some((c, n))
}

/// `---`, `***` or `___` (three or more, spaces allowed between) alone on a line.
fn is_thematic_break(t: &str) -> bool {
    let t = t.trim();
    let Some(c) = t.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    t.chars().all(|x| x == c || x == ' ' || x == '\t') && t.chars().filter(|&x| x == c).count() >= 3
}

/// A setext heading's underline: `===` or `---` (at least two) alone on a line.
fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2 && (t.bytes().all(|c| c == b'=') || t.bytes().all(|c| c == b'-'))
}

/// A table's delimiter row: cells of dashes with optional colons, separated by `|`, with at
/// least one `|` or more than one cell (`|---|:--:|`, `--- | ---`).
fn is_table_delimiter(line: &str) -> bool {
    let t = line.trim();
    if !t.contains('|') || !t.contains('-') {
        return false;
    }
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').all(|cell| {
        let c = cell.trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.bytes().all(|b| b == b'-')
    })
}

/// Inline markup out of a one-line field (a title), whitespace collapsed.
pub fn strip_inline(text: &str) -> String {
    let blanked = blank_inline(text);
    let mut out = String::with_capacity(blanked.len());
    for w in blanked.split_whitespace() {
        // no space before punctuation a blanked closing marker left apart: "**Bold**:"
        if !out.is_empty() && !w.starts_with(['.', ',', ';', ':', '!', '?', ')']) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn run(b: &[u8], i: usize, c: u8) -> usize {
    b[i..].iter().take_while(|&&x| x == c).count()
}

/// The start of the next run of exactly `n` bytes `c` at or after `from`, within the
/// paragraph.
fn find_run(b: &[u8], from: usize, c: u8, n: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        if b[i] == b'\n' && b.get(i + 1) == Some(&b'\n') {
            return None;
        }
        if b[i] == c {
            let len = run(b, i, c);
            if len == n {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// A link starting at the `[` at `open`: `[text](dest)`, `[text][ref]` or `[text][]`.
/// Returns the position of the `]` closing the text and the end of the whole link.
fn link_at(text: &str, open: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    let close = loop {
        match b.get(i)? {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    break i;
                }
            }
            b'\n' if b.get(i + 1) == Some(&b'\n') => return None,
            _ => {}
        }
        i += 1;
    };
    match b.get(close + 1)? {
        b'(' => {
            let mut depth = 0usize;
            let mut j = close + 1;
            loop {
                match b.get(j)? {
                    b'\\' => j += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some((close, j + 1));
                        }
                    }
                    b'\n' => return None,
                    _ => {}
                }
                j += 1;
            }
        }
        b'[' => {
            let end = text[close + 2..].find(']')? + close + 2;
            (!text[close + 2..end].contains('\n')).then_some((close, end + 1))
        }
        _ => None,
    }
}

/// A footnote reference `[^id]` starting at the `[` at `open` (no space in `id`); returns its
/// end.
fn footnote_ref_at(text: &str, open: usize) -> Option<usize> {
    let rest = text[open..].strip_prefix("[^")?;
    let close = rest.find(']')?;
    let id = &rest[..close];
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(open + 2 + close + 1)
}

/// Elements whose content is raw text no reader sees (CommonMark's HTML blocks of type 1,
/// less `pre` and `textarea`, whose content is shown).
const RAW_TEXT: &[&str] = &["script", "style"];

/// When the tag `text[open..end]` opens a `<script>` or `<style>` element, the end of the
/// element: after its closing tag (any case), or the end of `text` when it is never closed
/// (as CommonMark reads it).
fn raw_text_end(text: &str, open: usize, end: usize) -> Option<usize> {
    let tag = &text.as_bytes()[open + 1..end - 1];
    let name = RAW_TEXT.iter().find(|n| {
        tag.len() >= n.len()
            && tag[..n.len()].eq_ignore_ascii_case(n.as_bytes())
            && tag
                .get(n.len())
                .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/')
    })?;
    if tag.ends_with(b"/") {
        return None; // `<script/>`: an empty element
    }
    let closing = format!("</{name}");
    let lower = text[end..].to_ascii_lowercase();
    let Some(at) = lower.find(&closing) else {
        return Some(text.len());
    };
    let after = end + at + closing.len();
    Some(
        text[after..]
            .find('>')
            .map_or(text.len(), |g| after + g + 1),
    )
}

/// An inline HTML tag, comment or autolink starting at the `<` at `open`; returns its end.
fn tag_at(text: &str, open: usize) -> Option<usize> {
    let rest = &text[open + 1..];
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    if rest.starts_with("!--") {
        return rest.find("-->").map(|e| open + 1 + e + 3);
    }
    let end = rest.find(['>', '<', '\n'])?;
    (rest.as_bytes()[end] == b'>').then_some(open + 1 + end + 1)
}

/// `[id]: https://…` on a line of its own.
fn is_reference_definition(line: &str) -> bool {
    let t = line.trim_start();
    if line.len() - t.len() > 3 || !t.starts_with('[') {
        return false;
    }
    let Some(close) = t.find("]:") else {
        return false;
    };
    !t[1..close].contains(']') && !t[close + 2..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, visible: &str) {
        let out = blank_inline(input);
        assert_eq!(out.len(), input.len(), "{out:?}");
        assert_eq!(
            crate::analysis::sentences::display_text(&out).trim(),
            visible,
            "{out:?}"
        );
        assert!(!strip_inline(input.split('\n').next().unwrap_or("")).is_empty());
    }

    #[test]
    fn script_and_style_elements_leave_no_text() {
        // tester report 26, finding 7
        check(
            "<script>alert(1)</script> The council voted <b>7-2</b> to fund repairs.",
            "The council voted 7-2 to fund repairs.",
        );
        check(
            "A <STYLE type=\"x\">p{color:red}</Style>b and <scripts>c.",
            "A b and c.",
        );
        let t = "x <script>\nlet é = 1;\n</script> y";
        let blanked = blank_inline(t);
        assert_eq!(blanked.len(), t.len());
        assert_eq!(blanked.split_whitespace().collect::<Vec<_>>(), ["x", "y"]);
        // never closed: nothing after it is text
        check("before <script>var x = 1; after", "before");
    }

    #[test]
    fn links_images_emphasis_and_code_leave_the_visible_text() {
        check(
            "Moscow made [a statement](https://example.org/a_(b)?x=1) on **Tuesday**.",
            "Moscow made a statement on Tuesday.",
        );
        check(
            "![Putin at his desk](img/putin.jpg) The call *lasted* _two_ hours.",
            "The call lasted two hours.",
        );
        check(
            "See `ceasefire` and [the readout][1] or <https://kremlin.ru> ~~not~~ now.\n\n[1]: https://x.org",
            "See ceasefire and the readout or https://kremlin.ru not now.",
        );
        check(
            "Price rose 5 * 3 and snake_case_name stays, \\*not emphasis.",
            "Price rose 5 * 3 and snake_case_name stays, *not emphasis.",
        );
        check(
            "A <span class=\"x\">tagged</span> word, a < b > c.",
            "A tagged word, a < b > c.",
        );
        check("* list item with **bold**", "* list item with bold");
    }

    fn visible_blocks(input: &str) -> String {
        let out = blank_blocks(input);
        assert_eq!(out.len(), input.len(), "{out:?}");
        assert_eq!(out.matches('\n').count(), input.matches('\n').count());
        crate::analysis::sentences::display_text(&out)
            .trim()
            .to_string()
    }

    #[test]
    fn tables_headings_code_and_rules_are_blanked_prose_is_kept() {
        let input = "Prose one.\n\n| table | cell |\n|---|:--:|\n| The vote | was held |\n\n\
            ## A heading in the body ##\n\nProse two.\n\n```rust\nlet x = 1;\n```\n\n\
            Setext heading\n--------------\n\n> A quoted block stays.\n\n- A list item stays.\n\n\
            ***\n\n~~~~\nunclosed fence runs to the end.";
        assert_eq!(
            visible_blocks(input),
            "Prose one. Prose two. > A quoted block stays. - A list item stays."
        );
        // a pipe in prose without a delimiter row is prose; `#hashtag` is not a heading
        assert_eq!(
            visible_blocks("Either a | b or c.\nNext line.\n#hashtag text"),
            "Either a | b or c. Next line. #hashtag text"
        );
    }

    #[test]
    fn atx_headings_are_read_with_their_closing_run_left_out() {
        assert_eq!(atx_heading("# Title"), Some("Title"));
        assert_eq!(atx_heading("  ### Title ###  "), Some("Title"));
        assert_eq!(atx_heading("## C#"), Some("C#"));
        assert_eq!(atx_heading("#"), Some(""));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("####### seven"), None);
    }

    #[test]
    fn footnote_references_are_blanked() {
        check(
            "Text after heading with a footnote[^1].\n\n[^1]: The footnote text.",
            "Text after heading with a footnote.",
        );
    }

    #[test]
    fn non_ascii_urls_and_text_keep_byte_length() {
        check(
            "Кремль сделал [заявление](https://пример.рф/путь) во вторник.",
            "Кремль сделал заявление во вторник.",
        );
    }
}
