//! Stage 3 rule — irony read from the structure of a sentence, where no marker phrase says it.
//!
//! `irony.txt` lists phrases that are (nearly) always sarcastic ("danke für nichts", "yeah right"). Most
//! sarcasm is built instead: praise whose object, or whose frame, is a failure. These builds are read here:
//!
//! - **Thanks for a failure** (`rule:irony:thanks-for-failure`): a thanks formula (`cue_thanks.txt`), then
//!   within [`THANKS_TO_FOR`] words of the same sentence the preposition that names what the thanks are for
//!   (`cue_thanked_for.txt`: für, fürs, for), and the first content word after it — past at most
//!   [`OBJECT_LEAD`] function words (`stopwords.txt`), numbers with their unit or handles — starts a negative word, a
//!   complaint phrase or an insult: "Danke @DB_Bahn für 40 Minuten Verspätung", "Thanks @airline for losing my
//!   bag". Thanks for what went right, or for reporting or fixing a problem, stay thanks: "Danke für die
//!   schnelle Hilfe", "Thanks for reporting the bug" (the first content word is "reporting"), "Thanks for not
//!   charging me" (a negation opens the object). A listed thanks phrase that names its object ("danke für die
//!   info") is sincere by its listing.
//! - **A question that denies the record** (`rule:irony:denying-question`): a question opened by a word of
//!   `cue_record.txt` (wann, wer, warum, when, who, why) with a word of `cue_ever.txt` (je, jemals, ever) and,
//!   after it, a praise word that is not negated: "Wann war die Bahn je pünktlich?", "When has your train ever
//!   been on time?". A question opened by "wie"/"how" asks how something was achieved ("How did you ever fix
//!   it so fast?"), praise before the word asks for the best ("What's the best phone you ever made?"), and a
//!   yes/no question with "ever" mostly asks in earnest ("Did you ever find a good solution?"): none of them
//!   denies anything. Such a question is venting, not
//!   a request for information: it no longer counts as a question.
//! - **Praise beside a repeated failure** (`rule:irony:praise-beside-repeat`): a clause that reports a failure
//!   (a negative word, a complaint phrase or an insult, not negated) together with a word that says it happened
//!   again or still lasts (`cue_again.txt`: schon wieder, zum dritten Mal, dritter, immer noch; again, for the
//!   third time, third, still), and next to it a clause that acclaims (`cue_acclaim.txt`: toll, super, gut
//!   gemacht, danke; great, well done, thanks; not negated): "Toll gemacht, @Bahn, der RE 7 fällt schon wieder
//!   aus.", "Third cancelled train this week, great job.". The praise clause has at most
//!   [`PRAISE_CLAUSE_WORDS`] words in the same sentence, or at most [`PRAISE_SENTENCE_WORDS`] as a sentence of
//!   its own ("Great job! My train is cancelled again."); handles between the two do not count ("Great job,
//!   @Rail, …"). Left alone: a repeated event that is no failure ("Super, die App läuft wieder"), a failure
//!   clause that also praises ("Danke, die Störung ist wieder behoben"), a failure supposed ("Gern geschehen.
//!   Falls es wieder hakt, …"), interjections that praise nothing ("Yeah, it's always weird"), a contrast ("The
//!   staff were lovely, but my train was late again": sincere praise of something else), and longer praise
//!   ("The crew on board were really friendly and helpful. The train was late again.").
//! - **Praise that opens onto a failure** (`rule:irony:praise-opening-on-failure`): the comment opens with a
//!   short acclaim that is no thanks formula, and its next clause reports a failure that weighs (a complaint
//!   phrase, an insult or a clearly negative word): "Super Service, niemand geht ans Telefon.", "Awesome, the
//!   app crashes at checkout.". A failure clause that asks, supposes, contrasts or praises too is left alone.
//! - **Praise that closes on a failure** (`rule:irony:praise-closing-on-failure`): the mirror image — a clause
//!   reports a failure that weighs and the comment ends on a short acclaim that is not only thanks: "Bin 4
//!   Stunden später als geplant angekommen. Super, danke.", "My parcel arrived crushed. Great!".
//! - **A record the writer cannot remember** (`rule:irony:forgotten-record`): "I can't remember", "Ich weiß
//!   nicht mehr" (`cue_forgot.txt`), then when / the last time and a praise word: "I can't remember the last
//!   time my train was on time." (`cue_ever.txt` also holds "the last time", "das letzte Mal", so the
//!   question form "When was the last time your train was on time?" denies its praise too.)
//!
//! The sentence is then ironic like one with a marker phrase: its praise words flip
//! (`rule:irony-flips-praise`), the heads may not call it positive, and the rule adds negative valence of its
//! own (`params::IRONY_RULE_WEIGHT`, in `signals.rs`). Linear: one pass over the hits builds per-token flags,
//! and every cue scans at most a fixed number of tokens (`tests/fixtures/hostile/analyze-irony-cues.json`).

