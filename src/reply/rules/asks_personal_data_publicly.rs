use super::Rule;
use crate::model::Lang;
use crate::reply::draft::{Draft, fix};
use crate::reply::lexicon::Lex;
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a public request for personal data – order number, address, phone number, e-mail, IBAN, date of
/// birth – when neither that sentence nor an earlier one moves the conversation to a private channel.
///
/// ## Why is this bad?
/// Customers do what the reply asks: they post their address or IBAN under the brand's post, for everyone
/// to read and scrape. That is a data-protection problem for them and for the company (GDPR), and it looks
/// careless. Ask for it in a direct message or another private channel.
///
/// ## Example
/// ```text
/// Please post your order number and address here so we can check.
/// ```
///
/// ## Use instead
/// ```text
/// Please send us your order number by direct message so we can check.
/// ```
///
/// ## Was es findet
/// Eine öffentliche Bitte um persönliche Daten – Bestellnummer, Adresse, Telefonnummer, E-Mail, IBAN,
/// Geburtsdatum –, wenn weder dieser Satz noch ein früherer das Gespräch in einen privaten Kanal verlegt.
///
/// ## Warum ist das schlecht?
/// Kunden tun, worum die Antwort bittet: Sie posten Adresse oder IBAN unter den Beitrag der Marke, für alle
/// lesbar. Das ist ein Datenschutzproblem für sie und das Unternehmen (DSGVO) und wirkt nachlässig. Bitten
/// Sie per Direktnachricht oder über einen anderen privaten Kanal darum.
///
/// ## Beispiel
/// ```text
/// Nennen Sie uns bitte hier Ihre Bestellnummer und Adresse, dann prüfen wir das.
/// ```
///
/// ## Besser
/// ```text
/// Schicken Sie uns Ihre Bestellnummer bitte per Direktnachricht, dann prüfen wir das.
/// ```
pub struct AsksPersonalDataPublicly;

impl Rule for AsksPersonalDataPublicly {
    fn id(&self) -> &'static str {
        "asks-personal-data-publicly"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Privacy
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let requests = draft.find(Lex::Request);
        let mut private: Vec<u32> = draft
            .find(Lex::PrivateChannel)
            .iter()
            .map(|m| m.sentence)
            .collect();
        // the brand's own private channel counts, whatever it is called
        let own = crate::text::fold(ctx.voice.private_channel(draft.lang));
        if !own.trim().is_empty() {
            let words = draft.words();
            for i in 0..words.len() {
                if own.split_whitespace().next() == Some(words.norm(i))
                    && let Some(t) = words.token(i)
                {
                    private.push(t.sentence);
                }
            }
        }
        let mut lints: Vec<Lint> = Vec::new();
        for m in draft.find(Lex::PersonalData) {
            let s = m.sentence;
            if !requests.iter().any(|r| r.sentence == s)
                || private.iter().any(|p| *p <= s)
                || lints.iter().any(|l| {
                    draft.sentence_span(s).start <= l.span.start
                        && l.span.end <= draft.sentence_span(s).end
                })
            {
                continue;
            }
            let what = m.span.slice(draft.text);
            let channel = ctx.voice.private_channel(draft.lang);
            let mut lint = draft.lint(
                self,
                m.span,
                &format!(
                    "Hier wird öffentlich nach „{what}“ gefragt. Bitten Sie per {channel} darum."
                ),
                &format!("This asks for \"{what}\" in public. Ask for it by {channel} instead."),
            );
            let du_form = draft.du_form(ctx);
            let replacement = match (draft.lang, du_form) {
                (Lang::En, _) => format!("Please send us your {what} by {channel}."),
                (_, true) => format!("Schick uns bitte deine {what} per {channel}."),
                (_, false) => format!("Schicken Sie uns bitte Ihre {what} per {channel}."),
            };
            lint.fixes.push(fix(
                draft.msg(
                    &format!("Per {channel} danach fragen"),
                    &format!("Ask for it by {channel}"),
                ),
                draft.sentence_span(s),
                &replacement,
                Applicability::Unsafe,
            ));
            lints.push(lint);
        }
        lints
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_fix_result(
            &AsksPersonalDataPublicly,
            "Danke! Nennen Sie uns bitte hier Ihre Bestellnummer.",
            &ctx(),
            "Danke! Schicken Sie uns bitte Ihre Bestellnummer per Direktnachricht.",
        );
        assert_lint(
            &AsksPersonalDataPublicly,
            "Wie lautet deine Adresse?",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &AsksPersonalDataPublicly,
            "Schicken Sie uns Ihre Bestellnummer bitte per Direktnachricht, dann prüfen wir das.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_fix_result(
            &AsksPersonalDataPublicly,
            "Sorry! Please post your order number here.",
            &ctx(),
            "Sorry! Please send us your order number by direct message.",
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &AsksPersonalDataPublicly,
            "Please send us your order number by DM so we can check.",
            &ctx(),
        );
    }
}
