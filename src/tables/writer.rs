//! Table files: one writer per table appending batch after batch (one Parquet row group per
//! batch, zstd), inside a hidden staging folder that is renamed into place only when the run
//! completes — a failed or killed run leaves the previous outputs untouched.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use polars::polars_utils::compression::ZstdLevel;
use polars::prelude::*;

use super::frames;
use super::rows::Batch;
use super::schema::TABLES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    Parquet,
    Csv,
}

impl OutputFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Parquet => "parquet",
            OutputFormat::Csv => "csv",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{dir} already holds newsframe outputs ({file}); pass --overwrite to replace them")]
    Exists { dir: String, file: String },
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("cannot write table {table}: {source}")]
    Polars { table: String, source: PolarsError },
}

pub(crate) fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// CSV timestamps are all UTC, and say so: `2022-05-26T14:43:13Z` (fractional seconds only
/// when there are some), which spreadsheets, pandas and DuckDB read as a zoned time.
pub(crate) const CSV_DATETIME: &str = "%Y-%m-%dT%H:%M:%S%.fZ";

/// Every CSV table file is written with these settings (a header, `CSV_DATETIME` times).
fn csv_writer(file: File) -> CsvWriter<File> {
    CsvWriter::new(file)
        .include_header(true)
        .with_datetime_format(Some(CSV_DATETIME.into()))
}

/// The Arrow schema a Parquet file carries for Arrow readers, in the oldest Arrow types
/// (`large_string`, `large_list`) instead of polars' own view types (`string_view`). The
/// column data are the same Parquet bytes either way; the embedded schema only tells readers
/// what to build, and pyarrow cannot hand `string_view` inside lists to pandas ("Not
/// implemented type for Arrow list to pandas: string_view"), nor does pyarrow < 16 know the
/// type at all.
fn portable_arrow_schema(schema: &Schema) -> polars::io::parquet::write::KeyValueMetadata {
    let arrow = schema.to_arrow(CompatLevel::oldest());
    let key = polars_parquet::write::schema_to_metadata_key(&arrow);
    polars::io::parquet::write::KeyValueMetadata::from_static(vec![(key.key, key.value.unwrap_or_default())])
}

enum Sink {
    Parquet(Box<polars::io::parquet::write::BatchedWriter<File>>),
    Csv(polars::io::csv::write::BatchedWriter<File>),
}

pub(crate) struct TableWriter {
    name: &'static str,
    sink: Sink,
    rows: u64,
    /// Batches waiting to become one Parquet row group. Small row groups would make the
    /// footer metadata the writer keeps in memory grow with the input.
    pending: Option<DataFrame>,
}

/// Rows per Parquet row group (reached by appending batches)...
const ROW_GROUP_ROWS: usize = 64 * 1024;
/// ...unless the rows are large (the `texts` table): then a row group is cut at this size, so
/// that memory does not hold tens of thousands of article bodies.
const ROW_GROUP_BYTES: usize = 32 * 1024 * 1024;

impl TableWriter {
    pub(crate) fn create(
        path: &Path,
        name: &'static str,
        format: OutputFormat,
        empty: &DataFrame,
    ) -> Result<TableWriter, OutputError> {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let file = File::create(path).map_err(io_err(path))?;
        let schema = empty.schema();
        let polars_err = |source| OutputError::Polars {
            table: name.to_string(),
            source,
        };
        let sink = match format {
            OutputFormat::Parquet => Sink::Parquet(Box::new(
                ParquetWriter::new(file)
                    .with_compression(ParquetCompression::Zstd(ZstdLevel::try_new(1).ok()))
                    .with_key_value_metadata(Some(portable_arrow_schema(schema)))
                    .batched(schema)
                    .map_err(polars_err)?,
            )),
            OutputFormat::Csv => Sink::Csv(csv_writer(file).batched(schema).map_err(polars_err)?),
        };
        let mut writer = TableWriter {
            name,
            sink,
            rows: 0,
            pending: None,
        };
        // A CSV header is written with the first batch; an empty table still gets one.
        if format == OutputFormat::Csv {
            writer.write(empty)?;
        }
        Ok(writer)
    }

