//! The Claims matrix, Framing profile and Problems screens.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, Sparkline, StatefulWidget, Table, TableState, Widget,
};

use super::HitMap;
use super::sanitize::clean;
use super::text::{one_line, safe, truncate, wrap};
use crate::analysis::{ClusterKind, Comparison};
use crate::app::{AppState, MatrixColumn, MatrixSort, Target};
use unicode_width::UnicodeWidthStr;

/// Cells between the matrix columns.
const MATRIX_SPACING: u16 = 1;

fn outlet_name(state: &AppState, outlet: &str) -> String {
    state
        .corpus
        .as_ref()
        .map(|c| c.outlet_name(outlet))
        .unwrap_or_else(|| outlet.to_string())
}

fn no_comparison(area: Rect, buf: &mut Buffer, state: &AppState) {
    let theme = &state.config.theme;
    let msg = if state.busy.is_some() {
        "Working… (the matrix appears when the analysis is done)"
    } else {
        "No event open yet: press : to pick one."
    };
    Paragraph::new(Line::styled(msg, theme.dim()))
        .centered()
        .render(area, buf);
}

/// Cells per outlet column of the Claims matrix: outlets share what the fixed columns and
/// 40 cells of claim text leave, 4 to 10 cells each (one of them the column spacing).
fn matrix_cell_width(width: u16, ncols: usize) -> u16 {
    let n = crate::app::layout::cells(ncols.max(1));
    let share = width.saturating_sub(10 + 40) / n;
    // never wider than lets every column be drawn beside the borders, `#`, `≠`, the shortest
    // claim and the spacing: a squeezed table would cut the column numbers
    let room = width.saturating_sub(crate::app::layout::MATRIX_FIXED) / n;
    share
        .saturating_sub(1)
        .clamp(4, 24)
        .min(room.saturating_sub(1))
        .max(1)
}

/// "· outlets 4–11 of 21 (h/l) " when the matrix shows only some outlet columns, else "".
fn scrolled_columns(shown: &std::ops::Range<usize>, all: usize) -> String {
    if shown.len() == all {
        String::new()
    } else {
        format!(
            "· outlets {}–{} of {all} (h/l) ",
            shown.start + 1,
            shown.end
        )
    }
}

/// The matrix title after " Claims matrix ", in at most `room` cells: "· outlets 4–11 of
/// 21 (h/l) · 40 clusters · sorted by article order ▲ ", shortened by whole words where it
/// does not fit ("· 4–11/21 (h/l) · 40 clusters · article order ▲ ", then without
/// "clusters"), so the sort is never cut in the middle (tester report 22, finding 11: "sorted
/// by article o"); cut at the end only when even the shortest form does not fit.
fn matrix_title(
    shown: &std::ops::Range<usize>,
    all: usize,
    rows: usize,
    sort: &str,
    room: usize,
) -> String {
    let short_cols = if shown.len() == all {
        String::new()
    } else {
        format!("· {}–{}/{all} (h/l) ", shown.start + 1, shown.end)
    };
    let clusters = if rows == 1 { "cluster" } else { "clusters" };
    let forms = [
        format!(
            "{}· {rows} {clusters} · sorted by {sort} ",
            scrolled_columns(shown, all)
        ),
        format!("{short_cols}· {rows} {clusters} · sorted by {sort} "),
        format!("{short_cols}· {rows} {clusters} · {sort} "),
        format!("{short_cols}· {rows} · {sort} "),
    ];
    match forms.iter().find(|f| f.width() <= room) {
        Some(f) => f.clone(),
        None => truncate(&forms[3], room),
    }
}

/// The legend under the matrix when its headers cut outlet names ("1 Associated Press · 2
/// CNN · …"), the shown columns' `names` numbered from `first` + 1, in at most `lines` lines
/// of `width` cells (`room`); empty when every name fits its cell.
fn matrix_legend(names: &[String], first: usize, cell_w: u16, room: (u16, usize)) -> Vec<String> {
    let (width, max_lines) = room;
    let fits = |n: &String| n.width() < usize::from(cell_w);
    if names.iter().all(fits) || width < 10 {
        return Vec::new();
    }
    let text = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {n}", first + i + 1))
        .collect::<Vec<_>>()
        .join(" · ");
    let w = usize::from(width);
    let mut lines = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() && lines.len() < max_lines {
        let cut = if lines.len() + 1 == max_lines || rest.width() <= w {
            rest.len()
        } else {
            // break at the last " · " that fits, else at the width
            let fit = truncate(rest, w);
            let fit = fit.trim_end_matches('…');
            fit.rfind(" · ").map_or(fit.len(), |b| b + " · ".len())
        };
        lines.push(truncate(rest[..cut].trim_end(), w));
        rest = &rest[cut..];
    }
    lines
}

