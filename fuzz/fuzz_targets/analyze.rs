//! Any bytes as a comment (lossily decoded, so every string shape is reached), with every option set.
#![no_main]

use krisenradar::{Lang, Options, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (flags, text) = text.split_at(text.char_indices().nth(1).map_or(0, |(i, _)| i));
    let mut opts = Options::new(if flags.len() % 2 == 0 {
        Lang::De
    } else {
        Lang::En
    });
    opts.sensitivity = (data.first().copied().unwrap_or(0) as f32) / 255.0;
    let a = analyze(text, &opts);
    for e in &a.evidence {
        assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start));
    }
    assert!(a.evidence.len() <= krisenradar::Analysis::EVIDENCE_CAP);
    for r in &a.criticality.reasons {
        assert!(r.evidence.iter().all(|&i| i < a.evidence.len()));
    }
});