    pub(crate) fn write(&mut self, df: &DataFrame) -> Result<(), OutputError> {
        let polars_err = |source| OutputError::Polars {
            table: self.name.to_string(),
            source,
        };
        self.rows += df.height() as u64;
        match &mut self.sink {
            Sink::Parquet(_) if df.height() == 0 => {}
            Sink::Parquet(w) => {
                let pending = match self.pending.take() {
                    Some(mut p) => {
                        p.vstack_mut(df).map_err(polars_err)?;
                        p
                    }
                    None => df.clone(),
                };
                if pending.height() >= ROW_GROUP_ROWS || pending.estimated_size() >= ROW_GROUP_BYTES {
                    let mut pending = pending;
                    pending.rechunk_mut();
                    w.write_batch(&pending).map_err(polars_err)?;
                } else {
                    self.pending = Some(pending);
                }
            }
            Sink::Csv(w) => w.write_batch(df).map_err(polars_err)?,
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<(&'static str, u64), OutputError> {
        let polars_err = |source| OutputError::Polars {
            table: self.name.to_string(),
            source,
        };
        match self.sink {
            Sink::Parquet(mut w) => {
                if let Some(mut pending) = self.pending {
                    pending.rechunk_mut();
                    w.write_batch(&pending).map_err(polars_err)?;
                }
                w.finish().map_err(polars_err)?;
            }
            Sink::Csv(mut w) => w.finish().map_err(polars_err)?,
        }
        Ok((self.name, self.rows))
    }
}

/// The output folder of one run: writers in a staging folder, committed at the end.
pub struct Output {
    dir: PathBuf,
    staging: PathBuf,
    format: OutputFormat,
    writers: Vec<TableWriter>,
    committed: bool,
}

pub const MANIFEST: &str = "manifest.json";

impl Output {
    /// Prepares `dir`: refuses existing outputs unless `overwrite`, clears staging folders
    /// left by killed runs, and opens every table's writer.
    pub fn create(dir: &Path, format: OutputFormat, overwrite: bool, run_id: &str) -> Result<Output, OutputError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        if !overwrite {
            if let Some(existing) = existing_outputs(dir).into_iter().next() {
                return Err(OutputError::Exists {
                    dir: dir.display().to_string(),
                    file: existing,
                });
            }
        }
        let staging = super::state::staging_dir(dir, run_id);
        fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        let csv = format == OutputFormat::Csv;
        let empty = empty_frames(csv).map_err(|source| OutputError::Polars {
            table: "schema".into(),
            source,
        })?;
        let mut output = Output {
            dir: dir.to_path_buf(),
            staging,
            format,
            writers: Vec::new(),
            committed: false,
        };
        for (spec, frame) in TABLES.iter().zip(empty.iter()) {
            let path = output.staging.join(format!("{}.{}", spec.name, format.extension()));
            output
                .writers
                .push(TableWriter::create(&path, spec.name, format, frame)?);
        }
        Ok(output)
    }

    pub fn write(&mut self, batch: &Batch) -> Result<(), OutputError> {
        let frames = batch_frames(batch, self.format == OutputFormat::Csv)?;
        for (writer, frame) in self.writers.iter_mut().zip(frames.iter()) {
            writer.write(frame)?;
        }
        Ok(())
    }

    /// Appends rows read back from another output to one table (its place in `TABLES`); the
    /// frame has that table's columns and types, as newsframe wrote them.
    pub fn write_frame(&mut self, table: usize, frame: &DataFrame) -> Result<(), OutputError> {
        match self.writers.get_mut(table) {
            Some(writer) => writer.write(frame),
            None => Err(OutputError::Io {
                path: self.dir.display().to_string(),
                source: std::io::Error::other(format!("no table number {table}")),
            }),
        }
    }

    /// Finishes every table, writes the manifest built from the table row counts, and moves
    /// everything into place; the manifest goes last.
    pub fn commit(
        mut self,
        manifest: impl FnOnce(&[(String, String, u64)]) -> serde_json::Value,
    ) -> Result<Vec<(String, String, u64)>, OutputError> {
        let ext = self.format.extension();
        let mut tables = Vec::new();
        for writer in std::mem::take(&mut self.writers) {
            let (name, rows) = writer.finish()?;
            tables.push((name.to_string(), format!("{name}.{ext}"), rows));
        }
        let manifest_json = manifest(&tables);
        let staged_manifest = stage_manifest(&self.staging, &manifest_json)?;
        // Outputs of an earlier run in the other format would be read as this run's.
        let replaced = |name: &String| name == MANIFEST || tables.iter().any(|(_, file, _)| file == name);
        for stale in existing_outputs(&self.dir).into_iter().filter(|n| !replaced(n)) {
            let path = self.dir.join(&stale);
            if path.is_file() {
                fs::remove_file(&path).map_err(io_err(&path))?;
            }
        }
        for (_, file, _) in &tables {
            let (from, to) = (self.staging.join(file), self.dir.join(file));
            fs::rename(&from, &to).map_err(io_err(&to))?;
        }
        let target = self.dir.join(MANIFEST);
        fs::rename(&staged_manifest, &target).map_err(io_err(&target))?;
        let _ = fs::remove_dir_all(&self.staging);
        self.committed = true;
        Ok(tables)
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes the run's manifest into the staging folder; returns its path there.
pub(crate) fn stage_manifest(staging: &Path, manifest: &serde_json::Value) -> Result<PathBuf, OutputError> {
    let path = staging.join(MANIFEST);
    let text = serde_json::to_string_pretty(manifest).unwrap_or_else(|_| "{}".into());
    fs::write(&path, text + "\n").map_err(io_err(&path))?;
    Ok(path)
}

/// One frame per table, in the order of `TABLES`.
pub(crate) fn batch_frames(batch: &Batch, csv: bool) -> Result<[DataFrame; 7], OutputError> {
    fn polars_err(table: &'static str) -> impl Fn(PolarsError) -> OutputError {
        move |source| OutputError::Polars {
            table: table.to_string(),
            source,
        }
    }
    Ok([
        frames::articles(&batch.articles).map_err(polars_err("articles"))?,
        frames::quotes(&batch.quotes).map_err(polars_err("quotes"))?,
        frames::entities(&batch.entities, csv).map_err(polars_err("entities"))?,
        frames::mentions(&batch.mentions).map_err(polars_err("entity_mentions"))?,
        frames::sources(&batch.sources).map_err(polars_err("sources"))?,
        frames::texts(&batch.texts).map_err(polars_err("texts"))?,
        frames::rejects(&batch.rejects).map_err(polars_err("rejects"))?,
    ])
}

pub(crate) fn empty_frames(csv: bool) -> PolarsResult<Vec<DataFrame>> {
    Ok(vec![
        frames::articles(&[])?,
        frames::quotes(&[])?,
        frames::entities(&[], csv)?,
        frames::mentions(&[])?,
        frames::sources(&[])?,
        frames::texts(&[])?,
        frames::rejects(&[])?,
    ])
}

/// Names of newsframe outputs present in `dir`.
pub(crate) fn existing_outputs(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for spec in TABLES {
        for ext in ["parquet", "csv"] {
            let name = format!("{}.{ext}", spec.name);
            if dir.join(&name).exists() {
                found.push(name);
            }
        }
    }
    if dir.join(MANIFEST).exists() {
        found.push(MANIFEST.to_string());
    }
    found
}

/// Rewrites a table's Parquet file as the CSV file a `--format csv` run writes for it: the
/// same columns, list columns as JSON-array strings, timestamps as `CSV_DATETIME`. Returns
/// the rows written. (For outputs made as Parquet and wanted as CSV later: the Python
/// package's `Tables.write(format="csv")`.)
pub fn parquet_to_csv(src: &Path, dst: &Path) -> Result<u64, OutputError> {
    let table = src
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let polars_err = |source| OutputError::Polars {
        table: table.clone(),
        source,
    };
    let file = File::open(src).map_err(|source| OutputError::Io {
        path: src.display().to_string(),
        source,
    })?;
    let mut df = ParquetReader::new(file).finish().map_err(polars_err)?;
    let mut columns = Vec::with_capacity(df.width());
    for column in df.columns() {
        columns.push(match column.dtype() {
            DataType::List(_) => lists_as_json(column).map_err(polars_err)?,
            _ => column.clone(),
        });
    }
    df = DataFrame::new(df.height(), columns).map_err(polars_err)?;
    let out = File::create(dst).map_err(io_err(dst))?;
    csv_writer(out).finish(&mut df).map_err(polars_err)?;
    Ok(df.height() as u64)
}

/// A list column as the JSON-array strings a CSV run writes ([`super::frames::json_lists`]).
fn lists_as_json(column: &Column) -> PolarsResult<Column> {
    let lists = column.list()?;
    let name = column.name().as_str();
    if matches!(lists.inner_dtype(), DataType::Float32) {
        let mut rows: Vec<Vec<Option<f32>>> = Vec::with_capacity(lists.len());
        for list in lists.amortized_iter() {
            rows.push(match list {
                Some(values) => values.as_ref().f32()?.iter().collect(),
                None => Vec::new(),
            });
        }
        return Ok(super::frames::json_lists(
            name,
            &rows.iter().map(Vec::as_slice).collect::<Vec<_>>(),
        ));
    }
    let mut rows: Vec<Vec<Option<String>>> = Vec::with_capacity(lists.len());
    for list in lists.amortized_iter() {
        rows.push(match list {
            Some(values) => {
                let values = values.as_ref().cast(&DataType::String)?;
                values.str()?.iter().map(|v| v.map(str::to_string)).collect()
            }
            None => Vec::new(),
        });
    }
    Ok(super::frames::json_lists(
        name,
        &rows.iter().map(Vec::as_slice).collect::<Vec<_>>(),
    ))
}
