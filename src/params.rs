//! Every tunable number of the analyser, named, with where its value comes from.
//!
//! "VADER" marks values taken over in kind from the published VADER model (Hutto & Gilbert 2014), which
//! measured them with human raters; "dev" marks values chosen on the development sets (GermEval 2017/2018/2021,
//! HASOC 2019, GermEval 2025, TweetEval) by looking at errors, rounded to keep them readable; "playbook" marks
//! values that encode the crisis playbook (how urgent a kind of comment is), set by judgement.

// ---- sentiment -------------------------------------------------------------------------------------------

/// Normalisation of the valence sum: score = s / sqrt(s² + ALPHA). VADER.
pub const SENTIMENT_ALPHA: f32 = 15.0;
/// Long texts (news, forum posts) collect many polar words that mostly cancel out; each word beyond
/// `SENTIMENT_LENGTH_FREE` adds this much to ALPHA, so a long text needs a clearer sum to count as polar. dev.
pub const SENTIMENT_LENGTH_ALPHA: f32 = 1.0;
pub const SENTIMENT_LENGTH_FREE: f32 = 20.0;
/// Factor on a polar word in the scope of a negation. VADER (−0.74).
pub const NEGATION_FACTOR: f32 = -0.74;
/// How many words before a polar word a negation reaches. VADER (3).
pub const NEGATION_WINDOW: usize = 3;
/// How many words a German sentence-final negation ("gefällt mir nicht") reaches back. dev.
pub const NEGATION_BACK_WINDOW: usize = 3;
/// How many words before a polar word an intensifier reaches. VADER (boosters act on the next words).
pub const INTENSIFIER_WINDOW: usize = 2;
/// Factor on a word in capitals when the text is not mostly capitals. VADER (+0.733 on a ~2.5 word ≈ ×1.3).
pub const CAPS_FACTOR: f32 = 1.3;
/// Factor on an elongated word ("sooo gut"). dev.
pub const ELONGATION_FACTOR: f32 = 1.15;
/// Weight of words before / after a contrast word in the same sentence. VADER (0.5 / 1.5).
pub const CONTRAST_BEFORE: f32 = 0.5;
pub const CONTRAST_AFTER: f32 = 1.5;
/// Per exclamation mark, up to four, added in the direction of the sum. VADER (0.292, max 4).
pub const EXCLAMATION_STEP: f32 = 0.292;
pub const EXCLAMATION_MAX: u32 = 4;
/// Factor on positive words in a sentence with an irony marker. dev.
pub const IRONY_FLIP: f32 = -0.6;
/// A positive standard word the writer demands ("Ihr solltet mal pünktlich sein", `rule:context:demanded-standard`),
/// and praise of what is gone ("I used to love your coffee", `rule:context:praise-in-the-past`),
/// name what is lacking: their valence turns negative like ironic praise.
pub const LAPSED_FLIP: f32 = -0.6;
/// A sentence of at most this many words that praises in a comment reporting a failure is ironic ("Toll.",
/// "Ganz toller Service, wirklich."). judgement (short evaluative tags; longer sentences carry their own
/// meaning and are left to contrast and irony markers).
pub const IRONY_SHORT_SENTENCE: u32 = 4;
/// Valence added per unit of irony-marker weight. dev.
pub const IRONY_VALENCE: f32 = -1.0;
/// The marker weight of irony read from a sentence's structure (thanks for a failure, a question that denies
/// the record; `analyze/irony.rs`). judgement (as sure as a clear marker phrase of `irony.txt`, 2 … 2.5).
pub const IRONY_RULE_WEIGHT: f32 = 2.0;
/// Profanity right before a polar word boosts it instead of counting as negative ("verdammt gut"). dev.
pub const PROFANITY_BOOST: f32 = 1.3;
/// Valence a toxic hit adds per unit of weight (insults are negative even without a polar word). dev.
pub const TOXIC_VALENCE: f32 = -1.2;
/// Valence swearing adds per unit of weight when it boosts no polar word ("fuck off"). dev.
pub const PROFANITY_VALENCE: f32 = -0.5;
/// Valence a negative signal hit (complaint, churn, legal, safety, privacy, refund) adds per unit. dev.
pub const NEGATIVE_SIGNAL_VALENCE: f32 = -0.9;
/// Valence a praise hit adds per unit. dev.
pub const PRAISE_VALENCE: f32 = 1.0;
/// Sentiment label thresholds on the normalised score. dev (VADER uses ±0.05 for tweets; customer posts are
/// neutral more often, so the band is wider).
pub const POSITIVE_THRESHOLD: f32 = 0.3;
pub const NEGATIVE_THRESHOLD: f32 = -0.25;

// ---- language ---------------------------------------------------------------------------------------------

