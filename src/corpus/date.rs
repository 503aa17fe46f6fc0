//! Lenient date reading: ISO 8601 is the norm, common newsroom spellings are accepted with a
//! warning: English and Russian month names ("March 12, 2025", "12th March 2025",
//! "12 марта 2025 г."), day-first dotted dates ("1.3.2025", "12.03.25"), slashed dates with
//! two- or four-digit years ("4/4/17", "18/03/2025", "03/18/2025"), RFC 2822 and a trailing
//! time of day. A slashed date that reads both ways ("4/5/17") is read day first and reported
//! as ambiguous (see [`ambiguous_alternative`]).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};

/// How a date string was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsedDate {
    /// ISO 8601 (`2025-03-18`, optionally with a time): no warning needed.
    Iso(NaiveDate),
    /// Another recognised spelling (`18 March 2025`, `18.03.2025`, RFC 2822): worth a warning.
    Odd(NaiveDate),
}

impl ParsedDate {
    pub fn date(self) -> NaiveDate {
        match self {
            ParsedDate::Iso(d) | ParsedDate::Odd(d) => d,
        }
    }
}

const ODD_FORMATS: &[&str] = &[
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%b. %d, %Y",
    "%A, %d %B %Y",
    "%A, %B %d, %Y",
    "%Y%m%d",
    "%d.%m.%y",
    "%d/%m/%y",
];

/// Russian month names by stem, in either case ("марта", "март", "мар.").
const RU_MONTHS: &[(&str, u32)] = &[
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("мая", 5),
    ("май", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
];

/// "12 марта 2025", "12 марта 2025 г.", "12 марта 2025 года".
fn russian(s: &str) -> Option<NaiveDate> {
    let lower = s.to_lowercase();
    let mut parts = lower.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let month_word = parts.next()?;
    let month = RU_MONTHS
        .iter()
        .find(|(stem, _)| month_word.starts_with(stem))
        .map(|&(_, m)| m)?;
    let year: i32 = parts.next()?.trim_end_matches(['.', ',']).parse().ok()?;
    match parts.next() {
        None | Some("г." | "г" | "года" | "год") => {}
        Some(_) => return None,
    }
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Drops what does not change the day: a trailing time of day ("…, 14:30", "… 14:30 MSK"),
/// English ordinal suffixes ("12th"), a stray trailing full stop.
fn simplify(s: &str) -> String {
    let mut t = s.trim().to_string();
    // a trailing time: cut at the last space or comma before "HH:MM"
    if let Some(colon) = t.find(':')
        && t[..colon].ends_with(|c: char| c.is_ascii_digit())
        && t[colon + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        let head = &t[..colon];
        let cut = head
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches([',', ' ', 'T', '\u{a0}'])
            .trim_end_matches([' ', ',']);
        if !cut.is_empty() && cut.len() >= 6 {
            t = cut.to_string();
        }
    }
    // ordinals: "12th" -> "12"
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        out.push(chars[k]);
        if chars[k].is_ascii_digit() && k + 2 < chars.len() + 1 {
            let two: String = chars[k + 1..(k + 3).min(chars.len())].iter().collect();
            let after = chars.get(k + 3).copied();
            if matches!(two.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
                && after.is_none_or(|c| !c.is_alphanumeric())
            {
                k += 3;
                continue;
            }
        }
        k += 1;
    }
    out.trim_end_matches('.').trim().to_string()
}

/// For a slashed date that reads both day first and month first ("4/5/17"), the month-first
/// reading that [`parse`] did not choose.
pub fn ambiguous_alternative(input: &str) -> Option<NaiveDate> {
    let s = simplify(input);
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() != 3 {
        return None;
    }
    let (a, b): (u32, u32) = (parts[0].parse().ok()?, parts[1].parse().ok()?);
    if a == b || a > 12 || b > 12 {
        return None;
    }
    ["%m/%d/%Y", "%m/%d/%y"].iter().find_map(|f| {
        NaiveDate::parse_from_str(&s, f)
            .ok()
            .filter(|d| plausible_year(&s, f, *d))
    })
}

/// A two-digit-year format must not swallow a four-digit year ("%y" reads "2025" as 20).
/// A four-digit-year format must not take "17" for the year 17 either.
fn plausible_year(s: &str, fmt: &str, d: NaiveDate) -> bool {
    if fmt.ends_with("%y") {
        s.rsplit(['.', '/']).next().is_some_and(|y| y.len() == 2)
    } else if fmt.contains("%Y") {
        d.year() >= 1000
    } else {
        true
    }
}

/// Reads a date in ISO form or one of the common spellings; `None` if not understood.
pub fn parse(input: &str) -> Option<ParsedDate> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(ParsedDate::Iso(d));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(ParsedDate::Iso(dt.date_naive()));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(ParsedDate::Iso(dt.date()));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(ParsedDate::Odd(dt.date_naive()));
    }
    let simple = simplify(s);
    let s = simple.as_str();
    // US-style "03/18/2025" is only accepted when it cannot be a day-first date.
    for fmt in ODD_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt)
            && plausible_year(s, fmt, d)
        {
            return Some(ParsedDate::Odd(d));
        }
    }
    for fmt in ["%m/%d/%Y", "%m/%d/%y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt)
            && plausible_year(s, fmt, d)
        {
            return Some(ParsedDate::Odd(d));
        }
    }
    russian(s).map(ParsedDate::Odd)
}

