//! The `krisenradar` binary, run for real: score (JSONL, CSV, bad lines), explain (snapshots).

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_krisenradar"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn krisenradar");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

#[test]
fn score_follows_the_evaluation_contract() {
    let input = "{\"id\":\"a\",\"text\":\"Ihr seid alle Vollidioten!\"}\n{\"id\":\"b\",\"text\":\"Vielen Dank, das hat wunderbar geklappt!\"}\n";
    let out = run(&["score"], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["toxicity"]["toxic"], true);
    assert!(
        lines[0]["toxicity"]["categories"]
            .as_array()
            .is_some_and(|c| c.iter().any(|x| x == "insult"))
    );
    assert_eq!(lines[1]["sentiment"]["label"], "positive");
    let s = lines[1]["sentiment"]["score"].as_f64().expect("score");
    assert!((-1.0..=1.0).contains(&s));
    for key in ["lang", "signals", "topic", "criticality", "evidence"] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn broken_lines_are_reported_with_their_number_and_the_rest_is_kept() {
    let input = "{\"id\":\"1\",\"text\":\"gut\"}\n{not json\n\n{\"id\":\"3\"}\n{\"id\":\"4\",\"text\":\"schlecht\"}\n";
    let out = run(&["score"], input);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2: skipped"), "{err}");
    assert!(err.contains("line 4: skipped"), "{err}");
    assert!(err.contains("2 lines skipped, 2 analysed"), "{err}");
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("json")["id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["1", "4"]);
}

#[test]
fn lone_surrogates_and_odd_text_are_analysed_not_rejected() {
    let input = "{\"id\":\"s\",\"text\":\"kaputt \\ud800 \\u202e\\u200b\"}\n{\"id\":\"e\",\"text\":\"\"}\n{\"id\":\"w\",\"text\":\"   \"}\n";
    let out = run(&["score"], input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out).lines().count(), 3);
}

#[test]
fn csv_output_has_a_header_and_one_row_per_comment() {
    let input =
        "{\"id\":\"x\",\"text\":\"Ich kündige, nie wieder!\"}\n{\"id\":7,\"text\":\"ok\"}\n";
    let out = run(&["score", "--format", "csv"], input);
    assert!(out.status.success());
    let text = stdout(&out);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let headers = rows.headers().expect("header").clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "level"));
    let recs: Vec<csv::StringRecord> = rows.records().map(|r| r.expect("row")).collect();
    assert_eq!(recs.len(), 2);
    assert_eq!(&recs[1][0], "7");
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = run(&["score", "/nonexistent/comments.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot open /nonexistent/comments.jsonl")
    );
}

#[test]
fn explain_snapshots() {
    let cases = [
        (
            "de",
            "Seit drei Wochen kein Paket und keiner antwortet. Ich gehe jetzt zum Anwalt!",
        ),
        (
            "de",
            "Ihr seid echt die letzten A****löcher, boykottiert diesen Laden!",
        ),
        (
            "en",
            "Holy shit, this is fucking awesome. Best support ever!",
        ),
        (
            "en",
            "My son got burned by your kettle. I want a refund and I'm calling the press.",
        ),
    ];
    for (i, (lang, text)) in cases.iter().enumerate() {
        let out = run(
            &["explain", "--color", "never", "--ui-lang", lang, text],
            "",
        );
        assert!(out.status.success());
        insta::assert_snapshot!(format!("explain_{i}_{lang}"), stdout(&out));
    }
}

#[test]
fn explain_colours_on_request() {
    let out = run(&["explain", "--color", "always", "Du Vollidiot"], "");
    assert!(stdout(&out).contains("\x1b[1;31mVollidiot\x1b[0m"));
}

/// `score` analyses batches on all cores; the output is the same, line for line and in input order, as on one
/// core — across batch boundaries (more rows than one batch), in JSONL and CSV, with skipped lines in between.
#[test]
fn all_cores_give_the_same_output_in_input_order() {
    let texts = [
        "Seit drei Wochen kein Paket. Ich gehe zum Anwalt!",
        "Danke, alles bestens angekommen.",
        "Where is my refund? Still waiting after 2 weeks.",
        "You are all idiots.",
        "Kann ich auch mit Rechnung bezahlen?",
    ];
    let mut input = String::new();
    for i in 0..4500 {
        if i % 1000 == 999 {
            input.push_str("{broken\n");
        }
        input.push_str(&format!(
            "{{\"id\":{i},\"text\":\"{} #{i}\"}}\n",
            texts[i % texts.len()]
        ));
    }
    let path = std::env::temp_dir().join(format!("krisenradar-cores-{}.jsonl", std::process::id()));
    std::fs::write(&path, &input).expect("write input");
    let score = |threads: &str, format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_krisenradar"))
            .args([
                "score",
                "--no-evidence",
                "--format",
                format,
                path.to_str().unwrap(),
            ])
            .env("RAYON_NUM_THREADS", threads)
            .env("LANG", "C")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(3), "four broken lines are skipped");
        out.stdout
    };
    for format in ["jsonl", "csv"] {
        let one = score("1", format);
        let all = score("4", format);
        assert!(
            one == all,
            "{format}: the output depends on the number of cores"
        );
        if format == "jsonl" {
            let ids: Vec<u64> = String::from_utf8(all)
                .unwrap()
                .lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                        .as_u64()
                        .unwrap()
                })
                .collect();
            assert_eq!(
                ids,
                (0..4500).collect::<Vec<u64>>(),
                "every row, in input order"
            );
        }
    }
    let _ = std::fs::remove_file(&path);
}
