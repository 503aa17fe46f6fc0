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
    /// Sentence-embedding model folder (`model = "…"`; `~` expanded, a relative path read
    /// against the config file's folder); `None`: lexical.
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

/// The config file `--config` named for this run (see [`set_config_file`]).
static CONFIG_FILE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// Makes `file` the config file of this run (`--config`), which the commands read `model`
/// from; the first call wins.
pub fn set_config_file(file: PathBuf) {
    let _ = CONFIG_FILE.set(file);
}

/// The config file of this run: the one `--config` named, else [`user_config_path`].
pub fn config_file() -> Option<PathBuf> {
    CONFIG_FILE.get().cloned().or_else(user_config_path)
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
            Some((path, text)) => match Self::from_user_text(&text, no_color) {
                Ok((mut c, w)) => {
                    c.model = c.model.map(|m| model_beside(&path, m));
                    // each warning names the file it is about, and the line where it can
                    let lines = key_lines(&text);
                    let mut located: Vec<(Option<usize>, String)> = w
                        .into_iter()
                        .map(|(at, w)| (at.line_in(&lines, &w), w))
                        .collect();
                    // in line order, as they are read (those of no line last)
                    located.sort_by_key(|(line, _)| line.unwrap_or(usize::MAX));
                    warnings.extend(located.into_iter().map(|(line, w)| match line {
                        Some(line) => format!("config {}:{line}: {w}", path.display()),
                        None => format!("config {}: {w}", path.display()),
                    }));
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
        Self::from_user_text(user, no_color)
            .map(|(c, w)| (c, w.into_iter().map(|(_, w)| w).collect()))
    }

    /// [`Config::from_user_str`], each warning with what it is about (to find its line).
    fn from_user_text(
        user: &str,
        no_color: bool,
    ) -> Result<(Config, Vec<(About, String)>), String> {
        let mut warnings: Vec<(About, String)> = Vec::new();
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
                warnings.push((
                    About::Key("theme"),
                    format!(
                        "unknown theme {:?} (dark, light, colour-blind); using dark",
                        raw.theme
                    ),
                ));
                THEMES[0]
            }
        };
        let mut theme_table: toml::Table = theme_src.parse().map_err(|e| format!("{e}"))?;
        merge(&mut theme_table, raw.colors);
        let (mut theme, w) = Theme::from_table(theme_name, &theme_table);
        warnings.extend(w.into_iter().map(|w| (About::Section("colors"), w)));
        if no_color {
            theme = Theme::no_color();
        }

        let diff_position = DiffPosition::from_name(&raw.diff_position).unwrap_or_else(|| {
            warnings.push((
                About::Key("diff_position"),
                format!(
                    "unknown diff_position {:?} (auto, below, right); using auto",
                    raw.diff_position
                ),
            ));
            DiffPosition::Auto
        });

        let mut in_range = |key: &'static str, v: u16, (lo, hi): (u16, u16), unit: &str| {
            let clamped = v.clamp(lo, hi);
            if clamped != v {
                warnings.push((
                    About::Key(key),
                    format!("{key} = {v} is outside {lo}-{hi} {unit}; using {clamped}"),
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
        warnings.extend(w.into_iter().map(|w| (About::Nothing, w)));
        let w = keymap.override_with(&raw.keys);
        warnings.extend(w.into_iter().map(|w| (About::Section("keys"), w)));

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
    warnings: &mut Vec<(About, String)>,
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
                warnings.push((
                    About::Named(key.clone()),
                    format!("unknown key '{key}' ({}); ignored", known_keys(defaults)),
                ));
            }
            Err(e) => warnings.push((
                About::Named(key.clone()),
                format!(
                    "{key} = {value}: {}; ignored, using the default",
                    e.message().trim()
                ),
            )),
        }
    }
    kept
}

/// What a config warning is about, to find its line in the user's file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum About {
    /// A top-level key framediff knows.
    Key(&'static str),
    /// A top-level key or table as the user spelled it.
    Named(String),
    /// An entry of a table (`colors`, `keys` and its sub-tables) whose key the message names.
    Section(&'static str),
    /// Not the user's file (the embedded defaults).
    Nothing,
}

/// One `key = value` line of a TOML text: its 1-based line, the `[table]` it is in (empty at
/// the top) and the key (quotes removed).
#[derive(Debug, Clone, PartialEq, Eq)]
struct KeyLine {
    line: usize,
    table: String,
    key: String,
}

/// Every `key = value` and `[table]` line of `text` (a table header is listed with its own
/// name as the key, in the table above it), from a line scan: the text already parsed as
/// TOML, so only multi-line strings and arrays could mislead it, and their inner lines rarely
/// look like `key =`.
fn key_lines(text: &str) -> Vec<KeyLine> {
    let mut out = Vec::new();
    let mut table = String::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.starts_with('[') {
            table = l.trim_matches(|c| c == '[' || c == ']').trim().to_string();
            out.push(KeyLine {
                line: i + 1,
                table: String::new(),
                key: table.clone(),
            });
        } else if let Some((k, _)) = l.split_once('=')
            && l.starts_with(|c: char| c.is_alphanumeric() || c == '"' || c == '\'' || c == '_')
        {
            let key = k.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
            out.push(KeyLine {
                line: i + 1,
                table: table.clone(),
                key,
            });
        }
    }
    out
}

