//! Framing profile of one outlet's article: the cues that make the same facts read differently.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::claim::ClaimFeatures;
use super::fasthash::{FastMap, FastSet, hash_str};
use super::lexicon::{FRAME_DIMENSIONS, lexicons};
use super::model::{ClusterKind, Cue, CueKind, FramingProfile};
use super::text::Lang;
use super::tokens::TokenKind;

/// Counts as (item, count), most frequent first, ties alphabetical (deterministic output).
pub fn ranked<S: BuildHasher>(counts: HashMap<String, usize, S>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Builds the profile of one column from its claims' features, cues and cluster kinds.
/// Loaded terms and hedges come from the claims' `cues`; attribution verbs, quoted sources and
/// actor labels from the profile's own, stricter reading of each claim
/// ([`ProfileCues`](super::claim::ProfileCues)). `canonical` maps entity keys to the display
/// name of the actor they were resolved to.
pub fn profile(
    outlet: &str,
    headline: &str,
    claims: &[(&ClaimFeatures, &[Cue], ClusterKind)],
    canonical: &dyn Fn(&str) -> String,
) -> FramingProfile {
    let mut loaded: FastMap<String, usize> = FastMap::default();
    let mut verbs: FastMap<String, usize> = FastMap::default();
    let mut sources: FastMap<String, usize> = FastMap::default();
    let mut labels: BTreeMap<String, FastMap<String, usize>> = BTreeMap::new();
    let mut frames = vec![0usize; FRAME_DIMENSIONS.len()];
    let mut hedge_count = 0;
    let mut series = Vec::with_capacity(claims.len());
    let (mut unique, mut shared, mut contrasting) = (0, 0, 0);
    let actors = actors_of(claims, canonical);
    let main = main_actor(headline, claims, &actors);
    let in_full = named_in_full(claims, &actors);
    let names: FastSet<&str> = actors.values().map(|a| a.bare.as_str()).collect();
    for (f, cues, kind) in claims {
        for c in cues.iter() {
            match c.kind {
                CueKind::Loaded
                    if in_proper_name(f, c)
                        || is_plain(f, &c.text)
                        || !lexicons(f.lang).loaded_as_written(&c.text) => {}
                CueKind::Loaded => *loaded.entry(c.text.to_lowercase()).or_default() += 1,
                // "…, MyFoxHouston.com reports": the stem of "reportedly", not a hedge
                CueKind::Hedge
                    if lexicons(f.lang).hedges_as_written(&c.text) && !appears_as_shown(f, c) =>
                {
                    hedge_count += 1;
                }
                CueKind::Hedge => {}
                // the engine's reading of reporting verbs; the profile counts its own below
                CueKind::Attribution | CueKind::Negation => {}
            }
        }
        let words = word_classes(f);
        for insult in insults(f, cues, &words).chain(minimisers(f)) {
            *loaded.entry(insult.to_string()).or_default() += 1;
        }
        let own = &f.profile_cues;
        for v in &own.attribution_verbs {
            if claim_means_killed(f, v) {
                continue;
            }
            *verbs.entry(v.to_lowercase()).or_default() += 1;
        }
        if let Some(s) = own.quoted_source.as_ref().filter(|s| !no_source(f, s)) {
            *sources.entry(s.clone()).or_default() += 1;
        }
        for e in own.entities.iter().filter(|e| !thing_named(f, e)) {
            let actor = &actors[e.key.as_str()];
            let (label, counted) = without_count(f, e);
            let owner = match (named_owner(f, e, actor, &names), counted) {
                (Some(owner), _) => owner,
                // "Six Republican", an actor of its own: "Republican"
                (None, Some(rest)) if actor.bare == e.display || actor.name == e.key => rest,
                (None, _) => label_owner(&e.display, actor, &in_full),
            };
            *labels.entry(owner).or_default().entry(label).or_default() += 1;
        }
        let named_as = known_as_labels(f, canonical);
        for (actor, label) in descriptive_labels(f, &words, main.as_deref(), canonical)
            .into_iter()
            .chain(named_as)
        {
            *labels
                .entry(without_title(&actor))
                .or_default()
                .entry(label)
                .or_default() += 1;
        }
        for &d in &f.frames {
            frames[d] += 1;
        }
        series.push(f.sentiment);
        match kind {
            ClusterKind::Unique => unique += 1,
            ClusterKind::Shared => shared += 1,
            ClusterKind::Contrasting => contrasting += 1,
        }
    }
    merge_surnames(&mut sources);
    merge_nicknames(&mut labels, main.as_deref());
    merge_case_forms(&mut labels);
    let n = claims.len().max(1) as f32;
    let mut frame_shares: Vec<(String, f32)> = frames
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(i, &c)| (FRAME_DIMENSIONS[i].to_string(), c as f32 / n))
        .collect();
    frame_shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let sentiment = if series.is_empty() {
        0.0
    } else {
        series.iter().sum::<f32>() / series.len() as f32
    };
    FramingProfile {
        outlet: outlet.to_string(),
        headline: headline.to_string(),
        claim_count: claims.len(),
        sentiment,
        sentiment_series: series,
        loaded_terms: ranked(loaded),
        hedge_count,
        attribution_verbs: ranked(verbs),
        quoted_sources: ranked(sources),
        actor_labels: capped_labels(labels),
        frames: frame_shares,
        unique_claims: unique,
        shared_claims: shared,
        contrasting_claims: contrasting,
    }
}

/// Merges each one-word quoted source into the one source of several words, of the same
/// profile, whose last word it is ("Issa" into "Darrell Issa", "Bauer" into "Robert F.
/// Bauer"): the article quotes the person by full name and then by surname. A word that ends
/// two such sources ("Clinton" beside "Bill Clinton" and "Hillary Clinton") is left as
/// written, as is one that ends none.
fn merge_surnames(sources: &mut FastMap<String, usize>) {
    let full: Vec<String> = sources
        .keys()
        .filter(|s| s.contains(' '))
        .cloned()
        .collect();
    let lone: Vec<String> = sources
        .keys()
        .filter(|s| !s.contains(' '))
        .cloned()
        .collect();
    for word in lone {
        let mut of = full
            .iter()
            .filter(|f| f.rsplit(' ').next() == Some(word.as_str()));
        let (Some(name), None) = (of.next(), of.next()) else {
            continue;
        };
        if let Some(n) = sources.remove(&word) {
            *sources.entry(name.clone()).or_default() += n;
        }
    }
}

/// A name's first and last word, lower-cased; `None` for a name of one word.
fn first_and_last(name: &str) -> Option<(String, String)> {
    let mut words = name.split_whitespace();
    let first = words.next()?;
    let last = words.next_back()?;
    Some((first.to_lowercase(), last.to_lowercase()))
}

/// An entity key's actor as a profile names it: the display name of the actor the event
/// resolved the key to (`canonical`), that name without a title before it
/// ([`without_title`]), and its first and last word lower-cased ([`first_and_last`]).
struct Actor {
    /// `canonical` of the key.
    name: String,
    /// `name` without a title.
    bare: String,
    /// [`first_and_last`] of `bare`.
    bare_ends: Option<(String, String)>,
}

/// The [`Actor`] of every entity key the profile's reading of `claims` names, each worked
/// out once: a column names the same people in many claims, and the look-up by key and the
/// search for a title cost more than the rest of a mention's counting.
fn actors_of<'c>(
    claims: &'c [(&ClaimFeatures, &[Cue], ClusterKind)],
    canonical: &dyn Fn(&str) -> String,
) -> FastMap<&'c str, Actor> {
    let mut out: FastMap<&'c str, Actor> = FastMap::default();
    for (f, _, _) in claims {
        for e in &f.profile_cues.entities {
            out.entry(e.key.as_str()).or_insert_with(|| {
                let name = canonical(&e.key);
                let bare = without_title(&name);
                let bare_ends = first_and_last(&bare);
                Actor {
                    name,
                    bare,
                    bare_ends,
                }
            });
        }
    }
    out
}

/// The actors (display names, titles left out) that one outlet's claims write in full with
/// the actor's own first name (a name whose display, titles left out, is "Bill Clinton" for
/// the actor "Bill Clinton"), for [`label_owner`]. `actors` is [`actors_of`] the claims.
fn named_in_full(
    claims: &[(&ClaimFeatures, &[Cue], ClusterKind)],
    actors: &FastMap<&str, Actor>,
) -> FastSet<String> {
    let mut out = FastSet::default();
    for (f, _, _) in claims {
        for e in &f.profile_cues.entities {
            let actor = &actors[e.key.as_str()];
            let Some(ends) = &actor.bare_ends else {
                continue;
            };
            if first_and_last(&e.display).is_some_and(|w| w == *ends) && !out.contains(&actor.bare)
            {
                out.insert(actor.bare.clone());
            }
        }
    }
    out
}

/// Most characters of an actor or of one of its labels in a profile: a longer one (a
/// 3,000-letter "word" in untrusted text, tester report 26, finding 7) is cut there with an
/// ellipsis.
pub const MAX_LABEL_CHARS: usize = 60;

