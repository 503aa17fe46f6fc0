//! Refutation: one claim says that what another claim reports is untrue.
//!
//! The contrast rules of [`super::contrast`] compare two statements of one proposition (a
//! negation of the same predicate, another figure for the same count). News disputes a report
//! differently: "The third breast story is a hoax." against "Woman pays $20,000 for third
//! breast"; "Dr. Korovin categorically denies taking a selfie" against "Joan Rivers' doctor
//! took selfie during procedure". The refuting claim judges the truth of a report about the same
//! topic instead of restating it. This module finds that judgement in one claim
//! ([`find`], from the cues of `assets/lexicons/refutation-en.txt`) and decides whether it
//! opposes another claim ([`refutes`]): the other claim asserts the report (plainly, or by
//! upholding it against a denial) and both are about the same thing (shared content terms).
//!
//! Measured on FNC-1 dev (headline against article body, `disagree` = the body disputes the
//! headline): docs/analysis.md, "FNC-1 disagree".

use std::sync::LazyLock;

use super::claim::ClaimFeatures;
use super::contrast::Thresholds;
use super::lexicon::{PhraseMatcher, rows};
use super::similarity::Similarity;
use super::text::Lang;
use super::tokens::{Token, TokenKind, phrase_stems};

/// What a refutation cue of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueClass {
    /// Calls something untrue by itself ("hoax", "fake", "no evidence").
    Claim,
    /// A verb of denial ("denies", "refuted"): not when it withholds ("was denied bail").
    Verb,
    /// Blocks the words inside it ("would neither confirm nor deny").
    Neutral,
}

static CUES: LazyLock<PhraseMatcher<CueClass>> = LazyLock::new(|| {
    let mut m = PhraseMatcher::default();
    for r in rows(include_str!("../../assets/lexicons/refutation-en.txt")) {
        let class = match r.get(1).copied() {
            Some("verb") => CueClass::Verb,
            Some("neutral") => CueClass::Neutral,
            _ => CueClass::Claim,
        };
        m.insert(phrase_stems(r[0], Lang::En), class);
    }
    m
});

/// A claim's stand on the truth of what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refutation {
    /// The cue as written, lower-cased ("hoax", "denies", "no evidence").
    pub cue: String,
    /// True when the claim says something is untrue ("the story is a hoax"); false when it
    /// upholds something against such a charge ("they're not fake", "denies the hoax
    /// claims"): a cue cancelled by a negation or by another cue close before it.
    pub denies: bool,
    /// The token range (`first..last`) of what the denial governs ([`scope`]): the
    /// complement of "denied that …", the object of "denies taking a selfie", the subject of
    /// "… is false". `None` when it governs no content word of its own ("This is a hoax.").
    pub scope: Option<(usize, usize)>,
    /// True when the scope is a clause the denial introduces ("denied that the club has
    /// discriminatory policies", "no evidence that …"), not a noun phrase ("the third breast
    /// story is a hoax", "denies taking a selfie").
    pub clause: bool,
    /// True when the denial is told as background, someone's earlier stand rather than
    /// news of the day ([`background`]: "had denied", "once debunked", "For nearly a year,
    /// outlets declared that it was a debunked theory"): it disputes nothing another outlet
    /// reports now.
    pub background: bool,
}

/// Tokens within which a negation (or a second cue) cancels a cue, as in
/// [`ClaimFeatures::negated`]: "not a hoax", "denies hoax claims".
const CANCEL_WINDOW: usize = 3;

/// Forms of "be" before a passive verb.
const BE: &[&str] = &["is", "was", "were", "are", "be", "been", "being", "'s"];

