//! Quotations and their speakers: direct quotes in any marks (run-on across paragraphs, split by
//! their attribution, colon lead-ins, dash credits), reported speech ("X said that ...",
//! "according to X, ..."), and mixed. Speakers come from the cue's sentence, then from the
//! neighbouring quote; names resolve through the article's entities. Pure: text in, quotes out.

use crate::extract::entities::{has_legal_form, person_like, Entities, EntityType};
use crate::lexicon::{data, CueKind, Gender, Lexicon, TimeWord};
use crate::text::{ArticleText, MarkDirection, Span, SpanIndex};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

mod calibrate;
mod context;
mod direct;
mod model;
mod reported;
mod resolve;
mod speaker;
#[cfg(test)]
mod tests;
mod words;

use calibrate::*;
use context::*;
pub use direct::find_direct;
use direct::*;
pub use model::{
    cross_validated_threshold, judged, row_features, train as train_row_model, RowExample, RowModel, THRESHOLD,
};
use reported::*;
pub use resolve::anonymous_description;
use resolve::*;
use speaker::*;
use words::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteType {
    Direct,
    Indirect,
    Mixed,
}

impl QuoteType {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteType::Direct => "direct",
            QuoteType::Indirect => "indirect",
            QuoteType::Mixed => "mixed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attribution {
    Explicit,
    Coreference,
    Pronoun,
    Context,
    None,
}

impl Attribution {
    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Explicit => "explicit",
            Attribution::Coreference => "coreference",
            Attribution::Pronoun => "pronoun",
            Attribution::Context => "context",
            Attribution::None => "none",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerKind {
    Person,
    Organization,
    Media,
    Anonymous,
    /// The article's writer in their own voice ("I think", "we believe" outside quotation
    /// marks): named by the byline when there is one, so dashboards can filter it out.
    Author,
    Unknown,
}

impl SpeakerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerKind::Person => "person",
            SpeakerKind::Organization => "organization",
            SpeakerKind::Media => "media",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Author => "author",
            SpeakerKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Speaker {
    /// The mention as written, in the normalized text.
    pub span: Span,
    /// Canonical name, or the description of an anonymous source.
    pub name: Option<String>,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub entity: Option<usize>,
    pub kind: SpeakerKind,
    /// Gender shown by the pronoun that named this speaker ("she said").
    pub pronoun_gender: Option<Gender>,
}

#[derive(Debug, Clone)]
pub struct Quote {
    pub kind: QuoteType,
    /// For direct quotes, includes the quotation marks.
    pub span: Span,
    pub content: Span,
    pub speaker: Option<Speaker>,
    pub cue: Option<Span>,
    pub attribution: Attribution,
    pub confidence: f32,
    /// The name of the rule that made the row ("direct.trailing_cue", "reported.according_to"):
    /// the `quotes.rule` column, and the key of confidence calibration.
    pub rule: &'static str,
}

impl Quote {
    /// A quotation before attribution, with the score it keeps if no speaker is found.
    fn unattributed(kind: QuoteType, span: Span, content: Span, confidence: f32, rule: &'static str) -> Quote {
        Quote {
            kind,
            span,
            content,
            speaker: None,
            cue: None,
            attribution: Attribution::None,
            confidence,
            rule,
        }
    }
}

/// Extracts every quotation of an article; `byline` names the writer's own voice.
pub fn extract(at: &ArticleText, lex: &Lexicon, ents: &Entities, byline: Option<&str>) -> Vec<Quote> {
    extract_with(at, lex, ents, byline, RowModel::shipped())
}

/// [`extract`] with the given attribution check (an empty model keeps every row).
pub fn extract_with(
    at: &ArticleText,
    lex: &Lexicon,
    ents: &Entities,
    byline: Option<&str>,
    model: &RowModel,
) -> Vec<Quote> {
    let mut quotes = candidates(at, lex, ents);
    quotes.retain(|q| model.keeps(at, lex, q));
    calibrate_confidence(&mut quotes);
    name_the_author(&mut quotes, byline);
    quotes
}

/// Every row the rules make, with its raw score, before the attribution check and calibration
/// (what `newsframe train quotes` learns from).
pub fn candidates(at: &ArticleText, lex: &Lexicon, ents: &Entities) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    for (span, content) in find_direct(at) {
        // `on NBC's "Meet the Press,"`, `"Tales From the Crypt," an HBO series`: a title,
        // whoever is near it.
        if is_quoted_title(at.slice(content)) {
            continue;
        }
        let q = attribute_direct(at, lex, ents, span, content, quotes.last());
        let words = at.slice(content).split_whitespace().count();
        // Scare quotes and titles: short, and nobody says them.
        if q.cue.is_none() && q.speaker.is_none() && words <= 4 {
            continue;
        }
        if q.cue.is_none() && q.attribution != Attribution::Context && words <= 2 {
            continue;
        }
        quotes.push(q);
    }
    attribute_to_subject(at, lex, ents, &mut quotes);
    let indirect = find_indirect(at, lex, ents, &quotes);
    // The quoted fragments of a mixed quote are part of it, not quotes of their own.
    let mixed: Vec<Span> = indirect
        .iter()
        .filter(|q| q.kind == QuoteType::Mixed)
        .map(|q| q.span)
        .collect();
    let mixed_index = SpanIndex::new(mixed.iter().copied());
    quotes.retain(|d| {
        d.kind != QuoteType::Direct
            || !mixed_index.overlapping(d.span).any(|m| {
                let overlap = d
                    .span
                    .end
                    .min(mixed[m].end)
                    .saturating_sub(d.span.start.max(mixed[m].start));
                overlap * 2 >= d.span.end - d.span.start
            })
    });
    quotes.extend(indirect);
    quotes.sort_by_key(|q| q.span.start);
    // "issued a statement saying C": two cues report the same content; it is one row.
    quotes.dedup_by(|later, earlier| later.span == earlier.span && later.kind == earlier.kind);
    drop_nested(&mut quotes);
    continue_reported_speaker(at, &mut quotes);
    cue_uncredited(at, lex, ents, &mut quotes);
    // "Related: ..., lawsuit says": another story's headline left in the body is no speech.
    quotes.retain(|q| {
        let paragraph = at.paragraphs.get(at.paragraph_of(q.span.start));
        !paragraph.is_some_and(|p| lex.is_page_furniture(at.slice(p.span)))
    });
    quotes
}

