//! A sentence-transformers model folder loaded for CPU inference with candle: BERT-family
//! encoders (BERT, MiniLM, and XLM-RoBERTa for multilingual models), the model's own
//! `tokenizer.json`, the pooling `1_Pooling/config.json` names, L2 normalisation.
//!
//! Layout read (the Hugging Face / sentence-transformers folder): `config.json` (the
//! transformer), `model.safetensors` (weights, f32/f16/bf16), `tokenizer.json`,
//! `1_Pooling/config.json`, and optionally `sentence_bert_config.json` (`max_seq_length`).
//! The weights are read on the first sentence that needs them ([`SentenceEncoder::embed`]),
//! so opening a model whose sentences are all cached costs only the small files.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::{bert, xlm_roberta};
use sha2::{Digest, Sha256};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

use super::ModelError;
use super::pooling::{Pooling, l2_normalise};

/// Sentences per forward pass. Sentences are sorted by length first, so a batch pads little.
pub const BATCH: usize = 32;

/// The transformer of a model folder.
enum Network {
    Bert(bert::BertModel),
    XlmRoberta(xlm_roberta::XLMRobertaModel),
}

/// Which network `config.json` describes.
#[derive(Debug, Clone)]
enum NetworkConfig {
    Bert(bert::Config),
    XlmRoberta(xlm_roberta::Config),
}

/// A loaded sentence encoder. Thread-safe; `embed` may be called from several threads.
pub struct SentenceEncoder {
    dir: PathBuf,
    config: NetworkConfig,
    tokenizer: Tokenizer,
    pooling: Pooling,
    dim: usize,
    id: String,
    /// The weights, read on first use; the error text if they could not be.
    network: OnceLock<Result<Network, String>>,
}

impl std::fmt::Debug for SentenceEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SentenceEncoder")
            .field("dir", &self.dir)
            .field("pooling", &self.pooling)
            .field("dim", &self.dim)
            .field("id", &self.id)
            .finish()
    }
}

fn read_text(path: &Path) -> Result<String, ModelError> {
    if !path.is_file() {
        return Err(ModelError::Missing(path.to_path_buf()));
    }
    std::fs::read_to_string(path).map_err(|e| ModelError::malformed(path, e))
}

