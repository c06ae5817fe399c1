//! The reply rules' documentation is generated from their doc comments (`src/reply/rules/<id>.rs`) and the word
//! lists they read (`src/reply/rules/lexicons.rs`): a short rule table in README.md and the full documentation,
//! with the German and English patterns of every rule, in docs/rules.md, each between `<!-- rules:start -->`
//! and `<!-- rules:end -->`. The tests fail when either file is out of date;
//! `KRISENRADAR_UPDATE_DOCS=1 cargo test --test reply_docs` rewrites both (the older
//! `KRISENRADAR_UPDATE_README=1` does the same).

use std::fmt::Write as _;
use std::path::PathBuf;

use krisenradar::model::Lang;
use krisenradar::reply::lexicon::{self, Lex};
use krisenradar::reply::rules::lexicons::RULE_LEXICONS;
use krisenradar::reply::rules::{RULES, rule};

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";
/// Either variable rewrites the generated files.
const UPDATE_VARS: [&str; 2] = ["KRISENRADAR_UPDATE_DOCS", "KRISENRADAR_UPDATE_README"];
const HEADINGS: [&str; 8] = [
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "Was es findet",
    "Warum ist das schlecht?",
    "Beispiel",
    "Besser",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The doc comment right above `pub struct` in a rule's file, without the `/// ` prefixes.
fn doc_of(id: &str) -> String {
    let path = root().join(format!("src/reply/rules/{}.rs", id.replace('-', "_")));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let lines: Vec<&str> = src.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("pub struct "))
        .unwrap_or_else(|| panic!("{id}: no pub struct"));
    let mut doc: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with("///"))
        .map(|l| {
            l.strip_prefix("/// ")
                .unwrap_or(l.trim_start_matches("///"))
        })
        .collect();
    doc.reverse();
    doc.join("\n")
}

/// Splits a doc into (heading, body) sections.
fn sections(doc: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in doc.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            out.push((h.trim().to_string(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    for (_, b) in &mut out {
        *b = b.trim().to_string();
    }
    out
}

fn first_sentence(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut from = 0;
    while let Some(i) = flat[from..].find(". ").map(|i| i + from) {
        let before = &flat[..i];
        if !(before.ends_with("e.g") || before.ends_with("i.e") || before.ends_with(" z")) {
            return flat[..=i].to_string();
        }
        from = i + 2;
    }
    flat
}

const GENERATED_NOTE: &str =
    "<!-- generated from src/reply/rules/ by tests/reply_docs.rs; do not edit -->";

/// The first sentence of a rule's "What it does".
fn what_it_catches(id: &str) -> String {
    sections(&doc_of(id))
        .iter()
        .find(|(h, _)| h == "What it does")
        .map(|(_, b)| first_sentence(b))
        .unwrap_or_default()
}

/// The rule count and what the severities mean.
fn severity_line() -> String {
    format!(
        "{} rules. Severity: error → do not post, warning → revise, hint → consider.\n",
        RULES.len()
    )
}

/// The table of all rules, each linking to `{link}#<id>`.
fn rule_table(out: &mut String, link: &str) {
    let _ = writeln!(out, "| rule | category | severity | what it catches |");
    let _ = writeln!(out, "|---|---|---|---|");
    for r in RULES {
        let _ = writeln!(
            out,
            "| [`{}`]({link}#{}) | {} | {} | {} |",
            r.id(),
            r.id(),
            r.category().key(),
            r.severity().key(),
            what_it_catches(r.id()).replace('|', "\\|")
        );
    }
}

/// README.md's part: how many rules there are, what the severities mean, the link to docs/rules.md.
fn generate_readme() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{START}\n{GENERATED_NOTE}\n");
    let _ = writeln!(
        out,
        "{} Each with examples and fixes in English and German: [docs/rules.md](docs/rules.md).",
        severity_line().trim_end()
    );
    let _ = write!(out, "{END}");
    out
}

/// The lists a rule reads, from `RULE_LEXICONS`.
fn lexicons_of(id: &str) -> &'static [Lex] {
    RULE_LEXICONS
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, l)| *l)
        .unwrap_or(&[])
}

