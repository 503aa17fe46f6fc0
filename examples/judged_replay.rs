//! Replays the fresh readers' judgements of docs/eval against the current engine: for every
//! judged sample (`*-sample-*.md`, with its labels `*-judgements-*.jsonl`) it finds each
//! judged item's members in the engine's output for the same story (NeuS dev story, BASIL dev
//! event, ECB+ dev sub-topic), matched by outlet and claim text, and says whether the engine
//! still gives the judged verdict: `shared` / `contrasting` when the members are still
//! together in one cluster of that kind, `unique` when the claim is still unique, `related`
//! when the pair is still shown as related context. It prints, per kind, how many
//! judged-right and judged-wrong items the engine still reproduces (and, for shared clusters,
//! how many of their cross-outlet member pairs stay in one shared cluster), how many items
//! could be matched, and where sessions labelled the same item differently.
//!
//! The judged precision of a kind is estimated as right / (right + wrong) over the reproduced
//! items: an estimate on hundreds of labelled items per kind (about 2,000 in all) instead of
//! one sample's 40. A tool for choosing rules on data, not part of the product. The
//! comparisons are the lexical engine's, or with `--model DIR` (a build with `--features
//! semantic`) those made with that sentence-embedding model; every sample is replayed
//! against the one engine (the samples drawn with a model have `model` in their names).
//!
//! `cargo run --release --example judged_replay -- ../shared/data docs/eval`
//! `cargo run --release --features semantic --example judged_replay -- ../shared/data
//! docs/eval --model /work/models/all-MiniLM-L6-v2`
//! `cargo run --release --example judged_replay -- ../shared/data docs/eval --list shared`
//!
//! `--list KIND` adds one line per judged item of that kind (`all` for every kind):
//! label, `kept` / `lost` / `unmatched`, file and item number, heading, the reader's note,
//! and the members as `outlet: text` (article text is printed as it is: this is a developer
//! tool reading the project's own data).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use framediff::analysis::eval::sample::one_line;
use framediff::analysis::eval::verdicts::Compared;
use framediff::analysis::eval::{basil, ecbplus, neus};
use framediff::analysis::{Backend, BackendFactory, ClusterKind, CompareOptions, IdfTable};

/// One judged item of a sample: its kind, the story it is from, its members.
struct Item {
    number: usize,
    kind: String,
    /// Data set name (`NeuS dev`) and the story's key (`story 5670`, `sub-topic 14ecbplus`).
    pool: String,
    key: String,
    heading: String,
    /// (outlet display name, claim text on one line).
    members: Vec<(String, String)>,
}

/// A reader's label of one item.
#[derive(serde::Deserialize)]
struct Label {
    item: usize,
    kind: String,
    verdict: String,
    #[serde(default)]
    note: String,
}

/// What the current engine does with a judged item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Replay {
    Kept,
    Lost,
    Unmatched,
}

/// The compared stories of every data set, by (pool name, story key).
type Stories = HashMap<(String, String), Compared>;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let data = PathBuf::from(args.get(1).map_or("../shared/data", String::as_str));
    let evals = PathBuf::from(args.get(2).map_or("docs/eval", String::as_str));
    let list = args
        .iter()
        .position(|a| a == "--list")
        .and_then(|i| args.get(i + 1).cloned());
    let model = args
        .iter()
        .position(|a| a == "--model")
        .and_then(|i| args.get(i + 1));
    let backend = Backend::open(model.map(Path::new))?;
    println!("engine: {}", backend.label());
    let th = CompareOptions::default().thresholds;
    let factory = |idf: &IdfTable| backend.make(idf, th);
    let stories = compare_all(&data, &factory)?;
    let mut table = Table::default();
    for (sample, labels) in judged_files(&evals)? {
        let name = sample.file_name().unwrap_or_default().to_string_lossy();
        let items = parse_sample(&std::fs::read_to_string(&sample)?);
        let labels: Vec<Label> = std::fs::read_to_string(&labels)?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
        let by_item: HashMap<usize, &Label> = labels.iter().map(|l| (l.item, l)).collect();
        for item in &items {
            let Some(label) = by_item.get(&item.number).filter(|l| l.kind == item.kind) else {
                table.unlabelled += 1;
                continue;
            };
            let (replay, pairs) = replay(item, &stories);
            table.add(&name, item, label, replay, pairs);
            if list
                .as_deref()
                .is_some_and(|k| k == "all" || k == item.kind)
            {
                print_item(&name, item, label, replay, &stories);
            }
        }
    }
    table.print();
    Ok(())
}

