//! Training of the learned heads (feature `train`, native only). The `krisenradar-train` binary is a thin
//! wrapper around [`train_identity`] and [`holdout_jsonl`].
//!
//! Deterministic by construction: files are read in a fixed order, rows keep their file order, the folds and
//! the held-back split are hashes of the row ids, the epochs visit the rows in a seeded shuffle (SplitMix64,
//! Fisher–Yates), and everything runs on one thread in a fixed order — the same data and settings give
//! byte-identical blobs.
//!
//! * Held back: rows whose `FNV-1a 64(id) mod 10 == 0` (about 10 %) are never trained on, neither in the
//!   cross-validation nor in the shipped model.
//! * Model: logistic regression over the presence of hashed features ([`super::features`]), fitted by
//!   FTRL-Proximal (per-coordinate adaptive steps; L1 and L2 applied in closed form, which makes the weights
//!   sparse), positive and negative rows weighted `N / (2 · N_class)`.
//! * Compression: the `top_n` largest weights by magnitude are kept (ties: lower bucket first) and
//!   quantised to int8 with `scale = max |w| / 127`; weights that round to 0 are dropped.
//! * Cross-validation: 5 folds (`FNV-1a 64(seed ‖ id) mod 5`) over the rows not held back; each fold's model
//!   is compressed exactly like the shipped one and scores its fold (out of fold). The shipped Platt
//!   calibration `(a, b)` is fitted on all out-of-fold logits. For the reported metrics every fold is
//!   calibrated with a Platt fit on the other folds' out-of-fold logits, and the "tuned" threshold is the
//!   macro-F1-best threshold on the other folds, so no reported number has seen its own fold's labels.

use std::fmt::Write as _;
use std::path::Path;

use super::features::{Extractor, FeatureConfig, fnv1a, fnv1a_extend};
use super::{Head, VERSION};
use crate::model::Lang;

/// Training files of the identity-attack head per language, relative to the data folder.
pub const IDENTITY_DE: &[&str] = &[
    "train/de-gahd-train.jsonl",
    "train/de-iwg-refugees-train.jsonl",
];
/// See [`IDENTITY_DE`].
pub const IDENTITY_EN: &[&str] = &[
    "train/en-tweeteval-hate-train.jsonl",
    "train/en-stormfront-train.jsonl",
    "train/en-davidson2017-train.jsonl",
    "train/en-toxicspans-train.jsonl",
];

/// Training files of the offence head per language: GermEval 2018 train (CC BY 4.0), the only German file
/// labelled for offence that may be trained on, and GAHD (CC BY 4.0), labelled for hate (see
/// [`HeadKind::read_label`]).
pub const OFFENCE_DE: &[&str] = &["de-germeval2018-train.jsonl", "train/de-gahd-train.jsonl"];
/// See [`OFFENCE_DE`]. Toxic Spans holds toxic comments only; the other two bring the negatives.
pub const OFFENCE_EN: &[&str] = &[
    "train/en-tweeteval-offensive-train.jsonl",
    "train/en-davidson2017-train.jsonl",
    "train/en-toxicspans-train.jsonl",
];

/// Training files of the polarity heads: German tweets (Potts, MIT).
pub const POLARITY_DE: &[&str] = &["train/de-potts-train.jsonl"];
/// See [`POLARITY_DE`]: SemEval 2017 tweets (without the TweetEval validation tweets) and GoEmotions Reddit
/// comments (CC BY 4.0).
pub const POLARITY_EN: &[&str] = &[
    "train/en-semeval2017-sentiment-train.jsonl",
    "train/en-goemotions-train.jsonl",
];

/// The identity-attack training files for `lang` (empty for [`Lang::Other`]).
pub fn identity_files(lang: Lang) -> &'static [&'static str] {
    HeadKind::Identity.files(lang)
}

/// Which head is trained: its files, its label and how rows are split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadKind {
    /// Hate aimed at a group (`labels.identity_attack`). Folds and held-back rows by row id.
    Identity,
    /// Offensive, insulting or profane (`labels.toxic`). Folds and held-back rows by the text itself, so a
    /// text that occurs twice never sits on both sides of a split, and the fold of any text can be found
    /// again at scoring time ([`super::oof`]).
    Offence,
    /// Negative polarity (`labels.polarity == "negative"` against positive and neutral). Split by text.
    Negative,
    /// Positive polarity (`labels.polarity == "positive"` against negative and neutral). Split by text.
    Positive,
}

impl HeadKind {
    /// The name used in file names and tables: `identity`, `offence`.
    pub fn name(self) -> &'static str {
        match self {
            HeadKind::Identity => "identity",
            HeadKind::Offence => "offence",
            HeadKind::Negative => "negative",
            HeadKind::Positive => "positive",
        }
    }
    /// The label the head learns (boolean, or for polarity the class compared with [`HeadKind::name`]).
    pub fn label(self) -> &'static str {
        match self {
            HeadKind::Identity => "identity_attack",
            HeadKind::Offence => "toxic",
            HeadKind::Negative | HeadKind::Positive => "polarity",
        }
    }
    /// The row's label for this head from its `labels` object: the boolean itself, or "the polarity is this
    /// class". For offence, a file labelled for hate only (GAHD) counts hate as offensive: hate is offensive
    /// language (docs/learning.md says how this file was chosen).
    fn read_label(self, labels: &serde_json::Value) -> Option<bool> {
        let v = labels.get(self.label());
        match self {
            HeadKind::Identity => v?.as_bool(),
            HeadKind::Offence => match v {
                Some(v) => v.as_bool(),
                None => labels.get("identity_attack")?.as_bool(),
            },
            HeadKind::Negative | HeadKind::Positive => v?.as_str().map(|c| c == self.name()),
        }
    }
    /// The training files for `lang` (empty for [`Lang::Other`]).
    pub fn files(self, lang: Lang) -> &'static [&'static str] {
        match (self, lang) {
            (HeadKind::Identity, Lang::De) => IDENTITY_DE,
            (HeadKind::Identity, Lang::En) => IDENTITY_EN,
            (HeadKind::Offence, Lang::De) => OFFENCE_DE,
            (HeadKind::Offence, Lang::En) => OFFENCE_EN,
            (HeadKind::Negative | HeadKind::Positive, Lang::De) => POLARITY_DE,
            (HeadKind::Negative | HeadKind::Positive, Lang::En) => POLARITY_EN,
            (_, Lang::Other) => &[],
        }
    }
    /// The file (index into [`HeadKind::files`]) the combination with the rules is fitted on: one whose
    /// rate of positive rows is that of a stream of comments (about a third offensive in GermEval 2018 and
    /// TweetEval), so that a probability means the same in both languages. Davidson and Toxic Spans hold 83 %
    /// and 100 % offensive rows: they teach the head words, not rates.
    pub fn calibration_file(self) -> usize {
        0
    }
    /// The string a row's fold and held-back membership are hashed from.
    fn key(self, row: &Row) -> &str {
        match self {
            HeadKind::Identity => &row.id,
            HeadKind::Offence | HeadKind::Negative | HeadKind::Positive => &row.text,
        }
    }
}

