//! Personal data written in a public comment: e-mail addresses, phone numbers, IBANs, order / customer /
//! tracking numbers and street addresses. Found by shape, in one pass; a hit recommends the private channel.

use crate::model::Span;

/// Street-name endings that make "Name 12" an address. Folded forms.
const STREET_ENDINGS: [&str; 10] = [
    "strasse", "str", "weg", "allee", "platz", "gasse", "ring", "damm", "street", "road",
];

/// Kinds and spans of personal data in `text`, in order.
pub fn find(text: &str) -> Vec<(&'static str, Span)> {
    let mut out = Vec::new();
    // every kind below needs a digit or an @: most comments have neither
    if !text.bytes().any(|c| c.is_ascii_digit() || c == b'@') {
        return out;
    }
    let b = text.as_bytes();
    // whitespace-separated chunks
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let s = i;
        while i < b.len() && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i > s {
            chunks.push((s, i));
        }
    }
    let mut k = 0;
    while k < chunks.len() {
        let (s, e) = chunks[k];
        let chunk = &text[s..e];
        let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        let e2 = s + trimmed.len();
        if is_email(trimmed) {
            out.push(("email", Span::new(s, e2)));
            k += 1;
            continue;
        }
        if is_iban(trimmed) {
            out.push(("iban", Span::new(s, e2)));
            k += 1;
            continue;
        }
        // IBAN written in groups of four: "DE89 3704 0044 0532 0130 00"
        if trimmed.len() == 4
            && trimmed.as_bytes()[..2].iter().all(u8::is_ascii_alphabetic)
            && trimmed.as_bytes()[2..].iter().all(u8::is_ascii_digit)
        {
            let mut joined = trimmed.to_string();
            let mut j = k + 1;
            while j < chunks.len() && j < k + 9 {
                let c = &text[chunks[j].0..chunks[j].1];
                let c = c.trim_end_matches(['.', ',', ';']);
                if c.len() > 4 || !c.bytes().all(|x| x.is_ascii_alphanumeric()) {
                    break;
                }
                joined.push_str(c);
                j += 1;
            }
            if is_iban(&joined) {
                out.push(("iban", Span::new(s, chunks[j - 1].1)));
                k = j;
                continue;
            }
        }
        // phone numbers: digits with spaces, dashes, slashes, a leading + or 0; 8–15 digits over ≤ 5 chunks
        if starts_phone(trimmed) {
            let mut digits = 0;
            let mut j = k;
            let mut end = s;
            while j < chunks.len() && j < k + 5 {
                let c = &text[chunks[j].0..chunks[j].1];
                let c = c.trim_end_matches(['.', ',', ';', ':', ')']);
                if c.is_empty()
                    || !c
                        .chars()
                        .all(|x| x.is_ascii_digit() || matches!(x, '+' | '-' | '/' | '(' | ')'))
                {
                    break;
                }
                digits += c.bytes().filter(u8::is_ascii_digit).count();
                end = chunks[j].0 + c.len();
                j += 1;
                if digits >= 15 {
                    break;
                }
            }
            if (8..=15).contains(&digits) && (trimmed.starts_with('+') || trimmed.starts_with('0'))
            {
                out.push(("phone", Span::new(s, end)));
                k = j;
                continue;
            }
        }
        // order / customer / tracking numbers: a run of ≥ 6 digits, possibly with a letter prefix (AB-123456)
        let core = trimmed.trim_start_matches(['#', '(']);
        let digits = core.bytes().filter(u8::is_ascii_digit).count();
        let letters = core.bytes().filter(u8::is_ascii_alphabetic).count();
        let others = core.len() - digits - letters;
        if digits >= 6
            && letters <= 4
            && others <= 2
            && core
                .bytes()
                .all(|x| x.is_ascii_alphanumeric() || x == b'-' || x == b'/')
            && !looks_like_date_or_money(core)
        {
            out.push(("order_number", Span::new(e2 - core.len(), e2)));
            k += 1;
            continue;
        }
        // street address: "Musterstraße 12" / "Hauptstr. 5a" (only looked at when a number follows)
        let next_is_number = chunks
            .get(k + 1)
            .is_some_and(|&(ns, _)| b[ns].is_ascii_digit());
        if next_is_number && trimmed.len() > 4 && trimmed.ends_with(|c: char| c.is_alphabetic()) {
            let folded = crate::text::fold(trimmed);
            if STREET_ENDINGS
                .iter()
                .any(|end| folded.len() > end.len() + 2 && folded.ends_with(end))
                && let Some(&(ns, ne)) = chunks.get(k + 1)
            {
                let num = text[ns..ne].trim_end_matches([',', '.']);
                if !num.is_empty()
                    && num.len() <= 4
                    && num.bytes().filter(u8::is_ascii_alphabetic).count() <= 1
                {
                    out.push(("street_address", Span::new(s, ns + num.len())));
                    k += 2;
                    continue;
                }
            }
        }
        k += 1;
    }
    out
}

fn is_email(s: &str) -> bool {
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && user
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

fn is_iban(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 15
        && b.len() <= 34
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_alphanumeric)
        && b[4..].iter().filter(|c| c.is_ascii_digit()).count() >= 10
}

fn starts_phone(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        Some(b'+') => b.get(1).is_some_and(u8::is_ascii_digit),
        Some(b'0') => {
            b.len() >= 3
                && b.iter()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'/' | b'(' | b')'))
        }
        _ => false,
    }
}

fn looks_like_date_or_money(s: &str) -> bool {
    // 21.11.2026 is handled by the chunk trimming; 2026-11-21 and 1.000.000 are not order numbers, nor are
    // sizes and resolutions (1920x1080, 40x60)
    s.matches('-').count() == 2 && s.len() == 10 || s.contains('.') || is_dimension(s)
}

/// Digits, an "x" and digits: a size or a screen resolution.
fn is_dimension(s: &str) -> bool {
    s.split_once(['x', 'X']).is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        find(text)
            .into_iter()
            .map(|(k, s)| (k, s.slice(text).to_string()))
            .collect()
    }

    #[test]
    fn sizes_and_resolutions_are_no_order_numbers() {
        assert!(kinds("Unterstützt das Display 1920x1080?").is_empty());
        assert!(kinds("Does the display support 1920x1080?").is_empty());
        assert_eq!(kinds("Bestellung 4711234")[0].0, "order_number");
    }

    #[test]
    fn finds_personal_data_in_german_and_english() {
        assert_eq!(
            kinds("Schreibt mir an erika.muster@example.de bitte"),
            [("email", "erika.muster@example.de".to_string())]
        );
        assert_eq!(
            kinds("Meine Bestellnummer ist 40012345."),
            [("order_number", "40012345".to_string())]
        );
        assert_eq!(
            kinds("Ruft mich an: 0171 2345678"),
            [("phone", "0171 2345678".to_string())]
        );
        assert_eq!(
            kinds("IBAN DE89 3704 0044 0532 0130 00 danke"),
            [("iban", "DE89 3704 0044 0532 0130 00".to_string())]
        );
        assert_eq!(
            kinds("I live at 12 Baker Street, my order #A-778812"),
            [("order_number", "A-778812".to_string())]
        );
        assert_eq!(
            kinds("Lieferung an Musterstraße 12a, bitte"),
            [("street_address", "Musterstraße 12a".to_string())]
        );
    }

    #[test]
    fn ordinary_numbers_are_not_personal_data() {
        assert!(find("Seit 3 Wochen warte ich, 2026-11-21, 1.000.000 Leute, 49,99 €").is_empty());
        assert!(find("").is_empty());
        assert!(find("@ a@ @b .@. +").is_empty());
    }
}
