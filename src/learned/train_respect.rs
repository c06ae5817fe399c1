//! Fits the respect weights (`src/reply/respect_weights.tsv`) on openly licensed training data.
//!
//! * Data: `train/en-goemotions-train.jsonl` (Reddit comments with the emotions their readers saw in them,
//!   GoEmotions, CC BY 4.0). Politeness is the regard a writer shows the reader; the emotions that carry it
//!   are the target (`EMOTION_RESPECT`: thanks, care, praise and apology up, anger, annoyance, disgust and
//!   disapproval down, everything else 0; a comment with several emotions gets their mean).
//! * Model: ridge regression of that target on the named features of `crate::reply::respect`, shrunk
//!   toward the weights politeness theory gives them (`Feature::prior`) rather than toward 0, closed form:
//!   the cues the comments show often (thanks, praise, negative words) are learned, the rare ones (indirect
//!   requests, orders) keep about their prior; a feature whose weight comes out against its expected sign
//!   (`Feature::expected_sign`) is left out and the rest refitted. The prior's strength is fixed
//!   (`PRIOR_STRENGTH`); the report prints the 5-fold cross-validated Spearman (folds
//!   `FNV-1a 64(seed ‖ id) mod 5`) for it and for other strengths; the written weights are fitted on all
//!   rows.
//! * Measured, never fitted on: when the data folder also holds the Stack Exchange politeness ratings
//!   (`MEASURE_FILE`, licensed for measuring), the report prints the written weights' Spearman against them.
//!   Nothing is chosen by it.
//! * Deterministic: fixed row order, hashed folds, one thread; the written file holds rounded weights and
//!   the figures, so retraining gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use super::features::{fnv1a, fnv1a_extend};
use crate::model::Lang;
use crate::reply::respect::{BIAS, Feature, N_FEATURES, Weights, cues_of, vector};

/// The training file, relative to the data folder.
pub const RESPECT_FILE: &str = "train/en-goemotions-train.jsonl";

/// Human politeness ratings of Stack Exchange requests, relative to the data folder: only measured.
pub const MEASURE_FILE: &str = "replies/en-politeness-stackexchange-dev.jsonl";

/// What each GoEmotions emotion says about the regard for the reader (the target is the mean over a
/// comment's emotions; emotions not listed count 0: neutral, curiosity, joy, sadness …). Set from what the
/// emotions mean, not fitted: gratitude and caring are the politeness of thanks and concern, admiration
/// the politeness of praise, remorse an apology, approval agreeing with the reader; anger, disgust and
/// annoyance turned on the reader are the opposite, disapproval a milder form of it.
pub const EMOTION_RESPECT: &[(&str, f64)] = &[
    ("gratitude", 1.0),
    ("caring", 1.0),
    ("admiration", 0.75),
    ("remorse", 0.75),
    ("approval", 0.5),
    ("love", 0.25),
    ("optimism", 0.25),
    ("disapproval", -0.5),
    ("annoyance", -0.75),
    ("anger", -1.0),
    ("disgust", -1.0),
];

/// The strength of the prior (the ridge penalty on raw weights, sums over about 36,000 rows): a cue must be
/// seen on about this many comments before the comments outweigh politeness theory. Fixed, not chosen by
/// cross-validation: the comments are Reddit talk, not requests or replies, so cross-validation on them
/// rewards forgetting the prior for the cues replies need (orders, indirect requests, please), which
/// those comments hardly show (it prefers λ = 1; the report prints the curve).
pub const PRIOR_STRENGTH: f64 = 1000.0;

/// Ridge strengths whose cross-validated Spearman the report prints.
pub const LAMBDAS: [f64; 6] = [1.0, 10.0, 100.0, 300.0, 1000.0, 3000.0];

/// Decimals of the written weights.
const DECIMALS: usize = 4;

/// How the weights are fitted.
#[derive(Clone, Debug)]
pub struct RespectConfig {
    pub folds: usize,
    pub seed: u64,
    /// The ridge strength of the written weights.
    pub lambda: f64,
    /// The ridge strengths whose cross-validated Spearman is printed.
    pub lambdas: Vec<f64>,
}

