//! The reply checker's word lists: `src/reply/lexicon/{de,en}/<list>.txt`, compiled in, parsed once.
//!
//! Format (one pattern per line, `#` starts a comment):
//! - words separated by single spaces, written naturally (`nicht unsere schuld`); they are folded like the
//!   input (lower case, `ä→ae`, `ß→ss`), so never list two spellings of one word;
//! - `word*` matches any word starting with `word` (`entschuldig*`);
//! - `<num>` matches a number written in digits, `_` any one word, `~` up to five words (or none) within one clause (no comma, colon or dash).
//!
//! A pattern matches consecutive words of one sentence (commas and other punctuation inside a sentence are
//! skipped). Every list exists in both languages; `cargo test reply::lexicon` validates the files.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{Lang, Span};
use crate::text::{TokenKind, Tokens, fold};

macro_rules! lists {
    ($($variant:ident => $file:literal,)*) => {
        /// A word list, in German and English.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Lex { $($variant,)* }

        impl Lex {
            pub const ALL: &'static [Lex] = &[$(Lex::$variant,)*];
            /// The file name (without `.txt`).
            pub const fn name(self) -> &'static str {
                match self { $(Lex::$variant => $file,)* }
            }
            const fn source(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(
                        (Lex::$variant, Lang::En) => include_str!(concat!("lexicon/en/", $file, ".txt")),
                        (Lex::$variant, _) => include_str!(concat!("lexicon/de/", $file, ".txt")),
                    )*
                }
            }
        }
    };
}

lists! {
    Acknowledge => "acknowledge",
    Alternative => "alternative",
    AskHours => "ask_hours",
    AskHowTo => "ask_howto",
    AskReturn => "ask_return",
    AskShipping => "ask_shipping",
    AskStock => "ask_stock",
    Apology => "apology",
    Bereavement => "bereavement",
    Blame => "blame",
    Canned => "canned",
    Condescension => "condescension",
    ConditionalApology => "conditional_apology",
    Defensive => "defensive",
    Dismissal => "dismissal",
    Empathy => "empathy",
    Enumeration => "enumeration",
    Explanation => "explanation",
    FactArgument => "fact_argument",
    FormalCue => "formal_cue",
    FunctionWords => "function_words",
    HelpOffer => "help_offer",
    InformalCue => "informal_cue",
    Insult => "insult",
    Jargon => "jargon",
    Joke => "joke",
    Liability => "liability",
    NextStep => "next_step",
    Overpromise => "overpromise",
    PassiveEvasion => "passive_evasion",
    PersonalData => "personal_data",
    Polite => "polite",
    PrivateChannel => "private_channel",
    Profanity => "profanity",
    Refusal => "refusal",
    Request => "request",
    Reserved => "reserved",
    Sarcasm => "sarcasm",
    Sexual => "sexual",
    ShiftBlame => "shift_blame",
    Situation => "situation",
    ThreatToCustomer => "threat_to_customer",
    TimeFrame => "time_frame",
    VaguePromise => "vague_promise",
}

/// The most words a `~` gap may skip.
const MAX_GAP: usize = 5;

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Word(String),
    Prefix(String),
    Number,
    AnyWord,
    Gap,
}

/// A parsed pattern with its source line (for evidence ids and error messages).
#[derive(Clone, Debug)]
pub struct Pattern {
    pub parts: Vec<Part>,
    pub source: &'static str,
    pub line: usize,
}

/// A parsed list: patterns indexed by their first word.
#[derive(Debug, Default)]
pub struct List {
    pub patterns: Vec<Pattern>,
    by_first: HashMap<String, Vec<usize>>,
    other_first: Vec<usize>,
}

impl List {
    /// Whether `word` (folded) is an entry of its own: a one-word pattern without a star.
    pub fn has_word(&self, word: &str) -> bool {
        self.by_first
            .get(word)
            .is_some_and(|ids| ids.iter().any(|&i| self.patterns[i].parts.len() == 1))
    }
}

/// A problem in a list file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

fn parse_part(w: &str) -> Result<Part, String> {
    match w {
        "<num>" => return Ok(Part::Number),
        "_" => return Ok(Part::AnyWord),
        "~" => return Ok(Part::Gap),
        _ => {}
    }
    let (core, prefix) = match w.strip_suffix('*') {
        Some(c) => (c, true),
        None => (w, false),
    };
    let f = fold(core);
    if f.is_empty()
        || !f
            .chars()
            .all(|c| c.is_alphanumeric() || c == '\'' || c == '-')
    {
        return Err(format!("bad word {w:?}"));
    }
    if prefix && f.chars().count() < 3 {
        return Err(format!("prefix {w:?} is shorter than 3 letters"));
    }
    Ok(if prefix {
        Part::Prefix(f)
    } else {
        Part::Word(f)
    })
}

