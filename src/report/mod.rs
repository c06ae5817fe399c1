//! The post-crisis report: pure rendering of a [`ThreadSummary`] as one self-contained HTML file, Markdown
//! or JSON. No I/O here; the `krisenradar report` command reads the export and writes the file.
//!
//! ```
//! use krisenradar::report::{Report, html};
//! use krisenradar::thread::{CommentIn, summarize_thread};
//!
//! let summary = summarize_thread(&[CommentIn::new("1", "Where is my <b>order</b>? Still waiting after 2 weeks!")]);
//! let page = html(&Report::new("Shop thread", "export.csv", summary));
//! assert!(page.contains("&lt;b&gt;") && page.contains("&lt;/b&gt;"));
//! assert!(!page.contains("<b>order"));
//! ```

mod html;
mod markdown;
mod mask;

use serde::{Deserialize, Serialize};

use crate::explain::{signal_label, topic_label};
use crate::model::{Lang, Signal, Topic};
use crate::text::count;
use crate::thread::{Status, ThreadSummary, dec1, format_time};

pub use html::html;
pub use markdown::markdown;
pub use mask::{mask_text, placeholder};

/// A row of the input that could not be used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedRow {
    /// Line number in the input file (1-based; for CSV the line the record starts on).
    pub line: u64,
    pub reason: String,
}

/// The columns (or JSON keys) the comments were read from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Columns {
    pub text: String,
    pub author: Option<String>,
    pub timestamp: Option<String>,
    pub id: Option<String>,
    pub parent: Option<String>,
}

/// Skipped rows listed in a report at most (the count is always complete).
pub const LISTED_SKIPPED: usize = 20;

/// Everything a report shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub title: String,
    /// The input's name (a file name, not its contents).
    pub source: String,
    /// Data rows read (used and skipped).
    pub rows: u64,
    pub skipped: u64,
    /// The first [`LISTED_SKIPPED`] skipped rows.
    pub skipped_rows: Vec<SkippedRow>,
    pub columns: Option<Columns>,
    /// The written summary for management, one paragraph per entry.
    pub management_summary: Vec<String>,
    pub summary: ThreadSummary,
    /// Show personal data (phone numbers, e-mail addresses, order and customer numbers, IBANs, street
    /// addresses) as written. Off by default: every rendering masks them ([`Report::displayed`]).
    #[serde(default)]
    pub show_personal_data: bool,
    /// In a rendered report: how many stretches of personal data were masked.
    #[serde(default)]
    pub masked_personal_data: u64,
}

impl Report {
    pub fn new(
        title: impl Into<String>,
        source: impl Into<String>,
        summary: ThreadSummary,
    ) -> Self {
        Report {
            title: title.into(),
            source: source.into(),
            rows: summary.comments,
            skipped: 0,
            skipped_rows: Vec::new(),
            columns: None,
            management_summary: management_summary(&summary),
            summary,
            show_personal_data: false,
            masked_personal_data: 0,
        }
    }

    /// Shows personal data as written instead of masking it.
    pub fn with_personal_data_shown(mut self, show: bool) -> Self {
        self.show_personal_data = show;
        self
    }

    /// The report as it is shown: with personal data masked unless [`Report::show_personal_data`] is set.
    /// Every format renders this.
    pub fn displayed(&self) -> std::borrow::Cow<'_, Report> {
        if self.show_personal_data {
            std::borrow::Cow::Borrowed(self)
        } else {
            std::borrow::Cow::Owned(mask::masked(self))
        }
    }

    /// Records skipped rows (the first [`LISTED_SKIPPED`] are listed).
    pub fn with_skipped(mut self, rows: u64, skipped: u64, listed: Vec<SkippedRow>) -> Self {
        self.rows = rows;
        self.skipped = skipped;
        self.skipped_rows = listed.into_iter().take(LISTED_SKIPPED).collect();
        self
    }

    pub fn with_columns(mut self, columns: Columns) -> Self {
        self.columns = Some(columns);
        self
    }

    pub fn lang(&self) -> Lang {
        self.summary.ui_lang
    }
}

/// The report as pretty JSON (personal data masked unless shown, like the other formats).
#[cfg(not(target_arch = "wasm32"))]
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(&*r.displayed())
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The reasons of a comment's score worth listing: those that add (or take) at least one point as shown.
pub(crate) fn shown_reasons(
    a: &crate::model::Analysis,
) -> impl Iterator<Item = &crate::model::Reason> {
    a.criticality
        .reasons
        .iter()
        .filter(|r| r.points.round() != 0.0)
}

/// Points as shown beside a reason: `+12`, `−3`.
pub(crate) fn points(p: f32) -> String {
    let p = p.round();
    if p < 0.0 {
        format!("−{:.0}", -p)
    } else {
        format!("+{p:.0}")
    }
}

