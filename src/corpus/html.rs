//! HTML pages: the main article text and title are extracted with `dom_smoothie`
//! (a Readability implementation), never with regular expressions.

use std::path::Path;

use dom_smoothie::{Config, Readability, TextMode};
use scraper::ElementRef;

use super::fields::{self, Fields};
use super::model::{Diagnostic, TextOrigin};
use super::text::Parsed;

/// The deepest element nesting an HTML page or fragment may have. The extractor and the HTML
/// parser recurse and search the open elements for every tag, so their work grows with the
/// square of the depth and deep enough nesting overflows the stack; real pages stay far below.
pub const MAX_HTML_DEPTH: usize = 256;

/// The most parsing work one HTML page may need: the depths of all its elements added up (a
/// large page of ordinary depth needs a few million; many deep nests a hundred million).
pub const MAX_HTML_NESTING_WORK: u64 = 16_000_000;

/// The largest HTML page (in bytes) given to the article extractor.
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// Elements that never have content (no closing tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame", "isindex",
];

/// Elements whose content is raw text: a `<` inside does not open a tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements a following sibling closes implicitly, so they never nest in one another.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp",
];

/// The deepest element nesting of `html`, estimated in one linear pass without parsing.
///
/// Opening tags count one level, closing tags go back one, void and self-closed (`<x/>`)
/// elements count nothing; comments, doctypes and raw-text content (scripts, styles) are
/// skipped. Elements that close their own siblings (`<p>`, `<li>`, `<td>`) count one level
/// at most at a time, as the parser closes them. Unclosed elements of any other name count,
/// as the parser nests them too. The scan stops early once `stop_at` is exceeded.
pub fn nesting_depth(html: &str, stop_at: usize) -> usize {
    scan(html, stop_at).0
}

/// The deepest nesting and the sum of the depths of all elements (the parsers' work: every
/// element costs about its depth), from one pass; see [`nesting_depth`].
fn scan(html: &str, stop_at: usize) -> (usize, u64) {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut work = 0u64;
    // the sibling-closing element last opened at each depth, so `<p><p>` stays one level
    let mut open_sibling: Vec<Option<[u8; 8]>> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let Some(off) = b[i..].iter().position(|&c| c == b'<') else {
            break;
        };
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            // `<!doctype`, `<?xml`, a lone `<`: not an element
            if matches!(b.get(i), Some(b'!') | Some(b'?')) {
                i = find(b, i, b">").map_or(b.len(), |e| e + 1);
            }
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(b, name_start + name_len);
        let self_closed = end > 0 && b.get(end - 1) == Some(&b'/');
        i = (end + 1).min(b.len());
        if closing {
            if !VOID.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
                open_sibling.truncate(depth);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) || self_closed {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).map_or(b.len(), |e| e + close.len());
            i = find(b, i, b">").map_or(b.len(), |e| e + 1);
            continue;
        }
        if SELF_CLOSING_SIBLINGS.contains(&name.as_str()) {
            let key = key(&name);
            if depth > 0 && open_sibling.get(depth - 1).copied().flatten() == Some(key) {
                // closes the previous one and opens itself at the same level
                continue;
            }
            depth += 1;
            open_sibling.resize(depth, None);
            open_sibling[depth - 1] = Some(key);
        } else {
            depth += 1;
            open_sibling.resize(depth, None);
        }
        max = max.max(depth);
        work += depth as u64;
        if max > stop_at {
            return (max, work);
        }
    }
    (max, work)
}

fn key(name: &str) -> [u8; 8] {
    let mut k = [0u8; 8];
    for (d, s) in k.iter_mut().zip(name.bytes()) {
        *d = s;
    }
    k
}

