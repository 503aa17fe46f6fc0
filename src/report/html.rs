//! One self-contained HTML file a researcher can send a colleague: a summary, the contrasts
//! first, outlets by name, country and lean, each version with its source file and offsets,
//! readable word diffs, every outlet side by side, framing profiles; a dark mode and a print
//! style. No scripts, no external resources.

use std::fmt::Write as _;

use super::{ReportMeta, claim_path, cluster_diffs, cluster_number};
use crate::analysis::{Cluster, ClusterKind, Comparison, DiffOp};
use crate::corpus::Event;

/// Escapes text for HTML element content and attribute values; terminal control sequences
/// are dropped whole (`corpus::escapes::strip`), other control characters and bidi controls
/// are dropped.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in crate::corpus::escapes::strip(s).chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            // Bidi overrides make a claim read differently from what it is.
            c if crate::ui::sanitize::is_bidi_control(c) => {}
            c => o.push(c),
        }
    }
    o
}

/// Light by default, dark with the reader's preference, plain for print. Wide screens get the
/// outlets side by side; narrow ones one under another; no column is ever hidden.
const STYLE: &str = "\
:root{--fg:#1b1b1b;--dim:#5a5a5a;--bg:#fff;--card:#fafafa;--line:#d8d8d8;\
--shared:#2e7d32;--shared-bg:#eef6ee;--contrasting:#b3261e;--contrasting-bg:#fcefed;\
--unique:#6d5d00;--unique-bg:#f7f4e6;--mark:#fff0a8;--moved:#0b57d0;--note:#fff8e1}\
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--dim:#a8a8a8;--bg:#161616;--card:#1f1f1f;\
--line:#3a3a3a;--shared:#81c995;--shared-bg:#1b2a1e;--contrasting:#f28b82;--contrasting-bg:#2f1c1b;\
--unique:#e6c94d;--unique-bg:#2a2716;--mark:#5c4b00;--moved:#8ab4f8;--note:#3a3320}}\
*{box-sizing:border-box}\
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--fg);background:var(--bg);\
margin:0 auto;padding:1.5em;max-width:90em}\
h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.6em 0 .5em;border-bottom:1px solid var(--line)}\
h3{font-size:1.05em;margin:.2em 0}.box h2{margin-top:0}a{color:inherit}.dim,.src,.det{color:var(--dim)}\
.src{font-size:.8em}.src code{overflow-wrap:anywhere}\
.illustrative{background:var(--note);border-left:4px solid #c69500;padding:.5em .8em;font-weight:600}\
.tags span{display:inline-block;border:1px solid var(--line);border-radius:1em;padding:0 .6em;margin:0 .3em .3em 0;font-size:.8em}\
.box{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.8em 1em}\
.counts b{font-size:1.2em}.k-shared{color:var(--shared)}.k-contrasting{color:var(--contrasting)}.k-unique{color:var(--unique)}\
table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid var(--line);padding:.3em .5em;text-align:left;vertical-align:top}\
.table-wrap{overflow-x:auto}\
.cluster{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--line);border-radius:6px;\
padding:.6em .9em;margin:.9em 0;break-inside:avoid}\
.cluster.contrasting{border-left-color:var(--contrasting)}.cluster.shared{border-left-color:var(--shared)}\
.reasons{margin:.3em 0 .6em;padding-left:1.2em;color:var(--dim);font-size:.9em}\
.versions{display:grid;grid-template-columns:repeat(auto-fit,minmax(18em,1fr));gap:.6em}\
.version{border-top:1px solid var(--line);padding-top:.4em}.who{font-weight:600}\
.version.out blockquote{text-decoration:line-through;opacity:.7}\
blockquote{margin:.2em 0 .3em;padding:0}\
.diff{font-size:.9em;margin:.2em 0}.diff mark{background:var(--mark);color:inherit;border-radius:2px}\
.diff .moved{color:var(--moved);text-decoration:underline dotted}\
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(17em,1fr));gap:1em}\
.col{border:1px solid var(--line);border-radius:6px;padding:.6em}.col h3 .det{font-weight:normal;font-size:.85em}\
.col .hl{font-style:italic;margin:.2em 0 .5em}\
.claim{padding:.25em .45em;margin:.25em 0;border-left:4px solid var(--line);font-size:.9em}\
.claim.shared{border-color:var(--shared);background:var(--shared-bg)}\
.claim.contrasting{border-color:var(--contrasting);background:var(--contrasting-bg)}\
.claim.unique{border-color:var(--unique);background:var(--unique-bg)}\
.tag{font-size:.75em;color:var(--dim);text-decoration:none;margin-right:.3em}\
ul.unique{padding-left:1.2em}ul.unique li{margin:.3em 0}\
footer{margin-top:2em;font-size:.8em;color:var(--dim)}\
td.note{white-space:pre-wrap}\
@media print{body{max-width:none;padding:0;font-size:11pt}:root{--bg:#fff;--fg:#000;--card:#fff}\
.cluster,.col,.claim,.version{break-inside:avoid}a{text-decoration:none}\
.cols{grid-template-columns:repeat(2,1fr)}.diff mark{outline:1px solid #999}}";

