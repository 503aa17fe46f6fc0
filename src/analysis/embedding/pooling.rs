//! Pooling of token vectors into one sentence vector, as a sentence-transformers
//! `1_Pooling/config.json` names it, and L2 normalisation.
//!
//! Source: sentence-transformers `models.Pooling` (Reimers & Gurevych 2019, "Sentence-BERT",
//! section 3): `cls` takes the first token's vector, `mean` averages the vectors of the real
//! tokens (attention mask 1), `max` takes the per-dimension maximum over them.

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

    /// Pools the token vectors of one sentence, `[tokens, hidden]` row-major (real tokens
    /// only: the encoder computes no padding), into `hidden` values. No tokens give zeros.
    pub fn apply(self, tokens: &[f32], hidden: usize) -> Vec<f32> {
        let mut rows = tokens.chunks_exact(hidden);
        let Some(first) = rows.next() else {
            return vec![0.0; hidden];
        };
        let mut out = first.to_vec();
        match self {
            Pooling::Cls => {}
            Pooling::Mean => {
                for r in rows {
                    for (o, x) in out.iter_mut().zip(r) {
                        *o += x;
                    }
                }
                let n = (tokens.len() / hidden) as f32;
                for o in &mut out {
                    *o /= n;
                }
            }
            Pooling::Max => {
                for r in rows {
                    for (o, x) in out.iter_mut().zip(r) {
                        *o = o.max(*x);
                    }
                }
            }
        }
        out
    }
}

/// Scales `v` to unit L2 norm in place (a zero vector stays zero).
pub fn l2_normalise(v: &mut [f32]) {
    let norm = super::kernels::dot(v, v).sqrt().max(1e-12);
    for x in v {
        *x /= norm;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_pools_the_tokens() {
        // one sentence of 2 tokens of 2 values
        let t = [1.0f32, 4.0, 3.0, 0.0];
        assert_eq!(Pooling::Cls.apply(&t, 2), vec![1.0, 4.0]);
        assert_eq!(Pooling::Mean.apply(&t, 2), vec![2.0, 2.0]);
        assert_eq!(Pooling::Max.apply(&t, 2), vec![3.0, 4.0]);
        assert_eq!(Pooling::Mean.apply(&[], 2), vec![0.0, 0.0]);
    }

    #[test]
    fn normalised_vectors_have_unit_length() {
        let mut v = [3.0f32, 4.0];
        l2_normalise(&mut v);
        assert!((v[0] - 0.6).abs() < 1e-6 && (v[1] - 0.8).abs() < 1e-6);
        let mut z = [0.0f32, 0.0];
        l2_normalise(&mut z);
        assert_eq!(z, [0.0, 0.0]);
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
