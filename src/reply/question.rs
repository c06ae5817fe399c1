//! What a question to the company asks about, so that a suggested reply can name it: "Ob wir nach Kanada
//! liefern, …", "Whether it comes in XL: …". Read from the comment's text with the `ask_*` lists of the
//! reply lexicon and a few shapes (sizes, weekdays); the named thing is copied from the comment as written.

use crate::model::Lang;
use crate::text::{TokenKind, Tokens, tokenize};

use super::lexicon::{Lex, Words, list};

/// The longest named thing copied into a reply, in characters.
const MAX_OBJECT_CHARS: usize = 40;
/// The most words of a place name ("New South Wales").
const MAX_PLACE_WORDS: usize = 3;

/// What a question asks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asked {
    /// Where the company ships, with the place when the comment names it ("Kanada").
    Shipping(Option<String>),
    /// Opening hours, with the day when the comment names one, as a phrase ("am Sonntag", "on Sunday").
    Hours(Option<String>),
    /// Whether a size exists ("XL", "Größe 42").
    Size(String),
    /// Returning or exchanging something.
    Return,
    /// How to do something.
    HowTo,
    /// Whether something is available.
    Stock,
}

/// Clothing sizes written as letters.
const LETTER_SIZES: [&str; 9] = ["XS", "XXS", "XL", "XXL", "XXXL", "2XL", "3XL", "4XL", "5XL"];
/// Words that introduce a numeric size.
const SIZE_WORDS: [&str; 4] = ["größe", "groesse", "gr", "size"];

/// Days and their phrase in a reply: (word as folded, German phrase, English phrase).
const DAYS: [(&str, &str, &str); 11] = [
    ("montag", "am Montag", "on Monday"),
    ("dienstag", "am Dienstag", "on Tuesday"),
    ("mittwoch", "am Mittwoch", "on Wednesday"),
    ("donnerstag", "am Donnerstag", "on Thursday"),
    ("freitag", "am Freitag", "on Friday"),
    ("samstag", "am Samstag", "on Saturday"),
    ("sonntag", "am Sonntag", "on Sunday"),
    ("wochenende", "am Wochenende", "at the weekend"),
    ("feiertag", "am Feiertag", "on the holiday"),
    ("feiertagen", "an Feiertagen", "on holidays"),
    ("heiligabend", "an Heiligabend", "on Christmas Eve"),
];
const EN_DAYS: [(&str, usize); 9] = [
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
    ("weekend", 7),
    ("holidays", 9),
];

/// What `comment` (a question to the company in `lang`) asks about, if it is one of the known kinds.
pub fn asked(comment: &str, lang: Lang) -> Option<Asked> {
    let lang = if lang == Lang::En { Lang::En } else { Lang::De };
    let mut tokens = Tokens::default();
    tokenize(comment, &mut tokens);
    let words = Words::new(comment, &tokens);
    let has = |lex: Lex| !words.find(list(lex, lang)).is_empty();
    if let Some(m) = words.find(list(Lex::AskShipping, lang)).first() {
        return Some(Asked::Shipping(place_after(comment, m.span.end)));
    }
    if has(Lex::AskHours) {
        return Some(Asked::Hours(day(&tokens, lang)));
    }
    if let Some(size) = size(comment, &tokens) {
        return Some(Asked::Size(size));
    }
    [
        (Lex::AskHowTo, Asked::HowTo),
        (Lex::AskReturn, Asked::Return),
        (Lex::AskStock, Asked::Stock),
    ]
    .into_iter()
    .find(|(lex, _)| has(*lex))
    .map(|(_, kind)| kind)
}

/// The capitalised words right after `at` ("Kanada", "the UK", "New Zealand"), as written.
fn place_after(text: &str, at: usize) -> Option<String> {
    let rest = text.get(at..)?;
    let mut words: Vec<&str> = Vec::new();
    for raw in rest.split_whitespace() {
        let w = raw.trim_end_matches(|c: char| !c.is_alphanumeric());
        let leading_article = words.is_empty() && matches!(w, "the" | "die" | "den");
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if w.is_empty() || !(capital || leading_article) || w.contains(['@', '/', '#']) {
            break;
        }
        words.push(w);
        if words.len() > MAX_PLACE_WORDS || w.len() != raw.len() {
            break;
        }
    }
    if words
        .first()
        .is_some_and(|w| matches!(*w, "the" | "die" | "den"))
        && words.len() == 1
    {
        return None;
    }
    clean(&words.join(" "))
}

