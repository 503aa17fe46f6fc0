//! The BERT encoder (Devlin et al. 2019, "BERT", section 3; the Hugging Face `BertModel` /
//! `XLMRobertaModel` layout of weights) run forward on the CPU for sentence embedding.
//!
//! Shapes: a batch is several token sequences laid end to end, `T` tokens in all, held as
//! one row-major `[T, hidden]` matrix of f32. The linear layers act on each token alone, so
//! they run as one matrix product over all `T` rows (candle's `matmul`, which runs on gemm);
//! only self-attention looks across tokens, and it runs per sequence over that sequence's own
//! tokens. No padding is ever computed, so a sequence's output does not depend on the other
//! sequences of its batch (up to the float rounding of the matrix product's blocking).
//! Everything between the products (bias, residual, layer normalisation, GELU, softmax) is
//! plain Rust in [`super::kernels`]: candle's element-wise operators hand tensors over 64 Ki
//! values to a spinning thread pool, which cost a quarter of the CPU time (BENCHMARKS.md).

use std::collections::HashMap;

use candle_core::{DType, Device, Storage, Tensor};
use serde::Deserialize;

use super::kernels::{self, Activation};

/// Which family of encoder `config.json` describes; they differ only in where the
/// position ids start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// BERT, MiniLM, multilingual BERT: positions 0, 1, 2, ...
    Bert,
    /// XLM-RoBERTa (paraphrase-multilingual-* models): positions start after the padding id.
    XlmRoberta,
}

/// The fields of `config.json` the forward pass needs.
#[derive(Debug, Deserialize)]
struct RawConfig {
    vocab_size: usize,
    hidden_size: usize,
    num_hidden_layers: usize,
    num_attention_heads: usize,
    intermediate_size: usize,
    #[serde(default = "default_act")]
    hidden_act: String,
    max_position_embeddings: usize,
    #[serde(default = "default_type_vocab")]
    type_vocab_size: usize,
    #[serde(default = "default_eps")]
    layer_norm_eps: f64,
    #[serde(default)]
    pad_token_id: u32,
    #[serde(default)]
    position_embedding_type: Option<String>,
}

fn default_act() -> String {
    "gelu".into()
}
fn default_type_vocab() -> usize {
    2
}
fn default_eps() -> f64 {
    1e-12
}

/// An encoder's sizes, read from `config.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub family: Family,
    pub vocab_size: usize,
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub activation: Activation,
    pub max_positions: usize,
    pub type_vocab_size: usize,
    pub eps: f32,
    pub pad_id: u32,
}

impl Config {
    /// Parses `config.json`: XLM-RoBERTa when `model_type` says so, else BERT (BERT,
    /// MiniLM, multilingual BERT). Errors (as text; the caller names the file): not JSON, a
    /// size missing, another `model_type`, an unsupported activation or position embedding,
    /// a hidden size the heads do not divide.
    pub fn parse(text: &str) -> Result<Self, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let model_type = value
            .get("model_type")
            .and_then(|t| t.as_str())
            .unwrap_or("bert")
            .to_string();
        let family = match model_type.as_str() {
            "bert" => Family::Bert,
            "xlm-roberta" | "roberta" => Family::XlmRoberta,
            other => {
                return Err(format!(
                    "model_type {other:?} is not supported (supported: bert, xlm-roberta)"
                ));
            }
        };
        let raw: RawConfig = serde_json::from_value(value).map_err(|e| e.to_string())?;
        if let Some(p) = raw.position_embedding_type.as_deref()
            && p != "absolute"
        {
            return Err(format!(
                "position_embedding_type {p:?} is not supported (supported: absolute)"
            ));
        }
        if raw.num_attention_heads == 0 || !raw.hidden_size.is_multiple_of(raw.num_attention_heads)
        {
            return Err(format!(
                "hidden_size {} is not a multiple of num_attention_heads {}",
                raw.hidden_size, raw.num_attention_heads
            ));
        }
        Ok(Self {
            family,
            vocab_size: raw.vocab_size,
            hidden: raw.hidden_size,
            layers: raw.num_hidden_layers,
            heads: raw.num_attention_heads,
            intermediate: raw.intermediate_size,
            activation: Activation::from_name(&raw.hidden_act)?,
            max_positions: raw.max_position_embeddings,
            type_vocab_size: raw.type_vocab_size,
            eps: raw.layer_norm_eps as f32,
            pad_id: raw.pad_token_id,
        })
    }

    /// The position id of a sequence's first token: 0 for BERT, the padding id + 1 for
    /// XLM-RoBERTa (as `create_position_ids_from_input_ids` in Hugging Face transformers).
    pub fn first_position(&self) -> usize {
        match self.family {
            Family::Bert => 0,
            Family::XlmRoberta => self.pad_id as usize + 1,
        }
    }

    /// The longest sequence the position table covers.
    pub fn max_tokens(&self) -> usize {
        self.max_positions.saturating_sub(self.first_position())
    }
}

