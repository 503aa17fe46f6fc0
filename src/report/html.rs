//! One self-contained HTML file: outlets in columns, claims coloured by cluster kind, clusters
//! with reasons and word diffs below. No scripts, no external resources.

use std::fmt::Write as _;

use super::cluster_number;
use super::cluster_diffs;
use crate::analysis::{ClusterKind, Comparison, DiffOp};
use crate::corpus::Event;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\
.cols{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(16em,1fr);gap:1em;overflow-x:auto}\
.col h2{font-size:1em;margin:0 0 .3em}.col .hl{font-style:italic;color:#555;margin-bottom:.6em}\
.claim{padding:.25em .4em;margin:.25em 0;border-left:4px solid #ccc;font-size:.9em}\
.shared{border-color:#2e7d32;background:#e8f5e9}.contrasting{border-color:#c62828;background:#ffebee}\
.unique{border-color:#9e9e9e;background:#f5f5f5}.tag{font-size:.75em;color:#555}\
.cluster{margin:1em 0;padding:.5em;border:1px solid #ddd}.eq{color:#888}.only{font-weight:bold;color:#b71c1c}\
.moved{font-style:italic;color:#1565c0}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em}";

/// Renders a comparison as one HTML page.
pub fn to_html(cmp: &Comparison, _event: &Event) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(&cmp.event_title)
    );
    let _ = writeln!(
        o,
        "<h1>{}</h1>\n<p>Event <code>{}</code>. Legend: <span class=\"claim shared\">= shared</span> \
         <span class=\"claim contrasting\">&#8800; contrasting</span> <span class=\"claim unique\">+ unique</span></p>",
        escape(&cmp.event_title),
        escape(&cmp.event_id)
    );
    let _ = writeln!(o, "<div class=\"cols\">");
    for col in &cmp.columns {
        let _ = writeln!(
            o,
            "<div class=\"col\"><h2>{}</h2><div class=\"hl\">{}</div>",
            escape(&col.outlet),
            escape(&col.headline)
        );
        for &id in &col.claims {
            let c = &cmp.claims[id];
            let k = cmp.clusters[c.cluster].kind;
            // links to the contrasting clusters that show this claim as a counterpart
            let disputes: String = c
                .disputed_in
                .iter()
                .map(|&d| {
                    let dk = cmp.clusters[d].kind;
                    let reasons = escape(&cmp.clusters[d].reasons.join("; "));
                    let d = cluster_number(d);
                    format!(
                        " <a href=\"#c{d}\" class=\"tag\" title=\"{reasons}\">{} #{d}</a>",
                        dk.glyph()
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "<div class=\"claim {}\" title=\"{}\"><a href=\"#c{}\" class=\"tag\">{} #{}</a>{disputes} {}</div>",
                k.as_str(),
                escape(&cmp.clusters[c.cluster].reasons.join("; ")),
                cluster_number(c.cluster),
                k.glyph(),
                cluster_number(c.cluster),
                escape(&c.text)
            );
        }
        let _ = writeln!(o, "</div>");
    }
    let _ = writeln!(o, "</div>\n<h2>Clusters</h2>");
    for kind in [ClusterKind::Contrasting, ClusterKind::Shared] {
        for c in cmp.clusters.iter().filter(|c| c.kind == kind) {
            let _ = writeln!(
                o,
                "<div class=\"cluster {}\" id=\"c{}\"><b>{} {} #{}</b> (similarity {:.2})<ul>",
                kind.as_str(),
                cluster_number(c.id),
                kind.glyph(),
                kind.as_str(),
                cluster_number(c.id),
                c.similarity
            );
            for r in &c.reasons {
                let _ = writeln!(o, "<li>{}</li>", escape(r));
            }
            for &d in &c.disputed_by {
                let d = cluster_number(d);
                let _ = writeln!(
                    o,
                    "<li>disputed in <a href=\"#c{d}\">&#8800; contrasting #{d}</a></li>"
                );
            }
            for &m in &c.counterparts {
                let home = cmp.claims[m].cluster;
                let n = cluster_number(home);
                let _ = writeln!(
                    o,
                    "<li>{} is a counterpart from <a href=\"#c{n}\">{} #{n}</a></li>",
                    escape(&cmp.claims[m].outlet),
                    cmp.clusters[home].kind.as_str()
                );
            }
            let _ = writeln!(o, "</ul>");
            for (l, r, d) in cluster_diffs(cmp, c.id) {
                for (id, side) in [(l, &d.left), (r, &d.right)] {
                    let _ = write!(o, "<div><b>{}</b>: ", escape(&cmp.claims[id].outlet));
                    for t in side {
                        let cls = match t.op {
                            DiffOp::Equal => "eq",
                            DiffOp::Only => "only",
                            DiffOp::Moved => "moved",
                        };
                        let _ = write!(o, "<span class=\"{cls}\">{}</span>", escape(&t.text));
                    }
                    let _ = writeln!(o, "</div>");
                }
            }
            let _ = writeln!(o, "</div>");
        }
    }
    let _ = writeln!(
        o,
        "<h2>Framing profiles</h2><table><tr><th>outlet</th><th>sentiment</th><th>hedges</th><th>loaded terms</th><th>attribution verbs</th><th>quoted</th><th>frames</th></tr>"
    );
    let list = |v: &[(String, usize)]| {
        v.iter()
            .map(|(t, n)| format!("{} ({n})", escape(t)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for p in &cmp.profiles {
        let frames: Vec<String> = p
            .frames
            .iter()
            .take(4)
            .map(|(f, x)| format!("{} {:.0}%", escape(f), x * 100.0))
            .collect();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&p.outlet),
            super::signed2(f64::from(p.sentiment)),
            p.hedge_count,
            list(&p.loaded_terms),
            list(&p.attribution_verbs),
            list(&p.quoted_sources),
            frames.join(", ")
        );
    }
    let _ = writeln!(o, "</table></body></html>");
    o
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<b>\"a\" & 'b'\u{1b}[31m"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;[31m"
        );
    }
}
