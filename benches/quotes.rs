//! Micro-benchmark of quote extraction alone, against the whole per-article step, on the same
//! texts in the same process: `cargo bench --bench quotes`. Uses ../shared/corpora/*.jsonl when
//! present (up to 20 MB), else the sample dump.

use std::time::Instant;

mod common;
use common::texts;

use newsframe::extract::{entities, quotes};
use newsframe::input::{Article, RecordPos};
use newsframe::lexicon::Lexicon;
use newsframe::text::ArticleText;

fn main() {
    let lex = Lexicon::get();
    let texts = texts();
    let mb = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    // Text preparation and entities are shared; time them to subtract from the quote step.
    let t0 = Instant::now();
    let mut n = 0;
    for t in &texts {
        let at = ArticleText::new(t, lex);
        let ents = entities::extract(&at, lex);
        n += ents.mentions.len();
    }
    let prep = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let mut q = 0;
    for t in &texts {
        let at = ArticleText::new(t, lex);
        let ents = entities::extract(&at, lex);
        q += quotes::extract(&at, lex, &ents, None).len();
    }
    let with_quotes = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    for (i, t) in texts.iter().enumerate() {
        let pos = RecordPos {
            source_file: "bench".into(),
            record_no: i as u64,
            byte_offset: None,
        };
        let article = Article::from_text(pos, None, t.clone());
        std::hint::black_box(newsframe::process_article(&article, lex));
    }
    let whole = t2.elapsed().as_secs_f64();
    let quotes_only = (with_quotes - prep).max(1e-9);
    println!(
        "{} articles, {mb:.1} MB, {n} mentions, {q} quotes (one thread)",
        texts.len()
    );
    println!("quote extraction alone   {:8.1} MB/s", mb / quotes_only);
    println!("text + entities          {:8.1} MB/s", mb / prep);
    println!("whole article step       {:8.1} MB/s", mb / whole);
}
