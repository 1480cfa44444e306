//! Training the entity tagger: reads CoNLL-2003 IOB files or JSONL with entity spans, runs the
//! averaged structured perceptron for a number of epochs, scores dev after each (exact span and
//! type, the measure of `../shared/eval/score_entities.py`), and keeps the best epoch's model.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::{bio_labels, features, scored, spans, type_index, DocContext, Model, N, O, START};
use crate::lexicon::Lexicon;
use crate::text::{ArticleText, Span};

/// One annotated document: its text and entity spans in code points.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    /// (start, end, type index into [`super::TYPES`]).
    pub entities: Vec<(u32, u32, usize)>,
}

#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}, line {line}: {reason}")]
    Format { path: String, line: usize, reason: String },
    #[error("{0} has no annotated documents")]
    Empty(String),
}

/// Reads a training or dev file: JSON Lines (`{"id","text","entities":[{"start","end","type"}]}`)
/// or CoNLL IOB text (`-DOCSTART-` between documents, a token per line, the tag last).
pub fn read_docs(path: &Path) -> Result<Vec<GoldDoc>, TrainError> {
    let name = path.display().to_string();
    let io = |source| TrainError::Io {
        path: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let lines: Vec<String> = std::io::BufReader::new(file)
        .lines()
        .collect::<Result<_, _>>()
        .map_err(io)?;
    let jsonl = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('{'));
    let docs = if jsonl {
        read_jsonl(&lines, &name)?
    } else {
        read_conll(&lines, &name)?
    };
    if docs.is_empty() {
        return Err(TrainError::Empty(name));
    }
    Ok(docs)
}

fn read_jsonl(lines: &[String], name: &str) -> Result<Vec<GoldDoc>, TrainError> {
    let mut docs = Vec::new();
    for (n, line) in lines.iter().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let err = |reason: String| TrainError::Format {
            path: name.to_string(),
            line: n + 1,
            reason,
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| err(format!("invalid JSON: {e}")))?;
        let text = v["text"].as_str().ok_or_else(|| err("no \"text\"".into()))?.to_string();
        let mut entities = Vec::new();
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(start), Some(end), Some(t)) = (e["start"].as_u64(), e["end"].as_u64(), e["type"].as_str()) else {
                return Err(err(format!("entity without start, end and type: {e}")));
            };
            if let Some(t) = type_index(t) {
                entities.push((start as u32, end as u32, t));
            }
        }
        docs.push(GoldDoc {
            id: v["id"]
                .as_str()
                .map_or_else(|| format!("line-{}", n + 1), str::to_string),
            text,
            entities,
        });
    }
    Ok(docs)
}

fn read_conll(lines: &[String], name: &str) -> Result<Vec<GoldDoc>, TrainError> {
    let mut docs = Vec::new();
    let mut doc = GoldDoc {
        id: String::new(),
        text: String::new(),
        entities: Vec::new(),
    };
    let mut chars = 0u32;
    let mut open: Option<(u32, u32, usize)> = None;
    let mut sentence_open = false;
    let finish = |doc: &mut GoldDoc, docs: &mut Vec<GoldDoc>| {
        if !doc.text.trim().is_empty() {
            doc.id = format!("{name}#{}", docs.len());
            docs.push(std::mem::replace(
                doc,
                GoldDoc {
                    id: String::new(),
                    text: String::new(),
                    entities: Vec::new(),
                },
            ));
        }
    };
    for (n, line) in lines.iter().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let close = |open: &mut Option<(u32, u32, usize)>, doc: &mut GoldDoc| {
            if let Some(e) = open.take() {
                doc.entities.push(e);
            }
        };
        if fields.is_empty() || fields[0] == "-DOCSTART-" {
            close(&mut open, &mut doc);
            if sentence_open {
                doc.text.push('\n');
                chars += 1;
                sentence_open = false;
            }
            if fields.first() == Some(&"-DOCSTART-") {
                finish(&mut doc, &mut docs);
                chars = 0;
            }
            continue;
        }
        let (token, tag) = (fields[0], fields[fields.len() - 1]);
        if sentence_open {
            doc.text.push(' ');
            chars += 1;
        }
        let start = chars;
        doc.text.push_str(token);
        chars += token.chars().count() as u32;
        sentence_open = true;
        let (prefix, t) = tag.split_once('-').unwrap_or((tag, ""));
        match (prefix, type_index(t)) {
            ("O", _) => close(&mut open, &mut doc),
            ("I", Some(t)) if open.is_some_and(|o| o.2 == t) => {
                if let Some(o) = open.as_mut() {
                    o.1 = chars;
                }
            }
            ("B" | "I", Some(t)) => {
                close(&mut open, &mut doc);
                open = Some((start, chars, t));
            }
            _ => {
                return Err(TrainError::Format {
                    path: name.to_string(),
                    line: n + 1,
                    reason: format!("unknown tag {tag:?}"),
                })
            }
        }
    }
    if let Some(e) = open.take() {
        doc.entities.push(e);
    }
    finish(&mut doc, &mut docs);
    Ok(docs)
}

