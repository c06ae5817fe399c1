//! `lint_reply` and `suggest_replies` never panic, on any string and any context; spans always fit the draft
//! and fixes apply cleanly.

use krisenradar::reply::{
    BrandVoice, Platform, ReplyContext, apply_fixes, lint_reply, suggest_replies,
};
use krisenradar::{Address, Lang, Options, analyze};
use proptest::prelude::*;

fn texts() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // words the rules look for, mixed with punctuation, emoji, capitals and combining marks
        proptest::collection::vec(
            prop_oneof![
                Just("Sie hätten".to_string()),
                Just("nicht unsere Schuld".to_string()),
                Just("IBAN DE89 3704 0044 0532 0130 00".to_string()),
                Just("Musterstraße 12".to_string()),
                Just("!!!".to_string()),
                Just("😉".to_string()),
                Just(":)".to_string()),
                Just("ENTSCHULDIGUNG".to_string()),
                Just("a\u{0308}".to_string()),
                Just("\u{200B}".to_string()),
                Just("Bestellnummer".to_string()),
                Just("per DM".to_string()),
                Just("du".to_string()),
                Just("Ihnen".to_string()),
                Just("—".to_string()),
                Just("\n".to_string()),
                Just("you should have".to_string()),
                Just("Müller Versand".to_string()),
                Just("Mueller-Versand".to_string()),
                Just("~".to_string()),
                Just("_".to_string()),
                Just("<num>".to_string()),
                Just("42".to_string()),
                ".{0,12}".prop_map(|s| s),
            ],
            0..40
        )
        .prop_map(|v| v.join(" ")),
    ]
}

fn contexts() -> impl Strategy<Value = ReplyContext> {
    (
        proptest::option::of(texts()),
        any::<u8>(),
        proptest::option::of(prop_oneof![
            Just(Lang::De),
            Just(Lang::En),
            Just(Lang::Other)
        ]),
        texts(),
        any::<bool>(),
        proptest::option::of(texts()),
    )
        .prop_map(|(comment, p, lang, company, du, sig)| {
            let mut voice = BrandVoice::new(&company);
            if du {
                voice = voice.with_address(Address::Du);
            }
            voice.signature = sig;
            let mut ctx = ReplyContext::default()
                .with_voice(voice)
                .with_platform(Platform::ALL[p as usize % Platform::ALL.len()])
                .with_lang(lang);
            if let Some(c) = comment {
                ctx = ctx.with_comment(&c);
            }
            ctx
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lint_reply_never_panics_and_spans_fit(draft in texts(), ctx in contexts()) {
        let review = lint_reply(&draft, &ctx);
        for l in &review.lints {
            prop_assert!(l.span.start <= l.span.end && l.span.end <= draft.len());
            prop_assert!(draft.is_char_boundary(l.span.start) && draft.is_char_boundary(l.span.end));
            for f in &l.fixes {
                for e in &f.edits {
                    prop_assert!(e.span.end <= draft.len());
                    prop_assert!(draft.is_char_boundary(e.span.start) && draft.is_char_boundary(e.span.end));
                }
            }
        }
        let t = &review.tone;
        for d in [&t.respect, &t.empathy, &t.accountability, &t.clarity, &t.calmness, &t.formality] {
            prop_assert!((0.0..=1.0).contains(&d.score));
        }
        // applying every fix never panics
        let _ = apply_fixes(&draft, review.lints.iter().flat_map(|l| l.fixes.iter()));
    }

    #[test]
    fn suggest_replies_never_panics(comment in texts(), company in texts(), du in any::<bool>()) {
        let a = analyze(&comment, &Options::default());
        let mut voice = BrandVoice::new(&company);
        if du {
            voice = voice.with_address(Address::Du);
        }
        let s = suggest_replies(&a, &voice);
        prop_assert!((2..=4).contains(&s.len()));
    }
}

#[test]
fn context_and_voice_deserialise_from_json_with_defaults() {
    let ctx: ReplyContext = serde_json::from_str("{}").expect("empty context");
    assert_eq!(ctx, ReplyContext::default());
    let ctx: ReplyContext = serde_json::from_str(
        r#"{"comment":"Wo ist mein Paket?","platform":"x","voice":{"company":"Kiez Kaffee","address":"du"}}"#,
    )
    .expect("context");
    assert_eq!(ctx.platform, Platform::X);
    // an unknown platform is generic, not an error
    let other: ReplyContext = serde_json::from_str(r#"{"platform":"newsite"}"#).expect("lenient");
    assert_eq!(other.platform, Platform::Generic);
    assert_eq!(ctx.voice.address, Address::Du);
    assert!(ctx.voice.mirror_du);
    let review = lint_reply("Schreib uns gern eine DM!", &ctx);
    let json = serde_json::to_value(&review).expect("serialise");
    let back: krisenradar::reply::ReplyReview = serde_json::from_value(json).expect("round trip");
    assert_eq!(back, review);
}

#[test]
fn safe_fixes_applied_together_give_the_expected_text() {
    let ctx = ReplyContext::default()
        .with_voice(BrandVoice::new("Müller Versand").with_signature("^Anna"));
    let draft = "Danke für Ihre Geduld!!! Ihr Paket ist heute bei Mueller-Versand rausgegangen.";
    let review = lint_reply(draft, &ctx);
    let safe = review
        .lints
        .iter()
        .flat_map(|l| l.fixes.iter())
        .filter(|f| f.applicability == krisenradar::reply::Applicability::Safe);
    assert_eq!(
        apply_fixes(draft, safe),
        "Danke für Ihre Geduld. Ihr Paket ist heute bei Müller Versand rausgegangen.\n^Anna"
    );
}
