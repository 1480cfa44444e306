//! The run: reads records on one thread in bounded batches, processes each batch's articles in
//! parallel with rayon, deduplicates across the run, appends to the table writers and keeps the
//! accounting (per input: records read = articles written + records rejected + records skipped,
//! the last being WARC records that hold no article). Memory is
//! bounded by the batch size, not the input size.

use rustc_hash::FxHashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::extract::entities::EntityTagger;
use crate::input::{self, FieldMap, InputSource, RawRecord, Reject};
use crate::lexicon::Lexicon;
use crate::tables::dataset::{Dataset, PartitionBy};
use crate::tables::state::{self, Fingerprint, Journal, Lock, LockError, ProcessedInput, State};
use crate::tables::{schema::SCHEMA_VERSION, Batch, Output, OutputError, OutputFormat, TextRow};
use crate::{process_article_using, ArticleRows};

#[derive(Debug, Clone)]
pub struct Config {
    pub inputs: Vec<String>,
    /// Inputs a library caller holds in memory (the Python package's data frames), read after
    /// `inputs`; with these and no `inputs`, the built-in sample is not read.
    pub sources: Vec<InputSource>,
    pub out: PathBuf,
    pub format: OutputFormat,
    pub threads: Option<usize>,
    pub limit: Option<u64>,
    pub overwrite: bool,
    pub quiet: bool,
    pub fields: FieldMap,
    pub max_record_bytes: usize,
    /// Records per batch; a batch is also cut at `batch_bytes`.
    pub batch_records: usize,
    pub batch_bytes: u64,
    /// Read and parse only, extract nothing: the floor the benchmark compares against.
    pub parse_only: bool,
    /// Fail the run after this many records (tests of atomicity).
    pub fail_after: Option<u64>,
    /// Skip inputs processed by earlier runs into the same folder; append the rest.
    pub incremental: bool,
    pub partition_by: Option<PartitionBy>,
    /// Write the `texts` table for every article, not only for text newsframe extracted.
    pub with_text: bool,
    pub entity_tagger: EntityTagger,
    /// An entity model read from a file (`--ner-model`), run instead of the shipped one.
    pub ner_model: Option<&'static crate::extract::ner::Model>,
    /// The dump step after the tables are committed (`None`: not run).
    pub dump: Option<crate::dump::Options>,
    pub command_line: Vec<String>,
    /// Set from elsewhere (the binary's signal handler) to stop the run: reading stops, the
    /// records in flight are dropped, nothing is committed, and `run` returns
    /// [`RunError::Interrupted`] after removing its staging folder and its lock.
    pub cancel: Option<Arc<AtomicBool>>,
    /// `--shard K/N`: this run's share of the inputs (see [`crate::shard`]).
    pub shard: Option<crate::shard::Shard>,
}

