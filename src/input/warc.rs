//! WARC archives (ISO 28500, as Common Crawl's CC-NEWS writes them): splits the decompressed
//! stream into records and turns each into a [`RawRecord`]. `response` (and `resource`) records
//! whose payload is HTML become pages; every other record is a counted skip. A record with a
//! broken header is rejected and the reader resynchronizes on the next `WARC/` line; a truncated
//! record is rejected and ends the file.

use std::io::{self, BufRead, Read};

use super::dates::parse_timestamp_us;
use super::decompress::Recoverable;
use super::html::PageHints;
use super::{excerpt_of, Payload, RawRecord, RecordPos};

/// The longest header line read before a record is declared corrupt.
const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_LINES: usize = 512;

pub struct WarcRecords {
    reader: Recoverable,
    name: String,
    record_no: u64,
    offset: u64,
    max: usize,
    done: bool,
    /// A `WARC/` line found while resynchronizing, to start the next record with.
    pending: Option<Vec<u8>>,
}

impl WarcRecords {
    pub fn new(reader: Recoverable, name: String, max: usize) -> WarcRecords {
        WarcRecords {
            reader,
            name,
            record_no: 0,
            offset: 0,
            max,
            done: false,
            pending: None,
        }
    }

    /// One line, `\n` included, at most `MAX_HEADER_LINE` bytes kept.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(line) = self.pending.take() {
            return Ok(Some(line));
        }
        let mut line = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)?;
        self.offset += n as u64;
        Ok((n > 0).then_some(line))
    }

    fn pos(&self, offset: u64) -> RecordPos {
        RecordPos {
            source_file: self.name.clone(),
            record_no: self.record_no,
            byte_offset: Some(offset),
        }
    }

    fn record(&mut self, offset: u64, payload: Payload, bytes: u64) -> Option<RawRecord> {
        let rec = RawRecord {
            pos: self.pos(offset),
            payload,
            bytes,
        };
        self.record_no += 1;
        Some(rec)
    }

    fn invalid(&mut self, offset: u64, reason: String, excerpt: &[u8]) -> Option<RawRecord> {
        let excerpt = excerpt_of(excerpt);
        let bytes = self.offset.saturating_sub(offset);
        self.record(offset, Payload::Invalid { reason, excerpt }, bytes)
    }

    /// A read error: the record is rejected; with gzip members, reading resumes at the next
    /// member (the next record, as Common Crawl writes them), else the file ends here.
    fn stream_error(&mut self, offset: u64, e: io::Error) -> Option<RawRecord> {
        self.pending = None;
        match self.reader.recover() {
            Ok(true) => self.invalid(
                offset,
                format!("corrupt compressed record, skipped to the next gzip member: {e}"),
                b"",
            ),
            _ => {
                self.done = true;
                self.invalid(offset, format!("truncated or corrupt compressed stream: {e}"), b"")
            }
        }
    }

    /// Skips to the next line that starts a record; returns the bytes skipped (for the excerpt).
    fn resync(&mut self, first: Vec<u8>) -> io::Result<Vec<u8>> {
        let mut skipped = first;
        while let Some(line) = self.line()? {
            if line.starts_with(b"WARC/") {
                self.pending = Some(line);
                break;
            }
            if skipped.len() < 1024 {
                skipped.extend_from_slice(&line);
            }
        }
        Ok(skipped)
    }
}

impl Iterator for WarcRecords {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        if self.done {
            return None;
        }
        // Records are separated by blank lines.
        let (start, first) = loop {
            let pending_len = self.pending.as_ref().map_or(0, |l| l.len() as u64);
            let start = self.offset - pending_len;
            match self.line() {
                Err(e) => return self.stream_error(start, e),
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(line)) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(line)) => break (start, line),
            }
        };
        if !first.starts_with(b"WARC/") {
            return match self.resync(first) {
                Ok(skipped) => self.invalid(
                    start,
                    "not a WARC record: expected a 'WARC/1.x' version line".into(),
                    &skipped,
                ),
                Err(e) => self.stream_error(start, e),
            };
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            match self.line() {
                Err(e) => return self.stream_error(start, e),
                Ok(None) => {
                    self.done = true;
                    return self.invalid(
                        start,
                        "truncated WARC record: the file ends inside its header".into(),
                        &first,
                    );
                }
                Ok(Some(line)) if line.iter().all(u8::is_ascii_whitespace) => break,
                Ok(Some(line)) => {
                    if headers.len() >= MAX_HEADER_LINES || !line.ends_with(b"\n") {
                        return match self.resync(line) {
                            Ok(skipped) => {
                                self.invalid(start, "corrupt WARC header: line or header too long".into(), &skipped)
                            }
                            Err(e) => self.stream_error(start, e),
                        };
                    }
                    let text = String::from_utf8_lossy(&line);
                    if let Some((k, v)) = text.split_once(':') {
                        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                }
            }
        }
        let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let Some(length) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            let reason = "corrupt WARC header: no valid Content-Length".to_string();
            return match self.resync(Vec::new()) {
                Ok(_) => self.invalid(start, reason, &first),
                Err(e) => self.stream_error(start, e),
            };
        };
        let kind = header("warc-type").unwrap_or("unknown").to_ascii_lowercase();
        let hints = PageHints {
            url: header("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string()),
            http_charset: None,
            fallback_published: header("warc-date").and_then(parse_timestamp_us),
            id: header("warc-record-id").map(|id| {
                id.trim_matches(|c| c == '<' || c == '>')
                    .trim_start_matches("urn:uuid:")
                    .to_string()
            }),
        };
        let wanted = matches!(kind.as_str(), "response" | "resource");
        if !wanted || length > self.max as u64 {
            match io::copy(&mut (&mut self.reader).take(length), &mut io::sink()) {
                Err(e) => return self.stream_error(start, e),
                Ok(n) => self.offset += n,
            }
            let bytes = self.offset - start;
            if self.offset - start < length {
                self.done = true;
                return self.invalid(
                    start,
                    "truncated WARC record: the file ends inside its content".into(),
                    &first,
                );
            }
            if let Err(e) = self.reader.verify_member() {
                return self.stream_error(start, e);
            }
            if !wanted {
                return self.record(
                    start,
                    Payload::Skipped {
                        kind: format!("{kind} record"),
                    },
                    bytes,
                );
            }
            return self.invalid(
                start,
                format!("WARC record content over the size limit of {} bytes", self.max),
                &first,
            );
        }
        let mut block = Vec::with_capacity(length as usize);
        match (&mut self.reader).take(length).read_to_end(&mut block) {
            Err(e) => return self.stream_error(start, e),
            Ok(n) => self.offset += n as u64,
        }
        // With one gzip member per record, the member's checksum is checked before the
        // record is believed.
        if (block.len() as u64) == length {
            if let Err(e) = self.reader.verify_member() {
                return self.stream_error(start, e);
            }
        }
        let bytes = self.offset - start;
        if (block.len() as u64) < length {
            self.done = true;
            return self.invalid(
                start,
                format!(
                    "truncated WARC record: Content-Length is {length} but the file ends after {} bytes",
                    block.len()
                ),
                &block,
            );
        }
        let payload = if kind == "resource" {
            let content_type = header("content-type").unwrap_or("");
            if is_html(content_type) {
                let hints = PageHints {
                    http_charset: charset_of(content_type),
                    ..hints
                };
                Payload::Html { raw: block, hints }
            } else {
                Payload::Skipped {
                    kind: "non-HTML resource".into(),
                }
            }
        } else {
            http_payload(block, hints)
        };
        self.record(start, payload, bytes)
    }
}

