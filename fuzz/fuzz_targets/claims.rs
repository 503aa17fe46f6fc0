//! Sentence segmentation and claim extraction of one text, without the rest of `compare`:
//! sentences, boilerplate removal, clauses and each clause's claim features, in English
//! (first byte even) or Russian (odd), and the claim sentences search shows. A panic, a hang
//! or a range outside the text (or not on character boundaries) is a finding.
#![no_main]

use framediff::analysis::eval::dataset_article;
use framediff::analysis::{Lang, analyse_claim, boilerplate, claim_sentences, clauses, sentences};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let (lang, code) = if kind % 2 == 0 {
        (Lang::En, "en")
    } else {
        (Lang::Ru, "ru")
    };
    let body = String::from_utf8_lossy(rest).into_owned();
    let split = sentences::split_sentences(&body);
    for r in &split {
        assert!(body.get(r.clone()).is_some(), "sentence {r:?} outside");
    }
    for s in boilerplate::strip(&body, "A title", split) {
        let sentence = body.get(s.clone()).expect("kept sentence inside the text");
        for c in clauses::split_clauses(sentence) {
            let clause = sentence.get(c.clone()).expect("clause inside its sentence");
            drop(analyse_claim(clause, lang));
        }
    }
    let mut art = dataset_article("a.md", "bbc", "A title", body, None);
    art.language = Some(code.into());
    drop(claim_sentences(&art));
});
