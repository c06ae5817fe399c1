//! Stage 3 — context: who speaks to whom, what each sentence does, and what kind of text it is.
//!
//! The facets consult this layer instead of reacting to single words: a legal word counts when the writer
//! announces it, not when a newspaper reports it; a question needs a question; a violent word is a threat only
//! when someone is threatened. Everything here comes from the tokens, the lexicon hits (including the
//! `cue_*.txt` lists) and the punctuation — no word lists live in the code.

use crate::lexicon::{Cue, List, lexicons};
use crate::model::{Category, Lang, Signal, Span};
use crate::params as p;
use crate::text::{TokenKind, Tokens, clause_break};

use super::Options;
use super::address::is_polite;
use super::hits::{Hit, is_wordish, starting_in};

/// What one sentence does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    /// The writer speaks of themselves (ich, mein, wir, I, my, we).
    pub first_person: bool,
    /// The sentence addresses the reader (du, ihr, euch, Sie, you).
    pub addressed: bool,
    /// A question: ends with "?", or opens with a question word or a verb-first order.
    pub asks: bool,
    /// Asks for something (bitte, please, can you, hilf).
    pub requests: bool,
    /// Announces what the writer will do (ich werde, ich gehe, I will, I'm going to).
    pub announces: bool,
    /// Reports what others did or said (laut, berichtet, ermittelt, according to).
    pub reports: bool,
    /// Supposes or imagines (falls, wenn, würde, if, would).
    pub hypothetical: bool,
    /// Wishes that something be done (gehört, sollte man, should be, deserve).
    pub wishes: bool,
    /// Has an irony marker (na toll, danke für nichts, thanks for nothing).
    pub ironic: bool,
    /// Words in the sentence.
    pub words: u32,
    /// Ends in an exclamation ("!").
    pub exclaims: bool,
    /// Speaks to others (alle, Leute, everyone, people).
    pub others: bool,
    /// Names a person met on the way (Leute, Sitznachbar, neben mir, people, next to me): where the cue
    /// stands.
    pub bystander: Option<Span>,
    /// Names the company's staff or service (Schaffner, Hotline, conductor, customer service;
    /// `cue_staff.txt`).
    pub staff: bool,
    /// Rhetorical venting rather than a request for information ("Wann ist denn schon mal auf euch Verlass?",
    /// "Late again, right?").
    pub rhetorical: bool,
    /// Opens with a how-to question ("Wie ändere ich …", "How do I …"): asks how, not about the writer's case.
    pub how_to: bool,
    /// Where the sentence shows that it asks (its "?" or its opening word) and that it requests.
    pub ask_span: Option<Span>,
    pub request_span: Option<Span>,
}

/// What kind of text the comment is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Genre {
    /// A comment to the company or about it.
    #[default]
    Comment,
    /// A news headline, press text or shared article.
    News,
    /// A reply among users in a forum thread ("Re: …").
    Chat,
}

