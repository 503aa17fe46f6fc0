//! Configuration: defaults embedded from `assets/`, merged with the user's file.
//!
//! The user writes only what differs from the defaults; tables are merged key by key, so a user
//! file with one rebinding keeps every other key. A bad user file never stops the program: a
//! key that is unknown or has a value of the wrong type is reported and left out (the rest of
//! the file applies); a file that is not valid TOML is reported and the defaults are used.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::DiffPosition;
use crate::app::keymap::Keymap;
use crate::ui::theme::Theme;

/// The embedded default configuration.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");
/// The embedded default key bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../assets/keymap.toml");
/// The embedded themes, by name.
pub const THEMES: [(&str, &str); 3] = [
    ("dark", include_str!("../assets/themes/dark.toml")),
    ("light", include_str!("../assets/themes/light.toml")),
    (
        "colour-blind",
        include_str!("../assets/themes/colour-blind.toml"),
    ),
];

/// Settings after merging defaults, user file and command-line options.
#[derive(Debug, Clone)]
pub struct Config {
    pub theme: Theme,
    pub mouse: bool,
    /// Diff pane height in percent of the compare screen.
    pub diff_height: u16,
    /// Where the diff pane starts: auto, below or right of the columns.
    pub diff_position: DiffPosition,
    pub min_column_width: u16,
    pub watch: bool,
    /// Where `e` writes the reports (relative paths: to the folder framediff was started in).
    pub export_dir: PathBuf,
    pub keymap: Keymap,
    /// Sentence-embedding model folder (`model = "…"`; `~` expanded); `None`: lexical.
    pub model: Option<PathBuf>,
    /// The similarity backend opened from `model` or `--model` (set by the TUI at start;
    /// lexical here).
    pub similarity: crate::analysis::Backend,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: String,
    mouse: bool,
    diff_height: u16,
    diff_position: String,
    min_column_width: u16,
    watch: bool,
    export_dir: String,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    colors: toml::Table,
    #[serde(default)]
    keys: toml::Table,
}

/// Where the user's config file lives: `$XDG_CONFIG_HOME/framediff/config.toml` on Linux.
pub fn user_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "framediff").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Loads the defaults merged with the user file at `user` (if it exists).
    /// Returns the config and human-readable warnings about anything that was ignored.
    pub fn load(user: Option<&Path>, no_color: bool) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let user_text = match user {
            Some(p) if p.exists() => match std::fs::read_to_string(p) {
                Ok(t) => Some((p.to_path_buf(), t)),
                Err(e) => {
                    warnings.push(format!("config {}: {e}; using defaults", p.display()));
                    None
                }
            },
            _ => None,
        };
        match user_text {
            Some((path, text)) => match Self::from_user_str(&text, no_color) {
                Ok((c, w)) => {
                    // each warning names the file it is about
                    warnings.extend(
                        w.into_iter()
                            .map(|w| format!("config {}: {w}", path.display())),
                    );
                    (c, warnings)
                }
                Err(e) => {
                    warnings.push(format!("config {}: {e}; using defaults", path.display()));
                    (Self::defaults(no_color), warnings)
                }
            },
            None => (Self::defaults(no_color), warnings),
        }
    }

    /// The embedded defaults alone.
    pub fn defaults(no_color: bool) -> Config {
        match Self::from_user_str("", no_color) {
            Ok((c, _)) => c,
            // The embedded files are covered by tests; this branch means a broken build.
            Err(e) => panic!("embedded default configuration is invalid: {e}"),
        }
    }

    /// Merges a user config text over the defaults. Errors when the text is not valid TOML;
    /// unknown keys, values of the wrong type (left out, the default kept), unknown theme
    /// names and key names become warnings.
    pub fn from_user_str(user: &str, no_color: bool) -> Result<(Config, Vec<String>), String> {
        let mut warnings = Vec::new();
        let mut table: toml::Table = DEFAULT_CONFIG.parse().map_err(|e| format!("{e}"))?;
        let user_table: toml::Table = user
            .parse()
            .map_err(|e: toml::de::Error| one_line_error(user, &e))?;
        let user_table = usable_keys(&table, user_table, &mut warnings);
        merge(&mut table, user_table);
        let raw: RawConfig = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;

        let (theme_name, theme_src) = match THEMES.iter().find(|(n, _)| *n == raw.theme) {
            Some(&(n, src)) => (n, src),
            None => {
                warnings.push(format!(
                    "unknown theme {:?} (dark, light, colour-blind); using dark",
                    raw.theme
                ));
                THEMES[0]
            }
        };
        let mut theme_table: toml::Table = theme_src.parse().map_err(|e| format!("{e}"))?;
        merge(&mut theme_table, raw.colors);
        let (mut theme, w) = Theme::from_table(theme_name, &theme_table);
        warnings.extend(w);
        if no_color {
            theme = Theme::no_color();
        }

        let diff_position = DiffPosition::from_name(&raw.diff_position).unwrap_or_else(|| {
            warnings.push(format!(
                "unknown diff_position {:?} (auto, below, right); using auto",
                raw.diff_position
            ));
            DiffPosition::Auto
        });

        let mut in_range = |key: &str, v: u16, (lo, hi): (u16, u16), unit: &str| {
            let clamped = v.clamp(lo, hi);
            if clamped != v {
                warnings.push(format!(
                    "{key} = {v} is outside {lo}-{hi} {unit}; using {clamped}"
                ));
            }
            clamped
        };
        let diff_height = in_range("diff_height", raw.diff_height, (10, 90), "(per cent)");
        let min_column_width = in_range(
            "min_column_width",
            raw.min_column_width,
            (16, 120),
            "(columns)",
        );

        let keys: toml::Table = DEFAULT_KEYMAP.parse().map_err(|e| format!("{e}"))?;
        let (mut keymap, w) = Keymap::from_table(&keys);
        warnings.extend(w);
        warnings.extend(keymap.override_with(&raw.keys));

        Ok((
            Config {
                theme,
                mouse: raw.mouse,
                diff_height,
                diff_position,
                min_column_width,
                watch: raw.watch,
                export_dir: expand_home(if raw.export_dir.trim().is_empty() {
                    "framediff-exports"
                } else {
                    raw.export_dir.trim()
                }),
                keymap,
                model: raw
                    .model
                    .as_deref()
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(expand_home),
                similarity: crate::analysis::Backend::Lexical,
            },
            warnings,
        ))
    }
}

