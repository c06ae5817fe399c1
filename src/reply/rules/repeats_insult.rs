use super::{Rule, comment_insult_words};
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags words from the comment's insults or swearing that the reply repeats: "We are not 'scammers'",
/// "Calling us idiots won't help". Needs the comment's text.
///
/// ## Why is this bad?
/// Repeating an insult – even to deny it – puts it in the brand's own voice and doubles its reach: "X is not
/// a scam" is remembered as "X scam". Respond to the concern behind it, not to the word.
///
/// ## Example
/// ```text
/// (comment: "You're a bunch of scammers and idiots")
/// We are not scammers and certainly not idiots.
/// ```
///
/// ## Use instead
/// ```text
/// I can tell you're very angry. If something went wrong with your order, send us a DM and we'll look at it
/// today.
/// ```
///
/// ## Was es findet
/// Wörter aus den Beleidigungen oder Kraftausdrücken des Kommentars, die die Antwort wiederholt: „Wir sind
/// keine Betrüger“, „Uns als Idioten zu bezeichnen, hilft nicht“. Braucht den Text des Kommentars.
///
/// ## Warum ist das schlecht?
/// Wer eine Beleidigung wiederholt – selbst um sie zu bestreiten –, spricht sie mit der Stimme der Marke aus
/// und verdoppelt ihre Reichweite: „X ist kein Betrug“ bleibt als „X Betrug“ hängen. Antworten Sie auf das
/// Anliegen dahinter, nicht auf das Wort.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Ihr seid ein Haufen Betrüger und Idioten“)
/// Wir sind keine Betrüger und schon gar keine Idioten.
/// ```
///
/// ## Besser
/// ```text
/// Sie sind sehr verärgert, das lese ich. Wenn bei Ihrer Bestellung etwas schiefging, schreiben Sie uns eine
/// DM – wir sehen es uns heute an.
/// ```
pub struct RepeatsInsult;

impl Rule for RepeatsInsult {
    fn id(&self) -> &'static str {
        "repeats-insult"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let insults = comment_insult_words(ctx);
        if insults.is_empty() {
            return Vec::new();
        }
        let words = draft.words();
        let mut out = Vec::new();
        for i in 0..words.len() {
            let n = words.norm(i);
            if !insults
                .iter()
                .any(|w| n == w || (n.len() > w.len() + 2 && n.starts_with(w.as_str())))
            {
                continue;
            }
            let Some(t) = words.token(i) else { continue };
            let q = t.span.slice(draft.text);
            out.push(draft.lint(
                self,
                t.span,
                &format!(
                    "„{q}“ wiederholt die Beleidigung aus dem Kommentar. Antworten Sie auf das Anliegen, nicht auf das Wort."
                ),
                &format!(
                    "\"{q}\" repeats the comment's insult. Respond to the concern, not to the word."
                ),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Lang};
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        let c = answering_text(
            "Ihr seid ein Haufen Idioten",
            Lang::De,
            &[],
            &[Category::Insult],
        );
        assert_lint(&RepeatsInsult, "Wir sind ganz sicher keine Idioten.", &c);
    }
    #[test]
    fn de_good() {
        let c = answering_text(
            "Ihr seid ein Haufen Idioten",
            Lang::De,
            &[],
            &[Category::Insult],
        );
        assert_no_lint(
            &RepeatsInsult,
            "Sie sind sehr verärgert, das lese ich. Schreiben Sie uns eine DM.",
            &c,
        );
    }
    #[test]
    fn en_bad() {
        let c = answering_text(
            "You are pathetic clowns",
            Lang::En,
            &[],
            &[Category::Insult],
        );
        assert_lint(&RepeatsInsult, "We are not pathetic.", &c);
    }
    #[test]
    fn en_good() {
        let c = answering_text(
            "You are pathetic clowns",
            Lang::En,
            &[],
            &[Category::Insult],
        );
        assert_no_lint(
            &RepeatsInsult,
            "I can tell you're very angry. Send us a DM and we'll look at it today.",
            &c,
        );
    }
}
