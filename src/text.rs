//! Text handling: folding (case, umlauts, accents, look-alike letters) and tokenisation with byte spans.
//!
//! The input is never rewritten: every token keeps its span into the untouched text and carries its folded
//! form beside it.

use crate::model::Span;

// the table's reference, for the test that compares them on every code point
#[cfg(test)]
#[allow(dead_code)]
#[path = "compat_build.rs"]
mod compat_build;

/// Appends the folded form of `c` to `out`: lower case, `ä→ae ö→oe ü→ue ß→ss`, accents removed, compatibility
/// forms (full-width, mathematical letters) mapped to plain letters, curly apostrophes to `'`.
/// Invisible characters (zero-width, bidi controls, variation selectors) produce nothing.
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    fold_char_with(c, out, crate::compat::fold);
}

/// [`fold_char`] with the compatibility folding of the remaining characters given: the table built at
/// compile time (`src/compat.rs`), or in the test the decomposition it was built from.
#[inline(always)]
fn fold_char_with(c: char, out: &mut String, by_compatibility: impl Fn(char, &mut String)) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        'ä' | 'Ä' => out.push_str("ae"),
        'ö' | 'Ö' => out.push_str("oe"),
        'ü' | 'Ü' => out.push_str("ue"),
        'ß' | 'ẞ' => out.push_str("ss"),
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' | '`' => out.push('\''),
        _ if is_invisible(c) => {}
        '\u{0308}' => {
            // combining diaeresis after a/o/u: a decomposed umlaut
            if matches!(out.as_bytes().last(), Some(b'a' | b'o' | b'u')) {
                out.push('e');
            }
        }
        _ if is_combining(c) => {}
        _ => by_compatibility(c, out),
    }
}

/// Folds a whole string (used for lexicon patterns and watch words).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Zero-width characters, bidi controls, soft hyphen, variation selectors and skin-tone modifiers:
/// never part of a word's meaning, often used to dodge filters.
#[inline]
pub fn is_invisible(c: char) -> bool {
    !c.is_ascii()
        && matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}')
}

#[inline]
pub(crate) fn is_combining(c: char) -> bool {
    !c.is_ascii()
        && matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Pictographs that stand alone as tokens (emoji, dingbats, arrows used as emoji).
#[inline]
pub fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}'
        | '\u{2600}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Hashtag,
    Mention,
    Url,
    Emoji,
    /// A run of punctuation that is not a sentence break (may be an emoticon).
    Symbol,
}

/// True where a clause ends between two neighbouring tokens: a sentence break, or a comma, colon, semicolon or
/// dash between them or as the first token itself.
pub fn clause_break(text: &str, prev: &Token, next: &Token) -> bool {
    let breaks = |g: &str| g.contains([',', ':', ';', '–', '—']);
    prev.sentence != next.sentence
        || breaks(text.get(prev.span.end..next.span.start).unwrap_or(""))
        || (prev.kind == TokenKind::Symbol && breaks(prev.span.slice(text)))
}

/// One token. `norm` is a range into [`Tokens::norm`].
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
    pub norm: (u32, u32),
    /// Sentence index: increases after `. ! ? ;`, line breaks and `|LBR|`-style breaks.
    pub sentence: u32,
    /// All letters upper case and at least two letters.
    pub caps: bool,
    /// Had a run of three or more equal letters (sooo); `norm` has the run cut to two.
    pub elongated: bool,
    /// Letters hidden by `*` (f*ck, A****loch) or spread out (s c h e i ß e) or written with digits (sh1t).
    pub masked: bool,
}

/// A tokenised text. Reused between calls to avoid allocations.
#[derive(Default, Debug)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub norm: String,
    /// Exclamation marks in the text.
    pub exclamations: u32,
    /// Question marks in the text.
    pub questions: u32,
    /// Letters in the text, and how many of them are upper case.
    pub letters: u32,
    pub upper: u32,
    /// The text contains ä, ö, ü or ß.
    pub has_umlaut: bool,
    /// Number of sentences.
    pub sentences: u32,
}

impl Tokens {
    /// The indices of sentence `s`'s tokens. Tokens are in text order, so a sentence is one run found by two
    /// binary searches.
    pub fn sentence_range(&self, s: u32) -> std::ops::Range<usize> {
        let from = self.tokens.partition_point(|t| t.sentence < s);
        from..self.tokens.partition_point(|t| t.sentence <= s).max(from)
    }

    /// The sentence of the first token that ends after byte `at` (binary search).
    pub fn sentence_at(&self, at: usize) -> Option<u32> {
        self.tokens
            .get(self.tokens.partition_point(|t| t.span.end <= at))
            .map(|t| t.sentence)
    }

    pub fn norm_of(&self, t: &Token) -> &str {
        self.norm
            .get(t.norm.0 as usize..t.norm.1 as usize)
            .unwrap_or("")
    }
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.norm.clear();
        self.exclamations = 0;
        self.questions = 0;
        self.letters = 0;
        self.upper = 0;
        self.has_umlaut = false;
        self.sentences = 0;
    }
    /// True when most letters are capitals: then capitals are no emphasis.
    pub fn mostly_caps(&self) -> bool {
        self.letters >= 8 && self.upper * 10 >= self.letters * 7
    }
}

impl Tokens {
    /// Pushes a token of `kind` over `span` whose folded form is what was appended to `norm` since `n0`.
    fn push_token(&mut self, kind: TokenKind, span: Span, n0: usize, sentence: u32) {
        let n1 = self.norm.len();
        self.tokens.push(Token {
            kind,
            span,
            norm: (n0 as u32, n1 as u32),
            sentence,
            caps: false,
            elongated: false,
            masked: false,
        });
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining(c)
    }
}

/// The longest HTML entity name looked at before a `;` (`&hellip`).
const ENTITY_MAX: usize = 8;

/// `before` ends with an HTML entity's start (`&amp`, `&gt`, `&#39`, `&#x27`): exports of social media
/// often keep them escaped, and their `;` does not end a sentence.
fn ends_html_entity(before: &str) -> bool {
    let b = before.as_bytes();
    let from = b.len().saturating_sub(ENTITY_MAX + 1);
    let Some(amp) = b[from..].iter().rposition(|&x| x == b'&') else {
        return false;
    };
    let name = &b[from + amp + 1..];
    match name.split_first() {
        Some((b'#', rest)) => {
            let rest = rest.strip_prefix(b"x").unwrap_or(rest);
            !rest.is_empty() && rest.iter().all(u8::is_ascii_hexdigit)
        }
        Some(_) => name.iter().all(u8::is_ascii_alphanumeric),
        None => false,
    }
}

