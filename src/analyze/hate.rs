//! Stage 4c — attacks on groups: an identity attack read from the structure of a sentence, not from single
//! words.
//!
//! A sentence attacks a group when it names a protected group (`hate_group.txt`) — or refers back to one
//! named before ("Sie sind …", "they …") — and says something of it that derogates, dehumanises,
//! criminalises, excludes, threatens or hates (`hate_predicate.txt`, an insult or a threat of the toxic
//! lexicons; `hate_predicative.txt` only after a copula or right before the group; `hate_wished.txt` only in a
//! wish; `hate_questioned.txt` only in a question). What is not an attack is set aside, each with its own evidence:
//!
//! - the group word names someone particular ("als Rentner", "ich bin Muslim", "my Turkish neighbours");
//! - the predicate is negated ("Flüchtlinge sind nicht kriminell", "not all …"), where a disclaimer's own
//!   negation ("nichts gegen X, aber …") does not count;
//! - the sentence denounces or quotes the attack ("Wer sagt, Juden seien …, hetzt", "calling X vermin is
//!   racist"), puts it in quotation marks, or reports it; or the text is news.
//!
//! Slurs (`identity_attack.txt`, weight ≥ 2) attack a group by themselves; the toxicity stage counts them
//! (after [`slur_aside`]). Either makes [`Raw::hate`] true, which the playbook escalates.

use crate::lexicon::{HatePart, List, Table, lexicons};
use crate::model::{Category, Facet, Lang, Modifier, Span};
use crate::params as p;
use crate::text::{TokenKind, Tokens, collapse_runs, collapse_runs_into, fold, unleet_into};

use super::context::{Context, Genre};
use super::evidence::Recorder;
use super::hits::{Hit, is_wordish};
use super::toxicity::Raw;

/// A group named, or a word referring back to one.
#[derive(Clone, Copy)]
struct Target {
    t0: usize,
    t1: usize,
    span: Span,
    /// A pronoun or determiner that stands for a group named before.
    referrer: bool,
    /// A crime against humanity (`hate_atrocity`), not a group: only a denial is said of it.
    atrocity: bool,
}

impl Target {
    /// The note that says what the attack is said of.
    fn note_id(&self) -> &'static str {
        if self.atrocity {
            "rule:hate:atrocity"
        } else if self.referrer {
            "rule:hate:group-referred-to"
        } else {
            "rule:hate:group"
        }
    }
}

/// Something said that attacks a group when it is said of one.
#[derive(Clone, Copy)]
struct Predicate {
    t0: usize,
    t1: usize,
    span: Span,
    weight: f32,
    /// Needs a copula between the group and it, or must stand right before the group.
    predicative: bool,
    /// The lexicon entry, or `None` for an insult or threat of the toxic lexicons (already evidence).
    entry: Option<u32>,
    /// A denial (`hate_denial`): said of an atrocity, never of a group.
    denial: bool,
}

/// Why a link of group and predicate is not an attack.
#[derive(Clone, Copy)]
enum Aside {
    Negated,
    Denounced,
    Quoted,
    Reported,
}

impl Aside {
    fn id(self) -> &'static str {
        match self {
            Aside::Negated => "rule:hate:negated",
            Aside::Denounced => "rule:hate:denounced",
            Aside::Quoted => "rule:hate:quoted",
            Aside::Reported => "rule:hate:reported",
        }
    }
}

