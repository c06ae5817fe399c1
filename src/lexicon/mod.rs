//! The compiled-in lexicons: parsed once, validated, and indexed for one hash lookup per word, one per pair of
//! words for the whole-word phrases, and one Aho–Corasick pass over the folded text for the starred patterns
//! (word parts). Format: `README.md` beside this file.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use crate::model::{Category, Signal, Topic};
use crate::text::{cut_runs, fold};

mod files {
    include!(concat!(env!("OUT_DIR"), "/lexicon_files.rs"));
}

/// Which language table an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    De,
    En,
    Common,
}

/// What an entry means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    Sentiment,
    Negator,
    Intensifier,
    Contrast,
    Irony,
    Addressee,
    Stopword,
    Exception,
    Toxic(Category),
    Signal(Signal),
    Topic(Topic),
    /// Words that tell the context layer what a sentence does (`cue_<kind>.txt`).
    Cue(Cue),
    /// The parts of an attack on a group (`hate_<part>.txt`, read by `src/analyze/hate.rs`).
    Hate(HatePart),
}

/// One part of the structure of an attack on a group: a group named, and something said of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HatePart {
    /// A protected group: Muslime, Flüchtlinge, Frauen, immigrants, gay people. Weight 1; 0.5 for an adjective
    /// used as a noun ("Schwarze", "disabled"), which names the group only when no noun follows it or a
    /// [`HatePart::People`] noun does; 0.25 for an adjective that names it only before such a noun
    /// ("jüdische Menschen", "Jewish women").
    Group,
    /// Nouns for people that a group adjective before them turns into the group: Menschen, Frauen, Kinder,
    /// people, women, kids. No institutions ("türkische Bank", "a Chinese company" are no group).
    People,
    /// What is said of the group, wherever it stands in the clause: dehumanisation (Ungeziefer), exclusion
    /// (gehören abgeschoben), a threat (ausrotten), hatred (ich hasse), blame. Weight: how severe (1.5 … 3).
    Predicate,
    /// What is said of the group only when a copula links them ("Flüchtlinge sind Müll", not "Flüchtlinge
    /// sammeln Müll") or when it stands right before the group ("dreckige Ausländer"). Weight as above.
    Predicative,
    /// Links a group to a predicative: sind, seid, wie, are, is, like.
    Copula,
    /// What attacks a group only where the sentence wishes it ("gehören abgeschoben", "should be deported"),
    /// not where it tells what happened ("wurden abgeschoben"). Weight as for a predicate.
    Wished,
    /// What attacks a group only in a question that doubts its humanity or rights ("Sind X überhaupt
    /// Menschen?", "Do we really have to treat X like human beings?"). Weight as for a predicate.
    Questioned,
    /// A word that refers back to a group named before: sie, die, diese Leute, they, those people. Weight 1;
    /// 0.5 for a determiner ("die", "those") that refers only when no noun follows it.
    Referrer,
    /// Makes a group word name someone particular, not the group: als, ich bin, mein, einige, as a, some.
    Particular,
    /// Denounces what is said: rassistisch, Hetze, racist, bigoted, hate speech.
    Counter,
    /// Says that someone else says it: sagen, behaupten, bezeichnen, say, claim, call.
    Quote,
    /// A disclaimer before the attack: nichts gegen, kein Rassist, nothing against, not racist.
    Disclaimer,
    /// A factive verb: what its "that"/"dass" clause says is asserted even when the verb is negated ("they
    /// don't realise that …", "sie merken nicht, dass …"): realise, know, see, merken, wissen, begreifen.
    Factive,
}

