use super::{Rule, is_serious, lint_matches};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags jokes and laughter ("haha", "lol", "just kidding", "kleiner Scherz") in a reply to a serious
/// comment: safety, legal, privacy, a public pile-on or bereavement.
///
/// ## Why is this bad?
/// Humour is a great brand voice on a good day. In a serious case it signals that the company does not
/// grasp what is at stake for the person, and it is quoted back for years.
///
/// ## Example
/// ```text
/// Haha, sounds like our kettle has a temper! Just kidding – send us a message.
/// ```
///
/// ## Use instead
/// ```text
/// A kettle must never do that. Please stop using it and send us a direct message so we can help today.
/// ```
///
/// ## Was es findet
/// Witze und Lachen („haha“, „lol“, „kleiner Scherz“, „Spaß beiseite“) in einer Antwort auf einen ernsten
/// Kommentar: Sicherheit, Recht, Datenschutz, Empörungswelle oder Trauerfall.
///
/// ## Warum ist das schlecht?
/// Humor ist an guten Tagen eine schöne Markenstimme. Im ernsten Fall zeigt er, dass das Unternehmen nicht
/// begreift, was für den Menschen auf dem Spiel steht – und er wird jahrelang zitiert.
///
/// ## Beispiel
/// ```text
/// Haha, unser Wasserkocher hat wohl Temperament! Kleiner Scherz – schreiben Sie uns.
/// ```
///
/// ## Besser
/// ```text
/// Das darf bei einem Wasserkocher nicht passieren. Bitte benutzen Sie ihn nicht weiter und schreiben Sie uns
/// eine Direktnachricht, damit wir heute helfen können.
/// ```
pub struct JokeInSeriousCase;

impl Rule for JokeInSeriousCase {
    fn id(&self) -> &'static str {
        "joke-in-serious-case"
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
        lint_matches(
            self,
            draft,
            Lex::Joke,
            "„{}“ – Witze passen nicht zu einem ernsten Fall.",
            "\"{}\" – jokes do not fit a serious case.",
        )
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
        assert_lint(
            &JokeInSeriousCase,
            "Haha, unser Wasserkocher hat wohl Temperament! Kleiner Scherz.",
            &c,
        );
    }
    #[test]
    fn de_good() {
        let c = answering(
            Lang::De,
            &[Signal::Safety],
            Topic::ProductQuality,
            Level::Escalate,
        );
        assert_no_lint(
            &JokeInSeriousCase,
            "Das darf bei einem Wasserkocher nicht passieren. Bitte benutzen Sie ihn nicht weiter.",
            &c,
        );
        assert_no_lint(&JokeInSeriousCase, "Haha, danke dir!", &ctx());
    }
    #[test]
    fn en_bad() {
        let grief = answering_text("My mother passed away last month.", Lang::En, &[], &[]);
        assert_lint(&JokeInSeriousCase, "Lol, we'll sort it out.", &grief);
    }
    #[test]
    fn en_good() {
        let grief = answering_text("My mother passed away last month.", Lang::En, &[], &[]);
        assert_no_lint(
            &JokeInSeriousCase,
            "We're so sorry for your loss. We'll close the account for you, no paperwork needed.",
            &grief,
        );
    }
}
