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
use krisenradar::Options;
use krisenradar::analyze::toxicity_rule_side;
use krisenradar::learned::combine;
use krisenradar::learned::train::{
    HeadKind, TrainConfig, fit_combination, fit_polarity, holdout_jsonl, train_head, train_head_on,
};
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
    Identity(HeadArgs),
    /// Train the offence heads, print the cross-validation table, write offence_<lang>.bin.
    Offence(HeadArgs),
    /// Train the negative and positive polarity heads and their combination with the rules' sentiment,
    /// print the cross-validation tables, write negative_<lang>.bin, positive_<lang>.bin and
    /// polarity_combine.tsv.
    Polarity(HeadArgs),
    /// Print the held-back rows (never trained on) as JSONL {"text": …}.
    Holdout(HoldoutArgs),
    /// Fit the reply checker's respect weights on the GoEmotions comments, print the cross-validated
    /// Spearman correlation (and the measured one on the politeness ratings, when there), write the
    /// weights file.
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
struct HeadArgs {
    /// The data folder (holding train/).
    #[arg(long)]
    data: PathBuf,
    /// Where to write <head>_de.bin and <head>_en.bin; nothing is written without it.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where to write the fold models <head>_<lang>.fold<k>.bin, for out-of-fold scoring of the training
    /// files with `KRISENRADAR_OOF_MODELS` (see docs/learning.md).
    #[arg(long)]
    folds_out: Option<PathBuf>,
    /// Write the out-of-fold probabilities of the cross-validation rows as JSONL {key, p, label}.
    #[arg(long)]
    oof_out: Option<PathBuf>,
    /// Train on these files (comma-separated, relative to --data) instead of the head's own.
    #[arg(long, value_delimiter = ',')]
    files: Vec<String>,
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
    /// The data folder (holding train/en-goemotions-train.jsonl; replies/en-politeness-stackexchange-dev.jsonl
    /// is only measured, when there).
    #[arg(long)]
    data: PathBuf,
    /// Where to write the weights (src/reply/respect_weights.tsv); nothing is written without it.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long)]
    seed: Option<u64>,
    /// Write weights fitted with this ridge strength (default: the fixed prior strength).
    #[arg(long)]
    lambda: Option<f64>,
}