impl Config {
    /// An incremental run writes part files per input, to replace them when the input
    /// changes; so its batches never mix inputs. Any other run writes one part per table (and
    /// partition), whatever the inputs.
    fn parts_per_input(&self) -> bool {
        self.incremental
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            sources: Vec::new(),
            out: PathBuf::from("newsframe-out"),
            format: OutputFormat::Parquet,
            threads: None,
            limit: None,
            overwrite: false,
            quiet: true,
            fields: FieldMap::default(),
            max_record_bytes: 5 * 1024 * 1024,
            batch_records: 2000,
            batch_bytes: 32 * 1024 * 1024,
            parse_only: false,
            fail_after: None,
            incremental: false,
            partition_by: None,
            with_text: false,
            entity_tagger: EntityTagger::default(),
            ner_model: None,
            dump: Some(crate::dump::Options::default()),
            command_line: Vec::new(),
            cancel: None,
            shard: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Input(#[from] input::InputError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("cannot start the thread pool: {0}")]
    Threads(String),
    #[error("run stopped on request after {0} records (--fail-after)")]
    FailAfter(u64),
    #[error("{0}")]
    Locked(String),
    #[error("interrupted: previous outputs untouched")]
    Interrupted,
    #[error("--out {0} is a file, not a directory")]
    OutNotDir(String),
    #[error("the tables are written, but the dump step failed: {0}")]
    Dump(#[from] crate::dump::DumpError),
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct InputStats {
    pub path: String,
    pub bytes: u64,
    pub records_read: u64,
    pub articles_written: u64,
    pub records_rejected: u64,
    /// Records that hold no article by design (WARC requests, metadata, non-HTML responses).
    pub records_skipped: u64,
    pub skipped_by_kind: std::collections::BTreeMap<String, u64>,
    /// With `--shard K/N` by records: the records of this input left to the other shards
    /// (read past, not counted in `records_read`).
    #[serde(skip_serializing_if = "is_zero")]
    pub records_in_other_shards: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub run_id: String,
    pub inputs: Vec<InputStats>,
    /// Inputs an incremental run found already processed.
    pub skipped: Vec<String>,
    pub tables: Vec<(String, u64)>,
    pub seconds: f64,
    /// Of `seconds`, the dump step's.
    pub dump_seconds: f64,
    pub bytes: u64,
    /// Why records were rejected, by kind of reason (its words before any position or
    /// detail), most frequent first.
    pub reject_reasons: Vec<(String, u64)>,
}

impl Summary {
    pub fn rows(&self, table: &str) -> u64 {
        self.tables.iter().find(|(t, _)| t == table).map_or(0, |t| t.1)
    }
    pub fn one_line(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let read: u64 = self.inputs.iter().map(|s| s.records_read).sum();
        let skipped: u64 = self.inputs.iter().map(|s| s.records_skipped).sum();
        let mut line = format!(
            "newsframe: {read} records read: {} articles, {} quotes, {} entities, {} sources, {} rejects",
            self.rows("articles"),
            self.rows("quotes"),
            self.rows("entities"),
            self.rows("sources"),
            self.rows("rejects"),
        );
        if skipped > 0 {
            line += &format!(", {skipped} skipped (WARC records that hold no article)");
        }
        if self.tables.iter().any(|(t, _)| t == "entity_catalog") {
            line += &format!(
                "; across the dump: {} distinct entities, {} unique quotations",
                self.rows("entity_catalog"),
                self.rows("quotations")
            );
        }
        line += &format!(
            " in {:.2} s ({:.1} MB/s)",
            self.seconds,
            if self.seconds > 0.0 { mb / self.seconds } else { 0.0 }
        );
        if !self.reject_reasons.is_empty() {
            let top: Vec<String> = self
                .reject_reasons
                .iter()
                .take(3)
                .map(|(reason, n)| format!("{n} {reason}"))
                .collect();
            line += &format!("\nrejected: {}", top.join(", "));
            if self.reject_reasons.len() > 3 {
                line += ", ... (the rejects table has every record and reason)";
            }
        }
        line
    }
}

enum Message {
    /// Records tagged with their input's index. Without a dataset layout a batch may span
    /// inputs, so that a folder of small files (HTML pages) still fills the thread pool.
    Records {
        records: Vec<(usize, RawRecord)>,
    },
    Done {
        input: usize,
    },
}

pub(crate) fn run_id() -> String {
    let now = chrono::Utc::now();
    format!("{}-{}", now.format("%Y%m%dT%H%M%S%.3fZ"), std::process::id())
}

/// Where the tables go: single files, or a dataset of part files (incremental or partitioned).
enum Destination {
    Files(Output),
    Dataset(Dataset),
}

impl Destination {
    fn write(&mut self, batch: Batch, input: usize) -> Result<(), OutputError> {
        match self {
            Destination::Files(o) => o.write(&batch),
            Destination::Dataset(d) => d.write(batch, input),
        }
    }
}

/// Runs one extraction from inputs to committed tables.
pub fn run(config: &Config) -> Result<Summary, RunError> {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    let mut all_sources = if config.inputs.is_empty() && !config.sources.is_empty() {
        Vec::new()
    } else {
        input::discover(&config.inputs, Some(&config.out))?
    };
    all_sources.extend(config.sources.iter().cloned());
    // Every shard of an array job discovers the same list; the merge orders articles by it.
    let discovered: Vec<String> = all_sources.iter().map(InputSource::display_name).collect();
    let shard_by = config.shard.map(|s| s.by(all_sources.len()));
    let record_shard = match (config.shard, shard_by) {
        (Some(shard), Some(crate::shard::ShardBy::Files)) => {
            let mut index = 0;
            all_sources.retain(|_| {
                index += 1;
                shard.owns_input(index - 1)
            });
            None
        }
        (shard, _) => shard,
    };
    let run_id = run_id();
    if config.out.exists() && !config.out.is_dir() {
        return Err(RunError::OutNotDir(config.out.display().to_string()));
    }
    std::fs::create_dir_all(&config.out).map_err(|e| OutputError::Io {
        path: config.out.display().to_string(),
        source: e,
    })?;
    let _lock = Lock::acquire(&config.out).map_err(|e| match e {
        LockError::Held { .. } => RunError::Locked(e.to_string()),
        LockError::Output(o) => RunError::Output(o),
    })?;
    Journal::recover(&config.out)?;
    state::clear_stale_staging(&config.out);

    let dataset_layout = config.incremental || config.partition_by.is_some();
    let mut state = if config.incremental {
        State::load(&config.out)?
    } else {
        State::default()
    };
    let seen_content = if config.incremental {
        state::load_content_hashes(&config.out)?
    } else {
        Default::default()
    };
    let mut replaced: Vec<PathBuf> = Vec::new();
    let mut sources = Vec::new();
    let mut fingerprints = Vec::new();
    let mut skipped = Vec::new();
    for source in all_sources {
        let fingerprint = if config.incremental {
            fingerprint(&source)?
        } else {
            None
        };
        let key = source.display_name();
        if let (Some(fp), Some(seen)) = (&fingerprint, state.inputs.get(&key)) {
            if seen.fingerprint == *fp {
                skipped.push(key);
                continue;
            }
            log::info!("{key} changed since run {}; its rows are replaced", seen.run_id);
            replaced.extend(seen.parts.iter().map(PathBuf::from));
        }
        fingerprints.push(fingerprint);
        sources.push(source);
    }
    if dataset_layout && !config.incremental {
        let existing: Vec<PathBuf> = crate::tables::schema::TABLES
            .iter()
            .flat_map(|t| crate::tables::dataset::existing_parts(&config.out, t.name))
            .collect();
        if !existing.is_empty() && !config.overwrite {
            return Err(OutputError::Exists {
                dir: config.out.display().to_string(),
                file: existing[0].display().to_string(),
            }
            .into());
        }
        replaced.extend(existing);
    }
    let destination = if dataset_layout {
        Destination::Dataset(Dataset::create(
            &config.out,
            config.format,
            config.partition_by,
            &run_id,
        )?)
    } else {
        Destination::Files(Output::create(&config.out, config.format, config.overwrite, &run_id)?)
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.unwrap_or(0))
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))?;
    let lex = Lexicon::get();

    let total_bytes: Option<u64> = sources.iter().map(InputSource::size).sum();
    let bytes_read = Arc::new(AtomicU64::new(0));
    let progress = progress_bar(config, total_bytes);
    let stats: Vec<InputStats> = sources
        .iter()
        .map(|s| InputStats {
            path: s.display_name(),
            bytes: s.size().unwrap_or(0),
            ..Default::default()
        })
        .collect();

    let (tx, rx) = sync_channel::<Message>(2);
    let reader_sources = sources.clone();
    let reader_config = config.clone();
    let counter = bytes_read.clone();
    let other_shards: Arc<Vec<AtomicU64>> = Arc::new(sources.iter().map(|_| AtomicU64::new(0)).collect());
    let reader_other_shards = other_shards.clone();
    let reader = std::thread::spawn(move || {
        let shard = record_shard.map(|s| (s, reader_other_shards.as_slice()));
        read_all(&reader_sources, &reader_config, shard, counter, tx)
    });

    // Outcomes are gathered into tables and written on their own thread, so that neither
    // step holds up the pool: it processes message N+1 while message N is merged and written.
    let (batch_tx, batch_rx) = sync_channel::<Vec<(usize, Outcome)>>(2);
    let per_input_parts = config.parts_per_input();
    let input_names: Vec<String> = stats.iter().map(|s| s.path.clone()).collect();
    let mut collector = Collector {
        stats,
        reject_reasons: Default::default(),
        seen_content,
        new_hashes: Vec::new(),
    };
    let writer = std::thread::spawn(move || -> Result<(Destination, Collector), OutputError> {
        let mut destination = destination;
        for outcomes in batch_rx {
            let (input, batch) = collector.collect(outcomes);
            destination.write(batch, if per_input_parts { input } else { 0 })?;
        }
        Ok((destination, collector))
    });

    let mut processed = 0u64;
    let result = consume(
        config,
        &pool,
        lex,
        &rx,
        &batch_tx,
        &input_names,
        &mut processed,
        (&progress, &bytes_read),
    );
    drop(rx);
    drop(batch_tx);
    // A reader blocked on its input is left behind when the run is stopped; the process exit
    // ends it.
    if !config.cancelled() {
        let _ = reader.join();
    }
    let written = writer
        .join()
        .map_err(|_| RunError::Threads("the table writer thread panicked".into()))?;
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    let (destination, collector) = written?;
    result?;
    // Checked once more here, after the last batch: past this point the run commits whole.
    if config.cancelled() {
        return Err(RunError::Interrupted);
    }
    let Collector {
        mut stats,
        new_hashes,
        reject_reasons,
        ..
    } = collector;
    let mut reject_reasons: Vec<(String, u64)> = reject_reasons.into_iter().collect();
    reject_reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    state::crash_point("before-commit");

    let seconds = started.elapsed().as_secs_f64();
    let bytes = bytes_read.load(Ordering::Relaxed);
    for ((s, src), other) in stats.iter_mut().zip(&sources).zip(other_shards.iter()) {
        if matches!(src, InputSource::Stdin) {
            s.bytes = bytes;
        }
        s.records_in_other_shards = other.load(Ordering::Relaxed);
    }
    let finished_at = chrono::Utc::now();
    let manifest = |tables: &[(String, String, u64)]| {
        let table_map: serde_json::Map<String, serde_json::Value> = tables
            .iter()
            .map(|(name, files, rows)| {
                let files: Vec<&str> = files.split(',').filter(|f| !f.is_empty()).collect();
                (name.clone(), serde_json::json!({ "files": files, "rows": rows }))
            })
            .collect();
        let totals = |f: fn(&InputStats) -> u64| stats.iter().map(f).sum::<u64>();
        serde_json::json!({
            "run_id": run_id,
            "started_at": started_at.to_rfc3339(),
            "finished_at": finished_at.to_rfc3339(),
            "newsframe_version": env!("CARGO_PKG_VERSION"),
            "schema_version": SCHEMA_VERSION,
            "command_line": config.command_line,
            "options": {
                "format": config.format,
                "threads": pool.current_num_threads(),
                "limit": config.limit,
                "overwrite": config.overwrite,
                "incremental": config.incremental,
                "partition_by": config.partition_by,
                "max_record_bytes": config.max_record_bytes,
                "parse_only": config.parse_only,
                "fields": config.fields,
                "entity_tagger": config.entity_tagger,
            },
            "inputs": stats,
            "skipped_inputs": skipped,
            "shard": config.shard.map(|s| serde_json::json!({
                "k": s.k,
                "n": s.n,
                "by": shard_by,
                "discovered_inputs": discovered,
            })),
            "tables": table_map,
            "totals": {
                "records_read": totals(|s| s.records_read),
                "articles_written": totals(|s| s.articles_written),
                "records_rejected": totals(|s| s.records_rejected),
                "records_skipped": totals(|s| s.records_skipped),
                "input_bytes": bytes,
            },
            "wall_seconds": seconds,
            "throughput": {
                "mb_per_second": if seconds > 0.0 { bytes as f64 / 1e6 / seconds } else { 0.0 },
                "records_per_second": if seconds > 0.0 { totals(|s| s.records_read) as f64 / seconds } else { 0.0 },
            },
        })
    };
    let tables = match destination {
        Destination::Files(output) => output.commit(manifest)?,
        Destination::Dataset(dataset) => {
            if config.incremental {
                let parts = dataset.planned_parts();
                for (i, (source, fp)) in sources.iter().zip(&fingerprints).enumerate() {
                    if let Some(fingerprint) = fp.clone() {
                        let parts = parts.get(&i).cloned().unwrap_or_default();
                        state.inputs.insert(
                            source.display_name(),
                            ProcessedInput {
                                fingerprint,
                                run_id: run_id.clone(),
                                parts,
                            },
                        );
                    }
                }
                state.runs.push(run_id.clone());
            }
            dataset.commit(&state, &new_hashes, replaced, manifest)?
        }
    };
    let mut tables: Vec<(String, u64)> = tables.into_iter().map(|(name, _, rows)| (name, rows)).collect();
    let dump_started = Instant::now();
    if let (Some(options), false) = (&config.dump, config.parse_only) {
        if !config.incremental {
            // Decisions kept for earlier runs' rows mean nothing once those rows are replaced.
            crate::dump::forget_decisions(&config.out)?;
        }
        tables.extend(crate::dump::resolve(&config.out, options)?.tables);
    }
    let dump_seconds = dump_started.elapsed().as_secs_f64();
    Ok(Summary {
        run_id,
        inputs: stats,
        skipped,
        tables,
        seconds: seconds + dump_seconds,
        dump_seconds,
        bytes,
        reject_reasons,
    })
}

/// The kind of a reject's reason, for the summary: its words before any detail or position
/// ("invalid JSON at column 3: expected value" is "invalid JSON").
fn reason_kind(reason: &str) -> String {
    let head = reason.split(':').next().unwrap_or(reason);
    head.split(" at ").next().unwrap_or(head).trim().to_string()
}

/// An input's fingerprint for incremental runs; stdin has none and is always processed.
fn fingerprint(source: &InputSource) -> Result<Option<Fingerprint>, RunError> {
    Ok(match source {
        InputSource::Path(p) => Some(Fingerprint::of_file(p).map_err(|e| input::InputError::Unreadable {
            path: p.display().to_string(),
            source: e,
        })?),
        InputSource::Embedded { bytes, .. } => Some(Fingerprint::of_bytes(bytes)),
        InputSource::Memory { bytes, .. } => Some(Fingerprint::of_bytes(bytes)),
        InputSource::Stdin => None,
    })
}

fn progress_bar(config: &Config, total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if config.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = match total {
        Some(t) => indicatif::ProgressBar::new(t).with_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {bytes} {binary_bytes_per_sec}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    Some(pb)
}

/// The reader thread: every source in order, cut into bounded batches.
/// Reads every input into batches for the pool. With a shard by records, the records of the
/// other shards are counted per input and dropped here, before any parsing.
fn read_all(
    sources: &[InputSource],
    config: &Config,
    shard: Option<(crate::shard::Shard, &[AtomicU64])>,
    counter: Arc<AtomicU64>,
    tx: std::sync::mpsc::SyncSender<Message>,
) {
    let mut remaining = config.limit.unwrap_or(u64::MAX);
    let split_by_input = config.parts_per_input();
    let mut batch: Vec<(usize, RawRecord)> = Vec::new();
    let mut batch_bytes = 0u64;
    for (i, source) in sources.iter().enumerate() {
        if remaining == 0 {
            break;
        }
        let records: input::RecordIter = match input::open_records(source, config.max_record_bytes, counter.clone()) {
            Ok(r) => r,
            Err(e) => {
                let pos = input::RecordPos {
                    source_file: source.display_name(),
                    record_no: 0,
                    byte_offset: None,
                };
                let payload = input::Payload::Invalid {
                    reason: e.to_string(),
                    excerpt: String::new(),
                };
                Box::new(std::iter::once(RawRecord { pos, payload, bytes: 0 }))
            }
        };
        let mine = |record: &RawRecord| match shard {
            Some((shard, others)) if !shard.owns_record(record.pos.record_no) => {
                if let Some(count) = others.get(i) {
                    count.fetch_add(1, Ordering::Relaxed);
                }
                false
            }
            _ => true,
        };
        for record in records.filter(mine).take(remaining.min(usize::MAX as u64) as usize) {
            if config.cancelled() {
                return;
            }
            remaining -= 1;
            batch_bytes += record.bytes;
            batch.push((i, record));
            if batch.len() >= config.batch_records || batch_bytes >= config.batch_bytes {
                batch_bytes = 0;
                let records = std::mem::take(&mut batch);
                if tx.send(Message::Records { records }).is_err() {
                    return;
                }
            }
        }
        if split_by_input && !batch.is_empty() {
            batch_bytes = 0;
            let records = std::mem::take(&mut batch);
            if tx.send(Message::Records { records }).is_err() {
                return;
            }
        }
        if tx.send(Message::Done { input: i }).is_err() {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Message::Records { records: batch });
    }
}

enum Outcome {
    Rows(Box<ArticleRows>, Option<TextRow>),
    Parsed,
    Rejected(Reject),
    Skipped(String),
}

/// Runs the pool over each message of records and hands the outcomes to the writer thread.
#[allow(clippy::too_many_arguments)]
fn consume(
    config: &Config,
    pool: &rayon::ThreadPool,
    lex: &'static Lexicon,
    rx: &Receiver<Message>,
    writer: &SyncSender<Vec<(usize, Outcome)>>,
    input_names: &[String],
    processed: &mut u64,
    (progress, bytes_read): (&Option<indicatif::ProgressBar>, &AtomicU64),
) -> Result<(), RunError> {
    loop {
        // Waits in short steps, so that a stop request is seen even while the reader is
        // blocked on its input (a stalled pipe or network mount).
        let message = match rx.recv_timeout(std::time::Duration::from_millis(100)) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) if config.cancelled() => return Err(RunError::Interrupted),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let records = match message {
            Message::Records { records } => records,
            Message::Done { input } => {
                log::info!("finished {}", input_names.get(input).map_or("", String::as_str));
                continue;
            }
        };
        let n = records.len() as u64;
        if let Some(limit) = config.fail_after {
            if *processed + n > limit {
                return Err(RunError::FailAfter(limit));
            }
        }
        let outcomes: Vec<(usize, Outcome)> = pool.install(|| {
            records
                .into_par_iter()
                .map(|(input, record)| {
                    // The run is being stopped: what is left of the batch is dropped unread.
                    if config.cancelled() {
                        return (input, Outcome::Parsed);
                    }
                    if let input::Payload::Skipped { kind } = &record.payload {
                        return (input, Outcome::Skipped(kind.clone()));
                    }
                    let pos = record.pos.clone();
                    let outcome = match record.parse(&config.fields) {
                        Ok(_) if config.parse_only => Outcome::Parsed,
                        // A bug in an extractor must cost one record, not the run: the record
                        // is rejected with the panic's message and the run goes on.
                        Ok(article) => match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            panic_if_injected(&article.text);
                            process_article_using(
                                &article,
                                lex,
                                config
                                    .ner_model
                                    .or_else(|| crate::extract::entities::model_for(config.entity_tagger)),
                                crate::extract::quotes::RowModel::shipped(),
                            )
                        })) {
                            Ok(rows) => {
                                let text = (article.extracted || config.with_text).then(|| TextRow {
                                    article_id: rows.article.article_id.clone(),
                                    text: article.text,
                                });
                                Outcome::Rows(Box::new(rows), text)
                            }
                            Err(panic) => {
                                let message = panic
                                    .downcast_ref::<String>()
                                    .map(String::as_str)
                                    .or_else(|| panic.downcast_ref::<&str>().copied())
                                    .unwrap_or("unknown panic");
                                let reason = format!("internal error while extracting (please report): {message}");
                                Outcome::Rejected(input::Reject::new(&pos, reason, &article.text))
                            }
                        },
                        Err(reject) => Outcome::Rejected(reject),
                    };
                    (input, outcome)
                })
                .collect()
        });
        if config.cancelled() {
            return Err(RunError::Interrupted);
        }
        *processed += n;
        if writer.send(outcomes).is_err() {
            // The writer stopped on an error, which `run` reports.
            return Ok(());
        }
        if let Some(pb) = progress {
            pb.set_message(format!("{processed} records"));
            pb.set_position(bytes_read.load(Ordering::Relaxed));
        }
    }
    Ok(())
}