/// One labelled row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub text: String,
    pub label: bool,
    /// Index into the file list it came from.
    pub file: usize,
}

/// True for the rows that are never trained on: `FNV-1a 64(id) mod 10 == 0`.
pub fn held_back(id: &str) -> bool {
    fnv1a(id.as_bytes()).is_multiple_of(10)
}

/// The cross-validation fold of a row key: `FNV-1a 64(seed ‖ key) mod folds`.
pub fn fold_of(id: &str, folds: usize, seed: u64) -> usize {
    (fnv1a_extend(fnv1a(&seed.to_le_bytes()), id.as_bytes()) % folds as u64) as usize
}

/// Reads the rows of `files` (in order) that carry a boolean `labels.<label>`; rows where it is missing or
/// null are skipped.
pub fn load_rows(data: &Path, files: &[&str], label: &str) -> Result<Vec<Row>, String> {
    load_rows_by(data, files, |labels| labels.get(label)?.as_bool())
}

/// [`load_rows`] with the label read from a row's `labels` object by `read` (None skips the row).
pub fn load_rows_by(
    data: &Path,
    files: &[&str],
    read: impl Fn(&serde_json::Value) -> Option<bool>,
) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (fi, name) in files.iter().enumerate() {
        let path = data.join(name);
        let contents =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (ln, line) in contents.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), ln + 1))?;
            let Some(y) = v.get("labels").and_then(&read) else {
                continue;
            };
            let (Some(id), Some(text)) = (
                v.get("id").and_then(|x| x.as_str()),
                v.get("text").and_then(|x| x.as_str()),
            ) else {
                return Err(format!("{}:{}: no id or text", path.display(), ln + 1));
            };
            rows.push(Row {
                id: id.to_string(),
                text: text.to_string(),
                label: y,
                file: fi,
            });
        }
    }
    Ok(rows)
}

/// The held-back rows of the identity-attack files for `lang` as JSONL, one `{"text": …}` per line.
pub fn holdout_jsonl(
    data: &Path,
    lang: Lang,
    label: &str,
    positive_only: bool,
) -> Result<String, String> {
    let kind = if label == HeadKind::Offence.label() {
        HeadKind::Offence
    } else {
        HeadKind::Identity
    };
    let files = kind.files(lang);
    if files.is_empty() {
        return Err(format!("no training files for language {}", lang.code()));
    }
    let mut out = String::new();
    for r in load_rows_by(data, files, |labels| kind.read_label(labels))? {
        if held_back(kind.key(&r)) && (r.label || !positive_only) {
            let text = serde_json::to_string(&r.text).map_err(|e| e.to_string())?;
            let _ = writeln!(out, "{{\"text\":{text}}}");
        }
    }
    Ok(out)
}

/// Settings of one training run. [`TrainConfig::identity`] gives the shipped settings.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    pub lang: Lang,
    pub features: FeatureConfig,
    pub epochs: u32,
    /// FTRL-Proximal learning rate α and β.
    pub alpha: f64,
    pub beta: f64,
    /// L1 and L2 strength.
    pub l1: f64,
    pub l2: f64,
    /// Most nonzero weights kept.
    pub top_n: usize,
    pub folds: usize,
    pub seed: u64,
}

impl TrainConfig {
    /// The settings of the shipped identity-attack heads.
    pub fn identity(lang: Lang) -> Self {
        Self {
            lang,
            features: FeatureConfig::default(),
            epochs: 5,
            alpha: 0.02,
            beta: 1.0,
            l1: 3.0,
            l2: 10.0,
            top_n: 20_000,
            folds: 5,
            seed: 20_260_101,
        }
    }

    /// The settings of the shipped offence heads.
    pub fn offence(lang: Lang) -> Self {
        Self::identity(lang)
    }

    /// The settings of the shipped polarity heads.
    pub fn polarity(lang: Lang) -> Self {
        Self::identity(lang)
    }
}

/// Out-of-fold metrics of one subset of rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Metrics {
    pub rows: usize,
    pub positives: usize,
    /// Macro-F1 at p ≥ 0.5 after calibration.
    pub macro_f1_cal: f64,
    /// Macro-F1 at the threshold that was best on the other folds.
    pub macro_f1_tuned: f64,
    pub auc: f64,
    /// Expected calibration error, 10 equal-width bins.
    pub ece: f64,
}

/// What a training run measured and made.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub kind: HeadKind,
    pub lang: Lang,
    pub config: TrainConfig,
    /// Rows with the label, rows held back.
    pub rows: usize,
    pub held_back: usize,
    /// Out of fold over all cross-validation rows, then per file.
    pub all: Metrics,
    pub per_file: Vec<(String, Metrics)>,
    /// The shipped head on the held-back rows (its "tuned" column is p ≥ 0.5 as well).
    pub held: Metrics,
    /// Mean nonzero weights of the fold models before pruning.
    pub nonzero_before_pruning: usize,
    pub nonzero: usize,
    pub blob_bytes: usize,
}

