//! Stage 5 — criticality: the level (monitor / respond / escalate) by the triage playbook, a 0–100 score that
//! ranks comments within their level, and the channel (public / private).
//!
//! - **escalate** for an attack on a protected group (hate speech, slurs), and otherwise only for a serious
//!   matter the writer brings themselves: a threat, an announced legal
//!   threat, a safety or health case, a privacy case about their data or account, press / authority / boycott
//!   escalation — never for the same words in a news text or a chat among users;
//! - **respond** for a case addressed to the company: a question, a request, a complaint, a refund or churn
//!   matter, praise, an insult to moderate — or a question or claim about the writer's own case;
//! - **monitor** for news, chat, general opinions, bare thanks, spam and the company's own replies.
//!
//! The score adds points per facet (`params.rs`) and is kept inside its level's band, so ranking by score and
//! filtering by level agree. Sensitivity widens (or narrows) the respond band by score.

use crate::explain::{self, LevelCause, Part};
use crate::model::{
    Category, Channel, Criticality, Evidence, Facet, Lang, Level, Sentiment, Signal, Topic,
    Toxicity,
};
use crate::params as p;

use super::context::{Context, Genre};
use super::signals;
use super::toxicity;

pub(crate) struct Inputs<'a> {
    pub text: &'a str,
    pub cx: &'a Context,
    pub sentiment: &'a Sentiment,
    pub toxicity: &'a Toxicity,
    pub tox: &'a toxicity::Raw,
    pub signals: &'a [Signal],
    pub sig: &'a signals::Raw,
    pub topic: Topic,
    pub personal_data: Vec<usize>,
    pub watch: Vec<usize>,
    pub emphasis: f32,
    /// Possessive first person (mein, my): the writer's own order, booking or account.
    pub possessive: bool,
    /// The evidence of the writer asking for a private channel ("per DM", "call me"), if they do.
    pub asks_private: Option<usize>,
    /// The evidence of a complaint about the writer's own transaction (first person and "Bestellung", "my
    /// booking", …), if it is one.
    pub transaction: Option<usize>,
    pub sensitivity: f32,
    pub ui_lang: Lang,
}

