//! Builds an archive-like corpus for scaling benchmarks (issue 12) from real sentences read
//! at run time from the research data (BASIL dev, FNC-1 dev bodies, MRPC, NeuS dev leads;
//! nothing of it is committed).
//!
//! Shape, after what a real archive showed (37,554 articles, 490 outlets, 2012-2020):
//! - event sizes: half the events are a single article; the others have `2 * u^-0.7` articles
//!   (u uniform in (0, 1]), at most 30 and never more than the outlets: median 3, a long tail;
//! - each event draws a core of 24 pool sentences; each of its articles keeps each core
//!   sentence with probability 0.65 (in order) and adds 0-3 sentences from anywhere;
//! - one event in twelve is a look-alike: it belongs to one of 12 kinds whose 3 sentences
//!   every event of the kind repeats (a storm, a vote, a trial told in the same words);
//! - 400 outlets, one article per outlet and event; the event's day is uniform over
//!   2012-2020 and each article is published on that day or up to two days later;
//! - 12% of articles have an empty date, half of those with the day in their URL.
//!
//! The same files are written twice: `flat/` (one folder, grouped automatically) and
//! `events/` (one folder per event, no grouping). Deterministic: the same arguments and
//! data give the same bytes.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// What was written.
pub struct Archive {
    pub flat: PathBuf,
    pub events_dir: PathBuf,
    pub articles: usize,
    pub events: usize,
    pub bytes: u64,
    pub pool: usize,
}

#[path = "corpus_gen.rs"]
mod corpus_gen;

use corpus_gen::Rng;

const OUTLETS: usize = 400;
const CORE: usize = 24;
const KINDS: usize = 12;

/// The distinct real sentences under `data`, in a fixed order; the NeuS dev leads only when
/// `with_neus` (a haystack to mix the NeuS stories into must not hold their own sentences:
/// an archive article built from a story's lead is that story's near-duplicate).
///
/// # Panics
/// When no sentence is found (the data folder is missing): a benchmark on nothing is no
/// benchmark.
pub fn sentence_pool(data: &Path, with_neus: bool) -> Vec<String> {
    let mut pool = BTreeSet::new();
    let mut add = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.split(' ').count() >= 6 && s.len() <= 400 {
            pool.insert(s);
        }
    };
    let add_text = |text: &str, add: &mut dyn FnMut(&str)| {
        for r in framediff::analysis::sentences::split_sentences(text) {
            add(&text[r]);
        }
    };
    for a in framediff::corpus::load(&data.join("basil-dev"))
        .events
        .iter()
        .flat_map(|e| &e.articles)
    {
        add_text(a.body.as_str(), &mut add);
    }
    if let Ok(mut r) = csv::Reader::from_path(data.join("fnc1-dev/bodies.csv")) {
        for rec in r.records().flatten() {
            if let Some(body) = rec.get(1) {
                add_text(body, &mut add);
            }
        }
    }
    if let Ok(text) = std::fs::read_to_string(data.join("mrpc/msr_paraphrase_train.txt")) {
        for line in text.lines().skip(1) {
            for s in line.split('\t').skip(3) {
                add(s);
            }
        }
    }
    if !with_neus {
        // the NeuS leads are left out
    } else if let Ok(text) = std::fs::read_to_string(data.join("neus-dev/allsides_stories.jsonl")) {
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            for side in ["left", "center", "right"] {
                if let Some(ps) = v["news"][side]["newBody"].as_array() {
                    for p in ps.iter().filter_map(|p| p.as_str()) {
                        add_text(p, &mut add);
                    }
                }
            }
        }
    }
    assert!(
        pool.len() > 1000,
        "only {} sentences found under {} (need basil-dev, fnc1-dev, mrpc, neus-dev)",
        pool.len(),
        data.display()
    );
    pool.into_iter().collect()
}

fn event_size(rng: &mut Rng) -> usize {
    if rng.below(2) == 0 {
        1
    } else {
        ((2.0 * rng.unit().powf(-0.7)) as usize).clamp(2, 30)
    }
}

/// Writes about `articles` articles (whole events, so a few more) under `out/flat` and
/// `out/events`, from the sentences under `data` (NeuS dev leads included only when
/// `with_neus`, see [`sentence_pool`]).
///
/// # Errors
/// Any error writing the files.
pub fn generate(
    data: &Path,
    out: &Path,
    articles: usize,
    with_neus: bool,
) -> std::io::Result<Archive> {
    let pool = sentence_pool(data, with_neus);
    let mut rng = Rng(12);
    let kinds: Vec<Vec<usize>> = (0..KINDS)
        .map(|_| (0..3).map(|_| rng.below(pool.len())).collect())
        .collect();
    let flat = out.join("flat");
    let events_dir = out.join("events");
    std::fs::create_dir_all(&flat)?;
    std::fs::create_dir_all(&events_dir)?;
    let first_day = NaiveDate::from_ymd_opt(2012, 1, 1).expect("valid day");
    let (mut written, mut events, mut bytes) = (0, 0, 0u64);
    while written < articles {
        let size = event_size(&mut rng);
        let core: Vec<usize> = (0..CORE).map(|_| rng.below(pool.len())).collect();
        let kind = (rng.below(12) == 0).then(|| &kinds[rng.below(KINDS)]);
        let day = first_day + chrono::Duration::days(rng.below(9 * 365) as i64);
        let mut outlets: BTreeSet<usize> = BTreeSet::new();
        while outlets.len() < size {
            outlets.insert(rng.below(OUTLETS));
        }
        let dir = events_dir.join(format!("{day}-ev{events:05}"));
        std::fs::create_dir_all(&dir)?;
        for o in outlets {
            let mut sentences: Vec<&str> = Vec::new();
            if let Some(k) = kind {
                sentences.extend(k.iter().map(|&s| pool[s].as_str()));
            }
            for &s in &core {
                if rng.below(100) < 65 {
                    sentences.push(&pool[s]);
                }
            }
            for _ in 0..rng.below(4) {
                let at = rng.below(sentences.len() + 1);
                sentences.insert(at, &pool[rng.below(pool.len())]);
            }
            if sentences.len() < 4 {
                sentences.extend(core[..4].iter().map(|&s| pool[s].as_str()));
            }
            let published = day + chrono::Duration::days(rng.below(3) as i64);
            let undated = rng.below(100) < 12;
            let slug = format!("ev{events:05}-o{o:03}");
            let url = if undated && rng.below(2) == 0 {
                format!(
                    "https://outlet{o:03}.example/{}/{slug}",
                    published.format("%Y/%m/%d")
                )
            } else {
                format!("https://outlet{o:03}.example/news/{slug}")
            };
            let title: String = sentences[0]
                .split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" ");
            let mut text = String::new();
            let _ = writeln!(
                text,
                "---\noutlet: outlet-{o:03}\ntitle: {}\ndate: \"{}\"\nurl: {url}\nlanguage: en\n---\n",
                serde_json::to_string(&title).unwrap_or_default(),
                if undated {
                    String::new()
                } else {
                    published.to_string()
                },
            );
            for (n, s) in sentences.iter().enumerate() {
                text.push_str(s);
                text.push_str(if n % 3 == 2 { "\n\n" } else { " " });
            }
            text.push('\n');
            bytes += text.len() as u64;
            std::fs::write(dir.join(format!("outlet-{o:03}.md")), &text)?;
            std::fs::write(flat.join(format!("{slug}.md")), &text)?;
            written += 1;
        }
        events += 1;
    }
    Ok(Archive {
        flat,
        events_dir,
        articles: written,
        events,
        bytes,
        pool: pool.len(),
    })
}
