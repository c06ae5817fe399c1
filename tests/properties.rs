//! Property tests: `analyze` never panics, returns spans on the input's char boundaries and scores in range,
//! for any string — including control characters, zero-width and bidi characters, combining marks, emoji.

use krisenradar::{Options, analyze};
use proptest::prelude::*;

fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::any(),
        3 => proptest::sample::select(vec![
            'a', 'ä', 'ß', 'ẞ', 'U', '*', '.', ' ', '\n', '!', '?', '#', '@', ':', ')', '(', '-', '\'', '’', '|',
            '\u{200B}', '\u{200D}', '\u{202E}', '\u{2066}', '\u{FE0F}', '\u{0308}', '\u{0301}', '😡', '👍', '🏻',
            '\u{0}', '\u{7}', '\u{FEFF}', 'Ｆ', '𝐟', 'İ', 'ﬁ', '1', '$',
        ]),
    ]
}

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "nicht",
            "gut",
            "Idiot",
            "A****loch",
            "s c h e i ß e",
            "Anwalt",
            "kündige",
            "aber",
            "sehr",
            "!!!",
            "LOL",
            "never",
            "bad",
            "fuck",
            "you",
            "#boykott",
            "@user",
            "https://x.y",
            "😡",
            ":-)",
            "sooo",
            "Paket",
            "0171 234567",
        ]),
        0..40,
    )
    .prop_map(|v| v.join(" "))
}

/// Word salad from the parts of an attack on a group: groups, referrers, predicates, negators, quotes,
/// contrast, masks, digits, clause and sentence breaks.
fn hate_salad() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(vec![
            "Muslime",
            "Flüchtlinge",
            "refugees",
            "Mulsime",
            "Mu5l1m5",
            "Schwarze",
            "sie",
            "die",
            "they",
            "those",
            "sind",
            "are",
            "Ungeziefer",
            "dumm",
            "raus",
            "out",
            "gehören",
            "abgeschoben",
            "should be",
            "shot",
            "überhaupt Menschen",
            "even human",
            "nicht",
            "nichts gegen",
            "aber",
            "but",
            "sagt",
            "rassistisch",
            "„",
            "“",
            "\"",
            ",",
            "–",
            ".",
            "?",
            "!",
            "K*mmeltürken",
            "r a g h e a d s",
            "Z13g3nf1ck3r",
            "als",
            "my",
        ]),
        0..60,
    )
    .prop_map(|v| v.join(" "))
}

fn check(text: &str) {
    for opts in [
        Options::default(),
        Options::default()
            .with_sensitivity(1.0)
            .with_watch_words(["paket", "ä"]),
    ] {
        let a = analyze(text, &opts);
        assert!((-1.0..=1.0).contains(&a.sentiment.score));
        assert!((0.0..=1.0).contains(&a.toxicity.score));
        assert!(a.criticality.score <= 100);
        assert!((0.0..=1.0).contains(&a.lang.confidence));
        for e in &a.evidence {
            assert!(
                e.span.start <= e.span.end && text.get(e.span.start..e.span.end).is_some(),
                "{e:?} in {text:?}"
            );
            assert!(e.weight.is_finite());
        }
        for r in &a.criticality.reasons {
            assert!(r.evidence.iter().all(|&i| i < a.evidence.len()));
        }
        // serialisable (what the CLI and the WASM layer do with it)
        assert!(serde_json::to_string(&a).is_ok());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in proptest::collection::vec(tricky_char(), 0..200).prop_map(|v| v.into_iter().collect::<String>())) {
        check(&s);
    }

    #[test]
    fn never_panics_on_word_salad(s in words()) {
        check(&s);
    }

    #[test]
    fn never_panics_on_hate_salad(s in hate_salad()) {
        check(&s);
    }
}

#[test]
fn huge_inputs_finish_and_stay_bounded() {
    // 1 MB of mixed content: must complete (the analysis is linear) and keep evidence proportional.
    let unit = "Ihr Vollidioten!!! nicht gut 😡 s c h e i ß e Anwalt #boykott @x https://a.b 0171 2345678 ";
    let text = unit.repeat(1_000_000 / unit.len());
    let a = analyze(&text, &Options::default());
    assert!(a.evidence.len() < text.len() / 4);
    let emoji = "😡".repeat(250_000);
    let a = analyze(&emoji, &Options::default());
    assert!(a.sentiment.score < 0.0);
    // groups, predicates, negators and quotes without a sentence break: the hate stage looks within a window
    let hate = "Muslime sind nicht dumm aber „Kanaken“ sagt er refugees are vermin they are ";
    let text = hate.repeat(1_000_000 / hate.len());
    let a = analyze(&text, &Options::default());
    assert!(a.evidence.len() < text.len() / 4);
    let nothing = " \u{200B}".repeat(300_000);
    let a = analyze(&nothing, &Options::default());
    assert_eq!(a.criticality.score, 0);
}
