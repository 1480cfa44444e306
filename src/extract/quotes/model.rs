//! The learned attribution check: an averaged perceptron that, given a row the rules made, says
//! whether it is an attribution at all. It reads what the rules cannot weigh together: the cue
//! word with what follows it ("offered a part" is no speech, "offered that" is), the shape of
//! the content and of the speaker phrase, and the rule. Rows it rejects are dropped. The weights
//! are `data/models/quote_rows.tsv`, written by `newsframe train quotes`.

use super::*;
use std::hash::{Hash, Hasher};

/// Named features with their weights; a row is kept when the sum of its features' weights is
/// at least the threshold (the `threshold` line of the file).
#[derive(Debug, Clone, Default)]
pub struct RowModel {
    weights: FxHashMap<u64, f32>,
    threshold: f32,
}

/// A training row: its features and whether it is an attribution.
pub type RowExample = (Vec<String>, bool);

/// The line of the weights file that holds the threshold.
pub const THRESHOLD: &str = "threshold";

fn key(feature: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    feature.hash(&mut h);
    h.finish()
}

impl RowModel {
    /// The shipped model (`data/models/quote_rows.tsv`); empty when that file has no weights.
    pub fn shipped() -> &'static RowModel {
        static M: OnceLock<RowModel> = OnceLock::new();
        M.get_or_init(|| RowModel::parse(data!("models/quote_rows.tsv")))
    }

    /// Reads `feature<TAB>weight` lines; `#` lines are comments.
    pub fn parse(text: &str) -> RowModel {
        let pairs = text.lines().filter(|l| !l.starts_with('#')).filter_map(|l| {
            let (f, w) = l.rsplit_once('\t')?;
            Some((f, w.trim().parse::<f32>().ok()?))
        });
        RowModel::from_weights(pairs)
    }

    pub fn from_weights<'a>(pairs: impl IntoIterator<Item = (&'a str, f32)>) -> RowModel {
        let mut model = RowModel::default();
        for (f, w) in pairs {
            if f == THRESHOLD {
                model.threshold = w;
            } else {
                model.weights.insert(key(f), w);
            }
        }
        model
    }

    pub fn with_threshold(mut self, threshold: f32) -> RowModel {
        self.threshold = threshold;
        self
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    pub fn score(&self, features: &[String]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(&key(f))).sum()
    }

    /// Whether a row stays: always when it is not [`judged`] or its rule was not trained on
    /// (too rare in the training data to judge), else when its score reaches the threshold.
    pub(super) fn keeps(&self, at: &ArticleText, lex: &Lexicon, q: &Quote) -> bool {
        self.is_empty()
            || !judged(at, lex, q)
            || !self.weights.contains_key(&key(&format!("rule={}", q.rule)))
            || self.score(&row_features(at, q)) >= self.threshold
    }
}

/// Whether the check judges a row at all: not when its cue opens with a hand-listed cue
/// ("said", "added", "warned": `data/lexicon/cues.tsv`) and it reports at least
/// [`MIN_LISTED_CONTENT_WORDS`] words, which is speech whatever the model makes of its shape.
/// The check is for the cues learned from PolNeAR ("offered", "observed", "laid"), for rows
/// with no cue, and for short contents ("said no", "told him").
pub fn judged(at: &ArticleText, lex: &Lexicon, q: &Quote) -> bool {
    let head = q.cue.and_then(|c| {
        tokens(at.slice(c))
            .into_iter()
            .find(|w| w.starts_with(char::is_alphabetic))
    });
    let listed = head.is_some_and(|h| lex.is_listed_cue(h));
    !(listed && at.slice(q.content).split_whitespace().count() >= MIN_LISTED_CONTENT_WORDS)
}

/// See [`judged`]: on PolNeAR train, 4 words or more after a listed cue were an attribution
/// far more often than the rows the check drops.
pub const MIN_LISTED_CONTENT_WORDS: usize = 4;

/// A word's class as the features see it: the word itself for the closed classes that decide
/// the construction, else its shape.
fn class(word: &str) -> String {
    let lower = word.to_lowercase();
    let first = word.chars().next();
    match lower.as_str() {
        "" => "END".into(),
        "that" | "to" | "as" | "of" | "for" | "on" | "about" | "by" | "in" | "with" | "it" | "if" | "whether" => lower,
        "the" | "a" | "an" | "this" | "these" | "those" | "his" | "her" | "their" | "its" | "our" | "my" | "your" => {
            "DET".into()
        }
        "he" | "she" | "they" | "we" | "i" | "you" => "PRON".into(),
        "what" | "how" | "why" | "when" | "where" | "who" | "which" => "WH".into(),
        _ if matches!(
            first,
            Some('"' | '\u{201c}' | '\u{201d}' | '\'' | '\u{2018}' | '\u{2019}')
        ) =>
        {
            "Q".into()
        }
        _ if first.is_some_and(|c| c.is_ascii_digit()) => "NUM".into(),
        _ if first.is_some_and(|c| c.is_uppercase()) => "CAP".into(),
        _ if first.is_some_and(|c| !c.is_alphanumeric()) => "P".into(),
        _ if lower.ends_with("ing") => "ING".into(),
        _ if lower.ends_with("ed") => "ED".into(),
        _ if lower.ends_with("ly") => "LY".into(),
        _ => "w".into(),
    }
}

