//! Entity-like spans: names of people, organisations and places, with simple coreference.
//!
//! No trained NER is available offline, so names are found from capitalisation (runs of
//! capitalised words, titles stripped) plus a small actor gazetteer that also links labels
//! across languages ("Путин" = "Putin", "the Kremlin leader" = "Putin"). Coreference is the
//! newspaper convention: a full name first, the surname afterwards.

use std::collections::HashSet;

use super::fasthash::FastMap;

use super::lexicon::{actors, lexicons};
use super::text::Lang;
use super::tokens::{Token, TokenKind};

/// An entity mention in a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMention {
    /// Token range in the claim.
    pub first: usize,
    pub last: usize,
    /// The words as written, title included ("President Putin").
    pub surface: String,
    /// Canonical key: the gazetteer name, or the name's stems ("steele", "michael steele").
    pub key: String,
    /// Display form of the canonical entity.
    pub display: String,
    /// A lone capitalised word opening the sentence ("Earlier", "Steele"): a name only if the
    /// event also uses it capitalised elsewhere (see [`drop_unconfirmed`]).
    pub tentative: bool,
}

/// Drops tentative mentions whose key no confident mention in the event confirms.
pub fn drop_unconfirmed(mentions: &mut Vec<EntityMention>, confirmed: &HashSet<String>) {
    mentions.retain(|m| !m.tentative || confirmed.contains(&m.key));
}

/// Titles that precede names and are not part of them.
const TITLES: &[&str] = &[
    "president",
    "presidents",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "senator",
    "gov",
    "governor",
    "rep",
    "representative",
    "secretary",
    "minister",
    "prime",
    "chancellor",
    "gen",
    "general",
    "judge",
    "justice",
    "speaker",
    "leader",
    "chairman",
    "chairwoman",
    "ambassador",
    "envoy",
    "special",
    "deputy",
    "vice",
    "foreign",
    "defence",
    "defense",
    "state",
    "press",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "pope",
    "rev",
    "lt",
    "col",
    "capt",
    "sgt",
    "prof",
];

/// Capitalised words that start sentences or quotes and are not names.
const NOT_NAMES: &[&str] = &[
    "i",
    "we",
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "if",
    "as",
    "after",
    "before",
    "when",
    "while",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "some",
    "many",
    "most",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "then",
    "now",
    "both",
    "one",
    "no",
    "not",
    "what",
    "why",
    "how",
    "who",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "you",
    "my",
    "mr",
    "mrs",
    "ms",
    "yes",
    "instead",
    "rather",
    "such",
    "much",
    "based",
    "according",
    "reinforcing",
    "currently",
    "although",
    "though",
    "even",
];