/// The claim's refutation, from its tokens and the indices of its negation cues (those that
/// deny its own predicate). `None` when no cue is found, and for languages without a
/// refutation lexicon (only English has one).
pub fn find(text: &str, tokens: &[Token], negations: &[usize], lang: Lang) -> Option<Refutation> {
    if lang != Lang::En {
        return None;
    }
    let matches = CUES.find(tokens);
    // (token index, the cue's span when a cue) in text order
    let mut marks: Vec<(usize, Option<(usize, usize)>)> = Vec::new();
    for m in &matches {
        match m.value {
            CueClass::Neutral => continue,
            CueClass::Verb if withholds(text, tokens, m.first) => continue,
            CueClass::Claim if describes(text, tokens, m.first, m.last) => continue,
            _ => marks.push((m.first, Some((m.first, m.last)))),
        }
    }
    if marks.is_empty() {
        return None;
    }
    let inside_a_match = |i: usize| matches.iter().any(|m| (m.first..m.last).contains(&i));
    marks.extend(
        negations
            .iter()
            .filter(|&&i| !inside_a_match(i))
            .map(|&i| (i, None)),
    );
    marks.sort_unstable_by_key(|m| m.0);
    let words = |(a, b): (usize, usize)| text[tokens[a].start..tokens[b - 1].end].to_lowercase();
    let mut upheld = None;
    let mut i = 0;
    while i < marks.len() {
        if i + 1 < marks.len() && marks[i + 1].0 - marks[i].0 <= CANCEL_WINDOW {
            upheld = upheld.or(marks[i].1).or(marks[i + 1].1);
            i += 2;
            continue;
        }
        if let Some(span) = marks[i].1 {
            return Some(Refutation {
                cue: words(span),
                denies: true,
                scope: scope(text, tokens, span),
                clause: tokens.get(span.1).is_some_and(|t| t.lower == "that"),
                background: background(text, tokens, span.0),
            });
        }
        i += 1;
    }
    upheld.map(|span| Refutation {
        cue: words(span),
        denies: false,
        scope: None,
        clause: false,
        background: false,
    })
}

/// Words after which a denial's complement starts ("denied that …", "no evidence of …").
const COMPLEMENT_MARKS: &[&str] = &["that", "of", "about", "to", "for", "linking", "on"];

/// Words that end the clause a denial governs ("denied that the club discriminates and said
/// it has minority members"; "is false, officials said").
const CLAUSE_ENDS: &[&str] = &[
    "and said",
    "and says",
    "and added",
    "and insisted",
    "and noted",
    "and told",
    "but",
    "while",
    "because",
    "although",
    "though",
    "whereas",
    "after",
    "before",
    "when",
    "saying",
    "insisting",
];

/// Adverbs and articles that may stand between a form of "be" and a predicate cue ("is
/// completely false", "was a hoax").
const BETWEEN_BE_AND_CUE: &[&str] = &[
    "a",
    "an",
    "the",
    "all",
    "just",
    "completely",
    "totally",
    "entirely",
    "simply",
    "clearly",
    "absolutely",
    "utterly",
    "also",
    "likely",
    "probably",
    "been",
    "being",
    "not",
];

/// What the denial at the cue span `first..last` governs, as a token range: for a verb of
/// denial in the active voice, and for a cue followed by a complement ("no evidence that
/// …", "false claims about …"), the words after it up to the end of the clause; for a
/// predicate ("… is a hoax", "the reports were denied"), the subject before it back to the
/// start of the clause. When that side holds no content word the other side is tried;
/// `None` when neither does.
pub fn scope(
    text: &str,
    tokens: &[Token],
    (first, last): (usize, usize),
) -> Option<(usize, usize)> {
    let be = be_before(text, tokens, first);
    let complement = tokens
        .get(last)
        .is_some_and(|t| COMPLEMENT_MARKS.contains(&t.lower.as_str()));
    let after = || clause_after(text, tokens, last);
    let before = || be.map(|b| clause_before(text, tokens, b));
    // the subject of an active verb of denial is the one who denies, not what is denied
    let verb = CUES
        .find(&tokens[first..last])
        .iter()
        .any(|m| *m.value == CueClass::Verb);
    let sides = if be.is_some() && !complement {
        [before(), Some(after())]
    } else if verb {
        [Some(after()), before()]
    } else {
        [
            Some(after()),
            before().or_else(|| Some(clause_before(text, tokens, first))),
        ]
    };
    // the first side with content; "denied the report", "This is a hoax.": what is denied
    // is told elsewhere
    let (a, b) = sides
        .into_iter()
        .flatten()
        .find(|&(a, b)| (a..b).any(|i| is_content(&tokens[i])))?;
    (a..b)
        .any(|i| is_content(&tokens[i]) && !REPORT_NOUNS.contains(&tokens[i].lower.as_str()))
        .then_some((a, b))
}

