//! Time of `analyze` and `lint_reply` on one huge text of each pathological pattern, at 1, 10 and 100 MB:
//! a linear path costs 10× per step, a quadratic one 100×. Prints a Markdown table of ratios (the seconds
//! depend on the machine; the ratios do not).
//!
//!     cargo bench --bench linear                      # 1 and 10 MB
//!     KRISENRADAR_BENCH_HUGE=1 cargo bench --bench linear   # and 100 MB (several GB of memory)
//!
//! Each size runs twice (once at 100 MB) and the shorter time counts. Criterion's repeated sampling would
//! take hours at these sizes, so this bench times single calls.

use std::time::{Duration, Instant};

use krisenradar::reply::{ReplyContext, lint_reply};
use krisenradar::{Lang, Options, analyze};

const PATTERNS: [(&str, &str); 6] = [
    ("umlaut run (\"wääää \")", "wääää "),
    ("plain letters (\"waaaa \", control)", "waaaa "),
    (
        "long sentences",
        "Wir prüfen das gern noch einmal ganz genau für Sie und melden uns dann so schnell wie möglich \
         wieder bei Ihnen mit einer Lösung für das Problem mit der Lieferung und der Rechnung. ",
    ),
    ("masked swear words", "Sch***e, ihr f***ing Idioten!!! "),
    (
        "German complaint",
        "Die Lieferung ist seit Wochen nicht da, ich gehe zum Anwalt! ",
    ),
    ("one-word lines", "ok\n"),
];

fn text(pattern: &str, bytes: usize) -> String {
    pattern.repeat(bytes / pattern.len() + 1)
}

fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and only wants it to build
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let huge = std::env::var_os("KRISENRADAR_BENCH_HUGE").is_some();
    let sizes: &[usize] = if huge {
        &[1 << 20, 10 << 20, 100 << 20]
    } else {
        &[1 << 20, 10 << 20]
    };
    let opts = Options::new(Lang::De);
    let ctx = ReplyContext::default();
    println!(
        "| pattern | call | 1 MB | 10 MB ÷ 1 MB |{}",
        if huge { " 100 MB ÷ 10 MB |" } else { "" }
    );
    println!("|---|---|---|---|{}", if huge { "---|" } else { "" });
    for (name, pattern) in PATTERNS {
        for call in ["analyze", "lint"] {
            let mut times = Vec::new();
            for &size in sizes {
                let t = text(pattern, size);
                let runs = if size > 10 << 20 { 1 } else { 2 };
                times.push(best(runs, || {
                    if call == "analyze" {
                        std::hint::black_box(analyze(&t, &opts));
                    } else {
                        std::hint::black_box(lint_reply(&t, &ctx));
                    }
                }));
            }
            let ratios: Vec<String> = times
                .windows(2)
                .map(|w| format!(" {:.1}× |", w[1].as_secs_f64() / w[0].as_secs_f64()))
                .collect();
            println!(
                "| {name} | {call} | {:.2} s |{}",
                times[0].as_secs_f64(),
                ratios.concat()
            );
        }
    }
}
