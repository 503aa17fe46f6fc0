//! Configuration as the TUI loads it: embedded defaults, the user's file, command-line options.

use framediff::app::{Command, Context};
use framediff::tui::{TuiOptions, load_config};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn user_file_and_options_are_merged_over_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        // `n` is the note key there: the note gets another, or taking it is a warning
        "theme = \"colour-blind\"\ndiff_height = 55\n[keys.compare]\nnext_contrast = [\"n\"]\n\
         note = [\"f9\"]\n",
    )
    .expect("write");
    let opts = TuiOptions {
        config: Some(path.clone()),
        no_mouse: true,
        ..TuiOptions::default()
    };
    let (cfg, warnings) = load_config(&opts);
    assert!(warnings.is_empty(), "{warnings:?}");
    if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
        assert_eq!(cfg.theme.name, "colour-blind");
    }
    assert_eq!(cfg.diff_height, 55);
    assert!(!cfg.mouse, "--no-mouse wins over the file");
    let n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE);
    assert_eq!(
        cfg.keymap.lookup(Context::Compare, &n),
        Some(Command::NextContrast)
    );
    let bracket = KeyEvent::new(KeyCode::Char(']'), KeyModifiers::NONE);
    assert_eq!(
        cfg.keymap.lookup(Context::Compare, &bracket),
        None,
        "rebinding replaces"
    );

    let opts = TuiOptions {
        config: Some(path),
        theme: Some("light".into()),
        ..TuiOptions::default()
    };
    let (cfg, _) = load_config(&opts);
    if std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) {
        assert_eq!(cfg.theme.name, "light", "--theme wins over the file");
    }
}

#[test]
fn a_broken_user_file_is_reported_and_defaults_are_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "theme = \"dark\"\nmouse = maybe\n").expect("write");
    let opts = TuiOptions {
        config: Some(path),
        ..TuiOptions::default()
    };
    let (cfg, warnings) = load_config(&opts);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("config.toml"), "{warnings:?}");
    assert!(cfg.mouse);
    assert_eq!(cfg.diff_height, 40);
}

#[test]
fn unknown_theme_option_is_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = TuiOptions {
        config: Some(dir.path().join("missing.toml")),
        theme: Some("neon".into()),
        ..TuiOptions::default()
    };
    let (_cfg, warnings) = load_config(&opts);
    assert!(warnings.iter().any(|w| w.contains("neon")), "{warnings:?}");
}

/// `[keys.compare] down = ["j", "q"]`: `q` moves down on Compare, which a warning says
/// naming both commands, and the footer offers the quit key that still quits there.
#[test]
fn a_key_bound_twice_is_a_warning_and_the_footer_shows_the_working_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys.compare]\ndown = [\"j\", \"q\"]\n").expect("write");
    let opts = TuiOptions {
        config: Some(path),
        ..TuiOptions::default()
    };
    let (cfg, warnings) = load_config(&opts);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("compare.down") && w.contains("global.quit")),
        "{warnings:?}"
    );
    let state = crate::tui_fixture::loaded_with(dir.path(), (80, 24), cfg);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("tty");
    t.draw(|f| {
        framediff::ui::draw(f, &state);
    })
    .expect("draw");
    let footer = crate::tui_fixture::screen_text(&t).pop().expect("rows");
    assert!(footer.contains("Ctrl-c quit"), "{footer}");
    assert!(!footer.contains("q quit"), "{footer}");
}
