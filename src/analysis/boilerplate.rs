//! Boilerplate out of the sentences of an article, before they become claims.
//!
//! News pages carry text that is not part of the story: datelines ("MOSCOW (Reuters) —",
//! "WASHINGTON —", "МОСКВА, 18 марта. /ТАСС/."), bylines ("By Jane Doe"), "Related:" and
//! "Read more" links, "Advertisement", photo captions and credits ("Photo: Reuters",
//! "Фото: ТАСС"), and the headline repeated as the first paragraph. Left in, each becomes a
//! claim that only one outlet "makes". Here such sentences are dropped and a dateline is cut
//! off the sentence it opens; the byte ranges of everything else are untouched, so offsets
//! still point into the file.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A dateline at the very start of an article: a place in capitals, optionally a region and
/// a date after commas ("JEDDAH, Saudi Arabia, March 11") and an agency, then a dash (or the Russian agencies' "/ТАСС/." form).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\p{Lu}[\p{Lu}\-'.]+(?:\s+\p{Lu}[\p{Lu}\-'.]+){0,3})(?:,\s*[\p{L}\d .]{1,30}?){0,2}\s*(?:\((?:[\p{L}][\p{L} .&]{0,25})\)\s*)?(?:(?:[\u{2014}\u{2013}]|--?)\s+|\.\s*/[\p{L} .\-]{2,20}/\.?\s+|\s*[\u{2014}\u{2013}]\s*[\p{Lu}][\p{L} .]{1,20}\.\s+)",
    )
    .expect("the dateline pattern is valid")
});

/// A dateline standing as a sentence of its own: "МОСКВА, 18 марта." (the agency follows
/// as "/ТАСС/.").
static BARE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{Lu}\-'.]+(?:\s+\p{Lu}[\p{Lu}\-'.]+){0,3},\s*[\p{L} .]{0,20}\d[\p{L}\d .]{0,20}$")
        .expect("the bare dateline pattern is valid")
});

/// A byline on its own: "By Jane Doe", "By Jane Doe and John Roe, Reuters", "Автор: Иван
/// Петров".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[Bb]y|BY|[Аа]втор:?|[Тт]екст:?)\s+\p{Lu}[\p{L}.'\-]*(?:\s+(?:and|и|&|\p{Lu}[\p{L}.'\-]*))*(?:\s*[,|\u{2014}\-]\s*\p{Lu}[\p{L}.&]*(?:\s+\p{Lu}[\p{L}.&]*){0,3})?\.?$",
    )
    .expect("the byline pattern is valid")
});

/// Openings of navigation, advertising and caption lines (lower case).
const PREFIXES: &[&str] = &[
    "related:",
    "related coverage",
    "related articles",
    "read more",
    "read also",
    "see also",
    "more on this story",
    "more:",
    "also read",
    "story continues below",
    "article continues below",
    "continue reading",
    "sign up",
    "subscribe to",
    "follow us",
    "share this",
    "photo:",
    "photograph:",
    "photos:",
    "image:",
    "image caption",
    "image source",
    "media caption",
    "picture:",
    "pictured:",
    "caption:",
    "credit:",
    "video:",
    "watch:",
    "listen:",
    "(photo",
    "(image",
    "читайте также",
    "смотрите также",
    "читать также",
    "подробнее:",
    "по теме:",
    "фото:",
    "фото ",
    "видео:",
    "иллюстрация:",
    "подписывайтесь",
    "реклама",
    // paywall prompts
    "subscribe now",
    "subscribe today",
    "subscribe for",
    "already a subscriber",
    "become a subscriber",
    "this article is for subscribers",
    "this story is for subscribers",
    "this content is for subscribers",
    "this article is only available to subscribers",
    "to continue reading",
    "log in to continue",
    "sign in to continue",
    "you have reached your",
    "you've reached your",
    "©",
    // Axios's link line ("Go deeper: ...", [`SECTION_LABELS`])
    "go deeper:",
];

/// Lines that are boilerplate when they are all there is (lower case, trimmed of
/// punctuation), besides a line naming only one of the [`AGENCIES`].
const WHOLE: &[&str] = &[
    "advertisement",
    "sponsored",
    "sponsored content",
    "read more",
    "related",
    "реклама",
    // the items of a share list ("Share this: Twitter Facebook"), WordPress's "Like this:"
    "twitter",
    "facebook",
    "linkedin",
    "reddit",
    "whatsapp",
    "telegram",
    "pinterest",
    "tumblr",
    "pocket",
    "email",
    "print",
    "share",
    "tweet",
    "like this",
    "like",
    "loading",
    "go deeper",
    "all rights reserved",
];

