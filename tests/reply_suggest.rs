//! Every suggestion passes the linter: all signals × topics × languages × du/Sie (and the toxic cases),
//! each with the analysis as context.

use krisenradar::reply::{
    BrandVoice, ReplyContext, Severity, Strategy, lint_reply, suggest_for_comment, suggest_replies,
};
use krisenradar::{
    Address, Analysis, Category, Channel, Criticality, Lang, LangGuess, Level, Sentiment,
    SentimentLabel, Signal, Topic, Toxicity,
};

fn analysis(
    lang: Lang,
    signals: &[Signal],
    categories: &[Category],
    topic: Topic,
    address: Option<Address>,
) -> Analysis {
    let level = if signals
        .iter()
        .any(|s| matches!(s, Signal::Legal | Signal::Safety | Signal::PublicEscalation))
    {
        Level::Escalate
    } else if signals
        .iter()
        .any(|s| matches!(s, Signal::Praise | Signal::Spam))
    {
        Level::Monitor
    } else {
        Level::Respond
    };
    Analysis {
        lang: LangGuess {
            code: lang,
            confidence: 0.9,
        },
        sentiment: Sentiment {
            score: if signals.contains(&Signal::Praise) {
                0.7
            } else {
                -0.6
            },
            label: SentimentLabel::Negative,
        },
        toxicity: Toxicity {
            score: if categories.is_empty() { 0.0 } else { 0.8 },
            toxic: !categories.is_empty(),
            categories: categories.to_vec(),
        },
        signals: signals.to_vec(),
        topic,
        criticality: Criticality {
            score: 60,
            level,
            channel: if signals
                .iter()
                .any(|s| matches!(s, Signal::Privacy | Signal::Legal | Signal::Refund))
            {
                Channel::Private
            } else {
                Channel::Public
            },
            reasons: Vec::new(),
        },
        address,
        evidence: Vec::new(),
        evidence_omitted: 0,
    }
}

fn voices() -> Vec<BrandVoice> {
    let sie = BrandVoice::new("Müller Haustechnik").with_signature("^Anna");
    let du = BrandVoice::new("Kiez Kaffee").with_address(Address::Du);
    let mut own_channel = BrandVoice::new("Sonnenschein");
    own_channel.private_channel_de = Some("Kontaktformular".into());
    own_channel.private_channel_en = Some("contact form".into());
    vec![sie, du, own_channel]
}

