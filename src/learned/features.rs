//! Hashed text features shared by the learned heads and their training tool.
//!
//! The input is never rewritten. It is folded character by character with [`crate::text::fold_char`]
//! (lower case, `ä→ae`, accents removed, …) while every folded byte remembers the byte range of the original
//! character it came from, so every word — and every feature — maps back to a [`Span`] of the untouched text.
//!
//! Words are runs of letters and digits in the folded text, with inner apostrophes (`don't`); combining marks
//! continue a word but are not part of its form; runs of three or more equal letters are cut to two
//! (`sooo → soo`). `@handles` and URLs (`http://…`, `https://…`, `www.…`) are dropped; hashtags count without
//! the `#` (it is no word character). Features:
//!
//! * word 1-grams `w:<word>` and word 2-grams `b:<word> <word>` of consecutive words;
//! * character n-grams (`char_min..=char_max` characters, 2–5 by default) of each word padded with one space
//!   on either side (` word `).
//!
//! Each feature is hashed with FNV-1a 64 (offset basis `0xcbf29ce484222325`, prime `0x100000001b3`) over a
//! namespace byte (`w`, `b` or `c`) followed by the feature's UTF-8 bytes. Word features (1- and 2-grams) take
//! the top `bits - 1` bits of the hash as their bucket in `[0, 2^(bits-1))`; character n-grams take the same
//! and are moved to the upper half `[2^(bits-1), 2^bits)`, so the two kinds never collide with each other.
//!
//! Extraction is linear in the input (at most `char_max` features per character plus two per word), never
//! panics, and reuses its buffers between calls.

use crate::model::Span;
use crate::text::fold_char;

/// FNV-1a 64 offset basis.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64 prime.
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Feeds `bytes` into an FNV-1a 64 state.
#[inline]
pub fn fnv1a_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a 64 of `bytes`.
#[inline]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_extend(FNV_OFFSET, bytes)
}

/// Which features are extracted and how many buckets they are hashed into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureConfig {
    /// log2 of the bucket count (8..=24).
    pub bucket_bits: u8,
    /// Word 2-grams on or off (word 1-grams are always on).
    pub bigrams: bool,
    /// Shortest character n-gram; 0 turns character n-grams off.
    pub char_min: u8,
    /// Longest character n-gram.
    pub char_max: u8,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        Self {
            bucket_bits: 18,
            bigrams: true,
            char_min: 2,
            char_max: 5,
        }
    }
}

impl FeatureConfig {
    /// Number of buckets, `2^bucket_bits`.
    pub const fn buckets(&self) -> u32 {
        1u32 << self.bucket_bits
    }
    /// True when the configuration can be used (bucket bits in range, n-gram lengths ordered).
    pub const fn is_valid(&self) -> bool {
        self.bucket_bits >= 8
            && self.bucket_bits <= 24
            && (self.char_min == 0 || (self.char_min <= self.char_max && self.char_max <= 16))
    }
    /// True when `bucket` holds a word feature (1- or 2-gram), false for a character n-gram.
    pub const fn is_word_bucket(&self, bucket: u32) -> bool {
        bucket < (1u32 << (self.bucket_bits - 1))
    }
    /// The bucket of the word 1-gram `form`.
    pub fn unigram_bucket(&self, form: &str) -> u32 {
        self.bucket(fnv1a_extend(fnv1a(b"w"), form.as_bytes()), false)
    }

    /// The bucket of the word 2-gram `form next`.
    pub fn bigram_bucket(&self, form: &str, next: &str) -> u32 {
        let mut h = fnv1a_extend(fnv1a(b"b"), form.as_bytes());
        h = fnv1a_extend(h, b" ");
        h = fnv1a_extend(h, next.as_bytes());
        self.bucket(h, false)
    }

    /// Calls `emit` with the bucket of each character n-gram of the word `form` (padded with a space on either
    /// side), by start character, shortest first; `pad` and `bounds` are reused buffers.
    pub fn char_buckets(
        &self,
        form: &str,
        pad: &mut String,
        bounds: &mut Vec<usize>,
        mut emit: impl FnMut(u32),
    ) {
        if self.char_min == 0 {
            return;
        }
        pad.clear();
        pad.push(' ');
        pad.push_str(form);
        pad.push(' ');
        bounds.clear();
        bounds.extend(pad.char_indices().map(|(i, _)| i));
        bounds.push(pad.len());
        let chars = bounds.len() - 1;
        let (lo, hi) = (usize::from(self.char_min), usize::from(self.char_max));
        let base = fnv1a(b"c");
        for s in 0..chars {
            let mut h = base;
            for n in 1..=hi.min(chars - s) {
                let (a, b) = (bounds[s + n - 1], bounds[s + n]);
                h = fnv1a_extend(h, &pad.as_bytes()[a..b]);
                if n >= lo {
                    emit(self.bucket(h, true));
                }
            }
        }
    }

