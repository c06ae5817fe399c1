//! Reading CSV exports: the delimiter guessed from the header line, and the rows followed as they stream past
//! for their line numbers and for a quote that is never closed. Used by `report` and `score`.

use std::io::{self, BufRead, Read};

use clap::ValueEnum;

use super::input::Decoding;

/// How an export is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

impl InputFormat {
    /// From the file name (`.jsonl`, `.ndjson`, `.json`; `.csv`, `.tsv`, `.txt`), else from the first character
    /// that is not a space: `{` is JSON Lines, anything else CSV.
    pub fn detect(name: &str, head: &[u8]) -> InputFormat {
        let lower = name.to_ascii_lowercase();
        if [".jsonl", ".ndjson", ".json"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            InputFormat::Jsonl
        } else if [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e)) {
            InputFormat::Csv
        } else {
            match head.iter().find(|c| !c.is_ascii_whitespace()) {
                Some(b'{') => InputFormat::Jsonl,
                _ => InputFormat::Csv,
            }
        }
    }
}

/// A CSV export read row by row: the header line decoded and trimmed, every row with the line it starts on.
pub struct Table<R> {
    rdr: csv::Reader<QuoteWatch<R>>,
    /// The column names.
    pub headers: Vec<String>,
    rec: csv::ByteRecord,
    line: u64,
}

/// One row of a [`Table`].
pub enum Row {
    /// A record, read by [`Table::field`]; the line it starts on.
    Record(u64),
    /// A row the CSV reader rejects (the wrong number of fields, …): its line and why.
    Broken(u64, String),
}

impl<R: BufRead> Table<R> {
    /// Reads the header line; `delimiter` as given, else guessed from the header line.
    pub fn open(
        mut input: R,
        delimiter: Option<char>,
        decoding: &mut Decoding,
    ) -> io::Result<Self> {
        let delim = match delimiter {
            Some(c) if c.is_ascii() => c as u8,
            Some(c) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("the delimiter must be one ASCII character, not {c:?}"),
                ));
            }
            None => sniff_delimiter(input.fill_buf()?),
        };
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delim)
            .has_headers(true)
            .flexible(false)
            .from_reader(QuoteWatch::new(input, delim));
        let headers = rdr
            .byte_headers()
            .map_err(io::Error::other)?
            .iter()
            .map(|h| decoding.text(h, 1).trim().to_string())
            .collect();
        Ok(Table {
            rdr,
            headers,
            rec: csv::ByteRecord::new(),
            line: 0,
        })
    }

    /// The next row, `None` at the end of the input; an error only when reading fails.
    pub fn next_row(&mut self) -> io::Result<Option<Row>> {
        match self.rdr.read_byte_record(&mut self.rec) {
            Ok(false) => Ok(None),
            Ok(true) => {
                self.line = self
                    .rec
                    .position()
                    .map_or(0, |p| self.rdr.get_mut().line_at(p.byte()));
                Ok(Some(Row::Record(self.line)))
            }
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| self.rdr.get_mut().line_at(p.byte()));
                let reason = match e.kind() {
                    csv::ErrorKind::Io(_) => return Err(io::Error::other(e)),
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("{len} fields where the header has {expected_len}"),
                    _ => e.to_string(),
                };
                Ok(Some(Row::Broken(line, reason)))
            }
        }
    }

    /// Column `i` of the current record, decoded and trimmed; `None` for no column or an empty field.
    pub fn field(&self, i: Option<usize>, decoding: &mut Decoding) -> Option<String> {
        let b = self.rec.get(i?)?;
        Some(decoding.text(b, self.line).trim().to_string()).filter(|s| !s.is_empty())
    }

    /// After the last row: the error for a quoted text that is never closed (the reader would have taken the
    /// rest of the file as one field).
    pub fn finish(&self) -> io::Result<()> {
        match self.rdr.get_ref().unclosed_quote_line() {
            Some(line) => Err(unclosed_quote_error(line)),
            None => Ok(()),
        }
    }
}

/// The error for an export without a usable text column, naming the columns (or JSON keys) it has.
pub fn no_text_error(seen: &[String]) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "no usable text column: found the columns {}; name the text column with --text-column",
            if seen.is_empty() {
                "(none)".to_string()
            } else {
                seen.iter()
                    .map(|s| format!("\"{}\"", s.trim_start_matches('\u{feff}')))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
    )
}

/// The delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes (`,` on a tie).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Follows the CSV quoting as the rows stream past, the way the CSV reader reads it: a quote at the start of a
/// field opens a quoted text, `""` inside it is a quote, a single quote closes it. At the end of the input it
/// tells whether a quoted text is still open (the reader would silently take the rest of the file as one
/// field) and on which line it opened.
///
/// It also numbers the lines: the CSV reader's own line count misses the line breaks of CRLF files, so a row's
/// line is looked up from its byte offset among the line breaks seen.
struct QuoteWatch<R> {
    inner: R,
    delim: u8,
    state: Quote,
    /// The line on which the open quoted text started.
    opened_at: u64,
    /// Byte offset of the next byte read.
    offset: u64,
    /// Offsets of the line breaks not yet passed by [`QuoteWatch::line_at`], and how many were passed.
    breaks: std::collections::VecDeque<u64>,
    passed: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    FieldStart,
    Unquoted,
    Quoted,
    MaybeClosed,
}

impl<R> QuoteWatch<R> {
    fn new(inner: R, delim: u8) -> Self {
        QuoteWatch {
            inner,
            delim,
            state: Quote::FieldStart,
            opened_at: 0,
            offset: 0,
            breaks: std::collections::VecDeque::new(),
            passed: 0,
        }
    }

    /// The line (from 1) of a record the CSV reader places at `offset`; offsets must not decrease from call to
    /// call. In CRLF files the reader places a record at the `\n` of the previous line's `\r\n`, so a break
    /// at the offset itself counts as passed.
    fn line_at(&mut self, offset: u64) -> u64 {
        while self.breaks.front().is_some_and(|b| *b <= offset) {
            self.breaks.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }

    fn unclosed_quote_line(&self) -> Option<u64> {
        (self.state == Quote::Quoted).then_some(self.opened_at)
    }

    fn watch(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let ends_field = b == self.delim || b == b'\n' || b == b'\r';
            self.state = match self.state {
                Quote::FieldStart if b == b'"' => {
                    // the line being read: every break seen so far, passed or not, plus one
                    self.opened_at = self.passed + self.breaks.len() as u64 + 1;
                    Quote::Quoted
                }
                Quote::FieldStart | Quote::Unquoted | Quote::MaybeClosed if ends_field => {
                    Quote::FieldStart
                }
                Quote::MaybeClosed if b == b'"' => Quote::Quoted,
                Quote::FieldStart | Quote::Unquoted | Quote::MaybeClosed => Quote::Unquoted,
                Quote::Quoted if b == b'"' => Quote::MaybeClosed,
                Quote::Quoted => Quote::Quoted,
            };
            if b == b'\n' {
                self.breaks.push_back(self.offset);
            }
            self.offset += 1;
        }
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.watch(&buf[..n]);
        Ok(n)
    }
}

/// The error for a quoted text that is never closed.
fn unclosed_quote_error(line: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "line {line}: a quote (\") opens a text that is never closed, so every line after it would be \
             read as part of that one text; close the quote (a quote inside a text is written \"\")"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_sniffing_ignores_quoted() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_delimiter(b"\"x;y;z\",b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n"), b'\t');
    }
}
