//! The sentence-embedding backend (feature `semantic`) on a tiny random BERT the test writes
//! itself: loading, pooling, normalisation, batching, the cache, error messages, and the
//! backend inside `compare`.
#![cfg(feature = "semantic")]

use std::path::Path;
use std::sync::Arc;

use framediff::analysis::embedding::tiny::{HIDDEN, write_tiny_model};
use framediff::analysis::embedding::{
    Embedder, EmbeddingCache, ModelError, Pooling, SentenceEncoder, cosine,
};

const TEXTS: &[&str] = &[
    "The president rejected the ceasefire proposal.",
    "Two men were arrested by police in the city.",
    "Putin and Trump talked on the phone for two days.",
    "Profit rose 30 percent.",
    "peace",
    "The government said the war killed three people, not two, and the talks on a plan failed.",
    "Unknownword zzz qqq.",
];

fn tiny(dir: &Path, pooling: Pooling) -> SentenceEncoder {
    write_tiny_model(dir, pooling, 7).expect("write the tiny model");
    SentenceEncoder::load(dir).expect("load the tiny model")
}

#[test]
fn a_written_folder_loads_with_its_pooling_and_gives_unit_vectors() {
    for pooling in [Pooling::Mean, Pooling::Cls, Pooling::Max] {
        let dir = tempfile::tempdir().unwrap();
        let enc = tiny(dir.path(), pooling);
        assert_eq!(enc.pooling(), pooling);
        assert_eq!(enc.dim(), HIDDEN);
        let v = enc.embed(TEXTS).unwrap();
        assert_eq!(v.len(), TEXTS.len());
        for x in &v {
            assert_eq!(x.len(), HIDDEN);
            let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-5, "{pooling:?}: norm {norm}");
        }
        // different sentences, different vectors; the same sentence, the same vector
        assert!(cosine(Some(&v[0]), Some(&v[1])) < 0.9999);
        let again = enc.embed(&[TEXTS[0]]).unwrap();
        assert!(cosine(Some(&v[0]), Some(&again[0])) > 0.99999);
    }
}

#[test]
fn the_poolings_differ_on_the_same_weights() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mean = tiny(a.path(), Pooling::Mean).embed(&[TEXTS[1]]).unwrap();
    let cls = tiny(b.path(), Pooling::Cls).embed(&[TEXTS[1]]).unwrap();
    assert!(cosine(Some(&mean[0]), Some(&cls[0])) < 0.9999);
}

#[test]
fn a_batch_gives_the_vectors_of_one_by_one() {
    for pooling in [Pooling::Mean, Pooling::Cls, Pooling::Max] {
        let dir = tempfile::tempdir().unwrap();
        let enc = tiny(dir.path(), pooling);
        // one padded batch of texts of very different lengths
        let batched = enc.embed_batch(TEXTS).unwrap();
        for (t, b) in TEXTS.iter().zip(&batched) {
            let single = &enc.embed_batch(&[t]).unwrap()[0];
            let diff = single
                .iter()
                .zip(b)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0f32, f32::max);
            assert!(diff <= 1e-5, "{pooling:?} {t:?}: max difference {diff}");
        }
    }
}

#[test]
fn an_xlm_roberta_config_runs_the_same_weights_with_shifted_positions() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let bert = tiny(a.path(), Pooling::Mean).embed(TEXTS).unwrap();
    write_tiny_model(b.path(), Pooling::Mean, 7).unwrap();
    let config = std::fs::read_to_string(b.path().join("config.json")).unwrap();
    let xlm = config.replace(
        "\"model_type\": \"bert\"",
        "\"model_type\": \"xlm-roberta\"",
    );
    assert_ne!(config, xlm);
    std::fs::write(b.path().join("config.json"), xlm).unwrap();
    let enc = SentenceEncoder::load(b.path()).unwrap();
    let v = enc.embed(TEXTS).unwrap();
    for (x, y) in v.iter().zip(&bert) {
        let norm: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
        // positions start at 1 (padding id 0, plus one), so the vectors move
        assert!(cosine(Some(x), Some(y)) < 0.99999);
    }
    assert_ne!(enc.id(), SentenceEncoder::load(a.path()).unwrap().id());
}