impl HatePart {
    pub const ALL: [HatePart; 13] = [
        HatePart::Group,
        HatePart::People,
        HatePart::Predicate,
        HatePart::Predicative,
        HatePart::Copula,
        HatePart::Wished,
        HatePart::Questioned,
        HatePart::Referrer,
        HatePart::Particular,
        HatePart::Counter,
        HatePart::Quote,
        HatePart::Disclaimer,
        HatePart::Factive,
    ];
    pub fn key(self) -> &'static str {
        match self {
            HatePart::Group => "group",
            HatePart::People => "people",
            HatePart::Predicate => "predicate",
            HatePart::Predicative => "predicative",
            HatePart::Copula => "copula",
            HatePart::Wished => "wished",
            HatePart::Questioned => "questioned",
            HatePart::Referrer => "referrer",
            HatePart::Particular => "particular",
            HatePart::Counter => "counter",
            HatePart::Quote => "quote",
            HatePart::Disclaimer => "disclaimer",
            HatePart::Factive => "factive",
        }
    }
}

/// What a context cue says about its sentence or comment (see `src/analyze/context.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cue {
    /// The writer speaks of themselves: ich, mein, wir, I, my, we.
    FirstPerson,
    /// The writer announces what they will do: ich werde, jetzt, I will, I'm going to.
    Intent,
    /// The sentence reports what others did or said: laut, berichtet, ermittelt, according to, reportedly.
    Report,
    /// The sentence supposes: falls, wenn, würde, if, would, unless.
    Hypothesis,
    /// A word that opens a question at the start of a sentence (inverted order, wh-words): Habt, Gibt, Is, How.
    Question,
    /// The writer asks for something: bitte, please, könnt ihr, can you.
    Request,
    /// Press and news genre: dpa, Reuters, Eilmeldung, via @, breaking.
    News,
    /// Greetings and salutations skipped when looking for a sentence's first word: Hallo, Hi, Liebe, Dear.
    Greeting,
    /// A wish that something be done to someone: gehört, sollte man, should be, deserve.
    Wish,
    /// Marks a question as rhetorical venting: doch, etwa, ernsthaft, seriously, who needs.
    Rhetorical,
    /// A tag that makes a statement rhetorical when it ends it: oder, gell, right, eh.
    Tag,
    /// Thanks and politeness formulas: danke, vielen Dank, thanks, thank you.
    Thanks,
    /// Others addressed in a call: alle, Leute, everyone, people.
    Others,
    /// An acknowledgement opening a reply: ok, alles klar, no worries (counts as the comment's first words).
    Acknowledgement,
    /// The writer asks for a private channel: per DM, ruft mich an, dm me, call me.
    Private,
    /// A transaction of the writer's own: Bestellung, Buchung, Konto, order, booking, account.
    Case,
    /// What the service does for the customer (ankommen, halten, laden, arrive, load, reply): negated, a complaint.
    Service,
    /// Opens a how-to question: wie kann ich, wo finde ich, how do I, can I.
    HowTo,
    /// Opens a tentative suggestion or a guess: vielleicht, vermutlich, maybe, perhaps.
    Tentative,
    /// A question that presupposes a fault: wo bleibt, wie lange noch, what happened to, how much longer.
    Fault,
    /// A question word: was, wo, wie, what, where, how.
    Wh,
    /// An object pronoun that turns a verb on the writer or the subject itself: mich, sich, me, myself (read
    /// by the gap patterns: "Die Bahn bringt mich noch um" threatens nobody).
    Reflexive,
    /// A labour dispute: Streik, Gewerkschaft, Tarifverhandlung, strike, walkout, pay talks.
    Labour,
    /// The writer blames themselves: meine Schuld, selbst schuld, hab vergessen, my fault, my bad, I forgot.
    OwnFault,
    /// A verb of wanting or needing: will, brauche, want, need (with a negation it waives a refund).
    Want,
    /// A scheduled service named by a number after it: Flug 609, Zug 1234, flight 609, line 5 (public).
    Line,
    /// A verb that calls others to act when it opens a clause: wehrt, boykottiert, vote, boycott.
    Imperative,
    /// A verb that commands when it ends a short clause with no subject: abschieben, durchhalten, resign.
    Command,
    /// A word next to such a verb that makes it a statement or a request of the writer's own: ihr, mir, zu,
    /// my, me, to.
    Statement,
    /// The preposition that names what thanks are for: für, fürs, for (a failure after it makes the thanks
    /// ironic, `src/analyze/irony.rs`).
    ThankedFor,
    /// A word that makes a question ask about the whole record: je, jemals, ever ("Wann war die Bahn je
    /// pünktlich?" denies its praise, `src/analyze/irony.rs`).
    Ever,
    /// A question word that, opening a question with a word of `cue_ever`, asks about the record to deny it:
    /// wann, wer, warum, when, who, why (not wie, was, how, what: "How did you ever fix it so fast?").
    Record,
    /// A word that asks why: warum, wieso, why, how come. Opening a question with a negation after it, it
    /// presupposes that something expected did not happen ("Warum gibt es keine Ansage?", `fault.rs`).
    Why,
    /// A copula with an indefinite article or "als"/"as a" before a role: ist ein, is a, works as a ("Mein
    /// Nachbar ist ein Anwalt" names a profession, it threatens nothing; `signals.rs`).
    Role,
    /// A word that says a failure happened again or still lasts: schon wieder, zum dritten Mal, dritter,
    /// immer noch, again, third, still (praise next to such a failure is sarcasm, `src/analyze/irony.rs`).
    Again,
    /// A word or formula that acclaims a performance: toll, super, gut gemacht, danke, great, well done, thanks
    /// (standing next to a repeated failure it is sarcasm, `src/analyze/irony.rs`).
    Acclaim,
    /// A preposition that directs something at what follows: an die, zur, to, to the ("schicke das an die
    /// Zeitung", "sending it to the local paper"): a medium after it is where the writer takes the matter
    /// (`signals.rs`).
    Directed,
    /// A noun for a person or a body of people: Leute, Fahrer, Laden, people, driver, company. An insulting
    /// adjective right before one insults someone; before any other noun it swears about a thing
    /// (`toxicity.rs`).
    Person,
    /// An article or determiner: der, eine, diese, the, a, this, your. An adjective between it and a word
    /// stands before a noun, in lower-case writing too (`toxicity.rs`).
    Determiner,
    /// An insulting adjective: dumm, blöd, stupid, pathetic. Between a determiner and a noun that names no
    /// person it swears about a thing (`toxicity.rs`).
    Adjective,
    /// The writer as the one an insult names: ich, ich bin, bin ich, mein, I'm, my, me being ("Ich Depp",
    /// "I'm such an idiot", "excuse my ignorance"; `self_directed.rs`).
    SelfRef,
    /// A word for what the writer says or asks: Frage, Einwand, question, remark ("Vielleicht eine dumme
    /// Frage, aber …"; `self_directed.rs`).
    Remark,
}

