//! Merging an article's typed mentions into entities: a surname or a first name alone joins
//! the one person of several words it can stand for ("Kirby" is "John Kirby"), an alias its
//! canonical name, and the rest their exact name within their type.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Candidate, Entities, Entity, EntityType, Mention};
use crate::lexicon::Lexicon;
use crate::text::ArticleText;

/// The first and last words of an article's persons of several words, to find the person a
/// single word stands for.
#[derive(Default)]
struct NameParts {
    last: HashMap<String, Vec<usize>>,
    first: HashMap<String, Vec<usize>>,
}

impl NameParts {
    fn add(&mut self, name: &str, idx: usize) {
        let words: Vec<&str> = name.split_whitespace().collect();
        for (map, word) in [(&mut self.last, words.last()), (&mut self.first, words.first())] {
            if let Some(w) = word {
                let list = map.entry(w.to_string()).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }
    }

    /// The person a single word names: by surname, else (with `first_names`) by first name.
    /// The fullest of the candidate names ("Anne Celeste Heche" over "Anne Heche"), and only
    /// when every other candidate is a shorter form of it: with both James Baker and Howard
    /// Baker in the article, "Baker" is neither.
    fn person(&self, word: &str, entities: &[Entity], first_names: bool) -> Option<usize> {
        let maps = if first_names {
            &[&self.last, &self.first][..]
        } else {
            &[&self.last][..]
        };
        maps.iter().find_map(|map| {
            let list = map.get(word)?;
            let words = |i: usize| entities[i].name.split_whitespace().collect::<HashSet<&str>>();
            let best = *list
                .iter()
                .max_by_key(|&&i| (entities[i].name.split_whitespace().count(), std::cmp::Reverse(i)))?;
            let full = words(best);
            list.iter().all(|&i| words(i).is_subset(&full)).then_some(best)
        })
    }
}

pub(super) fn merge(at: &ArticleText, candidates: Vec<Candidate>, lex: &Lexicon) -> Entities {
    let text = at.text();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(EntityType, String), usize> = HashMap::default();
    // Persons of several words first, so that single-word mentions before or after them can
    // find their full name: a surname ("Kirby") joins the person whose name ends with it, a
    // first name alone ("Dale") the person whose name starts with it.
    let mut assigned: Vec<Option<usize>> = vec![None; candidates.len()];
    let mut parts = NameParts::default();
    for (ci, c) in candidates.iter().enumerate() {
        let name = &text[c.span.start..c.span.end];
        if c.kind != Some(EntityType::Person) || !name.contains(char::is_whitespace) {
            continue;
        }
        let idx = *by_key.entry((EntityType::Person, name.to_string())).or_insert_with(|| {
            entities.push(new_entity(name.to_string(), EntityType::Person));
            entities.len() - 1
        });
        parts.add(name, idx);
        assigned[ci] = Some(idx);
    }
    let short_forms = acronyms_and_short_forms(text, &candidates, lex);
    for (ci, c) in candidates.iter().enumerate() {
        let name = &text[c.span.start..c.span.end];
        if c.kind != Some(EntityType::Person) || assigned[ci].is_some() {
            continue;
        }
        let person = parts.person(name, &entities, true);
        // "GateHouse Media cut jobs. GateHouse said": one word typed a person that is no
        // person's name here but an organization's short form is that organization.
        if person.is_none() && short_forms.contains_key(name) {
            continue;
        }
        let idx = person.unwrap_or_else(|| {
            *by_key.entry((EntityType::Person, name.to_string())).or_insert_with(|| {
                entities.push(new_entity(name.to_string(), EntityType::Person));
                entities.len() - 1
            })
        });
        assigned[ci] = Some(idx);
    }
    let mut mentions = Vec::new();
    for (ci, c) in candidates.iter().enumerate() {
        let surface = &text[c.span.start..c.span.end];
        // The model's own choice between organization and MISC stands ("NLD" an organization
        // while "National League for Democracy" came out MISC): only a name of the same type,
        // or an acronym typed as neither, joins.
        let expanded = short_forms.get(surface).filter(|(_, kind, _)| {
            assigned[ci].is_none()
                && (c.kind == Some(*kind) || !matches!(c.kind, Some(EntityType::Org | EntityType::Misc)))
        });
        let joined;
        let c = match expanded {
            Some((full, kind, rule)) => {
                joined = Candidate {
                    kind: Some(*kind),
                    canonical: Some(full.to_string()),
                    rule,
                    ..c.clone()
                };
                &joined
            }
            None => c,
        };
        let idx = match assigned[ci] {
            Some(idx) => idx,
            None => {
                // "Evangelista said", typed an organization while "Linda Evangelista" is a
                // person of the same article: one word that is a person's surname and that the
                // lexicon does not know as an outlet, a place or an alias is that person.
                let known = lex.is_media(surface) || lex.is_place(surface) || lex.alias(surface).is_some();
                let person = (!known).then(|| parts.person(surface, &entities, false)).flatten();
                let kind = c.kind.unwrap_or(if person.is_some() {
                    EntityType::Person
                } else {
                    EntityType::Misc
                });
                match person {
                    Some(p) => p,
                    _ => {
                        let canonical = c.canonical.clone().unwrap_or_else(|| surface.to_string());
                        *by_key.entry((kind, canonical.clone())).or_insert_with(|| {
                            entities.push(new_entity(canonical, kind));
                            entities.len() - 1
                        })
                    }
                }
            }
        };
        // "Truss said", typed an organization, joined the person "Liz Truss": a surname of a
        // person of the article is that person, whatever the model said.
        let rule = if entities[idx].kind == EntityType::Person && c.kind.is_some_and(|k| k != EntityType::Person) {
            "surname_of_person"
        } else {
            c.rule
        };
        let e = &mut entities[idx];
        let original = at.original_slice(c.span).to_string();
        if !e.aliases.contains(&original) {
            e.aliases.push(original);
        }
        if e.kind == EntityType::Person {
            if let (Some(g), None) = (c.honorific, e.gender) {
                e.gender = Some((g, "honorific"));
            }
            if e.title.is_none() {
                e.title.clone_from(&c.title);
            }
        }
        e.mentions.push(mentions.len());
        mentions.push(Mention {
            span: c.span,
            entity: idx,
            rule,
        });
    }
    for e in &mut entities {
        if e.kind == EntityType::Person && e.gender.is_none() {
            let first = e.name.split_whitespace().next().unwrap_or("");
            // "Han Song-ryol": a hyphenated given name after the family name; the first word
            // is not a first name.
            let family_first = e.name.split_whitespace().last().is_some_and(|w| w.contains('-'));
            if e.name.contains(' ') && !family_first {
                if let Some(g) = lex.first_name_gender(first) {
                    e.gender = Some((g, "first_name"));
                }
            }
        }
    }
    // Entities in the order of their first mention, as a reader meets them (persons of several
    // words were made first).
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&i| {
        entities[i]
            .mentions
            .first()
            .map_or(usize::MAX, |&m| mentions[m].span.start)
    });
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for m in &mut mentions {
        m.entity = new_index[m.entity];
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities: Vec<Entity> = order.iter().filter_map(|&i| slots[i].take()).collect();
    // The look-ups of `Entities` search mentions by position.
    debug_assert!(mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    Entities {
        entities,
        mentions,
        full_name_surnames: Default::default(),
    }
}

/// The short names of the article's organizations, each with its full name, type and rule:
/// - `acronym`: "the Office for Nuclear Regulation ... the ONR said": an acronym of capitals
///   is the organization whose name's capitalized words it spells (function words such as
///   "for" and "of" skipped), when exactly one name spells it. Acronyms the lexicon knows
///   ("UK", "EU") keep their own canonical name.
/// - `short_form`: see [`short_forms`].
fn acronyms_and_short_forms<'t>(
    text: &'t str,
    candidates: &[Candidate],
    lex: &Lexicon,
) -> HashMap<&'t str, (&'t str, EntityType, &'static str)> {
    let is_acronym = |w: &str| (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase());
    let wanted: HashSet<&str> = candidates
        .iter()
        .map(|c| &text[c.span.start..c.span.end])
        .filter(|w| is_acronym(w) && lex.alias(w).is_none() && !lex.is_media(w))
        .collect();
    let mut found: HashMap<&str, Option<(&str, EntityType)>> = HashMap::default();
    // Most articles have no acronym to spell.
    let spellers = if wanted.is_empty() { &[][..] } else { candidates };
    for c in spellers {
        let Some(kind @ (EntityType::Org | EntityType::Misc)) = c.kind else {
            continue;
        };
        let name = &text[c.span.start..c.span.end];
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 {
            continue;
        }
        let initials: String = words
            .iter()
            .filter(|w| !w.eq_ignore_ascii_case("the"))
            .filter_map(|w| w.chars().next().filter(|ch| ch.is_uppercase()))
            .collect();
        if let Some(acronym) = wanted.get(initials.as_str()) {
            let slot = found.entry(acronym).or_insert(Some((name, kind)));
            if slot.is_some_and(|(n, _)| n != name) {
                *slot = None;
            }
        }
    }
    let mut short: HashMap<&str, (&str, EntityType, &'static str)> = found
        .into_iter()
        .filter_map(|(a, f)| f.map(|(name, kind)| (a, (name, kind, "acronym"))))
        .collect();
    for (form, name) in short_forms(text, candidates, lex) {
        short.entry(form).or_insert((name, EntityType::Org, "short_form"));
    }
    short
}

/// "GateHouse Media ... GateHouse said", "the Dallas Mavericks ... the Mavericks said": an
/// organization's first or last words alone are that organization, when it is the only one
/// of the article they begin or end. A word the lexicon knows (a place, an outlet, an alias)
/// or an organization's generic word ("Council") stays itself.
fn short_forms<'t>(text: &'t str, candidates: &[Candidate], lex: &Lexicon) -> Vec<(&'t str, &'t str)> {
    let org = |c: &&Candidate| c.kind == Some(EntityType::Org);
    // A full name joins coordinated names ("FBI and Department of Homeland Security") or ends
    // in a title ("Liberal MPs"): it is the model's span slip, no organization to stand for.
    let full: Vec<(&str, Vec<&str>, usize)> = candidates
        .iter()
        .filter(org)
        .map(|c| (&text[c.span.start..c.span.end], c.span.start))
        .map(|(n, at)| (n, n.split_whitespace().collect::<Vec<_>>(), at))
        .filter(|(_, w, _)| {
            w.len() >= 2
                && !w.iter().any(|x| matches!(*x, "and" | "&" | "or"))
                && w.last().is_some_and(|x| !lex.is_title(x))
        })
        .collect();
    if full.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::default();
    // A form typed a person is one word (merging joins it only when no person has that name).
    let form_kind = |c: &&Candidate| {
        org(c) || (c.kind == Some(EntityType::Person) && !text[c.span.start..c.span.end].contains(char::is_whitespace))
    };
    for c in candidates.iter().filter(form_kind) {
        let form = &text[c.span.start..c.span.end];
        let words: Vec<&str> = form.split_whitespace().collect();
        let generic = |w: &str| lex.is_org_word(w) || w.eq_ignore_ascii_case("the");
        if !seen.insert(form)
            || lex.is_place(form)
            || lex.is_country(form)
            || lex.is_demonym(form)
            || lex.is_media(form)
            || lex.alias(form).is_some()
            || words.iter().all(|w| generic(w))
        {
            continue;
        }
        // The short form refers back: the full name comes first ("Dorset" before "Dorset
        // Wildlife Trust" is the county). What the short form leaves out must be what a short
        // form drops: a company's or body's ending ("GateHouse Media", `org_name_endings.txt`)
        // or legal form ("McClatchy Co."), or, before it, a place ("the Dallas Mavericks") or a
        // first name (a person's name typed an organization); "Reddit Ask", "Investment NSW"
        // and "US Capitol" are other names or the model's slips.
        let shortens = |fw: &[&str]| {
            if fw.len() <= words.len() {
                return false;
            }
            if fw.starts_with(&words) {
                let rest = &fw[words.len()..];
                return rest
                    .iter()
                    .all(|w| lex.is_org_name_ending(w) || lex.is_legal_form(w.trim_end_matches('.')));
            }
            // (A person's surname never loses its person for an organization's type.)
            if fw.ends_with(&words) && c.kind == Some(EntityType::Org) {
                let rest = fw[..fw.len() - words.len()].join(" ");
                return (lex.is_place(&rest) && !lex.is_country(&rest))
                    || (fw.len() - words.len() == 1 && lex.first_name_gender(&rest).is_some());
            }
            false
        };
        let mut names = full
            .iter()
            .filter(|(_, fw, at)| *at < c.span.start && shortens(fw))
            .map(|(n, _, _)| *n);
        if let Some(first) = names.next() {
            if names.all(|n| n == first) {
                out.push((form, first));
            }
        }
    }
    out
}

fn new_entity(name: String, kind: EntityType) -> Entity {
    Entity {
        name,
        kind,
        mentions: Vec::new(),
        aliases: Vec::new(),
        gender: None,
        title: None,
    }
}
