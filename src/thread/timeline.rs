//! Per-hour counters and the velocity of critical comments against the thread's own baseline.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::params::{MAX_BUCKETS, TIMELINE_BUCKETS, Thresholds};

const HOUR: i64 = 3600;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub comments: u64,
    pub critical: u64,
    pub negative: u64,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.comments += o.comments;
        self.critical += o.critical;
        self.negative += o.negative;
    }
}

/// One bucket of the reported timeline.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// Start of the bucket, unix seconds.
    pub start: i64,
    #[serde(flatten)]
    pub counts: Counts,
}

/// Comments over time, in buckets of `bucket_seconds` (one hour, wider for long threads).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timeline {
    pub bucket_seconds: i64,
    pub buckets: Vec<Bucket>,
}

/// Where critical comments are heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Falling,
    Steady,
    Rising,
    /// Above the baseline mean + k·SD.
    Spike,
}

impl Trend {
    pub const fn key(self) -> &'static str {
        match self {
            Trend::Falling => "falling",
            Trend::Steady => "steady",
            Trend::Rising => "rising",
            Trend::Spike => "spike",
        }
    }
}

/// One hour judged against the hours before it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HourTest {
    /// Start of the hour (bucket), unix seconds.
    pub start: i64,
    pub comments: u64,
    pub critical: u64,
    /// Critical comments per hour in this bucket.
    pub critical_per_hour: f32,
    /// Mean and SD of critical comments per hour over the baseline hours before it.
    pub baseline_mean: f32,
    pub baseline_sd: f32,
    /// How many hours formed the baseline (fewer at the start of a thread).
    pub baseline_hours: u32,
    /// (critical − mean) / max(SD, floor).
    pub z: f32,
    pub trend: Trend,
}

/// Velocity of critical comments; present when comments carry timestamps.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Velocity {
    /// The hour of the latest comment ("now" for the thread), against the hours before it.
    pub current: HourTest,
    /// The hour with the most critical comments, against the hours before it.
    pub peak: HourTest,
    /// The first hour that spiked against the hours before it (the onset of a sudden crisis; the peak
    /// may come hours later, when the baseline already holds the first spike hours).
    pub first_spike: Option<HourTest>,
    /// Critical comments per hour over the whole thread.
    pub mean_critical_per_hour: f32,
}

/// Prefix sums of the critical rate (and its square) over the non-empty buckets in key order.
struct Prefix {
    keys: Vec<i64>,
    sum: Vec<f64>,
    sq: Vec<f64>,
}

impl Prefix {
    /// Sum and sum of squares of the rates of the buckets with `from <= key < to`.
    fn window(&self, from: i64, to: i64) -> (f64, f64) {
        let a = self.keys.partition_point(|k| *k < from);
        let b = self.keys.partition_point(|k| *k < to).max(a);
        (self.sum[b] - self.sum[a], self.sq[b] - self.sq[a])
    }
}

/// The running counters.
#[derive(Clone, Debug)]
pub(crate) struct Hours {
    width: i64,
    buckets: BTreeMap<i64, Counts>,
    pub(crate) min_ts: Option<i64>,
    pub(crate) max_ts: Option<i64>,
}

impl Default for Hours {
    fn default() -> Self {
        Hours {
            width: HOUR,
            buckets: BTreeMap::new(),
            min_ts: None,
            max_ts: None,
        }
    }
}

impl Hours {
    pub(crate) fn add(&mut self, ts: i64, c: &Counts) {
        self.min_ts = Some(self.min_ts.map_or(ts, |m| m.min(ts)));
        self.max_ts = Some(self.max_ts.map_or(ts, |m| m.max(ts)));
        self.buckets
            .entry(ts.div_euclid(self.width))
            .or_default()
            .add(c);
        if self.buckets.len() > MAX_BUCKETS {
            self.width = self.width.saturating_mul(2);
            let old = std::mem::take(&mut self.buckets);
            for (k, v) in old {
                self.buckets.entry(k.div_euclid(2)).or_default().add(&v);
            }
        }
    }

    fn get(&self, key: i64) -> Counts {
        self.buckets.get(&key).copied().unwrap_or_default()
    }

    fn hours_per_bucket(&self) -> f32 {
        self.width as f32 / HOUR as f32
    }

    /// Running sums of the critical rate over the non-empty buckets, so that any baseline window is two
    /// binary searches away (empty hours add nothing to the sums, only to the count of hours).
    fn prefix(&self) -> Prefix {
        let h = self.hours_per_bucket() as f64;
        let mut p = Prefix {
            keys: Vec::with_capacity(self.buckets.len()),
            sum: vec![0.0],
            sq: vec![0.0],
        };
        for (&k, c) in &self.buckets {
            let v = c.critical as f64 / h;
            p.keys.push(k);
            p.sum.push(p.sum[p.sum.len() - 1] + v);
            p.sq.push(p.sq[p.sq.len() - 1] + v * v);
        }
        p
    }

