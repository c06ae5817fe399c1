//! Evidence: every number that moved a score, recorded as it is applied; and the final order of the list.

use std::borrow::Cow;

use crate::model::{Evidence, Facet, Reason, Span};

/// Collects evidence while the facets are computed; indices into it are stable until [`Recorder::finish`].
#[derive(Default)]
pub(crate) struct Recorder {
    pub evidence: Vec<Evidence>,
}

impl Recorder {
    pub fn add(
        &mut self,
        id: impl Into<Cow<'static, str>>,
        facet: Facet,
        span: Span,
        weight: f32,
    ) -> usize {
        self.evidence.push(Evidence {
            id: id.into(),
            facet,
            span,
            weight: round3(weight),
        });
        self.evidence.len() - 1
    }

    /// A context note (weight 0): why something was read differently or set aside (`rule:context:*`,
    /// `rule:hate:*`).
    pub fn note(&mut self, id: impl Into<Cow<'static, str>>, span: Span) -> usize {
        self.add(
            id,
            Facet::Modifier(crate::model::Modifier::Context),
            span,
            0.0,
        )
    }

    /// Keeps at most `cap` items (see [`keep`]), sorts them by position (then end) and renumbers the
    /// reasons' references to them. Returns the evidence, the reasons and how many items were left out.
    pub fn finish(self, reasons: Vec<Reason>, cap: usize) -> (Vec<Evidence>, Vec<Reason>, usize) {
        let mut evidence = self.evidence;
        let kept = keep(&evidence, &reasons, cap);
        let omitted = evidence.len() - kept.iter().filter(|k| **k).count();
        let mut order: Vec<usize> = (0..evidence.len()).filter(|&i| kept[i]).collect();
        crate::order::sort_by_key(&mut order, |&i| {
            (evidence[i].span.start as u128) << 64 | evidence[i].span.end as u128
        });
        let mut remap = vec![usize::MAX; evidence.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let mut sorted = Vec::with_capacity(evidence.len());
        for &old in &order {
            sorted.push(std::mem::replace(
                &mut evidence[old],
                Evidence {
                    id: Cow::Borrowed(""),
                    facet: Facet::Language,
                    span: Span::default(),
                    weight: 0.0,
                },
            ));
        }
        let reasons = reasons
            .into_iter()
            .map(|mut r| {
                r.evidence = r
                    .evidence
                    .iter()
                    .map(|&i| remap[i])
                    .filter(|&i| i != usize::MAX)
                    .collect();
                r
            })
            .collect();
        (sorted, reasons, omitted)
    }
}

/// Which evidence items an analysis lists when there are more than `cap`: for each reason its
/// [`PER_REASON`] strongest items (so every reason keeps its proof), then the strongest of the rest; ties
/// go to the earlier item. Linear in the number of items apart from one sort.
fn keep(evidence: &[Evidence], reasons: &[Reason], cap: usize) -> Vec<bool> {
    const PER_REASON: usize = 10;
    if evidence.len() <= cap {
        return vec![true; evidence.len()];
    }
    let strength = |i: usize| evidence[i].weight.abs();
    // the strongest first, then by position in the list
    let by_strength =
        |i: &usize| u128::from(!crate::order::f32_key(strength(*i))) << 64 | *i as u128;
    let mut kept = vec![false; evidence.len()];
    let mut n = 0;
    for r in reasons {
        let mut cited: Vec<usize> = r
            .evidence
            .iter()
            .copied()
            .filter(|&i| i < evidence.len())
            .collect();
        crate::order::sort_by_key(&mut cited, by_strength);
        for i in cited.into_iter().take(PER_REASON) {
            if n < cap && !kept[i] {
                kept[i] = true;
                n += 1;
            }
        }
    }
    let mut rest: Vec<usize> = (0..evidence.len()).filter(|&i| !kept[i]).collect();
    crate::order::sort_by_key(&mut rest, by_strength);
    for i in rest.into_iter().take(cap - n) {
        kept[i] = true;
    }
    kept
}

pub(crate) fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}