impl Default for RespectConfig {
    fn default() -> Self {
        RespectConfig {
            folds: 5,
            seed: 20_260_101,
            lambda: PRIOR_STRENGTH,
            lambdas: LAMBDAS.to_vec(),
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

fn fold_of(id: &str, folds: usize, seed: u64) -> usize {
    (fnv1a_extend(fnv1a(&seed.to_le_bytes()), id.as_bytes()) % folds as u64) as usize
}

/// The respect target of a comment's emotions: the mean of their `EMOTION_RESPECT` values.
pub fn emotion_target(emotions: &[&str]) -> f64 {
    if emotions.is_empty() {
        return 0.0;
    }
    let sum: f64 = emotions
        .iter()
        .map(|e| {
            EMOTION_RESPECT
                .iter()
                .find(|(name, _)| name == e)
                .map_or(0.0, |(_, v)| *v)
        })
        .sum();
    sum / emotions.len() as f64
}

/// Reads a JSON Lines file into rows whose target `target` takes from each object (rows it gives
/// nothing for are skipped), in file order.
fn load_rows(
    path: &Path,
    target: impl Fn(&serde_json::Value) -> Option<f64>,
) -> Result<Vec<RespectRow>, String> {
    let contents = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
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
            target(&v),
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

/// The training rows: GoEmotions comments with their emotion target.
pub fn load_respect_rows(data: &Path) -> Result<Vec<RespectRow>, String> {
    load_rows(&data.join(RESPECT_FILE), |v| {
        let emotions: Vec<&str> = v
            .get("meta")?
            .get("orig")?
            .as_array()?
            .iter()
            .filter_map(|e| e.as_str())
            .collect();
        Some(emotion_target(&emotions))
    })
}

/// The measuring rows: Stack Exchange requests with their politeness rating.
pub fn load_measure_rows(data: &Path) -> Result<Vec<RespectRow>, String> {
    load_rows(&data.join(MEASURE_FILE), |v| {
        v.get("labels")?.get("politeness")?.as_f64()
    })
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

/// Ridge regression toward the prior (`Feature::prior`) on the rows `sel`, with every feature's weight of
/// its expected sign or 0 (`Feature::expected_sign`): features whose weight comes out the wrong way are
/// left out and the rest refitted, until none is.
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

/// The prior weights (`Feature::prior`) as `f64`.
fn prior() -> Row {
    let mut p = [0.0; N_FEATURES];
    for f in Feature::ALL {
        p[*f as usize] = f64::from(f.prior());
    }
    p
}

/// The means of the features and of the target over the rows `sel`.
#[allow(clippy::needless_range_loop)]
fn means(x: &[Row], y: &[f64], sel: &[usize]) -> (Row, f64) {
    let n = sel.len() as f64;
    let mut mean = [0.0; N_FEATURES];
    let mut ym = 0.0;
    for &i in sel {
        ym += y[i] / n;
        for f in 0..N_FEATURES {
            mean[f] += x[i][f] / n;
        }
    }
    (mean, ym)
}

/// The rows of `fit` outside fold `k` (`folds` gives each fit row's fold).
fn outside_fold(fit: &[usize], folds: &[usize], k: usize) -> Vec<usize> {
    fit.iter()
        .zip(folds)
        .filter(|(_, g)| **g != k)
        .map(|(i, _)| *i)
        .collect()
}

/// Ridge regression on the rows `sel` with the penalty `lambda · Σ (w − prior)²` on the raw weights (a
/// feature seen on few rows stays near its prior, one seen on many follows the data), the features in
/// `off` left out (weight 0); the intercept is not penalised.
#[allow(clippy::needless_range_loop)]
fn ridge_masked(
    x: &[Row],
    y: &[f64],
    sel: &[usize],
    lambda: f64,
    off: &[bool; N_FEATURES],
) -> (f64, Row) {
    let (mean, ym) = means(x, y, sel);
    let mut w0 = prior();
    for f in 0..N_FEATURES {
        if off[f] {
            w0[f] = 0.0;
        }
    }
    let mut a = vec![vec![0.0; N_FEATURES]; N_FEATURES];
    let mut b = vec![0.0; N_FEATURES];
    for &i in sel {
        let z: Vec<f64> = (0..N_FEATURES)
            .map(|f| if off[f] { 0.0 } else { x[i][f] - mean[f] })
            .collect();
        let r = y[i] - ym - z.iter().zip(&w0).map(|(a, b)| a * b).sum::<f64>();
        for p in 0..N_FEATURES {
            b[p] += z[p] * r;
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
    let d = solve_spd(a, &b);
    let mut raw = [0.0; N_FEATURES];
    let mut bias = ym;
    for f in 0..N_FEATURES {
        raw[f] = if off[f] { 0.0 } else { w0[f] + d[f] };
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

fn round(w: f64) -> f64 {
    let m = 10f64.powi(DECIMALS as i32);
    let r = (w * m).round() / m;
    if r == 0.0 { 0.0 } else { r }
}

/// The feature vector of a row, as `f64`.
fn features_of(r: &RespectRow) -> Row {
    let v = vector(&cues_of(&r.text, r.lang));
    let mut out = [0.0; N_FEATURES];
    for (o, f) in out.iter_mut().zip(v) {
        *o = f64::from(f);
    }
    out
}

/// Fits the weights and writes the report; see the module documentation.
pub fn train_respect(data: &Path, cfg: &RespectConfig) -> Result<RespectFit, String> {
    let rows = load_respect_rows(data)?;
    if rows.is_empty() {
        return Err(format!("{RESPECT_FILE}: no rows"));
    }
    let x: Vec<Row> = rows.iter().map(features_of).collect();
    let y: Vec<f64> = rows.iter().map(|r| r.y).collect();
    let all: Vec<usize> = (0..rows.len()).collect();
    let folds: Vec<usize> = rows
        .iter()
        .map(|r| fold_of(&r.id, cfg.folds, cfg.seed))
        .collect();

    let mut report = String::new();
    let nonzero = y.iter().filter(|&&v| v != 0.0).count();
    let _ = writeln!(
        report,
        "respect: {} rows of {RESPECT_FILE} ({nonzero} with a non-zero emotion target)",
        rows.len()
    );
    let _ = writeln!(
        report,
        "features: share of rows, Spearman with the target alone:"
    );
    for f in Feature::ALL {
        let v: Vec<f64> = x.iter().map(|r| r[*f as usize]).collect();
        let share = v.iter().filter(|&&a| a != 0.0).count() as f64 / v.len() as f64;
        let _ = writeln!(
            report,
            "  {:<22} {share:>6.3} {:>7.3}",
            f.name(),
            spearman(&v, &y)
        );
    }
    let _ = writeln!(
        report,
        "ridge on {N_FEATURES} named features, {}-fold CV Spearman:",
        cfg.folds
    );
    let cv_at = |lambda: f64| spearman(&cv_named(&x, &y, &all, &folds, cfg.folds, lambda), &y);
    let mut cv = None;
    for &lambda in &cfg.lambdas {
        let s = cv_at(lambda);
        let _ = writeln!(report, "  lambda {lambda:>7}: {s:.4}");
        if lambda == cfg.lambda {
            cv = Some(s);
        }
    }
    // the written strength is on the printed curve by default; computed apart only when set otherwise
    let lambda = cfg.lambda;
    let cv = cv.unwrap_or_else(|| cv_at(lambda));
    let (bias, w) = ridge(&x, &y, &all, lambda);
    let bias = round(bias);
    let mut wr = [0.0; N_FEATURES];
    for f in 0..N_FEATURES {
        wr[f] = round(w[f]);
    }
    let _ = writeln!(
        report,
        "written: lambda {lambda} (the prior's strength, fixed): CV Spearman {cv:.3}; weights fitted on all {} rows",
        rows.len()
    );
    if data.join(MEASURE_FILE).is_file() {
        let m = load_measure_rows(data)?;
        let pred: Vec<f64> = m
            .iter()
            .map(|r| predict(bias, &wr, &features_of(r)))
            .collect();
        let truth: Vec<f64> = m.iter().map(|r| r.y).collect();
        let _ = writeln!(
            report,
            "measured (never fitted on): Spearman {:.3} against the politeness ratings of the {} requests of {MEASURE_FILE}",
            spearman(&pred, &truth),
            m.len()
        );
    }

    let mut tsv = String::new();
    let _ = writeln!(
        tsv,
        "# Respect weights: ridge regression (lambda {lambda}, shrunk toward the prior politeness theory gives each\n\
         # feature, Feature::prior, each weight of the prior's sign or 0) of the regard a comment shows its reader on the named\n\
         # features of src/reply/respect.rs; score = <bias> + sum of weight * value.\n\
         # Data: GoEmotions ({RESPECT_FILE}, {} Reddit comments), CC BY 4.0; Demszky et al. (2020),\n\
         # GoEmotions: A Dataset of Fine-Grained Emotions, ACL. Target: the mean over a comment's emotions of\n\
         # EMOTION_RESPECT in src/learned/train_respect.rs (thanks, care, praise, apology up; anger, annoyance,\n\
         # disgust, disapproval down). Spearman {cv:.3} cross-validated ({}-fold).\n\
         # Written by: cargo run --release --features train --bin krisenradar-train -- respect --data ../shared/data --out src/reply/respect_weights.tsv",
        rows.len(),
        cfg.folds,
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
    fn emotion_target_is_the_mean_over_the_emotions() {
        assert_eq!(emotion_target(&["gratitude"]), 1.0);
        assert_eq!(emotion_target(&["anger", "neutral"]), -0.5);
        assert_eq!(emotion_target(&["curiosity"]), 0.0);
        assert_eq!(emotion_target(&[]), 0.0);
    }

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
        // a feature the rows never show keeps its prior; a strong penalty keeps every weight there
        let apology = Feature::Apology as usize;
        assert!((w[apology] - f64::from(Feature::Apology.prior())).abs() < 1e-9);
        let (_, w) = ridge_masked(&x, &y, &sel, 1e12, &[false; N_FEATURES]);
        for f in Feature::ALL {
            assert!(
                (w[*f as usize] - f64::from(f.prior())).abs() < 1e-3,
                "{f:?}"
            );
        }
    }
}
