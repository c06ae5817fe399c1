//! The learned parts: the offence heads and their combination with the rules (`src/learned/`, trained by
//! `krisenradar-train offence`), the identity-attack heads (`krisenradar-train identity`) and the respect
//! weights (`krisenradar-train respect`). They parse, stay small, rank invented minimal pairs the right way,
//! show up as evidence with real spans, and retraining reproduces the shipped files byte for byte.

use krisenradar::{Analysis, Facet, Lang, LearnedModel, Options, analyze};

/// The learned evidence of an analysis: (id, weight).
fn learned(an: &Analysis, model: LearnedModel) -> Vec<(String, f32)> {
    an.evidence
        .iter()
        .filter(|e| e.facet == Facet::Learned(model))
        .map(|e| (e.id.to_string(), e.weight))
        .collect()
}

/// The licensed training data (`../shared/data` with its `train/` folder), or None with a note when it is
/// absent (the retraining checks then do not run).
#[cfg(feature = "train")]
fn training_data(check: &str) -> Option<std::path::PathBuf> {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if data.join("train").is_dir() {
        Some(data)
    } else {
        eprintln!("note: {} is absent; {check} not checked", data.display());
        None
    }
}

/// Invented minimal pairs: an offensive comment and the same complaint said plainly, per language.
const OFFENCE_PAIRS: [(Lang, &str, &str); 8] = [
    (
        Lang::De,
        "Halt doch einfach dein dummes Maul, du Pack!",
        "Halt doch einfach mal kurz inne, liebes Team!",
    ),
    (
        Lang::De,
        "Euer Kundendienst besteht nur aus unfähigen Vollidioten.",
        "Euer Kundendienst besteht nur aus zwei freundlichen Leuten.",
    ),
    (
        Lang::De,
        "Was für ein verlogener Drecksladen, ihr Penner.",
        "Was für ein gemütlicher Laden, ihr Lieben.",
    ),
    (
        Lang::De,
        "Der Typ an der Kasse ist ein hirnloser Spast.",
        "Der Typ an der Kasse ist ein hilfsbereiter Student.",
    ),
    (
        Lang::En,
        "Shut your stupid mouth, you pathetic clown.",
        "Close the side door, it is cold in here.",
    ),
    (
        Lang::En,
        "Your support team is a bunch of useless idiots.",
        "Your support team is a bunch of helpful people.",
    ),
    (
        Lang::En,
        "What a lying scumbag company, screw you all.",
        "What a lovely small company, thank you all.",
    ),
    (
        Lang::En,
        "The guy at the counter is a brainless moron.",
        "The guy at the counter is a friendly student.",
    ),
];

#[test]
fn offence_heads_rank_every_offensive_comment_above_its_plain_twin() {
    for (lang, rude, plain) in OFFENCE_PAIRS {
        let (r, p) = (
            krisenradar::learned::offence(rude, lang).expect("head"),
            krisenradar::learned::offence(plain, lang).expect("head"),
        );
        assert!(r.p > p.p + 0.2, "{rude}: {} vs {plain}: {}", r.p, p.p);
        let (a, b) = (
            analyze(rude, &Options::default()),
            analyze(plain, &Options::default()),
        );
        assert_eq!((a.lang.code, b.lang.code), (lang, lang), "{rude} / {plain}");
        assert!(a.toxicity.toxic, "{rude}: {:?}", a.toxicity);
        assert!(!b.toxicity.toxic, "{plain}: {:?}", b.toxicity);
        assert!(a.toxicity.score > b.toxicity.score, "{rude} / {plain}");
    }
}

#[test]
fn learned_evidence_names_the_head_and_points_at_real_words() {
    for (lang, rude, _) in OFFENCE_PAIRS {
        let an = analyze(rude, &Options::default());
        let ev: Vec<&krisenradar::Evidence> = an
            .evidence
            .iter()
            .filter(|e| e.facet == Facet::Learned(LearnedModel::Offense))
            .collect();
        assert!(!ev.is_empty(), "{rude}: no learned evidence");
        let id = format!("learned:offence_{}", lang.code());
        for e in ev {
            assert_eq!(e.id, id);
            assert!(e.weight > 0.0);
            let word = e.span.slice(rude);
            assert!(word.chars().any(char::is_alphabetic), "{rude}: `{word}`");
        }
    }
    // a friendly comment stays far from toxic, whatever single words the head leans on
    for text in [
        "Liebes Team, danke für die schnelle Hilfe. Wir kommen gerne wieder!",
        "Dear team, thanks for the quick help. We will gladly come back!",
    ] {
        let an = analyze(text, &Options::default());
        let sum: f32 = learned(&an, LearnedModel::Offense)
            .iter()
            .map(|(_, w)| w)
            .sum();
        assert!(
            sum < 1.0,
            "{text}: {:?}",
            learned(&an, LearnedModel::Offense)
        );
        assert!(
            !an.toxicity.toxic && an.toxicity.score < 0.3,
            "{text}: {:?}",
            an.toxicity
        );
    }
}

