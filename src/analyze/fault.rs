//! Stage 4c rule — a question that presupposes a fault is a complaint.
//!
//! "Wo bleibt meine Erstattung?", "Wie lange dauert das denn noch?", "Was ist da schon wieder los?", "Soll das
//! ein Witz sein?", "What happened to my refund?", "How much longer will this take?": the writer does not ask
//! for information, they presuppose that something is overdue, gone or broken again, or they cry out. The
//! guidelines count such questions as complaints ("what's wrong with line 5?"). The phrases are in
//! `cue_fault.txt`; this rule says where they count:
//!
//! - in a sentence that asks or cries out (a "?", a question opener, a rhetorical cue), so that "Ich weiß, wo
//!   mein Paket abgeblieben ist." and "Erzähl, was ist los bei dir." stay plain statements;
//! - not in a supposition ("falls ihr wissen wollt, wie lange noch …") or a report of what others asked;
//! - only in a comment: a news headline ("Wie lange noch? Streik bei …") or a chat among users is nobody's
//!   complaint to the company.
//!
//! **Outrage** (`cue_outrage.txt`: wie kann das sein, wie konnte das passieren, how can it be that, how could
//! this happen) counts the same way, and only when the comment speaks to the company: "Wie kann es sein, dass
//! diese Politiker regieren?" is outrage about the world, "@DB_Bahn Wie kann das sein, dass ihr meinen Koffer
//! verliert?" presupposes a fault of the company.
//!
//! **Why not** (`rule:fault:why-not`): a question opened by a word of `cue_why.txt` (warum, wieso, why, how
//! come) with a negation later in its clause presupposes that something expected did not happen: "Warum gibt
//! es keine Ansage?", "Wieso antwortet ihr nicht?", "Why is there no announcement?", "Why can't I log in?".
//! A bare "nicht"/"not" at most [`WHY_NOT_REACH`] words after the question word proposes or agrees instead
//! ("Warum nicht?", "Warum eigentlich nicht?", "Why not try the app?"). Same conditions as above (a question,
//! no supposition or report), and the comment speaks to the company (an @-mention, du/ihr/Sie/you, its
//! name): "Warum unternimmt die Polizei nichts?" asks nothing of it.

use crate::lexicon::{Cue, List};
use crate::text::Tokens;

use super::context::{Context, Genre};
use super::hits::{Hit, is_wordish};

/// How many words after "warum"/"why" a bare "nicht"/"not" proposes rather than complains ("Warum denn
/// nicht?", "Why not try it?").
pub const WHY_NOT_REACH: usize = 2;

/// The first fault phrase that counts: its index in `hits`.
pub(crate) fn presupposed(tokens: &Tokens, hits: &[Hit], cx: &Context) -> Option<usize> {
    if cx.genre != Genre::Comment {
        return None;
    }
    hits.iter().position(|h| {
        let counts = match h.list {
            List::Cue(Cue::Fault) => true,
            // "Wie kann es sein, dass diese Politiker …" is outrage about anything; put to the company, it
            // presupposes its fault
            List::Cue(Cue::Outrage) => cx.to_company(),
            _ => false,
        };
        counts && !h.partial && asked_here(tokens, cx, h.t0 as usize)
    })
}

/// The sentence of token `t0` asks or cries out, in the writer's own voice: no supposition, no report.
fn asked_here(tokens: &Tokens, cx: &Context, t0: usize) -> bool {
    let s = cx.sentence_of(tokens, t0);
    (s.asks || s.rhetorical) && !s.hypothetical && !cx.supposes(t0) && !cx.reports(t0)
}

