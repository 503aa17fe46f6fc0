//! One sentence turned into a claim: the features similarity, contrast and framing use.

use super::entities::{EntityMention, find_entities, is_title_case, title_case_candidates};
use super::lexicon::{
    MASK_ATTRIBUTION, MASK_FRAME, MASK_HEDGE, MASK_LOADED, MASK_NEGATION, MASK_SYNONYM, Match,
    VerbClass, lexicons,
};
use super::model::{Attribution, Cue, CueKind, Quantity};
use super::quantities::find_quantities;
use super::text::Lang;
use super::tokens::{Token, TokenKind, stemmer, tokenize_with};

/// Everything the analysis extracts from one claim's text.
#[derive(Debug, Clone)]
pub struct ClaimFeatures {
    pub lang: Lang,
    pub text: String,
    pub tokens: Vec<Token>,
    /// Content terms (stems; Russian stems mapped to English ones through the glossary where
    /// possible; entity aliases replaced by the canonical entity), sorted and deduplicated.
    pub terms: Vec<String>,
    /// `terms` interned by a [`super::similarity::Vocab`]; empty until indexed.
    pub term_ids: Vec<u32>,
    /// Sorted term ids of the claim and its neighbours in the article (the two claims before
    /// and the one after): what an evaluative sentence ("For now, Russia has achieved a
    /// diplomatic win.") is about. Empty for a claim on its own.
    pub context_ids: Vec<u32>,
    /// Total term weight under the similarity backend that prepared this claim
    /// ([`super::similarity::LexicalSimilarity::prepare_masses`]); 0 when not prepared.
    pub lexical_mass: f32,
    /// For each of `terms`: whether it says what happened rather than who, where or when
    /// ([`super::similarity::SharedContent::predicate_terms`]), set with `lexical_mass`;
    /// empty when not prepared.
    pub predicate_terms: Vec<bool>,
    /// For each of `terms`: whether the claim's lexicon lists hyponyms for it (so
    /// [`super::similarity::Similarity::coverage`] looks them up only for these), set with
    /// `lexical_mass`; empty when not prepared.
    pub hyponym_terms: Vec<bool>,
    pub entities: Vec<EntityMention>,
    /// Candidate names of a title-case claim ([`is_title_case`]), tentative until the event
    /// confirms them (`claims::confirm_title_case_names`); empty for a sentence-case claim.
    /// In a title-case claim only gazetteer names and acronyms are in `entities` at first,
    /// and `tokens` count as capitalised only inside a confirmed name.
    pub title_case_names: Vec<EntityMention>,
    /// Canonical entity keys, sorted and deduplicated.
    pub entity_keys: Vec<String>,
    pub quantities: Vec<Quantity>,
    /// Token indices of negation cues that deny the claim's own predicate.
    pub negations: Vec<usize>,
    /// Token indices of negation cues inside a relative clause or an additive "not only":
    /// they deny something else, so the claim is not negated, but it is not a plain
    /// affirmative either (a contrast needs a claim free of negation on the other side).
    pub subordinate_negations: Vec<usize>,
    pub hedges: usize,
    pub attribution: Option<Attribution>,
    pub attribution_class: Option<VerbClass>,
    /// Loaded terms as (text, polarity).
    pub loaded: Vec<(String, i8)>,
    /// Strong judgements of an outcome among the loaded terms, as (text, polarity), with
    /// double negations resolved ("did not reject" is not a rejection).
    pub judgements: Vec<(String, i8)>,
    pub cues: Vec<Cue>,
    pub sentiment: f32,
    /// Frame dimension indices evoked, sorted and deduplicated.
    pub frames: Vec<usize>,
    /// Contains a quotation.
    pub quoted: bool,
    /// The claim's stand on the truth of a report ("the story is a hoax"), if it judges one
    /// ([`super::refutation::find`]).
    pub refutation: Option<super::refutation::Refutation>,
    /// Hashed stems and n-grams for the paraphrase model.
    pub surface: super::surface::Surface,
    /// Words and two-word phrases with an entry in the antonym lexicon (English only), for
    /// the antonym rules of [`super::contrast`].
    pub antonym_units: Vec<super::lexicon::AntonymUnit>,
    /// Unit sentence vector from an embedding backend's `prepare` (feature `semantic`);
    /// `None` for the lexical backend.
    pub embedding: Option<std::sync::Arc<[f32]>>,
}

