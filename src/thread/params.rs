//! Every tunable number of the thread summary, named, with where its value comes from.
//!
//! "playbook" marks values that encode the crisis playbook (when a thread needs attention), set by judgement
//! and checked on the synthetic threads in `tests/thread.rs`; "stats" marks textbook statistics choices;
//! "budget" marks caps that bound memory and output size, chosen so that 1,000,000 comments fit in a few
//! megabytes of state.
//!
//! The defaults are collected in [`Thresholds::default`]; every field can be changed per call
//! (`ThreadState::with_thresholds`), and the summary reports the values it used.

use serde::{Deserialize, Serialize};

/// The thresholds a summary is judged by. Reported back in [`super::ThreadSummary::thresholds`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    // ---- tense --------------------------------------------------------------------------------------------
    /// Share of critical comments (level respond or escalate) at which a thread is tense. playbook.
    pub tense_critical_share: f32,
    /// … and the minimum number of critical comments for that share to count. playbook.
    pub tense_min_critical: u64,
    /// Distinct authors behind critical comments at which a thread is tense regardless of the share. playbook.
    pub tense_critical_authors: u64,
    /// Distinct authors in one recurring issue at which a thread is tense. playbook.
    pub tense_cluster_authors: u64,
    // ---- crisis -------------------------------------------------------------------------------------------
    /// Share of critical comments at which a thread is in crisis … playbook.
    pub crisis_critical_share: f32,
    /// … when at least this many distinct authors wrote them (one angry person is not a pile-on). playbook.
    pub crisis_critical_authors: u64,
    /// Distinct authors raising safety, legal or privacy problems at which a thread is in crisis. playbook.
    pub crisis_severe_authors: u64,
    /// Distinct authors in one recurring issue at which a thread is in crisis. playbook.
    pub crisis_cluster_authors: u64,
    /// Critical comments in the spike hour at which a velocity spike alone means crisis … playbook.
    pub crisis_spike_critical: u64,
    // ---- few loud voices ----------------------------------------------------------------------------------
    /// Share of the critical comments written by the [`Self::loud_top_authors`] most active critics at which
    /// the criticism counts as a few loud voices (trolls, one angry customer) rather than a broad pile-on.
    /// playbook.
    pub loud_share: f32,
    /// How many of the most active critical authors are looked at for [`Self::loud_share`]. playbook.
    pub loud_top_authors: u64,
    // ---- velocity -----------------------------------------------------------------------------------------
    /// Hours before the current hour that form the baseline of the spike test. stats (one day of history).
    pub baseline_hours: u32,
    /// A spike: critical comments this hour > mean + k·SD of the baseline hours. stats (k = 3, the usual
    /// control-chart limit).
    pub spike_k: f32,
    /// Floor on the baseline SD, so that a quiet baseline (all zeros) does not turn 1 comment into a spike.
    /// stats (Poisson: an hourly count of 1 has SD 1).
    pub spike_sd_floor: f32,
    /// Minimum critical comments in an hour for a spike. playbook.
    pub spike_min_critical: u64,
    /// Hours of history an hour needs before it can spike (the first hours of a thread have no baseline).
    /// stats.
    pub spike_min_baseline_hours: u32,
    // ---- recurring issues ---------------------------------------------------------------------------------
    /// Share of a comment's key terms that must already be key terms of a cluster for the comment to join
    /// it (and at least two terms). judgement on the synthetic threads (paraphrases of one complaint share
    /// about half of their key terms with the earlier ones).
    pub cluster_similarity: f32,
    /// Minimum comments and distinct authors for a cluster to be reported as a recurring issue. playbook.
    pub cluster_min_size: u64,
    pub cluster_min_authors: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            tense_critical_share: 0.15,
            tense_min_critical: 3,
            tense_critical_authors: 5,
            tense_cluster_authors: 3,
            crisis_critical_share: 0.35,
            crisis_critical_authors: 10,
            crisis_severe_authors: 5,
            crisis_cluster_authors: 15,
            crisis_spike_critical: 10,
            loud_share: 0.6,
            loud_top_authors: 3,
            baseline_hours: 24,
            spike_k: 3.0,
            spike_sd_floor: 1.0,
            spike_min_critical: 5,
            spike_min_baseline_hours: 3,
            cluster_similarity: 0.5,
            cluster_min_size: 3,
            cluster_min_authors: 2,
        }
    }
}

