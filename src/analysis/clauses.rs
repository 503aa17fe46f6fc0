//! Splitting compound sentences into clauses, so that each claim carries one proposition.
//!
//! News sentences often join two facts ("He rejected the full truce and signed up to something
//! narrower: a 30-day pause in strikes on energy infrastructure."). Aligned whole, such a
//! sentence matches neither fact well. Splits happen only at unambiguous clause joints — a
//! semicolon, a colon that does not introduce a quotation, ", but", ", while", ", whereas", ", and"
//! with a reporting verb right after it ("…, and the United States said …") — outside
//! quotations, and only when both parts keep at least four words.

use std::ops::Range;

/// Minimum number of words on each side of a split.
const MIN_WORDS: usize = 4;

/// Sentences longer than this (in bytes) are not split: one claim, whatever its punctuation.
/// No real sentence is this long; a hostile one full of commas must not cost more than a scan.
pub const MAX_SPLIT_BYTES: usize = 4 * 1024;

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

/// Reporting verbs that make ", and" a clause joint when one follows it closely ("…, and the
/// United States said it would …"): a second speaker's statement, not the next item of a list.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "announced",
    "added",
    "told",
    "stated",
    "declared",
];

/// Words after ", and" within which a reporting verb makes it a joint.
const REPORTED_WITHIN: usize = 5;

/// `", and "` when `rest` (text from a comma on) starts with it and a reporting verb follows
/// within [`REPORTED_WITHIN`] words.
fn reported_and(rest: &str) -> Option<&'static str> {
    const AND: &str = ", and ";
    let after = rest.strip_prefix(AND)?;
    after
        .split_whitespace()
        .take(REPORTED_WITHIN)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| REPORTING.contains(&w.as_str()))
        .then_some(AND)
}

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

/// Phrases by which a clause after ", but" doubts the one before it ("I've heard the figure
/// of $1 million, but I don't know for sure"): the doubt qualifies that claim, so the two
/// stay one claim (a new user's report, session 14: the figure alone was counted as a
/// corroboration).
const DOUBTS: &[&str] = &[
    "n't know",
    "not know",
    "not sure",
    "n't sure",
    "unclear",
    "not clear",
    "n't clear",
    "not confirm",
    "n't confirm",
    "cannot confirm",
    "not certain",
    "uncertain",
    "unverified",
    "not verified",
    "n't verified",
    "no way to verify",
];

/// True when the clause `rest` (after ", but") doubts what came before it ([`DOUBTS`]),
/// within its first eight words.
fn qualifies(rest: &str) -> bool {
    let head: String = rest
        .split_whitespace()
        .take(8)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('\u{2019}', "'");
    DOUBTS.iter().any(|d| head.contains(d))
}

/// Subject pronouns: ", but he, too, …" starts a clause, whatever the commas after it.
const SUBJECTS: &[&str] = &[
    "i", "he", "she", "it", "we", "they", "you", "я", "он", "она", "оно", "мы", "они", "вы",
];

/// True when the words after ", but" up to the next comma are a modifier set into a noun
/// phrase ("a prominent, but unpaid, advisory position"; "the president, but not his aides,
/// …"): at most three words, none a subject pronoun first, then a comma. Split there, the
/// sentence would leave "… if given a prominent," as a claim (a new user's finding, session
/// 21).
fn interjected(rest: &str) -> bool {
    let Some(comma) = rest.find(',') else {
        return false;
    };
    let words: Vec<&str> = rest[..comma].split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && !SUBJECTS.contains(&words[0].to_lowercase().as_str())
        && !rest[..comma].contains(['"', '\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}'])
}

/// Quote marks seen so far, to tell whether a position is inside a quotation.
#[derive(Default, Clone, Copy)]
struct Quotes {
    straight: usize,
    open: usize,
    close: usize,
}

impl Quotes {
    fn add(&mut self, c: char) {
        match c {
            '"' => self.straight += 1,
            '\u{201C}' | '\u{00AB}' => self.open += 1,
            '\u{201D}' | '\u{00BB}' => self.close += 1,
            _ => {}
        }
    }

    fn inside(&self) -> bool {
        self.straight % 2 == 1 || self.open > self.close
    }
}

