//! `krisenradar score`: JSONL `{"id","text"}` or a CSV export in, one analysis per line out (JSONL or CSV, also
//! as CSV for Excel). A broken row is reported with its line number and skipped; the others are analysed.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use krisenradar::columns::{self, Given};
use krisenradar::text::count;
use krisenradar::{Analysis, Lang, Options, analyze};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::input::{self, Decoding};
use super::table::{InputFormat, Row, Table, no_text_error};
use super::{AnalysisArgs, repair_surrogates};

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ScoreFormat {
    #[default]
    Jsonl,
    Csv,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// JSONL file with {"id","text"} per line, or a CSV export (columns found by name: Kommentar, Text,
    /// Nachricht, message, …); stdin when missing or `-`.
    pub input: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Jsonl)]
    pub format: ScoreFormat,
    /// CSV for Excel: UTF-8 with a byte order mark, `;` between cells and decimal commas when the reasons are
    /// German (`--ui-lang de` or a German LANG), `,` and decimal points in English. Implies `--format csv`.
    #[arg(long)]
    pub excel: bool,
    /// Leave the evidence out of the JSON output (smaller lines).
    #[arg(long)]
    pub no_evidence: bool,
    /// The input's encoding (utf-8, windows-1252, utf-16le, …); default: UTF-8, with lines that are not
    /// UTF-8 read as Windows-1252, and UTF-16 by its byte order mark.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Input format; default: from the file name, else from the first character (`{` is JSONL).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// CSV input delimiter; default: detected from the header line (`,`, `;` or tab).
    #[arg(long)]
    pub delimiter: Option<char>,
    /// CSV input: the column with the comment text; default: detected (Kommentar, Text, Nachricht, message, …).
    #[arg(long)]
    pub text_column: Option<String>,
    /// CSV input: the column with the comment id; default: detected (id, comment_id, Nr, …), else the line.
    #[arg(long)]
    pub id_column: Option<String>,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

enum Sink<W: Write> {
    Json(W),
    Csv {
        out: Box<csv::Writer<W>>,
        decimal_comma: bool,
    },
}

/// Comments waiting for analysis: read in order, analysed on all cores, written in order.
struct Batch<'a> {
    rows: Vec<(Value, String)>,
    opts: &'a Options,
    no_evidence: bool,
}

/// Rows analysed together: enough to keep every core busy, few enough to keep memory flat.
const BATCH: usize = 2048;

impl<W: Write> Sink<W> {
    /// Queues one comment; a full batch is analysed and written.
    fn push(&mut self, batch: &mut Batch<'_>, id: Value, text: String) -> io::Result<()> {
        batch.rows.push((id, text));
        if batch.rows.len() >= BATCH {
            self.write_batch(batch)?;
        }
        Ok(())
    }

    /// Analyses the queued comments in parallel (each output line or row is built on the core that analysed it)
    /// and writes them in input order.
    fn write_batch(&mut self, batch: &mut Batch<'_>) -> io::Result<()> {
        let (opts, no_evidence) = (batch.opts, batch.no_evidence);
        let analyse = |text: &str| {
            let mut analysis = analyze(text, opts);
            if no_evidence {
                analysis.evidence.clear();
            }
            analysis
        };
        match self {
            Sink::Csv { out, decimal_comma } => {
                let comma = *decimal_comma;
                let records: Vec<Vec<String>> = batch
                    .rows
                    .par_iter()
                    .map(|(id, text)| csv_row(id, text, &analyse(text), comma))
                    .collect();
                for r in records {
                    out.write_record(r).map_err(io::Error::other)?;
                }
            }
            Sink::Json(out) => {
                let lines: Vec<Vec<u8>> = batch
                    .rows
                    .par_iter()
                    .map(|(id, text)| {
                        let analysis = analyse(text);
                        let mut line = serde_json::to_vec(&Output {
                            id,
                            analysis: &analysis,
                        })
                        .expect("an analysis always serialises");
                        line.push(b'\n');
                        line
                    })
                    .collect();
                for l in lines {
                    out.write_all(&l)?;
                }
            }
        }
        batch.rows.clear();
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Csv { out, .. } => out.flush(),
            Sink::Json(out) => out.flush(),
        }
    }
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

/// Rows read and rows skipped (each skipped one reported on stderr with its line).
#[derive(Default)]
struct Tally {
    rows: usize,
    skipped: usize,
}

impl Tally {
    fn skip(&mut self, line: u64, reason: impl std::fmt::Display) {
        eprintln!("krisenradar: line {line}: skipped: {reason}");
        self.skipped += 1;
    }
}

