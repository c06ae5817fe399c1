use super::{Rule, reports_problem};
use crate::model::Span;
use crate::reply::draft::{Draft, fix};
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// Exclamation marks in a draft above which the reply reads as agitated (one per short reply is friendly).
const MAX_EXCLAMATIONS: usize = 2;

/// ## What it does
/// Flags runs of exclamation marks ("!!!", "?!") and drafts with more than two exclamation marks.
///
/// ## Why is this bad?
/// Exclamation marks raise the volume. In a heated thread they read as shouting or as forced cheerfulness,
/// and they make the company sound as agitated as the angriest commenter. One is friendly; three are a
/// raised voice.
///
/// ## Example
/// ```text
/// We are working on it!!!
/// ```
///
/// ## Use instead
/// ```text
/// We are working on it.
/// ```
///
/// ## Was es findet
/// Ketten von Ausrufezeichen („!!!“, „?!“) und Entwürfe mit mehr als zwei Ausrufezeichen.
///
/// ## Warum ist das schlecht?
/// Ausrufezeichen machen lauter. In einem aufgeheizten Thread wirken sie wie Schreien oder wie aufgesetzte
/// Fröhlichkeit, und das Unternehmen klingt so aufgeregt wie der wütendste Kommentar. Eines ist freundlich,
/// drei sind eine erhobene Stimme.
///
/// ## Beispiel
/// ```text
/// Wir arbeiten daran!!!
/// ```
///
/// ## Besser
/// ```text
/// Wir arbeiten daran.
/// ```
pub struct ExcessiveExclamation;

impl Rule for ExcessiveExclamation {
    fn id(&self) -> &'static str {
        "excessive-exclamation"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let mut lints = self.marks(draft);
        // cheerful banter under praise or a question is not agitation
        if ctx.comment_analysis().is_some() && !reports_problem(ctx) {
            for l in &mut lints {
                l.severity = Severity::Hint;
            }
        }
        lints
    }
}

impl ExcessiveExclamation {
    fn marks(&self, draft: &Draft) -> Vec<Lint> {
        let text = draft.text;
        let mut lints = Vec::new();
        let mut singles = Vec::new();
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'!' || (b[i] == b'?' && b.get(i + 1) == Some(&b'!')) {
                let start = i;
                while i < b.len() && (b[i] == b'!' || b[i] == b'?') {
                    i += 1;
                }
                let span = Span::new(start, i);
                if span.len() >= 2 {
                    let mut l = draft.lint(
                        self,
                        span,
                        &format!("„{}“ wirkt laut und aufgeregt.", span.slice(text)),
                        &format!("\"{}\" reads as loud and agitated.", span.slice(text)),
                    );
                    l.fixes.push(fix(
                        draft.msg("Durch einen Punkt ersetzen", "Replace with a full stop"),
                        span,
                        ".",
                        Applicability::Safe,
                    ));
                    lints.push(l);
                } else {
                    singles.push(span);
                }
                continue;
            }
            i += 1;
        }
        if lints.is_empty()
            && singles.len() > MAX_EXCLAMATIONS
            && let Some(span) = singles.get(MAX_EXCLAMATIONS)
        {
            lints.push(draft.lint(
                self,
                *span,
                &format!(
                    "{} Ausrufezeichen – mehr als {MAX_EXCLAMATIONS} wirken aufgeregt.",
                    singles.len()
                ),
                &format!(
                    "{} exclamation marks – more than {MAX_EXCLAMATIONS} read as agitated.",
                    singles.len()
                ),
            ));
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
            &ExcessiveExclamation,
            "Wir arbeiten daran!!! Wirklich?!",
            &ctx(),
            "Wir arbeiten daran. Wirklich.",
        );
        assert_lint(
            &ExcessiveExclamation,
            "Danke! Super! Toll! Bis bald!",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ExcessiveExclamation,
            "Danke für Ihre Geduld! Wir melden uns morgen.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_fix_result(
            &ExcessiveExclamation,
            "We are working on it!!!",
            &ctx(),
            "We are working on it.",
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ExcessiveExclamation,
            "Thanks for your patience! We'll be in touch tomorrow.",
            &ctx(),
        );
    }
}