/// Position of the `>` that ends a tag whose name ends at `from`, skipping quoted values.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (k, &c) in b.iter().enumerate().skip(from) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return k,
            None => {}
        }
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Why `html` is over the budget the HTML parsers are given, if it is: its size or its nesting.
pub fn over_budget(html: &str) -> Option<String> {
    if html.len() > MAX_HTML_BYTES {
        return Some(format!(
            "the HTML is {}, over the {} limit for one page",
            super::load::human_size(html.len() as u64),
            super::load::human_size(MAX_HTML_BYTES as u64)
        ));
    }
    let (depth, work) = scan(html, MAX_HTML_DEPTH);
    if depth > MAX_HTML_DEPTH {
        return Some(format!(
            "the HTML nests elements more than {MAX_HTML_DEPTH} levels deep"
        ));
    }
    (work > MAX_HTML_NESTING_WORK).then(|| {
        format!(
            "the HTML nests its elements too deeply for its size (the depths of its elements \
             add up to {work}, over the {MAX_HTML_NESTING_WORK} limit)"
        )
    })
}

/// Extracts one article from an HTML page.
pub fn parse(path: &Path, html: &str, diags: &mut Vec<Diagnostic>) -> Option<Parsed> {
    if let Some(reason) = over_budget(html) {
        diags.push(Diagnostic::error(
            path,
            None,
            format!("{reason}; file skipped"),
        ));
        return None;
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let html = without_non_prose(html);
    let extracted = Readability::new(html.as_ref(), None, Some(cfg)).and_then(|mut r| r.parse());
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
    let body = with_json_ld_body(path, &html, normalise_paragraphs(&page.text_content), diags);
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
        title: Some(without_site_suffix(page.title.trim(), site, path)),
        date: page
            .published_time
            .as_deref()
            .and_then(|s| fields::read_date(s, path, None, diags)),
        date_alt: page
            .published_time
            .as_deref()
            .and_then(super::date::utc_other_day),
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

/// Words of visible text under which a page is taken to show almost no article (a page its
/// scripts fill in: React, Next.js): its JSON-LD `articleBody` is read instead, if longer.
const TINY_WORDS: usize = 20;

/// Words of visible text up to which a page without an `articleBody` has no article at all
/// ("Home", the one link of its navigation).
const NO_TEXT_WORDS: usize = 3;

/// The article text of a page whose visible text `body` is tiny ([`TINY_WORDS`]): the
/// schema.org `articleBody` of its JSON-LD when that is longer, else `body` with a warning
/// (and nothing when `body` is a lone link or label, [`NO_TEXT_WORDS`]).
fn with_json_ld_body(path: &Path, html: &str, body: String, diags: &mut Vec<Diagnostic>) -> String {
    let words = body.split_whitespace().count();
    if words >= TINY_WORDS {
        return body;
    }
    if let Some(article) = json_ld_article_body(html)
        && article.split_whitespace().count() > words
    {
        return normalise_paragraphs(&article);
    }
    diags.push(Diagnostic::warning(
        path,
        None,
        format!(
            "almost no article text ({words} words; a page that needs JavaScript?){}",
            if words <= NO_TEXT_WORDS {
                "; nothing read as claims"
            } else {
                ""
            }
        ),
    ));
    if words <= NO_TEXT_WORDS {
        String::new()
    } else {
        body
    }
}

/// The `articleBody` of the page's schema.org article in its JSON-LD blocks (`NewsArticle`,
/// `Article`, `ReportageNewsArticle`, `BlogPosting`, also in an array or an `@graph`).
fn json_ld_article_body(html: &str) -> Option<String> {
    if !html.contains("ld+json") {
        return None;
    }
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    doc.select(&sel)
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(&s.inner_html()).ok())
        .find_map(|v| article_body_in(&v))
}

/// The first `articleBody` string of an article object in `v`, searched through arrays and
/// `@graph`.
fn article_body_in(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Array(items) => items.iter().find_map(article_body_in),
        serde_json::Value::Object(o) => {
            let is_article = |t: &serde_json::Value| {
                t.as_str().is_some_and(|t| {
                    matches!(
                        t,
                        "NewsArticle" | "Article" | "ReportageNewsArticle" | "BlogPosting"
                    )
                })
            };
            let typed = o.get("@type").is_some_and(|t| match t {
                serde_json::Value::Array(ts) => ts.iter().any(is_article),
                t => is_article(t),
            });
            let body = o
                .get("articleBody")
                .and_then(|b| b.as_str())
                .map(str::trim)
                .filter(|b| !b.is_empty());
            match body {
                Some(b) if typed => Some(b.to_string()),
                _ => o.get("@graph").and_then(article_body_in),
            }
        }
        _ => None,
    }
}