/// Photo and news agencies (lower case): a line of only one of them is a credit, and so is
/// a caption ending in a slash and one of them ([`CREDIT`]'s third form).
const AGENCIES: &[&str] = &[
    "getty images",
    "reuters",
    "ap",
    "afp",
    "epa",
    "тасс",
    "риа новости",
];

/// Credits that end a caption: "… (AP Photo/Evan Vucci)", "… Photograph: Reuters".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\((?:ap|afp|reuters|epa|getty)[^)]*photo[^)]*\)|\b(?:photograph|photo|image|фото):\s*[\p{L} ./\-]{2,40}|/\s*(?:getty images|reuters|ap|afp|epa|тасс|риа новости))\.?$",
    )
    .expect("the credit pattern is valid")
});

/// True when a whole sentence is boilerplate (navigation, advertising, byline, caption).
pub fn is_boilerplate(sentence: &str) -> bool {
    let s = sentence.trim();
    // (for ASCII text the same string as `to_lowercase`, in one pass without decoding)
    let lower = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    };
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if WHOLE.contains(&bare) || AGENCIES.contains(&bare) {
        return true;
    }
    if has_boilerplate_prefix(&lower) {
        return true;
    }
    let words = super::text::count_words(s);
    if is_footer(s, &lower, words) {
        return true;
    }
    if words <= 10 && may_be_byline(s) && BYLINE.is_match(s) {
        return true;
    }
    if is_cut_off(s)
        && (words <= CUT_OFF_WORDS || (words <= CUT_MID_WORDS && cut_after_function_word(s)))
    {
        return true;
    }
    if is_section_heading(s, words) || is_timestamp(&lower, words) {
        return true;
    }
    // a caption that ends in a photo credit
    words <= 40 && ends_in_credit(s, &lower)
}

/// Words a copyright or rights line has at most ("Copyright 2008 The Associated Press. All
/// rights reserved." is 8).
const FOOTER_WORDS: usize = 20;

/// True for a page or wire footer (`s`, `lower` the same in lower case, of `words` words): a
/// copyright notice with a year ("Copyright 2008 The Associated Press."), a rights line
/// ("All rights reserved."), the wire services' redistribution notice ("This material may
/// not be published, broadcast, rewritten or redistributed.") and WordPress's feed footer
/// ("The post Palin church burned appeared first on Alaska Blog News.").
fn is_footer(s: &str, lower: &str, words: usize) -> bool {
    if words > FOOTER_WORDS {
        return false;
    }
    let copyright = (lower.starts_with("copyright") || lower.starts_with("(c) "))
        && lower.bytes().filter(u8::is_ascii_digit).count() >= 4;
    copyright
        || (words <= 10 && lower.contains("all rights reserved"))
        || (lower.contains("may not be published")
            && (lower.contains("redistributed") || lower.contains("rewritten")))
        || (lower.starts_with("the post ") && names_a_site(s, " appeared first on "))
}

/// What follows `marker` in `s` is a site's name: a few words, each capitalised, a domain
/// ("example.org") or a short joining word ("Alaska Blog News", "The Times of India"), not a
/// clause ("the list of buildings damaged").
fn names_a_site(s: &str, marker: &str) -> bool {
    let Some(at) = s.find(marker) else {
        return false;
    };
    let site: Vec<&str> = s[at + marker.len()..]
        .trim_end_matches(['.', ' '])
        .split_whitespace()
        .collect();
    (1..=6).contains(&site.len())
        && site.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || w.contains('.')
                || matches!(*w, "of" | "and" | "the" | "&")
        })
}

/// Words a page's date line has at most ("First Published: June 13, 2013 4:59 PM EDT" is 8).
const TIMESTAMP_WORDS: usize = 14;