/// `s` cut to [`MAX_LABEL_CHARS`] characters, an ellipsis marking the cut.
fn capped(s: String) -> String {
    if s.chars().count() <= MAX_LABEL_CHARS {
        return s;
    }
    let mut cut: String = s.chars().take(MAX_LABEL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// The actor labels of a profile, ranked, actors and labels cut to [`MAX_LABEL_CHARS`]
/// (labels that become the same after the cut are counted together).
fn capped_labels(
    labels: BTreeMap<String, FastMap<String, usize>>,
) -> BTreeMap<String, Vec<(String, usize)>> {
    let mut out: BTreeMap<String, FastMap<String, usize>> = BTreeMap::new();
    for (actor, named) in labels {
        let entry = out.entry(capped(actor)).or_default();
        for (label, n) in named {
            *entry.entry(capped(label)).or_default() += n;
        }
    }
    out.into_iter().map(|(k, v)| (k, ranked(v))).collect()
}

/// Whom a name mention is a label of, `written` its display form (the name as the claim
/// writes it, titles left out: "Bill Clinton" for "President Bill Clinton"): `actor`, the actor
/// the event resolved it to, unless the name is another's: the part after "of" of the
/// actor's name ("Congress" resolved to "Act of Congress"), or a full name with the actor's
/// last word and another first name where the outlet also writes the actor's own first
/// name (`in_full`, [`named_in_full`]): "Hillary Clinton" beside "Bill Clinton" is another
/// person of the family. Such a name is its own actor, as written. An initial of the
/// actor's first name ("B. Clinton") is the actor's, and so is another first name where
/// the outlet never writes the actor's ("Bob Bauer" for "Robert Bauer").
fn label_owner(written: &str, actor: &Actor, in_full: &FastSet<String>) -> String {
    if written.is_empty() || written == actor.bare {
        return actor.bare.clone();
    }
    if let Some((_, of)) = actor.bare.rsplit_once(" of ")
        && written.eq_ignore_ascii_case(of)
    {
        return written.to_string();
    }
    let (Some((wf, wl)), Some((af, al))) = (first_and_last(written), &actor.bare_ends) else {
        return actor.bare.clone();
    };
    let initial = wf.trim_end_matches('.');
    let initial_of = initial.chars().count() == 1 && af.starts_with(initial);
    // "Congressman Sestak", "Rep. Sestak": a title the name finder keeps is no first name
    let title = wf.ends_with('.') || NAME_TITLES.contains(&wf.as_str());
    if wl == *al && wf != *af && !initial_of && !title && in_full.contains(&actor.bare) {
        return written.to_string();
    }
    actor.bare.clone()
}

/// Words that pick out some of a group or point at something ("Several reports", "Others
/// say", "Many said"), lower-case: a quoted source opening with one is no name
/// ([`no_source`]).
const QUANTIFIERS: &[&str] = &[
    "several",
    "many",
    "some",
    "most",
    "all",
    "both",
    "few",
    "each",
    "every",
    "other",
    "others",
    "another",
    "these",
    "those",
    "this",
    "that",
    "any",
    "no",
    "none",
    "numerous",
    "multiple",
    "various",
    "certain",
    "such",
    "more",
    "fewer",
    "much",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "nobody",
];

/// Prepositions that may open a sentence ("Across 33 states, more than 100 bills have
/// been introduced", "Without this Order, evictions…"): a source opening with one, or with
/// a preposition of place ([`PLACE_BEFORE_NAME`]), is no name ([`no_source`]).
const OPENING_PREPOSITIONS: &[&str] = &[
    "without", "with", "after", "before", "during", "since", "under", "over", "through", "despite",
    "among", "against", "about", "from", "for", "by", "on", "of",
];

/// Prepositions of place: a name right after one says where ("released another ad in Iowa
/// describing himself"), it is not who speaks ([`no_source`]). Not "by" ("reported by
/// PBS"), "to" ("according to"), "of" ("the governor of Texas said"), "for" ("a spokesman
/// for Pelosi said") or "from" ("a statement from the White House said").
const PLACE_BEFORE_NAME: &[&str] = &[
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
    "around",
    "into",
    "within",
    "toward",
    "towards",
];

/// True when `name`, a quoted source or the shown speaker the profile's reading found in
/// English claim `f`, is no source at all: a quantifier, a determiner or a preposition opens
/// it ("Several" of "Several reports of American Jews being subjected to violence …
/// arose", "Others say", "Across"; [`QUANTIFIERS`], [`OPENING_PREPOSITIONS`]), or the claim
/// writes it only right after a preposition of place ("he
/// released another ad in Iowa describing himself as a "man of faith"": a place, not who is
/// quoted; [`PLACE_BEFORE_NAME`]). Tester report 24, finding 10. `false` for other
/// languages and for a name the claim does not write as given.
pub(crate) fn no_source(f: &ClaimFeatures, name: &str) -> bool {
    if f.lang != Lang::En {
        return false;
    }
    let first = name.split_whitespace().next().unwrap_or_default();
    let opens = |list: &[&str]| list.iter().any(|w| lower_is(first, w));
    if opens(QUANTIFIERS) || opens(OPENING_PREPOSITIONS) || opens(PLACE_BEFORE_NAME) {
        return true;
    }
    let t = &f.tokens;
    let ends_word = |i: usize| {
        f.text[t[i].start + name.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    let mut at = (0..t.len())
        .filter(|&i| f.text[t[i].start..].starts_with(name) && ends_word(i))
        .peekable();
    if at.peek().is_none() {
        return false;
    }
    at.all(|i| {
        i > 0
            && PLACE_BEFORE_NAME.contains(&&*t[i - 1].lower)
            && f.text[t[i - 1].end..t[i].start].trim().is_empty()
    })
}

/// Number words that may open a name the finder read at a sentence's start ("Six Republican
/// senators backed the proposal"), lower-case ([`without_count`]).
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundreds",
    "thousands",
    "dozens",
    "dozen",
];

/// The label of mention `e` of English claim `f` (its surface) without a number word that
/// opens it only because it opens the sentence: "Six Republican senators backed the
/// proposal" names the Republicans, and the label is "republican", not "six republican"
/// (tester report 24, finding 10). Such a number is cut when the name left is one word of a
/// people or a party ("Republican", "Israelis", "Democrats": its ending says so) and a
/// lower-case word follows it; "Six Flags reported" and a number inside a sentence are left
/// alone. Returns the label and,
/// when cut, the name left as written ("Republican").
fn without_count(
    f: &ClaimFeatures,
    e: &super::entities::EntityMention,
) -> (String, Option<String>) {
    let whole = || (e.surface.clone(), None);
    let t = &f.tokens;
    if f.lang != Lang::En || e.last != e.first + 2 || e.last > t.len() {
        return whole();
    }
    let (n, name) = (&t[e.first], &t[e.first + 1]);
    let opens = opens_sentence(f, e.first);
    let noun_after = t.get(e.last).is_some_and(|w| {
        w.kind == TokenKind::Word
            && !w.capitalised
            && f.text[name.end..w.start].chars().all(char::is_whitespace)
    });
    // a word of a people or a party, as an adjective or a plural ("Republican",
    // "Israelis", "Democrats"), not another name ("Six Flags")
    let word = name.lower.strip_suffix('s').unwrap_or(&name.lower);
    let people = ["an", "ic", "ish", "ese", "i", "crat"]
        .iter()
        .any(|end| word.ends_with(end));
    if !(opens && noun_after && people && NUMBER_WORDS.contains(&&*n.lower)) {
        return whole();
    }
    let rest = &f.text[name.start..name.end];
    (rest.to_lowercase(), Some(rest.to_string()))
}

/// Whom mention `e` of claim `f` is a label of where its own words say it plainer than the
/// event's resolution of its key (`actor`) does (tester report 24, finding 10), `names` the
/// profile's actors (titles left out):
/// - a word the name finder took for a title before "of" is part of the name: "Defense of
///   Marriage Act" is one name (a law) written whole, not the actor "Marriage Act";
/// - a person "of" a place is that person: "Rick Perry of Texas" (which the event resolved
///   to "Texas", the last word of the name) labels "Rick Perry" when the profile names that
///   actor (or, where the event resolved the name to the place or a title stands before
///   it, "Perry", by the surname), else the name as written, never the place alone; a name
///   of one word before "of" ("Board of Elections") is no person.
///
/// `None` when neither holds.
fn named_owner(
    f: &ClaimFeatures,
    e: &super::entities::EntityMention,
    actor: &Actor,
    names: &FastSet<&str>,
) -> Option<String> {
    // the surface is the display with the stripped title before it ("defense of marriage
    // act" for "Marriage Act"): the name as written runs from the surface's first word
    let display = e.display.to_lowercase();
    if let Some(lead) = e.surface.strip_suffix(display.as_str())
        && let Some(title) = lead.strip_suffix(" of ")
        && !title.contains(' ')
        // "Hundreds of Afghans", "Some of the Democrats": a count of them, not a name
        && !NUMBER_WORDS.contains(&title)
        && !QUANTIFIERS.contains(&title)
    {
        let words = e.surface.split(' ').count();
        let first = e.last.checked_sub(words)?;
        let (a, b) = (f.tokens.get(first)?, f.tokens.get(e.last - 1)?);
        return f.text.get(a.start..b.end).map(str::to_string);
    }
    let (person, place) = e.display.split_once(" of ")?;
    // a person's name has a first name and a surname ("Board of Elections", "Gulf of Aden"
    // and "House of Representatives" are one name each)
    let surname = person.rsplit_once(' ').map(|(_, last)| last);
    if surname.is_some() && names.contains(person) && person != actor.bare {
        return Some(person.to_string());
    }
    // the event resolved the name to the place, or a title before it says it is a person's
    // ("Gov. Rick Perry of Texas", "Representative Elijah E. Cummings of Maryland"; not
    // "Eastern District of New York"): the person as the profile names them by surname
    // ("Perry"), else (resolved to the place) the name as written
    let to_place = actor.bare.eq_ignore_ascii_case(place);
    if to_place || titled(f, e) {
        let by_surname = surname.filter(|s| names.contains(s) && *s != actor.bare);
        if let Some(s) = by_surname {
            return Some(s.to_string());
        }
    }
    // one word opening the sentence, or a count, before "of": "Hundreds of Afghans",
    // "Coverage of Kabul" say something of the place, which keeps the label
    let common = surname.is_none()
        && (opens_sentence(f, e.first)
            || NUMBER_WORDS.iter().any(|w| lower_is(person, w))
            || QUANTIFIERS.iter().any(|w| lower_is(person, w)));
    (to_place && !common).then(|| e.display.clone())
}

/// True when token `i` of claim `f` opens its sentence: the claim's first token, or one
/// after a full stop, a question or exclamation mark, a colon or an opening quotation mark.
fn opens_sentence(f: &ClaimFeatures, i: usize) -> bool {
    let Some(t) = f.tokens.get(i) else {
        return false;
    };
    i == 0
        || f.text[..t.start]
            .trim_end()
            .ends_with(['.', '!', '?', ':', '"', '\u{201C}'])
}

/// True when a title of [`NAME_TITLES`] stands before name mention `e` of claim `f`: in
/// its surface before the words of its display ("representative darrell issa of
/// california"), or as the word right before it ("Gov. Rick Perry", where the title's period
/// ended the name before it).
fn titled(f: &ClaimFeatures, e: &super::entities::EntityMention) -> bool {
    let title = |w: &str| NAME_TITLES.contains(&w.trim_end_matches('.'));
    let shown = e.display.split_whitespace().count();
    let words: Vec<&str> = e.surface.split(' ').collect();
    let before = words.len().saturating_sub(shown);
    words[..before].iter().any(|w| title(w))
        || e.first
            .checked_sub(1)
            .and_then(|i| f.tokens.get(i))
            .is_some_and(|t| title(&t.lower))
}

/// Titles and offices written before a surname that a name mention may keep ("Congressman
/// Sestak"), lower-case: the first word of a name that is one of them is no first name
/// ([`label_owner`]).
const NAME_TITLES: &[&str] = &[
    "congressman",
    "congresswoman",
    "senator",
    "representative",
    "president",
    "former",
    "governor",
    "mayor",
    "counsel",
    "secretary",
    "speaker",
    "judge",
    "justice",
    "general",
    "minister",
    "chairman",
    "chairwoman",
    "chief",
    "deputy",
    "vice",
    "ambassador",
    "attorney",
    "lawyer",
    "sir",
    "lady",
    "lord",
    "mr",
    "mrs",
    "ms",
    "dr",
    "rep",
    "sen",
    "gov",
];

/// The words of a lexicon file: one a line, lower-cased, `#` comments and blank lines left
/// out.
fn word_list(text: &'static str) -> FastSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Insults and profanity (`assets/lexicons/insults-en.txt`), as written.
static INSULTS_EN: std::sync::LazyLock<FastSet<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../../assets/lexicons/insults-en.txt")));

/// Words that share a loaded word's stem but do not judge
/// (`assets/lexicons/plain-en.txt`), as written.
static PLAIN_EN: std::sync::LazyLock<FastSet<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../../assets/lexicons/plain-en.txt")));

/// Whether the loaded cue written `text` in claim `f` is a plain descriptor sharing a loaded
/// word's stem ("celebrity" beside "celebrate").
/// Where or when something "appeared" (was published, showed up), which is no hedge: "The
/// documents appeared first in the Wall Street Journal", "appeared on CBS". "appears to",
/// "appeared tired" still hedge.
fn appears_as_shown(f: &ClaimFeatures, c: &Cue) -> bool {
    if f.lang != Lang::En || !c.text.to_lowercase().starts_with("appear") {
        return false;
    }
    let next = f.text.get(c.end..).unwrap_or("").split_whitespace().next();
    let next = next
        .unwrap_or("")
        .trim_matches(|ch: char| !ch.is_alphanumeric())
        .to_lowercase();
    matches!(
        next.as_str(),
        "first" | "in" | "on" | "at" | "online" | "before" | "alongside" | "with" | "during"
    )
}

fn is_plain(f: &ClaimFeatures, text: &str) -> bool {
    f.lang == Lang::En && PLAIN_EN.contains(text.to_lowercase().as_str())
}

/// Words that frame an outcome as good or bad news ("a weak 194,000 jobs", "a tepid gain";
/// `assets/lexicons/framing-en.txt`), as written: loaded terms of the profile only.
static FRAMING_EN: std::sync::LazyLock<FastSet<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../../assets/lexicons/framing-en.txt")));

/// A word of [`INSULTS_EN`] (a bit of [`WORD_CLASSES`]).
const INSULT: u8 = 1;
/// A word of [`FRAMING_EN`].
const FRAMING: u8 = 2;
/// A word of [`ROLES_EN`].
const ROLE: u8 = 4;

/// The word lists of the profile's own English readings in one table, each word with the
/// bits ([`INSULT`], [`FRAMING`], [`ROLE`]) of the lists that hold it: a token is looked up
/// once, not once per list. Keyed by the word's [`hash_str`], which every token carries
/// ([`Token::lower_hash`](super::tokens::Token::lower_hash)), so a look-up hashes no string;
/// the words of one hash are compared as written.
static WORD_CLASSES: std::sync::LazyLock<FastMap<u64, Vec<(&'static str, u8)>>> =
    std::sync::LazyLock::new(|| {
        let mut out: FastMap<u64, Vec<(&'static str, u8)>> = FastMap::default();
        for (list, bit) in [
            (&INSULTS_EN, INSULT),
            (&FRAMING_EN, FRAMING),
            (&ROLES_EN, ROLE),
        ] {
            for &w in list.iter() {
                let words = out.entry(hash_str(w)).or_default();
                match words.iter_mut().find(|(x, _)| *x == w) {
                    Some((_, bits)) => *bits |= bit,
                    None => words.push((w, bit)),
                }
            }
        }
        out
    });

/// The [`WORD_CLASSES`] bits of the lower-case word `lower`, whose [`hash_str`] is `hash`.
fn classes_of(lower: &str, hash: u64) -> u8 {
    WORD_CLASSES
        .get(&hash)
        .and_then(|words| words.iter().find(|(w, _)| *w == lower))
        .map_or(0, |(_, bits)| *bits)
}

/// The [`WORD_CLASSES`] bits of each token of claim `f`, by token index (all 0 for a claim
/// not in English: the lists are English).
type WordClasses = Vec<u8>;

/// [`WordClasses`] of claim `f`.
fn word_classes(f: &ClaimFeatures) -> WordClasses {
    if f.lang != Lang::En {
        return vec![0; f.tokens.len()];
    }
    f.tokens
        .iter()
        .map(|t| classes_of(&t.lower, t.lower_hash))
        .collect()
}

/// The insults and swear words ([`INSULTS_EN`]) and the framing words of an outcome
/// ([`FRAMING_EN`]) of English claim `f` (lower-cased, as written) that no loaded cue of
/// `cues` already covers. `words` is [`word_classes`] of `f`.
fn insults<'a>(
    f: &'a ClaimFeatures,
    cues: &'a [Cue],
    words: &'a [u8],
) -> impl Iterator<Item = &'a str> {
    f.tokens
        .iter()
        .zip(words)
        .filter(|(_, w)| **w & (INSULT | FRAMING) != 0)
        .map(|(t, _)| t)
        .filter(|t| {
            !cues
                .iter()
                .any(|c| c.kind == CueKind::Loaded && c.start <= t.start && t.end <= c.end)
        })
        .map(|t| &*t.lower)
}

/// Words that make a figure after them small ("just 194,000 jobs", "only 194,000", "a mere
/// 3%"): a framing of the figure, not a fact about it.
const MINIMISERS: &[&str] = &["just", "only", "merely", "mere", "barely"];

/// Units of time after a figure: "just 24 hours after" says how soon, it makes nothing
/// small.
const TIME_UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years",
];

/// The minimisers of English claim `f` ([`MINIMISERS`], lower-cased) right before a figure
/// (a number token, "a mere" before one too), as loaded terms of the profile only: "U.S.
/// employers added just 194,000 jobs". Not after a determiner ("the only 2 senators" counts
/// them), nor before a span of time ("just two days after"), nor before a year ("only in
/// 2019" has a preposition between; "only 2019" is a date).
fn minimisers(f: &ClaimFeatures) -> impl Iterator<Item = &str> {
    let english = f.lang == Lang::En;
    let t = &f.tokens;
    (0..t.len().saturating_sub(1))
        .filter(move |_| english)
        .filter(move |&i| {
            let w = t[i].lower.as_ref();
            let n = &t[i + 1];
            let after_determiner = i > 0
                && matches!(
                    t[i - 1].lower.as_ref(),
                    "the" | "his" | "her" | "its" | "their"
                );
            let year = n.lower.len() == 4
                && n.lower.chars().all(|c| c.is_ascii_digit())
                && n.lower.starts_with(['1', '2']);
            let time = t
                .get(i + 2)
                .is_some_and(|u| TIME_UNITS.contains(&u.lower.as_ref()));
            MINIMISERS.contains(&w)
                && n.kind == TokenKind::Number
                && !after_determiner
                && !year
                && !time
        })
        .map(move |i| &*t[i].lower)
}

/// Role nouns that end a descriptive label (`assets/lexicons/roles-en.txt`), as written.
static ROLES_EN: std::sync::LazyLock<FastSet<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../../assets/lexicons/roles-en.txt")));

/// The most words a descriptive label may have before its role noun ("the 26-year-old").
const LABEL_WORDS: usize = 5;

/// The actor the article is about: of the actors its claims name, the one its headline
/// names first, within its first three words (by the actor's name, its last word, or a way
/// the claims write it; at one place, the longer name); `None` when the headline
/// names none of them (no label is then given to anyone but a name beside it).
fn main_actor(
    headline: &str,
    claims: &[(&ClaimFeatures, &[Cue], ClusterKind)],
    actors: &FastMap<&str, Actor>,
) -> Option<String> {
    let headline = headline.to_lowercase();
    // where the headline's fourth word starts: a name after it is not what the story is
    // about ("Lindsay Lohan checks into rehab at Betty Ford Center")
    let lead = headline
        .match_indices(' ')
        .nth(2)
        .map_or(headline.len(), |(i, _)| i);
    let at = |name: &str| headline_names_at(&headline, lead, name);
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (f, _, _) in claims {
        for e in &f.profile_cues.entities {
            let actor = actors[e.key.as_str()].name.as_str();
            let surname = actor.rsplit(' ').next().unwrap_or_default();
            let found = [at(actor), at(e.surface.as_str()), at(surname)];
            if let Some(i) = found.into_iter().flatten().min() {
                let slot = first.entry(actor).or_insert(i);
                *slot = (*slot).min(i);
            }
        }
    }
    first
        .into_iter()
        .min_by(|a, b| {
            // at one place, the longer name ("Lindsay Lohan", not "Lindsay")
            (a.1.cmp(&b.1))
                .then_with(|| b.0.len().cmp(&a.0.len()))
                .then_with(|| a.0.cmp(b.0))
        })
        .map(|(a, _)| a.to_string())
}

/// Where lower-case `headline` first names `name` (in lower case, more than two
/// characters), if that is before byte `lead`: `headline.find(&name.to_lowercase())`, kept
/// when under `lead`. An ASCII name is compared byte by byte at each start before `lead`,
/// lower-cased as it is read: no lower-case copy and no substring searcher for a name of
/// every mention of every claim against a headline of a few words.
fn headline_names_at(headline: &str, lead: usize, name: &str) -> Option<usize> {
    if !name.is_ascii() {
        let name = name.to_lowercase();
        return (name.chars().count() > 2)
            .then(|| headline.find(&name))
            .flatten()
            .filter(|&i| i < lead);
    }
    // an ASCII letter's lower case is one byte, and an ASCII byte never continues a
    // character: a match of the bytes is a match of the text, at a character's start
    let (h, n) = (headline.as_bytes(), name.as_bytes());
    if n.len() <= 2 {
        return None;
    }
    (0..lead.min(h.len())).find(|&i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.iter().zip(n).all(|(a, b)| *a == b.to_ascii_lowercase()))
    })
}

/// True when a name of the profile's reading is the name of a thing, not an actor: joined
/// to another by "&" (a title or a firm: "the Liz & Dick star", "Marks & Spencer"), or a
/// one-word possessive standing for a place after a preposition of place ("buying crap at
/// Fry's in Fountain Valley", "outside McDonald's"): the shop, not a person.
fn thing_named(f: &ClaimFeatures, e: &super::entities::EntityMention) -> bool {
    // the text between token `i` and the next one, trimmed
    let gap = |i: usize| -> &str {
        let (Some(a), Some(b)) = (f.tokens.get(i), f.tokens.get(i + 1)) else {
            return "";
        };
        f.text.get(a.end..b.start).unwrap_or("").trim()
    };
    let word = |i: usize| f.tokens.get(i).map(|t| &*t.lower);
    // `last` is exclusive
    let Some(end) = e.last.checked_sub(1) else {
        return false;
    };
    if e.first.checked_sub(1).is_some_and(|i| gap(i) == "&") || gap(end) == "&" {
        return true;
    }
    // "Fry's", or "Fry ’ s" (text detokenised word by word)
    let last = word(end).unwrap_or("");
    let after = if last.ends_with("'s") || last.ends_with("\u{2019}s") {
        e.last
    } else if matches!(gap(end), "'" | "\u{2019}") && word(e.last) == Some("s") {
        e.last + 1
    } else {
        return false;
    };
    let place_before = e
        .first
        .checked_sub(1)
        .and_then(word)
        .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w));
    // the possessive owns no noun after it: a preposition, punctuation or the end follows
    let owns_nothing = f.tokens.get(after).is_none_or(|t| {
        !gap(after - 1).is_empty()
            || PLACE_PREPOSITIONS.contains(&&*t.lower)
            || matches!(&*t.lower, "on" | "for" | "and" | "with")
    });
    e.first == end && place_before && owns_nothing
}