pub(crate) fn judge(i: Inputs<'_>, evidence: &[Evidence]) -> Criticality {
    let cx = i.cx;
    let has = |s: Signal| i.signals.contains(&s);
    let cat = |c: Category| i.toxicity.categories.contains(&c);
    let complaint = has(Signal::Complaint);
    // a complaint tied to the company or a case (not the negative tone alone)
    let complaint_case = complaint && !i.sig.tone_only;

    // ---- points, for the ranking and the reasons
    let mut parts: Vec<Part> = Vec::new();
    for c in &i.toxicity.categories {
        parts.push(Part::Category(
            *c,
            p::CATEGORY_POINTS[c.index()],
            i.tox.evidence[c.index()].clone(),
        ));
    }
    let lexicon_category = i
        .toxicity
        .categories
        .iter()
        .any(|c| !matches!(c, Category::CallToAction | Category::Profanity));
    if i.toxicity.toxic && !lexicon_category {
        parts.push(Part::Learned(
            p::LEARNED_OFFENSE_POINTS,
            i.tox.model_evidence.clone(),
        ));
    }
    for s in i.signals {
        let pts = p::SIGNAL_POINTS[s.index()];
        if pts > 0.0 {
            parts.push(Part::Signal(
                *s,
                pts,
                i.sig.signal_evidence[s.index()].clone(),
            ));
        }
    }
    if i.sentiment.score < 0.0 {
        let neg: Vec<usize> = evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| e.facet == Facet::Sentiment && e.weight < 0.0)
            .map(|(k, _)| k)
            .collect();
        parts.push(Part::Negativity(
            p::NEGATIVITY_POINTS * -i.sentiment.score,
            neg,
        ));
        if i.emphasis > 0.0 {
            parts.push(Part::Emphasis(
                (i.emphasis / 6.0 * p::EMPHASIS_POINTS).min(p::EMPHASIS_POINTS),
            ));
        }
    }
    if !i.personal_data.is_empty() {
        parts.push(Part::PersonalData(
            p::PERSONAL_DATA_POINTS,
            i.personal_data.clone(),
        ));
    }
    if !i.watch.is_empty() {
        parts.push(Part::WatchWord(p::WATCH_WORD_POINTS, i.watch.clone()));
    }
    let points: f32 = parts
        .iter()
        .map(Part::points)
        .sum::<f32>()
        .clamp(0.0, 100.0);

    // ---- level, by the playbook
    // a call to others to avoid or expose the company is the writer's own act, like an announcement: the
    // company named, or the writer's own complaint; a call about something else under the company's post
    // ("Tauscht die Regierung aus", "Lasst euch nicht provozieren") is no campaign against it
    let mobilises = cat(Category::CallToAction) && (complaint_case || cx.names_company);
    // harm that happened is a case of its own, whoever tells it ("der Akku ist beim Laden explodiert")
    let incident = i.sig.signal[Signal::Safety.index()] >= p::SAFETY_INCIDENT;
    // what the writer brings themselves: their own case, an announcement, a call to others, an incident, a
    // legal or public escalation that survived the context (not reported, supposed or negated)
    let writer_brings_it = cx.genre == Genre::Comment
        && (cx.is_case()
            || cx.announces()
            || mobilises
            || incident
            || has(Signal::Legal)
            || has(Signal::PublicEscalation));
    // a danger to the writer's own child, home or body, told (not asked about): current, to escalate
    let own_danger = (cx.first_person || i.possessive) && !cx.asks();
    let escalates = cat(Category::Threat)
        || cat(Category::IdentityAttack)
        || cat(Category::SexualHarassment)
        || mobilises
        || has(Signal::Legal)
        || has(Signal::PublicEscalation)
        || (has(Signal::Safety) && (incident || own_danger))
        || (has(Signal::Privacy) && (cx.first_person || i.possessive));
    let serious = escalates || has(Signal::Safety);
    let concern = complaint
        || has(Signal::Question)
        || has(Signal::Refund)
        || has(Signal::Churn)
        || has(Signal::Praise)
        || has(Signal::Privacy)
        || cat(Category::Insult)
        || i.toxicity.toxic
        || (cx.follow_up && !has(Signal::Spam));
    // the writer's own order, booking or account ("mein Paket", "my order"), or their own refund or contract
    let own_case = (i.possessive
        && (complaint_case
            || has(Signal::Question)
            || has(Signal::Refund)
            || has(Signal::Churn)
            || has(Signal::Safety)))
        || (cx.first_person && (has(Signal::Refund) || has(Signal::Churn)));
    let (mut level, cause) = if cx.own_reply.is_some() {
        (Level::Monitor, Some(LevelCause::OwnReply))
    } else if has(Signal::Spam) && !serious {
        (Level::Monitor, Some(LevelCause::Spam))
    } else if i.tox.hate && i.toxicity.toxic && cx.genre != Genre::News {
        // hate against a group under the company's post is a legal matter wherever it stands
        (Level::Escalate, Some(LevelCause::Hate))
    } else if escalates && writer_brings_it {
        (Level::Escalate, Some(LevelCause::Serious))
    } else if cx.genre == Genre::News {
        (Level::Monitor, Some(LevelCause::News))
    } else if cx.genre == Genre::Chat && !serious {
        (Level::Monitor, Some(LevelCause::Chat))
    } else if (concern || serious) && (cx.to_company() || own_case) {
        (Level::Respond, Some(LevelCause::ToCompany))
    } else if concern || serious {
        (Level::Monitor, Some(LevelCause::NotAddressed))
    } else {
        (Level::Monitor, None)
    };
    // the score stays inside the band of the playbook's level; sensitivity then moves the level only:
    // above 0.5 a high score lifts a watched comment to respond, below 0.5 a low one drops it
    let own_reply = cx.own_reply.is_some();
    let score = match level {
        _ if own_reply => 0.0,
        Level::Monitor => points.min(p::RESPOND_AT - 1.0),
        Level::Respond => points.clamp(p::RESPOND_AT, p::ESCALATE_AT - 1.0),
        Level::Escalate => points.max(p::ESCALATE_AT),
    };
    let shift = (i.sensitivity - 0.5) * 2.0 * p::SENSITIVITY_SPAN;
    if !own_reply && shift > 0.0 && level == Level::Monitor && points >= p::RESPOND_AT - shift {
        level = Level::Respond;
    }
    if shift < 0.0 && level == Level::Respond && points < p::RESPOND_AT - shift {
        level = Level::Monitor;
    }
    if let Some(c) = cause {
        parts.push(Part::Level(c));
    }

    // ---- channel
    let private = !i.personal_data.is_empty()
        || i.asks_private.is_some()
        || i.signals.iter().any(|s| {
            matches!(
                s,
                Signal::Refund | Signal::Privacy | Signal::Legal | Signal::Safety | Signal::Churn
            )
        })
        || (i.topic == Topic::Billing && complaint)
        // a complaint about the writer's own order, booking, account or payment needs its details
        || i.transaction.is_some()
        || (complaint
            && i.possessive
            && matches!(
                i.topic,
                Topic::Delivery | Topic::Billing | Topic::ProductQuality | Topic::CustomerService
            ));
    let channel = if private {
        Channel::Private
    } else {
        Channel::Public
    };
    if private && level != Level::Monitor {
        parts.push(Part::Private(explain::private_cause(
            i.signals,
            i.topic,
            !i.personal_data.is_empty(),
            i.asks_private,
            i.transaction,
            complaint && i.possessive,
        )));
    }
    let reasons = explain::reasons(&parts, evidence, i.text, i.ui_lang);
    Criticality {
        score: score.round() as u8,
        level,
        channel,
        reasons,
    }
}
