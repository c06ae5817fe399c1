//! Functional test suite for hate-speech detection, German and English.
//!
//! Each functionality (derogation, dehumanisation, threats, slurs, negation, counter-speech, abuse of
//! non-protected targets, …) is a set of templates expanded with target tables, all under `tests/hate/`:
//!
//! - `templates.tsv`: `lang  functionality  label  draft  targets  template` (see the file's header);
//! - `groups.tsv`: protected target groups, `nonprotected.tsv`: occupations, fans, customers of another company
//!   (both `lang  group_id  part  kind  singular  plural  adjective  indef  plural_det  dative`);
//! - `slurs.tsv`: slurs aimed at a group of `groups.tsv` (`lang  group_id  singular  plural  indef`);
//! - `floors.tsv`: `lang  view  label  part  floor`, the minimum accuracy per language, view, label and part.
//!
//! Every expanded case is judged twice:
//!
//! - **comment view**: `analyze` on the text; the prediction "hateful" is `IdentityAttack` among the toxicity
//!   categories, and it must match the label;
//! - **draft view**: `lint_reply` on the text as a reply draft; the prediction "do not post" is
//!   `Verdict::DoNotPost`, and it must match the `draft` column (`*` = not scored).
//!
//! Every case belongs to part A or B (the part of its target group; templates without a target alternate).
//! Errors are read on part A only, part B confirms: `HATE_ERRORS=A cargo test --test hate -- --nocapture`
//! prints the failing cases of part A; `HATE_CASES=1` lists every expanded case. The table is printed and
//! written to `<target dir>/hate-report.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use krisenradar::reply::{ReplyContext, ReplyReview, Verdict, lint_reply};
use krisenradar::{Analysis, Category, Facet, Options, analyze};

const TEMPLATES_FILE: &str = "templates.tsv";
const GROUPS_FILE: &str = "groups.tsv";
const NONPROTECTED_FILE: &str = "nonprotected.tsv";
const SLURS_FILE: &str = "slurs.tsv";
const FLOORS_FILE: &str = "floors.tsv";

const TARGET_COLUMNS: [&str; 10] = [
    "lang",
    "group_id",
    "part",
    "kind",
    "singular",
    "plural",
    "adjective",
    "indef",
    "plural_det",
    "dative",
];
const SLUR_COLUMNS: [&str; 5] = ["lang", "group_id", "singular", "plural", "indef"];
const TEMPLATE_COLUMNS: [&str; 6] = [
    "lang",
    "functionality",
    "label",
    "draft",
    "targets",
    "template",
];
const FLOOR_COLUMNS: [&str; 5] = ["lang", "view", "label", "part", "floor"];
/// Columns of a target row that templates may use as placeholders.
const PLACEHOLDER_COLUMNS: [&str; 6] = [
    "singular",
    "plural",
    "adjective",
    "indef",
    "plural_det",
    "dative",
];

const LANGS: [Language; 2] = [Language::De, Language::En];
const MIN_FUNCTIONALITIES: usize = 30;
const MIN_CASES_PER_FUNCTIONALITY: usize = 20;
const MIN_GROUPS: usize = 10;
const MIN_NONPROTECTED: usize = 8;

/// The language of a case (the analyser is not told; it detects the language itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Language {
    De,
    En,
}

