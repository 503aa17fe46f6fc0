//! A sentence-transformers model folder loaded for CPU inference: BERT-family encoders (BERT,
//! MiniLM, and XLM-RoBERTa for multilingual models) run by [`super::bert`], the model's own
//! `tokenizer.json`, the pooling `1_Pooling/config.json` names, L2 normalisation.
//!
//! Layout read (the Hugging Face / sentence-transformers folder): `config.json` (the
//! transformer), `model.safetensors` (weights, f32/f16/bf16), `tokenizer.json`,
//! `1_Pooling/config.json`, and optionally `sentence_bert_config.json` (`max_seq_length`).
//! The weights are read on the first sentence that needs them ([`SentenceEncoder::embed`]),
//! so opening a model whose sentences are all cached costs only the small files.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, mpsc};

use sha2::{Digest, Sha256};
use tokenizers::{Tokenizer, TruncationParams};

use super::ModelError;
use super::bert::{Bert, Config, check_header};
use super::pooling::{Pooling, l2_normalise};

/// Most texts in one forward pass: their tokens run through each matrix product together.
pub const BATCH: usize = 32;

/// Most tokens in one forward pass, counting each text at the length of the batch's longest
/// (attention runs padded to it): long texts go in smaller batches, so the attention's
/// `[texts·heads, L, L]` buffers stay within a few MB (at 2,048: 32 texts of up to 64 tokens,
/// or 9 of 226).
pub const BATCH_TOKENS: usize = 2048;

/// Cuts `order` (texts sorted by token count, `len` giving it) into consecutive batches of at
/// most [`BATCH`] texts whose count times the longest length stays within `budget` (a text
/// longer than the budget goes alone).
fn batches(order: &[usize], len: impl Fn(usize) -> usize, budget: usize) -> Vec<&[usize]> {
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=order.len() {
        let n = end - start;
        let too_big = n > BATCH || (n > 1 && n * len(order[end - 1]) > budget);
        if too_big {
            out.push(&order[start..end - 1]);
            start = end - 1;
        }
    }
    if start < order.len() {
        out.push(&order[start..]);
    }
    out
}

/// The numeric path of the forward pass, part of the model id: vectors computed by another
/// path (candle-transformers' `BertModel` before this one) differ in the last digits, so
/// they never mix in one cache file.
const FORWARD: &str = "framediff-bert-2";

/// A loaded sentence encoder. Thread-safe; `embed` may be called from several threads.
pub struct SentenceEncoder {
    dir: PathBuf,
    config: Config,
    tokenizer: Tokenizer,
    pooling: Pooling,
    dim: usize,
    id: String,
    /// The weights, read on first use; the error text if they could not be.
    network: OnceLock<Result<Bert, String>>,
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
    /// tokenizer or one that cannot encode a probe sentence into ids the model has,
    /// `1_Pooling/config.json` naming no single supported mode, or `model.safetensors`
    /// without a safetensors header, cut short of the tensors its header lists, or lacking a
    /// tensor `config.json` implies (or holding it in another shape). All of this reads only
    /// the small files and the weights' header; the weights themselves are read on first use
    /// ([`SentenceEncoder::embed`]).
    pub fn load(dir: &Path) -> Result<Self, ModelError> {
        if !dir.is_dir() {
            return Err(ModelError::NotAFolder(dir.to_path_buf()));
        }
        let config_path = dir.join("config.json");
        let config_text = read_text(&config_path)?;
        let config =
            Config::parse(&config_text).map_err(|e| ModelError::malformed(&config_path, e))?;
        let pooling_path = dir.join("1_Pooling").join("config.json");
        let pooling_text = read_text(&pooling_path)?;
        let pooling = Pooling::from_config(&pooling_text)
            .map_err(|e| ModelError::malformed(&pooling_path, e))?;
        let tokenizer_path = dir.join("tokenizer.json");
        let tokenizer_text = read_text(&tokenizer_path)?;
        let weights_path = dir.join("model.safetensors");
        let header = safetensors_header(&weights_path)?;
        let hidden = config.hidden;
        let max_len = max_seq_length(dir).unwrap_or(512).min(config.max_tokens());
        let tokenizer = prepare_tokenizer(&tokenizer_text, max_len)
            .map_err(|e| ModelError::malformed(&tokenizer_path, e))?;
        probe_tokenizer(&tokenizer, config.vocab_size)
            .map_err(|e| ModelError::malformed(&tokenizer_path, e))?;
        let parsed: serde_json::Value =
            serde_json::from_str(&header.0).map_err(|e| ModelError::malformed(&weights_path, e))?;
        check_header(&parsed, header.2, &config)
            .map_err(|e| ModelError::malformed(&weights_path, e))?;
        let mut h = Sha256::new();
        h.update(FORWARD.as_bytes());
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
    /// samples of the weights, and the version of the forward pass): the key of its
    /// embedding cache.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn network(&self) -> Result<&Bert, ModelError> {
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
    /// Texts are tokenised, sorted by token count and run [`BATCH`] at a time; no padding
    /// reaches a result, so a text's vector does not depend on its batch (to float rounding,
    /// ~1e-6). Texts longer than the model's `max_seq_length` are cut.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        self.embed_with(texts, &mut |_| {})
    }

