use super::{Rule, comment, lint_matches};
use crate::model::Signal;
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Words that turn a promise into its opposite ("nicht garantiert", "not guaranteed").
const NEGATORS: [&str; 8] = [
    "nicht", "kein", "keine", "nie", "not", "no", "never", "cannot",
];

/// ## What it does
/// Flags promises no one can keep: "this will never happen again", "guaranteed", "100 % sure",
/// "I promise you". When the comment threatens legal action, each one is an error.
///
/// ## Why is this bad?
/// A broken promise is remembered longer than the original problem; the next delay turns into "they
/// promised". Towards a customer who threatens legal action an absolute promise can even become a
/// commitment. Promise the next step you control, not the outcome.
///
/// ## Example
/// ```text
/// I promise you this will never happen again!
/// ```
///
/// ## Use instead
/// ```text
/// We've passed this on to our warehouse team so they can find out how it happened.
/// ```
///
/// ## Was es findet
/// Versprechen, die niemand halten kann: „das wird nie wieder vorkommen“, „garantiert“, „hundertprozentig“,
/// „ich verspreche Ihnen“. Droht der Kommentar mit rechtlichen Schritten, ist jedes davon ein Fehler.
///
/// ## Warum ist das schlecht?
/// Ein gebrochenes Versprechen bleibt länger im Gedächtnis als das ursprüngliche Problem; die nächste
/// Verzögerung wird zu „die hatten es versprochen“. Gegenüber jemandem, der mit dem Anwalt droht, kann ein
/// absolutes Versprechen sogar zur Zusage werden. Versprechen Sie den nächsten Schritt, nicht das Ergebnis.
///
/// ## Beispiel
/// ```text
/// Ich verspreche Ihnen, das wird garantiert nie wieder vorkommen!
/// ```
///
/// ## Besser
/// ```text
/// Wir haben das an unser Lager weitergegeben, damit es klärt, wie es dazu kam.
/// ```
pub struct Overpromises;

impl Rule for Overpromises {
    fn id(&self) -> &'static str {
        "overpromises"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Legal
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let legal = comment(ctx).is_some_and(|a| a.has_signal(Signal::Legal));
        let words = draft.words();
        let negated: Vec<crate::model::Span> = draft
            .find(Lex::Overpromise)
            .iter()
            .filter(|m| {
                m.words.0 > 0
                    && NEGATORS.contains(&words.norm(m.words.0 - 1))
                    && words.token(m.words.0 - 1).map(|t| t.sentence) == Some(m.sentence)
            })
            .map(|m| m.span)
            .collect();
        let mut lints = lint_matches(
            self,
            draft,
            Lex::Overpromise,
            "„{}“ verspricht mehr, als sich sicher halten lässt. Versprechen Sie den nächsten Schritt, nicht das Ergebnis.",
            "\"{}\" promises more than can be kept for sure. Promise the next step, not the outcome.",
        );
        lints.retain(|l| !negated.contains(&l.span));
        if legal {
            for l in &mut lints {
                l.severity = Severity::Error;
                l.message.push_str(&draft.msg(
                    " Der Kommentar droht mit rechtlichen Schritten: keine Zusagen.",
                    " The comment threatens legal action: make no commitments.",
                ));
            }
        }
        lints
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Level, Topic};
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &Overpromises,
            "Ich verspreche Ihnen, das wird nie wieder vorkommen!",
            &ctx(),
        );
        let l = assert_lint(
            &Overpromises,
            "Das passiert garantiert nicht wieder.",
            &answering(Lang::De, &[Signal::Legal], Topic::Delivery, Level::Escalate),
        );
        assert_eq!(l[0].severity, Severity::Error);
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &Overpromises,
            "Wir haben das an unser Lager weitergegeben, damit es klärt, wie es dazu kam.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        let l = assert_lint(
            &Overpromises,
            "I promise you this will never happen again!",
            &ctx(),
        );
        assert_eq!(l[0].severity, Severity::Warning);
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &Overpromises,
            "Delivery times are not guaranteed, but yours ships today.",
            &ctx(),
        );
        assert_no_lint(
            &Overpromises,
            "We've passed this on to our warehouse team so they can find out how it happened.",
            &ctx(),
        );
    }
}
