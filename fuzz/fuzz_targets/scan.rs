//! Any bytes as a saved page, with every site adapter and with detection.
#![no_main]

use krisenradar::scan::{scan_html, sites};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = String::from_utf8_lossy(data);
    let n = sites().map_or(0, <[_]>::len);
    // One input in n + 1 goes through detection (every candidate in turn).
    let name = sites()
        .ok()
        .and_then(|s| s.get(data.len() % (n + 1)))
        .map(|s| s.name.as_str());
    if let Ok(scan) = scan_html(&page, name) {
        assert!(scan.tried.contains(&scan.site));
        for f in scan.found {
            assert!(!f.text.is_empty());
        }
    }
});
