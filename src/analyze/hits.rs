//! Stage 2 — lexicon hits: every lexicon entry that matches the tokens, on a token range and a byte span.
//!
//! Whole words take one table lookup (a second for elongated, masked or leet words); spread-out words
//! ("s c h e i ß e") are joined; over the folded stream of the words, phrases take one lookup per word (with
//! the word after it) and word parts (starred patterns) one automaton.
//! Hits of a language the comment is not in are dropped, then phrases beat the words inside them.

use crate::lexicon::{Cue, GAP_WORDS, List, NUM, PatternMeta, Table, lexicons};
use crate::model::{Category, Lang, Span};
use crate::params as p;
use crate::text::{
    Token, TokenKind, Tokens, clause_break, collapse_runs_into, fold_char, unleet, unleet_into,
    unleet_keeping_stars,
};

use super::Scratch;

/// One lexicon hit on a token range.
#[derive(Clone, Copy, Debug)]
pub struct Hit {
    pub entry: u32,
    /// The entry's list, table and weight, kept beside it so that the stages can skip and order hits without
    /// a lookup in the entry table.
    pub list: List,
    pub table: Table,
    pub weight: f32,
    pub t0: u32,
    pub t1: u32,
    pub span: Span,
    /// Matched inside a longer word (a starred pattern).
    pub partial: bool,
    /// Matched a masked, spread or leet spelling.
    pub masked: bool,
}

impl Hit {
    /// A hit of lexicon entry `entry` on tokens `t0..t1`.
    fn new(entry: u32, t0: u32, t1: u32, span: Span, partial: bool, masked: bool) -> Hit {
        let e = lexicons().entry(entry);
        Hit {
            entry,
            list: e.list,
            table: e.table,
            weight: e.weight,
            t0,
            t1,
            span,
            partial,
            masked,
        }
    }
}

impl Hit {
    /// A problem denied: a complaint phrase too weak to count on its own that opens with a negator ("keine
    /// Probleme", "no problems"); `opens_negated` says whether a negator starts on its first token (asked only
    /// of such a phrase). Read by the lasting-absence pass below, the context's first failure and the irony
    /// rules alike.
    pub(crate) fn denies_problem(&self, opens_negated: impl FnOnce() -> bool) -> bool {
        self.list == List::Signal(crate::model::Signal::Complaint)
            && self.weight < p::SIGNAL_MIN
            && opens_negated()
    }
}

pub(crate) fn is_wordish(k: TokenKind) -> bool {
    matches!(k, TokenKind::Word | TokenKind::Hashtag | TokenKind::Number)
}

/// The hits that start in tokens `from..to`. The hits of a comment come sorted by their first token, so this
/// costs two binary searches: the rules that look around one hit stay linear in the text.
pub(crate) fn starting_in(hits: &[Hit], from: usize, to: usize) -> &[Hit] {
    let a = hits.partition_point(|x| (x.t0 as usize) < from);
    let b = hits.partition_point(|x| (x.t0 as usize) < to);
    &hits[a..b.max(a)]
}

/// Most tokens a polar phrase spans that [`in_positive_phrase`] looks back over.
const PHRASE_REACH: usize = 8;

/// Hit `h` lies inside a longer positive polar phrase ("versprochen" in "wie versprochen", "promised" in "as
/// promised"): the phrase says what the word alone does not.
pub(crate) fn in_positive_phrase(hits: &[Hit], h: &Hit) -> bool {
    let (t0, t1) = (h.t0 as usize, h.t1 as usize);
    starting_in(hits, t0.saturating_sub(PHRASE_REACH), t0 + 1)
        .iter()
        .any(|x| {
            x.list == List::Sentiment
                && x.weight > 0.0
                && (x.t0 as usize) <= t0
                && (x.t1 as usize) >= t1
                && x.t1 - x.t0 > h.t1 - h.t0
        })
}

