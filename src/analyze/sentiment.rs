//! Stage 4a — sentiment: polar words and phrases, shaped by their context (negation, intensifiers, capitals,
//! elongation, contrast, irony), plus what the other facets add to the valence sum.

use crate::learned::Scored;
use crate::lexicon::{List, Table, lexicons};
use crate::model::{Facet, Lang, LearnedModel, Modifier, Sentiment, SentimentLabel, Span};
use crate::params as p;
use crate::text::{TokenKind, Tokens};

use super::context::Context;
use super::evidence::{Recorder, round3};
use super::hits::{Hit, is_wordish, language_factor};
use super::resolved::Fix;

/// Up to four word positions before a word (no allocation).
#[derive(Default)]
pub(crate) struct Window {
    at: [usize; 4],
    len: usize,
}

impl Window {
    fn push(&mut self, j: usize) {
        if self.len < self.at.len() {
            self.at[self.len] = j;
            self.len += 1;
        }
    }
    pub fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.at[..self.len].iter()
    }
    pub fn first(&self) -> Option<&usize> {
        self.at[..self.len].first()
    }
}

/// The (up to `k`) words before token `t` in its sentence, nearest first; a comma or colon closes the scope.
pub(crate) fn words_before(text: &str, tokens: &Tokens, t: usize, k: usize) -> Window {
    let mut out = Window::default();
    let toks = &tokens.tokens;
    let mut j = t;
    let mut next_start = toks[t].span.start;
    while j > 0 && out.len < k && t - j < 4 * k + 4 {
        j -= 1;
        if toks[j].sentence != toks[t].sentence {
            break;
        }
        let sp = toks[j].span;
        if text
            .get(sp.end..next_start)
            .is_some_and(|gap| gap.contains([',', ':']))
        {
            break;
        }
        next_start = sp.start;
        if is_wordish(toks[j].kind) {
            out.push(j);
        }
    }
    out
}

/// The negator that governs the word at `t0..t1`: up to three words before, or (German) a sentence-final
/// negation right after ("Das gefällt mir nicht.").
pub(crate) fn negation_of(
    text: &str,
    tokens: &Tokens,
    cx: &Context,
    lang: Lang,
    t0: usize,
    t1: usize,
) -> Option<usize> {
    let before = words_before(text, tokens, t0, p::NEGATION_WINDOW);
    let found = before.iter().find(|&&j| cx.negator[j]).copied();
    if found.is_none() && lang == Lang::De {
        return final_negation_after(tokens, cx, t1);
    }
    found
}

/// German "Das gefällt mir nicht." — a negation that closes the sentence within a few words after `t1`.
fn final_negation_after(tokens: &Tokens, cx: &Context, t1: usize) -> Option<usize> {
    let toks = &tokens.tokens;
    let sent = toks.get(t1.saturating_sub(1))?.sentence;
    let last = *cx.last_word_in.get(sent as usize)?;
    let mut words = 0;
    let mut j = t1;
    while j < toks.len()
        && toks[j].sentence == sent
        && j <= last
        && j < t1 + 4 * p::NEGATION_BACK_WINDOW
    {
        if is_wordish(toks[j].kind) {
            words += 1;
            if cx.negator[j] {
                return (j == last).then_some(j);
            }
            if words >= p::NEGATION_BACK_WINDOW {
                return None;
            }
        }
        j += 1;
    }
    None
}

/// Praise words around a reported failure are irony: in a sentence with an irony marker, or in a short
/// evaluative sentence after a sentence that reports a failure ("… nicht bekommen. Toll.", "Schon wieder
/// verschoben. Ganz toller Service, wirklich."). Thanks after a question thank in advance ("Warum ist der
/// Zug ausgefallen? Danke!", "Why was my flight diverted? Thanks").
pub(crate) fn ironic_praise(tokens: &Tokens, cx: &Context, t: usize) -> bool {
    let s = cx.sentence_of(tokens, t);
    let sent = tokens.tokens.get(t).map_or(0, |t| t.sentence);
    let in_advance = cx.thanks.get(t).is_some_and(|&x| x)
        && (sent as usize)
            .checked_sub(1)
            .is_some_and(|b| cx.sentences[b].asks);
    s.ironic
        || (cx.failure_in.is_some_and(|f| f < sent)
            && s.words <= p::IRONY_SHORT_SENTENCE
            && !s.asks
            && !in_advance)
}

