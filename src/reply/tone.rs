//! The tone profile: six dimensions in [0, 1], each with the cues behind it.
//!
//! Each dimension starts from a neutral base and moves with cues (lexicon hits in the draft) and with the
//! lints found. The weights are judgement calls, tuned on the reply fixtures in `tests/fixtures/replies/`;
//! they live here, named, so they can be read and changed in one place.

use serde::{Deserialize, Serialize};

use crate::model::Span;

use super::draft::Draft;
use super::lexicon::Lex;
use super::{Lint, RuleCategory, Severity};

/// Where each dimension starts before any cue: respect and calmness are assumed until something breaks
/// them; empathy, accountability and clarity have to be earned; formality starts neutral.
const BASE_RESPECT: f32 = 0.8;
const BASE_EMPATHY: f32 = 0.3;
const BASE_ACCOUNTABILITY: f32 = 0.4;
const BASE_CLARITY: f32 = 0.6;
const BASE_CALMNESS: f32 = 0.9;
const BASE_FORMALITY: f32 = 0.5;
/// How much one positive cue adds (polite words, empathy, apology, next step); repeated cues add less.
const CUE_GAIN: f32 = 0.15;
/// How much a lint takes away, by severity.
const LINT_COST_HINT: f32 = 0.05;
const LINT_COST_WARNING: f32 = 0.2;
const LINT_COST_ERROR: f32 = 0.4;

/// Rules outside the tone category whose findings also make a reply disrespectful.
const DISRESPECTFUL: [&str; 3] = [
    "blames-customer",
    "dismisses-feelings",
    "defensive-justification",
];

/// One cue that moved a dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToneEvidence {
    /// `reply-lexicon:de/empathy.txt:7` (file and line under `src/reply/lexicon/`), `lint:blames-customer`,
    /// `rule:sie-form`, …
    pub id: String,
    pub span: Span,
    /// How much it moved the score (negative lowers it).
    pub weight: f32,
}

/// One dimension of the tone profile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ToneDimension {
    /// In [0, 1].
    pub score: f32,
    pub evidence: Vec<ToneEvidence>,
}

impl ToneDimension {
    fn new(base: f32) -> Self {
        ToneDimension {
            score: base,
            evidence: Vec::new(),
        }
    }
    fn add(&mut self, id: String, span: Span, weight: f32) {
        self.score += weight;
        self.evidence.push(ToneEvidence { id, span, weight });
    }
    fn finish(mut self) -> Self {
        self.score = (self.score.clamp(0.0, 1.0) * 1000.0).round() / 1000.0;
        self
    }
}

/// How the draft reads.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ToneProfile {
    /// How polite and respectful it reads.
    pub respect: ToneDimension,
    /// How much it acknowledges the person's situation and feelings.
    pub empathy: ToneDimension,
    /// How much it owns the problem (apology, "we") instead of deflecting.
    pub accountability: ToneDimension,
    /// How concrete and understandable it is (next step, plain words, short sentences).
    pub clarity: ToneDimension,
    /// How calm it reads (no shouting, no sarcasm).
    pub calmness: ToneDimension,
    /// How formal it is (Sie, greetings, no emoji) – neither good nor bad by itself.
    pub formality: ToneDimension,
}

fn cues(draft: &Draft, lex: Lex, dim: &mut ToneDimension, gain: f32) {
    for (n, m) in draft.find(lex).into_iter().enumerate() {
        // diminishing returns: 1, 1/2, 1/3, …
        let w = gain / (n as f32 + 1.0);
        dim.add(
            format!(
                "reply-lexicon:{}/{}.txt:{}",
                draft.lang.code(),
                lex.name(),
                m.pattern.line
            ),
            m.span,
            w,
        );
    }
}

fn cost(severity: Severity) -> f32 {
    match severity {
        Severity::Hint => LINT_COST_HINT,
        Severity::Warning => LINT_COST_WARNING,
        Severity::Error => LINT_COST_ERROR,
    }
}

