//! Functional triage suite: minimal pairs, German and English, one file per phenomenon.
//!
//! Cases live in `tests/triage/<phenomenon>.tsv`, one per line (`#` comments and blank lines allowed):
//!
//! ```text
//! lang<TAB>level<TAB>channel<TAB>signals<TAB>text
//! ```
//!
//! - `lang`: `de` | `en`, passed as the language hint.
//! - `level`: `monitor` | `respond` | `escalate`.
//! - `channel`: `public` | `private` | `*` (any); always `*` when the level is `monitor`.
//! - `signals`: space-separated assertions, `+name` must be present, `-name` must be absent, `.` for none.
//!   Names are the serde names of [`Signal`] and of the toxicity [`Category`].
//! - `text`: the comment, literally (no tabs).
//!
//! `tests/triage/floors.tsv` (`phenomenon<TAB>min_pass_rate`) holds the minimum pass rate of every
//! phenomenon. The test fails when a phenomenon is below its floor or when any line is malformed.
//! Run `cargo test --test triage -- --nocapture` for the table and every failing case; the table is also
//! written as markdown to `<target dir>/triage-report.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use krisenradar::{Analysis, Category, Channel, Lang, Level, Options, Signal, analyze};

const FLOORS_FILE: &str = "floors.tsv";
const MIN_CASES: usize = 260;
const MIN_CASES_PER_LANG: usize = 130;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Name {
    Signal(Signal),
    Category(Category),
}

impl Name {
    fn parse(s: &str) -> Option<Name> {
        Signal::from_key(s).map(Name::Signal).or_else(|| {
            Category::ALL
                .into_iter()
                .find(|c| c.key() == s)
                .map(Name::Category)
        })
    }
    fn key(self) -> &'static str {
        match self {
            Name::Signal(s) => s.key(),
            Name::Category(c) => c.key(),
        }
    }
    fn holds(self, an: &Analysis) -> bool {
        match self {
            Name::Signal(s) => an.has_signal(s),
            Name::Category(c) => an.has_category(c),
        }
    }
}

#[derive(Debug)]
struct Case {
    phenomenon: String,
    /// `file:line`, for messages.
    at: String,
    lang: Lang,
    level: Level,
    channel: Option<Channel>,
    present: Vec<Name>,
    absent: Vec<Name>,
    text: String,
}

fn triage_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/triage")
}

fn parse_lang(s: &str) -> Option<Lang> {
    match s {
        "de" => Some(Lang::De),
        "en" => Some(Lang::En),
        _ => None,
    }
}

fn parse_level(s: &str) -> Option<Level> {
    match s {
        "monitor" => Some(Level::Monitor),
        "respond" => Some(Level::Respond),
        "escalate" => Some(Level::Escalate),
        _ => None,
    }
}

fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Public => "public",
        Channel::Private => "private",
    }
}

