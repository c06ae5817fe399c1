use super::Rule;
use crate::model::Span;
use crate::reply::draft::Draft;
use crate::reply::{Applicability, Edit, Fix, Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Points out a draft that does not end with the brand voice's signature (e.g. "^Anna" or "Your team at
/// Müller"), when the voice defines one.
///
/// ## Why is this bad?
/// A name under a reply shows that a person answered, which calms conversations measurably, and it lets
/// colleagues see who is handling the case. Inconsistent sign-offs look careless.
///
/// ## Example
/// ```text
/// Thanks for waiting – your parcel ships today.
/// ```
///
/// ## Use instead
/// ```text
/// Thanks for waiting – your parcel ships today.
/// ^Anna
/// ```
///
/// ## Was es findet
/// Einen Entwurf, der nicht mit der Signatur der Markenstimme endet (z. B. „^Anna“ oder „Ihr Team von
/// Müller“), wenn die Markenstimme eine festlegt.
///
/// ## Warum ist das schlecht?
/// Ein Name unter der Antwort zeigt, dass ein Mensch geantwortet hat – das beruhigt Gespräche spürbar –, und
/// Kollegen sehen, wer den Fall betreut. Uneinheitliche Grußformeln wirken nachlässig.
///
/// ## Beispiel
/// ```text
/// Danke fürs Warten – Ihr Paket geht heute raus.
/// ```
///
/// ## Besser
/// ```text
/// Danke fürs Warten – Ihr Paket geht heute raus.
/// ^Anna
/// ```
pub struct MissingSignature;

impl Rule for MissingSignature {
    fn id(&self) -> &'static str {
        "missing-signature"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Brand
    }
    fn severity(&self) -> Severity {
        Severity::Hint
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let Some(sig) = ctx.voice.signature.as_deref().map(str::trim) else {
            return Vec::new();
        };
        if sig.is_empty() || draft.ends_with(sig) || draft.text.trim().is_empty() {
            return Vec::new();
        }
        let end = draft.text.trim_end().len();
        let mut l = draft.lint(
            self,
            Span::new(end, end),
            &format!("Die Signatur „{sig}“ fehlt."),
            &format!("The signature \"{sig}\" is missing."),
        );
        l.fixes.push(Fix {
            title: draft.msg("Signatur anfügen", "Append the signature"),
            edits: vec![Edit {
                span: Span::new(end, draft.text.len()),
                replacement: format!("\n{sig}"),
            }],
            applicability: Applicability::Safe,
        });
        vec![l]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::BrandVoice;
    use crate::reply::rules::testing::*;

    fn anna() -> ReplyContext {
        ctx().with_voice(BrandVoice::new("Müller").with_signature("^Anna"))
    }

    #[test]
    fn de_bad() {
        assert_fix_result(
            &MissingSignature,
            "Danke fürs Warten – Ihr Paket geht heute raus.\n",
            &anna(),
            "Danke fürs Warten – Ihr Paket geht heute raus.\n^Anna",
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &MissingSignature,
            "Danke fürs Warten – Ihr Paket geht heute raus.\n^Anna",
            &anna(),
        );
        assert_no_lint(&MissingSignature, "Danke fürs Warten.", &ctx());
    }
    #[test]
    fn en_bad() {
        assert_fix_result(
            &MissingSignature,
            "Thanks for waiting – your parcel ships today.",
            &anna(),
            "Thanks for waiting – your parcel ships today.\n^Anna",
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &MissingSignature,
            "Thanks for waiting – your parcel ships today. ^Anna",
            &anna(),
        );
    }
}
