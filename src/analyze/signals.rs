//! Stage 4c — signals and topic: phrase hits read in context, and the signals derived from the other facets.
//!
//! - Legal threats, public escalation and churn count when the writer says them — not in a report, a
//!   supposition or under a negation ("Die Polizei ermittelt", "falls nötig", "kein Anwalt nötig").
//! - Safety counts for harm or danger, reported in any tense, unless negated ("niemand wurde verletzt").
//! - A question needs a question (a "?" or a question opener) or a request; praise around a reported failure
//!   is irony; spam is never praise.

use crate::lexicon::{Cue, List, lexicons};
use crate::model::{Facet, Lang, Modifier, Sentiment, Signal, Span, Topic, Toxicity};
use crate::params as p;
use crate::text::{TokenKind, Tokens};

use super::context::{Context, Genre, words_back_in_clause};
use super::evidence::Recorder;
use super::fault;
use super::hits::{Hit, language_factor, starting_in};
use super::lasting::{is_duration, lasting_good};
use super::resolved::settled;
use super::sentiment::{ironic_praise, negation_of};
use super::service;
use super::toxicity;

/// Signal and topic sums with their evidence, before the derived signals.
#[derive(Default)]
pub(crate) struct Raw {
    pub signal: [f32; 10],
    pub signal_evidence: [Vec<usize>; 10],
    pub topic: [f32; 8],
    pub topic_evidence: [Vec<usize>; 8],
    /// Valence the signal and irony hits add to the sentiment sum.
    pub valence: f32,
    /// The complaint rests on the comment's negative tone alone: no topic, no address to the company, no other
    /// signal ties it to a case, so it neither makes a call to action mobilise against the company nor a
    /// possessive ("meine Zeit") the writer's own case.
    pub tone_only: bool,
    /// Where a bystander is named, when all the comment's negativity is about bystanders
    /// (`rule:context:bystander`).
    pub bystanders: Option<Span>,
}

/// How far back in its clause a supposition is looked for, in words (bounds the work per hit).
const SUPPOSED_REACH: usize = 12;

/// A word of supposition (`cue_hypothesis`: wenn, falls, würde, if, would) stands before token `t0` in its
/// clause, within [`SUPPOSED_REACH`] words.
fn supposed_before(tokens: &Tokens, hits: &[Hit], cx: &Context, t0: usize) -> bool {
    if !cx.supposes(t0) {
        return false;
    }
    let from = words_back_in_clause(tokens, cx, t0, SUPPOSED_REACH);
    starting_in(hits, from, t0 + 1)
        .iter()
        .any(|x| x.list == List::Cue(Cue::Hypothesis))
}