/// Parses one case line; `Err` names what is wrong.
fn parse_line(phenomenon: &str, at: String, line: &str) -> Result<Case, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 5 {
        return Err(format!(
            "expected 5 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let lang = parse_lang(cols[0]).ok_or_else(|| format!("bad lang {:?}", cols[0]))?;
    let level = parse_level(cols[1]).ok_or_else(|| format!("bad level {:?}", cols[1]))?;
    let channel = match cols[2] {
        "*" => None,
        "public" => Some(Channel::Public),
        "private" => Some(Channel::Private),
        other => return Err(format!("bad channel {other:?}")),
    };
    if level == Level::Monitor && channel.is_some() {
        return Err("channel must be `*` when the level is monitor".into());
    }
    let (mut present, mut absent) = (Vec::new(), Vec::new());
    if cols[3] != "." {
        for tok in cols[3].split(' ') {
            let (list, name) = if let Some(n) = tok.strip_prefix('+') {
                (&mut present, n)
            } else if let Some(n) = tok.strip_prefix('-') {
                (&mut absent, n)
            } else {
                return Err(format!("signal assertion {tok:?} must start with + or -"));
            };
            let name = Name::parse(name).ok_or_else(|| format!("unknown signal {name:?}"))?;
            list.push(name);
        }
    }
    if let Some(both) = present.iter().find(|n| absent.contains(n)) {
        return Err(format!("{} asserted both present and absent", both.key()));
    }
    let text = cols[4];
    if text.trim().is_empty() || text != text.trim() {
        return Err("text is empty or has surrounding whitespace".into());
    }
    Ok(Case {
        phenomenon: phenomenon.to_string(),
        at,
        lang,
        level,
        channel,
        present,
        absent,
        text: text.to_string(),
    })
}

/// Every case of every phenomenon file, plus every malformed line as `file:line: message`.
fn load_cases() -> (Vec<Case>, Vec<String>) {
    let dir = triage_dir();
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .filter(|p| p.file_name().is_some_and(|n| n != FLOORS_FILE))
        .collect();
    files.sort();
    let (mut cases, mut errors) = (Vec::new(), Vec::new());
    let mut seen: BTreeMap<(String, &'static str), String> = BTreeMap::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let phenomenon = name.trim_end_matches(".tsv").to_string();
        let body = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for (i, line) in body.lines().enumerate() {
            let at = format!("{name}:{}", i + 1);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(&phenomenon, at.clone(), line) {
                Ok(case) => {
                    let key = (case.text.clone(), case.lang.code());
                    if let Some(first) = seen.insert(key, at.clone()) {
                        errors.push(format!("{at}: duplicate of {first}"));
                    }
                    cases.push(case);
                }
                Err(msg) => errors.push(format!("{at}: {msg}")),
            }
        }
    }
    (cases, errors)
}

/// Floors per phenomenon, plus malformed lines.
fn load_floors() -> (BTreeMap<String, f64>, Vec<String>) {
    let path = triage_dir().join(FLOORS_FILE);
    let body =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let (mut floors, mut errors) = (BTreeMap::new(), Vec::new());
    for (i, line) in body.lines().enumerate() {
        let at = format!("{FLOORS_FILE}:{}", i + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let rate = (cols.len() == 2)
            .then(|| cols[1].parse::<f64>().ok())
            .flatten()
            .filter(|r| (0.0..=1.0).contains(r));
        match rate {
            Some(r) => {
                if floors.insert(cols[0].to_string(), r).is_some() {
                    errors.push(format!("{at}: duplicate floor for {}", cols[0]));
                }
            }
            None => errors.push(format!(
                "{at}: expected `phenomenon<TAB>rate` with a rate in [0, 1]"
            )),
        }
    }
    (floors, errors)
}

fn options(lang: Lang) -> Options {
    Options::default().with_lang_hint(Some(lang))
}

/// What went wrong with one case, or `None` when it passes.
fn check(case: &Case, an: &Analysis) -> Option<String> {
    let mut wrong = Vec::new();
    if an.criticality.level != case.level {
        wrong.push(format!(
            "level {} (want {})",
            an.criticality.level.key(),
            case.level.key()
        ));
    }
    if let Some(want) = case.channel
        && an.criticality.channel != want
    {
        wrong.push(format!(
            "channel {} (want {})",
            channel_key(an.criticality.channel),
            channel_key(want)
        ));
    }
    let missing: Vec<&str> = case
        .present
        .iter()
        .filter(|n| !n.holds(an))
        .map(|n| n.key())
        .collect();
    if !missing.is_empty() {
        wrong.push(format!("missing +{}", missing.join(" +")));
    }
    let extra: Vec<&str> = case
        .absent
        .iter()
        .filter(|n| n.holds(an))
        .map(|n| n.key())
        .collect();
    if !extra.is_empty() {
        wrong.push(format!("unwanted -{}", extra.join(" -")));
    }
    (!wrong.is_empty()).then(|| wrong.join("; "))
}

fn describe(an: &Analysis) -> String {
    let signals: Vec<&str> = an.signals.iter().map(|s| s.key()).collect();
    let cats: Vec<&str> = an.toxicity.categories.iter().map(|c| c.key()).collect();
    format!(
        "level={} channel={} score={} signals=[{}] categories=[{}]",
        an.criticality.level.key(),
        channel_key(an.criticality.channel),
        an.criticality.score,
        signals.join(" "),
        cats.join(" ")
    )
}

fn expectation(case: &Case) -> String {
    let mut parts: Vec<String> = case
        .present
        .iter()
        .map(|n| format!("+{}", n.key()))
        .collect();
    parts.extend(case.absent.iter().map(|n| format!("-{}", n.key())));
    format!(
        "level={} channel={} [{}]",
        case.level.key(),
        case.channel.map_or("*", channel_key),
        parts.join(" ")
    )
}

#[derive(Default, Clone, Copy)]
struct Tally {
    cases: usize,
    passed: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.cases += 1;
        self.passed += usize::from(ok);
    }
    fn rate(self) -> f64 {
        if self.cases == 0 {
            1.0
        } else {
            self.passed as f64 / self.cases as f64
        }
    }
}

/// `target/` (or `$CARGO_TARGET_DIR`): the test binary runs from `<target>/<profile>/deps/`.
fn target_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.to_path_buf())
}

