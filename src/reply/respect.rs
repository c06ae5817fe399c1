//! Politeness cues of a reply draft: named, language-neutral features and their fitted weights.
//!
//! Each feature is a class of politeness strategy (after Danescu-Niculescu-Mizil et al. 2013): gratitude,
//! please, a greeting, an apology, hedges, indirect and direct requests, deference, first and second person
//! (and whether a sentence starts with them), direct questions, why-questions and yes/no questions and abrupt or imperative sentence starts,
//! negative words, negation, "by the way", factuality, and a few counts (question marks, exclamation marks, capitals,
//! length). The cue words are lists per language in `src/reply/respect/{de,en}/<list>.txt` (same format as
//! the reply lexicon, see `super::lexicon`); the feature classes and their weights are shared by both
//! languages, so German and English drafts are scored by the same model.
//!
//! Weights: `src/reply/respect_weights.tsv`, a ridge regression toward the weights politeness theory gives
//! the features (`Feature::prior`) of the regard GoEmotions comments show their readers, written by
//! `krisenradar-train respect` (see
//! `docs/learning.md`, "The respect weights"). `linear` gives the score and the contribution of every cue.

use std::sync::LazyLock;

use crate::model::{Lang, Span};
use crate::text::{TokenKind, Tokens, tokenize};

use super::lexicon::{List, Words, parse};

macro_rules! features {
    ($($variant:ident => $name:literal,)*) => {
        /// A named politeness feature (the same in every language).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Feature { $($variant,)* }

        impl Feature {
            pub const ALL: &'static [Feature] = &[$(Feature::$variant,)*];
            /// The name used in evidence ids (`respect:<name>`) and in the weights file.
            pub const fn name(self) -> &'static str {
                match self { $(Feature::$variant => $name,)* }
            }
        }
    };
}

features! {
    Gratitude => "gratitude",
    Please => "please",
    PleaseStart => "please-start",
    Greeting => "greeting",
    Apology => "apology",
    Hedge => "hedge",
    IndirectRequest => "indirect-request",
    DirectRequest => "direct-request",
    Counterfactual => "counterfactual",
    Deference => "deference",
    FirstPlural => "first-plural",
    FirstSingular => "first-singular",
    FirstSingularStart => "first-singular-start",
    SecondPerson => "second-person",
    SecondStart => "second-start",
    DirectQuestion => "direct-question",
    WhyStart => "why-start",
    Why => "why",
    DirectStart => "direct-start",
    ImperativeStart => "imperative-start",
    Negative => "negative",
    Negation => "negation",
    Challenge => "challenge",
    Positive => "positive",
    YesNoQuestion => "yes-no-question",
    Smiley => "smiley",
    ByTheWay => "by-the-way",
    Factuality => "factuality",
    QuestionEnd => "question-end",
    Questions => "questions",
    Exclamations => "exclamations",
    Caps => "caps",
    Length => "length",
}

impl Feature {
    /// What politeness theory says a cue does to the regard a text shows its reader (Brown and Levinson's
    /// face-saving strategies; units of the fitted target, −1 … 1): thanks and apologies most, praise,
    /// greetings, please and indirect requests much, hedges, softening modals, inclusive "we", smileys and
    /// positive words a little; abrupt, bare or why-questions, orders, you-first sentences and capitals
    /// threaten face, challenges and negative words most. Cues that can go either way are 0.
    ///
    /// The fit starts from these weights and moves away only as far as the data carry it
    /// (`crate::learned::train_respect`): a cue the training comments rarely show (requests are rare on
    /// Reddit) keeps about its prior. Its sign is also the one the fitted weight may have (or 0).
    pub const fn prior(self) -> f32 {
        match self {
            F::Gratitude | F::Apology => 0.5,
            F::Deference | F::Greeting | F::IndirectRequest | F::Please => 0.3,
            F::Hedge | F::Counterfactual | F::Smiley | F::Positive => 0.15,
            F::FirstPlural | F::ByTheWay => 0.1,
            F::Negation => -0.05,
            F::Questions | F::Factuality => -0.1,
            F::DirectQuestion | F::DirectStart | F::Why => -0.15,
            F::ImperativeStart | F::SecondStart | F::WhyStart | F::Caps => -0.3,
            F::Negative | F::Challenge => -0.5,
            F::PleaseStart
            | F::DirectRequest
            | F::FirstSingular
            | F::FirstSingularStart
            | F::SecondPerson
            | F::YesNoQuestion
            | F::QuestionEnd
            | F::Exclamations
            | F::Length => 0.0,
        }
    }