/// Separators between a headline and the site's name in a page's `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · "];

/// The headline without a trailing "| Site" naming the page's site (`site`: its
/// `og:site_name`) or the outlet its file name gives: "Church fire: Palin apologises | The
/// Daily Example" -> "Church fire: Palin apologises". Other suffixes are kept.
fn without_site_suffix(title: &str, site: Option<&str>, path: &Path) -> String {
    let outlet = fields::outlet_from_file_name(path);
    let names_site = |s: &str| {
        let id = fields::outlet_id(s);
        site.is_some_and(|site| fields::outlet_id(site) == id || site_head(site, s)) || id == outlet
    };
    // every separator is tried where it first names the site: a site name may hold a
    // separator itself ("BBC News — Entertainment & Arts")
    TITLE_SEPARATORS
        .iter()
        .flat_map(|sep| title.match_indices(sep).map(|(i, sep)| (i, i + sep.len())))
        .filter(|&(i, end)| !title[..i].trim().is_empty() && names_site(title[end..].trim()))
        .min_by_key(|&(i, _)| i)
        .map_or(title, |(i, _)| title[..i].trim_end())
        .to_string()
}

/// Whether `tail` is the part of the site name `site` before one of its separators: the
/// extractor has already cut a `<title>` at its last separator, inside the site's name ("… |
/// BBC News — Entertainment & Arts" comes as "… | BBC News").
fn site_head(site: &str, tail: &str) -> bool {
    !tail.is_empty()
        && site
            .strip_prefix(tail)
            .is_some_and(|rest| TITLE_SEPARATORS.iter().any(|sep| rest.starts_with(sep)))
}

/// Elements inside which a `<time>` is part of a sentence ("died on <time>Monday</time>").
const PROSE_CONTAINERS: &[&str] = &[
    "p",
    "li",
    "blockquote",
    "q",
    "td",
    "th",
    "dd",
    "dt",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// The page without the text a reader does not read as article prose: photo captions and
/// credits (`<figcaption>`, as feeds drop them) and time stamps (`<time>` outside any paragraph,
/// such as the "Oct. 18, 2021, 7:40 AM EDT" line under a byline). The extractor would otherwise
/// run them into the first paragraph with no sentence break. Pages without either element are
/// returned unchanged (not re-serialised).
///
/// Also dropped: blocks that are not the outlet's words (see [`is_not_article`]): reader
/// comment sections, cookie and consent banners, author bios.
fn without_non_prose(html: &str) -> std::borrow::Cow<'_, str> {
    if !may_have_non_prose(html) {
        return html.into();
    }
    let mut doc = scraper::Html::parse_document(html);
    if drop_non_prose(&mut doc) {
        doc.html().into()
    } else {
        html.into()
    }
}

/// An HTML fragment (a JSON record's `body` or `content` that is markup) as article text: the
/// same blocks dropped as from a page ([`without_non_prose`]), then one paragraph per block
/// ([`super::feed::html_to_text`]); an error (why) when it is over the HTML budget.
pub fn fragment_text(html: &str) -> Result<String, String> {
    if !may_have_non_prose(html) {
        return super::feed::html_to_text(html);
    }
    if let Some(reason) = over_budget(html) {
        return Err(reason);
    }
    let mut doc = scraper::Html::parse_fragment(html);
    drop_non_prose(&mut doc);
    super::feed::html_to_text(&doc.root_element().inner_html())
}

