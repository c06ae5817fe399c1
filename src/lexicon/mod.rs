//! The compiled-in lexicons: parsed once, validated, and indexed for one hash lookup per word, one per pair of
//! words for the whole-word phrases, and one Aho–Corasick pass over the folded text for the starred patterns
//! (word parts). Format: `README.md` beside this file.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::MatchKind;
use aho_corasick::nfa::contiguous::NFA;
use rustc_hash::FxHashMap;

pub mod blob;
mod kinds;
pub mod parse;

pub use kinds::{Cue, HatePart, List, Table};
pub use parse::{LexiconError, NUM};
use parse::{Parsed, Shape};

mod files {
    include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));
}

/// One lexicon entry.
#[derive(Clone, Debug)]
pub struct Entry {
    pub table: Table,
    pub list: List,
    /// The pattern as written in the file (for evidence ids).
    pub pattern: &'static str,
    /// `de/insult.txt`
    pub file: &'static str,
    pub weight: f32,
    /// Matches inside a longer word (starred pattern), not the whole word.
    pub partial: bool,
    /// Evidence id: `lexicon:de/insult.txt:*idiot*`, written on first use (most entries never match, and
    /// start-up is paid every time the extension wakes).
    id: std::sync::OnceLock<Box<str>>,
}

impl Entry {
    fn new(
        table: Table,
        list: List,
        pattern: &'static str,
        file: &'static str,
        weight: f32,
        partial: bool,
    ) -> Entry {
        Entry {
            table,
            list,
            pattern,
            file,
            weight,
            partial,
            id: std::sync::OnceLock::new(),
        }
    }

    /// Evidence id: `lexicon:de/insult.txt:*idiot*`.
    pub fn id(&self) -> &str {
        self.id.get_or_init(|| {
            ["lexicon:", self.file, ":", self.pattern]
                .concat()
                .into_boxed_str()
        })
    }
}

/// What a whole-word phrase ([`Phrase`]) or a starred pattern (in the automaton) needs beyond its text.
#[derive(Clone, Copy, Debug)]
pub struct PatternMeta {
    pub entry: u32,
    /// May start inside a word (`*idiot`).
    pub open_start: bool,
    /// May end inside a word (`kündig*`).
    pub open_end: bool,
    /// Numbers the pattern names by value ("1 star", "fünf sterne"): `number_values[values.0..values.1]`,
    /// each (word of the pattern, value). `<num>` stands for any number and has none.
    pub values: (u32, u32),
}

/// A whole-word phrase (`nie wieder`, `seit <num> wochen`), matched on the folded token stream: the
/// stream word that starts it and the next are looked up in [`Lexicons::phrases`], the rest compared in place.
#[derive(Clone, Debug)]
pub struct Phrase {
    /// The folded phrase, words separated by one space (numbers as [`NUM`]).
    pub text: Key,
    pub meta: PatternMeta,
}

/// A pattern with a gap (`bring* … um`): a head word, up to [`GAP_WORDS`] words of the same clause, and a tail
/// word that ends the clause — the German separable verb ("Ich bring euch alle um!") and its English kin
/// ("beat them all up"). Head and tail are folded; the head may end in `*`.
#[derive(Clone, Debug)]
pub struct Gapped {
    pub entry: u32,
    pub head: Key,
    pub head_open: bool,
    pub tail: Key,
}

/// The most words a gap (`…`) in a pattern spans.
pub const GAP_WORDS: usize = 4;

/// A folded word or phrase: borrowed from the shipped blob (or from a pattern that folding left as it was),
/// owned only where folding changed it.
pub type Key = Cow<'static, str>;

/// The entry ids of one key. Most keys have one, kept inline.
#[derive(Clone, Debug, PartialEq)]
pub enum Ids {
    One(u32),
    Many(Box<[u32]>),
}

impl std::ops::Deref for Ids {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self {
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(ids) => ids,
        }
    }
}