/// Clause ranges of a sentence (relative to it), trimmed; one range when nothing splits.
///
/// Linear in the length of the sentence; sentences over [`MAX_SPLIT_BYTES`] stay whole.
pub fn split_clauses(sentence: &str) -> Vec<Range<usize>> {
    if sentence.len() > MAX_SPLIT_BYTES {
        return trimmed(sentence, std::iter::once(0..sentence.len()));
    }
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of left part, start of right part)
    let mut quotes = Quotes::default();
    let mut scanned = 0;
    // every joint starts with ',', ';' or ':'
    let positions = sentence
        .bytes()
        .enumerate()
        .filter(|&(_, b)| matches!(b, b',' | b';' | b':'))
        .map(|(i, _)| i);
    for at in positions {
        let Some(joint) = JOINTS
            .iter()
            .copied()
            .find(|j| sentence[at..].starts_with(*j))
            .or_else(|| reported_and(&sentence[at..]))
        else {
            continue;
        };
        // the quotation marks before the joint, read up to here only when a joint is met
        for c in sentence[scanned..at].chars() {
            quotes.add(c);
        }
        scanned = at;
        let from = at + joint.len();
        let left = &sentence[..at];
        let but = joint == ", but " || joint == ", но ";
        if quotes.inside()
            || (but && (qualifies(&sentence[from..]) || interjected(&sentence[from..])))
        {
            continue;
        }
        if joint.starts_with(':') {
            let last = left
                .split_whitespace()
                .next_back()
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
    if cuts.is_empty() {
        // one part: no words to count
        return trimmed(sentence, std::iter::once(0..sentence.len()));
    }
    cuts.sort_unstable();
    // words[i]: the number of words that end at or before byte i (prefix counts, so the
    // words of any part are a subtraction, not a scan)
    let mut words_before = vec![0usize; sentence.len() + 1];
    {
        let mut count = 0;
        let mut last_end = 0;
        super::text::for_each_word(sentence, |start, end| {
            for slot in &mut words_before[last_end..end] {
                *slot = count;
            }
            if super::text::has_alphanumeric(&sentence[start..end]) {
                count += 1;
            }
            last_end = end;
        });
        for slot in &mut words_before[last_end..] {
            *slot = count;
        }
    }
    // words wholly inside sentence[a..b], for a at a word boundary
    let words_in = |a: usize, b: usize| words_before[b].saturating_sub(words_before[a]);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        if end <= start
            || words_in(start, end) < MIN_WORDS
            || words_in(next, sentence.len()) < MIN_WORDS
        {
            continue;
        }
        out.push(start..end);
        start = next;
    }
    out.push(start..sentence.len());
    trimmed(sentence, out)
}

fn trimmed(sentence: &str, parts: impl IntoIterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    parts
        .into_iter()
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
    fn a_second_speaker_after_and_starts_a_clause_but_a_list_does_not() {
        assert_eq!(
            clauses(
                "Ukraine said on Tuesday it was ready to accept a U.S. proposal for a ceasefire, and the United States said it would lift its pause on intelligence sharing."
            ),
            vec![
                "Ukraine said on Tuesday it was ready to accept a U.S. proposal for a ceasefire,",
                "and the United States said it would lift its pause on intelligence sharing."
            ]
        );
        let list =
            "Officials from Ukraine, Poland, and the United States met in Jeddah on Tuesday.";
        assert_eq!(clauses(list), vec![list]);
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
    fn a_doubt_after_but_stays_with_what_it_doubts() {
        let s = "I've heard the figure of $1 million, but I don't know for sure, he said.";
        assert_eq!(clauses(s), vec![s]);
        let s = "Officials put the toll at 40, but it is unclear how many were soldiers.";
        assert_eq!(clauses(s), vec![s]);
        // a contrast of two facts still splits
        assert_eq!(
            clauses("The mayor backed the plan, but the council voted it down on Friday.").len(),
            2
        );
    }

    #[test]
    fn a_modifier_set_off_by_but_is_no_clause() {
        let s = "Sestak would have been eligible if given a prominent, but unpaid, advisory position, the White House said on Friday.";
        assert_eq!(clauses(s), vec![s]);
        let s = "The president, but not his aides, met the delegation in Geneva on Monday.";
        assert_eq!(clauses(s), vec![s]);
        // a clause with a subject after "but" still splits, commas or not
        assert_eq!(
            clauses("The mayor backed the plan, but he, like the council, wants a vote first.")
                .len(),
            2
        );
        assert_eq!(
            clauses("The mayor backed the plan, but the council voted it down on Friday, officials said.")
                .len(),
            2
        );
    }

    #[test]
    fn long_comma_heavy_sentences_stay_within_budget() {
        // was quadratic: every joint rescanned everything before and after it (13 s at
        // 600 KB); over the budget a sentence is one claim
        let long = "one two three four; five six, seven: eight, ".repeat(120);
        assert!(long.len() > MAX_SPLIT_BYTES);
        let whole = 0..long.trim_end().len();
        assert_eq!(split_clauses(&long), std::slice::from_ref(&whole));
        let under = "one two three four; five six, seven: eight, ".repeat(80);
        assert!(under.len() <= MAX_SPLIT_BYTES);
        assert_eq!(
            split_clauses(&under).len(),
            81,
            "split at every joint with four words"
        );
        // under the budget, still split and the word counts of parts are right
        let s = "one two three four; five six seven eight: nine ten eleven twelve.";
        assert_eq!(
            clauses(s),
            vec![
                "one two three four;",
                "five six seven eight:",
                "nine ten eleven twelve."
            ]
        );
        let s = "one two three four; five six — seven.";
        assert_eq!(clauses(s), vec![s], "'—' is not a word");
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
