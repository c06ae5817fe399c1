//! Watch words from the settings (product names, campaign terms): whole words or word beginnings.

use crate::model::Span;
use crate::text::{Token, Tokens};

use super::hits::is_wordish;

/// The first place where the folded watch word (or phrase) `folded` occurs.
pub(crate) fn find(tokens: &Tokens, folded: &str) -> Option<Span> {
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
