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
        .map(|at| {
            let text = at.text();
            ner::sequences(at)
                .iter()
                .map(|s| s.iter().map(|t| &text[t.start..t.end]).collect())
                .collect()
        })
        .collect();
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    // Best of several rounds: the machine's other load only ever adds time.
    let mut seconds = f64::INFINITY;
    let mut entities = 0;
    for _ in 0..ROUNDS {
        let tagged = Instant::now();
        entities = 0;
        for doc in &docs {
            for labels in model.tag(doc) {
                entities += ner::spans(&labels).len();
            }
        }
        seconds = seconds.min(tagged.elapsed().as_secs_f64());
    }
    let mut whole_seconds = f64::INFINITY;
    let mut merged = 0;
    for _ in 0..ROUNDS {
        let whole = Instant::now();
        merged = 0;
        for at in &prepared {
            merged += newsframe::extract::entities::extract_with(
                at,
                lex,
                newsframe::extract::entities::EntityTagger::Statistical,
            )
            .entities
            .len();
        }
        whole_seconds = whole_seconds.min(whole.elapsed().as_secs_f64());
    }
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