/// Adds the attacks on groups to the identity-attack sum of `raw`.
pub(crate) fn collect(
    text: &str,
    tokens: &Tokens,
    hits: &[Hit],
    cx: &Context,
    lang: Lang,
    raw: &mut Raw,
    ev: &mut Recorder,
) {
    let lex = lexicons();
    let said = |h: &Hit| {
        matches!(
            h.list,
            List::Hate(
                HatePart::Group | HatePart::Predicate | HatePart::Predicative | HatePart::Atrocity
            )
        )
    };
    if !hits.iter().any(said) {
        return;
    }
    if cx.draft {
        // what is said of a group, with or without a group word the rules know ("Ich hasse Tükren"): the
        // reply checker asks its learned head about such drafts too
        for h in hits.iter().filter(|h| {
            matches!(
                h.list,
                List::Hate(HatePart::Predicate | HatePart::Predicative | HatePart::Wished)
            )
        }) {
            ev.note("rule:hate:said-of-a-group", h.span);
        }
    }
    let toks = &tokens.tokens;
    let mut marks = Marks::new(toks.len());
    for h in hits {
        let (t0, t1) = (h.t0 as usize, h.t1 as usize);
        match h.list {
            List::Hate(HatePart::Copula) => marks.copula[t0..t1].fill(true),
            List::Hate(HatePart::Group) => marks.named[t0..t1].fill(true),
            List::Hate(HatePart::People) => marks.person[t0] = true,
            List::Hate(HatePart::Particular) => marks.particular_end[t1 - 1] = true,
            List::Contrast => marks.contrast[t0] = true,
            List::Hate(HatePart::Factive) => marks.factive[t1 - 1] = true,
            List::Stopword => marks.stop[t0] = true,
            _ => {}
        }
    }
    let noun_follows =
        |t1: usize| next_word(tokens, t1).is_some_and(|j| is_noun(text, tokens, lang, &marks, j));

    // groups and referrers, in token order
    let mut targets: Vec<Target> = Vec::new();
    for h in hits {
        let List::Hate(part @ (HatePart::Group | HatePart::Referrer | HatePart::Atrocity)) = h.list
        else {
            continue;
        };
        let (t0, mut t1) = (h.t0 as usize, h.t1 as usize);
        let mut span = h.span;
        let e = lex.entry(h.entry);
        // an adjective or a determiner only names the group when no noun follows ("schwarze Jacken"), or
        // when the noun names people ("jüdische Menschen", "Jewish women"): then the two words name it; the
        // adjectives that never stand for the group alone (weight below 0.5) only then
        if e.weight < 1.0 && (e.weight < 0.5 || noun_follows(t1)) {
            match next_word(tokens, t1).filter(|&j| marks.person[j] || marks.named[j]) {
                Some(j) if part == HatePart::Group => {
                    t1 = j + 1;
                    span = Span::new(span.start, toks[j].span.end);
                }
                _ => continue,
            }
        }
        // "women's jackets", "Frauen-Jacken": a product, not the group; "Holocaust-Gedenktag": remembrance
        if part != HatePart::Referrer && text[h.span.end..].starts_with(['\'', '’', '-']) {
            continue;
        }
        if part == HatePart::Group && particular_before(tokens, &marks, t0) {
            ev.note("rule:hate:particular", h.span);
            if cx.draft {
                // one person named by the group word still names it in the company's voice
                ev.note("rule:hate:group", h.span);
            }
            continue;
        }
        // "Sie" inside a sentence is the polite you, not "they"
        if part == HatePart::Referrer
            && h.span.slice(text).starts_with('S')
            && cx.first_word_in.get(toks[t0].sentence as usize) != Some(&t0)
            && h.span.slice(text).len() == 3
        {
            continue;
        }
        targets.push(Target {
            t0,
            t1,
            span,
            referrer: part == HatePart::Referrer,
            atrocity: part == HatePart::Atrocity,
        });
    }
    if cx.draft {
        // the reply checker asks its learned head only about drafts that name a group
        for t in targets.iter().filter(|t| !t.referrer && !t.atrocity) {
            ev.note("rule:hate:group", t.span);
        }
    }
    if !targets.iter().any(|t| !t.referrer) {
        // a group word misspelt or written with digits ("Mulsime", "Reeefugees", "Mu5l1m5")
        targets.extend(misspelt_groups(tokens, lang, &marks));
        if !targets.iter().any(|t| !t.referrer) {
            return;
        }
        crate::order::sort_by_key(&mut targets, |t| t.t0 as u128);
        for t in targets.iter().filter(|t| !t.referrer) {
            ev.note("rule:hate:group-misspelt", t.span);
        }
    }

    // predicates
    let mut preds: Vec<Predicate> = Vec::new();
    for (k, h) in hits.iter().enumerate() {
        let (t0, t1) = (h.t0 as usize, h.t1 as usize);
        let sent = &cx.sentences[toks[t0].sentence as usize];
        let (weight, predicative, entry) = match h.list {
            List::Hate(HatePart::Predicate | HatePart::Denial) => (h.weight, false, Some(h.entry)),
            List::Hate(HatePart::DenialPredicative) => (h.weight, true, Some(h.entry)),
            List::Hate(HatePart::Predicative) => (h.weight, true, Some(h.entry)),
            // a wish, or a short outcry ("Muslims out!", "Flüchtlinge abschieben!")
            List::Hate(HatePart::Wished)
                if sent.wishes || (sent.exclaims && sent.words <= p::HATE_OUTCRY_WORDS) =>
            {
                (h.weight, false, Some(h.entry))
            }
            // a question that doubts a group's humanity or rights ("Sind X überhaupt Menschen?")
            List::Hate(HatePart::Questioned) if sent.asks => (h.weight, false, Some(h.entry)),
            // an insult or a swear word is said of the group only through a copula or right before it
            // ("Muslime sind Idioten", "these damn immigrants"; not "it's shameful that immigrants …")
            List::Toxic(Category::Insult) => (p::HATE_INSULT_WEIGHT, true, None),
            List::Toxic(Category::Profanity) => (p::HATE_PROFANITY_WEIGHT, true, None),
            List::Toxic(Category::Threat) if !raw.harm.iter().any(|(i, _)| *i == k) => {
                (p::HATE_THREAT_WEIGHT, false, None)
            }
            _ => continue,
        };
        preds.push(Predicate {
            t0,
            t1,
            span: h.span,
            weight,
            predicative,
            entry,
            denial: matches!(
                h.list,
                List::Hate(HatePart::Denial | HatePart::DenialPredicative)
            ),
        });
    }
    // by start, the longer first
    crate::order::sort_by_key(&mut preds, |p| {
        (p.t0 as u128) << 64 | (u64::MAX - p.t1 as u64) as u128
    });

    let scope = raw
        .scope
        .take()
        .unwrap_or_else(|| Scope::read(text, tokens, hits, cx));
    let first_group_end = targets
        .iter()
        .filter(|t| !t.referrer && !t.atrocity)
        .map(|t| t.t1)
        .min()
        .unwrap_or(usize::MAX);
    let mut last_attack_sentence: Option<u32> = None;
    for pr in &preds {
        let sentence = toks[pr.t0].sentence;
        if last_attack_sentence == Some(sentence) {
            continue;
        }
        let Some(target) = link(tokens, cx, &marks, &scope, &targets, first_group_end, pr) else {
            continue;
        };
        if let Some(aside) = set_aside(tokens, cx, &marks, &scope, target, pr) {
            ev.add(
                aside.id(),
                Facet::Modifier(Modifier::Context),
                Span::new(
                    target.span.start.min(pr.span.start),
                    target.span.end.max(pr.span.end),
                ),
                0.0,
            );
            continue;
        }
        last_attack_sentence = Some(sentence);
        let id = match pr.entry {
            Some(e) => lex.entry(e).id().into(),
            None => "rule:hate:said-of-a-group".into(),
        };
        attack(raw, ev, &target, id, pr);
    }
    for (target, pr) in disclaimed(tokens, cx, &marks, hits, &targets, first_group_end) {
        let sentence = toks[pr.t0].sentence;
        if last_attack_sentence == Some(sentence) {
            continue;
        }
        if let Some(aside) = set_aside(tokens, cx, &marks, &scope, target, &pr) {
            ev.add(aside.id(), Facet::Modifier(Modifier::Context), pr.span, 0.0);
            continue;
        }
        last_attack_sentence = Some(sentence);
        attack(raw, ev, &target, "rule:hate:disclaimed".into(), &pr);
    }
}

