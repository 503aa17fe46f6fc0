//! Front matter: the `---` YAML or `+++` TOML block at the top of an article file.
//!
//! Splitting is done by hand (a few lines) so that byte offsets of the body stay exact;
//! parsing is left to `serde-saphyr` and `toml`.

use std::collections::BTreeMap;

use serde_json::Value;

/// Which syntax a front-matter block uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// A front-matter block located in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    pub syntax: Syntax,
    /// The text between the fences.
    pub raw: &'a str,
    /// 1-based line number of the first line of `raw`.
    pub first_line: usize,
    /// Byte offset where the body starts (just after the closing fence's line).
    pub body_start: usize,
    /// 1-based line number of the first body line.
    pub body_line: usize,
}

/// A problem with front matter, with the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// Finds the front-matter block at the start of `text` (after an optional byte-order mark).
/// Returns `Ok(None)` when the file has no front matter.
pub fn split(text: &str) -> Result<Option<Block<'_>>, FrontMatterError> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let fence = rest[..first_line_end]
        .trim_end_matches(['\r', '\n'])
        .trim_end();
    let syntax = match fence {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return Ok(None),
    };
    let raw_start = start + first_line_end;
    let mut pos = raw_start;
    let mut line_no = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end_matches(['\r', '\n']).trim_end();
        let closes = match syntax {
            Syntax::Yaml => line == "---" || line == "...",
            Syntax::Toml => line == "+++",
        };
        if closes {
            return Ok(Some(Block {
                syntax,
                raw: &text[raw_start..pos],
                first_line: 2,
                body_start: end,
                body_line: line_no + 1,
            }));
        }
        pos = end;
        line_no += 1;
    }
    Err(FrontMatterError {
        line: 1,
        message: format!("front matter opened with '{fence}' on line 1 is never closed"),
    })
}

/// Control characters in a front-matter block (other than tab, line feed and carriage return),
/// each terminal escape sequence removed whole ([`super::escapes::control_spans`]): YAML
/// forbids control characters and TOML too, and one stray byte in a title would cost the whole
/// file. Returns the cleaned text and the 1-based lines in the file where something was
/// removed, each once, ascending; `None` when there is nothing to remove.
pub fn strip_controls(block: &Block<'_>) -> Option<(String, Vec<usize>)> {
    use super::escapes;
    let spans = escapes::control_spans(block.raw);
    if spans.is_empty() {
        return None;
    }
    let mut lines: Vec<usize> = spans
        .iter()
        .map(|r| escapes::line_of(block.raw, r.start, block.first_line))
        .collect();
    lines.dedup();
    Some((escapes::remove(block.raw, &spans), lines))
}

/// Parses a block into a flat map of keys to JSON values (dates become strings). A key
/// given twice in YAML front matter is an error here; [`parse_keeping_first`] reads it.
pub fn parse(block: &Block<'_>) -> Result<BTreeMap<String, Value>, FrontMatterError> {
    parse_with(block, false)
}

/// [`parse`], but a key given twice in YAML front matter (`outlet:` on two lines) keeps its
/// first value and adds a warning (its line: the second one, and the message naming the
/// key, both lines and the value kept) to `warnings`, instead of rejecting the file. TOML
/// does not allow a key twice: that stays an error, which says so.
pub fn parse_keeping_first(
    block: &Block<'_>,
    warnings: &mut Vec<FrontMatterError>,
) -> Result<BTreeMap<String, Value>, FrontMatterError> {
    let first_try = parse_with(block, false);
    let Err(e) = &first_try else {
        return first_try;
    };
    let Some(key) = duplicate_key_of(&e.message) else {
        return first_try;
    };
    let map = parse_with(block, true)?;
    let lines = top_level_key_lines(block, &key);
    let (first, again) = match lines.as_slice() {
        [first, again, ..] => (Some(*first), *again),
        _ => (None, e.line),
    };
    let kept = map
        .get(&key)
        .map(|v| match v {
            Value::String(s) => format!("'{s}'"),
            other => other.to_string(),
        })
        .map_or_else(String::new, |v| format!(" ({v})"));
    warnings.push(FrontMatterError {
        line: again,
        message: match first {
            Some(first) => format!(
                "the key '{key}' appears twice in the front matter (lines {first} and {again}); \
                 the first value{kept} is kept"
            ),
            None => format!(
                "the key '{key}' appears twice in the front matter; the first value is kept"
            ),
        },
    });
    Ok(map)
}

/// The key named by [`plain_yaml_reason`]'s wording of a repeated key.
fn duplicate_key_of(message: &str) -> Option<String> {
    let rest = message.split("the key '").nth(1)?;
    let (key, tail) = rest.split_once('\'')?;
    tail.starts_with(" appears twice").then(|| key.to_string())
}

