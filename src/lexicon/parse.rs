//! Reading the lexicon files: every line checked, folded and sorted into its shape (a word, a phrase, a starred
//! word part, a gap pattern), with errors by file and line. No tables are built here: the build script runs this
//! stage over the shipped files and stores its result ([`super::blob`]); tests run it over their own files.
//! Format: `README.md` beside this file.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{List, Table};
use crate::text::{cut_runs, fold};

/// The number placeholder in patterns and its form in the token stream.
pub const NUM: &str = "0";

/// An error in a lexicon file.
#[derive(Clone, Debug, PartialEq)]
pub struct LexiconError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// One valid line of a lexicon file.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Index into [`Parsed::files`].
    pub file: u16,
    /// The pattern as written (for evidence ids).
    pub pattern: &'static str,
    pub weight: f32,
    pub shape: Shape,
}

/// What a line matches, folded the way the input text is.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// One whole word.
    Word { core: Cow<'static, str> },
    /// Whole words in a row (`nie wieder`, `seit 0 wochen`): numbers as [`NUM`], the values they name in
    /// `number_values[values.0..values.1]`.
    Phrase {
        core: Cow<'static, str>,
        values: (u32, u32),
    },
    /// A starred pattern (`*idiot`, `kündig*`, also with spaces): matched inside words.
    Starred {
        core: Cow<'static, str>,
        open_start: bool,
        open_end: bool,
        /// The core has a space in it.
        spaced: bool,
        values: (u32, u32),
    },
    /// `head … tail` (`bring* … um`).
    Gapped {
        head: Cow<'static, str>,
        head_open: bool,
        tail: Cow<'static, str>,
    },
}

/// The lexicon files read line by line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    /// The path of every file with a known table and list; [`Record::file`] indexes it.
    pub files: Vec<&'static str>,
    pub records: Vec<Record>,
    /// Number words (`numbers.txt`, folded) and their values, in file order.
    pub number_words: Vec<(Cow<'static, str>, u32)>,
    /// (word of the phrase, value) of the numbers phrase patterns name by value.
    pub number_values: Vec<(u8, u32)>,
    pub errors: Vec<LexiconError>,
}

/// `de/numbers.txt`, `en/numbers.txt`: number words and their values (`zehn<TAB>10`).
fn is_numbers_file(path: &str) -> bool {
    path.ends_with("/numbers.txt")
}

/// The table and list a file's path names (`de/insult.txt`), if any.
pub fn table_and_list(path: &str) -> Result<(Table, List), String> {
    let (table, stem) = match path.split_once('/') {
        Some(("de", f)) => (Table::De, f),
        Some(("en", f)) => (Table::En, f),
        Some(("common", f)) => (Table::Common, f),
        _ => return Err("not in de/, en/ or common/".into()),
    };
    let stem = stem.trim_end_matches(".txt");
    List::from_file_stem(stem)
        .map(|list| (table, list))
        .ok_or_else(|| format!("unknown lexicon file name `{stem}`"))
}

