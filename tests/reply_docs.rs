//! The README's rule list is generated from the rules' doc comments (`src/reply/rules/<id>.rs`).
//! This test fails when README.md is out of date; `KRISENRADAR_UPDATE_README=1 cargo test --test reply_docs`
//! rewrites the part between `<!-- rules:start -->` and `<!-- rules:end -->`.

use std::fmt::Write as _;
use std::path::PathBuf;

use krisenradar::reply::rules::RULES;

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";
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

fn generate() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{START}");
    let _ = writeln!(
        out,
        "<!-- generated from the doc comments in src/reply/rules/ by tests/reply_docs.rs; do not edit -->\n"
    );
    let _ = writeln!(
        out,
        "{} rules. Severity: error → do not post, warning → revise, hint → consider.\n",
        RULES.len()
    );
    let _ = writeln!(out, "| rule | category | severity | what it catches |");
    let _ = writeln!(out, "|---|---|---|---|");
    for r in RULES {
        let s = sections(&doc_of(r.id()));
        let what = s
            .iter()
            .find(|(h, _)| h == "What it does")
            .map(|(_, b)| first_sentence(b))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} |",
            r.id(),
            r.id(),
            r.category().key(),
            r.severity().key(),
            what.replace('|', "\\|")
        );
    }
    out.push('\n');
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
    let _ = write!(out, "{END}");
    out
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
fn readme_rule_list_is_up_to_date() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let generated = generate();
    let current = match (readme.find(START), readme.find(END)) {
        (Some(a), Some(b)) if a < b => Some(&readme[a..b + END.len()]),
        _ => None,
    };
    if current == Some(generated.as_str()) {
        return;
    }
    if std::env::var_os("KRISENRADAR_UPDATE_README").is_some() {
        let updated = match current {
            Some(cur) => readme.replacen(cur, &generated, 1),
            None => format!(
                "{}\n\n## Reply checker rules\n\n{generated}\n",
                readme.trim_end()
            ),
        };
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    panic!(
        "README.md's reply rule list is out of date; run KRISENRADAR_UPDATE_README=1 cargo test --test reply_docs"
    );
}