/// The context of one comment: per-token roles for the sentiment rules, per-sentence acts, and the comment as
/// a whole.
#[derive(Debug, Default)]
pub struct Context {
    /// Per token: a negator starts here.
    pub negator: Vec<bool>,
    /// Per token: the factor of an intensifier ending here (1.0: none).
    pub intensifier: Vec<f32>,
    /// Per token: an exception word (never toxic).
    pub exception: Vec<bool>,
    /// Per token: the first or last word of an idiom in the exceptions ("Schwein gehabt"): never toxic, a
    /// word of a toxic list there included.
    pub idiom: Vec<bool>,
    /// Per token: a profanity starts here.
    pub profane: Vec<bool>,
    /// Per token: an addressee word starts here (du, ihr, you).
    pub addressee: Vec<bool>,
    /// Per token: part of a verb of wanting or needing (will, brauche, want, would like; `cue_want`).
    pub want: Vec<bool>,
    /// Per token: an amount or a thing that fills up starts here (`cue_amount`: Preise, Posteingang, prices,
    /// inbox).
    pub amount: Vec<bool>,
    /// Per token: a verb of bursting starts here (`cue_surge`: explodiert, exploded).
    pub surge: Vec<bool>,
    /// Per token: a positive word that praises nothing current, with the rule that says why — a standard word
    /// (`cue_standard`) a demand before it in its clause says is lacking (`rule:context:demanded-standard`:
    /// "Ihr solltet mal pünktlich sein"), or praise a cue of the past puts in the past
    /// (`rule:context:praise-in-the-past`: "I used to love your coffee").
    pub lapsed: Vec<Option<&'static str>>,
    /// Per clause: the writer blames themselves in it (`cue_own_fault`: "Bin schon wieder in den falschen Zug
    /// gestiegen", "I took the wrong train"); a complaint word in the clause is the writer's own mistake.
    pub clause_own_fault: Vec<bool>,
    /// Per token: part of a trouble that a word of `cue_resolved` says is over ("Die Störung ist behoben", "The
    /// outage has been fixed"), or of a resolution only awaited ("muss gelöst werden"; `resolved.rs`).
    pub fix: Vec<super::resolved::Fix>,
    /// Per token: part of a thanks formula (danke, thank you): bare thanks are no praise.
    pub thanks: Vec<bool>,
    /// Per token: a negator inside a polar phrase ("no refund" as a complaint): no negator for the polar words,
    /// but it still negates a signal word in the phrase ("No refund needed").
    pub phrase_negator: Vec<bool>,
    /// Per token: part of a multi-word polar phrase.
    pub in_phrase: Vec<bool>,
    /// Per token: a role cue (ist ein, is a, works as a) ends right before it.
    pub role_before: Vec<bool>,
    /// Per token: a preposition that directs something at it ends right before it (`cue_directed`: "an die
    /// Zeitung", "to the local paper").
    pub directed_at: Vec<bool>,
    /// The first contrast word (aber, but).
    pub contrast_at: Option<u32>,
    /// Per sentence: the index of its first and last word token (usize::MAX when it has none).
    pub first_word_in: Vec<usize>,
    pub last_word_in: Vec<usize>,
    /// Per token: a greeting to skip before a question opener (bit 1), a question opener (bit 2), a how-to
    /// opener (bit 3), a tentative opener (bit 4), a question word (bit 5).
    openers: Vec<u8>,
    /// Per sentence: what it does.
    pub sentences: Vec<Sentence>,
    /// Per token: its clause (a new clause starts at a comma, colon, dash or sentence break).
    pub clause: Vec<u32>,
    /// Per clause: it supposes (falls, wenn, würde, if, would) or reports (laut, berichtet, according to).
    pub clause_supposes: Vec<bool>,
    pub clause_reports: Vec<bool>,
    /// Someone is addressed: an @-mention (not the source of a retweet), du/ihr/Sie/you.
    pub addressed: bool,
    /// The company is named by one of its handles or names from the options.
    pub names_company: bool,
    /// The writer speaks of their own case somewhere.
    pub first_person: bool,
    /// A labour dispute is named (Streik, Gewerkschaft, strike, pay talks).
    pub labour: bool,
    pub genre: Genre,
    /// The text is a reply draft in the company's voice ([`crate::Options::for_draft`]).
    pub draft: bool,
    /// The first sentence that reports a failure (a complaint phrase that is not negated), unless a contrast
    /// sets a remedy against it (`set_against`): short praise after it is irony ("Schon wieder kaputt.
    /// Toll.").
    pub failure_in: Option<u32>,
    /// Irony read from the structure of a sentence (`irony.rs`): the rule and the span it rests on.
    pub irony: Vec<(&'static str, Span)>,
    /// The text is signed or voiced by the company itself (its reply on the page).
    pub own_reply: Option<Span>,
    /// A reply to one account with some content and no thanks: a follow-up in a support exchange.
    pub follow_up: bool,
    /// An account is mentioned (not only as the source of a retweet, not in a chain of several at the start).
    pub mentioned: bool,
    /// The comment opens with an acknowledgement ("Ok, danke", "No worries"): where, if it does.
    pub acknowledges: Option<Span>,
    /// The writer asks for a private channel ("per DM", "call me"): the cue's lexicon id and span.
    pub asks_private: Option<(&'static str, Span)>,
    /// A transaction word (order, booking, account, payment): the cue's lexicon id and span, first one.
    pub case_word: Option<(&'static str, Span)>,
}

impl Context {
    /// The first word of sentence `s` after greetings and fillers, if it has one.
    pub fn opening_word(&self, tokens: &Tokens, s: usize) -> Option<usize> {
        let (first, last) = (*self.first_word_in.get(s)?, *self.last_word_in.get(s)?);
        if last == usize::MAX {
            return None;
        }
        (first..=last).find(|&i| {
            self.openers.get(i).is_some_and(|b| b & SKIP == 0) && is_wordish(tokens.tokens[i].kind)
        })
    }
    /// The sentence of token `t`.
    pub fn sentence_of(&self, tokens: &Tokens, t: usize) -> &Sentence {
        let s = tokens.tokens.get(t).map_or(0, |t| t.sentence as usize);
        static EMPTY: Sentence = Sentence {
            first_person: false,
            addressed: false,
            asks: false,
            requests: false,
            announces: false,
            reports: false,
            hypothetical: false,
            wishes: false,
            ironic: false,
            words: 0,
            exclaims: false,
            rhetorical: false,
            others: false,
            bystander: None,
            staff: false,
            how_to: false,
            ask_span: None,
            request_span: None,
        };
        self.sentences.get(s).unwrap_or(&EMPTY)
    }

    /// A case the writer brings to the company: their own case or an address to the company.
    pub fn is_case(&self) -> bool {
        self.genre == Genre::Comment && (self.addressed || self.names_company || self.first_person)
    }

    /// Tokens `t0..t1` touch the first or last word of an idiom in the exceptions ("Schwein gehabt", "Fire TV").
    pub fn touches_idiom(&self, t0: u32, t1: u32) -> bool {
        (t0..t1).any(|t| self.idiom[t as usize])
    }

    /// The writer blames themselves somewhere (meine Schuld, hab vergessen, my fault, I forgot).
    pub fn own_fault(&self) -> bool {
        self.clause_own_fault.contains(&true)
    }

    /// Addressed to the company (or to someone who can answer for it).
    pub fn to_company(&self) -> bool {
        self.genre == Genre::Comment && (self.addressed || self.names_company)
    }

    /// A question word or a question opener (wie, wo, gibt es, what, where, is there) stands at token `t`.
    pub fn question_word_at(&self, t: usize) -> bool {
        self.openers.get(t).is_some_and(|&b| b & (WH | OPENER) != 0)
    }

    /// The clause of token `t` supposes something ("wenn", "falls", "if", "would").
    pub fn supposes(&self, t: usize) -> bool {
        self.clause
            .get(t)
            .is_some_and(|&c| self.clause_supposes[c as usize])
    }

    /// The clause of token `t` reports what others did or said.
    pub fn reports(&self, t: usize) -> bool {
        self.clause
            .get(t)
            .is_some_and(|&c| self.clause_reports[c as usize])
    }

    /// Sentence `s` demands of the company or a mentioned account without calling on others ("Macht endlich
    /// was, @Laden!"): a request, not a call to action.
    pub fn demands_of_company(&self, s: &Sentence) -> bool {
        !s.others && (self.mentioned || self.names_company)
    }

    /// Any sentence announces what the writer will do.
    pub fn announces(&self) -> bool {
        self.sentences.iter().any(|s| s.announces)
    }

    /// Any sentence asks the company something.
    pub fn asks(&self) -> bool {
        self.sentences.iter().any(|s| s.asks)
    }
}

/// Tokens, language-filtered hits and context of `text`, as the analysis builds them: for the stages' tests.
#[cfg(test)]
pub(crate) fn prepare(text: &str, lang: Lang) -> super::Scratch {
    let mut s = super::Scratch::default();
    crate::text::tokenize(text, &mut s.tokens);
    super::hits::collect(text, &mut s);
    super::hits::keep_language(&mut s.hits, lang);
    read_into(
        text,
        &s.tokens,
        &s.hits,
        lang,
        &Options::default(),
        &mut s.cx,
    );
    s
}

const SKIP: u8 = 1;
const OPENER: u8 = 2;
const HOW_TO: u8 = 4;
const TENTATIVE: u8 = 8;
const WH: u8 = 16;
const TEASER: u8 = 32;
const CONTINUES: u8 = 64;

/// Sentence `s` is a teaser inside a story: a question that opens with a word of `cue_teaser` ("Was macht die
/// Bahn?", "Die Antwort?", "What did they do?") or a short question after a conjunction of
/// `cue_continuation` with no question word ("Und Deutschland?", "And here?"), with a sentence before it and a
/// statement after it that gives the answer. A question about the writer's own case, a request, a fragment
/// that addresses the reader ("Und du?"), or one followed by another question, by thanks or by hashtags alone
/// is not a teaser.
fn answered_by_writer(cx: &Context, tokens: &Tokens, s: usize, first_spoken: usize) -> bool {
    let here = &cx.sentences[s];
    if here.first_person || here.requests {
        return false;
    }
    let (first, last) = (cx.first_word_in[s], cx.last_word_in[s]);
    let Some(opening) = cx.opening_word(tokens, s) else {
        return false;
    };
    let bits = |i: usize| cx.openers.get(i).copied().unwrap_or(0);
    let teaser = bits(opening) & TEASER != 0 || (opening < last && bits(opening + 1) & TEASER != 0);
    // "Und du?", "And you?" ask the reader
    let fragment = bits(first) & CONTINUES != 0
        && !here.addressed
        && here.words <= p::TEASER_FRAGMENT_WORDS
        && !(first..=last).any(|i| bits(i) & (WH | OPENER) != 0);
    if !(teaser || fragment) {
        return false;
    }
    let has_words = |k: &usize| cx.first_word_in[*k] != usize::MAX;
    let Some(next) = (s + 1..cx.sentences.len()).find(has_words) else {
        return false;
    };
    let answer = &cx.sentences[next];
    // an answer says something: a word besides thanks ("Danke!") and hashtags ("#fail")
    let says = (cx.first_word_in[next]..=cx.last_word_in[next]).any(|i| {
        matches!(tokens.tokens[i].kind, TokenKind::Word | TokenKind::Number) && !cx.thanks[i]
    });
    first_spoken < s && says && !answer.asks && !answer.requests
}

fn refill<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}

/// [`read`] into an existing context, reusing its buffers.
pub(crate) fn read_into(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    lang: Lang,
    opts: &Options,
    out: &mut Context,
) {
    let lex = lexicons();
    let n = tokens.tokens.len();
    let sentences = tokens.sentences as usize + 1;
    let mut cx = Context {
        negator: std::mem::take(&mut out.negator),
        intensifier: std::mem::take(&mut out.intensifier),
        exception: std::mem::take(&mut out.exception),
        idiom: std::mem::take(&mut out.idiom),
        profane: std::mem::take(&mut out.profane),
        addressee: std::mem::take(&mut out.addressee),
        want: std::mem::take(&mut out.want),
        clause_own_fault: std::mem::take(&mut out.clause_own_fault),
        fix: std::mem::take(&mut out.fix),
        amount: std::mem::take(&mut out.amount),
        surge: std::mem::take(&mut out.surge),
        lapsed: std::mem::take(&mut out.lapsed),
        thanks: std::mem::take(&mut out.thanks),
        in_phrase: std::mem::take(&mut out.in_phrase),
        role_before: std::mem::take(&mut out.role_before),
        directed_at: std::mem::take(&mut out.directed_at),
        phrase_negator: std::mem::take(&mut out.phrase_negator),
        last_word_in: std::mem::take(&mut out.last_word_in),
        first_word_in: std::mem::take(&mut out.first_word_in),
        openers: std::mem::take(&mut out.openers),
        sentences: std::mem::take(&mut out.sentences),
        clause: std::mem::take(&mut out.clause),
        clause_supposes: std::mem::take(&mut out.clause_supposes),
        clause_reports: std::mem::take(&mut out.clause_reports),
        irony: std::mem::take(&mut out.irony),
        ..Context::default()
    };
    refill(&mut cx.negator, n, false);
    refill(&mut cx.intensifier, n, 1.0);
    refill(&mut cx.exception, n, false);
    refill(&mut cx.idiom, n, false);
    refill(&mut cx.profane, n, false);
    refill(&mut cx.addressee, n, false);
    refill(&mut cx.want, n, false);
    refill(&mut cx.thanks, n, false);
    refill(&mut cx.in_phrase, n, false);
    refill(&mut cx.role_before, n, false);
    refill(&mut cx.directed_at, n, false);
    refill(&mut cx.phrase_negator, n, false);
    refill(&mut cx.last_word_in, sentences, usize::MAX);
    refill(&mut cx.first_word_in, sentences, usize::MAX);
    refill(&mut cx.openers, n, 0);
    refill(&mut cx.sentences, sentences, Sentence::default());
    let mut clause = 0u32;
    cx.clause.clear();
    for (i, t) in tokens.tokens.iter().enumerate() {
        if i > 0 {
            // the break is either between the tokens or a punctuation token itself
            if clause_break(text, &tokens.tokens[i - 1], t) {
                clause += 1;
            }
        }
        cx.clause.push(clause);
    }
    refill(&mut cx.clause_supposes, clause as usize + 1, false);
    refill(&mut cx.clause_reports, clause as usize + 1, false);
    refill(&mut cx.clause_own_fault, clause as usize + 1, false);
    refill(&mut cx.amount, n, false);
    refill(&mut cx.surge, n, false);
    refill(&mut cx.lapsed, n, None);
    for (i, t) in tokens.tokens.iter().enumerate() {
        if is_wordish(t.kind) {
            let s = t.sentence as usize;
            cx.last_word_in[s] = i;
            if cx.first_word_in[s] == usize::MAX {
                cx.first_word_in[s] = i;
            }
            cx.sentences[s].words += 1;
        }
    }
    for h in hits {
        if h.t1 - h.t0 > 1 && h.list == List::Sentiment {
            cx.in_phrase[h.t0 as usize..h.t1 as usize]
                .iter_mut()
                .for_each(|x| *x = true);
        }
    }
    // greetings and fillers at a sentence start are skipped when looking for the opening word

    let mut news_cue = false;
    // the token of the first failure, for `set_against`
    // where the last audience preposition ends ("für", "for"), for the bystander cue
    let mut audience_before: Option<usize> = None;
    // an opinion marker ("ich finde", "I think") somewhere
    let mut opinion = false;
    // the first acknowledgement (hits come in token order): only it can open the comment
    let mut first_ack: Option<(usize, Span)> = None;
    // question openers ("Habt ihr", "Is there"), by their first token

    for h in hits {
        if matches!(h.list, List::Sentiment | List::Stopword | List::Topic(_)) {
            continue;
        }
        let e = lex.entry(h.entry);
        let t0 = h.t0 as usize;
        let sent = tokens.tokens[t0].sentence as usize;
        let s = &mut cx.sentences[sent];
        match e.list {
            // a negator inside a polar phrase ("don't care") belongs to the phrase
            List::Negator if !cx.in_phrase[t0] => {
                cx.negator[t0] = true;
            }
            List::Negator => cx.phrase_negator[t0] = true,
            List::Intensifier => cx.intensifier[(h.t1 as usize).saturating_sub(1)] = e.weight,
            List::Addressee => {
                s.addressed = true;
                cx.addressee[t0] = true;
            }
            List::Exception if !h.partial => {
                cx.exception[t0] = true;
                // an idiom whose first and last words insult nobody ("Schwein gehabt", "guinea pig")
                if h.t1 > h.t0 + 1 {
                    cx.idiom[t0] = true;
                    cx.idiom[h.t1 as usize - 1] = true;
                }
            }
            List::Contrast if cx.contrast_at.is_none() => cx.contrast_at = Some(h.t0),
            List::Irony => s.ironic = true,
            List::Toxic(Category::Profanity) => cx.profane[t0] = true,
            List::Cue(cue) => match cue {
                Cue::FirstPerson => s.first_person = true,
                Cue::Intent => s.announces = true,
                Cue::Report => {
                    s.reports = true;
                    cx.clause_reports[cx.clause[t0] as usize] = true;
                }
                Cue::Hypothesis => {
                    s.hypothetical = true;
                    cx.clause_supposes[cx.clause[t0] as usize] = true;
                }
                Cue::Request => {
                    s.requests = true;
                    s.request_span.get_or_insert(h.span);
                }
                Cue::Wish => s.wishes = true,
                Cue::Greeting => cx.openers[t0..h.t1 as usize]
                    .iter_mut()
                    .for_each(|x| *x |= SKIP),
                Cue::Rhetorical => s.rhetorical = true,
                // a tag counts where it ends its sentence
                Cue::Tag => {
                    if cx.last_word_in[sent] == h.t1 as usize - 1 {
                        s.rhetorical = true;
                    }
                }
                Cue::Thanks => cx.thanks[t0..h.t1 as usize]
                    .iter_mut()
                    .for_each(|x| *x = true),
                Cue::Question => cx.openers[t0] |= OPENER,
                Cue::Others => s.others = true,
                // "für junge Leute", "for kids": customers the service is for, not people met on the way
                Cue::Bystander
                    if audience_before.is_some_and(|a| {
                        a <= t0 && words_between(tokens, a, t0) <= AUDIENCE_REACH
                    }) => {}
                // "passenger association", "commuter group": a body that speaks for them, no one met on the way
                Cue::Bystander if names_organisation(hits, h.t1) => {}
                Cue::Bystander => {
                    s.bystander.get_or_insert(h.span);
                }
                Cue::Audience => audience_before = Some(h.t1 as usize),
                Cue::Staff => s.staff = true,
                Cue::Acknowledgement => {
                    first_ack.get_or_insert((t0, h.span));
                }
                Cue::Private => {
                    cx.asks_private.get_or_insert((e.id(), h.span));
                }
                // "flight 609" names a service anyone on it shares, not the writer's booking
                Cue::Case if names_line(tokens, hits, h) => {}
                Cue::Case => {
                    cx.case_word.get_or_insert((e.id(), h.span));
                }
                Cue::News => news_cue = true,
                Cue::Labour => cx.labour = true,
                Cue::OwnFault => cx.clause_own_fault[cx.clause[t0] as usize] = true,
                Cue::Amount => cx.amount[t0] = true,
                Cue::Surge => cx.surge[t0] = true,
                Cue::Demand => demand_after(tokens, hits, &mut cx, h),
                Cue::Past => past_after(tokens, hits, &mut cx, h),
                Cue::Denial => denied_before(tokens, hits, &mut cx, h),
                Cue::Opinion => opinion = true,
                // read with the demand before it (`demand_after`)
                Cue::Standard => {}
                Cue::Want => cx.want[t0..h.t1 as usize]
                    .iter_mut()
                    .for_each(|x| *x = true),
                // read with the transaction words (`names_line`)
                Cue::Line => {}
                // read with the bystander words (`names_organisation`)
                Cue::Organisation => {}
                // read with the complaint phrases (lasting.rs)
                Cue::Duration => {}
                // read by the negated-service and the fault-question rules (service.rs, fault.rs)
                Cue::Service | Cue::Fault | Cue::Outrage => {}
                // read by the gap patterns (hits.rs)
                Cue::Reflexive => {}
                // read by the imperative rule (imperative.rs)
                Cue::Imperative | Cue::Command | Cue::Statement => {}
                // read by the irony rules (irony.rs)
                Cue::ThankedFor
                | Cue::Ever
                | Cue::Record
                | Cue::Forgot
                | Cue::Again
                | Cue::Acclaim => {}
                // read by the why-not rule (fault.rs)
                Cue::Why => {}
                // read by the insult-on-a-thing rule (toxicity.rs)
                Cue::Person | Cue::Determiner | Cue::Adjective => {}
                // read by the self-directed insult rule (self_directed.rs)
                Cue::SelfRef | Cue::Remark | Cue::SelfAfter => {}
                Cue::Directed => {
                    if let Some(x) = cx.directed_at.get_mut(h.t1 as usize) {
                        *x = true;
                    }
                }
                Cue::Role => {
                    if let Some(x) = cx.role_before.get_mut(h.t1 as usize) {
                        *x = true;
                    }
                }
                // counts as the sentence's opening words (after greetings), below
                Cue::HowTo => cx.openers[t0] |= HOW_TO,
                Cue::Tentative => cx.openers[t0] |= TENTATIVE,
                Cue::Wh => cx.openers[t0] |= WH,
                Cue::Teaser => cx.openers[t0] |= TEASER,
                Cue::Continuation => cx.openers[t0] |= CONTINUES,
                // read by the sign-off check (`signed_off`)
                Cue::ToneTag => {}
                // read once the sentences are known (resolved.rs)
                Cue::Resolved | Cue::Pending | Cue::Cause => {}
            },
            _ => {}
        }
    }
    // polite German "Sie": capitalised inside a sentence
    if lang == Lang::De {
        for t in &tokens.tokens {
            if t.kind != TokenKind::Word {
                continue;
            }
            let first = cx.first_word_in[t.sentence as usize];
            let first_in_sentence = tokens.tokens.get(first).is_none_or(|f| f.span == t.span);
            // "SIE" in a shouted text says nothing about the form of address
            if !t.caps && is_polite(tokens.norm_of(t), t.span.slice(text), first_in_sentence) {
                cx.sentences[t.sentence as usize].addressed = true;
            }
        }
    }
    // questions: a "?" after the sentence, or a question word as its first word (after greetings)
    // the first sentence with a word: what comes after it follows something the writer said
    let first_spoken = cx
        .first_word_in
        .iter()
        .position(|&f| f != usize::MAX)
        .unwrap_or(usize::MAX);
    for s in 0..sentences {
        let first_word = cx.first_word_in[s];
        let last = cx.last_word_in[s];
        if last == usize::MAX {
            continue;
        }
        // punctuation between the sentence's last word and the next sentence's first token
        let end = tokens.tokens[last].span.end;
        let next = tokens
            .tokens
            .iter()
            .skip(last + 1)
            .find(|t| t.sentence as usize != s)
            .map_or(text.len(), |t| t.span.start);
        let tail = text.get(end..next).unwrap_or("");
        let mark = tail.contains('?');
        cx.sentences[s].exclaims = tail.contains('!');
        let first = cx.opening_word(tokens, s).unwrap_or(last + 1);
        // what the sentence's opening word (after greetings) is marked as
        let opens = |bit: u8| first <= last && cx.openers[first] & bit != 0;
        let opener = opens(OPENER);
        cx.sentences[s].how_to = opens(HOW_TO);
        // "Was für ein …!", "What a …!" are exclamations; an opener needs a question-like end or none at all
        let exclamation = first < last
            && matches!(
                tokens.norm_of(&tokens.tokens[first + 1]),
                "fuer" | "a" | "an"
            )
            && matches!(tokens.norm_of(&tokens.tokens[first]), "was" | "what");
        // "#Ironie ?", "#fail?": a mark after nothing but hashtags comments, it asks nothing
        let only_tags = (first_word..=last)
            .filter(|&j| is_wordish(tokens.tokens[j].kind))
            .all(|j| tokens.tokens[j].kind == TokenKind::Hashtag);
        // "Vielleicht in Rot?", "Maybe they forgot?": a guess or a suggestion, no question
        // … unless a contrast opens a clause that goes on to the real question ("Vielleicht eine dumme Frage,
        // aber wo ist …?")
        let goes_on = || {
            starting_in(hits, first + 1, last + 1).iter().any(|h| {
                let t = h.t0 as usize;
                h.list == List::Contrast && cx.clause[t] != cx.clause[t - 1]
            })
        };
        let tentative = opens(TENTATIVE) && !goes_on();
        // "… und fahren umsonst. Hallo??": a greeting alone after the writer has spoken calls out, it asks
        // nothing
        let called_out = cx.opening_word(tokens, s).is_none() && first_spoken < s;
        let sentence = &mut cx.sentences[s];
        // "?!" without a question opener is an outcry ("Wer denkt sich sowas aus?!", "Are you serious?!")
        if mark && (sentence.exclaims || called_out) && !opener {
            sentence.rhetorical = true;
        }
        sentence.asks = !exclamation
            && !sentence.rhetorical
            && !only_tags
            && !tentative
            && (mark || (opener && !sentence.exclaims && sentence.words >= 3));
        if cx.sentences[s].asks {
            cx.sentences[s].ask_span = Some(match tail.find('?') {
                Some(k) => Span::new(end + k, end + k + 1),
                None => tokens.tokens[first].span,
            });
        }
    }
    // an acknowledgement counts as the comment's first words (after handles, greetings and punctuation)
    // ("ok" is also a filler skipped before a question opener)
    if let Some((at, span)) = first_ack {
        let opening = (0..n)
            .find(|&i| is_wordish(tokens.tokens[i].kind) && (cx.openers[i] & SKIP == 0 || i == at));
        cx.acknowledges = (opening == Some(at)).then_some(span);
    }
    // who is addressed: mentions (not the source of a retweet or a "via"), second person, the company's names.
    // A chain of several mentions at the start is a conversation among several people, not an address.
    let mut leading = 0;
    let mut in_lead = true;
    let mut mentions = 0;
    for (i, t) in tokens.tokens.iter().enumerate() {
        if t.kind != TokenKind::Mention {
            if is_wordish(t.kind) || t.kind == TokenKind::Url {
                in_lead = false;
            }
            continue;
        }
        let before = text[..t.span.start].trim_end();
        let tail3 = before.get(before.len().saturating_sub(3)..).unwrap_or("");
        let source = before.ends_with("RT") || tail3.eq_ignore_ascii_case("via");
        if source {
            if i == 0 || before.ends_with("RT") {
                in_lead = false;
            }
            continue;
        }
        if in_lead {
            leading += 1;
        } else {
            mentions += 1;
        }
        if opts.has_company_names() {
            let handle = crate::text::fold(t.span.slice(text).trim_start_matches(['.', '@']));
            if opts.company_names().any(|c| c == handle) {
                cx.names_company = true;
            }
        }
    }
    // a chain of several accounts at the start is a conversation, unless the writer brings their own case
    if leading == 1 || (leading > 1 && cx.sentences.iter().any(|s| s.first_person)) {
        mentions += 1;
    }
    cx.mentioned = mentions > 0;
    let words: u32 = cx.sentences.iter().map(|s| s.words).sum();
    let thanked = cx.thanks.iter().any(|t| *t);
    cx.follow_up = leading == 1 && words >= p::FOLLOW_UP_WORDS && !thanked;
    if !cx.names_company && opts.has_company_names() {
        let folded: Vec<&str> = tokens
            .tokens
            .iter()
            .filter(|t| is_wordish(t.kind) || t.kind == TokenKind::Mention)
            .map(|t| tokens.norm_of(t).trim_start_matches(['@', '#']))
            .collect();
        cx.names_company = folded.iter().any(|w| opts.company_names().any(|c| c == *w));
    }
    // with the company's names known, a reply that starts at someone else speaks to them, not to the company
    let reply_to_other = opts.has_company_names() && leading > 0 && !cx.names_company;
    // an opinion that names a handle in passing and speaks to no one ("Ich finde, @KaffeeKontor war früher
    // besser", "I think @CoffeeCounter used to be better"): a remark about the company, not to it
    let remark_about = opinion
        && leading == 0
        && !cx
            .sentences
            .iter()
            .any(|s| s.addressed || s.asks || s.requests);
    cx.addressed = cx.names_company
        || (!reply_to_other
            && ((mentions > 0 && !opts.has_company_names() && !remark_about)
                || cx.sentences.iter().any(|s| s.addressed)));
    cx.first_person = cx.sentences.iter().any(|s| s.first_person);
    cx.draft = opts.is_draft();
    cx.genre = if cx.draft {
        Genre::Comment
    } else {
        genre(text, tokens, &cx, news_cue, words)
    };
    // "… Was macht die Bahn? Sie lässt ihn fahren.": a question the writer answers next asks nothing (read
    // after the genre: it is still the writer's own voice, no news)
    for s in 1..sentences {
        if cx.sentences[s].asks && answered_by_writer(&cx, tokens, s, first_spoken) {
            let sentence = &mut cx.sentences[s];
            sentence.asks = false;
            sentence.rhetorical = true;
            sentence.ask_span = None;
        }
    }
    cx.own_reply = opts
        .own_reply_in(text)
        .or_else(|| signed_off(text, tokens, hits));
    super::resolved::mark(tokens, hits, &mut cx);
    // the first failure reported, read once every negator is known, unless a remedy is set against it or it
    // is over
    cx.failure_in = hits
        .iter()
        .find(|h| {
            h.list == List::Signal(Signal::Complaint)
                && !h.partial
                && super::resolved::settled(hits, &cx, h).is_none()
                && !denied(text, tokens, &cx, lang, h)
        })
        .filter(|h| !set_against(tokens, hits, &cx, h.t0 as usize))
        .map(|h| tokens.tokens[h.t0 as usize].sentence);
    cx.irony.clear();
    super::irony::read(text, tokens, hits, &mut cx);
    *out = cx;
}

/// Most words between a demand and the standard it names ("Ihr solltet mal ein bisschen pünktlicher sein").
pub const DEMAND_REACH: usize = 6;

/// The end of the first `reach` words after hit `h` in its clause.
fn reach_in_clause(tokens: &Tokens, cx: &Context, h: &Hit, reach: usize) -> usize {
    words_on_in_clause(tokens, cx, h.t1 as usize, cx.clause[h.t0 as usize], reach)
}

/// The end of the first `words` words from token `t` on, within `clause`.
pub(crate) fn words_on_in_clause(
    tokens: &Tokens,
    cx: &Context,
    t: usize,
    clause: u32,
    words: usize,
) -> usize {
    let (mut end, mut seen) = (t, 0);
    while end < tokens.tokens.len() && cx.clause[end] == clause && seen < words {
        if is_wordish(tokens.tokens[end].kind) {
            seen += 1;
        }
        end += 1;
    }
    end
}

/// The first token of the `words` words before token `t`, within its clause.
pub(crate) fn words_back_in_clause(tokens: &Tokens, cx: &Context, t: usize, words: usize) -> usize {
    let clause = cx.clause[t];
    let (mut from, mut seen) = (t, 0);
    while from > 0 && cx.clause[from - 1] == clause && seen < words {
        from -= 1;
        if is_wordish(tokens.tokens[from].kind) {
            seen += 1;
        }
    }
    from
}

/// Marks the positive words in the clause of a cue of the past (`cue_past`), within [`DEMAND_REACH`] words after
/// it, unless a word there says the praise still holds or came back (`cue_again`: "immer noch", "mal wieder",
/// "still"): "Früher war euer Service super", "I used to love your coffee" praise what is gone. A demanded
/// standard keeps its own reason.
fn past_after(tokens: &Tokens, hits: &[Hit], cx: &mut Context, h: &Hit) {
    let (t0, t1) = (h.t0 as usize, h.t1 as usize);
    let end = reach_in_clause(tokens, cx, h, DEMAND_REACH);
    let near = starting_in(hits, t0, end);
    if near.iter().any(|s| s.list == List::Cue(Cue::Again)) {
        return;
    }
    for s in near {
        if s.list == List::Sentiment && s.weight > 0.0 && s.t0 as usize >= t1 {
            cx.lapsed[s.t0 as usize].get_or_insert("rule:context:praise-in-the-past");
        }
    }
}

/// Marks the positive words in the sentence of a denial (`cue_denial`), within [`DEMAND_REACH`] words before it:
/// the jab says the praise does not hold ("Ihr und Pünktlichkeit, zwei Welten", "Punctual as always, so not at
/// all"). Bounded per denial, so linear in the text.
fn denied_before(tokens: &Tokens, hits: &[Hit], cx: &mut Context, h: &Hit) {
    let t0 = h.t0 as usize;
    let sentence = tokens.tokens[t0].sentence;
    let (mut from, mut words) = (t0, 0);
    while from > 0 && tokens.tokens[from - 1].sentence == sentence && words < DEMAND_REACH {
        from -= 1;
        if is_wordish(tokens.tokens[from].kind) {
            words += 1;
        }
    }
    for s in starting_in(hits, from, t0) {
        if s.list == List::Sentiment && s.weight > 0.0 {
            cx.lapsed[s.t0 as usize].get_or_insert("rule:context:denied-standard");
        }
    }
}

/// Marks the standard words (`cue_standard`) in the clause of demand `h`, within [`DEMAND_REACH`] words after
/// it: what the writer demands is lacking ("Die S-Bahn sollte lieber pünktlich fahren", "You should learn to be
/// on time"). Bounded per demand, so linear in the text.
fn demand_after(tokens: &Tokens, hits: &[Hit], cx: &mut Context, h: &Hit) {
    let (t1, end) = (h.t1 as usize, reach_in_clause(tokens, cx, h, DEMAND_REACH));
    for s in starting_in(hits, t1, end) {
        if s.list == List::Cue(Cue::Standard) {
            cx.lapsed[s.t0 as usize] = Some("rule:context:demanded-standard");
        }
    }
}

/// Letters of a support agent's sign-off ("/je", "^JB", "-AA").
const SIGN_OFF_LETTERS: std::ops::RangeInclusive<usize> = 2..=3;

/// A support team's sign-off ends the text: a space, a mark ("/", "^", "*", or "-" before capitals) and the two
/// or three letters of the agent, nothing after them but a full stop ("… in der Live-Auskunft. /je", "Do you
/// have a copy of your bill? ^NHP", "… so that we can assist you. -AA"). The comment is the company's own reply
/// (left out of the ranking), whoever the company is. A tone tag ("/jk", "/srs"; `cue_tone_tag`) or a
/// corrected function word ("*die", "*the") is no sign-off. Where the mark and the letters stand, if they do.
fn signed_off(text: &str, tokens: &Tokens, hits: &[Hit]) -> Option<Span> {
    let toks = &tokens.tokens;
    let last = toks.len().checked_sub(1)?;
    let agent = &toks[last];
    let letters = agent.span.slice(text);
    if agent.kind != TokenKind::Word
        || !SIGN_OFF_LETTERS.contains(&letters.len())
        || !letters.bytes().all(|b| b.is_ascii_alphabetic())
        || toks.iter().filter(|t| is_wordish(t.kind)).count() < 3
        || !text[agent.span.end..]
            .trim_end_matches(|c: char| c.is_whitespace() || c == '.' || c == '"')
            .is_empty()
    {
        return None;
    }
    let head = &text[..agent.span.start];
    let mark = head.chars().next_back()?;
    let capitals = letters.bytes().all(|b| b.is_ascii_uppercase());
    let marks = matches!(mark, '/' | '^' | '*') || (mark == '-' && capitals);
    let spaced = head[..head.len() - mark.len_utf8()].ends_with(char::is_whitespace);
    // "… *die": a lower-case function word after a star corrects a typo above
    let tone_tag = hits.iter().any(|h| {
        h.t0 as usize == last
            && (h.list == List::Cue(Cue::ToneTag)
                || (h.list == List::Stopword && mark == '*' && !capitals))
    });
    (marks && spaced && !tone_tag).then(|| Span::new(head.len() - mark.len_utf8(), agent.span.end))
}

/// The complaint phrase `h` reports no failure: a negation before it ("nie Probleme", "without any problems",
/// German also after it: "Probleme gab es keine"), or a problem denied by the phrase itself — one that opens with
/// a negator and is too weak to be a complaint on its own ("keine Probleme", "no problems"). A phrase that opens
/// with a negator and weighs is a failure ("kein Internet", "nicht angekommen", "nobody answers").
fn denied(text: &str, tokens: &Tokens, cx: &Context, lang: Lang, h: &Hit) -> bool {
    let (t0, t1) = (h.t0 as usize, h.t1 as usize);
    if cx.negator[t0] || cx.phrase_negator[t0] {
        h.denies_problem(|| true)
    } else {
        super::sentiment::negation_of(text, tokens, cx, lang, t0, t1).is_some()
    }
}

/// An organisation word (`cue_organisation.txt`) starts at token `t`.
fn names_organisation(hits: &[Hit], t: u32) -> bool {
    starting_in(hits, t as usize, t as usize + 1)
        .iter()
        .any(|x| x.list == List::Cue(Cue::Organisation))
}

/// Most words between an audience preposition and a bystander word it turns into customers ("für junge
/// Leute", "for elderly passengers").
const AUDIENCE_REACH: usize = 2;

/// Words (and numbers) from token `a` up to, not including, token `b`.
fn words_between(tokens: &Tokens, a: usize, b: usize) -> usize {
    tokens.tokens[a..b]
        .iter()
        .filter(|t| is_wordish(t.kind))
        .count()
}

/// The failure at token `f` is set against what follows it: a contrast later in its sentence, and after the
/// contrast no negative word, no complaint phrase and no negator up to the sentence end ("Mein Paket kam
/// beschädigt an, aber der Kundenservice hat sofort Ersatz geschickt.", "The train was late, but the
/// connection was held."). Praise after it thanks for the remedy, it is no irony ("… Super Service!");
/// "…, aber den Anschluss habe ich trotzdem nicht bekommen. Toll." stays ironic.
fn set_against(tokens: &Tokens, hits: &[Hit], cx: &Context, f: usize) -> bool {
    let Some(c) = cx.contrast_at.map(|c| c as usize) else {
        return false;
    };
    let sentence = tokens.tokens[f].sentence;
    if c <= f || tokens.tokens[c].sentence != sentence {
        return false;
    }
    let end = cx.last_word_in[sentence as usize];
    let negative_after = hits.iter().any(|h| {
        let t = h.t0 as usize;
        t > c
            && t <= end
            && match h.list {
                List::Sentiment => h.weight < 0.0,
                List::Signal(Signal::Complaint) => true,
                // "sofort" may call for action; it blames nobody
                List::Toxic(cat) => cat != Category::CallToAction,
                _ => false,
            }
    });
    !negative_after && !cx.negator[c + 1..=end.max(c)].contains(&true)
}

/// A word of `cue_line` at `h` with a number right after it ("flight 609", "Zug 1234").
fn names_line(tokens: &Tokens, hits: &[Hit], h: &Hit) -> bool {
    let next_is_number = tokens.tokens.get(h.t1 as usize).is_some_and(|t| {
        t.kind == TokenKind::Number && t.sentence == tokens.tokens[h.t0 as usize].sentence
    });
    next_is_number
        && hits
            .iter()
            .any(|x| x.list == List::Cue(Cue::Line) && x.t0 == h.t0 && x.t1 == h.t1)
}

/// News when a press cue occurs, or a headline with a link and nobody speaking or spoken to; chat for a forum
/// reply among users.
fn genre(text: &str, tokens: &Tokens, cx: &Context, news_cue: bool, words: u32) -> Genre {
    let trimmed = text.trim_start();
    if trimmed.starts_with("Re:") || trimmed.starts_with("RE:") || trimmed.starts_with("AW:") {
        return Genre::Chat;
    }
    let link = tokens.tokens.iter().any(|t| t.kind == TokenKind::Url);
    let nobody = !cx.first_person && !cx.addressed && !cx.names_company;
    let asks = cx.sentences.iter().any(|s| s.asks);
    // a headline: "Kurzschluss legt Stellwerk lahm: Verspätungen im Raum Hannover"
    let headline = words <= 20
        && text
            .find(": ")
            .is_some_and(|k| k > 8 && text[..k].split_whitespace().count() >= 2);
    // a press cue marks a news text even where the press speaks of itself ("von unserem Redaktionsleiter")
    let press = news_cue && !cx.addressed && !cx.names_company;
    // a question in a linked headline asks the readers, not the company ("Bedroht X die IT? https://…")
    let linked_headline = nobody && link && (headline || words >= 5);
    if (!asks || linked_headline)
        && (press || linked_headline || (nobody && (headline || words >= 45)))
    {
        Genre::News
    } else {
        Genre::Comment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(text: &str, lang: Lang) -> Context {
        prepare(text, lang).cx
    }

    #[test]
    fn questions_with_and_without_a_mark() {
        for (text, lang) in [
            ("Habt ihr am Sonntag geöffnet", Lang::De),
            ("Ist der Laden am Sonntag geöffnet?", Lang::De),
            ("Hallo, gibt es die Jacke auch in XL", Lang::De),
            ("Is the store open on Sunday", Lang::En),
            ("Hi, do you ship to Canada?", Lang::En),
        ] {
            assert!(context(text, lang).asks(), "{text}");
        }
        for (text, lang) in [
            ("Was für ein Sch***.", Lang::De),
            ("Der Laden hat am Sonntag geöffnet.", Lang::De),
            ("What a joke!", Lang::En),
            ("The store is open on Sunday.", Lang::En),
        ] {
            assert!(!context(text, lang).asks(), "{text}");
        }
    }

    #[test]
    fn a_question_the_writer_answers_next_asks_nothing() {
        // (teaser answered, the same question without the story or without the answer)
        for (answered, asked, lang) in [
            (
                "Der Zug kam zu spät. Was macht die Bahn? Sie lässt den Anschluss fahren.",
                "Was macht die Bahn? Der Anschluss ist weg.",
                Lang::De,
            ),
            (
                "Drei Mails geschrieben. Die Antwort? Ein Textbaustein.",
                "Drei Mails geschrieben. Die Antwort? Kommt sie noch?",
                Lang::De,
            ),
            (
                "Überall gibt es WLAN. Und Deutschland? Hinkt hinterher.",
                "Überall gibt es WLAN. Und wann kommt es hier? Keiner weiß es.",
                Lang::De,
            ),
            (
                "The train was late. What did they do? They let the connection leave.",
                "What did they do? The connection is gone.",
                Lang::En,
            ),
            (
                "Three emails sent. The answer? A copy-paste reply.",
                "Three emails sent. The answer? Will it ever come?",
                Lang::En,
            ),
            (
                "Everywhere else has wifi. And here? Still nothing.",
                "Everywhere else has wifi. And when does it come here? Nobody knows.",
                Lang::En,
            ),
        ] {
            assert!(!context(answered, lang).asks(), "{answered}");
            assert!(context(asked, lang).asks(), "{asked}");
        }
        // a greeting alone after the writer has spoken calls out; opening the comment it calls for an answer
        assert!(!context("Die Kinder fahren ohne Sitzplatz. Hallo??", Lang::De).asks());
        assert!(context("Hallo?? Ist da jemand?", Lang::De).asks());
        assert!(!context("The kids get no seat at all. Hello??", Lang::En).asks());
        assert!(context("Hello?? Is anyone there?", Lang::En).asks());
        // a fragment that turns to the reader asks them
        assert!(context("Ich wähle grün. Und du? Ich tippe auf rot.", Lang::De).asks());
        assert!(context("I vote green. And you? My guess is red.", Lang::En).asks());
    }

    #[test]
    fn an_acknowledgement_counts_only_as_the_opening() {
        for (text, lang) in [
            ("@KlickPhone Ok, danke fürs Nachschauen.", Lang::De),
            ("Hallo @Shop, alles klar, danke!", Lang::De),
            ("@ClickPhone Ok, thanks for looking into it.", Lang::En),
            ("@Shop No worries, got it sorted.", Lang::En),
        ] {
            assert!(context(text, lang).acknowledges.is_some(), "{text}");
        }
        for (text, lang) in [
            ("@KlickPhone Danke, das ist ok.", Lang::De),
            ("@KlickPhone Ist das ok so?", Lang::De),
            ("@ClickPhone Thanks, that is ok.", Lang::En),
            ("@ClickPhone Is that ok?", Lang::En),
        ] {
            assert!(context(text, lang).acknowledges.is_none(), "{text}");
        }
    }

    #[test]
    fn announcement_report_and_hypothesis() {
        let c = context("Ich gehe jetzt zum Anwalt.", Lang::De);
        assert!(c.sentences[0].announces && c.sentences[0].first_person);
        let c = context("Die Polizei ermittelt.", Lang::De);
        assert!(c.sentences[0].reports && !c.sentences[0].announces);
        let c = context("If this happens again I would sue.", Lang::En);
        assert!(c.sentences[0].hypothetical);
        let c = context("I will sue you.", Lang::En);
        assert!(c.sentences[0].announces && !c.sentences[0].hypothetical);
    }

    #[test]
    fn who_is_addressed_and_genre() {
        assert!(context("@KaffeeKontor wo bleibt mein Paket?", Lang::De).to_company());
        assert!(context("Könnt ihr mir helfen?", Lang::De).to_company());
        assert!(context("Können Sie mir helfen?", Lang::De).to_company());
        assert!(!context("RT @Blatt: Bahnstreik beendet", Lang::De).addressed);
        assert_eq!(
            context(
                "Bahnstreik beendet: Einigung in der Nacht https://example.org/a",
                Lang::De
            )
            .genre,
            Genre::News
        );
        assert_eq!(
            context("Re: Nachbarschaft Ich finde das auch gut so.", Lang::De).genre,
            Genre::Chat
        );
        assert_eq!(
            context(
                "Mein Paket ist nicht gekommen https://example.org/a",
                Lang::De
            )
            .genre,
            Genre::Comment
        );
    }
}
