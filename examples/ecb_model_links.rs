//! Compares the ECB+ claim links made with a sentence-embedding model against those of the
//! lexical default: how many gold pairs each links, right and wrong, and one line per pair
//! that only the model links (`right` / `wrong` by gold event coreference), with the cosine
//! of the two sentences, how the model's cluster links them (kind, size, reasons, whether
//! one side is only a counterpart shown there) and the two texts. A tool for finding where
//! the model's extra links go wrong (docs/semantic.md), not part of the product.
//!
//! `cargo run --release --features semantic --example ecb_model_links -- \
//!    ../shared/data/ecbplus-dev MODEL_DIR > model-only.tsv`

use std::collections::{BTreeMap, BTreeSet, HashMap};

use framediff::analysis::eval::ecbplus;
use framediff::analysis::eval::verdicts::Compared;
use framediff::analysis::{Backend, ClusterKind, CompareOptions, lexical_backend};

/// How one sentence is shown: (cluster id, shown there only as a counterpart) for every
/// cluster that is not unique, by `(document, sentence)`.
type Shown = HashMap<(usize, usize), BTreeMap<usize, bool>>;

fn shown(data: &ecbplus::EcbData, compared: &[Compared]) -> Shown {
    let mut by_sub: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (di, d) in data.documents.iter().enumerate() {
        by_sub.entry(&d.subtopic).or_default().push(di);
    }
    let mut out = Shown::new();
    for (sub, docs) in by_sub {
        let Some(cmp) = compared.iter().find(|c| c.event.id == sub) else {
            continue;
        };
        let cmp = &cmp.comparison;
        for (col, &di) in docs.iter().enumerate() {
            let (_, ranges) = ecbplus::to_article(&data.documents[di]);
            for (&n, range) in &ranges {
                let mut set = BTreeMap::new();
                for &id in &cmp.columns[col].claims {
                    let c = &cmp.claims[id];
                    if !(c.start < range.end && range.start < c.end) {
                        continue;
                    }
                    for k in c.shown_in() {
                        let cl = &cmp.clusters[k];
                        if cl.kind != ClusterKind::Unique {
                            let via = cl.is_counterpart(id);
                            let e = set.entry(k).or_insert(via);
                            *e &= via;
                        }
                    }
                }
                out.insert((di, n), set);
            }
        }
    }
    out
}

/// The first cluster both sentences are shown in, if any.
fn common(shown: &Shown, a: (usize, usize), b: (usize, usize)) -> Option<(usize, bool)> {
    let empty = BTreeMap::new();
    let (la, lb) = (
        shown.get(&a).unwrap_or(&empty),
        shown.get(&b).unwrap_or(&empty),
    );
    la.iter()
        .find_map(|(k, &va)| lb.get(k).map(|&vb| (*k, va || vb)))
}

fn subtopic_of<'a>(data: &ecbplus::EcbData, compared: &'a [Compared], di: usize) -> &'a Compared {
    let sub = &data.documents[di].subtopic;
    compared
        .iter()
        .find(|c| &c.event.id == sub)
        .expect("every document's sub-topic is compared")
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("ECB+ folder");
    let model = args.get(2).expect("model folder");
    let data = ecbplus::read(std::path::Path::new(dir))?;
    let options = CompareOptions::default();
    let lexical = ecbplus::compare_subtopics(&data, &options, &lexical_backend);
    let backend = Backend::open(Some(std::path::Path::new(model)))?;
    let th = options.thresholds;
    let factory = |idf: &framediff::analysis::IdfTable| backend.make(idf, th);
    let with_model = ecbplus::compare_subtopics(&data, &options, &factory);
    let (lex, modl) = (shown(&data, &lexical), shown(&data, &with_model));
    let texts = ecbplus::sentence_texts(&data);
    let mut counts: BTreeMap<&str, [usize; 2]> = BTreeMap::new();
    let mut only = Vec::new();
    for p in ecbplus::gold_pairs(&data) {
        let (l, m) = (common(&lex, p.a, p.b), common(&modl, p.a, p.b));
        let gold = usize::from(p.positive);
        for (name, linked) in [("lexical", l.is_some()), ("model", m.is_some())] {
            if linked {
                counts.entry(name).or_default()[gold] += 1;
            }
        }
        match (l, m) {
            (None, Some(k)) => {
                counts.entry("model only").or_default()[gold] += 1;
                only.push((p, k));
            }
            (Some(_), None) => counts.entry("lexical only").or_default()[gold] += 1,
            _ => {}
        }
    }
    for (name, [wrong, right]) in &counts {
        eprintln!("{name}: {right} right, {wrong} wrong");
    }
    let mut sentences: BTreeSet<&str> = BTreeSet::new();
    for (p, _) in &only {
        sentences.insert(&texts[p.a.0][&p.a.1]);
        sentences.insert(&texts[p.b.0][&p.b.1]);
    }
    let list: Vec<&str> = sentences.into_iter().collect();
    let vectors = backend
        .embed(&list)
        .expect("a model")
        .map_err(anyhow::Error::msg)?;
    let vec_of: HashMap<&str, &[f32]> = list
        .iter()
        .copied()
        .zip(vectors.iter().map(|v| &v[..]))
        .collect();
    for (p, (k, via)) in only {
        let (ta, tb) = (&texts[p.a.0][&p.a.1], &texts[p.b.0][&p.b.1]);
        let cos: f32 = vec_of[ta.as_str()]
            .iter()
            .zip(vec_of[tb.as_str()])
            .map(|(x, y)| x * y)
            .sum();
        let cl = &subtopic_of(&data, &with_model, p.a.0).comparison.clusters[k];
        println!(
            "{}\t{cos:.3}\t{:?}\t{}\t{}\t{}\t{}:{}\t{}:{}\t{}#{}\t{}\t{}",
            if p.positive { "right" } else { "wrong" },
            cl.kind,
            cl.members.len(),
            if via { "counterpart" } else { "member" },
            cl.reasons.join("; "),
            data.documents[p.a.0].id,
            p.a.1,
            data.documents[p.b.0].id,
            p.b.1,
            data.documents[p.a.0].subtopic,
            k + 1,
            ta.replace(['\t', '\n'], " "),
            tb.replace(['\t', '\n'], " ")
        );
    }
    Ok(())
}
