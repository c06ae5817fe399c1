//! `krisenradar report`: a post-crisis report (HTML, Markdown or JSON) from a CSV or JSONL export.
//!
//! Streams the input: every row is analysed and folded into a [`ThreadState`] (bounded memory), nothing is
//! kept per row. Columns are found by common German and English names or given as flags; CSV with `,`, `;`
//! or tab, a UTF-8 BOM and quoted line breaks; dates as ISO 8601, German `21.11.2026 14:03`, or unix time.
//! A broken row is reported with its line number and skipped; the report says how many were skipped.
//!
//! Times: a time with a zone (or a unix time) is converted to UTC, or to `--tz ZONE`; a time without a zone is
//! shown as written and labelled "local time as exported", or read as local time in `--tz ZONE`. Personal
//! data is masked in every format unless `--show-personal-data` is given.

use std::fs::File;
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use krisenradar::columns::{self, Detected, Given, Role};
use krisenradar::report::{self, Columns, Report, SkippedRow};
use krisenradar::text::count;
use krisenradar::thread::{Clock, CommentIn, ThreadState, days_from_civil};
use krisenradar::{Lang, analyze};
use rayon::prelude::*;
use serde_json::Value;

use super::AnalysisArgs;
use super::input::{self, Decoding};
use super::table::{InputFormat, Row, Table, no_text_error};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    #[default]
    Html,
    Md,
    Json,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// CSV or JSONL export of the comments (`-` for stdin).
    pub input: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<String>,
    /// Input format; default: from the file name, else from the first character.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// CSV delimiter; default: detected from the header line (`,`, `;` or tab).
    #[arg(long)]
    pub delimiter: Option<char>,
    /// The input's encoding (utf-8, windows-1252, iso-8859-15, utf-16le, …); default: UTF-8, with lines
    /// that are not UTF-8 read as Windows-1252 (German Excel's default), and UTF-16 by its byte order mark.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Column (or JSON key) with the comment text; default: detected (Kommentar, Text, Nachricht, message, …).
    #[arg(long)]
    pub text_column: Option<String>,
    /// Column with the author; default: detected (Autor, Name, user, from, …).
    #[arg(long)]
    pub author_column: Option<String>,
    /// Column with the date and time; default: detected (Datum, Zeitpunkt, created_time, timestamp, …).
    #[arg(long)]
    pub time_column: Option<String>,
    /// Column with the comment id; default: detected (id, comment_id, …), else the line number.
    #[arg(long)]
    pub id_column: Option<String>,
    /// Column with the id of the answered comment; default: detected (parent_id, in_reply_to, …).
    #[arg(long)]
    pub parent_column: Option<String>,
    /// Report title; default: from the file name.
    #[arg(long)]
    pub title: Option<String>,
    /// Show times in this IANA time zone (Europe/Berlin, America/New_York, UTC, …): times with a zone are
    /// converted, times without one are read as local time there. Default: times with a zone in UTC, times
    /// without one as written, labelled as local time of the export. Uses the system's time zone database.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Keep personal data (phone numbers, e-mail addresses, order and customer numbers, IBANs, street
    /// addresses) in the report as written; by default it is masked in every format.
    #[arg(long)]
    pub show_personal_data: bool,
    /// Never show the progress bar.
    #[arg(long)]
    pub no_progress: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

// ---- dates -----------------------------------------------------------------------------------------------------

