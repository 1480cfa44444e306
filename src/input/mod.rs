//! Input: finds the files to read, decompresses them, recognizes their format and yields one
//! [`RawRecord`] per input record. Turning a record into an [`Article`] (field mapping, UTF-8
//! and JSON checks, date parsing) is [`RawRecord::parse`], kept apart so the pipeline can run it
//! in parallel. What the text means is left to `text` and `extract`.

pub mod dates;
pub mod decompress;
pub mod fields;
mod formats;
pub mod html;
mod samples;
mod warc;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::{Map, Value};

pub use fields::{Field, FieldMap};
pub use formats::{open_records, Format, RecordIter};

/// Where a record sits in its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPos {
    pub source_file: String,
    /// 0-based line (JSON Lines), row (CSV, Parquet), element (JSON array) or document number.
    pub record_no: u64,
    /// Start of the record in the decompressed stream, when the format knows it.
    pub byte_offset: Option<u64>,
}

/// One article as read from the input, text untouched.
#[derive(Debug, Clone)]
pub struct Article {
    pub pos: RecordPos,
    pub id: Option<String>,
    pub text: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// Microseconds since the epoch, UTC.
    pub published: Option<i64>,
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Language the page declares (HTML input only).
    pub language: Option<String>,
    /// The text was extracted by newsframe (HTML, WARC) rather than given, so the `texts`
    /// table must carry it for the offsets to mean anything.
    pub extracted: bool,
}

impl Article {
    /// An article that is only text: no metadata.
    pub fn from_text(pos: RecordPos, id: Option<String>, text: String) -> Article {
        Article {
            pos,
            id,
            text,
            url: None,
            outlet: None,
            published: None,
            title: None,
            byline: None,
            language: None,
            extracted: false,
        }
    }
}

/// A record that could not be turned into an article, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub source_file: String,
    pub record_no: u64,
    pub byte_offset: Option<u64>,
    pub reason: String,
    pub excerpt: String,
}

const EXCERPT_CHARS: usize = 200;

impl Reject {
    pub fn new(pos: &RecordPos, reason: impl Into<String>, excerpt: &str) -> Reject {
        Reject {
            source_file: pos.source_file.clone(),
            record_no: pos.record_no,
            byte_offset: pos.byte_offset,
            reason: reason.into(),
            excerpt: excerpt.chars().take(EXCERPT_CHARS).collect(),
        }
    }
}

/// The first characters of a raw record, lossily decoded, for the rejects table.
pub fn excerpt_of(raw: &[u8]) -> String {
    let head = &raw[..raw.len().min(EXCERPT_CHARS * 4)];
    String::from_utf8_lossy(head).chars().take(EXCERPT_CHARS).collect()
}

/// A record's content before field mapping.
#[derive(Debug)]
pub enum Payload {
    /// One line of a JSON Lines file, not yet parsed.
    JsonLine(Vec<u8>),
    /// Named fields (CSV row, Parquet row, JSON array element, XML document), with the raw
    /// record's excerpt where the format has one; otherwise a rejected record's excerpt is
    /// rendered from its fields, only when it is rejected.
    Fields {
        fields: Map<String, Value>,
        excerpt: Option<String>,
    },
    /// A whole plain-text file; its path is its id.
    PlainText(Vec<u8>),
    /// An HTML page (a file, or a WARC response's body), not yet decoded.
    Html { raw: Vec<u8>, hints: html::PageHints },
    /// A record that is read and counted but holds no article (a WARC request, metadata or
    /// non-HTML record); `kind` says which.
    Skipped { kind: String },
    /// Unreadable before any parsing (truncated stream, oversized, unsupported format).
    Invalid { reason: String, excerpt: String },
}

#[derive(Debug)]
pub struct RawRecord {
    pub pos: RecordPos,
    pub payload: Payload,
    /// Bytes of input this record took, for throughput accounting.
    pub bytes: u64,
}

