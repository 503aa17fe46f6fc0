//! Lenient date reading: ISO 8601 is the norm, common newsroom spellings are accepted with a warning.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

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
];

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
    // US-style "03/18/2025" is only accepted when it cannot be a day-first date.
    for fmt in ODD_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(ParsedDate::Odd(d));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%m/%d/%Y") {
        return Some(ParsedDate::Odd(d));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
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
    fn nonsense_is_none() {
        assert_eq!(parse("last Tuesday"), None);
        assert_eq!(parse("2025-13-45"), None);
        assert_eq!(parse(""), None);
    }
}
