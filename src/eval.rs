//! Measurement against hand-annotated quotes: the metrics of `../shared/eval/score_quotes.py`
//! (direct@0.8, direct@0.3, all@0.3, speaker_acc, cue_acc), computed the same way, for
//! `newsframe eval quotes --gold FILE.jsonl` on a user's own annotations in the PolNeAR JSONL
//! layout. After those lines it prints what the Python scorer does not measure: whether the
//! speaker's canonical name and kind are right, for gold that records them (`speaker_name`,
//! `speaker_kind`, as in `data/eval/quotes_modern.jsonl`).

pub mod sources;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use rayon::prelude::*;
use serde_json::Value;

use crate::input::{FieldMap, RecordPos};
use crate::lexicon::Lexicon;

type Spans = Vec<(i64, i64)>;

/// One annotated attribution: content fragments, speaker and cue spans (code points).
#[derive(Debug, Clone)]
pub struct GoldQuote {
    pub kind: String,
    pub content: Spans,
    pub speaker: Spans,
    pub cue: Spans,
    /// The speaker's canonical name, when the gold records one (unnamed sources have none).
    pub speaker_name: Option<String>,
    /// `person`, `organization`, `media`, `anonymous`, `author` or `unknown`, when recorded.
    pub speaker_kind: Option<String>,
}

/// One predicted quote, as the `quotes` table has it.
#[derive(Debug, Clone)]
pub struct PredictedQuote {
    pub kind: String,
    pub start: i64,
    pub end: i64,
    pub speaker: Option<(i64, i64)>,
    pub cue: Option<(i64, i64)>,
    pub speaker_name: Option<String>,
    pub speaker_kind: String,
    pub rule: String,
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
                        speaker_name: q.get("speaker_name").and_then(Value::as_str).map(str::to_string),
                        speaker_kind: q.get("speaker_kind").and_then(Value::as_str).map(str::to_string),
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
    pub names: NameScores,
}

/// Canonical speaker names and kinds over the correct all@0.3 predictions: names where the
/// gold has one, kinds where the gold records one.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct NameScores {
    pub exact: usize,
    pub partial: usize,
    pub wrong: usize,
    pub kind_right: usize,
    pub kind_total: usize,
    /// The found quotes whose name or kind is wrong, for error analysis (`--names`).
    #[serde(skip)]
    pub misses: Vec<NameMiss>,
}

/// A found quote whose canonical speaker name or kind differs from the gold's.
#[derive(Debug, Clone)]
pub struct NameMiss {
    pub article: String,
    pub gold_name: Option<String>,
    pub gold_kind: Option<String>,
    pub name: Option<String>,
    pub kind: String,
    pub rule: String,
    /// How the name matched the gold's: exact, partial or wrong ("" with no gold name).
    pub matched: &'static str,
}

impl NameScores {
    fn total(&self) -> usize {
        self.exact + self.partial + self.wrong
    }
    pub fn exact_acc(&self) -> f64 {
        ratio(self.exact, self.total())
    }
    pub fn exact_or_partial_acc(&self) -> f64 {
        ratio(self.exact + self.partial, self.total())
    }
    pub fn kind_acc(&self) -> f64 {
        ratio(self.kind_right, self.kind_total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        round4(a as f64 / b as f64)
    } else {
        0.0
    }
}

/// How a predicted canonical name compares with the gold one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// Equal after lowercasing and dropping punctuation, honorifics, titles and "the".
    Exact,
    /// One name's words are a subset of the other's ("Trump" for "Donald Trump").
    Partial,
    Wrong,
}

/// The words a name is counted by: lowercased, without punctuation, a possessive, "the",
/// honorifics ("Mr", "Dr") or titles ("President").
fn name_words(name: &str, lex: &Lexicon) -> Vec<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(w);
            w.chars().filter(|c| c.is_alphanumeric()).collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let kept: Vec<String> = words
        .iter()
        .filter(|w| {
            !w.eq_ignore_ascii_case("the") && lex.honorific_gender(w).is_none() && !lex.is_title(&w.to_lowercase())
        })
        .map(|w| w.to_lowercase())
        .collect();
    if kept.is_empty() {
        words.iter().map(|w| w.to_lowercase()).collect()
    } else {
        kept
    }
}

/// Compares a predicted canonical name with the gold name.
pub fn match_name(predicted: Option<&str>, gold: &str, lex: &Lexicon) -> NameMatch {
    let Some(predicted) = predicted else {
        return NameMatch::Wrong;
    };
    let (p, g) = (name_words(predicted, lex), name_words(gold, lex));
    if p.is_empty() || g.is_empty() {
        return NameMatch::Wrong;
    }
    if p == g {
        return NameMatch::Exact;
    }
    let subset = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
    if subset(&p, &g) || subset(&g, &p) {
        NameMatch::Partial
    } else {
        NameMatch::Wrong
    }
}

