use super::{Rule, reports_problem};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a reply to a complaint (or a safety, privacy, refund or churn comment) that never acknowledges the
/// problem: no "thanks for letting us know", "you're right", "that's frustrating", "I understand" and no
/// apology. Needs the comment being answered.
///
/// ## Why is this bad?
/// People who complain first want to be heard. A reply that jumps straight to procedure feels like a form
/// letter and makes the commenter repeat themselves – louder. One sentence of acknowledgement changes how
/// everything after it is read.
///
/// ## Example
/// ```text
/// (comment: "Third time my order is wrong!")
/// Please contact our customer service by e-mail.
/// ```
///
/// ## Use instead
/// ```text
/// Three wrong orders in a row – that's really frustrating. Please send us a direct message and I'll sort
/// it out today.
/// ```
///
/// ## Was es findet
/// Eine Antwort auf eine Beschwerde (oder einen Kommentar zu Sicherheit, Datenschutz, Erstattung oder
/// Kündigung), die das Problem nirgends anerkennt: kein „danke für den Hinweis“, „Sie haben recht“, „das ist
/// ärgerlich“, „ich verstehe“ und keine Entschuldigung. Braucht den beantworteten Kommentar.
///
/// ## Warum ist das schlecht?
/// Wer sich beschwert, will zuerst gehört werden. Eine Antwort, die sofort zum Verfahren springt, wirkt wie
/// ein Formbrief, und der Kommentierende wiederholt sich – lauter. Ein Satz der Anerkennung verändert, wie
/// alles danach gelesen wird.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Zum dritten Mal ist meine Bestellung falsch!“)
/// Wenden Sie sich bitte per E-Mail an unseren Kundenservice.
/// ```
///
/// ## Besser
/// ```text
/// Dreimal hintereinander eine falsche Bestellung – das ist wirklich ärgerlich. Schreiben Sie uns bitte eine
/// Direktnachricht, dann kläre ich das heute.
/// ```
pub struct MissingAcknowledgement;

impl Rule for MissingAcknowledgement {
    fn id(&self) -> &'static str {
        "missing-acknowledgement"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Empathy
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if !reports_problem(ctx)
            || draft.word_count() == 0
            || draft.has(Lex::Acknowledge)
            || draft.has(Lex::Empathy)
            || draft.has(Lex::Apology)
        {
            return Vec::new();
        }
        let phrase = draft.phrase(
            &ctx.voice,
            "Danke, dass Sie uns das schreiben – das ist ärgerlich.",
            "Danke, dass du uns das schreibst – das ist ärgerlich.",
            "Thanks for letting us know – that's frustrating.",
        );
        vec![draft.missing_opening(
            self,
            ("Die Antwort erkennt das Problem nicht an. Sagen Sie zuerst, dass Sie es gehört haben.", "The reply never acknowledges the problem. Say first that you have heard it."),
            ("Anerkennung einfügen", "Add an acknowledgement"),
            &phrase,
            Applicability::DisplayOnly,
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Level, Signal, Topic};
    use crate::reply::rules::testing::*;

    fn complaint(lang: Lang) -> ReplyContext {
        answering(lang, &[Signal::Complaint], Topic::Delivery, Level::Respond)
    }

    #[test]
    fn de_bad() {
        assert_fix_result(
            &MissingAcknowledgement,
            "Hallo Frau Weber. Wenden Sie sich bitte per E-Mail an den Kundenservice.",
            &complaint(Lang::De),
            "Hallo Frau Weber. Danke, dass Sie uns das schreiben – das ist ärgerlich. Wenden Sie sich bitte per E-Mail an den Kundenservice.",
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &MissingAcknowledgement,
            "Dreimal hintereinander eine falsche Bestellung – das ist wirklich ärgerlich. Schreiben Sie uns bitte.",
            &complaint(Lang::De),
        );
        // without a comment the rule cannot know what to acknowledge
        assert_no_lint(
            &MissingAcknowledgement,
            "Wenden Sie sich bitte per E-Mail an den Kundenservice.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &MissingAcknowledgement,
            "Please contact our customer service by e-mail.",
            &complaint(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MissingAcknowledgement,
            "Three wrong orders in a row – that's really frustrating. Please send us a DM.",
            &complaint(Lang::En),
        );
    }
}
