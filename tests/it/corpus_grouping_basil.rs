//! The flat-folder experiment: all 150 BASIL dev articles mixed into one folder, with their
//! event ids removed, must be grouped back into the 50 triplets by content and date alone.

use crate::common;

use std::collections::HashMap;
use std::fmt::Write as _;

use framediff::corpus::{self, EventOrigin};

#[test]
#[ignore = "needs ../shared/data/basil-dev: cargo test -- --ignored shared_data_"]
fn shared_data_flat_basil_folder_regroups_into_the_triplets() {
    let basil = common::shared_data("basil-dev");
    let original = corpus::load(&basil);
    assert_eq!(original.events.len(), 50);

    // Write every article as a plain Markdown file: outlet, title, date and text only.
    let flat = tempfile::tempdir().expect("tempdir");
    let mut gold: HashMap<String, String> = HashMap::new();
    for ev in &original.events {
        for a in &ev.articles {
            let name = a
                .path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .to_string();
            let mut text = String::new();
            writeln!(text, "---").unwrap();
            writeln!(text, "outlet: {}", a.outlet).unwrap();
            writeln!(text, "title: {}", serde_json::to_string(&a.title).unwrap()).unwrap();
            if let Some(d) = a.date {
                writeln!(text, "date: {d}").unwrap();
            }
            writeln!(text, "---").unwrap();
            text.push_str(a.body.as_str());
            std::fs::write(flat.path().join(format!("{name}.md")), text).expect("write");
            gold.insert(format!("{name}.md"), ev.id.clone());
        }
    }

    let regrouped = corpus::load(flat.path());
    assert!(!regrouped.has_errors(), "{:?}", regrouped.diagnostics);
    assert!(
        regrouped
            .events
            .iter()
            .all(|e| e.origin == EventOrigin::AutoGrouped)
    );
    let predicted: HashMap<String, usize> = regrouped
        .events
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e.articles
                .iter()
                .map(move |a| (a.path.file_name().unwrap().to_string_lossy().to_string(), i))
        })
        .collect();
    assert_eq!(predicted.len(), 150);

    let names: Vec<&String> = gold.keys().collect();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (x, a) in names.iter().enumerate() {
        for b in &names[x + 1..] {
            let same_gold = gold[*a] == gold[*b];
            let same_pred = predicted[*a] == predicted[*b];
            match (same_pred, same_gold) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "BASIL flat-folder grouping: {} events; pairwise precision {precision:.4}, recall {recall:.4} (tp {tp}, fp {fp}, fn {fn_})",
        regrouped.events.len()
    );
    assert_eq!(regrouped.events.len(), 50, "expected the 50 triplets back");
    assert_eq!((fp, fn_), (0, 0), "every triplet must come back exactly");
}
