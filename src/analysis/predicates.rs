//! The verbs of a claim: what its sentence says happened, told apart from the nouns, names and
//! numbers that place it in its story.
//!
//! Two sentences of one story share the story's words ("tax hikes", "boosters", "the border")
//! whatever point each makes; two sentences stating one proposition also share what happened
//! (the verb, or a synonym of it: "resigned" / "stepped down"). framediff has no
//! part-of-speech tagger, so verbs are read from their English forms: a past or participle
//! ending (`-ed`, `-ing`), an irregular form (`assets/lexicons/irregular-en.txt`), or a word
//! after a modal, `to` or `not` ("will consider", "to block"). Reporting verbs ("said",
//! "told") are left out: they say who spoke, not what happened. Used by the alignment's
//! step 5 ([`super::align`]) to tell a cluster of one proposition from sentences that only
//! share a story's words.

use super::claim::ClaimFeatures;
use super::lexicon::{MASK_SYNONYM, lexicons};
use super::text::Lang;
use super::tokens::{TokenKind, irregular_base};

/// Words after which the next word is a verb's base form ("will consider", "to block").
const BEFORE_BASE_FORM: &[&str] = &[
    "to", "will", "would", "could", "should", "may", "might", "can", "must", "did", "does", "do",
    "not", "n't", "cannot",
];

/// Words with a verb's ending that news prose uses as nouns or prepositions.
const NOT_VERBS: &[&str] = &[
    "building",
    "meeting",
    "morning",
    "evening",
    "during",
    "nothing",
    "something",
    "everything",
    "anything",
    "thing",
    "king",
    "spring",
    "ring",
    "ceiling",
    "hearing",
    "funding",
    "ruling",
    "spending",
    "bring",
    "string",
    "wing",
    "feeling",
    "earnings",
    "briefing",
    "shooting",
    "bombing",
    "killing",
    "warning",
    "training",
    "housing",
    "polling",
    "wedding",
    "sibling",
    "offering",
    "opening",
    "ending",
    "setting",
    "listing",
    "sting",
    "need",
    "speed",
    "seed",
    "feed",
    "deed",
    "bed",
    "red",
    "hundred",
    "united",
    "based",
    "enough",
];

/// Base forms in `irregular-en.txt` that are nouns (plurals, British spellings).
const NOUN_BASES: &[&str] = &[
    "man",
    "woman",
    "child",
    "person",
    "mouse",
    "foot",
    "tooth",
    "thief",
    "center",
    "centers",
    "theater",
    "theaters",
    "jewelry",
    "defense",
    "offense",
    "license",
    "program",
    "programs",
    "labor",
    "honor",
    "favor",
    "color",
    "neighbor",
    "neighbors",
    "harbor",
    "organization",
    "organizations",
    "meter",
    "meters",
    "kilometer",
    "kilometers",
    "liter",
    "liters",
];

/// Words before "to" that make it a preposition ("according to footage").
const TO_AS_PREPOSITION: &[&str] = &[
    "according",
    "due",
    "thanks",
    "close",
    "next",
    "prior",
    "compared",
    "relative",
    "similar",
    "opposed",
    "up",
    "back",
    "from",
];

/// Verbs that carry no proposition of their own (a copula, an auxiliary, "get", "make").
const LIGHT_VERBS: &[&str] = &["be", "have", "do", "get", "make", "go", "becom", "seem"];

/// For each token of a claim, the head of the synonym group it is part of
/// (`assets/lexicons/synonyms-en.txt`: "dismissed" and "turned down" -> "reject"), `None` when
/// it is in none. Empty for languages without a synonym list.
fn synonym_heads(c: &ClaimFeatures) -> Vec<Option<&'static str>> {
    let lex = lexicons(c.lang);
    let mut head: Vec<Option<&'static str>> = vec![None; c.tokens.len()];
    let mask = lex.mask(&c.tokens);
    for m in lex
        .synonyms
        .find_masked(&c.tokens, Some((&mask, MASK_SYNONYM)))
    {
        for h in head.iter_mut().take(m.last).skip(m.first) {
            *h = Some(m.value.as_str());
        }
    }
    head
}

/// The term token `i` of a claim stands for: its synonym group's head when it is in one
/// ("dismissed" -> "reject"), else its stem. `None` when `i` is out of range.
pub fn folded_term(c: &ClaimFeatures, i: usize) -> Option<String> {
    let t = c.tokens.get(i)?;
    Some(synonym_heads(c)[i].unwrap_or(&t.stem).to_string())
}

/// The verb terms of an English claim: for each word read as a verb, its synonym group's
/// head when it is in one (`assets/lexicons/synonyms-en.txt`), else its stem; sorted and
/// deduplicated. Reporting verbs, light verbs and words inside names are left out. Empty for
/// other languages and for claims where no word reads as a verb (a headline in title case, a
/// fragment).
pub fn verb_terms(c: &ClaimFeatures) -> Vec<String> {
    if c.lang != Lang::En {
        return Vec::new();
    }
    let lex = lexicons(c.lang);
    let tokens = &c.tokens;
    let head = synonym_heads(c);
    let mut reporting = vec![false; tokens.len()];
    for m in lex.attribution.find(tokens) {
        for r in reporting.iter_mut().take(m.last).skip(m.first) {
            *r = true;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || t.capitalised || reporting[i] {
            continue;
        }
        let w: &str = &t.lower;
        if lex.stop.contains(w) || NOT_VERBS.contains(&w) {
            continue;
        }
        if w.ends_with("ly") {
            continue;
        }
        let after_modal = i > 0 && {
            let prev: &str = &tokens[i - 1].lower;
            BEFORE_BASE_FORM.contains(&prev)
                && !(prev == "to" && i > 1 && TO_AS_PREPOSITION.contains(&&*tokens[i - 2].lower))
        };
        let verb_like = (w.len() >= 5 && w.ends_with("ed"))
            || (w.len() >= 6 && w.ends_with("ing"))
            || irregular_base(w).is_some_and(|b| !NOUN_BASES.contains(&b))
            || after_modal;
        if !verb_like {
            continue;
        }
        let term = head[i].unwrap_or(&t.stem);
        if LIGHT_VERBS.contains(&term) {
            continue;
        }
        out.push(term.to_string());
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two sorted verb-term lists ([`verb_terms`]) have a term in common.
pub fn share_a_verb(a: &[String], b: &[String]) -> bool {
    super::align::sorted_lists_meet(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;

    fn verbs(t: &str) -> Vec<String> {
        verb_terms(&analyse_claim(t, Lang::En))
    }

    #[test]
    fn verbs_are_read_from_their_forms_and_folded_to_synonyms() {
        let a = verbs("The special envoy to Haiti resigned on Thursday, officials said.");
        let b = verbs("The envoy quit, blasting the administration's expulsions.");
        assert!(share_a_verb(&a, &b), "{a:?} {b:?}");
        assert!(!a.iter().any(|v| v == "said" || v == "say"), "{a:?}");
        assert!(verbs("House Democrats will consider tax hikes").contains(&"consid".to_string()));
    }

    #[test]
    fn story_nouns_are_not_verbs() {
        let a = verbs("The move comes as record numbers seek asylum at the southern border.");
        let b = verbs("South Dakota is sending National Guard troops to the southern border.");
        assert!(!share_a_verb(&a, &b), "{a:?} {b:?}");
        assert!(verbs("The meeting on Monday morning").is_empty());
    }
}
