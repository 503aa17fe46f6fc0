//! Article metadata fields shared by every format (front matter, JSON, JSON Lines).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::date::{self, ParsedDate};
use super::frontmatter::value_to_text;
use super::model::{Article, ArticleKind, Diagnostic, GoldAnnotations, TextOrigin};
use super::text::Parsed;

/// Metadata read from a record, before the body is attached.
#[derive(Debug, Clone, Default)]
pub struct Fields {
    pub outlet: Option<String>,
    /// The outlet as the record spells it ("The Guardian"), when that differs from its id.
    pub outlet_name: Option<String>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The writer's other possible day of a UTC date ([`Article::date_alt`]).
    pub date_alt: Option<NaiveDate>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub language: Option<String>,
    pub kind: Option<ArticleKind>,
    pub event: Option<String>,
    pub extra: super::model::Extra,
}

impl Fields {
    /// Attaches the body and builds the article. The outlet defaults to `outlet_fallback`
    /// and the language is guessed from the script when the record names none.
    pub fn into_parsed(
        self,
        path: &Path,
        outlet_fallback: String,
        body: String,
        origin: TextOrigin,
        gold: Option<GoldAnnotations>,
    ) -> Parsed {
        let language = self.language.or_else(|| guess_language(&body));
        Parsed {
            event: self.event,
            outlet_name: self.outlet_name,
            sketch: None,
            article: std::sync::Arc::new(Article {
                path: path.to_path_buf(),
                outlet: self.outlet.unwrap_or(outlet_fallback),
                title: self.title.unwrap_or_default(),
                date: self.date,
                date_alt: self.date.and(self.date_alt),
                url: self.url,
                author: self.author,
                language,
                kind: self.kind,
                body: body.into(),
                origin,
                extra: self.extra,
                gold: gold.map(Box::new),
            }),
        }
    }
}

/// A file or folder name as text without losing bytes: bytes that are not UTF-8 are written
/// `\xNN` (on Unix; elsewhere names are always Unicode), so `ev\xe9` and `ev\xe8` stay two
/// events instead of both becoming `ev\u{FFFD}`.
pub fn name_text(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// The outlet id a file's name suggests (`Kyiv Independent.txt` -> `kyiv-independent`).
pub fn outlet_from_file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| outlet_id(&name_text(s)))
        .unwrap_or_else(|| "unknown".into())
}

/// Keys that hold the body in structured records; consumed by the JSON reader, not here.
pub const BODY_KEYS: &[&str] = &["body", "text", "content", "body-paragraphs"];

/// Keys framediff understands without using them (dataset bookkeeping), so no warning is due.
const QUIET_KEYS: &[&str] = &[
    "uuid",
    "triplet-uuid",
    "main-event",
    "main-entities",
    "word-count",
    "keywords",
    "id",
    "tags",
    "summary",
    "description",
    "urltoimage",
];

/// The `name` of an object-valued outlet key (NewsAPI's `"source": {"id": …, "name": "BBC
/// News"}`); `None`, with a warning, when it has none.
fn named(
    value: &Value,
    key: &str,
    path: &Path,
    line: Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if name.is_none() {
        diags.push(Diagnostic::warning(
            path,
            line,
            format!("'{key}' is an object without a 'name' (text); ignored"),
        ));
    }
    name.map(str::to_string)
}

/// The text of a WordPress-style `{"rendered": "<markup>"}` value, its tags and entities out.
pub fn rendered(value: &Value) -> Option<String> {
    let markup = value.get("rendered")?.as_str()?;
    let text = super::html::fragment_text(markup).ok()?;
    Some(text.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty())
}

