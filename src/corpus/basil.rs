//! BASIL (Fan et al., EMNLP 2019) as a first-class source: `articles/YEAR/X.json` with
//! `annotations/YEAR/X_ann.json` beside them. The article records are read by the JSON reader;
//! this module finds the dataset layout and attaches the phrase-level bias spans.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{Article, BiasKind, Diagnostic, GoldSpan};

/// True when `root` looks like a BASIL release (an `articles/` and an `annotations/` folder).
pub fn is_basil_root(root: &Path) -> bool {
    root.join("articles").is_dir() && root.join("annotations").is_dir()
}

/// The annotation file that belongs to an article file, if the layout has one.
pub fn annotation_path(root: &Path, article: &Path) -> Option<PathBuf> {
    let rel = article.strip_prefix(root.join("articles")).ok()?;
    let stem = rel.file_stem()?.to_string_lossy();
    let mut p = root.join("annotations").join(rel);
    p.set_file_name(format!("{stem}_ann.json"));
    Some(p)
}

#[derive(Deserialize)]
struct AnnotationFile {
    #[serde(rename = "article-level-annotations", default)]
    article: serde_json::Map<String, serde_json::Value>,
    #[serde(rename = "phrase-level-annotations", default)]
    phrases: Vec<Phrase>,
}

#[derive(Deserialize)]
struct Phrase {
    id: String,
    start: usize,
    end: usize,
    #[serde(default)]
    txt: String,
    bias: String,
    #[serde(default)]
    polarity: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    quote: Option<String>,
}

/// Reads `ann_path` and attaches its spans to the article's gold annotations.
pub fn attach_annotations(article: &mut Article, ann_path: &Path, diags: &mut Vec<Diagnostic>) {
    let text = match std::fs::read_to_string(ann_path) {
        Ok(t) => t,
        Err(e) => {
            diags.push(Diagnostic::warning(
                &article.path,
                None,
                format!(
                    "BASIL annotations {} could not be read ({e})",
                    ann_path.display()
                ),
            ));
            return;
        }
    };
    attach_annotation_text(article, ann_path, &text, diags);
}

/// Attaches the spans of a BASIL annotation file's text (`ann_path` names it in
/// diagnostics) to the article's gold annotations. Span offsets count characters within the
/// title (`id` "title") or within gold sentence `k` (`id` "p<k>"); spans that do not fit, of
/// an unknown bias, or on a sentence the article lacks are skipped (the last two with a
/// warning). Text that is not an annotation file is one warning; an article without gold
/// sentences gets nothing.
pub fn attach_annotation_text(
    article: &mut Article,
    ann_path: &Path,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let file: AnnotationFile = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            diags.push(Diagnostic::warning(
                ann_path,
                Some(e.line()),
                format!("BASIL annotations are not in the expected form ({e}); ignored"),
            ));
            return;
        }
    };
    let Some(gold) = article.gold.as_mut() else {
        return;
    };
    gold.stance = file
        .article
        .get("relative_stance")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    for p in file.phrases {
        let bias = match p.bias.as_str() {
            "lex" => BiasKind::Lexical,
            "inf" => BiasKind::Informational,
            other => {
                diags.push(Diagnostic::warning(
                    ann_path,
                    None,
                    format!("span {} has unknown bias '{other}'; ignored", p.id),
                ));
                continue;
            }
        };
        let (sentence, base_text, base) = if p.id == "title" {
            (None, article.title.as_str(), 0)
        } else if let Some(k) = p.id.strip_prefix('p').and_then(|k| k.parse::<usize>().ok()) {
            match gold.sentences.get(k) {
                Some(r) => (Some(k), &article.body.as_str()[r.clone()], r.start),
                None => {
                    diags.push(Diagnostic::warning(
                        ann_path,
                        None,
                        format!(
                            "span on sentence {k} but the article has {} sentences; ignored",
                            gold.sentences.len()
                        ),
                    ));
                    continue;
                }
            }
        } else {
            continue;
        };
        // BASIL offsets count characters; convert to byte offsets.
        let Some(start) = char_to_byte(base_text, p.start) else {
            continue;
        };
        let Some(end) = char_to_byte(base_text, p.end) else {
            continue;
        };
        if start > end {
            continue;
        }
        gold.spans.push(GoldSpan {
            sentence,
            range: base + start..base + end,
            text: p.txt,
            bias,
            polarity: p.polarity.filter(|s| !s.is_empty()),
            target: p.target.filter(|s| !s.is_empty()),
            quote: p.quote.as_deref() == Some("yes"),
        });
    }
}

fn char_to_byte(s: &str, chars: usize) -> Option<usize> {
    if chars == s.chars().count() {
        return Some(s.len());
    }
    s.char_indices().nth(chars).map(|(b, _)| b)
}
