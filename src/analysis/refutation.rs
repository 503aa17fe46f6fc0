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
use super::tokens::{Token, phrase_stems};

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
            });
        }
        i += 1;
    }
    upheld.map(|span| Refutation {
        cue: words(span),
        denies: false,
    })
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
    (shared.terms >= th.refutation_terms + cues
        && shared.predicate_terms > cues
        && shared.mass >= th.refutation_mass)
        .then(|| format!("refutation: \"{}\"", r.cue))
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
