//! Excel both ways, run for real: a German Excel CSV (Windows-1252, `;`, quoted line breaks) goes into
//! `krisenradar score`, every row is analysed, and the `--excel` CSV that comes out (UTF-8 with a byte order
//! mark, `;` and decimal commas in German, `,` in English) reads back with its umlauts intact.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], lang: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_krisenradar"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("LANG", lang)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn krisenradar");
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

/// `score --excel` with German reasons.
fn excel_de(path: &std::path::Path) -> Output {
    run(
        &[
            "score",
            "--excel",
            "--ui-lang",
            "de",
            path.to_str().unwrap(),
        ],
        "C",
    )
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("krisenradar-excel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(bytes))
        .expect("write input");
    path
}

/// Invented comments with umlauts, ß, a quoted `;` and a quoted line break, as German Excel saves them.
const ROWS: [(&str, &str, &str); 5] = [
    (
        "101",
        "Jürgen Weiß",
        "Seit drei Wochen warte ich auf die Rückerstattung. Ich gehe jetzt zum Anwalt!",
    ),
    (
        "102",
        "Özlem Käßler",
        "Danke für die schnelle Hilfe, alles bestens!",
    ),
    (
        "103",
        "Björn Süß",
        "Die Bestätigung kam nie an; wo bleibt meine Bestellung?",
    ),
    (
        "104",
        "Änne Groß",
        "Der Akku wird heiß.\nEr qualmt sogar – ist das gefährlich?",
    ),
    ("105", "Ulf Öztürk", "Größe passt, Farbe schön."),
];

fn german_excel_csv() -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(["Nr.", "Verfasser", "Kommentartext"])
        .expect("header");
    for (id, author, text) in ROWS {
        w.write_record([id, author, text]).expect("row");
    }
    let utf8 = String::from_utf8(w.into_inner().expect("csv")).expect("utf-8");
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!lossy, "the fixture must be representable in Windows-1252");
    cp1252.into_owned()
}

fn read_back(bytes: &[u8], delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("an Excel CSV starts with a UTF-8 byte order mark");
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(body);
    let headers = rdr
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = rdr
        .records()
        .map(|r| r.expect("row").iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn column(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
}

#[test]
fn a_windows_1252_semicolon_csv_round_trips_through_the_excel_csv() {
    let input = german_excel_csv();
    assert!(
        std::str::from_utf8(&input).is_err(),
        "the input is not UTF-8"
    );
    let path = tmp("kommentare.csv", &input);
    let out = excel_de(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("read as Windows-1252"), "{stderr}");

    let (headers, rows) = read_back(&out.stdout, b';');
    assert_eq!(rows.len(), ROWS.len(), "every row analysed");
    let (id, text, level, score) = (
        column(&headers, "id"),
        column(&headers, "text"),
        column(&headers, "level"),
        column(&headers, "sentiment_score"),
    );
    for (row, (want_id, _, want_text)) in rows.iter().zip(ROWS) {
        assert_eq!(row[id], want_id);
        assert_eq!(row[text], want_text, "umlauts, ß and line breaks intact");
        assert!(
            row[score].contains(',') && !row[score].contains('.'),
            "decimal comma for German Excel: {}",
            row[score]
        );
    }
    // the judgement travels with the text: the legal threat is the one to escalate, the thanks is not
    assert_eq!(rows[0][level], "escalate");
    assert_eq!(rows[1][level], "monitor");
    let reasons = column(&headers, "reasons");
    assert!(rows[0][reasons].contains("Anwalt"), "{}", rows[0][reasons]);
}

#[test]
fn english_excel_csv_uses_commas_and_decimal_points() {
    let rows = "id,message\n1,\"I'm done with you, cancelling my subscription today!\"\n2,Thanks so much!\n";
    let path = tmp("comments.csv", rows.as_bytes());
    let out = run(&["score", "--excel", path.to_str().unwrap()], "en_GB.UTF-8");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (headers, back) = read_back(&out.stdout, b',');
    assert_eq!(back.len(), 2);
    let score = column(&headers, "sentiment_score");
    assert!(back[0][score].contains('.'), "{}", back[0][score]);
    assert!(back[0][column(&headers, "signals")].contains("churn"));
}

#[test]
fn the_locale_picks_the_excel_dialect() {
    let path = tmp("de.csv", "Nachricht\nDanke!\n".as_bytes());
    let de = run(&["score", "--excel", path.to_str().unwrap()], "de_DE.UTF-8");
    assert!(de.status.success());
    assert!(de.stdout.starts_with(b"\xEF\xBB\xBFid;text;"));
    let en = run(&["score", "--excel", path.to_str().unwrap()], "en_US.UTF-8");
    assert!(en.stdout.starts_with(b"\xEF\xBB\xBFid,text,"));
    // plain CSV stays as it was: no byte order mark, commas
    let plain = run(
        &["score", "--format", "csv", path.to_str().unwrap()],
        "de_DE.UTF-8",
    );
    assert!(plain.stdout.starts_with(b"id,text,"));
}

#[test]
fn a_broken_row_is_reported_by_line_and_the_others_are_kept() {
    let mut input = german_excel_csv();
    // a row with one cell too many after the header and the first record
    let cut = input.iter().position(|&b| b == b'\n').unwrap() + 1;
    input.splice(cut..cut, b"99;Zu;viele;Zellen\r\n".iter().copied());
    let path = tmp("kaputt.csv", &input);
    let out = excel_de(&path);
    assert_eq!(out.status.code(), Some(3), "some rows were skipped");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: skipped: 4 fields where the header has 3"),
        "{stderr}"
    );
    assert!(stderr.contains("1 line skipped, 5 analysed"), "{stderr}");
    let (_, rows) = read_back(&out.stdout, b';');
    assert_eq!(rows.len(), ROWS.len());
}

#[test]
fn a_csv_without_a_text_column_names_the_columns_it_found() {
    let path = tmp("ohne.csv", "Nr;Datum\n1;2026-11-21\n".as_bytes());
    let out = run(&["score", path.to_str().unwrap()], "C");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("found the columns \"Nr\", \"Datum\""),
        "{stderr}"
    );
}
