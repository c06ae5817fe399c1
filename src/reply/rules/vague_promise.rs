use super::{Rule, Stakes, gives_concrete_step, lint_matches, stakes};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags promises without a time: "we're looking into it", "wir kümmern uns", "as soon as possible",
/// "zeitnah" – when the draft names no time frame anywhere (today, by Friday, within 24 hours).
///
/// A *warning* when the draft gives the customer nothing concrete either (no private channel, link,
/// request or question) and the comment is unknown or reports harm, loss, distress or a fault; otherwise a
/// *hint*.
///
/// ## Why is this bad?
/// "We're on it" with no when is what customers have heard before things went quiet. In a crisis, vague
/// promises are quoted back a day later ("still waiting for your 'zeitnah'"). A time frame makes the
/// promise checkable – and believable.
///
/// ## Example
/// ```text
/// We're looking into it and will get back to you as soon as possible.
/// ```
///
/// ## Use instead
/// ```text
/// I've asked our warehouse and will get back to you by tomorrow, 12 noon.
/// ```
///
/// ## Was es findet
/// Versprechen ohne Zeitangabe: „wir kümmern uns“, „wir schauen uns das an“, „zeitnah“,
/// „schnellstmöglich“ – wenn der Entwurf nirgends einen Zeitrahmen nennt (heute, bis Freitag, innerhalb von
/// 24 Stunden).
///
/// Eine *Warnung*, wenn der Entwurf dem Kunden auch sonst nichts Konkretes gibt (keinen privaten Kanal,
/// Link, keine Bitte, keine Frage) und der Kommentar unbekannt ist oder Schaden, Verlust, Not oder einen
/// Fehler berichtet; sonst ein *Hinweis*.
///
/// ## Warum ist das schlecht?
/// „Wir kümmern uns“ ohne Wann haben Kunden schon gehört, bevor es still wurde. In der Krise werden vage
/// Versprechen am nächsten Tag zitiert („warte immer noch auf Ihr ‚zeitnah‘“). Ein Zeitrahmen macht das
/// Versprechen überprüfbar – und glaubwürdig.
///
/// ## Beispiel
/// ```text
/// Wir kümmern uns darum und melden uns zeitnah.
/// ```
///
/// ## Besser
/// ```text
/// Ich habe im Lager nachgefragt und melde mich bis morgen, 12 Uhr.
/// ```
pub struct VaguePromise;

impl Rule for VaguePromise {
    fn id(&self) -> &'static str {
        "vague-promise"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Clarity
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    /// The highest severity; see the rule's documentation for when it is a hint.
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if draft.has(Lex::TimeFrame) {
            return Vec::new();
        }
        let mild = gives_concrete_step(draft)
            || (ctx.comment_analysis().is_some() && stakes(ctx) == Stakes::Mild);
        let mut lints = lint_matches(
            self,
            draft,
            Lex::VaguePromise,
            "„{}“ sagt nicht, wann. Nennen Sie einen Zeitrahmen (heute, bis Freitag, innerhalb von 24 Stunden).",
            "\"{}\" does not say when. Give a time frame (today, by Friday, within 24 hours).",
        );
        if mild {
            for l in &mut lints {
                l.severity = Severity::Hint;
            }
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
        assert_lint(
            &VaguePromise,
            "Wir kümmern uns darum und melden uns zeitnah.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &VaguePromise,
            "Ich habe im Lager nachgefragt und melde mich bis morgen, 12 Uhr.",
            &ctx(),
        );
        assert_no_lint(
            &VaguePromise,
            "Wir kümmern uns darum und melden uns heute noch.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &VaguePromise,
            "We're looking into it and will get back to you as soon as possible.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &VaguePromise,
            "I've asked our warehouse and will get back to you by tomorrow, 12 noon.",
            &ctx(),
        );
    }
}
