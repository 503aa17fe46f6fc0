//! The corpus data model: what every on-disk format is loaded into.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A loaded corpus: events with their articles, outlet metadata, and every problem met on the way.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corpus {
    /// The path the corpus was opened from.
    pub root: PathBuf,
    /// Events in a stable order (by date, then id).
    pub events: Vec<Event>,
    /// Outlet metadata from `outlets.toml`, keyed by outlet id.
    pub outlets: BTreeMap<String, OutletInfo>,
    /// Problems found while loading; loading never stops at the first one.
    pub diagnostics: Vec<Diagnostic>,
    /// One line per corpus-wide step the cache updated incrementally instead of running it
    /// over the whole corpus (docs/cache.md); empty after full runs. `check` prints them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub incremental: Vec<String>,
}

impl Corpus {
    /// Why this corpus (opened from `path`) has no article, for `framediff check` and the
    /// terminal UI alike: no file in an article format, or every one rejected (then how many
    /// errors, and how many files were over the size limit for one article).
    pub fn why_no_articles(&self, path: &std::path::Path) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let errors: Vec<_> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == super::Severity::Error)
            .collect();
        if errors.is_empty() {
            return format!(
                "no articles found in {} (md, txt, json, jsonl, html, rss, atom files)",
                path.display()
            );
        }
        let too_big = errors
            .iter()
            .filter(|d| d.message.contains(super::load::OVER_ARTICLE_LIMIT))
            .count();
        let size = if too_big > 0 {
            format!(
                ", {} over the size limit for one article (--max-file-size)",
                plural(too_big, "file")
            )
        } else {
            String::new()
        };
        format!(
            "no article of {} could be loaded: {}{size}",
            path.display(),
            plural(errors.len(), "error")
        )
    }

    /// Finds an event by exact id, then by unique id prefix or case-insensitive title match.
    pub fn find_event(&self, query: &str) -> Option<&Event> {
        if let Some(e) = self.events.iter().find(|e| e.id == query) {
            return Some(e);
        }
        let lower = query.to_lowercase();
        let matches: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.id.starts_with(query) || e.title.to_lowercase() == lower)
            .collect();
        if matches.len() == 1 {
            Some(matches[0])
        } else {
            None
        }
    }

    /// Display name of an outlet: from `outlets.toml`, else a well-known name, else the id.
    pub fn outlet_name(&self, id: &str) -> String {
        self.outlets
            .get(id)
            .and_then(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// Number of articles in all events.
    pub fn article_count(&self) -> usize {
        self.events.iter().map(|e| e.articles.len()).sum()
    }

    /// True if any file was rejected (an error, not just a warning).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Metadata about one outlet, from `outlets.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OutletInfo {
    pub name: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub lean: Option<String>,
    pub owner: Option<String>,
}

/// How an event came to be: a folder on disk, a dataset's own grouping, or automatic clustering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventOrigin {
    /// A folder of article files (optionally with `event.toml`).
    Folder,
    /// The `event` field of JSON / JSON Lines records.
    EventField,
    /// BASIL's `triplet-uuid`.
    Basil,
    /// Grouped automatically by content similarity and date.
    AutoGrouped,
}

/// One news event covered by several outlets.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Stable identifier (folder name, `event` field, triplet uuid, or a generated slug).
    pub id: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub origin: EventOrigin,
    /// Articles, sorted by outlet id then path; shared (`Arc`): the events of a corpus
    /// updated for a few changed files (the terminal UI's, docs/scaling.md) hold the same
    /// articles as the corpus before, not copies.
    pub articles: Vec<Arc<Article>>,
}

impl Event {
    /// An event of these articles as an event folder would give it (origin `Folder`), with no
    /// date, summary or tags: for tests, fuzz targets and datasets that carry only texts.
    pub fn of_articles<A: Into<Arc<Article>>>(id: &str, title: &str, articles: Vec<A>) -> Event {
        Event {
            id: id.to_string(),
            title: title.to_string(),
            date: None,
            summary: None,
            tags: Vec::new(),
            origin: EventOrigin::Folder,
            articles: articles.into_iter().map(Into::into).collect(),
        }
    }

    /// True when some article's text is still on disk ([`Body::Stored`]).
    pub fn has_stored_text(&self) -> bool {
        self.articles.iter().any(|a| a.body.is_stored())
    }

    /// This event with every article's text in memory (read back from disk where stored),
    /// as the analysis and the views need it.
    ///
    /// # Errors
    /// The first article whose text cannot be read back ([`Article::text`]): its file and
    /// line, and why.
    pub fn with_text(&self) -> Result<Event, Diagnostic> {
        let mut e = self.clone();
        for a in &mut e.articles {
            if a.body.is_stored() {
                Arc::make_mut(a).load_text()?;
            }
        }
        Ok(e)
    }

    /// Distinct outlet ids in this event, in article order.
    pub fn outlet_ids(&self) -> Vec<&str> {
        let mut seen: Vec<&str> = Vec::new();
        for a in &self.articles {
            if !seen.contains(&a.outlet.as_str()) {
                seen.push(&a.outlet);
            }
        }
        seen
    }
}

