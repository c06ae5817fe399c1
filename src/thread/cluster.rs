//! Recurring issues: near-identical complaints grouped by the key terms they share.
//!
//! Each complaint is reduced to its key terms: folded words without function words (stop words, negators,
//! intensifiers, contrast and addressee words of the lexicons), cut to a prefix so that inflections meet,
//! numbers as one term. An inverted index from term to clusters finds, in time proportional to the
//! comment's terms, the clusters that share terms with it; the comment joins the cluster that contains the
//! largest share of its terms (at least [`super::Thresholds::cluster_similarity`] and two terms), else it
//! starts a new one. Memory is bounded: a fixed number of clusters (single comments are dropped first),
//! terms per cluster, postings per term and examples per cluster.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

use super::distinct::{Distinct, hash64};
use super::params::*;
use crate::lexicon::{List, lexicons};
use crate::model::{Signal, Topic};
use crate::text::{TokenKind, Tokens, tokenize};

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
    terms: Vec<Term>,
    /// The two most frequent word terms (not numbers): a comment holding both belongs here.
    key_terms: [u64; 2],
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
    /// Term → clusters whose profile holds it (at most [`POSTINGS`] each).
    index: FxHashMap<u64, Vec<u32>>,
    seq: u64,
    tokens: Tokens,
    scratch_terms: Vec<(u64, usize, usize, bool)>,
    shared: FxHashMap<u32, u32>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    hash64(h.finish())
}

/// Function words: stop words, negators, intensifiers, contrast and addressee words of any language.
fn is_function_word(norm: &str) -> bool {
    let lex = lexicons();
    lex.words.get(norm).is_some_and(|ids| {
        ids.iter().any(|&id| {
            matches!(
                lex.entry(id).list,
                List::Stopword
                    | List::Negator
                    | List::Intensifier
                    | List::Contrast
                    | List::Addressee
            )
        })
    })
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
                    if norm.chars().count() < TERM_MIN_CHARS || is_function_word(norm) {
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
        // count shared terms per cluster through the index
        self.shared.clear();
        for &(key, ..) in &self.scratch_terms {
            if let Some(list) = self.index.get(&key) {
                for &c in list {
                    *self.shared.entry(c).or_insert(0) += 1;
                }
            }
        }
        let n = self.scratch_terms.len() as u32;
        let need = n.min(2);
        let mut best: Option<(usize, f32, u64)> = None;
        for (&c, &k) in &self.shared {
            if k < need {
                continue;
            }
            let Some(cl) = self.clusters.get(c as usize) else {
                continue;
            };
            let size = cl.size;
            let mut share = k as f32 / n as f32;
            if size >= KEY_TERMS_FROM
                && cl.key_terms[1] != 0
                && cl
                    .key_terms
                    .iter()
                    .all(|kt| self.scratch_terms.iter().any(|(t, ..)| t == kt))
            {
                // holds the cluster's two key terms: as good as a full match
                share = share.max(self.threshold);
            }
            if share >= self.threshold
                && best.is_none_or(|(_, bs, bsize)| share > bs || (share == bs && size > bsize))
            {
                best = Some((c as usize, share, size));
            }
        }
        let pos = match best {
            Some((pos, ..)) => pos,
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
                    terms: Vec::new(),
                    key_terms: [0; 2],
                    examples: Vec::new(),
                    topics: [0; Topic::ALL.len()],
                    signals: [0; Signal::ALL.len()],
                    first: None,
                    last: None,
                });
                self.clusters.len() - 1
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
                let list = self.index.entry(key).or_default();
                if list.len() < POSTINGS {
                    list.push(pos as u32);
                }
            }
        }
        update_key_terms(cl);
        add_example(&mut cl.examples, item);
        true
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
        for (i, c) in self.clusters.iter().enumerate() {
            for t in &c.terms {
                let list = self.index.entry(t.key).or_default();
                if list.len() < POSTINGS {
                    list.push(i as u32);
                }
            }
        }
    }

    /// The recurring issues: clusters with enough comments and authors, most authors first. Clusters that
    /// hold both key terms of a larger one are the same issue told differently and are merged into it.
    pub(crate) fn issues(&self, min_size: u64, min_authors: u64) -> Vec<RecurringIssue> {
        let mut picked: Vec<&Cluster> = self.clusters.iter().collect();
        picked.sort_by(|a, b| b.size.cmp(&a.size).then(a.seq.cmp(&b.seq)));
        picked.truncate(MERGE_CANDIDATES);
        let mut merged: Vec<Cluster> = Vec::new();
        for c in picked {
            let into = merged.iter_mut().find(|m| {
                m.size >= KEY_TERMS_FROM
                    && m.key_terms[1] != 0
                    && m.key_terms
                        .iter()
                        .all(|k| c.terms.iter().any(|t| t.key == *k))
            });
            match into {
                Some(m) => merge_into(m, c),
                None => merged.push(c.clone()),
            }
        }
        merged.retain(|c| c.size >= min_size.max(1) && c.authors.count() >= min_authors);
        merged.sort_by(|a, b| {
            b.authors
                .count()
                .cmp(&a.authors.count())
                .then(b.size.cmp(&a.size))
                .then(a.seq.cmp(&b.seq))
        });
        merged.truncate(REPORTED_CLUSTERS);
        merged.iter().map(issue).collect()
    }

    pub(crate) fn len(&self) -> usize {
        self.clusters.len()
    }
}

