use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a public admission of legal liability: "we are liable", "we will pay for all damages",
/// "we accept full legal responsibility".
///
/// ## Why is this bad?
/// A reply on social media is a public, permanent statement. Admitting liability before the facts are known
/// can bind the company in court and with its insurer, and it cannot be taken back. Saying sorry and taking
/// the matter seriously is right; deciding who pays is for the legal team, in private.
///
/// ## Example
/// ```text
/// We are fully liable for the damage and will pay for everything.
/// ```
///
/// ## Use instead
/// ```text
/// We're sorry this happened and take it very seriously. Please send us a direct message so our team can
/// look at it with you personally.
/// ```
///
/// ## Was es findet
/// Ein öffentliches Eingeständnis rechtlicher Haftung: „wir haften“, „wir kommen für alle Schäden auf“,
/// „wir übernehmen die volle rechtliche Verantwortung“.
///
/// ## Warum ist das schlecht?
/// Eine Antwort in sozialen Medien ist eine öffentliche, dauerhafte Erklärung. Wer vor Klärung des
/// Sachverhalts Haftung anerkennt, bindet das Unternehmen womöglich vor Gericht und gegenüber der
/// Versicherung. Bedauern zeigen ist richtig; wer zahlt, klärt die Rechtsabteilung – nicht öffentlich.
///
/// ## Beispiel
/// ```text
/// Wir haften selbstverständlich für den Schaden und kommen für alles auf.
/// ```
///
/// ## Besser
/// ```text
/// Das tut uns sehr leid, und wir nehmen es ernst. Bitte schreiben Sie uns eine Direktnachricht, damit
/// sich unser Team persönlich darum kümmert.
/// ```
pub struct AdmitsLiability;

impl Rule for AdmitsLiability {
    fn id(&self) -> &'static str {
        "admits-liability"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Legal
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::Liability,
            "„{}“ erkennt öffentlich eine Haftung an – das entscheidet die Rechtsabteilung, nicht die Antwort.",
            "\"{}\" admits legal liability in public – that is for the legal team to decide, not the reply.",
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
            &AdmitsLiability,
            "Wir haften selbstverständlich für den Schaden.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &AdmitsLiability,
            "Das tut uns sehr leid. Bitte schreiben Sie uns eine Direktnachricht.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &AdmitsLiability,
            "We are fully liable for the damage and will pay for everything.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &AdmitsLiability,
            "We're sorry this happened. Please send us a direct message.",
            &ctx(),
        );
    }
}
