//! Stage 3 of `compare`, **candidates**: terms interned ([`Vocab`]), each claim's context
//! (the claims around it), term weights from the event's claims and, when given, the whole
//! corpus ([`IdfTable::with_background`]), and the similarity backend that scores candidate
//! pairs (the alignment pairs claims that share a term, `align`).

use super::{BackendFactory, CompareOptions};
use crate::analysis::claim::ClaimFeatures;
use crate::analysis::model::{Claim, OutletColumn};
use crate::analysis::similarity::{IdfTable, Similarity, Vocab};

/// Indexes the claims' terms and makes the backend with the event's (and corpus's) weights.
pub(crate) fn index_and_weigh(
    columns: &[OutletColumn],
    claims: &[Claim],
    feats: &mut [ClaimFeatures],
    options: &CompareOptions,
    backend: BackendFactory<'_>,
) -> (Vocab, Box<dyn Similarity>) {
    // similarity with IDF from this event's claims
    let mut vocab = Vocab::new();
    for f in feats.iter_mut() {
        vocab.index(f);
    }
    // each claim's context: itself, the two claims before it and the one after it
    for col in columns {
        for (i, &id) in col.claims.iter().enumerate() {
            let lo = i.saturating_sub(2);
            let hi = (i + 2).min(col.claims.len());
            let mut ctx: Vec<u32> = col.claims[lo..hi]
                .iter()
                .flat_map(|&n| feats[n].term_ids.iter().copied())
                .collect();
            ctx.sort_unstable();
            ctx.dedup();
            feats[id].context_ids = ctx;
        }
    }
    let mut idf = IdfTable::from_sourced_claims(
        feats.iter().zip(claims).map(|(f, c)| (f, c.column)),
        vocab.len(),
    );
    if let Some(bg) = &options.background {
        idf = idf.with_background(&vocab, bg);
    }
    let sim = backend(&idf);
    sim.prepare(feats);
    (vocab, sim)
}
