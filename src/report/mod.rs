//! [`Comparison`] -> JSON, Markdown or self-contained HTML.
//!
//! Reports are deterministic: the same corpus gives byte-identical output (ordered containers
//! only, floats rounded to four decimals). The JSON document is versioned and documented in
//! `docs/report-schema.md`.

pub mod annotated;
pub mod html;
pub mod json;
pub mod markdown;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::analysis::{ClusterKind, Comparison, WordDiff, word_diff};
use crate::corpus::{Corpus, Event, OutletInfo};

pub use annotated::render_annotated;
pub use json::{SCHEMA_VERSION, to_json, to_json_with};

/// Output formats of `framediff compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Html,
}

/// Renders a comparison in the given format.
pub fn render(cmp: &Comparison, event: &Event, format: Format) -> String {
    render_with(cmp, event, format, &ReportMeta::default())
}

/// Renders a comparison with what the corpus says about its outlets and texts.
pub fn render_with(cmp: &Comparison, event: &Event, format: Format, meta: &ReportMeta) -> String {
    match format {
        Format::Json => json::to_json_with(cmp, event, meta),
        Format::Markdown => markdown::to_markdown(cmp, event, meta),
        Format::Html => html::to_html(cmp, event, meta),
    }
}

/// What a report says beyond the comparison: who the outlets are (outlets.toml) and, for a
/// corpus of invented texts such as the sample, that they are illustrative.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    /// The label shown at the top of every report of an illustrative corpus.
    pub illustrative: Option<String>,
    pub outlets: BTreeMap<String, OutletInfo>,
    /// The reader's annotations by cluster id (`Cluster::id`), shown at the cluster and in
    /// the summary; empty without annotations ([`render_annotated`] fills it).
    pub marks: BTreeMap<usize, Mark>,
}

/// A reader's annotation as the report shows it at its cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// "✎ you: shared (analysis: contrasting)" ([`crate::annotations::ClusterAnnotation::mark`]).
    pub text: String,
    /// The reader's verdict when it is not the one the analysis gives now: the summary says
    /// the analysis' verdict was overruled, and a reader's `Contrasting` lists the cluster
    /// among the disagreements. `None` when the reader agreed or only wrote a note.
    pub overruled: Option<crate::analysis::ClusterKind>,
    /// The claims the reader took out of the cluster ("not part of this cluster"), ascending
    /// claim ids: each member line says so, and the summary lists the cluster.
    pub excluded: Vec<crate::analysis::ClaimId>,
}

/// "the reader took this claim (BBC News) out of this cluster" for member `m` of cluster
/// `cluster` when the reader took it out ([`Mark::excluded`]); `None` otherwise.
pub fn taken_out_line(
    cmp: &Comparison,
    meta: &ReportMeta,
    cluster: usize,
    m: crate::analysis::ClaimId,
) -> Option<String> {
    let mark = meta.marks.get(&cluster)?;
    let claim = cmp.claims.get(m)?;
    mark.excluded.contains(&m).then(|| {
        format!(
            "✎ the reader took this claim ({}) out of this cluster",
            meta.outlet_name(&claim.outlet)
        )
    })
}

