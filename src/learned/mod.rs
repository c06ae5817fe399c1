//! Compact learned heads: sparse, int8-quantised logistic regressions over hashed word and character
//! n-gram features ([`features`]), compiled into the library as small binary blobs.
//!
//! The one head shipped so far is the identity-attack head (hate aimed at a group: origin, religion, gender,
//! …) for German and English: [`identity_attack`]. Its probability is
//! `sigmoid(a · (bias + scale · Σ q_i) + b)`, where `q_i` are the int8 weights of the distinct features
//! present in the text and `(a, b)` a Platt calibration fitted on out-of-fold scores. Every score comes with
//! the words that pushed it up ([`Contribution`]), as spans of the untouched input.
//!
//! # Blob layout (version 1, all numbers little-endian)
//!
//! | offset | size | field |
//! | ---: | ---: | --- |
//! | 0 | 4 | magic `KRLH` |
//! | 4 | 1 | version = 1 |
//! | 5 | 1 | language: 0 = de, 1 = en |
//! | 6 | 1 | bucket bits `B` (buckets = 2^B) |
//! | 7 | 1 | flags: bit 0 = word 2-grams |
//! | 8 | 1 | shortest character n-gram (0 = none) |
//! | 9 | 1 | longest character n-gram |
//! | 10 | 2 | reserved, 0 |
//! | 12 | 4 | `scale` f32: weight = q · scale |
//! | 16 | 4 | `bias` f32 |
//! | 20 | 4 | Platt `a` f32 |
//! | 24 | 4 | Platt `b` f32 |
//! | 28 | 4 | `n`: nonzero weights, u32 |
//! | 32 | … | `n` bucket gaps, unsigned LEB128: the first bucket, then each bucket minus the previous (≥ 1) |
//! | … | `n` | the `n` weights `q`, i8, nonzero, in bucket order |
//!
//! Nothing may follow. An empty blob means "no model". The training tool (`krisenradar-train`, feature
//! `train`) writes these blobs; see `docs/learning.md`.

pub mod combine;
pub mod features;
#[cfg(feature = "train")]
pub mod train;
#[cfg(feature = "train")]
pub mod train_respect;

use std::sync::OnceLock;

use crate::model::{Lang, Span};
use features::{Extractor, FeatureConfig};

/// Blob magic.
pub const MAGIC: [u8; 4] = *b"KRLH";
/// Blob format version.
pub const VERSION: u8 = 1;
/// Most contributions reported per text.
pub const MAX_CONTRIBUTIONS: usize = 5;
/// Smallest logit contribution (after the Platt slope) a word or word pair needs to be reported.
pub const MIN_CONTRIBUTION: f32 = 0.1;

/// Function words (folded): they count towards `p` but are never reported as a contribution on their own.
const STOP_DE: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und",
    "oder", "aber", "ist", "sind", "war", "waren", "sein", "hat", "haben", "wird", "werden", "ich",
    "du", "er", "es", "wir", "ihr", "sie", "mich", "dich", "uns", "euch", "ihn", "ihm", "ihnen",
    "mein", "dein", "unser", "unsere", "unserem", "unseren", "unserer", "euer", "diese", "dieser",
    "dieses", "diesen", "alle", "allen", "in", "im", "an", "am", "auf", "zu", "zum", "zur", "mit",
    "von", "vom", "fuer", "bei", "aus", "nach", "als", "wie", "so", "auch", "noch", "nur", "schon",
    "doch", "ja", "nicht", "kein", "keine", "man", "hier", "da", "dass", "wenn", "was", "wer",
];
/// See [`STOP_DE`].
const STOP_EN: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "is", "are", "was", "were", "be", "been", "being", "am",
    "has", "have", "had", "do", "does", "did", "will", "would", "should", "can", "could", "must",
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my", "your",
    "his", "its", "our", "their", "this", "that", "these", "those", "all", "in", "on", "at", "to",
    "of", "for", "with", "from", "by", "as", "so", "too", "also", "just", "not", "no", "here",
    "there", "what", "who", "which", "if", "then", "than", "rt",
];