    fn test(&self, key: i64, first: i64, th: &Thresholds, prefix: &Prefix) -> HourTest {
        let per_bucket_baseline =
            ((th.baseline_hours.max(1) as f32 / self.hours_per_bucket()).ceil() as i64).max(1);
        let from = key.saturating_sub(per_bucket_baseline).max(first);
        let n = key.saturating_sub(from).max(0);
        let h = self.hours_per_bucket();
        let (sum, sq) = prefix.window(from, key);
        let (mean, sd) = if n > 0 {
            let mean = sum / n as f64;
            let var = (sq / n as f64 - mean * mean).max(0.0);
            (mean as f32, var.sqrt() as f32)
        } else {
            (0.0, 0.0)
        };
        let c = self.get(key);
        let rate = c.critical as f32 / h;
        let z = (rate - mean) / sd.max(th.spike_sd_floor).max(f32::EPSILON);
        let history = n as f32 * h >= th.spike_min_baseline_hours as f32;
        let trend = if z > th.spike_k && c.critical >= th.spike_min_critical && history {
            Trend::Spike
        } else if z >= 1.0 {
            Trend::Rising
        } else if z <= -1.0 {
            Trend::Falling
        } else {
            Trend::Steady
        };
        HourTest {
            start: key.saturating_mul(self.width),
            comments: c.comments,
            critical: c.critical,
            critical_per_hour: rate,
            baseline_mean: mean,
            baseline_sd: sd,
            baseline_hours: (n as f32 * h).round() as u32,
            z,
            trend,
        }
    }

    pub(crate) fn velocity(&self, th: &Thresholds) -> Option<Velocity> {
        let (min, max) = (self.min_ts?, self.max_ts?);
        let first = min.div_euclid(self.width);
        let last = max.div_euclid(self.width);
        let prefix = self.prefix();
        let current = self.test(last, first, th, &prefix);
        let mut peak_key = last;
        let mut peak_val = 0u64;
        for (&k, c) in &self.buckets {
            if c.critical > peak_val {
                peak_val = c.critical;
                peak_key = k;
            }
        }
        if peak_val == 0 {
            // no critical comment: the busiest hour
            let mut busiest = 0u64;
            for (&k, c) in &self.buckets {
                if c.comments > busiest {
                    busiest = c.comments;
                    peak_key = k;
                }
            }
        }
        let peak = self.test(peak_key, first, th, &prefix);
        let first_spike = self
            .buckets
            .range(first..=last)
            .filter(|(_, c)| c.critical >= th.spike_min_critical)
            .map(|(&k, _)| self.test(k, first, th, &prefix))
            .find(|t| t.trend == Trend::Spike);
        let total_critical: u64 = self.buckets.values().map(|c| c.critical).sum();
        let span_hours = ((last - first + 1) as f32 * self.hours_per_bucket()).max(1.0);
        Some(Velocity {
            current,
            peak,
            first_spike,
            mean_critical_per_hour: total_critical as f32 / span_hours,
        })
    }

    /// The dense timeline, merged into at most [`TIMELINE_BUCKETS`] buckets.
    pub(crate) fn timeline(&self) -> Option<Timeline> {
        let (min, max) = (self.min_ts?, self.max_ts?);
        let first = min.div_euclid(self.width);
        let last = max.div_euclid(self.width);
        let span = (last - first + 1).max(1);
        let factor = ((span + TIMELINE_BUCKETS as i64 - 1) / TIMELINE_BUCKETS as i64).max(1);
        let width = self.width.saturating_mul(factor);
        let start0 = first.saturating_mul(self.width);
        let n = ((span + factor - 1) / factor) as usize;
        let mut buckets: Vec<Bucket> = (0..n)
            .map(|i| Bucket {
                start: start0.saturating_add((i as i64).saturating_mul(width)),
                counts: Counts::default(),
            })
            .collect();
        for (&k, c) in self.buckets.range(first..=last) {
            let i = ((k - first) / factor) as usize;
            if let Some(b) = buckets.get_mut(i) {
                b.counts.add(c);
            }
        }
        Some(Timeline {
            bucket_seconds: width,
            buckets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crit(n: u64) -> Counts {
        Counts {
            comments: n,
            critical: n,
            negative: n,
        }
    }

    #[test]
    fn spike_against_own_baseline() {
        let th = Thresholds::default();
        let mut h = Hours::default();
        let t0 = 500_000 * 3600;
        for hour in 0..24 {
            h.add(t0 + hour * HOUR, &crit(1 + (hour % 2) as u64));
        }
        h.add(t0 + 24 * HOUR + 60, &crit(12));
        let v = h.velocity(&th).expect("timestamps");
        assert_eq!(v.current.trend, Trend::Spike);
        assert_eq!(v.current.critical, 12);
        assert_eq!(v.peak.start, t0 + 24 * HOUR);
        assert_eq!(v.current.baseline_hours, 24);
        assert!((v.current.baseline_mean - 1.5).abs() < 1e-4);
    }

    #[test]
    fn steady_thread_has_no_spike() {
        let th = Thresholds::default();
        let mut h = Hours::default();
        for hour in 0..30 {
            h.add(hour * HOUR, &crit(4));
        }
        let v = h.velocity(&th).expect("timestamps");
        assert_eq!(v.current.trend, Trend::Steady);
    }

    #[test]
    fn wide_spans_are_coarsened_and_bounded() {
        let mut h = Hours::default();
        for i in 0..(MAX_BUCKETS as i64 + 10) {
            h.add(i * HOUR, &crit(1));
        }
        assert!(h.buckets.len() <= MAX_BUCKETS);
        assert_eq!(h.width, 2 * HOUR);
        let t = h.timeline().expect("timeline");
        assert!(t.buckets.len() <= TIMELINE_BUCKETS);
        let total: u64 = t.buckets.iter().map(|b| b.counts.comments).sum();
        assert_eq!(total, MAX_BUCKETS as u64 + 10);
    }
}