impl Report {
    /// A Markdown table of the report.
    pub fn table(&self) -> String {
        let c = &self.config;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{}/{}: {} rows with the label, {} held back, {}-fold CV on {} \
             (buckets 2^{}, bigrams {}, char n-grams {}, epochs {}, alpha {}, l1 {}, l2 {}, top-n {})",
            match self.kind {
                HeadKind::Negative | HeadKind::Positive => self.kind.name(),
                kind => kind.label(),
            },
            self.lang.code(),
            self.rows,
            self.held_back,
            c.folds,
            self.all.rows,
            c.features.bucket_bits,
            if c.features.bigrams { "on" } else { "off" },
            if c.features.char_min == 0 {
                "off".to_string()
            } else {
                format!("{}-{}", c.features.char_min, c.features.char_max)
            },
            c.epochs,
            c.alpha,
            c.l1,
            c.l2,
            c.top_n
        );
        s.push('\n');
        s.push_str(
            "| rows (out of fold) | n | positive | macro-F1 @0.5 calibrated | macro-F1 @tuned | ROC-AUC | ECE |\n",
        );
        s.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        let mut line = |name: &str, m: &Metrics| {
            let _ = writeln!(
                s,
                "| {name} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                m.rows, m.positives, m.macro_f1_cal, m.macro_f1_tuned, m.auc, m.ece
            );
        };
        line("all", &self.all);
        for (f, m) in &self.per_file {
            line(f, m);
        }
        line("held back, shipped head", &self.held);
        let _ = writeln!(
            s,
            "\nnonzero weights: {} before pruning (mean over folds), {} shipped; blob {} bytes",
            self.nonzero_before_pruning, self.nonzero, self.blob_bytes
        );
        s
    }
}

/// A trained head: the blob to ship, the parsed head and the measurements.
#[derive(Clone, Debug)]
pub struct Trained {
    pub blob: Vec<u8>,
    pub head: Head,
    pub report: Report,
    /// The fold models (fold `k` never saw the rows of fold `k`), calibrated like the shipped head: for
    /// out-of-fold scoring of the training files themselves ([`super::oof`]).
    pub fold_blobs: Vec<Vec<u8>>,
    /// Out-of-fold calibrated probabilities of the cross-validation rows.
    pub oof: Vec<OofRow>,
    /// The training files, as given.
    pub files: Vec<String>,
}

/// One cross-validation row with its out-of-fold probability.
#[derive(Clone, Debug, PartialEq)]
pub struct OofRow {
    /// The row's split key (its id or its text, see [`HeadKind`]).
    pub key: String,
    pub text: String,
    pub p: f64,
    pub label: bool,
    /// Index into [`Trained::files`].
    pub file: usize,
    pub fold: usize,
}

struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        // n is far below 2^32: the modulo bias is negligible and, above all, deterministic
        (self.next() % n as u64) as usize
    }
}

#[inline]
fn sigmoid64(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-35.0, 35.0)).exp())
}

#[inline]
fn ftrl_weight(z: f64, n: f64, cfg: &TrainConfig) -> f64 {
    if z.abs() <= cfg.l1 {
        0.0
    } else {
        -(z - z.signum() * cfg.l1) / ((cfg.beta + n.sqrt()) / cfg.alpha + cfg.l2)
    }
}

/// Fits the model on the rows `idx` of `docs`; returns the dense weights and the bias.
fn fit(
    docs: &[Vec<u32>],
    y: &[bool],
    idx: &[usize],
    cfg: &TrainConfig,
    fold: u64,
) -> (Vec<f64>, f64) {
    let dims = cfg.features.buckets() as usize;
    let (mut z, mut n) = (vec![0.0f64; dims], vec![0.0f64; dims]);
    let (mut bz, mut bn) = (0.0f64, 0.0f64);
    let pos = idx.iter().filter(|&&i| y[i]).count().max(1) as f64;
    let neg = (idx.len() as f64 - pos).max(1.0);
    let total = idx.len() as f64;
    let (w_pos, w_neg) = (total / (2.0 * pos), total / (2.0 * neg));
    let mut order: Vec<usize> = idx.to_vec();
    let mut rng = SplitMix64(cfg.seed ^ fold.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let mut ws: Vec<f64> = Vec::new();
    for _ in 0..cfg.epochs {
        for k in (1..order.len()).rev() {
            let j = rng.below(k + 1);
            order.swap(k, j);
        }
        for &d in &order {
            let x = &docs[d];
            ws.clear();
            let bias = -bz / ((cfg.beta + bn.sqrt()) / cfg.alpha);
            let mut s = bias;
            for &i in x {
                let w = ftrl_weight(z[i as usize], n[i as usize], cfg);
                ws.push(w);
                s += w;
            }
            let p = sigmoid64(s);
            let g = (p - if y[d] { 1.0 } else { 0.0 }) * if y[d] { w_pos } else { w_neg };
            let g2 = g * g;
            for (&i, &w) in x.iter().zip(&ws) {
                let i = i as usize;
                let sigma = ((n[i] + g2).sqrt() - n[i].sqrt()) / cfg.alpha;
                z[i] += g - sigma * w;
                n[i] += g2;
            }
            let sigma = ((bn + g2).sqrt() - bn.sqrt()) / cfg.alpha;
            bz += g - sigma * bias;
            bn += g2;
        }
    }
    let w = z
        .iter()
        .zip(&n)
        .map(|(&z, &n)| ftrl_weight(z, n, cfg))
        .collect();
    (w, -bz / ((cfg.beta + bn.sqrt()) / cfg.alpha))
}

/// Keeps the `top_n` largest weights and quantises them to int8.
fn compress(w: &[f64], bias: f64, cfg: &TrainConfig) -> Head {
    let mut nz: Vec<(u32, f64)> = w
        .iter()
        .enumerate()
        .filter(|(_, w)| **w != 0.0)
        .map(|(i, &w)| (i as u32, w))
        .collect();
    nz.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(&b.0)));
    nz.truncate(cfg.top_n);
    let max = nz.first().map_or(0.0, |x| x.1.abs());
    let scale = if max > 0.0 { (max / 127.0) as f32 } else { 1.0 };
    let mut kept: Vec<(u32, i8)> = nz
        .iter()
        .map(|&(b, w)| (b, (w / f64::from(scale)).round().clamp(-127.0, 127.0) as i8))
        .filter(|&(_, q)| q != 0)
        .collect();
    kept.sort_unstable_by_key(|&(b, _)| b);
    Head {
        lang: cfg.lang,
        config: cfg.features,
        scale,
        bias: bias as f32,
        platt_a: 1.0,
        platt_b: 0.0,
        buckets: kept.iter().map(|&(b, _)| b).collect(),
        weights: kept.iter().map(|&(_, q)| q).collect(),
    }
}