#[test]
fn the_model_id_follows_the_weights() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let one = tiny(a.path(), Pooling::Mean);
    let same = SentenceEncoder::load(a.path()).unwrap();
    assert_eq!(one.id(), same.id());
    write_tiny_model(b.path(), Pooling::Mean, 8).unwrap();
    let other = SentenceEncoder::load(b.path()).unwrap();
    assert_ne!(one.id(), other.id());
    assert_eq!(one.id().len(), 32);
}

#[test]
fn the_cache_answers_what_was_embedded_and_survives_a_reopen() {
    let model = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let enc = tiny(model.path(), Pooling::Mean);
    let open = |enc: SentenceEncoder| {
        let cache = EmbeddingCache::open(cache_dir.path(), enc.id(), enc.dim()).unwrap();
        Embedder::with_cache(enc, cache)
    };
    let e = open(enc);
    let first = e.embed(&TEXTS[..3]).unwrap();
    assert_eq!(e.cache_stats(), (0, 3, 3));
    // a repeated text in one call is embedded once
    let second = e.embed(&[TEXTS[0], TEXTS[3], TEXTS[3]]).unwrap();
    assert_eq!(e.cache_stats(), (1, 5, 4));
    assert_eq!(first[0], second[0]);
    // a new process: everything from the file, nothing embedded
    let e = open(SentenceEncoder::load(model.path()).unwrap());
    let third = e.embed(&TEXTS[..4]).unwrap();
    assert_eq!(e.cache_stats(), (4, 0, 4));
    assert_eq!(&third[..3], &first[..]);
    assert_eq!(third[3], second[1]);
}

fn error_of(dir: &Path) -> String {
    match SentenceEncoder::load(dir) {
        Ok(_) => panic!("{} loaded", dir.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_missing_or_malformed_file_is_named() {
    let root = tempfile::tempdir().unwrap();
    let nowhere = root.path().join("nowhere");
    let e = error_of(&nowhere);
    assert!(
        e.starts_with("model folder not found:") && e.contains("nowhere"),
        "{e}"
    );

    for (file, broken) in [
        ("config.json", "{\"hidden_size\": "),
        ("tokenizer.json", "{\"model\": 3}"),
        (
            "1_Pooling/config.json",
            "{\"pooling_mode_mean_tokens\": false}",
        ),
        ("model.safetensors", "not weights"),
    ] {
        let dir = root.path().join(file.replace('/', "_"));
        write_tiny_model(&dir, Pooling::Mean, 1).unwrap();
        std::fs::remove_file(dir.join(file)).unwrap();
        let e = error_of(&dir);
        assert!(
            e.contains(file) && e.contains("missing"),
            "{file} missing: {e}"
        );
        std::fs::write(dir.join(file), broken).unwrap();
        let e = error_of(&dir);
        assert!(
            e.contains(file) && !e.contains("missing"),
            "{file} malformed: {e}"
        );
    }
    // an unsupported architecture says which
    let dir = root.path().join("gpt");
    write_tiny_model(&dir, Pooling::Mean, 1).unwrap();
    std::fs::write(dir.join("config.json"), "{\"model_type\": \"gpt2\"}").unwrap();
    let e = error_of(&dir);
    assert!(e.contains("config.json") && e.contains("gpt2"), "{e}");
}

/// Tester report 26, finding 1: weights that do not fit `config.json` are an error when the
/// folder is opened (they were only found on the first sentence, and the comparison went on
/// as a degraded mix labelled "embedding").
#[test]
fn weights_that_do_not_fit_the_config_are_an_error_at_open_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let enc = tiny(dir.path(), Pooling::Mean);
    drop(enc);
    // a config with a wider hidden size than the weights
    let text = std::fs::read_to_string(dir.path().join("config.json")).unwrap();
    let wider = text.replace(&format!("\"hidden_size\": {HIDDEN}"), "\"hidden_size\": 64");
    assert_ne!(text, wider);
    std::fs::write(dir.path().join("config.json"), wider).unwrap();
    let e = SentenceEncoder::load(dir.path()).unwrap_err();
    assert!(matches!(e, ModelError::Malformed { .. }), "{e}");
    let e = e.to_string();
    assert!(
        e.contains("model.safetensors") && e.contains("config.json implies") && e.contains("64"),
        "{e}"
    );
    // a tensor missing
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), Pooling::Mean, 3).unwrap();
    let config = std::fs::read_to_string(dir.path().join("config.json")).unwrap();
    let deeper = config.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3");
    assert_ne!(config, deeper);
    std::fs::write(dir.path().join("config.json"), deeper).unwrap();
    let e = error_of(dir.path());
    assert!(
        e.contains("model.safetensors") && e.contains("encoder.layer.2") && e.contains("missing"),
        "{e}"
    );
}