/// Prepositions before a shop or a place named by a possessive ("at Fry's").
const PLACE_PREPOSITIONS: &[&str] = &[
    "at", "in", "into", "from", "outside", "inside", "near", "to",
];

/// Merges the labels of a one-word nickname into the actor whose name the article also
/// gives in full and whose words the nickname is made of ("LiLo": Li(ndsay) Lo(han); "JLo",
/// "KStew", "A-Rod"): the article makes the link by naming the person. The full names are
/// the profile's other actors and `main`, the headline's.
fn merge_nicknames(labels: &mut BTreeMap<String, FastMap<String, usize>>, main: Option<&str>) {
    let full: std::collections::BTreeSet<String> = labels
        .keys()
        .map(String::as_str)
        .chain(main)
        .filter(|n| n.contains(' '))
        .map(str::to_string)
        .collect();
    // each full name's words once, not once for every one-word name tried against it
    let full: Vec<(&String, Vec<String>)> = full.iter().map(|n| (n, name_words(n))).collect();
    let nicknames: Vec<(String, String)> = labels
        .keys()
        .filter_map(|nick| {
            let parts = nickname_parts(nick)?;
            let mut of = full.iter().filter(|(_, words)| parts_make(&parts, words));
            // a nickname two names could be made into is nobody's
            match (of.next(), of.next()) {
                (Some((name, _)), None) => Some((nick.clone(), (*name).clone())),
                _ => None,
            }
        })
        .collect();
    for (nick, name) in nicknames {
        let Some(counts) = labels.remove(&nick) else {
            continue;
        };
        let into = labels.entry(name).or_default();
        for (label, n) in counts {
            *into.entry(label).or_default() += n;
        }
    }
}

