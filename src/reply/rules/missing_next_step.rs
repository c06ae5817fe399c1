use super::{Rule, Stakes, acknowledges, asks_back, needs_next_step, reports_problem, stakes};
use crate::model::Signal;
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Applicability, Fix, Lint, ReplyContext, RuleCategory, Severity};
use crate::text::TokenKind;

/// ## What it does
/// Flags a reply to a problem or a question that gives no concrete next step: nothing the customer can do
/// ("send us a direct message", "here's the link") and nothing the company will do ("I'll check with the
/// warehouse", "you'll receive a replacement", "we've passed this on to the team"), no time frame ("by
/// Thursday") and no question back ("Which model is it?"). A plain question is also answered by a date, a
/// number or a link. Nothing for a part of a reply split over several posts ("1/2 …", "… (2/2)"): the
/// next step may be in another part. Needs the comment being answered.
///
/// Severity follows the case: a *warning* when the comment reports harm, loss, distress or a company fault,
/// a *hint* for questions and milder problems.
///
/// ## Why is this bad?
/// Sympathy without a next step leaves the customer where they were. They will ask again, in public, and
/// readers conclude that the brand talks but does not act.
///
/// ## Example
/// ```text
/// (comment: "Where is my parcel??")
/// We're sorry to hear that and understand your frustration.
/// ```
///
/// ## Use instead
/// ```text
/// Sorry for the wait! Send us your order number by direct message and I'll check with the carrier today.
/// ```
///
/// ## Was es findet
/// Eine Antwort auf ein Problem oder eine Frage ohne konkreten nächsten Schritt: nichts, was der Kunde tun
/// kann („schreiben Sie uns eine Direktnachricht“, „hier ist der Link“), und nichts, was das Unternehmen tut
/// („ich frage im Lager nach“, „Sie erhalten Ersatz“, „wir haben das ans Team weitergegeben“), keine
/// Zeitangabe („bis Donnerstag“) und keine Rückfrage („Welches Modell ist es?“). Eine reine Frage
/// beantwortet auch ein Datum, eine Zahl oder ein Link. Nichts für einen Teil einer auf mehrere Posts
/// verteilten Antwort („1/2 …“, „… (2/2)“): Der nächste Schritt kann in einem anderen Teil stehen. Braucht
/// den beantworteten Kommentar.
///
/// Der Schweregrad folgt dem Fall: eine *Warnung*, wenn der Kommentar einen Schaden, einen Verlust, Not oder
/// einen Fehler des Unternehmens berichtet, ein *Hinweis* bei Fragen und milderen Problemen.
///
/// ## Warum ist das schlecht?
/// Mitgefühl ohne nächsten Schritt lässt den Kunden, wo er war. Er fragt erneut, öffentlich, und Mitlesende
/// schließen, dass die Marke redet, aber nicht handelt.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Wo bleibt mein Paket??“)
/// Das tut uns leid, wir verstehen Ihren Ärger.
/// ```
///
/// ## Besser
/// ```text
/// Entschuldigen Sie die Wartezeit! Schicken Sie uns Ihre Bestellnummer per Direktnachricht, dann frage ich
/// heute beim Versanddienst nach.
/// ```
pub struct MissingNextStep;

