//! Stage 2 of `compare`, **claims**: the analysed clauses become [`Claim`]s with file offsets,
//! grouped in one column per article, and names are resolved across the event (a name the
//! event confirms, "Vladimir Putin" ... "Putin", "he" after a named person).

use std::collections::BTreeMap;

use super::segment::Part;
use super::{article_language, entities, fasthash, lexicon};
use crate::analysis::claim::ClaimFeatures;
use crate::analysis::model::{Claim, OutletColumn};
use crate::corpus::Article;

/// Claims, their features and the columns (one per article, claims in text order).
pub(crate) fn build(
    articles: &[(usize, &Article)],
    analysed: Vec<Vec<Part>>,
) -> (Vec<OutletColumn>, Vec<Claim>, Vec<ClaimFeatures>) {
    let mut columns = Vec::with_capacity(articles.len());
    // every part becomes one claim: no growing (and moving) of the large features on the way
    let total = analysed.iter().map(Vec::len).sum();
    let mut claims: Vec<Claim> = Vec::with_capacity(total);
    let mut feats: Vec<ClaimFeatures> = Vec::with_capacity(total);
    for ((col, (idx, art)), parts) in articles.iter().enumerate().zip(analysed) {
        let lang = article_language(art);
        let mut ids = Vec::with_capacity(parts.len());
        for (si, ci, range, mut f) in parts {
            f.article_date = art.date;
            f.article_date_alt = art.date_alt;
            let file = art.file_range(range);
            let id = claims.len();
            claims.push(Claim {
                id,
                column: col,
                outlet: art.outlet.clone(),
                text: f.text.clone(),
                start: file.start,
                end: file.end,
                sentence_index: si,
                clause_index: ci,
                language: lang.code().to_string(),
                entities: Vec::new(),
                quantities: f.quantities.clone(),
                negated: f.negated(),
                // the verb the engine read, its speaker as the profile reads it (who is
                // told or asked, or a name in the verb's object, is no speaker)
                attribution: f.attribution.clone().map(|a| crate::analysis::Attribution {
                    speaker: f.profile_cues.attribution_speaker.clone(),
                    ..a
                }),
                sentiment: f.sentiment,
                // framing reads the cues from the claim; the contrast rules read them
                // from the features (a hedged claim is not denied), so both keep them
                cues: f.cues.clone(),
                cluster: 0,
                disputed_in: Vec::new(),
                also_shared_in: Vec::new(),
            });
            feats.push(f);
            ids.push(id);
        }
        columns.push(OutletColumn {
            outlet: art.outlet.clone(),
            article: *idx,
            headline: art.title.clone(),
            claims: ids,
            syndicated_with: syndicated_with(art),
        });
    }
    (columns, claims, feats)
}