struct Cur<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cur<'_> {
    fn num(&mut self, min: usize, max: usize) -> Option<i64> {
        let start = self.i;
        while self.i < self.s.len() && self.i - start < max && self.s[self.i].is_ascii_digit() {
            self.i += 1;
        }
        if self.i - start < min {
            return None;
        }
        std::str::from_utf8(&self.s[start..self.i])
            .ok()?
            .parse()
            .ok()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn skip_spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b',')) {
            self.i += 1;
        }
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn civil(y: i64, m: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    if !(1..=12).contains(&m)
        || d < 1
        || d > days_in_month(y, m)
        || !(0..24).contains(&h)
        || !(0..60).contains(&mi)
        || !(0..=60).contains(&s)
    {
        return None;
    }
    Some(days_from_civil(y, m as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + s)
}

/// `HH:MM[:SS[.fff]]` (after a date); returns (h, m, s).
fn clock(c: &mut Cur<'_>) -> Option<(i64, i64, i64)> {
    let h = c.num(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let mi = c.num(2, 2)?;
    let mut s = 0;
    if c.eat(b':') {
        s = c.num(2, 2)?;
        if c.eat(b'.') || c.eat(b',') {
            c.num(1, 9)?;
        }
    }
    Some((h, mi, s))
}

/// Zone offset in seconds: `Z`, `UTC`, `GMT`, `+01:00`, `+0100`, `+01`; `Some(None)` when no zone is given.
fn zone(c: &mut Cur<'_>) -> Option<Option<i64>> {
    c.skip_spaces();
    if c.done() {
        return Some(None);
    }
    let rest = std::str::from_utf8(&c.s[c.i..]).ok()?;
    if rest.eq_ignore_ascii_case("z")
        || rest.eq_ignore_ascii_case("utc")
        || rest.eq_ignore_ascii_case("gmt")
    {
        c.i = c.s.len();
        return Some(Some(0));
    }
    let sign = match c.peek()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    c.i += 1;
    let h = c.num(2, 2)?;
    c.eat(b':');
    let m = if c.done() { 0 } else { c.num(2, 2)? };
    Some(Some(sign * (h * 3600 + m * 60)))
}

/// Parses a timestamp: unix seconds or milliseconds, ISO 8601 (`2026-11-21T14:03:00+01:00`,
/// `2026-11-21 14:03`, `2026-11-21`), German (`21.11.2026 14:03`, `21.11.2026, 14:03 Uhr`, `21.11.26`).
/// Times without a zone are read as UTC here. Returns unix seconds.
#[cfg(test)]
fn parse_time(raw: &str) -> Option<i64> {
    parse_time_zoned(raw).map(|t| t.utc())
}

/// A time as the export wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExportTime {
    /// The wall-clock time written, as seconds since 1970-01-01 on that clock.
    pub wall: i64,
    /// The zone's offset from UTC in seconds, when the export gives one (a unix time is UTC).
    pub offset: Option<i64>,
}

impl ExportTime {
    /// Unix seconds, reading a time without a zone as UTC.
    pub fn utc(self) -> i64 {
        self.wall - self.offset.unwrap_or(0)
    }
}

/// Parses a timestamp like [`parse_time`] and keeps whether it had a zone.
pub fn parse_time_zoned(raw: &str) -> Option<ExportTime> {
    let s = raw.trim();
    let s = s
        .strip_suffix(" Uhr")
        .or_else(|| s.strip_suffix("Uhr"))
        .unwrap_or(s)
        .trim();
    if s.is_empty() {
        return None;
    }
    // unix time
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && int.len() >= 9
    {
        let v: i64 = int.parse().ok()?;
        return Some(ExportTime {
            wall: if int.len() >= 12 { v / 1000 } else { v },
            offset: Some(0),
        });
    }
    let mut c = Cur {
        s: s.as_bytes(),
        i: 0,
    };
    let first = c.num(1, 4)?;
    let (y, m, d) = if c.i == 4 && (c.eat(b'-') || c.eat(b'/')) {
        // ISO: YYYY-MM-DD
        let m = c.num(1, 2)?;
        if !(c.eat(b'-') || c.eat(b'/')) {
            return None;
        }
        (first, m, c.num(1, 2)?)
    } else if c.i <= 2 && c.eat(b'.') {
        // German: D.M.YYYY or D.M.YY
        let m = c.num(1, 2)?;
        if !c.eat(b'.') {
            return None;
        }
        let start = c.i;
        let y = c.num(2, 4)?;
        let y = if c.i - start == 2 { 2000 + y } else { y };
        (y, m, first)
    } else {
        return None;
    };
    let date_only = |wall| Some(ExportTime { wall, offset: None });
    if c.done() {
        return date_only(civil(y, m, d, 0, 0, 0)?);
    }
    if !(c.eat(b'T') || c.eat(b't')) {
        c.skip_spaces();
    }
    if c.done() {
        return date_only(civil(y, m, d, 0, 0, 0)?);
    }
    let (h, mi, sec) = clock(&mut c)?;
    let offset = zone(&mut c)?;
    if !c.done() {
        return None;
    }
    Some(ExportTime {
        wall: civil(y, m, d, h, mi, sec)?,
        offset,
    })
}

/// The clock the report shows its times on: `--tz`, or UTC for times with a zone and the export's own
/// clock for times without one.
pub struct Times {
    tz: Option<(String, jiff::tz::TimeZone)>,
    zoned: u64,
    unzoned: u64,
}

impl Times {
    pub fn new(tz: Option<&str>) -> io::Result<Self> {
        let tz = match tz {
            None => None,
            Some(name) => Some((
                name.to_string(),
                jiff::tz::TimeZone::get(name).map_err(|e| {
                    io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!(
                            "--tz {name}: not a time zone of the system's time zone database ({e}); use an IANA name like Europe/Berlin"
                        ),
                    )
                })?,
            )),
        };
        Ok(Times {
            tz,
            zoned: 0,
            unzoned: 0,
        })
    }

    /// The time as shown, in seconds on the report's clock.
    pub fn shown(&mut self, t: ExportTime) -> i64 {
        match t.offset {
            None => {
                // as written: the export's own clock, or local time in --tz
                self.unzoned += 1;
                t.wall
            }
            Some(_) => {
                self.zoned += 1;
                let utc = t.utc();
                match &self.tz {
                    None => utc,
                    Some((_, tz)) => {
                        let offset = jiff::Timestamp::from_second(utc)
                            .map(|ts| i64::from(tz.to_offset(ts).seconds()))
                            .unwrap_or(0);
                        utc + offset
                    }
                }
            }
        }
    }

    pub fn clock(&self) -> Clock {
        match (&self.tz, self.zoned, self.unzoned) {
            (Some((name, _)), _, _) => Clock::Zone(name.clone()),
            (None, 0, 0) => Clock::Utc,
            (None, _, 0) => Clock::Utc,
            (None, 0, _) => Clock::Local,
            (None, _, _) => Clock::Mixed,
        }
    }
}

