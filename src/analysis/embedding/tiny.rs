//! A tiny BERT sentence-transformers folder with random weights, written from scratch: what
//! the tests and the benchmark load where no real model can be downloaded. Real file formats
//! throughout (`config.json`, `model.safetensors`, a WordPiece `tokenizer.json`,
//! `1_Pooling/config.json`), so loading exercises the same code as a real model.

use std::collections::HashMap;
use std::path::Path;

use candle_core::{Device, Tensor};

use super::pooling::Pooling;

/// Hidden size of the tiny model.
pub const HIDDEN: usize = 32;
const LAYERS: usize = 2;
const HEADS: usize = 4;
const INTERMEDIATE: usize = 64;
const POSITIONS: usize = 64;

/// The tiny model's word list (after the four special tokens); other words become `[UNK]`
/// or word pieces.
const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "on",
    "was",
    "is",
    "not",
    "said",
    "president",
    "minister",
    "talks",
    "ceasefire",
    "war",
    "peace",
    "rejected",
    "agreed",
    "proposal",
    "plan",
    "police",
    "arrested",
    "men",
    "two",
    "three",
    "killed",
    "people",
    "city",
    "government",
    "election",
    "won",
    "lost",
    "vote",
    "news",
    "report",
    "russia",
    "ukraine",
    "trump",
    "putin",
    "call",
    "phone",
    "day",
    "days",
    "30",
    "60",
    "profit",
    "rose",
    "fell",
    "percent",
    ".",
    ",",
    "\"",
    "##s",
    "##ed",
    "##ing",
    "##ly",
    "##er",
];

/// Deterministic pseudo-random numbers (SplitMix64), uniform in [-scale, scale].
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f32 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
    }

    fn tensor(&mut self, shape: &[usize], scale: f32) -> candle_core::Result<Tensor> {
        let n: usize = shape.iter().product();
        let v: Vec<f32> = (0..n).map(|_| self.next() * scale).collect();
        Tensor::from_vec(v, shape, &Device::Cpu)
    }
}

fn vocab() -> Vec<String> {
    ["[PAD]", "[UNK]", "[CLS]", "[SEP]"]
        .iter()
        .chain(WORDS)
        .map(|s| s.to_string())
        .collect()
}

/// Writes the tiny model into `dir` (created if needed) with the given pooling; the same
/// `seed` writes the same weights.
pub fn write_tiny_model(dir: &Path, pooling: Pooling, seed: u64) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir.join("1_Pooling"))?;
    let vocab = vocab();
    let config = serde_json::json!({
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": HIDDEN,
        "initializer_range": 0.02,
        "intermediate_size": INTERMEDIATE,
        "layer_norm_eps": 1e-12,
        "max_position_embeddings": POSITIONS,
        "model_type": "bert",
        "num_attention_heads": HEADS,
        "num_hidden_layers": LAYERS,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "type_vocab_size": 2,
        "vocab_size": vocab.len()
    });
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_string_pretty(&config)?,
    )?;
    let pooling_config = serde_json::json!({
        "word_embedding_dimension": HIDDEN,
        "pooling_mode_cls_token": pooling == Pooling::Cls,
        "pooling_mode_mean_tokens": pooling == Pooling::Mean,
        "pooling_mode_max_tokens": pooling == Pooling::Max,
        "pooling_mode_mean_sqrt_len_tokens": false
    });
    std::fs::write(
        dir.join("1_Pooling").join("config.json"),
        serde_json::to_string_pretty(&pooling_config)?,
    )?;
    std::fs::write(dir.join("tokenizer.json"), tokenizer_json(&vocab)?)?;
    let mut rng = Rng(seed);
    let mut t: HashMap<String, Tensor> = HashMap::new();
    let mut put = |name: String, shape: &[usize], scale: f32| -> candle_core::Result<()> {
        t.insert(name, rng.tensor(shape, scale)?);
        Ok(())
    };
    put(
        "embeddings.word_embeddings.weight".into(),
        &[vocab.len(), HIDDEN],
        1.0,
    )?;
    put(
        "embeddings.position_embeddings.weight".into(),
        &[POSITIONS, HIDDEN],
        0.1,
    )?;
    put(
        "embeddings.token_type_embeddings.weight".into(),
        &[2, HIDDEN],
        0.1,
    )?;
    let norm = |t: &mut HashMap<String, Tensor>, p: &str| -> candle_core::Result<()> {
        t.insert(
            format!("{p}.LayerNorm.weight"),
            Tensor::ones(HIDDEN, candle_core::DType::F32, &Device::Cpu)?,
        );
        t.insert(
            format!("{p}.LayerNorm.bias"),
            Tensor::zeros(HIDDEN, candle_core::DType::F32, &Device::Cpu)?,
        );
        Ok(())
    };
    norm(&mut t, "embeddings")?;
    let mut rng = Rng(seed ^ 0x5EED);
    for l in 0..LAYERS {
        let p = format!("encoder.layer.{l}");
        let linears = [
            ("attention.self.query", HIDDEN, HIDDEN),
            ("attention.self.key", HIDDEN, HIDDEN),
            ("attention.self.value", HIDDEN, HIDDEN),
            ("attention.output.dense", HIDDEN, HIDDEN),
            ("intermediate.dense", INTERMEDIATE, HIDDEN),
            ("output.dense", HIDDEN, INTERMEDIATE),
        ];
        for (name, out, inp) in linears {
            let scale = 1.0 / (inp as f32).sqrt();
            t.insert(
                format!("{p}.{name}.weight"),
                rng.tensor(&[out, inp], scale)?,
            );
            t.insert(format!("{p}.{name}.bias"), rng.tensor(&[out], 0.02)?);
        }
        norm(&mut t, &format!("{p}.attention.output"))?;
        norm(&mut t, &format!("{p}.output"))?;
    }
    candle_core::safetensors::save(&t, dir.join("model.safetensors"))?;
    Ok(())
}

/// A BERT-style WordPiece `tokenizer.json` (lower-casing normaliser, BERT pre-tokenizer,
/// `[CLS] … [SEP]` template) over `vocab`.
fn tokenizer_json(vocab: &[String]) -> serde_json::Result<String> {
    let ids: serde_json::Map<String, serde_json::Value> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (w.clone(), serde_json::Value::from(i)))
        .collect();
    let special = |id: usize, content: &str| {
        serde_json::json!({"id": id, "content": content, "single_word": false, "lstrip": false,
            "rstrip": false, "normalized": false, "special": true})
    };
    let json = serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [special(0, "[PAD]"), special(1, "[UNK]"), special(2, "[CLS]"), special(3, "[SEP]")],
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
            "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {"type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}}},
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100, "vocab": ids}
    });
    serde_json::to_string_pretty(&json)
}
