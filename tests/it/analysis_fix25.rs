//! Session 25 (tester report 24, finding 10, and two report leftovers): the framing
//! profile's speakers and names through the whole pipeline (`compare` of an event, where the
//! event confirms names and resolves them across outlets), and a file name with a backtick
//! in the Markdown report.

use std::fs;
use std::path::Path;
use std::process::Command;

use framediff::analysis::{CompareOptions, Comparison, compare};

use super::analysis_robustness::{article, event};

fn compared(articles: &[(&str, &str)]) -> Comparison {
    let ev = event(articles.iter().map(|(o, b)| article(o, b, None)).collect());
    compare(&ev, &CompareOptions::default())
}

/// The speaker shown with the claim whose text starts with `start`.
fn speaker(cmp: &Comparison, start: &str) -> Option<String> {
    let c = cmp
        .claims
        .iter()
        .find(|c| c.text.starts_with(start))
        .unwrap_or_else(|| panic!("a claim starting {start:?}: {:#?}", cmp.claims));
    c.attribution.as_ref().and_then(|a| a.speaker.clone())
}

/// The labels outlet `outlet`'s profile files under `actor`.
fn labels(cmp: &Comparison, outlet: &str, actor: &str) -> Vec<String> {
    let p = cmp
        .profiles
        .iter()
        .find(|p| p.outlet == outlet)
        .expect("profile");
    p.actor_labels
        .get(actor)
        .map(|l| l.iter().map(|(x, _)| x.clone()).collect())
        .unwrap_or_default()
}

/// "Several reports of … arose": a quantifier opening the sentence is no speaker of the
/// noun "reports" (the diff pane read `reports — Several`); a name that speaks stays.
#[test]
fn a_quantifier_is_never_the_speaker_shown_and_a_name_still_is() {
    let cmp = compared(&[
        (
            "alpha",
            "Several reports of American Jews being harassed arose this week. \
             Others say the attacks were planned. Mayor Lena Ortiz said the city would act.",
        ),
        (
            "beta",
            "Police in New York said two men were arrested. Ortiz said patrols would grow.",
        ),
    ]);
    assert_eq!(speaker(&cmp, "Several reports"), None);
    assert_eq!(speaker(&cmp, "Others say"), None);
    let mayor = speaker(&cmp, "Mayor Lena Ortiz");
    assert!(
        mayor.as_deref().is_some_and(|s| s.ends_with("Lena Ortiz")),
        "{mayor:?}"
    );
    for p in &cmp.profiles {
        for (s, _) in &p.quoted_sources {
            assert!(!["Several", "Others"].contains(&s.as_str()), "{s}");
        }
    }
}

/// "Senators voted" opens its sentence; "the Senate majority" names the chamber: the actor
/// is shown as "Senate" (it was "Senators", with the label "senate" under it).
#[test]
fn a_name_first_written_where_a_sentence_opens_is_shown_as_written_elsewhere() {
    let cmp = compared(&[
        (
            "the-hill",
            "Senators voted 54-35 on the House-passed bill on Friday.",
        ),
        (
            "examiner",
            "It was the first filibuster since the Democrats reclaimed the Senate majority.",
        ),
    ]);
    assert_eq!(labels(&cmp, "examiner", "Senate"), ["senate"]);
    assert!(labels(&cmp, "examiner", "Senators").is_empty());
    assert_eq!(labels(&cmp, "the-hill", "Senate"), ["senators"]);
}

/// A name written only at a sentence's start keeps the form it is written with there when
/// the other mentions are longer ("Senate Republicans"), as before.
#[test]
fn a_name_first_written_where_a_sentence_opens_keeps_its_form_beside_longer_ones() {
    let cmp = compared(&[
        ("alpha", "Republicans blocked the bill on Friday."),
        ("beta", "The Senate Republicans said the bill was partisan."),
    ]);
    assert_eq!(
        labels(&cmp, "alpha", "Republicans"),
        ["republicans"],
        "{:#?}",
        cmp.profiles
    );
    assert_eq!(
        labels(&cmp, "beta", "Republicans"),
        ["senate republicans"],
        "{:#?}",
        cmp.profiles
    );
}

/// "Gov. Rick Perry of Texas" labels Perry, not the actor Texas that the event resolved the
/// name's last word to; Texas alone is still Texas.
#[test]
fn a_person_of_a_place_is_that_person_through_the_pipeline() {
    let cmp = compared(&[
        (
            "nyt",
            "Gov. Rick Perry of Texas is broadcasting a new campaign ad. Mr. Perry said it \
             again on Tuesday.",
        ),
        ("fox", "Rick Perry released an ad in Texas on Wednesday."),
    ]);
    let p = cmp
        .profiles
        .iter()
        .find(|p| p.outlet == "nyt")
        .expect("nyt");
    let perry = p
        .actor_labels
        .values()
        .find(|ls| ls.iter().any(|(l, _)| l == "perry"))
        .unwrap_or_else(|| panic!("Perry's labels: {:#?}", p.actor_labels));
    assert!(
        perry.iter().any(|(l, _)| l == "rick perry of texas"),
        "{:#?}",
        p.actor_labels
    );
    assert!(
        labels(&cmp, "nyt", "Texas").is_empty(),
        "{:#?}",
        p.actor_labels
    );
    assert_eq!(labels(&cmp, "fox", "Texas"), ["texas"]);
}

fn write(dir: &Path, rel: &str, content: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, content).expect("write");
}

/// A file name with a backtick: the Markdown report's code spans take a longer fence, so
/// the span holds the whole name (it ended at the backtick), and "Files left out" no longer
/// turns the backtick into a quote mark.
#[test]
fn a_backtick_in_a_file_name_keeps_its_markdown_code_span_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    write(
        d,
        "senate/the-hill.md",
        "---\noutlet: The Hill\ntitle: Senate GOP blocks the commission\n---\n\n\
         Senate Republicans blocked the commission on Friday. The vote was 54-35.\n",
    );
    write(
        d,
        "senate/tick`name.md",
        "---\noutlet: Reuters\ntitle: Republicans block the commission\n---\n\n\
         Republicans in the Senate blocked the commission on Friday.\n",
    );
    write(
        d,
        "senate/bad`yaml.md",
        "---\noutlet: [broken\n---\n\nText.\n",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(["compare", "senate"])
        .arg(d)
        .args(["--format", "markdown"])
        .env("FRAMEDIFF_CACHE_DIR", d.join(".cache"))
        .output()
        .expect("runs");
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = md
        .lines()
        .find(|l| l.starts_with("| reuters |"))
        .unwrap_or_else(|| panic!("the outlet's row: {md}"));
    assert!(row.ends_with("senate/tick`name.md`` |"), "{row}");
    assert!(row.contains("| ``"), "{row}");
    let left_out = md
        .lines()
        .find(|l| l.contains("bad"))
        .unwrap_or_else(|| panic!("the file left out: {md}"));
    assert!(left_out.starts_with("- ``"), "{left_out}");
    assert!(left_out.contains("senate/bad`yaml.md"), "{left_out}");
    assert!(left_out.ends_with("``"), "{left_out}");
    // a path without a backtick is fenced as before
    assert!(md.contains("senate/the-hill.md` |"), "{md}");
    assert!(!md.contains("senate/the-hill.md`` |"), "{md}");
}
