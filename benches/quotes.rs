//! Micro-benchmark of quote extraction alone, against the whole per-article step, on the same
//! texts in the same process: `cargo bench --bench quotes`. Uses ../shared/corpora/*.jsonl when
//! present (up to 20 MB), else the sample dump.

use std::io::BufRead;
use std::time::Instant;

use newsframe::extract::{entities, quotes};
use newsframe::input::{Article, RecordPos};
use newsframe::lexicon::Lexicon;
use newsframe::text::ArticleText;

fn texts() -> Vec<String> {
    let mut out = Vec::new();
    let mut bytes = 0;
    for name in ["guardian_capi.jsonl", "bbc.jsonl", "reuters21578.jsonl"] {
        let Ok(file) = std::fs::File::open(format!("../shared/corpora/{name}")) else {
            continue;
        };
        for line in std::io::BufReader::new(file).lines().map_while(Result::ok) {
            if let Some(text) = serde_json::from_str::<serde_json::Value>(&line)
                .ok()
                .and_then(|v| v["text"].as_str().map(str::to_string))
            {
                bytes += text.len();
                out.push(text);
            }
            if bytes > 20_000_000 {
                return out;
            }
        }
    }
    if out.is_empty() {
        let sample = include_str!("../data/samples/wire_and_politics.jsonl");
        for _ in 0..200 {
            out.extend(sample.lines().filter_map(|l| {
                serde_json::from_str::<serde_json::Value>(l).ok()?["text"]
                    .as_str()
                    .map(str::to_string)
            }));
        }
    }
    out
}

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
        q += quotes::extract(&at, lex, &ents).len();
    }
    let with_quotes = t1.elapsed().as_secs_f64();
    let t2 = Instant::now();
    for (i, t) in texts.iter().enumerate() {
        let article = Article {
            pos: RecordPos {
                source_file: "bench".into(),
                record_no: i as u64,
                byte_offset: None,
            },
            id: None,
            text: t.clone(),
            url: None,
            outlet: None,
            published: None,
            title: None,
            byline: None,
            language: None,
            extracted: false,
        };
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
