//! Stage 5 of `compare`, **cluster** (presentation): the aligned clusters (`align`) become
//! [`Cluster`]s with reasons in words ("shared by …", "BBC News vs Izvestia: negation …",
//! "disputed by …"), disputes linked both ways, and the words the members share.

use super::align;
use crate::analysis::claim::ClaimFeatures;
use crate::analysis::fasthash::{FastMap, FastSet};
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
    let passages = Passages::find(claims, feats, &names);
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
        let copies = Copied {
            outlet_display,
            syndication,
            passages: &passages,
        };
        let (syndicated, copied_passage) = copies.reasons(rc, claims, &mut reasons);
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
            copied_passage,
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

/// The reasons a cluster's kind gives: "only in …"; "shared by …" and who states it too in a
/// claim of another cluster (a counterpart: a longer claim, or an article's second claim of
/// the fact); or each contrast "A vs B: …" and the claims the dissent disputes.
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
                reasons.push(format!(
                    "{} states it too, in a claim of another cluster",
                    names[m]
                ));
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

/// What makes two outlets of an event one source: syndicated copies of a whole article
/// and passages copied between articles.
struct Copied<'a> {
    outlet_display: &'a std::collections::BTreeMap<String, String>,
    syndication: &'a Syndication,
    passages: &'a Passages,
}

impl Copied<'_> {
    /// Appends a reason for each set of syndicated copies among the cluster's voices (a
    /// shared fact's members, counterparts included; else its own members), then one for
    /// each set of outlets whose members here lie in a passage copied between them
    /// ([`Passages`]). Returns (syndicated, copied passage): a shared fact with fewer than
    /// two independent sources by whole-article copies alone, and one with two or more by
    /// those but fewer once copied passages count as well: one source either way, not
    /// independent corroboration.
    fn reasons(
        &self,
        rc: &align::RawCluster,
        claims: &[Claim],
        reasons: &mut Vec<String>,
    ) -> (bool, bool) {
        let voices = if rc.kind == ClusterKind::Shared {
            rc.members.clone()
        } else {
            own_members(rc)
        };
        let outlets = || voices.iter().map(|&m| claims[m].outlet.as_str());
        let copies = self.syndication.copies(outlets());
        let shared = rc.kind == ClusterKind::Shared;
        let syndicated = shared && copies.sources < 2;
        let tail = if syndicated {
            ": one source, not independent corroboration"
        } else {
            ""
        };
        for group in &copies.groups {
            reasons.push(format!(
                "syndicated copy: {} carry the same article{tail}",
                self.names(group)
            ));
        }
        let Some(with_passages) = self.passages.links(&voices, claims, self.syndication) else {
            return (syndicated, false);
        };
        let passed = with_passages.copies(outlets());
        let copied_passage = shared && !syndicated && passed.sources < 2;
        let tail = if copied_passage {
            ": one source (copied passage), not independent corroboration"
        } else {
            ""
        };
        for group in passed.groups.iter().filter(|g| !copies.groups.contains(g)) {
            reasons.push(format!(
                "copied passage: {} carry the same passage{tail}",
                self.names(group)
            ));
        }
        (syndicated, copied_passage)
    }

    /// Outlets' display names, comma-separated.
    fn names(&self, group: &[String]) -> String {
        let names: Vec<&str> = group
            .iter()
            .map(|o| self.outlet_display.get(o.as_str()).unwrap_or(o).as_str())
            .collect();
        names.join(", ")
    }
}

/// Shortest run of consecutive claims copied from one article into another that makes a
/// copied passage: three, so that one sentence two outlets quote alike, or two, is no
/// passage (tester item 14: five consecutive AP sentences reprinted by three outlets whose
/// whole texts are only 0.13-0.31 5-gram Jaccard apart, below the loader's syndication test).
const PASSAGE_RUN: usize = 3;

/// Word-pair overlap (Dice coefficient over distinct pairs of adjacent words) at or above
/// which two claims are one text copied, word for word or near (a word cut or changed in a
/// sentence of twenty words leaves about 0.9).
const COPY_DICE: f32 = 0.8;

/// Fewest distinct word pairs a claim needs to count as a copy: a claim of three words
/// ("He said no.") is alike in any two texts.
const COPY_MIN_PAIRS: usize = 3;

/// Word pairs in more claims of the event than this propose no copy ("of the"); they still
/// count in the overlap.
const COMMON_PAIR: usize = 64;