/// `folded` borrowed from `pattern` where folding left it as it was (most patterns), owned otherwise.
fn keep(pattern: &'static str, folded: String) -> Cow<'static, str> {
    match pattern.find(folded.as_str()) {
        Some(k) => Cow::Borrowed(&pattern[k..k + folded.len()]),
        None => Cow::Owned(folded),
    }
}

/// Reads `files` (path, contents). Invalid lines are skipped and listed in `errors`.
pub fn parse(files: &[(&'static str, &'static str)]) -> Parsed {
    let mut out = Parsed::default();
    // duplicate check on a hash of (table, list, stars, folded core): no key strings kept
    let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
    // number words first: phrases of every other file read them as numbers
    let mut number_words: FxHashMap<String, u32> = FxHashMap::default();
    for &(path, contents) in files.iter().filter(|(p, _)| is_numbers_file(p)) {
        for (n, raw) in lines_of(contents).enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let (word, value) = line.split_once('\t').unwrap_or((line, ""));
            let folded = fold(word);
            let ok = !folded.is_empty()
                && !folded.contains(' ')
                && value.trim().parse::<u32>().is_ok_and(|v| {
                    let new = number_words.insert(folded.clone(), v).is_none();
                    if new {
                        out.number_words.push((keep(word, folded.clone()), v));
                    }
                    new
                });
            if !ok {
                out.errors.push(LexiconError {
                    file: path.to_string(),
                    line: n + 1,
                    message: format!("`{line}` is not one new number word, a TAB and its value"),
                });
            }
        }
    }

    for &(path, contents) in files {
        if is_numbers_file(path) {
            continue;
        }
        let (table, list) = match table_and_list(path) {
            Ok(found) => found,
            Err(message) => {
                out.errors.push(LexiconError {
                    file: path.to_string(),
                    line: 0,
                    message,
                });
                continue;
            }
        };
        let file = out.files.len() as u16;
        out.files.push(path);
        for (n, raw) in lines_of(contents).enumerate() {
            let line_no = n + 1;
            let err = |m: String| LexiconError {
                file: path.to_string(),
                line: line_no,
                message: m,
            };
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let tab = |s: &str| s.bytes().position(|b| b == b'\t');
            let (pattern, weight_s) = match tab(line) {
                Some(k) => (&line[..k], Some(&line[k + 1..])),
                None => (line, None),
            };
            let Some(weight_s) = weight_s.map(|w| tab(w).map_or(w, |k| &w[..k])) else {
                out.errors
                    .push(err(format!("missing TAB and weight after `{pattern}`")));
                continue;
            };
            let Ok(weight) = weight_s.trim().parse::<f32>() else {
                out.errors
                    .push(err(format!("weight `{weight_s}` is not a number")));
                continue;
            };
            let (lo, hi) = list.weight_range();
            if !(lo..=hi).contains(&weight)
                || weight == 0.0
                || (list == List::Intensifier && weight == 1.0)
            {
                out.errors.push(err(format!(
                    "weight {weight} outside {lo} … {hi} (or 0 / neutral)"
                )));
                continue;
            }
            // byte tests where the character is ASCII: this loop runs for every line
            let ascii = pattern.is_ascii();
            if pattern.trim() != pattern
                || pattern.is_empty()
                || pattern.as_bytes().windows(2).any(|w| w == b"  ")
            {
                out.errors
                    .push(err(format!("pattern `{pattern}` has stray spaces")));
                continue;
            }
            if if ascii {
                pattern.bytes().any(|b| b.is_ascii_uppercase())
            } else {
                pattern.chars().any(char::is_uppercase)
            } {
                out.errors
                    .push(err(format!("pattern `{pattern}` is not lower case")));
                continue;
            }
            if !ascii && pattern.contains('…') {
                let (head, tail) = pattern.split_once(" … ").unwrap_or(("", ""));
                let head_open = head.ends_with('*');
                let head = head.trim_end_matches('*');
                let head_core = fold(head);
                let tail_core = fold(tail);
                let one_word =
                    // an inner apostrophe belongs to the word ("don't … properly"), as in the text
                    |w: &str| {
                        !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
                    };
                if !one_word(&head_core)
                    || !one_word(&tail_core)
                    || (head_open && head_core.chars().count() < 3)
                {
                    out.errors.push(err(format!(
                        "gap pattern `{pattern}` needs one word (a `*` at its end allowed) on each side of ` … `"
                    )));
                    continue;
                }
                let key = (
                    table as u8,
                    list.rank(),
                    head_open,
                    &*head_core,
                    &*tail_core,
                );
                if let Some(first) = first_line(&mut seen, key, line_no) {
                    out.errors.push(err(format!(
                        "`{pattern}` duplicates line {first} after folding"
                    )));
                    continue;
                }
                out.records.push(Record {
                    file,
                    pattern,
                    weight,
                    shape: Shape::Gapped {
                        head: keep(head, head_core),
                        head_open,
                        tail: keep(tail, tail_core),
                    },
                });
                continue;
            }
            let open_start = pattern.starts_with('*');
            let open_end = pattern.ends_with('*') && pattern.len() > 1;
            let core_raw = pattern.trim_start_matches('*').trim_end_matches('*');
            if core_raw.as_bytes().contains(&b'*') {
                out.errors
                    .push(err(format!("`*` only at the ends of `{pattern}`")));
                continue;
            }
            let core_raw = &cut_runs(core_raw);
            // in a phrase every number is the number placeholder; a number written as digits or as a
            // word keeps its value, which the match must have ("1 star" is not "5 stars"; "fünf sterne"
            // matches "5 Sterne"), `<num>` takes any number
            let folded = if core_raw.as_bytes().contains(&b'<') {
                fold(&core_raw.replace("<num>", "\u{1}"))
            } else {
                fold(core_raw)
            };
            let values_from = out.number_values.len() as u32;
            let is_phrase = folded.as_bytes().contains(&b' ');
            let core = if is_phrase {
                let mut core = String::with_capacity(folded.len());
                for (k, w) in folded.split(' ').enumerate() {
                    if k > 0 {
                        core.push(' ');
                    }
                    let value = if w.bytes().all(|b| b.is_ascii_digit()) {
                        w.parse::<u32>().ok()
                    } else {
                        number_words.get(w).copied()
                    };
                    if let Some(v) = value {
                        out.number_values.push((k.min(255) as u8, v));
                        core.push_str(NUM);
                    } else if w == "\u{1}" {
                        core.push_str(NUM);
                    } else {
                        core.push_str(w);
                    }
                }
                core
            } else if folded.as_bytes().contains(&1) {
                folded.replace('\u{1}', NUM)
            } else {
                folded
            };
            let values = (values_from, out.number_values.len() as u32);
            let letters = || core.chars().filter(|c| c.is_alphanumeric()).count();
            if (open_start || open_end) && letters() < 3
                || (open_start && open_end && letters() < 4)
            {
                out.errors
                    .push(err(format!("starred pattern `{pattern}` is too short")));
                continue;
            }
            if core.is_empty() {
                out.errors.push(err("empty pattern".into()));
                continue;
            }
            // the numbers a phrase names by value are part of it ("1 stern" is not "0 sterne")
            let key = (
                table as u8,
                list.rank(),
                open_start,
                open_end,
                core.as_str(),
                &out.number_values[values.0 as usize..],
            );
            if let Some(first) = first_line(&mut seen, key, line_no) {
                out.errors.push(err(format!(
                    "`{pattern}` duplicates line {first} after folding"
                )));
                continue;
            }
            let core = keep(pattern, core);
            let shape = if open_start || open_end {
                Shape::Starred {
                    core,
                    open_start,
                    open_end,
                    spaced: is_phrase,
                    values,
                }
            } else if is_phrase {
                Shape::Phrase { core, values }
            } else {
                Shape::Word { core }
            };
            out.records.push(Record {
                file,
                pattern,
                weight,
                shape,
            });
        }
    }
    out
}

/// The lines of a lexicon file as [`str::lines`] cuts them, found byte by byte: faster than the general
/// searcher on lines this short.
fn lines_of(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = rest.bytes().position(|b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// The line that first claimed `key` (a hash of what makes two patterns the same after folding: table, list,
/// stars, folded core), or `None` after claiming it for `line`. No key strings are kept.
fn first_line(
    seen: &mut FxHashMap<u64, usize>,
    key: impl std::hash::Hash,
    line: usize,
) -> Option<usize> {
    use std::hash::BuildHasher;
    let hash = rustc_hash::FxBuildHasher.hash_one(key);
    match seen.entry(hash) {
        std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
        std::collections::hash_map::Entry::Vacant(v) => {
            v.insert(line);
            None
        }
    }
}
