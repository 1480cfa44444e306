//! Measurement against hand-annotated quotes: the metrics of `../shared/eval/score_quotes.py`
//! (direct@0.8, direct@0.3, all@0.3, speaker_acc, cue_acc), computed the same way, for
//! `newsframe eval quotes --gold FILE.jsonl` on a user's own annotations in the PolNeAR JSONL
//! layout.

pub mod sources;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use crate::input::{FieldMap, RecordPos};
use crate::lexicon::Lexicon;
use crate::process_article;

type Spans = Vec<(i64, i64)>;

/// One annotated attribution: content fragments, speaker and cue spans (code points).
#[derive(Debug, Clone)]
pub struct GoldQuote {
    pub kind: String,
    pub content: Spans,
    pub speaker: Spans,
    pub cue: Spans,
}

/// One predicted quote, as the `quotes` table has it.
#[derive(Debug, Clone)]
pub struct PredictedQuote {
    pub kind: String,
    pub start: i64,
    pub end: i64,
    pub speaker: Option<(i64, i64)>,
    pub cue: Option<(i64, i64)>,
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}, line {line}: {reason}")]
    Gold { path: String, line: usize, reason: String },
}

fn spans(q: &Value, key: Option<&str>) -> Spans {
    let (list, start, end) = match key {
        Some(k) => (format!("{k}_spans"), format!("{k}_start"), format!("{k}_end")),
        None => ("spans".into(), "start".into(), "end".into()),
    };
    if let Some(Value::Array(items)) = q.get(&list) {
        let parsed: Spans = items
            .iter()
            .filter_map(|s| Some((s.get(0)?.as_i64()?, s.get(1)?.as_i64()?)))
            .collect();
        if !parsed.is_empty() {
            return parsed;
        }
    }
    match (
        q.get(&start).and_then(Value::as_i64),
        q.get(&end).and_then(Value::as_i64),
    ) {
        (Some(s), Some(e)) => vec![(s, e)],
        _ => Vec::new(),
    }
}

