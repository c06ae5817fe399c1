//! The reply rules: one file per rule, registered in [`RULES`] in alphabetical order of their ids.
//!
//! A rule's doc comment is its documentation (headings *What it does / Why is this bad? / Example / Use
//! instead*, then the same in German); `docs/rules.md` and the README's rule table are generated from it
//! (`tests/reply_docs.rs`); [`lexicons::RULE_LEXICONS`] names the word lists each rule reads.
//! To add a rule, copy `_template.rs.txt`'s shape: a unit struct implementing [`Rule`], tests at the bottom
//! with a bad and a good example per language.

use crate::model::{Analysis, Category, Facet, Lang, Signal, Span, Topic};
use crate::text::{TokenKind, Tokens, tokenize};

use super::draft::{Draft, find_in};
use super::lexicon::Lex;
use super::{Lint, ReplyContext, RuleCategory, Severity};

mod admits_liability;
mod argues_facts_publicly;
mod argues_with_troll;
mod asks_personal_data_publicly;
mod attacks_group;
mod blames_customer;
mod canned_phrase_only;
mod condescending_tone;
mod conditional_apology;
mod defensive_justification;
mod dismisses_feelings;
mod emoji_in_serious_case;
mod exceeds_platform_length;
mod excessive_exclamation;
mod exposes_personal_data;
mod insults_commenter;
mod internal_jargon;
mod joke_in_serious_case;
pub mod lexicons;
mod missing_acknowledgement;
mod missing_next_step;
mod missing_signature;
mod mixed_forms_of_address;
mod overlong_sentence;
mod overpromises;
mod passive_evasion;
mod profanity_in_reply;
mod promises_reserved_for_escalation;
mod refusal_without_alternative;
mod repeats_insult;
mod sarcastic_tone;
mod sexual_content;
mod shifts_blame;
mod shouting_capitals;
mod threatens_customer;
mod vague_promise;
mod wrong_brand_name;
mod wrong_form_of_address;
mod wrong_language;

/// A reply rule.
pub trait Rule: Sync {
    /// Stable kebab-case id naming the bad pattern.
    fn id(&self) -> &'static str;
    fn category(&self) -> RuleCategory;
    /// The severity of the lints this rule reports.
    fn severity(&self) -> Severity;
    /// The lints for `draft`, in order of position.
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint>;
}

