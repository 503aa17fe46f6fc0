//! Screen geometry shared by the drawing code and [`AppState::update`](super::AppState::update):
//! the UI draws into these areas, and the state keeps its scroll windows (which outlet columns
//! are shown) for the same areas, so the two never disagree about where things are.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{DiffPane, DiffPosition};

/// `auto` puts the diff pane on the right from this many columns of compare area...
pub const AUTO_RIGHT_MIN_WIDTH: u16 = 180;
/// ...when the area is also at least this many times as wide as it is tall (a wide, short
/// terminal: below, the columns and the pane would both be cramped in height).
pub const AUTO_RIGHT_MIN_ASPECT: u16 = 3;
/// The diff pane on the right is never narrower than this.
pub const MIN_RIGHT_DIFF_WIDTH: u16 = 30;
/// Rows kept for the columns when the pane is below.
const MIN_COLUMN_ROWS: u16 = 6;

/// `pct` percent of `len` cells, rounded down, computed without overflow (`len * pct` leaves
/// `u16` from 656 columns at 100 %); never more than `len`.
pub fn percent(len: u16, pct: u16) -> u16 {
    let cells = u32::from(len) * u32::from(pct.min(100)) / 100;
    u16::try_from(cells).unwrap_or(len)
}

/// A count of things as cells, saturating at `u16::MAX` instead of wrapping.
pub fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Cells of the Claims matrix beside its outlet columns: borders, `#`, `≠`, a claim of
/// [`MATRIX_MIN_CLAIM`] cells and the spacing between them.
pub const MATRIX_FIXED: u16 = 2 + 4 + 2 + MATRIX_MIN_CLAIM + 3;

/// The fewest cells the Claims matrix keeps for its claim column before it shows another
/// outlet column: with the cell [`MATRIX_FIXED`] counts twice this leaves 30 cells of claim
/// text at 80 columns, enough to tell rows apart (at 10, rows of one event all read "Lindsay
/// Lohan…"), while 8 outlets still get cells wide enough for "1 I…".
pub const MATRIX_MIN_CLAIM: u16 = 28;

/// The narrowest outlet cell of the Claims matrix with `ncols` columns: the largest column
/// number whole and a space (3 at least), so every header can carry its number.
pub fn matrix_min_cell(ncols: usize) -> u16 {
    cells(ncols.to_string().len() + 1).max(3)
}

/// How many of `ncols` outlet columns the Claims matrix shows at `width` cells: all when
/// they fit at [`matrix_min_cell`], else as many as do (the rest scroll sideways).
pub fn matrix_fit(width: u16, ncols: usize) -> usize {
    let per = matrix_min_cell(ncols) + 1;
    usize::from(width.saturating_sub(MATRIX_FIXED) / per).clamp(1, ncols.max(1))
}

/// The outlet columns the Claims matrix shows at `width`: a window of [`matrix_fit`] columns
/// from `offset` (kept inside the columns).
pub fn matrix_columns(width: u16, ncols: usize, offset: usize) -> std::ops::Range<usize> {
    let fit = matrix_fit(width, ncols).min(ncols);
    let start = offset.min(ncols - fit);
    start..start + fit
}

/// The whole frame: tab bar, event header, screen body, status bar.
pub fn frame_areas(area: Rect) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Where the Compare screen's parts go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareAreas {
    /// The outlet columns, unless the diff pane is maximised.
    pub columns: Option<Rect>,
    /// The diff pane, when shown and there is room for it.
    pub diff: Option<Rect>,
    /// The diff pane sits right of the columns (rather than below them).
    pub right: bool,
}

impl DiffPosition {
    /// Whether the pane goes on the right in a compare area of this size. An explicit `right`
    /// still falls back to below when the columns and a readable pane do not both fit.
    pub fn is_right(self, area: Rect, min_column_width: u16) -> bool {
        let fits = area.width >= min_column_width.saturating_add(MIN_RIGHT_DIFF_WIDTH);
        match self {
            DiffPosition::Below => false,
            DiffPosition::Right => fits,
            DiffPosition::Auto => {
                fits && area.width >= AUTO_RIGHT_MIN_WIDTH
                    && area.width >= area.height.saturating_mul(AUTO_RIGHT_MIN_ASPECT)
            }
        }
    }
}

/// Splits the compare area between the columns and the diff pane. The pane takes a fixed
/// share (`d.height` percent of the height below, of the width on the right), so the columns
/// do not jump as the selection moves between clusters of different sizes.
pub fn compare_areas(area: Rect, d: DiffPane, min_column_width: u16) -> CompareAreas {
    if !d.visible {
        return CompareAreas {
            columns: Some(area),
            diff: None,
            right: false,
        };
    }
    let right = d.position.is_right(area, min_column_width);
    if d.maximised {
        return CompareAreas {
            columns: None,
            diff: Some(area),
            right,
        };
    }
    if right {
        let diff_w = percent(area.width, d.height)
            .max(MIN_RIGHT_DIFF_WIDTH)
            .min(area.width.saturating_sub(min_column_width));
        let [c, p] =
            Layout::horizontal([Constraint::Min(0), Constraint::Length(diff_w)]).areas(area);
        return CompareAreas {
            columns: Some(c),
            diff: Some(p),
            right,
        };
    }
    let diff_h = percent(area.height, d.height)
        .max(5)
        .min(area.height.saturating_sub(MIN_COLUMN_ROWS));
    let [c, p] = Layout::vertical([Constraint::Min(MIN_COLUMN_ROWS), Constraint::Length(diff_h)])
        .areas(area);
    CompareAreas {
        columns: Some(c),
        diff: (diff_h >= 3).then_some(p),
        right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_of_wide_terminals_do_not_overflow() {
        assert_eq!(percent(1000, 40), 400);
        assert_eq!(percent(u16::MAX, 100), u16::MAX);
        assert_eq!(percent(u16::MAX, 250), u16::MAX, "over 100 % is 100 %");
        assert_eq!(cells(70_000), u16::MAX);
        let d = DiffPane {
            visible: true,
            maximised: false,
            height: 40,
            position: DiffPosition::Right,
            scroll: 0,
        };
        let a = compare_areas(Rect::new(0, 0, 1000, 100), d, 40);
        assert!(a.right);
        assert_eq!(a.diff.map(|r| r.width), Some(400));
    }
}
