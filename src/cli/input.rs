//! Reading exports the same way in every command: byte order marks, encodings, binary files and empty input.
//!
//! - A UTF-8 byte order mark is dropped; UTF-16 with a byte order mark (Excel's "Unicode text") is decoded.
//! - `--encoding LABEL` decodes the whole input from that encoding (any WHATWG label: `windows-1252`,
//!   `latin1`, `iso-8859-15`, `utf-16le`, …).
//! - Otherwise every line or field that is not valid UTF-8 is read as Windows-1252 — German Excel's default
//!   for "CSV (Trennzeichen-getrennt)" — and the command says so once ([`Decoding::notice`]). Nothing is
//!   dropped for its encoding.
//! - Binary files (NUL bytes, a ZIP archive such as an `.xlsx` workbook, an old `.xls`) and empty input are
//!   errors that say what the file is.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{Decoder, Encoding, UTF_8, WINDOWS_1252};
use krisenradar::text::count;

/// How the bytes of an input become text.
#[derive(Debug, Default)]
pub struct Decoding {
    /// Decoded as a whole from this encoding (a byte order mark or `--encoding`); the text is UTF-8 then.
    pub whole: Option<&'static Encoding>,
    /// Lines or fields that were not UTF-8 and were read as Windows-1252, with the first line number.
    pub fallback_rows: u64,
    pub first_fallback_line: Option<u64>,
    last_fallback_line: u64,
}

impl Decoding {
    /// `bytes` as text: UTF-8 as it is, anything else as Windows-1252 (counted for the notice).
    pub fn text<'a>(&mut self, bytes: &'a [u8], line: u64) -> Cow<'a, str> {
        match std::str::from_utf8(bytes) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                if self.first_fallback_line.is_none() || self.last_fallback_line != line {
                    self.fallback_rows += 1;
                }
                self.last_fallback_line = line;
                self.first_fallback_line.get_or_insert(line);
                WINDOWS_1252.decode_without_bom_handling(bytes).0
            }
        }
    }

    /// The notice for stderr after reading: the encoding the input was decoded from when it was not UTF-8,
    /// or how many lines were read as Windows-1252.
    pub fn notice(&self, name: &str) -> Option<String> {
        if let Some(enc) = self.whole.filter(|e| *e != UTF_8) {
            return Some(format!("krisenradar: {name}: read as {}", enc.name()));
        }
        let first = self.first_fallback_line?;
        let (which, was) = match self.fallback_rows {
            1 => (format!("line {first}"), "was"),
            _ => (format!("first: line {first}"), "were"),
        };
        Some(format!(
            "krisenradar: {name}: {} not UTF-8 ({which}) and {was} read as Windows-1252 (the default of German \
             Excel); if umlauts look wrong, name the encoding with --encoding",
            count(self.fallback_rows, "line is", "lines are"),
        ))
    }
}

/// Resolves an `--encoding` label (WHATWG names and aliases: `utf-8`, `windows-1252`, `latin1`, `utf-16le`).
pub fn encoding_for(label: &str) -> io::Result<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "unknown encoding {label:?}; use e.g. utf-8, windows-1252, iso-8859-15, utf-16le"
            ),
        )
    })
}

/// An opened input: its text as UTF-8 bytes (or Windows-1252 lines, see [`Decoding::text`]).
pub struct Opened {
    pub reader: Box<dyn BufRead>,
    pub decoding: Decoding,
    /// The first bytes of the (decoded) input, for format detection.
    pub head: Vec<u8>,
}

/// Opens `path` (stdin for `None` / `-`), with its size when it is a file.
pub fn open_path(path: Option<&str>) -> io::Result<(Box<dyn Read>, Option<u64>)> {
    match path {
        None | Some("-") => Ok((Box::new(io::stdin().lock()), None)),
        Some(p) => {
            let f = File::open(p)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot open {p}: {e}")))?;
            let size = f.metadata().ok().map(|m| m.len());
            Ok((Box::new(f), size))
        }
    }
}