fn merge_into(m: &mut Cluster, c: &Cluster) {
    m.size += c.size;
    m.critical += c.critical;
    m.authors.merge(&c.authors);
    for (a, b) in m.topics.iter_mut().zip(c.topics.iter()) {
        *a += b;
    }
    for (a, b) in m.signals.iter_mut().zip(c.signals.iter()) {
        *a += b;
    }
    m.first = match (m.first, c.first) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    m.last = match (m.last, c.last) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    for t in &c.terms {
        if let Some(mt) = m.terms.iter_mut().find(|x| x.key == t.key) {
            mt.count += t.count;
        } else if m.terms.len() < CLUSTER_TERMS {
            m.terms.push(t.clone());
        }
    }
    for (e, a) in &c.examples {
        if m.examples
            .iter()
            .any(|(me, ma)| ma == a || me.text == e.text)
        {
            continue;
        }
        if m.examples.len() < CLUSTER_EXAMPLES {
            m.examples.push((e.clone(), *a));
        } else if let Some(low) = m.examples.iter_mut().min_by_key(|(x, _)| x.score)
            && e.score > low.0.score
        {
            *low = (e.clone(), *a);
        }
    }
    update_key_terms(m);
}

fn update_key_terms(cl: &mut Cluster) {
    let mut best: [(u32, u64); 2] = [(0, 0); 2];
    // content words of four letters or more ("hat", "got" join nothing)
    let long = cl
        .terms
        .iter()
        .filter(|t| !t.number && t.display.chars().count() >= 4)
        .count();
    for t in cl
        .terms
        .iter()
        .filter(|t| !t.number && (long < 2 || t.display.chars().count() >= 4))
    {
        if t.count > best[0].0 {
            best[1] = best[0];
            best[0] = (t.count, t.key);
        } else if t.count > best[1].0 {
            best[1] = (t.count, t.key);
        }
    }
    cl.key_terms = [best[0].1, best[1].1];
}

fn add_example(examples: &mut Vec<(Example, u64)>, item: &Item<'_>) {
    let ex = || Example {
        id: item.id.to_string(),
        text: cut(item.text, KEPT_TEXT_BYTES).to_string(),
        author: item.author.map(str::to_string),
        timestamp: item.timestamp,
        score: item.score,
    };
    // different authors and different wording first: the examples should show the range of the issue
    if let Some(same) = examples
        .iter_mut()
        .find(|(e, a)| *a == item.author_key || e.text == cut(item.text, KEPT_TEXT_BYTES))
    {
        if item.score > same.0.score {
            same.0 = ex();
        }
        return;
    }
    if examples.len() < CLUSTER_EXAMPLES {
        examples.push((ex(), item.author_key));
    } else if let Some(low) = examples.iter_mut().min_by_key(|(e, _)| e.score)
        && item.score > low.0.score
    {
        *low = (ex(), item.author_key);
    }
}

fn issue(c: &Cluster) -> RecurringIssue {
    let mut terms: Vec<&Term> = c.terms.iter().filter(|t| !t.number).collect();
    // most frequent first; ties keep the order of first appearance
    terms.sort_by_key(|t| std::cmp::Reverse(t.count));
    let words: Vec<String> = terms
        .iter()
        .take(8)
        .map(|t| t.display.to_string())
        .collect();
    // the label prefers content words of four letters or more ("hat", "got" say little)
    let mut label_terms: Vec<&str> = terms
        .iter()
        .filter(|t| t.display.chars().count() >= 4)
        .take(LABEL_TERMS)
        .map(|t| &*t.display)
        .collect();
    if label_terms.is_empty() {
        label_terms = terms
            .iter()
            .take(LABEL_TERMS)
            .map(|t| &*t.display)
            .collect();
    }
    let label = label_terms.join(" · ");
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
    examples.sort_by_key(|e| std::cmp::Reverse(e.score));
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