/// How much a lexicon entry of `table` counts in a comment of language `lang` (0: not at all).
pub fn language_factor(lang: Lang, table: Table) -> f32 {
    match (lang, table) {
        (_, Table::Common) => 1.0,
        (Lang::De, Table::De) | (Lang::En, Table::En) => 1.0,
        (Lang::Other, _) => p::OTHER_LANG_FACTOR,
        _ => 0.0,
    }
}

/// English "'em" or lower-case "em" for "them" ("kill 'em all", "send em back"); not "EM", the German
/// short form of a championship.
fn is_clipped_them(text: &str, span: Span) -> bool {
    let word = &text[span.start..span.end];
    word == "em"
        || (word.eq_ignore_ascii_case("em")
            && text[..span.start].ends_with(['\'', '\u{2019}', '`']))
}

/// Keeps the hits that count in a comment of language `lang`, then removes the shadowed ones.
pub(crate) fn keep_language(hits: &mut Vec<Hit>, lang: Lang) {
    hits.retain(|h| language_factor(lang, h.table) > 0.0);
    dedupe(hits);
}

/// "Still no problems, thanks!", "Immer noch keine Probleme", "Schon wieder keine Probleme gehabt": a phrase of
/// lasting absence ("still no", "immer noch keine", "again no") whose negator opens a problem denied — a
/// complaint phrase too weak to count that starts on that negator ("no problems", "keine Probleme") —, or an
/// again-word right before one, reports no failure. Their complaint, irony and negative hits are dropped (so no
/// stage reads a failure or an irony there); returns their spans for the evidence.
pub(crate) fn drop_absent_problems(hits: &mut Vec<Hit>) -> Vec<Span> {
    // the hits come sorted by their first token: the problems denied are found in token order, and a lookup at
    // one token is a binary search (no per-token table on this path, which every comment takes)
    let opens_negated = |hits: &[Hit], t: u32| {
        starting_in(hits, t as usize, t as usize + 1)
            .iter()
            .any(|n| n.list == List::Negator)
    };
    let mut denials: Vec<u32> = hits
        .iter()
        .filter(|d| d.denies_problem(|| opens_negated(hits, d.t0)))
        .map(|d| d.t0)
        .collect();
    if denials.is_empty() {
        return Vec::new();
    }
    denials.dedup();
    let denied_at = |t: u32| denials.binary_search(&t).is_ok();
    // an again-word right before a problem denied ("schon wieder keine Probleme", "again no problems") frames it
    let frames: Vec<(u32, u32)> = hits
        .iter()
        .filter(|h| h.list == List::Cue(Cue::Again) && denied_at(h.t1))
        .map(|h| (h.t0, h.t1))
        .collect();
    // a hit inside a frame starts in it: only the frames starting at most a cue's length before it are looked at
    let framed = |h: &Hit| {
        let k = frames.partition_point(|&(a, _)| a <= h.t0);
        frames[..k]
            .iter()
            .rev()
            .take_while(|&&(a, _)| h.t0 - a < AGAIN_CUE_MAX_WORDS)
            .any(|&(_, b)| h.t1 <= b)
    };
    let failing = |h: &Hit| {
        h.list == List::Signal(crate::model::Signal::Complaint)
            || h.list == List::Irony
            || (h.list == List::Sentiment && h.weight < 0.0)
    };
    let lasting = |h: &Hit| failing(h) && ((h.t1 > h.t0 + 1 && denied_at(h.t1 - 1)) || framed(h));
    let mut spans = Vec::new();
    hits.retain(|h| {
        let drop = lasting(h);
        if drop && spans.last() != Some(&h.span) {
            spans.push(h.span);
        }
        !drop
    });
    spans
}

/// Longer than any entry of `cue_again.txt` (four words).
const AGAIN_CUE_MAX_WORDS: u32 = 8;

