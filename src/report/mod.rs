//! [`Comparison`] -> JSON, Markdown or self-contained HTML.
//!
//! Reports are deterministic: the same corpus gives byte-identical output (ordered containers
//! only, floats rounded to four decimals). The JSON document is versioned and documented in
//! `docs/report-schema.md`.

pub mod html;
pub mod json;
pub mod markdown;

use crate::analysis::{Comparison, WordDiff, word_diff};
use crate::corpus::Event;

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
