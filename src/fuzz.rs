//! The bodies of the fuzz targets in `fuzz/` (run by `scripts/fuzz.sh`), kept in the library so
//! that every input a fuzzer ever crashed on is replayed by `cargo test` (`tests/fuzz/TARGET/`)
//! through exactly the same code. They call the readers and extractors directly, below the
//! pipeline's per-article `catch_unwind`: a panic here is a bug even where the pipeline would
//! have caught it.

use std::io::Read;

use crate::extract::entities::EntityTagger;
use crate::input::{self, html, Article, FieldMap, RecordPos};
use crate::lexicon::Lexicon;

/// Every target, by the name of its file in `fuzz/fuzz_targets/`.
pub const TARGETS: &[&str] = &[
    "jsonl",
    "csv",
    "json_array",
    "parquet",
    "xml",
    "html",
    "warc",
    "decompress",
    "article",
];

/// Small enough for a fuzzer's inputs to stay fast, large enough for the readers' own limits.
const MAX_RECORD_BYTES: usize = 1 << 20;

/// Runs one target on one input. Unknown targets do nothing.
pub fn run(target: &str, data: &[u8]) {
    let as_file = |name: &str| {
        for article in input::read_bytes(name, data, &FieldMap::default(), MAX_RECORD_BYTES)
            .into_iter()
            .flatten()
        {
            extract(&article);
        }
    };
    match target {
        "jsonl" => as_file("fuzz.jsonl"),
        "csv" => as_file("fuzz.csv"),
        "json_array" => as_file("fuzz.json"),
        "parquet" => as_file("fuzz.parquet"),
        "xml" => as_file("fuzz.xml"),
        "warc" => as_file("fuzz.warc"),
        "html" => {
            let page = html::extract(&html::decode(data, None), &html::PageHints::default());
            if let Ok(page) = page {
                extract(&Article::from_text(pos(), None, page.text));
            }
        }
        "decompress" => {
            // Bounded: a small input may inflate to gigabytes, and that is not a bug.
            if let Ok((_, reader)) = input::decompress::decode(Box::new(std::io::Cursor::new(data.to_vec()))) {
                let mut out = Vec::new();
                let _ = reader.take(16 << 20).read_to_end(&mut out);
            }
        }
        "article" => {
            if let Ok(text) = std::str::from_utf8(data) {
                extract(&Article::from_text(pos(), None, text.to_string()));
            }
        }
        _ => {}
    }
}

fn pos() -> RecordPos {
    RecordPos {
        source_file: "fuzz".into(),
        record_no: 0,
        byte_offset: None,
    }
}

/// Both taggers, and the offsets checked as the tables will use them.
fn extract(article: &Article) {
    let chars = article.text.chars().count() as u32;
    for tagger in [EntityTagger::Statistical, EntityTagger::Rules] {
        let rows = crate::process_article_with(article, Lexicon::get(), tagger);
        let quotes = rows.quotes.iter().map(|q| ("quote", q.start, q.end));
        let mentions = rows.mentions.iter().map(|m| ("mention", m.start, m.end));
        for (what, start, end) in quotes.chain(mentions) {
            assert!(start <= end && end <= chars, "{what} offsets {start}..{end} of {chars}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every input a fuzzer crashed on, kept in `tests/fuzz/TARGET/`, still goes through.
    #[test]
    fn crashing_inputs_found_by_fuzzing_stay_fixed() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
        let mut replayed = 0;
        for target in TARGETS {
            let Ok(entries) = std::fs::read_dir(root.join(target)) else {
                continue;
            };
            for entry in entries.flatten() {
                let data = std::fs::read(entry.path()).expect("a regression input reads");
                run(target, &data);
                replayed += 1;
            }
        }
        eprintln!("replayed {replayed} fuzz regression inputs");
    }

    #[test]
    fn each_target_reads_a_real_record() {
        // The targets are only worth their time if they reach the extractors.
        let line = br#"{"id": "a", "text": "\"We will fund it,\" Mayor Jane Roe said on Monday."}"#;
        run("jsonl", line);
        run("article", b"\"We will fund it,\" Mayor Jane Roe said.");
        let read = input::read_bytes("x.jsonl", line, &FieldMap::default(), MAX_RECORD_BYTES);
        assert!(
            matches!(&read[..], [Ok(a)] if a.text.starts_with("\"We will")),
            "{read:?}"
        );
    }
}
