//! The dump-level tables as DataFrames, with the types `tables::schema::DUMP_TABLES` gives.

use polars::prelude::*;

use super::catalog::CatalogRow;
use super::quotations::QuotationRow;
use crate::tables::frames::{list_column, list_f32_column, os, s, timestamp_column, values};

/// An entity id's catalog entry (`article_id` None), or one article's row's entry where it
/// differs.
#[derive(Debug, Clone)]
pub struct EntityLinkRow {
    pub article_id: Option<String>,
    pub entity_id: String,
    pub canonical_id: String,
    pub link: &'static str,
}

/// A quote with no speaker of its own that takes its quotation's (`attribution = 'dump'`).
#[derive(Debug, Clone)]
pub struct QuoteLinkRow {
    pub article_id: String,
    pub quote_id: String,
    pub speaker_canonical_id: Option<String>,
    pub attribution: String,
}

fn u64c<T>(name: &str, rows: &[T], f: impl Fn(&T) -> u64) -> Column {
    values(name, rows, f)
}

pub fn catalog(rows: &[CatalogRow], csv: bool) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("canonical_id", rows, |r| &r.canonical_id),
            s("name", rows, |r| &r.name),
            s("type", rows, |r| &r.entity_type),
            list_column("aliases", rows.iter().map(|r| r.aliases.as_slice()).collect(), csv)?,
            u64c("n_articles", rows, |r| r.n_articles),
            u64c("n_mentions", rows, |r| r.n_mentions),
            u64c("n_quotes", rows, |r| r.n_quotes),
            timestamp_column("first_seen", rows.iter().map(|r| r.first_seen).collect())?,
            timestamp_column("last_seen", rows.iter().map(|r| r.last_seen).collect())?,
        ],
    )
}

pub fn entity_links(rows: &[EntityLinkRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            os("article_id", rows, |r| r.article_id.as_deref()),
            s("entity_id", rows, |r| &r.entity_id),
            s("canonical_id", rows, |r| &r.canonical_id),
            s("link", rows, |r| r.link),
        ],
    )
}

pub fn quotations(rows: &[QuotationRow], csv: bool) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("quote_hash", rows, |r| &r.quote_hash),
            s("text", rows, |r| &r.text),
            timestamp_column("first_seen", rows.iter().map(|r| r.first_seen).collect())?,
            u64c("n_articles", rows, |r| r.n_articles),
            u64c("n_outlets", rows, |r| r.n_outlets),
            u64c("n_occurrences", rows, |r| r.n_occurrences),
            os("speaker", rows, |r| r.speaker.as_deref()),
            os("speaker_canonical_id", rows, |r| r.speaker_canonical_id.as_deref()),
            values::<_, Option<f32>>("speaker_probability", rows, |r| r.speaker_probability),
            list_column(
                "speaker_candidates",
                rows.iter().map(|r| r.speaker_candidates.as_slice()).collect(),
                csv,
            )?,
            list_f32_column(
                "speaker_candidate_probabilities",
                rows.iter()
                    .map(|r| r.speaker_candidate_probabilities.as_slice())
                    .collect(),
                csv,
            )?,
        ],
    )
}

pub fn quote_links(rows: &[QuoteLinkRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("article_id", rows, |r| &r.article_id),
            s("quote_id", rows, |r| &r.quote_id),
            os("speaker_canonical_id", rows, |r| r.speaker_canonical_id.as_deref()),
            s("attribution", rows, |r| &r.attribution),
        ],
    )
}
