//! Sources: who an article relies on, one per distinct (kind, name) among its quotes'
//! speakers, with title, affiliation, quote counts and gender with its evidence.

use std::collections::HashMap;

use crate::extract::entities::Entities;
use crate::extract::quotes::{Quote, QuoteType, SpeakerKind};
use crate::lexicon::Gender;
use crate::text::Span;

#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub kind: SpeakerKind,
    pub title: Option<String>,
    pub affiliation: Option<String>,
    pub entity: Option<usize>,
    pub n_direct: u32,
    pub n_indirect: u32,
    pub gender: Option<(Gender, Option<&'static str>)>,
    pub first: Span,
}

/// Groups the attributed quotes into sources. Mixed quotes count as indirect: they are
/// reported speech that merely contains quoted words.
pub fn extract(quotes: &[Quote], ents: &Entities) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    let mut index: HashMap<(SpeakerKind, String), usize> = HashMap::new();
    let mut pronoun_evidence: HashMap<usize, Gender> = HashMap::new();
    for q in quotes {
        let Some(sp) = &q.speaker else { continue };
        let Some(name) = sp.name.clone() else { continue };
        if sp.kind == SpeakerKind::Unknown {
            continue;
        }
        let i = *index.entry((sp.kind, name.clone())).or_insert_with(|| {
            sources.push(Source {
                name,
                kind: sp.kind,
                title: None,
                affiliation: None,
                entity: sp.entity,
                n_direct: 0,
                n_indirect: 0,
                gender: None,
                first: sp.span,
            });
            sources.len() - 1
        });
        let s = &mut sources[i];
        if s.title.is_none() {
            s.title.clone_from(&sp.title);
        }
        if s.affiliation.is_none() {
            s.affiliation.clone_from(&sp.affiliation);
        }
        if sp.span.start < s.first.start {
            s.first = sp.span;
        }
        match q.kind {
            QuoteType::Direct => s.n_direct += 1,
            QuoteType::Indirect | QuoteType::Mixed => s.n_indirect += 1,
        }
        if let Some(g @ (Gender::Female | Gender::Male)) = sp.pronoun_gender {
            pronoun_evidence.entry(i).or_insert(g);
        }
    }
    for (i, s) in sources.iter_mut().enumerate() {
        if s.kind != SpeakerKind::Person {
            continue;
        }
        let from_entity = s.entity.and_then(|e| ents.entities[e].gender);
        s.gender = Some(match (from_entity, pronoun_evidence.get(&i)) {
            (Some((g, "honorific")), _) => (g, Some("honorific")),
            (_, Some(g)) => (*g, Some("pronoun")),
            (Some((g, evidence)), None) => (g, Some(evidence)),
            (None, None) => (Gender::Unknown, None),
        });
    }
    sources
}
