//! One slot filled differently in two claims that otherwise state one proposition.
//!
//! The pair decision calls two claims the same proposition from their wording
//! ([`super::contrast::decide`]). Most of the wording then agrees, and what differs can be the
//! one thing that matters: a bare figure ("He was 84." / "He was 85."), which the quantity
//! rule of [`super::contrast`] leaves alone because it has no unit to compare by. The check
//! here looks at the words right around the figures, so that two figures counting different
//! things ("from 1,540 in 2001" / "to 182 last year") are not taken for one. It is consulted
//! only for pairs already judged the same proposition.
//!
//! Measured and not kept (MRPC train, docs/analysis.md "One slot filled differently"): a
//! different participant in the same place ("Biden won" / "Trump won") turned 305 MRPC
//! paraphrases into non-paraphrases (aliases such as "Bush" / "George Bush"). Different
//! weekdays anywhere turned 9 (reporting days such as "could not be reached Wednesday");
//! [`weekday_conflict`] asks for two days of one act ("died on Monday" / "died on Sunday").

use super::claim::ClaimFeatures;
use super::model::Quantity;
use super::quantities::compatible;
use super::tokens::{Token, TokenKind};

/// The words just before and just after token `i`, lower case (`None` at the claim's edge).
fn neighbours(tokens: &[Token], i: usize) -> (Option<&str>, Option<&str>) {
    let before = i.checked_sub(1).map(|i| &*tokens[i].lower);
    let after = tokens.get(i + 1).map(|t| &*t.lower);
    (before, after)
}

/// True when two items stand next to the same word on at least one side.
fn same_place(x: (Option<&str>, Option<&str>), y: (Option<&str>, Option<&str>)) -> bool {
    let side = |p: Option<&str>, q: Option<&str>| p.is_some() && p == q;
    side(x.0, y.0) || side(x.1, y.1)
}

/// Token indices of a claim's figures with no unit that are not years (`"84"` in "He was
/// 84."), with their quantities.
fn bare_figures(c: &ClaimFeatures) -> Vec<(usize, &Quantity)> {
    c.tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokenKind::Number)
        .filter_map(|(i, t)| {
            let q = c.quantities.iter().find(|q| q.text.trim() == &*t.lower)?;
            let v = q.value?;
            let year = t.lower.len() == 4 && (1800.0..=2100.0).contains(&v);
            (q.unit.is_none() && !year).then_some((i, q))
        })
        .collect()
}

/// A bare figure in one claim against a different one in the same place of the other ("He
/// was 84." / "He was 85."): `"number: 84 vs 85"`. Figures agree within the precision each
/// text gives ("some 2,700" and "2,702", "at least 767" and "770": [`compatible`]); figures
/// with a unit are compared by [`super::contrast`]'s own rule.
pub fn bare_number_conflict(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<String> {
    let (fa, fb) = (bare_figures(a), bare_figures(b));
    for &(i, qa) in &fa {
        if fb.iter().any(|&(_, qb)| compatible(qa, qb)) {
            continue;
        }
        let pa = neighbours(&a.tokens, i);
        for &(j, qb) in &fb {
            if fa.iter().all(|&(_, q)| !compatible(q, qb))
                && same_place(pa, neighbours(&b.tokens, j))
            {
                return Some(format!(
                    "number: {} vs {}",
                    a.tokens[i].lower, b.tokens[j].lower
                ));
            }
        }
    }
    None
}

/// Words between a weekday and the act it dates ("died *on* Monday", "met *late last*
/// Sunday").
const DAY_LINKS: &[&str] = &[
    "on", "last", "this", "next", "early", "late", "until", "by", "since", "before", "after",
];

/// A claim's days, each as (token index, weekday in lower case, the stem of the word it
/// dates): the nearest word before the day that is not a [`DAY_LINKS`] word ("died" in
/// "died on Monday"; `None` at the claim's start). Days are weekday names and, in a claim
/// that knows its article's date, relative day words resolved against it ([`relative_day`]).
///
/// A relative day in an article whose date may be another day for its writer (a UTC time
/// near midnight, [`ClaimFeatures::article_date_alt`]) is listed with both weekdays.
fn dated_acts(c: &ClaimFeatures) -> Vec<(usize, &'static str, Option<&str>)> {
    let mut out = Vec::new();
    for (i, t) in c.tokens.iter().enumerate() {
        let days = match weekday_of_name(&t.lower) {
            Some(day) => [Some(day), None],
            None => [c.article_date, c.article_date_alt].map(|d| relative_day(c, i, d?)),
        };
        if days == [None, None] {
            continue;
        }
        let act = c.tokens[..i]
            .iter()
            .rev()
            .find(|t| !DAY_LINKS.contains(&&*t.lower))
            .map(|t| &*t.stem);
        if let Some(day) = days[0] {
            out.push((i, day, act));
        }
        if let Some(alt) = days[1].filter(|&d| Some(d) != days[0]) {
            out.push((i, alt, act));
        }
    }
    out
}

/// Weekday names in lower case, Monday first (`chrono`'s order).
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The weekday a word names ("monday"), as a static name.
pub(crate) fn weekday_of_name(lower: &str) -> Option<&'static str> {
    WEEKDAYS.iter().copied().find(|&d| d == lower)
}

