//! Extraction: what an article's text says — entities, quotes with speakers, sources, and
//! article-level credits. Every extractor is a pure function of an [`crate::text::ArticleText`].

pub mod entities;
pub mod ner;
pub mod outlet;
pub mod quotes;
pub mod sources;
pub mod wire;