// ---- reading ---------------------------------------------------------------------------------------------------

/// Counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[derive(Default)]
struct Tally {
    rows: u64,
    skipped: u64,
    listed: Vec<SkippedRow>,
}

impl Tally {
    fn skip(&mut self, line: u64, reason: String) {
        eprintln!("krisenradar: line {line}: skipped: {reason}");
        self.skipped += 1;
        if self.listed.len() < report::LISTED_SKIPPED {
            self.listed.push(SkippedRow { line, reason });
        }
    }
}

struct Ingest<'a> {
    state: ThreadState,
    /// Comments read but not yet analysed: analysed a batch at a time on all cores, folded in input order.
    pending: Vec<CommentIn>,
    times: Times,
    tally: Tally,
    decoding: Decoding,
    progress: &'a ProgressBar,
    read: Arc<AtomicU64>,
}

/// Comments analysed together: enough to keep every core busy, few enough to keep memory flat.
const BATCH: usize = 2048;

impl Ingest<'_> {
    /// Queues a comment; a full batch is analysed and folded into the thread.
    fn add(&mut self, c: CommentIn) {
        self.pending.push(c);
        if self.pending.len() >= BATCH {
            self.fold();
        }
    }

    /// Analyses the queued comments in parallel and folds them into the thread in input order (the same
    /// state as one `push` after the other).
    fn fold(&mut self) {
        let opts = self.state.options();
        let analyses: Vec<_> = self
            .pending
            .par_iter()
            .map(|c| analyze(&c.text, opts))
            .collect();
        for (c, a) in self.pending.iter().zip(&analyses) {
            self.state.push_analyzed(c, a);
        }
        self.pending.clear();
    }

    fn tick(&self) {
        if self.tally.rows.is_multiple_of(2048) {
            self.progress
                .set_position(self.read.load(Ordering::Relaxed));
            self.progress
                .set_message(format!("{} rows", self.tally.rows));
        }
    }
}

/// Large inputs get a progress bar on stderr (hidden when stderr is not a terminal).
const PROGRESS_FROM_BYTES: u64 = 4 << 20;