/// Every hit of the compiled lexicons on `s.tokens`, into `s.hits`.
pub(crate) fn collect(text: &str, s: &mut Scratch) {
    let lex = lexicons();
    let Scratch {
        tokens,
        hits,
        stream,
        stream_starts,
        alt,
        ..
    } = s;
    hits.clear();
    stream.clear();
    stream_starts.clear();
    // masked or leet words and the word each stands for, by token
    let mut resolved: Vec<(u32, String)> = Vec::new();
    let mut next_resolved = 0;
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
            collapse_runs_into(norm, alt);
            found = lex.words.get(alt.as_str());
        }
        if found.is_none() && t.masked {
            // stars hide letters: the word they stand for first ("f*ck" is "fuck", "f***ed" is "fucked"; the
            // letters alone would read "fck" and "fed"), only then the letters as written
            let (ids, word) = if hides_letters(norm) {
                resolve_mask(&unleet_keeping_stars(norm), &lex.toxic_words)
            } else {
                (Vec::new(), None)
            };
            if let Some(w) = word {
                resolved.push((i, w.to_string()));
                for id in ids {
                    hits.push(Hit::new(id, i, i + 1, t.span, false, true));
                }
            } else {
                unleet_into(norm, alt);
                found = lex.words.get(alt.as_str());
                // a word written with digits joins phrases and word parts as the word it spells
                // ("Z13g3nf1ck3r", "Tr4n5 M3n5ch3n", "sh!tshow")
                if *alt != *norm {
                    resolved.push((i, alt.clone()));
                }
            }
        }
        if let Some(ids) = found {
            for &id in ids.iter() {
                hits.push(Hit::new(id, i, i + 1, t.span, false, t.masked));
            }
        }
    }
    // 2. spread-out words: "s c h e i ß e", "a.r.s.c.h", "F U C K"
    spread_words(text, tokens, hits);
    // 3. phrases and word parts over the folded stream
    let mut last_sentence = u32::MAX;
    let mut broken = false;
    for (i, t) in tokens.tokens.iter().enumerate() {
        if !is_wordish(t.kind) {
            // a mention or a link between two words ends a phrase ("RT @a: Bitte …" is no "rt bitte")
            broken |= matches!(t.kind, TokenKind::Mention | TokenKind::Url);
            continue;
        }
        if last_sentence != u32::MAX && (t.sentence != last_sentence || broken) {
            stream.push_str("| ");
        }
        broken = false;
        last_sentence = t.sentence;
        let start = stream.len() as u32;
        // a masked word joins phrases as the word it stands for ("F*ck you" → "fuck you")
        while next_resolved < resolved.len() && resolved[next_resolved].0 < i as u32 {
            next_resolved += 1;
        }
        if t.kind == TokenKind::Number || lex.number_words.contains_key(tokens.norm_of(t)) {
            stream.push_str(NUM);
        } else if let Some((_, w)) = resolved.get(next_resolved).filter(|r| r.0 == i as u32) {
            stream.push_str(w);
        } else if is_clipped_them(text, t.span) {
            // "kill 'em all", "send em back": the colloquial "them" joins phrases as "them"
            stream.push_str("them");
        } else {
            stream.push_str(tokens.norm_of(t));
        }
        stream_starts.push((start, i as u32));
        stream.push(' ');
    }
    let bytes = stream.as_bytes();
    let on_stream = OnStream {
        tokens,
        starts: stream_starts,
        lex,
    };
    // whole-word phrases: one lookup per stream word (with the word after it), the rest compared in place
    phrases_in(stream, |meta, a, b| {
        hits.extend(on_stream.hit(meta, a, b, false))
    });
    // hashtags of several words ("#ThanksForNothing", "#DankeFürNichts"): the phrases among their words, as a
    // hit on the whole tag (no phrase that names a number by value: a tag has no number tokens to check)
    for (i, t) in tokens.tokens.iter().enumerate() {
        if t.kind == TokenKind::Hashtag && hashtag_words(&text[t.span.start + 1..t.span.end], alt) {
            let i = i as u32;
            phrases_in(alt, |meta, _, _| {
                if meta.values.0 == meta.values.1 {
                    hits.push(Hit::new(meta.entry, i, i + 1, t.span, false, false));
                }
            });
        }
    }
    // starred patterns: word parts, anywhere in the stream
    for m in overlapping(&lex.automaton, stream.as_str()) {
        let meta = lex.patterns[m.pattern().as_usize()];
        let (a, b) = (m.start(), m.end());
        let starts_word = a == 0 || bytes[a - 1] == b' ';
        let ends_word = bytes.get(b).is_none_or(|c| *c == b' ');
        if (!meta.open_start && !starts_word) || (!meta.open_end && !ends_word) {
            continue;
        }
        hits.extend(on_stream.hit(meta, a, b, !(starts_word && ends_word)));
    }
    // 4. patterns with a gap: a clause-final tail word, its head word at most `GAP_WORDS` words before it
    gapped(text, tokens, hits);
    // 5. abusive compounds written with hyphens ("Kümmel-Türken", "rag-heads"): their parts joined
    hyphenated(text, tokens, hits, alt);
}