impl Cue {
    pub const ALL: [Cue; 42] = [
        Cue::FirstPerson,
        Cue::Intent,
        Cue::Report,
        Cue::Hypothesis,
        Cue::Question,
        Cue::Request,
        Cue::News,
        Cue::Greeting,
        Cue::Wish,
        Cue::Rhetorical,
        Cue::Tag,
        Cue::Thanks,
        Cue::Others,
        Cue::Acknowledgement,
        Cue::Private,
        Cue::Case,
        Cue::Service,
        Cue::HowTo,
        Cue::Tentative,
        Cue::Fault,
        Cue::Wh,
        Cue::Reflexive,
        Cue::Labour,
        Cue::OwnFault,
        Cue::Want,
        Cue::Line,
        Cue::Imperative,
        Cue::Command,
        Cue::Statement,
        Cue::ThankedFor,
        Cue::Ever,
        Cue::Record,
        Cue::Why,
        Cue::Role,
        Cue::Again,
        Cue::Acclaim,
        Cue::Directed,
        Cue::Person,
        Cue::Determiner,
        Cue::Adjective,
        Cue::SelfRef,
        Cue::Remark,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Cue::FirstPerson => "first_person",
            Cue::Intent => "intent",
            Cue::Report => "report",
            Cue::Hypothesis => "hypothesis",
            Cue::Question => "question",
            Cue::Request => "request",
            Cue::News => "news",
            Cue::Greeting => "greeting",
            Cue::Wish => "wish",
            Cue::Rhetorical => "rhetorical",
            Cue::Tag => "tag",
            Cue::Thanks => "thanks",
            Cue::Others => "others",
            Cue::Acknowledgement => "acknowledgement",
            Cue::Private => "private",
            Cue::Case => "case",
            Cue::Service => "service",
            Cue::HowTo => "howto",
            Cue::Tentative => "tentative",
            Cue::Fault => "fault",
            Cue::Wh => "wh",
            Cue::Reflexive => "reflexive",
            Cue::Labour => "labour",
            Cue::OwnFault => "own_fault",
            Cue::Want => "want",
            Cue::Line => "line",
            Cue::Imperative => "imperative",
            Cue::Command => "command",
            Cue::Statement => "statement",
            Cue::ThankedFor => "thanked_for",
            Cue::Ever => "ever",
            Cue::Record => "record",
            Cue::Why => "why",
            Cue::Role => "role",
            Cue::Again => "again",
            Cue::Acclaim => "acclaim",
            Cue::Directed => "directed",
            Cue::Person => "person",
            Cue::Determiner => "determiner",
            Cue::Adjective => "adjective",
            Cue::SelfRef => "self",
            Cue::Remark => "remark",
        }
    }
}

