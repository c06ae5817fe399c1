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

    /// Sorts the evidence by position (then end) and renumbers the reasons' references to it.
    pub fn finish(self, reasons: Vec<Reason>) -> (Vec<Evidence>, Vec<Reason>) {
        let mut evidence = self.evidence;
        let mut order: Vec<usize> = (0..evidence.len()).collect();
        order.sort_by(|&a, &b| {
            evidence[a]
                .span
                .start
                .cmp(&evidence[b].span.start)
                .then(evidence[a].span.end.cmp(&evidence[b].span.end))
        });
        let mut remap = vec![0usize; evidence.len()];
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
                for i in &mut r.evidence {
                    *i = remap[*i];
                }
                r
            })
            .collect();
        (sorted, reasons)
    }
}

pub(crate) fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}
