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