/// The index of a form of "be" (or "has been") right before the cue at `first`, with only
/// [`BETWEEN_BE_AND_CUE`] words between, or one coordinated noun before it ("is a stunt, a
/// hoax", "is a stunt and a hoax"): the cue is the predicate of what precedes.
fn be_before(text: &str, tokens: &[Token], first: usize) -> Option<usize> {
    let mut i = first;
    let mut skipped = 0;
    while i > 0 {
        i -= 1;
        let w = tokens[i].lower.as_str();
        if BE.contains(&w) && w != "been" && w != "being" {
            return Some(i);
        }
        if w == "been" && i > 0 && matches!(tokens[i - 1].lower.as_str(), "has" | "have" | "had") {
            return Some(i - 1);
        }
        if BETWEEN_BE_AND_CUE.contains(&w) || matches!(w, "and" | "or") {
            if first - i > 6 {
                return None;
            }
            continue;
        }
        // a modifier after an article ("is probably a well-doctored hoax")
        if (i.saturating_sub(2)..i).any(|j| matches!(tokens[j].lower.as_str(), "a" | "an"))
            && first - i <= 3
        {
            continue;
        }
        // one noun coordinated with the cue's phrase: a comma or "and"/"or" after it
        let coordinated = i + 1 < tokens.len()
            && (break_before(text, tokens, i + 1)
                || matches!(tokens[i + 1].lower.as_str(), "and" | "or"));
        if skipped == 0 && coordinated && i + 1 < first {
            skipped += 1;
            continue;
        }
        return None;
    }
    None
}

/// True when punctuation that ends a clause stands between token `i - 1` and token `i`.
fn break_before(text: &str, tokens: &[Token], i: usize) -> bool {
    let gap = text.get(tokens[i - 1].end..tokens[i].start).unwrap_or("");
    gap.contains([
        ',', ';', ':', '.', '(', ')', '\u{2014}', '\u{2013}', '?', '!',
    ]) || gap.contains(" - ")
}

/// The clause after the cue ending at `last`: `last..end`, without a leading complement
/// mark, up to the first clause break or [`CLAUSE_ENDS`] word.
fn clause_after(text: &str, tokens: &[Token], last: usize) -> (usize, usize) {
    let mut start = last;
    if tokens
        .get(start)
        .is_some_and(|t| COMPLEMENT_MARKS.contains(&t.lower.as_str()))
    {
        start += 1;
    }
    if start > 0 && start < tokens.len() && break_before(text, tokens, start) {
        return (start, start);
    }
    let mut end = start;
    while end < tokens.len() {
        if end > start && break_before(text, tokens, end) || clause_end_at(tokens, end) {
            break;
        }
        end += 1;
    }
    (start, end)
}

/// True when one of [`CLAUSE_ENDS`] starts at token `i`.
fn clause_end_at(tokens: &[Token], i: usize) -> bool {
    CLAUSE_ENDS.iter().any(|phrase| {
        phrase
            .split(' ')
            .enumerate()
            .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.lower == w))
    })
}

/// The clause before token `end` (a form of "be" or the cue): back to the sentence start,
/// a clause break or "that" ("Speculation that X is false" governs X).
fn clause_before(text: &str, tokens: &[Token], end: usize) -> (usize, usize) {
    let mut start = end;
    while start > 0 {
        if tokens[start - 1].lower == "that"
            || clause_end_at(tokens, start - 1)
            || break_before(text, tokens, start) && start < end
        {
            break;
        }
        start -= 1;
    }
    (start, end)
}

