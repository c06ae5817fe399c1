use super::Rule;
use crate::pii;
use crate::reply::draft::{Draft, fix};
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags personal data written into the reply itself: an IBAN, a street address, an order or customer
/// number – and phone numbers or e-mail addresses that are the commenter's own (they appear in the comment).
/// The company's own hotline or service address is fine, and so are toll-free and service numbers (0800,
/// 0180, 1-800 …).
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
/// Hotline oder Service-Adresse ist in Ordnung, ebenso kostenlose und Service-Nummern (0800, 0180, 1-800 …).
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

/// Prefixes of toll-free and shared-cost service numbers (German 0800/0180x, North American 8xx): a
/// company's hotline, never a person's number.
const SERVICE_PREFIXES: [&str; 10] = [
    "0800", "0180", "+49800", "+49180", "800", "888", "877", "866", "855", "844",
];

/// The digits of `s`, without a leading North American trunk `1`.
fn digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    match d.strip_prefix('1') {
        Some(rest) if d.len() == 11 => rest.to_string(),
        _ => d,
    }
}

/// A company's service number ("0800 123 456", "1-800-555-0199").
fn service_number(s: &str) -> bool {
    let plus = s.trim_start().starts_with('+');
    let d = digits(s);
    d.len() >= 7
        && SERVICE_PREFIXES.iter().any(|p| {
            let (want_plus, p) = match p.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, *p),
            };
            want_plus == plus && d.starts_with(p)
        })
}

/// Written like a phone number in North American style: 3-3-4 digit groups ("555-014-2398", "(555)
/// 014 2398"), which the generic finder reads as an order number.
fn phone_shaped(s: &str) -> bool {
    let groups: Vec<usize> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .map(str::len)
        .collect();
    matches!(groups.as_slice(), [3, 3, 4] | [1, 3, 3, 4])
}

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
            .filter(|(kind, span)| {
                let s = span.slice(draft.text);
                match *kind {
                    _ if service_number(s) => false,
                    "phone" | "email" => !s.is_empty() && comment.contains(s),
                    _ if phone_shaped(s) => !s.is_empty() && comment.contains(s),
                    _ => true,
                }
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
    /// A hotline number is the company's own; the same shape repeated from the comment is the customer's.
    #[test]
    fn service_numbers_are_not_personal_in_both_languages() {
        for (lang, hotline, repeated, comment) in [
            (
                crate::model::Lang::De,
                "Rufen Sie uns kostenlos unter 0800 555 0199 an.",
                "Wir rufen Sie unter 555-014-2398 zurück.",
                "Ruft mich an: 555-014-2398",
            ),
            (
                crate::model::Lang::En,
                "Please call our support team at 1-800-555-0199.",
                "We'll call you back at 555-014-2398.",
                "Call me at 555-014-2398",
            ),
        ] {
            let c = answering_text(comment, lang, &[], &[]);
            assert_no_lint(&ExposesPersonalData, hotline, &c);
            assert_lint(&ExposesPersonalData, repeated, &c);
            let other = answering_text("Where is my parcel?", lang, &[], &[]);
            assert_no_lint(&ExposesPersonalData, repeated, &other);
        }
        assert!(service_number("+49 800 1234567") && !service_number("+1 555 0142398"));
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