/// Every rule, alphabetical by id.
pub static RULES: &[&dyn Rule] = &[
    &admits_liability::AdmitsLiability,
    &argues_facts_publicly::ArguesFactsPublicly,
    &argues_with_troll::ArguesWithTroll,
    &asks_personal_data_publicly::AsksPersonalDataPublicly,
    &attacks_group::AttacksGroup,
    &blames_customer::BlamesCustomer,
    &canned_phrase_only::CannedPhraseOnly,
    &condescending_tone::CondescendingTone,
    &conditional_apology::ConditionalApology,
    &defensive_justification::DefensiveJustification,
    &dismisses_feelings::DismissesFeelings,
    &emoji_in_serious_case::EmojiInSeriousCase,
    &exceeds_platform_length::ExceedsPlatformLength,
    &excessive_exclamation::ExcessiveExclamation,
    &exposes_personal_data::ExposesPersonalData,
    &insults_commenter::InsultsCommenter,
    &internal_jargon::InternalJargon,
    &joke_in_serious_case::JokeInSeriousCase,
    &missing_acknowledgement::MissingAcknowledgement,
    &missing_next_step::MissingNextStep,
    &missing_signature::MissingSignature,
    &mixed_forms_of_address::MixedFormsOfAddress,
    &overlong_sentence::OverlongSentence,
    &overpromises::Overpromises,
    &passive_evasion::PassiveEvasion,
    &profanity_in_reply::ProfanityInReply,
    &promises_reserved_for_escalation::PromisesReservedForEscalation,
    &refusal_without_alternative::RefusalWithoutAlternative,
    &repeats_insult::RepeatsInsult,
    &sarcastic_tone::SarcasticTone,
    &sexual_content::SexualContent,
    &shifts_blame::ShiftsBlame,
    &shouting_capitals::ShoutingCapitals,
    &threatens_customer::ThreatensCustomer,
    &vague_promise::VaguePromise,
    &wrong_brand_name::WrongBrandName,
    &wrong_form_of_address::WrongFormOfAddress,
    &wrong_language::WrongLanguage,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// One lint per match of `lex` in the draft.
pub(crate) fn lint_matches(
    rule: &dyn Rule,
    draft: &Draft,
    lex: Lex,
    de: &str,
    en: &str,
) -> Vec<Lint> {
    let spans: Vec<Span> = draft.find(lex).iter().map(|m| m.span).collect();
    lint_spans(rule, draft, spans, de, en)
}

/// One lint per span, in the given order; a span that overlaps the one reported before it reports nothing.
/// `{}` in the messages stands for the quoted text.
pub(crate) fn lint_spans(
    rule: &dyn Rule,
    draft: &Draft,
    spans: impl IntoIterator<Item = Span>,
    de: &str,
    en: &str,
) -> Vec<Lint> {
    let mut out: Vec<Lint> = Vec::new();
    for span in spans {
        if out.last().is_some_and(|l| l.span.end > span.start) {
            continue;
        }
        let quote = span.slice(draft.text);
        out.push(draft.lint(
            rule,
            span,
            &de.replace("{}", quote),
            &en.replace("{}", quote),
        ));
    }
    out
}

/// The spans the analyser reads as toxic category `cat` in the draft and the matches of the reply list
/// `lex`, in text order: what a rule that flags one kind of wording in the reply points at.
pub(crate) fn category_spans(draft: &Draft, cat: Category, lex: Lex) -> Vec<Span> {
    let mut spans: Vec<Span> = draft
        .analysis
        .evidence
        .iter()
        .filter(|e| e.facet == Facet::Toxic(cat))
        .map(|e| e.span)
        .collect();
    spans.extend(draft.find(lex).iter().map(|m| m.span));
    spans.sort();
    spans
}

/// Signals that make a comment a toxic attack rather than a complaint.
pub(crate) const TROLL_CATEGORIES: [Category; 4] = [
    Category::Insult,
    Category::IdentityAttack,
    Category::SexualHarassment,
    Category::Threat,
];

/// The comment being answered, if known.
pub(crate) fn comment(ctx: &ReplyContext) -> Option<&Analysis> {
    ctx.comment_analysis()
}

/// The comment attacks rather than complains (insults, slurs, harassment, threats) or is spam.
pub(crate) fn is_troll(ctx: &ReplyContext) -> bool {
    comment(ctx).is_some_and(|a| {
        TROLL_CATEGORIES.iter().any(|c| a.has_category(*c)) || a.has_signal(Signal::Spam)
    })
}

/// Safety, legal, privacy, a public pile-on or a bereavement: no jokes, no emoji. (The escalation level alone
/// is not enough: an angry app complaint can reach it, and a friendly emoji is fine there.)
pub(crate) fn is_serious(ctx: &ReplyContext) -> bool {
    let by_analysis = comment(ctx).is_some_and(|a| {
        [
            Signal::Safety,
            Signal::Legal,
            Signal::Privacy,
            Signal::PublicEscalation,
        ]
        .iter()
        .any(|s| a.has_signal(*s))
    });
    by_analysis
        || ctx.comment.as_deref().is_some_and(|c| {
            [Lang::De, Lang::En]
                .iter()
                .any(|l| !find_in(c, Lex::Bereavement, *l).is_empty())
        })
}

/// The comment reports a problem the brand has to answer (not praise, spam or a plain attack).
pub(crate) fn reports_problem(ctx: &ReplyContext) -> bool {
    comment(ctx).is_some_and(|a| {
        [
            Signal::Complaint,
            Signal::Refund,
            Signal::Safety,
            Signal::Privacy,
            Signal::Churn,
            Signal::Legal,
            Signal::PublicEscalation,
        ]
        .iter()
        .any(|s| a.has_signal(*s))
    }) && !is_troll(ctx)
}

/// The comment needs an answer with substance: a problem or a question.
pub(crate) fn needs_next_step(ctx: &ReplyContext) -> bool {
    reports_problem(ctx)
        || comment(ctx).is_some_and(|a| a.has_signal(Signal::Question) && !is_troll(ctx))
}

/// A complaint must be at least this negative to call for an apology: mild or mixed remarks ("why can't I
/// pay with PayPal?") get an answer, not a "sorry" (measured on the good-reply fixtures: their mildest real
/// fault complaint scores −0.44, the PayPal question −0.27).
const FAULT_SENTIMENT: f32 = -0.3;

/// The company is plausibly at fault: a complaint about its own delivery, billing, product, service or app,
/// written without insults (an apology is not owed for insults or for an unfounded accusation in a
/// pile-on). Pricing and availability complaints get understanding, not an apology. Legal threats and safety
/// incidents get empathy and a holding statement; whether to apologise there is for legal and PR.
pub(crate) fn company_at_fault(ctx: &ReplyContext) -> bool {
    comment(ctx).is_some_and(|a| {
        (a.has_signal(Signal::Complaint) || a.has_signal(Signal::Refund))
            && matches!(
                a.topic,
                Topic::Delivery
                    | Topic::Billing
                    | Topic::ProductQuality
                    | Topic::CustomerService
                    | Topic::WebsiteApp
            )
            && a.sentiment.score <= FAULT_SENTIMENT
            && !is_troll(ctx)
            && !a.has_category(Category::Profanity)
            && !a.has_signal(Signal::Legal)
            && !a.has_signal(Signal::Safety)
    })
}

/// Sentiment at or below this marks a comment as distressed (the analyser's scale is −1 … 1).
const DISTRESS_SENTIMENT: f32 = -0.35;

/// The commenter shows distress: strongly negative, a safety problem, or leaving. A legal threat alone is
/// anger aimed at a result, answered with a factual holding statement, not with feelings.
pub(crate) fn shows_distress(ctx: &ReplyContext) -> bool {
    !is_troll(ctx)
        && (comment(ctx).is_some_and(|a| {
            a.has_signal(Signal::Safety)
                || a.has_signal(Signal::Churn)
                || a.has_signal(Signal::Privacy)
                || (a.has_signal(Signal::Complaint)
                    && !a.has_signal(Signal::Legal)
                    && a.sentiment.score <= DISTRESS_SENTIMENT)
        }) || bereavement(ctx))
}

/// The comment mentions a death.
fn bereavement(ctx: &ReplyContext) -> bool {
    ctx.comment.as_deref().is_some_and(|c| {
        [Lang::De, Lang::En]
            .iter()
            .any(|l| !find_in(c, Lex::Bereavement, *l).is_empty())
    })
}

/// What is at stake in the comment being answered, for the rules whose severity follows the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stakes {
    /// A question, a mild or mixed remark, a legal threat, a public complaint without a fault of the
    /// company: what is missing is a hint.
    Mild,
    /// The company is plausibly at fault, or the commenter is clearly upset.
    Fault,
    /// Harm or loss: a safety or health incident, a bereavement, a privacy problem, money lost (a refund, a
    /// billing complaint).
    Grave,
}

