//! A reading sample of framediff's verdicts: `n` clusters per verdict (and `n` related-context
//! pairs) drawn at random with a seed from the compared events of one or more data sets
//! (pools), written as Markdown for a reader to judge. The same pools, seed and `n` give the
//! same file on every run.

use std::fmt::Write as _;

use super::verdicts::Compared;
use crate::analysis::ClusterKind;

/// One data set's compared events, and what a reader needs to know about them.
pub struct Pool {
    /// The data set in headings: `NeuS dev`, `BASIL dev`.
    pub name: String,
    /// What an outlet's text is in this set, for the `unique` rule: `lead`, `article`.
    pub text: &'static str,
    /// Where the raw articles are and how items point to them (one paragraph).
    pub raw: String,
    /// Under a `unique` item, the other outlets' texts in full (short leads) rather than the
    /// paths of their files (whole articles, listed under every item).
    pub inline_others: bool,
    pub compared: Vec<Compared>,
}

/// A small deterministic generator (xorshift64*), so the sample is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Keeps `n` items of `all` drawn at random with `seed` (Fisher–Yates on the first `n`
/// positions), in the order drawn.
fn seeded_sample<T>(all: &mut Vec<T>, n: usize, seed: u64) {
    let mut rng = Rng(seed.max(1));
    for i in 0..all.len().min(n) {
        let j = i + (rng.next() % (all.len() - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(n);
}

/// A drawn item: (pool, index into its `compared`, cluster id or related-pair index).
pub type Drawn = (usize, usize, usize);

/// Picks `n` clusters of `kind` at random (seeded) from all pools together, in the order
/// drawn. Every cluster of the kind in every pool is equally likely.
pub fn sample_clusters(pools: &[Pool], kind: ClusterKind, n: usize, seed: u64) -> Vec<Drawn> {
    let mut all: Vec<Drawn> = every(pools, |c| {
        c.comparison
            .clusters
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.id)
            .collect()
    });
    seeded_sample(&mut all, n, seed);
    all
}

/// `n` random related-context pairs from all pools together.
fn sample_related(pools: &[Pool], n: usize, seed: u64) -> Vec<Drawn> {
    let mut all = every(pools, |c| (0..c.comparison.related.len()).collect());
    seeded_sample(&mut all, n, seed);
    all
}

/// How many items of each part of a sample there are to draw from, and how many a sample of
/// `n` per part takes: (`contrasting`, `shared`, `unique`, `related`; drawn, available).
pub fn sample_sizes(pools: &[Pool], n: usize) -> Vec<(&'static str, usize, usize)> {
    let mut sizes: Vec<(&'static str, usize, usize)> = [
        ClusterKind::Contrasting,
        ClusterKind::Shared,
        ClusterKind::Unique,
    ]
    .into_iter()
    .map(|kind| {
        let all = every(pools, |c| {
            let of_kind = c.comparison.clusters.iter().filter(|x| x.kind == kind);
            vec![0; of_kind.count()]
        });
        (kind.as_str(), all.len().min(n), all.len())
    })
    .collect();
    let related = every(pools, |c| vec![0; c.comparison.related.len()]).len();
    sizes.push(("related", related.min(n), related));
    sizes
}

/// Every (pool, event, item) in pool order, event order, then the order `items` gives.
fn every(pools: &[Pool], items: impl Fn(&Compared) -> Vec<usize>) -> Vec<Drawn> {
    let mut all = Vec::new();
    for (p, pool) in pools.iter().enumerate() {
        for (i, c) in pool.compared.iter().enumerate() {
            all.extend(items(c).into_iter().map(|x| (p, i, x)));
        }
    }
    all
}

/// The sample for a reader, as Markdown: a header with what is right for each verdict and
/// where the raw articles are; for each drawn cluster its kind, the members with their
/// outlets, the reasons, and what the reader needs to check a `unique` claim against the
/// other outlets (their leads in full, or the paths of their articles); then the related
/// pairs.
pub fn sample_markdown(pools: &[Pool], per_kind: usize, seed: u64) -> String {
    let mut out = header(pools, per_kind, seed);
    let mut item = 0;
    for kind in [
        ClusterKind::Contrasting,
        ClusterKind::Shared,
        ClusterKind::Unique,
    ] {
        let _ = writeln!(out, "## {}\n", kind.as_str());
        for (p, ci, cluster_id) in sample_clusters(pools, kind, per_kind, seed) {
            item += 1;
            cluster_item(&mut out, pools, &pools[p], ci, cluster_id, item);
        }
    }
    let _ = writeln!(
        out,
        "## related\n\nPairs shown as related context (neither one fact nor a confirmed \
         contradiction). Right when both are about the same specific matter, so that a \
         reader of one would want to see the other beside it.\n"
    );
    for (p, ci, r) in sample_related(pools, per_kind, seed) {
        item += 1;
        related_item(&mut out, pools, &pools[p], ci, r, item);
    }
    out
}

/// The title and the judging rules.
fn header(pools: &[Pool], per_kind: usize, seed: u64) -> String {
    let names: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
    let mut texts: Vec<&str> = pools.iter().map(|p| p.text).collect();
    texts.dedup();
    let mut out = format!(
        "# {}: a random sample of framediff's clusters\n\nSeed {seed}, {per_kind} clusters per verdict. For each, judge whether the verdict is right:\n`shared` = the members state the same proposition; `contrasting` = they state the same\nproposition and contradict each other on it; `unique` = no other outlet's {} states it.\n\n",
        names.join(" + "),
        texts.join(" or ")
    );
    let sizes: Vec<String> = sample_sizes(pools, per_kind)
        .into_iter()
        .map(|(part, drawn, all)| match drawn == all {
            true => format!("{part} {drawn} (all there are)"),
            false => format!("{part} {drawn} of {all}"),
        })
        .collect();
    let _ = writeln!(out, "In this sample: {}.\n", sizes.join(", "));
    if pools.len() > 1 {
        let _ = writeln!(
            out,
            "The clusters of each verdict are drawn from {} together (every cluster equally \
             likely); each heading names its data set.\n",
            names.join(" and ")
        );
    }
    for p in pools {
        let _ = writeln!(out, "{}: {}\n", p.name, p.raw);
    }
    out
}

/// The heading of an item: its data set when the sample mixes several.
fn heading(pools: &[Pool], pool: &Pool, c: &Compared) -> String {
    if pools.len() > 1 {
        format!("{} {}", pool.name, c.heading)
    } else {
        c.heading.clone()
    }
}

fn cluster_item(
    out: &mut String,
    pools: &[Pool],
    pool: &Pool,
    ci: usize,
    cluster_id: usize,
    item: usize,
) {
    let c = &pool.compared[ci];
    let cluster = &c.comparison.clusters[cluster_id];
    let kind = cluster.kind.as_str();
    let head = heading(pools, pool, c);
    // numbered from 1, as the reports and the TUI number clusters ("#6", "cluster 6")
    let _ = writeln!(
        out,
        "### {item}. {head}, {kind} cluster #{}\n",
        cluster.id + 1
    );
    for &m in &cluster.members {
        let claim = &c.comparison.claims[m];
        let role = if cluster.counterparts.contains(&m) {
            " (counterpart)"
        } else {
            ""
        };
        let name = c.name(&claim.outlet);
        let _ = writeln!(out, "- **{name}**{role}: {}", one_line(&claim.text));
    }
    if !cluster.reasons.is_empty() {
        let _ = writeln!(out, "\n  reasons: {}", cluster.reasons.join("; "));
    }
    if !pool.inline_others {
        article_paths(out, c);
    } else if cluster.kind == ClusterKind::Unique {
        let own = &c.comparison.claims[cluster.members[0]].outlet;
        for a in c.event.articles.iter().filter(|a| &a.outlet != own) {
            let (name, text) = (c.name(&a.outlet), one_line(a.body.as_str()));
            let _ = writeln!(out, "\n  other lead, {name}: {text}");
        }
    }
    let _ = writeln!(out);
}

/// Where each article of the event is, for a reader who reads them whole.
fn article_paths(out: &mut String, c: &Compared) {
    let _ = writeln!(out, "\n  articles:");
    for a in &c.event.articles {
        let _ = writeln!(out, "  - {}: {}", c.name(&a.outlet), a.path.display());
    }
}

fn related_item(out: &mut String, pools: &[Pool], pool: &Pool, ci: usize, r: usize, item: usize) {
    let c = &pool.compared[ci];
    let pair = &c.comparison.related[r];
    let head = heading(pools, pool, c);
    let _ = writeln!(out, "### {item}. {head}, related pair\n");
    for m in [pair.a, pair.b] {
        let claim = &c.comparison.claims[m];
        let name = c.name(&claim.outlet);
        let _ = writeln!(out, "- **{name}**: {}", one_line(&claim.text));
    }
    let note = pair.note.as_deref().unwrap_or("same topic");
    let _ = writeln!(
        out,
        "\n  similarity {:.2}; {}\n",
        pair.similarity,
        one_line(note)
    );
}

/// Text on one line: runs of white space (new lines included) become one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_draw_is_a_reproducible_subset_without_repeats() {
        let mut a: Vec<usize> = (0..100).collect();
        let mut b = a.clone();
        seeded_sample(&mut a, 40, 2034);
        seeded_sample(&mut b, 40, 2034);
        assert_eq!(a, b);
        assert_eq!(a.len(), 40);
        let mut sorted = a.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 40, "no item drawn twice");
        let mut c: Vec<usize> = (0..100).collect();
        seeded_sample(&mut c, 40, 2035);
        assert_ne!(a, c, "another seed, another draw");
        let mut short: Vec<usize> = (0..3).collect();
        seeded_sample(&mut short, 40, 1);
        assert_eq!(short.len(), 3, "fewer than n: all of them");
    }

    #[test]
    fn every_lists_pools_in_order() {
        let pools = [
            Pool {
                name: "A".into(),
                text: "lead",
                raw: String::new(),
                inline_others: true,
                compared: Vec::new(),
            },
            Pool {
                name: "B".into(),
                text: "article",
                raw: "at /x".into(),
                inline_others: false,
                compared: Vec::new(),
            },
        ];
        assert!(every(&pools, |_| vec![0]).is_empty());
        let h = header(&pools, 40, 7);
        assert!(h.starts_with("# A + B: a random sample"), "{h}");
        assert!(
            h.contains("no other outlet's lead or article states it"),
            "{h}"
        );
        assert!(h.contains("drawn from A and B together"), "{h}");
        assert!(h.contains("B: at /x"), "{h}");
        assert!(
            h.contains("In this sample: contrasting 0 (all there are),"),
            "{h}"
        );
    }
}