/// A word as a feature: lowercase words as themselves, names and numbers by their class, so
/// that no weight is learned for a particular person ("Truss") or figure.
fn word(w: &str) -> String {
    if w.starts_with(char::is_lowercase) {
        w.to_string()
    } else {
        class(w)
    }
}

/// Words of a stretch of text, with punctuation split off the ends (a quotation mark stays a
/// word of its own).
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let start = w.find(char::is_alphanumeric).unwrap_or(w.len());
        let end = w
            .rfind(char::is_alphanumeric)
            .map_or(start, |i| i + w[i..].chars().next().map_or(1, char::len_utf8));
        if start > 0 {
            out.push(&w[..start]);
        }
        if end > start {
            out.push(&w[start..end]);
        }
        if end < w.len() && end >= start {
            out.push(&w[end..]);
        }
    }
    out
}

/// `text[a..b]`, both ends moved inward to character boundaries.
fn window(text: &str, a: usize, b: usize) -> &str {
    let b = b.min(text.len());
    let a = (a..b).find(|&i| text.is_char_boundary(i)).unwrap_or(b);
    let b = (a..=b).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(a);
    &text[a..b]
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=8 => "5-8",
        9..=16 => "9-16",
        17..=32 => "17-32",
        _ => "33+",
    }
}

/// The features of one row, as strings (the model file names them).
pub fn row_features(at: &ArticleText, q: &Quote) -> Vec<String> {
    let text = at.text();
    let content = tokens(at.slice(q.content));
    let cue_words: Vec<String> = q
        .cue
        .map(|c| tokens(at.slice(c)).iter().map(|w| w.to_lowercase()).collect())
        .unwrap_or_default();
    let cue = if cue_words.is_empty() {
        "NONE".to_string()
    } else {
        cue_words.join(" ")
    };
    let head = cue_words.first().map_or("NONE", String::as_str);
    let next = q
        .cue
        .and_then(|c| tokens(window(text, c.end, c.end + 60)).first().map(|w| w.to_string()))
        .unwrap_or_default();
    let before = q
        .cue
        .and_then(|c| {
            tokens(window(text, c.start.saturating_sub(40), c.start))
                .last()
                .map(|w| w.to_string())
        })
        .unwrap_or_default();
    let first = content.first().copied().unwrap_or("");
    let second = content.get(1).copied().unwrap_or("");
    let last = content.last().copied().unwrap_or("");
    let position = match q.cue {
        None => "none",
        Some(c) if c.end <= q.span.start => "before",
        Some(c) if c.start >= q.span.end => "after",
        Some(_) => "inside",
    };
    let (speaker_words, speaker_first, speaker_last, kind) = match &q.speaker {
        Some(s) => {
            let w = tokens(at.slice(s.span));
            (
                w.len(),
                class(w.first().copied().unwrap_or("")),
                w.last().map(|x| word(x)).unwrap_or_default(),
                s.kind.as_str(),
            )
        }
        None => (0, "END".into(), String::new(), "none"),
    };
    let speaker_lowercase_words = q
        .speaker
        .as_ref()
        .map(|s| {
            tokens(at.slice(s.span))
                .iter()
                .filter(|w| w.starts_with(char::is_lowercase))
                .count()
        })
        .unwrap_or(0);
    let quoted = content.iter().any(|w| class(w) == "Q");
    let has_that = content.iter().any(|w| w.eq_ignore_ascii_case("that"));
    let (t, r) = (q.kind.as_str(), q.rule);
    vec![
        "bias".to_string(),
        format!("rule={r}"),
        format!("type={t}"),
        format!("rule|attribution={r}|{}", q.attribution.as_str()),
        format!("kind={kind}"),
        format!("rule|kind={r}|{kind}"),
        format!("cue={cue}"),
        format!("head={head}"),
        format!("head|type={head}|{t}"),
        format!("head|next={head}|{}", word(&next)),
        format!("head|next_class={head}|{}", class(&next)),
        format!("head|first_class={head}|{}", class(first)),
        format!("head|first_two={head}|{}|{}", class(first), class(second)),
        format!("head|kind={head}|{kind}"),
        format!("head|position={head}|{position}"),
        format!("before|head={}|{head}", class(&before)),
        format!("first={}", word(first)),
        format!("first_class={}", class(first)),
        format!("first_two={}|{}", class(first), class(second)),
        format!("last_class={}", class(last)),
        format!("content_words={}", bucket(content.len())),
        format!("rule|content_words={r}|{}", bucket(content.len())),
        format!("quoted={quoted}"),
        format!("that={has_that}"),
        format!("head|that={head}|{has_that}"),
        format!("position={position}"),
        format!("speaker_words={}", bucket(speaker_words)),
        format!("speaker_first={speaker_first}"),
        format!("speaker_last={speaker_last}"),
        format!("speaker_lowercase={}", bucket(speaker_lowercase_words)),
        format!("score={}", hundredths(q.confidence) / 10),
    ]
}