/// A TOML syntax error as one line: "line L, column C: message" (1-based, from the error's
/// byte span in `text`), instead of toml's multi-line excerpt with a caret.
/// The keys of the user's table that the defaults accept one by one: an unknown key or a
/// value of the wrong type is a warning naming the key and is left out, so one bad key never
/// costs the rest of the file.
fn usable_keys(
    defaults: &toml::Table,
    user: toml::Table,
    warnings: &mut Vec<String>,
) -> toml::Table {
    let mut kept = toml::Table::new();
    for (key, value) in user {
        let mut trial = defaults.clone();
        let mut one = toml::Table::new();
        one.insert(key.clone(), value.clone());
        merge(&mut trial, one);
        match toml::Value::Table(trial).try_into::<RawConfig>() {
            Ok(_) => {
                kept.insert(key, value);
            }
            Err(_) if !defaults.contains_key(&key) && !OPTIONAL_KEYS.contains(&key.as_str()) => {
                warnings.push(format!(
                    "unknown key '{key}' ({}); ignored",
                    known_keys(defaults)
                ));
            }
            Err(e) => warnings.push(format!(
                "{key} = {value}: {}; ignored, using the default",
                e.message().trim()
            )),
        }
    }
    kept
}

/// Keys of the user file that the embedded defaults do not set.
const OPTIONAL_KEYS: [&str; 3] = ["model", "colors", "keys"];

/// "theme, mouse, …": the keys a config file may set.
fn known_keys(defaults: &toml::Table) -> String {
    let mut keys: Vec<&str> = defaults.keys().map(String::as_str).collect();
    keys.extend(OPTIONAL_KEYS);
    keys.join(", ")
}

fn one_line_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

/// A path from the config, with a leading `~/` meaning the home folder.
fn expand_home(p: &str) -> PathBuf {
    match (p.strip_prefix("~/"), directories::BaseDirs::new()) {
        (Some(rest), Some(dirs)) => dirs.home_dir().join(rest),
        _ => PathBuf::from(p),
    }
}

