use super::Rule;
use crate::model::Lang;
use crate::reply::draft::Draft;
use crate::reply::lexicon::{Lex, Words, list};
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};
use crate::text::{Tokens, tokenize};

/// Fewest words in a draft before its language is trusted.
const MIN_WORDS: usize = 4;
/// Lowest language confidence of the comment's analysis that is trusted when its text is not given.
const MIN_COMMENT_CONFIDENCE: f32 = 0.5;
/// Function words a comment needs to count as German or English without a confident guess.
const MIN_FUNCTION_WORDS: usize = 2;

/// ## What it does
/// Flags a draft written in a different language than the comment it answers (an English reply to a
/// German comment, or the other way round). Needs the comment, and four words of two letters or more in
/// each (handles, numbers and part counters say nothing about a language).
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
/// deutschen Kommentar oder umgekehrt). Braucht den Kommentar und in beiden vier Wörter aus mindestens zwei
/// Buchstaben (Handles, Zahlen und Teilzähler sagen nichts über eine Sprache).
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

/// Words of at least two letters, not counting @handles: what a language can be told from ("…possible.
/// *HCK 2/2" has two).
fn letter_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| !w.starts_with('@') && w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
}

/// The comment's language when it is clearly German or English: long enough, and the analyser's guess
/// confirmed by the function words (a comment in a third language, a model name or an address has none).
fn comment_language(ctx: &ReplyContext) -> Option<Lang> {
    let text = ctx.comment.as_deref()?;
    if letter_words(text) < MIN_WORDS {
        return None;
    }
    let mut tokens = Tokens::default();
    tokenize(text, &mut tokens);
    let function_words = Words::new(text, &tokens);
    let count = |lang: Lang| function_words.find(list(Lex::FunctionWords, lang)).len();
    let (de, en) = (count(Lang::De), count(Lang::En));
    let (lang, own, other) = match ctx.comment_analysis() {
        Some(a) if a.lang.code != Lang::Other && a.lang.confidence >= MIN_COMMENT_CONFIDENCE => {
            match a.lang.code {
                Lang::En => (Lang::En, en, de),
                _ => (Lang::De, de, en),
            }
        }
        // without a confident guess, the function words alone must be clear
        _ if de >= MIN_FUNCTION_WORDS && de > 2 * en => (Lang::De, de, en),
        _ if en >= MIN_FUNCTION_WORDS && en > 2 * de => (Lang::En, en, de),
        _ => return None,
    };
    (own >= 1 && own >= other).then_some(lang)
}

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
        if letter_words(draft.text) < MIN_WORDS {
            return Vec::new();
        }
        let Some(cl) = comment_language(ctx) else {
            return Vec::new();
        };
        // a reply written in a third language is the writer's choice
        if draft.analysis.lang.code == Lang::Other
            && draft.analysis.lang.confidence >= MIN_COMMENT_CONFIDENCE
        {
            return Vec::new();
        }
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

    /// A draft too short to tell its language (a part of a split reply) is left alone, in both directions.
    #[test]
    fn drafts_without_words_to_judge_are_left_alone() {
        let en = ctx().with_comment("Where is my delivery? It has been three weeks now.");
        let de = ctx().with_comment("Wo bleibt meine Lieferung? Ich warte jetzt seit drei Wochen.");
        assert_no_lint(&WrongLanguage, "@jo_b ...possible. *Tom 2/2", &en);
        assert_no_lint(&WrongLanguage, "@jo_b ...möglich. *Tom 2/2", &de);
    }

    /// A comment in a third language or without words to judge is no reason to switch language.
    #[test]
    fn third_languages_and_model_names_are_left_alone() {
        for comment in [
            "¿Me pueden ayudar con mi pedido, por favor? No ha llegado.",
            "iPhone 7 Plus, iOS 11.1 😊",
        ] {
            let c = ctx().with_comment(comment);
            assert_no_lint(
                &WrongLanguage,
                "Sorry for the delay, we'll check it today.",
                &c,
            );
            assert_no_lint(
                &WrongLanguage,
                "Entschuldigen Sie die Verzögerung, wir prüfen das heute.",
                &c,
            );
        }
    }
}
