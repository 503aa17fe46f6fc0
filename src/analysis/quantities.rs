//! Numbers, amounts and dates in a claim.
//!
//! Two outlets giving different numbers for the same thing is one of the clearest contrasts
//! ("30 days" vs "60 days"), so numbers are parsed to values with the unit that follows them
//! and with a tolerance: how precisely the text states the figure. Read forms:
//!
//! - digits with either decimal separator and any thousands grouping: `2.5`, `2,5` (Russian),
//!   `1,500`, `1.500,5`, `1 500` (space, no-break or thin space); `.85`; `½`, `2½`, `1/2`;
//! - words: "two and a half", "sixty-one", "two hundred", "a dozen", "полтора", "два с
//!   половиной";
//! - scales: "billion", "bn", "m", "k", "тыс.", "млн", "млрд", glued (`$3.5bn`) or not;
//! - units: the counted word's stem, with hours, days, per cent, currencies (`$`, `£`, `€`,
//!   `₽`, "dollars", "долларов", "руб.") and durations normalised across English and Russian;
//!   dates ("March 18", "18 марта") and calendar years;
//! - ranges ("20–30", "20 to 30", "between 20 and 30", "от 20 до 30"): the midpoint, with
//!   half the span as tolerance;
//! - approximations ("about", "some", "nearly", "or so", "около", "почти", "примерно") widen
//!   the tolerance to at least a tenth of the value; bounds ("more than", "at least", "under",
//!   "up to", "свыше", "более", "менее", "не более") open one side of the interval.
//!
//! Precision of digits: a decimal is good to half its last digit (`2.5` ±0.05); a count below
//! 1,000 is exact; a round number of 1,000 or more is good to half its last non-zero place, at
//! most 5 % (`2,700` ±50, `3,000` ±150); a figure with a scale word to at least 1 %.

use std::sync::LazyLock;

use super::boilerplate::TIME_ZONES;
use super::fasthash::FastMap;
use super::model::{Bound, Quantity};
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

/// Multipliers: words and abbreviations (matched whole, lower case).
fn scale_of(word: &str, lang: Lang) -> Option<f64> {
    Some(match word {
        "dozen" | "dozens" => 12.0,
        "hundred" | "hundreds" => 1e2,
        "thousand" | "thousands" | "k" => 1e3,
        "million" | "millions" | "m" | "mn" | "mln" => 1e6,
        "billion" | "billions" | "bn" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        _ if lang == Lang::Ru || word.chars().any(super::text::is_cyrillic) => {
            if word == "тыс" || word.starts_with("тысяч") {
                1e3
            } else if word == "млн" || word.starts_with("миллион") {
                1e6
            } else if word == "млрд" || word.starts_with("миллиард") {
                1e9
            } else if word == "трлн" || word.starts_with("триллион") {
                1e12
            } else if word == "сот" || word == "сотни" {
                1e2
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// Short scale suffixes that are also units ("5 m" is five metres): only read as a scale when
/// glued to the number or after a currency sign.
fn ambiguous_scale(word: &str) -> bool {
    matches!(word, "m" | "k" | "b")
}

/// Words after which a number is approximate.
const APPROX: &[&str] = &[
    "about",
    "around",
    "some",
    "roughly",
    "approximately",
    "approx",
    "nearly",
    "almost",
    "estimated",
    "circa",
    "около",
    "почти",
    "примерно",
    "приблизительно",
    "порядка",
    "ориентировочно",
];

/// Phrases (one or two words, lower case) that make a number a lower bound.
const AT_LEAST: &[&str] = &[
    "more than",
    "over",
    "above",
    "at least",
    "upwards of",
    "in excess of",
    "exceeding",
    "свыше",
    "более",
    "больше",
    "не менее",
    "не меньше",
    "минимум",
    "как минимум",
];

/// Phrases that make a number an upper bound (checked before [`AT_LEAST`], so "no more than"
/// is not "more than").
const AT_MOST: &[&str] = &[
    "no more than",
    "not more than",
    "less than",
    "fewer than",
    "under",
    "below",
    "up to",
    "at most",
    "не более",
    "не больше",
    "менее",
    "меньше",
    "максимум",
    "как максимум",
];

/// Function words never taken for what a number counts.
const NOT_UNITS: &[&str] = &[
    "and", "or", "of", "in", "on", "at", "to", "the", "a", "an", "for", "by", "with", "from",
    "than", "as", "is", "was", "were", "are", "and", "but", "per", "due", "и", "в", "на", "с",
    "по", "из", "к", "о", "от", "до", "за", "или", "но", "а",
];

/// Stems of units worth treating as one across spellings and languages.
fn normalise_unit(stem: &str) -> String {
    let u = match stem {
        "hour" | "hr" | "hrs" | "час" | "часов" => "hour",
        "minut" | "min" | "минут" | "мин" => "minute",
        "day" | "дне" | "ден" | "дня" | "сут" | "суток" => "day",
        "week" | "недел" | "нед" => "week",
        "month" | "месяц" | "мес" => "month",
        "year" | "yr" | "лет" | "год" => "years",
        "percent" | "процент" | "proc" | "pct" | "pc" => "%",
        "dollar" | "доллар" | "долл" | "usd" => "usd",
        "euro" | "евр" | "евро" | "eur" => "eur",
        "rubl" | "ruble" | "roubl" | "рубл" | "руб" | "rub" => "rub",
        "pound" | "фунт" | "gbp" => "gbp",
        "peopl" | "person" | "человек" | "чел" => "person",
        "kilometr" | "km" | "километр" | "км" => "km",
        _ => stem,
    };
    u.to_string()
}

/// The currencies [`find_quantities`] tells apart, by lower-case ISO code. A sum keeps its
/// currency, so that figures are compared in their own units only (a new user's "35 million
/// Swiss francs" = "35 million euros" and "C$35 million" = "$35 million", session 16).
/// "peso" and "kroner" stand for the pesos and the Danish and Norwegian crowns whose
/// country the text does not name.
const CURRENCIES: &[&str] = &[
    "usd", "eur", "gbp", "rub", "chf", "jpy", "cny", "inr", "pkr", "cad", "aud", "hkd", "nzd",
    "sgd", "twd", "sek", "nok", "dkk", "kroner", "zar", "try", "pln", "mxn", "ars", "peso", "brl",
    "krw", "ils", "uah", "aed", "sar", "ngn", "myr", "thb", "idr",
];

/// True for the unit of a currency as [`find_quantities`] names it ("usd", "eur", "chf", …:
/// [`CURRENCIES`]).
pub fn is_currency(unit: &str) -> bool {
    CURRENCIES.contains(&unit)
}

/// The currency a name of money at token `j` gives, with the token after the name:
/// "euros", "yen", "yuan", "renminbi", "rupees", "kronor", "rand", "lira", "zloty",
/// "francs" (Swiss), "dollars" (US), and the names a country qualifies ("Swiss francs",
/// "Canadian dollars", "Hong Kong dollars", "Indian rupees", "Danish kroner"). English.
fn currency_name_at(tokens: &[Token], j: usize) -> Option<(&'static str, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_ref());
    let (country, k) = match (word(j), word(j + 1)) {
        (Some("hong"), Some("kong")) => (Some("hong kong"), j + 2),
        (Some("new"), Some("zealand")) => (Some("new zealand"), j + 2),
        (Some("south"), Some("african")) => (Some("south african"), j + 2),
        (Some("u.s." | "us"), _) => (Some("us"), j + 1),
        (Some(w), _) => (Some(w), j + 1),
        _ => return None,
    };
    let qualified = country.and_then(|c| Some((qualified_currency(c, word(k)?)?, k + 1)));
    qualified.or_else(|| Some((money_word(word(j)?)?, j + 1)))
}

/// The currency of a name of money a country adjective qualifies ("swiss" "francs").
fn qualified_currency(country: &str, name: &str) -> Option<&'static str> {
    let base = money_word(name)?;
    Some(match (country, base) {
        ("us" | "american", "usd") => "usd",
        ("canadian", "usd") => "cad",
        ("australian", "usd") => "aud",
        ("hong kong", "usd") => "hkd",
        ("new zealand", "usd") => "nzd",
        ("singapore", "usd") => "sgd",
        ("taiwan" | "taiwanese", "usd") => "twd",
        ("swiss", "chf") => "chf",
        ("japanese", "jpy") => "jpy",
        ("chinese", "cny") => "cny",
        ("indian", "inr") => "inr",
        ("pakistani", "inr") => "pkr",
        ("swedish", "sek") => "sek",
        ("danish", "kroner") => "dkk",
        ("norwegian", "kroner") => "nok",
        ("south african", "zar") => "zar",
        ("turkish", "try") => "try",
        ("polish", "pln") => "pln",
        ("mexican", "peso") => "mxn",
        ("argentine" | "argentinian", "peso") => "ars",
        ("brazilian", "brl") => "brl",
        ("british", "gbp") => "gbp",
        ("russian", "rub") => "rub",
        _ => return None,
    })
}

/// The currency a name of money names alone, lower case ("francs": Swiss; "dollars": US).
fn money_word(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "dollar" | "dollars" => "usd",
        "euro" | "euros" => "eur",
        "pound" | "pounds" | "sterling" => "gbp",
        "ruble" | "rubles" | "rouble" | "roubles" => "rub",
        "franc" | "francs" => "chf",
        "yen" => "jpy",
        "yuan" | "renminbi" | "rmb" => "cny",
        "rupee" | "rupees" => "inr",
        "krona" | "kronor" => "sek",
        "krone" | "kroner" => "kroner",
        "rand" => "zar",
        "lira" | "liras" | "lire" => "try",
        "zloty" | "zlotys" | "zlotych" => "pln",
        "peso" | "pesos" => "peso",
        "reais" => "brl",
        "shekel" | "shekels" => "ils",
        "hryvnia" | "hryvnias" => "uah",
        "dirham" | "dirhams" => "aed",
        "riyal" | "riyals" => "sar",
        "naira" => "ngn",
        "ringgit" => "myr",
        "baht" => "thb",
        "rupiah" => "idr",
        _ => return None,
    })
}

/// True when a sum in parentheses right after another sum restates it in another currency
/// ("$US1 million ($1.52 million)", "£800 ($1,000)"): a conversion, not a second figure
/// (a new user's contrast, session 14). `start`: where the new quantity begins; `out` and
/// `spans`: the quantities found before it and their byte ranges.
fn is_conversion(
    text: &str,
    start: usize,
    out: &[Quantity],
    spans: &[(usize, usize)],
    unit: Option<&str>,
) -> bool {
    let (Some(prev), Some(&(_, prev_end))) = (out.last(), spans.last()) else {
        return false;
    };
    let sum = |u: Option<&str>| u.is_some_and(is_currency);
    let between = text.get(prev_end..start).unwrap_or("");
    // the sign ("$", "A$", "US$") stands between the parenthesis and the digits
    let opened = between
        .trim_end_matches(|c: char| c.is_alphabetic() || sign_currency(c).is_some())
        .trim();
    sum(unit) && sum(prev.unit.as_deref()) && opened == "("
}

/// A currency sign, with the letters of a prefixed dollar ("C$", "HK$"), or an ISO code in
/// capitals ("EUR 2 million", "CHF 35m"), or "Rs" (rupees), just before a number.
fn currency_before(before: &str) -> Option<&'static str> {
    let b = before.trim_end();
    if let Some(rest) = b.strip_suffix('$') {
        return Some(dollar_of(rest));
    }
    iso_code_at_end(b).or_else(|| b.chars().next_back().and_then(sign_currency))
}

/// The dollar a "$" stands for, from the capitals glued before it (`before`: the text up to
/// the sign): "C"/"CA"/"CAN" Canadian, "A"/"AU" Australian, "HK" Hong Kong, "NZ" New
/// Zealand, "S" Singapore, "NT" Taiwan, "R" the Brazilian real, "MX" the Mexican peso;
/// anything else (nothing, "US") the US dollar.
fn dollar_of(before: &str) -> &'static str {
    let prefix: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_uppercase)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // a prefix is the whole of its word ("C$", not "ABC$")
    let glued_to_word = before[..before.len() - prefix.len()]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    if glued_to_word {
        return "usd";
    }
    match prefix.as_str() {
        "C" | "CA" | "CAN" | "CDN" => "cad",
        "A" | "AU" | "AUD" => "aud",
        "HK" => "hkd",
        "NZ" => "nzd",
        "S" | "SG" => "sgd",
        "NT" => "twd",
        "R" => "brl",
        "MX" => "mxn",
        _ => "usd",
    }
}

