//! Modal layers: Help (generated from the keymap), the fuzzy picker, the full article and the
//! note editor. Each returns the rectangle it covers.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Widget};

use super::text::{one_line, safe, truncate, window_around, wrap};
use super::{HitMap, centered};
use crate::app::{AppState, Context, Find, Overlay, PickerMode, Target, picker::Picker};

/// Empties `r` for a modal and paints it with the theme's background and text colour.
fn clear(r: Rect, buf: &mut Buffer, state: &AppState) {
    Clear.render(r, buf);
    buf.set_style(r, state.config.theme.background());
}

fn frame<'a>(title: Line<'a>, state: &AppState) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(state.config.theme.border(true))
        .title(title)
}

/// The keys of the current screen (or of the picker help was opened from) and the global
/// ones, straight from the keymap; descriptions wrap under themselves.
pub fn help(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    scroll: usize,
    under: Option<&Overlay>,
    hits: &mut HitMap,
) -> Rect {
    let theme = &state.config.theme;
    let r = help_rect(area);
    clear(r, buf, state);
    let block = frame(
        Line::from(vec![
            Span::styled(" Help ", theme.title()),
            Span::styled(format!("· {} ", help_title(state, under)), theme.dim()),
        ]),
        state,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    hits.add(r, Target::Help);
    let lines = help_lines(state, under, inner.width as usize);
    let h = inner.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(h));
    for (row, line) in lines.iter().skip(scroll).take(h).enumerate() {
        buf.set_line(inner.x, inner.y + row as u16, line, inner.width);
    }
    if scroll > 0 {
        buf.set_string(inner.right().saturating_sub(1), r.y, "▲", theme.dim());
    }
    if scroll + h < lines.len() {
        buf.set_string(
            inner.right().saturating_sub(1),
            r.bottom() - 1,
            "▼",
            theme.dim(),
        );
    }
    r
}

fn help_rect(area: Rect) -> Rect {
    centered(area, 80, 90, 60.min(area.width), 12.min(area.height))
}

fn help_title(state: &AppState, under: Option<&Overlay>) -> &'static str {
    match under {
        Some(Overlay::Picker(p)) if p.mode == PickerMode::Events => "Event picker",
        Some(Overlay::Picker(p)) if p.mode == PickerMode::Annotations => "Annotated clusters",
        Some(Overlay::Picker(_)) => "Search",
        Some(Overlay::Article { .. }) => "Article view",
        _ => state.screen.title(),
    }
}

/// How far help can scroll at the current size, and a half page: the state clamps with it.
pub fn help_scroll_range(state: &AppState) -> (usize, usize) {
    let area = Rect::new(0, 0, state.size.0, state.size.1);
    let r = help_rect(area);
    let inner = Block::default().borders(Borders::ALL).inner(r);
    let under = match &state.overlay {
        Some(Overlay::Help { under, .. }) => under.as_deref(),
        _ => None,
    };
    let n = help_lines(state, under, inner.width as usize).len();
    let h = inner.height as usize;
    (n.saturating_sub(h), (h / 2).max(1))
}

