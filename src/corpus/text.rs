//! Markdown and plain-text articles, with or without front matter.

use std::path::Path;

use super::fields::{self, Fields};
use super::frontmatter;
use super::markdown;
use super::model::{Article, Diagnostic, TextOrigin};

/// An article read from a file together with the event id its record names, if any.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    /// The article, shared (`Arc`): the events made of it and the terminal UI's copies of a
    /// loaded corpus's articles hold it without copying it.
    pub article: std::sync::Arc<Article>,
    pub event: Option<String>,
    /// The outlet's display name as the file gives it (front matter `outlet: "The Guardian"`,
    /// an HTML page's site name, a feed's title), used when `outlets.toml` names none.
    pub outlet_name: Option<String>,
    /// The bottom-k sketch of the text's shingles ([`super::duplicates::sketch`]), made
    /// while the text was in memory when the text is left on disk ([`super::model::Body::Stored`]),
    /// so duplicate removal need not read it back; `None`: made from the text when needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sketch: Option<Vec<u64>>,
}

/// Reads a Markdown or text article. Returns `None` (with an error diagnostic) when rejected.
pub fn parse(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Parsed> {
    // old Mac line ends (CR alone) become LF, byte for byte, so lines and paragraphs are found
    // and the body stays a same-length copy of the file
    let lf = lone_cr_to_lf(text);
    let text = lf.as_deref().unwrap_or(text);
    let rejected = |e: frontmatter::FrontMatterError| {
        Diagnostic::error(path, Some(e.line), format!("{}; file skipped", e.message))
    };
    let block = match frontmatter::split(text) {
        Ok(b) => b,
        Err(e) => {
            diags.push(rejected(e));
            return None;
        }
    };
    let stem_outlet = fields::outlet_from_file_name(path);

    let (mut f, body_start, body_line) = match &block {
        Some(b) => {
            let cleaned = frontmatter::strip_controls(b);
            let b = &match &cleaned {
                Some((clean, lines)) => {
                    for &line in lines {
                        diags.push(Diagnostic::warning(
                            path,
                            Some(line),
                            "control characters or a terminal escape sequence in front matter \
                             removed",
                        ));
                    }
                    frontmatter::Block {
                        raw: clean.as_str(),
                        ..b.clone()
                    }
                }
                None => b.clone(),
            };
            let mut twice = Vec::new();
            let map = match frontmatter::parse_keeping_first(b, &mut twice) {
                Ok(m) => m,
                Err(e) => {
                    diags.push(rejected(e));
                    return None;
                }
            };
            for w in twice {
                diags.push(Diagnostic::warning(path, Some(w.line), w.message));
            }
            let line_of = |k: &str| fields::key_line(b.raw, b.first_line, k);
            let f = fields::extract(&map, path, &line_of, diags);
            if f.outlet.is_none() {
                diags.push(Diagnostic::warning(
                    path,
                    Some(1),
                    format!(
                        "front matter has no 'outlet'; using '{stem_outlet}' from the file name"
                    ),
                ));
            }
            (f, b.body_start, b.body_line)
        }
        None => (Fields::default(), 0, 1),
    };

    // Markdown: inline markup is blanked to spaces of the same length (see `markdown`), so
    // the body stays a verbatim slice of the file with exact byte offsets
    let is_markdown = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "md" || e == "markdown");
    // terminal escape sequences in the body: blanked to spaces of the same length, so the
    // body stays a slice of the file with its offsets (see `escapes`)
    let body_controls = super::escapes::control_spans(&text[body_start..]);
    let unescaped;
    let text = if body_controls.is_empty() {
        text
    } else {
        let first = &body_controls[0];
        diags.push(Diagnostic::warning(
            path,
            Some(super::escapes::line_of(text, body_start + first.start, 1)),
            format!(
                "{} control character(s) or terminal escape sequence(s) in the text removed",
                body_controls.len()
            ),
        ));
        unescaped = format!(
            "{}{}",
            &text[..body_start],
            super::escapes::blank(&text[body_start..], &body_controls)
        );
        unescaped.as_str()
    };
    let blanked;
    let text = if is_markdown {
        blanked = format!(
            "{}{}",
            &text[..body_start],
            markdown::blank_inline(&text[body_start..])
        );
        if let Some(t) = f.title.as_mut() {
            *t = markdown::strip_inline(t);
        }
        blanked.as_str()
    } else {
        text
    };
    let rule = match (is_markdown, block.is_some()) {
        _ if f.title.is_some() => TitleRule::None,
        (true, _) => TitleRule::Heading,
        (false, false) => TitleRule::FirstLine,
        (false, true) => TitleRule::None,
    };
    let mut start = body_start;
    if let Some((title, after)) = title_from_body(text, body_start, rule) {
        f.title = Some(title);
        start = after;
    }
    // Markdown headings, tables, fenced code and rules in the body are not prose: blanked
    // like inline markup (same length), after the title heading was read
    let blocks;
    let text = if is_markdown {
        blocks = format!(
            "{}{}",
            &text[..start],
            markdown::blank_blocks(&text[start..])
        );
        blocks.as_str()
    } else {
        text
    };
    let title_from_body = start > body_start;
    let (start, end) = trim_range(text, start, text.len());
    if start >= end {
        let why = if title_from_body {
            "the article has no text besides its title; file skipped"
        } else {
            "the article has no text (empty body); file skipped"
        };
        diags.push(Diagnostic::error(path, Some(body_line), why));
        return None;
    }
    let body = text[start..end].to_string();
    Some(f.into_parsed(
        path,
        stem_outlet,
        body,
        TextOrigin::Verbatim { start, end },
        None,
    ))
}