/// A document as the tagger sees it: token spans per sequence, and their words.
pub struct Prepared {
    pub sequences: Vec<Vec<Span>>,
    pub cps: Vec<Vec<(u32, u32)>>,
    pub gold: Vec<Vec<usize>>,
    pub entities: HashSet<(u32, u32, usize)>,
}

/// Tokenizes a gold document exactly as extraction does and projects its spans onto BIO labels.
pub fn prepare<'a>(doc: &'a GoldDoc, lex: &Lexicon) -> (ArticleText<'a>, Prepared) {
    let at = ArticleText::new(&doc.text, lex);
    let sequences = super::sequences(&at);
    let mut starts: FxHashMap<u32, (u32, usize)> = FxHashMap::default();
    for &(s, e, t) in &doc.entities {
        starts.insert(s, (e, t));
    }
    let mut cps = Vec::with_capacity(sequences.len());
    let mut gold = Vec::with_capacity(sequences.len());
    for seq in &sequences {
        let cp: Vec<(u32, u32)> = seq.iter().map(|t| at.original_cp(*t)).collect();
        let mut labels = vec![O; seq.len()];
        let mut i = 0;
        while i < seq.len() {
            if let Some(&(end, t)) = starts.get(&cp[i].0) {
                let mut j = i;
                while j < seq.len() && cp[j].1 <= end {
                    let (begin, inside) = bio_labels(t);
                    labels[j] = if j == i { begin } else { inside };
                    j += 1;
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        cps.push(cp);
        gold.push(labels);
    }
    let entities = doc.entities.iter().copied().collect();
    (
        at,
        Prepared {
            sequences,
            cps,
            gold,
            entities,
        },
    )
}

/// Gold labels as the tagger can produce them: unscored tokens (a lowercase word inside a
/// name) are O, and an I- label left without its B- becomes B-.
fn teachable(labels: &[usize], words: &[&str], lex: &Lexicon) -> Vec<usize> {
    let mut fixed: Vec<usize> = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| if scored(words, i, lex) { l } else { O })
        .collect();
    for i in 0..fixed.len() {
        let prev = if i == 0 { START } else { fixed[i - 1] };
        if !super::allowed(prev, fixed[i]) {
            fixed[i] -= 1;
        }
    }
    fixed
}

/// The averaged perceptron being trained: current weights in `model`, and the sums that give
/// the average (w - acc / c, the running-average trick).
struct Trainer<'l> {
    lex: &'l Lexicon,
    model: Model,
    acc: FxHashMap<u64, [f32; N]>,
    trans_acc: Vec<[f32; N]>,
    c: f32,
}

impl Trainer<'_> {
    fn update(&mut self, feats: &[u64], label: usize, delta: f32) {
        for f in feats {
            self.model.weights.entry(*f).or_insert([0.0; N])[label] += delta;
            self.acc.entry(*f).or_insert([0.0; N])[label] += self.c * delta;
        }
    }

    fn update_trans(&mut self, from: usize, to: usize, delta: f32) {
        self.model.trans[from][to] += delta;
        self.trans_acc[from][to] += self.c * delta;
    }

    fn averaged(&self) -> Model {
        let mut m = self.model.clone();
        for (k, w) in m.weights.iter_mut() {
            if let Some(a) = self.acc.get(k) {
                for (x, s) in w.iter_mut().zip(a) {
                    *x -= s / self.c;
                }
            }
        }
        for (row, acc) in m.trans.iter_mut().zip(&self.trans_acc) {
            for (x, s) in row.iter_mut().zip(acc) {
                *x -= s / self.c;
            }
        }
        m
    }

    /// One document: a first pass for the document features, then a perceptron step per
    /// sentence.
    fn learn(&mut self, words: &[Vec<&str>], gold: &[Vec<usize>], snapshot: &Model) {
        let mut doc = DocContext::new(words, self.lex);
        let mut feats = Vec::with_capacity(64);
        // The first pass runs the last epoch's averaged model, as tagging will.
        let first: Vec<Vec<usize>> = words
            .iter()
            .enumerate()
            .map(|(k, s)| snapshot.viterbi(s, k, &doc, None, &mut feats))
            .collect();
        doc.add_labels(words, first.iter().map(Vec::as_slice));
        for (k, ((sentence, gold), own)) in words.iter().zip(gold).zip(&first).enumerate() {
            let predicted = self.model.viterbi(sentence, k, &doc, Some(own), &mut feats);
            self.c += 1.0;
            if predicted == *gold {
                continue;
            }
            // Gold is O wherever nothing is scored, so a wrong prediction has a view.
            let Some(view) = super::sentence_view(sentence, k, &doc) else {
                continue;
            };
            for i in 0..sentence.len() {
                let (g, p) = (gold[i], predicted[i]);
                let (gp, pp) = if i == 0 {
                    (START, START)
                } else {
                    (gold[i - 1], predicted[i - 1])
                };
                if g != p || gp != pp {
                    self.update_trans(gp, g, 1.0);
                    self.update_trans(pp, p, -1.0);
                }
                if g != p && view.scored[i] {
                    features(sentence, &view.toks, i, view.all_caps, &doc, Some(own), &mut feats);
                    let f = std::mem::take(&mut feats);
                    self.update(&f, g, 1.0);
                    self.update(&f, p, -1.0);
                    feats = f;
                }
            }
        }
    }
}

