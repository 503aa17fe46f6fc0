//! A sentence too long to be a claim (a run-on without full stops) named at load time, so an
//! article that shows fewer claims, or none, says why on the Problems screen and in `check`.

use super::model::{Article, Body, Diagnostic, TextOrigin};
use crate::analysis::boilerplate::MAX_CLAIM_BYTES;

/// A warning for the first sentence of `article` over [`MAX_CLAIM_BYTES`], which the analysis
/// leaves out ([`crate::analysis::boilerplate::strip`]), with its line in `file_text` when
/// the body is the file's text verbatim; `None` when there is none. Cheap on ordinary text:
/// the sentences are split only when some stretch between line breaks and sentence marks is
/// over the limit. Text left on disk is not read.
pub fn warning(article: &Article, file_text: &str) -> Option<Diagnostic> {
    let Body::Text(body) = &article.body else {
        return None;
    };
    let body: &str = body;
    let longest = body
        .split(['\n', '.', '!', '?'])
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest <= MAX_CLAIM_BYTES {
        return None;
    }
    let r = crate::analysis::sentences::split_sentences(body)
        .into_iter()
        .find(|r| r.len() > MAX_CLAIM_BYTES)?;
    let line = match article.origin {
        TextOrigin::Verbatim { .. } => {
            let at = article.file_range(r.clone()).start;
            file_text
                .get(..at)
                .map(|head| head.bytes().filter(|&b| b == b'\n').count() + 1)
        }
        _ => None,
    };
    let size = super::load::human_size(r.len() as u64);
    Some(Diagnostic::warning(
        &article.path,
        line,
        format!(
            "a sentence of {size} without a full stop is not a claim (over {} KB: a run-on, \
             a flattened table or a repeated phrase); the article shows fewer claims, none if \
             it was all the text",
            MAX_CLAIM_BYTES / 1024
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        let mut a = crate::cache::grouping::tests::article("huge.md", "huge", body);
        a.origin = TextOrigin::Verbatim {
            start: 20,
            end: 20 + body.len(),
        };
        a
    }

    #[test]
    fn a_run_on_is_named_with_its_line() {
        let run = "Grimm was charged by prosecutors ".repeat(400);
        let body = format!("A short first sentence.\n\n{run}");
        let file = format!("---\noutlet: x\n---\n\n\n{body}");
        let d = warning(&article(&body), &file).expect("a warning");
        assert!(
            d.message.starts_with("a sentence of 12.9 KB"),
            "{}",
            d.message
        );
        assert_eq!(d.line, Some(8));
        // ordinary text: nothing
        let ok = "A sentence. ".repeat(5000);
        assert!(warning(&article(&ok), &ok).is_none());
    }
}
