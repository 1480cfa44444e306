//! Field mapping: which input field holds the text, date, outlet, ... of an article. The
//! defaults cover news-please, newspaper4k, trafilatura, cc_news, All-the-News and plain dumps
//! with no flags; `--field NAME=COLUMN` overrides one logical field.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde_json::{Map, Value};

use super::dates::parse_timestamp_us;
use super::{Article, RecordPos, Reject};

/// The logical fields newsframe reads from every record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Id,
    Url,
    Outlet,
    Published,
    Title,
    Byline,
}

impl Field {
    pub fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "text" => Field::Text,
            "id" => Field::Id,
            "url" => Field::Url,
            "outlet" | "source" => Field::Outlet,
            "published" | "date" => Field::Published,
            "title" => Field::Title,
            "byline" | "author" => Field::Byline,
            _ => return None,
        })
    }
}

/// Candidate input names per logical field, tried in order; the first non-null value wins.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldMap {
    text: Vec<String>,
    id: Vec<String>,
    url: Vec<String>,
    outlet: Vec<String>,
    published: Vec<String>,
    title: Vec<String>,
    byline: Vec<String>,
    /// The `--field NAME=COLUMN` overrides, checked against each record's columns.
    #[serde(skip)]
    overrides: Vec<(&'static str, String)>,
    /// Set once an override was found missing from a record: the warning is said once per
    /// run, not once per record (clones of the map share it).
    #[serde(skip)]
    warned_missing: Arc<AtomicBool>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            text: names(&["text", "maintext", "content", "article", "body"]),
            id: names(&["id", "article_id", "_id", "uuid"]),
            // `source` is a URL in trafilatura's JSON and an outlet name in plain dumps:
            // the value decides (see `looks_like_url`).
            url: names(&["url", "canonical_link", "link", "source"]),
            outlet: names(&[
                "source",
                "outlet",
                "source_domain",
                "publication",
                "meta_site_name",
                "source-hostname",
                "sitename",
                "publisher",
                "hostname",
                "domain",
            ]),
            published: names(&[
                "published",
                "date_publish",
                "publish_date",
                "published_at",
                "date",
                "pubdate",
                "datetime",
            ]),
            title: names(&["title"]),
            // The Guardian's Content API nests the byline in `fields`; dumps of it, in `meta`.
            byline: names(&["byline", "authors", "author", "fields.byline", "meta.byline"]),
            overrides: Vec::new(),
            warned_missing: Arc::default(),
        }
    }
}

impl FieldMap {
    /// Replaces the candidates of one logical field by a single input name.
    pub fn set(&mut self, field: Field, input_name: &str) {
        let (slot, name) = match field {
            Field::Text => (&mut self.text, "text"),
            Field::Id => (&mut self.id, "id"),
            Field::Url => (&mut self.url, "url"),
            Field::Outlet => (&mut self.outlet, "outlet"),
            Field::Published => (&mut self.published, "published"),
            Field::Title => (&mut self.title, "title"),
            Field::Byline => (&mut self.byline, "byline"),
        };
        *slot = vec![input_name.to_string()];
        self.overrides.retain(|(n, _)| *n != name);
        self.overrides.push((name, input_name.to_string()));
    }

    /// The first `--field` override that this record has no column for, as a warning that
    /// names the columns it does have; `None` when every override is found (or was already
    /// warned about). A misspelt column otherwise shows only as rejects or empty columns.
    pub fn missing_override(&self, fields: &Map<String, Value>, pos: &RecordPos) -> Option<String> {
        // Once said, no record needs the look-ups again.
        if self.warned_missing.load(Ordering::Relaxed) {
            return None;
        }
        let (name, column) = self.overrides.iter().find(|(_, c)| lookup(fields, c).is_none())?;
        if self.warned_missing.swap(true, Ordering::Relaxed) {
            return None;
        }
        let mut has: Vec<&str> = fields.keys().map(String::as_str).collect();
        has.sort_unstable();
        Some(format!(
            "--field {name}={column}: {} record {} has no column '{column}'; its columns are: {}",
            pos.source_file,
            pos.record_no,
            has.join(", ")
        ))
    }

    /// Turns one record's fields into an article, or says why it cannot.
    /// `excerpt` renders the raw record, called only if it is rejected.
    pub fn to_article(
        &self,
        fields: &Map<String, Value>,
        pos: RecordPos,
        excerpt: impl FnOnce() -> String,
    ) -> Result<Article, Reject> {
        if !self.overrides.is_empty() {
            if let Some(warning) = self.missing_override(fields, &pos) {
                log::warn!("{warning}");
            }
        }
        let text = match self.find_text(fields) {
            Ok(text) => text,
            Err(reason) => return Err(Reject::new(&pos, reason, &excerpt())),
        };
        let url = self.first(fields, &self.url, looks_like_url);
        let outlet = self.first(fields, &self.outlet, |v| !looks_like_url(v));
        Ok(Article {
            id: self.first(fields, &self.id, |_| true),
            text,
            url,
            outlet,
            published: self
                .first(fields, &self.published, |_| true)
                .and_then(|d| parse_timestamp_us(&d)),
            title: self.first(fields, &self.title, |_| true),
            byline: self.first(fields, &self.byline, |_| true),
            language: None,
            extracted: false,
            pos,
        })
    }

