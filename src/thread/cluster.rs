//! Recurring issues: near-identical complaints grouped by the key terms they share.
//!
//! Each complaint is reduced to its key terms (folded words without stop words, cut to a prefix, numbers as
//! one term), then to a MinHash signature. Locality-sensitive hashing (bands of the signature) finds the
//! clusters it may belong to in constant time; it joins the most similar one when the estimated Jaccard
//! similarity to one of the cluster's exemplars reaches the threshold, else it starts a new cluster.
//! Memory is bounded: a fixed number of clusters (singletons are dropped first), exemplars, terms and
//! examples per cluster.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

use super::distinct::{Distinct, hash64};
use super::params::*;
use crate::lexicon::{List, lexicons};
use crate::model::{Signal, Topic};
use crate::text::{TokenKind, Tokens, tokenize};

type Signature = [u64; MINHASH_HASHES];
const BANDS: usize = MINHASH_HASHES / LSH_ROWS;
/// Similarity at or above which a member is not diverse enough to become an exemplar.
const EXEMPLAR_BELOW: f32 = 0.7;
/// Distinct authors counted exactly per cluster.
const CLUSTER_EXACT_AUTHORS: usize = 1024;

/// An example comment of a recurring issue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub id: String,
    /// The text, cut to a bounded length at a character boundary.
    pub text: String,
    pub author: Option<String>,
    pub timestamp: Option<i64>,
    /// Criticality 0–100.
    pub score: u8,
}

/// A group of near-identical complaints from different authors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecurringIssue {
    /// The key terms joined: "Paket · Wochen · angekommen".
    pub label: String,
    /// The key terms, most frequent first (as first written).
    pub terms: Vec<String>,
    /// Comments in the cluster.
    pub size: u64,
    /// Distinct authors (comments without author count as one author each).
    pub authors: u64,
    /// Comments at level respond or escalate.
    pub critical: u64,
    /// Most frequent topic and signal of its comments.
    pub topic: Topic,
    pub signal: Option<Signal>,
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
    /// The most critical examples, from different authors where possible.
    pub examples: Vec<Example>,
}

/// A comment reduced to what clustering needs.
pub(crate) struct Item<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub author: Option<&'a str>,
    pub author_key: u64,
    pub timestamp: Option<i64>,
    pub score: u8,
    pub critical: bool,
    pub topic: Topic,
    pub signals: &'a [Signal],
}

#[derive(Clone, Debug)]
struct Term {
    key: u64,
    display: Box<str>,
    number: bool,
    count: u32,
}

#[derive(Clone, Debug)]
struct Cluster {
    seq: u64,
    size: u64,
    critical: u64,
    authors: Distinct,
    exemplars: Vec<Signature>,
    terms: Vec<Term>,
    examples: Vec<(Example, u64)>,
    topics: [u32; Topic::ALL.len()],
    signals: [u32; Signal::ALL.len()],
    first: Option<i64>,
    last: Option<i64>,
}

/// The clustering state.
#[derive(Debug, Default)]
pub(crate) struct Clusters {
    /// Estimated Jaccard similarity at which a comment joins a cluster.
    pub(crate) threshold: f32,
    clusters: Vec<Cluster>,
    index: FxHashMap<u64, Vec<u32>>,
    seq: u64,
    tokens: Tokens,
    scratch_terms: Vec<(u64, usize, usize, bool)>,
    candidates: Vec<u32>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    hash64(h.finish())
}

fn band_key(band: usize, sig: &Signature) -> u64 {
    let mut h = band as u64 ^ 0x9e37_79b9_7f4a_7c15;
    for v in &sig[band * LSH_ROWS..(band + 1) * LSH_ROWS] {
        h = hash64(h ^ *v);
    }
    h
}

fn similarity(a: &Signature, b: &Signature) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / MINHASH_HASHES as f32
}

fn is_stopword(norm: &str) -> bool {
    let lex = lexicons();
    lex.words
        .get(norm)
        .is_some_and(|ids| ids.iter().any(|&id| lex.entry(id).list == List::Stopword))
}