/// Reads the known keys of `map`; unknown keys are kept in `extra` with a warning.
/// `line_of` gives the line of a key when the format knows it.
pub fn extract(
    map: &BTreeMap<String, Value>,
    path: &Path,
    line_of: &dyn Fn(&str) -> Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Fields {
    let mut f = Fields::default();
    for (key, value) in map {
        let text = value_to_text(value)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let line = line_of(key);
        match key.to_ascii_lowercase().as_str() {
            "outlet" | "source" | "publisher" | "site" => {
                if f.outlet.is_none() {
                    let text = match value {
                        Value::Object(_) => named(value, key, path, line, diags),
                        _ => text,
                    };
                    f.outlet = text.as_deref().map(outlet_id);
                    f.outlet_name = text.filter(|s| f.outlet.as_deref() != Some(s.as_str()));
                }
            }
            "title" | "headline" if rendered(value).is_some() => {
                f.title = f.title.take().or(rendered(value));
            }
            "title" | "headline" => {
                if matches!(value, Value::Array(_) | Value::Object(_)) {
                    diags.push(Diagnostic::warning(
                        path,
                        line,
                        format!(
                            "'{key}' must be text, found {}; ignored",
                            super::frontmatter::json_type(value)
                        ),
                    ));
                } else {
                    f.title = f.title.take().or(text);
                }
            }
            "date" | "published" | "published_at" | "publishedat" | "pubdate"
            | "date_published" | "datepublished" | "published_date" => {
                if let Some(s) = text {
                    f.date = read_date(&s, path, line, diags);
                    f.date_alt = date::utc_other_day(&s);
                }
            }
            "url" | "link" => f.url = text,
            "author" | "byline" | "authors" => f.author = text,
            "language" | "lang" => {
                if let Some(s) = &text
                    && crate::analysis::Lang::from_code(s).is_none()
                {
                    diags.push(Diagnostic::warning(
                        path,
                        line,
                        format!(
                            "language '{s}' is not one framediff analyses (en, ru); its text is \
                             analysed as the language its script suggests"
                        ),
                    ));
                }
                f.language = text.map(|s| s.to_ascii_lowercase());
            }
            "kind" | "genre" => {
                if let Some(s) = text {
                    f.kind = ArticleKind::parse(&s);
                    if f.kind.is_none() {
                        diags.push(Diagnostic::warning(
                            path,
                            line,
                            format!(
                                "unknown kind '{s}' (expected news, analysis, opinion, readout, wire or interview); ignored"
                            ),
                        ));
                    }
                }
            }
            "event" => f.event = text,
            k if BODY_KEYS.contains(&k) || QUIET_KEYS.contains(&k) => {
                if let Some(s) = text
                    && !BODY_KEYS.contains(&k)
                {
                    f.extra.insert(key.clone(), s);
                }
            }
            _ => {
                diags.push(Diagnostic::warning(
                    path,
                    line,
                    format!("unknown key '{key}' kept but not used"),
                ));
                if let Some(s) = text {
                    f.extra.insert(key.clone(), s);
                }
            }
        }
    }
    f
}

/// The years a date of a news article or event may have. Earlier or later dates are read as
/// missing: `0001-01-01` is the zero value of common date types (.NET, Go) that exporters write
/// for "no date", and a year-1 date would put its event before every other.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Reads an article's date, warning when it is in an odd format or not understood.
pub fn read_date(
    s: &str,
    path: &Path,
    line: Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    read_date_of("article", s, path, line, diags)
}

/// Reads the date of `owner` ("article", "event"), warning when it is in an odd format or
/// not understood (the warning says the `owner` has no date).
pub fn read_date_of(
    owner: &str,
    s: &str,
    path: &Path,
    line: Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let parsed = date::parse(s);
    if let Some(ParsedDate::Iso(d) | ParsedDate::Odd(d)) = parsed
        && !PLAUSIBLE_YEARS.contains(&d.year())
    {
        diags.push(Diagnostic::warning(
            path,
            line,
            format!(
                "date '{s}' is outside the years {}-{} (a placeholder for a missing date?); the \
                 {owner} has no date",
                PLAUSIBLE_YEARS.start(),
                PLAUSIBLE_YEARS.end()
            ),
        ));
        return None;
    }
    match parsed {
        Some(ParsedDate::Iso(d)) => Some(d),
        Some(ParsedDate::Odd(d)) => {
            let message = match date::ambiguous_alternative(s) {
                Some(other) => format!(
                    "date '{s}' is ambiguous: read day first as {d}; month first it would be {other} (write YYYY-MM-DD)"
                ),
                None => format!("date '{s}' is not in YYYY-MM-DD form; read as {d}"),
            };
            diags.push(Diagnostic::warning(path, line, message));
            Some(d)
        }
        None => {
            diags.push(Diagnostic::warning(
                path,
                line,
                format!("date '{s}' not understood (expected YYYY-MM-DD); the {owner} has no date"),
            ));
            None
        }
    }
}

/// Turns an outlet name or file stem into an id: lower case, words joined by '-'.
pub fn outlet_id(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.trim().chars() {
        if c.is_alphanumeric() {
            if dash && !id.is_empty() {
                id.push('-');
            }
            dash = false;
            id.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    if id.is_empty() {
        "unknown".to_string()
    } else {
        id
    }
}

/// Finds the 1-based line of `key` in a front-matter block whose first line is `first_line`.
pub fn key_line(raw: &str, first_line: usize, key: &str) -> Option<usize> {
    raw.lines().enumerate().find_map(|(i, l)| {
        let t = l.trim_start_matches(['"', '\'']);
        let rest = t.strip_prefix(key)?;
        let rest = rest.trim_start_matches(['"', '\'']).trim_start();
        (rest.starts_with(':') || rest.starts_with('=')).then_some(first_line + i)
    })
}

/// Guesses the language from the script: Cyrillic text is Russian, Latin text English.
pub fn guess_language(text: &str) -> Option<String> {
    let (mut cyr, mut lat) = (0usize, 0usize);
    for c in text.chars().take(4000) {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyr += 1;
        } else if c.is_ascii_alphabetic() {
            lat += 1;
        }
    }
    if cyr + lat < 20 {
        None
    } else if cyr > lat {
        Some("ru".into())
    } else {
        reads_as_english(text).then(|| "en".into())
    }
}

/// Common English function words (lower case), none of which is a common word of French,
/// German, Spanish, Italian or Portuguese.
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "to", "was", "is", "that", "for", "with", "his", "her", "he", "she", "it",
    "they", "said", "from", "by", "at", "has", "have", "had", "were", "be", "been", "will", "this",
    "who", "which", "after", "not", "their", "are", "would", "but", "an",
];

/// Common function words of other languages in Latin script (French, German, Spanish,
/// Italian, Portuguese, Dutch), none of which is an English word.
const OTHER_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "est", "une", "que", "qui", "dans", "pour", "sur", "pas",
    "au", "aux", "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine",
    "zu", "el", "los", "las", "del", "y", "es", "por", "con", "para", "il", "di", "della", "che",
    "non", "per", "um", "uma", "não", "het", "een", "van", "ook",
];

