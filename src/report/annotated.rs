//! Reports with the user's annotations of the event: the JSON report gains an `annotations`
//! member, Markdown and HTML an "Annotations" section. Used by `framediff compare` and by the
//! TUI's export, so both give the same file.
//!
//! An annotation whose claim text is no longer in the articles (edited since it was written)
//! is orphaned: listed apart, under "Orphaned annotations" (JSON: `"orphaned": true`), never
//! printed as if it still described a claim of the report.

use crate::analysis::Comparison;
use crate::annotations::{Annotations, ClusterAnnotation};
use crate::corpus::Event;
use std::collections::BTreeMap;

use super::Format;

/// The report in `format`, with `notes` (the event's annotations) added when there are any.
pub fn render_annotated(
    cmp: &Comparison,
    event: &Event,
    format: Format,
    meta: &super::ReportMeta,
    notes: &[&ClusterAnnotation],
) -> std::io::Result<String> {
    let (current, orphaned): (Vec<&ClusterAnnotation>, Vec<&ClusterAnnotation>) = notes
        .iter()
        .copied()
        .partition(|a| Annotations::is_current(cmp, a));
    let mut meta = meta.clone();
    meta.marks = marks(cmp, &current);
    let meta = &meta;
    let report = super::render_with(cmp, event, format, meta);
    Ok(match format {
        // notes are untrusted text like the articles': C1, DEL and bidi controls escaped
        // (tester report 26, finding 6: the TUI's export wrote U+202E raw)
        Format::Json => {
            let json = with_json_annotations(&report, cmp, notes)?;
            crate::ui::sanitize::json_escape_controls(&json).into_owned()
        }
        _ if notes.is_empty() => report,
        Format::Markdown => {
            report
                + &markdown_annotations(cmp, &current, meta, ANNOTATIONS)
                + &markdown_annotations(cmp, &orphaned, meta, ORPHANED)
        }
        Format::Html => {
            let mut html = report;
            let section = html_annotations(cmp, &current, meta, ANNOTATIONS)
                + &html_annotations(cmp, &orphaned, meta, ORPHANED);
            // before the page footer, which ends the page
            match html.rfind("<footer>").or_else(|| html.rfind("</body>")) {
                Some(at) => html.insert_str(at, &section),
                None => html.push_str(&section),
            }
            html
        }
    })
}

/// The marks of the current annotations `notes` by the cluster their anchor claim is in now.
fn marks(cmp: &Comparison, notes: &[&ClusterAnnotation]) -> BTreeMap<usize, super::Mark> {
    let mut marks = BTreeMap::new();
    for a in notes {
        let Some(claim) = Annotations::current_anchor(cmp, a) else {
            continue;
        };
        let Some(cluster) = cmp.clusters.get(claim.cluster) else {
            continue;
        };
        marks.entry(cluster.id).or_insert_with(|| super::Mark {
            text: a.mark_in(cmp, cluster),
            overruled: a
                .overrules_in(cmp, cluster)
                .then(|| a.reader_verdict(cmp, cluster))
                .flatten()
                .map(Into::into),
            excluded: a.excluded_in(cmp, cluster),
        });
    }
    marks
}

/// Adds `"annotations": [...]` as the last member of the report object, keeping the report's
/// own (documented, deterministic) layout untouched.
/// An annotation as the JSON report lists it: its stored fields and whether it is orphaned.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    note: &'a ClusterAnnotation,
    orphaned: bool,
    /// The verdict the analysis gives the cluster in this report, only when it is not the
    /// `analysis_verdict` the annotation was made against.
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis_now: Option<crate::annotations::Verdict>,
    /// Where the annotated claim is in this report (absent for an orphan): the stored
    /// `claims` keep the offsets the annotation was made at, which go stale when text is
    /// added above the claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    current: Option<Current>,
    /// Where the claims the reader took out of the cluster (the stored `excluded`) are in
    /// this report, in the stored order; those whose text is gone are not listed. Absent
    /// when none was taken out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excluded_current: Vec<Current>,
}

/// The anchor claim of an annotation as the report has it now: its cluster's number (as the
/// report's `clusters[].number`), outlet and byte offsets.
#[derive(serde::Serialize)]
struct Current {
    number: usize,
    outlet: String,
    start: usize,
    end: usize,
}