fn help_lines<'a>(state: &'a AppState, under: Option<&Overlay>, width: usize) -> Vec<Line<'a>> {
    let theme = &state.config.theme;
    let ctx = match under {
        Some(Overlay::Picker(_)) => Context::Picker,
        Some(Overlay::Article { .. }) => Context::Article,
        _ => state.screen.context(),
    };
    // Over the picker and the article view plain keys are text or the view's own: only the
    // Ctrl/Alt chords of the global table still work there (see `AppState::on_key`).
    let chords_only = matches!(ctx, Context::Picker | Context::Article);
    let mut lines: Vec<Line<'_>> = wrap(
        &[
            Span::styled("= shared", theme.kind(crate::analysis::ClusterKind::Shared)),
            Span::raw("  "),
            Span::styled(
                "≠ contrasting",
                theme.kind(crate::analysis::ClusterKind::Contrasting),
            ),
            Span::raw("  "),
            Span::styled("+ unique", theme.kind(crate::analysis::ClusterKind::Unique)),
            Span::styled("  ✎ annotated", theme.dim()),
        ],
        width,
        Span::styled("Claims: ", theme.dim()),
        Span::raw("        "),
    );
    let key_w = 22usize.min(width / 3);
    let indent = " ".repeat(key_w + 3);
    let row = |lines: &mut Vec<Line<'a>>, keys: String, text: String| {
        lines.extend(wrap(
            &[Span::raw(text)],
            width,
            Span::styled(
                format!("  {:<key_w$} ", truncate(&keys, key_w)),
                theme.accent(),
            ),
            Span::raw(indent.clone()),
        ));
    };
    for ctx in [ctx, Context::Global] {
        let title = match ctx {
            Context::Global if chords_only => "Also here",
            Context::Global => "Everywhere (on every screen)",
            _ => help_title(state, under),
        };
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            title,
            theme.accent().add_modifier(Modifier::UNDERLINED),
        ));
        // The nine "show/hide outlet N" commands read better as one row.
        let mut slots: Vec<String> = Vec::new();
        for (cmd, keys) in state.config.keymap.bindings(ctx) {
            let typing = chords_only && ctx == Context::Global;
            if typing && *cmd != crate::app::Command::Quit {
                continue;
            }
            let keys: Vec<_> = keys.iter().filter(|k| !typing || k.is_chord()).collect();
            if keys.is_empty() {
                continue;
            }
            let k = keys
                .iter()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            if cmd.outlet_slot().is_some() {
                slots.push(k);
                continue;
            }
            if !slots.is_empty() {
                let keys = std::mem::take(&mut slots).join(" ");
                row(&mut lines, keys, OUTLET_ROW.to_string());
            }
            row(&mut lines, k, cmd.description_in(ctx).to_string());
        }
        if !slots.is_empty() {
            row(&mut lines, slots.join(" "), OUTLET_ROW.to_string());
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Mouse",
        theme.accent().add_modifier(Modifier::UNDERLINED),
    ));
    lines.extend(wrap(
        &[Span::raw(
            "click selects a claim, row or tab, or sorts by a matrix header · wheel scrolls · Shift+drag selects text",
        )],
        width,
        Span::raw("  "),
        Span::raw("  "),
    ));
    lines
}

const OUTLET_ROW: &str = "show/hide outlet 1–9 (column number; outlet 10 and up: focus it with h/l, x hides, 0 shows all)";

/// What the query line adds after the query: that the rows are approximate matches (a word
/// query that matched nothing exactly), or that nothing matched at all.
fn search_note(p: &Picker) -> Option<&'static str> {
    if p.query.is_empty() {
        None
    } else if p.matched == 0 {
        Some("no match")
    } else if p.approximate() {
        Some("no exact match — fuzzy results")
    } else {
        None
    }
}

/// A picker row's detail ("date · id · 3 outlets") in at most `width` cells: middle parts
/// are left out first (the id before the count), then the rest is cut with "…".
fn fit_detail(detail: &str, width: usize) -> String {
    let mut parts: Vec<&str> = detail.split(" · ").collect();
    while parts.len() > 2
        && unicode_width::UnicodeWidthStr::width(parts.join(" · ").as_str()) > width
    {
        parts.remove(parts.len() - 2);
    }
    truncate(&parts.join(" · "), width)
}

/// Cells a picker row of width `w` gives its detail: what the label leaves, and at least a
/// third of the row, or the detail's first and last parts (date and count) up to half of it.
fn detail_budget(label: &str, detail: &str, w: usize) -> usize {
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let parts: Vec<&str> = detail.split(" · ").collect();
    let ends = match parts.as_slice() {
        [first, .., last] => width(first) + 3 + width(last),
        _ => width(detail),
    };
    w.saturating_sub(4 + width(label))
        .max(w / 3)
        .max(ends.min(w / 2))
}

/// The least width of the picker box on a terminal `width` cells wide: all but a margin of
/// two cells a side up to [`PICKER_WIDE`] cells, so an 80-column terminal gives event titles
/// 12 cells more than 80 % of it would (tester report 20, item 16: titles cut at 36 cells);
/// wider terminals get 80 % of their width once that is more.
fn picker_min_width(width: u16) -> u16 {
    width.saturating_sub(4).clamp(40.min(width), PICKER_WIDE)
}