/// A why-question with a negation after its question word: the index of the question word's hit in `hits`
/// and the negation's token.
pub(crate) fn why_not(tokens: &Tokens, hits: &[Hit], cx: &Context) -> Option<(usize, usize)> {
    // asked of the company: "Warum unternimmt die Polizei nichts?" is no complaint about it
    if !cx.to_company() {
        return None;
    }
    hits.iter().enumerate().find_map(|(k, h)| {
        if h.list != List::Cue(Cue::Why) || h.partial {
            return None;
        }
        let t0 = h.t0 as usize;
        let sent = tokens.tokens.get(t0)?.sentence as usize;
        if !asked_here(tokens, cx, t0) || cx.opening_word(tokens, sent) != Some(t0) {
            return None;
        }
        let clause = cx.clause[t0];
        let mut words = 0;
        for j in h.t1 as usize..tokens.tokens.len() {
            let t = &tokens.tokens[j];
            if cx.clause[j] != clause {
                break;
            }
            if !is_wordish(t.kind) {
                continue;
            }
            words += 1;
            if cx.negator[j] {
                let bare = matches!(tokens.norm_of(t), "nicht" | "not");
                return (!bare || words > WHY_NOT_REACH).then_some((k, j));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::context::prepare;
    use crate::model::Lang;

    fn fault(text: &str, lang: Lang) -> bool {
        let s = prepare(text, lang);
        presupposed(&s.tokens, &s.hits, &s.cx).is_some()
    }

    #[test]
    fn a_question_that_presupposes_a_fault() {
        for (text, lang) in [
            ("Wo bleibt meine Erstattung?", Lang::De),
            ("Wie lange dauert das denn noch?", Lang::De),
            ("Was ist da schon wieder los bei euch?", Lang::De),
            (
                "Wo ist die Kalenderfunktion in der App hingekommen?",
                Lang::De,
            ),
            ("Soll das ein Witz sein?", Lang::De),
            ("What happened to my refund?", Lang::En),
            ("How much longer is this going to take?", Lang::En),
            ("What's going on with my order?", Lang::En),
            ("Are you kidding me?", Lang::En),
        ] {
            assert!(fault(text, lang), "{text}");
        }
    }

    fn why_not(text: &str, lang: Lang) -> bool {
        let s = prepare(text, lang);
        super::why_not(&s.tokens, &s.hits, &s.cx).is_some()
    }

    #[test]
    fn a_why_question_with_a_negation_asked_of_the_company() {
        for (text, lang) in [
            ("@RadRast Warum gibt es keine Ansage?", Lang::De),
            ("@KlickPhone Wieso kann ich mich nicht einloggen?", Lang::De),
            (
                "Hallo @RadRast, warum hält der Zug heute nicht in Fulda?",
                Lang::De,
            ),
            ("@RailRover Why is there no announcement?", Lang::En),
            ("@ClickPhone Why can't I log in?", Lang::En),
            (
                "Hi @RailRover, how come the train doesn't stop in Fulda today?",
                Lang::En,
            ),
        ] {
            assert!(why_not(text, lang), "{text}");
        }
        for (text, lang) in [
            // no negation
            ("@RadRast Warum gibt es eine Ansage?", Lang::De),
            ("@RailRover Why is there an announcement?", Lang::En),
            // a proposal or agreement: a bare "nicht"/"not" right after the question word
            ("@RadRast Warum nicht gleich mit dem Rad?", Lang::De),
            ("Warum eigentlich nicht?", Lang::De),
            ("@RailRover Why not try the app?", Lang::En),
            ("Why not?", Lang::En),
            // the question word does not open the question
            ("@RadRast Ich weiß nicht, warum ihr das macht.", Lang::De),
            ("@RailRover I don't know why you do that.", Lang::En),
            // not asked of the company
            ("Warum unternimmt die Polizei nichts?", Lang::De),
            ("Why doesn't the police do anything?", Lang::En),
        ] {
            assert!(!why_not(text, lang), "{text}");
        }
    }

    #[test]
    fn the_same_words_in_a_statement_a_supposition_or_a_headline() {
        for (text, lang) in [
            // a statement, no question
            ("Ich weiß jetzt, wo mein Paket abgeblieben ist.", Lang::De),
            ("I finally found out what happened to my parcel.", Lang::En),
            // a plain question for information
            ("Wie lange dauert die Lieferung nach Österreich?", Lang::De),
            ("How long does delivery to Austria take?", Lang::En),
            // a supposition
            (
                "Falls ihr wissen wollt, wo meine Erstattung bleibt: fragt die Bank.",
                Lang::De,
            ),
            (
                "If you wonder what happened to my refund, ask the bank.",
                Lang::En,
            ),
            // a news headline with a link
            (
                "Streik bei der Regionalbahn: Wie lange noch? https://example.org/streik",
                Lang::De,
            ),
            (
                "Strike at the regional railway: how much longer? https://example.org/strike",
                Lang::En,
            ),
        ] {
            assert!(!fault(text, lang), "{text}");
        }
    }
}
