//! The data the analyser returns. Plain data, serialisable, with no references into the input.
//!
//! Spans are UTF-8 byte ranges into the untouched input, end-exclusive.

use serde::{Deserialize, Serialize};

/// A UTF-8 byte range into the untouched input text, end-exclusive.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The covered text, or "" when the span does not fit `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Language of a comment. German and English are fully supported; `Other` is scored conservatively.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
    Other,
}

impl Lang {
    pub const fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }
    /// The slot of a (German, English) pair of parameters: 1 for English, 0 otherwise.
    pub const fn pair(self) -> usize {
        matches!(self, Lang::En) as usize
    }
    /// Parses "de", "en", "other" (and "german", "english"), case-insensitively.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "de" | "german" | "deutsch" => Some(Lang::De),
            "en" | "english" | "englisch" => Some(Lang::En),
            "other" => Some(Lang::Other),
            _ => None,
        }
    }
}

/// The detected language with a confidence in [0, 1].
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LangGuess {
    pub code: Lang,
    pub confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentimentLabel {
    Negative,
    Neutral,
    Positive,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sentiment {
    /// In [-1, 1].
    pub score: f32,
    pub label: SentimentLabel,
}

/// A kind of toxic content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Insult,
    Profanity,
    Threat,
    IdentityAttack,
    SexualHarassment,
    CallToAction,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Insult,
        Category::Profanity,
        Category::Threat,
        Category::IdentityAttack,
        Category::SexualHarassment,
        Category::CallToAction,
    ];
    pub const fn key(self) -> &'static str {
        match self {
            Category::Insult => "insult",
            Category::Profanity => "profanity",
            Category::Threat => "threat",
            Category::IdentityAttack => "identity_attack",
            Category::SexualHarassment => "sexual_harassment",
            Category::CallToAction => "call_to_action",
        }
    }
    pub const fn index(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Toxicity {
    /// In [0, 1].
    pub score: f32,
    pub toxic: bool,
    pub categories: Vec<Category>,
}

/// What a community manager acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    Complaint,
    Question,
    Churn,
    Legal,
    Safety,
    Privacy,
    Refund,
    PublicEscalation,
    Praise,
    Spam,
}

impl Signal {
    pub const ALL: [Signal; 10] = [
        Signal::Complaint,
        Signal::Question,
        Signal::Churn,
        Signal::Legal,
        Signal::Safety,
        Signal::Privacy,
        Signal::Refund,
        Signal::PublicEscalation,
        Signal::Praise,
        Signal::Spam,
    ];
    pub const fn key(self) -> &'static str {
        match self {
            Signal::Complaint => "complaint",
            Signal::Question => "question",
            Signal::Churn => "churn",
            Signal::Legal => "legal",
            Signal::Safety => "safety",
            Signal::Privacy => "privacy",
            Signal::Refund => "refund",
            Signal::PublicEscalation => "public_escalation",
            Signal::Praise => "praise",
            Signal::Spam => "spam",
        }
    }
    pub fn from_key(key: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|s| s.key() == key)
    }
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// What a comment is about.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Delivery,
    Billing,
    ProductQuality,
    CustomerService,
    Pricing,
    Availability,
    WebsiteApp,
    #[default]
    Other,
}

impl Topic {
    pub const ALL: [Topic; 8] = [
        Topic::Delivery,
        Topic::Billing,
        Topic::ProductQuality,
        Topic::CustomerService,
        Topic::Pricing,
        Topic::Availability,
        Topic::WebsiteApp,
        Topic::Other,
    ];
    pub const fn key(self) -> &'static str {
        match self {
            Topic::Delivery => "delivery",
            Topic::Billing => "billing",
            Topic::ProductQuality => "product_quality",
            Topic::CustomerService => "customer_service",
            Topic::Pricing => "pricing",
            Topic::Availability => "availability",
            Topic::WebsiteApp => "website_app",
            Topic::Other => "other",
        }
    }
    pub fn from_key(key: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.key() == key)
    }
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// The crisis playbook's action levels: Überwachung / Reaktion / Eskalation.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Monitor,
    Respond,
    Escalate,
}

impl Level {
    pub const fn key(self) -> &'static str {
        match self {
            Level::Monitor => "monitor",
            Level::Respond => "respond",
            Level::Escalate => "escalate",
        }
    }
}

/// Where to answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Public,
    Private,
}

/// German form of address used by the commenter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Address {
    Du,
    Sie,
}

/// One reason, in words, why a comment got its criticality; built from evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable key (`signal.legal`, `category.insult`, `negativity`, …) for UIs that translate.
    pub code: String,
    /// The reason in the requested UI language, quoting the evidence.
    pub message: String,
    /// Points this reason added to the criticality score.
    pub points: f32,
    /// Indices into `Analysis::evidence`.
    pub evidence: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criticality {
    /// 0–100.
    pub score: u8,
    pub level: Level,
    pub channel: Channel,
    pub reasons: Vec<Reason>,
}

/// What a piece of evidence moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "facet", content = "label")]
pub enum Facet {
    /// A polar word, phrase, emoji or emoticon (weight: its contribution to the sentiment sum).
    Sentiment,
    /// A toxic word or phrase (weight: its contribution to the category).
    Toxic(Category),
    Signal(Signal),
    Topic(Topic),
    /// A modifier of sentiment: negation, intensifier, contrast, irony, emphasis (weight: the factor).
    Modifier(Modifier),
    /// Personal data written in public (order number, phone, e-mail, IBAN, address).
    PersonalData,
    /// A watch word from the user's settings.
    WatchWord,
    /// Language detection cue.
    Language,
    /// A word weight of a learned model (weight: its contribution to the model's logit or sum).
    Learned(LearnedModel),
}

/// Which learned model a weight belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LearnedModel {
    Offense,
    Sentiment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    Negation,
    Intensifier,
    Contrast,
    Irony,
    Capitals,
    Exclamation,
    Elongation,
    Masking,
    /// The context layer changed how a hit counts (reported, negated, supposed, aimed at someone).
    Context,
}

/// A rule or lexicon hit that moved a score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// `lexicon:de/insult.txt:*idiot*`, `rule:caps-emphasis`, …
    pub id: std::borrow::Cow<'static, str>,
    #[serde(flatten)]
    pub facet: Facet,
    pub span: Span,
    pub weight: f32,
}

/// The full analysis of one comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub lang: LangGuess,
    pub sentiment: Sentiment,
    pub toxicity: Toxicity,
    pub signals: Vec<Signal>,
    pub topic: Topic,
    pub criticality: Criticality,
    /// du / Sie when the comment addresses the reader in German, else `None`.
    pub address: Option<Address>,
    /// At most [`Analysis::EVIDENCE_CAP`] items: what the reasons cite first, then by weight; in text order.
    pub evidence: Vec<Evidence>,
    /// How many further evidence items a very long text produced and the list leaves out (0 for ordinary
    /// comments; absent from JSON then).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub evidence_omitted: usize,
}

/// For `skip_serializing_if`: a count of left-out items that is 0 stays out of the JSON.
pub(crate) fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Analysis {
    /// The most evidence items one analysis lists: a multi-megabyte text would otherwise carry hundreds of
    /// thousands of them (and its JSON a hundred times the text's size).
    pub const EVIDENCE_CAP: usize = 200;

    pub fn has_signal(&self, s: Signal) -> bool {
        self.signals.contains(&s)
    }
    pub fn has_category(&self, c: Category) -> bool {
        self.toxicity.categories.contains(&c)
    }
}