/// `text` looks like HTML markup, not plain text with a stray `<`: it has a closing tag or a
/// paragraph or line break tag.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "</p>", "</div>", "</a>", "<br", "<p>", "<p ", "</span>", "</li>",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Cheap test before parsing: the markup names an element [`drop_non_prose`] may remove.
fn may_have_non_prose(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    [
        "<figcaption",
        "<time",
        "comment",
        "cookie",
        "consent",
        "gdpr",
        "bio",
        "author",
        "ad\"",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// Detaches from `doc` the captions, the time stamps outside prose and the blocks that are not
/// the article ([`is_not_article`], [`author_block`]); whether any was.
fn drop_non_prose(doc: &mut scraper::Html) -> bool {
    let drop: Vec<_> = doc
        .tree
        .nodes()
        .filter_map(|n| {
            let el = n.value().as_element()?;
            let element = ElementRef::wrap(n)?;
            let gone = match el.name() {
                "figcaption" => true,
                "time" => !n.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| PROSE_CONTAINERS.contains(&e.name()))
                }),
                _ => is_not_article(element),
            };
            if gone {
                return Some(n.id());
            }
            (el.name() == "a" && has_token(el.attr("rel"), "author"))
                .then(|| author_block(element).map(|b| b.id()))
                .flatten()
        })
        .collect();
    for &id in &drop {
        if let Some(mut node) = doc.tree.get_mut(id) {
            node.detach();
        }
    }
    !drop.is_empty()
}

/// Words of a class or id (split at `-` and `_`) that mark a block as not the article's text:
/// comment sections, cookie and consent banners, author bios, advertisements.
const NOT_ARTICLE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "bio",
    "authorbio",
    "ad",
    "advert",
    "advertisement",
];

/// Words that, in the same class or id, make it a state, not a section ("comments-open").
const STATE_WORDS: &[&str] = &["open", "closed", "enabled", "disabled", "free"];

/// Elements never dropped as a whole, whatever their class says.
const ALWAYS_KEPT: &[&str] = &["html", "head", "body", "main", "h1", "p"];

/// The element's id or class says it is a comment section, a cookie or consent banner, an
/// author bio or an advertisement; never a page's root, its main part, or a block holding the
/// headline (`<h1>`).
fn is_not_article(n: ElementRef<'_>) -> bool {
    let el = n.value();
    if ALWAYS_KEPT.contains(&el.name()) {
        return false;
    }
    let marked = [el.attr("id"), el.attr("class")]
        .into_iter()
        .flatten()
        .flat_map(str::split_whitespace)
        .any(|token| {
            let token = token.to_ascii_lowercase();
            let parts: Vec<&str> = token.split(['-', '_']).collect();
            parts.iter().any(|p| NOT_ARTICLE_WORDS.contains(p))
                && !parts.iter().any(|p| STATE_WORDS.contains(p))
        });
    marked && !has_headline(n)
}

/// The block around an author link (`rel="author"`) that is an author box: an `aside` or
/// `footer`, or a `div` / `section` whose class or id names an author, byline, contributor,
/// profile or bio; short, no headline, at most two paragraphs. `None` when there is none (the
/// link sits in the article's own text, or in a block that may hold it).
fn author_block(link: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let block = link.ancestors().filter_map(ElementRef::wrap).find(|a| {
        matches!(
            a.value().name(),
            "div" | "aside" | "section" | "footer" | "article"
        )
    })?;
    let el = block.value();
    let text: usize = block
        .descendants()
        .filter_map(|d| d.value().as_text())
        .map(|t| t.len())
        .sum();
    let paragraphs = block
        .descendants()
        .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "p"))
        .count();
    let boxed = matches!(el.name(), "aside" | "footer")
        || [el.attr("id"), el.attr("class")]
            .into_iter()
            .flatten()
            .map(str::to_ascii_lowercase)
            .any(|v| AUTHOR_BOX_WORDS.iter().any(|w| v.contains(w)));
    (boxed && text <= 600 && paragraphs <= 2 && !has_headline(block)).then_some(block)
}

