//! `cargo bench --bench thread`: the cost of the thread summary at 100,000 comments.
//!
//! - `summarize_100k`: analyse and fold 100,000 comments (what `summarize_thread` and the report do);
//! - `fold_100k`: only the thread's own work (comments analysed beforehand, `push_analyzed`);
//! - `summary_of_100k`: reading the summary from a filled state (incremental: independent of the count).
//!
//! The peak resident memory (VmHWM from /proc/self/status, Linux) is printed after each stage.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use krisenradar::thread::{ThreadState, summarize_thread};
use krisenradar::{Options, analyze};

#[path = "../thread_gen/mod.rs"]
mod thread_gen;

const N: usize = 100_000;

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "n/a".into())
}

fn bench(c: &mut Criterion) {
    let thread = thread_gen::big_thread(N);
    eprintln!("thread built: {N} comments, peak RSS {}", peak_rss());
    let opts = Options::default();
    let analysed: Vec<_> = thread.iter().map(|c| analyze(&c.text, &opts)).collect();
    eprintln!("analyses kept for fold_100k, peak RSS {}", peak_rss());

    let mut g = c.benchmark_group("thread");
    g.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(N as u64));
    g.bench_function("summarize_100k", |b| {
        b.iter(|| black_box(summarize_thread(black_box(&thread))))
    });
    g.bench_function("fold_100k", |b| {
        b.iter(|| {
            let mut st = ThreadState::new(opts.clone());
            for (c, a) in thread.iter().zip(&analysed) {
                st.push_analyzed(c, a);
            }
            black_box(st.summary())
        })
    });
    let mut st = ThreadState::new(opts.clone());
    for (c, a) in thread.iter().zip(&analysed) {
        st.push_analyzed(c, a);
    }
    g.throughput(Throughput::Elements(1));
    g.bench_function("summary_of_100k", |b| b.iter(|| black_box(st.summary())));
    g.finish();
    let s = st.summary();
    eprintln!(
        "100k: status {:?}, {} recurring issues, {} clusters in memory, peak RSS {}",
        s.status,
        s.recurring.len(),
        st.clusters_in_memory(),
        peak_rss()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