/// The clusters the summary lists as overruled by the reader, by cluster id: a verdict the
/// reader set against the analysis', or members they took out; each as its mark followed by
/// "(took out: BBC News)" when members were taken out.
pub fn overruled_marks(cmp: &Comparison, meta: &ReportMeta) -> Vec<(usize, String)> {
    meta.marks
        .iter()
        .filter(|(_, m)| m.overruled.is_some() || !m.excluded.is_empty())
        .map(|(&id, m)| {
            let mut names: Vec<String> = Vec::new();
            for c in m.excluded.iter().filter_map(|&x| cmp.claims.get(x)) {
                let name = meta.outlet_name(&c.outlet);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let text = if names.is_empty() {
                m.text.clone()
            } else {
                format!("{} (took out: {})", m.text, names.join(", "))
            };
            (id, text)
        })
        .collect()
}

impl ReportMeta {
    /// The outlets of `corpus`, and the illustrative label if its README carries the marker.
    pub fn for_corpus(corpus: &Corpus) -> ReportMeta {
        ReportMeta {
            illustrative: illustrative_note(&corpus.root),
            outlets: corpus.outlets.clone(),
            marks: BTreeMap::new(),
        }
    }

    /// The kind a report files cluster `c` under: the reader's verdict when they overruled
    /// the analysis' ([`Mark::overruled`]: a verdict set, or members taken out until one
    /// outlet is left), else the analysis' (tester report 24, finding 5).
    pub fn kind_of(&self, c: &crate::analysis::Cluster) -> ClusterKind {
        self.marks
            .get(&c.id)
            .and_then(|m| m.overruled)
            .unwrap_or(c.kind)
    }

    /// "BBC News", else the id.
    pub fn outlet_name(&self, id: &str) -> String {
        self.outlets
            .get(id)
            .and_then(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// "GB · public broadcaster": country and lean when known.
    pub fn outlet_details(&self, id: &str) -> String {
        self.outlets
            .get(id)
            .map(|o| {
                [o.country.as_deref(), o.lean.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ")
            })
            .unwrap_or_default()
    }
}

/// The line a corpus README carries when its articles are invented for demonstration (the
/// sample corpus does): `<!-- framediff: illustrative -->`.
pub const ILLUSTRATIVE_MARKER: &str = "<!-- framediff: illustrative -->";

/// The label every view and export of such a corpus shows.
pub const ILLUSTRATIVE_LABEL: &str = "Illustrative text: articles written for framediff in each \
outlet's documented framing, not the outlets' own words.";

/// [`ILLUSTRATIVE_LABEL`] when the README.md of the corpus at `root` (or of a folder up to
/// three levels above, for an event folder opened on its own) has [`ILLUSTRATIVE_MARKER`].
pub fn illustrative_note(root: &Path) -> Option<String> {
    let dir = if root.is_file() { root.parent()? } else { root };
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    abs.ancestors()
        .take(4)
        .map(|d| d.join("README.md"))
        .find(|f| f.is_file())
        .and_then(|f| std::fs::read_to_string(f).ok())
        .filter(|t| t.lines().any(|l| l.trim() == ILLUSTRATIVE_MARKER))
        .map(|_| ILLUSTRATIVE_LABEL.to_string())
}

/// The event's title for a report's heading: its title, else (an event whose articles have
/// no headline) the name of the folder all its articles are in, else "Untitled event"; never
/// empty (an untitled event once gave a Markdown report whose first line was `# `).
pub fn heading(cmp: &Comparison, event: &Event) -> String {
    if !cmp.event_title.trim().is_empty() {
        return cmp.event_title.clone();
    }
    let mut dirs = event.articles.iter().map(|a| a.path.parent());
    let first = dirs.next().flatten();
    let name = first
        .filter(|d| dirs.all(|x| x == Some(*d)))
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_string())
        .filter(|n| !n.trim().is_empty() && n != "." && n != "..");
    match name {
        Some(n) => format!("Untitled event in {n}"),
        None => "Untitled event".to_string(),
    }
}

/// The number a person sees for cluster `id` (an index from 0): the TUI's "cluster 6", the
/// reports' "#6" and the JSON report's `number` are all `id + 1`.
pub fn cluster_number(id: usize) -> usize {
    id + 1
}

/// "8 outlets", or "8 outlets (9 articles)" when an outlet has several articles (each its own
/// column): the count of distinct outlets, as the event picker and `check` give it.
pub fn outlets_phrase(cmp: &Comparison) -> String {
    let mut ids: Vec<&str> = cmp.columns.iter().map(|c| c.outlet.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let n = ids.len();
    let mut s = format!("{n} {}", if n == 1 { "outlet" } else { "outlets" });
    if cmp.columns.len() > n {
        s.push_str(&format!(" ({} articles)", cmp.columns.len()));
    }
    s
}

/// How many shared clusters are shared only through copies of one source: a passage copied
/// between articles or syndicated copies of one article ([`crate::analysis::Cluster`]'s
/// `copied_passage` and `syndicated`). The summaries count them apart from facts several
/// outlets report independently (a new user's corroboration count inflated by a third,
/// session 16).
pub fn shared_through_copies(cmp: &Comparison) -> usize {
    cmp.clusters
        .iter()
        .filter(|c| c.kind == ClusterKind::Shared && (c.copied_passage || c.syndicated))
        .count()
}

/// " (7 only through copies of one source)" after a count of shared clusters, empty when
/// none is ([`shared_through_copies`]).
pub fn copies_note(cmp: &Comparison) -> String {
    match shared_through_copies(cmp) {
        0 => String::new(),
        n => format!(" ({n} only through copies of one source)"),
    }
}

/// How many clusters of `kind` a report shows: by the reader's verdict where they overruled
/// the analysis ([`ReportMeta::kind_of`]).
pub fn count_kind(cmp: &Comparison, meta: &ReportMeta, kind: ClusterKind) -> usize {
    cmp.clusters
        .iter()
        .filter(|c| meta.kind_of(c) == kind)
        .count()
}

/// After counts that follow the reader's verdicts: "; the analysis said 3 shared, 1
/// contrasting, 6 unique" when a verdict the reader gave changed them, else empty.
pub fn analysis_counts_note(cmp: &Comparison, meta: &ReportMeta) -> String {
    if !cmp.clusters.iter().any(|c| meta.kind_of(c) != c.kind) {
        return String::new();
    }
    let n = |k: ClusterKind| cmp.clusters.iter().filter(|c| c.kind == k).count();
    format!(
        " (as the reader has it; the analysis said {} shared, {} contrasting, {} unique)",
        n(ClusterKind::Shared),
        n(ClusterKind::Contrasting),
        n(ClusterKind::Unique)
    )
}

/// The line a report puts before the analysis' reasons of a cluster filed under the
/// reader's verdict instead: "the analysis said contrasting; the reader says shared; its
/// reasons were:". `None` when the report shows the analysis' verdict.
pub fn overruled_reasons_lead(meta: &ReportMeta, c: &crate::analysis::Cluster) -> Option<String> {
    let shown = meta.kind_of(c);
    (shown != c.kind).then(|| {
        format!(
            "the analysis said {}, the reader says {}; the analysis' reasons:",
            c.kind.as_str(),
            shown.as_str()
        )
    })
}

/// What a report says when no cluster is contrasting as the reader has it: that they
/// overruled the analysis' contrasts ("the reader overruled the analysis' contrasting #4"),
/// else [`no_contradiction_found`].
pub fn no_contrast_shown(cmp: &Comparison, meta: &ReportMeta) -> String {
    let overruled: Vec<String> = cmp
        .clusters
        .iter()
        .filter(|c| c.kind == ClusterKind::Contrasting && meta.kind_of(c) != c.kind)
        .map(|c| format!("#{}", cluster_number(c.id)))
        .collect();
    if overruled.is_empty() {
        return no_contradiction_found(cmp);
    }
    format!(
        "the reader overruled the analysis' contrasting {}",
        overruled.join(", ")
    )
}

/// What a report says when no cluster is contrasting: what framediff found, never a claim
/// about the outlets (a wrong "contrasting" is the worst error, so the engine leaves a pair
/// it is unsure of as related context; tester report 22, finding 2). "framediff found no
/// contradiction it is sure of; 3 pairs are shown as related context."
pub fn no_contradiction_found(cmp: &Comparison) -> String {
    let head = "framediff found no contradiction it is sure of";
    match cmp.related.len() {
        0 => format!("{head}."),
        1 => format!("{head}; 1 pair is shown as related context."),
        n => format!("{head}; {n} pairs are shown as related context."),
    }
}

/// What a report and the TUI say of an event only one outlet reports (tester report 15,
/// item 23g): there are no others to leave anything out.
pub const NOTHING_TO_COMPARE: &str = "nothing to compare";

/// Whether the comparison holds one outlet (one article or several of it): its claims have
/// nothing to be compared with.
pub fn single_outlet(cmp: &Comparison) -> bool {
    cmp.columns
        .iter()
        .all(|c| cmp.columns.first().is_some_and(|f| f.outlet == c.outlet))
}

/// Whether some outlet has several articles (columns) in the comparison.
pub fn has_repeated_outlet(cmp: &Comparison) -> bool {
    cmp.columns
        .iter()
        .enumerate()
        .any(|(i, c)| cmp.columns[..i].iter().any(|d| d.outlet == c.outlet))
}

/// The reasons of `cluster`, with the outlets of "shared by", "only in", "disputed by" and
/// "disputes a claim shared by" named per article by `label` (a column index to its name)
/// when an outlet has several articles in the event: the analysis counts such an outlet once
/// ("Good Outlet (2 articles)"), which cannot say which of its articles is in the cluster
/// and which is not. Other reasons, and every reason of an event without such an outlet,
/// are kept as the analysis wrote them.
pub fn reasons_by_article(
    cmp: &Comparison,
    cluster: &crate::analysis::Cluster,
    label: &dyn Fn(usize) -> String,
) -> Vec<String> {
    if !has_repeated_outlet(cmp) {
        return cluster.reasons.clone();
    }
    let list = |ids: &mut dyn Iterator<Item = usize>| -> String {
        let mut cols: Vec<usize> = Vec::new();
        for c in ids.filter_map(|m| cmp.claims.get(m)).map(|c| c.column) {
            if !cols.contains(&c) {
                cols.push(c);
            }
        }
        cols.into_iter().map(label).collect::<Vec<_>>().join(", ")
    };
    let own = |id: usize| {
        cmp.clusters
            .get(id)
            .map(|c| c.own_members().collect::<Vec<_>>())
    };
    let mut disputers = cluster.disputed_by.iter().filter_map(|&d| own(d));
    let mut homes: Vec<usize> = cluster
        .counterparts
        .iter()
        .filter_map(|&m| cmp.claims.get(m).map(|c| c.cluster))
        .collect();
    homes.sort_unstable();
    homes.dedup();
    let mut homes = homes.into_iter().filter_map(own);
    let rewrite = |r: &String, prefix: &str, ids: Option<Vec<usize>>| {
        ids.map_or_else(
            || r.clone(),
            |ids| format!("{prefix}{}", list(&mut ids.into_iter())),
        )
    };
    cluster
        .reasons
        .iter()
        .map(|r| match r {
            r if r.starts_with("shared by ") => {
                rewrite(r, "shared by ", Some(cluster.members.clone()))
            }
            r if r.starts_with("only in ") => {
                rewrite(r, "only in ", Some(cluster.own_members().collect()))
            }
            r if r.starts_with("disputed by ") => rewrite(r, "disputed by ", disputers.next()),
            r if r.starts_with("disputes a claim ") => {
                let verb = if r.starts_with("disputes a claim shared by ") {
                    "disputes a claim shared by "
                } else {
                    "disputes a claim reported by "
                };
                rewrite(r, verb, homes.next())
            }
            r => r.clone(),
        })
        .collect()
}

/// "1 claim", "3 claims".
pub fn plural_claims(n: usize) -> String {
    if n == 1 {
        "1 claim".to_string()
    } else {
        format!("{n} claims")
    }
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

/// Claims longer than this many bytes get no word diff in reports: a 5 MB run-on "sentence"
/// made a 192 MB JSON report of diff tokens (tester report 14, item 12). Sentences over
/// 4 KB are already kept whole rather than split into clauses; 4 KB is that bound.
pub const MAX_DIFF_BYTES: usize = 4096;

/// Claims quoted in Markdown and HTML reports are cut after this many bytes, the report
/// saying how much is left out (the JSON report keeps the whole text).
pub const MAX_QUOTE_BYTES: usize = 2000;

/// Word diffs of a cluster: its first member against each other member; in a contrasting
/// cluster its first own claim (the dissent) against its counterparts first (the claims it
/// contradicts), then against the other members. Pairs with a claim longer than
/// [`MAX_DIFF_BYTES`] are left out.
pub fn cluster_diffs(cmp: &Comparison, cluster: usize) -> Vec<(usize, usize, WordDiff)> {
    let Some(c) = cmp.clusters.get(cluster) else {
        return Vec::new();
    };
    let dissent = (c.kind == crate::analysis::ClusterKind::Contrasting)
        .then(|| c.own_members().next())
        .flatten();
    let Some(first) = dissent.or_else(|| c.members.first().copied()) else {
        return Vec::new();
    };
    let counterparts = c.counterparts.iter().copied().filter(|_| dissent.is_some());
    let others = c
        .members
        .iter()
        .copied()
        .filter(|m| dissent.is_none() || !c.counterparts.contains(m));
    let short = |m: usize| cmp.claims[m].text.len() <= MAX_DIFF_BYTES;
    counterparts
        .chain(others)
        .filter(|&m| m != first && short(m) && short(first))
        .map(|m| {
            (
                first,
                m,
                word_diff(&cmp.claims[first].text, &cmp.claims[m].text),
            )
        })
        .collect()
}

/// A claim's text as Markdown and HTML reports quote it: whole up to [`MAX_QUOTE_BYTES`],
/// else its start and "… [N more bytes left out]".
pub fn quoted(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_QUOTE_BYTES {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut end = MAX_QUOTE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!(
        "{}… [{} more bytes left out]",
        &text[..end],
        text.len() - end
    ))
}

/// The source path of a claim's article, as loaded.
pub fn claim_path(cmp: &Comparison, event: &Event, claim: usize) -> String {
    column_path(event, &cmp.columns[cmp.claims[claim].column])
}

/// Where claim `claim` sits in its file, after the path: "bytes 12..80" when the offsets are
/// the file's own (Markdown, plain text); for a record of a JSON/JSON Lines file "line 3:
/// bytes 12..80 of the record's `body` text"; for HTML "bytes 12..80 of the text extracted
/// from the markup" (offsets into the article body as loaded, not into the file).
/// `range` joins the two offsets ("..", or "–" in HTML).
pub fn claim_offsets(cmp: &Comparison, event: &Event, claim: usize, range: &str) -> String {
    use crate::corpus::TextOrigin;
    let c = &cmp.claims[claim];
    let bytes = format!("bytes {}{range}{}", c.start, c.end);
    let article = event.articles.get(cmp.columns[c.column].article);
    match article.map(|a| &a.origin) {
        Some(TextOrigin::Field { field, line }) => {
            format!("line {line}: {bytes} of the record's `{field}` text")
        }
        Some(TextOrigin::Extracted) => format!("{bytes} of the text extracted from the markup"),
        Some(TextOrigin::Verbatim { .. }) | None => bytes,
    }
}

/// `s` as one Markdown code span (CommonMark, "Code spans"): fenced by one backtick more than
/// the longest run of backticks in `s`, with a space inside each fence when `s` starts or
/// ends with a backtick or is wrapped in spaces (a renderer strips one space on each side),
/// so a backtick in a file name neither closes the span early nor is lost. Text with no
/// backtick is fenced by one backtick, as before: `` `a.md` ``. The text is not otherwise
/// escaped (a table cell's `|` is the caller's).
pub fn code_span(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let spaced = s.starts_with(' ') && s.ends_with(' ') && s.chars().any(|c| c != ' ');
    let pad = if s.starts_with('`') || s.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A file's path as Markdown and HTML reports print it: control characters escaped visibly
/// as `framediff check` prints them (`esc\u{1b}[31mname\nnewline.md`), and bidi controls
/// the same way, so the text printed names the file and a newline in a name never breaks a
/// table row (tester report 24, finding 9). JSON keeps the true path.
pub fn shown_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || crate::ui::sanitize::is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// The path of the article behind an outlet column (empty when the event lacks it).
pub fn column_path(event: &Event, col: &crate::analysis::OutletColumn) -> String {
    event
        .articles
        .get(col.article)
        .map(|a| a.path.display().to_string())
        .unwrap_or_default()
}

/// The file name stem of an exported report of event `id`: every character but letters,
/// digits, `-` and `_` made `_`; "event" for an empty id.
pub fn export_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "event".to_string()
    } else {
        stem
    }
}

/// The stem under which the reports of `event` are exported to `dir`: `stem` itself, unless
/// `dir` holds `<stem>.json` of another corpus's event with the same id (event ids are dated
/// folder names, which two corpora, or a corpus and its working copy, share); then `stem-2`,
/// `stem-3`, …, the first that is free or holds an export of this event. An export is
/// another corpus's when its `outlets[].path` name none of `event`'s article files (compared
/// resolved on disk where they exist); a `<stem>.json` that does not parse as a report is
/// left alone too. Never overwrites another corpus's report.
pub fn export_name(dir: &Path, stem: &str, event: &Event) -> String {
    let resolve = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let ours: Vec<PathBuf> = event.articles.iter().map(|a| resolve(&a.path)).collect();
    let of_this_event = |json: &Path| -> bool {
        let Ok(text) = std::fs::read_to_string(json) else {
            return false;
        };
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(&text) else {
            return false;
        };
        doc["outlets"].as_array().is_some_and(|outlets| {
            outlets
                .iter()
                .filter_map(|o| o["path"].as_str())
                .any(|p| ours.contains(&resolve(Path::new(p))))
        })
    };
    (1..)
        .map(|n| match n {
            1 => stem.to_string(),
            n => format!("{stem}-{n}"),
        })
        .find(|s| {
            let json = dir.join(format!("{s}.json"));
            !json.exists() || of_this_event(&json)
        })
        .unwrap_or_else(|| stem.to_string())
}

/// Rounds to four decimals so reports do not depend on float printing noise.
pub fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod code_span_tests {
    use super::code_span;

    /// The text of the first code span of `md` as CommonMark reads it: the fence is the run
    /// of backticks it opens with, closed by the next run of the same length; one space on
    /// each side is stripped when both are there and the text is not all spaces.
    fn span_text(md: &str) -> Option<String> {
        let open = md.find('`')?;
        let n = md[open..].chars().take_while(|&c| c == '`').count();
        let rest = &md[open + n..];
        let mut i = 0;
        let b = rest.as_bytes();
        while i < b.len() {
            if b[i] == b'`' {
                let run = rest[i..].chars().take_while(|&c| c == '`').count();
                if run == n {
                    let t = &rest[..i];
                    let strip = t.len() >= 2
                        && t.starts_with(' ')
                        && t.ends_with(' ')
                        && t.chars().any(|c| c != ' ');
                    return Some(if strip {
                        t[1..t.len() - 1].to_string()
                    } else {
                        t.to_string()
                    });
                }
                i += run;
            } else {
                i += 1;
            }
        }
        None
    }

    /// Session 24's leftover: a path with a backtick kept its single-backtick fence and
    /// broke the span (or, in "Files left out", lost the backtick to a quote mark).
    #[test]
    fn a_backtick_in_a_path_neither_breaks_its_code_span_nor_is_lost() {
        for path in [
            "news/a`b.md",
            "news/``two``.md",
            "`lead.md",
            "trail`",
            "` both `",
            " spaced ",
            "plain/cnn.md",
        ] {
            let md = format!("see {} here", code_span(path));
            assert_eq!(span_text(&md).as_deref(), Some(path), "{md}");
        }
        // text with no backtick is fenced as before
        assert_eq!(code_span("news/cnn.md"), "`news/cnn.md`");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }
}

#[cfg(test)]
mod heading_tests {
    use super::*;
    use crate::analysis::{CompareOptions, compare};

    fn event(dir: &str, title: &str) -> Event {
        let arts: Vec<_> = ["a", "b"]
            .iter()
            .map(|o| {
                let path = format!("{dir}/{o}.md");
                let mut a = crate::cache::grouping::tests::article(&path, o, "Messi joined PSG.");
                a.title = String::new();
                a
            })
            .collect();
        Event::of_articles("auto-untitled", title, arts)
    }

    /// Tester report 24, finding 9: a file name with an escape sequence and a newline.
    #[test]
    fn a_path_with_control_characters_is_printed_escaped_on_one_line() {
        assert_eq!(
            shown_path("rb/ev/esc\u{1b}[31mname\nnewline.md"),
            "rb/ev/esc\\u{1b}[31mname\\nnewline.md"
        );
        assert_eq!(
            shown_path("a\u{202e}b\u{9b}c\td"),
            "a\\u{202e}b\\u{9b}c\\td"
        );
        assert_eq!(
            shown_path("corpus/ev/bbc news é.md"),
            "corpus/ev/bbc news é.md"
        );
    }

    #[test]
    fn an_untitled_event_is_named_by_its_folder_never_empty() {
        // tester s16 item 30: `compare c3/transfer` began with "# "
        let ev = event("c3/transfer", "");
        let cmp = compare(&ev, &CompareOptions::default());
        assert_eq!(heading(&cmp, &ev), "Untitled event in transfer");
        let md = render(&cmp, &ev, Format::Markdown);
        assert!(md.starts_with("# Untitled event in transfer\n"), "{md}");
        let titled = event("c3/transfer", "Messi joins PSG");
        let cmp = compare(&titled, &CompareOptions::default());
        assert_eq!(heading(&cmp, &titled), "Messi joins PSG");
        let mut two = event("x", "");
        let other = crate::cache::grouping::tests::article("y/c.md", "c", "Messi joined PSG.");
        two.articles.push(other.into());
        let cmp = compare(&two, &CompareOptions::default());
        assert_eq!(heading(&cmp, &two), "Untitled event");
    }
}
