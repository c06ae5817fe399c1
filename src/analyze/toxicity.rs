//! Stage 4b — toxicity: category sums from the toxic lexicons, read in context, plus the learned offence model.
//!
//! A violent word is a threat only when someone is threatened: in a sentence that addresses someone, wishes
//! or announces harm. The same word in a report of harm that happened ("hat fast unsere Wohnung angezündet",
//! "Nazis verprügeln Fahrgäste") is handed to the safety signal instead. A masked swear word aimed at someone
//! ("Ihr Sch***kerle") is an insult; otherwise it stays profanity.

use crate::lexicon::{List, ModelKind, Table, lexicons};
use crate::model::{Category, Facet, Lang, LearnedModel, Modifier, Sentiment, Toxicity};
use crate::params as p;
use crate::text::Tokens;

use super::context::Context;
use super::evidence::{Recorder, round3};
use super::hits::{Hit, language_factor};
use super::sentiment::words_before;

/// Category sums and their evidence, before the score.
#[derive(Default)]
pub(crate) struct Raw {
    pub sum: [f32; 6],
    pub evidence: [Vec<usize>; 6],
    /// Valence the toxic hits add to the sentiment sum.
    pub valence: f32,
    /// Violent words read as harm that happened: (hit index, weight) for the safety signal.
    pub harm: Vec<(usize, f32)>,
    /// The offence model's probability (0 when the language has no model) and its base rate.
    pub offense_p: f32,
    pub offense_base: f32,
    /// Evidence of the model's positive words, strongest first.
    pub model_evidence: Vec<usize>,
    /// An attack on a group: a slur, or a group named and attacked (`hate.rs`).
    pub hate: bool,
    /// Quotation marks, counter-speech and quoting verbs, read once when a slur or a group needs them.
    pub scope: Option<super::hate::Scope>,
}

/// Whether the sentence of token `t` threatens someone rather than reporting harm.
fn threatens(cx: &Context, tokens: &Tokens, t: usize) -> bool {
    let s = cx.sentence_of(tokens, t);
    s.addressed || s.wishes || s.announces || s.requests
}

pub(crate) fn collect(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
    booster_profanity: &[bool],
    ev: &mut Recorder,
) -> Raw {
    let lex = lexicons();
    let mut raw = Raw::default();
    // hits come in token order: one masking note per token
    let mut masking_noted: Option<usize> = None;
    // sentences that tell of harm done to the writer's own (an incident word and a first person:
    // "… hat fast unsere Wohnung angezündet", "mein Sohn hat sich verbrannt")
    let mut harm_in: Vec<usize> = Vec::new();
    for h in hits {
        if h.list != List::Signal(crate::model::Signal::Safety) {
            continue;
        }
        let e = lex.entry(h.entry);
        if e.weight >= p::SAFETY_INCIDENT {
            let sent = tokens.tokens[h.t0 as usize].sentence as usize;
            if cx.sentences[sent].first_person && harm_in.last() != Some(&sent) {
                harm_in.push(sent);
            }
        }
    }
    for (k, h) in hits.iter().enumerate() {
        let List::Toxic(mut cat) = h.list else {
            continue;
        };
        let e = lex.entry(h.entry);
        let t0 = h.t0 as usize;
        if h.partial && (h.t0..h.t1).any(|t| cx.exception[t as usize]) {
            continue;
        }
        if cat == Category::IdentityAttack {
            let scope = raw
                .scope
                .get_or_insert_with(|| super::hate::Scope::read(text, tokens, hits, cx));
            if let Some(id) = super::hate::slur_aside(tokens, cx, scope, h) {
                ev.note(id, h.span);
                continue;
            }
        }
        let mut w = e.weight * language_factor(lang, e.table);
        let sent = &cx.sentences[tokens.tokens[t0].sentence as usize];
        let prev = words_before(text, tokens, t0, 1).first().copied();
        if cat == Category::Threat
            && !threatens(cx, tokens, t0)
            && (cx.reports(t0)
                || harm_in
                    .binary_search(&(tokens.tokens[t0].sentence as usize))
                    .is_ok())
        {
            ev.note("rule:context:harm-reported-not-threatened", h.span);
            raw.harm.push((k, w));
            continue;
        }
        if cat == Category::CallToAction && !sent.others && (cx.mentioned || cx.names_company) {
            // "Macht endlich was, @Laden!": a demand to the company, not a call to others
            ev.note("rule:context:request-not-a-call", h.span);
            continue;
        }
        if h.masked && cat == Category::Profanity && prev.is_some_and(|j| cx.addressee[j]) {
            // "Ihr Sch***kerle", "du A****": a masked word right after the addressee names them
            cat = Category::Insult;
            ev.add(
                "rule:context:masked-word-aimed-at-someone",
                Facet::Modifier(Modifier::Context),
                h.span,
                1.0,
            );
        }
        if cat == Category::Profanity && booster_profanity[t0] {
            w *= p::PROFANITY_AS_BOOSTER;
        }
        if matches!(cat, Category::Insult | Category::SexualHarassment) && sent.addressed {
            w *= p::TARGETED_FACTOR;
        }
        // "kein Idiot" softens an insult; "keine Kanaken" is a slur all the same
        if prev.is_some_and(|j| cx.negator[j]) && cat != Category::IdentityAttack {
            w *= p::NEGATED_TOXIC_FACTOR;
        }
        if h.masked && masking_noted != Some(t0) {
            masking_noted = Some(t0);
            ev.add(
                "rule:masked-word",
                Facet::Modifier(Modifier::Masking),
                h.span,
                1.0,
            );
        }
        // a slur used (not mentioned) attacks a group by itself
        if cat == Category::IdentityAttack && e.weight >= p::SLUR_WEIGHT {
            raw.hate = true;
        }
        let at = ev.add(e.id(), Facet::Toxic(cat), h.span, w);
        raw.sum[cat.index()] += w;
        raw.evidence[cat.index()].push(at);
        if cat != Category::Profanity && cat != Category::CallToAction {
            raw.valence += p::TOXIC_VALENCE * w;
        } else if cat == Category::Profanity && !booster_profanity[t0] {
            // swearing with no polar word to boost ("fuck off", "damn damn damn") leans negative
            raw.valence += p::PROFANITY_VALENCE * w;
        }
    }
    aimed_masks(text, tokens, hits, cx, &mut raw, ev);
    learned(hits, lang, &mut raw, ev);
    raw
}