/// Platt scaling: `(a, b)` minimising the log loss of `sigmoid(a·z + b)` against Platt's smoothed targets,
/// by Newton's method with step halving.
pub fn platt(z: &[f64], y: &[bool]) -> (f64, f64) {
    let pos = y.iter().filter(|&&v| v).count() as f64;
    let neg = y.len() as f64 - pos;
    let (t1, t0) = ((pos + 1.0) / (pos + 2.0), 1.0 / (neg + 2.0));
    let loss = |a: f64, b: f64| -> f64 {
        z.iter()
            .zip(y)
            .map(|(&z, &y)| {
                let t = if y { t1 } else { t0 };
                let s = a * z + b;
                // log(1 + e^s) - t·s, stably
                let softplus = if s > 0.0 {
                    s + (-s).exp().ln_1p()
                } else {
                    s.exp().ln_1p()
                };
                softplus - t * s
            })
            .sum()
    };
    let (mut a, mut b) = (1.0f64, 0.0f64);
    let mut current = loss(a, b);
    for _ in 0..100 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-9, 0.0, 1e-9);
        for (&z, &y) in z.iter().zip(y) {
            let t = if y { t1 } else { t0 };
            let p = sigmoid64(a * z + b);
            let d = p - t;
            let h = p * (1.0 - p);
            ga += d * z;
            gb += d;
            haa += h * z * z;
            hab += h * z;
            hbb += h;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-18 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        let mut step = 1.0;
        let mut improved = false;
        while step > 1e-6 {
            let (na, nb) = (a - step * da, b - step * db);
            let l = loss(na, nb);
            if l < current {
                a = na;
                b = nb;
                improved = current - l > 1e-10 * current.abs().max(1.0);
                current = l;
                break;
            }
            step *= 0.5;
        }
        if !improved {
            break;
        }
    }
    (a, b)
}

/// ROC-AUC with ties counted half.
pub fn auc(scores: &[f64], y: &[bool]) -> f64 {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    idx.sort_by(|&i, &j| scores[i].total_cmp(&scores[j]).then(i.cmp(&j)));
    let (mut rank_sum, mut k) = (0.0f64, 0usize);
    while k < idx.len() {
        let mut e = k;
        while e + 1 < idx.len() && scores[idx[e + 1]] == scores[idx[k]] {
            e += 1;
        }
        let avg = (k + e) as f64 / 2.0 + 1.0;
        for &i in &idx[k..=e] {
            if y[i] {
                rank_sum += avg;
            }
        }
        k = e + 1;
    }
    let pos = y.iter().filter(|&&v| v).count() as f64;
    let neg = y.len() as f64 - pos;
    if pos == 0.0 || neg == 0.0 {
        return f64::NAN;
    }
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// Macro-F1 (mean of the F1 of both classes) of `p ≥ t`.
pub fn macro_f1(p: &[f64], y: &[bool], t: f64) -> f64 {
    let (mut tp, mut fp, mut tn, mut fn_) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (&p, &y) in p.iter().zip(y) {
        match (p >= t, y) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, false) => tn += 1.0,
            (false, true) => fn_ += 1.0,
        }
    }
    let f1 = |tp: f64, fp: f64, fn_: f64| {
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    };
    (f1(tp, fp, fn_) + f1(tn, fn_, fp)) / 2.0
}

/// Expected calibration error over 10 equal-width bins.
pub fn ece(p: &[f64], y: &[bool]) -> f64 {
    let mut bins = [(0.0f64, 0.0f64, 0.0f64); 10];
    for (&p, &y) in p.iter().zip(y) {
        let b = ((p * 10.0) as usize).min(9);
        bins[b].0 += 1.0;
        bins[b].1 += p;
        bins[b].2 += if y { 1.0 } else { 0.0 };
    }
    let n = p.len().max(1) as f64;
    bins.iter()
        .filter(|b| b.0 > 0.0)
        .map(|&(c, sp, sy)| (c / n) * (sp / c - sy / c).abs())
        .sum()
}

