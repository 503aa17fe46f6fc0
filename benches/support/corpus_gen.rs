//! Builds large synthetic corpora for benchmarks from the real sentences of BASIL dev.
//!
//! Each generated event draws a block of sentences from one BASIL article; each outlet
//! reuses most of that block (reworded only by order), drops some and adds a few sentences
//! from elsewhere, so events have shared, contrasting-by-omission and unique material like
//! real coverage. Deterministic: the same arguments give the same files.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use framediff::corpus;

/// What was written.
pub struct Generated {
    pub root: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// A tiny deterministic generator (SplitMix64), enough for shuffling test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// Uniform in (0, 1].
    pub fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }
}

/// The real sentences of BASIL dev, grouped by article.
pub fn basil_articles(basil: &Path) -> Vec<(String, Vec<String>)> {
    let c = corpus::load(basil);
    c.events
        .iter()
        .flat_map(|e| &e.articles)
        .filter_map(|a| {
            let g = a.gold.as_ref()?;
            let s: Vec<String> = g
                .sentences
                .iter()
                .map(|r| a.body.as_str()[r.clone()].to_string())
                .collect();
            Some((a.title.clone(), s))
        })
        .collect()
}

/// Writes `events` x `outlets` Markdown articles under `out`.
pub fn generate(
    basil: &Path,
    out: &Path,
    events: usize,
    outlets: usize,
) -> std::io::Result<Generated> {
    let source = basil_articles(basil);
    assert!(
        !source.is_empty(),
        "no BASIL sentences found under {}",
        basil.display()
    );
    let all: Vec<&String> = source.iter().flat_map(|(_, s)| s).collect();
    let mut rng = Rng(42);
    let mut files = 0;
    let mut bytes = 0u64;
    for e in 0..events {
        let (title, base) = &source[e % source.len()];
        let dir = out.join(format!("{:04}-01-01-gen-{e:05}", 2000 + (e / 365) % 30));
        std::fs::create_dir_all(&dir)?;
        for o in 0..outlets {
            let mut body = String::new();
            let mut para = 0;
            for s in base {
                if rng.below(10) < 7 {
                    body.push_str(s);
                    para += 1;
                    body.push_str(if para % 3 == 0 { "\n\n" } else { " " });
                }
                if rng.below(10) == 0 {
                    body.push_str(all[rng.below(all.len())]);
                    body.push(' ');
                }
            }
            if body.trim().is_empty() {
                body.push_str(&base.join(" "));
            }
            let mut text = String::new();
            let _ = writeln!(
                text,
                "---\noutlet: outlet-{o:02}\ntitle: {}\ndate: 2014-01-0{}\nlanguage: en\n---\n",
                serde_json::to_string(title).unwrap_or_default(),
                1 + o % 9
            );
            text.push_str(body.trim());
            text.push('\n');
            bytes += text.len() as u64;
            std::fs::write(dir.join(format!("outlet-{o:02}.md")), text)?;
            files += 1;
        }
    }
    Ok(Generated {
        root: out.to_path_buf(),
        files,
        bytes,
    })
}
