//! Measurement of the `sources` table and the articles' credit columns against hand-written
//! expectations, for `newsframe eval sources`: per-kind precision and recall of sources, the
//! accuracy of their title, affiliation and gender, and of wire agency, dateline and byline.
//!
//! Gold: JSON Lines, one short article a line: `{"id", "text", "sources": [{"name", "kind",
//! "title"?, "affiliation"?, "gender"?}]}` and/or `{"wire_agency", "dateline", "byline"}` (null
//! where the article has none). Only the keys a line has are checked. The built-in fixture,
//! `data/eval/sources_gold.jsonl`, was written for this project.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::EvalError;
use crate::input::{Article, RecordPos};
use crate::lexicon::Lexicon;
use crate::process_article;

/// The fixture compiled into the binary, used when no `--gold` file is given.
pub const BUILT_IN_GOLD: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval/sources_gold.jsonl"));

pub const KINDS: [&str; 4] = ["person", "organization", "media", "anonymous"];

#[derive(Debug, Clone, Default, Serialize)]
pub struct KindScore {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Accuracy {
    pub checked: usize,
    pub correct: usize,
    pub accuracy: f64,
}

impl Accuracy {
    fn add(&mut self, right: bool) {
        self.checked += 1;
        self.correct += usize::from(right);
        self.accuracy = self.correct as f64 / self.checked as f64;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceScores {
    pub articles: usize,
    pub by_kind: BTreeMap<String, KindScore>,
    pub all: KindScore,
    pub title: Accuracy,
    pub affiliation: Accuracy,
    pub gender: Accuracy,
    pub wire_agency: Accuracy,
    pub dateline: Accuracy,
    pub byline: Accuracy,
    /// Every disagreement, for reading: "id: expected ..., got ...".
    pub errors: Vec<String>,
}

fn norm(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    lower.strip_prefix("the ").unwrap_or(&lower).to_string()
}

fn same(expected: &Value, got: Option<&str>) -> bool {
    match (expected.as_str(), got) {
        (None, None) => true,
        (Some(e), Some(g)) => norm(e) == norm(g),
        _ => false,
    }
}

fn prf(correct: usize, predicted: usize, gold: usize) -> KindScore {
    let precision = if predicted > 0 {
        correct as f64 / predicted as f64
    } else {
        0.0
    };
    let recall = if gold > 0 { correct as f64 / gold as f64 } else { 0.0 };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    KindScore {
        gold,
        predicted,
        correct,
        precision,
        recall,
        f1,
    }
}

/// Scores extraction on the gold lines in `text` (named `path` in errors).
pub fn score(text: &str, path: &str) -> Result<SourceScores, EvalError> {
    let lex = Lexicon::get();
    let mut s = SourceScores::default();
    let mut counts: BTreeMap<String, (usize, usize, usize)> =
        KINDS.iter().map(|k| (k.to_string(), (0, 0, 0))).collect();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let gold_err = |reason: String| EvalError::Gold {
            path: path.to_string(),
            line: n + 1,
            reason,
        };
        let gold: Value = serde_json::from_str(line).map_err(|e| gold_err(format!("invalid JSON: {e}")))?;
        let id = gold["id"].as_str().unwrap_or("").to_string();
        let body = gold["text"].as_str().ok_or_else(|| gold_err("no \"text\"".into()))?;
        let pos = RecordPos {
            source_file: path.to_string(),
            record_no: n as u64,
            byte_offset: None,
        };
        let article = Article::from_text(pos, Some(id.clone()), body.to_string());
        let rows = process_article(&article, lex);
        s.articles += 1;
        if let Some(expected) = gold.get("sources").and_then(Value::as_array) {
            let mut used = vec![false; rows.sources.len()];
            for g in expected {
                let (name, kind) = (g["name"].as_str().unwrap_or(""), g["kind"].as_str().unwrap_or(""));
                counts.entry(kind.to_string()).or_default().1 += 1;
                let found = rows
                    .sources
                    .iter()
                    .enumerate()
                    .find(|(i, p)| !used[*i] && norm(&p.name) == norm(name));
                let Some((i, p)) = found else {
                    s.errors.push(format!("{id}: missed {kind} \"{name}\""));
                    continue;
                };
                used[i] = true;
                if p.kind != kind {
                    s.errors.push(format!("{id}: \"{name}\" is {kind}, got {}", p.kind));
                    continue;
                }
                counts.entry(kind.to_string()).or_default().0 += 1;
                for (key, got, acc) in [
                    ("title", p.title.as_deref(), &mut s.title),
                    ("affiliation", p.affiliation.as_deref(), &mut s.affiliation),
                    ("gender", p.gender, &mut s.gender),
                ] {
                    if let Some(want) = g.get(key) {
                        let right = same(want, got);
                        acc.add(right);
                        if !right {
                            s.errors
                                .push(format!("{id}: {name} {key} expected {want}, got {got:?}"));
                        }
                    }
                }
            }
            for (p, _) in rows.sources.iter().zip(&used).filter(|(_, u)| !**u) {
                s.errors.push(format!("{id}: extra {} \"{}\"", p.kind, p.name));
            }
            for p in &rows.sources {
                counts.entry(p.kind.to_string()).or_default().2 += 1;
            }
        }
        let a = &rows.article;
        for (key, got, acc) in [
            ("wire_agency", a.wire_agency.as_deref(), &mut s.wire_agency),
            ("dateline", a.dateline.as_deref(), &mut s.dateline),
            ("byline", a.byline.as_deref(), &mut s.byline),
        ] {
            if let Some(want) = gold.get(key) {
                let right = same(want, got);
                acc.add(right);
                if !right {
                    s.errors.push(format!("{id}: {key} expected {want}, got {got:?}"));
                }
            }
        }
    }
    let (mut c, mut g, mut p) = (0, 0, 0);
    for (kind, (correct, gold, predicted)) in counts {
        s.by_kind.insert(kind, prf(correct, predicted, gold));
        (c, g, p) = (c + correct, g + gold, p + predicted);
    }
    s.all = prf(c, p, g);
    Ok(s)
}

/// Scores the gold file at `path`, or the built-in fixture.
pub fn eval_sources(path: Option<&Path>) -> Result<SourceScores, EvalError> {
    match path {
        None => score(BUILT_IN_GOLD, "data/eval/sources_gold.jsonl"),
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| EvalError::Io {
                path: p.display().to_string(),
                source,
            })?;
            score(&text, &p.display().to_string())
        }
    }
}

