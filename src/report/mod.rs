//! [`Comparison`] -> JSON, Markdown or self-contained HTML.
//!
//! Reports are deterministic: the same corpus gives byte-identical output (ordered containers
//! only, floats rounded to four decimals). The JSON document is versioned and documented in
//! `docs/report-schema.md`.

pub mod annotated;
pub mod html;
pub mod json;
pub mod markdown;

use crate::analysis::{Comparison, WordDiff, word_diff};
use crate::corpus::Event;

pub use annotated::render_annotated;
pub use json::{SCHEMA_VERSION, to_json};

/// Output formats of `framediff compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Html,
}

/// Renders a comparison in the given format.
pub fn render(cmp: &Comparison, event: &Event, format: Format) -> String {
    match format {
        Format::Json => to_json(cmp, event),
        Format::Markdown => markdown::to_markdown(cmp, event),
        Format::Html => html::to_html(cmp, event),
    }
}

/// The number a person sees for cluster `id` (an index from 0): the TUI's "cluster 6", the
/// reports' "#6" and the JSON report's `number` are all `id + 1`.
pub fn cluster_number(id: usize) -> usize {
    id + 1
}

/// A signed figure with two decimals that never reads `-0.00`.
pub fn signed2(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    format!("{r:+.2}")
}

/// True when a word diff says something: the two sides share at least 30% of their words.
/// Two unrelated sentences (everything differs) make a diff that is all highlight and no
/// information; reports show the sentences alone then.
pub fn diff_is_informative(d: &WordDiff) -> bool {
    let count = |toks: &[crate::analysis::DiffToken]| {
        let words = toks
            .iter()
            .filter(|t| t.text.chars().any(char::is_alphanumeric));
        let (mut all, mut same) = (0usize, 0usize);
        for t in words {
            all += 1;
            if t.op != crate::analysis::DiffOp::Only {
                same += 1;
            }
        }
        (all, same)
    };
    let (la, ls) = count(&d.left);
    let (ra, rs) = count(&d.right);
    let all = la + ra;
    all > 0 && (ls + rs) * 10 >= all * 3
}

/// Consecutive diff tokens with the same operation, as (op, text) runs: a report marks
/// "**call on 18 March**" once, not each word.
pub fn diff_runs(tokens: &[crate::analysis::DiffToken]) -> Vec<(crate::analysis::DiffOp, String)> {
    let mut runs: Vec<(crate::analysis::DiffOp, String)> = Vec::new();
    for t in tokens {
        match runs.last_mut() {
            Some((op, text)) if *op == t.op => text.push_str(&t.text),
            _ => runs.push((t.op, t.text.clone())),
        }
    }
    runs
}

/// Word diffs of a cluster: its first member against each other member.
pub fn cluster_diffs(cmp: &Comparison, cluster: usize) -> Vec<(usize, usize, WordDiff)> {
    let Some(c) = cmp.clusters.get(cluster) else {
        return Vec::new();
    };
    let Some((&first, rest)) = c.members.split_first() else {
        return Vec::new();
    };
    rest.iter()
        .map(|&m| {
            (
                first,
                m,
                word_diff(&cmp.claims[first].text, &cmp.claims[m].text),
            )
        })
        .collect()
}

/// The source path of a claim's article, as loaded.
pub fn claim_path(cmp: &Comparison, event: &Event, claim: usize) -> String {
    let col = &cmp.columns[cmp.claims[claim].column];
    event
        .articles
        .get(col.article)
        .map(|a| a.path.display().to_string())
        .unwrap_or_default()
}

/// Rounds to four decimals so reports do not depend on float printing noise.
pub fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}