/// Rows are claim clusters, columns outlets; each cell shows whether the outlet has the claim.
pub fn matrix(area: Rect, buf: &mut Buffer, state: &AppState, hits: &mut HitMap) {
    let Some(cmp) = state.comparison() else {
        no_comparison(area, buf, state);
        return;
    };
    let theme = &state.config.theme;
    let rows = state.matrix_rows(cmp);
    // the outlet columns that fit (all, or a window `h`/`l` scroll)
    let shown =
        crate::app::layout::matrix_columns(area.width, cmp.columns.len(), state.matrix.col_offset);
    let ncols = shown.len();
    let cell_w = matrix_cell_width(area.width, ncols);
    let fixed = crate::app::layout::cells(ncols)
        .saturating_mul(cell_w + 1)
        .saturating_add(10);
    let text_w = area.width.saturating_sub(fixed).max(10);
    let ids: Vec<String> = shown
        .clone()
        .map(|i| clean(&super::compare::column_label(state, cmp, i)).into_owned())
        .collect();
    let legend_lines = usize::from(area.height / 4).max(2);
    let legend = matrix_legend(
        &ids,
        shown.start,
        cell_w,
        (area.width.saturating_sub(2), legend_lines),
    );
    let legend_h = u16::try_from(legend.len()).unwrap_or(0);
    let (area, legend_area) = if area.height > legend_h + 4 {
        let top = Rect {
            height: area.height - legend_h,
            ..area
        };
        let bottom = Rect {
            x: area.x + 1,
            y: top.bottom(),
            width: area.width.saturating_sub(2),
            height: legend_h,
        };
        (top, bottom)
    } else {
        (area, Rect::default())
    };
    for (i, line) in legend.iter().enumerate().take(legend_area.height as usize) {
        buf.set_string(legend_area.x, legend_area.y + i as u16, line, theme.dim());
    }
    let sort_label = match state.matrix.sort {
        MatrixSort::Outlet(i) => format!(
            "{} {}",
            cmp.columns
                .get(i)
                .map(|c| clean(&outlet_name(state, &c.outlet)).into_owned())
                .unwrap_or_else(|| format!("outlet {}", i + 1)),
            if state.matrix.reversed {
                "absent first"
            } else {
                "first"
            }
        ),
        sort => sort.label(state.matrix.reversed).to_string(),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(vec![
            Span::styled(" Claims matrix ", theme.title()),
            Span::styled(
                matrix_title(
                    &shown,
                    cmp.columns.len(),
                    rows.len(),
                    &format!("{sort_label} {}", state.matrix.arrow()),
                    (area.width as usize).saturating_sub(2 + 15 + 2),
                ),
                theme.dim(),
            ),
        ]));
    // The sorted column's header gets an arrow; a click on a header sorts by it.
    let sorted = state.matrix.sort.column();
    let arrow = state.matrix.arrow();
    let head = |column: MatrixColumn, text: String, w: usize, style: Style| {
        if sorted == Some(column) {
            let text = truncate(&text, w.saturating_sub(1));
            let pad = w.saturating_sub(text.chars().count() + 1).min(1);
            Cell::from(Span::styled(
                format!("{text}{}{arrow}", " ".repeat(pad)),
                theme.accent(),
            ))
        } else {
            Cell::from(Span::styled(truncate(&text, w), style))
        }
    };
    let mut header = vec![
        head(MatrixColumn::Number, "#".into(), 4, theme.dim()),
        head(MatrixColumn::Kind, "≠".into(), 2, theme.dim()),
        head(
            MatrixColumn::Claim,
            "claim".into(),
            text_w as usize,
            theme.dim(),
        ),
    ];
    // Outlets by display name, as Compare and the reports name them. When a name is cut to
    // its cell, every header gets its column number first, as on Compare and the 1-9 keys
    // ("3 I…", "4 I…"), and the legend below names them.
    let cut_any = ids.iter().any(|id| id.width() >= usize::from(cell_w));
    for (i, id) in shown.clone().zip(&ids) {
        // the column number whole, before a name only where both fit
        let number = (i + 1).to_string();
        let label = if !cut_any {
            id.clone()
        } else if usize::from(cell_w) >= number.len() + 3 {
            // the number, a space and at least one letter before the cut
            format!("{number} {id}")
        } else {
            number
        };
        header.push(head(
            MatrixColumn::Outlet(i),
            label,
            cell_w as usize,
            theme.title(),
        ));
    }
    // Only the rows on screen are built: an event can have thousands of clusters.
    let inner = block.inner(area);
    let h = inner.height.saturating_sub(1) as usize;
    let offset = state
        .matrix
        .row
        .saturating_sub(h.saturating_sub(1) / 2)
        .min(rows.len().saturating_sub(h));
    let body: Vec<Row<'_>> = rows
        .iter()
        .skip(offset)
        .take(h)
        .map(|&cl| {
            let cluster = &cmp.clusters[cl];
            let kind = state.effective_kind(cmp, cl).unwrap_or(cluster.kind);
            // the cluster's own first claim (a dissent's, not its counterpart's)
            let text = cluster
                .own_members()
                .next()
                .and_then(|m| cmp.claims.get(m))
                .map(|c| truncate(&clean(&c.text), text_w as usize))
                .unwrap_or_default();
            let note = state.annotations.find(cmp, cluster);
            let annotated = note.is_some();
            // the claims the reader took out of the row's cluster (`X`)
            let out = note
                .map(|a| a.excluded_in(cmp, cluster))
                .unwrap_or_default();
            let mut cells = vec![
                Cell::from(Span::styled(
                    format!("{}", crate::report::cluster_number(cl)),
                    theme.dim(),
                )),
                Cell::from(Span::styled(
                    format!("{}{}", kind.glyph(), if annotated { "✎" } else { "" }),
                    theme.kind(kind),
                )),
                Cell::from(Span::raw(text)),
            ];
            for col in shown.clone() {
                let present = cluster
                    .members
                    .iter()
                    .any(|&m| cmp.claims.get(m).is_some_and(|c| c.column == col));
                // A counterpart is the other side of a dissent: that outlet's claim belongs
                // to (and is counted in the Framing profile under) its own shared cluster,
                // so it is not marked ≠ here.
                let counterpart = cluster
                    .counterparts
                    .iter()
                    .any(|&m| cmp.claims.get(m).is_some_and(|c| c.column == col));
                let taken_out = present
                    && cluster.members.iter().all(|&m| {
                        out.contains(&m) || cmp.claims.get(m).is_none_or(|c| c.column != col)
                    });
                let cell = if taken_out {
                    // the outlet's claim is a unique claim of its own in the reader's reading
                    let s = if cell_w >= 6 { "✎ out" } else { "✎" };
                    Span::styled(s, theme.dim())
                } else if counterpart && !own_in(cluster, cmp, col) {
                    let s = if cell_w >= 8 { "↔ opposed" } else { "↔" };
                    Span::styled(s, theme.counterpart())
                } else if present {
                    let (g, label) = match kind {
                        ClusterKind::Contrasting => ('≠', "differs"),
                        ClusterKind::Shared => ('=', "has it"),
                        ClusterKind::Unique => ('+', "only"),
                    };
                    let s = if cell_w >= 8 {
                        format!("{g} {label}")
                    } else {
                        g.to_string()
                    };
                    Span::styled(s, theme.kind(kind))
                } else {
                    Span::styled("·", theme.dim())
                };
                cells.push(Cell::from(cell));
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(4),
        Constraint::Length(2),
        Constraint::Min(10),
    ];
    widths.extend((0..ncols).map(|_| Constraint::Length(cell_w)));
    // The header cells' hit areas come from the layout the table itself uses (same widths,
    // flex and spacing, no highlight symbol), so a click lands on the column drawn there.
    let cells = Layout::horizontal(widths.clone())
        .flex(Flex::Start)
        .spacing(MATRIX_SPACING)
        .split(Rect::new(0, 0, inner.width, 1));
    let columns = [
        MatrixColumn::Number,
        MatrixColumn::Kind,
        MatrixColumn::Claim,
    ]
    .into_iter()
    .chain(shown.clone().map(MatrixColumn::Outlet));
    for (r, column) in cells.iter().zip(columns) {
        if r.width > 0 && inner.height > 0 {
            hits.add(
                Rect::new(inner.x + r.x, inner.y, r.width, 1),
                Target::MatrixHeader(column),
            );
        }
    }
    let table = Table::new(body, widths)
        .header(Row::new(header))
        .block(block)
        .row_highlight_style(theme.selection())
        .flex(Flex::Start)
        .column_spacing(MATRIX_SPACING);
    let mut ts = TableState::default()
        .with_selected(state.matrix.row.checked_sub(offset).filter(|r| *r < h));
    StatefulWidget::render(table, area, buf, &mut ts);
    for (i, &cl) in rows.iter().skip(offset).take(h).enumerate() {
        hits.add(
            Rect::new(inner.x, inner.y + 1 + i as u16, inner.width, 1),
            Target::MatrixRow(cl),
        );
    }
}

/// Bars from unicode eighths, `value` in [0, 1].
fn bar(value: f32, width: usize) -> String {
    let cells = (value.clamp(0.0, 1.0) * width as f32 * 8.0).round() as usize;
    let full = cells / 8;
    let part = cells % 8;
    let mut s = "█".repeat(full);
    if part > 0 && full < width {
        s.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][part]);
    }
    s
}

