//! Thread early warning: one summary of a whole comment thread — is it calm, tense or in crisis, why, what
//! recurs, which comments to answer first and what to do next.
//!
//! Built on [`crate::analyze`]: every comment is analysed once and folded into bounded running state
//! ([`ThreadState`]): counters, per-hour buckets, a clustering sketch and small top-k lists. Adding comments
//! updates the state in (amortised) constant time; [`ThreadState::summary`] reads it in time proportional to
//! the number of clusters and hours, never to the number of comments.
//!
//! ```
//! use krisenradar::thread::{CommentIn, Status, summarize_thread};
//!
//! let comments: Vec<CommentIn> = (0..20)
//!     .map(|i| CommentIn::new(format!("c{i}"), "Schönes Produkt, bin sehr zufrieden.").with_author(format!("user{i}")))
//!     .collect();
//! let summary = summarize_thread(&comments);
//! assert_eq!(summary.status, Status::Calm);
//! ```
//!
//! Thresholds are documented and tunable in [`params`]; a summary reports the ones it used.

mod cluster;
mod distinct;
pub mod params;
mod timeline;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use serde::{Deserialize, Serialize};

use crate::analyze::{Options, analyze};
use crate::model::*;
use crate::text::count;

pub use cluster::{Example, RecurringIssue};
pub use params::Thresholds;
pub use timeline::{Bucket, Counts, HourTest, Timeline, Trend, Velocity};

use cluster::{Clusters, Item, cut};
use distinct::{Distinct, hash64};
use params::*;

/// One comment of a thread. Everything but `text` is optional; plain JSON works
/// (`{"id": "1", "text": "…", "author": "anna", "timestamp": 1790000000, "parent": null}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommentIn {
    pub id: String,
    pub text: String,
    /// Who wrote it (a name or a platform id); comments without author count as different authors.
    pub author: Option<String>,
    /// When it was written, unix seconds (UTC). Times outside the years 1 to 9999 ([`TIMESTAMP_RANGE`]) are
    /// read as missing.
    pub timestamp: Option<i64>,
    /// The id of the comment it answers.
    pub parent: Option<String>,
}

impl CommentIn {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        CommentIn {
            id: id.into(),
            text: text.into(),
            ..CommentIn::default()
        }
    }
    pub fn with_author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }
    pub fn with_timestamp(mut self, ts: i64) -> Self {
        self.timestamp = Some(ts);
        self
    }
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }
    /// The timestamp when it lies in [`TIMESTAMP_RANGE`]; anything else counts as missing.
    pub fn plausible_timestamp(&self) -> Option<i64> {
        self.timestamp.filter(|t| TIMESTAMP_RANGE.contains(t))
    }
}

/// The timestamps a thread uses: 0001-01-01 to 9999-12-31 (unix seconds). Anything else (a float of
/// ±1e300 saturated to `i64`, a timestamp in microseconds) is an input error, not a date, and would make the
/// timeline span more hours than can be counted or written to JavaScript.
pub const TIMESTAMP_RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// The state of a thread, in the playbook's terms.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Calm,
    Tense,
    Crisis,
}

impl Status {
    pub const fn key(self) -> &'static str {
        match self {
            Status::Calm => "calm",
            Status::Tense => "tense",
            Status::Crisis => "crisis",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        let de = lang == Lang::De;
        match self {
            Status::Calm => pick(de, "ruhig", "calm"),
            Status::Tense => pick(de, "angespannt", "tense"),
            Status::Crisis => pick(de, "Krise", "crisis"),
        }
    }
}

/// Why the thread got its status: a measured value against the threshold it crossed (or, for a calm thread,
/// the nearest one it did not).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusReason {
    /// Stable key: `critical_share`, `critical_authors`, `severe_authors`, `recurring_issue`, `spike`,
    /// `escalate_comments`, `few_loud_voices`, `below_thresholds`.
    pub code: String,
    /// The status this reason argues for.
    pub status: Status,
    /// The reason in words, in the UI language.
    pub message: String,
    pub value: f64,
    pub threshold: f64,
}

/// The clock a thread's times are written in. Timestamps are seconds since 1970-01-01 on that clock: for
/// [`Clock::Utc`] unix time, for the others the wall-clock time that is shown, so that hours and days fall
/// where the reader expects them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "zone")]
pub enum Clock {
    /// Unix time, shown in UTC (every time carried a zone or was a unix time).
    #[default]
    Utc,
    /// Local times as the export wrote them, in a zone the export does not name.
    Local,
    /// Times with a zone converted to UTC, times without one as the export wrote them.
    Mixed,
    /// Times in this IANA zone (`Europe/Berlin`): converted when the export gave a zone, read as local time
    /// in this zone when it did not.
    Zone(String),
}

impl Clock {
    /// How the times are meant, for a caption: "UTC", "Ortszeit laut Export", "Europe/Berlin".
    pub fn label(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            Clock::Utc => "UTC".into(),
            Clock::Local => pick(de, "Ortszeit laut Export", "local time as exported").into(),
            Clock::Mixed => pick(
                de,
                "UTC, wo der Export eine Zeitzone nennt, sonst Ortszeit laut Export",
                "UTC where the export gives a zone, else local time as exported",
            )
            .into(),
            Clock::Zone(z) => z.clone(),
        }
    }

    /// A time with its clock: `2026-11-21 14:03 UTC`, `2026-11-21 14:03 Europe/Berlin`,
    /// `2026-11-21 14:03, Ortszeit laut Export`.
    pub fn time(&self, ts: i64, lang: Lang) -> String {
        match self {
            Clock::Utc | Clock::Zone(_) => format!("{} {}", format_time(ts), self.label(lang)),
            Clock::Local | Clock::Mixed => format!("{}, {}", format_time(ts), self.label(lang)),
        }
    }
}

