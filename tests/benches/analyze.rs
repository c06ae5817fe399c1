//! `cargo bench --bench analyze`: comments/s and MB/s of the full analysis over the development texts, beside a
//! bare pass (lower-case, split into words, one hash lookup each) over the same texts; then, per language, the
//! full analysis and the bare pass timed in alternation (rounds interleaved, on the thread's CPU clock) and
//! their ratio, the figure the speed budget is set in.
//!
//! The texts are read from `../shared/data/*.jsonl` (or `$KRISENRADAR_DATA`) when that folder exists, German from
//! the files named `de-…`, English from `en-…`; otherwise a built-in set of invented comments is used, so the
//! benchmark always runs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use krisenradar::{Lang, Options, analyze, lexicon::lexicons};

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

/// The development texts with their language (from the file name); the built-in comments when there are none.
fn texts() -> Vec<(Lang, String)> {
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
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
            let lang = match name.as_deref() {
                Some(n) if n.starts_with("de-") => Lang::De,
                Some(n) if n.starts_with("en-") => Lang::En,
                _ => Lang::Other,
            };
            for line in s.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(t) = v.get("text").and_then(|t| t.as_str())
                {
                    out.push((lang, t.to_string()));
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
        out = FALLBACK
            .iter()
            .map(|s| {
                (
                    krisenradar::analyze(s, &Options::default()).lang.code,
                    s.to_string(),
                )
            })
            .collect();
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

fn bench(c: &mut Criterion, all: &[(Lang, String)]) {
    let texts: Vec<&str> = all.iter().map(|(_, t)| t.as_str()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
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

/// CPU time of this thread (`CLOCK_THREAD_CPUTIME_ID`, nanoseconds), else `None`.
#[cfg(unix)]
fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0;
    ok.then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<Duration> {
    None
}

/// Seconds `pass` takes over `texts`, `reps` times over: CPU time of the thread where the system reports it,
/// else wall time.
fn seconds(texts: &[&str], reps: usize, mut pass: impl FnMut(&str)) -> f64 {
    let (cpu0, wall0) = (thread_cpu(), Instant::now());
    for t in texts.iter().cycle().take(texts.len() * reps) {
        pass(black_box(t));
    }
    match (cpu0, thread_cpu()) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => wall0.elapsed().as_secs_f64(),
    }
}

/// Full analysis and bare pass in alternation over each language's texts: comments per second of each and the
/// ratio, per round and the median; a line of Markdown per language.
fn interleaved(all: &[(Lang, String)], rounds: usize) {
    let opts = Options::default();
    println!();
    println!(
        "| language | comments | full analysis, comments/s | bare pass, comments/s | full ÷ bare (median of {rounds} rounds) | rounds |"
    );
    println!("|---|---:|---:|---:|---:|---|");
    for (lang, name) in [(Lang::De, "German"), (Lang::En, "English")] {
        let texts: Vec<&str> = all
            .iter()
            .filter(|(l, _)| *l == lang)
            .map(|(_, t)| t.as_str())
            .collect();
        if texts.is_empty() {
            continue;
        }
        // small sets (the built-in comments) are passed over several times, so that a pass is long enough to time
        let reps = 20_000usize.div_ceil(texts.len());
        let n = (texts.len() * reps) as f64;
        let mut buf = String::new();
        let (mut full, mut bare_s, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            let f = seconds(&texts, reps, |t| {
                black_box(analyze(t, &opts));
            });
            let b = seconds(&texts, reps, |t| {
                black_box(bare(t, &mut buf));
            });
            full.push(n / f);
            bare_s.push(n / b);
            ratios.push(f / b);
        }
        let median = |v: &[f64]| {
            let mut v = v.to_vec();
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        let list: Vec<String> = ratios.iter().map(|r| format!("{r:.1}×")).collect();
        println!(
            "| {name} | {} | {:.0} | {:.0} | **{:.1}×** | {} |",
            texts.len(),
            median(&full),
            median(&bare_s),
            median(&ratios),
            list.join(" · ")
        );
    }
    if thread_cpu().is_none() {
        println!("(wall time: this system does not report a thread's CPU time)");
    }
}

fn main() {
    // `cargo bench -- --test` (and `cargo test --benches`) only checks that everything runs: one round
    let test_mode = std::env::args().any(|a| a == "--test");
    // the texts are read once for both parts
    let all = texts();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &all);
    c.final_summary();
    interleaved(&all, if test_mode { 1 } else { 5 });
}
