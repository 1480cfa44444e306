//! `newsframe merge OUT SHARD...`: the outputs of the N shards of one `extract --shard K/N`
//! job become one output, as one run over all the inputs would have written it. Rows are
//! copied as they are, table by table, a slice at a time; only `articles.duplicate_of` is
//! worked out again, because the first copy of a text may sit in another shard; then the
//! dump step builds the dump-level tables over the whole.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;
use rustc_hash::FxHashMap;

use crate::dump::read::{for_each_slice, table_files, Col};
use crate::dump::DumpError;
use crate::tables::schema::{SCHEMA_VERSION, TABLES};
use crate::tables::writer::{Output, OutputError};
use crate::tables::OutputFormat;

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("{0}: no manifest.json (is it the --out of `newsframe extract --shard K/N`?)")]
    NoManifest(String),
    #[error("{path}: unreadable manifest.json: {reason}")]
    BadManifest { path: String, reason: String },
    #[error("{0} was not written with --shard K/N")]
    NotAShard(String),
    #[error("{0}")]
    Mismatch(String),
    #[error("{0}: merge reads Parquet shards; this one is CSV (run the shards without --format csv)")]
    Csv(String),
    #[error(transparent)]
    Dump(#[from] DumpError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// One shard's output folder, as its manifest describes it.
struct ShardOutput {
    dir: PathBuf,
    k: u64,
    n: u64,
    discovered: Vec<String>,
    manifest: serde_json::Value,
}

impl ShardOutput {
    fn read(dir: &Path) -> Result<ShardOutput, MergeError> {
        let path = dir.join(crate::tables::writer::MANIFEST);
        let shown = dir.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|_| MergeError::NoManifest(shown.clone()))?;
        let manifest: serde_json::Value = serde_json::from_str(&text).map_err(|e| MergeError::BadManifest {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let shard = manifest.get("shard").filter(|s| !s.is_null());
        let shard = shard.ok_or_else(|| MergeError::NotAShard(shown.clone()))?;
        let number = |key: &str| shard.get(key).and_then(serde_json::Value::as_u64);
        let (Some(k), Some(n)) = (number("k"), number("n")) else {
            return Err(MergeError::BadManifest {
                path: shown,
                reason: "its shard entry has no k and n".into(),
            });
        };
        let discovered = shard
            .get("discovered_inputs")
            .and_then(serde_json::Value::as_array)
            .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        Ok(ShardOutput {
            dir: dir.to_path_buf(),
            k,
            n,
            discovered,
            manifest,
        })
    }
}

/// What a merge wrote.
#[derive(Debug)]
pub struct MergeSummary {
    pub shards: usize,
    pub tables: Vec<(String, u64)>,
}

/// Merges the shard outputs `shards` into `out` (single Parquet files, like a plain run), then
/// runs the dump step over it unless `dump` is `None`.
pub fn merge(
    out: &Path,
    shards: &[PathBuf],
    overwrite: bool,
    dump: Option<&crate::dump::Options>,
    command_line: &[String],
) -> Result<MergeSummary, MergeError> {
    let shards = check_shards(shards)?;
    let order: FxHashMap<&str, usize> = shards[0]
        .discovered
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let firsts = first_copies(&shards, &order)?;

    let run_id = crate::pipeline::run_id();
    let mut output = Output::create(out, OutputFormat::Parquet, overwrite, &run_id)?;
    for (table, spec) in TABLES.iter().enumerate() {
        let columns: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        for shard in &shards {
            for (file, format) in table_files(&shard.dir, spec.name) {
                if format == OutputFormat::Csv {
                    return Err(MergeError::Csv(shard.dir.join(&file).display().to_string()));
                }
                for_each_slice(&shard.dir, &file, format, &columns, |df| {
                    let df = if spec.name == "articles" {
                        with_duplicate_of(df, &firsts, &order)?
                    } else {
                        df.clone()
                    };
                    output.write_frame(table, &df).map_err(DumpError::from)
                })?;
            }
        }
    }
    let manifest = merged_manifest(&shards, &run_id, &order, command_line);
    let tables = output.commit(|tables| {
        let mut manifest = manifest;
        let table_map: serde_json::Map<String, serde_json::Value> = tables
            .iter()
            .map(|(name, file, rows)| (name.clone(), serde_json::json!({ "files": [file], "rows": rows })))
            .collect();
        manifest["tables"] = serde_json::Value::Object(table_map);
        manifest
    })?;
    let mut tables: Vec<(String, u64)> = tables.into_iter().map(|(name, _, rows)| (name, rows)).collect();
    if let Some(options) = dump {
        crate::dump::forget_decisions(out)?;
        tables.extend(crate::dump::resolve(out, options)?.tables);
    }
    Ok(MergeSummary {
        shards: shards.len(),
        tables,
    })
}

/// The shards of one job: each 1..=N once, all of the same N and the same discovered inputs.
fn check_shards(dirs: &[PathBuf]) -> Result<Vec<ShardOutput>, MergeError> {
    let mut shards = dirs
        .iter()
        .map(|d| ShardOutput::read(d))
        .collect::<Result<Vec<_>, _>>()?;
    let Some(first) = shards.first() else {
        return Err(MergeError::Mismatch("no shard folders given".into()));
    };
    let (n, discovered) = (first.n, first.discovered.clone());
    for s in &shards {
        if s.n != n {
            return Err(MergeError::Mismatch(format!(
                "{} is a shard of {}, {} of {n}: not one job",
                s.dir.display(),
                s.n,
                first.dir.display()
            )));
        }
        if s.discovered != discovered {
            return Err(MergeError::Mismatch(format!(
                "{} and {} were run over different inputs: not one job",
                s.dir.display(),
                first.dir.display()
            )));
        }
    }
    shards.sort_by_key(|s| s.k);
    for k in 1..=n {
        match shards.iter().filter(|s| s.k == k).count() {
            1 => {}
            0 => return Err(MergeError::Mismatch(format!("shard {k}/{n} is missing"))),
            _ => return Err(MergeError::Mismatch(format!("shard {k}/{n} is given twice"))),
        }
    }
    Ok(shards)
}

/// An article's place in one run over every input: its input's place in the discovered
/// list, then its record number. One run calls the earliest copy of a text the original.
type Place = (usize, u64);

/// Each article's place in a slice of the articles table.
fn places(df: &DataFrame, order: &FxHashMap<&str, usize>) -> Result<Vec<Place>, DumpError> {
    let files = Col::of(df, "source_file", &DataType::String)?;
    let records = Col::of(df, "record_no", &DataType::UInt64)?;
    Ok(files
        .str()?
        .into_iter()
        .zip(records.u64()?)
        .map(|(source, record)| {
            let input = source.and_then(|f| order.get(f)).copied().unwrap_or(usize::MAX);
            (input, record.unwrap_or(0))
        })
        .collect())
}

/// For every content hash, the place and id of its first article across all shards.
fn first_copies(
    shards: &[ShardOutput],
    order: &FxHashMap<&str, usize>,
) -> Result<FxHashMap<String, (Place, String)>, MergeError> {
    let mut firsts: FxHashMap<String, (Place, String)> = FxHashMap::default();
    let columns = ["article_id", "source_file", "record_no", "content_hash"];
    for shard in shards {
        for (file, format) in table_files(&shard.dir, "articles") {
            for_each_slice(&shard.dir, &file, format, &columns, |df| {
                let ids = Col::of(df, "article_id", &DataType::String)?;
                let hashes = Col::of(df, "content_hash", &DataType::String)?;
                for ((id, hash), place) in ids.str()?.into_iter().zip(hashes.str()?).zip(places(df, order)?) {
                    let (Some(id), Some(hash)) = (id, hash) else { continue };
                    match firsts.get_mut(hash) {
                        Some(first) if first.0 <= place => {}
                        Some(first) => *first = (place, id.to_string()),
                        None => {
                            firsts.insert(hash.to_string(), (place, id.to_string()));
                        }
                    }
                }
                Ok(())
            })?;
        }
    }
    Ok(firsts)
}

/// The articles slice with `duplicate_of` set from the first copies of the whole job.
fn with_duplicate_of(
    df: &DataFrame,
    firsts: &FxHashMap<String, (Place, String)>,
    order: &FxHashMap<&str, usize>,
) -> Result<DataFrame, DumpError> {
    let hashes = Col::of(df, "content_hash", &DataType::String)?;
    let duplicate_of: Vec<Option<String>> = hashes
        .str()?
        .into_iter()
        .zip(places(df, order)?)
        .map(|(hash, place)| {
            let (first, id) = firsts.get(hash?)?;
            (*first != place).then(|| id.clone())
        })
        .collect();
    let mut df = df.clone();
    df.with_column(Column::new("duplicate_of".into(), duplicate_of))
        .map_err(|source| DumpError::Column {
            column: "duplicate_of".into(),
            source,
        })?;
    Ok(df)
}

/// The merged run's manifest: each input's accounting summed over the shards (a shard by
/// records reads every input, and each record is one shard's), in the discovered order.
fn merged_manifest(
    shards: &[ShardOutput],
    run_id: &str,
    order: &FxHashMap<&str, usize>,
    command_line: &[String],
) -> serde_json::Value {
    const COUNTS: [&str; 5] = [
        "bytes",
        "records_read",
        "articles_written",
        "records_rejected",
        "records_skipped",
    ];
    let mut inputs: BTreeMap<(usize, String), serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
    for shard in shards {
        let listed = shard.manifest.get("inputs").and_then(serde_json::Value::as_array);
        for input in listed.into_iter().flatten() {
            let Some(path) = input.get("path").and_then(serde_json::Value::as_str) else {
                continue;
            };
            let key = (order.get(path).copied().unwrap_or(usize::MAX), path.to_string());
            let entry = inputs.entry(key).or_insert_with(|| {
                let mut m = serde_json::Map::new();
                m.insert("path".into(), path.into());
                m
            });
            for count in COUNTS {
                let add = input.get(count).and_then(serde_json::Value::as_u64).unwrap_or(0);
                // A shard by records reads the whole file; its size is counted once.
                let sum = match (count, entry.get(count).and_then(serde_json::Value::as_u64)) {
                    ("bytes", Some(seen)) => seen.max(add),
                    (_, seen) => seen.unwrap_or(0) + add,
                };
                entry.insert(count.into(), sum.into());
            }
            let kinds = input.get("skipped_by_kind").and_then(serde_json::Value::as_object);
            let merged = entry
                .entry("skipped_by_kind")
                .or_insert_with(|| serde_json::Value::Object(Default::default()));
            if let (Some(kinds), Some(merged)) = (kinds, merged.as_object_mut()) {
                for (kind, n) in kinds {
                    let sum =
                        merged.get(kind).and_then(serde_json::Value::as_u64).unwrap_or(0) + n.as_u64().unwrap_or(0);
                    merged.insert(kind.clone(), sum.into());
                }
            }
        }
    }
    let inputs: Vec<serde_json::Value> = inputs.into_values().map(serde_json::Value::Object).collect();
    let total = |count: &str| -> u64 {
        inputs
            .iter()
            .filter_map(|i| i.get(count).and_then(serde_json::Value::as_u64))
            .sum()
    };
    let merged_from: Vec<serde_json::Value> = shards
        .iter()
        .map(|s| {
            serde_json::json!({
                "dir": s.dir.display().to_string(),
                "shard": format!("{}/{}", s.k, s.n),
                "run_id": s.manifest.get("run_id"),
            })
        })
        .collect();
    serde_json::json!({
        "run_id": run_id,
        "finished_at": chrono::Utc::now().to_rfc3339(),
        "newsframe_version": env!("CARGO_PKG_VERSION"),
        "schema_version": SCHEMA_VERSION,
        "command_line": command_line,
        "merged_from": merged_from,
        "inputs": inputs,
        "totals": {
            "records_read": total("records_read"),
            "articles_written": total("articles_written"),
            "records_rejected": total("records_rejected"),
            "records_skipped": total("records_skipped"),
            "input_bytes": total("bytes"),
        },
    })
}