impl ClaimFeatures {
    /// Sum of the polarities of the strong judgements: the claim's verdict on an outcome.
    pub fn evaluation(&self) -> i32 {
        self.judgements.iter().map(|&(_, p)| i32::from(p)).sum()
    }

    /// True when the claim denies something: a negation cue that is not cancelled by another
    /// one right after it ("did not reject" affirms).
    pub fn negated(&self) -> bool {
        let n = &self.negations;
        let mut i = 0;
        while i < n.len() {
            if i + 1 < n.len() && n[i + 1] - n[i] <= 3 {
                i += 2; // a double negation cancels out
                continue;
            }
            return true;
        }
        false
    }
}

/// "declined" / "refused" deny when an action follows ("declined to comment", "declined, through
/// a spokesman, to comment", "declined comment"), not when they report a change ("unemployment
/// declined to 4.8%", "declined by 3%", "sales declined sharply", "sales declined.").
fn change_not_denial(tokens: &[Token], i: usize) -> bool {
    const CHANGE_VERBS: &[&str] = &["decline", "declined", "declines", "declining"];
    const CHANGE_WORDS: &[&str] = &[
        "by", "from", "in", "over", "since", "sharply", "slightly", "steadily", "further", "more",
        "less", "again", "for", "on", "after", "amid", "as",
    ];
    if !CHANGE_VERBS.contains(&tokens[i].lower.as_ref()) {
        return false;
    }
    let is_number =
        |t: Option<&Token>| t.is_some_and(|t| t.lower.starts_with(|c: char| c.is_ascii_digit()));
    match tokens.get(i + 1).map(|t| t.lower.as_ref()) {
        None => true,
        Some("to") => is_number(tokens.get(i + 2)),
        Some(w) => CHANGE_WORDS.contains(&w) || is_number(tokens.get(i + 1)),
    }
}

/// Whether the negation cue at token `i` denies what the claim asserts, rather than something
/// inside a relative clause ("accused by eleven women, including several who did not work for
/// him"; "the men, whose names were not released") or a condition ("if the bill is not
/// passed"), what ought not to be ("shouldn't be the chairman"), or an additive "not only".
fn denies_main_predicate(text: &str, tokens: &[Token], i: usize) -> bool {
    const RELATIVE: &[&str] = &[
        "who",
        "whom",
        "whose",
        "which",
        "кто",
        "который",
        "которая",
        "которое",
        "которые",
        "которого",
        "которой",
        "которых",
    ];
    let next = tokens.get(i + 1).map(|n| n.lower.as_ref());
    // "not only", "doesn't just", "isn't merely": the claim adds, it does not deny
    if matches!(tokens[i].lower.as_ref(), "not" | "n't")
        && matches!(next, Some("only" | "just" | "merely" | "simply"))
    {
        return false;
    }
    // "shouldn't be the chairman", "must not happen": what ought to be, not a denial of what
    // is (a BASIL contrast a new user rejected)
    if i > 0 && DEONTIC.contains(&tokens[i - 1].lower.as_ref()) {
        return false;
    }
    // a relative pronoun or a conditional between the last clause boundary and the cue: the
    // negation is the relative clause's own, or a condition ("If the bill is not passed by
    // Thursday, …" does not deny that it passed)
    for j in (0..i).rev() {
        let gap = text.get(tokens[j].end..tokens[j + 1].start).unwrap_or("");
        if gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}']) {
            break;
        }
        let w = tokens[j].lower.as_ref();
        if RELATIVE.contains(&w) || CONDITIONAL.contains(&w) {
            return false;
        }
    }
    true
}

/// Modal verbs of obligation: a negation right after one says what ought not to be.
const DEONTIC: &[&str] = &["should", "must", "ought", "shall"];

/// Conjunctions that open a condition.
const CONDITIONAL: &[&str] = &["if", "unless", "если"];

