//! newsframe: news article dumps in, analytics tables out.
//!
//! An article's path through the crate is its layout: [`input`] finds and reads records,
//! [`text`] normalizes and segments, [`extract`] finds entities, quotes and sources,
//! [`tables`] turns rows into Parquet/CSV, and [`pipeline`] runs batches in parallel and keeps
//! the accounting. [`process_article`] is the whole per-article step, usable on its own.

pub mod dump;
pub mod eval;
pub mod extract;
#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod lexicon;
pub mod pipeline;
pub mod shard;
pub mod tables;
pub mod text;

#[cfg(test)]
mod properties;

use xxhash_rust::xxh3::xxh3_64;

use extract::entities::EntityTagger;
use extract::quotes::SpeakerKind;
use input::Article;
use lexicon::Lexicon;
use tables::{ArticleRow, EntityRow, MentionRow, QuoteRow, SharedId, SourceRow};
use text::ArticleText;

/// Every row one article gives, before run-level deduplication fills `duplicate_of`.
#[derive(Debug)]
pub struct ArticleRows {
    pub article: ArticleRow,
    pub quotes: Vec<QuoteRow>,
    pub entities: Vec<EntityRow>,
    pub mentions: Vec<MentionRow>,
    pub sources: Vec<SourceRow>,
}

/// A stable short id: hex of a 64-bit hash of the parts, separated so that ("ab","c") and
/// ("a","bc") differ.
pub fn stable_id(parts: &[&str]) -> String {
    format!("{:016x}", xxh3_64(parts.join("\u{1f}").as_bytes()))
}

/// The article's id: its own, else a hash of its URL, else of its place in the input.
pub fn article_id(article: &Article) -> String {
    match (&article.id, &article.url) {
        (Some(id), _) => id.clone(),
        (None, Some(url)) => stable_id(&["url", url]),
        (None, None) => stable_id(&["pos", &article.pos.source_file, &article.pos.record_no.to_string()]),
    }
}

/// Hash of the lowercased words joined by single spaces.
fn text_hash(text: &str) -> String {
    let words = text::lowercase_words(text);
    format!("{:016x}", xxh3_64(words.strip_suffix(b" ").unwrap_or(&words)))
}

/// Runs every extractor on one article and builds its rows, with the default entity tagger.
pub fn process_article(article: &Article, lex: &Lexicon) -> ArticleRows {
    process_article_with(article, lex, EntityTagger::default())
}

/// Runs every extractor on one article and builds its rows.
pub fn process_article_with(article: &Article, lex: &Lexicon, tagger: EntityTagger) -> ArticleRows {
    process_article_using(
        article,
        lex,
        extract::entities::model_for(tagger),
        extract::quotes::RowModel::shipped(),
    )
}

