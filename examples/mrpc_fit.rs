//! Offline fit of the paraphrase feature weights on the MRPC training file (see
//! docs/similarity.md). Prints the weights of a logistic regression (Newton's method, ridge
//! 1e-3) over the chosen features and the accuracy of the best single threshold on the margin,
//! over the pairs the decision does not already call "contrasting".
//!
//! cargo run --release --example mrpc_fit -- ../shared/data/mrpc/msr_paraphrase_train.txt
//!
//! FEATURES=unigram,bi_pmax,... picks features by name (default: all of FEATURE_NAMES);
//! FORWARD=1 runs a greedy forward selection instead; BLOCKED=1 lists the left-out pairs.

use framediff::analysis::PairScorer;
use framediff::analysis::Thresholds;
use framediff::analysis::eval;
use framediff::analysis::similarity::{
    FEATURE_NAMES, IdfTable, LexicalSimilarity, paraphrase_features,
};

fn main() {
    let path = std::env::args_os().nth(1).expect("MRPC file");
    let data = eval::read_mrpc(std::path::Path::new(&path)).expect("readable");
    // the model off and no overlap threshold: every pair without an opposition is "shared"
    let mut scorer = PairScorer::new(Thresholds {
        shared: 0.0,
        paraphrase: 0.0,
        ..Thresholds::default()
    });
    let mut feats: Vec<_> = data
        .pairs
        .iter()
        .map(|(a, b)| (scorer.features(a), scorer.features(b)))
        .collect();
    let idf = IdfTable::from_claims(feats.iter().flat_map(|(a, b)| [a, b]), scorer.vocab.len());
    let sim = LexicalSimilarity::new(&idf);
    for (a, b) in &mut feats {
        sim.prepare_masses(std::slice::from_mut(a));
        sim.prepare_masses(std::slice::from_mut(b));
    }
    let x: Vec<Vec<f64>> = feats
        .iter()
        .map(|(a, b)| {
            paraphrase_features(&sim, a, b)
                .iter()
                .map(|&v| v as f64)
                .collect()
        })
        .collect();
    let y: Vec<f64> = data
        .labels
        .iter()
        .map(|l| if l == "1" { 1.0 } else { 0.0 })
        .collect();
    // pairs the decision calls "contrasting" whatever their scores (an opposition: negation on
    // one side, different numbers) are left out of the fit: with `shared` at 0 every other pair
    // comes out "shared"
    let reachable: Vec<bool> = feats
        .iter()
        .map(|(a, b)| scorer.score(a, b, &sim).1 == framediff::analysis::Verdict::Shared)
        .collect();
    if std::env::var("BLOCKED").is_ok() {
        for ((a, b), t) in feats.iter().zip(&y) {
            let (s, v, r) = scorer.score(a, b, &sim);
            if v != framediff::analysis::Verdict::Shared {
                let why = r
                    .first()
                    .map(|x| x.split(':').next().unwrap_or("").to_string());
                println!(
                    "BLOCK\t{t}\t{s:.2}\t{}",
                    why.unwrap_or_else(|| "gate".into())
                );
            }
        }
    }
    let blocked_pos = reachable
        .iter()
        .zip(&y)
        .filter(|(r, t)| !**r && **t > 0.5)
        .count();
    let blocked = reachable.iter().filter(|r| !**r).count();
    println!("blocked pairs {blocked} (paraphrases among them {blocked_pos})");
    let (x, y): (Vec<Vec<f64>>, Vec<f64>) = x
        .into_iter()
        .zip(y)
        .zip(&reachable)
        .filter(|(_, r)| **r)
        .map(|(p, _)| p)
        .unzip();
    let all: Vec<usize> = (0..x[0].len()).collect();
    let sel: Vec<usize> = match std::env::var("FEATURES") {
        Ok(v) if !v.is_empty() => v
            .split(',')
            .map(|n| {
                FEATURE_NAMES
                    .iter()
                    .position(|f| *f == n)
                    .expect("feature name")
            })
            .collect(),
        _ => all.clone(),
    };
    if std::env::var("FORWARD").is_ok() {
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..12 {
            let best = all
                .iter()
                .filter(|j| !chosen.contains(j))
                .map(|&j| {
                    let mut c = chosen.clone();
                    c.push(j);
                    let (_, _, acc, _) = fit(&x, &y, &c);
                    (acc, j)
                })
                .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap())
                .unwrap();
            chosen.push(best.1);
            println!("+ {:<14} accuracy {:.4}", FEATURE_NAMES[best.1], best.0);
        }
        return;
    }
    let (w, bias, acc, t) = fit(&x, &y, &sel);
    for (k, &j) in sel.iter().enumerate() {
        println!("{:<14} {:+.4}", FEATURE_NAMES[j], w[k]);
    }
    println!("bias {bias:+.4}\nbest threshold on the margin {t:+.4}: accuracy {acc:.4}");
}

/// Logistic regression (Newton's method, tiny ridge) on the selected features; returns the
/// weights, bias, the accuracy at the best margin threshold and that threshold.
fn fit(x: &[Vec<f64>], y: &[f64], sel: &[usize]) -> (Vec<f64>, f64, f64, f64) {
    let d = sel.len() + 1;
    let row = |r: &Vec<f64>| -> Vec<f64> {
        let mut v: Vec<f64> = sel.iter().map(|&j| r[j]).collect();
        v.push(1.0);
        v
    };
    let rows: Vec<Vec<f64>> = x.iter().map(row).collect();
    let mut w = vec![0.0; d];
    for _ in 0..25 {
        let mut g = vec![0.0; d];
        let mut h = vec![vec![0.0; d]; d];
        for (r, &t) in rows.iter().zip(y) {
            let s: f64 = r.iter().zip(&w).map(|(a, c)| a * c).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            for i in 0..d {
                g[i] += (p - t) * r[i];
                for k in 0..d {
                    h[i][k] += p * (1.0 - p) * r[i] * r[k];
                }
            }
        }
        for i in 0..d {
            g[i] += 1e-3 * w[i];
            h[i][i] += 1e-3;
        }
        let step = solve(h, g);
        for i in 0..d {
            w[i] -= step[i];
        }
    }
    let mut scores: Vec<(f64, bool)> = rows
        .iter()
        .zip(y)
        .map(|(r, &t)| (r.iter().zip(&w).map(|(a, c)| a * c).sum::<f64>(), t > 0.5))
        .collect();
    scores.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
    let pos = scores.iter().filter(|s| s.1).count();
    let (mut best, mut bt, mut neg_below, mut pos_below) = (0usize, 0.0, 0usize, 0usize);
    for s in &scores {
        let correct = neg_below + (pos - pos_below);
        if correct > best {
            best = correct;
            bt = s.0;
        }
        if s.1 { pos_below += 1 } else { neg_below += 1 }
    }
    let bias = w.pop().unwrap_or(0.0);
    (w, bias, best as f64 / scores.len() as f64, bt)
}

/// Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().partial_cmp(&a[j][c].abs()).unwrap())
            .unwrap();
        a.swap(c, p);
        b.swap(c, p);
        let pivot = a[c].clone();
        for r in c + 1..n {
            let f = a[r][c] / pivot[c];
            for (x, p) in a[r][c..].iter_mut().zip(&pivot[c..]) {
                *x -= f * p;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let s: f64 = (r + 1..n).map(|k| a[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / a[r][r];
    }
    x
}