/// Renders a comparison as one HTML page a researcher can send: the summary first, then where
/// the outlets disagree, then what they share, what only one reports, every outlet side by
/// side, and the framing profiles.
pub fn to_html(cmp: &Comparison, event: &Event, meta: &ReportMeta) -> String {
    let mut o = String::new();
    head(&mut o, cmp, event);
    header(&mut o, cmp, event, meta);
    summary(&mut o, cmp, event, meta);
    cluster_sections(&mut o, cmp, event, meta);
    unique_section(&mut o, cmp, event, meta);
    related_section(&mut o, cmp, meta);
    columns_section(&mut o, cmp, meta);
    profiles_section(&mut o, cmp, meta);
    let _ = writeln!(
        o,
        "<footer>Made with framediff {}. Claims, clusters and diffs are computed from the texts; \
         byte offsets point into the source files.</footer>\n</body></html>",
        env!("CARGO_PKG_VERSION")
    );
    o
}

/// An outlet's name, HTML-escaped, in `<bdi>`: a right-to-left name (Arabic, Hebrew) is
/// laid out on its own and does not reorder the text around it.
fn name(meta: &ReportMeta, id: &str) -> String {
    isolated(&meta.outlet_name(id))
}

/// Text from an article or the corpus, HTML-escaped, in `<bdi>` (bidirectional isolation:
/// its direction is its own, found from its first strong letter, and the text around it
/// keeps the page's).
fn isolated(s: &str) -> String {
    format!("<bdi>{}</bdi>", escape(s))
}

/// An outlet's country and lean, HTML-escaped.
fn details(meta: &ReportMeta, id: &str) -> String {
    escape(&meta.outlet_details(id))
}

/// How many clusters of `kind` the report shows (by the reader's verdict where they
/// overruled the analysis).
fn count(cmp: &Comparison, meta: &ReportMeta, kind: ClusterKind) -> usize {
    super::count_kind(cmp, meta, kind)
}

/// The doctype, the `<head>` with title and style, and the opening `<body>`.
fn head(o: &mut String, cmp: &Comparison, event: &Event) {
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"color-scheme\" content=\"light dark\">\
         <meta name=\"generator\" content=\"framediff\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n",
        escape(&super::heading(cmp, event))
    );
}

/// The `<header>`: what the event is, and what the texts are (illustrative label, summary,
/// tags).
fn header(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta) {
    let _ = writeln!(
        o,
        "<header><h1>{}</h1>",
        escape(&super::heading(cmp, event))
    );
    let date = event.date.map(|d| format!("{d} · ")).unwrap_or_default();
    let _ = writeln!(
        o,
        "<p class=\"dim\">{date}event <code>{}</code> · {} · {} claims · compared with \
         {}</p>",
        escape(&cmp.event_id),
        super::outlets_phrase(cmp),
        cmp.claims.len(),
        escape(&cmp.backend)
    );
    if let Some(label) = &meta.illustrative {
        let _ = writeln!(o, "<p class=\"illustrative\">{}</p>", escape(label));
    }
    if let Some(summary) = &event.summary {
        let _ = writeln!(o, "<p>{}</p>", escape(summary));
    }
    if !event.tags.is_empty() {
        let tags: String = event
            .tags
            .iter()
            .map(|t| format!("<span>{}</span>", escape(t)))
            .collect();
        let _ = writeln!(o, "<p class=\"tags\">{tags}</p>");
    }
    let _ = writeln!(o, "</header>");
}