/// The weekday a relative day word at token `i` names in a claim whose article is dated
/// `date` ([`ClaimFeatures::article_date`]): "yesterday" and "last night" the day before,
/// "today", "tonight" and "this morning/afternoon/evening" the day itself, "tomorrow" the
/// day after ("yesterday" in an article of Monday 24 May 2021: `"sunday"`). `None` for
/// other words (a claim without a date has its relative days unplaced: no call).
fn relative_day(c: &ClaimFeatures, i: usize, date: chrono::NaiveDate) -> Option<&'static str> {
    use chrono::Datelike;
    let before = i.checked_sub(1).map(|p| &*c.tokens[p].lower);
    let offset: i64 = match (&*c.tokens[i].lower, before) {
        ("yesterday", _) => -1,
        ("today" | "tonight", _) => 0,
        ("tomorrow", _) => 1,
        ("night" | "evening", Some("last")) => -1,
        ("morning" | "afternoon" | "evening", Some("this")) => 0,
        _ => return None,
    };
    // a quote dated by the text ("'... died yesterday,' his son told reporters on
    // Tuesday"): its days are the speaker's, not the article's (a new user's false
    // dissent, session 16)
    if in_quote(c, i)
        && let Some(said) = speech_day(c)
    {
        return Some(WEEKDAYS[(said as i64 + 7 + offset).rem_euclid(7) as usize]);
    }
    let day = date.checked_add_signed(chrono::Duration::days(offset))?;
    Some(WEEKDAYS[day.weekday().num_days_from_monday() as usize])
}

/// True when token `i` of a claim lies inside quotation marks: after an odd number of
/// straight double quotes, or after more opening curly quotes than closing ones.
fn in_quote(c: &ClaimFeatures, i: usize) -> bool {
    let before = c.text.get(..c.tokens[i].start).unwrap_or("");
    let count = |q: char| before.chars().filter(|&ch| ch == q).count();
    count('"') % 2 == 1 || count('\u{201c}') > count('\u{201d}')
}

/// The weekday (Monday = 0) a claim dates its own statement by, outside any quote: a
/// weekday name with a reporting verb among the four words before it ("his son told
/// reporters on Tuesday", "said on Tuesday").
fn speech_day(c: &ClaimFeatures) -> Option<usize> {
    c.tokens.iter().enumerate().find_map(|(i, t)| {
        let day = WEEKDAYS.iter().position(|&d| d == &*t.lower)?;
        let reported = c.tokens[i.saturating_sub(4)..i]
            .iter()
            .any(|w| reporting(&w.stem, &c.tokens));
        (reported && !in_quote(c, i)).then_some(day)
    })
}

/// A day as the claim writes it: the weekday name, or the relative words with the weekday
/// they resolve to ("last night (sunday)").
fn day_as_written(c: &ClaimFeatures, i: usize, day: &str) -> String {
    let word = &*c.tokens[i].lower;
    if word == day {
        return day.to_string();
    }
    match (word, i.checked_sub(1)) {
        ("night" | "evening" | "morning" | "afternoon", Some(p)) => {
            format!("{} {word} ({day})", c.tokens[p].lower)
        }
        _ => format!("{word} ({day})"),
    }
}

