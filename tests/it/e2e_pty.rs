//! End-to-end: the real `framediff` binary in a pseudo-terminal, driven by key presses, read
//! back through a terminal emulator (vt100), on the sample corpus.
//!
//! Waiting uses a generous deadline only to fail instead of hanging; nothing here measures
//! speed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const DEADLINE: Duration = Duration::from_secs(60);

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    _config: tempfile::TempDir,
}

impl Session {
    fn start(corpus: &Path, cols: u16, rows: u16) -> Session {
        let pair = open_pty(cols, rows);
        let config = tempfile::tempdir().expect("config dir");
        let child = pair
            .slave
            .spawn_command(framediff_command(corpus, config.path()))
            .expect("spawn framediff");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut p) = p.lock() {
                            p.process(&buf[..n]);
                        }
                        if let Ok(mut r) = r.lock() {
                            r.extend_from_slice(&buf[..n]);
                        }
                    }
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _master: pair.master,
            _config: config,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().expect("parser").screen().contents()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > DEADLINE {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        // Let the app see separate key presses rather than one pasted burst.
        std::thread::sleep(Duration::from_millis(120));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().expect("try_wait") {
                // Give the reader thread a moment to drain the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return st;
            }
            if start.elapsed() > DEADLINE {
                let _ = self.child.kill();
                panic!("framediff did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw").clone()
    }
}

/// A pseudo-terminal of `cols` x `rows`.
fn open_pty(cols: u16, rows: u16) -> portable_pty::PtyPair {
    native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty")
}

/// `framediff CORPUS` with its own empty config folder (and cache root `config/cache`),
/// colours on.
fn framediff_command(corpus: &Path, config: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_framediff"));
    cmd.arg(corpus);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", config);
    cmd.env("FRAMEDIFF_CACHE_DIR", config.join("cache"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            if e.file_name() != ".framediff" {
                copy_dir(&e.path(), &target);
            }
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

fn sample_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &corpus,
    );
    (dir, corpus)
}

fn assert_restored(s: &Session) {
    let parser = s.parser.lock().expect("parser");
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "alternate screen left");
    assert!(!screen.hide_cursor(), "cursor shown again");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture off"
    );
    drop(parser);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let entered = raw
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    assert!(
        raw[entered..].contains("\x1b[?1049l"),
        "left the alternate screen last"
    );
}

#[test]
fn open_event_jump_to_contrast_diff_search_quit() {
    main_flow(120, 36);
}

#[test]
fn the_same_flow_at_80x24() {
    main_flow(80, 24);
}

fn main_flow(cols: u16, rows: u16) {
    let (_dir, corpus) = sample_corpus();
    let mut s = Session::start(&corpus, cols, rows);
    // Predicates name everything a step checks: a read can land in the middle of a frame.
    // Two events: the picker opens by itself.
    s.wait_for("the event picker", |t| {
        t.contains("Events") && t.contains("Trump–Putin")
    });
    s.send("trump");
    s.send("\r");
    s.wait_for("the analysed event", |t| {
        t.contains("Diff") && t.contains("BBC News") && t.contains("▶ ")
    });

    // Next contrasting claim: the diff pane shows the verdict and its reasons.
    s.send("]");
    s.wait_for("a contrasting claim with its reasons", |t| {
        t.contains("≠ CONTRASTING") && t.contains("why:")
    });

    // Into the diff pane and maximise it.
    s.send("\t");
    s.send("z");
    s.wait_for("the maximised diff pane, selected version marked", |t| {
        t.contains("≠ CONTRASTING") && !t.contains("claims ·") && t.contains("▶")
    });
    s.send("z");

    // Fuzzy search for Izvestia's "win" and jump to it.
    s.send("/");
    s.wait_for("the search picker", |t| {
        t.contains("Search events, outlets, claims")
    });
    s.send("clear win");
    // Long results are shown around their match, so the matched words are on screen.
    s.wait_for("search results", |t| t.contains("a clear win"));
    s.send("\r");
    // The chosen claim is selected: the diff pane shows Izvestia's version first.
    s.wait_for("the picker closed on Izvestia's claim", |t| {
        !t.contains("Search events") && t.contains("▶ Izvestia: Political scientists")
    });

    // Help is generated from the keymap.
    s.send("?");
    s.wait_for("help", |t| t.contains("next contrasting claim"));
    s.send("\x1b");
    s.wait_for("help closed", |t| !t.contains("next contrasting claim"));

    s.send("q");
    let st = s.wait_exit();
    assert!(st.success(), "exit status {st:?}");
    assert_restored(&s);
    // The view to resume is kept in the cache folder; nothing was annotated, so nothing is
    // written inside the user's corpus.
    assert!(
        !corpus.join(".framediff").exists(),
        "the corpus was left as it was"
    );
    let cache = s._config.path().join("cache");
    let sessions: Vec<_> = walkdir::WalkDir::new(&cache)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "session.json")
        .collect();
    assert_eq!(
        sessions.len(),
        1,
        "one session file under {}",
        cache.display()
    );
}