/// Thanks that close a request or a question in a sentence of their own ("Ändert das. Bitte. Danke.", "Can
/// you check my booking? Thanks!") thank for what has not been done yet: courtesy, no valence. Thanks in the
/// sentence that names what they are for ("Danke, das hat geholfen") or with nothing asked before them stay
/// positive.
fn thanks_in_advance(tokens: &Tokens, cx: &Context, h: &Hit) -> bool {
    let (t0, t1) = (h.t0 as usize, h.t1 as usize);
    if !cx.thanks.get(t0..t1).is_some_and(|t| t.iter().all(|x| *x)) {
        return false;
    }
    let sent = tokens.tokens[t0].sentence as usize;
    let Some(s) = cx.sentences.get(sent) else {
        return false;
    };
    let words = (t1 - t0) as u32;
    s.words <= words + p::THANKS_SENTENCE_EXTRA_WORDS
        && cx.sentences[..sent].iter().any(|b| b.requests || b.asks)
}

/// The valence of the polar words, and which profanities only boost a polar word.
pub(crate) struct Valence {
    pub sum: f32,
    /// The positive words' valence on its own (≥ 0).
    pub positive: f32,
    /// Positive valence from words other than thanks formulas (bare thanks are no praise).
    pub beyond_thanks: f32,
    pub booster_profanity: Vec<bool>,
    /// Per token: an intensifier that boosted the polar word after it ("sau gut", "crazy expensive").
    pub intensified: Vec<bool>,
    /// Praise words were read as ironic (`rule:irony-flips-praise`), as a standard demanded or as praise of the
    /// past: they are no reason for the heads' positive label.
    pub ironic: bool,
}