/// What to do next, in the playbook's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    EscalatePr,
    EscalateManagement,
    EscalateLegal,
    RespondPublicly,
    MoveToPrivate,
    Moderate,
    Monitor,
}

impl ActionKind {
    pub const fn key(self) -> &'static str {
        match self {
            ActionKind::EscalatePr => "escalate_pr",
            ActionKind::EscalateManagement => "escalate_management",
            ActionKind::EscalateLegal => "escalate_legal",
            ActionKind::RespondPublicly => "respond_publicly",
            ActionKind::MoveToPrivate => "move_to_private",
            ActionKind::Moderate => "moderate",
            ActionKind::Monitor => "monitor",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        let de = lang == Lang::De;
        match self {
            ActionKind::EscalatePr => {
                pick(de, "An PR / Kommunikation eskalieren", "Escalate to PR")
            }
            ActionKind::EscalateManagement => pick(
                de,
                "An die Geschäftsführung eskalieren",
                "Escalate to management",
            ),
            ActionKind::EscalateLegal => pick(
                de,
                "An Rechtsabteilung / Datenschutz eskalieren",
                "Escalate to legal / data protection",
            ),
            ActionKind::RespondPublicly => pick(de, "Öffentlich antworten", "Respond publicly"),
            ActionKind::MoveToPrivate => pick(
                de,
                "In die Direktnachricht verlagern",
                "Move to a private message",
            ),
            ActionKind::Moderate => pick(de, "Moderieren", "Moderate"),
            ActionKind::Monitor => pick(de, "Beobachten", "Monitor"),
        }
    }
}

/// A recommended next action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub kind: ActionKind,
    /// The action in words, in the UI language.
    pub message: String,
    /// The comments it concerns (the most critical few).
    pub comment_ids: Vec<String>,
}

/// A comment to answer first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopComment {
    pub id: String,
    pub author: Option<String>,
    pub timestamp: Option<i64>,
    pub parent: Option<String>,
    /// The text (cut to a bounded length; evidence beyond the cut is dropped).
    pub text: String,
    /// Direct replies seen while it was among the top comments.
    pub replies: u32,
    /// Criticality plus a bonus for replies: the order to answer in.
    pub priority: f32,
    pub analysis: Analysis,
    /// How often this text was posted (the same text up to case and white space); 1 when once. Repeats
    /// take no place of their own in the list.
    #[serde(default = "one")]
    pub posts: u32,
    /// Who posted it, first poster first, each name once (at most [`LISTED_POSTERS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posters: Vec<String>,
    /// The ids of the repeats (at most [`LISTED_POSTERS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeat_ids: Vec<String>,
    /// The hash of the text up to case and white space, to find repeats.
    #[serde(skip)]
    pub text_key: u64,
}

const fn one() -> u32 {
    1
}

/// The hash of a text up to case and white space: "Wo ist  mein PAKET?" and "wo ist mein paket?" match.
fn text_key(text: &str) -> u64 {
    let mut h = FxHasher::default();
    for word in text.split_whitespace() {
        for c in word.chars().flat_map(char::to_lowercase) {
            c.hash(&mut h);
        }
        ' '.hash(&mut h);
    }
    h.finish()
}

/// The summary of a thread.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummary {
    pub status: Status,
    /// Why, most severe first.
    pub reasons: Vec<StatusReason>,
    /// The thresholds the status was judged by.
    pub thresholds: Thresholds,
    /// Language of the messages.
    pub ui_lang: Lang,
    pub comments: u64,
    /// Comments that answer another comment.
    pub replies: u64,
    /// Distinct authors (comments without author count as one author each).
    pub authors: u64,
    pub with_author: u64,
    pub with_timestamp: u64,
    pub levels: BTreeMap<Level, u64>,
    /// Comments at level respond or escalate.
    pub critical: u64,
    pub critical_share: f32,
    pub critical_authors: u64,
    pub negative: u64,
    pub negative_share: f32,
    /// How many distinct authors wrote negative comments (one angry person ≠ a pile-on).
    pub negative_authors: u64,
    pub toxic: u64,
    pub toxic_share: f32,
    pub toxic_authors: u64,
    /// Distinct authors raising safety, legal or privacy problems or threatening violence.
    pub severe_authors: u64,
    /// Share of the critical comments written by the most active critical authors.
    pub loudest_share: f32,
    pub signals: BTreeMap<Signal, u64>,
    pub categories: BTreeMap<Category, u64>,
    pub topics: BTreeMap<Topic, u64>,
    /// Topics of the negative or critical comments: what people complained about.
    pub complaint_topics: BTreeMap<Topic, u64>,
    /// The clock of every timestamp in the summary.
    #[serde(default)]
    pub clock: Clock,
    pub first_timestamp: Option<i64>,
    pub last_timestamp: Option<i64>,
    pub velocity: Option<Velocity>,
    pub timeline: Option<Timeline>,
    pub recurring: Vec<RecurringIssue>,
    pub top_comments: Vec<TopComment>,
    pub actions: Vec<Action>,
}

/// Summarises a thread with the default options (English messages) and thresholds.
pub fn summarize_thread(comments: &[CommentIn]) -> ThreadSummary {
    summarize_thread_with(comments, &Options::default(), &Thresholds::default())
}