/// Pairs of claims of two outlets that lie in a copied passage: a run of at least
/// [`PASSAGE_RUN`] consecutive claims of one article each copied in the other article in
/// the same order ([`COPY_DICE`]), at most one claim skipped on either side between two.
#[derive(Debug, Default)]
pub(crate) struct Passages {
    /// (lower claim id, higher claim id).
    pairs: FastSet<(usize, usize)>,
}

impl Passages {
    /// The copied passages among an event's claims (claims of one column have consecutive
    /// ids in text order, as `claims::build` numbers them), and the quotes one outlet takes
    /// from another it names ([`quoted_from_outlets`]). `names` is [`display_names`].
    pub(crate) fn find(claims: &[Claim], feats: &[ClaimFeatures], names: &[String]) -> Passages {
        let words = word_pairs_of(feats);
        let copies = near_copies(claims, &words);
        let mut by_columns: std::collections::BTreeMap<(usize, usize), Vec<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for &(a, b) in &copies {
            by_columns
                .entry((claims[a].column, claims[b].column))
                .or_default()
                .push((a, b));
        }
        let mut pairs: FastSet<(usize, usize)> =
            by_columns.values().flat_map(|p| in_runs(p)).collect();
        pairs.extend(quoted_from_outlets(claims, &words, &copies, names));
        Passages { pairs }
    }

    /// True when claims `a` and `b` lie in one copied passage.
    pub(crate) fn contains(&self, a: usize, b: usize) -> bool {
        self.pairs.contains(&(a.min(b), a.max(b)))
    }

    /// `base` with the outlets of every two `members` that lie in one copied passage linked;
    /// `None` when no two do.
    fn links(
        &self,
        members: &[usize],
        claims: &[Claim],
        base: &Syndication,
    ) -> Option<Syndication> {
        let mut out: Option<Syndication> = None;
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                if self.contains(a, b) {
                    out.get_or_insert_with(|| base.clone())
                        .link(&claims[a].outlet, &claims[b].outlet);
                }
            }
        }
        out
    }
}

/// Claim pairs (lower id first) where one outlet quotes another by name: a claim that
/// names another outlet of the event ("But, the Times reported, \"an examination of his
/// remarks … shows …\"", [`names_outlet`]) and holds one of that outlet's claims (at least
/// [`COPY_DICE`] of the shorter claim's word pairs in common), then the claims after both
/// that go on copying each other ([`near_copies`]: the quote's next sentences). One source
/// told twice, as a copied passage is (tester22 finding 12: HuffPost quoting the New York
/// Times on Blumenthal was counted as two outlets sharing the fact).
fn quoted_from_outlets(
    claims: &[Claim],
    words: &[Vec<u64>],
    copies: &[(usize, usize)],
    names: &[String],
) -> Vec<(usize, usize)> {
    // each outlet once; one automaton finds the words that name any of them
    let mut outlets: Vec<&str> = Vec::new();
    let mut needles: Vec<String> = Vec::new();
    let mut needle_outlet: Vec<usize> = Vec::new();
    for (c, name) in claims.iter().zip(names) {
        if !outlets.contains(&c.outlet.as_str()) {
            for n in outlet_needles(name) {
                needles.push(n);
                needle_outlet.push(outlets.len());
            }
            outlets.push(c.outlet.as_str());
        }
    }
    if needles.is_empty() || outlets.len() < 2 {
        return Vec::new();
    }
    let Ok(finder) = aho_corasick::AhoCorasick::new(&needles) else {
        return Vec::new();
    };
    let copied: FastSet<(usize, usize)> = copies.iter().copied().collect();
    let mut out = Vec::new();
    for (a, claim) in claims.iter().enumerate() {
        if words[a].len() < COPY_MIN_PAIRS {
            continue;
        }
        let named: Vec<&str> = named_outlets(&claim.text, &finder, &needle_outlet)
            .into_iter()
            .map(|o| outlets[o])
            .filter(|o| *o != claim.outlet)
            .collect();
        if named.is_empty() {
            continue;
        }
        for (b, other) in claims.iter().enumerate() {
            if !named.contains(&other.outlet.as_str())
                || words[b].len() < COPY_MIN_PAIRS
                || overlap(&words[a], &words[b]) < COPY_DICE
            {
                continue;
            }
            out.push((a.min(b), a.max(b)));
            // the quote's next sentences, copied in the same order
            let (mut x, mut y) = (a + 1, b + 1);
            while x < claims.len()
                && y < claims.len()
                && claims[x].column == claim.column
                && claims[y].column == other.column
                && copied.contains(&(x.min(y), x.max(y)))
            {
                out.push((x.min(y), x.max(y)));
                x += 1;
                y += 1;
            }
        }
    }
    out
}

