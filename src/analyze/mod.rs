//! The analysis of one comment, as a short sequence of named stages, each with a plain output:
//!
//! ```text
//! text ─▶ tokens ─▶ lexicon hits ─▶ language ─▶ context ─▶ facets ─────────────────────▶ criticality ─▶ evidence
//!         text.rs   hits.rs         lang.rs     context.rs sentiment.rs, toxicity.rs,     criticality.rs  evidence.rs
//!                                                          hate.rs, signals.rs            (level, channel) (reasons)
//! ```
//!
//! Every number that moves a score is recorded as [`Evidence`]; the reasons are built from that evidence.

use std::cell::RefCell;

use crate::model::*;
use crate::pii;
use crate::text::{Tokens, fold, tokenize};

pub mod address;
pub mod context;
pub mod criticality;
pub mod evidence;
mod fault;
pub mod hate;
pub mod hits;
mod imperative;
mod irony;
pub mod lang;
mod lasting;
mod resolved;
mod self_directed;
pub mod sentiment;
mod service;
pub mod signals;
pub mod toxicity;
pub mod watch;

/// Settings that change how comments are judged.
#[derive(Clone, Debug)]
pub struct Options {
    /// Language of the reasons' messages (German or English).
    pub ui_lang: Lang,
    /// Skip detection and treat every comment as this language.
    pub lang_hint: Option<Lang>,
    /// 0 (only the clearest cases) … 1 (flag early); 0.5 is the calibrated default.
    pub sensitivity: f32,
    watch_words: Vec<(String, String)>,
    /// The company's names and handles, folded (without "@"): mentions of them address the company.
    company: Vec<String>,
    /// Signatures of the company's own replies ("^AB", "Ihr KaffeeKontor-Team"), folded.
    signatures: Vec<String>,
    /// The text is the user's own reply draft: never read as a news text or a shared headline.
    draft: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ui_lang: Lang::En,
            lang_hint: None,
            sensitivity: 0.5,
            watch_words: Vec::new(),
            company: Vec::new(),
            signatures: Vec::new(),
            draft: false,
        }
    }
}

impl Options {
    /// Options with reasons in `ui_lang`.
    pub fn new(ui_lang: Lang) -> Self {
        Options {
            ui_lang: if ui_lang == Lang::Other {
                Lang::En
            } else {
                ui_lang
            },
            ..Options::default()
        }
    }
    pub fn with_sensitivity(mut self, s: f32) -> Self {
        self.sensitivity = if s.is_finite() {
            s.clamp(0.0, 1.0)
        } else {
            0.5
        };
        self
    }
    pub fn with_lang_hint(mut self, lang: Option<Lang>) -> Self {
        self.lang_hint = lang;
        self
    }
    /// The text is a reply draft the user is about to post: what it says is said in the company's own voice,
    /// so it is never set aside as a news text or a shared headline ("RT @x: …", a link after a statement).
    pub fn for_draft(mut self) -> Self {
        self.draft = true;
        self
    }
    pub(crate) fn is_draft(&self) -> bool {
        self.draft
    }
    /// Words (product names, campaign terms) that raise attention. Matched case- and umlaut-insensitively
    /// as whole words or word beginnings.
    pub fn with_watch_words<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.watch_words = words
            .into_iter()
            .filter_map(|w| {
                let raw = w.as_ref().trim().to_string();
                let f = fold(&raw).split_whitespace().collect::<Vec<_>>().join(" ");
                (!f.is_empty()).then_some((raw, f))
            })
            .collect();
        self
    }
    pub fn watch_words(&self) -> impl Iterator<Item = &str> {
        self.watch_words.iter().map(|(raw, _)| raw.as_str())
    }
    /// The company's names and handles ("KaffeeKontor", "@kaffeekontor_hilft"): a mention of one addresses
    /// the company (without them, any @-mention counts as addressing someone who may be the company), and a
    /// comment signed "Euer KaffeeKontor-Team" is the company's own reply.
    pub fn with_company<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.company = names
            .into_iter()
            .map(|n| fold(n.as_ref().trim().trim_start_matches('@')))
            .filter(|n| !n.is_empty())
            .collect();
        self
    }
    /// Signatures the company's own replies end with ("^AB", "/Lena"): such comments are left out of the
    /// ranking.
    pub fn with_signatures<I, S>(mut self, signatures: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.signatures = signatures
            .into_iter()
            .map(|s| fold(s.as_ref().trim()))
            .filter(|s| !s.is_empty())
            .collect();
        self
    }
    pub(crate) fn company_names(&self) -> impl Iterator<Item = &str> {
        self.company.iter().map(String::as_str)
    }
    pub(crate) fn has_company_names(&self) -> bool {
        !self.company.is_empty()
    }
    /// Where the text carries one of the company's signatures (at its end), or a team signature with the
    /// company's name ("Ihr KaffeeKontor-Team", "The KaffeeKontor team").
    pub(crate) fn own_reply_in(&self, text: &str) -> Option<Span> {
        if self.signatures.is_empty() && self.company.is_empty() {
            return None;
        }
        let tail_start = text.len().saturating_sub(80);
        let tail_start = (tail_start..=text.len())
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(text.len());
        // the evidence marks the whole tail: folding changes byte offsets inside it
        let tail = Some(Span::new(tail_start, text.len()));
        let folded = fold(&text[tail_start..]);
        let rest = folded.trim_end_matches(|c: char| c.is_whitespace() || c == '.');
        if self.signatures.iter().any(|s| rest.ends_with(s.as_str())) {
            return tail;
        }
        let words: Vec<&str> = folded
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| !w.is_empty())
            .collect();
        let signed = self.company.iter().any(|c| {
            words.windows(2).any(|w| {
                (w[0] == c && matches!(w[1], "team" | "kundenservice" | "support"))
                    || (matches!(w[0], "team" | "dein" | "euer" | "ihr" | "your") && w[1] == c)
            })
        });
        if signed { tail } else { None }
    }
}