/// Scores predictions against gold, article by article.
pub fn score(gold: &[(String, Vec<GoldQuote>)], preds: &BTreeMap<String, Vec<PredictedQuote>>) -> QuoteScores {
    let lex = Lexicon::get();
    let mut counts = [[0usize; 4]; 3];
    let (mut spk, mut cue) = ([0usize; 2], [0usize; 2]);
    let mut names = NameScores::default();
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
                let mut matched = "";
                if let Some(gold_name) = &g.speaker_name {
                    match match_name(p.speaker_name.as_deref(), gold_name, lex) {
                        NameMatch::Exact => (names.exact, matched) = (names.exact + 1, "exact"),
                        NameMatch::Partial => (names.partial, matched) = (names.partial + 1, "partial"),
                        NameMatch::Wrong => (names.wrong, matched) = (names.wrong + 1, "wrong"),
                    }
                }
                let kind_wrong = g.speaker_kind.as_ref().is_some_and(|k| *k != p.speaker_kind);
                if let Some(kind) = &g.speaker_kind {
                    names.kind_total += 1;
                    names.kind_right += usize::from(*kind == p.speaker_kind);
                }
                if matched == "wrong" || matched == "partial" || kind_wrong {
                    names.misses.push(NameMiss {
                        article: id.clone(),
                        gold_name: g.speaker_name.clone(),
                        gold_kind: g.speaker_kind.clone(),
                        name: p.speaker_name.clone(),
                        kind: p.speaker_kind.clone(),
                        rule: p.rule.clone(),
                        matched,
                    });
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
        names,
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

/// The lines after the scorer's: canonical names and kinds, when the gold records them.
pub fn report_names(s: &QuoteScores) -> String {
    let n = &s.names;
    let mut out = String::new();
    if n.total() > 0 {
        out.push_str(&format!(
            "speaker_name exact {:.3}   exact or partial {:.3}   ({} exact, {} partial, {} wrong of {})\n",
            n.exact_acc(),
            n.exact_or_partial_acc(),
            n.exact,
            n.partial,
            n.wrong,
            n.total()
        ));
    }
    if n.kind_total > 0 {
        out.push_str(&format!(
            "speaker_kind {:.3}   ({} of {})\n",
            n.kind_acc(),
            n.kind_right,
            n.kind_total
        ));
    }
    out
}

/// The name and kind misses, a line each: article, match, gold name, gold kind, predicted
/// name, predicted kind, rule (tab-separated, after a header).
pub fn report_name_misses(s: &QuoteScores) -> String {
    let mut out = String::from("article\tname\tgold_name\tgold_kind\tname\tkind\trule\n");
    for m in &s.names.misses {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            m.article,
            m.matched,
            m.gold_name.as_deref().unwrap_or("-"),
            m.gold_kind.as_deref().unwrap_or("-"),
            m.name.as_deref().unwrap_or("-"),
            m.kind,
            m.rule
        ));
    }
    out
}

/// Extracts quotes from the gold articles and scores them.
pub fn eval_quotes(gold_path: &Path) -> Result<QuoteScores, EvalError> {
    eval_quotes_using(gold_path, crate::extract::quotes::RowModel::shipped())
}

/// [`eval_quotes`] with the given attribution check instead of the shipped one.
pub fn eval_quotes_using(
    gold_path: &Path,
    quote_model: &crate::extract::quotes::RowModel,
) -> Result<QuoteScores, EvalError> {
    let articles = read_gold(gold_path)?;
    let lex = Lexicon::get();
    let predicted: Vec<(String, Vec<PredictedQuote>)> = articles
        .par_iter()
        .map(|(article, _)| {
            let rows = crate::process_article_using(article, lex, crate::extract::ner::Model::shipped(), quote_model);
            let quotes = rows
                .quotes
                .into_iter()
                .map(|q| PredictedQuote {
                    kind: q.quote_type.to_string(),
                    start: q.start as i64,
                    end: q.end as i64,
                    speaker: q.speaker_start.zip(q.speaker_end).map(|(a, b)| (a as i64, b as i64)),
                    cue: q.cue_start.zip(q.cue_end).map(|(a, b)| (a as i64, b as i64)),
                    speaker_name: q.speaker_name,
                    speaker_kind: q.speaker_kind.to_string(),
                    rule: q.rule.to_string(),
                })
                .collect();
            (rows.article.article_id, quotes)
        })
        .collect();
    let preds: BTreeMap<String, Vec<PredictedQuote>> = predicted.into_iter().filter(|(_, q)| !q.is_empty()).collect();
    let gold: Vec<(String, Vec<GoldQuote>)> = articles.into_iter().map(|(a, g)| (crate::article_id(&a), g)).collect();
    Ok(score(&gold, &preds))
}

