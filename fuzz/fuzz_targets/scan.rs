//! Any bytes as a saved page, with every site adapter.
#![no_main]

use krisenradar::scan::{scan_html, sites};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let n = sites().map_or(0, <[_]>::len);
    let name = sites()
        .ok()
        .and_then(|s| s.get(data.len() % n.max(1)))
        .map(|s| s.name.as_str());
    if let Ok((_, found)) = scan_html(&page, name) {
        for f in found {
            assert!(!f.text.is_empty());
        }
    }
});