/// Precision, recall and F1 per type and for PER+ORG+LOC, exact span and type.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub by_type: [(usize, usize, usize); 4],
}

impl Score {
    pub fn f1(&self, types: &[usize]) -> f64 {
        let (tp, pred, gold) = types.iter().fold((0, 0, 0), |(a, b, c), &t| {
            let (x, y, z) = self.by_type[t];
            (a + x, b + y, c + z)
        });
        let p = if pred > 0 { tp as f64 / pred as f64 } else { 0.0 };
        let r = if gold > 0 { tp as f64 / gold as f64 } else { 0.0 };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Scores a model on prepared documents.
pub fn evaluate(model: &Model, docs: &[(Vec<Vec<&str>>, &Prepared)], lex: &Lexicon) -> Score {
    let mut score = Score::default();
    for (words, prep) in docs {
        let labels = model.tag(words, lex);
        let mut predicted: HashSet<(u32, u32, usize)> = HashSet::new();
        for (seq, cps) in labels.iter().zip(&prep.cps) {
            for (a, b, t) in spans(seq) {
                predicted.insert((cps[a].0, cps[b - 1].1, t));
            }
        }
        for t in 0..4 {
            let s = &mut score.by_type[t];
            s.0 += predicted
                .iter()
                .filter(|e| e.2 == t && prep.entities.contains(e))
                .count();
            s.1 += predicted.iter().filter(|e| e.2 == t).count();
            s.2 += prep.entities.iter().filter(|e| e.2 == t).count();
        }
    }
    score
}

/// Trains `runs` times for `epochs` passes over `train` (each run shuffles differently), reports
/// dev after each epoch through `report(what, score, seconds)`, keeps each run's best epoch by
/// PER+ORG+LOC F1, and returns their average.
pub fn train(
    train: &[GoldDoc],
    dev: &[GoldDoc],
    epochs: usize,
    runs: usize,
    lex: &Lexicon,
    mut report: impl FnMut(&str, &Score, f64),
) -> Model {
    let train_prep: Vec<(ArticleText, Prepared)> = train.iter().map(|d| prepare(d, lex)).collect();
    let dev_prep: Vec<(ArticleText, Prepared)> = dev.iter().map(|d| prepare(d, lex)).collect();
    fn words_of<'a>((at, p): &'a (ArticleText, Prepared)) -> Vec<Vec<&'a str>> {
        super::sequence_words(at.text(), &p.sequences)
    }
    let train_words: Vec<Vec<Vec<&str>>> = train_prep.iter().map(words_of).collect();
    let dev_docs: Vec<(Vec<Vec<&str>>, &Prepared)> = dev_prep.iter().map(|d| (words_of(d), &d.1)).collect();
    let train_gold: Vec<Vec<Vec<usize>>> = train_prep
        .iter()
        .zip(&train_words)
        .map(|((_, p), words)| p.gold.iter().zip(words).map(|(l, ws)| teachable(l, ws, lex)).collect())
        .collect();
    // How much of dev the tokenization and the O-for-unscored rule let any model reach.
    let mut reachable = 0;
    for (words, p) in &dev_docs {
        for ((labels, ws), cps) in p.gold.iter().zip(words).zip(&p.cps) {
            let found: HashSet<(u32, u32, usize)> = spans(&teachable(labels, ws, lex))
                .iter()
                .map(|&(a, b, t)| (cps[a].0, cps[b - 1].1, t))
                .collect();
            reachable += found.iter().filter(|e| p.entities.contains(e)).count();
            if log::log_enabled!(log::Level::Debug) {
                let inside = |e: &&(u32, u32, usize)| {
                    cps.first().is_some_and(|c| c.0 <= e.0) && cps.last().is_some_and(|c| e.1 <= c.1)
                };
                for e in p.entities.iter().filter(inside).filter(|e| !found.contains(e)) {
                    log::debug!("unreachable dev entity {e:?} in {:?}", ws.join(" "));
                }
            }
        }
    }
    let dev_entities: usize = dev_prep.iter().map(|(_, p)| p.entities.len()).sum();
    log::warn!(
        "tokenization reaches {reachable} of {dev_entities} dev entities ({:.1}%)",
        100.0 * reachable as f64 / dev_entities.max(1) as f64
    );
    // Several runs over differently shuffled data, each keeping its best epoch, averaged: the
    // average is steadier than any one run.
    let mut kept: Vec<Model> = Vec::new();
    for run in 1..=runs.max(1) {
        let mut trainer = Trainer {
            lex,
            model: Model::empty(),
            acc: FxHashMap::default(),
            trans_acc: vec![[0.0; N]; N + 1],
            c: 1.0,
        };
        let mut order: Vec<usize> = (0..train_words.len()).collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64.wrapping_mul(run as u64);
        let mut best: Option<(f64, Model)> = None;
        let mut snapshot = Model::empty();
        for epoch in 1..=epochs {
            let started = std::time::Instant::now();
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &d in &order {
                trainer.learn(&train_words[d], &train_gold[d], &snapshot);
            }
            let model = trainer.averaged();
            snapshot = model.clone();
            let score = evaluate(&model, &dev_docs, lex);
            report(
                &format!("run {run} epoch {epoch:>2}"),
                &score,
                started.elapsed().as_secs_f64(),
            );
            let f1 = score.f1(&[0, 1, 2]);
            if best.as_ref().is_none_or(|(b, _)| f1 > *b) {
                best = Some((f1, model));
            }
        }
        kept.extend(best.map(|(_, m)| m));
    }
    let started = std::time::Instant::now();
    let model = average(&kept);
    let score = evaluate(&model, &dev_docs, lex);
    report(
        &format!("average of {} runs", kept.len()),
        &score,
        started.elapsed().as_secs_f64(),
    );
    model
}

