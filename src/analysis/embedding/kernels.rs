//! Element-wise and row kernels of the transformer forward pass ([`super::bert`]) on plain
//! `f32` slices: exponential, error function, GELU, layer normalisation, softmax, sum and dot
//! product. Written branch-free over fixed-width lanes so the compiler vectorises them on the
//! baseline x86-64 target (SSE2), where the `libm` calls they replace run one value at a time.
//!
//! Accuracy (checked in the tests): [`exp`] within 2e-7 relative of the standard library's on
//! [-87, 88], [`erf`] within 6e-7 absolute of a double-precision series (the formula's 1.5e-7
//! plus f32 rounding of `1 - p·e^{-x²}`; 5.0e-7 measured, near |x| = 0.15), so the exact GELU
//! within 3e-7·|x|.

/// Lanes of the accumulators: two SSE registers, one AVX register.
const LANES: usize = 8;

/// e^x, for x clamped to [-87, 88] (below, e^x is under f32's smallest normal anyway).
/// Range reduction x = n·ln2 + r with |r| ≤ ln2/2, then a degree-7 Taylor polynomial of e^r
/// (truncation error r⁸/8! < 6e-9 relative), scaled by 2ⁿ built from the exponent bits. `n`
/// is rounded by the 1.5·2²³ trick, so no rounding call breaks vectorisation.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    // ln 2 split in a high part exact in f32 and the rest (Cody–Waite reduction)
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    const ROUND: f32 = 12_582_912.0; // 1.5 · 2^23
    let x = x.clamp(-87.0, 88.0);
    let t = x * LOG2E + ROUND;
    let n = t - ROUND;
    let r = (x - n * LN2_HI) - n * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0
                        + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    // the low mantissa bits of t hold n (two's complement): 2^n as exponent bits
    let n_int = t.to_bits().wrapping_sub(ROUND.to_bits()) as i32;
    let scale = f32::from_bits(((n_int + 127) as u32) << 23);
    p * scale
}

/// The error function, by Abramowitz & Stegun, *Handbook of Mathematical Functions* (1964),
/// formula 7.1.26 (absolute error ≤ 1.5e-7), with [`exp`]: odd, so computed on |x|.
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    const P: f32 = 0.327_591_1;
    const A: [f32; 5] = [
        0.254_829_6,
        -0.284_496_74,
        1.421_413_8,
        -1.453_152,
        1.061_405_4,
    ];
    let ax = x.abs();
    let t = 1.0 / (1.0 + P * ax);
    let poly = t * (A[0] + t * (A[1] + t * (A[2] + t * (A[3] + t * A[4]))));
    let y = 1.0 - poly * exp(-ax * ax);
    y.copysign(x)
}

/// The activation between a layer's two feed-forward products, as `config.json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// `gelu`: x·Φ(x) with the exact error function (Hendrycks & Gimpel 2016), BERT's.
    Gelu,
    /// `gelu_new` / `gelu_pytorch_tanh`: the tanh approximation of GELU.
    GeluTanh,
    /// `relu`.
    Relu,
}

impl Activation {
    /// The activation named by `hidden_act` in `config.json`.
    pub fn from_name(name: &str) -> Result<Self, String> {
        match name {
            "gelu" => Ok(Activation::Gelu),
            "gelu_new" | "gelu_pytorch_tanh" | "gelu_fast" => Ok(Activation::GeluTanh),
            "relu" => Ok(Activation::Relu),
            other => Err(format!(
                "hidden_act {other:?} is not supported (supported: gelu, gelu_new, relu)"
            )),
        }
    }

    /// Applies the activation to every value in place.
    pub fn apply(self, xs: &mut [f32]) {
        match self {
            Activation::Gelu => {
                for x in xs {
                    *x = 0.5 * *x * (1.0 + erf(*x * std::f32::consts::FRAC_1_SQRT_2));
                }
            }
            Activation::GeluTanh => {
                const C: f32 = 0.797_884_6; // sqrt(2/pi)
                for x in xs {
                    let z = C * (*x + 0.044_715 * *x * *x * *x);
                    // tanh z = 1 - 2 / (e^{2z} + 1), saturating correctly at both ends
                    let tanh = 1.0 - 2.0 / (exp(2.0 * z) + 1.0);
                    *x = 0.5 * *x * (1.0 + tanh);
                }
            }
            Activation::Relu => {
                for x in xs {
                    *x = x.max(0.0);
                }
            }
        }
    }
}

/// Sum of `a[i]·b[i]` over the shorter length, in [`LANES`] independent partial sums (the
/// order of additions differs from a left-to-right sum by float rounding only).
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0.0f32; LANES];
    let (ah, at) = a.split_at(n / LANES * LANES);
    let (bh, bt) = b.split_at(n / LANES * LANES);
    for (x, y) in ah.chunks_exact(LANES).zip(bh.chunks_exact(LANES)) {
        for ((a, xi), yi) in acc.iter_mut().zip(x).zip(y) {
            *a += xi * yi;
        }
    }
    let tail: f32 = at.iter().zip(bt).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

