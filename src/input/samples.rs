//! The sample dump in `data/samples/`, compiled into the binary so that `newsframe extract`
//! with no input works from any directory.

use super::InputSource;

macro_rules! sample {
    ($file:literal) => {
        InputSource::Embedded {
            name: concat!("data/samples/", $file),
            bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples/", $file)),
        }
    };
}

pub fn embedded() -> Vec<InputSource> {
    vec![
        sample!("wire_and_politics.jsonl"),
        sample!("features.jsonl.gz"),
        sample!("local_council.txt"),
    ]
}
