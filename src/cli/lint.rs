//! `krisenradar lint draft.txt [--reply-to comment.txt] [--voice voice.toml]`: checks a reply draft and prints
//! the findings the way compilers do (line:column, the line, a caret under the span, the fix).
//! `--jsonl` checks many drafts at once: `{"id","text","reply_to"?}` per line in, one review per line out.
//! Exit code 1 when a draft has an error-level finding.

use std::fmt::Write as _;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use krisenradar::Lang;
use krisenradar::reply::{
    Applicability, BrandVoice, Lint, Platform, ReplyContext, ReplyReview, Severity, Verdict,
    lint_reply,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ColorArg, LangArg, open_input, repair_surrogates};

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum LintFormat {
    /// Compiler-style findings with carets.
    #[default]
    Text,
    /// The review as JSON.
    Json,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// The draft (a text file); stdin when missing or `-`. With --jsonl: a JSONL file.
    pub draft: Option<String>,
    /// The comment being answered (a text file).
    #[arg(long)]
    pub reply_to: Option<String>,
    /// Brand voice (TOML: company, aliases, address = "du"|"sie", mirror_du, signature, private_channel_de,
    /// private_channel_en).
    #[arg(long)]
    pub voice: Option<String>,
    /// Where the reply goes (length limit): x, bluesky, threads, mastodon, tiktok, linkedin, instagram,
    /// facebook, youtube, generic.
    #[arg(long, value_parser = parse_platform, default_value = "generic")]
    pub platform: Platform,
    /// The draft's language; detected when missing.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Output format for a single draft.
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    pub format: LintFormat,
    /// Read JSONL `{"id","text","reply_to"?}` and write one JSON review per line.
    #[arg(long)]
    pub jsonl: bool,
    /// Colours: auto (on a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    Platform::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Platform::ALL.iter().map(|p| p.key()).collect();
        format!("unknown platform {s:?}; one of {}", all.join(", "))
    })
}

/// Reads a brand voice from a TOML file.
pub fn load_voice(path: Option<&str>) -> io::Result<BrandVoice> {
    let Some(p) = path else {
        return Ok(BrandVoice::default());
    };
    let text = std::fs::read_to_string(p)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {p}: {e}")))?;
    toml::from_str(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{p}: not a valid brand voice: {e}"),
        )
    })
}

fn read_text(path: Option<&str>) -> io::Result<String> {
    let mut s = String::new();
    open_input(path)?.read_to_string(&mut s)?;
    Ok(s)
}

pub fn run(args: LintArgs) -> io::Result<ExitCode> {
    let voice = load_voice(args.voice.as_deref())?;
    let base = ReplyContext::default()
        .with_voice(voice)
        .with_platform(args.platform)
        .with_lang(args.lang.map(Lang::from));
    if args.jsonl {
        return run_jsonl(&args, &base);
    }
    let draft = read_text(args.draft.as_deref())?;
    let mut ctx = base;
    if let Some(p) = args.reply_to.as_deref() {
        let comment = std::fs::read_to_string(p)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot read {p}: {e}")))?;
        ctx = ctx.with_comment(comment.trim_end());
    }
    let review = lint_reply(&draft, &ctx);
    let mut out = io::stdout().lock();
    match args.format {
        LintFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&review).map_err(io::Error::other)?
        )?,
        LintFormat::Text => {
            let name = args.draft.as_deref().unwrap_or("-");
            write!(
                out,
                "{}",
                render(name, &draft, &review, args.color.enabled())
            )?;
        }
    }
    Ok(exit_code(&review))
}

fn exit_code(review: &ReplyReview) -> ExitCode {
    if review.verdict == Verdict::DoNotPost {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    id: Value,
    text: String,
    #[serde(default)]
    reply_to: Option<String>,
}

#[derive(Serialize)]
struct Output<'a> {
    id: &'a Value,
    #[serde(flatten)]
    review: &'a ReplyReview,
}

fn run_jsonl(args: &LintArgs, base: &ReplyContext) -> io::Result<ExitCode> {
    let reader = open_input(args.draft.as_deref())?;
    let mut out = BufWriter::new(io::stdout().lock());
    let (mut skipped, mut errors) = (0usize, 0usize);
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let repaired = repair_surrogates(&line);
        let parsed: Result<Input, _> = serde_json::from_str(repaired.as_deref().unwrap_or(&line));
        let input = match parsed {
            Ok(i) => i,
            Err(e) => {
                eprintln!("krisenradar: line {}: skipped: {e}", n + 1);
                skipped += 1;
                continue;
            }
        };
        let ctx = match input.reply_to.as_deref() {
            Some(c) => base.clone().with_comment(c),
            None => base.clone(),
        };
        let review = lint_reply(&input.text, &ctx);
        if review.verdict == Verdict::DoNotPost {
            errors += 1;
        }
        serde_json::to_writer(
            &mut out,
            &Output {
                id: &input.id,
                review: &review,
            },
        )
        .map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if skipped > 0 {
        ExitCode::from(3)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::De) => "Fehler",
        (Severity::Warning, Lang::De) => "Warnung",
        (Severity::Hint, Lang::De) => "Hinweis",
        (Severity::Error, _) => "error",
        (Severity::Warning, _) => "warning",
        (Severity::Hint, _) => "hint",
    }
}

