//! The analysis of one comment: lexicon hits → language → sentiment, toxicity, signals, topic → criticality.
//!
//! Every number that moves a score is recorded as [`Evidence`]; the reasons are built from that evidence.

use std::borrow::Cow;
use std::cell::RefCell;

use crate::explain::{self, Part};
use crate::lexicon::{Entry, List, ModelKind, NUM, Table, lexicons};
use crate::model::*;
use crate::params as p;
use crate::pii;
use crate::text::{Token, TokenKind, Tokens, collapse_runs, fold, tokenize, unleet};

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ui_lang: Lang::En,
            lang_hint: None,
            sensitivity: 0.5,
            watch_words: Vec::new(),
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
}

/// One lexicon hit on a token range.
#[derive(Clone, Copy, Debug)]
struct Hit {
    entry: u32,
    t0: u32,
    t1: u32,
    span: Span,
    partial: bool,
    masked: bool,
}

#[derive(Default)]
struct Scratch {
    tokens: Tokens,
    hits: Vec<Hit>,
    stream: String,
    stream_starts: Vec<(u32, u32)>,
    alt: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Analyses one comment. Never panics; linear in the length of the text.
pub fn analyze(text: &str, opts: &Options) -> Analysis {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut scratch) => analyze_with(text, opts, &mut scratch),
        Err(_) => analyze_with(text, opts, &mut Scratch::default()),
    })
}

/// Analyses many comments (same options), in order.
pub fn analyze_batch<'a, I>(texts: I, opts: &Options) -> Vec<Analysis>
where
    I: IntoIterator<Item = &'a str>,
{
    texts.into_iter().map(|t| analyze(t, opts)).collect()
}

fn is_wordish(k: TokenKind) -> bool {
    matches!(k, TokenKind::Word | TokenKind::Hashtag | TokenKind::Number)
}

fn collect_hits(text: &str, s: &mut Scratch) {
    let lex = lexicons();
    let Scratch {
        tokens,
        hits,
        stream,
        stream_starts,
        alt,
    } = s;
    hits.clear();
    stream.clear();
    stream_starts.clear();
    // 1. whole words: one lookup each (a second only for elongated, masked or leet words)
    for (i, t) in tokens.tokens.iter().enumerate() {
        let i = i as u32;
        if !matches!(
            t.kind,
            TokenKind::Word | TokenKind::Hashtag | TokenKind::Emoji | TokenKind::Symbol
        ) {
            continue;
        }
        let norm = tokens.norm_of(t);
        let mut found = lex.words.get(norm);
        if found.is_none() && t.elongated {
            alt.clear();
            alt.push_str(&collapse_runs(norm));
            found = lex.words.get(alt.as_str());
        }
        if found.is_none() && t.masked {
            alt.clear();
            alt.push_str(&unleet(norm));
            found = lex.words.get(alt.as_str());
            if found.is_none() && norm.contains('*') {
                for id in masked_matches(norm, &lex.toxic_words) {
                    hits.push(Hit {
                        entry: id,
                        t0: i,
                        t1: i + 1,
                        span: t.span,
                        partial: false,
                        masked: true,
                    });
                }
            }
        }
        if let Some(ids) = found {
            for &id in ids.iter() {
                hits.push(Hit {
                    entry: id,
                    t0: i,
                    t1: i + 1,
                    span: t.span,
                    partial: false,
                    masked: t.masked,
                });
            }
        }
    }
    // 2. spread-out words: "s c h e i ß e", "a.r.s.c.h", "F U C K"
    spread_words(text, tokens, hits);
    // 3. phrases and word parts over the folded stream
    let mut last_sentence = u32::MAX;
    for (i, t) in tokens.tokens.iter().enumerate() {
        if !is_wordish(t.kind) {
            continue;
        }
        if last_sentence != u32::MAX && t.sentence != last_sentence {
            stream.push_str("| ");
        }
        last_sentence = t.sentence;
        let start = stream.len() as u32;
        if t.kind == TokenKind::Number {
            stream.push_str(NUM);
        } else {
            stream.push_str(tokens.norm_of(t));
        }
        stream_starts.push((start, i as u32));
        stream.push(' ');
    }
    let bytes = stream.as_bytes();
    for m in lex.automaton.find_overlapping_iter(stream.as_str()) {
        let meta = lex.patterns[m.pattern().as_usize()];
        let (a, b) = (m.start(), m.end());
        let starts_word = a == 0 || bytes[a - 1] == b' ';
        let ends_word = bytes.get(b).is_none_or(|c| *c == b' ');
        if (!meta.open_start && !starts_word) || (!meta.open_end && !ends_word) {
            continue;
        }
        let t0 = token_at(stream_starts, a as u32);
        let t1 = token_at(stream_starts, (b as u32).saturating_sub(1));
        let (Some(t0), Some(t1)) = (t0, t1) else {
            continue;
        };
        let (s0, s1) = (
            tokens.tokens[t0 as usize].span,
            tokens.tokens[t1 as usize].span,
        );
        let partial = !(starts_word && ends_word);
        hits.push(Hit {
            entry: meta.entry,
            t0,
            t1: t1 + 1,
            span: Span::new(s0.start, s1.end),
            partial,
            masked: false,
        });
    }
}