/// Splits `text` into tokens. Linear in the input, never panics.
pub fn tokenize(text: &str, out: &mut Tokens) {
    out.clear();
    let bytes = text.as_bytes();
    let mut sentence: u32 = 0;
    let mut pending_break = false;
    let mut i = 0usize;
    while i < bytes.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        // sentence breaks
        if c == '\n' || c == '.' || c == '!' || c == '?' || c == ';' || c == '…' || c == '\r' {
            if c == '!' {
                out.exclamations += 1;
            } else if c == '?' {
                out.questions += 1;
            }
            // keep emoticon candidates like ";)" or ":-(" together; "&amp;" in exported text is no break
            if c == ';' && ends_html_entity(&text[..i]) {
                i += clen;
                continue;
            }
            if c == ';'
                && let Some(len) = emoticon_at(text, i)
            {
                push_symbol(text, i, i + len, sentence, out);
                i += len;
                continue;
            }
            pending_break = true;
            i += clen;
            continue;
        }
        if c == '|' && text[i..].starts_with("|LBR|") {
            pending_break = true;
            i += 5;
            continue;
        }
        if c.is_whitespace() || is_invisible(c) {
            i += clen;
            continue;
        }
        if pending_break {
            if !out.tokens.is_empty() {
                sentence += 1;
            }
            pending_break = false;
        }
        // URLs
        if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && starts_url(&text[i..]) {
            let end = scan_until_space(text, i);
            push_plain(TokenKind::Url, text, i, end, sentence, out);
            i = end;
            continue;
        }
        if c == '@' || c == '#' {
            let start = i + 1;
            let end = scan_word_simple(text, start);
            if end > start {
                let kind = if c == '@' {
                    TokenKind::Mention
                } else {
                    TokenKind::Hashtag
                };
                let n0 = out.norm.len();
                if kind == TokenKind::Hashtag {
                    for ch in text[start..end].chars() {
                        if ch != '_' {
                            fold_char(ch, &mut out.norm);
                        }
                    }
                    count_letters(&text[start..end], out);
                }
                out.push_token(kind, Span::new(i, end), n0, sentence);
                i = end;
                continue;
            }
        }
        if is_word_char(c) {
            i = scan_word(text, i, sentence, out);
            continue;
        }
        if is_emoji(c) {
            let mut end = i + clen;
            // absorb modifiers and zero-width-joined parts of one pictograph
            while let Some(n) = text[end..].chars().next() {
                if is_invisible(n) && n != '\u{200D}' {
                    end += n.len_utf8();
                } else if n == '\u{200D}' {
                    end += n.len_utf8();
                    if let Some(m) = text[end..].chars().next()
                        && is_emoji(m)
                    {
                        end += m.len_utf8();
                    }
                } else {
                    break;
                }
            }
            let n0 = out.norm.len();
            out.norm.push(c);
            out.push_token(TokenKind::Emoji, Span::new(i, end), n0, sentence);
            i = end;
            continue;
        }
        if let Some(len) = emoticon_at(text, i) {
            push_symbol(text, i, i + len, sentence, out);
            i += len;
            continue;
        }
        i += clen;
    }
    out.sentences = sentence + 1;
}

