use super::Rule;
use crate::reply::draft::Draft;
use crate::reply::{Lint, ReplyContext, RuleCategory, Severity};

/// Words per sentence above which a reply sentence is hard to read on a phone (plain-language guides put
/// the comfortable limit at 20–25 words; 30 leaves room for names and numbers).
const MAX_WORDS: usize = 30;

/// ## What it does
/// Points out sentences with more than 30 words.
///
/// ## Why is this bad?
/// Replies are read on phones, quickly, by people who are already annoyed. Long sentences hide the one
/// thing they are looking for – what happens next – and read like legal text. Split them.
///
/// ## Example
/// ```text
/// We would like to inform you that, due to the unexpectedly high number of orders we received during the
/// promotion week and a temporary staff shortage in our warehouse, deliveries may currently take longer
/// than usual, for which we ask for your understanding.
/// ```
///
/// ## Use instead
/// ```text
/// Deliveries are slower than usual right now – we had far more orders than expected. Yours ships by Friday.
/// ```
///
/// ## Was es findet
/// Sätze mit mehr als 30 Wörtern.
///
/// ## Warum ist das schlecht?
/// Antworten werden auf dem Handy gelesen, schnell, von Menschen, die schon verärgert sind. Lange Sätze
/// verstecken das, was sie suchen – was als Nächstes passiert – und klingen nach Juristendeutsch. Teilen Sie
/// sie auf.
///
/// ## Beispiel
/// ```text
/// Wir möchten Sie darüber informieren, dass es aufgrund der unerwartet hohen Zahl an Bestellungen während
/// der Aktionswoche sowie eines vorübergehenden Personalengpasses in unserem Lager derzeit zu längeren
/// Lieferzeiten kommen kann, wofür wir um Ihr Verständnis bitten.
/// ```
///
/// ## Besser
/// ```text
/// Die Lieferung dauert gerade länger – wir hatten viel mehr Bestellungen als erwartet. Ihre geht bis Freitag raus.
/// ```
pub struct OverlongSentence;

impl Rule for OverlongSentence {
    fn id(&self) -> &'static str {
        "overlong-sentence"
    }
    fn category(&self) -> RuleCategory {
        RuleCategory::Clarity
    }
    fn severity(&self) -> Severity {
        Severity::Hint
    }
    fn check(&self, draft: &Draft, _ctx: &ReplyContext) -> Vec<Lint> {
        let words = draft.words();
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for i in 0..words.len() {
            if let Some(t) = words.token(i) {
                match counts.last_mut() {
                    Some((s, n)) if *s == t.sentence => *n += 1,
                    _ => counts.push((t.sentence, 1)),
                }
            }
        }
        counts
            .into_iter()
            .filter(|(_, n)| *n > MAX_WORDS)
            .map(|(s, n)| {
                draft.lint(
                    self,
                    draft.sentence_span(s),
                    &format!("Dieser Satz hat {n} Wörter – teilen Sie ihn auf."),
                    &format!("This sentence has {n} words – split it."),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::rules::testing::*;

    #[test]
    fn de_bad() {
        assert_lint(
            &OverlongSentence,
            "Wir möchten Sie darüber informieren, dass es aufgrund der unerwartet hohen Zahl an Bestellungen während der Aktionswoche sowie eines vorübergehenden Personalengpasses in unserem Lager derzeit leider zu deutlich längeren Lieferzeiten als sonst üblich kommen kann, wofür wir Sie ganz herzlich um Ihr Verständnis bitten.",
            &ctx(),
        );
    }
    #[test]
    fn de_good() {
        assert_no_lint(
            &OverlongSentence,
            "Die Lieferung dauert gerade länger – wir hatten viel mehr Bestellungen als erwartet. Ihre geht bis Freitag raus.",
            &ctx(),
        );
    }
    #[test]
    fn en_bad() {
        assert_lint(
            &OverlongSentence,
            "We would like to inform you that, due to the unexpectedly high number of orders we received during the promotion week and a temporary staff shortage in our warehouse, deliveries may currently take a lot longer than usual, for which we ask for your understanding.",
            &ctx(),
        );
    }
    #[test]
    fn en_good() {
        assert_no_lint(
            &OverlongSentence,
            "Deliveries are slower than usual right now – we had far more orders than expected. Yours ships by Friday.",
            &ctx(),
        );
    }
}