/// A token that says something: a word of two or more letters, not a stop word, or a number.
fn is_content(t: &Token) -> bool {
    use super::lexicon::lexicons;
    match t.kind {
        super::tokens::TokenKind::Word => {
            t.lower.chars().count() >= 2
                && !lexicons(Lang::En).stop.contains(t.lower.as_str())
                && !CUES.contains_stem(&t.stem)
        }
        _ => true,
    }
}

/// Words that place a denial before the news of the day ("had denied", "previously
/// denied", "once debunked", "initially dismissed").
const EARLIER: &[&str] = &[
    "had",
    "previously",
    "once",
    "initially",
    "originally",
    "formerly",
    "long",
];

/// Spans of time that make a statement background ("For nearly a year, outlets declared
/// …", "for years").
const PERIODS: &[&str] = &["year", "years", "months", "decades", "decade"];

/// True when the denial whose cue starts at token `first` is told as someone's earlier
/// stand: one of [`EARLIER`] within three tokens before the cue, or a sentence that opens
/// on a span of time ("For nearly a year, …", "For years …") or says "at the time".
pub fn background(text: &str, tokens: &[Token], first: usize) -> bool {
    let _ = text;
    let near = first.saturating_sub(3)..first;
    if tokens[near]
        .iter()
        .any(|t| EARLIER.contains(&t.lower.as_str()))
    {
        return true;
    }
    let before = &tokens[..first];
    let opens_on_period = before.first().is_some_and(|t| t.lower == "for")
        && before
            .iter()
            .take(5)
            .any(|t| PERIODS.contains(&t.lower.as_str()));
    let at_the_time = before
        .windows(3)
        .any(|w| w[0].lower == "at" && w[1].lower == "the" && w[2].lower == "time");
    opens_on_period || at_the_time
}

/// True when the denial verb at `i` withholds something rather than disputes it: a passive
/// with an object after it ("he was denied bail", "were denied entry"). "The claims were
/// denied." and "were denied by the company" dispute.
fn withholds(text: &str, tokens: &[Token], i: usize) -> bool {
    let passive = i > 0 && BE.contains(&tokens[i - 1].lower.as_str());
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    if !passive && refused_thing(tokens, i) {
        return true;
    }
    let gap = text.get(tokens[i].end..next.start).unwrap_or("");
    let object = !gap.contains([',', ';', ':', '.', '(', ')', '\u{2014}', '\u{2013}'])
        && !matches!(next.lower.as_str(), "by" | "that" | "in" | "on" | "as");
    passive && object
}

/// True when the active denial verb at `i` has a determiner and a noun other than a report
/// as its object ("the Supreme Court denied the request", "denied him entry"): it refuses
/// a thing, it does not dispute a report. "denied the allegations", "denied taking a selfie"
/// and "denied that…" dispute.
fn refused_thing(tokens: &[Token], i: usize) -> bool {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "his", "her", "their", "its", "our", "him", "them", "this",
    ];
    const DISPUTED: &[&str] = &[
        "charge",
        "charges",
        "accusation",
        "accusations",
        "wrongdoing",
        "involvement",
        "responsibility",
        "existence",
    ];
    let Some(det) = tokens.get(i + 1) else {
        return false;
    };
    if !DETERMINERS.contains(&det.lower.as_str()) {
        return false;
    }
    tokens[i + 2..]
        .iter()
        .take(3)
        .find(|t| t.kind == super::tokens::TokenKind::Word)
        .is_some_and(|n| {
            let w = n.lower.as_str();
            !REPORT_NOUNS.contains(&w) && !DISPUTED.contains(&w)
        })
}

