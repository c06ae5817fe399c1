//! The `krisenradar` command line: the static analyser over exports, saved pages and drafts.
//!
//! Exit codes: 0 success; 1 an error-level finding (where a command says so); 2 usage or fatal error;
//! 3 some input lines were skipped (each reported on stderr with its line number).

mod cli;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "krisenradar",
    version,
    about = "Finds the comments that can turn into a crisis — on your own machine."
)]
struct App {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse comments: JSONL {"id","text"} in, one JSON analysis per line out (or CSV).
    Score(cli::score::ScoreArgs),
    /// Explain the verdict on one comment, with the evidence marked in the text.
    Explain(cli::explain::ExplainArgs),
    /// Find the posts and comments in a saved page (X, YouTube, Facebook, Instagram, LinkedIn, Reddit, …)
    /// and analyse each one: one JSON line per post or comment.
    Scan(cli::scan::ScanArgs),
    /// Post-crisis report (HTML, Markdown or JSON) from a CSV or JSONL export of a thread.
    Report(cli::report::ReportArgs),
    /// Check a reply draft: tone, empathy, accountability, privacy, legal risk (exit 1 on an error).
    Lint(cli::lint::LintArgs),
    /// Suggest two to four reply drafts for a comment.
    Suggest(cli::suggest::SuggestArgs),
}

fn main() -> ExitCode {
    let app = App::parse();
    let result = match app.command {
        Command::Score(args) => cli::score::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Scan(args) => cli::scan::run(args),
        Command::Report(args) => cli::report::run(args),
        Command::Lint(args) => cli::lint::run(args),
        Command::Suggest(args) => cli::suggest::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("krisenradar: error: {e}");
            ExitCode::from(2)
        }
    }
}
