//! Speed of the claim engine: `compare()` on the sample event, on generated events of 6 and 12
//! outlets x 60 sentences built from real BASIL sentences, and on all BASIL dev events.
//!
//! cargo bench --bench compare

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::ItemsCount;
use framediff::analysis::{CompareOptions, compare, sentences::split_sentences, word_diff};
use framediff::corpus::{self, Article, Corpus, Event, EventOrigin, TextOrigin};

/// The allocator the `framediff` binary uses, so the bench measures what users run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| corpus::load(&root().join("corpus")))
}

fn basil() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| corpus::load(&root().join("../shared/data/basil-dev")))
}

/// A synthetic event: `outlets` articles of `per` sentences each. Two thirds of each article
/// come from one BASIL event's sentences (so outlets share and contrast real claims), the rest
/// from other events (unique claims). Deterministic.
fn generated(outlets: usize, per: usize) -> Event {
    let events = &basil().events;
    assert!(
        !events.is_empty(),
        "../shared/data/basil-dev is needed for this bench"
    );
    let sents = |e: &Event| -> Vec<String> {
        e.articles
            .iter()
            .flat_map(|a| {
                split_sentences(a.body.as_str())
                    .into_iter()
                    .map(|r| a.body.as_str()[r].to_string())
            })
            .collect()
    };
    let story = sents(&events[0]);
    let other: Vec<String> = events[1..].iter().take(20).flat_map(sents).collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let articles = (0..outlets)
        .map(|k| {
            let mut lines = Vec::with_capacity(per);
            for i in 0..per {
                let s = if i % 3 == 2 {
                    &other[next(other.len())]
                } else {
                    &story[next(story.len())]
                };
                lines.push(s.clone());
            }
            let body = lines.join("\n\n");
            Article {
                path: PathBuf::from(format!("outlet-{k}.md")),
                outlet: format!("outlet-{k:02}"),
                title: format!("Outlet {k}"),
                date: None,
                date_alt: None,
                url: None,
                author: None,
                language: Some("en".into()),
                kind: None,
                origin: TextOrigin::Verbatim {
                    start: 0,
                    end: body.len(),
                },
                body: body.into(),
                extra: Default::default(),
                gold: None,
            }
            .into()
        })
        .collect();
    Event {
        id: format!("generated-{outlets}x{per}"),
        title: "generated".into(),
        date: None,
        summary: None,
        tags: vec![],
        origin: EventOrigin::Folder,
        articles,
    }
}

#[divan::bench]
fn sample_event_8_outlets(bencher: divan::Bencher) {
    let ev = sample()
        .find_event("2025-03-18-trump-putin-call")
        .expect("sample event");
    let opts = CompareOptions::default();
    bencher.bench(|| compare(divan::black_box(ev), &opts));
}

#[divan::bench(args = [6, 12])]
fn generated_x60_sentences(bencher: divan::Bencher, outlets: usize) {
    let ev = generated(outlets, 60);
    let opts = CompareOptions::default();
    bencher
        .counter(ItemsCount::new(outlets * 60))
        .bench(|| compare(divan::black_box(&ev), &opts));
}

#[divan::bench(sample_count = 10)]
fn all_basil_dev_events(bencher: divan::Bencher) {
    let events = &basil().events;
    let opts = CompareOptions::default();
    bencher.counter(ItemsCount::new(events.len())).bench(|| {
        for ev in events {
            divan::black_box(compare(ev, &opts));
        }
    });
}

#[divan::bench]
fn word_diff_two_claims(bencher: divan::Bencher) {
    let a = "According to the Kremlin's own account of the call, Vladimir Putin told the US president that the key to avoiding escalation was a complete end to foreign military aid.";
    let b = "In its own readout, Moscow said Putin told Trump that the complete cessation of foreign military aid was the key condition for preventing the war from escalating.";
    bencher.bench(|| word_diff(divan::black_box(a), divan::black_box(b)));
}

#[divan::bench]
fn analyse_360_claims(bencher: divan::Bencher) {
    let ev = generated(6, 60);
    let texts: Vec<String> = ev
        .articles
        .iter()
        .flat_map(|a| {
            split_sentences(a.body.as_str())
                .into_iter()
                .map(|r| a.body.as_str()[r].to_string())
        })
        .collect();
    bencher.counter(ItemsCount::new(texts.len())).bench(|| {
        for t in &texts {
            divan::black_box(framediff::analysis::analyse_claim(
                t,
                framediff::analysis::Lang::En,
            ));
        }
    });
}
