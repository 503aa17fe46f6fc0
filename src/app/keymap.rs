//! Key bindings as data: parsed from `assets/keymap.toml` (merged with the user's overrides).
//!
//! The Help overlay is generated from the same [`Keymap`], so the keys it lists are the keys
//! that work.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where keys are looked up; each screen and overlay has its own table, plus `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Compare,
    Matrix,
    Profile,
    Problems,
    Article,
    Picker,
    Note,
    Help,
}

impl Context {
    /// Every context, in the order Help lists them.
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Compare,
        Context::Matrix,
        Context::Profile,
        Context::Problems,
        Context::Article,
        Context::Picker,
        Context::Note,
        Context::Help,
    ];

    /// The table name in keymap.toml.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Compare => "compare",
            Context::Matrix => "matrix",
            Context::Profile => "profile",
            Context::Problems => "problems",
            Context::Article => "article",
            Context::Picker => "picker",
            Context::Note => "note",
            Context::Help => "help",
        }
    }

    fn from_name(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }
}

macro_rules! commands {
    ($($variant:ident => $name:literal, $desc:literal;)*) => {
        /// Everything a key can ask for. Names are the keys of keymap.toml.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command { $($variant),* }

        impl Command {
            /// Every command in help order.
            pub const ALL: &'static [Command] = &[$(Command::$variant),*];

            /// The command's key in keymap.toml.
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name),* }
            }

            /// One line for the Help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Command::$variant => $desc),* }
            }

            /// Parses a keymap.toml command name.
            pub fn from_name(s: &str) -> Option<Command> {
                match s { $($name => Some(Command::$variant),)* _ => None }
            }
        }
    };
}

commands! {
    Quit => "quit", "quit framediff";
    Suspend => "suspend", "suspend to the shell (its `fg` comes back)";
    Help => "help", "show this help";
    Back => "back", "close / go back (never quits: q does)";
    EventPicker => "event_picker", "pick an event (fuzzy)";
    Search => "search", "search events, outlets and claims by words (~ first: fuzzy)";
    ScreenCompare => "screen_compare", "Compare screen";
    ScreenMatrix => "screen_matrix", "Claims matrix";
    ScreenProfile => "screen_profile", "Framing profile";
    ScreenProblems => "screen_problems", "Problems (corpus diagnostics)";
    NextScreen => "next_screen", "next screen";
    NextFocus => "next_focus", "next pane or screen: Compare's columns, its diff pane, Matrix, Profile, Problems, round again";
    PrevFocus => "prev_focus", "previous pane or screen: Tab's cycle backwards, so Shift-Tab undoes Tab";
    Export => "export", "export the comparison (JSON, Markdown, HTML) to export_dir";
    Down => "down", "next claim / row";
    Up => "up", "previous claim / row";
    Left => "left", "previous outlet column";
    Right => "right", "next outlet column";
    Top => "top", "first";
    Bottom => "bottom", "last";
    HalfPageDown => "half_page_down", "half a page down";
    HalfPageUp => "half_page_up", "half a page up";
    NextPane => "next_pane", "switch between columns and diff pane";
    NextContrast => "next_contrast", "next contrasting claim";
    PrevContrast => "prev_contrast", "previous contrasting claim";
    FilterShared => "filter_shared", "filter: shared claims (=)";
    FilterContrasting => "filter_contrasting", "filter: contrasting claims (≠)";
    FilterUnique => "filter_unique", "filter: unique claims (+)";
    ToggleOutlet1 => "toggle_outlet_1", "show/hide outlet 1";
    ToggleOutlet2 => "toggle_outlet_2", "show/hide outlet 2";
    ToggleOutlet3 => "toggle_outlet_3", "show/hide outlet 3";
    ToggleOutlet4 => "toggle_outlet_4", "show/hide outlet 4";
    ToggleOutlet5 => "toggle_outlet_5", "show/hide outlet 5";
    ToggleOutlet6 => "toggle_outlet_6", "show/hide outlet 6";
    ToggleOutlet7 => "toggle_outlet_7", "show/hide outlet 7";
    ToggleOutlet8 => "toggle_outlet_8", "show/hide outlet 8";
    ToggleOutlet9 => "toggle_outlet_9", "show/hide outlet 9";
    ShowAllOutlets => "show_all_outlets", "show every outlet";
    PinOutlet => "pin_outlet", "pin/unpin this outlet (stays on the left)";
    HideOutlet => "hide_outlet", "hide the focused outlet (outlets 10 and up: focus it with h/l)";
    OpenArticle => "open_article", "open the full article / jump to cluster";
    ToggleDiff => "toggle_diff", "show/hide the diff pane";
    MaximiseDiff => "maximise_diff", "maximise/restore the diff pane";
    CycleDiffPosition => "cycle_diff_position", "diff pane position: auto / below / right";
    GrowDiff => "grow_diff", "grow the diff pane";
    ShrinkDiff => "shrink_diff", "shrink the diff pane";
    Agree => "agree", "annotate: agree with the verdict";
    CycleVerdict => "cycle_verdict", "annotate: set the verdict (then s shared, c contrasting, u unique)";
    Note => "note", "annotate: write a note (several lines: Alt-Enter or Ctrl-J)";
    ExcludeMember => "exclude_member", "annotate: take this claim out of its cluster, not this fact (asks; again: back)";
    ClearAnnotation => "clear_annotation", "remove the annotation (asks first)";
    NextAnnotated => "next_annotated", "next annotated claim";
    Annotations => "annotations", "list the annotated clusters of this event";
    Newline => "newline", "start a new line";
    Find => "find", "find text in the article";
    FindNext => "find_next", "next match";
    FindPrev => "find_prev", "previous match";
    CycleSort => "cycle_sort", "change sort order";
    ReverseSort => "reverse_sort", "reverse the sort order";
    Accept => "accept", "choose";
    Close => "close", "close";
}

