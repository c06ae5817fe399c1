use super::{Rule, comment_insult_words};
use crate::model::{Category, Facet, Span};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Toxic categories of the analyser that count as attacking the commenter in a reply. Threats are left to
/// `threatens-customer`, whose list is written for replies (the analyser's threat list also holds phrases
/// like "recht so" that a sincere reply produces across a comma: "Sie haben recht, so …"). Identity-attack
/// phrases are left out too: written for comments, they fire on sincere replies ("thanks for your kind
/// words", "insults don't belong here"), and slurs in a brand's reply are caught as insults.
const ATTACK: [Category; 2] = [Category::Insult, Category::SexualHarassment];

/// Below this weight an insult word alone is a warning; an error when the analyser finds the draft insulting as
/// a whole (the lexicon's mild entries: "witch", "clown").
const MILD: f32 = 1.0;

/// ## What it does
/// Flags insults and derogatory labels in the reply: what the analyser finds as insult or harassment in
/// the draft, plus labels community managers are tempted to use ("troll",
/// "whiner", "Querulant", "Nörgler"). Words the comment used first are left to `repeats-insult`. A single
/// mild word in a draft that is not insulting as a whole ("witch" in a pun) is a warning, not an error; words
/// of a sentence that quotes, denounces or negates hate against a group are not flagged.
///
/// ## Why is this bad?
/// A brand that insults a customer is the story, whatever the customer wrote. Labels like "troll" dismiss
/// everyone who agrees with the commenter, too.
///
/// ## Example
/// ```text
/// We don't reply to trolls like you.
/// ```
///
/// ## Use instead
/// ```text
/// We're happy to talk about the issue; please keep it respectful.
/// ```
///
/// ## Was es findet
/// Beleidigungen und abwertende Etiketten in der Antwort: was der Analyser im Entwurf als Beleidigung oder
/// Belästigung findet, dazu Etiketten, zu denen Community-Manager greifen („Troll“,
/// „Querulant“, „Nörgler“, „Hater“). Wörter, die der Kommentar zuerst benutzt hat, meldet `repeats-insult`.
/// Ein einzelnes mildes Wort in einem sonst nicht beleidigenden Entwurf ist eine Warnung, kein Fehler; Wörter
/// eines Satzes, der Hass gegen eine Gruppe zitiert, zurückweist oder verneint, werden nicht gemeldet.
///
/// ## Warum ist das schlecht?
/// Eine Marke, die einen Kunden beleidigt, ist die Geschichte – egal, was der Kunde geschrieben hat.
/// Etiketten wie „Troll“ werten auch alle ab, die dem Kommentierenden zustimmen.
///
/// ## Beispiel
/// ```text
/// Auf Querulanten wie Sie gehen wir nicht ein.
/// ```
///
/// ## Besser
/// ```text
/// Über das Problem sprechen wir gern; bitte bleiben Sie dabei respektvoll.
/// ```
pub struct InsultsCommenter;

