//! Rows to polars DataFrames, column by column, with the schema's types: uint32 offsets,
//! timestamp(us, UTC), bool, list<string> (a JSON-array string in CSV, which has no lists).

use polars::prelude::*;

use super::rows::{ArticleRow, EntityRow, MentionRow, QuoteRow, SourceRow, TextRow};
use crate::input::Reject;

pub(crate) fn s<'a, T: 'a>(name: &str, rows: &'a [T], f: impl Fn(&'a T) -> &'a str) -> Column {
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<&str>>())
}
pub(crate) fn os<'a, T: 'a>(name: &str, rows: &'a [T], f: impl Fn(&'a T) -> Option<&'a str>) -> Column {
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<Option<&str>>>())
}
/// A column of one value per row, of any type polars builds a column from (`u32`,
/// `Option<f32>`, `bool`, ...).
pub(crate) fn values<T, V>(name: &str, rows: &[T], f: impl Fn(&T) -> V) -> Column
where
    Series: NamedFrom<Vec<V>, [V]>,
{
    Column::new(name.into(), rows.iter().map(f).collect::<Vec<V>>())
}
fn u32c<T>(name: &str, rows: &[T], f: impl Fn(&T) -> u32) -> Column {
    values(name, rows, f)
}
fn ou32<T>(name: &str, rows: &[T], f: impl Fn(&T) -> Option<u32>) -> Column {
    values(name, rows, f)
}
fn b<T>(name: &str, rows: &[T], f: impl Fn(&T) -> bool) -> Column {
    values(name, rows, f)
}

pub(crate) fn timestamp_column(name: &str, values: Vec<Option<i64>>) -> PolarsResult<Column> {
    // Built as a typed array rather than cast: a cast of an all-null column drops the zone.
    let micros: Int64Chunked = values.into_iter().collect();
    Ok(micros
        .with_name(name.into())
        .into_datetime(TimeUnit::Microseconds, Some(TimeZone::UTC))
        .into_series()
        .into())
}

/// Lists as JSON-array strings, for CSV, which has no lists.
pub(crate) fn json_lists<T: serde::Serialize>(name: &str, lists: &[&[T]]) -> Column {
    let json: Vec<String> = lists
        .iter()
        .map(|l| serde_json::to_string(l).unwrap_or_else(|_| "[]".into()))
        .collect();
    Column::new(name.into(), json)
}

pub(crate) fn list_column(name: &str, lists: Vec<&[String]>, csv: bool) -> PolarsResult<Column> {
    if csv {
        return Ok(json_lists(name, &lists));
    }
    let values: usize = lists.iter().map(|l| l.len()).sum();
    let mut builder = ListStringChunkedBuilder::new(name.into(), lists.len(), values);
    for l in lists {
        builder.append_values_iter(l.iter().map(String::as_str));
    }
    Ok(builder.finish().into_series().into())
}

/// A list<float32> column (a JSON-array string in CSV).
pub(crate) fn list_f32_column(name: &str, lists: Vec<&[f32]>, csv: bool) -> PolarsResult<Column> {
    if csv {
        return Ok(json_lists(name, &lists));
    }
    let values: usize = lists.iter().map(|l| l.len()).sum();
    let mut builder =
        ListPrimitiveChunkedBuilder::<Float32Type>::new(name.into(), lists.len(), values, DataType::Float32);
    for l in lists {
        builder.append_slice(l);
    }
    Ok(builder.finish().into_series().into())
}

pub fn articles(rows: &[ArticleRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("article_id", rows, |r| &r.article_id),
            s("source_file", rows, |r| &r.source_file),
            Column::new(
                "record_no".into(),
                rows.iter().map(|r| r.record_no).collect::<Vec<u64>>(),
            ),
            os("outlet", rows, |r| r.outlet.as_deref()),
            os("outlet_domain", rows, |r| r.outlet_domain.as_deref()),
            os("outlet_raw", rows, |r| r.outlet_raw.as_deref()),
            os("url", rows, |r| r.url.as_deref()),
            timestamp_column("published", rows.iter().map(|r| r.published).collect())?,
            os("title", rows, |r| r.title.as_deref()),
            os("byline", rows, |r| r.byline.as_deref()),
            os("wire_agency", rows, |r| r.wire_agency.as_deref()),
            os("dateline", rows, |r| r.dateline.as_deref()),
            os("language", rows, |r| r.language.as_deref()),
            u32c("n_chars", rows, |r| r.n_chars),
            u32c("n_words", rows, |r| r.n_words),
            u32c("n_paragraphs", rows, |r| r.n_paragraphs),
            u32c("n_duplicate_paragraphs", rows, |r| r.n_duplicate_paragraphs),
            u32c("n_quotes", rows, |r| r.n_quotes),
            u32c("n_entities", rows, |r| r.n_entities),
            u32c("n_sources", rows, |r| r.n_sources),
            s("content_hash", rows, |r| &r.content_hash),
            os("duplicate_of", rows, |r| r.duplicate_of.as_deref()),
        ],
    )
}

