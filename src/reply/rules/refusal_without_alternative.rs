use super::{Rule, gives_concrete_step, lint_spans};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a refusal ("that's not possible", "we can't refund", "no exchange") when the draft offers no
/// alternative (instead, a voucher, a repair, "what we can do is …") and no next step.
///
/// ## Why is this bad?
/// A bare "no" in public ends the conversation for the customer and starts it for everyone else. Even when
/// the answer has to be no, there is almost always something the company can offer – an explanation, a
/// partial solution, a contact.
///
/// ## Example
/// ```text
/// Unfortunately a refund is not possible.
/// ```
///
/// ## Use instead
/// ```text
/// A refund isn't possible after 60 days, I'm sorry – but we can repair the blender free of charge. Shall I
/// send you the return label?
/// ```
///
/// ## Was es findet
/// Eine Ablehnung („das ist leider nicht möglich“, „wir können nicht erstatten“, „kein Umtausch“), wenn der
/// Entwurf keine Alternative (stattdessen, Gutschein, Reparatur, „was wir tun können …“) und keinen
/// nächsten Schritt anbietet.
///
/// ## Warum ist das schlecht?
/// Ein nacktes „Nein“ beendet das Gespräch für den Kunden und eröffnet es für alle anderen. Auch wenn die
/// Antwort Nein sein muss, gibt es fast immer etwas anzubieten – eine Erklärung, eine Teillösung, einen
/// Kontakt.
///
/// ## Beispiel
/// ```text
/// Eine Erstattung ist leider nicht möglich.
/// ```
///
/// ## Besser
/// ```text
/// Nach 60 Tagen können wir leider nicht mehr erstatten – den Mixer reparieren wir aber kostenlos. Soll ich
/// Ihnen das Rücksendeetikett schicken?
/// ```
pub struct RefusalWithoutAlternative;

/// Words after a refusal phrase that make it an idiom ("can't wait", "kann es kaum erwarten" needs no
/// entry: it does not match a refusal).
const NOT_REFUSING: [&str; 4] = ["wait", "thank", "believe", "stop"];

impl Rule for RefusalWithoutAlternative {
    fn id(&self) -> &'static str {
        "refusal-without-alternative"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Clarity
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        if draft.has(Lex::Alternative)
            || draft.has(Lex::NextStep)
            || draft.has(Lex::HelpOffer)
            || gives_concrete_step(draft)
        {
            return Vec::new();
        }
        // "can't wait", "can't thank you enough": the negation is no refusal
        let spans = draft.find(Lex::Refusal).into_iter().filter(|m| {
            !draft
                .next_word(m.span.end)
                .is_some_and(|w| NOT_REFUSING.contains(&w))
        });
        lint_spans(
            self,
            draft,
            spans.map(|m| m.span),
            "„{}“ lehnt ab, ohne eine Alternative oder einen nächsten Schritt anzubieten.",
            "\"{}\" refuses without offering an alternative or a next step.",
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
            &RefusalWithoutAlternative,
            "Eine Erstattung ist leider nicht möglich.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &RefusalWithoutAlternative,
            "Nach 60 Tagen ist eine Erstattung leider nicht möglich – den Mixer reparieren wir aber kostenlos, Reparatur inklusive Versand.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &RefusalWithoutAlternative,
            "Unfortunately a refund is not possible.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &RefusalWithoutAlternative,
            "A refund isn't possible after 60 days, I'm sorry – but we can repair the blender free of charge instead.",
            &ctx(),
        );
    }
    /// What the company can do instead, introduced by "however" / "aber": an alternative in both languages.
    #[test]
    fn what_can_be_done_instead_is_an_alternative() {
        assert_no_lint(
            &RefusalWithoutAlternative,
            "Hiding the list isn't possible at the moment, however we can certainly forward the request to our developers.",
            &ctx(),
        );
        assert_no_lint(
            &RefusalWithoutAlternative,
            "Die Liste auszublenden ist derzeit nicht möglich, allerdings können wir den Wunsch an unsere Entwickler weitergeben.",
            &ctx(),
        );
        assert_lint(
            &RefusalWithoutAlternative,
            "Hiding the list isn't possible at the moment.",
            &ctx(),
        );
        assert_lint(
            &RefusalWithoutAlternative,
            "Die Liste auszublenden ist derzeit nicht möglich.",
            &ctx(),
        );
    }
}
