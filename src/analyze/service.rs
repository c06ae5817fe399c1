//! Stage 4c rule — a service that did not happen: a negated service verb is a complaint.
//!
//! "Alle Züge halten nicht in Krefeld", "keine neue Karte automatisch erhalten", "Die App lädt seit gestern
//! nicht", "I didn't receive any email", "the app won't load": what the company should do for the customer
//! (`cue_service.txt`) did not happen. The complaint phrases list the common fixed forms ("funktioniert nicht");
//! this rule reads the rest, whatever the words between.
//!
//! - The negation stands in the verb's clause, up to three words before it; in German also up to four words
//!   after it (verb-second order: "Die Züge halten heute nicht").
//! - A polar word between negation and verb takes the negation ("ohne Probleme angekommen", "no issues
//!   receiving it"); a positive word in the clause makes it praise ("never received such good service").
//! - Not in a supposition ("falls es nicht ankommt", "if it doesn't arrive") and not in a news text.

use crate::lexicon::{Cue, List};
use crate::model::Lang;
use crate::params as p;
use crate::text::Tokens;

use super::context::{Context, Genre};
use super::hits::{Hit, is_wordish};
use super::sentiment::words_before;

/// German verb-second order puts the negation after the verb: how many words after it still count.
const AFTER_WINDOW: usize = 4;

/// The first negated service hit: (index of the service hit in `hits`, token of its negator).
pub(crate) fn negated(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
) -> Option<(usize, usize)> {
    if cx.genre == Genre::News
        || !hits
            .iter()
            .any(|h| h.list == List::Cue(Cue::Service) && !h.partial)
    {
        return None;
    }
    // per token: a polar word starts here; per clause: a positive word stands in it
    let n = tokens.tokens.len();
    let mut polar = vec![false; n];
    let mut positive = vec![false; cx.clause_supposes.len()];
    // a service verb that is also a positive word ("funktioniert", "klappt") praises nothing by itself
    let mut service = vec![false; n];
    for h in hits
        .iter()
        .filter(|h| h.list == List::Cue(Cue::Service) && !h.partial)
    {
        service[h.t0 as usize] = true;
    }
    for h in hits.iter().filter(|h| h.list == List::Sentiment) {
        let t0 = h.t0 as usize;
        polar[t0] = true;
        if h.weight > 0.0 && !cx.thanks[t0] && !(h.t1 == h.t0 + 1 && service[t0]) {
            positive[cx.clause[t0] as usize] = true;
        }
    }
    for (k, h) in hits.iter().enumerate() {
        if h.list != List::Cue(Cue::Service) || h.partial {
            continue;
        }
        let (t0, t1) = (h.t0 as usize, h.t1 as usize);
        let clause = cx.clause[t0];
        if cx.supposes(t0)
            || positive[clause as usize]
            || (lang == Lang::De && noun(text, tokens, cx, t0))
        {
            continue;
        }
        let in_clause = |j: usize| cx.clause[j] == clause;
        // up to three words back in the clause, stopping at a polar word (it takes the negation)
        let before = words_before(text, tokens, t0, p::NEGATION_WINDOW)
            .iter()
            .copied()
            // … and at a question word: "That's not how it worked" negates the copula, not the verb
            .take_while(|&j| {
                in_clause(j) && (cx.negator[j] || !polar[j]) && !cx.question_word_at(j)
            })
            .find(|&j| cx.negator[j]);
        let after = || {
            let mut words = 0;
            (t1..n)
                .take_while(|&j| in_clause(j))
                .filter(|&j| is_wordish(tokens.tokens[j].kind))
                .take_while(|&j| {
                    words += 1;
                    words <= AFTER_WINDOW && !polar[j]
                })
                .find(|&j| cx.negator[j])
        };
        // "keine Möglichkeit, die Rechnung herunterzuladen": a German zu-infinitive after a comma completes
        // the noun before it, whose negation counts
        let completed = || {
            if !zu_infinitive(tokens, t0) {
                return None;
            }
            // the last word before the infinitive's clause, in the same sentence
            let sentence = tokens.tokens[t0].sentence;
            let prev = (0..t0)
                .rev()
                .filter(|&j| is_wordish(tokens.tokens[j].kind))
                .find(|&j| !in_clause(j))
                .filter(|&j| tokens.tokens[j].sentence == sentence)?;
            let clause = cx.clause[prev];
            std::iter::once(prev)
                .chain(
                    words_before(text, tokens, prev, p::NEGATION_WINDOW - 1)
                        .iter()
                        .copied(),
                )
                .take_while(|&j| cx.clause[j] == clause && (cx.negator[j] || !polar[j]))
                .find(|&j| cx.negator[j])
        };
        let negator = match lang {
            Lang::De => before.or_else(after).or_else(completed),
            _ => before,
        };
        if let Some(j) = negator {
            return Some((k, j));
        }
    }
    None
}