/// The file lines where `key:` starts a line of the block without indentation (a top-level
/// key, plain or quoted).
fn top_level_key_lines(block: &Block<'_>, key: &str) -> Vec<usize> {
    let forms = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    block
        .raw
        .lines()
        .enumerate()
        .filter(|(_, l)| forms.iter().any(|f| l.starts_with(f.as_str())))
        .map(|(i, _)| block.first_line + i)
        .collect()
}

fn parse_with(
    block: &Block<'_>,
    keep_first: bool,
) -> Result<BTreeMap<String, Value>, FrontMatterError> {
    if block.raw.trim().is_empty() {
        return Ok(BTreeMap::new());
    }
    match block.syntax {
        Syntax::Yaml => {
            let parsed = if keep_first {
                let options = serde_saphyr::options! {
                    duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::FirstWins,
                };
                serde_saphyr::from_str_with_options(block.raw, options)
            } else {
                serde_saphyr::from_str(block.raw)
            };
            let value: Value = parsed.map_err(|e| {
                let line = e
                    .location()
                    .map(|l| block.first_line + l.line().saturating_sub(1) as usize)
                    .unwrap_or(block.first_line);
                FrontMatterError {
                    line,
                    message: format!(
                        "front matter is not valid YAML: {}",
                        yaml_reason(&e.to_string())
                    ),
                }
            })?;
            into_map(value, block.first_line)
        }
        Syntax::Toml => {
            let table: toml::Table = block.raw.parse().map_err(|e: toml::de::Error| {
                let line = e
                    .span()
                    .map(|s| {
                        block.first_line
                            + block.raw[..s.start.min(block.raw.len())]
                                .matches('\n')
                                .count()
                    })
                    .unwrap_or(block.first_line);
                let reason = first_line_of(e.message());
                // TOML itself forbids a key twice: no value can be chosen for it
                let why = if reason.contains("duplicate key") {
                    " (TOML does not allow a key twice, so the file is not read; remove one)"
                } else {
                    ""
                };
                FrontMatterError {
                    line,
                    message: format!("front matter is not valid TOML: {reason}{why}"),
                }
            })?;
            Ok(table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect())
        }
    }
}

fn into_map(value: Value, line: usize) -> Result<BTreeMap<String, Value>, FrontMatterError> {
    match value {
        Value::Object(map) => Ok(map.into_iter().collect()),
        Value::Null => Ok(BTreeMap::new()),
        other => Err(FrontMatterError {
            line,
            message: format!(
                "front matter must be a mapping of keys to values, found {}",
                json_type(&other)
            ),
        }),
    }
}

/// The parser's reason without its own (block-relative) location prefix.
fn yaml_reason(msg: &str) -> std::borrow::Cow<'_, str> {
    let mut s = first_line_of(msg);
    s = s.strip_prefix("error:").unwrap_or(s).trim_start();
    if s.starts_with("line ")
        && let Some(i) = s.find(": ")
    {
        s = &s[i + 2..];
    }
    plain_yaml_reason(s).map_or(s.into(), Into::into)
}

/// The parser's wording of a refusal, said in the user's terms: its alias budget ("budget
/// breached: Nodes { nodes: 250001 }", an anchor bomb) and a repeated key ("duplicate
/// mapping key: outlet, set DuplicateKeyPolicy in Options if acceptable": an option of the
/// library, not of framediff).
fn plain_yaml_reason(s: &str) -> Option<String> {
    if s.starts_with("budget breached") {
        return Some(
            "too many aliases or nodes (an alias expanding into a huge document?)".to_string(),
        );
    }
    let key = s.strip_prefix("duplicate mapping key: ")?;
    let key = key.split(',').next().unwrap_or(key).trim();
    Some(format!("the key '{key}' appears twice"))
}

fn first_line_of(s: &str) -> &str {
    s.lines().next().unwrap_or(s).trim()
}

