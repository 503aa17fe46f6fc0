//! JSON (`.json`: one article or a list) and JSON Lines (`.jsonl`: one article per line) records.
//!
//! BASIL articles are JSON records too: their `triplet-uuid` names the event and their
//! `body-paragraphs` carry the gold sentence segmentation, which is kept.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::fields;
use super::html;
use super::model::{Body, Diagnostic, GoldAnnotations, StoredText, TextOrigin};
use super::text::Parsed;

/// Reads a `.json` file: one object, or an array of objects.
pub fn parse_json(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let text = lenient(path, text, diags);
    let value: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                Some(e.line()),
                format!("not valid JSON ({e}); file skipped"),
            ));
            return Vec::new();
        }
    };
    match value {
        Value::Object(mut map) => match envelope_list(&map) {
            Some(key) => {
                let items = unwrap_envelope(path, &mut map, key, diags);
                list(path, items, &[], diags)
            }
            None => record(path, 1, map, diags).into_iter().collect(),
        },
        Value::Array(items) => list(path, items, &item_lines(&text), diags),
        other => {
            diags.push(Diagnostic::error(
                path,
                Some(1),
                format!(
                    "expected an article object or a list of them, found {}; file skipped",
                    super::frontmatter::json_type(&other)
                ),
            ));
            Vec::new()
        }
    }
}

/// Keys under which a news API's response holds its list of articles (NewsAPI `articles`,
/// others `results`, `items`, `data`).
const ENVELOPE_KEYS: &[&str] = &["articles", "results", "items", "data"];

/// The key of `map`'s list of article objects when `map` is a news API's response around
/// them (`{"status": "ok", "totalResults": 3, "articles": [...]}`) rather than an article:
/// it has no article text field of its own and one of [`ENVELOPE_KEYS`] is a list whose
/// items are all objects.
fn envelope_list(map: &serde_json::Map<String, Value>) -> Option<&'static str> {
    if fields::BODY_KEYS.iter().any(|k| map.contains_key(*k)) {
        return None;
    }
    ENVELOPE_KEYS.iter().copied().find(|k| {
        map.get(*k)
            .and_then(Value::as_array)
            .is_some_and(|l| !l.is_empty() && l.iter().all(Value::is_object))
    })
}

/// Takes the list of articles out of a news API's response (`key`: [`envelope_list`]), says
/// so, and for NewsAPI (`totalResults` beside `articles`) says that its `content` is cut at
/// 200 characters; an article without `content` is read from its `description`.
fn unwrap_envelope(
    path: &Path,
    map: &mut serde_json::Map<String, Value>,
    key: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Value> {
    let Some(Value::Array(mut items)) = map.remove(key) else {
        return Vec::new();
    };
    let newsapi = key == "articles" && map.contains_key("totalResults");
    let mut note = match items.len() {
        1 => format!("a news API response: the one article of its '{key}' list is read"),
        n => format!("a news API response: the {n} articles of its '{key}' list are read"),
    };
    if newsapi {
        note.push_str(
            "; NewsAPI cuts each article's 'content' at 200 characters ('… [+N chars]'), so \
             only its first sentences are compared (the cut-off sentence is left out); save \
             the pages for the whole text",
        );
        for item in &mut items {
            if let Value::Object(a) = item
                && !a.get("content").is_some_and(Value::is_string)
                && let Some(d) = a.get("description").filter(|d| d.is_string()).cloned()
            {
                a.insert("content".into(), d);
            }
        }
    }
    diags.push(Diagnostic::warning(path, Some(1), note));
    items
}

/// The articles of a JSON list (`lines`: the line each item starts on, when known).
fn list(
    path: &Path,
    items: Vec<Value>,
    lines: &[usize],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Parsed> {
    let line_of = |i: usize| lines.get(i).copied();
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| match item {
            Value::Object(map) => {
                let mut own = Vec::new();
                let p = record(path, line_of(i).unwrap_or(1), map, &mut own);
                diags.extend(own.into_iter().map(|mut d| {
                    d.message = format!("item {} of the list: {}", i + 1, d.message);
                    d
                }));
                p
            }
            other => {
                diags.push(Diagnostic::error(
                    path,
                    line_of(i),
                    format!(
                        "item {} of the list is {}, not an article object; skipped",
                        i + 1,
                        super::frontmatter::json_type(&other)
                    ),
                ));
                None
            }
        })
        .collect()
}

/// The one note for a NeuS / AllSides story file, in place of a warning per key and record.
const NEUS_HINT: &str = "this looks like a NeuS/AllSides file (one story per line, its \
                         articles under news.left/center/right), not one article per line; \
                         `framediff eval neus` reads it; file skipped";

/// A JSON Lines record is a NeuS / AllSides story: an object whose `news` holds `left`,
/// `center` or `right` article objects.
fn is_neus_story(line: &[u8]) -> bool {
    let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(line) else {
        return false;
    };
    map.get("news")
        .and_then(Value::as_object)
        .is_some_and(|news| {
            ["left", "center", "right"]
                .iter()
                .any(|side| news.get(*side).is_some_and(Value::is_object))
        })
}

/// `text` opens with a JSON object whose first key is `"schema"` naming a framediff format
/// (`"framediff.comparison/1"`): a report framediff wrote, not an article.
pub fn has_framediff_schema(text: &str) -> bool {
    let rest = text.trim_start_matches('\u{FEFF}').trim_start();
    let Some(rest) = rest.strip_prefix('{') else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix("\"schema\"") else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix(':') else {
        return false;
    };
    rest.trim_start().starts_with("\"framediff.")
}

/// The 1-based line on which each item of the top-level JSON array in `text` starts, in order
/// (`text` is valid JSON: this only follows strings, escapes and nesting).
fn item_lines(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut in_string, mut escaped, mut expect_item) = (false, false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if expect_item && !c.is_whitespace() && c != ']' {
            out.push(line);
            expect_item = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                expect_item = depth == 1 && c == '[';
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expect_item = true,
            _ => {}
        }
    }
    out
}

