//! Format recognition and one record reader per format. Readers only split the stream into
//! records and note their positions; they never stop a run over one bad record.

use std::io::{BufRead, Cursor, Read};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use polars::prelude::{DataType, ParquetReader, SerReader};
use serde_json::{Map, Value};

use super::decompress::{decode, Compression, Recoverable};
use super::html::PageHints;
use super::warc::WarcRecords;
use super::{excerpt_of, InputError, InputSource, Payload, RawRecord, RecordPos};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    JsonArray,
    Csv(u8),
    Parquet,
    Text,
    TrafilaturaXml,
    Html,
    Warc,
    Unknown,
}

impl Format {
    /// Recognizes a format from the file name (compression suffix removed) and, where the name
    /// is silent or ambiguous, from the first decompressed bytes.
    pub fn detect(name: &str, head: &[u8]) -> Format {
        let base = Compression::strip_suffix(name).to_ascii_lowercase();
        let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let first = head.iter().copied().find(|b| !b.is_ascii_whitespace());
        match ext {
            "jsonl" | "ndjson" => Format::JsonLines,
            "json" if first == Some(b'[') => Format::JsonArray,
            "json" => Format::JsonLines,
            "csv" => Format::Csv(b','),
            "tsv" | "tab" => Format::Csv(b'\t'),
            "parquet" | "pq" => Format::Parquet,
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "warc" | "arc" => Format::Warc,
            _ => Format::sniff(head, first),
        }
    }

    fn sniff(head: &[u8], first: Option<u8>) -> Format {
        let lower: Vec<u8> = head.iter().take(512).map(u8::to_ascii_lowercase).collect();
        let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        if head.starts_with(b"PAR1") {
            Format::Parquet
        } else if head.starts_with(b"WARC/") {
            Format::Warc
        } else if contains(b"<doc") {
            Format::TrafilaturaXml
        } else if contains(b"<!doctype html") || contains(b"<html") {
            Format::Html
        } else {
            match first {
                Some(b'{') => Format::JsonLines,
                Some(b'[') => Format::JsonArray,
                _ => Format::Unknown,
            }
        }
    }
}

pub type RecordIter = Box<dyn Iterator<Item = RawRecord> + Send>;

/// Opens a source and returns its records. Fails only when the source cannot be opened at all;
/// everything after that becomes records, rejected ones included.
pub fn open_records(
    source: &InputSource,
    max_record_bytes: usize,
    counter: Arc<AtomicU64>,
) -> Result<RecordIter, InputError> {
    let name = source.display_name();
    let unreadable = |e| InputError::Unreadable {
        path: name.clone(),
        source: e,
    };
    let counter_for_reopen = counter.clone();
    let counted_before = counter.load(std::sync::atomic::Ordering::Relaxed);
    let raw = source.open(counter).map_err(unreadable)?;
    let (compression, mut reader) = decode(raw).map_err(unreadable)?;
    let head = reader.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
    let mut format = Format::detect(&name, &head);
    if format == Format::Unknown && matches!(source, InputSource::Stdin) {
        format = Format::Text;
    }
    let first = RecordPos {
        source_file: name.clone(),
        record_no: 0,
        byte_offset: Some(0),
    };
    let single = |reason: String, excerpt: String| -> RecordIter {
        let rec = RawRecord {
            pos: first.clone(),
            payload: Payload::Invalid { reason, excerpt },
            bytes: 0,
        };
        Box::new(std::iter::once(rec))
    };
    Ok(match format {
        Format::JsonLines => Box::new(JsonLines {
            reader,
            name,
            line_no: 0,
            offset: 0,
            max: max_record_bytes,
            done: false,
        }),
        Format::Csv(delimiter) => csv_records(reader, name, delimiter, max_record_bytes),
        Format::Warc => {
            // Gzip WARCs are read member by member, so a corrupt record costs only itself;
            // that needs the compressed bytes again, which standard input cannot give.
            let reader = match (compression, source) {
                (Compression::Gzip, InputSource::Path(_) | InputSource::Embedded { .. } | InputSource::Memory { .. }) => {
                    // The bytes read for sniffing are read again: count them once.
                    counter_for_reopen.store(counted_before, std::sync::atomic::Ordering::Relaxed);
                    let raw = source.open(counter_for_reopen).map_err(unreadable)?;
                    Recoverable::members(Box::new(std::io::BufReader::with_capacity(256 * 1024, raw)))
                }
                _ => Recoverable::Stream(reader),
            };
            Box::new(WarcRecords::new(reader, name, max_record_bytes))
        }
        Format::JsonArray | Format::Parquet | Format::Text | Format::TrafilaturaXml | Format::Html => {
            let mut whole = Vec::new();
            let limit = if matches!(format, Format::Text | Format::Html) {
                max_record_bytes as u64 + 1
            } else {
                u64::MAX
            };
            if let Err(e) = reader.by_ref().take(limit).read_to_end(&mut whole) {
                return Ok(single(
                    format!("truncated or corrupt compressed stream: {e}"),
                    excerpt_of(&whole),
                ));
            }
            match format {
                Format::JsonArray => json_array_records(&whole, &name),
                Format::Parquet => parquet_records(whole, &name),
                Format::TrafilaturaXml => xml_records(&whole, &name),
                _ if whole.len() > max_record_bytes => single(
                    format!("record over the size limit of {max_record_bytes} bytes"),
                    excerpt_of(&whole),
                ),
                _ => {
                    let bytes = whole.len() as u64;
                    let payload = if format == Format::Html {
                        Payload::Html {
                            raw: whole,
                            hints: PageHints::default(),
                        }
                    } else {
                        Payload::PlainText(whole)
                    };
                    Box::new(std::iter::once(RawRecord {
                        pos: first,
                        payload,
                        bytes,
                    }))
                }
            }
        }
        Format::Unknown => single(
            "unrecognized input format (expected .jsonl, .json, .csv, .tsv, .parquet, .txt, trafilatura .xml, .html or .warc)".into(),
            excerpt_of(&head),
        ),
    })
}