/// True when `stem` is a one-word reporting verb ("said", "told"): the day a statement was
/// made, which differs between outlets' reports of one fact.
fn reporting(stem: &str, tokens: &[Token]) -> bool {
    let lex = super::lexicon::lexicons(super::text::Lang::En);
    tokens
        .iter()
        .filter(|t| &*t.stem == stem)
        .any(|t| !lex.attribution.find(std::slice::from_ref(t)).is_empty())
}

/// True when day `i` of claim `a` (dating `act`) and day `j` of claim `b` (dating `other`)
/// date one act: the same word before both, or, for a relative day ("yesterday"), the word
/// before one day stated before the other day too ("died at the age of 84 yesterday" /
/// "died yesterday at the age of 84": the act of the first is read as "84"). Weekday names
/// keep to the same word before both: the wider reading turned about a hundred ECB+ links
/// between reports of one event into contrasts (session 16). Reporting verbs date no act.
fn one_act(
    a: &ClaimFeatures,
    i: usize,
    act: &str,
    b: &ClaimFeatures,
    j: usize,
    other: Option<&str>,
) -> bool {
    let Some(other) = other else {
        return false;
    };
    let stated_before = |c: &ClaimFeatures, k: usize, stem: &str| {
        !reporting(stem, &c.tokens) && c.tokens[..k].iter().any(|t| &*t.stem == stem)
    };
    let relative = |c: &ClaimFeatures, k: usize| weekday_of_name(&c.tokens[k].lower).is_none();
    act == other
        || ((relative(a, i) || relative(b, j))
            && (stated_before(a, i, other) || stated_before(b, j, act)))
}

/// Two different weekdays dating the same act in claims that otherwise state one
/// proposition ("Powell died on Monday" / "Powell died on Sunday"): `"date: monday vs
/// sunday"`. A weekday both claims name means they agree on a day; the day a statement was
/// made ("said Monday" / "said on Tuesday") and days of different acts are no conflict.
pub fn weekday_conflict(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<String> {
    // no day on one side: nothing to disagree on (most pairs; `b` is not read then)
    let da = dated_acts(a);
    if da.is_empty() {
        return None;
    }
    let db = dated_acts(b);
    if da
        .iter()
        .any(|&(_, x, _)| db.iter().any(|&(_, y, _)| x == y))
    {
        return None;
    }
    da.iter().find_map(|&(i, x, act)| {
        let act = act?;
        let &(j, y, _) = db
            .iter()
            .find(|&&(j, _, other)| one_act(a, i, act, b, j, other))?;
        (!reporting(act, &a.tokens)).then(|| {
            format!(
                "date: {} vs {}",
                day_as_written(a, i, x),
                day_as_written(b, j, y)
            )
        })
    })
}

/// Prepositions that put a place or an agent after them ("meet Putin *in* Geneva",
/// "brokered *by* Egypt", "diverted *to* Minsk").
const NAME_LINKS: &[&str] = &["in", "at", "to", "from", "by", "near", "into"];

/// A claim's confident names that follow one of [`NAME_LINKS`], each as (the link, the stem
/// of the word before the link, the name's first and last token). A link that opens the
/// claim ("In Patras, 20,000 people marched": the capitalised run then starts at the link)
/// has the empty word before it, so two claims that open on a place compare that place (a
/// new user's pair, session 22).
fn linked_names(c: &ClaimFeatures) -> Vec<(&str, &str, usize, usize)> {
    let is_link = |i: usize| NAME_LINKS.contains(&&*c.tokens[i].lower);
    c.entities
        .iter()
        .filter(|e| !e.tentative && e.last > e.first)
        .filter_map(|e| match e.first {
            0 if e.last > 1 && is_link(0) => Some((&*c.tokens[0].lower, "", 1, e.last)),
            0 => None,
            f => is_link(f - 1).then(|| {
                let before = if f == 1 { "" } else { &*c.tokens[f - 2].stem };
                (&*c.tokens[f - 1].lower, before, f, e.last)
            }),
        })
        .collect()
}

/// True when no word of the name at `first..last` of `c` occurs in `other` (so neither an
/// alias, "George Bush" / "Bush", nor the same place named in passing).
fn name_absent(c: &ClaimFeatures, first: usize, last: usize, other: &ClaimFeatures) -> bool {
    c.tokens[first..last]
        .iter()
        .all(|t| !other.tokens.iter().any(|o| o.lower == t.lower))
}

/// True when two names written differently may name one thing: one spelling begins the
/// other ("Falluja" / "Fallujah", "Iraq" / "Iraqi", "Alaska" / "Alaskas"), or the shorter
/// is the initials of the longer ("GE" / "General Electric Co", "IE" / "Internet Explorer").
/// MRPC paraphrases a first version of [`name_conflict`] called contrasting (session 18).
fn one_name(x: &str, y: &str) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (lx, ly) = (letters(x), letters(y));
    let (short, long) = if lx.len() <= ly.len() {
        (&lx, &ly)
    } else {
        (&ly, &lx)
    };
    if short.chars().count() >= 4 && long.starts_with(short.as_str()) {
        return true;
    }
    let (short_raw, long_raw) = if lx.len() <= ly.len() { (x, y) } else { (y, x) };
    let initials: String = long_raw
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    short_raw.chars().all(|c| !c.is_lowercase())
        && !short.is_empty()
        && initials.starts_with(short.as_str())
}