/// The genre of an article, as declared in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ArticleKind {
    News,
    Analysis,
    Opinion,
    Readout,
    Wire,
    Interview,
}

impl ArticleKind {
    /// Parses the front-matter spelling; `None` for anything unknown.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "news" | "report" => Self::News,
            "analysis" => Self::Analysis,
            "opinion" | "op-ed" | "editorial" | "column" => Self::Opinion,
            "readout" | "statement" | "press-release" => Self::Readout,
            "wire" => Self::Wire,
            "interview" => Self::Interview,
            _ => return None,
        })
    }
}

/// Where an article's body text sits in its source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum TextOrigin {
    /// `body` is exactly the bytes `start..end` of the file (Markdown, plain text).
    Verbatim { start: usize, end: usize },
    /// `body` was decoded from a field of a structured record starting at `line`. (The field
    /// name is one of a few known ones: no allocation per article.)
    Field {
        field: std::borrow::Cow<'static, str>,
        line: usize,
    },
    /// `body` was extracted from markup (HTML); offsets refer to `body` itself.
    Extracted,
}

/// One article by one outlet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The file it came from.
    pub path: PathBuf,
    /// Outlet id (lower-case slug), e.g. `bbc`.
    pub outlet: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// The other day `date` may be for the writer, when it was given as a UTC time near
    /// midnight ([`super::date::utc_other_day`]): a relative day ("today") in the text may
    /// then be read against either day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_alt: Option<NaiveDate>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// ISO 639-1 language code if declared or detected.
    pub language: Option<String>,
    pub kind: Option<ArticleKind>,
    /// The article text, paragraphs separated by blank lines: in memory, or (a record of a
    /// JSON Lines dump streamed from disk) left in the file and read by [`Article::text`].
    pub body: Body,
    /// How `body` maps back into the file.
    pub origin: TextOrigin,
    /// Front-matter keys framediff does not know, kept verbatim.
    pub extra: Extra,
    /// Gold annotations from a research dataset (BASIL), when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// (Boxed: most articles have none, and an article list is a large part of a big dump's
    /// memory.)
    pub gold: Option<Box<GoldAnnotations>>,
}

impl Article {
    /// The article text: borrowed when in memory, else read back from the record in its
    /// file ([`Body::Stored`]: one seek and one record parsed).
    ///
    /// # Errors
    /// An error naming the file and the record's line when the file cannot be read, or no
    /// longer holds the record loaded (changed on disk since: its text hashes differently).
    pub fn text(&self) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
        match &self.body {
            Body::Text(s) => Ok(std::borrow::Cow::Borrowed(s)),
            Body::Stored(r) => {
                let line = match self.origin {
                    TextOrigin::Field { line, .. } => line,
                    _ => 0,
                };
                super::json::read_stored(&self.path, line, r).map(std::borrow::Cow::Owned)
            }
        }
    }

    /// Reads the text into memory when it is still on disk ([`Article::text`]).
    ///
    /// # Errors
    /// As [`Article::text`]; the body is then left as it was.
    pub fn load_text(&mut self) -> Result<(), Diagnostic> {
        if let Body::Stored(_) = self.body {
            let text = self.text()?.into_owned();
            self.body = Body::Text(text.into());
        }
        Ok(())
    }

    /// Converts a byte range of `body` into a byte range of the source file, when the body is
    /// verbatim file content; otherwise returns the range unchanged (it refers to `body`).
    pub fn file_range(&self, body_range: Range<usize>) -> Range<usize> {
        match self.origin {
            TextOrigin::Verbatim { start, .. } => start + body_range.start..start + body_range.end,
            _ => body_range,
        }
    }
}

/// An article's text: in memory, or where it sits in a JSON Lines dump too large to keep
/// every text of in memory (a dump over the per-file limit is streamed, and only the place of
/// each record kept: [`StoredText`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// The text itself, shared: copies of an article (the terminal UI's corpus after each
    /// change of its files, docs/scaling.md) share one text instead of copying it.
    Text(std::sync::Arc<str>),
    /// The text is the body of the record at this place of `Article::path`, read back with
    /// [`Article::text`].
    Stored(StoredText),
}

impl Body {
    /// The text when it is in memory; empty for text still on disk: the analysis and the
    /// views get events whose text was read first ([`Event::with_text`]).
    pub fn as_str(&self) -> &str {
        match self {
            Body::Text(s) => s,
            Body::Stored(_) => "",
        }
    }

    /// True when the text is still on disk.
    pub fn is_stored(&self) -> bool {
        matches!(self, Body::Stored(_))
    }

    /// XXH3-64 of the text (for cache keys), the same for a text in memory and the same text
    /// on disk, without reading it.
    pub fn digest(&self) -> u64 {
        match self {
            Body::Text(s) => xxhash_rust::xxh3::xxh3_64(s.as_bytes()),
            Body::Stored(r) => r.hash,
        }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::Text("".into())
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Body::Text(s.into())
    }
}

impl From<&str> for Body {
    fn from(s: &str) -> Self {
        Body::Text(s.into())
    }
}

