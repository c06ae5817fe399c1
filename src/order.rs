//! One stable sort for the lists the analysis orders. Each caller gives an integer key per item; the keys and
//! positions are sorted as plain integers by a single instantiation of the standard library's sort, and the
//! items are then put in that order. A generic sort is compiled once per item type and comparison, several
//! kilobytes of WebAssembly each.

/// Sorts `v` by `key`, ascending; items with equal keys keep their order (stable).
pub(crate) fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u128) {
    if v.len() < 2 {
        return;
    }
    // the pairs' buffer is kept per thread (taken out while in use, so a nested sort gets its own)
    let mut order = PAIRS.take();
    order.clear();
    order.extend(v.iter().enumerate().map(|(i, x)| (key(x), i as u32)));
    sort_pairs(&mut order);
    permute(v, &mut order);
    // a long text's buffer is not kept (memory stays flat over a batch of short ones)
    if order.capacity() <= KEEP_PAIRS {
        PAIRS.set(order);
    }
}

/// The largest pairs' buffer kept between sorts (64 KB).
const KEEP_PAIRS: usize = 2048;

std::thread_local! {
    static PAIRS: std::cell::Cell<Vec<(u128, u32)>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The one sort: distinct pairs (the positions differ), so the unstable sort gives the stable order.
#[inline(never)]
fn sort_pairs(pairs: &mut [(u128, u32)]) {
    pairs.sort_unstable();
}

/// Puts the item at position `order[k].1` at `k` for every `k`, following each cycle of the permutation once
/// (linear; the positions are overwritten as they are done).
fn permute<T>(v: &mut [T], order: &mut [(u128, u32)]) {
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        let mut k = start;
        while order[k].1 != DONE {
            let from = order[k].1 as usize;
            order[k].1 = DONE;
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

/// A float as an integer that orders as [`f32::total_cmp`] does.
pub(crate) fn f32_key(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as the standard library's stable sort, on keys with many ties, and the float keys order
    /// as `total_cmp`.
    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 2, 3, 17, 64, 1000] {
            let items: Vec<(u8, u32)> = (0..len as u32)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 7) as u8, i)
                })
                .collect();
            let mut want = items.clone();
            want.sort_by_key(|x| x.0);
            let mut got = items;
            sort_by_key(&mut got, |x| u128::from(x.0));
            assert_eq!(got, want, "{len}");
        }
        let floats = [
            3.5f32,
            -0.0,
            0.0,
            -2.0,
            f32::INFINITY,
            f32::NEG_INFINITY,
            1e-30,
            -1e-30,
        ];
        let mut want = floats;
        want.sort_by(f32::total_cmp);
        let mut got = floats;
        sort_by_key(&mut got, |x| u128::from(f32_key(*x)));
        assert_eq!(got.map(f32::to_bits), want.map(f32::to_bits));
    }
}