impl List {
    fn from_file_stem(stem: &str) -> Option<List> {
        Some(match stem {
            "sentiment" | "emoji" => List::Sentiment,
            "negators" => List::Negator,
            "intensifiers" => List::Intensifier,
            "contrast" => List::Contrast,
            "irony" => List::Irony,
            "addressee" => List::Addressee,
            "stopwords" => List::Stopword,
            "exceptions" => List::Exception,
            "insult" => List::Toxic(Category::Insult),
            "profanity" => List::Toxic(Category::Profanity),
            "threat" => List::Toxic(Category::Threat),
            "identity_attack" => List::Toxic(Category::IdentityAttack),
            "sexual_harassment" => List::Toxic(Category::SexualHarassment),
            "call_to_action" => List::Toxic(Category::CallToAction),
            _ => {
                if let Some(s) = stem.strip_prefix("signal_") {
                    List::Signal(Signal::from_key(s)?)
                } else if let Some(t) = stem.strip_prefix("topic_") {
                    List::Topic(Topic::from_key(t).filter(|t| *t != Topic::Other)?)
                } else if let Some(c) = stem.strip_prefix("cue_") {
                    List::Cue(Cue::ALL.into_iter().find(|k| k.key() == c)?)
                } else if let Some(h) = stem.strip_prefix("hate_") {
                    List::Hate(HatePart::ALL.into_iter().find(|k| k.key() == h)?)
                } else {
                    return None;
                }
            }
        })
    }

    /// A small integer per list: the order in which hits of different lists are grouped, and the duplicate check.
    pub fn rank(self) -> u16 {
        match self {
            List::Sentiment => 0,
            List::Negator => 1,
            List::Intensifier => 2,
            List::Contrast => 3,
            List::Irony => 4,
            List::Addressee => 5,
            List::Stopword => 6,
            List::Exception => 7,
            List::Toxic(c) => 10 + c.index() as u16,
            List::Signal(s) => 20 + s.index() as u16,
            List::Topic(t) => 40 + t.index() as u16,
            List::Cue(c) => 70 + c as u16,
            List::Hate(h) => 150 + h as u16,
        }
    }

    /// The allowed weight range, inclusive.
    pub fn weight_range(self) -> (f32, f32) {
        match self {
            List::Sentiment => (-4.0, 4.0),
            List::Intensifier => (0.2, 2.0),
            List::Negator
            | List::Contrast
            | List::Addressee
            | List::Stopword
            | List::Exception
            | List::Cue(_) => (1.0, 1.0),
            List::Hate(HatePart::Group) => (0.25, 1.0),
            List::Hate(HatePart::Referrer) => (0.5, 1.0),
            List::Hate(
                HatePart::Predicate
                | HatePart::Predicative
                | HatePart::Wished
                | HatePart::Questioned,
            ) => (1.5, 3.0),
            List::Hate(_) => (1.0, 1.0),
            List::Irony | List::Toxic(_) | List::Signal(_) | List::Topic(_) => (0.5, 3.0),
        }
    }
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
    pub text: Box<str>,
    pub meta: PatternMeta,
}