/// Why the context sets a signal hit aside, if it does.
fn set_aside(
    sig: Signal,
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
    h: &Hit,
) -> Option<&'static str> {
    let t0 = h.t0 as usize;
    let s = cx.sentence_of(tokens, t0);
    let negated = || negation_of(text, tokens, cx, lang, t0, h.t1 as usize).is_some();
    // … or by a negator that opens the phrase the hit stands in ("ohne Erklärung", "no refund")
    let negated_here = || negated() || t0.checked_sub(1).is_some_and(|j| cx.phrase_negator[j]);
    // the writer's own voice: speaks of themselves, to someone, announces or asks for something
    let own_voice = s.first_person || s.addressed || s.announces || s.requests;
    // a word of an idiom or a product name in the exceptions means something else there ("Fire TV Stick", "fire
    // sale", "Feuer und Flamme"): no signal from it
    if cx.touches_idiom(h.t0, h.t1) {
        return Some("rule:context:idiom");
    }
    match sig {
        Signal::Legal | Signal::PublicEscalation | Signal::Churn => {
            if negated() {
                Some("rule:context:negated")
            } else if sig == Signal::Legal && cx.role_before[t0] {
                // "Mein Nachbar ist ein Anwalt", "my sister is a lawyer": a profession, no step taken
                Some("rule:context:role")
            } else if supposed_before(tokens, hits, cx, t0) && !s.announces {
                // "Wenn ich klagen würde …", "If I went to the press": supposed; a condition after the step is
                // an ultimatum ("I'm looking into legal action if the money isn't back by Friday")
                Some("rule:context:supposed")
            } else if ((cx.reports(t0) || s.reports)
                || (cx.genre != Genre::Comment && !s.first_person))
                && !s.announces
            {
                Some("rule:context:reported")
            } else if sig == Signal::PublicEscalation
                && h.weight <= p::ESCALATION_MENTION_MAX
                && !s.announces
                && !tagged(tokens, h)
                && !cx.directed_at[t0]
            {
                // "Die #BILD und nen Bier zum Frühstück", "I favorited a YouTube video": a medium named,
                // no step taken (tagging it, announcing a step or sending something to it takes one)
                Some("rule:context:mention-only")
            } else if sig != Signal::PublicEscalation && !own_voice {
                // "Die Staatsanwaltschaft prüft den Fall.": a third party acts, the writer threatens nothing
                // (a call to others — "Boykottiert diesen Laden!" — needs no first person)
                Some("rule:context:not-the-writers")
            } else {
                None
            }
        }
        Signal::Safety | Signal::Privacy if negated() => Some("rule:context:negated"),
        // "Eure Preise sind explodiert", "My inbox exploded with your mails": an amount that bursts only grows
        // ("Mein Akku ist explodiert" stays a hazard, and so does "The battery exploded and the repair costs …")
        Signal::Safety if (t0..h.t1 as usize).any(|t| cx.surge[t]) && amount_before(cx, t0) => {
            Some("rule:context:figurative")
        }
        // a negated refund is one still owed ("amazon is not doing the refund", "noch keine Erstattung"), unless
        // a verb of wanting waives it ("Ich will keine Erstattung") or the cue is weak ("there is no guarantee")
        Signal::Refund
            if negated_here()
                && (lexicons().entry(h.entry).weight < p::REFUND_OWED_MIN
                    || waives(tokens, cx, t0, h.t1 as usize)) =>
        {
            Some("rule:context:refund-waived")
        }
        // "Die Abschlagszahlung wurde ohne Erklärung verdoppelt.": a negated question word in a statement asks
        // for nothing
        Signal::Question if !s.asks && !s.requests && negated_here() => {
            Some("rule:context:negated")
        }
        // "I found out what happened to my parcel.": a question word inside a statement asks nothing
        Signal::Question if cx.question_word_at(t0) && !s.asks && !s.requests => {
            Some("rule:context:indirect-question")
        }
        // "Bin schon wieder in den falschen Zug gestiegen", "I took the wrong train": the complaint word speaks
        // of the writer's own mistake (a complaint in another clause still counts: "Karte vergessen und euer
        // Personal war unfreundlich")
        Signal::Complaint if cx.clause_own_fault[cx.clause[t0] as usize] => {
            Some("rule:context:own-fault")
        }
        // "1000 Mbit wie versprochen": a promise kept; "Die Störung ist behoben": the trouble is over (resolved.rs)
        Signal::Complaint if settled(hits, cx, h).is_some() => settled(hits, cx, h),
        // "Seit Monaten pünktlich, super.", "On time for months now, great.": a good state that lasts
        Signal::Complaint if lasting_good(text, tokens, hits, cx, lang, h) => {
            Some("rule:context:lasting-good")
        }
        Signal::Praise if ironic_praise(tokens, cx, t0) => Some("rule:context:ironic-praise"),
        // "Not a great service", "Kein toller Service": the praise is negated, as its tone is
        Signal::Praise if negated() => Some("rule:context:negated"),
        // "Maybe you should hire friendly staff", "I used to love your coffee": lacking now, not praised
        Signal::Praise if cx.lapsed[t0].is_some() => cx.lapsed[t0],
        // "Ok, thanks for looking into it.": taking note at the end of an exchange, not praise
        Signal::Praise if cx.acknowledges.is_some() => Some("rule:context:acknowledgement"),
        Signal::Praise if cx.thanks[t0..h.t1 as usize].iter().all(|t| *t) => {
            Some("rule:context:bare-thanks")
        }
        _ => None,
    }
}