impl Command {
    /// What the command does in `ctx`, for Help: the same key moves through different things
    /// on different screens (j on the Framing profile scrolls the outlet's details).
    pub fn description_in(self, ctx: Context) -> &'static str {
        use Command as C;
        use Context as X;
        match (ctx, self) {
            (X::Profile, C::Down) => "scroll the outlet's details down",
            (X::Profile, C::Up) => "scroll the outlet's details up",
            (X::Profile, C::Left) => "previous outlet (row of the table)",
            (X::Profile, C::Right) => "next outlet (row of the table)",
            (X::Matrix, C::Down) => "next cluster (row)",
            (X::Matrix, C::Up) => "previous cluster (row)",
            (X::Matrix, C::OpenArticle) => "show this cluster on Compare",
            (X::Matrix, C::CycleSort) => "sort: article order, kind, coverage, each outlet's first",
            (X::Matrix, C::Left) => "scroll the outlet columns left (when they do not fit)",
            (X::Matrix, C::Right) => "scroll the outlet columns right (when they do not fit)",
            (X::Problems, C::Down) => "next problem",
            (X::Problems, C::Up) => "previous problem",
            (X::Article, C::Close) => "close the article view (Esc clears a search first)",
            (X::Help, C::Close) => "close help",
            (X::Picker, C::Close) => "close without choosing",
            (X::Note, C::Close) => "cancel the note (a changed note asks: Esc again)",
            (X::Article | X::Picker, C::Help) => "show this help",
            (X::Article | X::Help, C::Down) => "scroll down",
            (X::Article | X::Help, C::Up) => "scroll up",
            (X::Picker, C::Down) => "next match",
            (X::Picker, C::Up) => "previous match",
            _ => self.description(),
        }
    }

    /// For `toggle_outlet_N`, the 0-based outlet slot.
    pub fn outlet_slot(self) -> Option<usize> {
        use Command::*;
        Some(match self {
            ToggleOutlet1 => 0,
            ToggleOutlet2 => 1,
            ToggleOutlet3 => 2,
            ToggleOutlet4 => 3,
            ToggleOutlet5 => 4,
            ToggleOutlet6 => 5,
            ToggleOutlet7 => 6,
            ToggleOutlet8 => 7,
            ToggleOutlet9 => 8,
            _ => return None,
        })
    }
}

