//! The corpus data model: what every on-disk format is loaded into.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

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
    /// Articles, sorted by outlet id then path.
    pub articles: Vec<Article>,
}

impl Event {
    /// An event of these articles as an event folder would give it (origin `Folder`), with no
    /// date, summary or tags: for tests, fuzz targets and datasets that carry only texts.
    pub fn of_articles(id: &str, title: &str, articles: Vec<Article>) -> Event {
        Event {
            id: id.to_string(),
            title: title.to_string(),
            date: None,
            summary: None,
            tags: Vec::new(),
            origin: EventOrigin::Folder,
            articles,
        }
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
    /// `body` was decoded from a field of a structured record starting at `line`.
    Field { field: String, line: usize },
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
    pub url: Option<String>,
    pub author: Option<String>,
    /// ISO 639-1 language code if declared or detected.
    pub language: Option<String>,
    pub kind: Option<ArticleKind>,
    /// The article text, paragraphs separated by blank lines.
    pub body: String,
    /// How `body` maps back into the file.
    pub origin: TextOrigin,
    /// Front-matter keys framediff does not know, kept verbatim.
    pub extra: BTreeMap<String, String>,
    /// Gold annotations from a research dataset (BASIL), when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gold: Option<GoldAnnotations>,
}

impl Article {
    /// Converts a byte range of `body` into a byte range of the source file, when the body is
    /// verbatim file content; otherwise returns the range unchanged (it refers to `body`).
    pub fn file_range(&self, body_range: Range<usize>) -> Range<usize> {
        match self.origin {
            TextOrigin::Verbatim { start, .. } => start + body_range.start..start + body_range.end,
            _ => body_range,
        }
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