/// Parts of a class or id that name an author box.
const AUTHOR_BOX_WORDS: &[&str] = &["author", "byline", "contributor", "profile", "bio"];

/// The node holds an `<h1>`.
fn has_headline(n: ElementRef<'_>) -> bool {
    n.descendants()
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "h1"))
}

/// The space-separated attribute value has `token` (ASCII case ignored).
fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
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

    /// Tester report 15, item 23c: a site name with a dash and an entity in it.
    #[test]
    fn a_site_name_holding_a_separator_is_cut_whole() {
        let page = PAGE
            .replace(
                "<title>Putin rejects full ceasefire | Example News</title>",
                "<title>Putin rejects full ceasefire | BBC News — Entertainment &amp; Arts</title>",
            )
            .replace(
                "content=\"Example News\"",
                "content=\"BBC News — Entertainment &amp; Arts\"",
            );
        let p = parse(Path::new("src20.html"), &page, &mut Vec::new()).expect("extracted");
        assert_eq!(p.article.title, "Putin rejects full ceasefire");
        let site = Some("Example News");
        let kept = without_site_suffix("Trump - Putin call | Example News", site, Path::new("a"));
        assert_eq!(
            kept, "Trump - Putin call",
            "a separator in the headline stays"
        );
    }

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
        assert!(a.body.as_str().contains("unconditional 30-day ceasefire"));
        assert!(a.body.as_str().contains("intelligence sharing"));
        assert!(
            !a.body.as_str().contains("Subscribe"),
            "footer leaked: {}",
            a.body.as_str()
        );
        assert!(
            !a.body.as_str().contains("Sport"),
            "nav leaked: {}",
            a.body.as_str()
        );
        assert_eq!(a.language.as_deref(), Some("en"));
    }

    #[test]
    fn a_script_filled_page_is_read_from_its_json_ld_article_body() {
        let graph = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type":["NewsArticle"],"headline":"Truce holds","articleBody":"The ceasefire held for a second day on Saturday. Aid trucks entered Gaza."}]}"#;
        let page = format!(
            "<!doctype html><html><head><title>Truce holds</title>\
             <script type=\"application/ld+json\">{graph}</script></head><body>\
             <div id=\"root\"></div><noscript>Please enable JavaScript.</noscript>\
             <nav><a href=\"/\">Home</a></nav></body></html>"
        );
        let mut d = Vec::new();
        let p = parse(Path::new("page.html"), &page, &mut d);
        let p = p.unwrap_or_else(|| panic!("extracted: {d:?}"));
        let body = p.article.body.as_str().to_string();
        assert!(body.starts_with("The ceasefire held"), "{body}");
        assert!(!body.contains("Home"), "{body}");
        assert!(d.is_empty(), "{d:?}");
        // without an articleBody: a lone link is no article, and the page says why
        let bare = page.replace(graph, r#"{"@type":"NewsArticle","headline":"Truce"}"#);
        let mut d = Vec::new();
        let p = parse(Path::new("page.html"), &bare, &mut d);
        assert!(p.is_none_or(|p| !p.article.body.as_str().contains("Home")));
        assert!(
            d.iter()
                .any(|x| x.message.contains("almost no article text")
                    && x.message.contains("JavaScript")),
            "{d:?}"
        );
    }

    #[test]
    fn time_stamps_and_photo_captions_are_not_body_prose() {
        let page = r#"<!doctype html><html><head><title>Powell dies at 84</title></head><body>
<article><h1>Powell dies at 84</h1><div class="byline">By Jane Reporter</div>
<time datetime="2021-10-18">Oct. 18, 2021, 7:40 AM EDT</time>
<figure><img src="p.jpg"><figcaption>Colin Powell in 2004. (AP Photo/Charles Dharapak)</figcaption></figure>
<p>Colin Powell, the retired four-star general who became the first Black secretary of state, died <time datetime="2021-10-18">Monday</time> from complications of Covid-19, his family said.</p>
<p>Powell had been fully vaccinated, the family said in a statement on Facebook, and was treated at Walter Reed.</p>
<p>Powell served as secretary of state under President George W. Bush from 2001 to 2005.</p>
</article></body></html>"#;
        let mut d = Vec::new();
        let p = parse(Path::new("nbc.html"), page, &mut d).expect("extracted");
        let body = p.article.body.as_str();
        assert!(
            body.starts_with("Colin Powell, the retired four-star general"),
            "{body}"
        );
        assert!(
            !body.contains("AP Photo") && !body.contains("7:40"),
            "{body}"
        );
        // a time inside a sentence is part of it
        assert!(body.contains("died Monday from complications"), "{body}");
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn nesting_depth_is_estimated_without_parsing() {
        assert_eq!(nesting_depth("<p>a</p><p>b</p>", 100), 1);
        assert_eq!(nesting_depth("<p>a<p>b<p>c", 100), 1, "p closes p");
        assert_eq!(
            nesting_depth("<div><div><br><img src='>'><x/></div></div>", 100),
            2
        );
        assert_eq!(nesting_depth("<ul><li>a<li>b<ul><li>c</ul></ul>", 100), 4);
        assert_eq!(
            nesting_depth("<script>if (a<b && c<d) {}</script><!-- <x><x> --><p>", 100),
            1
        );
        assert_eq!(nesting_depth("<!doctype html><html><body><p>x", 100), 3);
        let deep = format!("<p>{}", "<x>".repeat(30_000));
        assert_eq!(nesting_depth(&deep, 300), 301, "stops early");
    }

    #[test]
    fn deeply_nested_pages_are_rejected_before_parsing() {
        // once a stack overflow that took the process down, and quadratic with `<div>`s
        for html in [
            format!("<p>{}", "<x>".repeat(30_000)),
            format!("<html><body>{}</body></html>", "<div>".repeat(5_000)),
        ] {
            let mut d = Vec::new();
            assert!(parse(Path::new("deep.html"), &html, &mut d).is_none());
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(d[0].message.contains("levels deep"), "{}", d[0].message);
        }
        // the normal page is well inside the budget
        assert!(nesting_depth(PAGE, MAX_HTML_DEPTH) < 10);
    }

    #[test]
    fn many_deep_nests_in_a_large_page_are_over_the_work_budget() {
        let unit = format!(
            "{}<p>Putin said no.</p>{}",
            "<div>".repeat(250),
            "</div>".repeat(250)
        );
        let html = unit.repeat(600);
        assert!(html.len() < MAX_HTML_BYTES && nesting_depth(&html, 300) <= MAX_HTML_DEPTH);
        let reason = over_budget(&html).expect("over the work budget");
        assert!(reason.contains("too deeply for its size"), "{reason}");
        // a large page of ordinary depth is fine
        let flat = format!(
            "<div><article>{}</article></div>",
            "<p>Putin said no.</p>".repeat(150_000)
        );
        assert!(over_budget(&flat).is_none());
    }

    #[test]
    fn a_page_just_inside_the_depth_limit_is_extracted_on_a_small_stack() {
        let depth = MAX_HTML_DEPTH - 3;
        let html = format!(
            "<html><body>{}<p>Vladimir Putin did not accept the unconditional ceasefire proposed \
             by Donald Trump during a long phone call on Tuesday, agreeing instead to a pause in \
             strikes on energy infrastructure.</p>{}</body></html>",
            "<div>".repeat(depth - 3),
            "</div>".repeat(depth - 3)
        );
        assert!(over_budget(&html).is_none());
        // worker threads that read files have the default 2 MiB stack
        let body = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || {
                let mut d = Vec::new();
                parse(Path::new("deep-ok.html"), &html, &mut d)
                    .map(|p| p.article.body.as_str().to_string())
            })
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(body.is_some_and(|b| b.contains("energy infrastructure")));
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