/// Where the title of an article comes from when its front matter names none (README,
/// "Corpus format"); without a title the article's title is empty and all its text is body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleRule {
    /// Markdown: a heading opening the body (`# Title`, or a line underlined with `===` or
    /// `---`).
    Heading,
    /// Plain text without front matter: the first line, when a blank line follows it, more
    /// text follows, and it looks like a headline ([`looks_like_headline`]).
    FirstLine,
    /// No title from the body: the front matter names one, or names none in plain text.
    None,
}

/// The longest first line of a plain-text file read as its title, in characters (news
/// headlines are well under it, mostly 40 to 120; a longer line is a paragraph).
pub const MAX_TITLE_CHARS: usize = 200;

/// True when a plain-text first line reads as a headline rather than a lead sentence: at most
/// [`MAX_TITLE_CHARS`] characters and not ending in sentence-final punctuation (`.`, `!`, `?`,
/// `…`, `。`, also before closing quotes or brackets). A one-sentence lead paragraph ("Powell
/// died on Monday aged 84.") therefore stays body text and is compared as a claim.
fn looks_like_headline(line: &str) -> bool {
    let end = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
    });
    let sentence_end = end.ends_with(['.', '!', '?', '…', '。', '！', '？']);
    !end.is_empty() && !sentence_end && line.chars().count() <= MAX_TITLE_CHARS
}

/// The end of the line starting at `pos` (before its `\n`) and the start of the next line.
fn line_at(text: &str, pos: usize) -> (usize, usize) {
    match text[pos..].find('\n') {
        Some(i) => (pos + i, pos + i + 1),
        None => (text.len(), text.len()),
    }
}

/// The title `rule` finds in `text` from byte `from`, and where the body starts after it.
fn title_from_body(text: &str, from: usize, rule: TitleRule) -> Option<(String, usize)> {
    if rule == TitleRule::None {
        return None;
    }
    let mut pos = from;
    let (first, after) = loop {
        if pos >= text.len() {
            return None;
        }
        let (end, next) = line_at(text, pos);
        if !text[pos..end].trim().is_empty() {
            break (text[pos..end].trim(), next);
        }
        pos = next;
    };
    let (second_end, after_second) = line_at(text, after);
    let second = text[after..second_end].trim();
    match rule {
        TitleRule::Heading => {
            if let Some(h) = markdown::atx_heading(first) {
                return Some((h.to_string(), after));
            }
            let underline = |c: char| second.len() >= 2 && second.chars().all(|x| x == c);
            ((underline('=') || underline('-')) && !first.starts_with(['>', '|']))
                .then(|| (first.to_string(), after_second))
        }
        TitleRule::FirstLine => {
            let title = markdown::atx_heading(first).unwrap_or(first);
            let stands_alone = second.is_empty() && !text[after..].trim().is_empty();
            (stands_alone && looks_like_headline(title)).then(|| (title.to_string(), after))
        }
        TitleRule::None => None,
    }
}