fn progress_bar(size: Option<u64>, off: bool) -> ProgressBar {
    if off || size.is_some_and(|s| s < PROGRESS_FROM_BYTES) {
        return ProgressBar::hidden();
    }
    let pb = match size {
        Some(s) => ProgressBar::with_draw_target(Some(s), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let style = if size.is_some() {
        ProgressStyle::with_template("{wide_bar} {bytes}/{total_bytes} · {msg} · {eta} left")
    } else {
        ProgressStyle::with_template("{spinner} {bytes} · {msg}")
    };
    if let Ok(style) = style {
        pb.set_style(style);
    }
    pb
}

fn read_csv<R: BufRead>(input: R, args: &ReportArgs, ing: &mut Ingest<'_>) -> io::Result<Columns> {
    let mut table = Table::open(input, args.delimiter, &mut ing.decoding)?;
    let headers = table.headers.clone();
    let found = columns::detect_given(
        &headers,
        &Given {
            text: args.text_column.as_deref(),
            author: args.author_column.as_deref(),
            time: args.time_column.as_deref(),
            id: args.id_column.as_deref(),
            parent: args.parent_column.as_deref(),
        },
    );
    let text = found.text.ok_or_else(|| no_text_error(&headers))?;
    let Detected {
        author,
        time,
        clock,
        id,
        parent,
        ..
    } = found;
    let name = |i: Option<usize>| i.and_then(|i| headers.get(i)).cloned();
    let columns = Columns {
        text: headers[text].clone(),
        author: name(author),
        timestamp: match (time, clock) {
            (Some(t), Some(c)) => Some(format!("{} + {}", headers[t], headers[c])),
            _ => name(time),
        },
        id: name(id),
        parent: name(parent),
    };
    let mut datetime = String::new();
    while let Some(row) = table.next_row()? {
        ing.tally.rows += 1;
        let line = match row {
            Row::Record(line) => line,
            Row::Broken(line, reason) => {
                ing.tally.skip(line, reason);
                continue;
            }
        };
        ing.tick();
        let mut field = |i: Option<usize>| table.field(i, &mut ing.decoding);
        let (text_value, time_value, clock_value) = (field(Some(text)), field(time), field(clock));
        let (id_value, author_value, parent_value) = (field(id), field(author), field(parent));
        let parsed = (|| -> Result<(CommentIn, Option<ExportTime>), String> {
            let text =
                text_value.ok_or_else(|| format!("no text in column \"{}\"", headers[text]))?;
            let timestamp = match time_value {
                None => None,
                Some(t) => {
                    datetime.clear();
                    datetime.push_str(&t);
                    if let Some(c) = clock_value {
                        datetime.push(' ');
                        datetime.push_str(&c);
                    }
                    Some(
                        parse_time_zoned(&datetime)
                            .ok_or_else(|| format!("cannot read the date \"{datetime}\""))?,
                    )
                }
            };
            Ok((
                CommentIn {
                    id: id_value.unwrap_or_else(|| line.to_string()),
                    text,
                    author: author_value,
                    timestamp: None,
                    parent: parent_value,
                },
                timestamp,
            ))
        })();
        match parsed {
            Ok((mut c, t)) => {
                c.timestamp = t.map(|t| ing.times.shown(t));
                ing.add(c);
            }
            Err(reason) => ing.tally.skip(line, reason),
        }
    }
    table.finish()?;
    Ok(columns)
}

/// A JSON value as a plain string (strings as they are, numbers written out, `{"name": …}` objects by name).
fn json_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").or_else(|| o.get("id")).and_then(json_str),
        _ => None,
    }
}

fn find_key<'a>(
    obj: &'a serde_json::Map<String, Value>,
    flag: Option<&str>,
    role: Role,
) -> Option<(&'a String, &'a Value)> {
    if let Some(f) = flag {
        let nf = columns::normalize(f);
        return obj
            .get_key_value(f)
            .or_else(|| obj.iter().find(|(k, _)| columns::normalize(k) == nf));
    }
    columns::names(role)
        .iter()
        .find_map(|n| obj.iter().find(|(k, _)| columns::normalize(k) == *n))
}

/// Objects without a text field after which the input is rejected (when none had one).
const NO_TEXT_LIMIT: u64 = 100;

