//! Reports built from hand-made articles: escaping, diffs, schema fields.

use std::path::PathBuf;
use std::sync::Arc;

use framediff::analysis::{CompareOptions, compare};
use framediff::corpus::{Article, Event, EventOrigin, TextOrigin};
use framediff::report::{Format, render};

fn article(outlet: &str, body: &str) -> Arc<Article> {
    Arc::new(Article {
        path: PathBuf::from(format!("{outlet}.md")),
        outlet: outlet.into(),
        title: format!("<b>{outlet}</b> headline"),
        date: None,
        date_alt: None,
        url: None,
        author: None,
        language: Some("en".into()),
        kind: None,
        body: body.into(),
        origin: TextOrigin::Verbatim {
            start: 10,
            end: 10 + body.len(),
        },
        extra: Default::default(),
        gold: None,
    })
}

fn event() -> Event {
    Event {
        id: "test-event".into(),
        title: "Talks & <script>alert(1)</script>".into(),
        date: None,
        summary: None,
        tags: vec![],
        origin: EventOrigin::Folder,
        articles: vec![
            article(
                "a",
                "The leaders agreed to a 30-day pause in strikes on energy facilities. Critics called it a disaster.",
            ),
            article(
                "b",
                "A 30-day pause in strikes on energy facilities was agreed by the leaders. Supporters hailed a historic breakthrough.",
            ),
        ],
    }
}

#[test]
fn json_has_offsets_and_diffs() {
    let ev = event();
    let cmp = compare(&ev, &CompareOptions::default());
    let json = render(&cmp, &ev, Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid");
    let shared: Vec<&serde_json::Value> = doc["clusters"]
        .as_array()
        .expect("clusters")
        .iter()
        .filter(|c| c["kind"] == "shared")
        .collect();
    assert_eq!(shared.len(), 1);
    let m = &shared[0]["members"][0];
    assert_eq!(
        m["start"], 10,
        "file offsets include the front matter shift"
    );
    let diff = &shared[0]["diffs"][0];
    assert!(
        diff["left_tokens"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t["op"] == "moved"))
    );
    assert_eq!(doc["profiles"].as_array().map(Vec::len), Some(2));
}

#[test]
fn html_and_markdown_escape_untrusted_text() {
    let ev = event();
    let cmp = compare(&ev, &CompareOptions::default());
    let html = render(&cmp, &ev, Format::Html);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("&lt;b&gt;a&lt;/b&gt;"));
    let md = render(&cmp, &ev, Format::Markdown);
    assert!(md.contains("## Shared claims"));
    // "a disaster" vs "a historic breakthrough" about the same agreement
    assert!(
        md.contains("a vs b: evaluation: disaster (\u{2212}) vs"),
        "{md}"
    );
}

