//! A draft prepared for the rules: tokens with spans, its language, its own analysis.

use crate::model::{Analysis, Lang, Span};
use crate::text::{TokenKind, Tokens, tokenize};
use crate::{Options, analyze};

use super::lexicon::{Lex, Match, Words, list};
use super::rules::Rule;
use super::{Fix, Lint};

/// Below this language confidence the analyser's guess is checked against the reply lexicon's function words.
/// Chosen so that two-word drafts ("Danke dir!") still get the analyser's answer when its stopwords agree.
const LANG_MIN_CONFIDENCE: f32 = 0.35;

/// A reply draft, tokenised once and shared by all rules.
pub struct Draft<'a> {
    pub text: &'a str,
    /// German or English (anything else is treated as German, the product's first language).
    pub lang: Lang,
    pub tokens: Tokens,
    word_idx: Vec<usize>,
    /// The analyser's view of the draft itself (toxicity, capitals, personal data).
    pub analysis: Analysis,
}

impl<'a> Draft<'a> {
    /// Prepares `text`; `lang` overrides detection.
    pub fn new(text: &'a str, lang: Option<Lang>) -> Self {
        let mut tokens = Tokens::default();
        tokenize(text, &mut tokens);
        let word_idx = Words::new(text, &tokens).idx.into_owned();
        let hint = lang.filter(|l| *l != Lang::Other);
        let analysis = analyze(text, &Options::default().with_lang_hint(hint).for_draft());
        let mut d = Draft {
            text,
            lang: Lang::De,
            tokens,
            word_idx,
            analysis,
        };
        d.lang = match hint {
            Some(l) => l,
            None => d.detect_lang(),
        };
        d
    }

    fn detect_lang(&self) -> Lang {
        let g = self.analysis.lang;
        if g.code != Lang::Other && g.confidence >= LANG_MIN_CONFIDENCE {
            return g.code;
        }
        let de = self.words().find(list(Lex::FunctionWords, Lang::De)).len();
        let en = self.words().find(list(Lex::FunctionWords, Lang::En)).len();
        if en > de {
            Lang::En
        } else if de > en || self.tokens.has_umlaut {
            Lang::De
        } else if g.code == Lang::En {
            Lang::En
        } else {
            Lang::De
        }
    }

