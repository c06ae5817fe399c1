use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Points out internal jargon: "ticket", "case ID", "first-level support", "SLA", "escalated to tier 2".
///
/// ## Why is this bad?
/// Customers do not know the company's processes. Jargon makes a reply feel like a machine answered and
/// hides what will actually happen. Say it in plain words: who does what, and when.
///
/// ## Example
/// ```text
/// Your ticket has been escalated to second-level support per our SLA.
/// ```
///
/// ## Use instead
/// ```text
/// I've passed your message to our technicians; they will get back to you within two working days.
/// ```
///
/// ## Was es findet
/// Interne Fachsprache: „Ticket“, „Vorgangsnummer“, „First-Level-Support“, „SLA“, „an Second Level
/// eskaliert“.
///
/// ## Warum ist das schlecht?
/// Kunden kennen die internen Abläufe nicht. Fachsprache lässt die Antwort maschinell wirken und verdeckt,
/// was tatsächlich passiert. Sagen Sie es einfach: wer macht was, bis wann.
///
/// ## Beispiel
/// ```text
/// Ihr Ticket wurde gemäß SLA an den Second-Level-Support eskaliert.
/// ```
///
/// ## Besser
/// ```text
/// Ich habe Ihre Nachricht an unsere Technik weitergegeben; sie meldet sich innerhalb von zwei Werktagen.
/// ```
pub struct InternalJargon;

impl Rule for InternalJargon {
    fn id(&self) -> &'static str {
        "internal-jargon"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Clarity
    }
    fn severity(&self) -> Severity {
        Severity::Hint
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::Jargon,
            "„{}“ ist interne Fachsprache. Sagen Sie in einfachen Worten, wer was bis wann tut.",
            "\"{}\" is internal jargon. Say in plain words who does what, and when.",
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
            &InternalJargon,
            "Ihr Ticket wurde gemäß SLA an den Second-Level-Support eskaliert.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &InternalJargon,
            "Ich habe Ihre Nachricht an unsere Technik weitergegeben.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &InternalJargon,
            "Your ticket has been escalated to tier 2 per our SLA.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &InternalJargon,
            "I've passed your message to our technicians.",
            &ctx(),
        );
    }
}