/// What a report is called: an adjective cue before one of these judges the report ("fake
/// news", "false claims"); before any other noun it describes a thing ("a fake nose", "a
/// false alarm", "false teeth").
const REPORT_NOUNS: &[&str] = &[
    "story",
    "stories",
    "report",
    "reports",
    "news",
    "claim",
    "claims",
    "allegation",
    "allegations",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
    "account",
    "accounts",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "picture",
    "pictures",
    "image",
    "images",
    "video",
    "videos",
    "footage",
    "tweet",
    "tweets",
    "post",
    "posts",
    "article",
    "articles",
    "headline",
    "headlines",
    "quote",
    "quotes",
    "statement",
    "statements",
    "site",
    "website",
    "websites",
    "profile",
    "page",
    "claimed",
    "reported",
    "stated",
    "said",
];

/// True when the one-word cue at `first..last` qualifies the noun after it, other than a
/// report ("a fake nose", not "fake news" or "a hoax."): a description, not a judgement.
fn describes(text: &str, tokens: &[Token], first: usize, last: usize) -> bool {
    use super::lexicon::lexicons;
    if last - first != 1 {
        return false;
    }
    let Some(next) = tokens.get(last) else {
        return false;
    };
    let gap = text.get(tokens[first].end..next.start).unwrap_or("");
    if !gap.trim().is_empty() || gap.contains('\n') {
        return false;
    }
    let word = next.lower.as_str();
    !lexicons(Lang::En).stop.contains(word)
        && !REPORT_NOUNS.contains(&word)
        && next.kind == super::tokens::TokenKind::Word
}

/// True when a claim puts a report forward as true: no refutation, no negation of its own
/// predicate, no hedge, no attribution and no question ("Woman pays $20,000 for third
/// breast"). A claim that reports what someone says ("CNN says…", "Woman claims…") or
/// hedges ("reportedly") leaves the truth open, so a refutation does not contradict it.
fn asserts(c: &ClaimFeatures) -> bool {
    c.refutation.is_none()
        && !c.negated()
        && c.hedges == 0
        && c.attribution.is_none()
        && !is_question(c)
}

/// The refutation between two claims, if one denies what the other puts forward as true:
/// one side [`Refutation::denies`], the other [`asserts`] the report or upholds it against a
/// denial, and the two share at least [`Thresholds::refutation_terms`] content terms weighing
/// [`Thresholds::refutation_mass`] rare-term units ([`Similarity::shared_content`]) — the
/// same topic. Returns the reason shown to the reader: `refutation: "hoax"`.
pub fn refutes(
    sim: &dyn Similarity,
    a: &ClaimFeatures,
    b: &ClaimFeatures,
    th: &Thresholds,
) -> Option<String> {
    let (r, other) = match (denial(a), denial(b)) {
        (Some(r), None) => (r, b),
        (None, Some(r)) => (r, a),
        _ => return None,
    };
    if r.background {
        return None;
    }
    let upholds = other.refutation.as_ref().is_some_and(|u| !u.denies);
    if !upholds && !asserts(other) {
        return None;
    }
    if denial_asks(a, b) {
        return None;
    }
    let shared = sim.shared_content(a, b);
    // the cue words themselves ("denies" and "were denied") say nothing of the topic
    let cues = cue_terms_shared(a, b);
    // names alone place two claims in one story, not on one report ("White House denies
    // threatening the Foley family" and "the beheadings of James Foley")
    let denier = if std::ptr::eq(other, a) { b } else { a };
    (shared.terms >= th.refutation_terms + cues
        && shared.predicate_terms > cues
        && shared.mass >= th.refutation_mass
        && states_what_is_denied(denier, r, other, th.refutation_scope_terms))
    .then(|| format!("refutation: \"{}\"", r.cue))
}