/// Records an attack: what it is said of (a note), the predicate as identity-attack evidence `id`, its weight.
fn attack(
    raw: &mut Raw,
    ev: &mut Recorder,
    target: &Target,
    id: std::borrow::Cow<'static, str>,
    pr: &Predicate,
) {
    ev.note(target.note_id(), target.span);
    let at = ev.add(
        id,
        Facet::Toxic(Category::IdentityAttack),
        pr.span,
        pr.weight,
    );
    raw.sum[Category::IdentityAttack.index()] += pr.weight;
    raw.evidence[Category::IdentityAttack.index()].push(at);
    raw.valence += p::TOXIC_VALENCE * pr.weight;
    raw.hate = true;
}

/// A disclaimer, a contrast word, then a group what the clause speaks of: "Ich bin kein Rassist, aber
/// Ausländer sind einfach anders", "Ich hab nichts gegen Flüchtlinge, aber sie sollen sich anpassen", "No
/// offence, but immigrants are different". The disclaimer announces the prejudice that follows, whatever words
/// it is said in; a question is not read so. Each such link — the group, and as its predicate the disclaimer
/// up to the group, read from the word after it — is then set aside as any link is (negated right after the
/// contrast, denounced, quoted, reported).
fn disclaimed<'a>(
    tokens: &'a Tokens,
    cx: &'a Context,
    marks: &'a Marks,
    hits: &'a [Hit],
    targets: &'a [Target],
    first_group_end: usize,
) -> impl Iterator<Item = (Target, Predicate)> + 'a {
    let toks = &tokens.tokens;
    hits.iter()
        .filter(|h| h.list == List::Hate(HatePart::Disclaimer))
        .filter_map(move |h| {
            let sentence = toks[h.t0 as usize].sentence;
            // a question after the disclaimer asks ("Nichts gegen Rentner, aber warum müssen die um 8
            // einkaufen?"); a hateful one is read by the questioned predicates
            if cx.sentences[sentence as usize].asks {
                return None;
            }
            let d1 = h.t1 as usize;
            let c = (d1..toks.len().min(d1 + p::HATE_DISCLAIMER_REACH))
                .take_while(|&j| toks[j].sentence == sentence)
                .find(|&j| marks.contrast[j])?;
            // "Nichts gegen Muslime, aber gegen Leute, die …": the disclaimer's own word again, a second
            // stance of the writer's, not something said of a group
            let last = tokens.norm_of(&toks[d1 - 1]);
            if next_word(tokens, c + 1).is_some_and(|j| tokens.norm_of(&toks[j]) == last) {
                return None;
            }
            // the targets are in token order: those starting within reach after the contrast
            let from = targets.partition_point(|t| t.t0 <= c);
            let target = targets[from..]
                .iter()
                .take_while(|t| t.t0 <= c + p::HATE_DISCLAIMED_REACH)
                .find(|t| {
                    !t.atrocity
                        && toks[t.t0].sentence == sentence
                        && (!t.referrer || first_group_end <= t.t0)
                })?;
            // something is said of it
            let said = next_word(tokens, target.t1)?;
            Some((
                *target,
                Predicate {
                    t0: said,
                    t1: said + 1,
                    span: Span::new(h.span.start, target.span.end),
                    weight: p::HATE_DISCLAIMED_WEIGHT,
                    predicative: false,
                    entry: None,
                    denial: false,
                },
            ))
        })
}