impl Thresholds {
    /// Every threshold as (name, value), in declaration order, for reports.
    pub fn entries(&self) -> Vec<(&'static str, f64)> {
        let r = |x: f64| (x * 1e4).round() / 1e4;
        vec![
            ("tense_critical_share", r(self.tense_critical_share as f64)),
            ("tense_min_critical", r(self.tense_min_critical as f64)),
            (
                "tense_critical_authors",
                r(self.tense_critical_authors as f64),
            ),
            (
                "tense_cluster_authors",
                r(self.tense_cluster_authors as f64),
            ),
            (
                "crisis_critical_share",
                r(self.crisis_critical_share as f64),
            ),
            (
                "crisis_critical_authors",
                r(self.crisis_critical_authors as f64),
            ),
            (
                "crisis_severe_authors",
                r(self.crisis_severe_authors as f64),
            ),
            (
                "crisis_cluster_authors",
                r(self.crisis_cluster_authors as f64),
            ),
            (
                "crisis_spike_critical",
                r(self.crisis_spike_critical as f64),
            ),
            ("loud_share", r(self.loud_share as f64)),
            ("loud_top_authors", r(self.loud_top_authors as f64)),
            ("baseline_hours", r(self.baseline_hours as f64)),
            ("spike_k", r(self.spike_k as f64)),
            ("spike_sd_floor", r(self.spike_sd_floor as f64)),
            ("spike_min_critical", r(self.spike_min_critical as f64)),
            (
                "spike_min_baseline_hours",
                r(self.spike_min_baseline_hours as f64),
            ),
            ("cluster_similarity", r(self.cluster_similarity as f64)),
            ("cluster_min_size", r(self.cluster_min_size as f64)),
            ("cluster_min_authors", r(self.cluster_min_authors as f64)),
        ]
    }
}

// ---- key terms (recurring issues) ---------------------------------------------------------------------------

/// Key terms are cut to this many characters of their folded form, a crude stemmer that joins
/// Paket/Pakete, explodiert/Explosion, refund/refunded. judgement.
pub const TERM_PREFIX: usize = 5;
/// Words shorter than this (in folded characters) are not key terms. judgement.
pub const TERM_MIN_CHARS: usize = 3;
/// At most this many key terms per comment (the first ones). budget.
pub const TERMS_PER_COMMENT: usize = 24;
/// From this size on, a cluster's two most frequent terms are its key terms: a comment that holds both joins
/// it however many other words it has ("Akku … Laden" in every paraphrase of a battery fire). judgement.
pub const KEY_TERMS_FROM: u64 = 3;
/// Clusters listed per key term in the inverted index (enough for any realistic thread; a term shared by
/// more clusters is too generic to join them). budget.
pub const POSTINGS: usize = 64;
/// Distinct key terms counted per cluster (for its label). budget.
pub const CLUSTER_TERMS: usize = 32;
/// Example comments kept per cluster (the most critical, distinct authors first). budget.
pub const CLUSTER_EXAMPLES: usize = 3;
/// Clusters kept in memory; when reached, the older half of the single-comment clusters is dropped
/// (or the smaller half of all). budget.
pub const MAX_CLUSTERS: usize = 4096;
/// The largest clusters looked at when a summary merges clusters of the same issue. budget.
pub const MERGE_CANDIDATES: usize = 200;
/// Recurring issues reported in a summary. budget.
pub const REPORTED_CLUSTERS: usize = 10;
/// Terms in a cluster label. judgement.
pub const LABEL_TERMS: usize = 3;

// ---- the rest -----------------------------------------------------------------------------------------------

/// Top comments to answer first, kept and reported. budget.
pub const TOP_COMMENTS: usize = 10;
/// Names (and ids) of the people who posted the same top comment, listed at most. budget.
pub const LISTED_POSTERS: usize = 10;
/// Characters of a comment's text kept in a summary (examples, top comments); evidence beyond is dropped.
/// budget.
pub const KEPT_TEXT_BYTES: usize = 1000;
/// Criticality points added per direct reply a top comment received (a visible discussion needs an answer
/// sooner), at most [`REPLY_BONUS_MAX`]. playbook.
pub const REPLY_BONUS: f32 = 2.0;
pub const REPLY_BONUS_MAX: f32 = 10.0;
/// Timeline buckets reported in a summary; longer threads get wider buckets. budget.
pub const TIMELINE_BUCKETS: usize = 240;
/// Buckets kept in memory; beyond, the bucket width doubles. budget (20,000 hours ≈ 2.3 years).
pub const MAX_BUCKETS: usize = 20_000;
/// Distinct authors counted exactly per counter; beyond, a HyperLogLog sketch estimates (≈ 3 % error).
/// budget.
pub const EXACT_DISTINCT: usize = 50_000;
/// Critical authors whose comment counts are tracked (for the few-loud-voices test). budget.
pub const TRACKED_AUTHORS: usize = 10_000;
