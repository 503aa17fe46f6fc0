//! Shared by the ECB+ diagnostic examples (`ecb_misses`, `ecb_model_links`): which clusters
//! show each annotated sentence of the data. Included with `#[path]`; not an example itself.

use std::collections::{BTreeMap, HashMap};

use framediff::analysis::ClusterKind;
use framediff::analysis::eval::ecbplus;
use framediff::analysis::eval::verdicts::Compared;

/// How one sentence is shown: (cluster id, shown there only as a counterpart) for every
/// cluster that is not unique, by `(document, sentence)`.
pub type Shown = HashMap<(usize, usize), BTreeMap<usize, bool>>;

pub fn shown(data: &ecbplus::EcbData, compared: &[Compared]) -> Shown {
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
