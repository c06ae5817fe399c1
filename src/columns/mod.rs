//! Which column of an export holds what: the text, the author, the time, the id, the answered comment.
//!
//! One list of German and English column names ([`names.tsv`](names.tsv), data, not code) serves the CLI
//! (`report`, `score`) and the demo page (through `detectColumns` in the WASM build), so the same export is
//! read the same way everywhere.
//!
//! ```
//! use krisenradar::columns::{Role, find};
//!
//! let headers = ["Nr.", "Datum", "Verfasser", "Kommentartext"];
//! assert_eq!(find(&headers, Role::Text, None), Some(3));
//! assert_eq!(find(&headers, Role::Author, None), Some(2));
//! assert_eq!(find(&headers, Role::Time, None), Some(1));
//! assert_eq!(find(&headers, Role::Id, None), Some(0));
//! // a name given by the user wins, compared exactly, then folded
//! assert_eq!(find(&headers, Role::Text, Some("verfasser")), Some(2));
//! ```

use std::sync::OnceLock;

use serde::Serialize;

use crate::text::fold;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Text,
    Author,
    /// Date and time (or only the date, see [`Role::DateOnly`]).
    Time,
    /// A separate time-of-day column, joined to a date-only column.
    Clock,
    /// Names that mark a time column as holding only the day.
    DateOnly,
    Id,
    /// The id of the comment this one answers.
    Parent,
}

impl Role {
    const ALL: [Role; 7] = [
        Role::Text,
        Role::Author,
        Role::Time,
        Role::Clock,
        Role::DateOnly,
        Role::Id,
        Role::Parent,
    ];

    fn key(self) -> &'static str {
        match self {
            Role::Text => "text",
            Role::Author => "author",
            Role::Time => "time",
            Role::Clock => "clock",
            Role::DateOnly => "date",
            Role::Id => "id",
            Role::Parent => "parent",
        }
    }
}

const NAMES: &str = include_str!("names.tsv");

/// The folded names for a role, in order of preference.
pub fn names(role: Role) -> &'static [&'static str] {
    static TABLE: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = vec![Vec::new(); Role::ALL.len()];
        for line in NAMES.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, name) = line.split_once('\t').expect("names.tsv: role<TAB>name");
            let slot = Role::ALL
                .iter()
                .position(|r| r.key() == key)
                .expect("names.tsv: unknown role");
            table[slot].push(name);
        }
        table
    });
    let slot = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
    &table[slot]
}

/// A column name as compared: folded (lower case, umlauts spelt out), letters and digits only, BOM removed.
pub fn normalize(s: &str) -> String {
    fold(s.trim_start_matches('\u{feff}'))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The column for a role: the user's name for it (exact, else after normalising), else the first preferred
/// name found among the headers.
pub fn find<S: AsRef<str>>(headers: &[S], role: Role, given: Option<&str>) -> Option<usize> {
    let normed: Vec<String> = headers.iter().map(|h| normalize(h.as_ref())).collect();
    if let Some(g) = given {
        let ng = normalize(g);
        return headers
            .iter()
            .position(|h| h.as_ref() == g)
            .or_else(|| normed.iter().position(|h| *h == ng));
    }
    names(role)
        .iter()
        .find_map(|n| normed.iter().position(|h| h == n))
}

/// Whether a header is one of a role's names.
pub fn is(header: &str, role: Role) -> bool {
    let n = normalize(header);
    names(role).iter().any(|x| *x == n)
}

/// The columns found in a header line (indices), as the CLI would choose them without flags. The author,
/// time, id and parent are never the text column, the parent never the id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Detected {
    pub text: Option<usize>,
    pub author: Option<usize>,
    pub time: Option<usize>,
    /// A separate time-of-day column next to a date-only `time` column.
    pub clock: Option<usize>,
    pub id: Option<usize>,
    pub parent: Option<usize>,
}

/// Detects every role's column in a header line.
pub fn detect<S: AsRef<str>>(headers: &[S]) -> Detected {
    detect_given(headers, &Given::default())
}

/// Column names the user gave for some roles (`--text-column` …); the other roles are detected.
#[derive(Clone, Copy, Debug, Default)]
pub struct Given<'a> {
    pub text: Option<&'a str>,
    pub author: Option<&'a str>,
    pub time: Option<&'a str>,
    pub id: Option<&'a str>,
    pub parent: Option<&'a str>,
}

/// Every role's column in a header line, the given names first ([`find`]).
pub fn detect_given<S: AsRef<str>>(headers: &[S], given: &Given<'_>) -> Detected {
    let text = find(headers, Role::Text, given.text);
    let not_text = |i: Option<usize>| i.filter(|&i| Some(i) != text);
    let time = not_text(find(headers, Role::Time, given.time));
    let clock = time
        .filter(|&t| is(headers[t].as_ref(), Role::DateOnly))
        .and_then(|t| {
            names(Role::Clock).iter().find_map(|n| {
                headers
                    .iter()
                    .position(|h| normalize(h.as_ref()) == *n)
                    .filter(|&c| c != t && Some(c) != text)
            })
        });
    let id = not_text(find(headers, Role::Id, given.id));
    Detected {
        text,
        author: not_text(find(headers, Role::Author, given.author)),
        time,
        clock,
        id,
        parent: not_text(find(headers, Role::Parent, given.parent)).filter(|&i| Some(i) != id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_names_and_every_name_is_folded() {
        for role in Role::ALL {
            assert!(!names(role).is_empty(), "{role:?}");
            for n in names(role) {
                assert_eq!(
                    normalize(n),
                    *n,
                    "{role:?}: {n} is not in its compared form"
                );
            }
        }
    }

    #[test]
    fn german_and_english_exports() {
        let de = [
            "Kommentar-ID",
            "Erstellt am",
            "Benutzername",
            "Nachricht",
            "Antwort auf",
        ];
        let en = [
            "comment_id",
            "created_at",
            "username",
            "message",
            "in_reply_to",
        ];
        for h in [&de, &en] {
            let d = detect(h);
            assert_eq!(
                (d.id, d.time, d.author, d.text, d.parent),
                (Some(0), Some(1), Some(2), Some(3), Some(4)),
                "{h:?}"
            );
        }
    }

    #[test]
    fn date_and_clock_columns() {
        let d = detect(&["Datum", "Uhrzeit", "Text"]);
        assert_eq!((d.time, d.clock, d.text), (Some(0), Some(1), Some(2)));
        let d = detect(&["Zeitpunkt", "Uhrzeit", "Text"]);
        assert_eq!(d.clock, None, "a full timestamp column needs no clock");
    }

    #[test]
    fn umlauts_bom_and_punctuation() {
        assert_eq!(normalize("\u{feff}Veröffentlicht am"), "veroeffentlichtam");
        assert_eq!(find(&["Veröffentlicht am"], Role::Time, None), Some(0));
        assert_eq!(find(&["x", "y"], Role::Text, None), None);
    }
}
