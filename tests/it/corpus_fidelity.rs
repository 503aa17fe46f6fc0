//! Issue 10, "input fidelity": each kind of real-world input read right, or reported. Every
//! input is written here, into a temporary folder, and loaded the way the app loads a corpus.

use std::fs;
use std::path::Path;

use framediff::analysis::{self, CompareOptions, Lang, analyse_claim, contrast::opposition};
use framediff::corpus::{self, Corpus, Event, LoadOptions, Severity};

fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    fs::write(p, content).expect("write");
}

fn load(dir: &Path) -> Corpus {
    corpus::load_with(
        dir,
        &LoadOptions {
            threads: 1,
            ..LoadOptions::default()
        },
        &|_| {},
    )
}

fn claims(c: &Corpus, ev: &Event) -> Vec<String> {
    analysis::compare(ev, &CompareOptions::for_corpus(c))
        .claims
        .into_iter()
        .map(|c| c.text)
        .collect()
}

fn all_claims(c: &Corpus) -> Vec<String> {
    c.events.iter().flat_map(|e| claims(c, e)).collect()
}

// 1. Automatically grouped events get the same id on every run.
#[test]
fn auto_grouped_event_ids_are_a_function_of_the_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "Ukraine said it was ready to accept a 30-day ceasefire.";
    write(
        dir.path(),
        "alpha.md",
        format!(
            "---\noutlet: alpha\ntitle: Ukraine accepts truce\ndate: 2025-03-11\n---\n{body}\n"
        ),
    );
    write(
        dir.path(),
        "beta.md",
        format!(
            "---\noutlet: beta\ntitle: Kyiv backs ceasefire plan\ndate: 2025-03-11\n---\n{body}\n"
        ),
    );
    let first = load(dir.path());
    assert_eq!(first.events.len(), 1, "{:?}", first.diagnostics);
    assert_eq!(first.events[0].id, "auto-2025-03-11-ukraine-accepts-truce");
    let json = serde_json::to_string(&first.events).expect("json");
    for _ in 0..25 {
        let again = load(dir.path());
        assert_eq!(serde_json::to_string(&again.events).expect("json"), json);
    }
}

fn reasons(a: &str, b: &str, lang: Lang) -> Vec<String> {
    opposition(&analyse_claim(a, lang), &analyse_claim(b, lang)).strong
}

fn has_number_conflict(a: &str, b: &str, lang: Lang) -> bool {
    reasons(a, b, lang).iter().any(|r| r.starts_with("number"))
}

// 2. Numbers in every form, with a tolerance: no invented contradictions.
#[test]
fn numbers_within_the_stated_precision_do_not_conflict() {
    for (a, b, lang) in [
        (
            "The call lasted two and a half hours.",
            "The call lasted about 2.5 hours.",
            Lang::En,
        ),
        (
            "Some 2,700 people were evacuated from the town.",
            "2,702 people were evacuated from the town.",
            Lang::En,
        ),
        (
            "Разговор длился 2,5 часа.",
            "Разговор длился два с половиной часа.",
            Lang::Ru,
        ),
        (
            "Инфляция составила 9,5% в марте.",
            "Инфляция составила 9,5 % в марте.",
            Lang::Ru,
        ),
        (
            "Кредит составит 3,5 млрд долларов.",
            "Кредит составит 3 500 000 000 долларов.",
            Lang::Ru,
        ),
        (
            "Washington pledged $3.5bn in aid.",
            "Washington pledged 3.5 billion dollars in aid.",
            Lang::En,
        ),
        (
            "The call lasted more than two hours.",
            "The call lasted 2.5 hours.",
            Lang::En,
        ),
        (
            "Около 1 500 человек вышли на улицы.",
            "Почти 1500 человек вышли на улицы.",
            Lang::Ru,
        ),
        (
            "Between 20 and 30 drones struck overnight.",
            "25 drones struck overnight.",
            Lang::En,
        ),
    ] {
        assert!(
            !has_number_conflict(a, b, lang),
            "{a} / {b}: {:?}",
            reasons(a, b, lang)
        );
    }
}

#[test]
fn numbers_beyond_the_stated_precision_still_conflict() {
    for (a, b, lang) in [
        (
            "The ceasefire would last 30 days.",
            "The ceasefire would last 60 days.",
            Lang::En,
        ),
        (
            "Разговор длился 2,5 часа.",
            "Разговор длился 25 часов.",
            Lang::Ru,
        ),
        (
            "Washington pledged $3.5bn in aid.",
            "Washington pledged $35bn in aid.",
            Lang::En,
        ),
        (
            "The call lasted more than two hours.",
            "The call lasted 1.5 hours.",
            Lang::En,
        ),
    ] {
        assert!(
            has_number_conflict(a, b, lang),
            "{a} / {b}: {:?}",
            reasons(a, b, lang)
        );
    }
}

