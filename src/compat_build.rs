//! Folding by Unicode compatibility decomposition, computed at build time (`build.rs`) into the table that
//! `src/compat.rs` reads, so the library carries a few kilobytes of runs instead of the decomposition tables.
//! Also the reference the table is tested against (`text::tests`).

use super::is_combining;

/// What `fold_char` appends for `c` when no case of its own takes it: the first character of the full
/// compatibility decomposition that is no combining mark, folded (`ä→ae ö→oe ü→ue ß→ss`, lower case); nothing
/// when the decomposition holds only combining marks.
pub fn reference(c: char) -> String {
    let mut out = String::new();
    let mut pushed = false;
    unicode_normalization::char::decompose_compatible(c, |d| {
        if pushed || is_combining(d) {
            return;
        }
        pushed = true;
        match d {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' | 'ẞ' => out.push_str("ss"),
            _ => out.extend(d.to_lowercase()),
        }
    });
    out
}

/// `(start, len, to)`: see [`runs`].
pub type Run = (u32, u32, u32);

/// Marks a run whose characters all fold to the same one (Hangul syllables to their first jamo).
pub const SAME: u32 = 1 << 31;

/// The non-ASCII characters whose [`reference`] differs from their lower case, as runs `(start, len, to)`:
/// `len` code points from `start` fold to nothing (`to` = 0), to the code points from `to` on, or, with
/// [`SAME`] set, all to `to`; and the few that fold to more than one character ("ß" → "ss", "𝛦"-like letters
/// whose decomposition is "ẞ"), with what they fold to.
pub fn runs() -> (Vec<Run>, Vec<(u32, String)>) {
    let mut runs: Vec<Run> = Vec::new();
    let mut longer: Vec<(u32, String)> = Vec::new();
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        let folded = reference(c);
        if folded.chars().eq(c.to_lowercase()) {
            continue;
        }
        let mut chars = folded.chars();
        let to = chars.next().map_or(0, u32::from);
        if chars.next().is_some() {
            longer.push((u32::from(c), folded));
            continue;
        }
        let c = u32::from(c);
        if let Some(last) = runs.last_mut() {
            let (start, len, prev) = *last;
            if start + len == c {
                if to == 0 && prev == 0 {
                    last.1 += 1;
                    continue;
                }
                if prev != 0 && to != 0 {
                    if len == 1 && to == prev {
                        *last = (start, 2, prev | SAME);
                        continue;
                    }
                    if prev & SAME != 0 && to == prev & !SAME {
                        last.1 += 1;
                        continue;
                    }
                    if prev & SAME == 0 && to == prev + len {
                        last.1 += 1;
                        continue;
                    }
                }
            }
        }
        runs.push((c, 1, to));
    }
    (runs, longer)
}