/// One key with modifiers, normalised so that `G` and `shift-g` are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl KeyChord {
    /// Whether Ctrl or Alt is held: such chords are never text, so they work while typing.
    pub fn is_chord(&self) -> bool {
        self.mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// Normalises a terminal key event (shift is part of the character, not a modifier).
    pub fn from_event(ev: &KeyEvent) -> KeyChord {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::BackTab => KeyCode::BackTab,
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        KeyChord { code, mods }
    }

    /// Parses "j", "ctrl-d", "shift-tab", "pagedown", "f1".
    pub fn parse(s: &str) -> Option<KeyChord> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                rest = &rest[6..];
                if rest.eq_ignore_ascii_case("tab") {
                    return Some(KeyChord {
                        code: KeyCode::BackTab,
                        mods,
                    });
                }
                let mut cs = rest.chars();
                if let (Some(c), None) = (cs.next(), cs.next()) {
                    return Some(KeyChord {
                        code: KeyCode::Char(c.to_ascii_uppercase()),
                        mods,
                    });
                }
                return None;
            } else {
                break;
            }
        }
        let mut cs = rest.chars();
        let code = match (cs.next(), cs.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" => KeyCode::PageUp,
                "pagedown" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
                _ => return None,
            },
        };
        Some(KeyChord { code, mods })
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Parsed bindings: lookup by (context, chord) and, for help, the list per context.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    lookup: HashMap<(Context, KeyChord), Command>,
    bindings: BTreeMap<Context, Vec<(Command, Vec<KeyChord>)>>,
}

impl Keymap {
    /// Builds the keymap from a merged keymap table; unknown contexts, commands and key names
    /// are skipped and reported.
    pub fn from_table(t: &toml::Table) -> (Keymap, Vec<String>) {
        let mut warnings = Vec::new();
        let mut km = Keymap::default();
        for (ctx_name, v) in t {
            let Some(ctx) = Context::from_name(ctx_name) else {
                warnings.push(format!("keymap: unknown context [{ctx_name}]"));
                continue;
            };
            let Some(table) = v.as_table() else {
                warnings.push(format!("keymap: [{ctx_name}] is not a table"));
                continue;
            };
            let mut list = Vec::new();
            for (cmd_name, keys) in table {
                let Some(cmd) = Command::from_name(cmd_name) else {
                    warnings.push(format!("keymap: unknown command {ctx_name}.{cmd_name}"));
                    continue;
                };
                let names: Vec<&str> = match keys {
                    toml::Value::String(s) => vec![s.as_str()],
                    toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                    _ => {
                        warnings.push(format!("keymap: {ctx_name}.{cmd_name} is not a key list"));
                        continue;
                    }
                };
                let mut chords = Vec::new();
                for n in names {
                    match KeyChord::parse(n) {
                        Some(k) => {
                            if let Some(other) = km.lookup.insert((ctx, k), cmd)
                                && other != cmd
                            {
                                warnings.push(format!(
                                    "keymap: {k} is bound twice in [{ctx_name}], to {} and to \
                                     {cmd_name}; it does {cmd_name}",
                                    other.name()
                                ));
                            }
                            chords.push(k);
                        }
                        None => warnings.push(format!("keymap: unknown key {n:?} for {cmd_name}")),
                    }
                }
                list.push((cmd, chords));
            }
            list.sort_by_key(|(c, _)| Command::ALL.iter().position(|x| x == c));
            km.bindings.insert(ctx, list);
        }
        (km, warnings)
    }

    /// Applies a user's rebindings: each listed command gets exactly the given keys, and a
    /// key taken from another command of the same context is removed there (the user's
    /// choice wins, and Help shows it).
    ///
    /// A rebinding that makes a screen's key hide a global one (`[compare] down = ["q"]`
    /// while `q` quits) is reported, naming both commands.
    pub fn override_with(&mut self, t: &toml::Table) -> Vec<String> {
        let (user, mut warnings) = Keymap::from_table(t);
        let before = self.shadowed();
        for (ctx, list) in user.bindings {
            let rebound: Vec<Command> = list.iter().map(|(c, _)| *c).collect();
            for (cmd, chords) in list {
                let entry = self.bindings.entry(ctx).or_default();
                warnings.extend(taken_keys(ctx, cmd, &chords, entry, &rebound));
                // Drop the command's old keys.
                if let Some((_, old)) = entry.iter().find(|(c, _)| *c == cmd) {
                    for k in old {
                        if self.lookup.get(&(ctx, *k)) == Some(&cmd) {
                            self.lookup.remove(&(ctx, *k));
                        }
                    }
                }
                // Take the new keys away from whoever had them.
                for (_, keys) in entry.iter_mut() {
                    keys.retain(|k| !chords.contains(k));
                }
                match entry.iter_mut().find(|(c, _)| *c == cmd) {
                    Some((_, keys)) => *keys = chords.clone(),
                    None => {
                        entry.push((cmd, chords.clone()));
                        entry.sort_by_key(|(c, _)| Command::ALL.iter().position(|x| x == c));
                    }
                }
                for k in chords {
                    self.lookup.insert((ctx, k), cmd);
                }
            }
        }
        for (ctx, k, cmd, global) in self.shadowed() {
            if !before.contains(&(ctx, k, cmd, global)) {
                warnings.push(format!(
                    "keymap: {k} is bound twice on the {} screen, to {}.{} and to global.{}; \
                     there it does {}",
                    ctx.name(),
                    ctx.name(),
                    cmd.name(),
                    global.name(),
                    cmd.name()
                ));
            }
        }
        warnings
    }