/// The width up to which the picker box fills the terminal but for its margins.
const PICKER_WIDE: u16 = 96;

/// The fuzzy picker: query line, ranked rows with matched characters highlighted.
pub fn picker(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    p: &Picker,
    hits: &mut HitMap,
) -> Rect {
    let theme = &state.config.theme;
    let r = centered(
        area,
        80,
        80,
        picker_min_width(area.width),
        8.min(area.height),
    );
    clear(r, buf, state);
    let title = match p.mode {
        PickerMode::Events => " Events ",
        PickerMode::Search => " Search events, outlets, claims ",
        PickerMode::Annotations => " Annotated clusters ",
    };
    let block = frame(
        Line::from(vec![
            Span::styled(title, theme.title()),
            Span::styled(format!("· {}/{} ", p.matched, p.len()), theme.dim()),
        ]),
        state,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    let [input, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    // The query, with a visible cursor cell.
    let mut q: Vec<Span<'_>> = vec![Span::styled("> ", theme.accent())];
    let chars: Vec<char> = super::sanitize::clean(&p.query).chars().collect();
    let before: String = chars.iter().take(p.cursor).collect();
    let at: String = chars
        .get(p.cursor)
        .map(|c| c.to_string())
        .unwrap_or(" ".into());
    let after: String = chars.iter().skip(p.cursor + 1).collect();
    q.push(Span::raw(before));
    q.push(Span::styled(
        at,
        theme.base().add_modifier(Modifier::REVERSED),
    ));
    q.push(Span::raw(after));
    if let Some(note) = search_note(p) {
        q.push(Span::styled(format!("  {note}"), theme.dim()));
    }
    Paragraph::new(Line::from(q)).render(input, buf);

    let h = list.height as usize;
    let top = p.selected.saturating_sub(h.saturating_sub(1));
    let w = list.width as usize;
    // event rows: every detail starts in one column (dates under each other), as wide as the
    // widest detail shown, each fitted to the room the longest title leaves (so a short
    // title's full detail does not narrow the column of a long one: tester report 20,
    // item 16)
    let shown_rows = || {
        p.matches
            .iter()
            .skip(top)
            .take(h)
            .filter_map(|m| p.item(m.item))
    };
    let detail_room = shown_rows()
        .map(|it| detail_budget(&it.label, &it.detail, w))
        .min()
        .unwrap_or(w);
    let detail_col = (p.mode == PickerMode::Events).then(|| {
        shown_rows()
            .map(|it| {
                let d = fit_detail(&it.detail, detail_room);
                unicode_width::UnicodeWidthStr::width(d.as_str())
            })
            .max()
            .unwrap_or(0)
    });
    for (row, (i, m)) in p.matches.iter().enumerate().skip(top).take(h).enumerate() {
        let Some(item) = p.item(m.item) else {
            continue;
        };
        let y = list.y + row as u16;
        let rr = Rect::new(list.x, y, list.width, 1);
        if i == p.selected {
            buf.set_style(rr, theme.selection());
        }
        let mut spans = vec![Span::styled(
            if i == p.selected { "▶ " } else { "  " },
            theme.accent(),
        )];
        // An event row can give up its id for its outlet count; other rows keep their parts.
        let (detail, reserved) = if p.mode == PickerMode::Events {
            let d = fit_detail(&item.detail, detail_room);
            let n = detail_col.unwrap_or_else(|| d.chars().count());
            (d, n)
        } else {
            (item.detail.clone(), item.detail.chars().count().min(w / 3))
        };
        let label_w = w.saturating_sub(2 + reserved + 2);
        // a long label is shown around its first match, so the match stays visible
        let first = m.positions.iter().copied().min().unwrap_or(0);
        let last = m.positions.iter().copied().max().unwrap_or(0);
        let (label, window) = window_around(&item.label, label_w, first, last);
        let detail_w = w.saturating_sub(2 + label.chars().count() + 2);
        let mut run = String::new();
        let mut run_hit = false;
        for (ci, c) in label.chars().enumerate() {
            let original = match window {
                Some(_) if ci == 0 => None,
                Some(start) => Some(start + ci - 1),
                None => Some(ci),
            };
            let hit = original.is_some_and(|o| m.positions.contains(&o));
            if hit != run_hit && !run.is_empty() {
                spans.push(Span::styled(
                    std::mem::take(&mut run),
                    if run_hit {
                        theme.matched()
                    } else {
                        theme.base()
                    },
                ));
            }
            run_hit = hit;
            run.push(c);
        }
        if !run.is_empty() {
            spans.push(Span::styled(
                run,
                if run_hit {
                    theme.matched()
                } else {
                    theme.base()
                },
            ));
        }
        // short event titles padded, so the details line up
        let fill = if detail_col.is_some() {
            label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()))
        } else {
            0
        };
        spans.push(Span::styled(
            format!("{}  {}", " ".repeat(fill), truncate(&detail, detail_w)),
            theme.dim(),
        ));
        buf.set_line(list.x, y, &Line::from(spans), list.width);
        hits.add(rr, Target::PickerRow(i));
    }
    if p.matches.is_empty() {
        Paragraph::new(Line::styled("no matches", theme.dim())).render(list, buf);
    }
    r
}