/// An amount (`cue_amount`) is named before token `t` in its clause: it is what bursts there.
fn amount_before(cx: &Context, t: usize) -> bool {
    let clause = cx.clause[t];
    (0..t)
        .rev()
        .take_while(|&j| cx.clause[j] == clause)
        .any(|j| cx.amount[j])
}

/// The hit lies on a handle: the writer tags the medium or body ("@BILD", "@verbraucherzentrale").
fn tagged(tokens: &Tokens, h: &Hit) -> bool {
    tokens.tokens[h.t0 as usize..(h.t1 as usize).min(tokens.tokens.len())]
        .iter()
        .any(|t| t.kind == TokenKind::Mention)
}

/// A verb of wanting or needing within [`WAIVE_WINDOW`] tokens around a negated refund, in its sentence.
fn waives(tokens: &Tokens, cx: &Context, t0: usize, t1: usize) -> bool {
    let sent = tokens.tokens[t0].sentence;
    let from = t0.saturating_sub(WAIVE_WINDOW);
    let to = (t1 + WAIVE_WINDOW).min(tokens.tokens.len());
    (from..to).any(|j| tokens.tokens[j].sentence == sent && cx.want[j])
}

/// Tokens either side of a negated refund searched for a verb of wanting ("I don't want a refund", "no refund
/// needed").
const WAIVE_WINDOW: usize = 6;

pub(crate) fn collect(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
    tox: &toxicity::Raw,
    ev: &mut Recorder,
) -> Raw {
    let lex = lexicons();
    let mut raw = Raw {
        bystanders: about_bystanders(tokens, hits, cx, tox, ev),
        ..Raw::default()
    };
    if let Some(span) = raw.bystanders {
        ev.note("rule:context:bystander", span);
    }
    // a signal phrase counts once however often it is repeated ("Presse … Presse")
    let mut seen: rustc_hash::FxHashSet<u32> = Default::default();
    for h in hits {
        if !matches!(h.list, List::Signal(_) | List::Topic(_) | List::Irony) {
            continue;
        }
        let e = lex.entry(h.entry);
        let w = e.weight * language_factor(lang, e.table);
        match e.list {
            List::Signal(_) if !seen.insert(h.entry) => {}
            // how long fellow passengers have been at it is no failure of the service
            List::Signal(Signal::Complaint) if raw.bystanders.is_some() && is_duration(hits, h) => {
                ev.note("rule:context:bystander", h.span);
            }
            List::Signal(sig) => {
                if let Some(rule) = set_aside(sig, text, tokens, hits, cx, lang, h) {
                    ev.note(rule, h.span);
                    continue;
                }
                let at = ev.add(e.id(), Facet::Signal(sig), h.span, w);
                raw.signal[sig.index()] += w;
                raw.signal_evidence[sig.index()].push(at);
                match sig {
                    Signal::Complaint
                    | Signal::Churn
                    | Signal::Legal
                    | Signal::Safety
                    | Signal::Privacy
                    | Signal::Refund => raw.valence += p::NEGATIVE_SIGNAL_VALENCE * w,
                    Signal::Praise => raw.valence += p::PRAISE_VALENCE * w,
                    _ => {}
                }
            }
            List::Topic(t) => {
                let at = ev.add(e.id(), Facet::Topic(t), h.span, w);
                raw.topic[t.index()] += w;
                raw.topic_evidence[t.index()].push(at);
            }
            List::Irony => {
                let v = p::IRONY_VALENCE * w;
                ev.add(e.id(), Facet::Modifier(Modifier::Irony), h.span, v);
                raw.valence += v;
            }
            _ => {}
        }
    }
    // irony read from a sentence's structure (irony.rs) weighs like a marker phrase
    for &(rule, span) in &cx.irony {
        let v = p::IRONY_VALENCE * p::IRONY_RULE_WEIGHT;
        ev.add(rule, Facet::Modifier(Modifier::Irony), span, v);
        raw.valence += v;
    }
    // a complaint read from a cue in its context: the cue is noted, the rule carries the weight
    let mut complain = |raw: &mut Raw, rule: &'static str, cue: &Hit, span: Span, w: f32| {
        ev.note(lex.entry(cue.entry).id(), cue.span);
        let at = ev.add(rule, Facet::Signal(Signal::Complaint), span, w);
        raw.signal[Signal::Complaint.index()] += w;
        raw.signal_evidence[Signal::Complaint.index()].push(at);
        raw.valence += p::NEGATIVE_SIGNAL_VALENCE * w;
    };
    // a service that did not happen ("Alle Züge halten nicht", "didn't receive any email")
    if raw.signal[Signal::Complaint.index()] < p::SIGNAL_MIN
        && let Some((k, j)) = service::negated(text, tokens, hits, cx, lang)
    {
        let h = &hits[k];
        let neg = tokens.tokens[j].span;
        let span = Span::new(neg.start.min(h.span.start), neg.end.max(h.span.end));
        complain(
            &mut raw,
            "rule:negated-service",
            h,
            span,
            p::NEGATED_SERVICE_WEIGHT,
        );
    }
    // a question that presupposes a fault ("Wo bleibt meine Erstattung?", "What happened to my refund?")
    if raw.signal[Signal::Complaint.index()] < p::SIGNAL_MIN
        && let Some(k) = fault::presupposed(tokens, hits, cx)
    {
        let h = &hits[k];
        complain(
            &mut raw,
            "rule:fault-question",
            h,
            h.span,
            p::FAULT_QUESTION_WEIGHT,
        );
    }
    // a why-question with a negation ("Warum gibt es keine Ansage?", "Why can't I log in?")
    if raw.signal[Signal::Complaint.index()] < p::SIGNAL_MIN
        && let Some((k, j)) = fault::why_not(tokens, hits, cx)
    {
        let h = &hits[k];
        let span = Span::new(h.span.start, tokens.tokens[j].span.end);
        complain(
            &mut raw,
            "rule:fault:why-not",
            h,
            span,
            p::FAULT_QUESTION_WEIGHT,
        );
        // "ihr" may be "their": without an account or the company's name the question makes no case of its own
        // ("Warum befreien diese Menschen nicht ihr eigenes Land?")
        raw.tone_only = !(cx.mentioned || cx.names_company);
    }
    // violent words in a report of harm are a safety matter
    for &(k, w) in &tox.harm {
        let h = &hits[k];
        let at = ev.add(
            lex.entry(h.entry).id(),
            Facet::Signal(Signal::Safety),
            h.span,
            w,
        );
        raw.signal[Signal::Safety.index()] += w;
        raw.signal_evidence[Signal::Safety.index()].push(at);
    }
    raw
}