static IDENTITY_DE: &[u8] = include_bytes!("models/identity_de.bin");
static IDENTITY_EN: &[u8] = include_bytes!("models/identity_en.bin");
static OFFENCE_DE: &[u8] = include_bytes!("models/offence_de.bin");
static OFFENCE_EN: &[u8] = include_bytes!("models/offence_en.bin");
static NEGATIVE_EN: &[u8] = include_bytes!("models/negative_en.bin");
static POSITIVE_EN: &[u8] = include_bytes!("models/positive_en.bin");

/// Why a blob was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlobError {
    Truncated,
    Magic,
    Version(u8),
    Lang(u8),
    Config,
    Bucket,
    Weight,
    Trailing,
}

impl std::fmt::Display for BlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlobError::Truncated => write!(f, "blob is truncated"),
            BlobError::Magic => write!(f, "blob does not start with KRLH"),
            BlobError::Version(v) => write!(f, "unknown blob version {v}"),
            BlobError::Lang(l) => write!(f, "unknown language code {l}"),
            BlobError::Config => write!(f, "invalid feature configuration"),
            BlobError::Bucket => write!(f, "buckets out of range or not increasing"),
            BlobError::Weight => write!(f, "zero weight or non-finite number"),
            BlobError::Trailing => write!(f, "bytes after the weights"),
        }
    }
}

impl std::error::Error for BlobError {}

/// A word (or word pair) that raised the score, with its summed logit contribution.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Contribution {
    /// Span of the untouched input: one word, or two consecutive words for a word 2-gram.
    pub span: Span,
    /// Summed weight of the features inside the span (each distinct feature counted at its first
    /// occurrence), times the Platt slope: its share of the calibrated logit.
    pub weight: f32,
    /// True for one word (its 1-gram and character n-grams), false for a word pair (its 2-gram).
    pub word: bool,
}

/// A head's verdict on one text.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Scored {
    /// Calibrated probability in [0, 1].
    pub p: f32,
    /// The strongest positive contributions, strongest first, at most [`MAX_CONTRIBUTIONS`], each at least
    /// [`MIN_CONTRIBUTION`]; a function word alone (`the`, `sind`, …) or a pair of them is not listed, though
    /// it counts towards `p`.
    pub contributions: Vec<Contribution>,
}

/// One learned head: feature configuration, int8 weights of the nonzero buckets, bias and calibration.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    pub lang: Lang,
    pub config: FeatureConfig,
    pub scale: f32,
    pub bias: f32,
    pub platt_a: f32,
    pub platt_b: f32,
    /// Strictly increasing buckets with a nonzero weight.
    pub buckets: Vec<u32>,
    /// Their int8 weights, nonzero.
    pub weights: Vec<i8>,
}

fn lang_code(lang: Lang) -> Option<u8> {
    match lang {
        Lang::De => Some(0),
        Lang::En => Some(1),
        Lang::Other => None,
    }
}

#[inline]
fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BlobError> {
        let end = self.pos.checked_add(n).ok_or(BlobError::Truncated)?;
        let s = self.b.get(self.pos..end).ok_or(BlobError::Truncated)?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, BlobError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, BlobError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, BlobError> {
        let v = f32::from_bits(self.u32()?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(BlobError::Weight)
        }
    }
    fn leb128(&mut self) -> Result<u32, BlobError> {
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.u8()?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| BlobError::Bucket);
            }
        }
        Err(BlobError::Bucket)
    }
}

/// Reused buffers for scoring many texts.
#[derive(Default, Debug)]
pub struct Scratch {
    extractor: Extractor,
    /// One bit per bucket: seen in the current text.
    seen: Vec<u64>,
    touched: Vec<u32>,
    /// The distinct features of the text last read, in order of first occurrence.
    feats: Vec<features::Feature>,
    /// The feature layout `feats` was read with, while it belongs to the text being scored.
    read_as: Option<FeatureConfig>,
    /// Summed quantised weights per word, and per word pair starting at the word.
    word_q: Vec<i32>,
    pair_q: Vec<i32>,
}

impl Scratch {
    /// Splits `text` and keeps its distinct features (each at its first occurrence) for scoring.
    pub fn read(&mut self, text: &str, cfg: &FeatureConfig) {
        let words_needed = (cfg.buckets() as usize).div_ceil(64);
        if self.seen.len() != words_needed {
            self.seen.clear();
            self.seen.resize(words_needed, 0);
        }
        self.touched.clear();
        self.feats.clear();
        let Scratch {
            extractor,
            seen,
            touched,
            feats,
            ..
        } = self;
        extractor.extract(text, cfg, |f| {
            let (w, bit) = ((f.bucket / 64) as usize, 1u64 << (f.bucket % 64));
            if seen[w] & bit != 0 {
                return;
            }
            seen[w] |= bit;
            touched.push(f.bucket);
            feats.push(f);
        });
        for &b in touched.iter() {
            seen[(b / 64) as usize] = 0;
        }
        self.read_as = Some(*cfg);
    }