    #[inline]
    fn bucket(&self, h: u64, char_ns: bool) -> u32 {
        let half_bits = u32::from(self.bucket_bits) - 1;
        let b = (h >> (64 - half_bits)) as u32;
        if char_ns { b | (1u32 << half_bits) } else { b }
    }
}

/// One word: its folded form (a range into [`Extractor::norm`]) and its span in the untouched input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub norm: (u32, u32),
    pub span: Span,
}

/// One feature occurrence: its bucket and the words it covers (`first..=last`; equal except for 2-grams).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Feature {
    pub bucket: u32,
    pub first: u32,
    pub last: u32,
}

/// Folds and splits a text into words, then emits hashed features. Reuse one extractor for many texts.
#[derive(Default, Debug)]
pub struct Extractor {
    folded: String,
    /// For every byte of `folded`: start of the original character it came from.
    starts: Vec<u32>,
    /// The words' folded forms (runs cut), one after the other.
    pub norm: String,
    pub words: Vec<Word>,
    /// Padded word being cut into character n-grams, and its character boundaries.
    pad: String,
    bounds: Vec<usize>,
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

#[inline]
fn continues_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

impl Extractor {
    pub fn new() -> Self {
        Self::default()
    }

    /// The folded form of word `i` ("" when out of range).
    pub fn word_norm(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|w| self.norm.get(w.norm.0 as usize..w.norm.1 as usize))
            .unwrap_or("")
    }

    /// Folds `text` and splits it into [`Extractor::words`]. Linear, never panics; keeps one `u32` per
    /// folded byte.
    pub fn split(&mut self, text: &str) {
        self.folded.clear();
        self.starts.clear();
        self.norm.clear();
        self.words.clear();
        // offsets are kept as u32: a text beyond 4 GiB is read up to its last character before that
        let mut cut = text.len().min(u32::MAX as usize);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        for (i, c) in text.char_indices() {
            let before = self.folded.len();
            fold_char(c, &mut self.folded);
            let added = self.folded.len() - before;
            self.starts.extend(std::iter::repeat_n(i as u32, added));
        }
        let f = self.folded.as_str();
        let bytes = f.as_bytes();
        let mut i = 0usize;
        let mut prev_word_char = false;
        while i < bytes.len() {
            let Some(c) = f[i..].chars().next() else {
                break;
            };
            let clen = c.len_utf8();
            // @handles: '@' followed by a word character; skip the handle with its underscores and dots
            if c == '@' && f[i + 1..].chars().next().is_some_and(is_word_char) {
                i += 1;
                while let Some(d) = f[i..].chars().next() {
                    if continues_word(d) || d == '_' || d == '.' {
                        i += d.len_utf8();
                    } else {
                        break;
                    }
                }
                prev_word_char = false;
                continue;
            }
            // URLs: up to the next white space
            if !prev_word_char
                && (c == 'h' || c == 'w')
                && (f[i..].starts_with("http://")
                    || f[i..].starts_with("https://")
                    || f[i..].starts_with("www."))
            {
                while let Some(d) = f[i..].chars().next() {
                    if d.is_whitespace() {
                        break;
                    }
                    i += d.len_utf8();
                }
                prev_word_char = false;
                continue;
            }
            if !is_word_char(c) {
                prev_word_char = false;
                i += clen;
                continue;
            }
            // a word: word characters, combining marks, apostrophes between word characters
            let start = i;
            let n0 = self.norm.len();
            let mut last_end = i; // end (folded byte) of the last word character
            let (mut prev, mut run) = ('\0', 0u32);
            while let Some(d) = f[i..].chars().next() {
                let dlen = d.len_utf8();
                if is_word_char(d) {
                    run = if d == prev && d.is_alphabetic() {
                        run + 1
                    } else {
                        1
                    };
                    prev = d;
                    if run < 3 {
                        self.norm.push(d);
                    }
                    i += dlen;
                    last_end = i;
                } else if is_combining(d) {
                    i += dlen;
                    last_end = i;
                } else if d == '\''
                    && f[i + dlen..].chars().next().is_some_and(is_word_char)
                    && !self.norm[n0..].is_empty()
                {
                    self.norm.push('\'');
                    prev = '\'';
                    run = 1;
                    i += dlen;
                } else {
                    break;
                }
            }
            let n1 = self.norm.len();
            if n1 > n0 && last_end > start {
                let from = self.starts[last_end - 1] as usize;
                let end = from + text[from..].chars().next().map_or(0, char::len_utf8);
                let span = Span::new(self.starts[start] as usize, end);
                self.words.push(Word {
                    norm: (n0 as u32, n1 as u32),
                    span,
                });
            }
            prev_word_char = true;
        }
    }

