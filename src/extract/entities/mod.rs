//! Entities: the statistical tagger's spans (see [`super::ner`]) typed in OntoNotes terms, or,
//! without a model, capitalized runs typed by gazetteers, titles, honorifics and cue context;
//! then merged within the article into canonical entities ("John Kirby", "Kirby" and
//! "Mr. Kirby" are one). Pure: text in, entities and mentions out.

use rustc_hash::FxHashSet as HashSet;

use super::ner;
use crate::lexicon::{Gender, Lexicon};
use crate::text::{ArticleText, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityType {
    Person,
    Org,
    Gpe,
    Loc,
    Norp,
    Misc,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Norp => "NORP",
            EntityType::Misc => "MISC",
        }
    }
    fn parse(s: &str) -> EntityType {
        match s {
            "PERSON" => EntityType::Person,
            "ORG" => EntityType::Org,
            "GPE" => EntityType::Gpe,
            "LOC" => EntityType::Loc,
            "NORP" => EntityType::Norp,
            _ => EntityType::Misc,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub entity: usize,
    /// The rule that gave the mention its span or type: `model`, `rule_tagger`, or a
    /// post-rule's name (see `post_rules`).
    pub rule: &'static str,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub kind: EntityType,
    pub mentions: Vec<usize>,
    pub aliases: Vec<String>,
    /// Gender shown by an honorific ("Mr. Kirby") or a first name, with what showed it.
    pub gender: Option<(Gender, &'static str)>,
    /// A title seen right before a mention ("spokesman" in "spokesman John Kirby").
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    pub entities: Vec<Entity>,
    /// In text order.
    pub mentions: Vec<Mention>,
    full_name_surnames: std::cell::OnceCell<HashSet<String>>,
}

/// A pronoun or a role ("he", "the spokesman") looks back at most this many mentions for the
/// person it stands for. In news the person is a few mentions back; without the bound, an
/// article of thousands of organizations and "he said" would scan them all for every pronoun.
pub const MAX_LOOKBACK_MENTIONS: usize = 500;

impl Entities {
    /// The indices of the mentions starting in `[from, to)`, found by binary search: mentions
    /// are in text order (candidates are made sentence by sentence, left to right).
    fn starting_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let lo = self.mentions.partition_point(|m| m.span.start < from);
        let hi = self.mentions.partition_point(|m| m.span.start < to);
        lo..hi.max(lo)
    }

    /// The entity of a mention lying within `span`, if any; persons first.
    pub fn within(&self, span: Span) -> Option<(usize, &Mention)> {
        let inside = self
            .starting_in(span.start, span.end)
            .map(|i| (i, &self.mentions[i]))
            .filter(|(_, m)| m.span.end <= span.end);
        let mut best: Option<(usize, &Mention)> = None;
        for (i, m) in inside {
            let is_person = self.entities[m.entity].kind == EntityType::Person;
            match best {
                Some((_, b)) if self.entities[b.entity].kind == EntityType::Person || !is_person => {}
                _ => best = Some((i, m)),
            }
        }
        best
    }

    /// The mentions ending by `pos`, latest first, at most [`MAX_LOOKBACK_MENTIONS`] of them.
    pub fn latest_before(&self, pos: usize) -> impl Iterator<Item = &Mention> {
        self.mentions[self.starting_in(0, pos)]
            .iter()
            .rev()
            .filter(move |m| m.span.end <= pos)
            .take(MAX_LOOKBACK_MENTIONS)
    }

    /// The most recent person mentioned before `pos` whose gender does not contradict `gender`.
    pub fn last_person_before(&self, pos: usize, gender: Gender) -> Option<&Mention> {
        self.latest_before(pos).find(|m| self.is_person_of(m, gender))
    }

    /// Whether a mention is of a person whose gender does not contradict `gender`.
    fn is_person_of(&self, m: &Mention, gender: Gender) -> bool {
        let e = &self.entities[m.entity];
        e.kind == EntityType::Person
            && match (gender, e.gender) {
                (Gender::Unknown, _) | (_, None) => true,
                (g, Some((eg, _))) => g == eg,
            }
    }

    /// The person a "he" or "she" at `pos` stands for, sentence by sentence: the latest
    /// compatible person before `pos` in its own sentence ("Smith said he ..."); else the first
    /// one of the nearest earlier sentence that names one, a stand-in for that sentence's
    /// subject ("Taylor Swift posted ... accusing Big Machine ... She claimed"), within
    /// `sentences_back` sentences; else `None`.
    pub fn subject_person_before(
        &self,
        at: &ArticleText,
        pos: usize,
        gender: Gender,
        sentences_back: usize,
    ) -> Option<&Mention> {
        let fits = |m: &&Mention| self.is_person_of(m, gender);
        let sentences = &at.sentences;
        let current = at.sentence_of(pos);
        let own = sentences.get(current)?.span;
        if let Some(m) = self.mentions[self.starting_in(own.start, pos)]
            .iter()
            .rev()
            .filter(|m| m.span.end <= pos)
            .find(fits)
        {
            return Some(m);
        }
        (current.saturating_sub(sentences_back)..current).rev().find_map(|i| {
            let s = sentences[i].span;
            self.mentions[self.starting_in(s.start, s.end)].iter().find(fits)
        })
    }

    /// The one organization mentioned in the `within` bytes before `pos`, when no other
    /// organization and no person was mentioned there: what "it" can only stand for.
    pub fn only_organization_before(&self, pos: usize, within: usize) -> Option<&Mention> {
        let mut found: Option<&Mention> = None;
        for m in self.latest_before(pos).take_while(|m| m.span.end + within >= pos) {
            match self.entities[m.entity].kind {
                EntityType::Person => return None,
                EntityType::Org if found.is_some_and(|f| f.entity != m.entity) => return None,
                EntityType::Org => found = found.or(Some(m)),
                _ => {}
            }
        }
        found
    }

    /// Whether a person (or an untyped name that reads as one) of several words ends with
    /// `surname`, as "Anna Berg" ends with "Berg". Built once per article, on first use.
    pub fn has_full_name_ending(&self, surname: &str, lex: &Lexicon) -> bool {
        self.full_name_surnames
            .get_or_init(|| {
                self.entities
                    .iter()
                    .filter(|p| {
                        matches!(p.kind, EntityType::Person | EntityType::Misc)
                            && p.name.contains(' ')
                            && person_like(&p.name, lex)
                    })
                    .filter_map(|p| p.name.split_whitespace().last().map(str::to_string))
                    .collect()
            })
            .contains(surname)
    }
}

/// A name that can be a person's: not a company ("Poor's Corp", "Co>"), not a fragment ("P",
/// "The United").
pub(crate) fn person_like(name: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters > 2
        && !name.contains(['<', '>', '&'])
        && !words.first().is_some_and(|w| w.eq_ignore_ascii_case("the"))
        && !has_legal_form(&words, lex)
        && !words.iter().any(|w| lex.is_org_word(w))
}

/// "Poor's Corp", "<Foo Co>": a word of the phrase is a company's legal form.
pub(crate) fn has_legal_form(words: &[&str], lex: &Lexicon) -> bool {
    words
        .iter()
        .any(|w| lex.is_legal_form(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// A typed mention on its way to merging: what the spans stage and the post-rules pass along.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    span: Span,
    /// `None` from the rule tagger leaves the type to merging (a surname of a known person,
    /// else MISC).
    kind: Option<EntityType>,
    canonical: Option<String>,
    title: Option<String>,
    honorific: Option<Gender>,
    /// The rule that last set the mention's span or type; the mention row carries it.
    rule: &'static str,
    /// The model's tokens of the mention: (sequence, first token, end token). `None` from the
    /// rule tagger.
    tokens: Option<(usize, usize, usize)>,
}

/// Which tagger finds the mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityTagger {
    /// Capitalized runs typed by gazetteers, titles and context: faster, coarse.
    Rules,
    /// The averaged-perceptron model in data/models/ner.bin: CoNLL-grade.
    #[default]
    Statistical,
}

/// Finds and merges the named entities of an article with the default tagger.
pub fn extract(at: &ArticleText, lex: &Lexicon) -> Entities {
    extract_with(at, lex, EntityTagger::default())
}

/// Finds and merges the named entities of an article with the given tagger (the rules when
/// no model is built in). The statistical path reads top to bottom: tokens, the model's
/// labels, typed spans, the named post-rules in order, merging.
pub fn extract_with(at: &ArticleText, lex: &Lexicon, tagger: EntityTagger) -> Entities {
    extract_using(at, lex, model_for(tagger))
}

/// The model a tagger runs: the shipped one for `statistical`, none for `rules`.
pub fn model_for(tagger: EntityTagger) -> Option<&'static ner::Model> {
    match tagger {
        EntityTagger::Statistical => ner::Model::shipped(),
        EntityTagger::Rules => None,
    }
}

/// Finds and merges the named entities of an article with the given model, or with the rule
/// tagger when there is none.
pub fn extract_using(at: &ArticleText, lex: &Lexicon, model: Option<&ner::Model>) -> Entities {
    let candidates = match model {
        Some(model) => {
            let tokens = spans::Tokens::new(at);
            let labels = model.tag(&tokens.words, lex);
            let mut candidates = spans::typed_spans(at, &tokens, &labels, lex);
            post_rules::apply(at, &tokens, &mut candidates, lex);
            candidates
        }
        None => rule_tagger::rule_candidates(at, lex),
    };
    merge::merge(at, candidates, lex)
}

mod merge;
mod post_rules;
mod rule_tagger;
mod spans;
#[cfg(test)]
mod tests;