    /// [`Scratch::read`] unless the scratch already holds this text in the layout `cfg`.
    fn ensure_read(&mut self, text: &str, cfg: &FeatureConfig) {
        if self.read_as.as_ref() != Some(cfg) {
            self.read(text, cfg);
        }
    }
}

impl Head {
    /// Parses a blob (see the module documentation for the layout).
    pub fn parse(blob: &[u8]) -> Result<Head, BlobError> {
        let mut r = Reader { b: blob, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(BlobError::Magic);
        }
        let version = r.u8()?;
        if version != VERSION {
            return Err(BlobError::Version(version));
        }
        let lang = match r.u8()? {
            0 => Lang::De,
            1 => Lang::En,
            l => return Err(BlobError::Lang(l)),
        };
        let bucket_bits = r.u8()?;
        let flags = r.u8()?;
        let char_min = r.u8()?;
        let char_max = r.u8()?;
        r.take(2)?;
        let config = FeatureConfig {
            bucket_bits,
            bigrams: flags & 1 != 0,
            char_min,
            char_max,
        };
        if !config.is_valid() || flags & !1 != 0 {
            return Err(BlobError::Config);
        }
        let scale = r.f32()?;
        let bias = r.f32()?;
        let platt_a = r.f32()?;
        let platt_b = r.f32()?;
        let n = r.u32()? as usize;
        // every entry takes at least two bytes: refuse counts the blob cannot hold before allocating
        if n > blob.len() / 2 {
            return Err(BlobError::Truncated);
        }
        let mut buckets = Vec::with_capacity(n);
        let mut prev: Option<u32> = None;
        for _ in 0..n {
            let gap = r.leb128()?;
            let b = match prev {
                None => gap,
                Some(p) if gap >= 1 => p.checked_add(gap).ok_or(BlobError::Bucket)?,
                Some(_) => return Err(BlobError::Bucket),
            };
            if b >= config.buckets() {
                return Err(BlobError::Bucket);
            }
            buckets.push(b);
            prev = Some(b);
        }
        let weights: Vec<i8> = r.take(n)?.iter().map(|&b| b as i8).collect();
        if weights.contains(&0) {
            return Err(BlobError::Weight);
        }
        if r.pos != blob.len() {
            return Err(BlobError::Trailing);
        }
        Ok(Head {
            lang,
            config,
            scale,
            bias,
            platt_a,
            platt_b,
            buckets,
            weights,
        })
    }

