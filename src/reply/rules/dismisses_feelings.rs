use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags replies that wave away the customer's feelings: "calm down", "no need to get upset", "you're
/// overreacting", "it's not that bad".
///
/// ## Why is this bad?
/// Telling an upset person to calm down never calms them down. It says their anger is the problem, not
/// the cause of it, and readers take it as arrogance. Name the frustration instead and show you take it
/// seriously.
///
/// ## Example
/// ```text
/// Calm down, it's not that bad – it's only a few days' delay.
/// ```
///
/// ## Use instead
/// ```text
/// I understand that the delay is annoying, especially when you've planned around it.
/// ```
///
/// ## Was es findet
/// Antworten, die Gefühle wegwischen: „beruhigen Sie sich“, „kein Grund zur Aufregung“, „Sie übertreiben“,
/// „so schlimm ist das nicht“.
///
/// ## Warum ist das schlecht?
/// Wer einem aufgebrachten Menschen sagt, er solle sich beruhigen, beruhigt ihn nie. Es erklärt den Ärger
/// zum Problem statt seiner Ursache, und Mitlesende lesen es als Arroganz. Den Ärger benennen und ernst
/// nehmen.
///
/// ## Beispiel
/// ```text
/// Beruhigen Sie sich, so schlimm ist das nicht – es sind nur ein paar Tage.
/// ```
///
/// ## Besser
/// ```text
/// Ich verstehe, dass die Verzögerung ärgerlich ist, gerade wenn Sie fest damit geplant haben.
/// ```
pub struct DismissesFeelings;

impl Rule for DismissesFeelings {
    fn id(&self) -> &'static str {
        "dismisses-feelings"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Empathy
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::Dismissal,
            "„{}“ tut den Ärger des Kunden ab. Benennen Sie ihn und nehmen Sie ihn ernst.",
            "\"{}\" dismisses the customer's feelings. Name the frustration and take it seriously.",
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
            &DismissesFeelings,
            "Beruhigen Sie sich, so schlimm ist das nicht.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &DismissesFeelings,
            "Ich verstehe, dass die Verzögerung ärgerlich ist, gerade wenn Sie fest damit geplant haben.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(&DismissesFeelings, "Calm down, it's not that bad.", &ctx());
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &DismissesFeelings,
            "I understand that the delay is annoying, especially when you've planned around it.",
            &ctx(),
        );
    }
}