/// Summarises a thread with the given analysis options (UI language, sensitivity, watch words) and thresholds.
pub fn summarize_thread_with(
    comments: &[CommentIn],
    opts: &Options,
    thresholds: &Thresholds,
) -> ThreadSummary {
    let mut state = ThreadState::new(opts.clone()).with_thresholds(thresholds.clone());
    for c in comments {
        state.push(c);
    }
    state.summary()
}

/// The most critical few comment ids for one action.
#[derive(Clone, Debug, Default)]
struct TopIds(Vec<(u8, String)>);

const ACTION_IDS: usize = 5;

impl TopIds {
    fn add(&mut self, score: u8, id: &str) {
        if self.0.len() < ACTION_IDS {
            self.0.push((score, id.to_string()));
        } else if let Some(low) = self.0.iter_mut().min_by_key(|(s, _)| *s)
            && score > low.0
        {
            *low = (score, id.to_string());
        }
    }
    fn ids(&self) -> Vec<String> {
        let mut v = self.0.clone();
        v.sort_by_key(|x| std::cmp::Reverse(x.0));
        v.into_iter().map(|(_, id)| id).collect()
    }
}

#[derive(Debug, Default)]
struct ActionIds {
    public: TopIds,
    private: TopIds,
    legal: TopIds,
    safety: TopIds,
    toxic: TopIds,
    hate: TopIds,
    public_count: u64,
    private_count: u64,
    legal_count: u64,
    safety_count: u64,
    hate_count: u64,
}

/// Running state of a thread: add comments with [`ThreadState::push`], read [`ThreadState::summary`] at any
/// time. Memory is bounded (see [`params`]): counters, at most [`params::MAX_BUCKETS`] time buckets, at most
/// [`params::MAX_CLUSTERS`] clusters and small top-k lists.
#[derive(Debug)]
pub struct ThreadState {
    opts: Options,
    th: Thresholds,
    comments: u64,
    replies: u64,
    with_author: u64,
    with_ts: u64,
    authors: Distinct,
    critical_authors: Distinct,
    negative_authors: Distinct,
    toxic_authors: Distinct,
    severe_authors: Distinct,
    levels: [u64; 3],
    signals: [u64; Signal::ALL.len()],
    categories: [u64; Category::ALL.len()],
    topics: [u64; Topic::ALL.len()],
    complaint_topics: [u64; Topic::ALL.len()],
    critical: u64,
    negative: u64,
    toxic: u64,
    author_critical: FxHashMap<u64, u32>,
    hours: timeline::Hours,
    clusters: Clusters,
    top: Vec<TopComment>,
    ids: ActionIds,
    clock: Clock,
}

impl Default for ThreadState {
    fn default() -> Self {
        ThreadState::new(Options::default())
    }
}

fn author_key(author: Option<&str>, anon: u64) -> u64 {
    match author.map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => {
            let mut h = FxHasher::default();
            crate::text::fold(a).hash(&mut h);
            hash64(h.finish())
        }
        None => hash64(anon ^ 0xa5a5_5a5a_0f0f_f0f0),
    }
}

const fn level_index(l: Level) -> usize {
    match l {
        Level::Monitor => 0,
        Level::Respond => 1,
        Level::Escalate => 2,
    }
}

impl ThreadState {
    pub fn new(opts: Options) -> Self {
        let th = Thresholds::default();
        ThreadState {
            opts,
            clusters: Clusters::new(th.cluster_similarity),
            th,
            comments: 0,
            replies: 0,
            with_author: 0,
            with_ts: 0,
            authors: Distinct::new(EXACT_DISTINCT),
            critical_authors: Distinct::new(EXACT_DISTINCT),
            negative_authors: Distinct::new(EXACT_DISTINCT),
            toxic_authors: Distinct::new(EXACT_DISTINCT),
            severe_authors: Distinct::new(EXACT_DISTINCT),
            levels: [0; 3],
            signals: [0; Signal::ALL.len()],
            categories: [0; Category::ALL.len()],
            topics: [0; Topic::ALL.len()],
            complaint_topics: [0; Topic::ALL.len()],
            critical: 0,
            negative: 0,
            toxic: 0,
            author_critical: FxHashMap::default(),
            hours: timeline::Hours::default(),
            top: Vec::new(),
            ids: ActionIds::default(),
            clock: Clock::Utc,
        }
    }

    /// Use these thresholds (any time: the status is judged when the summary is read; the clustering
    /// similarity applies to comments added from now on).
    pub fn with_thresholds(mut self, th: Thresholds) -> Self {
        self.clusters.threshold = th.cluster_similarity;
        self.th = th;
        self
    }

    /// The clock the timestamps are on (default: unix time, UTC); it only labels them.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Comments added so far.
    pub fn len(&self) -> u64 {
        self.comments
    }

    pub fn is_empty(&self) -> bool {
        self.comments == 0
    }

    /// Clusters held in memory (bounded by [`params::MAX_CLUSTERS`]).
    pub fn clusters_in_memory(&self) -> usize {
        self.clusters.len()
    }

    /// Analyses a comment and adds it.
    pub fn push(&mut self, c: &CommentIn) {
        let a = analyze(&c.text, &self.opts);
        self.push_analyzed(c, &a);
    }