    /// Writes the blob (the inverse of [`Head::parse`]). Buckets must be strictly increasing, weights nonzero.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + self.buckets.len() * 4);
        out.extend_from_slice(&MAGIC);
        out.push(VERSION);
        out.push(lang_code(self.lang).unwrap_or(u8::MAX));
        out.push(self.config.bucket_bits);
        out.push(u8::from(self.config.bigrams));
        out.push(self.config.char_min);
        out.push(self.config.char_max);
        out.extend_from_slice(&[0, 0]);
        for v in [self.scale, self.bias, self.platt_a, self.platt_b] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&(self.buckets.len() as u32).to_le_bytes());
        let mut prev = 0u32;
        for (i, &b) in self.buckets.iter().enumerate() {
            let mut gap = if i == 0 { b } else { b - prev };
            prev = b;
            loop {
                let byte = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// The int8 weight of `bucket` (0 when the bucket has none).
    #[inline]
    pub fn q(&self, bucket: u32) -> i8 {
        match self.buckets.binary_search(&bucket) {
            Ok(i) => self.weights[i],
            Err(_) => 0,
        }
    }

    /// The raw logit `bias + scale · Σ q` over sorted distinct buckets (the training tool's fast path).
    pub fn logit_of_buckets(&self, distinct: &[u32]) -> f32 {
        let sum: i64 = distinct.iter().map(|&b| i64::from(self.q(b))).sum();
        self.bias + self.scale * sum as f32
    }

    /// Calibrated probability of a raw logit.
    #[inline]
    pub fn calibrate(&self, logit: f32) -> f32 {
        sigmoid(self.platt_a * logit + self.platt_b)
    }

    /// Scores `text`: the calibrated probability and the strongest positive contributions.
    pub fn score(&self, text: &str) -> Scored {
        self.score_with(text, &mut Scratch::default())
    }

    /// [`Head::score`] with reused buffers.
    pub fn score_with(&self, text: &str, s: &mut Scratch) -> Scored {
        s.read(text, &self.config);
        self.score_read(s, |b| self.q(b))
    }

    /// Scores the features [`Scratch::read`] left in `s`, looking weights up with `q`.
    fn score_read(&self, s: &mut Scratch, q: impl Fn(u32) -> i8) -> Scored {
        let Scratch {
            extractor,
            feats,
            word_q,
            pair_q,
            ..
        } = s;
        let n = extractor.words.len();
        word_q.clear();
        word_q.resize(n, 0);
        pair_q.clear();
        pair_q.resize(n, 0);
        let mut sum: i64 = 0;
        for f in feats.iter() {
            let q = i32::from(q(f.bucket));
            if q == 0 {
                continue;
            }
            sum += i64::from(q);
            if f.first == f.last {
                word_q[f.first as usize] += q;
            } else {
                pair_q[f.first as usize] += q;
            }
        }
        let logit = self.bias + self.scale * sum as f32;
        let p = self.calibrate(logit).clamp(0.0, 1.0);
        let unit = self.scale * self.platt_a;
        let words = &extractor.words;
        let mut contributions: Vec<Contribution> = Vec::new();
        let mut push = |c: Contribution| {
            if c.weight < MIN_CONTRIBUTION || !c.weight.is_finite() {
                return;
            }
            // keep the strongest MAX_CONTRIBUTIONS, strongest first, earlier span first on ties
            let pos = contributions
                .iter()
                .position(|o| {
                    c.weight > o.weight || (c.weight == o.weight && c.span.start < o.span.start)
                })
                .unwrap_or(contributions.len());
            if pos < MAX_CONTRIBUTIONS {
                contributions.insert(pos, c);
                contributions.truncate(MAX_CONTRIBUTIONS);
            }
        };
        let stop = match self.lang {
            Lang::De => STOP_DE,
            _ => STOP_EN,
        };
        let is_stop = |i: usize| stop.contains(&extractor.word_norm(i));
        for (i, w) in words.iter().enumerate() {
            let here = is_stop(i);
            if let (Some(&q), false) = (word_q.get(i), here) {
                push(Contribution {
                    span: w.span,
                    weight: q as f32 * unit,
                    word: true,
                });
            }
            if let (Some(&q), Some(next)) = (pair_q.get(i), words.get(i + 1)) {
                if here && is_stop(i + 1) {
                    continue;
                }
                push(Contribution {
                    span: Span::new(w.span.start, next.span.end),
                    weight: q as f32 * unit,
                    word: false,
                });
            }
        }
        Scored { p, contributions }
    }
}

/// The shipped heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Hate aimed at a group for its origin, religion, gender, … (`identity_<lang>.bin`).
    Identity,
    /// Offensive, insulting or profane language (`offence_<lang>.bin`).
    Offence,
    /// Negative polarity (`negative_<lang>.bin`).
    Negative,
    /// Positive polarity (`positive_<lang>.bin`).
    Positive,
}

impl Kind {
    /// `identity`, `offence`: the stem of the blob's file name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Identity => "identity",
            Kind::Offence => "offence",
            Kind::Negative => "negative",
            Kind::Positive => "positive",
        }
    }
}

/// The raw blob of a shipped head (empty when there is none).
pub fn blob(kind: Kind, lang: Lang) -> &'static [u8] {
    match (kind, lang) {
        (Kind::Identity, Lang::De) => IDENTITY_DE,
        (Kind::Identity, Lang::En) => IDENTITY_EN,
        (Kind::Offence, Lang::De) => OFFENCE_DE,
        (Kind::Offence, Lang::En) => OFFENCE_EN,
        // no German polarity heads ship: trained on German tweets they made GermEval 2017 worse
        // (docs/learning.md)
        (Kind::Negative | Kind::Positive, Lang::De) => &[],
        (Kind::Negative, Lang::En) => NEGATIVE_EN,
        (Kind::Positive, Lang::En) => POSITIVE_EN,
        (_, Lang::Other) => &[],
    }
}

