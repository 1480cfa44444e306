//! Unique quotations: each `quote_hash` of the dump once, with its occurrences and the
//! probability of each candidate speaker over them, after Quotebank's quotation-centric table.

use rustc_hash::{FxHashMap, FxHashSet};

/// A speaker's share of the occurrences' confidence above which occurrences with no speaker
/// take that speaker (`attribution = 'dump'`).
pub const DUMP_SPEAKER_PROBABILITY: f32 = 0.8;

/// One occurrence of a quotation, as the quotes table gives it.
pub struct Occurrence<'a> {
    pub hash: &'a str,
    pub text: &'a str,
    pub article_id: &'a str,
    pub micros: Option<i64>,
    pub duplicate: bool,
    pub outlet: Option<&'a str>,
    /// The canonical id and name of the speaker, when the row has one.
    pub speaker: Option<(String, String)>,
    pub confidence: f32,
}

#[derive(Default)]
struct Agg {
    text: String,
    first_seen: Option<i64>,
    n_occurrences: u64,
    articles: FxHashSet<u64>,
    outlets: FxHashSet<String>,
    /// canonical id -> (display name, summed confidence)
    candidates: FxHashMap<String, (String, f32)>,
}

#[derive(Default)]
pub struct Quotations {
    by_hash: FxHashMap<String, Agg>,
}

/// A finished quotations row.
#[derive(Debug, Clone)]
pub struct QuotationRow {
    pub quote_hash: String,
    pub text: String,
    pub first_seen: Option<i64>,
    pub n_articles: u64,
    pub n_outlets: u64,
    pub n_occurrences: u64,
    pub speaker: Option<String>,
    pub speaker_canonical_id: Option<String>,
    pub speaker_probability: Option<f32>,
    pub speaker_candidates: Vec<String>,
    pub speaker_candidate_probabilities: Vec<f32>,
}

impl Quotations {
    pub fn add(&mut self, o: Occurrence) {
        if !self.by_hash.contains_key(o.hash) {
            self.by_hash.insert(o.hash.to_string(), Agg::default());
        }
        let Some(agg) = self.by_hash.get_mut(o.hash) else {
            return;
        };
        if o.text.len() > agg.text.len() {
            agg.text = o.text.to_string();
        }
        if let Some(t) = o.micros {
            agg.first_seen = Some(agg.first_seen.map_or(t, |f| f.min(t)));
        }
        if o.duplicate {
            return;
        }
        agg.n_occurrences += 1;
        agg.articles.insert(xxhash_rust::xxh3::xxh3_64(o.article_id.as_bytes()));
        if let Some(outlet) = o.outlet {
            if !agg.outlets.contains(outlet) {
                agg.outlets.insert(outlet.to_string());
            }
        }
        if let Some((id, name)) = o.speaker {
            let c = agg.candidates.entry(id).or_insert((name, 0.0));
            c.1 += o.confidence.max(0.01);
        }
    }

    /// The speaker an occurrence with none takes: the quotation's top candidate, when its share
    /// is at least [`DUMP_SPEAKER_PROBABILITY`].
    pub fn dump_speaker(&self, hash: &str) -> Option<(&str, f32)> {
        let agg = self.by_hash.get(hash)?;
        let (id, p) = top(agg)?;
        (p >= DUMP_SPEAKER_PROBABILITY).then_some((id, p))
    }

    /// The rows, candidates named by their catalog entries' names where `names` has them.
    pub fn rows(&self, names: &FxHashMap<String, String>) -> Vec<QuotationRow> {
        let mut rows: Vec<QuotationRow> = self
            .by_hash
            .iter()
            .map(|(hash, agg)| {
                let total: f32 = agg.candidates.values().map(|c| c.1).sum();
                let mut cands: Vec<(&String, &(String, f32))> = agg.candidates.iter().collect();
                cands.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1).then_with(|| a.0.cmp(b.0)));
                let best = cands.first();
                let name = |id: &String, given: &String| names.get(id).unwrap_or(given).clone();
                QuotationRow {
                    quote_hash: hash.clone(),
                    text: agg.text.clone(),
                    first_seen: agg.first_seen,
                    n_articles: agg.articles.len() as u64,
                    n_outlets: agg.outlets.len() as u64,
                    n_occurrences: agg.n_occurrences,
                    speaker: best.map(|c| name(c.0, &c.1 .0)),
                    speaker_canonical_id: best.map(|c| c.0.clone()),
                    speaker_probability: best.map(|c| c.1 .1 / total),
                    speaker_candidates: cands.iter().map(|c| name(c.0, &c.1 .0)).collect(),
                    speaker_candidate_probabilities: cands.iter().map(|c| c.1 .1 / total).collect(),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.quote_hash.cmp(&b.quote_hash));
        rows
    }
}

fn top(agg: &Agg) -> Option<(&str, f32)> {
    let total: f32 = agg.candidates.values().map(|c| c.1).sum();
    agg.candidates
        .iter()
        .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1).then_with(|| b.0.cmp(a.0)))
        .map(|(id, c)| (id.as_str(), c.1 / total))
}