    /// Adds a comment that was already analysed (with the same options).
    pub fn push_analyzed(&mut self, c: &CommentIn, a: &Analysis) {
        let timestamp = c.plausible_timestamp();
        self.comments += 1;
        let author = c.author.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let key = author_key(author, self.comments);
        self.with_author += u64::from(author.is_some());
        self.authors.insert(key);
        let level = a.criticality.level;
        let negative = a.sentiment.label == SentimentLabel::Negative;
        let toxic = a.toxicity.toxic;
        self.levels[level_index(level)] += 1;
        for s in &a.signals {
            self.signals[s.index()] += 1;
        }
        for k in &a.toxicity.categories {
            self.categories[k.index()] += 1;
        }
        self.topics[a.topic.index()] += 1;
        let negative_signal = a.signals.iter().any(|s| {
            matches!(
                s,
                Signal::Complaint
                    | Signal::Churn
                    | Signal::Legal
                    | Signal::Safety
                    | Signal::Privacy
                    | Signal::Refund
                    | Signal::PublicEscalation
            )
        });
        // a question or praise to answer is no sign of trouble: critical means a problem that needs an answer
        // an insult is watched on its own, but a thread full of them is in trouble
        let critical = level == Level::Escalate
            || (level == Level::Respond && (negative || toxic || negative_signal))
            || toxic;
        let complaint = critical || negative || negative_signal;
        // recurring issues: only what needs an answer (a negative tone alone is not a complaint)
        let cluster = critical || negative_signal;
        if complaint {
            self.complaint_topics[a.topic.index()] += 1;
        }
        if critical {
            self.critical += 1;
            self.critical_authors.insert(key);
            let tracked = self.author_critical.len() < TRACKED_AUTHORS;
            if let Some(n) = self.author_critical.get_mut(&key) {
                *n += 1;
            } else if tracked {
                self.author_critical.insert(key, 1);
            }
        }
        if negative {
            self.negative += 1;
            self.negative_authors.insert(key);
        }
        if toxic {
            self.toxic += 1;
            self.toxic_authors.insert(key);
        }
        let legal = a.has_signal(Signal::Legal) || a.has_signal(Signal::Privacy);
        let safety = a.has_signal(Signal::Safety) || a.has_category(Category::Threat);
        if legal || safety {
            self.severe_authors.insert(key);
        }
        let score = a.criticality.score;
        if critical {
            if a.criticality.channel == Channel::Private {
                self.ids.private_count += 1;
                self.ids.private.add(score, &c.id);
            } else {
                self.ids.public_count += 1;
                self.ids.public.add(score, &c.id);
            }
        }
        if legal {
            self.ids.legal_count += 1;
            self.ids.legal.add(score, &c.id);
        }
        if safety {
            self.ids.safety_count += 1;
            self.ids.safety.add(score, &c.id);
        }
        if toxic {
            self.ids.toxic.add(score, &c.id);
        }
        if a.toxicity.categories.contains(&Category::IdentityAttack)
            && a.criticality.level == Level::Escalate
        {
            self.ids.hate_count += 1;
            self.ids.hate.add(score, &c.id);
        }
        if let Some(ts) = timestamp {
            self.with_ts += 1;
            self.hours.add(
                ts,
                &Counts {
                    comments: 1,
                    critical: u64::from(critical),
                    negative: u64::from(negative),
                },
            );
        }
        if let Some(p) = c.parent.as_deref().filter(|p| !p.is_empty()) {
            self.replies += 1;
            if let Some(t) = self
                .top
                .iter_mut()
                .find(|t| t.id == p || t.repeat_ids.iter().any(|r| r == p))
            {
                t.replies = t.replies.saturating_add(1);
                t.priority = t.analysis.criticality.score as f32
                    + (t.replies as f32 * REPLY_BONUS).min(REPLY_BONUS_MAX);
                sort_top(&mut self.top);
            }
        }
        if cluster {
            self.clusters.add(&Item {
                id: &c.id,
                text: &c.text,
                author,
                author_key: key,
                timestamp,
                score,
                critical,
                topic: a.topic,
                signals: &a.signals,
            });
        }
        if critical {
            self.add_top(c, a);
        }
    }

    fn add_top(&mut self, c: &CommentIn, a: &Analysis) {
        let key = text_key(&c.text);
        let author = c.author.as_deref().map(str::trim).filter(|s| !s.is_empty());
        if let Some(t) = self.top.iter_mut().find(|t| t.text_key == key) {
            t.posts = t.posts.saturating_add(1);
            if let Some(name) = author
                && t.posters.len() < LISTED_POSTERS
                && !t.posters.iter().any(|p| p == name)
            {
                t.posters.push(name.to_string());
            }
            if t.repeat_ids.len() < LISTED_POSTERS {
                t.repeat_ids.push(c.id.clone());
            }
            return;
        }
        let priority = a.criticality.score as f32;
        if self.top.len() >= TOP_COMMENTS {
            match self.top.last() {
                Some(last) if last.priority < priority => {}
                _ => return,
            }
            self.top.pop();
        }
        let text = cut(&c.text, KEPT_TEXT_BYTES);
        let mut analysis = a.clone();
        if text.len() < c.text.len() {
            drop_evidence_beyond(&mut analysis, text.len());
        }
        self.top.push(TopComment {
            id: c.id.clone(),
            author: c.author.clone(),
            timestamp: c.plausible_timestamp(),
            parent: c.parent.clone(),
            text: text.to_string(),
            replies: 0,
            priority,
            analysis,
            posts: 1,
            posters: author.map(str::to_string).into_iter().collect(),
            repeat_ids: Vec::new(),
            text_key: key,
        });
        sort_top(&mut self.top);
    }