/// A size named in the comment: a letter size ("XL") or a number after "Größe" / "size".
fn size(text: &str, tokens: &Tokens) -> Option<String> {
    let words: Vec<_> = tokens
        .tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .collect();
    for (i, t) in words.iter().enumerate() {
        let raw = t.span.slice(text);
        if LETTER_SIZES.contains(&raw) {
            return clean(raw);
        }
        if SIZE_WORDS.contains(&tokens.norm_of(t))
            && let Some(n) = words.get(i + 1).filter(|n| n.kind == TokenKind::Number)
        {
            return clean(&format!("{raw} {}", n.span.slice(text)));
        }
    }
    None
}

/// The day a question about opening hours names, as a phrase in `lang`.
fn day(tokens: &Tokens, lang: Lang) -> Option<String> {
    tokens.tokens.iter().find_map(|t| {
        let n = tokens.norm_of(t);
        let i = DAYS
            .iter()
            .position(|(de, _, _)| *de == n)
            .or_else(|| EN_DAYS.iter().find(|(en, _)| *en == n).map(|(_, i)| *i))?;
        let (_, de, en) = DAYS[i];
        Some(if lang == Lang::En { en } else { de }.to_string())
    })
}

/// Letters, digits, spaces and a few joiners only, at most [`MAX_OBJECT_CHARS`]; `None` when empty.
fn clean(s: &str) -> Option<String> {
    let kept: String = s
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\''))
        .take(MAX_OBJECT_CHARS)
        .collect();
    let kept = kept.trim();
    (!kept.is_empty()).then(|| kept.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_is_asked_in_both_languages() {
        let cases = [
            (
                "@ShopCrate Do you ship to Canada",
                Lang::En,
                Asked::Shipping(Some("Canada".into())),
            ),
            (
                "Liefert ihr auch nach Österreich?",
                Lang::De,
                Asked::Shipping(Some("Österreich".into())),
            ),
            (
                "Do you ship to the UK?",
                Lang::En,
                Asked::Shipping(Some("the UK".into())),
            ),
            (
                "@KaufKiste Ist der Laden am Sonntag geöffnet?",
                Lang::De,
                Asked::Hours(Some("am Sonntag".into())),
            ),
            (
                "@ShopCrate Is the store open on Sunday?",
                Lang::En,
                Asked::Hours(Some("on Sunday".into())),
            ),
            (
                "Kannst du mir sagen, ob es die Jacke auch in XL gibt?",
                Lang::De,
                Asked::Size("XL".into()),
            ),
            (
                "Do you have these boots in size 42?",
                Lang::En,
                Asked::Size("size 42".into()),
            ),
            (
                "Wie ändere ich meine Bankverbindung?",
                Lang::De,
                Asked::HowTo,
            ),
            ("How do I change my bank details?", Lang::En, Asked::HowTo),
            (
                "Kann man die Jacke in der Filiale umtauschen?",
                Lang::De,
                Asked::Return,
            ),
            ("Can I return the jacket in store?", Lang::En, Asked::Return),
            (
                "Gibt es die Hafermilch noch im Sortiment?",
                Lang::De,
                Asked::Stock,
            ),
            ("Do you still stock the oat milk?", Lang::En, Asked::Stock),
        ];
        for (text, lang, want) in cases {
            assert_eq!(asked(text, lang), Some(want), "{text}");
        }
    }

    #[test]
    fn other_questions_and_statements_name_nothing() {
        for (text, lang) in [
            ("Warum kostet die Milch seit Montag mehr?", Lang::De),
            ("Why is milk more expensive since Monday?", Lang::En),
            ("Ist das euer Ernst?!", Lang::De),
        ] {
            assert_eq!(asked(text, lang), None, "{text}");
        }
        // a place is only what is written with a capital; nothing odd is copied
        assert_eq!(
            asked("Do you ship to <script>?", Lang::En),
            Some(Asked::Shipping(None))
        );
    }
}
