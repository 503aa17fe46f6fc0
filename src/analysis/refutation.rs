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
    /// True when a denial calls untrue only what the text told before it: its subject is a
    /// pronoun or a report named by a determiner ("I think this is a hoax", "it's fake",
    /// "the whole thing was a hoax", "the story is false") and no word of the story itself
    /// ([`refers_back`]). What it denies is the report its own article restates, which the
    /// alignment resolves (`align`, "a denial of the story an article restates").
    pub anaphoric: bool,
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
            // "not a fake or a hoax": a cue coordinated with a cancelled one is cancelled too
            while i < marks.len()
                && marks[i].1.is_some()
                && coordinated(
                    tokens,
                    marks[i - 1].1.map_or(marks[i - 1].0 + 1, |s| s.1),
                    marks[i].0,
                )
            {
                i += 1;
            }
            continue;
        }
        if let Some(span) = marks[i].1 {
            return Some(Refutation {
                cue: words(span),
                denies: true,
                scope: scope(text, tokens, span),
                clause: tokens
                    .get(span.1)
                    .is_some_and(|t| t.lower.as_ref() == "that"),
                background: background(text, tokens, span.0),
                anaphoric: refers_back(text, tokens, span),
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
        anaphoric: false,
    })
}

/// True when the tokens `from..to` only join two phrases ("or a", "and", "nor an"): the
/// second is coordinated with the first.
fn coordinated(tokens: &[Token], from: usize, to: usize) -> bool {
    from < to
        && to - from <= 3
        && tokens[from..to]
            .iter()
            .any(|t| matches!(t.lower.as_ref(), "or" | "and" | "nor"))
        && tokens[from..to]
            .iter()
            .all(|t| matches!(t.lower.as_ref(), "or" | "and" | "nor" | "a" | "an" | "the"))
}

/// Words that open a subject naming nothing of the story itself: a pronoun, or a determiner
/// before a report noun or "thing" ("this", "it", "the story", "the whole thing").
const BACK_REFERENCE_OPENERS: &[&str] = &["this", "that", "it", "these", "those", "the"];

/// Words inside such a subject besides its opener and the report nouns.
const BACK_REFERENCE_WORDS: &[&str] = &["whole", "entire", "thing", "things", "so-called"];

/// True when the predicate cue at the token span `first..last` ("… is a hoax", "… was fake") has as
/// its subject only a pronoun or a determiner and a report noun ("this", "it", "the whole
/// thing", "this photo"): the denial refers back to what the text told before, not to words
/// of its own. "The third breast story is a hoax" names what it denies (its subject opens on
/// "third"), and so does "Kerry denied that …" (a verb, not a predicate).
fn refers_back(text: &str, tokens: &[Token], (first, last): (usize, usize)) -> bool {
    let Some(be) = be_before(text, tokens, first).or_else(|| contracted_be(text, tokens, first))
    else {
        return false;
    };
    let mut start = be;
    while start > 0 && !(start < be && break_before(text, tokens, start)) {
        let w = tokens[start - 1].lower.as_ref();
        if BACK_REFERENCE_OPENERS.contains(&w)
            || BACK_REFERENCE_WORDS.contains(&w)
            || REPORT_NOUNS.contains(&w)
        {
            start -= 1;
        } else {
            break;
        }
    }
    // "even if it isn't real": a supposition denies nothing; "if anybody tells you that
    // GMOs are safe, it's not true": the subject stands for a clause of its own sentence
    let before = &tokens[..start];
    if before
        .last()
        .is_some_and(|t| matches!(t.lower.as_ref(), "if" | "whether" | "unless"))
        || before
            .iter()
            .rev()
            .skip(1)
            .any(|t| t.lower.as_ref() == "that")
    {
        return false;
    }
    let subject = &tokens[start..be];
    let opens = subject
        .first()
        .is_some_and(|t| BACK_REFERENCE_OPENERS.contains(&t.lower.as_ref()));
    // a lone "the" or "that" (a complementiser: "claims that are false") is no subject
    let pronoun_or_head = subject.last().is_some_and(|t| {
        matches!(t.lower.as_ref(), "this" | "it" | "these" | "those")
            || (subject.len() == 1 && t.lower.as_ref() == "that" && start == 0)
            || REPORT_NOUNS.contains(&t.lower.as_ref())
            || matches!(t.lower.as_ref(), "thing" | "things")
    });
    // "it is false that …": "it" stands in for the clause after the cue, which is what is
    // denied ("this is a hoax that everyone fell for" is a relative clause on the cue)
    let expletive = subject.len() == 1
        && subject[0].lower.as_ref() == "it"
        && tokens.get(last).is_some_and(|t| t.lower.as_ref() == "that");
    opens && pronoun_or_head && !expletive
}