use crate::lexicon::{Cue, List};
use crate::model::{Category, Signal, Span};
use crate::text::{TokenKind, Tokens};

use super::context::Context;
use super::hits::{Hit, is_wordish};

/// Most words between a thanks formula and its "für"/"for" ("Danke an die @DB_Bahn für", "Thanks again
/// @airline for").
pub const THANKS_TO_FOR: usize = 4;
/// Most function words, numbers or handles before the first content word of what the thanks are for ("für die
/// erneut 40 Minuten", "for the 2nd time").
pub const OBJECT_LEAD: usize = 3;
/// Most tokens between "je"/"ever" and the praise it denies ("When has your train ever been on time?").
pub const DENIAL_REACH: usize = 8;
/// Most words of a praise clause in the sentence of a repeated failure ("Ganz toller Service", "great job").
pub const PRAISE_CLAUSE_WORDS: u32 = 4;
/// Most words of a praise sentence next to the sentence of a repeated failure ("Toll gemacht!", "Great job!").
pub const PRAISE_SENTENCE_WORDS: u32 = 2;
/// Most words between "I can't remember" and the word that asks about the record ("Ich kann mich ehrlich gesagt
/// nicht mehr erinnern, wann").
pub const FORGOT_TO_RECORD: usize = 3;
/// Every scan stops after this many tokens of any kind (punctuation and emoji between the words), so the
/// rules stay linear in the text.
const SCAN_TOKENS: usize = 12;
/// The weight at or below which a negative word reports a failure by itself ("kaputt", "lost", "refused").
const STRONG_NEGATIVE: f32 = -2.0;

const NEG: u16 = 1;
const POS: u16 = 2;
const STOP: u16 = 4;
const FOR: u16 = 8;
const RECORD: u16 = 16;
const AGAIN: u16 = 32;
const CONTRAST: u16 = 64;
const PRAISE: u16 = 128;
/// A failure that weighs: a complaint phrase, an insult or a clearly negative word (not a mild regret such
/// as "schade", "pity").
const STRONG: u16 = 256;
const EVER: u16 = 512;