fn count_letters(s: &str, out: &mut Tokens) {
    for ch in s.chars() {
        if ch.is_alphabetic() {
            out.letters += 1;
            if ch.is_uppercase() {
                out.upper += 1;
            }
            if matches!(ch, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü' | 'ẞ') {
                out.has_umlaut = true;
            }
        }
    }
}

fn push_symbol(text: &str, start: usize, end: usize, sentence: u32, out: &mut Tokens) {
    push_plain(TokenKind::Symbol, text, start, end, sentence, out);
}

fn push_plain(
    kind: TokenKind,
    text: &str,
    start: usize,
    end: usize,
    sentence: u32,
    out: &mut Tokens,
) {
    let n0 = out.norm.len();
    if kind == TokenKind::Symbol {
        for ch in text[start..end].chars() {
            fold_char(ch, &mut out.norm);
        }
    }
    out.push_token(kind, Span::new(start, end), n0, sentence);
}

/// Whether `s` starts with `http://`, `https://` or `www.` (any case). Looks at the first bytes only, so it
/// costs the same wherever it is called in a long text.
fn starts_url(s: &str) -> bool {
    let b = s.as_bytes();
    let has =
        |prefix: &[u8]| b.len() >= prefix.len() && b[..prefix.len()].eq_ignore_ascii_case(prefix);
    has(b"http://") || has(b"https://") || has(b"www.")
}

fn scan_until_space(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(text.len(), |(k, _)| start + k)
}

fn scan_word_simple(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|(_, c)| !(is_word_char(*c) || *c == '_'))
        .map_or(text.len(), |(k, _)| start + k)
}