/// Finds entity mentions in a claim's tokens.
pub fn find_entities(tokens: &[Token], lang: Lang) -> Vec<EntityMention> {
    let mut out: Vec<EntityMention> = Vec::new();
    let mut taken = vec![false; tokens.len()];
    for m in actors().for_lang(lang).find(tokens) {
        for t in taken.iter_mut().take(m.last).skip(m.first) {
            *t = true;
        }
        out.push(EntityMention {
            first: m.first,
            last: m.last,
            surface: surface(tokens, m.first, m.last),
            key: m.value.to_lowercase(),
            display: m.value.clone(),
            tentative: false,
        });
    }
    let stop = &lexicons(lang).stop;
    let mut i = 0;
    while i < tokens.len() {
        if taken[i] || !is_name_word(&tokens[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        loop {
            if j < tokens.len() && !taken[j] && is_name_word(&tokens[j]) {
                j += 1;
            } else if j + 1 < tokens.len()
                && matches!(tokens[j].lower.as_ref(), "of" | "de" | "von" | "bin" | "al")
                && !taken[j + 1]
                && is_name_word(&tokens[j + 1])
            {
                j += 2;
            } else {
                break;
            }
        }
        // strip leading titles, function words and connectors ("On Tuesday", "Secretary of
        // State Marco Rubio")
        let mut s = start;
        while s < j
            && (TITLES.contains(&tokens[s].lower.as_ref())
                || stop.contains(&*tokens[s].lower)
                || NOT_NAMES.contains(&tokens[s].lower.as_ref()))
        {
            s += 1;
        }
        let single = j - s == 1;
        let word = tokens.get(s).map_or("", |t| t.lower.as_ref());
        // a lone capitalised word opening a sentence is usually just the first word ("Earlier",
        // "Judging"), unless it is an acronym; demonyms ("Russian", "Western") are adjectives
        let initial = s == 0 || sentence_initial(tokens, s);
        let acronym = tokens.get(s).is_some_and(|t| t.all_caps);
        let ok = s < j
            && !(single && (NOT_NAMES.contains(&word) || stop.contains(word)))
            && !(single && is_demonym(word));
        if ok {
            let key = tokens[s..j]
                .iter()
                .map(|t| &*t.stem)
                .collect::<Vec<_>>()
                .join(" ");
            out.push(EntityMention {
                first: start,
                last: j,
                surface: surface(tokens, start, j),
                display: surface(tokens, s, j),
                key,
                tentative: single && initial && !acronym,
            });
        }
        i = j;
    }
    out.sort_by_key(|e| e.first);
    out
}

/// Whether an English claim is written in title case, as many headlines are ("Second American
/// Journalist Beheaded by Islamic State Terrorists"): at least three capitalised words after
/// the first, at least half of them, and no lower-case word outside the stop list. In such a
/// line capitalisation says nothing about names.
pub fn is_title_case(tokens: &[Token], lang: Lang) -> bool {
    if lang != Lang::En {
        return false;
    }
    // one pass, no allocation: every claim of every compare goes through here
    let stop = &lexicons(lang).stop;
    let (mut words, mut capitalised) = (0usize, 0usize);
    for t in tokens.iter().skip(1) {
        if t.kind != TokenKind::Word || t.lower.chars().count() < 2 || t.lower.as_ref() == "n't" {
            continue;
        }
        words += 1;
        if t.capitalised {
            capitalised += 1;
        } else if !stop.contains(&*t.lower) {
            return false;
        }
    }
    capitalised >= 3 && 2 * capitalised >= words
}

/// The longest name a title-case line can hold, in words.
const TITLE_CASE_SPAN: usize = 3;

/// Candidate names of a title-case line ([`is_title_case`]): every span of one to
/// [`TITLE_CASE_SPAN`] capitalised words (not opening or closing on a title, a stop word or a
/// demonym alone), each tentative. The event decides which are names: a span is kept when
/// some sentence-case claim of the event names the same key (see
/// `claims::confirm_title_case_names`). `tokens` are the claim's tokens as written.
pub fn title_case_candidates(tokens: &[Token], lang: Lang) -> Vec<EntityMention> {
    let stop = &lexicons(lang).stop;
    let edge_ok = |t: &Token| {
        is_name_word(t)
            && !t.all_caps
            && !NOT_NAMES.contains(&t.lower.as_ref())
            && !stop.contains(&*t.lower)
    };
    let mut out = Vec::new();
    for first in 0..tokens.len() {
        for last in first + 1..=(first + TITLE_CASE_SPAN).min(tokens.len()) {
            let span = &tokens[first..last];
            if !span.iter().all(is_name_word) {
                break;
            }
            // a title opens no name ("President Obama" is "Obama"), as in `find_entities`
            let titled = TITLES.contains(&span[0].lower.as_ref());
            if titled || !edge_ok(&span[0]) || !edge_ok(&span[span.len() - 1]) {
                continue;
            }
            if span.len() == 1 && is_demonym(&span[0].lower) {
                continue;
            }
            let text = surface(tokens, first, last);
            out.push(EntityMention {
                first,
                last,
                surface: text.clone(),
                key: span.iter().map(|t| &*t.stem).collect::<Vec<_>>().join(" "),
                display: text,
                tentative: true,
            });
        }
    }
    out
}

/// Nationality and direction adjectives, capitalised in English but not names.
fn is_demonym(w: &str) -> bool {
    ["ian", "ean", "ern", "ese", "ish", "can"]
        .iter()
        .any(|suf| w.len() > 5 && w.ends_with(suf))
        || matches!(
            w,
            "russian" | "russians" | "american" | "americans" | "western" | "eastern"
        )
}

fn sentence_initial(tokens: &[Token], i: usize) -> bool {
    i == 0 || tokens[..i].iter().all(|t| t.kind == TokenKind::Number)
}

fn is_name_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.capitalised && t.lower.chars().count() > 1
}

fn surface(tokens: &[Token], first: usize, last: usize) -> String {
    tokens[first..last]
        .iter()
        .map(|t| t.lower.as_ref())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Event-level coreference: a multi-word name whose last word also occurs alone ("Vladimir
/// Putin" ... "Putin") is keyed by that last word, so both mentions count as one entity.
/// Returns the key rewrites (old key -> canonical key).
pub fn resolve_surnames<'a>(keys: impl IntoIterator<Item = &'a str>) -> FastMap<String, String> {
    let keys: Vec<&str> = keys.into_iter().collect();
    let singles: HashSet<&str> = keys.iter().copied().filter(|k| !k.contains(' ')).collect();
    let mut map = FastMap::default();
    for k in keys {
        if let Some((_, last)) = k.rsplit_once(' ')
            && singles.contains(last)
        {
            map.insert(k.to_string(), last.to_string());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens::tokenize;

    #[test]
    fn finds_names_and_strips_titles() {
        let toks = tokenize(
            "Michael Steele, chairman of the Republican National Committee, met President Obama.",
            Lang::En,
        );
        let e = find_entities(&toks, Lang::En);
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            vec!["michael steel", "republican nation committe", "obama"]
        );
    }

    #[test]
    fn gazetteer_links_languages_and_labels() {
        let en = find_entities(
            &tokenize("The Kremlin leader spoke to Trump", Lang::En),
            Lang::En,
        );
        assert_eq!(
            en.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["putin", "trump"]
        );
        let ru = find_entities(&tokenize("Путин поговорил с Трампом", Lang::Ru), Lang::Ru);
        assert_eq!(
            ru.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(),
            ["putin", "trump"]
        );
    }

    #[test]
    fn title_case_lines_are_told_from_sentences_full_of_names() {
        let tc = |s: &str| is_title_case(&tokenize(s, Lang::En), Lang::En);
        assert!(tc(
            "Report: Second American Journalist Beheaded by Islamic State Terrorists"
        ));
        assert!(tc(
            "Did Argentina's President Adopt A Jewish Baby To Stop It From Becoming A Werewolf??"
        ));
        assert!(!tc(
            "Vladimir Putin met Donald Trump in Helsinki on Monday."
        ));
        assert!(!tc(
            "The President of Argentina has adopted a Jewish godson."
        ));
        assert!(!tc("Breast Chancer"));
        let ru = "Путин Поговорил С Трампом Сегодня";
        assert!(!is_title_case(&tokenize(ru, Lang::Ru), Lang::Ru));
    }

    #[test]
    fn title_case_candidates_are_short_tentative_spans() {
        let toks = tokenize("Journalist Beheaded by Islamic State Terrorists", Lang::En);
        let c = title_case_candidates(&toks, Lang::En);
        let keys: Vec<&str> = c.iter().map(|e| e.key.as_str()).collect();
        assert!(keys.contains(&"islam state"));
        assert!(keys.contains(&"journalist"));
        assert!(keys.contains(&"islam state terrorist"));
        assert!(
            !keys
                .iter()
                .any(|k| k.starts_with("by") || k.ends_with(" by"))
        );
        assert!(c.iter().all(|e| e.tentative));
    }

    #[test]
    fn surnames_resolve() {
        let m = resolve_surnames(["michael steel", "steel", "republican nation committe"]);
        assert_eq!(m.get("michael steel").map(String::as_str), Some("steel"));
        assert_eq!(m.len(), 1);
    }
}