impl SentenceEncoder {
    /// Opens a model folder. Errors name the file: the folder or one of the four files
    /// missing, `config.json` not a supported BERT-family config, `tokenizer.json` not a
    /// tokenizer, `1_Pooling/config.json` naming no single supported mode, or
    /// `model.safetensors` without a safetensors header. Tensors missing from the weights are
    /// reported when the weights are first read ([`SentenceEncoder::embed`]).
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        if !dir.is_dir() {
            return Err(ModelError::NotAFolder(dir.to_path_buf()));
        }
        let config_path = dir.join("config.json");
        let config_text = read_text(&config_path)?;
        let config =
            parse_config(&config_text).map_err(|e| ModelError::malformed(&config_path, e))?;
        let pooling_path = dir.join("1_Pooling").join("config.json");
        let pooling_text = read_text(&pooling_path)?;
        let pooling = Pooling::from_config(&pooling_text)
            .map_err(|e| ModelError::malformed(&pooling_path, e))?;
        let tokenizer_path = dir.join("tokenizer.json");
        let tokenizer_text = read_text(&tokenizer_path)?;
        let weights_path = dir.join("model.safetensors");
        let header = safetensors_header(&weights_path)?;
        let (hidden, max_positions, pad_id) = match &config {
            NetworkConfig::Bert(c) => (
                c.hidden_size,
                c.max_position_embeddings,
                c.pad_token_id as u32,
            ),
            // XLM-R positions start after the padding index
            NetworkConfig::XlmRoberta(c) => (
                c.hidden_size,
                c.max_position_embeddings
                    .saturating_sub(c.pad_token_id as usize + 1),
                c.pad_token_id,
            ),
        };
        let max_len = max_seq_length(dir).unwrap_or(512).min(max_positions);
        let tokenizer = prepare_tokenizer(&tokenizer_text, max_len, pad_id)
            .map_err(|e| ModelError::malformed(&tokenizer_path, e))?;
        let mut h = Sha256::new();
        for part in [&config_text, &pooling_text, &tokenizer_text, &header.0] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h.update(header.1);
        let id: String = h.finalize()[..16]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(Self {
            dir: dir.to_path_buf(),
            config,
            tokenizer,
            pooling,
            dim: hidden,
            id,
            network: OnceLock::new(),
        })
    }

    /// Length of the sentence vectors.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The pooling mode the folder names.
    pub fn pooling(&self) -> Pooling {
        self.pooling
    }

    /// A content hash of the model (32 hex digits over the small files, the weights' header
    /// and samples of the weights): the key of its embedding cache.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn network(&self) -> Result<&Network, ModelError> {
        let path = self.dir.join("model.safetensors");
        self.network
            .get_or_init(|| load_network(&path, &self.config))
            .as_ref()
            .map_err(|e| ModelError::Malformed {
                path,
                reason: e.clone(),
            })
    }

    /// Unit-length sentence vectors (`dim()` floats each), one per text, in input order.
    /// Texts are sorted by token count and run [`BATCH`] at a time, padded within a batch;
    /// the attention mask keeps padding out, so a text's vector does not depend on its batch
    /// (to float rounding, ~1e-6). Texts longer than the model's `max_seq_length` are cut.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        self.embed_with(texts, &mut |_| {})
    }

    /// [`SentenceEncoder::embed`], calling `done` with the number of texts embedded so far
    /// after each batch.
    pub fn embed_with(
        &self,
        texts: &[&str],
        done: &mut dyn FnMut(usize),
    ) -> Result<Vec<Vec<f32>>, ModelError> {
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| (texts[i].len(), i));
        let mut out = vec![Vec::new(); texts.len()];
        let mut finished = 0;
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            for (&i, v) in chunk.iter().zip(self.embed_batch(&batch)?) {
                out[i] = v;
            }
            finished += chunk.len();
            done(finished);
        }
        Ok(out)
    }

    /// One padded forward pass over `texts` (all in one batch).
    pub fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let network = self.network()?;
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| ModelError::Inference(format!("tokenizing: {e}")))?;
        let run = || -> candle_core::Result<Vec<Vec<f32>>> {
            let device = Device::Cpu;
            let rows = |f: &dyn Fn(&tokenizers::Encoding) -> Vec<u32>| {
                let v: Vec<Tensor> = encodings
                    .iter()
                    .map(|e| Tensor::new(f(e).as_slice(), &device))
                    .collect::<candle_core::Result<_>>()?;
                Tensor::stack(&v, 0)
            };
            let ids = rows(&|e| e.get_ids().to_vec())?;
            let mask = rows(&|e| e.get_attention_mask().to_vec())?;
            let types = ids.zeros_like()?;
            let hidden = match network {
                Network::Bert(m) => m.forward(&ids, &types, Some(&mask))?,
                Network::XlmRoberta(m) => m.forward(&ids, &mask, &types, None, None, None)?,
            };
            let pooled = self.pooling.apply(&hidden.to_dtype(DType::F32)?, &mask)?;
            l2_normalise(&pooled)?.to_vec2::<f32>()
        };
        run().map_err(|e| ModelError::Inference(e.to_string()))
    }
}

/// Reads `config.json`: XLM-RoBERTa when `model_type` says so, else BERT (BERT, MiniLM,
/// multilingual BERT).
fn parse_config(text: &str) -> Result<NetworkConfig, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let model_type = value
        .get("model_type")
        .and_then(|t| t.as_str())
        .unwrap_or("bert");
    match model_type {
        "xlm-roberta" | "roberta" => serde_json::from_value(value)
            .map(NetworkConfig::XlmRoberta)
            .map_err(|e| e.to_string()),
        "bert" => serde_json::from_value(value)
            .map(NetworkConfig::Bert)
            .map_err(|e| e.to_string()),
        other => Err(format!(
            "model_type {other:?} is not supported (supported: bert, xlm-roberta)"
        )),
    }
}

