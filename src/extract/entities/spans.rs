//! The model's view of an article and its labels turned into typed spans: tokens as the
//! tagger reads them, and each labelled span typed in OntoNotes terms (CoNLL LOC is GPE unless
//! it is a region or a natural feature; MISC is NORP for nationalities and political or
//! religious groups). A person's leading honorific or title and a trailing possessive are cut
//! off here; every other correction is a named post-rule.

use super::{Candidate, EntityType};
use crate::extract::ner;
use crate::lexicon::Lexicon;
use crate::text::{ArticleText, Span};

/// The token sequences the tagger reads and their words.
pub(super) struct Tokens<'t> {
    pub spans: Vec<Vec<Span>>,
    pub words: Vec<Vec<&'t str>>,
}

impl<'t> Tokens<'t> {
    pub fn new(at: &'t ArticleText) -> Tokens<'t> {
        let spans = ner::sequences(at);
        let words = ner::sequence_words(at.text(), &spans);
        Tokens { spans, words }
    }

    /// The text span of tokens `a..b` of sequence `k`.
    pub fn span(&self, k: usize, a: usize, b: usize) -> Span {
        Span::new(self.spans[k][a].start, self.spans[k][b - 1].end)
    }
}

/// The type a CoNLL label gives a name, in OntoNotes terms.
pub(super) fn ontonotes_type(conll: &str, name: &str, lex: &Lexicon) -> EntityType {
    match conll {
        "PER" => EntityType::Person,
        "ORG" => EntityType::Org,
        "LOC" if lex.is_natural_place(name) && !lex.is_place(name) => EntityType::Loc,
        "LOC" => EntityType::Gpe,
        _ => {
            let singular = name.strip_suffix('s').unwrap_or(name);
            if lex.is_demonym(name) || lex.is_demonym(singular) || lex.is_norp_group(name) {
                EntityType::Norp
            } else {
                EntityType::Misc
            }
        }
    }
}

/// The model's spans as candidates, in text order, each marked `model`.
pub(super) fn typed_spans(at: &ArticleText, tokens: &Tokens, labels: &[Vec<usize>], lex: &Lexicon) -> Vec<Candidate> {
    let text = at.text();
    let mut out = Vec::new();
    for (k, (ws, labels)) in tokens.words.iter().zip(labels).enumerate() {
        for (a, b, t) in ner::spans(labels) {
            // "Mr. Haddad", "Governor Akira Tanaka": the model sometimes takes a person's
            // honorific or title into the name; they are the mention's title instead. A title
            // that is also a first name ("Dean Jones") stays.
            let leading = |i: usize| {
                ner::TYPES[t] == "PER"
                    && (lex.honorific_gender(ws[i]).is_some()
                        || (lex.is_title(ws[i]) && lex.first_name_gender(ws[i]).is_none()))
            };
            let mut a = a;
            while a + 1 < b && leading(a) {
                a += 1;
            }
            let mut span = tokens.span(k, a, b);
            let name = &text[span.start..span.end];
            if let Some(stripped) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")) {
                span.end = span.start + stripped.len();
            }
            let name = &text[span.start..span.end];
            if name.is_empty() {
                continue;
            }
            let honorific = (a > 0).then(|| lex.honorific_gender(ws[a - 1])).flatten();
            let title = (a > 0 && lex.is_title(ws[a - 1].trim_end_matches('.'))).then(|| ws[a - 1].to_string());
            out.push(Candidate {
                span,
                kind: Some(ontonotes_type(ner::TYPES[t], name, lex)),
                canonical: None,
                title,
                honorific,
                rule: "model",
                tokens: Some((k, a, b)),
            });
        }
    }
    out
}
