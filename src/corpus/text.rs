//! Markdown and plain-text articles, with or without front matter.

use std::path::Path;

use super::fields::{self, Fields};
use super::frontmatter;
use super::markdown;
use super::model::{Article, Diagnostic, TextOrigin};

/// An article read from a file together with the event id its record names, if any.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    pub article: Article,
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
            let map = match frontmatter::parse(b) {
                Ok(m) => m,
                Err(e) => {
                    diags.push(rejected(e));
                    return None;
                }
            };
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
    let mut start = body_start;
    // Without a title in front matter, the first non-empty line is the title.
    if f.title.is_none() {
        let mut pos = body_start;
        while pos < text.len() {
            let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
            let line = text[pos..end].trim();
            if !line.is_empty() {
                f.title = Some(line.trim_start_matches('#').trim().to_string());
                start = end;
                break;
            }
            pos = end;
        }
    }
    let (start, end) = trim_range(text, start, text.len());
    if start >= end {
        diags.push(Diagnostic::error(
            path,
            Some(body_line),
            "the article has no text (empty body); file skipped",
        ));
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

    #[test]
    fn broken_front_matter_is_rejected_with_line() {
        let text = "---\noutlet: bbc\ntitle: \"unterminated\n---\nBody\n";
        let mut d = Vec::new();
        assert!(parse(Path::new("b.md"), text, &mut d).is_none());
        assert_eq!(d[0].severity, crate::corpus::Severity::Error);
        assert!(d[0].line.is_some());
    }
}