pub(crate) fn polar_words(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
    ev: &mut Recorder,
) -> Valence {
    let lex = lexicons();
    let mostly_caps = tokens.mostly_caps();
    let mut sum = 0.0f32;
    let mut positive = 0.0f32;
    let mut beyond_thanks = 0.0f32;
    let mut booster_profanity = vec![false; tokens.tokens.len()];
    let mut intensified = vec![false; tokens.tokens.len()];
    let mut ironic = false;
    for h in hits {
        if h.list != List::Sentiment {
            continue;
        }
        let e = lex.entry(h.entry);
        let t0 = h.t0 as usize;
        let mut v = e.weight * language_factor(lang, e.table);
        let at = ev.add(e.id(), Facet::Sentiment, h.span, v);
        // a polar phrase that opens with an intensifier boosts with it: an insult word there insults nobody
        // ("sau gut", "crazy good"), and in praise a swear word only boosts ("verdammt nochmal" stays swearing)
        if h.t1 > h.t0 + 1 && cx.intensifier[t0] != 1.0 {
            intensified[t0] = true;
            booster_profanity[t0] |= cx.profane[t0] && e.weight > 0.0;
        }
        let before = words_before(
            text,
            tokens,
            t0,
            p::NEGATION_WINDOW.max(p::INTENSIFIER_WINDOW),
        );
        for (k, &j) in before.iter().enumerate() {
            if k < p::INTENSIFIER_WINDOW && cx.intensifier[j] != 1.0 {
                v *= cx.intensifier[j];
                // right before a polar word, a word that can be an insult only boosts it ("sau teuer")
                intensified[j] |= k == 0 && tokens.tokens[t0].kind == TokenKind::Word;
                ev.add(
                    "rule:intensifier",
                    Facet::Modifier(Modifier::Intensifier),
                    tokens.tokens[j].span,
                    cx.intensifier[j],
                );
                break;
            }
            if k < p::INTENSIFIER_WINDOW && cx.profane[j] {
                v *= p::PROFANITY_BOOST;
                booster_profanity[j] = true;
                ev.add(
                    "rule:profanity-as-intensifier",
                    Facet::Modifier(Modifier::Intensifier),
                    tokens.tokens[j].span,
                    p::PROFANITY_BOOST,
                );
                break;
            }
        }
        // an emoji or emoticon shows the writer's mood; a negator before it negates the words, not the face
        // ("… ist nicht abzusehen :-(")
        let face = e.table == Table::Common;
        if !face && let Some(j) = negation_of(text, tokens, cx, lang, t0, h.t1 as usize) {
            v *= p::NEGATION_FACTOR;
            ev.add(
                "rule:negation",
                Facet::Modifier(Modifier::Negation),
                tokens.tokens[j].span,
                p::NEGATION_FACTOR,
            );
        }
        let toks = &tokens.tokens[h.t0 as usize..h.t1 as usize];
        if !mostly_caps && toks.iter().any(|t| t.caps && t.kind == TokenKind::Word) {
            v *= p::CAPS_FACTOR;
            ev.add(
                "rule:caps-emphasis",
                Facet::Modifier(Modifier::Capitals),
                h.span,
                p::CAPS_FACTOR,
            );
        }
        if toks.iter().any(|t| t.elongated) {
            v *= p::ELONGATION_FACTOR;
            ev.add(
                "rule:elongation",
                Facet::Modifier(Modifier::Elongation),
                h.span,
                p::ELONGATION_FACTOR,
            );
        }
        if let Some(c) = cx.contrast_at {
            v *= if h.t0 < c {
                p::CONTRAST_BEFORE
            } else {
                p::CONTRAST_AFTER
            };
        }
        // "Die Störung ist behoben", "The strike is over": a trouble that is over weighs nothing, the word that
        // ends it speaks for itself ("behoben", "fixed"); "muss gelöst werden", "Have you solved it?": a fix
        // only awaited praises nothing (resolved.rs)
        let fix = cx.fix[t0];
        let unfixed = match fix {
            Fix::Over if v < 0.0 => Some("rule:context:resolved"),
            Fix::Awaited if v > 0.0 => Some("rule:context:not-yet-resolved"),
            _ => None,
        };
        if let Some(rule) = unfixed {
            ironic |= fix == Fix::Awaited;
            v = 0.0;
            ev.add(rule, Facet::Modifier(Modifier::Context), h.span, 0.0);
        }
        if v > 0.0 && thanks_in_advance(tokens, cx, h) {
            v = 0.0;
            ev.add(
                "rule:context:thanks-in-advance",
                Facet::Modifier(Modifier::Context),
                h.span,
                0.0,
            );
        }
        // a standard the writer demands ("Ihr solltet mal pünktlich sein"), praise of what is gone ("I used to
        // love your coffee"): what is lacking now
        if v > 0.0
            && let Some(rule) = cx.lapsed[t0]
        {
            ironic = true;
            v *= p::LAPSED_FLIP;
            ev.add(
                rule,
                Facet::Modifier(Modifier::Context),
                h.span,
                p::LAPSED_FLIP,
            );
        }
        if v > 0.0 && ironic_praise(tokens, cx, t0) {
            ironic = true;
            v *= p::IRONY_FLIP;
            ev.add(
                "rule:irony-flips-praise",
                Facet::Modifier(Modifier::Irony),
                h.span,
                p::IRONY_FLIP,
            );
        }
        ev.evidence[at].weight = round3(v);
        sum += v;
        positive += v.max(0.0);
        if v > 0.0 && !cx.thanks[h.t0 as usize..h.t1 as usize].iter().all(|t| *t) {
            beyond_thanks += v;
        }
    }
    if let Some(c) = cx.contrast_at {
        ev.add(
            "rule:contrast",
            Facet::Modifier(Modifier::Contrast),
            tokens.tokens[c as usize].span,
            p::CONTRAST_AFTER,
        );
    }
    Valence {
        sum,
        positive,
        beyond_thanks,
        booster_profanity,
        intensified,
        ironic,
    }
}