/// The writer's "I" and "we" are the byline's ("By Jane Doe" is "Jane Doe"), when the byline
/// is people's names. "Letters" or "Interviews by Jane Doe" is no name for the "I" of a reader's
/// letter or an interviewee, so that "I" stays unnamed. A speaker named as one of the byline's
/// writers ("Jessica Elgot: ..." in an explainer she co-wrote) is the writer's own voice too.
fn name_the_author(quotes: &mut [Quote], byline: Option<&str>) {
    let byline = byline
        .map(|b| b.trim())
        .map(|b| {
            b.strip_prefix("By ")
                .or_else(|| b.strip_prefix("by "))
                .unwrap_or(b)
                .trim()
        })
        .filter(|b| is_names(b));
    let writers = byline.map(byline_names).unwrap_or_default();
    for sp in quotes.iter_mut().filter_map(|q| q.speaker.as_mut()) {
        if sp.kind == SpeakerKind::Author {
            sp.name = byline.map(str::to_string);
        } else if sp.kind == SpeakerKind::Person
            && sp
                .name
                .as_deref()
                .is_some_and(|n| writers.iter().any(|w| w.eq_ignore_ascii_case(n)))
        {
            sp.kind = SpeakerKind::Author;
        }
    }
}

/// The names of a byline: "Jane Doe and Ane Berg", "Jane Doe, Ane Berg", "Jane Doe & Ane Berg".
fn byline_names(byline: &str) -> Vec<&str> {
    byline
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// "Jane Doe", "Jane Doe and Ane Berg", "Jane Doe, Ane Berg": names of two to four
/// capitalized words each.
fn is_names(byline: &str) -> bool {
    let names = byline_names(byline);
    !names.is_empty()
        && names.iter().all(|n| {
            let words: Vec<&str> = n.split_whitespace().collect();
            (2..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
        })
}

/// A report inside another report ("Clinton said that she called Sanders") is part of the
/// outer quote's content; only the outer one is a row.
fn drop_nested(quotes: &mut Vec<Quote>) {
    let outer: Vec<Span> = quotes
        .iter()
        .filter(|q| q.kind != QuoteType::Direct)
        .map(|q| q.span)
        .collect();
    let index = SpanIndex::new(outer.iter().copied());
    quotes.retain(|q| q.kind == QuoteType::Direct || !index.containing(q.span).any(|o| outer[o] != q.span));
}
