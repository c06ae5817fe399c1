//! `krisenradar report` end to end: real files in the CSV dialects and JSONL shapes of platform exports,
//! broken rows, a missing text column, and the rendered HTML / Markdown.

mod thread_gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use krisenradar::report::Report;
use krisenradar::thread::{Clock, CommentIn, Status, civil_from_days};
use thread_gen::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_krisenradar"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("krisenradar-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// A file in the test's temporary directory with `content`.
fn write_tmp(name: &str, content: &str) -> PathBuf {
    let path = tmp(name);
    std::fs::write(&path, content).expect("write");
    path
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

    let path = write_tmp(
        "notext.jsonl",
        "{\"stars\": 5, \"who\": \"Anna\"}\n{\"stars\": 1, \"who\": \"Ben\"}\n",
    );
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

fn run_in(lang: &str, path: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("report")
        .arg(path)
        .args(["--no-progress", "--ui-lang", lang])
        .args(extra)
        .output()
        .expect("run krisenradar")
}

#[track_caller]
fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("utf-8 report")
}

/// The words inside the `<mark>` elements of an HTML report.
fn marks(page: &str) -> Vec<String> {
    page.split("<mark")
        .skip(1)
        .filter_map(|m| {
            m.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</mark>"))
        })
        .map(|(inner, _)| inner.to_string())
        .collect()
}

const PERSONAL: [&str; 5] = [
    "0171 2345678",
    "erika.beispiel@example.org",
    "4711-2231",
    "DE89 3704 0044 0532 0130 00",
    "Lindenweg 7",
];

fn personal_csv() -> String {
    let texts = [
        "Der Akku ist beim Laden explodiert! Ruft mich an: 0171 2345678 oder erika.beispiel@example.org",
        "Akku beim Laden explodiert, Brandgefahr! Bestellnummer 4711-2231, Erstattung auf DE89 3704 0044 0532 0130 00",
        "Mein Akku ist beim Laden explodiert, Brandgefahr! Schickt Ersatz an Lindenweg 7",
        "Schönes Produkt, bin sehr zufrieden.",
    ];
    let mut csv = String::from("Datum;Autor;Kommentar\n");
    for (i, t) in texts.iter().enumerate() {
        csv.push_str(&format!("21.11.2026 1{i}:00;Kundin {i};{}\n", quote(t)));
    }
    csv
}

#[test]
fn personal_data_is_masked_in_every_format_unless_shown() {
    let path = tmp("personal.csv");
    std::fs::write(&path, personal_csv()).expect("write");
    for (lang, phone, email, number, iban, address, note) in [
        (
            "de",
            "[Telefonnummer]",
            "[E-Mail-Adresse]",
            "[Bestell-/Kundennummer]",
            "[IBAN]",
            "[Anschrift]",
            "Personenbezogene Daten",
        ),
        (
            "en",
            "[phone number]",
            "[e-mail address]",
            "[order/customer number]",
            "[IBAN]",
            "[address]",
            "Personal data",
        ),
    ] {
        for format in ["html", "md", "json"] {
            let masked = ok_stdout(&run_in(lang, &path, &["--format", format]));
            for p in PERSONAL {
                assert!(!masked.contains(p), "{lang} {format}: {p} shown");
            }
            // Markdown escapes the brackets
            let unescape = masked.replace("\\[", "[").replace("\\]", "]");
            for placeholder in [phone, email, number, iban, address] {
                assert!(
                    unescape.contains(placeholder),
                    "{lang} {format}: no {placeholder}"
                );
            }
            if format != "json" {
                assert!(masked.contains(note), "{lang} {format}: no note");
            }
            assert!(
                masked.contains("Kundin 0"),
                "{lang} {format}: author names stay"
            );
            let shown = ok_stdout(&run_in(
                lang,
                &path,
                &["--format", format, "--show-personal-data"],
            ));
            for p in PERSONAL {
                assert!(
                    shown.contains(p),
                    "{lang} {format}: {p} masked although shown"
                );
            }
            assert!(!shown.contains(phone), "{lang} {format}");
        }
    }
    // the author names are kept
    let page = ok_stdout(&run_in("de", &path, &[]));
    assert!(page.contains("Kundin 0"));
    let (r, _) = json_report(&path, &[]);
    assert!(!r.show_personal_data);
    assert_eq!(r.masked_personal_data, 5);
}

