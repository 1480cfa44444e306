//! The dump stage: what only the whole dump knows, built from the finished tables of an output
//! folder after `extract` (or by `newsframe resolve OUT` over a dataset of many runs).
//!
//! It reads the tables back a few columns and a slice at a time (the entity rows once, the
//! quote rows once) and writes four tables beside them: `entity_catalog` (one row per distinct
//! entity of the dump, with a stable `canonical_id`), `entity_links` (each entity id's entry,
//! and the rows an article links elsewhere), `quotations` (each unique quotation once) and
//! `quote_links` (the quotes that take their quotation's speaker, `attribution = 'dump'`). Memory is bounded by the distinct
//! entities and quotations of the dump and by the largest part file's articles, not by the
//! tables' size. Duplicate articles (`duplicate_of` set) are not counted.

pub mod catalog;
mod frames;
pub mod names;
pub mod quotations;
pub(crate) mod read;

use std::fs;
use std::path::{Path, PathBuf};

use polars::prelude::{DataFrame, DataType, PolarsError};
use rustc_hash::FxHashMap;

use crate::tables::writer::{io_err, TableWriter};
use crate::tables::{OutputError, OutputFormat};
use catalog::{ArticleInfo, Catalog, EntityRef, LinkState};
use frames::{EntityLinkRow, QuoteLinkRow};
use quotations::{Occurrence, Quotations};
use read::{for_each_slice, published_micros, run_of, table_files, Col};

#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: PolarsError },
    #[error("column {column}: {source}")]
    Column { column: String, source: PolarsError },
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("{0} holds no newsframe articles table")]
    NoTables(String),
    #[error("corrupt link state {0}: {1}")]
    State(String, serde_json::Error),
}

/// The dump step's options.
#[derive(Debug, Clone)]
pub struct Options {
    /// A bare surname links to a full name in the news within this many months of the
    /// article's month, either side.
    pub window_months: i32,
    /// A full name takes bare mentions only when seen in this many articles or more.
    pub min_support: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            window_months: 1,
            min_support: 3,
        }
    }
}

/// The dump tables written and their rows.
#[derive(Debug, Clone, Default)]
pub struct DumpSummary {
    pub tables: Vec<(String, u64)>,
    pub linked_surnames: u64,
}

/// The dump tables, in the order they are written.
pub const DUMP_TABLES: [&str; 4] = ["entity_catalog", "entity_links", "quotations", "quote_links"];

const LINK_STATE: &str = "links.json";

