use super::{Rule, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags passing the blame to someone else: "that's the courier's fault", "das liegt am Paketdienst",
/// "our supplier messed up".
///
/// ## Why is this bad?
/// The customer bought from you, not from your courier or supplier. Blaming partners in public sounds like
/// an excuse, damages a business relationship, and does not help the customer. Own the experience and say
/// what you will do about it.
///
/// ## Example
/// ```text
/// That's the courier's fault, there's nothing we can do.
/// ```
///
/// ## Use instead
/// ```text
/// I'm sorry your parcel is stuck. I'll chase it with the carrier today and let you know by tomorrow.
/// ```
///
/// ## Was es findet
/// Schuld weiterreichen: „das liegt am Paketdienst“, „DHL ist schuld“, „unser Lieferant hat Mist gebaut“.
///
/// ## Warum ist das schlecht?
/// Der Kunde hat bei Ihnen gekauft, nicht beim Paketdienst oder Lieferanten. Partner öffentlich zu
/// beschuldigen klingt nach Ausrede, schadet der Geschäftsbeziehung und hilft dem Kunden nicht. Übernehmen
/// Sie das Erlebnis und sagen Sie, was Sie tun.
///
/// ## Beispiel
/// ```text
/// Das liegt am Paketdienst, da können wir nichts machen.
/// ```
///
/// ## Besser
/// ```text
/// Schade, dass Ihr Paket feststeckt. Ich hake heute beim Versanddienst nach und melde mich bis morgen.
/// ```
pub struct ShiftsBlame;

impl Rule for ShiftsBlame {
    fn id(&self) -> &'static str {
        "shifts-blame"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Accountability
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        lint_matches(
            self,
            draft,
            Lex::ShiftBlame,
            "„{}“ schiebt die Schuld auf andere. Übernehmen Sie das Problem und sagen Sie, was Sie tun.",
            "\"{}\" shifts the blame to someone else. Own the problem and say what you will do.",
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
            &ShiftsBlame,
            "Das liegt am Paketdienst, da können wir nichts machen.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ShiftsBlame,
            "Schade, dass Ihr Paket feststeckt. Ich hake heute beim Versanddienst nach.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &ShiftsBlame,
            "That's the courier's fault, there's nothing we can do.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ShiftsBlame,
            "I'm sorry your parcel is stuck. I'll chase it with the carrier today.",
            &ctx(),
        );
    }
}