// 3. Windows-1251 feeds are decoded once; a wrong declaration is reported.
#[test]
fn windows_1251_feed_is_decoded_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let feed = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<rss version=\"2.0\"><channel><title>Известия</title><language>ru</language>\n<item><title>Путин и Трамп поговорили</title><link>https://iz.ru/1</link><pubDate>Wed, 19 Mar 2025 08:00:00 +0300</pubDate>\n<description>Президенты договорились работать вместе над урегулированием.</description></item>\n</channel></rss>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(feed);
    write(dir.path(), "iz.rss", bytes);
    let c = load(dir.path());
    let a = &c.events[0].articles[0];
    assert_eq!(a.title, "Путин и Трамп поговорили");
    assert_eq!(
        a.body.as_str(),
        "Президенты договорились работать вместе над урегулированием."
    );
    assert_eq!(c.outlet_name(&a.outlet), "Известия");
    assert!(
        c.diagnostics.iter().all(|d| d.severity != Severity::Error),
        "{:?}",
        c.diagnostics
    );

    // the same feed in UTF-8, with the declaration left saying windows-1251
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "iz.xml", feed);
    let c = load(dir.path());
    assert_eq!(c.events[0].articles[0].title, "Путин и Трамп поговорили");
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.message.contains("windows-1251"))
        .expect("a warning about the declaration");
    assert!(d.path.ends_with("iz.xml") && d.line == Some(1), "{d}");
}

#[test]
fn html_page_declaring_windows_1251_is_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = "<html lang=\"ru\"><head><meta charset=\"windows-1251\"><title>Переговоры</title></head><body><article><h1>Переговоры</h1><p>Владимир Путин и Дональд Трамп провели телефонный разговор, который продолжался более двух часов. Стороны обсудили прекращение огня и обмен пленными.</p><p>В Кремле назвали беседу полезной и содержательной, а в Белом доме заявили о прогрессе на пути к миру.</p></article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    write(dir.path(), "page.html", bytes);
    let c = load(dir.path());
    let a = &c.events[0].articles[0];
    assert!(
        a.body.as_str().contains("Владимир Путин"),
        "{}",
        a.body.as_str()
    );
}

// 4. Russian direct speech and abbreviations.
#[test]
fn russian_quote_before_dash_stays_one_claim() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "ev/kp.md",
        "---\noutlet: kp\ntitle: Песков\nlanguage: ru\n---\n«Мы не будем торопиться с оценками!» — заявил Дмитрий Песков журналистам. Переговоры продолжатся, обсудят порты, энергетику и т. д. Генерал ген.-лейт. Иванов промолчал.\n",
    );
    let c = load(dir.path());
    let texts = all_claims(&c);
    assert!(
        texts
            .iter()
            .any(|t| t
                == "«Мы не будем торопиться с оценками!» — заявил Дмитрий Песков журналистам."),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with("и т. д.") && !t.contains("Генерал")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t == "Генерал ген.-лейт. Иванов промолчал."),
        "{texts:?}"
    );
}

// 5. Markdown inline syntax is not in claims; offsets still point into the file.
#[test]
fn markdown_links_and_emphasis_are_not_in_claims() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = "---\noutlet: bbc\ntitle: Call\n---\n\n![Putin](https://img.example/putin.jpg)\n\nMoscow made [a statement](https://example.org/kremlin?id=1) on **Tuesday** about the `ceasefire`.\n";
    write(dir.path(), "ev/bbc.md", md);
    let c = load(dir.path());
    let cmp = analysis::compare(&c.events[0], &CompareOptions::default());
    let claim = cmp
        .claims
        .iter()
        .find(|c| c.text.contains("statement"))
        .expect("the claim");
    assert_eq!(
        claim.text,
        "Moscow made a statement on Tuesday about the ceasefire."
    );
    assert!(cmp.claims.iter().all(|c| !c.text.contains("http")));
    let file = fs::read_to_string(dir.path().join("ev/bbc.md")).expect("read");
    let raw = &file[claim.start..claim.end];
    assert!(raw.starts_with("Moscow made [a statement]("), "{raw}");
    assert!(raw.ends_with("`ceasefire`."), "{raw}");
}