/// `max_seq_length` from `sentence_bert_config.json`, if the folder has one.
fn max_seq_length(dir: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(dir.join("sentence_bert_config.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("max_seq_length")?.as_u64().map(|n| n as usize)
}

/// The model's tokenizer, padding each batch to its longest text (the file's fixed-length
/// padding, if any, would run every sentence at full length) and cutting at `max_len`.
fn prepare_tokenizer(text: &str, max_len: usize, pad_id: u32) -> Result<Tokenizer, String> {
    let mut t: Tokenizer = text.parse().map_err(|e| format!("{e}"))?;
    let mut padding = t.get_padding().cloned().unwrap_or_else(|| PaddingParams {
        pad_id,
        ..PaddingParams::default()
    });
    if t.get_padding().is_none() {
        let token = t.id_to_token(pad_id).unwrap_or_else(|| "[PAD]".into());
        padding.pad_token = token;
    }
    padding.strategy = PaddingStrategy::BatchLongest;
    padding.pad_to_multiple_of = None;
    t.with_padding(Some(padding));
    t.with_truncation(Some(TruncationParams {
        max_length: max_len,
        ..TruncationParams::default()
    }))
    .map_err(|e| format!("{e}"))?;
    Ok(t)
}

/// Checks that `model.safetensors` starts with a safetensors header; returns the header text
/// and a digest of 64 evenly spread 4 KiB samples of the file and its length (for the model
/// id, without hashing every byte).
fn safetensors_header(path: &Path) -> Result<(String, [u8; 32]), ModelError> {
    if !path.is_file() {
        return Err(ModelError::Missing(path.to_path_buf()));
    }
    let bad = |reason: String| ModelError::Malformed {
        path: path.to_path_buf(),
        reason,
    };
    let mut f = std::fs::File::open(path).map_err(|e| bad(e.to_string()))?;
    let len = f.metadata().map_err(|e| bad(e.to_string()))?.len();
    let mut n = [0u8; 8];
    f.read_exact(&mut n)
        .map_err(|_| bad("not a safetensors file (shorter than its header)".into()))?;
    let n = u64::from_le_bytes(n);
    if n == 0 || n > 100 << 20 || 8 + n > len {
        return Err(bad(format!(
            "not a safetensors file (header length {n} in a file of {len} bytes)"
        )));
    }
    let mut header = vec![0u8; n as usize];
    f.read_exact(&mut header).map_err(|e| bad(e.to_string()))?;
    let header = String::from_utf8(header).map_err(|_| bad("header is not UTF-8".into()))?;
    match serde_json::from_str::<serde_json::Value>(&header) {
        Ok(serde_json::Value::Object(_)) => {}
        _ => {
            return Err(bad(
                "not a safetensors file (header is not a JSON object)".into()
            ));
        }
    }
    let mut h = Sha256::new();
    h.update(len.to_le_bytes());
    let mut buf = vec![0u8; 4096];
    for k in 0..64u64 {
        let at = (8 + n) + (len - 8 - n) * k / 64;
        f.seek(SeekFrom::Start(at))
            .map_err(|e| bad(e.to_string()))?;
        let got = f.read(&mut buf).map_err(|e| bad(e.to_string()))?;
        h.update(&buf[..got]);
    }
    Ok((header, h.finalize().into()))
}

/// Reads the weights into memory (no memory map: that would need `unsafe`) and builds the
/// network; the error names the missing or mis-shaped tensor.
fn load_network(path: &Path, config: &NetworkConfig) -> Result<Network, String> {
    let data = std::fs::read(path).map_err(|e| e.to_string())?;
    let vb = VarBuilder::from_buffered_safetensors(data, DType::F32, &Device::Cpu)
        .map_err(|e| e.to_string())?;
    match config {
        NetworkConfig::Bert(c) => bert::BertModel::load(vb, c).map(Network::Bert),
        NetworkConfig::XlmRoberta(c) => {
            let vb = if vb.contains_tensor("roberta.embeddings.word_embeddings.weight") {
                vb.pp("roberta")
            } else {
                vb
            };
            xlm_roberta::XLMRobertaModel::new(c, vb).map(Network::XlmRoberta)
        }
    }
    .map_err(|e| format!("weights do not fit config.json: {e}"))
}