/// Reads the built irony of the comment into the context's sentences and `cx.irony`.
pub(crate) fn read(text: &str, tokens: &Tokens, hits: &[Hit], cx: &mut Context) {
    if !hits.iter().any(|h| {
        matches!(
            h.list,
            List::Cue(Cue::ThankedFor | Cue::Ever | Cue::Forgot | Cue::Again | Cue::Acclaim)
        )
    }) {
        return;
    }
    let n = tokens.tokens.len();
    // the tokens an again-word covers: "schon wieder" is itself a negative phrase, but no failure
    let mut again_word = vec![false; n];
    for h in hits.iter().filter(|h| h.list == List::Cue(Cue::Again)) {
        again_word[h.t0 as usize..(h.t1 as usize).min(n)].fill(true);
    }
    let mut flags = vec![0u16; n];
    for h in hits {
        let Some(f) = flags.get_mut(h.t0 as usize) else {
            continue;
        };
        let beyond_again = || again_word[h.t0 as usize..(h.t1 as usize).min(n)].contains(&false);
        *f |= match h.list {
            List::Sentiment if h.weight <= STRONG_NEGATIVE && beyond_again() => NEG | STRONG,
            List::Sentiment if h.weight < 0.0 && beyond_again() => NEG,
            List::Sentiment if h.weight > 0.0 => POS,
            // a problem denied ("no problems", "keine Probleme": weak and opened by a negator) is no failure
            List::Signal(Signal::Complaint) if h.denies_problem(|| cx.negator[h.t0 as usize]) => 0,
            List::Signal(Signal::Complaint) | List::Toxic(Category::Insult) if beyond_again() => {
                NEG | STRONG
            }
            List::Stopword if h.t1 == h.t0 + 1 => STOP,
            List::Cue(Cue::ThankedFor) => FOR,
            List::Cue(Cue::Record) => RECORD,
            List::Cue(Cue::Ever) => EVER,
            List::Cue(Cue::Again) => AGAIN,
            List::Cue(Cue::Acclaim) => PRAISE,
            // "yet again" says again, it sets nothing against anything
            List::Contrast if beyond_again() => CONTRAST,
            _ => 0,
        };
    }
    let same_sentence = |a: usize, b: usize| tokens.tokens[a].sentence == tokens.tokens[b].sentence;
    for h in hits {
        match h.list {
            List::Cue(Cue::Thanks) => {
                let (t0, t1) = (h.t0 as usize, h.t1 as usize);
                if flags[t0..t1.min(n)].iter().any(|f| f & FOR != 0) {
                    continue;
                }
                let Some(f) = find_for(tokens, &flags, t0, t1) else {
                    continue;
                };
                if let Some(k) = failure_after(tokens, &flags, cx, f) {
                    let s = tokens.tokens[t0].sentence as usize;
                    cx.sentences[s].ironic = true;
                    let span = Span::new(tokens.tokens[t0].span.start, tokens.tokens[k].span.end);
                    cx.irony.push(("rule:irony:thanks-for-failure", span));
                }
            }
            List::Cue(Cue::Ever) => {
                let e = h.t0 as usize;
                let s = tokens.tokens[e].sentence as usize;
                let sentence = &cx.sentences[s];
                if !(sentence.asks || sentence.rhetorical) || sentence.ironic {
                    continue;
                }
                if cx
                    .opening_word(tokens, s)
                    .is_none_or(|o| flags[o] & RECORD == 0)
                {
                    continue;
                }
                if let Some(k) =
                    praise_ahead(flags.as_slice(), cx, h.t1 as usize, |k| same_sentence(e, k))
                {
                    // venting, not a request for information
                    let sentence = &mut cx.sentences[s];
                    sentence.ironic = true;
                    sentence.rhetorical = true;
                    sentence.asks = false;
                    sentence.ask_span = None;
                    let span = Span::new(tokens.tokens[e].span.start, tokens.tokens[k].span.end);
                    cx.irony.push(("rule:irony:denying-question", span));
                }
            }
            List::Cue(Cue::Forgot) => forgotten_record(tokens, &flags, cx, h),
            _ => {}
        }
    }
    let read = read_clauses(tokens, &flags, cx);
    praise_beside_repeat(tokens, &flags, &read, cx);
    praise_opening_on_failure(tokens, &read, cx);
    praise_closing_on_failure(text, tokens, &read, cx);
}

/// What `rule:irony:praise-beside-repeat` needs to know of one clause.
#[derive(Clone, Copy, Default)]
struct ClauseRead {
    words: u32,
    sentence: u32,
    /// The first praise word with no negator before it in the clause.
    praise: Option<usize>,
    /// The first failure with no negator before it in the clause.
    failure: Option<usize>,
    again: bool,
    /// A negator has been seen in the clause so far.
    negator: bool,
    /// The clause supposes ("wenn", "falls", "if"): a failure in it has not happened.
    supposes: bool,
    /// A positive word of any weight, or a negated negative one ("nicht schlecht").
    positive: bool,
    contrast: bool,
    /// The praise is a thanks formula ("danke", "thanks").
    thanks: bool,
    /// The first failure that weighs ([`STRONG`]) with no negator before it.
    strong_failure: Option<usize>,
    /// Acclaim that is no thanks formula ("super", "great job").
    cheers: bool,
}

