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

impl Scored {
    /// The probability with `weight` taken off the logit: what the head would say without contributions the
    /// rules set aside ([`crate::analyze`] reads idioms, boosters and self-directed words as harmless).
    pub fn p_without(&self, weight: f32) -> f32 {
        if weight <= 0.0 {
            return self.p;
        }
        let p = self.p.clamp(1e-6, 1.0 - 1e-6);
        sigmoid((p / (1.0 - p)).ln() - weight)
    }
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
    /// [`Scratch::read`]: the weights of one head over the features read.
    sums: Sums,
    /// Function-word flags of the words of the text last read.
    stops: Vec<bool>,
    /// [`Bank`] reads, per head of the bank: the sum of the weights of the text's distinct features, and
    /// those weights summed per word and per word pair starting at the word (filled while the text is read).
    banked: [Sums; BANK],
    /// The weighted own features of the word forms seen before, one cache per bank ([`Bank::slot`]).
    cache: [WordCache; 4],
}

/// A bucket with its weights in the heads of a [`Bank`].
type Weighted = (u32, [i8; BANK]);

/// One head's weights over a text's distinct features: in all, per word, per word pair starting at the word.
#[derive(Debug, Default)]
struct Sums {
    sum: i64,
    word_q: Vec<i32>,
    pair_q: Vec<i32>,
}

impl Sums {
    /// Empty, for a text of `n` words.
    fn reset(&mut self, n: usize) {
        self.sum = 0;
        self.word_q.clear();
        self.word_q.resize(n, 0);
        self.pair_q.clear();
        self.pair_q.resize(n, 0);
    }

    /// Adds the weight `q` of feature `f`.
    #[inline]
    fn add(&mut self, f: features::Feature, q: i8) {
        let q = i32::from(q);
        self.sum += i64::from(q);
        let at = if f.first == f.last {
            &mut self.word_q
        } else {
            &mut self.pair_q
        };
        if let Some(slot) = at.get_mut(f.first as usize) {
            *slot += q;
        }
    }
}

/// A word form's own features (its 1-gram and its character n-grams) that weigh in a [`Bank`], in the order
/// they are emitted, with their weights: the 1-gram, then a range of [`WordCache::chars`].
#[derive(Clone, Copy, Debug, Default)]
struct OwnFeatures {
    unigram: Option<Weighted>,
    chars: (u32, u32),
}

/// [`OwnFeatures`] by word form, for one bank (each bank has its own: [`Bank::slot`]); emptied when it reaches [`WordCache::MAX`] forms, so its
/// memory stays bounded (about 4 MB per language and thread).
#[derive(Debug, Default)]
struct WordCache {
    /// Forms of up to 15 bytes (most words) by [`short_key`]: found without reading another allocation.
    short: rustc_hash::FxHashMap<u128, OwnFeatures>,
    /// The longer forms.
    forms: rustc_hash::FxHashMap<Box<str>, OwnFeatures>,
    /// The weighted character n-grams of every form cached (`short` and `forms`), one run per form.
    chars: Vec<Weighted>,
    pad: String,
    bounds: Vec<usize>,
}

impl WordCache {
    const MAX: usize = 1 << 14;

    /// This cache, emptied first when it is full.
    fn with_room(&mut self) -> &mut WordCache {
        if self.short.len() + self.forms.len() >= Self::MAX {
            self.short.clear();
            self.forms.clear();
            self.chars.clear();
        }
        self
    }

    /// The weighted own features of `form` in `bank` (computed on first sight): its 1-gram and its
    /// character n-grams.
    fn features(&mut self, form: &str, bank: &Bank) -> (Option<Weighted>, &[Weighted]) {
        let key = short_key(form);
        let known = match key {
            Some(k) => self.short.get(&k),
            None => self.forms.get(form),
        };
        let own = match known {
            Some(&own) => own,
            None => {
                let cfg = &bank.config;
                let b = cfg.unigram_bucket(form);
                let unigram = bank.weights_of(b).map(|q| (b, q));
                let start = self.chars.len() as u32;
                let chars = &mut self.chars;
                cfg.char_buckets(form, &mut self.pad, &mut self.bounds, |b| {
                    if let Some(q) = bank.weights_of(b) {
                        chars.push((b, q));
                    }
                });
                let own = OwnFeatures {
                    unigram,
                    chars: (start, self.chars.len() as u32),
                };
                match key {
                    Some(k) => self.short.insert(k, own),
                    None => self.forms.insert(form.into(), own),
                };
                own
            }
        };
        let chars = self
            .chars
            .get(own.chars.0 as usize..own.chars.1 as usize)
            .unwrap_or_default();
        (own.unigram, chars)
    }
}

