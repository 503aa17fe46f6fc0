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
use framediff::analysis::{Backend, CompareOptions, lexical_backend};

#[path = "support/ecb_shown.rs"]
mod ecb_shown;
use ecb_shown::{Shown, shown};

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
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
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
