//! Colours and the styles built from them. Themes are data (assets/themes/*.toml).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::analysis::{ClusterKind, CueKind};

/// A resolved theme: every colour the UI uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    /// The background framediff paints under everything (so a theme does not depend on the
    /// terminal's own background or palette); `Reset` only for `NO_COLOR`.
    pub bg: Color,
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
            bg: get("bg"),
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
            bg: r,
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

    /// The theme's own background with body text colour: painted over the whole screen (and
    /// each modal) before anything is drawn, so no cell shows the terminal's background.
    pub fn background(&self) -> Style {
        Style::new().fg(self.fg).bg(self.bg)
    }

    /// Body text (on whatever background is under it: the theme's or a highlight).
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
    //! WCAG 2.x contrast of every theme, computed with the colours framediff draws: each
    //! theme paints its own background, so text is measured on that background and on the
    //! two highlight backgrounds (selection, counterpart). Every colour must be exact RGB: a
    //! palette name's value is the terminal's choice, so no contrast could be claimed for it.

    use ratatui::style::Color;

    use crate::config::THEMES;

    fn rgb(c: Color) -> Option<(u8, u8, u8)> {
        match c {
            Color::Rgb(r, g, b) => Some((r, g, b)),
            _ => None,
        }
    }

    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
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

    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn the_contrast_formula_matches_known_values() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((0x76, 0x76, 0x76), (255, 255, 255)) - 4.54).abs() < 0.01);
    }

    fn theme(name: &str, src: &str) -> super::Theme {
        let table: toml::Table = src.parse().expect("theme parses");
        let (t, warnings) = super::Theme::from_table(name, &table);
        assert!(warnings.is_empty(), "{warnings:?}");
        t
    }

    fn text_colours(t: &super::Theme) -> [(&'static str, Color); 16] {
        [
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
        ]
    }

    #[test]
    fn every_theme_colour_is_exact_rgb_not_a_palette_entry() {
        for (name, src) in THEMES {
            let t = theme(name, src);
            let mut all = text_colours(&t).to_vec();
            all.extend([
                ("bg", t.bg),
                ("border", t.border),
                ("border_focus", t.border_focus),
                ("bar", t.bar),
                ("selection_bg", t.selection_bg),
                ("counterpart_bg", t.counterpart_bg),
            ]);
            for (key, c) in all {
                assert!(rgb(c).is_some(), "{name}.{key} = {c:?} is not exact RGB");
            }
        }
    }

    #[test]
    fn every_theme_meets_wcag_aa_on_each_background_it_draws() {
        let mut failures = Vec::new();
        for (name, src) in THEMES {
            let t = theme(name, src);
            let c = |x: Color| rgb(x).expect("exact RGB (checked by its own test)");
            for (bg_key, bg) in [
                ("bg", t.bg),
                ("selection_bg", t.selection_bg),
                ("counterpart_bg", t.counterpart_bg),
            ] {
                for (key, fg) in text_colours(&t) {
                    let r = contrast(c(fg), c(bg));
                    if r < 4.5 {
                        failures.push(format!("{name}.{key} on {bg_key}: {r:.2}:1"));
                    }
                }
            }
            for (key, fg) in [
                ("border", t.border),
                ("border_focus", t.border_focus),
                ("bar", t.bar),
            ] {
                let r = contrast(c(fg), c(t.bg));
                if r < 3.0 {
                    failures.push(format!("{name}.{key}: {r:.2}:1 (non-text needs 3:1)"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