fn respect(args: &RespectArgs) -> Result<(), String> {
    let mut cfg = RespectConfig::default();
    if let Some(s) = args.seed {
        cfg.seed = s;
    }
    if let Some(l) = args.lambda {
        cfg.lambda = l;
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

fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}

fn polarity(args: &HeadArgs) -> Result<(), String> {
    let langs = langs(&args.lang).ok_or_else(|| format!("unknown language `{}`", args.lang))?;
    let mut tsv = String::from(
        "# The polarity heads combined with the rules' sentiment score (src/learned/combine.rs), written by\n\
         # `krisenradar-train polarity`: logistic regressions on out-of-fold head probabilities; thresholds =\n\
         # best three-class macro-F1 out of fold, averaged with the neighbouring thresholds.\n",
    );
    tsv.push_str(&combine::POLARITY_COLUMNS.join("\t"));
    tsv.push('\n');
    for &lang in &langs {
        let mut cfg = TrainConfig::polarity(lang);
        if let Some(v) = args.l1 {
            cfg.l1 = v;
        }
        if let Some(v) = args.epochs {
            cfg.epochs = v;
        }
        let negative = train_head(&args.data, HeadKind::Negative, &cfg)?;
        println!("{}", negative.report.table());
        let positive = train_head(&args.data, HeadKind::Positive, &cfg)?;
        println!("{}", positive.report.table());
        if let Some(path) = &args.oof_out {
            for (name, trained) in [("negative", &negative), ("positive", &positive)] {
                write_oof(
                    &path.with_extension(format!("{name}.{}.jsonl", lang.code())),
                    trained,
                )?;
            }
        }
        let opts = Options::default().with_lang_hint(Some(lang));
        let fit = fit_polarity(
            &negative,
            &positive,
            HeadKind::Negative.calibration_file(),
            |t| f64::from(krisenradar::analyze(t, &opts).sentiment.score),
        )?;
        println!(
            "polarity/{}: the heads combined with the rules\n\n{}",
            lang.code(),
            fit.table
        );
        tsv.push_str(&fit.combiner.lines(lang));
        if let Some(dir) = &args.out {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            write(
                &dir.join(format!("negative_{}.bin", lang.code())),
                &negative.blob,
            )?;
            write(
                &dir.join(format!("positive_{}.bin", lang.code())),
                &positive.blob,
            )?;
        }
    }
    if let Some(dir) = &args.out {
        // only the languages trained here: the shipped file is `--lang en` (see docs/learning.md)
        write(&dir.join("polarity_combine.tsv"), tsv.as_bytes())?;
    }
    Ok(())
}

/// Writes the out-of-fold probabilities of the cross-validation rows as JSONL `{key, p, label}`.
fn write_oof(
    path: &std::path::Path,
    trained: &krisenradar::learned::train::Trained,
) -> Result<(), String> {
    let mut out = String::new();
    for r in &trained.oof {
        let line = serde_json::json!({"key": r.key, "p": r.p, "label": r.label});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    write(path, out.as_bytes())
}

fn head(kind: HeadKind, args: &HeadArgs) -> Result<(), String> {
    let langs = langs(&args.lang).ok_or_else(|| format!("unknown language `{}`", args.lang))?;
    let mut combiners = Vec::new();
    for &lang in &langs {
        let mut cfg = match kind {
            HeadKind::Identity => TrainConfig::identity(lang),
            HeadKind::Offence => TrainConfig::offence(lang),
            HeadKind::Negative | HeadKind::Positive => TrainConfig::polarity(lang),
        };
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
        let files: Vec<&str> = args.files.iter().map(String::as_str).collect();
        let trained = train_head_on(&args.data, kind, &cfg, &files)?;
        println!("{}", trained.report.table());
        let name = format!("{}_{}", kind.name(), lang.code());
        if let Some(dir) = &args.out {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let path = dir.join(format!("{name}.bin"));
            std::fs::write(&path, &trained.blob).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {} ({} bytes)\n", path.display(), trained.blob.len());
        }
        if let Some(path) = &args.oof_out {
            write_oof(
                &path.with_extension(format!("{}.jsonl", lang.code())),
                &trained,
            )?;
        }
        if let Some(dir) = &args.folds_out {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            for (k, blob) in trained.fold_blobs.iter().enumerate() {
                let path = dir.join(format!("{name}.fold{k}.bin"));
                std::fs::write(&path, blob).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            println!(
                "wrote {} fold models to {}\n",
                trained.fold_blobs.len(),
                dir.display()
            );
        }
        if kind == HeadKind::Offence {
            let opts = Options::default().with_lang_hint(Some(lang));
            let combination = fit_combination(&trained, kind.calibration_file(), |text| {
                toxicity_rule_side(text, &opts).1
            });
            println!(
                "offence/{}: the head combined with the rules\n\n{}",
                lang.code(),
                combination.table
            );
            combiners.push((lang, combination.combiner));
        }
    }
    if let (Some(dir), false) = (&args.out, combiners.is_empty()) {
        if combiners.len() != 2 {
            println!("offence_combine.tsv is written only when both languages are trained");
            return Ok(());
        }
        let mut tsv = String::from(
            "# The offence head combined with the rules (src/learned/combine.rs), written by\n\
             # `krisenradar-train offence`: logistic regression on out-of-fold head probabilities; threshold =\n\
             # best macro-F1 out of fold, averaged with the neighbouring thresholds.\n",
        );
        tsv.push_str(&combine::columns().join("\t"));
        tsv.push('\n');
        for (lang, c) in &combiners {
            tsv.push_str(&c.line(*lang));
            tsv.push('\n');
        }
        let path = dir.join("offence_combine.tsv");
        std::fs::write(&path, tsv).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    let app = App::parse();
    let result = match &app.command {
        Command::Identity(args) => head(HeadKind::Identity, args),
        Command::Offence(args) => head(HeadKind::Offence, args),
        Command::Polarity(args) => polarity(args),
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