    /// The sign of [`Feature::prior`]: +1 polite, −1 impolite, 0 either way.
    pub const fn expected_sign(self) -> i8 {
        let p = self.prior();
        if p > 0.0 {
            1
        } else if p < 0.0 {
            -1
        } else {
            0
        }
    }
}

/// Number of named features.
pub const N_FEATURES: usize = Feature::ALL.len();

/// A cue list: its file and the feature a match sets inside a sentence and at its start (`None`: not
/// counted there).
struct CueList {
    file: &'static str,
    inside: Option<Feature>,
    start: Option<Feature>,
}

macro_rules! cue_lists {
    ($($file:literal => $inside:expr, $start:expr;)*) => {
        const CUE_LISTS: &[CueList] = &[$(CueList { file: $file, inside: $inside, start: $start },)*];
        fn source(file: &str, lang: Lang) -> &'static str {
            match (file, lang) {
                $(
                    ($file, Lang::En) => include_str!(concat!("respect/en/", $file, ".txt")),
                    ($file, _) => include_str!(concat!("respect/de/", $file, ".txt")),
                )*
                _ => "",
            }
        }
    };
}

use Feature as F;
cue_lists! {
    "gratitude" => Some(F::Gratitude), Some(F::Gratitude);
    "please" => Some(F::Please), Some(F::PleaseStart);
    "greeting" => Some(F::Greeting), Some(F::Greeting);
    "apology" => Some(F::Apology), Some(F::Apology);
    "hedge" => Some(F::Hedge), Some(F::Hedge);
    "indirect_request" => Some(F::IndirectRequest), Some(F::IndirectRequest);
    "direct_request" => Some(F::DirectRequest), Some(F::DirectRequest);
    "counterfactual" => Some(F::Counterfactual), Some(F::Counterfactual);
    "deference" => Some(F::Deference), Some(F::Deference);
    "first_plural" => Some(F::FirstPlural), Some(F::FirstPlural);
    "first_singular" => Some(F::FirstSingular), Some(F::FirstSingularStart);
    "second_person" => Some(F::SecondPerson), Some(F::SecondStart);
    "wh_question" => None, Some(F::DirectQuestion);
    "why" => Some(F::Why), Some(F::WhyStart);
    "direct_start" => None, Some(F::DirectStart);
    "imperative" => None, Some(F::ImperativeStart);
    "negative" => Some(F::Negative), Some(F::Negative);
    "negation" => Some(F::Negation), Some(F::Negation);
    "challenge" => Some(F::Challenge), Some(F::Challenge);
    "positive" => Some(F::Positive), Some(F::Positive);
    "yes_no_question" => None, Some(F::YesNoQuestion);
    "by_the_way" => Some(F::ByTheWay), Some(F::ByTheWay);
    "factuality" => Some(F::Factuality), Some(F::Factuality);
}

/// Words written in capitals of at least this many letters count for `caps` (shorter ones are mostly
/// abbreviations: SQL, API).
const CAPS_MIN_LEN: usize = 4;

struct Lists {
    de: Vec<List>,
    en: Vec<List>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let load = |lang: Lang| {
        CUE_LISTS
            .iter()
            .map(|c| parse(c.file, source(c.file, lang)).unwrap_or_default())
            .collect()
    };
    Lists {
        de: load(Lang::De),
        en: load(Lang::En),
    }
});

/// Every cue list file (`<lang>/<list>.txt`) with its contents, for validation.
pub fn sources() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for c in CUE_LISTS {
        for lang in [Lang::De, Lang::En] {
            out.push((
                format!("{}/{}.txt", lang.code(), c.file),
                source(c.file, lang),
            ));
        }
    }
    out
}