    /// The summary of everything added so far.
    pub fn summary(&self) -> ThreadSummary {
        let lang = if self.opts.ui_lang == Lang::De {
            Lang::De
        } else {
            Lang::En
        };
        let n = self.comments;
        let share = |k: u64| if n == 0 { 0.0 } else { k as f32 / n as f32 };
        let recurring = self
            .clusters
            .issues(self.th.cluster_min_size, self.th.cluster_min_authors);
        let velocity = self.hours.velocity(&self.th);
        let mut counts: Vec<u32> = self.author_critical.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let loud: u64 = counts
            .iter()
            .take(self.th.loud_top_authors as usize)
            .map(|&c| c as u64)
            .sum();
        let loudest_share = if self.critical == 0 {
            0.0
        } else {
            loud as f32 / self.critical as f32
        };
        let mut s = ThreadSummary {
            status: Status::Calm,
            reasons: Vec::new(),
            thresholds: self.th.clone(),
            ui_lang: lang,
            comments: n,
            replies: self.replies,
            authors: self.authors.count(),
            with_author: self.with_author,
            with_timestamp: self.with_ts,
            levels: [Level::Monitor, Level::Respond, Level::Escalate]
                .into_iter()
                .map(|l| (l, self.levels[level_index(l)]))
                .collect(),
            critical: self.critical,
            critical_share: share(self.critical),
            critical_authors: self.critical_authors.count(),
            negative: self.negative,
            negative_share: share(self.negative),
            negative_authors: self.negative_authors.count(),
            toxic: self.toxic,
            toxic_share: share(self.toxic),
            toxic_authors: self.toxic_authors.count(),
            severe_authors: self.severe_authors.count(),
            loudest_share,
            signals: Signal::ALL
                .into_iter()
                .map(|x| (x, self.signals[x.index()]))
                .collect(),
            categories: Category::ALL
                .into_iter()
                .map(|x| (x, self.categories[x.index()]))
                .collect(),
            topics: Topic::ALL
                .into_iter()
                .map(|x| (x, self.topics[x.index()]))
                .collect(),
            complaint_topics: Topic::ALL
                .into_iter()
                .map(|x| (x, self.complaint_topics[x.index()]))
                .collect(),
            clock: self.clock.clone(),
            first_timestamp: self.hours.min_ts,
            last_timestamp: self.hours.max_ts,
            velocity,
            timeline: self.hours.timeline(),
            recurring,
            top_comments: self.top.clone(),
            actions: Vec::new(),
        };
        judge(&mut s);
        s.actions = self.actions(&s);
        s
    }