impl Rule for InsultsCommenter {
    fn id(&self) -> &'static str {
        "insults-commenter"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        // (span, mild): a mild word alone ("witch" in a pun on "which") is a warning, not an error; a clear
        // one, or a draft the analyser finds insulting as a whole, is an error
        let mut spans: Vec<(Span, bool)> = draft
            .analysis
            .evidence
            .iter()
            .filter_map(|e| match e.facet {
                Facet::Toxic(c) if ATTACK.contains(&c) => Some((
                    e.span,
                    e.weight < MILD && !draft.analysis.toxicity.categories.contains(&c),
                )),
                _ => None,
            })
            .collect();
        spans.extend(draft.find(Lex::Insult).iter().map(|m| (m.span, false)));
        // words the draft quotes, denounces or negates as said of a group ("Wer sagt, X seien Abschaum,
        // hetzt", "X are not criminals") insult no one
        let mentioned: Vec<Span> = draft
            .analysis
            .evidence
            .iter()
            .filter(|e| {
                matches!(
                    e.id.as_ref(),
                    "rule:hate:quoted" | "rule:hate:denounced" | "rule:hate:negated"
                )
            })
            .map(|e| e.span)
            .collect();
        // … nor does the sentence around them ("Es ist widerlich, X als Ungeziefer zu bezeichnen")
        let mentioned_in: Vec<Option<u32>> = mentioned
            .iter()
            .map(|m| draft.tokens.sentence_at(m.start))
            .collect();
        if !mentioned.is_empty() {
            spans.retain(|(s, _)| {
                !mentioned
                    .iter()
                    .any(|m| m.start <= s.start && s.end <= m.end)
                    && !mentioned_in.contains(&draft.tokens.sentence_at(s.start))
            });
        }
        // a word that judges an event ("blöd gelaufen", "a stupid mistake on our side") insults no one
        let situation = crate::reply::lexicon::list(Lex::Situation, draft.lang);
        spans.retain(|(s, _)| {
            !draft
                .next_word(s.end)
                .is_some_and(|w| situation.has_word(w))
        });
        // by position; of two at one place the clear one first
        spans.sort_by_key(|(s, mild)| (*s, *mild));
        let echoed = comment_insult_words(ctx);
        let mut out: Vec<Lint> = Vec::new();
        for (s, mild) in spans {
            if out.last().is_some_and(|l| l.span.end > s.start) {
                continue;
            }
            let q = s.slice(draft.text);
            let f = crate::text::fold(q);
            if echoed.iter().any(|w| f.contains(w.as_str())) {
                continue;
            }
            out.push(draft.lint(
                self,
                s,
                &format!(
                    "„{q}“ beleidigt oder wertet ab. Eine Marke beleidigt nie – auch nicht zurück."
                ),
                &format!("\"{q}\" insults or belittles. A brand never insults – not even back."),
            ));
            if mild && let Some(l) = out.last_mut() {
                l.severity = Severity::Warning;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &InsultsCommenter,
            "Auf Querulanten wie Sie gehen wir nicht ein.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &InsultsCommenter,
            "Über das Problem sprechen wir gern; bitte bleiben Sie dabei respektvoll.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &InsultsCommenter,
            "We don't reply to trolls like you.",
            &ctx(),
        );
    }
    #[test]
    fn a_mild_word_alone_is_a_warning() {
        let lints = assert_lint(
            &InsultsCommenter,
            "She even shows witch way is up! Enjoy the wardrobe.",
            &ctx(),
        );
        assert!(lints.iter().all(|l| l.severity == Severity::Warning));
        let lints = assert_lint(&InsultsCommenter, "You are a clown and a witch.", &ctx());
        assert!(lints.iter().any(|l| l.severity == Severity::Error));
    }
    /// A judging word before an event ("blöd gelaufen", "a stupid mistake") insults no one; the same word
    /// said of the reader does.
    #[test]
    fn words_that_judge_an_event_are_no_insult_in_both_languages() {
        for (event, person) in [
            (
                "Das ist blöd gelaufen, wir kümmern uns heute darum.",
                "Sie sind blöd.",
            ),
            (
                "That was a stupid mistake on our side, we'll fix it today.",
                "You are stupid.",
            ),
        ] {
            assert_no_lint(&InsultsCommenter, event, &ctx());
            assert_lint(&InsultsCommenter, person, &ctx());
        }
    }

    #[test]
    fn en_good() {
        // about behaviour, not people; and a sincere thank-you
        assert_no_lint(
            &InsultsCommenter,
            "We take criticism seriously, but insults don't belong here.",
            &ctx(),
        );
        assert_no_lint(
            &InsultsCommenter,
            "Thanks so much for your kind words!",
            &ctx(),
        );
        assert_no_lint(
            &InsultsCommenter,
            "We're happy to talk about the issue; please keep it respectful.",
            &ctx(),
        );
    }
}