/// True when one-word `nick` is made of the starts of `name`'s words, split where a capital,
/// a hyphen or a period begins a part: "LiLo" of "Lindsay Lohan", "JLo" and "J.Lo" of
/// "Jennifer Lopez", "A-Rod" of "Alex Rodriguez". Two parts match the first and last word, more parts every word.
#[cfg(test)]
fn is_nickname_of(nick: &str, name: &str) -> bool {
    nickname_parts(nick).is_some_and(|parts| parts_make(&parts, &name_words(name)))
}

/// The parts of a one-word nickname, lower-cased, split where a capital, a hyphen or a period begins
/// one ("LiLo": "li", "lo"); `None` for a word that is no nickname: not mixed case with a
/// capital first ("PM", a lower-case word), or more than one word.
fn nickname_parts(nick: &str) -> Option<Vec<String>> {
    let mixed = nick.starts_with(char::is_uppercase) && nick.chars().any(char::is_lowercase);
    if !mixed || nick.contains(' ') {
        return None;
    }
    let (mut parts, mut current) = (Vec::new(), String::new());
    for c in nick.chars() {
        if (c == '-' || c == '.' || c.is_uppercase()) && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        if c != '-' && c != '.' {
            current.extend(c.to_lowercase());
        }
    }
    parts.push(current);
    Some(parts)
}

/// A name's words (split at spaces), lower-cased.
fn name_words(name: &str) -> Vec<String> {
    name.split(' ').map(str::to_lowercase).collect()
}

/// True when nickname `parts` ([`nickname_parts`]) are the starts of a name's `words`
/// ([`name_words`]), each shorter than its word: two parts the first and last word, more
/// parts every word; one part never.
fn parts_make(parts: &[String], words: &[String]) -> bool {
    let starts =
        |p: &String, w: &String| !p.is_empty() && w.starts_with(p.as_str()) && p.len() < w.len();
    match (parts, words) {
        ([] | [_], _) | (_, []) => false,
        ([first, last], [w0, .., wn]) => starts(first, w0) && starts(last, wn),
        ([first, last], [w]) => starts(first, w) && starts(last, w),
        _ => parts.len() == words.len() && parts.iter().zip(words).all(|(p, w)| starts(p, w)),
    }
}

/// The descriptive labels of English claim `f` as (actor, label): a definite noun phrase
/// ending in a role noun ("the troubled starlet", "the Mean Girls star"), lower-cased,
/// given to the name it follows after a comma (an appositive: "Lohan, the troubled
/// starlet,"), else to `main` (see [`main_actor`]). A role noun inside or right before a name ("actress Lindsay
/// Lohan") is part of that name's own label. `words` is [`word_classes`] of `f`.
fn descriptive_labels(
    f: &ClaimFeatures,
    words: &[u8],
    main: Option<&str>,
    canonical: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    if f.lang != Lang::En {
        return Vec::new();
    }
    let names = &f.profile_cues.entities;
    let mut out = Vec::new();
    for (i, (t, w)) in f.tokens.iter().zip(words).enumerate() {
        if *w & ROLE == 0 || names.iter().any(|e| e.first <= i + 1 && i < e.last) {
            continue;
        }
        let Some(start) = label_start(f, i) else {
            continue;
        };
        let before = names.iter().find(|e| {
            // (`last` is one past the name's last token)
            e.last == start
                && e.last > 0
                && f.text[f.tokens[e.last - 1].end..f.tokens[start].start].trim() == ","
        });
        let actor = match before {
            Some(e) => canonical(&e.key),
            None => match main {
                Some(m) => m.to_string(),
                None => continue,
            },
        };
        let label = f.text[f.tokens[start].start..t.end].to_lowercase();
        out.push((actor, label));
    }
    out
}

/// "claimed" (or "claims", "claiming") whose object is lives or victims ("fighting that had
/// claimed hundreds of lives", "the storm claimed 12 victims") means killed: no reporting
/// verb casting doubt on a source. True when the word `verb` of claim `f` is followed by
/// "lives", "life", "victims" or "casualties" within four words.
fn claim_means_killed(f: &ClaimFeatures, verb: &str) -> bool {
    let v = verb.to_lowercase();
    if !matches!(v.as_str(), "claimed" | "claims" | "claim" | "claiming") {
        return false;
    }
    let t = &f.tokens;
    t.iter()
        .enumerate()
        .filter(|(_, w)| *w.lower == *v)
        .any(|(i, _)| {
            t[i + 1..]
                .iter()
                .take(4)
                .any(|w| matches!(&*w.lower, "lives" | "life" | "victims" | "casualties"))
        })
}