/// Cuts the model folder's `model.safetensors` to `to(its length)` bytes.
fn truncate_weights(dir: &Path, to: impl Fn(u64) -> u64) {
    let weights = dir.join("model.safetensors");
    let len = std::fs::metadata(&weights).unwrap().len();
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&weights)
        .unwrap();
    f.set_len(to(len)).unwrap();
}

#[test]
fn truncated_weights_are_an_error_at_open_that_says_truncated() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), Pooling::Mean, 5).unwrap();
    truncate_weights(dir.path(), |len| len / 2);
    let e = error_of(dir.path());
    assert!(
        e.contains("model.safetensors") && e.contains("truncated"),
        "{e}"
    );
    assert!(!e.contains("config.json"), "blames config.json: {e}");
    // one byte short is as truncated
    write_tiny_model(dir.path(), Pooling::Mean, 5).unwrap();
    truncate_weights(dir.path(), |len| len - 1);
    assert!(error_of(dir.path()).contains("truncated"));
}

#[test]
fn a_tokenizer_that_parses_but_cannot_encode_is_an_error_at_open() {
    let dir = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), Pooling::Mean, 5).unwrap();
    // a word-level vocabulary without its unknown token: every unknown word fails
    let vocab: serde_json::Map<String, serde_json::Value> = ["[CLS]", "[SEP]", "the", "peace"]
        .iter()
        .enumerate()
        .map(|(i, w)| (w.to_string(), serde_json::Value::from(i)))
        .collect();
    let tok = serde_json::json!({"version": "1.0", "truncation": null, "padding": null,
        "added_tokens": [], "normalizer": null,
        "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null, "decoder": null,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"}});
    std::fs::write(dir.path().join("tokenizer.json"), tok.to_string()).unwrap();
    let e = error_of(dir.path());
    assert!(
        e.contains("tokenizer.json") && e.contains("cannot encode"),
        "{e}"
    );
    // the same through the backend `--model` opens
    let e = framediff::analysis::Backend::open(Some(dir.path()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("tokenizer.json"), "{e}");
}