#[test]
fn every_suggestion_passes_the_linter_in_every_combination() {
    let mut cases: Vec<(Vec<Signal>, Vec<Category>)> =
        Signal::ALL.iter().map(|s| (vec![*s], vec![])).collect();
    cases.push((vec![], vec![]));
    cases.push((vec![Signal::Complaint, Signal::Legal], vec![]));
    cases.push((vec![Signal::Complaint, Signal::Churn], vec![]));
    cases.push((vec![Signal::Complaint, Signal::Refund], vec![]));
    cases.push((vec![Signal::Safety, Signal::PublicEscalation], vec![]));
    cases.push((vec![Signal::Complaint], vec![Category::Insult]));
    cases.push((vec![], vec![Category::Profanity, Category::Insult]));
    cases.push((vec![], vec![Category::IdentityAttack]));
    cases.push((vec![Signal::Complaint], vec![Category::Threat]));
    let mut checked = 0;
    let mut failures = Vec::new();
    for (signals, cats) in &cases {
        for topic in Topic::ALL {
            for lang in [Lang::De, Lang::En] {
                for addr in [Some(Address::Sie), Some(Address::Du), None] {
                    if lang == Lang::En && addr == Some(Address::Du) {
                        continue;
                    }
                    for voice in voices() {
                        let a = analysis(lang, signals, cats, topic, addr);
                        let suggestions = suggest_replies(&a, &voice);
                        assert!(
                            (2..=4).contains(&suggestions.len()),
                            "{} suggestions for {signals:?} {cats:?} {topic:?}",
                            suggestions.len()
                        );
                        let ctx = ReplyContext {
                            analysis: Some(a.clone()),
                            voice: voice.clone(),
                            ..ReplyContext::default()
                        };
                        for s in &suggestions {
                            assert_eq!(s.lang, lang);
                            let review = lint_reply(&s.text, &ctx);
                            checked += 1;
                            let bad: Vec<_> = review
                                .lints
                                .iter()
                                .filter(|l| l.severity >= Severity::Warning)
                                .map(|l| format!("{}: {}", l.rule, l.message))
                                .collect();
                            if !bad.is_empty() || review.lang != lang {
                                failures.push(format!(
                                    "{signals:?} {cats:?} {topic:?} {lang:?} {addr:?} {}: {:?}\n  {}\n  lang {:?}",
                                    voice.company, s.strategy, s.text, review.lang
                                ) + &format!("\n  {}", bad.join("\n  ")));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} suggestions failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(400)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("{checked} suggestions checked, all without warnings");
}

#[test]
fn german_form_of_address_follows_commenter_and_brand() {
    let sie_brand = BrandVoice::new("Müller");
    let a = analysis(
        Lang::De,
        &[Signal::Complaint],
        &[],
        Topic::Delivery,
        Some(Address::Du),
    );
    let s = suggest_replies(&a, &sie_brand);
    assert!(s.iter().all(|s| s.address == Some(Address::Du)));
    assert!(s[0].text.contains("deine") || s[0].text.contains("dich") || s[0].text.contains("du"));
    let mut strict = BrandVoice::new("Müller");
    strict.mirror_du = false;
    let s = suggest_replies(&a, &strict);
    assert!(s.iter().all(|s| s.address == Some(Address::Sie)));
    let a = analysis(
        Lang::De,
        &[Signal::Complaint],
        &[],
        Topic::Delivery,
        Some(Address::Sie),
    );
    let s = suggest_replies(&a, &sie_brand);
    assert!(s.iter().all(|s| s.address == Some(Address::Sie)));
}

#[test]
fn suggestions_are_varied_and_tailored() {
    let voice = BrandVoice::default();
    let de = |signals: &[Signal], cats: &[Category], topic| {
        suggest_replies(&analysis(Lang::De, signals, cats, topic, None), &voice)
    };
    // drafts for one comment differ from each other
    let s = de(&[Signal::Complaint], &[], Topic::Delivery);
    for i in 0..s.len() {
        for j in i + 1..s.len() {
            assert_ne!(s[i].text, s[j].text);
            assert_ne!(s[i].strategy, s[j].strategy);
        }
    }
    // the topic changes more than one word
    let billing = de(&[Signal::Complaint], &[], Topic::Billing);
    assert!(!billing[0].text.contains("Paket"));
    assert!(s[0].text.contains("Paket") || s[0].text.contains("Versand"));
    // insults get a boundary, never an apology
    let attack = de(&[Signal::Complaint], &[Category::Insult], Topic::Delivery);
    assert_eq!(attack[0].strategy, Strategy::Boundary);
    assert!(attack.iter().all(|s| !s.text.contains("Entschuldigung")));
    // escalations start with a holding statement
    let legal = de(&[Signal::Legal], &[], Topic::Billing);
    assert_eq!(legal[0].strategy, Strategy::Holding);
    // praise is thanked, not apologised for
    let praise = de(&[Signal::Praise], &[], Topic::Other);
    assert_eq!(praise[0].strategy, Strategy::Thanks);
    assert!(praise.iter().all(|s| !s.text.contains("leid")));
}

#[test]
fn bereavement_gets_condolences_and_passes_the_linter() {
    for (comment, lang) in [
        (
            "Meine Mutter ist gestorben, wie kündige ich ihren Vertrag? Ich will nur, dass es aufhört.",
            Lang::De,
        ),
        (
            "My father passed away last month and you keep sending him bills. Please stop.",
            Lang::En,
        ),
    ] {
        for voice in voices() {
            let mut a = analysis(
                lang,
                &[Signal::Complaint, Signal::Churn],
                &[],
                Topic::Billing,
                None,
            );
            a.sentiment.score = -0.7;
            let s = krisenradar::reply::suggest_for_comment(comment, &a, &voice);
            assert!(s.len() >= 2);
            let ctx = ReplyContext {
                comment: Some(comment.to_string()),
                analysis: Some(a.clone()),
                voice: voice.clone(),
                ..ReplyContext::default()
            };
            for sug in &s {
                assert!(
                    sug.text.contains("Beileid")
                        || sug.text.contains("loss")
                        || sug.text.contains("sympathy"),
                    "{}",
                    sug.text
                );
                assert!(!sug.text.contains("Gehen") && !sug.text.contains("leaving"));
                let bad: Vec<_> = lint_reply(&sug.text, &ctx)
                    .lints
                    .into_iter()
                    .filter(|l| l.severity >= Severity::Warning)
                    .map(|l| l.rule)
                    .collect();
                assert!(bad.is_empty(), "{}: {bad:?}", sug.text);
            }
        }
    }
}

#[test]
fn suggestions_for_real_comments_follow_their_language() {
    let voice = BrandVoice::default();
    let opts = krisenradar::Options::default();
    let de = krisenradar::analyze(
        "Seit drei Wochen warte ich auf mein Paket, das ist echt ärgerlich!",
        &opts,
    );
    let en = krisenradar::analyze(
        "Three weeks and still no parcel, this is really annoying!",
        &opts,
    );
    assert!(
        suggest_replies(&de, &voice)
            .iter()
            .all(|s| s.lang == Lang::De)
    );
    assert!(
        suggest_replies(&en, &voice)
            .iter()
            .all(|s| s.lang == Lang::En)
    );
}

/// The comments of the triage suite (`tests/triage/*.tsv`, written for the tests) and, where present, the
/// real labelled comments of `../shared/data/signals/*.jsonl` (read, never stored): every suggestion for
/// them, linted against its comment, passes without a warning or error.
#[test]
fn suggestions_for_suite_and_real_comments_pass_the_linter() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut comments: Vec<String> = Vec::new();
    let mut suites: Vec<_> = std::fs::read_dir(root.join("tests/triage"))
        .expect("tests/triage")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .filter(|p| !p.ends_with("floors.tsv"))
        .collect();
    suites.sort();
    for path in &suites {
        let text = std::fs::read_to_string(path).expect("suite");
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            if let Some(c) = line.split('\t').nth(4) {
                comments.push(c.to_string());
            }
        }
    }
    let suite_count = comments.len();
    if let Ok(dir) = std::fs::read_dir(root.join("../shared/data/signals")) {
        let mut files: Vec<_> = dir
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for path in files {
            for line in std::fs::read_to_string(&path).expect("signals").lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(t) = v.get("text").and_then(|t| t.as_str())
                {
                    comments.push(t.to_string());
                }
            }
        }
    }
    let opts = krisenradar::Options::default();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (i, comment) in comments.iter().enumerate() {
        let a = krisenradar::analyze(comment, &opts);
        for voice in voices() {
            let ctx = ReplyContext::default()
                .with_voice(voice.clone())
                .with_comment(comment);
            for s in suggest_for_comment(comment, &a, &voice) {
                checked += 1;
                let review = lint_reply(&s.text, &ctx);
                let bad: Vec<_> = review
                    .lints
                    .iter()
                    .filter(|l| l.severity >= Severity::Warning)
                    .map(|l| format!("{} ({})", l.rule, l.span.slice(&s.text)))
                    .collect();
                if !bad.is_empty() {
                    let from = if i < suite_count { "suite" } else { "signals" };
                    failures.push(format!(
                        "[{from} {i}] {:?}\n  {}\n  {}",
                        s.strategy,
                        s.text,
                        bad.join(", ")
                    ));
                }
            }
        }
    }
    eprintln!(
        "{checked} suggestions for {} comments ({suite_count} from the suite), {} with a warning or error",
        comments.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} suggestions failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn suggestions_for(comment: &str) -> Vec<String> {
    let a = krisenradar::analyze(comment, &krisenradar::Options::default());
    suggest_for_comment(comment, &a, &BrandVoice::default())
        .into_iter()
        .map(|s| s.text.to_lowercase())
        .collect()
}

/// Harm reported in alarming words, or a complaint with a masked swear word, is no insult: no suggestion
/// talks about insults. A threat gets a boundary and never an apology; an insult gets the insult boundary.
#[test]
fn suggestions_answer_harm_complaints_and_threats_as_such_in_both_languages() {
    let about_insults = ["beleidigung", "respektvoll", "insult", "respectfully"];
    for comment in [
        "Das Ladekabel ist beim Laden geschmolzen und hat fast unsere Wohnung angezündet.",
        "The charger melted while charging and nearly set our flat on fire.",
        "Die Lieferung war mal wieder ein Sch***.",
        "The delivery was sh*t again.",
    ] {
        let s = suggestions_for(comment);
        assert!(
            s.iter()
                .all(|t| about_insults.iter().all(|w| !t.contains(w))),
            "{comment}: {s:#?}"
        );
    }
    let apology = ["leid", "entschuldig", "sorry", "apolog"];
    for (threat, insult) in [
        ("Ich weiß, wo euer Chef wohnt.", "Ihr seid alle Idioten."),
        ("I know where your CEO lives.", "You are all idiots."),
    ] {
        let s = suggestions_for(threat);
        assert!(
            s.iter().all(|t| apology.iter().all(|w| !t.contains(w))),
            "{threat}: {s:#?}"
        );
        assert!(
            s.iter().any(|t| t.contains("droh") || t.contains("threat")),
            "{threat}: {s:#?}"
        );
        let s = suggestions_for(insult);
        assert!(
            s.iter()
                .all(|t| !t.contains("droh") && !t.contains("threat")),
            "{insult}: {s:#?}"
        );
    }
}

/// A question to the company gets a holding answer that names what it asks; a complaint that mentions a
/// country or a size does not.
#[test]
fn suggestions_name_the_question_asked_in_both_languages() {
    for (comment, named) in [
        ("@ShopCrate Do you ship to Canada?", "ship to canada"),
        ("Liefert ihr auch nach Kanada?", "nach kanada liefern"),
        ("@ShopCrate Is the store open on Sunday?", "open on sunday"),
        ("Ist der Laden am Sonntag geöffnet?", "am sonntag geöffnet"),
        ("Can you tell me if the jacket comes in XL?", "in xl"),
        (
            "Kannst du mir sagen, ob es die Jacke auch in XL gibt?",
            "in xl gibt",
        ),
    ] {
        let s = suggestions_for(comment);
        assert!(s.iter().all(|t| t.contains(named)), "{comment}: {s:#?}");
        assert!(
            s.iter()
                .all(|t| !t.contains("order number") && !t.contains("bestellnummer")),
            "{comment}: {s:#?}"
        );
    }
    for comment in [
        "My parcel to Canada has been stuck for three weeks, this is ridiculous!",
        "Mein Paket nach Kanada hängt seit drei Wochen fest, das ist lächerlich!",
    ] {
        let s = suggestions_for(comment);
        assert!(
            s.iter()
                .all(|t| !t.contains("whether") && !t.contains("ob wir")),
            "{comment}: {s:#?}"
        );
    }
}
