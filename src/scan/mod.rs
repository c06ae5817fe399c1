//! Saved pages: finds the posts and comments in a saved social-media page (X, YouTube, Facebook, Instagram,
//! LinkedIn, Reddit or any page with comment-like blocks), with their text as a reader sees it.
//!
//! The site adapters are the same data the browser extension uses (`extension/adapters/sites.json`), so a
//! page saved from the browser gives the same comments here as the extension finds on screen. Text is taken
//! as a reader sees it: the comment's own words, without the buttons, names and dates around it, without the
//! replies nested inside it and without quoted posts. Native only (the extension reads the live page).
//!
//! Every walk over the document keeps its own stack and visits each element a bounded number of times, so a
//! page nested tens of thousands of levels deep neither overflows the stack nor takes quadratic time in the
//! extraction. (The HTML parser itself, following the WHATWG algorithm, checks the stack of open elements for
//! some tags; past a few thousand levels that cost grows with depth — 10,000 levels parse in about 1.6 s.)

mod adapters;
mod extract;
mod structure;

use scraper::Html;

pub use adapters::{SITES_JSON, Site, candidates, site_named, sites};
pub use extract::{Extracted, Found, extract, normalize_text};

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

/// What a scan found, and how.
#[derive(Debug)]
pub struct Scan {
    /// The adapter that found the items (the last one tried when nothing was found).
    pub site: &'static str,
    /// Found by the structural fallback (comment-like repeated blocks), not by an adapter's selectors.
    pub structural: bool,
    /// The adapters tried, in order, the last being [`Scan::site`].
    pub tried: Vec<&'static str>,
    pub found: Vec<Found>,
}

/// Scans an HTML document with the adapter `site`, or with the first candidate that finds something (the
/// adapters for the page's address, those whose markup is on the page, then the generic adapter with its
/// structural fallback).
pub fn scan_html(html: &str, site: Option<&str>) -> Result<Scan, ScanError> {
    let doc = Html::parse_document(html);
    let candidates = match site {
        Some(name) => vec![site_named(name).map_err(ScanError::Adapter)?],
        None => candidates(&doc).map_err(ScanError::Adapter)?,
    };
    let mut tried = Vec::new();
    let mut last = Extracted::default();
    for s in candidates {
        tried.push(s.name.as_str());
        last = extract(&doc, s);
        if !last.found.is_empty() {
            break;
        }
    }
    Ok(Scan {
        site: tried.last().copied().unwrap_or("generic"),
        structural: last.structural,
        tried,
        found: last.found,
    })
}
