//! The report as one self-contained HTML file: inline CSS and SVG, no scripts, no external requests.
//! Every piece of comment text (and every other input-derived string) goes through [`escape_html`].

#![allow(clippy::write_with_newline)] // a line break after each block keeps the HTML readable

use std::fmt::Write as _;

use super::{Report, escape_html as esc, pct, privacy_note};
use crate::explain::{category_label, level_label, signal_label, topic_label};
use crate::model::{Analysis, Facet, Lang, Level, Span};
use crate::text::count;
use crate::thread::{ThreadSummary, Timeline, TopComment, format_time};

const CSS: &str = r#"
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232b;background:#f4f5f7;margin:0}
main{max-width:1080px;margin:0 auto;padding:28px 24px 48px;overflow-wrap:break-word}
@media(max-width:600px){main{padding:16px 12px 32px}h1{font-size:22px}}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:18px;margin:30px 0 10px;border-bottom:1px solid #d9dde3;padding-bottom:4px}
.muted{color:#5f6b7a;font-size:13px}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:14px 18px;margin:10px 0}
.card>p:first-child{margin-top:0}.card>p:last-child{margin-bottom:0}
.status{display:inline-block;padding:3px 12px;border-radius:14px;font-weight:600;color:#fff;font-size:14px;vertical-align:middle}
.s-calm{background:#2f855a}.s-tense{background:#c07a00}.s-crisis{background:#c53030}
.figures{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:10px}
.figures.c3{grid-template-columns:repeat(3,minmax(0,1fr))}
@media(max-width:700px){.figures,.figures.c3{grid-template-columns:repeat(2,minmax(0,1fr))}}
.fig.wide{grid-column:span 2}
.fig{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 14px}
.fig b{display:block;font-size:22px;overflow-wrap:anywhere}
.bars{display:grid;grid-template-columns:minmax(110px,220px) 1fr 48px;gap:4px 10px;align-items:center}
.bar{height:14px;border-radius:3px;background:#4a6fa5;min-width:1px}
.bar.monitor{background:#8aa0b8}.bar.respond{background:#d69e2e}.bar.escalate{background:#c53030}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}
@media(max-width:800px){.cols{grid-template-columns:1fr}}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff}
table.wide{min-width:640px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{font-size:13px;color:#5f6b7a;font-weight:600}
blockquote{margin:6px 0;padding:6px 10px;border-left:3px solid #cbd2d9;background:#f8f9fa;white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#fde2a7;border-radius:2px;padding:0 1px}
.lvl{font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;color:#fff}
.lvl.respond{background:#d69e2e}.lvl.escalate{background:#c53030}.lvl.monitor{background:#8aa0b8}
ul.reasons{margin:6px 0 0 18px;padding:0}
ol.actions li{margin:4px 0}
svg text{font:11px system-ui,sans-serif;fill:#5f6b7a}
svg.timeline{display:block;min-width:560px}
details{margin-top:8px}
.dup{font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;background:#e3e8ef;color:#1d232b}
.note{font-size:13px;color:#5f6b7a;border-left:3px solid #8aa0b8;padding:2px 10px;margin:8px 0}
"#;

fn de(lang: Lang) -> bool {
    lang == Lang::De
}

fn t<'a>(lang: Lang, de_text: &'a str, en_text: &'a str) -> &'a str {
    if de(lang) { de_text } else { en_text }
}

/// Renders the report as one HTML document (personal data masked unless [`Report::show_personal_data`]).
pub fn html(r: &Report) -> String {
    let shown = r.displayed();
    let r: &Report = &shown;
    let s = &r.summary;
    let lang = r.lang();
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <title>{}</title><style>{CSS}</style></head><body><main>\n",
        if de(lang) { "de" } else { "en" },
        esc(&r.title)
    );
    // header
    let _ = write!(
        o,
        "<h1>{} <span class=\"status s-{}\">{}</span></h1>\n<p class=\"muted\">{}: {} · {} · {}: {} · {}</p>\n<p class=\"note\">{}</p>\n",
        esc(&r.title),
        s.status.key(),
        esc(s.status.label(lang)),
        t(lang, "Quelle", "Source"),
        esc(&r.source),
        if de(lang) {
            count(r.rows, "Zeile gelesen", "Zeilen gelesen")
        } else {
            count(r.rows, "row read", "rows read")
        },
        t(lang, "Zeiten", "Times"),
        esc(&s.clock.label(lang)),
        t(
            lang,
            "lokal erstellt mit krisenradar, ohne Netzwerk",
            "made locally with krisenradar, no network"
        ),
        esc(&privacy_note(r)),
    );
    if r.skipped > 0 {
        let _ = write!(
            o,
            "<p class=\"card\"><b>{}</b> {}</p>\n",
            skipped_rows(r.skipped, lang),
            t(
                lang,
                "(fehlerhaft oder ohne Text; Liste am Ende). Der Bericht beruht auf den übrigen Zeilen.",
                "(broken or without text; listed at the end). The report is built from the other rows."
            )
        );
    }
    // management summary
    let _ = write!(
        o,
        "<h2>{}</h2>\n<div class=\"card\">",
        t(
            lang,
            "Zusammenfassung für die Geschäftsführung",
            "Summary for management"
        )
    );
    for p in &r.management_summary {
        let _ = write!(o, "<p>{}</p>", esc(p));
    }
    o.push_str("</div>\n");
    // key figures
    let peak = s
        .velocity
        .as_ref()
        .filter(|v| v.peak.critical > 0)
        .map(|v| format!("{} · {}", tick_label(v.peak.start, lang), v.peak.critical));
    // six cards, and the peak as a double-width card: two full rows of four, or of three without the peak
    let _ = write!(
        o,
        "<div class=\"figures{}\">",
        if peak.is_some() { "" } else { " c3" }
    );
    for (label, value) in [
        (t(lang, "Kommentare", "Comments"), s.comments.to_string()),
        (t(lang, "Autor:innen", "Authors"), s.authors.to_string()),
        (
            t(lang, "Kritisch", "Critical"),
            format!("{} · {}", s.critical, pct(s.critical_share, lang)),
        ),
        (
            t(lang, "Negativ", "Negative"),
            format!("{} · {}", s.negative, pct(s.negative_share, lang)),
        ),
        (
            t(lang, "Toxisch", "Toxic"),
            format!("{} · {}", s.toxic, pct(s.toxic_share, lang)),
        ),
        (
            t(lang, "Negative Autor:innen", "Negative authors"),
            s.negative_authors.to_string(),
        ),
    ] {
        let _ = write!(
            o,
            "<div class=\"fig\">{}<b>{}</b></div>",
            esc(label),
            esc(&value)
        );
    }
    if let Some(p) = peak {
        let _ = write!(
            o,
            "<div class=\"fig wide\">{}<b>{}</b></div>",
            t(lang, "Höhepunkt (kritisch)", "Peak (critical)"),
            esc(&p)
        );
    }
    o.push_str("</div>\n");
    // why
    let _ = write!(
        o,
        "<h2>{}</h2>\n<div class=\"card\"><ul class=\"reasons\">",
        t(lang, "Warum diese Einschätzung", "Why this assessment")
    );
    for reason in &s.reasons {
        let _ = write!(
            o,
            "<li><span class=\"status s-{}\" style=\"font-size:11px;padding:0 8px\">{}</span> {}</li>",
            reason.status.key(),
            esc(reason.status.label(lang)),
            esc(&reason.message)
        );
    }
    o.push_str("</ul></div>\n");
    // timeline
    if let Some(tl) = &s.timeline {
        let _ = write!(
            o,
            "<h2>{}</h2>\n<div class=\"card\"><div class=\"scroll\">{}</div><p class=\"muted\">{}</p></div>\n",
            t(lang, "Verlauf", "Timeline"),
            timeline_svg(tl, s, lang),
            esc(&if de(lang) {
                format!(
                    "Grau: alle Kommentare, rot: kritische Kommentare, je {} Minuten. Zeiten: {}.",
                    tl.bucket_seconds / 60,
                    s.clock.label(lang)
                )
            } else {
                format!(
                    "Grey: all comments, red: critical comments, per {} minutes. Times: {}.",
                    tl.bucket_seconds / 60,
                    s.clock.label(lang)
                )
            })
        );
    }
    // recurring issues
    let _ = write!(
        o,
        "<h2>{}</h2>\n",
        t(lang, "Wiederkehrende Probleme", "Recurring issues")
    );
    if s.recurring.is_empty() {
        let _ = write!(
            o,
            "<p class=\"muted\">{}</p>\n",
            t(
                lang,
                "Keine Beschwerde wiederholt sich bei mehreren Autor:innen.",
                "No complaint recurs across several authors."
            )
        );
    } else {
        let _ = write!(
            o,
            "<div class=\"scroll\"><table class=\"wide\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(lang, "Problem (Schlüsselbegriffe)", "Issue (key terms)"),
            t(lang, "Kommentare", "Comments"),
            t(lang, "Autor:innen", "Authors"),
            t(lang, "Kritisch", "Critical"),
            t(lang, "Zeitraum", "Period"),
            t(lang, "Beispiele", "Examples"),
        );
        for r in &s.recurring {
            let period = match (r.first_seen, r.last_seen) {
                (Some(a), Some(b)) => format!("{} – {}", format_time(a), format_time(b)),
                _ => "–".into(),
            };
            let _ = write!(
                o,
                "<tr><td><b>{}</b><br><span class=\"muted\">{} · {}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"muted\">{}</td><td>",
                esc(&r.label),
                esc(topic_label(r.topic, lang)),
                esc(r.signal.map(|x| signal_label(x, lang)).unwrap_or("")),
                r.size,
                r.authors,
                r.critical,
                esc(&period)
            );
            for e in &r.examples {
                let _ = write!(
                    o,
                    "<blockquote>{}<br><span class=\"muted\">{}</span></blockquote>",
                    esc(&e.text),
                    esc(&byline(e.author.as_deref(), e.timestamp, &e.id))
                );
            }
            o.push_str("</td></tr>");
        }
        o.push_str("</table></div>\n");
    }
    // actions
    let _ = write!(
        o,
        "<h2>{}</h2>\n<div class=\"card\"><ol class=\"actions\">",
        t(lang, "Nächste Schritte", "Next steps")
    );
    for a in &s.actions {
        let _ = write!(
            o,
            "<li><b>{}</b> – {}</li>",
            esc(a.kind.label(lang)),
            esc(&a.message)
        );
    }
    o.push_str("</ol></div>\n");
    // top comments
    let _ = write!(
        o,
        "<h2>{}</h2>\n",
        t(
            lang,
            "Die kritischsten Kommentare – zuerst beantworten",
            "The most critical comments – answer these first"
        )
    );
    if s.top_comments.is_empty() {
        let _ = write!(
            o,
            "<p class=\"muted\">{}</p>\n",
            t(
                lang,
                "Keine kritischen Kommentare.",
                "No critical comments."
            )
        );
    }
    for (i, c) in s.top_comments.iter().enumerate() {
        top_comment(&mut o, i + 1, c, lang);
    }
    // distributions
    let _ = write!(
        o,
        "<h2>{}</h2>\n<div class=\"cols\"><div class=\"card\"><h3>{}</h3>",
        t(lang, "Verteilung", "Distribution"),
        t(lang, "Stufen", "Levels")
    );
    let levels: Vec<(String, u64, &str)> = [Level::Monitor, Level::Respond, Level::Escalate]
        .into_iter()
        .map(|l| {
            (
                level_label(l, lang).to_string(),
                s.levels.get(&l).copied().unwrap_or(0),
                l.key(),
            )
        })
        .collect();
    bars(&mut o, &levels);
    let _ = write!(
        o,
        "</div><div class=\"card\"><h3>{}</h3>",
        t(lang, "Signale", "Signals")
    );
    let mut signals: Vec<(String, u64, &str)> = s
        .signals
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(k, c)| (signal_label(*k, lang).to_string(), *c, ""))
        .collect();
    signals.sort_by_key(|x| std::cmp::Reverse(x.1));
    bars(&mut o, &signals);
    let _ = write!(
        o,
        "</div><div class=\"card\"><h3>{}</h3>",
        t(lang, "Themen der Kritik", "Topics of the criticism")
    );
    let mut topics: Vec<(String, u64, &str)> = s
        .complaint_topics
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(k, c)| (topic_label(*k, lang).to_string(), *c, ""))
        .collect();
    topics.sort_by_key(|x| std::cmp::Reverse(x.1));
    bars(&mut o, &topics);
    let _ = write!(
        o,
        "</div><div class=\"card\"><h3>{}</h3>",
        t(lang, "Toxische Inhalte", "Toxic content")
    );
    let cats: Vec<(String, u64, &str)> = s
        .categories
        .iter()
        .filter(|(_, c)| **c > 0)
        .map(|(k, c)| (category_label(*k, lang).to_string(), *c, "escalate"))
        .collect();
    bars(&mut o, &cats);
    o.push_str("</div></div>\n");
    // skipped rows
    if r.skipped > 0 {
        let _ = write!(
            o,
            "<h2>{}</h2>\n<div class=\"card\"><p>{}.</p><ul>",
            t(lang, "Übersprungene Zeilen", "Skipped rows"),
            skipped_rows(r.skipped, lang)
        );
        for k in &r.skipped_rows {
            let _ = write!(
                o,
                "<li>{} {}: {}</li>",
                t(lang, "Zeile", "Line"),
                k.line,
                esc(&k.reason)
            );
        }
        if r.skipped as usize > r.skipped_rows.len() {
            let _ = write!(o, "<li>…</li>");
        }
        o.push_str("</ul></div>\n");
    }
    // thresholds and columns
    let _ = write!(
        o,
        "<details class=\"muted\"><summary>{}</summary><div class=\"scroll\"><table>",
        t(
            lang,
            "Verwendete Schwellen und Spalten",
            "Thresholds and columns used"
        )
    );
    for (k, v) in s.thresholds.entries() {
        let _ = write!(o, "<tr><td>{k}</td><td>{v}</td></tr>");
    }
    if let Some(c) = &r.columns {
        for (k, v) in [
            ("text", Some(&c.text)),
            ("author", c.author.as_ref()),
            ("timestamp", c.timestamp.as_ref()),
            ("id", c.id.as_ref()),
            ("parent", c.parent.as_ref()),
        ] {
            let _ = write!(
                o,
                "<tr><td>{} column</td><td>{}</td></tr>",
                k,
                esc(v.map_or("–", |s| s.as_str()))
            );
        }
    }
    o.push_str("</table></div></details>\n</main></body></html>\n");
    o
}

fn skipped_rows(n: u64, lang: Lang) -> String {
    if de(lang) {
        count(n, "Zeile übersprungen", "Zeilen übersprungen")
    } else {
        count(n, "row skipped", "rows skipped")
    }
}

fn byline(author: Option<&str>, ts: Option<i64>, id: &str) -> String {
    let mut parts = Vec::new();
    if let Some(a) = author {
        parts.push(a.to_string());
    }
    if let Some(ts) = ts {
        parts.push(format_time(ts));
    }
    if !id.is_empty() {
        parts.push(format!("#{id}"));
    }
    parts.join(" · ")
}

fn bars(o: &mut String, rows: &[(String, u64, &str)]) {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    if rows.is_empty() {
        o.push_str("<p class=\"muted\">–</p>");
        return;
    }
    o.push_str("<div class=\"bars\">");
    for (label, n, class) in rows {
        let _ = write!(
            o,
            "<span>{}</span><div class=\"bar {}\" style=\"width:{:.1}%\"></div><span>{}</span>",
            esc(label),
            class,
            *n as f64 * 100.0 / max as f64,
            n
        );
    }
    o.push_str("</div>");
}

fn tick_label(ts: i64, lang: Lang) -> String {
    let full = format_time(ts); // YYYY-MM-DD HH:MM
    let (date, time) = full.split_once(' ').unwrap_or((&full, ""));
    let mut it = date.split('-');
    let (_y, m, d) = (it.next(), it.next().unwrap_or(""), it.next().unwrap_or(""));
    if lang == Lang::De {
        format!("{d}.{m}. {time}")
    } else {
        format!("{m}-{d} {time}")
    }
}

/// The timeline as an inline SVG bar chart: all comments (grey) and critical comments (red) per bucket.
fn timeline_svg(tl: &Timeline, s: &ThreadSummary, lang: Lang) -> String {
    let (w, h) = (1000.0f64, 240.0f64);
    let (left, right, top, bottom) = (44.0, 10.0, 30.0, 34.0);
    let pw = w - left - right;
    let ph = h - top - bottom;
    let n = tl.buckets.len().max(1);
    let max = tl
        .buckets
        .iter()
        .map(|b| b.counts.comments)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // round axis steps: 1, 2, 5 × 10^k
    let raw = (max / 4.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|f| f * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let ticks = (max / step).ceil().max(1.0);
    let max = step * ticks;
    let bw = pw / n as f64;
    let mut o = String::new();
    let _ = write!(
        o,
        "<svg class=\"timeline\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        t(
            lang,
            "Kommentare und kritische Kommentare über die Zeit",
            "Comments and critical comments over time"
        )
    );
    // grid and y labels
    for i in 0..=(ticks as usize) {
        let y = top + ph - ph * i as f64 / ticks;
        let v = step * i as f64;
        let _ = write!(
            o,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e3e6ea\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            w - right,
            left - 6.0,
            y + 4.0,
            v.round()
        );
    }
    let peak = s.velocity.as_ref().map(|v| v.peak.start);
    for (i, b) in tl.buckets.iter().enumerate() {
        let x = left + i as f64 * bw;
        let gap = if bw > 4.0 { 1.0 } else { 0.0 };
        let hc = ph * b.counts.comments as f64 / max;
        let hk = ph * b.counts.critical as f64 / max;
        let _ = write!(
            o,
            "<g><title>{}: {}, {} {}</title><rect x=\"{x:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{hc:.2}\" fill=\"#b8c2cc\"/><rect x=\"{x:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{hk:.2}\" fill=\"#c53030\"/></g>",
            esc(&format_time(b.start)),
            if de(lang) {
                count(b.counts.comments, "Kommentar", "Kommentare")
            } else {
                count(b.counts.comments, "comment", "comments")
            },
            b.counts.critical,
            t(lang, "kritisch", "critical"),
            top + ph - hc,
            (bw - gap).max(0.5),
            top + ph - hk,
            (bw - gap).max(0.5),
        );
        let in_bucket = |p: i64| p >= b.start && p < b.start + tl.bucket_seconds;
        if peak.is_some_and(in_bucket) && b.counts.critical > 0 {
            let cx = x + bw / 2.0;
            let _ = write!(
                o,
                "<path d=\"M{:.1} {:.1} l-5 -9 h10 z\" fill=\"#1d232b\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{}\" style=\"fill:#1d232b;font-weight:600\">{}</text>",
                cx,
                top + ph - hc - 2.0,
                cx,
                top + ph - hc - 15.0,
                if i > n * 9 / 10 {
                    "end"
                } else if i < n / 10 {
                    "start"
                } else {
                    "middle"
                },
                t(lang, "Höhepunkt", "peak")
            );
        }
    }
    // x labels: about six
    let step = n.div_ceil(6).max(1);
    for i in (0..n).step_by(step) {
        if let Some(b) = tl.buckets.get(i) {
            let x = left + i as f64 * bw;
            let _ = write!(
                o,
                "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{}\" stroke=\"#9aa5b1\"/><text x=\"{x:.1}\" y=\"{}\">{}</text>",
                top + ph,
                top + ph + 4.0,
                top + ph + 18.0,
                esc(&tick_label(b.start, lang))
            );
        }
    }
    o.push_str("</svg>");
    o
}

/// The spans to mark: the evidence the reasons cite, merged where they overlap.
fn marked_spans(a: &Analysis, len: usize) -> Vec<(Span, String)> {
    let mut idx: Vec<usize> = a
        .criticality
        .reasons
        .iter()
        .flat_map(|r| r.evidence.iter().copied())
        .collect();
    if idx.is_empty() {
        idx = (0..a.evidence.len()).collect();
    }
    idx.sort_unstable();
    idx.dedup();
    let mut spans: Vec<(Span, String)> = idx
        .into_iter()
        .filter_map(|i| a.evidence.get(i))
        .filter(|e| !matches!(e.facet, Facet::Language) && !e.span.is_empty() && e.span.end <= len)
        .map(|e| (e.span, e.id.to_string()))
        .collect();
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut merged: Vec<(Span, String)> = Vec::new();
    for (sp, id) in spans {
        match merged.last_mut() {
            Some((last, ids)) if sp.start < last.end => {
                last.end = last.end.max(sp.end);
                if !ids.contains(&id) {
                    ids.push_str(", ");
                    ids.push_str(&id);
                }
            }
            _ => merged.push((sp, id)),
        }
    }
    merged
}

/// The comment text, escaped, with the evidence marked.
fn highlighted(text: &str, a: &Analysis) -> String {
    let mut o = String::with_capacity(text.len() + 64);
    let mut pos = 0;
    for (sp, ids) in marked_spans(a, text.len()) {
        let (Some(before), Some(inner)) = (text.get(pos..sp.start), text.get(sp.start..sp.end))
        else {
            continue;
        };
        o.push_str(&esc(before));
        let _ = write!(o, "<mark title=\"{}\">{}</mark>", esc(&ids), esc(inner));
        pos = sp.end;
    }
    o.push_str(&esc(text.get(pos..).unwrap_or("")));
    o
}

fn top_comment(o: &mut String, n: usize, c: &TopComment, lang: Lang) {
    let a = &c.analysis;
    let level = a.criticality.level;
    let signals: Vec<&str> = a.signals.iter().map(|x| signal_label(*x, lang)).collect();
    let _ = write!(
        o,
        "<div class=\"card\"><div><b>{n}.</b> <span class=\"lvl {}\">{} {}</span>{} <span class=\"muted\">{}{}{}</span></div><blockquote>{}</blockquote>",
        level.key(),
        esc(level_label(level, lang)),
        a.criticality.score,
        if c.posts > 1 {
            format!(" <span class=\"dup\">{}×</span>", c.posts)
        } else {
            String::new()
        },
        esc(&byline(c.author.as_deref(), c.timestamp, &c.id)),
        if signals.is_empty() {
            String::new()
        } else {
            format!(" · {}", esc(&signals.join(", ")))
        },
        if c.replies > 0 {
            format!(
                " · {}",
                if de(lang) {
                    count(c.replies.into(), "Antwort", "Antworten")
                } else {
                    count(c.replies.into(), "reply", "replies")
                }
            )
        } else {
            String::new()
        },
        highlighted(&c.text, a)
    );
    if c.posts > 1 {
        let _ = write!(
            o,
            "<div class=\"muted\">{}</div>",
            esc(&super::posted_by(c, lang))
        );
    }
    o.push_str("<ul class=\"reasons\">");
    for r in super::shown_reasons(a) {
        let _ = write!(
            o,
            "<li>{} {}</li>",
            super::points(r.points),
            esc(&r.message)
        );
    }
    let _ = write!(
        o,
        "</ul><div class=\"muted\">{}: {}</div></div>\n",
        t(lang, "Kanal", "Channel"),
        match (a.criticality.channel, de(lang)) {
            (crate::model::Channel::Public, true) => "öffentlich",
            (crate::model::Channel::Public, false) => "public",
            (crate::model::Channel::Private, true) => "Direktnachricht",
            (crate::model::Channel::Private, false) => "private message",
        }
    );
}
