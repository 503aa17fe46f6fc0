//! Word-level diff of two claims, as data the UI and reports can colour.
//!
//! Words are compared case- and typography-insensitively (via `similar`, a maintained diff
//! crate); a word deleted on one side and inserted on the other is "moved", not "only".
//! Each token keeps its trailing whitespace, so concatenating a side's tokens gives back the
//! original text exactly.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp as SimOp, capture_diff_slices};
use unicode_segmentation::UnicodeSegmentation;

use super::model::{DiffOp, DiffToken, WordDiff};
use super::text::fold_word;

/// Splits text into word/punctuation tokens, each carrying the whitespace that follows it.
fn pieces(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut lead = String::new();
    for seg in text.split_word_bounds() {
        if seg.chars().all(char::is_whitespace) {
            match out.last_mut() {
                Some(last) => last.0.push_str(seg),
                None => lead.push_str(seg),
            }
        } else {
            let key = fold_word(seg);
            out.push((seg.to_string(), key));
        }
    }
    if let Some(first) = out.first_mut() {
        first.0.insert_str(0, &lead);
    }
    out
}

/// Diffs two texts word by word.
pub fn word_diff(a: &str, b: &str) -> WordDiff {
    let pa = pieces(a);
    let pb = pieces(b);
    let ka: Vec<&str> = pa.iter().map(|p| p.1.as_str()).collect();
    let kb: Vec<&str> = pb.iter().map(|p| p.1.as_str()).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &ka, &kb);
    let mut left: Vec<DiffToken> = pa
        .iter()
        .map(|p| DiffToken {
            text: p.0.clone(),
            op: DiffOp::Only,
        })
        .collect();
    let mut right: Vec<DiffToken> = pb
        .iter()
        .map(|p| DiffToken {
            text: p.0.clone(),
            op: DiffOp::Only,
        })
        .collect();
    for op in &ops {
        if let SimOp::Equal {
            old_index,
            new_index,
            len,
        } = *op
        {
            for k in 0..len {
                left[old_index + k].op = DiffOp::Equal;
                right[new_index + k].op = DiffOp::Equal;
            }
        }
    }
    // moved: a word that is "only" on both sides
    let mut only_right: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in right.iter().enumerate() {
        if t.op == DiffOp::Only && kb[i].chars().any(char::is_alphanumeric) {
            only_right.entry(kb[i]).or_default().push(i);
        }
    }
    for i in 0..left.len() {
        if left[i].op != DiffOp::Only {
            continue;
        }
        if let Some(list) = only_right.get_mut(ka[i])
            && !list.is_empty()
        {
            let j = list.remove(0);
            left[i].op = DiffOp::Moved;
            right[j].op = DiffOp::Moved;
        }
    }
    WordDiff { left, right }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(side: &[DiffToken]) -> Vec<(String, DiffOp)> {
        side.iter()
            .map(|t| (t.text.trim().to_string(), t.op))
            .collect()
    }

    #[test]
    fn equal_only_and_moved() {
        let a = "Putin rejected the ceasefire on Tuesday.";
        let b = "On Tuesday, Putin dismissed the ceasefire.";
        let d = word_diff(a, b);
        let l = ops(&d.left);
        assert_eq!(l[0], ("Putin".into(), DiffOp::Equal));
        assert_eq!(l[1], ("rejected".into(), DiffOp::Only));
        assert_eq!(l[4], ("on".into(), DiffOp::Moved));
        let r = ops(&d.right);
        assert_eq!(r[0], ("On".into(), DiffOp::Moved));
        assert_eq!(r[4], ("dismissed".into(), DiffOp::Only));
        // tokens reassemble the original text
        let back: String = d.left.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(back, a);
        let back: String = d.right.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(back, b);
    }

    #[test]
    fn identical_and_empty() {
        let d = word_diff("same words", "Same words");
        assert!(d.left.iter().chain(&d.right).all(|t| t.op == DiffOp::Equal));
        let d = word_diff("", "new");
        assert!(d.left.is_empty());
        assert_eq!(d.right[0].op, DiffOp::Only);
    }
}