pub fn run(args: ScoreArgs) -> io::Result<ExitCode> {
    let opts = args.analysis.options();
    let name = args.input.as_deref().unwrap_or("-");
    let (raw, _) = input::open_path(args.input.as_deref())?;
    let opened = input::open_rows(raw, args.encoding.as_deref())?;
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::detect(name, &opened.head));
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut sink = if args.excel || matches!(args.format, ScoreFormat::Csv) {
        let german = args.excel && opts.ui_lang == Lang::De;
        if args.excel {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(if german { b';' } else { b',' })
            .from_writer(out);
        w.write_record(CSV_HEADER).map_err(io::Error::other)?;
        Sink::Csv {
            out: Box::new(w),
            decimal_comma: german,
        }
    } else {
        Sink::Json(out)
    };
    let input::Opened {
        reader,
        mut decoding,
        ..
    } = opened;
    let mut tally = Tally::default();
    match format {
        InputFormat::Jsonl => {
            read_jsonl(reader, &mut decoding, &args, &opts, &mut sink, &mut tally)?
        }
        InputFormat::Csv => read_csv(reader, &mut decoding, &args, &opts, &mut sink, &mut tally)?,
    }
    sink.flush()?;
    let name = args.input.as_deref().unwrap_or("stdin");
    if let Some(notice) = decoding.notice(name) {
        eprintln!("{notice}");
    }
    if tally.rows == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            match format {
                InputFormat::Jsonl => "no rows to read: the input has no JSON lines",
                InputFormat::Csv => "no rows to read: the file has only a header line",
            },
        ));
    }
    if tally.skipped > 0 {
        eprintln!(
            "krisenradar: {} skipped, {} analysed",
            count(tally.skipped as u64, "line", "lines"),
            tally.rows - tally.skipped
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

fn read_jsonl<W: Write>(
    reader: Box<dyn BufRead>,
    decoding: &mut Decoding,
    args: &ScoreArgs,
    opts: &Options,
    sink: &mut Sink<W>,
    tally: &mut Tally,
) -> io::Result<()> {
    let mut batch = Batch {
        rows: Vec::new(),
        opts,
        no_evidence: args.no_evidence,
    };
    for (n, line) in reader.split(b'\n').enumerate() {
        let line_no = n as u64 + 1;
        let bytes = line?;
        let line = decoding.text(&bytes, line_no);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        tally.rows += 1;
        let parsed =
            serde_json::from_str::<Input>(line).or_else(|e| match repair_surrogates(line) {
                Some(fixed) => serde_json::from_str::<Input>(&fixed),
                None => Err(e),
            });
        let mut input = match parsed {
            Ok(i) => i,
            Err(e) => {
                tally.skip(
                    line_no,
                    format!("not a JSON object with a string \"text\" ({e})"),
                );
                continue;
            }
        };
        if input.id.is_null() {
            input.id = Value::from(line_no);
        }
        sink.push(&mut batch, input.id, input.text)?;
    }
    sink.write_batch(&mut batch)
}

fn read_csv<W: Write>(
    reader: Box<dyn BufRead>,
    decoding: &mut Decoding,
    args: &ScoreArgs,
    opts: &Options,
    sink: &mut Sink<W>,
    tally: &mut Tally,
) -> io::Result<()> {
    let mut batch = Batch {
        rows: Vec::new(),
        opts,
        no_evidence: args.no_evidence,
    };
    let mut table = Table::open(reader, args.delimiter, decoding)?;
    let found = columns::detect_given(
        &table.headers,
        &Given {
            text: args.text_column.as_deref(),
            id: args.id_column.as_deref(),
            ..Given::default()
        },
    );
    let text = found.text.ok_or_else(|| no_text_error(&table.headers))?;
    while let Some(row) = table.next_row()? {
        tally.rows += 1;
        let line = match row {
            Row::Record(line) => line,
            Row::Broken(line, reason) => {
                tally.skip(line, reason);
                continue;
            }
        };
        let Some(body) = table.field(Some(text), decoding) else {
            tally.skip(
                line,
                format!("no text in column \"{}\"", table.headers[text]),
            );
            continue;
        };
        let id = table
            .field(found.id, decoding)
            .map_or_else(|| Value::from(line), Value::from);
        sink.push(&mut batch, id, body)?;
    }
    sink.write_batch(&mut batch)?;
    table.finish()
}

const CSV_HEADER: [&str; 15] = [
    "id",
    "text",
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

fn csv_row(id: &Value, text: &str, a: &Analysis, decimal_comma: bool) -> Vec<String> {
    let id = spreadsheet_safe(match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let join = |v: Vec<&str>| v.join(";");
    let num = |x: f32| {
        let s = format!("{x:.3}");
        if decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    };
    vec![
        id,
        spreadsheet_safe(text.to_string()),
        a.lang.code.code().to_string(),
        format!("{:?}", a.sentiment.label).to_lowercase(),
        num(a.sentiment.score),
        num(a.toxicity.score),
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