/// The words of a hashtag written in camel case or with underscores ("ThanksForNothing" → "thanks for nothing",
/// "Danke_für_nichts"), folded and separated by spaces, in `out`; false for a tag of one word ("fail", "FAIL",
/// "Verspätung"). A word starts at an upper-case letter after a lower-case one and after an underscore.
fn hashtag_words(tag: &str, out: &mut String) -> bool {
    out.clear();
    let mut prev_lower = false;
    for c in tag.chars() {
        let cut = c == '_' || (prev_lower && c.is_uppercase());
        if cut && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        prev_lower = c.is_lowercase();
        if c != '_' {
            fold_char(c, out);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out.contains(' ')
}

/// The whole-word phrases in `words` (folded words separated by single spaces, sentences by "| "): one lookup
/// per word with the word after it, the rest of the phrase compared in place; `found(meta, a, b)` for each
/// phrase on bytes `a..b`.
fn phrases_in(words: &str, mut found: impl FnMut(PatternMeta, usize, usize)) {
    let lex = lexicons();
    let bytes = words.as_bytes();
    let (mut a, mut end) = (0, word_end(bytes, 0));
    while end < bytes.len() {
        let end2 = word_end(bytes, end + 1);
        for &id in lex.phrases.get(&words[a..end2]).into_iter().flatten() {
            let phrase = &lex.phrase_list[id as usize];
            let b = a + phrase.text.len();
            if words[a..].starts_with(&*phrase.text) && bytes.get(b).is_none_or(|c| *c == b' ') {
                found(phrase.meta, a, b);
            }
        }
        (a, end) = (end + 1, end2);
    }
}

/// Hits of the toxic lexicons on compounds whose parts are joined by hyphens ("Kümmel-Türken", "Asyl-
/// Schmarotzer", "rag-heads"): the parts are looked up as the one word they spell, whole and by its starred
/// word parts, and the hit covers all the parts. Only the strong entries of the toxic lists: "E-Mail" stays
/// two words elsewhere.
fn hyphenated(text: &str, tokens: &Tokens, hits: &mut Vec<Hit>, joined: &mut String) {
    let lex = lexicons();
    let toks = &tokens.tokens;
    // the strong entries only: a mild political label written with a hyphen is the plain name of a
    // coalition or a stance ("rot-grün", "links-grün"), not the abusive compound
    let toxic = |id: u32| {
        let e = lex.entry(id);
        matches!(e.list, List::Toxic(_)) && e.weight >= p::HYPHENATED_MIN_WEIGHT
    };
    let mut i = 0;
    while i < toks.len() {
        let mut j = i + 1;
        while toks[j - 1].kind == TokenKind::Word
            && toks.get(j).is_some_and(|t| {
                t.kind == TokenKind::Word
                    && matches!(
                        &text[toks[j - 1].span.end..t.span.start],
                        "-" | "\u{2010}" | "\u{2011}"
                    )
            })
        {
            j += 1;
        }
        // parts of three letters or more: "DE-Bild" is no "debil", "E-Mail" no word
        if j - i < 2 || toks[i..j].iter().any(|t| t.span.len() < 3) {
            i = j;
            continue;
        }
        joined.clear();
        // where each part after the first starts in `joined`: a hit must reach across one of them, or it is
        // a hit of one part, found already
        let mut seams = [0usize; 8];
        for (k, t) in toks[i..j].iter().enumerate() {
            if let Some(seam) = seams.get_mut(k) {
                *seam = joined.len();
            }
            joined.push_str(tokens.norm_of(t));
        }
        let seams = &seams[1..(j - i).min(seams.len())];
        let across = |a: usize, b: usize| seams.iter().any(|&x| a < x && x < b);
        let span = Span::new(toks[i].span.start, toks[j - 1].span.end);
        let (t0, t1) = (i as u32, j as u32);
        for &id in lex.words.get(joined.as_str()).into_iter().flatten() {
            if toxic(id) {
                hits.push(Hit::new(id, t0, t1, span, false, false));
            }
        }
        for m in overlapping(&lex.automaton, joined.as_str()) {
            let meta = lex.patterns[m.pattern().as_usize()];
            let (starts, ends) = (m.start() == 0, m.end() == joined.len());
            // a word part begins where a part of the compound begins: "Bundes-Pastor" holds no "spast"
            let aligned = starts || seams.contains(&m.start());
            if toxic(meta.entry)
                && aligned
                && across(m.start(), m.end())
                && (meta.open_start || starts)
                && (meta.open_end || ends)
            {
                hits.push(Hit::new(meta.entry, t0, t1, span, !(starts && ends), false));
            }
        }
        i = j;
    }
}

/// The end of the stream word that starts at `from`: the next space, or the end of the stream.
fn word_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&c| c == b' ')
        .map_or(bytes.len(), |k| from + k)
}