/// A pattern with a gap (`bring* … um`): a head word, up to [`GAP_WORDS`] words of the same clause, and a tail
/// word that ends the clause — the German separable verb ("Ich bring euch alle um!") and its English kin
/// ("beat them all up"). Head and tail are folded; the head may end in `*`.
#[derive(Clone, Debug)]
pub struct Gapped {
    pub entry: u32,
    pub head: Box<str>,
    pub head_open: bool,
    pub tail: Box<str>,
}

/// The most words a gap (`…`) in a pattern spans.
pub const GAP_WORDS: usize = 4;

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

pub struct Lexicons {
    pub entries: Vec<Entry>,
    /// Folded single word → entry ids.
    pub words: FxHashMap<Box<str>, Box<[u32]>>,
    /// Whole-word phrases by their first two folded words (one lookup per stream word).
    pub phrases: FxHashMap<Box<str>, Box<[u32]>>,
    /// The phrases, indexed by the ids of [`Lexicons::phrases`].
    pub phrase_list: Vec<Phrase>,
    /// Starred patterns (word parts, `*idiot`, `kündig*`, also with spaces) over the folded token stream.
    pub automaton: AhoCorasick,
    pub patterns: Vec<PatternMeta>,
    /// Patterns with a gap, matched on tokens (see [`Gapped`]).
    pub gapped: Vec<Gapped>,
    /// Masked-word candidates: (folded core, entry) of single-word toxic entries, for `f*ck`-style lookups.
    pub toxic_words: Vec<(Box<str>, u32)>,
    /// Number words (`numbers.txt`, folded) and their values: in the token stream they are numbers like
    /// digits ("seit zehn Tagen" matches `seit <num> tagen`; "five stars" and "5 stars" match each other).
    pub number_words: FxHashMap<Box<str>, u32>,
    /// The numbers phrase patterns name by value (see [`PatternMeta::values`]).
    pub number_values: Vec<(u8, u32)>,
    pub errors: Vec<LexiconError>,
}

/// The number placeholder in patterns and its form in the token stream.
pub const NUM: &str = "0";

/// `de/numbers.txt`, `en/numbers.txt`: number words and their values (`zehn<TAB>10`).
fn is_numbers_file(path: &str) -> bool {
    path.ends_with("/numbers.txt")
}

static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| Lexicons::build(files::FILES));

/// The compiled-in lexicons, parsed on first use.
pub fn lexicons() -> &'static Lexicons {
    &LEXICONS
}

/// The compiled-in files, for validation and documentation.
pub fn files() -> &'static [(&'static str, &'static str)] {
    files::FILES
}