#[test]
fn each_head_reads_only_its_own_language() {
    let en = analyze(
        "You are such a Depp, seriously, what a total loser move.",
        &Options::default(),
    );
    assert_ne!(en.lang.code, Lang::De);
    assert!(
        learned(&en, LearnedModel::Offense)
            .iter()
            .all(|(id, _)| id != "learned:offence_de")
    );
    let other = analyze("Quel magasin horrible, vraiment.", &Options::default());
    if other.lang.code == Lang::Other {
        assert!(learned(&other, LearnedModel::Offense).is_empty());
    }
}

/// Retrains the offence heads and their combination in process (only with `--features train`) and compares
/// with the shipped bytes.
#[cfg(feature = "train")]
#[test]
fn retraining_reproduces_the_shipped_offence_heads_and_combination() {
    use krisenradar::learned::combine::Combiner;
    use krisenradar::learned::train::{HeadKind, TrainConfig, fit_combination, train_head};
    let Some(data) = training_data("retraining") else {
        return;
    };
    for lang in [Lang::De, Lang::En] {
        let trained = train_head(&data, HeadKind::Offence, &TrainConfig::offence(lang))
            .unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        let shipped = krisenradar::learned::blob(krisenradar::learned::Kind::Offence, lang);
        assert!(
            trained.blob == shipped,
            "{lang:?}: retrained blob ({} bytes) differs from the shipped one ({} bytes)",
            trained.blob.len(),
            shipped.len()
        );
        let opts = Options::default().with_lang_hint(Some(lang));
        let c: Combiner = fit_combination(&trained, HeadKind::Offence.calibration_file(), |t| {
            krisenradar::analyze::toxicity_rule_side(t, &opts).1
        })
        .combiner;
        let line = c.line(lang);
        let file = include_str!("../src/learned/models/offence_combine.tsv");
        assert!(
            file.lines().any(|l| l == line),
            "{lang:?}: refitted combination `{line}` is not in offence_combine.tsv"
        );
    }
}

/// Invented English minimal pairs for the polarity heads: (negative, neutral, positive) versions of one
/// message.
const POLARITY_TRIPLES: [(&str, &str, &str); 4] = [
    (
        "The delivery was late again and nobody answered my emails, so disappointing.",
        "The delivery is planned for Tuesday and the tracking number is in the email.",
        "The delivery was early and the driver was so friendly, really made my day.",
    ),
    (
        "Worst update ever, the app keeps crashing and I lost all my notes.",
        "The update is version 4.2 and it changes the menu layout.",
        "Best update ever, the app is so fast now and my notes sync perfectly.",
    ),
    (
        "Terrible service at the counter today, rude and slow.",
        "The counter opens at nine today and closes at six.",
        "Lovely service at the counter today, quick and kind.",
    ),
    (
        "I hate how the new jacket fits, it looks awful.",
        "The new jacket comes in four sizes and two colours.",
        "I love how the new jacket fits, it looks amazing.",
    ),
];

#[test]
fn english_polarity_labels_follow_the_minimal_triples() {
    use krisenradar::SentimentLabel::*;
    for (neg, neutral, pos) in POLARITY_TRIPLES {
        for (text, want) in [(neg, Negative), (neutral, Neutral), (pos, Positive)] {
            let an = analyze(text, &Options::default());
            assert_eq!(an.lang.code, Lang::En, "{text}");
            assert_eq!(an.sentiment.label, want, "{text}: {:?}", an.sentiment);
            let ev = learned(&an, LearnedModel::Sentiment);
            match want {
                Negative => assert!(
                    ev.iter()
                        .all(|(id, w)| id == "learned:negative_en" && *w < 0.0)
                ),
                Positive => assert!(
                    ev.iter()
                        .all(|(id, w)| id == "learned:positive_en" && *w > 0.0)
                ),
                Neutral => assert!(ev.is_empty(), "{text}: {ev:?}"),
            }
        }
        let p = krisenradar::learned::polarity(neg, Lang::En).expect("heads");
        let q = krisenradar::learned::polarity(pos, Lang::En).expect("heads");
        assert!(p.0.p > q.0.p && q.1.p > p.1.p, "{neg} / {pos}");
    }
}