/// The folded stream of a comment's words and where each token starts in it.
struct OnStream<'a> {
    tokens: &'a Tokens,
    /// (byte in the stream, token) of every stream word.
    starts: &'a [(u32, u32)],
    lex: &'a crate::lexicon::Lexicons,
}

impl OnStream<'_> {
    /// The hit of a phrase or starred pattern that matched stream bytes `a..b`, unless a number it names by
    /// value differs in the text ("1 star" is not "5 stars").
    fn hit(&self, meta: PatternMeta, a: usize, b: usize, partial: bool) -> Option<Hit> {
        let (tokens, lex) = (self.tokens, self.lex);
        let t0 = token_at(self.starts, a as u32)?;
        let t1 = token_at(self.starts, (b as u32).saturating_sub(1))?;
        let (v0, v1) = meta.values;
        if v0 < v1 {
            let first = self
                .starts
                .partition_point(|(s, _)| *s <= a as u32)
                .saturating_sub(1);
            let named = lex.number_values[v0 as usize..v1 as usize]
                .iter()
                .all(|&(k, v)| {
                    self.starts
                        .get(first + k as usize)
                        .and_then(|&(_, t)| tokens.tokens.get(t as usize))
                        .and_then(|t| lex.number_value(tokens.norm_of(t)))
                        == Some(v)
                });
            if !named {
                return None;
            }
        }
        let (s0, s1) = (
            tokens.tokens[t0 as usize].span,
            tokens.tokens[t1 as usize].span,
        );
        let span = Span::new(s0.start, s1.end);
        Some(Hit::new(meta.entry, t0, t1 + 1, span, partial, false))
    }
}

