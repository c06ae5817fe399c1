use super::{Rule, lint_spans};
use crate::learned::identity_attack;
use crate::model::{Category, Facet, Span};
use crate::params as p;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// ## What it does
/// Flags hate in the reply: what the analyser reads as an attack on a protected group in the draft itself (a
/// group named and derogated, dehumanised, excluded or threatened; a slur), and threats against anyone. Also
/// when the draft repeats the commenter's hate back. Hate that the draft quotes in order to reject it
/// ("„Muslime raus!“ – solche Kommentare löschen wir") is not flagged; a slur is, even in quotation marks or
/// as someone else's words: a brand names it ("a racist slur") without writing it.
///
/// Where no rule reads an attack, the learned identity-attack head decides: an English draft it scores at
/// 35 % or more that does not read warm, a German one at 30 % or more that reads negative (the German head
/// leans on group words more), or any draft at 70 % or more, is flagged with the words that raised the
/// score (a friendly mention of a group is left alone). A German draft that names no group and says nothing
/// the hate lexicons list of one needs 40 %: the German head sits near 30 % on any text without a group word.
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
/// Entwurf zitiert, um ihn zurückzuweisen („„Muslime raus!“ – solche Kommentare löschen wir“), zählt nicht;
/// ein Schimpfwort schon, auch in Anführungszeichen oder als Worte anderer: Eine Marke benennt es („eine
/// rassistische Beleidigung“), ohne es zu schreiben.
///
/// Wo keine Regel einen Angriff liest, entscheidet das gelernte Modell für Angriffe auf Gruppen: Ein
/// englischer Entwurf, den es mit 35 % oder mehr bewertet und der nicht warm klingt, ein deutscher mit 30 %
/// oder mehr, der negativ klingt (das deutsche Modell hängt stärker an Gruppenwörtern), oder jeder Entwurf mit
/// 70 % oder mehr wird mit den Wörtern gemeldet, die den Wert angehoben haben (eine freundliche Erwähnung
/// einer Gruppe bleibt unbehelligt). Ein deutscher Entwurf, der keine Gruppe nennt und nichts sagt, was die
/// Hass-Lexika über eine Gruppe kennen, braucht 40 %: Das deutsche Modell liegt bei jedem Text ohne
/// Gruppenwort nahe 30 %.
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
        if spans.is_empty() {
            return learned(self, draft);
        }
        lint_spans(
            self,
            draft,
            spans,
            "„{}“ greift eine Gruppe an, droht oder ist ein Schimpfwort für eine Gruppe. So etwas postet eine Marke nie – auch nicht als Zitat oder Echo des Kommentars.",
            "\"{}\" attacks a group, threatens or is a slur. A brand never posts this – not even as a quote or an echo of the comment.",
        )
    }
}

