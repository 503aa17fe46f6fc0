//! HTML pages: the main article text and title are extracted with `dom_smoothie`
//! (a Readability implementation), never with regular expressions.

use std::path::Path;

use dom_smoothie::{Config, Readability, TextMode};

use super::fields::{self, Fields};
use super::model::{Diagnostic, TextOrigin};
use super::text::Parsed;

/// Extracts one article from an HTML page.
pub fn parse(path: &Path, html: &str, diags: &mut Vec<Diagnostic>) -> Option<Parsed> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let extracted = Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse());
    let page = match extracted {
        Ok(p) => p,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                None,
                format!(
                    "no article text could be extracted from this HTML page ({e}); file skipped"
                ),
            ));
            return None;
        }
    };
    let body = normalise_paragraphs(&page.text_content);
    if body.is_empty() {
        diags.push(Diagnostic::error(
            path,
            None,
            "the HTML page has no article text; file skipped",
        ));
        return None;
    }
    let site = page
        .site_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let f = Fields {
        outlet: site.map(fields::outlet_id),
        outlet_name: site
            .filter(|s| fields::outlet_id(s) != *s)
            .map(str::to_string),
        title: Some(page.title.trim().to_string()),
        date: page
            .published_time
            .as_deref()
            .and_then(|s| fields::read_date(s, path, None, diags)),
        url: page.url.clone(),
        author: page.byline.clone(),
        language: page
            .lang
            .as_deref()
            .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase())
            .filter(|l| !l.is_empty()),
        ..Fields::default()
    };
    let fallback = fields::outlet_from_file_name(path);
    Some(f.into_parsed(path, fallback, body, TextOrigin::Extracted, None))
}

/// Collapses the extractor's line layout into paragraphs separated by one blank line.
fn normalise_paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut first = true;
        for word in para.split_whitespace() {
            if !first {
                out.push(' ');
            }
            out.push_str(word);
            first = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Putin rejects full ceasefire | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2025-03-19T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Putin rejects full ceasefire</h1>
<p>Vladimir Putin did not accept the unconditional 30-day ceasefire proposed by Donald Trump during a long phone call on Tuesday, agreeing instead to a limited pause in strikes on energy infrastructure.</p>
<p>The Kremlin said any settlement must address what it calls the root causes of the conflict, and demanded an end to Western military aid and intelligence sharing with Kyiv.</p>
<p>Ukraine's president said he would support a halt to strikes on energy targets but wanted to see the details first, as drones struck several regions overnight.</p>
</article>
<footer>Copyright Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"#;

    #[test]
    fn extracts_main_text_title_outlet_and_date() {
        let mut d = Vec::new();
        let p = parse(Path::new("page.html"), PAGE, &mut d).expect("extracted");
        let a = p.article;
        assert!(
            a.title.contains("Putin rejects full ceasefire"),
            "{}",
            a.title
        );
        assert_eq!(a.outlet, "example-news");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-03-19"));
        assert!(a.body.contains("unconditional 30-day ceasefire"));
        assert!(a.body.contains("intelligence sharing"));
        assert!(!a.body.contains("Subscribe"), "footer leaked: {}", a.body);
        assert!(!a.body.contains("Sport"), "nav leaked: {}", a.body);
        assert_eq!(a.language.as_deref(), Some("en"));
    }

    #[test]
    fn page_without_text_is_rejected() {
        let mut d = Vec::new();
        assert!(
            parse(
                Path::new("empty.html"),
                "<html><body></body></html>",
                &mut d
            )
            .is_none()
        );
        assert_eq!(d.len(), 1);
    }
}