/// Where the subject of the predicate cue at `first` ends when "be" is contracted onto it
/// ("it's fake", "that's a hoax"): the tokeniser drops the "'s", so the subject's last word
/// is followed by the cue, or by [`BETWEEN_BE_AND_CUE`] words, with "'s" after it.
fn contracted_be(text: &str, tokens: &[Token], first: usize) -> Option<usize> {
    let mut i = first;
    while i > 0 && BETWEEN_BE_AND_CUE.contains(&tokens[i - 1].lower.as_ref()) {
        i -= 1;
    }
    let subject = tokens.get(i.checked_sub(1)?)?;
    let after = text.get(subject.end..)?;
    (after.starts_with("'s") || after.starts_with("\u{2019}s")).then_some(i)
}

/// The claim's denial when it refers back to what its own text reports
/// ([`Refutation::anaphoric`]), is news of the day (not [`Refutation::background`]) and not
/// a question: "Unfortunately, I think this is a hoax." after the article told the story.
pub fn denies_what_it_reports(c: &ClaimFeatures) -> Option<&Refutation> {
    denial(c).filter(|r| r.anaphoric && !r.background && !is_question(c))
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
    "following",
    "during",
    "amid",
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
    // "there is no evidence the officers acted …": existential, what is denied comes after
    let be = be_before(text, tokens, first)
        .filter(|&b| b == 0 || tokens[b - 1].lower.as_ref() != "there");
    let complement = tokens
        .get(last)
        .is_some_and(|t| COMPLEMENT_MARKS.contains(&t.lower.as_ref()));
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
        .any(|i| is_content(&tokens[i]) && !REPORT_NOUNS.contains(&tokens[i].lower.as_ref()))
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
        let w = tokens[i].lower.as_ref();
        if BE.contains(&w) && w != "been" && w != "being" {
            return Some(i);
        }
        if w == "been" && i > 0 && matches!(tokens[i - 1].lower.as_ref(), "has" | "have" | "had") {
            return Some(i - 1);
        }
        if BETWEEN_BE_AND_CUE.contains(&w) || matches!(w, "and" | "or") {
            if first - i > 6 {
                return None;
            }
            continue;
        }
        // a modifier after an article ("is probably a well-doctored hoax")
        if (i.saturating_sub(2)..i).any(|j| matches!(tokens[j].lower.as_ref(), "a" | "an"))
            && first - i <= 3
        {
            continue;
        }
        // one noun coordinated with the cue's phrase: a comma or "and"/"or" after it
        let coordinated = i + 1 < tokens.len()
            && (break_before(text, tokens, i + 1)
                || matches!(tokens[i + 1].lower.as_ref(), "and" | "or"));
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
        .is_some_and(|t| COMPLEMENT_MARKS.contains(&t.lower.as_ref()))
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
            .all(|(k, w)| tokens.get(i + k).is_some_and(|t| t.lower.as_ref() == w))
    })
}