/// A bar centred on zero for a value in [-1, 1]: negative to the left, positive to the right.
fn signed_bar(value: f32, half: usize) -> (String, String) {
    let n = (value.abs().clamp(0.0, 1.0) * half as f32).round() as usize;
    if value < 0.0 {
        (
            format!("{}{}", " ".repeat(half - n), "█".repeat(n)),
            " ".repeat(half),
        )
    } else {
        (
            " ".repeat(half),
            format!("{}{}", "█".repeat(n), " ".repeat(half - n)),
        )
    }
}

/// Per-outlet framing: comparison bars across outlets, the selected outlet's details and the
/// actor-label table.
pub fn profile(area: Rect, buf: &mut Buffer, state: &AppState, hits: &mut HitMap) {
    let Some(cmp) = state.comparison() else {
        no_comparison(area, buf, state);
        return;
    };
    let theme = &state.config.theme;
    // the panes below say how far they scroll (`j` stops there)
    state.profile_scroll_max.set(0);
    let n = cmp.profiles.len();
    let top_h = crate::app::layout::cells(n)
        .saturating_add(3)
        .min(area.height / 2)
        .max(4);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_h), Constraint::Min(3)]).areas(area);

    // Across outlets: one row each.
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(" Across outlets ", theme.title()));
    let inner = block.inner(top);
    block.render(top, buf);
    let max_loaded = cmp
        .profiles
        .iter()
        .map(|p| p.loaded_terms.iter().map(|(_, c)| c).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let max_hedge = cmp
        .profiles
        .iter()
        .map(|p| p.hedge_count)
        .max()
        .unwrap_or(0)
        .max(1);
    let max_quoted = cmp
        .profiles
        .iter()
        .map(|p| p.quoted_sources.iter().map(|(_, c)| c).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let max_sent = cmp
        .profiles
        .iter()
        .map(|p| p.sentiment.abs())
        .fold(0.0f32, f32::max)
        .max(0.05);
    let wide = inner.width >= 150;
    let bar_w = if wide { 14 } else { 5 };
    // Names as long as they are, up to what the fixed columns leave.
    let fixed = (bar_w * 2 + 8) + 3 * (bar_w + 5) + 9 + if wide { 15 } else { 0 };
    let longest = cmp
        .profiles
        .iter()
        .map(|p| clean(&outlet_name(state, &p.outlet)).width())
        .max()
        .unwrap_or(0);
    let name_w = longest
        .min((inner.width as usize).saturating_sub(fixed))
        .max(14);
    let header = format!(
        "{:<name_w$} {:^sw$} {:<bw$} {:<bw$} {:<bw$}{:>3}{:>3}{:>3}",
        "outlet",
        "sentiment −/+",
        "loaded",
        "hedges",
        "quoted",
        "=",
        "≠",
        "+",
        sw = bar_w * 2 + 7,
        bw = bar_w + 4,
    ) + if wide { "   main frame" } else { "" };
    buf.set_string(
        inner.x,
        inner.y,
        truncate(&header, inner.width as usize),
        theme.dim(),
    );
    let rows_h = inner.height.saturating_sub(1) as usize;
    let first = state
        .profile
        .column
        .saturating_sub(rows_h.saturating_sub(1));
    // Rows that do not fit are counted on the border; h/l scroll to them.
    count_cut_rows(top, buf, state, (n, rows_h, first), "h/l");
    let all: Vec<String> = cmp
        .profiles
        .iter()
        .map(|p| clean(&outlet_name(state, &p.outlet)).into_owned())
        .collect();
    let profile_names = crate::ui::text::distinct_cut(&all, name_w);
    for (row, (i, p)) in cmp
        .profiles
        .iter()
        .enumerate()
        .skip(first)
        .take(rows_h)
        .enumerate()
    {
        let y = inner.y + 1 + row as u16;
        let selected = i == state.profile.column;
        let loaded: usize = p.loaded_terms.iter().map(|(_, c)| c).sum();
        let quoted: usize = p.quoted_sources.iter().map(|(_, c)| c).sum();
        // counted by the verdict the matrix shows (the reader's where one was given)
        let (shared, contrasting, unique) = state.kind_counts(cmp, i);
        // Scaled to the strongest outlet so small differences stay visible.
        let (neg, pos) = signed_bar(p.sentiment / max_sent, bar_w);
        let spans = vec![
            Span::styled(
                format!(
                    "{} ",
                    crate::ui::text::pad(profile_names.get(i).map_or("", String::as_str), name_w)
                ),
                if selected {
                    theme.accent()
                } else {
                    theme.base()
                },
            ),
            Span::styled(neg, theme.kind(ClusterKind::Contrasting)),
            Span::styled("│", theme.dim()),
            Span::styled(pos, theme.kind(ClusterKind::Shared)),
            Span::styled(
                format!(" {} ", crate::report::signed2(f64::from(p.sentiment))),
                theme.dim(),
            ),
            Span::styled(
                format!("{:<bar_w$}", bar(loaded as f32 / max_loaded as f32, bar_w)),
                theme
                    .cue(crate::analysis::CueKind::Loaded)
                    .remove_modifier(Modifier::UNDERLINED),
            ),
            Span::styled(format!("{loaded:>3} "), theme.dim()),
            Span::styled(
                format!(
                    "{:<bar_w$}",
                    bar(p.hedge_count as f32 / max_hedge as f32, bar_w)
                ),
                theme
                    .cue(crate::analysis::CueKind::Hedge)
                    .remove_modifier(Modifier::UNDERLINED),
            ),
            Span::styled(format!("{:>3} ", p.hedge_count), theme.dim()),
            Span::styled(
                format!("{:<bar_w$}", bar(quoted as f32 / max_quoted as f32, bar_w)),
                theme.bar(),
            ),
            Span::styled(format!("{quoted:>3} "), theme.dim()),
            Span::styled(format!("{shared:>3}"), theme.kind(ClusterKind::Shared)),
            Span::styled(
                format!("{contrasting:>3}"),
                theme.kind(ClusterKind::Contrasting),
            ),
            Span::styled(format!("{unique:>3}"), theme.kind(ClusterKind::Unique)),
        ];
        let mut spans = spans;
        // On wide terminals: the frame dimension this outlet evokes most.
        if wide
            && let Some((frame, share)) = p
                .frames
                .iter()
                .filter(|(_, x)| *x > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1))
        {
            spans.push(Span::styled(
                format!("   {} {:.0}%", clean(frame), share * 100.0),
                theme.dim(),
            ));
        }
        let r = Rect::new(inner.x, y, inner.width, 1);
        if selected {
            buf.set_style(r, theme.selection());
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        hits.add(r, Target::ProfileOutlet(i));
    }

    let Some(p) = cmp.profiles.get(state.profile.column) else {
        return;
    };
    // "Who is called what" beside the outlet's details, or under them in the same scroll
    // where the screen is too narrow for two panes (tester report 22, finding 11: it was
    // hidden at 80 columns with nothing saying so)
    let split = if bottom.width >= 100 { 50 } else { 100 };
    let [detail, actors] = Layout::horizontal([
        Constraint::Percentage(split),
        Constraint::Percentage(100 - split),
    ])
    .areas(bottom);
    profile_detail(detail, buf, state, p, (actors.width == 0).then_some(cmp));
    if actors.width > 0 {
        actor_table(actors, buf, state, cmp);
    }
}

/// Lines that do not fit a scrolled pane counted on its border: "▲3" at the top right when
/// scrolled, "▼5 more (j/k)" at the bottom right when lines are below (the README's promise:
/// rows that do not fit are counted). `area` is the pane with its border; of `total` lines,
/// `shown` rows are shown from line `top`; `keys` names the keys that scroll it ("j/k").
fn count_cut_rows(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    (total, shown, top): (usize, usize, usize),
    keys: &str,
) {
    let theme = &state.config.theme;
    if area.height < 2 {
        return;
    }
    if top > 0 {
        let m = format!("▲{top} ");
        buf.set_string(
            area.right().saturating_sub(m.chars().count() as u16 + 1),
            area.y,
            m,
            theme.accent(),
        );
    }
    let below = total.saturating_sub(top + shown);
    if below > 0 {
        let m = format!("▼{below} more ({keys}) ");
        buf.set_string(
            area.right().saturating_sub(m.chars().count() as u16 + 1),
            area.bottom() - 1,
            m,
            theme.accent(),
        );
    }
}

/// The first line a pane of `height` rows shows of `total` lines scrolled by `scroll`: never
/// past the point where the last line reaches the bottom.
fn scroll_top(scroll: usize, total: usize, height: usize) -> usize {
    scroll.min(total.saturating_sub(height))
}

/// The selected outlet's details: sentiment through the article, headline, loaded terms,
/// attribution verbs, quoted sources (each list its five largest, the rest counted) and frame
/// dimensions; with `actors_of`, "Who is called what" under them (a narrow screen).
fn profile_detail(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    p: &crate::analysis::FramingProfile,
    actors_of: Option<&Comparison>,
) {
    let theme = &state.config.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(vec![
            Span::styled(
                format!(" {} ", clean(&outlet_name(state, &p.outlet))),
                theme.accent(),
            ),
            Span::styled("(h/l other outlet) ", theme.dim()),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height < 2 {
        return;
    }
    // Sentiment over the article, claim by claim.
    let spark_h = if inner.height >= 14 { 3 } else { 1 };
    let [spark_label, spark, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(spark_h),
        Constraint::Min(0),
    ])
    .areas(inner);
    buf.set_string(
        spark_label.x,
        spark_label.y,
        truncate(
            &format!(
                "sentiment through the article ({} claims), mean {}",
                p.claim_count,
                crate::report::signed2(f64::from(p.sentiment))
            ),
            spark_label.width as usize,
        ),
        theme.dim(),
    );
    let data: Vec<u64> = p
        .sentiment_series
        .iter()
        .map(|s| ((s.clamp(-1.0, 1.0) + 1.0) * 50.0).round() as u64)
        .collect();
    Sparkline::default()
        .data(&data)
        .max(100)
        .style(theme.bar())
        .render(spark, buf);

    let w = rest.width as usize;
    let bw = (w / 4).clamp(4, 20);
    let mut lines: Vec<Line<'_>> = Vec::new();
    lines.push(one_line(
        &[
            Span::styled("headline: ", theme.dim()),
            safe(&p.headline, theme.title()),
        ],
        w,
    ));
    let mut list = |title: &str, items: &[(String, usize)], style| {
        if items.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{title}: "), theme.dim()),
                Span::styled("none", theme.dim()),
            ]));
            return;
        }
        lines.push(Line::styled(format!("{title}:"), theme.dim()));
        let max = items.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
        for (t, c) in items.iter().take(LIST_ROWS) {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:<bw$}", bar(*c as f32 / max as f32, bw)), style),
                Span::styled(format!(" {c:>2} "), theme.dim()),
                Span::raw(truncate(&clean(t), w.saturating_sub(bw + 8))),
            ]));
        }
        if items.len() > LIST_ROWS {
            // the rest of the list is counted, and is whole in the exports
            lines.push(Line::styled(
                format!("  ▼{} more (the reports list all)", items.len() - LIST_ROWS),
                theme.dim(),
            ));
        }
    };
    list(
        "loaded terms",
        &p.loaded_terms,
        theme
            .cue(crate::analysis::CueKind::Loaded)
            .remove_modifier(Modifier::UNDERLINED),
    );
    list(
        "attribution verbs",
        &p.attribution_verbs,
        theme
            .cue(crate::analysis::CueKind::Attribution)
            .remove_modifier(Modifier::UNDERLINED),
    );
    list("quoted sources", &p.quoted_sources, theme.bar());
    lines.push(Line::styled("frame dimensions:", theme.dim()));
    for (f, share) in p.frames.iter().filter(|(_, s)| *s > 0.0) {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{:<bw$}", bar(*share, bw)), theme.bar()),
            Span::styled(format!(" {:>3.0}% ", share * 100.0), theme.dim()),
            Span::raw(truncate(&clean(f), w.saturating_sub(bw + 9))),
        ]));
    }
    if let Some(cmp) = actors_of {
        lines.push(Line::styled("Who is called what:", theme.title()));
        lines.extend(actor_lines(state, cmp, w));
    }
    // the sparkline stays; the lines under it scroll, and what does not fit is counted on
    // the pane's border
    let (total, shown) = (lines.len(), rest.height as usize);
    let top = scroll_top(state.profile.scroll, total, shown);
    state
        .profile_scroll_max
        .at_least(total.saturating_sub(shown));
    Paragraph::new(lines)
        .scroll((top as u16, 0))
        .render(rest, buf);
    count_cut_rows(area, buf, state, (total, shown, top), "j/k");
}

