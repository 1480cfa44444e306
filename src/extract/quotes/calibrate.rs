//! Confidence: a rule's raw score turned into the probability, learned on PolNeAR train, that
//! the row is a real attribution with the right speaker.

use super::*;

/// A rule's score turned into a probability: the share of rows of the same type, attribution
/// rule and score that were a real attribution with the right speaker on PolNeAR train
/// (`data/models/quote_confidence.tsv`, rebuilt by `scripts/calibrate_confidence.py`). Scores
/// not seen there keep the rule-level share, else the score itself. `NEWSFRAME_RAW_CONFIDENCE`
/// turns it off, for the script that learns the table.
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
        q.confidence = table.calibrated(q.kind, q.attribution, q.confidence);
    }
}

/// Calibrated confidence by (type, attribution, score in hundredths), and by (type, attribution).
pub(super) struct ConfidenceTable {
    pub(super) by_score: FxHashMap<(&'static str, &'static str, u32), f32>,
    pub(super) by_rule: FxHashMap<(&'static str, &'static str), f32>,
}

impl ConfidenceTable {
    pub(super) fn parse(text: &'static str) -> ConfidenceTable {
        let mut table = ConfidenceTable {
            by_score: FxHashMap::default(),
            by_rule: FxHashMap::default(),
        };
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [kind, attribution, score, calibrated, ..] = fields[..] else {
                continue;
            };
            let Ok(calibrated) = calibrated.parse::<f32>() else {
                continue;
            };
            match score {
                "*" => {
                    table.by_rule.insert((kind, attribution), calibrated);
                }
                _ => {
                    if let Ok(score) = score.parse::<f32>() {
                        table
                            .by_score
                            .insert((kind, attribution, hundredths(score)), calibrated);
                    }
                }
            }
        }
        table
    }

    pub(super) fn calibrated(&self, kind: QuoteType, attribution: Attribution, score: f32) -> f32 {
        let rule = (kind.as_str(), attribution.as_str());
        self.by_score
            .get(&(rule.0, rule.1, hundredths(score)))
            .or_else(|| self.by_rule.get(&rule))
            .copied()
            .unwrap_or(score)
    }
}

pub(super) fn hundredths(score: f32) -> u32 {
    (score * 100.0).round() as u32
}
