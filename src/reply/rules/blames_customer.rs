use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags sentences that put the blame on the customer: "you should have read the instructions",
/// "that's user error", "you entered the wrong address".
///
/// ## Why is this bad?
/// Even when the customer did make a mistake, saying so in public humiliates them in front of everyone
/// who reads along. It turns a service problem into a fight, and screenshots of it travel far. Explain
/// what happened neutrally and help fix it.
///
/// ## Example
/// ```text
/// You should have read the assembly instructions more carefully.
/// ```
///
/// ## Use instead
/// ```text
/// I'm sorry the assembly didn't work out. Page 4 of the instructions shows the step; if it still sticks,
/// send us a direct message and we'll walk you through it.
/// ```
///
/// ## Was es findet
/// Sätze, die die Schuld beim Kunden abladen: „Sie hätten die Anleitung lesen müssen“, „das ist ein
/// Bedienfehler“, „Sie haben die falsche Adresse angegeben“.
///
/// ## Warum ist das schlecht?
/// Selbst wenn der Kunde einen Fehler gemacht hat: öffentlich gesagt, stellt es ihn vor allen Mitlesenden
/// bloß. Aus einem Serviceproblem wird ein Streit, und Screenshots davon verbreiten sich. Besser neutral
/// erklären und beim Lösen helfen.
///
/// ## Beispiel
/// ```text
/// Sie hätten die Aufbauanleitung eben genauer lesen müssen.
/// ```
///
/// ## Besser
/// ```text
/// Schade, dass der Aufbau nicht geklappt hat. Der Schritt steht auf Seite 4 der Anleitung; wenn es
/// weiter hakt, schreiben Sie uns eine Direktnachricht und wir gehen ihn gemeinsam durch.
/// ```
pub struct BlamesCustomer;

impl Rule for BlamesCustomer {
    fn id(&self) -> &'static str {
        "blames-customer"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Accountability
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::Blame,
            "„{}“ gibt dem Kunden öffentlich die Schuld. Beschreiben Sie neutral, was passiert ist, und helfen Sie weiter.",
            "\"{}\" blames the customer in public. Describe what happened neutrally and help them fix it.",
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
            &BlamesCustomer,
            "Sie hätten die Anleitung eben genauer lesen müssen.",
            &ctx(),
        );
        assert_lint(&BlamesCustomer, "Das ist ein klarer Bedienfehler.", &ctx());
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &BlamesCustomer,
            "Schade, dass der Aufbau nicht geklappt hat. Der Schritt steht auf Seite 4 der Anleitung.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &BlamesCustomer,
            "You should have read the assembly instructions more carefully.",
            &ctx(),
        );
        assert_lint(&BlamesCustomer, "That's user error, not a defect.", &ctx());
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &BlamesCustomer,
            "I'm sorry the assembly didn't work out. Page 4 of the instructions shows the step.",
            &ctx(),
        );
    }
}
