//! Stage 3 rule — a trouble that is over: "Die Störung ist behoben", "Bahnstreik beendet", "The outage has been
//! fixed", "You solved my problem".
//!
//! A word of `cue_resolved.txt` says that something ended or was put right. The complaint phrases and negative
//! words it speaks of — up to [`BEFORE`] words before it in its clause (the subject: "Die Störung ist
//! inzwischen behoben"), or right after it behind a determiner (the object: "fixed the problem") — report a
//! trouble that is over: no complaint (`rule:context:resolved` in `signals.rs`), and their negative weight is
//! set aside (`sentiment.rs`): the word that ends the trouble speaks for itself ("behoben", "fixed").
//!
//! Not over where the sentence asks, requests, supposes or wishes ("Ist die Störung behoben?", "Please get this
//! resolved"), where a negator stands in the clause ("noch nicht behoben", "still not fixed", "funktioniert
//! wieder nicht"), where an ought or a deadline does (`cue_pending`: "sollte längst behoben sein", "needs to be
//! resolved"), where a verb of wanting does ("I want this resolved"), and not for a trouble named as a cause
//! (`cue_cause`: "wegen einer Störung beendet", "ended due to a fault"). "is over" before a number measures
//! ("is over 2 hours late"). Where the fix is asked for, demanded or wanted rather than done ("Das Problem muss
//! endlich gelöst werden", "Have you solved it?"), the positive word of the resolution ("gelöst", "solved")
//! weighs nothing (`rule:context:not-yet-resolved` in `sentiment.rs`).

use crate::lexicon::{Cue, List};
use crate::model::Signal;
use crate::text::{TokenKind, Tokens};

use super::context::{Context, words_back_in_clause, words_on_in_clause};
use super::hits::{Hit, in_positive_phrase, is_wordish, starting_in};

/// Most words between the trouble and the word that says it is over ("Der Fehler in der App ist jetzt behoben").
pub const BEFORE: usize = 6;
/// Most words between a determiner after the word that says it is over and the trouble ("fixed the annoying
/// problem").
pub const AFTER: usize = 1;
/// How far the clause of a resolution is read for what keeps the trouble open, in words each way ("Dann ist
/// auch das Problem der Bahn gelöst"); bounds the work per resolution.
pub const CLAUSE_REACH: usize = 10;
/// Most words between a cause word and the trouble it names ("wegen einer kurzfristigen Störung").
pub const CAUSE_REACH: usize = 2;

/// A trouble the resolution can speak of: a complaint phrase or a negative word.
fn is_trouble(h: &Hit) -> bool {
    h.list == List::Signal(Signal::Complaint) || (h.list == List::Sentiment && h.weight < 0.0)
}

/// What a token has to do with a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    None,
    /// Part of a trouble that a resolution says is over: no complaint, no negative weight.
    Over,
    /// Part of a resolution that is asked for, demanded or wanted, not done: its positive word praises nothing.
    Awaited,
}

/// Marks `cx.fix` on the tokens of every trouble a resolution in its clause speaks of, and on the resolutions
/// that are only awaited. Each resolution looks at a bounded stretch of its clause, so the work is linear in
/// the text.
pub(crate) fn mark(tokens: &Tokens, hits: &[Hit], cx: &mut Context) {
    cx.fix.clear();
    cx.fix.resize(tokens.tokens.len(), Fix::None);
    for h in hits.iter().filter(|h| h.list == List::Cue(Cue::Resolved)) {
        let (t0, t1) = (h.t0 as usize, h.t1 as usize);
        let clause = cx.clause[t0];
        let s = cx.sentence_of(tokens, t0);
        let (asked, supposed) = (s.asks || s.requests || s.wishes, s.hypothetical);
        // the troubles it speaks of: BEFORE words back in its clause, the object after it
        let from = words_back_in_clause(tokens, cx, t0, BEFORE);
        let to = words_on_in_clause(tokens, cx, t1, clause, CLAUSE_REACH);
        // what keeps it open: CLAUSE_REACH words back in its clause, and up to its end
        let open_from = words_back_in_clause(tokens, cx, t0, CLAUSE_REACH);
        let negated = (open_from..to).any(|t| cx.negator[t] || cx.phrase_negator[t]);
        let demanded = asked
            || (open_from..to).any(|t| cx.want[t])
            || starting_in(hits, open_from, to)
                .iter()
                .any(|x| x.list == List::Cue(Cue::Pending));
        // "Das Problem muss endlich gelöst werden", "Is it fixed yet?": the fix is asked for, not done — its
        // positive word praises nothing (a negation has its own rule, a supposition says nothing)
        if demanded && !negated && !supposed {
            cx.fix[t0..t1].iter_mut().for_each(|f| *f = Fix::Awaited);
        }
        if negated || demanded || supposed {
            continue;
        }
        // "is over 2 hours": a measure, not an end
        if tokens.tokens[t1..to]
            .iter()
            .find(|t| is_wordish(t.kind))
            .is_some_and(|t| t.kind == TokenKind::Number)
        {
            continue;
        }
        // the object: a determiner ends the cue ("fixed the") or follows it ("resolved my issue")
        let object_from = if determiner_at(hits, t1 - 1) {
            Some(t1)
        } else if determiner_at(hits, t1) {
            Some(t1 + 1)
        } else {
            None
        };
        let object_to =
            object_from.map_or(t1, |f| words_on_in_clause(tokens, cx, f, clause, AFTER + 1));
        for x in starting_in(hits, from, object_to) {
            if !is_trouble(x) || caused(tokens, hits, cx, x.t0 as usize) {
                continue;
            }
            let before = x.t1 <= h.t1 && x.t0 < h.t1;
            let after = object_from.is_some_and(|f| x.t0 as usize >= f);
            if before || after {
                cx.fix[x.t0 as usize..x.t1 as usize]
                    .iter_mut()
                    .filter(|f| **f == Fix::None)
                    .for_each(|f| *f = Fix::Over);
            }
        }
    }
}

/// Why the complaint hit `h` reports no failure that still holds, if it does not: it lies inside a positive
/// phrase ("wie versprochen", "as promised": a promise kept) or a resolution says it is over ("Die Störung ist
/// behoben"). Read by the first failure in `context.rs` and by the signal rules in `signals.rs`.
pub(crate) fn settled(hits: &[Hit], cx: &Context, h: &Hit) -> Option<&'static str> {
    if in_positive_phrase(hits, h) {
        Some("rule:context:in-positive-phrase")
    } else if cx.fix[h.t0 as usize] == Fix::Over {
        Some("rule:context:resolved")
    } else {
        None
    }
}

/// A determiner (`cue_determiner`) starts at token `t`.
fn determiner_at(hits: &[Hit], t: usize) -> bool {
    starting_in(hits, t, t + 1)
        .iter()
        .any(|x| x.list == List::Cue(Cue::Determiner))
}

/// The trouble at token `t` is named as a cause: a cause word (`cue_cause`) ends at most [`CAUSE_REACH`]
/// words before it in its clause.
fn caused(tokens: &Tokens, hits: &[Hit], cx: &Context, t: usize) -> bool {
    let from = words_back_in_clause(tokens, cx, t, CAUSE_REACH + 1);
    starting_in(hits, from, t)
        .iter()
        .any(|x| x.list == List::Cue(Cue::Cause) && x.t1 as usize <= t)
}
