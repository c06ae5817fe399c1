use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags apologies that apologise for the customer's feelings or for a maybe: "sorry if you feel that
/// way", "we apologise for any inconvenience this may have caused".
///
/// ## Why is this bad?
/// A conditional apology reads as no apology at all: it doubts the problem ("if") and shifts it onto the
/// customer's perception ("you feel"). Angry readers quote these lines as proof that the company does not
/// listen. Apologise for the concrete thing that went wrong, or do not apologise.
///
/// ## Example
/// ```text
/// We're sorry if you feel let down by our service.
/// ```
///
/// ## Use instead
/// ```text
/// We're sorry your parcel is two weeks late – that's not the service you should get from us.
/// ```
///
/// ## Was es findet
/// Entschuldigungen für die Gefühle des Kunden oder für ein Vielleicht: „tut uns leid, wenn Sie sich
/// geärgert haben“, „wir entschuldigen uns für eventuell entstandene Unannehmlichkeiten“.
///
/// ## Warum ist das schlecht?
/// Eine Entschuldigung unter Vorbehalt wirkt wie gar keine: Sie zweifelt das Problem an („falls“) und
/// verschiebt es in die Wahrnehmung des Kunden („wenn Sie sich … fühlen“). Solche Sätze werden als Beleg
/// zitiert, dass das Unternehmen nicht zuhört. Entschuldigen Sie sich für das Konkrete, was schiefging.
///
/// ## Beispiel
/// ```text
/// Es tut uns leid, falls Sie sich über unseren Service geärgert haben.
/// ```
///
/// ## Besser
/// ```text
/// Es tut uns leid, dass Ihr Paket zwei Wochen zu spät ist – so sollte das nicht laufen.
/// ```
pub struct ConditionalApology;

impl Rule for ConditionalApology {
    fn id(&self) -> &'static str {
        "conditional-apology"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Accountability
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::ConditionalApology,
            "„{}“ ist eine Entschuldigung unter Vorbehalt. Entschuldigen Sie sich für das, was konkret schiefging.",
            "\"{}\" is a conditional apology. Apologise for the concrete thing that went wrong.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &ConditionalApology,
            "Es tut uns leid, falls Sie sich über unseren Service geärgert haben.",
            &ctx(),
        );
        assert_lint(
            &ConditionalApology,
            "Wir entschuldigen uns für eventuell entstandene Unannehmlichkeiten.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ConditionalApology,
            "Es tut uns leid, dass Ihr Paket zwei Wochen zu spät ist.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &ConditionalApology,
            "We're sorry if you feel let down by our service.",
            &ctx(),
        );
        assert_lint(
            &ConditionalApology,
            "We apologise for any inconvenience this may have caused.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ConditionalApology,
            "We're sorry your parcel is two weeks late.",
            &ctx(),
        );
    }
}
