//! `krisenradar explain "TEXT"`: a readable verdict with the evidence marked in the text.

use std::io::{self, Read};
use std::process::ExitCode;

use clap::Args;
use krisenradar::explain::{category_label, level_label, signal_label, topic_label};
use krisenradar::{Analysis, Facet, Lang, Level, analyze};

use super::{AnalysisArgs, ColorArg};

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The comment; read from stdin when missing or `-`.
    pub text: Option<String>,
    /// Colours: auto (on a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Print the analysis as JSON instead.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}

pub fn run(args: ExplainArgs) -> io::Result<ExitCode> {
    let text = match args.text.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s)?;
            s.trim_end_matches(['\n', '\r']).to_string()
        }
        Some(t) => t.to_string(),
    };
    let opts = args.analysis.options();
    let a = analyze(&text, &opts);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&a).map_err(io::Error::other)?
        );
    } else {
        print!("{}", render(&text, &a, opts.ui_lang, args.color.enabled()));
    }
    Ok(ExitCode::SUCCESS)
}

const RESET: &str = "\x1b[0m";

fn facet_style(f: &Facet) -> (&'static str, u8) {
    match f {
        Facet::Toxic(_) => ("\x1b[1;31m", 5),
        Facet::Signal(_) => ("\x1b[1;33m", 4),
        Facet::PersonalData => ("\x1b[1;35m", 4),
        Facet::WatchWord => ("\x1b[1;36m", 3),
        Facet::Topic(_) => ("\x1b[4;34m", 1),
        _ => ("\x1b[32m", 2),
    }
}