#[test]
fn german_polarity_stays_with_the_rules() {
    // no German polarity heads ship (docs/learning.md): the label is the rules' own
    assert!(krisenradar::learned::polarity("Das ist toll.", Lang::De).is_none());
    for (text, want) in [
        (
            "Die Lieferung kam schon wieder zu spät, echt enttäuschend.",
            krisenradar::SentimentLabel::Negative,
        ),
        (
            "Die Lieferung kam pünktlich, der Fahrer war sehr freundlich, super!",
            krisenradar::SentimentLabel::Positive,
        ),
    ] {
        let an = analyze(text, &Options::default());
        assert_eq!(an.lang.code, Lang::De);
        assert_eq!(an.sentiment.label, want, "{text}");
        assert!(learned(&an, LearnedModel::Sentiment).is_empty());
    }
}

/// Retrains the English polarity heads and their combination (only with `--features train`) and compares
/// with the shipped files.
#[cfg(feature = "train")]
#[test]
fn retraining_reproduces_the_shipped_polarity_heads_and_combination() {
    use krisenradar::learned::train::{HeadKind, TrainConfig, fit_polarity, train_head};
    use krisenradar::learned::{Kind, blob};
    let Some(data) = training_data("retraining") else {
        return;
    };
    let cfg = TrainConfig::polarity(Lang::En);
    let negative = train_head(&data, HeadKind::Negative, &cfg).expect("negative");
    let positive = train_head(&data, HeadKind::Positive, &cfg).expect("positive");
    assert!(
        negative.blob == blob(Kind::Negative, Lang::En),
        "negative_en.bin differs"
    );
    assert!(
        positive.blob == blob(Kind::Positive, Lang::En),
        "positive_en.bin differs"
    );
    let opts = Options::default().with_lang_hint(Some(Lang::En));
    let fit = fit_polarity(
        &negative,
        &positive,
        HeadKind::Negative.calibration_file(),
        |t| f64::from(analyze(t, &opts).sentiment.score),
    )
    .expect("fit");
    let file = include_str!("../src/learned/models/polarity_combine.tsv");
    assert!(
        file.ends_with(&fit.combiner.lines(Lang::En)),
        "refitted polarity combination differs:\n{}",
        fit.combiner.lines(Lang::En)
    );
}

// ---------------------------------------------------------------------------------------------------------
// The identity-attack heads (`src/learned/`, blobs `src/learned/models/identity_<lang>.bin`, trained by
// `krisenradar-train identity`): they parse, score in [0, 1], rank an invented attack above its neutral
// minimal pair, point at real words, and retraining reproduces them byte for byte.

mod identity_heads {
    use krisenradar::Lang;
    use krisenradar::learned::{self, Head, MAX_CONTRIBUTIONS, MIN_CONTRIBUTION, Scored};
    use krisenradar::text::fold;
    use proptest::prelude::*;

    /// Raw size limit per blob (the gzip size of both together stays well below 300 KB).
    const MAX_BLOB: usize = 200 * 1024;

    /// Invented sentences: an attack on a group and its neutral minimal pair, five per language.
    const PAIRS: [(Lang, &str, &str); 10] = [
        (
            Lang::En,
            "Refugees are vermin and must be thrown out.",
            "Refugees are welcome at our store.",
        ),
        (
            Lang::En,
            "Muslims are animals, send them all back where they came from.",
            "Muslims are customers, we serve them all the same way.",
        ),
        (
            Lang::En,
            "Women are too stupid to drive and should stay in the kitchen.",
            "Women are welcome to drive our new cars and test the kitchen.",
        ),
        (
            Lang::En,
            "Immigrants are criminals who rape and steal, deport them all.",
            "Immigrants are neighbours who work and shop here, welcome them all.",
        ),
        (
            Lang::En,
            "Jews control the banks and poison our country.",
            "Jews visit the banks and shop in our country.",
        ),
        (
            Lang::De,
            "Flüchtlinge sind Ungeziefer und gehören rausgeworfen.",
            "Flüchtlinge sind in unserem Laden willkommen.",
        ),
        (
            Lang::De,
            "Diese Ausländer sind Abschaum, schickt sie alle zurück!",
            "Diese Kunden sind freundlich, schickt sie alle zu uns!",
        ),
        (
            Lang::De,
            "Frauen sind zu dumm zum Autofahren und gehören an den Herd.",
            "Frauen sind herzlich eingeladen, unser neues Auto zu fahren.",
        ),
        (
            Lang::De,
            "Muslime sind alle Terroristen und Vergewaltiger, abschieben!",
            "Muslime sind alle herzlich eingeladen, bei uns einzukaufen.",
        ),
        (
            Lang::De,
            "Die Juden sind schuld an allem und vergiften unser Land.",
            "Die Juden in unserer Stadt feiern heute ein Fest.",
        ),
    ];