/// What is at stake in the comment (see [`Stakes`]).
pub(crate) fn stakes(ctx: &ReplyContext) -> Stakes {
    if is_troll(ctx) {
        return Stakes::Mild;
    }
    let grave = comment(ctx).is_some_and(|a| {
        a.has_signal(Signal::Safety)
            || a.has_signal(Signal::Privacy)
            || a.has_signal(Signal::Refund)
            || (a.has_signal(Signal::Complaint) && a.topic == Topic::Billing)
    }) || bereavement(ctx);
    if grave {
        Stakes::Grave
    } else if company_at_fault(ctx) || shows_distress(ctx) {
        Stakes::Fault
    } else {
        Stakes::Mild
    }
}

/// The draft asks back ("Which model is it?") or asks for the details it needs.
pub(crate) fn asks_back(draft: &Draft) -> bool {
    draft.analysis.has_signal(Signal::Question) || draft.has(Lex::Request)
}

/// The draft gives the customer something concrete to do: a private channel, a link, a request for
/// details or a question back.
pub(crate) fn gives_concrete_step(draft: &Draft) -> bool {
    asks_back(draft)
        || draft.tokens.tokens.iter().any(|t| t.kind == TokenKind::Url)
        || draft.has(Lex::PrivateChannel)
}

/// The draft acknowledges the problem in some way: an acknowledgement, empathy or an apology.
pub(crate) fn acknowledges(draft: &Draft) -> bool {
    draft.has(Lex::Apology) || draft.has(Lex::Empathy) || draft.has(Lex::Acknowledge)
}