    /// Splits `text` and calls `emit` once per feature occurrence, in text order (word by word: its 1-gram,
    /// the 2-gram with the next word, then its character n-grams).
    pub fn extract(&mut self, text: &str, cfg: &FeatureConfig, mut emit: impl FnMut(Feature)) {
        self.split(text);
        self.emit_all(cfg, &mut emit);
    }

    fn emit_all(&mut self, cfg: &FeatureConfig, emit: &mut impl FnMut(Feature)) {
        if !cfg.is_valid() {
            return;
        }
        for wi in 0..self.words.len() {
            let w = self.words[wi];
            let form = &self.norm[w.norm.0 as usize..w.norm.1 as usize];
            let wi32 = wi as u32;
            emit(Feature {
                bucket: cfg.unigram_bucket(form),
                first: wi32,
                last: wi32,
            });
            let next = if cfg.bigrams {
                self.words.get(wi + 1)
            } else {
                None
            };
            if let Some(next) = next {
                let next_form = &self.norm[next.norm.0 as usize..next.norm.1 as usize];
                emit(Feature {
                    bucket: cfg.bigram_bucket(form, next_form),
                    first: wi32,
                    last: wi32 + 1,
                });
            }
            cfg.char_buckets(form, &mut self.pad, &mut self.bounds, |bucket| {
                emit(Feature {
                    bucket,
                    first: wi32,
                    last: wi32,
                })
            });
        }
    }

    /// The sorted, distinct buckets of `text` (what a linear model over feature presence sees).
    pub fn distinct_buckets(&mut self, text: &str, cfg: &FeatureConfig, out: &mut Vec<u32>) {
        out.clear();
        self.extract(text, cfg, |f| out.push(f.bucket));
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, String)> {
        let mut x = Extractor::new();
        x.split(text);
        (0..x.words.len())
            .map(|i| {
                (
                    x.word_norm(i).to_string(),
                    x.words[i].span.slice(text).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn fnv_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn words_fold_and_map_back() {
        let w = words(
            "@user Die GRÜNEN sind sooo doof!!! #Flüchtlinge https://x.de/a?b don't www.a.b Straße",
        );
        let forms: Vec<&str> = w.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            forms,
            [
                "die",
                "gruenen",
                "sind",
                "soo",
                "doof",
                "fluechtlinge",
                "don't",
                "strasse"
            ]
        );
        let spans: Vec<&str> = w.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            spans,
            [
                "Die",
                "GRÜNEN",
                "sind",
                "sooo",
                "doof",
                "Flüchtlinge",
                "don't",
                "Straße"
            ]
        );
    }

    #[test]
    fn decomposed_umlaut_and_odd_marks() {
        let text = "Mu\u{0308}ll i\u{0307}stanbul 'quoted' x\u{200B}y";
        let w = words(text);
        assert_eq!(w[0].0, "muell");
        assert_eq!(w[0].1, "Mu\u{0308}ll");
        assert_eq!(w[1].0, "istanbul");
        assert_eq!(w[2].0, "quoted");
        assert_eq!(w[3].0, "xy");
    }

    #[test]
    fn features_are_in_range_and_namespaced() {
        let cfg = FeatureConfig::default();
        let mut x = Extractor::new();
        let mut n = 0;
        x.extract("Refugees are welcome", &cfg, |f| {
            n += 1;
            assert!(f.bucket < cfg.buckets());
            assert!(f.last == f.first || (f.last == f.first + 1 && cfg.is_word_bucket(f.bucket)));
        });
        // 3 unigrams + 2 bigrams + char n-grams of " refugees " (10 chars), " are " (5), " welcome " (9)
        let grams = |c: usize| (2..=5).map(|n| c.saturating_sub(n - 1)).sum::<usize>();
        assert_eq!(n, 5 + grams(10) + grams(5) + grams(9));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let cfg = FeatureConfig::default();
        let mut x = Extractor::new();
        let long = "ab".repeat(100_000) + " " + &"😀".repeat(10_000) + &"ä".repeat(50_000);
        for t in [
            "",
            " ",
            "@",
            "@@x",
            "'",
            "a'",
            "'a",
            "http://",
            "www.",
            "\u{0308}",
            "a\u{0308}\u{0308}",
            "İİİ",
            "ﬁﬁ ½ ⒈ Ⅻ",
            "\u{FEFF}\u{200B}",
            "日本語のテキスト",
            "مرحبا بالعالم",
            long.as_str(),
        ] {
            x.extract(t, &cfg, |f| assert!(f.bucket < cfg.buckets()));
            for w in &x.words {
                assert!(
                    t.get(w.span.start..w.span.end)
                        .is_some_and(|s| !s.is_empty())
                );
            }
        }
    }
}