/// Sum of the values, in [`LANES`] partial sums.
#[inline]
pub fn sum(a: &[f32]) -> f32 {
    let mut acc = [0.0f32; LANES];
    let (h, t) = a.split_at(a.len() / LANES * LANES);
    for x in h.chunks_exact(LANES) {
        for (a, xi) in acc.iter_mut().zip(x) {
            *a += xi;
        }
    }
    acc.iter().sum::<f32>() + t.iter().sum::<f32>()
}

/// Layer normalisation of one row in place (Ba et al. 2016): zero mean, unit variance
/// (biased, as PyTorch's `LayerNorm`), then scaled by `gamma` and shifted by `beta`.
pub fn layer_norm(row: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = sum(row) / n;
    for x in row.iter_mut() {
        *x -= mean;
    }
    let var = dot(row, row) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((x, g), b) in row.iter_mut().zip(gamma).zip(beta) {
        *x = *x * inv * g + b;
    }
}

/// Softmax of one row in place (the maximum subtracted first, so no exponential overflows).
pub fn softmax(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for x in row.iter_mut() {
        *x = exp(*x - max);
    }
    let inv = 1.0 / sum(row);
    for x in row.iter_mut() {
        *x *= inv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(lo: f32, hi: f32, n: usize) -> impl Iterator<Item = f32> {
        (0..=n).map(move |i| lo + (hi - lo) * i as f32 / n as f32)
    }

    #[test]
    fn exp_matches_the_standard_library() {
        for x in grid(-87.0, 88.0, 200_000) {
            let (got, want) = (exp(x), x.exp());
            let rel = ((got - want) / want).abs();
            assert!(
                rel < 2e-7,
                "exp({x}) = {got}, std {want}, relative error {rel}"
            );
        }
        assert!(exp(-1000.0) < 1e-37 && exp(-1000.0) >= 0.0);
        assert!(exp(1000.0).is_finite());
    }

    #[test]
    fn erf_matches_a_double_precision_reference() {
        // reference: erf through its Taylor series in f64 (converges fast for |x| <= 3),
        // and 1 beyond 4 (erfc(4) < 2e-8)
        fn erf64(x: f64) -> f64 {
            if x.abs() > 4.0 {
                return x.signum();
            }
            let (mut term, mut total) = (x, x);
            for n in 1..200 {
                term *= -x * x / n as f64;
                total += term / (2 * n + 1) as f64;
            }
            total * 2.0 / std::f64::consts::PI.sqrt()
        }
        for x in grid(-6.0, 6.0, 60_000) {
            let err = (erf(x) as f64 - erf64(x as f64)).abs();
            assert!(err < 6e-7, "erf({x}) = {}, error {err}", erf(x));
        }
        assert_eq!(erf(0.0), 0.0);
    }

    #[test]
    fn activations_have_their_known_values() {
        let mut v = [-3.0f32, -1.0, 0.0, 1.0, 3.0];
        Activation::Gelu.apply(&mut v);
        // x·Φ(x): Φ(1) = 0.841344746, Φ(3) = 0.998650102
        let want = [-0.004_049_69, -0.158_655_25, 0.0, 0.841_344_8, 2.995_950_3];
        for (g, w) in v.iter().zip(want) {
            assert!((g - w).abs() < 1e-6, "{v:?}");
        }
        let mut t = [-3.0f32, 1.0, 30.0, -30.0];
        Activation::GeluTanh.apply(&mut t);
        assert!((t[1] - 0.841_192).abs() < 1e-5, "{t:?}");
        assert!((t[2] - 30.0).abs() < 1e-5 && t[3].abs() < 1e-5, "{t:?}");
        let mut r = [-1.0f32, 2.0];
        Activation::Relu.apply(&mut r);
        assert_eq!(r, [0.0, 2.0]);
        assert!(Activation::from_name("swish").is_err());
    }

    #[test]
    fn rows_normalise_and_sum_to_one() {
        let mut row: Vec<f32> = (0..19).map(|i| i as f32 * 0.5 - 3.0).collect();
        layer_norm(&mut row, &[1.0; 19], &[0.0; 19], 1e-12);
        assert!(sum(&row).abs() < 1e-5);
        assert!((dot(&row, &row) / 19.0 - 1.0).abs() < 1e-5);
        let mut p = vec![1000.0f32, 999.0, -5.0];
        softmax(&mut p);
        assert!((sum(&p) - 1.0).abs() < 1e-6);
        assert!((p[0] / p[1] - std::f32::consts::E).abs() < 1e-4, "{p:?}");
        let a: Vec<f32> = (0..21).map(|i| i as f32).collect();
        assert_eq!(dot(&a, &a), (0..21).map(|i| (i * i) as f32).sum::<f32>());
    }
}
