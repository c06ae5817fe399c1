//! `krisenradar-train`: trains the learned heads (see `docs/learning.md`). Deterministic: the same data and
//! settings write byte-identical blobs.
//!
//! ```text
//! cargo run --release --features train --bin krisenradar-train -- identity --data ../shared/data --out src/learned/models/
//! cargo run --release --features train --bin krisenradar-train -- holdout --data ../shared/data --lang de --label identity_attack --positive-only
//! cargo run --release --features train --bin krisenradar-train -- respect --data ../shared/data --out src/reply/respect_weights.tsv
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use krisenradar::Lang;
use krisenradar::learned::train::{TrainConfig, holdout_jsonl, train_identity};
use krisenradar::learned::train_respect::{RespectConfig, train_respect};
use krisenradar::learned::{Head, identity_head};

#[derive(Parser)]
#[command(
    name = "krisenradar-train",
    version,
    about = "Trains krisenradar's learned heads."
)]
struct App {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train the identity-attack heads, print the cross-validation table, write identity_<lang>.bin.
    Identity(IdentityArgs),
    /// Print the held-back rows (never trained on) as JSONL {"text": …}.
    Holdout(HoldoutArgs),
    /// Fit the reply checker's respect weights on the politeness data, print the cross-validated and
    /// held-out Spearman correlations, write the weights file.
    Respect(RespectArgs),
    /// Score texts with a head (the shipped one, or --model FILE): p and the words that raised it.
    Score(ScoreArgs),
}

#[derive(clap::Args)]
struct ScoreArgs {
    #[arg(long)]
    lang: String,
    /// A blob to use instead of the shipped head.
    #[arg(long)]
    model: Option<PathBuf>,
    texts: Vec<String>,
}

fn score(args: &ScoreArgs) -> Result<(), String> {
    let lang = match langs(&args.lang).as_deref() {
        Some([l]) => *l,
        _ => return Err(format!("--lang must be de or en, not `{}`", args.lang)),
    };
    let head = match &args.model {
        Some(path) => {
            let blob = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Head::parse(&blob).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => identity_head(lang)
            .cloned()
            .ok_or("no shipped head for this language")?,
    };
    for text in &args.texts {
        let s = head.score(text);
        let words: Vec<String> = s
            .contributions
            .iter()
            .map(|c| format!("{} {:+.2}", c.span.slice(text), c.weight))
            .collect();
        println!("{:.3}\t{text}\t{}", s.p, words.join(", "));
    }
    Ok(())
}

#[derive(clap::Args)]
struct IdentityArgs {
    /// The data folder (holding train/).
    #[arg(long)]
    data: PathBuf,
    /// Where to write identity_de.bin and identity_en.bin; nothing is written without it.
    #[arg(long)]
    out: Option<PathBuf>,
    /// de, en or both.
    #[arg(long, default_value = "both")]
    lang: String,
    /// log2 of the bucket count (shipped: 18).
    #[arg(long)]
    bucket_bits: Option<u8>,
    /// Most nonzero weights kept.
    #[arg(long)]
    top_n: Option<usize>,
    /// No character n-grams.
    #[arg(long)]
    no_char: bool,
    /// No word 2-grams.
    #[arg(long)]
    no_bigrams: bool,
    #[arg(long)]
    epochs: Option<u32>,
    #[arg(long)]
    alpha: Option<f64>,
    #[arg(long)]
    l1: Option<f64>,
    #[arg(long)]
    l2: Option<f64>,
    #[arg(long)]
    seed: Option<u64>,
}

#[derive(clap::Args)]
struct RespectArgs {
    /// The data folder (holding replies/en-politeness-stackexchange-dev.jsonl).
    #[arg(long)]
    data: PathBuf,
    /// Where to write the weights (src/reply/respect_weights.tsv); nothing is written without it.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also print the cross-validated figures with hashed word 1-2-grams in 2^BITS buckets (experiment).
    #[arg(long)]
    ngram_bits: Option<u8>,
    #[arg(long)]
    seed: Option<u64>,
}

fn respect(args: &RespectArgs) -> Result<(), String> {
    let mut cfg = RespectConfig::default();
    if let Some(b) = args.ngram_bits {
        if !(8..=22).contains(&b) {
            return Err(format!("--ngram-bits must be 8..=22, not {b}"));
        }
        cfg.ngram_bits = Some(b);
    }
    if let Some(s) = args.seed {
        cfg.seed = s;
    }
    let fit = train_respect(&args.data, &cfg)?;
    print!("{}", fit.report);
    if let Some(path) = &args.out {
        std::fs::write(path, &fit.tsv).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

#[derive(clap::Args)]
struct HoldoutArgs {
    #[arg(long)]
    data: PathBuf,
    #[arg(long)]
    lang: String,
    #[arg(long, default_value = "identity_attack")]
    label: String,
    /// Only rows whose label is true.
    #[arg(long)]
    positive_only: bool,
}

fn langs(s: &str) -> Option<Vec<Lang>> {
    match s {
        "both" | "all" => Some(vec![Lang::De, Lang::En]),
        _ => match Lang::parse(s)? {
            Lang::Other => None,
            l => Some(vec![l]),
        },
    }
}

fn identity(args: &IdentityArgs) -> Result<(), String> {
    let langs = langs(&args.lang).ok_or_else(|| format!("unknown language `{}`", args.lang))?;
    for lang in langs {
        let mut cfg = TrainConfig::identity(lang);
        if let Some(b) = args.bucket_bits {
            cfg.features.bucket_bits = b;
        }
        if args.no_char {
            cfg.features.char_min = 0;
            cfg.features.char_max = 0;
        }
        if args.no_bigrams {
            cfg.features.bigrams = false;
        }
        if let Some(v) = args.top_n {
            cfg.top_n = v;
        }
        if let Some(v) = args.epochs {
            cfg.epochs = v;
        }
        if let Some(v) = args.alpha {
            cfg.alpha = v;
        }
        if let Some(v) = args.l1 {
            cfg.l1 = v;
        }
        if let Some(v) = args.l2 {
            cfg.l2 = v;
        }
        if let Some(v) = args.seed {
            cfg.seed = v;
        }
        let trained = train_identity(&args.data, &cfg)?;
        println!("{}", trained.report.table());
        if let Some(dir) = &args.out {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let path = dir.join(format!("identity_{}.bin", lang.code()));
            std::fs::write(&path, &trained.blob).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {} ({} bytes)\n", path.display(), trained.blob.len());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let app = App::parse();
    let result = match &app.command {
        Command::Identity(args) => identity(args),
        Command::Score(args) => score(args),
        Command::Respect(args) => respect(args),
        Command::Holdout(args) => match langs(&args.lang) {
            Some(l) if l.len() == 1 => {
                holdout_jsonl(&args.data, l[0], &args.label, args.positive_only)
                    .map(|s| print!("{s}"))
            }
            _ => Err(format!("--lang must be de or en, not `{}`", args.lang)),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("krisenradar-train: {e}");
            ExitCode::from(2)
        }
    }
}