/// The comment brings a case (a question, a refund, a safety or privacy matter, or a complaint about
/// something in particular) besides any insult: a substantive answer to it is no debate with a troll.
pub(crate) fn brings_a_case(ctx: &ReplyContext) -> bool {
    comment(ctx).is_some_and(|a| {
        [
            Signal::Question,
            Signal::Refund,
            Signal::Safety,
            Signal::Privacy,
        ]
        .iter()
        .any(|s| a.has_signal(*s))
            || (a.has_signal(Signal::Complaint) && a.topic != Topic::Other)
    })
}

/// The comment calls for a private follow-up: personal data, account or contract matters, legal threats.
pub(crate) fn calls_for_private(ctx: &ReplyContext) -> bool {
    comment(ctx).is_some_and(|a| {
        a.criticality.channel == crate::model::Channel::Private
            || [Signal::Privacy, Signal::Legal, Signal::Refund]
                .iter()
                .any(|s| a.has_signal(*s))
    })
}

/// Toxic categories whose words must not be echoed back. Insults and swear words are single loaded words;
/// identity-attack and harassment entries are often phrases of everyday words ("your kind", "don't belong
/// here") whose words a sincere reply may well contain.
const ECHO_CATEGORIES: [Category; 2] = [Category::Insult, Category::Profanity];

/// The folded insult and swear words of the comment (from the analyser's evidence and the reply lexicon).
pub(crate) fn comment_insult_words(ctx: &ReplyContext) -> Vec<String> {
    let Some(text) = ctx.comment.as_deref() else {
        return Vec::new();
    };
    let mut spans: Vec<crate::model::Span> = comment(ctx)
        .map(|a| {
            a.evidence
                .iter()
                .filter(|e| matches!(e.facet, Facet::Toxic(c) if ECHO_CATEGORIES.contains(&c)))
                .map(|e| e.span)
                .collect()
        })
        .unwrap_or_default();
    for lang in [Lang::De, Lang::En] {
        spans.extend(find_in(text, Lex::Insult, lang));
        spans.extend(find_in(text, Lex::Profanity, lang));
    }
    let mut words: Vec<String> = Vec::new();
    let mut tokens = Tokens::default();
    for s in spans {
        tokenize(s.slice(text), &mut tokens);
        for t in &tokens.tokens {
            let n = tokens.norm_of(t);
            let function_word = [Lang::De, Lang::En]
                .iter()
                .any(|l| super::lexicon::list(Lex::FunctionWords, *l).has_word(n));
            if t.kind == TokenKind::Word
                && n.chars().count() >= 3
                && !function_word
                && !words.iter().any(|w| w == n)
            {
                words.push(n.to_string());
            }
        }
    }
    words
}

#[cfg(test)]
pub(crate) mod testing {
    //! `#[track_caller]` helpers for rule tests.
    use super::*;
    use crate::model::*;
    use crate::reply::{ReplyContext, apply_fixes};

    /// Runs one rule on `text`.
    pub fn run(rule: &dyn Rule, text: &str, ctx: &ReplyContext) -> Vec<Lint> {
        let ctx = ctx.resolved();
        let d = Draft::new(text, ctx.lang);
        rule.check(&d, &ctx)
    }