/// Names a JSON value's type in plain words, for messages.
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Converts TOML to JSON, keeping dates as their TOML spelling.
pub fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Renders a scalar front-matter value as text; lists are joined with ", ".
pub fn value_to_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(value_to_text).collect();
            Some(parts.join(", "))
        }
        Value::Object(_) => Some(v.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_reports_body_offset() {
        let text = "---\noutlet: bbc\ntitle: \"A: B\"\n---\nBody here.\n";
        let block = split(text).unwrap().unwrap();
        assert_eq!(block.syntax, Syntax::Yaml);
        assert_eq!(&text[block.body_start..], "Body here.\n");
        assert_eq!(block.body_line, 5);
        let map = parse(&block).unwrap();
        assert_eq!(map["outlet"], Value::String("bbc".into()));
        assert_eq!(map["title"], Value::String("A: B".into()));
    }

    #[test]
    fn splits_toml_with_crlf_and_bom() {
        let text = "\u{feff}+++\r\noutlet = \"kp\"\r\ndate = 2025-03-18\r\n+++\r\nText";
        let block = split(text).unwrap().unwrap();
        assert_eq!(block.syntax, Syntax::Toml);
        assert_eq!(&text[block.body_start..], "Text");
        let map = parse(&block).unwrap();
        assert_eq!(map["date"], Value::String("2025-03-18".into()));
    }

    #[test]
    fn no_front_matter_is_none() {
        assert_eq!(split("Title\n\nBody").unwrap(), None);
        assert_eq!(split("").unwrap(), None);
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_one() {
        let err = split("---\noutlet: bbc\nBody").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn yaml_error_points_at_the_file_line() {
        let text = "---\noutlet: bbc\ntitle: [unclosed\ndate: 2025-01-01\n---\nBody";
        let block = split(text).unwrap().unwrap();
        let err = parse(&block).unwrap_err();
        assert!(err.line >= 3, "line {}", err.line);
        assert!(err.message.contains("YAML"));
    }

    #[test]
    fn toml_error_points_at_the_file_line() {
        let text = "+++\noutlet = \"bbc\"\ntitle = \n+++\nBody";
        let block = split(text).unwrap().unwrap();
        let err = parse(&block).unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn control_characters_are_found_by_line() {
        let text = "---\ntitle: Bell\u{7} rings\nurl: x\u{1b}[31m\n---\nBody\n";
        let b = split(text).unwrap().unwrap();
        let (clean, removed) = strip_controls(&b).unwrap();
        assert_eq!(removed, vec![2, 3]);
        assert_eq!(clean, "title: Bell rings\nurl: x\n");
        let plain = split("---\ntitle: a\tb\n---\n").unwrap().unwrap();
        assert_eq!(strip_controls(&plain), None);
    }

    #[test]
    fn a_scalar_is_not_a_mapping() {
        let block = split("---\njust text\n---\nBody").unwrap().unwrap();
        assert!(parse(&block).unwrap_err().message.contains("mapping"));
    }

    /// Tester report 21, finding 10: `outlet:` twice in YAML keeps the first value with a
    /// warning naming both lines; plain `parse` and TOML still refuse it, saying why.
    #[test]
    fn a_key_given_twice_keeps_its_first_value_with_a_warning() {
        let text = "---\noutlet: bbc\ntitle: T\noutlet: cnn\n---\nBody";
        let block = split(text).unwrap().unwrap();
        assert!(parse(&block).unwrap_err().message.contains("appears twice"));
        let mut warnings = Vec::new();
        let map = super::parse_keeping_first(&block, &mut warnings).unwrap();
        assert_eq!(map["outlet"], "bbc");
        assert_eq!(map["title"], "T");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, 4);
        assert!(
            warnings[0].message.contains("lines 2 and 4")
                && warnings[0].message.contains("first value ('bbc') is kept"),
            "{}",
            warnings[0].message
        );
        // a clean block gives no warning; another YAML error stays an error
        let clean = split("---\noutlet: bbc\n---\nBody").unwrap().unwrap();
        let mut warnings = Vec::new();
        assert!(super::parse_keeping_first(&clean, &mut warnings).is_ok());
        assert!(warnings.is_empty());
        let broken = split("---\ntitle: \"open\n---\nBody").unwrap().unwrap();
        assert!(super::parse_keeping_first(&broken, &mut warnings).is_err());
        // TOML forbids it: an error that says so
        let toml = split("+++\noutlet = \"bbc\"\noutlet = \"cnn\"\n+++\nBody")
            .unwrap()
            .unwrap();
        let e = super::parse_keeping_first(&toml, &mut warnings).unwrap_err();
        assert!(
            e.message.contains("TOML does not allow a key twice"),
            "{}",
            e.message
        );
    }

    #[test]
    fn library_wording_is_said_plainly() {
        assert_eq!(
            super::yaml_reason("budget breached: Nodes { nodes: 250001 }"),
            "too many aliases or nodes (an alias expanding into a huge document?)"
        );
        assert_eq!(
            super::yaml_reason(
                "duplicate mapping key: outlet, set DuplicateKeyPolicy in Options if acceptable"
            ),
            "the key 'outlet' appears twice"
        );
        assert_eq!(
            super::yaml_reason("error: line 3: bad indent"),
            "bad indent"
        );
    }
}
