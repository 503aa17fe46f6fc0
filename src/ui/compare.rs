//! The Compare screen: one column per outlet and the diff pane of the selected cluster.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::HitMap;
use super::text::{clip_lines, safe, truncate, wrap};
use super::theme::Theme;
use crate::analysis::{Claim, ClaimId, ClusterKind, Comparison, DiffOp, DiffToken};
use crate::app::{AppState, Overlay, Pane, PickerMode, Target, layout};

/// Draws the Compare screen: the columns and, unless hidden, the diff pane.
pub fn draw(area: Rect, buf: &mut Buffer, state: &AppState, hits: &mut HitMap) {
    let Some(cmp) = state.comparison() else {
        placeholder(area, buf, state);
        return;
    };
    let areas = layout::compare_areas(area, state.compare.diff, state.config.min_column_width);
    let (cols, diff) = (areas.columns, areas.diff);
    if let Some(a) = cols {
        columns(a, buf, state, cmp, hits);
    }
    if let Some(a) = diff {
        diff_pane(a, buf, state, cmp, hits);
    }
}

/// What the body shows before a comparison exists.
fn placeholder(area: Rect, buf: &mut Buffer, state: &AppState) {
    let theme = &state.config.theme;
    let mut lines: Vec<Line<'_>> = vec![Line::raw("")];
    if let Some(e) = &state.corpus_error {
        lines.push(Line::styled(
            "The corpus could not be loaded.",
            theme.error(),
        ));
        lines.push(Line::from(safe(e, theme.base())));
    } else if let Some(err) = state
        .event_id
        .as_ref()
        .and_then(|id| state.analysis_errors.get(id))
    {
        lines.push(Line::styled(
            "The analysis of this event failed:",
            theme.error(),
        ));
        lines.push(Line::from(safe(err, theme.base())));
    } else if let Some(b) = &state.busy {
        lines.push(Line::styled(format!("{}…", b.label), theme.accent()));
        lines.push(Line::styled(
            "Keys work meanwhile: ? help, q quit.",
            theme.dim(),
        ));
    } else if state.corpus.as_ref().is_some_and(|c| c.events.is_empty()) {
        lines.push(Line::styled(
            "This corpus has no events. The Problems screen (!) says why.",
            theme.warning(),
        ));
    } else if state.corpus.is_some() && !event_picker_open(state) {
        lines.push(Line::styled(
            "Press : (or Ctrl-p) to pick an event, ? for help.",
            theme.accent(),
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .centered()
        .render(area, buf);
}

/// Whether the event picker is open (then no line tells the user to open it).
pub(super) fn event_picker_open(state: &AppState) -> bool {
    matches!(&state.overlay, Some(Overlay::Picker(p)) if p.mode == PickerMode::Events)
}

/// One column's rows: fixed header lines, then claim lines tagged with their claim.
struct ColumnLines<'a> {
    header: Vec<Line<'a>>,
    body: Vec<(Line<'a>, ClaimId)>,
    /// Whether `body` starts at the column's first claim / ends at its last.
    at_start: bool,
    at_end: bool,
}

fn columns(area: Rect, buf: &mut Buffer, state: &AppState, cmp: &Comparison, hits: &mut HitMap) {
    let theme = &state.config.theme;
    let shown = state.shown_columns(cmp, area.width);
    if shown.is_empty() {
        return;
    }
    let visible = state.visible_columns(cmp);
    // Pinned outlets come first in `visible`; the others before the first one shown are
    // scrolled off to the left.
    let pinned = visible
        .iter()
        .take_while(|&&c| state.compare.pinned.contains(&cmp.columns[c].outlet))
        .count();
    let left_more = shown
        .iter()
        .skip(pinned)
        .filter_map(|c| visible.iter().position(|v| v == c))
        .min()
        .map_or(0, |p| p.saturating_sub(pinned));
    let last_pos = shown
        .iter()
        .filter_map(|c| visible.iter().position(|v| v == c))
        .max()
        .unwrap_or(0);
    let right_more = visible.len().saturating_sub(last_pos + 1);

    let rects = Layout::horizontal(shown.iter().map(|_| Constraint::Fill(1))).split(area);
    let sel = state.compare.selected.and_then(|s| cmp.claims.get(s));
    let sel_cluster = sel.map(|c| c.cluster);
    // the selected claim's cluster, counterparts included (a dissent shows the claim it
    // contradicts, which belongs to a shared cluster)
    let in_sel_cluster = |id: ClaimId| {
        sel_cluster
            .and_then(|c| cmp.clusters.get(c))
            .is_some_and(|c| c.members.contains(&id))
    };
    // Every column's claims start on the same row, so counterparts line up.
    let header_rows = shown
        .iter()
        .zip(rects.iter())
        .map(|(&col, r)| {
            let w = r.width.saturating_sub(2) as usize;
            let headline = super::sanitize::clean(&cmp.columns[col].headline).into_owned();
            wrap(&[Span::raw(headline)], w, Span::raw(""), Span::raw(""))
                .len()
                .min(2)
                + 1
        })
        .max()
        .unwrap_or(1);
    for (i, (&col, &rect)) in shown.iter().zip(rects.iter()).enumerate() {
        let focused = col == state.compare.focus_col && state.compare.pane == Pane::Columns;
        let column = &cmp.columns[col];
        // two columns of one outlet (or of two outlets with one name) read apart by file
        let name = column_label(state, cmp, col);
        let info = state
            .corpus
            .as_ref()
            .and_then(|c| c.outlets.get(&column.outlet));
        let mut title = format!("{} {}", col + 1, name);
        if state.compare.pinned.contains(&column.outlet) {
            title.push_str(" ◆");
        }
        if let Some(country) = info.and_then(|o| o.country.as_deref()) {
            title.push_str(&format!(" · {country}"));
        }
        if let Some(lean) = info.and_then(|o| o.lean.as_deref()) {
            title.push_str(&format!(" · {lean}"));
        }
        let mut title_w = rect.width.saturating_sub(2) as usize;
        let mut block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(focused));
        if i == 0 && left_more > 0 {
            block = block.title(Span::styled(format!("◀{left_more}"), theme.accent()));
            title_w = title_w.saturating_sub(3);
        }
        if i + 1 == shown.len() && right_more > 0 {
            block = block.title(
                Line::from(Span::styled(format!("{right_more}▶"), theme.accent())).right_aligned(),
            );
            title_w = title_w.saturating_sub(3);
        }
        block = block.title(safe_title(&title, title_w, theme, focused));
        let inner = block.inner(rect);
        block.render(rect, buf);
        hits.add(rect, Target::Column(col));
        if inner.width < 4 || inner.height < 2 {
            continue;
        }
        // Only the claims around the anchor are laid out: a column can hold thousands.
        let anchor = anchor_claim(state, cmp, col, sel);
        let window = (inner.height as usize).max(1);
        // The last cell of each row is kept for the ▲/▼ scroll markers, so they never cover
        // a letter of the text.
        let text_w = inner.width.saturating_sub(1) as usize;
        let lines = column_lines(state, cmp, col, text_w, theme, anchor, window);
        let header_h = (header_rows as u16).min(inner.height.saturating_sub(1));
        for (row, line) in lines.header.into_iter().take(header_h as usize).enumerate() {
            buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
        }
        let body_area = Rect::new(
            inner.x,
            inner.y + header_h,
            inner.width,
            inner.height - header_h,
        );
        // Anchor: the selected claim, its counterpart here, or the same relative position,
        // a third of the way down, so counterparts line up across columns.
        let h = body_area.height as usize;
        let total = lines.body.len();
        let anchor_line = anchor
            .and_then(|a| lines.body.iter().position(|(_, id)| *id == a))
            .unwrap_or(0);
        let mut top = anchor_line.saturating_sub(h / 3);
        if lines.at_end {
            top = top.min(total.saturating_sub(h));
        }
        for (row, (line, id)) in lines.body.iter().skip(top).take(h).enumerate() {
            let y = body_area.y + row as u16;
            let c = cmp.claims.get(*id);
            let style = if Some(*id) == state.compare.selected {
                Some(theme.selection())
            } else if c.is_some() && in_sel_cluster(*id) {
                Some(theme.counterpart())
            } else {
                None
            };
            let r = Rect::new(body_area.x, y, body_area.width, 1);
            if let Some(s) = style {
                buf.set_style(r, s);
            }
            buf.set_line(body_area.x, y, line, body_area.width);
            hits.add(r, Target::Claim(*id));
        }
        if top > 0 || !lines.at_start {
            buf.set_string(body_area.right() - 1, body_area.y, "▲", theme.dim());
        }
        if top + h < total || !lines.at_end {
            buf.set_string(
                body_area.right() - 1,
                body_area.bottom() - 1,
                "▼",
                theme.dim(),
            );
        }
    }
}

fn safe_title<'a>(title: &str, width: usize, theme: &Theme, focused: bool) -> Span<'a> {
    let clean = super::sanitize::clean(title);
    let style = if focused {
        theme.accent()
    } else {
        theme.title()
    };
    Span::styled(truncate(&clean, width), style)
}

fn anchor_claim(
    state: &AppState,
    cmp: &Comparison,
    col: usize,
    sel: Option<&Claim>,
) -> Option<ClaimId> {
    let sel = sel?;
    let claims = state.column_claims(cmp, col);
    if col == sel.column {
        return Some(sel.id);
    }
    let members = cmp.clusters.get(sel.cluster).map(|c| c.members.as_slice());
    if let Some(&c) = claims
        .iter()
        .find(|&&id| members.is_some_and(|m| m.contains(&id)))
    {
        return Some(c);
    }
    let own = cmp.columns.get(sel.column)?.claims.len().max(1);
    let theirs = cmp.columns.get(col)?.claims.len();
    let target = sel.sentence_index * theirs / own;
    claims.iter().copied().min_by_key(|&id| {
        cmp.claims
            .get(id)
            .map_or(usize::MAX, |c| c.sentence_index.abs_diff(target))
    })
}

/// The claim count in a column header: "3 claims", "1 claim"; when the kind filter leaves
/// none, says which kinds were asked for ("no contrasting claims"), so an empty column
/// explains itself.
fn claim_count_label(n: usize, filter: crate::app::KindFilter) -> String {
    let kinds = filter.kinds();
    if n > 0 || kinds.is_empty() {
        return format!("{n} claim{}", if n == 1 { "" } else { "s" });
    }
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    format!("no {} claims", names.join(" or "))
}

/// A column's line under its headline, "3 claims · 2013-05-03 · news · en", in `width`
/// cells: the kind, then the date are left out before the language is cut, so every column
/// keeps its language as long as the count and it fit ("no contrasting claims · en").
fn column_meta(count: String, article: Option<&crate::corpus::Article>, width: usize) -> String {
    let date = article.and_then(|a| a.date).map(|d| d.to_string());
    let kind = article
        .and_then(|a| a.kind)
        .map(|k| format!("{k:?}").to_lowercase());
    let lang = article.and_then(|a| a.language.clone());
    let join = |parts: [&Option<String>; 3]| {
        let mut all = vec![count.clone()];
        all.extend(parts.into_iter().flatten().cloned());
        super::sanitize::clean(&all.join(" · ")).into_owned()
    };
    let none = None;
    let fits = |s: &String| unicode_width::UnicodeWidthStr::width(s.as_str()) <= width;
    [
        join([&date, &kind, &lang]),
        join([&date, &none, &lang]),
        join([&none, &none, &lang]),
    ]
    .into_iter()
    .find(fits)
    .unwrap_or_else(|| truncate(&join([&date, &kind, &lang]), width))
}

/// Lays out a column: header lines, then the claims within `window` claims of `anchor`
/// (each claim takes at least one line, so that covers every line that can be on screen).
fn column_lines<'a>(
    state: &AppState,
    cmp: &'a Comparison,
    col: usize,
    width: usize,
    theme: &Theme,
    anchor: Option<ClaimId>,
    window: usize,
) -> ColumnLines<'a> {
    let column = &cmp.columns[col];
    let mut header: Vec<Line<'a>> = wrap(
        &[safe(&column.headline, theme.title())],
        width,
        Span::raw(""),
        Span::raw(""),
    );
    clip_lines(&mut header, 2, width);
    let article = state.event().and_then(|e| e.articles.get(column.article));
    let claims = state.column_claims(cmp, col);
    let count = claim_count_label(claims.len(), state.compare.filter);
    header.push(Line::from(Span::styled(
        column_meta(count, article.map(|a| &**a), width),
        theme.dim(),
    )));
    let at = anchor
        .and_then(|a| claims.iter().position(|&c| c == a))
        .unwrap_or(0);
    let first = at.saturating_sub(window);
    let last = (at + window + 1).min(claims.len());
    let (at_start, at_end) = (first == 0, last == claims.len());
    let mut body = Vec::new();
    for &id in &claims[first..last] {
        let Some(c) = cmp.claims.get(id) else {
            continue;
        };
        // a claim the reader took out of its cluster is a claim of its own (`+`)
        let Some(kind) = state.claim_kind(cmp, c.id) else {
            continue;
        };
        let annotated = cmp
            .clusters
            .get(c.cluster)
            .is_some_and(|cl| state.annotations.find(cmp, cl).is_some());
        // "= text", or "=✎ text": the mark never glued to the claim
        let (prefix, indent) = if annotated {
            (format!("{}✎ ", kind.glyph()), "   ")
        } else {
            (format!("{} ", kind.glyph()), "  ")
        };
        let runs = claim_runs(c, theme);
        for line in wrap(
            &runs,
            width,
            Span::styled(prefix, theme.kind(kind)),
            Span::raw(indent),
        ) {
            body.push((line, id));
        }
    }
    ColumnLines {
        header,
        body,
        at_start,
        at_end,
    }
}