pub fn report(s: &SourceScores) -> String {
    let mut out = format!(
        "{} articles\n\nsources      gold  pred  right  precision  recall     F1\n",
        s.articles
    );
    let row = |name: &str, k: &KindScore| {
        format!(
            "{name:<12} {:>4}  {:>4}  {:>5}  {:>9.3}  {:>6.3}  {:>5.3}\n",
            k.gold, k.predicted, k.correct, k.precision, k.recall, k.f1
        )
    };
    for kind in KINDS {
        if let Some(k) = s.by_kind.get(kind) {
            out.push_str(&row(kind, k));
        }
    }
    out.push_str(&row("all", &s.all));
    out.push_str("\nof matched sources / of articles   checked  right  accuracy\n");
    for (name, a) in [
        ("title", &s.title),
        ("affiliation", &s.affiliation),
        ("gender", &s.gender),
        ("wire_agency", &s.wire_agency),
        ("dateline", &s.dateline),
        ("byline", &s.byline),
    ] {
        out.push_str(&format!(
            "{name:<34} {:>7}  {:>5}  {:>8.3}\n",
            a.checked, a.correct, a.accuracy
        ));
    }
    if !s.errors.is_empty() {
        out.push_str("\ndisagreements:\n");
        for e in &s.errors {
            out.push_str(&format!("  {e}\n"));
        }
    }
    out
}
