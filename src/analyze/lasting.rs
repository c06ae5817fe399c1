//! Stage 4 rule — a good state that lasts: a duration is no complaint when what lasts is praised.
//!
//! "Seit Monaten warte ich auf mein Geld", "for months" name how long a failure has lasted, so the duration
//! phrases are complaint phrases (`signal_complaint.txt`). "Seit Monaten pünktlich, super." and "On time for
//! months now, great." name how long a good state has lasted: a duration (`cue_duration.txt`) whose clause
//! holds praise — a positive word that is neither thanks, negated nor ironic — and nothing negative (no
//! negative word, no other complaint phrase) raises no complaint (`rule:context:lasting-good`).

use crate::lexicon::{Cue, List};
use crate::model::{Lang, Signal};
use crate::text::Tokens;

use super::context::Context;
use super::hits::{Hit, starting_in};
use super::sentiment::{ironic_praise, negation_of};

/// How far from the duration the clause is searched, in tokens each way (bounds the work per duration).
const REACH: usize = 12;

/// Hit `h` spans a duration (`cue_duration.txt`): it says how long, not what.
pub(crate) fn is_duration(hits: &[Hit], h: &Hit) -> bool {
    starting_in(hits, h.t0 as usize, h.t0 as usize + 1)
        .iter()
        .any(|x| x.list == List::Cue(Cue::Duration) && x.t1 == h.t1)
}

/// The complaint hit `h` is a duration whose clause praises a state that lasts.
pub(crate) fn lasting_good(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
    h: &Hit,
) -> bool {
    if !is_duration(hits, h) {
        return false;
    }
    let clause = cx.clause[h.t0 as usize];
    let mut from = h.t0 as usize;
    while from > 0 && h.t0 as usize - from < REACH && cx.clause[from - 1] == clause {
        from -= 1;
    }
    let mut to = h.t1 as usize;
    while to < tokens.tokens.len() && to - (h.t1 as usize) < REACH && cx.clause[to] == clause {
        to += 1;
    }
    let mut praised = false;
    for x in starting_in(hits, from, to) {
        let t = x.t0 as usize;
        let negated = || negation_of(text, tokens, cx, lang, t, x.t1 as usize).is_some();
        match x.list {
            List::Signal(Signal::Complaint) if !(x.t0 == h.t0 && x.t1 == h.t1) => return false,
            List::Sentiment if x.weight < 0.0 && !negated() => return false,
            List::Sentiment if x.weight > 0.0 => {
                praised |= !cx.thanks[t] && !negated() && !ironic_praise(tokens, cx, t);
            }
            _ => {}
        }
    }
    praised
}