#[test]
fn a_disputed_shared_fact_links_both_ways_in_every_format() {
    let mut ev = event();
    ev.articles = vec![
        article("a", "The call between the two presidents lasted two hours."),
        article("b", "The call between the presidents lasted two hours."),
        article(
            "c",
            "The call between the two presidents lasted two hours on Tuesday.",
        ),
        article(
            "d",
            "The call between the two presidents did not last two hours.",
        ),
    ];
    let cmp = compare(&ev, &CompareOptions::default());
    let json = render(&cmp, &ev, Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("valid");
    let clusters = doc["clusters"].as_array().expect("clusters");
    let shared: Vec<&serde_json::Value> =
        clusters.iter().filter(|c| c["kind"] == "shared").collect();
    let contrasting: Vec<&serde_json::Value> = clusters
        .iter()
        .filter(|c| c["kind"] == "contrasting")
        .collect();
    assert_eq!((shared.len(), contrasting.len()), (1, 1), "{json}");
    let (s, c) = (shared[0], contrasting[0]);
    let outlets = |c: &serde_json::Value| -> Vec<String> {
        c["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["outlet"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(outlets(s), ["a", "b", "c"]);
    assert_eq!(s["disputed_by"], serde_json::json!([c["id"]]));
    assert!(
        s["reasons"]
            .as_array()
            .is_some_and(|r| r.iter().any(|r| r == "disputed by d")),
        "{}",
        s["reasons"]
    );
    // the contrasting cluster shows both sides: the dissent and, as counterparts, the claims
    // of the shared fact it contradicts
    let members = c["members"].as_array().expect("members");
    assert_eq!(members.len(), 4, "{}", c["members"]);
    let cp: Vec<&serde_json::Value> = members
        .iter()
        .filter(|m| m["counterpart"] == true)
        .collect();
    assert_eq!(cp.len(), 3);
    let mut listed: Vec<u64> = c["counterparts"]
        .as_array()
        .expect("counterparts")
        .iter()
        .filter_map(|v| v.as_u64())
        .collect();
    listed.sort_unstable();
    let mut flagged: Vec<u64> = cp.iter().filter_map(|m| m["claim"].as_u64()).collect();
    flagged.sort_unstable();
    assert_eq!(listed, flagged);
    assert!(
        members
            .iter()
            .any(|m| m["outlet"] == "d" && m["counterpart"] == false)
    );
    for m in &cp {
        let claim = &doc["claims"][m["claim"].as_u64().expect("id") as usize];
        assert_eq!(claim["cluster"], s["id"]);
        assert_eq!(claim["disputed_in"], serde_json::json!([c["id"]]));
        for k in ["path", "start", "end", "text"] {
            assert!(!m[k].is_null(), "{k}");
        }
    }

    let md = render(&cmp, &ev, Format::Markdown);
    // People see numbers from 1: `number` in JSON.
    let (sid, cid) = (
        s["number"].as_u64().unwrap_or(0),
        c["number"].as_u64().unwrap_or(0),
    );
    assert!(md.contains("*disputed by d*"), "{md}");
    assert!(
        md.contains(&format!("disputed in ≠ contrasting #{cid}")),
        "{md}"
    );
    assert!(
        md.contains(&format!("(counterpart from = shared #{sid})")),
        "{md}"
    );
    let html = render(&cmp, &ev, Format::Html);
    assert!(html.contains(&format!(
        "<a href=\"#c{cid}\">&#8800; contrasting #{cid}</a>"
    )));
    assert!(html.contains(&format!(
        "counterpart from <a href=\"#c{sid}\">shared #{sid}</a>"
    )));
}

#[test]
fn markdown_says_when_a_kind_has_no_clusters() {
    let mut ev = event();
    // two unrelated articles: nothing shared, nothing contrasting
    ev.articles[1] = article(
        "b",
        "Hockey matches between the two leagues were discussed at length.",
    );
    let cmp = compare(&ev, &CompareOptions::default());
    let md = render(&cmp, &ev, Format::Markdown);
    // no contrast is said as what framediff found, never as a claim about the outlets
    assert!(
        md.contains(
            "## Contrasting claims\n\nNone: framediff found no contradiction it is sure of."
        ),
        "{md}"
    );
    assert!(md.contains("## Shared claims\n\nNone.\n"), "{md}");
    assert!(!md.contains("## Unique claims\n\nNone."), "{md}");
}

#[test]
fn no_contrast_is_reported_as_what_was_found_with_the_related_pairs_counted() {
    let mut ev = event();
    ev.articles[1] = article(
        "b",
        "Hockey matches between the two leagues were discussed at length.",
    );
    let mut cmp = compare(&ev, &CompareOptions::default());
    assert!(cmp.related.is_empty());
    let html = render(&cmp, &ev, Format::Html);
    assert!(
        html.contains("<p>framediff found no contradiction it is sure of.</p>"),
        "{html}"
    );
    // tester report 22, finding 2: the old summary made a claim about the outlets
    assert!(!html.contains("do not contradict"), "{html}");
    // two pairs left as related context are counted in both reports
    let (a, b) = (cmp.columns[0].claims[0], cmp.columns[1].claims[0]);
    for _ in 0..2 {
        cmp.related.push(framediff::analysis::RelatedPair {
            a,
            b,
            similarity: 0.3,
            note: None,
        });
    }
    let sentence =
        "framediff found no contradiction it is sure of; 2 pairs are shown as related context.";
    assert!(render(&cmp, &ev, Format::Html).contains(sentence));
    assert!(render(&cmp, &ev, Format::Markdown).contains(sentence));
    cmp.related.pop();
    assert!(render(&cmp, &ev, Format::Html).contains("; 1 pair is shown as related context."));
}

#[test]
fn one_cluster_numbering_in_every_format() {
    let ev = event();
    let cmp = compare(&ev, &CompareOptions::default());
    let json: serde_json::Value = serde_json::from_str(&render(&cmp, &ev, Format::Json)).unwrap();
    let md = render(&cmp, &ev, Format::Markdown);
    let html = render(&cmp, &ev, Format::Html);
    for c in json["clusters"].as_array().unwrap() {
        let (id, n) = (c["id"].as_u64().unwrap(), c["number"].as_u64().unwrap());
        assert_eq!(n, id + 1, "number is what people see, id + 1");
        if c["kind"] == "unique" {
            continue;
        }
        let kind = c["kind"].as_str().unwrap();
        assert!(
            md.contains(&format!("{kind} #{n} (")),
            "markdown #{n}:\n{md}"
        );
        assert!(html.contains(&format!("id=\"c{n}\"")), "html anchor c{n}");
    }
}

#[test]
fn markdown_marks_diff_runs_lists_unique_claims_compactly_and_never_prints_minus_zero() {
    use framediff::analysis::{DiffOp, DiffToken, WordDiff};
    use framediff::report::{diff_is_informative, diff_runs, signed2};
    let tok = |t: &str, op| DiffToken { text: t.into(), op };
    let left = vec![
        tok("The ", DiffOp::Equal),
        tok("call ", DiffOp::Only),
        tok("on ", DiffOp::Only),
        tok("18 ", DiffOp::Only),
        tok("March ", DiffOp::Equal),
    ];
    let runs = diff_runs(&left);
    assert_eq!(runs.len(), 3);
    assert_eq!(runs[1], (DiffOp::Only, "call on 18 ".to_string()));
    let unrelated = WordDiff {
        left: vec![tok("Hockey ", DiffOp::Only), tok("fans", DiffOp::Only)],
        right: vec![tok("Stocks ", DiffOp::Only), tok("fell", DiffOp::Only)],
    };
    assert!(!diff_is_informative(&unrelated));
    assert!(diff_is_informative(&WordDiff {
        left: left.clone(),
        right: left
    }));
    assert_eq!(signed2(-0.001), "+0.00");
    assert_eq!(signed2(-0.25), "-0.25");

    let mut ev = event();
    ev.articles.push(article(
        "c",
        "Hockey matches between the two leagues were discussed at length.",
    ));
    let cmp = compare(&ev, &CompareOptions::default());
    let md = render(&cmp, &ev, Format::Markdown);
    assert!(!md.contains("-0.00"), "{md}");
    assert!(
        !md.contains("** **"),
        "words of one run are marked together:\n{md}"
    );
    assert!(
        !md.contains("### + unique"),
        "no section per unique claim:\n{md}"
    );
    let unique = md.split("## Unique claims").nth(1).expect("unique section");
    let unique = unique.split("## Framing").next().unwrap_or_default();
    assert!(
        unique.contains("- #") && unique.contains("**c**: Hockey"),
        "{unique}"
    );
    assert!(!unique.contains("similarity"), "{unique}");
}

/// Tester report 14, item 12 (report side): a claim of 20 KB is quoted in Markdown and HTML
/// as a bounded excerpt that says how much is left out, and gets no word diff (the JSON
/// report keeps its text once, not thousands of diff tokens).
#[test]
fn a_huge_claim_is_quoted_in_part_and_not_diffed() {
    let mut ev = event();
    // over the 4 KB word-diff bound and under the 8 KB claim bound
    // (`boilerplate::MAX_CLAIM_BYTES`: a longer run-on is no claim, see below)
    let run_on = "The mayor said the bridge will reopen on Monday and then some more words follow "
        .repeat(80);
    let huge_len = run_on.trim_end().len();
    ev.articles = vec![
        article("a", "The mayor said the bridge will reopen on Monday."),
        article("b", run_on.trim_end()),
        article(
            "c",
            "The mayor said the bridge will reopen on Monday, officials said.",
        ),
    ];
    let cmp = compare(&ev, &CompareOptions::default());
    assert!(
        cmp.claims.iter().any(|c| c.text.len() == huge_len),
        "one huge claim"
    );
    for format in [Format::Markdown, Format::Html] {
        let text = render(&cmp, &ev, format);
        assert!(text.contains("more bytes left out]"), "{format:?}");
        // quoted in part: no 2,500 bytes of it in one piece (the excerpt is 2,000)
        assert!(!text.contains(&run_on[..2500]), "{format:?}");
    }
    let json = render(&cmp, &ev, Format::Json);
    // the JSON keeps the whole text where the schema has it (a member and a claim, with
    // their spans); word-diff tokens of it took about 38 times its size (192 MB for 5 MB)
    // (measured over the same event with a short claim in its place: the report's own
    // fields are not the claim's cost)
    let mut short = ev.clone();
    short.articles[1] = article("b", "The bridge opened in 1990.");
    let base = render(
        &compare(&short, &CompareOptions::default()),
        &short,
        Format::Json,
    );
    let cost = json.len().saturating_sub(base.len());
    assert!(cost < 5 * huge_len, "{cost} bytes");
    for c in 0..cmp.clusters.len() {
        for (l, r, _) in framediff::report::cluster_diffs(&cmp, c) {
            assert!(cmp.claims[l].text.len() < 5000 && cmp.claims[r].text.len() < 5000);
        }
    }
    assert_eq!(framediff::report::quoted("short"), "short");
}

/// Tester report 14, item 12: a run-on "sentence" over the claim bound (here 20 KB of one
/// repeated phrase) is no claim, so it is never shared on the strength of the words it
/// repeats, and no report quotes it.
#[test]
fn a_run_on_over_the_claim_bound_is_no_claim_and_shares_nothing() {
    let mut ev = event();
    let run_on = "The mayor said the bridge will reopen on Monday and then some more words follow "
        .repeat(250);
    assert!(run_on.len() > framediff::analysis::boilerplate::MAX_CLAIM_BYTES);
    ev.articles = vec![
        article("a", "The mayor said the bridge will reopen on Monday."),
        article("b", run_on.trim_end()),
    ];
    let cmp = compare(&ev, &CompareOptions::default());
    assert!(cmp.claims.iter().all(|c| c.outlet != "b"), "no claim of b");
    assert!(
        cmp.clusters
            .iter()
            .all(|c| c.kind == framediff::analysis::ClusterKind::Unique)
    );
    let md = render(&cmp, &ev, Format::Markdown);
    assert!(md.len() < run_on.len() / 2, "{} bytes", md.len());
}

/// Tester report 14, item 37a: a contrasting cluster's first word diff is its dissent against
/// the claim it contradicts (its counterpart), not two members that agree.
#[test]
fn a_contrasts_first_diff_is_the_dissent_against_its_counterpart() {
    let cmp = crate::tui_fixture::disputed_comparison();
    let dissent = cmp
        .clusters
        .iter()
        .find(|c| {
            c.kind == framediff::analysis::ClusterKind::Contrasting && !c.counterparts.is_empty()
        })
        .expect("a contrast with a counterpart");
    let diffs = framediff::report::cluster_diffs(&cmp, dissent.id);
    let (l, r, _) = diffs.first().expect("a diff");
    assert!(!dissent.counterparts.contains(l), "anchored on the dissent");
    assert!(
        dissent.counterparts.contains(r),
        "against its counterpart first"
    );
}

/// Tester report 14, item 29: with two articles of one outlet in an event, the reasons the
/// TUI shows name each article ("wire (wire-2.md)"), so an outlet is never both a sharer and
/// "not in", and a cluster holding one of its articles says which.
#[test]
fn reasons_name_each_article_of_an_outlet_with_two() {
    let mut ev = event();
    let mut second = article("wire", "Second story: the bridge will reopen on Monday.");
    Arc::make_mut(&mut second).path = PathBuf::from("wire-2.md");
    ev.articles = vec![
        article("wire", "The mayor said the bridge will reopen on Monday."),
        second,
        article("daily", "The mayor said the bridge will reopen on Monday."),
        article("weekly", "Officials said repairs cost 2 million dollars."),
    ];
    let cmp = compare(&ev, &CompareOptions::default());
    let label = |col: usize| {
        let c = &cmp.columns[col];
        let path = ev.articles[c.article].path.display().to_string();
        format!("{} ({path})", c.outlet)
    };
    assert!(framediff::report::has_repeated_outlet(&cmp));
    let shared = cmp
        .clusters
        .iter()
        .find(|c| c.kind == framediff::analysis::ClusterKind::Shared)
        .expect("a shared cluster");
    let reasons = framediff::report::reasons_by_article(&cmp, shared, &label);
    let by = reasons
        .iter()
        .find(|r| r.starts_with("shared by "))
        .expect("a 'shared by' reason");
    let members: Vec<String> = shared
        .members
        .iter()
        .map(|&m| label(cmp.claims[m].column))
        .collect();
    for m in &members {
        assert!(by.contains(m.as_str()), "{by} lacks {m}");
    }
    assert!(!by.contains("2 articles"), "{by}");
    let unique = cmp
        .clusters
        .iter()
        .find(|c| c.kind == framediff::analysis::ClusterKind::Unique && c.members.len() == 1)
        .expect("a unique claim");
    let only = framediff::report::reasons_by_article(&cmp, unique, &label);
    let own = label(cmp.claims[unique.members[0]].column);
    assert_eq!(only[0], format!("only in {own}"));
    // an event where every outlet has one article keeps the analysis' words
    let mut one_each = ev.clone();
    one_each.articles.remove(1);
    let cmp = compare(&one_each, &CompareOptions::default());
    let c = &cmp.clusters[0];
    assert_eq!(
        framediff::report::reasons_by_article(&cmp, c, &|_| "x".into()),
        c.reasons
    );
}