fn applicability_label(a: Applicability, lang: Lang) -> &'static str {
    match (a, lang) {
        (Applicability::Safe, Lang::De) => "sicher",
        (Applicability::Unsafe, Lang::De) => "prüfen",
        (Applicability::DisplayOnly, Lang::De) => "Vorschlag",
        (Applicability::Safe, _) => "safe",
        (Applicability::Unsafe, _) => "unsafe",
        (Applicability::DisplayOnly, _) => "suggestion",
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = (0..=at.min(text.len()))
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..at].chars().count() + 1)
}

fn render_lint(out: &mut String, name: &str, text: &str, l: &Lint, lang: Lang, color: bool) {
    let (on, bold, off) = if color {
        let c = match l.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
            Severity::Hint => "\x1b[1;36m",
        };
        (c, "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let _ = writeln!(
        out,
        "{on}{}[{}]{off}{bold}: {}{off}",
        severity_label(l.severity, lang),
        l.rule,
        l.message
    );
    let (line, col) = line_col(text, l.span.start);
    let width = line.to_string().len();
    let pad = " ".repeat(width);
    let _ = writeln!(out, "{pad}--> {name}:{line}:{col}");
    let _ = writeln!(out, "{pad} |");
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    let _ = writeln!(out, "{line} | {line_text}");
    let span_text = l.span.slice(text);
    let first_line_part = span_text.split('\n').next().unwrap_or("");
    let carets = first_line_part.chars().count().max(1);
    let _ = writeln!(
        out,
        "{pad} | {}{on}{}{off}",
        " ".repeat(col - 1),
        "^".repeat(carets)
    );
    for f in &l.fixes {
        let edit = f
            .edits
            .iter()
            .map(|e| {
                if e.replacement.is_empty() {
                    match lang {
                        Lang::De => "(entfernen)".to_string(),
                        _ => "(remove)".to_string(),
                    }
                } else {
                    format!("`{}`", e.replacement.trim().replace('\n', "⏎"))
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "{pad} = fix ({}): {}: {edit}",
            applicability_label(f.applicability, lang),
            f.title
        );
    }
    out.push('\n');
}

/// The compiler-style report for one draft.
pub fn render(name: &str, text: &str, review: &ReplyReview, color: bool) -> String {
    let lang = review.lang;
    let mut out = String::new();
    for l in &review.lints {
        render_lint(&mut out, name, text, l, lang, color);
    }
    let count = |s| review.lints.iter().filter(|l| l.severity == s).count();
    let (e, w, h) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Hint),
    );
    let verdict = review.verdict.label(lang);
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let _ = match lang {
        Lang::De => writeln!(
            out,
            "Urteil: {verdict} ({}, {}, {})",
            n(e, "Fehler", "Fehler"),
            n(w, "Warnung", "Warnungen"),
            n(h, "Hinweis", "Hinweise")
        ),
        _ => writeln!(
            out,
            "verdict: {verdict} ({}, {}, {})",
            n(e, "error", "errors"),
            n(w, "warning", "warnings"),
            n(h, "hint", "hints")
        ),
    };
    let t = &review.tone;
    let dims: [(&str, &str, f32); 6] = [
        ("Respekt", "respect", t.respect.score),
        ("Empathie", "empathy", t.empathy.score),
        ("Verantwortung", "accountability", t.accountability.score),
        ("Klarheit", "clarity", t.clarity.score),
        ("Ruhe", "calmness", t.calmness.score),
        ("Förmlichkeit", "formality", t.formality.score),
    ];
    let parts: Vec<String> = dims
        .iter()
        .map(|(de, en, s)| {
            let n = if lang == Lang::De { de } else { en };
            format!("{n} {s:.2}")
        })
        .collect();
    let _ = writeln!(
        out,
        "{}: {}",
        if lang == Lang::De { "Ton" } else { "tone" },
        parts.join(" · ")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "äöü\nGrüße Sie";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, "äöü\nGrü".len()), (2, 4));
        assert_eq!(line_col(t, 1), (1, 1));
        assert_eq!(line_col(t, 999), (2, 10));
    }
}