fn is_html(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// Splits an HTTP response into status, headers and body and decides whether it is an HTML page.
fn http_payload(block: Vec<u8>, hints: PageHints) -> Payload {
    let Some(split) = memchr::memmem::find(&block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(&block, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Payload::Invalid {
            reason: "corrupt HTTP response in WARC record: no end of headers".into(),
            excerpt: excerpt_of(&block),
        };
    };
    let head = String::from_utf8_lossy(&block[..split.0]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok());
    let fields: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    match status {
        None => {
            return Payload::Invalid {
                reason: "corrupt HTTP response in WARC record: no status line".into(),
                excerpt: excerpt_of(&block),
            }
        }
        Some(code) if !(200..300).contains(&code) => {
            return Payload::Skipped {
                kind: format!("HTTP {code} response"),
            }
        }
        Some(_) => {}
    }
    let content_type = field("content-type").unwrap_or("");
    if !is_html(content_type) {
        return Payload::Skipped {
            kind: "non-HTML response".into(),
        };
    }
    let mut body = block[split.1..].to_vec();
    if field("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    match field("content-encoding").map(str::to_ascii_lowercase).as_deref() {
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            if flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .is_ok()
            {
                body = out;
            }
        }
        Some("deflate") => {
            let mut out = Vec::new();
            if flate2::read::ZlibDecoder::new(&body[..]).read_to_end(&mut out).is_ok() {
                body = out;
            }
        }
        _ => {}
    }
    Payload::Html {
        raw: body,
        hints: PageHints {
            http_charset: charset_of(content_type),
            ..hints
        },
    }
}

/// Joins an HTTP/1.1 chunked body; `None` when it is not valid chunking (Common Crawl stores
/// most bodies already de-chunked while keeping the header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = memchr::memmem::find(rest, b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest.get(size..)?.strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    pub fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-02-03T04:05:06Z\r\n\
             WARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Length: {}\r\n\r\n",
            block.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn records(bytes: Vec<u8>) -> Vec<RawRecord> {
        WarcRecords::new(
            Recoverable::Stream(Box::new(Cursor::new(bytes))),
            "t.warc".into(),
            1 << 20,
        )
        .collect()
    }

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"<html>"), None);
    }

    #[test]
    fn garbage_between_records_is_one_reject_and_reading_goes_on() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><p>x</p></html>";
        let mut bytes = record("response", "https://a.example/1", page);
        bytes.extend_from_slice(b"this is not a header\r\nnor this\r\n\r\n");
        bytes.extend(record("response", "https://a.example/2", page));
        let got = records(bytes);
        assert_eq!(got.len(), 3);
        assert!(
            matches!(&got[0].payload, Payload::Html { hints, .. } if hints.http_charset.as_deref() == Some("utf-8"))
        );
        assert!(matches!(&got[1].payload, Payload::Invalid { reason, .. } if reason.contains("not a WARC record")));
        assert!(
            matches!(&got[2].payload, Payload::Html { hints, .. } if hints.url.as_deref() == Some("https://a.example/2"))
        );
        assert_eq!(got.iter().map(|r| r.pos.record_no).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn redirects_and_images_are_skips() {
        let mut bytes = record(
            "response",
            "https://a.example/old",
            b"HTTP/1.1 301 Moved\r\nLocation: /new\r\n\r\n",
        );
        bytes.extend(record(
            "response",
            "https://a.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let kinds: Vec<String> = records(bytes)
            .into_iter()
            .map(|r| match r.payload {
                Payload::Skipped { kind } => kind,
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(kinds, vec!["HTTP 301 response", "non-HTML response"]);
    }
}
