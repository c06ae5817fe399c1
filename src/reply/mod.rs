//! The reply assistant: a tone linter for customer-care drafts ([`lint_reply`]) and reply suggestions
//! ([`suggest_replies`]).
//!
//! The linter works like a prose linter: every rule lives in its own file under `rules/`, names the bad pattern
//! (`blames-customer`, `vague-promise`, …), reports a [`Lint`] with a UTF-8 byte [`Span`] into the untouched
//! draft, a message in the draft's language and, where possible, a [`Fix`]. The [`ToneProfile`] scores the draft
//! on six dimensions, each with the cues behind it, and the [`Verdict`] sums it up.
//!
//! ```
//! use krisenradar::reply::{lint_reply, ReplyContext, Verdict};
//!
//! let review = lint_reply("Das ist nicht unsere Schuld, lesen Sie die AGB.", &ReplyContext::default());
//! assert!(review.lints.iter().any(|l| l.rule == "defensive-justification"));
//! assert_ne!(review.verdict, Verdict::Ready);
//! ```

pub mod draft;
pub mod lexicon;
pub mod question;
pub mod respect;
pub mod rules;
pub mod suggest;
pub mod tone;
pub mod voice;

use serde::{Deserialize, Serialize};

use crate::model::{Analysis, Lang, Span};
use crate::{Options, analyze};

pub use draft::Draft;
pub use suggest::{Strategy, Suggestion, suggest_for_comment, suggest_replies};
pub use tone::{ToneDimension, ToneEvidence, ToneProfile};
pub use voice::{BrandVoice, Platform};

/// How bad a lint is. Errors make the verdict "do not post", warnings "revise".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Warning,
    Error,
}

impl Severity {
    pub const fn key(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What part of a good reply a rule guards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleCategory {
    /// Respect and calm: no insults, sarcasm, shouting.
    Tone,
    /// Acknowledging the problem and the person.
    Empathy,
    /// Owning mistakes: no blame, no evasion.
    Accountability,
    /// A concrete, understandable next step.
    Clarity,
    /// Personal data belongs in the private channel.
    Privacy,
    /// What must not be said while lawyers or PR are involved.
    Legal,
    /// The brand's name, voice and form of address.
    Brand,
    /// The platform's limits.
    Platform,
    /// Trolls and public arguments.
    Moderation,
}

impl RuleCategory {
    pub const fn key(self) -> &'static str {
        match self {
            RuleCategory::Tone => "tone",
            RuleCategory::Empathy => "empathy",
            RuleCategory::Accountability => "accountability",
            RuleCategory::Clarity => "clarity",
            RuleCategory::Privacy => "privacy",
            RuleCategory::Legal => "legal",
            RuleCategory::Brand => "brand",
            RuleCategory::Platform => "platform",
            RuleCategory::Moderation => "moderation",
        }
    }
}

/// Whether a fix can be applied without a human reading it (ruff's applicability).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Keeps the meaning; can be applied automatically.
    Safe,
    /// Changes the meaning or wording; apply only after reading.
    Unsafe,
    /// A suggestion to show; its text needs filling in by a person.
    DisplayOnly,
}

/// Replace the text at `span` with `replacement` (an insertion when the span is empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A fix: an imperative title and the edits that carry it out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

/// One finding in a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Lint {
    /// Stable kebab-case id naming the bad pattern.
    pub rule: String,
    pub category: RuleCategory,
    pub severity: Severity,
    /// The problem, in the draft's language.
    pub message: String,
    /// UTF-8 byte range into the draft.
    pub span: Span,
    #[serde(default)]
    pub fixes: Vec<Fix>,
}

/// The overall judgement on a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No warning or error.
    Ready,
    /// At least one warning.
    Revise,
    /// At least one error.
    DoNotPost,
}

impl Verdict {
    pub const fn key(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::Revise => "revise",
            Verdict::DoNotPost => "do_not_post",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::Ready, Lang::De) => "bereit zum Posten",
            (Verdict::Revise, Lang::De) => "überarbeiten",
            (Verdict::DoNotPost, Lang::De) => "so nicht posten",
            (Verdict::Ready, _) => "ready to post",
            (Verdict::Revise, _) => "revise",
            (Verdict::DoNotPost, _) => "do not post",
        }
    }
}