/// The threshold whose macro-F1, averaged with its neighbours [`THRESHOLD_SMOOTHING`] steps of 0.01 either side,
/// is best: the middle of a broad optimum rather than a lucky spike, so a small change of the inputs does not
/// move it far.
fn best_threshold(p: &[f64], y: &[bool]) -> f64 {
    let f: Vec<f64> = (0..=100)
        .map(|k| macro_f1(p, y, f64::from(k) / 100.0))
        .collect();
    let mut best = (f64::MIN, 0.5);
    for k in 1..100usize {
        let (lo, hi) = (
            k.saturating_sub(THRESHOLD_SMOOTHING).max(1),
            (k + THRESHOLD_SMOOTHING).min(99),
        );
        let smooth = f[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64;
        if smooth > best.0 {
            best = (smooth, k as f64 / 100.0);
        }
    }
    best.1
}

/// Steps of 0.01 on either side that [`best_threshold`] averages over.
const THRESHOLD_SMOOTHING: usize = 2;

fn metrics(logit: &[f64], p: &[f64], tuned: &[bool], y: &[bool], sel: &[usize]) -> Metrics {
    let pick = |v: &[f64]| sel.iter().map(|&i| v[i]).collect::<Vec<f64>>();
    let ys: Vec<bool> = sel.iter().map(|&i| y[i]).collect();
    let ps = pick(p);
    let tuned_p: Vec<f64> = sel
        .iter()
        .map(|&i| if tuned[i] { 1.0 } else { 0.0 })
        .collect();
    Metrics {
        rows: sel.len(),
        positives: ys.iter().filter(|&&v| v).count(),
        macro_f1_cal: macro_f1(&ps, &ys, 0.5),
        macro_f1_tuned: macro_f1(&tuned_p, &ys, 0.5),
        auc: auc(&pick(logit), &ys),
        ece: ece(&ps, &ys),
    }
}

/// Trains the identity-attack head for `cfg.lang` on the licensed files under `data`, with 5-fold
/// cross-validation on the rows not held back; returns the blob to ship and the report.
pub fn train_identity(data: &Path, cfg: &TrainConfig) -> Result<Trained, String> {
    train_head(data, HeadKind::Identity, cfg)
}

/// Trains the head `kind` for `cfg.lang` on its licensed files under `data`, with cross-validation on the
/// rows not held back; returns the blob to ship, the fold models and the report.
pub fn train_head(data: &Path, kind: HeadKind, cfg: &TrainConfig) -> Result<Trained, String> {
    train_head_on(data, kind, cfg, &[])
}

/// [`train_head`] on `files` instead of the head's own (when not empty): for experiments.
pub fn train_head_on(
    data: &Path,
    kind: HeadKind,
    cfg: &TrainConfig,
    files: &[&str],
) -> Result<Trained, String> {
    let files = if files.is_empty() {
        kind.files(cfg.lang)
    } else {
        files
    };
    if files.is_empty() {
        return Err(format!(
            "no {} training data for this language",
            kind.label()
        ));
    }
    if !cfg.features.is_valid() || cfg.folds < 2 || cfg.alpha <= 0.0 {
        return Err("invalid training settings".into());
    }
    let all_rows = load_rows_by(data, files, |labels| kind.read_label(labels))?;
    let rows: Vec<&Row> = all_rows
        .iter()
        .filter(|r| !held_back(kind.key(r)))
        .collect();
    let mut ex = Extractor::new();
    let docs: Vec<Vec<u32>> = rows
        .iter()
        .map(|r| {
            let mut v = Vec::new();
            ex.distinct_buckets(&r.text, &cfg.features, &mut v);
            v
        })
        .collect();
    let y: Vec<bool> = rows.iter().map(|r| r.label).collect();
    let fold: Vec<usize> = rows
        .iter()
        .map(|r| fold_of(kind.key(r), cfg.folds, cfg.seed))
        .collect();

    // out-of-fold raw logits of the compressed fold models
    let mut logit = vec![0.0f64; rows.len()];
    let mut nonzero_sum = 0usize;
    let mut fold_heads = Vec::with_capacity(cfg.folds);
    for k in 0..cfg.folds {
        let train_idx: Vec<usize> = (0..rows.len()).filter(|&i| fold[i] != k).collect();
        let (w, b) = fit(&docs, &y, &train_idx, cfg, k as u64 + 1);
        nonzero_sum += w.iter().filter(|&&v| v != 0.0).count();
        let head = compress(&w, b, cfg);
        for i in (0..rows.len()).filter(|&i| fold[i] == k) {
            logit[i] = f64::from(head.logit_of_buckets(&docs[i]));
        }
        fold_heads.push(head);
    }
    // cross-fitted calibration and threshold for the reported metrics
    let mut p = vec![0.0f64; rows.len()];
    let mut tuned = vec![false; rows.len()];
    for k in 0..cfg.folds {
        let other: Vec<usize> = (0..rows.len()).filter(|&i| fold[i] != k).collect();
        let zo: Vec<f64> = other.iter().map(|&i| logit[i]).collect();
        let yo: Vec<bool> = other.iter().map(|&i| y[i]).collect();
        let (a, b) = platt(&zo, &yo);
        let po: Vec<f64> = zo.iter().map(|&z| sigmoid64(a * z + b)).collect();
        let t = best_threshold(&po, &yo);
        for i in (0..rows.len()).filter(|&i| fold[i] == k) {
            p[i] = sigmoid64(a * logit[i] + b);
            tuned[i] = p[i] >= t;
        }
    }
    let everything: Vec<usize> = (0..rows.len()).collect();
    let all = metrics(&logit, &p, &tuned, &y, &everything);
    let per_file = files
        .iter()
        .enumerate()
        .map(|(fi, name)| {
            let sel: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].file == fi).collect();
            let short = name.rsplit('/').next().unwrap_or(name).to_string();
            (short, metrics(&logit, &p, &tuned, &y, &sel))
        })
        .collect();

    // the shipped model: all rows not held back, calibrated on all out-of-fold logits
    let (w, b) = fit(&docs, &y, &everything, cfg, 0);
    let mut head = compress(&w, b, cfg);
    let (a, pb) = platt(&logit, &y);
    head.platt_a = a as f32;
    head.platt_b = pb as f32;
    let fold_blobs = fold_heads
        .into_iter()
        .map(|mut h| {
            h.platt_a = a as f32;
            h.platt_b = pb as f32;
            h.to_bytes()
        })
        .collect();
    let oof = rows
        .iter()
        .zip(&logit)
        .zip(&fold)
        .map(|((r, &z), &k)| OofRow {
            key: kind.key(r).to_string(),
            text: r.text.clone(),
            p: sigmoid64(a * z + pb),
            label: r.label,
            file: r.file,
            fold: k,
        })
        .collect();
    // the shipped head on the held-back rows (never trained on, nor calibrated on)
    let held: Vec<&Row> = all_rows.iter().filter(|r| held_back(kind.key(r))).collect();
    let mut buf = Vec::new();
    let held_logit: Vec<f64> = held
        .iter()
        .map(|r| {
            ex.distinct_buckets(&r.text, &cfg.features, &mut buf);
            f64::from(head.logit_of_buckets(&buf))
        })
        .collect();
    let held_p: Vec<f64> = held_logit
        .iter()
        .map(|&z| f64::from(head.calibrate(z as f32)))
        .collect();
    let held_y: Vec<bool> = held.iter().map(|r| r.label).collect();
    let held_tuned: Vec<bool> = held_p.iter().map(|&p| p >= 0.5).collect();
    let held_metrics = metrics(
        &held_logit,
        &held_p,
        &held_tuned,
        &held_y,
        &(0..held.len()).collect::<Vec<_>>(),
    );
    let blob = head.to_bytes();
    debug_assert_eq!(blob[4], VERSION);
    let report = Report {
        kind,
        lang: cfg.lang,
        config: cfg.clone(),
        rows: all_rows.len(),
        held_back: all_rows.len() - rows.len(),
        all,
        per_file,
        held: held_metrics,
        nonzero_before_pruning: nonzero_sum / cfg.folds,
        nonzero: head.buckets.len(),
        blob_bytes: blob.len(),
    };
    Ok(Trained {
        blob,
        head,
        report,
        fold_blobs,
        oof,
        files: files.iter().map(|f| f.to_string()).collect(),
    })
}

