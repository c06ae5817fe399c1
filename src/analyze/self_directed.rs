//! Insults the writer aims at themselves. "Ich Depp hab das Passwort vergessen", "I'm such an idiot", "excuse
//! my ignorance", "Vielleicht eine dumme Frage, aber …", "Sorry if this is a stupid question" are courtesy or
//! self-reproach: they insult nobody, and a community manager must not see a toxic comment in them.
//!
//! Two forms, both read from lexicon cues (`cue_self.txt`, `cue_remark.txt`), none from word lists here:
//! - **the writer named**: an insult right after a self-reference (`ich`, `bin ich`, `mein`, `I'm`, `my`, `me
//!   being`) — after a copula or an apology ("bin ich", "I'm", "for being", "sorry für") determiners or
//!   intensifiers may stand between ("I'm such an idiot", "ich bin so blöd", "Sorry für die blöde Frage"),
//!   after a bare pronoun or possessive nothing may ("Ich Depp", but "wähle ich diese Marionetten") — and no
//!   person named right after it ("my idiot boss" insults the boss);
//! - **the writer's own question**: an insulting word right before a word for what the writer says or asks
//!   (`Frage`, `Einwand`, `question`, `remark`) in a sentence that hedges it — it supposes first ("if this is
//!   a stupid question"), guesses ("vielleicht", "maybe"), or goes on with "aber"/"but".
//!   "What a stupid question!" hedges nothing and stays.
//!
//! A reader addressed between the self-reference and the insult ("Ich finde euch blöd") ends the search.

use crate::lexicon::{Cue, List};
use crate::text::{TokenKind, Tokens};

use super::context::Context;
use super::hits::{Hit, is_wordish, starting_in};

/// The most words a determiner or intensifier chain between the self-reference and the insult may have.
const BETWEEN: usize = 2;

/// The rule id when the insult `h` is aimed at the writer, or `None`.
pub(crate) fn read(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    h: &Hit,
) -> Option<&'static str> {
    if names_writer(text, tokens, hits, cx, h) {
        Some("rule:context:insult-aimed-at-self")
    } else if own_remark_hedged(tokens, hits, cx, h) {
        Some("rule:context:own-question-hedged")
    } else {
        None
    }
}

/// The most tokens a cue spans; a cue ending at a token starts at most this far before it.
const CUE_SPAN: usize = 6;
/// How far around the insult a hedge is looked for: the scan stays linear in the text however many insults
/// one sentence holds.
const HEDGE_WINDOW: usize = 30;

/// Whether a cue of kind `cue` starts at token `t`.
fn cue_starts_at(hits: &[Hit], cue: Cue, t: usize) -> bool {
    starting_in(hits, t, t + 1)
        .iter()
        .any(|x| x.list == List::Cue(cue))
}

/// The cue of kind `cue` that ends at token `t`.
fn cue_ending_at(hits: &[Hit], cue: Cue, t: usize) -> Option<&Hit> {
    starting_in(hits, t.saturating_sub(CUE_SPAN), t + 1)
        .iter()
        .find(|x| x.list == List::Cue(cue) && x.t1 as usize == t + 1)
}

/// The next word token after `t` in the same clause, if it follows right away.
fn next_word(tokens: &Tokens, cx: &Context, t: usize) -> Option<usize> {
    let n = t + 1;
    let tok = tokens.tokens.get(n)?;
    (tok.kind == TokenKind::Word && cx.clause.get(n) == cx.clause.get(t)).then_some(n)
}

fn names_writer(text: &str, tokens: &Tokens, hits: &[Hit], cx: &Context, h: &Hit) -> bool {
    let t0 = h.t0 as usize;
    // a person named right after the insult is the one insulted ("my idiot boss", "mein blöder Nachbar"),
    // unless it is the writer ("Dumm von mir", "Silly me")
    let last = h.t1 as usize - 1;
    if let Some(n) = next_word(tokens, cx, last) {
        if cue_starts_at(hits, Cue::SelfAfter, n) {
            return true;
        }
        // a German noun after an adjective ("mein blöder Nachbar"); a capitalised word after a noun is the
        // next sentence part ("Ich Depp Habe …" is rare, "I'm an idiot Tom" names no one)
        let capitalised = tokens.tokens[n]
            .span
            .slice(text)
            .starts_with(char::is_uppercase);
        let adjective = cue_starts_at(hits, Cue::Adjective, t0);
        let remark = cue_starts_at(hits, Cue::Remark, n);
        if !remark && (cue_starts_at(hits, Cue::Person, n) || (capitalised && adjective)) {
            return false;
        }
    }
    let mut between = 0;
    let mut j = t0;
    while j > 0 {
        j -= 1;
        let tok = &tokens.tokens[j];
        if !is_wordish(tok.kind) || cx.clause.get(j) != cx.clause.get(t0) || cx.addressee[j] {
            return false;
        }
        if let Some(cue) = cue_ending_at(hits, Cue::SelfRef, j) {
            // a pronoun or possessive alone names the writer only right before the insult ("ich Depp", "my
            // ignorance"; in "wähle ich diese Marionetten" the insult is the object); a copula or an apology
            // ("ich bin", "bin ich", "I'm", "for being", "sorry für") lets determiners and intensifiers stand
            // between
            let copula = cue.t1 - cue.t0 > 1 || cue.span.slice(text).contains(['\'', '’']);
            return between == 0 || copula;
        }
        let filler = cx.intensifier[j] != 1.0 || cue_ending_at(hits, Cue::Determiner, j).is_some();
        between += 1;
        if !filler || between > BETWEEN {
            return false;
        }
    }
    false
}

