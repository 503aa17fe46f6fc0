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

/// A claim's weekdays, each with the stem of the word it dates: the nearest word before it
/// that is not a [`DAY_LINKS`] word ("died" in "died on Monday"); `None` at the claim's start.
fn dated_acts(c: &ClaimFeatures) -> Vec<(usize, Option<&str>)> {
    c.tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| super::text::is_weekday(&t.lower))
        .map(|(i, _)| {
            let act = c.tokens[..i]
                .iter()
                .rev()
                .find(|t| !DAY_LINKS.contains(&&*t.lower))
                .map(|t| &*t.stem);
            (i, act)
        })
        .collect()
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

/// Two different weekdays dating the same act in claims that otherwise state one
/// proposition ("Powell died on Monday" / "Powell died on Sunday"): `"date: monday vs
/// sunday"`. A weekday both claims name means they agree on a day; the day a statement was
/// made ("said Monday" / "said on Tuesday") and days of different acts are no conflict.
pub fn weekday_conflict(a: &ClaimFeatures, b: &ClaimFeatures) -> Option<String> {
    let (da, db) = (dated_acts(a), dated_acts(b));
    let day = |c: &ClaimFeatures, i: usize| c.tokens[i].lower.clone();
    if da
        .iter()
        .any(|&(i, _)| db.iter().any(|&(j, _)| day(a, i) == day(b, j)))
    {
        return None;
    }
    da.iter().find_map(|&(i, act)| {
        let act = act?;
        let &(j, _) = db.iter().find(|&&(_, other)| other == Some(act))?;
        (!reporting(act, &a.tokens)).then(|| format!("date: {} vs {}", day(a, i), day(b, j)))
    })
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
}