/// The first `n` patterns of a list file as written (without trailing comments), in code spans.
fn examples(lex: Lex, lang: Lang, n: usize) -> String {
    lexicon::list(lex, lang)
        .patterns
        .iter()
        .take(n)
        .map(|p| format!("`{}`", p.source.split('#').next().unwrap_or("").trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// docs/rules.md's part: the rule table, every rule's documentation, the German and English patterns.
fn generate_rules_doc() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{START}\n{GENERATED_NOTE}\n");
    let _ = writeln!(out, "## Overview\n");
    let _ = writeln!(out, "{}", severity_line());
    rule_table(&mut out, "");
    let _ = writeln!(out, "\n## Rules\n");
    for r in RULES {
        let _ = writeln!(out, "### `{}`\n", r.id());
        let _ = writeln!(
            out,
            "*{} · {}* — source: `src/reply/rules/{}.rs`\n",
            r.category().key(),
            r.severity().key(),
            r.id().replace('-', "_")
        );
        let s = sections(&doc_of(r.id()));
        let (en, de) = s.split_at(4.min(s.len()));
        for (h, b) in en {
            let _ = writeln!(out, "**{h}**\n\n{b}\n");
        }
        let _ = writeln!(out, "<details><summary>Deutsch</summary>\n");
        for (h, b) in de {
            let _ = writeln!(out, "**{h}**\n\n{b}\n");
        }
        let _ = writeln!(out, "</details>\n");
    }
    let _ = writeln!(out, "## German and English patterns\n");
    let _ = writeln!(
        out,
        "The word lists each rule reads (`src/reply/rules/lexicons.rs`), with the number of patterns in each \
         language (linked to the file) and the first three patterns of each file. A rule without a list is \
         structural: it looks at capitals, length, punctuation, personal data, the form of address or the \
         analyser's evidence, the same way in both languages.\n"
    );
    let _ = writeln!(
        out,
        "| rule | list | German patterns | English patterns | German examples | English examples |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for r in RULES {
        let id = r.id();
        let lists = lexicons_of(id);
        if lists.is_empty() {
            let _ = writeln!(
                out,
                "| [`{id}`](#{id}) | no list (structural) | – | – | – | – |"
            );
        }
        for (i, lex) in lists.iter().enumerate() {
            let rule_cell = if i == 0 {
                format!("[`{id}`](#{id})")
            } else {
                String::new()
            };
            let name = lex.name();
            let _ = writeln!(
                out,
                "| {rule_cell} | `{name}` | [{}](../src/reply/lexicon/de/{name}.txt) | [{}](../src/reply/lexicon/en/{name}.txt) | {} | {} |",
                lexicon::list(*lex, Lang::De).patterns.len(),
                lexicon::list(*lex, Lang::En).patterns.len(),
                examples(*lex, Lang::De, 3),
                examples(*lex, Lang::En, 3),
            );
        }
    }
    let _ = write!(out, "\n{END}");
    out
}

/// Compares the generated part of `file` (between the markers) with `generated`; with an update variable set,
/// rewrites it (a file without markers gets `fallback(current, generated)`), otherwise fails.
fn sync(file: &str, generated: &str, fallback: fn(&str, &str) -> String) {
    let path = root().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let current = match (text.find(START), text.find(END)) {
        (Some(a), Some(b)) if a < b => Some(&text[a..b + END.len()]),
        _ => None,
    };
    if current == Some(generated) {
        return;
    }
    if UPDATE_VARS.iter().any(|v| std::env::var_os(v).is_some()) {
        let updated = match current {
            Some(cur) => text.replacen(cur, generated, 1),
            None => fallback(&text, generated),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create directory");
        }
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("write {file}: {e}"));
        return;
    }
    panic!(
        "{file}'s reply rule documentation is out of date; run KRISENRADAR_UPDATE_DOCS=1 cargo test --test reply_docs"
    );
}

#[test]
fn every_rule_documents_all_headings_in_both_languages() {
    for r in RULES {
        let s = sections(&doc_of(r.id()));
        let heads: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(heads, HEADINGS, "{}: doc headings", r.id());
        for (h, b) in &s {
            assert!(b.len() > 10, "{}: section {h} is empty", r.id());
        }
    }
}

#[test]
fn readme_rule_table_is_up_to_date() {
    sync("README.md", &generate_readme(), |readme, generated| {
        format!(
            "{}\n\n## Reply checker rules\n\nFull documentation: [docs/rules.md](docs/rules.md).\n\n{generated}\n",
            readme.trim_end()
        )
    });
}

#[test]
fn rules_doc_is_up_to_date() {
    sync("docs/rules.md", &generate_rules_doc(), |_, generated| {
        format!("# Reply checker rules\n\n{generated}\n")
    });
}

/// Every rule names the lists it reads, and every such list has comparable coverage in German and English:
/// neither language has fewer than half the other's patterns.
#[test]
fn rule_word_lists_are_complete_and_in_parity() {
    let mut errors: Vec<String> = Vec::new();
    for r in RULES {
        match RULE_LEXICONS.iter().filter(|(id, _)| *id == r.id()).count() {
            0 => errors.push(format!("{}: missing from RULE_LEXICONS", r.id())),
            1 => {}
            n => errors.push(format!("{}: listed {n} times in RULE_LEXICONS", r.id())),
        }
    }
    let mut named: Vec<(Lex, Vec<&str>)> = Vec::new();
    for (id, lists) in RULE_LEXICONS {
        if rule(id).is_none() {
            errors.push(format!("{id}: in RULE_LEXICONS but not a rule"));
        }
        for (i, lex) in lists.iter().enumerate() {
            if lists[..i].contains(lex) {
                errors.push(format!("{id}: lists `{}` twice", lex.name()));
                continue;
            }
            match named.iter_mut().find(|(l, _)| l == lex) {
                Some((_, ids)) => ids.push(id),
                None => named.push((*lex, vec![id])),
            }
        }
    }
    for (lex, ids) in &named {
        let de = lexicon::list(*lex, Lang::De).patterns.len();
        let en = lexicon::list(*lex, Lang::En).patterns.len();
        let name = lex.name();
        let used_by = ids.join(", ");
        if de == 0 || en == 0 {
            errors.push(format!(
                "`{name}` (used by {used_by}): empty or missing (German {de}, English {en} patterns)"
            ));
        } else if 2 * de < en || 2 * en < de {
            errors.push(format!(
                "`{name}` (used by {used_by}): German {de} vs English {en} patterns; neither may have fewer than half the other's"
            ));
        }
    }
    assert!(errors.is_empty(), "rule word lists:\n{}", errors.join("\n"));
}
