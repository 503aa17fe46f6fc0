//! Tester report 21, the real binary: a corpus path that is not UTF-8 works in every command
//! (finding 1: it panicked with exit 101 before anything ran); `check` reports a corrupt
//! annotations file (finding 7) and a corpus without `outlets.toml` (finding 11); files
//! with a stray NUL byte, UTF-16 without a byte-order mark and a repeated front-matter key
//! are read, with a warning (finding 10).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn framediff(args: &[&OsStr], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(args)
        .env_remove("FRAMEDIFF_LOG")
        .env("FRAMEDIFF_CACHE_DIR", cache)
        .output()
        .expect("runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const BODY: &str = "Vladimir Putin did not accept the unconditional 30-day ceasefire proposed by \
Donald Trump during a long phone call on Tuesday. He agreed instead to a limited pause in strikes \
on energy infrastructure.\n";

const OTHER: &str = "Ukraine said Russian drones struck a hospital in Sumy hours after the call \
between the two leaders ended, and Kyiv asked its allies for more air defence systems.\n";

fn article(outlet: &str, title: &str) -> String {
    // two outlets, two texts (one text twice would be a syndicated copy, a warning)
    let body = if outlet == "bbc" { BODY } else { OTHER };
    format!("---\noutlet: {outlet}\ntitle: \"{title}\"\ndate: 2025-03-19\n---\n{body}")
}

/// `<tmp>/nb\xff\xfe-corpus/ev/{bbc,nbc}.md`: a corpus folder whose name is not UTF-8.
fn non_utf8_corpus(dir: &Path) -> PathBuf {
    let root = dir.join(OsStr::from_bytes(b"nb\xff\xfe-corpus"));
    let ev = root.join("2025-03-18-call");
    std::fs::create_dir_all(&ev).expect("mkdir");
    std::fs::write(ev.join("bbc.md"), article("bbc", "Putin rejects truce")).expect("write");
    std::fs::write(ev.join("nbc.md"), article("nbc", "Putin agrees to pause")).expect("write");
    root
}

#[test]
fn a_corpus_path_that_is_not_utf8_works_in_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("cache");
    let root = non_utf8_corpus(dir.path());
    let c = root.as_os_str();
    let log = dir.path().join("log.txt");
    for args in [
        vec![OsStr::new("check"), c],
        vec![OsStr::new("events"), c],
        vec![OsStr::new("compare"), OsStr::new("call"), c],
        // the debug log line names the arguments: lossy, not a panic
        vec![OsStr::new("--log"), log.as_os_str(), OsStr::new("check"), c],
    ] {
        let out = framediff(&args, &cache);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(0), "{args:?}:\n{stdout}\n{stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            stdout.contains("Putin") || (args[0] == "events" && stdout.contains("[bbc, nbc]")),
            "{args:?}: {stdout}"
        );
    }
    let logged = std::fs::read_to_string(&log).expect("log written");
    assert!(logged.contains("nb\u{fffd}\u{fffd}-corpus"), "{logged}");
    // the terminal UI without a terminal: the usual message, no panic
    let out = framediff(&[c], &cache);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("needs a terminal"));
    // a `--config` that is not UTF-8 and is missing: named lossily in the message
    let missing = dir.path().join(OsStr::from_bytes(b"cfg\xff.toml"));
    let out = framediff(
        &[
            OsStr::new("check"),
            c,
            OsStr::new("--config"),
            missing.as_os_str(),
        ],
        &cache,
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("config file not found"), "{stderr}");
    assert!(stderr.contains("cfg\u{fffd}.toml"), "{stderr}");
    // a folder that is not there: a message naming it, not a panic
    let gone = dir.path().join(OsStr::from_bytes(b"gone\xff"));
    let out = framediff(&[OsStr::new("check"), gone.as_os_str()], &cache);
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("gone\u{fffd}"), "{stderr}");
}

#[test]
fn check_reports_a_corrupt_annotations_file_and_a_missing_outlets_toml() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("cache");
    let root = dir.path().join("c");
    let ev = root.join("2025-03-18-call");
    std::fs::create_dir_all(&ev).expect("mkdir");
    std::fs::write(ev.join("bbc.md"), article("bbc", "Putin rejects truce")).expect("write");
    std::fs::write(ev.join("nbc.md"), article("nbc", "Putin agrees to pause")).expect("write");
    let check = || framediff(&[OsStr::new("check"), root.as_os_str()], &cache);
    let out = check();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("no outlets.toml"), "{stdout}");
    assert!(!stdout.contains("no entry in outlets.toml"), "{stdout}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    // the tester's `printf '{garbage' > .framediff/annotations.json`
    let file = root.join(".framediff/annotations.json");
    std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
    std::fs::write(&file, "{garbage").expect("write");
    let out = check();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "an error:\n{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("error:") && l.contains("annotations.json"))
        .unwrap_or_else(|| panic!("the file named:\n{stdout}"));
    assert!(
        line.contains("unreadable") && line.contains("line 1"),
        "{line}"
    );
    assert!(stdout.contains("1 error, 0 warnings"), "{stdout}");
    // check writes nothing: no copy kept aside
    let names: Vec<_> = std::fs::read_dir(file.parent().expect("folder"))
        .expect("read")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_stray_nul_utf16_without_a_bom_and_a_repeated_key_are_read_with_warnings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = dir.path().join("cache");
    let root = dir.path().join("c");
    let ev = root.join("2025-03-18-call");
    std::fs::create_dir_all(&ev).expect("mkdir");
    let with_nul = article("bbc", "Putin rejects truce").replacen("Tuesday.", "Tuesday.\0", 1);
    std::fs::write(ev.join("nul.md"), with_nul).expect("write");
    let utf16: Vec<u8> = article("nbc", "Putin agrees to pause")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(ev.join("utf16.md"), utf16).expect("write");
    let twice = "---\noutlet: cbs\ntitle: Truce talks\noutlet: abc\n---\n".to_string() + BODY;
    std::fs::write(ev.join("twice.md"), twice).expect("write");
    // a real binary is still rejected
    let mut binary = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0".to_vec();
    binary.extend(std::iter::repeat_n(0u8, 64));
    std::fs::write(ev.join("prog.txt"), binary).expect("write");
    let out = framediff(&[OsStr::new("check"), root.as_os_str()], &cache);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the binary is an error:\n{stdout}"
    );
    for (file, what) in [
        ("nul.md:6: ", "stray NUL byte removed"),
        ("utf16.md: ", "UTF-16LE without a byte-order mark"),
        ("twice.md:4: ", "the key 'outlet' appears twice"),
        ("prog.txt: ", "binary"),
    ] {
        assert!(
            stdout.lines().any(|l| l.contains(file) && l.contains(what)),
            "{file} {what}:\n{stdout}"
        );
    }
    // the three texts are articles: cbs (the first `outlet:`), bbc and nbc
    assert!(stdout.contains("3 articles"), "{stdout}");
    for title in [
        "Putin rejects truce",
        "Putin agrees to pause",
        "Truce talks",
    ] {
        assert!(stdout.contains(title), "{title}:\n{stdout}");
    }
    assert!(
        stdout
            .lines()
            .any(|l| l.trim_start().starts_with("cbs") && l.contains("Truce talks")),
        "{stdout}"
    );
}
