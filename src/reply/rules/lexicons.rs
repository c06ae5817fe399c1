//! Which word lists (`src/reply/lexicon/{de,en}/<list>.txt`) each rule reads, in the order of [`super::RULES`].
//!
//! A list counts when the rule's `check` reads it, directly (`draft.find(Lex::…)`, `draft.has(Lex::…)`,
//! `lint_matches(…, Lex::…)`) or through a helper of `rules/mod.rs`: `is_serious` and `stakes` read
//! `bereavement`, `gives_concrete_step` reads `private_channel` and `request`, `comment_insult_words` reads
//! `insult`, `profanity` and `function_words`. (The draft's own language guess, which every rule relies on,
//! reads `function_words`; it is not listed.) An empty slice marks a structural rule: capitals, length,
//! punctuation, personal data finders, the form of address, the analyser's evidence.
//!
//! `tests/reply_docs.rs` checks that every rule is listed and that German and English lists are of comparable
//! size, and generates the parity table in `docs/rules.md` from this.

use crate::reply::lexicon::Lex;

/// For each rule id, the word lists it reads.
pub const RULE_LEXICONS: &[(&str, &[Lex])] = &[
    ("admits-liability", &[Lex::Liability]),
    ("argues-facts-publicly", &[Lex::FactArgument]),
    ("argues-with-troll", &[Lex::Enumeration]),
    (
        "asks-personal-data-publicly",
        &[Lex::PersonalData, Lex::PrivateChannel, Lex::Request],
    ),
    ("attacks-group", &[]),
    ("blames-customer", &[Lex::Blame]),
    (
        "canned-phrase-only",
        &[Lex::Canned, Lex::FormalCue, Lex::InformalCue],
    ),
    ("condescending-tone", &[Lex::Condescension]),
    ("conditional-apology", &[Lex::ConditionalApology]),
    ("defensive-justification", &[Lex::Defensive]),
    ("dismisses-feelings", &[Lex::Dismissal]),
    // the comment, via `is_serious`
    ("emoji-in-serious-case", &[Lex::Bereavement]),
    ("exceeds-platform-length", &[]),
    ("excessive-exclamation", &[]),
    ("exposes-personal-data", &[]),
    // the draft; the comment's insults via `comment_insult_words`
    (
        "insults-commenter",
        &[
            Lex::Insult,
            Lex::Profanity,
            Lex::FunctionWords,
            Lex::Situation,
        ],
    ),
    ("internal-jargon", &[Lex::Jargon]),
    ("joke-in-serious-case", &[Lex::Joke, Lex::Bereavement]),
    (
        "missing-acknowledgement",
        &[
            Lex::Acknowledge,
            Lex::Apology,
            Lex::ConditionalApology,
            Lex::Empathy,
            Lex::HelpOffer,
            Lex::Request,
            Lex::Bereavement,
        ],
    ),
    (
        "missing-next-step",
        &[
            Lex::Acknowledge,
            Lex::Apology,
            Lex::Empathy,
            Lex::Explanation,
            Lex::NextStep,
            Lex::PrivateChannel,
            Lex::Request,
            Lex::TimeFrame,
            Lex::Bereavement,
        ],
    ),
    ("missing-signature", &[]),
    ("mixed-forms-of-address", &[]),
    ("overlong-sentence", &[]),
    ("overpromises", &[Lex::Overpromise]),
    ("passive-evasion", &[Lex::PassiveEvasion]),
    ("profanity-in-reply", &[Lex::Profanity]),
    ("promises-reserved-for-escalation", &[Lex::Reserved]),
    (
        "refusal-without-alternative",
        &[
            Lex::Alternative,
            Lex::HelpOffer,
            Lex::NextStep,
            Lex::Refusal,
            Lex::PrivateChannel,
            Lex::Request,
        ],
    ),
    // the comment's insults, via `comment_insult_words`
    (
        "repeats-insult",
        &[Lex::Insult, Lex::Profanity, Lex::FunctionWords],
    ),
    ("sarcastic-tone", &[Lex::Sarcasm]),
    ("sexual-content", &[Lex::Sexual]),
    ("shifts-blame", &[Lex::ShiftBlame]),
    ("shouting-capitals", &[]),
    ("threatens-customer", &[Lex::ThreatToCustomer]),
    (
        "vague-promise",
        &[
            Lex::TimeFrame,
            Lex::VaguePromise,
            Lex::PrivateChannel,
            Lex::Request,
            Lex::Bereavement,
        ],
    ),
    ("wrong-brand-name", &[]),
    ("wrong-form-of-address", &[]),
    ("wrong-language", &[Lex::FunctionWords]),
];
