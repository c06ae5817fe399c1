//! `krisenradar scan`: finds the posts and comments in a saved social-media page and analyses each one.
//!
//! The site adapters are the same data the browser extension uses (`extension/adapters/sites.json`), so a
//! page saved from the browser gives the same comments here as the extension finds on screen. Text is taken
//! as a reader sees it: the comment's own words, without the buttons, names and dates around it, without the
//! replies nested inside it and without quoted posts.

mod adapters;
mod extract;

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::Args;
use krisenradar::{Analysis, analyze};
use scraper::Html;
use serde::Serialize;

use super::AnalysisArgs;
pub use adapters::{detect_site, site_named};
pub use extract::{Found, extract};

#[derive(Args, Debug)]
pub struct ScanArgs {
    /// A saved HTML page; stdin when missing or `-`.
    pub input: Option<String>,
    /// The site's adapter (x, youtube, facebook, instagram, linkedin, reddit, old-reddit, generic);
    /// detected from the page when not given.
    #[arg(long)]
    pub site: Option<String>,
    /// Leave the evidence out of the JSON output (smaller lines).
    #[arg(long)]
    pub no_evidence: bool,
    /// Print only what was found, without analysing it.
    #[arg(long)]
    pub no_analysis: bool,
    #[command(flatten)]
    pub analysis: AnalysisArgs,
}
/// Why a file could not be scanned.
#[derive(Debug)]
pub enum ScanError {
    NotHtml(String),
    Adapter(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::NotHtml(why) => write!(f, "not an HTML page: {why}"),
            ScanError::Adapter(e) => write!(f, "{e}"),
        }
    }
}

/// Checks that `bytes` look like an HTML document and returns it as text.
pub fn html_text(bytes: &[u8]) -> Result<String, ScanError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().take(8192).any(|b| *b == 0) {
        return Err(ScanError::NotHtml(
            "it contains binary data (NUL bytes)".into(),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            return Err(ScanError::NotHtml(format!(
                "it is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            )));
        }
    };
    let start = text.trim_start();
    if start.is_empty() {
        return Err(ScanError::NotHtml("the file is empty".into()));
    }
    if !start.starts_with('<') {
        let head: String = start.chars().take(20).collect();
        return Err(ScanError::NotHtml(format!(
            "it does not start with a tag (starts with {head:?})"
        )));
    }
    let lower = text.to_ascii_lowercase();
    let looks_html = [
        "<!doctype html",
        "<html",
        "<body",
        "<head",
        "<div",
        "<article",
        "<p>",
        "<p ",
    ]
    .iter()
    .any(|m| lower.contains(m));
    if !looks_html {
        return Err(ScanError::NotHtml(
            "no <html>, <body> or other HTML element found (XML or SVG?)".into(),
        ));
    }
    Ok(text)
}

/// Scans an HTML document: the adapter `site` (or the detected one) and what it finds.
pub fn scan_html(html: &str, site: Option<&str>) -> Result<(&'static str, Vec<Found>), ScanError> {
    let doc = Html::parse_document(html);
    let site = match site {
        Some(name) => site_named(name),
        None => detect_site(&doc),
    }
    .map_err(ScanError::Adapter)?;
    Ok((site.name.as_str(), extract(&doc, site)))
}

#[derive(Serialize)]
struct Output<'a> {
    id: usize,
    #[serde(flatten)]
    found: &'a Found,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    analysis: Option<&'a Analysis>,
}

pub fn run(args: ScanArgs) -> io::Result<ExitCode> {
    let (name, bytes) = match args.input.as_deref() {
        None | Some("-") => {
            let mut b = Vec::new();
            io::stdin().lock().read_to_end(&mut b)?;
            ("stdin".to_string(), b)
        }
        Some(p) => (
            p.to_string(),
            std::fs::read(p)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot open {p}: {e}")))?,
        ),
    };
    let html = match html_text(&bytes) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("krisenradar: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let (site, found) = match scan_html(&html, args.site.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("krisenradar: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let opts = args.analysis.options();
    let mut out = BufWriter::new(io::stdout().lock());
    for (i, f) in found.iter().enumerate() {
        let analysis = (!args.no_analysis).then(|| {
            let mut a = analyze(&f.text, &opts);
            if args.no_evidence {
                a.evidence.clear();
            }
            a
        });
        serde_json::to_writer(
            &mut out,
            &Output {
                id: i + 1,
                found: f,
                analysis: analysis.as_ref(),
            },
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "krisenradar: {name}: site {site}, {} post(s) and comment(s)",
        found.len()
    );
    Ok(ExitCode::SUCCESS)
}