/// The marked text: evidence spans in brackets (or colours), strongest facet wins on overlaps.
fn marked(text: &str, a: &Analysis, color: bool) -> String {
    let mut spans: Vec<(usize, usize, &'static str, u8)> = a
        .evidence
        .iter()
        .filter(|e| !e.span.is_empty() && e.span.len() < text.len().max(1) || text.len() < 3)
        .filter(|e| match e.facet {
            Facet::Sentiment => e.weight.abs() >= 0.5,
            Facet::Toxic(_)
            | Facet::Signal(_)
            | Facet::PersonalData
            | Facet::WatchWord
            | Facet::Topic(_) => true,
            _ => false,
        })
        .filter(|e| {
            e.span.len() > 1
                || text
                    .get(e.span.start..e.span.end)
                    .is_some_and(|s| s.chars().any(char::is_alphanumeric))
        })
        .map(|e| {
            let (s, r) = facet_style(&e.facet);
            (e.span.start, e.span.end, s, r)
        })
        .collect();
    spans.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    // merge overlaps
    let mut merged: Vec<(usize, usize, &'static str, u8)> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(m) if s.0 < m.1 => {
                m.1 = m.1.max(s.1);
                if s.3 > m.3 {
                    m.2 = s.2;
                    m.3 = s.3;
                }
            }
            _ => merged.push(s),
        }
    }
    let mut out = String::with_capacity(text.len() + merged.len() * 8);
    let mut pos = 0;
    for (s, e, style, _) in merged {
        let (Some(before), Some(inner)) = (text.get(pos..s), text.get(s..e)) else {
            continue;
        };
        out.push_str(before);
        if color {
            out.push_str(style);
            out.push_str(inner);
            out.push_str(RESET);
        } else {
            out.push('[');
            out.push_str(inner);
            out.push(']');
        }
        pos = e;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// The whole verdict as text.
pub fn render(text: &str, a: &Analysis, lang: Lang, color: bool) -> String {
    let de = lang == Lang::De;
    let mut o = String::new();
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let level = level_label(a.criticality.level, lang).to_uppercase();
    let level = if color {
        let c = match a.criticality.level {
            Level::Escalate => "\x1b[1;41;97m",
            Level::Respond => "\x1b[1;43;30m",
            Level::Monitor => "\x1b[1;42;30m",
        };
        format!("{c} {level} {RESET}")
    } else {
        level
    };
    o.push_str(&format!("{}\n\n", marked(text, a, color)));
    o.push_str(&format!(
        "{} {level}  {}/100  · {} {}\n",
        bold(if de { "Stufe:" } else { "Level:" }),
        a.criticality.score,
        if de { "Kanal:" } else { "Channel:" },
        match (a.criticality.channel, de) {
            (krisenradar::Channel::Private, true) => "privat",
            (krisenradar::Channel::Private, false) => "private",
            (_, true) => "öffentlich",
            (_, false) => "public",
        }
    ));
    o.push_str(&format!(
        "{} {} ({:.2})  · {} {} ({:+.2})  · {} {:.2}{}\n",
        bold(if de { "Sprache:" } else { "Language:" }),
        a.lang.code.code(),
        a.lang.confidence,
        if de { "Stimmung:" } else { "Sentiment:" },
        sentiment_label(a.sentiment.label, lang),
        a.sentiment.score,
        if de { "Toxizität:" } else { "Toxicity:" },
        a.toxicity.score,
        if a.toxicity.toxic {
            if de { " toxisch" } else { " toxic" }
        } else {
            ""
        },
    ));
    if !a.toxicity.categories.is_empty() {
        let cats: Vec<&str> = a
            .toxicity
            .categories
            .iter()
            .map(|c| category_label(*c, lang))
            .collect();
        o.push_str(&format!(
            "{} {}\n",
            bold(if de { "Kategorien:" } else { "Categories:" }),
            cats.join(", ")
        ));
    }
    let sigs: Vec<&str> = a.signals.iter().map(|s| signal_label(*s, lang)).collect();
    o.push_str(&format!(
        "{} {}  · {} {}\n",
        bold(if de { "Signale:" } else { "Signals:" }),
        if sigs.is_empty() {
            "–".to_string()
        } else {
            sigs.join(", ")
        },
        if de { "Thema:" } else { "Topic:" },
        topic_label(a.topic, lang)
    ));
    if let Some(addr) = a.address {
        o.push_str(&format!(
            "{} {:?}\n",
            bold(if de { "Anrede:" } else { "Form of address:" }),
            addr
        ));
    }
    if !a.criticality.reasons.is_empty() {
        o.push_str(&format!(
            "\n{}\n",
            bold(if de { "Gründe:" } else { "Reasons:" })
        ));
        for r in &a.criticality.reasons {
            if r.points > 0.0 {
                o.push_str(&format!("  {:>+5.1}  {}\n", r.points, r.message));
            } else {
                o.push_str(&format!("         {}\n", r.message));
            }
        }
    }
    if !a.evidence.is_empty() {
        o.push_str(&format!(
            "\n{}\n",
            bold(if de { "Belege:" } else { "Evidence:" })
        ));
        for e in &a.evidence {
            let snippet: String = e.span.slice(text).chars().take(40).collect();
            let facet = match e.facet {
                Facet::Sentiment => "sentiment".to_string(),
                Facet::Toxic(c) => c.key().to_string(),
                Facet::Signal(s) => format!("signal:{}", s.key()),
                Facet::Topic(t) => format!("topic:{}", t.key()),
                Facet::Modifier(m) => format!("{m:?}").to_lowercase(),
                Facet::PersonalData => "personal_data".into(),
                Facet::WatchWord => "watch_word".into(),
                Facet::Language => "language".into(),
                Facet::Learned(m) => format!("model:{m:?}").to_lowercase(),
            };
            o.push_str(&format!(
                "  {:>4}..{:<4} {:<22} {:>+7.3}  {:<24} {}\n",
                e.span.start,
                e.span.end,
                facet,
                e.weight,
                format!("\"{}\"", snippet.replace('\n', " ")),
                e.id
            ));
        }
    }
    o
}

fn sentiment_label(l: krisenradar::SentimentLabel, lang: Lang) -> &'static str {
    use krisenradar::SentimentLabel::*;
    match (l, lang == Lang::De) {
        (Negative, true) => "negativ",
        (Neutral, true) => "neutral",
        (Positive, true) => "positiv",
        (Negative, false) => "negative",
        (Neutral, false) => "neutral",
        (Positive, false) => "positive",
    }
}