#[test]
fn triage_cases_meet_their_floors() {
    let (cases, mut errors) = load_cases();
    let (floors, floor_errors) = load_floors();
    errors.extend(floor_errors);

    let phenomena: BTreeSet<&str> = cases.iter().map(|c| c.phenomenon.as_str()).collect();
    for p in &phenomena {
        if !floors.contains_key(*p) {
            errors.push(format!("{FLOORS_FILE}: no floor for phenomenon {p}"));
        }
    }
    for p in floors.keys() {
        if !phenomena.contains(p.as_str()) {
            errors.push(format!("{FLOORS_FILE}: floor for unknown phenomenon {p}"));
        }
    }

    let mut by_lang: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut total: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut failures: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for case in &cases {
        let an = analyze(&case.text, &options(case.lang));
        let verdict = check(case, &an);
        by_lang
            .entry((case.phenomenon.as_str(), case.lang.code()))
            .or_default()
            .add(verdict.is_none());
        total
            .entry(case.phenomenon.as_str())
            .or_default()
            .add(verdict.is_none());
        if let Some(why) = verdict {
            failures
                .entry(case.phenomenon.as_str())
                .or_default()
                .push(format!(
                    "  {} [{}] {}\n      want: {}\n      got:  {}\n      why:  {}",
                    case.at,
                    case.lang.code(),
                    case.text,
                    expectation(case),
                    describe(&an),
                    why
                ));
        }
    }

    let mut md = String::from(
        "| phenomenon | de cases | de passed | de rate | en cases | en passed | en rate | rate | floor |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut below = Vec::new();
    let mut all = Tally::default();
    for (p, t) in &total {
        let de = by_lang.get(&(*p, "de")).copied().unwrap_or_default();
        let en = by_lang.get(&(*p, "en")).copied().unwrap_or_default();
        let floor = floors.get(*p).copied().unwrap_or(1.0);
        all.cases += t.cases;
        all.passed += t.passed;
        let _ = writeln!(
            md,
            "| {p} | {} | {} | {:.0} % | {} | {} | {:.0} % | {:.0} % | {:.0} % |",
            de.cases,
            de.passed,
            de.rate() * 100.0,
            en.cases,
            en.passed,
            en.rate() * 100.0,
            t.rate() * 100.0,
            floor * 100.0
        );
        if t.rate() + 1e-9 < floor {
            below.push(format!(
                "{p}: pass rate {:.3} below floor {floor:.3}",
                t.rate()
            ));
        }
    }
    let sum = |lang: &str| {
        by_lang
            .iter()
            .filter(|((_, l), _)| *l == lang)
            .fold(Tally::default(), |acc, (_, t)| Tally {
                cases: acc.cases + t.cases,
                passed: acc.passed + t.passed,
            })
    };
    let (de, en) = (sum("de"), sum("en"));
    let _ = writeln!(
        md,
        "| **all** | {} | {} | {:.0} % | {} | {} | {:.0} % | {:.0} % | |",
        de.cases,
        de.passed,
        de.rate() * 100.0,
        en.cases,
        en.passed,
        en.rate() * 100.0,
        all.rate() * 100.0
    );

    println!("\nTriage suite ({} cases)\n\n{md}", all.cases);
    for (p, list) in &failures {
        println!("Failing cases: {p} ({})", list.len());
        for f in list {
            println!("{f}");
        }
        println!();
    }
    if let Some(dir) = target_dir() {
        let path = dir.join("triage-report.md");
        let doc = format!(
            "# Triage suite\n\n{} cases from `tests/triage/*.tsv`; rate = share of cases whose level, channel \
             and signal assertions all hold.\n\n{md}",
            all.cases
        );
        match fs::write(&path, doc) {
            Ok(()) => println!("Report written to {}", path.display()),
            Err(e) => println!("Could not write {}: {e}", path.display()),
        }
    }

    assert!(
        errors.is_empty(),
        "malformed triage data:\n{}",
        errors.join("\n")
    );
    assert!(below.is_empty(), "below floor:\n{}", below.join("\n"));
}

#[test]
fn triage_suite_is_large_and_bilingual() {
    let (cases, errors) = load_cases();
    assert!(
        errors.is_empty(),
        "malformed triage data:\n{}",
        errors.join("\n")
    );
    assert!(
        cases.len() >= MIN_CASES,
        "{} cases, want at least {MIN_CASES}",
        cases.len()
    );
    for lang in [Lang::De, Lang::En] {
        let n = cases.iter().filter(|c| c.lang == lang).count();
        assert!(
            n >= MIN_CASES_PER_LANG,
            "{n} {} cases, want at least {MIN_CASES_PER_LANG}",
            lang.code()
        );
    }
    let mut langs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in &cases {
        langs
            .entry(c.phenomenon.as_str())
            .or_default()
            .insert(c.lang.code());
    }
    for (p, ls) in &langs {
        assert!(
            ls.contains("de") && ls.contains("en"),
            "phenomenon {p} lacks a language: has {ls:?}"
        );
    }
}