    /// [`SentenceEncoder::embed`], calling `done` with the number of texts embedded so far
    /// after each batch. Batches run on one thread per core, each its own batches (the
    /// matrix products inside also use candle's pool); `done` is called on this thread, in
    /// the order batches finish, so the counts only grow. The vectors do not depend on
    /// which thread ran which batch.
    pub fn embed_with(
        &self,
        texts: &[&str],
        done: &mut dyn FnMut(usize),
    ) -> Result<Vec<Vec<f32>>, ModelError> {
        let ids = self.tokenize(texts)?;
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| (ids[i].len(), i));
        let mut batches = batches(&order, |i| ids[i].len(), BATCH_TOKENS);
        // longest first: the slowest batches start first, so the threads finish together
        batches.reverse();
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, batches.len().max(1));
        let next = AtomicUsize::new(0);
        let mut out = vec![Vec::new(); texts.len()];
        let mut finished = 0;
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::channel();
            for _ in 0..workers {
                let (tx, next, batches, ids) = (tx.clone(), &next, &batches, &ids);
                scope.spawn(move || {
                    while let Some(chunk) = batches.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let batch: Vec<&[u32]> = chunk.iter().map(|&i| ids[i].as_slice()).collect();
                        let result = self.embed_ids(&batch);
                        let failed = result.is_err();
                        // a closed channel: the caller stopped at an error
                        if tx.send((*chunk, result)).is_err() || failed {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            for (chunk, result) in rx {
                for (&i, v) in chunk.iter().zip(result?) {
                    out[i] = v;
                }
                finished += chunk.len();
                done(finished);
            }
            Ok(out)
        })
    }

    /// One forward pass over `texts` (all in one batch).
    pub fn embed_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        let ids = self.tokenize(texts)?;
        self.embed_ids(&ids.iter().map(Vec::as_slice).collect::<Vec<_>>())
    }

    /// The token ids of each text (special tokens added, cut at `max_seq_length`).
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Vec<u32>>, ModelError> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| ModelError::Inference(format!("tokenizing: {e}")))?;
        Ok(encodings.iter().map(|e| e.get_ids().to_vec()).collect())
    }

    /// One forward pass over the token ids of several texts, pooled and normalised.
    fn embed_ids(&self, ids: &[&[u32]]) -> Result<Vec<Vec<f32>>, ModelError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let hidden = self
            .network()?
            .forward(ids)
            .map_err(ModelError::Inference)?;
        let mut start = 0;
        Ok(ids
            .iter()
            .map(|seq| {
                let rows = &hidden[start * self.dim..(start + seq.len()) * self.dim];
                start += seq.len();
                let mut v = self.pooling.apply(rows, self.dim);
                l2_normalise(&mut v);
                v
            })
            .collect())
    }
}