/// "Alexander Lukashenko, often referred to as Europe's last dictator": the words after
/// "(often, also, widely, sometimes, commonly) referred to as" or "(also, widely, better,
/// commonly) known as" up to the next comma, full stop or semicolon (at most eight words),
/// given as a label to the name before the comma that opens the phrase. English only.
fn known_as_labels(f: &ClaimFeatures, canonical: &dyn Fn(&str) -> String) -> Vec<(String, String)> {
    if f.lang != Lang::En {
        return Vec::new();
    }
    let t = &f.tokens;
    let mut out = Vec::new();
    for i in 1..t.len() {
        if &*t[i].lower != "as" {
            continue;
        }
        let opens = match (&*t[i - 1].lower, i.checked_sub(2).map(|j| &*t[j].lower)) {
            ("to", Some("referred")) => i.checked_sub(3),
            ("known", _) => i.checked_sub(1),
            _ => None,
        };
        // the phrase starts after the name's comma, an adverb ("often") between them
        let Some(mut start) = opens else { continue };
        if start > 0
            && matches!(
                &*t[start - 1].lower,
                "often" | "also" | "widely" | "sometimes" | "commonly" | "better"
            )
        {
            start -= 1;
        }
        let name = f.profile_cues.entities.iter().find(|e| {
            e.last == start && e.last > 0 && f.text[t[e.last - 1].end..t[start].start].trim() == ","
        });
        let Some(name) = name else { continue };
        let end = (i + 1..t.len().min(i + 9))
            .take_while(|&j| !f.text[t[j - 1].end..t[j].start].contains([',', ';', '.']))
            .last();
        if let Some(end) = end {
            let label = f.text[t[i + 1].start..t[end].end]
                .trim_end_matches('.')
                .to_lowercase();
            out.push((canonical(&name.key), label));
        }
    }
    out
}

/// Titles and offices written before a name ("Госсекретарь США Энтони Блинкен", "Secretary
/// of State Antony Blinken"), lower-case, as words: a name key that opens with one of them,
/// and has a capitalised word after it (and after any abbreviation such as "США"), is that
/// name without them. The label keeps the whole phrase.
const TITLES: &[&[&str]] = &[
    &["госсекретарь"],
    &["президент"],
    &["премьер-министр"],
    &["министр"],
    &["глава"],
    &["лидер"],
    &["посол"],
    &["канцлер"],
    &["спикер"],
    &["генсек"],
    &["генеральный", "секретарь"],
    &["пресс-секретарь"],
    &["журналист"],
    &["оппозиционер"],
    &["secretary", "of", "state"],
    &["secretary-general"],
    &["prime", "minister"],
    &["foreign", "minister"],
    &["president"],
    &["chancellor"],
    &["ambassador"],
    &["senator"],
    &["sen."],
    &["rep."],
    &["gov."],
];

/// `key` without a title before the name ([`TITLES`]); `key` itself when it opens with none
/// or nothing capitalised follows.
fn without_title(key: &str) -> String {
    let words: Vec<&str> = key.split_whitespace().collect();
    for title in TITLES {
        let n = title.len();
        let opens = words.len() > n
            && words[..n]
                .iter()
                .zip(title.iter())
                .all(|(w, t)| lower_is(w, t));
        if !opens {
            continue;
        }
        // an abbreviation after a title is its country or body ("США", "ЕС", "US")
        let rest: Vec<&str> = words[n..]
            .iter()
            .copied()
            .skip_while(|w| w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase()))
            .collect();
        if rest
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        {
            return rest.join(" ");
        }
    }
    key.to_string()
}

/// True when `word` in lower case (`str::to_lowercase`) is `lower`; an ASCII word is
/// compared byte by byte, without building its lower-case copy (this runs for every title
/// against the first words of every name of every claim).
fn lower_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        // for ASCII text `to_lowercase` lower-cases each byte and nothing else
        word.len() == lower.len()
            && word
                .bytes()
                .zip(lower.bytes())
                .all(|(w, l)| w.to_ascii_lowercase() == l)
    } else {
        word.to_lowercase() == lower
    }
}

/// Russian case endings a name takes (accusative, genitive, dative, instrumental,
/// prepositional), longest first; stripped to compare two forms of one name.
const RU_ENDINGS: &[&str] = &[
    "ого", "ому", "ой", "ей", "ом", "ем", "ую", "ию", "ия", "ии", "а", "я", "у", "ю", "е", "ы", "и",
];

