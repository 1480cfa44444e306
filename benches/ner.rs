//! Tagging speed of the shipped entity model, one thread, on real news text:
//! `cargo bench --bench ner`. Uses ../shared/corpora/*.jsonl when present (up to 20 MB), else
//! the sample dump. Tokenization is done before the clock starts; the tagger is timed alone
//! (both passes, every token counted, the skipped lowercase ones included), then the whole
//! entities step (tagging, typing, merging) on the same texts, as the baseline it sits in.
//! Each is the best of five rounds.

use std::time::Instant;

mod common;
use common::texts;

use newsframe::extract::ner::{self, Model};
use newsframe::lexicon::Lexicon;
use newsframe::text::ArticleText;

const ROUNDS: usize = 5;

fn main() {
    let lex = Lexicon::get();
    let load = Instant::now();
    let Some(model) = Model::shipped() else {
        eprintln!("no model in data/models/ner.bin");
        std::process::exit(1);
    };
    let load_ms = load.elapsed().as_secs_f64() * 1e3;
    let texts = texts();
    let prepared: Vec<ArticleText> = texts.iter().map(|t| ArticleText::new(t, lex)).collect();
    let docs: Vec<Vec<Vec<&str>>> = prepared
        .iter()
        .map(|at| ner::sequence_words(at.text(), &ner::sequences(at)))
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let (seconds, entities) = best_of_rounds(|| {
        docs.iter()
            .map(|doc| {
                model
                    .tag(doc, lex)
                    .iter()
                    .map(|labels| ner::spans(labels).len())
                    .sum::<usize>()
            })
            .sum::<usize>()
    });
    let (whole_seconds, merged) = best_of_rounds(|| {
        prepared
            .iter()
            .map(|at| {
                newsframe::extract::entities::extract_with(
                    at,
                    lex,
                    newsframe::extract::entities::EntityTagger::Statistical,
                )
                .entities
                .len()
            })
            .sum::<usize>()
    });
    println!(
        "model load {load_ms:.0} ms; {} articles, {tokens} tokens, {entities} entity spans",
        texts.len()
    );
    println!(
        "tagger alone        {:>6.2} M tokens/s  ({seconds:.2} s, one thread, best of {ROUNDS})",
        tokens as f64 / seconds / 1e6
    );
    println!(
        "entities step       {:>6.2} M tokens/s  ({whole_seconds:.2} s: tagging + typing + merging, {merged} entities)",
        tokens as f64 / whole_seconds / 1e6
    );
}

/// The fastest of `ROUNDS` runs of `work` in seconds, with its result: the machine's other
/// load only ever adds time.
fn best_of_rounds(mut work: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut result = 0;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        result = work();
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, result)
}
