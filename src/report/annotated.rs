//! Reports with the user's annotations of the event: the JSON report gains an `annotations`
//! member, Markdown and HTML an "Annotations" section. Used by `framediff compare` and by the
//! TUI's export, so both give the same file.

use crate::analysis::Comparison;
use crate::annotations::ClusterAnnotation;
use crate::corpus::Event;

use super::Format;

/// The report in `format`, with `notes` (the event's annotations) added when there are any.
pub fn render_annotated(
    cmp: &Comparison,
    event: &Event,
    format: Format,
    meta: &super::ReportMeta,
    notes: &[&ClusterAnnotation],
) -> std::io::Result<String> {
    let report = super::render_with(cmp, event, format, meta);
    Ok(match format {
        Format::Json => with_json_annotations(&report, notes)?,
        _ if notes.is_empty() => report,
        Format::Markdown => report + &markdown_annotations(notes),
        Format::Html => {
            let mut html = report;
            let section = html_annotations(notes);
            match html.rfind("</body>") {
                Some(at) => html.insert_str(at, &section),
                None => html.push_str(&section),
            }
            html
        }
    })
}

/// Adds `"annotations": [...]` as the last member of the report object, keeping the report's
/// own (documented, deterministic) layout untouched.
fn with_json_annotations(report: &str, notes: &[&ClusterAnnotation]) -> std::io::Result<String> {
    let body = report.trim_end();
    let Some(open) = body.strip_suffix('}') else {
        return Err(std::io::Error::other("the JSON report is not an object"));
    };
    let list = serde_json::to_string_pretty(notes).map_err(std::io::Error::other)?;
    let list = list.replace('\n', "\n  ");
    let out = format!("{},\n  \"annotations\": {list}\n}}\n", open.trim_end());
    // Never write a document that does not parse.
    serde_json::from_str::<serde_json::Value>(&out).map_err(std::io::Error::other)?;
    Ok(out)
}

fn verdict_text(a: &ClusterAnnotation) -> String {
    let user = crate::analysis::ClusterKind::from(a.verdict).as_str();
    let analysis = crate::analysis::ClusterKind::from(a.analysis_verdict).as_str();
    if a.agreed {
        format!("agrees with {analysis}")
    } else if a.verdict != a.analysis_verdict {
        format!("{user} (analysis: {analysis})")
    } else {
        analysis.to_string()
    }
}

fn markdown_annotations(notes: &[&ClusterAnnotation]) -> String {
    let cell = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|")
    };
    let mut o = String::from(
        "\n## Annotations\n\n| claim | outlets | verdict | note |\n| --- | --- | --- | --- |\n",
    );
    for a in notes {
        let outlets: Vec<&str> = a.claims.iter().map(|c| c.outlet.as_str()).collect();
        o.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            cell(&a.text),
            cell(&outlets.join(", ")),
            cell(&verdict_text(a)),
            cell(&a.note)
        ));
    }
    o
}

fn html_annotations(notes: &[&ClusterAnnotation]) -> String {
    use crate::report::html::escape;
    let mut o = String::from(
        "<h2>Annotations</h2><table><tr><th>claim</th><th>outlets</th><th>verdict</th><th>note</th></tr>",
    );
    for a in notes {
        let outlets: Vec<&str> = a.claims.iter().map(|c| c.outlet.as_str()).collect();
        o.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&a.text),
            escape(&outlets.join(", ")),
            escape(&verdict_text(a)),
            escape(&a.note)
        ));
    }
    o.push_str("</table>\n");
    o
}
