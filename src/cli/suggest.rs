//! `krisenradar suggest "COMMENT"`: two to four reply drafts for a comment, in its language and form of address.

use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use clap::Args;
use krisenradar::explain::{level_label, signal_label, topic_label};
use krisenradar::reply::{Suggestion, suggest_for_comment};
use krisenradar::{Analysis, Lang, Options, analyze};

use super::LangArg;
use super::lint::load_voice;

#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// The comment; read from stdin when missing or `-`.
    pub comment: Option<String>,
    /// Brand voice (TOML), as for `lint`.
    #[arg(long)]
    pub voice: Option<String>,
    /// Treat the comment as this language instead of detecting it.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Print the suggestions as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: SuggestArgs) -> io::Result<ExitCode> {
    let comment = match args.comment.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s)?;
            s.trim_end_matches(['\n', '\r']).to_string()
        }
        Some(t) => t.to_string(),
    };
    let voice = load_voice(args.voice.as_deref())?;
    let lang = args.lang.map(Lang::from);
    let a = analyze(
        &comment,
        &Options::new(lang.unwrap_or(Lang::En)).with_lang_hint(lang),
    );
    let suggestions = suggest_for_comment(&comment, &a, &voice);
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&suggestions).map_err(io::Error::other)?
        )?;
    } else {
        write!(out, "{}", render(&a, &suggestions))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The comment's situation in one line, then the numbered drafts.
pub fn render(a: &Analysis, suggestions: &[Suggestion]) -> String {
    let lang = suggestions.first().map_or(Lang::En, |s| s.lang);
    let mut out = String::new();
    let mut facts = vec![level_label(a.criticality.level, lang).to_string()];
    facts.extend(a.signals.iter().map(|s| signal_label(*s, lang).to_string()));
    facts.push(topic_label(a.topic, lang).to_string());
    let _ = writeln!(
        out,
        "{}: {}\n",
        if lang == Lang::De {
            "Kommentar"
        } else {
            "comment"
        },
        facts.join(" · ")
    );
    for (i, s) in suggestions.iter().enumerate() {
        let _ = writeln!(out, "{}. [{}]", i + 1, s.label);
        for line in s.text.lines() {
            let _ = writeln!(out, "   {line}");
        }
        out.push('\n');
    }
    out
}
