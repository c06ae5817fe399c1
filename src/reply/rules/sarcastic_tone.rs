use super::{Rule, comment, lint_matches, reports_problem};
use crate::model::Signal;
use crate::model::{Facet, Modifier};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Irony markers from the analyser count from this weight on: weaker ones ("exactly", "great") are everyday
/// words in a sincere reply; the strong ones ("exactly what I needed", "na super") are not.
const MIN_IRONY_WEIGHT: f32 = 2.0;

/// ## What it does
/// Flags sarcasm and irony: "congratulations, you found the one bug", "wow, thanks for the lovely
/// feedback", "na toll", and the strong irony markers the analyser finds in the draft.
///
/// ## Why is this bad?
/// Sarcasm does not survive a screenshot. Out of context it reads as contempt from the company, and it is
/// exactly the kind of reply that goes viral for the wrong reasons. Say what you mean, plainly.
///
/// ## Example
/// ```text
/// Wow, thanks for the lovely feedback. Congratulations on finding the one bug.
/// ```
///
/// ## Use instead
/// ```text
/// Thanks for pointing this out – you're right, that's a bug. Our team is fixing it this week.
/// ```
///
/// ## Was es findet
/// Sarkasmus und Ironie: „herzlichen Glückwunsch, Sie haben den einzigen Fehler gefunden“, „na toll“,
/// „vielen Dank für das nette Feedback“ (ironisch), dazu die starken Ironie-Marker, die der Analyser im Entwurf findet.
///
/// ## Warum ist das schlecht?
/// Sarkasmus überlebt keinen Screenshot. Ohne Zusammenhang liest er sich als Verachtung des Unternehmens –
/// genau die Art Antwort, die aus den falschen Gründen viral geht. Sagen Sie klar, was Sie meinen.
///
/// ## Beispiel
/// ```text
/// Na toll. Herzlichen Glückwunsch, Sie haben den einzigen Fehler gefunden.
/// ```
///
/// ## Besser
/// ```text
/// Danke für den Hinweis – Sie haben recht, das ist ein Fehler. Unser Team behebt ihn diese Woche.
/// ```
pub struct SarcasticTone;

impl Rule for SarcasticTone {
    fn id(&self) -> &'static str {
        "sarcastic-tone"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let (de, en) = (
            "„{}“ klingt sarkastisch. Sagen Sie klar und freundlich, was Sie meinen.",
            "\"{}\" sounds sarcastic. Say what you mean, plainly and kindly.",
        );
        // "Congrats on the upgrade!" under good news is sincere; under a complaint it mocks
        let good_news =
            comment(ctx).is_some_and(|a| a.has_signal(Signal::Praise)) && !reports_problem(ctx);
        let mut lints = if good_news {
            Vec::new()
        } else {
            lint_matches(self, draft, Lex::Sarcasm, de, en)
        };
        for e in &draft.analysis.evidence {
            if e.facet == Facet::Modifier(Modifier::Irony)
                && e.weight >= MIN_IRONY_WEIGHT
                && !lints
                    .iter()
                    .any(|l| l.span.start < e.span.end && e.span.start < l.span.end)
            {
                let q = e.span.slice(draft.text);
                lints.push(draft.lint(self, e.span, &de.replace("{}", q), &en.replace("{}", q)));
            }
        }
        lints.sort_by_key(|l| l.span.start);
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
            &SarcasticTone,
            "Herzlichen Glückwunsch, Sie haben den einzigen Fehler gefunden.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &SarcasticTone,
            "Danke für den Hinweis – Sie haben recht, das ist ein Fehler.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &SarcasticTone,
            "Wow, thanks for the lovely feedback. Congratulations on finding the one bug.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &SarcasticTone,
            "Thanks for pointing this out – you're right, that's a bug.",
            &ctx(),
        );
    }
}