/// Words that are a group word of `lang` with one letter dropped, added, changed or two swapped, after digits
/// are read as letters and runs cut ("Mulsime", "Reeefugees", "Mu5l1m5"). Only group words long enough that
/// one edit does not reach an everyday word ("Inder" is one letter from "Kinder").
fn misspelt_groups(tokens: &Tokens, lang: Lang, marks: &Marks) -> Vec<Target> {
    let table = match lang {
        Lang::De => Table::De,
        Lang::En => Table::En,
        Lang::Other => return Vec::new(),
    };
    let groups = &group_words()[table as usize];
    let mut out = Vec::new();
    let (mut written, mut word) = (String::new(), String::new());
    for (j, t) in tokens.tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || t.norm.1 - t.norm.0 < 5 || marks.named[j] {
            continue;
        }
        unleet_into(tokens.norm_of(t), &mut written);
        collapse_runs_into(&written, &mut word);
        // a word without runs is compared with the group word as written: cutting the run of "refugees" gives
        // "refuges", one letter from the everyday "refuses"
        let elongated = word != written;
        // one edit changes the length by at most one (two for a group word with a run cut)
        let lo = groups.partition_point(|g| g.cut.len() + 2 < word.len());
        let hi = groups.partition_point(|g| g.cut.len() <= word.len() + 1);
        let groups = &groups[lo..hi];
        // the group word itself once runs are cut ("Reeefugees")
        let same = elongated && groups.iter().any(|g| g.cut == word);
        // one letter more or less at the end is another form of a word ("Italian", "Italians"), not a slip
        let slip = |g: &GroupWord| {
            let (g, w) = if elongated {
                (g.cut.as_str(), word.as_str())
            } else {
                (g.written.as_str(), written.as_str())
            };
            !g.starts_with(w) && !w.starts_with(g) && near(g.as_bytes(), w.as_bytes())
        };
        if same || groups.iter().any(slip) {
            out.push(Target {
                t0: j,
                t1: j + 1,
                span: t.span,
                referrer: false,
                atrocity: false,
            });
        }
    }
    out
}

/// A single-word group noun, folded: as written and with its runs cut.
struct GroupWord {
    written: String,
    cut: String,
}

/// The single-word group nouns per language table, shortest first (by the form with runs cut).
fn group_words() -> &'static [Vec<GroupWord>; 3] {
    static WORDS: std::sync::LazyLock<[Vec<GroupWord>; 3]> = std::sync::LazyLock::new(|| {
        let lex = lexicons();
        let mut out: [Vec<GroupWord>; 3] = Default::default();
        for e in &lex.entries {
            if e.list == List::Hate(HatePart::Group) && e.weight >= 1.0 && !e.pattern.contains(' ')
            {
                let written = fold(e.pattern);
                let cut = collapse_runs(&written);
                if cut.len() >= p::HATE_MISSPELT_MIN {
                    out[e.table as usize].push(GroupWord { written, cut });
                }
            }
        }
        for words in &mut out {
            words.sort_by(|a, b| {
                a.cut
                    .len()
                    .cmp(&b.cut.len())
                    .then_with(|| a.cut.cmp(&b.cut))
            });
        }
        out
    });
    &WORDS
}

/// Damerau–Levenshtein distance exactly 1 (one letter dropped, added, changed, or two neighbours swapped).
fn near(a: &[u8], b: &[u8]) -> bool {
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[p..], &b[p..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
    }
}

