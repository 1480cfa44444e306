//! Reading finished tables back, a few columns and a slice of rows at a time, so that the dump
//! step's memory is bounded by its maps, not by the size of a table.

use std::fs::File;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::DumpError;
use crate::tables::OutputFormat;

/// Rows read from a Parquet file at a time.
const SLICE_ROWS: usize = 256 * 1024;

/// The files of one table in `dir`, DIR-relative paths: `table.ext` for a single-file run, the
/// part files under `table/` for a dataset. Sorted, so runs see them in one order.
pub fn table_files(dir: &Path, table: &str) -> Vec<(PathBuf, OutputFormat)> {
    for format in [OutputFormat::Parquet, OutputFormat::Csv] {
        let single = PathBuf::from(format!("{table}.{}", format.extension()));
        if dir.join(&single).is_file() {
            return vec![(single, format)];
        }
    }
    let mut parts: Vec<(PathBuf, OutputFormat)> = crate::tables::dataset::existing_parts(dir, table)
        .into_iter()
        .filter_map(|p| {
            let format = match p.extension()?.to_str()? {
                "parquet" => OutputFormat::Parquet,
                "csv" => OutputFormat::Csv,
                _ => return None,
            };
            Some((p, format))
        })
        .collect();
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    parts
}

/// The run that wrote a part file (`part-<run>-<input>.ext`), or "" for a single-file table.
pub fn run_of(part: &Path) -> String {
    let stem = part.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    match stem.strip_prefix("part-").and_then(|s| s.rsplit_once('-')) {
        Some((run, _input)) => run.to_string(),
        None => String::new(),
    }
}

/// Calls `each` with successive slices of `columns` of one table file. CSV files are read
/// whole, every column as text.
pub fn for_each_slice(
    dir: &Path,
    file: &Path,
    format: OutputFormat,
    columns: &[&str],
    mut each: impl FnMut(&DataFrame) -> Result<(), DumpError>,
) -> Result<(), DumpError> {
    let path = dir.join(file);
    let err = |source: PolarsError| DumpError::Read {
        path: path.display().to_string(),
        source,
    };
    let open = || File::open(&path).map_err(|e| DumpError::Io(path.display().to_string(), e));
    let names: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    match format {
        OutputFormat::Parquet => {
            // The footer is read once; each slice's reader is given it.
            let mut first = ParquetReader::new(open()?);
            let metadata = first.get_metadata().map_err(err)?.clone();
            let rows = metadata.num_rows;
            let mut offset = 0;
            while offset < rows {
                let mut reader = ParquetReader::new(open()?);
                reader.set_metadata(metadata.clone());
                let df = reader
                    .with_columns(Some(names.clone()))
                    .with_slice(Some((offset, SLICE_ROWS)))
                    .finish()
                    .map_err(err)?;
                each(&df)?;
                offset += SLICE_ROWS;
            }
            Ok(())
        }
        OutputFormat::Csv => {
            let df = CsvReadOptions::default()
                .with_has_header(true)
                .with_infer_schema_length(Some(0))
                .with_columns(Some(names.iter().map(|n| PlSmallStr::from(n.as_str())).collect()))
                .try_into_reader_with_file_path(Some(path.clone()))
                .map_err(err)?
                .finish()
                .map_err(err)?;
            each(&df)
        }
    }
}

/// One column of a slice, read as the type the dump step needs, whatever the file stored.
pub struct Col {
    series: Series,
}

impl Col {
    pub fn of(df: &DataFrame, name: &str, dtype: &DataType) -> Result<Col, DumpError> {
        let err = |source| DumpError::Column {
            column: name.to_string(),
            source,
        };
        let series = df.column(name).map_err(err)?.as_materialized_series().clone();
        let series = if series.dtype() == dtype {
            series
        } else {
            series.cast(dtype).map_err(err)?
        };
        Ok(Col { series })
    }

    pub fn str(&self) -> Result<Vec<Option<&str>>, DumpError> {
        Ok(self.series.str().map_err(self.err())?.iter().collect())
    }

    pub fn u32(&self) -> Result<Vec<Option<u32>>, DumpError> {
        Ok(self.series.u32().map_err(self.err())?.iter().collect())
    }

    pub fn u64(&self) -> Result<Vec<Option<u64>>, DumpError> {
        Ok(self.series.u64().map_err(self.err())?.iter().collect())
    }

    pub fn f32(&self) -> Result<Vec<Option<f32>>, DumpError> {
        Ok(self.series.f32().map_err(self.err())?.iter().collect())
    }

    fn err(&self) -> impl Fn(PolarsError) -> DumpError + '_ {
        |source| DumpError::Column {
            column: self.series.name().to_string(),
            source,
        }
    }
}

/// The `published` column as microseconds since the epoch: Parquet stores a timestamp, CSV
/// an RFC 3339 text.
pub fn published_micros(df: &DataFrame) -> Result<Vec<Option<i64>>, DumpError> {
    let err = |source| DumpError::Column {
        column: "published".into(),
        source,
    };
    let col = df.column("published").map_err(err)?.as_materialized_series();
    if col.dtype() == &DataType::String {
        return Ok(col.str().map_err(err)?.iter().map(|v| v.and_then(parse_time)).collect());
    }
    let ints = col.cast(&DataType::Int64).map_err(err)?;
    Ok(ints.i64().map_err(err)?.iter().collect())
}

fn parse_time(text: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp_micros());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc().timestamp_micros());
        }
    }
    None
}

/// Each row's `aliases` other than its `name` (`names`, the same rows): a list column in
/// Parquet, a JSON array in CSV. Rows whose only alias is their name get an empty list, which
/// costs no allocation.
pub fn other_aliases(df: &DataFrame, names: &[Option<&str>]) -> Result<Vec<Vec<String>>, DumpError> {
    let err = |source| DumpError::Column {
        column: "aliases".into(),
        source,
    };
    let col = df.column("aliases").map_err(err)?.as_materialized_series();
    let keep = |i: usize, alias: &str| names.get(i).copied().flatten() != Some(alias);
    let mut out: Vec<Vec<String>> = Vec::with_capacity(df.height());
    if col.dtype() == &DataType::String {
        for (i, v) in col.str().map_err(err)?.iter().enumerate() {
            let list: Vec<String> = v.and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
            out.push(list.into_iter().filter(|a| keep(i, a)).collect());
        }
        return Ok(out);
    }
    let lists = col.list().map_err(err)?;
    for (i, v) in lists.amortized_iter().enumerate() {
        let mut kept = Vec::new();
        if let Some(s) = v {
            for alias in s.as_ref().str().map_err(err)?.iter().flatten() {
                if keep(i, alias) {
                    kept.push(alias.to_string());
                }
            }
        }
        out.push(kept);
    }
    Ok(out)
}
