use super::Rule;
use crate::model::Span;
use crate::reply::draft::{Draft, fix};
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};
use crate::text::fold;

/// Shortest brand key (letters and digits) that gets a fuzzy check: shorter names collide with words.
const MIN_FUZZY_LEN: usize = 5;
/// Most edits between a written name and the brand's name that still count as a misspelling of it.
const MAX_EDITS: usize = 2;

/// ## What it does
/// Flags the company's name written differently from the brand voice: other case or hyphenation
/// ("Mueller-Versand" for "Müller Versand") or a misspelling ("Müler Versand"). Accepted aliases are
/// fine. Needs `company` in the brand voice.
///
/// ## Why is this bad?
/// A company that misspells its own name looks careless – and in a crisis, careless is the last impression
/// to give. Consistent spelling is also what makes the brand findable.
///
/// ## Example
/// ```text
/// (brand: "Müller Versand") Your team at Mueller-Versand
/// ```
///
/// ## Use instead
/// ```text
/// Your team at Müller Versand
/// ```
///
/// ## Was es findet
/// Den Firmennamen anders geschrieben als in der Markenstimme: andere Groß-/Kleinschreibung oder
/// Bindestriche („Mueller-Versand“ statt „Müller Versand“) oder ein Tippfehler („Müler Versand“). Erlaubte
/// Aliasse sind in Ordnung. Braucht `company` in der Markenstimme.
///
/// ## Warum ist das schlecht?
/// Ein Unternehmen, das den eigenen Namen falsch schreibt, wirkt nachlässig – und nachlässig ist in der Krise
/// der schlechteste Eindruck. Einheitliche Schreibung macht die Marke auch auffindbar.
///
/// ## Beispiel
/// ```text
/// (Marke: „Müller Versand“) Ihr Team von Mueller-Versand
/// ```
///
/// ## Besser
/// ```text
/// Ihr Team von Müller Versand
/// ```
pub struct WrongBrandName;

fn key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Rule for WrongBrandName {
    fn id(&self) -> &'static str {
        "wrong-brand-name"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Brand
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let company = ctx.voice.company.trim();
        if company.is_empty() {
            return Vec::new();
        }
        let canon = key(company);
        if canon.is_empty() {
            return Vec::new();
        }
        let accepted: Vec<&str> = std::iter::once(company)
            .chain(ctx.voice.aliases.iter().map(|s| s.trim()))
            .collect();
        let accepted_keys: Vec<String> = accepted.iter().map(|s| key(s)).collect();
        let n = company.split_whitespace().count().max(1);
        let words = draft.words();
        let mut out: Vec<Lint> = Vec::new();
        let mut i = 0;
        'outer: while i < words.len() {
            for len in [n + 1, n, n.saturating_sub(1)] {
                if len == 0 || i + len > words.len() {
                    continue;
                }
                let (Some(a), Some(b)) = (words.token(i), words.token(i + len - 1)) else {
                    continue;
                };
                if a.sentence != b.sentence {
                    continue;
                }
                let span = Span::new(a.span.start, b.span.end);
                let raw = span.slice(draft.text);
                let k = key(raw);
                if accepted.contains(&raw) || accepted_keys.iter().any(|a| *a != canon && *a == k) {
                    i += len;
                    continue 'outer;
                }
                let genitive = k.strip_suffix('s').is_some_and(|s| s == canon);
                let same = k == canon;
                let close = len == n
                    && !same
                    && !genitive
                    && canon.chars().count() >= MIN_FUZZY_LEN
                    && k.chars().count().abs_diff(canon.chars().count()) <= MAX_EDITS
                    && edits(&k, &canon) <= MAX_EDITS;
                if genitive || !(same || close) {
                    continue;
                }
                let mut l = draft.lint(
                    self,
                    span,
                    &format!("„{raw}“ – der Firmenname wird „{company}“ geschrieben."),
                    &format!("\"{raw}\" – the company's name is written \"{company}\"."),
                );
                l.fixes.push(fix(
                    draft.msg(
                        &format!("„{company}“ schreiben"),
                        &format!("Write \"{company}\""),
                    ),
                    span,
                    company,
                    if same {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                ));
                out.push(l);
                i += len;
                continue 'outer;
            }
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::BrandVoice;
    use crate::reply::rules::testing::*;

    fn mueller() -> ReplyContext {
        ctx().with_voice(BrandVoice::new("Müller Versand"))
    }

    #[test]
    fn de_bad() {
        assert_fix_result(
            &WrongBrandName,
            "Ihr Team von Mueller-Versand",
            &mueller(),
            "Ihr Team von Müller Versand",
        );
        assert_lint(&WrongBrandName, "Ihr Team von Müler Versand", &mueller());
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &WrongBrandName,
            "Danke, dass Sie Müller Versand treu bleiben. Ihr Team von Müller Versand",
            &mueller(),
        );
        assert_no_lint(&WrongBrandName, "Ihr Team von Müller Versand", &ctx());
    }
    #[test]
    fn en_bad() {
        let c = ctx().with_voice(BrandVoice::new("Sonnenschein"));
        assert_fix_result(
            &WrongBrandName,
            "Thanks for shopping at Sonenschein!",
            &c,
            "Thanks for shopping at Sonnenschein!",
        );
    }
    #[test]
    fn en_good() {
        let c = ctx().with_voice(BrandVoice::new("Sonnenschein"));
        assert_no_lint(
            &WrongBrandName,
            "Thanks for shopping at Sonnenschein! Sonnenschein's team is on it today.",
            &c,
        );
    }
}