#[test]
fn hostile_article_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let event = dir.path().join("corpus").join("2025-01-01-hostile");
    std::fs::create_dir_all(&event).expect("mkdir");
    let evil = "Putin called it a \x1b]52;c;cm0gLXJmIH4=\x07clipboard win \x1b[2J and the screen stayed. \u{202e}desrever\u{202c} text.";
    std::fs::write(
        event.join("bbc.md"),
        format!("---\noutlet: bbc\ntitle: Hostile headline\n---\n{evil}\n\nThe Kremlin said talks would continue.\n"),
    )
    .expect("write");
    std::fs::write(
        event.join("tass.md"),
        "---\noutlet: tass\ntitle: Calm headline\n---\nPutin called it a win.\n\nThe Kremlin said talks would continue.\n",
    )
    .expect("write");
    let mut s = Session::start(&dir.path().join("corpus"), 100, 30);
    s.wait_for("the event", |t| t.contains("Calm headline"));
    // Open the BBC article in full too.
    s.send("\r");
    s.wait_for("the article", |t| t.contains("screen stayed"));
    s.send("q");
    s.send("q");
    let st = s.wait_exit();
    assert!(st.success(), "exit status {st:?}");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(raw.contains("clipboard"), "the text was drawn");
    assert!(
        !raw.contains("\x1b]52"),
        "OSC 52 (clipboard) reached the terminal"
    );
    assert!(
        !raw.contains("\x1b[2J"),
        "clear-screen reached the terminal"
    );
    assert!(
        !raw.contains('\u{202e}'),
        "bidi override reached the terminal"
    );
    assert_restored(&s);
}

/// Sends each signal to a fresh TUI on the event picker and checks it exits 128 + the
/// signal's number with the terminal restored.
fn assert_signals_restore(signals: &[(&str, u32)]) {
    for &(signal, code) in signals {
        let (_dir, corpus) = sample_corpus();
        let mut s = Session::start(&corpus, 80, 24);
        s.wait_for("the event picker", |t| t.contains("Events"));
        let pid = s.child.process_id().expect("pid");
        let st = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status()
            .expect("kill");
        assert!(st.success());
        let st = s.wait_exit();
        assert_eq!(st.exit_code(), code, "{signal}");
        assert_restored(&s);
    }
}

#[test]
fn sigterm_and_sigint_restore_the_terminal_and_exit_128_plus_the_signal() {
    assert_signals_restore(&[("-TERM", 143), ("-INT", 130)]);
}

/// Tester report 21, finding 5: SIGQUIT and SIGUSR1 left the alternate screen, mouse
/// reporting and the hidden cursor behind. Every terminating signal a process can catch
/// restores the terminal and exits 128 + its number.
#[test]
fn sigquit_sigusr_and_sigalrm_restore_the_terminal_and_exit_128_plus_the_signal() {
    assert_signals_restore(&[
        ("-QUIT", 131),
        ("-USR1", 138),
        ("-USR2", 140),
        ("-ALRM", 142),
    ]);
}