/// Prepares `raw` for reading rows: drops a UTF-8 BOM, decodes UTF-16 with a BOM or the encoding named by
/// `label` (`--encoding`), and rejects empty and binary input with a message that says what it is.
pub fn open_rows(raw: Box<dyn Read>, label: Option<&str>) -> io::Result<Opened> {
    let forced = label.map(encoding_for).transpose()?;
    let mut raw = BufReader::with_capacity(1 << 16, raw);
    let head = raw.fill_buf()?.to_vec();
    let bom = Encoding::for_bom(&head);
    let encoding = match (bom, forced) {
        (Some((enc, len)), _) => {
            raw.consume(len);
            Some(enc)
        }
        (None, forced) => forced,
    };
    if encoding.is_none() || encoding == Some(UTF_8) {
        check_not_binary(&head)?;
    }
    let mut opened = match encoding {
        Some(enc) if enc != UTF_8 => Opened {
            reader: Box::new(BufReader::with_capacity(
                1 << 16,
                DecodeReader::new(raw, enc),
            )),
            decoding: Decoding {
                whole: Some(enc),
                ..Decoding::default()
            },
            head: Vec::new(),
        },
        _ => Opened {
            reader: Box::new(raw),
            decoding: Decoding {
                whole: encoding,
                ..Decoding::default()
            },
            head: Vec::new(),
        },
    };
    opened.head = opened.reader.fill_buf()?.to_vec();
    if opened.head.iter().all(u8::is_ascii_whitespace) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the input is empty: no rows to read",
        ));
    }
    Ok(opened)
}

/// Rejects input that is not text, naming what it looks like.
pub fn check_not_binary(head: &[u8]) -> io::Result<()> {
    let what = if head.starts_with(b"PK\x03\x04") {
        Some(
            "it is a ZIP archive, e.g. an Excel workbook (.xlsx): save it from Excel as \
             \"CSV UTF-8\" or \"CSV (Trennzeichen-getrennt)\"",
        )
    } else if head.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("it is an old Excel workbook (.xls): save it from Excel as \"CSV UTF-8\"")
    } else if head.starts_with(b"%PDF") {
        Some("it is a PDF document")
    } else if head.iter().take(8192).any(|b| *b == 0) {
        Some(
            "it contains binary data (NUL bytes); UTF-16 text needs a byte order mark or --encoding utf-16le",
        )
    } else {
        None
    };
    match what {
        Some(w) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("not a CSV or JSONL file: {w}"),
        )),
        None => Ok(()),
    }
}

/// Decodes a byte stream from `encoding` to UTF-8 as it is read (malformed sequences become U+FFFD).
struct DecodeReader<R> {
    inner: R,
    decoder: Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    output: Vec<u8>,
    out_pos: usize,
}

impl<R: Read> DecodeReader<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 1 << 15],
            start: 0,
            end: 0,
            eof: false,
            output: Vec::with_capacity(1 << 16),
            out_pos: 0,
        }
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos == self.output.len() {
            if self.eof && self.start == self.end {
                return Ok(0);
            }
            if self.start == self.end && !self.eof {
                let n = self.inner.read(&mut self.input)?;
                self.start = 0;
                self.end = n;
                self.eof = n == 0;
            }
            self.output.clear();
            self.out_pos = 0;
            let room = self
                .decoder
                .max_utf8_buffer_length(self.end - self.start)
                .unwrap_or(1 << 17)
                .max(16);
            self.output.resize(room, 0);
            let (_, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.start..self.end],
                &mut self.output,
                self.eof,
            );
            self.start += read;
            self.output.truncate(written);
            if self.eof && self.start == self.end && written == 0 {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.output.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], enc: &'static Encoding) -> String {
        let mut s = String::new();
        DecodeReader::new(bytes, enc)
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    #[test]
    fn decodes_windows_1252_and_utf16_streams() {
        assert_eq!(decode(b"Gr\xfc\xdfe \x80", WINDOWS_1252), "Grüße €");
        let utf16: Vec<u8> = "Lieferung übermorgen\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&utf16, encoding_rs::UTF_16LE),
            "Lieferung übermorgen\n"
        );
        assert_eq!(decode(b"", WINDOWS_1252), "");
    }

    #[test]
    fn fallback_reads_only_invalid_utf8_as_windows_1252() {
        let mut d = Decoding::default();
        assert_eq!(d.text("Grüße".as_bytes(), 1), "Grüße");
        assert_eq!(d.fallback_rows, 0);
        assert_eq!(d.text(b"Gr\xfc\xdfe", 2), "Grüße");
        assert_eq!((d.fallback_rows, d.first_fallback_line), (1, Some(2)));
        assert!(d.notice("x.csv").unwrap().contains("Windows-1252"));
    }

    #[test]
    fn binary_input_is_named() {
        let err = |b: &[u8]| check_not_binary(b).unwrap_err().to_string();
        assert!(err(b"PK\x03\x04rest").contains("xlsx"));
        assert!(err(b"\xD0\xCF\x11\xE0").contains(".xls"));
        assert!(err(b"a,b\n\x00\x01").contains("NUL"));
        assert!(check_not_binary("id;text\n1;Grüße".as_bytes()).is_ok());
    }

    #[test]
    fn encoding_labels() {
        assert_eq!(encoding_for("latin1").unwrap(), WINDOWS_1252);
        assert_eq!(encoding_for("UTF-8").unwrap(), UTF_8);
        assert!(encoding_for("klingon").is_err());
    }
}