#[test]
fn highlights_still_cover_the_same_words_after_masking() {
    let path = tmp("personal-marks.csv");
    std::fs::write(&path, personal_csv()).expect("write");
    for (lang, placeholders) in [
        (
            "de",
            [
                "[Telefonnummer]",
                "[E-Mail-Adresse]",
                "[Bestell-/Kundennummer]",
                "[IBAN]",
                "[Anschrift]",
            ],
        ),
        (
            "en",
            [
                "[phone number]",
                "[e-mail address]",
                "[order/customer number]",
                "[IBAN]",
                "[address]",
            ],
        ),
    ] {
        let masked = marks(&ok_stdout(&run_in(lang, &path, &[])));
        let shown = marks(&ok_stdout(&run_in(lang, &path, &["--show-personal-data"])));
        assert_eq!(masked.len(), shown.len(), "{lang}: one mark for one mark");
        assert!(
            masked.iter().any(|m| m.contains("explodiert")),
            "{lang}: {masked:?}"
        );
        assert!(
            masked
                .iter()
                .any(|m| placeholders.iter().any(|p| m.contains(p))),
            "{lang}: the personal data is marked: {masked:?}"
        );
        // each mark covers the same words, with the personal data in it replaced by its placeholder
        for (m, s) in masked.iter().zip(&shown) {
            let mut expected = s.clone();
            for (p, ph) in PERSONAL.iter().zip(placeholders) {
                expected = expected.replace(p, ph);
            }
            assert_eq!(m, &expected, "{lang}");
        }
    }
}

#[test]
fn the_same_text_posted_again_is_listed_once_with_its_count() {
    let mut csv = String::from("Datum;Autor;Kommentar\n");
    // one text five times, by five people, written with other case and spacing
    for (i, t) in [
        "Der Akku ist beim Laden explodiert! Brandgefahr!",
        "der akku ist beim laden explodiert!  Brandgefahr!",
        "Der Akku ist beim Laden explodiert! Brandgefahr!",
        "DER AKKU IST BEIM LADEN EXPLODIERT! BRANDGEFAHR!",
        " Der Akku ist beim\nLaden explodiert! Brandgefahr! ",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("21.11.2026 10:0{i};Kopie {i};{}\n", quote(t)));
    }
    // and twelve different critical ones
    for i in 0..12 {
        csv.push_str(&format!(
            "21.11.2026 11:{i:02};Person {i};{}\n",
            quote(&format!(
                "Mein Akku Nummer {i} hat beim Laden gebrannt, Brandgefahr!"
            ))
        ));
    }
    let path = tmp("repeats.csv");
    std::fs::write(&path, csv).expect("write");
    let (r, _) = json_report(&path, &[]);
    let top = &r.summary.top_comments;
    assert_eq!(top.len(), 10);
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut texts: Vec<String> = top.iter().map(|c| norm(&c.text)).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 10, "ten different texts");
    let repeated = top.iter().find(|c| c.posts > 1).expect("grouped");
    assert_eq!(repeated.posts, 5);
    assert_eq!(
        repeated.posters,
        ["Kopie 0", "Kopie 1", "Kopie 2", "Kopie 3", "Kopie 4"]
    );
    assert!(top.iter().filter(|c| c.posts > 1).count() == 1);
    let de = ok_stdout(&run_in("de", &path, &[]));
    assert!(de.contains("5×"));
    assert!(de.contains("5× gepostet (gleicher Text) von 5 Autor:innen: Kopie 0, Kopie 1"));
    let listed = de.split("zuerst beantworten").nth(1).expect("top comments");
    assert_eq!(
        listed.matches("<span class=\"dup\">5×</span>").count(),
        1,
        "listed once"
    );
    assert_eq!(listed.matches("<div class=\"card\"><div><b>").count(), 10);
    let en = ok_stdout(&run_in("en", &path, &["--format", "md"]));
    assert!(en.contains("Posted 5× (same text) by 5 authors: Kopie 0"));
    // the minimal pair: posted once, no count
    let once = write_tmp(
        "once.csv",
        "Datum;Autor;Kommentar\n21.11.2026 10:00;Anna;\"Der Akku ist beim Laden explodiert! Brandgefahr!\"\n",
    );
    let (r, _) = json_report(&once, &[]);
    assert_eq!(r.summary.top_comments[0].posts, 1);
    for lang in ["de", "en"] {
        let page = ok_stdout(&run_in(lang, &once, &[]));
        assert!(!page.contains('×'), "{lang}");
    }
}

