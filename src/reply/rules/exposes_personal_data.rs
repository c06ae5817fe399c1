use super::Rule;
use crate::pii;
use crate::reply::draft::{Draft, fix};
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags personal data written into the reply itself: an IBAN, a street address, an order or customer
/// number – and phone numbers or e-mail addresses that are the commenter's own (they appear in the comment).
/// The company's own hotline or service address is fine.
///
/// ## Why is this bad?
/// Repeating a customer's address or order number in a public reply publishes it a second time, under the
/// brand's name. It is a data-protection breach the company commits itself. Refer to it privately.
///
/// ## Example
/// ```text
/// Your order 40012345 to Musterstraße 12 left our warehouse today.
/// ```
///
/// ## Use instead
/// ```text
/// Your order left our warehouse today – I've sent you the tracking link by direct message.
/// ```
///
/// ## Was es findet
/// Persönliche Daten in der Antwort selbst: IBAN, Straßenadresse, Bestell- oder Kundennummer – und
/// Telefonnummern oder E-Mail-Adressen des Kommentierenden (wenn sie im Kommentar stehen). Die eigene
/// Hotline oder Service-Adresse ist in Ordnung.
///
/// ## Warum ist das schlecht?
/// Wer Adresse oder Bestellnummer des Kunden in der öffentlichen Antwort wiederholt, veröffentlicht sie ein
/// zweites Mal – unter dem Namen der Marke. Den Datenschutzverstoß begeht dann das Unternehmen selbst.
///
/// ## Beispiel
/// ```text
/// Ihre Bestellung 40012345 an die Musterstraße 12 hat heute unser Lager verlassen.
/// ```
///
/// ## Besser
/// ```text
/// Ihre Bestellung hat heute unser Lager verlassen – den Sendungslink habe ich Ihnen per Direktnachricht
/// geschickt.
/// ```
pub struct ExposesPersonalData;

impl Rule for ExposesPersonalData {
    fn id(&self) -> &'static str {
        "exposes-personal-data"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Privacy
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let comment = ctx.comment.as_deref().unwrap_or("");
        pii::find(draft.text)
            .into_iter()
            .filter(|(kind, span)| match *kind {
                "phone" | "email" => {
                    let s = span.slice(draft.text);
                    !s.is_empty() && comment.contains(s)
                }
                _ => true,
            })
            .map(|(_, span)| {
                let what = span.slice(draft.text);
                let mut l = draft.lint(
                    self,
                    span,
                    &format!("„{what}“ sind persönliche Daten – nicht öffentlich wiederholen."),
                    &format!("\"{what}\" is personal data – do not repeat it in public."),
                );
                l.fixes.push(fix(
                    draft.msg("Die Daten entfernen", "Remove the data"),
                    span,
                    "…",
                    Applicability::Unsafe,
                ));
                l
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_fix_result(
            &ExposesPersonalData,
            "Ihre Bestellung an die Musterstraße 12 ist unterwegs.",
            &ctx(),
            "Ihre Bestellung an die … ist unterwegs.",
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ExposesPersonalData,
            "Ihre Bestellung ist unterwegs. Unsere Hotline erreichen Sie unter 0800 1234567.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        let c = answering_text(
            "Call me on 0171 2345678 now!",
            crate::model::Lang::En,
            &[],
            &[],
        );
        assert_lint(
            &ExposesPersonalData,
            "We will call you on 0171 2345678 today.",
            &c,
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ExposesPersonalData,
            "Your order left our warehouse today – I've sent you the tracking link by direct message.",
            &ctx(),
        );
    }
}
