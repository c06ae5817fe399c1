use super::{
    Rule, Stakes, acknowledges, asks_back, company_at_fault, reports_problem, shows_distress,
    stakes,
};
use crate::reply::draft::Draft;
use crate::reply::lexicon::Lex;
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a reply whose opening does not give what the comment needs – an apology for a company fault,
/// empathy for distress, an acknowledgement for any other problem – with one finding for the whole opening.
///
/// - An **apology** when the company is plausibly at fault (a complaint or refund request about its own
///   delivery, billing, product, service or app, clearly negative, without insults, legal threat or safety
///   incident);
/// - **empathy** when the commenter shows distress (a safety or health incident, a bereavement, a privacy
///   problem, leaving, or a strongly negative complaint);
/// - an **acknowledgement** ("thanks for letting us know", "that's frustrating", "I understand") for any
///   other problem.
///
/// Severity follows the case. *Warning*: the comment reports harm, loss, distress or a company fault and the
/// reply has no acknowledgement, no empathy and no apology at all. *Hint*: the same reply to a milder
/// problem (a mixed remark, a legal threat, a public complaint that is not a fault), or a reply that does
/// acknowledge but where the case asks for more (an apology for a fault, empathy for distress). Nothing for
/// questions, thanks, praise, spam and attacks, and nothing for a later part of a reply split over several
/// posts ("2/2 …", "… (3/3)", "… please reach out"): the opening is the first part's job. Needs the comment being
/// answered.
///
/// ## Why is this bad?
/// People who complain first want to be heard. A reply that jumps straight to procedure feels like a form
/// letter and makes the commenter repeat themselves – louder. When the company let someone down, a reply
/// without "sorry" sounds like it does not think so; when someone is hurt or worried, facts without a human
/// word sound cold. One sentence changes how everything after it is read.
///
/// ## Example
/// ```text
/// (comment: "Charged twice for one order!")
/// Please send us your order number by DM and we'll check it.
/// ```
///
/// ## Use instead
/// ```text
/// Sorry about the double charge! Please send us your order number by DM and we'll refund it today.
/// ```
///
/// ## Was es findet
/// Eine Antwort, deren Anfang nicht gibt, was der Kommentar braucht – eine Entschuldigung für einen Fehler
/// des Unternehmens, Mitgefühl bei Not, Anerkennung bei jedem anderen Problem –, mit einem Befund für den
/// ganzen Anfang.
///
/// - Eine **Entschuldigung**, wenn das Unternehmen plausibel schuld ist (eine Beschwerde oder
///   Erstattungsbitte zu eigener Lieferung, Abrechnung, Produkt, Service oder App, deutlich negativ, ohne
///   Beleidigung, Anwaltsdrohung oder Sicherheitsvorfall);
/// - **Mitgefühl**, wenn der Kommentar Not zeigt (ein Sicherheits- oder Gesundheitsvorfall, ein Todesfall, ein
///   Datenschutzproblem, eine Kündigung oder eine stark negative Beschwerde);
/// - eine **Anerkennung** („danke für den Hinweis“, „das ist ärgerlich“, „ich verstehe“) bei jedem anderen
///   Problem.
///
/// Der Schweregrad folgt dem Fall. *Warnung*: Der Kommentar berichtet einen Schaden, einen Verlust, Not oder
/// einen Fehler des Unternehmens, und die Antwort hat weder Anerkennung noch Mitgefühl noch Entschuldigung.
/// *Hinweis*: dieselbe Antwort auf ein milderes Problem (eine gemischte Anmerkung, eine Anwaltsdrohung, eine
/// öffentliche Beschwerde ohne eigenen Fehler) oder eine Antwort, die anerkennt, wo der Fall mehr verlangt
/// (eine Entschuldigung für einen Fehler, Mitgefühl bei Not). Nichts bei Fragen, Dank, Lob, Spam und
/// Angriffen und nichts für einen späteren Teil einer auf mehrere Posts verteilten Antwort („2/2 …“,
/// „… (3/3)“, „… melden Sie sich gern“): Der Anfang ist Sache des ersten Teils. Braucht den beantworteten Kommentar.
///
/// ## Warum ist das schlecht?
/// Wer sich beschwert, will zuerst gehört werden. Eine Antwort, die sofort zum Verfahren springt, wirkt wie
/// ein Formbrief, und der Kommentierende wiederholt sich – lauter. Hat das Unternehmen jemanden enttäuscht,
/// klingt eine Antwort ohne „Entschuldigung“, als sähe es das nicht so; ist jemand verletzt oder besorgt,
/// wirken Fakten ohne ein menschliches Wort kalt. Ein Satz verändert, wie alles danach gelesen wird.
///
/// ## Beispiel
/// ```text
/// (Kommentar: „Doppelt abgebucht für eine Bestellung!“)
/// Schicken Sie uns Ihre Bestellnummer per DM, dann prüfen wir das.
/// ```
///
/// ## Besser
/// ```text
/// Entschuldigung für die doppelte Abbuchung! Schicken Sie uns Ihre Bestellnummer per DM, dann erstatten wir
/// sie heute.
/// ```
pub struct MissingAcknowledgement;

