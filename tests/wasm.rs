//! The WebAssembly binding in a real browser (headless Chromium): spans arrive as UTF-16 offsets that JS can
//! slice with, for emoji, combining marks and umlauts; options and bad input behave as documented.
//!
//! Run: `.ci/test.d/20-wasm.sh` (wasm-pack test --headless --chrome).
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Object, Reflect};
use krisenradar::reply::{ReplyContext, lint_reply as native_lint};
use krisenradar::thread::{CommentIn, summarize_thread_with};
use krisenradar::wasm::{
    Utf16Offsets, analyze_batch, catalogue, lint_reply, suggest_replies, summarize_thread, version,
};
use krisenradar::{Options, Span, analyze};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn item(id: &str, text: &str) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"id".into(), &id.into()).unwrap();
    Reflect::set(&o, &"text".into(), &text.into()).unwrap();
    o.into()
}

fn items(texts: &[&str]) -> JsValue {
    let a = Array::new();
    for (i, t) in texts.iter().enumerate() {
        a.push(&item(&format!("c{i}"), t));
    }
    a.into()
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn run(texts: &[&str], opts: JsValue) -> Vec<Value> {
    let out = analyze_batch(items(texts), opts).unwrap_or_else(|_| panic!("analyzeBatch threw"));
    let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
    v.as_array().unwrap().clone()
}

/// JS's own view of a string: slice by UTF-16 code units.
fn js_slice(text: &str, start: u64, end: u64) -> String {
    String::from(JsString::from(text).substring(start as u32, end as u32))
}

fn js_index_of(text: &str, needle: &str) -> u64 {
    let i = JsString::from(text).index_of(needle, 0);
    assert!(i >= 0, "{needle:?} not in {text:?}");
    i as u64
}

/// Every evidence span, sliced by JS in UTF-16 units, shows the same text the core's UTF-8 span covers.
#[track_caller]
fn assert_spans_match(text: &str, result: &Value) {
    let native = analyze(text, &Options::default());
    let evidence = result["evidence"].as_array().unwrap();
    assert_eq!(
        evidence.len(),
        native.evidence.len(),
        "evidence count for {text:?}"
    );
    for (js, rs) in evidence.iter().zip(&native.evidence) {
        let (s, e) = (
            js["span"]["start"].as_u64().unwrap(),
            js["span"]["end"].as_u64().unwrap(),
        );
        assert_eq!(
            js_slice(text, s, e),
            rs.span.slice(text),
            "evidence {} in {text:?}",
            rs.id
        );
    }
}

#[wasm_bindgen_test]
fn offsets_table_counts_utf16_units() {
    // ä: 2 bytes, 1 unit · 😡: 4 bytes, 2 units (a surrogate pair) · e + U+0301: 1 + 2 bytes, 2 units · x
    let text = "ä😡e\u{301}x";
    let m = Utf16Offsets::new(text);
    let got: Vec<usize> = [0, 2, 6, 7, 9, 10].iter().map(|&b| m.convert(b)).collect();
    assert_eq!(got, vec![0, 1, 3, 4, 5, 6]);
    assert_eq!(m.convert(999), 6, "past the end maps to the end");
    assert_eq!(m.span(Span::new(2, 6)), Span::new(1, 3));
    let ascii = Utf16Offsets::new("plain");
    assert_eq!(ascii.convert(3), 3);
    assert_eq!(ascii.convert(99), 5);
}

#[wasm_bindgen_test]
fn email_after_emoji_lands_on_its_utf16_position() {
    let text = "😡😡😡 Schon wieder nichts geliefert!!! Schreibt mir an kunde.müller@example.de";
    let r = run(&[text], JsValue::UNDEFINED);
    let ev = r[0]["evidence"].as_array().unwrap();
    let pii = ev
        .iter()
        .find(|e| e["facet"] == "personal_data")
        .expect("the e-mail address is personal data");
    let start = pii["span"]["start"].as_u64().unwrap();
    let end = pii["span"]["end"].as_u64().unwrap();
    assert_eq!(start, js_index_of(text, "kunde.müller@example.de"));
    assert_eq!(js_slice(text, start, end), "kunde.müller@example.de");
    assert_spans_match(text, &r[0]);
}

#[wasm_bindgen_test]
fn spans_match_for_emoji_combining_marks_and_umlauts() {
    let texts = [
        "Ihr seid solche Idioten 🤬🤬 und die Lieferung ist seit 3 Wochen überfällig!!!",
        // "Lösung", "Bestätigung" with combining diaeresis (NFD), then a flag emoji and a family ZWJ sequence
        "Keine Lo\u{308}sung, keine Besta\u{308}tigung 🇩🇪👨\u{200d}👩\u{200d}👧 – ich kündige und gehe zum Anwalt!",
        "Scheiße, das Gerät wurde heiß und hat gequalmt 🔥🔥 Rückruf sofort! Tel. 0171 2345678",
        "You absolute idiots 😤 my order is 3 weeks late, I want a refund NOW!!! email me at jo@example.com",
        "Ünd nöch ëin Tëst mit Ümläuten ÄÖÜ äöü ß 🙂",
    ];
    let r = run(&texts, JsValue::UNDEFINED);
    assert_eq!(r.len(), texts.len());
    for (t, res) in texts.iter().zip(&r) {
        assert_spans_match(t, res);
    }
    // the lexicon hits behind the emoji and the decomposed umlauts are found and placed
    let insult = r[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["facet"] == "toxic")
        .expect("an insult");
    assert_eq!(span_of(&insult["span"]).0, js_index_of(texts[0], "Idioten"));
    let legal = r[1]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "legal")
        .expect("a legal threat after a flag and a ZWJ family");
    assert_eq!(span_of(&legal["span"]).0, js_index_of(texts[1], "Anwalt"));
    // the phone number after two fire emoji (4 UTF-16 units where UTF-8 counts 8 bytes)
    let phone = r[2]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["facet"] == "personal_data")
        .expect("a phone number is personal data");
    assert_eq!(
        phone["span"]["start"].as_u64().unwrap(),
        js_index_of(texts[2], "0171")
    );
}

