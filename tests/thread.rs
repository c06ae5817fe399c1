//! Thread early warning on synthetic threads: status, reasons, recurring issues, velocity, actions.

mod thread_gen;

use krisenradar::thread::{
    ActionKind, CommentIn, Status, ThreadState, ThreadSummary, Thresholds, Trend, summarize_thread,
    summarize_thread_with,
};
use krisenradar::{Lang, Options, analyze};
use thread_gen::*;

fn de() -> Options {
    Options::new(Lang::De)
}

#[track_caller]
fn has_reason(s: &ThreadSummary, code: &str, status: Status) {
    assert!(
        s.reasons
            .iter()
            .any(|r| r.code == code && r.status == status),
        "no {code}/{status:?} reason in {:#?}",
        s.reasons
    );
}

#[track_caller]
fn has_action(s: &ThreadSummary, kind: ActionKind) {
    assert!(
        s.actions.iter().any(|a| a.kind == kind),
        "no {kind:?} in {:#?}",
        s.actions
    );
}

fn print(s: &ThreadSummary) {
    eprintln!(
        "status {:?}, critical {}/{} by {}, loudest {:.2}, reasons {:#?}, issues {:#?}",
        s.status,
        s.critical,
        s.comments,
        s.critical_authors,
        s.loudest_share,
        s.reasons,
        s.recurring
            .iter()
            .map(|r| (&r.label, r.size, r.authors))
            .collect::<Vec<_>>()
    );
}

#[test]
fn calm_thread_is_calm() {
    let s = summarize_thread_with(&calm(), &de(), &Thresholds::default());
    print(&s);
    assert_eq!(s.status, Status::Calm);
    assert_eq!(s.reasons[0].code, "below_thresholds");
    assert!(s.reasons[0].message.contains("Keine Schwelle"));
    assert!(s.recurring.iter().all(|r| r.authors < 3));
    let v = s.velocity.expect("timestamps");
    assert_ne!(v.current.trend, Trend::Spike);
    assert_ne!(v.peak.trend, Trend::Spike);
    assert_eq!(
        s.actions.len(),
        s.actions
            .iter()
            .filter(|a| a.kind != ActionKind::EscalatePr)
            .count()
    );
    assert!(!s.actions.iter().any(|a| matches!(
        a.kind,
        ActionKind::EscalatePr | ActionKind::EscalateManagement | ActionKind::EscalateLegal
    )));
    has_action(&s, ActionKind::Monitor);
}

#[test]
fn slow_burning_delivery_problem_becomes_a_crisis_through_one_recurring_issue() {
    let thread = slow_burn();
    let mut state = ThreadState::new(de());
    let mut statuses = Vec::new();
    let day = |c: &CommentIn| (c.timestamp.unwrap_or(0) - t0()) / (24 * HOUR);
    let mut current_day = 0;
    for c in &thread {
        if day(c) != current_day {
            statuses.push(state.summary().status);
            current_day = day(c);
        }
        state.push(c);
    }
    let s = state.summary();
    statuses.push(s.status);
    print(&s);
    // day 1 is calm, then the issue grows: never falls back, ends in crisis
    assert_eq!(statuses[0], Status::Calm, "{statuses:?}");
    assert!(statuses.windows(2).all(|w| w[0] <= w[1]), "{statuses:?}");
    assert_eq!(s.status, Status::Crisis);
    has_reason(&s, "recurring_issue", Status::Crisis);
    let top = &s.recurring[0];
    assert!(top.label.contains("Paket"), "label {}", top.label);
    assert!(
        top.authors >= 30 && top.size >= 30,
        "{} / {}",
        top.size,
        top.authors
    );
    assert!(top.examples.len() == 3);
    assert_eq!(top.topic, krisenradar::Topic::Delivery);
    // slow: no hour stands out against its own baseline
    let v = s.velocity.expect("timestamps");
    assert_ne!(v.peak.trend, Trend::Spike);
    assert_ne!(v.current.trend, Trend::Spike);
    assert!(!s.reasons.iter().any(|r| r.code == "spike"));
    // one statement for the recurring issue is the first public answer
    let public = s
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::RespondPublicly)
        .expect("respond publicly");
    assert!(public.message.contains("Paket"), "{}", public.message);
    has_action(&s, ActionKind::EscalatePr);
}