/// Hits of the gap patterns (`bring* … um`): the tail word ends its clause (the sentence ends, a
/// punctuation mark follows, or a word that opens a clause: "wenn", "if", "aber"), the head stands at most
/// [`GAP_WORDS`] words before it in the same clause, and neither a negator nor a reflexive object (`cue_reflexive.txt`) stands between them ("Ich bring dich nicht
/// um" and "Die Bahn bringt mich noch um" threaten nobody; "Ich bring dich um 8 hin" has no clause-final
/// "um").
fn gapped(text: &str, tokens: &Tokens, hits: &mut Vec<Hit>) {
    let lex = lexicons();
    if lex.gapped.is_empty() {
        return;
    }
    let toks = &tokens.tokens;
    // whether a word is in one of the lists `pred` accepts
    let listed = |t: &Token, pred: fn(List) -> bool| {
        lex.words
            .get(tokens.norm_of(t))
            .is_some_and(|ids| ids.iter().any(|&id| pred(lex.entry(id).list)))
    };
    // a word that opens a clause without a comma before it ("… um wenn", "… up if", "… ab aber")
    let opens_clause = |t: &Token| {
        listed(t, |l| {
            matches!(l, List::Cue(Cue::Hypothesis) | List::Contrast)
        })
    };
    // a negator or a reflexive object between head and tail ends the search
    let blocks = |t: &Token| {
        listed(t, |l| {
            matches!(l, List::Negator | List::Cue(Cue::Reflexive))
        })
    };
    for (j, tail) in toks.iter().enumerate() {
        if tail.kind != TokenKind::Word {
            continue;
        }
        // the cheap test first: most words are no tail of any pattern
        let ending = lex.gapped_ending(tokens.norm_of(tail));
        if ending.len() == 0
            || toks.get(j + 1).is_some_and(|n| {
                is_wordish(n.kind) && !clause_break(text, tail, n) && !opens_clause(n)
            })
        {
            continue;
        }
        for g in ending {
            let first = j.saturating_sub(GAP_WORDS + 1);
            for i in (first..j).rev() {
                let head = &toks[i];
                // a handle in the gap stands for a name ("Ich bring @x um", "auf @Bahn Verlass")
                if !(is_wordish(head.kind) || head.kind == TokenKind::Mention)
                    || clause_break(text, head, &toks[i + 1])
                {
                    break;
                }
                let norm = tokens.norm_of(head);
                let matches = if g.head_open {
                    norm.starts_with(&*g.head)
                } else {
                    norm == &*g.head
                };
                if matches {
                    let span = Span::new(head.span.start, tail.span.end);
                    hits.push(Hit::new(
                        g.entry,
                        i as u32,
                        j as u32 + 1,
                        span,
                        false,
                        false,
                    ));
                    break;
                }
                if blocks(head) {
                    break;
                }
            }
        }
    }
}

/// The token whose stream text contains byte `pos`.
fn token_at(starts: &[(u32, u32)], pos: u32) -> Option<u32> {
    let k = starts.partition_point(|(s, _)| *s <= pos);
    k.checked_sub(1).map(|k| starts[k].1)
}

/// `f*ck`, `A****loch`, `sch***e`: letters before and after the stars must match a whole toxic word whose
/// length differs from the masked one by at most two. A mask resolves to the most likely word: a swear word if
/// one fits, else an insult, else the only candidate — a category is never inherited from an ambiguous mask
/// ("Sch***" is "Scheiße", not a threat; "f***" is "fuck", not harassment).
#[cfg(test)]
pub(crate) fn masked_matches(norm: &str, toxic: &[(crate::lexicon::Key, u32)]) -> Vec<u32> {
    resolve_mask(norm, toxic).0
}

/// Whether the stars of a masked word hide letters: not stars after a whole word, which close an emphasis
/// opened earlier ("*fingers crossed*", "*got*").
fn hides_letters(norm: &str) -> bool {
    let Some(first) = norm.find('*') else {
        return false;
    };
    let closes_emphasis = norm[first..].bytes().all(|b| b == b'*')
        && lexicons()
            .words
            .contains_key(unleet(&norm[..first]).as_str());
    !closes_emphasis
}