/// `max_seq_length` from `sentence_bert_config.json`, if the folder has one.
fn max_seq_length(dir: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(dir.join("sentence_bert_config.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("max_seq_length")?.as_u64().map(|n| n as usize)
}

/// The model's tokenizer without padding (the forward pass runs each text at its own
/// length; the file's padding, if any, would add tokens), cutting at `max_len`.
fn prepare_tokenizer(text: &str, max_len: usize) -> Result<Tokenizer, String> {
    let mut t: Tokenizer = text.parse().map_err(|e| format!("{e}"))?;
    t.with_padding(None);
    t.with_truncation(Some(TruncationParams {
        max_length: max_len,
        ..TruncationParams::default()
    }))
    .map_err(|e| format!("{e}"))?;
    Ok(t)
}

/// A sentence that exercises the tokenizer at load: words in and out of any vocabulary,
/// figures, punctuation, accents, CJK and an emoji.
const PROBE: &str = "The minister said 30 people, not 3, were hurt in Zqxvurt — café 東京 😀.";

/// Encodes [`PROBE`]: a tokenizer that parses but cannot encode (a word-level vocabulary
/// without its unknown token) or gives ids beyond the model's `vocab_size` is an error at
/// load, not on the first sentence.
fn probe_tokenizer(tokenizer: &Tokenizer, vocab_size: usize) -> Result<(), String> {
    let encoding = tokenizer
        .encode(PROBE, true)
        .map_err(|e| format!("cannot encode a sentence: {e}"))?;
    if encoding.get_ids().is_empty() {
        return Err("encodes a sentence as no tokens".into());
    }
    match encoding
        .get_ids()
        .iter()
        .find(|&&id| id as usize >= vocab_size)
    {
        Some(id) => Err(format!(
            "gives token id {id}, outside config.json's vocab_size {vocab_size}"
        )),
        None => Ok(()),
    }
}

/// Checks that `model.safetensors` starts with a safetensors header; returns the header text,
/// a digest of 64 evenly spread 4 KiB samples of the file and its length (for the model
/// id, without hashing every byte), and the number of bytes after the header.
fn safetensors_header(path: &Path) -> Result<(String, [u8; 32], u64), ModelError> {
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
    Ok((header, h.finalize().into(), len - 8 - n))
}

/// Reads the weights into memory (no memory map: that would need `unsafe`) and builds the
/// network. The header was checked at load ([`check_header`]), so an error here means the
/// file changed or broke since: the message says what was found.
fn load_network(path: &Path, config: &Config) -> Result<Bert, String> {
    let data = std::fs::read(path).map_err(|e| e.to_string())?;
    Bert::load(&data, config).map_err(|e| format!("weights cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_at_most_the_texts_and_padded_tokens_allowed() {
        // 70 short texts, then longer ones; sorted by length as embed_with sorts them
        let lens: Vec<usize> = (0..70)
            .map(|_| 10)
            .chain([100, 100, 300, 400, 400])
            .collect();
        let order: Vec<usize> = (0..lens.len()).collect();
        let got: Vec<usize> = batches(&order, |i| lens[i], 1000)
            .iter()
            .map(|b| b.len())
            .collect();
        // 32 texts at most; 6 short texts and two of 100 (8 x 100 tokens padded); 300 with
        // one 400 (2 x 400), not both (3 x 400 > 1000)
        assert_eq!(got, vec![32, 32, 8, 2, 1]);
        let all: Vec<usize> = batches(&order, |i| lens[i], 1000).concat();
        assert_eq!(all, order);
        assert!(batches(&[], |_| 1, 10).is_empty());
    }
}