/// Whether the other claim states what the denial `r` of `denier` governs
/// ([`Refutation::scope`]): it shares at least `min` of the scope's content words (a name
/// counts once; numbers and days do not count), and one more when the scope is a clause
/// ("denied that the club has discriminatory policies"), one of them a word of what happened
/// when the scope has one besides names: a clause's subject alone is its topic, not its
/// proposition ("the club" is all that "the Whitehouses have been members of
/// the club for decades" shares with it). True when the denial governs no words of its own
/// ("This is a hoax."): what it denies is told elsewhere, and the shared-content test of
/// [`refutes`] decides.
fn states_what_is_denied(
    denier: &ClaimFeatures,
    r: &Refutation,
    other: &ClaimFeatures,
    min: usize,
) -> bool {
    let Some((first, last)) = r.scope else {
        return true;
    };
    let has = |t: &Token| other.tokens.iter().any(|o| o.stem == t.stem);
    let name_of = |i: usize| {
        denier
            .entities
            .iter()
            .position(|e| (e.first..e.last).contains(&i))
    };
    let mut words: Vec<&str> = Vec::new();
    let mut names: Vec<usize> = Vec::new();
    let mut says_what_happened = false;
    for i in first..last {
        let t = &denier.tokens[i];
        if !is_content(t) || t.kind != TokenKind::Word {
            continue;
        }
        let name = name_of(i);
        says_what_happened |= name.is_none() && !REPORT_NOUNS.contains(&t.lower.as_str());
        if !has(t) {
            continue;
        }
        match name {
            Some(e) => names.push(e),
            None if !super::similarity::is_calendar_term(&t.stem) => words.push(&t.stem),
            None => {}
        }
    }
    words.sort_unstable();
    words.dedup();
    names.sort_unstable();
    names.dedup();
    // a name places the two claims in one story; when the scope says what happened
    // ("threatening the families of Foley and Sotloff"), a word of that makes them one fact
    (!says_what_happened || !words.is_empty())
        && words.len() + names.len() >= min + usize::from(r.clause)
}

/// Content terms both claims have that are refutation cue words ("denied" in both).
fn cue_terms_shared(a: &ClaimFeatures, b: &ClaimFeatures) -> usize {
    let is_cue = |t: &str| CUES.contains_stem(t);
    a.terms
        .iter()
        .filter(|t| is_cue(t) && b.terms.binary_search(t).is_ok())
        .count()
}

/// True when the denying claim of the pair is a question ("Is the third breast an internet
/// hoax?"): it asks, it does not deny.
fn denial_asks(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    [a, b].iter().any(|c| denial(c).is_some() && is_question(c))
}

fn is_question(c: &ClaimFeatures) -> bool {
    c.text.trim_end().ends_with('?')
}

fn denial(c: &ClaimFeatures) -> Option<&Refutation> {
    c.refutation.as_ref().filter(|r| r.denies)
}