// 6. Scripts and styles inside feed content never become claims.
#[test]
fn scripts_and_styles_in_feed_content_are_not_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rss = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Daily Wire Desk</title>
<item><title>Kyiv accepts</title><link>https://example.org/a</link><guid>a-1</guid>
<content:encoded><![CDATA[<style>p{color:red}</style><p>Ukraine accepted the proposal.<script>trackView('ceasefire');</script></p><p>Russia has not answered yet.</p>]]></content:encoded></item>
</channel></rss>"#;
    write(dir.path(), "wire.rss", rss);
    let c = load(dir.path());
    let body = c.events[0].articles[0].body.as_str();
    assert_eq!(
        body,
        "Ukraine accepted the proposal.\n\nRussia has not answered yet."
    );
    let texts = all_claims(&c);
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("trackView") && !t.contains("color")),
        "{texts:?}"
    );
}

// 7. JSON with a byte-order mark, NaN in a field framediff does not use.
#[test]
fn json_with_bom_and_nan_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "one.json",
        "\u{FEFF}{\"outlet\":\"bbc\",\"title\":\"Call\",\"date\":\"2025-03-19\",\"body\":\"Putin made no concessions.\"}",
    );
    write(
        dir.path(),
        "many.jsonl",
        "\u{FEFF}{\"outlet\":\"kp\",\"event\":\"call\",\"score\":NaN,\"body\":\"Putin won.\"}\n{\"outlet\":\"rt\",\"event\":\"call\",\"body\":\"A win for Russia.\"}\n",
    );
    let c = load(dir.path());
    assert_eq!(c.article_count(), 3, "{:?}", c.diagnostics);
    assert!(!c.has_errors(), "{:?}", c.diagnostics);
    assert!(
        c.diagnostics.iter().any(|d| d.path.ends_with("many.jsonl")
            && d.line == Some(1)
            && d.message.contains("NaN"))
    );
}

// 8. Duplicates are one article; syndicated copies are marked; no outlet corroborates itself.
#[test]
fn duplicates_are_dropped_and_syndicated_copies_marked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let story = "Ukraine said on Tuesday it was ready to accept a 30-day ceasefire proposed by the United States, and Washington said it would resume military aid and intelligence sharing with Kyiv at once.";
    let item = |outlet: &str, guid: &str| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{outlet}</title><item><title>Kyiv accepts truce</title><guid>{guid}</guid><pubDate>Tue, 11 Mar 2025 18:00:00 GMT</pubDate><description>{story}</description></item></channel></rss>"
        )
    };
    write(dir.path(), "a-world.rss", item("Daily News", "dn-1"));
    write(dir.path(), "b-top.rss", item("Daily News", "dn-1"));
    write(dir.path(), "c-metro.rss", item("Metro", "metro-77"));
    let c = load(dir.path());
    assert_eq!(c.events.len(), 1, "{:?}", c.events);
    let outlets: Vec<&str> = c.events[0]
        .articles
        .iter()
        .map(|a| a.outlet.as_str())
        .collect();
    assert_eq!(outlets, ["daily-news", "metro"]);
    assert!(c.diagnostics.iter().any(|d| d.path.ends_with("b-top.rss")
        && d.message.contains("duplicate")
        && d.message.contains("guid")));
    let dn = &c.events[0].articles[0];
    assert_eq!(
        dn.extra
            .get(corpus::duplicates::SYNDICATED_KEY)
            .map(String::as_str),
        Some("metro")
    );
    assert!(
        c.diagnostics
            .iter()
            .any(|d| d.message.contains("syndicated"))
    );
}

// 8b. Claims two outlets share only because one republished the other's article are shown as
// a syndicated copy (one source), not as corroboration; an independent outlet still counts.
#[test]
fn claims_of_syndicated_copies_are_one_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let story = "Ukraine said on Tuesday it was ready to accept a 30-day ceasefire proposed by the United States. Washington said it would resume military aid and intelligence sharing with Kyiv at once.";
    let md = |outlet: &str, body: &str| {
        format!("---\noutlet: {outlet}\ntitle: Kyiv accepts truce\ndate: 2025-03-11\n---\n{body}\n")
    };
    write(dir.path(), "ev/wire.md", md("Wire", story));
    write(dir.path(), "ev/metro.md", md("Metro", story));
    write(
        dir.path(),
        "ev/herald.md",
        md(
            "Herald",
            "Kyiv agreed on Tuesday to a 30-day ceasefire proposed by the United States. Officials in Kyiv welcomed the decision.",
        ),
    );
    let c = load(dir.path());
    assert_eq!(c.events.len(), 1, "{:?}", c.diagnostics);
    let cmp = framediff::analysis::compare(
        &c.events[0],
        &framediff::analysis::CompareOptions::for_corpus(&c),
    );
    let outlets_of = |cl: &framediff::analysis::Cluster| -> Vec<String> {
        let mut o: Vec<String> = cl
            .own_members()
            .map(|m| cmp.claims[m].outlet.clone())
            .collect();
        o.sort();
        o.dedup();
        o
    };
    // The sentence only the two copies carry: one source.
    let aid = cmp
        .clusters
        .iter()
        .find(|cl| {
            cl.members
                .iter()
                .any(|&m| cmp.claims[m].text.contains("military aid"))
        })
        .expect("the aid sentence has a cluster");
    assert_eq!(outlets_of(aid), ["metro", "wire"], "{aid:?}");
    assert!(aid.syndicated, "{aid:?}");
    assert!(
        aid.reasons
            .iter()
            .any(|r| r.contains("syndicated copy") && r.contains("one source")),
        "{:?}",
        aid.reasons
    );
    // A claim the herald also makes is corroborated by two sources, with the copy named.
    let truce = cmp
        .clusters
        .iter()
        .find(|cl| outlets_of(cl).len() == 3)
        .expect("the ceasefire sentence is shared by all three outlets");
    assert!(!truce.syndicated, "{truce:?}");
    assert!(
        truce
            .reasons
            .iter()
            .any(|r| r.contains("syndicated copy") && !r.contains("one source")),
        "{:?}",
        truce.reasons
    );
}