/// JSON Lines: one record per line; blank lines are not records but keep line numbering.
struct JsonLines {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line_no: u64,
    offset: u64,
    max: usize,
    done: bool,
}

impl Iterator for JsonLines {
    type Item = RawRecord;

    fn next(&mut self) -> Option<RawRecord> {
        while !self.done {
            let mut line = Vec::new();
            let (consumed, oversize, result) = read_line_bounded(&mut self.reader, &mut line, self.max);
            let pos = RecordPos {
                source_file: self.name.clone(),
                record_no: self.line_no,
                byte_offset: Some(self.offset),
            };
            self.offset += consumed as u64;
            self.line_no += 1;
            let invalid = |reason: String| RawRecord {
                pos: pos.clone(),
                payload: Payload::Invalid {
                    reason,
                    excerpt: excerpt_of(&line),
                },
                bytes: consumed as u64,
            };
            if let Err(e) = result {
                self.done = true;
                return Some(invalid(format!("truncated or corrupt compressed stream: {e}")));
            }
            if consumed == 0 {
                self.done = true;
                break;
            }
            if oversize {
                return Some(invalid(format!("record over the size limit of {} bytes", self.max)));
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(RawRecord {
                pos,
                payload: Payload::JsonLine(line),
                bytes: consumed as u64,
            });
        }
        None
    }
}

/// Reads one line into `buf`, keeping at most `max + 1` bytes of it so that a huge record
/// cannot exhaust memory. Returns the bytes consumed, whether the line was over `max`, and the
/// read error that ended it, if any.
fn read_line_bounded(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> (usize, bool, std::io::Result<()>) {
    let mut consumed = 0;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return (consumed, buf.len() > max, Err(e)),
        };
        if available.is_empty() {
            return (consumed, buf.len() > max, Ok(()));
        }
        let (found, used) = match memchr::memchr(b'\n', available) {
            Some(i) => (true, i + 1),
            None => (false, available.len()),
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&available[..used.min(room)]);
        reader.consume(used);
        consumed += used;
        if found {
            while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                buf.pop();
            }
            return (consumed, buf.len() > max, Ok(()));
        }
    }
}