/// True when either claim carries a refutation cue: [`refutes`] can only fire then (a cheap
/// test before the pair decision's similarity gate).
pub fn possible(a: &ClaimFeatures, b: &ClaimFeatures) -> bool {
    a.refutation.is_some() || b.refutation.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;

    fn stand(t: &str) -> Option<(String, bool)> {
        analyse_claim(t, Lang::En)
            .refutation
            .map(|r| (r.cue, r.denies))
    }

    #[test]
    fn a_cue_denies_the_truth_of_a_report() {
        assert_eq!(
            stand("The third breast story is a hoax."),
            Some(("hoax".into(), true))
        );
        assert_eq!(
            stand("Dr. Korovin categorically denies taking a selfie."),
            Some(("denies".into(), true))
        );
        assert_eq!(
            stand("There is no evidence that the tree was cut down."),
            Some(("no evidence".into(), true))
        );
        assert_eq!(stand("Woman pays $20,000 for third breast"), None);
    }

    #[test]
    fn a_negated_cue_upholds_the_report() {
        assert_eq!(
            stand("Three-boobed woman: They're not fake"),
            Some(("fake".into(), false))
        );
        assert_eq!(
            stand("Woman with three breasts denies surgery hoax claims"),
            Some(("denies".into(), false))
        );
        // a negation far from the cue denies something else
        assert_eq!(
            stand("The story is a hoax, and the woman did not have any surgery."),
            Some(("hoax".into(), true))
        );
    }

    #[test]
    fn withholding_and_non_committal_wording_refute_nothing() {
        assert_eq!(stand("The suspect was denied bail on Monday."), None);
        // refusing a request is no dispute of a report; denying the allegations is
        assert_eq!(
            stand("The Supreme Court denied the request for relief."),
            None
        );
        assert_eq!(
            stand("The senator denied the allegations on Monday."),
            Some(("denied".into(), true))
        );
        // an adjective before a thing describes it; before a report it judges the report
        assert_eq!(stand("A girl is wearing a fake nose and glasses."), None);
        assert_eq!(
            stand("The site spread fake news about the vote."),
            Some(("fake".into(), true))
        );
        assert_eq!(
            stand("Officials would neither confirm nor deny the strike."),
            None
        );
        // a passive denial of a report disputes it
        assert_eq!(
            stand("The reports were denied by the ministry."),
            Some(("denied".into(), true))
        );
    }

    fn governed(t: &str) -> Option<String> {
        let c = analyse_claim(t, Lang::En);
        let (a, b) = c.refutation?.scope?;
        Some(c.text[c.tokens[a].start..c.tokens[b - 1].end].to_string())
    }

    #[test]
    fn the_scope_is_what_the_denial_governs() {
        assert_eq!(
            governed(
                "The senator's office on Monday denied that the club has discriminatory policies and said it does have minority members."
            )
            .as_deref(),
            Some("the club has discriminatory policies")
        );
        assert_eq!(
            governed("Dr. Korovin categorically denies taking a selfie.").as_deref(),
            Some("taking a selfie")
        );
        assert_eq!(
            governed("The third breast story is a hoax.").as_deref(),
            Some("The third breast story")
        );
        assert_eq!(
            governed(
                "Speculation that the committee is petitioning carriers to edit text messages is false, officials said."
            )
            .as_deref(),
            Some("the committee is petitioning carriers to edit text messages")
        );
        assert_eq!(
            governed("There is no evidence that the tree was cut down.").as_deref(),
            Some("the tree was cut down")
        );
        assert_eq!(
            governed("Claims that troops crossed the border were denied by the ministry.")
                .as_deref(),
            Some("troops crossed the border")
        );
        // nothing of its own to govern: what is denied is told elsewhere
        assert_eq!(governed("This is a hoax."), None);
        assert_eq!(governed("The reports were denied by the ministry."), None);
        assert_eq!(governed("The senator denied the allegations."), None);
    }

    #[test]
    fn an_earlier_denial_is_background() {
        let told_as_background =
            |t: &str| analyse_claim(t, Lang::En).refutation.map(|r| r.background);
        assert_eq!(
            told_as_background("The company had denied the report."),
            Some(true)
        );
        assert_eq!(
            told_as_background("The ministry previously denied that troops crossed the border."),
            Some(true)
        );
        assert_eq!(
            told_as_background(
                "For nearly a year, almost every major news outlet declared that it was a debunked, fringe conspiracy theory to discuss a lab leak."
            ),
            Some(true)
        );
        assert_eq!(
            told_as_background("The ministry on Monday denied that troops crossed the border."),
            Some(false)
        );
    }

    use crate::analysis::contrast::tests::scored;

    #[test]
    fn a_denial_refutes_an_asserted_report_on_the_same_topic() {
        let (c, sim) = scored(&[
            "The third breast story is a hoax.",
            "Florida woman pays $20,000 for a third breast.",
            "Florida woman claims she paid for a third breast.",
            "Police in Ohio opened a new library on Tuesday.",
            "'Three-boobed' woman insists her third breast is not fake.",
            "Speculation swirled online that a Florida woman paid for a third breast.",
            // the rest of a corpus, so that the topic's words are rare in it
            "The council approved the city budget on Monday.",
            "Heavy rain is expected across the region this weekend.",
            "Shares of the carmaker rose after strong quarterly sales.",
        ]);
        let th = Thresholds::default();
        let r = refutes(&sim, &c[0], &c[1], &th);
        assert_eq!(r.as_deref(), Some("refutation: \"hoax\""));
        assert_eq!(refutes(&sim, &c[1], &c[0], &th), r, "symmetric");
        // a report of what someone claims leaves the truth open
        assert_eq!(refutes(&sim, &c[0], &c[2], &th), None);
        // another topic
        assert_eq!(refutes(&sim, &c[0], &c[3], &th), None);
        // upholding against the charge opposes it, attribution or not
        assert!(refutes(&sim, &c[0], &c[4], &th).is_some());
        // speculation, like a rumour, is reported, not asserted (a NeuS contrast a reader
        // rejected: "no evidence" against "Speculations swirled that …")
        assert_eq!(refutes(&sim, &c[0], &c[5], &th), None);
    }

    #[test]
    fn a_denial_refutes_only_what_it_governs() {
        let (c, sim) = scored(&[
            "The senator's office denied that the club has discriminatory policies.",
            "The senator and his wife have been members of the club for decades.",
            "The club has discriminatory policies, former members say.",
            "The club has discriminatory policies.",
            "The council approved the city budget on Monday.",
            "Heavy rain is expected across the region this weekend.",
            "Shares of the carmaker rose after strong quarterly sales.",
        ]);
        let th = Thresholds::default();
        // the club in both, but membership is not what the office denied
        assert_eq!(refutes(&sim, &c[0], &c[1], &th), None);
        // what it governs, asserted
        assert_eq!(
            refutes(&sim, &c[0], &c[3], &th).as_deref(),
            Some("refutation: \"denied\"")
        );
    }

    #[test]
    fn a_denial_told_as_background_refutes_nothing() {
        let (c, sim) = scored(&[
            "The company had denied that the factory was closing.",
            "The factory is closing next month.",
            "The company denied that the factory was closing.",
            "The council approved the city budget on Monday.",
            "Heavy rain is expected across the region this weekend.",
        ]);
        let th = Thresholds::default();
        assert_eq!(refutes(&sim, &c[0], &c[1], &th), None);
        assert!(refutes(&sim, &c[2], &c[1], &th).is_some());
    }

    #[test]
    fn two_denials_agree() {
        let (c, sim) = scored(&[
            "The third breast story is a hoax.",
            "The woman's third breast is fake, a surgeon says.",
        ]);
        assert_eq!(refutes(&sim, &c[0], &c[1], &Thresholds::default()), None);
    }

    #[test]
    fn a_question_denies_nothing_and_names_alone_are_not_one_report() {
        let (c, sim) = scored(&[
            "Is Jasmine Tridevil's third breast an internet hoax?",
            "Jasmine Tridevil paid $20,000 for a third breast.",
            "White House denies threatening the family of James Foley.",
            "The warrant was publicised after the beheading of James Foley.",
            "The council approved the city budget on Monday.",
            "Heavy rain is expected across the region this weekend.",
        ]);
        let th = Thresholds::default();
        assert_eq!(refutes(&sim, &c[0], &c[1], &th), None);
        assert_eq!(refutes(&sim, &c[2], &c[3], &th), None);
    }

    #[test]
    fn the_pair_decision_calls_a_refutation_contrasting() {
        use crate::analysis::contrast::{Verdict, decide};
        let (c, sim) = scored(&[
            "The third breast story is a hoax.",
            "Florida woman pays $20,000 for a third breast.",
            "The council approved the city budget on Monday.",
            "Heavy rain is expected across the region this weekend.",
        ]);
        let (_, verdict, reasons) = decide(&sim, &c[0], &c[1], &Thresholds::default());
        assert_eq!(verdict, Verdict::Contrasting);
        assert_eq!(reasons, vec!["refutation: \"hoax\"".to_string()]);
    }
}
