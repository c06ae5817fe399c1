use super::{Rule, is_serious};
use crate::model::Span;
use crate::reply::draft::{Draft, fix};
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags emoji and emoticons in a reply to a serious comment: a safety problem, a legal threat, a privacy
/// breach, a public pile-on, or a bereavement.
///
/// ## Why is this bad?
/// A smiley next to "your child was hurt by our product" or "my father passed away" reads as mockery, no
/// matter how friendly it was meant. Serious cases need a serious register. Emoji are fine in light
/// conversations – this rule only fires when the comment is serious.
///
/// ## Example
/// ```text
/// Oh no, we're sorry about the burn 😕 Please contact us!
/// ```
///
/// ## Use instead
/// ```text
/// We're very sorry you were hurt. Please contact us by direct message so we can look into it right away.
/// ```
///
/// ## Was es findet
/// Emoji und Emoticons in einer Antwort auf einen ernsten Kommentar: Sicherheitsproblem, rechtliche
/// Drohung, Datenschutzvorfall, öffentliche Empörungswelle oder Trauerfall.
///
/// ## Warum ist das schlecht?
/// Ein Smiley neben „Ihr Kind hat sich an unserem Produkt verletzt“ oder „mein Vater ist verstorben“ wirkt
/// wie Spott, egal wie freundlich gemeint. Ernste Fälle brauchen einen ernsten Ton. In lockeren Gesprächen
/// sind Emoji in Ordnung – die Regel greift nur bei ernsten Kommentaren.
///
/// ## Beispiel
/// ```text
/// Oh nein, das mit der Verbrennung tut uns leid 😕 Melden Sie sich!
/// ```
///
/// ## Besser
/// ```text
/// Es tut uns sehr leid, dass Sie sich verletzt haben. Bitte schreiben Sie uns eine Direktnachricht, damit
/// wir dem sofort nachgehen.
/// ```
pub struct EmojiInSeriousCase;

/// The emoji's span widened by one preceding space, so removing it leaves clean text.
pub(crate) fn with_leading_space(text: &str, span: Span) -> Span {
    if span.start > 0 && text.as_bytes().get(span.start - 1) == Some(&b' ') {
        Span::new(span.start - 1, span.end)
    } else {
        span
    }
}

impl Rule for EmojiInSeriousCase {
    fn id(&self) -> &'static str {
        "emoji-in-serious-case"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if !is_serious(ctx) {
            return Vec::new();
        }
        draft
            .emoji()
            .map(|span| {
                let mut l = draft.lint(
                    self,
                    span,
                    "Emoji in einer Antwort auf einen ernsten Fall wirken respektlos.",
                    "Emoji in a reply to a serious case read as disrespectful.",
                );
                l.fixes.push(fix(
                    draft.msg("Emoji entfernen", "Remove the emoji"),
                    with_leading_space(draft.text, span),
                    "",
                    Applicability::Safe,
                ));
                l
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Level, Signal, Topic};
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        let c = answering(
            Lang::De,
            &[Signal::Safety],
            Topic::ProductQuality,
            Level::Escalate,
        );
        assert_fix_result(
            &EmojiInSeriousCase,
            "Das tut uns sehr leid 😕 Bitte melden Sie sich.",
            &c,
            "Das tut uns sehr leid Bitte melden Sie sich.",
        );
        let grief = answering_text(
            "Mein Vater ist letzte Woche verstorben.",
            Lang::De,
            &[],
            &[],
        );
        assert_lint(&EmojiInSeriousCase, "Herzliches Beileid :)", &grief);
    }
    #[test]
    fn de_good() {
        let c = answering(
            Lang::De,
            &[Signal::Safety],
            Topic::ProductQuality,
            Level::Escalate,
        );
        assert_no_lint(&EmojiInSeriousCase, "Das tut uns sehr leid.", &c);
        let praise = answering(Lang::De, &[Signal::Praise], Topic::Other, Level::Monitor);
        assert_no_lint(&EmojiInSeriousCase, "Danke, das freut uns 😊", &praise);
    }
    #[test]
    fn en_bad() {
        let c = answering(Lang::En, &[Signal::Legal], Topic::Billing, Level::Escalate);
        assert_lint(&EmojiInSeriousCase, "We're on it 👍", &c);
    }
    #[test]
    fn en_good() {
        let c = answering(Lang::En, &[Signal::Legal], Topic::Billing, Level::Escalate);
        assert_no_lint(
            &EmojiInSeriousCase,
            "We take this seriously. Please send us a direct message.",
            &c,
        );
    }
}
