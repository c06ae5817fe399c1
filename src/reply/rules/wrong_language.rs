use super::Rule;
use crate::model::Lang;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Fewest words in a draft before its language is trusted.
const MIN_WORDS: usize = 4;
/// Lowest language confidence of the comment's analysis that is trusted when its text is not given.
const MIN_COMMENT_CONFIDENCE: f32 = 0.5;

/// ## What it does
/// Flags a draft written in a different language than the comment it answers (an English reply to a
/// German comment, or the other way round). Needs the comment.
///
/// ## Why is this bad?
/// Answering in another language tells the customer the reply came from a template or a distant team,
/// and it excludes the readers who follow the thread in the commenter's language.
///
/// ## Example
/// ```text
/// (comment in German: "Wo bleibt meine Lieferung?")
/// Sorry for the delay, we'll check it today.
/// ```
///
/// ## Use instead
/// ```text
/// Entschuldigen Sie die Verzögerung, wir prüfen das heute.
/// ```
///
/// ## Was es findet
/// Einen Entwurf in einer anderen Sprache als der beantwortete Kommentar (englische Antwort auf einen
/// deutschen Kommentar oder umgekehrt). Braucht den Kommentar.
///
/// ## Warum ist das schlecht?
/// Eine Antwort in anderer Sprache sagt dem Kunden, dass sie aus einer Vorlage oder von einem fernen Team
/// stammt, und schließt Mitlesende in der Sprache des Kommentars aus.
///
/// ## Beispiel
/// ```text
/// (Kommentar auf Englisch: „Where is my delivery?“)
/// Entschuldigen Sie die Verzögerung, wir prüfen das heute.
/// ```
///
/// ## Besser
/// ```text
/// Sorry for the delay, we'll check it today.
/// ```
pub struct WrongLanguage;

impl Rule for WrongLanguage {
    fn id(&self) -> &'static str {
        "wrong-language"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Brand
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if draft.word_count() < MIN_WORDS {
            return Vec::new();
        }
        let comment_lang = match (ctx.comment.as_deref(), ctx.comment_analysis()) {
            (Some(c), _) if c.split_whitespace().count() >= MIN_WORDS => {
                Some(Draft::new(c, None).lang)
            }
            (_, Some(a)) if a.lang.confidence >= MIN_COMMENT_CONFIDENCE => Some(a.lang.code),
            _ => None,
        };
        let Some(cl) = comment_lang.filter(|l| *l != Lang::Other) else {
            return Vec::new();
        };
        if cl == draft.lang {
            return Vec::new();
        }
        let (de_name, en_name) = match cl {
            Lang::En => ("Englisch", "English"),
            _ => ("Deutsch", "German"),
        };
        vec![draft.lint(
            self,
            draft.whole(),
            &format!("Der Kommentar ist auf {de_name} – antworten Sie in seiner Sprache."),
            &format!("The comment is in {en_name} – answer in its language."),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        let c = ctx().with_comment("Where is my delivery? It has been three weeks now.");
        assert_lint(
            &WrongLanguage,
            "Entschuldigen Sie die Verzögerung, wir prüfen das heute.",
            &c,
        );
    }
    #[test]
    fn de_good() {
        let c = ctx().with_comment("Wo bleibt meine Lieferung? Ich warte jetzt seit drei Wochen.");
        assert_no_lint(
            &WrongLanguage,
            "Entschuldigen Sie die Verzögerung, wir prüfen das heute.",
            &c,
        );
    }
    #[test]
    fn en_bad() {
        let c = ctx().with_comment("Wo bleibt meine Lieferung? Ich warte jetzt seit drei Wochen.");
        assert_lint(
            &WrongLanguage,
            "Sorry for the delay, we'll check it today.",
            &c,
        );
    }
    #[test]
    fn en_good() {
        let c = ctx().with_comment("Where is my delivery? It has been three weeks now.");
        assert_no_lint(
            &WrongLanguage,
            "Sorry for the delay, we'll check it today.",
            &c,
        );
    }
}