fn csv_records(reader: Box<dyn BufRead + Send>, name: String, delimiter: u8, max: usize) -> RecordIter {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(reader);
    let headers: Vec<String> = match rdr.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|f| String::from_utf8_lossy(f).trim_start_matches('\u{feff}').to_string())
            .collect(),
        Err(e) => {
            let pos = RecordPos {
                source_file: name,
                record_no: 0,
                byte_offset: Some(0),
            };
            let payload = Payload::Invalid {
                reason: format!("unreadable CSV header: {e}"),
                excerpt: String::new(),
            };
            return Box::new(std::iter::once(RawRecord { pos, payload, bytes: 0 }));
        }
    };
    let mut record = csv::ByteRecord::new();
    let mut row_no = 0u64;
    let mut done = false;
    Box::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        let result = rdr.read_byte_record(&mut record);
        let offset = record.position().map(|p| p.byte());
        let pos = RecordPos {
            source_file: name.clone(),
            record_no: row_no,
            byte_offset: offset,
        };
        row_no += 1;
        let raw_len = record.as_slice().len() as u64;
        let excerpt = excerpt_of(&record.iter().collect::<Vec<_>>().join(&delimiter));
        let payload = match result {
            Ok(false) => {
                done = true;
                return None;
            }
            Err(e) => {
                done = true;
                Payload::Invalid {
                    reason: format!("truncated or corrupt CSV stream: {e}"),
                    excerpt,
                }
            }
            Ok(true) if record.len() != headers.len() => Payload::Invalid {
                reason: format!("CSV row has {} fields, the header has {}", record.len(), headers.len()),
                excerpt,
            },
            Ok(true) if raw_len as usize > max => Payload::Invalid {
                reason: format!("record over the size limit of {max} bytes"),
                excerpt,
            },
            Ok(true) => match csv_fields(&headers, &record) {
                Ok(fields) => Payload::Fields {
                    fields,
                    excerpt: Some(excerpt),
                },
                Err(reason) => Payload::Invalid { reason, excerpt },
            },
        };
        Some(RawRecord {
            pos,
            payload,
            bytes: raw_len,
        })
    }))
}

fn csv_fields(headers: &[String], record: &csv::ByteRecord) -> Result<Map<String, Value>, String> {
    let mut map = Map::new();
    for (header, cell) in headers.iter().zip(record.iter()) {
        let value = std::str::from_utf8(cell)
            .map_err(|e| format!("invalid UTF-8 in column '{header}' at byte {}", e.valid_up_to()))?;
        map.insert(header.clone(), Value::String(value.to_string()));
    }
    Ok(map)
}

fn json_array_records(whole: &[u8], name: &str) -> RecordIter {
    let name = name.to_string();
    let pos = move |i: usize| RecordPos {
        source_file: name.clone(),
        record_no: i as u64,
        byte_offset: None,
    };
    let items: Vec<Value> = match serde_json::from_slice(whole) {
        Ok(items) => items,
        Err(e) => {
            let payload = Payload::Invalid {
                reason: format!(
                    "invalid JSON array at line {} column {}: {}",
                    e.line(),
                    e.column(),
                    super::strip_position(&e.to_string())
                ),
                excerpt: excerpt_of(whole),
            };
            return Box::new(std::iter::once(RawRecord {
                pos: pos(0),
                payload,
                bytes: whole.len() as u64,
            }));
        }
    };
    let per_item = whole.len() as u64 / items.len().max(1) as u64;
    Box::new(items.into_iter().enumerate().map(move |(i, item)| {
        let payload = match item {
            Value::Object(fields) => Payload::Fields { fields, excerpt: None },
            other => Payload::Invalid {
                reason: "JSON array element is not an object".into(),
                excerpt: excerpt_of(other.to_string().as_bytes()),
            },
        };
        RawRecord {
            pos: pos(i),
            payload,
            bytes: per_item,
        }
    }))
}

fn parquet_records(whole: Vec<u8>, name: &str) -> RecordIter {
    let name = name.to_string();
    let total = whole.len() as u64;
    let df = match ParquetReader::new(Cursor::new(whole)).finish() {
        Ok(df) => df,
        Err(e) => {
            let pos = RecordPos {
                source_file: name,
                record_no: 0,
                byte_offset: None,
            };
            let payload = Payload::Invalid {
                reason: format!("unreadable Parquet file: {e}"),
                excerpt: String::new(),
            };
            return Box::new(std::iter::once(RawRecord {
                pos,
                payload,
                bytes: total,
            }));
        }
    };
    // Every scalar column as text; nested columns are not article fields newsframe reads.
    let columns: Vec<(String, polars::prelude::Column)> = df
        .columns()
        .iter()
        .filter_map(|c| c.cast(&DataType::String).ok().map(|s| (c.name().to_string(), s)))
        .collect();
    let height = df.height();
    let per_row = total / height.max(1) as u64;
    Box::new((0..height).map(move |row| {
        let mut fields = Map::new();
        for (col_name, col) in &columns {
            if let Ok(polars::prelude::AnyValue::String(s)) = col.get(row) {
                fields.insert(col_name.clone(), Value::String(s.to_string()));
            }
        }
        let pos = RecordPos {
            source_file: name.clone(),
            record_no: row as u64,
            byte_offset: None,
        };
        RawRecord {
            pos,
            payload: Payload::Fields { fields, excerpt: None },
            bytes: per_row,
        }
    }))
}

