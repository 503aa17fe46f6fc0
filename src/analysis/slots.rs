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
//! different participant in the same place ("Biden won" / "Trump won") and different
//! weekdays turned 305 and 9 MRPC paraphrases into non-paraphrases (aliases such as "Bush" /
//! "George Bush", reporting days such as "could not be reached Wednesday").

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;
    use crate::analysis::text::Lang;

    fn c(t: &str) -> ClaimFeatures {
        analyse_claim(t, Lang::En)
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