/// Cuts `s` to at most `max` bytes at a character boundary.
pub(crate) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl Clusters {
    pub(crate) fn new(threshold: f32) -> Self {
        Clusters {
            threshold,
            ..Clusters::default()
        }
    }

    /// Key terms of `text` into `scratch_terms` as (hash, span start, span end, is number), deduplicated.
    fn terms(&mut self, text: &str) {
        tokenize(text, &mut self.tokens);
        self.scratch_terms.clear();
        for t in &self.tokens.tokens {
            if self.scratch_terms.len() >= TERMS_PER_COMMENT {
                break;
            }
            let (key, number) = match t.kind {
                TokenKind::Number => (hash_str("#"), true),
                TokenKind::Word | TokenKind::Hashtag => {
                    let norm = self.tokens.norm_of(t).trim_start_matches('#');
                    if norm.chars().count() < TERM_MIN_CHARS || is_stopword(norm) {
                        continue;
                    }
                    let end = norm
                        .char_indices()
                        .nth(TERM_PREFIX)
                        .map_or(norm.len(), |(i, _)| i);
                    (hash_str(&norm[..end]), false)
                }
                _ => continue,
            };
            if self.scratch_terms.iter().all(|(k, ..)| *k != key) {
                self.scratch_terms
                    .push((key, t.span.start, t.span.end, number));
            }
        }
    }

    /// Adds a complaint. Returns false when it has no key terms.
    pub(crate) fn add(&mut self, item: &Item<'_>) -> bool {
        self.terms(item.text);
        if self.scratch_terms.is_empty() {
            return false;
        }
        let mut sig: Signature = [u64::MAX; MINHASH_HASHES];
        for &(key, ..) in &self.scratch_terms {
            for (i, slot) in sig.iter_mut().enumerate() {
                let v = hash64(key ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                if v < *slot {
                    *slot = v;
                }
            }
        }
        // candidates through the LSH bands
        self.candidates.clear();
        for b in 0..BANDS {
            if let Some(list) = self.index.get(&band_key(b, &sig)) {
                for &c in list {
                    if !self.candidates.contains(&c) {
                        self.candidates.push(c);
                    }
                }
            }
        }
        let threshold = self.threshold;
        let mut best: Option<(usize, f32)> = None;
        for &c in &self.candidates {
            let Some(cl) = self.clusters.get(c as usize) else {
                continue;
            };
            let s = cl
                .exemplars
                .iter()
                .map(|e| similarity(e, &sig))
                .fold(0.0f32, f32::max);
            if s >= threshold && best.is_none_or(|(_, bs)| s > bs) {
                best = Some((c as usize, s));
            }
        }
        let pos = match best {
            Some((pos, s)) => {
                if s < EXEMPLAR_BELOW
                    && self
                        .clusters
                        .get(pos)
                        .is_some_and(|c| c.exemplars.len() < CLUSTER_EXEMPLARS)
                {
                    self.index_signature(pos, &sig);
                    if let Some(c) = self.clusters.get_mut(pos) {
                        c.exemplars.push(sig);
                    }
                }
                pos
            }
            None => {
                if self.clusters.len() >= MAX_CLUSTERS {
                    self.compact();
                }
                self.seq += 1;
                self.clusters.push(Cluster {
                    seq: self.seq,
                    size: 0,
                    critical: 0,
                    authors: Distinct::new(CLUSTER_EXACT_AUTHORS),
                    exemplars: vec![sig],
                    terms: Vec::new(),
                    examples: Vec::new(),
                    topics: [0; Topic::ALL.len()],
                    signals: [0; Signal::ALL.len()],
                    first: None,
                    last: None,
                });
                let pos = self.clusters.len() - 1;
                self.index_signature(pos, &sig);
                pos
            }
        };
        let Some(cl) = self.clusters.get_mut(pos) else {
            return false;
        };
        cl.size += 1;
        cl.critical += u64::from(item.critical);
        cl.authors.insert(item.author_key);
        cl.topics[item.topic.index()] += 1;
        for s in item.signals {
            cl.signals[s.index()] += 1;
        }
        if let Some(ts) = item.timestamp {
            cl.first = Some(cl.first.map_or(ts, |f| f.min(ts)));
            cl.last = Some(cl.last.map_or(ts, |l| l.max(ts)));
        }
        for &(key, start, end, number) in &self.scratch_terms {
            if let Some(t) = cl.terms.iter_mut().find(|t| t.key == key) {
                t.count += 1;
            } else if cl.terms.len() < CLUSTER_TERMS {
                cl.terms.push(Term {
                    key,
                    display: item.text.get(start..end).unwrap_or("").into(),
                    number,
                    count: 1,
                });
            }
        }
        add_example(&mut cl.examples, item);
        true
    }

    fn index_signature(&mut self, pos: usize, sig: &Signature) {
        for b in 0..BANDS {
            let list = self.index.entry(band_key(b, sig)).or_default();
            if !list.contains(&(pos as u32)) {
                list.push(pos as u32);
            }
        }
    }

    /// Drops the older half of the single-comment clusters (or, when there are few, the smaller half of all
    /// clusters) and rebuilds the index. Amortised constant time per comment.
    fn compact(&mut self) {
        let singles = self.clusters.iter().filter(|c| c.size <= 1).count();
        if singles >= MAX_CLUSTERS / 4 {
            let mut seqs: Vec<u64> = self
                .clusters
                .iter()
                .filter(|c| c.size <= 1)
                .map(|c| c.seq)
                .collect();
            seqs.sort_unstable();
            let cutoff = seqs.get(seqs.len() / 2).copied().unwrap_or(0);
            self.clusters.retain(|c| c.size > 1 || c.seq >= cutoff);
        } else {
            self.clusters
                .sort_by(|a, b| b.size.cmp(&a.size).then(a.seq.cmp(&b.seq)));
            self.clusters.truncate(MAX_CLUSTERS / 2);
        }
        self.index.clear();
        let sigs: Vec<(usize, Signature)> = self
            .clusters
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.exemplars.iter().map(move |s| (i, *s)))
            .collect();
        for (i, s) in sigs {
            self.index_signature(i, &s);
        }
    }

    /// The recurring issues: clusters with enough comments and authors, most authors first.
    pub(crate) fn issues(&self, min_size: u64, min_authors: u64) -> Vec<RecurringIssue> {
        let mut picked: Vec<&Cluster> = self
            .clusters
            .iter()
            .filter(|c| c.size >= min_size.max(1) && c.authors.count() >= min_authors)
            .collect();
        picked.sort_by(|a, b| {
            b.authors
                .count()
                .cmp(&a.authors.count())
                .then(b.size.cmp(&a.size))
                .then(a.seq.cmp(&b.seq))
        });
        picked.truncate(REPORTED_CLUSTERS);
        picked.into_iter().map(issue).collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.clusters.len()
    }
}