/// The currency of an ISO code written in capitals as the last word of `b` ("worth EUR"),
/// or of "Rs"/"Rs." (rupees).
fn iso_code_at_end(b: &str) -> Option<&'static str> {
    let word = b
        .trim_end_matches('.')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()?;
    if word == "Rs" {
        return Some("inr");
    }
    // a code glued to letters before it is part of another word
    if word.len() != 3 || !word.chars().all(|c| c.is_ascii_uppercase()) || b.ends_with('.') {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    CURRENCIES
        .iter()
        .copied()
        .find(|&c| c == lower && !matches!(c, "try" | "peso" | "kroner"))
}

/// The currencies a text names anywhere, by sign (prefixed dollars apart: "C$"), ISO code or
/// word ("$", "EUR", "euros", "Swiss francs", "рублей"), conversions in parentheses included
/// (which [`find_quantities`] drops as restatements). Sorted, deduplicated.
fn currencies_named(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = text
        .char_indices()
        .filter_map(|(i, c)| match c {
            '$' => Some(dollar_of(&text[..i])),
            _ => sign_currency(c),
        })
        .collect();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        let w = word.to_lowercase();
        let before = i.checked_sub(1).map(|p| words[p].to_lowercase());
        let before2 = i.checked_sub(2).map(|p| words[p].to_lowercase());
        let c = if let Some(code) = iso_code_at_end(word) {
            code
        } else if let Some(base) = money_word(&w) {
            let country = match (before2.as_deref(), before.as_deref()) {
                (Some(x), Some(y)) if qualified_currency(&format!("{x} {y}"), &w).is_some() => {
                    format!("{x} {y}")
                }
                (_, Some(y)) => y.to_string(),
                _ => String::new(),
            };
            qualified_currency(&country, &w).unwrap_or(base)
        } else if w.starts_with("доллар") {
            "usd"
        } else if w == "евро" {
            "eur"
        } else if w.starts_with("рубл") {
            "rub"
        } else if w.starts_with("фунт") {
            "gbp"
        } else {
            continue;
        };
        out.push(c);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The currency of a currency sign ("$" alone: the US dollar; see [`dollar_of`]).
fn sign_currency(c: char) -> Option<&'static str> {
    match c {
        '$' => Some("usd"),
        '€' => Some("eur"),
        '£' => Some("gbp"),
        '₽' => Some("rub"),
        '¥' => Some("jpy"),
        '₹' => Some("inr"),
        '₩' => Some("krw"),
        '₺' => Some("try"),
        '₪' => Some("ils"),
        '₴' => Some("uah"),
        _ => None,
    }
}

/// Two claims that give one numeral as a sum in two currencies ("worth €2 million" /
/// "worth $2 million", "£1.2bn" / "$1.2 billion"): `Some("currency: eur vs usd")`. The same
/// figure in two currencies is not one sum (none of these currencies is at par with
/// another), nor a number conflict either, since no exchange rate is known: the pair
/// decision ([`super::contrast::decide`]) does not call the claims one fact on its
/// strength. Sums whose numerals differ ("103 million euros" / "£88m") are left alone: a
/// converted figure, which says nothing either way (ECB+ reports of one heist; MRPC
/// paraphrases). `None` as well when the other claim names the sum's currency anywhere (a
/// conversion, "€5 million ($6 million)", restates the sum; [`currencies_named`]).
/// `qa`, `qb`: the claims' quantities; `ta`, `tb`: their texts.
pub fn currency_mismatch(qa: &[Quantity], ta: &str, qb: &[Quantity], tb: &str) -> Option<String> {
    // the sums are walked, not collected: this runs for every candidate pair of claims, and
    // most pairs have no sum on one side
    fn sums(qs: &[Quantity]) -> impl Iterator<Item = (&Quantity, &str)> {
        qs.iter()
            .filter_map(|q| Some((q, q.unit.as_deref().filter(|u| is_currency(u))?)))
    }
    let (ua, ub) = sums(qa).find_map(|(x, ux)| {
        sums(qb)
            .find(|&(y, uy)| uy != ux && compatible(x, y))
            .map(|(_, uy)| (ux, uy))
    })?;
    let named = |text: &str, unit: &str| currencies_named(text).contains(&unit);
    if named(tb, ua) || named(ta, ub) {
        return None;
    }
    Some(format!("currency: {ua} vs {ub}"))
}

fn currency_after(after: &str) -> Option<&'static str> {
    after.trim_start().chars().next().and_then(sign_currency)
}

/// A number written in digits: its value, the precision of its digits, and what is glued
/// after them ("bn", "th", "km").
fn parse_digits(raw: &str, lang: Lang) -> Option<(f64, f64, &str)> {
    let split = raw
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '\''))
        .map_or(raw.len(), |(i, _)| i);
    let (num, suffix) = raw.split_at(split);
    let num = num.trim_end_matches(['.', ',']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dots = num.matches('.').count();
    let commas = num.matches(',').count();
    // which separator is the decimal one
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots == 1 => Some('.'),
        (_, 0) => None, // "1.500.000"
        (0, 1) => {
            let after = num.len() - num.find(',').unwrap_or(0) - 1;
            // Russian writes "2,5"; English "1,500" groups thousands
            if lang == Lang::Ru || after != 3 {
                Some(',')
            } else {
                None
            }
        }
        (0, _) => None, // "1,500,000"
        _ => {
            // both: the last one is the decimal separator ("1,500.5", "1.500,5")
            let last_dot = num.rfind('.').unwrap_or(0);
            let last_comma = num.rfind(',').unwrap_or(0);
            Some(if last_dot > last_comma { '.' } else { ',' })
        }
    };
    let mut digits = String::with_capacity(num.len());
    let mut frac_digits: i32 = 0;
    let mut in_frac = false;
    for c in num.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            if in_frac {
                frac_digits += 1;
            }
        } else if Some(c) == decimal {
            digits.push('.');
            in_frac = true;
        }
    }
    let value: f64 = digits.parse().ok()?;
    let precision = if frac_digits > 0 {
        0.5 * 10f64.powi(-frac_digits)
    } else {
        round_number_precision(value)
    };
    Some((value, precision, suffix))
}