/// One feature found in a draft: its value (1 for a cue word; a log count for the counts), where it is
/// (the first occurrence) and, for a cue word, its list file and line.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub feature: Feature,
    pub value: f32,
    pub span: Span,
    /// `en/hedge.txt` and the line, for cue words.
    pub source: Option<(String, usize)>,
}

impl Cue {
    /// `respect:<feature>` or `respect:<feature>:<lang>/<list>.txt:<line>`.
    pub fn id(&self) -> String {
        match &self.source {
            Some((file, line)) => format!("respect:{}:{file}:{line}", self.feature.name()),
            None => format!("respect:{}", self.feature.name()),
        }
    }
}

/// German forms of address written with a capital (Sie, Ihnen, Ihr …): second person.
fn sie_form(norm: &str) -> bool {
    matches!(
        norm,
        "sie" | "ihnen" | "ihr" | "ihre" | "ihren" | "ihrem" | "ihrer" | "ihres"
    )
}

/// Whether sentence `s` ends with a question mark.
fn sentence_is_question(text: &str, tokens: &Tokens, s: u32) -> bool {
    let range = tokens.sentence_range(s);
    let last = tokens.tokens[range.clone()].last();
    let next = tokens.tokens.get(range.end);
    match last {
        Some(l) => text
            .get(l.span.end..next.map_or(text.len(), |n| n.span.start))
            .is_some_and(|between| between.contains('?')),
        None => false,
    }
}

/// An emoji or an emoticon such as `:)` or `;-)`.
fn is_smiley(text: &str, t: &crate::text::Token) -> bool {
    let s = t.span.slice(text);
    t.kind == TokenKind::Emoji
        || (t.kind == TokenKind::Symbol
            && s.len() >= 2
            && s.starts_with([':', ';'])
            && s.chars().any(|c| matches!(c, ')' | 'D' | 'P')))
}

/// The features of `text` (already tokenised into `tokens`) in `lang` (German for anything but English):
/// at most one cue per feature, the first occurrence, in feature order.
pub fn cues(text: &str, tokens: &Tokens, lang: Lang) -> Vec<Cue> {
    let lists = match lang {
        Lang::En => &LISTS.en,
        _ => &LISTS.de,
    };
    let words = Words::new(text, tokens);
    // whether word i is the first word of its sentence
    let starts: Vec<bool> = (0..words.len())
        .map(|i| {
            let s = words.token(i).map(|t| t.sentence);
            i == 0 || words.token(i - 1).map(|t| t.sentence) != s
        })
        .collect();
    let mut found: Vec<Option<Cue>> = vec![None; N_FEATURES];
    let mut put = |cue: Cue| {
        let slot = &mut found[cue.feature as usize];
        if slot.as_ref().is_none_or(|c| cue.span.start < c.span.start) {
            *slot = Some(cue);
        }
    };
    for (c, list) in CUE_LISTS.iter().zip(lists) {
        for m in words.find(list) {
            let at_start = starts.get(m.words.0).copied().unwrap_or(false);
            let feature = if at_start { c.start } else { c.inside };
            if let Some(feature) = feature {
                put(Cue {
                    feature,
                    value: 1.0,
                    span: m.span,
                    source: Some((format!("{}/{}.txt", lang.code(), c.file), m.pattern.line)),
                });
            }
        }
    }
    if lang != Lang::En {
        // a formal imperative: a sentence that starts with an infinitive and `Sie` and is no question
        // (Schicken Sie uns …, Lesen Sie …)
        for (i, &at_start) in starts.iter().enumerate() {
            let (Some(verb), Some(sie)) = (words.token(i), words.token(i + 1)) else {
                continue;
            };
            let raw = sie.span.slice(text);
            if at_start
                && sie.sentence == verb.sentence
                && words.norm(i).len() > 3
                && words.norm(i).ends_with("en")
                && raw == "Sie"
                && !sentence_is_question(text, tokens, verb.sentence)
            {
                put(Cue {
                    feature: F::ImperativeStart,
                    value: 1.0,
                    span: Span::new(verb.span.start, sie.span.end),
                    source: None,
                });
            }
        }
        for (i, &at_start) in starts.iter().enumerate() {
            let Some(t) = words.token(i) else { continue };
            let upper = t.span.slice(text).starts_with(|c: char| c.is_uppercase());
            if upper && !t.caps && sie_form(words.norm(i)) {
                let feature = if at_start {
                    F::SecondStart
                } else {
                    F::SecondPerson
                };
                put(Cue {
                    feature,
                    value: 1.0,
                    span: t.span,
                    source: None,
                });
            }
        }
    }
    let first_char = |c: char| {
        text.char_indices()
            .find(|(_, x)| *x == c)
            .map(|(i, x)| Span::new(i, i + x.len_utf8()))
    };
    if let Some(span) = tokens
        .tokens
        .iter()
        .find(|t| is_smiley(text, t))
        .map(|t| t.span)
    {
        put(Cue {
            feature: F::Smiley,
            value: 1.0,
            span,
            source: None,
        });
    }
    let trimmed = text.trim_end();
    if trimmed.ends_with('?') {
        put(Cue {
            feature: F::QuestionEnd,
            value: 1.0,
            span: Span::new(trimmed.len() - 1, trimmed.len()),
            source: None,
        });
    }
    let log_count = |n: u32| (1.0 + n as f32).ln();
    if let Some(span) = first_char('?') {
        put(Cue {
            feature: F::Questions,
            value: log_count(tokens.questions.max(1)),
            span,
            source: None,
        });
    }
    if let Some(span) = first_char('!') {
        put(Cue {
            feature: F::Exclamations,
            value: log_count(tokens.exclamations.max(1)),
            span,
            source: None,
        });
    }
    let caps: Vec<Span> = tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.caps && t.span.len() >= CAPS_MIN_LEN)
        .map(|t| t.span)
        .collect();
    if let Some(&span) = caps.first() {
        put(Cue {
            feature: F::Caps,
            value: log_count(caps.len() as u32),
            span,
            source: None,
        });
    }
    if !words.is_empty() {
        let start = text.len() - text.trim_start().len();
        put(Cue {
            feature: F::Length,
            value: log_count(words.len() as u32),
            span: Span::new(start, trimmed.len().max(start)),
            source: None,
        });
    }
    found.into_iter().flatten().collect()
}