/// The emoticon at byte `i`, unless it is part of a time or a number: "18:30" holds no ":3". (A digit
/// never reaches here as an emoticon's eyes: `scan_word` takes it first.)
fn emoticon_at(text: &str, i: usize) -> Option<usize> {
    let len = emoticon_len(&text[i..])?;
    let glued_before = text.as_bytes()[i] == b':'
        && text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
    let glued_after = text[i + len..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    (!glued_before && !glued_after).then_some(len)
}

/// Emoticons made of punctuation: `:)`, `:-(`, `;)`, `:D`, `<3`, `:'(`, `^^`, `:/`.
fn emoticon_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let first = *b.first()?;
    match first {
        b':' | b';' | b'=' | b'8' => {
            let mut k = 1;
            if matches!(b.get(k), Some(b'-' | b'\'' | b'o' | b'^'))
                && b.get(k + 1).is_some_and(|c| is_mouth(*c))
            {
                k += 1;
            }
            let m = *b.get(k)?;
            if !is_mouth(m) || (first == b'8' && m != b')') {
                return None;
            }
            // a letter mouth (D, P, p, o) must end the token: ":Der" is no emoticon
            if m.is_ascii_alphabetic() && b.get(k + 1).is_some_and(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            k += 1;
            while b.get(k) == Some(&m) && !m.is_ascii_alphabetic() {
                k += 1;
            }
            Some(k)
        }
        b'<' if b.get(1) == Some(&b'3') => Some(2),
        b'^' if b.get(1) == Some(&b'^') => Some(2),
        _ => None,
    }
}

fn is_mouth(c: u8) -> bool {
    matches!(
        c,
        b')' | b'('
            | b'D'
            | b'P'
            | b'p'
            | b'/'
            | b'|'
            | b'*'
            | b'O'
            | b'o'
            | b']'
            | b'['
            | b'@'
            | b'S'
            | b'$'
            | b'3'
    )
}

/// Scans a word starting at `start` (a word character). Keeps inner apostrophes, masking `*` and leet `$`;
/// splits at hyphens. Returns the end.
fn scan_word(text: &str, start: usize, sentence: u32, out: &mut Tokens) -> usize {
    let n0 = out.norm.len();
    let mut end = start;
    let mut masked = false;
    let mut digits = 0u32;
    let mut alpha = 0u32;
    let mut upper = 0u32;
    let mut prev: Option<char> = None;
    let mut run = 0u32;
    let mut elongated = false;
    let mut iter = text[start..].char_indices().peekable();
    while let Some((k, c)) = iter.next() {
        let next = iter.peek().map(|(_, n)| *n);
        let accept = if is_word_char(c) {
            true
        } else if is_invisible(c) {
            // inside a word only: "Id\u{200B}iot"
            next.is_some_and(is_word_char)
        } else if c == '\'' || c == '\u{2019}' {
            next.is_some_and(|n| n.is_alphabetic()) && prev.is_some_and(|p| p.is_alphabetic())
        } else if c == '*' {
            // masking: letters, stars, then letters or the end of the word; but stars that close as many
            // stars opening the word are emphasis ("für *euch*", "**really**"), not a mask
            let rest = &text[start + k..];
            let stars = rest.bytes().take_while(|b| *b == b'*').count();
            let after = rest[stars..].chars().next();
            let closes = !masked
                && !after.is_some_and(char::is_alphanumeric)
                && text[..start]
                    .bytes()
                    .rev()
                    .take_while(|b| *b == b'*')
                    .count()
                    == stars;
            !closes
                && prev.is_some_and(|p| p.is_alphabetic() || p == '*')
                && (after.is_some_and(char::is_alphabetic) || alpha >= 1)
        } else if c == '!' {
            // leet "i" inside a short swear word ("sh!t", "b!tch", "id!ot"): after one to three letters and
            // before a lower-case letter; "Danke!Super" and "great!thanks" stay two words
            (1..=3).contains(&alpha)
                && digits == 0
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_lowercase)
        } else if c == '$' || c == '@' || c == '€' {
            prev.is_some_and(|p| p.is_alphabetic())
                && next.is_some_and(|n| n.is_alphabetic() || n == '$')
        } else {
            false
        };
        if !accept {
            break;
        }
        end = start + k + c.len_utf8();
        if is_invisible(c) {
            continue;
        }
        if c == '*' || c == '!' {
            masked = true;
        }
        if c.is_alphabetic() {
            alpha += 1;
            out.letters += 1;
            if c.is_uppercase() {
                upper += 1;
                out.upper += 1;
            }
            if matches!(c, 'ä' | 'ö' | 'ü' | 'ß' | 'Ä' | 'Ö' | 'Ü' | 'ẞ') {
                out.has_umlaut = true;
            }
        } else if c.is_ascii_digit() {
            digits += 1;
        }
        // elongation: keep at most two equal letters in a row
        if Some(c) == prev && c.is_alphabetic() {
            run += 1;
        } else {
            run = 1;
        }
        prev = Some(c);
        if run >= 3 {
            elongated = true;
            continue;
        }
        fold_char(c, &mut out.norm);
    }
    if end == start {
        // a lone combining mark or similar: skip one char
        return start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    if digits > 0 && alpha > 0 && !is_number_with_unit(&text[start..end]) {
        masked = true; // sh1t, 4rsch — resolved by the lexicon lookup
    }
    let kind = if alpha == 0 && digits > 0 {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    let n1 = out.norm.len();
    out.tokens.push(Token {
        kind,
        span: Span::new(start, end),
        norm: (n0 as u32, n1 as u32),
        sentence,
        caps: alpha >= 2 && upper == alpha,
        elongated,
        masked,
    });
    // a hyphen ends the word; the next word starts after it
    end
}

/// Units and ordinal endings written right after a number: "4h", "45min", "3rd", "100Mbit" are no leetspeak
/// ("3h" is not "eh", "4h" not "ah").
const UNITS: &[&str] = &[
    "h", "hr", "hrs", "std", "min", "mins", "sek", "sec", "secs", "s", "ms", "d", "w", "wk", "wks",
    "mo", "j", "km", "kmh", "m", "cm", "mm", "kg", "g", "mg", "l", "ml", "k", "mb", "gb", "tb",
    "kb", "mbit", "gbit", "mbps", "gbps", "x", "st", "nd", "rd", "th", "te", "ter", "ten", "er",
    "mal", "eur", "euro", "usd", "ct", "am", "pm", "uhr", "p", "v", "kw", "kwh", "mah", "hz",
    "ghz", "mhz", "fps", "gen",
];

/// Digits followed by one of [`UNITS`] (any case).
fn is_number_with_unit(word: &str) -> bool {
    let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
    letters.len() < word.len() && UNITS.iter().any(|u| letters.eq_ignore_ascii_case(u))
}

/// The letter a leetspeak digit or symbol stands for; any other character as it is.
fn leet_letter(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        '8' => 'b',
        c => c,
    }
}

/// Folds leetspeak digits and symbols to letters and drops masking stars: `sh1t → shit`, `a$$ → ass`,
/// `4rsch → arsch`.
pub fn unleet(norm: &str) -> String {
    let mut out = String::new();
    unleet_into(norm, &mut out);
    out
}

/// [`unleet`] into a buffer (emptied first).
pub fn unleet_into(norm: &str, out: &mut String) {
    out.clear();
    out.extend(norm.chars().filter(|c| *c != '*').map(leet_letter));
}

/// Folds leetspeak like [`unleet`] but keeps the stars, for matching a mask: `sh1*` → `shi*`.
pub fn unleet_keeping_stars(norm: &str) -> String {
    norm.chars().map(leet_letter).collect()
}

/// Keeps at most two equal letters in a row, as the tokeniser does (`bbb → bb`, `sooo → soo`), so that
/// lexicon patterns and tokens meet in the same form.
/// Borrows `s` when it has no such run (the common case).
pub fn cut_runs(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        let b = s.as_bytes();
        if !b
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_ascii_alphabetic())
        {
            return s.into();
        }
    }
    let mut out = String::with_capacity(s.len());
    let (mut prev, mut run) = (None, 0);
    for c in s.chars() {
        run = if Some(c) == prev && c.is_alphabetic() {
            run + 1
        } else {
            1
        };
        prev = Some(c);
        if run < 3 {
            out.push(c);
        }
    }
    out.into()
}