/// The fields every analysis has beside its id, evidence and address.
const FACETS: [&str; 6] = [
    "lang",
    "sentiment",
    "toxicity",
    "signals",
    "topic",
    "criticality",
];

#[wasm_bindgen_test]
fn ids_order_and_shape_are_kept() {
    let a = Array::new();
    a.push(&item("first", "Danke, alles super!"));
    let numeric = Object::new();
    Reflect::set(&numeric, &"id".into(), &JsValue::from_f64(42.0)).unwrap();
    Reflect::set(&numeric, &"text".into(), &"".into()).unwrap();
    a.push(&numeric);
    let out = analyze_batch(a.into(), JsValue::NULL).unwrap_or_else(|_| panic!("threw"));
    let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
    assert_eq!(v[0]["id"], "first");
    assert_eq!(v[1]["id"], 42.0);
    for key in FACETS.iter().chain(&["evidence"]) {
        assert!(v[0].get(key).is_some(), "missing {key}");
    }
    assert!(v[0]["address"].is_null(), "None becomes null");
    assert!(v[0]["criticality"]["level"].is_string());
}

#[wasm_bindgen_test]
fn without_evidence_the_results_count_it_and_keep_everything_else() {
    let texts = [
        "Seit 3 Wochen kein Paket 😡 Ich gehe jetzt zum Anwalt! max@example.org",
        "Great, late again. Your support is useless.",
        "Danke!",
    ];
    let full = run(&texts, options(r#"{"uiLang":"de"}"#));
    let lean = run(&texts, options(r#"{"uiLang":"de","evidence":false}"#));
    for (f, l) in full.iter().zip(&lean) {
        let n = f["evidence"].as_array().unwrap().len();
        assert!(n > 0, "every text here has evidence: {f}");
        assert_eq!(l["evidenceCount"].as_u64(), Some(n as u64));
        assert_eq!(l["evidence"].as_array().map(Vec::len), Some(0));
        assert!(
            f.get("evidenceCount").is_none(),
            "with evidence there is no count"
        );
        for key in FACETS.iter().chain(&["address"]) {
            assert_eq!(f[key], l[key], "{key} is the same without evidence");
        }
    }
    // `evidence: true` is the default
    let explicit = run(&texts[..1], options(r#"{"uiLang":"de","evidence":true}"#));
    assert_eq!(explicit[0], full[0]);
}

#[wasm_bindgen_test]
fn ui_lang_changes_the_reason_language() {
    let text = "Seit 3 Wochen kein Paket. Ich gehe jetzt zum Anwalt!";
    let de = run(&[text], options(r#"{"uiLang":"de"}"#));
    let en = run(&[text], options(r#"{"uiLang":"en","sensitivity":0.5}"#));
    let native_de = analyze(text, &Options::new(krisenradar::Lang::De));
    let native_en = analyze(text, &Options::new(krisenradar::Lang::En));
    let msgs = |v: &Value| -> Vec<String> {
        v["criticality"]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["message"].as_str().unwrap().to_string())
            .collect()
    };
    let want = |a: &krisenradar::Analysis| -> Vec<String> {
        a.criticality
            .reasons
            .iter()
            .map(|r| r.message.clone())
            .collect()
    };
    assert_eq!(msgs(&de[0]), want(&native_de));
    assert_eq!(msgs(&en[0]), want(&native_en));
}

#[wasm_bindgen_test]
fn watch_words_reach_the_core() {
    let text = "Wann kommt endlich der Turbomixer 3000 wieder?";
    let r = run(&[text], options(r#"{"watchWords":["Turbomixer"]}"#));
    let ev = r[0]["evidence"].as_array().unwrap();
    let w = ev
        .iter()
        .find(|e| e["facet"] == "watch_word")
        .expect("the watch word is evidence");
    let s = w["span"]["start"].as_u64().unwrap();
    assert_eq!(s, js_index_of(text, "Turbomixer"));
}

#[wasm_bindgen_test]
fn bad_input_is_a_clear_error_not_a_panic() {
    assert!(analyze_batch(JsValue::from_str("nope"), JsValue::UNDEFINED).is_err());
    assert!(analyze_batch(items(&["x"]), options(r#"{"uiLang":"fr"}"#)).is_err());
    assert!(analyze_batch(items(&["x"]), options(r#"{"sensitivity":7}"#)).is_err());
    let missing_text = Array::new();
    missing_text.push(&options(r#"{"id":"a"}"#));
    assert!(analyze_batch(missing_text.into(), JsValue::UNDEFINED).is_err());
    // after errors the module still works
    assert_eq!(run(&["ok"], JsValue::UNDEFINED).len(), 1);
}

#[wasm_bindgen_test]
fn catalogue_and_version() {
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
    let c: Value =
        serde_wasm_bindgen::from_value(catalogue().unwrap_or_else(|_| panic!())).unwrap();
    assert_eq!(c["signals"].as_array().unwrap().len(), 10);
    assert_eq!(c["levels"][2]["key"], "escalate");
    assert_eq!(c["levels"][2]["de"], "Eskalation");
    assert_eq!(c["categories"][0]["en"], "Insult");
    assert!(c["topics"].as_array().unwrap().len() >= 8);
    assert_eq!(c["threadStatus"][2]["key"], "crisis");
    assert_eq!(c["verdicts"][0]["key"], "ready");
    let rules = c["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "blames-customer"));
    assert!(c["lexicons"].as_array().unwrap().len() > 10);
}

fn span_of(v: &Value) -> (u64, u64) {
    (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap())
}

#[wasm_bindgen_test]
fn reply_lints_fixes_and_tone_cues_land_on_utf16_positions() {
    let drafts = [
        "😡😡 Das ist nicht unsere Schuld, lesen Sie die AGB!!! Schicken Sie uns Ihre IBAN hier im Kommentar.",
        "Hallo Jürgen 👋🏽, das müssen Sie falsch verstanden haben. Wir kümmern uns irgendwann darum.",
        "Dear customer 🙄 it is not our fault, you should have read the manual. WE ARE NOT RESPONSIBLE.",
    ];
    let mut lints_seen = 0;
    for draft in drafts {
        let ctx = options(r#"{"comment":"Seit drei Wochen kein Paket 😡 Ich gehe zum Anwalt!"}"#);
        let out = lint_reply(draft, ctx).unwrap_or_else(|_| panic!("lintReply threw"));
        let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
        let native = native_lint(
            draft,
            &ReplyContext::default()
                .with_comment("Seit drei Wochen kein Paket 😡 Ich gehe zum Anwalt!"),
        );
        let lints = v["lints"].as_array().unwrap();
        assert_eq!(lints.len(), native.lints.len(), "{draft}");
        for (js, rs) in lints.iter().zip(&native.lints) {
            assert_eq!(js["rule"], rs.rule.as_str());
            let (s, e) = span_of(&js["span"]);
            assert_eq!(
                js_slice(draft, s, e),
                rs.span.slice(draft),
                "lint {} in {draft:?}",
                rs.rule
            );
            for (jf, rf) in js["fixes"].as_array().unwrap().iter().zip(&rs.fixes) {
                for (je, re) in jf["edits"].as_array().unwrap().iter().zip(&rf.edits) {
                    let (s, e) = span_of(&je["span"]);
                    assert_eq!(
                        js_slice(draft, s, e),
                        re.span.slice(draft),
                        "fix of {}",
                        rs.rule
                    );
                }
            }
        }
        lints_seen += lints.len();
        let cues = v["tone"]["respect"]["evidence"].as_array().unwrap();
        for (js, rs) in cues.iter().zip(&native.tone.respect.evidence) {
            let (s, e) = span_of(&js["span"]);
            assert_eq!(js_slice(draft, s, e), rs.span.slice(draft));
        }
        assert!(v["verdict"].is_string());
    }
    assert!(lints_seen >= 3, "the drafts are bad on purpose");
}

#[wasm_bindgen_test]
fn thread_summary_converts_top_comment_spans() {
    let texts = [
        "😡😡 Ihr Vollidioten, seit 3 Wochen kein Paket!",
        "Ich gehe jetzt zum Anwalt 👨‍⚖️ und zur Verbraucherzentrale.",
        "Das Gerät wurde heiß und hat gequalmt 🔥 Rückruf jetzt!",
        "Danke für die schnelle Hilfe 🙂",
    ];
    let arr = Array::new();
    for (i, t) in texts.iter().enumerate() {
        let o = item(&format!("c{i}"), t);
        Reflect::set(&o, &"author".into(), &format!("user{i}").into()).unwrap();
        Reflect::set(
            &o,
            &"timestamp".into(),
            &JsValue::from_f64(1_790_000_000.0 + 60.0 * i as f64),
        )
        .unwrap();
        arr.push(&o);
    }
    let out = summarize_thread(arr.into(), options(r#"{"uiLang":"de"}"#))
        .unwrap_or_else(|_| panic!("summarizeThread threw"));
    let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
    let comments: Vec<CommentIn> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            CommentIn::new(format!("c{i}"), *t)
                .with_author(format!("user{i}"))
                .with_timestamp(1_790_000_000 + 60 * i as i64)
        })
        .collect();
    let native = summarize_thread_with(
        &comments,
        &Options::new(krisenradar::Lang::De),
        &Default::default(),
    );
    assert_eq!(v["status"], native.status.key());
    assert_eq!(v["comments"], 4);
    assert!(v["levels"].is_object(), "maps become plain objects");
    let top = v["top_comments"].as_array().unwrap();
    assert_eq!(top.len(), native.top_comments.len());
    assert!(!top.is_empty());
    for (js, rs) in top.iter().zip(&native.top_comments) {
        let text = js["text"].as_str().unwrap();
        for (je, re) in js["analysis"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .zip(&rs.analysis.evidence)
        {
            let (s, e) = span_of(&je["span"]);
            assert_eq!(js_slice(text, s, e), re.span.slice(&rs.text), "{}", re.id);
        }
    }
    // numeric ids are accepted and returned as strings
    let a = Array::new();
    let o = Object::new();
    Reflect::set(&o, &"id".into(), &JsValue::from_f64(7.0)).unwrap();
    Reflect::set(&o, &"text".into(), &"Ich kündige!".into()).unwrap();
    a.push(&o);
    let v: Value = serde_wasm_bindgen::from_value(
        summarize_thread(a.into(), JsValue::UNDEFINED).unwrap_or_else(|_| panic!()),
    )
    .unwrap();
    assert_eq!(v["comments"], 1);
    assert!(summarize_thread(JsValue::from_str("x"), JsValue::UNDEFINED).is_err());
}

/// Hostile numbers (tests/fixtures/hostile/wasm-thread-extremes.json): timestamps of ±1e300 are read as
/// missing instead of losing the whole result, and a baseline of 2^32 − 1 hours ends at once.
#[wasm_bindgen_test]
fn thread_summary_survives_extreme_timestamps_and_thresholds() {
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/hostile/wasm-thread-extremes.json")).unwrap();
    let arr = Array::new();
    for (i, ts) in fixture["timestamps"].as_array().unwrap().iter().enumerate() {
        let o = item(&format!("c{i}"), "Ich gehe zum Anwalt, das ist Betrug!");
        Reflect::set(&o, &"author".into(), &format!("user{i}").into()).unwrap();
        Reflect::set(
            &o,
            &"timestamp".into(),
            &JsValue::from_f64(ts.as_f64().unwrap()),
        )
        .unwrap();
        arr.push(&o);
    }
    let opts = options(&fixture["options"].to_string());
    let out =
        summarize_thread(arr.into(), opts).unwrap_or_else(|_| panic!("summarizeThread threw"));
    let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
    let n = fixture["timestamps"].as_array().unwrap().len();
    assert_eq!(v["comments"], n);
    assert_eq!(
        v["with_timestamp"],
        fixture["plausible"].as_u64().unwrap(),
        "only the plausible timestamps count: {v}"
    );
    for t in v["top_comments"].as_array().unwrap() {
        let ts = &t["timestamp"];
        assert!(ts.is_null() || ts.as_f64().unwrap().abs() < 1e12, "{ts}");
    }
}

#[wasm_bindgen_test]
fn suggestions_follow_the_comment_language_and_voice() {
    let de = "Seit drei Wochen warte ich auf mein Paket 😡 Wo bleibt es?";
    let out = suggest_replies(
        de,
        options(r#"{"company":"Gartenwelt Sommer","signature":"Ihr Team von Gartenwelt Sommer"}"#),
        JsValue::UNDEFINED,
    )
    .unwrap_or_else(|_| panic!("suggestReplies threw"));
    let v: Value = serde_wasm_bindgen::from_value(out).unwrap();
    let list = v.as_array().unwrap();
    assert!((2..=4).contains(&list.len()), "{v}");
    for s in list {
        assert_eq!(s["lang"], "de");
        assert!(
            s["text"].as_str().unwrap().contains("Gartenwelt Sommer"),
            "{s}"
        );
        // every suggestion passes the reply linter without errors
        let review: Value = serde_wasm_bindgen::from_value(
            lint_reply(s["text"].as_str().unwrap(), JsValue::UNDEFINED)
                .unwrap_or_else(|_| panic!()),
        )
        .unwrap();
        assert_ne!(review["verdict"], "do_not_post", "{s}");
    }
    let en: Value = serde_wasm_bindgen::from_value(
        suggest_replies(
            "Still no package after three weeks, where is it?",
            JsValue::UNDEFINED,
            JsValue::NULL,
        )
        .unwrap_or_else(|_| panic!()),
    )
    .unwrap();
    assert_eq!(en[0]["lang"], "en");
    assert!(suggest_replies("x", options(r#"{"address":"ihr"}"#), JsValue::UNDEFINED).is_err());
}