/// Who posted a repeated comment: "5× gepostet von 3 Autor:innen: Anna, Ben, Clara".
pub(crate) fn posted_by(c: &crate::thread::TopComment, lang: Lang) -> String {
    let de = lang == Lang::De;
    let names = c.posters.join(", ");
    let n = c.posters.len() as u64;
    // the names are listed up to a cap: at the cap there may be more
    let capped = n as usize >= crate::thread::params::LISTED_POSTERS;
    let (at_least, more) = match (capped, de) {
        (false, _) => ("", ""),
        (true, true) => ("mindestens ", ", …"),
        (true, false) => ("at least ", ", …"),
    };
    match (de, n) {
        (_, 0) => {
            if de {
                format!("{}× gepostet (gleicher Text, ohne Autor:in)", c.posts)
            } else {
                format!("Posted {}× (same text, no author)", c.posts)
            }
        }
        (true, _) => format!(
            "{}× gepostet (gleicher Text) von {at_least}{}: {names}{more}",
            c.posts,
            count(n, "Autor:in", "Autor:innen")
        ),
        (false, _) => format!(
            "Posted {}× (same text) by {at_least}{}: {names}{more}",
            c.posts,
            count(n, "author", "authors")
        ),
    }
}

/// The note on personal data every format carries.
pub(crate) fn privacy_note(r: &Report) -> String {
    let de = r.lang() == Lang::De;
    if r.show_personal_data {
        return if de {
            "Personenbezogene Daten werden ungekürzt gezeigt (--show-personal-data).".into()
        } else {
            "Personal data is shown as written (--show-personal-data).".into()
        };
    }
    let n = r.masked_personal_data;
    if de {
        format!(
            "Personenbezogene Daten (Telefonnummern, E-Mail-Adressen, Bestell- und Kundennummern, IBANs, Anschriften) sind unkenntlich gemacht{}. Die Namen der Autor:innen sind öffentliche Profilnamen und bleiben stehen.",
            if n > 0 {
                format!(" ({})", count(n, "Stelle", "Stellen"))
            } else {
                String::new()
            }
        )
    } else {
        format!(
            "Personal data (phone numbers, e-mail addresses, order and customer numbers, IBANs, street addresses) is masked{}. Author names are public profile names and are kept.",
            if n > 0 {
                format!(" ({})", count(n, "place", "places"))
            } else {
                String::new()
            }
        )
    }
}

pub(crate) fn pct(x: f32, lang: Lang) -> String {
    if lang == Lang::De {
        format!("{:.0} %", x * 100.0)
    } else {
        format!("{:.0}%", x * 100.0)
    }
}

/// Topics people complained about most (count > 0, `other` last), with counts.
pub(crate) fn top_topics(s: &ThreadSummary, n: usize) -> Vec<(Topic, u64)> {
    let mut v: Vec<(Topic, u64)> = s
        .complaint_topics
        .iter()
        .filter(|(t, c)| **c > 0 && **t != Topic::Other)
        .map(|(t, c)| (*t, *c))
        .collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    v.truncate(n);
    v
}

/// Signals other than complaint / question / praise / spam, most frequent first.
pub(crate) fn top_signals(s: &ThreadSummary, n: usize) -> Vec<(Signal, u64)> {
    let mut v: Vec<(Signal, u64)> = s
        .signals
        .iter()
        .filter(|(k, c)| {
            **c > 0
                && !matches!(
                    k,
                    Signal::Complaint | Signal::Question | Signal::Praise | Signal::Spam
                )
        })
        .map(|(k, c)| (*k, *c))
        .collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    v.truncate(n);
    v
}

