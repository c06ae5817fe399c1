use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags threats against the commenter: "we reserve the right to take legal action", "we will report
/// you", "you are banned from our shops".
///
/// ## Why is this bad?
/// A company threatening a customer in public is the headline – whatever the customer said before. It
/// moves sympathy to the commenter and escalates a comment into a story. Moderation and legal steps are
/// decided internally and, if needed, communicated privately.
///
/// ## Example
/// ```text
/// We reserve the right to take legal action against such statements.
/// ```
///
/// ## Use instead
/// ```text
/// We're happy to discuss criticism, but we remove insults under our community rules.
/// ```
///
/// ## Was es findet
/// Drohungen gegen den Kommentierenden: „wir behalten uns rechtliche Schritte vor“, „wir zeigen Sie an“,
/// „Sie haben Hausverbot“.
///
/// ## Warum ist das schlecht?
/// Ein Unternehmen, das öffentlich einem Kunden droht, ist die Schlagzeile – egal, was der Kunde vorher
/// geschrieben hat. Die Sympathie wandert zum Kommentierenden, aus einem Kommentar wird eine Geschichte.
/// Moderation und rechtliche Schritte werden intern entschieden und, wenn nötig, privat mitgeteilt.
///
/// ## Beispiel
/// ```text
/// Wir behalten uns rechtliche Schritte gegen solche Aussagen vor.
/// ```
///
/// ## Besser
/// ```text
/// Kritik diskutieren wir gern, Beleidigungen entfernen wir nach unseren Community-Regeln.
/// ```
pub struct ThreatensCustomer;

impl Rule for ThreatensCustomer {
    fn id(&self) -> &'static str {
        "threatens-customer"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::ThreatToCustomer,
            "„{}“ droht dem Kommentierenden öffentlich. Rechtliche Schritte werden intern entschieden.",
            "\"{}\" threatens the commenter in public. Legal steps are decided internally.",
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
            &ThreatensCustomer,
            "Wir behalten uns rechtliche Schritte gegen solche Aussagen vor.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ThreatensCustomer,
            "Kritik diskutieren wir gern, Beleidigungen entfernen wir nach unseren Community-Regeln.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &ThreatensCustomer,
            "We reserve the right to take legal action against such statements.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ThreatensCustomer,
            "We're happy to discuss criticism, but we remove insults under our community rules.",
            &ctx(),
        );
    }
}