/// A claim's text split at its framing cues, each cue styled; offsets are checked.
pub(crate) fn claim_runs<'a>(c: &'a Claim, theme: &Theme) -> Vec<Span<'a>> {
    let text = c.text.as_str();
    let mut cues: Vec<_> = c
        .cues
        .iter()
        .filter(|q| q.start < q.end && text.get(q.start..q.end).is_some())
        .collect();
    cues.sort_by_key(|q| q.start);
    let mut runs = Vec::new();
    let mut pos = 0;
    for q in cues {
        if q.start < pos {
            continue;
        }
        if let Some(before) = text.get(pos..q.start)
            && !before.is_empty()
        {
            runs.push(safe(before, theme.base()));
        }
        if let Some(cue) = text.get(q.start..q.end) {
            runs.push(safe(cue, theme.cue(q.kind)));
        }
        pos = q.end;
    }
    if let Some(rest) = text.get(pos..)
        && !rest.is_empty()
    {
        runs.push(safe(rest, theme.base()));
    }
    runs
}

/// Diff tokens carry their trailing whitespace (concatenated they give the claim back); the
/// style covers the word only, so underlines do not run into the gaps.
fn diff_runs<'a>(tokens: &'a [DiffToken], theme: &Theme) -> Vec<Span<'a>> {
    let mut runs = Vec::new();
    for t in tokens {
        let style = match t.op {
            DiffOp::Equal => theme.dim(),
            DiffOp::Only => theme.diff_only(),
            DiffOp::Moved => theme.diff_moved(),
        };
        let word = t.text.trim_end();
        if !word.is_empty() {
            runs.push(safe(word, style));
        }
        if let Some(gap) = t.text.get(word.len()..)
            && !gap.is_empty()
        {
            runs.push(safe(gap, theme.base()));
        }
    }
    runs
}