/// `text` with every carriage return that no line feed follows replaced by a line feed (same
/// length); `None` when there is none.
fn lone_cr_to_lf(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let lone = |i: usize| b[i] == b'\r' && b.get(i + 1) != Some(&b'\n');
    if !(0..b.len()).any(lone) {
        return None;
    }
    let out: Vec<u8> = (0..b.len())
        .map(|i| if lone(i) { b'\n' } else { b[i] })
        .collect();
    // an ASCII byte replaced by an ASCII byte: still UTF-8
    String::from_utf8(out).ok()
}

/// Shrinks `start..end` of `text` to exclude surrounding whitespace.
pub fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead == slice.len() {
        return (end, end);
    }
    (start + lead, end - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_with_front_matter_keeps_exact_offsets() {
        let text =
            "---\noutlet: BBC\ntitle: Call\ndate: 2025-03-19\n---\n\nPutin made no concessions.\n";
        let mut d = Vec::new();
        let p = parse(Path::new("x/bbc.md"), text, &mut d).unwrap();
        assert!(d.is_empty(), "{d:?}");
        let a = p.article;
        assert_eq!(a.outlet, "bbc");
        assert_eq!(a.title, "Call");
        assert_eq!(a.body.as_str(), "Putin made no concessions.");
        let TextOrigin::Verbatim { start, end } = a.origin else {
            panic!()
        };
        assert_eq!(&text[start..end], a.body.as_str());
        assert_eq!(a.language.as_deref(), Some("en"));
    }

    #[test]
    fn plain_text_takes_title_from_first_line_and_outlet_from_name() {
        let text = "\n  The headline  \n\nFirst paragraph of the story.\n";
        let mut d = Vec::new();
        let p = parse(Path::new("dir/Kyiv Independent.txt"), text, &mut d).unwrap();
        assert_eq!(p.article.title, "The headline");
        assert_eq!(p.article.outlet, "kyiv-independent");
        assert_eq!(p.article.body.as_str(), "First paragraph of the story.");
        assert!(d.is_empty());
    }

    #[test]
    fn markdown_inline_markup_is_blanked_in_place() {
        let text = "---\noutlet: bbc\ntitle: \"A *bold* call\"\n---\n\nMoscow made [a statement](https://x.org/y) on **Tuesday**.\n";
        let mut d = Vec::new();
        let a = parse(Path::new("x/bbc.md"), text, &mut d).unwrap().article;
        assert_eq!(a.title, "A bold call");
        let TextOrigin::Verbatim { start, end } = a.origin else {
            panic!()
        };
        assert_eq!(a.body.as_str().len(), end - start);
        assert!(
            !a.body.as_str().contains("https") && !a.body.as_str().contains('*'),
            "{}",
            a.body.as_str()
        );
        let visible = crate::analysis::sentences::display_text(a.body.as_str());
        assert_eq!(visible, "Moscow made a statement on Tuesday.");
        let at = a.body.as_str().find("statement").unwrap();
        assert_eq!(&text[a.file_range(at..at + 9)], "statement");
    }

    #[test]
    fn empty_body_is_rejected_with_line() {
        let text = "---\noutlet: bbc\ntitle: T\n---\n\n   \n";
        let mut d = Vec::new();
        assert!(parse(Path::new("e.md"), text, &mut d).is_none());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("empty body"));
        assert_eq!(d[0].line, Some(5));
    }

    fn body_of(path: &str, text: &str) -> (Article, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let p = parse(Path::new(path), text, &mut d);
        (
            std::sync::Arc::unwrap_or_clone(p.unwrap_or_else(|| panic!("{d:?}")).article),
            d,
        )
    }

    #[test]
    fn without_a_title_the_lead_paragraph_stays_text() {
        let lead = "Lead paragraph says the minister resigned.";
        for text in [
            format!("---\noutlet: b\n---\n\n{lead}\n\nSecond paragraph here.\n"),
            format!("---\noutlet: b\ntitle: ~\n---\n\n{lead}\n\nSecond paragraph here.\n"),
            format!("{lead}\n\nSecond paragraph here.\n"),
        ] {
            let (a, _) = body_of("e/b.md", &text);
            assert_eq!(a.title, "", "{text:?}");
            assert!(a.body.as_str().starts_with(lead), "{text:?}");
        }
        // a Markdown heading opening the body is the title
        let (a, _) = body_of("e/a.md", &format!("# Real Headline\n\n{lead}\n"));
        assert_eq!((a.title.as_str(), a.body.as_str()), ("Real Headline", lead));
        let (a, _) = body_of("e/a.md", &format!("Real Headline\n=====\n\n{lead}\n"));
        assert_eq!((a.title.as_str(), a.body.as_str()), ("Real Headline", lead));
        // plain text with front matter but no title: no title either
        let (a, _) = body_of(
            "e/b.txt",
            &format!("---\noutlet: b\n---\n{lead}\n\nMore.\n"),
        );
        assert_eq!(a.title, "");
    }

    #[test]
    fn a_one_paragraph_article_is_an_article() {
        for (path, text) in [
            ("e/a.md", "---\noutlet: a\n---\nThe only paragraph.\n"),
            ("e/a.txt", "The only paragraph, on one line.\n"),
            ("e/a.txt", "A paragraph\nwrapped over two lines.\n"),
        ] {
            let (a, d) = body_of(path, text);
            assert_eq!(a.title, "", "{text:?}");
            assert!(
                a.body.as_str().starts_with("The only") || a.body.as_str().starts_with("A para")
            );
            assert!(d.iter().all(|d| !d.message.contains("no text")), "{d:?}");
        }
    }

    #[test]
    fn a_long_first_line_of_plain_text_is_not_a_title() {
        let long = "The minister said the plan would work. ".repeat(20);
        let text = format!("{long}\n\nSecond paragraph.\n");
        let (a, _) = body_of("e/a.txt", &text);
        assert_eq!(a.title, "");
        assert!(a.body.as_str().starts_with("The minister"));
        let (a, _) = body_of("e/a.txt", "Short headline\n\nSecond paragraph.\n");
        assert_eq!(a.title, "Short headline");
    }

    #[test]
    fn a_first_line_that_is_a_sentence_is_the_lead_not_the_title() {
        for lead in [
            "Колин Пауэлл скончался в понедельник в возрасте 84 лет.",
            "Café owner says Powell visited in 1995.",
            "Did Powell know?",
            "\"We will miss him,\" Biden said.\"",
        ] {
            let text = format!("{lead}\n\nОб этом сообщила его семья.\n");
            let (a, _) = body_of("e/a.txt", &text);
            assert_eq!(a.title, "", "{lead}");
            assert!(a.body.as_str().starts_with(lead), "{}", a.body.as_str());
        }
        let (a, _) = body_of("e/a.txt", "Powell dies at 84\n\nHe was a general.\n");
        assert_eq!(a.title, "Powell dies at 84");
        assert_eq!(a.body.as_str(), "He was a general.");
    }

    #[test]
    fn old_mac_line_ends_are_line_breaks_with_offsets_kept() {
        let text = "The headline\r\rFirst paragraph of the story.\rSecond line.\r";
        let (a, d) = body_of("e/mac.txt", text);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(a.title, "The headline");
        assert_eq!(
            a.body.as_str(),
            "First paragraph of the story.\nSecond line."
        );
        let TextOrigin::Verbatim { start, end } = a.origin else {
            panic!()
        };
        assert_eq!(&text[start..end].replace('\r', "\n"), a.body.as_str());
    }

    #[test]
    fn a_heading_alone_is_rejected_saying_why() {
        let mut d = Vec::new();
        assert!(parse(Path::new("e/a.md"), "# Only a title\n", &mut d).is_none());
        assert!(d[0].message.contains("no text besides its title"), "{d:?}");
    }

    #[test]
    fn markdown_blocks_in_the_body_are_not_text() {
        let text = "---\noutlet: a\ntitle: T\n---\n\nThe vote was held.\n\n| table | cell |\n|---|---|\n| The vote | was held |\n\n# A heading in the body\n\nText after heading.\n\n```\ncode block sentence.\n```\n";
        let (a, _) = body_of("e/a.md", text);
        let visible = crate::analysis::sentences::display_text(a.body.as_str()).to_string();
        assert_eq!(visible, "The vote was held. Text after heading.");
        let TextOrigin::Verbatim { start, end } = a.origin else {
            panic!()
        };
        assert_eq!(a.body.as_str().len(), end - start);
        let at = a.body.as_str().find("Text after").unwrap();
        assert_eq!(&text[a.file_range(at..at + 10)], "Text after");
    }

    #[test]
    fn broken_front_matter_is_rejected_with_line() {
        let text = "---\noutlet: bbc\ntitle: \"unterminated\n---\nBody\n";
        let mut d = Vec::new();
        assert!(parse(Path::new("b.md"), text, &mut d).is_none());
        assert_eq!(d[0].severity, crate::corpus::Severity::Error);
        assert!(d[0].line.is_some());
    }
}
