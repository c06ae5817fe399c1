use super::{Rule, company_at_fault};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a reply without an apology when the company is plausibly at fault: a complaint or refund request
/// about its own delivery, billing, product, service or app, written without insults. It does not ask for
/// an apology to insults, to legal threats or safety incidents (empathy yes – whether to apologise there is
/// for legal and PR), to mild remarks, or to complaints about prices or availability.
/// Needs the comment being answered.
///
/// ## Why is this bad?
/// When the company let a customer down, a reply without "sorry" sounds like it does not think so. A plain
/// apology costs nothing, de-escalates most conversations, and is what every reader is waiting for.
///
/// ## Example
/// ```text
/// (comment: "Charged twice for one order!")
/// Please send us your order number by DM and we'll check it.
/// ```
///
/// ## Use instead
/// ```text
/// Sorry about the double charge! Please send us your order number by DM and we'll refund it today.
/// ```
///
/// ## Was es findet
/// Eine Antwort ohne Entschuldigung, wenn das Unternehmen plausibel schuld ist: eine Beschwerde oder
/// Erstattungsbitte zu eigener Lieferung, Abrechnung, Produkt, Service oder App, ohne Beleidigungen. Für
/// Beleidigungen, Anwaltsdrohungen und Sicherheitsvorfälle (Mitgefühl ja – ob man sich dort entschuldigt,
/// entscheiden Recht und PR), milde Anmerkungen und Beschwerden über Preise oder Verfügbarkeit verlangt sie
/// keine Entschuldigung. Braucht den beantworteten Kommentar.
///
/// ## Warum ist das schlecht?
/// Wenn das Unternehmen einen Kunden enttäuscht hat, klingt eine Antwort ohne „Entschuldigung“, als sähe es
/// das nicht so. Eine schlichte Entschuldigung kostet nichts, entschärft die meisten Gespräche und ist das,
/// worauf alle Mitlesenden warten.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Doppelt abgebucht für eine Bestellung!“)
/// Schicken Sie uns Ihre Bestellnummer per DM, dann prüfen wir das.
/// ```
///
/// ## Besser
/// ```text
/// Entschuldigung für die doppelte Abbuchung! Schicken Sie uns Ihre Bestellnummer per DM, dann erstatten wir
/// sie heute.
/// ```
pub struct MissingApology;

impl Rule for MissingApology {
    fn id(&self) -> &'static str {
        "missing-apology"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Accountability
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if !company_at_fault(ctx)
            || draft.word_count() == 0
            || draft.has(Lex::Apology)
            || draft.has(Lex::ConditionalApology)
        {
            return Vec::new();
        }
        let phrase = draft.phrase(
            &ctx.voice,
            "Das tut uns leid.",
            "Das tut uns leid.",
            "We're sorry about this.",
        );
        vec![draft.missing_opening(
            self,
            ("Hier ist das Unternehmen wohl im Fehler, aber die Antwort entschuldigt sich nicht.", "The company seems to be at fault here, but the reply does not apologise."),
            ("Entschuldigung einfügen", "Add an apology"),
            &phrase,
            Applicability::Unsafe,
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Lang, Level, Signal, Topic};
    use crate::reply::rules::testing::*;

    fn billing(lang: Lang) -> ReplyContext {
        answering(lang, &[Signal::Complaint], Topic::Billing, Level::Respond)
    }

    #[test]
    fn de_bad() {
        assert_fix_result(
            &MissingApology,
            "Hallo Herr Kaya! Schicken Sie uns Ihre Bestellnummer per DM.",
            &billing(Lang::De),
            "Hallo Herr Kaya! Das tut uns leid. Schicken Sie uns Ihre Bestellnummer per DM.",
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &MissingApology,
            "Entschuldigung für die doppelte Abbuchung! Schicken Sie uns Ihre Bestellnummer per DM.",
            &billing(Lang::De),
        );
        // no apology owed for an insult
        let insult = answering_text(
            "Ihr seid alle Idioten",
            Lang::De,
            &[Signal::Complaint],
            &[Category::Insult],
        );
        assert_no_lint(
            &MissingApology,
            "Kritik ist willkommen, Beleidigungen nicht.",
            &insult,
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &MissingApology,
            "Please send us your order number by DM and we'll check it.",
            &billing(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MissingApology,
            "Sorry about the double charge! Please send us your order number by DM.",
            &billing(Lang::En),
        );
        let pricing = answering(
            Lang::En,
            &[Signal::Complaint],
            Topic::Pricing,
            Level::Respond,
        );
        assert_no_lint(
            &MissingApology,
            "Prices went up because our costs did; the basic plan is still available.",
            &pricing,
        );
    }
}