fn read_jsonl<R: BufRead>(
    input: R,
    args: &ReportArgs,
    ing: &mut Ingest<'_>,
) -> io::Result<Columns> {
    let mut columns: Option<Columns> = None;
    let mut keys_seen: Vec<String> = Vec::new();
    let mut without_text = 0u64;
    let mut used = 0u64;
    for (n, line) in input.split(b'\n').enumerate() {
        let line_no = n as u64 + 1;
        let bytes = line?;
        let line = ing.decoding.text(&bytes, line_no);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        ing.tally.rows += 1;
        ing.tick();
        let parsed: Value =
            match serde_json::from_str(line).or_else(|e| match super::repair_surrogates(line) {
                Some(fixed) => serde_json::from_str(&fixed),
                None => Err(e),
            }) {
                Ok(v) => v,
                Err(e) => {
                    ing.tally.skip(line_no, format!("not valid JSON ({e})"));
                    continue;
                }
            };
        let Value::Object(obj) = parsed else {
            ing.tally.skip(line_no, "not a JSON object".into());
            continue;
        };
        for k in obj.keys() {
            if keys_seen.len() < 40 && !keys_seen.contains(k) {
                keys_seen.push(k.clone());
            }
        }
        let text = find_key(&obj, args.text_column.as_deref(), Role::Text)
            .and_then(|(k, v)| v.as_str().map(|s| (k, s)));
        let Some((text_key, text)) = text else {
            without_text += 1;
            if used == 0 && without_text >= NO_TEXT_LIMIT {
                return Err(no_text_error(&keys_seen));
            }
            ing.tally.skip(line_no, "no text field".into());
            continue;
        };
        if text.trim().is_empty() {
            ing.tally
                .skip(line_no, format!("no text in \"{text_key}\""));
            continue;
        }
        let author = find_key(&obj, args.author_column.as_deref(), Role::Author);
        let time = find_key(&obj, args.time_column.as_deref(), Role::Time);
        let id = find_key(&obj, args.id_column.as_deref(), Role::Id);
        let parent = find_key(&obj, args.parent_column.as_deref(), Role::Parent);
        let timestamp = match time.and_then(|(_, v)| json_str(v)) {
            None => None,
            Some(t) => match parse_time_zoned(&t) {
                Some(ts) => Some(ing.times.shown(ts)),
                None => {
                    ing.tally
                        .skip(line_no, format!("cannot read the date \"{t}\""));
                    continue;
                }
            },
        };
        if columns.is_none() {
            columns = Some(Columns {
                text: text_key.clone(),
                author: author.map(|(k, _)| k.clone()),
                timestamp: time.map(|(k, _)| k.clone()),
                id: id.map(|(k, _)| k.clone()),
                parent: parent.map(|(k, _)| k.clone()),
            });
        }
        used += 1;
        ing.add(CommentIn {
            id: id
                .and_then(|(_, v)| json_str(v))
                .unwrap_or_else(|| line_no.to_string()),
            text: text.to_string(),
            author: author.and_then(|(_, v)| json_str(v)),
            timestamp,
            parent: parent.and_then(|(_, v)| json_str(v)),
        });
    }
    if used == 0 && without_text > 0 {
        return Err(no_text_error(&keys_seen));
    }
    Ok(columns.unwrap_or_default())
}