    /// The keys a screen context binds that global also binds to another command, which the
    /// screen's binding hides there: (screen, key, screen's command, hidden global command).
    fn shadowed(&self) -> Vec<(Context, KeyChord, Command, Command)> {
        let mut v = Vec::new();
        for ctx in [
            Context::Compare,
            Context::Matrix,
            Context::Profile,
            Context::Problems,
        ] {
            for (cmd, keys) in self.bindings(ctx) {
                for k in keys {
                    if let Some(&g) = self.lookup.get(&(Context::Global, *k))
                        && g != *cmd
                    {
                        v.push((ctx, *k, *cmd, g));
                    }
                }
            }
        }
        v
    }

    /// The command bound to `key` in `ctx` only (no fallback).
    pub fn lookup(&self, ctx: Context, key: &KeyEvent) -> Option<Command> {
        self.lookup.get(&(ctx, KeyChord::from_event(key))).copied()
    }

    /// The bindings of one context, in help order.
    pub fn bindings(&self, ctx: Context) -> &[(Command, Vec<KeyChord>)] {
        self.bindings.get(&ctx).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every key event some context binds, once each, in context and help order (what random
    /// sessions in the property tests and fuzz targets press).
    pub fn all_keys(&self) -> Vec<KeyEvent> {
        let mut out: Vec<KeyEvent> = Vec::new();
        for ctx in Context::ALL {
            for chord in self.bindings(ctx).iter().flat_map(|(_, c)| c) {
                let key = KeyEvent::new(chord.code, chord.mods);
                if !out.contains(&key) {
                    out.push(key);
                }
            }
        }
        out
    }

    /// Display names of the keys bound to a command (used by tests and the status bar).
    pub fn keys_for(&self, ctx: &str, cmd: &str) -> Vec<String> {
        let (Some(ctx), Some(cmd)) = (Context::from_name(ctx), Command::from_name(cmd)) else {
            return Vec::new();
        };
        self.bindings(ctx)
            .iter()
            .find(|(c, _)| *c == cmd)
            .map(|(_, ks)| ks.iter().map(|k| k.to_string().to_lowercase()).collect())
            .unwrap_or_default()
    }

    /// The first key of a command, for hints like "? help".
    pub fn hint(&self, ctx: Context, cmd: Command) -> Option<String> {
        self.bindings(ctx)
            .iter()
            .find(|(c, _)| *c == cmd)
            .and_then(|(_, ks)| ks.first())
            .map(|k| k.to_string())
    }

    /// The first key of `cmd` (bound in `ctx`) that does it while `active` has focus: a key
    /// of a global command that `active` binds to something else is skipped, so a footer
    /// never offers a key that does another thing there.
    pub fn hint_in(&self, active: Context, ctx: Context, cmd: Command) -> Option<String> {
        self.bindings(ctx)
            .iter()
            .find(|(c, _)| *c == cmd)
            .and_then(|(_, ks)| {
                ks.iter().find(|k| {
                    active == ctx
                        || self
                            .lookup
                            .get(&(active, **k))
                            .is_none_or(|&there| there == cmd)
                })
            })
            .map(|k| k.to_string())
    }
}

/// The warnings for keys a user's binding of `cmd` in `ctx` takes from another command of
/// the same screen that the user left alone (`[keys.compare] next_contrast = ["x"]` while `x`
/// hides an outlet there): "x is bound twice on the compare screen…", and whether that
/// command keeps a key. `entry` holds the screen's bindings before the change; `rebound`
/// the commands the user binds there (those get the keys the user gave them).
fn taken_keys(
    ctx: Context,
    cmd: Command,
    chords: &[KeyChord],
    entry: &[(Command, Vec<KeyChord>)],
    rebound: &[Command],
) -> Vec<String> {
    let mut warnings = Vec::new();
    for (other, keys) in entry {
        if *other == cmd || rebound.contains(other) {
            continue;
        }
        for k in keys.iter().filter(|k| chords.contains(k)) {
            let left = keys.iter().filter(|x| !chords.contains(x)).count();
            warnings.push(format!(
                "keymap: {k} is bound twice on the {screen} screen, to {screen}.{} and to \
                 {screen}.{}; there it does {}{}",
                cmd.name(),
                other.name(),
                cmd.name(),
                if left == 0 {
                    format!(", and {} has no key left", other.name())
                } else {
                    String::new()
                },
                screen = ctx.name(),
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn parses_chords() {
        let k = KeyChord::parse("ctrl-d").expect("ctrl-d");
        assert_eq!(k.code, KeyCode::Char('d'));
        assert_eq!(k.mods, KeyModifiers::CONTROL);
        assert_eq!(
            KeyChord::parse("G").map(|k| k.code),
            Some(KeyCode::Char('G'))
        );
        assert_eq!(
            KeyChord::parse("shift-tab").map(|k| k.code),
            Some(KeyCode::BackTab)
        );
        assert_eq!(KeyChord::parse("f1").map(|k| k.code), Some(KeyCode::F(1)));
        assert_eq!(
            KeyChord::parse("-").map(|k| k.code),
            Some(KeyCode::Char('-'))
        );
        assert!(KeyChord::parse("hyper-x").is_none());
    }

    #[test]
    fn shifted_letters_match_without_shift_modifier() {
        let (km, w) = Keymap::from_table(&crate::config::DEFAULT_KEYMAP.parse().expect("toml"));
        assert!(w.is_empty(), "{w:?}");
        let g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.lookup(Context::Compare, &g), Some(Command::Bottom));
        let cd = ev(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(
            km.lookup(Context::Compare, &cd),
            Some(Command::HalfPageDown)
        );
        let bt = ev(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(km.lookup(Context::Global, &bt), Some(Command::PrevFocus));
    }

    #[test]
    fn unknown_names_are_reported() {
        let t: toml::Table =
            "[compare]\nfly = [\"f\"]\ndown = [\"hyper-j\"]\n[nowhere]\nquit=[\"q\"]"
                .parse()
                .expect("toml");
        let (_, w) = Keymap::from_table(&t);
        assert_eq!(w.len(), 3, "{w:?}");
    }

    fn default_with(user: &str) -> (Keymap, Vec<String>) {
        let (mut km, w) = Keymap::from_table(&crate::config::DEFAULT_KEYMAP.parse().expect("toml"));
        assert!(w.is_empty(), "{w:?}");
        let w = km.override_with(&user.parse().expect("toml"));
        (km, w)
    }

    #[test]
    fn a_key_bound_twice_in_one_mode_is_a_warning_naming_both() {
        let (km, w) = default_with("[compare]\ndown = [\"j\", \"q\"]");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("compare.down") && w[0].contains("global.quit"),
            "{w:?}"
        );
        // the footer offers the quit key that still quits there
        assert_eq!(
            km.hint_in(Context::Compare, Context::Global, Command::Quit)
                .as_deref(),
            Some("Ctrl-c")
        );
        assert_eq!(
            km.hint_in(Context::Matrix, Context::Global, Command::Quit)
                .as_deref(),
            Some("q")
        );
        let (_, w) = default_with("[compare]\ndown = [\"j\"]\nup = [\"j\"]");
        assert!(
            w.iter().any(|w| w.contains("down") && w.contains("up")),
            "{w:?}"
        );
        // tester report 14, item 24: a key taken from another command of the same screen is
        // said, naming both, and that the other command has no key left
        let (km, w) = default_with("[compare]\ndown = [\"n\"]");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("compare.down")
                && w[0].contains("compare.note")
                && w[0].contains("note has no key left"),
            "{w:?}"
        );
        let n = ev(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(km.lookup(Context::Compare, &n), Some(Command::Down));
        let (_, w) = default_with("[compare]\nnext_contrast = [\"x\"]\ndown = [\"j\", \"q\"]");
        assert!(
            w.iter()
                .any(|w| w.contains("compare.next_contrast") && w.contains("compare.hide_outlet")),
            "{w:?}"
        );
        assert!(w.iter().any(|w| w.contains("global.quit")), "{w:?}");
        // the other command given a key of its own: no clash
        let (_, w) = default_with("[compare]\ndown = [\"n\"]\nnote = [\"f9\"]");
        assert!(w.iter().all(|w| !w.contains("compare.note")), "{w:?}");
    }
}
