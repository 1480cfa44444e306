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

/// A gzip stream read member by member, as Common Crawl writes WARCs (one member per record),
/// so that a corrupt member costs only itself: [`GzipMembers::recover`] skips to the next member
/// header and reading goes on.
pub struct GzipMembers {
    raw: Option<Box<dyn BufRead + Send>>,
    member: Option<flate2::bufread::GzDecoder<Box<dyn BufRead + Send>>>,
}

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

impl GzipMembers {
    pub fn new(raw: Box<dyn BufRead + Send>) -> GzipMembers {
        GzipMembers {
            raw: Some(raw),
            member: None,
        }
    }

    fn exhausted() -> GzipMembers {
        GzipMembers {
            raw: None,
            member: None,
        }
    }

    /// Reads what is left of the current member, at most `limit` bytes, so that its checksum
    /// is verified now. Returns the bytes and whether the member ended within the limit.
    fn rest_of_member(&mut self, limit: usize) -> io::Result<(Vec<u8>, bool)> {
        let mut rest = Vec::new();
        let Some(member) = self.member.as_mut() else {
            return Ok((rest, true));
        };
        let mut buf = [0u8; 4096];
        while rest.len() < limit {
            let n = member.read(&mut buf)?;
            if n == 0 {
                self.raw = self.member.take().map(|m| m.into_inner());
                return Ok((rest, true));
            }
            rest.extend_from_slice(&buf[..n]);
        }
        Ok((rest, false))
    }

    /// Abandons the current (corrupt) member and moves to the next member header. Returns
    /// false at the end of the stream.
    pub fn recover(&mut self) -> io::Result<bool> {
        let Some(mut raw) = self.member.take().map(|m| m.into_inner()).or_else(|| self.raw.take()) else {
            return Ok(false);
        };
        // The failed member's header is already consumed, so the next magic is the next member.
        loop {
            let (len, found) = {
                let buf = raw.fill_buf()?;
                (buf.len(), memchr::memmem::find(buf, &GZIP_MAGIC))
            };
            if len == 0 {
                self.raw = Some(raw);
                return Ok(false);
            }
            if let Some(at) = found {
                raw.consume(at);
                self.raw = Some(raw);
                return Ok(true);
            }
            // Keep the last two bytes, a header may straddle the buffer's end, unless that is
            // all there is.
            raw.consume(if len > 2 { len - 2 } else { len });
        }
    }
}

impl Read for GzipMembers {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.member.is_none() {
                let Some(mut raw) = self.raw.take() else {
                    return Ok(0);
                };
                if raw.fill_buf()?.is_empty() {
                    self.raw = Some(raw);
                    return Ok(0);
                }
                self.member = Some(flate2::bufread::GzDecoder::new(raw));
            }
            let Some(member) = self.member.as_mut() else {
                return Ok(0);
            };
            match member.read(out)? {
                0 if !out.is_empty() => {
                    self.raw = self.member.take().map(|m| m.into_inner());
                }
                n => return Ok(n),
            }
        }
    }
}

/// A decompressed stream that can skip a corrupt gzip member ([`GzipMembers`]) or cannot.
pub enum Recoverable {
    Stream(Box<dyn BufRead + Send>),
    /// Bytes already decompressed and not yet consumed come first.
    Members {
        ahead: io::Cursor<Vec<u8>>,
        reader: Box<io::BufReader<GzipMembers>>,
    },
}

impl Recoverable {
    /// After a read error: drops what was buffered of the broken member and moves to the next
    /// one. False when there is nothing to resume from.
    pub fn recover(&mut self) -> io::Result<bool> {
        match self {
            Recoverable::Stream(_) => Ok(false),
            Recoverable::Members { ahead, reader } => {
                *ahead = io::Cursor::new(Vec::new());
                let mut members =
                    std::mem::replace(&mut **reader, io::BufReader::new(GzipMembers::exhausted())).into_inner();
                let more = members.recover()?;
                **reader = io::BufReader::with_capacity(256 * 1024, members);
                Ok(more)
            }
        }
    }

    pub fn members(raw: Box<dyn BufRead + Send>) -> Recoverable {
        Recoverable::Members {
            ahead: io::Cursor::new(Vec::new()),
            reader: Box::new(io::BufReader::with_capacity(256 * 1024, GzipMembers::new(raw))),
        }
    }

    /// Verifies the gzip member being read: reads the rest of it (up to 64 KiB: a record's
    /// trailing blank lines; a member holding many records is not verified) and keeps those
    /// bytes to be read next. An error means the member, and so the record in it, is corrupt.
    pub fn verify_member(&mut self) -> io::Result<()> {
        let Recoverable::Members { ahead, reader } = self else {
            return Ok(());
        };
        // What is already decompressed stays first: the unread part of `ahead`, then the
        // reader's buffer (taken out of it, so the inner stream can be read directly).
        let mut pending: Vec<u8> = ahead.get_ref()[ahead.position() as usize..].to_vec();
        let buffered = reader.buffer().len();
        pending.extend_from_slice(reader.buffer());
        reader.consume(buffered);
        let (rest, _) = reader.get_mut().rest_of_member(64 * 1024)?;
        pending.extend_from_slice(&rest);
        *ahead = io::Cursor::new(pending);
        Ok(())
    }
}

impl Read for Recoverable {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Recoverable {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Recoverable::Stream(r) => r.fill_buf(),
            Recoverable::Members { ahead, reader } => {
                if (ahead.position() as usize) < ahead.get_ref().len() {
                    ahead.fill_buf()
                } else {
                    reader.fill_buf()
                }
            }
        }
    }
    fn consume(&mut self, n: usize) {
        match self {
            Recoverable::Stream(r) => r.consume(n),
            Recoverable::Members { ahead, reader } => {
                if (ahead.position() as usize) < ahead.get_ref().len() {
                    ahead.consume(n)
                } else {
                    reader.consume(n)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut e, data).expect("gzip");
        e.finish().expect("gzip")
    }

    #[test]
    fn members_read_as_one_stream_and_a_corrupt_one_is_skipped() {
        let mut bytes = gz(b"first ");
        let mut broken = gz(b"second member that will be damaged ");
        let mid = broken.len() / 2;
        broken[mid] ^= 0xff;
        broken[mid + 1] ^= 0xff;
        bytes.extend(broken);
        bytes.extend(gz(b"third"));
        let mut members = GzipMembers::new(Box::new(io::Cursor::new(bytes)));
        let mut got = Vec::new();
        let mut errors = 0;
        let mut buf = [0u8; 4];
        loop {
            match members.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(_) => {
                    errors += 1;
                    if !members.recover().expect("recover") {
                        break;
                    }
                }
            }
        }
        assert_eq!(errors, 1);
        let text = String::from_utf8_lossy(&got);
        assert!(text.starts_with("first "), "{text}");
        assert!(text.ends_with("third"), "{text}");
    }

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
