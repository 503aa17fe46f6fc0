//! Same-fact evidence that shared words miss: a distinctive figure stated in one unit, with a
//! name in common ("the 2m euro haul" in two outlets' leads about one robbery; "Miller is
//! averaging 15.5 points" told twice). Called by
//! [`crate::analysis::contrast::same_fact_with`] after its oppositions (negation on one side
//! only, conflicting figures, sums in different currencies) have been ruled out.
//!
//! A figure is distinctive when it has a unit other than years (ages, "eight-year deal" and
//! spans of years recur through a story) and is not a small count: it has decimals (5.9,
//! 15.5), is a sum of money, or is above [`SMALL_COUNT`]. Both claims must state it
//! exactly, without approximation or bound ("more than 10 people" is no figure of one
//! fact), and must share a name and a word that says what happened, so that two claims
//! that only repeat a story's headline figure in passing ("the $2 million raid was the
//! latest in a spate") do not meet on the figure alone.

use super::claim::ClaimFeatures;
use super::model::{Bound, Quantity};
use super::quantities::{comparable_unit, compatible, is_currency};
use super::similarity::SharedContent;

/// Counts up to this (without decimals or a currency) are too common to mark one fact:
/// "two people", "10 villages".
pub const SMALL_COUNT: f64 = 10.0;

/// True when `q` marks one fact by itself: an exact figure with a unit that is not years,
/// and either decimals, a currency or a value above [`SMALL_COUNT`].
fn distinctive(q: &Quantity) -> bool {
    let (Some(v), Some(unit)) = (q.value, comparable_unit(q)) else {
        return false;
    };
    if unit == "years" || q.bound != Bound::Around || q.tolerance > v.abs() * 0.01 {
        return false;
    }
    v.fract() != 0.0 || is_currency(unit) || v > SMALL_COUNT
}

/// The distinctive figure two claims state alike ([`distinctive`], one unit, compatible
/// values), as the first claim writes it.
fn figure_in_common<'a>(a: &'a ClaimFeatures, b: &ClaimFeatures) -> Option<&'a Quantity> {
    a.quantities.iter().find(|x| {
        distinctive(x)
            && b.quantities.iter().any(|y| {
                distinctive(y) && comparable_unit(x) == comparable_unit(y) && compatible(x, y)
            })
    })
}

/// True when two sorted key lists share a key.
fn name_in_common(a: &[String], b: &[String]) -> bool {
    a.iter().any(|k| b.binary_search(k).is_ok())
}

/// The reason two claims state one fact by a distinctive figure with a name in common, or
/// `None`. `shared`: the content the pair shares (at least one predicate term is needed).
pub fn figure_and_name(
    a: &ClaimFeatures,
    b: &ClaimFeatures,
    shared: &SharedContent,
) -> Option<String> {
    // no figure on one side: nothing to find (the cheap test before the names')
    if shared.predicate_terms < 1
        || a.quantities.is_empty()
        || b.quantities.is_empty()
        || !name_in_common(&a.entity_keys, &b.entity_keys)
    {
        return None;
    }
    figure_in_common(a, b).map(|q| format!("same fact: the figure {} and a name in common", q.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::contrast::tests::scored;
    use crate::analysis::similarity::Similarity;

    fn verdict(x: &str, y: &str) -> Option<String> {
        let (c, sim) = scored(&[x, y]);
        figure_and_name(&c[0], &c[1], &sim.shared_content(&c[0], &c[1]))
    }

    #[test]
    fn a_decimal_figure_with_a_name_and_a_verb_in_common_is_one_fact() {
        let r = verdict(
            "Andre Miller is averaging 15.5 points a game this season.",
            "Andre Miller, who averages 15.5 points, leads the Sixers.",
        );
        assert!(r.is_some_and(|r| r.contains("15.5")));
    }

    #[test]
    fn small_counts_ages_and_bounds_are_no_distinctive_figure() {
        for (x, y) in [
            (
                "Hiller killed two co-workers at the Kraft plant.",
                "Hiller was charged with killing two women at Kraft.",
            ),
            (
                "Chohan, 59, was struck by a car in Queens.",
                "Chohan, 59, had just parked her car in Queens.",
            ),
            (
                "More than 20 people were killed in Aceh, officials said.",
                "Aceh officials said more than 20 people were killed.",
            ),
        ] {
            assert_eq!(verdict(x, y), None, "{x} / {y}");
        }
    }

    #[test]
    fn a_figure_without_a_name_in_common_is_not_enough() {
        let r = verdict(
            "The thieves took jewels worth 2 million euros.",
            "Police said jewels worth 2 million euros were taken in Cannes.",
        );
        assert_eq!(r, None);
    }
}