/// Reads a `.jsonl` file; a bad line is reported and the other lines still load.
pub fn parse_jsonl(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    let mut out = Vec::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, line) in text.lines().enumerate() {
        parse_line(path, i + 1, line, diags, &mut out);
    }
    out
}

/// One JSON Lines record (line `line_no`, 1-based) into `out`; a bad one is reported.
fn parse_line(
    path: &Path,
    line_no: usize,
    line: &str,
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<Parsed>,
) {
    if line.trim().is_empty() {
        return;
    }
    if has_framediff_schema(line) {
        diags.push(Diagnostic::warning(
            path,
            Some(line_no),
            super::load::REPORT_SKIPPED,
        ));
        return;
    }
    let line = lenient_line(path, line, line_no, diags);
    match serde_json::from_str::<Value>(&line) {
        Ok(Value::Object(map)) => out.extend(record(path, line_no, map, diags)),
        Ok(other) => diags.push(Diagnostic::error(
            path,
            Some(line_no),
            format!(
                "line is {}, not an article object; line skipped",
                super::frontmatter::json_type(&other)
            ),
        )),
        Err(e) => diags.push(Diagnostic::error(
            path,
            Some(line_no),
            format!("not valid JSON ({}); line skipped", within_line(&e)),
        )),
    }
}

/// A JSON error of one line of a dump, its position given as the column only: the line is
/// the diagnostic's ("line 2: … at line 1 column 2" read as a contradiction).
fn within_line(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(what) if e.line() == 1 => format!("{what} at column {}", e.column()),
        _ => text,
    }
}

/// Reads a `.jsonl` file as a stream, one line at a time, so a dump of any size loads in
/// memory bounded by `max_record` bytes plus what its articles hold. A line over
/// `max_record` bytes is reported with its line number and size and skipped without being
/// kept in memory; a line that is not UTF-8 is decoded with replacement characters and
/// reported. A file starting with a UTF-16 byte order mark is decoded whole (up to
/// `max_record` bytes). Errors (the file cannot be opened or read) are diagnostics; the
/// records read before a read error are kept.
pub fn read_jsonl(path: &Path, max_record: u64, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    open_and_read(path, max_record, false, diags)
}

/// [`read_jsonl`] that leaves each article's text in the file: its body is a
/// [`Body::Stored`] (the record's place and the text's hash, read back by
/// [`super::model::Article::text`]) and its duplicate sketch is made while the text is read,
/// so a multi-GB dump loads in memory bounded by the records' other fields. A UTF-16 file,
/// decoded whole, keeps its texts in memory.
pub fn read_jsonl_stored(path: &Path, max_record: u64, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    open_and_read(path, max_record, true, diags)
}

fn open_and_read(
    path: &Path,
    max_record: u64,
    store: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Parsed> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                None,
                format!("cannot be read ({e}); skipped"),
            ));
            return Vec::new();
        }
    };
    let reader = std::io::BufReader::with_capacity(64 * 1024, file);
    read_lines(path, reader, max_record, store, diags)
}

