//! Fits the respect weights (`src/reply/respect_weights.tsv`) on the Stanford politeness corpus.
//!
//! * Data: `replies/en-politeness-stackexchange-dev.jsonl` (Stack Exchange requests with a politeness
//!   z-score, `labels.politeness`), CC BY 4.0.
//! * Split: rows with `FNV-1a 64(id) mod 5 == 0` are the held-out part: never fitted on, never used to pick
//!   anything; only their Spearman correlation is printed. The rest is the fit part.
//! * Model: ridge regression of the z-score on the named features of `crate::reply::respect` (standardised
//!   on the rows it is fitted on), closed form; a feature whose weight comes out against its expected sign
//!   (`Feature::expected_sign`) is left out and the rest refitted. The ridge strength is the one with the best 5-fold
//!   cross-validated Spearman on the fit part (folds `FNV-1a 64(seed ‖ id) mod 5`).
//! * Optional experiment (`ngram_bits`): hashed word 1- and 2-grams next to the named features, solved by
//!   conjugate gradients; only printed, never written.
//! * Deterministic: fixed row order, hashed folds, one thread, fixed iteration counts; the written file
//!   holds rounded weights and the figures, so retraining gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use super::features::{fnv1a, fnv1a_extend};
use crate::model::Lang;
use crate::reply::respect::{BIAS, Feature, N_FEATURES, Weights, cues_of, vector};
use crate::text::{Tokens, tokenize};

/// The data file, relative to the data folder.
pub const RESPECT_FILE: &str = "replies/en-politeness-stackexchange-dev.jsonl";

/// Ridge strengths tried (on standardised features, unnormalised sums: the fit part has about 5,300 rows).
pub const LAMBDAS: [f64; 8] = [1.0, 10.0, 100.0, 300.0, 1000.0, 3000.0, 10000.0, 30000.0];

/// Decimals of the written weights.
const DECIMALS: usize = 4;

/// How the weights are fitted.
#[derive(Clone, Debug)]
pub struct RespectConfig {
    pub folds: usize,
    pub seed: u64,
    pub lambdas: Vec<f64>,
    /// Also print the cross-validated figures with hashed word 1–2-grams in `2^bits` buckets.
    pub ngram_bits: Option<u8>,
}

impl Default for RespectConfig {
    fn default() -> Self {
        RespectConfig {
            folds: 5,
            seed: 20_260_101,
            lambdas: LAMBDAS.to_vec(),
            ngram_bits: None,
        }
    }
}

/// One labelled row.
pub struct RespectRow {
    pub id: String,
    pub text: String,
    pub lang: Lang,
    pub y: f64,
}

/// The result: the weights file and the printed report.
pub struct RespectFit {
    pub tsv: String,
    pub weights: Weights,
    pub report: String,
}

/// True for the held-out rows: `FNV-1a 64(id) mod 5 == 0`.
pub fn respect_held_out(id: &str) -> bool {
    fnv1a(id.as_bytes()).is_multiple_of(5)
}

fn fold_of(id: &str, folds: usize, seed: u64) -> usize {
    (fnv1a_extend(fnv1a(&seed.to_le_bytes()), id.as_bytes()) % folds as u64) as usize
}

/// Reads the politeness rows (in file order).
pub fn load_respect_rows(data: &Path) -> Result<Vec<RespectRow>, String> {
    let path = data.join(RESPECT_FILE);
    let contents =
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (ln, line) in contents.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), ln + 1))?;
        let (Some(id), Some(text), Some(y)) = (
            v.get("id").and_then(|x| x.as_str()),
            v.get("text").and_then(|x| x.as_str()),
            v.get("labels")
                .and_then(|l| l.get("politeness"))
                .and_then(|y| y.as_f64()),
        ) else {
            continue;
        };
        let lang = v
            .get("lang")
            .and_then(|l| l.as_str())
            .and_then(Lang::parse)
            .unwrap_or(Lang::En);
        rows.push(RespectRow {
            id: id.to_string(),
            text: text.to_string(),
            lang,
            y,
        });
    }
    Ok(rows)
}

/// Ranks with ties averaged (1-based).
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]).then(a.cmp(&b)));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        for &k in &idx[i..=j] {
            r[k] = (i + j) as f64 / 2.0 + 1.0;
        }
        i = j + 1;
    }
    r
}

