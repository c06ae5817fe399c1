use super::{Rule, category_spans, lint_spans};
use crate::model::Category;
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags sexual content in the reply: what the analyser reads as sexual harassment or a sexualised insult in
/// the draft itself ("show me your …", "bend you over"), and sexual acts and explicit words from the reply
/// lexicon ("porn", "masturbate", "horny", "sex with"). Anatomical words are not flagged: a pharmacy or a
/// health brand may need them.
///
/// ## Why is this bad?
/// Sexual remarks under a company's name are harassment, whoever they are aimed at, and a screenshot of them
/// outlives any apology. A brand does not answer in kind, not even as a joke or an echo of the comment.
///
/// ## Example
/// ```text
/// Come work for me, I have a position open under my desk, you seem horny enough.
/// ```
///
/// ## Use instead
/// ```text
/// Comments like this have no place here, and we have removed it. If you have a question about a job with us,
/// our careers page lists every opening.
/// ```
///
/// ## Was es findet
/// Sexuelle Inhalte in der Antwort: was der Analyser im Entwurf selbst als sexuelle Belästigung oder
/// sexualisierte Beleidigung liest („zeig mal deine …“), und sexuelle Handlungen und eindeutige Wörter aus dem
/// Antwort-Lexikon („Porno“, „masturbieren“, „notgeil“, „Sex mit“). Anatomische Wörter zählen nicht: Apotheken
/// und Gesundheitsmarken brauchen sie.
///
/// ## Warum ist das schlecht?
/// Sexuelle Bemerkungen unter dem Namen eines Unternehmens sind Belästigung, wen auch immer sie treffen, und
/// ein Screenshot davon überdauert jede Entschuldigung. Eine Marke antwortet nicht in derselben Art, auch nicht
/// als Scherz oder als Echo des Kommentars.
///
/// ## Beispiel
/// ```text
/// Komm doch zu uns ins Büro, du bist ja eh notgeil.
/// ```
///
/// ## Besser
/// ```text
/// Solche Kommentare haben hier keinen Platz, wir haben ihn entfernt. Wenn Sie Fragen zu einer Stelle bei uns
/// haben: Alle offenen Stellen stehen auf unserer Karriereseite.
/// ```
pub struct SexualContent;

impl Rule for SexualContent {
    fn id(&self) -> &'static str {
        "sexual-content"
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
            category_spans(draft, Category::SexualHarassment, Lex::Sexual),
            "„{}“ ist sexuell – unter dem Namen einer Marke ist das Belästigung, auch als Scherz oder Echo.",
            "\"{}\" is sexual – under a brand's name that is harassment, even as a joke or an echo.",
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
            &SexualContent,
            "Komm doch zu uns ins Büro, du bist ja eh notgeil.",
            &ctx(),
        );
        assert_lint(&SexualContent, "Zeig mal deine Titten.", &ctx());
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &SexualContent,
            "Solche Kommentare haben hier keinen Platz, wir haben ihn entfernt. Wenn Sie Fragen zu einer Stelle bei uns haben: Alle offenen Stellen stehen auf unserer Karriereseite.",
            &ctx(),
        );
        // health and anatomy are not sexual content
        assert_no_lint(
            &SexualContent,
            "Bei einer Scheidenpilz-Infektion berät Sie unser Apothekenteam gern vertraulich.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &SexualContent,
            "Come work for me, I have a position open under my desk, you seem horny enough.",
            &ctx(),
        );
        assert_lint(&SexualContent, "Show me your tits.", &ctx());
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &SexualContent,
            "Comments like this have no place here, and we have removed it. If you have a question about a job with us, our careers page lists every opening.",
            &ctx(),
        );
        assert_no_lint(
            &SexualContent,
            "Our pharmacy team can advise you in confidence on treatments for vaginal thrush.",
            &ctx(),
        );
    }
}