/// Deep merge: tables merge key by key, anything else in `over` replaces `base`.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Config {
    /// Switches to an embedded theme by name (unless `no_color`, which always wins).
    pub fn set_theme(&mut self, name: &str, no_color: bool) -> Result<(), String> {
        let Some((_, src)) = THEMES.iter().find(|(n, _)| *n == name) else {
            return Err(format!(
                "unknown theme {name:?} (dark, light, colour-blind); keeping {}",
                self.theme.name
            ));
        };
        if no_color {
            return Ok(());
        }
        let table: toml::Table = src.parse().map_err(|e| format!("{e}"))?;
        self.theme = Theme::from_table(name, &table).0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_dir_defaults_to_a_visible_folder_and_takes_the_home_folder() {
        let c = Config::defaults(false);
        assert_eq!(c.export_dir, PathBuf::from("framediff-exports"));
        let (c, w) = Config::from_user_str("export_dir = \"~/reports\"", false).expect("ok");
        assert!(w.is_empty(), "{w:?}");
        if let Some(home) = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()) {
            assert_eq!(c.export_dir, home.join("reports"));
        }
    }

    #[test]
    fn defaults_load_without_warnings() {
        let (c, w) = Config::from_user_str("", false).expect("defaults");
        assert!(w.is_empty(), "{w:?}");
        assert!(c.mouse);
        assert_eq!(c.theme.name, "dark");
    }

    #[test]
    fn user_file_overrides_only_what_it_sets() {
        let (c, w) = Config::from_user_str(
            "theme = \"light\"\nmouse = false\n[keys.compare]\ndown = [\"n\"]\n",
            false,
        )
        .expect("merge");
        assert!(w.is_empty(), "{w:?}");
        assert!(!c.mouse);
        assert_eq!(c.theme.name, "light");
        assert_eq!(c.keymap.keys_for("compare", "down"), vec!["n".to_string()]);
        assert_eq!(c.keymap.keys_for("compare", "up"), vec!["k", "↑"]);
    }

    #[test]
    fn a_size_out_of_range_is_used_clamped_with_a_warning() {
        let (c, w) = Config::from_user_str("diff_height = 500\n", false).expect("read");
        assert_eq!(c.diff_height, 90);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("diff_height = 500 is outside 10-90"), "{w:?}");
    }

    #[test]
    fn bad_toml_is_an_error_and_load_falls_back() {
        assert!(Config::from_user_str("theme = [", false).is_err());
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "theme = [").expect("write");
        let (c, w) = Config::load(Some(&p), false);
        assert!(c.mouse);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("using defaults"));
    }

    #[test]
    fn a_bad_value_or_unknown_key_costs_only_itself() {
        let text =
            "mouse = \"yes\"\ncolour = 3\ndiff_height = -5\ntheme = \"light\"\nwatch = false\n";
        let (c, w) = Config::from_user_str(text, false).expect("read");
        assert!(c.mouse, "the default is kept for the bad value");
        assert!(!c.watch, "the other keys are read");
        assert_eq!(c.diff_height, 40);
        assert_eq!(c.theme.name, "light");
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(
            w.iter()
                .any(|w| w.starts_with("mouse = \"yes\"") && w.contains("ignored")),
            "{w:?}"
        );
        assert!(
            w.iter().any(|w| w.contains("unknown key 'colour'")),
            "{w:?}"
        );
        assert!(w.iter().any(|w| w.starts_with("diff_height = -5")), "{w:?}");
    }

    #[test]
    fn warnings_name_the_file_and_syntax_errors_are_one_line_with_line_and_column() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("my.toml");
        std::fs::write(&p, "theme = \"purple\"\ndiff_height = 500\n").expect("write");
        let (_, w) = Config::load(Some(&p), false);
        assert_eq!(w.len(), 2, "{w:?}");
        let shown = p.display().to_string();
        assert!(
            w.iter()
                .all(|w| w.starts_with(&format!("config {shown}: "))),
            "{w:?}"
        );
        std::fs::write(&p, "theme = \"dark\"\nmouse = tru\n").expect("write");
        let (_, w) = Config::load(Some(&p), false);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(!w[0].contains('\n') && !w[0].contains("| 2 |"), "{w:?}");
        assert!(
            w[0].contains(&shown) && w[0].contains("line 2, column 9"),
            "{w:?}"
        );
    }

    #[test]
    fn diff_position_is_read_and_checked() {
        let (c, w) = Config::from_user_str("", false).expect("defaults");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.diff_position, DiffPosition::Auto);
        let (c, w) = Config::from_user_str("diff_position = \"right\"", false).expect("ok");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.diff_position, DiffPosition::Right);
        let (c, w) = Config::from_user_str("diff_position = \"left\"", false).expect("ok");
        assert_eq!(c.diff_position, DiffPosition::Auto);
        assert!(w[0].contains("left"), "{w:?}");
    }

    #[test]
    fn unknown_theme_warns() {
        let (c, w) = Config::from_user_str("theme = \"neon\"", false).expect("ok");
        assert_eq!(c.theme.name, "dark");
        assert!(w[0].contains("neon"));
    }

    #[test]
    fn every_embedded_theme_parses() {
        for (name, _) in THEMES {
            let (c, w) = Config::from_user_str(&format!("theme = {name:?}"), false).expect("ok");
            assert!(w.is_empty(), "{name}: {w:?}");
            assert_eq!(c.theme.name, name);
        }
    }
}