/// [`process_article_with`] with the given models: an entity model (`None` runs the rule
/// tagger; `extract --ner-model` gives a retrained one) and the attribution check for quotes
/// (`eval quotes --quote-model` tries a retrained one this way).
pub fn process_article_using(
    article: &Article,
    lex: &Lexicon,
    entity_model: Option<&extract::ner::Model>,
    quote_model: &extract::quotes::RowModel,
) -> ArticleRows {
    let id = article_id(article);
    let at = ArticleText::new(&article.text, lex);
    let ents = extract::entities::extract_using(&at, lex, entity_model);
    let quotes = extract::quotes::extract_with(&at, lex, &ents, article.byline.as_deref(), quote_model);
    let sources = extract::sources::extract(&quotes, &ents, lex);
    let credits = extract::wire::extract(at.text(), article.byline.as_deref(), article.outlet.as_deref(), lex);

    let shared_id: SharedId = SharedId::from(id.as_str());
    let entity_ids: Vec<SharedId> = ents
        .entities
        .iter()
        .map(|e| SharedId::from(stable_id(&[e.kind.as_str(), &e.name])))
        .collect();
    let mut quotes_per_entity = vec![0u32; ents.entities.len()];
    for q in &quotes {
        if let Some(e) = q.speaker.as_ref().and_then(|s| s.entity) {
            quotes_per_entity[e] += 1;
        }
    }

    let quote_rows: Vec<QuoteRow> = quotes
        .iter()
        .map(|q| {
            let (start, end) = at.original_cp(q.span);
            let paragraph = at.paragraph_of(q.span.start);
            let speaker = q.speaker.as_ref();
            let speaker_cp = speaker.map(|s| at.original_cp(s.span));
            let cue_cp = q.cue.map(|c| at.original_cp(c));
            let content = at.original_slice(q.content).to_string();
            QuoteRow {
                quote_id: stable_id(&[&id, &start.to_string(), &end.to_string()]),
                article_id: shared_id.clone(),
                quote_type: q.kind.as_str(),
                quote_hash: text_hash(&content),
                text: content,
                start,
                end,
                paragraph_index: paragraph as u32,
                speaker: speaker.map(|s| at.original_slice(s.span).to_string()),
                speaker_start: speaker_cp.map(|c| c.0),
                speaker_end: speaker_cp.map(|c| c.1),
                speaker_name: speaker.and_then(|s| s.name.clone()),
                speaker_title: speaker.and_then(|s| s.title.clone()),
                speaker_entity_id: speaker.and_then(|s| s.entity).map(|e| entity_ids[e].clone()),
                speaker_kind: speaker.map_or(SpeakerKind::Unknown, |s| s.kind).as_str(),
                cue: q.cue.map(|c| at.original_slice(c).to_string()),
                cue_start: cue_cp.map(|c| c.0),
                cue_end: cue_cp.map(|c| c.1),
                attribution: q.attribution.as_str(),
                rule: q.rule,
                confidence: q.confidence,
                in_duplicate_paragraph: at.paragraphs.get(paragraph).is_some_and(|p| p.duplicate),
            }
        })
        .collect();

    let mention_rows: Vec<MentionRow> = ents
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = at.original_cp(m.span);
            MentionRow {
                article_id: shared_id.clone(),
                entity_id: entity_ids[m.entity].clone(),
                start,
                end,
                text: at.original_slice(m.span).to_string(),
                entity_type: ents.entities[m.entity].kind.as_str(),
                rule: m.rule,
            }
        })
        .collect();

    let entity_rows: Vec<EntityRow> = ents
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| EntityRow {
            entity_id: entity_ids[i].clone(),
            article_id: shared_id.clone(),
            name: e.name.clone(),
            entity_type: e.kind.as_str(),
            mentions: e.mentions.len() as u32,
            first_start: e.mentions.first().map_or(0, |&m| mention_rows[m].start),
            aliases: e.aliases.clone(),
            is_speaker: quotes_per_entity[i] > 0,
            n_quotes: quotes_per_entity[i],
        })
        .collect();

    let source_rows: Vec<SourceRow> = sources
        .iter()
        .map(|s| SourceRow {
            source_id: stable_id(&[&id, s.kind.as_str(), &s.name]),
            article_id: shared_id.clone(),
            name: s.name.clone(),
            kind: s.kind.as_str(),
            title: s.title.clone(),
            affiliation: s.affiliation.clone(),
            entity_id: s.entity.map(|e| entity_ids[e].clone()),
            n_direct: s.n_direct,
            n_indirect: s.n_indirect,
            gender: s.gender.map(|(g, _)| g.as_str()),
            gender_evidence: s.gender.and_then(|(_, e)| e),
            first_start: at.original_cp(s.first).0,
        })
        .collect();

    let outlet = lex.outlets().resolve(article.outlet.as_deref(), article.url.as_deref());
    let article_row = ArticleRow {
        article_id: id.clone(),
        source_file: article.pos.source_file.clone(),
        record_no: article.pos.record_no,
        outlet: outlet.outlet,
        outlet_domain: outlet.domain,
        outlet_raw: article.outlet.clone(),
        url: article.url.clone(),
        published: article.published,
        title: article.title.clone(),
        byline: credits.byline,
        wire_agency: credits.wire_agency,
        dateline: credits.dateline,
        language: article.language.clone(),
        n_chars: article.text.chars().count() as u32,
        n_words: at.n_words() as u32,
        n_paragraphs: at.paragraphs.len() as u32,
        n_duplicate_paragraphs: at.n_duplicate_paragraphs() as u32,
        n_quotes: quote_rows.len() as u32,
        n_entities: entity_rows.len() as u32,
        n_sources: source_rows.len() as u32,
        content_hash: format!("{:032x}", at.content_hash()),
        duplicate_of: None,
    };
    ArticleRows {
        article: article_row,
        quotes: quote_rows,
        entities: entity_rows,
        mentions: mention_rows,
        sources: source_rows,
    }
}