/// A linear layer `y = x·Wᵀ + b`, several of them stacked into one when they read the same
/// input (query, key and value).
struct Linear {
    /// `[in, out]`: the transpose of the stacked `[out, in]` weights (a view; gemm reads the
    /// strides, and a contiguous copy measured no faster, BENCHMARKS.md).
    wt: Tensor,
    bias: Vec<f32>,
}

impl Linear {
    /// The product `x·Wᵀ` (bias not added) of `x` (`[rows, in]`), handed to `then` as
    /// `[rows, out]` straight from candle's result, without copying it out first.
    fn product<R>(&self, x: &Tensor, then: impl FnOnce(&[f32]) -> R) -> candle_core::Result<R> {
        with_values(&x.matmul(&self.wt)?, then)
    }
}

/// `x += y + bias` (a residual connection after a linear layer), the bias on every row.
fn add_residual(x: &mut [f32], y: &[f32], bias: &[f32]) {
    for (xr, yr) in x
        .chunks_exact_mut(bias.len())
        .zip(y.chunks_exact(bias.len()))
    {
        for ((v, a), b) in xr.iter_mut().zip(yr).zip(bias) {
            *v += a + b;
        }
    }
}

/// A layer normalisation's scale and shift.
struct Norm {
    gamma: Vec<f32>,
    beta: Vec<f32>,
}

impl Norm {
    fn rows(&self, x: &mut [f32], eps: f32) {
        for row in x.chunks_exact_mut(self.gamma.len()) {
            kernels::layer_norm(row, &self.gamma, &self.beta, eps);
        }
    }
}

/// One transformer layer.
struct Layer {
    qkv: Linear,
    attention_out: Linear,
    attention_norm: Norm,
    up: Linear,
    down: Linear,
    out_norm: Norm,
}

/// A loaded encoder: its weights in f32, whatever type the file stores.
pub struct Bert {
    config: Config,
    word: Vec<f32>,
    position: Vec<f32>,
    /// Row 0 of the token-type table: every token is of type 0 in a single sentence.
    token_type: Vec<f32>,
    embedding_norm: Norm,
    layers: Vec<Layer>,
}

/// The tensors of a safetensors file, under the prefix the file uses (`bert.`, `roberta.`,
/// or none).
struct Weights {
    map: HashMap<String, Tensor>,
    prefix: String,
}

impl Weights {
    fn new(map: HashMap<String, Tensor>, model_type: &str) -> Result<Self, String> {
        let probe = "embeddings.word_embeddings.weight";
        let prefix = ["", "bert.", "roberta.", &format!("{model_type}.")]
            .into_iter()
            .find(|p| map.contains_key(&format!("{p}{probe}")))
            .ok_or_else(|| format!("tensor {probe} is missing"))?
            .to_string();
        Ok(Self { map, prefix })
    }

    /// The tensor `name` in f32, checked to have `shape`.
    fn tensor(&self, name: &str, shape: &[usize]) -> Result<Tensor, String> {
        let full = format!("{}{name}", self.prefix);
        let t = self
            .map
            .get(&full)
            .ok_or_else(|| format!("tensor {full} is missing"))?;
        if t.dims() != shape {
            return Err(format!(
                "tensor {full} has shape {:?}, config.json implies {shape:?}",
                t.dims()
            ));
        }
        t.to_dtype(DType::F32).map_err(|e| e.to_string())
    }

