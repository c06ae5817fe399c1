use super::{Rule, calls_for_private, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags arguing the facts of a personal case in public – "according to our records the parcel was
/// delivered on the 3rd", "our system shows you were charged correctly" – when the comment calls for a
/// private follow-up (personal data, refunds, legal threats, account matters). Needs the comment.
///
/// ## Why is this bad?
/// A public "our records say you're wrong" turns a service case into a duel the company cannot win: even
/// when the records are right, readers see a big company contradicting a customer. It also discusses
/// account details in public. Check in private, then report back.
///
/// ## Example
/// ```text
/// According to our records, your parcel was delivered on 3 May.
/// ```
///
/// ## Use instead
/// ```text
/// That's strange if nothing arrived – please send us a DM with your order number and we'll check the
/// delivery with the carrier.
/// ```
///
/// ## Was es findet
/// Öffentliches Ausdiskutieren der Fakten eines persönlichen Falls – „laut unseren Unterlagen wurde das Paket
/// am 3. zugestellt“, „unser System zeigt, dass korrekt abgebucht wurde“ –, wenn der Kommentar eine private
/// Klärung verlangt (persönliche Daten, Erstattung, Anwaltsdrohung, Kundenkonto). Braucht den Kommentar.
///
/// ## Warum ist das schlecht?
/// Ein öffentliches „laut unseren Daten irren Sie sich“ macht aus einem Servicefall ein Duell, das das
/// Unternehmen nicht gewinnen kann: Selbst wenn die Daten stimmen, sehen Mitlesende einen Konzern, der einem
/// Kunden widerspricht. Und es bespricht Kontodetails öffentlich. Privat prüfen, dann berichten.
///
/// ## Beispiel
/// ```text
/// Laut unseren Unterlagen wurde Ihr Paket am 3. Mai zugestellt.
/// ```
///
/// ## Besser
/// ```text
/// Seltsam, wenn nichts angekommen ist – schicken Sie uns bitte eine DM mit Ihrer Bestellnummer, dann prüfen
/// wir die Zustellung mit dem Versanddienst.
/// ```
pub struct ArguesFactsPublicly;

impl Rule for ArguesFactsPublicly {
    fn id(&self) -> &'static str {
        "argues-facts-publicly"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Moderation
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if !calls_for_private(ctx) {
            return Vec::new();
        }
        lint_matches(
            self,
            draft,
            Lex::FactArgument,
            "„{}“ diskutiert die Fakten des Falls öffentlich. Klären Sie das privat und berichten Sie dann.",
            "\"{}\" argues the facts of the case in public. Check in private, then report back.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Level, Signal, Topic};
    use crate::reply::rules::testing::*;

    fn refund(lang: Lang) -> ReplyContext {
        answering(
            lang,
            &[Signal::Refund, Signal::Complaint],
            Topic::Delivery,
            Level::Respond,
        )
    }

    #[test]
    fn de_bad() {
        assert_lint(
            &ArguesFactsPublicly,
            "Laut unseren Unterlagen wurde Ihr Paket am 3. Mai zugestellt.",
            &refund(Lang::De),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ArguesFactsPublicly,
            "Seltsam, wenn nichts angekommen ist – schicken Sie uns bitte eine DM, dann prüfen wir die Zustellung.",
            &refund(Lang::De),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &ArguesFactsPublicly,
            "According to our records, your parcel was delivered on 3 May.",
            &refund(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ArguesFactsPublicly,
            "That's strange if nothing arrived – please send us a DM and we'll check the delivery.",
            &refund(Lang::En),
        );
        // a plain question about delivery times may be answered with facts
        let q = answering(
            Lang::En,
            &[Signal::Question],
            Topic::Delivery,
            Level::Monitor,
        );
        assert_no_lint(
            &ArguesFactsPublicly,
            "Our system shows delivery in 2 days for Berlin.",
            &q,
        );
    }
}