/// The clause before token `end` (a form of "be" or the cue): back to the sentence start,
/// a clause break or "that" ("Speculation that X is false" governs X).
fn clause_before(text: &str, tokens: &[Token], end: usize) -> (usize, usize) {
    let mut start = end;
    while start > 0 {
        if tokens[start - 1].lower.as_ref() == "that"
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
                && !lexicons(Lang::En).stop.contains(t.lower.as_ref())
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
        .any(|t| EARLIER.contains(&t.lower.as_ref()))
    {
        return true;
    }
    let before = &tokens[..first];
    let opens_on_period = before.first().is_some_and(|t| t.lower.as_ref() == "for")
        && before
            .iter()
            .take(5)
            .any(|t| PERIODS.contains(&t.lower.as_ref()));
    let at_the_time = before.windows(3).any(|w| {
        w[0].lower.as_ref() == "at" && w[1].lower.as_ref() == "the" && w[2].lower.as_ref() == "time"
    });
    opens_on_period || at_the_time
}

/// True when the denial verb at `i` withholds something rather than disputes it: a passive
/// with an object after it ("he was denied bail", "were denied entry"). "The claims were
/// denied." and "were denied by the company" dispute.
fn withholds(text: &str, tokens: &[Token], i: usize) -> bool {
    let passive = i > 0 && BE.contains(&tokens[i - 1].lower.as_ref());
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    if !passive && refused_thing(tokens, i) {
        return true;
    }
    let gap = text.get(tokens[i].end..next.start).unwrap_or("");
    let object = !gap.contains([',', ';', ':', '.', '(', ')', '\u{2014}', '\u{2013}'])
        && !matches!(next.lower.as_ref(), "by" | "that" | "in" | "on" | "as");
    passive && object
}

/// True when the active denial verb at `i` has a determiner and a noun other than a report
/// as its object ("the Supreme Court denied the request", "denied him entry", "deny it the
/// protections", "denied both motions"): it refuses a thing, it does not dispute a report.
/// "denied the allegations", "denied taking a selfie" and "denied that…" dispute.
fn refused_thing(tokens: &[Token], i: usize) -> bool {
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "his", "her", "their", "its", "our", "him", "them", "this", "it", "me",
        "us", "both", "all", "these", "those",
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
    if !DETERMINERS.contains(&det.lower.as_ref()) {
        return false;
    }
    tokens[i + 2..]
        .iter()
        .take(3)
        .find(|t| t.kind == super::tokens::TokenKind::Word)
        .is_some_and(|n| {
            let w = n.lower.as_ref();
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
/// report ("a fake nose", not "fake news" or "a hoax."), or a report by its topic ("false
/// claims about vaccines"): a description, not a judgement.
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
    let word = next.lower.as_ref();
    if REPORT_NOUNS.contains(&word) {
        return names_a_kind_of_report(tokens, last);
    }
    !lexicons(Lang::En).stop.contains(word) && next.kind == super::tokens::TokenKind::Word
}

/// True when the report noun at token `noun` after a cue is followed by its topic, not its
/// content: "the spread of false claims about COVID-19" names a kind of report, and denies
/// nothing another outlet states; "false claims that the vote was rigged" denies one (a
/// NeuS contrast a new user rejected, session 13).
fn names_a_kind_of_report(tokens: &[Token], noun: usize) -> bool {
    const TOPIC: &[&str] = &[
        "about",
        "on",
        "regarding",
        "concerning",
        "surrounding",
        "around",
    ];
    tokens
        .get(noun + 1)
        .is_some_and(|t| TOPIC.contains(&t.lower.as_ref()))
}

/// True when a claim puts a report forward as true: no refutation, no negation of its own
/// predicate, no hedge, no attribution and no question ("Woman pays $20,000 for third
/// breast"). A claim that reports what someone says ("CNN says…", "Woman claims…") or
/// hedges ("reportedly") leaves the truth open, so a refutation does not contradict it.
pub fn asserts(c: &ClaimFeatures) -> bool {
    c.refutation.is_none()
        && !c.negated()
        && c.hedges == 0
        && c.attribution.is_none()
        && !is_question(c)
}

/// True when the claim states what will happen ("will be released", "won't be released
/// until October", "shall"): a schedule or a forecast, not a report that a later denial
/// can call false.
pub fn scheduled(c: &ClaimFeatures) -> bool {
    c.tokens
        .iter()
        .any(|t| matches!(t.lower.as_ref(), "will" | "wo" | "won't" | "shall"))
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
        && states_what_is_denied(denier, r, other, th.refutation_scope_terms)
        && (!denies_its_own_sentence(denier, r)
            || sim.coverage(other, denier) >= th.negation_cover))
        .then(|| format!("refutation: \"{}\"", r.cue))
}

/// Content words a denying claim needs besides its cue before a denial that governs no words
/// of its own is read as denying what the claim itself states.
const OWN_SENTENCE_WORDS: usize = 6;

/// True when a denial that governs no words of its own ends a longer claim ("Ryan dismissed
/// the critique, erroneously claiming the letters didn't represent all the bishops, a point
/// the media office denied"): it denies what its own sentence states before it, not a story
/// told elsewhere, so the other claim must state that (most of its content in the denying
/// claim). A BASIL contrast a reader rejected (session 13): the other claim shared only
/// "bishops" and "last" with it. A short denial ("This is a hoax.") or one that refers back
/// ([`Refutation::anaphoric`]) is left to the shared-content test.
fn denies_its_own_sentence(denier: &ClaimFeatures, r: &Refutation) -> bool {
    let words = denier
        .tokens
        .iter()
        .filter(|t| is_content(t) && t.kind == TokenKind::Word)
        .count();
    r.scope.is_none() && !r.anaphoric && words > OWN_SENTENCE_WORDS
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
    let mut scope_words = 0;
    for i in first..last {
        let t = &denier.tokens[i];
        if !is_content(t) || t.kind != TokenKind::Word {
            continue;
        }
        scope_words += 1;
        let name = name_of(i);
        says_what_happened |= name.is_none() && !REPORT_NOUNS.contains(&t.lower.as_ref());
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
    // a denial of a longer proposition ("no evidence the unidentified officers acted
    // inappropriately") is not stated by a claim that shares one word of it ("officers":
    // an ECB+ contrast a reader rejected, session 15)
    let long = usize::from(scope_words >= LONG_SCOPE_WORDS);
    (!says_what_happened || !words.is_empty())
        && words.len() + names.len() >= min + usize::from(r.clause).max(long)
}

/// Content words in a denial's scope from which the other claim must share one more word
/// than [`Thresholds::refutation_scope_terms`], as for a clause.
const LONG_SCOPE_WORDS: usize = 4;

/// Content terms both claims have that are refutation cue words ("denied" in both).
fn cue_terms_shared(a: &ClaimFeatures, b: &ClaimFeatures) -> usize {
    let is_cue = |t: &str| CUES.contains_stem(t);
    a.terms
        .iter()
        // `terms` are in vocabulary-id order once indexed, not sorted: no binary search
        .filter(|t| is_cue(t) && b.terms.contains(t))
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

    fn refers_back_to_its_story(t: &str) -> bool {
        denies_what_it_reports(&analyse_claim(t, Lang::En)).is_some()
    }

    #[test]
    fn a_schedule_is_no_story_a_denial_refutes() {
        let c = |t: &str| analyse_claim(t, Lang::En);
        assert!(scheduled(&c(
            "The final wording won't be released until the board approves the resolution in October."
        )));
        assert!(scheduled(&c("The report will be published on Monday.")));
        assert!(!scheduled(&c("A woman paid $20,000 for a third breast.")));
    }

    #[test]
    fn a_denial_of_this_or_the_story_refers_back_to_what_the_text_told() {
        for t in [
            "Unfortunately, I think this is a hoax.",
            "I believe 100 per cent that this is a hoax that everyone is falling for.",
            "I just saw it on the news and it's fake.",
            "A final piece of evidence confirms the whole thing was a hoax.",
            "The story is completely false, officials said.",
            "That is false.",
        ] {
            assert!(refers_back_to_its_story(t), "{t}");
        }
        for t in [
            // names what it denies
            "The third breast story is a hoax.",
            "Kerry denied that he discussed Israeli strikes with Iran.",
            "It is false that the president adopted the boy.",
            "Experts say the claims that are false spread fast.",
            // a supposition, or a subject that stands for a clause of its own sentence
            "Even if it isn't real, it's required viewing.",
            "If anybody tells you that GMOs are completely safe, it's not true.",
            // upholds, asks, or is background
            "This is not a hoax, she insisted.",
            "As I say this is not a fake or a hoax.",
            "Is this a hoax?",
            "Officials had previously said this was fake.",
            // no cue
            "This is a remarkable story.",
        ] {
            assert!(!refers_back_to_its_story(t), "{t}");
        }
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
        assert_eq!(
            stand("Trump repeated false claims that the vote was rigged."),
            Some(("false".into(), true))
        );
    }

    #[test]
    fn a_kind_of_report_named_by_its_topic_denies_nothing() {
        assert_eq!(
            stand(
                "Facebook is not doing enough to stop the spread of false claims about vaccines."
            ),
            None
        );
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
        // a cue coordinated with a negated one is negated too
        assert_eq!(
            stand("As I say this is not a fake or a hoax."),
            Some(("fake".into(), false))
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
            stand("The site spread fake news that the vote was rigged."),
            Some(("fake".into(), true))
        );
        assert_eq!(
            stand("Officials would neither confirm nor deny the strike."),
            None
        );
        // a person or thing denied something, or motions denied, is a refusal (ECB+
        // contrasts a reader rejected, session 15)
        assert_eq!(
            stand(
                "They admit the bear is threatened, but then deny it the protections of the law."
            ),
            None
        );
        assert_eq!(stand("Hickok agreed and denied both motions."), None);
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
        // "there is no evidence": existential, what is denied comes after
        assert_eq!(
            governed("Police said there is no evidence the officers acted inappropriately.")
                .as_deref(),
            Some("the officers acted inappropriately")
        );
        // what happened during the denial places it, it is not denied
        assert_eq!(
            governed("The minister denied any wrongdoing during a visit to the port.").as_deref(),
            Some("any wrongdoing")
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
