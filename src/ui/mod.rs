//! Pure drawing: state in, cells out. Nothing here changes state or parses text; every string
//! that came from a corpus is sanitised on its way into a span (see [`text::safe`]).
//!
//! [`draw`] also returns a [`HitMap`]: which target sits under which cells, so the runtime can
//! turn a mouse click into an action without the state knowing about layout.

mod compare;
mod overlays;
pub use overlays::help_scroll_range;
pub mod sanitize;
mod screens;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::app::{AppState, Command, Context, Overlay, Screen, Target};
use crate::ui::text::{safe, truncate};

/// Mouse targets of the last frame, later entries on top.
#[derive(Debug, Clone, Default)]
pub struct HitMap {
    areas: Vec<(Rect, Target)>,
    /// While a modal is open, clicks outside it hit nothing.
    modal: Option<Rect>,
}

impl HitMap {
    /// Records that `area` shows `target` (drawn later = on top).
    pub fn add(&mut self, area: Rect, target: Target) {
        self.areas.push((area, target));
    }

    /// The topmost target under a cell.
    pub fn at(&self, x: u16, y: u16) -> Option<Target> {
        let p = Position::new(x, y);
        if let Some(m) = self.modal
            && !m.contains(p)
        {
            return None;
        }
        self.areas
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, t)| *t)
    }
}

/// Draws the whole UI for `state` into the frame.
pub fn draw(frame: &mut Frame<'_>, state: &AppState) -> HitMap {
    let mut hits = HitMap::default();
    render(frame.area(), frame.buffer_mut(), state, &mut hits);
    hits
}

/// Draws into a buffer (what [`draw`] does; tests and benches call it directly).
pub fn render(area: Rect, buf: &mut Buffer, state: &AppState, hits: &mut HitMap) {
    // A terminal reporting no columns or no rows (a resize in progress): nothing to draw.
    if area.is_empty() {
        return;
    }
    let theme = &state.config.theme;
    buf.set_style(area, theme.background());
    let [tabs, header, body, status] = crate::app::layout::frame_areas(area);
    draw_tabs(tabs, buf, state, hits);
    draw_header(header, buf, state);
    match state.screen {
        Screen::Compare => compare::draw(body, buf, state, hits),
        Screen::Matrix => screens::matrix(body, buf, state, hits),
        Screen::Profile => screens::profile(body, buf, state, hits),
        Screen::Problems => screens::problems(body, buf, state, hits),
    }
    draw_status(status, buf, state);
    if let Some(o) = &state.overlay {
        let modal = match o {
            Overlay::Help { scroll, under } => {
                overlays::help(area, buf, state, *scroll, under.as_deref(), hits)
            }
            Overlay::Picker(p) => overlays::picker(area, buf, state, p, hits),
            Overlay::Article {
                column,
                claim,
                scroll,
                find,
            } => overlays::article(
                area,
                buf,
                state,
                (*column, *claim, *scroll),
                find.as_ref(),
                hits,
            ),
            Overlay::Note {
                text,
                cursor,
                cluster,
                ..
            } => overlays::note(area, buf, state, (text, *cursor, *cluster)),
        };
        hits.modal = Some(modal);
    }
}