impl PartialEq<&str> for Body {
    /// Equal to a text in memory with the same characters; text on disk equals nothing.
    fn eq(&self, other: &&str) -> bool {
        matches!(self, Body::Text(s) if &**s == *other)
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        matches!(self, Body::Text(s) if &**s == other)
    }
}

/// Where the text of one record of a streamed JSON Lines dump is: the record's bytes (its
/// line, without the line break) and the XXH3-64 of the text read from it, so that a file
/// changed since loading is noticed when the text is read back. 20 bytes, against the text
/// itself (a few KB) kept in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredText {
    /// Byte offset of the record's line in the file.
    pub offset: u64,
    /// Length of the line in bytes (at most the per-record limit).
    pub len: u32,
    /// XXH3-64 of the article text the record gave when loaded.
    pub hash: u64,
}

/// Keys and values an article carries that framediff does not interpret (front-matter keys it
/// does not know, a feed item's `guid`, a record's `id`), sorted by key: a map kept as one
/// exact-size list, about 100 bytes for a record's `id` where a `BTreeMap` node took about
/// 550 (0.35 GB on a 700,000-record dump). Serialised as a map, as a `BTreeMap` is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra(Vec<(String, String)>);

impl Extra {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&String> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// True when `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; the value it replaced, if any.
    pub fn insert(&mut self, key: String, value: String) -> Option<String> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.reserve_exact(1);
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The entries, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl FromIterator<(String, String)> for Extra {
    /// Later values of a repeated key replace earlier ones, as in a map.
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        let map: BTreeMap<String, String> = iter.into_iter().collect();
        Extra(map.into_iter().collect())
    }
}

impl Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(d)?;
        let mut v: Vec<(String, String)> = Vec::with_capacity(map.len());
        v.extend(map);
        Ok(Extra(v))
    }
}

/// Gold annotations kept from BASIL so later stages can score themselves.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GoldAnnotations {
    /// Gold sentence boundaries as byte ranges of `Article::body`.
    pub sentences: Vec<Range<usize>>,
    /// Byte ranges of `body` where each gold paragraph starts and ends.
    pub paragraphs: Vec<Range<usize>>,
    /// Phrase-level bias spans.
    pub spans: Vec<GoldSpan>,
    /// Article-level stance towards the main entity, if annotated.
    pub stance: Option<String>,
}

/// Which BASIL bias a span carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BiasKind {
    /// The wording itself is slanted.
    Lexical,
    /// A selected fact or quote sways the reader.
    Informational,
}

/// One annotated bias span.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldSpan {
    /// Index into `GoldAnnotations::sentences`; `None` when the span is in the title.
    pub sentence: Option<usize>,
    /// Byte range in `body` (or in `title` when `sentence` is `None`).
    pub range: Range<usize>,
    pub text: String,
    pub bias: BiasKind,
    pub polarity: Option<String>,
    pub target: Option<String>,
    pub quote: bool,
}

/// How bad a problem is: an error rejects a file, a warning only reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A problem with one input file, in plain language, pointing at the file and line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{sev}: {}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{sev}: {}: {}", self.path.display(), self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_for_no_articles_says_whether_files_were_rejected() {
        let mut c = Corpus::default();
        let at = Path::new("/corpus");
        assert!(
            c.why_no_articles(at)
                .starts_with("no articles found in /corpus")
        );
        c.diagnostics.push(Diagnostic::error(
            Path::new("/corpus/a.md"),
            None,
            format!(
                "file is 2 MB, over the 1 MB {}; skipped",
                super::super::load::OVER_ARTICLE_LIMIT
            ),
        ));
        c.diagnostics.push(Diagnostic::error(
            Path::new("/corpus/b.md"),
            Some(3),
            "bad front matter",
        ));
        assert_eq!(
            c.why_no_articles(at),
            "no article of /corpus could be loaded: 2 errors, 1 file over the size limit for one article (--max-file-size)"
        );
    }

    #[test]
    fn extra_is_a_sorted_map_and_serialises_as_one() {
        let mut e = Extra::default();
        assert_eq!(e.insert("zeta".into(), "1".into()), None);
        assert_eq!(e.insert("alpha".into(), "2".into()), None);
        assert_eq!(e.insert("zeta".into(), "3".into()), Some("1".into()));
        assert_eq!(e.get("zeta").map(String::as_str), Some("3"));
        assert!(e.contains_key("alpha") && !e.contains_key("beta"));
        let keys: Vec<&String> = e.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["alpha", "zeta"]);
        let map: BTreeMap<String, String> = [("alpha", "2"), ("zeta", "3")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        let back: Extra = rmp_serde::from_slice(&rmp_serde::to_vec_named(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        assert_eq!(map.into_iter().collect::<Extra>(), e);
    }

    #[test]
    fn a_body_in_memory_and_on_disk_digest_alike() {
        let text = Body::from("Some text.");
        let stored = Body::Stored(StoredText {
            offset: 0,
            len: 10,
            hash: text.digest(),
        });
        assert_eq!(text.digest(), stored.digest());
        assert!(stored.is_stored() && !text.is_stored());
        assert_eq!(stored.as_str(), "");
        assert!(text == "Some text." && stored != "Some text.");
    }
}