impl ClauseRead {
    /// A failure is reported as such: it is not supposed, nothing turns against it, nothing praises beside it.
    fn reports_failure(&self) -> bool {
        self.failure.is_some() && !self.positive && !self.contrast && !self.supposes
    }

    fn repeats_failure(&self) -> bool {
        self.reports_failure() && self.again
    }

    /// A clause of at most `most` words that acclaims and reports no failure.
    fn acclaims(&self, most: u32) -> bool {
        self.praise.is_some() && self.failure.is_none() && !self.contrast && self.words <= most
    }

    fn praises_beside(&self, failing: &ClauseRead) -> bool {
        self.acclaims(if self.sentence == failing.sentence {
            PRAISE_CLAUSE_WORDS
        } else {
            PRAISE_SENTENCE_WORDS
        })
    }
}

/// Marks the praise of clause `praising` (at token `praise_at`) ironic for the failure at token `at` of clause
/// `failing`: the failure now counts as reported, like a complaint phrase, so short praise after it is ironic
/// too (`sentiment::ironic_praise`: "Oh great, another delivery postponed. Fantastic service, really.").
fn ironise(
    tokens: &Tokens,
    cx: &mut Context,
    (praising, praise_at): (&ClauseRead, usize),
    (failing, at): (&ClauseRead, usize),
    rule: &'static str,
) {
    cx.sentences[praising.sentence as usize].ironic = true;
    let sentence = failing.sentence;
    cx.failure_in = Some(cx.failure_in.map_or(sentence, |s| s.min(sentence)));
    let (a, b) = (praise_at.min(at), praise_at.max(at));
    let span = Span::new(tokens.tokens[a].span.start, tokens.tokens[b].span.end);
    cx.irony.push((rule, span));
}

/// One pass builds a summary per clause for the two praise rules.
fn read_clauses(tokens: &Tokens, flags: &[u16], cx: &Context) -> Vec<ClauseRead> {
    let clauses = cx.clause.last().map_or(0, |&c| c as usize + 1);
    let mut read = vec![ClauseRead::default(); clauses];
    if !flags.iter().any(|f| f & (AGAIN | PRAISE) != 0) {
        return read;
    }
    for (t, tok) in tokens.tokens.iter().enumerate() {
        let k = cx.clause[t] as usize;
        let c = &mut read[k];
        c.sentence = tok.sentence;
        c.supposes = cx.clause_supposes[k];
        // a failure phrase that opens with a negator is not negated by it ("kein Internet", "nobody answers")
        let negated = c.negator;
        c.negator |= cx.negator[t];
        if tok.kind == TokenKind::Word {
            c.words += 1;
        }
        let f = flags[t];
        match (f & PRAISE != 0, f & NEG != 0, negated) {
            (true, _, false) => {
                c.praise.get_or_insert(t);
            }
            (_, true, false) => {
                c.failure.get_or_insert(t);
                if f & STRONG != 0 {
                    c.strong_failure.get_or_insert(t);
                }
            }
            (_, true, true) => c.positive = true,
            _ => {}
        }
        c.positive |= f & POS != 0;
        c.again |= f & AGAIN != 0;
        c.contrast |= f & CONTRAST != 0;
        c.thanks |= cx.thanks[t] && f & PRAISE != 0;
        c.cheers |= !cx.thanks[t] && f & PRAISE != 0;
    }
    read
}

/// `rule:irony:praise-beside-repeat`: each clause with a repeated failure looks at the nearest clause with
/// words on either side.
fn praise_beside_repeat(tokens: &Tokens, flags: &[u16], read: &[ClauseRead], cx: &mut Context) {
    if !flags.iter().any(|f| f & AGAIN != 0) {
        return;
    }
    let clauses = read.len();
    for f in 0..clauses {
        let failing = read[f];
        let Some(at) = failing.failure.filter(|_| failing.repeats_failure()) else {
            continue;
        };
        // the nearest clause with words on either side, past at most two of handles or emoji alone
        let before = (f.saturating_sub(3)..f).rev().find(|&c| read[c].words > 0);
        let after = (f + 1..clauses.min(f + 4)).find(|&c| read[c].words > 0);
        let Some(p) = [before, after]
            .into_iter()
            .flatten()
            .find(|&c| read[c].praises_beside(&failing))
        else {
            continue;
        };
        let praise_at = read[p].praise.unwrap_or(at);
        ironise(
            tokens,
            cx,
            (&read[p], praise_at),
            (&failing, at),
            "rule:irony:praise-beside-repeat",
        );
    }
}

