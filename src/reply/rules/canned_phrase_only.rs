use super::{Rule, comment, reports_problem};
use crate::model::Signal;
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Words besides stock phrases, greetings and the signature below which a reply says nothing of its own.
const MIN_OWN_WORDS: usize = 5;

/// ## What it does
/// Flags a reply made only of stock phrases – "Thanks for your feedback", "We take your feedback seriously",
/// "Kind regards, your team" – with fewer than five words of its own.
///
/// ## Why is this bad?
/// Canned replies tell the commenter that nobody read their comment. Under a real complaint they provoke
/// the answer "did a bot write this?" and make the next comment angrier. Say one specific thing about their
/// case.
///
/// ## Example
/// ```text
/// Thank you for your feedback! Your feedback is important to us. Kind regards, the team
/// ```
///
/// ## Use instead
/// ```text
/// Thanks – you're right, the size chart on the product page is wrong. We'll correct it today.
/// ```
///
/// ## Was es findet
/// Eine Antwort nur aus Floskeln – „Danke für Ihr Feedback“, „Wir nehmen Ihr Feedback ernst“, „Viele Grüße,
/// Ihr Team“ – mit weniger als fünf eigenen Wörtern.
///
/// ## Warum ist das schlecht?
/// Standardantworten sagen dem Kommentierenden, dass niemand seinen Kommentar gelesen hat. Unter einer
/// echten Beschwerde provozieren sie „Hat das ein Bot geschrieben?“ und machen den nächsten Kommentar
/// wütender. Sagen Sie eine konkrete Sache zu seinem Fall.
///
/// ## Beispiel
/// ```text
/// Vielen Dank für Ihr Feedback! Ihre Zufriedenheit liegt uns am Herzen. Viele Grüße, Ihr Team
/// ```
///
/// ## Besser
/// ```text
/// Danke – Sie haben recht, die Größentabelle auf der Produktseite stimmt nicht. Wir korrigieren sie heute.
/// ```
pub struct CannedPhraseOnly;

impl Rule for CannedPhraseOnly {
    fn id(&self) -> &'static str {
        "canned-phrase-only"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Empathy
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let canned = draft.find(Lex::Canned);
        // a short stock thank-you is the right answer to thanks and praise
        let thanked =
            comment(ctx).is_some_and(|a| a.has_signal(Signal::Praise)) && !reports_problem(ctx);
        if canned.is_empty() || thanked {
            return Vec::new();
        }
        let mut covered = vec![false; draft.word_count()];
        let mut mark = |a: usize, b: usize| {
            for c in covered.iter_mut().take(b).skip(a) {
                *c = true;
            }
        };
        for m in canned
            .iter()
            .chain(draft.find(Lex::FormalCue).iter())
            .chain(draft.find(Lex::InformalCue).iter())
        {
            mark(m.words.0, m.words.1);
        }
        // the signature and the brand name are not content
        let words = draft.words();
        let sig_start = ctx
            .voice
            .signature
            .as_deref()
            .filter(|s| draft.ends_with(s))
            .map(|s| draft.text.trim_end().len() - s.trim().len());
        let brand: Vec<String> = ctx
            .voice
            .company
            .split_whitespace()
            .map(crate::text::fold)
            .collect();
        for (i, c) in covered.iter_mut().enumerate() {
            let Some(t) = words.token(i) else { continue };
            if sig_start.is_some_and(|s| t.span.start >= s)
                || brand.iter().any(|b| b == words.norm(i))
            {
                *c = true;
            }
        }
        let own = covered.iter().filter(|c| !**c).count();
        if own >= MIN_OWN_WORDS {
            return Vec::new();
        }
        vec![draft.lint(
            self,
            draft.whole(),
            "Die Antwort besteht nur aus Floskeln. Sagen Sie etwas Konkretes zum Fall.",
            "The reply is only stock phrases. Say something specific about the case.",
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::BrandVoice;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &CannedPhraseOnly,
            "Vielen Dank für Ihr Feedback! Ihre Zufriedenheit liegt uns am Herzen. Viele Grüße, Ihr Team",
            &ctx(),
        );
        assert_lint(
            &CannedPhraseOnly,
            "Danke für Ihr Feedback! Ihr Team von Müller Haustechnik",
            &ctx().with_voice(BrandVoice::new("Müller Haustechnik")),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &CannedPhraseOnly,
            "Danke für Ihr Feedback – Sie haben recht, die Größentabelle stimmt nicht. Wir korrigieren sie heute.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &CannedPhraseOnly,
            "Thank you for your feedback! Your feedback is important to us. Kind regards, the team",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &CannedPhraseOnly,
            "Thanks for the feedback – you're right, the size chart on the product page is wrong. We'll correct it today.",
            &ctx(),
        );
    }
}