fn diff_pane(area: Rect, buf: &mut Buffer, state: &AppState, cmp: &Comparison, hits: &mut HitMap) {
    let theme = &state.config.theme;
    let focused = state.compare.pane == Pane::Diff;
    let sel = state.compare.selected.and_then(|s| cmp.claims.get(s));
    let cluster = sel.and_then(|c| cmp.clusters.get(c.cluster));
    let mut title = vec![Span::styled(" Diff ", theme.border(focused))];
    if let (Some(cl), Some(kind)) = (
        cluster,
        cluster.and_then(|c| state.effective_kind(cmp, c.id)),
    ) {
        title.push(Span::styled(
            format!("{} {} ", kind.glyph(), kind.as_str()),
            theme.kind(kind),
        ));
        title.push(Span::styled(
            format!("· cluster {} ", crate::report::cluster_number(cl.id)),
            theme.dim(),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Line::from(title));
    let inner = block.inner(area);
    block.render(area, buf);
    hits.add(area, Target::DiffPane);
    let Some(content) = diff_content(state, cmp, inner.width as usize) else {
        Paragraph::new(Line::styled("No claim selected.", theme.dim())).render(inner, buf);
        return;
    };
    // When everything does not fit in an unfocused pane, the versions matter more than the
    // cue lists: those show when the pane is focused (Tab) or maximised (z).
    let d = state.compare.diff;
    let h = inner.height as usize;
    let drop_cues = content.lines.len() > h && !focused && !d.maximised;
    let rows: Vec<usize> = (0..content.lines.len())
        .filter(|i| !(drop_cues && content.cue_rows.contains(i)))
        .collect();
    // Still too tall: every outlet's version keeps at least one line (cut with "…"), so the
    // sides of a contrast are all visible at 80x24; Tab or z shows everything.
    let fit = if drop_cues && rows.len() > h {
        let (versions, related) = content.owners.split_at(content.versions);
        fit_rows(&rows, versions, related, content.why, h)
    } else {
        Fit {
            rows: rows.into_iter().map(Some).collect(),
            cut: Vec::new(),
            more: 0,
        }
    };
    let (rows, cut) = (fit.rows, fit.cut);
    let scroll = d.scroll.min(rows.len().saturating_sub(h));
    for (row, &i) in rows.iter().skip(scroll).take(h).enumerate() {
        let y = inner.y + row as u16;
        let Some(i) = i else {
            let more = format!("  … {} more (z shows all)", fit.more);
            buf.set_string(inner.x, y, more, theme.dim());
            continue;
        };
        buf.set_line(inner.x, y, &content.lines[i], inner.width);
        if cut.contains(&i) && inner.width > 0 {
            // Right after the text, so a short line does not look like a gap before missing text.
            let w = u16::try_from(content.lines[i].width()).unwrap_or(u16::MAX);
            buf.set_string(inner.x + w.min(inner.width - 1), y, "…", theme.dim());
        }
        // A click on an outlet's version selects that claim.
        if let Some((_, id)) = content.owners.iter().find(|(r, _)| r.contains(&i)) {
            hits.add(Rect::new(inner.x, y, inner.width, 1), Target::Claim(*id));
        }
    }
    if scroll + h < rows.len() {
        buf.set_string(inner.right() - 1, inner.bottom() - 1, "▼", theme.dim());
    }
    if rows.iter().flatten().count() < content.lines.len() {
        cut_hint(area, buf, theme);
    }
}

/// Says on the pane's bottom border that lines were left out to fit, and how to see them.
fn cut_hint(area: Rect, buf: &mut Buffer, theme: &Theme) {
    const HINT: &str = " some lines left out: z shows all ";
    let w = u16::try_from(HINT.chars().count()).unwrap_or(u16::MAX);
    if area.height >= 2 && area.width >= w + 4 {
        buf.set_string(area.right() - w - 2, area.bottom() - 1, HINT, theme.dim());
    }
}

/// What [`fit_rows`] keeps: the rows, in order, with `None` where "… N more" stands for the
/// versions left out; the rows after which a block was cut; N.
struct Fit {
    rows: Vec<Option<usize>>,
    cut: Vec<usize>,
    more: usize,
}

/// Chooses `h` of `rows`: the verdict's first row, the reasons' first row (`why`, the reason
/// of the verdict, tester s16 item 22), then one row per version (outlet) block in order;
/// when not every version gets one, the last row says "… N more" instead. Then the verdict
/// and reasons blocks in full, the other blocks (outlets left out, related context) one row
/// each, the versions the rest, the other blocks the rest. Returns the rows kept in order.
/// `related` gives the rows of each related claim, so that a block whose own lines are all
/// kept (a "not in" list) is not marked cut when only a related claim after it is.
fn fit_rows(
    rows: &[usize],
    owners: &[(std::ops::Range<usize>, ClaimId)],
    related: &[(std::ops::Range<usize>, ClaimId)],
    why: Option<usize>,
    h: usize,
) -> Fit {
    // Blocks: (owner?, rows).
    let mut blocks: Vec<(bool, Vec<usize>)> = Vec::new();
    let mut last_owner: Option<usize> = None;
    for &r in rows {
        let owner = owners.iter().position(|(range, _)| range.contains(&r));
        match blocks.last_mut() {
            Some((_, v)) if owner == last_owner && !v.is_empty() => v.push(r),
            _ => blocks.push((owner.is_some(), vec![r])),
        }
        last_owner = owner;
    }
    let mut keep: std::collections::BTreeSet<usize> = Default::default();
    let take = |r: usize, keep: &mut std::collections::BTreeSet<usize>| {
        if keep.len() < h {
            keep.insert(r);
        }
    };
    let head: Vec<usize> = blocks
        .first()
        .filter(|(owner, _)| !owner)
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    if let Some(&r) = head.first() {
        take(r, &mut keep);
    }
    if let Some(r) = why.filter(|r| rows.contains(r)) {
        take(r, &mut keep);
    }
    let versions: Vec<&Vec<usize>> = blocks.iter().filter(|b| b.0).map(|b| &b.1).collect();
    let room = h.saturating_sub(keep.len());
    let shown = if versions.len() > room {
        room.saturating_sub(1)
    } else {
        versions.len()
    };
    for v in &versions[..shown] {
        take(v[0], &mut keep);
    }
    // (no row left at all: no "… N more" either; the border's hint says lines were left out)
    let more = if room == 0 { 0 } else { versions.len() - shown };
    let limit = h.saturating_sub(usize::from(more > 0));
    let fill = |it: &mut dyn Iterator<Item = usize>,
                keep: &mut std::collections::BTreeSet<usize>| {
        for r in it {
            if keep.len() >= limit {
                break;
            }
            keep.insert(r);
        }
    };
    fill(&mut head.iter().copied(), &mut keep);
    let others: Vec<&Vec<usize>> = blocks
        .iter()
        .skip(1)
        .filter(|b| !b.0)
        .map(|b| &b.1)
        .collect();
    fill(&mut others.iter().map(|v| v[0]), &mut keep);
    if more == 0 {
        fill(
            &mut versions.iter().flat_map(|v| v.iter().copied()),
            &mut keep,
        );
    }
    fill(
        &mut others.iter().flat_map(|v| v.iter().copied()),
        &mut keep,
    );
    // a kept row is cut when the row after it in its block, of the same item (a version, a
    // related claim, or the lines of neither: the verdict, "not in"), is left out; a list
    // left whole before a related claim that was dropped is not
    let unit = |r: usize| {
        owners
            .iter()
            .chain(related)
            .position(|(range, _)| range.contains(&r))
    };
    let cut = blocks
        .iter()
        .flat_map(|(_, v)| {
            v.windows(2)
                .filter(|w| keep.contains(&w[0]) && !keep.contains(&w[1]))
                .filter(|w| unit(w[0]) == unit(w[1]))
                .map(|w| w[0])
                .collect::<Vec<_>>()
        })
        .collect();
    let mut out: Vec<Option<usize>> = keep.iter().copied().map(Some).collect();
    if more > 0 {
        // after the last version shown (or the head when none is)
        let last = versions[..shown]
            .last()
            .map_or(head.last().copied(), |v| Some(v[0]));
        let at = out.iter().position(|r| *r > last).unwrap_or(out.len());
        out.insert(at, None);
    }
    Fit {
        rows: out,
        cut,
        more,
    }
}

/// The diff pane's text, before it is fitted to the pane.
struct DiffContent<'a> {
    lines: Vec<Line<'a>>,
    /// Indices of cue-list lines (dropped first when space is short).
    cue_rows: Vec<usize>,
    /// The first line of the reasons ("why: …"), kept when space is short.
    why: Option<usize>,
    /// Which lines show which claim's version.
    owners: Vec<(std::ops::Range<usize>, ClaimId)>,
    /// How many of `owners` (the first ones) are the cluster's versions; the rest are
    /// related context.
    versions: usize,
}

fn safe_string(s: String, style: Style) -> Span<'static> {
    Span::styled(super::sanitize::clean(&s).into_owned(), style)
}

