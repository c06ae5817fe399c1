use super::Rule;
use crate::model::Span;
use crate::reply::draft::{Draft, fix};
use crate::reply::{Applicability, Lint, ReplyContext, RuleCategory, Severity};
use crate::text::TokenKind;

/// Words in capitals shorter than this are taken for acronyms (DHL, AGB, IBAN, FAQ).
const MIN_SHOUT_LEN: usize = 5;

/// ## What it does
/// Flags words written in capitals ("we have NEVER said that") and drafts written mostly in capitals.
/// Short all-caps words (DHL, AGB, FAQ) and the brand's own name are taken as acronyms.
///
/// ## Why is this bad?
/// Capitals are shouting. A company that shouts at a customer has lost the argument in the eyes of every
/// reader, even when it is right on the facts.
///
/// ## Example
/// ```text
/// We have NEVER charged twice.
/// ```
///
/// ## Use instead
/// ```text
/// Let's check the double charge together – please send us a direct message.
/// ```
///
/// ## Was es findet
/// Wörter in Großbuchstaben („das haben wir NIE behauptet“) und Entwürfe, die überwiegend in Großbuchstaben
/// geschrieben sind. Kurze Wörter in Großbuchstaben (DHL, AGB, FAQ) und der eigene Markenname gelten als
/// Abkürzungen.
///
/// ## Warum ist das schlecht?
/// Großbuchstaben sind Schreien. Ein Unternehmen, das einen Kunden anschreit, hat in den Augen aller
/// Mitlesenden verloren, selbst wenn es in der Sache recht hat.
///
/// ## Beispiel
/// ```text
/// Wir haben NIEMALS doppelt abgebucht.
/// ```
///
/// ## Besser
/// ```text
/// Lassen Sie uns die doppelte Abbuchung gemeinsam prüfen – bitte schreiben Sie uns eine Direktnachricht.
/// ```
pub struct ShoutingCapitals;

fn lower_like(word: &str, first_upper: bool) -> String {
    let lower = word.to_lowercase();
    if !first_upper {
        return lower;
    }
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => lower,
    }
}

impl Rule for ShoutingCapitals {
    fn id(&self) -> &'static str {
        "shouting-capitals"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let brand: Vec<String> = std::iter::once(ctx.voice.company.as_str())
            .chain(ctx.voice.aliases.iter().map(String::as_str))
            .flat_map(|s| s.split_whitespace())
            .map(crate::text::fold)
            .collect();
        if draft.tokens.mostly_caps() {
            return vec![draft.lint(
                self,
                draft.whole(),
                "Der ganze Entwurf ist in Großbuchstaben – das liest sich wie Schreien.",
                "The whole draft is in capitals – it reads as shouting.",
            )];
        }
        let mut lints = Vec::new();
        let mut prev_sentence = u32::MAX;
        for t in &draft.tokens.tokens {
            let first = t.sentence != prev_sentence;
            if t.kind != TokenKind::Word {
                continue;
            }
            prev_sentence = t.sentence;
            let raw = t.span.slice(draft.text);
            // codes with digits ("BA1441", "ABC123") are not words in capitals
            if !t.caps
                || raw.chars().count() < MIN_SHOUT_LEN
                || raw.chars().any(|c| c.is_ascii_digit())
                || brand.iter().any(|b| b == draft.tokens.norm_of(t))
            {
                continue;
            }
            let span: Span = t.span;
            // German nouns keep their capital; the first word of a sentence too.
            let keep_upper = first || draft.lang == crate::model::Lang::De;
            let mut l = draft.lint(
                self,
                span,
                &format!("„{raw}“ in Großbuchstaben liest sich wie Schreien."),
                &format!("\"{raw}\" in capitals reads as shouting."),
            );
            l.fixes.push(fix(
                draft.msg(
                    "In normaler Schreibung schreiben",
                    "Write it in normal case",
                ),
                span,
                &lower_like(raw, keep_upper),
                Applicability::Unsafe,
            ));
            lints.push(l);
        }
        lints
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::BrandVoice;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_fix_result(
            &ShoutingCapitals,
            "Wir haben NIEMALS doppelt abgebucht.",
            &ctx(),
            "Wir haben Niemals doppelt abgebucht.",
        );
        assert_lint(
            &ShoutingCapitals,
            "DAS IST EINE FRECHHEIT VON IHNEN",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ShoutingCapitals,
            "Ihre Sendung ist laut DHL unterwegs, die AGB finden Sie im FAQ.",
            &ctx(),
        );
        assert_no_lint(
            &ShoutingCapitals,
            "Danke für Ihr Vertrauen in MEIERTEC.",
            &ctx().with_voice(BrandVoice::new("MEIERTEC")),
        );
    }
    #[test]
    fn en_bad() {
        assert_fix_result(
            &ShoutingCapitals,
            "We have NEVER charged twice.",
            &ctx(),
            "We have never charged twice.",
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ShoutingCapitals,
            "Let's check the double charge together – please send us a DM.",
            &ctx(),
        );
    }
}