/// Collapses runs of equal letters to one (`schleecht → schlecht`) — the second try for elongated words.
pub fn collapse_runs(norm: &str) -> String {
    let mut out = String::with_capacity(norm.len());
    collapse_runs_into(norm, &mut out);
    out
}

/// [`collapse_runs`] into a buffer (emptied first).
pub fn collapse_runs_into(norm: &str, out: &mut String) {
    out.clear();
    let mut prev = None;
    for c in norm.chars() {
        if Some(c) != prev || !c.is_alphabetic() {
            out.push(c);
        }
        prev = Some(c);
    }
}

/// A count with its noun in the singular or the plural: `count(1, "Kommentar", "Kommentare")` is
/// "1 Kommentar", `count(2, "comment", "comments")` is "2 comments". The words may carry what agrees with
/// the number ("Kommentar meldet" / "Kommentare melden").
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table built at compile time folds every code point exactly as the compatibility decomposition
    /// does (the reference: `unicode-normalization`), so dropping the decomposition tables changes nothing.
    #[test]
    fn the_compatibility_table_folds_every_character_as_unicode_does() {
        let mut differing = 0;
        let (mut got, mut want) = (String::new(), String::new());
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            got.clear();
            want.clear();
            fold_char(c, &mut got);
            fold_char_with(c, &mut want, |c, out| {
                out.push_str(&compat_build::reference(c))
            });
            assert_eq!(got, want, "U+{:04X}", c as u32);
            differing += usize::from(!want.chars().eq(c.to_lowercase()));
        }
        // the table is not empty: full-width, mathematical and accented letters, Hangul, …
        assert!(differing > 5000, "{differing}");
    }

    fn norms(text: &str) -> Vec<String> {
        let mut t = Tokens::default();
        tokenize(text, &mut t);
        t.tokens.iter().map(|k| t.norm_of(k).to_string()).collect()
    }

    #[test]
    fn folds_umlauts_and_sharp_s_both_spellings() {
        assert_eq!(fold("Blöd SCHEIẞE Scheisse"), "bloed scheisse scheisse");
        assert_eq!(fold("Übel"), "uebel");
        assert_eq!(fold("U\u{0308}bel"), "uebel");
        assert_eq!(fold("café ＦＵＣＫ"), "cafe fuck");
        assert_eq!(fold("don’t"), "don't");
    }

    #[test]
    fn tokens_keep_spans_into_untouched_input() {
        let text = "Größter Mist 😡 @Firma #Boykott https://x.y/z";
        let mut t = Tokens::default();
        tokenize(text, &mut t);
        let spans: Vec<&str> = t.tokens.iter().map(|k| k.span.slice(text)).collect();
        assert_eq!(
            spans,
            [
                "Größter",
                "Mist",
                "😡",
                "@Firma",
                "#Boykott",
                "https://x.y/z"
            ]
        );
        assert_eq!(norms(text), ["groesster", "mist", "😡", "", "boykott", ""]);
    }

    #[test]
    fn masked_and_elongated_words() {
        let mut t = Tokens::default();
        tokenize("f*ck A****loch sooo gut", &mut t);
        assert!(t.tokens[0].masked && t.tokens[1].masked);
        assert_eq!(t.norm_of(&t.tokens[2]), "soo");
        assert!(t.tokens[2].elongated);
        assert_eq!(collapse_runs("soo"), "so");
        assert_eq!(unleet("sh1t"), "shit");
        // "!" stands for "i" inside a short word only
        tokenize("sh!tshow, id!ot. Danke!Super great!thanks Hi!", &mut t);
        let words: Vec<&str> = t.tokens.iter().map(|k| t.norm_of(k)).collect();
        assert_eq!(
            &words[..6],
            ["sh!tshow", "id!ot", "danke", "super", "great", "thanks"]
        );
        assert!(t.tokens[0].masked && t.tokens[1].masked && !t.tokens[2].masked);
        assert_eq!(unleet("sh!tshow"), "shitshow");
        assert_eq!(unleet_keeping_stars("sh1*"), "shi*");
        // a number with its unit is no leetspeak; a digit standing for a letter is
        tokenize("4h 45min 3rd 100Mbit 4rsch sh1t", &mut t);
        let masked: Vec<bool> = t.tokens.iter().map(|k| k.masked).collect();
        assert_eq!(masked, [false, false, false, false, true, true]);
    }

    /// Stars around a whole word emphasise it; stars inside or after letters mask them.
    #[test]
    fn emphasis_stars_are_not_masks() {
        for (text, word, masked) in [
            ("für *euch* gemacht", "euch", false),
            ("you **really** need it", "really", false),
            ("so ein *Sch***", "sch", true),
            ("what the f*** is this", "f", true),
            ("das ist Sch*** gewesen", "sch", true),
        ] {
            let mut t = Tokens::default();
            tokenize(text, &mut t);
            let tok = t
                .tokens
                .iter()
                .find(|k| t.norm_of(k).trim_end_matches('*') == word);
            assert_eq!(tok.map(|k| k.masked), Some(masked), "{text}");
        }
    }

    /// An escaped `&amp;` keeps its sentence; a real semicolon ends one, in both languages.
    #[test]
    fn html_entities_do_not_end_sentences() {
        for (escaped, plain) in [
            (
                "Send us your name &amp; email by DM",
                "Send us your name; email by DM",
            ),
            (
                "Schick uns Name &amp; E-Mail &#39;per DM&#39;",
                "Schick uns Name; E-Mail per DM",
            ),
        ] {
            let mut t = Tokens::default();
            tokenize(escaped, &mut t);
            assert_eq!(t.tokens.last().map(|k| k.sentence), Some(0), "{escaped}");
            tokenize(plain, &mut t);
            assert_eq!(t.tokens.last().map(|k| k.sentence), Some(1), "{plain}");
        }
        assert!(!ends_html_entity("Tom &"));
        assert!(!ends_html_entity("A & B"));
        assert!(ends_html_entity("x &#x27"));
    }

    #[test]
    fn sentences_and_emoticons() {
        let mut t = Tokens::default();
        tokenize("Toll :) Wirklich!!! Neu;) Zeile|LBR|zwei", &mut t);
        let kinds: Vec<_> = t.tokens.iter().map(|k| (k.kind, k.sentence)).collect();
        assert_eq!(kinds[1], (TokenKind::Symbol, 0));
        assert_eq!(t.exclamations, 3);
        assert_eq!(t.tokens.last().map(|k| k.sentence), Some(2));
    }

    #[test]
    fn times_and_scores_are_no_emoticons() {
        let symbols = |text: &str| {
            let mut t = Tokens::default();
            tokenize(text, &mut t);
            t.tokens
                .iter()
                .filter(|k| k.kind == TokenKind::Symbol)
                .map(|k| k.span.slice(text).to_string())
                .collect::<Vec<_>>()
        };
        for text in [
            "Der RB um 18:30 kommt",
            "the 18:30 train",
            "Endstand 1:0",
            "(seit 18)",
        ] {
            assert!(symbols(text).is_empty(), "{text}: {:?}", symbols(text));
        }
        for (text, face) in [("Danke:)", ":)"), ("Bis gleich :3", ":3"), ("Neu;)", ";)")] {
            assert_eq!(symbols(text), [face], "{text}");
        }
    }

    #[test]
    fn zero_width_inside_a_word_is_ignored() {
        assert_eq!(norms("Id\u{200B}iot"), ["idiot"]);
        assert_eq!(norms("\u{202E}abc"), ["abc"]);
    }
}