impl<'a> IntoIterator for &'a Ids {
    type Item = &'a u32;
    type IntoIter = std::slice::Iter<'a, u32>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

pub struct Lexicons {
    pub entries: Vec<Entry>,
    /// Folded single word → entry ids.
    pub words: FxHashMap<Key, Ids>,
    /// Whole-word phrases by their first two folded words (one lookup per stream word).
    pub phrases: FxHashMap<Key, Ids>,
    /// The phrases, indexed by the ids of [`Lexicons::phrases`].
    pub phrase_list: Vec<Phrase>,
    /// Starred patterns (word parts, `*idiot`, `kündig*`, also with spaces) over the folded token stream.
    /// A contiguous NFA, built directly: the other kinds of automaton never ship.
    pub automaton: NFA,
    pub patterns: Vec<PatternMeta>,
    /// Patterns with a gap, matched on tokens (see [`Gapped`]); those a word ends are one lookup away
    /// ([`Lexicons::gapped_ending`]).
    pub gapped: Vec<Gapped>,
    /// The patterns of [`Lexicons::gapped`] each tail word ends (their indexes, in file order).
    gapped_tails: FxHashMap<Key, Ids>,
    /// Masked-word candidates: (folded core, entry) of single-word toxic entries, for `f*ck`-style lookups.
    pub toxic_words: Vec<(Key, u32)>,
    /// Number words (`numbers.txt`, folded) and their values: in the token stream they are numbers like
    /// digits ("seit zehn Tagen" matches `seit <num> tagen`; "five stars" and "5 stars" match each other).
    pub number_words: FxHashMap<Key, u32>,
    /// The numbers phrase patterns name by value (see [`PatternMeta::values`]).
    pub number_values: Vec<(u8, u32)>,
    pub errors: Vec<LexiconError>,
}

/// The shipped lexicons as the build script read them ([`blob`]).
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicons.bin"));

static LEXICONS: LazyLock<Lexicons> = LazyLock::new(Lexicons::shipped);

/// The compiled-in lexicons, indexed on first use.
pub fn lexicons() -> &'static Lexicons {
    &LEXICONS
}

/// The compiled-in files, for validation and documentation.
pub fn files() -> &'static [(&'static str, &'static str)] {
    files::FILES
}