/// `compare --model` on a folder that fails its checks at open exits 2 naming the file
/// (README: a model folder that cannot be used is an error).
#[test]
fn compare_with_a_truncated_model_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    write_tiny_model(dir.path(), Pooling::Mean, 5).unwrap();
    truncate_weights(dir.path(), |len| len / 2);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_framediff"))
        .args(["compare", "--all"])
        .arg(&corpus)
        .arg("--model")
        .arg(dir.path())
        .args(["-o", "-", "--format", "json"])
        .env("FRAMEDIFF_CACHE_DIR", cache.path())
        .env_remove("FRAMEDIFF_MODEL")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("model.safetensors") && err.contains("truncated"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// Weights that break after the folder was opened (checked then): the event is compared
/// exactly as lexically, its backend says `lexical-idf`, and the comparison says why (what
/// `compare` warns and the TUI lists on Problems). Never a mix labelled "embedding".
#[test]
fn weights_that_break_after_open_give_the_lexical_comparison_labelled_so() {
    use framediff::analysis::{Backend, CompareOptions, compare};
    let model = tempfile::tempdir().unwrap();
    let enc = tiny(model.path(), Pooling::Mean);
    let backend = Backend::Embedding(Arc::new(Embedder::with_cache(
        enc,
        EmbeddingCache::in_memory(HIDDEN),
    )));
    // broken after the checks: the weights are read on the first sentence
    std::fs::write(model.path().join("model.safetensors"), b"gone").unwrap();
    let corpus = sample_corpus();
    let event = &corpus.events[0];
    let with_model = compare(
        event,
        &CompareOptions {
            backend,
            ..CompareOptions::default()
        },
    );
    let lexical = compare(event, &CompareOptions::default());
    assert_eq!(with_model.backend, "lexical-idf");
    let why = with_model.backend_problem.as_deref().expect("a problem");
    assert!(
        why.contains("model.safetensors") && why.contains("compared lexically"),
        "{why}"
    );
    assert!(lexical.backend_problem.is_none());
    let kinds = |c: &framediff::analysis::Comparison| {
        c.clusters
            .iter()
            .map(|k| (k.kind, k.members.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&with_model), kinds(&lexical));
    assert_eq!(with_model.related.len(), lexical.related.len());
}

/// An embedder on the tiny model with an empty on-disk cache (the folders live as long as
/// the first value).
fn tiny_embedder() -> ([tempfile::TempDir; 2], Arc<Embedder>) {
    let model = tempfile::tempdir().unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let enc = tiny(model.path(), Pooling::Mean);
    let cache = EmbeddingCache::open(cache_dir.path(), enc.id(), enc.dim()).unwrap();
    (
        [model, cache_dir],
        Arc::new(Embedder::with_cache(enc, cache)),
    )
}

/// The sample corpus of the repository.
fn sample_corpus() -> framediff::corpus::Corpus {
    framediff::corpus::load(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .as_path(),
    )
}

#[test]
fn compare_with_the_embedding_backend_embeds_every_claim_once() {
    use framediff::analysis::{CompareOptions, IdfTable, Similarity, compare_with};
    let (_dirs, embedder) = tiny_embedder();
    let options = CompareOptions::default();
    let th = options.thresholds;
    let e2 = Arc::clone(&embedder);
    let factory = move |idf: &IdfTable| -> Box<dyn Similarity> { e2.backend(idf, th, None) };
    let corpus = sample_corpus();
    let event = &corpus.events[0];
    let first = compare_with(event, &options, &factory);
    let (hits, misses, held) = embedder.cache_stats();
    assert!(misses > 0 && held > 0, "{hits} {misses} {held}");
    let second = compare_with(event, &options, &factory);
    let (hits2, misses2, _) = embedder.cache_stats();
    assert_eq!(misses2, misses, "the second comparison embedded nothing");
    assert!(hits2 >= hits + held.min(1));
    assert_eq!(first.clusters.len(), second.clusters.len());
    assert!(embedder.take_error().is_none());
}

/// `compare` with a model reports embedding progress through `CompareOptions::progress`:
/// from 0 to every sentence not yet cached, in order; a warm event reports nothing.
#[test]
fn compare_reports_embedding_progress_until_every_new_sentence_is_embedded() {
    use framediff::analysis::{Backend, CompareOptions, EmbedProgress, ProgressHook, compare};
    use std::sync::Mutex;
    let (_dirs, embedder) = tiny_embedder();
    let seen: Arc<Mutex<Vec<EmbedProgress>>> = Arc::default();
    let sink = Arc::clone(&seen);
    let options = CompareOptions {
        backend: Backend::Embedding(Arc::clone(&embedder)),
        progress: Some(ProgressHook::new(move |p| sink.lock().unwrap().push(p))),
        ..CompareOptions::default()
    };
    let corpus = sample_corpus();
    let event = &corpus.events[0];
    compare(event, &options);
    let (_, _, embedded) = embedder.cache_stats(); // the cache was empty
    let reports = std::mem::take(&mut *seen.lock().unwrap());
    assert!(embedded > 0);
    assert_eq!(
        reports.first().map(|p| (p.done, p.total)),
        Some((0, embedded))
    );
    assert_eq!(
        reports.last().map(|p| (p.done, p.total)),
        Some((embedded, embedded))
    );
    assert!(
        reports.windows(2).all(|w| w[0].done < w[1].done),
        "{reports:?}"
    );
    // one report per batch, plus the first (the tiny model's texts are at most 64 tokens,
    // so BATCH_TOKENS never cuts a batch short of BATCH texts)
    let batches = embedded.div_ceil(framediff::analysis::embedding::encoder::BATCH);
    assert_eq!(reports.len(), batches + 1, "{reports:?}");
    compare(event, &options);
    assert!(
        seen.lock().unwrap().is_empty(),
        "a warm event embeds nothing"
    );
}

/// Two claims scored by the embedding backend with the given cosine between their vectors
/// (set by hand: the tiny model's vectors mean nothing).
fn verdict_at_cosine(a: &str, b: &str, cos: f32) -> framediff::analysis::Verdict {
    use framediff::analysis::{IdfTable, PairScorer, Thresholds, contrast};
    let model = tempfile::tempdir().unwrap();
    let enc = tiny(model.path(), Pooling::Mean);
    let e = Arc::new(Embedder::with_cache(enc, EmbeddingCache::in_memory(HIDDEN)));
    let th = Thresholds::default();
    let mut scorer = PairScorer::new(th);
    let mut feats = vec![scorer.features(a), scorer.features(b)];
    let idf = IdfTable::from_claims(&feats, scorer.vocab.len());
    let sim = e.backend(&idf, th, None);
    sim.prepare(&mut feats);
    let mut u = vec![0.0f32; HIDDEN];
    u[0] = 1.0;
    let mut v = vec![0.0f32; HIDDEN];
    v[0] = cos;
    v[1] = (1.0 - cos * cos).max(0.0).sqrt();
    feats[0].embedding = Some(u.into());
    feats[1].embedding = Some(v.into());
    contrast::decide(sim.as_ref(), &feats[0], &feats[1], &th).1
}

#[test]
fn a_high_cosine_finds_paraphrases_but_never_outvotes_a_contrast() {
    use framediff::analysis::Verdict;
    let (a, b) = (
        "The company reported record profits.",
        "The firm announced its highest earnings ever.",
    );
    // no word in common: lexically different, the same proposition by the vectors
    assert_eq!(
        framediff::analysis::pair_verdict(a, b).1,
        Verdict::Different
    );
    assert_eq!(verdict_at_cosine(a, b, 0.9), Verdict::Shared);
    assert_eq!(verdict_at_cosine(a, b, 0.3), Verdict::Different);
    // near-identical vectors of opposite outcomes: the antonym rule decides
    let (won, lost) = ("Smith won the election.", "Smith lost the election.");
    assert_eq!(verdict_at_cosine(won, lost, 0.99), Verdict::Contrasting);
    // a negation on one side is never made shared by the cosine
    let (x, y) = (
        "The envoy attended the talks.",
        "The envoy did not attend the talks.",
    );
    assert_eq!(verdict_at_cosine(x, y, 0.95), Verdict::Contrasting);
}

/// Tester report 20, item 10: with a model, `pairs` printed 0.9000 for "30 people" /
/// "60 people" because its column was the similarity gate, which the cosine lifts to the
/// antonym bar (0.90) for near-identical sentences. The column is now the paraphrase score
/// the verdict is decided on: here the cosine is set to lift every pair, yet a pair whose
/// figures differ keeps the surface model's score, and the verdicts stay the engine's.
#[test]
fn pairs_print_the_paraphrase_score_not_the_lifted_similarity() {
    use framediff::analysis::embedding::SemanticParams;
    use framediff::analysis::{Backend, Thresholds, Verdict, eval};
    let (_dirs, embedder) = tiny_embedder();
    embedder.set_params(SemanticParams {
        antonym: -1.0,
        ..embedder.params()
    });
    let backend = Backend::Embedding(Arc::clone(&embedder));
    let p: Vec<(String, String)> = [
        ("The storm killed 30 people.", "The storm killed 60 people."),
        ("Powell died at 84.", "Powell died at 85."),
        ("The talks ended on Monday.", "The talks ended on Monday."),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    let th = Thresholds::default();
    let engine = eval::score_batch_with(&p, th, &backend);
    let answers = framediff::cli::pairs::answer_pairs(&p, th, &backend);
    for (a, (s, v, _)) in answers.iter().zip(&engine) {
        assert_eq!(a.verdict, *v, "{a:?}");
        // the gate's figure: every pair lifted to the antonym bar
        assert!(*s >= th.antonym, "{s}");
    }
    for (a, (s, _, _)) in answers[..2].iter().zip(&engine) {
        assert_eq!(a.verdict, Verdict::Contrasting, "{a:?}");
        assert!((a.score - s).abs() > 0.01, "{a:?}: not the gate's figure");
    }
    // figures of one unit that differ keep the cosine out: the surface model's score, as
    // without a model
    let words = framediff::cli::pairs::answer_pairs(&p, th, &Backend::Lexical);
    assert!(
        (answers[0].score - words[0].score).abs() < 1e-6,
        "{:?} {:?}",
        answers[0],
        words[0]
    );
    assert_eq!(answers[2].verdict, Verdict::Shared);
    assert!(answers[2].score > 0.99, "{:?}", answers[2]);
}
