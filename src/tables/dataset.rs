//! Dataset layout: each table is a folder of part files, `DIR/<table>/part-<run>-<input>.parquet`,
//! or Hive partitions `DIR/<table>/date=YYYY-MM-DD/part-...` with `--partition-by`. Parts are
//! written per input into a staging folder and committed through the journal in `state`, so an
//! input processed again replaces its earlier parts instead of duplicating them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use super::rows::{ArticleRow, Batch, OfArticle};
use super::schema::TABLES;
use super::state::{stage_state, staging_dir, Journal, State};
use super::writer::{
    batch_frames, empty_frames, io_err, stage_manifest, OutputError, OutputFormat, TableWriter, MANIFEST,
};

/// What Hive partitions are cut by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartitionBy {
    /// The article's published date (UTC), `date=YYYY-MM-DD`, or `date=unknown`.
    Date,
    /// The article's outlet, sanitized, or `outlet=unknown`.
    Outlet,
}

impl PartitionBy {
    fn column(self) -> &'static str {
        match self {
            PartitionBy::Date => "date",
            PartitionBy::Outlet => "outlet",
        }
    }

    fn value(self, article: &ArticleRow) -> String {
        let raw = match self {
            PartitionBy::Date => article
                .published
                .and_then(chrono::DateTime::from_timestamp_micros)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            PartitionBy::Outlet => article.outlet.clone(),
        };
        sanitize_partition_value(raw.as_deref().unwrap_or(""))
    }
}

/// A partition value safe as one path component: letters, digits, `-`, `_` and `.` kept,
/// everything else `_`; never empty, `.` or `..`; at most 100 bytes.
pub fn sanitize_partition_value(raw: &str) -> String {
    let cleaned: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        "unknown".to_string()
    } else {
        cleaned
    }
}

pub struct Dataset {
    dir: PathBuf,
    staging: PathBuf,
    format: OutputFormat,
    run_id: String,
    partition: Option<PartitionBy>,
    writers: BTreeMap<(usize, String, usize), TableWriter>,
    /// Part files written, per input index, relative to DIR.
    parts: BTreeMap<usize, Vec<PathBuf>>,
    /// An empty frame per table, the schema each new part is opened with.
    empty: Vec<polars::prelude::DataFrame>,
    committed: bool,
}

impl Dataset {
    pub fn create(
        dir: &Path,
        format: OutputFormat,
        partition: Option<PartitionBy>,
        run_id: &str,
    ) -> Result<Dataset, OutputError> {
        let staging = staging_dir(dir, run_id);
        std::fs::create_dir_all(&staging).map_err(io_err(&staging))?;
        let empty = empty_frames(format == OutputFormat::Csv).map_err(|source| OutputError::Polars {
            table: "schema".into(),
            source,
        })?;
        Ok(Dataset {
            dir: dir.to_path_buf(),
            staging,
            format,
            run_id: run_id.to_string(),
            partition,
            writers: BTreeMap::new(),
            parts: BTreeMap::new(),
            empty,
            committed: false,
        })
    }

    /// Appends one batch of rows that all came from input number `input`.
    pub fn write(&mut self, batch: Batch, input: usize) -> Result<(), OutputError> {
        let groups = match self.partition {
            None => vec![(String::new(), batch)],
            Some(by) => split_by_partition(batch, by),
        };
        let csv = self.format == OutputFormat::Csv;
        for (value, part) in groups {
            let frames = batch_frames(&part, csv)?;
            for (table, frame) in frames.iter().enumerate() {
                if frame.height() == 0 {
                    continue;
                }
                let key = (table, value.clone(), input);
                if !self.writers.contains_key(&key) {
                    self.open_part(table, &value, input)?;
                }
                if let Some(w) = self.writers.get_mut(&key) {
                    w.write(frame)?;
                }
            }
        }
        Ok(())
    }

    /// Opens the staged part file of one table, partition value and input.
    fn open_part(&mut self, table: usize, value: &str, input: usize) -> Result<(), OutputError> {
        let rel = self.part_path(table, value, input);
        let writer = TableWriter::create(
            &self.staging.join(&rel),
            TABLES[table].name,
            self.format,
            &self.empty[table],
        )?;
        self.parts.entry(input).or_default().push(rel);
        self.writers.insert((table, value.to_string(), input), writer);
        Ok(())
    }

    fn part_path(&self, table: usize, value: &str, input: usize) -> PathBuf {
        let mut rel = PathBuf::from(TABLES[table].name);
        if let Some(by) = self.partition {
            rel.push(format!("{}={value}", by.column()));
        }
        rel.push(format!("part-{}-{input:05}.{}", self.run_id, self.format.extension()));
        rel
    }

