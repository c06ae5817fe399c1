use super::Rule;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a German draft that switches between du and Sie ("Danke für Ihre Nachricht, schick uns deine
/// Bestellnummer"). The minority form is marked. English has no such distinction; the rule is silent there.
///
/// ## Why is this bad?
/// Switching forms reads as copy-and-paste from different templates – careless at best, mocking at worst.
/// German readers notice it immediately.
///
/// ## Example
/// ```text
/// (German only) Danke für Ihre Nachricht! Schick uns deine Bestellnummer per DM.
/// ```
///
/// ## Use instead
/// ```text
/// (German only) Danke für Ihre Nachricht! Schicken Sie uns Ihre Bestellnummer per DM.
/// ```
///
/// ## Was es findet
/// Einen deutschen Entwurf, der zwischen du und Sie wechselt („Danke für Ihre Nachricht, schick uns deine
/// Bestellnummer“). Markiert wird die seltenere Form. Im Englischen gibt es den Unterschied nicht.
///
/// ## Warum ist das schlecht?
/// Der Wechsel wirkt wie aus verschiedenen Vorlagen zusammenkopiert – im besten Fall nachlässig, im
/// schlimmsten spöttisch. Deutsche Leser bemerken ihn sofort.
///
/// ## Beispiel
/// ```text
/// Danke für Ihre Nachricht! Schick uns deine Bestellnummer per DM.
/// ```
///
/// ## Besser
/// ```text
/// Danke für Ihre Nachricht! Schicken Sie uns Ihre Bestellnummer per DM.
/// ```
pub struct MixedFormsOfAddress;

impl Rule for MixedFormsOfAddress {
    fn id(&self) -> &'static str {
        "mixed-forms-of-address"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Brand
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        let (du, sie) = draft.address_forms();
        if du.is_empty() || sie.is_empty() {
            return Vec::new();
        }
        let (minority, form, other) = if du.len() <= sie.len() {
            (&du, "du", "Sie")
        } else {
            (&sie, "Sie", "du")
        };
        minority
            .iter()
            .map(|s| {
                let q = s.slice(draft.text);
                draft.lint(
                    self,
                    *s,
                    &format!(
                        "„{q}“ ist die {form}-Form, der Rest des Entwurfs siezt/duzt mit {other}. Bleiben Sie bei einer Form."
                    ),
                    &format!(
                        "\"{q}\" is the German {form} form, the rest of the draft uses {other}. Keep to one form."
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        let l = assert_lint(
            &MixedFormsOfAddress,
            "Danke für Ihre Nachricht! Schick uns deine Bestellnummer per DM, damit wir Ihnen helfen können.",
            &ctx(),
        );
        assert_eq!(l.len(), 1);
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &MixedFormsOfAddress,
            "Danke für Ihre Nachricht! Schicken Sie uns Ihre Bestellnummer per DM. Sie hören heute von uns.",
            &ctx(),
        );
        // "Sie" at the start of a sentence may be "they": not counted
        assert_no_lint(
            &MixedFormsOfAddress,
            "Danke dir! Die Schuhe sind da. Sie kommen morgen bei dir an.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        // English drafts have no du/Sie; a German sentence in an English context is still checked
        assert_lint(
            &MixedFormsOfAddress,
            "Danke für Ihre Geduld, wir melden uns bei dir.",
            &ctx().with_lang(Some(Lang::De)),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MixedFormsOfAddress,
            "Thanks for your patience, you will hear from us today.",
            &ctx(),
        );
    }
}
