//! Stage 5 of `compare`, **cluster** (presentation): the aligned clusters (`align`) become
//! [`Cluster`]s with reasons in words ("shared by …", "BBC News vs Izvestia: negation …",
//! "disputed by …"), disputes linked both ways, and the words the members share.

use super::align;
use crate::analysis::claim::ClaimFeatures;
use crate::analysis::fasthash::FastMap;
use crate::analysis::lexicon;
use crate::analysis::model::{Claim, Cluster, ClusterId, ClusterKind};
use crate::analysis::similarity::Vocab;

/// Dresses the raw clusters; sets each claim's own cluster and the disputes it is shown in.
pub(crate) fn dress(
    raw: &[align::RawCluster],
    claims: &mut [Claim],
    feats: &[ClaimFeatures],
    vocab: &Vocab,
    outlet_display: &std::collections::BTreeMap<String, String>,
    syndication: &Syndication,
) -> Vec<Cluster> {
    let outlet_names: Vec<String> = claims
        .iter()
        .map(|c| {
            outlet_display
                .get(&c.outlet)
                .cloned()
                .unwrap_or_else(|| c.outlet.clone())
        })
        .collect();
    let outlet_of = |id: usize| outlet_names[id].clone();
    // each outlet once, in order, with how many of its articles when more than one ("shared
    // by wire (2 articles), daily": two articles of one outlet are one voice)
    let outlets_of = |ids: &[usize]| -> String {
        let mut names: Vec<(String, usize)> = Vec::new();
        for &m in ids {
            let name = outlet_of(m);
            match names.iter_mut().find(|(n, _)| *n == name) {
                Some((_, k)) => *k += 1,
                None => names.push((name, 1)),
            }
        }
        names
            .into_iter()
            .map(|(n, k)| {
                if k > 1 {
                    format!("{n} ({k} articles)")
                } else {
                    n
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    // each claim's own cluster first: counterparts keep theirs and list the dispute (or the
    // shared fact a shorter claim of another outlet states)
    for (cid, rc) in raw.iter().enumerate() {
        for &m in &rc.members {
            if !rc.counterparts.contains(&m) {
                claims[m].cluster = cid;
            } else if rc.kind == ClusterKind::Shared {
                claims[m].also_shared_in.push(cid);
            } else {
                claims[m].disputed_in.push(cid);
            }
        }
    }
    let mut disputed_by: Vec<Vec<ClusterId>> = vec![Vec::new(); raw.len()];
    for (cid, rc) in raw.iter().enumerate() {
        if rc.kind != ClusterKind::Contrasting {
            continue;
        }
        for &m in &rc.counterparts {
            let home = claims[m].cluster;
            if !disputed_by[home].contains(&cid) {
                disputed_by[home].push(cid);
            }
        }
    }
    let own = |rc: &align::RawCluster| -> Vec<usize> {
        rc.members
            .iter()
            .copied()
            .filter(|m| !rc.counterparts.contains(m))
            .collect()
    };
    let mut clusters = Vec::with_capacity(raw.len());
    for (cid, rc) in raw.iter().enumerate() {
        let mut reasons = Vec::new();
        let mine = own(rc);
        match rc.kind {
            ClusterKind::Unique => {
                reasons.push(format!("only in {}", outlets_of(&mine)));
            }
            ClusterKind::Shared => {
                reasons.push(format!("shared by {}", outlets_of(&rc.members)));
                for &m in &rc.counterparts {
                    reasons.push(format!("{} states it within a longer claim", outlet_of(m)));
                }
            }
            ClusterKind::Contrasting => {
                for (a, b, r) in &rc.contrasts {
                    reasons.push(format!("{} vs {}: {r}", outlet_of(*a), outlet_of(*b)));
                }
                // the shared facts this dissent contradicts
                let mut homes: Vec<ClusterId> =
                    rc.counterparts.iter().map(|&m| claims[m].cluster).collect();
                homes.sort_unstable();
                homes.dedup();
                for h in homes {
                    let verb = if raw[h].kind == ClusterKind::Shared {
                        "shared by"
                    } else {
                        "reported by"
                    };
                    reasons.push(format!(
                        "disputes a claim {verb} {}",
                        outlets_of(&own(&raw[h]))
                    ));
                }
            }
        }
        for &d in &disputed_by[cid] {
            reasons.push(format!("disputed by {}", outlets_of(&own(&raw[d]))));
        }
        // a shared fact is corroborated by every outlet that states it, counterparts included
        let voices = if rc.kind == ClusterKind::Shared {
            &rc.members
        } else {
            &mine
        };
        let copies = syndication.copies(voices.iter().map(|&m| claims[m].outlet.as_str()));
        let syndicated = rc.kind == ClusterKind::Shared && copies.sources < 2;
        for group in &copies.groups {
            let names: Vec<String> = group
                .iter()
                .map(|o| {
                    outlet_display
                        .get(o.as_str())
                        .cloned()
                        .unwrap_or_else(|| o.clone())
                })
                .collect();
            let tail = if syndicated {
                ": one source, not independent corroboration"
            } else {
                ""
            };
            reasons.push(format!(
                "syndicated copy: {} carry the same article{tail}",
                names.join(", ")
            ));
        }
        let shared_terms = shared_terms(&rc.members, feats, vocab);
        if rc.kind != ClusterKind::Unique && !shared_terms.is_empty() {
            reasons.push(format!("common words: {}", shared_terms.join(", ")));
        }
        clusters.push(Cluster {
            id: cid,
            kind: rc.kind,
            reasons,
            members: rc.members.clone(),
            counterparts: rc.counterparts.clone(),
            disputed_by: std::mem::take(&mut disputed_by[cid]),
            shared_terms,
            similarity: rc.similarity,
            syndicated,
        });
    }
    clusters
}

/// Which outlets of an event carry syndicated copies of one article (an undirected graph
/// over outlet ids, from [`crate::analysis::model::OutletColumn::syndicated_with`]).
#[derive(Debug, Default)]
pub(crate) struct Syndication {
    links: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
}

/// The outlets of one cluster seen through syndication.
#[derive(Debug, PartialEq)]
pub(crate) struct Copies {
    /// Independent sources: outlets, with each set of mutual copies counted once.
    pub sources: usize,
    /// Each set of two or more member outlets linked by syndication, outlets sorted.
    pub groups: Vec<Vec<String>>,
}

impl Syndication {
    /// From the event's columns; links are made symmetric.
    pub(crate) fn from_columns(columns: &[crate::analysis::model::OutletColumn]) -> Syndication {
        let mut s = Syndication::default();
        for col in columns {
            for other in &col.syndicated_with {
                s.link(&col.outlet, other);
            }
        }
        s
    }

    fn link(&mut self, a: &str, b: &str) {
        if a == b {
            return;
        }
        self.links
            .entry(a.to_string())
            .or_default()
            .insert(b.to_string());
        self.links
            .entry(b.to_string())
            .or_default()
            .insert(a.to_string());
    }

    /// Groups `outlets` (repeats allowed) into connected sets of copies.
    pub(crate) fn copies<'a>(&self, outlets: impl Iterator<Item = &'a str>) -> Copies {
        let set: std::collections::BTreeSet<&str> = outlets.collect();
        let mut seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        let mut sources = 0;
        let mut groups = Vec::new();
        for &start in &set {
            if !seen.insert(start) {
                continue;
            }
            sources += 1;
            let mut group = vec![start.to_string()];
            let mut stack = vec![start];
            while let Some(o) = stack.pop() {
                for next in self.links.get(o).into_iter().flatten() {
                    if let Some(&n) = set.get(next.as_str())
                        && seen.insert(n)
                    {
                        group.push(n.to_string());
                        stack.push(n);
                    }
                }
            }
            if group.len() > 1 {
                group.sort();
                groups.push(group);
            }
        }
        Copies { sources, groups }
    }
}

/// Terms found in at least two members, in the surface form of the first member, in text order.
fn shared_terms(members: &[usize], feats: &[ClaimFeatures], vocab: &Vocab) -> Vec<String> {
    if members.len() < 2 {
        return Vec::new();
    }
    let mut count: FastMap<u32, usize> = FastMap::default();
    for &m in members {
        for &t in &feats[m].term_ids {
            *count.entry(t).or_default() += 1;
        }
    }
    let shared = |key: &str| {
        vocab
            .get(key)
            .is_some_and(|id| count.get(&id).copied().unwrap_or(0) >= 2)
    };
    let first = &feats[members[0]];
    let lex = lexicon::lexicons(first.lang);
    // Linear in the claim's length (a sentence over the clause limit can be a whole
    // article): tokens inside a name marked once, words seen kept in a set, and terms keyed
    // by their start so a name replaces the word it begins with.
    let mut in_entity = vec![false; first.tokens.len()];
    for e in &first.entities {
        for flag in in_entity.iter_mut().take(e.last).skip(e.first) {
            *flag = true;
        }
    }
    let mut by_start: std::collections::BTreeMap<usize, String> = Default::default();
    let mut seen: FastMap<String, usize> = FastMap::default();
    for (i, tok) in first.tokens.iter().enumerate() {
        if in_entity[i] {
            continue;
        }
        let key = lex
            .glossary
            .get(&*tok.stem)
            .map_or(&*tok.stem, String::as_str);
        if !lex.stop.contains(&*tok.lower) && shared(key) && !seen.contains_key(&*tok.lower) {
            seen.insert(tok.lower.to_string(), 1);
            by_start.insert(tok.start, tok.lower.to_string());
        }
    }
    for e in &first.entities {
        if shared(&e.key) && seen.get(&e.display).is_none_or(|n| *n == 0) {
            let start = first.tokens[e.first].start;
            if let Some(old) = by_start.insert(start, e.display.clone())
                && let Some(n) = seen.get_mut(&old)
            {
                *n -= 1;
            }
            *seen.entry(e.display.clone()).or_default() += 1;
        }
    }
    by_start.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_counterpart_is_listed_as_also_shared_not_as_a_dispute() {
        let claim = |id: usize, outlet: &str| Claim {
            id,
            column: id,
            outlet: outlet.to_string(),
            ..Claim::default()
        };
        let mut claims = vec![claim(0, "wire"), claim(1, "herald"), claim(2, "daily")];
        let feats: Vec<ClaimFeatures> = ["a b", "a c", "b d"]
            .iter()
            .map(|t| crate::analysis::claim::analyse_claim(t, crate::analysis::text::Lang::En))
            .collect();
        let raw = |kind, members: Vec<usize>, counterparts: Vec<usize>| align::RawCluster {
            kind,
            members,
            counterparts,
            contrasts: Vec::new(),
            similarity: 0.5,
        };
        let raw = [
            raw(ClusterKind::Shared, vec![0, 1], vec![]),
            raw(ClusterKind::Shared, vec![0, 2], vec![0]),
        ];
        let names = std::collections::BTreeMap::new();
        // no copies: the counterpart's outlet is a second, independent voice
        let syndication = Syndication::default();
        let out = dress(
            &raw,
            &mut claims,
            &feats,
            &Vocab::new(),
            &names,
            &syndication,
        );
        assert_eq!(claims[0].cluster, 0, "the long claim keeps its own cluster");
        assert_eq!(claims[0].also_shared_in, [1]);
        assert!(claims[0].disputed_in.is_empty());
        assert_eq!(claims[2].cluster, 1);
        assert!(out[0].disputed_by.is_empty(), "{:?}", out[0]);
        assert_eq!(out[1].reasons[0], "shared by wire, daily");
        assert_eq!(out[1].reasons[1], "wire states it within a longer claim");
        assert!(!out[1].syndicated, "two outlets state the fact");
        assert!(claims[0].in_cluster(1) && claims[0].in_cluster(0) && !claims[1].in_cluster(1));
    }

    #[test]
    fn two_articles_of_one_outlet_are_named_once() {
        let claim = |id: usize, outlet: &str| Claim {
            id,
            column: id,
            outlet: outlet.to_string(),
            ..Claim::default()
        };
        let mut claims = vec![claim(0, "one"), claim(1, "one"), claim(2, "two")];
        let feats: Vec<ClaimFeatures> = ["a b", "a b", "a b"]
            .iter()
            .map(|t| crate::analysis::claim::analyse_claim(t, crate::analysis::text::Lang::En))
            .collect();
        let raw = [align::RawCluster {
            kind: ClusterKind::Shared,
            members: vec![0, 1, 2],
            counterparts: Vec::new(),
            contrasts: Vec::new(),
            similarity: 1.0,
        }];
        let out = dress(
            &raw,
            &mut claims,
            &feats,
            &Vocab::new(),
            &std::collections::BTreeMap::new(),
            &Syndication::default(),
        );
        assert_eq!(out[0].reasons[0], "shared by one (2 articles), two");
    }

    #[test]
    fn copies_count_each_set_of_syndicated_outlets_once() {
        let mut s = Syndication::default();
        s.link("wire", "metro");
        s.link("metro", "daily");
        let c = s.copies(["daily", "herald", "wire", "metro", "wire"].into_iter());
        assert_eq!(c.sources, 2);
        assert_eq!(c.groups, [vec!["daily", "metro", "wire"]]);
        // A link through an outlet that is not in the cluster does not join two members.
        let c = s.copies(["daily", "wire"].into_iter());
        assert_eq!(c.sources, 2);
        assert!(c.groups.is_empty());
    }
}