/// A shipped head with its weights laid out densely (one i8 per bucket, 256 KB for 2^18 buckets), so a
/// lookup is one memory access instead of a binary search.
struct Ready {
    head: Head,
    dense: Box<[i8]>,
}

impl Ready {
    fn new(head: Head) -> Self {
        let mut dense = vec![0i8; head.config.buckets() as usize].into_boxed_slice();
        for (&b, &q) in head.buckets.iter().zip(&head.weights) {
            dense[b as usize] = q;
        }
        Ready { head, dense }
    }
    fn score_read(&self, s: &mut Scratch) -> Scored {
        self.head
            .score_read(s, |b| self.dense.get(b as usize).copied().unwrap_or(0))
    }
}

fn ready(kind: Kind, lang: Lang) -> Option<&'static Ready> {
    static CELLS: [OnceLock<Option<Ready>>; 8] = [const { OnceLock::new() }; 8];
    let slot = match lang {
        Lang::De => 0,
        Lang::En => 1,
        Lang::Other => return None,
    } + 2 * kind as usize;
    CELLS[slot]
        .get_or_init(|| {
            let blob = blob(kind, lang);
            if blob.is_empty() {
                return None;
            }
            Head::parse(blob)
                .ok()
                .filter(|h| h.lang == lang)
                .map(Ready::new)
        })
        .as_ref()
}

fn shipped(kind: Kind, lang: Lang) -> Option<&'static Head> {
    ready(kind, lang).map(|r| &r.head)
}

/// The shipped identity-attack head for `lang` (None for [`Lang::Other`] or when no model is compiled in).
pub fn identity_head(lang: Lang) -> Option<&'static Head> {
    shipped(Kind::Identity, lang)
}

/// The raw blob of the shipped identity-attack head for `lang` (empty when there is none).
pub fn identity_blob(lang: Lang) -> &'static [u8] {
    blob(Kind::Identity, lang)
}

/// The shipped offence head for `lang`.
pub fn offence_head(lang: Lang) -> Option<&'static Head> {
    shipped(Kind::Offence, lang)
}

/// Runs `f` with this thread's reused buffers (fresh ones for very long texts, whose buffers are not kept).
fn with_scratch<T>(text: &str, f: impl FnOnce(&mut Scratch) -> T) -> T {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    if text.len() > REUSE_MAX {
        return f(&mut Scratch::default());
    }
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

fn score_ready(ready: &Ready, text: &str) -> Scored {
    with_scratch(text, |s| {
        s.read(text, &ready.head.config);
        ready.score_read(s)
    })
}

/// Probability that `text` attacks people for their identity (origin, religion, gender, …), with the words
/// that raised it. None for [`Lang::Other`] or when no model is compiled in.
pub fn identity_attack(text: &str, lang: Lang) -> Option<Scored> {
    Some(score_ready(ready(Kind::Identity, lang)?, text))
}

/// Probability that `text` is offensive (insulting, profane, abusive), with the words that raised it. None
/// for [`Lang::Other`] or when no model is compiled in.
pub fn offence(text: &str, lang: Lang) -> Option<Scored> {
    read_for_analysis(text, lang).offence
}

/// The negative and the positive polarity heads' estimates for `text` (each with the words that raised it).
/// None for [`Lang::Other`] or when no model is compiled in.
pub fn polarity(text: &str, lang: Lang) -> Option<(Scored, Scored)> {
    read_for_analysis(text, lang).polarity
}

/// What the heads the analysis consults make of one comment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    pub offence: Option<Scored>,
    /// (negative, positive).
    pub polarity: Option<(Scored, Scored)>,
}