/// Parses one list file. Errors carry the line number.
pub fn parse(file: &str, src: &'static str) -> Result<List, Vec<LexError>> {
    let mut list = List::default();
    let mut errors = Vec::new();
    let mut seen: HashMap<Vec<Part>, usize> = HashMap::new();
    for (i, raw) in src.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let err = |m: String| LexError {
            file: file.to_string(),
            line: i + 1,
            message: m,
        };
        let parts: Result<Vec<Part>, String> = line.split(' ').map(parse_part).collect();
        match parts {
            Err(m) => errors.push(err(m)),
            Ok(parts) => {
                if matches!(parts.first(), Some(Part::Gap | Part::AnyWord))
                    || matches!(parts.last(), Some(Part::Gap | Part::AnyWord))
                {
                    errors.push(err("a pattern cannot start or end with _ or ~".into()));
                    continue;
                }
                if let Some(prev) = seen.insert(parts.clone(), i + 1) {
                    errors.push(err(format!("duplicate of line {prev}")));
                    continue;
                }
                let idx = list.patterns.len();
                match &parts[0] {
                    Part::Word(w) => list.by_first.entry(w.clone()).or_default().push(idx),
                    _ => list.other_first.push(idx),
                }
                list.patterns.push(Pattern {
                    parts,
                    source: raw.trim(),
                    line: i + 1,
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(list)
    } else {
        Err(errors)
    }
}

struct Lists {
    de: Vec<List>,
    en: Vec<List>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let load = |lang: Lang| {
        Lex::ALL
            .iter()
            .map(|l| parse(l.name(), l.source(lang)).unwrap_or_default())
            .collect()
    };
    Lists {
        de: load(Lang::De),
        en: load(Lang::En),
    }
});

/// The parsed list in `lang` (German for anything but English).
pub fn list(lex: Lex, lang: Lang) -> &'static List {
    let idx = Lex::ALL.iter().position(|l| *l == lex).unwrap_or(0);
    let lists = match lang {
        Lang::En => &LISTS.en,
        _ => &LISTS.de,
    };
    static EMPTY: LazyLock<List> = LazyLock::new(List::default);
    lists.get(idx).unwrap_or(&EMPTY)
}

/// Every list file with its language, for validation.
pub fn sources() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for l in Lex::ALL {
        for lang in [Lang::De, Lang::En] {
            out.push((format!("{}/{}.txt", lang.code(), l.name()), l.source(lang)));
        }
    }
    out
}

/// A match of a pattern: the span from its first to its last word, the word range and the pattern.
#[derive(Clone, Copy, Debug)]
pub struct Match {
    pub span: Span,
    /// Indices into the word list, end-exclusive.
    pub words: (usize, usize),
    pub sentence: u32,
    pub pattern: &'static Pattern,
}

/// The words of a text that patterns match against: word, number and hashtag tokens.
pub struct Words<'t> {
    pub text: &'t str,
    pub tokens: &'t Tokens,
    pub idx: std::borrow::Cow<'t, [usize]>,
}