/// The token whose stream text contains byte `pos`.
fn token_at(starts: &[(u32, u32)], pos: u32) -> Option<u32> {
    let k = starts.partition_point(|(s, _)| *s <= pos);
    k.checked_sub(1).map(|k| starts[k].1)
}

/// `f*ck`, `A****loch`, `sch***e`: letters before and after the stars must match a whole toxic word whose
/// length differs from the masked one by at most two. One candidate per toxic list.
fn masked_matches(norm: &str, toxic: &[(Box<str>, u32)]) -> Vec<u32> {
    let lex = lexicons();
    let mut out: Vec<u32> = Vec::new();
    let (Some(first), Some(last)) = (norm.find('*'), norm.rfind('*')) else {
        return out;
    };
    let (pre, suf) = (&norm[..first], &norm[last + 1..]);
    if pre.is_empty() {
        return out;
    }
    let n = norm.chars().count();
    for (w, id) in toxic {
        let wn = w.chars().count();
        if wn > pre.len() + suf.len()
            && wn + 2 >= n
            && wn <= n + 2
            && w.starts_with(pre)
            && w.ends_with(suf)
        {
            let e = lex.entry(*id);
            let dup = out.iter().any(|o| {
                let f = lex.entry(*o);
                f.list == e.list && f.table == e.table
            });
            if !dup {
                out.push(*id);
            }
        }
    }
    out
}