/// Logistic regression by Newton's method with a small ridge (`l2`) on every weight but the first (the
/// intercept column of ones): for the few named inputs of a combination.
pub fn logistic(x: &[Vec<f64>], y: &[bool], l2: f64) -> Vec<f64> {
    let d = x.first().map_or(0, Vec::len);
    let mut w = vec![0.0f64; d];
    for _ in 0..100 {
        let mut g = vec![0.0f64; d];
        let mut h = vec![vec![0.0f64; d]; d];
        for (xi, &yi) in x.iter().zip(y) {
            let z: f64 = xi.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = sigmoid64(z);
            let r = p - if yi { 1.0 } else { 0.0 };
            for i in 0..d {
                g[i] += r * xi[i];
                for j in 0..d {
                    h[i][j] += p * (1.0 - p) * xi[i] * xi[j];
                }
            }
        }
        for i in 1..d {
            g[i] += l2 * w[i];
            h[i][i] += l2;
        }
        h[0][0] += 1e-9;
        // solve h · step = g by Gaussian elimination with partial pivoting
        let mut a: Vec<Vec<f64>> = h
            .iter()
            .zip(&g)
            .map(|(row, &gi)| {
                let mut r = row.clone();
                r.push(gi);
                r
            })
            .collect();
        for c in 0..d {
            let piv = (c..d)
                .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
                .unwrap_or(c);
            a.swap(c, piv);
            if a[c][c].abs() < 1e-12 {
                return w;
            }
            let pivot = a[c].clone();
            for (r, row) in a.iter_mut().enumerate() {
                if r != c {
                    let f = row[c] / pivot[c];
                    for (x, p) in row[c..].iter_mut().zip(&pivot[c..]) {
                        *x -= f * p;
                    }
                }
            }
        }
        let step: Vec<f64> = (0..d).map(|i| a[i][d] / a[i][i]).collect();
        for (wi, si) in w.iter_mut().zip(&step) {
            *wi -= si;
        }
        if step.iter().all(|s| s.abs() < 1e-9) {
            break;
        }
    }
    w
}

/// [`logistic`] with the weights of the columns marked in `nonneg` kept ≥ 0: a column whose weight comes out
/// negative is left out (weight 0) and the rest refitted, until none does.
pub fn logistic_nonnegative(x: &[Vec<f64>], y: &[bool], l2: f64, nonneg: &[bool]) -> Vec<f64> {
    let d = x.first().map_or(0, Vec::len);
    let mut active: Vec<usize> = (0..d).collect();
    loop {
        let xa: Vec<Vec<f64>> = x
            .iter()
            .map(|xi| active.iter().map(|&j| xi[j]).collect())
            .collect();
        let wa = logistic(&xa, y, l2);
        let mut w = vec![0.0f64; d];
        for (&j, &v) in active.iter().zip(&wa) {
            w[j] = v;
        }
        let before = active.len();
        active.retain(|&j| !(nonneg.get(j).copied().unwrap_or(false) && w[j] < 0.0));
        if active.len() == before {
            return w;
        }
    }
}

/// The fitted combination of a head with the rules, and what it measured.
#[derive(Clone, Debug)]
pub struct Combination {
    pub combiner: super::combine::Combiner,
    pub table: String,
}