impl Lexicons {
    /// The patterns with a gap whose tail is `word` (folded), in file order.
    pub fn gapped_ending<'a>(
        &'a self,
        word: &str,
    ) -> impl ExactSizeIterator<Item = &'a Gapped> + 'a {
        let ids = self.gapped_tails.get(word).map_or(&[][..], |ids| &ids[..]);
        ids.iter().map(|&i| &self.gapped[i as usize])
    }

    /// Parses and indexes `files` (path, contents). Invalid lines are skipped and listed in `errors`.
    pub fn build(files: &'static [(&'static str, &'static str)]) -> Lexicons {
        Lexicons::index(parse::parse(files))
    }

    /// The shipped lexicons from the blob the build script wrote (the build stops on a bad line, with its file
    /// and line); a blob that cannot be read leaves the tables empty and says why in `errors`.
    fn shipped() -> Lexicons {
        Lexicons::index(blob::decode(BLOB).unwrap_or_else(|message| Parsed {
            errors: vec![LexiconError {
                file: "lexicons.bin".into(),
                line: 0,
                message,
            }],
            ..Parsed::default()
        }))
    }

    /// Fills the tables: one entry per record, in order, so entry ids are line order.
    fn index(parsed: Parsed) -> Lexicons {
        let Parsed {
            files,
            records,
            number_words,
            number_values,
            errors,
        } = parsed;
        let kinds: Vec<Option<(Table, List)>> = files
            .iter()
            .map(|path| parse::table_and_list(path).ok())
            .collect();
        let mut entries: Vec<Entry> = Vec::with_capacity(records.len());
        // sized for every record, so that the tables never grow while they fill
        let mut words: FxHashMap<Key, Ids> =
            FxHashMap::with_capacity_and_hasher(records.len(), Default::default());
        let mut phrases: FxHashMap<Key, Ids> =
            FxHashMap::with_capacity_and_hasher(records.len() / 2, Default::default());
        let count = |f: fn(&Shape) -> bool| records.iter().filter(|r| f(&r.shape)).count();
        let mut phrase_list: Vec<Phrase> =
            Vec::with_capacity(count(|s| matches!(s, Shape::Phrase { .. })));
        let n_starred = count(|s| matches!(s, Shape::Starred { .. }));
        let mut starred: Vec<Key> = Vec::with_capacity(n_starred);
        let mut patterns: Vec<PatternMeta> = Vec::with_capacity(n_starred);
        let mut gapped: Vec<Gapped> =
            Vec::with_capacity(count(|s| matches!(s, Shape::Gapped { .. })));
        let mut toxic_words = Vec::new();
        for r in records {
            let Some(&Some((table, list))) = kinds.get(usize::from(r.file)) else {
                continue;
            };
            let path = files[usize::from(r.file)];
            let id = entries.len() as u32;
            let toxic = matches!(list, List::Toxic(_));
            let partial = matches!(r.shape, Shape::Starred { .. });
            entries.push(Entry::new(table, list, r.pattern, path, r.weight, partial));
            match r.shape {
                Shape::Word { core } => {
                    if toxic {
                        toxic_words.push((core.clone(), id));
                    }
                    add_id(&mut words, core, id);
                }
                Shape::Phrase { core, values } => {
                    let mut spaces = core.bytes().enumerate().filter(|&(_, b)| b == b' ');
                    let two = match spaces.nth(1) {
                        Some((k, _)) => prefix(&core, k),
                        None => core.clone(),
                    };
                    add_id(&mut phrases, two, phrase_list.len() as u32);
                    phrase_list.push(Phrase {
                        text: core,
                        meta: PatternMeta {
                            entry: id,
                            open_start: false,
                            open_end: false,
                            values,
                        },
                    });
                }
                Shape::Starred {
                    core,
                    open_start,
                    open_end,
                    spaced,
                    values,
                } => {
                    if toxic && !spaced {
                        toxic_words.push((core.clone(), id));
                    }
                    starred.push(core);
                    patterns.push(PatternMeta {
                        entry: id,
                        open_start,
                        open_end,
                        values,
                    });
                }
                Shape::Gapped {
                    head,
                    head_open,
                    tail,
                } => gapped.push(Gapped {
                    entry: id,
                    head,
                    head_open,
                    tail,
                }),
            }
        }
        let mut gapped_tails: FxHashMap<Key, Ids> = FxHashMap::default();
        for (i, g) in gapped.iter().enumerate() {
            add_id(&mut gapped_tails, g.tail.clone(), i as u32);
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(starred.iter().map(|s| s.as_bytes()))
            .or_else(|_| NFA::new(Vec::<String>::new()))
            .unwrap_or_else(|_| unreachable_automaton());
        Lexicons {
            entries,
            words,
            phrases,
            phrase_list,
            automaton,
            patterns,
            gapped,
            gapped_tails,
            toxic_words,
            number_words: number_words.into_iter().collect(),
            number_values,
            errors,
        }
    }

    /// The value of a number token of the stream: digits, or a number word of `numbers.txt` (folded).
    pub fn number_value(&self, norm: &str) -> Option<u32> {
        if !norm.is_empty() && norm.bytes().all(|b| b.is_ascii_digit()) {
            return Some(norm.parse().unwrap_or(u32::MAX));
        }
        self.number_words.get(norm).copied()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// Number of entries per file, for documentation and tests.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let mut out: Vec<(&'static str, usize)> = Vec::new();
        for e in &self.entries {
            match out.iter_mut().find(|(f, _)| *f == e.file) {
                Some((_, n)) => *n += 1,
                None => out.push((e.file, 1)),
            }
        }
        out
    }
}

/// The first `len` bytes of `key`, borrowed where the key is.
fn prefix(key: &Key, len: usize) -> Key {
    match key {
        Cow::Borrowed(s) => Cow::Borrowed(&s[..len]),
        Cow::Owned(s) => Cow::Owned(s[..len].to_owned()),
    }
}