/// `rule:irony:praise-opening-on-failure`: the comment opens with a short acclaim and its next clause reports
/// a failure ("Bester Service! Niemand geht ans Telefon.", "Awesome, the app deleted my order."). Thanks
/// formulas open many sincere reports and are left alone ("Danke! Mein Paket kam beschädigt an."), as are a
/// failure clause that asks, supposes, sets something against the praise or praises too ("Great question.
/// What do you mean by bug?", "Super, der Fehler ist behoben"), a mild regret ("Super Rede! Nur schade,
/// dass …": the failure must be a complaint phrase, an insult or a word of at most [`STRONG_NEGATIVE`]),
/// and a failure of one word (an aside in brackets).
fn praise_opening_on_failure(tokens: &Tokens, read: &[ClauseRead], cx: &mut Context) {
    let mut with_words = read.iter().filter(|c| c.words > 0);
    let (Some(opening), Some(failing)) = (with_words.next(), with_words.next()) else {
        return;
    };
    let (Some(praise_at), Some(at)) = (opening.praise, failing.strong_failure) else {
        return;
    };
    if opening.thanks
        || !opening.acclaims(PRAISE_CLAUSE_WORDS)
        || !failing.reports_failure()
        || failing.words < 2
        || failing.sentence > opening.sentence + 1
        || cx.sentences[failing.sentence as usize].asks
    {
        return;
    }
    ironise(
        tokens,
        cx,
        (opening, praise_at),
        (failing, at),
        "rule:irony:praise-opening-on-failure",
    );
}

/// `rule:irony:forgotten-record`: "I can't remember", "Ich weiß nicht mehr" (`cue_forgot.txt`), then in the
/// same sentence a word that asks about the record (`cue_record.txt`, `cue_ever.txt`: wann, when, das letzte
/// Mal, the last time) within [`FORGOT_TO_RECORD`] words, and after it, within [`DENIAL_REACH`] tokens, a
/// praise word that is not negated: "I can't remember the last time my train was on time", "Ich weiß nicht
/// mehr, wann der Zug zuletzt pünktlich war". What the writer cannot remember is the praise: it is denied.
/// Forgetting something else stays a statement ("I can't remember when I ordered it, the service was great":
/// the praise lies past a clause break).
fn forgotten_record(tokens: &Tokens, flags: &[u16], cx: &mut Context, h: &Hit) {
    let n = tokens.tokens.len();
    let start = h.t0 as usize;
    let s = tokens.tokens[start].sentence;
    let in_sentence = |k: usize| k < n && tokens.tokens[k].sentence == s;
    let mut words = 0;
    let mut k = h.t1 as usize;
    // the record word: "wann", "when", "the last time"
    let record = loop {
        if !in_sentence(k) || k >= h.t1 as usize + SCAN_TOKENS {
            return;
        }
        if flags[k] & (RECORD | EVER) != 0 {
            break k;
        }
        if is_wordish(tokens.tokens[k].kind) {
            words += 1;
            if words > FORGOT_TO_RECORD {
                return;
            }
        }
        k += 1;
    };
    let clause = cx.clause[record];
    if let Some(k) = praise_ahead(flags, cx, record + 1, |k| {
        in_sentence(k) && cx.clause[k] == clause
    }) {
        cx.sentences[s as usize].ironic = true;
        let span = Span::new(tokens.tokens[start].span.start, tokens.tokens[k].span.end);
        cx.irony.push(("rule:irony:forgotten-record", span));
    }
}

/// The first praise word from token `from` on, at most [`DENIAL_REACH`] tokens while `stay` holds and before any
/// negator: the praise a record question or a forgotten record denies.
fn praise_ahead(
    flags: &[u16],
    cx: &Context,
    from: usize,
    stay: impl Fn(usize) -> bool,
) -> Option<usize> {
    (from..(from + DENIAL_REACH).min(flags.len()))
        .take_while(|&k| stay(k) && !cx.negator[k])
        .find(|&k| flags[k] & POS != 0)
}