impl<'t> Words<'t> {
    pub fn new(text: &'t str, tokens: &'t Tokens) -> Self {
        let idx = tokens
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                matches!(
                    t.kind,
                    TokenKind::Word | TokenKind::Number | TokenKind::Hashtag
                )
            })
            .map(|(i, _)| i)
            .collect::<Vec<_>>();
        Words {
            text,
            tokens,
            idx: std::borrow::Cow::Owned(idx),
        }
    }
    pub fn len(&self) -> usize {
        self.idx.len()
    }
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
    pub fn norm(&self, i: usize) -> &str {
        self.idx
            .get(i)
            .and_then(|&t| self.tokens.tokens.get(t))
            .map(|t| self.tokens.norm_of(t))
            .unwrap_or("")
    }
    pub fn token(&self, i: usize) -> Option<&crate::text::Token> {
        self.idx.get(i).and_then(|&t| self.tokens.tokens.get(t))
    }
    /// A comma, colon, dash or bracket between word `i - 1` and word `i`: a gap never crosses it.
    fn clause_break(&self, i: usize) -> bool {
        match (i.checked_sub(1).and_then(|p| self.token(p)), self.token(i)) {
            (Some(a), Some(b)) => self
                .text
                .get(a.span.end..b.span.start)
                .is_some_and(|between| between.contains([',', ':', '–', '—', '(', ')', '"'])),
            _ => false,
        }
    }
    fn part_matches(&self, part: &Part, i: usize) -> bool {
        let Some(t) = self.token(i) else {
            return false;
        };
        let n = self.tokens.norm_of(t);
        match part {
            Part::Word(w) => n == w,
            Part::Prefix(p) => n.starts_with(p.as_str()),
            Part::Number => t.kind == TokenKind::Number,
            Part::AnyWord => true,
            Part::Gap => true,
        }
    }
    /// Matches `parts` starting at word `i` in sentence `s`; returns the end (exclusive).
    fn match_from(&self, parts: &[Part], i: usize, s: u32) -> Option<usize> {
        let Some((first, rest)) = parts.split_first() else {
            return Some(i);
        };
        if *first == Part::Gap {
            for skip in 0..=MAX_GAP {
                let j = i + skip;
                if skip > 0
                    && (self.token(j - 1).is_none_or(|t| t.sentence != s) || self.clause_break(j))
                {
                    break;
                }
                if let Some(e) = self.match_from(rest, j, s) {
                    return Some(e);
                }
            }
            return None;
        }
        let t = self.token(i)?;
        if t.sentence != s || !self.part_matches(first, i) {
            return None;
        }
        self.match_from(rest, i + 1, s)
    }
    /// Every match of `list` in these words, in order of position; overlapping matches are all reported.
    pub fn find(&self, list: &'static List) -> Vec<Match> {
        let mut out = Vec::new();
        for i in 0..self.len() {
            let Some(t) = self.token(i) else { continue };
            let n = self.tokens.norm_of(t);
            let exact = list.by_first.get(n).map(Vec::as_slice).unwrap_or(&[]);
            for &p in exact.iter().chain(list.other_first.iter()) {
                let Some(pat) = list.patterns.get(p) else {
                    continue;
                };
                if let Some(end) = self.match_from(&pat.parts, i, t.sentence) {
                    let last = self
                        .token(end.saturating_sub(1))
                        .map_or(t.span.end, |l| l.span.end);
                    out.push(Match {
                        span: Span::new(t.span.start, last),
                        words: (i, end),
                        sentence: t.sentence,
                        pattern: pat,
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn every_list_parses_and_exists_in_both_languages() {
        let mut errors = Vec::new();
        for (file, src) in sources() {
            match parse(&file, src) {
                Ok(list) => {
                    if list.patterns.is_empty() {
                        errors.push(format!("{file}: empty list"));
                    }
                }
                Err(e) => errors.extend(
                    e.into_iter()
                        .map(|e| format!("{}:{}: {}", e.file, e.line, e.message)),
                ),
            }
        }
        assert!(errors.is_empty(), "lexicon errors:\n{}", errors.join("\n"));
    }

    #[test]
    fn parse_reports_duplicates_and_bad_patterns() {
        let err = parse("t", "foo bar\nFOO bar\n_ x\nab*\n").unwrap_err();
        let lines: Vec<usize> = err.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }

    #[test]
    fn patterns_match_words_prefixes_numbers_and_gaps() {
        let list: &'static List = Box::leak(Box::new(
            parse(
                "t",
                "nicht unsere schuld\nentschuldig*\nin <num> tagen\nsie hätten ~ sollen\n",
            )
            .unwrap(),
        ));
        let text = "Das ist NICHT unsere Schuld. Wir entschuldigen uns, in 3 Tagen. Sie hätten das lesen sollen.";
        let mut t = Tokens::default();
        tokenize(text, &mut t);
        let w = Words::new(text, &t);
        let found: Vec<&str> = w.find(list).iter().map(|m| m.span.slice(text)).collect();
        assert_eq!(
            found,
            vec![
                "NICHT unsere Schuld",
                "entschuldigen",
                "in 3 Tagen",
                "Sie hätten das lesen sollen"
            ]
        );
        // no match across a sentence break
        tokenize("nicht unsere. Schuld", &mut t);
        assert!(Words::new("nicht unsere. Schuld", &t).find(list).is_empty());
        // no gap across a comma
        let text = "Sie hätten recht, das sollen wir ändern";
        tokenize(text, &mut t);
        assert!(Words::new(text, &t).find(list).is_empty());
    }
}