/// Per-token marks the links are read from.
struct Marks {
    copula: Vec<bool>,
    particular_end: Vec<bool>,
    contrast: Vec<bool>,
    factive: Vec<bool>,
    stop: Vec<bool>,
    /// A group word found as written (kept or set aside).
    named: Vec<bool>,
    /// A noun for people (`hate_people`: Menschen, Leute, Frauen, people, men).
    person: Vec<bool>,
}

impl Marks {
    fn new(n: usize) -> Marks {
        Marks {
            copula: vec![false; n],
            particular_end: vec![false; n],
            contrast: vec![false; n],
            factive: vec![false; n],
            stop: vec![false; n],
            named: vec![false; n],
            person: vec![false; n],
        }
    }
}

/// The next word token after `t1` in the same sentence.
fn next_word(tokens: &Tokens, t1: usize) -> Option<usize> {
    let toks = &tokens.tokens;
    let sent = toks.get(t1.checked_sub(1)?)?.sentence;
    toks.iter()
        .enumerate()
        .skip(t1)
        .take_while(|(_, t)| t.sentence == sent)
        .find(|(_, t)| is_wordish(t.kind))
        .map(|(j, _)| j)
}

/// Whether word `j` is a noun: capitalised inside a German sentence; in English, a word that is no function
/// word (no stop word, copula or predicate start).
fn is_noun(text: &str, tokens: &Tokens, lang: Lang, marks: &Marks, j: usize) -> bool {
    let t = &tokens.tokens[j];
    if t.kind != TokenKind::Word {
        return false;
    }
    let first = t.span.slice(text).chars().next().unwrap_or(' ');
    let norm = tokens.norm_of(t);
    if matches!(
        norm,
        "sind"
            | "seid"
            | "are"
            | "were"
            | "is"
            | "sollten"
            | "should"
            | "must"
            | "muessen"
            | "alle"
            | "all"
    ) {
        return false;
    }
    if lang == Lang::De {
        first.is_uppercase()
    } else {
        !marks.stop[j] && !marks.copula[j]
    }
}

/// A word that makes the group word name someone particular ends right before it, or one word before it
/// ("ich bin auch Muslim").
fn particular_before(tokens: &Tokens, marks: &Marks, t0: usize) -> bool {
    let toks = &tokens.tokens;
    let mut k = t0;
    for gap in 0..2 {
        let Some(prev) = k.checked_sub(1) else {
            return false;
        };
        if toks[prev].sentence != toks[t0].sentence {
            return false;
        }
        if marks.particular_end[prev] {
            return true;
        }
        // one small word may stand between: "ich bin auch Muslim", "I'm a proud Muslim"
        if gap == 1
            || !matches!(
                tokens.norm_of(&toks[prev]),
                "auch" | "selbst" | "ja" | "also" | "too" | "proud" | "stolzer" | "stolze"
            )
        {
            return false;
        }
        k = prev;
    }
    false
}

/// What is read once per comment for the links and the set-asides, so that each predicate costs a bounded
/// amount of work (the analysis stays linear however many groups and predicates a text holds).
pub(crate) struct Scope {
    /// Per token: inside quotation marks.
    quoted: Vec<bool>,
    /// Some word stands outside quotation marks.
    unquoted_word: bool,
    /// Per token: part of a disclaimer ("nichts gegen", "not racist").
    disclaimer: Vec<bool>,
    /// Per sentence: a counter cue outside a disclaimer; a quoting verb not in the writer's own voice.
    denounces: Vec<bool>,
    quotes: Vec<bool>,
    /// Per clause: its first token and its number of words.
    clause_start: Vec<usize>,
    clause_words: Vec<u32>,
}