/// Every sample file of `dir` with its labels, in name order: `X-sample-Y.md` goes with
/// `X-judgements-Y.jsonl` (`neus-sample.md` with `neus-judgements.jsonl`).
fn judged_files(dir: &Path) -> anyhow::Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !name.ends_with(".md") || !name.contains("sample") {
            continue;
        }
        let labels = dir.join(
            name.replacen("sample", "judgements", 1)
                .replace(".md", ".jsonl"),
        );
        if labels.exists() {
            out.push((path, labels));
        }
    }
    out.sort();
    Ok(out)
}

/// NeuS dev, BASIL dev and ECB+ dev compared as `framediff eval` compares them, with
/// `backend`.
fn compare_all(data: &Path, backend: BackendFactory<'_>) -> anyhow::Result<Stories> {
    let mut all = Stories::new();
    let stories = neus::read(&data.join("neus-dev/allsides_stories.jsonl"))?;
    let mut add = |pool: &str, compared: Vec<Compared>| {
        for c in compared {
            all.insert((pool.to_string(), story_key(&c.heading)), c);
        }
    };
    add("NeuS dev", neus::compare_stories(&stories, backend));
    let corpus = framediff::corpus::load(&data.join("basil-dev"));
    add("BASIL dev", basil::compare_corpus(&corpus, backend));
    let ecb = ecbplus::read(&data.join("ecbplus-dev"))?;
    let options = CompareOptions::default();
    add(
        "ECB+ dev",
        ecbplus::compare_subtopics(&ecb, &options, backend),
    );
    Ok(all)
}

/// The part of a heading that names the story: `story 5670` of `story 5670 (Title)`.
fn story_key(heading: &str) -> String {
    heading.split(" (").next().unwrap_or(heading).to_string()
}

const POOLS: [&str; 3] = ["NeuS dev", "BASIL dev", "ECB+ dev"];
const KINDS: [&str; 4] = ["contrasting", "shared", "unique", "related"];

/// The judged items of a sample's Markdown, in order.
fn parse_sample(md: &str) -> Vec<Item> {
    // a sample of one data set names it in its title only
    let title_pool = md
        .lines()
        .next()
        .and_then(|t| POOLS.iter().find(|p| t.starts_with(&format!("# {p}:"))))
        .copied()
        .unwrap_or("NeuS dev");
    let mut items: Vec<Item> = Vec::new();
    for line in md.lines() {
        if let Some(head) = line.strip_prefix("### ") {
            items.extend(parse_heading(head, title_pool));
        } else if let Some(m) = line.strip_prefix("- **")
            && let Some(item) = items.last_mut()
            && let Some((name, rest)) = m.split_once("**")
        {
            let text = rest.trim_start_matches(" (counterpart)");
            let text = text.strip_prefix(": ").unwrap_or(text);
            item.members.push((name.to_string(), text.to_string()));
        }
    }
    items
}

/// `12. NeuS dev story 5670 (Title), shared cluster #3` as an item without members.
fn parse_heading(head: &str, title_pool: &str) -> Option<Item> {
    let (number, rest) = head.split_once(". ")?;
    let (heading, kind) = KINDS.iter().find_map(|k| {
        let at = rest
            .rfind(&format!(", {k} cluster"))
            .or_else(|| rest.rfind(&format!(", {k} pair")))?;
        Some((&rest[..at], k.to_string()))
    })?;
    let (pool, heading) = POOLS
        .iter()
        .find_map(|p| Some((p.to_string(), heading.strip_prefix(&format!("{p} "))?)))
        .unwrap_or((title_pool.to_string(), heading));
    Some(Item {
        number: number.parse().ok()?,
        kind,
        pool,
        key: story_key(heading),
        heading: heading.to_string(),
        members: Vec::new(),
    })
}