/// [`read_jsonl`] over any buffered reader (the bytes of a file already read, for one);
/// `path` names the file in diagnostics.
pub fn read_jsonl_from(
    path: &Path,
    reader: impl std::io::BufRead,
    max_record: u64,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Parsed> {
    read_lines(path, reader, max_record, false, diags)
}

/// The stream reader of [`read_jsonl`]; `store`: texts left on disk ([`read_jsonl_stored`]).
fn read_lines(
    path: &Path,
    mut reader: impl std::io::BufRead,
    max_record: u64,
    store: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Parsed> {
    let head = reader.fill_buf().map(<[u8]>::to_vec).unwrap_or_default();
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return read_utf16_jsonl(path, reader, max_record, diags);
    }
    if head[..head.len().min(8192)].contains(&0) {
        diags.push(Diagnostic::error(
            path,
            None,
            "looks like a binary file (contains NUL bytes), not text; skipped",
        ));
        return Vec::new();
    }
    let max = usize::try_from(max_record).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut line = Vec::new();
    let mut line_no = 0;
    let mut offset: u64 = 0;
    let mut first = true;
    loop {
        line_no += 1;
        let start = offset;
        match next_line(&mut reader, max, &mut line, &mut offset) {
            Ok(None) => break,
            Ok(Some(Line::Whole)) => {
                if first && !line.trim_ascii().is_empty() {
                    first = false;
                    if is_neus_story(&line) {
                        diags.push(Diagnostic::warning(path, Some(line_no), NEUS_HINT));
                        return Vec::new();
                    }
                }
                let before = out.len();
                record_line(path, line_no, &line, diags, &mut out);
                if store && let Some(p) = out.get_mut(before) {
                    leave_on_disk(p, start, line.len());
                }
            }
            Ok(Some(Line::TooLong(len))) => diags.push(Diagnostic::error(
                path,
                Some(line_no),
                format!(
                    "record is {}, over the {} limit for one record; line skipped",
                    super::load::human_size(len),
                    super::load::human_size(max_record)
                ),
            )),
            Err(e) => {
                diags.push(Diagnostic::error(
                    path,
                    Some(line_no),
                    format!("cannot be read further ({e}); the lines before are kept"),
                ));
                break;
            }
        }
    }
    out
}

/// One line's bytes (without its line break) decoded and parsed as a record into `out`: a
/// byte order mark on line 1 skipped, bytes that are not UTF-8 replaced (with a warning).
fn record_line(
    path: &Path,
    line_no: usize,
    line: &[u8],
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<Parsed>,
) {
    let bytes = if line_no == 1 {
        line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
    } else {
        line
    };
    let text = String::from_utf8_lossy(bytes);
    if let Cow::Owned(_) = text {
        diags.push(Diagnostic::warning(
            path,
            Some(line_no),
            "not valid UTF-8; decoded with replacement characters",
        ));
    }
    parse_line(path, line_no, &text, diags, out);
}

/// Replaces a parsed article's text by its place in the file (the line at `offset`, `len`
/// bytes), keeping the text's duplicate sketch and hash. A line longer than `u32::MAX` bytes
/// (a per-record limit over 4 GiB) keeps its text.
fn leave_on_disk(p: &mut Parsed, offset: u64, len: usize) {
    let Ok(len) = u32::try_from(len) else { return };
    let hash = p.article.body.digest();
    p.sketch = Some(super::duplicates::sketch(p.article.body.as_str()));
    std::sync::Arc::make_mut(&mut p.article).body = Body::Stored(StoredText { offset, len, hash });
}

/// The text of a record of a JSON Lines file loaded with [`read_jsonl_stored`]: the line at
/// `r.offset` read and parsed again as loading did.
///
/// # Errors
/// An error naming `path` and `line` when the file cannot be opened or read, or when it no
/// longer holds the record loaded there: shorter now, not the same record, or a text that
/// hashes differently (the file changed on disk since it was loaded).
pub fn read_stored(path: &Path, line: usize, r: &StoredText) -> Result<String, Diagnostic> {
    use std::io::{Read, Seek, SeekFrom};
    let changed = || {
        Diagnostic::error(
            path,
            Some(line),
            "changed on disk since the corpus was loaded: the record read there is gone or \
             different; load the corpus again",
        )
    };
    let mut bytes = vec![0u8; r.len as usize];
    let read = std::fs::File::open(path).and_then(|mut f| {
        f.seek(SeekFrom::Start(r.offset))?;
        f.read_exact(&mut bytes)
    });
    match read {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Err(changed()),
        Err(e) => {
            return Err(Diagnostic::error(
                path,
                Some(line),
                format!("the article text cannot be read back ({e})"),
            ));
        }
    }
    let mut out = Vec::new();
    record_line(path, line, &bytes, &mut Vec::new(), &mut out);
    match out.pop().map(|p| p.article.body.clone()) {
        Some(Body::Text(text)) if xxhash_rust::xxh3::xxh3_64(text.as_bytes()) == r.hash => {
            Ok(text.to_string())
        }
        _ => Err(changed()),
    }
}

/// What [`next_line`] read.
#[derive(Debug, PartialEq)]
enum Line {
    /// The line (without its line break) is in the buffer.
    Whole,
    /// The line was this many bytes, over the limit; it was skipped, not kept.
    TooLong(u64),
}

/// Reads the next line into `line` (cleared first, `\n` or `\r\n` removed), keeping at most
/// `max` bytes; `None` at the end of the input. `offset` is advanced by the bytes consumed.
fn next_line(
    r: &mut impl std::io::BufRead,
    max: usize,
    line: &mut Vec<u8>,
    offset: &mut u64,
) -> std::io::Result<Option<Line>> {
    line.clear();
    let mut len: u64 = 0;
    let mut too_long = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            if len == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, used, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        len += chunk.len() as u64;
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line.clear();
                line.shrink_to(64 * 1024);
            } else {
                line.extend_from_slice(chunk);
            }
        }
        r.consume(used);
        *offset += used as u64;
        if done {
            // A line break counts as read even for an empty line.
            len = len.max(1);
            break;
        }
    }
    if too_long {
        return Ok(Some(Line::TooLong(len)));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(Line::Whole))
}