/// The full article with the selected claim highlighted; text is sanitised paragraph by
/// paragraph, offsets are checked before use.
#[allow(clippy::too_many_arguments)]
pub fn article(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    (column, claim, scroll): (usize, Option<usize>, isize),
    find: Option<&Find>,
    hits: &mut HitMap,
) -> Rect {
    let theme = &state.config.theme;
    let r = centered(area, 90, 90, 40.min(area.width), 10.min(area.height));
    clear(r, buf, state);
    let cmp = state.comparison();
    let col = cmp.and_then(|c| c.columns.get(column));
    let art = col.and_then(|c| state.event().and_then(|e| e.articles.get(c.article)));
    let title = col
        .map(|c| {
            let outlet = state
                .corpus
                .as_ref()
                .map(|k| k.outlet_name(&c.outlet))
                .unwrap_or_else(|| c.outlet.clone());
            // An article without a headline: the outlet alone, no dangling separator.
            match c.headline.trim() {
                "" => format!(" {outlet} "),
                h => format!(" {outlet} · {h} "),
            }
        })
        .unwrap_or_else(|| " Article ".into());
    let block = frame(
        Line::from(Span::styled(
            truncate(
                &super::sanitize::clean(&title),
                r.width.saturating_sub(4) as usize,
            ),
            theme.title(),
        )),
        state,
    );
    let inner = block.inner(r);
    block.render(r, buf);
    hits.add(r, Target::Article);
    let Some(art) = art else {
        Paragraph::new(Line::styled("The article is not available.", theme.dim()))
            .render(inner, buf);
        return r;
    };
    // Every claim of this column as a body range with its kind; offsets are checked.
    let to_body = |c: &crate::analysis::Claim| -> Option<(usize, usize)> {
        let (s, e) = match art.origin {
            crate::corpus::TextOrigin::Verbatim { start, .. } => {
                (c.start.checked_sub(start)?, c.end.checked_sub(start)?)
            }
            _ => (c.start, c.end),
        };
        art.body.as_str().get(s..e).map(|_| (s, e))
    };
    let mut marks: Vec<(usize, usize, usize, crate::analysis::ClusterKind)> = cmp
        .and_then(|c| c.columns.get(column).map(|col| (c, col)))
        .map(|(c, col)| {
            col.claims
                .iter()
                .filter_map(|&id| {
                    let claim = c.claims.get(id)?;
                    let (s, e) = to_body(claim)?;
                    Some((s, e, id, state.claim_kind(c, id)?))
                })
                .collect()
        })
        .unwrap_or_default();
    marks.sort_by_key(|m| m.0);
    let mut meta = Vec::new();
    if let Some(d) = art.date {
        meta.push(d.to_string());
    }
    if let Some(a) = &art.author {
        meta.push(a.clone());
    }
    if let Some(u) = &art.url {
        meta.push(u.clone());
    }
    meta.push(art.path.display().to_string());
    let width = inner.width as usize;
    let meta = meta.join(" · ");
    // the headline first (the title bar cuts it on a narrow terminal), then date and path
    let mut lines: Vec<Line<'_>> = match art.title.trim() {
        "" => Vec::new(),
        h => wrap(
            &[safe(h, theme.title().add_modifier(Modifier::BOLD))],
            width,
            Span::raw(""),
            Span::raw(""),
        ),
    };
    lines.extend(wrap(
        &[safe(&meta, theme.dim())],
        width,
        Span::raw(""),
        Span::raw(""),
    ));
    lines.push(Line::raw(""));
    // Paragraphs with each claim marked by its glyph; the selected claim highlighted.
    let mut anchor = 0usize;
    let body = art.body.as_str();
    let mut pos = 0usize;
    for para in body.split("\n\n") {
        let start = pos;
        let end = start + para.len();
        pos = end + 2;
        if para.trim().is_empty() {
            continue;
        }
        let mut runs: Vec<Span<'_>> = Vec::new();
        let mut at = start;
        for &(s, e, id, kind) in marks.iter().filter(|m| m.0 >= start && m.0 < end) {
            if s < at {
                continue;
            }
            let e = e.min(end);
            if let Some(before) = body.get(at..s)
                && !before.is_empty()
            {
                runs.push(safe(before, theme.base()));
            }
            runs.push(Span::styled(format!("{} ", kind.glyph()), theme.kind(kind)));
            let style = if Some(id) == claim {
                anchor = lines.len();
                theme.selection().add_modifier(Modifier::BOLD)
            } else {
                theme.base()
            };
            if let Some(text) = body.get(s..e) {
                runs.push(safe(text, style));
            }
            at = e;
        }
        if let Some(rest) = body.get(at..end)
            && !rest.is_empty()
        {
            runs.push(safe(rest, theme.base()));
        }
        lines.extend(wrap(&runs, width, Span::raw(""), Span::raw("")));
        lines.push(Line::raw(""));
    }
    // A search: the last row is the query; matches are found line by line (case folded),
    // the current one is scrolled to and reversed, the others underlined.
    let query: Vec<char> = find
        .map(|f| f.query.chars().flat_map(char::to_lowercase).collect())
        .unwrap_or_default();
    let text_rows: Vec<Vec<char>> = lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .flat_map(|s| s.content.chars())
                .flat_map(char::to_lowercase)
                .collect()
        })
        .collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    if !query.is_empty() {
        for (i, row) in text_rows.iter().enumerate() {
            let mut at = 0;
            while at + query.len() <= row.len() {
                if row[at..at + query.len()] == query[..] {
                    found.push((i, at));
                    at += query.len();
                } else {
                    at += 1;
                }
            }
        }
    }
    let current = find.filter(|_| !found.is_empty()).map(|f| {
        let n = found.len();
        (f.current % n + n - f.back % n) % n
    });
    let h = (inner.height as usize).saturating_sub(usize::from(find.is_some()));
    let focus = current.map_or(anchor, |c| found[c].0);
    let base = focus.saturating_sub(h / 3) as isize;
    let max = lines.len().saturating_sub(h) as isize;
    let top = (base.saturating_add(scroll)).clamp(0, max.max(0)) as usize;
    for (row, line) in lines.iter().skip(top).take(h).enumerate() {
        let y = inner.y + row as u16;
        buf.set_line(inner.x, y, line, inner.width);
        for (k, &(li, col)) in found.iter().enumerate() {
            if li != top + row {
                continue;
            }
            // Cells of the match: characters before it, by display width.
            let x0: usize = text_rows[li][..col]
                .iter()
                .map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0))
                .sum();
            let w: usize = query
                .iter()
                .map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0))
                .sum();
            let style = if Some(k) == current {
                theme.matched().add_modifier(Modifier::REVERSED)
            } else {
                theme.matched().add_modifier(Modifier::UNDERLINED)
            };
            let cells = Rect::new(inner.x + x0 as u16, y, w as u16, 1).intersection(inner);
            buf.set_style(cells, style);
        }
    }
    if let Some(f) = find {
        let status = match (current, found.len()) {
            (_, 0) if f.query.is_empty() => String::new(),
            (_, 0) => "  no match".to_string(),
            (Some(c), n) => format!("  {}/{n}  n next · N previous", c + 1),
            (None, n) => format!("  {n}"),
        };
        let cursor = if f.typing { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled("find: ", theme.accent()),
            safe_owned_span(&f.query, theme.base()),
            Span::styled(cursor, theme.accent()),
            Span::styled(status, theme.dim()),
        ]);
        buf.set_line(inner.x, inner.bottom() - 1, &line, inner.width);
    }
    r
}