/// German: the verb at `t` is a zu-infinitive ("zu buchen", "herunterzuladen", "einzuloggen").
fn zu_infinitive(tokens: &Tokens, t: usize) -> bool {
    let norm = tokens.norm_of(&tokens.tokens[t]);
    let infix = norm.get(2..).is_some_and(|rest| rest.contains("zu")) && norm.ends_with('n');
    let particle = (0..t)
        .rev()
        .find(|&j| is_wordish(tokens.tokens[j].kind))
        .is_some_and(|j| tokens.norm_of(&tokens.tokens[j]) == "zu");
    infix || particle
}

/// German: a verb form written with a capital inside its sentence is a noun ("die mit der Bahn Fahren",
/// "beim Bezahlen"), not the verb of the clause.
fn noun(text: &str, tokens: &Tokens, cx: &Context, t: usize) -> bool {
    let tok = &tokens.tokens[t];
    cx.first_word_in.get(tok.sentence as usize) != Some(&t)
        && !tok.caps
        && tok.span.slice(text).starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::context::prepare;

    fn negated_in(text: &str, lang: Lang) -> bool {
        let s = prepare(text, lang);
        negated(text, &s.tokens, &s.hits, &s.cx, lang).is_some()
    }

    #[test]
    fn a_negated_service_in_any_order() {
        for (text, lang) in [
            ("Alle Züge halten nicht in Krefeld.", Lang::De),
            ("Keine neue Karte erhalten.", Lang::De),
            ("Die App lädt seit gestern nicht.", Lang::De),
            (
                "Es gibt keine Möglichkeit, die Rechnung herunterzuladen.",
                Lang::De,
            ),
            (
                "Ich hatte keine Chance, mich in der App einzuloggen.",
                Lang::De,
            ),
            ("I didn't receive any email.", Lang::En),
            ("The app won't load on my phone.", Lang::En),
            ("Nobody ever got back to me.", Lang::En),
        ] {
            assert!(negated_in(text, lang), "{text}");
        }
    }

    #[test]
    fn no_negation_or_one_that_belongs_elsewhere() {
        for (text, lang) in [
            ("Alle Züge halten heute in Krefeld.", Lang::De),
            ("Ohne Probleme angekommen.", Lang::De),
            (
                "Wer mit der Bahn Fahren will, zahlt keinen Cent mehr.",
                Lang::De,
            ),
            ("Falls der Zug nicht hält, melde ich mich.", Lang::De),
            (
                "Es gibt jetzt eine Möglichkeit, die Rechnung herunterzuladen.",
                Lang::De,
            ),
            (
                "Kein Stress, ich habe es geschafft, mich einzuloggen.",
                Lang::De,
            ),
            (
                "Nicht schlecht, die Karte wurde pünktlich geliefert.",
                Lang::De,
            ),
            ("I received the email.", Lang::En),
            ("No problems receiving it.", Lang::En),
            ("If it doesn't arrive by Friday, I'll call.", Lang::En),
            ("Never received such great service.", Lang::En),
        ] {
            assert!(!negated_in(text, lang), "{text}");
        }
    }
}