#[derive(Default)]
pub(crate) struct Scratch {
    pub tokens: Tokens,
    pub hits: Vec<hits::Hit>,
    pub stream: String,
    pub stream_starts: Vec<(u32, u32)>,
    pub alt: String,
    pub cx: context::Context,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Analyses one comment. Never panics; linear in the length of the text.
pub fn analyze(text: &str, opts: &Options) -> Analysis {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut scratch) => analyze_with(text, opts, &mut scratch, None),
        Err(_) => analyze_with(text, opts, &mut Scratch::default(), None),
    })
}

/// Analyses many comments (same options), in order.
pub fn analyze_batch<'a, I>(texts: I, opts: &Options) -> Vec<Analysis>
where
    I: IntoIterator<Item = &'a str>,
{
    texts.into_iter().map(|t| analyze(t, opts)).collect()
}

/// What the rules alone make of the toxicity of `text` (the training tool fits the learned combination on
/// it), with the language it was read in.
#[doc(hidden)]
pub fn toxicity_rule_side(text: &str, opts: &Options) -> (Lang, toxicity::RuleSide) {
    let mut side = toxicity::RuleSide::default();
    let a = analyze_with(text, opts, &mut Scratch::default(), Some(&mut side));
    (a.lang.code, side)
}

fn analyze_with(
    text: &str,
    opts: &Options,
    s: &mut Scratch,
    sink: Option<&mut toxicity::RuleSide>,
) -> Analysis {
    // 1. text → tokens; 2. lexicon hits; language; hits of that language
    tokenize(text, &mut s.tokens);
    hits::collect(text, s);
    let mut lang = lang::detect(&s.tokens, &s.hits);
    if let Some(code) = opts.lang_hint {
        lang = LangGuess {
            code,
            confidence: 1.0,
        };
    }
    hits::keep_language(&mut s.hits, lang.code);
    let absent_problems = hits::drop_absent_problems(&mut s.hits);
    let (tokens, hits) = (&s.tokens, &s.hits[..]);
    // 3. context
    context::read_into(text, tokens, hits, lang.code, opts, &mut s.cx);
    let cx = &s.cx;
    // 4. facets
    let mut ev = evidence::Recorder::default();
    for span in absent_problems {
        ev.note("rule:context:no-problem-since", span);
    }
    // the learned heads read the text once for all of them
    let heads = crate::learned::read_for_analysis(text, lang.code);
    let valence = sentiment::polar_words(text, tokens, hits, cx, lang.code, &mut ev);
    let mut tox = toxicity::collect(text, tokens, hits, cx, lang.code, &valence, &mut ev);
    toxicity::learned(heads.offence.as_ref(), lang.code, &mut tox, &mut ev);
    hate::collect(text, tokens, hits, cx, lang.code, &mut tox, &mut ev);
    let mut sig = signals::collect(text, tokens, hits, cx, lang.code, &tox, &mut ev);
    let sentiment = sentiment::finish(
        text,
        tokens,
        lang.code,
        valence.sum + tox.valence + sig.valence,
        heads.polarity.as_ref(),
        valence.ironic,
        &mut ev,
    );
    let emphasis = toxicity::emphasis(tokens);
    let (toxicity, rule_side) = toxicity::finish(
        &tox,
        &sentiment,
        valence.positive,
        emphasis,
        opts.sensitivity,
        lang.code,
    );
    if let Some(sink) = sink {
        *sink = rule_side;
    }
    let topic = signals::topic(&sig);
    let facets = signals::Facets {
        topic,
        praise_valence: valence.beyond_thanks,
        sentiment: &sentiment,
        toxicity: &toxicity,
    };
    let signals = signals::finish(text, tokens, cx, &mut sig, facets, &mut ev);
    // personal data, watch words, du / Sie
    let personal_data: Vec<usize> = pii::find(text)
        .into_iter()
        .map(|(kind, span)| {
            ev.add(
                format!("rule:personal-data:{kind}"),
                Facet::PersonalData,
                span,
                1.0,
            )
        })
        .collect();
    let watch: Vec<usize> = opts
        .watch_words
        .iter()
        .filter_map(|(raw, folded)| {
            watch::find(tokens, folded)
                .map(|span| ev.add(format!("watch:{raw}"), Facet::WatchWord, span, 1.0))
        })
        .collect();
    let address = (lang.code == Lang::De)
        .then(|| address::detect(text, tokens))
        .flatten();
    let possessive = tokens.tokens.iter().any(|t| {
        matches!(
            tokens.norm_of(t),
            "mein" | "meine" | "meinen" | "meiner" | "meinem" | "my" | "mine" | "meins"
        )
    });
    if let Some(span) = cx.own_reply {
        ev.note("rule:context:own-reply", span);
    }
    let asks_private = cx.asks_private.map(|(id, span)| ev.note(id, span));
    // a complaint or a question about the writer's own transaction: first person and an order, booking,
    // account or payment word (a how-to question about one is no such case: "How do I change the email address
    // on my account?")
    let asks_about_case = || {
        signals.contains(&Signal::Question)
            && cx
                .sentences
                .iter()
                .any(|s| (s.asks || s.requests) && !s.how_to)
    };
    let transaction = cx
        .case_word
        .filter(|_| cx.first_person && (signals.contains(&Signal::Complaint) || asks_about_case()))
        .map(|(id, span)| ev.note(id, span));
    // 5. criticality
    let criticality = criticality::judge(
        criticality::Inputs {
            text,
            cx,
            sentiment: &sentiment,
            toxicity: &toxicity,
            tox: &tox,
            signals: &signals,
            sig: &sig,
            topic,
            personal_data,
            watch,
            emphasis,
            possessive,
            asks_private,
            transaction,
            sensitivity: opts.sensitivity,
            ui_lang: opts.ui_lang,
        },
        &ev.evidence,
    );
    // 6. evidence in text order, reasons renumbered
    let Criticality {
        score,
        level,
        channel,
        reasons,
    } = criticality;
    let (evidence, reasons, evidence_omitted) = ev.finish(reasons, Analysis::EVIDENCE_CAP);
    Analysis {
        lang: LangGuess {
            code: lang.code,
            confidence: evidence::round3(lang.confidence),
        },
        sentiment,
        toxicity,
        signals,
        topic,
        criticality: Criticality {
            score,
            level,
            channel,
            reasons,
        },
        address,
        evidence,
        evidence_omitted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicons;

    #[test]
    fn masked_word_matches_by_shape() {
        let lex = lexicons();
        let find = |masked: &str, word: &str| {
            hits::masked_matches(masked, &lex.toxic_words)
                .iter()
                .any(|id| lex.entry(*id).pattern == word)
        };
        assert!(find("a****loch", "arschloch"));
        assert!(find("f*ck", "fuck"));
        assert!(find("sch***e", "scheiße"));
        assert!(hits::masked_matches("*bc", &lex.toxic_words).is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        let opts = Options::default();
        for s in [
            "",
            " ",
            "\u{202E}",
            "a\u{0308}",
            "*",
            "f*",
            "|LBR|",
            "?!?!",
            ":-",
            "8",
            "💩\u{200D}",
            "\u{0}",
            "a.b.c.d.e",
        ] {
            let a = analyze(s, &opts);
            assert!(a.criticality.score <= 100);
        }
    }
}
