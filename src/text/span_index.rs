//! An index of spans for the questions rules ask once per sentence or per quote ("which quotes
//! overlap this sentence", "which report contains this one"), answered without visiting every
//! span of the article, so that those rules stay linear in the article's length.

use super::Span;

/// Spans sorted by start, with the running maximum of their ends: no span before the first
/// whose running end passes a position can reach that position.
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// (span, its index in the caller's list), by start.
    spans: Vec<(Span, usize)>,
    max_end: Vec<usize>,
}

impl SpanIndex {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut spans: Vec<(Span, usize)> = spans.into_iter().enumerate().map(|(i, s)| (s, i)).collect();
        spans.sort_by_key(|(s, i)| (s.start, *i));
        let max_end = spans
            .iter()
            .scan(0, |m, (s, _)| {
                *m = s.end.max(*m);
                Some(*m)
            })
            .collect();
        SpanIndex { spans, max_end }
    }

    /// The candidates among spans ending at `min_end` or later, up to the first for which
    /// `past` holds (spans are by start, so `past` must hold from some start on).
    fn window(&self, min_end: usize, past: impl Fn(&Span) -> bool) -> &[(Span, usize)] {
        let hi = self.spans.partition_point(|(s, _)| !past(s));
        let lo = self.max_end[..hi].partition_point(|&e| e < min_end);
        &self.spans[lo..hi]
    }

    /// Indices (into the list the index was built from, in order of start) of the spans that
    /// overlap `region`.
    pub fn overlapping(&self, region: Span) -> impl Iterator<Item = usize> + '_ {
        self.window(region.start + 1, |s| s.start >= region.end)
            .iter()
            .filter(move |(s, _)| s.end > region.start && s.start < region.end)
            .map(|(_, i)| *i)
    }

    /// Indices of the spans that contain `inner` (`start <= inner.start && inner.end <= end`).
    pub fn containing(&self, inner: Span) -> impl Iterator<Item = usize> + '_ {
        self.window(inner.end, |s| s.start > inner.start)
            .iter()
            .filter(move |(s, _)| s.start <= inner.start && inner.end <= s.end)
            .map(|(_, i)| *i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_a_scan_of_every_span_would() {
        // Nested, touching, overlapping and empty spans, and a long one early on.
        let spans: Vec<Span> = [
            (0, 0),
            (0, 100),
            (2, 5),
            (5, 9),
            (7, 8),
            (8, 8),
            (12, 30),
            (12, 14),
            (40, 41),
            (95, 120),
        ]
        .iter()
        .map(|&(a, b)| Span::new(a, b))
        .collect();
        let index = SpanIndex::new(spans.iter().copied());
        for a in 0..125 {
            for b in a..125 {
                let region = Span::new(a, b);
                let mut got: Vec<usize> = index.overlapping(region).collect();
                got.sort();
                let want: Vec<usize> = (0..spans.len())
                    .filter(|&i| spans[i].start < region.end && spans[i].end > region.start)
                    .collect();
                assert_eq!(got, want, "overlapping {region:?}");
                let mut got: Vec<usize> = index.containing(region).collect();
                got.sort();
                let want: Vec<usize> = (0..spans.len())
                    .filter(|&i| spans[i].start <= region.start && region.end <= spans[i].end)
                    .collect();
                assert_eq!(got, want, "containing {region:?}");
            }
        }
    }
}
