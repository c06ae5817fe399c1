use super::{Rule, shows_distress};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a reply without any empathy when the comment shows distress: a safety or privacy scare, someone
/// about to leave, a strongly negative complaint, or a bereavement. Empathy means naming the feeling or
/// the situation ("that sounds stressful", "I'm sorry", "my condolences"). Needs the comment being answered.
///
/// ## Why is this bad?
/// A distressed person who gets a purely factual answer feels processed, not helped. Readers notice the
/// coldness more than the facts. Empathy first, facts second.
///
/// ## Example
/// ```text
/// (comment: "My daughter got a rash from your cream, I'm so worried")
/// Please send us the batch number.
/// ```
///
/// ## Use instead
/// ```text
/// That sounds really worrying, I'm sorry. Please stop using the cream and send us a direct message with the
/// batch number – our product safety team will call you today.
/// ```
///
/// ## Was es findet
/// Eine Antwort ohne jedes Mitgefühl, wenn der Kommentar Not zeigt: Sorge um Sicherheit oder Daten, jemand
/// will kündigen, eine stark negative Beschwerde oder ein Trauerfall. Mitgefühl heißt, das Gefühl oder die
/// Lage zu benennen („das klingt belastend“, „das tut mir leid“, „mein Beileid“). Braucht den beantworteten
/// Kommentar.
///
/// ## Warum ist das schlecht?
/// Wer in Not ist und eine rein sachliche Antwort bekommt, fühlt sich abgefertigt, nicht geholfen.
/// Mitlesende bemerken die Kälte stärker als die Fakten. Erst Mitgefühl, dann Fakten.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Meine Tochter hat von Ihrer Creme Ausschlag bekommen, ich mache mir solche Sorgen“)
/// Bitte nennen Sie uns die Chargennummer.
/// ```
///
/// ## Besser
/// ```text
/// Das klingt wirklich belastend, das tut mir leid. Bitte verwenden Sie die Creme nicht weiter und schicken
/// Sie uns die Chargennummer per Direktnachricht – unsere Produktsicherheit ruft Sie heute an.
/// ```
pub struct MissingEmpathy;

impl Rule for MissingEmpathy {
    fn id(&self) -> &'static str {
        "missing-empathy"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Empathy
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if !shows_distress(ctx)
            || draft.word_count() == 0
            || draft.has(Lex::Empathy)
            || draft.has(Lex::Apology)
        {
            return Vec::new();
        }
        let phrase = draft.phrase(
            &ctx.voice,
            "Das tut mir leid, ich kann Ihre Sorge gut verstehen.",
            "Das tut mir leid, ich kann deine Sorge gut verstehen.",
            "I'm sorry, I can understand why you're worried.",
        );
        vec![draft.missing_opening(
            self,
            ("Der Kommentar zeigt Not, die Antwort kein Mitgefühl. Benennen Sie die Lage, bevor Sie Fakten nennen.", "The comment shows distress, the reply no empathy. Name the situation before the facts."),
            ("Mitgefühl zeigen", "Show empathy"),
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

    fn safety(lang: Lang) -> ReplyContext {
        answering(
            lang,
            &[Signal::Safety],
            Topic::ProductQuality,
            Level::Escalate,
        )
    }

    #[test]
    fn de_bad() {
        assert_lint(
            &MissingEmpathy,
            "Bitte nennen Sie uns per Direktnachricht die Chargennummer.",
            &safety(Lang::De),
        );
        let grief = answering_text(
            "Mein Mann ist verstorben, wie kündige ich seinen Vertrag?",
            Lang::De,
            &[Signal::Question],
            &[],
        );
        assert_lint(
            &MissingEmpathy,
            "Senden Sie uns die Sterbeurkunde per Post.",
            &grief,
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &MissingEmpathy,
            "Das klingt wirklich belastend, das tut mir leid. Bitte verwenden Sie die Creme nicht weiter.",
            &safety(Lang::De),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &MissingEmpathy,
            "Please send us the batch number.",
            &safety(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MissingEmpathy,
            "That sounds really worrying, I'm sorry. Please stop using the cream.",
            &safety(Lang::En),
        );
    }
}