/// The offence and polarity heads of `lang` on `text`, with the text split and hashed once for all of them.
///
/// With the `train` feature and `KRISENRADAR_OOF_MODELS=<dir>` set, a text of the offence head's own
/// training files is scored by the fold model that never saw it ([`oof`]).
pub fn read_for_analysis(text: &str, lang: Lang) -> Read {
    let offence = ready(Kind::Offence, lang);
    let negative = ready(Kind::Negative, lang);
    let positive = ready(Kind::Positive, lang);
    if offence.is_none() && negative.is_none() {
        return Read::default();
    }
    with_scratch(text, |s| {
        // each head reads the text only when the scratch does not hold it in the head's feature layout
        // already (all shipped heads share one layout, so the text is read once)
        s.read_as = None;
        let score = |r: &Ready, s: &mut Scratch| {
            s.ensure_read(text, &r.head.config);
            r.score_read(s)
        };
        #[cfg(feature = "train")]
        let offence_scored = match oof::head_for(Kind::Offence, text, lang) {
            Some(h) => {
                s.ensure_read(text, &h.config);
                Some(h.score_read(s, |b| h.q(b)))
            }
            None => offence.map(|r| score(r, s)),
        };
        #[cfg(not(feature = "train"))]
        let offence_scored = offence.map(|r| score(r, s));
        let polarity = negative
            .zip(positive)
            .map(|(n, p)| (score(n, s), score(p, s)));
        Read {
            offence: offence_scored,
            polarity,
        }
    })
}

/// Out-of-fold scoring of the training files (feature `train`, for measuring only): with
/// `KRISENRADAR_OOF_MODELS=<dir>` holding the fold models `krisenradar-train offence --folds-out <dir>`
/// wrote, a text is scored by the model of the fold it belongs to — the one model that did not train on it.
/// A text held back from training is scored by the shipped head, which never saw it either.
#[cfg(feature = "train")]
pub mod oof {
    use super::{Head, Kind, OnceLock};
    use crate::model::Lang;

    /// Folds and seed of the training tool ([`super::train::TrainConfig::offence`]).
    const FOLDS: usize = 5;

    fn models(kind: Kind, lang: Lang) -> &'static [Head] {
        static CELLS: [OnceLock<Vec<Head>>; 8] = [const { OnceLock::new() }; 8];
        let slot = usize::from(lang == Lang::En) + 2 * kind as usize;
        CELLS[slot].get_or_init(|| {
            let Some(dir) = std::env::var_os("KRISENRADAR_OOF_MODELS") else {
                return Vec::new();
            };
            let dir = std::path::PathBuf::from(dir);
            (0..FOLDS)
                .map_while(|k| {
                    let path = dir.join(format!("{}_{}.fold{k}.bin", kind.name(), lang.code()));
                    let blob = std::fs::read(&path).ok()?;
                    Head::parse(&blob).ok()
                })
                .collect()
        })
    }

    /// The fold model for `text`, when fold models are configured and the text is not held back.
    pub fn head_for(kind: Kind, text: &str, lang: Lang) -> Option<&'static Head> {
        if lang == Lang::Other {
            return None;
        }
        let models = models(kind, lang);
        if models.len() != FOLDS || super::train::held_back(text) {
            return None;
        }
        let seed = super::train::TrainConfig::offence(lang).seed;
        models.get(super::train::fold_of(text, FOLDS, seed))
    }
}

/// Texts longer than this (bytes) are scored with fresh buffers, so the reused ones stay small.
const REUSE_MAX: usize = 1 << 16;

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Head {
        Head {
            lang: Lang::En,
            config: FeatureConfig::default(),
            scale: 0.05,
            bias: -1.0,
            platt_a: 1.0,
            platt_b: 0.0,
            buckets: vec![0, 1, 300, 1 << 17, (1 << 18) - 1],
            weights: vec![5, -3, 127, -128, 1],
        }
    }

    #[test]
    fn blob_round_trip() {
        let h = toy();
        let bytes = h.to_bytes();
        assert_eq!(Head::parse(&bytes), Ok(h));
        assert_eq!(&bytes[..4], b"KRLH");
    }

    #[test]
    fn bad_blobs_are_rejected() {
        let bytes = toy().to_bytes();
        for cut in 0..bytes.len() {
            assert!(Head::parse(&bytes[..cut]).is_err());
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(Head::parse(&extra), Err(BlobError::Trailing));
        let mut magic = bytes.clone();
        magic[0] = b'X';
        assert_eq!(Head::parse(&magic), Err(BlobError::Magic));
    }

    #[test]
    fn scoring_empty_text_is_the_bias() {
        let h = toy();
        let s = h.score("");
        assert!((s.p - sigmoid(-1.0)).abs() < 1e-6);
        assert!(s.contributions.is_empty());
    }
}