/// Letters a word may continue by after an open-ended toxic entry (`raghead*` → "ragheads").
const MASK_CONTINUE: usize = 3;

/// Toxic entries with a wildcard (`ziegenficker*`, `*kanaken`) that `word` matches: anything before an
/// open start, at most [`MASK_CONTINUE`] letters after an open end.
fn open_toxic_words(word: &str) -> Vec<u32> {
    let lex = lexicons();
    lex.toxic_words
        .iter()
        .filter(|(w, id)| {
            let e = lex.entry(*id);
            let (open_start, open_end) = (e.pattern.starts_with('*'), e.pattern.ends_with('*'));
            (open_start || open_end)
                && (0..=if open_end { MASK_CONTINUE } else { 0 }).any(|k| {
                    word.len() >= w.len() + k
                        && word.is_char_boundary(word.len() - k)
                        && if open_start {
                            word[..word.len() - k].ends_with(&**w)
                        } else {
                            word.len() - k == w.len() && word.starts_with(&**w)
                        }
                })
        })
        .map(|(_, id)| *id)
        .collect()
}

/// The entries a masked word resolves to, and the word itself.
fn resolve_mask<'a>(
    norm: &str,
    toxic: &'a [(crate::lexicon::Key, u32)],
) -> (Vec<u32>, Option<&'a str>) {
    let lex = lexicons();
    let (Some(first), Some(last)) = (norm.find('*'), norm.rfind('*')) else {
        return (Vec::new(), None);
    };
    let (pre, suf) = (&norm[..first], &norm[last + 1..]);
    if pre.is_empty() {
        return (Vec::new(), None);
    }
    let n = norm.chars().count();
    // one letter and a star ("o*" in an emoticon) hides too much to stand for any word
    if n < 3 {
        return (Vec::new(), None);
    }
    // (entry, word, exact length); one candidate per toxic list
    let mut cand: Vec<(u32, &'a str, bool)> = Vec::new();
    for (w, id) in toxic {
        let wn = w.chars().count();
        // an entry that may continue (`raghead*`) also fits a mask whose end goes on ("r*gheads")
        let extra = if lex.entry(*id).pattern.ends_with('*') {
            (0..=MASK_CONTINUE.min(suf.len().saturating_sub(1))).find(|&k| {
                suf.is_char_boundary(suf.len() - k) && w.ends_with(&suf[..suf.len() - k])
            })
        } else {
            w.ends_with(suf).then_some(0)
        };
        let Some(extra) = extra else {
            continue;
        };
        let wn = wn + extra;
        if wn > pre.len() + suf.len() && wn + 2 >= n && wn <= n + 2 && w.starts_with(pre) {
            // one candidate per list: the first one, or one whose length fits the stars exactly ("f***" is
            // "fuck", not "fck")
            let e = lex.entry(*id);
            let exact = wn == n;
            match cand.iter_mut().find(|(o, _, _)| {
                let f = lex.entry(*o);
                f.list == e.list && f.table == e.table
            }) {
                Some(c) if exact && !c.2 => *c = (*id, w, true),
                Some(_) => {}
                None => cand.push((*id, w, exact)),
            }
        }
    }
    let category = |id: u32| match lex.entry(id).list {
        List::Toxic(c) => Some(c),
        _ => None,
    };
    // the stars usually stand for exactly the hidden letters, and people mask swear words most: a swear word or
    // a slur of exactly that length first ("Z**********r"), then a swear word that nearly fits ("Sch***"), then
    // an insult (exact, then near), else the only candidate
    let find = |cat: Category, exact: bool| {
        cand.iter()
            .find(|c| (c.2 || !exact) && category(c.0) == Some(cat))
    };
    let word = [
        (Category::Profanity, true),
        (Category::IdentityAttack, true),
        (Category::Profanity, false),
        (Category::Insult, true),
        (Category::Insult, false),
    ]
    .into_iter()
    .find_map(|(cat, exact)| find(cat, exact))
    .map(|c| c.1)
    .or_else(|| {
        let first = cand.first()?.1;
        cand.iter().all(|c| c.1 == first).then_some(first)
    });
    // the chosen word with every category it has ("Arschlöcher": profanity and insult)
    match word {
        Some(w) => (
            cand.iter().filter(|c| c.1 == w).map(|c| c.0).collect(),
            Some(w),
        ),
        None => (Vec::new(), None),
    }
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
            // the word itself, and a toxic word it continues or contains ("Z i e g e n f i c k e r" for
            // `ziegenficker*`, "I.d.i.o.t.e.n" for `*idiot*`)
            let whole = lex.words.get(joined.as_str());
            let whole = whole.map_or(&[][..], |ids| &ids[..]);
            let open = open_toxic_words(&joined);
            for &id in whole
                .iter()
                .chain(open.iter().filter(|id| !whole.contains(id)))
            {
                hits.push(Hit::new(id, i as u32, j as u32, span, false, true));
            }
        }
        i = j.max(i + 1);
    }
}