impl Language {
    const fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Part {
    A,
    B,
}

impl Part {
    fn parse(s: &str) -> Option<Part> {
        match s {
            "A" => Some(Part::A),
            "B" => Some(Part::B),
            _ => None,
        }
    }
    const fn key(self) -> &'static str {
        match self {
            Part::A => "A",
            Part::B => "B",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Label {
    Hateful,
    NonHateful,
}

impl Label {
    fn parse(s: &str) -> Option<Label> {
        match s {
            "hateful" => Some(Label::Hateful),
            "non-hateful" => Some(Label::NonHateful),
            _ => None,
        }
    }
    const fn key(self) -> &'static str {
        match self {
            Label::Hateful => "hateful",
            Label::NonHateful => "non-hateful",
        }
    }
}

/// What the reply linter must say about the text as a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DraftWant {
    DoNotPost,
    Postable,
    Any,
}

impl DraftWant {
    fn parse(s: &str) -> Option<DraftWant> {
        match s {
            "do_not_post" => Some(DraftWant::DoNotPost),
            "postable" => Some(DraftWant::Postable),
            "*" => Some(DraftWant::Any),
            _ => None,
        }
    }
    const fn key(self) -> &'static str {
        match self {
            DraftWant::DoNotPost => "do_not_post",
            DraftWant::Postable => "postable",
            DraftWant::Any => "*",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Targets {
    Groups,
    NonProtected,
    Slurs,
    None,
}

impl Targets {
    fn parse(s: &str) -> Option<Targets> {
        match s {
            "groups" => Some(Targets::Groups),
            "nonprotected" => Some(Targets::NonProtected),
            "slurs" => Some(Targets::Slurs),
            "none" => Some(Targets::None),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum View {
    Comment,
    Draft,
}

impl View {
    const ALL: [View; 2] = [View::Comment, View::Draft];
    fn parse(s: &str) -> Option<View> {
        match s {
            "comment" => Some(View::Comment),
            "draft" => Some(View::Draft),
            _ => None,
        }
    }
    const fn key(self) -> &'static str {
        match self {
            View::Comment => "comment",
            View::Draft => "draft",
        }
    }
}

/// One row of `groups.tsv`, `nonprotected.tsv` or `slurs.tsv`.
#[derive(Clone, Debug)]
struct Target {
    lang: Language,
    group_id: String,
    part: Part,
    /// Placeholder column → value.
    fields: BTreeMap<String, String>,
}

#[derive(Clone, Debug)]
struct Template {
    at: String,
    lang: Language,
    functionality: String,
    label: Label,
    draft: DraftWant,
    targets: Targets,
    text: String,
}

#[derive(Clone, Debug)]
struct Case {
    /// `templates.tsv:line`.
    at: String,
    lang: Language,
    functionality: String,
    label: Label,
    draft: DraftWant,
    part: Part,
    /// The group or target id, `-` for templates without a target.
    target: String,
    text: String,
}

/// Everything under `tests/hate/`, expanded, with every problem found on the way.
struct Suite {
    groups: Vec<Target>,
    nonprotected: Vec<Target>,
    slurs: Vec<Target>,
    templates: Vec<Template>,
    cases: Vec<Case>,
    /// Functionalities in file order.
    functionalities: Vec<String>,
    floors: BTreeMap<(Language, View, Label, Part), f64>,
    errors: Vec<String>,
}

fn hate_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hate")
}

fn parse_lang(s: &str) -> Option<Language> {
    match s {
        "de" => Some(Language::De),
        "en" => Some(Language::En),
        _ => None,
    }
}

/// Rows of a TSV file with a header line (`#` comments and blank lines skipped), as `(file:line, columns)`.
/// A header other than `columns` or a row with the wrong number of columns is an error.
fn read_table(
    file: &str,
    columns: &[&str],
    errors: &mut Vec<String>,
) -> Vec<(String, Vec<String>)> {
    let path = hate_dir().join(file);
    let body =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut rows = Vec::new();
    let mut header_seen = false;
    for (i, line) in body.lines().enumerate() {
        let at = format!("{file}:{}", i + 1);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
        if !header_seen {
            header_seen = true;
            if cols != columns {
                errors.push(format!(
                    "{at}: header {cols:?}, want {:?}",
                    columns.join("\\t")
                ));
            }
            continue;
        }
        if cols.len() != columns.len() {
            errors.push(format!(
                "{at}: expected {} tab-separated columns, found {}",
                columns.len(),
                cols.len()
            ));
            continue;
        }
        if let Some(c) = cols.iter().find(|c| c.is_empty() || c.trim() != c.as_str()) {
            errors.push(format!(
                "{at}: empty column or surrounding whitespace: {c:?}"
            ));
            continue;
        }
        rows.push((at, cols));
    }
    if !header_seen {
        errors.push(format!("{file}: no header line"));
    }
    rows
}

/// `groups.tsv` or `nonprotected.tsv`.
fn load_targets(file: &str, errors: &mut Vec<String>) -> Vec<Target> {
    let mut out = Vec::new();
    for (at, cols) in read_table(file, &TARGET_COLUMNS, errors) {
        let (Some(lang), Some(part)) = (parse_lang(&cols[0]), Part::parse(&cols[2])) else {
            errors.push(format!(
                "{at}: bad lang {:?} or part {:?}",
                cols[0], cols[2]
            ));
            continue;
        };
        let fields = TARGET_COLUMNS
            .iter()
            .zip(&cols)
            .filter(|(name, _)| PLACEHOLDER_COLUMNS.contains(name))
            .map(|(name, v)| (name.to_string(), v.clone()))
            .collect();
        out.push(Target {
            lang,
            group_id: cols[1].clone(),
            part,
            fields,
        });
    }
    let mut seen = BTreeSet::new();
    for t in &out {
        if !seen.insert((t.lang, t.group_id.clone())) {
            errors.push(format!(
                "{file}: duplicate {} {}",
                t.lang.code(),
                t.group_id
            ));
        }
    }
    out
}

/// `slurs.tsv`; the part of a slur is the part of its group.
fn load_slurs(groups: &[Target], errors: &mut Vec<String>) -> Vec<Target> {
    let mut out = Vec::new();
    for (at, cols) in read_table(SLURS_FILE, &SLUR_COLUMNS, errors) {
        let Some(lang) = parse_lang(&cols[0]) else {
            errors.push(format!("{at}: bad lang {:?}", cols[0]));
            continue;
        };
        let Some(group) = groups
            .iter()
            .find(|g| g.lang == lang && g.group_id == cols[1])
        else {
            errors.push(format!("{at}: unknown group {:?}", cols[1]));
            continue;
        };
        let fields = SLUR_COLUMNS[2..]
            .iter()
            .zip(&cols[2..])
            .map(|(name, v)| (name.to_string(), v.clone()))
            .collect();
        out.push(Target {
            lang,
            group_id: cols[1].clone(),
            part: group.part,
            fields,
        });
    }
    out
}

fn load_templates(errors: &mut Vec<String>) -> Vec<Template> {
    let mut out = Vec::new();
    for (at, cols) in read_table(TEMPLATES_FILE, &TEMPLATE_COLUMNS, errors) {
        let lang = parse_lang(&cols[0]);
        let label = Label::parse(&cols[2]);
        let draft = DraftWant::parse(&cols[3]);
        let targets = Targets::parse(&cols[4]);
        let (Some(lang), Some(label), Some(draft), Some(targets)) = (lang, label, draft, targets)
        else {
            errors.push(format!(
                "{at}: bad lang, label, draft or targets: {:?}",
                &cols[..5]
            ));
            continue;
        };
        if label == Label::Hateful && draft != DraftWant::DoNotPost {
            errors.push(format!(
                "{at}: a hateful case must be do_not_post as a draft"
            ));
        }
        out.push(Template {
            at,
            lang,
            functionality: cols[1].clone(),
            label,
            draft,
            targets,
            text: cols[5].clone(),
        });
    }
    out
}

fn load_floors(errors: &mut Vec<String>) -> BTreeMap<(Language, View, Label, Part), f64> {
    let mut floors = BTreeMap::new();
    for (at, cols) in read_table(FLOORS_FILE, &FLOOR_COLUMNS, errors) {
        let key = (
            parse_lang(&cols[0]),
            View::parse(&cols[1]),
            Label::parse(&cols[2]),
            Part::parse(&cols[3]),
        );
        let floor = cols[4]
            .parse::<f64>()
            .ok()
            .filter(|f| (0.0..=1.0).contains(f));
        match (key, floor) {
            ((Some(l), Some(v), Some(lb), Some(p)), Some(f)) => {
                if floors.insert((l, v, lb, p), f).is_some() {
                    errors.push(format!("{at}: duplicate floor"));
                }
            }
            _ => errors.push(format!(
                "{at}: expected `de|en  comment|draft  hateful|non-hateful  A|B  floor in [0, 1]`"
            )),
        }
    }
    for lang in LANGS {
        for view in View::ALL {
            for label in [Label::Hateful, Label::NonHateful] {
                for part in [Part::A, Part::B] {
                    if !floors.contains_key(&(lang, view, label, part)) {
                        errors.push(format!(
                            "{FLOORS_FILE}: no floor for {} {} {} {}",
                            lang.code(),
                            view.key(),
                            label.key(),
                            part.key()
                        ));
                    }
                }
            }
        }
    }
    floors
}

const fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'ä'
            | 'ö'
            | 'ü'
            | 'A'
            | 'E'
            | 'I'
            | 'O'
            | 'U'
            | 'Ä'
            | 'Ö'
            | 'Ü'
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A spelling transform of a placeholder value: how people misspell or disguise a word.
fn transform(value: &str, name: &str) -> Result<String, String> {
    let chars: Vec<char> = value.chars().collect();
    let out: String = match name {
        // A typo: the last vowel that is neither the first nor the last letter goes missing (Muslme, Judn).
        "drop" => {
            let n = chars.len();
            let Some(i) = (1..n.saturating_sub(1))
                .rev()
                .find(|&i| is_vowel(chars[i]) && chars[i - 1] != ' ' && chars[i + 1] != ' ')
            else {
                return Err(format!("no letter to drop in {value:?}"));
            };
            chars
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| c)
                .collect()
        }
        // Two neighbouring letters in the middle of the longest word swapped (Mulsime).
        "swap" => {
            let mut words: Vec<Vec<char>> = value.split(' ').map(|w| w.chars().collect()).collect();
            // The longest word, the last one on a tie (the noun in "gay men"); never its first letter.
            let longest = (0..words.len())
                .max_by_key(|&i| words[i].len())
                .unwrap_or(0);
            let w = &mut words[longest];
            let j = (w.len() / 2).max(2);
            if w.len() < 3 || w[j - 1] == w[j] {
                return Err(format!("no letters to swap in {value:?}"));
            }
            w.swap(j - 1, j);
            words
                .iter()
                .map(|w| w.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" ")
        }
        // The first vowel stretched to three (Muuuslime).
        "stretch" => {
            let Some(i) = chars.iter().position(|&c| is_vowel(c)) else {
                return Err(format!("no vowel to stretch in {value:?}"));
            };
            let extra: String = chars[i].to_lowercase().collect();
            let mut s: String = chars[..=i].iter().collect();
            s.push_str(&extra);
            s.push_str(&extra);
            s.extend(&chars[i + 1..]);
            s
        }
        // Digits for letters (Mu5l1m3 style): a 4, e 3, i 1, o 0, s 5.
        "leet" => chars
            .iter()
            .map(|&c| match c {
                's' | 'S' => '5',
                'a' | 'A' => '4',
                'e' | 'E' => '3',
                'i' | 'I' => '1',
                'o' | 'O' => '0',
                c => c,
            })
            .collect(),
        // The first vowel after the first letter replaced by an asterisk (N*ger style).
        "vowel" => {
            let Some(i) = (1..chars.len()).find(|&i| is_vowel(chars[i])) else {
                return Err(format!("no vowel to mask in {value:?}"));
            };
            let mut c = chars.clone();
            c[i] = '*';
            c.into_iter().collect()
        }
        // Everything but the first and last letter of each word masked (K*****n).
        "mask" => value
            .split(' ')
            .map(|w| {
                let c: Vec<char> = w.chars().collect();
                if c.len() < 3 {
                    return w.to_string();
                }
                let mut s = String::new();
                s.push(c[0]);
                s.extend(std::iter::repeat_n('*', c.len() - 2));
                s.push(c[c.len() - 1]);
                s
            })
            .collect::<Vec<_>>()
            .join(" "),
        // Letters spaced out (K a n a k e n); words apart by three spaces.
        "spaced" => value
            .split(' ')
            .map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("   "),
        other => return Err(format!("unknown transform {other:?}")),
    };
    if out == value {
        return Err(format!("transform {name} leaves {value:?} unchanged"));
    }
    Ok(out)
}

/// Placeholder names of a template, as written between braces.
fn placeholders(template: &str) -> Vec<&str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// Fills `{name}`, `{Name}` and `{name:transform}` from `fields`; every placeholder must be known.
fn fill(template: &str, fields: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| "unclosed `{`".to_string())?;
        let spec = &after[..close];
        let (name, how) = match spec.split_once(':') {
            Some((n, t)) => (n, Some(t)),
            None => (spec, None),
        };
        let value = if let Some(v) = fields.get(name) {
            v.clone()
        } else {
            let lower = {
                let mut c = name.chars();
                c.next()
                    .map(|f| f.to_lowercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            };
            let is_cap = name.chars().next().is_some_and(char::is_uppercase);
            match fields.get(&lower) {
                Some(v) if is_cap => capitalise(v),
                _ => return Err(format!("placeholder {{{spec}}} not filled by this target")),
            }
        };
        let value = match how {
            Some(t) => transform(&value, t)?,
            None => value,
        };
        out.push_str(&value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    if out.contains('{') || out.contains('}') {
        return Err("stray brace".into());
    }
    Ok(out)
}

fn expand(
    templates: &[Template],
    groups: &[Target],
    nonprotected: &[Target],
    slurs: &[Target],
    errors: &mut Vec<String>,
) -> Vec<Case> {
    let mut cases = Vec::new();
    // Templates without a target alternate A, B, A, … within their language and functionality.
    let mut untargeted: BTreeMap<(Language, String), usize> = BTreeMap::new();
    for t in templates {
        let holes = placeholders(&t.text);
        let rows: Vec<&Target> = match t.targets {
            Targets::Groups => groups.iter().filter(|g| g.lang == t.lang).collect(),
            Targets::NonProtected => nonprotected.iter().filter(|g| g.lang == t.lang).collect(),
            Targets::Slurs => slurs.iter().filter(|g| g.lang == t.lang).collect(),
            Targets::None => {
                if !holes.is_empty() || t.text.contains('{') || t.text.contains('}') {
                    errors.push(format!("{}: targets none but has placeholders", t.at));
                    continue;
                }
                let n = untargeted
                    .entry((t.lang, t.functionality.clone()))
                    .or_default();
                let part = if (*n).is_multiple_of(2) {
                    Part::A
                } else {
                    Part::B
                };
                *n += 1;
                cases.push(Case {
                    at: t.at.clone(),
                    lang: t.lang,
                    functionality: t.functionality.clone(),
                    label: t.label,
                    draft: t.draft,
                    part,
                    target: "-".into(),
                    text: t.text.clone(),
                });
                continue;
            }
        };
        if holes.is_empty() {
            errors.push(format!(
                "{}: a targeted template without placeholders",
                t.at
            ));
            continue;
        }
        if rows.is_empty() {
            errors.push(format!("{}: no targets for {}", t.at, t.lang.code()));
        }
        for row in rows {
            match fill(&t.text, &row.fields) {
                Ok(text) => cases.push(Case {
                    at: t.at.clone(),
                    lang: t.lang,
                    functionality: t.functionality.clone(),
                    label: t.label,
                    draft: t.draft,
                    part: row.part,
                    target: row.group_id.clone(),
                    text,
                }),
                Err(e) => errors.push(format!("{} with {}: {e}", t.at, row.group_id)),
            }
        }
    }
    cases
}

fn load_suite() -> Suite {
    let mut errors = Vec::new();
    let groups = load_targets(GROUPS_FILE, &mut errors);
    let nonprotected = load_targets(NONPROTECTED_FILE, &mut errors);
    let slurs = load_slurs(&groups, &mut errors);
    let templates = load_templates(&mut errors);
    let floors = load_floors(&mut errors);
    let cases = expand(&templates, &groups, &nonprotected, &slurs, &mut errors);
    let mut functionalities: Vec<String> = Vec::new();
    for t in &templates {
        if !functionalities.contains(&t.functionality) {
            functionalities.push(t.functionality.clone());
        }
    }
    Suite {
        groups,
        nonprotected,
        slurs,
        templates,
        cases,
        functionalities,
        floors,
        errors,
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    cases: usize,
    correct: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.cases += 1;
        self.correct += usize::from(ok);
    }
    fn merge(self, other: Tally) -> Tally {
        Tally {
            cases: self.cases + other.cases,
            correct: self.correct + other.correct,
        }
    }
    fn rate(self) -> Option<f64> {
        (self.cases > 0).then(|| self.correct as f64 / self.cases as f64)
    }
    fn percent(self) -> String {
        self.rate()
            .map_or_else(|| "–".to_string(), |r| format!("{:.0} %", r * 100.0))
    }
}

/// The judgement of one case in both views; `None` in the draft view when it is not scored.
struct Outcome {
    comment_ok: bool,
    draft_ok: Option<bool>,
    analysis: Analysis,
    review: ReplyReview,
}

fn judge(case: &Case) -> Outcome {
    let analysis = analyze(&case.text, &Options::default());
    let review = lint_reply(&case.text, &ReplyContext::default());
    let hateful = analysis.has_category(Category::IdentityAttack);
    let do_not_post = review.verdict == Verdict::DoNotPost;
    let comment_ok = hateful == (case.label == Label::Hateful);
    let draft_ok = match case.draft {
        DraftWant::DoNotPost => Some(do_not_post),
        DraftWant::Postable => Some(!do_not_post),
        DraftWant::Any => None,
    };
    Outcome {
        comment_ok,
        draft_ok,
        analysis,
        review,
    }
}

fn describe_comment(an: &Analysis) -> String {
    let cats: Vec<&str> = an.toxicity.categories.iter().map(|c| c.key()).collect();
    let evidence: Vec<String> = an
        .evidence
        .iter()
        .filter(|e| matches!(e.facet, Facet::Toxic(_) | Facet::Modifier(_)))
        .map(|e| format!("{} {:+.2}", e.id, e.weight))
        .collect();
    format!(
        "lang={} toxicity={:.2} categories=[{}] evidence=[{}]",
        an.lang.code.code(),
        an.toxicity.score,
        cats.join(" "),
        evidence.join(", ")
    )
}

fn describe_draft(review: &ReplyReview) -> String {
    let lints: Vec<String> = review
        .lints
        .iter()
        .map(|l| format!("{}({})", l.rule, l.severity.key()))
        .collect();
    format!(
        "verdict={} lints=[{}]",
        review.verdict.key(),
        lints.join(" ")
    )
}

/// `$CARGO_TARGET_DIR` (relative to the package) or `target/`.
fn target_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

type Key<'a> = (Language, &'a str, View, Part);

fn sum<'a>(tallies: &BTreeMap<Key<'a>, Tally>, keep: impl Fn(&Key<'a>) -> bool) -> Tally {
    tallies
        .iter()
        .filter(|(k, _)| keep(k))
        .fold(Tally::default(), |acc, (_, t)| acc.merge(*t))
}

fn report(suite: &Suite, tallies: &BTreeMap<Key<'_>, Tally>) -> String {
    let labels: BTreeMap<&str, Label> = suite
        .templates
        .iter()
        .map(|t| (t.functionality.as_str(), t.label))
        .collect();
    let label_of = |f: &str| labels.get(f).copied().unwrap_or(Label::NonHateful);
    let count = |lang: Language| suite.cases.iter().filter(|c| c.lang == lang).count();

    let mut md = format!(
        "# Hate-speech functional suite\n\n{} cases (de {}, en {}) from `tests/hate/`. Comment view: \
         `IdentityAttack` predicted iff the label is hateful. Draft view: the reply linter says `do_not_post` iff \
         the case's draft column says so (cases marked `*` are not scored). Accuracy = share of cases judged \
         right; part A = errors read, part B = held out.\n\n",
        suite.cases.len(),
        count(Language::De),
        count(Language::En)
    );
    md.push_str(
        "## By language, view, label and part\n\n\
         | lang | view | label | part | cases | correct | accuracy | floor |\n\
         |---|---|---|---|---:|---:|---:|---:|\n",
    );
    for lang in LANGS {
        for view in View::ALL {
            for label in [Label::Hateful, Label::NonHateful] {
                for part in [Some(Part::A), Some(Part::B), None] {
                    let t = sum(tallies, |(l, f, v, p)| {
                        *l == lang
                            && *v == view
                            && label_of(f) == label
                            && part.is_none_or(|x| x == *p)
                    });
                    let floor = part
                        .and_then(|p| suite.floors.get(&(lang, view, label, p)))
                        .map_or_else(String::new, |f| format!("{:.0} %", f * 100.0));
                    let _ = writeln!(
                        md,
                        "| {} | {} | {} | {} | {} | {} | {} | {floor} |",
                        lang.code(),
                        view.key(),
                        label.key(),
                        part.map_or("all", Part::key),
                        t.cases,
                        t.correct,
                        t.percent()
                    );
                }
            }
        }
    }
    md.push_str(
        "\n## By functionality\n\nEach accuracy cell: all (part A / part B).\n\n\
         | functionality | label | de cases | de comment | de draft | en cases | en comment | en draft |\n\
         |---|---|---:|---:|---:|---:|---:|---:|\n",
    );
    let cell = |lang: Language, f: &str, view: View| {
        let all = sum(tallies, |k| k.0 == lang && k.1 == f && k.2 == view);
        let a = sum(tallies, |k| {
            k.0 == lang && k.1 == f && k.2 == view && k.3 == Part::A
        });
        let b = sum(tallies, |k| {
            k.0 == lang && k.1 == f && k.2 == view && k.3 == Part::B
        });
        if all.cases == 0 {
            "–".to_string()
        } else {
            format!("{} ({} / {})", all.percent(), a.percent(), b.percent())
        }
    };
    for f in &suite.functionalities {
        let n = |lang: Language| {
            suite
                .cases
                .iter()
                .filter(|c| c.lang == lang && &c.functionality == f)
                .count()
        };
        let _ = writeln!(
            md,
            "| {f} | {} | {} | {} | {} | {} | {} | {} |",
            label_of(f).key(),
            n(Language::De),
            cell(Language::De, f, View::Comment),
            cell(Language::De, f, View::Draft),
            n(Language::En),
            cell(Language::En, f, View::Comment),
            cell(Language::En, f, View::Draft)
        );
    }
    md
}

#[test]
fn hate_suite_is_well_formed() {
    let suite = load_suite();
    let mut problems = suite.errors.clone();

    // The same groups and non-protected targets, in the same parts, in both languages.
    for (name, table, min) in [
        (GROUPS_FILE, &suite.groups, MIN_GROUPS),
        (NONPROTECTED_FILE, &suite.nonprotected, MIN_NONPROTECTED),
    ] {
        let by_lang = |lang: Language| -> BTreeSet<(&str, Part)> {
            table
                .iter()
                .filter(|t| t.lang == lang)
                .map(|t| (t.group_id.as_str(), t.part))
                .collect()
        };
        let (de, en) = (by_lang(Language::De), by_lang(Language::En));
        if de != en {
            problems.push(format!(
                "{name}: groups or parts differ between de and en: {:?}",
                de.symmetric_difference(&en).collect::<Vec<_>>()
            ));
        }
        for lang in LANGS {
            let ids = by_lang(lang);
            if ids.len() < min {
                problems.push(format!(
                    "{name}: {} {} rows, want at least {min}",
                    ids.len(),
                    lang.code()
                ));
            }
            for part in [Part::A, Part::B] {
                if !ids.iter().any(|(_, p)| *p == part) {
                    problems.push(format!(
                        "{name}: no {} row in part {}",
                        lang.code(),
                        part.key()
                    ));
                }
            }
        }
    }
    for lang in LANGS {
        if !suite.slurs.iter().any(|s| s.lang == lang) {
            problems.push(format!("{SLURS_FILE}: no {} slurs", lang.code()));
        }
    }

    // Functionalities: enough, the same in both languages, one label each.
    let mut per_lang: BTreeMap<Language, BTreeSet<&str>> = BTreeMap::new();
    let mut label_of: BTreeMap<&str, BTreeSet<Label>> = BTreeMap::new();
    for t in &suite.templates {
        per_lang
            .entry(t.lang)
            .or_default()
            .insert(t.functionality.as_str());
        label_of
            .entry(t.functionality.as_str())
            .or_default()
            .insert(t.label);
    }
    for lang in LANGS {
        let n = per_lang.get(&lang).map_or(0, BTreeSet::len);
        if n < MIN_FUNCTIONALITIES {
            problems.push(format!(
                "{} has {n} functionalities, want at least {MIN_FUNCTIONALITIES}",
                lang.code()
            ));
        }
    }
    let (de, en) = (
        per_lang.get(&Language::De).cloned().unwrap_or_default(),
        per_lang.get(&Language::En).cloned().unwrap_or_default(),
    );
    if de != en {
        problems.push(format!(
            "functionalities differ between de and en: {:?}",
            de.symmetric_difference(&en).collect::<Vec<_>>()
        ));
    }
    for (f, labels) in &label_of {
        if labels.len() != 1 {
            problems.push(format!("{f}: more than one label {labels:?}"));
        }
    }
    let hateful = label_of
        .values()
        .filter(|l| l.contains(&Label::Hateful))
        .count();
    if hateful < 10 || label_of.len() - hateful < 10 {
        problems.push(format!(
            "want at least 10 hateful and 10 non-hateful functionalities, have {hateful} and {}",
            label_of.len() - hateful
        ));
    }

    // Cases: enough per functionality and language, both parts present, no duplicates, no holes left.
    let mut counts: BTreeMap<(Language, &str), (usize, BTreeSet<Part>)> = BTreeMap::new();
    let mut seen: BTreeMap<(Language, &str), &str> = BTreeMap::new();
    for c in &suite.cases {
        let e = counts
            .entry((c.lang, c.functionality.as_str()))
            .or_default();
        e.0 += 1;
        e.1.insert(c.part);
        if let Some(first) = seen.insert((c.lang, c.text.as_str()), c.at.as_str()) {
            problems.push(format!(
                "{} ({}): duplicate case {:?}, first from {first}",
                c.at, c.target, c.text
            ));
        }
        if c.text.contains('{') || c.text.contains('}') || c.text.contains('\t') {
            problems.push(format!("{}: unfilled placeholder in {:?}", c.at, c.text));
        }
        if c.text != c.text.trim() || (c.text.contains("  ") && !c.text.contains("   ")) {
            problems.push(format!("{}: stray whitespace in {:?}", c.at, c.text));
        }
    }
    for ((lang, f), (n, parts)) in &counts {
        if *n < MIN_CASES_PER_FUNCTIONALITY {
            problems.push(format!(
                "{} {f}: {n} cases, want at least {MIN_CASES_PER_FUNCTIONALITY}",
                lang.code()
            ));
        }
        if parts.len() != 2 {
            problems.push(format!("{} {f}: cases only in part {parts:?}", lang.code()));
        }
    }

    assert!(
        problems.is_empty(),
        "hate suite is malformed:\n{}",
        problems.join("\n")
    );
}

#[test]
fn hate_cases_meet_their_floors() {
    let suite = load_suite();
    let show = std::env::var("HATE_ERRORS")
        .ok()
        .and_then(|p| Part::parse(p.trim()));

    let mut tallies: BTreeMap<Key<'_>, Tally> = BTreeMap::new();
    let mut failures: BTreeMap<(Language, &str), Vec<String>> = BTreeMap::new();
    for case in &suite.cases {
        let out = judge(case);
        tallies
            .entry((
                case.lang,
                case.functionality.as_str(),
                View::Comment,
                case.part,
            ))
            .or_default()
            .add(out.comment_ok);
        if let Some(ok) = out.draft_ok {
            tallies
                .entry((
                    case.lang,
                    case.functionality.as_str(),
                    View::Draft,
                    case.part,
                ))
                .or_default()
                .add(ok);
        }
        if show != Some(case.part) {
            continue;
        }
        let list = failures
            .entry((case.lang, case.functionality.as_str()))
            .or_default();
        if !out.comment_ok {
            list.push(format!(
                "  {} [{} {}] comment, want {}: {}\n      got: {}",
                case.at,
                case.lang.code(),
                case.target,
                case.label.key(),
                case.text,
                describe_comment(&out.analysis)
            ));
        }
        if out.draft_ok == Some(false) {
            list.push(format!(
                "  {} [{} {}] draft, want {}: {}\n      got: {}",
                case.at,
                case.lang.code(),
                case.target,
                case.draft.key(),
                case.text,
                describe_draft(&out.review)
            ));
        }
    }

    if std::env::var_os("HATE_CASES").is_some() {
        for c in &suite.cases {
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                c.lang.code(),
                c.functionality,
                c.label.key(),
                c.part.key(),
                c.target,
                c.text
            );
        }
    }
    let md = report(&suite, &tallies);
    println!("\n{md}");
    if let Some(part) = show {
        for ((lang, f), list) in &failures {
            if list.is_empty() {
                continue;
            }
            println!(
                "Failing cases, part {}: {} {f} ({})",
                part.key(),
                lang.code(),
                list.len()
            );
            for line in list {
                println!("{line}");
            }
            println!();
        }
    }
    let dir = target_dir();
    let path = dir.join("hate-report.md");
    match fs::create_dir_all(&dir).and_then(|()| fs::write(&path, &md)) {
        Ok(()) => println!("Report written to {}", path.display()),
        Err(e) => println!("Could not write {}: {e}", path.display()),
    }

    assert!(
        suite.errors.is_empty(),
        "malformed hate suite:\n{}",
        suite.errors.join("\n")
    );
    let labels: BTreeMap<&str, Label> = suite
        .templates
        .iter()
        .map(|t| (t.functionality.as_str(), t.label))
        .collect();
    let mut below = Vec::new();
    for (&(lang, view, label, part), &floor) in &suite.floors {
        let t = sum(&tallies, |(l, f, v, p)| {
            *l == lang && *v == view && *p == part && labels.get(f) == Some(&label)
        });
        let rate = t.rate().unwrap_or(1.0);
        if rate + 1e-9 < floor {
            below.push(format!(
                "{} {} {} part {}: accuracy {rate:.3} below floor {floor:.3} ({} of {})",
                lang.code(),
                view.key(),
                label.key(),
                part.key(),
                t.correct,
                t.cases
            ));
        }
    }
    assert!(below.is_empty(), "below floor:\n{}", below.join("\n"));
}

#[test]
fn spelling_transforms_change_the_word() {
    assert_eq!(transform("Muslime", "drop").unwrap(), "Muslme");
    assert_eq!(transform("Muslime", "swap").unwrap(), "Mulsime");
    assert_eq!(transform("Muslime", "stretch").unwrap(), "Muuuslime");
    assert_eq!(transform("Kanaken", "leet").unwrap(), "K4n4k3n");
    assert_eq!(transform("Kanaken", "vowel").unwrap(), "K*naken");
    assert_eq!(transform("Kanaken", "mask").unwrap(), "K*****n");
    assert_eq!(transform("Kanaken", "spaced").unwrap(), "K a n a k e n");
    assert_eq!(transform("Muslime", "leet").unwrap(), "Mu5l1m3");
    assert!(transform("xyz", "leet").is_err());
    let fields: BTreeMap<String, String> = [("plural".to_string(), "trans Menschen".to_string())]
        .into_iter()
        .collect();
    assert_eq!(
        fill("{Plural} raus!", &fields).unwrap(),
        "Trans Menschen raus!"
    );
    assert!(fill("{dative} raus!", &fields).is_err());
    assert!(fill("{plural:nope} raus!", &fields).is_err());
}

/// Every suggested reply to a case of the suite, hateful or not, passes the reply linter without a warning or
/// an error: hate under a post is answered with a boundary, never repeated or argued with.
#[test]
fn suggestions_for_hate_suite_comments_pass_the_linter() {
    use krisenradar::reply::{BrandVoice, Severity, suggest_for_comment};
    let suite = load_suite();
    let voice = BrandVoice::default();
    let opts = Options::default();
    let mut checked = 0;
    let mut failures = Vec::new();
    for c in &suite.cases {
        let a = analyze(&c.text, &opts);
        let ctx = ReplyContext::default()
            .with_voice(voice.clone())
            .with_comment(&c.text);
        for s in suggest_for_comment(&c.text, &a, &voice) {
            checked += 1;
            let review = lint_reply(&s.text, &ctx);
            let bad: Vec<String> = review
                .lints
                .iter()
                .filter(|l| l.severity >= Severity::Warning)
                .map(|l| format!("{} ({})", l.rule, l.span.slice(&s.text)))
                .collect();
            if !bad.is_empty() {
                failures.push(format!(
                    "{}: {}\n  {}\n  {}",
                    c.at,
                    c.text,
                    s.text,
                    bad.join(", ")
                ));
            }
        }
    }
    eprintln!(
        "{checked} suggestions for {} suite cases, {} with a warning or error",
        suite.cases.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} suggestions failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