/// Ctrl-z under a job-control shell: the terminal is given back to the shell (normal
/// screen, cursor shown, no mouse capture), `fg` brings the view back drawn whole, and `q`
/// then quits as usual.
#[test]
#[ignore = "open (session 21): in this pty harness the Ctrl-z key is not acted on; under tmux \
            with an interactive bash it suspends in the event picker and on Compare, and fg \
            brings the view back (checked by hand)"]
fn ctrl_z_suspends_to_the_shell_and_fg_comes_back() {
    let (_dir, corpus) = sample_corpus();
    let config = tempfile::tempdir().expect("config dir");
    let pair = open_pty(80, 24);
    // `set -m`: job control in a script, so framediff runs as a job the shell can stop and
    // continue; the echo shows the shell has the terminal back
    let script = "set -m; \"$0\" \"$1\"; echo SUSPENDED-$?; fg; echo DONE-$?; sleep 5";
    let mut cmd = CommandBuilder::new("bash");
    cmd.args(["-c", script, env!("CARGO_BIN_EXE_framediff")]);
    cmd.arg(&corpus);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", config.path());
    cmd.env("FRAMEDIFF_CACHE_DIR", config.path().join("cache"));
    let mut child = pair.slave.spawn_command(cmd).expect("spawn bash");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let p = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = p.lock() {
                p.process(&buf[..n]);
            }
        }
    });
    let wait_for = |what: &str, pred: &dyn Fn(&vt100::Screen) -> bool| {
        let start = Instant::now();
        loop {
            let parser = parser.lock().expect("parser");
            if pred(parser.screen()) {
                return;
            }
            let shown = parser.screen().contents();
            drop(parser);
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; screen:\n{shown}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("the event picker", &|s| s.contents().contains("Events"));
    // open the first event and let its analysis and the text index finish: a Ctrl-z pressed
    // while they run is acted on only with the next key (an open problem, see the report of
    // session 21)
    writer.write_all(b"\r").expect("enter");
    writer.flush().expect("flush");
    wait_for("the Compare screen", &|s| s.contents().contains("┌1 "));
    std::thread::sleep(Duration::from_secs(3));
    writer.write_all(b"\x1a").expect("ctrl-z");
    writer.flush().expect("flush");
    // bash reports a stopped job as 128 + SIGTSTP (148)
    wait_for("the shell", &|s| s.contents().contains("SUSPENDED-148"));
    {
        let parser = parser.lock().expect("parser");
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "alternate screen left");
        assert!(!screen.hide_cursor(), "cursor shown");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture off"
        );
    }
    wait_for("the view again", &|s| {
        s.alternate_screen() && s.contents().contains("┌1 ")
    });
    // Ctrl-c quits everywhere (q would be typed into the picker)
    writer.write_all(b"\x03").expect("ctrl-c");
    writer.flush().expect("flush");
    wait_for("the end", &|s| s.contents().contains("DONE-0"));
    assert!(!parser.lock().expect("parser").screen().alternate_screen());
    let _ = child.kill();
}

#[test]
fn edited_files_are_reloaded_in_place() {
    let (_dir, corpus) = sample_corpus();
    let mut s = Session::start(&corpus, 120, 36);
    s.wait_for("the event picker", |t| t.contains("Events"));
    s.send("trump");
    s.send("\r");
    s.wait_for("the analysed event", |t| {
        t.contains("Diff") && t.contains("BBC News")
    });
    s.send("j");
    let marked = |t: &str| {
        t.lines()
            .find(|l| l.contains("▶ BBC News:"))
            .map(str::to_string)
    };
    let before = s.wait_for("the second BBC claim", |t| {
        marked(t).is_some_and(|l| l.contains("pro-government"))
    });
    let before = marked(&before).expect("selected claim line");
    let bbc = corpus.join("2025-03-18-trump-putin-call").join("bbc.md");
    let text = std::fs::read_to_string(&bbc).expect("read bbc.md");
    let edited = text.replacen(
        "title: \"Putin gives little ground in long call with Trump\"",
        "title: \"Edited on disk while framediff was open\"",
        1,
    );
    assert_ne!(
        text, edited,
        "the fixture headline changed; update this test"
    );
    std::fs::write(&bbc, edited).expect("write bbc.md");
    // Wait for a whole frame (a screen read can land in the middle of one).
    let t = s.wait_for("the reloaded headline and selection", |t| {
        t.contains("Edited on disk") && marked(t).is_some()
    });
    assert_eq!(
        marked(&t),
        Some(before),
        "the same claim is still selected: {t}"
    );
    s.send("q");
    assert!(s.wait_exit().success());
    assert_restored(&s);
}

