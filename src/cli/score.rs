//! `krisenradar score`: JSONL `{"id","text"}` in, one analysis per line out.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use krisenradar::{Analysis, analyze};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::input;
use super::{AnalysisArgs, repair_surrogates};

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ScoreFormat {
    #[default]
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// JSONL file with {"id","text"} per line; stdin when missing or `-`.
    pub input: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Jsonl)]
    pub format: ScoreFormat,
    /// Leave the evidence out of the JSON output (smaller lines).
    #[arg(long)]
    pub no_evidence: bool,
    /// The input's encoding (utf-8, windows-1252, utf-16le, …); default: UTF-8, with lines that are not
    /// UTF-8 read as Windows-1252, and UTF-16 by its byte order mark.
    #[arg(long)]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

enum Sink<W: Write> {
    Json(W),
    Csv(Box<csv::Writer<W>>),
}

#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    id: Value,
    text: String,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a Value,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

pub fn run(args: ScoreArgs) -> io::Result<ExitCode> {
    let opts = args.analysis.options();
    let (raw, _) = input::open_path(args.input.as_deref())?;
    let input::Opened {
        reader,
        mut decoding,
        ..
    } = input::open_rows(raw, args.encoding.as_deref())?;
    let out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut sink = match args.format {
        ScoreFormat::Jsonl => Sink::Json(out),
        ScoreFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CSV_HEADER).map_err(io::Error::other)?;
            Sink::Csv(Box::new(w))
        }
    };
    let mut skipped = 0usize;
    let mut rows = 0usize;
    for (n, line) in reader.split(b'\n').enumerate() {
        let line_no = n + 1;
        let bytes = line?;
        let line = decoding.text(&bytes, line_no as u64);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        rows += 1;
        let parsed =
            serde_json::from_str::<Input>(line).or_else(|e| match repair_surrogates(line) {
                Some(fixed) => serde_json::from_str::<Input>(&fixed),
                None => Err(e),
            });
        let mut input = match parsed {
            Ok(i) => i,
            Err(e) => {
                eprintln!(
                    "krisenradar: line {line_no}: skipped: not a JSON object with a string \"text\" ({e})"
                );
                skipped += 1;
                continue;
            }
        };
        if input.id.is_null() {
            input.id = Value::from(line_no);
        }
        let mut analysis = analyze(&input.text, &opts);
        if args.no_evidence {
            analysis.evidence.clear();
        }
        match &mut sink {
            Sink::Csv(w) => w
                .write_record(csv_row(&input.id, &analysis))
                .map_err(io::Error::other)?,
            Sink::Json(out) => {
                serde_json::to_writer(
                    &mut *out,
                    &Output {
                        id: &input.id,
                        analysis: &analysis,
                    },
                )?;
                out.write_all(b"\n")?;
            }
        }
    }
    match &mut sink {
        Sink::Csv(w) => w.flush()?,
        Sink::Json(out) => out.flush()?,
    }
    let name = args.input.as_deref().unwrap_or("stdin");
    if let Some(notice) = decoding.notice(name) {
        eprintln!("{notice}");
    }
    if rows == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "no rows to read: the input has no JSON lines",
        ));
    }
    if skipped > 0 {
        eprintln!("krisenradar: {skipped} line(s) skipped");
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

const CSV_HEADER: [&str; 14] = [
    "id",
    "lang",
    "sentiment_label",
    "sentiment_score",
    "toxicity_score",
    "toxic",
    "categories",
    "signals",
    "topic",
    "criticality",
    "level",
    "channel",
    "address",
    "reasons",
];

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) gets a
/// leading apostrophe, as in the extension's CSV export: an exported comment must never run in Excel.
pub fn spreadsheet_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

fn csv_row(id: &Value, a: &Analysis) -> Vec<String> {
    let id = spreadsheet_safe(match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let join = |v: Vec<&str>| v.join(";");
    vec![
        id,
        a.lang.code.code().to_string(),
        format!("{:?}", a.sentiment.label).to_lowercase(),
        format!("{:.3}", a.sentiment.score),
        format!("{:.3}", a.toxicity.score),
        a.toxicity.toxic.to_string(),
        join(a.toxicity.categories.iter().map(|c| c.key()).collect()),
        join(a.signals.iter().map(|s| s.key()).collect()),
        a.topic.key().to_string(),
        a.criticality.score.to_string(),
        a.criticality.level.key().to_string(),
        format!("{:?}", a.criticality.channel).to_lowercase(),
        a.address
            .map(|x| format!("{x:?}").to_lowercase())
            .unwrap_or_default(),
        spreadsheet_safe(
            a.criticality
                .reasons
                .iter()
                .map(|r| r.message.as_str())
                .collect::<Vec<_>>()
                .join(" | "),
        ),
    ]
}