/// The words that name an outlet called `name` in a text: its whole name (three characters
/// or more), and "the"/"The" and the last word of a name of two or more words when that
/// word is capitalised and four letters or more ("the Times" for "New York Times", "the
/// Journal" for "Wall Street Journal").
fn outlet_needles(name: &str) -> Vec<String> {
    let mut needles = Vec::new();
    if name.chars().count() >= 3 {
        needles.push(name.to_string());
    }
    let mut words = name.split_whitespace();
    if let Some(last) = words.next_back()
        && words.next().is_some()
        && last.chars().count() >= 4
        && last.starts_with(|c: char| c.is_uppercase())
    {
        needles.push(format!("the {last}"));
        needles.push(format!("The {last}"));
    }
    needles
}

/// The outlets (indices, through `needle_outlet`) whose [`outlet_needles`] `text` holds as
/// whole words, ascending, each once; `finder` searches every needle at once.
fn named_outlets(
    text: &str,
    finder: &aho_corasick::AhoCorasick,
    needle_outlet: &[usize],
) -> Vec<usize> {
    let mut found: Vec<usize> = finder
        .find_overlapping_iter(text)
        .filter(|m| {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|m| needle_outlet[m.pattern().as_usize()])
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Share of the smaller of two sorted sets found in the other (the overlap coefficient).
fn overlap(a: &[u64], b: &[u64]) -> f32 {
    let smaller = a.len().min(b.len()).max(1);
    let d = dice(a, b);
    // Dice = 2c / (|a| + |b|), so c = Dice (|a| + |b|) / 2
    d * (a.len() + b.len()) as f32 / 2.0 / smaller as f32
}

/// [`word_pairs`] of every claim, in order: read once per distinct claim text (outlets that
/// copy a story repeat its sentences word for word), copied for the repeats.
fn word_pairs_of(feats: &[ClaimFeatures]) -> Vec<Vec<u64>> {
    let mut first: FastMap<&str, usize> = FastMap::default();
    let mut out: Vec<Vec<u64>> = Vec::with_capacity(feats.len());
    for f in feats {
        let pairs = match first.get(f.text.as_str()) {
            Some(&k) => out[k].clone(),
            None => {
                first.insert(f.text.as_str(), out.len());
                word_pairs(f)
            }
        };
        out.push(pairs);
    }
    out
}

/// A claim's distinct pairs of adjacent words, sorted: lower case, split at every character
/// that is not a letter or a digit, so that quotes and apostrophes as a copy writes them
/// ("She ’ s", "She's") do not tell copies apart.
fn word_pairs(f: &ClaimFeatures) -> Vec<u64> {
    // each pair as one 64-bit hash of its two words in order: no string per pair; an ASCII
    // word is hashed as lower-cased without a copy (the same hash as its `to_lowercase`)
    // (in ASCII text a letter or a digit is an ASCII one: the split needs no decoding)
    let text = f.text.as_str();
    // the words: runs of letters and digits, each hashed where it ends (one pass, no
    // splitting iterator); an ASCII char is tested without the Unicode tables
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 4 + 1);
    let mut start: Option<usize> = None;
    if text.is_ascii() {
        for (i, b) in text.bytes().enumerate() {
            if b.is_ascii_alphanumeric() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                words.push(super::fasthash::hash_ascii_lowercase(
                    &text.as_bytes()[s..i],
                ));
            }
        }
        if let Some(s) = start {
            words.push(super::fasthash::hash_ascii_lowercase(&text.as_bytes()[s..]));
        }
    } else {
        let hash = |w: &str| {
            if w.is_ascii() {
                super::fasthash::hash_ascii_lowercase(w.as_bytes())
            } else {
                super::fasthash::hash_str(&w.to_lowercase())
            }
        };
        for (i, c) in text.char_indices() {
            let alphanumeric = if c.is_ascii() {
                c.is_ascii_alphanumeric()
            } else {
                c.is_alphanumeric()
            };
            if alphanumeric {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                words.push(hash(&text[s..i]));
            }
        }
        if let Some(s) = start {
            words.push(hash(&text[s..]));
        }
    }
    let mut out: Vec<u64> = words
        .windows(2)
        .map(|w| w[0].wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) ^ w[1])
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Dice coefficient of two sorted sets.
fn dice(a: &[u64], b: &[u64]) -> f32 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    dice_of(common, a.len() + b.len())
}

/// Dice coefficient of `common` elements shared by two sets of `total` elements together
/// (non-decreasing in `common`, so a bound on `common` bounds the coefficient).
fn dice_of(common: usize, total: usize) -> f32 {
    2.0 * common as f32 / total.max(1) as f32
}