/// Builds the dump tables of the output folder `dir` and puts them in place.
pub fn resolve(dir: &Path, options: &Options) -> Result<DumpSummary, DumpError> {
    let article_files = table_files(dir, "articles");
    let Some((_, format)) = article_files.first().cloned() else {
        return Err(DumpError::NoTables(dir.display().to_string()));
    };
    let dataset = !dir.join(format!("articles.{}", format.extension())).is_file();
    let state_path = crate::tables::state::state_dir(dir).join(LINK_STATE);
    let state = if dataset {
        load_state(&state_path)?
    } else {
        LinkState::default()
    };
    let mut catalog = Catalog::new(
        options.window_months,
        options.min_support,
        state,
        crate::lexicon::Lexicon::get(),
    );

    let entity_files = table_files(dir, "entities");
    let quote_files = table_files(dir, "quotes");
    let staging = crate::tables::state::state_dir(dir).join(format!("dump-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let target = |table: &str| -> PathBuf {
        if dataset {
            PathBuf::from(table).join(format!("part-dump.{}", format.extension()))
        } else {
            PathBuf::from(format!("{table}.{}", format.extension()))
        }
    };
    let csv = format == OutputFormat::Csv;

    let clock = std::time::Instant::now();
    let lap = |what: &str| log::info!("dump step: {what} at {:.2} s", clock.elapsed().as_secs_f64());
    let mut articles = ArticlesCache::default();
    // One pass over the entity rows: every name's types, months, company and counts.
    for (file, fmt) in &entity_files {
        let run = run_of(file);
        let articles = articles.of(dir, file, *fmt)?;
        for_each_article(dir, file, *fmt, |article_id, rows| {
            catalog.observe_article(article_id, rows, articles.get(article_id), &run);
            Ok(())
        })?;
    }
    lap("names observed");
    catalog.prepare();
    let overrides = catalog.link_pending();
    let mut summary = DumpSummary {
        linked_surnames: overrides.iter().filter(|o| o.3 != catalog::LINK_KEPT).count() as u64,
        ..Default::default()
    };
    let rows: Vec<EntityLinkRow> = catalog
        .defaults()
        .into_iter()
        .map(|(entity_id, canonical_id, link)| EntityLinkRow {
            article_id: None,
            entity_id,
            canonical_id,
            link,
        })
        .chain(
            overrides
                .into_iter()
                .map(|(article_id, entity_id, canonical_id, link)| EntityLinkRow {
                    article_id: Some(article_id),
                    entity_id,
                    canonical_id,
                    link,
                }),
        )
        .collect();
    let staged = |table: &str| staging.join(target(table));
    summary.tables.push(write_table(
        &staged("entity_links"),
        "entity_links",
        format,
        &rows,
        frames::entity_links,
    )?);
    drop(rows);
    lap("entity rows linked");

    // Quotations: one pass over the quote rows; the ones with no speaker are kept to take the
    // quotation's speaker once every occurrence is counted.
    let mut quotations = Quotations::default();
    let mut unattributed: Vec<(String, String, String)> = Vec::new();
    for (file, fmt) in &quote_files {
        let articles = articles.of(dir, file, *fmt)?;
        for_each_quote(dir, file, *fmt, &catalog, articles, |q, quote_id, no_speaker| {
            if no_speaker {
                unattributed.push((q.article_id.to_string(), quote_id.to_string(), q.hash.to_string()));
            }
            quotations.add(q);
        })?;
    }
    let rows: Vec<QuoteLinkRow> = unattributed
        .into_iter()
        .filter_map(|(article_id, quote_id, hash)| {
            let (id, _) = quotations.dump_speaker(&hash)?;
            Some(QuoteLinkRow {
                article_id,
                quote_id,
                speaker_canonical_id: Some(id.to_string()),
                attribution: "dump".to_string(),
            })
        })
        .collect();
    summary.tables.push(write_table(
        &staged("quote_links"),
        "quote_links",
        format,
        &rows,
        frames::quote_links,
    )?);
    lap("quotes linked");
    let catalog_rows = catalog.rows();
    let names: FxHashMap<String, String> = catalog_rows
        .iter()
        .map(|r| (r.canonical_id.clone(), r.name.clone()))
        .collect();
    let quotation_rows = quotations.rows(&names);
    summary.tables.push(write_table(
        &staged("entity_catalog"),
        "entity_catalog",
        format,
        &catalog_rows,
        |r| frames::catalog(r, csv),
    )?);
    summary.tables.push(write_table(
        &staged("quotations"),
        "quotations",
        format,
        &quotation_rows,
        |r| frames::quotations(r, csv),
    )?);
    lap("catalog and quotations written");
    // Into place: each table by a rename, the link state last.
    for table in DUMP_TABLES {
        let to = dir.join(target(table));
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::rename(staging.join(target(table)), &to).map_err(io_err(&to))?;
    }
    if dataset {
        let mut state = catalog.state;
        for (file, _) in entity_files.iter().chain(&quote_files) {
            state.resolved_runs.insert(run_of(file));
        }
        let text = serde_json::to_string(&state).map_err(|e| DumpError::State(state_path.display().to_string(), e))?;
        let tmp = staging.join(LINK_STATE);
        fs::write(&tmp, text).map_err(io_err(&tmp))?;
        fs::rename(&tmp, &state_path).map_err(io_err(&state_path))?;
    }
    let _ = fs::remove_dir_all(&staging);
    summary.tables.sort();
    record_in_manifest(dir, &summary, clock.elapsed().as_secs_f64())?;
    Ok(summary)
}

/// Writes one dump table to `path`, `ROWS_PER_WRITE` rows at a time; returns its name and rows.
fn write_table<T>(
    path: &Path,
    table: &'static str,
    format: OutputFormat,
    rows: &[T],
    frame: impl Fn(&[T]) -> polars::prelude::PolarsResult<DataFrame>,
) -> Result<(String, u64), DumpError> {
    const ROWS_PER_WRITE: usize = 64 * 1024;
    let mut w = TableWriter::create(path, table, format, &frame(&[]).map_err(polars(table))?)?;
    for chunk in rows.chunks(ROWS_PER_WRITE) {
        w.write(&frame(chunk).map_err(polars(table))?)?;
    }
    let (name, n) = w.finish()?;
    Ok((name.to_string(), n))
}

/// Adds the dump step's tables, links and time to the run's manifest.json (when there is one),
/// replacing it whole.
fn record_in_manifest(dir: &Path, summary: &DumpSummary, seconds: f64) -> Result<(), DumpError> {
    let path = dir.join(crate::tables::writer::MANIFEST);
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(());
    };
    let Ok(mut manifest) = serde_json::from_str::<serde_json::Value>(&text) else {
        return Ok(());
    };
    let tables: serde_json::Map<String, serde_json::Value> = summary
        .tables
        .iter()
        .map(|(t, n)| (t.clone(), serde_json::json!({ "rows": n })))
        .collect();
    manifest["dump"] = serde_json::json!({
        "tables": tables,
        "linked_surnames": summary.linked_surnames,
        "seconds": seconds,
    });
    let tmp = dir.join(format!(".manifest-dump-{}.json", std::process::id()));
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| DumpError::State(path.display().to_string(), e))?;
    fs::write(&tmp, text + "\n").map_err(io_err(&tmp))?;
    fs::rename(&tmp, &path).map_err(io_err(&path))?;
    Ok(())
}

