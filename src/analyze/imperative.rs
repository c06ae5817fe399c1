//! Stage 4b rule — a call in the imperative: the verb, not a fixed phrase, makes the call to action.
//!
//! `call_to_action.txt` lists the fixed calls ("teilt das", "geht auf die Straße", "boycott them"). Calls are
//! open-ended, though: "Tauscht endlich diese erbärmliche Regierung aus", "Werdet Wahlhelfer!", "Stürmt das
//! Rathaus", "Vote every one of them out". This rule reads the mood instead of the words:
//!
//! - **Imperative**: a verb of `cue_imperative.txt` opens its clause (after greetings, "Leute", "bitte" at most),
//!   another word follows in the clause, and that word is not one of `cue_statement.txt` — a subject or a
//!   statement particle ("Wählt ihr …", "Schafft es nicht") or the writer's own thing ("Kündigt meinen Vertrag",
//!   "Cancel my subscription": a request to the company).
//! - **Command** (mostly German): a verb of `cue_command.txt` ends a clause of at most
//!   [`COMMAND_CLAUSE_WORDS`] words that has no first person and no word of `cue_statement.txt` before the
//!   verb — a subject, a modal or "zu" ("AWO abschaffen.", "Abschieben!", "Durchhalten, aufdecken!"; not "nicht
//!   zu verhindern", "AfD möchte Windräder abschaffen", "I had to resign").
//! - Neither in a question, a supposition or a report, and not where the comment speaks to the company or an
//!   account without calling on others ("Kündigt endlich, @Laden") — the same reading as the lexicon's calls —
//!   and not in a news text.
//! - A clause counts once, and not where a listed call already covers the verb.
//! - A listed one-word call that is such a verb counts only where the verb calls: "Der Verein verteidigt
//!   seine Pläne" and "Blockiert ihr morgen die Zufahrt?" call on nobody.
//!
//! Such a call is reported as a call to action. Like every call, it mobilises against the company (and
//! escalates) only where the comment names the company or is the writer's own complaint (`criticality.rs`):
//! "Tauscht die Regierung aus" under a company's post is no campaign against it.

use crate::lexicon::{Cue, List};
use crate::model::{Category, Facet, Span};
use crate::params as p;
use crate::text::{TokenKind, Tokens};

use super::context::{Context, Genre};
use super::evidence::Recorder;
use super::hits::{Hit, is_wordish};
use super::toxicity::Raw;

/// Longest clause, in words, whose last word can be a bare command ("alle sofort abschieben").
pub const COMMAND_CLAUSE_WORDS: usize = 4;

/// The mood of the comment's call verbs: the calls it reads, and the verbs that are no call here.
#[derive(Default)]
pub(crate) struct Mood {
    /// A call per clause: the verb's span and the rule that read it, where no listed call covers the verb.
    calls: Vec<(Span, &'static str)>,
    /// Per token (empty when no verb was read): a verb of `cue_imperative.txt` that is no call here ("Der
    /// Verein verteidigt seine Pläne", "Blockiert ihr morgen die Zufahrt?"). A listed one-word call on it
    /// ("verteidigt", "blockiert") does not count either.
    pub not_a_call: Vec<bool>,
}

/// Reads the call verbs of the comment.
pub(crate) fn read(tokens: &Tokens, hits: &[Hit], cx: &Context) -> Mood {
    let mut mood = Mood::default();
    if !hits
        .iter()
        .any(|h| matches!(h.list, List::Cue(Cue::Imperative | Cue::Command)))
    {
        return mood;
    }
    let n = tokens.tokens.len();
    mood.not_a_call = vec![false; n];
    // per token: may stand before the verb (greeting, "Leute", "bitte"); a statement word; a listed call;
    // per clause: a first person in it
    let mut opener = vec![false; n];
    let mut statement = vec![false; n];
    let mut listed = vec![false; n];
    let mut first_person = vec![false; cx.clause_supposes.len()];
    // per clause: its first statement word (a modal before a clause-final infinitive)
    let mut first_statement = vec![usize::MAX; cx.clause_supposes.len()];
    for h in hits {
        let (t0, t1) = (h.t0 as usize, h.t1 as usize);
        match h.list {
            List::Cue(Cue::Greeting | Cue::Others | Cue::Request) => {
                opener[t0..t1].iter_mut().for_each(|x| *x = true)
            }
            List::Cue(Cue::Statement) if !h.partial => {
                statement[t0] = true;
                let c = cx.clause[t0] as usize;
                first_statement[c] = first_statement[c].min(t0);
            }
            List::Cue(Cue::FirstPerson) => first_person[cx.clause[t0] as usize] = true,
            List::Toxic(Category::CallToAction) => {
                listed[t0..t1].iter_mut().for_each(|x| *x = true)
            }
            _ => {}
        }
    }
    // per clause, in one pass: its first word that may not stand before a call verb, its last word and
    // its number of words; per token: the next word or account from here on
    let clauses = cx.clause_supposes.len();
    let mut first_other = vec![usize::MAX; clauses];
    let mut last_word = vec![usize::MAX; clauses];
    let mut words = vec![0usize; clauses];
    let mut next_word = vec![usize::MAX; n + 1];
    for (j, tok) in tokens.tokens.iter().enumerate() {
        if is_wordish(tok.kind) {
            let c = cx.clause[j] as usize;
            words[c] += 1;
            if !opener[j] && first_other[c] == usize::MAX {
                first_other[c] = j;
            }
            last_word[c] = j;
        }
    }
    for j in (0..n).rev() {
        let kind = tokens.tokens[j].kind;
        // the object may be an account ("unfollow @Laden")
        next_word[j] = if is_wordish(kind) || kind == TokenKind::Mention {
            j
        } else {
            next_word[j + 1]
        };
    }
    let mut counted: Option<u32> = None;
    for h in hits {
        let (rule, cue) = match h.list {
            List::Cue(Cue::Imperative) => ("rule:call:imperative", Cue::Imperative),
            List::Cue(Cue::Command) => ("rule:call:command", Cue::Command),
            _ => continue,
        };
        if h.partial {
            continue;
        }
        let (t, t1) = (h.t0 as usize, h.t1 as usize);
        let clause = cx.clause[t];
        let c = clause as usize;
        let sent = cx.sentence_of(tokens, t);
        let in_context = !(cx.genre == Genre::News
            || sent.asks
            || cx.supposes(t)
            || cx.reports(t)
            || cx.demands_of_company(sent));
        let calls = in_context
            && if cue == Cue::Imperative {
                let next = next_word[t1];
                first_other[c] >= t && next < n && cx.clause[next] == clause && !statement[next]
            } else {
                last_word[c] == t1 - 1
                    && words[c] <= COMMAND_CLAUSE_WORDS
                    && !first_person[c]
                    && first_statement[c] > t
            };
        if !calls {
            if cue == Cue::Imperative {
                mood.not_a_call[t] = true;
            }
        } else if !listed[t] && counted != Some(clause) {
            counted = Some(clause);
            mood.calls.push((h.span, rule));
        }
    }
    mood
}

/// Adds the calls read from the mood to the call-to-action sum, with their evidence.
pub(crate) fn add(mood: &Mood, raw: &mut Raw, ev: &mut Recorder) {
    for &(span, rule) in &mood.calls {
        let at = ev.add(
            rule,
            Facet::Toxic(Category::CallToAction),
            span,
            p::IMPERATIVE_CALL_WEIGHT,
        );
        raw.sum[Category::CallToAction.index()] += p::IMPERATIVE_CALL_WEIGHT;
        raw.evidence[Category::CallToAction.index()].push(at);
    }
}
