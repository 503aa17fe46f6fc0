//! JSON (`.json`: one article or a list) and JSON Lines (`.jsonl`: one article per line) records.
//!
//! BASIL articles are JSON records too: their `triplet-uuid` names the event and their
//! `body-paragraphs` carry the gold sentence segmentation, which is kept.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::fields;
use super::model::{Diagnostic, GoldAnnotations, TextOrigin};
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
        Value::Object(map) => record(path, 1, map, diags).into_iter().collect(),
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Value::Object(map) => record(path, 1, map, diags),
                other => {
                    diags.push(Diagnostic::error(
                        path,
                        None,
                        format!(
                            "item {} of the list is {}, not an article object; skipped",
                            i + 1,
                            super::frontmatter::json_type(&other)
                        ),
                    ));
                    None
                }
            })
            .collect(),
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

/// Reads a `.jsonl` file; a bad line is reported and the other lines still load.
pub fn parse_jsonl(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    let mut out = Vec::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
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
                format!("not valid JSON ({e}); line skipped"),
            )),
        }
    }
    out
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
            .find(|w| text[i..].starts_with(w));
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
        .find_map(|k| map.get(*k).and_then(Value::as_str).map(|s| (*k, s)))
    {
        (s.trim().to_string(), None, k)
    } else {
        diags.push(Diagnostic::error(
            path,
            Some(line),
            "record has no article text (expected a 'body', 'text', 'content' or 'body-paragraphs' field); skipped",
        ));
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
        field: field.to_string(),
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
        assert_eq!(a.body, "One. Two.\n\nThree.");
        let g = a.gold.as_ref().unwrap();
        let sents: Vec<&str> = g.sentences.iter().map(|r| &a.body[r.clone()]).collect();
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
        assert_eq!(out[0].article.body, "Text with NaN.");
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