/// The learned identity-attack head's verdict on a draft no rule flags: one lint over the words that raised it
/// most, naming them with their weights. Drafts that quote, denounce or negate hate are left alone.
fn learned(rule: &AttacksGroup, draft: &Draft) -> Vec<Lint> {
    let set_aside = draft.analysis.evidence.iter().any(|e| {
        matches!(
            e.id.as_ref(),
            "rule:hate:quoted" | "rule:hate:denounced" | "rule:hate:negated" | "rule:hate:reported"
        )
    });
    let Some(scored) = identity_attack(draft.text, draft.lang) else {
        return Vec::new();
    };
    let slot = draft.lang.pair();
    let speaks_of_group = draft.analysis.evidence.iter().any(|e| {
        matches!(
            e.id.as_ref(),
            "rule:hate:group" | "rule:hate:group-misspelt" | "rule:hate:said-of-a-group"
        )
    });
    // a neutral or friendly mention of a group ("Muslime gehören genauso dazu") is not what the head is for;
    // negative means negative words or a toxic lexicon category, not the learned offence head, which shares
    // the identity head's leaning on group words
    let negative = draft.analysis.sentiment.score < p::DRAFT_IDENTITY_WARM[slot]
        || !draft.analysis.toxicity.categories.is_empty();
    let min = if negative {
        p::DRAFT_IDENTITY_HEAD_MIN[slot]
    } else {
        p::DRAFT_IDENTITY_HEAD_SURE
    };
    // without a group word or a hate predicate: only a score well above the head's prior
    let min = if speaks_of_group {
        min
    } else {
        min.max(p::DRAFT_IDENTITY_WITHOUT_GROUP[slot])
    };
    if set_aside || scored.p < min {
        return Vec::new();
    }
    let Some(first) = scored.contributions.first() else {
        return Vec::new();
    };
    let words: Vec<String> = scored
        .contributions
        .iter()
        .map(|c| format!("{} {:+.2}", c.span.slice(draft.text), c.weight))
        .collect();
    let (pct, words) = ((scored.p * 100.0).round(), words.join(", "));
    vec![draft.lint(
        rule,
        first.span,
        &format!(
            "Der Entwurf liest sich wie ein Angriff auf Menschen wegen ihrer Herkunft, Religion, ihres Geschlechts oder Ähnlichem (gelerntes Modell: {pct:.0} %; Wörter: {words}). So etwas postet eine Marke nie."
        ),
        &format!(
            "The draft reads like an attack on people for their origin, religion, gender or the like (learned model: {pct:.0} %; words: {words}). A brand never posts this."
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::reply::rules::testing::*;

    /// The learned head reads an attack the rules may miss, names its words, and leaves a friendly mention
    /// of the same group alone – in both languages.
    #[test]
    fn learned_head_blocks_attacks_and_spares_friendly_mentions() {
        for (lang, attack, word, friendly) in [
            (
                Lang::En,
                "these illegals need to go back where they came from #buildthewall",
                "buildthewall",
                "the refugees here are loving the new park",
            ),
            (
                Lang::De,
                "Die Ausländer sollen alle dahin zurück, wo sie herkommen.",
                "Ausländer",
                "Die Flüchtlinge hier freuen sich über den neuen Park.",
            ),
        ] {
            let d = Draft::new(attack, Some(lang));
            let lints = learned(&AttacksGroup, &d);
            assert_eq!(lints.len(), 1, "{attack}");
            assert!(lints[0].message.contains(word), "{}", lints[0].message);
            assert_eq!(lints[0].severity, Severity::Error);
            let d = Draft::new(friendly, Some(lang));
            assert!(learned(&AttacksGroup, &d).is_empty(), "{friendly}");
            assert_no_lint(&AttacksGroup, friendly, &ctx());
        }
    }

    /// A German draft that names no group is left to the head only from 40 %: a condolence the German head
    /// puts at its prior (about a third) is no attack; the same sadness about a group it scores higher is.
    #[test]
    fn a_german_draft_without_a_group_needs_more_than_the_prior() {
        let condolence = "Wir sind fassungslos und traurig über die furchtbare Schießerei.";
        let p = identity_attack(condolence, Lang::De).map_or(0.0, |s| s.p);
        assert!(
            (p::DRAFT_IDENTITY_HEAD_MIN[0]..p::DRAFT_IDENTITY_WITHOUT_GROUP[0]).contains(&p),
            "{p}"
        );
        assert!(learned(&AttacksGroup, &Draft::new(condolence, Some(Lang::De))).is_empty());
        let group = "Das sind mit Abstand die schlechtesten Flüchtlinge seit Jahren.";
        assert_eq!(
            learned(&AttacksGroup, &Draft::new(group, Some(Lang::De))).len(),
            1,
            "{group}"
        );
        // English: the same condolence is far below its threshold anyway
        let condolence = "We are shocked and sad about the terrible shooting.";
        assert!(learned(&AttacksGroup, &Draft::new(condolence, Some(Lang::En))).is_empty());
    }

    /// A draft is the company's own voice: a shared headline or a retweet in it is no news text that could
    /// excuse what it says, though the same text as a comment reads as one.
    #[test]
    fn a_draft_is_never_news() {
        for text in [
            "RT @ortsblatt: Kanaken raus aus der Stadt https://example.org/a",
            "RT @localnews: kill this beaner https://example.org/a",
        ] {
            assert_mention_as_comment_but_flagged_as_draft(text);
        }
    }

    /// `text` as a comment is no identity attack (a mention, news, someone else's words); as a draft it is.
    fn assert_mention_as_comment_but_flagged_as_draft(text: &str) {
        let as_comment = crate::analyze(text, &crate::Options::default());
        assert!(
            !as_comment
                .toxicity
                .categories
                .contains(&Category::IdentityAttack),
            "{text}"
        );
        assert_lint(&AttacksGroup, text, &ctx());
    }

    /// A slur in a draft is flagged even in quotation marks or as someone else's words (the same text as a
    /// comment is a mention, not an attack); a quoted slogan to reject it is not – in both languages.
    #[test]
    fn a_draft_never_writes_a_slur() {
        for (slur_quoted, slur_reported, slogan) in [
            (
                "„Kanaken“ ist ein Schimpfwort – bitte benutzt es hier nicht.",
                "Er hat gesagt, dass diese Kanaken alles kaputt machen.",
                "„Ausländer raus“ – solche Kommentare löschen wir.",
            ),
            (
                "\"Faggots\" is a slur – please don't use it here.",
                "He said those faggots ruin everything.",
                "\"Foreigners out\" – we delete comments like that.",
            ),
        ] {
            for text in [slur_quoted, slur_reported] {
                assert_mention_as_comment_but_flagged_as_draft(text);
            }
            assert_no_lint(&AttacksGroup, slogan, &ctx());
        }
    }

    /// Remembering the camps is no threat: a brand's post for a remembrance day names them; sending someone
    /// there is one – in both languages.
    #[test]
    fn remembrance_is_no_threat_but_sending_someone_to_a_camp_is() {
        for (remembrance, threat) in [
            (
                "Heute gedenken wir der Menschen, die in den Gaskammern und Arbeitslagern ermordet oder aus unserer Stadt deportiert wurden.",
                "Ab ins KZ mit denen!",
            ),
            (
                "Today we remember the people who were murdered in the gas chambers and labour camps or deported from our town.",
                "Those Muslims should all swing from the nearest tree.",
            ),
        ] {
            assert_no_lint(&AttacksGroup, remembrance, &ctx());
            assert_lint(&AttacksGroup, threat, &ctx());
        }
    }

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