    fn actions(&self, s: &ThreadSummary) -> Vec<Action> {
        let de = s.ui_lang == Lang::De;
        let th = &s.thresholds;
        let mut out = Vec::new();
        let loud = is_loud(s);
        if s.status == Status::Crisis {
            out.push(Action {
                kind: ActionKind::EscalatePr,
                message: pick(
                    de,
                    "Krisenfall: PR / Kommunikation jetzt informieren, ein öffentliches Statement vorbereiten und die Antworten abstimmen.",
                    "Crisis: inform PR / communications now, prepare a public statement and align the answers.",
                )
                .to_string(),
                comment_ids: s.top_comments.iter().take(ACTION_IDS).map(|t| t.id.clone()).collect(),
            });
        }
        if s.status == Status::Crisis || self.ids.safety_count > 0 {
            let message = if self.ids.safety_count > 0 {
                if de {
                    format!(
                        "{} Sicherheits- oder Gesundheitsprobleme oder {} Gewalt an: Geschäftsführung und Qualitätssicherung sofort informieren.",
                        count(
                            self.ids.safety_count,
                            "Kommentar meldet",
                            "Kommentare melden"
                        ),
                        if self.ids.safety_count == 1 {
                            "droht"
                        } else {
                            "drohen"
                        }
                    )
                } else {
                    format!(
                        "{} safety or health problems or {} violence: inform management and quality assurance at once.",
                        count(self.ids.safety_count, "comment reports", "comments report"),
                        if self.ids.safety_count == 1 {
                            "threatens"
                        } else {
                            "threaten"
                        }
                    )
                }
            } else if de {
                "Geschäftsführung über Lage, Umfang und geplante Antwort informieren.".to_string()
            } else {
                "Inform management about the situation, its size and the planned answer."
                    .to_string()
            };
            out.push(Action {
                kind: ActionKind::EscalateManagement,
                message,
                comment_ids: self.ids.safety.ids(),
            });
        }
        if self.ids.legal_count > 0 {
            out.push(Action {
                kind: ActionKind::EscalateLegal,
                message: if de {
                    format!(
                        "{} mit rechtlichen Schritten oder {} den Datenschutz: vor der Antwort mit Rechtsabteilung / Datenschutz abstimmen.",
                        count(self.ids.legal_count, "Kommentar droht", "Kommentare drohen"),
                        if self.ids.legal_count == 1 { "betrifft" } else { "betreffen" }
                    )
                } else {
                    format!(
                        "{} legal action or {} data protection: agree the answer with legal / data protection first.",
                        count(self.ids.legal_count, "comment threatens", "comments threaten"),
                        if self.ids.legal_count == 1 { "concerns" } else { "concern" }
                    )
                },
                comment_ids: self.ids.legal.ids(),
            });
        }
        if self.ids.hate_count > 0 {
            out.push(Action {
                kind: ActionKind::EscalateLegal,
                message: if de {
                    format!(
                        "{} Menschen wegen ihrer Herkunft, Religion, ihres Geschlechts oder einer Behinderung an: mit Link und Zeit dokumentieren, verbergen und melden (NetzDG, § 130 StGB), nicht diskutieren.",
                        count(self.ids.hate_count, "Kommentar greift", "Kommentare greifen")
                    )
                } else {
                    format!(
                        "{} people for their origin, religion, gender or a disability: document {} with link and time, hide and report {}, do not debate.",
                        count(self.ids.hate_count, "comment attacks", "comments attack"),
                        if self.ids.hate_count == 1 { "it" } else { "them" },
                        if self.ids.hate_count == 1 { "it" } else { "them" }
                    )
                },
                comment_ids: self.ids.hate.ids(),
            });
        }
        if let Some(issue) = s
            .recurring
            .iter()
            .find(|r| r.authors >= th.tense_cluster_authors)
        {
            out.push(Action {
                kind: ActionKind::RespondPublicly,
                message: if de {
                    format!(
                        "Wiederkehrendes Problem „{}“ ({}): ein gemeinsames öffentliches Statement mit Ursache und nächstem Schritt posten, statt jeden Kommentar einzeln zu beantworten.",
                        issue.label,
                        count(issue.authors, "Autor:in", "Autor:innen")
                    )
                } else {
                    format!(
                        "Recurring issue \"{}\" ({}): post one public statement with the cause and the next step instead of answering each comment on its own.",
                        issue.label,
                        count(issue.authors, "author", "authors")
                    )
                },
                comment_ids: issue.examples.iter().map(|e| e.id.clone()).collect(),
            });
        }
        if self.ids.public_count > 0 {
            out.push(Action {
                kind: ActionKind::RespondPublicly,
                message: if de {
                    format!(
                        "{} öffentlich beantworten, die wichtigsten zuerst (siehe Liste).",
                        count(
                            self.ids.public_count,
                            "kritischen Kommentar",
                            "kritische Kommentare"
                        )
                    )
                } else {
                    format!(
                        "Answer {} publicly, the most urgent first (see the list).",
                        count(
                            self.ids.public_count,
                            "critical comment",
                            "critical comments"
                        )
                    )
                },
                comment_ids: self.ids.public.ids(),
            });
        }
        if self.ids.private_count > 0 {
            out.push(Action {
                kind: ActionKind::MoveToPrivate,
                message: if de {
                    format!(
                        "{} einen persönlichen Fall (Bestellung, Zahlung, persönliche Daten): öffentlich kurz bestätigen, dann per Direktnachricht klären.",
                        count(self.ids.private_count, "Kommentar betrifft", "Kommentare betreffen")
                    )
                } else {
                    format!(
                        "{} a personal case (order, payment, personal data): acknowledge briefly in public, then solve it in a private message.",
                        count(self.ids.private_count, "comment concerns", "comments concern")
                    )
                },
                comment_ids: self.ids.private.ids(),
            });
        }
        if s.toxic > 0 {
            let message = if loud {
                if de {
                    format!(
                        "{}, die Kritik kommt überwiegend von wenigen Konten ({:.0} % von den aktivsten {}): nach Netiquette verbergen oder melden, nicht in Diskussionen einsteigen.",
                        count(s.toxic, "toxischer Kommentar", "toxische Kommentare"),
                        s.loudest_share * 100.0,
                        th.loud_top_authors
                    )
                } else {
                    format!(
                        "{}, the criticism comes mostly from a few accounts ({:.0}% from the {} most active): hide or report {} under your house rules, do not get drawn into arguments.",
                        count(s.toxic, "toxic comment", "toxic comments"),
                        s.loudest_share * 100.0,
                        th.loud_top_authors,
                        if s.toxic == 1 { "it" } else { "them" }
                    )
                }
            } else if de {
                format!(
                    "{}: nach Netiquette verbergen oder melden; Beleidigungen nicht beantworten.",
                    count(s.toxic, "toxischer Kommentar", "toxische Kommentare")
                )
            } else {
                format!(
                    "{}: hide or report {} under your house rules; do not answer insults.",
                    count(s.toxic, "toxic comment", "toxic comments"),
                    if s.toxic == 1 { "it" } else { "them" }
                )
            };
            out.push(Action {
                kind: ActionKind::Moderate,
                message,
                comment_ids: self.ids.toxic.ids(),
            });
        }
        let monitor = match s.status {
            Status::Calm => pick(
                de,
                "Ruhig: weiter beobachten, Fragen im normalen Rhythmus beantworten.",
                "Calm: keep monitoring and answer questions at the usual pace.",
            ),
            Status::Tense => pick(
                de,
                "Angespannt: den Thread mindestens stündlich prüfen; steigt die Zahl kritischer Kommentare weiter, eskalieren.",
                "Tense: check the thread at least hourly; escalate if critical comments keep rising.",
            ),
            Status::Crisis => pick(
                de,
                "Krise: den Thread laufend beobachten und die Lage regelmäßig an das Krisenteam melden.",
                "Crisis: watch the thread continuously and report the situation to the crisis team regularly.",
            ),
        };
        out.push(Action {
            kind: ActionKind::Monitor,
            message: monitor.to_string(),
            comment_ids: Vec::new(),
        });
        out
    }
}

fn sort_top(top: &mut [TopComment]) {
    // highest priority first; then earlier comments first (stable sort keeps arrival order)
    top.sort_by(|a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then_with(|| match (a.timestamp, b.timestamp) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => std::cmp::Ordering::Equal,
            })
    });
}

fn drop_evidence_beyond(a: &mut Analysis, len: usize) {
    let mut map = vec![usize::MAX; a.evidence.len()];
    let mut kept = Vec::with_capacity(a.evidence.len());
    for (i, e) in a.evidence.drain(..).enumerate() {
        if e.span.end <= len {
            map[i] = kept.len();
            kept.push(e);
        }
    }
    a.evidence = kept;
    for r in &mut a.criticality.reasons {
        r.evidence = r
            .evidence
            .iter()
            .filter_map(|&i| map.get(i).copied().filter(|&j| j != usize::MAX))
            .collect();
    }
}