/// What the attribution check learns from: every row the quote rules make on the annotated
/// articles that the check judges (see `quotes::judged`), with its features and whether it is an attribution: whether at
/// least half of it lies in one gold content that it covers at least 0.3 of, as all@0.3 counts.
pub fn quote_row_examples(gold_path: &Path) -> Result<Vec<Vec<crate::extract::quotes::RowExample>>, EvalError> {
    use crate::extract::{entities, quotes};
    let articles = read_gold(gold_path)?;
    let lex = Lexicon::get();
    let examples = articles
        .par_iter()
        .map(|(article, gold)| {
            let at = crate::text::ArticleText::new(&article.text, lex);
            let ents = entities::extract_with(&at, lex, entities::EntityTagger::default());
            quotes::candidates(&at, lex, &ents)
                .into_iter()
                .filter(|q| quotes::judged(&at, lex, q))
                .map(|q| {
                    let (s, e) = at.original_cp(q.span);
                    let (s, e) = (s as i64, e as i64);
                    let label = gold.iter().any(|g| {
                        let o = intersect(&g.content, s, e);
                        let total: i64 = g.content.iter().map(|(a, b)| b - a).sum();
                        e > s && o * 2 >= e - s && o as f64 >= 0.3 * total.max(1) as f64
                    });
                    (quotes::row_features(&at, &q), label)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    Ok(examples)
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
            speaker_name: None,
            speaker_kind: None,
        }
    }

    fn pred(kind: &str, start: i64, end: i64, speaker: Option<(i64, i64)>) -> PredictedQuote {
        PredictedQuote {
            kind: kind.into(),
            start,
            end,
            speaker,
            cue: None,
            speaker_name: None,
            speaker_kind: "unknown".into(),
            rule: String::new(),
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

    #[test]
    fn names_match_without_honorifics_titles_or_punctuation() {
        let lex = Lexicon::get();
        assert_eq!(match_name(Some("Mr. John Kirby"), "John Kirby", lex), NameMatch::Exact);
        assert_eq!(match_name(Some("President Biden"), "Biden", lex), NameMatch::Exact);
        assert_eq!(match_name(Some("The Guardian"), "Guardian", lex), NameMatch::Exact);
        assert_eq!(match_name(Some("Trump"), "Donald Trump", lex), NameMatch::Partial);
        assert_eq!(
            match_name(Some("Donald J. Trump"), "Donald Trump", lex),
            NameMatch::Partial
        );
        assert_eq!(match_name(Some("Liverpool"), "Jürgen Klopp", lex), NameMatch::Wrong);
        assert_eq!(match_name(None, "Jürgen Klopp", lex), NameMatch::Wrong);
    }

    #[test]
    fn names_and_kinds_count_over_found_quotes_whose_gold_has_them() {
        let named = |name: Option<&str>, kind: &str| GoldQuote {
            speaker_name: name.map(str::to_string),
            speaker_kind: Some(kind.into()),
            ..gold("indirect", vec![(0, 50)], vec![(60, 65)])
        };
        let g = vec![
            ("a".to_string(), vec![named(Some("Liz Truss"), "person")]),
            ("b".to_string(), vec![named(None, "anonymous")]),
            ("c".to_string(), vec![named(Some("Home Office"), "organization")]),
        ];
        let p = |name: Option<&str>, kind: &str| PredictedQuote {
            speaker_name: name.map(str::to_string),
            speaker_kind: kind.into(),
            ..pred("indirect", 0, 50, Some((60, 65)))
        };
        let preds: BTreeMap<String, Vec<PredictedQuote>> = [
            ("a".to_string(), vec![p(Some("Truss"), "organization")]),
            ("b".to_string(), vec![p(Some("a diplomat"), "anonymous")]),
            ("c".to_string(), vec![p(Some("Priti Patel"), "person")]),
        ]
        .into_iter()
        .collect();
        let n = score(&g, &preds).names;
        assert_eq!((n.exact, n.partial, n.wrong), (0, 1, 1));
        assert_eq!((n.kind_right, n.kind_total), (1, 3));
        assert_eq!(n.exact_or_partial_acc(), 0.5);
        // Each found quote with a wrong or partial name, or a wrong kind, is listed once.
        let misses: Vec<(&str, &str, Option<&str>)> = n
            .misses
            .iter()
            .map(|m| (m.article.as_str(), m.matched, m.name.as_deref()))
            .collect();
        assert_eq!(
            misses,
            vec![("a", "partial", Some("Truss")), ("c", "wrong", Some("Priti Patel"))]
        );
    }
}
