//! Language of a comment, from stopword hits, weaker lexicon hits and umlauts.

use crate::lexicon::{List, Table};
use crate::model::{Lang, LangGuess};
use crate::params as p;
use crate::text::{TokenKind, Tokens};

use super::hits::Hit;

/// Language from stopword hits and umlauts.
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