const fn pick(de: bool, de_text: &'static str, en_text: &'static str) -> &'static str {
    if de { de_text } else { en_text }
}

/// One decimal, with a decimal comma in German.
pub(crate) fn dec1(x: f32, de: bool) -> String {
    let s = format!("{x:.1}");
    if de { s.replace('.', ",") } else { s }
}

/// Rounds to four decimals (f32 thresholds read back as f64 otherwise show noise: 0.3499999940395355).
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn pct(x: f32, de: bool) -> String {
    if de {
        format!("{:.0} %", x * 100.0)
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

/// Few loud voices: most critical comments come from a handful of authors, and the authors are known.
fn is_loud(s: &ThreadSummary) -> bool {
    let th = &s.thresholds;
    s.critical >= th.tense_min_critical
        && s.with_author > 0
        && s.critical_authors <= th.loud_top_authors.max(1) * 2
        // loud: each critical author wrote two or more critical comments on average
        && s.critical >= 2 * s.critical_authors
        && s.loudest_share >= th.loud_share
}

/// Sets status and reasons from the counters.
fn judge(s: &mut ThreadSummary) {
    let de = s.ui_lang == Lang::De;
    let th = s.thresholds.clone();
    let loud = is_loud(s);
    let mut reasons: Vec<StatusReason> = Vec::new();
    let mut push = |code: &str, status: Status, message: String, value: f64, threshold: f64| {
        reasons.push(StatusReason {
            code: code.to_string(),
            status,
            message,
            value: round4(value),
            threshold: round4(threshold),
        })
    };
    // crisis: broad criticism
    if s.critical_share >= th.crisis_critical_share
        && s.critical_authors >= th.crisis_critical_authors
        && !loud
    {
        push(
            "critical_share",
            Status::Crisis,
            if de {
                format!(
                    "{} der Kommentare sind kritisch (Schwelle {}), von {} (Schwelle {}).",
                    pct(s.critical_share, de),
                    pct(th.crisis_critical_share, de),
                    count(s.critical_authors, "Autor:in", "verschiedenen Autor:innen"),
                    th.crisis_critical_authors
                )
            } else {
                format!(
                    "{} of the comments are critical (threshold {}), from {} (threshold {}).",
                    pct(s.critical_share, de),
                    pct(th.crisis_critical_share, de),
                    count(s.critical_authors, "author", "different authors"),
                    th.crisis_critical_authors
                )
            },
            s.critical_share as f64,
            th.crisis_critical_share as f64,
        );
    }
    if s.severe_authors >= th.crisis_severe_authors {
        push(
            "severe_authors",
            Status::Crisis,
            if de {
                format!(
                    "{} Sicherheits-, Rechts- oder Datenschutzprobleme oder {} (Schwelle {}).",
                    count(s.severe_authors, "Autor:in meldet", "Autor:innen melden"),
                    if s.severe_authors == 1 {
                        "droht"
                    } else {
                        "drohen"
                    },
                    th.crisis_severe_authors
                )
            } else {
                format!(
                    "{} safety, legal or privacy problems or {} threats (threshold {}).",
                    count(s.severe_authors, "author reports", "authors report"),
                    if s.severe_authors == 1 {
                        "makes"
                    } else {
                        "make"
                    },
                    th.crisis_severe_authors
                )
            },
            s.severe_authors as f64,
            th.crisis_severe_authors as f64,
        );
    }
    if let Some(top) = s.recurring.first() {
        let status = if top.authors >= th.crisis_cluster_authors {
            Some((Status::Crisis, th.crisis_cluster_authors))
        } else if top.authors >= th.tense_cluster_authors {
            Some((Status::Tense, th.tense_cluster_authors))
        } else {
            None
        };
        if let Some((status, limit)) = status {
            push(
                "recurring_issue",
                status,
                if de {
                    format!(
                        "Ein Problem wiederholt sich: „{}“ – {} von {} (Schwelle {}).",
                        top.label,
                        count(top.size, "Kommentar", "Kommentare"),
                        count(top.authors, "Autor:in", "Autor:innen"),
                        limit
                    )
                } else {
                    format!(
                        "One issue keeps coming back: \"{}\" – {} from {} (threshold {}).",
                        top.label,
                        count(top.size, "comment", "comments"),
                        count(top.authors, "author", "authors"),
                        limit
                    )
                },
                top.authors as f64,
                limit as f64,
            );
        }
    }
    if let Some(v) = &s.velocity {
        // the spike now, and the first spike of the thread (or the peak, when it spiked)
        let earlier = v
            .first_spike
            .filter(|f| f.start != v.current.start)
            .or(Some(v.peak).filter(|p| p.start != v.current.start));
        let tests = [Some((v.current, true)), earlier.map(|t| (t, false))];
        for (test, now) in tests.iter().flatten() {
            let (test, now) = (test, *now);
            if test.trend != Trend::Spike {
                continue;
            }
            let status = if test.critical >= th.crisis_spike_critical && !loud {
                Status::Crisis
            } else {
                Status::Tense
            };
            let limit = test.baseline_mean + th.spike_k * test.baseline_sd.max(th.spike_sd_floor);
            push(
                "spike",
                status,
                if de {
                    format!(
                        "{}: {} in einer Stunde (ab {}) gegenüber durchschnittlich {} pro Stunde davor (Schwelle Mittelwert + {}·SD = {}).",
                        if now { "Spitze gerade jetzt" } else { "Spitze" },
                        count(
                            test.critical,
                            "kritischer Kommentar",
                            "kritische Kommentare"
                        ),
                        s.clock.time(test.start, Lang::De),
                        dec1(test.baseline_mean, true),
                        dec1(th.spike_k, true),
                        dec1(limit, true)
                    )
                } else {
                    format!(
                        "{}: {} in one hour (from {}) against {:.1} per hour before (threshold mean + {}·SD = {:.1}).",
                        if now { "Spike right now" } else { "Spike" },
                        count(test.critical, "critical comment", "critical comments"),
                        s.clock.time(test.start, Lang::En),
                        test.baseline_mean,
                        th.spike_k,
                        limit
                    )
                },
                test.critical_per_hour as f64,
                limit as f64,
            );
        }
    }
    if s.critical >= th.tense_min_critical && s.critical_share >= th.tense_critical_share {
        push(
            "critical_share",
            Status::Tense,
            if de {
                format!(
                    "{} von {} {} kritisch ({}, Schwelle {}).",
                    s.critical,
                    count(s.comments, "Kommentar", "Kommentaren"),
                    if s.critical == 1 { "ist" } else { "sind" },
                    pct(s.critical_share, de),
                    pct(th.tense_critical_share, de)
                )
            } else {
                format!(
                    "{} of {} {} critical ({}, threshold {}).",
                    s.critical,
                    count(s.comments, "comment", "comments"),
                    if s.critical == 1 { "is" } else { "are" },
                    pct(s.critical_share, de),
                    pct(th.tense_critical_share, de)
                )
            },
            s.critical_share as f64,
            th.tense_critical_share as f64,
        );
    }
    if s.critical_authors >= th.tense_critical_authors {
        push(
            "critical_authors",
            Status::Tense,
            if de {
                format!(
                    "{} kritisch (Schwelle {}).",
                    count(
                        s.critical_authors,
                        "Autor:in schreibt",
                        "verschiedene Autor:innen schreiben"
                    ),
                    th.tense_critical_authors
                )
            } else {
                format!(
                    "{} critical comments (threshold {}).",
                    count(
                        s.critical_authors,
                        "author writes",
                        "different authors write"
                    ),
                    th.tense_critical_authors
                )
            },
            s.critical_authors as f64,
            th.tense_critical_authors as f64,
        );
    }
    let escalate = s.levels.get(&Level::Escalate).copied().unwrap_or(0);
    if escalate > 0 {
        push(
            "escalate_comments",
            Status::Tense,
            if de {
                format!(
                    "{} auf Stufe Eskalation.",
                    count(escalate, "Kommentar", "Kommentare")
                )
            } else {
                format!(
                    "{} at the escalation level.",
                    count(escalate, "comment", "comments")
                )
            },
            escalate as f64,
            1.0,
        );
    }
    if loud {
        push(
            "few_loud_voices",
            Status::Tense,
            if de {
                format!(
                    "Wenige laute Stimmen, kein breiter Shitstorm: {} der kritischen Kommentare stammen von den {} aktivsten Autor:innen ({} insgesamt kritisch).",
                    pct(s.loudest_share, de),
                    th.loud_top_authors,
                    count(s.critical_authors, "Autor:in", "Autor:innen")
                )
            } else {
                format!(
                    "A few loud voices, not a broad pile-on: {} of the critical comments come from the {} most active authors ({} in all).",
                    pct(s.loudest_share, de),
                    th.loud_top_authors,
                    count(s.critical_authors, "critical author", "critical authors")
                )
            },
            s.loudest_share as f64,
            th.loud_share as f64,
        );
    }
    reasons.sort_by_key(|r| std::cmp::Reverse(r.status));
    s.status = reasons
        .iter()
        .map(|r| r.status)
        .max()
        .unwrap_or(Status::Calm);
    if reasons.is_empty() {
        reasons.push(StatusReason {
            code: "below_thresholds".into(),
            status: Status::Calm,
            message: if de {
                format!(
                    "Keine Schwelle erreicht: {} von {} kritisch ({}, Schwelle {}), {} (Schwelle {}).",
                    s.critical,
                    count(s.comments, "Kommentar", "Kommentaren"),
                    pct(s.critical_share, de),
                    pct(th.tense_critical_share, de),
                    count(s.critical_authors, "kritische Autor:in", "kritische Autor:innen"),
                    th.tense_critical_authors
                )
            } else {
                format!(
                    "No threshold reached: {} of {} critical ({}, threshold {}), {} (threshold {}).",
                    s.critical,
                    count(s.comments, "comment", "comments"),
                    pct(s.critical_share, de),
                    pct(th.tense_critical_share, de),
                    count(s.critical_authors, "critical author", "critical authors"),
                    th.tense_critical_authors
                )
            },
            value: round4(s.critical_share as f64),
            threshold: round4(th.tense_critical_share as f64),
        });
    }
    s.reasons = reasons;
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's civil_from_days).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01 (H. Hinnant's days_from_civil).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-11-21 14:03` for seconds on the thread's [`Clock`] (unix seconds: UTC).
pub fn format_time(ts: i64) -> String {
    let (y, m, d) = civil_from_days(ts.div_euclid(86_400));
    let secs = ts.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        secs / 3600,
        (secs % 3600) / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-800_000i64, -1, 0, 1, 20_000, 20_778, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(2026, 11, 21), 20_778);
        assert_eq!(
            format_time(20_778 * 86_400 + 14 * 3600 + 3 * 60),
            "2026-11-21 14:03"
        );
    }

    #[test]
    fn empty_thread_is_calm() {
        let s = summarize_thread(&[]);
        assert_eq!(s.status, Status::Calm);
        assert_eq!(s.comments, 0);
        assert!(s.velocity.is_none());
        assert_eq!(s.reasons[0].code, "below_thresholds");
    }
}
