//! Sources: who an article relies on, one per distinct (kind, name) among its quotes'
//! speakers, with title, affiliation, quote counts and gender with its evidence.

use std::collections::HashMap;

use crate::extract::entities::Entities;
use crate::extract::quotes::{Quote, QuoteType, SpeakerKind};
use crate::lexicon::{Gender, Lexicon};
use crate::text::Span;

/// Splits a speaker's title into the role and the organization it is held at:
/// "State Department spokesman", "spokesman for the State Department" and "the State
/// Department's spokesman" all give ("spokesman", "State Department"). A title with no
/// organization in it is all role ("Colonel", "chief executive").
pub fn split_title(title: &str, lex: &Lexicon) -> (Option<String>, Option<String>) {
    let title = strip_article(title.trim().trim_matches(','));
    if lex.honorific_gender(title).is_some() {
        // "Mr." says gender, not role.
        return (None, None);
    }
    let some = |s: &str| {
        let s = strip_article(s.trim().trim_matches(','));
        (!s.is_empty()).then(|| s.to_string())
    };
    for possessive in ["'s ", "\u{2019}s "] {
        if let Some((org, role)) = title.split_once(possessive) {
            // "the committee's treasurer": a role, at no named organization.
            return (some(role), starts_upper(org).then(|| org.to_string()));
        }
    }
    // "chief executive of Watanabe Robotics Ltd" (but "Secretary of State" is one role).
    if let Some((role, org)) = title.split_once(" of ") {
        if starts_upper(org) && org.split_whitespace().count() >= 2 && !org.starts_with("the ") {
            return (some(role), some(org));
        }
    }
    for link in [" for ", " at ", " of the ", " with "] {
        if let Some((role, org)) = title.split_once(link) {
            // "doctor at the county hospital": the role, at an organization left unnamed.
            let named = starts_upper(strip_article(org));
            return (some(role), if named { some(org) } else { None });
        }
    }
    // "State Department spokesman", "Samsung spokeswoman": the capitalized words before the
    // first role word name the organization.
    // "Chief Financial Officer" is one role, though it opens with a modifier.
    if lex.is_title(title) {
        return (some(title), None);
    }
    // Leading modifiers ("former") belong to the role.
    let words: Vec<&str> = title.split_whitespace().collect();
    let modifiers = words.iter().take_while(|w| lex.is_title_modifier(w)).count();
    // A role word, or a role phrase ("Prime Minister"), ends the organization.
    let role_at = |k: usize| {
        (1..=3).any(|n| k + n <= words.len() && lex.is_title(&words[k..k + n].join(" ")))
            || lex.is_title_modifier(words[k])
            || !starts_upper(words[k])
    };
    let org_len = (modifiers..words.len())
        .position(role_at)
        .unwrap_or(words.len() - modifiers);
    if org_len == 0 || modifiers + org_len == words.len() {
        return (some(title), None);
    }
    let role: Vec<&str> = words[..modifiers]
        .iter()
        .chain(&words[modifiers + org_len..])
        .copied()
        .collect();
    (
        some(&role.join(" ")),
        some(&words[modifiers..modifiers + org_len].join(" ")),
    )
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn strip_article(s: &str) -> &str {
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = s.strip_prefix(article) {
            return rest.trim_start();
        }
    }
    s
}

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
pub fn extract(quotes: &[Quote], ents: &Entities, lex: &Lexicon) -> Vec<Source> {
    let mut sources: Vec<Source> = Vec::new();
    let mut index: HashMap<(SpeakerKind, String), usize> = HashMap::new();
    let mut pronoun_evidence: HashMap<usize, Gender> = HashMap::new();
    for q in quotes {
        let Some(sp) = &q.speaker else { continue };
        let Some(name) = sp.name.clone() else { continue };
        // The writer is not one of the article's sources.
        if matches!(sp.kind, SpeakerKind::Unknown | SpeakerKind::Author) {
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
            if let Some(title) = &sp.title {
                let (role, affiliation) = split_title(title, lex);
                s.title = role;
                if s.affiliation.is_none() {
                    s.affiliation = affiliation;
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn split(title: &str) -> (Option<String>, Option<String>) {
        split_title(title, Lexicon::get())
    }

    fn pair(role: &str, org: Option<&str>) -> (Option<String>, Option<String>) {
        (Some(role.to_string()), org.map(str::to_string))
    }

    #[test]
    fn titles_split_into_role_and_affiliation() {
        assert_eq!(
            split("State Department spokesman"),
            pair("spokesman", Some("State Department"))
        );
        assert_eq!(
            split("a spokesman for the State Department"),
            pair("spokesman", Some("State Department"))
        );
        assert_eq!(
            split("North Korea's vice foreign minister"),
            pair("vice foreign minister", Some("North Korea"))
        );
        assert_eq!(split("Samsung spokeswoman"), pair("spokeswoman", Some("Samsung")));
        assert_eq!(
            split("former State Department spokesman"),
            pair("former spokesman", Some("State Department"))
        );
        assert_eq!(split("Colonel"), pair("Colonel", None));
        assert_eq!(split("chief executive"), pair("chief executive", None));
        assert_eq!(
            split("the head of the World Health Organization"),
            pair("head", Some("World Health Organization"))
        );
    }
}