fn add_example(examples: &mut Vec<(Example, u64)>, item: &Item<'_>) {
    let ex = || Example {
        id: item.id.to_string(),
        text: cut(item.text, KEPT_TEXT_BYTES).to_string(),
        author: item.author.map(str::to_string),
        timestamp: item.timestamp,
        score: item.score,
    };
    if let Some(same) = examples.iter_mut().find(|(_, a)| *a == item.author_key) {
        if item.score > same.0.score {
            same.0 = ex();
        }
        return;
    }
    if examples.len() < CLUSTER_EXAMPLES {
        examples.push((ex(), item.author_key));
    } else if let Some(low) = examples.iter_mut().min_by_key(|(e, _)| e.score) {
        if item.score > low.0.score {
            *low = (ex(), item.author_key);
        }
    }
}

fn issue(c: &Cluster) -> RecurringIssue {
    let mut terms: Vec<&Term> = c.terms.iter().filter(|t| !t.number).collect();
    // most frequent first; ties keep the order of first appearance
    terms.sort_by(|a, b| b.count.cmp(&a.count));
    let words: Vec<String> = terms
        .iter()
        .take(8)
        .map(|t| t.display.to_string())
        .collect();
    let label = words
        .iter()
        .take(LABEL_TERMS)
        .cloned()
        .collect::<Vec<_>>()
        .join(" · ");
    let topic = Topic::ALL
        .into_iter()
        .filter(|t| *t != Topic::Other)
        .max_by_key(|t| (c.topics[t.index()], std::cmp::Reverse(t.index())))
        .filter(|t| c.topics[t.index()] > 0)
        .unwrap_or(Topic::Other);
    let signal = Signal::ALL
        .into_iter()
        .filter(|s| !matches!(s, Signal::Question | Signal::Praise | Signal::Spam))
        .max_by_key(|s| (c.signals[s.index()], std::cmp::Reverse(s.index())))
        .filter(|s| c.signals[s.index()] > 0);
    let mut examples: Vec<Example> = c.examples.iter().map(|(e, _)| e.clone()).collect();
    examples.sort_by(|a, b| b.score.cmp(&a.score));
    RecurringIssue {
        label,
        terms: words,
        size: c.size,
        authors: c.authors.count(),
        critical: c.critical,
        topic,
        signal,
        first_seen: c.first,
        last_seen: c.last,
        examples,
    }
}