/// Fits the offence combination ([`super::combine`]) on the out-of-fold head probabilities of `trained` and
/// the rules' side of every row (`rule_side(text)`, read in the head's language), on the rows of the file
/// `calibrate_on` only (see [`HeadKind::calibration_file`]). Evidence of offence keeps a weight ≥ 0
/// ([`logistic_nonnegative`]). The reported figures are cross-fitted: each fold's combination and threshold
/// come from the other folds.
pub fn fit_combination(
    trained: &Trained,
    calibrate_on: usize,
    rule_side: impl Fn(&str) -> crate::analyze::toxicity::RuleSide,
) -> Combination {
    use super::combine::{RULE_INPUTS, rule_input_nonnegative};
    let rows: Vec<&OofRow> = trained
        .oof
        .iter()
        .filter(|r| r.file == calibrate_on)
        .collect();
    let full: Vec<_> = rows.iter().map(|r| rule_side(&r.text)).collect();
    let sides: Vec<(f64, bool)> = full.iter().map(|s| (f64::from(s.sum), s.toxic)).collect();
    let x: Vec<Vec<f64>> = rows
        .iter()
        .zip(&full)
        .map(|(r, side)| {
            let mut xi = vec![
                1.0,
                f64::from(super::combine::head_logit(r.p as f32)),
                f64::from(side.sum),
                if side.toxic { 1.0 } else { 0.0 },
            ];
            xi.extend(side.inputs.iter().map(|&v| f64::from(v)));
            xi
        })
        .collect();
    // bias free; head, rule sum, rule verdict and every rule input but praise kept ≥ 0
    let nonneg: Vec<bool> = [false, true, true, true]
        .into_iter()
        .chain(RULE_INPUTS.iter().map(|n| rule_input_nonnegative(n)))
        .collect();
    let y: Vec<bool> = rows.iter().map(|r| r.label).collect();
    let folds = rows.iter().map(|r| r.fold).max().map_or(1, |m| m + 1);
    let mut p = vec![0.0f64; rows.len()];
    let mut tuned = vec![false; rows.len()];
    for k in 0..folds {
        let other: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].fold != k).collect();
        let xo: Vec<Vec<f64>> = other.iter().map(|&i| x[i].clone()).collect();
        let yo: Vec<bool> = other.iter().map(|&i| y[i]).collect();
        let w = logistic_nonnegative(&xo, &yo, 1.0, &nonneg);
        let dot = |xi: &[f64]| sigmoid64(xi.iter().zip(&w).map(|(a, b)| a * b).sum());
        let po: Vec<f64> = xo.iter().map(|xi| dot(xi)).collect();
        let t = best_threshold(&po, &yo);
        for i in (0..rows.len()).filter(|&i| rows[i].fold == k) {
            p[i] = dot(&x[i]);
            tuned[i] = p[i] >= t;
        }
    }
    let w = logistic_nonnegative(&x, &y, 1.0, &nonneg);
    let threshold = best_threshold(&p, &y);
    let mut inputs = [0.0f32; RULE_INPUTS.len()];
    for (v, wi) in inputs.iter_mut().zip(&w[4..]) {
        *v = *wi as f32;
    }
    let combiner = super::combine::Combiner {
        bias: w[0] as f32,
        head: w[1] as f32,
        rules: w[2] as f32,
        rule_toxic: w[3] as f32,
        inputs,
        threshold: threshold as f32,
    };
    let mut table = String::new();
    table.push_str(
        "| rows (out of fold) | n | rules: macro-F1 | rules: AUC | head: macro-F1 @0.5 | head: AUC | combined: macro-F1 @tuned | combined: AUC | combined: ECE |\n",
    );
    table.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    let mut line = |name: &str, sel: &[usize]| {
        let ys: Vec<bool> = sel.iter().map(|&i| y[i]).collect();
        let pick = |f: &dyn Fn(usize) -> f64| sel.iter().map(|&i| f(i)).collect::<Vec<f64>>();
        let rules_toxic = pick(&|i| f64::from(u8::from(sides[i].1)));
        let rules_sum = pick(&|i| sides[i].0);
        let head = pick(&|i| rows[i].p);
        let comb = pick(&|i| p[i]);
        let comb_tuned = pick(&|i| f64::from(u8::from(tuned[i])));
        let _ = writeln!(
            table,
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            sel.len(),
            macro_f1(&rules_toxic, &ys, 0.5),
            auc(&rules_sum, &ys),
            macro_f1(&head, &ys, 0.5),
            auc(&head, &ys),
            macro_f1(&comb_tuned, &ys, 0.5),
            auc(&comb, &ys),
            ece(&comb, &ys),
        );
    };
    let name = &trained.files[calibrate_on];
    line(
        name.rsplit('/').next().unwrap_or(name),
        &(0..rows.len()).collect::<Vec<_>>(),
    );
    let named: Vec<String> = RULE_INPUTS
        .iter()
        .zip(combiner.inputs)
        .map(|(n, w)| format!("{n} {w:.4}"))
        .collect();
    let _ = writeln!(
        table,
        "\ncombination: bias {:.4}, head {:.4}, rules {:.4}, rule_toxic {:.4}, {}; threshold {:.2}",
        combiner.bias,
        combiner.head,
        combiner.rules,
        combiner.rule_toxic,
        named.join(", "),
        combiner.threshold
    );
    Combination { combiner, table }
}

/// Three-class macro-F1 of `(negative, positive)` decisions against `gold` (-1, 0, 1).
fn macro_f1_3(pred: &[i8], gold: &[i8]) -> f64 {
    let mut f = 0.0;
    for c in [-1i8, 0, 1] {
        let (mut tp, mut fp, mut fn_) = (0.0f64, 0.0f64, 0.0f64);
        for (&p, &g) in pred.iter().zip(gold) {
            match (p == c, g == c) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fn_ += 1.0,
                _ => {}
            }
        }
        if tp > 0.0 {
            f += 2.0 * tp / (2.0 * tp + fp + fn_);
        }
    }
    f / 3.0
}

/// The polarity decision of [`super::combine::Polarity`]: negative when its probability reaches its
/// threshold and is the larger one, else positive when that one reaches its threshold, else neutral.
pub fn polarity_decision(pn: f64, pp: f64, tn: f64, tp: f64) -> i8 {
    if pn >= tn && pn >= pp {
        -1
    } else if pp >= tp {
        1
    } else {
        0
    }
}

fn best_polarity_thresholds(pn: &[f64], pp: &[f64], gold: &[i8]) -> (f64, f64) {
    const STEPS: usize = 31;
    let at = |k: usize| (10 + k) as f64 / 50.0;
    let mut pred = vec![0i8; gold.len()];
    let mut f = [[0.0f64; STEPS]; STEPS];
    for (a, row) in f.iter_mut().enumerate() {
        for (b, cell) in row.iter_mut().enumerate() {
            for i in 0..gold.len() {
                pred[i] = polarity_decision(pn[i], pp[i], at(a), at(b));
            }
            *cell = macro_f1_3(&pred, gold);
        }
    }
    // as in `best_threshold`: the middle of a broad optimum, each cell averaged with its neighbours
    let near = |k: usize| k.saturating_sub(1)..=(k + 1).min(STEPS - 1);
    let mut best = (f64::MIN, 0.5, 0.5);
    for a in 0..STEPS {
        for b in 0..STEPS {
            let cells: Vec<f64> = near(a)
                .flat_map(|x| near(b).map(move |y| (x, y)))
                .map(|(x, y)| f[x][y])
                .collect();
            let smooth = cells.iter().sum::<f64>() / cells.len() as f64;
            if smooth > best.0 {
                best = (smooth, at(a), at(b));
            }
        }
    }
    (best.1, best.2)
}

/// The fitted polarity combination and what it measured.
#[derive(Clone, Debug)]
pub struct PolarityCombination {
    pub combiner: super::combine::Polarity,
    pub table: String,
}

