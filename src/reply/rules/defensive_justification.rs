use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags defensive justification: "that's not our fault", "as stated in our terms and conditions",
/// "we followed all procedures", "we are not responsible for that".
///
/// ## Why is this bad?
/// In a crisis the audience judges the attitude before the facts. Pointing to terms and conditions or
/// denying fault first makes the company look like it is protecting itself instead of helping. It invites
/// the next round of argument. Acknowledge the problem first; explain the rules only if they help the
/// customer.
///
/// ## Example
/// ```text
/// That is not our fault. As stated in our terms, delivery times are not guaranteed.
/// ```
///
/// ## Use instead
/// ```text
/// Waiting this long is frustrating, I'm sorry. I'll check with the carrier today and get back to you by
/// tomorrow noon.
/// ```
///
/// ## Was es findet
/// Rechtfertigung statt Hilfe: „das ist nicht unsere Schuld“, „wie in unseren AGB festgelegt“, „wir haben
/// uns an alle Vorgaben gehalten“, „dafür sind wir nicht verantwortlich“.
///
/// ## Warum ist das schlecht?
/// In der Krise bewertet das Publikum die Haltung vor den Fakten. Wer zuerst auf AGB verweist oder Schuld
/// abstreitet, wirkt, als schütze er sich selbst statt zu helfen – und lädt zur nächsten Runde Streit ein.
/// Erst das Problem anerkennen; Regeln nur erklären, wenn sie dem Kunden weiterhelfen.
///
/// ## Beispiel
/// ```text
/// Das ist nicht unsere Schuld. Laut unseren AGB sind Lieferzeiten unverbindlich.
/// ```
///
/// ## Besser
/// ```text
/// So lange zu warten ist ärgerlich, das tut mir leid. Ich frage heute beim Versanddienst nach und melde
/// mich bis morgen Mittag.
/// ```
pub struct DefensiveJustification;

impl Rule for DefensiveJustification {
    fn id(&self) -> &'static str {
        "defensive-justification"
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
            Lex::Defensive,
            "„{}“ rechtfertigt, statt zu helfen. Erkennen Sie zuerst das Problem an.",
            "\"{}\" justifies instead of helping. Acknowledge the problem first.",
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
            &DefensiveJustification,
            "Das ist nicht unsere Schuld. Laut unseren AGB sind Lieferzeiten unverbindlich.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &DefensiveJustification,
            "So lange zu warten ist ärgerlich, das tut mir leid. Ich melde mich bis morgen Mittag.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &DefensiveJustification,
            "That is not our fault. As stated in our terms, delivery times are not guaranteed.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &DefensiveJustification,
            "Waiting this long is frustrating, I'm sorry. I'll get back to you by tomorrow noon.",
            &ctx(),
        );
    }
}
