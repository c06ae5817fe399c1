//! `cargo bench`: comments/s and MB/s of the full analysis over the development texts, beside a bare pass
//! (lower-case, split into words, one hash lookup each) over the same texts.
//!
//! The texts are read from `../shared/data/*.jsonl` (or `$KRISENRADAR_DATA`) when that folder exists; otherwise a
//! built-in set of invented comments is used, so the benchmark always runs.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use krisenradar::{Options, analyze, lexicon::lexicons};

const FALLBACK: &[&str] = &[
    "Seit drei Wochen warte ich auf mein Paket. Niemand antwortet. Ich gehe jetzt zum Anwalt!",
    "Super Service, danke für die schnelle Hilfe!",
    "Ihr seid doch alle Vollidioten, boykottiert diesen Drecksladen!!!",
    "Where is my order? Still waiting after 2 weeks, this is unacceptable.",
    "Love the new app update, works great :)",
    "geil, verdammt gut!",
    "My kid had an allergic reaction after eating your cereal. Recall it now.",
    "Kann mir jemand sagen, wann die Filiale in Köln wieder öffnet?",
];

fn texts() -> Vec<String> {
    let dir = std::env::var_os("KRISENRADAR_DATA")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let mut out = Vec::new();
    if let Ok(read) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> = read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        for f in files {
            let Ok(s) = std::fs::read_to_string(&f) else {
                continue;
            };
            for line in s.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(t) = v.get("text").and_then(|t| t.as_str())
                {
                    out.push(t.to_string());
                }
            }
        }
    }
    if out.is_empty() {
        // said out loud: figures over 8 comments are not comparable with figures over the development texts
        eprintln!(
            "no texts in {}: benchmarking the {} built-in comments (set KRISENRADAR_DATA to the data folder)",
            dir.display(),
            FALLBACK.len()
        );
        out = FALLBACK.iter().map(|s| s.to_string()).collect();
    }
    out
}

/// The bare pass: lower-case, split on non-alphanumerics, one hash lookup per word in the same word table.
fn bare(text: &str, buf: &mut String) -> usize {
    let words = &lexicons().words;
    buf.clear();
    for c in text.chars() {
        buf.extend(c.to_lowercase());
    }
    buf.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && words.contains_key(*w))
        .count()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let opts = Options::default();
    let _ = analyze("warm up", &opts);
    eprintln!(
        "benchmark corpus: {} comments, {:.2} MB",
        texts.len(),
        bytes as f64 / 1e6
    );
    let mut g = c.benchmark_group("dev-corpus");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(8))
        .warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("analyze (comments)", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(analyze(black_box(t), &opts));
            }
        })
    });
    g.bench_function("bare pass (comments)", |b| {
        let mut buf = String::new();
        b.iter(|| {
            for t in &texts {
                black_box(bare(black_box(t), &mut buf));
            }
        })
    });
    // the learned heads alone (each text in the language the analysis detected)
    let langs: Vec<_> = texts.iter().map(|t| analyze(t, &opts).lang.code).collect();
    g.bench_function("learned heads (comments)", |b| {
        b.iter(|| {
            for (t, &l) in texts.iter().zip(&langs) {
                black_box(krisenradar::learned::read_for_analysis(black_box(t), l));
            }
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("analyze (bytes)", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(analyze(black_box(t), &opts));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