/// A UTF-16 JSON Lines file: decoded whole, when it is within `max_record` bytes.
fn read_utf16_jsonl(
    path: &Path,
    reader: impl std::io::Read,
    max_record: u64,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Parsed> {
    use std::io::Read;
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(max_record + 1).read_to_end(&mut bytes) {
        diags.push(Diagnostic::error(
            path,
            None,
            format!("cannot be read ({e}); skipped"),
        ));
        return Vec::new();
    }
    if bytes.len() as u64 > max_record {
        diags.push(Diagnostic::error(
            path,
            None,
            format!(
                "UTF-16 JSON Lines are read whole, and this file is over the {} limit; \
                 convert it to UTF-8 to stream it; skipped",
                super::load::human_size(max_record)
            ),
        ));
        return Vec::new();
    }
    match super::encoding::decode(path, bytes, super::encoding::Declared::None, diags) {
        Some(text) => parse_jsonl(path, &text, diags),
        None => Vec::new(),
    }
}

/// Replaces the non-standard number literals `NaN`, `Infinity` and `-Infinity` that Python's
/// and JavaScript's writers emit (outside strings) with `null`, so one odd value in a field
/// framediff does not use never drops the record. Each is reported with its line; line breaks
/// are kept, so serde_json's line numbers stay right.
fn lenient<'a>(path: &Path, text: &'a str, diags: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let (fixed, lines) = replace_non_finite(text);
    for line in lines {
        diags.push(non_finite_warning(path, line));
    }
    fixed
}

fn lenient_line<'a>(
    path: &Path,
    text: &'a str,
    line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    let (fixed, lines) = replace_non_finite(text);
    if !lines.is_empty() {
        diags.push(non_finite_warning(path, line));
    }
    fixed
}

fn non_finite_warning(path: &Path, line: usize) -> Diagnostic {
    Diagnostic::warning(
        path,
        Some(line),
        "NaN or Infinity is not valid JSON; read as null",
    )
}

/// The text with bare `NaN` / `Infinity` / `-Infinity` replaced by `null`, and the 1-based
/// lines where that happened (deduplicated).
fn replace_non_finite(text: &str) -> (Cow<'_, str>, Vec<usize>) {
    if !text.contains("NaN") && !text.contains("Infinity") {
        return (Cow::Borrowed(text), Vec::new());
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut lines = Vec::new();
    let (mut in_string, mut escaped, mut line) = (false, false, 1usize);
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        let word_before = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let literal = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|w| bytes[i..].starts_with(w.as_bytes()));
        if let Some(w) = literal
            && !word_before
            && !bytes
                .get(i + w.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            out.push_str(&text[copied..i]);
            out.push_str("null");
            i += w.len();
            copied = i;
            if lines.last() != Some(&line) {
                lines.push(line);
            }
            continue;
        }
        i += 1;
    }
    if lines.is_empty() {
        return (Cow::Borrowed(text), lines);
    }
    out.push_str(&text[copied..]);
    (Cow::Owned(out), lines)
}

/// BASIL's outlet codes and the ids framediff uses for them.
pub const BASIL_OUTLETS: &[(&str, &str, &str)] = &[
    ("fox", "fox-news", "Fox News"),
    ("nyt", "new-york-times", "New York Times"),
    ("hpo", "huffpost", "HuffPost"),
];

