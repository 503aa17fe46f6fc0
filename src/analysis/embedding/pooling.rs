//! Pooling of token vectors into one sentence vector, as a sentence-transformers
//! `1_Pooling/config.json` names it, and L2 normalisation.
//!
//! Source: sentence-transformers `models.Pooling` (Reimers & Gurevych 2019, "Sentence-BERT",
//! section 3): `cls` takes the first token's vector, `mean` averages the vectors of the real
//! tokens (attention mask 1), `max` takes the per-dimension maximum over them.

use candle_core::{D, DType, Tensor};
use serde::Deserialize;

/// How token vectors become a sentence vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pooling {
    /// The first token's (`[CLS]`) vector.
    Cls,
    /// The mean over real tokens. `pooling_mode_mean_sqrt_len_tokens` is read as this too: it
    /// differs from the mean only by a positive factor, which L2 normalisation removes.
    Mean,
    /// The per-dimension maximum over real tokens.
    Max,
}

/// The fields of `1_Pooling/config.json` that name a mode (absent fields are false).
#[derive(Debug, Default, Deserialize)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_cls_token: bool,
    #[serde(default)]
    pooling_mode_mean_tokens: bool,
    #[serde(default)]
    pooling_mode_max_tokens: bool,
    #[serde(default)]
    pooling_mode_mean_sqrt_len_tokens: bool,
    #[serde(default)]
    pooling_mode_weightedmean_tokens: bool,
    #[serde(default)]
    pooling_mode_lasttoken: bool,
}

impl Pooling {
    /// Reads the mode from the text of a `1_Pooling/config.json`. Errors (as text, the caller
    /// adds the file name): not JSON, no mode, more than one mode, or a mode not supported
    /// (weighted mean, last token).
    pub fn from_config(json: &str) -> Result<Self, String> {
        let c: PoolingConfig = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if c.pooling_mode_weightedmean_tokens || c.pooling_mode_lasttoken {
            return Err("weighted-mean and last-token pooling are not supported \
                        (supported: cls, mean, max)"
                .into());
        }
        let modes: Vec<Pooling> = [
            (c.pooling_mode_cls_token, Pooling::Cls),
            (
                c.pooling_mode_mean_tokens || c.pooling_mode_mean_sqrt_len_tokens,
                Pooling::Mean,
            ),
            (c.pooling_mode_max_tokens, Pooling::Max),
        ]
        .into_iter()
        .filter_map(|(on, p)| on.then_some(p))
        .collect();
        match modes.as_slice() {
            [one] => Ok(*one),
            [] => Err(
                "names no pooling mode (expected one of pooling_mode_cls_token, \
                       pooling_mode_mean_tokens, pooling_mode_max_tokens)"
                    .into(),
            ),
            _ => Err(
                "names several pooling modes; exactly one of cls, mean, max is supported".into(),
            ),
        }
    }

    /// The name used in reports: "cls", "mean" or "max".
    pub fn name(self) -> &'static str {
        match self {
            Pooling::Cls => "cls",
            Pooling::Mean => "mean",
            Pooling::Max => "max",
        }
    }

    /// Pools token vectors `[batch, tokens, hidden]` (f32) with the attention mask
    /// `[batch, tokens]` (1 real token, 0 padding; any integer or float type) into
    /// `[batch, hidden]`. Padding never changes a sentence's vector.
    pub fn apply(self, tokens: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(D::Minus1)?; // [b, t, 1]
        match self {
            Pooling::Cls => tokens.narrow(1, 0, 1)?.squeeze(1),
            Pooling::Mean => {
                let sum = tokens.broadcast_mul(&mask)?.sum(1)?; // [b, h]
                let count = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?; // [b, 1]
                sum.broadcast_div(&count)
            }
            Pooling::Max => {
                // padding pushed far below any real value, so it never wins the maximum
                let penalty = ((mask - 1.0)? * 1e9)?;
                tokens.broadcast_add(&penalty)?.max(1)
            }
        }
    }
}

/// Scales each row of `[batch, hidden]` to unit L2 norm (a zero row stays zero).
pub fn l2_normalise(v: &Tensor) -> candle_core::Result<Tensor> {
    let norm = v
        .sqr()?
        .sum_keepdim(D::Minus1)?
        .sqrt()?
        .clamp(1e-12f32, f32::MAX)?;
    v.broadcast_div(&norm)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    fn tokens() -> (Tensor, Tensor) {
        // one sentence of 2 real tokens and a padding token whose vector is huge
        let t = Tensor::new(&[[[1.0f32, 4.0], [3.0, 0.0], [100.0, 100.0]]], &Device::Cpu).unwrap();
        let m = Tensor::new(&[[1u32, 1, 0]], &Device::Cpu).unwrap();
        (t, m)
    }

    #[test]
    fn each_mode_pools_real_tokens_only() {
        let (t, m) = tokens();
        let get = |p: Pooling| p.apply(&t, &m).unwrap().to_vec2::<f32>().unwrap();
        assert_eq!(get(Pooling::Cls), vec![vec![1.0, 4.0]]);
        assert_eq!(get(Pooling::Mean), vec![vec![2.0, 2.0]]);
        assert_eq!(get(Pooling::Max), vec![vec![3.0, 4.0]]);
    }

    #[test]
    fn normalised_rows_have_unit_length() {
        let v = Tensor::new(&[[3.0f32, 4.0], [0.0, 0.0]], &Device::Cpu).unwrap();
        let n = l2_normalise(&v).unwrap().to_vec2::<f32>().unwrap();
        assert!((n[0][0] - 0.6).abs() < 1e-6 && (n[0][1] - 0.8).abs() < 1e-6);
        assert_eq!(n[1], vec![0.0, 0.0]);
    }

    #[test]
    fn the_config_names_exactly_one_mode() {
        let mean = r#"{"word_embedding_dimension": 384, "pooling_mode_cls_token": false,
            "pooling_mode_mean_tokens": true, "pooling_mode_max_tokens": false,
            "pooling_mode_mean_sqrt_len_tokens": false}"#;
        assert_eq!(Pooling::from_config(mean), Ok(Pooling::Mean));
        assert_eq!(
            Pooling::from_config(r#"{"pooling_mode_cls_token": true}"#),
            Ok(Pooling::Cls)
        );
        let none = Pooling::from_config("{}").unwrap_err();
        assert!(none.contains("no pooling mode"), "{none}");
        let two = Pooling::from_config(
            r#"{"pooling_mode_cls_token": true, "pooling_mode_max_tokens": true}"#,
        )
        .unwrap_err();
        assert!(two.contains("several"), "{two}");
        assert!(Pooling::from_config("not json").is_err());
    }
}