fn safe_owned_span<'a>(s: &str, style: ratatui::style::Style) -> Span<'a> {
    Span::styled(super::sanitize::clean(s).into_owned(), style)
}

/// The note editor of cluster `cluster` (an index from 0): its title says the note is on
/// the whole cluster, not the selected claim (tester report 22, finding 9); the text wraps
/// at words ([`note_rows`]).
pub fn note(
    area: Rect,
    buf: &mut Buffer,
    state: &AppState,
    (text, cursor, cluster): (&str, usize, usize),
) -> Rect {
    let theme = &state.config.theme;
    let r = centered(area, 70, 40, 30.min(area.width), 8.min(area.height));
    clear(r, buf, state);
    let title = one_line(
        &[Span::styled(
            format!(
                " Note on cluster {}, all its claims · Enter saves · Alt-Enter or Ctrl-J: new \
                 line · Esc cancels ",
                crate::report::cluster_number(cluster)
            ),
            theme.title(),
        )],
        r.width.saturating_sub(2) as usize,
    );
    let block = frame(title, state);
    let inner = block.inner(r);
    block.render(r, buf);
    let w = (inner.width as usize).saturating_sub(1).max(1);
    let (rows, cur_row, cur_col) = note_rows(text, cursor, w);
    let h = inner.height as usize;
    let top = cur_row.saturating_sub(h.saturating_sub(1));
    for (y, row) in rows.iter().enumerate().skip(top).take(h) {
        let yy = inner.y + (y - top) as u16;
        let line: String = row.iter().collect();
        buf.set_string(inner.x, yy, &line, theme.base());
        if y == cur_row {
            let at = row.get(cur_col).map_or(" ".to_string(), |c| c.to_string());
            buf.set_string(
                inner.x + cur_col as u16,
                yy,
                at,
                theme.base().add_modifier(Modifier::REVERSED),
            );
        }
    }
    r
}