    fn find_text(&self, fields: &Map<String, Value>) -> Result<String, String> {
        let mut empty_field = None;
        for name in &self.text {
            match fields.get(name).and_then(value_to_string) {
                Some(text) if !text.trim().is_empty() => return Ok(text),
                Some(_) => empty_field = empty_field.or(Some(name)),
                None if matches!(fields.get(name), Some(Value::String(_))) => empty_field = empty_field.or(Some(name)),
                None => {}
            }
        }
        Err(match empty_field {
            Some(name) => format!("empty text (field '{name}')"),
            None => format!("no text field (looked for {})", self.text.join(", ")),
        })
    }

    fn first(
        &self,
        fields: &Map<String, Value>,
        candidates: &[String],
        accept: impl Fn(&str) -> bool,
    ) -> Option<String> {
        candidates
            .iter()
            .filter_map(|name| lookup(fields, name).and_then(value_to_string))
            .find(|v| !v.trim().is_empty() && accept(v))
    }
}

/// A field by name, or by a dotted path into nested objects ("meta.byline") when no field has
/// the whole name.
fn lookup<'v>(fields: &'v Map<String, Value>, name: &str) -> Option<&'v Value> {
    if let Some(v) = fields.get(name) {
        return Some(v);
    }
    let (head, rest) = name.split_once('.')?;
    match fields.get(head)? {
        Value::Object(inner) => lookup(inner, rest),
        _ => None,
    }
}

fn looks_like_url(value: &str) -> bool {
    value.starts_with("http://") || value.starts_with("https://")
}

/// A field value as text: strings as they are, numbers printed, lists of strings joined by
/// ", " (author lists). Null and the string "None" are absent.
fn value_to_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if s == "None" || s == "null" || s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(value_to_string).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    fn pos() -> RecordPos {
        RecordPos {
            source_file: "f.jsonl".into(),
            record_no: 3,
            byte_offset: Some(10),
        }
    }

    #[test]
    fn news_please_uses_maintext_when_text_is_null() {
        let rec = map(
            json!({"text": null, "maintext": "Body here.", "date_publish": "2019-11-19 13:03:00",
            "source_domain": "www.wsj.com", "authors": ["A B", "C D"], "url": "https://x.com/a"}),
        );
        let a = FieldMap::default()
            .to_article(&rec, pos(), String::new)
            .expect("article");
        assert_eq!(a.text, "Body here.");
        assert_eq!(a.outlet.as_deref(), Some("www.wsj.com"));
        assert_eq!(a.byline.as_deref(), Some("A B, C D"));
        assert!(a.published.is_some());
    }

    #[test]
    fn a_nested_byline_is_found_by_its_path() {
        let rec = map(json!({"text": "T", "meta": {"section": "World", "byline": "Ane Berg"}}));
        let a = FieldMap::default()
            .to_article(&rec, pos(), String::new)
            .expect("article");
        assert_eq!(a.byline.as_deref(), Some("Ane Berg"));
        let mut fields = FieldMap::default();
        fields.set(Field::Title, "meta.section");
        let a = fields.to_article(&rec, pos(), String::new).expect("article");
        assert_eq!(a.title.as_deref(), Some("World"));
    }

    #[test]
    fn trafilatura_source_is_url_not_outlet() {
        let rec = map(
            json!({"text": "T", "source": "https://wsj.com/x", "source-hostname": "Wall Street Journal",
            "hostname": "wsj.com"}),
        );
        let a = FieldMap::default()
            .to_article(&rec, pos(), String::new)
            .expect("article");
        assert_eq!(a.url.as_deref(), Some("https://wsj.com/x"));
        assert_eq!(a.outlet.as_deref(), Some("Wall Street Journal"));
    }

    #[test]
    fn a_missing_field_override_is_named_once_with_the_columns_there_are() {
        let mut fm = FieldMap::default();
        fm.set(Field::Text, "nothere");
        let rec = map(json!({"id": "a", "body": "Some text."}));
        let warning = fm.missing_override(&rec, &pos()).expect("warning");
        assert!(warning.starts_with("--field text=nothere: "), "{warning}");
        assert!(
            warning.ends_with("has no column 'nothere'; its columns are: body, id"),
            "{warning}"
        );
        assert_eq!(fm.clone().missing_override(&rec, &pos()), None, "said once per run");
        let mut found = FieldMap::default();
        found.set(Field::Text, "body");
        assert_eq!(found.missing_override(&rec, &pos()), None);
    }

    #[test]
    fn missing_and_empty_text_are_told_apart() {
        let fm = FieldMap::default();
        let none = fm
            .to_article(&map(json!({"title": "x"})), pos(), String::new)
            .expect_err("reject");
        assert_eq!(
            none.reason,
            "no text field (looked for text, maintext, content, article, body)"
        );
        let empty = fm
            .to_article(&map(json!({"text": "  "})), pos(), String::new)
            .expect_err("reject");
        assert_eq!(empty.reason, "empty text (field 'text')");
    }

    #[test]
    fn override_replaces_candidates() {
        let mut fm = FieldMap::default();
        fm.set(Field::Text, "body_html");
        let a = fm
            .to_article(&map(json!({"body_html": "B", "text": "T"})), pos(), String::new)
            .expect("article");
        assert_eq!(a.text, "B");
    }
}