/// True for a page's date or time line (`lower`, of `words` words): only dates, times, time
/// zones and a label ("Updated 5:40 p.m. ET", "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM",
/// "May 3rd, 2013 2:00pm EDT", "Originally published 05/03/2013 at 10:20 AM EDT", "Fri.,
/// May."), with a figure or a weekday and a month. Scraped pages keep it; as a claim it made
/// fake number contrasts between two outlets' publication times.
fn is_timestamp(lower: &str, words: usize) -> bool {
    if words > TIMESTAMP_WORDS || !lower.contains(|c: char| c.is_ascii_alphanumeric()) {
        return false;
    }
    let tokens = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | ';' | '(' | ')'))
        .map(|t| t.trim_end_matches(['.', ':']))
        .filter(|t| !t.is_empty());
    let (mut figure, mut weekday, mut month, mut other) = (false, false, false, false);
    for t in tokens {
        match date_token(t) {
            DateToken::Figure => {
                figure = true;
                // a bare number ("2013", "42") is a date only beside a word that says so
                other |= !t.bytes().all(|b| b.is_ascii_digit());
            }
            DateToken::Weekday => weekday = true,
            DateToken::Month => month = true,
            DateToken::Other => other = true,
            DateToken::Not => return false,
        }
    }
    (figure && (other || weekday || month)) || (weekday && month)
}

/// What one lower-case word of a date line is ([`is_timestamp`]).
enum DateToken {
    Figure,
    Weekday,
    Month,
    /// A label, "at", "am", a time zone or a dash.
    Other,
    Not,
}

fn date_token(t: &str) -> DateToken {
    const WEEKDAYS: &[&str] = &[
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    const MONTHS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ];
    const OTHER: &[&str] = &[
        "update",
        "updated",
        "published",
        "posted",
        "first",
        "originally",
        "last",
        "modified",
        "date",
        "on",
        "at",
        "am",
        "pm",
        "a.m",
        "p.m",
        "-",
        "\u{2013}",
        "\u{2014}",
        "/",
    ];
    if WEEKDAYS.contains(&t) {
        DateToken::Weekday
    } else if MONTHS.contains(&t) {
        DateToken::Month
    } else if OTHER.contains(&t) || TIME_ZONES.contains(&t) {
        DateToken::Other
    } else if is_date_figure(t) {
        DateToken::Figure
    } else {
        DateToken::Not
    }
}

/// Abbreviated time zones, lower case ("ET", "GMT", "MSK", "IST"): words of a time stamp
/// line, qualifiers of a clock time that open no sentence (`sentences`), and the zone of a
/// four-digit time ("0241 GMT", `quantities`).
pub(crate) const TIME_ZONES: &[&str] = &[
    "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "gmt", "utc",
    "bst", "cet", "cest", "eet", "msk", "ist", "jst", "aest", "aedt",
];