/// Drops the link decisions kept for a dataset's earlier runs (a run that replaces every
/// table starts afresh).
pub fn forget_decisions(dir: &Path) -> Result<(), DumpError> {
    let path = crate::tables::state::state_dir(dir).join(LINK_STATE);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(DumpError::Io(path.display().to_string(), e)),
        _ => Ok(()),
    }
}

fn polars(table: &'static str) -> impl Fn(PolarsError) -> OutputError {
    move |source| OutputError::Polars {
        table: table.to_string(),
        source,
    }
}

fn str_col(df: &DataFrame, name: &str) -> Result<Col, DumpError> {
    Col::of(df, name, &DataType::String)
}

fn load_state(path: &Path) -> Result<LinkState, DumpError> {
    match fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| DumpError::State(path.display().to_string(), e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LinkState::default()),
        Err(e) => Err(DumpError::Io(path.display().to_string(), e)),
    }
}

/// The articles of the last articles file read: the passes over a single-file run's tables
/// read it once.
#[derive(Default)]
struct ArticlesCache {
    path: Option<PathBuf>,
    map: FxHashMap<String, ArticleInfo>,
}

impl ArticlesCache {
    fn of(
        &mut self,
        dir: &Path,
        file: &Path,
        format: OutputFormat,
    ) -> Result<&FxHashMap<String, ArticleInfo>, DumpError> {
        let path = articles_path(file, format);
        if self.path.as_ref() != Some(&path) {
            self.map = articles_for(dir, &path, format)?;
            self.path = Some(path);
        }
        Ok(&self.map)
    }
}

/// The articles file beside a table file: `articles/<same path>` in a dataset, `articles.<ext>`
/// beside single files.
fn articles_path(file: &Path, format: OutputFormat) -> PathBuf {
    let mut components = file.components();
    let _table = components.next();
    let rest = components.as_path();
    if rest.as_os_str().is_empty() {
        PathBuf::from(format!("articles.{}", format.extension()))
    } else {
        Path::new("articles").join(rest)
    }
}