/// Stopword hits from the other language a word must beat to switch. dev.
pub const LANG_MIN_HITS: f32 = 1.0;
/// Weight of an umlaut or ß as a German cue, in stopword hits. dev.
pub const UMLAUT_CUE: f32 = 1.5;
/// Factor on lexicon weights when the language is neither German nor English (scored conservatively). judgement.
pub const OTHER_LANG_FACTOR: f32 = 0.5;

// ---- toxicity ---------------------------------------------------------------------------------------------

/// Factor on an insult aimed at someone (an addressee word in the same sentence). dev.
pub const TARGETED_FACTOR: f32 = 1.3;
/// Insult weight of a masked word right after the addressee that matches no listed word ("Ihr Sch***kerle").
/// judgement (a clear insult, like the lexicon's 1.5 entries).
pub const MASKED_AIMED_WEIGHT: f32 = 1.5;
/// A toxic lexicon entry this heavy is also found in a compound written with hyphens ("Kümmel-Türken",
/// "rag-heads"); lighter ones are political labels whose hyphenated form is the plain name ("rot-grün",
/// "Merkel-Regime"). judgement, checked on every development text (the lighter entries added 15 such labels).
pub const HYPHENATED_MIN_WEIGHT: f32 = 2.0;
/// An `identity_attack.txt` entry this heavy is a slur: it attacks a group by itself (escalates). judgement
/// (the file's own scale: 3 slur or dehumanisation, 1 a derogatory political label).
pub const SLUR_WEIGHT: f32 = 2.0;
/// A reply draft the learned identity-attack head scores at least this high is not posted (`attacks-group`),
/// also when no rule reads the attack from its structure. Measured, not tuned on the rows it is reported on:
/// on held-back hateful train rows (never trained on) it lifts "do not post" from 45 % to 74 % (German) and
/// from 61 % to 78 % (English); none of the 700 real brand replies reaches it (their highest score is below
/// 0.3). A draft is held to a stricter standard than a comment: nothing in a brand's reply should read like
/// an attack on people for what they are.
///
/// Per language (German, English): each is the lowest, in steps of 0.05, at which no postable non-hateful
/// case of the hate suite (`tests/hate/`) is newly blocked. The German head scores friendly mentions of a
/// group ("Muslime bereichern unsere Stadt") at up to 0.7, so in German it decides only negative drafts
/// ([`DRAFT_IDENTITY_WARM`]); the English one decides every draft that does not read warm. Held-back
/// hateful rows "do not post" with the drafts' other changes: German 71 → 73 of 116, English 485 → 510 of
/// 638 (odd half, never read: 238 → 250 of 319).
pub const DRAFT_IDENTITY_HEAD_MIN: [f32; 2] = [0.3, 0.35];
/// From this score the head blocks a draft that does not read as negative too.
pub const DRAFT_IDENTITY_HEAD_SURE: f32 = 0.7;
/// Sentiment (German, English) from which a draft reads warm enough that the head's middle range
/// ([`DRAFT_IDENTITY_HEAD_MIN`] up to [`DRAFT_IDENTITY_HEAD_SURE`]) does not block it. judgement, checked on
/// the suite as above.
pub const DRAFT_IDENTITY_WARM: [f32; 2] = [0.0, 0.3];
/// The score (German, English) from which the head decides a draft that names no group (no word of
/// `hate_group`, also not of one person, not misspelt) and says nothing the hate lexicons list of one
/// (`hate_predicate`, `hate_predicative`, `hate_wished`: "Ich hasse Tükren" has a predicate but a group word
/// too misspelt to read). The German head, trained on sentences built around group words, sits near its
/// prior of 0.25–0.35 on any text without one ("Die Bahn ist sicher pünktlich"): at 0.3 it decided on noise.
/// Measured on a seeded sample of 400 hateful German training rows (read) and on the held-back ones (never
/// trained on): "do not post" 227 → 237 of 400 and 74 → 73 of 116 (with the group words, slurs and negative
/// words added at the same time), while German tweets that are no hate and were flagged as attacks fall from
/// 61 to 44 of 2,026 (GermEval 2017) and from 161 to 121 of 3,321 (GermEval 2018, not offensive). The
/// English head has also learned slurs and hashtags that name no group: requiring a group there cost 37 to 44
/// of 638 held-back hateful rows (by the thresholds tried), so none.
pub const DRAFT_IDENTITY_WITHOUT_GROUP: [f32; 2] = [0.4, 0.0];
/// Identity-attack weight of an insult said of a group ("Muslime sind Idioten"). judgement (a clear insult).
pub const HATE_INSULT_WEIGHT: f32 = 2.0;
/// Identity-attack weight of a swear word said of a group ("diese verdammten X", "X are shitty"). judgement
/// (a derogatory description).
pub const HATE_PROFANITY_WEIGHT: f32 = 1.5;
/// A sentence of at most this many words that ends in "!" is an outcry: a wished attack counts in it
/// ("Muslims out!", "Flüchtlinge abschieben!"). judgement.
pub const HATE_OUTCRY_WORDS: u32 = 4;
/// Group words of at least this many letters are also found misspelt by one letter. judgement (shorter ones
/// are one edit from everyday words: Inder/Kinder, Polen/Rollen).
pub const HATE_MISSPELT_MIN: usize = 7;
/// How far (tokens) a predicate looks for its group, a copula, a contrast word or a negator. judgement (a
/// clause rarely spans more; keeps the stage linear on texts without punctuation).
pub const HATE_WINDOW: usize = 12;
/// Identity-attack weight of a threat against a group ("alle … aufhängen"). judgement (the top of the scale).
pub const HATE_THREAT_WEIGHT: f32 = 3.0;
/// A clause of at most this many words right after the one naming a group is said of it ("Flüchtlinge sind
/// willkommen – in ihrem eigenen Land"). judgement.
pub const HATE_APPOSITION_WORDS: usize = 6;
/// A disclaimer ("nichts gegen X", "kein Rassist", "not racist") followed by a contrast word and a group:
/// the disclaimer announces that a prejudice follows ("Ich bin kein Rassist, aber Ausländer sind einfach
/// anders"). The contrast stands at most this many tokens after the disclaimer. judgement.
pub const HATE_DISCLAIMER_REACH: usize = 8;
/// … and the group (or a word referring back to it) at most this many tokens after the contrast, where it is
/// what the clause speaks of ("aber die meisten Flüchtlinge …"; not "aber die Politik bei Flüchtlingen …").
/// judgement.
pub const HATE_DISCLAIMED_REACH: usize = 3;
/// Identity-attack weight of such a disclaimed generalisation. judgement (as blaming or excluding, 2).
pub const HATE_DISCLAIMED_WEIGHT: f32 = 2.0;
/// Factor on a toxic word right after a negation ("kein Idiot"). dev.
pub const NEGATED_TOXIC_FACTOR: f32 = 0.4;
/// Factor on profanity that only intensifies a positive word. dev.
pub const PROFANITY_AS_BOOSTER: f32 = 0.3;
/// How much each category counts towards the toxicity score. dev / playbook.
pub const CATEGORY_WEIGHT: [f32; 6] = [
    1.0, // insult
    0.6, // profanity
    2.5, // threat (violence ranks above every other category)
    1.2, // identity_attack
    1.1, // sexual_harassment
    1.0, // call_to_action (the risk of a pile-on ranks with an insult)
];
/// Call-to-action weight of a call in the imperative (`imperative.rs`): one is reported. dev.
pub const IMPERATIVE_CALL_WEIGHT: f32 = 1.0;
/// Minimum category sum for a category to be reported. dev.
pub const CATEGORY_MIN: [f32; 6] = [
    0.9, // insult
    0.9, // profanity
    0.9, // threat
    0.9, // identity_attack
    0.9, // sexual_harassment
    0.9, // call_to_action
];
/// Negative sentiment counts towards toxicity (angry texts are more often offensive). dev.
pub const NEGATIVITY_TO_TOXICITY: f32 = 0.5;
/// Capitals and exclamation marks count towards toxicity per unit of emphasis. dev.
pub const EMPHASIS_TO_TOXICITY: f32 = 0.08;
/// toxicity score = 1 − exp(−sum / SCALE). dev.
pub const TOXICITY_SCALE: f32 = 1.6;
/// Score at and above which a comment is toxic (at sensitivity 0.5). dev.
pub const TOXIC_THRESHOLD: f32 = 0.5;
/// The probability the offence combination needs, per language (de, en), to call a comment toxic when no
/// lexicon category backs it (the learned head alone). English learned from a mixture far more offensive than
/// what users see (OLID a third, Davidson three quarters) and called polite questions toxic on its own ("Have
/// you tried stepping through your program with a debugger?"). Measured: English Stack Exchange requests
/// flagged 725 → 170 of 6,603, brand replies 18 → 1 of 700, TweetEval offensive macro-F1 0.741 → 0.749 (never
/// trained on). German keeps its combination threshold: 0.45 or 0.5 lost GermEval 2021 0.616 → 0.611 / 0.606.
pub const HEAD_ALONE_MIN: [f32; 2] = [0.0, 0.5];

