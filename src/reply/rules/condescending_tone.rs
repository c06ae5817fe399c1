use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags condescending phrasing: "as everyone knows", "it's really quite simple", "obviously",
/// "surely you know that".
///
/// ## Why is this bad?
/// Talking down to a customer tells them – and everyone reading – that their problem is silly. People who
/// feel belittled come back angrier, and readers side with the underdog. Explain plainly, without judging
/// how easy it should have been.
///
/// ## Example
/// ```text
/// It's really quite simple: obviously you need to activate the account first.
/// ```
///
/// ## Use instead
/// ```text
/// The account needs to be activated first – the link is in the welcome e-mail. Shall we resend it?
/// ```
///
/// ## Was es findet
/// Herablassende Formulierungen: „wie jeder weiß“, „das ist doch ganz einfach“, „offensichtlich“,
/// „das sollten Sie eigentlich wissen“.
///
/// ## Warum ist das schlecht?
/// Wer von oben herab antwortet, sagt dem Kunden – und allen Mitlesenden –, sein Problem sei albern. Wer
/// sich belehrt fühlt, kommt wütender zurück, und Mitlesende halten zum Schwächeren. Einfach erklären,
/// ohne zu bewerten, wie leicht es hätte sein sollen.
///
/// ## Beispiel
/// ```text
/// Das ist doch ganz einfach: Sie müssen das Konto natürlich erst aktivieren.
/// ```
///
/// ## Besser
/// ```text
/// Das Konto muss zuerst aktiviert werden – der Link steht in der Willkommens-Mail. Sollen wir ihn erneut
/// schicken?
/// ```
pub struct CondescendingTone;

impl Rule for CondescendingTone {
    fn id(&self) -> &'static str {
        "condescending-tone"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::Condescension,
            "„{}“ klingt herablassend. Erklären Sie sachlich, ohne zu bewerten.",
            "\"{}\" sounds condescending. Explain plainly, without judging.",
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
            &CondescendingTone,
            "Das ist doch ganz einfach: Sie müssen das Konto erst aktivieren.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &CondescendingTone,
            "Das Konto muss zuerst aktiviert werden – der Link steht in der Willkommens-Mail.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &CondescendingTone,
            "It's really quite simple: obviously you need to activate the account first.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &CondescendingTone,
            "The account needs to be activated first – the link is in the welcome e-mail.",
            &ctx(),
        );
    }
}
