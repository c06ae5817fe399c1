use super::{Rule, comment, lint_matches};
use crate::model::{Level, Signal};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags commitments that only the legal or PR team may make while a case is escalated (a legal threat, a
/// safety incident, a public pile-on): compensation, damages, a product recall, covering all costs, staff
/// consequences ("the employee has been fired"), a settlement. Needs the comment.
///
/// ## Why is this bad?
/// During an escalation every public word can become part of a legal dispute or a news story. A community
/// manager who promises compensation or announces a recall commits the company to something nobody has
/// decided yet. Post a short holding statement and hand over.
///
/// ## Example
/// ```text
/// (comment: "Your heater set my flat on fire, my lawyer will contact you")
/// We will of course pay compensation and recall all heaters.
/// ```
///
/// ## Use instead
/// ```text
/// We're very sorry and take this extremely seriously. Our product safety team will contact you today by
/// direct message.
/// ```
///
/// ## Was es findet
/// Zusagen, die während einer Eskalation (Anwaltsdrohung, Sicherheitsvorfall, öffentliche Empörungswelle)
/// nur Recht oder PR machen dürfen: Entschädigung, Schadensersatz, Rückrufaktion, „wir übernehmen alle
/// Kosten“, Personalkonsequenzen („der Mitarbeiter wurde entlassen“), ein Vergleich. Braucht den Kommentar.
///
/// ## Warum ist das schlecht?
/// In der Eskalation kann jedes öffentliche Wort Teil eines Rechtsstreits oder einer Schlagzeile werden. Wer
/// im Community-Management Entschädigung verspricht oder einen Rückruf ankündigt, legt das Unternehmen auf
/// etwas fest, das noch niemand entschieden hat. Kurze Stellungnahme posten und übergeben.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Ihr Heizlüfter hat meine Wohnung in Brand gesetzt, mein Anwalt meldet sich“)
/// Selbstverständlich zahlen wir eine Entschädigung und rufen alle Heizlüfter zurück.
/// ```
///
/// ## Besser
/// ```text
/// Das tut uns sehr leid, und wir nehmen es äußerst ernst. Unser Team für Produktsicherheit meldet sich heute
/// per Direktnachricht bei Ihnen.
/// ```
pub struct PromisesReservedForEscalation;

impl Rule for PromisesReservedForEscalation {
    fn id(&self) -> &'static str {
        "promises-reserved-for-escalation"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Legal
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let escalated = comment(ctx).is_some_and(|a| {
            a.criticality.level == Level::Escalate
                || [Signal::Legal, Signal::Safety, Signal::PublicEscalation]
                    .iter()
                    .any(|s| a.has_signal(*s))
        });
        if !escalated {
            return Vec::new();
        }
        lint_matches(
            self,
            draft,
            Lex::Reserved,
            "„{}“ dürfen in der Eskalation nur Recht oder PR zusagen. Posten Sie eine kurze Stellungnahme und übergeben Sie.",
            "During an escalation only legal or PR may commit to \"{}\". Post a short holding statement and hand over.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Topic};
    use crate::reply::rules::testing::*;

    fn fire(lang: Lang) -> ReplyContext {
        answering(
            lang,
            &[Signal::Safety, Signal::Legal],
            Topic::ProductQuality,
            Level::Escalate,
        )
    }

    #[test]
    fn de_bad() {
        assert_lint(
            &PromisesReservedForEscalation,
            "Selbstverständlich zahlen wir eine Entschädigung und rufen alle Heizlüfter zurück.",
            &fire(Lang::De),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &PromisesReservedForEscalation,
            "Das tut uns sehr leid. Unser Team für Produktsicherheit meldet sich heute per Direktnachricht.",
            &fire(Lang::De),
        );
        // a goodwill voucher for a late parcel is no escalation matter
        let late = answering(
            Lang::De,
            &[Signal::Complaint],
            Topic::Delivery,
            Level::Respond,
        );
        assert_no_lint(
            &PromisesReservedForEscalation,
            "Als Entschädigung schicken wir Ihnen einen Gutschein.",
            &late,
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &PromisesReservedForEscalation,
            "We will of course pay compensation, and the employee has been fired.",
            &fire(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &PromisesReservedForEscalation,
            "We're very sorry and take this extremely seriously. Our product safety team will contact you today.",
            &fire(Lang::En),
        );
    }
}