/// Where a bystander is named, if all the comment's negativity stands in sentences about bystanders: a
/// person met on the way (`cue_bystander.txt`), in a sentence that addresses no one and names no staff ("Die
/// zwei Damen vor mir telefonieren seit einer Stunde, nervig", "The guy next to me is playing music so
/// loud"). Negativity is a negative or a toxic word; a complaint or any other negative signal phrase, or a
/// report of harm, names the company's part ("Wegen Notbremsung: Frau verletzt"). "Die
/// Schaffnerin neben mir war unfreundlich" names staff; "Der Typ neben mir nervt. Und der Zug ist dreckig."
/// has negativity beyond the bystander.
fn about_bystanders(
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    tox: &toxicity::Raw,
    ev: &Recorder,
) -> Option<Span> {
    let about = |s: &super::context::Sentence| s.bystander.filter(|_| !s.staff && !s.addressed);
    cx.sentences.iter().find_map(about)?;
    // a report of harm, a complaint or any other negative signal phrase names the service ("Zub zu Fahrgast,
    // da Zug 30 Min Verspätung hat")
    // ("seit einer Stunde" is how long, not what failed: "Die Damen vor mir telefonieren seit einer Stunde")
    let names_service = hits.iter().any(|h| {
        matches!(h.list, List::Signal(s) if !matches!(s, Signal::Praise | Signal::Question | Signal::Spam))
            && !is_duration(hits, h)
    });
    if names_service || !tox.harm.is_empty() {
        return None;
    }
    let mut first = None;
    for e in &ev.evidence {
        let negative = match e.facet {
            Facet::Sentiment => e.weight < 0.0,
            Facet::Toxic(_) => e.weight > 0.0,
            _ => false,
        };
        if negative {
            let s = tokens.sentence_at(e.span.start)?;
            first.get_or_insert(about(cx.sentences.get(s as usize)?)?);
        }
    }
    first
}