/// Hours either side of midnight within which a UTC time of day may fall on another day for
/// its writer: 20:30 in New York (UTC-4) is 00:30 UTC the next day, 08:00 in Tokyo (UTC+9)
/// is 23:00 UTC the day before.
pub const UTC_SLACK_HOURS: u32 = 6;

/// The other day a date given as a UTC time may be for its writer (RSS pubDates, `Z`
/// times, which say nothing of the writer's own clock): the day before for a time before
/// 06:00 UTC, the day after for 18:00 UTC or later ([`UTC_SLACK_HOURS`]). `None` for a date
/// without a time, a time with a non-zero offset (the writer's clock) or without a zone.
pub fn utc_other_day(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    let dt = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .ok()?;
    if dt.offset().local_minus_utc() != 0 {
        return None;
    }
    other_day_of_utc(dt.naive_utc())
}

/// [`utc_other_day`] of a time already read as UTC (a feed entry's date).
pub fn other_day_of_utc(t: NaiveDateTime) -> Option<NaiveDate> {
    if t.hour() < UTC_SLACK_HOURS {
        t.date().pred_opt()
    } else if t.hour() >= 24 - UTC_SLACK_HOURS {
        t.date().succ_opt()
    } else {
        None
    }
}

/// Years a recovered date may have: news archives, not history books or typos.
const RECOVERED_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A date in a URL's path, as news sites write them: `/2017/04/04/`, `/2017-04-04-`,
/// `/20170404/`, `_2017_04_04`. `None` when there is none or it is not a real day.
pub fn from_url(url: &str) -> Option<NaiveDate> {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?:^|[/_\-.])((?:19|20)\d\d)([/_\-]?)(0[1-9]|1[0-2])([/_\-]?)(0[1-9]|[12]\d|3[01])(?:$|[/_\-.?#])",
        )
        .expect("valid URL date pattern")
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    RE.captures_iter(path).find_map(|c| {
        // one separator style throughout: "2017/04-04" is not a date
        if c[2] != c[4] {
            return None;
        }
        let d =
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[3].parse().ok()?, c[5].parse().ok()?)?;
        RECOVERED_YEARS.contains(&d.year()).then_some(d)
    })
}

