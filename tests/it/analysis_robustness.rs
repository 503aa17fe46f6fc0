//! Bad input is normal input: the claim engine never panics and keeps its invariants.

use std::path::PathBuf;

use framediff::analysis::{
    ClusterKind, CompareOptions, Comparison, compare, pair_verdict, word_diff,
};
use framediff::corpus::{Article, Event, TextOrigin};

pub(crate) fn article(outlet: &str, body: &str, language: Option<&str>) -> Article {
    Article {
        path: PathBuf::from(format!("{outlet}.md")),
        outlet: outlet.into(),
        title: outlet.into(),
        date: None,
        date_alt: None,
        url: None,
        author: None,
        language: language.map(String::from),
        kind: None,
        body: body.into(),
        origin: TextOrigin::Extracted,
        extra: Default::default(),
        gold: None,
    }
}

pub(crate) fn event(articles: Vec<Article>) -> Event {
    Event::of_articles("e", "e", articles)
}

pub(crate) fn check_invariants(ev: &Event, cmp: &Comparison) {
    for c in &cmp.claims {
        let body = &ev.articles[cmp.columns[c.column].article].body.as_str();
        assert!(body.is_char_boundary(c.start) && body.is_char_boundary(c.end));
        assert_eq!(&body[c.start..c.end], c.text);
        assert!(c.cluster < cmp.clusters.len());
        for q in &c.cues {
            assert_eq!(&c.text[q.start..q.end], q.text);
        }
    }
    for cl in &cmp.clusters {
        assert!(!cl.members.is_empty());
        assert!((0.0..=1.0).contains(&cl.similarity));
        if cl.kind == ClusterKind::Unique {
            assert_eq!(cl.members.len(), 1);
        }
    }
    assert_eq!(cmp.profiles.len(), cmp.columns.len());
}

#[test]
fn empty_and_degenerate_articles() {
    let ev = event(vec![
        article("a", "", None),
        article("b", "   \n\n  ...  \n", None),
        article("c", "!!! ??? ---", Some("xx")),
        article("d", "One word", None),
    ]);
    let cmp = compare(&ev, &CompareOptions::default());
    check_invariants(&ev, &cmp);
    assert_eq!(cmp.columns.len(), 4);
    assert_eq!(cmp.claims.len(), 1);

    let none = event(vec![]);
    let cmp = compare(&none, &CompareOptions::default());
    assert!(cmp.claims.is_empty() && cmp.clusters.is_empty() && cmp.profiles.is_empty());
}

#[test]
fn odd_unicode_controls_and_mixed_scripts() {
    let body = "Zero\u{200B}width and e\u{301}clair. \u{1b}[31mRed\u{1b}[0m text said \"hi\"!\n\
                Путин сказал: «нет». Mixed Путин Putin ŝ ü 🙂 emoji. \u{0}\u{7}Bell.\n\n\
                1,000,000 $ 2.5% 30-day № 5; т.е. г. им. ...";
    let ev = event(vec![
        article("a", body, None),
        article("b", body, Some("ru")),
    ]);
    let cmp = compare(&ev, &CompareOptions::default());
    check_invariants(&ev, &cmp);
    assert!(cmp.clusters.iter().any(|c| c.kind == ClusterKind::Shared));
}

#[test]
fn invisible_format_characters_inside_words_change_no_claim() {
    let plain = "The mayor said the bridge will reopen on Monday after repairs costing $2 million.";
    let marked = "The ma\u{200E}yor said the bri\u{00AD}dge will \u{202E}reopen\u{202C} on \
                  Mon\u{2066}day\u{2069} after re\u{FEFF}pairs cos\u{200F}ting $2 million.";
    let a = framediff::analysis::analyse_claim(plain, framediff::analysis::Lang::En);
    let b = framediff::analysis::analyse_claim(marked, framediff::analysis::Lang::En);
    assert_eq!(a.terms, b.terms);
    let stems = |f: &framediff::analysis::ClaimFeatures| -> Vec<String> {
        f.tokens.iter().map(|t| t.stem.to_string()).collect()
    };
    assert_eq!(stems(&a), stems(&b));
    let ev = event(vec![article("a", plain, None), article("b", marked, None)]);
    let cmp = compare(&ev, &CompareOptions::default());
    check_invariants(&ev, &cmp);
    assert_eq!(cmp.clusters.len(), 1, "{:?}", cmp.clusters);
    assert_eq!(cmp.clusters[0].kind, ClusterKind::Shared);
    assert!(
        cmp.clusters[0].similarity > 0.99,
        "{}",
        cmp.clusters[0].similarity
    );
}

#[test]
fn duplicate_and_unknown_outlets_in_the_selection() {
    let ev = event(vec![
        article("a", "Putin rejected the ceasefire.", None),
        article("b", "The ceasefire was rejected by Putin.", None),
    ]);
    let opts = CompareOptions {
        outlets: Some(vec!["b".into(), "b".into(), "zzz".into(), "a".into()]),
        ..CompareOptions::default()
    };
    let cmp = compare(&ev, &opts);
    check_invariants(&ev, &cmp);
    let names: Vec<&str> = cmp.columns.iter().map(|c| c.outlet.as_str()).collect();
    assert_eq!(names, ["b", "a"]);
}

#[test]
fn twelve_outlets_and_long_articles() {
    let sentences = [
        "Putin rejected the unconditional ceasefire.",
        "The talks lasted two hours on Tuesday.",
        "Trump called the conversation very good and productive.",
        "Russia and Ukraine will swap 175 prisoners each.",
        "Critics said Moscow had given up little.",
        "The energy infrastructure truce lasts 30 days.",
    ];
    let articles: Vec<Article> = (0..12)
        .map(|k| {
            let body: Vec<&str> = (0..120)
                .map(|i| sentences[(i * 7 + k) % sentences.len()])
                .collect();
            article(&format!("o{k:02}"), &body.join(" "), None)
        })
        .collect();
    let ev = event(articles);
    let cmp = compare(&ev, &CompareOptions::default());
    check_invariants(&ev, &cmp);
    assert_eq!(cmp.columns.len(), 12);
    // one claim per outlet per cluster, so repeated sentences spread over several clusters
    for cl in &cmp.clusters {
        let mut cols: Vec<usize> = cl.members.iter().map(|&m| cmp.claims[m].column).collect();
        cols.sort_unstable();
        cols.dedup();
        assert_eq!(cols.len(), cl.members.len());
    }
}

#[test]
fn pair_verdict_and_word_diff_on_edge_inputs() {
    for (a, b) in [
        ("", ""),
        ("", "x"),
        ("...", "!!!"),
        ("不是", "是"),
        ("\u{0}", "\t"),
    ] {
        let (s, _) = pair_verdict(a, b);
        assert!((0.0..=1.0).contains(&s));
        let d = word_diff(a, b);
        let left: String = d.left.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(left.trim(), a.trim());
    }
}
