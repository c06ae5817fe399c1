//! `krisenradar scan`: finds the posts and comments in a saved social-media page and analyses each one.
//!
//! The site adapters are the same data the browser extension uses (`extension/adapters/sites.json`), so a
//! page saved from the browser gives the same comments here as the extension finds on screen. Text is taken
//! as a reader sees it: the comment's own words, without the buttons, names and dates around it, without the
//! replies nested inside it and without quoted posts.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::Args;
use krisenradar::{Analysis, analyze};
use serde::Serialize;

use super::AnalysisArgs;
use krisenradar::scan::{Found, html_text, scan_html};

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
    let scan = match scan_html(&html, args.site.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("krisenradar: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let opts = args.analysis.options();
    let mut out = BufWriter::new(io::stdout().lock());
    let found = &scan.found;
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
    if found.is_empty() {
        eprintln!(
            "krisenradar: {name}: found no posts or comments (adapters tried: {}; the generic one also looked \
             for comment-like repeated blocks). If the page is from a supported site, save it again once the \
             comments are loaded and expanded, or name the site with --site.",
            scan.tried.join(", ")
        );
        return Ok(ExitCode::from(EXIT_NOTHING_FOUND));
    }
    let how = if scan.structural {
        " (comment-like repeated blocks)"
    } else {
        ""
    };
    let posts = found.iter().filter(|f| f.kind == "post").count();
    eprintln!(
        "krisenradar: {name}: adapter {}{how}, {} {} and {} {}{}",
        scan.site,
        posts,
        if posts == 1 { "post" } else { "posts" },
        found.len() - posts,
        if found.len() - posts == 1 {
            "comment"
        } else {
            "comments"
        },
        if scan.tried.len() > 1 {
            format!(
                " (tried before: {})",
                scan.tried[..scan.tried.len() - 1].join(", ")
            )
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// The exit code when a page was read but nothing was found on it.
pub const EXIT_NOTHING_FOUND: u8 = 4;
