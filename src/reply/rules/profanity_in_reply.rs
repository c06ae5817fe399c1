use super::{Rule, category_spans, lint_spans};
use crate::model::Category;
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags swearing in the reply ("damn", "crap", "Scheiße", "verdammt"), from the analyser's profanity
/// evidence and the reply lexicon.
///
/// ## Why is this bad?
/// Even casual swearing ("that's damn annoying") reads as loss of control in a company's voice, and it can
/// be screenshotted out of context. Find a clean word for the same feeling.
///
/// ## Example
/// ```text
/// That's a damn stupid mistake on our part.
/// ```
///
/// ## Use instead
/// ```text
/// That was a real mistake on our part, and I'm sorry.
/// ```
///
/// ## Was es findet
/// Kraftausdrücke in der Antwort („Scheiße“, „verdammt“, „Kacke“, „damn“), aus den Profanitäts-Belegen des
/// Analysers und dem Antwort-Lexikon.
///
/// ## Warum ist das schlecht?
/// Selbst locker gemeintes Fluchen („echt scheiße gelaufen“) klingt in der Stimme eines Unternehmens nach
/// Kontrollverlust und lässt sich ohne Zusammenhang screenshotten. Es gibt saubere Wörter für dasselbe Gefühl.
///
/// ## Beispiel
/// ```text
/// Das ist echt scheiße gelaufen.
/// ```
///
/// ## Besser
/// ```text
/// Das ist wirklich ärgerlich gelaufen, das tut mir leid.
/// ```
pub struct ProfanityInReply;

impl Rule for ProfanityInReply {
    fn id(&self) -> &'static str {
        "profanity-in-reply"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_spans(
            self,
            draft,
            category_spans(draft, Category::Profanity, Lex::Profanity),
            "„{}“ ist ein Kraftausdruck – in der Stimme einer Marke wirkt das unbeherrscht.",
            "\"{}\" is swearing – in a brand's voice it reads as loss of control.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(&ProfanityInReply, "Das ist echt scheiße gelaufen.", &ctx());
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ProfanityInReply,
            "Das ist wirklich ärgerlich gelaufen, das tut mir leid.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &ProfanityInReply,
            "That's a damn stupid mistake on our part.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ProfanityInReply,
            "That was a real mistake on our part, and I'm sorry.",
            &ctx(),
        );
    }
}