/// The sentiment from the whole valence sum: exclamation marks push in its direction, then it is normalised
/// (longer texts need a clearer sum).
pub(crate) fn finish(
    text: &str,
    tokens: &Tokens,
    lang: Lang,
    mut sum: f32,
    polarity: Option<&(Scored, Scored)>,
    ironic: bool,
    ev: &mut Recorder,
) -> Sentiment {
    if tokens.exclamations > 0 && sum != 0.0 {
        let k = tokens.exclamations.min(p::EXCLAMATION_MAX) as f32 * p::EXCLAMATION_STEP;
        sum += k * sum.signum();
        let sp = text
            .rfind('!')
            .map_or(Span::default(), |i| Span::new(i, i + 1));
        ev.add(
            "rule:exclamation-emphasis",
            Facet::Modifier(Modifier::Exclamation),
            sp,
            k * sum.signum(),
        );
    }
    let n_words = tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count() as f32;
    let alpha = p::SENTIMENT_ALPHA
        + p::SENTIMENT_LENGTH_ALPHA * (n_words - p::SENTIMENT_LENGTH_FREE).max(0.0);
    let score = (sum / (sum * sum + alpha).sqrt()).clamp(-1.0, 1.0);
    let score = if score.is_finite() { score } else { 0.0 };
    let label = if score >= p::POSITIVE_THRESHOLD {
        SentimentLabel::Positive
    } else if score <= p::NEGATIVE_THRESHOLD {
        SentimentLabel::Negative
    } else {
        SentimentLabel::Neutral
    };
    let label = learned_label(polarity, lang, score, ironic, ev).unwrap_or(label);
    Sentiment {
        score: round3(score),
        label,
    }
}

/// The label from the polarity heads combined with the rules' score ([`crate::learned::combine::Polarity`]),
/// where the language has them; the words that raised the winning class are evidence
/// (`learned:negative_<lang>` with negative weights, `learned:positive_<lang>` with positive ones). The score
/// stays the rules' own: it measures how strongly the words speak, the label what the comment is.
fn learned_label(
    polarity: Option<&(Scored, Scored)>,
    lang: Lang,
    score: f32,
    ironic: bool,
    ev: &mut Recorder,
) -> Option<SentimentLabel> {
    let combination = crate::learned::combine::polarity(lang)?;
    let (negative, positive) = polarity?;
    let (pn, pp) = combination.p(negative.p, positive.p, score);
    let decided = combination.decide(pn, pp);
    // the heads do not know irony: where the rules read praise words as ironic ("The app keeps crashing.
    // Thank you!"), demanded or bygone ("I used to love your coffee"), those words are no reason for a
    // positive or a neutral label, and the rules' label stands
    if decided != -1 && ironic {
        return None;
    }
    let (label, scored, sign, id) = match (decided, lang) {
        (-1, Lang::De) => (
            SentimentLabel::Negative,
            negative,
            -1.0,
            "learned:negative_de",
        ),
        (-1, _) => (
            SentimentLabel::Negative,
            negative,
            -1.0,
            "learned:negative_en",
        ),
        (1, Lang::De) => (
            SentimentLabel::Positive,
            positive,
            1.0,
            "learned:positive_de",
        ),
        (1, _) => (
            SentimentLabel::Positive,
            positive,
            1.0,
            "learned:positive_en",
        ),
        _ => return Some(SentimentLabel::Neutral),
    };
    for c in &scored.contributions {
        ev.add(
            id,
            Facet::Learned(LearnedModel::Sentiment),
            c.span,
            round3(sign * c.weight),
        );
    }
    Some(label)
}