/// The summary box: the counts by kind, where the outlets disagree, who the outlets are.
fn summary(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta) {
    let _ = writeln!(
        o,
        "<section id=\"summary\" class=\"box\"><h2>Summary</h2>\
         <p class=\"counts\"><b class=\"k-contrasting\">{}</b> &#8800; contrasts · \
         <b class=\"k-shared\">{}</b> = facts shared by several outlets{} · \
         <b class=\"k-unique\">{}</b> + claims only one outlet makes{}</p>",
        count(cmp, meta, ClusterKind::Contrasting),
        count(cmp, meta, ClusterKind::Shared),
        escape(&super::copies_note(cmp)),
        count(cmp, meta, ClusterKind::Unique),
        escape(&super::analysis_counts_note(cmp, meta))
    );
    if super::single_outlet(cmp) {
        let _ = writeln!(
            o,
            "<p class=\"dim\">{} (one outlet).</p>",
            super::NOTHING_TO_COMPARE
        );
    }
    overruled(o, cmp, meta);
    disagreements(o, cmp, meta);
    outlets_table(o, cmp, event, meta);
    let _ = writeln!(o, "</table></div></section>");
}

/// The clusters whose verdict the reader overruled, linked, with their marks, as the
/// Markdown report lists them: "Overruled by the reader: #69 ✎ you: shared (analysis:
/// contrasting)." Nothing without such a cluster.
fn overruled(o: &mut String, cmp: &Comparison, meta: &ReportMeta) {
    let list: Vec<String> = super::overruled_marks(cmp, meta)
        .into_iter()
        .map(|(id, text)| {
            let n = cluster_number(id);
            format!(
                "<a href=\"#c{n}\">#{n}</a> <span class=\"you\">{}</span>",
                escape(&text)
            )
        })
        .collect();
    if !list.is_empty() {
        let _ = writeln!(
            o,
            "<p class=\"overruled\">Overruled by the reader: {}.</p>",
            list.join("; ")
        );
    }
}

/// "Where the outlets disagree": one linked line per contrasting cluster with its main
/// reason and outlets, or what was found when there is none ([`super::no_contradiction_found`]).
fn disagreements(o: &mut String, cmp: &Comparison, meta: &ReportMeta) {
    // the contrasts as the reader has them: the analysis' they did not overrule, and those
    // they found (a verdict overruled to contrasting)
    let contrasts: Vec<_> = cmp
        .clusters
        .iter()
        .filter(|c| meta.kind_of(c) == ClusterKind::Contrasting)
        .collect();
    if contrasts.is_empty() {
        if !super::single_outlet(cmp) {
            let _ = writeln!(o, "<p>{}</p>", escape(&super::no_contrast_shown(cmp, meta)));
        }
        return;
    }
    let _ = writeln!(o, "<h3>Where the outlets disagree</h3><ol>");
    for c in &contrasts {
        let n = cluster_number(c.id);
        let who = outlets_of(cmp, c, meta);
        let why = c
            .reasons
            .iter()
            .find(|r| r.contains(" vs "))
            .or(c.reasons.first())
            .map(|r| escape(r))
            .unwrap_or_default();
        // a contrast the reader found: the analysis' reasons are for another verdict
        let lead = super::overruled_reasons_lead(meta, c)
            .map(|l| format!("{} ", escape(&l)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<li><a href=\"#c{n}\">#{n}</a> {lead}{why} <span class=\"dim\">({})</span>{}</li>",
            escape(&who.join(", ")),
            you(meta, c.id)
        );
    }
    let _ = writeln!(o, "</ol>");
}

/// The outlets table of the summary (left open: the caller closes it): name, country and
/// lean, headline, claim count, sentiment, source file.
fn outlets_table(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta) {
    let _ = writeln!(
        o,
        "<h3>Outlets</h3><div class=\"table-wrap\"><table><tr><th>outlet</th><th>country · lean</th>\
         <th>headline</th><th>claims</th><th>sentiment</th><th>source file</th></tr>"
    );
    for (c, p) in cmp.columns.iter().zip(&cmp.profiles) {
        let path = super::shown_path(&super::column_path(event, c));
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"src\"><code>{}</code></td></tr>",
            name(meta, &c.outlet),
            details(meta, &c.outlet),
            isolated(&c.headline),
            c.claims.len(),
            super::signed2(f64::from(p.sentiment)),
            escape(&path)
        );
    }
}

