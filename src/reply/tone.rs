//! The tone profile: six dimensions in [0, 1], each with the cues behind it.
//!
//! **Respect** is learned: the named politeness features of `super::respect` (gratitude, please and
//! please at the start of a sentence, greetings, apologies, hedges, indirect and direct requests,
//! deference, first and second person, direct, why- and yes/no questions, imperative and abrupt starts,
//! positive and negative words, smileys, negation, challenges, factuality, punctuation, capitals, length)
//! are weighted by politeness theory moved by openly licensed comments (GoEmotions)
//! (`src/reply/respect_weights.tsv`, `krisenradar-train respect`, see `docs/learning.md`), the same weights
//! for German and English. The linear score `z` is mapped to [0, 1] by
//! `sigmoid(RESPECT_SLOPE · (z − RESPECT_MIDPOINT))`; the dimension starts at the mapped intercept and each
//! feature's evidence (`respect:<feature>[:<lang>/<list>.txt:<line>]`) carries its share of the move (the
//! shares add up to the mapped score). Then the lints that make a reply disrespectful
//! (tone and moderation rules, blame, dismissal, defensiveness, sarcasm) subtract their cost.
//!
//! The other dimensions start from a neutral base and move with cues (reply-lexicon hits in the draft) and
//! with the lints found. Their weights are judgement calls, tuned on the reply fixtures in
//! `tests/fixtures/replies/`; they live here, named, so they can be read and changed in one place.

use serde::{Deserialize, Serialize};

use crate::model::Span;

use super::draft::Draft;
use super::lexicon::Lex;
use super::respect;
use super::{Lint, RuleCategory, Severity};

/// How the learned respect score `z` (in units of the regard target, −1 … 1; plain texts sit near 0,
/// thanking ones near +0.7, hostile ones below −0.3) maps to [0, 1]: `sigmoid(SLOPE · (z − MIDPOINT))`.
/// A plain text (z = 0) reads about 0.75, z = −0.5 about 0.45; a judgement call so that ordinary
/// support replies read as respectful and the lint costs below stay meaningful.
const RESPECT_SLOPE: f32 = 2.5;
const RESPECT_MIDPOINT: f32 = -0.44;
/// Where the other dimensions start before any cue: calmness is assumed until something breaks it;
/// empathy, accountability and clarity have to be earned; formality starts neutral.
const BASE_EMPATHY: f32 = 0.3;
const BASE_ACCOUNTABILITY: f32 = 0.4;
const BASE_CLARITY: f32 = 0.6;
const BASE_CALMNESS: f32 = 0.9;
const BASE_FORMALITY: f32 = 0.5;
/// How much one positive cue adds (empathy, apology, next step); repeated cues add less.
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
    /// The first [`ToneDimension::EVIDENCE_CAP`] cues.
    pub evidence: Vec<ToneEvidence>,
    /// How many further cues moved the score but are not listed (absent from JSON when none).
    #[serde(default, skip_serializing_if = "crate::model::is_zero")]
    pub evidence_omitted: usize,
}

impl ToneDimension {
    /// The most cues one dimension lists (a wall of text has tens of thousands).
    pub const EVIDENCE_CAP: usize = 50;