/// A masked word right after the addressee names them, even when no listed word fits the mask
/// ("Ihr Sch***kerle", "du A***"): an insult.
fn aimed_masks(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    raw: &mut Raw,
    ev: &mut Recorder,
) {
    if !tokens.tokens.iter().any(|t| t.masked) {
        return;
    }
    let mut toxic_at = vec![false; tokens.tokens.len()];
    for h in hits {
        if matches!(h.list, List::Toxic(_)) {
            toxic_at[h.t0 as usize] = true;
        }
    }
    for (i, t) in tokens.tokens.iter().enumerate() {
        if !t.masked || toxic_at[i] || !t.span.slice(text).contains('*') {
            continue;
        }
        if words_before(text, tokens, i, 1)
            .first()
            .is_some_and(|&j| cx.addressee[j])
        {
            let at = ev.add(
                "rule:context:masked-word-aimed-at-someone",
                Facet::Toxic(Category::Insult),
                t.span,
                p::MASKED_AIMED_WEIGHT,
            );
            raw.sum[Category::Insult.index()] += p::MASKED_AIMED_WEIGHT;
            raw.evidence[Category::Insult.index()].push(at);
            raw.valence += p::TOXIC_VALENCE * p::MASKED_AIMED_WEIGHT;
        }
    }
}

/// The learned offence model: each word once; the intercept applies when the language has a model.
fn learned(hits: &[Hit], lang: Lang, raw: &mut Raw, ev: &mut Recorder) {
    let lex = lexicons();
    let mut sum = 0.0f32;
    let mut seen: rustc_hash::FxHashSet<u32> = Default::default();
    for h in hits {
        let List::Model(ModelKind::Offense) = h.list else {
            continue;
        };
        let e = lex.entry(h.entry);
        // a model applies only to comments detected in its language (no half weights for `other`)
        if !matches!(
            (lang, e.table),
            (Lang::De, Table::De) | (Lang::En, Table::En)
        ) || !seen.insert(h.entry)
        {
            continue;
        }
        let w = e.weight;
        sum += w;
        let at = ev.add(e.id(), Facet::Learned(LearnedModel::Offense), h.span, w);
        if w > 0.0 {
            raw.model_evidence.push(at);
        }
    }
    let table = match lang {
        Lang::De => Table::De,
        Lang::En => Table::En,
        Lang::Other => return,
    };
    if !lex.has_model(ModelKind::Offense, table) {
        return;
    }
    let bias = lex.model_bias[ModelKind::Offense as usize][table as usize];
    raw.offense_p = 1.0 / (1.0 + (-(sum + bias)).exp());
    raw.offense_base = 1.0 / (1.0 + (-bias).exp());
    raw.model_evidence
        .sort_by(|a, b| ev.evidence[*b].weight.total_cmp(&ev.evidence[*a].weight));
}

/// The toxicity score and categories from the category sums, the model, negativity and emphasis.
pub(crate) fn finish(
    raw: &Raw,
    sentiment: &Sentiment,
    emphasis: f32,
    sensitivity: f32,
) -> Toxicity {
    let mut total: f32 = raw
        .sum
        .iter()
        .zip(p::CATEGORY_WEIGHT)
        .map(|(s, w)| s * w)
        .sum();
    // only what the model sees above its own base rate counts, so a friendly comment stays near zero
    if raw.offense_p > 0.0 {
        total += p::MODEL_OFFENSE_WEIGHT * (raw.offense_p - raw.offense_base).max(0.0)
            / (1.0 - raw.offense_base).max(0.05);
    }
    let toxic_words_present = total > 0.0;
    total += p::NEGATIVITY_TO_TOXICITY * (-sentiment.score).max(0.0);
    if toxic_words_present {
        total += p::EMPHASIS_TO_TOXICITY * emphasis;
    }
    let score = round3(1.0 - (-total / p::TOXICITY_SCALE).exp());
    let threshold = p::TOXIC_THRESHOLD + (0.5 - sensitivity) * 0.3;
    let categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| raw.sum[c.index()] >= p::CATEGORY_MIN[c.index()])
        .collect();
    let toxic = score >= threshold
        && (categories
            .iter()
            .any(|c| !matches!(c, Category::CallToAction))
            || raw.offense_p >= p::MODEL_TOXIC_MIN)
        && !(categories == [Category::Profanity] && sentiment.score > 0.0);
    Toxicity {
        score: score.clamp(0.0, 1.0),
        toxic,
        categories,
    }
}

/// Caps and exclamation marks, 0…6, for the criticality score.
pub(crate) fn emphasis(tokens: &Tokens) -> f32 {
    let caps_words = if tokens.mostly_caps() {
        0
    } else {
        tokens
            .tokens
            .iter()
            .filter(|t| t.caps && t.span.len() > 2)
            .count()
    };
    (caps_words as f32 + tokens.exclamations.min(6) as f32 * 0.5).min(6.0)
}