    fn check_spans(text: &str, s: &Scored) {
        assert!((0.0..=1.0).contains(&s.p), "{text}: p = {}", s.p);
        assert!(s.contributions.len() <= MAX_CONTRIBUTIONS);
        for w in s.contributions.windows(2) {
            assert!(w[0].weight >= w[1].weight, "{text}: not strongest first");
        }
        for c in &s.contributions {
            assert!(c.weight >= MIN_CONTRIBUTION && c.weight.is_finite());
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            let slice = c.span.slice(text);
            assert!(!slice.is_empty(), "{text}: empty span {:?}", c.span);
            // a real word (or two): its folded form has letters or digits; a single word has no space
            assert!(
                fold(slice).chars().any(char::is_alphanumeric),
                "{text}: `{slice}`"
            );
            if c.word {
                assert!(!slice.contains(char::is_whitespace), "{text}: `{slice}`");
            }
        }
    }

    #[test]
    fn shipped_blobs_parse_round_trip_and_stay_small() {
        for lang in [Lang::De, Lang::En] {
            let blob = learned::identity_blob(lang);
            assert!(!blob.is_empty(), "{lang:?}: no blob compiled in");
            assert!(blob.len() <= MAX_BLOB, "{lang:?}: {} bytes", blob.len());
            let head = Head::parse(blob).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            assert_eq!(head.lang, lang);
            assert_eq!(head.to_bytes(), blob, "{lang:?}: not a canonical blob");
            assert!(
                head.buckets.len() >= 1000,
                "{lang:?}: {} weights",
                head.buckets.len()
            );
            assert!(
                head.platt_a > 0.0,
                "{lang:?}: calibration turns the score around"
            );
            assert!(learned::identity_head(lang).is_some());
        }
        assert!(learned::identity_head(Lang::Other).is_none());
        assert!(learned::identity_attack("Refugees are vermin.", Lang::Other).is_none());
    }

    /// A bag-of-n-grams head knows only words its data has: a word absent from it (`Ungeziefer` never occurs
    /// in the German data) adds nothing. So per language at least four of the five attacks must outscore
    /// their neutral pair, and on average by a clear margin.
    #[test]
    fn attacks_score_above_their_neutral_minimal_pairs() {
        for lang in [Lang::En, Lang::De] {
            let (mut wins, mut margin, mut lost) = (0, 0.0f32, Vec::new());
            for (_, attack, neutral) in PAIRS.iter().filter(|p| p.0 == lang) {
                let a = learned::identity_attack(attack, lang).expect("model");
                let n = learned::identity_attack(neutral, lang).expect("model");
                check_spans(attack, &a);
                check_spans(neutral, &n);
                assert!(
                    !a.contributions.is_empty(),
                    "{attack}: no word raised the score"
                );
                margin += (a.p - n.p) / 5.0;
                if a.p > n.p {
                    wins += 1;
                } else {
                    lost.push(format!("{attack} {:.3} <= {neutral} {:.3}", a.p, n.p));
                }
            }
            assert!(wins >= 4, "{lang:?}: {wins} of 5; lost: {lost:#?}");
            assert!(
                margin >= 0.1,
                "{lang:?}: mean margin {margin}; lost: {lost:#?}"
            );
        }
    }