/// The tone profile of `draft`, given the lints already found on it.
pub fn profile(draft: &Draft, lints: &[Lint]) -> ToneProfile {
    let mut respect = ToneDimension::new(BASE_RESPECT);
    let mut empathy = ToneDimension::new(BASE_EMPATHY);
    let mut accountability = ToneDimension::new(BASE_ACCOUNTABILITY);
    let mut clarity = ToneDimension::new(BASE_CLARITY);
    let mut calmness = ToneDimension::new(BASE_CALMNESS);
    let mut formality = ToneDimension::new(BASE_FORMALITY);

    cues(draft, Lex::Polite, &mut respect, CUE_GAIN);
    cues(draft, Lex::Empathy, &mut empathy, CUE_GAIN * 2.0);
    cues(draft, Lex::Acknowledge, &mut empathy, CUE_GAIN);
    cues(draft, Lex::Apology, &mut accountability, CUE_GAIN * 2.0);
    cues(draft, Lex::NextStep, &mut accountability, CUE_GAIN);
    cues(draft, Lex::NextStep, &mut clarity, CUE_GAIN);
    cues(draft, Lex::TimeFrame, &mut clarity, CUE_GAIN);
    cues(draft, Lex::FormalCue, &mut formality, CUE_GAIN);
    cues(draft, Lex::InformalCue, &mut formality, -CUE_GAIN);

    let (du, sie) = draft.address_forms();
    if let Some(s) = sie.first() {
        formality.add("rule:sie-form".into(), *s, CUE_GAIN * 2.0);
    }
    if let Some(s) = du.first() {
        formality.add("rule:du-form".into(), *s, -CUE_GAIN * 2.0);
    }
    for s in draft.emoji().take(3) {
        formality.add("rule:emoji".into(), s, -CUE_GAIN / 2.0);
    }

    for l in lints {
        let id = format!("lint:{}", l.rule);
        let c = cost(l.severity);
        if DISRESPECTFUL.contains(&l.rule.as_str()) {
            respect.add(id.clone(), l.span, -c);
        }
        match (l.category, l.rule.as_str()) {
            (_, "shouting-capitals" | "excessive-exclamation") => {
                calmness.add(id, l.span, -c * 1.5)
            }
            (_, "sarcastic-tone") => {
                calmness.add(id.clone(), l.span, -c);
                respect.add(id, l.span, -c);
            }
            (RuleCategory::Tone | RuleCategory::Moderation, _) => respect.add(id, l.span, -c),
            (RuleCategory::Empathy, _) => empathy.add(id, l.span, -c),
            (RuleCategory::Accountability | RuleCategory::Legal, _) => {
                accountability.add(id, l.span, -c)
            }
            (RuleCategory::Clarity | RuleCategory::Platform, _) => clarity.add(id, l.span, -c),
            (RuleCategory::Brand | RuleCategory::Privacy, _) => {}
        }
    }
    ToneProfile {
        respect: respect.finish(),
        empathy: empathy.finish(),
        accountability: accountability.finish(),
        clarity: clarity.finish(),
        calmness: calmness.finish(),
        formality: formality.finish(),
    }
}

#[cfg(test)]
mod tests {
    use crate::reply::{ReplyContext, lint_reply};

    #[test]
    fn warm_reply_scores_higher_than_cold_one_with_evidence() {
        let ctx = ReplyContext::default();
        let warm = lint_reply(
            "Das tut mir leid, das ist ärgerlich. Bitte schreiben Sie uns per Direktnachricht, ich melde mich heute.",
            &ctx,
        )
        .tone;
        let cold = lint_reply(
            "Das ist nicht unsere Schuld. Sie hätten die AGB lesen müssen!!!",
            &ctx,
        )
        .tone;
        assert!(warm.empathy.score > cold.empathy.score);
        assert!(warm.accountability.score > cold.accountability.score);
        assert!(warm.respect.score > cold.respect.score);
        assert!(warm.calmness.score > cold.calmness.score);
        assert!(
            warm.empathy
                .evidence
                .iter()
                .any(|e| e.id.starts_with("reply-lexicon:de/empathy.txt:"))
        );
        assert!(
            cold.respect
                .evidence
                .iter()
                .any(|e| e.id == "lint:blames-customer" && e.weight < 0.0)
        );
    }

    #[test]
    fn formality_follows_du_and_sie() {
        let ctx = ReplyContext::default();
        let sie = lint_reply("Sehr geehrte Frau Yilmaz, wir helfen Ihnen gern.", &ctx).tone;
        let du = lint_reply("Hey Lena, wir helfen dir gern 😊", &ctx).tone;
        assert!(sie.formality.score > du.formality.score);
    }
}