/// Fits the polarity combination ([`super::combine::Polarity`]) on the out-of-fold probabilities of the
/// negative and positive heads (trained on the same rows, so their out-of-fold rows line up) and the rules'
/// sentiment score of each row, on the rows of file `calibrate_on`. Reported figures are cross-fitted.
pub fn fit_polarity(
    negative: &Trained,
    positive: &Trained,
    calibrate_on: usize,
    rule_score: impl Fn(&str) -> f64,
) -> Result<PolarityCombination, String> {
    if negative.oof.len() != positive.oof.len()
        || negative
            .oof
            .iter()
            .zip(&positive.oof)
            .any(|(a, b)| a.key != b.key || a.fold != b.fold)
    {
        return Err("the polarity heads were not trained on the same rows".into());
    }
    let sel: Vec<usize> = (0..negative.oof.len())
        .filter(|&i| negative.oof[i].file == calibrate_on)
        .collect();
    let gold: Vec<i8> = sel
        .iter()
        .map(|&i| match (negative.oof[i].label, positive.oof[i].label) {
            (true, _) => -1,
            (_, true) => 1,
            _ => 0,
        })
        .collect();
    let rules: Vec<f64> = sel
        .iter()
        .map(|&i| rule_score(&negative.oof[i].text))
        .collect();
    let logit = |p: f64| f64::from(super::combine::head_logit(p as f32));
    let x: Vec<Vec<f64>> = sel
        .iter()
        .zip(&rules)
        .map(|(&i, &r)| vec![1.0, logit(negative.oof[i].p), logit(positive.oof[i].p), r])
        .collect();
    let yn: Vec<bool> = gold.iter().map(|&g| g < 0).collect();
    let yp: Vec<bool> = gold.iter().map(|&g| g > 0).collect();
    let fold: Vec<usize> = sel.iter().map(|&i| negative.oof[i].fold).collect();
    let folds = fold.iter().max().map_or(1, |m| m + 1);
    let dot = |w: &[f64], xi: &[f64]| sigmoid64(xi.iter().zip(w).map(|(a, b)| a * b).sum());
    let (mut pn, mut pp) = (vec![0.0f64; sel.len()], vec![0.0f64; sel.len()]);
    let mut cross = vec![0i8; sel.len()];
    for k in 0..folds {
        let other: Vec<usize> = (0..sel.len()).filter(|&i| fold[i] != k).collect();
        let xo: Vec<Vec<f64>> = other.iter().map(|&i| x[i].clone()).collect();
        let wn = logistic(&xo, &other.iter().map(|&i| yn[i]).collect::<Vec<_>>(), 1.0);
        let wp = logistic(&xo, &other.iter().map(|&i| yp[i]).collect::<Vec<_>>(), 1.0);
        let pno: Vec<f64> = xo.iter().map(|xi| dot(&wn, xi)).collect();
        let ppo: Vec<f64> = xo.iter().map(|xi| dot(&wp, xi)).collect();
        let go: Vec<i8> = other.iter().map(|&i| gold[i]).collect();
        let (tn, tp) = best_polarity_thresholds(&pno, &ppo, &go);
        for i in (0..sel.len()).filter(|&i| fold[i] == k) {
            pn[i] = dot(&wn, &x[i]);
            pp[i] = dot(&wp, &x[i]);
            cross[i] = polarity_decision(pn[i], pp[i], tn, tp);
        }
    }
    let wn = logistic(&x, &yn, 1.0);
    let wp = logistic(&x, &yp, 1.0);
    let (tn, tp) = best_polarity_thresholds(&pn, &pp, &gold);
    let f = |w: &[f64]| [w[0] as f32, w[1] as f32, w[2] as f32, w[3] as f32];
    let combiner = super::combine::Polarity {
        negative: f(&wn),
        positive: f(&wp),
        negative_threshold: tn as f32,
        positive_threshold: tp as f32,
    };
    let rules_alone: Vec<i8> = rules
        .iter()
        .map(|&r| {
            if r >= f64::from(crate::params::POSITIVE_THRESHOLD) {
                1
            } else if r <= f64::from(crate::params::NEGATIVE_THRESHOLD) {
                -1
            } else {
                0
            }
        })
        .collect();
    let heads_alone: Vec<i8> = sel
        .iter()
        .map(|&i| polarity_decision(negative.oof[i].p, positive.oof[i].p, 0.5, 0.5))
        .collect();
    let name = &negative.files[calibrate_on];
    let mut table = String::new();
    table.push_str("| rows (out of fold) | n | rules: macro-F1 | heads @0.5: macro-F1 | combined @tuned: macro-F1 |\n");
    table.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    let _ = writeln!(
        table,
        "| {} | {} | {:.3} | {:.3} | {:.3} |",
        name.rsplit('/').next().unwrap_or(name),
        sel.len(),
        macro_f1_3(&rules_alone, &gold),
        macro_f1_3(&heads_alone, &gold),
        macro_f1_3(&cross, &gold)
    );
    let _ = writeln!(table, "\nthresholds: negative {tn:.2}, positive {tp:.2}");
    Ok(PolarityCombination { combiner, table })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logistic_recovers_a_separating_direction() {
        let x: Vec<Vec<f64>> = (0..200)
            .map(|i| vec![1.0, f64::from(i % 20) - 10.0])
            .collect();
        let y: Vec<bool> = (0..200).map(|i| (i % 20) >= 10 && i % 7 != 0).collect();
        let w = logistic(&x, &y, 1.0);
        assert!(w[1] > 0.0 && w.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn metric_helpers() {
        let y = [false, false, true, true];
        assert!((auc(&[0.1, 0.4, 0.35, 0.8], &y) - 0.75).abs() < 1e-12);
        assert!((auc(&[0.5, 0.5, 0.5, 0.5], &y) - 0.5).abs() < 1e-12);
        assert!((macro_f1(&[0.0, 0.0, 1.0, 1.0], &y, 0.5) - 1.0).abs() < 1e-12);
        assert!(ece(&[0.0, 0.0, 1.0, 1.0], &y) < 1e-12);
        let (a, b) = platt(
            &[-2.0, -1.0, 1.0, 2.0, 0.5, -0.5],
            &[false, false, true, true, false, true],
        );
        assert!(a > 0.0 && a.is_finite() && b.is_finite());
    }

    #[test]
    fn held_back_is_about_a_tenth() {
        let n = (0..10_000)
            .filter(|i| held_back(&format!("row-{i}")))
            .count();
        assert!((800..1200).contains(&n), "{n}");
    }
}