/// Two different names in one slot of claims that otherwise state one proposition: after
/// the same preposition, which follows the same word ("meet Putin in Geneva" / "meet Putin in
/// Vienna", "brokered by Egypt" / "brokered by Qatar"), neither name named by the other claim:
/// `"place: Geneva vs Vienna"` (`"agent: …"` after "by"). Consulted, like the other slots,
/// only for pairs already judged the same proposition. A participant in the subject's place
/// is left alone: aliases make that test unsafe (this module's notes, MRPC).
pub fn name_conflict(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<String> {
    let na = linked_names(a);
    if na.is_empty() {
        return None;
    }
    let nb = linked_names(b);
    for (link, before, fa, la) in na {
        if !name_absent(a, fa, la, b) {
            continue;
        }
        for &(link_b, before_b, fb, lb) in &nb {
            let name = |c: &ClaimFeatures, f: usize, l: usize| {
                c.text[c.tokens[f].start..c.tokens[l - 1].end].to_string()
            };
            if link_b == link
                && before_b == before
                && name_absent(b, fb, lb, a)
                && !one_name(&name(a, fa, la), &name(b, fb, lb))
            {
                let kind = if link == "by" { "agent" } else { "place" };
                return Some(format!(
                    "{kind}: {} vs {}",
                    name(a, fa, la),
                    name(b, fb, lb)
                ));
            }
        }
    }
    None
}

/// Words that join two participants without giving either a role ("Israel *and* Hamas",
/// "talks *between* X and Y", "X *met* Y", "the NHL *and the* KHL"): between two names they
/// make no order of agent and target, so swapping the names says the same.
const SYMMETRIC_LINKS: &[&str] = &[
    "and", "or", "nor", ",", "&", "/", "-", "with", "between", "vs", "versus", "v", "met", "meet",
    "meets", "meeting", "spoke", "speaks", "talked", "talk", "talks", "played", "play", "plays",
    "faced", "face", "faces", "married", "joined", "both", "also", "as", "well", "the", "a", "an",
];

/// Each name of `c` that occurs once in it, as (key, first token, end token).
fn single_names(c: &ClaimFeatures) -> Vec<(&str, usize, usize)> {
    let once = |k: &str| c.entities.iter().filter(|e| e.key == k).count() == 1;
    c.entities
        .iter()
        .filter(|e| e.last > e.first && once(&e.key))
        .map(|e| (&*e.key, e.first, e.last))
        .collect()
}

/// The lower-case words of `c` from token `from` up to `to` (exclusive).
fn words_between(c: &ClaimFeatures, from: usize, to: usize) -> Vec<&str> {
    c.tokens[from..to].iter().map(|t| &*t.lower).collect()
}

/// Two participants whose roles are swapped in claims that otherwise state one proposition:
/// the same words stand between the two names, in one order in `a` and in the other in `b`
/// ("Hamas fired rockets at Israel" / "Israel fired rockets at Hamas", "from Athens to
/// Vilnius" / "from Vilnius to Athens"; a new user's pairs, tester-s18 item 3):
/// `"roles swapped: Hamas … Israel vs Israel … Hamas"`. Words that give neither name a role
/// ([`SYMMETRIC_LINKS`]: "X and Y", "X met Y") do not count, nor does a name written twice in
/// one claim.
pub fn roles_swapped(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<String> {
    let (na, nb) = (single_names(a), single_names(b));
    if na.len() < 2 || nb.len() < 2 {
        return None;
    }
    let find = |names: &[(&str, usize, usize)], k: &str| {
        names.iter().find(|n| n.0 == k).map(|n| (n.1, n.2))
    };
    for &(x, xf, xl) in &na {
        for &(y, yf, _) in &na {
            if x == y || xl > yf {
                continue;
            }
            let (Some((bxf, _)), Some((_, byl))) = (find(&nb, x), find(&nb, y)) else {
                continue;
            };
            if byl > bxf {
                continue;
            }
            let (between_a, between_b) = (words_between(a, xl, yf), words_between(b, byl, bxf));
            if between_a == between_b && between_a.iter().any(|w| !SYMMETRIC_LINKS.contains(w)) {
                let name = |c: &ClaimFeatures, f: usize| {
                    let e = c.entities.iter().find(|e| e.first == f)?;
                    Some(c.text[c.tokens[e.first].start..c.tokens[e.last - 1].end].to_string())
                };
                let (sx, sy) = (name(a, xf)?, name(a, yf)?);
                return Some(format!("roles swapped: {sx} … {sy} vs {sy} … {sx}"));
            }
        }
    }
    None
}

/// The months with their years a claim names ("in June 1998", "on June 4, 1998"), as (the
/// month's token index, the year's token index): a month name followed by a four-digit year,
/// with at most a day of the month between them.
fn month_years(c: &ClaimFeatures) -> Vec<(usize, usize)> {
    let year = |t: &Token| {
        t.kind == TokenKind::Number
            && t.lower.len() == 4
            && t.lower
                .parse::<u16>()
                .is_ok_and(|y| (1800..=2100).contains(&y))
    };
    let day = |t: &Token| {
        t.kind == TokenKind::Number && t.lower.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    };
    let tokens = &c.tokens;
    (0..tokens.len())
        // both forms need a number after the month: checked first, as this runs for pairs
        .filter(|&i| {
            tokens[i].capitalised
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number)
                && super::quantities::is_month_name(&tokens[i].lower)
        })
        .filter_map(|i| match (tokens.get(i + 1), tokens.get(i + 2)) {
            (Some(y), _) if year(y) => Some((i, i + 1)),
            (Some(d), Some(y)) if day(d) && year(y) => Some((i, i + 2)),
            _ => None,
        })
        .collect()
}

/// Two claims that each date what they state by month and year and share no such date
/// ("convicted in June 1998" / "returned to prison in June 1999": a new user's pair read as
/// one fact, session 20): `"date: June 1998 vs June 1999"`. They are two acts, or one act
/// dated twice; neither is one fact, nor surely a contradiction (two acts of one story often
/// fall in two months), so the pair is left to related context.
pub fn month_year_conflict(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<String> {
    let da = month_years(a);
    let &(am, ay) = da.first()?;
    let db = month_years(b);
    let &(bm, by) = db.first()?;
    let key = |c: &ClaimFeatures, (m, y): (usize, usize)| {
        let month: String = c.tokens[m].lower.chars().take(3).collect();
        (month, c.tokens[y].lower.clone())
    };
    let common = da
        .iter()
        .any(|&x| db.iter().any(|&y| key(a, x) == key(b, y)));
    if common {
        return None;
    }
    let written = |c: &ClaimFeatures, m: usize, y: usize| {
        format!(
            "{} {}",
            &c.text[c.tokens[m].start..c.tokens[m].end],
            c.tokens[y].lower
        )
    };
    Some(format!(
        "date: {} vs {}",
        written(a, am, ay),
        written(b, bm, by)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;
    use crate::analysis::text::Lang;

    fn c(t: &str) -> ClaimFeatures {
        analyse_claim(t, Lang::En)
    }

    #[test]
    fn two_days_of_one_act_conflict_reporting_days_do_not() {
        let r = weekday_conflict(
            &c("Colin Powell died on Monday at Walter Reed."),
            &c("Colin Powell died on Sunday at Walter Reed."),
        );
        assert_eq!(r.as_deref(), Some("date: monday vs sunday"));
        let said = weekday_conflict(
            &c("The minister said on Monday that talks would resume."),
            &c("The minister said Tuesday that talks would resume."),
        );
        assert_eq!(said, None);
        let other_acts = weekday_conflict(
            &c("Powell died on Monday, his family said."),
            &c("Powell was buried on Friday."),
        );
        assert_eq!(other_acts, None);
        let same_day = weekday_conflict(
            &c("Powell died on Monday and was mourned on Tuesday."),
            &c("Powell died on Monday."),
        );
        assert_eq!(same_day, None);
    }

    fn dated(t: &str, date: &str) -> ClaimFeatures {
        let mut f = c(t);
        f.article_date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        f
    }

    #[test]
    fn a_utc_dated_today_accepts_either_day() {
        // tester item 8 (session 16): 20:30 EDT Monday and 00:30 UTC Tuesday are one instant
        let evening = dated("Colin Powell died today at Walter Reed.", "2021-10-18");
        let mut utc = dated("Colin Powell died today at Walter Reed.", "2021-10-19");
        let monday = dated("Colin Powell died on Monday at Walter Reed.", "2021-10-18");
        assert_eq!(
            weekday_conflict(&evening, &utc).as_deref(),
            Some("date: today (monday) vs today (tuesday)")
        );
        utc.article_date_alt = chrono::NaiveDate::from_ymd_opt(2021, 10, 18);
        assert_eq!(weekday_conflict(&evening, &utc), None);
        assert_eq!(weekday_conflict(&monday, &utc), None);
        assert_eq!(weekday_conflict(&utc, &monday), None);
        // either day, but not any day
        let sunday = dated("Colin Powell died on Sunday at Walter Reed.", "2021-10-18");
        assert_eq!(
            weekday_conflict(&sunday, &utc).as_deref(),
            Some("date: sunday vs today (tuesday)")
        );
    }

    #[test]
    fn relative_days_are_read_against_the_articles_date() {
        // tester item 17: "yesterday" of Monday 24 May 2021 is Sunday, not Thursday 20 May
        let thursday = dated("The truce began on Thursday, officials said.", "2021-05-21");
        let yesterday = dated("The truce began yesterday, officials said.", "2021-05-24");
        assert_eq!(
            weekday_conflict(&thursday, &yesterday).as_deref(),
            Some("date: thursday vs yesterday (sunday)")
        );
        // the same day in other words: yesterday of Friday 21 May is Thursday
        let friday = dated("The truce began yesterday, officials said.", "2021-05-21");
        assert_eq!(weekday_conflict(&thursday, &friday), None);
        let last_night = dated("The truce began last night.", "2021-05-24");
        assert_eq!(
            weekday_conflict(&last_night, &thursday).as_deref(),
            Some("date: last night (sunday) vs thursday")
        );
        let today = dated("The truce began today.", "2021-05-24");
        assert_eq!(
            weekday_conflict(&thursday, &today).as_deref(),
            Some("date: thursday vs today (monday)")
        );
        // without the article's date a relative day cannot be placed: no conflict
        assert_eq!(
            weekday_conflict(&thursday, &c("The truce began yesterday, officials said.")),
            None
        );
    }

    #[test]
    fn a_quote_dated_by_the_text_takes_the_speakers_days() {
        // tester item 9 (session 16): said on Tuesday, "yesterday" is Monday, whatever the
        // article's date (Wednesday 20 Oct 2021)
        let monday = dated("Colin Powell died on Monday at Walter Reed.", "2021-10-18");
        let quoted = dated(
            "\"Colin Powell died yesterday at Walter Reed,\" his son told reporters on Tuesday.",
            "2021-10-20",
        );
        assert_eq!(weekday_conflict(&monday, &quoted), None);
        // unquoted, the article's yesterday (Tuesday) is a real dissent
        let plain = dated("Colin Powell died yesterday at Walter Reed.", "2021-10-20");
        assert_eq!(
            weekday_conflict(&monday, &plain).as_deref(),
            Some("date: monday vs yesterday (tuesday)")
        );
    }

    #[test]
    fn relative_days_of_one_act_are_compared_as_days_wherever_the_act_stands() {
        // tester item 9b: "who died ... at the age of 84 yesterday" (19 Oct: Monday) and
        // "died yesterday ... 84" (20 Oct: Tuesday) are two days of one death
        let late = dated(
            "Colin Powell, who died at Walter Reed at the age of 84 yesterday, will be buried.",
            "2021-10-19",
        );
        let weekly = dated(
            "Colin Powell died yesterday at Walter Reed at the age of 84.",
            "2021-10-20",
        );
        assert_eq!(
            weekday_conflict(&late, &weekly).as_deref(),
            Some("date: yesterday (monday) vs yesterday (tuesday)")
        );
        let reuters = dated("Colin Powell died on Monday at Walter Reed.", "2021-10-18");
        assert_eq!(weekday_conflict(&late, &reuters), None);
    }

    #[test]
    fn different_bare_figures_in_one_place_conflict() {
        let r = bare_number_conflict(
            &c("Powell died at the age of 84."),
            &c("Powell died at the age of 85."),
        );
        assert_eq!(r.as_deref(), Some("number: 84 vs 85"));
        let r = bare_number_conflict(
            &c("Paul Durousseau, 30, was charged."),
            &c("Paul Durousseau, 32, was charged."),
        );
        assert_eq!(r.as_deref(), Some("number: 30 vs 32"));
    }

    #[test]
    fn agreeing_figures_years_and_figures_in_other_places_do_not_conflict() {
        assert_eq!(
            bare_number_conflict(&c("He was 84."), &c("He was 84, his family said.")),
            None
        );
        assert_eq!(
            bare_number_conflict(
                &c("The toll approached 770."),
                &c("The toll was at least 767.")
            ),
            None
        );
        assert_eq!(
            bare_number_conflict(&c("It opened in 2019."), &c("It opened in 2020.")),
            None
        );
        assert_eq!(
            bare_number_conflict(
                &c("Closings fell by 73 percent in Ventura County."),
                &c("Closings fell to 182 in Texas.")
            ),
            None
        );
    }

    #[test]
    fn agent_and_target_or_origin_and_destination_swapped_are_found() {
        let r = roles_swapped(
            &c("Hamas fired rockets at Israel on Monday."),
            &c("Israel fired rockets at Hamas on Monday."),
        );
        assert_eq!(
            r.as_deref(),
            Some("roles swapped: Hamas … Israel vs Israel … Hamas")
        );
        let r = roles_swapped(
            &c("The plane was flying from Athens to Vilnius when it was diverted."),
            &c("The plane was flying from Vilnius to Athens when it was diverted."),
        );
        assert_eq!(
            r.as_deref(),
            Some("roles swapped: Athens … Vilnius vs Vilnius … Athens")
        );
    }

    #[test]
    fn names_in_another_order_with_no_roles_are_not_swapped() {
        let pairs = [
            (
                "Israel and Hamas agreed to a ceasefire.",
                "Hamas and Israel agreed to a ceasefire.",
            ),
            (
                "Biden met Putin in Geneva on Wednesday.",
                "Putin met Biden in Geneva on Wednesday.",
            ),
            (
                "Hamas fired rockets at Israel.",
                "Hamas fired rockets at Israel again.",
            ),
            (
                "Egypt said Hamas fired rockets.",
                "Hamas fired rockets, Egypt said.",
            ),
            (
                "Players in the NHL and the KHL will play.",
                "Players from the KHL and the NHL will play.",
            ),
        ];
        for (x, y) in pairs {
            assert_eq!(roles_swapped(&c(x), &c(y)), None, "{x} / {y}");
        }
    }

    #[test]
    fn two_claims_dated_by_other_months_and_years_are_two_facts() {
        let r = month_year_conflict(
            &c(
                "He was serving a life sentence after being convicted in June 1998 of aggravated sexual assault.",
            ),
            &c(
                "He returned to prison in June 1999 to serve a life sentence for aggravated sexual assault.",
            ),
        );
        assert_eq!(r.as_deref(), Some("date: June 1998 vs June 1999"));
        let with_day = month_year_conflict(
            &c("The plant closed on December 4, 2007."),
            &c("The plant closed in December 2008."),
        );
        assert_eq!(
            with_day.as_deref(),
            Some("date: December 2007 vs December 2008")
        );
        // one date in common: the claims agree on when
        let common = month_year_conflict(
            &c("He was arrested in May 2010 and convicted in June 2011."),
            &c("He was convicted in June 2011."),
        );
        assert_eq!(common, None);
        // a year alone, or a month alone, dates nothing to compare; "may" is no month
        assert_eq!(
            month_year_conflict(&c("It opened in 1998."), &c("It opened in June 1999.")),
            None
        );
        assert_eq!(
            month_year_conflict(&c("It may 2000 times."), &c("It opened in June 1999.")),
            None
        );
    }
}