/// The articles whose rows a table file holds: the articles file at the same place
/// (`articles/<same path>` in a dataset, `articles.<ext>` beside single files).
fn articles_for(
    dir: &Path,
    articles: &Path,
    format: OutputFormat,
) -> Result<FxHashMap<String, ArticleInfo>, DumpError> {
    let mut map = FxHashMap::default();
    if !dir.join(articles).is_file() {
        return Ok(map);
    }
    for_each_slice(
        dir,
        articles,
        format,
        &["article_id", "published", "duplicate_of", "outlet"],
        |df| {
            let (aid, dup, outlet) = (
                str_col(df, "article_id")?,
                str_col(df, "duplicate_of")?,
                str_col(df, "outlet")?,
            );
            let (aid, dup, outlet) = (aid.str()?, dup.str()?, outlet.str()?);
            let published = published_micros(df)?;
            for i in 0..df.height() {
                let Some(a) = aid[i] else { continue };
                map.insert(
                    a.to_string(),
                    ArticleInfo {
                        micros: published[i],
                        month: published[i].and_then(names::month_of),
                        original: dup[i].filter(|d| !d.is_empty()).map(str::to_string),
                        outlet: outlet[i].filter(|o| !o.is_empty()).map(str::to_string),
                    },
                );
            }
            Ok(())
        },
    )?;
    Ok(map)
}

/// One entities row, owned, while its article's rows are gathered.
struct OwnedEntity {
    entity_id: String,
    name: String,
    ty: String,
    mentions: u32,
    n_quotes: u32,
    aliases: Vec<String>,
}

/// Calls `each` with the rows of each article of an entities file in turn (an article's rows
/// are written together).
fn for_each_article(
    dir: &Path,
    file: &Path,
    format: OutputFormat,
    mut each: impl FnMut(&str, &[EntityRef]) -> Result<(), DumpError>,
) -> Result<(), DumpError> {
    // The last article of a slice may go on in the next: its rows are carried over, owned.
    let mut carry_id = String::new();
    let mut carry: Vec<OwnedEntity> = Vec::new();
    fn refs(rows: &[OwnedEntity]) -> Vec<EntityRef<'_>> {
        rows.iter()
            .map(|r| EntityRef {
                entity_id: &r.entity_id,
                name: &r.name,
                ty: &r.ty,
                mentions: r.mentions,
                n_quotes: r.n_quotes,
                aliases: &r.aliases,
            })
            .collect()
    }
    let columns = [
        "article_id",
        "entity_id",
        "name",
        "type",
        "mentions",
        "n_quotes",
        "aliases",
    ];
    for_each_slice(dir, file, format, &columns, |df| {
        let cols: Vec<Col> = columns[..4].iter().map(|c| str_col(df, c)).collect::<Result<_, _>>()?;
        let v: Vec<Vec<Option<&str>>> = cols.iter().map(|c| c.str()).collect::<Result<_, _>>()?;
        let mentions = Col::of(df, "mentions", &DataType::UInt32)?;
        let n_quotes = Col::of(df, "n_quotes", &DataType::UInt32)?;
        let (mentions, n_quotes) = (mentions.u32()?, n_quotes.u32()?);
        let aliases = read::other_aliases(df, &v[2])?;
        let row = |i: usize| -> Option<(&str, EntityRef)> {
            let (Some(a), Some(e), Some(n), Some(t)) = (v[0][i], v[1][i], v[2][i], v[3][i]) else {
                return None;
            };
            Some((
                a,
                EntityRef {
                    entity_id: e,
                    name: n,
                    ty: t,
                    mentions: mentions[i].unwrap_or(1),
                    n_quotes: n_quotes[i].unwrap_or(0),
                    aliases: &aliases[i],
                },
            ))
        };
        let mut group: Vec<EntityRef> = Vec::new();
        let mut group_id: Option<&str> = None;
        for i in 0..df.height() {
            let Some((a, r)) = row(i) else { continue };
            if group_id != Some(a) {
                if let Some(id) = group_id {
                    if id == carry_id && !carry.is_empty() {
                        let mut all = refs(&carry);
                        all.extend(group.iter().copied());
                        each(id, &all)?;
                        drop(all);
                        carry.clear();
                    } else {
                        if !carry.is_empty() {
                            each(&carry_id, &refs(&carry))?;
                            carry.clear();
                        }
                        each(id, &group)?;
                    }
                    group.clear();
                }
                group_id = Some(a);
            }
            group.push(r);
        }
        if let Some(id) = group_id {
            if id != carry_id && !carry.is_empty() {
                each(&carry_id, &refs(&carry))?;
                carry.clear();
            }
            carry_id = id.to_string();
            carry.extend(group.iter().map(|r| OwnedEntity {
                entity_id: r.entity_id.to_string(),
                name: r.name.to_string(),
                ty: r.ty.to_string(),
                mentions: r.mentions,
                n_quotes: r.n_quotes,
                aliases: r.aliases.to_vec(),
            }));
        }
        Ok(())
    })?;
    if !carry.is_empty() {
        each(&carry_id, &refs(&carry))?;
    }
    Ok(())
}