// ---- signals and topics -----------------------------------------------------------------------------------

/// Minimum signal sum for a signal to be reported. dev.
pub const SIGNAL_MIN: f32 = 0.9;
/// Weight a refund entry needs for its negation to read as a refund still owed ("no refund yet"); weaker cues
/// negated ("there is no guarantee") name no refund.
pub const REFUND_OWED_MIN: f32 = 2.5;
/// Heaviest public-escalation entry that only names a medium, a platform or a body ("Presse", "ZDF",
/// "YouTube video", "local news"): a mention, which escalates only where the writer tags it (@handle) or
/// announces a step in its sentence. judgement (the lexicon's own rule: names weigh 0.5–1; guidelines: "tags
/// media", not "simply posting publicly").
pub const ESCALATION_MENTION_MAX: f32 = 1.0;
/// Complaint weight of a negated service verb ("halten nicht", "didn't receive"): a complaint by itself.
pub const NEGATED_SERVICE_WEIGHT: f32 = SIGNAL_MIN;
/// Complaint weight of a question that presupposes a fault ("Wo bleibt …?", "How much longer …?"): a complaint
/// by itself.
pub const FAULT_QUESTION_WEIGHT: f32 = SIGNAL_MIN;
/// A sentence that asks (a "?" or a question opener, see the context layer) adds this to the question signal:
/// a question is a question on its own. judgement (guidelines: any genuine question).
pub const QUESTION_WEIGHT: f32 = 0.9;
/// A request to the company (bitte, please, can you) adds this to the question signal. judgement (guidelines:
/// explicit requests for help or action count as questions).
pub const REQUEST_WEIGHT: f32 = 0.9;
/// Words a short question after a conjunction may hold to read as a teaser the writer answers ("Und
/// Deutschland? Hinkt hinterher.", "And here? Nothing."): longer ones say what they ask. judgement.
pub const TEASER_FRAGMENT_WORDS: u32 = 3;
/// A reply to one account with at least this many words (and no thanks) is a follow-up in a support exchange,
/// to be answered. dev (guidelines: follow-ups in an ongoing support exchange are respond).
pub const FOLLOW_UP_WORDS: u32 = 4;
/// This many @-mentions in one comment is a mass-tag post (spam). judgement (guidelines: mass-tag posts).
pub const SPAM_MASS_TAGS: usize = 6;
/// Sentiment at or below which a customer-topic comment counts as a complaint. dev (−0.35 → −0.2 raised the
/// complaint F1 on both halves of both signal files, docs/triage.md).
pub const COMPLAINT_SENTIMENT: f32 = -0.2;
/// Words besides the thanks formula a sentence of closing thanks may hold ("Danke im Voraus!", "Thanks a lot
/// guys"): more, and the sentence says something of its own (`sentiment::thanks_in_advance`).
pub const THANKS_SENTENCE_EXTRA_WORDS: u32 = 2;
/// Sentiment at or above which a comment counts as praise. dev.
pub const PRAISE_SENTIMENT: f32 = 0.55;
/// Minimum topic sum for a topic other than `other`. dev.
pub const TOPIC_MIN: f32 = 0.9;
/// A text with this many links and a spam cue, or twice as many links, is spam. judgement.
pub const SPAM_LINKS: usize = 2;