    /// The draft's words (word, number and hashtag tokens).
    pub fn words(&self) -> Words<'_> {
        Words {
            text: self.text,
            tokens: &self.tokens,
            idx: std::borrow::Cow::Borrowed(&self.word_idx),
        }
    }

    /// Matches of a list in the draft's language.
    pub fn find(&self, lex: Lex) -> Vec<Match> {
        self.words().find(list(lex, self.lang))
    }

    pub fn has(&self, lex: Lex) -> bool {
        !self.find(lex).is_empty()
    }

    /// Picks the message in the draft's language.
    pub fn msg(&self, de: &str, en: &str) -> String {
        match self.lang {
            Lang::En => en.to_string(),
            _ => de.to_string(),
        }
    }

    /// A lint of `rule` at `span` with the message in the draft's language.
    pub fn lint(&self, rule: &dyn Rule, span: Span, de: &str, en: &str) -> Lint {
        Lint {
            rule: rule.id().to_string(),
            category: rule.category(),
            severity: rule.severity(),
            message: self.msg(de, en),
            span,
            fixes: Vec::new(),
        }
    }

    /// Span of the whole draft without surrounding white space.
    pub fn whole(&self) -> Span {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        Span::new(start, end)
    }

    /// Span of the first sentence (where a missing opening would go).
    pub fn first_sentence(&self) -> Span {
        self.sentence_span(self.tokens.tokens.first().map_or(0, |t| t.sentence))
    }

    /// Span from the first to the last token of sentence `s`.
    pub fn sentence_span(&self, s: u32) -> Span {
        match &self.tokens.tokens[self.tokens.sentence_range(s)] {
            [] => self.whole(),
            [first, .., last] | [first @ last] => {
                let last = last.span.end;
                // include the sentence's closing punctuation
                let rest = self.text.get(last..).unwrap_or("");
                let punct = rest
                    .char_indices()
                    .take_while(|(_, c)| matches!(c, '.' | '!' | '?' | '…'))
                    .last()
                    .map_or(0, |(i, c)| i + c.len_utf8());
                Span::new(first.span.start, last + punct)
            }
        }
    }

    /// Number of word tokens.
    pub fn word_count(&self) -> usize {
        self.word_idx.len()
    }

    /// Emoji and emoticon tokens.
    pub fn emoji(&self) -> impl Iterator<Item = Span> + '_ {
        self.tokens.tokens.iter().filter_map(|t| {
            let is_emoticon = t.kind == TokenKind::Symbol
                && t.span
                    .slice(self.text)
                    .chars()
                    .any(|c| matches!(c, ')' | '(' | 'D' | 'P'))
                && t.span.len() >= 2
                && t.span
                    .slice(self.text)
                    .starts_with([':', ';', 'x', 'X', '8']);
            (t.kind == TokenKind::Emoji || is_emoticon).then_some(t.span)
        })
    }

    /// German forms of address in the draft: (du forms, Sie forms), as spans.
    pub fn address_forms(&self) -> (Vec<Span>, Vec<Span>) {
        let (mut du, mut sie) = (Vec::new(), Vec::new());
        if self.lang != Lang::De {
            return (du, sie);
        }
        let mut prev_sentence = u32::MAX;
        for t in &self.tokens.tokens {
            if t.kind != TokenKind::Word {
                continue;
            }
            let first = t.sentence != prev_sentence;
            prev_sentence = t.sentence;
            let raw = t.span.slice(self.text);
            let upper = raw.starts_with(|c: char| c.is_uppercase());
            match self.tokens.norm_of(t) {
                "du" | "dich" | "dir" | "dein" | "deine" | "deinen" | "deinem" | "deiner"
                | "deines" => du.push(t.span),
                "sie" | "ihnen" | "ihr" | "ihre" | "ihren" | "ihrem" | "ihrer" | "ihres"
                    if upper && !first =>
                {
                    sie.push(t.span)
                }
                _ => {}
            }
        }
        (du, sie)
    }

    /// Whether text added to the draft (a fix) says du: the form the brand voice asks for with this commenter
    /// (`BrandVoice::address_for`), so that a fix never repeats the form `wrong-form-of-address` flags. A
    /// brand that may mirror a du-commenter keeps Sie where the draft chose Sie.
    pub fn du_form(&self, ctx: &super::ReplyContext) -> bool {
        use crate::model::Address;
        let voice = &ctx.voice;
        match voice.address_for(ctx.comment_analysis().and_then(|a| a.address)) {
            Address::Du => {
                let (du, sie) = self.address_forms();
                !(voice.address == Address::Sie && sie.len() > du.len())
            }
            Address::Sie => false,
        }
    }

    /// A phrase in the draft's language and the form of address the brand voice asks for here: (German Sie,
    /// German du, English).
    pub fn phrase(&self, ctx: &super::ReplyContext, sie: &str, du: &str, en: &str) -> String {
        match self.lang {
            Lang::En => en.to_string(),
            _ if self.du_form(ctx) => du.to_string(),
            _ => sie.to_string(),
        }
    }

    /// A lint at the first sentence for a missing opening (acknowledgement, empathy, apology), with a fix that
    /// inserts `phrase` after that sentence. `message` and `title` are (German, English).
    pub fn missing_opening(
        &self,
        rule: &dyn Rule,
        message: (&str, &str),
        title: (&str, &str),
        phrase: &str,
        applicability: super::Applicability,
    ) -> Lint {
        let mut l = self.lint(rule, self.first_sentence(), message.0, message.1);
        l.fixes.push(super::Fix {
            title: self.msg(title.0, title.1),
            edits: vec![self.insert_after_first_sentence(phrase)],
            applicability,
        });
        l
    }

    /// An insertion after the first sentence (where an opening acknowledgement, apology or next step
    /// fits), with a space before it.
    pub fn insert_after_first_sentence(&self, phrase: &str) -> super::Edit {
        let end = self.first_sentence().end;
        super::Edit {
            span: Span::new(end, end),
            replacement: format!(" {phrase}"),
        }
    }

    /// The folded word right after byte `at` in the same sentence ("gelaufen" after "blöd"), if any.
    /// Logarithmic in the draft's length.
    pub fn next_word(&self, at: usize) -> Option<&str> {
        let words = self.words();
        let (mut lo, mut hi) = (0, words.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if words.token(mid).is_some_and(|t| t.span.start < at) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let before = (0..lo)
            .rev()
            .find_map(|i| words.token(i))
            .map(|t| t.sentence);
        let next = words.token(lo)?;
        if before.is_some_and(|s| s != next.sentence) {
            return None;
        }
        let i = self.word_idx.get(lo)?;
        self.tokens.tokens.get(*i).map(|t| self.tokens.norm_of(t))
    }

    /// Number of sentences with at least one word.
    pub fn sentence_count(&self) -> usize {
        let mut n = 0;
        let mut last = u32::MAX;
        for i in 0..self.word_idx.len() {
            if let Some(t) = self.words().token(i)
                && t.sentence != last
            {
                n += 1;
                last = t.sentence;
            }
        }
        n
    }

    /// The signature or sign-off, if the draft ends with one on its own line.
    pub fn ends_with(&self, s: &str) -> bool {
        let s = s.trim();
        !s.is_empty() && self.text.trim_end().ends_with(s)
    }

    /// Where the draft sits in a reply split over several posts (see [`Part`]).
    pub fn part(&self) -> Part {
        part_of(self.text)
    }
}