/// The threshold that keeps the rows that help all@0.3 F1 most, chosen by cross-validation over
/// articles: each fifth of the articles is scored by a model trained on the other four, and the
/// threshold maximizes F1 with precision the kept rows' share of attributions and recall the
/// share of attributions kept times `base_recall` (the rules' own recall of gold, which the
/// check can only lower).
pub fn cross_validated_threshold(articles: &[Vec<RowExample>], epochs: usize, base_recall: f64) -> f32 {
    const FOLDS: usize = 5;
    let mut scored: Vec<(f32, bool)> = Vec::new();
    for fold in 0..FOLDS {
        let train_rows: Vec<RowExample> = articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % FOLDS != fold)
            .flat_map(|(_, rows)| rows.iter().cloned())
            .collect();
        let weights = train(&train_rows, epochs);
        let model = RowModel::from_weights(weights.iter().map(|(f, w)| (f.as_str(), *w)));
        for (_, rows) in articles.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
            scored.extend(rows.iter().map(|(f, l)| (model.score(f), *l)));
        }
    }
    best_threshold(&mut scored, base_recall)
}

fn best_threshold(scored: &mut [(f32, bool)], base_recall: f64) -> f32 {
    let positives = scored.iter().filter(|(_, l)| *l).count() as f64;
    // Keep rows from the highest score down; the threshold is a kept row's score.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut kept, mut right) = (0f64, 0f64);
    let mut best = (f64::MIN, f32::MIN);
    for (score, label) in scored.iter() {
        kept += 1.0;
        right += f64::from(u8::from(*label));
        let p = right / kept;
        let r = base_recall * right / positives.max(1.0);
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        if f > best.0 {
            best = (f, *score);
        }
    }
    best.1
}

/// A rule is judged only when it made this many training rows; rarer rules' rows are always
/// kept (on PolNeAR train a rule with a dozen rows got weights from a handful of mistakes).
pub const MIN_RULE_ROWS: usize = 30;
/// A feature seen on fewer training rows gets no weight: it would learn one article's wording.
const MIN_FEATURE_ROWS: usize = 3;

/// Averaged perceptron training over (features, is an attribution) examples; returns the
/// averaged weights by feature name. Rows of rules with fewer than [`MIN_RULE_ROWS`] rows are
/// left out (their rules stay unjudged), and features seen fewer than [`MIN_FEATURE_ROWS`]
/// times are not used.
pub fn train(examples: &[RowExample], epochs: usize) -> Vec<(String, f32)> {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (features, _) in examples {
        for f in features {
            *seen.entry(f.as_str()).or_default() += 1;
        }
    }
    let rule_rows = |features: &[String]| {
        features
            .iter()
            .find(|f| f.starts_with("rule="))
            .map_or(0, |f| seen.get(f.as_str()).copied().unwrap_or(0))
    };
    let examples: Vec<(Vec<&str>, bool)> = examples
        .iter()
        .filter(|(features, _)| rule_rows(features) >= MIN_RULE_ROWS)
        .map(|(features, label)| {
            let kept = features
                .iter()
                .map(String::as_str)
                .filter(|f| seen.get(f).copied().unwrap_or(0) >= MIN_FEATURE_ROWS)
                .collect();
            (kept, *label)
        })
        .collect();
    let mut weights: FxHashMap<&str, f32> = FxHashMap::default();
    let mut totals: FxHashMap<&str, f32> = FxHashMap::default();
    let mut stamps: FxHashMap<&str, usize> = FxHashMap::default();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut step = 0usize;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &e in &order {
            step += 1;
            let (features, label) = &examples[e];
            let score: f32 = features.iter().filter_map(|f| weights.get(f)).sum();
            if (score >= 0.0) == *label {
                continue;
            }
            let delta = if *label { 1.0 } else { -1.0 };
            for &f in features {
                let w = weights.entry(f).or_default();
                let since = step - stamps.get(f).copied().unwrap_or(0);
                *totals.entry(f).or_default() += *w * since as f32;
                stamps.insert(f, step);
                *w += delta;
            }
        }
    }
    let mut out: Vec<(String, f32)> = weights
        .iter()
        .map(|(f, w)| {
            let since = step - stamps.get(f).copied().unwrap_or(0);
            let total = totals.get(f).copied().unwrap_or(0.0) + w * since as f32;
            (f.to_string(), total / step.max(1) as f32)
        })
        .filter(|(_, w)| w.abs() > 1e-4)
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