/// The precision of `mantissa` (good to `precision`) times the scale word `scale`: at least
/// 1 % of the value, and a single whole digit before the scale word ("$1 trillion", "3
/// million", "a billion") is itself a rounded figure, good to 0.4 of the scale: "$1 trillion"
/// covers $0.6-1.4 trillion (the "$1.2 trillion" of another outlet is the same bill, the
/// rounding NeuS readers accept, docs/analysis.md), while the next digit ("$2 trillion")
/// stays a different figure.
fn scaled_precision(mantissa: f64, precision: f64, scale: f64) -> f64 {
    let one_digit = precision == 0.0 && mantissa.fract() == 0.0 && (1.0..10.0).contains(&mantissa);
    let p = (precision * scale).max(mantissa * scale * 0.01);
    if one_digit { p.max(0.4 * scale) } else { p }
}

/// A whole number of 1,000 or more ending in zeros is taken as rounded.
fn round_number_precision(value: f64) -> f64 {
    if value < 1000.0 || value.fract() != 0.0 {
        return 0.0;
    }
    let mut place: f64 = 1.0;
    let mut v = value;
    while v % 10.0 == 0.0 && v > 0.0 {
        v /= 10.0;
        place *= 10.0;
    }
    if place == 1.0 {
        0.0
    } else {
        (place / 2.0).min(value * 0.05)
    }
}

fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅛' => 0.125,
        _ => return None,
    })
}

/// One space that may separate thousands groups: "1 500", "1\u{a0}500", "1\u{2009}500".
fn is_group_space(s: &str) -> bool {
    matches!(s, " " | "\u{a0}" | "\u{2009}" | "\u{202f}" | "\u{2007}")
}

/// A number starting at token `i`: its value, precision and the index after its last token.
struct Num {
    value: f64,
    precision: f64,
    next: usize,
    /// A scale word or suffix was applied.
    scaled: bool,
    /// Unit glued to the digits ("10km").
    glued_unit: Option<String>,
    /// A time of day ("3:22", "6:41pm", "0241 GMT"), with "pm"/"am" when glued to it.
    clock: Option<Clock>,
}

/// A time of day as read from its digits.
#[derive(Debug, Clone, Copy)]
struct Clock {
    /// "am" / "pm" glued to the minutes ("6:41pm"): `Some(true)` for pm.
    pm: Option<bool>,
    /// Written in the 24-hour way: an hour over 12 or with a leading zero ("18:41", "02:41",
    /// "0241").
    twenty_four: bool,
}

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

/// [`EN_WORDS`] as a map, each word with its first value in the list: one hash probe per
/// token instead of a scan of the list (this runs for every word of every claim).
static EN_WORD_VALUES: LazyLock<FastMap<&'static str, f64>> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for &(w, v) in EN_WORDS {
        m.entry(w).or_insert(v);
    }
    m
});

fn word_value(t: &Token, lang: Lang) -> Option<f64> {
    match lang {
        Lang::En => EN_WORD_VALUES.get(t.lower.as_ref()).copied(),
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

/// True for a month's name or abbreviation in lower case ("september", "sept", "dec"),
/// whatever its case in the text.
pub(crate) fn is_month_name(lower: &str) -> bool {
    MONTHS.contains(&lower)
}

fn is_month(t: &Token, lang: Lang) -> bool {
    match lang {
        Lang::En => t.capitalised && MONTHS.contains(&t.lower.as_ref()),
        Lang::Ru => MONTHS.iter().any(|m| &*t.stem == *m),
    }
}

/// The text between two tokens.
fn gap<'a>(text: &'a str, tokens: &[Token], a: usize, b: usize) -> &'a str {
    match (tokens.get(a), tokens.get(b)) {
        (Some(x), Some(y)) if x.end <= y.start => &text[x.end..y.start],
        _ => "",
    }
}

/// Reads the number that starts at token `i`, if any.
fn read_number(text: &str, tokens: &[Token], i: usize, lang: Lang) -> Option<Num> {
    let t = tokens.get(i)?;
    let mut j = i + 1;
    let mut scaled = false;
    let mut glued_unit = None;
    let mut clock = None;
    let (mut value, mut precision) = match t.kind {
        TokenKind::Number => {
            let raw = &text[t.start..t.end];
            let (mut v, mut p, suffix) = parse_digits(raw, lang)?;
            // a decimal written without its leading zero: ".85 cent"
            if !raw.contains(['.', ',']) && suffix.is_empty() {
                let before = &text[..t.start];
                if before.ends_with('.')
                    && !before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                {
                    let frac: f64 = format!("0.{raw}").parse().unwrap_or(v);
                    p = 0.5 * 10f64.powi(-(raw.len() as i32));
                    v = frac;
                }
            }
            // a clock time: "3:22 p.m." is 3 hours and 22 minutes, one figure
            if let Some((minutes, pm)) = tokens
                .get(j)
                .and_then(|n| clock_minutes(&text[n.start..n.end]))
                && suffix.is_empty()
                && v.fract() == 0.0
                && v <= 24.0
                && gap(text, tokens, i, j) == ":"
            {
                clock = Some(Clock {
                    pm,
                    twenty_four: v > 12.0 || (raw.starts_with('0') && raw.len() == 2),
                });
                v += minutes / 60.0;
                p = 0.5 / 60.0;
                j += 1;
            } else if let Some(hhmm) = military_time(text, tokens, i) {
                // "0241 GMT": four digits and a time zone
                clock = Some(Clock {
                    pm: None,
                    twenty_four: true,
                });
                v = hhmm;
                p = 0.5 / 60.0;
            }
            // thousands grouped with spaces: "1 500", "12 000 000"
            let prev_month = i > 0 && is_month(&tokens[i - 1], lang);
            if suffix.is_empty()
                && raw.len() <= 3
                && raw.bytes().all(|b| b.is_ascii_digit())
                && !prev_month
            {
                while let Some(n) = tokens.get(j)
                    && n.kind == TokenKind::Number
                    && n.end - n.start == 3
                    && text[n.start..n.end].bytes().all(|b| b.is_ascii_digit())
                    && (is_group_space(gap(text, tokens, j - 1, j))
                        || split_compound_group(text, tokens, j))
                {
                    v = v * 1000.0 + text[n.start..n.end].parse::<f64>().unwrap_or(0.0);
                    j += 1;
                }
                if j > i + 1 {
                    p = round_number_precision(v);
                }
            }
            let suffix_l = money_suffix(suffix, &text[..t.start]);
            if let Some(s) = scale_of(&suffix_l, lang) {
                p = scaled_precision(v, p, s);
                v *= s;
                scaled = true;
            } else if !suffix_l.is_empty()
                && !matches!(
                    suffix_l.as_str(),
                    "th" | "st" | "nd" | "rd" | "s" | "х" | "-х" | "-й" | "-го"
                )
                && suffix_l.chars().all(char::is_alphabetic)
            {
                glued_unit = Some(normalise_unit(&suffix_l));
            }
            // a vulgar fraction glued on: "2½"
            if let Some(f) = text[tokens[j - 1].end..]
                .chars()
                .next()
                .and_then(vulgar_fraction)
            {
                v += f;
            }
            // a proper fraction: "1/2" (not a date "4/4/17")
            if j == i + 1
                && text[t.end..].starts_with('/')
                && let Some(d) = tokens.get(j)
                && d.kind == TokenKind::Number
                && d.start == t.end + 1
                && !text[d.end..].starts_with('/')
                && let Ok(den) = text[d.start..d.end].parse::<f64>()
                && den > v
                && den > 0.0
            {
                v /= den;
                p = 0.0;
                j += 1;
            } else if v.fract() == 0.0
                && let (Some(n), Some(d)) = (tokens.get(j), tokens.get(j + 1))
                && n.kind == TokenKind::Number
                && d.kind == TokenKind::Number
                && text.get(t.end..n.start) == Some(" ")
                && text.get(n.end..d.start) == Some("/")
                && !text[d.end..].starts_with('/')
                && let (Ok(num), Ok(den)) = (
                    text[n.start..n.end].parse::<f64>(),
                    text[d.start..d.end].parse::<f64>(),
                )
                && den > num
                && num > 0.0
            {
                // a mixed number: "22 1/2 years"
                v += num / den;
                p = 0.0;
                j += 2;
            }
            (v, p)
        }
        // "$US1 million" (Reuters and Australian style): the country code is glued to the
        // digits, so the figure is one word token
        TokenKind::Word if text[..t.start].ends_with('$') && t.lower.starts_with("us") => {
            let (v, p, suffix) = parse_digits(&text[t.start + 2..t.end], lang)?;
            if !suffix.is_empty() {
                return None;
            }
            (v, p)
        }
        TokenKind::Word => {
            let mut v = word_value(t, lang)?;
            // a compound number word: "sixty-one", "twenty five"
            if (20.0..100.0).contains(&v)
                && v % 10.0 == 0.0
                && let Some(next) = tokens.get(j)
                && next.kind == TokenKind::Word
                && let Some(u) = word_value(next, lang).filter(|u| (1.0..10.0).contains(u))
                && matches!(gap(text, tokens, j - 1, j).trim(), "" | "-")
            {
                v += u;
                j += 1;
            }
            (v, 0.0)
        }
    };
    // "two and a half", "one and a quarter", "два с половиной"
    let words: Vec<&str> = tokens[j..]
        .iter()
        .take(3)
        .map(|t| t.lower.as_ref())
        .collect();
    match words.as_slice() {
        ["and", "a", "half", ..] => {
            value += 0.5;
            j += 3;
        }
        ["and", "a", "quarter", ..] => {
            value += 0.25;
            j += 3;
        }
        ["с", w, ..] if w.starts_with("половин") => {
            value += 0.5;
            j += 2;
        }
        _ => {}
    }
    // scale words: "2.5 billion", "3,5 млрд", "two hundred", "$3.5 bn"
    while let Some(next) = tokens.get(j)
        && next.kind == TokenKind::Word
        && let Some(s) = scale_of(&next.lower, lang)
    {
        let glued = next.start == tokens[j - 1].end;
        let after_currency = currency_before(&text[..t.start]).is_some();
        if ambiguous_scale(&next.lower) && !(glued || after_currency) {
            break;
        }
        if !matches!(gap(text, tokens, j - 1, j).trim(), "" | "-") {
            break;
        }
        precision = if scaled {
            (precision * s).max(value * s * 0.01)
        } else {
            scaled_precision(value, precision, s)
        };
        value *= s;
        scaled = true;
        j += 1;
    }
    Some(Num {
        value,
        precision,
        next: j,
        scaled,
        glued_unit,
        clock,
    })
}