#[test]
fn sudden_safety_crisis_spikes_and_escalates() {
    let s = summarize_thread_with(&safety_crisis(), &de(), &Thresholds::default());
    print(&s);
    assert_eq!(s.status, Status::Crisis);
    has_reason(&s, "severe_authors", Status::Crisis);
    has_reason(&s, "spike", Status::Crisis);
    let v = s.velocity.expect("timestamps");
    assert_eq!(
        v.peak.start,
        t0() + 24 * HOUR,
        "peak at the hour the batteries burned"
    );
    assert_eq!(v.peak.trend, Trend::Spike);
    assert!(v.peak.critical >= 20, "{}", v.peak.critical);
    assert!(v.peak.baseline_mean < 1.0);
    let top = &s.recurring[0];
    assert!(top.label.contains("Akku"), "label {}", top.label);
    assert!(
        top.authors >= 28,
        "paraphrases of one battery problem form one issue: {}",
        top.authors
    );
    has_action(&s, ActionKind::EscalatePr);
    has_action(&s, ActionKind::EscalateManagement);
    // the comments to answer first are the safety reports
    assert!(!s.top_comments.is_empty());
    assert!(s.top_comments[0].text.contains("Akku"));
    assert!(
        s.top_comments
            .windows(2)
            .all(|w| w[0].priority >= w[1].priority)
    );
}

#[test]
fn sudden_safety_crisis_in_english() {
    let s = summarize_thread(&safety_crisis_en());
    print(&s);
    assert_eq!(s.status, Status::Crisis);
    assert_eq!(s.ui_lang, Lang::En);
    has_reason(&s, "spike", Status::Crisis);
    assert!(s.reasons.iter().any(|r| r.message.contains("threshold")));
    assert!(s.recurring[0].label.to_lowercase().contains("battery"));
    has_action(&s, ActionKind::EscalateManagement);
}

#[test]
fn troll_pile_on_by_few_authors_is_tense_not_a_crisis() {
    let s = summarize_thread_with(&troll_pile_on(), &de(), &Thresholds::default());
    print(&s);
    assert_eq!(s.status, Status::Tense);
    has_reason(&s, "few_loud_voices", Status::Tense);
    assert_eq!(s.toxic_authors, 3);
    assert!(s.toxic >= 20);
    assert!(s.loudest_share > 0.9);
    // the burst is there, but it is three people: no crisis from it
    assert!(!s.reasons.iter().any(|r| r.status == Status::Crisis));
    has_action(&s, ActionKind::Moderate);
    assert!(!s.actions.iter().any(|a| a.kind == ActionKind::EscalatePr));
}

#[test]
fn the_same_insults_from_many_authors_are_a_pile_on() {
    // the troll texts again, but each from a different author: now it is broad
    let mut thread = troll_pile_on();
    for (i, c) in thread.iter_mut().enumerate() {
        if c.author.as_deref().is_some_and(|a| a.starts_with("troll")) {
            c.author = Some(author(500 + i));
        }
    }
    let s = summarize_thread_with(&thread, &de(), &Thresholds::default());
    print(&s);
    assert_eq!(s.toxic_authors, 24);
    assert!(!s.reasons.iter().any(|r| r.code == "few_loud_voices"));
    assert_eq!(s.status, Status::Crisis);
}

#[test]
fn thresholds_are_tunable_and_reported() {
    let th = Thresholds {
        crisis_cluster_authors: 1000,
        ..Thresholds::default()
    };
    let s = summarize_thread_with(&slow_burn(), &de(), &th);
    assert_eq!(s.thresholds.crisis_cluster_authors, 1000);
    assert_eq!(s.status, Status::Tense);
    let r = s
        .reasons
        .iter()
        .find(|r| r.code == "recurring_issue")
        .expect("recurring");
    assert_eq!(
        r.threshold,
        Thresholds::default().tense_cluster_authors as f64
    );
}

#[test]
fn incremental_state_equals_batch_summary() {
    let thread = safety_crisis();
    let batch = summarize_thread(&thread);
    let mut state = ThreadState::new(Options::default());
    let (a, b) = thread.split_at(thread.len() / 2);
    for c in a {
        state.push(c);
    }
    let _ = state.summary();
    for c in b {
        let analysis = analyze(&c.text, state.options());
        state.push_analyzed(c, &analysis);
    }
    assert_eq!(state.summary(), batch);
}

#[test]
fn comments_without_authors_or_times_still_summarise() {
    let thread: Vec<CommentIn> = safety_crisis()
        .into_iter()
        .map(|c| CommentIn::new(c.id, c.text))
        .collect();
    let s = summarize_thread(&thread);
    assert!(s.velocity.is_none() && s.timeline.is_none());
    assert_eq!(s.with_author, 0);
    assert_eq!(s.authors, thread.len() as u64);
    assert_eq!(s.status, Status::Crisis);
}

