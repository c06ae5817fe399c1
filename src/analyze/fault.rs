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

use crate::lexicon::{Cue, List};
use crate::text::Tokens;

use super::context::{Context, Genre};
use super::hits::Hit;

/// The first fault phrase that counts: its index in `hits`.
pub(crate) fn presupposed(tokens: &Tokens, hits: &[Hit], cx: &Context) -> Option<usize> {
    if cx.genre != Genre::Comment {
        return None;
    }
    hits.iter().position(|h| {
        let t0 = h.t0 as usize;
        h.list == List::Cue(Cue::Fault) && !h.partial && {
            let s = cx.sentence_of(tokens, t0);
            (s.asks || s.rhetorical) && !s.hypothetical && !cx.supposes(t0) && !cx.reports(t0)
        }
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
