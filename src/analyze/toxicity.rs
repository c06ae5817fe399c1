//! Stage 4b — toxicity: category sums from the toxic lexicons, read in context, combined with the learned
//! offence head into a calibrated probability.
//!
//! A violent word is a threat only when someone is threatened: in a sentence that addresses someone, wishes
//! or announces harm. The same word in a report of harm that happened ("hat fast unsere Wohnung angezündet",
//! "Nazis verprügeln Fahrgäste") is handed to the safety signal instead. A masked swear word aimed at someone
//! ("Ihr Sch***kerle") is an insult; otherwise it stays profanity.

use crate::learned::combine;
use crate::lexicon::{Cue, HatePart, List, Table, lexicons};
use crate::model::{Category, Facet, Lang, LearnedModel, Modifier, Sentiment, Span, Toxicity};
use crate::params as p;
use crate::text::{TokenKind, Tokens};

use super::context::Context;
use super::evidence::{Recorder, round3};
use super::hits::{Hit, language_factor, starting_in};
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
    /// The learned offence head's probability (None when the language has no head).
    pub offence_p: Option<f32>,
    /// Evidence of the words that raised the head's probability, strongest first.
    pub model_evidence: Vec<usize>,
    /// An attack on a group: a slur, or a group named and attacked (`hate.rs`).
    pub hate: bool,
    /// The writer reports harm done to them or theirs (an incident word in a first-person sentence).
    pub incident: bool,
    /// Quotation marks, counter-speech and quoting verbs, read once when a slur or a group needs them.
    pub scope: Option<super::hate::Scope>,
    /// Words of a toxic list that the rules read as harmless here (an idiom, a booster, an insult aimed at the
    /// writer): the learned head's weight on them does not count either.
    pub set_aside: Vec<Span>,
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
    valence: &super::sentiment::Valence,
    ev: &mut Recorder,
) -> Raw {
    let booster_profanity = &valence.booster_profanity;
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
    raw.incident = !harm_in.is_empty();
    let mood = super::imperative::read(tokens, hits, cx);
    for (k, h) in hits.iter().enumerate() {
        let List::Toxic(mut cat) = h.list else {
            continue;
        };
        let e = lex.entry(h.entry);
        let t0 = h.t0 as usize;
        // a word part inside an innocent word ("Passau"), or a word of an idiom ("Schwein gehabt"); the idiom's
        // word is harmless for the learned head too, a word that only contains a toxic part
        // ("Zigeunerschnitzel") is left to its judgement
        let in_idiom = cx.touches_idiom(h.t0, h.t1) && (h.partial || h.t1 == h.t0 + 1);
        if in_idiom {
            raw.set_aside.push(h.span);
        }
        if in_idiom || (h.partial && (h.t0..h.t1).any(|t| cx.exception[t as usize])) {
            continue;
        }
        if cat == Category::IdentityAttack {
            let scope = raw
                .scope
                .get_or_insert_with(|| super::hate::Scope::read(text, tokens, hits, cx));
            if let Some(id) = super::hate::slur_aside(tokens, cx, scope, h, e.weight) {
                ev.note(id, h.span);
                continue;
            }
        }
        let mut w = e.weight * language_factor(lang, e.table);
        let mut on_thing = false;
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
        if cat == Category::CallToAction
            && h.t1 - h.t0 == 1
            && mood.not_a_call.get(t0).copied().unwrap_or(false)
        {
            // "Der Verein verteidigt seine Pläne", "Blockiert ihr morgen?": the verb calls on nobody
            ev.note("rule:context:verb-not-a-call", h.span);
            continue;
        }
        if cat == Category::CallToAction && cx.demands_of_company(sent) {
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
        if cat == Category::Insult && !h.masked && valence.intensified[h.t1 as usize - 1] {
            // "Euer Kaffee ist sau gut", "Prices are crazy expensive": the word boosts the one after it
            ev.note("rule:context:insult-word-as-intensifier", h.span);
            raw.set_aside.push(h.span);
            continue;
        }
        if cat == Category::Insult
            && !h.masked
            && let Some(id) = super::self_directed::read(text, tokens, hits, cx, h)
        {
            // "Ich Depp …", "I'm such an idiot", "Vielleicht eine dumme Frage, aber …": aimed at the writer
            ev.note(id, h.span);
            raw.set_aside.push(h.span);
            continue;
        }
        if cat == Category::Insult
            && !h.masked
            && h.t1 == h.t0 + 1
            && on_a_thing(text, tokens, hits, h)
        {
            // "wegen einer dummen Minute", "what a dumb question": swearing about a thing, no one insulted
            ev.note("rule:context:insult-word-on-a-thing", h.span);
            cat = Category::Profanity;
            on_thing = true;
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
        // a thing sworn at is judged as harshly as a person insulted ("dumme Sprüche")
        if on_thing || (cat != Category::Profanity && cat != Category::CallToAction) {
            raw.valence += p::TOXIC_VALENCE * w;
        } else if cat == Category::Profanity && !booster_profanity[t0] {
            // swearing with no polar word to boost ("fuck off", "damn damn damn") leans negative
            raw.valence += p::PROFANITY_VALENCE * w;
        }
    }
    aimed_masks(text, tokens, hits, cx, &mut raw, ev);
    super::imperative::add(&mood, &mut raw, ev);
    raw
}

/// Whether the one-word insult `h` is an adjective before a noun that names no person ("einer dummen Minute",
/// "blöde Frage", "this stupid update"). Only the adjectives that describe things as readily as people count
/// (`cue_adjective`: dumm, blöd, stupid, dumb; not "verlogen"), written in lower case. A noun follows when the
/// word after it is capitalised in German (not an acronym such as "SPD"), or when a determiner stands before
/// the adjective (`cue_determiner`: "einer", "this") and the next word is in lower case (no name). The
/// noun names a person when it is in `cue_person` (Leute, Fahrer, Laden, people, driver), a group
/// (`hate_group`), a toxic word ("dumme Kuh") or a handle; a function word after the insult is no noun. A
/// second adjective joined by "und"/"oder"/"and"/"or" may stand between ("auf dreckigen oder verschmierten
/// Sitzen", "this stupid and slow app"): the noun after it decides.
fn on_a_thing(text: &str, tokens: &Tokens, hits: &[Hit], h: &Hit) -> bool {
    let t = h.t0 as usize;
    let Some(word) = tokens.tokens.get(t) else {
        return false;
    };
    // the next word of the same sentence, with only spaces between
    let adjacent = |a: usize, b: usize| {
        let (Some(x), Some(y)) = (tokens.tokens.get(a), tokens.tokens.get(b)) else {
            return false;
        };
        y.kind == TokenKind::Word
            && y.sentence == x.sentence
            && text[x.span.end..y.span.start].trim().is_empty()
    };
    let joined = |k: usize| {
        adjacent(k - 1, k)
            && matches!(
                tokens.norm_of(&tokens.tokens[k]),
                "und" | "oder" | "and" | "or"
            )
            && adjacent(k, k + 1)
            && adjacent(k + 1, k + 2)
            && tokens.tokens[k + 1]
                .span
                .slice(text)
                .starts_with(char::is_lowercase)
    };
    let n = if joined(h.t1 as usize) {
        h.t1 as usize + 2
    } else {
        h.t1 as usize
    };
    if !adjacent(n - 1, n) {
        return false;
    }
    let next = &tokens.tokens[n];
    let (word_text, next_text) = (word.span.slice(text), next.span.slice(text));
    let (mut determiner, mut adjective) = (false, false);
    for x in starting_in(hits, t.saturating_sub(2), n + 1) {
        match x.list {
            List::Cue(Cue::Determiner) if x.t1 as usize == t => determiner = true,
            List::Cue(Cue::Adjective) if x.t0 as usize == t => adjective = true,
            _ if x.t0 as usize != n => {}
            List::Toxic(_)
            | List::Cue(Cue::Person)
            | List::Hate(HatePart::Group)
            | List::Stopword
            | List::Negator
            | List::Addressee
            | List::Intensifier
            | List::Contrast => return false,
            _ => {}
        }
    }
    // an acronym or a name with inner capitals names an organisation or a person ("SPD", "AfD")
    let acronym = next.caps || next_text.chars().skip(1).any(char::is_uppercase);
    let next_upper = next_text.starts_with(char::is_uppercase);
    let capital_noun = h.table == Table::De && next_upper && !acronym;
    adjective
        && !word_text.starts_with(char::is_uppercase)
        && (capital_noun || (determiner && !next_upper))
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

/// The learned offence head (`crate::learned::offence`): its probability, and each word or word pair that
/// raised it as evidence (`learned:offence_<lang>`, weight = its share of the calibrated logit).
pub(crate) fn learned(
    offence: Option<&crate::learned::Scored>,
    lang: Lang,
    raw: &mut Raw,
    ev: &mut Recorder,
) {
    let Some(scored) = offence else {
        return;
    };
    // what the head read into a word the rules set aside ("Vielleicht eine dumme Frage, aber …", "Schwein
    // gehabt") comes off its logit, and is not shown
    let overlaps = |c: &crate::learned::Contribution| {
        raw.set_aside
            .iter()
            .any(|s| s.start < c.span.end && c.span.start < s.end)
    };
    let off: f32 = scored
        .contributions
        .iter()
        .filter(|c| overlaps(c))
        .map(|c| c.weight)
        .sum();
    raw.offence_p = Some(scored.p_without(off));
    let id = match lang {
        Lang::De => "learned:offence_de",
        _ => "learned:offence_en",
    };
    for c in scored.contributions.iter().filter(|c| !overlaps(c)) {
        let at = ev.add(
            id,
            Facet::Learned(LearnedModel::Offense),
            c.span,
            round3(c.weight),
        );
        raw.model_evidence.push(at);
    }
}

/// What the rules alone make of a comment: the inputs of the learned combination
/// ([`crate::learned::combine`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RuleSide {
    /// Weighted sum of the lexicon categories, negativity and emphasis.
    pub sum: f32,
    /// The rules alone call the comment toxic (at the default sensitivity).
    pub toxic: bool,
    /// The named rule inputs of the combination, in the order of [`combine::RULE_INPUTS`].
    pub inputs: [f32; combine::RULE_INPUTS.len()],
}

/// Largest category sum taken into the combination: one more slur does not outvote everything else.
const CATEGORY_INPUT_MAX: f32 = 6.0;

/// The toxicity score and categories: the rules' sum of categories, negativity and emphasis, combined with
/// the learned offence head where the language has one ([`crate::learned::combine`]).
pub(crate) fn finish(
    raw: &Raw,
    sentiment: &Sentiment,
    positive_words: f32,
    emphasis: f32,
    sensitivity: f32,
    lang: Lang,
) -> (Toxicity, RuleSide) {
    let mut total: f32 = raw
        .sum
        .iter()
        .zip(p::CATEGORY_WEIGHT)
        .map(|(s, w)| s * w)
        .sum();
    let toxic_words_present = total > 0.0;
    total += p::NEGATIVITY_TO_TOXICITY * (-sentiment.score).max(0.0);
    if toxic_words_present {
        total += p::EMPHASIS_TO_TOXICITY * emphasis;
    }
    let rule_score = round3(1.0 - (-total / p::TOXICITY_SCALE).exp());
    let shift = (0.5 - sensitivity) * 0.3;
    let categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| raw.sum[c.index()] >= p::CATEGORY_MIN[c.index()])
        .collect();
    let has_category = categories
        .iter()
        .any(|c| !matches!(c, Category::CallToAction));
    // swearing in praise ("verdammt gut", "fucking great") is not toxic
    let praise_swearing = categories == [Category::Profanity] && sentiment.score > 0.0;
    let rules_say = |threshold: f32| rule_score >= threshold && has_category && !praise_swearing;
    let mut inputs = [0.0f32; combine::RULE_INPUTS.len()];
    for (input, s) in inputs.iter_mut().zip(raw.sum) {
        *input = s.clamp(0.0, CATEGORY_INPUT_MAX);
    }
    inputs[Category::ALL.len()..].copy_from_slice(&[
        positive_words.max(0.0).ln_1p(),
        sentiment.score.max(0.0),
        emphasis / 6.0,
    ]);
    let side = RuleSide {
        sum: total,
        toxic: rules_say(p::TOXIC_THRESHOLD),
        inputs,
    };
    let combined = raw
        .offence_p
        .zip(combine::offence(lang))
        .map(|(head_p, c)| (c.p(head_p, &side), c.threshold));
    // a report of harm ("My kid cut his hand on this toy", "hat sich verbrüht") is no offence unless a
    // lexicon category says so: the head's word weights come from insults, not from accident reports
    let head_may_decide = !praise_swearing && (has_category || !raw.incident);
    let (score, toxic) = match combined {
        // the rules' own score stays a floor: a threat or a call to others ranks where the rules put it
        Some((p, threshold)) => (
            round3(p.max(rule_score)),
            if head_may_decide {
                let alone = p::HEAD_ALONE_MIN[lang.pair()];
                p >= threshold + shift && (has_category || p >= alone + shift)
            } else {
                rules_say(p::TOXIC_THRESHOLD + shift)
            },
        ),
        None => (rule_score, rules_say(p::TOXIC_THRESHOLD + shift)),
    };
    let toxicity = Toxicity {
        score: score.clamp(0.0, 1.0),
        toxic,
        categories,
    };
    (toxicity, side)
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
