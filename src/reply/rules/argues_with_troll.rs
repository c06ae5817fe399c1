use super::{Rule, TROLL_CATEGORIES, acknowledges, brings_a_case};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Sentences above which a reply to an attack is a debate, not a boundary.
const MAX_TROLL_SENTENCES: usize = 3;

/// ## What it does
/// Flags a point-by-point rebuttal ("firstly …, secondly …", "your claim is false", "to set the record
/// straight") or a long reply (more than three sentences) to a comment that attacks rather than complains:
/// insults, slurs, harassment, threats, spam. A long reply that apologises, acknowledges or offers help
/// (in private) de-escalates and is not flagged for its length. Needs the comment.
///
/// ## Why is this bad?
/// Trolls want attention and an audience. Each rebutted point is a new hook, and a long public debate
/// lifts the attack to the top of the thread. One calm sentence that sets a boundary – or moderation
/// under the community rules – does more.
///
/// ## Example
/// ```text
/// Firstly, our products are not junk. Secondly, your claim about our staff is false. Thirdly, …
/// ```
///
/// ## Use instead
/// ```text
/// We're happy to discuss criticism; insults we remove under our community rules.
/// ```
///
/// ## Was es findet
/// Eine Widerlegung Punkt für Punkt („erstens …, zweitens …“, „Ihre Behauptung ist falsch“,
/// „richtigstellen“) oder eine lange Antwort (mehr als drei Sätze) auf einen Kommentar, der angreift statt
/// sich zu beschweren: Beleidigung, Hetze, Belästigung, Drohung, Spam. Eine lange Antwort, die sich
/// entschuldigt, anerkennt oder (privat) Hilfe anbietet, deeskaliert und wird für ihre Länge nicht markiert.
/// Braucht den Kommentar.
///
/// ## Warum ist das schlecht?
/// Trolle wollen Aufmerksamkeit und Publikum. Jeder widerlegte Punkt ist ein neuer Haken, und eine lange
/// öffentliche Debatte hebt den Angriff an die Spitze des Threads. Ein ruhiger Satz, der eine Grenze zieht –
/// oder Moderation nach den Community-Regeln –, wirkt mehr.
///
/// ## Beispiel
/// ```text
/// Erstens sind unsere Produkte kein Schrott. Zweitens ist Ihre Behauptung über unser Personal falsch.
/// ```
///
/// ## Besser
/// ```text
/// Kritik diskutieren wir gern, Beleidigungen entfernen wir nach unseren Community-Regeln.
/// ```
pub struct ArguesWithTroll;

impl Rule for ArguesWithTroll {
    fn id(&self) -> &'static str {
        "argues-with-troll"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Moderation
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let attacked = ctx
            .comment_analysis()
            .is_some_and(|a| TROLL_CATEGORIES.iter().any(|c| a.has_category(*c)));
        if !attacked || brings_a_case(ctx) {
            return Vec::new();
        }
        let points = draft.find(Lex::Enumeration);
        let sentences = draft.sentence_count();
        if let Some(first) = points.first() {
            let q = first.span.slice(draft.text);
            return vec![draft.lint(
                self,
                first.span,
                &format!(
                    "„{q}“ – eine Widerlegung Punkt für Punkt gibt einem Angriff Bühne. Ein ruhiger Satz, der eine Grenze zieht, reicht."
                ),
                &format!(
                    "\"{q}\" – a point-by-point rebuttal gives an attack a stage. One calm sentence that sets a boundary is enough."
                ),
            )];
        }
        // a long reply that apologises, acknowledges or offers help de-escalates; it does not debate
        let de_escalates =
            acknowledges(draft) || draft.has(Lex::HelpOffer) || draft.has(Lex::PrivateChannel);
        if sentences > MAX_TROLL_SENTENCES && !de_escalates {
            return vec![draft.lint(
                self,
                draft.whole(),
                &format!(
                    "{sentences} Sätze auf einen Angriff – das wird eine Debatte. Ein ruhiger Satz, der eine Grenze zieht, reicht."
                ),
                &format!(
                    "{sentences} sentences in reply to an attack – that becomes a debate. One calm sentence that sets a boundary is enough."
                ),
            )];
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Lang};
    use crate::reply::rules::testing::*;

    fn troll(lang: Lang) -> ReplyContext {
        answering_text("…", lang, &[], &[Category::Insult])
    }

    #[test]
    fn de_bad() {
        assert_lint(
            &ArguesWithTroll,
            "Erstens sind unsere Produkte kein Schrott. Zweitens ist Ihre Behauptung falsch.",
            &troll(Lang::De),
        );
        assert_lint(
            &ArguesWithTroll,
            "Wir sehen das anders. Unsere Produkte sind geprüft. Das Personal ist geschult. Die Preise sind fair.",
            &troll(Lang::De),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ArguesWithTroll,
            "Kritik diskutieren wir gern, Beleidigungen entfernen wir nach unseren Community-Regeln.",
            &troll(Lang::De),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &ArguesWithTroll,
            "Firstly, our products are not junk. Secondly, your claim about our staff is false.",
            &troll(Lang::En),
        );
        assert_lint(
            &ArguesWithTroll,
            "We see that differently. Our products are tested. Our staff are trained. Our prices are fair.",
            &troll(Lang::En),
        );
    }
    /// The same length, but apologising and offering help in private: de-escalation, not a debate.
    #[test]
    fn long_replies_that_de_escalate_are_no_debate() {
        assert_no_lint(
            &ArguesWithTroll,
            "Das tut uns leid. Wir möchten das klären. Schreiben Sie uns bitte per Direktnachricht. Wir melden uns heute.",
            &troll(Lang::De),
        );
        assert_no_lint(
            &ArguesWithTroll,
            "We're sorry about this. We want to sort it out. Please send us a direct message. We'll reply today.",
            &troll(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ArguesWithTroll,
            "We're happy to discuss criticism; insults we remove under our community rules.",
            &troll(Lang::En),
        );
        // a point-by-point answer to a fair complaint is fine
        assert_no_lint(
            &ArguesWithTroll,
            "Firstly, sorry for the delay. Secondly, your refund is on its way.",
            &ctx(),
        );
    }
}