impl Lexicons {
    /// Parses and indexes `files` (path, contents). Invalid lines are skipped and listed in `errors`.
    pub fn build(files: &'static [(&'static str, &'static str)]) -> Lexicons {
        let mut entries: Vec<Entry> = Vec::new();
        // sized for every line, so that the tables never grow while they fill
        let lines: usize = files
            .iter()
            .map(|(_, c)| c.bytes().filter(|&b| b == b'\n').count())
            .sum();
        let mut words: FxHashMap<Box<str>, Box<[u32]>> =
            FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let mut starred_strings: Vec<String> = Vec::new();
        let mut phrases: FxHashMap<Box<str>, Box<[u32]>> =
            FxHashMap::with_capacity_and_hasher(lines / 2, Default::default());
        let mut phrase_list: Vec<Phrase> = Vec::new();
        let mut patterns: Vec<PatternMeta> = Vec::new();
        let mut gapped: Vec<Gapped> = Vec::new();
        let mut toxic_words = Vec::new();
        let mut errors = Vec::new();
        // duplicate check on a hash of (table, list, stars, folded core): no key strings kept
        let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
        // number words first: phrases of every other file read them as numbers
        let mut number_words: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut number_values: Vec<(u8, u32)> = Vec::new();
        for (path, contents) in files.iter().filter(|(p, _)| is_numbers_file(p)) {
            for (n, raw) in lines_of(contents).enumerate() {
                let line = raw.trim_end_matches('\r');
                if line.trim().is_empty() || line.trim_start().starts_with('#') {
                    continue;
                }
                let (word, value) = line.split_once('\t').unwrap_or((line, ""));
                let word = fold(word);
                let ok = !word.is_empty()
                    && !word.contains(' ')
                    && value.trim().parse::<u32>().is_ok_and(|v| {
                        number_words
                            .insert(word.clone().into_boxed_str(), v)
                            .is_none()
                    });
                if !ok {
                    errors.push(LexiconError {
                        file: path.to_string(),
                        line: n + 1,
                        message: format!(
                            "`{line}` is not one new number word, a TAB and its value"
                        ),
                    });
                }
            }
        }

        for (path, contents) in files {
            if is_numbers_file(path) {
                continue;
            }
            let (table, stem) = match path.split_once('/') {
                Some(("de", f)) => (Table::De, f),
                Some(("en", f)) => (Table::En, f),
                Some(("common", f)) => (Table::Common, f),
                _ => {
                    errors.push(LexiconError {
                        file: path.to_string(),
                        line: 0,
                        message: "not in de/, en/ or common/".into(),
                    });
                    continue;
                }
            };
            let stem = stem.trim_end_matches(".txt");
            let Some(list) = List::from_file_stem(stem) else {
                errors.push(LexiconError {
                    file: path.to_string(),
                    line: 0,
                    message: format!("unknown lexicon file name `{stem}`"),
                });
                continue;
            };
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
                    errors.push(err(format!("missing TAB and weight after `{pattern}`")));
                    continue;
                };
                let Ok(weight) = weight_s.trim().parse::<f32>() else {
                    errors.push(err(format!("weight `{weight_s}` is not a number")));
                    continue;
                };
                let (lo, hi) = list.weight_range();
                if !(lo..=hi).contains(&weight)
                    || weight == 0.0
                    || (list == List::Intensifier && weight == 1.0)
                {
                    errors.push(err(format!(
                        "weight {weight} outside {lo} … {hi} (or 0 / neutral)"
                    )));
                    continue;
                }
                // byte tests where the character is ASCII: this loop runs for every line at start-up
                let ascii = pattern.is_ascii();
                if pattern.trim() != pattern
                    || pattern.is_empty()
                    || pattern.as_bytes().windows(2).any(|w| w == b"  ")
                {
                    errors.push(err(format!("pattern `{pattern}` has stray spaces")));
                    continue;
                }
                if if ascii {
                    pattern.bytes().any(|b| b.is_ascii_uppercase())
                } else {
                    pattern.chars().any(char::is_uppercase)
                } {
                    errors.push(err(format!("pattern `{pattern}` is not lower case")));
                    continue;
                }
                if !ascii && pattern.contains('…') {
                    let (head, tail) = pattern.split_once(" … ").unwrap_or(("", ""));
                    let head_open = head.ends_with('*');
                    let head_core = fold(head.trim_end_matches('*'));
                    let tail_core = fold(tail);
                    let one_word = |w: &str| {
                        !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '-')
                    };
                    if !one_word(&head_core)
                        || !one_word(&tail_core)
                        || (head_open && head_core.chars().count() < 3)
                    {
                        errors.push(err(format!(
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
                        errors.push(err(format!(
                            "`{pattern}` duplicates line {first} after folding"
                        )));
                        continue;
                    }
                    let id = entries.len() as u32;
                    entries.push(Entry::new(table, list, pattern, path, weight, false));
                    gapped.push(Gapped {
                        entry: id,
                        head: head_core.into_boxed_str(),
                        head_open,
                        tail: tail_core.into_boxed_str(),
                    });
                    continue;
                }
                let open_start = pattern.starts_with('*');
                let open_end = pattern.ends_with('*') && pattern.len() > 1;
                let core_raw = pattern.trim_start_matches('*').trim_end_matches('*');
                if core_raw.as_bytes().contains(&b'*') {
                    errors.push(err(format!("`*` only at the ends of `{pattern}`")));
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
                let values_from = number_values.len() as u32;
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
                            number_values.push((k.min(255) as u8, v));
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
                let values = (values_from, number_values.len() as u32);
                let letters = || core.chars().filter(|c| c.is_alphanumeric()).count();
                if (open_start || open_end) && letters() < 3
                    || (open_start && open_end && letters() < 4)
                {
                    errors.push(err(format!("starred pattern `{pattern}` is too short")));
                    continue;
                }
                if core.is_empty() {
                    errors.push(err("empty pattern".into()));
                    continue;
                }
                // the numbers a phrase names by value are part of it ("1 stern" is not "0 sterne")
                let key = (
                    table as u8,
                    list.rank(),
                    open_start,
                    open_end,
                    core.as_str(),
                    &number_values[values.0 as usize..],
                );
                if let Some(first) = first_line(&mut seen, key, line_no) {
                    errors.push(err(format!(
                        "`{pattern}` duplicates line {first} after folding"
                    )));
                    continue;
                }
                let id = entries.len() as u32;
                let partial = open_start || open_end;
                entries.push(Entry::new(table, list, pattern, path, weight, partial));
                if !open_start && !open_end && !is_phrase {
                    if matches!(list, List::Toxic(_)) {
                        toxic_words.push((core.clone().into_boxed_str(), id));
                    }
                    add_id(&mut words, core, id);
                } else if !partial {
                    let meta = PatternMeta {
                        entry: id,
                        open_start,
                        open_end,
                        values,
                    };
                    let two = core
                        .match_indices(' ')
                        .nth(1)
                        .map_or(&*core, |(k, _)| &core[..k]);
                    add_id(&mut phrases, two, phrase_list.len() as u32);
                    phrase_list.push(Phrase {
                        text: core.into_boxed_str(),
                        meta,
                    });
                } else {
                    if matches!(list, List::Toxic(_)) && !is_phrase {
                        toxic_words.push((core.clone().into_boxed_str(), id));
                    }
                    starred_strings.push(core);
                    patterns.push(PatternMeta {
                        entry: id,
                        open_start,
                        open_end,
                        values,
                    });
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&starred_strings)
            .or_else(|_| AhoCorasick::new(Vec::<String>::new()))
            .unwrap_or_else(|_| unreachable_automaton());
        Lexicons {
            entries,
            words,
            phrases,
            phrase_list,
            automaton,
            patterns,
            gapped,
            toxic_words,
            number_words,
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

/// Adds `id` to the ids of `key` (most keys have one: one allocation each, none to spare).
fn add_id(map: &mut FxHashMap<Box<str>, Box<[u32]>>, key: impl Into<Box<str>>, id: u32) {
    match map.entry(key.into()) {
        std::collections::hash_map::Entry::Occupied(mut e) => {
            let mut more = std::mem::take(e.get_mut()).into_vec();
            more.push(id);
            *e.get_mut() = more.into_boxed_slice();
        }
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(Box::new([id]));
        }
    }
}

/// The lines of a lexicon file as [`str::lines`] cuts them, found byte by byte: faster than the general
/// searcher on lines this short, and every line of every file passes here at start-up.
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

#[cold]
fn unreachable_automaton() -> AhoCorasick {
    // An empty pattern set always builds; this path exists only to avoid a panic path in the type system.
    AhoCorasick::new(["\u{0}\u{0}never\u{0}"]).unwrap_or_else(|_| std::process::abort())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let g = &lex.gapped[0];
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