/// The most words of a text [`reads_as_english`] looks at.
const LANGUAGE_SAMPLE_WORDS: usize = 400;

/// A Latin-script text reads as English: of its first words, English function words are at
/// least one in twelve and outnumber the function words of French, German, Spanish, Italian,
/// Portuguese and Dutch. (English prose has about one in three; "Le maire a déclaré que le
/// pont rouvrira lundi" has none.) Texts under 8 words are taken for English as before.
fn reads_as_english(text: &str) -> bool {
    let (mut words, mut en, mut other) = (0usize, 0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(LANGUAGE_SAMPLE_WORDS)
    {
        words += 1;
        let w = w.to_lowercase();
        en += usize::from(ENGLISH_WORDS.contains(&w.as_str()));
        other += usize::from(OTHER_WORDS.contains(&w.as_str()));
    }
    words < 8 || (en * 12 >= words && en >= other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_ids_are_slugs() {
        assert_eq!(outlet_id("BBC News"), "bbc-news");
        assert_eq!(outlet_id("  Komsomolskaya_Pravda "), "komsomolskaya-pravda");
        assert_eq!(outlet_id("Известия"), "известия");
        assert_eq!(outlet_id("!!"), "unknown");
    }

    #[test]
    fn key_lines_are_found() {
        let raw = "outlet: bbc\ntitle: x\n\"date\": 2025\n";
        assert_eq!(key_line(raw, 2, "title"), Some(3));
        assert_eq!(key_line(raw, 2, "date"), Some(4));
        assert_eq!(key_line(raw, 2, "url"), None);
    }

    #[test]
    fn unknown_keys_are_kept_and_warned() {
        let mut map = BTreeMap::new();
        map.insert("outlet".to_string(), Value::String("BBC".into()));
        map.insert("mood".to_string(), Value::String("grim".into()));
        let mut diags = Vec::new();
        let f = extract(&map, Path::new("a.md"), &|_| Some(3), &mut diags);
        assert_eq!(f.outlet.as_deref(), Some("bbc"));
        assert_eq!(f.extra.get("mood").map(String::as_str), Some("grim"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("mood"));
    }

    #[test]
    fn an_unknown_language_is_a_warning_with_its_line() {
        let mut map = BTreeMap::new();
        map.insert("language".to_string(), Value::String("klingon".into()));
        let mut diags = Vec::new();
        let f = extract(&map, Path::new("a.md"), &|_| Some(4), &mut diags);
        assert_eq!(f.language.as_deref(), Some("klingon"));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].line, Some(4));
        assert!(diags[0].message.contains("'klingon'"), "{diags:?}");
        map.insert("language".to_string(), Value::String("RU".into()));
        let mut diags = Vec::new();
        extract(&map, Path::new("a.md"), &|_| Some(4), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn a_year_one_date_is_a_missing_date_with_a_warning() {
        for s in ["0001-01-01", "0001-01-01T00:00:00Z", "2525-01-01"] {
            let mut d = Vec::new();
            assert_eq!(
                read_date(s, Path::new("a.md"), Some(4), &mut d),
                None,
                "{s}"
            );
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(
                d[0].message.contains("outside the years 1800-2200"),
                "{d:?}"
            );
            assert_eq!(d[0].line, Some(4));
        }
        let mut d = Vec::new();
        assert!(read_date("1815-06-18", Path::new("a.md"), None, &mut d).is_some());
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn language_is_guessed_from_script() {
        assert_eq!(
            guess_language("Путин и Трамп договорились работать вместе").as_deref(),
            Some("ru")
        );
        assert_eq!(
            guess_language("Putin and Trump agreed to work together").as_deref(),
            Some("en")
        );
        assert_eq!(guess_language("42"), None);
    }

    #[test]
    fn latin_script_that_is_not_english_is_not_labelled_en() {
        for text in [
            "Le maire a déclaré que le pont rouvrira lundi. Les réparations ont coûté 2 millions d'euros.",
            "Der Bürgermeister sagte, dass die Brücke am Montag wieder geöffnet wird und nicht teuer ist.",
            "El alcalde dijo que el puente se abrirá el lunes y que las obras costaron dos millones.",
        ] {
            assert_eq!(guess_language(text), None, "{text}");
        }
        assert_eq!(
            guess_language(
                "The mayor said the bridge would reopen on Monday. Repairs cost 2 million euros."
            )
            .as_deref(),
            Some("en")
        );
        // a short English line with no function word is still English
        assert_eq!(
            guess_language("Putin rejects ceasefire").as_deref(),
            Some("en")
        );
    }
}