/// Extracts the features of a claim text in a given language.
pub fn analyse_claim(text: &str, lang: Lang) -> ClaimFeatures {
    let st = stemmer(lang);
    let mut tokens = tokenize_with(text, lang, &st);
    let lex = lexicons(lang);
    // a headline in title case: capitalisation marks no names, the event decides which
    // spans are names (quantities still read month names as written)
    let mut as_written = None;
    let mut title_case_names = Vec::new();
    if is_title_case(&tokens, lang) {
        title_case_names = title_case_candidates(&tokens, lang);
        as_written = Some(tokens.clone());
        for t in tokens.iter_mut().filter(|t| !t.all_caps) {
            t.capitalised = false;
        }
    }
    let mask = lex.mask(&tokens);

    let mut entities = find_entities(&tokens, lang);
    // names found from capitalisation are shown as written ("Black Sea", not "black sea")
    for e in &mut entities {
        if !e.display.chars().any(char::is_uppercase) {
            let n = e.display.split(' ').count().min(e.last - e.first);
            let first = e.last - n;
            e.display = text[tokens[first].start..tokens[e.last - 1].end].to_string();
        }
    }
    let mut entity_keys: Vec<String> = entities.iter().map(|e| e.key.clone()).collect();
    entity_keys.sort();
    entity_keys.dedup();

    let mut cues = Vec::new();
    let mut in_entity = vec![false; tokens.len()];
    for e in &entities {
        for f in in_entity.iter_mut().take(e.last).skip(e.first) {
            *f = true;
        }
    }

    // one cue matched by two entries ("failed to" is also "fail to" in stems) is one
    // negation, not a double one that cancels
    let mut negations: Vec<usize> = lex
        .negation
        .find_masked(&tokens, Some((&mask, MASK_NEGATION)))
        .iter()
        .map(|m| m.first)
        .filter(|&i| {
            let t = &tokens[i];
            // inside a hyphenated compound ("the do-not-call registry") it denies nothing
            let hyphenated = text[..t.start].ends_with('-') || text[t.end..].starts_with('-');
            // "neither ... nor" is one negation, not two that cancel
            let nor = t.lower.as_ref() == "nor"
                && tokens[..i].iter().any(|p| p.lower.as_ref() == "neither");
            !hyphenated && !nor && !change_not_denial(&tokens, i)
        })
        .collect();
    negations.sort_unstable();
    negations.dedup();
    let subordinate_negations: Vec<usize> = negations
        .iter()
        .copied()
        .filter(|&i| !denies_main_predicate(text, &tokens, i))
        .collect();
    let negations: Vec<usize> = negations
        .into_iter()
        .filter(|i| !subordinate_negations.contains(i))
        .collect();
    for &n in negations.iter().chain(&subordinate_negations) {
        cues.push(cue(CueKind::Negation, text, &tokens, n, n + 1, 0));
    }
    let mut hedge_matches = lex.hedges.find_masked(&tokens, Some((&mask, MASK_HEDGE)));
    hedge_matches.retain(|m| !(m.last == m.first + 1 && is_month_may(&tokens, m.first)));
    for m in &hedge_matches {
        cues.push(cue(CueKind::Hedge, text, &tokens, m.first, m.last, 0));
    }
    let mut loaded = Vec::new();
    let mut judgements = Vec::new();
    for m in lex.loaded.find_masked(&tokens, Some((&mask, MASK_LOADED))) {
        let (pol, strong) = *m.value;
        let c = cue(CueKind::Loaded, text, &tokens, m.first, m.last, pol);
        loaded.push((c.text.clone(), pol));
        if strong {
            // a judgement that is itself a negation ("reject") flips when negated again
            let self_neg = negations.contains(&m.first);
            let negated_again = negations.iter().any(|&n| n < m.first && m.first - n <= 3);
            if self_neg && negated_again {
                judgements.push((format!("not {}", c.text.to_lowercase()), -pol));
            } else {
                judgements.push((c.text.clone(), pol));
            }
        }
        cues.push(c);
    }
    // "reportedly" stems like "reported": adverbs are hedges, not reporting verbs
    let verbs: Vec<_> = lex
        .attribution
        .find_masked(&tokens, Some((&mask, MASK_ATTRIBUTION)))
        .into_iter()
        .filter(|m| !(lang == Lang::En && tokens[m.first].lower.ends_with("ly")))
        // "States" in "United States" is not "stated"
        .filter(|m| m.first == 0 || !tokens[m.first].capitalised)
        // after a determiner or a possessive it is a noun: "the claims of some media",
        // "his statement", "a report"
        .filter(|m| {
            const DETERMINERS: &[&str] = &[
                "the", "a", "an", "these", "those", "this", "that", "his", "her", "its", "their",
                "our", "such", "any", "some", "no", "'s",
            ];
            m.first == 0 || !DETERMINERS.contains(&tokens[m.first - 1].lower.as_ref())
        })
        .collect();
    for m in &verbs {
        cues.push(cue(CueKind::Attribution, text, &tokens, m.first, m.last, 0));
    }
    cues.sort_by_key(|c| (c.start, c.end));

    let quoted = text.contains(['"', '\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}']);
    let (attribution, attribution_class) = match verbs.first() {
        Some(m) => {
            let verb = text[tokens[m.first].start..tokens[m.last - 1].end].to_lowercase();
            let speaker = speaker_near(&entities, &tokens, m.first, m.last, text);
            (
                Some(Attribution {
                    speaker,
                    verb,
                    direct_quote: quoted,
                }),
                Some(*m.value),
            )
        }
        None => (None, None),
    };

    // content terms, synonyms folded to one head word; in `"...," X told journalists` only the
    // quotation is content (the speaker stays, as an entity), so the same statement reported
    // with different attribution frames still matches
    let frame = attribution_frame(text, &tokens, &verbs);
    let mut terms: Vec<String> = Vec::new();
    let mut covered: Vec<bool> = in_entity
        .iter()
        .zip(&frame)
        .map(|(&e, &f)| e || f)
        .collect();
    for m in lex
        .synonyms
        .find_masked(&tokens, Some((&mask, MASK_SYNONYM)))
    {
        if covered[m.first..m.last].iter().any(|&c| c) {
            continue;
        }
        for c in covered.iter_mut().take(m.last).skip(m.first) {
            *c = true;
        }
        terms.push(m.value.clone());
    }
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] || lex.stop.contains(&*t.lower) || t.lower.as_ref() == "n't" {
            continue;
        }
        if t.kind == TokenKind::Word && t.lower.chars().count() < 2 {
            continue;
        }
        let term = match lang {
            Lang::Ru => lex
                .glossary
                .get(&*t.stem)
                .cloned()
                .unwrap_or_else(|| String::from(&*t.stem)),
            // not `to_string`, which goes through `Display` for an `Arc<str>`
            Lang::En => String::from(&*t.stem),
        };
        terms.push(term);
    }
    for e in &entities {
        terms.push(e.key.clone());
    }
    terms.sort();
    terms.dedup();

    let quantities = find_quantities(text, as_written.as_ref().unwrap_or(&tokens), lang);
    let mut all_negations: Vec<usize> = negations
        .iter()
        .chain(&subordinate_negations)
        .copied()
        .collect();
    all_negations.sort_unstable();
    let sentiment = sentiment(&tokens, &all_negations, lang, &loaded);
    let mut frames: Vec<usize> = lex
        .frames
        .find_masked(&tokens, Some((&mask, MASK_FRAME)))
        .iter()
        .flat_map(|m| m.value.iter().copied())
        .collect();
    frames.sort_unstable();
    frames.dedup();

    let surface = super::surface::Surface::new(&tokens);
    let antonym_units = lex.antonyms.find(&tokens);
    let refutation = super::refutation::find(text, &tokens, &negations, lang);
    ClaimFeatures {
        lang,
        text: text.to_string(),
        tokens,
        terms,
        term_ids: Vec::new(),
        context_ids: Vec::new(),
        lexical_mass: 0.0,
        predicate_terms: Vec::new(),
        hyponym_terms: Vec::new(),
        entities,
        title_case_names,
        entity_keys,
        quantities,
        negations,
        subordinate_negations,
        hedges: hedge_matches.len(),
        attribution,
        attribution_class,
        loaded,
        judgements,
        cues,
        sentiment,
        frames,
        quoted,
        refutation,
        surface,
        antonym_units,
        embedding: None,
    }
}

