//! The shipped lexicons as the build script stores them: what [`super::parse`] read from the files, already
//! checked and folded, so that start-up only fills the tables (no folding, no checks, no allocation per word).
//!
//! # Layout
//!
//! Six sections, each its byte length (u32 little-endian) and its bytes; integers in them unsigned LEB128.
//! Records are stored column by column (shape bytes, weight indexes, the rest), which packs better.
//!
//! | section | content |
//! | --- | --- |
//! | (before them) | magic `KRLX`, the version byte 1 |
//! | patterns | every record's pattern as written, each ending in a line break (UTF-8) |
//! | strings | UTF-8 text that the strings below point into (offset, length) |
//! | head | distinct weights (count, then f32 little-endian each); number words (count, then each string and value); number values (count, then each word index byte and value); files (count, then each path string and its record count) |
//! | shapes | one shape byte per record |
//! | weights | the index of each record's weight |
//! | parts | per record its folded parts (core; for a gap head and tail) where they are neither the pattern's own text nor that text folded, each an (offset, length) into the pattern or a string (the shape byte says which); then for a phrase or a starred pattern the gap to the previous record's number values and their count |
//!
//! The shape byte: bits 0–1 word 0, phrase 1, starred 2, gap 3; bit 2 open start, bit 3 open end, bit 4 the
//! starred core has a space, bit 5 the gap's head is open; bits 6–7 where the folded parts are (see [`PARTS`]).

use std::borrow::Cow;

use super::parse::{Parsed, Record, Shape};
use crate::text::fold;

const MAGIC: &[u8; 4] = b"KRLX";
const VERSION: u8 = 1;

const OPEN_START: u8 = 1 << 2;
const OPEN_END: u8 = 1 << 3;
const SPACED: u8 = 1 << 4;
const HEAD_OPEN: u8 = 1 << 5;
/// Bits 6–7: where a record's folded parts are.
const PARTS: u8 = 3 << 6;
/// An (offset, length) into the pattern each.
const IN_PATTERN: u8 = 0;
/// The pattern's own text (without its stars; a gap: its two words).
const OWN: u8 = 1 << 6;
/// That own text folded (`blöd` → `bloed`): folded again at start-up, only these few.
const FOLDED: u8 = 2 << 6;
/// A string each.
const STRINGS: u8 = 3 << 6;

/// The folded parts a record's pattern gives without folding: the core without the stars, or a gap's head
/// (without its star) and tail.
fn own_parts(pattern: &str, gapped: bool) -> (&str, &str) {
    match gapped.then(|| pattern.split_once(" … ")).flatten() {
        Some((head, tail)) => (without_stars(head), tail),
        None => (without_stars(pattern), ""),
    }
}

/// `s` without the stars at its ends, byte by byte (this runs for every record at start-up).
fn without_stars(s: &str) -> &str {
    let b = s.as_bytes();
    let start = b.iter().take_while(|&&c| c == b'*').count();
    let end = b.len() - b[start..].iter().rev().take_while(|&&c| c == b'*').count();
    &s[start..end]
}

fn parts(shape: &Shape) -> (&str, &str) {
    match shape {
        Shape::Word { core } | Shape::Phrase { core, .. } | Shape::Starred { core, .. } => {
            (core, "")
        }
        Shape::Gapped { head, tail, .. } => (head, tail),
    }
}

/// Where a record's folded parts are kept ([`PARTS`]).
fn mode_of(r: &Record) -> u8 {
    let (a, b) = parts(&r.shape);
    let own = own_parts(r.pattern, matches!(r.shape, Shape::Gapped { .. }));
    if own == (a, b) {
        OWN
    } else if (fold(own.0).as_str(), fold(own.1).as_str()) == (a, b) {
        FOLDED
    } else if r.pattern.contains(a) && r.pattern.contains(b) {
        IN_PATTERN
    } else {
        STRINGS
    }
}

