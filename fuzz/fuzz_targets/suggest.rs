//! Suggestions for any comment, in both brand voices' forms of address.
#![no_main]

use krisenradar::reply::{BrandVoice, suggest_for_comment};
use krisenradar::{Address, Options, analyze};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let comment = String::from_utf8_lossy(data);
    let a = analyze(&comment, &Options::default());
    let voice = if data.len() % 2 == 0 {
        BrandVoice::new("Beispiel GmbH")
    } else {
        BrandVoice::new("Beispiel GmbH").with_address(Address::Du)
    };
    for s in suggest_for_comment(&comment, &a, &voice) {
        assert!(!s.text.is_empty());
    }
});
