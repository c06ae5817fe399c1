//! A thread from any bytes (one comment per line: author, timestamp and text taken from the line) and the
//! report rendered from its summary, in HTML and Markdown.
#![no_main]

use krisenradar::report::{Report, html, markdown};
use krisenradar::thread::{CommentIn, Thresholds, summarize_thread_with};
use krisenradar::{Lang, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let comments: Vec<CommentIn> = text
        .lines()
        .take(40)
        .enumerate()
        .map(|(i, line)| {
            let mut parts = line.splitn(3, '\t');
            let (a, b, c) = (parts.next(), parts.next(), parts.next());
            let mut comment = CommentIn::new(format!("c{i}"), c.or(a).unwrap_or(""));
            if c.is_some() {
                comment.author = a.map(str::to_string);
                comment.timestamp = b.and_then(|t| t.trim().parse::<i64>().ok());
                comment.parent = (i % 3 == 2).then(|| format!("c{}", i / 2));
            }
            comment
        })
        .collect();
    let th = Thresholds {
        baseline_hours: data.first().map_or(24, |b| u32::from(*b) << 24),
        ..Thresholds::default()
    };
    let s = summarize_thread_with(&comments, &Options::new(Lang::De), &th);
    let r = Report::new("Fuzz", "fuzz.csv", s);
    let page = html(&r);
    assert!(!page.contains("<script>alert"));
    let _ = markdown(&r);
});