/// Rows a list of the outlet's details shows (its largest items); the rest are counted.
const LIST_ROWS: usize = 5;

/// True when a claim of column `col` has `cluster` as its own cluster (not a counterpart).
fn own_in(cluster: &crate::analysis::Cluster, cmp: &Comparison, col: usize) -> bool {
    cluster
        .own_members()
        .any(|m| cmp.claims.get(m).is_some_and(|c| c.column == col))
}

/// How each outlet names the same actors, in a pane of its own (a wide screen).
fn actor_table(area: Rect, buf: &mut Buffer, state: &AppState, cmp: &Comparison) {
    let theme = &state.config.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(Span::styled(" Who is called what ", theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    let lines = actor_lines(state, cmp, inner.width as usize);
    let (total, shown) = (lines.len(), inner.height as usize);
    let top = scroll_top(state.profile.scroll, total, shown);
    state
        .profile_scroll_max
        .at_least(total.saturating_sub(shown));
    Paragraph::new(lines)
        .scroll((top as u16, 0))
        .render(inner, buf);
    count_cut_rows(area, buf, state, (total, shown, top), "j/k");
}

/// "Who is called what" as lines `width` cells wide: each actor (those named in the most
/// different ways first, then the most mentioned), under it each outlet's labels with their
/// counts, wrapped under themselves; "No actor labels found." when there is none.
fn actor_lines<'a>(state: &AppState, cmp: &Comparison, width: usize) -> Vec<Line<'a>> {
    let theme = &state.config.theme;
    let mut actors: Vec<&String> = cmp
        .profiles
        .iter()
        .flat_map(|p| p.actor_labels.keys())
        .collect();
    actors.sort();
    actors.dedup();
    // Actors named in the most different ways come first: they are where framing shows
    // ("the Kremlin leader" / "President Putin" / "Путин"); then the most mentioned.
    let spread = |actor: &String| {
        let mut labels: Vec<&str> = Vec::new();
        let mut mentions = 0usize;
        for p in &cmp.profiles {
            for (l, c) in p.actor_labels.get(actor).into_iter().flatten() {
                mentions += c;
                if !labels.contains(&l.as_str()) {
                    labels.push(l);
                }
            }
        }
        (std::cmp::Reverse(labels.len()), std::cmp::Reverse(mentions))
    };
    actors.sort_by_cached_key(|a| (spread(a), a.to_string()));
    if actors.is_empty() {
        return vec![Line::styled("No actor labels found.", theme.dim())];
    }
    // Outlets by display name, in a column as wide as the longest (at most 24 cells and a
    // third of the width); the labels wrap under themselves, not under the names.
    let names: Vec<String> = cmp
        .profiles
        .iter()
        .map(|p| clean(&outlet_name(state, &p.outlet)).into_owned())
        .collect();
    let name_w = names
        .iter()
        .map(|n| n.width())
        .max()
        .unwrap_or(0)
        .min(24)
        .min(width / 3);
    let mut lines: Vec<Line<'a>> = Vec::new();
    for actor in actors {
        lines.push(Line::from(Span::styled(
            clean(actor).into_owned(),
            theme.accent(),
        )));
        for (p, name) in cmp.profiles.iter().zip(&names) {
            if let Some(labels) = p.actor_labels.get(actor) {
                let text = labels
                    .iter()
                    .take(4)
                    .map(|(l, c)| format!("“{}”×{c}", clean(l)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let first = Span::styled(
                    format!("  {} ", crate::ui::text::pad(name, name_w)),
                    theme.dim(),
                );
                let rest = Span::raw(" ".repeat(name_w + 3));
                // one row a line (the Paragraph does not wrap again), so the count of rows
                // below is true
                lines.extend(wrap(&[Span::raw(text)], width, first, rest));
            }
        }
    }
    lines
}

/// Every diagnostic with path and line. Only the problems around the selected one are
/// formatted and wrapped: a broken corpus can report thousands.
pub fn problems(area: Rect, buf: &mut Buffer, state: &AppState, hits: &mut HitMap) {
    let theme = &state.config.theme;
    let count = state.problem_count();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(format!(" Problems · {count} "), theme.title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if count == 0 {
        Paragraph::new(Line::styled(
            "No problems: every file loaded cleanly.",
            theme.dim(),
        ))
        .render(inner, buf);
        return;
    }
    let width = inner.width as usize;
    let h = inner.height as usize;
    let sel = state.problems_row.min(count - 1);
    let (lo, hi) = (sel.saturating_sub(h), (sel + h + 1).min(count));
    let mut rows: Vec<(usize, Line<'_>)> = Vec::new();
    let mut sel_row = 0;
    for i in lo..hi {
        let Some((error, text)) = state.problem_at(i) else {
            continue;
        };
        if i == sel {
            sel_row = rows.len();
        }
        let (glyph, style) = if error {
            ("✗ ", theme.error())
        } else {
            ("! ", theme.warning())
        };
        let clean_text = clean(&text).into_owned();
        for line in super::text::wrap(
            &[Span::raw(clean_text)],
            width,
            Span::styled(glyph, style),
            Span::raw("  "),
        ) {
            rows.push((i, line));
        }
    }
    let mut top = sel_row.saturating_sub(h.saturating_sub(1) / 2);
    if hi == count {
        top = top.min(rows.len().saturating_sub(h));
    }
    for (row, (i, line)) in rows.iter().skip(top).take(h).enumerate() {
        let y = inner.y + row as u16;
        let r = Rect::new(inner.x, y, inner.width, 1);
        if *i == sel {
            buf.set_style(r, theme.selection());
        }
        buf.set_line(inner.x, y, line, inner.width);
        hits.add(r, Target::ProblemRow(*i));
    }
}

#[cfg(test)]
mod tests {
    use super::{matrix_title, scroll_top};

    #[test]
    fn the_matrix_title_is_shortened_by_words_never_cut_in_the_sort() {
        let all = 0..4;
        let some = 0..3;
        let sort = "article order ▲";
        assert_eq!(
            matrix_title(&all, 4, 136, sort, 80),
            "· 136 clusters · sorted by article order ▲ "
        );
        // tester report 22, finding 11: at 80 columns "… sorted by article o"
        let t = matrix_title(&some, 4, 136, sort, 61);
        assert_eq!(
            t,
            "· 1–3/4 (h/l) · 136 clusters · sorted by article order ▲ "
        );
        let t = matrix_title(&some, 4, 136, sort, 56);
        assert_eq!(t, "· 1–3/4 (h/l) · 136 clusters · article order ▲ ");
        let t = matrix_title(&some, 4, 136, sort, 46);
        assert_eq!(t, "· 1–3/4 (h/l) · 136 · article order ▲ ");
        // room for the long form: kept whole
        let t = matrix_title(&some, 4, 136, sort, 200);
        assert!(t.starts_with("· outlets 1–3 of 4 (h/l) · 136 clusters · sorted by"));
        // no room at all: cut at the end
        assert!(matrix_title(&some, 4, 136, sort, 10).ends_with('…'));
    }

    #[test]
    fn a_pane_scrolls_no_further_than_its_last_line() {
        assert_eq!(scroll_top(0, 30, 10), 0);
        assert_eq!(scroll_top(5, 30, 10), 5);
        assert_eq!(scroll_top(50, 30, 10), 20);
        assert_eq!(scroll_top(3, 5, 10), 0);
    }
}