#[test]
fn counts_are_singular_or_plural_in_both_languages() {
    let one = write_tmp(
        "one.csv",
        "Datum;Autor;Kommentar\n21.11.2026 10:00;Anna;\"Der Akku ist beim Laden explodiert! Brandgefahr!\"\n",
    );
    let two = write_tmp(
        "two.csv",
        "Datum;Autor;Kommentar\n21.11.2026 10:00;Anna;\"Der Akku ist beim Laden explodiert! Brandgefahr!\"\n21.11.2026 10:05;Ben;\"Mein Akku hat beim Laden gebrannt, Brandgefahr!\"\nvorgestern;Mia;kaputt\n",
    );
    for format in ["html", "md"] {
        let de1 = ok_stdout(&run_in("de", &one, &["--format", format]));
        let en1 = ok_stdout(&run_in("en", &one, &["--format", format]));
        let de2 =
            String::from_utf8(run_in("de", &two, &["--format", format]).stdout).expect("utf-8");
        let en2 =
            String::from_utf8(run_in("en", &two, &["--format", format]).stdout).expect("utf-8");
        for (text, want, not) in [
            (&de1, "kam 1 Kommentar von 1 Autor:in", "1 Kommentare"),
            (&de1, "1 Zeile gelesen", "1 Zeilen"),
            (&de1, "1 kritischer Kommentar", "1 kritische Kommentare"),
            (&de1, "1 davon (100 %) war kritisch", "waren kritisch"),
            (&en1, "1 comment came from 1 author", "1 comments"),
            (&en1, "1 row read", "1 rows"),
            (&en1, "1 critical comment", "1 critical comments"),
            (&en1, "1 of them (100%) was critical", "were critical"),
            (&de2, "kamen 2 Kommentare von 2 Autor:innen", "2 Kommentar "),
            (&de2, "3 Zeilen gelesen", "3 Zeile "),
            (&de2, "1 Zeile übersprungen", "1 Zeilen übersprungen"),
            (&en2, "2 comments came from 2 authors", "2 comment "),
            (&en2, "1 row skipped", "1 rows skipped"),
            (&en2, "2 critical comments", "2 critical comment "),
        ] {
            assert!(text.contains(want), "{format}: {want:?} missing");
            assert!(!text.contains(not), "{format}: {not:?} found");
        }
        for text in [&de1, &en1, &de2, &en2] {
            for bad in ["(e)", "(s)", "(n)"] {
                assert!(!text.contains(bad), "{format}: {bad}");
            }
        }
    }
    let out = run_in("en", &two, &["--format", "json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("krisenradar: 1 row skipped"), "{err}");
    assert!(!err.contains("row(s)"), "{err}");
}

#[test]
fn local_times_are_not_called_utc_and_tz_converts() {
    // times as a German export writes them: no zone
    let local = write_tmp(
        "local.csv",
        "Datum;Autor;Kommentar\n21.11.2026 14:03;Anna;\"Der Akku ist beim Laden explodiert!\"\n21.11.2026 15:10;Ben;Alles gut\n",
    );
    let wall = krisenradar::thread::days_from_civil(2026, 11, 21) * 86_400 + 14 * 3600 + 3 * 60;
    let (r, _) = json_report(&local, &[]);
    assert_eq!(r.summary.clock, Clock::Local);
    assert_eq!(r.summary.first_timestamp, Some(wall), "shown as written");
    for (lang, label) in [
        ("de", "Ortszeit laut Export"),
        ("en", "local time as exported"),
    ] {
        for format in ["html", "md"] {
            let text = ok_stdout(&run_in(lang, &local, &["--format", format]));
            assert!(text.contains(label), "{lang} {format}");
            assert!(
                !text.contains("UTC"),
                "{lang} {format}: local time called UTC"
            );
            assert!(text.contains("2026-11-21 14:03"), "{lang} {format}");
        }
    }
    // the minimal pair: --tz names the zone the times were written in; they stay as written
    let (r, _) = json_report(&local, &["--tz", "Europe/Berlin"]);
    assert_eq!(r.summary.clock, Clock::Zone("Europe/Berlin".into()));
    assert_eq!(r.summary.first_timestamp, Some(wall));
    for lang in ["de", "en"] {
        let page = ok_stdout(&run_in(lang, &local, &["--tz", "Europe/Berlin"]));
        assert!(
            page.contains("Europe/Berlin") && !page.contains("UTC"),
            "{lang}"
        );
    }
    // times with a zone: UTC by default, converted by --tz (CET in November, CEST in July)
    let zoned = write_tmp(
        "zoned.csv",
        "created_time,author,message\n2026-11-21T13:03:00Z,anna,\"My battery exploded while charging!\"\n2026-07-01T10:00:00-04:00,ben,All good\n",
    );
    let (r, _) = json_report(&zoned, &[]);
    assert_eq!(r.summary.clock, Clock::Utc);
    let utc_nov = wall - 3600;
    let utc_jul = krisenradar::thread::days_from_civil(2026, 7, 1) * 86_400 + 14 * 3600;
    assert_eq!(r.summary.first_timestamp, Some(utc_jul));
    assert_eq!(r.summary.last_timestamp, Some(utc_nov));
    assert!(ok_stdout(&run_in("en", &zoned, &[])).contains("Times: UTC"));
    let (r, _) = json_report(&zoned, &["--tz", "Europe/Berlin"]);
    assert_eq!(r.summary.first_timestamp, Some(utc_jul + 2 * 3600), "CEST");
    assert_eq!(r.summary.last_timestamp, Some(utc_nov + 3600), "CET");
    let md = ok_stdout(&run_in(
        "de",
        &zoned,
        &["--format", "md", "--tz", "Europe/Berlin"],
    ));
    assert!(md.contains("Zeiten: Europe/Berlin"), "{md}");
    assert!(md.contains("2026-11-21 14:03"));
    // times with and without a zone in one export say so
    let mixed = write_tmp(
        "mixed.csv",
        "created_time,author,message\n2026-11-21T13:03:00Z,anna,\"My battery exploded!\"\n2026-11-21 15:00,ben,All good\n",
    );
    let (r, _) = json_report(&mixed, &[]);
    assert_eq!(r.summary.clock, Clock::Mixed);
    assert!(
        ok_stdout(&run_in("en", &mixed, &[]))
            .contains("UTC where the export gives a zone, else local time as exported")
    );
    // a zone the database does not know
    let out = run(&local, &["--tz", "Europe/Atlantis"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tz Europe/Atlantis"));
}

#[test]
fn reasons_that_add_no_points_are_not_listed() {
    let comments = [
        CommentIn::new("1", "Der Akku ist beim Laden explodiert! Brandgefahr!").with_author("Anna"),
    ];
    for lang in [krisenradar::Lang::De, krisenradar::Lang::En] {
        let opts = krisenradar::Options::new(lang);
        let summary = krisenradar::thread::summarize_thread_with(
            &comments,
            &opts,
            &krisenradar::thread::Thresholds::default(),
        );
        let mut report = Report::new("t", "t.csv", summary);
        let reasons = &mut report.summary.top_comments[0].analysis.criticality.reasons;
        assert!(reasons.len() >= 2);
        let (zero, kept) = ("Grund ohne Punkte", "Grund mit Punkten");
        reasons[0].message = zero.into();
        reasons[0].points = 0.4;
        reasons[1].message = kept.into();
        reasons[1].points = 5.0;
        let html = krisenradar::report::html(&report);
        let md = krisenradar::report::markdown(&report);
        for text in [&html, &md] {
            assert!(!text.contains(zero), "{lang:?}: a reason of +0 listed");
            assert!(text.contains(&format!("+5 {kept}")), "{lang:?}");
            assert!(!text.contains("+0 "), "{lang:?}");
        }
    }
}

#[test]
fn figures_fill_their_rows_and_tables_scroll() {
    let path = tmp("akku-layout.csv");
    std::fs::write(&path, german_csv(&safety_crisis())).expect("write");
    let page = ok_stdout(&run(&path, &[]));
    // six cards and the peak twice as wide: two full rows of four (two of two on a phone)
    let figures = page
        .split("<div class=\"figures\">")
        .nth(1)
        .expect("figures");
    let figures = figures.split("</div>\n").next().unwrap_or("");
    assert_eq!(figures.matches("<div class=\"fig\">").count(), 6);
    assert_eq!(figures.matches("<div class=\"fig wide\">").count(), 1);
    assert!(page.contains(".figures{display:grid;grid-template-columns:repeat(4,minmax(0,1fr))"));
    assert!(page.contains("@media(max-width:700px){.figures,.figures.c3{grid-template-columns:repeat(2,minmax(0,1fr))}}"));
    // without times there is no peak: six cards in rows of three
    let no_times = write_tmp(
        "no-times.csv",
        "Kommentar\n\"Der Akku ist beim Laden explodiert!\"\n",
    );
    assert!(ok_stdout(&run(&no_times, &[])).contains("<div class=\"figures c3\">"));
    // every table scrolls sideways on its own
    assert!(page.contains(".scroll{overflow-x:auto"));
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<div class=\"scroll\"><table").count()
    );
}

#[test]
fn the_fixture_report_in_markdown() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/threads/akku-krise.csv");
    for lang in ["de", "en"] {
        let md = ok_stdout(&run_in(lang, &fixture, &["--format", "md"]));
        insta::assert_snapshot!(format!("fixture_report_md_{lang}"), md);
    }
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

/// The report analyses batches of comments on all cores and folds them into the thread in input order: the
/// same report, byte for byte, as on one core — across batch boundaries (5,000 comments, batches of 2,048).
#[test]
fn all_cores_give_the_same_report() {
    let path = tmp("cores.csv");
    std::fs::write(&path, german_csv(&big_thread(5000))).expect("write");
    let report = |threads: &str| {
        let out = bin()
            .arg("report")
            .arg(&path)
            .args(["--no-progress", "--ui-lang", "de", "--format", "json"])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("run krisenradar");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = report("1");
    let r: Report = serde_json::from_slice(&one).expect("JSON report");
    assert_eq!(r.summary.comments, 5000);
    assert!(
        one == report("4"),
        "the report depends on the number of cores"
    );
}