    /// Asserts that `rule` reports at least one lint on `text`, with a message and a span inside the text;
    /// returns the lints.
    #[track_caller]
    pub fn assert_lint(rule: &dyn Rule, text: &str, ctx: &ReplyContext) -> Vec<Lint> {
        let lints = run(rule, text, ctx);
        assert!(
            !lints.is_empty(),
            "expected `{}` on {text:?}, got nothing",
            rule.id()
        );
        for l in &lints {
            assert_eq!(l.rule, rule.id());
            assert!(!l.message.is_empty());
            assert!(
                l.span.end <= text.len() && text.get(l.span.start..l.span.end).is_some(),
                "bad span {:?}",
                l.span
            );
        }
        lints
    }

    /// Asserts that `rule` is silent on `text`.
    #[track_caller]
    pub fn assert_no_lint(rule: &dyn Rule, text: &str, ctx: &ReplyContext) {
        let lints = run(rule, text, ctx);
        assert!(
            lints.is_empty(),
            "expected no `{}` on {text:?}, got {:#?}",
            rule.id(),
            lints
        );
    }

    /// Applies the first fix of every lint and compares the result.
    #[track_caller]
    pub fn assert_fix_result(rule: &dyn Rule, text: &str, ctx: &ReplyContext, expected: &str) {
        let lints = assert_lint(rule, text, ctx);
        let fixes: Vec<_> = lints.iter().filter_map(|l| l.fixes.first()).collect();
        assert!(
            !fixes.is_empty(),
            "`{}` offered no fix on {text:?}",
            rule.id()
        );
        assert_eq!(apply_fixes(text, fixes), expected);
    }

    /// No comment, default voice.
    pub fn ctx() -> ReplyContext {
        ReplyContext::default()
    }

    /// A context answering a comment with these properties (a made-up analysis, so that rule tests do not
    /// depend on the lexicons).
    pub fn answering(lang: Lang, signals: &[Signal], topic: Topic, level: Level) -> ReplyContext {
        ReplyContext {
            analysis: Some(analysis(lang, signals, topic, level)),
            ..ReplyContext::default()
        }
    }

    /// Like [`answering`], with the comment's text (for rules that read it) and toxic categories.
    pub fn answering_text(
        text: &str,
        lang: Lang,
        signals: &[Signal],
        categories: &[Category],
    ) -> ReplyContext {
        let mut a = analysis(lang, signals, Topic::Other, Level::Respond);
        a.toxicity.categories = categories.to_vec();
        a.toxicity.toxic = !categories.is_empty();
        ReplyContext {
            comment: Some(text.to_string()),
            analysis: Some(a),
            ..ReplyContext::default()
        }
    }

    pub fn analysis(lang: Lang, signals: &[Signal], topic: Topic, level: Level) -> Analysis {
        Analysis {
            lang: LangGuess {
                code: lang,
                confidence: 1.0,
            },
            sentiment: Sentiment {
                score: if signals.contains(&Signal::Praise) {
                    0.6
                } else {
                    -0.5
                },
                label: SentimentLabel::Negative,
            },
            toxicity: Toxicity {
                score: 0.0,
                toxic: false,
                categories: Vec::new(),
            },
            signals: signals.to_vec(),
            topic,
            criticality: Criticality {
                score: 50,
                level,
                channel: Channel::Public,
                reasons: Vec::new(),
            },
            address: None,
            evidence: Vec::new(),
            evidence_omitted: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insult_words_skip_phrases_of_everyday_words() {
        let ctx = ReplyContext::default()
            .with_comment("Great service, thanks for your kind help, you idiots are the best");
        let words = comment_insult_words(&ctx.resolved());
        assert!(
            !words.iter().any(|w| w == "your" || w == "kind"),
            "{words:?}"
        );
        assert!(words.iter().any(|w| w.starts_with("idiot")), "{words:?}");
    }

    #[test]
    fn rules_are_sorted_unique_and_kebab_case() {
        let ids: Vec<&str> = RULES.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted, "RULES must be alphabetical and unique");
        for id in ids {
            assert!(
                id.split('-')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase())),
                "{id} is not kebab-case"
            );
        }
        assert!(RULES.len() >= 30);
    }
}
