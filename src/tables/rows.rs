//! One plain row struct per output table; offsets are already code points into the original.

use std::sync::Arc;

/// An id repeated on many rows (the article's, an entity's): shared, not copied per row,
/// which saves millions of small allocations on a large run.
pub type SharedId = Arc<str>;

#[derive(Debug, Clone, Default)]
pub struct ArticleRow {
    pub article_id: String,
    pub source_file: String,
    pub record_no: u64,
    /// The canonical outlet (`extract::outlet`); the input's value is `outlet_raw`.
    pub outlet: Option<String>,
    pub outlet_domain: Option<String>,
    pub outlet_raw: Option<String>,
    pub url: Option<String>,
    pub published: Option<i64>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub wire_agency: Option<String>,
    pub dateline: Option<String>,
    /// Language the page declares (HTML and WARC input).
    pub language: Option<String>,
    pub n_chars: u32,
    pub n_words: u32,
    pub n_paragraphs: u32,
    pub n_duplicate_paragraphs: u32,
    pub n_quotes: u32,
    pub n_entities: u32,
    pub n_sources: u32,
    pub content_hash: String,
    pub duplicate_of: Option<String>,
}

#[derive(Debug, Clone)]
pub struct QuoteRow {
    pub quote_id: String,
    pub article_id: SharedId,
    pub quote_type: &'static str,
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub paragraph_index: u32,
    pub speaker: Option<String>,
    pub speaker_start: Option<u32>,
    pub speaker_end: Option<u32>,
    pub speaker_name: Option<String>,
    pub speaker_title: Option<String>,
    pub speaker_entity_id: Option<SharedId>,
    pub speaker_kind: &'static str,
    pub cue: Option<String>,
    pub cue_start: Option<u32>,
    pub cue_end: Option<u32>,
    pub attribution: &'static str,
    /// The rule that made the row: `direct.trailing_cue`, `reported.according_to`, ...
    pub rule: &'static str,
    pub confidence: f32,
    pub in_duplicate_paragraph: bool,
    pub quote_hash: String,
}

#[derive(Debug, Clone)]
pub struct EntityRow {
    pub entity_id: SharedId,
    pub article_id: SharedId,
    pub name: String,
    pub entity_type: &'static str,
    pub mentions: u32,
    pub first_start: u32,
    pub aliases: Vec<String>,
    pub is_speaker: bool,
    pub n_quotes: u32,
}

#[derive(Debug, Clone)]
pub struct MentionRow {
    pub article_id: SharedId,
    pub entity_id: SharedId,
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub entity_type: &'static str,
    /// The rule that gave the mention its span or type (`model`, a post-rule's name, ...).
    pub rule: &'static str,
}

#[derive(Debug, Clone)]
pub struct SourceRow {
    pub source_id: String,
    pub article_id: SharedId,
    pub name: String,
    pub kind: &'static str,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub entity_id: Option<SharedId>,
    pub n_direct: u32,
    pub n_indirect: u32,
    pub gender: Option<&'static str>,
    pub gender_evidence: Option<&'static str>,
    pub first_start: u32,
}

/// The text an article's offsets refer to, when newsframe extracted it (HTML, WARC) or was
/// asked to keep it (`--with-text`).
#[derive(Debug, Clone)]
pub struct TextRow {
    pub article_id: String,
    pub text: String,
}

/// A row that belongs to one article.
pub trait OfArticle {
    fn article_id(&self) -> &str;
}

macro_rules! of_article {
    ($($row:ty),*) => {
        $(impl OfArticle for $row {
            fn article_id(&self) -> &str {
                &self.article_id
            }
        })*
    };
}

of_article!(ArticleRow, QuoteRow, EntityRow, MentionRow, SourceRow, TextRow);

/// All rows of one batch, table by table.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: Vec<ArticleRow>,
    pub quotes: Vec<QuoteRow>,
    pub entities: Vec<EntityRow>,
    pub mentions: Vec<MentionRow>,
    pub sources: Vec<SourceRow>,
    pub texts: Vec<TextRow>,
    pub rejects: Vec<crate::input::Reject>,
}