/// "loaded «win» (+) · hedge «reportedly» · claimed (Peskov, quote)".
fn cue_summary(c: &Claim) -> String {
    use crate::analysis::CueKind;
    let mut parts: Vec<String> = Vec::new();
    let lang = crate::analysis::Lang::from_code(&c.language).unwrap_or(crate::analysis::Lang::En);
    for q in &c.cues {
        let kind = match q.kind {
            CueKind::Loaded => "loaded",
            // the engine's stem match of "reportedly" in "reports" is no hedge to show
            CueKind::Hedge
                if !crate::analysis::lexicon::lexicons(lang).hedges_as_written(&q.text) =>
            {
                continue;
            }
            CueKind::Hedge => "hedge",
            CueKind::Attribution => continue,
            CueKind::Negation => "negation",
        };
        let pol = match q.polarity {
            p if p > 0 => " (+)",
            p if p < 0 => " (−)",
            _ => "",
        };
        parts.push(format!("{kind} «{}»{pol}", q.text));
    }
    if let Some(a) = &c.attribution {
        let who = a.speaker.as_deref().unwrap_or("unnamed source");
        parts.push(format!(
            "{} — {who}{}",
            a.verb,
            if a.direct_quote { ", direct quote" } else { "" }
        ));
    }
    if c.negated && !c.cues.iter().any(|q| q.kind == CueKind::Negation) {
        parts.push("negated".into());
    }
    parts.join(" · ")
}

