//! Hostile inputs: one reproducer per finding of the attack campaign, under `tests/fixtures/hostile/`.
//!
//! Large inputs are stored as recipes (`{"parts": [[text, repeat], …], "control": …}`) and expanded here.
//! A time-complexity check runs the pathological input and a control of the same size that takes the
//! ordinary path, and fails when the pathological one costs many times more: a quadratic path shows up as a
//! ratio of ten to a hundred at these sizes, a linear one stays near one. Those checks need an optimised
//! build, as do the checks on the largest pages (`cargo test --release --test hostile`, as `.ci/test` runs
//! it); the rest run in every build.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use krisenradar::reply::{ReplyContext, lint_reply};
use krisenradar::thread::{CommentIn, Thresholds, summarize_thread_with};
use krisenradar::{Analysis, Lang, Options, analyze};
use serde_json::Value;

const DIR: &str = "tests/fixtures/hostile";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(DIR)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn recipe(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

fn expand(parts: &Value) -> String {
    let mut out = String::new();
    for p in parts.as_array().unwrap() {
        out.push_str(
            &p[0]
                .as_str()
                .unwrap()
                .repeat(p[1].as_u64().unwrap() as usize),
        );
    }
    out
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_krisenradar"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The shorter of two runs.
fn timed(mut f: impl FnMut()) -> Duration {
    (0..2)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Fails when `pathological` costs more than `factor` times `control` (plus a small allowance for noise).
fn assert_not_superlinear(what: &str, factor: f64, pathological: Duration, control: Duration) {
    let allowed = control.mul_f64(factor) + Duration::from_millis(300);
    eprintln!("{what}: {pathological:?} against {control:?} for the control");
    assert!(
        pathological <= allowed,
        "{what}: {pathological:?} against {control:?} for a control of the same size: not linear"
    );
}

/// Times `call` on a recipe's pathological input and on its control of the same size.
fn assert_linear_against_control(name: &str, factor: f64, mut call: impl FnMut(&str)) {
    let r = recipe(name);
    let (input, control) = (expand(&r["parts"]), expand(&r["control"]));
    let p = timed(|| call(&input));
    let c = timed(|| call(&control));
    assert_not_superlinear(name, factor, p, c);
}

// ---- 1. scan: deep nesting and many blocks ----------------------------------------------------------------

fn scan_recipe(name: &str) -> (Value, Output) {
    let r = recipe(name);
    let page = expand(&r["parts"]);
    let out = run(
        &["scan", "--no-analysis", "--site", "generic"],
        page.as_bytes(),
    );
    (r, out)
}

#[test]
fn scan_reads_text_nested_tens_of_thousands_deep() {
    for name in ["scan-nested-b.json", "scan-nested-div.json"] {
        let (r, out) = scan_recipe(name);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let found = lines(&out);
        assert_eq!(found.len(), 1, "{name}");
        assert_eq!(found[0]["text"], r["expect"]["text"], "{name}");
    }
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large page: run optimised")]
fn scan_finds_every_reply_of_a_deep_thread_at_its_depth() {
    let (r, out) = scan_recipe("scan-nested-replies.json");
    assert!(out.status.success(), "{}", stderr(&out));
    let found = lines(&out);
    assert_eq!(
        found.len() as u64,
        r["expect"]["comments"].as_u64().unwrap()
    );
    let depths: Vec<u64> = found.iter().map(|f| f["depth"].as_u64().unwrap()).collect();
    assert!(
        depths.windows(2).all(|w| w[1] == w[0] + 1),
        "one level per reply"
    );
    assert_eq!(depths.last(), r["expect"]["max_depth"].as_u64().as_ref());
}

#[test]
#[cfg_attr(debug_assertions, ignore = "large page: run optimised")]
fn scan_finds_repeated_blocks_without_comment_markup() {
    let (r, out) = scan_recipe("scan-repeated-blocks.json");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        lines(&out).len() as u64,
        r["expect"]["comments"].as_u64().unwrap()
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn scan_time_is_linear_in_nesting_and_block_count() {
    let args = ["scan", "--no-analysis", "--site", "generic"];
    for name in ["scan-nested-replies.json", "scan-repeated-blocks.json"] {
        assert_linear_against_control(name, 4.0, |page| {
            assert!(run(&args, page.as_bytes()).status.success());
        });
    }
}

// ---- 2. and 3. analysis and lint ----------------------------------------------------------------------------

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_a_run_of_umlauts_costs_what_plain_letters_cost() {
    let r = recipe("analyze-umlaut-run.json");
    let (text, control) = (expand(&r["parts"]), expand(&r["control"]));
    assert!(text.len().abs_diff(control.len()) < 16, "the same size");
    let opts = Options::new(Lang::De);
    assert_linear_against_control("analyze-umlaut-run.json", 3.0, |t| {
        drop(analyze(t, &opts));
    });
}

/// German analysis of a recipe's input costs at most 3× its control of the same size; returns the input.
fn analysis_is_linear(name: &str) -> String {
    let r = recipe(name);
    let (text, control) = (expand(&r["parts"]), expand(&r["control"]));
    assert_eq!(text.len(), control.len(), "the same size");
    let opts = Options::new(Lang::De);
    assert_linear_against_control(name, 3.0, |t| {
        drop(analyze(t, &opts));
    });
    text
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_calls_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-call-verbs.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_irony_cues_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-irony-cues.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_forgotten_records_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-forgotten-record.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_lasting_good_states_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-lasting-good.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_denied_standards_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-denial.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_demanded_standards_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-demands.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_praises_of_the_past_costs_what_plain_words_cost() {
    analysis_is_linear("analyze-past-praise.json");
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn analysis_of_thousands_of_praised_repeat_failures_costs_what_plain_words_cost() {
    let text = analysis_is_linear("analyze-repeat-praise.json");
    let opts = Options::new(Lang::De);
    // the evidence of the whole text is capped: the first clauses show that the rule reads them
    let an = analyze(&text[..270], &opts);
    assert!(
        an.evidence
            .iter()
            .any(|e| e.id == "rule:irony:praise-beside-repeat"),
        "the rule reads the clauses"
    );
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn lint_of_many_long_sentences_costs_what_short_ones_cost() {
    let draft = expand(&recipe("lint-long-sentences.json")["parts"]);
    let ctx = ReplyContext::default();
    let review = lint_reply(&draft, &ctx);
    assert!(
        review.lints.iter().any(|f| f.rule == "overlong-sentence"),
        "the long sentences are flagged"
    );
    assert_linear_against_control("lint-long-sentences.json", 1.5, |t| {
        drop(lint_reply(t, &ctx));
    });
}

#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios: run optimised")]
fn lint_of_a_finding_repeated_thousands_of_times_is_linear_and_capped() {
    let r = recipe("lint-repeated-findings.json");
    let ctx = ReplyContext::default();
    let size = |key: &str| r[key].as_u64().unwrap() as usize;
    for pattern in r["patterns"].as_array().unwrap() {
        let p = pattern.as_str().unwrap();
        let small = p.repeat(size("small_bytes") / p.len());
        let large = p.repeat(size("large_bytes") / p.len());
        let review = lint_reply(&large, &ctx);
        let mut per_rule = std::collections::HashMap::<&str, usize>::new();
        for l in &review.lints {
            *per_rule.entry(l.rule.as_str()).or_default() += 1;
        }
        assert!(per_rule.values().all(|&n| n <= 20), "{per_rule:?}");
        let json = serde_json::to_string(&review).unwrap();
        assert!(json.len() < 200_000, "{p:?}: {} bytes of JSON", json.len());
        let t_small = timed(|| drop(lint_reply(&small, &ctx)));
        let t_large = timed(|| drop(lint_reply(&large, &ctx)));
        assert_not_superlinear(&format!("lint {p:?}: 4× the text"), 6.0, t_large, t_small);
    }
}

#[test]
fn evidence_of_a_huge_comment_is_capped_and_counted() {
    let r = recipe("analyze-evidence-flood.json");
    let text = expand(&r["parts"]);
    let a = analyze(&text, &Options::new(Lang::De));
    assert_eq!(a.evidence.len(), Analysis::EVIDENCE_CAP);
    assert!(a.evidence_omitted > 10_000, "{}", a.evidence_omitted);
    assert!(
        a.evidence
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "still in text order"
    );
    // every reason that cites evidence in a short run of the same words still cites some
    let short = analyze(&text[..text.len() / 1000], &Options::new(Lang::De));
    for reason in &a.criticality.reasons {
        assert!(reason.evidence.iter().all(|&i| i < a.evidence.len()));
        let cites = short
            .criticality
            .reasons
            .iter()
            .any(|r| r.code == reason.code && !r.evidence.is_empty());
        assert!(
            !cites || !reason.evidence.is_empty(),
            "{} keeps its proof",
            reason.code
        );
    }
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.len() < 100_000, "{} bytes of JSON", json.len());
    assert!(json.contains("\"evidence_omitted\""));
    // an ordinary comment lists everything and says nothing about omissions
    let small = analyze("Ihr Idioten, das ist Betrug!", &Options::new(Lang::De));
    assert_eq!(small.evidence_omitted, 0);
    assert!(
        !serde_json::to_string(&small)
            .unwrap()
            .contains("evidence_omitted")
    );
}

// ---- 4. exports: encodings, quotes, line numbers, empty and binary input ------------------------------------

fn report(file: &str, extra: &[&str]) -> Output {
    let path = fixture(file);
    let mut args = vec!["report", "--format", "json", path.as_str()];
    args.extend_from_slice(extra);
    run(&args, b"")
}

#[test]
fn windows_1252_export_keeps_every_row_and_says_how_it_was_read() {
    let out = report("report-windows-1252.csv", &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["comments"], 6, "every row, umlauts or not");
    assert!(stderr(&out).contains("Windows-1252"), "{}", stderr(&out));
    assert!(stderr(&out).contains("first: line 2"), "{}", stderr(&out));
    assert_ne!(
        v["summary"]["status"], "calm",
        "the fire and the lawyer are read"
    );
    // named explicitly: the same rows, no guessing notice
    let forced = report("report-windows-1252.csv", &["--encoding", "windows-1252"]);
    let w: Value = serde_json::from_slice(&forced.stdout).unwrap();
    assert_eq!(w["summary"]["comments"], 6);
    assert!(!stderr(&forced).contains("not UTF-8"));
    // Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated
    let utf16 = report("report-utf16.txt", &[]);
    assert!(utf16.status.success(), "{}", stderr(&utf16));
    let u: Value = serde_json::from_slice(&utf16.stdout).unwrap();
    assert_eq!(u["summary"]["comments"], 1);
    assert!(stderr(&utf16).contains("UTF-16LE"));
}

#[test]
fn an_unclosed_quote_is_an_error_naming_its_line() {
    let out = report("report-unclosed-quote.csv", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    assert!(stderr(&out).contains("never closed"));
}

#[test]
fn line_numbers_are_right_in_crlf_files() {
    let out = report("report-crlf.csv", &[]);
    assert_eq!(out.status.code(), Some(3), "a row was skipped");
    // line 1 header, lines 2–3 one comment with a quoted line break, line 4 the broken row
    assert!(
        stderr(&out).contains("line 4: skipped: 5 fields"),
        "{}",
        stderr(&out)
    );
    let lf = std::fs::read_to_string(fixture("report-crlf.csv"))
        .unwrap()
        .replace("\r\n", "\n");
    let out_lf = run(&["report", "--format", "json", "-"], lf.as_bytes());
    assert!(
        stderr(&out_lf).contains("line 4: skipped"),
        "{}",
        stderr(&out_lf)
    );
}

#[test]
fn a_byte_order_mark_never_costs_the_first_line() {
    let out = run(
        &["score", "--no-evidence", &fixture("score-bom.jsonl")],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = lines(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], "a1");
    let jsonl = std::fs::read(fixture("score-bom.jsonl")).unwrap();
    let out = run(
        &["report", "--format", "json", "--input-format", "jsonl", "-"],
        &jsonl,
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["comments"], 2);
}

#[test]
fn a_draft_with_a_byte_order_mark_is_checked_like_one_without() {
    let draft =
        "Sehr geehrte Frau Beispiel, das tut uns leid. Wir melden uns heute noch per E-Mail.";
    let dir = std::env::temp_dir().join(format!("krisenradar-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (plain, bom) = (dir.join("plain.txt"), dir.join("bom.txt"));
    std::fs::write(&plain, draft).unwrap();
    std::fs::write(&bom, format!("\u{feff}{draft}")).unwrap();
    let lint = |p: &Path| run(&["lint", "--format", "json", p.to_str().unwrap()], b"").stdout;
    assert_eq!(lint(&plain), lint(&bom));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn empty_header_only_and_binary_inputs_are_errors_not_calm_reports() {
    for (file, says) in [
        ("report-empty.csv", "empty"),
        ("report-header-only.csv", "only a header"),
        ("report-binary.xlsx", "Excel workbook"),
        ("report-binary.bin", "not a CSV or JSONL file"),
    ] {
        let out = report(file, &[]);
        assert_eq!(out.status.code(), Some(2), "{file}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{file}: no report");
        assert!(stderr(&out).contains(says), "{file}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("PK\u{3}"),
            "{file}: no raw bytes echoed"
        );
    }
    let empty = run(&["score"], b"");
    assert_eq!(empty.status.code(), Some(2));
    let binary = std::fs::read(fixture("report-binary.bin")).unwrap();
    let out = run(&["score"], &binary);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a CSV or JSONL file"));
}

// ---- 6. spreadsheet formulas -----------------------------------------------------------------------------------

#[test]
fn csv_output_never_starts_a_cell_with_a_formula() {
    let out = run(
        &["score", "--format", "csv", &fixture("score-formula.jsonl")],
        b"",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = rdr.headers().unwrap().clone();
    let mut rows = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        rows += 1;
        for (name, cell) in headers.iter().zip(rec.iter()) {
            // numbers stay numbers (a negative score starts with "-"); every text cell is guarded
            if cell.parse::<f64>().is_ok() {
                continue;
            }
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name}: {cell:?}"
            );
        }
    }
    assert_eq!(rows, 3);
    assert!(String::from_utf8_lossy(&out.stdout).contains("'=HYPERLINK"));
}

// ---- 8. thread summary with extreme numbers --------------------------------------------------------------------

#[test]
fn thread_summary_ignores_impossible_timestamps_and_huge_baselines() {
    let r = recipe("wasm-thread-extremes.json");
    let comments: Vec<CommentIn> = r["timestamps"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, t)| {
            CommentIn::new(format!("c{i}"), "Ich gehe zum Anwalt, das ist Betrug!")
                .with_author(format!("user{i}"))
                // as the JavaScript binding converts a number: saturating
                .with_timestamp(t.as_f64().unwrap().floor() as i64)
        })
        .collect();
    let th: Thresholds = serde_json::from_value(r["options"]["thresholds"].clone()).unwrap();
    let s = summarize_thread_with(&comments, &Options::new(Lang::De), &th);
    assert_eq!(s.with_timestamp, r["plausible"].as_u64().unwrap());
    assert!(s.velocity.is_some());
    let json = serde_json::to_value(&s).unwrap();
    assert!(json["last_timestamp"].as_i64().unwrap() < 1 << 53);
    // a thread spanning the whole range of dates with the longest baseline ends at once
    let span: Vec<CommentIn> = (0..2_000)
        .map(|i| {
            CommentIn::new(format!("s{i}"), "Betrug! Ich gehe zum Anwalt.")
                .with_author(format!("a{i}"))
                .with_timestamp(-62_135_596_800 + i * 157_000_000)
        })
        .collect();
    let s = summarize_thread_with(&span, &Options::new(Lang::De), &th);
    assert_eq!(s.with_timestamp, 2_000);
}