// ---- criticality (playbook) ------------------------------------------------------------------------------

/// Points per signal (index: `Signal::index`). playbook.
pub const SIGNAL_POINTS: [f32; 10] = [
    18.0, // complaint
    8.0,  // question
    22.0, // churn
    45.0, // legal
    50.0, // safety
    40.0, // privacy
    15.0, // refund
    30.0, // public_escalation
    0.0,  // praise
    0.0,  // spam (answer with moderation, not with priority)
];
/// Points per toxic category. playbook.
pub const CATEGORY_POINTS: [f32; 6] = [
    18.0, // insult
    6.0,  // profanity
    55.0, // threat
    40.0, // identity_attack
    40.0, // sexual_harassment
    30.0, // call_to_action
];
/// Points for offensive wording found by the learned model alone. playbook.
pub const LEARNED_OFFENSE_POINTS: f32 = 15.0;
/// Points for negativity: NEGATIVITY_POINTS × max(0, −sentiment). playbook.
pub const NEGATIVITY_POINTS: f32 = 20.0;
/// Points for emphasis (capitals, !!!), at most. playbook.
pub const EMPHASIS_POINTS: f32 = 6.0;
/// Points for a watch word from the settings. playbook.
pub const WATCH_WORD_POINTS: f32 = 12.0;
/// Points for personal data posted in public. playbook.
pub const PERSONAL_DATA_POINTS: f32 = 10.0;
/// Safety-signal sum from which a comment reports an incident (harm that happened: burns, a fire, an
/// explosion — the safety lexicon's 2.5 entries) rather than a general danger ("gefährlich", 1). playbook.
pub const SAFETY_INCIDENT: f32 = 2.5;
/// Level thresholds on the score (at sensitivity 0.5). playbook.
pub const RESPOND_AT: f32 = 25.0;
pub const ESCALATE_AT: f32 = 60.0;
/// Sensitivity moves both thresholds by up to this many points (sensitivity 1 lowers them, 0 raises them).
pub const SENSITIVITY_SPAN: f32 = 20.0;
