//! The `lint` and `suggest` commands, run as the real binary on fixture files; output snapshotted with insta.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_krisenradar"));
    c.env("NO_COLOR", "1").env("LANG", "C");
    c
}

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/replies/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // the command may exit before reading (e.g. on a bad voice file): a broken pipe is fine
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    child.wait_with_output().expect("wait")
}

#[test]
fn lint_prints_compiler_style_findings_and_fails_on_errors() {
    for (draft, comment) in [
        ("draft_bad_de.txt", "comment_de.txt"),
        ("draft_bad_en.txt", "comment_en.txt"),
    ] {
        let out = bin()
            .current_dir(fixture(""))
            .args([
                "lint",
                draft,
                "--reply-to",
                comment,
                "--voice",
                "voice.toml",
                "--color",
                "never",
            ])
            .output()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        insta::assert_snapshot!(format!("lint_{draft}"), stdout(&out));
    }
}

#[test]
fn lint_passes_a_good_draft_with_exit_code_zero() {
    let out = bin()
        .current_dir(fixture(""))
        .args([
            "lint",
            "draft_good_de.txt",
            "--reply-to",
            "comment_de.txt",
            "--voice",
            "voice.toml",
            "--color",
            "never",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("lint_draft_good_de", stdout(&out));
}

#[test]
fn lint_json_is_the_review() {
    let out = run_with_stdin(
        &["lint", "--format", "json", "--platform", "x"],
        "Calm down, that is not our fault!!!",
    );
    assert_eq!(out.status.code(), Some(0), "warnings only: exit 0");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["verdict"], "revise");
    assert_eq!(v["lang"], "en");
    let rules: Vec<&str> = v["lints"]
        .as_array()
        .expect("lints")
        .iter()
        .filter_map(|l| l["rule"].as_str())
        .collect();
    assert!(rules.contains(&"dismisses-feelings"), "{rules:?}");
    assert!(rules.contains(&"defensive-justification"), "{rules:?}");
    assert!(rules.contains(&"excessive-exclamation"), "{rules:?}");
    for dim in [
        "respect",
        "empathy",
        "accountability",
        "clarity",
        "calmness",
        "formality",
    ] {
        let s = v["tone"][dim]["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&s));
    }
}

#[test]
fn lint_jsonl_reviews_many_drafts_and_reports_bad_lines() {
    let input = concat!(
        r#"{"id":"a","text":"Das tut uns leid! Schreiben Sie uns bitte per Direktnachricht, wir melden uns heute.","reply_to":"Mein Paket ist seit zwei Wochen weg, echt ärgerlich."}"#,
        "\n",
        r#"{"id":"b","text":"Sie hätten eben richtig lesen müssen."}"#,
        "\n",
        "not json\n",
        r#"{"id":3,"text":"Thanks, glad you like it!","reply_to":"Love the new heater, works great!"}"#,
        "\n"
    );
    let out = run_with_stdin(&["lint", "--jsonl"], input);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a skipped line gives exit code 3"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3"));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["verdict"], "ready");
    assert_eq!(lines[1]["verdict"], "do_not_post");
    assert_eq!(lines[2]["id"], 3);
    assert_eq!(lines[2]["verdict"], "ready");
    assert!(lines[1]["tone"]["respect"]["evidence"].is_array());
}

#[test]
fn suggest_prints_drafts_in_the_commenters_language() {
    let de = bin()
        .args([
            "suggest",
            "Hey, mein Paket ist seit zwei Wochen nicht da, echt ärgerlich. Wo bleibt es?",
            "--voice",
            &fixture("voice.toml"),
        ])
        .output()
        .expect("run");
    assert!(de.status.success());
    insta::assert_snapshot!("suggest_de", stdout(&de));
    let en = bin()
        .args([
            "suggest",
            "Your heater caught fire in my kitchen, my lawyer will be in touch.",
        ])
        .output()
        .expect("run");
    assert!(en.status.success());
    insta::assert_snapshot!("suggest_en", stdout(&en));
}

#[test]
fn bad_voice_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("kr-voice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let p = dir.join("voice.toml");
    std::fs::write(&p, "address = 42\n").expect("write");
    let out = run_with_stdin(&["lint", "--voice", p.to_str().expect("path")], "Hallo");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid brand voice"));
}
