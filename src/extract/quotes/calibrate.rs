//! Confidence: a rule's raw score turned into the probability, learned on gold train splits,
//! that the row is a real attribution with the right speaker.

use super::*;

/// A row's score turned into a probability: the share of rows made by the same rule (with the
/// same quote type, attribution and, where enough rows had it, the same score) that were a real
/// attribution with the right speaker on the train splits (`data/models/quote_confidence.tsv`,
/// rebuilt by `scripts/calibrate_confidence.py`). A rule seen too rarely there takes the share of
/// its quote type and attribution, else keeps its score. `NEWSFRAME_RAW_CONFIDENCE` turns it
/// off, for the script that learns the table.
pub(super) fn calibrate_confidence(quotes: &mut [Quote]) {
    static TABLE: OnceLock<Option<ConfidenceTable>> = OnceLock::new();
    let Some(table) = TABLE.get_or_init(|| {
        std::env::var_os("NEWSFRAME_RAW_CONFIDENCE")
            .is_none()
            .then(|| ConfidenceTable::parse(data!("models/quote_confidence.tsv")))
    }) else {
        return;
    };
    for q in quotes {
        q.confidence = table.calibrated(q.kind, q.rule, q.attribution, q.confidence);
    }
}

/// A table key: quote type, rule ("*" for any), attribution, score in hundredths (None for any).
type Key = (&'static str, &'static str, &'static str, Option<u32>);

/// Calibrated confidence by (type, rule, attribution, score), by (type, rule, attribution), and
/// by (type, attribution).
pub(super) struct ConfidenceTable {
    pub(super) shares: FxHashMap<Key, f32>,
}

impl ConfidenceTable {
    pub(super) fn parse(text: &'static str) -> ConfidenceTable {
        let mut shares = FxHashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [kind, rule, attribution, score, calibrated, ..] = fields[..] else {
                continue;
            };
            let Ok(calibrated) = calibrated.parse::<f32>() else {
                continue;
            };
            let score = match score {
                "*" => None,
                s => match s.parse::<f32>() {
                    Ok(s) => Some(hundredths(s)),
                    Err(_) => continue,
                },
            };
            shares.insert((kind, rule, attribution, score), calibrated);
        }
        ConfidenceTable { shares }
    }

    pub(super) fn calibrated(&self, kind: QuoteType, rule: &'static str, attribution: Attribution, score: f32) -> f32 {
        let (kind, attribution) = (kind.as_str(), attribution.as_str());
        [
            (kind, rule, attribution, Some(hundredths(score))),
            (kind, rule, attribution, None),
            (kind, "*", attribution, None),
        ]
        .iter()
        .find_map(|key| self.shares.get(key))
        .copied()
        .unwrap_or(score)
    }
}

pub(super) fn hundredths(score: f32) -> u32 {
    (score * 100.0).round() as u32
}