/// The element-wise mean of models.
fn average(models: &[Model]) -> Model {
    let mut out = Model::empty();
    let n = models.len().max(1) as f32;
    for m in models {
        for (k, w) in &m.weights {
            let sum = out.weights.entry(*k).or_insert([0.0; N]);
            for (s, x) in sum.iter_mut().zip(w) {
                *s += x / n;
            }
        }
        for (row, other) in out.trans.iter_mut().zip(&m.trans) {
            for (s, x) in row.iter_mut().zip(other) {
                *s += x / n;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONLL: &str = "-DOCSTART- -X- O O\n\nMaria NNP B-NP B-PER\nLopez NNP I-NP I-PER\nvisited VBD B-VP O\nLeeds NNP B-NP B-LOC\n. . O O\n\n\
        Brightloom NNP B-NP B-ORG\nTextiles NNP I-NP I-ORG\nLtd NNP I-NP I-ORG\nhired VBD B-VP O\nTom NNP B-NP B-PER\nBecker NNP I-NP I-PER\n. . O O\n\n\
        -DOCSTART- -X- O O\n\nFrench JJ B-NP B-MISC\nofficials NNS I-NP O\nmet VBD B-VP O\nAna NNP B-NP B-PER\nRuiz NNP I-NP I-PER\nin IN B-PP O\nParis NNP B-NP B-LOC\n. . O O\n";

    fn docs() -> Vec<GoldDoc> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("tiny.conll");
        std::fs::write(&path, CONLL).expect("write");
        read_docs(&path).expect("read")
    }

    #[test]
    fn conll_files_become_text_and_spans() {
        let docs = docs();
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].text,
            "Maria Lopez visited Leeds .\nBrightloom Textiles Ltd hired Tom Becker .\n"
        );
        let names: Vec<&str> = docs[0]
            .entities
            .iter()
            .map(|&(a, b, _)| &docs[0].text[a as usize..b as usize])
            .collect();
        assert_eq!(
            names,
            vec!["Maria Lopez", "Leeds", "Brightloom Textiles Ltd", "Tom Becker"]
        );
        assert_eq!(docs[1].entities[0].2, 3, "French is MISC");
    }

    #[test]
    fn train_save_load_predict_gives_the_same_labels() {
        let docs = docs();
        let model = train(&docs, &docs, 8, 2, Lexicon::get(), |_, _, _| {});
        let loaded = Model::from_bytes(&model.to_bytes().expect("bytes")).expect("load");
        let lex = Lexicon::get();
        for doc in &docs {
            let (at, prep) = prepare(doc, lex);
            let text = at.text();
            let words: Vec<Vec<&str>> = prep
                .sequences
                .iter()
                .map(|s| s.iter().map(|t| &text[t.start..t.end]).collect())
                .collect();
            let before = model.tag(&words, lex);
            assert_eq!(before, loaded.tag(&words, lex));
            // Trained on these very sentences, the model gets them right.
            assert_eq!(before, prep.gold);
        }
    }
}