/// Adds `id` to the ids of `key`.
fn add_id(map: &mut FxHashMap<Key, Ids>, key: Key, id: u32) {
    match map.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut e) => {
            let more = match std::mem::replace(e.get_mut(), Ids::One(0)) {
                Ids::One(first) => vec![first, id],
                Ids::Many(ids) => {
                    let mut ids = ids.into_vec();
                    ids.push(id);
                    ids
                }
            };
            *e.get_mut() = Ids::Many(more.into_boxed_slice());
        }
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(Ids::One(id));
        }
    }
}

#[cold]
fn unreachable_automaton() -> NFA {
    // An empty pattern set always builds; this path exists only to avoid a panic path in the type system.
    NFA::new(["\u{0}\u{0}never\u{0}"]).unwrap_or_else(|_| std::process::abort())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Topic;

    /// Each list has its own rank: the cue ranks end before the first hate part's.
    #[test]
    fn list_ranks_do_not_overlap() {
        let last_cue = Cue::ALL.iter().map(|c| List::Cue(*c).rank()).max();
        assert!(last_cue < Some(List::Hate(HatePart::Group).rank()));
        assert!(
            List::Topic(Topic::ALL[Topic::ALL.len() - 1]).rank() < List::Cue(Cue::ALL[0]).rank()
        );
    }

    #[test]
    fn every_lexicon_line_is_valid() {
        let lex = lexicons();
        let errors: Vec<String> = lex.errors.iter().map(ToString::to_string).collect();
        assert!(errors.is_empty(), "lexicon errors:\n{}", errors.join("\n"));
    }

    #[test]
    fn parser_reports_bad_lines_with_file_and_line() {
        static BAD: &[(&str, &str)] = &[(
            "de/insult.txt",
            "# ok\nidiot\t2\nIdiot\t2\nblöd\t9\nbloed\t1\nxy*\t1\nlonely\nblöd\t1\n",
        )];
        let lex = Lexicons::build(BAD);
        let msgs: Vec<String> = lex.errors.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(msgs[0].starts_with("de/insult.txt:3:"));
        assert!(msgs[1].contains("outside"));
        assert!(msgs[2].contains("too short"));
        assert!(msgs[3].contains("missing TAB"));
        assert!(msgs[4].contains("duplicates line 5"));
        assert_eq!(lex.entries.len(), 2);
    }

    #[test]
    fn gap_patterns_are_parsed_and_bad_ones_refused() {
        static GAPS: &[(&str, &str)] = &[(
            "de/threat.txt",
            "bring* … um\t2.5\nknall … ab\t3\nbring* … um\t2\nzu … viel … um\t1\nbr* … um\t1\n… um\t1\n",
        )];
        let lex = Lexicons::build(GAPS);
        let msgs: Vec<String> = lex.errors.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(msgs[0].contains("duplicates line 1"), "{msgs:?}");
        assert!(msgs[1..].iter().all(|m| m.contains("one word")), "{msgs:?}");
        assert_eq!(lex.gapped.len(), 2);
        assert_eq!(lex.gapped_ending("ab").count(), 1);
        let g = lex.gapped_ending("um").next().unwrap();
        assert_eq!((&*g.head, g.head_open, &*g.tail), ("bring", true, "um"));
        assert!(lex.patterns.is_empty() && lex.words.is_empty());
    }

    #[test]
    fn starred_patterns_go_to_the_automaton_and_phrases_to_their_table() {
        static OK: &[(&str, &str)] = &[
            ("de/insult.txt", "*idiot*\t2\nidiot\t2\n"),
            (
                "de/signal_churn.txt",
                "nie wieder\t2\nkündig*\t2\nseit <num> wochen\t1\n",
            ),
        ];
        let lex = Lexicons::build(OK);
        assert!(lex.errors.is_empty(), "{:?}", lex.errors);
        // starred patterns go to the automaton, whole-word phrases to the phrase table
        assert_eq!(lex.patterns.len(), 2);
        assert_eq!(lex.phrase_list.len(), 2);
        assert!(lex.phrases.contains_key("nie wieder") && lex.phrases.contains_key("seit 0"));
        assert!(lex.words.contains_key("idiot"));
        assert!(lex.entries[3].partial);
    }
}