/// A text for loose matching: lower case letters and digits, single spaces.
fn loose(s: &str) -> String {
    let t: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    one_line(&t)
}

/// The claim of `c` an item's member names: the same outlet and text; else the same outlet
/// and the same text loosely (case, punctuation); else one text containing the other (a
/// claim cut differently since), the closest in length; else the same text at another outlet
/// (a renamed outlet).
fn find_claim(c: &Compared, name: &str, text: &str) -> Option<usize> {
    let claims = &c.comparison.claims;
    let at = |i: &usize| c.name(&claims[*i].outlet) == name;
    let all = 0..claims.len();
    let l = loose(text);
    all.clone()
        .filter(at)
        .find(|&i| one_line(&claims[i].text) == text)
        .or_else(|| {
            all.clone()
                .filter(at)
                .find(|&i| loose(&claims[i].text) == l)
        })
        .or_else(|| {
            all.clone()
                .filter(at)
                .filter(|&i| {
                    let m = loose(&claims[i].text);
                    m.len() >= 20 && l.len() >= 20 && (m.contains(&l) || l.contains(&m))
                })
                .min_by_key(|&i| claims[i].text.len().abs_diff(text.len()))
        })
        .or_else(|| all.clone().find(|&i| loose(&claims[i].text) == l))
}

/// Whether the engine still gives an item's verdict, and for a shared item its cross-outlet
/// member pairs still in one shared cluster (kept, all).
fn replay(item: &Item, stories: &Stories) -> (Replay, (usize, usize)) {
    let Some(c) = stories.get(&(item.pool.clone(), item.key.clone())) else {
        return (Replay::Unmatched, (0, 0));
    };
    let found: Option<Vec<usize>> = item
        .members
        .iter()
        .map(|(n, t)| find_claim(c, n, t))
        .collect();
    let Some(ids) = found.filter(|f| !f.is_empty()) else {
        return (Replay::Unmatched, (0, 0));
    };
    let cmp = &c.comparison;
    let together = |kind: ClusterKind| {
        cmp.clusters
            .iter()
            .any(|k| k.kind == kind && ids.iter().all(|m| k.members.contains(m)))
    };
    let kept = match item.kind.as_str() {
        "shared" => together(ClusterKind::Shared),
        "contrasting" => together(ClusterKind::Contrasting),
        "unique" => cmp.clusters[cmp.claims[ids[0]].cluster].kind == ClusterKind::Unique,
        _ => ids.len() == 2 && related(cmp, ids[0], ids[1]),
    };
    let replay = if kept { Replay::Kept } else { Replay::Lost };
    let pairs = if item.kind == "shared" {
        shared_pairs(cmp, &ids)
    } else {
        (0, 0)
    };
    (replay, pairs)
}

fn related(cmp: &framediff::analysis::Comparison, a: usize, b: usize) -> bool {
    cmp.related
        .iter()
        .any(|p| (p.a, p.b) == (a, b) || (p.a, p.b) == (b, a))
}

/// Cross-outlet pairs of `ids` in one shared cluster, and all cross-outlet pairs.
fn shared_pairs(cmp: &framediff::analysis::Comparison, ids: &[usize]) -> (usize, usize) {
    let mut kept = 0;
    let mut all = 0;
    for (i, &a) in ids.iter().enumerate() {
        for &b in &ids[i + 1..] {
            if cmp.claims[a].outlet == cmp.claims[b].outlet {
                continue;
            }
            all += 1;
            let one = cmp.clusters.iter().any(|k| {
                k.kind == ClusterKind::Shared && k.members.contains(&a) && k.members.contains(&b)
            });
            kept += usize::from(one);
        }
    }
    (kept, all)
}

