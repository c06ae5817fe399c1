use super::{Rule, comment};
use crate::model::Address;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a German draft whose form of address does not match the brand voice: du where the brand says Sie,
/// or Sie where the brand duzt. A brand that says Sie may mirror a du-commenter (`mirror_du`, on by
/// default), so du is accepted when the comment used du – and Sie stays fine there, too.
///
/// ## Why is this bad?
/// The form of address is part of the brand. Duzen a customer who wrote formally feels overly familiar;
/// siezen in a du-brand's community sounds cold and bureaucratic. Consistency across replies is what makes
/// a voice recognisable.
///
/// ## Example
/// ```text
/// (German only; brand voice: Sie) Schreib uns gern eine DM!
/// ```
///
/// ## Use instead
/// ```text
/// (German only) Schreiben Sie uns gern eine DM!
/// ```
///
/// ## Was es findet
/// Einen deutschen Entwurf, dessen Anrede nicht zur Markenstimme passt: du, wo die Marke siezt, oder Sie,
/// wo sie duzt. Eine siezende Marke darf einen duzenden Kommentierenden zurückduzen (`mirror_du`,
/// standardmäßig an) – siezen bleibt dort ebenfalls in Ordnung.
///
/// ## Warum ist das schlecht?
/// Die Anrede gehört zur Marke. Wer einen förmlich schreibenden Kunden duzt, wirkt anbiedernd; wer in der
/// Community einer Du-Marke siezt, klingt kalt und behördlich. Einheitlichkeit macht eine Stimme erkennbar.
///
/// ## Beispiel
/// ```text
/// (Markenstimme: Sie) Schreib uns gern eine DM!
/// ```
///
/// ## Besser
/// ```text
/// Schreiben Sie uns gern eine DM!
/// ```
pub struct WrongFormOfAddress;

impl Rule for WrongFormOfAddress {
    fn id(&self) -> &'static str {
        "wrong-form-of-address"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Brand
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let (du, sie) = draft.address_forms();
        let expected = ctx.voice.address_for(comment(ctx).and_then(|a| a.address));
        // Sie is always polite enough unless the brand itself duzt; du needs the brand's (or the mirrored) du.
        let wrong = match (expected, du.is_empty(), sie.is_empty()) {
            (Address::Sie, false, true) => du.first(),
            (Address::Du, true, false) if ctx.voice.address == Address::Du => sie.first(),
            _ => None,
        };
        let Some(span) = wrong else {
            return Vec::new();
        };
        let (want, got) = match expected {
            Address::Sie => ("Sie", "du"),
            Address::Du => ("du", "Sie"),
        };
        vec![draft.lint(
            self,
            *span,
            &format!("Der Entwurf sagt {got}, die Markenstimme verlangt hier {want}."),
            &format!("The draft uses German {got}; the brand voice asks for {want} here."),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Level, Signal, Topic};
    use crate::reply::BrandVoice;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &WrongFormOfAddress,
            "Schreib uns gern, wir helfen dir.",
            &ctx(),
        );
        let du_brand = ctx().with_voice(BrandVoice::new("Kiez Kaffee").with_address(Address::Du));
        assert_lint(
            &WrongFormOfAddress,
            "Schreiben Sie uns gern, wir helfen Ihnen.",
            &du_brand,
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &WrongFormOfAddress,
            "Schreiben Sie uns gern, wir helfen Ihnen.",
            &ctx(),
        );
        // the commenter used du: mirroring is allowed
        let mut c = answering(Lang::De, &[Signal::Question], Topic::Other, Level::Respond);
        if let Some(a) = c.analysis.as_mut() {
            a.address = Some(Address::Du);
        }
        assert_no_lint(&WrongFormOfAddress, "Schreib uns gern, wir helfen dir.", &c);
    }
    #[test]
    fn en_bad() {
        // English has no du/Sie: a German draft in an English-speaking context is still checked
        assert_lint(
            &WrongFormOfAddress,
            "Wir helfen dir gern.",
            &ctx().with_lang(Some(Lang::De)),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(&WrongFormOfAddress, "We're happy to help you.", &ctx());
    }
}
