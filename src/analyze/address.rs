//! du or Sie: how a German comment addresses its reader.

use crate::model::Address;
use crate::text::{TokenKind, Tokens};

/// Sie, Ihnen, Ihr … capitalised inside a sentence: the polite form of address (at a sentence start the
/// capital says nothing).
pub(crate) fn is_polite(norm: &str, raw: &str, first_in_sentence: bool) -> bool {
    matches!(
        norm,
        "sie" | "ihnen" | "ihr" | "ihre" | "ihren" | "ihrem" | "ihrer"
    ) && !first_in_sentence
        && raw.starts_with(|c: char| c.is_uppercase())
}

/// du or Sie, from the pronouns as written (Sie/Ihnen/Ihr capitalised inside a sentence is the polite form).
pub(crate) fn detect(text: &str, tokens: &Tokens) -> Option<Address> {
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
            norm if is_polite(norm, raw, first_in_sentence) => sie += 1,
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
    use crate::text::tokenize;

    #[test]
    fn address_du_and_sie() {
        let mut t = Tokens::default();
        let text = "Können Sie mir sagen, wo Ihr Paket ist?";
        tokenize(text, &mut t);
        assert_eq!(detect(text, &t), Some(Address::Sie));
        let text = "Kannst du mir sagen, wo dein Paket ist?";
        tokenize(text, &mut t);
        assert_eq!(detect(text, &t), Some(Address::Du));
        let text = "Sie haben es nicht geliefert.";
        tokenize(text, &mut t);
        assert_eq!(detect(text, &t), None);
    }
}
