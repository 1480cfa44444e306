//! Compression detection and decoding: gzip, zstd and bzip2, recognized by their magic bytes
//! (the extension is only a hint), so a `.jsonl` that is really gzip still reads.

use std::io::{self, BufRead, BufReader, Read};

/// A compression a stream was found to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
    Bzip2,
}

impl Compression {
    /// Recognizes a compression from the first bytes of a stream.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else if head.starts_with(b"BZh") && head.len() >= 4 && head[3].is_ascii_digit() {
            Compression::Bzip2
        } else {
            Compression::None
        }
    }

    /// The file-name suffix this compression conventionally adds, if `name` carries one.
    pub fn strip_suffix(name: &str) -> &str {
        let lower = name.to_ascii_lowercase();
        for suffix in [".gz", ".gzip", ".zst", ".zstd", ".bz2"] {
            if lower.ends_with(suffix) {
                return &name[..name.len() - suffix.len()];
            }
        }
        name
    }
}

/// Wraps `raw` in the decoder its magic bytes call for.
pub fn decode(raw: Box<dyn Read + Send>) -> io::Result<(Compression, Box<dyn BufRead + Send>)> {
    let mut buffered = BufReader::with_capacity(256 * 1024, raw);
    let compression = Compression::sniff(buffered.fill_buf()?);
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::bufread::MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            256 * 1024,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        )),
        Compression::Bzip2 => Box::new(BufReader::with_capacity(
            256 * 1024,
            bzip2::bufread::MultiBzDecoder::new(buffered),
        )),
    };
    Ok((compression, reader))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_magic() {
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]), Compression::Zstd);
        assert_eq!(Compression::sniff(b"BZh91AY"), Compression::Bzip2);
        assert_eq!(Compression::sniff(b"{\"id\": 1}"), Compression::None);
        assert_eq!(Compression::sniff(b"BZhx"), Compression::None);
    }

    #[test]
    fn strips_compression_suffix() {
        assert_eq!(Compression::strip_suffix("a.jsonl.gz"), "a.jsonl");
        assert_eq!(Compression::strip_suffix("a.csv.ZST"), "a.csv");
        assert_eq!(Compression::strip_suffix("a.txt"), "a.txt");
    }
}
