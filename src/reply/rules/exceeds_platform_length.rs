use super::Rule;
use crate::model::Span;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags a draft longer than the platform allows (X: 280 characters, Bluesky: 300, Threads and Mastodon:
/// 500, TikTok: 150, LinkedIn: 1,250, Instagram: 2,200 …). The span covers the part that does not fit.
///
/// ## Why is this bad?
/// The platform cuts the reply or refuses it; in the rush of a crisis the tail – often the apology or
/// the next step – is lost. Shorten it, or move the details to a private message.
///
/// ## Example
/// ```text
/// (a 400-character reply on X)
/// ```
///
/// ## Use instead
/// ```text
/// Sorry about the delay! I've sent you a DM with the details and the new delivery date.
/// ```
///
/// ## Was es findet
/// Einen Entwurf, der länger ist, als die Plattform erlaubt (X: 280 Zeichen, Bluesky: 300, Threads und
/// Mastodon: 500, TikTok: 150, LinkedIn: 1.250, Instagram: 2.200 …). Markiert wird der Teil, der nicht passt.
///
/// ## Warum ist das schlecht?
/// Die Plattform schneidet die Antwort ab oder lehnt sie ab; in der Hektik einer Krise geht das Ende
/// verloren – oft die Entschuldigung oder der nächste Schritt. Kürzen oder Details per Direktnachricht.
///
/// ## Beispiel
/// ```text
/// (eine Antwort mit 400 Zeichen auf X)
/// ```
///
/// ## Besser
/// ```text
/// Sorry für die Verzögerung! Die Details und den neuen Liefertermin haben wir Ihnen per DM geschickt.
/// ```
pub struct ExceedsPlatformLength;

impl Rule for ExceedsPlatformLength {
    fn id(&self) -> &'static str {
        "exceeds-platform-length"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Platform
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, ctx: &ReplyContext) -> Vec<Lint> {
        let Some(max) = ctx.platform.max_chars() else {
            return Vec::new();
        };
        let text = draft.text.trim_end();
        let count = text.chars().count();
        if count <= max {
            return Vec::new();
        }
        let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
        let p = ctx.platform.key();
        vec![draft.lint(
            self,
            Span::new(cut, text.len()),
            &format!(
                "{count} Zeichen – {p} erlaubt {max}. Kürzen Sie um {} Zeichen.",
                count - max
            ),
            &format!(
                "{count} characters – {p} allows {max}. Cut {} characters.",
                count - max
            ),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Platform;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        let text = "Das tut uns leid. ".repeat(20);
        let l = assert_lint(
            &ExceedsPlatformLength,
            &text,
            &ctx().with_platform(Platform::X),
        );
        assert!(l[0].message.contains("280"));
        assert_eq!(l[0].span.start, 280);
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &ExceedsPlatformLength,
            "Das tut uns leid. Wir melden uns per Direktnachricht.",
            &ctx().with_platform(Platform::X),
        );
        let text = "Das tut uns leid. ".repeat(20);
        assert_no_lint(&ExceedsPlatformLength, &text, &ctx());
    }
    #[test]
    fn en_bad() {
        let text = "We are sorry – äöü. ".repeat(10);
        let l = assert_lint(
            &ExceedsPlatformLength,
            &text,
            &ctx().with_platform(Platform::Tiktok),
        );
        assert!(text.is_char_boundary(l[0].span.start));
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &ExceedsPlatformLength,
            "Sorry about the delay! I've sent you a DM with the details.",
            &ctx().with_platform(Platform::Tiktok),
        );
    }
}