impl Scope {
    pub(crate) fn read(text: &str, tokens: &Tokens, hits: &[Hit], cx: &Context) -> Scope {
        let toks = &tokens.tokens;
        let quoted = quoted_tokens(text, tokens);
        let unquoted_word = toks
            .iter()
            .enumerate()
            .any(|(j, t)| is_wordish(t.kind) && !quoted[j]);
        let sentences = toks.last().map_or(0, |t| t.sentence as usize + 1);
        let mut disclaimer = vec![false; toks.len()];
        for h in hits {
            if h.list == List::Hate(HatePart::Disclaimer) {
                disclaimer[h.t0 as usize..h.t1 as usize].fill(true);
            }
        }
        let (mut denounces, mut quotes) = (vec![false; sentences], vec![false; sentences]);
        // "The Holocaust is a lie": a counter cue that is a denial said after an atrocity in its sentence
        // denounces nothing ("It is a lie that the gas chambers were invented" still does)
        // (read only in a text that names an atrocity; per sentence its first token, per token whether a
        // denial covers it)
        let (mut atrocity_from, mut denial_at) = (Vec::new(), Vec::new());
        if hits
            .iter()
            .any(|h| h.list == List::Hate(HatePart::Atrocity))
        {
            atrocity_from = vec![u32::MAX; sentences];
            denial_at = vec![false; toks.len()];
            for h in hits {
                match h.list {
                    List::Hate(HatePart::Atrocity) => {
                        let s = toks[h.t0 as usize].sentence as usize;
                        atrocity_from[s] = atrocity_from[s].min(h.t0);
                    }
                    List::Hate(HatePart::Denial | HatePart::DenialPredicative) => {
                        denial_at[h.t0 as usize..h.t1 as usize].fill(true)
                    }
                    _ => {}
                }
            }
        }
        let is_denial = |h: &Hit| {
            atrocity_from
                .get(toks[h.t0 as usize].sentence as usize)
                .is_some_and(|&from| from < h.t0)
                && denial_at[h.t0 as usize..h.t1 as usize].iter().any(|&d| d)
        };
        for h in hits {
            let s = toks[h.t0 as usize].sentence as usize;
            match h.list {
                List::Hate(HatePart::Counter) if !disclaimer[h.t0 as usize] && !is_denial(h) => {
                    denounces[s] = true
                }
                List::Hate(HatePart::Quote)
                    if !own_words(text, tokens, h) && !self_naming(tokens, h) =>
                {
                    quotes[s] = true
                }
                _ => {}
            }
        }
        let clauses = cx.clause.last().map_or(0, |c| *c as usize + 1);
        let (mut clause_start, mut clause_words) = (vec![usize::MAX; clauses], vec![0u32; clauses]);
        for (j, t) in toks.iter().enumerate() {
            let c = cx.clause[j] as usize;
            clause_start[c] = clause_start[c].min(j);
            if is_wordish(t.kind) {
                clause_words[c] += 1;
            }
        }
        Scope {
            quoted,
            unquoted_word,
            disclaimer,
            denounces,
            quotes,
            clause_start,
            clause_words,
        }
    }

    /// The first token of the clause of token `t`, at most [`p::HATE_WINDOW`] tokens back.
    fn window_start(&self, cx: &Context, t: usize) -> usize {
        self.clause_start[cx.clause[t] as usize].max(t.saturating_sub(p::HATE_WINDOW))
    }

    /// Why a text at token `t` is mentioned rather than used, if it is: denounced, put in someone else's
    /// mouth, in quotation marks with the writer's own words outside them.
    fn mentioned(&self, tokens: &Tokens, t: usize, also_quoted: usize) -> Option<Aside> {
        let s = tokens.tokens[t].sentence as usize;
        if self.denounces[s] {
            Some(Aside::Denounced)
        } else if self.quotes[s]
            || (self.quoted[t] && self.quoted[also_quoted] && self.unquoted_word)
        {
            Some(Aside::Quoted)
        } else {
            None
        }
    }
}