/// True when the three digits at token `j` are the last group of a figure that a
/// tokeniser split after its comma, in a hyphenated compound: "15, 800-square-metre",
/// "170, 000-square-foot" (ECB+'s text, read as 800 m² against 0 ft²: a new user's false
/// contrast, session 16). Only before a hyphen and a letter, so that "On the 12, 300 were
/// hurt" stays two numbers.
fn split_compound_group(text: &str, tokens: &[Token], j: usize) -> bool {
    let n = &tokens[j];
    let mut rest = text[n.end..].chars();
    gap(text, tokens, j - 1, j) == ", "
        && rest.next() == Some('-')
        && rest.next().is_some_and(char::is_alphabetic)
}

/// A suffix glued to digits, lower case, with money people's "MM" read as a million after a
/// currency sign ("$140MM", "$140-150MM"; elsewhere "150mm" is millimetres). `before`: the
/// text before the number.
fn money_suffix(suffix: &str, before: &str) -> String {
    let lower = suffix.to_lowercase();
    if lower == "mm" && after_a_currency_sign(before) {
        "m".to_string()
    } else {
        lower
    }
}

/// True when `before` (the text before a number) ends with a currency sign, possibly with
/// the first figure of a range between ("$140-").
fn after_a_currency_sign(before: &str) -> bool {
    before
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '.' | ',' | '\u{2013}'))
        .ends_with(|c: char| sign_currency(c).is_some())
}

/// The minutes of a clock time's second token ("22", "41pm", "41PM"), with whether a glued
/// "pm" / "am" says the afternoon.
fn clock_minutes(raw: &str) -> Option<(f64, Option<bool>)> {
    let digits = raw.get(..2)?;
    let rest = &raw[2..];
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let minutes: f64 = digits.parse().ok()?;
    if minutes >= 60.0 {
        return None;
    }
    let pm = match rest.to_ascii_lowercase().as_str() {
        "" => None,
        "pm" => Some(true),
        "am" => Some(false),
        _ => return None,
    };
    Some((minutes, pm))
}

/// A time of day written as four digits and a time zone ("0241 GMT", "1830 UTC"), in hours.
fn military_time(text: &str, tokens: &[Token], i: usize) -> Option<f64> {
    let t = &tokens[i];
    let raw = &text[t.start..t.end];
    let zone = tokens.get(i + 1)?;
    if raw.len() != 4
        || !raw.bytes().all(|b| b.is_ascii_digit())
        || !TIME_ZONES.contains(&zone.lower.as_ref())
    {
        return None;
    }
    let (h, m): (f64, f64) = (raw[..2].parse().ok()?, raw[2..].parse().ok()?);
    (h < 24.0 && m < 60.0).then_some(h + m / 60.0)
}

/// The unit, value and end token of a clock time whose number ends before token `j`: the
/// meridiem ("a.m.", "pm", glued or not) makes it a 24-hour time, a time zone after it
/// names the clock ("clock:gmt"), and a time of unknown half of the day is compared on the
/// 12-hour dial ("clock12"). Two times on different clocks are never compared.
fn clock_unit(tokens: &[Token], mut j: usize, value: f64, clock: Clock) -> (String, f64, usize) {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_ref());
    let mut pm = clock.pm;
    match (word(j), word(j + 1)) {
        (Some("a" | "am"), Some("m")) | (Some("p" | "pm"), Some("m")) if pm.is_none() => {
            pm = Some(word(j) == Some("p") || word(j) == Some("pm"));
            j += 2;
        }
        (Some("am" | "pm" | "a.m" | "p.m" | "a.m." | "p.m."), _) if pm.is_none() => {
            pm = Some(word(j).is_some_and(|w| w.starts_with('p')));
            j += 1;
        }
        _ => {}
    }
    let hours = match pm {
        Some(true) if value < 12.0 => value + 12.0,
        Some(false) if value >= 12.0 => value - 12.0,
        _ => value,
    };
    let dial = if pm.is_some() || clock.twenty_four {
        "clock"
    } else {
        "clock12"
    };
    let value = if dial == "clock12" {
        hours % 12.0
    } else {
        hours
    };
    let zone = word(j).filter(|w| TIME_ZONES.contains(w));
    let unit = match zone {
        Some(z) => format!("{dial}:{z}"),
        None => dial.to_string(),
    };
    (unit, value, j + usize::from(zone.is_some()))
}