/// `rule:irony:praise-closing-on-failure`: the comment ends on a short acclaim — at most
/// [`PRAISE_CLAUSE_WORDS`] words in the clauses after the last failure, at least one of them acclaim that is no
/// thanks formula — right after a clause that reports a failure that weighs: "Bin 4 Stunden später als geplant
/// angekommen. Super, danke.", "My parcel arrived smashed. Great job!". Thanks alone close many sincere reports
/// and are left alone ("Mein Paket kam beschädigt an. Danke!"), as are a failure clause that asks, supposes,
/// sets something against it or praises too ("Der Zug fiel aus, aber der Ersatzbus war sofort da. Super!"),
/// a closing acclaim that names its object at length ("… Super, dass ihr euch so schnell gemeldet habt"), and a
/// failure word in quotation marks (a title).
fn praise_closing_on_failure(text: &str, tokens: &Tokens, read: &[ClauseRead], cx: &mut Context) {
    let mut words = 0;
    let mut cheers = false;
    let mut praise = None;
    let mut back = read.iter().rev().filter(|c| c.words > 0);
    let failing = loop {
        let Some(c) = back.next() else {
            return;
        };
        if c.failure.is_some() {
            break *c;
        }
        words += c.words;
        if words > PRAISE_CLAUSE_WORDS || c.contrast || c.supposes {
            return;
        }
        cheers |= c.cheers;
        if let Some(p) = c.praise {
            praise = Some((*c, p));
        }
    };
    let (Some((praising, praise_at)), Some(at)) = (praise, failing.strong_failure) else {
        return;
    };
    if !cheers
        || !failing.reports_failure()
        || failing.words < 2
        || praising.sentence > failing.sentence + 1
        || cx.sentences[failing.sentence as usize].asks
        // a failure word in quotation marks names a title or quotes someone ("… für die Dokumentation „Des
        // Kaisers schmutzige Wäsche“. Glückwunsch!")
        || super::hate::quoted_tokens(text, tokens)[at]
    {
        return;
    }
    ironise(
        tokens,
        cx,
        (&praising, praise_at),
        (&failing, at),
        "rule:irony:praise-closing-on-failure",
    );
}

/// The "für"/"for" after a thanks formula ending at `t1`, within [`THANKS_TO_FOR`] words of its sentence.
fn find_for(tokens: &Tokens, flags: &[u16], t0: usize, t1: usize) -> Option<usize> {
    let mut words = 0;
    let mut j = t1;
    let end = tokens.tokens.len().min(t1 + SCAN_TOKENS);
    while j < end && tokens.tokens[j].sentence == tokens.tokens[t0].sentence {
        if flags[j] & FOR != 0 {
            return Some(j);
        }
        if is_wordish(tokens.tokens[j].kind) {
            words += 1;
            if words > THANKS_TO_FOR {
                return None;
            }
        }
        j += 1;
    }
    None
}

/// The first content word after the preposition at `f`, if it starts a failure.
fn failure_after(tokens: &Tokens, flags: &[u16], cx: &Context, f: usize) -> Option<usize> {
    let mut lead = 0;
    let mut k = f + 1;
    let end = tokens.tokens.len().min(k + SCAN_TOKENS);
    while k < end && tokens.tokens[k].sentence == tokens.tokens[f].sentence {
        if cx.negator[k] || flags[k] & POS != 0 {
            return None;
        }
        if flags[k] & NEG != 0 {
            return Some(k);
        }
        let t = &tokens.tokens[k];
        // a number and its unit are a quantity ("for 40 minutes of delay")
        let unit = k > f + 1 && tokens.tokens[k - 1].kind == TokenKind::Number;
        let leads = flags[k] & STOP != 0
            || unit
            || matches!(t.kind, TokenKind::Number | TokenKind::Mention);
        if is_wordish(t.kind) || t.kind == TokenKind::Mention {
            if !leads {
                return None;
            }
            lead += 1;
            if lead > OBJECT_LEAD {
                return None;
            }
        }
        k += 1;
    }
    None
}