fn print_item(name: &str, item: &Item, label: &Label, replay: Replay, stories: &Stories) {
    let status = match replay {
        Replay::Kept => "kept",
        Replay::Lost => "lost",
        Replay::Unmatched => "unmatched",
    };
    println!(
        "{} {} {status} {name}#{} {} {}: {}",
        item.kind, label.verdict, item.number, item.pool, item.heading, label.note
    );
    let c = stories.get(&(item.pool.clone(), item.key.clone()));
    for (n, t) in &item.members {
        let now = c.and_then(|c| {
            let i = find_claim(c, n, t)?;
            let k = &c.comparison.clusters[c.comparison.claims[i].cluster];
            let why = k.reasons.first().map(String::as_str).unwrap_or("");
            Some(format!(
                "now {} #{} sim {:.2} n {}: {why}",
                k.kind.as_str(),
                k.id + 1,
                k.similarity,
                k.members.len()
            ))
        });
        println!("    {n} [{}]: {t}", now.unwrap_or_else(|| "?".into()));
    }
}

/// A judged item across files: (pool, story key, kind, members sorted).
type ItemKey = (String, String, String, Vec<(String, String)>);

/// Counts per (file, kind, label) and in total.
#[derive(Default)]
struct Table {
    /// (kind, label) -> [kept, lost, unmatched]; per file and in total.
    files: BTreeMap<String, BTreeMap<(String, String), [usize; 3]>>,
    total: BTreeMap<(String, String), [usize; 3]>,
    /// Shared cross-outlet pairs per label: (kept, all).
    pairs: BTreeMap<String, (usize, usize)>,
    /// Each item's labels by (pool, story, kind, members): for disagreements.
    labels: BTreeMap<ItemKey, Vec<String>>,
    unlabelled: usize,
}

impl Table {
    fn add(&mut self, file: &str, item: &Item, label: &Label, r: Replay, pairs: (usize, usize)) {
        let key = (item.kind.clone(), label.verdict.clone());
        let slot = r as usize;
        self.files
            .entry(file.to_string())
            .or_default()
            .entry(key.clone())
            .or_default()[slot] += 1;
        self.total.entry(key).or_default()[slot] += 1;
        let p = self.pairs.entry(label.verdict.clone()).or_default();
        (p.0, p.1) = (p.0 + pairs.0, p.1 + pairs.1);
        let mut members = item.members.clone();
        members.sort();
        self.labels
            .entry((
                item.pool.clone(),
                item.key.clone(),
                item.kind.clone(),
                members,
            ))
            .or_default()
            .push(label.verdict.clone());
    }

    fn print(&self) {
        println!("judged items replayed: kind, label: kept / lost / unmatched (by file)");
        for (file, rows) in &self.files {
            let cells: Vec<String> = rows
                .iter()
                .filter(|((k, _), _)| k != "related")
                .map(|((k, v), [a, b, c])| format!("{k} {v} {a}/{b}/{c}"))
                .collect();
            println!("  {file}: {}", cells.join(", "));
        }
        println!("\nin total (kept / lost / unmatched; matched = kept + lost):");
        for ((k, v), [a, b, c]) in &self.total {
            println!("  {k:<12} {v:<8} kept {a:>4}  lost {b:>4}  unmatched {c:>4}");
        }
        for kind in KINDS {
            let kept = |v: &str| self.total.get(&(kind.into(), v.into())).map_or(0, |x| x[0]);
            let (r, w) = (kept("right"), kept("wrong"));
            let p = if r + w == 0 {
                0.0
            } else {
                r as f64 / (r + w) as f64
            };
            println!(
                "  {kind}: judged precision of what is kept {r}/{} = {p:.3}",
                r + w
            );
        }
        for (v, (kept, all)) in &self.pairs {
            println!(
                "  shared {v}: cross-outlet member pairs still in one shared cluster {kept}/{all}"
            );
        }
        self.print_disagreements();
    }

    fn print_disagreements(&self) {
        let labelled_twice = self.labels.values().filter(|v| v.len() > 1).count();
        let differ = self
            .labels
            .values()
            .filter(|v| v.iter().any(|x| x != &v[0]))
            .count();
        println!(
            "\n{} distinct items; {labelled_twice} labelled in more than one file, {differ} of them \
             with different labels; {} items without a label",
            self.labels.len(),
            self.unlabelled
        );
    }
}