/// trafilatura's XML: `<doc attr=...><main>blocks</main><comments>..</comments></doc>`; the
/// blocks of `<main>` become paragraphs separated by blank lines.
fn xml_records(whole: &[u8], name: &str) -> RecordIter {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(whole);
    let mut records = Vec::new();
    let mut doc: Option<Map<String, Value>> = None;
    let mut in_main = false;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut buf = Vec::new();
    let pos = |i: usize, off: u64| RecordPos {
        source_file: name.to_string(),
        record_no: i as u64,
        byte_offset: Some(off),
    };
    let mut doc_start = 0u64;
    loop {
        let offset = reader.buffer_position();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"doc" => {
                    doc_start = offset;
                    let mut attrs = Map::new();
                    for a in e.attributes().flatten() {
                        let key = String::from_utf8_lossy(a.key.as_ref()).to_string();
                        let value = a.unescape_value().map(|v| v.to_string()).unwrap_or_default();
                        attrs.insert(key, Value::String(value));
                    }
                    doc = Some(attrs);
                    paragraphs.clear();
                }
                b"main" => in_main = true,
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"main" => in_main = false,
                b"p" | b"head" | b"item" | b"quote" | b"cell" | b"list" | b"row" if in_main => {
                    let block = current.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !block.is_empty() {
                        paragraphs.push(block);
                    }
                    current.clear();
                }
                b"doc" => {
                    if let Some(mut fields) = doc.take() {
                        fields.insert("text".into(), Value::String(paragraphs.join("\n\n")));
                        let excerpt = excerpt_of(
                            &whole[doc_start as usize..(reader.buffer_position() as usize).min(whole.len())],
                        );
                        let bytes = reader.buffer_position() - doc_start;
                        records.push(RawRecord {
                            pos: pos(records.len(), doc_start),
                            payload: Payload::Fields {
                                fields,
                                excerpt: Some(excerpt),
                            },
                            bytes,
                        });
                    }
                }
                _ => {}
            },
            Ok(Event::Empty(e)) if in_main && e.name().as_ref() == b"lb" => current.push(' '),
            Ok(Event::Text(t)) if in_main => {
                if let Ok(text) = t.unescape() {
                    current.push_str(&text);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let reason = format!("invalid XML at byte {}: {e}", reader.error_position());
                let payload = Payload::Invalid {
                    reason,
                    excerpt: excerpt_of(&whole[doc_start as usize..]),
                };
                records.push(RawRecord {
                    pos: pos(records.len(), doc_start),
                    payload,
                    bytes: 0,
                });
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    if records.is_empty() {
        let payload = Payload::Invalid {
            reason: "XML file holds no <doc> element".into(),
            excerpt: excerpt_of(whole),
        };
        records.push(RawRecord {
            pos: pos(0, 0),
            payload,
            bytes: whole.len() as u64,
        });
    }
    Box::new(records.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_extension_then_content() {
        assert_eq!(Format::detect("a.jsonl.gz", b"{"), Format::JsonLines);
        assert_eq!(Format::detect("a.json", b"  [{"), Format::JsonArray);
        assert_eq!(Format::detect("a.json", b"{\"a\":1}\n"), Format::JsonLines);
        assert_eq!(Format::detect("a.tsv", b"id\ttext"), Format::Csv(b'\t'));
        assert_eq!(Format::detect("dump", b"PAR1...."), Format::Parquet);
        assert_eq!(Format::detect("a.xml", b"<doc sitename=\"x\">"), Format::TrafilaturaXml);
        assert_eq!(Format::detect("page.html.gz", b"<!DOCTYPE html>"), Format::Html);
        assert_eq!(Format::detect("dump", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::detect("notes.bin", b"\x00\x01"), Format::Unknown);
    }

    #[test]
    fn bounded_line_reader_flags_oversize_and_keeps_going() {
        let data = b"short\nxxxxxxxxxxxxxxxxxxxx\nnext\n".to_vec();
        let mut r: Box<dyn BufRead + Send> = Box::new(Cursor::new(data));
        let mut buf = Vec::new();
        assert!(!read_line_bounded(&mut r, &mut buf, 8).1);
        assert_eq!(buf, b"short");
        buf.clear();
        let (consumed, over, _) = read_line_bounded(&mut r, &mut buf, 8);
        assert!(over);
        assert_eq!(consumed, 21);
        buf.clear();
        assert!(read_line_bounded(&mut r, &mut buf, 8).2.is_ok());
        assert_eq!(buf, b"next");
    }
}