pub fn run(args: ReportArgs) -> io::Result<ExitCode> {
    let opts = args.analysis.options();
    let lang = opts.ui_lang;
    let read = Arc::new(AtomicU64::new(0));
    let (inner, size) = input::open_path(Some(&args.input))?;
    let opened = input::open_rows(
        Box::new(Counting {
            inner,
            read: Arc::clone(&read),
        }),
        args.encoding.as_deref(),
    )?;
    let format = args
        .input_format
        .unwrap_or_else(|| InputFormat::detect(&args.input, &opened.head));
    let progress = progress_bar(size, args.no_progress);
    let mut ing = Ingest {
        state: ThreadState::new(opts),
        pending: Vec::with_capacity(BATCH),
        times: Times::new(args.tz.as_deref())?,
        tally: Tally::default(),
        decoding: opened.decoding,
        progress: &progress,
        read: Arc::clone(&read),
    };
    let columns = match format {
        InputFormat::Csv => read_csv(opened.reader, &args, &mut ing),
        InputFormat::Jsonl => read_jsonl(opened.reader, &args, &mut ing),
    };
    ing.fold();
    progress.finish_and_clear();
    let columns = columns?;
    if let Some(notice) = ing.decoding.notice(&args.input) {
        eprintln!("{notice}");
    }
    if ing.tally.rows == 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            match format {
                InputFormat::Csv => "no rows to read: the file has only a header line",
                InputFormat::Jsonl => "no rows to read: the file has no JSON lines",
            },
        ));
    }
    ing.state.set_clock(ing.times.clock());
    let summary = ing.state.summary();
    let source = std::path::Path::new(&args.input)
        .file_name()
        .map_or_else(|| args.input.clone(), |n| n.to_string_lossy().into_owned());
    let title = args.title.clone().unwrap_or_else(|| {
        if lang == Lang::De {
            format!("Thread-Bericht: {source}")
        } else {
            format!("Thread report: {source}")
        }
    });
    let status = summary.status;
    let comments = summary.comments;
    let r = Report::new(title, source, summary)
        .with_skipped(ing.tally.rows, ing.tally.skipped, ing.tally.listed)
        .with_columns(columns)
        .with_personal_data_shown(args.show_personal_data);
    let out = match args.format {
        ReportFormat::Html => report::html(&r),
        ReportFormat::Md => report::markdown(&r),
        ReportFormat::Json => report::json(&r),
    };
    match &args.output {
        Some(path) => {
            let mut f = File::create(path)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot write {path}: {e}")))?;
            f.write_all(out.as_bytes())?;
            f.flush()?;
            eprintln!(
                "krisenradar: report written to {path}: {}, status {}, {}",
                count(comments, "comment", "comments"),
                status.key(),
                count(r.skipped, "row skipped", "rows skipped")
            );
        }
        None => {
            let mut so = io::stdout().lock();
            so.write_all(out.as_bytes())?;
            so.flush()?;
        }
    }
    if r.skipped > 0 {
        eprintln!(
            "krisenradar: {}",
            count(r.skipped, "row skipped", "rows skipped")
        );
        return Ok(ExitCode::from(3));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(y: i64, m: u32, d: u32, h: i64, mi: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60
    }

    #[test]
    fn dates_iso_german_unix() {
        let t = ts(2026, 11, 21, 14, 3);
        for s in [
            "21.11.2026 14:03",
            "21.11.2026, 14:03 Uhr",
            "21.11.26 14:03",
            "2026-11-21T14:03",
            "2026-11-21 14:03:00",
            "2026-11-21T14:03:00Z",
            "2026-11-21T15:03:00+01:00",
            "2026-11-21T15:03:00+0100",
            "2026-11-21T13:03:00.123-01:00",
            "2026/11/21 14:03",
        ] {
            assert_eq!(parse_time(s), Some(t), "{s}");
        }
        assert_eq!(parse_time("21.11.2026"), Some(ts(2026, 11, 21, 0, 0)));
        assert_eq!(parse_time("2026-11-21"), Some(ts(2026, 11, 21, 0, 0)));
        assert_eq!(parse_time(&t.to_string()), Some(t));
        assert_eq!(parse_time(&(t * 1000).to_string()), Some(t));
        for bad in [
            "",
            "gestern",
            "31.02.2026",
            "2026-13-01",
            "21.11.2026 25:00",
            "12:00",
            "2026-11-21T14:03 abc",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn columns_by_common_names() {
        let h = ["\u{feff}Nr", "Datum", "Uhrzeit", "Autor:in", "Kommentar"];
        let d = columns::detect(&h);
        assert_eq!(
            (d.text, d.time, d.clock, d.id, d.author),
            (Some(4), Some(1), Some(2), Some(0), Some(3))
        );
        assert_eq!(columns::find(&h, Role::Author, Some("Kommentar")), Some(4));
        assert_eq!(columns::find(&h, Role::Author, Some("fehlt")), None);
        let d = columns::detect(&["created_time", "from", "message", "id"]);
        assert_eq!((d.text, d.time, d.author), (Some(2), Some(0), Some(1)));
    }
}

#[cfg(test)]
mod never_panics {
    use super::parse_time;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_time_never_panics(s in ".{0,40}") {
            let _ = parse_time(&s);
        }

        #[test]
        fn parse_time_never_panics_on_date_shapes(s in "[0-9]{1,20}[.:/ T-]{0,2}[0-9]{0,4}[.:/ T-]{0,2}[0-9]{0,6}[ +Zz:0-9-]{0,8}") {
            let _ = parse_time(&s);
        }
    }
}