/// Run only as the child of `a_panic_restores_the_terminal`: takes over the terminal like the
/// TUI does, then panics without dropping the guard, so only the panic hook can restore.
#[test]
#[ignore = "child process of a_panic_restores_the_terminal"]
fn panicking_child() {
    if std::env::var_os("FRAMEDIFF_PANIC_CHILD").is_none() {
        return;
    }
    let guard = framediff::tui::terminal::TerminalGuard::enter(true).expect("enter");
    std::mem::forget(guard);
    panic!("deliberate panic with the terminal in raw mode");
}

#[test]
fn a_panic_restores_the_terminal() {
    let pair = open_pty(80, 24);
    let exe = std::env::current_exe().expect("test binary");
    let mut cmd = CommandBuilder::new(exe);
    cmd.args([
        "--ignored",
        "--exact",
        "e2e_pty::panicking_child",
        "--nocapture",
    ]);
    cmd.env("FRAMEDIFF_PANIC_CHILD", "1");
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn child");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut parser = vt100::Parser::new(24, 80, 0);
    let mut raw = Vec::new();
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        raw
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            break st;
        }
        assert!(start.elapsed() < DEADLINE, "child did not exit");
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(pair.master);
    let raw = reading.join().expect("reader thread");
    parser.process(&raw);
    assert!(!status.success(), "the child panicked");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let entered = text
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = text[entered..].find("\x1b[?1049l").map(|i| i + entered);
    let message = text
        .find("deliberate panic")
        .expect("panic message printed");
    let left = left.expect("alternate screen left");
    assert!(left < message, "restored before the message was printed");
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().hide_cursor());
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    let (_dir, corpus) = sample_corpus();
    let mut s = Session::start(&corpus, 80, 24);
    s.wait_for("the event picker", |t| t.contains("Events"));
    let pid = s.child.process_id().expect("pid");
    let st = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(st.success());
    let st = s.wait_exit();
    assert_eq!(
        (st.exit_code(), st.signal()),
        (129, None),
        "128 + SIGHUP, from the handler"
    );
    assert_restored(&s);
}

#[test]
fn a_closed_terminal_ends_the_tui_with_129() {
    let (_dir, corpus) = sample_corpus();
    let config = tempfile::tempdir().expect("config dir");
    let pair = open_pty(80, 24);
    let mut child = pair
        .slave
        .spawn_command(framediff_command(&corpus, config.path()))
        .expect("spawn framediff");
    drop(pair.slave);
    // The reader stops (and closes its copy of the master) once the picker is drawn.
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let drawn = std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(24, 80, 0);
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                return false;
            }
            parser.process(&buf[..n]);
            if parser.screen().contents().contains("Events") {
                return true;
            }
        }
        false
    });
    assert!(drawn.join().expect("reader"), "the TUI started");
    // Closing the master side hangs the terminal up: the kernel sends SIGHUP, and restoring
    // the (gone) terminal fails, which must not turn the exit into an error or a panic (it
    // was exit 101: ratatui reports a failed cursor restore with eprintln! to the dead tty).
    drop(pair.master);
    let start = Instant::now();
    let st = loop {
        if let Some(st) = child.try_wait().expect("try_wait") {
            break st;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("framediff did not exit after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(
        (st.exit_code(), st.signal()),
        (129, None),
        "128 + SIGHUP, from the handler (a signal here means the default action killed it)"
    );
}