/// A dateline at the top of a text (its first 300 characters): a full date written with a
/// month name, in English ("WASHINGTON, April 4, 2017 —", "4 April 2017") or Russian
/// ("4 апреля 2017 г."). Dates further down usually tell of other days, so they are not used.
pub fn from_text(text: &str) -> Option<NaiveDate> {
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let en = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
        let ru =
            "(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)";
        regex::Regex::new(&format!(
            r"(?i)\b(?:{en}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{en}\s+\d{{4}}|\d{{1,2}}\s+{ru}\s+\d{{4}})\b"
        ))
        .expect("valid dateline pattern")
    });
    let end = text.char_indices().nth(300).map_or(text.len(), |(i, _)| i);
    let m = RE.find(&text[..end])?;
    let d = parse(&m.as_str().replace("Sept", "Sep"))?.date();
    RECOVERED_YEARS.contains(&d.year()).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_utc_time_near_midnight_may_be_the_writers_other_day() {
        // tester item 8 (session 16): 20:30 EDT = 00:30 UTC, the same instant
        assert_eq!(
            utc_other_day("2021-10-19T00:30:00Z"),
            Some(ymd(2021, 10, 18))
        );
        assert_eq!(
            utc_other_day("Tue, 19 Oct 2021 00:30:00 GMT"),
            Some(ymd(2021, 10, 18))
        );
        assert_eq!(
            utc_other_day("2021-10-18T23:00:00+00:00"),
            Some(ymd(2021, 10, 19))
        );
        // the writer's own clock, midday UTC, no time or no zone: one day only
        assert_eq!(utc_other_day("2021-10-18T20:30:00-04:00"), None);
        assert_eq!(utc_other_day("2021-10-18T12:00:00Z"), None);
        assert_eq!(utc_other_day("2021-10-18"), None);
        assert_eq!(utc_other_day("2021-10-19T00:30:00"), None);
    }

    #[test]
    fn iso_forms_are_iso() {
        assert_eq!(parse("2025-03-18"), Some(ParsedDate::Iso(ymd(2025, 3, 18))));
        assert_eq!(
            parse("2025-03-18T21:05:00Z"),
            Some(ParsedDate::Iso(ymd(2025, 3, 18)))
        );
        assert_eq!(
            parse("2025-03-18 09:00"),
            Some(ParsedDate::Iso(ymd(2025, 3, 18)))
        );
    }

    #[test]
    fn newsroom_spellings_are_odd_but_understood() {
        for s in [
            "18 March 2025",
            "March 18, 2025",
            "18.03.2025",
            "Mar 18 2025",
            "2025/03/18",
        ] {
            assert_eq!(parse(s), Some(ParsedDate::Odd(ymd(2025, 3, 18))), "{s}");
        }
        assert_eq!(
            parse("Tue, 18 Mar 2025 10:00:00 +0000"),
            Some(ParsedDate::Odd(ymd(2025, 3, 18)))
        );
        assert_eq!(parse("03/18/2025"), Some(ParsedDate::Odd(ymd(2025, 3, 18))));
    }

    #[test]
    fn english_and_russian_news_spellings() {
        for (s, y, m, d) in [
            ("4/4/17", 2017, 4, 4),
            ("1.3.2025", 2025, 3, 1),
            ("12.03.25", 2025, 3, 12),
            ("12 марта 2025", 2025, 3, 12),
            ("12 марта 2025 г.", 2025, 3, 12),
            ("1 мая 2025 года", 2025, 5, 1),
            ("March 12, 2025", 2025, 3, 12),
            ("12th March 2025", 2025, 3, 12),
            ("March 12th, 2025", 2025, 3, 12),
            ("12 марта 2025, 14:30", 2025, 3, 12),
            ("March 12, 2025 10:00 AM", 2025, 3, 12),
            ("3/18/17", 2017, 3, 18),
            ("18/3/17", 2017, 3, 18),
        ] {
            assert_eq!(parse(s), Some(ParsedDate::Odd(ymd(y, m, d))), "{s}");
        }
        assert_eq!(ambiguous_alternative("4/5/17"), Some(ymd(2017, 4, 5)));
        assert_eq!(parse("4/5/17"), Some(ParsedDate::Odd(ymd(2017, 5, 4))));
        assert_eq!(ambiguous_alternative("4/4/17"), None);
        assert_eq!(ambiguous_alternative("18/03/2025"), None);
        assert_eq!(parse("32 марта 2025"), None);
    }

    #[test]
    fn dates_recovered_from_urls() {
        for url in [
            "https://www.example.com/news/2017/04/04/some-story.html",
            "https://example.com/2017-04-04-some-story",
            "https://example.com/politics/20170404/story",
            "https://example.com/a_2017_04_04.html",
            "/2017/04/04",
        ] {
            assert_eq!(from_url(url), Some(ymd(2017, 4, 4)), "{url}");
        }
        for url in [
            "https://example.com/2017/04/story",
            "https://example.com/2017/13/01/story",
            "https://example.com/2017/02/30/story",
            "https://example.com/2017/04-04/story",
            "https://example.com/article/120170404999",
            "https://example.com/story?d=2017-04-04",
        ] {
            assert_eq!(from_url(url), None, "{url}");
        }
    }

    #[test]
    fn datelines_recovered_from_text() {
        for (text, y, m, d) in [
            ("WASHINGTON, April 4, 2017 — The Senate voted.", 2017, 4, 4),
            ("LONDON (Reuters) 4 April 2017: Shares fell.", 2017, 4, 4),
            ("Sept. 12, 2019. Storm hits.", 2019, 9, 12),
            ("МОСКВА, 12 марта 2025 г. — Заявление.", 2025, 3, 12),
        ] {
            assert_eq!(from_text(text), Some(ymd(y, m, d)), "{text}");
        }
        let late = format!("{} On April 4, 2017 it rained.", "word ".repeat(80));
        assert_eq!(from_text(&late), None);
        assert_eq!(
            from_text("April 2017 was wet; on the 4th of May it snowed."),
            None
        );
    }

    #[test]
    fn nonsense_is_none() {
        assert_eq!(parse("last Tuesday"), None);
        assert_eq!(parse("2025-13-45"), None);
        assert_eq!(parse(""), None);
    }
}