/// The note editor's visual rows at `w` cells (`w` >= 1): each line of the note wrapped at
/// the last space that fits (a word longer than a row is cut), with the row and column of
/// the character index `cursor`. A space may hang one cell past `w` (the editor keeps that
/// cell for the cursor). A cursor after a full row sits at the start of the next. Each
/// character is made safe on its own, so the cursor stays where it is typed.
pub(crate) fn note_rows(text: &str, cursor: usize, w: usize) -> (Vec<Vec<char>>, usize, usize) {
    let w = w.max(1);
    let mut rows: Vec<Vec<char>> = vec![Vec::new()];
    let (mut cur_row, mut cur_col) = (0usize, 0usize);
    // the character index of each cell of the row being filled, to find the cursor after
    // a word moved down
    let mut row_idx: Vec<usize> = Vec::new();
    let mut placed: Option<usize> = None;
    for (i, c) in text.chars().enumerate() {
        if c == '\n' {
            if cursor == i {
                placed = Some(i);
                cur_row = rows.len() - 1;
                cur_col = row_idx.len();
            }
            rows.push(Vec::new());
            row_idx.clear();
            continue;
        }
        let len = row_idx.len();
        if len >= w && !(c == ' ' && len == w) {
            // wrap: move the word being typed down, after the last space of the row
            let last = rows.last().map_or(0, Vec::len);
            let cut = rows
                .last()
                .and_then(|r| r.iter().rposition(|&x| x == ' '))
                .map(|p| p + 1)
                .filter(|&p| p < last)
                .unwrap_or(last);
            let tail: Vec<char> = rows
                .last_mut()
                .map(|r| r.split_off(cut))
                .unwrap_or_default();
            let tail_idx = row_idx.split_off(cut.min(row_idx.len()));
            if placed.is_some_and(|p| tail_idx.contains(&p)) {
                cur_row = rows.len();
                cur_col = tail_idx
                    .iter()
                    .position(|&x| Some(x) == placed)
                    .unwrap_or(0);
            }
            rows.push(tail);
            row_idx = tail_idx;
        }
        if cursor == i {
            placed = Some(i);
            cur_row = rows.len() - 1;
            cur_col = row_idx.len();
        }
        let safe_c = super::sanitize::clean(&c.to_string())
            .chars()
            .next()
            .unwrap_or(' ');
        if let Some(r) = rows.last_mut() {
            r.push(safe_c);
        }
        row_idx.push(i);
    }
    if placed.is_none() {
        cur_row = rows.len() - 1;
        cur_col = row_idx.len();
    }
    // A cursor at the end of a full row sits at the start of the next.
    if cur_col >= w {
        cur_row += 1;
        cur_col = 0;
        if rows.len() <= cur_row {
            rows.push(Vec::new());
        }
    }
    (rows, cur_row, cur_col)
}

