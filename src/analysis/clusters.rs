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
    let names = display_names(claims, outlet_display);
    assign_home_clusters(raw, claims);
    let claims: &[Claim] = claims;
    let mut disputed_by = disputed_by(raw, claims);
    let mut clusters = Vec::with_capacity(raw.len());
    for (cid, rc) in raw.iter().enumerate() {
        let mut reasons = kind_reasons(raw, rc, claims, &names);
        for &d in &disputed_by[cid] {
            reasons.push(format!(
                "disputed by {}",
                outlets_list(&names, &own_members(&raw[d]))
            ));
        }
        let syndicated = syndication_reasons(rc, claims, outlet_display, syndication, &mut reasons);
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

/// The name to show for each claim's outlet (by claim id): its display name, else its id.
fn display_names(
    claims: &[Claim],
    outlet_display: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    claims
        .iter()
        .map(|c| {
            outlet_display
                .get(&c.outlet)
                .cloned()
                .unwrap_or_else(|| c.outlet.clone())
        })
        .collect()
}

/// The outlets of claims `ids` as one phrase: each outlet once, in order, with how many of
/// its articles when more than one ("wire (2 articles), daily": two articles of one outlet are
/// one voice). `names` is [`display_names`].
fn outlets_list(names: &[String], ids: &[usize]) -> String {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for &m in ids {
        let name = names[m].as_str();
        match counted.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => counted.push((name, 1)),
        }
    }
    counted
        .into_iter()
        .map(|(n, k)| {
            if k > 1 {
                format!("{n} ({k} articles)")
            } else {
                n.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sets each claim's own cluster; a counterpart keeps its own and lists the other cluster in
/// `disputed_in` (a dissent) or `also_shared_in` (a shared fact a shorter claim of another
/// outlet states).
fn assign_home_clusters(raw: &[align::RawCluster], claims: &mut [Claim]) {
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
}

/// For each cluster (by id), the contrasting clusters that show one of its claims as a
/// counterpart, in cluster order, each once. Needs the claims' own clusters set.
fn disputed_by(raw: &[align::RawCluster], claims: &[Claim]) -> Vec<Vec<ClusterId>> {
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
    disputed_by
}

/// The members of a cluster that are its own (not counterparts), in order.
fn own_members(rc: &align::RawCluster) -> Vec<usize> {
    rc.members
        .iter()
        .copied()
        .filter(|m| !rc.counterparts.contains(m))
        .collect()
}

/// The reasons a cluster's kind gives: "only in …"; "shared by …" and who states it within a
/// longer claim; or each contrast "A vs B: …" and the claims the dissent disputes.
fn kind_reasons(
    raw: &[align::RawCluster],
    rc: &align::RawCluster,
    claims: &[Claim],
    names: &[String],
) -> Vec<String> {
    match rc.kind {
        ClusterKind::Unique => vec![format!("only in {}", outlets_list(names, &own_members(rc)))],
        ClusterKind::Shared => {
            let mut reasons = vec![format!("shared by {}", outlets_list(names, &rc.members))];
            for &m in &rc.counterparts {
                reasons.push(format!("{} states it within a longer claim", names[m]));
            }
            reasons
        }
        ClusterKind::Contrasting => contrast_reasons(raw, rc, claims, names),
    }
}

/// A contrasting cluster's reasons: each contrast "A vs B: why", then the shared (or other)
/// facts this dissent contradicts, by their own outlets.
fn contrast_reasons(
    raw: &[align::RawCluster],
    rc: &align::RawCluster,
    claims: &[Claim],
    names: &[String],
) -> Vec<String> {
    let mut reasons: Vec<String> = rc
        .contrasts
        .iter()
        .map(|(a, b, r)| format!("{} vs {}: {r}", names[*a], names[*b]))
        .collect();
    let mut homes: Vec<ClusterId> = rc.counterparts.iter().map(|&m| claims[m].cluster).collect();
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
            outlets_list(names, &own_members(&raw[h]))
        ));
    }
    reasons
}

/// Appends a reason for each set of syndicated copies among the cluster's voices (a shared
/// fact's members, counterparts included; else its own members). True when a shared fact has
/// fewer than two independent sources: one source, not independent corroboration.
fn syndication_reasons(
    rc: &align::RawCluster,
    claims: &[Claim],
    outlet_display: &std::collections::BTreeMap<String, String>,
    syndication: &Syndication,
    reasons: &mut Vec<String>,
) -> bool {
    let voices = if rc.kind == ClusterKind::Shared {
        rc.members.clone()
    } else {
        own_members(rc)
    };
    let copies = syndication.copies(voices.iter().map(|&m| claims[m].outlet.as_str()));
    let syndicated = rc.kind == ClusterKind::Shared && copies.sources < 2;
    let tail = if syndicated {
        ": one source, not independent corroboration"
    } else {
        ""
    };
    for group in &copies.groups {
        let names: Vec<&str> = group
            .iter()
            .map(|o| outlet_display.get(o.as_str()).unwrap_or(o).as_str())
            .collect();
        reasons.push(format!(
            "syndicated copy: {} carry the same article{tail}",
            names.join(", ")
        ));
    }
    syndicated
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