impl Current {
    /// Each member `a` took out, where it is now (its cluster, outlet, offsets).
    fn excluded(cmp: &Comparison, a: &ClusterAnnotation) -> Vec<Current> {
        a.excluded
            .iter()
            .filter_map(|e| Annotations::current_excluded(cmp, e))
            .map(|c| Current {
                number: super::cluster_number(c.cluster),
                outlet: c.outlet.clone(),
                start: c.start,
                end: c.end,
            })
            .collect()
    }

    fn of(cmp: &Comparison, a: &ClusterAnnotation) -> Option<Current> {
        let claim = Annotations::current_anchor(cmp, a)?;
        Some(Current {
            number: super::cluster_number(claim.cluster),
            outlet: claim.outlet.clone(),
            start: claim.start,
            end: claim.end,
        })
    }
}

/// "#70", or "orphaned" for an annotation whose claim is gone.
fn cluster_cell(cmp: &Comparison, a: &ClusterAnnotation) -> String {
    match Current::of(cmp, a) {
        Some(c) => format!("#{}", c.number),
        None => "orphaned".to_string(),
    }
}

/// Headings and leads of the two Markdown/HTML sections.
type Section = (&'static str, &'static str);
const ANNOTATIONS: Section = ("Annotations", "");
const ORPHANED: Section = (
    "Orphaned annotations",
    "The claim text of these annotations is no longer in the articles (edited since they \
     were written). They are kept in the annotations file and describe no claim above.",
);

fn with_json_annotations(
    report: &str,
    cmp: &Comparison,
    notes: &[&ClusterAnnotation],
) -> std::io::Result<String> {
    let body = report.trim_end();
    let Some(open) = body.strip_suffix('}') else {
        return Err(std::io::Error::other("the JSON report is not an object"));
    };
    let listed: Vec<Listed> = notes
        .iter()
        .map(|&note| Listed {
            note,
            orphaned: !Annotations::is_current(cmp, note),
            analysis_now: Annotations::current_kind(cmp, note)
                .map(crate::annotations::Verdict::from)
                .filter(|&now| now != note.analysis_verdict),
            current: Current::of(cmp, note),
            excluded_current: Current::excluded(cmp, note),
        })
        .collect();
    let list = serde_json::to_string_pretty(&listed).map_err(std::io::Error::other)?;
    let list = list.replace('\n', "\n  ");
    let out = format!("{},\n  \"annotations\": {list}\n}}\n", open.trim_end());
    // Never write a document that does not parse.
    serde_json::from_str::<serde_json::Value>(&out).map_err(std::io::Error::other)?;
    Ok(out)
}

/// What the user decided, against the verdict the analysis gives the cluster now
/// ([`crate::annotations::Verdict::describe`]).
/// The claims the reader took out of the cluster follow: "; took out: BBC News “…”".
fn verdict_text(cmp: &Comparison, a: &ClusterAnnotation, meta: &super::ReportMeta) -> String {
    let now = Annotations::current_kind(cmp, a);
    let mut v = crate::annotations::Verdict::describe(a.verdict, a.agreed, a.analysis_verdict, now);
    let out: Vec<String> = a
        .excluded
        .iter()
        .filter_map(|e| Annotations::current_excluded(cmp, e))
        .map(|c| {
            format!(
                "{} {}",
                meta.outlet_name(&c.outlet),
                quoted_once(&super::quoted(&c.text))
            )
        })
        .collect();
    if !out.is_empty() {
        v.push_str(&format!("; took out: {}", out.join("; ")));
    }
    v
}

/// `text` in “…”, unless it already starts or ends with a quotation mark (a claim that is a
/// quote: “The birth rate fell,” the AP reported.), which is shown as it is rather than
/// with doubled marks (tester report 24, finding 5).
fn quoted_once(text: &str) -> String {
    const MARKS: &[char] = &['“', '”', '"', '«', '»', '„', '‘', '’', '\''];
    let t = text.trim();
    if t.starts_with(MARKS) || t.ends_with(MARKS) {
        t.to_string()
    } else {
        format!("“{t}”")
    }
}