fn pearson(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut c, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        c += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    if va > 0.0 && vb > 0.0 {
        c / (va * vb).sqrt()
    } else {
        0.0
    }
}

/// Spearman's rank correlation.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    pearson(&ranks(a), &ranks(b))
}

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky).
#[allow(clippy::needless_range_loop)] // index arithmetic reads like the textbook
fn solve_spd(mut a: Vec<Vec<f64>>, b: &[f64]) -> Vec<f64> {
    let n = b.len();
    for j in 0..n {
        let mut d = a[j][j];
        for k in 0..j {
            d -= a[j][k] * a[j][k];
        }
        let d = d.max(1e-12).sqrt();
        a[j][j] = d;
        for i in j + 1..n {
            let mut s = a[i][j];
            for k in 0..j {
                s -= a[i][k] * a[j][k];
            }
            a[i][j] = s / d;
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i][k] * y[k];
        }
        y[i] = s / a[i][i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= a[k][i] * x[k];
        }
        x[i] = s / a[i][i];
    }
    x
}

type Row = [f64; N_FEATURES];

/// Ridge regression on the rows `sel` with every feature's weight of its expected sign or 0
/// (`Feature::expected_sign`): features whose weight comes out the wrong way are left out and the rest
/// refitted, until none is.
fn ridge(x: &[Row], y: &[f64], sel: &[usize], lambda: f64) -> (f64, Row) {
    let mut off = [false; N_FEATURES];
    loop {
        let (b, w) = ridge_masked(x, y, sel, lambda, &off);
        let mut changed = false;
        for f in Feature::ALL {
            let i = *f as usize;
            if !off[i] && w[i] * f64::from(f.expected_sign()) < 0.0 {
                off[i] = true;
                changed = true;
            }
        }
        if !changed {
            return (b, w);
        }
    }
}

/// The means and standard deviations of the features (1 for a constant feature) and the mean target over
/// the rows `sel`, for standardising.
#[allow(clippy::needless_range_loop)]
fn moments(x: &[Row], y: &[f64], sel: &[usize]) -> (Row, Row, f64) {
    let n = sel.len() as f64;
    let mut mean = [0.0; N_FEATURES];
    let mut sd = [0.0; N_FEATURES];
    let mut ym = 0.0;
    for &i in sel {
        ym += y[i] / n;
        for f in 0..N_FEATURES {
            mean[f] += x[i][f] / n;
        }
    }
    for &i in sel {
        for f in 0..N_FEATURES {
            sd[f] += (x[i][f] - mean[f]).powi(2) / n;
        }
    }
    for s in &mut sd {
        *s = if *s > 0.0 { s.sqrt() } else { 1.0 };
    }
    (mean, sd, ym)
}

/// The rows of `fit` outside fold `k` (`folds` gives each fit row's fold).
fn outside_fold(fit: &[usize], folds: &[usize], k: usize) -> Vec<usize> {
    fit.iter()
        .zip(folds)
        .filter(|(_, g)| **g != k)
        .map(|(i, _)| *i)
        .collect()
}

/// Ridge regression on the rows `sel`, features standardised on them, the features in `off` left out;
/// returns raw-scale weights.
#[allow(clippy::needless_range_loop)]
fn ridge_masked(
    x: &[Row],
    y: &[f64],
    sel: &[usize],
    lambda: f64,
    off: &[bool; N_FEATURES],
) -> (f64, Row) {
    let (mean, sd, ym) = moments(x, y, sel);
    let mut a = vec![vec![0.0; N_FEATURES]; N_FEATURES];
    let mut b = vec![0.0; N_FEATURES];
    for &i in sel {
        let z: Vec<f64> = (0..N_FEATURES)
            .map(|f| {
                if off[f] {
                    0.0
                } else {
                    (x[i][f] - mean[f]) / sd[f]
                }
            })
            .collect();
        for p in 0..N_FEATURES {
            b[p] += z[p] * (y[i] - ym);
            for q in 0..=p {
                a[p][q] += z[p] * z[q];
            }
        }
    }
    for p in 0..N_FEATURES {
        for q in 0..p {
            a[q][p] = a[p][q];
        }
        a[p][p] += lambda;
    }
    let w = solve_spd(a, &b);
    let mut raw = [0.0; N_FEATURES];
    let mut bias = ym;
    for f in 0..N_FEATURES {
        raw[f] = if off[f] { 0.0 } else { w[f] / sd[f] };
        bias -= raw[f] * mean[f];
    }
    (bias, raw)
}