/// Where a draft sits in a reply split over several posts, as support teams number them ("1/2", "(2/3)",
/// "[2/2]" first, or last before any signature, after any @handles) or continue them ("… please reach
/// out"): the opening belongs to the first part, the next step may be in any part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Part {
    /// This part continues an earlier one (k > 1 of n, or it starts with an ellipsis).
    pub continues: bool,
    /// The reply has more than one part (any k of n with n > 1, or it continues an earlier one).
    pub split: bool,
}

/// Words after which a number pair at the end of a draft is a date, not a part counter ("on 3/4").
const DATE_PREPOSITIONS: [&str; 14] = [
    "on", "by", "until", "till", "before", "after", "from", "since", "am", "bis", "ab", "vom",
    "zum", "seit",
];

/// `k/n` with 1 ≤ k ≤ n ≤ 20 and n ≥ 2, in optional round or square brackets.
fn counter(token: &str) -> Option<(u32, u32)> {
    let t = token
        .strip_prefix(['(', '['])
        .unwrap_or(token)
        .trim_end_matches([')', ']', ':']);
    let (k, n) = t.split_once('/')?;
    if k.is_empty() || n.is_empty() || k.len() > 2 || n.len() > 2 {
        return None;
    }
    let (k, n): (u32, u32) = (k.parse().ok()?, n.parse().ok()?);
    (1 <= k && k <= n && (2..=20).contains(&n)).then_some((k, n))
}

/// See [`Part`].
pub fn part_of(text: &str) -> Part {
    let words: Vec<&str> = text
        .split_whitespace()
        .skip_while(|w| w.starts_with('@'))
        .collect();
    let first = words.first().copied().unwrap_or("");
    // the counter ends the draft or stands right before a signature ("… (2/2) *Tom", "… 2/2 ^AK")
    let signed = words
        .last()
        .is_some_and(|w| w.starts_with(['^', '*', '-', '–', '~']));
    let tail = &words[..words.len() - usize::from(signed && words.len() > 1)];
    let at_end = match tail {
        [.., before, last] if tail.len() > 2 => {
            let before = before.to_lowercase();
            (!DATE_PREPOSITIONS.contains(&before.as_str()))
                .then(|| counter(last))
                .flatten()
        }
        _ => None,
    };
    let numbered = counter(first).or(at_end);
    let ellipsis = first.starts_with("...") || first.starts_with('…');
    Part {
        continues: ellipsis || numbered.is_some_and(|(k, _)| k > 1),
        split: ellipsis || numbered.is_some(),
    }
}

/// A fix with one edit.
pub fn fix(title: String, span: Span, replacement: &str, app: super::Applicability) -> Fix {
    Fix {
        title,
        edits: vec![super::Edit {
            span,
            replacement: replacement.to_string(),
        }],
        applicability: app,
    }
}

/// Matches of a list in any text (e.g. the comment being answered).
pub fn find_in(text: &str, lex: Lex, lang: Lang) -> Vec<Span> {
    let mut tokens = Tokens::default();
    tokenize(text, &mut tokens);
    Words::new(text, &tokens)
        .find(list(lex, lang))
        .iter()
        .map(|m| m.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_split_replies() {
        let later = Part {
            continues: true,
            split: true,
        };
        let first = Part {
            continues: false,
            split: true,
        };
        for (text, want) in [
            (
                "@anna_k 2/2 Sie erhalten die Gutschrift bis Freitag.",
                later,
            ),
            ("(2/3) ... schreiben Sie uns gern.", later),
            ("… please reach out to us by DM.", later),
            ("Please send us the order number by DM. ^Tom 2/2", later),
            ("Wir schreiben Ihnen die Meilen gut. (2/2) *Lea", later),
            ("@jo_b 1/2 The refund takes five days.", first),
            (
                "Starten Sie das Gerät neu. Wenn das nicht hilft … (1/2)",
                first,
            ),
            ("We're open 24/7 at the station.", Part::default()),
            ("Die Lieferung kommt am 3/4", Part::default()),
            ("Delivery is planned on 3/4", Part::default()),
            ("About 1/20 of the orders.", Part::default()),
            ("Sorry about that!", Part::default()),
        ] {
            assert_eq!(part_of(text), want, "{text}");
        }
    }
}