/// Writes `parsed` (its errors are not stored: the build stops on them).
pub fn encode(parsed: &Parsed) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut patterns = String::new();
    let mut weights: Vec<u32> = Vec::new();
    let (mut head, mut shapes, mut weight_ix, mut body) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in &parsed.records {
        if !weights.contains(&r.weight.to_bits()) {
            weights.push(r.weight.to_bits());
        }
    }
    put(&mut head, weights.len() as u32);
    for w in &weights {
        head.extend_from_slice(&w.to_le_bytes());
    }
    put(&mut head, parsed.number_words.len() as u32);
    for (word, value) in &parsed.number_words {
        strings.put(&mut head, word);
        put(&mut head, *value);
    }
    put(&mut head, parsed.number_values.len() as u32);
    for &(word, value) in &parsed.number_values {
        head.push(word);
        put(&mut head, value);
    }
    put(&mut head, parsed.records.len() as u32);
    put(&mut head, parsed.files.len() as u32);
    let mut values_to = 0;
    for (file, path) in parsed.files.iter().enumerate() {
        strings.put(&mut head, path);
        let records: Vec<&Record> = parsed
            .records
            .iter()
            .filter(|r| usize::from(r.file) == file)
            .collect();
        put(&mut head, records.len() as u32);
        for r in records {
            let (a, b) = parts(&r.shape);
            let gapped = matches!(r.shape, Shape::Gapped { .. });
            let mode = mode_of(r);
            let shape = match &r.shape {
                Shape::Word { .. } => 0,
                Shape::Phrase { .. } => 1,
                Shape::Starred {
                    open_start,
                    open_end,
                    spaced,
                    ..
                } => {
                    2 | if *open_start { OPEN_START } else { 0 }
                        | if *open_end { OPEN_END } else { 0 }
                        | if *spaced { SPACED } else { 0 }
                }
                Shape::Gapped { head_open, .. } => 3 | if *head_open { HEAD_OPEN } else { 0 },
            };
            shapes.push(shape | mode);
            let w = weights.iter().position(|&w| w == r.weight.to_bits());
            put(&mut weight_ix, w.unwrap_or_default() as u32);
            patterns.push_str(r.pattern);
            patterns.push('\n');
            if mode == IN_PATTERN || mode == STRINGS {
                for part in if gapped { vec![a, b] } else { vec![a] } {
                    if mode == STRINGS {
                        strings.put(&mut body, part);
                    } else {
                        put(&mut body, r.pattern.find(part).unwrap_or_default() as u32);
                        put(&mut body, part.len() as u32);
                    }
                }
            }
            if let Shape::Phrase { values, .. } | Shape::Starred { values, .. } = &r.shape {
                put(&mut body, values.0.wrapping_sub(values_to));
                put(&mut body, values.1.wrapping_sub(values.0));
                values_to = values.1;
            }
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    for section in [
        patterns.as_bytes(),
        strings.text.as_bytes(),
        &head,
        &shapes,
        &weight_ix,
        &body,
    ] {
        out.extend_from_slice(&(section.len() as u32).to_le_bytes());
        out.extend_from_slice(section);
    }
    out
}

/// Reads what [`encode`] wrote; an error names what is wrong.
pub fn decode(blob: &'static [u8]) -> Result<Parsed, String> {
    let mut top = Reader { blob, at: 0 };
    if top.take(4)? != MAGIC || top.take(1)? != [VERSION] {
        return Err("not a lexicon blob of this version".into());
    }
    let patterns = top.text()?;
    let strings = top.text()?;
    let mut r = top.section()?;
    let mut shapes = top.section()?;
    let mut weight_ix = top.section()?;
    let mut parts = top.section()?;
    if top.at != blob.len() {
        return Err("bytes after the last section".into());
    }
    let mut out = Parsed::default();
    let mut weights = Vec::new();
    for _ in 0..r.leb()? {
        weights.push(f32::from_le_bytes(
            r.take(4)?.try_into().map_err(|_| "short weight")?,
        ));
    }
    for _ in 0..r.leb()? {
        let word = r.str(strings)?;
        out.number_words.push((Cow::Borrowed(word), r.leb()?));
    }
    for _ in 0..r.leb()? {
        let word = r.take(1)?[0];
        out.number_values.push((word, r.leb()?));
    }
    // the patterns one by one, each up to its line break (found byte by byte: they are short)
    let mut rest = patterns;
    let mut lines = std::iter::from_fn(|| {
        let end = rest.bytes().position(|b| b == b'\n')?;
        let line = &rest[..end];
        rest = &rest[end + 1..];
        Some(line)
    });
    let mut values_to = 0u32;
    // each record has a pattern of one byte or more and its line break: a count beyond that is no count
    out.records
        .reserve((r.leb()? as usize).min(patterns.len() / 2));
    for file in 0..r.leb()? {
        let path = r.str(strings)?;
        super::parse::table_and_list(path).map_err(|e| format!("{path}: {e}"))?;
        out.files.push(path);
        for _ in 0..r.leb()? {
            let shape = shapes.take(1)?[0];
            let weight = *weights
                .get(weight_ix.leb()? as usize)
                .ok_or("weight index out of range")?;
            let pattern = lines.next().ok_or("fewer patterns than records")?;
            let gapped = shape & 3 == 3;
            let mode = shape & PARTS;
            let part = |p: &mut Reader| -> Result<Cow<'static, str>, String> {
                p.str(if mode == STRINGS { strings } else { pattern })
                    .map(Cow::Borrowed)
            };
            let (a, b) = match mode {
                OWN | FOLDED => {
                    let (a, b) = own_parts(pattern, gapped);
                    if mode == OWN {
                        (Cow::Borrowed(a), Cow::Borrowed(b))
                    } else {
                        (Cow::Owned(fold(a)), Cow::Owned(fold(b)))
                    }
                }
                _ if gapped => (part(&mut parts)?, part(&mut parts)?),
                _ => (part(&mut parts)?, Cow::Borrowed("")),
            };
            let mut values = |p: &mut Reader| -> Result<(u32, u32), String> {
                let from = values_to.wrapping_add(p.leb()?);
                let to = from.wrapping_add(p.leb()?);
                if from > to || to as usize > out.number_values.len() {
                    return Err("number values out of range".into());
                }
                values_to = to;
                Ok((from, to))
            };
            let shape = match shape & 3 {
                0 => Shape::Word { core: a },
                1 => Shape::Phrase {
                    core: a,
                    values: values(&mut parts)?,
                },
                2 => Shape::Starred {
                    core: a,
                    open_start: shape & OPEN_START != 0,
                    open_end: shape & OPEN_END != 0,
                    spaced: shape & SPACED != 0,
                    values: values(&mut parts)?,
                },
                _ => Shape::Gapped {
                    head: a,
                    head_open: shape & HEAD_OPEN != 0,
                    tail: b,
                },
            };
            out.records.push(Record {
                file: file as u16,
                pattern,
                weight,
                shape,
            });
        }
    }
    let rest = [&r, &shapes, &weight_ix, &parts]
        .iter()
        .any(|s| s.at != s.blob.len());
    if rest || lines.next().is_some() {
        return Err("more data than records".into());
    }
    Ok(out)
}