impl Rule for MissingNextStep {
    fn id(&self) -> &'static str {
        "missing-next-step"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Clarity
    }
    /// The highest severity; milder cases get a hint (see the rule's documentation).
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        if !needs_next_step(ctx) || draft.word_count() == 0 || draft.part().split {
            return Vec::new();
        }
        let has_link = draft.tokens.tokens.iter().any(|t| t.kind == TokenKind::Url);
        // a question is answered by facts: a date, a number, a link, a reason
        let question_only = !reports_problem(ctx);
        let asked =
            question_only || super::comment(ctx).is_some_and(|a| a.has_signal(Signal::Question));
        let has_number = draft
            .tokens
            .tokens
            .iter()
            .any(|t| t.kind == TokenKind::Number);
        // a question back ("Which model is it?") or a request for details moves the case on
        if has_link
            || asks_back(draft)
            || (asked && has_number)
            || draft.has(Lex::Explanation)
            || draft.has(Lex::NextStep)
            || draft.has(Lex::PrivateChannel)
            || draft.has(Lex::TimeFrame)
        {
            return Vec::new();
        }
        let mut l = draft.lint(
            self,
            draft.whole(),
            "Die Antwort nennt keinen konkreten nächsten Schritt: Was tut der Kunde, was tun Sie – und bis wann?",
            "The reply gives no concrete next step: what does the customer do, what do you do – and by when?",
        );
        let channel = ctx.voice.private_channel(draft.lang);
        let phrase = draft.phrase(
            ctx,
            &format!("Schreiben Sie uns bitte per {channel}, dann kümmern wir uns heute darum."),
            &format!("Schreib uns bitte per {channel}, dann kümmern wir uns heute darum."),
            &format!("Please write to us by {channel} and we'll look into it today."),
        );
        let end = draft.whole().end;
        // a question may be answered by a statement this rule cannot judge; a fault that the reply owns
        // (acknowledged, apologised for) without money or safety at stake may need no further step
        let owned = acknowledges(draft);
        let severity = match stakes(ctx) {
            Stakes::Grave => Severity::Warning,
            Stakes::Fault if !owned => Severity::Warning,
            _ => Severity::Hint,
        };
        if asked || severity == Severity::Hint {
            l.severity = Severity::Hint;
        }
        l.fixes.push(Fix {
            title: draft.msg("Nächsten Schritt nennen", "Add a next step"),
            edits: vec![crate::reply::Edit {
                span: crate::model::Span::new(end, end),
                replacement: format!(" {phrase}"),
            }],
            applicability: Applicability::DisplayOnly,
        });
        vec![l]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Level, Signal, Topic};
    use crate::reply::rules::testing::*;

    fn late(lang: Lang) -> ReplyContext {
        answering(
            lang,
            &[Signal::Complaint, Signal::Question],
            Topic::Delivery,
            Level::Respond,
        )
    }

    #[test]
    fn de_bad() {
        assert_fix_result(
            &MissingNextStep,
            "Das tut uns leid, wir verstehen Ihren Ärger.",
            &late(Lang::De),
            "Das tut uns leid, wir verstehen Ihren Ärger. Schreiben Sie uns bitte per Direktnachricht, dann kümmern wir uns heute darum.",
        );
    }
    /// The fix speaks in the form the brand voice asks for with this commenter, also when the draft used the
    /// other one (which `wrong-form-of-address` reports).
    #[test]
    fn fix_keeps_the_brand_form_of_address() {
        use crate::model::Address;
        use crate::reply::apply_fixes;
        let draft = "Das tut uns leid, wir verstehen deinen Ärger.";
        for (address, mirror_du, commenter, want) in [
            (
                Address::Sie,
                false,
                Some(Address::Du),
                "Schreiben Sie uns bitte",
            ),
            (Address::Sie, true, Some(Address::Du), "Schreib uns bitte"),
            (Address::Sie, true, None, "Schreiben Sie uns bitte"),
            (Address::Du, false, None, "Schreib uns bitte"),
        ] {
            let mut c = late(Lang::De);
            c.voice.address = address;
            c.voice.mirror_du = mirror_du;
            if let Some(a) = c.analysis.as_mut() {
                a.address = commenter;
            }
            let lints = assert_lint(&MissingNextStep, draft, &c);
            let fixed = apply_fixes(draft, lints.iter().filter_map(|l| l.fixes.first()));
            assert!(
                fixed.contains(want),
                "{address:?} {mirror_du} {commenter:?}: {fixed}"
            );
        }
    }

    #[test]
    fn de_good() {
        assert_no_lint(
            &MissingNextStep,
            "Entschuldigen Sie die Wartezeit! Schicken Sie uns Ihre Bestellnummer per Direktnachricht, dann frage ich heute nach.",
            &late(Lang::De),
        );
        let praise = answering(Lang::De, &[Signal::Praise], Topic::Other, Level::Monitor);
        assert_no_lint(&MissingNextStep, "Danke, das freut uns sehr!", &praise);
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &MissingNextStep,
            "We're sorry to hear that and understand your frustration.",
            &late(Lang::En),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MissingNextStep,
            "Sorry for the wait! Send us your order number by direct message and I'll check with the carrier today.",
            &late(Lang::En),
        );
    }
}