    /// Finishes the parts, then commits them with the new state, deleting `replaced` parts
    /// (DIR-relative) of inputs processed again, and the manifest last.
    pub fn commit(
        mut self,
        state: &State,
        new_hashes: &[(String, String)],
        replaced: Vec<PathBuf>,
        manifest: impl FnOnce(&[(String, String, u64)]) -> serde_json::Value,
    ) -> Result<Vec<(String, String, u64)>, OutputError> {
        // A table with no rows yet still gets one (empty) part, so that it loads as a table.
        for (table, spec) in TABLES.iter().enumerate() {
            let has_parts = self.writers.keys().any(|(t, _, _)| *t == table);
            let keeps_parts = existing_parts(&self.dir, spec.name)
                .iter()
                .any(|p| !replaced.contains(p));
            if !has_parts && !keeps_parts {
                let value = if self.partition.is_some() { "unknown" } else { "" };
                self.open_part(table, value, 0)?;
            }
        }
        let mut rows: BTreeMap<&'static str, (u64, Vec<String>)> = BTreeMap::new();
        let writers = std::mem::take(&mut self.writers);
        for ((table, value, input), writer) in writers {
            let rel = self.part_path(table, &value, input);
            let (name, n) = writer.finish()?;
            let entry = rows.entry(name).or_default();
            entry.0 += n;
            entry.1.push(rel.display().to_string());
        }
        let tables: Vec<(String, String, u64)> = TABLES
            .iter()
            .map(|t| {
                let (n, files) = rows.get(t.name).cloned().unwrap_or_default();
                (t.name.to_string(), files.join(","), n)
            })
            .collect();
        stage_manifest(&self.staging, &manifest(&tables))?;

        let staging_rel = self
            .staging
            .strip_prefix(&self.dir)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| self.staging.clone());
        let mut journal = Journal {
            staging: staging_rel.clone(),
            deletes: replaced,
            ..Journal::default()
        };
        for parts in self.parts.values() {
            for rel in parts {
                journal.moves.push((staging_rel.join(rel), rel.clone()));
            }
        }
        journal
            .moves
            .extend(stage_state(&self.dir, &self.staging, state, new_hashes)?);
        journal
            .moves
            .push((staging_rel.join(MANIFEST), PathBuf::from(MANIFEST)));
        journal.commit(&self.dir)?;
        self.committed = true;
        Ok(tables)
    }

    /// The part files each input will produce, relative to DIR, known once writing is done.
    pub fn planned_parts(&self) -> BTreeMap<usize, Vec<String>> {
        self.parts
            .iter()
            .map(|(i, p)| (*i, p.iter().map(|r| r.display().to_string()).collect()))
            .collect()
    }
}

impl Drop for Dataset {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Part files of one table of a dataset in `dir`, relative to `dir`.
pub fn existing_parts(dir: &Path, table: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir.join(table))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().starts_with("part-"))
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect()
}

/// Splits a batch by the partition value of each row's article; rejects have no article and go
/// to `unknown`.
fn split_by_partition(batch: Batch, by: PartitionBy) -> Vec<(String, Batch)> {
    let mut value_of: FxHashMap<String, String> = FxHashMap::default();
    for a in &batch.articles {
        value_of.insert(a.article_id.clone(), by.value(a));
    }
    let mut groups: BTreeMap<String, Batch> = BTreeMap::new();
    let value = |id: &str| value_of.get(id).cloned().unwrap_or_else(|| "unknown".to_string());
    /// Moves each row into its article's partition, in the table `of` picks.
    fn spread<T: OfArticle>(
        rows: Vec<T>,
        groups: &mut BTreeMap<String, Batch>,
        value: &impl Fn(&str) -> String,
        of: fn(&mut Batch) -> &mut Vec<T>,
    ) {
        for r in rows {
            of(groups.entry(value(r.article_id())).or_default()).push(r);
        }
    }
    spread(batch.articles, &mut groups, &value, |b| &mut b.articles);
    spread(batch.quotes, &mut groups, &value, |b| &mut b.quotes);
    spread(batch.entities, &mut groups, &value, |b| &mut b.entities);
    spread(batch.mentions, &mut groups, &value, |b| &mut b.mentions);
    spread(batch.sources, &mut groups, &value, |b| &mut b.sources);
    spread(batch.texts, &mut groups, &value, |b| &mut b.texts);
    for r in batch.rejects {
        groups.entry("unknown".to_string()).or_default().rejects.push(r);
    }
    groups.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_partition_values_stay_one_component() {
        assert_eq!(sanitize_partition_value("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(sanitize_partition_value(".."), "unknown");
        assert_eq!(sanitize_partition_value(""), "unknown");
        assert_eq!(sanitize_partition_value("a/b\\c d=e"), "a_b_c_d_e");
        assert_eq!(sanitize_partition_value("2026-01-02"), "2026-01-02");
        assert!(!sanitize_partition_value(&"x".repeat(500)).contains('/'));
    }
}