/// The string pool: each distinct string once.
#[derive(Default)]
struct Strings<'a> {
    text: String,
    at: std::collections::HashMap<&'a str, u32>,
}

impl<'a> Strings<'a> {
    /// Writes the (offset, length) of `s`, adding it to the pool if new; returns the offset.
    fn put(&mut self, body: &mut Vec<u8>, s: &'a str) -> u32 {
        let at = *self.at.entry(s).or_insert_with(|| {
            let at = self.text.len() as u32;
            self.text.push_str(s);
            at
        });
        put(body, at);
        put(body, s.len() as u32);
        at
    }
}

/// Appends `v` as unsigned LEB128 (also the bucket gaps of the learned heads' blobs).
pub fn put(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Reader {
    blob: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], String> {
        let blob = self.blob;
        let part = blob
            .get(self.at..self.at.saturating_add(n))
            .ok_or("the blob ends early")?;
        self.at += n;
        Ok(part)
    }

    fn leb(&mut self) -> Result<u32, String> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.take(1)?[0];
            v |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("a number runs on".into())
    }

    /// A section: its byte length (u32 little-endian), then its bytes.
    fn section(&mut self) -> Result<Reader, String> {
        let len = u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| "short length")?);
        Ok(Reader {
            blob: self.take(len as usize)?,
            at: 0,
        })
    }

    /// A section of UTF-8 text.
    fn text(&mut self) -> Result<&'static str, String> {
        std::str::from_utf8(self.section()?.blob).map_err(|e| e.to_string())
    }

    fn str(&mut self, pool: &'static str) -> Result<&'static str, String> {
        let (at, len) = (self.leb()? as usize, self.leb()? as usize);
        pool.get(at..at.saturating_add(len))
            .ok_or_else(|| format!("string {at}+{len} outside the pool"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse::parse;

    fn leak(bytes: Vec<u8>) -> &'static [u8] {
        Box::leak(bytes.into_boxed_slice())
    }

    #[test]
    fn the_shipped_blob_is_what_the_parser_reads_from_the_files_now() {
        let parsed = parse(crate::lexicon::files());
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert!(
            encode(&parsed) == super::super::BLOB,
            "the build script wrote another blob"
        );
        assert_eq!(decode(super::super::BLOB), Ok(parsed));
    }

    #[test]
    fn every_shape_survives_the_round_trip() {
        static FILES: &[(&str, &str)] = &[
            ("de/numbers.txt", "zehn\t10\n"),
            (
                "de/insult.txt",
                "idiot\t2\n*trottel*\t2\nblöd\t1\nvoll dumm\t1\n",
            ),
            ("de/threat.txt", "bring* … um\t3\nmach … kalt\t2\n"),
            (
                "de/signal_complaint.txt",
                "seit <num> tagen\t1\nseit zehn jahren\t1\nüber zeit*\t1\n",
            ),
            ("en/profanity.txt", "f*ck*\t1\nsooo bad\t1\ngrrrr\t1\n"),
        ];
        let parsed = parse(FILES);
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors); // `f*ck*`: a star inside
        assert_eq!(parsed.records.len(), 11);
        // the four places a folded form is kept: the pattern itself, folded again, a part of it, a string
        let modes: Vec<u8> = parsed.records.iter().map(mode_of).collect();
        for mode in [OWN, FOLDED, IN_PATTERN, STRINGS] {
            assert!(modes.contains(&mode), "{mode}: {modes:?}");
        }
        let back = decode(leak(encode(&parsed))).expect("decodes");
        assert_eq!(
            back,
            Parsed {
                errors: Vec::new(),
                ..parsed
            }
        );
    }

    #[test]
    fn a_damaged_blob_is_refused_never_a_panic() {
        let blob = super::super::BLOB;
        for cut in [0, 3, 5, 9, blob.len() / 3, blob.len() / 2, blob.len() - 1] {
            assert!(decode(leak(blob[..cut].to_vec())).is_err(), "cut at {cut}");
        }
        let mut longer = blob.to_vec();
        longer.push(0);
        assert!(decode(leak(longer)).is_err());
        // every byte of the head and of the first records changed: an error or other data, never a panic
        let head = 9 + u32::from_le_bytes(blob[5..9].try_into().unwrap()) as usize;
        for at in (0..512).map(|k| head + k * 7).filter(|&at| at < blob.len()) {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = blob.to_vec();
                bad[at] ^= flip;
                let _ = decode(leak(bad));
            }
        }
    }
}