fn record(
    path: &Path,
    line: usize,
    map: serde_json::Map<String, Value>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Parsed> {
    let map: BTreeMap<String, Value> = map.into_iter().collect();
    let is_basil = map.contains_key("triplet-uuid");
    let at_line = |_: &str| Some(line);
    let mut f = fields::extract(&map, path, &at_line, diags);
    if is_basil {
        if let Some(Value::String(src)) = map.get("source") {
            let code = src.to_ascii_lowercase();
            if let Some((_, id, _)) = BASIL_OUTLETS.iter().find(|(c, _, _)| *c == code) {
                f.outlet = Some((*id).to_string());
            }
        }
        f.event = map
            .get("triplet-uuid")
            .and_then(Value::as_str)
            .map(str::to_string);
        f.language.get_or_insert_with(|| "en".into());
    }
    let (body, gold, field) = if let Some(Value::Array(paras)) = map.get("body-paragraphs") {
        let (body, gold) = join_paragraphs(paras);
        (body, Some(gold), "body-paragraphs")
    } else if let Some((k, s)) = ["body", "text", "content"]
        .iter()
        .find_map(|k| map.get(*k).and_then(body_text).map(|s| (*k, s)))
    {
        match readable(s) {
            Ok(body) => (body, None, k),
            Err(why) => {
                diags.push(Diagnostic::error(
                    path,
                    Some(line),
                    format!("'{k}' is HTML that cannot be read ({why}); record skipped"),
                ));
                return None;
            }
        }
    } else {
        diags.push(Diagnostic::error(path, Some(line), no_text_reason(&map)));
        return None;
    };
    if body.trim().is_empty() {
        diags.push(Diagnostic::error(
            path,
            Some(line),
            format!("the article has no text (empty '{field}'); skipped"),
        ));
        return None;
    }
    if f.outlet.is_none() {
        diags.push(Diagnostic::warning(
            path,
            Some(line),
            format!(
                "record has no 'outlet' or 'source'; using '{}' from the file name",
                fields::outlet_from_file_name(path)
            ),
        ));
    }
    let origin = TextOrigin::Field {
        field: Cow::Borrowed(field),
        line,
    };
    Some(f.into_parsed(
        path,
        fields::outlet_from_file_name(path),
        body,
        origin,
        gold,
    ))
}

/// The text of a body field: text, a list of paragraphs (NeuS's `newBody` shape; joined with
/// blank lines) or WordPress's `{"rendered": "<p>…"}`.
fn body_text(v: &Value) -> Option<Cow<'_, str>> {
    match v {
        Value::String(s) => Some(Cow::Borrowed(s.as_str())),
        Value::Array(items) => {
            let paras: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            Some(Cow::Owned(paras?.join("\n\n")))
        }
        Value::Object(_) => v.get("rendered")?.as_str().map(Cow::Borrowed),
        _ => None,
    }
}

/// A body as article text: HTML markup read like a page's ([`html::fragment_text`]: tags and
/// entities out, one paragraph per block, comments and ads dropped), and a news API's
/// truncation marker ("… [+1234 chars]") cut off; an error (why) for markup over the HTML
/// budget.
fn readable(body: Cow<'_, str>) -> Result<String, String> {
    let body = if html::looks_like_html(&body) {
        html::fragment_text(&body)?
    } else {
        body.trim().to_string()
    };
    let cut = without_truncation_marker(&body);
    Ok(if cut.len() < body.len() {
        whole_sentences(cut)
    } else {
        cut
    }
    .to_string())
}

/// A text a news API cut off (its truncation mark removed) without the unfinished sentence at
/// its end: up to the last `.`, `!` or `?` (a closing quote after it kept) followed by a space.
/// A text that ends a sentence (a trailing ellipsis aside) is kept whole; one with no sentence
/// end at all too.
fn whole_sentences(text: &str) -> &str {
    let t = text.trim_end();
    let bare = t.trim_end_matches('…').trim_end_matches("...").trim_end();
    let ends = |s: &str| {
        s.trim_end_matches(['"', '\'', '”', '’'])
            .ends_with(['.', '!', '?'])
    };
    if ends(bare) {
        return bare;
    }
    let mut last = None;
    for (at, c) in bare.char_indices() {
        if c == ' ' && ends(&bare[..at]) {
            last = Some(at);
        }
    }
    last.map_or(t, |at| &bare[..at])
}

/// `text` without a trailing "[+1234 chars]" (NewsAPI's mark of a cut `content`).
fn without_truncation_marker(text: &str) -> &str {
    let Some(rest) = text.strip_suffix(" chars]") else {
        return text;
    };
    let Some(at) = rest.rfind("[+") else {
        return text;
    };
    let digits = &rest[at + 2..];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    rest[..at].trim_end()
}