/// True when `word` occurs in `text` as a whole word (not inside a longer identifier).
fn has_word(text: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(ident)
            && !text[at + word.len()..].chars().next().is_some_and(ident)
    })
}

impl About {
    /// The line of the user's file (`lines`: [`key_lines`]) the warning `message` is about.
    fn line_in(&self, lines: &[KeyLine], message: &str) -> Option<usize> {
        let top = |key: &str| {
            lines
                .iter()
                .find(|l| l.table.is_empty() && l.key == key)
                .map(|l| l.line)
        };
        match self {
            About::Key(k) => top(k),
            About::Named(k) => top(k),
            About::Section(section) => {
                let inside = |l: &&KeyLine| {
                    l.table == *section || l.table.starts_with(&format!("{section}."))
                };
                lines
                    .iter()
                    .filter(inside)
                    .find(|l| has_word(message, &l.key))
                    .map(|l| l.line)
                    .or_else(|| top(section))
            }
            About::Nothing => None,
        }
    }
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
/// A relative `model = "…"` of the config file at `config`, resolved against the file's
/// folder (tester report 26, finding 9: it was read against the working directory, so one
/// config meant another model in each folder framediff was started from); `lexical` (the
/// lexical backend, not a folder) and absolute paths as they are.
fn model_beside(config: &Path, model: PathBuf) -> PathBuf {
    if model.is_absolute() || crate::cli::model::is_lexical(&model) {
        return model;
    }
    match config.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(model),
        _ => model,
    }
}

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

    /// Tester report 26, finding 9: a relative model path is read against the config
    /// file's folder, so the warning about it names the folder that was looked for.
    #[test]
    fn a_relative_model_is_read_beside_the_config_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        let load = |model: &str| {
            std::fs::write(&file, format!("model = {model:?}\n")).expect("write");
            Config::load(Some(&file), false).0.model
        };
        assert_eq!(load("../m-nojson"), Some(dir.path().join("../m-nojson")));
        assert_eq!(load("models/mini"), Some(dir.path().join("models/mini")));
        assert_eq!(load("/abs/model"), Some(PathBuf::from("/abs/model")));
        assert_eq!(load("lexical"), Some(PathBuf::from("lexical")));
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
            "theme = \"light\"\nmouse = false\n[keys.compare]\ndown = [\"ctrl-n\"]\n",
            false,
        )
        .expect("merge");
        assert!(w.is_empty(), "{w:?}");
        assert!(!c.mouse);
        assert_eq!(c.theme.name, "light");
        assert_eq!(
            c.keymap.keys_for("compare", "down"),
            vec!["ctrl-n".to_string()]
        );
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
            w[0].starts_with(&format!("config {shown}:1: unknown theme")),
            "{w:?}"
        );
        assert!(
            w[1].starts_with(&format!("config {shown}:2: diff_height = 500")),
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
    fn every_warning_about_the_user_file_names_its_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("config.toml");
        let text = "theme = \"light\"\ndiff_height = 150\ndiff_position = \"sideways\"\n\
                    min_column_width = 5\nbogus = 1\nmouse = \"yes\"\n[colors]\n\
                    contrasting = \"orange-ish\"\n[keys.compare]\ndown = [\"j\", \"q\"]\n";
        std::fs::write(&p, text).expect("write");
        let (_, w) = Config::load(Some(&p), false);
        let shown = p.display().to_string();
        let line_of = |needle: &str| {
            let w = w.iter().find(|w| w.contains(needle)).expect(needle);
            let rest = w.strip_prefix(&format!("config {shown}:")).expect("path");
            rest.split(':').next().and_then(|n| n.parse::<usize>().ok())
        };
        assert_eq!(line_of("diff_height = 150"), Some(2), "{w:?}");
        assert_eq!(line_of("unknown diff_position"), Some(3), "{w:?}");
        assert_eq!(line_of("min_column_width"), Some(4), "{w:?}");
        assert_eq!(line_of("'bogus'"), Some(5), "{w:?}");
        assert_eq!(line_of("mouse ="), Some(6), "{w:?}");
        assert_eq!(line_of("orange-ish"), Some(8), "{w:?}");
        assert_eq!(line_of("bound twice"), Some(10), "{w:?}");
        assert_eq!(w.len(), 7, "{w:?}");
        // in line order
        assert!(
            w[0].contains(":2: diff_height") && w[6].contains(":10: keymap"),
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
