//! Duplicate removal ([`crate::corpus::duplicates::dedupe`]), reused while every parsed
//! article is the same.
//!
//! It compares shingle sketches across the whole corpus, so it is a function of all articles
//! at once: the key is an XXH3-128 over a digest of every parsed article (the article's
//! [`super::grouping::article_digest`], its record's event id and the outlet name the file
//! gives). The record keeps the articles kept, as input indices, or whole where the function
//! marked them (syndicated copies), and the diagnostics it reported.

use serde::{Deserialize, Serialize};

use super::format::Kind;
use super::grouping::article_digest;
use super::replay::{self, Matcher, Member, Slots};
use super::{CorpusCache, Digest};
use crate::corpus::Diagnostic;
use crate::corpus::text::Parsed;

const FILE: &str = "dedupe.fdc";

#[derive(Serialize, Deserialize)]
struct Record {
    key: [u64; 2],
    kept: Vec<Member<Parsed>>,
    diagnostics: Vec<Diagnostic>,
}

fn parsed_digest(p: &Parsed) -> u64 {
    let mut d = Digest::new();
    d.bytes(&article_digest(&p.article).to_le_bytes())
        .opt(p.event.as_deref())
        .opt(p.outlet_name.as_deref());
    d.finish64()
}

impl CorpusCache {
    /// What `dedupe` makes of `parsed`, from the cache when the same articles were seen last
    /// time; otherwise `dedupe` runs and its result is stored. Its diagnostics are replayed
    /// into `diags` either way.
    pub fn dedupe(
        &self,
        parsed: Vec<Parsed>,
        diags: &mut Vec<Diagnostic>,
        dedupe: impl FnOnce(Vec<Parsed>, &mut Vec<Diagnostic>) -> Vec<Parsed>,
    ) -> Vec<Parsed> {
        let digests: Vec<u64> = parsed.iter().map(parsed_digest).collect();
        let key = replay::key("", &digests);
        let mut input = Some(parsed);
        if let Some(rec) = self.read::<Record>(FILE, Kind::Duplicates)
            && rec.key == key
        {
            let parsed = input.take().unwrap_or_default();
            match replay::check(parsed.len(), &rec.kept) {
                Ok(()) => {
                    super::note(format_args!(
                        "duplicate removal over {} articles from the cache",
                        digests.len()
                    ));
                    diags.extend(rec.diagnostics);
                    if let Some(keep) = replay::kept_in_order(parsed.len(), &rec.kept) {
                        let mut parsed = parsed;
                        let mut at = 0;
                        parsed.retain(|_| {
                            at += 1;
                            keep[at - 1]
                        });
                        return parsed;
                    }
                    let mut slots = Slots::new(parsed);
                    return rec.kept.into_iter().filter_map(|m| slots.take(m)).collect();
                }
                Err(why) => {
                    super::note(format_args!("duplicates record not used: {why}"));
                    input = Some(parsed);
                }
            }
        }
        let mut own = Vec::new();
        let kept = dedupe(input.unwrap_or_default(), &mut own);
        let mut matcher = Matcher::new(&digests);
        let record = Record {
            key,
            kept: kept
                .iter()
                .map(|p| matcher.member(p, parsed_digest(p)))
                .collect(),
            diagnostics: own.clone(),
        };
        self.write(FILE, Kind::Duplicates, &record);
        diags.extend(own);
        kept
    }
}
