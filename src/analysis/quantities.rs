//! Numbers, amounts and dates in a claim.
//!
//! Two outlets giving different numbers for the same thing is one of the clearest contrasts
//! ("30 days" vs "60 days"), so numbers are parsed to values with the unit that follows them.

use super::model::Quantity;
use super::text::Lang;
use super::tokens::{Token, TokenKind};

const EN_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("thousand", 1000.0),
    ("dozen", 12.0),
    ("half", 0.5),
    ("single", 1.0),
    ("once", 1.0),
    ("twice", 2.0),
];

const RU_PREFIXES: &[(&str, f64)] = &[
    ("один", 1.0),
    ("одна", 1.0),
    ("два", 2.0),
    ("две", 2.0),
    ("двух", 2.0),
    ("три", 3.0),
    ("трех", 3.0),
    ("четыр", 4.0),
    ("пят", 5.0),
    ("шест", 6.0),
    ("сем", 7.0),
    ("восем", 8.0),
    ("девят", 9.0),
    ("десят", 10.0),
    ("двадцат", 20.0),
    ("тридцат", 30.0),
    ("сорок", 40.0),
    ("пятьдесят", 50.0),
    ("шестьдесят", 60.0),
    ("сто", 100.0),
    ("полтор", 1.5),
];

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("тысяч", 1e3),
    ("тыс", 1e3),
    ("миллион", 1e6),
    ("млн", 1e6),
    ("миллиард", 1e9),
    ("млрд", 1e9),
    ("bn", 1e9),
    ("m", 1e6),
    ("k", 1e3),
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

fn word_value(t: &Token, lang: Lang) -> Option<f64> {
    match lang {
        Lang::En => EN_WORDS
            .iter()
            .find(|(w, _)| *w == t.lower)
            .map(|&(_, v)| v),
        Lang::Ru => {
            // only whole small words, so "семья" is not "семь"
            if t.lower.chars().count() > 12 {
                return None;
            }
            RU_PREFIXES
                .iter()
                .filter(|(p, _)| {
                    t.lower.starts_with(p) && t.lower.chars().count() <= p.chars().count() + 3
                })
                .max_by_key(|(p, _)| p.len())
                .filter(|(p, _)| !(p.len() <= 4 && t.lower.chars().count() > 5))
                .map(|&(_, v)| v)
        }
    }
}

fn is_month(t: &Token, lang: Lang) -> bool {
    match lang {
        Lang::En => t.capitalised && MONTHS.contains(&t.lower.as_str()),
        Lang::Ru => MONTHS.iter().any(|m| &*t.stem == *m),
    }
}

/// Finds the quantities of a claim, in order; `text` is the claim text the tokens index.
pub fn find_quantities(text: &str, tokens: &[Token], lang: Lang) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let value = match t.kind {
            TokenKind::Number => t.stem.replace(',', ".").parse::<f64>().ok(),
            TokenKind::Word => word_value(t, lang),
        };
        let Some(mut v) = value else {
            i += 1;
            continue;
        };
        let first = i;
        let mut j = i + 1;
        // a decimal written without its leading zero: ".85 cent"
        if t.kind == TokenKind::Number && !t.stem.contains(['.', ',']) {
            let before = &text[..t.start];
            if before.ends_with('.')
                && !before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
            {
                v = format!("0.{}", t.stem).parse().unwrap_or(v);
            }
        }
        // a compound number word: "sixty-one", "twenty five"
        if t.kind == TokenKind::Word
            && (20.0..100.0).contains(&v)
            && v % 10.0 == 0.0
            && let Some(next) = tokens.get(j)
            && next.kind == TokenKind::Word
            && let Some(u) = word_value(next, lang).filter(|u| (1.0..10.0).contains(u))
            && matches!(text[t.end..next.start].trim(), "" | "-")
        {
            v += u;
            j += 1;
        }
        // scale words: "2.5 billion"
        if let Some(next) = tokens.get(j)
            && let Some(&(_, s)) = SCALES.iter().find(|(w, _)| next.lower.starts_with(w))
            && (next.lower.len() <= 2 && next.start == t.end || next.lower.len() > 2)
        {
            v *= s;
            j += 1;
        }
        let mut unit = None;
        // a date: "March 18", "18 March", "18 марта"
        let prev_month = first > 0 && is_month(&tokens[first - 1], lang);
        if let Some(next) = tokens.get(j)
            && is_month(next, lang)
        {
            unit = Some(format!("date:{}", month_key(&next.lower)));
            j += 1;
        } else if prev_month {
            unit = Some(format!("date:{}", month_key(&tokens[first - 1].lower)));
        } else if (1900.0..=2100.0).contains(&v)
            && t.kind == TokenKind::Number
            && t.lower.len() == 4
        {
            unit = Some("year".to_string());
        } else if text[t.end..].starts_with('%') {
            unit = Some("%".to_string());
        } else if let Some(next) = tokens.get(j)
            && next.kind == TokenKind::Word
            && word_value(next, lang).is_none()
        {
            let after = &text[tokens[j - 1].end..next.start];
            let glue = after.trim().is_empty() || after == "-";
            if glue {
                unit = Some(next.stem.to_string());
                j += 1;
            }
        }
        let start = if prev_month && unit.as_deref().is_some_and(|u| u.starts_with("date")) {
            tokens[first - 1].start
        } else {
            t.start
        };
        let end = tokens[j - 1].end;
        out.push(Quantity {
            text: text[start..end].to_string(),
            value: Some(v),
            unit,
        });
        i = j;
    }
    out
}

fn month_key(m: &str) -> String {
    m.chars().take(3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    fn q(t: &str, lang: Lang) -> Vec<(f64, Option<String>)> {
        find_quantities(t, &tokenize(t, lang), lang)
            .into_iter()
            .map(|q| (q.value.unwrap_or(f64::NAN), q.unit))
            .collect()
    }

    #[test]
    fn numbers_units_dates() {
        assert_eq!(
            q(
                "a 30-day ceasefire, 175 prisoners, $2.5 billion, 5% in 2025 on March 18",
                Lang::En
            ),
            vec![
                (30.0, Some("day".into())),
                (175.0, Some("prison".into())),
                (2.5e9, None),
                (5.0, Some("%".into())),
                (2025.0, Some("year".into())),
                (18.0, Some("date:mar".into())),
            ]
        );
        assert_eq!(q("thirty days", Lang::En), vec![(30.0, Some("day".into()))]);
        assert_eq!(
            q("Sixty-one people", Lang::En),
            vec![(61.0, Some("person".into()))]
        );
        assert_eq!(
            q("fell .85 cent", Lang::En),
            vec![(0.85, Some("cent".into()))]
        );
        assert_eq!(q("in 2003. 85 cents", Lang::En)[1].0, 85.0);
    }

    #[test]
    fn russian_numbers() {
        let r = q("перемирие на 30 дней, обмен 175 на 175, 18 марта", Lang::Ru);
        assert_eq!(r[0], (30.0, Some("дне".into())));
        assert_eq!(r[3], (18.0, Some("date:мар".into())));
    }
}