#[test]
fn replies_raise_a_top_comment() {
    let mut thread = vec![
        CommentIn::new(
            "a",
            "Mein Paket ist seit 3 Wochen nicht angekommen, keiner antwortet.",
        ),
        CommentIn::new(
            "b",
            "Mein Paket ist seit 3 Wochen nicht angekommen, keiner antwortet!",
        ),
    ];
    for i in 0..5 {
        thread.push(CommentIn::new(format!("r{i}"), "Bei mir genauso.").with_parent("b"));
    }
    let s = summarize_thread(&thread);
    assert_eq!(s.replies, 5);
    assert_eq!(s.top_comments[0].id, "b");
    assert_eq!(s.top_comments[0].replies, 5);
}

#[test]
fn comment_json_is_plain_with_defaults() {
    let c: CommentIn = serde_json::from_str(r#"{"text":"Hallo"}"#).expect("json");
    assert_eq!(c, CommentIn::new("", "Hallo"));
    let c: CommentIn = serde_json::from_str(
        r#"{"id":"7","text":"x","author":"Mia","timestamp":1790000000,"parent":"3"}"#,
    )
    .expect("json");
    assert_eq!(c.timestamp, Some(1_790_000_000));
    let s = summarize_thread(&[c]);
    let v = serde_json::to_value(&s).expect("serialise");
    assert_eq!(v["status"], "calm");
    assert!(v["levels"]["monitor"].is_u64());
    assert!(v["signals"]["complaint"].is_u64());
}

#[test]
fn memory_stays_bounded_with_many_distinct_complaints() {
    // 12,000 different complaints: the cluster sketch stays under its cap
    let mut state = ThreadState::new(Options::default());
    let mut rng = Rng::new(9);
    let words = [
        "Lieferung",
        "Rechnung",
        "Kundenservice",
        "Hotline",
        "Rückgabe",
        "Garantie",
        "Display",
        "Scharnier",
        "Ladekabel",
        "Verpackung",
        "Gutschein",
        "Abo",
        "Filiale",
        "App",
        "Passwort",
    ];
    for i in 0..12_000u64 {
        let text = format!(
            "{} und {} kaputt, Fall {} – {} {} mies",
            rng.pick(&words),
            rng.pick(&words),
            i,
            rng.pick(&words),
            i * 7919 % 10007
        );
        let c = CommentIn::new(i.to_string(), text).with_author(format!("u{i}"));
        state.push(&c);
    }
    assert!(state.clusters_in_memory() <= krisenradar::thread::params::MAX_CLUSTERS);
    let s = state.summary();
    assert_eq!(s.comments, 12_000);
    assert!(s.top_comments.len() <= krisenradar::thread::params::TOP_COMMENTS);
}

mod never_panics {
    use krisenradar::Options;
    use krisenradar::thread::{CommentIn, ThreadState};
    use proptest::prelude::*;

    fn comment() -> impl Strategy<Value = CommentIn> {
        (
            ".{0,80}",
            proptest::option::of("[a-zA-Zäöü ]{0,6}"),
            proptest::option::of(prop_oneof![
                Just(i64::MIN),
                Just(i64::MAX),
                Just(0i64),
                -10_000_000_000i64..10_000_000_000i64,
                1_790_000_000i64..1_790_100_000i64,
            ]),
            proptest::option::of("[a-c]{0,2}"),
        )
            .prop_map(|(text, author, timestamp, parent)| CommentIn {
                id: String::from("a"),
                text,
                author,
                timestamp,
                parent,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn any_thread_summarises(thread in proptest::collection::vec(comment(), 0..40)) {
            let mut state = ThreadState::new(Options::default());
            for c in &thread {
                state.push(c);
                let _ = state.summary();
            }
            let s = state.summary();
            prop_assert_eq!(s.comments, thread.len() as u64);
            prop_assert!(s.critical <= s.comments);
            if let Some(t) = &s.timeline {
                prop_assert!(t.buckets.len() <= krisenradar::thread::params::TIMELINE_BUCKETS);
            }
        }
    }
}

#[test]
fn hate_in_a_calm_thread_is_documented_and_reported() {
    for (lang, hate) in [
        (
            Lang::De,
            "Flüchtlinge sind Ungeziefer und gehören alle abgeschoben.",
        ),
        (Lang::En, "Refugees are vermin and should all be sent back."),
    ] {
        let mut thread = calm();
        let calm_summary =
            summarize_thread_with(&thread, &Options::new(lang), &Thresholds::default());
        assert!(
            !calm_summary
                .actions
                .iter()
                .any(|a| a.kind == ActionKind::EscalateLegal),
            "no hate, no legal action"
        );
        thread.push(CommentIn::new("hate-1", hate));
        let s = summarize_thread_with(&thread, &Options::new(lang), &Thresholds::default());
        let action = s
            .actions
            .iter()
            .find(|a| a.kind == ActionKind::EscalateLegal)
            .expect("a hate comment asks for documentation and a report");
        assert_eq!(action.comment_ids, vec!["hate-1".to_string()]);
    }
}