/// Every match of the starred patterns in `hay`, overlapping ones too. A standard-semantics automaton
/// searched without an anchor cannot fail; if it did, nothing would match.
fn overlapping<'a, 'h>(
    automaton: &'a aho_corasick::nfa::contiguous::NFA,
    hay: &'h str,
) -> impl Iterator<Item = aho_corasick::Match> + use<'a, 'h> {
    use aho_corasick::automaton::Automaton;
    automaton
        .try_find_overlapping_iter(aho_corasick::Input::new(hay))
        .into_iter()
        .flatten()
}

/// Removes hits contained in a longer hit of the same list (phrases beat their words), and exact duplicates.
fn dedupe(hits: &mut Vec<Hit>) {
    let key = |h: &Hit| (h.list.rank(), h.table as u8);
    // by list and table, start, the longer first, whole before partial, the heavier first
    crate::order::sort_by_key(hits, |h| {
        let weight = (h.weight.abs() * 1000.0) as i32;
        let (rank, table) = key(h);
        u128::from(rank) << 105
            | u128::from(table) << 97
            | u128::from(h.t0) << 65
            | u128::from(u32::MAX - h.t1) << 33
            | u128::from(h.partial) << 32
            | u128::from(u32::MAX - (weight as u32 ^ 1 << 31))
    });
    let mut out = 0;
    let mut cover: Option<((u16, u8), u32)> = None;
    for i in 0..hits.len() {
        let h = hits[i];
        let k = key(&h);
        if let Some((ck, end)) = cover
            && ck == k
            && h.t1 <= end
        {
            continue;
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
        .filter(|&i| hits[i].list == List::Sentiment)
        .collect();
    crate::order::sort_by_key(&mut order, |&i| {
        u128::from(u32::MAX - (hits[i].t1 - hits[i].t0)) << 32 | u128::from(hits[i].t0)
    });
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
    crate::order::sort_by_key(hits, |h| u128::from(h.t0) << 32 | u128::from(h.t1));
}

#[cfg(test)]
mod hashtag_tests {
    use super::hashtag_words;

    #[test]
    fn a_hashtag_splits_into_its_words_by_case_and_underscores() {
        let mut out = String::new();
        for (tag, words) in [
            ("ThanksForNothing", Some("thanks for nothing")),
            ("DankeFürNichts", Some("danke fuer nichts")),
            ("Danke_für_nichts", Some("danke fuer nichts")),
            ("NotHappy", Some("not happy")),
            ("iPhone", Some("i phone")),
            ("_Nie__Wieder_", Some("nie wieder")),
            ("fail", None),
            ("FAIL", None),
            ("Verspätung", None),
            ("S21", None),
            ("", None),
        ] {
            assert_eq!(
                hashtag_words(tag, &mut out).then(|| out.clone()),
                words.map(String::from),
                "{tag}"
            );
        }
    }
}
