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

#[cfg(test)]
mod contrast_tests {
    //! WCAG 2.x contrast of every theme, computed. Named ANSI colours are taken at xterm's
    //! default palette (terminals differ; the light theme uses exact greys for that reason).
    //! The background is the one each theme is for: white for `light`, black otherwise.

    use ratatui::style::Color;

    use crate::config::THEMES;

    fn rgb(c: Color) -> Option<(u8, u8, u8)> {
        Some(match c {
            Color::Rgb(r, g, b) => (r, g, b),
            Color::Black => (0, 0, 0),
            Color::Red => (0xcd, 0, 0),
            Color::Green => (0, 0xcd, 0),
            Color::Yellow => (0xcd, 0xcd, 0),
            Color::Blue => (0, 0, 0xee),
            Color::Magenta => (0xcd, 0, 0xcd),
            Color::Cyan => (0, 0xcd, 0xcd),
            Color::Gray => (0xe5, 0xe5, 0xe5),
            Color::DarkGray => (0x7f, 0x7f, 0x7f),
            Color::LightRed => (0xff, 0, 0),
            Color::LightGreen => (0, 0xff, 0),
            Color::LightYellow => (0xff, 0xff, 0),
            Color::LightBlue => (0x5c, 0x5c, 0xff),
            Color::LightMagenta => (0xff, 0, 0xff),
            Color::LightCyan => (0, 0xff, 0xff),
            Color::White => (0xff, 0xff, 0xff),
            _ => return None,
        })
    }

    fn luminance(c: Color) -> f64 {
        let (r, g, b) = rgb(c).expect("a colour with a known value");
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: Color, b: Color) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn the_contrast_formula_matches_known_values() {
        assert!((contrast(Color::Black, Color::White) - 21.0).abs() < 1e-9);
        assert!((contrast(Color::Rgb(0x76, 0x76, 0x76), Color::White) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_theme_meets_wcag_aa_for_text_and_3_to_1_for_borders() {
        let mut failures = Vec::new();
        for (name, src) in THEMES {
            let table: toml::Table = src.parse().expect("theme parses");
            let (t, warnings) = super::Theme::from_table(name, &table);
            assert!(warnings.is_empty(), "{warnings:?}");
            let bg = if name == "light" {
                Color::White
            } else {
                Color::Black
            };
            let text = [
                ("fg", t.fg),
                ("dim", t.dim),
                ("accent", t.accent),
                ("title", t.title),
                ("shared", t.shared),
                ("contrasting", t.contrasting),
                ("unique", t.unique),
                ("diff_only", t.diff_only),
                ("diff_moved", t.diff_moved),
                ("loaded", t.loaded),
                ("hedge", t.hedge),
                ("attribution", t.attribution),
                ("negation", t.negation),
                ("error", t.error),
                ("warning", t.warning),
                ("match", t.matched),
            ];
            for (key, c) in text {
                let r = contrast(c, bg);
                if r < 4.5 {
                    failures.push(format!("{name}.{key}: {r:.2}:1 on the background"));
                }
            }
            for (key, c) in [
                ("border", t.border),
                ("border_focus", t.border_focus),
                ("bar", t.bar),
            ] {
                let r = contrast(c, bg);
                if r < 3.0 {
                    failures.push(format!("{name}.{key}: {r:.2}:1 (non-text needs 3:1)"));
                }
            }
            for (key, b) in [
                ("selection_bg", t.selection_bg),
                ("counterpart_bg", t.counterpart_bg),
            ] {
                let r = contrast(t.fg, b);
                if r < 4.5 {
                    failures.push(format!("{name}: fg on {key}: {r:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
