use super::{Rule, lint_spans};
use crate::model::{Category, Facet, Span};
use crate::params as p;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags hate in the reply: what the analyser reads as an attack on a protected group in the draft itself (a
/// group named and derogated, dehumanised, excluded or threatened; a slur), and threats against anyone. Also
/// when the draft repeats the commenter's hate back. Hate that the draft quotes in order to reject it
/// ("„Muslime raus!“ – solche Kommentare löschen wir") is not flagged.
///
/// ## Why is this bad?
/// Hate speech under a company's name is a legal matter (in Germany § 130 StGB, NetzDG) and the end of any
/// conversation. Repeated back, even in anger or irony, it spreads further with the brand attached.
///
/// ## Example
/// ```text
/// Refugees are the problem here, not our delivery service.
/// ```
///
/// ## Use instead
/// ```text
/// We don't accept generalisations about any group here. About your delivery: please send us your order
/// number by DM.
/// ```
///
/// ## Was es findet
/// Hass in der Antwort: was der Analyser im Entwurf selbst als Angriff auf eine geschützte Gruppe liest (eine
/// Gruppe genannt und abgewertet, entmenschlicht, ausgegrenzt oder bedroht; ein Schimpfwort für eine Gruppe)
/// und Drohungen gegen wen auch immer. Auch wenn der Entwurf den Hass des Kommentars wiederholt. Hass, den der
/// Entwurf zitiert, um ihn zurückzuweisen („„Muslime raus!“ – solche Kommentare löschen wir“), zählt nicht.
///
/// ## Warum ist das schlecht?
/// Hassrede unter dem Namen eines Unternehmens ist eine Rechtsfrage (§ 130 StGB, NetzDG) und das Ende jedes
/// Gesprächs. Zurückgegeben, auch im Zorn oder ironisch, verbreitet sie sich weiter – mit der Marke daneben.
///
/// ## Beispiel
/// ```text
/// Flüchtlinge sind hier das Problem, nicht unser Lieferdienst.
/// ```
///
/// ## Besser
/// ```text
/// Pauschale Urteile über Gruppen stehen bei uns nicht. Zu Ihrer Lieferung: Schicken Sie uns gern Ihre
/// Bestellnummer per DM.
/// ```
pub struct AttacksGroup;

impl Rule for AttacksGroup {
    fn id(&self) -> &'static str {
        "attacks-group"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Tone
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        let a = &draft.analysis;
        let threat = a.toxicity.categories.contains(&Category::Threat);
        let identity = a.toxicity.categories.contains(&Category::IdentityAttack);
        let mut spans: Vec<Span> = a
            .evidence
            .iter()
            .filter(|e| match e.facet {
                // an attack read from structure, or a slur
                Facet::Toxic(Category::IdentityAttack) => {
                    e.id.starts_with("rule:hate:")
                        || e.id.contains("/hate_")
                        || (e.id.contains("/identity_attack.txt")
                            && (identity || e.weight >= p::SLUR_WEIGHT))
                }
                Facet::Toxic(Category::Threat) => threat,
                _ => false,
            })
            .map(|e| e.span)
            .collect();
        spans.sort();
        lint_spans(
            self,
            draft,
            spans,
            "„{}“ greift eine Gruppe an oder droht. So etwas postet eine Marke nie – auch nicht als Echo des Kommentars.",
            "\"{}\" attacks a group or threatens. A brand never posts this – not even as an echo of the comment.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &AttacksGroup,
            "Flüchtlinge sind hier das Problem, nicht unser Lieferdienst.",
            &ctx(),
        );
        assert_lint(&AttacksGroup, "Ausländer raus!", &ctx());
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &AttacksGroup,
            "Pauschale Urteile über Gruppen stehen bei uns nicht. Zu Ihrer Lieferung: Schicken Sie uns gern Ihre Bestellnummer per DM.",
            &ctx(),
        );
        // quoted to reject it
        assert_no_lint(
            &AttacksGroup,
            "„Ausländer raus“ – solche Kommentare löschen wir, sie sind menschenverachtend.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &AttacksGroup,
            "Refugees are the problem here, not our delivery service.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &AttacksGroup,
            "We don't accept generalisations about any group here. About your delivery: please send us your order number by DM.",
            &ctx(),
        );
        assert_no_lint(
            &AttacksGroup,
            "Refugees are welcome in our stores, like everyone else.",
            &ctx(),
        );
    }
}