/// The features of a text that is not tokenised yet.
pub fn cues_of(text: &str, lang: Lang) -> Vec<Cue> {
    let mut tokens = Tokens::default();
    tokenize(text, &mut tokens);
    cues(text, &tokens, lang)
}

/// The feature vector of a set of cues.
pub fn vector(cues: &[Cue]) -> [f32; N_FEATURES] {
    let mut x = [0.0; N_FEATURES];
    for c in cues {
        x[c.feature as usize] = c.value;
    }
    x
}

/// A linear model over the named features: `score = bias + Σ weight · value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    pub bias: f32,
    pub weights: [f32; N_FEATURES],
}

/// The name of the intercept line in the weights file.
pub const BIAS: &str = "<bias>";

/// The shipped weights file (`src/reply/respect_weights.tsv`).
pub const WEIGHTS_TSV: &str = include_str!("respect_weights.tsv");

/// Parses a weights file: `#` comment lines, then `feature<TAB>weight` lines and one `<bias>` line.
/// Every feature must be there exactly once.
pub fn parse_weights(src: &str) -> Result<Weights, String> {
    let mut bias = None;
    let mut weights = [None; N_FEATURES];
    for (i, line) in src.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, w) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: no tab", i + 1))?;
        let w: f32 = w
            .trim()
            .parse()
            .map_err(|e| format!("line {}: {e}", i + 1))?;
        let slot = if name == BIAS {
            &mut bias
        } else {
            let f = Feature::ALL
                .iter()
                .find(|f| f.name() == name)
                .ok_or_else(|| format!("line {}: unknown feature `{name}`", i + 1))?;
            &mut weights[*f as usize]
        };
        if slot.replace(w).is_some() {
            return Err(format!("line {}: `{name}` twice", i + 1));
        }
    }
    let mut out = [0.0; N_FEATURES];
    for (f, w) in Feature::ALL.iter().zip(weights) {
        out[*f as usize] = w.ok_or_else(|| format!("no weight for `{}`", f.name()))?;
    }
    Ok(Weights {
        bias: bias.ok_or("no <bias> line")?,
        weights: out,
    })
}

