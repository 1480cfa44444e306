//! Text: everything about an article's text that does not depend on what it means — the
//! normalized form with its offset map, paragraphs (and which repeat), sentences and tokens.
//! Extractors work on [`ArticleText`]; offsets leave it as code points into the original.

pub mod normalize;
pub mod offsets;
mod segment;

use std::collections::HashSet;

use crate::lexicon::Lexicon;
pub use normalize::{MarkDirection, Normalized};
pub use offsets::CodepointIndex;
pub use segment::tokenize;

/// A byte range `[start, end)` in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
    /// Repeats an earlier paragraph of the same article (after whitespace normalization).
    pub duplicate: bool,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// An article's text, segmented, with the way back to the original's code points.
pub struct ArticleText<'a> {
    pub original: &'a str,
    pub norm: Normalized,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    codepoints: CodepointIndex,
}

impl<'a> ArticleText<'a> {
    pub fn new(original: &'a str, lexicon: &Lexicon) -> ArticleText<'a> {
        let norm = Normalized::new(original);
        let paragraphs = segment::paragraphs(&norm.text);
        let sentences = paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                segment::sentences(&norm.text, p.span, lexicon)
                    .into_iter()
                    .map(move |span| Sentence { span, paragraph: i })
            })
            .collect();
        ArticleText {
            original,
            codepoints: CodepointIndex::new(original),
            norm,
            paragraphs,
            sentences,
        }
    }

    pub fn text(&self) -> &str {
        &self.norm.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.norm.text[span.start..span.end]
    }

    /// Code point offsets into the original text of a normalized span.
    pub fn original_cp(&self, span: Span) -> (u32, u32) {
        (
            self.codepoints.cp(self.norm.original_offset(span.start)),
            self.codepoints.cp(self.norm.original_offset(span.end)),
        )
    }

    /// The text exactly as given for a normalized span.
    pub fn original_slice(&self, span: Span) -> &'a str {
        &self.original[self.norm.original_offset(span.start)..self.norm.original_offset(span.end)]
    }

    /// Index of the paragraph holding byte `pos` (the nearest earlier one between paragraphs).
    pub fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.span.start <= pos)
            .saturating_sub(1)
    }

    /// Index of the sentence holding byte `pos` (the nearest earlier one between sentences).
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start <= pos)
            .saturating_sub(1)
    }

    pub fn n_words(&self) -> usize {
        self.original.split_whitespace().count()
    }

    pub fn n_duplicate_paragraphs(&self) -> usize {
        self.paragraphs.iter().filter(|p| p.duplicate).count()
    }

    /// Whitespace-collapsed, lowercased text, the basis of cross-article duplicate detection.
    pub fn content_key(&self) -> String {
        let mut key = String::with_capacity(self.norm.text.len());
        for word in self.norm.text.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.chars().flat_map(char::to_lowercase));
        }
        key
    }
}

/// Marks paragraphs whose whitespace-collapsed text appeared earlier in the article.
fn flag_duplicates(text: &str, paragraphs: &mut [Paragraph]) {
    let mut seen = HashSet::new();
    for p in paragraphs {
        let key: Vec<&str> = text[p.span.start..p.span.end].split_whitespace().collect();
        p.duplicate = !seen.insert(key.join(" "));
    }
}