fn own_remark_hedged(tokens: &Tokens, hits: &[Hit], cx: &Context, h: &Hit) -> bool {
    let last = h.t1 as usize - 1;
    let Some(n) = next_word(tokens, cx, last) else {
        return false;
    };
    if !cue_starts_at(hits, Cue::Remark, n) {
        return false;
    }
    let sent = tokens.tokens[h.t0 as usize].sentence;
    let in_sentence = |x: &Hit| tokens.tokens[x.t0 as usize].sentence == sent;
    let around = starting_in(
        hits,
        (h.t0 as usize).saturating_sub(HEDGE_WINDOW),
        h.t1 as usize + HEDGE_WINDOW,
    );
    // "Sorry if this is a stupid question": the supposition comes first
    let supposes = around
        .iter()
        .any(|x| x.list == List::Cue(Cue::Hypothesis) && x.t1 <= h.t0 && in_sentence(x));
    let guesses = around
        .iter()
        .any(|x| x.list == List::Cue(Cue::Tentative) && in_sentence(x));
    // "…, aber wo ist meine Bestellung?": the real question follows
    let goes_on = around
        .iter()
        .any(|x| x.list == List::Contrast && x.t0 > h.t1 && in_sentence(x));
    // the remark is the writer's when nobody is addressed up to it ("eine dumme Frage von euch" is not); the
    // real question after the contrast may well address the company ("…, but do you ship to Austria?")
    let from = cx
        .first_word_in
        .get(sent as usize)
        .copied()
        .unwrap_or(0)
        .max((h.t0 as usize).saturating_sub(HEDGE_WINDOW));
    let addressed = (from..=n).any(|t| cx.addressee.get(t).copied().unwrap_or(false));
    !addressed && (supposes || guesses || goes_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::context::prepare;
    use crate::lexicon::List;
    use crate::model::{Category, Lang};

    /// The rule read for the first insult of `text`, if any insult is aimed at the writer.
    fn aimed_at_self(text: &str, lang: Lang) -> Option<&'static str> {
        let s = prepare(text, lang);
        let h = s
            .hits
            .iter()
            .find(|h| h.list == List::Toxic(Category::Insult))
            .unwrap_or_else(|| panic!("no insult in {text}"));
        read(text, &s.tokens, &s.hits, &s.cx, h)
    }

    #[test]
    fn aimed_at_the_writer_in_both_languages() {
        const NAMED: &str = "rule:context:insult-aimed-at-self";
        const HEDGED: &str = "rule:context:own-question-hedged";
        for (text, lang, rule) in [
            ("Ich Depp habe das Passwort vergessen.", Lang::De, NAMED),
            ("Ich bin so blöd, falsche Größe bestellt.", Lang::De, NAMED),
            ("I'm such an idiot, I forgot my password.", Lang::En, NAMED),
            ("Excuse my ignorance, where is the form?", Lang::En, NAMED),
            (
                "Vielleicht eine dumme Frage, aber wo ist das Paket?",
                Lang::De,
                HEDGED,
            ),
            (
                "Sorry if this is a stupid question, but where is it?",
                Lang::En,
                HEDGED,
            ),
        ] {
            assert_eq!(aimed_at_self(text, lang), Some(rule), "{text}");
        }
    }

    #[test]
    fn someone_else_insulted_stays_an_insult() {
        for (text, lang) in [
            ("Du Depp hast das Passwort vergessen.", Lang::De),
            ("Ich finde euch blöd.", Lang::De),
            ("Auf keinen Fall wähle ich diese Idioten.", Lang::De),
            ("Mein blöder Nachbar hat das Paket.", Lang::De),
            ("Was für eine dumme Frage!", Lang::De),
            ("You're such an idiot.", Lang::En),
            ("My idiot boss took the parcel.", Lang::En),
            ("What a stupid question!", Lang::En),
        ] {
            assert_eq!(aimed_at_self(text, lang), None, "{text}");
        }
    }
}
