//! Splitting compound sentences into clauses, so that each claim carries one proposition.
//!
//! News sentences often join two facts ("He rejected the full truce and signed up to something
//! narrower: a 30-day pause in strikes on energy infrastructure."). Aligned whole, such a
//! sentence matches neither fact well. Splits happen only at unambiguous clause joints — a
//! semicolon, a colon that does not introduce a quotation, ", but", ", while", ", whereas" —
//! outside quotations, and only when both parts keep at least four words.

use std::ops::Range;

/// Minimum number of words on each side of a split.
const MIN_WORDS: usize = 4;

const JOINTS: &[&str] = &[
    "; ",
    ": ",
    ", but ",
    ", while ",
    ", whereas ",
    ", а ",
    ", но ",
    "; а ",
];

/// Words before a colon that introduce a quotation or a list rather than a clause.
const INTRODUCERS: &[&str] = &[
    "said",
    "says",
    "told",
    "wrote",
    "added",
    "asked",
    "declared",
    "concluded",
    "follows",
    "following",
    "include",
    "including",
    "заявил",
    "сказал",
    "отметил",
    "написал",
];

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn in_quote(s: &str) -> bool {
    let straight = s.matches('"').count();
    let open = s.matches(['\u{201C}', '\u{00AB}']).count();
    let close = s.matches(['\u{201D}', '\u{00BB}']).count();
    straight % 2 == 1 || open > close
}

/// Clause ranges of a sentence (relative to it), trimmed; one range when nothing splits.
pub fn split_clauses(sentence: &str) -> Vec<Range<usize>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of left part, start of right part)
    // every joint starts with ',', ';' or ':'
    let positions = sentence
        .bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b',' | b';' | b':'))
        .map(|(i, _)| i);
    for at in positions {
        let Some(joint) = JOINTS.iter().find(|j| sentence[at..].starts_with(**j)) else {
            continue;
        };
        let from = at + joint.len();
        {
            let left = &sentence[..at];
            if in_quote(left) {
                continue;
            }
            if joint.starts_with(':') {
                let last = left
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                if INTRODUCERS.contains(&last.as_str())
                    || sentence[from..].starts_with(['"', '\u{201C}', '\u{00AB}'])
                {
                    continue;
                }
            }
            // the right part starts after the punctuation (keep "but" with its clause)
            let right = at + joint.find(' ').map_or(joint.len(), |p| p + 1);
            cuts.push((at + 1, right));
        }
    }
    cuts.sort_unstable();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        if end <= start
            || words(&sentence[start..end]) < MIN_WORDS
            || words(&sentence[next..]) < MIN_WORDS
        {
            continue;
        }
        out.push(start..end);
        start = next;
    }
    out.push(start..sentence.len());
    out.into_iter()
        .map(|r| {
            let s = &sentence[r.clone()];
            let lead = s.len() - s.trim_start().len();
            r.start + lead..r.start + s.trim_end().len()
        })
        .filter(|r| r.start < r.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses(s: &str) -> Vec<&str> {
        split_clauses(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_at_clause_joints() {
        assert_eq!(
            clauses(
                "He rejected the full truce and signed up to something far narrower instead: a 30-day pause in strikes on energy infrastructure."
            ),
            vec![
                "He rejected the full truce and signed up to something far narrower instead:",
                "a 30-day pause in strikes on energy infrastructure."
            ]
        );
        assert_eq!(
            clauses(
                "Zelensky backed the pause on energy strikes, but he wanted to see the details first."
            ),
            vec![
                "Zelensky backed the pause on energy strikes,",
                "but he wanted to see the details first."
            ]
        );
    }

    #[test]
    fn keeps_quotes_short_parts_and_introductions() {
        let s = "Graham said: \"She said she didn't know; we all did.\"";
        assert_eq!(clauses(s), vec![s]);
        let s = "The aim is clear: peace.";
        assert_eq!(clauses(s), vec![s]);
        let s = "These conditions include: an end to aid, a halt to mobilisation and more.";
        assert_eq!(clauses(s), vec![s]);
    }
}