fn markdown_annotations(
    cmp: &Comparison,
    notes: &[&ClusterAnnotation],
    meta: &super::ReportMeta,
    (title, lead): Section,
) -> String {
    if notes.is_empty() {
        return String::new();
    }
    // Notes and claims are untrusted text: escaped as the report's article text is.
    let cell = super::markdown::cell;
    let lead = if lead.is_empty() {
        String::new()
    } else {
        format!("{lead}\n\n")
    };
    let mut o = format!(
        "\n## {title}\n\n{lead}| cluster | claim | outlets | verdict | note |\n| --- | --- | --- | --- | --- |\n"
    );
    for a in notes {
        let outlets = outlet_names(cmp, a, meta);
        o.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            cluster_cell(cmp, a),
            cell(&super::quoted(&a.text)),
            cell(&outlets.join(", ")),
            cell(&verdict_text(cmp, a, meta)),
            note_cell(&a.note)
        ));
    }
    o
}

/// A note (untrusted, maybe several lines) as one Markdown table cell: each line escaped as
/// [`super::markdown::cell`] does, the line breaks kept as `<br>` (a table cell is one line).
fn note_cell(note: &str) -> String {
    note.lines()
        .map(super::markdown::cell)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The display names of the outlets of an annotation's cluster as this report has it (its
/// claims and counterparts now, under the outlets' current names), in claim order, each
/// once; for an orphan, those stored with the annotation. The outlets of claims the reader
/// took out are left out unless another claim of the cluster has them: the outlets the
/// cluster has now (tester report 24, finding 5).
fn outlet_names(cmp: &Comparison, a: &ClusterAnnotation, meta: &super::ReportMeta) -> Vec<String> {
    let cluster = Annotations::current_anchor(cmp, a).and_then(|c| cmp.clusters.get(c.cluster));
    let outlets: Vec<String> = match cluster {
        Some(c) => {
            let out = a.excluded_in(cmp, c);
            c.own_members()
                .chain(c.counterparts.iter().copied())
                .filter(|id| !out.contains(id))
                .filter_map(|id| cmp.claims.get(id))
                .map(|cl| cl.outlet.clone())
                .collect()
        }
        None => a.claims.iter().map(|r| r.outlet.clone()).collect(),
    };
    let mut names: Vec<String> = Vec::new();
    for o in outlets {
        let name = meta.outlet_name(&o);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The cluster cell of the HTML table: a link to the cluster, or "orphaned".
fn html_cluster_cell(cmp: &Comparison, a: &ClusterAnnotation) -> String {
    match Current::of(cmp, a) {
        Some(c) => format!("<a href=\"#c{n}\">#{n}</a>", n = c.number),
        None => "orphaned".to_string(),
    }
}

fn html_annotations(
    cmp: &Comparison,
    notes: &[&ClusterAnnotation],
    meta: &super::ReportMeta,
    (title, lead): Section,
) -> String {
    use crate::report::html::escape;
    if notes.is_empty() {
        return String::new();
    }
    let lead = if lead.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape(lead))
    };
    let mut o = format!(
        "<h2>{title}</h2>{lead}<table><tr><th>cluster</th><th>claim</th><th>outlets</th><th>verdict</th><th>note</th></tr>"
    );
    for a in notes {
        let outlets = outlet_names(cmp, a, meta);
        o.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"note\">{}</td></tr>",
            html_cluster_cell(cmp, a),
            escape(&super::quoted(&a.text)),
            escape(&outlets.join(", ")),
            escape(&verdict_text(cmp, a, meta)),
            escape(&a.note)
        ));
    }
    o.push_str("</table>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::quoted_once;

    /// Tester report 24, finding 5: a claim that is a quote keeps its own marks, not “““.
    #[test]
    fn a_claim_that_is_a_quote_is_not_quoted_again() {
        assert_eq!(
            quoted_once("“The U.S. birth rate fell,” the AP reported."),
            "“The U.S. birth rate fell,” the AP reported."
        );
        assert_eq!(quoted_once("He said \"no\""), "He said \"no\"");
        assert_eq!(quoted_once("Births fell 4%."), "“Births fell 4%.”");
    }
}
