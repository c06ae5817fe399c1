//! The shipped learned models (`src/lexicon/<lang>/model_*.txt`, trained by `src/lexicon/learn/train.py`):
//! they parse, carry an intercept, stay small, and show up as evidence where they should.

use krisenradar::lexicon::{self, Lexicons, ModelKind, Table};
use krisenradar::text::fold;
use krisenradar::{Analysis, Facet, Lang, LearnedModel, Options, analyze};

/// Most words a shipped model may have (explainable, small WASM).
const MAX_WORDS: usize = 3000;

/// The shipped models. (`en/model_sentiment.txt` is not shipped: on the current lexicon it gained too little
/// out of domain, see README "Learned components"; `train.py sentiment` makes it.)
const MODELS: [(&str, ModelKind, Table); 1] =
    [("de/model_offense.txt", ModelKind::Offense, Table::De)];

fn shipped(path: &str) -> &'static str {
    lexicon::files()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("{path} is not compiled in"))
}

#[test]
fn shipped_models_parse_have_an_intercept_and_stay_small() {
    for (path, kind, table) in MODELS {
        let contents = shipped(path);
        let one: &'static [(&'static str, &'static str)] =
            Box::leak(vec![(path, contents)].into_boxed_slice());
        let lex = Lexicons::build(one);
        assert!(lex.errors.is_empty(), "{path}: {:?}", lex.errors);
        assert!(lex.has_model(kind, table), "{path} has no <bias> line");
        let words = lex.entries.len();
        assert!((100..=MAX_WORDS).contains(&words), "{path}: {words} words");
        let bias_lines = contents
            .lines()
            .filter(|l| l.starts_with(lexicon::BIAS))
            .count();
        assert_eq!(bias_lines, 1, "{path}: one intercept");
        for e in &lex.entries {
            // plain folded single words: readable evidence, no patterns
            assert_eq!(e.pattern, fold(e.pattern), "{path}: {}", e.pattern);
            assert!(
                e.pattern.chars().all(|c| c.is_alphabetic() || c == '\''),
                "{path}: `{}` is not a plain word",
                e.pattern
            );
            assert!(e.weight.abs() <= 8.0 && e.weight != 0.0);
        }
        // weights are rounded to three decimals and the header names data, licence and scores
        for line in contents.lines().filter(|l| !l.starts_with('#')) {
            let w = line.split('\t').nth(1).unwrap_or("");
            let decimals = w.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 3, "{path}: `{line}`");
        }
        let header: String = contents
            .lines()
            .filter(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(header.contains("licence"), "{path}: no licence in header");
        assert!(header.contains("CV"), "{path}: no cross-validated score");
    }
}

fn learned(an: &Analysis, model: LearnedModel) -> Vec<f32> {
    an.evidence
        .iter()
        .filter(|e| e.facet == Facet::Learned(model))
        .map(|e| e.weight)
        .collect()
}

/// The offence model's probability, recomputed from the evidence: intercept plus the word weights.
fn offense_p(an: &Analysis) -> f32 {
    let bias = lexicon::lexicons().model_bias[ModelKind::Offense as usize][Table::De as usize];
    let z = bias + learned(an, LearnedModel::Offense).iter().sum::<f32>();
    1.0 / (1.0 + (-z).exp())
}

/// A word that clearly pushes towards "offensive".
const STRONG: f32 = 0.3;

#[test]
fn offensive_german_comment_gets_learned_evidence_a_friendly_one_does_not() {
    let opts = Options::default();
    let rude = "Halt doch einfach dein dummes Maul, du Pack!";
    let an = analyze(rude, &opts);
    assert_eq!(an.lang.code, Lang::De);
    let strong: Vec<&str> = an
        .evidence
        .iter()
        .filter(|e| e.facet == Facet::Learned(LearnedModel::Offense) && e.weight >= STRONG)
        .map(|e| {
            assert!(
                e.id.starts_with("lexicon:de/model_offense.txt:"),
                "{}",
                e.id
            );
            e.span.slice(rude)
        })
        .collect();
    assert!(strong.len() >= 2, "strong learned words: {strong:?}");
    assert!(
        strong.contains(&"Pack") || strong.contains(&"Maul"),
        "{strong:?}"
    );
    assert!(
        offense_p(&an) >= krisenradar::params::MODEL_TOXIC_MIN,
        "{}",
        offense_p(&an)
    );
    assert!(an.toxicity.toxic, "{:?}", an.toxicity);

    let kind = "Liebes Team, danke für die schnelle Hilfe. Wir kommen gerne wieder!";
    let an = analyze(kind, &opts);
    assert_eq!(an.lang.code, Lang::De);
    let w = learned(&an, LearnedModel::Offense);
    assert!(
        w.iter().all(|&x| x < STRONG),
        "friendly words counted as offensive: {w:?}"
    );
    assert!(offense_p(&an) < 0.2, "{}", offense_p(&an));
    assert!(!an.toxicity.toxic);
    assert!(an.toxicity.score < 0.3, "{:?}", an.toxicity);
}

#[test]
fn the_offence_model_only_applies_to_german() {
    let opts = Options::default();
    let en = analyze(
        "What a brilliant team, thanks so much for the quick help with my order!",
        &opts,
    );
    assert_eq!(en.lang.code, Lang::En);
    assert!(learned(&en, LearnedModel::Offense).is_empty());
    // German words inside an English comment do not reach the German model either
    let mixed = analyze(
        "You are such a Depp, seriously, what a total loser move.",
        &opts,
    );
    assert_ne!(mixed.lang.code, Lang::De);
    assert!(learned(&mixed, LearnedModel::Offense).is_empty());
    let de = analyze("Halt doch einfach dein dummes Maul, du Pack!", &opts);
    assert!(!learned(&de, LearnedModel::Offense).is_empty());
    assert!(learned(&de, LearnedModel::Sentiment).is_empty());
}