/// Why a record has no article text: a text field of the wrong type ("'body' must be text,
/// found a number"), or none of the fields at all.
fn no_text_reason(map: &BTreeMap<String, Value>) -> String {
    let wrong = fields::BODY_KEYS
        .iter()
        .find_map(|k| map.get(*k).map(|v| (*k, v)));
    match wrong {
        Some(("body-paragraphs", v)) => format!(
            "'body-paragraphs' must be a list of paragraphs, found {}; record skipped",
            super::frontmatter::json_type(v)
        ),
        Some((k, v)) => format!(
            "'{k}' must be text, found {}; record skipped",
            super::frontmatter::json_type(v)
        ),
        None => "record has no article text (expected a 'body', 'text', 'content' or \
                 'body-paragraphs' field); skipped"
            .to_string(),
    }
}

/// Joins BASIL paragraphs (lists of sentences) into one body, recording gold boundaries.
fn join_paragraphs(paras: &[Value]) -> (String, GoldAnnotations) {
    let mut body = String::new();
    let mut gold = GoldAnnotations::default();
    for para in paras {
        let sentences: Vec<&str> = match para {
            Value::Array(s) => s.iter().filter_map(Value::as_str).collect(),
            Value::String(s) => vec![s.as_str()],
            _ => continue,
        };
        if sentences.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let para_start = body.len();
        for (i, s) in sentences.iter().enumerate() {
            if i > 0 {
                body.push(' ');
            }
            let start = body.len();
            body.push_str(s);
            gold.sentences.push(start..body.len());
        }
        gold.paragraphs.push(para_start..body.len());
    }
    (body, gold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framediff_reports_are_known_by_their_schema() {
        assert!(has_framediff_schema(
            "{\n  \"schema\": \"framediff.comparison/1\",\n  \"backend\": \"x\"}"
        ));
        assert!(has_framediff_schema(
            "{\"schema\":\"framediff.comparison/1\"}"
        ));
        assert!(!has_framediff_schema(
            "{\"schema\":\"other/1\",\"body\":\"x\"}"
        ));
        assert!(!has_framediff_schema(
            "{\"body\":\"x\",\"schema\":\"framediff.comparison/1\"}"
        ));
    }

    #[test]
    fn a_dump_line_error_gives_the_column_only() {
        let mut d = Vec::new();
        let parsed = parse_jsonl(
            Path::new("d.jsonl"),
            "{\"outlet\":\"a\",\"body\":\"x\"}\n{a}\n",
            &mut d,
        );
        assert_eq!(parsed.len(), 1);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(2));
        assert_eq!(
            d[0].message,
            "not valid JSON (key must be a string at column 2); line skipped"
        );
    }

    #[test]
    fn a_news_api_truncation_mark_is_cut_off() {
        assert_eq!(
            without_truncation_marker("Damage was estimated… [+1234 chars]"),
            "Damage was estimated…"
        );
        assert_eq!(
            without_truncation_marker("It cost [+5] chars]"),
            "It cost [+5] chars]"
        );
        assert_eq!(without_truncation_marker("No mark."), "No mark.");
    }

    #[test]
    fn a_cut_sentence_is_left_out() {
        let r = |t: &str| readable(Cow::Borrowed(t)).unwrap();
        assert_eq!(
            r("He died at 84. He was fully vaccinated, his family said in a statem… [+368 chars]"),
            "He died at 84."
        );
        assert_eq!(
            r("He died, according to his family. … [+380 chars]"),
            "He died, according to his family."
        );
        assert_eq!(
            r("\"We will go,\" he said. Then… [+9 chars]"),
            "\"We will go,\" he said."
        );
        // no sentence end: kept as it is; no mark: nothing cut
        assert_eq!(r("Breaking news from… [+10 chars]"), "Breaking news from…");
        assert_eq!(r("One. Two without end"), "One. Two without end");
    }

    #[test]
    fn a_news_api_response_is_read_as_its_list() {
        let text = r#"{"status":"ok","totalResults":2,"articles":[
            {"source":{"id":null,"name":"Reuters"},"title":"Powell dies",
             "publishedAt":"2021-10-18T15:30:00Z",
             "content":"Colin Powell died on Monday. He was fully vacc… [+368 chars]"},
            {"source":{"id":null,"name":"Politico"},"title":"Powell dead",
             "description":"Colin Powell has died at 84.","content":null}]}"#;
        let mut d = Vec::new();
        let out = parse_json(Path::new("everything.json"), text, &mut d);
        assert_eq!(out.len(), 2, "{d:?}");
        assert_eq!(out[0].article.outlet, "reuters");
        assert_eq!(
            out[0].article.text().unwrap(),
            "Colin Powell died on Monday."
        );
        assert_eq!(out[0].article.date.unwrap().to_string(), "2021-10-18");
        assert_eq!(
            out[1].article.text().unwrap(),
            "Colin Powell has died at 84."
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .contains("NewsAPI cuts each article's 'content' at 200")
        );
        // an article with a 'data' key of its own is still one article
        let one = r#"{"title":"t","body":"A text.","data":[{"x":1}]}"#;
        assert_eq!(
            parse_json(Path::new("a.json"), one, &mut Vec::new()).len(),
            1
        );
    }

    #[test]
    fn a_list_item_is_reported_with_its_number_and_line() {
        let text = "[{\"outlet\":\"A\",\"title\":\"x\",\"content\":\"The minister resigned.\"},\n \
            {\"title\":\"no body, with a [bracket] and a \\\"quote,\\\" inside\"},\n \
            {\"outlet\":\"C\",\"title\":\"no body\"},\n 7]";
        let mut d = Vec::new();
        let out = parse_json(Path::new("js/a.json"), text, &mut d);
        assert_eq!(out.len(), 1);
        let at: Vec<(Option<usize>, &str)> =
            d.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(at.len(), 3, "{at:?}");
        assert!(
            at[0]
                .1
                .starts_with("item 2 of the list: record has no article text"),
            "{at:?}"
        );
        assert_eq!(at[0].0, Some(2));
        assert!(at[1].1.starts_with("item 3 of the list:"), "{at:?}");
        assert_eq!(at[1].0, Some(3));
        assert!(
            at[2].1.starts_with("item 4 of the list is a number"),
            "{at:?}"
        );
        assert_eq!(at[2].0, Some(4));
        assert_eq!(item_lines("[\n]"), Vec::<usize>::new());
    }

    #[test]
    fn a_text_field_of_the_wrong_type_is_named_with_its_type() {
        let text = "[{\"outlet\":\"Fox\",\"title\":[\"not\",\"text\"],\"body\":5},\n \
            {\"outlet\":\"B\",\"body-paragraphs\":\"one\"},\n \
            {\"outlet\":\"C\",\"title\":{\"a\":1},\"text\":\"The minister resigned.\"}]";
        let mut d = Vec::new();
        let out = parse_json(Path::new("js/list.json"), text, &mut d);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].article.title, "");
        let msgs: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        let has = |s: &str| msgs.iter().any(|m| m.contains(s));
        assert!(
            has("js/list.json:1: item 1 of the list: 'title' must be text, found a list; ignored"),
            "{msgs:?}"
        );
        assert!(
            has(
                "js/list.json:1: item 1 of the list: 'body' must be text, found a number; record skipped"
            ),
            "{msgs:?}"
        );
        assert!(
            has("item 2 of the list: 'body-paragraphs' must be a list of paragraphs, found text"),
            "{msgs:?}"
        );
        assert!(
            has(
                "js/list.json:3: item 3 of the list: 'title' must be text, found a mapping; ignored"
            ),
            "{msgs:?}"
        );
    }

    #[test]
    fn jsonl_bad_line_does_not_lose_the_others() {
        let text = concat!(
            "{\"outlet\":\"bbc\",\"title\":\"A\",\"event\":\"e1\",\"body\":\"Text one.\"}\n",
            "{not json}\n",
            "\n",
            "{\"outlet\":\"kp\",\"title\":\"B\",\"event\":\"e1\",\"text\":\"Text two.\"}\n",
        );
        let mut d = Vec::new();
        let out = parse_jsonl(Path::new("dump.jsonl"), text, &mut d);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].article.outlet, "kp");
        assert_eq!(out[0].event.as_deref(), Some("e1"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, Some(2));
    }

    /// Streams `text` through [`read_jsonl`] from a file in a temporary folder.
    fn streamed(text: &[u8], max: u64) -> (Vec<Parsed>, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("dump.jsonl");
        std::fs::write(&path, text).expect("write");
        let mut d = Vec::new();
        (read_jsonl(&path, max, &mut d), d)
    }

    #[test]
    fn a_record_over_the_limit_is_reported_and_the_rest_streams() {
        let good = |o: &str| format!("{{\"outlet\":\"{o}\",\"event\":\"e\",\"body\":\"Text.\"}}\n");
        let huge = format!(
            "{{\"outlet\":\"huge\",\"event\":\"e\",\"body\":\"{}\"}}\r\n",
            "x".repeat(300_000)
        );
        // The file is many times the record limit: it still loads, record by record.
        let mut text = good("bbc") + &huge;
        for _ in 0..2000 {
            text.push_str(&good("kp"));
        }
        let (out, d) = streamed(text.as_bytes(), 100_000);
        assert_eq!(out.len(), 2001, "{d:?}");
        assert_eq!(out[0].article.outlet, "bbc");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, Some(2));
        assert!(
            d[0].message
                .contains("record is 293.0 KB, over the 97.7 KB limit"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn streamed_lines_keep_numbers_boms_and_bad_bytes_apart() {
        let text = b"\xEF\xBB\xBF{\"outlet\":\"bbc\",\"event\":\"e\",\"body\":\"One.\"}\r\n\n{bad}\n{\"outlet\":\"kp\",\"event\":\"e\",\"body\":\"Caf\xE9.\"}";
        let (out, d) = streamed(text, 1024);
        assert_eq!(out.len(), 2, "{d:?}");
        assert_eq!(out[1].article.body.as_str(), "Caf\u{FFFD}.");
        let lines: Vec<Option<usize>> = d.iter().map(|x| x.line).collect();
        assert_eq!(lines, [Some(3), Some(4)], "{d:?}");
        let (out, d) = streamed(b"{\"a\":1}\0\n", 1024);
        assert!(out.is_empty());
        assert!(d[0].message.contains("binary"), "{d:?}");
    }

    #[test]
    fn utf16_json_lines_are_decoded() {
        let text = "{\"outlet\":\"bbc\",\"event\":\"e\",\"body\":\"Один.\"}\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let (out, _) = streamed(&bytes, 1024);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].article.body.as_str(), "Один.");
        let (out, d) = streamed(&bytes, 16);
        assert!(out.is_empty());
        assert!(d[0].message.contains("UTF-16"), "{d:?}");
    }

    #[test]
    fn basil_record_keeps_gold_sentences() {
        let text = r#"{"source":"HPO","title":"T","date":"2010-06-14","triplet-uuid":"abc",
            "main-event":"Something","body-paragraphs":[["One.","Two."],["Three."]]}"#;
        let mut d = Vec::new();
        let out = parse_json(Path::new("b.json"), text, &mut d);
        assert!(d.is_empty(), "{d:?}");
        let a = &out[0].article;
        assert_eq!(a.outlet, "huffpost");
        assert_eq!(out[0].event.as_deref(), Some("abc"));
        assert_eq!(a.body.as_str(), "One. Two.\n\nThree.");
        let g = a.gold.as_ref().unwrap();
        let sents: Vec<&str> = g
            .sentences
            .iter()
            .map(|r| &a.body.as_str()[r.clone()])
            .collect();
        assert_eq!(sents, ["One.", "Two.", "Three."]);
        assert_eq!(g.paragraphs.len(), 2);
    }

    #[test]
    fn json_without_body_is_rejected() {
        let mut d = Vec::new();
        let out = parse_json(
            Path::new("x.json"),
            r#"{"outlet":"bbc","title":"T"}"#,
            &mut d,
        );
        assert!(out.is_empty());
        assert!(d[0].message.contains("no article text"));
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let mut d = Vec::new();
        let one = "\u{FEFF}{\"outlet\":\"bbc\",\"title\":\"T\",\"body\":\"Text one.\"}";
        assert_eq!(
            parse_json(Path::new("x.json"), one, &mut d).len(),
            1,
            "{d:?}"
        );
        let many = "\u{FEFF}{\"outlet\":\"bbc\",\"event\":\"e\",\"body\":\"One.\"}\n{\"outlet\":\"kp\",\"event\":\"e\",\"body\":\"Two.\"}\n";
        assert_eq!(parse_jsonl(Path::new("x.jsonl"), many, &mut d).len(), 2);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn nan_in_an_unused_field_keeps_the_article() {
        let mut d = Vec::new();
        let text = "{\"outlet\":\"bbc\",\"title\":\"NaN and Infinity\",\n\"score\": NaN, \"z\": -Infinity,\n\"body\":\"Text with NaN.\"}";
        let out = parse_json(Path::new("x.json"), text, &mut d);
        assert_eq!(out.len(), 1, "{d:?}");
        assert_eq!(out[0].article.title, "NaN and Infinity");
        assert_eq!(out[0].article.body.as_str(), "Text with NaN.");
        assert!(
            d.iter()
                .any(|x| x.line == Some(2) && x.message.contains("NaN")),
            "{d:?}"
        );
        let mut d = Vec::new();
        let line = "{\"outlet\":\"kp\",\"event\":\"e\",\"w\":NaN,\"body\":\"Two.\"}\n";
        assert_eq!(parse_jsonl(Path::new("x.jsonl"), line, &mut d).len(), 1);
    }

    #[test]
    fn invalid_json_reports_line() {
        let mut d = Vec::new();
        parse_json(Path::new("x.json"), "{\n\"a\": 1,\n oops\n}", &mut d);
        assert_eq!(d[0].line, Some(3));
    }
}
