//! Counting distinct authors in bounded memory: exact up to a cap, then a HyperLogLog estimate.

use rustc_hash::FxHashSet;

/// Registers of the HyperLogLog sketch (2^10: 1 KB, standard error ≈ 1.04/√1024 ≈ 3 %).
const HLL_BITS: u32 = 10;
const HLL_REGISTERS: usize = 1 << HLL_BITS;

/// Distinct 64-bit keys (hashed author names). Exact while at most `cap` keys were seen.
#[derive(Clone, Debug)]
pub(crate) struct Distinct {
    cap: usize,
    exact: FxHashSet<u64>,
    hll: Option<Box<[u8]>>,
}

impl Distinct {
    pub(crate) fn new(cap: usize) -> Self {
        Distinct {
            cap: cap.max(1),
            exact: FxHashSet::default(),
            hll: None,
        }
    }

    /// Adds a key; returns true when it was (exactly) new, false when seen before or when estimating.
    pub(crate) fn insert(&mut self, key: u64) -> bool {
        if let Some(reg) = &mut self.hll {
            hll_add(reg, key);
            return false;
        }
        let new = self.exact.insert(key);
        if self.exact.len() > self.cap {
            let mut reg = vec![0u8; HLL_REGISTERS].into_boxed_slice();
            for &k in &self.exact {
                hll_add(&mut reg, k);
            }
            self.exact = FxHashSet::default();
            self.hll = Some(reg);
        }
        new
    }

    /// Adds every key of `other` (exact while the union stays under the cap).
    pub(crate) fn merge(&mut self, other: &Distinct) {
        match &other.hll {
            None => {
                for &k in &other.exact {
                    self.insert(k);
                }
            }
            Some(theirs) => {
                if self.hll.is_none() {
                    let mut reg = vec![0u8; HLL_REGISTERS].into_boxed_slice();
                    for &k in &self.exact {
                        hll_add(&mut reg, k);
                    }
                    self.exact = FxHashSet::default();
                    self.hll = Some(reg);
                }
                if let Some(mine) = &mut self.hll {
                    for (m, t) in mine.iter_mut().zip(theirs.iter()) {
                        *m = (*m).max(*t);
                    }
                }
            }
        }
    }

    /// The number of distinct keys (exact, or estimated once past the cap).
    pub(crate) fn count(&self) -> u64 {
        match &self.hll {
            None => self.exact.len() as u64,
            Some(reg) => hll_estimate(reg),
        }
    }
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: spreads FxHash output over all bits
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

pub(crate) fn hash64(x: u64) -> u64 {
    mix(x)
}

fn hll_add(reg: &mut [u8], key: u64) {
    let h = mix(key);
    let idx = (h >> (64 - HLL_BITS)) as usize;
    let rest = h << HLL_BITS;
    let rank = (rest.leading_zeros() + 1).min(64 - HLL_BITS + 1) as u8;
    if let Some(r) = reg.get_mut(idx)
        && rank > *r
    {
        *r = rank;
    }
}

fn hll_estimate(reg: &[u8]) -> u64 {
    let m = reg.len() as f64;
    let alpha = 0.7213 / (1.0 + 1.079 / m);
    let sum: f64 = reg.iter().map(|&r| 2f64.powi(-(r as i32))).sum();
    let raw = alpha * m * m / sum;
    let zeros = reg.iter().filter(|&&r| r == 0).count();
    let est = if raw <= 2.5 * m && zeros > 0 {
        m * (m / zeros as f64).ln()
    } else {
        raw
    };
    est.round() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_below_cap_estimate_above() {
        let mut d = Distinct::new(100);
        for i in 0..100u64 {
            assert!(d.insert(i));
            assert!(!d.insert(i));
        }
        assert_eq!(d.count(), 100);
        for i in 0..20_000u64 {
            d.insert(i);
        }
        let c = d.count() as f64;
        assert!((c - 20_000.0).abs() / 20_000.0 < 0.1, "estimate {c}");
    }

    #[test]
    fn merge_is_a_union() {
        let mut a = Distinct::new(1000);
        let mut b = Distinct::new(1000);
        for i in 0..10 {
            a.insert(i);
            b.insert(i + 5);
        }
        a.merge(&b);
        assert_eq!(a.count(), 15);
        let mut big = Distinct::new(10);
        for i in 0..5000 {
            big.insert(i);
        }
        a.merge(&big);
        let c = a.count() as f64;
        assert!((c - 5000.0).abs() / 5000.0 < 0.1, "estimate {c}");
    }
}
