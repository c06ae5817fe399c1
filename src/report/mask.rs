//! Personal data in a report, masked: every phone number, e-mail address, order / customer number, IBAN and
//! street address that [`crate::pii`] finds in a comment becomes a placeholder naming its kind
//! ("[Telefonnummer]", "[phone number]"), and the evidence spans move with the text so that highlights still
//! cover the same words.

use crate::model::{Analysis, Lang, Span};
use crate::pii;

use super::Report;

/// The placeholder for one kind of personal data.
pub fn placeholder(kind: &str, lang: Lang) -> &'static str {
    let de = lang == Lang::De;
    match (kind, de) {
        ("phone", true) => "[Telefonnummer]",
        ("phone", false) => "[phone number]",
        ("email", true) => "[E-Mail-Adresse]",
        ("email", false) => "[e-mail address]",
        ("iban", _) => "[IBAN]",
        ("order_number", true) => "[Bestell-/Kundennummer]",
        ("order_number", false) => "[order/customer number]",
        ("street_address", true) => "[Anschrift]",
        ("street_address", false) => "[address]",
        (_, true) => "[persönliche Daten]",
        (_, false) => "[personal data]",
    }
}

/// One replaced stretch: its byte range in the original text and in the masked one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Edit {
    old: Span,
    new: Span,
}

/// A text with its personal data replaced, and where.
struct Masked {
    text: String,
    edits: Vec<Edit>,
}

impl Masked {
    fn new(text: &str, lang: Lang) -> Self {
        let mut out = String::with_capacity(text.len());
        let mut edits = Vec::new();
        let mut pos = 0;
        for (kind, sp) in pii::find(text) {
            let (Some(before), true) = (text.get(pos..sp.start), text.is_char_boundary(sp.end))
            else {
                continue;
            };
            out.push_str(before);
            let start = out.len();
            out.push_str(placeholder(kind, lang));
            edits.push(Edit {
                old: sp,
                new: Span::new(start, out.len()),
            });
            pos = sp.end;
        }
        out.push_str(text.get(pos..).unwrap_or(""));
        Masked { text: out, edits }
    }

    /// Where a byte offset of the original text lands in the masked one: inside a replaced stretch, at the
    /// placeholder's start (`end == false`) or end (`end == true`).
    fn map(&self, pos: usize, end: bool) -> usize {
        let mut shift: isize = 0;
        for e in &self.edits {
            let inside = if end {
                e.old.start < pos && pos <= e.old.end
            } else {
                e.old.start <= pos && pos < e.old.end
            };
            if inside {
                return if end { e.new.end } else { e.new.start };
            }
            if e.old.end <= pos {
                shift = e.new.end as isize - e.old.end as isize;
            } else {
                break;
            }
        }
        (pos as isize + shift).max(0) as usize
    }

    fn span(&self, sp: Span) -> Span {
        let start = self.map(sp.start, false);
        Span::new(start, self.map(sp.end, true).max(start))
    }
}

/// `text` with its personal data replaced; how many stretches were replaced.
pub fn mask_text(text: &str, lang: Lang) -> (String, usize) {
    let m = Masked::new(text, lang);
    (m.text, m.edits.len())
}

/// Masks a comment's text and moves its evidence with it; the reasons' messages quote the masked words.
/// Returns how many stretches were replaced.
fn mask_comment(text: &mut String, a: Option<&mut Analysis>, lang: Lang) -> usize {
    let m = Masked::new(text, lang);
    if m.edits.is_empty() {
        return 0;
    }
    if let Some(a) = a {
        let old: Vec<Span> = a.evidence.iter().map(|e| e.span).collect();
        for e in &mut a.evidence {
            e.span = m.span(e.span);
        }
        for r in &mut a.criticality.reasons {
            // a reason quotes the words of its evidence: quote the masked words instead
            for &i in &r.evidence {
                let (Some(&o), Some(e)) = (old.get(i), a.evidence.get(i)) else {
                    continue;
                };
                let (Some(was), Some(now)) = (
                    text.get(o.start..o.end),
                    m.text.get(e.span.start..e.span.end),
                ) else {
                    continue;
                };
                let (was, now) = (was.trim(), now.trim());
                if !was.is_empty() && was != now {
                    r.message = r.message.replace(was, now);
                }
            }
            for e in &m.edits {
                if let (Some(was), Some(now)) = (
                    text.get(e.old.start..e.old.end),
                    m.text.get(e.new.start..e.new.end),
                ) {
                    r.message = r.message.replace(was, now);
                }
            }
            r.message = mask_text(&r.message, lang).0;
        }
    }
    let n = m.edits.len();
    *text = m.text;
    n
}

/// The report with its personal data masked; `masked_personal_data` counts the stretches replaced.
pub fn masked(r: &Report) -> Report {
    let lang = r.lang();
    let mut r = r.clone();
    let mut n = 0;
    let s = &mut r.summary;
    for c in &mut s.top_comments {
        n += mask_comment(&mut c.text, Some(&mut c.analysis), lang);
    }
    for issue in &mut s.recurring {
        issue.label = mask_text(&issue.label, lang).0;
        for t in &mut issue.terms {
            *t = mask_text(t, lang).0;
        }
        for e in &mut issue.examples {
            let masked = mask_comment(&mut e.text, None, lang);
            // a comment shown twice counts once
            if !s.top_comments.iter().any(|c| c.id == e.id) {
                n += masked;
            }
        }
    }
    for reason in &mut s.reasons {
        reason.message = mask_text(&reason.message, lang).0;
    }
    for a in &mut s.actions {
        a.message = mask_text(&a.message, lang).0;
    }
    for p in &mut r.management_summary {
        *p = mask_text(p, lang).0;
    }
    for k in &mut r.skipped_rows {
        k.reason = mask_text(&k.reason, lang).0;
    }
    r.masked_personal_data = n as u64;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_move_with_the_text() {
        let text = "Ruft an: 0171 2345678 sofort, oder mail an anna.beispiel@example.org!";
        let m = Masked::new(text, Lang::De);
        assert_eq!(
            m.text,
            "Ruft an: [Telefonnummer] sofort, oder mail an [E-Mail-Adresse]!"
        );
        // a word after the first replacement
        let sofort = text.find("sofort").unwrap();
        let sp = m.span(Span::new(sofort, sofort + 6));
        assert_eq!(sp.slice(&m.text), "sofort");
        // a span inside, and one reaching into, a replaced stretch cover the placeholder
        let phone = text.find("2345678").unwrap();
        assert_eq!(
            m.span(Span::new(phone, phone + 3)).slice(&m.text),
            "[Telefonnummer]"
        );
        let an = text.find("an:").unwrap();
        assert_eq!(
            m.span(Span::new(an, phone + 2)).slice(&m.text),
            "an: [Telefonnummer]"
        );
        assert_eq!(m.span(Span::new(0, 4)).slice(&m.text), "Ruft");
    }

    #[test]
    fn text_without_personal_data_stays() {
        assert_eq!(
            mask_text("Seit 3 Wochen kein Paket!", Lang::En),
            ("Seit 3 Wochen kein Paket!".to_string(), 0)
        );
    }
}
