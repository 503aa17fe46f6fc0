//! Colours and the styles built from them. Themes are data (assets/themes/*.toml).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::{ClusterKind, CueKind};

/// A resolved theme: every colour the UI uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub fg: Color,
    pub dim: Color,
    pub accent: Color,
    pub border: Color,
    pub border_focus: Color,
    pub title: Color,
    pub selection_bg: Color,
    pub counterpart_bg: Color,
    pub shared: Color,
    pub contrasting: Color,
    pub unique: Color,
    pub diff_only: Color,
    pub diff_moved: Color,
    pub loaded: Color,
    pub hedge: Color,
    pub attribution: Color,
    pub negation: Color,
    pub error: Color,
    pub warning: Color,
    pub matched: Color,
    pub bar: Color,
    /// True for the `NO_COLOR` theme: emphasis comes from modifiers only.
    pub monochrome: bool,
}

impl Theme {
    /// Builds a theme from a TOML table of colour names; unknown or missing entries fall back
    /// to the terminal default and are reported.
    pub fn from_table(name: &str, t: &toml::Table) -> (Theme, Vec<String>) {
        let mut warnings = Vec::new();
        let mut get = |key: &str| -> Color {
            match t.get(key).and_then(|v| v.as_str()) {
                Some(s) => Color::from_str(s).unwrap_or_else(|_| {
                    warnings.push(format!(
                        "theme {name}: colour {key} = {s:?} is not a colour"
                    ));
                    Color::Reset
                }),
                None => {
                    warnings.push(format!("theme {name}: colour {key} missing"));
                    Color::Reset
                }
            }
        };
        let theme = Theme {
            name: name.to_string(),
            fg: get("fg"),
            dim: get("dim"),
            accent: get("accent"),
            border: get("border"),
            border_focus: get("border_focus"),
            title: get("title"),
            selection_bg: get("selection_bg"),
            counterpart_bg: get("counterpart_bg"),
            shared: get("shared"),
            contrasting: get("contrasting"),
            unique: get("unique"),
            diff_only: get("diff_only"),
            diff_moved: get("diff_moved"),
            loaded: get("loaded"),
            hedge: get("hedge"),
            attribution: get("attribution"),
            negation: get("negation"),
            error: get("error"),
            warning: get("warning"),
            matched: get("match"),
            bar: get("bar"),
            monochrome: false,
        };
        (theme, warnings)
    }

    /// The theme used when `NO_COLOR` is set: no colours at all, only bold, underline, reverse.
    pub fn no_color() -> Theme {
        let r = Color::Reset;
        Theme {
            name: "no-color".into(),
            fg: r,
            dim: r,
            accent: r,
            border: r,
            border_focus: r,
            title: r,
            selection_bg: r,
            counterpart_bg: r,
            shared: r,
            contrasting: r,
            unique: r,
            diff_only: r,
            diff_moved: r,
            loaded: r,
            hedge: r,
            attribution: r,
            negation: r,
            error: r,
            warning: r,
            matched: r,
            bar: r,
            monochrome: true,
        }
    }

    /// Body text.
    pub fn base(&self) -> Style {
        Style::new().fg(self.fg)
    }

    /// Secondary text: metadata, equal diff tokens.
    pub fn dim(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new().fg(self.dim)
        }
    }

    /// Headlines and titles.
    pub fn title(&self) -> Style {
        Style::new().fg(self.title).add_modifier(Modifier::BOLD)
    }

    /// Key names, labels, the focused column.
    pub fn accent(&self) -> Style {
        Style::new().fg(self.accent).add_modifier(Modifier::BOLD)
    }

    /// Pane borders; the focused pane stands out.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            Style::new()
                .fg(self.border_focus)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(self.border)
        }
    }

    /// The selected row or claim.
    pub fn selection(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().bg(self.selection_bg)
        }
    }

    /// Claims in other columns that belong to the selected cluster.
    pub fn counterpart(&self) -> Style {
        if self.monochrome {
            Style::new().add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new().bg(self.counterpart_bg)
        }
    }

    /// The colour of a claim kind (always paired with its glyph).
    pub fn kind_color(&self, kind: ClusterKind) -> Color {
        match kind {
            ClusterKind::Shared => self.shared,
            ClusterKind::Contrasting => self.contrasting,
            ClusterKind::Unique => self.unique,
        }
    }

    /// Style of a claim-kind glyph; bold so it reads in monochrome too.
    pub fn kind(&self, kind: ClusterKind) -> Style {
        Style::new()
            .fg(self.kind_color(kind))
            .add_modifier(Modifier::BOLD)
    }

    /// Framing cues inside claim text, underlined so they read without colour.
    pub fn cue(&self, kind: CueKind) -> Style {
        let c = match kind {
            CueKind::Loaded => self.loaded,
            CueKind::Hedge => self.hedge,
            CueKind::Attribution => self.attribution,
            CueKind::Negation => self.negation,
        };
        Style::new().fg(c).add_modifier(Modifier::UNDERLINED)
    }

    /// Diff tokens only on one side.
    pub fn diff_only(&self) -> Style {
        Style::new()
            .fg(self.diff_only)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Diff tokens present on both sides but elsewhere.
    pub fn diff_moved(&self) -> Style {
        Style::new()
            .fg(self.diff_moved)
            .add_modifier(Modifier::ITALIC)
    }

    /// Fuzzy-match characters in picker rows.
    pub fn matched(&self) -> Style {
        Style::new()
            .fg(self.matched)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Errors in the status bar and Problems.
    pub fn error(&self) -> Style {
        Style::new().fg(self.error).add_modifier(Modifier::BOLD)
    }

    /// Warnings in Problems.
    pub fn warning(&self) -> Style {
        Style::new().fg(self.warning)
    }

    /// Bars and sparklines.
    pub fn bar(&self) -> Style {
        Style::new().fg(self.bar)
    }
}