/// Each word of `label` with a capital first letter ("романа протасевича" -> "Романа
/// Протасевича"), to be written as a name key.
fn capitalised(label: &str) -> String {
    label
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Cyrillic word's stem for [`merge_case_forms`]: the word less one case ending, when at
/// least three letters stay.
fn ru_stem(word: &str) -> String {
    let lower = word.to_lowercase();
    for e in RU_ENDINGS {
        if let Some(stem) = lower.strip_suffix(e)
            && stem.chars().count() >= 3
        {
            return stem.to_string();
        }
    }
    lower
}

/// How likely a Cyrillic name is in the nominative: a word ending in a consonant (Протасевич,
/// Роман) scores 2, in -а/-я (Литва, Белоруссия; also a genitive) 1, in another case
/// ending 0.
fn nominative_score(key: &str) -> usize {
    key.split_whitespace()
        .map(|w| match w.chars().last() {
            Some('а' | 'я') => 1,
            Some(c) if "уюеиыо".contains(c) => 0,
            _ => 2,
        })
        .sum()
}

/// Merges the Cyrillic name keys of one outlet's profile that are case forms of one name:
/// the same number of words, each with the same stem ("Романа Протасевича" and "Роман
/// Протасевич", "Белоруссию" and "Белоруссия"). The key kept is the form most likely
/// nominative ([`nominative_score`]), then the one written most often. A name written in one
/// case only keeps it (a lone "Литву" is not guessed back to "Литва": "-у" is also a
/// masculine dative, "Путину" of "Путин"); Latin keys are left alone.
fn merge_case_forms(labels: &mut BTreeMap<String, FastMap<String, usize>>) {
    let cyrillic = |k: &str| k.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let stems = |k: &str| k.split_whitespace().map(ru_stem).collect::<Vec<_>>();
    let mut groups: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for k in labels.keys().filter(|k| cyrillic(k)) {
        groups.entry(stems(k)).or_default().push(k.clone());
    }
    for (stem, mut forms) in groups {
        // the ways the outlet wrote it, as labels ("белоруссия" under "Белоруссию"), count
        // as forms of the key too
        let written: Vec<String> = forms
            .iter()
            .filter_map(|k| labels.get(k))
            .flat_map(|m| m.keys())
            .filter(|l| stems(l) == stem)
            .map(|l| capitalised(l))
            .filter(|l| !forms.contains(l))
            .collect();
        forms.extend(written);
        forms.sort();
        forms.dedup();
        if forms.len() < 2 {
            continue;
        }
        let count = |k: &String| labels.get(k).map_or(0, |m| m.values().sum::<usize>());
        let Some(keep) = forms
            .iter()
            .max_by_key(|k| {
                (
                    nominative_score(k),
                    count(k),
                    std::cmp::Reverse((*k).clone()),
                )
            })
            .cloned()
        else {
            continue;
        };
        for k in forms.iter().filter(|k| **k != keep) {
            let Some(counts) = labels.remove(k) else {
                continue;
            };
            let into = labels.entry(keep.clone()).or_default();
            for (label, n) in counts {
                *into.entry(label).or_default() += n;
            }
        }
    }
}

/// The token that opens the definite noun phrase ending at token `end` ("the" at most
/// [`LABEL_WORDS`] words before it, with nothing but spaces and hyphens between them).
fn label_start(f: &ClaimFeatures, end: usize) -> Option<usize> {
    let t = &f.tokens;
    for j in (end.saturating_sub(LABEL_WORDS)..end).rev() {
        let gap = &f.text[t[j].end..t[j + 1].start];
        if gap.chars().any(|c| !c.is_whitespace() && c != '-') {
            return None;
        }
        match &*t[j].lower {
            "the" => return Some(j),
            "a" | "an" | "his" | "her" | "their" | "its" | "this" | "that" => return None,
            _ => {}
        }
    }
    None
}

/// Whether the loaded cue `c` of claim `f` is written capitalised inside a name of the
/// claim (a confident entity mention of the engine's reading, which runs over capitalised
/// words and the quotation marks between them): "Won" in "Focus on the Family's 'Love Won
/// Out Conference'" names an event and judges nothing. A title-case line has no such names
/// (its capitalisation says nothing), so its loaded terms all count.
fn in_proper_name(f: &ClaimFeatures, c: &Cue) -> bool {
    if !c.text.starts_with(char::is_uppercase) {
        return false;
    }
    let mut inside = f
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| c.start <= t.start && t.end <= c.end)
        .map(|(i, _)| i);
    let Some(first) = inside.next() else {
        return false;
    };
    let last = inside.next_back().unwrap_or(first);
    f.entities
        .iter()
        .any(|e| !e.tentative && e.first <= first && last < e.last && e.last - e.first > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::analysis::claim::analyse_claim;
    use crate::analysis::text::Lang;

    /// The profile of `outlet` (headline `headline`) from one English claim, `text`, unique.
    fn profile_of(outlet: &str, headline: &str, text: &str) -> FramingProfile {
        let f = analyse_claim(text, Lang::En);
        profile(
            outlet,
            headline,
            &[(&f, &f.cues, ClusterKind::Unique)],
            &|k: &str| k.to_string(),
        )
    }

    #[test]
    fn the_headline_names_a_name_where_searching_its_lower_case_finds_it() {
        // the search as it was written: the name lower-cased, found, kept before `lead`
        let searched = |headline: &str, lead: usize, name: &str| {
            let name = name.to_lowercase();
            (name.chars().count() > 2)
                .then(|| headline.find(&name))
                .flatten()
                .filter(|&i| i < lead)
        };
        let headlines = [
            "lindsay lohan checks into rehab at betty ford center",
            "«путин» и lohan: lohan again",
            "rep. sestak drops out",
            "",
            "lo",
        ];
        let names = [
            "Lindsay Lohan",
            "Lohan",
            "LOHAN",
            "Betty Ford",
            "Lo",
            "Sestak",
            "Путин",
            "ПУТИН",
            "rehab",
            "Lindsay Lohan checks into rehab at Betty Ford Center and more",
            "",
        ];
        for h in headlines {
            let lead = h.match_indices(' ').nth(2).map_or(h.len(), |(i, _)| i);
            for n in names {
                assert_eq!(
                    headline_names_at(h, lead, n),
                    searched(h, lead, n),
                    "{h:?} {n:?}"
                );
            }
        }
        // found, but only after the third word: not what the story is about
        let h = "lindsay lohan checks into rehab at betty ford center";
        assert_eq!(headline_names_at(h, 20, "Lohan"), Some(8));
        assert_eq!(headline_names_at(h, 20, "Betty Ford"), None);
    }

    #[test]
    fn one_lookup_of_a_token_finds_the_lists_that_hold_it() {
        let f = analyse_claim(
            "The troubled starlet called him a moron, a tepid start.",
            Lang::En,
        );
        let classes = word_classes(&f);
        let of = |w: &str| {
            let i = f.tokens.iter().position(|t| &*t.lower == w).expect("token");
            classes[i]
        };
        assert_eq!(of("starlet") & ROLE, ROLE);
        assert_eq!(of("moron") & INSULT, INSULT);
        assert_eq!(of("tepid") & FRAMING, FRAMING);
        assert_eq!(of("called"), 0);
        for list in [&INSULTS_EN, &FRAMING_EN, &ROLES_EN] {
            for w in list.iter() {
                assert_ne!(classes_of(w, hash_str(w)), 0, "{w}");
            }
        }
        let ru = analyse_claim("Стартовая звезда.", Lang::Ru);
        assert!(word_classes(&ru).iter().all(|&c| c == 0));
    }

    #[test]
    fn a_word_is_compared_in_lower_case_as_to_lowercase_writes_it() {
        for word in [
            "Gov.",
            "GOV.",
            "gov.",
            "Gov",
            "President",
            "ПРЕЗИДЕНТ",
            "Президент",
            "ΣΑΣ",
            "İstanbul",
            "",
            "Sec.",
            "gov.x",
        ] {
            for title in ["gov.", "президент", "σας", "sec.", "", "Gov."] {
                assert_eq!(
                    lower_is(word, title),
                    word.to_lowercase() == title,
                    "{word} {title}"
                );
            }
        }
    }

    #[test]
    fn counts_cues_labels_and_frames() {
        let a = analyse_claim("The Kremlin leader boasted of a diplomatic win.", Lang::En);
        let b = analyse_claim(
            "President Putin reportedly rejected the ceasefire, Peskov said.",
            Lang::En,
        );
        let p = profile(
            "kp",
            "Win",
            &[
                (&a, &a.cues, ClusterKind::Unique),
                (&b, &b.cues, ClusterKind::Shared),
            ],
            &|k: &str| k.to_string(),
        );
        assert_eq!(p.claim_count, 2);
        assert_eq!(p.hedge_count, 1);
        assert_eq!(p.unique_claims, 1);
        assert!(p.loaded_terms.iter().any(|(t, _)| t == "diplomatic win"));
        assert_eq!(
            p.quoted_sources,
            vec![("Peskov".to_string(), 1), ("Putin".to_string(), 1)]
        );
        let putin = p.actor_labels.get("putin").cloned().unwrap_or_default();
        assert_eq!(putin.len(), 2, "{putin:?}");
        assert!(p.frames.iter().any(|(f, _)| f == "security and defense"));
    }

    #[test]
    fn a_loaded_word_inside_a_name_or_title_is_no_loaded_term() {
        let texts = [
            "Palin spoke at Focus on the Family's 'Love Won Out Conference' in 2008.",
            "She called the vote a victory for the party.",
        ];
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        // the engine finds the word in both; the profile counts only the one that judges
        for f in &feats {
            assert!(
                f.cues.iter().any(|c| c.kind == CueKind::Loaded),
                "{:?}",
                f.cues
            );
        }
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        let p = profile("smh", "Palin", &claims[..1], &|k: &str| k.to_string());
        assert!(p.loaded_terms.is_empty(), "{:?}", p.loaded_terms);
        let p = profile("smh", "Palin", &claims, &|k: &str| k.to_string());
        assert_eq!(p.loaded_terms, vec![("victory".to_string(), 1)]);
    }

    /// tester22 finding 7: "just 194,000" and "only 194,000" frame the jobs figure as small;
    /// "just two days after", "the only 2 senators" and "only 2019" do not.
    #[test]
    fn a_minimiser_before_a_figure_is_a_loaded_term_of_the_profile() {
        let terms = |t: &str| {
            let p = profile_of("x", "x", t);
            p.loaded_terms
                .into_iter()
                .map(|(t, _)| t)
                .collect::<Vec<_>>()
        };
        assert!(
            terms("U.S. employers added just 194,000 jobs in September.").contains(&"just".into())
        );
        assert!(
            terms("US employers added only 194,000 jobs in September.").contains(&"only".into())
        );
        for t in [
            "The vote came just 2 days after the hearing.",
            "The only 2 senators who objected left.",
            "Employers added 194,000 jobs, just as expected.",
            "He said only 2019 was worse.",
        ] {
            let got = terms(t);
            assert!(
                !got.iter().any(|w| MINIMISERS.contains(&w.as_str())),
                "{t}: {got:?}"
            );
        }
        // the engine's cues do not change: the minimiser is the profile's own
        let f = analyse_claim("U.S. employers added just 194,000 jobs.", Lang::En);
        assert!(!f.cues.iter().any(|c| c.text == "just"));
    }

    /// The story's own framing words of the jobs report are loaded terms (tester22 finding 7).
    #[test]
    fn the_jobs_reports_framing_words_are_loaded() {
        for (text, word) in [
            ("The economy added a weak 194,000 jobs.", "weak"),
            ("It was a second straight tepid gain.", "tepid"),
            (
                "Another disappointment for the White House.",
                "disappointment",
            ),
            ("It is another troubling sign for the economy.", "troubling"),
            ("Hiring was sluggish in September.", "sluggish"),
        ] {
            let p = profile_of("x", "x", text);
            assert!(
                p.loaded_terms.iter().any(|(t, _)| t == word),
                "{text}: {:?}",
                p.loaded_terms
            );
            assert!(p.sentiment < 0.0, "{text}: {}", p.sentiment);
        }
        // the engine's loaded cues (BASIL's loaded-term figures) do not change
        let f = analyse_claim("It was a second straight tepid gain.", Lang::En);
        assert!(!f.cues.iter().any(|c| c.kind == CueKind::Loaded));
        // "trouble" shares the stem of "troubling" and judges nothing
        let p = profile_of("x", "x", "The firm ran into trouble with its lenders.");
        assert!(p.loaded_terms.is_empty(), "{:?}", p.loaded_terms);
    }

    /// Tester report 15, item 21: the gossip desk's insults counted nothing, the wire's
    /// "Celebrity website" counted as loaded.
    #[test]
    fn insults_and_profanity_are_loaded_and_celebrity_is_not() {
        let texts = [
            "The judge should never trust a gnome with a law degree, because they are shifty \
             shits and will lie to you.",
            "Celebrity website TMZ reported that Lohan left the clinic.",
        ];
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        let p = profile("ht", "Lohan", &claims[..1], &|k: &str| k.to_string());
        let terms: Vec<&str> = p.loaded_terms.iter().map(|(t, _)| t.as_str()).collect();
        for w in ["shifty", "shits", "lie"] {
            assert!(terms.contains(&w), "{w}: {terms:?}");
        }
        assert!(!terms.contains(&"gnome"), "{terms:?}");
        let p = profile("ht", "Lohan", &claims[1..], &|k: &str| k.to_string());
        assert!(p.loaded_terms.is_empty(), "{:?}", p.loaded_terms);
        // the word itself stays loaded where it judges
        let p = profile_of("x", "x", "Crowds celebrate the historic win.");
        assert!(
            p.loaded_terms.iter().any(|(t, _)| t == "celebrate"),
            "{:?}",
            p.loaded_terms
        );
    }

    /// Tester report 20, items 8 and 18: an outlet named as the source ("…, MyFoxHouston.com
    /// reports") is no hedge of the profile, "reportedly" is one; "jackass" is an insult.
    #[test]
    fn a_reporting_outlet_is_no_hedge_and_jackass_is_an_insult() {
        let count = |text: &str| {
            let p = profile_of("fox", "", text);
            (p.hedge_count, p.loaded_terms)
        };
        let (hedges, _) =
            count("The inmate took two officers hostage on Monday, MyFoxHouston.com reports.");
        assert_eq!(hedges, 0);
        let (hedges, _) = count("The inmate reportedly took two officers hostage on Monday.");
        assert_eq!(hedges, 1);
        // Tester report 22, finding 7: "appeared" where something was published, "report" and
        // "like" as words of their own, "product" beside "productive"
        for t in [
            "The documents appeared first, last month, in the Wall Street Journal.",
            "The September jobs report was covered prominently across the spectrum Friday.",
            "Facebook chose to optimize for its own interests, like making more money.",
        ] {
            assert_eq!(count(t).0, 0, "{t}");
        }
        for t in [
            "The documents appear to show that the firm knew.",
            "The senator seems tired.",
        ] {
            assert_eq!(count(t).0, 1, "{t}");
        }
        let (_, loaded) = count("Haugen, a former Facebook product manager, leaked the files.");
        assert!(loaded.is_empty(), "{loaded:?}");
        let (_, loaded) = count("At one point, Weiner referred to a reporter as a \"jackass.\"");
        assert!(loaded.iter().any(|(t, _)| t == "jackass"), "{loaded:?}");
        let (_, loaded) = count("He rode a donkey to the hearing.");
        assert!(loaded.is_empty(), "{loaded:?}");
    }

    /// Tester report 15, item 18: "the troubled starlet" is a label of the person the story
    /// is about, "Lohan, the 26-year-old actress," of the name it stands beside; a role the
    /// list leaves out (the judge) and a place the headline names late are no one's label.
    /// Tester item 18: a gossip outlet's "LiLo" is Lindsay Lohan, whom its headline names;
    /// the shop "Fry's" and the film "Liz & Dick" are no actors.
    #[test]
    fn a_nickname_made_of_the_name_is_that_actor_and_shops_and_titles_are_none() {
        let texts = [
            "Lindsay Lohan checked into rehab on Thursday.",
            "He told the judge that LiLo was ensconced in rehab.",
            "LiLo was really buying crap at Fry \u{2019} s in Fountain Valley.",
            "The Liz & Dick star is now receiving treatment.",
        ];
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let display: BTreeMap<String, String> = feats
            .iter()
            .flat_map(|f| &f.profile_cues.entities)
            .map(|e| (e.key.clone(), e.display.clone()))
            .collect();
        let canonical = |k: &str| display.get(k).cloned().unwrap_or_else(|| k.to_string());
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        let p = profile("ht", "Lindsay Lohan Checks Into Rehab", &claims, &canonical);
        let actors: Vec<&str> = p.actor_labels.keys().map(String::as_str).collect();
        assert!(
            !actors.iter().any(|a| a.eq_ignore_ascii_case("lilo")),
            "{actors:?}"
        );
        for thing in ["fry", "fri", "liz", "dick"] {
            assert!(
                !actors.iter().any(|a| a.to_lowercase().starts_with(thing)),
                "{thing}: {actors:?}"
            );
        }
        let lohan = p.actor_labels.iter().find(|(a, _)| *a == "Lindsay Lohan");
        assert!(
            lohan.is_some_and(|(_, ls)| ls.iter().any(|(l, n)| l == "lilo" && *n == 2)),
            "{:?}",
            p.actor_labels
        );
        assert!(
            is_nickname_of("JLo", "Jennifer Lopez")
                && is_nickname_of("J.Lo", "Jennifer Lopez")
                && is_nickname_of("A-Rod", "Alex Rodriguez")
        );
        assert!(
            !is_nickname_of("PM", "Peter Mandelson") && !is_nickname_of("LeBron", "LeBron James")
        );
    }

    #[test]
    fn descriptive_labels_go_to_the_name_beside_them_or_the_headline_s_actor() {
        let texts = [
            "Lindsay Lohan left the Betty Ford Center on Thursday.",
            "The troubled starlet was driven to a clinic in Malibu.",
            "The judge ordered a 90-day stay.",
            "Lohan, the 26-year-old actress, said nothing.",
        ];
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        let canonical = |k: &str| k.to_string();
        let headline = "Lohan leaves Betty Ford Center";
        let p = profile("ap", headline, &claims, &canonical);
        let of = |label: &str| -> Vec<&str> {
            p.actor_labels
                .iter()
                .filter(|(_, ls)| ls.iter().any(|(l, _)| l == label))
                .map(|(a, _)| a.as_str())
                .collect()
        };
        // (the identity `canonical` keeps "Lohan" apart; the event's resolution merges them)
        assert_eq!(
            of("the troubled starlet"),
            ["lindsay lohan"],
            "{:?}",
            p.actor_labels
        );
        assert_eq!(
            of("the 26-year-old actress"),
            ["lohan"],
            "{:?}",
            p.actor_labels
        );
        assert!(of("the judge").is_empty(), "{:?}", p.actor_labels);
        // a headline naming no actor in its first words: only appositives are given
        let p = profile("ap", "Rehab stay ends at Betty Ford", &claims, &canonical);
        assert!(
            p.actor_labels
                .iter()
                .all(|(_, ls)| ls.iter().all(|(l, _)| l != "the troubled starlet")),
            "{:?}",
            p.actor_labels
        );
        let f = analyse_claim(
            "Police met Lindsay Lohan, the troubled starlet, at home.",
            Lang::En,
        );
        let one = [(&f, f.cues.as_slice(), ClusterKind::Unique)];
        let p = profile("ap", "Rehab stay ends", &one, &canonical);
        let labels = p.actor_labels.iter().find(|(a, _)| *a == "lindsay lohan");
        assert!(
            labels.is_some_and(|(_, ls)| ls.iter().any(|(l, _)| l == "the troubled starlet")),
            "an appositive: {:?}",
            p.actor_labels
        );
    }

    /// Tester report 18, item 19.
    #[test]
    fn claimed_lives_known_as_titles_and_russian_case_forms() {
        let canonical = |k: &str| k.to_string();
        let one = |text: &str, lang: Lang| {
            let f = analyse_claim(text, lang);
            let claims = [(&f, f.cues.as_slice(), ClusterKind::Unique)];
            profile("x", "", &claims, &canonical)
        };
        // "claimed hundreds of lives" means killed: no attribution verb
        let p = one(
            "The truce ended more than 10 days of fighting that had claimed hundreds of lives.",
            Lang::En,
        );
        assert!(
            p.attribution_verbs.iter().all(|(v, _)| v != "claimed"),
            "{:?}",
            p.attribution_verbs
        );
        let p = one("Hamas claimed that Israel started the fighting.", Lang::En);
        assert!(
            p.attribution_verbs.iter().any(|(v, _)| v == "claimed"),
            "{:?}",
            p.attribution_verbs
        );
        // "often referred to as X" after a name and its comma: X is a label of the name
        let p = one(
            "The country is led by Alexander Lukashenko, often referred to as Europe's last \
             dictator.",
            Lang::En,
        );
        // (the identity `canonical` keys actors by their stemmed key)
        let labels = p
            .actor_labels
            .values()
            .find(|l| l.iter().any(|(x, _)| x == "alexander lukashenko"));
        assert!(
            labels.is_some_and(|l| l.iter().any(|(x, _)| x == "europe's last dictator")),
            "{:?}",
            p.actor_labels
        );
        // a title before a name is a label, not part of the name's key
        assert_eq!(
            without_title("Госсекретарь США Энтони Блинкен"),
            "Энтони Блинкен"
        );
        assert_eq!(
            without_title("Secretary of State Antony Blinken"),
            "Antony Blinken"
        );
        assert_eq!(without_title("President"), "President");
        assert_eq!(without_title("President of Russia"), "President of Russia");
        // case forms of one name written by one outlet are one key, in the nominative
        let mut labels: BTreeMap<String, FastMap<String, usize>> = BTreeMap::new();
        for (key, label) in [
            ("Романа Протасевича", "романа протасевича"),
            ("Роман Протасевич", "роман протасевич"),
            ("Белоруссию", "белоруссию"),
            ("Белоруссию", "белоруссия"),
            ("Литву", "литву"),
            ("Путину", "путину"),
        ] {
            *labels
                .entry(key.into())
                .or_default()
                .entry(label.into())
                .or_default() += 1;
        }
        merge_case_forms(&mut labels);
        let keys: Vec<&str> = labels.keys().map(String::as_str).collect();
        // a case written alone stays as written ("Литву", "Путину": not guessed)
        assert_eq!(keys, ["Белоруссия", "Литву", "Путину", "Роман Протасевич"]);
        assert_eq!(labels["Роман Протасевич"].values().sum::<usize>(), 2);
    }

    /// Tester report 21, finding 6: "Issa" quoted after "Darrell Issa" is one source; a
    /// surname two quoted names end with stays apart.
    #[test]
    fn a_surname_quoted_after_the_full_name_counts_for_that_name() {
        let sources = |texts: &[&str]| {
            let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
            let claims: Vec<_> = feats
                .iter()
                .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
                .collect();
            profile("fox", "", &claims, &|k: &str| k.to_string()).quoted_sources
        };
        assert_eq!(
            sources(&[
                "Darrell Issa said the report left questions open.",
                "Issa said he wants to know what Clinton was empowered to say.",
            ]),
            vec![("Darrell Issa".to_string(), 2)]
        );
        let s = sources(&[
            "Bill Clinton said the talk was informal.",
            "Hillary Clinton said nothing about it.",
            "Clinton said he could not guarantee anything.",
        ]);
        assert!(s.contains(&("Clinton".to_string(), 1)), "{s:?}");
        assert!(s.contains(&("Bill Clinton".to_string(), 1)), "{s:?}");
    }

    /// Tester report 21, finding 6: the event resolved "Hillary Clinton" and "Congress" to
    /// "Bill Clinton" and "Act of Congress"; the profile files them under their own names.
    #[test]
    fn a_relative_and_the_object_of_of_are_no_labels_of_the_actor() {
        let canonical = |k: &str| {
            if k.contains("clinton") {
                "Bill Clinton".to_string()
            } else if k.contains("bauer") {
                "Robert Bauer".to_string()
            } else if k.contains("congress") {
                "Act of Congress".to_string()
            } else {
                k.to_string()
            }
        };
        let labels = |texts: &[&str]| {
            let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
            let claims: Vec<_> = feats
                .iter()
                .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
                .collect();
            profile("nyt", "", &claims, &canonical).actor_labels
        };
        let l = labels(&[
            "The White House asked former President Bill Clinton to talk to Sestak.",
            "Secretary of State Hillary Rodham Clinton was not involved.",
            "The Senate passed it after Congress voted.",
            "The Act of Congress was cited.",
        ]);
        let of = |actor: &str| -> Vec<String> {
            l.get(actor)
                .map(|ls| ls.iter().map(|(x, _)| x.clone()).collect())
                .unwrap_or_default()
        };
        assert!(
            of("Bill Clinton").iter().all(|x| !x.contains("hillary")),
            "{l:?}"
        );
        assert!(!of("Hillary Rodham Clinton").is_empty(), "{l:?}");
        assert_eq!(of("Congress"), ["congress"], "{l:?}");
        assert_eq!(of("Act of Congress"), ["act of congress"], "{l:?}");
        // left alone: another first name where the outlet never writes the actor's, and
        // the surname alone
        let l = labels(&[
            "White House counsel Bob Bauer wrote the report.",
            "Congressman Clinton and Bill Clinton spoke.",
            "Bauer said the offer was legal.",
            "Clinton spoke to Sestak.",
        ]);
        let bauer: Vec<&str> = l
            .get("Robert Bauer")
            .map(|ls| ls.iter().map(|(x, _)| x.as_str()).collect())
            .unwrap_or_default();
        assert_eq!(bauer.len(), 2, "{l:?}");
        assert!(l.contains_key("Bill Clinton"), "{l:?}");
        // a title before the surname is no other first name
        assert!(l.keys().all(|a| !a.starts_with("Congressman")), "{l:?}");
    }

    /// Tester report 21, finding 6: "historically" shares the stem of the loaded "historic"
    /// and judges nothing; "historic" itself stays loaded.
    #[test]
    fn historically_is_no_loaded_term() {
        let loaded = |text: &str| {
            let f = analyse_claim(text, Lang::En);
            let claims = [(&f, f.cues.as_slice(), ClusterKind::Unique)];
            profile("hp", "", &claims, &|k: &str| k.to_string()).loaded_terms
        };
        assert!(loaded("It certainly wasn't historically unique.").is_empty());
        assert_eq!(
            loaded("It was a historic vote."),
            vec![("historic".to_string(), 1)]
        );
    }

    #[test]
    fn nouns_and_nearby_names_are_not_cues() {
        // the Washington Examiner's lead on Colin Powell's death (NeuS story 5608)
        let texts = [
            "Former secretary of state and chairman of the Joint Chiefs of Staff Colin Powell \
             has died at age 84 of COVID-19 complications.",
            "Powell was fully vaccinated and being cared for at Walter Reed National Medical \
             Center in Washington, D.C., at the time of his death on Monday morning.",
            "After decades of military experience, including tours in Vietnam, Powell served as \
             secretary of state under President George W. Bush from 2001 to 2005.",
            "Powell was fully vaccinated against Covid-19, his family said in a statement \
             posted to Facebook.",
        ];
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        let p = profile("examiner", "Powell", &claims, &|k: &str| k.to_string());
        assert_eq!(p.attribution_verbs, vec![("said".to_string(), 1)]);
        assert!(p.quoted_sources.is_empty(), "{:?}", p.quoted_sources);
        assert!(!p.actor_labels.contains_key("white house"));
        assert!(!p.actor_labels.contains_key("georg"));
        let labels: Vec<&str> = p
            .actor_labels
            .values()
            .flatten()
            .map(|(l, _)| l.as_str())
            .collect();
        assert!(labels.contains(&"president george w bush"), "{labels:?}");
        assert!(labels.contains(&"washington d.c"), "{labels:?}");
        assert!(!labels.contains(&"vietnam powell"), "{labels:?}");
    }

    /// The actor labels of one outlet's claims `texts`, names resolved by `canonical`.
    fn labels_of(
        texts: &[&str],
        canonical: &dyn Fn(&str) -> String,
    ) -> BTreeMap<String, Vec<(String, usize)>> {
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        profile("nyt", "", &claims, canonical).actor_labels
    }

    /// Tester report 24, finding 10: a place after "in" is no quoted source, nor is a
    /// quantifier; a place that is the subject ("Iowa officials said") and a name that
    /// speaks still are.
    #[test]
    fn a_place_after_in_and_a_quantifier_are_no_quoted_sources() {
        let sources = |text: &str| profile_of("fox", "", text).quoted_sources;
        assert!(
            sources("He released another ad in Iowa describing himself as a \"man of faith.\"")
                .is_empty()
        );
        let f = analyse_claim(
            "Several reports of American Jews being harassed arose this week.",
            Lang::En,
        );
        assert!(no_source(&f, "Several"));
        assert!(!no_source(&f, "American Jews"));
        let f = analyse_claim("Others say the attacks were planned.", Lang::En);
        assert!(no_source(&f, "Others"));
        // left alone
        assert_eq!(
            sources("Iowa officials said the ad ran on Sunday."),
            vec![("Iowa".to_string(), 1)]
        );
        assert_eq!(
            sources("Rick Perry said in Iowa that he would win."),
            vec![("Rick Perry".to_string(), 1)]
        );
        let f = analyse_claim("The ad aired in Iowa, and Iowa voters said so.", Lang::En);
        assert!(!no_source(&f, "Iowa"), "written once as a subject");
        let f = analyse_claim("Severin said so in Iowa.", Lang::En);
        assert!(!no_source(&f, "Severin"));
        let ru = analyse_claim("Несколько источников сообщили.", Lang::Ru);
        assert!(!no_source(&ru, "Several"));
    }

    /// Tester report 24, finding 10: "Gov. Rick Perry of Texas", which the event resolved to
    /// Texas (the name's last word), labels Rick Perry; "Defense of Marriage Act" is one
    /// name, not the actor "Marriage Act".
    #[test]
    fn a_person_of_a_place_is_that_person_and_a_title_before_of_is_part_of_the_name() {
        // as the event resolves them: a name's last word written alone takes it
        let canonical = |k: &str| {
            if k.ends_with("of texa") || k.ends_with("of michigan") {
                k.rsplit(' ')
                    .next()
                    .map(|w| if w == "texa" { "Texas" } else { "Michigan" }.to_string())
                    .unwrap_or_default()
            } else if k.contains("perri") {
                "Rick Perry".to_string()
            } else if k == "texa" {
                "Texas".to_string()
            } else if k == "michigan" {
                "Michigan".to_string()
            } else {
                k.to_string()
            }
        };
        let l = labels_of(
            &[
                "Gov. Rick Perry of Texas is broadcasting a new campaign ad.",
                "Mr. Perry said it again.",
                "The ad ran in Texas.",
                "The arguments range from Obama directing the Justice Department to stop \
                 arguing for the Defense of Marriage Act.",
                "She studied at the University of Michigan in Michigan.",
            ],
            &canonical,
        );
        let of = |actor: &str| -> Vec<&str> {
            l.get(actor)
                .map(|ls| ls.iter().map(|(x, _)| x.as_str()).collect())
                .unwrap_or_default()
        };
        assert!(of("Rick Perry").contains(&"rick perry of texas"), "{l:?}");
        assert_eq!(of("Texas"), ["texas"], "{l:?}");
        assert_eq!(
            of("Defense of Marriage Act"),
            ["defense of marriage act"],
            "{l:?}"
        );
        assert!(!l.contains_key("Marriage Act"), "{l:?}");
        // no person before "of": the name as written, not the place
        assert_eq!(
            of("University of Michigan"),
            ["university of michigan"],
            "{l:?}"
        );
        assert_eq!(of("Michigan"), ["michigan"], "{l:?}");
        // a count or a common noun opening the sentence before "of" stays the place's label
        let canonical = |k: &str| {
            if k.ends_with("afghan") {
                "Afghans".to_string()
            } else if k.ends_with("kabul") {
                "Kabul".to_string()
            } else {
                k.to_string()
            }
        };
        let l = labels_of(
            &[
                "Hundreds of Afghans crowded the airport.",
                "Coverage of Kabul was wide.",
                "The Afghans waited in Kabul.",
            ],
            &canonical,
        );
        assert!(l.keys().all(|k| !k.contains(" of ")), "{l:?}");
        // left alone: a title of several words before a person's name
        let l = labels_of(
            &["Secretary of State Antony Blinken met the minister."],
            &|k: &str| k.to_string(),
        );
        assert!(
            l.keys().any(|k| k.ends_with("blinken")),
            "the actor is still Blinken's key: {l:?}"
        );
        assert!(l.keys().all(|k| !k.starts_with("Secretary")), "{l:?}");
    }

    /// Tester report 24, finding 10: "Six Republican senators" names the Republicans; the
    /// number opened the name only because it opened the sentence.
    #[test]
    fn a_number_opening_the_sentence_is_no_part_of_the_name() {
        let canonical = |k: &str| {
            if k.ends_with("republican") {
                "Senate Republicans".to_string()
            } else {
                k.to_string()
            }
        };
        let l = labels_of(
            &[
                "Senate Republicans blocked the bill.",
                "Six Republican senators backed the proposal.",
            ],
            &canonical,
        );
        let labels: Vec<&str> = l["Senate Republicans"]
            .iter()
            .map(|(x, _)| x.as_str())
            .collect();
        assert!(labels.contains(&"republican"), "{l:?}");
        assert!(!labels.contains(&"six republican"), "{l:?}");
        // an actor of its own is named without the number
        let l = labels_of(
            &["Six Republican senators backed the proposal."],
            &|k: &str| k.to_string(),
        );
        assert!(l.contains_key("Republican"), "{l:?}");
        let l = labels_of(&["Ten Democrats voted against it."], &|k: &str| {
            k.to_string()
        });
        assert!(l.contains_key("Democrats"), "{l:?}");
        // left alone: a name that is no people's word, and a number inside a sentence
        let l = labels_of(
            &[
                "Six Flags reported a loss on Friday.",
                "The park was sold by Six Flags Entertainment to the Six Republican group.",
            ],
            &|k: &str| k.to_string(),
        );
        let all: Vec<&str> = l.values().flatten().map(|(x, _)| x.as_str()).collect();
        assert!(all.contains(&"six flags"), "{l:?}");
        assert!(all.contains(&"six flags entertainment"), "{l:?}");
        assert!(all.contains(&"six republican"), "{l:?}");
    }

    /// Tester report 26, finding 7: a 3,000-letter word in untrusted text is no actor label
    /// of that length in the profile.
    #[test]
    fn a_huge_word_gives_no_huge_actor_label() {
        let word = "A".repeat(3000);
        let texts = [
            format!("{word} said the bridge will reopen in March."),
            format!("The mayor met {word} on Sunday."),
            format!("A word: {word}"),
        ];
        let feats: Vec<_> = texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let claims: Vec<_> = feats
            .iter()
            .map(|f| (f, f.cues.as_slice(), ClusterKind::Unique))
            .collect();
        let p = profile("x", "Headline", &claims, &|k: &str| k.to_string());
        for (actor, labels) in &p.actor_labels {
            assert!(actor.chars().count() <= MAX_LABEL_CHARS, "{actor}");
            for (l, _) in labels {
                assert!(l.chars().count() <= MAX_LABEL_CHARS, "{l}");
            }
        }
        // the word was an actor or a label, cut
        assert!(
            p.actor_labels
                .iter()
                .any(|(a, ls)| a.ends_with('…') || ls.iter().any(|(l, _)| l.ends_with('…'))),
            "{:?}",
            p.actor_labels.keys().collect::<Vec<_>>()
        );
        assert_eq!(capped("short".into()), "short");
        let cut = capped(word);
        assert_eq!(cut.chars().count(), MAX_LABEL_CHARS);
        assert!(cut.ends_with('…'));
    }
}