// 9. Boilerplate is not a claim; outlet names come from the article.
#[test]
fn boilerplate_is_not_claimed_and_outlet_names_come_from_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "ev/guardian.md",
        "---\noutlet: \"The Guardian\"\ntitle: Putin rejects full truce\n---\nPutin rejects full truce\n\nBy Jane Doe\n\nMOSCOW (Reuters) — Vladimir Putin rejected the full ceasefire on Tuesday.\n\nAdvertisement\n\nRelated: Zelensky wants details of the deal\n\nPhoto: Reuters\n\nThe Kremlin agreed only to a pause in strikes on energy sites.\n\nRead more\n",
    );
    let c = load(dir.path());
    assert_eq!(c.outlet_name("the-guardian"), "The Guardian");
    let texts = all_claims(&c);
    assert_eq!(
        texts,
        [
            "Vladimir Putin rejected the full ceasefire on Tuesday.",
            "The Kremlin agreed only to a pause in strikes on energy sites."
        ]
    );
    // the trimmed dateline keeps the claim's offsets in the file
    let cmp = analysis::compare(&c.events[0], &CompareOptions::default());
    let file = fs::read_to_string(dir.path().join("ev/guardian.md")).expect("read");
    assert_eq!(&file[cmp.claims[0].start..cmp.claims[0].end], texts[0]);
}

#[test]
fn html_site_name_is_the_outlet_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = r#"<!doctype html><html lang="en"><head><title>Putin rejects full ceasefire</title>
<meta property="og:site_name" content="BBC News"></head><body><article><h1>Putin rejects full ceasefire</h1>
<p>Vladimir Putin did not accept the unconditional 30-day ceasefire proposed by Donald Trump during a long phone call on Tuesday, agreeing instead to a limited pause in strikes on energy infrastructure.</p>
<p>The Kremlin said any settlement must address what it calls the root causes of the conflict, and demanded an end to Western military aid and intelligence sharing with Kyiv.</p>
</article></body></html>"#;
    write(dir.path(), "bbc-page.html", page);
    let c = load(dir.path());
    assert_eq!(c.events[0].articles[0].outlet, "bbc-news");
    assert_eq!(c.outlet_name("bbc-news"), "BBC News");
}

// Dates as news sources write them.
#[test]
fn news_dates_are_read_or_reported_with_path_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "ev/iz.md",
        "---\noutlet: iz\ntitle: T\ndate: 12 марта 2025\n---\nПутин говорил с Трампом.\n",
    );
    write(
        dir.path(),
        "ev/ap.md",
        "---\noutlet: ap\ntitle: T\ndate: 4/4/17\n---\nPutin spoke to Trump.\n",
    );
    write(
        dir.path(),
        "ev/fox.md",
        "---\noutlet: fox\ntitle: T\ndate: 4/5/17\n---\nTrump spoke to Putin.\n",
    );
    let c = load(dir.path());
    let date = |o: &str| {
        c.events[0]
            .articles
            .iter()
            .find(|a| a.outlet == o)
            .and_then(|a| a.date)
            .map(|d| d.to_string())
    };
    assert_eq!(date("iz").as_deref(), Some("2025-03-12"));
    assert_eq!(date("ap").as_deref(), Some("2017-04-04"));
    assert_eq!(date("fox").as_deref(), Some("2017-05-04"));
    let fox = c
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("fox.md"))
        .expect("the ambiguous date is reported");
    assert_eq!(fox.line, Some(4));
    assert!(fox.message.contains("ambiguous"), "{fox}");
}