    #[test]
    fn odd_inputs_score_in_range() {
        let long = "Flüchtlinge ".repeat(20_000);
        for lang in [Lang::De, Lang::En] {
            for text in [
                "",
                " ",
                "@user https://example.org",
                "😀😀😀",
                "a\u{0308}\u{200B}b",
                "İSTANBUL ﬁ ½",
                long.as_str(),
            ] {
                let s = learned::identity_attack(text, lang).expect("model");
                check_spans(text, &s);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_string_scores_in_range_with_valid_spans(text in any::<String>()) {
            for lang in [Lang::De, Lang::En] {
                let s = learned::identity_attack(&text, lang).expect("model");
                check_spans(&text, &s);
            }
        }
    }

    /// Retrains both heads in process (only with `--features train`; about 40 s in a debug build, 6 s in
    /// release: `cargo test --release --features train --test learned`) and compares with the shipped bytes.
    #[cfg(feature = "train")]
    #[test]
    fn retraining_reproduces_the_shipped_blobs() {
        use krisenradar::learned::train::{TrainConfig, train_identity};
        let Some(data) = super::training_data("retraining") else {
            return;
        };
        for lang in [Lang::De, Lang::En] {
            let trained = train_identity(&data, &TrainConfig::identity(lang))
                .unwrap_or_else(|e| panic!("{lang:?}: {e}"));
            assert!(
                trained.blob == learned::identity_blob(lang),
                "{lang:?}: retrained blob ({} bytes) differs from the shipped one ({} bytes)",
                trained.blob.len(),
                learned::identity_blob(lang).len()
            );
        }
    }

    /// The held-back rows are JSONL `{"text": …}`, positive only when asked, and about a tenth of the data.
    #[cfg(feature = "train")]
    #[test]
    fn holdout_prints_held_back_rows_as_jsonl() {
        use krisenradar::learned::train::{holdout_jsonl, identity_files, load_rows};
        let Some(data) = super::training_data("holdout") else {
            return;
        };
        let out = holdout_jsonl(&data, Lang::De, "identity_attack", true).expect("holdout");
        let all = load_rows(&data, identity_files(Lang::De), "identity_attack").expect("rows");
        let positives = all.iter().filter(|r| r.label).count();
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            !lines.is_empty() && lines.len() * 5 < positives,
            "{} of {positives}",
            lines.len()
        );
        for line in lines {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let text = v["text"].as_str().expect("text");
            assert!(all.iter().any(|r| r.label && r.text == text));
        }
    }
}

// ---------------------------------------------------------------------------------------------------------
// The respect weights of the reply checker (`src/reply/respect_weights.tsv`, written by
// `krisenradar-train respect`): they parse, name every feature, and refitting reproduces the file byte for
// byte.

mod respect_weights {
    use krisenradar::reply::respect::{Feature, WEIGHTS_TSV, parse_weights};

    #[test]
    fn shipped_weights_name_every_feature_and_say_how_they_were_made() {
        let w = parse_weights(WEIGHTS_TSV).expect("weights");
        assert!(w.weights.iter().any(|x| *x != 0.0), "all weights are zero");
        let header: Vec<&str> = WEIGHTS_TSV
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect();
        let header = header.join("\n");
        for needle in [
            "CC BY 4.0",
            "GoEmotions",
            "cross-validated",
            "krisenradar-train -- respect",
        ] {
            assert!(header.contains(needle), "header lacks `{needle}`");
        }
        let body = WEIGHTS_TSV.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(
            body,
            Feature::ALL.len() + 1,
            "one line per feature and <bias>"
        );
    }

    /// The weights are fitted only on the training folder, whose licences allow shipping a model; the
    /// politeness ratings are only measured.
    #[cfg(feature = "train")]
    #[test]
    fn weights_are_fitted_on_shippable_data_only() {
        use krisenradar::learned::train_respect::{MEASURE_FILE, RESPECT_FILE};
        assert!(RESPECT_FILE.starts_with("train/"), "{RESPECT_FILE}");
        assert_ne!(RESPECT_FILE, MEASURE_FILE);
    }

    /// Refits in process (`cargo test --release --features train --test learned`) and compares with the
    /// shipped file; skipped when the data folder is absent.
    #[cfg(feature = "train")]
    #[test]
    fn refitting_reproduces_the_shipped_weights() {
        use krisenradar::learned::train_respect::{RESPECT_FILE, RespectConfig, train_respect};
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        if !data.join(RESPECT_FILE).is_file() {
            eprintln!("note: {} is absent; refitting not checked", data.display());
            return;
        }
        let fit = train_respect(&data, &RespectConfig::default()).expect("fit");
        assert!(
            fit.tsv == WEIGHTS_TSV,
            "refitted weights differ from src/reply/respect_weights.tsv:\n{}",
            fit.tsv
        );
        assert_eq!(
            &fit.weights,
            parse_weights(WEIGHTS_TSV).as_ref().expect("weights")
        );
    }
}