pub fn quotes(rows: &[QuoteRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("quote_id", rows, |r| &r.quote_id),
            s("article_id", rows, |r| &r.article_id),
            s("quote_type", rows, |r| r.quote_type),
            s("text", rows, |r| &r.text),
            u32c("start", rows, |r| r.start),
            u32c("end", rows, |r| r.end),
            u32c("paragraph_index", rows, |r| r.paragraph_index),
            os("speaker", rows, |r| r.speaker.as_deref()),
            ou32("speaker_start", rows, |r| r.speaker_start),
            ou32("speaker_end", rows, |r| r.speaker_end),
            os("speaker_name", rows, |r| r.speaker_name.as_deref()),
            os("speaker_title", rows, |r| r.speaker_title.as_deref()),
            os("speaker_entity_id", rows, |r| r.speaker_entity_id.as_deref()),
            s("speaker_kind", rows, |r| r.speaker_kind),
            os("cue", rows, |r| r.cue.as_deref()),
            ou32("cue_start", rows, |r| r.cue_start),
            ou32("cue_end", rows, |r| r.cue_end),
            s("attribution", rows, |r| r.attribution),
            s("rule", rows, |r| r.rule),
            Column::new(
                "confidence".into(),
                rows.iter().map(|r| r.confidence).collect::<Vec<f32>>(),
            ),
            b("in_duplicate_paragraph", rows, |r| r.in_duplicate_paragraph),
            s("quote_hash", rows, |r| &r.quote_hash),
        ],
    )
}

pub fn entities(rows: &[EntityRow], csv: bool) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("entity_id", rows, |r| &r.entity_id),
            s("article_id", rows, |r| &r.article_id),
            s("name", rows, |r| &r.name),
            s("type", rows, |r| r.entity_type),
            u32c("mentions", rows, |r| r.mentions),
            u32c("first_start", rows, |r| r.first_start),
            list_column("aliases", rows.iter().map(|r| r.aliases.as_slice()).collect(), csv)?,
            b("is_speaker", rows, |r| r.is_speaker),
            u32c("n_quotes", rows, |r| r.n_quotes),
        ],
    )
}

pub fn mentions(rows: &[MentionRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("article_id", rows, |r| &r.article_id),
            s("entity_id", rows, |r| &r.entity_id),
            u32c("start", rows, |r| r.start),
            u32c("end", rows, |r| r.end),
            s("text", rows, |r| &r.text),
            s("type", rows, |r| r.entity_type),
            s("rule", rows, |r| r.rule),
        ],
    )
}

pub fn sources(rows: &[SourceRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("source_id", rows, |r| &r.source_id),
            s("article_id", rows, |r| &r.article_id),
            s("name", rows, |r| &r.name),
            s("kind", rows, |r| r.kind),
            os("title", rows, |r| r.title.as_deref()),
            os("affiliation", rows, |r| r.affiliation.as_deref()),
            os("entity_id", rows, |r| r.entity_id.as_deref()),
            u32c("n_direct", rows, |r| r.n_direct),
            u32c("n_indirect", rows, |r| r.n_indirect),
            os("gender", rows, |r| r.gender),
            os("gender_evidence", rows, |r| r.gender_evidence),
            u32c("first_start", rows, |r| r.first_start),
        ],
    )
}

pub fn texts(rows: &[TextRow]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![s("article_id", rows, |r| &r.article_id), s("text", rows, |r| &r.text)],
    )
}

pub fn rejects(rows: &[Reject]) -> PolarsResult<DataFrame> {
    DataFrame::new(
        rows.len(),
        vec![
            s("source_file", rows, |r| &r.source_file),
            Column::new(
                "record_no".into(),
                rows.iter().map(|r| r.record_no).collect::<Vec<u64>>(),
            ),
            Column::new(
                "byte_offset".into(),
                rows.iter().map(|r| r.byte_offset).collect::<Vec<Option<u64>>>(),
            ),
            s("reason", rows, |r| &r.reason),
            s("excerpt", rows, |r| &r.excerpt),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::super::schema::TABLES;
    use super::*;

    fn names(df: &DataFrame) -> Vec<String> {
        df.get_column_names().iter().map(|n| n.to_string()).collect()
    }

    fn spec(table: &str) -> Vec<String> {
        TABLES
            .iter()
            .find(|t| t.name == table)
            .map(|t| t.columns.iter().map(|c| c.name.to_string()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn frames_match_the_schema_columns() -> PolarsResult<()> {
        assert_eq!(names(&articles(&[])?), spec("articles"));
        assert_eq!(names(&quotes(&[])?), spec("quotes"));
        assert_eq!(names(&entities(&[], false)?), spec("entities"));
        assert_eq!(names(&mentions(&[])?), spec("entity_mentions"));
        assert_eq!(names(&sources(&[])?), spec("sources"));
        assert_eq!(names(&texts(&[])?), spec("texts"));
        assert_eq!(names(&rejects(&[])?), spec("rejects"));
        Ok(())
    }

    #[test]
    fn types_are_real_types() -> PolarsResult<()> {
        let df = articles(&[])?;
        assert_eq!(
            df.column("published")?.dtype(),
            &DataType::Datetime(TimeUnit::Microseconds, Some(TimeZone::UTC))
        );
        assert_eq!(df.column("n_chars")?.dtype(), &DataType::UInt32);
        let e = entities(&[], false)?;
        assert_eq!(
            e.column("aliases")?.dtype(),
            &DataType::List(Box::new(DataType::String))
        );
        Ok(())
    }
}
