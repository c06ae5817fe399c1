//! Personal data written in a public comment: e-mail addresses, phone numbers, IBANs, order / customer /
//! tracking numbers and street addresses. Found by shape, in one pass; a hit recommends the private channel.

use crate::model::Span;

/// Street-name endings that make "Name 12" an address. Folded forms.
const STREET_ENDINGS: [&str; 10] = [
    "strasse", "str", "weg", "allee", "platz", "gasse", "ring", "damm", "street", "road",
];

/// Words that announce an order, customer, contract or invoice number (folded, letters and digits only):
/// "Bestellnummer 58213", "Kunden-Nr. 58213", "order #4711", "customer number 55102".
const NUMBER_WORDS: [&str; 33] = [
    "bestellnummer",
    "bestellnr",
    "bestellung",
    "bestell",
    "kundennummer",
    "kundennr",
    "kunden",
    "kundenkonto",
    "vertragsnummer",
    "vertragsnr",
    "vertrag",
    "vertrags",
    "auftragsnummer",
    "auftragsnr",
    "auftrag",
    "auftrags",
    "rechnungsnummer",
    "rechnungsnr",
    "rechnung",
    "sendungsnummer",
    "sendungsnr",
    "mitgliedsnummer",
    "order",
    "ordernumber",
    "customer",
    "contract",
    "invoice",
    "account",
    "tracking",
    "reference",
    "membership",
    "member",
    "ref",
];

/// Words between such a word and its number: "Bestellnummer ist 4711", "order no. 4711", "customer ID: 4711".
const NUMBER_FILLERS: [&str; 12] = [
    "", "ist", "lautet", "is", "nummer", "nr", "number", "no", "num", "id", "hat", "lautete",
];

/// Street-name words that end an English address after its house number: "12 Baker Street". Folded forms.
const EN_STREET_WORDS: [&str; 14] = [
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "way",
    "boulevard",
    "blvd",
    "close",
    "court",
];