/// The diff pane's content at `width`; `None` without a selected claim.
fn diff_content<'a>(
    state: &'a AppState,
    cmp: &'a Comparison,
    width: usize,
) -> Option<DiffContent<'a>> {
    let theme = &state.config.theme;
    let sel = state.compare.selected.and_then(|s| cmp.claims.get(s))?;
    let cluster = cmp.clusters.get(sel.cluster)?;
    let mut lines: Vec<Line<'a>> = Vec::new();
    let kind = state
        .effective_kind(cmp, cluster.id)
        .unwrap_or(cluster.kind);
    let note = state.annotations.find(cmp, cluster);
    // the members the reader took out (`X`): struck through, and left out of the counts
    let out = note
        .map(|a| a.excluded_in(cmp, cluster))
        .unwrap_or_default();
    let kept: Vec<usize> = cluster
        .members
        .iter()
        .copied()
        .filter(|m| !out.contains(m))
        .collect();
    // member labels: each article's name (its file too where an outlet has several), cut to
    // 24 cells, told apart when cuts would read the same
    let labels: Vec<String> = (0..cmp.columns.len())
        .map(|i| super::sanitize::clean(&column_label(state, cmp, i)).into_owned())
        .collect();
    let cut = super::text::distinct_cut(&labels, 24);
    let short = |col: usize| cut.get(col).cloned().unwrap_or_default();

    // Verdict and reasons.
    let mut verdict = vec![
        Span::styled(
            format!("{} {}", kind.glyph(), kind.as_str().to_uppercase()),
            theme.kind(kind),
        ),
        Span::styled(
            // a claim alone has nothing to be similar to; the members the reader took out
            // are not counted
            match (kept.len(), out.len()) {
                (1, 0) => "  1 outlet".to_string(),
                (n, 0) => format!(
                    "  {} · similarity {:.2}",
                    members_phrase(cmp, &kept, n),
                    cluster.similarity
                ),
                (n, k) => format!(
                    "  {} left of {} · {k} taken out",
                    members_phrase(cmp, &kept, n),
                    cluster.members.len()
                ),
            },
            theme.dim(),
        ),
    ];
    if cluster.syndicated {
        verdict.push(Span::styled("  · syndicated copy", theme.accent()));
    }
    if cluster.copied_passage {
        verdict.push(Span::styled("  · copied passage", theme.accent()));
    }
    if let Some(a) = note {
        // Said against the verdict the analysis gives now, which may have changed since.
        let text = format!("  {}", a.mark_in(cmp, cluster));
        verdict.push(Span::styled(text, theme.accent()));
        if !a.note.is_empty() {
            verdict.push(Span::styled("  note: ", theme.dim()));
            // A note of several lines reads "first / second" on the one line it has here.
            let note: Vec<&str> = a.note.lines().filter(|l| !l.trim().is_empty()).collect();
            verdict.push(safe_string(
                note.join(" / "),
                theme.base().add_modifier(Modifier::ITALIC),
            ));
        }
    }
    lines.extend(wrap(&verdict, width, Span::raw(""), Span::raw("  ")));
    let mut why_row = None;
    if !out.is_empty() {
        // the reader's membership, not the analysis' reasons for the members they took out
        why_row = Some(lines.len());
        lines.extend(wrap(
            &[safe_string(
                readers_why(state, cmp, kind, &kept, &out),
                theme.base(),
            )],
            width,
            Span::styled("why: ", theme.accent()),
            Span::raw("     "),
        ));
    } else if !cluster.reasons.is_empty() {
        let mut why = Vec::new();
        if kind != cluster.kind {
            // the reader overruled the verdict: the reasons are the analysis', for another
            // verdict (tester report 24, finding 5)
            why.push(Span::styled(
                format!(
                    "the analysis said {}, you say {}; its reasons: ",
                    cluster.kind.as_str(),
                    kind.as_str()
                ),
                theme.accent(),
            ));
        }
        let label = |col: usize| column_label(state, cmp, col);
        let reasons = crate::report::reasons_by_article(cmp, cluster, &label);
        for (i, r) in reasons.iter().enumerate() {
            if i > 0 {
                why.push(Span::styled(" · ", theme.dim()));
            }
            why.push(safe_string(reason_first(r), theme.base()));
        }
        why_row = Some(lines.len());
        lines.extend(wrap(
            &why,
            width,
            Span::styled("why: ", theme.accent()),
            Span::raw("     "),
        ));
    }
    // A shared fact that another outlet contradicts: where the dissent is shown.
    if !cluster.disputed_by.is_empty() {
        let text = cluster
            .disputed_by
            .iter()
            .filter_map(|&d| cmp.clusters.get(d))
            .map(|d| {
                let who: Vec<String> = d
                    .own_members()
                    .filter_map(|m| cmp.claims.get(m))
                    .map(|c| column_label(state, cmp, c.column))
                    .collect();
                format!(
                    "≠ cluster {} ({})",
                    crate::report::cluster_number(d.id),
                    who.join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join(" · ");
        lines.extend(wrap(
            &[safe_string(text, theme.base())],
            width,
            Span::styled("disputed in: ", theme.accent()),
            Span::raw("             "),
        ));
    }
    // Each outlet's version: the selected one with its cues, the others diffed against it.
    let mut members: Vec<&Claim> = cluster
        .members
        .iter()
        .filter_map(|&m| cmp.claims.get(m))
        .collect();
    // the other side of the contrast the reason names comes second ("src11 vs Tester Gazette")
    let partner = state
        .contrast_sides(cmp, cluster)
        .and_then(|(a, b)| match sel.id {
            id if id == a => Some(b),
            id if id == b => Some(a),
            _ => None,
        });
    members.sort_by_key(|c| (c.id != sel.id, Some(c.id) != partner, c.column));
    let mut cue_rows: Vec<usize> = Vec::new();
    let mut owners = Vec::new();
    for c in members {
        let first_row = lines.len();
        // a counterpart belongs to another (shared) cluster: say which
        let home = if cluster.is_counterpart(c.id) {
            cmp.clusters
                .get(c.cluster)
                .map(|h| {
                    format!(
                        " ({} cluster {})",
                        h.kind.glyph(),
                        crate::report::cluster_number(h.id)
                    )
                })
                .unwrap_or_default()
        } else {
            String::new()
        };
        let label = format!(
            "{} {}{home}: ",
            if c.id == sel.id { '▶' } else { ' ' },
            short(c.column)
        );
        let mut runs = match state.diffs.iter().find(|(id, _)| *id == c.id) {
            Some((_, d)) if c.id != sel.id => diff_runs(&d.right, theme),
            _ => claim_runs(c, theme),
        };
        let mut label_style = theme.title();
        if out.contains(&c.id) {
            // taken out by the reader: struck through and dimmed, after the words that say so
            // (which NO_COLOR terminals show too)
            let gone = Modifier::CROSSED_OUT | Modifier::DIM;
            label_style = label_style.add_modifier(gone);
            for r in &mut runs {
                r.style = r.style.add_modifier(gone);
            }
            // first, so that a version cut to one line to fit still says it
            runs.insert(0, Span::styled("✎ you: not this fact · ", theme.accent()));
        }
        lines.extend(wrap(
            &runs,
            width,
            Span::styled(label, label_style),
            Span::raw("    "),
        ));
        let cues = cue_summary(c);
        if !cues.is_empty() {
            let cue_lines = wrap(
                &[safe_string(cues, theme.dim())],
                width,
                Span::styled("    cues: ", theme.dim()),
                Span::raw("          "),
            );
            cue_rows.extend(lines.len()..lines.len() + cue_lines.len());
            lines.extend(cue_lines);
        }
        owners.push((first_row..lines.len(), c.id));
    }
    let versions = owners.len();
    // Outlets with a claim here, or on the side a dissent contradicts: the own members of
    // its counterparts' clusters ("disputes a claim shared by …" in the reasons).
    let disputed_side = cluster
        .counterparts
        .iter()
        .filter_map(|&m| cmp.claims.get(m))
        .filter_map(|c| cmp.clusters.get(c.cluster))
        .flat_map(|home| home.own_members());
    // ... and the outlets that dispute it ("disputed by …")
    let disputers = cluster
        .disputed_by
        .iter()
        .filter_map(|&d| cmp.clusters.get(d))
        .flat_map(|d| d.own_members());
    let present: Vec<usize> = cluster
        .members
        .iter()
        .copied()
        .chain(disputed_side)
        .chain(disputers)
        .filter_map(|m| cmp.claims.get(m).map(|c| c.column))
        .collect();
    let missing: Vec<String> = (0..cmp.columns.len())
        .filter(|i| !present.contains(i))
        .map(|i| column_label(state, cmp, i))
        .collect();
    if !missing.is_empty() {
        // with the count when several, so a line cut to fit ("not in (3): CNN, Fox…") does
        // not read as a list of one
        let label = match missing.len() {
            1 => "not in: ".to_string(),
            n => format!("not in ({n}): "),
        };
        let indent = " ".repeat(label.chars().count());
        lines.extend(wrap(
            &[safe_string(missing.join(", "), theme.dim())],
            width,
            Span::styled(label, theme.accent()),
            Span::raw(indent),
        ));
    }
    // Related context: the same topic in other outlets, relation unsure (the reader judges).
    for (other, pair) in cmp.related_to(sel.id) {
        let Some(c) = cmp.claims.get(other) else {
            continue;
        };
        let first_row = lines.len();
        let label = format!("~ {}: ", short(c.column));
        lines.extend(wrap(
            &claim_runs(c, theme),
            width,
            Span::styled(format!("related {label}"), theme.dim()),
            Span::raw("    "),
        ));
        if let Some(note) = &pair.note {
            lines.extend(wrap(
                &[safe_string(note.clone(), theme.dim())],
                width,
                Span::raw("    "),
                Span::raw("    "),
            ));
        }
        owners.push((first_row..lines.len(), c.id));
    }

    Some(DiffContent {
        lines,
        cue_rows,
        why: why_row,
        owners,
        versions,
    })
}

/// A pair's reason with what differs first: "number: 1 million vs 1.52 million (The New
/// York Times vs Sydney Morning Herald)" for "The New York Times vs Sydney Morning Herald:
/// number: …", so long outlet names never push the reason out of a narrow diff pane. Other
/// reasons are kept as they are.
fn reason_first(r: &str) -> String {
    match r.split_once(": ") {
        Some((who, what)) if who.contains(" vs ") && !what.is_empty() => {
            format!("{what} ({who})")
        }
        _ => r.to_string(),
    }
}

/// The `why:` line of a cluster the reader took members out of: "shared by A, B (you took C
/// out)", "only in A (you took B, C out)", or for a contrast the outlets left "contrasting:
/// A vs B (you took C out)"; outlets named as the columns are.
fn readers_why(
    state: &AppState,
    cmp: &Comparison,
    kind: ClusterKind,
    kept: &[usize],
    out: &[usize],
) -> String {
    let names = |ids: &[usize]| {
        let mut cols: Vec<usize> = Vec::new();
        for c in ids
            .iter()
            .filter_map(|&m| cmp.claims.get(m))
            .map(|c| c.column)
        {
            if !cols.contains(&c) {
                cols.push(c);
            }
        }
        cols.into_iter()
            .map(|c| column_label(state, cmp, c))
            .collect::<Vec<_>>()
    };
    let left = names(kept);
    let what = match kind {
        ClusterKind::Unique => format!("only in {}", left.join(", ")),
        ClusterKind::Shared => format!("shared by {}", left.join(", ")),
        ClusterKind::Contrasting => format!("contrasting: {}", left.join(" vs ")),
    };
    format!("{what} (you took {} out)", names(out).join(", "))
}

/// "3 outlets" for a cluster of `n` members, or "2 outlets (3 articles)" when an outlet has
/// several articles among them, as the header counts the event's.
fn members_phrase(cmp: &Comparison, members: &[usize], n: usize) -> String {
    let mut outlets: Vec<&str> = members
        .iter()
        .filter_map(|&m| cmp.claims.get(m))
        .map(|c| c.outlet.as_str())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let k = outlets.len();
    let mut s = format!("{k} {}", if k == 1 { "outlet" } else { "outlets" });
    if n > k {
        s.push_str(&format!(" ({n} articles)"));
    }
    s
}

/// The name of column `col` as column headers, the matrix legend and "not in:" show it: the
/// outlet's display name, with the article's file name when another column of the event has
/// the same name (the outlet's second article, or another outlet id with that name), so
/// "Good Outlet (dup-outlet.md)" and "Good Outlet (good.md)" read apart.
pub(super) fn column_label(state: &AppState, cmp: &Comparison, col: usize) -> String {
    let Some(column) = cmp.columns.get(col) else {
        return String::new();
    };
    let name_of = |outlet: &str| {
        state
            .corpus
            .as_ref()
            .map(|c| c.outlet_name(outlet))
            .unwrap_or_else(|| outlet.to_string())
    };
    let name = name_of(&column.outlet);
    let folded = name.to_lowercase();
    let several = cmp
        .columns
        .iter()
        .filter(|c| c.outlet == column.outlet || name_of(&c.outlet).to_lowercase() == folded)
        .count()
        > 1;
    let file = state
        .event()
        .and_then(|e| e.articles.get(column.article))
        .and_then(|a| a.path.file_name())
        .map(|f| f.to_string_lossy().into_owned());
    match file {
        Some(f) if several => format!("{name} ({f})"),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::{column_meta, fit_rows, reason_first};

    #[test]
    fn a_narrow_column_header_keeps_its_language() {
        let article = crate::corpus::Article {
            path: "ev/fox.md".into(),
            outlet: "fox".into(),
            title: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2013, 5, 3),
            date_alt: None,
            url: None,
            author: None,
            language: Some("en".into()),
            kind: Some(crate::corpus::ArticleKind::News),
            body: String::new().into(),
            origin: crate::corpus::TextOrigin::Extracted,
            extra: Default::default(),
            gold: None,
        };
        let count = || "no contrasting claims".to_string();
        assert_eq!(
            column_meta(count(), Some(&article), 60),
            "no contrasting claims · 2013-05-03 · news · en"
        );
        // tester s18 item 22e: the kind goes first, then the date; the language stays
        assert_eq!(
            column_meta(count(), Some(&article), 40),
            "no contrasting claims · 2013-05-03 · en"
        );
        assert_eq!(
            column_meta(count(), Some(&article), 30),
            "no contrasting claims · en"
        );
        assert_eq!(column_meta(count(), Some(&article), 10), "no contra…");
        assert_eq!(column_meta("3 claims".into(), None, 30), "3 claims");
    }

    #[test]
    fn a_whole_list_of_outlets_left_out_is_not_marked_cut_when_related_context_is() {
        // verdict 0, why 1, two versions (2..4, 4..5), "not in" 5, a related claim 6..8
        let owners = [(2..4, 0), (4..5, 1)];
        let related = [(6..8, 2)];
        let rows: Vec<usize> = (0..8).collect();
        let fit = fit_rows(&rows, &owners, &related, Some(1), 6);
        assert_eq!(
            fit.rows,
            [Some(0), Some(1), Some(2), Some(3), Some(4), Some(5)]
        );
        // the related claim is left out; "not in" (row 5) is whole: no "…" after it
        assert!(fit.cut.is_empty(), "{:?}", fit.cut);
        // one row less: the first version is cut, "not in" still is not
        let fit = fit_rows(&rows, &owners, &related, Some(1), 5);
        assert_eq!(fit.rows, [Some(0), Some(1), Some(2), Some(4), Some(5)]);
        assert_eq!(fit.cut, [2]);
    }

    #[test]
    fn the_reason_stays_when_five_versions_do_not_fit() {
        // tester s16 item 22: verdict on rows 0-1 (wrapped), "why:" on row 2, five outlets'
        // versions (the first on two rows), a pane of 6 rows
        let owners: Vec<_> = [3..5, 5..6, 6..7, 7..8, 8..9]
            .into_iter()
            .enumerate()
            .map(|(k, r)| (r, k))
            .collect();
        let rows: Vec<usize> = (0..9).collect();
        let fit = fit_rows(&rows, &owners, &[], Some(2), 6);
        assert_eq!(
            fit.rows,
            [Some(0), Some(2), Some(3), Some(5), Some(6), None]
        );
        assert_eq!(fit.more, 2);
        // room for all: verdict, reason and every version, the rest after
        let fit = fit_rows(&rows, &owners, &[], Some(2), 8);
        assert_eq!(fit.more, 0);
        assert_eq!(fit.rows.len(), 8);
        assert!(
            [0, 2, 3, 5, 6, 7, 8]
                .iter()
                .all(|r| fit.rows.contains(&Some(*r)))
        );
        // panes of 0, 1 and 2 rows never hold more rows than they have
        for h in 0..3 {
            let fit = fit_rows(&rows, &owners, &[], Some(2), h);
            assert!(fit.rows.len() <= h, "{h}: {:?}", fit.rows);
        }
    }

    #[test]
    fn a_pairs_reason_comes_before_the_outlet_names() {
        assert_eq!(
            reason_first("The New York Times vs Sydney Morning Herald: number: 1 million vs 2"),
            "number: 1 million vs 2 (The New York Times vs Sydney Morning Herald)"
        );
        assert_eq!(
            reason_first("disputes a claim shared by A, B"),
            "disputes a claim shared by A, B"
        );
        assert_eq!(reason_first("common words: a vs b"), "common words: a vs b");
    }
}