/// The target a predicate is said of: a group in the same clause, else a referrer in its clause pointing back
/// to a group named before, else, after a contrast word, the group named before it in the sentence, else a
/// group in a short clause right before or after (apposition). Targets are searched within
/// [`p::HATE_WINDOW`] tokens of the predicate.
fn link(
    tokens: &Tokens,
    cx: &Context,
    marks: &Marks,
    scope: &Scope,
    targets: &[Target],
    first_group_end: usize,
    pr: &Predicate,
) -> Option<Target> {
    let toks = &tokens.tokens;
    let clause = cx.clause[pr.t0];
    let sentence = toks[pr.t0].sentence;
    let start = scope.window_start(cx, pr.t0);
    // the targets near the predicate, in token order
    let lo = targets.partition_point(|t| t.t0 + p::HATE_WINDOW < pr.t0);
    let hi = targets.partition_point(|t| t.t0 <= pr.t1 + p::HATE_WINDOW);
    // a denial is said of an atrocity, everything else of a group
    let near = || targets[lo..hi].iter().filter(|t| t.atrocity == pr.denial);
    let linked = |t: &Target| {
        if !pr.predicative {
            return true;
        }
        // attributive: right before the group, at most one word between ("dreckige kriminelle Ausländer")
        if pr.t1 <= t.t0 && t.t0 - pr.t1 <= 1 {
            return true;
        }
        // a copula in the clause before the predicate ("Muslime sind …", "Meiner Meinung nach sind Muslime …"),
        // or right after it at the end of a subordinate clause ("…, dass Flüchtlinge kriminell sind")
        t.t0 < pr.t0
            && ((start..pr.t0).any(|j| marks.copula[j])
                || next_word(tokens, pr.t1).is_some_and(|j| {
                    marks.copula[j] && cx.clause[j] == clause && toks[j].sentence == sentence
                }))
    };
    let in_clause = near()
        .filter(|t| cx.clause[t.t0] == clause && (!t.referrer || first_group_end <= t.t0))
        .filter(|t| linked(t))
        .min_by_key(|t| t.t0.abs_diff(pr.t0));
    if let Some(t) = in_clause {
        return Some(*t);
    }
    if pr.predicative {
        return None;
    }
    // after a contrast word, what follows is said of the group named before it in the sentence ("Von mir aus
    // können X machen, was sie wollen, aber bitte weit weg von uns")
    if (start..pr.t0).any(|j| marks.contrast[j])
        && let Some(t) = near()
            .rev()
            .find(|t| !t.referrer && toks[t.t0].sentence == sentence && t.t1 <= start)
    {
        return Some(*t);
    }
    // apposition: a group in the clause right before or after, when one of the two is short ("Flüchtlinge sind
    // willkommen – in ihrem eigenen Land", "Wir kriegen euch alle, ihr Muslime")
    let words = |c: u32| scope.clause_words[c as usize] as usize;
    let apposition = near()
        .filter(|t| !t.referrer && toks[t.t0].sentence == sentence)
        .filter(|t| cx.clause[t.t0].abs_diff(clause) == 1)
        .find(|t| words(clause).min(words(cx.clause[t.t0])) <= p::HATE_APPOSITION_WORDS);
    // a topic set apart at the head of the sentence: what the sentence goes on to say is said of it ("Roma,
    // wenn die da sind, immer aufs Portemonnaie achten", "Refugees – when they are around, watch your wallet")
    let topic = || {
        let first_clause = cx
            .first_word_in
            .get(sentence as usize)
            .and_then(|&f| cx.clause.get(f))
            .copied();
        near().find(|t| {
            !t.referrer
                && toks[t.t0].sentence == sentence
                && t.t1 <= pr.t0
                && Some(cx.clause[t.t0]) == first_clause
                && cx.clause[t.t0] != clause
                && words(cx.clause[t.t0]) <= TOPIC_WORDS
        })
    };
    apposition.or_else(topic).copied()
}

/// How many words a topic set apart at the head of a sentence may have ("Roma,", "Die Flüchtlinge –").
const TOPIC_WORDS: usize = 2;

/// Words that open a "that" clause after a factive verb.
const COMPLEMENTIZERS: [&str; 2] = ["that", "dass"];
/// How many tokens a complementizer may stand after its factive verb ("merken nicht , dass": the negator
/// between them).
const FACTIVE_REACH: usize = 3;

/// Why the link is not an attack, if it is not.
fn set_aside(
    tokens: &Tokens,
    cx: &Context,
    marks: &Marks,
    scope: &Scope,
    target: Target,
    pr: &Predicate,
) -> Option<Aside> {
    if cx.genre == Genre::News || cx.reports(pr.t0) {
        return Some(Aside::Reported);
    }
    // negation: a negator before the predicate in its clause (or the target's, when the target comes first),
    // within the window, after the last contrast word, outside a disclaimer; or right before the group
    // ("nicht alle")
    let start = if target.t0 < pr.t0 && cx.clause[target.t0] != cx.clause[pr.t0] {
        scope.window_start(cx, target.t0)
    } else {
        scope.window_start(cx, pr.t0)
    };
    let start = (start..pr.t0)
        .rev()
        .find(|&j| marks.contrast[j])
        .map_or(start, |j| j + 1);
    // "Ich glaube nicht, dass X …": a negated clause right before a "dass"/"that" clause negates it too, unless
    // its verb is factive ("Sie merken nicht, dass …")
    let clause_start = scope.clause_start[cx.clause[pr.t0] as usize];
    if clause_start > 0
        && COMPLEMENTIZERS.contains(&tokens.norm_of(&tokens.tokens[clause_start]))
        && tokens.tokens[clause_start - 1].sentence == tokens.tokens[pr.t0].sentence
    {
        let before = scope.clause_start[cx.clause[clause_start - 1] as usize]..clause_start;
        if before
            .clone()
            .any(|j| cx.negator[j] && !scope.disclaimer[j])
            && !before.clone().any(|j| marks.factive[j])
        {
            return Some(Aside::Negated);
        }
    }
    // "They don't realise that X are invaders": a negated factive verb still asserts its clause
    let start = (start..pr.t0)
        .rev()
        .find(|&j| {
            COMPLEMENTIZERS.contains(&tokens.norm_of(&tokens.tokens[j]))
                && (j.saturating_sub(FACTIVE_REACH)..j).any(|k| marks.factive[k])
        })
        .map_or(start, |j| j + 1);
    // (a negator inside the group's own name negates nothing: "Nicht-Weiße", "non-whites")
    if (start..pr.t0)
        .any(|j| cx.negator[j] && !scope.disclaimer[j] && !(target.t0..target.t1).contains(&j))
    {
        return Some(Aside::Negated);
    }
    // "Ich hasse Muslime nicht": a negator right after the group the predicate came before
    if pr.t1 <= target.t0 && next_word(tokens, target.t1).is_some_and(|j| cx.negator[j]) {
        return Some(Aside::Negated);
    }
    scope.mentioned(tokens, pr.t0, target.t0)
}