fn folded_word(s: &str) -> String {
    crate::text::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A number after an announcing word: 4 or more digits, at most 4 letters, `-` or `/` between; a bare year
/// (1900–2099) is not one.
fn is_announced_number(core: &str) -> bool {
    let digits = core.bytes().filter(u8::is_ascii_digit).count();
    let letters = core.bytes().filter(u8::is_ascii_alphabetic).count();
    let year = core.len() == 4 && digits == 4 && matches!(&core[..2], "19" | "20");
    digits >= 4
        && letters <= 4
        && !year
        && core
            .bytes()
            .all(|x| x.is_ascii_alphanumeric() || x == b'-' || x == b'/')
        && core
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Kinds and spans of personal data in `text`, in order.
pub fn find(text: &str) -> Vec<(&'static str, Span)> {
    let mut out = Vec::new();
    // every kind below needs a digit or an @: most comments have neither
    if !text.bytes().any(|c| c.is_ascii_digit() || c == b'@') {
        return out;
    }
    let b = text.as_bytes();
    // whitespace-separated chunks, and which of them hold 4 or more digits
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut four_digits: Vec<bool> = Vec::new();
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
            four_digits.push(b[s..i].iter().filter(|c| c.is_ascii_digit()).count() >= 4);
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
        // North American numbers: "(706)614-7640", "(706) 614-7640", "706-614-7640"
        if let Some((used, end)) = north_american_phone(text, &chunks[k..]) {
            out.push(("phone", Span::new(s, end)));
            k += used;
            continue;
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
        // a number announced as an order, customer or contract number: "Kundennummer: 58213", "order #4711"
        // (only short words starting with a letter and followed by a number within three chunks are looked
        // up: the folding allocates)
        if trimmed.len() <= 20
            && trimmed
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_alphabetic)
            && four_digits[k + 1..].iter().take(3).any(|&d| d)
            && NUMBER_WORDS.contains(&folded_word(trimmed).as_str())
        {
            let mut j = k + 1;
            let mut found = None;
            while j < chunks.len() && j <= k + 3 {
                let c = &text[chunks[j].0..chunks[j].1];
                let c = c.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
                let core = c.trim_start_matches(['#', '(', ':']);
                if is_announced_number(core) {
                    found = Some((
                        j,
                        Span::new(chunks[j].0 + (c.len() - core.len()), chunks[j].0 + c.len()),
                    ));
                    break;
                }
                if !NUMBER_FILLERS.contains(&folded_word(c).as_str()) {
                    break;
                }
                j += 1;
            }
            if let Some((j, span)) = found {
                out.push(("order_number", span));
                k = j + 1;
                continue;
            }
        }
        // an English address, house number first: "12 Baker Street", "221b Baker St."
        if trimmed.len() <= 4
            && trimmed.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && trimmed.bytes().filter(u8::is_ascii_alphabetic).count() <= 1
            && trimmed.bytes().all(|x| x.is_ascii_alphanumeric())
        {
            let mut j = k + 1;
            let mut end = None;
            while j < chunks.len() && j <= k + 3 {
                let c = &text[chunks[j].0..chunks[j].1];
                let c = c.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
                if !c.chars().next().is_some_and(char::is_uppercase) {
                    break;
                }
                if j > k + 1 && EN_STREET_WORDS.contains(&folded_word(c).as_str()) {
                    end = Some((j, chunks[j].0 + c.len()));
                    break;
                }
                j += 1;
            }
            if let Some((j, end)) = end {
                out.push(("street_address", Span::new(s, end)));
                k = j + 1;
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
                    // with the postcode and town that follow: "Musterstraße 12, 12345 Musterstadt"
                    let postcode =
                        chunks
                            .get(k + 2)
                            .zip(chunks.get(k + 3))
                            .filter(|((ps, pe), (ts, _))| {
                                let code = text[*ps..*pe].trim_end_matches(',');
                                code.len() == 5
                                    && code.bytes().all(|x| x.is_ascii_digit())
                                    && text[*ts..].chars().next().is_some_and(char::is_uppercase)
                            });
                    if let Some((_, &(ts, te))) = postcode {
                        let town =
                            text[ts..te].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
                        out.push(("street_address", Span::new(s, ts + town.len())));
                        k += 4;
                    } else {
                        out.push(("street_address", Span::new(s, ns + num.len())));
                        k += 2;
                    }
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

/// The digits-and-dashes shape `ddd-dddd` of `s`, with `n` digits before the dash.
fn dashed(s: &[u8], n: usize) -> bool {
    s.len() == n + 5
        && s[n] == b'-'
        && s[..n].iter().all(u8::is_ascii_digit)
        && s[n + 1..].iter().all(u8::is_ascii_digit)
}

/// A North American phone number at the first of `chunks` (byte ranges of `text`): how many chunks it takes
/// and where it ends. The 3-3-4 grouping with an area code in brackets or a dash is not a date, price or order
/// number.
fn north_american_phone(text: &str, chunks: &[(usize, usize)]) -> Option<(usize, usize)> {
    let chunk = |i: usize| {
        let &(a, b) = chunks.get(i)?;
        Some((
            a,
            text[a..b].trim_end_matches(['.', ',', ';', ':', '!', '?']),
        ))
    };
    let (start, first) = chunk(0)?;
    let b = first.as_bytes();
    let area =
        b.len() >= 5 && b[0] == b'(' && b[4] == b')' && b[1..4].iter().all(u8::is_ascii_digit);
    if area && b.len() == 5 {
        // (706) 614-7640
        let (at, n) = chunk(1)?;
        return dashed(n.as_bytes(), 3).then_some((2, at + n.len()));
    }
    let one = (area && dashed(&b[5..], 3)) // (706)614-7640
        || (b.len() == 12 && b[3] == b'-' && b[..3].iter().all(u8::is_ascii_digit) && dashed(&b[4..], 3));
    one.then_some((1, start + first.len()))
}

/// A range of years ("2026-2027", "1999/2000"): a season or period, not an order number.
fn is_year_range(s: &str) -> bool {
    let year = |y: &[u8]| {
        y.len() == 4 && y.iter().all(u8::is_ascii_digit) && matches!(&y[..2], b"19" | b"20")
    };
    let b = s.as_bytes();
    b.len() == 9 && matches!(b[4], b'-' | b'/') && year(&b[..4]) && year(&b[5..])
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
    s.matches('-').count() == 2 && s.len() == 10
        || s.contains('.')
        || is_dimension(s)
        || is_year_range(s)
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
            kinds("Call me tomorrow 3:00 pm (706)614-7640"),
            [("phone", "(706)614-7640".to_string())]
        );
        assert_eq!(
            kinds("my number is (706) 614-7640, thanks"),
            [("phone", "(706) 614-7640".to_string())]
        );
        assert_eq!(
            kinds("Meine Nummer in Kanada: 416-555-0199."),
            [("phone", "416-555-0199".to_string())]
        );
        assert_eq!(
            kinds("IBAN DE89 3704 0044 0532 0130 00 danke"),
            [("iban", "DE89 3704 0044 0532 0130 00".to_string())]
        );
        assert_eq!(
            kinds("I live at 12 Baker Street, my order #A-778812"),
            [
                ("street_address", "12 Baker Street".to_string()),
                ("order_number", "A-778812".to_string())
            ]
        );
        assert_eq!(
            kinds("Lieferung an Musterstraße 12a, bitte"),
            [("street_address", "Musterstraße 12a".to_string())]
        );
    }

    #[test]
    fn announced_order_and_customer_numbers_in_german_and_english() {
        for (text, number) in [
            (
                "Meine Bestellnummer 4711-2231 ist seit Wochen nicht da!",
                "4711-2231",
            ),
            ("My order #123456789 never arrived!", "123456789"),
            ("Kundennummer: 58213, bitte melden", "58213"),
            ("My customer number is 55102, call me", "55102"),
            ("Bestell-Nr. 88123 fehlt", "88123"),
            ("order no. 4711 is late", "4711"),
            ("Vertragsnummer V-2026-11873 gekündigt", "V-2026-11873"),
            ("Contract ID: 99120 cancelled", "99120"),
        ] {
            assert_eq!(
                kinds(text),
                [("order_number", number.to_string())],
                "{text}"
            );
        }
        // the same words with a year, a count or nothing after them
        for text in [
            "Meine Bestellung von 2025 kam nie an",
            "Bestellung 2026 war noch gut",
            "My order from 2024 was fine",
            "I placed an order 3 weeks ago",
            "Kundennummer? Habe ich nicht.",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn addresses_with_house_number_first_or_postcode() {
        assert_eq!(
            kinds("Send it to 221b Baker St. please"),
            [("street_address", "221b Baker St".to_string())]
        );
        assert_eq!(
            kinds("Lieferung an Hauptstraße 5, 10115 Berlin bitte"),
            [("street_address", "Hauptstraße 5, 10115 Berlin".to_string())]
        );
        // a count before capitalised words is no address
        assert!(kinds("I waited 3 Weeks For Nothing").is_empty());
        assert!(kinds("Wir waren 12 Leute am Platz").is_empty());
    }

    #[test]
    fn ordinary_numbers_are_not_personal_data() {
        assert!(find("Seit 3 Wochen warte ich, 2026-11-21, 1.000.000 Leute, 49,99 €").is_empty());
        // other groupings of digits and dashes are no phone number
        assert!(find("Spiel 2026-2027, Ergebnis 3-1, (12)34-5678").is_empty());
        assert!(find("").is_empty());
        assert!(find("@ a@ @b .@. +").is_empty());
    }

    #[test]
    fn punctuation_alone_and_cut_shapes_are_no_trouble() {
        for text in [
            "... 12 ...",
            "12 ! Baker",
            "order : # 4711",
            "Hauptstraße 5, 10115",
            "12 Baker",
            "#",
            "- 1 -",
            "Bestellnummer",
            "Kundennummer: ",
            "221b",
            "Lindenweg 7, 12345 ",
        ] {
            let _ = find(text);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod never_panics {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn find_never_panics(s in "[0-9A-Za-zäöüß@#:.,!?/()+ -]{0,60}") {
            let _ = super::find(&s);
        }

        #[test]
        fn find_never_panics_on_any_text(s in ".{0,60}") {
            let _ = super::find(&s);
        }
    }
}