/// A form of up to 15 bytes as one integer: its bytes and its length (distinct forms, distinct keys).
fn short_key(form: &str) -> Option<u128> {
    let b = form.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut key = [0u8; 16];
    key[..b.len()].copy_from_slice(b);
    key[15] = b.len() as u8;
    Some(u128::from_le_bytes(key))
}

impl Scratch {
    /// Splits `text` and keeps its distinct features (each at its first occurrence) for scoring.
    pub fn read(&mut self, text: &str, cfg: &FeatureConfig) {
        self.size_seen(cfg);
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
            if first_sight(seen, f.bucket) {
                touched.push(f.bucket);
                feats.push(f);
            }
        });
        for &b in touched.iter() {
            seen[(b / 64) as usize] = 0;
        }
        self.read_as = Some(*cfg);
    }

    /// Splits `text` for all heads of `bank` at once: keeps the distinct features that weigh in any of them,
    /// with their weights, in the order [`Extractor::extract`] emits them, and the function-word flags of the
    /// words. A word's own features (its 1-gram and character n-grams) depend on its form alone: they are
    /// hashed once per form and kept in [`WordCache`], so a word seen before costs one table lookup.
    fn read_bank(&mut self, text: &str, bank: &Bank) {
        self.size_seen(&bank.config);
        self.touched.clear();
        self.read_as = None;
        let Scratch {
            extractor,
            seen,
            touched,
            banked,
            stops,
            cache,
            ..
        } = self;
        extractor.split(text);
        let n = extractor.words.len();
        // only the heads the bank has are summed (German has one), and only their sums are read
        for (sums, head) in banked.iter_mut().zip(bank.heads) {
            if head.is_some() {
                sums.reset(n);
            }
        }
        let cfg = &bank.config;
        let cache = cache[bank.slot].with_room();
        let mut keep = |f: features::Feature, q: [i8; BANK]| {
            if first_sight(seen, f.bucket) {
                touched.push(f.bucket);
                for ((sums, q), head) in banked.iter_mut().zip(q).zip(bank.heads) {
                    if head.is_some() {
                        sums.add(f, q);
                    }
                }
            }
        };
        if cfg.is_valid() {
            for wi in 0..n {
                let form = extractor.word_norm(wi);
                let (unigram, chars) = cache.features(form, bank);
                let wi = wi as u32;
                let at = |bucket| features::Feature {
                    bucket,
                    first: wi,
                    last: wi,
                };
                if let Some((b, q)) = unigram {
                    keep(at(b), q);
                }
                if cfg.bigrams && (wi as usize) + 1 < n {
                    let next_form = extractor.word_norm(wi as usize + 1);
                    let b = cfg.bigram_bucket(form, next_form);
                    if let Some(q) = bank.weights_of(b) {
                        keep(
                            features::Feature {
                                bucket: b,
                                first: wi,
                                last: wi + 1,
                            },
                            q,
                        );
                    }
                }
                for &(b, q) in chars {
                    keep(at(b), q);
                }
            }
        }
        for &b in touched.iter() {
            seen[(b / 64) as usize] = 0;
        }
        flag_stops(stops, extractor, bank.lang);
    }

    /// One bit per bucket of `cfg` in `seen` (all clear between texts).
    fn size_seen(&mut self, cfg: &FeatureConfig) {
        let words_needed = (cfg.buckets() as usize).div_ceil(64);
        if self.seen.len() != words_needed {
            self.seen.clear();
            self.seen.resize(words_needed, 0);
        }
    }

    /// Scores what [`Scratch::read_bank`] summed for head `k` of `bank`.
    fn score_banked(&mut self, bank: &Bank, k: usize) -> Option<Scored> {
        let head = bank.heads[k]?;
        let sums = self.banked.get(k)?;
        Some(head.scored(sums, &self.extractor, &self.stops))
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
            let gap = if i == 0 { b } else { b - prev };
            prev = b;
            crate::lexicon::blob::put(&mut out, gap);
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
            sums,
            stops,
            ..
        } = s;
        flag_stops(stops, extractor, self.lang);
        sums.reset(extractor.words.len());
        for &f in feats.iter() {
            sums.add(f, q(f.bucket));
        }
        self.scored(sums, extractor, stops)
    }

    /// The score of a text whose distinct features' weights in this head `sums` holds, over the words of
    /// `extractor`; `stops` flags the function words among them.
    fn scored(&self, sums: &Sums, extractor: &Extractor, stops: &[bool]) -> Scored {
        let Sums {
            sum,
            word_q,
            pair_q,
        } = sums;
        let logit = self.bias + self.scale * *sum as f32;
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
        let is_stop = |i: usize| stops.get(i).copied().unwrap_or(false);
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

/// Marks `bucket` seen; true when it was not seen before.
#[inline]
fn first_sight(seen: &mut [u64], bucket: u32) -> bool {
    let (w, bit) = ((bucket / 64) as usize, 1u64 << (bucket % 64));
    let first = seen[w] & bit == 0;
    seen[w] |= bit;
    first
}

/// `stops[i]`: word `i` of `extractor` is a function word of `lang`.
fn flag_stops(stops: &mut Vec<bool>, extractor: &Extractor, lang: Lang) {
    stops.clear();
    stops.extend((0..extractor.words.len()).map(|i| is_stop(lang, extractor.word_norm(i))));
}

/// True for a function word of `lang` (folded form).
fn is_stop(lang: Lang, word: &str) -> bool {
    static SETS: [OnceLock<rustc_hash::FxHashSet<&'static str>>; 2] =
        [const { OnceLock::new() }; 2];
    let (slot, list) = match lang {
        Lang::De => (0, STOP_DE),
        _ => (1, STOP_EN),
    };
    // no function word is longer than 7 bytes: most words need no lookup
    word.len() <= 7
        && SETS[slot]
            .get_or_init(|| list.iter().copied().collect())
            .contains(word)
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
    match kind {
        Kind::Identity => identity_blob(lang),
        _ => analysis_blob(kind, lang),
    }
}

/// The blobs of the heads the analysis consults (empty for the identity head: [`identity_blob`]).
fn analysis_blob(kind: Kind, lang: Lang) -> &'static [u8] {
    match (kind, lang) {
        (Kind::Identity, _) => &[],
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

/// A shipped head, parsed once.
fn shipped(kind: Kind, lang: Lang) -> Option<&'static Head> {
    parsed(kind, lang, blob(kind, lang))
}

/// 0 for German, 1 for English: the index of a language in the per-language caches.
fn lang_slot(lang: Lang) -> Option<usize> {
    match lang {
        Lang::De => Some(0),
        Lang::En => Some(1),
        Lang::Other => None,
    }
}

/// The head of `kind` and `lang` parsed from `blob` once (the same blob every time).
fn parsed(kind: Kind, lang: Lang, blob: &'static [u8]) -> Option<&'static Head> {
    static CELLS: [OnceLock<Option<Head>>; 8] = [const { OnceLock::new() }; 8];
    let slot = lang_slot(lang)? + 2 * kind as usize;
    CELLS[slot]
        .get_or_init(|| {
            if blob.is_empty() {
                return None;
            }
            Head::parse(blob).ok().filter(|h| h.lang == lang)
        })
        .as_ref()
}

/// Heads in one [`Bank`]: the ones every analysis consults.
const BANK: usize = 3;
/// Their kinds, in bank order.
const BANK_KINDS: [Kind; BANK] = [Kind::Offence, Kind::Negative, Kind::Positive];

/// The heads every analysis of one language consults, with their weights interleaved: a bit per bucket that
/// has a weight in any of them (32 KB for 2^18 buckets), the count of such buckets before each 64 (16 KB),
/// and `BANK` bytes per such bucket. The text is split and hashed once for all of them; a feature without
/// weight costs one bit test, one with weight one more memory access. Only heads that share one feature
/// layout form a bank.
struct Bank {
    /// Which of the four banks (analysis or identity, German or English): the word cache it uses.
    slot: usize,
    lang: Lang,
    config: FeatureConfig,
    heads: [Option<&'static Head>; BANK],
    any: Box<[u64]>,
    rank: Box<[u32]>,
    weights: Box<[[i8; BANK]]>,
}

impl Bank {
    fn new(slot: usize, lang: Lang, heads: [Option<&'static Head>; BANK]) -> Option<Bank> {
        let config = heads.iter().flatten().next()?.config;
        if heads.iter().flatten().any(|h| h.config != config) {
            return None;
        }
        let mut by_bucket: Vec<(u32, [i8; BANK])> = Vec::new();
        for (k, head) in heads.iter().enumerate() {
            for (&b, &q) in head.iter().flat_map(|h| h.buckets.iter().zip(&h.weights)) {
                let mut row = [0i8; BANK];
                row[k] = q;
                by_bucket.push((b, row));
            }
        }
        crate::order::sort_by_key(&mut by_bucket, |&(b, _)| u128::from(b));
        let mut weights: Vec<[i8; BANK]> = Vec::with_capacity(by_bucket.len());
        let mut any = vec![0u64; (config.buckets() as usize).div_ceil(64)];
        let mut last = None;
        for (b, row) in by_bucket {
            if last == Some(b) {
                let w = weights.last_mut()?;
                for k in 0..BANK {
                    w[k] |= row[k];
                }
            } else {
                weights.push(row);
                any[(b / 64) as usize] |= 1 << (b % 64);
                last = Some(b);
            }
        }
        let mut rank = Vec::with_capacity(any.len());
        let mut before = 0u32;
        for word in &any {
            rank.push(before);
            before += word.count_ones();
        }
        Some(Bank {
            slot,
            lang,
            config,
            heads,
            any: any.into_boxed_slice(),
            rank: rank.into_boxed_slice(),
            weights: weights.into_boxed_slice(),
        })
    }

    /// The weights of `bucket` in the bank's heads; None when it has none.
    #[inline]
    fn weights_of(&self, bucket: u32) -> Option<[i8; BANK]> {
        let w = (bucket / 64) as usize;
        let word = *self.any.get(w)?;
        let bit = 1u64 << (bucket % 64);
        if word & bit == 0 {
            return None;
        }
        let i = self.rank[w] + (word & (bit - 1)).count_ones();
        self.weights.get(i as usize).copied()
    }
}

/// The bank `heads` builds for `lang`, built once: the analysis heads ([`analysis_heads`]) or the identity
/// head alone ([`identity_heads`], the reply checker's). `heads` is passed in, not chosen here, so a build
/// without the reply checker never names the identity blob and leaves its weights out.
fn bank(
    lang: Lang,
    identity: bool,
    heads: fn(Lang) -> [Option<&'static Head>; BANK],
) -> Option<&'static Bank> {
    static CELLS: [OnceLock<Option<Bank>>; 4] = [const { OnceLock::new() }; 4];
    let slot = lang_slot(lang)? + 2 * usize::from(identity);
    CELLS[slot]
        .get_or_init(|| Bank::new(slot, lang, heads(lang)))
        .as_ref()
}

/// The heads every analysis consults ([`BANK_KINDS`]).
fn analysis_heads(lang: Lang) -> [Option<&'static Head>; BANK] {
    BANK_KINDS.map(|k| parsed(k, lang, analysis_blob(k, lang)))
}

/// The identity-attack head alone.
fn identity_heads(lang: Lang) -> [Option<&'static Head>; BANK] {
    [
        parsed(Kind::Identity, lang, identity_blob(lang)),
        None,
        None,
    ]
}

/// The shipped identity-attack head for `lang` (None for [`Lang::Other`] or when no model is compiled in).
pub fn identity_head(lang: Lang) -> Option<&'static Head> {
    shipped(Kind::Identity, lang)
}

/// The raw blob of the shipped identity-attack head for `lang` (empty when there is none). Only the reply
/// checker consults this head: kept out of [`blob`]'s other arms, a build without the checker (the badge
/// WebAssembly module) leaves its weights out.
pub fn identity_blob(lang: Lang) -> &'static [u8] {
    match lang {
        Lang::De => IDENTITY_DE,
        Lang::En => IDENTITY_EN,
        Lang::Other => &[],
    }
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

/// Probability that `text` attacks people for their identity (origin, religion, gender, …), with the words
/// that raised it. None for [`Lang::Other`] or when no model is compiled in.
pub fn identity_attack(text: &str, lang: Lang) -> Option<Scored> {
    let bank = bank(lang, true, identity_heads)?;
    with_scratch(text, |s| {
        s.read_bank(text, bank);
        s.score_banked(bank, 0)
    })
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
    #[cfg(feature = "train")]
    if oof::head_for(Kind::Offence, text, lang).is_some() {
        return read_head_by_head(text, lang);
    }
    let Some(bank) = bank(lang, false, analysis_heads) else {
        return read_head_by_head(text, lang);
    };
    with_scratch(text, |s| {
        s.read_bank(text, bank);
        let offence = s.score_banked(bank, 0);
        let negative = s.score_banked(bank, 1);
        let positive = s.score_banked(bank, 2);
        Read {
            offence,
            polarity: negative.zip(positive),
        }
    })
}

/// [`read_for_analysis`] one head after the other: for heads that form no [`Bank`], and for the training
/// tool's out-of-fold models.
fn read_head_by_head(text: &str, lang: Lang) -> Read {
    let head = |k| parsed(k, lang, analysis_blob(k, lang));
    let (offence, negative, positive) = (
        head(Kind::Offence),
        head(Kind::Negative),
        head(Kind::Positive),
    );
    if offence.is_none() && negative.is_none() {
        return Read::default();
    }
    #[cfg(feature = "train")]
    let offence = oof::head_for(Kind::Offence, text, lang).or(offence);
    with_scratch(text, |s| {
        // each head reads the text only when the scratch does not hold it in the head's feature layout
        // already
        s.read_as = None;
        let score = |h: &Head, s: &mut Scratch| {
            s.ensure_read(text, &h.config);
            h.score_read(s, |b| h.q(b))
        };
        Read {
            offence: offence.map(|h| score(h, s)),
            polarity: negative
                .zip(positive)
                .map(|(n, p)| (score(n, s), score(p, s))),
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
        let slot = lang.pair() + 2 * kind as usize;
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
    fn the_banks_score_like_each_head_alone() {
        // German and English in turn (each language keeps its own word cache), repeated words (cached on
        // second sight), a word pair seen before in another comment, umlauts and an empty text
        let texts = [
            (Lang::De, "Ihr seid doch alle Vollidioten, diese Idioten!"),
            (
                Lang::En,
                "You are all idiots, such idiots. Love the new update though",
            ),
            (
                Lang::De,
                "Die Idioten haben mein Paket verloren. Vollidioten!",
            ),
            (Lang::En, "idiots idiots idiots"),
            (Lang::De, "Überall Müll, schöne Grüße"),
            (Lang::En, ""),
            (Lang::En, "Thank you so much, great service!"),
            // forms longer than 15 bytes (cached by their text), of exactly 15, and one the prefix of another
            (
                Lang::De,
                "Vollpfostenverein, Vollpfostenvereine, Schwachmatenbande und Schwachmatenbanden",
            ),
            (
                Lang::En,
                "incomprehensible incomprehensibly incomprehensibilities, absolute morons",
            ),
        ];
        for (lang, text) in texts {
            for _ in 0..2 {
                assert_eq!(
                    read_for_analysis(text, lang),
                    read_head_by_head(text, lang),
                    "{text}"
                );
                // the identity head reads the same words with its own weights, between two analyses
                assert_eq!(
                    identity_attack(text, lang),
                    shipped(Kind::Identity, lang).map(|h| h.score(text)),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn short_forms_have_distinct_keys() {
        let forms = [
            "",
            "a",
            "a\0",
            "ab",
            "idiot",
            "idioten",
            "fünfzehn-byte",
            "fünfzehn-bytes",
        ];
        let keys: Vec<Option<u128>> = forms.iter().map(|f| short_key(f)).collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(a.is_some(), "{:?} has 15 bytes or fewer", forms[i]);
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(short_key("fünfzehn-bytes!"), None); // 16 bytes
    }

    #[test]
    fn function_words_are_short() {
        for w in STOP_DE.iter().chain(STOP_EN) {
            assert!(w.len() <= 7, "{w}: is_stop skips words longer than 7 bytes");
        }
        assert!(is_stop(Lang::De, "sind") && !is_stop(Lang::De, "rt") && is_stop(Lang::En, "rt"));
    }

    #[test]
    fn scoring_empty_text_is_the_bias() {
        let h = toy();
        let s = h.score("");
        assert!((s.p - sigmoid(-1.0)).abs() < 1e-6);
        assert!(s.contributions.is_empty());
    }
}