/// Claim pairs (lower id first) of different outlets that are one text copied
/// ([`COPY_DICE`]), found through an index of word pairs: a pair of claims is measured only
/// when they share a word pair in at most [`COMMON_PAIR`] claims and when those shared pairs,
/// with every more common pair of the first claim, could reach [`COPY_DICE`].
///
/// Claims with the same word pairs (one sentence printed by several outlets) count their
/// shared pairs once: the first of them counts them with every later claim of any outlet,
/// and the others read that count for the claims after them of another outlet.
fn near_copies(claims: &[Claim], pairs: &[Vec<u64>]) -> Vec<(usize, usize)> {
    let index = PairIndex::new(pairs);
    let outlet = outlet_numbers(claims);
    let first = first_alike(pairs);
    let mut later_alike = vec![false; pairs.len()];
    for (a, &f) in first.iter().enumerate() {
        if f != a {
            later_alike[f] = true;
        }
    }
    // the first of several alike claims: its rare-pair count with each later claim, and its
    // frequent pairs
    let mut kept: FastMap<usize, (usize, Vec<(usize, usize)>)> = FastMap::default();
    // shared rare word pairs of claim `a` with each later claim, and the claims counted
    let mut shared = vec![0usize; pairs.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut counted: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for (a, pa) in pairs.iter().enumerate() {
        if pa.len() < COPY_MIN_PAIRS {
            continue;
        }
        let measure = |frequent: usize, b: usize, rare: usize, out: &mut Vec<(usize, usize)>| {
            let pb = &pairs[b];
            let bound = (rare + frequent).min(pa.len().min(pb.len()));
            if pb.len() >= COPY_MIN_PAIRS
                && dice_of(bound, pa.len() + pb.len()) >= COPY_DICE
                && dice(pa, pb) >= COPY_DICE
            {
                out.push((a, b));
            }
        };
        if first[a] != a
            && let Some((frequent, list)) = kept.get(&first[a])
        {
            for &(b, rare) in list {
                if b > a && outlet[b] != outlet[a] {
                    measure(*frequent, b, rare, &mut out);
                }
            }
            continue;
        }
        // a claim others repeat counts the claims of its own outlet too, for its repeats
        let every_outlet = later_alike[a];
        let mut frequent = 0;
        for &g in index.groups_of(a) {
            let post = index.claims(g);
            if post.len() > COMMON_PAIR {
                frequent += 1;
                continue;
            }
            // postings are ascending: the later claims are a suffix
            let later = &post[post.partition_point(|&b| b as usize <= a)..];
            for b in later.iter().map(|&b| b as usize) {
                if every_outlet || outlet[b] != outlet[a] {
                    if shared[b] == 0 {
                        touched.push(b);
                    }
                    shared[b] += 1;
                }
            }
        }
        touched.sort_unstable();
        counted.clear();
        counted.extend(
            touched
                .drain(..)
                .map(|b| (b, std::mem::take(&mut shared[b]))),
        );
        for &(b, rare) in &counted {
            if outlet[b] != outlet[a] {
                measure(frequent, b, rare, &mut out);
            }
        }
        if every_outlet {
            kept.insert(a, (frequent, std::mem::take(&mut counted)));
        }
    }
    out
}

/// For each claim's word pairs, the first claim with the same pairs (its own index when
/// none before has them).
fn first_alike(pairs: &[Vec<u64>]) -> Vec<usize> {
    let mut first: FastMap<&[u64], usize> = FastMap::default();
    pairs
        .iter()
        .enumerate()
        .map(|(k, p)| *first.entry(p.as_slice()).or_insert(k))
        .collect()
}

/// Each claim's outlet as a small number (claims of one outlet share it).
fn outlet_numbers(claims: &[Claim]) -> Vec<usize> {
    let mut numbers: FastMap<&str, usize> = FastMap::default();
    claims
        .iter()
        .map(|c| {
            let next = numbers.len();
            *numbers.entry(c.outlet.as_str()).or_insert(next)
        })
        .collect()
}

/// The claims holding each word pair (a group: pairs numbered in order of first use), built
/// by counting, not sorting.
struct PairIndex {
    /// Each claim's pairs' groups, claim after claim, in the order of its pairs.
    group_of: Vec<u32>,
    /// Where each claim's groups start in `group_of` (one more entry than claims).
    claim_starts: Vec<usize>,
    /// Each group's claims, ascending (each once: a claim's pairs are distinct).
    claims: Vec<u32>,
    /// Where each group's claims start in `claims` (one more entry than groups).
    group_starts: Vec<usize>,
}

impl PairIndex {
    fn new(pairs: &[Vec<u64>]) -> PairIndex {
        let total = pairs.iter().map(Vec::len).sum();
        let mut numbers: FastMap<u64, u32> = FastMap::default();
        numbers.reserve(total);
        let (mut group_of, mut sizes) = (Vec::with_capacity(total), Vec::<usize>::new());
        let mut claim_starts = Vec::with_capacity(pairs.len() + 1);
        for p in pairs {
            claim_starts.push(group_of.len());
            for &w in p {
                let next = u32::try_from(sizes.len()).expect("fewer than 2^32 word pairs");
                let g = *numbers.entry(w).or_insert(next);
                if g == next {
                    sizes.push(0);
                }
                sizes[g as usize] += 1;
                group_of.push(g);
            }
        }
        claim_starts.push(group_of.len());
        let mut group_starts = Vec::with_capacity(sizes.len() + 1);
        group_starts.push(0);
        for n in sizes {
            group_starts.push(group_starts[group_starts.len() - 1] + n);
        }
        // each claim into the next free place of its groups, claims in order
        let mut free = group_starts.clone();
        let mut claims = vec![0u32; total];
        for (i, range) in claim_starts.windows(2).enumerate() {
            let i = u32::try_from(i).expect("fewer than 2^32 claims");
            for &g in &group_of[range[0]..range[1]] {
                claims[free[g as usize]] = i;
                free[g as usize] += 1;
            }
        }
        PairIndex {
            group_of,
            claim_starts,
            claims,
            group_starts,
        }
    }

    /// The groups of claim `a`'s word pairs.
    fn groups_of(&self, a: usize) -> &[u32] {
        &self.group_of[self.claim_starts[a]..self.claim_starts[a + 1]]
    }

    /// The claims holding the word pair of group `g`, ascending.
    fn claims(&self, g: u32) -> &[u32] {
        let g = g as usize;
        &self.claims[self.group_starts[g]..self.group_starts[g + 1]]
    }
}

/// The copies of one pair of columns that lie in runs of at least [`PASSAGE_RUN`]: each
/// step of a run moves one or two claims on in both articles.
fn in_runs(copies: &[(usize, usize)]) -> Vec<(usize, usize)> {
    const STEPS: [(usize, usize); 4] = [(1, 1), (1, 2), (2, 1), (2, 2)];
    let mut sorted = copies.to_vec();
    sorted.sort_unstable();
    // the longest run ending at each copy, then the longest starting there
    let mut ending: FastMap<(usize, usize), usize> = FastMap::default();
    for &(a, b) in &sorted {
        let before = STEPS
            .iter()
            .filter_map(|&(da, db)| Some((a.checked_sub(da)?, b.checked_sub(db)?)))
            .filter_map(|p| ending.get(&p).copied())
            .max()
            .unwrap_or(0);
        ending.insert((a, b), before + 1);
    }
    let mut starting: FastMap<(usize, usize), usize> = FastMap::default();
    for &(a, b) in sorted.iter().rev() {
        let after = STEPS
            .iter()
            .filter_map(|&(da, db)| starting.get(&(a + da, b + db)).copied())
            .max()
            .unwrap_or(0);
        starting.insert((a, b), after + 1);
    }
    sorted
        .into_iter()
        .filter(|p| ending[p] + starting[p] > PASSAGE_RUN)
        .collect()
}

/// Which outlets of an event carry syndicated copies of one article (an undirected graph
/// over outlet ids, from [`crate::analysis::model::OutletColumn::syndicated_with`]).
#[derive(Debug, Default, Clone)]
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
        if self.links.is_empty() {
            // no copies: every outlet is a source of its own
            let mut set: Vec<&str> = outlets.collect();
            set.sort_unstable();
            set.dedup();
            return Copies {
                sources: set.len(),
                groups: Vec::new(),
            };
        }
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
pub(crate) fn shared_terms(
    members: &[usize],
    feats: &[ClaimFeatures],
    vocab: &Vocab,
) -> Vec<String> {
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
    // the words and names borrowed from the claim until the end: one string per term kept
    let mut by_start: std::collections::BTreeMap<usize, &str> = Default::default();
    let mut seen: FastMap<&str, usize> = FastMap::default();
    for (i, tok) in first.tokens.iter().enumerate() {
        if in_entity[i] {
            continue;
        }
        let key = lex
            .glossary
            .get(&*tok.stem)
            .map_or(&*tok.stem, String::as_str);
        if !lex.stop.contains(&*tok.lower) && shared(key) && !seen.contains_key(&*tok.lower) {
            seen.insert(&tok.lower, 1);
            by_start.insert(tok.start, &tok.lower);
        }
    }
    for e in &first.entities {
        let name = name_as_written(first, e);
        if shared(&e.key) && seen.get(name).is_none_or(|n| *n == 0) {
            let start = first.tokens[e.first].start;
            if let Some(old) = by_start.insert(start, name)
                && let Some(n) = seen.get_mut(old)
            {
                *n -= 1;
            }
            *seen.entry(name).or_default() += 1;
        }
    }
    by_start.into_values().map(String::from).collect()
}

/// How a reason names an entity: its display form when the text wrote it ("Putin" for
/// "President Vladimir Putin"), else the words as the claim's text has them, so a name the
/// gazetteer folds into another ("Moscow" read as "Kremlin") is shown as the article has it.
fn name_as_written<'a>(claim: &'a ClaimFeatures, e: &'a super::entities::EntityMention) -> &'a str {
    if e.surface.contains(&e.display.to_lowercase()) {
        return &e.display;
    }
    let (Some(first), Some(last)) = (
        claim.tokens.get(e.first),
        claim.tokens.get(e.last.saturating_sub(1)),
    ) else {
        return &e.display;
    };
    claim.text.get(first.start..last.end).unwrap_or(&e.display)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One shared cluster of `members` dressed with no outlet names and no syndication.
    fn dress_shared(
        members: Vec<usize>,
        claims: &mut [Claim],
        feats: &[ClaimFeatures],
    ) -> Vec<Cluster> {
        let raw = [align::RawCluster {
            kind: ClusterKind::Shared,
            members,
            counterparts: Vec::new(),
            contrasts: Vec::new(),
            similarity: 1.0,
        }];
        dress(
            &raw,
            claims,
            feats,
            &Vocab::new(),
            &std::collections::BTreeMap::new(),
            &Syndication::default(),
        )
    }

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
        assert_eq!(
            out[1].reasons[1],
            "wire states it too, in a claim of another cluster"
        );
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
        let out = dress_shared(vec![0, 1, 2], &mut claims, &feats);
        assert_eq!(out[0].reasons[0], "shared by one (2 articles), two");
    }

    /// Each claim's outlet id as its display name.
    fn names_of(claims: &[Claim]) -> Vec<String> {
        claims.iter().map(|c| c.outlet.clone()).collect()
    }

    #[test]
    fn a_quote_of_another_outlet_named_in_the_claim_is_one_source() {
        // tester22 finding 12 (BASIL, Blumenthal): HuffPost quotes the Times' two sentences
        let times = [
            "Mr. Blumenthal spoke at a ceremony in Norwalk in 2008.",
            "But an examination of his remarks at the ceremonies shows that he does not volunteer that his service never took him overseas.",
            "And he describes the hostile reaction directed at veterans coming back from Vietnam, intimating that he was among them.",
        ];
        let post = [
            "Blumenthal says he has always tried to make his service clear.",
            "But, the Times reported, \"an examination of his remarks at the ceremonies shows that he does not volunteer that his service never took him overseas.",
            "And he describes the hostile reaction directed at veterans coming back from Vietnam, intimating that he was among them.\"",
        ];
        let (claims, feats) = two_articles(&times, &post);
        let names: Vec<String> = claims
            .iter()
            .map(|c| {
                if c.column == 0 {
                    "New York Times"
                } else {
                    "HuffPost"
                }
                .to_string()
            })
            .collect();
        let p = Passages::find(&claims, &feats, &names);
        assert!(p.contains(1, 4) && p.contains(2, 5), "{p:?}");
        assert!(!p.contains(0, 3), "{p:?}");
        // the same words without the name are two sentences alike, no passage
        let (claims, feats) = two_articles(&times[1..], &post[2..]);
        let names: Vec<String> = claims.iter().map(|c| c.outlet.clone()).collect();
        assert!(Passages::find(&claims, &feats, &names).pairs.is_empty());
    }

    #[test]
    fn an_outlet_is_named_by_its_name_or_the_last_word_of_it() {
        let mut needles = outlet_needles("New York Times");
        let mut owner = vec![0; needles.len()];
        for n in outlet_needles("BBC") {
            needles.push(n);
            owner.push(1);
        }
        let finder = aho_corasick::AhoCorasick::new(&needles).expect("needles");
        let named = |t: &str| named_outlets(t, &finder, &owner);
        assert_eq!(named("But, the Times reported, it was so."), [0]);
        assert_eq!(named("The New York Times said so, as did the BBC."), [0, 1]);
        assert!(named("At times he spoke.").is_empty());
        assert!(named("the Timesheet").is_empty());
        assert!(named("BBCs").is_empty());
        assert!(outlet_needles("AP").is_empty());
    }

    /// Claims of two outlets' articles (one column each, ids in text order) and features.
    fn two_articles(wire: &[&str], daily: &[&str]) -> (Vec<Claim>, Vec<ClaimFeatures>) {
        let texts = wire.iter().map(|t| (0, "wire", t));
        let texts = texts.chain(daily.iter().map(|t| (1, "daily", t)));
        let (mut claims, mut feats) = (Vec::new(), Vec::new());
        for (column, outlet, text) in texts {
            claims.push(Claim {
                id: claims.len(),
                column,
                outlet: outlet.to_string(),
                text: text.to_string(),
                ..Claim::default()
            });
            feats.push(crate::analysis::claim::analyse_claim(
                text,
                crate::analysis::text::Lang::En,
            ));
        }
        (claims, feats)
    }

    const WIRE: [&str; 5] = [
        "The actress entered a rehab clinic in Malibu on Thursday night.",
        "My client is ensconced in the bosom of that facility right now, Heller argued.",
        "She's in rehab right now, her lawyer told the judge.",
        "Nothing bad is going to happen, the lawyer said in court.",
        "White said he was completely blindsided by the placement.",
    ];

    #[test]
    fn common_words_name_a_place_as_the_article_writes_it() {
        // a new user's finding (session 21): the gazetteer reads "Moscow" as the Kremlin, and
        // the reason listed "Kremlin", a word neither sentence has
        let mut scorer = crate::analysis::PairScorer::new(crate::analysis::Thresholds::default());
        let a = scorer.features("Obama met Putin in Moscow on Monday.");
        let b = scorer.features("Putin hosted Obama in Moscow on Monday.");
        let words = crate::analysis::common_words(&a, &b, &scorer.vocab);
        assert!(words.iter().any(|w| w == "Moscow"), "{words:?}");
        assert!(!words.iter().any(|w| w == "Kremlin"), "{words:?}");
        assert!(words.iter().any(|w| w == "Putin"), "{words:?}");
    }

    #[test]
    fn three_consecutive_copied_claims_are_a_copied_passage() {
        // tester item 14: the daily reprints the wire's middle sentences under its own lede,
        // its quotes detokenised, one word changed and one sentence of its own in between
        let daily = [
            "Lindsay Lohan is back in the headlines this week.",
            "My client is ensconced in the bosom of that facility right now, Heller argued.",
            "\u{201c} She \u{2019} s in rehab right now, \u{201d} her lawyer told the judge.",
            "A spokesman for the court declined to comment.",
            "Nothing bad is going to happen, the lawyer said in the court.",
        ];
        let (claims, feats) = two_articles(&WIRE, &daily);
        let p = Passages::find(&claims, &feats, &names_of(&claims));
        assert!(
            p.contains(1, 6) && p.contains(7, 2) && p.contains(3, 9),
            "{p:?}"
        );
        assert!(!p.contains(0, 5), "{p:?}");
        // two copied sentences are no passage
        let (claims, feats) = two_articles(&WIRE[..3], &daily[..3]);
        assert!(
            Passages::find(&claims, &feats, &names_of(&claims))
                .pairs
                .is_empty()
        );
    }

    #[test]
    fn near_copies_are_what_comparing_every_two_claims_finds() {
        // small event: every word pair is rare, so the index must find exactly the pairs of
        // claims of two outlets whose Dice coefficient reaches COPY_DICE
        let daily = [
            "My client is ensconced in the bosom of that facility right now, Heller argued.",
            "\u{201c} She \u{2019} s in rehab right now, \u{201d} her lawyer told the judge.",
            "Nothing bad is going to happen, the lawyer said in the court.",
            "Nothing bad is going to happen, the lawyer said in court.",
            "He said no.",
        ];
        let (mut claims, feats) = two_articles(&WIRE, &daily);
        // the daily's fourth claim is in a second article of the wire's outlet
        claims[8].outlet = "wire".to_string();
        let pairs: Vec<Vec<u64>> = feats.iter().map(word_pairs).collect();
        let every = every_near_copy(&claims, &pairs);
        assert_eq!(near_copies(&claims, &pairs), every);
        assert!(
            every.contains(&(1, 5)) && every.contains(&(3, 7)),
            "{every:?}"
        );
        assert!(!every.contains(&(3, 8)), "one outlet: {every:?}");
    }

    /// Every pair of claims from two outlets that are near copies, found by comparing every
    /// two: what [`near_copies`] must find.
    fn every_near_copy(claims: &[Claim], pairs: &[Vec<u64>]) -> Vec<(usize, usize)> {
        let mut every = Vec::new();
        for a in 0..pairs.len() {
            for b in a + 1..pairs.len() {
                let long = pairs[a].len().min(pairs[b].len()) >= COPY_MIN_PAIRS;
                if long
                    && claims[a].outlet != claims[b].outlet
                    && dice(&pairs[a], &pairs[b]) >= COPY_DICE
                {
                    every.push((a, b));
                }
            }
        }
        every
    }

    #[test]
    fn near_copies_of_a_sentence_several_outlets_print_are_what_every_two_claims_find() {
        // one sentence printed by several outlets, twice by one of them: the repeats read
        // the first one's counts, and must find what measuring every two claims finds
        let texts = [
            (0, "wire", WIRE[0]),
            (0, "wire", WIRE[3]),
            (1, "daily", WIRE[3]),
            (
                1,
                "daily",
                "Nothing bad is going to happen, the lawyer said in the court.",
            ),
            (2, "wire", WIRE[3]),
            (3, "post", WIRE[0]),
            (3, "post", WIRE[3]),
            (4, "times", WIRE[3]),
        ];
        let claims: Vec<Claim> = texts
            .iter()
            .enumerate()
            .map(|(id, (column, outlet, text))| Claim {
                id,
                column: *column,
                outlet: outlet.to_string(),
                text: text.to_string(),
                ..Claim::default()
            })
            .collect();
        let pairs: Vec<Vec<u64>> = texts
            .iter()
            .map(|(_, _, t)| {
                word_pairs(&crate::analysis::claim::analyse_claim(
                    t,
                    crate::analysis::text::Lang::En,
                ))
            })
            .collect();
        let every = every_near_copy(&claims, &pairs);
        assert_eq!(near_copies(&claims, &pairs), every);
        assert!(
            every.contains(&(1, 2)) && every.contains(&(0, 5)),
            "{every:?}"
        );
        assert!(!every.contains(&(1, 4)), "one outlet: {every:?}");
    }

    #[test]
    fn a_fact_held_only_through_a_copied_passage_is_one_source() {
        let (mut claims, feats) = two_articles(&WIRE, &WIRE[1..4]);
        let out = dress_shared(vec![2, 6], &mut claims, &feats);
        assert!(out[0].copied_passage && !out[0].syndicated, "{:?}", out[0]);
        assert!(
            out[0].reasons.contains(
                &"copied passage: daily, wire carry the same passage: one source (copied \
                  passage), not independent corroboration"
                    .to_string()
            ),
            "{:?}",
            out[0].reasons
        );
    }

    #[test]
    fn word_pairs_are_those_of_the_words_split_at_every_other_character() {
        // the split as written before: `str::split` at every char that is not a letter or a
        // digit, each word lower-cased and hashed
        let reference = |text: &str| {
            let words: Vec<u64> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| crate::analysis::fasthash::hash_str(&w.to_lowercase()))
                .collect();
            let mut out: Vec<u64> = words
                .windows(2)
                .map(|w| w[0].wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) ^ w[1])
                .collect();
            out.sort_unstable();
            out.dedup();
            out
        };
        for text in [
            "The actress entered a rehab clinic in Malibu on Thursday night.",
            "\u{201c} She \u{2019} s in REHAB right now, \u{201d} her lawyer told the judge.",
            "Путин и Трамп: \u{ab}Переговоры\u{bb} 2025-03-18, 1,500 km",
            "Caf\u{e9} na\u{ef}ve \u{c9}COLE x2 -- end",
            "",
            "...",
            "one",
        ] {
            // `word_pairs` reads the features' text alone
            let mut f = crate::analysis::claim::analyse_claim("x", crate::analysis::text::Lang::En);
            f.text = text.to_string();
            assert_eq!(word_pairs(&f), reference(text), "{text}");
        }
    }

    #[test]
    fn word_pairs_of_repeated_texts_are_those_of_each_claim() {
        let (_, feats) = two_articles(&WIRE, &WIRE[1..4]);
        let one_by_one: Vec<Vec<u64>> = feats.iter().map(word_pairs).collect();
        assert_eq!(word_pairs_of(&feats), one_by_one);
        // other texts keep their own pairs
        assert_ne!(one_by_one[0], one_by_one[1]);
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
        // without syndication every outlet counts once, however many of its claims
        let none = Syndication::default();
        let c = none.copies(["daily", "wire", "daily", "herald"].into_iter());
        assert_eq!(
            c,
            Copies {
                sources: 3,
                groups: Vec::new()
            }
        );
    }
}