impl RawRecord {
    /// Checks and maps the record into an article.
    pub fn parse(self, fields: &FieldMap) -> Result<Article, Reject> {
        let pos = self.pos;
        match self.payload {
            Payload::JsonLine(raw) => {
                // Excerpts are only made for records that are rejected.
                let excerpt = || excerpt_of(&raw);
                let line = std::str::from_utf8(&raw).map_err(|e| {
                    Reject::new(
                        &pos,
                        format!("invalid UTF-8 at byte {} of the record", e.valid_up_to()),
                        &excerpt(),
                    )
                })?;
                match serde_json::from_str::<Value>(line) {
                    Ok(Value::Object(map)) => fields.to_article(&map, pos, excerpt),
                    Ok(other) => Err(Reject::new(
                        &pos,
                        format!("JSON record is {} rather than an object", json_kind(&other)),
                        &excerpt(),
                    )),
                    Err(e) => Err(Reject::new(
                        &pos,
                        format!(
                            "invalid JSON at column {}: {}",
                            e.column(),
                            strip_position(&e.to_string())
                        ),
                        &excerpt(),
                    )),
                }
            }
            Payload::Fields { fields: map, excerpt } => fields.to_article(&map, pos, || {
                excerpt.unwrap_or_else(|| excerpt_of(Value::Object(map.clone()).to_string().as_bytes()))
            }),
            Payload::PlainText(raw) => {
                let excerpt = excerpt_of(&raw);
                let text = String::from_utf8(raw).map_err(|e| {
                    Reject::new(
                        &pos,
                        format!("invalid UTF-8 at byte {} of the file", e.utf8_error().valid_up_to()),
                        &excerpt,
                    )
                })?;
                if text.trim().is_empty() {
                    return Err(Reject::new(&pos, "empty text (empty file)", &excerpt));
                }
                Ok(Article::from_text(pos.clone(), Some(pos.source_file), text))
            }
            Payload::Html { raw, hints } => {
                let page = html::extract(&html::decode(&raw, hints.http_charset.as_deref()), &hints)
                    .map_err(|reason| Reject::new(&pos, reason, &excerpt_of(&raw)))?;
                Ok(Article {
                    id: Some(hints.id.unwrap_or_else(|| pos.source_file.clone())),
                    text: page.text,
                    url: page.url,
                    outlet: page.outlet,
                    published: page.published,
                    title: page.title,
                    byline: page.byline,
                    language: page.language,
                    extracted: true,
                    pos,
                })
            }
            Payload::Skipped { kind } => Err(Reject::new(&pos, format!("skipped: {kind}"), "")),
            Payload::Invalid { reason, excerpt } => Err(Reject::new(&pos, reason, &excerpt)),
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json appends " at line L column C"; the reject reason states the column itself.
fn strip_position(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

/// An input the user named, or the embedded sample dump.
#[derive(Debug, Clone)]
pub enum InputSource {
    Path(PathBuf),
    Stdin,
    Embedded {
        name: &'static str,
        bytes: &'static [u8],
    },
    /// Bytes already in memory (a library caller's, a fuzz target's); `name` picks the format
    /// as a file name would.
    Memory {
        name: String,
        bytes: Arc<[u8]>,
    },
}

impl InputSource {
    pub fn display_name(&self) -> String {
        match self {
            InputSource::Path(p) => p.display().to_string(),
            InputSource::Stdin => "<stdin>".to_string(),
            InputSource::Embedded { name, .. } => name.to_string(),
            InputSource::Memory { name, .. } => name.clone(),
        }
    }

    /// Size on disk, when known before reading.
    pub fn size(&self) -> Option<u64> {
        match self {
            InputSource::Path(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            InputSource::Stdin => None,
            InputSource::Embedded { bytes, .. } => Some(bytes.len() as u64),
            InputSource::Memory { bytes, .. } => Some(bytes.len() as u64),
        }
    }

    /// Opens the raw (possibly compressed) byte stream, counting bytes into `counter`.
    pub fn open(&self, counter: Arc<AtomicU64>) -> io::Result<Box<dyn Read + Send>> {
        let raw: Box<dyn Read + Send> = match self {
            InputSource::Path(p) => Box::new(File::open(p)?),
            InputSource::Stdin => Box::new(io::stdin()),
            InputSource::Embedded { bytes, .. } => Box::new(*bytes),
            InputSource::Memory { bytes, .. } => Box::new(std::io::Cursor::new(bytes.clone())),
        };
        Ok(Box::new(CountingReader { inner: raw, counter }))
    }
}

struct CountingReader {
    inner: Box<dyn Read + Send>,
    counter: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("input not found: {0}")]
    NotFound(String),
    #[error("cannot read input {path}: {source}")]
    Unreadable { path: String, source: io::Error },
}

/// Resolves the command line's inputs into sources, checking that each can be read before any
/// work starts. Directories are walked recursively in name order, following symbolic links;
/// hidden files and hidden directories (`.git/`, an output's `.newsframe/`) are skipped, and so
/// is `out`, the run's own output folder, wherever it lies in the walk: a run must never read
/// the tables or staging files of an earlier one. A path named on the command line is read
/// even when hidden.
/// No inputs means the embedded sample dump.
pub fn discover(inputs: &[String], out: Option<&Path>) -> Result<Vec<InputSource>, InputError> {
    if inputs.is_empty() {
        return Ok(samples::embedded());
    }
    let out = out.and_then(|o| std::fs::canonicalize(o).ok());
    let is_out = |p: &Path| {
        out.as_deref()
            .is_some_and(|o| std::fs::canonicalize(p).is_ok_and(|c| c == o))
    };
    let mut sources = Vec::new();
    for input in inputs {
        if input == "-" {
            sources.push(InputSource::Stdin);
            continue;
        }
        let path = Path::new(input);
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => InputError::NotFound(input.clone()),
            _ => InputError::Unreadable {
                path: input.clone(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            let walk = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0
                        || !(e.file_name().to_string_lossy().starts_with('.')
                            || (e.file_type().is_dir() && is_out(e.path())))
                });
            for entry in walk {
                let entry = entry.map_err(|e| InputError::Unreadable {
                    path: e.path().map_or_else(|| input.clone(), |p| p.display().to_string()),
                    source: e.into(),
                })?;
                if entry.file_type().is_file() {
                    check_readable(entry.path())?;
                    sources.push(InputSource::Path(entry.into_path()));
                }
            }
        } else {
            check_readable(path)?;
            sources.push(InputSource::Path(path.to_path_buf()));
        }
    }
    Ok(sources)
}

/// Every record of `bytes`, read as a file called `name` would be (format and compression
/// detected the same way), each parsed into an article or rejected: the readers without the
/// pipeline around them, for library callers and fuzz targets.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    fields: &FieldMap,
    max_record_bytes: usize,
) -> Vec<Result<Article, Reject>> {
    let source = InputSource::Memory {
        name: name.to_string(),
        bytes: Arc::from(bytes),
    };
    match open_records(&source, max_record_bytes, Arc::new(AtomicU64::new(0))) {
        Ok(records) => records.map(|r| r.parse(fields)).collect(),
        Err(e) => {
            let pos = RecordPos {
                source_file: name.to_string(),
                record_no: 0,
                byte_offset: None,
            };
            vec![Err(Reject::new(&pos, e.to_string(), ""))]
        }
    }
}

fn check_readable(path: &Path) -> Result<(), InputError> {
    File::open(path).map(drop).map_err(|e| InputError::Unreadable {
        path: path.display().to_string(),
        source: e,
    })
}