/// A day, year, ordinal, numeric date or clock time ("3rd", "2013", "05/02/2013",
/// "2013-05-02", "5:40", "1:35pm", "10am").
fn is_date_figure(t: &str) -> bool {
    let t = ["am", "pm", "a.m", "p.m", "st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .unwrap_or(t);
    let groups: Vec<&str> = t.split([':', '/', '-', '.']).collect();
    !t.is_empty()
        && groups.len() <= 3
        && groups
            .iter()
            .all(|g| (1..=4).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Words a section heading inside a body has at most ("BELGIUM", "THE LATEST").
const HEADING_WORDS: usize = 4;

/// True for a section heading inside a body: a few words in capitals with no closing mark
/// ("BELGIUM" in a Reuters round-up of countries' rules, a NeuS lead a reader saw listed as
/// a claim only one outlet reports).
fn is_section_heading(s: &str, words: usize) -> bool {
    words <= HEADING_WORDS
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !s.ends_with(['.', '!', '?', '\u{2026}', '"', '\u{201D}'])
        && s.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// True when the lower-case line opens with one of the [`PREFIXES`]. The first byte is
/// compared before the rest, so that most lines, whose first letter opens no prefix, are
/// not compared with each of them in full (this runs for every sentence of every article).
fn has_boilerplate_prefix(lower: &str) -> bool {
    let Some(&first) = lower.as_bytes().first() else {
        return false;
    };
    PREFIXES
        .iter()
        .any(|p| p.as_bytes().first() == Some(&first) && lower.starts_with(p))
}

/// Openings every [`BYLINE`] match starts with: a cheap test that spares the regex (whose
/// lazy DFA costs tens of thousands of instructions per short sentence) almost every line.
const BYLINE_OPENINGS: &[&str] = &["By", "by", "BY", "Автор", "автор", "Текст", "текст"];

/// False when `s` cannot be a [`BYLINE`]: it does not start with one of its openings.
fn may_be_byline(s: &str) -> bool {
    BYLINE_OPENINGS.iter().any(|o| s.starts_with(o))
}

/// False when `s` cannot open with a [`DATELINE`] or be a [`BARE_DATELINE`]: both start
/// with an upper-case letter (`\p{Lu}`, which `char::is_uppercase` includes) followed by
/// another one or by `-`, `'` or `.`. Spares the regexes nearly every first sentence.
fn may_open_with_dateline(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '.'))
}

/// Most words a cut-off excerpt's last sentence has and still states nothing. Feeds and
/// aggregators cut a lead mid-sentence and mark the cut with an ellipsis; what is left of
/// the last sentence ("Senate...", "In the midst of...", "The report included...") is a
/// fragment with no proposition, which would otherwise become a claim only one outlet
/// "makes". On the NeuS/AllSides dev leads a reader found 7 of 40 sampled `unique` claims to
/// be such fragments, of 1 to 4 words.
pub const CUT_OFF_WORDS: usize = 4;

/// Most words a cut-off sentence has and still states nothing when the cut falls right after
/// a function word ("The Pentagon previously said that...", "But Mr. McCarthy offered a host
/// of...", "President Biden said on July 8 that the..."): a fresh reader of a NeuS dev sample
/// (docs/eval/neus-judgements-model-session9.jsonl) could not judge 4 of 40 `unique` claims,
/// all of this kind. On the NeuS dev leads, 8 words drop 46 claims and lose no roundup fact;
/// 12 drop 92 with more of a proposition left in them ("Texas' ban has so far survived legal
/// challenges partly because..."), 16 lose a fact.
pub const CUT_MID_WORDS: usize = 8;

/// True when the sentence ends in an ellipsis (`...` or `…`, before any closing quote).
fn is_cut_off(s: &str) -> bool {
    let t = without_closing_quotes(s);
    t.ends_with("...") || t.ends_with('\u{2026}')
}

/// The sentence without the closing quotes and spaces after its last word or mark.
fn without_closing_quotes(s: &str) -> &str {
    s.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', '\u{00BB}', ' '])
}

/// True when the word before the ellipsis is a function word ("said that...", "a host
/// of...", "the..."): the cut fell before what the sentence says.
fn cut_after_function_word(s: &str) -> bool {
    let t = without_closing_quotes(s).trim_end_matches(['.', '\u{2026}', ' ']);
    let last = t
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .next()
        .unwrap_or("")
        .to_lowercase();
    !last.is_empty()
        && (super::lexicon::lexicons(super::text::Lang::En)
            .stop
            .contains(&last)
            || super::lexicon::lexicons(super::text::Lang::Ru)
                .stop
                .contains(&last))
}

/// Longest credit [`CREDIT`] is looked for in, in bytes from the end of the sentence.
const CREDIT_TAIL: usize = 96;

/// Credit words followed by a colon ([`CREDIT`]'s second form), lower case.
const CREDIT_LABELS: &[&str] = &["photograph:", "photo:", "image:", "фото:"];

/// False when the lower-case tail `low` of a sentence cannot end in a [`CREDIT`]. In ASCII
/// text each form of the pattern leaves a trace a plain string test finds: "(... photo ...)"
/// at the end, a label with a colon ("photo:"), or a slash and an agency at the end. Other
/// text (where case-insensitive matching also admits letters such as the long s, which
/// `to_lowercase` keeps) needs only "photo", "image", "фото" or a slash, as every form holds
/// one.
fn may_end_in_credit(low: &str) -> bool {
    if !low.is_ascii() {
        return low.contains("photo")
            || low.contains("image")
            || low.contains("фото")
            || low.contains('/');
    }
    // the end before the optional final full stop (`\.?$`)
    let end = low.strip_suffix('.').unwrap_or(low);
    let bracketed = end.ends_with(')') && low.contains("photo");
    let labelled = CREDIT_LABELS.iter().any(|l| low.contains(l));
    let slashed = low.contains('/') && AGENCIES.iter().any(|a| end.ends_with(a));
    bracketed || labelled || slashed
}

/// True when the sentence ends in a photo credit: [`CREDIT`] on the last [`CREDIT_TAIL`]
/// bytes (a credit is short, which keeps its lazy DFA small), after [`may_end_in_credit`]
/// spared most sentences the regex (one search can cost a million instructions).
fn ends_in_credit(s: &str, lower: &str) -> bool {
    let tail = |t: &str| -> usize {
        let mut start = t.len().saturating_sub(CREDIT_TAIL);
        while !t.is_char_boundary(start) {
            start += 1;
        }
        start
    };
    // the mark first: one pass over bytes that spares most sentences the searches for words
    let start = tail(s);
    if !has_credit_mark(&s[start..]) || !may_end_in_credit(&lower[tail(lower)..]) {
        return false;
    }
    // `is_match_at` looks behind the start for `\b`, so a cut inside a word matches nothing
    CREDIT.is_match_at(s, start)
}

/// False when the tail `t` of a sentence, as written, cannot hold a [`CREDIT`] match: each
/// form of the pattern holds an ASCII mark that case-insensitive matching leaves as it is, a
/// closing bracket at the end (before an optional full stop), a colon or a slash. Spares the
/// regex the sentences of other text that merely mention a photo or an image (each search
/// built lazy-DFA states anew: about 1.3 million instructions).
fn has_credit_mark(t: &str) -> bool {
    let end = t.strip_suffix('.').unwrap_or(t);
    // bytes: neither mark can be part of a longer UTF-8 char
    end.ends_with(')') || t.bytes().any(|b| b == b':' || b == b'/')
}

/// The length in bytes of a dateline opening `sentence`, if any.
pub fn dateline_len(sentence: &str) -> Option<usize> {
    if !may_open_with_dateline(sentence) {
        return None;
    }
    let m = DATELINE.find(sentence)?;
    // something must follow, and it must read as a sentence
    let rest = sentence[m.end()..].trim_start();
    let next = rest.chars().next()?;
    (next.is_alphanumeric() || matches!(next, '"' | '\u{201C}' | '\u{00AB}' | '\''))
        .then_some(m.end())
}

/// Section labels that open a paragraph in Axios's house style ("Driving the news: Mayorkas
/// said ...", "Why it matters: ..."), lower case, without their colon: like a dateline they
/// are cut off the sentence they open, whose rest stays a claim. "Go deeper:" opens a link
/// line, dropped whole ([`PREFIXES`]).
const SECTION_LABELS: &[&str] = &[
    "driving the news",
    "state of play",
    "what they're saying",
    "why it matters",
    "the big picture",
    "between the lines",
    "yes, but",
    "the bottom line",
    "bottom line",
    "zoom in",
    "zoom out",
    "flashback",
    "by the numbers",
    "what's next",
    "what to watch",
    "what we're watching",
    "the intrigue",
    "reality check",
    "catch up quick",
    "our thought bubble",
];

/// The length in bytes of an Axios section label and its colon ([`SECTION_LABELS`], any
/// case, a typographic apostrophe as good as a straight one) opening `sentence`, if any.
pub fn section_label_len(sentence: &str) -> Option<usize> {
    let first = sentence.as_bytes().first()?.to_ascii_lowercase();
    SECTION_LABELS
        .iter()
        .filter(|l| l.as_bytes()[0] == first)
        .find_map(|l| label_at_start(sentence, l))
}

/// The length of `label` and its colon at the start of `s`, compared without case, where
/// `s` may write the label's apostrophe as U+2019.
fn label_at_start(s: &str, label: &str) -> Option<usize> {
    let mut rest = s;
    for c in label.chars() {
        let next = rest.chars().next()?;
        let same = next.eq_ignore_ascii_case(&c) || (c == '\'' && next == '\u{2019}');
        if !same {
            return None;
        }
        rest = &rest[next.len_utf8()..];
    }
    rest.starts_with(':').then(|| s.len() - rest.len() + 1)
}

/// `r` (a sentence of `body`) without the section label that opens it, if any, and the
/// spaces after it; an empty range when the label is all there is.
fn without_section_label(body: &str, mut r: Range<usize>) -> Range<usize> {
    if let Some(n) = section_label_len(&body[r.clone()]) {
        let rest = &body[r.start + n..r.end];
        r.start += n + (rest.len() - rest.trim_start().len());
    }
    r
}

/// Words of a text, lower case, for comparing a headline with a paragraph.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Longest sentence, in bytes, that becomes a claim. A longer one is a run-on without full
/// stops (a flattened table, a page scraped into one line, a repeated phrase), not a claim a
/// reader can weigh: its word set would cover any short claim whose words it holds, so it
/// would be "shared" on the strength of some of its words, and every report would quote it
/// whole. It is left out of the comparison. The longest sentences of the real dev sets
/// (NeuS, BASIL, ECB+, FNC-1) are under 4 KB.
pub const MAX_CLAIM_BYTES: usize = 8 * 1024;

/// Drops boilerplate sentences and sentences over [`MAX_CLAIM_BYTES`], and trims a dateline
/// off the first one. `body` is the text the
/// ranges index; `title` the article's headline (a first sentence repeating it is dropped).
pub fn strip(body: &str, title: &str, sentences: Vec<Range<usize>>) -> Vec<Range<usize>> {
    strip_with(body, title, &sentences, |_, s| is_boilerplate(s))
}

/// [`strip`] with the boilerplate test given: `judge(k, s)` says whether `s`, the text of
/// `sentences[k]`, [`is_boilerplate`] (an event's articles repeat sentences, and
/// `analysis::segment` judges each distinct one once). Sentences over [`MAX_CLAIM_BYTES`]
/// are dropped without asking.
pub fn strip_with(
    body: &str,
    title: &str,
    sentences: &[Range<usize>],
    mut judge: impl FnMut(usize, &str) -> bool,
) -> Vec<Range<usize>> {
    let title_words = words(title);
    let mut out = Vec::with_capacity(sentences.len());
    let mut first = true;
    for (k, r) in sentences.iter().enumerate() {
        let mut r = r.clone();
        let Some(s) = body.get(r.clone()) else {
            continue;
        };
        if s.len() > MAX_CLAIM_BYTES || judge(k, s) {
            continue;
        }
        if first {
            // the headline repeated as the first paragraph, a dateline on its own
            if (!title_words.is_empty() && words(s) == title_words)
                || (may_open_with_dateline(s) && BARE_DATELINE.is_match(s))
            {
                continue;
            }
            first = false;
            if let Some(n) = dateline_len(s) {
                let rest = &s[n..];
                r.start += n + (rest.len() - rest.trim_start().len());
            }
        }
        let r = without_section_label(body, r);
        if r.start < r.end {
            out.push(r);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sentences::split_sentences;

    fn kept(title: &str, body: &str) -> Vec<String> {
        strip(body, title, split_sentences(body))
            .into_iter()
            .map(|r| body[r].to_string())
            .collect()
    }

    #[test]
    fn copyright_paywall_and_feed_footers_are_not_claims() {
        let body = "An arson fire damaged the church. Copyright 2008 The Associated Press. All \
                    rights reserved. This material may not be published, broadcast, rewritten or \
                    redistributed.\n\nSubscribe now to continue reading.\n\nThis article is for \
                    subscribers only.\n\n© 2008 The Daily Example.\n\nThe post Palin church \
                    burned appeared first on Alaska Blog News.";
        assert_eq!(kept("", body), ["An arson fire damaged the church."]);
        for share in [
            "Twitter",
            "Facebook",
            "Like this:",
            "Share this:",
            "Email",
            "Loading...",
        ] {
            assert!(is_boilerplate(share), "{share}");
        }
        // claims that only mention copyright, rights, subscribers or a post stay
        for claim in [
            "Copyright lawyers said the suit had no merit.",
            "The company holds all rights reserved for the film, he said, and will sue anyone who copies it.",
            "Subscribers to the service were told of the outage on Monday.",
            "The post office appeared first on the list of buildings damaged.",
            "Facebook said it removed the posts.",
        ] {
            assert!(!is_boilerplate(claim), "{claim}");
        }
    }

    #[test]
    fn a_section_heading_in_capitals_is_not_a_claim() {
        assert!(is_boilerplate("BELGIUM"));
        assert!(is_boilerplate("THE LATEST"));
        // a sentence in capitals, an acronym in a sentence, a short claim: text
        assert!(!is_boilerplate("NATO WILL MEET."));
        assert!(!is_boilerplate("NATO allies met on Tuesday."));
        assert!(!is_boilerplate("He was 84."));
        assert!(!is_boilerplate("US"));
    }

    #[test]
    fn datelines_are_cut_off_the_first_sentence() {
        for (body, first) in [
            (
                "MOSCOW (Reuters) — Putin spoke to Trump.",
                "Putin spoke to Trump.",
            ),
            (
                "WASHINGTON — The call lasted two hours.",
                "The call lasted two hours.",
            ),
            (
                "KYIV, Ukraine (AP) -- Drones struck overnight.",
                "Drones struck overnight.",
            ),
            (
                "LONDON, March 18 (Reuters) - Markets rose.",
                "Markets rose.",
            ),
            (
                "JEDDAH, Saudi Arabia, March 11 (Reuters) - Ukraine said on Tuesday it was ready.",
                "Ukraine said on Tuesday it was ready.",
            ),
            (
                "МОСКВА, 18 марта. /ТАСС/. Путин провел разговор с Трампом.",
                "Путин провел разговор с Трампом.",
            ),
            ("NATO allies met on Tuesday.", "NATO allies met on Tuesday."),
        ] {
            assert_eq!(kept("", body), vec![first.to_string()], "{body}");
        }
    }

    #[test]
    fn axios_section_labels_are_cut_and_go_deeper_lines_dropped() {
        let body = "Mayorkas issued new rules on Monday.\n\nDriving the news: Mayorkas said the \
                    agency would focus on threats.\n\nState of play: DHS said in the memo that \
                    arrests fell.\n\nWhat they\u{2019}re saying: \"We will not tolerate it,\" \
                    he said.\n\nYes, but: Critics said the rules were vague.\n\nWhy it \
                    matters:\n\nThe change affects thousands.\n\nGo deeper: Biden's ICE \
                    rules explained.\n\nGo deeper";
        assert_eq!(
            kept("", body),
            [
                "Mayorkas issued new rules on Monday.",
                "Mayorkas said the agency would focus on threats.",
                "DHS said in the memo that arrests fell.",
                "\"We will not tolerate it,\" he said.",
                "Critics said the rules were vague.",
                "The change affects thousands.",
            ]
        );
        assert_eq!(section_label_len("THE BIG PICTURE: Prices rose."), Some(16));
        // a label needs its colon; the words alone open ordinary sentences
        for claim in [
            "Driving the news was a hard job, he said.",
            "Flashback to 2019, when the rules were first written.",
            "State of play in the talks remains unclear.",
        ] {
            assert_eq!(section_label_len(claim), None, "{claim}");
            assert_eq!(kept("", claim), [claim]);
        }
    }

    #[test]
    fn a_run_on_sentence_over_the_claim_bound_is_no_claim() {
        let run_on =
            "The mayor said the bridge will reopen on Monday and then more words ".repeat(200);
        assert!(run_on.len() > MAX_CLAIM_BYTES);
        let body =
            format!("The mayor said the bridge will reopen on Monday. {run_on}\n\nIt rained.");
        assert_eq!(
            kept("", &body),
            [
                "The mayor said the bridge will reopen on Monday.",
                "It rained."
            ]
        );
        let long_but_real = format!("The mayor said {}.", "x ".repeat(3000));
        assert_eq!(kept("", &long_but_real), [long_but_real.as_str()]);
    }

    #[test]
    fn a_page_date_or_time_line_is_no_claim() {
        for line in [
            "Updated 5:40 p.m. ET",
            "UPDATE: 7:19 p.m.",
            "May 2, 2013 1:35 pm.",
            "May 2, 2013 | 5:03pm",
            "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM",
            "May 3rd, 2013 2:00pm EDT",
            "MAY 3, 2013 AT 1:10PM",
            "UPDATED: FRIDAY, MAY 3, 2013, 9:56 AM",
            "Published May 03, 2013",
            "05/02/2013",
            "Originally published 05/03/2013 at 10:20 AM EDT",
            "First Published: June 13, 2013 4:59 PM EDT",
            "Last modified on Fri 3 May 2013 12.01 BST",
            "Fri., May.",
            "3, 2013 11:45 AM PDT",
            // pages of Indian outlets (ECB+ 12ecbplus)
            "Updated: November 11, 2011 20:09 IST",
            "Published on: Fri, 11 Nov 2011 at 09:56 IST",
            "Last updated on: November 11, 2011 19:04 IST",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for claim in [
            "Lohan was ordered to rehab on May 2, 2013.",
            "May 2 was a Thursday, he said.",
            "The hearing is at 10 am on Friday.",
            "The quake struck at 20:09 IST on Friday.",
            "2013",
            "42.",
            "May",
            "Sun",
        ] {
            assert!(!is_boilerplate(claim), "{claim}");
        }
    }

    #[test]
    fn bylines_links_ads_and_captions_are_dropped() {
        let body = "By Jane Doe and John Roe, Reuters\n\nPutin rejected the truce.\n\n\
                    Related: Zelensky wants details\n\nAdvertisement\n\n\
                    Read more\n\nPhoto: Reuters\n\n\
                    Vladimir Putin at the Kremlin on Tuesday. (AP Photo/Alexander Zemlianichenko)\n\n\
                    Фото: ТАСС\n\nЧитайте также: Песков о разговоре\n\n\
                    The Kremlin said the call was useful.";
        assert_eq!(
            kept("Putin rejects truce", body),
            vec![
                "Putin rejected the truce.".to_string(),
                "The Kremlin said the call was useful.".to_string()
            ]
        );
    }

    #[test]
    fn a_repeated_headline_is_dropped_and_offsets_are_kept() {
        let body =
            "Putin rejects full ceasefire\n\nPutin did not accept the truce. It was rejected.";
        let r = strip(body, "Putin rejects full ceasefire", split_sentences(body));
        assert_eq!(r.len(), 2);
        assert_eq!(&body[r[0].clone()], "Putin did not accept the truce.");
        assert_eq!(r[0].start, body.find("Putin did").unwrap());
    }

    #[test]
    fn the_cut_off_end_of_an_excerpt_is_dropped() {
        for s in [
            "Senate...",
            "In the midst of...",
            "However,...",
            "The report included\u{2026}",
            "\u{201C}As opposed...\u{201D}",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
        // a cut-off sentence that still states something stays
        assert!(!is_boilerplate(
            "Senate Republicans blocked a bill that would suspend the debt..."
        ));
        // cut right after a function word, the point is missing
        for s in [
            "The Pentagon previously said that...",
            "But Mr. McCarthy offered a host of\u{2026}",
            "President Biden said on July 8 that the...",
            "\u{201C}Мы считаем, что\u{2026}\u{201D}",
            "The Pentagon said on Monday that ...",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
        // ... unless the fragment is long enough to say something, or ends on a content word
        for s in [
            "But the talks dragged on for months with negotiators remaining at odds over...",
            "Haugen, a former Facebook product manager, leaked...",
            "The Pentagon previously said that.",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }

    #[test]
    fn the_cheap_tests_never_spare_a_regex_that_matches() {
        let lines = [
            "By Jane Doe and John Roe, Reuters",
            "BY JANE DOE",
            "Автор: Иван Петров",
            "Текст: Иван Петров",
            "MOSCOW (Reuters) — Putin spoke to Trump.",
            "KYIV, Ukraine (AP) -- Drones struck overnight.",
            "МОСКВА, 18 марта.",
            "U.S. officials met on Tuesday.",
            "O'HARE, March 3 — Flights resumed.",
            "Vladimir Putin at the Kremlin. (AP Photo/Alexander Zemlianichenko)",
            "Putin at the Kremlin. (Reuters photo by Jane Doe).",
            "Putin at the Kremlin. Photo: Jane Doe",
            "Putin at the Kremlin. PHOTOGRAPH: Jane Doe/Getty Images.",
            "Putin at the Kremlin. Image: Kremlin press service",
            "Путин в Кремле. Фото: Иван Петров",
            "Putin in the Kremlin / AFP",
            "Putin in the Kremlin /Reuters.",
            "Путин в Кремле / РИА Новости",
            "The photo showed Putin smiling.",
            "He and/or she left.",
            "Prices rose.",
            "\u{201C}I don\u{2019}t have memory of this photograph,\u{201D} he said.",
            "\u{201C}Putin\u{201D} at the Kremlin. (AP Photo/Evan Vucci)",
            "\u{201C}Putin\u{201D} at the Kremlin. Photo: Jane Doe",
        ];
        for s in lines {
            let lower = s.to_lowercase();
            if BYLINE.is_match(s) {
                assert!(may_be_byline(s), "{s}");
            }
            if DATELINE.is_match(s) || BARE_DATELINE.is_match(s) {
                assert!(may_open_with_dateline(s), "{s}");
            }
            if CREDIT.is_match(s) {
                assert!(may_end_in_credit(&lower), "{s}");
                assert!(has_credit_mark(s), "{s}");
                assert!(ends_in_credit(s, &lower), "{s}");
            }
        }
        // and they do spare the regexes the ordinary sentences
        for s in ["The photo showed Putin smiling.", "He and/or she left."] {
            assert!(!may_end_in_credit(&s.to_lowercase()), "{s}");
        }
        // text with curly quotes that mentions a photo passes the lower-case test only
        let quoted = "\u{201C}I don\u{2019}t have memory of this photograph,\u{201D} he said.";
        assert!(may_end_in_credit(&quoted.to_lowercase()) && !has_credit_mark(quoted));
        assert!(!may_open_with_dateline("The call lasted two hours."));
        // the first-byte test finds every prefix, and only at the start
        for p in PREFIXES {
            assert!(has_boilerplate_prefix(&format!("{p} the rest")), "{p}");
            assert!(!has_boilerplate_prefix(&format!("the {p}")), "{p}");
        }
        assert!(!has_boilerplate_prefix(""));
        assert!(!may_be_byline("The byline is missing."));
    }

    #[test]
    fn ordinary_sentences_stay() {
        for s in [
            "By the end of the call, Putin had agreed to an energy pause.",
            "Reuters reported that the call lasted two hours.",
            "The photo showed Putin smiling.",
            "Prices rose.",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }
}