fn draw_tabs(area: Rect, buf: &mut Buffer, state: &AppState, hits: &mut HitMap) {
    // A terminal too short for this row: nothing to draw (and no row to write to).
    if area.is_empty() {
        return;
    }
    let theme = &state.config.theme;
    let mut x = area.x;
    let brand = " framediff ";
    buf.set_string(
        x,
        area.y,
        brand,
        theme.accent().add_modifier(Modifier::REVERSED),
    );
    x = x.saturating_add(crate::app::layout::cells(brand.len() + 1));
    let problems = state.problem_count();
    for s in Screen::ALL {
        let label = match s {
            Screen::Problems if problems > 0 => format!(" {} ({problems}) ", s.title()),
            _ => format!(" {} ", s.title()),
        };
        let w = crate::app::layout::cells(label.chars().count());
        if x.saturating_add(w) > area.right() {
            break;
        }
        let style = if s == state.screen {
            theme.title().add_modifier(Modifier::REVERSED)
        } else if s == Screen::Problems && problems > 0 {
            theme.warning()
        } else {
            theme.dim()
        };
        buf.set_string(x, area.y, &label, style);
        hits.add(Rect::new(x, area.y, w, 1), Target::Tab(s));
        x += w;
    }
    let help = state
        .config
        .keymap
        .hint(Context::Global, Command::Help)
        .map(|k| format!("{k} help "))
        .unwrap_or_default();
    let hw = crate::app::layout::cells(help.chars().count());
    if x.saturating_add(hw) < area.right() {
        buf.set_string(area.right() - hw, area.y, &help, theme.dim());
    }
}

