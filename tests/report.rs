//! `krisenradar report` end to end: real files in the CSV dialects and JSONL shapes of platform exports,
//! broken rows, a missing text column, and the rendered HTML / Markdown.

mod thread_gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use krisenradar::report::Report;
use krisenradar::thread::{CommentIn, Status, civil_from_days};
use thread_gen::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_krisenradar"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("krisenradar-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn run(path: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("report")
        .arg(path)
        .args(["--no-progress", "--ui-lang", "de"])
        .args(extra)
        .output()
        .expect("run krisenradar")
}

#[track_caller]
fn json_report(path: &Path, extra: &[&str]) -> (Report, Output) {
    let out = run(path, &[&["--format", "json"], extra].concat());
    let r: Report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (r, out)
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn german_time(ts: i64) -> String {
    let (y, m, d) = civil_from_days(ts.div_euclid(86_400));
    let s = ts.rem_euclid(86_400);
    format!("{d:02}.{m:02}.{y} {:02}:{:02}", s / 3600, s % 3600 / 60)
}

fn iso_time(ts: i64, offset_hours: i64) -> String {
    let local = ts + offset_hours * 3600;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    format!(
        "{y}-{m:02}-{d:02}T{:02}:{:02}:{:02}+{offset_hours:02}:00",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// The German export dialect: BOM, `;`, German headers and dates, every text quoted.
fn german_csv(thread: &[CommentIn]) -> String {
    let mut out = String::from("\u{feff}Nr;Zeitpunkt;Autor;Kommentar\n");
    for c in thread {
        out.push_str(&format!(
            "{};{};{};{}\n",
            c.id,
            german_time(c.timestamp.unwrap_or(0)),
            c.author.as_deref().unwrap_or(""),
            quote(&c.text)
        ));
    }
    out
}

#[test]
fn german_dialect_semicolon_bom_german_dates() {
    let thread = safety_crisis();
    let path = tmp("akku.csv");
    std::fs::write(&path, german_csv(&thread)).expect("write");
    let (r, out) = json_report(&path, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cols = r.columns.as_ref().expect("columns");
    assert_eq!(cols.text, "Kommentar");
    assert_eq!(cols.author.as_deref(), Some("Autor"));
    assert_eq!(cols.timestamp.as_deref(), Some("Zeitpunkt"));
    assert_eq!(r.skipped, 0);
    assert_eq!(r.summary.comments, thread.len() as u64);
    assert_eq!(r.summary.status, Status::Crisis);
    let v = r.summary.velocity.expect("times read");
    assert_eq!(v.peak.start, t0() + 24 * HOUR);
    assert!(r.summary.recurring[0].label.contains("Akku"));
    assert!(r.management_summary.iter().any(|p| p.contains("Höhepunkt")));
}

#[test]
fn the_committed_fixture_is_what_the_generator_writes() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/threads/akku-krise.csv");
    let expected = german_csv(&safety_crisis());
    if std::env::var_os("KRISENRADAR_WRITE_FIXTURES").is_some() {
        std::fs::write(&fixture, &expected).expect("write fixture");
    }
    let committed = std::fs::read_to_string(&fixture)
        .expect("fixture (write it with KRISENRADAR_WRITE_FIXTURES=1)");
    assert_eq!(committed, expected);
}

#[test]
fn english_dialect_comma_iso_dates_with_zone() {
    let thread = slow_burn();
    let mut csv = String::from("id,created_time,author,message\n");
    for c in &thread {
        csv.push_str(&format!(
            "{},{},{},{}\n",
            c.id,
            iso_time(c.timestamp.unwrap_or(0), 1),
            quote(c.author.as_deref().unwrap_or("")),
            quote(&c.text)
        ));
    }
    let path = tmp("delivery.csv");
    std::fs::write(&path, csv).expect("write");
    let (r, out) = json_report(&path, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(r.columns.as_ref().map(|c| c.text.as_str()), Some("message"));
    assert_eq!(
        r.summary.first_timestamp, thread[0].timestamp,
        "zone applied"
    );
    assert_eq!(r.summary.status, Status::Crisis);
    assert!(r.summary.recurring[0].label.contains("Paket"));
    assert!(r.summary.recurring[0].authors >= 30);
}

#[test]
fn tab_delimiter_unix_times_quoted_newlines_and_quotes() {
    let mut tsv = String::from("timestamp\tuser\ttext\n");
    let texts = [
        "Der Akku ist beim Laden explodiert!\nMein Sohn hat sich verbrannt.",
        "Sie sagen \"sicher\" – von wegen, der Akku ist beim Laden explodiert. Brandgefahr!",
        "Schönes Produkt, bin sehr zufrieden.",
    ];
    for (i, t) in texts.iter().enumerate() {
        tsv.push_str(&format!(
            "{}\tuser{i}\t{}\n",
            t0() + i as i64 * 60,
            quote(t)
        ));
    }
    tsv.push_str(&format!(
        "{}\tuser9\tLetzte Zeile ohne Anführungszeichen\n",
        t0() + 600
    ));
    let path = tmp("export.tsv");
    std::fs::write(&path, tsv).expect("write");
    let (r, out) = json_report(&path, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(r.summary.comments, 4);
    assert_eq!(r.skipped, 0);
    assert_eq!(r.summary.first_timestamp, Some(t0()));
    let top = &r.summary.top_comments;
    assert!(
        top.iter()
            .any(|c| c.text.contains("explodiert!\nMein Sohn"))
    );
    assert!(top.iter().any(|c| c.text.contains("\"sicher\"")));
}

#[test]
fn date_and_time_in_separate_columns_and_flags_for_odd_names() {
    let csv = "Tag;Uhrzeit;Wer;Was\n21.11.2026;14:03;Anna;Paket seit 2 Wochen nicht da!\n21.11.2026;15:10;Ben;Alles gut\n";
    let path = tmp("odd.csv");
    std::fs::write(&path, csv).expect("write");
    let out = run(&path, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"Tag\", \"Uhrzeit\", \"Wer\", \"Was\""),
        "{err}"
    );
    let (r, out) = json_report(
        &path,
        &[
            "--text-column",
            "Was",
            "--author-column",
            "Wer",
            "--time-column",
            "Tag",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = krisenradar::thread::days_from_civil(2026, 11, 21) * 86_400 + 14 * 3600 + 3 * 60;
    assert_eq!(r.summary.first_timestamp, Some(expected));
    assert_eq!(
        r.columns.and_then(|c| c.timestamp).as_deref(),
        Some("Tag + Uhrzeit")
    );
}

#[test]
fn broken_rows_are_reported_with_line_numbers_and_skipped() {
    let mut bytes = b"Datum,Autor,Kommentar\n".to_vec();
    bytes.extend_from_slice(b"21.11.2026 10:00,Anna,\"Wo bleibt mein Paket? Seit 3 Wochen!\"\n"); // line 2
    bytes.extend_from_slice(b"21.11.2026 10:05,Ben\n"); // line 3: a field missing
    bytes.extend_from_slice(b"vorgestern,Mia,Paket nicht da\n"); // line 4: bad date
    bytes.extend_from_slice(b"21.11.2026 10:07,Lea,\"Ger\xe4t kaputt\"\n"); // line 5: Windows-1252, kept
    bytes.extend_from_slice(b"21.11.2026 10:08,Finn,\"\"\n"); // line 6: no text
    bytes.extend_from_slice(b"21.11.2026 10:09,Emma,\"Zwei\nZeilen, Paket fehlt\"\n"); // lines 7-8
    bytes.extend_from_slice(b"21.11.2026 10:10,Paul,Danke!\n"); // line 9
    let path = tmp("broken.csv");
    std::fs::write(&path, bytes).expect("write");
    let (r, out) = json_report(&path, &[]);
    assert_eq!(out.status.code(), Some(3), "exit code for skipped input");
    let err = String::from_utf8_lossy(&out.stderr);
    for line in ["line 3:", "line 4:", "line 6:"] {
        assert!(err.contains(line), "{line} missing in {err}");
    }
    assert!(!err.contains("line 5:") && !err.contains("line 7:") && !err.contains("line 9:"));
    assert!(
        err.contains("1 line is not UTF-8 (line 5) and was read as Windows-1252"),
        "{err}"
    );
    assert_eq!(r.skipped, 3);
    assert_eq!(r.rows, 7);
    assert_eq!(r.summary.comments, 4);
    let lines: Vec<u64> = r.skipped_rows.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 4, 6]);
    // the HTML report says so too
    let html = run(&path, &["--format", "html"]);
    let page = String::from_utf8_lossy(&html.stdout);
    assert!(page.contains("3 Zeilen übersprungen"));
    assert!(page.contains("Zeile 4: cannot read the date &quot;vorgestern&quot;"));
}

#[test]
fn a_file_without_a_text_column_fails_naming_the_columns() {
    let path = tmp("notext.csv");
    std::fs::write(&path, "\u{feff}Datum;Autor;Sterne\n21.11.2026;Anna;5\n").expect("write");
    let out = run(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no usable text column"), "{err}");
    assert!(err.contains("\"Datum\", \"Autor\", \"Sterne\""), "{err}");
    assert!(out.stdout.is_empty());

    let path = tmp("notext.jsonl");
    std::fs::write(
        &path,
        "{\"stars\": 5, \"who\": \"Anna\"}\n{\"stars\": 1, \"who\": \"Ben\"}\n",
    )
    .expect("write");
    let out = run(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"stars\", \"who\""), "{err}");
}

#[test]
fn jsonl_platform_export_with_nested_author_and_a_broken_line() {
    let thread = troll_pile_on();
    let mut jsonl = String::new();
    for (i, c) in thread.iter().enumerate() {
        if i == 5 {
            jsonl.push_str("{\"message\": \"abgeschnitten\n");
        }
        let line = serde_json::json!({
            "id": c.id,
            "message": c.text,
            "created_time": iso_time(c.timestamp.unwrap_or(0), 0).replace("+00:00", "+0000"),
            "from": {"name": c.author, "id": format!("{}", i * 7)},
        });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    let path = tmp("facebook.jsonl");
    std::fs::write(&path, jsonl).expect("write");
    let (r, out) = json_report(&path, &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 6: skipped: not valid JSON"));
    assert_eq!(r.skipped, 1);
    assert_eq!(r.summary.comments, thread.len() as u64);
    assert_eq!(r.summary.toxic_authors, 3, "authors read from from.name");
    assert_eq!(r.summary.status, Status::Tense);
    assert_eq!(r.columns.map(|c| c.text), Some("message".to_string()));
}

#[test]
fn html_is_self_contained_and_escapes_comment_text() {
    let nasty = [
        "<script>alert('x')</script> Der Akku ist beim Laden explodiert!",
        "<img src=x onerror=alert(1)> Akku brennt beim Laden, Brandgefahr!",
        "\"><iframe src=//evil.example></iframe> Akku beim Laden explodiert & brennt",
        "Schönes Produkt, bin sehr zufrieden. <style>body{display:none}</style>",
    ];
    let mut csv = String::from("author,date,comment\n");
    for (i, t) in nasty.iter().enumerate() {
        csv.push_str(&format!("<b>user{i}</b>,2026-11-21 1{i}:00,{}\n", quote(t)));
    }
    let path = tmp("nasty.csv");
    std::fs::write(&path, csv).expect("write");
    let out_path = tmp("nasty.html");
    let out = run(&path, &["-o", out_path.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = std::fs::read_to_string(&out_path).expect("report written");
    for bad in [
        "<script", "<img", "<iframe", "<b>user", "url(", "@import", "<link",
    ] {
        assert!(!page.contains(bad), "{bad} in the report");
    }
    // every tag in the page is one of ours, and none loads anything
    const TAGS: &[&str] = &[
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "h1",
        "h2",
        "h3",
        "p",
        "span",
        "div",
        "b",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "th",
        "td",
        "blockquote",
        "br",
        "mark",
        "svg",
        "line",
        "text",
        "g",
        "rect",
        "path",
        "details",
        "summary",
    ];
    for tag in page.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let name = tag
            .trim_start_matches('/')
            .split([' ', '>'])
            .next()
            .unwrap_or("");
        assert!(TAGS.contains(&name), "unexpected tag <{tag}>");
        for attr in ["src=", "href=", " on"] {
            assert!(!tag.contains(attr), "{attr} in <{tag}>");
        }
    }
    assert_eq!(
        page.matches("<style>").count(),
        1,
        "only our own style block"
    );
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;b&gt;user"));
    assert!(page.contains("<svg"), "inline timeline");
    assert!(page.contains("<mark"), "evidence marked");
    // markdown escapes the same text
    let md = run(&path, &["--format", "md"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(!md.contains("<script") && !md.contains("<img"));
    assert!(md.contains("&lt;script&gt;"));
}

#[test]
fn stdin_input_is_detected_as_jsonl() {
    use std::io::Write;
    let mut child = bin()
        .args([
            "report",
            "-",
            "--format",
            "md",
            "--ui-lang",
            "en",
            "--no-progress",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"text\": \"My battery exploded while charging. This is dangerous!\", \"author\": \"a\"}\n{\"text\": \"Great product, works perfectly.\", \"author\": \"b\"}\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("Summary for management"));
    assert!(md.contains("The comments carry no times"));
}

/// Writes a large export for measuring the CLI (`/usr/bin/time -v krisenradar report …`):
/// `KRISENRADAR_LARGE_CSV=/tmp/big.csv KRISENRADAR_LARGE_ROWS=1000000 cargo test --test report -- --ignored`.
#[test]
#[ignore = "writes a large file for manual measurements"]
fn write_large_export() {
    let path = std::env::var("KRISENRADAR_LARGE_CSV")
        .unwrap_or_else(|_| "/tmp/krisenradar-large.csv".into());
    let rows: usize = std::env::var("KRISENRADAR_LARGE_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    write_german_csv(&big_thread(rows), f).expect("write");
}