    fn new(base: f32) -> Self {
        ToneDimension {
            score: base,
            ..ToneDimension::default()
        }
    }
    fn add(&mut self, id: String, span: Span, weight: f32) {
        self.score += weight;
        if self.evidence.len() < Self::EVIDENCE_CAP {
            self.evidence.push(ToneEvidence { id, span, weight });
        } else {
            self.evidence_omitted += 1;
        }
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

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// The learned respect score of `draft` before lint costs: starts at the mapped intercept, every feature
/// that contributes is evidence with its share of the mapped score.
fn learned_respect(draft: &Draft) -> ToneDimension {
    let w = respect::weights();
    let cues = respect::cues(draft.text, &draft.tokens, draft.lang);
    let (z, parts) = w.linear(&cues);
    let map = |z: f32| sigmoid(RESPECT_SLOPE * (z - RESPECT_MIDPOINT));
    let (start, end) = (map(w.bias), map(z));
    // each contribution's share of the move from start to end (the slope of the chord; the derivative
    // when the contributions cancel out)
    let dz = z - w.bias;
    let k = if dz.abs() > 1e-6 {
        (end - start) / dz
    } else {
        RESPECT_SLOPE * start * (1.0 - start)
    };
    let mut dim = ToneDimension::new(start);
    for (cue, c) in parts {
        dim.add(cue.id(), cue.span, c * k);
    }
    dim
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
    let mut respect = learned_respect(draft);
    let mut empathy = ToneDimension::new(BASE_EMPATHY);
    let mut accountability = ToneDimension::new(BASE_ACCOUNTABILITY);
    let mut clarity = ToneDimension::new(BASE_CLARITY);
    let mut calmness = ToneDimension::new(BASE_CALMNESS);
    let mut formality = ToneDimension::new(BASE_FORMALITY);

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

    fn ids(d: &super::ToneDimension) -> Vec<&str> {
        d.evidence.iter().map(|e| e.id.as_str()).collect()
    }

    fn has(d: &super::ToneDimension, prefix: &str, positive: bool) -> bool {
        d.evidence
            .iter()
            .any(|e| e.id.starts_with(prefix) && (e.weight > 0.0) == positive)
    }

    /// Invented minimal pairs: the polite request outranks the bare order, in both languages, with the
    /// learned features as evidence.
    #[test]
    fn polite_requests_outrank_orders_with_named_evidence() {
        let ctx = ReplyContext::default();
        let pairs = [
            (
                "Could you please check the log? Thanks!",
                "Check the log.",
                "respect:indirect-request:en/indirect_request.txt:",
                "respect:imperative-start:en/imperative.txt:",
            ),
            (
                "Könnten Sie bitte nachsehen? Danke!",
                "Schauen Sie nach.",
                "respect:indirect-request:de/indirect_request.txt:",
                "respect:imperative-start:de/imperative.txt:",
            ),
            (
                "Hi, thanks for the question. I think the update might help.",
                "Why didn't you read the manual?",
                "respect:gratitude:en/gratitude.txt:",
                "respect:why-start:en/why.txt:",
            ),
            (
                "Hallo, danke für die Frage. Ich glaube, das Update könnte helfen.",
                "Warum haben Sie die Anleitung nicht gelesen?",
                "respect:gratitude:de/gratitude.txt:",
                "respect:why-start:de/why.txt:",
            ),
        ];
        for (polite, rude, up, down) in pairs {
            let p = lint_reply(polite, &ctx).tone.respect;
            let r = lint_reply(rude, &ctx).tone.respect;
            assert!(
                p.score > r.score + 0.1,
                "{polite} {} <= {rude} {}",
                p.score,
                r.score
            );
            assert!(has(&p, up, true), "{polite}: {:?}", ids(&p));
            assert!(has(&r, down, false), "{rude}: {:?}", ids(&r));
            for (text, d) in [(polite, &p), (rude, &r)] {
                for e in &d.evidence {
                    assert!(e.span.end <= text.len() && !e.span.slice(text).is_empty());
                }
            }
        }
        let en = lint_reply("Could you please check the log? Thanks!", &ctx).tone;
        let thanks = en
            .respect
            .evidence
            .iter()
            .find(|e| e.id.starts_with("respect:gratitude:"))
            .expect("gratitude");
        assert_eq!(
            thanks.span.slice("Could you please check the log? Thanks!"),
            "Thanks"
        );
    }

    /// The evidence shares add up to the learned score (before rounding), so the cues explain it.
    #[test]
    fn respect_evidence_adds_up_to_the_score() {
        let ctx = ReplyContext::default();
        for text in [
            "Thank you so much, we are sorry for the trouble!",
            "Das ist Quatsch. Warum lesen Sie nicht einfach die FAQ?",
            "",
        ] {
            let r = lint_reply(text, &ctx);
            let w = crate::reply::respect::weights();
            let start = super::sigmoid(super::RESPECT_SLOPE * (w.bias - super::RESPECT_MIDPOINT));
            let sum: f32 = start
                + r.tone
                    .respect
                    .evidence
                    .iter()
                    .map(|e| e.weight)
                    .sum::<f32>();
            assert!(
                (sum.clamp(0.0, 1.0) - r.tone.respect.score).abs() < 0.002,
                "{text}: {sum} vs {}",
                r.tone.respect.score
            );
        }
    }

    #[test]
    fn formality_follows_du_and_sie() {
        let ctx = ReplyContext::default();
        let sie = lint_reply("Sehr geehrte Frau Yilmaz, wir helfen Ihnen gern.", &ctx).tone;
        let du = lint_reply("Hey Lena, wir helfen dir gern 😊", &ctx).tone;
        assert!(sie.formality.score > du.formality.score);
    }
}