/// Speaker kinds whose name is a name: a person, an organization or an outlet.
fn named_kind(kind: &str) -> bool {
    matches!(kind, "person" | "organization" | "media")
}

/// Calls `each` with every quote row of one file: the occurrence (its speaker resolved through
/// the catalog, except in copies, whose speakers count for nothing), its quote_id, and whether
/// it names no speaker that could take the quotation's (the writer's own voice and anonymous
/// sources never take one).
fn for_each_quote(
    dir: &Path,
    file: &Path,
    format: OutputFormat,
    catalog: &Catalog,
    articles: &FxHashMap<String, ArticleInfo>,
    mut each: impl FnMut(Occurrence, &str, bool),
) -> Result<(), DumpError> {
    let columns = [
        "article_id",
        "quote_id",
        "quote_hash",
        "text",
        "speaker_name",
        "speaker_entity_id",
        "speaker_kind",
        "confidence",
    ];
    for_each_slice(dir, file, format, &columns, |df| {
        let cols: Vec<Col> = columns[..7].iter().map(|c| str_col(df, c)).collect::<Result<_, _>>()?;
        let v: Vec<Vec<Option<&str>>> = cols.iter().map(|c| c.str()).collect::<Result<_, _>>()?;
        let confidence = Col::of(df, "confidence", &DataType::Float32)?;
        let confidence = confidence.f32()?;
        for i in 0..df.height() {
            let (Some(aid), Some(qid), Some(hash)) = (v[0][i], v[1][i], v[2][i]) else {
                continue;
            };
            let article = articles.get(aid);
            let copy = article.is_some_and(ArticleInfo::is_copy);
            let kind = v[6][i].unwrap_or("unknown");
            let entity = v[5][i].filter(|e| !e.is_empty());
            let name = v[4][i].filter(|n| named_kind(kind) && !n.is_empty());
            let speaker = match (entity, name, copy) {
                (_, _, true) => None,
                (Some(eid), _, _) => catalog
                    .resolve_entity(eid, aid)
                    .map(|id| (id, v[4][i].unwrap_or_default().to_string())),
                (None, Some(name), _) => Some((catalog.resolve_name(name, aid), name.to_string())),
                (None, None, _) => None,
            };
            let unattributed = entity.is_none() && name.is_none() && !matches!(kind, "author" | "anonymous");
            each(
                Occurrence {
                    hash,
                    text: v[3][i].unwrap_or_default(),
                    article_id: aid,
                    micros: article.and_then(|a| a.micros),
                    duplicate: copy,
                    outlet: article.and_then(|a| a.outlet.as_deref()),
                    speaker,
                    confidence: confidence[i].unwrap_or(0.0),
                },
                qid,
                unattributed,
            );
        }
        Ok(())
    })
}