    fn values(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, String> {
        self.tensor(name, shape)?
            .flatten_all()
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(|e| e.to_string())
    }

    /// `PREFIX.LayerNorm.{weight,bias}` (or the older `gamma`, `beta`).
    fn norm(&self, prefix: &str, size: usize) -> Result<Norm, String> {
        let has = |n: &str| {
            self.map
                .contains_key(&format!("{}{prefix}.LayerNorm.{n}", self.prefix))
        };
        let (g, b) = if has("gamma") && !has("weight") {
            ("gamma", "beta")
        } else {
            ("weight", "bias")
        };
        Ok(Norm {
            gamma: self.values(&format!("{prefix}.LayerNorm.{g}"), &[size])?,
            beta: self.values(&format!("{prefix}.LayerNorm.{b}"), &[size])?,
        })
    }

    /// The linear layers `names` (each `[out, in]` with a bias), stacked.
    fn linear(&self, names: &[String], inputs: usize, out: usize) -> Result<Linear, String> {
        let mut ws = Vec::new();
        let mut bias = Vec::new();
        for n in names {
            ws.push(self.tensor(&format!("{n}.weight"), &[out, inputs])?);
            bias.extend(self.values(&format!("{n}.bias"), &[out])?);
        }
        let wt = Tensor::cat(&ws, 0)
            .and_then(|w| w.t())
            .map_err(|e| e.to_string())?;
        Ok(Linear { wt, bias })
    }
}

/// Bytes per value of a safetensors dtype the encoder reads (`None`: a dtype it does not).
fn dtype_bytes(dtype: &str) -> Option<u64> {
    match dtype {
        "F32" | "I32" | "U32" => Some(4),
        "F16" | "BF16" | "I16" | "U16" => Some(2),
        "F64" | "I64" | "U64" => Some(8),
        "I8" | "U8" | "BOOL" | "F8_E4M3" | "F8_E5M2" => Some(1),
        _ => None,
    }
}

/// Checks a safetensors header against `config.json` without reading the weights, so that a
/// folder that cannot embed is an error when it is opened, not on the first sentence:
/// `header` is the file's JSON header and `data_len` the bytes after it. Errors (as text;
/// the caller names the file), in this order: a tensor whose byte range lies beyond the end
/// of the file (the file is truncated), a tensor whose byte range does not match its dtype
/// and shape, a tensor the forward pass needs missing, or of another shape than
/// `config.json` implies.
pub fn check_header(
    header: &serde_json::Value,
    data_len: u64,
    config: &Config,
) -> Result<(), String> {
    let serde_json::Value::Object(entries) = header else {
        return Err("not a safetensors file (header is not a JSON object)".into());
    };
    let mut shapes: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut furthest: Option<(&str, u64)> = None;
    for (name, info) in entries {
        if name == "__metadata__" {
            continue;
        }
        let bad = |what: &str| format!("tensor {name}: {what} in the header");
        let offsets: Vec<u64> = info
            .get("data_offsets")
            .and_then(|o| o.as_array())
            .map(|o| o.iter().filter_map(|v| v.as_u64()).collect())
            .unwrap_or_default();
        let [begin, end] = offsets[..] else {
            return Err(bad("no data_offsets [begin, end]"));
        };
        let shape: Vec<usize> = match info.get("shape").and_then(|s| s.as_array()) {
            Some(dims) => dims
                .iter()
                .map(|d| d.as_u64().map(|d| d as usize))
                .collect::<Option<_>>()
                .ok_or_else(|| bad("a shape that is not a list of sizes"))?,
            None => return Err(bad("no shape")),
        };
        if end < begin {
            return Err(bad("data_offsets that end before they begin"));
        }
        if furthest.is_none_or(|(_, e)| end > e) {
            furthest = Some((name, end));
        }
        if let Some(size) = info
            .get("dtype")
            .and_then(|d| d.as_str())
            .and_then(dtype_bytes)
        {
            let values: u64 = shape.iter().map(|&d| d as u64).product();
            if values.checked_mul(size) != Some(end - begin) {
                return Err(format!(
                    "tensor {name}: {} bytes for shape {shape:?}, which needs {}",
                    end - begin,
                    values.saturating_mul(size)
                ));
            }
        }
        shapes.insert(name, shape);
    }
    if let Some((name, end)) = furthest
        && end > data_len
    {
        return Err(format!(
            "truncated: the file holds {data_len} bytes of tensor data, its header places \
             tensor {name} up to byte {end} (copy or download it again)"
        ));
    }
    let probe = "embeddings.word_embeddings.weight";
    let model_type = match config.family {
        Family::Bert => "bert",
        Family::XlmRoberta => "xlm-roberta",
    };
    let own = format!("{model_type}.");
    let prefix = ["", "bert.", "roberta.", own.as_str()]
        .into_iter()
        .find(|p| shapes.contains_key(format!("{p}{probe}").as_str()))
        .ok_or_else(|| format!("tensor {probe} is missing"))?;
    for (name, shape) in required_tensors(config) {
        let full = format!("{prefix}{name}");
        // a layer normalisation may name its scale and shift gamma and beta
        let alt = full
            .strip_suffix(".LayerNorm.weight")
            .map(|p| format!("{p}.LayerNorm.gamma"))
            .or_else(|| {
                full.strip_suffix(".LayerNorm.bias")
                    .map(|p| format!("{p}.LayerNorm.beta"))
            });
        let found = shapes
            .get(full.as_str())
            .or_else(|| alt.as_deref().and_then(|a| shapes.get(a)));
        match found {
            None => return Err(format!("tensor {full} is missing")),
            Some(s) if *s != shape => {
                return Err(format!(
                    "tensor {full} has shape {s:?}, config.json implies {shape:?}"
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Every tensor [`Bert::load`] reads, without the file's prefix, with the shape
/// `config.json` implies.
fn required_tensors(config: &Config) -> Vec<(String, Vec<usize>)> {
    let (h, i) = (config.hidden, config.intermediate);
    let mut out = vec![
        (
            "embeddings.word_embeddings.weight".to_string(),
            vec![config.vocab_size, h],
        ),
        (
            "embeddings.position_embeddings.weight".to_string(),
            vec![config.max_positions, h],
        ),
        (
            "embeddings.token_type_embeddings.weight".to_string(),
            vec![config.type_vocab_size, h],
        ),
        ("embeddings.LayerNorm.weight".to_string(), vec![h]),
        ("embeddings.LayerNorm.bias".to_string(), vec![h]),
    ];
    for l in 0..config.layers {
        let p = format!("encoder.layer.{l}");
        let linears = [
            ("attention.self.query", h, h),
            ("attention.self.key", h, h),
            ("attention.self.value", h, h),
            ("attention.output.dense", h, h),
            ("intermediate.dense", i, h),
            ("output.dense", h, i),
        ];
        for (name, o, inp) in linears {
            out.push((format!("{p}.{name}.weight"), vec![o, inp]));
            out.push((format!("{p}.{name}.bias"), vec![o]));
        }
        for norm in ["attention.output", "output"] {
            out.push((format!("{p}.{norm}.LayerNorm.weight"), vec![h]));
            out.push((format!("{p}.{norm}.LayerNorm.bias"), vec![h]));
        }
    }
    out
}

impl Bert {
    /// Builds the encoder from the bytes of a safetensors file. Errors (as text; the caller
    /// names the file): not safetensors, a tensor missing or of another shape than
    /// `config.json` implies.
    pub fn load(data: &[u8], config: &Config) -> Result<Self, String> {
        let map =
            candle_core::safetensors::load_buffer(data, &Device::Cpu).map_err(|e| e.to_string())?;
        let model_type = match config.family {
            Family::Bert => "bert",
            Family::XlmRoberta => "xlm-roberta",
        };
        let w = Weights::new(map, model_type)?;
        let (h, i) = (config.hidden, config.intermediate);
        let type_table = w.values(
            "embeddings.token_type_embeddings.weight",
            &[config.type_vocab_size, h],
        )?;
        let layers = (0..config.layers)
            .map(|l| {
                let p = format!("encoder.layer.{l}");
                let at = |n: &str| format!("{p}.attention.self.{n}");
                Ok(Layer {
                    qkv: w.linear(&[at("query"), at("key"), at("value")], h, h)?,
                    attention_out: w.linear(&[format!("{p}.attention.output.dense")], h, h)?,
                    attention_norm: w.norm(&format!("{p}.attention.output"), h)?,
                    up: w.linear(&[format!("{p}.intermediate.dense")], h, i)?,
                    down: w.linear(&[format!("{p}.output.dense")], i, h)?,
                    out_norm: w.norm(&format!("{p}.output"), h)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Self {
            word: w.values("embeddings.word_embeddings.weight", &[config.vocab_size, h])?,
            position: w.values(
                "embeddings.position_embeddings.weight",
                &[config.max_positions, h],
            )?,
            // a table without rows (type_vocab_size 0) adds nothing
            token_type: type_table
                .get(..h)
                .map_or_else(|| vec![0.0; h], <[f32]>::to_vec),
            embedding_norm: w.norm("embeddings", h)?,
            layers,
            config: config.clone(),
        })
    }

    /// The last layer's token vectors of `sequences` (token ids, each at most
    /// [`Config::max_tokens`] long): `[T, hidden]` row-major, the sequences' rows end to end
    /// in order. An id outside the vocabulary or a sequence too long is an error.
    pub fn forward(&self, sequences: &[&[u32]]) -> Result<Vec<f32>, String> {
        let c = &self.config;
        let total: usize = sequences.iter().map(|s| s.len()).sum();
        let mut x = vec![0.0f32; total * c.hidden];
        if total == 0 {
            return Ok(x);
        }
        let mut rows = x.chunks_exact_mut(c.hidden);
        for &seq in sequences {
            if seq.len() > c.max_tokens() {
                return Err(format!(
                    "{} tokens, more than the {} positions of the model",
                    seq.len(),
                    c.max_tokens()
                ));
            }
            for (i, &id) in seq.iter().enumerate() {
                let id = id as usize;
                if id >= c.vocab_size {
                    return Err(format!("token id {id} is outside the vocabulary"));
                }
                let pos = c.first_position() + i;
                let word = &self.word[id * c.hidden..][..c.hidden];
                let position = &self.position[pos * c.hidden..][..c.hidden];
                let row = rows.next().expect("one row per token");
                for (k, v) in row.iter_mut().enumerate() {
                    *v = word[k] + position[k] + self.token_type[k];
                }
                kernels::layer_norm(
                    row,
                    &self.embedding_norm.gamma,
                    &self.embedding_norm.beta,
                    c.eps,
                );
            }
        }
        let lengths: Vec<usize> = sequences.iter().map(|s| s.len()).collect();
        for layer in &self.layers {
            self.layer(layer, &mut x, &lengths)
                .map_err(|e| e.to_string())?;
        }
        Ok(x)
    }

    /// One transformer layer over `x` (`[T, hidden]`, updated in place), sequences of
    /// `lengths` end to end. Buffers handed to candle are built in place and moved in
    /// (`from_vec`), products read where candle left them: no copy in or out but `x`'s.
    fn layer(&self, l: &Layer, x: &mut [f32], lengths: &[usize]) -> candle_core::Result<()> {
        let c = &self.config;
        let rows = x.len() / c.hidden;
        let cpu = &Device::Cpu;
        let input = Tensor::from_slice(x, (rows, c.hidden), cpu)?;
        let context = l
            .qkv
            .product(&input, |qkv| self.attention(qkv, &l.qkv.bias, lengths))??;
        let context = Tensor::from_vec(context, (rows, c.hidden), cpu)?;
        l.attention_out
            .product(&context, |y| add_residual(x, y, &l.attention_out.bias))?;
        l.attention_norm.rows(x, c.eps);
        let input = Tensor::from_slice(x, (rows, c.hidden), cpu)?;
        let inner = l.up.product(&input, |y| {
            let mut v = Vec::with_capacity(y.len());
            for row in y.chunks_exact(c.intermediate) {
                v.extend(row.iter().zip(&l.up.bias).map(|(a, b)| a + b));
            }
            c.activation.apply(&mut v);
            v
        })?;
        let inner = Tensor::from_vec(inner, (rows, c.intermediate), cpu)?;
        l.down
            .product(&inner, |y| add_residual(x, y, &l.down.bias))?;
        l.out_norm.rows(x, c.eps);
        Ok(())
    }

    /// Scaled dot-product self-attention (Vaswani et al. 2017, eq. 1) of each sequence over
    /// its own tokens, all heads: `qkv` is `[T, 3·hidden]` (query, key and value side by
    /// side, before `bias` is added), the result `[T, hidden]` (the heads side by side).
    ///
    /// The products run as two batched matrix products over `[sequences·heads, L, ·]`, `L`
    /// the longest sequence of the batch (texts are sorted by token count, so it pads
    /// little): two calls per layer rather than two per sequence, as candle looks up the core
    /// count on every call. The softmax covers each sequence's own keys only and gives the
    /// padding weight 0, and padded queries are dropped, so padding never reaches a result.
    fn attention(
        &self,
        qkv: &[f32],
        bias: &[f32],
        lengths: &[usize],
    ) -> candle_core::Result<Vec<f32>> {
        let c = &self.config;
        let (h, heads, d) = (c.hidden, c.heads, c.hidden / c.heads);
        let scale = 1.0 / (d as f32).sqrt();
        let longest = lengths.iter().copied().max().unwrap_or(0);
        let blocks = lengths.len() * heads;
        let cpu = &Device::Cpu;
        // query, key, value with their biases, head-major, padded with zeros:
        // [sequences·heads, L, d] each
        let gather = |part: usize| {
            let mut buf = vec![0.0f32; blocks * longest * d];
            let mut start = 0;
            for (s, &len) in lengths.iter().enumerate() {
                for head in 0..heads {
                    let at = part * h + head * d;
                    let block = &mut buf[(s * heads + head) * longest * d..];
                    for t in 0..len {
                        let src = &qkv[(start + t) * 3 * h + at..][..d];
                        for ((o, x), b) in block[t * d..][..d].iter_mut().zip(src).zip(&bias[at..])
                        {
                            *o = x + b;
                        }
                    }
                }
                start += len;
            }
            buf
        };
        let shape = (blocks, longest, d);
        let q = Tensor::from_vec(gather(0), shape, cpu)?;
        let k = Tensor::from_vec(gather(1), shape, cpu)?;
        let v = Tensor::from_vec(gather(2), shape, cpu)?;
        let weights = with_values(&q.matmul(&k.t()?)?, |raw| {
            let mut p = vec![0.0f32; raw.len()];
            for (b, (dst, src)) in p
                .chunks_exact_mut(longest * longest)
                .zip(raw.chunks_exact(longest * longest))
                .enumerate()
            {
                let len = lengths[b / heads];
                for i in 0..len {
                    let row = &mut dst[i * longest..][..len];
                    for (x, y) in row.iter_mut().zip(&src[i * longest..][..len]) {
                        *x = y * scale;
                    }
                    kernels::softmax(row);
                }
            }
            p
        })?;
        let p = Tensor::from_vec(weights, (blocks, longest, longest), cpu)?;
        with_values(&p.matmul(&v)?, |o| {
            let mut context = vec![0.0f32; qkv.len() / 3];
            let mut start = 0;
            for (s, &len) in lengths.iter().enumerate() {
                for head in 0..heads {
                    let block = &o[(s * heads + head) * longest * d..];
                    for t in 0..len {
                        context[(start + t) * h + head * d..][..d]
                            .copy_from_slice(&block[t * d..][..d]);
                    }
                }
                start += len;
            }
            context
        })
    }
}

/// Hands the values of a contiguous CPU tensor to `then`, without copying them out.
fn with_values<R>(t: &Tensor, then: impl FnOnce(&[f32]) -> R) -> candle_core::Result<R> {
    let (storage, layout) = t.storage_and_layout();
    let Storage::Cpu(cpu) = &*storage else {
        candle_core::bail!("the encoder runs on the CPU");
    };
    if !layout.is_contiguous() {
        candle_core::bail!("expected a contiguous tensor");
    }
    let values = &cpu.as_slice::<f32>()?[layout.start_offset()..][..t.elem_count()];
    Ok(then(values))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BERT: &str = r#"{"model_type": "bert", "vocab_size": 10, "hidden_size": 8,
        "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 16,
        "hidden_act": "gelu", "max_position_embeddings": 12, "pad_token_id": 0}"#;

    #[test]
    fn positions_start_after_the_padding_id_in_xlm_roberta() {
        let bert = Config::parse(BERT).unwrap();
        assert_eq!(bert.family, Family::Bert);
        assert_eq!((bert.first_position(), bert.max_tokens()), (0, 12));
        let xlm = Config::parse(
            &BERT
                .replace("\"bert\"", "\"xlm-roberta\"")
                .replace("\"pad_token_id\": 0", "\"pad_token_id\": 1"),
        )
        .unwrap();
        assert_eq!(xlm.family, Family::XlmRoberta);
        assert_eq!((xlm.first_position(), xlm.max_tokens()), (2, 10));
        // no model_type: BERT
        let plain = Config::parse(&BERT.replace("\"model_type\": \"bert\",", "")).unwrap();
        assert_eq!(plain.family, Family::Bert);
    }

    #[test]
    fn unsupported_configs_say_why() {
        let err = |text: String| Config::parse(&text).unwrap_err();
        assert!(err(BERT.replace("\"gelu\"", "\"swish\"")).contains("swish"));
        assert!(err(BERT.replace("\"bert\"", "\"gpt2\"")).contains("gpt2"));
        assert!(
            err(BERT.replace("\"num_attention_heads\": 2", "\"num_attention_heads\": 3"))
                .contains("multiple")
        );
        assert!(
            err(BERT.replace(
                "\"pad_token_id\": 0",
                "\"position_embedding_type\": \"relative_key\""
            ))
            .contains("relative_key")
        );
        assert!(err(BERT.replace("\"hidden_size\": 8,", "")).contains("hidden_size"));
    }
}
