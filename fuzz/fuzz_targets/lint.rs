//! A draft and the comment it answers (split at the first NUL byte); the fixes must apply cleanly.
#![no_main]

use krisenradar::reply::{ReplyContext, apply_fixes, lint_reply};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (draft, comment) = text.split_once('\0').unwrap_or((&text, ""));
    let ctx = if comment.is_empty() {
        ReplyContext::default()
    } else {
        ReplyContext::default().with_comment(comment)
    };
    let review = lint_reply(draft, &ctx);
    for l in &review.lints {
        assert!(l.span.end <= draft.len() && draft.is_char_boundary(l.span.start));
    }
    let _ = apply_fixes(draft, review.lints.iter().flat_map(|l| l.fixes.iter()));
});