/// The outlets the loader marked as carrying a near-identical copy of `art`
/// ([`crate::corpus::duplicates::SYNDICATED_KEY`]), sorted.
fn syndicated_with(art: &Article) -> Vec<String> {
    let mut out: Vec<String> = art
        .extra
        .get(crate::corpus::duplicates::SYNDICATED_KEY)
        .map(|list| {
            list.split(',')
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}

/// Event-level coreference: confirms tentative names, rewrites surnames and opening
/// pronouns to the full name, and fills each claim's entity names. Returns the display form
/// of every canonical entity key, the framing profile's own names' first
/// (`resolve_profile_names`): what the profile shows for each actor.
pub(crate) fn resolve_coreference(
    columns: &[OutletColumn],
    claims: &mut [Claim],
    feats: &mut [ClaimFeatures],
) -> BTreeMap<String, String> {
    // a lone capitalised word opening a sentence is a name only if the event also uses it as one
    let confirmed = confident_keys(feats);
    confirm_title_case_names(feats, &confirmed);
    // the profile's own confident names confirm its tentative ones: the engine reads "Put"
    // after a quotation mark as a name, the profile does not
    // and a full name confirms its last word ("Gen. Martin Dempsey" ... "Dempsey said")
    let profile_confirmed: fasthash::FastSet<String> = feats
        .iter()
        .flat_map(|f| &f.profile_cues.entities)
        .filter(|e| !e.tentative)
        .flat_map(|e| {
            let surname = e.key.rsplit_once(' ').map(|(_, last)| last.to_string());
            std::iter::once(e.key.clone()).chain(surname)
        })
        .collect();
    for (f, c) in feats.iter_mut().zip(claims.iter_mut()) {
        if f.entities
            .iter()
            .any(|e| e.tentative && !confirmed.contains(&e.key))
        {
            entities::drop_unconfirmed(&mut f.entities, &confirmed);
            f.entity_keys = f.entities.iter().map(|e| e.key.clone()).collect();
            f.entity_keys.sort();
            f.entity_keys.dedup();
        }
        // a quoted source read from a name the event does not confirm ("Critics said",
        // "saying: “Hi, Congressman") goes with it
        let cues = &f.profile_cues;
        let source_gone = cues.entities.iter().any(|e| {
            e.tentative
                && !profile_confirmed.contains(&e.key)
                && cues.quoted_source.as_deref() == Some(e.display.as_str())
        });
        // the speaker shown with the claim's verb is none where the profile says a name is
        // no source ("Several reports of … arose": tester report 24, finding 10); "Police
        // say" keeps its speaker
        let shown = cues.attribution_speaker.as_deref();
        let speaker_gone = shown.is_some_and(|s| super::framing::no_source(f, s));
        if source_gone {
            f.profile_cues.quoted_source = None;
        }
        if speaker_gone {
            f.profile_cues.attribution_speaker = None;
            if let Some(a) = &mut c.attribution {
                a.speaker = None;
            }
        }
        entities::drop_unconfirmed(&mut f.profile_cues.entities, &profile_confirmed);
    }

    // event-level coreference: "Vladimir Putin" ... "Putin"
    let rewrites = entities::resolve_surnames(
        feats
            .iter()
            .flat_map(|f| f.entity_keys.iter().map(String::as_str)),
    );
    resolve_pronouns(columns, feats, &rewrites);
    let mut display: BTreeMap<String, String> = BTreeMap::new();
    for f in feats.iter_mut() {
        for e in &mut f.entities {
            if let Some(k) = rewrites.get(&e.key) {
                e.key = k.clone();
            }
        }
        for e in &f.entities {
            display
                .entry(e.key.clone())
                .or_insert_with(|| e.display.clone());
        }
        if !rewrites.is_empty() {
            for t in f.terms.iter_mut().chain(f.entity_keys.iter_mut()) {
                if let Some(k) = rewrites.get(t) {
                    *t = k.clone();
                }
            }
            f.terms.sort();
            f.terms.dedup();
            f.entity_keys.sort();
            f.entity_keys.dedup();
        }
    }
    for (c, f) in claims.iter_mut().zip(feats.iter()) {
        let mut names: Vec<String> = f
            .entity_keys
            .iter()
            .map(|k| display.get(k).cloned().unwrap_or_else(|| k.clone()))
            .collect();
        names.dedup();
        c.entities = names;
    }
    resolve_profile_names(feats, &mut display);
    display
}

/// The framing profile's names ([`crate::analysis::claim::ProfileCues`]) resolved across the
/// event as the engine's are ("Vladimir Putin" ... "Putin", from the profile's own keys).
/// Each profile key's display form, from its first profile mention, replaces the engine's in
/// `display` (the claims' entity names are already filled; the profile reads the rest).
fn resolve_profile_names(feats: &mut [ClaimFeatures], display: &mut BTreeMap<String, String>) {
    let rewrites = entities::resolve_surnames(
        feats
            .iter()
            .flat_map(|f| f.profile_cues.entities.iter().map(|e| e.key.as_str())),
    );
    // each key's first display and whether a sentence opens with it ("Senators voted"), and
    // how often each one-word form is written (count, whether once where no sentence opens
    // with it, order first seen)
    let mut own: BTreeMap<String, (String, bool)> = BTreeMap::new();
    let mut forms: BTreeMap<(String, String), (usize, bool, usize)> = BTreeMap::new();
    for (n, e) in feats
        .iter_mut()
        .flat_map(|f| &mut f.profile_cues.entities)
        .enumerate()
    {
        if let Some(k) = rewrites.get(&e.key) {
            e.key = k.clone();
        }
        own.entry(e.key.clone())
            .or_insert_with(|| (e.display.clone(), e.tentative));
        if !e.display.contains(' ') {
            let form = forms
                .entry((e.key.clone(), e.display.clone()))
                .or_insert((0, false, n));
            form.0 += 1;
            form.1 |= !e.tentative;
        }
    }
    // a one-word name first written where a sentence opens is shown in the one-word form the
    // event writes most often, ties to one written where no sentence opens ("Senators
    // voted" … "the Senate majority" is the Senate): tester report 24, finding 10
    for (key, (shown, opens)) in &mut own {
        if !*opens || shown.contains(' ') {
            continue;
        }
        let best = forms
            .range((key.clone(), String::new())..)
            .take_while(|((k, _), _)| k == key)
            .max_by_key(|(_, (count, confident, seen))| {
                (*count, *confident, std::cmp::Reverse(*seen))
            });
        if let Some(((_, form), _)) = best {
            shown.clone_from(form);
        }
    }
    display.extend(own.into_iter().map(|(k, (d, _))| (k, d)));
}

/// The confident entity keys of claims: what confirms a tentative name elsewhere.
pub(crate) fn confident_keys(feats: &[ClaimFeatures]) -> fasthash::FastSet<String> {
    feats
        .iter()
        .flat_map(|f| {
            f.entities
                .iter()
                .filter(|e| !e.tentative)
                .map(|e| e.key.clone())
        })
        .collect()
}

/// Title-case claims (headlines): keeps the candidate names whose key `confirmed` holds (a
/// sentence-case claim of the event names it), longest first and without overlap. Each kept
/// name becomes an entity of the claim, its key a term in place of its words' stems, and its
/// tokens count as capitalised again; the other candidates stay plain words.
pub(crate) fn confirm_title_case_names(
    feats: &mut [ClaimFeatures],
    confirmed: &fasthash::FastSet<String>,
) {
    for f in feats.iter_mut().filter(|f| !f.title_case_names.is_empty()) {
        let mut candidates = std::mem::take(&mut f.title_case_names);
        candidates.retain(|m| confirmed.contains(&m.key));
        candidates.sort_by_key(|m| (std::cmp::Reverse(m.last - m.first), m.first));
        let mut taken = vec![false; f.tokens.len()];
        for mut m in candidates {
            if taken[m.first..m.last].iter().any(|&t| t) {
                continue;
            }
            taken[m.first..m.last].fill(true);
            for t in &mut f.tokens[m.first..m.last] {
                t.capitalised = true;
            }
            m.tentative = false;
            m.display = f.text[f.tokens[m.first].start..f.tokens[m.last - 1].end].to_string();
            f.terms.push(m.key.clone());
            f.entity_keys.push(m.key.clone());
            f.profile_cues.entities.push(m.clone());
            f.entities.push(m);
        }
        // the words of a multi-word name count through the name, as in a sentence-case claim
        let loose: fasthash::FastSet<&str> = f
            .tokens
            .iter()
            .zip(&taken)
            .filter(|(_, t)| !**t)
            .map(|(t, _)| &*t.stem)
            .collect();
        let named: fasthash::FastSet<String> = f
            .entities
            .iter()
            .filter(|e| e.last - e.first > 1)
            .flat_map(|e| f.tokens[e.first..e.last].iter().map(|t| &*t.stem))
            .filter(|s| !loose.contains(s))
            .map(str::to_string)
            .collect();
        f.terms.retain(|t| !named.contains(t));
        f.entities.sort_by_key(|e| e.first);
        f.profile_cues.entities.sort_by_key(|e| e.first);
        f.terms.sort();
        f.terms.dedup();
        f.entity_keys.sort();
        f.entity_keys.dedup();
    }
}

/// Pronoun coreference, newspaper style: a claim that opens with "he" / "she" ("он" / "она")
/// and names nobody gets the person named in the nearest preceding claim of the same article
/// (a known person, or a name also used alone: "Vladimir Putin" ... "Putin"). A preceding
/// claim that names two people leaves the pronoun unresolved: which one it means is a
/// guess (an ECB+ contrast between two players' yards came from such a guess, session 18).
fn resolve_pronouns(
    columns: &[OutletColumn],
    feats: &mut [ClaimFeatures],
    surnames: &fasthash::FastMap<String, String>,
) {
    const PRONOUNS: &[&str] = &["he", "she", "his", "her", "он", "она", "его", "ее"];
    let persons = &lexicon::actors().persons;
    let surname_set: fasthash::FastSet<&str> = surnames.values().map(String::as_str).collect();
    let is_person = |k: &str| {
        let k = surnames.get(k).map_or(k, String::as_str);
        persons.contains(k) || surname_set.contains(k)
    };
    for col in columns {
        let mut last_person: Option<String> = None;
        for &id in &col.claims {
            let f = &mut feats[id];
            let opens_with_pronoun = f
                .tokens
                .iter()
                .take(2)
                .any(|t| PRONOUNS.contains(&t.lower.as_ref()));
            let names_person = f.entities.iter().any(|e| is_person(&e.key));
            if opens_with_pronoun
                && !names_person
                && let Some(p) = &last_person
            {
                if !f.terms.contains(p) {
                    f.terms.push(p.clone());
                    f.terms.sort();
                }
                if !f.entity_keys.contains(p) {
                    f.entity_keys.push(p.clone());
                    f.entity_keys.sort();
                }
            }
            let mut named = f
                .entities
                .iter()
                .filter(|e| is_person(&e.key))
                .map(|e| surnames.get(&e.key).unwrap_or(&e.key));
            if let Some(first) = named.next() {
                // two people named ("In Bush's absence, Pierre Thomas has established
                // himself"): the next "he" may be either, so it is left unresolved
                let ambiguous = named.any(|k| k != first);
                last_person = (!ambiguous).then(|| first.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::claim::analyse_claim;
    use crate::analysis::text::Lang;

    #[test]
    fn a_title_case_headline_keeps_only_the_names_the_event_confirms() {
        let mut feats = vec![
            analyse_claim(
                "Report: Second American Journalist Beheaded by Islamic State Terrorists",
                Lang::En,
            ),
            analyse_claim(
                "A video shows the beheading of journalist Steven Sotloff by the Islamic State group.",
                Lang::En,
            ),
        ];
        // before the event confirms anything, the headline's words are words, not one name
        assert!(feats[0].entities.is_empty());
        assert!(feats[0].terms.iter().any(|t| t == "journalist"));
        let confirmed = confident_keys(&feats);
        confirm_title_case_names(&mut feats, &confirmed);
        let h = &feats[0];
        assert_eq!(h.entity_keys, vec!["islam state".to_string()]);
        assert!(h.terms.iter().any(|t| t == "islam state"));
        assert!(h.terms.iter().any(|t| t == "journalist"));
        assert!(!h.terms.iter().any(|t| t == "islam" || t == "state"));
        let caps: Vec<&str> = h
            .tokens
            .iter()
            .filter(|t| t.capitalised)
            .map(|t| t.lower.as_ref())
            .collect();
        assert_eq!(caps, ["islamic", "state"]);
    }

    #[test]
    fn a_sentence_case_claim_is_left_as_it_was() {
        let mut feats = vec![analyse_claim(
            "Vladimir Putin met Donald Trump in Helsinki on Monday.",
            Lang::En,
        )];
        let before = feats[0].entity_keys.clone();
        let confirmed = confident_keys(&feats);
        confirm_title_case_names(&mut feats, &confirmed);
        assert_eq!(feats[0].entity_keys, before);
        assert!(!before.is_empty());
    }

    fn resolved(texts: &[&str]) -> Vec<Vec<String>> {
        let mut feats: Vec<ClaimFeatures> =
            texts.iter().map(|t| analyse_claim(t, Lang::En)).collect();
        let columns = vec![OutletColumn {
            claims: (0..texts.len()).collect(),
            ..OutletColumn::default()
        }];
        let surnames = entities::resolve_surnames(
            feats
                .iter()
                .flat_map(|f| f.entity_keys.iter().map(String::as_str)),
        );
        resolve_pronouns(&columns, &mut feats, &surnames);
        feats.into_iter().map(|f| f.entity_keys).collect()
    }

    #[test]
    fn he_after_two_people_named_is_left_unresolved() {
        let keys = resolved(&[
            "Reggie Bush will miss the rest of the season.",
            "In Bush's absence, running back Pierre Thomas has established himself.",
            "He has also caught eight passes for 66 yards.",
            "Fantasy owners carrying Bush have missed out on Thomas.",
        ]);
        assert!(keys[2].is_empty(), "{keys:?}");
        // one person named: "he" is that person
        let keys = resolved(&[
            "Reggie Bush will miss the rest of the season.",
            "Bush injured his knee on Sunday.",
            "He has also caught eight passes for 66 yards.",
        ]);
        assert_eq!(keys[2], keys[1], "{keys:?}");
        assert!(!keys[2].is_empty());
    }
}
