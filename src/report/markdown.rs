//! The report as Markdown (for tickets, wikis and e-mails). Comment text is quoted and escaped so that it
//! cannot inject markup or HTML when the Markdown is rendered.

use std::fmt::Write as _;

use super::{Report, pct, privacy_note};
use crate::explain::{level_label, signal_label, topic_label};
use crate::model::{Lang, Level};
use crate::text::count;
use crate::thread::format_time;

fn t<'a>(lang: Lang, de_text: &'a str, en_text: &'a str) -> &'a str {
    if lang == Lang::De { de_text } else { en_text }
}

/// Escapes text for Markdown: HTML specials become entities, Markdown punctuation is backslash-escaped,
/// line breaks stay inside the quote.
pub fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push_str("  \n> "),
            _ => out.push(c),
        }
    }
    out
}

/// Renders the report as Markdown (personal data masked unless [`Report::show_personal_data`]).
pub fn markdown(r: &Report) -> String {
    let shown = r.displayed();
    let r: &Report = &shown;
    let s = &r.summary;
    let lang = r.lang();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {} — {}\n",
        escape_md(&r.title),
        s.status.label(lang).to_uppercase()
    );
    let _ = writeln!(
        o,
        "{}: {} · {}{} · {}: {}\n\n_{}_\n",
        t(lang, "Quelle", "Source"),
        escape_md(&r.source),
        if lang == Lang::De {
            count(r.rows, "Zeile gelesen", "Zeilen gelesen")
        } else {
            count(r.rows, "row read", "rows read")
        },
        if r.skipped > 0 {
            format!(" · **{}**", skipped_rows(r.skipped, lang))
        } else {
            String::new()
        },
        t(lang, "Zeiten", "Times"),
        escape_md(&s.clock.label(lang)),
        escape_md(&privacy_note(r))
    );
    let _ = writeln!(
        o,
        "## {}\n",
        t(
            lang,
            "Zusammenfassung für die Geschäftsführung",
            "Summary for management"
        )
    );
    for p in &r.management_summary {
        let _ = writeln!(o, "{}\n", escape_md(p));
    }
    let _ = writeln!(
        o,
        "## {}\n",
        t(lang, "Warum diese Einschätzung", "Why this assessment")
    );
    for reason in &s.reasons {
        let _ = writeln!(
            o,
            "- **{}** — {}",
            reason.status.label(lang),
            escape_md(&reason.message)
        );
    }
    let _ = writeln!(o, "\n## {}\n", t(lang, "Nächste Schritte", "Next steps"));
    for (i, a) in s.actions.iter().enumerate() {
        let _ = writeln!(
            o,
            "{}. **{}** — {}",
            i + 1,
            a.kind.label(lang),
            escape_md(&a.message)
        );
    }
    let _ = writeln!(o, "\n## {}\n", t(lang, "Kennzahlen", "Figures"));
    let _ = writeln!(o, "| | |\n|---|---|");
    let _ = writeln!(
        o,
        "| {} | {} |",
        t(lang, "Kommentare", "Comments"),
        s.comments
    );
    let _ = writeln!(
        o,
        "| {} | {} |",
        t(lang, "Autor:innen", "Authors"),
        s.authors
    );
    let _ = writeln!(
        o,
        "| {} | {} ({}) |",
        t(lang, "Kritisch", "Critical"),
        s.critical,
        pct(s.critical_share, lang)
    );
    let _ = writeln!(
        o,
        "| {} | {} ({}), {} |",
        t(lang, "Negativ", "Negative"),
        s.negative,
        pct(s.negative_share, lang),
        if lang == Lang::De {
            count(s.negative_authors, "Autor:in", "Autor:innen")
        } else {
            count(s.negative_authors, "author", "authors")
        }
    );
    let _ = writeln!(
        o,
        "| {} | {} ({}) |",
        t(lang, "Toxisch", "Toxic"),
        s.toxic,
        pct(s.toxic_share, lang)
    );
    for l in [Level::Monitor, Level::Respond, Level::Escalate] {
        let _ = writeln!(
            o,
            "| {} | {} |",
            level_label(l, lang),
            s.levels.get(&l).copied().unwrap_or(0)
        );
    }
    for (k, c) in s.signals.iter().filter(|(_, c)| **c > 0) {
        let _ = writeln!(o, "| {} | {} |", signal_label(*k, lang), c);
    }
    if let Some(v) = &s.velocity {
        let _ = writeln!(
            o,
            "| {} | {} ({} {}) |",
            t(lang, "Höhepunkt", "Peak"),
            format_time(v.peak.start),
            v.peak.critical,
            t(lang, "kritisch", "critical")
        );
    }
    if let Some(tl) = &s.timeline {
        let _ = writeln!(
            o,
            "\n## {}\n\n{}: {}\n\n| {} | {} | {} |\n|---|---:|---:|",
            t(lang, "Verlauf", "Timeline"),
            t(lang, "Zeiten", "Times"),
            escape_md(&s.clock.label(lang)),
            t(lang, "ab", "from"),
            t(lang, "Kommentare", "comments"),
            t(lang, "kritisch", "critical")
        );
        for b in tl.buckets.iter().filter(|b| b.counts.comments > 0) {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                format_time(b.start),
                b.counts.comments,
                b.counts.critical
            );
        }
    }
    let _ = writeln!(
        o,
        "\n## {}\n",
        t(lang, "Wiederkehrende Probleme", "Recurring issues")
    );
    if s.recurring.is_empty() {
        let _ = writeln!(o, "–");
    }
    for r in &s.recurring {
        let _ = writeln!(
            o,
            "### {} — {}, {}\n\n{} · {}\n",
            escape_md(&r.label),
            if lang == Lang::De {
                count(r.size, "Kommentar", "Kommentare")
            } else {
                count(r.size, "comment", "comments")
            },
            if lang == Lang::De {
                count(r.authors, "Autor:in", "Autor:innen")
            } else {
                count(r.authors, "author", "authors")
            },
            topic_label(r.topic, lang),
            r.signal.map(|x| signal_label(x, lang)).unwrap_or("–")
        );
        for e in &r.examples {
            let _ = writeln!(o, "> {}\n", escape_md(&e.text));
        }
    }
    let _ = writeln!(
        o,
        "## {}\n",
        t(
            lang,
            "Die kritischsten Kommentare – zuerst beantworten",
            "The most critical comments – answer these first"
        )
    );
    for (i, c) in s.top_comments.iter().enumerate() {
        let a = &c.analysis;
        let _ = writeln!(
            o,
            "{}. **{} {}**{} {}{}\n\n   > {}\n",
            i + 1,
            level_label(a.criticality.level, lang),
            a.criticality.score,
            if c.posts > 1 {
                format!(" **{}×**", c.posts)
            } else {
                String::new()
            },
            escape_md(c.author.as_deref().unwrap_or("")),
            c.timestamp
                .map(|ts| format!(" · {}", format_time(ts)))
                .unwrap_or_default(),
            escape_md(&c.text).replace("\n> ", "\n   > ")
        );
        if c.posts > 1 {
            let _ = writeln!(o, "   {}\n", escape_md(&super::posted_by(c, lang)));
        }
        for reason in super::shown_reasons(a) {
            let _ = writeln!(
                o,
                "   - {} {}",
                super::points(reason.points),
                escape_md(&reason.message)
            );
        }
        o.push('\n');
    }
    if r.skipped > 0 {
        let _ = writeln!(
            o,
            "## {}\n\n{}.\n",
            t(lang, "Übersprungene Zeilen", "Skipped rows"),
            skipped_rows(r.skipped, lang)
        );
        for k in &r.skipped_rows {
            let _ = writeln!(
                o,
                "- {} {}: {}",
                t(lang, "Zeile", "Line"),
                k.line,
                escape_md(&k.reason)
            );
        }
    }
    o
}

fn skipped_rows(n: u64, lang: Lang) -> String {
    if lang == Lang::De {
        count(n, "Zeile übersprungen", "Zeilen übersprungen")
    } else {
        count(n, "row skipped", "rows skipped")
    }
}