/// Tokens outside a quotation of at least four words when a reporting verb stands outside it
/// and little else does: the attribution frame around the quoted statement.
fn attribution_frame(text: &str, tokens: &[Token], verbs: &[Match<'_, VerbClass>]) -> Vec<bool> {
    let mut frame = vec![false; tokens.len()];
    // quotation spans by byte offset
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '\u{201C}' | '\u{00AB}' => open = Some(i),
            '\u{201D}' | '\u{00BB}' => {
                if let Some(o) = open.take() {
                    spans.push((o, i));
                }
            }
            '"' => match open.take() {
                Some(o) => spans.push((o, i)),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    let inside = |t: &Token| spans.iter().any(|&(a, b)| t.start > a && t.end <= b);
    let quoted = tokens.iter().filter(|t| inside(t)).count();
    let verb_outside = verbs.iter().any(|m| !inside(&tokens[m.first]));
    // only a short frame ("Zelensky told journalists on the evening of the call"), not a
    // second statement next to the quotation
    let outside_content = tokens
        .iter()
        .filter(|t| !inside(t) && t.kind == TokenKind::Word && t.lower.chars().count() > 3)
        .count();
    if quoted >= 4 && verb_outside && outside_content <= 6 {
        for (f, t) in frame.iter_mut().zip(tokens) {
            *f = !inside(t);
        }
    }
    frame
}

fn cue(kind: CueKind, text: &str, tokens: &[Token], first: usize, last: usize, pol: i8) -> Cue {
    let start = tokens[first].start;
    let end = tokens[last - 1].end;
    Cue {
        kind,
        start,
        end,
        text: text[start..end].to_string(),
        polarity: pol,
    }
}

/// The speaker of a reporting verb: the nearest entity mention (after the verb for
/// "..., X said" and "according to X", else before it), or a pronoun subject.
fn speaker_near(
    entities: &[EntityMention],
    tokens: &[Token],
    first: usize,
    last: usize,
    text: &str,
) -> Option<String> {
    let word_before = first.checked_sub(1).map(|i| tokens[i].lower.as_ref());
    // "he wrote": the subject is a pronoun, so a name further back ("Earlier in the day he
    // wrote", with "Earlier" read as a name) is not the speaker; "Russia was told": in the
    // passive the subject is who was told, and the speaker, if named, follows "by"
    let pronoun_subject = word_before.is_some_and(|w| SUBJECT_PRONOUNS.contains(&w));
    let passive = word_before.is_some_and(|w| PASSIVE_BE.contains(&w));
    let before = entities
        .iter()
        .filter(|e| e.last <= first && first - e.last <= 4)
        .filter(|_| !pronoun_subject && !passive)
        .max_by_key(|e| e.last);
    let verb_lower = tokens[first].lower.as_ref();
    let prefer_after = verb_lower == "according"
        || verb_lower == "по"
        || verb_lower == "согласно"
        || text[..tokens[first].start]
            .trim_end()
            .ends_with([',', '"', '\u{201D}']);
    // after the verb, a name is its speaker only in an inversion ("…, said Peskov",
    // "according to Peskov", "told by Peskov"), not as the subject of the clause the verb
    // introduces ("declares that, for now, Russia has…")
    let after = entities
        .iter()
        .filter(|e| e.first >= last && e.first - last <= 3)
        .filter(|e| {
            prefer_after
                || tokens[last..e.first]
                    .iter()
                    .all(|t| matches!(t.lower.as_ref(), "by" | "the" | "to"))
        })
        .min_by_key(|e| e.first);
    let pick = if prefer_after {
        after.or(before)
    } else {
        before.or(after)
    };
    pick.map(|e| e.display.clone())
}

/// Pronouns that, right before a reporting verb, are its subject ("he said", "they wrote").
const SUBJECT_PRONOUNS: &[&str] = &[
    "he", "she", "they", "we", "i", "it", "you", "он", "она", "они", "мы", "я",
];

/// Forms of "be" that make a reporting verb after them passive ("was told", "were informed").
const PASSIVE_BE: &[&str] = &["was", "were", "is", "are", "been", "being", "be"];

/// Lexicon sentiment with negation flipping, squashed into [-1, 1].
fn sentiment(tokens: &[Token], negations: &[usize], lang: Lang, loaded: &[(String, i8)]) -> f32 {
    let lex = lexicons(lang);
    let mut sum = 0.0f32;
    for (i, t) in tokens.iter().enumerate() {
        if let Some(&v) = lex.sentiment.get(&*t.stem) {
            let negated = negations.iter().any(|&n| n < i && i - n <= 3);
            sum += if negated { -0.5 * v } else { v };
        }
    }
    sum += loaded.iter().map(|&(_, p)| f32::from(p)).sum::<f32>();
    sum / (sum * sum + 12.0).sqrt()
}

/// Words before a month name ("in May", "since May", "last May").
const BEFORE_MONTH: &[&str] = &[
    "in", "since", "until", "till", "by", "of", "early", "late", "mid", "last", "next", "this",
    "during", "through", "from", "before", "after",
];

/// True when the token at `i` is the month "May", not the modal verb that hedges: written
/// capitalised, next to a number ("May 26, 2009", "on 26 May") or after a word that comes
/// before months ("since May"). A capitalised "May" elsewhere (a title-case headline's
/// "Trump May Sign") stays a hedge.
fn is_month_may(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    let at = |j: Option<usize>| j.and_then(|j| tokens.get(j));
    let before = at(i.checked_sub(1));
    t.lower.as_ref() == "may"
        && t.capitalised
        && !t.all_caps
        && (at(Some(i + 1)).is_some_and(|n| n.kind == TokenKind::Number)
            || before.is_some_and(|p| {
                p.kind == TokenKind::Number || BEFORE_MONTH.contains(&p.lower.as_ref())
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_may_is_no_hedge() {
        for text in [
            "On May 26, 2009, The Connecticut Post described him as a veteran.",
            "The law took effect on 26 May.",
            "Prices have risen since May.",
        ] {
            assert_eq!(analyse_claim(text, Lang::En).hedges, 0, "{text}");
        }
        for text in [
            "The ceasefire may hold.",
            "May this be the end of it.",
            "Trump May Sign The Bill",
        ] {
            assert_eq!(analyse_claim(text, Lang::En).hedges, 1, "{text}");
        }
    }

    #[test]
    fn features_of_a_news_sentence() {
        let c = analyse_claim(
            "\"We had a fantastic call,\" Donald Trump told Fox News, but Putin reportedly did \
             not accept the 30-day ceasefire.",
            Lang::En,
        );
        assert!(c.negated());
        assert_eq!(c.hedges, 1);
        assert!(c.quoted);
        let a = c
            .attribution
            .as_ref()
            .map(|a| (a.verb.as_str(), a.speaker.as_deref()));
        assert_eq!(a, Some(("told", Some("Trump"))));
        assert!(c.entity_keys.contains(&"putin".to_string()));
        assert!(c.terms.contains(&"ceasefir".to_string()));
        assert_eq!(c.quantities[0].value, Some(30.0));
        // "fantastic" is loaded, but not a judgement of an outcome
        assert_eq!(c.loaded.len(), 1);
        assert_eq!(c.evaluation(), 0);
        assert!(c.sentiment > 0.0);
    }

    #[test]
    fn the_speaker_is_the_subject_of_the_reporting_verb() {
        let speaker = |t: &str| {
            analyse_claim(t, Lang::En)
                .attribution
                .and_then(|a| a.speaker)
        };
        assert_eq!(
            speaker("Peskov said the presidents had agreed to stay in touch.").as_deref(),
            Some("Peskov")
        );
        assert_eq!(
            speaker("\"We will see,\" said Dmitry Peskov.").as_deref(),
            Some("Peskov")
        );
        // a pronoun subject: not a capitalised word further back
        assert_eq!(
            speaker("Earlier in the day he wrote that the call went well."),
            None
        );
        // the clause after the verb has its own subject
        assert_eq!(
            speaker("It calls for talks and declares that, for now, Russia has the upper hand."),
            None
        );
        // a passive: the subject was told; the speaker follows "by"
        assert_eq!(speaker("Russia was told it would be isolated."), None);
    }

    #[test]
    fn judgements_and_double_negation() {
        assert!(analyse_claim("Russia achieved a diplomatic win.", Lang::En).evaluation() > 0);
        assert!(
            analyse_claim("The deal was a humiliating capitulation.", Lang::En).evaluation() < 0
        );
        // outcome words report an event, they do not judge it
        assert_eq!(
            analyse_claim("Putin rejected the ceasefire.", Lang::En).evaluation(),
            0
        );
        assert_eq!(
            analyse_claim("Newsom defeated the recall.", Lang::En).evaluation(),
            0
        );
        let c = analyse_claim("Moscow did not reject the ceasefire.", Lang::En);
        assert!(!c.negated());
    }

    #[test]
    fn negations_outside_the_main_predicate_deny_nothing() {
        let negated = |t: &str| analyse_claim(t, Lang::En).negated();
        assert!(!negated(
            "He was accused by eleven women, including several who did not work for him."
        ));
        assert!(!negated(
            "The men, whose names were not released, had passports."
        ));
        assert!(!negated(
            "The unemployment rate declined to 4.8% in September."
        ));
        assert!(!negated(
            "It is not only a health crisis but an economic one."
        ));
        assert!(negated("The Supreme Court declined to hear the case."));
        assert!(negated("Facebook isn't killing people, Biden said."));
        assert!(negated("He said that he did not know the men."));
    }

    #[test]
    fn russian_terms_map_to_english() {
        let c = analyse_claim("Путин отказался от перемирия.", Lang::Ru);
        assert!(c.terms.contains(&"ceasefir".to_string()));
        assert!(c.terms.contains(&"putin".to_string()));
        assert!(c.negated());
    }
}