/// Reads gold articles: each line's article (for extraction) and its annotated quotes.
pub fn read_gold(path: &Path) -> Result<Vec<(crate::input::Article, Vec<GoldQuote>)>, EvalError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|source| EvalError::Io {
        path: name.clone(),
        source,
    })?;
    let fields = FieldMap::default();
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|source| EvalError::Io {
            path: name.clone(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let gold_err = |reason: String| EvalError::Gold {
            path: name.clone(),
            line: i + 1,
            reason,
        };
        let value: Value = serde_json::from_str(&line).map_err(|e| gold_err(format!("invalid JSON: {e}")))?;
        let object = value.as_object().ok_or_else(|| gold_err("not a JSON object".into()))?;
        let pos = RecordPos {
            source_file: name.clone(),
            record_no: i as u64,
            byte_offset: None,
        };
        let article = fields
            .to_article(object, pos, String::new)
            .map_err(|r| gold_err(r.reason))?;
        let quotes = object
            .get("quotes")
            .and_then(Value::as_array)
            .map(|qs| {
                qs.iter()
                    .map(|q| GoldQuote {
                        kind: q.get("type").and_then(Value::as_str).unwrap_or("").to_string(),
                        content: spans(q, None),
                        speaker: spans(q, Some("speaker")),
                        cue: spans(q, Some("cue")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push((article, quotes));
    }
    Ok(out)
}

fn intersect(iv: &[(i64, i64)], a: i64, b: i64) -> i64 {
    iv.iter().map(|&(x, y)| (b.min(y) - a.max(x)).max(0)).sum()
}

fn union_len_within(mut spans: Vec<(i64, i64)>, iv: &[(i64, i64)]) -> i64 {
    spans.retain(|(s, e)| e > s);
    spans.sort();
    let mut merged: Vec<(i64, i64)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged.iter().map(|&(s, e)| intersect(iv, s, e)).sum()
}

fn overlaps(span: Option<(i64, i64)>, gold: &[(i64, i64)]) -> bool {
    span.is_some_and(|(a0, a1)| gold.iter().any(|&(x, y)| a1.min(y) > a0.max(x)))
}

/// Assigns each prediction to the gold holding most of it (at least half); a gold is found
/// when its predictions cover `threshold` of it. Returns (found, matched pairs).
fn assess<'a>(
    golds: &[&'a GoldQuote],
    preds: &[&'a PredictedQuote],
    threshold: f64,
) -> (usize, Vec<(&'a GoldQuote, &'a PredictedQuote)>) {
    let mut assigned: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, p) in preds.iter().enumerate() {
        let plen = p.end - p.start;
        if plen <= 0 {
            continue;
        }
        let (mut best, mut best_i) = (0, None);
        for (i, g) in golds.iter().enumerate() {
            let o = intersect(&g.content, p.start, p.end);
            if o > best {
                best = o;
                best_i = Some(i);
            }
        }
        if let Some(i) = best_i {
            if best as f64 / plen as f64 >= 0.5 {
                assigned.entry(i).or_default().push(j);
            }
        }
    }
    let mut found = 0;
    let mut pairs = Vec::new();
    for (i, js) in &assigned {
        let g = golds[*i];
        let cov = union_len_within(js.iter().map(|&j| (preds[j].start, preds[j].end)).collect(), &g.content);
        let total: i64 = g.content.iter().map(|(a, b)| b - a).sum();
        if cov as f64 / total.max(1) as f64 >= threshold {
            found += 1;
            pairs.extend(js.iter().map(|&j| (g, preds[j])));
        }
    }
    (found, pairs)
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub pred_correct: usize,
    pub pred: usize,
    pub gold_found: usize,
    pub gold: usize,
}

/// Rounds like Python's `round(x, 4)` on the values the scorer prints.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Prf {
    fn new(tp: usize, pred: usize, gold: usize, found: usize) -> Prf {
        let p = if pred > 0 { tp as f64 / pred as f64 } else { 0.0 };
        let r = if gold > 0 { found as f64 / gold as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        Prf {
            precision: round4(p),
            recall: round4(r),
            f1: round4(f),
            pred_correct: tp,
            pred,
            gold_found: found,
            gold,
        }
    }
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct QuoteScores {
    pub direct_08: Prf,
    pub direct_03: Prf,
    pub all_03: Prf,
    pub speaker_acc: f64,
    pub cue_acc: f64,
    pub articles: usize,
    pub articles_predicted: usize,
}

/// Scores predictions against gold, article by article.
pub fn score(gold: &[(String, Vec<GoldQuote>)], preds: &BTreeMap<String, Vec<PredictedQuote>>) -> QuoteScores {
    let mut counts = [[0usize; 4]; 3];
    let (mut spk, mut cue) = ([0usize; 2], [0usize; 2]);
    for (id, golds) in gold {
        let pq: Vec<&PredictedQuote> = preds.get(id).map(|v| v.iter().collect()).unwrap_or_default();
        let gd: Vec<&GoldQuote> = golds.iter().filter(|g| g.kind == "direct").collect();
        let pd: Vec<&PredictedQuote> = pq.iter().copied().filter(|p| p.kind == "direct").collect();
        let ga: Vec<&GoldQuote> = golds.iter().collect();
        for (k, (gs, ps, th)) in [(&gd, &pd, 0.8), (&gd, &pd, 0.3), (&ga, &pq, 0.3)]
            .into_iter()
            .enumerate()
        {
            let (found, pairs) = assess(gs, ps, th);
            counts[k][0] += pairs.len();
            counts[k][1] += ps.len();
            counts[k][2] += gs.len();
            counts[k][3] += found;
            if k != 2 {
                continue;
            }
            for (g, p) in pairs {
                if !g.speaker.is_empty() {
                    spk[1] += 1;
                    spk[0] += usize::from(overlaps(p.speaker, &g.speaker));
                }
                if !g.cue.is_empty() {
                    cue[1] += 1;
                    cue[0] += usize::from(overlaps(p.cue, &g.cue));
                }
            }
        }
    }
    let prf = |c: [usize; 4]| Prf::new(c[0], c[1], c[2], c[3]);
    let acc = |c: [usize; 2]| {
        if c[1] > 0 {
            round4(c[0] as f64 / c[1] as f64)
        } else {
            0.0
        }
    };
    QuoteScores {
        direct_08: prf(counts[0]),
        direct_03: prf(counts[1]),
        all_03: prf(counts[2]),
        speaker_acc: acc(spk),
        cue_acc: acc(cue),
        articles: gold.len(),
        articles_predicted: gold.iter().filter(|(id, _)| preds.contains_key(id)).count(),
    }
}

/// The scorer's report, line for line as `score_quotes.py` prints it.
pub fn report(s: &QuoteScores) -> String {
    let mut out = format!(
        "{:<12} {:>7} {:>7} {:>7} {:>11} {:>11}\n",
        "metric", "P", "R", "F1", "ok/pred", "found/gold"
    );
    for (name, r) in [
        ("direct@0.8", &s.direct_08),
        ("direct@0.3", &s.direct_03),
        ("all@0.3", &s.all_03),
    ] {
        out.push_str(&format!(
            "{:<12} {:>7.3} {:>7.3} {:>7.3} {:>5}/{:<5} {:>5}/{:<5}\n",
            name, r.precision, r.recall, r.f1, r.pred_correct, r.pred, r.gold_found, r.gold
        ));
    }
    out.push_str(&format!(
        "speaker_acc {:.3}   cue_acc {:.3}   articles {}/{} with predictions\n",
        s.speaker_acc, s.cue_acc, s.articles_predicted, s.articles
    ));
    out.push_str(&format!(
        "direct@0.8 F1 {:.3} | all@0.3 F1 {:.3} | speaker_acc {:.3}\n",
        s.direct_08.f1, s.all_03.f1, s.speaker_acc
    ));
    out
}

/// Extracts quotes from the gold articles and scores them.
pub fn eval_quotes(gold_path: &Path) -> Result<QuoteScores, EvalError> {
    let articles = read_gold(gold_path)?;
    let lex = Lexicon::get();
    let predicted: Vec<(String, Vec<PredictedQuote>)> = articles
        .par_iter()
        .map(|(article, _)| {
            let rows = process_article(article, lex);
            let quotes = rows
                .quotes
                .into_iter()
                .map(|q| PredictedQuote {
                    kind: q.quote_type.to_string(),
                    start: q.start as i64,
                    end: q.end as i64,
                    speaker: q.speaker_start.zip(q.speaker_end).map(|(a, b)| (a as i64, b as i64)),
                    cue: q.cue_start.zip(q.cue_end).map(|(a, b)| (a as i64, b as i64)),
                })
                .collect();
            (rows.article.article_id, quotes)
        })
        .collect();
    let preds: BTreeMap<String, Vec<PredictedQuote>> = predicted.into_iter().filter(|(_, q)| !q.is_empty()).collect();
    let gold: Vec<(String, Vec<GoldQuote>)> = articles.into_iter().map(|(a, g)| (crate::article_id(&a), g)).collect();
    Ok(score(&gold, &preds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(kind: &str, content: Spans, speaker: Spans) -> GoldQuote {
        GoldQuote {
            kind: kind.into(),
            content,
            speaker,
            cue: vec![],
        }
    }

    fn pred(kind: &str, start: i64, end: i64, speaker: Option<(i64, i64)>) -> PredictedQuote {
        PredictedQuote {
            kind: kind.into(),
            start,
            end,
            speaker,
            cue: None,
        }
    }

    #[test]
    fn split_gold_is_found_by_its_two_fragments() {
        let g = vec![(
            "a".to_string(),
            vec![gold("direct", vec![(0, 10), (20, 30)], vec![(12, 15)])],
        )];
        let mut p = BTreeMap::new();
        p.insert(
            "a".to_string(),
            vec![
                pred("direct", 0, 10, Some((12, 15))),
                pred("direct", 20, 30, Some((12, 15))),
            ],
        );
        let s = score(&g, &p);
        assert_eq!((s.direct_08.pred_correct, s.direct_08.gold_found), (2, 1));
        assert_eq!(s.direct_08.f1, 1.0);
        assert_eq!(s.speaker_acc, 1.0);
    }

    #[test]
    fn half_coverage_misses_at_08_but_counts_at_03() {
        let g = vec![("a".to_string(), vec![gold("direct", vec![(0, 100)], vec![])])];
        let mut p = BTreeMap::new();
        p.insert(
            "a".to_string(),
            vec![pred("direct", 0, 50, None), pred("indirect", 200, 220, None)],
        );
        let s = score(&g, &p);
        assert_eq!(s.direct_08.gold_found, 0);
        assert_eq!(s.direct_03.gold_found, 1);
        assert_eq!((s.all_03.pred_correct, s.all_03.pred), (1, 2));
    }
}