/// What the linter knows about the situation. Every field is optional in JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReplyContext {
    /// The comment being answered.
    pub comment: Option<String>,
    /// Its analysis; computed from `comment` when missing.
    pub analysis: Option<Analysis>,
    /// Where the reply will be posted (length limits).
    pub platform: Platform,
    pub voice: BrandVoice,
    /// The draft's language; detected when missing.
    pub lang: Option<Lang>,
}

impl ReplyContext {
    pub fn with_comment(mut self, comment: &str) -> Self {
        self.comment = Some(comment.to_string());
        self.analysis = None;
        self
    }
    pub fn with_voice(mut self, voice: BrandVoice) -> Self {
        self.voice = voice;
        self
    }
    pub fn with_platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }
    pub fn with_lang(mut self, lang: Option<Lang>) -> Self {
        self.lang = lang;
        self
    }
    /// The analysis of the comment being answered, if there is one.
    pub fn comment_analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }
    /// Fills in the comment's analysis from its text.
    pub(crate) fn resolved(&self) -> std::borrow::Cow<'_, ReplyContext> {
        match (&self.analysis, &self.comment) {
            (None, Some(c)) => {
                let mut ctx = self.clone();
                ctx.analysis = Some(analyze(c, &Options::default()));
                std::borrow::Cow::Owned(ctx)
            }
            _ => std::borrow::Cow::Borrowed(self),
        }
    }
}

/// The review of one draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplyReview {
    /// The draft's language (messages are written in it).
    pub lang: Lang,
    /// Sorted by position, then severity; at most [`LINTS_PER_RULE`] of each rule.
    pub lints: Vec<Lint>,
    /// How many further findings of rules that fired more than [`LINTS_PER_RULE`] times the list leaves out
    /// (0 for ordinary drafts; absent from JSON then). The verdict and the tone count them all.
    #[serde(default, skip_serializing_if = "crate::model::is_zero")]
    pub lints_omitted: usize,
    pub tone: ToneProfile,
    pub verdict: Verdict,
}

/// The most findings one rule lists for one draft: a pasted wall of text with thousands of the same finding
/// would otherwise make a review of hundreds of megabytes.
pub const LINTS_PER_RULE: usize = 20;

/// Lints a reply draft. Never panics; linear in the draft for all practical purposes.
pub fn lint_reply(draft: &str, ctx: &ReplyContext) -> ReplyReview {
    let ctx = ctx.resolved();
    let d = Draft::new(draft, ctx.lang);
    let mut lints: Vec<Lint> = rules::RULES
        .iter()
        .flat_map(|r| r.check(&d, &ctx))
        .collect();
    lints.sort_by(|a, b| {
        (a.span.start, std::cmp::Reverse(a.severity), &a.rule).cmp(&(
            b.span.start,
            std::cmp::Reverse(b.severity),
            &b.rule,
        ))
    });
    let verdict = verdict_of(&lints);
    let tone = tone::profile(&d, &lints);
    let total = lints.len();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    lints.retain(|l| {
        let n = seen.entry(l.rule.clone()).or_default();
        *n += 1;
        *n <= LINTS_PER_RULE
    });
    ReplyReview {
        lang: d.lang,
        lints_omitted: total - lints.len(),
        lints,
        tone,
        verdict,
    }
}

/// Ready without warnings, revise with a warning, do not post with an error.
pub fn verdict_of(lints: &[Lint]) -> Verdict {
    match lints.iter().map(|l| l.severity).max() {
        Some(Severity::Error) => Verdict::DoNotPost,
        Some(Severity::Warning) => Verdict::Revise,
        _ => Verdict::Ready,
    }
}

/// Applies the edits of `fixes` to `text` (non-overlapping edits only; overlapping ones are skipped).
/// Returns the new text.
pub fn apply_fixes<'f>(text: &str, fixes: impl IntoIterator<Item = &'f Fix>) -> String {
    let mut edits: Vec<&Edit> = fixes.into_iter().flat_map(|f| f.edits.iter()).collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits {
        if e.span.start < pos || e.span.end > text.len() || e.span.end < e.span.start {
            continue;
        }
        let (Some(before), true) = (
            text.get(pos..e.span.start),
            text.is_char_boundary(e.span.end),
        ) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}