fn predict(bias: f64, w: &Row, x: &Row) -> f64 {
    bias + w.iter().zip(x).map(|(a, b)| a * b).sum::<f64>()
}

/// Out-of-fold predictions for the fit rows `fit` (in their order).
fn cv_named(
    x: &[Row],
    y: &[f64],
    fit: &[usize],
    folds: &[usize],
    k: usize,
    lambda: f64,
) -> Vec<f64> {
    let mut pred = vec![0.0; fit.len()];
    for f in 0..k {
        let train = outside_fold(fit, folds, f);
        let (b, w) = ridge(x, y, &train, lambda);
        for (j, (&i, &g)) in fit.iter().zip(folds).enumerate() {
            if g == f {
                pred[j] = predict(b, &w, &x[i]);
            }
        }
    }
    pred
}

/// Hashed word 1- and 2-grams of a text (folded words, distinct buckets, sorted).
fn ngrams(text: &str, bits: u8) -> Vec<u32> {
    let mut t = Tokens::default();
    tokenize(text, &mut t);
    let words: Vec<&str> = t
        .tokens
        .iter()
        .filter(|k| k.kind == crate::text::TokenKind::Word)
        .map(|k| t.norm_of(k))
        .collect();
    let mask = (1u64 << bits) - 1;
    let mut out: Vec<u32> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        out.push((fnv1a_extend(fnv1a(b"w"), w.as_bytes()) & mask) as u32);
        if let Some(next) = words.get(i + 1) {
            let h = fnv1a_extend(fnv1a_extend(fnv1a(b"b"), w.as_bytes()), b" ");
            out.push((fnv1a_extend(h, next.as_bytes()) & mask) as u32);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Ridge over standardised named features plus n-gram indicators (penalty `lambda` on the named part,
/// `lambda_ng` on the n-grams), by conjugate gradients; returns a predictor for other rows.
#[allow(clippy::too_many_arguments)]
fn ridge_ngrams(
    x: &[Row],
    g: &[Vec<u32>],
    y: &[f64],
    sel: &[usize],
    dim: usize,
    lambda: f64,
    lambda_ng: f64,
) -> impl Fn(&Row, &[u32]) -> f64 {
    let (mean, sd, ym) = moments(x, y, sel);
    let total = N_FEATURES + dim;
    // A v = Xᵀ X v + Λ v, with X the standardised named features and the n-gram indicators
    let apply = |v: &[f64]| -> Vec<f64> {
        let mut out = vec![0.0; total];
        for &i in sel {
            let mut s = 0.0;
            for f in 0..N_FEATURES {
                s += (x[i][f] - mean[f]) / sd[f] * v[f];
            }
            for &b in &g[i] {
                s += v[N_FEATURES + b as usize];
            }
            for f in 0..N_FEATURES {
                out[f] += (x[i][f] - mean[f]) / sd[f] * s;
            }
            for &b in &g[i] {
                out[N_FEATURES + b as usize] += s;
            }
        }
        for (k, o) in out.iter_mut().enumerate() {
            *o += v[k] * if k < N_FEATURES { lambda } else { lambda_ng };
        }
        out
    };
    let mut rhs = vec![0.0; total];
    for &i in sel {
        let r = y[i] - ym;
        for f in 0..N_FEATURES {
            rhs[f] += (x[i][f] - mean[f]) / sd[f] * r;
        }
        for &b in &g[i] {
            rhs[N_FEATURES + b as usize] += r;
        }
    }
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut w = vec![0.0; total];
    let mut r = rhs.clone();
    let mut p = r.clone();
    let mut rr = dot(&r, &r);
    for _ in 0..200 {
        if rr < 1e-10 {
            break;
        }
        let ap = apply(&p);
        let alpha = rr / dot(&p, &ap);
        for k in 0..total {
            w[k] += alpha * p[k];
            r[k] -= alpha * ap[k];
        }
        let next = dot(&r, &r);
        for k in 0..total {
            p[k] = r[k] + next / rr * p[k];
        }
        rr = next;
    }
    move |xr: &Row, gr: &[u32]| {
        let mut s = ym;
        for f in 0..N_FEATURES {
            s += (xr[f] - mean[f]) / sd[f] * w[f];
        }
        for &b in gr {
            s += w[N_FEATURES + b as usize];
        }
        s
    }
}

fn round(w: f64) -> f64 {
    let m = 10f64.powi(DECIMALS as i32);
    let r = (w * m).round() / m;
    if r == 0.0 { 0.0 } else { r }
}

/// Fits the weights and writes the report; see the module documentation.
pub fn train_respect(data: &Path, cfg: &RespectConfig) -> Result<RespectFit, String> {
    let rows = load_respect_rows(data)?;
    if rows.is_empty() {
        return Err(format!("{RESPECT_FILE}: no rows"));
    }
    let x: Vec<Row> = rows
        .iter()
        .map(|r| {
            let v = vector(&cues_of(&r.text, r.lang));
            let mut out = [0.0; N_FEATURES];
            for (o, f) in out.iter_mut().zip(v) {
                *o = f64::from(f);
            }
            out
        })
        .collect();
    let y: Vec<f64> = rows.iter().map(|r| r.y).collect();
    let fit: Vec<usize> = (0..rows.len())
        .filter(|&i| !respect_held_out(&rows[i].id))
        .collect();
    let held: Vec<usize> = (0..rows.len())
        .filter(|&i| respect_held_out(&rows[i].id))
        .collect();
    let folds: Vec<usize> = fit
        .iter()
        .map(|&i| fold_of(&rows[i].id, cfg.folds, cfg.seed))
        .collect();
    let y_fit: Vec<f64> = fit.iter().map(|&i| y[i]).collect();
    let y_held: Vec<f64> = held.iter().map(|&i| y[i]).collect();

    let mut report = String::new();
    let _ = writeln!(
        report,
        "respect: {} rows; fit part {} (FNV-1a 64(id) mod 5 != 0), held-out part {} (never fitted on)",
        rows.len(),
        fit.len(),
        held.len()
    );
    let _ = writeln!(
        report,
        "ridge on {N_FEATURES} named features, {}-fold CV Spearman on the fit part:",
        cfg.folds
    );
    let _ = writeln!(
        report,
        "features on the fit part: share of rows, Spearman with the score alone:"
    );
    for f in Feature::ALL {
        let v: Vec<f64> = fit.iter().map(|&i| x[i][*f as usize]).collect();
        let share = v.iter().filter(|&&a| a != 0.0).count() as f64 / v.len() as f64;
        let _ = writeln!(
            report,
            "  {:<22} {share:>6.3} {:>7.3}",
            f.name(),
            spearman(&v, &y_fit)
        );
    }
    let mut best = (f64::NEG_INFINITY, 0.0);
    for &lambda in &cfg.lambdas {
        let pred = cv_named(&x, &y, &fit, &folds, cfg.folds, lambda);
        let s = spearman(&pred, &y_fit);
        let _ = writeln!(report, "  lambda {lambda:>7}: {s:.4}");
        if s > best.0 {
            best = (s, lambda);
        }
    }
    let (cv, lambda) = best;
    let (bias, w) = ridge(&x, &y, &fit, lambda);
    let bias = round(bias);
    let mut wr = [0.0; N_FEATURES];
    for f in 0..N_FEATURES {
        wr[f] = round(w[f]);
    }
    let held_pred: Vec<f64> = held.iter().map(|&i| predict(bias, &wr, &x[i])).collect();
    let held_s = spearman(&held_pred, &y_held);
    let _ = writeln!(
        report,
        "chosen lambda {lambda}: CV Spearman (fit part) {cv:.3}; held-out Spearman (written weights) {held_s:.3}"
    );

    if let Some(bits) = cfg.ngram_bits {
        let dim = 1usize << bits;
        let g: Vec<Vec<u32>> = rows.iter().map(|r| ngrams(&r.text, bits)).collect();
        let _ = writeln!(
            report,
            "experiment: named features (lambda {lambda}) + word 1-2-grams in 2^{bits} buckets, CV Spearman on the fit part:"
        );
        let mut best_ng = (f64::NEG_INFINITY, 0.0);
        for &lng in &[3.0, 10.0, 30.0, 100.0, 300.0] {
            let mut pred = vec![0.0; fit.len()];
            for f in 0..cfg.folds {
                let train = outside_fold(&fit, &folds, f);
                let model = ridge_ngrams(&x, &g, &y, &train, dim, lambda, lng);
                for (j, (&i, &k)) in fit.iter().zip(&folds).enumerate() {
                    if k == f {
                        pred[j] = model(&x[i], &g[i]);
                    }
                }
            }
            let s = spearman(&pred, &y_fit);
            let _ = writeln!(report, "  n-gram lambda {lng:>5}: {s:.4}");
            if s > best_ng.0 {
                best_ng = (s, lng);
            }
        }
        let model = ridge_ngrams(&x, &g, &y, &fit, dim, lambda, best_ng.1);
        let p: Vec<f64> = held.iter().map(|&i| model(&x[i], &g[i])).collect();
        let _ = writeln!(
            report,
            "  best n-gram lambda {}: CV Spearman (fit part) {:.3}; held-out Spearman {:.3} (not written)",
            best_ng.1,
            best_ng.0,
            spearman(&p, &y_held)
        );
    }

    let mut tsv = String::new();
    let _ = writeln!(
        tsv,
        "# Respect weights: ridge regression (lambda {lambda}, features standardised while fitting, each weight of the\n\
         # sign politeness theory gives its feature or 0) of the politeness z-score on the named features of\n\
         # src/reply/respect.rs; score = <bias> + sum of weight * value.\n\
         # Data: Stanford politeness corpus, Stack Exchange requests ({RESPECT_FILE}), CC BY 4.0;\n\
         # Danescu-Niculescu-Mizil et al. (2013), A computational approach to politeness with application to\n\
         # social factors, ACL. Fitted on the {} rows with FNV-1a 64(id) mod 5 != 0.\n\
         # Spearman: {cv:.3} cross-validated on the fit part ({}-fold), {held_s:.3} on the {} held-out rows (never fitted on).\n\
         # Written by: cargo run --release --features train --bin krisenradar-train -- respect --data ../shared/data --out src/reply/respect_weights.tsv",
        fit.len(),
        cfg.folds,
        held.len()
    );
    let _ = writeln!(tsv, "{BIAS}\t{bias:.DECIMALS$}");
    for f in Feature::ALL {
        let _ = writeln!(tsv, "{}\t{:.DECIMALS$}", f.name(), wr[*f as usize]);
    }
    let weights = crate::reply::respect::parse_weights(&tsv)?;
    Ok(RespectFit {
        tsv,
        weights,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_handles_ties_and_order() {
        assert!((spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        assert_eq!(ranks(&[5.0, 1.0, 5.0]), vec![2.5, 1.0, 2.5]);
    }

    #[test]
    fn ridge_recovers_a_linear_rule_and_keeps_the_expected_signs() {
        let (a, b, c) = (
            Feature::Length as usize,
            Feature::Questions as usize,
            Feature::Gratitude as usize,
        );
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..200 {
            let mut r = [0.0; N_FEATURES];
            r[a] = (i % 2) as f64;
            r[b] = ((i / 2) % 3) as f64;
            r[c] = ((i / 6) % 2) as f64;
            x.push(r);
            // gratitude pulls the wrong way here: the fit must leave it out
            y.push(1.0 + 2.0 * r[a] - 0.5 * r[b] - 0.3 * r[c]);
        }
        let sel: Vec<usize> = (0..200).collect();
        let (_, w) = ridge(&x, &y, &sel, 1e-6);
        assert!(
            (w[a] - 2.0).abs() < 0.05 && (w[b] + 0.5).abs() < 0.05,
            "{w:?}"
        );
        assert_eq!(w[c], 0.0);
        let (bias, w) = ridge_masked(&x, &y, &sel, 1e-6, &[false; N_FEATURES]);
        assert!((bias - 1.0).abs() < 1e-3 && (w[c] + 0.3).abs() < 1e-3);
    }
}