/// The contrasts first, then the shared facts: each with its reasons, every outlet's version
/// with its source, and a word diff where the versions are close enough for one.
fn cluster_sections(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta) {
    for (kind, title, empty) in [
        (
            ClusterKind::Contrasting,
            "&#8800; Where the outlets disagree",
            "No contrasting claims.",
        ),
        (
            ClusterKind::Shared,
            "= What several outlets report",
            "No claim is reported by more than one outlet.",
        ),
    ] {
        let _ = writeln!(o, "<section id=\"{}\"><h2>{title}</h2>", kind.as_str());
        let mut any = false;
        for c in cmp.clusters.iter().filter(|c| meta.kind_of(c) == kind) {
            any = true;
            cluster_card(o, cmp, event, meta, c);
        }
        if !any {
            let _ = writeln!(o, "<p class=\"dim\">{empty}</p>");
        }
        let _ = writeln!(o, "</section>");
    }
}

/// What only one outlet reports, by outlet: what the others leave out.
fn unique_section(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta) {
    let _ = if super::single_outlet(cmp) {
        writeln!(
            o,
            "<section id=\"unique\"><h2>Claims</h2><p class=\"dim\">No other outlet \
             reports this event: {} (its claims follow).</p>",
            super::NOTHING_TO_COMPARE
        )
    } else {
        writeln!(
            o,
            "<section id=\"unique\"><h2>+ What only one outlet reports</h2>"
        )
    };
    if count(cmp, meta, ClusterKind::Unique) == 0 {
        let _ = writeln!(o, "<p class=\"dim\">None.</p>");
    }
    for col in &cmp.columns {
        let items: Vec<usize> = col
            .claims
            .iter()
            .copied()
            .filter(|&id| {
                meta.kind_of(&cmp.clusters[cmp.claims[id].cluster]) == ClusterKind::Unique
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "<h3>{} <span class=\"det\">{} · {}</span></h3><ul class=\"unique\">",
            name(meta, &col.outlet),
            details(meta, &col.outlet),
            super::plural_claims(items.len())
        );
        for id in items {
            unique_item(o, cmp, event, meta, id);
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "</section>");
}

/// One unique claim as a list item: its text, cluster number, source file and byte offsets.
fn unique_item(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta, id: usize) {
    let c = &cmp.claims[id];
    let n = cluster_number(c.cluster);
    // The anchor on the cluster's first claim only: ids stay unique.
    let anchor = if cmp.clusters[c.cluster].members.first() == Some(&id) {
        format!(" id=\"c{n}\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        o,
        "<li{anchor}>{}{} <span class=\"src\">#{n} · <code>{}</code> {}</span></li>",
        claim_text(c),
        you(meta, c.cluster),
        escape(&super::shown_path(&claim_path(cmp, event, id))),
        escape(&super::claim_offsets(cmp, event, id, "–"))
    );
}

/// Related context: the same topic in other outlets, relation left to the reader (nothing
/// when there is none).
fn related_section(o: &mut String, cmp: &Comparison, meta: &ReportMeta) {
    if cmp.related.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<section id=\"related\"><h2>~ Related context</h2><p class=\"dim\">Claims of \
         different outlets on one topic that are neither the same fact nor a confirmed \
         contradiction: for the reader to judge.</p><ul class=\"related\">"
    );
    for p in &cmp.related {
        let (a, b) = (&cmp.claims[p.a], &cmp.claims[p.b]);
        let note = p
            .note
            .as_deref()
            .map(|n| format!("; {}", escape(n)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<li><b>{}</b>: {} <span class=\"src\">~</span> <b>{}</b>: {} \
             <span class=\"src\">similarity {:.2}{note}</span></li>",
            name(meta, &a.outlet),
            claim_text(a),
            name(meta, &b.outlet),
            claim_text(b),
            p.similarity
        );
    }
    let _ = writeln!(o, "</ul></section>");
}

/// Every outlet side by side, claims in article order: the columns wrap, none is hidden.
fn columns_section(o: &mut String, cmp: &Comparison, meta: &ReportMeta) {
    let _ = writeln!(
        o,
        "<section id=\"columns\"><h2>Side by side</h2><p class=\"dim\">All {} outlets, each \
         article's claims in order. <span class=\"claim shared\">= shared</span> \
         <span class=\"claim contrasting\">&#8800; contrasting</span> \
         <span class=\"claim unique\">+ unique</span></p><div class=\"cols\">",
        cmp.columns.len()
    );
    for col in &cmp.columns {
        let _ = writeln!(
            o,
            "<div class=\"col\"><h3>{} <span class=\"det\">{}</span></h3><div class=\"hl\">{}</div>",
            name(meta, &col.outlet),
            details(meta, &col.outlet),
            isolated(&col.headline)
        );
        for &id in &col.claims {
            column_claim(o, cmp, meta, id);
        }
        let _ = writeln!(o, "</div>");
    }
    let _ = writeln!(o, "</div></section>");
}

/// One claim in its outlet's column, coloured by kind, with a link to its cluster and to the
/// other clusters that show it as a counterpart.
fn column_claim(o: &mut String, cmp: &Comparison, meta: &ReportMeta, id: usize) {
    let c = &cmp.claims[id];
    let k = cmp.clusters[c.cluster].kind;
    let disputes: String = c
        .disputed_in
        .iter()
        .chain(&c.also_shared_in)
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
    let n = cluster_number(c.cluster);
    // the reader's mark, short: the full text is its tooltip
    let you = meta.marks.get(&c.cluster).map_or(String::new(), |m| {
        format!(
            " <span class=\"you\" title=\"{}\">✎</span>",
            escape(&m.text)
        )
    });
    let _ = writeln!(
        o,
        "<div class=\"claim {}\" title=\"{}\"><a href=\"#c{n}\" class=\"tag\">{} #{n}</a>{you}{disputes} {}</div>",
        k.as_str(),
        escape(&cmp.clusters[c.cluster].reasons.join("; ")),
        k.glyph(),
        claim_text(c)
    );
}

/// A claim's text, quoted and HTML-escaped, in `<bdi>` (an Arabic claim is laid out right to
/// left on its own, without reordering the tags and names around it), with `lang="…"` when
/// the claim's language is not the page's (`en`), so a reader's browser, screen reader and
/// translator treat a Russian claim as Russian. The language is written only when it looks
/// like one (ASCII letters, digits and `-`, as the language detector gives: `ru`, `de`);
/// `und` (unknown) gets none.
fn claim_text(c: &crate::analysis::Claim) -> String {
    let text = escape(&super::quoted(&c.text));
    let lang = c.language.as_str();
    let tag = !lang.is_empty()
        && lang.len() <= 16
        && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !lang.eq_ignore_ascii_case("en")
        && !lang.eq_ignore_ascii_case("und");
    if tag {
        format!("<bdi lang=\"{lang}\">{text}</bdi>")
    } else {
        format!("<bdi>{text}</bdi>")
    }
}

/// "term (n), term (n)": counted terms of a profile, HTML-escaped.
fn counted_list(v: &[(String, usize)]) -> String {
    v.iter()
        .map(|(t, n)| format!("{} ({n})", escape(t)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The framing profiles table: sentiment, hedges, loaded terms, attribution verbs, quoted
/// sources and the four strongest frames of each outlet.
fn profiles_section(o: &mut String, cmp: &Comparison, meta: &ReportMeta) {
    let _ = writeln!(
        o,
        "<section id=\"profiles\"><h2>Framing profiles</h2><div class=\"table-wrap\"><table><tr><th>outlet</th><th>sentiment</th><th>hedges</th><th>loaded terms</th><th>attribution verbs</th><th>quoted</th><th>frames</th></tr>"
    );
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
            name(meta, &p.outlet),
            super::signed2(f64::from(p.sentiment)),
            p.hedge_count,
            counted_list(&p.loaded_terms),
            counted_list(&p.attribution_verbs),
            counted_list(&p.quoted_sources),
            frames.join(", ")
        );
    }
    let _ = writeln!(o, "</table></div></section>");
}

/// The outlets of a cluster's own members, by name.
fn outlets_of(cmp: &Comparison, c: &Cluster, meta: &ReportMeta) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for &m in &c.members {
        let n = meta.outlet_name(&cmp.claims[m].outlet);
        if !v.contains(&n) {
            v.push(n);
        }
    }
    v
}

/// The reader's mark of cluster `id` as a highlighted span, empty without one.
fn you(meta: &ReportMeta, id: usize) -> String {
    match meta.marks.get(&id) {
        Some(m) => format!(" <span class=\"you\">{}</span>", escape(&m.text)),
        None => String::new(),
    }
}

/// One shared or contrasting cluster: reasons, each outlet's version with its source, diffs.
fn cluster_card(o: &mut String, cmp: &Comparison, event: &Event, meta: &ReportMeta, c: &Cluster) {
    let kind = meta.kind_of(c);
    let n = cluster_number(c.id);
    let _ = writeln!(
        o,
        "<article class=\"cluster {}\" id=\"c{n}\"><h3><span class=\"k-{}\">{} {} #{n}</span> \
         <span class=\"dim\">{} outlets · similarity {:.2}</span>{}</h3><ul class=\"reasons\">",
        kind.as_str(),
        kind.as_str(),
        kind.glyph(),
        kind.as_str(),
        outlets_of(cmp, c, meta).len(),
        c.similarity,
        you(meta, c.id)
    );
    card_reasons(o, cmp, meta, c);
    let _ = writeln!(o, "</ul><div class=\"versions\">");
    for &m in &c.members {
        card_version(o, cmp, event, meta, (c.id, m));
    }
    let _ = writeln!(o, "</div>");
    card_diffs(o, cmp, meta, c);
    let _ = writeln!(o, "</article>");
}

/// The reason items of a cluster card: its reasons, the contrasts that dispute it, and where
/// each counterpart comes from.
fn card_reasons(o: &mut String, cmp: &Comparison, meta: &ReportMeta, c: &Cluster) {
    if let Some(lead) = super::overruled_reasons_lead(meta, c) {
        let _ = writeln!(o, "<li class=\"you\">{}</li>", escape(&lead));
    }
    for r in &c.reasons {
        let _ = writeln!(o, "<li>{}</li>", escape(r));
    }
    for &d in &c.disputed_by {
        let d = cluster_number(d);
        let _ = writeln!(
            o,
            "<li>disputed in <a href=\"#c{d}\">&#8800; contrasting #{d}</a>{}</li>",
            you(meta, d - 1)
        );
    }
    for &m in &c.counterparts {
        let home = cmp.claims[m].cluster;
        let h = cluster_number(home);
        let _ = writeln!(
            o,
            "<li>{} is a counterpart from <a href=\"#c{h}\">{} #{h}</a></li>",
            name(meta, &cmp.claims[m].outlet),
            cmp.clusters[home].kind.as_str()
        );
    }
}

/// One outlet's version of a cluster's fact: who, the claim, its source file and offsets.
/// A member the reader took out of the cluster says so under its source.
fn card_version(
    o: &mut String,
    cmp: &Comparison,
    event: &Event,
    meta: &ReportMeta,
    (cluster, m): (usize, usize),
) {
    let cl = &cmp.claims[m];
    let out = super::taken_out_line(cmp, meta, cluster, m)
        .map(|l| format!("<div class=\"you\">{}</div>", escape(&l)))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "<div class=\"version{}\"><div class=\"who\">{} <span class=\"det\">{}</span></div>\
         <blockquote>{}</blockquote><div class=\"src\"><code>{}</code> {}</div>{out}</div>",
        if out.is_empty() { "" } else { " out" },
        name(meta, &cl.outlet),
        escape(&meta.outlet_details(&cl.outlet)),
        claim_text(cl),
        escape(&super::shown_path(&claim_path(cmp, event, m))),
        escape(&super::claim_offsets(cmp, event, m, "–"))
    );
}

/// The informative word diffs of a cluster in a `<details>` block (nothing when none is).
fn card_diffs(o: &mut String, cmp: &Comparison, meta: &ReportMeta, c: &Cluster) {
    let diffs: Vec<_> = cluster_diffs(cmp, c.id)
        .into_iter()
        .filter(|(_, _, d)| super::diff_is_informative(d))
        .collect();
    if diffs.is_empty() {
        return;
    }
    let _ = writeln!(
        o,
        "<details><summary>Word differences (highlighted: only in that version; \
         underlined: in another place)</summary>"
    );
    for (l, r, d) in diffs {
        for (id, side) in [(l, &d.left), (r, &d.right)] {
            let _ = write!(
                o,
                "<p class=\"diff\"><b>{}</b>: ",
                name(meta, &cmp.claims[id].outlet)
            );
            diff_side(o, side);
            let _ = writeln!(o, "</p>");
        }
    }
    let _ = writeln!(o, "</details>");
}

/// One side of a word diff, runs marked: `<mark>` only in this version, `.moved` elsewhere.
fn diff_side(o: &mut String, side: &[crate::analysis::DiffToken]) {
    for (op, text) in super::diff_runs(side) {
        match op {
            DiffOp::Equal => o.push_str(&escape(&text)),
            DiffOp::Only => {
                let _ = write!(o, "<mark>{}</mark>", escape(&text));
            }
            DiffOp::Moved => {
                let _ = write!(o, "<span class=\"moved\">{}</span>", escape(&text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{claim_text, escape};

    #[test]
    fn a_claim_in_another_language_than_the_page_carries_its_lang() {
        let claim = |text: &str, lang: &str| crate::analysis::Claim {
            text: text.into(),
            language: lang.into(),
            ..Default::default()
        };
        assert_eq!(
            claim_text(&claim("Протасевич задержан.", "ru")),
            "<bdi lang=\"ru\">Протасевич задержан.</bdi>"
        );
        assert_eq!(
            claim_text(&claim("He was held.", "en")),
            "<bdi>He was held.</bdi>"
        );
        assert_eq!(claim_text(&claim("?", "und")), "<bdi>?</bdi>");
        assert_eq!(
            claim_text(&claim("<b>x</b>", "")),
            "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"
        );
        // a tag that is not one is never written into the attribute
        assert_eq!(claim_text(&claim("x", "ru\" onload=\"y")), "<bdi>x</bdi>");
    }

    /// Tester report 21, finding 11: right-to-left text (an Arabic claim or outlet name) is
    /// isolated, so it does not reorder the cluster tags and names around it.
    #[test]
    fn right_to_left_text_is_isolated() {
        let claim = crate::analysis::Claim {
            text: "قالت الحكومة إن المحادثات ستستأنف.".into(),
            language: "ar".into(),
            ..Default::default()
        };
        assert_eq!(
            claim_text(&claim),
            "<bdi lang=\"ar\">قالت الحكومة إن المحادثات ستستأنف.</bdi>"
        );
        assert_eq!(
            super::isolated("الجزيرة <b>"),
            "<bdi>الجزيرة &lt;b&gt;</bdi>"
        );
    }

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<b>\"a\" & 'b'\u{1b}[31m"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;"
        );
        assert_eq!(
            escape("Evil \u{1b}]52;c;aGVsbG8=\u{7} title \u{1b}[2J here"),
            "Evil  title  here"
        );
        assert_eq!(
            escape("a\u{202e}gnp.exe\u{202c} \u{2066}b\u{2069}"),
            "agnp.exe b"
        );
    }
}
