//! Compatibility folding of the characters [`crate::text::fold_char`] has no case of its own for: full-width
//! and mathematical letters, ligatures, circled and parenthesised forms, accented letters, Hangul syllables.
//! The table is built at compile time from Unicode's compatibility decompositions (`src/compat_build.rs`):
//! runs of code points that fold alike, searched by binary search, and the few characters that fold to more
//! than one.

// START, LEN, TO: the runs; SAME: the mark of a run whose characters all fold to the same one; LONGER
include!(concat!(env!("OUT_DIR"), "/compat_table.rs"));

/// Appends what `c` folds to by its compatibility decomposition: the first character of the decomposition
/// that is no combining mark, folded; nothing when there is none; its lower case when it has no decomposition.
#[inline]
pub(crate) fn fold(c: char, out: &mut String) {
    let code = u32::from(c);
    if let Some(i) = START.partition_point(|&s| s <= code).checked_sub(1) {
        let offset = code - START[i];
        if offset < u32::from(LEN[i]) {
            let to = TO[i];
            let folded = match to {
                0 => None,
                _ if to & SAME != 0 => char::from_u32(to & !SAME),
                _ => char::from_u32(to + offset),
            };
            out.extend(folded);
            return;
        }
    }
    match LONGER.binary_search_by_key(&code, |&(c, _)| c) {
        Ok(i) => out.push_str(LONGER[i].1),
        Err(_) => out.extend(c.to_lowercase()),
    }
}