/// What the opening of a reply owes the comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Acknowledge,
    Empathy,
    Apology,
}

/// What the comment needs and what is at stake. `None` when there is nothing to acknowledge.
fn need(ctx: &ReplyContext) -> Option<(Need, Stakes)> {
    let distress = shows_distress(ctx);
    if !reports_problem(ctx) && !distress {
        return None;
    }
    let need = if company_at_fault(ctx) {
        Need::Apology
    } else if distress {
        Need::Empathy
    } else {
        Need::Acknowledge
    };
    Some((need, stakes(ctx)))
}

/// Sentiment at or below this makes a fault case clearly upset: a bare procedural reply is then a warning,
/// above it a hint.
const UPSET_SENTIMENT: f32 = -0.6;

/// The reply engages with the case without naming it: it offers help ("happy to take a look"), asks back
/// ("Which version are you on?") or asks for the details it needs.
fn engages(draft: &Draft) -> bool {
    draft.has(Lex::HelpOffer) || asks_back(draft)
}

fn upset(ctx: &ReplyContext) -> bool {
    super::comment(ctx).is_some_and(|a| a.sentiment.score <= UPSET_SENTIMENT)
}

impl Rule for MissingAcknowledgement {
    fn id(&self) -> &'static str {
        "missing-acknowledgement"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Empathy
    }
    /// The highest severity; milder cases get a hint (see the rule's documentation).
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let Some((need, stakes)) = need(ctx) else {
            return Vec::new();
        };
        // a later part of a split reply: the opening was the first part's job
        if draft.word_count() == 0 || draft.has(Lex::ConditionalApology) || draft.part().continues {
            return Vec::new();
        }
        let apology = draft.has(Lex::Apology);
        let acknowledged = acknowledges(draft);
        let fully = match need {
            Need::Acknowledge => acknowledged,
            Need::Empathy => apology || draft.has(Lex::Empathy),
            Need::Apology => apology,
        };
        if fully {
            return Vec::new();
        }
        let warn = match stakes {
            Stakes::Grave => !acknowledged,
            Stakes::Fault => !acknowledged && !engages(draft) && upset(ctx),
            Stakes::Mild => false,
        };
        let severity = if warn {
            Severity::Warning
        } else {
            Severity::Hint
        };
        let (message, title, phrase, applicability) = match need {
            Need::Apology => (
                (
                    "Hier ist das Unternehmen wohl im Fehler, aber die Antwort entschuldigt sich nicht.",
                    "The company seems to be at fault here, but the reply does not apologise.",
                ),
                ("Entschuldigung einfügen", "Add an apology"),
                draft.phrase(
                    ctx,
                    "Das tut uns leid.",
                    "Das tut uns leid.",
                    "We're sorry about this.",
                ),
                Applicability::Unsafe,
            ),
            Need::Empathy => (
                (
                    "Der Kommentar zeigt Not, die Antwort kein Mitgefühl. Benennen Sie die Lage, bevor Sie Fakten nennen.",
                    "The comment shows distress, the reply no empathy. Name the situation before the facts.",
                ),
                ("Mitgefühl zeigen", "Show empathy"),
                draft.phrase(
                    ctx,
                    "Das tut mir leid, ich kann Ihre Sorge gut verstehen.",
                    "Das tut mir leid, ich kann deine Sorge gut verstehen.",
                    "I'm sorry, I can understand why you're worried.",
                ),
                Applicability::DisplayOnly,
            ),
            Need::Acknowledge => (
                (
                    "Die Antwort erkennt das Problem nicht an. Sagen Sie zuerst, dass Sie es gehört haben.",
                    "The reply never acknowledges the problem. Say first that you have heard it.",
                ),
                ("Anerkennung einfügen", "Add an acknowledgement"),
                draft.phrase(
                    ctx,
                    "Danke, dass Sie uns das schreiben – das ist ärgerlich.",
                    "Danke, dass du uns das schreibst – das ist ärgerlich.",
                    "Thanks for letting us know – that's frustrating.",
                ),
                Applicability::DisplayOnly,
            ),
        };
        let mut l = draft.missing_opening(self, message, title, &phrase, applicability);
        l.severity = severity;
        vec![l]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Lang, Level, Signal, Topic};
    use crate::reply::rules::testing::*;

    fn complaint(lang: Lang, topic: Topic, sentiment: f32) -> ReplyContext {
        let mut c = answering(lang, &[Signal::Complaint], topic, Level::Respond);
        if let Some(a) = c.analysis.as_mut() {
            a.sentiment.score = sentiment;
        }
        c
    }
    fn billing(lang: Lang) -> ReplyContext {
        complaint(lang, Topic::Billing, -0.5)
    }
    fn safety(lang: Lang) -> ReplyContext {
        answering(
            lang,
            &[Signal::Safety],
            Topic::ProductQuality,
            Level::Escalate,
        )
    }
    #[track_caller]
    fn severity(text: &str, ctx: &ReplyContext) -> Severity {
        assert_lint(&MissingAcknowledgement, text, ctx)[0].severity
    }

    #[test]
    fn de_bad() {
        assert_fix_result(
            &MissingAcknowledgement,
            "Hallo Herr Kaya! Schicken Sie uns Ihre Bestellnummer per DM.",
            &billing(Lang::De),
            "Hallo Herr Kaya! Das tut uns leid. Schicken Sie uns Ihre Bestellnummer per DM.",
        );
        assert_eq!(
            severity(
                "Bitte nennen Sie uns per Direktnachricht die Chargennummer.",
                &safety(Lang::De)
            ),
            Severity::Warning
        );
        let grief = answering_text(
            "Mein Mann ist verstorben, wie kündige ich seinen Vertrag?",
            Lang::De,
            &[Signal::Question],
            &[],
        );
        assert_eq!(
            severity("Senden Sie uns die Sterbeurkunde per Post.", &grief),
            Severity::Warning
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &MissingAcknowledgement,
            "Entschuldigung für die doppelte Abbuchung! Schicken Sie uns Ihre Bestellnummer per DM.",
            &billing(Lang::De),
        );
        assert_no_lint(
            &MissingAcknowledgement,
            "Das klingt wirklich belastend, das tut mir leid. Bitte verwenden Sie die Creme nicht weiter.",
            &safety(Lang::De),
        );
        // no apology owed for an insult, nothing to acknowledge without a comment
        let insult = answering_text(
            "Ihr seid alle Idioten",
            Lang::De,
            &[Signal::Complaint],
            &[Category::Insult],
        );
        assert_no_lint(
            &MissingAcknowledgement,
            "Kritik ist willkommen, Beleidigungen nicht.",
            &insult,
        );
        assert_no_lint(
            &MissingAcknowledgement,
            "Wenden Sie sich bitte per E-Mail an den Kundenservice.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_eq!(
            severity(
                "Please send us your order number by DM and we'll check it.",
                &billing(Lang::En)
            ),
            Severity::Warning
        );
        assert_eq!(
            severity("Please send us the batch number.", &safety(Lang::En)),
            Severity::Warning
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MissingAcknowledgement,
            "Sorry about the double charge! Please send us your order number by DM.",
            &billing(Lang::En),
        );
        assert_no_lint(
            &MissingAcknowledgement,
            "That sounds really worrying, I'm sorry. Please stop using the cream.",
            &safety(Lang::En),
        );
        let pricing = complaint(Lang::En, Topic::Pricing, -0.2);
        assert_no_lint(
            &MissingAcknowledgement,
            "Thanks for the feedback. Prices went up because our costs did; the basic plan is still available.",
            &pricing,
        );
    }

    /// One finding for one gap, its severity by case: the same bare procedural reply is a warning for a
    /// fault, a hint for a mild remark, nothing for a question; an acknowledgement without the apology a
    /// fault needs is a hint.
    #[test]
    fn severity_follows_the_case_in_both_languages() {
        for (lang, bare, acknowledged) in [
            (
                Lang::De,
                "Schreiben Sie uns bitte per Direktnachricht.",
                "Danke für den Hinweis! Schreiben Sie uns bitte per Direktnachricht.",
            ),
            (
                Lang::En,
                "Please write to us by direct message.",
                "Thanks for letting us know! Please write to us by direct message.",
            ),
        ] {
            let fault = billing(lang);
            let lints = assert_lint(&MissingAcknowledgement, bare, &fault);
            assert_eq!(lints.len(), 1);
            assert_eq!(lints[0].severity, Severity::Warning);
            assert_eq!(severity(acknowledged, &fault), Severity::Hint);
            let mild = complaint(lang, Topic::Pricing, -0.2);
            assert_eq!(severity(bare, &mild), Severity::Hint);
            assert_no_lint(&MissingAcknowledgement, acknowledged, &mild);
            let question = answering(lang, &[Signal::Question], Topic::Other, Level::Respond);
            assert_no_lint(&MissingAcknowledgement, bare, &question);
        }
    }
}