/// The topic with the largest sum (at least `TOPIC_MIN`), else `other`.
pub(crate) fn topic(raw: &Raw) -> Topic {
    let mut topic = Topic::Other;
    let mut best = p::TOPIC_MIN;
    for t in Topic::ALL {
        if raw.topic[t.index()] >= best && t != Topic::Other {
            best = raw.topic[t.index()];
            topic = t;
        }
    }
    topic
}

/// The signals: the phrase sums plus questions and requests from the context, complaints from negative
/// comments about a topic, spam from links and mass tags, praise from clearly positive comments.
/// What the derived signals read from the other facets.
pub(crate) struct Facets<'a> {
    pub topic: Topic,
    /// Positive valence beyond thanks formulas.
    pub praise_valence: f32,
    pub sentiment: &'a Sentiment,
    pub toxicity: &'a Toxicity,
}

pub(crate) fn finish(
    text: &str,
    tokens: &Tokens,
    cx: &Context,
    raw: &mut Raw,
    facets: Facets<'_>,
    ev: &mut Recorder,
) -> Vec<Signal> {
    let Facets {
        topic,
        praise_valence,
        sentiment,
        toxicity,
    } = facets;
    let whole = Span::new(0, text.len());
    let mut add = |raw: &mut Raw, sig: Signal, id: &'static str, span: Span, w: f32| {
        raw.signal[sig.index()] += w;
        let at = ev.add(id, Facet::Signal(sig), span, w);
        raw.signal_evidence[sig.index()].push(at);
    };
    // questions and requests, from what the sentences do
    if cx.genre != Genre::News {
        let asked = cx.sentences.iter().find_map(|s| s.ask_span);
        let requested = cx
            .sentences
            .iter()
            .filter(|s| cx.to_company() || s.addressed)
            .find_map(|s| s.request_span);
        if let Some(span) = asked {
            add(
                raw,
                Signal::Question,
                "rule:question",
                span,
                p::QUESTION_WEIGHT,
            );
        }
        if let Some(span) = requested {
            add(
                raw,
                Signal::Question,
                "rule:request",
                span,
                p::REQUEST_WEIGHT,
            );
        }
    }
    let negative_signal = [
        Signal::Churn,
        Signal::Legal,
        Signal::Safety,
        Signal::Privacy,
        Signal::Refund,
    ]
    .iter()
    .any(|s| raw.signal[s.index()] >= p::SIGNAL_MIN);
    // what ties a negative comment to the company or a case; without it, a comment under the company's post
    // or a reply in a thread about it is still about the company, unless it speaks of a labour dispute as such
    // (no fault of the service)
    let tied = cx.to_company() || topic != Topic::Other || negative_signal || toxicity.toxic;
    let under_post = matches!(cx.genre, Genre::Comment | Genre::Chat) && !cx.labour;
    // a writer who blames themselves ("Forgot my receipt. Ugh.", "Selbst schuld, hab's verpasst") is
    // unhappy, not complaining
    if sentiment.score <= p::COMPLAINT_SENTIMENT
        && (tied || under_post)
        && !cx.own_fault()
        && raw.bystanders.is_none()
        && raw.signal[Signal::Complaint.index()] < p::SIGNAL_MIN
    {
        raw.tone_only = !tied;
        let missing = p::SIGNAL_MIN - raw.signal[Signal::Complaint.index()];
        add(
            raw,
            Signal::Complaint,
            "rule:negative-about-topic",
            whole,
            missing,
        );
    }
    // spam: links with a spam cue, many links, mass tags, or nothing but handles and links
    let urls = count(tokens, TokenKind::Url);
    let mentions = count(tokens, TokenKind::Mention);
    let words: u32 = cx.sentences.iter().map(|s| s.words).sum();
    if urls > 0 && raw.signal[Signal::Spam.index()] > 0.0 || urls >= p::SPAM_LINKS * 2 {
        add(
            raw,
            Signal::Spam,
            "rule:spam-links",
            whole,
            0.5 * urls as f32,
        );
    }
    if mentions >= p::SPAM_MASS_TAGS || (words == 0 && urls + mentions > 0) {
        add(
            raw,
            Signal::Spam,
            "rule:spam-tags-or-links-only",
            whole,
            p::SIGNAL_MIN,
        );
    }
    let mut signals: Vec<Signal> = Signal::ALL
        .into_iter()
        .filter(|s| raw.signal[s.index()] >= p::SIGNAL_MIN)
        .collect();
    let complaint = signals.contains(&Signal::Complaint);
    let spam = signals.contains(&Signal::Spam);
    if let Some(span) = cx
        .acknowledges
        .filter(|_| sentiment.score >= p::PRAISE_SENTIMENT)
    {
        ev.note("rule:context:acknowledgement", span);
    }
    // a positive news text or a friendly chat among users praises nobody's service
    if sentiment.score >= p::PRAISE_SENTIMENT
        && praise_valence > 0.0
        && cx.acknowledges.is_none()
        && cx.genre == Genre::Comment
        && !complaint
        && !spam
        && !signals.contains(&Signal::Praise)
        && !toxicity.toxic
    {
        signals.push(Signal::Praise);
        let at = ev.add(
            "rule:positive-overall",
            Facet::Signal(Signal::Praise),
            whole,
            sentiment.score,
        );
        raw.signal_evidence[Signal::Praise.index()].push(at);
        crate::order::sort_by_key(&mut signals, |s| *s as u128);
    }
    // a clearly positive comment with no complaint neither reports harm nor threatens to go public where each of
    // the signal's words stands in a positive sentence: a fireplace, a metaphor, a film title or a shared video
    // ("Roaring fire, good food", "Danke für die schnelle Info zum Rückruf", "Nice to know the local news does
    // Follow Friday"); harm told in a grateful comment stays ("I got into a car accident … lucky to be here")
    if sentiment.score >= p::PRAISE_SENTIMENT && !complaint {
        for sig in [Signal::Safety, Signal::PublicEscalation] {
            let evidence = &raw.signal_evidence[sig.index()];
            if !signals.contains(&sig)
                || !evidence
                    .iter()
                    .all(|&at| sentence_valence(tokens, cx, ev, ev.evidence[at].span) > 0.0)
            {
                continue;
            }
            for &at in evidence {
                let span = ev.evidence[at].span;
                ev.note("rule:context:positive-comment", span);
            }
            signals.retain(|s| *s != sig);
        }
    }
    if signals.contains(&Signal::Praise) && (complaint || spam || sentiment.score < 0.0) {
        signals.retain(|s| *s != Signal::Praise);
    }
    signals
}

/// The sentiment the recorded polar words add up to in the sentence around `span` (from its first word to the
/// next sentence).
fn sentence_valence(tokens: &Tokens, cx: &Context, ev: &Recorder, span: Span) -> f32 {
    let at = tokens.tokens.partition_point(|t| t.span.end <= span.start);
    let Some(t) = tokens.tokens.get(at) else {
        return 0.0;
    };
    let s = t.sentence as usize;
    let (Some(first), Some(rest)) = (
        tokens.tokens.get(cx.first_word_in[s]),
        tokens.tokens.get(cx.last_word_in[s]..),
    ) else {
        return 0.0;
    };
    let start = first.span.start;
    // emoji and emoticons after the last word still belong to the sentence ("Shitstorm täglich 😉😂")
    let end = rest
        .iter()
        .find(|t| t.sentence as usize != s)
        .map_or(usize::MAX, |t| t.span.start);
    ev.evidence
        .iter()
        .filter(|e| e.facet == Facet::Sentiment && e.span.start >= start && e.span.end <= end)
        .map(|e| e.weight)
        .sum()
}

fn count(tokens: &Tokens, kind: TokenKind) -> usize {
    tokens.tokens.iter().filter(|t| t.kind == kind).count()
}