/// Why a slur or a fixed expression of hate (`identity_attack.txt`) is mentioned rather than used, if it is:
/// in quotation marks with words of the writer's own outside them ("„Ziegenficker“ ist ein Schimpfwort"),
/// in a sentence that denounces it or puts it in someone else's mouth, reported, or in a news text.
///
/// In a reply draft a slur (one word, not a hashtag, weight ≥ [`p::SLUR_WEIGHT`]) is never set aside: a
/// company does not write it, not even in quotation marks or as someone else's words. Quoted slogans and
/// phrases still are ("„Ausländer raus“ – solche Kommentare löschen wir").
pub(crate) fn slur_aside(
    tokens: &Tokens,
    cx: &Context,
    scope: &Scope,
    h: &Hit,
    weight: f32,
) -> Option<&'static str> {
    let t0 = h.t0 as usize;
    if cx.draft
        && weight >= p::SLUR_WEIGHT
        && h.t1 == h.t0 + 1
        && tokens.tokens[t0].kind != TokenKind::Hashtag
    {
        return None;
    }
    if cx.genre == Genre::News || cx.reports(t0) {
        return Some(Aside::Reported.id());
    }
    scope.mentioned(tokens, t0, t0).map(Aside::id)
}

/// A quoting verb in the writer's own voice: right after "ich", "I", "wir", "we", "man", or a fixed phrase
/// ("ehrlich gesagt", "offen gesagt", "let's say"), or an imperative opening the sentence ("Say no to …",
/// "Sagt nein zu …"; not "Sagt er, …", "Says the man who …", "Saying …").
fn own_words(text: &str, tokens: &Tokens, h: &Hit) -> bool {
    let t0 = h.t0 as usize;
    let toks = &tokens.tokens;
    let verb = tokens.norm_of(&toks[t0]);
    if (t0 == 0 || toks[t0 - 1].sentence != toks[t0].sentence)
        && !verb.ends_with("ing")
        && !verb.ends_with("ed")
    {
        return !next_word(tokens, h.t1 as usize).is_some_and(|j| {
            matches!(
                tokens.norm_of(&toks[j]),
                "er" | "sie"
                    | "es"
                    | "der"
                    | "die"
                    | "das"
                    | "man"
                    | "ein"
                    | "eine"
                    | "he"
                    | "she"
                    | "they"
                    | "it"
                    | "the"
                    | "a"
                    | "who"
            )
        });
    }
    super::sentiment::words_before(text, tokens, t0, 1)
        .first()
        .is_some_and(|&j| {
            matches!(
                tokens.norm_of(&tokens.tokens[j]),
                "ich"
                    | "i"
                    | "i'd"
                    | "wir"
                    | "we"
                    | "man"
                    | "ehrlich"
                    | "offen"
                    | "gelinde"
                    | "kurz"
                    | "let's"
                    | "lets"
            )
        })
}

/// A naming verb with a reflexive after it names its own subject ("they call themselves human", "nennen sich
/// Menschen"): a claim of the writer's, not someone else's words.
fn self_naming(tokens: &Tokens, h: &Hit) -> bool {
    next_word(tokens, h.t1 as usize).is_some_and(|j| {
        matches!(
            tokens.norm_of(&tokens.tokens[j]),
            "themselves" | "himself" | "herself" | "sich"
        )
    })
}

/// Per token: inside double quotation marks ("…", „…“, «…»).
pub(super) fn quoted_tokens(text: &str, tokens: &Tokens) -> Vec<bool> {
    let mut out = vec![false; tokens.tokens.len()];
    if !text.contains(['"', '„', '“', '”', '«', '»']) {
        return out;
    }
    let mut inside = false;
    let mut pos = 0usize;
    for (j, t) in tokens.tokens.iter().enumerate() {
        let from = pos.min(t.span.start);
        for (i, c) in text[from..t.span.start].char_indices() {
            match c {
                '„' | '«' => inside = true,
                '“' | '”' | '»' => inside = c == '“' && !inside,
                // right after a digit it is an inch mark (6'4", 27")
                '"' if text[..from + i].ends_with(|d: char| d.is_ascii_digit()) => {}
                '"' => inside = !inside,
                _ => {}
            }
        }
        out[j] = inside;
        pos = t.span.end;
    }
    out
}