#[cfg(test)]
mod tests {
    use super::{detail_budget, fit_detail, note_rows, picker_min_width};

    fn rows_text(rows: &[Vec<char>]) -> Vec<String> {
        rows.iter().map(|r| r.iter().collect()).collect()
    }

    #[test]
    fn the_note_editor_wraps_at_words_and_keeps_the_cursor_on_its_character() {
        // tester report 22, finding 13: "res|ignation" was cut inside the word
        let text = "the envoy's resignation letter";
        let (rows, r, c) = note_rows(text, text.chars().count(), 16);
        assert_eq!(rows_text(&rows), ["the envoy's ", "resignation ", "letter"]);
        assert_eq!((r, c), (2, 6));
        // the cursor on the "r" of "resignation", moved down with its word
        let (_, r, c) = note_rows(text, 12, 16);
        assert_eq!((r, c), (1, 0));
        let (_, r, c) = note_rows(text, 4, 16);
        assert_eq!((r, c), (0, 4));
        // a word longer than a row is still cut, and a line break starts a row
        let (rows, ..) = note_rows("abcdefghij\nxy", 0, 4);
        assert_eq!(rows_text(&rows), ["abcd", "efgh", "ij", "xy"]);
        // the cursor on the line break is at the end of its line; at the end of a full
        // row, at the start of the next
        let (_, r, c) = note_rows("ab\ncd", 2, 4);
        assert_eq!((r, c), (0, 2));
        let (rows, r, c) = note_rows("abcd", 4, 4);
        assert_eq!((rows.len(), r, c), (2, 1, 0));
        // control characters typed or pasted are shown safe
        let (rows, ..) = note_rows("a\u{1b}b", 0, 10);
        assert!(!rows[0].contains(&'\u{1b}'));
    }

    #[test]
    fn the_picker_fills_a_narrow_terminal_but_its_margins_and_not_a_wide_one() {
        assert_eq!(picker_min_width(80), 76);
        assert_eq!(picker_min_width(100), 96);
        // 80 % of 200 (160) is more: `centered` takes that
        assert_eq!(picker_min_width(200), 96);
        assert_eq!(picker_min_width(42), 40);
        assert_eq!(picker_min_width(30), 30);
        assert_eq!(picker_min_width(0), 0);
    }

    #[test]
    fn a_picker_detail_leaves_out_the_id_before_the_outlet_count() {
        let d = "2021-10-14 · 2021-10-14-jobless-claims · 3 outlets";
        assert_eq!(fit_detail(d, 60), d);
        assert_eq!(fit_detail(d, 26), "2021-10-14 · 3 outlets");
        assert_eq!(fit_detail(d, 12), "2021-10-14 …");
    }

    #[test]
    fn a_short_label_leaves_its_room_to_the_detail_and_a_long_one_keeps_date_and_count() {
        let d = "2021-10-14 · 2021-10-14-jobless-claims · 3 outlets";
        assert_eq!(detail_budget("Colin Powell", d, 62), 46);
        let long = "Weekly Jobless Claims Fall to Lowest Level Since March 2020";
        assert_eq!(detail_budget(long, d, 62), 22);
        assert_eq!(detail_budget(long, d, 30), 15);
    }
}
