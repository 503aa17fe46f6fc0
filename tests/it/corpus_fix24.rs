//! Session 24 (tester report 24): a shared `outlets.toml` (finding 6) and file names with
//! control characters in Markdown and HTML reports (finding 9).

use std::fs;
use std::path::Path;
use std::process::Command;

use framediff::corpus;

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, content).expect("write");
}

fn two_outlets(d: &Path) {
    write(
        d,
        "2021-05-28-senate/the-hill.md",
        "---\noutlet: The Hill\ntitle: Senate GOP blocks the commission\n---\n\n\
         Senate Republicans blocked the commission on Friday. The vote was 54-35.\n",
    );
    write(
        d,
        "2021-05-28-senate/reuters.md",
        "---\noutlet: Reuters\ntitle: Republicans block the Jan. 6 commission\n---\n\n\
         Republicans in the Senate blocked the commission on Friday. Six Republicans voted for it.\n",
    );
}

/// Finding 6: an `outlets.toml` kept for several projects, most of whose tables match no
/// outlet here, gives one warning that counts and names them; one or two unused tables (a
/// typo) are still warned about one by one, with their lines.
#[test]
fn many_unused_outlet_tables_are_one_warning_and_a_few_are_one_each() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_outlets(d);
    let mut toml =
        String::from("[the-hill]\nname = \"The Hill\"\n\n[reuters]\nname = \"Reuters\"\n");
    for i in 0..30 {
        toml.push_str(&format!("\n[outlet-{i:02}]\nname = \"Outlet {i}\"\n"));
    }
    write(d, "outlets.toml", &toml);
    let c = corpus::load(d);
    let w: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|x| x.path.ends_with("outlets.toml"))
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].line, Some(7), "the first unused table's line");
    let m = &w[0].message;
    assert!(
        m.starts_with(
            "30 tables match no outlet of the corpus, so they are not used: outlet-00, \
             outlet-01, outlet-02, outlet-03, outlet-04, outlet-05, outlet-06, outlet-07, \
             outlet-08, outlet-09, … (outlets: reuters, the-hill)"
        ),
        "{m}"
    );
    assert!(m.len() < 400, "one line, not one per table: {m}");

    // two typos: one warning each, as before
    let toml = "[the-hil]\nname = \"The Hill\"\n\n[reuter]\nname = \"Reuters\"\n";
    write(d, "outlets.toml", toml);
    let c = corpus::load(d);
    let w: Vec<_> = c
        .diagnostics
        .iter()
        .filter(|x| x.path.ends_with("outlets.toml"))
        .collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].message.starts_with("[the-hil] matches no outlet"),
        "{w:?}"
    );
    assert_eq!(w[1].line, Some(4));
}

/// Finding 9: a file name with an escape sequence and a newline is printed escaped in the
/// Markdown and HTML reports (as `check` prints it), never altered and never splitting the
/// outlets table's row; JSON keeps the true path.
#[test]
fn a_file_name_with_control_characters_is_escaped_in_markdown_and_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    two_outlets(d);
    let odd = "2021-05-28-senate/esc\u{1b}[31mname\nnewline.md";
    write(
        d,
        odd,
        "---\noutlet: Odd Outlet\ntitle: Odd\n---\n\nSenate Republicans blocked the commission on Friday.\n",
    );
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_framediff"))
            .args(["compare", "senate"])
            .arg(d)
            .args(["--format", format])
            .env("FRAMEDIFF_CACHE_DIR", d.join(".cache"))
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let shown = "esc\\u{1b}[31mname\\nnewline.md";
    let md = run("markdown");
    let row = md
        .lines()
        .find(|l| l.starts_with("| odd-outlet |"))
        .unwrap_or_else(|| panic!("the outlet's row: {md}"));
    assert!(row.ends_with(&format!("{shown}` |")), "{row}");
    assert!(md.contains(shown), "{md}");
    assert!(!md.contains('\u{1b}'));
    let html = run("html");
    assert!(
        html.contains(shown),
        "the HTML report prints the name escaped"
    );
    assert!(!html.contains('\u{1b}'));
    let json = run("json");
    assert!(
        json.contains("esc\\u001b[31mname\\nnewline.md"),
        "JSON has the true path"
    );
}
