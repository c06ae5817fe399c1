//! Language of a comment, from stopword hits, weaker lexicon hits and umlauts.

use std::sync::LazyLock;

use crate::lexicon::{List, Table};
use crate::model::{Lang, LangGuess};
use crate::params as p;
use crate::text::{TokenKind, Tokens};

use super::hits::Hit;

/// Function words of other languages (`foreign_words.txt`), folded and sorted.
static FOREIGN: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut words: Vec<String> = include_str!("foreign_words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(crate::text::fold)
        .collect();
    words.sort();
    words.dedup();
    words
});

/// A text of at least this many words with at least `FOREIGN_MIN` function words of another language, and
/// more than `FOREIGN_MARGIN` times as many as German and English stopwords, is in another language (an
/// English sentence quoting a Spanish title stays English).
const FOREIGN_MIN_WORDS: usize = 4;
const FOREIGN_MIN: usize = 3;
const FOREIGN_MARGIN: f32 = 1.5;

/// How many of the words of `tokens` are function words of another language.
fn foreign_words(tokens: &Tokens) -> usize {
    tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter(|t| {
            FOREIGN
                .binary_search_by(|w| w.as_str().cmp(tokens.norm_of(t)))
                .is_ok()
        })
        .count()
}

/// Language from stopword hits and umlauts; another language when its function words clearly outnumber
/// German and English stopwords.
pub(crate) fn detect(tokens: &Tokens, hits: &[Hit]) -> LangGuess {
    let (mut de, mut en) = (0.0f32, 0.0f32);
    let mut weak = (0.0f32, 0.0f32);
    for h in hits {
        if matches!(h.list, List::Cue(_) | List::Hate(_)) {
            continue; // context cues and hate parts are not language cues
        }
        let (strong, lang) = (h.list == List::Stopword, h.table);
        let w = if strong { 1.0 } else { 0.25 };
        match (lang, strong) {
            (Table::De, true) => de += w,
            (Table::En, true) => en += w,
            (Table::De, false) => weak.0 += w,
            (Table::En, false) => weak.1 += w,
            _ => {}
        }
    }
    let words = tokens
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count();
    // another language: checked only when German and English stopwords are few for the length
    if words >= FOREIGN_MIN_WORDS && de + en < words as f32 / 3.0 {
        let foreign = foreign_words(tokens);
        if foreign >= FOREIGN_MIN && foreign as f32 > FOREIGN_MARGIN * (de + en) {
            let share = foreign as f32 / (foreign as f32 + de + en);
            return LangGuess {
                code: Lang::Other,
                confidence: share.clamp(0.5, 1.0),
            };
        }
    }
    if tokens.has_umlaut {
        de += p::UMLAUT_CUE;
    }
    de += weak.0.min(1.5);
    en += weak.1.min(1.5);
    let total = de + en;
    let words = words as f32;
    if total < p::LANG_MIN_HITS {
        let latin = tokens
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .all(|t| tokens.norm_of(t).is_ascii());
        // a headline without function words ("Heftige Kritik am Stromanbieter", "Commuters lament constant
        // cancellations"): the one table with lexicon hits, if only one has them
        let one_table = (weak.0 > 0.0) != (weak.1 > 0.0);
        if (words >= 4.0 && !one_table) || !latin {
            return LangGuess {
                code: Lang::Other,
                confidence: 0.5,
            };
        }
        // short texts ("outstanding!", "Super!"): the table with more lexicon hits; German when undecided
        let code = if en > de { Lang::En } else { Lang::De };
        return LangGuess {
            code,
            confidence: 0.2,
        };
    }
    let (code, win) = if de >= en {
        (Lang::De, de)
    } else {
        (Lang::En, en)
    };
    let confidence = ((win / total) * (1.0 - (-total / 3.0).exp())).clamp(0.0, 1.0);
    LangGuess { code, confidence }
}
