//! Framing profile of one outlet's article: the cues that make the same facts read differently.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::claim::ClaimFeatures;
use super::fasthash::FastMap;
use super::lexicon::FRAME_DIMENSIONS;
use super::model::{ClusterKind, Cue, CueKind, FramingProfile};
use super::text::Lang;

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
    for (f, cues, kind) in claims {
        for c in cues.iter() {
            match c.kind {
                CueKind::Loaded if in_proper_name(f, c) || is_plain(f, &c.text) => {}
                CueKind::Loaded => *loaded.entry(c.text.to_lowercase()).or_default() += 1,
                CueKind::Hedge => hedge_count += 1,
                // the engine's reading of reporting verbs; the profile counts its own below
                CueKind::Attribution | CueKind::Negation => {}
            }
        }
        for insult in insults(f, cues) {
            *loaded.entry(insult.to_string()).or_default() += 1;
        }
        let own = &f.profile_cues;
        for v in &own.attribution_verbs {
            *verbs.entry(v.to_lowercase()).or_default() += 1;
        }
        if let Some(s) = &own.quoted_source {
            *sources.entry(s.clone()).or_default() += 1;
        }
        for e in &own.entities {
            let actor = canonical(&e.key);
            *labels
                .entry(actor)
                .or_default()
                .entry(e.surface.clone())
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
        actor_labels: labels.into_iter().map(|(k, v)| (k, ranked(v))).collect(),
        frames: frame_shares,
        unique_claims: unique,
        shared_claims: shared,
        contrasting_claims: contrasting,
    }
}

/// The words of a lexicon file: one a line, lower-cased, `#` comments and blank lines left
/// out.
fn word_list(text: &'static str) -> std::collections::HashSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Insults and profanity (`assets/lexicons/insults-en.txt`), as written.
static INSULTS_EN: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../../assets/lexicons/insults-en.txt")));

/// Words that share a loaded word's stem but do not judge
/// (`assets/lexicons/plain-en.txt`), as written.
static PLAIN_EN: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../../assets/lexicons/plain-en.txt")));

/// Whether the loaded cue written `text` in claim `f` is a plain descriptor sharing a loaded
/// word's stem ("celebrity" beside "celebrate").
fn is_plain(f: &ClaimFeatures, text: &str) -> bool {
    f.lang == Lang::En && PLAIN_EN.contains(text.to_lowercase().as_str())
}

/// The insults and swear words of English claim `f` (lower-cased, as written) that no loaded
/// cue of `cues` already covers.
fn insults<'a>(f: &'a ClaimFeatures, cues: &'a [Cue]) -> impl Iterator<Item = &'a str> {
    let english = f.lang == Lang::En;
    f.tokens
        .iter()
        .filter(move |_| english)
        .filter(|t| INSULTS_EN.contains(&*t.lower))
        .filter(|t| {
            !cues
                .iter()
                .any(|c| c.kind == CueKind::Loaded && c.start <= t.start && t.end <= c.end)
        })
        .map(|t| &*t.lower)
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
        let f = analyse_claim("Crowds celebrate the historic win.", Lang::En);
        let p = profile(
            "x",
            "x",
            &[(&f, &f.cues, ClusterKind::Unique)],
            &|k: &str| k.to_string(),
        );
        assert!(
            p.loaded_terms.iter().any(|(t, _)| t == "celebrate"),
            "{:?}",
            p.loaded_terms
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
}