/// The short written summary for management: what happened, when it peaked, what people complained about
/// most, and what to do first. Built only from the summary's numbers.
pub fn management_summary(s: &ThreadSummary) -> Vec<String> {
    let lang = s.ui_lang;
    let de = lang == Lang::De;
    let mut out = Vec::new();
    let status = s.status.label(lang);
    // what happened
    let when = match (s.first_timestamp, s.last_timestamp) {
        (Some(a), Some(b)) => {
            let clock = s.clock.label(lang);
            if de {
                format!(
                    "Zwischen {} und {} ({clock})",
                    format_time(a),
                    format_time(b)
                )
            } else {
                format!(
                    "Between {} and {} ({clock})",
                    format_time(a),
                    format_time(b)
                )
            }
        }
        _ => {
            if de {
                "Im Export".to_string()
            } else {
                "In the export".to_string()
            }
        }
    };
    out.push(if de {
        format!(
            "{when} {} {} von {}. {} davon ({}) {} kritisch, {} negativ, {} toxisch. Einschätzung: {status}.",
            if s.comments == 1 { "kam" } else { "kamen" },
            count(s.comments, "Kommentar", "Kommentare"),
            count(s.authors, "Autor:in", "Autor:innen"),
            s.critical,
            pct(s.critical_share, lang),
            if s.critical == 1 { "war" } else { "waren" },
            pct(s.negative_share, lang),
            pct(s.toxic_share, lang),
        )
    } else {
        format!(
            "{when}, {} came from {}. {} of them ({}) {} critical, {} negative, {} toxic. Assessment: {status}.",
            count(s.comments, "comment", "comments"),
            count(s.authors, "author", "authors"),
            s.critical,
            pct(s.critical_share, lang),
            if s.critical == 1 { "was" } else { "were" },
            pct(s.negative_share, lang),
            pct(s.toxic_share, lang),
        )
    });
    // when it peaked
    if let Some(v) = &s.velocity {
        let p = &v.peak;
        if let Some(f) = v.first_spike.filter(|f| f.start < p.start) {
            out.push(if de {
                format!(
                    "Es begann plötzlich in der Stunde ab {}: {} gegenüber {} pro Stunde davor.",
                    format_time(f.start),
                    count(f.critical, "kritischer Kommentar", "kritische Kommentare"),
                    dec1(f.baseline_mean, true)
                )
            } else {
                format!(
                    "It started suddenly in the hour from {}: {} against {:.1} per hour before.",
                    format_time(f.start),
                    count(f.critical, "critical comment", "critical comments"),
                    f.baseline_mean
                )
            });
        }
        if p.critical > 0 {
            out.push(if de {
                format!(
                    "Der Höhepunkt lag in der Stunde ab {}: {} (davor im Schnitt {} pro Stunde){}.",
                    format_time(p.start),
                    count(p.critical, "kritischer Kommentar", "kritische Kommentare"),
                    dec1(p.baseline_mean, true),
                    if p.trend == crate::thread::Trend::Spike {
                        ", ein deutlicher Ausschlag"
                    } else {
                        ", ohne plötzlichen Ausschlag"
                    }
                )
            } else {
                format!(
                    "It peaked in the hour from {}: {} (against {:.1} per hour before){}.",
                    format_time(p.start),
                    count(p.critical, "critical comment", "critical comments"),
                    p.baseline_mean,
                    if p.trend == crate::thread::Trend::Spike {
                        ", a clear spike"
                    } else {
                        ", no sudden spike"
                    }
                )
            });
        }
    } else {
        out.push(
            if de {
                "Die Kommentare haben keine Zeitangaben; einen Verlauf gibt es daher nicht."
            } else {
                "The comments carry no times, so there is no timeline."
            }
            .to_string(),
        );
    }
    // what people complained about most
    let mut what: Vec<String> = s
        .recurring
        .iter()
        .take(3)
        .map(|r| {
            if de {
                format!(
                    "„{}“ ({})",
                    r.label,
                    count(r.authors, "Autor:in", "Autor:innen")
                )
            } else {
                format!(
                    "\"{}\" ({})",
                    r.label,
                    count(r.authors, "author", "authors")
                )
            }
        })
        .collect();
    let topics: Vec<String> = top_topics(s, 3)
        .into_iter()
        .map(|(t, c)| format!("{} ({c})", topic_label(t, lang)))
        .collect();
    let signals: Vec<String> = top_signals(s, 3)
        .into_iter()
        .map(|(k, c)| format!("{} ({c})", signal_label(k, lang)))
        .collect();
    if !what.is_empty() || !topics.is_empty() {
        let mut p = String::new();
        if !what.is_empty() {
            p.push_str(&if de {
                format!("Am häufigsten beklagt: {}.", what.join(", "))
            } else {
                format!("Most complained about: {}.", what.join(", "))
            });
        }
        if !topics.is_empty() {
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&if de {
                format!("Themen der Kritik: {}.", topics.join(", "))
            } else {
                format!("Topics of the criticism: {}.", topics.join(", "))
            });
        }
        if !signals.is_empty() {
            p.push_str(&if de {
                format!(" Dazu: {}.", signals.join(", "))
            } else {
                format!(" Also: {}.", signals.join(", "))
            });
        }
        what.clear();
        out.push(p);
    }
    // what to do first
    if let Some(a) = s.actions.first() {
        let head = if s.status == Status::Calm {
            if de { "Empfehlung" } else { "Recommendation" }
        } else if de {
            "Zuerst"
        } else {
            "First"
        };
        out.push(format!("{head}: {}", a.message));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_markup() {
        assert_eq!(
            escape_html(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