/// The shipped weights.
pub fn weights() -> &'static Weights {
    static W: LazyLock<Weights> = LazyLock::new(|| {
        parse_weights(WEIGHTS_TSV).unwrap_or(Weights {
            bias: 0.0,
            weights: [0.0; N_FEATURES],
        })
    });
    &W
}

impl Weights {
    /// The linear score of `cues` and each cue's contribution (`weight · value`; cues whose weight is 0 are
    /// left out).
    pub fn linear<'c>(&self, cues: &'c [Cue]) -> (f32, Vec<(&'c Cue, f32)>) {
        let mut z = self.bias;
        let mut parts = Vec::new();
        for c in cues {
            let w = self.weights[c.feature as usize] * c.value;
            if w != 0.0 {
                z += w;
                parts.push((c, w));
            }
        }
        (z, parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_lists_parse_and_exist_in_both_languages() {
        let mut errors = Vec::new();
        for (file, src) in sources() {
            match parse(&file, src) {
                Ok(list) if list.patterns.is_empty() => errors.push(format!("{file}: empty list")),
                Ok(_) => {}
                Err(e) => errors.extend(
                    e.into_iter()
                        .map(|e| format!("{}:{}: {}", e.file, e.line, e.message)),
                ),
            }
        }
        assert!(errors.is_empty(), "cue list errors:\n{}", errors.join("\n"));
    }

    #[test]
    fn shipped_weights_parse_and_name_every_feature() {
        let w = parse_weights(WEIGHTS_TSV).expect("weights");
        assert!(w.bias.is_finite() && w.weights.iter().all(|x| x.is_finite()));
        assert!(
            WEIGHTS_TSV
                .lines()
                .next()
                .is_some_and(|l| l.starts_with('#'))
        );
        assert!(parse_weights("<bias>\t0\n").is_err());
    }

    fn names(text: &str, lang: Lang) -> Vec<&'static str> {
        cues_of(text, lang)
            .iter()
            .map(|c| c.feature.name())
            .collect()
    }

    #[test]
    fn start_features_depend_on_the_position_in_the_sentence() {
        let en = names(
            "Please check the log. Could you please tell me? What is wrong? Why?",
            Lang::En,
        );
        for f in [
            "please-start",
            "please",
            "indirect-request",
            "direct-question",
            "why-start",
            "question-end",
        ] {
            assert!(en.contains(&f), "{f} missing in {en:?}");
        }
        let de = names(
            "Schauen Sie nach. Könnten Sie bitte nachsehen? Danke!",
            Lang::De,
        );
        for f in [
            "imperative-start",
            "indirect-request",
            "please",
            "gratitude",
            "exclamations",
        ] {
            assert!(de.contains(&f), "{f} missing in {de:?}");
        }
        assert!(!de.contains(&"please-start"));
        // a formal imperative is an order, the same words as a question are not
        let de = names("Schicken Sie uns die Nummer.", Lang::De);
        assert!(de.contains(&"imperative-start"), "{de:?}");
        let de = names("Schicken Sie uns die Nummer?", Lang::De);
        assert!(!de.contains(&"imperative-start"), "{de:?}");
        // a capitalised Sie form is the second person, inside and at the start
        let de = names(
            "Sie haben das falsch verstanden, wir helfen Ihnen.",
            Lang::De,
        );
        assert!(de.contains(&"second-start") && de.contains(&"second-person"));
        assert!(de.contains(&"negative") && de.contains(&"first-plural"));
    }

    #[test]
    fn spans_point_at_the_cue_words() {
        let text = "Hi there, sorry – by the way, I think you're right!";
        for c in cues_of(text, Lang::En) {
            let s = c.span.slice(text);
            match c.feature {
                F::Greeting => assert_eq!(s, "Hi"),
                F::Apology => assert_eq!(s, "sorry"),
                F::ByTheWay => assert_eq!(s, "by the way"),
                F::Hedge => assert_eq!(s, "I think"),
                F::Exclamations => assert_eq!(s, "!"),
                F::Length => assert_eq!(s, text),
                _ => {}
            }
            assert!(c.id().starts_with(&format!("respect:{}", c.feature.name())));
        }
        assert!(cues_of("", Lang::De).is_empty());
    }
}
