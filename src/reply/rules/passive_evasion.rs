use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags passive constructions that hide who made the mistake: "mistakes were made", "errors occurred",
/// "es kam zu Fehlern".
///
/// ## Why is this bad?
/// The passive voice makes a mistake sound like weather – it happened, nobody did it. Readers notice the
/// dodge, and it undermines the apology next to it. Say "we" and name what went wrong.
///
/// ## Example
/// ```text
/// Unfortunately, mistakes were made in processing your order.
/// ```
///
/// ## Use instead
/// ```text
/// We made a mistake processing your order – I'm sorry.
/// ```
///
/// ## Was es findet
/// Passivformen, die verschweigen, wer den Fehler gemacht hat: „Fehler wurden gemacht“, „es kam zu
/// Fehlern“, „es ist zu Unregelmäßigkeiten gekommen“.
///
/// ## Warum ist das schlecht?
/// Das Passiv lässt einen Fehler klingen wie Wetter – er ist passiert, niemand war es. Mitlesende bemerken
/// das Ausweichen, und es entwertet die Entschuldigung daneben. Sagen Sie „wir“ und benennen Sie den Fehler.
///
/// ## Beispiel
/// ```text
/// Leider wurden bei der Bearbeitung Ihrer Bestellung Fehler gemacht.
/// ```
///
/// ## Besser
/// ```text
/// Wir haben bei Ihrer Bestellung einen Fehler gemacht – das tut mir leid.
/// ```
pub struct PassiveEvasion;

impl Rule for PassiveEvasion {
    fn id(&self) -> &'static str {
        "passive-evasion"
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
            Lex::PassiveEvasion,
            "„{}“ verschweigt, wer den Fehler gemacht hat. Sagen Sie „wir“ und benennen Sie ihn.",
            "\"{}\" hides who made the mistake. Say \"we\" and name it.",
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
            &PassiveEvasion,
            "Leider wurden bei der Bearbeitung Ihrer Bestellung Fehler gemacht.",
            &ctx(),
        );
        assert_lint(&PassiveEvasion, "Es kam zu Fehlern im System.", &ctx());
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &PassiveEvasion,
            "Wir haben bei Ihrer Bestellung einen Fehler gemacht – das tut mir leid.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &PassiveEvasion,
            "Unfortunately, mistakes were made in processing your order.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &PassiveEvasion,
            "We made a mistake processing your order – I'm sorry.",
            &ctx(),
        );
    }
}
