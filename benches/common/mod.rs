//! Real news text for the benchmarks: ../shared/corpora/*.jsonl when present (up to 20 MB),
//! else the sample dump repeated.

use std::io::BufRead;

pub fn texts() -> Vec<String> {
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
        let sample = include_str!("../../data/samples/wire_and_politics.jsonl");
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