/// The one- or two-word phrase before token `i`, lower case.
fn phrase_before(tokens: &[Token], i: usize, words: usize) -> Option<String> {
    if i < words {
        return None;
    }
    Some(
        tokens[i - words..i]
            .iter()
            .map(|t| t.lower.as_ref())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// How the text qualifies the number starting at token `i`: a bound or an approximation.
fn qualifier(tokens: &[Token], i: usize) -> (Bound, bool) {
    for n in [3, 2, 1] {
        let Some(p) = phrase_before(tokens, i, n) else {
            continue;
        };
        if AT_MOST.contains(&p.as_str()) {
            return (Bound::AtMost, false);
        }
        if AT_LEAST.contains(&p.as_str()) {
            return (Bound::AtLeast, false);
        }
    }
    let approx = (1..=2).any(|n| {
        i >= n
            && APPROX.contains(&tokens[i - n].lower.as_ref())
            // "some 2,700", "an estimated 2,700", "около 2,5"
            && tokens[i - n + 1..i].iter().all(|t| matches!(t.lower.as_ref(), "an" | "a" | "estimated" | "the"))
    });
    (Bound::Around, approx)
}

/// Square metres in one square unit of the length `lower` names ("foot", "feet", "ft",
/// "metre(s)", "meter(s)", "m", "yard(s)", "mile(s)", "kilometre(s)", "km").
fn square_metres_per(lower: &str) -> Option<f64> {
    Some(match lower {
        "foot" | "feet" | "ft" => 0.092_903,
        "metre" | "metres" | "meter" | "meters" | "m" => 1.0,
        "yard" | "yards" | "yd" => 0.836_127,
        "mile" | "miles" | "mi" => 2_589_988.0,
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" => 1e6,
        _ => return None,
    })
}

/// "dozens of", "hundreds of", "thousands of", "millions of", "tens of thousands of" with no
/// figure before them: at least two of the scale ("thousands of protesters" is 2,000 or
/// more, so not "about 200 protesters": a new user's missed contradiction, session 15), the
/// unit the word after "of". English only; the text is filled in by the caller. Returns
/// the quantity and the token after it.
fn vague_plural(tokens: &[Token], i: usize) -> Option<(Quantity, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_ref());
    let scale = |w: Option<&str>| match w {
        Some("dozens") => Some(12.0),
        Some("hundreds") => Some(1e2),
        Some("thousands") => Some(1e3),
        Some("millions") => Some(1e6),
        Some("billions") => Some(1e9),
        _ => None,
    };
    if i > 0 && tokens[i - 1].kind == TokenKind::Number {
        return None;
    }
    let (value, mut k) = match (word(i), word(i + 1), scale(word(i + 2))) {
        // "tens of thousands", "hundreds of millions"
        (Some("tens"), Some("of"), Some(s)) => (20.0 * s, i + 3),
        (w, _, Some(s)) if scale(w).is_some() && word(i + 1) == Some("of") => {
            (2.0 * scale(w)? * s, i + 3)
        }
        (w, _, _) => (2.0 * scale(w)?, i + 1),
    };
    if word(k) != Some("of") {
        return None;
    }
    k += 1;
    let noun = tokens.get(k).filter(|t| t.kind == TokenKind::Word)?;
    let q = Quantity {
        text: String::new(),
        value: Some(value),
        unit: Some(normalise_unit(&noun.stem)),
        tolerance: 0.0,
        bound: Bound::AtLeast,
    };
    Some((q, k + 1))
}

/// [`qualifier`] for a time of day: "after 3:30", "shortly after", "just after" leave the
/// time open later; "before", "by", "shortly before" open it earlier ("shortly after 3:30
/// a.m." and "3:33 a.m." agree: a new user's false contrast, session 15).
fn clock_qualifier(tokens: &[Token], i: usize) -> (Bound, bool) {
    let word = |n: usize| (i >= n).then(|| tokens[i - n].lower.as_ref());
    let about = matches!(
        word(1),
        Some("about" | "around" | "approximately" | "roughly")
    );
    match word(1) {
        Some("after") => (Bound::AtLeast, false),
        Some("before" | "by") => (Bound::AtMost, false),
        Some("at") if matches!(word(2), Some("about" | "around")) => (Bound::Around, true),
        _ => (Bound::Around, about),
    }
}

/// The factor by which two sums of one currency must differ to contradict each other in
/// claims that agree on a figure in another unit ("a two-year contract worth €35 million" /
/// "… €25 million": a factor of 1.4, a new user's disputed figure shown as shared, session
/// 16). Closer sums beside a figure in common are a price quoted at two moments ("$9.99" /
/// "$9.95", "C$16.93" / "C$16.90": MRPC paraphrases, which a factor of 1.0 turned into
/// contrasts, MRPC accuracy 0.7623 -> 0.7610), as counts are (`contrast.rs`). At 1.2 ECB+
/// lost 3 contrasting links of gold-coreferent claims (recall 0.301 -> 0.299, under its
/// guard); 1.02 keeps both (MRPC 0.7623, ECB+ 0.301).
pub const SUM_APART_FACTOR: f64 = 1.02;

/// True when `unit` is a currency ([`is_currency`]) and the sums `x` and `y` (same sign)
/// differ by at least [`SUM_APART_FACTOR`].
pub fn sums_apart(unit: &str, x: f64, y: f64) -> bool {
    let (lo, hi) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
    is_currency(unit) && x.signum() == y.signum() && lo > 0.0 && hi / lo >= SUM_APART_FACTOR
}

/// Words that give a figure for a whole area rather than one place ("1,200 employees in
/// Ohio" / "9,000 employees worldwide").
const AREA_WORDS: &[&str] = &[
    "worldwide",
    "globally",
    "nationwide",
    "nationally",
    "statewide",
    "overseas",
    "abroad",
    "domestically",
];

/// The months and the places a claim gives its figures for, lower case, in two lists:
/// months after "in", "during", "for" or "of" ("in may"), places a capitalised word after
/// "in" names ("in ohio", "in new york"; not a month or a weekday) and area words
/// ([`AREA_WORDS`]). English.
fn figure_scope(tokens: &[Token]) -> (Vec<String>, Vec<String>) {
    let (mut months, mut places) = (Vec::new(), Vec::new());
    for (i, t) in tokens.iter().enumerate() {
        if AREA_WORDS.contains(&t.lower.as_ref()) {
            places.push(t.lower.to_string());
        }
        let Some(next) = tokens.get(i + 1) else {
            continue;
        };
        let after = matches!(t.lower.as_ref(), "in" | "during" | "for" | "of");
        if after && next.capitalised && is_month_name(&next.lower) {
            months.push(next.lower.to_string());
        } else if t.lower.as_ref() == "in"
            && next.capitalised
            && next.kind == TokenKind::Word
            && !super::text::is_weekday(&next.lower)
        {
            // the name's words, one space apart ("in America," Kerry said: "america")
            let mut name = vec![next.lower.as_ref()];
            for (prev, n) in tokens[i + 1..].iter().zip(&tokens[i + 2..]) {
                if !(n.capitalised && n.kind == TokenKind::Word && n.start == prev.end + 1) {
                    break;
                }
                name.push(n.lower.as_ref());
            }
            places.push(name.join(" "));
        }
    }
    (months, places)
}

/// True when two claims give their figures for different months or places: each names a
/// month (or a place) and none of one claim's is the other's ("559,000 jobs in May" /
/// "266,000 jobs in April"; "1,200 employees in Ohio" / "9,000 employees worldwide"). Their
/// figures are two measures, not one figure given twice (a new user's false contrasts,
/// session 16). A claim that names none leaves the question open: no difference.
pub fn scopes_differ(a: &[Token], b: &[Token]) -> bool {
    let ((ma, pa), (mb, pb)) = (figure_scope(a), figure_scope(b));
    let disjoint = |x: &[String], y: &[String]| {
        !x.is_empty() && !y.is_empty() && !x.iter().any(|w| y.contains(w))
    };
    disjoint(&ma, &mb) || disjoint(&pa, &pb)
}

/// Finds the quantities of a claim, in order; `text` is the claim text the tokens index.
pub fn find_quantities(text: &str, tokens: &[Token], lang: Lang) -> Vec<Quantity> {
    let mut out = Vec::new();
    // the byte range of each quantity in `out`
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if part_of_a_name(text, tokens, i) {
            i += 1;
            continue;
        }
        if let Some((q, next)) = vague_plural(tokens, i) {
            spans.push((tokens[i].start, tokens[next - 1].end));
            i = next;
            out.push(Quantity {
                text: text[spans[spans.len() - 1].0..spans[spans.len() - 1].1].to_string(),
                ..q
            });
            continue;
        }
        let Some(first) = read_number(text, tokens, i, lang) else {
            i += 1;
            continue;
        };
        let t = &tokens[i];
        if let Some(clock) = first.clock {
            let (unit, value, j) = clock_unit(tokens, first.next, first.value, clock);
            let (bound, approx) = clock_qualifier(tokens, i);
            let start = t.start;
            let end = tokens[j - 1].end;
            spans.push((start, end));
            out.push(Quantity {
                text: text[start..end].to_string(),
                value: Some(value),
                unit: Some(unit),
                // an approximate time: ten minutes either way
                tolerance: if approx { 10.0 / 60.0 } else { first.precision },
                bound,
            });
            i = j;
            continue;
        }
        let (bound, mut approx) = qualifier(tokens, i);
        let mut value = first.value;
        let mut tolerance = first.precision;
        let mut j = first.next;
        let mut scaled = first.scaled;

        // a range: "20-30", "20 to 30", "between 20 and 30", "от 20 до 30"
        let before = |n: usize, w: &[&str]| i >= n && w.contains(&tokens[i - n].lower.as_ref());
        let sep = gap(text, tokens, j - 1, j).trim();
        let word_sep = tokens.get(j).map(|x| x.lower.as_ref());
        let second_at = if matches!(sep, "-" | "\u{2013}" | "\u{2014}")
            && tokens.get(j).is_some_and(|x| x.kind == TokenKind::Number)
        {
            Some(j)
        } else if sep.is_empty()
            && ((word_sep == Some("to") && !before(1, &["from"]))
                || (word_sep == Some("and") && before(1, &["between"]))
                || (word_sep == Some("до") && before(1, &["от"]))
                || (word_sep == Some("и") && before(1, &["между"])))
        {
            Some(j + 1)
        } else {
            None
        };
        if let Some(k) = second_at
            && let Some(second) = read_number(text, tokens, k, lang)
        {
            let mut lo = first.value;
            let hi = second.value;
            // "2 to 3 million": the scale of the second applies to the first
            if second.scaled && !first.scaled {
                let factor = scale_factor(text, tokens, k, second.next, lang);
                lo *= factor;
                scaled = true;
            }
            if lo < hi {
                value = (lo + hi) / 2.0;
                tolerance = (hi - lo) / 2.0 + first.precision.max(second.precision);
                j = second.next;
            }
        }

        // "2,700 or so", "30-odd"
        if tokens.get(j).is_some_and(|x| x.lower.as_ref() == "odd")
            && matches!(gap(text, tokens, j - 1, j), "-" | " ")
        {
            approx = true;
            j += 1;
        } else if tokens.get(j).is_some_and(|x| x.lower.as_ref() == "or")
            && tokens.get(j + 1).is_some_and(|x| x.lower.as_ref() == "so")
        {
            approx = true;
            j += 2;
        }
        if approx {
            tolerance = tolerance.max(value.abs() * 0.1);
        }

        let mut unit = first.glued_unit.clone();
        let mut end = tokens[j - 1].end;
        // a date: "March 18", "18 March", "18 марта"
        let prev_month = i > 0 && is_month(&tokens[i - 1], lang);
        let after = &text[end..];
        if unit.is_some() {
            // glued to the digits: "10km"
        } else if let Some(c) = currency_before(&text[..t.start]) {
            unit = Some(c.to_string());
        } else if let Some(next) = tokens.get(j)
            && is_month(next, lang)
            && !scaled
        {
            unit = Some(format!("date:{}", month_key(&next.lower)));
            end = next.end;
            j += 1;
        } else if prev_month && !scaled && value <= 31.0 {
            unit = Some(format!("date:{}", month_key(&tokens[i - 1].lower)));
        } else if (1900.0..=2100.0).contains(&value)
            && t.kind == TokenKind::Number
            && t.end - t.start == 4
            && j == i + 1
        {
            unit = Some("year".to_string());
        } else if after.trim_start().starts_with('%') && leading_spaces(after) <= 1 {
            unit = Some("%".to_string());
            end += after.find('%').unwrap_or(0) + 1;
        } else if let Some(c) = currency_after(after).filter(|_| leading_spaces(after) <= 1) {
            unit = Some(c.to_string());
        } else if let Some((c, k)) = currency_name_at(tokens, j)
            && matches!(gap(text, tokens, j - 1, j).trim(), "" | "-")
        {
            // "35 million Swiss francs", "2 billion yen", "40-million-euro"
            unit = Some(c.to_string());
            end = tokens[k - 1].end;
            j = k;
        } else if let Some(next) = tokens.get(j)
            && next.kind == TokenKind::Word
            && word_value(next, lang).is_none()
            && !NOT_UNITS.contains(&next.lower.as_ref())
        {
            let glue = gap(text, tokens, j - 1, j);
            if glue.trim().is_empty() || glue == "-" {
                unit = Some(normalise_unit(&next.stem));
                end = next.end;
                j += 1;
                // "170,000-square-foot", "15,800 square metres": one area, in m²
                if matches!(next.lower.as_ref(), "square" | "sq")
                    && let Some(length) = tokens.get(j)
                    && let Some(m2) = square_metres_per(&length.lower)
                    && matches!(gap(text, tokens, j - 1, j).trim(), "" | "-" | ".")
                {
                    unit = Some("m2".to_string());
                    value *= m2;
                    tolerance *= m2;
                    end = length.end;
                    j += 1;
                }
            }
        } else if let Some(next) = tokens.get(j)
            && next.lower.as_ref() == "per"
            && tokens
                .get(j + 1)
                .is_some_and(|x| x.lower.as_ref() == "cent")
        {
            unit = Some("%".to_string());
            end = tokens[j + 1].end;
            j += 2;
        }
        // "billion dollars" after a scale word: the currency is the unit
        if unit.as_deref().is_some_and(|u| u == "dollar") {
            unit = Some("usd".into());
        }
        let start = if prev_month && unit.as_deref().is_some_and(|u| u.starts_with("date")) {
            tokens[i - 1].start
        } else {
            t.start
        };
        if is_conversion(text, start, &out, &spans, unit.as_deref()) {
            i = j.max(i + 1);
            continue;
        }
        spans.push((start, end.max(start)));
        out.push(Quantity {
            text: text[start..end.max(start)].to_string(),
            value: Some(value),
            unit,
            tolerance,
            bound,
        });
        i = j.max(i + 1);
    }
    out
}