/// Tests make an extractor fail on articles whose text holds `NEWSFRAME_PANIC_ON`, to check
/// that such a record is rejected and the run goes on.
fn panic_if_injected(text: &str) {
    static MARKER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    if let Some(marker) = MARKER.get_or_init(|| std::env::var("NEWSFRAME_PANIC_ON").ok()) {
        if text.contains(marker.as_str()) {
            panic!("injected failure for a test");
        }
    }
}

/// What the writer thread keeps across messages: the per-input counts, and the content hashes
/// seen so far, which mark later copies of an article as duplicates.
struct Collector {
    stats: Vec<InputStats>,
    reject_reasons: std::collections::BTreeMap<String, u64>,
    seen_content: FxHashMap<String, String>,
    new_hashes: Vec<(String, String)>,
}

impl Collector {
    /// One message's outcomes as a batch of table rows, counted per input; the batch's input
    /// is its first record's (the reader never mixes inputs in a message when parts are per
    /// input).
    fn collect(&mut self, outcomes: Vec<(usize, Outcome)>) -> (usize, Batch) {
        let first_input = outcomes.first().map_or(0, |(i, _)| *i);
        let mut batch = Batch::default();
        // Sized once: grown row by row, the vectors were copied again at every doubling.
        let (mut quotes, mut entities, mut mentions, mut sources) = (0, 0, 0, 0);
        for (_, outcome) in &outcomes {
            if let Outcome::Rows(rows, _) = outcome {
                quotes += rows.quotes.len();
                entities += rows.entities.len();
                mentions += rows.mentions.len();
                sources += rows.sources.len();
            }
        }
        batch.articles.reserve(outcomes.len());
        batch.quotes.reserve(quotes);
        batch.entities.reserve(entities);
        batch.mentions.reserve(mentions);
        batch.sources.reserve(sources);
        for (input, outcome) in outcomes {
            let stat = &mut self.stats[input];
            stat.records_read += 1;
            match outcome {
                Outcome::Skipped(kind) => {
                    stat.records_skipped += 1;
                    *stat.skipped_by_kind.entry(kind).or_default() += 1;
                }
                Outcome::Rows(rows, text) => {
                    batch.texts.extend(text);
                    stat.articles_written += 1;
                    let mut rows = *rows;
                    match self.seen_content.get(&rows.article.content_hash) {
                        Some(first) if *first != rows.article.article_id => {
                            rows.article.duplicate_of = Some(first.clone());
                        }
                        Some(_) => {}
                        None => {
                            let (hash, id) = (rows.article.content_hash.clone(), rows.article.article_id.clone());
                            self.seen_content.insert(hash.clone(), id.clone());
                            self.new_hashes.push((hash, id));
                        }
                    }
                    batch.articles.push(rows.article);
                    batch.quotes.extend(rows.quotes);
                    batch.entities.extend(rows.entities);
                    batch.mentions.extend(rows.mentions);
                    batch.sources.extend(rows.sources);
                }
                Outcome::Parsed => stat.articles_written += 1,
                Outcome::Rejected(reject) => {
                    *self.reject_reasons.entry(reason_kind(&reject.reason)).or_default() += 1;
                    log::debug!(
                        "rejected {}:{}: {}",
                        reject.source_file,
                        reject.record_no,
                        reject.reason
                    );
                    stat.records_rejected += 1;
                    batch.rejects.push(reject);
                }
            }
        }
        (first_input, batch)
    }
}