fn spread_words(text: &str, tokens: &Tokens, hits: &mut Vec<Hit>) {
    let lex = lexicons();
    let toks = &tokens.tokens;
    let mut i = 0;
    while i < toks.len() {
        let single = |t: &Token| {
            t.kind == TokenKind::Word
                && t.span.len() <= 4
                && t.norm.1 - t.norm.0 <= 2
                && text[t.span.start..t.span.end].chars().count() == 1
        };
        if !single(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && single(&toks[j]) {
            let gap = text
                .get(toks[j - 1].span.end..toks[j].span.start)
                .unwrap_or("x");
            if gap.is_empty()
                || gap.chars().count() > 2
                || !gap
                    .chars()
                    .all(|c| matches!(c, ' ' | '.' | '-' | '_' | '*'))
            {
                break;
            }
            j += 1;
        }
        if j - i >= 3 {
            let joined: String = toks[i..j].iter().map(|t| tokens.norm_of(t)).collect();
            let span = Span::new(toks[i].span.start, toks[j - 1].span.end);
            if let Some(ids) = lex.words.get(joined.as_str()) {
                for &id in ids.iter() {
                    hits.push(Hit {
                        entry: id,
                        t0: i as u32,
                        t1: j as u32,
                        span,
                        partial: false,
                        masked: true,
                    });
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Language from stopword hits and umlauts.
fn detect_lang(tokens: &Tokens, hits: &[Hit]) -> (LangGuess, f32, f32) {
    let lex = lexicons();
    let (mut de, mut en) = (0.0f32, 0.0f32);
    let mut weak = (0.0f32, 0.0f32);
    for h in hits {
        let e = lex.entry(h.entry);
        if matches!(e.list, List::Model(_)) {
            continue; // a model's vocabulary is not a language cue
        }
        let (strong, lang) = (e.list == List::Stopword, e.table);
        let w = if strong { 1.0 } else { 0.25 };
        match (lang, strong) {
            (Table::De, true) => de += w,
            (Table::En, true) => en += w,
            (Table::De, false) => weak.0 += w,
            (Table::En, false) => weak.1 += w,
            _ => {}
        }
    }
    if tokens.has_umlaut {
        de += p::UMLAUT_CUE;
    }
    de += weak.0.min(1.5);
    en += weak.1.min(1.5);
    let total = de + en;
    let words = tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count() as f32;
    if total < p::LANG_MIN_HITS {
        let latin = tokens
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .all(|t| tokens.norm_of(t).is_ascii());
        if words >= 4.0 || !latin {
            return (
                LangGuess {
                    code: Lang::Other,
                    confidence: 0.5,
                },
                de,
                en,
            );
        }
        // short texts ("outstanding!", "Super!"): the table with more lexicon hits; German when undecided
        let code = if en > de { Lang::En } else { Lang::De };
        return (
            LangGuess {
                code,
                confidence: 0.2,
            },
            de,
            en,
        );
    }
    let (code, win) = if de >= en {
        (Lang::De, de)
    } else {
        (Lang::En, en)
    };
    let confidence = ((win / total) * (1.0 - (-total / 3.0).exp())).clamp(0.0, 1.0);
    (LangGuess { code, confidence }, de, en)
}

/// Removes hits contained in a longer hit of the same list (phrases beat their words), and exact duplicates.
fn dedupe(hits: &mut Vec<Hit>) {
    let lex = lexicons();
    let key = |h: &Hit| {
        let e = lex.entry(h.entry);
        (e.list.rank(), e.table as u8)
    };
    hits.sort_by_cached_key(|h| {
        let weight = (lex.entry(h.entry).weight.abs() * 1000.0) as i32;
        (
            key(h),
            h.t0,
            std::cmp::Reverse(h.t1),
            h.partial,
            std::cmp::Reverse(weight),
        )
    });
    let mut out = 0;
    let mut cover: Option<((u16, u8), u32)> = None;
    for i in 0..hits.len() {
        let h = hits[i];
        let k = key(&h);
        if let Some((ck, end)) = cover {
            if ck == k && h.t1 <= end {
                continue;
            }
        }
        cover = Some((
            k,
            h.t1.max(cover.filter(|(ck, _)| *ck == k).map_or(0, |(_, e)| e)),
        ));
        hits[out] = h;
        out += 1;
    }
    hits.truncate(out);
    // polar words and phrases never share a word: the longest claims it ("the worst" + "worst service")
    let mut order: Vec<usize> = (0..hits.len())
        .filter(|&i| lex.entry(hits[i].entry).list == List::Sentiment)
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(hits[i].t1 - hits[i].t0), hits[i].t0));
    let max_t = hits.iter().map(|h| h.t1 as usize).max().unwrap_or(0);
    let mut claimed = vec![false; max_t];
    let mut drop = vec![false; hits.len()];
    for i in order {
        let h = hits[i];
        let range = h.t0 as usize..h.t1 as usize;
        if claimed[range.clone()].iter().any(|c| *c) {
            drop[i] = true;
        } else {
            claimed[range].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut k = 0;
    hits.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    hits.sort_by_key(|h| (h.t0, h.t1));
}

/// Up to four word positions before a word (no allocation).
#[derive(Default)]
struct Window {
    at: [usize; 4],
    len: usize,
}

impl Window {
    fn push(&mut self, j: usize) {
        if self.len < self.at.len() {
            self.at[self.len] = j;
            self.len += 1;
        }
    }
    fn len(&self) -> usize {
        self.len
    }
    fn iter(&self) -> std::slice::Iter<'_, usize> {
        self.at[..self.len].iter()
    }
    fn first(&self) -> Option<&usize> {
        self.at[..self.len].first()
    }
}

struct Ctx {
    evidence: Vec<Evidence>,
}

impl Ctx {
    fn add(
        &mut self,
        id: impl Into<Cow<'static, str>>,
        facet: Facet,
        span: Span,
        weight: f32,
    ) -> usize {
        self.evidence.push(Evidence {
            id: id.into(),
            facet,
            span,
            weight: round3(weight),
        });
        self.evidence.len() - 1
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn analyze_with(text: &str, opts: &Options, s: &mut Scratch) -> Analysis {
    let lex = lexicons();
    tokenize(text, &mut s.tokens);
    collect_hits(text, s);
    let (mut lang, _, _) = detect_lang(&s.tokens, &s.hits);
    if let Some(h) = opts.lang_hint {
        lang = LangGuess {
            code: h,
            confidence: 1.0,
        };
    }
    let factor_of = |e: &Entry| -> f32 {
        match (lang.code, e.table) {
            (_, Table::Common) => 1.0,
            (Lang::De, Table::De) | (Lang::En, Table::En) => 1.0,
            (Lang::Other, _) => p::OTHER_LANG_FACTOR,
            _ => 0.0,
        }
    };
    s.hits.retain(|h| factor_of(lex.entry(h.entry)) > 0.0);
    dedupe(&mut s.hits);
    let tokens = &s.tokens;
    let hits = &s.hits;
    let n = tokens.tokens.len();

    // tokens inside multi-word polar phrases
    let mut in_phrase = vec![false; n];
    for h in hits {
        if h.t1 - h.t0 > 1 && lex.entry(h.entry).list == List::Sentiment {
            in_phrase[h.t0 as usize..h.t1 as usize]
                .iter_mut()
                .for_each(|x| *x = true);
        }
    }
    // per-token roles
    let mut negator = vec![false; n];
    let mut intens = vec![1.0f32; n];
    let mut addressee = vec![false; n];
    let mut exception = vec![false; n];
    let mut profane = vec![false; n];
    let mut contrast_at: Option<u32> = None;
    let sentences = tokens.sentences as usize + 1;
    let mut irony_in = vec![false; sentences];
    let mut addressee_in = vec![false; sentences];
    let mut last_word_in = vec![usize::MAX; sentences];
    for (i, t) in tokens.tokens.iter().enumerate() {
        if is_wordish(t.kind) {
            if let Some(l) = last_word_in.get_mut(t.sentence as usize) {
                *l = i;
            }
        }
    }
    for h in hits {
        let e = lex.entry(h.entry);
        let t0 = h.t0 as usize;
        match e.list {
            // a negator inside a polar phrase ("don't care") belongs to the phrase
            List::Negator if !in_phrase[t0] => negator[t0] = true,
            List::Intensifier => intens[(h.t1 as usize).saturating_sub(1)] = e.weight,
            List::Addressee => {
                addressee[t0] = true;
                if let Some(a) = addressee_in.get_mut(tokens.tokens[t0].sentence as usize) {
                    *a = true;
                }
            }
            List::Exception if !h.partial => exception[t0] = true,
            List::Contrast if contrast_at.is_none() => contrast_at = Some(h.t0),
            List::Irony => {
                if let Some(a) = irony_in.get_mut(tokens.tokens[t0].sentence as usize) {
                    *a = true;
                }
            }
            List::Toxic(Category::Profanity) => profane[t0] = true,
            _ => {}
        }
    }
    let mut cx = Ctx {
        evidence: Vec::new(),
    };
    let mostly_caps = tokens.mostly_caps();
    // word indices, to count windows in words rather than tokens
    let sentence_of = |t: usize| tokens.tokens[t].sentence;
    let prev_words = |t: usize, k: usize| -> Window {
        let mut out = Window::default();
        let mut j = t;
        let mut next_start = tokens.tokens[t].span.start;
        while j > 0 && out.len() < k && t - j < 4 * k + 4 {
            j -= 1;
            if sentence_of(j) != sentence_of(t) {
                break;
            }
            // a comma or colon closes the scope: "nicht gut, leider kaputt"
            let sp = tokens.tokens[j].span;
            if text
                .get(sp.end..next_start)
                .is_some_and(|gap| gap.contains([',', ':']))
            {
                break;
            }
            next_start = sp.start;
            if is_wordish(tokens.tokens[j].kind) {
                out.push(j);
            }
        }
        out
    };

    // ---- sentiment
    let mut sum = 0.0f32;
    let mut booster_profanity = vec![false; n];
    for h in hits {
        let e = lex.entry(h.entry);
        if e.list != List::Sentiment {
            continue;
        }
        let t0 = h.t0 as usize;
        let mut v = e.weight * factor_of(e);
        let ev = cx.add(lex.entry(h.entry).id(), Facet::Sentiment, h.span, v);
        let before = prev_words(t0, p::NEGATION_WINDOW.max(p::INTENSIFIER_WINDOW));
        // intensifiers and profanity boosters right before
        for (k, &j) in before.iter().enumerate() {
            if k < p::INTENSIFIER_WINDOW && intens[j] != 1.0 {
                v *= intens[j];
                let sp = tokens.tokens[j].span;
                cx.add(
                    "rule:intensifier",
                    Facet::Modifier(Modifier::Intensifier),
                    sp,
                    intens[j],
                );
                break;
            }
            if k < p::INTENSIFIER_WINDOW && profane[j] {
                v *= p::PROFANITY_BOOST;
                booster_profanity[j] = true;
                let sp = tokens.tokens[j].span;
                cx.add(
                    "rule:profanity-as-intensifier",
                    Facet::Modifier(Modifier::Intensifier),
                    sp,
                    p::PROFANITY_BOOST,
                );
                break;
            }
        }
        // negation before, or (German) a sentence-final negation after
        let mut negated = before
            .iter()
            .take(p::NEGATION_WINDOW)
            .find(|&&j| negator[j])
            .copied();
        if negated.is_none() && lang.code == Lang::De {
            negated = final_negation_after(tokens, &negator, &last_word_in, h.t1 as usize);
        }
        if let Some(j) = negated {
            v *= p::NEGATION_FACTOR;
            cx.add(
                "rule:negation",
                Facet::Modifier(Modifier::Negation),
                tokens.tokens[j].span,
                p::NEGATION_FACTOR,
            );
        }
        let toks = &tokens.tokens[h.t0 as usize..h.t1 as usize];
        if !mostly_caps && toks.iter().any(|t| t.caps && t.kind == TokenKind::Word) {
            v *= p::CAPS_FACTOR;
            cx.add(
                "rule:caps-emphasis",
                Facet::Modifier(Modifier::Capitals),
                h.span,
                p::CAPS_FACTOR,
            );
        }
        if toks.iter().any(|t| t.elongated) {
            v *= p::ELONGATION_FACTOR;
            cx.add(
                "rule:elongation",
                Facet::Modifier(Modifier::Elongation),
                h.span,
                p::ELONGATION_FACTOR,
            );
        }
        if let Some(c) = contrast_at {
            let f = if h.t0 < c {
                p::CONTRAST_BEFORE
            } else {
                p::CONTRAST_AFTER
            };
            v *= f;
        }
        if v > 0.0 && irony_in[sentence_of(t0) as usize] {
            v *= p::IRONY_FLIP;
            cx.add(
                "rule:irony-flips-praise",
                Facet::Modifier(Modifier::Irony),
                h.span,
                p::IRONY_FLIP,
            );
        }
        cx.evidence[ev].weight = round3(v);
        sum += v;
    }
    if let Some(c) = contrast_at {
        let sp = tokens.tokens[c as usize].span;
        cx.add(
            "rule:contrast",
            Facet::Modifier(Modifier::Contrast),
            sp,
            p::CONTRAST_AFTER,
        );
    }

    // ---- toxicity
    let mut cat_sum = [0.0f32; 6];
    let mut cat_ev: [Vec<usize>; 6] = Default::default();
    let mut masking_noted = vec![false; n];
    for h in hits {
        let e = lex.entry(h.entry);
        let List::Toxic(cat) = e.list else { continue };
        let t0 = h.t0 as usize;
        if h.partial && (h.t0..h.t1).any(|t| exception[t as usize]) {
            continue;
        }
        let mut w = e.weight * factor_of(e);
        if cat == Category::Profanity && booster_profanity[t0] {
            w *= p::PROFANITY_AS_BOOSTER;
        }
        let sent = sentence_of(t0);
        if matches!(cat, Category::Insult | Category::SexualHarassment)
            && addressee_in[sent as usize]
        {
            w *= p::TARGETED_FACTOR;
        }
        if prev_words(t0, 1).first().is_some_and(|&j| negator[j]) {
            w *= p::NEGATED_TOXIC_FACTOR;
        }
        if h.masked && !masking_noted[t0] {
            masking_noted[t0] = true;
            cx.add(
                "rule:masked-word",
                Facet::Modifier(Modifier::Masking),
                h.span,
                1.0,
            );
        }
        let ev = cx.add(lex.entry(h.entry).id(), Facet::Toxic(cat), h.span, w);
        cat_sum[cat.index()] += w;
        cat_ev[cat.index()].push(ev);
        if cat != Category::Profanity && cat != Category::CallToAction {
            sum += p::TOXIC_VALENCE * w;
        } else if cat == Category::Profanity && !booster_profanity[t0] {
            // swearing with no polar word to boost ("fuck off", "damn damn damn") leans negative
            sum += p::PROFANITY_VALENCE * w;
        }
    }

    // ---- signals and topics
    let mut sig_sum = [0.0f32; 10];
    let mut sig_ev: [Vec<usize>; 10] = Default::default();
    let mut top_sum = [0.0f32; 8];
    let mut top_ev: [Vec<usize>; 8] = Default::default();
    for h in hits {
        let e = lex.entry(h.entry);
        let w = e.weight * factor_of(e);
        match e.list {
            List::Signal(sig) => {
                let ev = cx.add(lex.entry(h.entry).id(), Facet::Signal(sig), h.span, w);
                sig_sum[sig.index()] += w;
                sig_ev[sig.index()].push(ev);
                match sig {
                    Signal::Complaint
                    | Signal::Churn
                    | Signal::Legal
                    | Signal::Safety
                    | Signal::Privacy
                    | Signal::Refund => {
                        sum += p::NEGATIVE_SIGNAL_VALENCE * w;
                    }
                    Signal::Praise if !irony_in[sentence_of(h.t0 as usize) as usize] => {
                        sum += p::PRAISE_VALENCE * w
                    }
                    _ => {}
                }
            }
            List::Topic(t) => {
                let ev = cx.add(lex.entry(h.entry).id(), Facet::Topic(t), h.span, w);
                top_sum[t.index()] += w;
                top_ev[t.index()].push(ev);
            }
            List::Irony => {
                let v = p::IRONY_VALENCE * w;
                cx.add(
                    lex.entry(h.entry).id(),
                    Facet::Modifier(Modifier::Irony),
                    h.span,
                    v,
                );
                sum += v;
            }
            _ => {}
        }
    }
    // ---- learned models: each word once; the intercept applies when the language has a model
    let mut model_sum = [0.0f32; 2];
    let mut model_used = [false; 2];
    let mut model_seen: rustc_hash::FxHashSet<u32> = Default::default();
    let mut model_ev: Vec<usize> = Vec::new();
    for h in hits {
        let e = lex.entry(h.entry);
        let List::Model(kind) = e.list else { continue };
        // a model applies only to comments detected in its language (no half weights for `other`)
        if !matches!(
            (lang.code, e.table),
            (Lang::De, Table::De) | (Lang::En, Table::En)
        ) || !model_seen.insert(h.entry)
        {
            continue;
        }
        let w = e.weight * factor_of(e);
        model_sum[kind as usize] += w;
        let facet = match kind {
            ModelKind::Offense => LearnedModel::Offense,
            ModelKind::Sentiment => LearnedModel::Sentiment,
        };
        let ev = cx.add(lex.entry(h.entry).id(), Facet::Learned(facet), h.span, w);
        if kind == ModelKind::Offense && w > 0.0 {
            model_ev.push(ev);
        }
    }
    for kind in [ModelKind::Offense, ModelKind::Sentiment] {
        let table = match lang.code {
            Lang::De => Table::De,
            Lang::En => Table::En,
            Lang::Other => Table::Common,
        };
        if lex.has_model(kind, table) {
            model_used[kind as usize] = true;
            model_sum[kind as usize] += lex.model_bias[kind as usize][table as usize];
        }
    }
    if model_used[ModelKind::Sentiment as usize] {
        sum += p::MODEL_SENTIMENT_WEIGHT * model_sum[ModelKind::Sentiment as usize];
    }
    let offense_p = if model_used[ModelKind::Offense as usize] {
        1.0 / (1.0 + (-model_sum[ModelKind::Offense as usize]).exp())
    } else {
        0.0
    };

    // exclamation marks push in the direction of the sum
    if tokens.exclamations > 0 && sum != 0.0 {
        let k = tokens.exclamations.min(p::EXCLAMATION_MAX) as f32 * p::EXCLAMATION_STEP;
        sum += k * sum.signum();
        let sp = text
            .rfind('!')
            .map_or(Span::default(), |i| Span::new(i, i + 1));
        cx.add(
            "rule:exclamation-emphasis",
            Facet::Modifier(Modifier::Exclamation),
            sp,
            k * sum.signum(),
        );
    }
    let n_words = tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count() as f32;
    let alpha = p::SENTIMENT_ALPHA
        + p::SENTIMENT_LENGTH_ALPHA * (n_words - p::SENTIMENT_LENGTH_FREE).max(0.0);
    let score = (sum / (sum * sum + alpha).sqrt()).clamp(-1.0, 1.0);
    let score = if score.is_finite() { score } else { 0.0 };
    let label = if score >= p::POSITIVE_THRESHOLD {
        SentimentLabel::Positive
    } else if score <= p::NEGATIVE_THRESHOLD {
        SentimentLabel::Negative
    } else {
        SentimentLabel::Neutral
    };
    let sentiment = Sentiment {
        score: round3(score),
        label,
    };

    // ---- toxicity score
    let caps_words = if mostly_caps {
        0
    } else {
        tokens
            .tokens
            .iter()
            .filter(|t| t.caps && t.span.len() > 2)
            .count()
    };
    let emphasis = (caps_words as f32 + tokens.exclamations.min(6) as f32 * 0.5).min(6.0);
    let mut total: f32 = cat_sum
        .iter()
        .zip(p::CATEGORY_WEIGHT)
        .map(|(s, w)| s * w)
        .sum();
    // only what the model sees above its own base rate counts, so a friendly comment stays near zero
    let offense_base = if model_used[ModelKind::Offense as usize] {
        let table = if lang.code == Lang::En {
            Table::En
        } else {
            Table::De
        };
        1.0 / (1.0 + (-lex.model_bias[ModelKind::Offense as usize][table as usize]).exp())
    } else {
        0.0
    };
    total += p::MODEL_OFFENSE_WEIGHT * (offense_p - offense_base).max(0.0)
        / (1.0 - offense_base).max(0.05);
    let toxic_words_present = total > 0.0;
    total += p::NEGATIVITY_TO_TOXICITY * (-score).max(0.0);
    if toxic_words_present {
        total += p::EMPHASIS_TO_TOXICITY * emphasis;
    }
    let tox_score = round3(1.0 - (-total / p::TOXICITY_SCALE).exp());
    let threshold = p::TOXIC_THRESHOLD + (0.5 - opts.sensitivity) * 0.3;
    let categories: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| cat_sum[c.index()] >= p::CATEGORY_MIN[c.index()])
        .collect();
    let toxic = tox_score >= threshold
        && (categories
            .iter()
            .any(|c| !matches!(c, Category::CallToAction))
            || offense_p >= p::MODEL_TOXIC_MIN)
        && !(categories == [Category::Profanity] && score > 0.0);
    let toxicity = Toxicity {
        score: tox_score.clamp(0.0, 1.0),
        toxic,
        categories,
    };

    // ---- topic
    let mut topic = Topic::Other;
    let mut best = p::TOPIC_MIN;
    for t in Topic::ALL {
        if top_sum[t.index()] >= best && t != Topic::Other {
            best = top_sum[t.index()];
            topic = t;
        }
    }

    // ---- signals (with derived complaint, question, praise, spam)
    let urls = tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Url)
        .count();
    if tokens.questions > 0 {
        sig_sum[Signal::Question.index()] += p::QUESTION_MARK_WEIGHT;
        if let Some(i) = text.rfind('?') {
            let ev = cx.add(
                "rule:question-mark",
                Facet::Signal(Signal::Question),
                Span::new(i, i + 1),
                p::QUESTION_MARK_WEIGHT,
            );
            sig_ev[Signal::Question.index()].push(ev);
        }
    }
    let negative_signal = [
        Signal::Churn,
        Signal::Legal,
        Signal::Safety,
        Signal::Privacy,
        Signal::Refund,
    ]
    .iter()
    .any(|s| sig_sum[s.index()] >= p::SIGNAL_MIN);
    if score <= p::COMPLAINT_SENTIMENT
        && (topic != Topic::Other || negative_signal)
        && sig_sum[Signal::Complaint.index()] < p::SIGNAL_MIN
    {
        sig_sum[Signal::Complaint.index()] = p::SIGNAL_MIN;
        let ev = cx.add(
            "rule:negative-about-topic",
            Facet::Signal(Signal::Complaint),
            Span::new(0, text.len()),
            p::SIGNAL_MIN,
        );
        sig_ev[Signal::Complaint.index()].push(ev);
    }
    if urls > 0 && sig_sum[Signal::Spam.index()] > 0.0 || urls >= p::SPAM_LINKS * 2 {
        sig_sum[Signal::Spam.index()] += 0.5 * urls as f32;
    }
    let mut signals: Vec<Signal> = Signal::ALL
        .into_iter()
        .filter(|s| sig_sum[s.index()] >= p::SIGNAL_MIN)
        .collect();
    let complaint = signals.contains(&Signal::Complaint);
    if score >= p::PRAISE_SENTIMENT
        && !complaint
        && !signals.contains(&Signal::Praise)
        && !toxicity.toxic
    {
        signals.push(Signal::Praise);
        let ev = cx.add(
            "rule:positive-overall",
            Facet::Signal(Signal::Praise),
            Span::new(0, text.len()),
            score,
        );
        sig_ev[Signal::Praise.index()].push(ev);
        signals.sort();
    }
    if signals.contains(&Signal::Praise) && (complaint || score < 0.0) {
        signals.retain(|s| *s != Signal::Praise);
    }

    // ---- personal data, watch words, address
    let mut pii_ev = Vec::new();
    for (kind, span) in pii::find(text) {
        pii_ev.push(cx.add(
            format!("rule:personal-data:{kind}"),
            Facet::PersonalData,
            span,
            1.0,
        ));
    }
    let mut watch_ev = Vec::new();
    if !opts.watch_words.is_empty() {
        for (raw, folded) in &opts.watch_words {
            if let Some(span) = find_watch(tokens, folded) {
                watch_ev.push(cx.add(format!("watch:{raw}"), Facet::WatchWord, span, 1.0));
            }
        }
    }
    let address = if lang.code == Lang::De {
        detect_address(text, tokens)
    } else {
        None
    };

    // ---- criticality
    let mut parts: Vec<Part> = Vec::new();
    for c in &toxicity.categories {
        parts.push(Part::Category(
            *c,
            p::CATEGORY_POINTS[c.index()],
            cat_ev[c.index()].clone(),
        ));
    }
    let lexicon_category = toxicity
        .categories
        .iter()
        .any(|c| !matches!(c, Category::CallToAction | Category::Profanity));
    if toxicity.toxic && !lexicon_category {
        model_ev.sort_by(|a, b| cx.evidence[*b].weight.total_cmp(&cx.evidence[*a].weight));
        parts.push(Part::Learned(p::LEARNED_OFFENSE_POINTS, model_ev.clone()));
    }
    for sgl in &signals {
        let pts = p::SIGNAL_POINTS[sgl.index()];
        if pts > 0.0 {
            parts.push(Part::Signal(*sgl, pts, sig_ev[sgl.index()].clone()));
        }
    }
    if score < 0.0 {
        let neg_ev: Vec<usize> = cx
            .evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| e.facet == Facet::Sentiment && e.weight < 0.0)
            .map(|(i, _)| i)
            .collect();
        parts.push(Part::Negativity(p::NEGATIVITY_POINTS * -score, neg_ev));
    }
    if emphasis > 0.0 && score < 0.0 {
        parts.push(Part::Emphasis(
            (emphasis / 6.0 * p::EMPHASIS_POINTS).min(p::EMPHASIS_POINTS),
        ));
    }
    if !pii_ev.is_empty() {
        parts.push(Part::PersonalData(p::PERSONAL_DATA_POINTS, pii_ev.clone()));
    }
    if !watch_ev.is_empty() {
        parts.push(Part::WatchWord(p::WATCH_WORD_POINTS, watch_ev));
    }
    let points: f32 = parts.iter().map(Part::points).sum();
    let crit = points.clamp(0.0, 100.0);
    let shift = (opts.sensitivity - 0.5) * 2.0 * p::SENSITIVITY_SPAN;
    let level = if crit >= p::ESCALATE_AT - shift {
        Level::Escalate
    } else if crit >= p::RESPOND_AT - shift {
        Level::Respond
    } else {
        Level::Monitor
    };
    let first_person = tokens.tokens.iter().any(|t| {
        matches!(
            tokens.norm_of(t),
            "mein" | "meine" | "meinen" | "meiner" | "meinem" | "my" | "mine" | "meins"
        )
    });
    let private = !pii_ev.is_empty()
        || signals
            .iter()
            .any(|s| matches!(s, Signal::Refund | Signal::Privacy))
        || (topic == Topic::Billing && complaint)
        || (complaint
            && first_person
            && matches!(
                topic,
                Topic::Delivery | Topic::Billing | Topic::ProductQuality | Topic::CustomerService
            ));
    let channel = if private {
        Channel::Private
    } else {
        Channel::Public
    };
    if private {
        parts.push(Part::Private(explain::private_cause(
            &signals,
            topic,
            !pii_ev.is_empty(),
            complaint && first_person,
        )));
    }
    let reasons = explain::reasons(&parts, &cx.evidence, text, opts.ui_lang);
    let mut evidence = cx.evidence;
    // stable order: by position, then id
    let mut order: Vec<usize> = (0..evidence.len()).collect();
    order.sort_by(|&a, &b| {
        evidence[a]
            .span
            .start
            .cmp(&evidence[b].span.start)
            .then(evidence[a].span.end.cmp(&evidence[b].span.end))
    });
    let mut remap = vec![0usize; evidence.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    let mut sorted = Vec::with_capacity(evidence.len());
    for &old in &order {
        sorted.push(std::mem::replace(
            &mut evidence[old],
            Evidence {
                id: Cow::Borrowed(""),
                facet: Facet::Language,
                span: Span::default(),
                weight: 0.0,
            },
        ));
    }
    let reasons = reasons
        .into_iter()
        .map(|mut r| {
            for i in &mut r.evidence {
                *i = remap[*i];
            }
            r
        })
        .collect();
    Analysis {
        lang: LangGuess {
            code: lang.code,
            confidence: round3(lang.confidence),
        },
        sentiment,
        toxicity,
        signals,
        topic,
        criticality: Criticality {
            score: crit.round() as u8,
            level,
            channel,
            reasons,
        },
        address,
        evidence: sorted,
    }
}

/// German "Das gefällt mir nicht." — a negation that closes the sentence within a few words after `t1`.
fn final_negation_after(
    tokens: &Tokens,
    negator: &[bool],
    last_word_in: &[usize],
    t1: usize,
) -> Option<usize> {
    let toks = &tokens.tokens;
    let sent = toks.get(t1.saturating_sub(1))?.sentence;
    let last = *last_word_in.get(sent as usize)?;
    let mut words = 0;
    let mut j = t1;
    while j < toks.len()
        && toks[j].sentence == sent
        && j <= last
        && j < t1 + 4 * p::NEGATION_BACK_WINDOW
    {
        if is_wordish(toks[j].kind) {
            words += 1;
            if negator[j] {
                // the negation must be the last word of its sentence
                return (j == last).then_some(j);
            }
            if words >= p::NEGATION_BACK_WINDOW {
                return None;
            }
        }
        j += 1;
    }
    None
}

fn find_watch(tokens: &Tokens, folded: &str) -> Option<Span> {
    let parts: Vec<&str> = folded.split(' ').collect();
    let words: Vec<&Token> = tokens
        .tokens
        .iter()
        .filter(|t| is_wordish(t.kind))
        .collect();
    if parts.is_empty() {
        return None;
    }
    for w in 0..words.len() {
        if w + parts.len() > words.len() {
            break;
        }
        let ok = parts.iter().enumerate().all(|(k, part)| {
            let norm = tokens.norm_of(words[w + k]);
            if k + 1 == parts.len() {
                norm.starts_with(part)
            } else {
                norm == *part
            }
        });
        if ok {
            return Some(Span::new(
                words[w].span.start,
                words[w + parts.len() - 1].span.end,
            ));
        }
    }
    None
}

/// du or Sie, from the pronouns as written (Sie/Ihnen/Ihr capitalised inside a sentence is the polite form).
fn detect_address(text: &str, tokens: &Tokens) -> Option<Address> {
    let (mut du, mut sie) = (0, 0);
    let mut prev_sentence = u32::MAX;
    for t in &tokens.tokens {
        if t.kind != TokenKind::Word {
            continue;
        }
        let first_in_sentence = t.sentence != prev_sentence;
        prev_sentence = t.sentence;
        let raw = t.span.slice(text);
        match tokens.norm_of(t) {
            "du" | "dich" | "dir" | "dein" | "deine" | "deinen" | "deinem" | "deiner" | "euch"
            | "euer" | "eure" | "euren" | "eurem" | "eurer" => du += 1,
            "sie" | "ihnen" | "ihr" | "ihre" | "ihren" | "ihrem" | "ihrer"
                if !first_in_sentence && raw.starts_with(|c: char| c.is_uppercase()) =>
            {
                sie += 1
            }
            // lower-case "ihr" addresses a group informally ("Könnt ihr …")
            "ihr" if raw == "ihr" => du += 1,
            "ihnen" => sie += 1,
            _ => {}
        }
    }
    match (du, sie) {
        (0, 0) => None,
        (d, s) if d > s => Some(Address::Du),
        _ => Some(Address::Sie),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_word_matches_by_shape() {
        let lex = lexicons();
        let find = |masked: &str, word: &str| {
            masked_matches(masked, &lex.toxic_words)
                .iter()
                .any(|id| lex.entry(*id).pattern == word)
        };
        assert!(find("a****loch", "arschloch"));
        assert!(find("f*ck", "fuck"));
        assert!(find("sch***e", "scheiße"));
        assert!(masked_matches("*bc", &lex.toxic_words).is_empty());
    }

    #[test]
    fn address_du_and_sie() {
        let mut t = Tokens::default();
        let text = "Können Sie mir sagen, wo Ihr Paket ist?";
        tokenize(text, &mut t);
        assert_eq!(detect_address(text, &t), Some(Address::Sie));
        let text = "Kannst du mir sagen, wo dein Paket ist?";
        tokenize(text, &mut t);
        assert_eq!(detect_address(text, &t), Some(Address::Du));
        let text = "Sie haben es nicht geliefert.";
        tokenize(text, &mut t);
        assert_eq!(detect_address(text, &t), None);
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