/// " (1 hidden, 1 pinned)" after the outlet count, or nothing: kept with the count when the
/// header is cut, so a reader always sees that columns were hidden or moved.
fn hidden_and_pinned(state: &AppState) -> String {
    let mut parts = Vec::new();
    if !state.compare.hidden.is_empty() {
        parts.push(format!("{} hidden", state.compare.hidden.len()));
    }
    if !state.compare.pinned.is_empty() {
        parts.push(format!("{} pinned", state.compare.pinned.len()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

/// Cells of the event title the header keeps before it writes the kind filter by glyph only.
const TITLE_ROOM: usize = 30;

fn draw_header(area: Rect, buf: &mut Buffer, state: &AppState) {
    // A terminal too short for this row: nothing to draw (and no row to write to).
    if area.is_empty() {
        return;
    }
    let theme = &state.config.theme;
    let mut spans: Vec<Span<'_>> = Vec::new();
    match (state.event(), state.comparison()) {
        (Some(ev), cmp) => {
            spans.push(safe(&ev.title, theme.title()));
            let dated = ev.date.is_some();
            if let Some(d) = ev.date {
                spans.push(Span::styled(format!("  {d}"), theme.dim()));
            }
            // Invented texts under real outlet names must say so wherever they are shown:
            // early in the line, so a narrow terminal cuts something else.
            if state.illustrative.is_some() {
                spans.push(Span::styled(
                    "  illustrative text",
                    theme.warning().add_modifier(Modifier::BOLD),
                ));
            }
            // distinct outlets, as the event picker counts them; articles apart when an
            // outlet has several
            let n = cmp.map_or_else(
                || format!("{} outlets", ev.outlet_ids().len()),
                |c| match crate::report::single_outlet(c) {
                    true => format!(
                        "{} · {}",
                        crate::report::outlets_phrase(c),
                        crate::report::NOTHING_TO_COMPARE
                    ),
                    false => crate::report::outlets_phrase(c),
                },
            );
            spans.push(Span::styled(
                format!("  {n}{}", hidden_and_pinned(state)),
                theme.dim(),
            ));
            // the active kind filter is kept with them (tester report 26, finding 8: it was
            // cut at 160 columns and gone at 80, so the reader could not see why claims were
            // missing): in full ("= shared") where the line has room with a title of
            // TITLE_ROOM cells, else by glyph ("filter: = ≠")
            let kinds = state.compare.filter.kinds();
            if !kinds.is_empty() {
                let right = cmp
                    .filter(|c| !crate::report::single_outlet(c))
                    .map_or(0, |c| {
                        totals(state, c, area.width as usize, theme)
                            .iter()
                            .map(Span::width)
                            .sum::<usize>()
                    });
                let before = spans[0].width().min(TITLE_ROOM)
                    + spans[1..].iter().map(Span::width).sum::<usize>();
                let full = "  filter:".len()
                    + kinds
                        .iter()
                        .map(|k| 3 + k.as_str().chars().count())
                        .sum::<usize>();
                let compact = before + full + right > area.width as usize;
                spans.push(Span::styled("  filter:", theme.dim()));
                for k in kinds {
                    let label = if compact {
                        format!(" {}", k.glyph())
                    } else {
                        format!(" {} {}", k.glyph(), k.as_str())
                    };
                    spans.push(Span::styled(label, theme.kind(k)));
                }
            }
            // the title, date, "illustrative text", outlets and filter: kept before the totals
            let mut essential = spans.len();
            // event.toml: tags, then as much of the summary as fits.
            if !ev.tags.is_empty() {
                let mut tags: Vec<String> =
                    ev.tags.iter().take(3).map(|t| format!("#{t}")).collect();
                if ev.tags.len() > 3 {
                    tags.push("…".into());
                }
                spans.push(safe_owned(format!("  {}", tags.join(" ")), theme.dim()));
            }
            if let Some(summary) = &ev.summary {
                spans.push(safe_owned(format!("  {summary}"), theme.dim()));
            }
            if let Some(c) = cmp.filter(|c| !crate::report::single_outlet(c)) {
                let right = totals(state, c, area.width as usize, theme);
                let w: usize = right.iter().map(Span::width).sum();
                let left = (area.width as usize).saturating_sub(w);
                // the date (each column gives it too) goes before the outlet count, hidden
                // and pinned are cut
                let least: usize = 12 + spans[1..essential].iter().map(Span::width).sum::<usize>();
                if dated && least > left {
                    spans.remove(1);
                    essential -= 1;
                }
                shorten_title(&mut spans, essential, left);
                fit_rest(&mut spans, essential, left);
                Paragraph::new(text::one_line(&spans, left)).render(area, buf);
                let at = Rect::new(area.x + left as u16, area.y, area.width - left as u16, 1);
                Paragraph::new(Line::from(right)).render(at, buf);
                return;
            }
        }
        (None, _) => {
            let text = match (&state.corpus, &state.corpus_error) {
                (_, Some(_)) => "The corpus could not be loaded — see Problems".to_string(),
                (Some(_), _) if let Some(reason) = state.no_articles_reason() => {
                    format!("No events: {reason} — see Problems (!)")
                }
                (Some(c), _) if c.events.is_empty() => format!(
                    "No events found in {} — see Problems (!)",
                    state.corpus_path.display()
                ),
                (Some(c), _) => format!(
                    "{} events · {} articles{}{}",
                    c.events.len(),
                    c.article_count(),
                    // The hint only while the event picker is not already open.
                    if compare::event_picker_open(state) {
                        ""
                    } else {
                        " · press : to pick an event"
                    },
                    if state.illustrative.is_some() {
                        " · illustrative text"
                    } else {
                        ""
                    }
                ),
                (None, None) => format!("Opening {}", state.corpus_path.display()),
            };
            spans.push(safe_owned(text, theme.dim()));
        }
    }
    Paragraph::new(text::one_line(&spans, area.width as usize)).render(area, buf);
}

/// Cuts the title (`spans[0]`) so that it and the next spans up to `essential` fit in
/// `width` cells, keeping at least 12 cells of it: the totals at the header's right end
/// never push "illustrative text" or the outlet count out of the line.
fn shorten_title(spans: &mut [Span<'_>], essential: usize, width: usize) {
    let rest: usize = spans[1..essential].iter().map(Span::width).sum();
    let room = width.saturating_sub(rest).max(12);
    if spans[0].width() > room {
        let cut = truncate(&spans[0].content, room);
        spans[0] = Span::styled(cut, spans[0].style);
    }
}

/// Keeps of the spans after `essential` (filter, pins, tags, summary) what fits in `width`
/// cells, the first that does not cut with `…` ([`truncate`]), so that the line is never
/// wrapped back into the essential spans.
fn fit_rest(spans: &mut Vec<Span<'_>>, essential: usize, width: usize) {
    let mut used: usize = spans[..essential].iter().map(Span::width).sum();
    for k in essential..spans.len() {
        let room = width.saturating_sub(used);
        if spans[k].width() > room {
            let cut = truncate(&spans[k].content, room);
            spans[k] = Span::styled(cut, spans[k].style);
            spans.truncate(k + usize::from(room >= 4));
            return;
        }
        used += spans[k].width();
    }
}

/// The event's cluster totals as `compare` prints them, for the header's right end:
/// "  22 shared (7 copied) · 0 contrasting · 25 unique" where that takes at most a third of
/// the line, else by glyph ("  = 22 (7 copied)  ≠ 0  + 25", 80 columns). "copied": shared only
/// through copies of one source ([`crate::report::shared_through_copies`]). The counts follow
/// the reader's verdicts ([`AppState::effective_kind`]); when those change them, a `✎`
/// follows (" ✎ yours" where there is room).
fn totals(
    state: &AppState,
    cmp: &crate::analysis::Comparison,
    width: usize,
    theme: &theme::Theme,
) -> Vec<Span<'static>> {
    use crate::analysis::ClusterKind as K;
    let kind = |c: &crate::analysis::Cluster| state.effective_kind(cmp, c.id).unwrap_or(c.kind);
    let count = |k: K| cmp.clusters.iter().filter(|c| kind(c) == k).count();
    let overruled = cmp.clusters.iter().any(|c| kind(c) != c.kind);
    let copied = match crate::report::shared_through_copies(cmp) {
        0 => String::new(),
        n => format!(" ({n} copied)"),
    };
    let kinds = [K::Shared, K::Contrasting, K::Unique];
    let long: Vec<String> = kinds
        .iter()
        .map(|&k| match k {
            K::Shared => format!("{} shared{copied}", count(k)),
            _ => format!("{} {}", count(k), k.as_str()),
        })
        .collect();
    let long_w = 2 + long.iter().map(|p| p.chars().count() + 3).sum::<usize>() - 3;
    let mut spans = vec![Span::raw("  ")];
    for (i, &k) in kinds.iter().enumerate() {
        let text = match long_w * 3 <= width {
            true => long[i].clone(),
            false if k == K::Shared => format!("{} {}{copied}", k.glyph(), count(k)),
            false => format!("{} {}", k.glyph(), count(k)),
        };
        if i > 0 {
            spans.push(Span::styled(
                if long_w * 3 <= width { " · " } else { "  " },
                theme.dim(),
            ));
        }
        spans.push(Span::styled(text, theme.kind(k)));
    }
    if overruled {
        let mark = if long_w * 3 <= width {
            " ✎ yours"
        } else {
            " ✎"
        };
        spans.push(Span::styled(mark, theme.accent()));
    }
    spans
}

fn safe_owned(s: String, style: Style) -> Span<'static> {
    Span::styled(sanitize::clean(&s).into_owned(), style)
}

const SPINNER: [char; 8] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧'];

fn draw_status(area: Rect, buf: &mut Buffer, state: &AppState) {
    // A terminal too short for this row: nothing to draw (and no row to write to).
    if area.is_empty() {
        return;
    }
    let theme = &state.config.theme;
    let width = area.width as usize;
    if let Some(b) = &state.busy {
        // Progress: steps done as a filled bar, with a moving head while the step runs.
        let elapsed = state.tick.saturating_sub(b.since_tick);
        let spin = SPINNER[(elapsed as usize) % SPINNER.len()];
        let files = match (b.progress, b.embedding) {
            (Some(p), _) => format!(
                " {} {}/{} {}",
                p.stage.label(),
                p.done,
                p.total,
                p.stage.unit()
            ),
            (None, Some(e)) => format!(" embedding {}/{} sentences", e.done, e.total),
            (None, None) => String::new(),
        };
        // the count of sentences embedded stays in view: the title gives way to it
        let room = match b.embedding {
            Some(_) => width.saturating_sub(20 + files.chars().count()),
            None => width.saturating_sub(40),
        };
        let label = format!(
            " {spin} {} ({}/{}){files} {:.1}s ",
            truncate(&b.label, room.max(8)),
            b.step,
            b.steps,
            elapsed as f64 / 10.0
        );
        let bar_w = width.saturating_sub(label.chars().count() + 1).min(40);
        let steps = b.steps.max(1) as usize;
        let step_w = bar_w / steps;
        let mut done = (bar_w * (b.step as usize).saturating_sub(1).min(steps)) / steps;
        // Within the step: real progress when reported, else a moving head.
        let head = match (b.progress, b.embedding) {
            (Some(p), _) => {
                // every stage of the load on one bar
                done += (step_w as f64 * p.stage.overall(p.done, p.total)) as usize;
                usize::MAX
            }
            (None, Some(e)) if e.total > 0 => {
                // the analysis step, by sentences embedded (the rest of it is short)
                done += step_w * e.done.min(e.total) / e.total;
                usize::MAX
            }
            _ if step_w > 0 => done + (elapsed as usize % step_w),
            _ => done,
        };
        let bar: String = (0..bar_w)
            .map(|i| {
                if i < done {
                    '█'
                } else if i == head {
                    '▓'
                } else {
                    '░'
                }
            })
            .collect();
        let line = Line::from(vec![
            Span::styled(label, theme.accent()),
            Span::styled(bar, theme.bar()),
        ]);
        Paragraph::new(line).render(area, buf);
        return;
    }
    if let Some(s) = &state.status {
        let style = if s.error {
            theme.error()
        } else {
            theme.accent()
        };
        Paragraph::new(Line::from(safe_owned(
            truncate(&format!(" {}", s.text), width),
            style,
        )))
        .render(area, buf);
        return;
    }
    let km = &state.config.keymap;
    let ctx = state.context();
    let hint = |c: Context, cmd: Command| km.hint_in(ctx, c, cmd);
    let items = std::cell::RefCell::new(Vec::<(String, &str)>::new());
    let push = |c: Context, cmd: Command, label: &'static str| {
        if let Some(k) = hint(c, cmd) {
            items.borrow_mut().push((k, label));
        }
    };
    // The first two keys ("q/Esc close"), where the second is as likely to be tried.
    let push_keys = |c: Context, cmd: Command, label: &'static str| {
        if let Some((_, ks)) = km.bindings(c).iter().find(|(x, _)| *x == cmd)
            && !ks.is_empty()
        {
            let keys: Vec<String> = ks.iter().take(2).map(|k| k.to_string()).collect();
            items.borrow_mut().push((keys.join("/"), label));
        }
    };
    // Two commands' first keys as one hint ("h/l outlet").
    let push_pair = |c: Context, (a, b): (Command, Command), label: &'static str| {
        if let (Some(x), Some(y)) = (hint(c, a), hint(c, b)) {
            items.borrow_mut().push((format!("{x}/{y}"), label));
        }
    };
    match ctx {
        // Most useful first: what does not fit at the right is dropped, and `?` lists all.
        Context::Compare => {
            push(Context::Global, Command::Help, "help");
            push(Context::Global, Command::Quit, "quit");
            push(Context::Compare, Command::NextContrast, "next ≠");
            push(Context::Global, Command::EventPicker, "events");
            push(Context::Global, Command::Search, "search");
            push(Context::Global, Command::Export, "export");
            push(Context::Compare, Command::OpenArticle, "article");
            push(Context::Compare, Command::Agree, "agree");
            push(Context::Global, Command::ScreenMatrix, "matrix");
            push(Context::Global, Command::ScreenProfile, "profile");
            push(Context::Compare, Command::ToggleDiff, "diff");
            push(Context::Compare, Command::ExcludeMember, "not this fact");
        }
        Context::Picker => {
            push(Context::Picker, Command::Accept, "open");
            push(Context::Picker, Command::Down, "next");
            push(Context::Picker, Command::Close, "close");
            push(Context::Picker, Command::Help, "help (or ? before typing)");
        }
        Context::Note => {
            push(Context::Note, Command::Accept, "save note");
            push(Context::Note, Command::Close, "cancel");
        }
        Context::Article => {
            push_keys(ctx, Command::Close, "close");
            push(ctx, Command::Help, "help");
            push(ctx, Command::Down, "scroll");
            push(ctx, Command::Find, "find");
            push(ctx, Command::FindNext, "next match");
            push(ctx, Command::FindPrev, "previous match");
        }
        Context::Help => {
            push(ctx, Command::Down, "scroll");
            push(ctx, Command::Close, "close");
        }
        Context::Matrix => {
            push(Context::Global, Command::Help, "help");
            push(Context::Global, Command::Quit, "quit");
            push(Context::Matrix, Command::OpenArticle, "show in Compare");
            push(Context::Matrix, Command::CycleSort, "sort");
            push(Context::Global, Command::Back, "back");
            push(Context::Global, Command::Export, "export");
        }
        Context::Profile => {
            // h/l pick the outlet, which also scrolls the table to it (tester report 24,
            // finding 11: at 80x24 the table shows 7 of 21 outlets)
            push(Context::Global, Command::Help, "help");
            push(Context::Global, Command::Back, "back");
            push(Context::Global, Command::Quit, "quit");
            push_pair(Context::Profile, (Command::Left, Command::Right), "outlet");
            push(Context::Profile, Command::Down, "scroll details");
        }
        _ => {
            push(Context::Global, Command::Help, "help");
            push(Context::Global, Command::Back, "back");
            push(Context::Global, Command::Quit, "quit");
        }
    }
    let (n, orphaned) = state.annotation_counts();
    // the backend is named when it is not the lexical default; the tag on the right is
    // placed first (up to half the line), so the key hints never crowd it out
    // an event the model could not embed was compared lexically: the tag says so
    let backend = if matches!(state.config.similarity, crate::analysis::Backend::Lexical) {
        String::new()
    } else if state
        .comparison()
        .is_some_and(|c| c.backend_problem.is_some())
    {
        "lexical-idf (model failed, see Problems) ".to_string()
    } else {
        format!("{} ", state.config.similarity.label())
    };
    let annotated = match (n, orphaned) {
        (0, 0) => String::new(),
        (n, 0) => format!("✎ {n} annotated  "),
        (n, o) => format!("✎ {n} annotated · {o} orphaned  "),
    };
    let tag = sanitize::clean(&format!("{annotated}{backend}")).into_owned();
    let tag = if tag.trim().is_empty() {
        String::new()
    } else {
        tag.trim_end_matches(' ').to_string() + " "
    };
    // a tag longer than half the line (a long model label) is cut there, never dropped:
    // the backend in use wins over key hints
    let tag = if tag.chars().count() * 2 > width {
        text::truncate(tag.trim_end(), (width / 2).saturating_sub(1)) + " "
    } else {
        tag
    };
    let tag_w = tag.chars().count();
    let tag_fits = tag_w > 1 && tag_w * 2 <= width + 1;
    let hints_width = if tag_fits { width - tag_w - 1 } else { width };
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, label) in items.into_inner() {
        let w = k.chars().count() + label.chars().count() + 3;
        if used + w > hints_width {
            break;
        }
        spans.push(Span::styled(k, theme.accent()));
        spans.push(Span::styled(format!(" {label}  "), theme.dim()));
        used += w;
    }
    if tag_fits {
        buf.set_string(area.right() - tag_w as u16, area.y, &tag, theme.dim());
    }
    Paragraph::new(Line::from(spans)).render(area, buf);
}

/// A centred rectangle of `pw`% x `ph`% of `area`, at least `min_w` x `min_h` cells.
pub(crate) fn centered(area: Rect, pw: u16, ph: u16, min_w: u16, min_h: u16) -> Rect {
    use crate::app::layout::percent;
    let w = percent(area.width, pw).max(min_w).min(area.width);
    let h = percent(area.height, ph).max(min_h).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