/// True when the number at token `i` is hyphenated to a capitalised word before it: the
/// number of a name ("COVID-19", "F-16", "MH-17"), which counts nothing. A tester's
/// "died at the age of 84 due to complications from COVID-19" against "… 85 …" agreed on
/// the figure 19 and so on everything.
fn part_of_a_name(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens[i].kind == TokenKind::Number
        && tokens[i - 1].kind == TokenKind::Word
        && gap(text, tokens, i - 1, i) == "-"
        && text[tokens[i - 1].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// How many whitespace characters `s` starts with.
fn leading_spaces(s: &str) -> usize {
    s.chars().take_while(|c| c.is_whitespace()).count()
}

/// The product of the scale words between tokens `from` and `to`.
fn scale_factor(text: &str, tokens: &[Token], from: usize, to: usize, lang: Lang) -> f64 {
    let mut f = 1.0;
    for t in &tokens[from..to.min(tokens.len())] {
        if t.kind == TokenKind::Word
            && let Some(s) = scale_of(&t.lower, lang)
        {
            f *= s;
        } else if t.kind == TokenKind::Number
            && let Some((_, _, suffix)) = parse_digits(&text[t.start..t.end], lang)
            && let Some(s) = scale_of(&money_suffix(suffix, &text[..t.start]), lang)
        {
            f *= s;
        }
    }
    f
}

fn month_key(m: &str) -> String {
    m.chars().take(3).collect()
}

/// The interval a quantity allows: `value ± tolerance`, open on one side for bounds.
pub fn interval(q: &Quantity) -> Option<(f64, f64)> {
    let v = q.value?;
    let t = q.tolerance.abs();
    Some(match q.bound {
        Bound::Around => (v - t, v + t),
        Bound::AtLeast => (v - t, f64::INFINITY),
        Bound::AtMost => (f64::NEG_INFINITY, v + t),
    })
}

/// Minutes in one of a duration unit ([`normalise_unit`]'s names); `None` for other units.
/// Months and years are left alone: they vary in length, and "years" counts ages as often
/// as spans of time.
fn minutes_per(unit: &str) -> Option<f64> {
    match unit {
        "minute" => Some(1.0),
        "hour" => Some(60.0),
        "day" => Some(24.0 * 60.0),
        "week" => Some(7.0 * 24.0 * 60.0),
        _ => None,
    }
}

/// The unit under which two quantities are compared: durations all as `"minute"` ("90
/// minutes" and "two and a half hours" are two figures for one length of time), any other
/// unit as written; `None` without a unit.
pub fn comparable_unit(q: &Quantity) -> Option<&str> {
    let u = q.unit.as_deref()?;
    Some(if minutes_per(u).is_some() {
        "minute"
    } else {
        u
    })
}

/// [`interval`] in the unit of [`comparable_unit`] (durations in minutes).
fn comparable_interval(q: &Quantity) -> Option<(f64, f64)> {
    let f = q.unit.as_deref().and_then(minutes_per).unwrap_or(1.0);
    interval(q).map(|(lo, hi)| (lo * f, hi * f))
}

/// True when `whole` is a whole number stated exactly (no bound, no approximation) that
/// `precise`, which has decimals, rounds to: "17 percent" may be "17.3 percent" rounded,
/// "$28" "$28.20" (MRPC train pairs); "2 hours" is not "2.5 hours", which rounds to 3.
/// Durations are compared in minutes, the half unit in `whole`'s unit.
fn rounds_to(whole: &Quantity, precise: &Quantity) -> bool {
    let factor = |q: &Quantity| q.unit.as_deref().and_then(minutes_per).unwrap_or(1.0);
    let (Some(w), Some(p)) = (whole.value, precise.value) else {
        return false;
    };
    whole.tolerance == 0.0
        && whole.bound == Bound::Around
        && w.fract() == 0.0
        && p.fract() != 0.0
        && (p * factor(precise) - w * factor(whole)).abs() < 0.5 * factor(whole)
}

/// True when two quantities can be the same figure, given how precisely each is stated
/// (durations compared in minutes, [`comparable_unit`]; a whole number against one with
/// decimals as rounded, [`rounds_to`]).
pub fn compatible(a: &Quantity, b: &Quantity) -> bool {
    let (Some((alo, ahi)), Some((blo, bhi))) = (comparable_interval(a), comparable_interval(b))
    else {
        return false;
    };
    if rounds_to(a, b) || rounds_to(b, a) {
        return true;
    }
    // rounding noise of the parse itself ("2,5" read as 2.5000000001)
    let eps = 1e-9 * (1.0 + alo.abs().min(ahi.abs()).max(blo.abs().min(bhi.abs())));
    let overlap = ahi.min(bhi) - alo.max(blo);
    // two figures stated to a precision that only touch at the edge are two roundings of
    // different values ("5.8%" ±0.05 and "5.9%" ±0.05 meet at 5.85 only: a new user's
    // missed contrast, session 16); an exact figure on the edge of a bound is within it
    let point = |lo: f64, hi: f64| hi - lo <= eps;
    let bounded = a.bound != Bound::Around || b.bound != Bound::Around;
    overlap > eps || (overlap >= -eps && (bounded || point(alo, ahi) || point(blo, bhi)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    #[test]
    fn a_clock_time_a_dozen_and_a_month_with_its_year() {
        let t = q("at 3:22 p.m. on Friday", Lang::En);
        assert_eq!(t.len(), 1);
        assert!((t[0].0 - (15.0 + 22.0 / 60.0)).abs() < 1e-9);
        assert_eq!(q("some three dozen troops", Lang::En)[0].0, 36.0);
        // "January 1996" is a month of a year, not the 1996th day of January
        assert_ne!(
            q("In January 1996, two models were arrested.", Lang::En)[0].1,
            Some("date:jan".to_string())
        );
    }

    #[test]
    fn clock_times_are_read_on_their_dial_and_clock() {
        let unit_value = |t: &str| {
            let q = one(t, Lang::En);
            (
                q.unit.unwrap_or_default(),
                (q.value.unwrap_or(f64::NAN) * 60.0).round(),
            )
        };
        // a glued "pm", a 24-hour time and a military time with its zone
        assert_eq!(unit_value("at 6:41pm PST"), ("clock:pst".into(), 1121.0));
        assert_eq!(
            unit_value("at 18:41 this evening"),
            ("clock".into(), 1121.0)
        );
        assert_eq!(unit_value("(0241 GMT Friday)"), ("clock:gmt".into(), 161.0));
        assert_eq!(
            unit_value("(02:41 GMT Friday)"),
            ("clock:gmt".into(), 161.0)
        );
        assert_eq!(unit_value("at 4:30 p.m. ET"), ("clock:et".into(), 990.0));
        // no half of the day given: the 12-hour dial
        assert_eq!(unit_value("at 3:30 Tuesday"), ("clock12".into(), 210.0));
        // not minutes: no clock, and no panic on a multi-byte letter
        assert!(
            q("at 3:o\u{2019}clock", Lang::En)
                .iter()
                .all(|x| x.1.as_deref() != Some("clock12"))
        );
        let after = one("shortly after 3:30 a.m. Tuesday", Lang::En);
        assert_eq!(after.bound, Bound::AtLeast);
        assert!(compatible(&after, &one("at 3:33 a.m. Tuesday", Lang::En)));
        assert!(!compatible(
            &one("at 3:30 a.m. Tuesday", Lang::En),
            &one("at 3:33 a.m. Tuesday", Lang::En)
        ));
    }

    #[test]
    fn vague_plurals_are_lower_bounds_and_pc_is_per_cent() {
        let t = one("Thousands of protesters marched on Sunday.", Lang::En);
        assert_eq!((t.value, t.bound), (Some(2000.0), Bound::AtLeast));
        assert!(!compatible(
            &t,
            &one("About 200 protesters marched.", Lang::En)
        ));
        assert!(compatible(
            &t,
            &one("Some 5,000 protesters marched.", Lang::En)
        ));
        assert_eq!(
            one("tens of thousands of people", Lang::En).value,
            Some(20_000.0)
        );
        // a figure before the plural is the figure ("two dozen"), not a vague one
        assert_eq!(one("three dozen troops", Lang::En).value, Some(36.0));
        assert_eq!(
            one("Inflation rose 4.2pc in April.", Lang::En)
                .unit
                .as_deref(),
            Some("%")
        );
    }

    #[test]
    fn an_area_in_square_feet_is_the_same_area_in_square_metres() {
        let ft = one("The 170,000-square-foot building houses offices.", Lang::En);
        let m = one("The 15,800-square-metre building houses offices.", Lang::En);
        assert_eq!(ft.unit.as_deref(), Some("m2"));
        assert!(compatible(&ft, &m), "{ft:?} {m:?}");
        assert!(!compatible(
            &ft,
            &one("The 25,000 square metres building.", Lang::En)
        ));
    }

    #[test]
    fn money_shorthand_mm_is_a_million() {
        let r = one("a deal worth $140-150MM", Lang::En);
        assert_eq!(r.value, Some(145e6));
        assert!(compatible(
            &r,
            &one("worth between $140 million and $150 million", Lang::En)
        ));
        assert_eq!(one("a 150mm gun", Lang::En).value, Some(150.0));
    }

    #[test]
    fn the_number_of_a_name_is_no_quantity() {
        assert!(q("He died of COVID-19 complications.", Lang::En).is_empty());
        assert!(q("Two F-16 jets flew over.", Lang::En).len() == 1);
        // a lower-case prefix is still a figure ("mid-2020", "over-65s")
        assert_eq!(q("by mid-2020", Lang::En).len(), 1);
    }

    fn q(t: &str, lang: Lang) -> Vec<(f64, Option<String>)> {
        find_quantities(t, &tokenize(t, lang), lang)
            .into_iter()
            .map(|q| (q.value.unwrap_or(f64::NAN), q.unit))
            .collect()
    }

    fn one(t: &str, lang: Lang) -> Quantity {
        let all = find_quantities(t, &tokenize(t, lang), lang);
        assert_eq!(all.len(), 1, "{t}: {all:?}");
        all.into_iter().next().expect("one quantity")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
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
                (2.5e9, Some("usd".into())),
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
        assert_eq!(
            q("for 30 months", Lang::En),
            vec![(30.0, Some("month".into()))]
        );
    }

    #[test]
    fn russian_numbers() {
        let r = q("перемирие на 30 дней, обмен 175 на 175, 18 марта", Lang::Ru);
        assert_eq!(r[0], (30.0, Some("day".into())));
        assert_eq!(r[3], (18.0, Some("date:мар".into())));
    }

    #[test]
    fn decimal_commas_and_space_grouped_thousands() {
        let r = one("Разговор длился 2,5 часа.", Lang::Ru);
        assert_eq!((r.value, r.unit.as_deref()), (Some(2.5), Some("hour")));
        assert!(close(r.tolerance, 0.05), "{r:?}");
        assert_eq!(q("инфляция 9,5%", Lang::Ru), vec![(9.5, Some("%".into()))]);
        assert_eq!(q("инфляция 9,5 %", Lang::Ru), vec![(9.5, Some("%".into()))]);
        let r = one("3,5 млрд долларов", Lang::Ru);
        assert!(close(r.value.unwrap_or(0.0), 3.5e9), "{r:?}");
        assert_eq!(r.unit.as_deref(), Some("usd"));
        for t in [
            "1 500 человек",
            "1\u{a0}500 человек",
            "1\u{2009}500 человек",
        ] {
            assert_eq!(q(t, Lang::Ru), vec![(1500.0, Some("person".into()))], "{t}");
        }
        assert_eq!(
            q("12 000 000 руб.", Lang::Ru),
            vec![(12e6, Some("rub".into()))]
        );
        assert_eq!(q("1,500 troops", Lang::En)[0].0, 1500.0);
        assert_eq!(q("1.500,5 euros", Lang::En)[0].0, 1500.5);
        assert_eq!(q("1,500.5 euros", Lang::En)[0].0, 1500.5);
    }

    #[test]
    fn scales_currencies_and_suffixes() {
        let r = one("a $3.5bn package", Lang::En);
        assert!(close(r.value.unwrap_or(0.0), 3.5e9), "{r:?}");
        assert_eq!(r.unit.as_deref(), Some("usd"));
        assert_eq!(r.text, "3.5bn");
        assert!(close(one("£40m", Lang::En).value.unwrap_or(0.0), 40e6));
        assert!(close(one("$250k", Lang::En).value.unwrap_or(0.0), 250e3));
        assert!(close(
            one("two hundred soldiers", Lang::En).value.unwrap_or(0.0),
            200.0
        ));
        // "5 m" is five metres, not five million
        assert_eq!(one("a 5 m wall", Lang::En).value, Some(5.0));
        // the country code glued to the digits, and a conversion in parentheses, which
        // restates the sum (session 14)
        let r = one(
            "estimated at $US1 million ($1.52 million), police said",
            Lang::En,
        );
        assert!(close(r.value.unwrap_or(0.0), 1e6), "{r:?}");
        assert_eq!(r.unit.as_deref(), Some("usd"));
        assert_eq!(q("cost £800 ($1,000) a month", Lang::En).len(), 1);
        // two sums in a row that are not a conversion stay two figures
        assert_eq!(q("$5 million and $7 million", Lang::En).len(), 2);
    }

    fn mismatch(a: &str, b: &str) -> Option<String> {
        let (qa, qb) = (
            find_quantities(a, &tokenize(a, Lang::En), Lang::En),
            find_quantities(b, &tokenize(b, Lang::En), Lang::En),
        );
        currency_mismatch(&qa, a, &qb, b)
    }

    #[test]
    fn sums_in_two_currencies_are_not_one_figure() {
        // tester item 13: the currency stays with the figure
        assert_eq!(
            mismatch(
                "The deal is worth €2 million.",
                "The deal is worth $2 million."
            ),
            Some("currency: eur vs usd".to_string())
        );
        assert_eq!(
            mismatch(
                "The deal is worth £1.2bn.",
                "The deal is worth $1.2 billion."
            ),
            Some("currency: gbp vs usd".to_string())
        );
        // an ISO code before the digits is the currency
        let r = one("The deal is worth EUR 2 million.", Lang::En);
        assert_eq!(r.unit.as_deref(), Some("eur"));
        assert!(close(r.value.unwrap_or(0.0), 2e6), "{r:?}");
        assert_eq!(
            mismatch("worth EUR 2 million", "worth $2 million"),
            Some("currency: eur vs usd".to_string())
        );
        // one currency, written two ways, or a conversion that names the other's currency
        assert_eq!(mismatch("worth €2 million", "worth 2 million euros"), None);
        // different numerals: a converted figure, left to the words (ECB+: one heist)
        assert_eq!(
            mismatch("jewellery worth 103 million euros", "jewellery worth £88m"),
            None
        );
        assert_eq!(mismatch("a 2 mn-euro heist", "a $2.6 million heist"), None);
        assert_eq!(
            mismatch("worth €5 million ($6 million)", "worth $6 million"),
            None
        );
        // a claim without a sum has nothing to mismatch
        assert_eq!(mismatch("worth €2 million", "It was a big deal."), None);
        assert_eq!(one("MEUR 2", Lang::En).unit, None);
    }

    #[test]
    fn a_sum_keeps_its_currency_beyond_the_four_signs() {
        // tester items 6 (session 16): names, prefixed dollars, ISO codes and signs
        let unit = |t: &str| one(t, Lang::En).unit;
        assert_eq!(unit("fined 35 million Swiss francs"), Some("chf".into()));
        assert_eq!(unit("fined 35 million francs"), Some("chf".into()));
        assert_eq!(unit("a 2 billion yen loss"), Some("jpy".into()));
        assert_eq!(unit("worth 3 billion yuan"), Some("cny".into()));
        assert_eq!(unit("worth 40 billion rupees"), Some("inr".into()));
        assert_eq!(unit("paid 5 million Danish kroner"), Some("dkk".into()));
        assert_eq!(unit("paid 5 million Hong Kong dollars"), Some("hkd".into()));
        assert_eq!(unit("paid 5 million US dollars"), Some("usd".into()));
        assert_eq!(unit("a C$35 million deal"), Some("cad".into()));
        assert_eq!(unit("a HK$35 million deal"), Some("hkd".into()));
        assert_eq!(unit("a US$35 million deal"), Some("usd".into()));
        assert_eq!(unit("a NZ$35 million deal"), Some("nzd".into()));
        assert_eq!(unit("a CHF 35 million fine"), Some("chf".into()));
        assert_eq!(unit("a ¥500 million fine"), Some("jpy".into()));
        assert!(close(
            one("fined 35 million Swiss francs", Lang::En)
                .value
                .unwrap_or(0.0),
            35e6
        ));
        assert_eq!(
            mismatch(
                "The company was fined 35 million Swiss francs.",
                "The company was fined 35 million euros."
            ),
            Some("currency: chf vs eur".to_string())
        );
        assert_eq!(
            mismatch("worth C$35 million", "worth $35 million"),
            Some("currency: cad vs usd".to_string())
        );
        assert_eq!(
            mismatch("worth HK$35 million", "worth US$35 million"),
            Some("currency: hkd vs usd".to_string())
        );
        // one currency written two ways is one sum
        assert_eq!(
            mismatch("worth C$35 million", "worth 35 million Canadian dollars"),
            None
        );
        assert_eq!(mismatch("worth US$35 million", "worth $35 million"), None);
        // a conversion naming the other's currency restates the sum
        assert_eq!(
            mismatch(
                "fined CHF 35 million (35 million euros)",
                "fined 35 million euros"
            ),
            None
        );
        // a capitalised word that is no code, and a word that is no currency
        assert_eq!(unit("the WHO 2 plan"), Some("plan".into()));
        assert_eq!(unit("paid $35 million"), Some("usd".into()));
    }

    #[test]
    fn figures_of_different_months_or_places_are_different_scopes() {
        let toks = |t: &str| tokenize(t, Lang::En);
        let differ = |a: &str, b: &str| scopes_differ(&toks(a), &toks(b));
        assert!(differ(
            "Employers added 559,000 jobs in May.",
            "Employers added 266,000 jobs in April."
        ));
        assert!(differ(
            "The company cut 1,200 employees in Ohio.",
            "The company cut 9,000 employees worldwide."
        ));
        assert!(differ(
            "Unemployment rose to 5% in Texas.",
            "Unemployment rose to 6% in New York."
        ));
        // the same month, or one claim naming none, leaves them one measure
        assert!(!differ(
            "The unemployment rate fell to 5.8% in May.",
            "The unemployment rate fell to 5.9% in May."
        ));
        assert!(!differ(
            "Employers added 559,000 jobs in May.",
            "Employers added 266,000 jobs."
        ));
        assert!(!differ(
            "5 died in Ohio on Monday.",
            "7 died in Ohio on Monday."
        ));
        // a place ends at its punctuation: "in America," Kerry said
        assert!(!differ(
            "the loss of 2.5 million jobs in America,\" said the senator.",
            "the loss of 2.7 million jobs in America,\" Kerry said."
        ));
        // "in Monday's blast" names no place
        assert!(!differ("5 died in Monday's blast.", "7 died in Ohio."));
    }

    #[test]
    fn a_compound_figure_split_after_its_comma_is_one_figure() {
        // tester item 10 (session 16): ECB+'s tokenised text
        let m = one("The 15, 800-square-metre building", Lang::En);
        let f = one("The 170, 000-square-foot building", Lang::En);
        assert_eq!(m.unit.as_deref(), Some("m2"));
        assert!(close(m.value.unwrap_or(0.0), 15_800.0), "{m:?}");
        assert!(
            close(f.value.unwrap_or(0.0), 170_000.0 * 0.092_903),
            "{f:?}"
        );
        // 15,800 m² is 170,000 sq ft
        assert!(compatible(&m, &f));
        // a comma between two counts stays a comma
        assert_eq!(q("Of the 12, 300 were hurt", Lang::En).len(), 2);
    }

    #[test]
    fn sums_apart_only_beyond_an_update() {
        assert!(sums_apart("eur", 35e6, 25e6));
        assert!(!sums_apart("usd", 9.99, 9.95));
        assert!(!sums_apart("%", 35.0, 25.0));
    }

    #[test]
    fn adjacent_roundings_are_different_figures() {
        let a = one("fell to 5.8%", Lang::En);
        let b = one("fell to 5.9%", Lang::En);
        assert!(!compatible(&a, &b), "{a:?} {b:?}");
        // bounds that meet are left open ("below 50" / "above 50": MRPC)
        assert!(compatible(
            &one("below 50 suggests", Lang::En),
            &one("above 50 suggests", Lang::En)
        ));
        // an exact figure on a bound's edge is within it
        assert!(compatible(
            &one("at least 767 people", Lang::En),
            &one("767 people", Lang::En)
        ));
        assert!(compatible(
            &one("fell to 5.8%", Lang::En),
            &one("fell to 5.80%", Lang::En)
        ));
    }

    #[test]
    fn words_and_fractions() {
        let r = one("lasted two and a half hours", Lang::En);
        assert_eq!((r.value, r.unit.as_deref()), (Some(2.5), Some("hour")));
        assert_eq!(
            one("длился два с половиной часа", Lang::Ru).value,
            Some(2.5)
        );
        assert_eq!(one("полтора часа", Lang::Ru).value, Some(1.5));
        assert_eq!(one("2½ hours", Lang::En).value, Some(2.5));
        assert_eq!(one("1/2 of the army", Lang::En).value, Some(0.5));
        assert_eq!(one("22 1/2 years in prison", Lang::En).value, Some(22.5));
    }

    #[test]
    fn ranges_approximations_and_bounds() {
        let r = one("between 20 and 30 drones", Lang::En);
        assert_eq!((r.value, r.tolerance), (Some(25.0), 5.0));
        assert_eq!(r.unit.as_deref(), Some("drone"));
        assert_eq!(one("20-30 drones", Lang::En).value, Some(25.0));
        assert_eq!(one("от 20 до 30 дронов", Lang::Ru).value, Some(25.0));
        let r = one("2 to 3 million people", Lang::En);
        assert!(close(r.value.unwrap_or(0.0), 2.5e6), "{r:?}");
        // "from 20 to 30" is a change, not a range
        assert_eq!(q("rose from 20 to 30", Lang::En).len(), 2);

        let some = one("some 2,700 people", Lang::En);
        assert!(some.tolerance >= 270.0, "{some:?}");
        let exact = one("2,702 people", Lang::En);
        assert!(close(exact.tolerance, 0.0));
        assert!(compatible(&some, &exact));
        assert!(close(one("2,700 people", Lang::En).tolerance, 50.0));
        assert!(one("около 2,5 часа", Lang::Ru).tolerance >= 0.25);
        assert!(one("почти 3 часа", Lang::Ru).tolerance >= 0.3);

        let more = one("more than two hours", Lang::En);
        assert_eq!(more.bound, Bound::AtLeast);
        assert!(compatible(&more, &one("2.5 hours", Lang::En)));
        // durations in other units are one scale
        assert!(compatible(
            &one("90 minutes", Lang::En),
            &one("1.5 hours", Lang::En)
        ));
        assert!(!compatible(
            &one("90 minutes", Lang::En),
            &one("two and a half hours", Lang::En)
        ));
        assert!(compatible(
            &one("two days", Lang::En),
            &one("48 hours", Lang::En)
        ));
        assert!(!compatible(&more, &one("1.5 hours", Lang::En)));
        assert_eq!(one("no more than 5 hours", Lang::En).bound, Bound::AtMost);
        assert_eq!(one("свыше 100 человек", Lang::Ru).bound, Bound::AtLeast);
        assert_eq!(one("не более 100 человек", Lang::Ru).bound, Bound::AtMost);
    }

    #[test]
    fn one_digit_with_a_scale_word_is_rounded() {
        let trillion = one("a nearly $1 trillion bill", Lang::En);
        assert!(compatible(
            &trillion,
            &one("the $1.2 trillion bill", Lang::En)
        ));
        assert!(compatible(
            &one("$1 trillion", Lang::En),
            &one("$1.2 trillion", Lang::En)
        ));
        assert!(compatible(
            &one("3 million people", Lang::En),
            &one("3.3 million people", Lang::En)
        ));
        // the next digit, and figures stated more precisely, still differ
        assert!(!compatible(
            &one("$1 trillion", Lang::En),
            &one("$2 trillion", Lang::En)
        ));
        assert!(!compatible(
            &one("$1 trillion", Lang::En),
            &one("$3.5 trillion", Lang::En)
        ));
        assert!(!compatible(
            &one("1.0 trillion", Lang::En),
            &one("1.2 trillion", Lang::En)
        ));
        assert!(!compatible(&one("$1bn", Lang::En), &one("$2bn", Lang::En)));
        assert!(!compatible(
            &one("12 million", Lang::En),
            &one("15 million", Lang::En)
        ));
    }

    #[test]
    fn exact_figures_still_differ() {
        assert!(!compatible(
            &one("30 days", Lang::En),
            &one("31 days", Lang::En)
        ));
        assert!(!compatible(
            &one("2 hours", Lang::En),
            &one("2.5 hours", Lang::En)
        ));
        assert!(compatible(
            &one("two and a half hours", Lang::En),
            &one("about 2.5 hours", Lang::En)
        ));
    }
}
