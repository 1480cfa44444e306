//! Entities: the statistical tagger's spans (see [`super::ner`]) typed in OntoNotes terms, or,
//! without a model, capitalized runs typed by gazetteers, titles, honorifics and cue context;
//! then merged within the article into canonical entities ("John Kirby", "Kirby" and
//! "Mr. Kirby" are one). Pure: text in, entities and mentions out.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
        self.latest_before(pos).find(|m| {
            let e = &self.entities[m.entity];
            e.kind == EntityType::Person
                && match (gender, e.gender) {
                    (Gender::Unknown, _) | (_, None) => true,
                    (g, Some((eg, _))) => g == eg,
                }
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

struct Candidate {
    span: Span,
    kind: Option<EntityType>,
    canonical: Option<String>,
    title: Option<String>,
    honorific: Option<Gender>,
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
/// no model is built in).
pub fn extract_with(at: &ArticleText, lex: &Lexicon, tagger: EntityTagger) -> Entities {
    match (tagger, ner::Model::shipped()) {
        (EntityTagger::Statistical, Some(model)) => merge(at, tagged_candidates(at, lex, model), lex),
        _ => merge(at, rule_candidates(at, lex), lex),
    }
}

/// The tagger's spans, typed in OntoNotes terms: CoNLL LOC is GPE unless it is a region or a
/// natural feature, MISC is NORP for nationalities and political or religious groups.
fn tagged_candidates(at: &ArticleText, lex: &Lexicon, model: &ner::Model) -> Vec<Candidate> {
    let text = at.text();
    let sequences = ner::sequences(at);
    let words = ner::sequence_words(text, &sequences);
    let mut labels = model.tag(&words);
    for ((seq, ws), labels) in sequences.iter().zip(&words).zip(&mut labels) {
        honorifics_name_people(ws, labels, lex);
        known_names_the_model_missed(text, seq, ws, labels, lex);
    }
    let mut out = Vec::new();
    for ((seq, ws), labels) in sequences.iter().zip(&words).zip(&labels) {
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
            let mut span = Span::new(seq[a].start, seq[b - 1].end);
            let name = &text[span.start..span.end];
            if let Some(stripped) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")) {
                span.end = span.start + stripped.len();
            }
            let name = &text[span.start..span.end];
            if name.is_empty() || lex.is_not_entity(name) {
                continue;
            }
            let honorific = (a > 0).then(|| lex.honorific_gender(ws[a - 1])).flatten();
            let title = (a > 0 && lex.is_title(ws[a - 1].trim_end_matches('.'))).then(|| ws[a - 1].to_string());
            let alias = lex.alias(name);
            let kind = match (alias, ner::TYPES[t]) {
                (Some((_, kind)), _) => EntityType::parse(kind),
                // "Kyodo said": an outlet is an organization, and a country is a place even
                // as its government ("South Korea's military"). An outlet's name that the
                // model calls a person stays one unless it is a wire agency ("Damon Hill").
                (None, t) if lex.is_media(name) && (t != "PER" || lex.wire_agency(name).is_some()) => EntityType::Org,
                (None, "ORG") if lex.is_country(name) => EntityType::Gpe,
                (None, "PER") => EntityType::Person,
                (None, "ORG") => EntityType::Org,
                (None, "LOC") if lex.is_natural_place(name) && !lex.is_place(name) => EntityType::Loc,
                (None, "LOC") => EntityType::Gpe,
                (None, _) => {
                    let singular = name.strip_suffix('s').unwrap_or(name);
                    if lex.is_demonym(name) || lex.is_demonym(singular) || lex.is_norp_group(name) {
                        EntityType::Norp
                    } else {
                        EntityType::Misc
                    }
                }
            };
            let all_caps = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            let canonical = alias
                .map(|(c, _)| c.to_string())
                .or_else(|| (all_caps && name.len() > 3 && kind == EntityType::Gpe).then(|| title_case(name)));
            out.push(Candidate {
                span,
                kind: Some(kind),
                canonical,
                title,
                honorific,
            });
        }
    }
    out
}

/// "Mr. Okafor": capitalized words after an honorific that the model left untagged are a
/// person's name (the model has seen too few honorifics before unknown names to be sure).
fn honorifics_name_people(words: &[&str], labels: &mut [usize], lex: &Lexicon) {
    let (begin, inside) = ner::bio_labels(ner::PER);
    for i in 1..words.len() {
        if labels[i] != 0 || !is_capitalized(words[i]) || lex.honorific_gender(words[i - 1]).is_none() {
            continue;
        }
        let end = (i..words.len())
            .find(|&j| labels[j] != 0 || !is_capitalized(words[j]))
            .unwrap_or(words.len());
        labels[i] = begin;
        labels[i + 1..end].fill(inside);
    }
}

/// "(Yonhap)", "Associated Press writer Tom Baxter": runs of capitalized words the model left
/// untagged that the lexicon knows as an outlet or an alias are tagged as such (an outlet as
/// an organization; an alias's own type is applied when the span is typed).
fn known_names_the_model_missed(text: &str, seq: &[Span], words: &[&str], labels: &mut [usize], lex: &Lexicon) {
    const LONGEST: usize = 4;
    let untagged_caps = |labels: &[usize], j: usize| labels[j] == 0 && is_capitalized(words[j]);
    let mut i = 0;
    while i < words.len() {
        if !untagged_caps(labels, i) {
            i += 1;
            continue;
        }
        let mut run_end = i + 1;
        while run_end < words.len() && run_end - i < LONGEST && untagged_caps(labels, run_end) {
            run_end += 1;
        }
        let known = (i + 1..=run_end).rev().find_map(|end| {
            let name = &text[seq[i].start..seq[end - 1].end];
            let kind = if lex.is_media(name) {
                Some("ORG")
            } else {
                lex.alias(name).map(|(_, kind)| kind)
            };
            kind.and_then(ner::type_index).map(|t| (end, ner::bio_labels(t)))
        });
        match known {
            Some((end, (begin, inside))) => {
                labels[i] = begin;
                labels[i + 1..end].fill(inside);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The first tagger: capitalized runs typed by gazetteers, titles and cue context.
fn rule_candidates(at: &ArticleText, lex: &Lexicon) -> Vec<Candidate> {
    let text = at.text();
    let mut candidates = Vec::new();
    let mut mid_sentence_caps: HashSet<&str> = HashSet::default();
    for i in 0..at.sentences.len() {
        let tokens = at.sentence_tokens(i);
        let opening_marks = tokens
            .iter()
            .take_while(|t| matches!(&text[t.start..t.end], "\"" | "'" | "("))
            .count();
        for t in tokens.iter().skip(opening_marks + 1) {
            let word = &text[t.start..t.end];
            if is_capitalized(word) {
                mid_sentence_caps.insert(word);
            }
        }
    }
    for i in 0..at.sentences.len() {
        candidates.extend(candidates_in_sentence(
            text,
            at.sentence_tokens(i),
            lex,
            &mid_sentence_caps,
        ));
    }
    candidates
}

/// "NEW YORK" gives "New York".
fn title_case(name: &str) -> String {
    let word = |w: &str| -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase())
            .unwrap_or_default()
    };
    name.split_whitespace().map(word).collect::<Vec<_>>().join(" ")
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

const CONNECTORS: &[&str] = &[
    "of", "for", "de", "del", "da", "van", "von", "der", "bin", "al", "la", "&",
];

fn candidates_in_sentence(text: &str, tokens: &[Span], lex: &Lexicon, mid_caps: &HashSet<&str>) -> Vec<Candidate> {
    let word = |i: usize| &text[tokens[i].start..tokens[i].end];
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_capitalized(word(i)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < tokens.len() && is_capitalized(word(j)) && !word(j - 1).ends_with("'s") {
                j += 1;
            } else if j + 1 < tokens.len() && CONNECTORS.contains(&word(j)) && is_capitalized(word(j + 1)) {
                j += 2;
            } else {
                break;
            }
        }
        let (mut a, b) = (i, j);
        let sentence_initial = i == 0 || (i == 1 && word(0) == "\"");
        let mut title = None;
        let mut honorific = None;
        // Leading honorifics, titles and sentence-initial function words are not the name.
        while a < b {
            let w = word(a);
            // "Former Prime Minister Erik Lund", "Police Chief Ana Ruiz": a capitalized
            // multi-word title (with its modifiers) before the name.
            // "British Prime Minister ...", "Former Senator ...": a demonym or modifiers open
            // the title.
            let modifiers = (a..b)
                .take_while(|&k| lex.is_title_modifier(word(k)) || (k == a && lex.is_demonym(word(k))))
                .count();
            let is_title_at = |from: usize, n: usize| {
                from + n < b && lex.is_title(&(from..from + n).map(word).collect::<Vec<_>>().join(" "))
            };
            let phrase_end = (2..=3).rev().find(|&n| is_title_at(a, n)).map(|n| a + n).or_else(|| {
                (1..=3)
                    .rev()
                    .find(|&n| modifiers > 0 && is_title_at(a + modifiers, n))
                    .map(|n| a + modifiers + n)
            });
            if let Some(end) = phrase_end {
                title = Some((a..end).map(word).collect::<Vec<_>>().join(" "));
                a = end;
                continue;
            }
            if let Some(g) = lex.honorific_gender(w) {
                honorific = Some(g);
            } else if (lex.is_title(w) || (lex.is_title_modifier(w) && b - a > 2)) && b - a > 1 {
                title = Some(w.to_string());
            } else if !(lex.is_sentence_starter(w) && b - a > 1) {
                break;
            }
            a += 1;
        }
        i = j;
        if a >= b {
            continue;
        }
        let mut span = Span::new(tokens[a].start, tokens[b - 1].end);
        if text[span.start..span.end].ends_with("'s") {
            span.end -= 2;
        }
        let name = &text[span.start..span.end];
        if lex.is_not_entity(name)
            || (b - a == 1
                && (lex.is_sentence_starter(name) || lex.is_non_name(name) || lex.pronoun_gender(name).is_some()))
        {
            continue;
        }
        // A lone capitalized word opening a sentence is a name only if the article also
        // capitalizes it elsewhere or a gazetteer knows it.
        let known = lex.alias(name).is_some()
            || lex.is_place(name)
            || lex.is_place(&title_case(name))
            || lex.is_demonym(name)
            || lex.is_media(name);
        if b - a == 1 && sentence_initial && !known && !mid_caps.contains(name) && honorific.is_none() {
            continue;
        }
        let before_cue = {
            let rest: Vec<&str> = (b..tokens.len().min(b + 3)).map(word).collect();
            lex.cue_at(&rest).is_some()
        };
        let (kind, canonical) = classify(name, honorific.is_some() || title.is_some(), before_cue, lex);
        out.push(Candidate {
            span,
            kind,
            canonical,
            title,
            honorific,
        });
    }
    out
}

/// A type for a capitalized run, when the evidence is strong enough to decide here; `None`
/// leaves it to article-level merging (a surname of a known person, or MISC).
fn classify(name: &str, titled: bool, before_cue: bool, lex: &Lexicon) -> (Option<EntityType>, Option<String>) {
    if let Some((canonical, kind)) = lex.alias(name) {
        return (Some(EntityType::parse(kind)), Some(canonical.to_string()));
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if lex.is_media(name) {
        return (Some(EntityType::Org), None);
    }
    let all_caps = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let as_title_case = title_case(name);
    if lex.is_place(name) || (all_caps && name.len() > 3 && lex.is_place(&as_title_case)) {
        let canonical = (all_caps && name.len() > 3).then_some(as_title_case);
        return (Some(EntityType::Gpe), canonical);
    }
    if words.len() <= 2 && (lex.is_demonym(name) || name.strip_suffix('s').is_some_and(|n| lex.is_demonym(n))) {
        return (Some(EntityType::Norp), None);
    }
    if words
        .last()
        .is_some_and(|w| lex.is_legal_form(w.trim_end_matches('.')) && words.len() > 1)
        || words.iter().any(|w| lex.is_org_word(w))
    {
        return (Some(EntityType::Org), None);
    }
    if titled || (words.len() >= 2 && lex.first_name_gender(words[0]).is_some()) {
        return (Some(EntityType::Person), None);
    }
    if all_caps && words.len() == 1 && name.len() <= 6 && name.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
        return (Some(EntityType::Org), None);
    }
    let has_connector = words.iter().any(|w| CONNECTORS.contains(w));
    if before_cue && (2..=3).contains(&words.len()) && !has_connector {
        return (Some(EntityType::Person), None);
    }
    (None, None)
}

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

fn merge(at: &ArticleText, candidates: Vec<Candidate>, lex: &Lexicon) -> Entities {
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
    for (ci, c) in candidates.iter().enumerate() {
        let name = &text[c.span.start..c.span.end];
        if c.kind != Some(EntityType::Person) || assigned[ci].is_some() {
            continue;
        }
        let idx = parts.person(name, &entities, true).unwrap_or_else(|| {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(text: &str) -> Vec<(String, &'static str, usize)> {
        tag_with(text, EntityTagger::Rules)
    }

    fn tag_with(text: &str, tagger: EntityTagger) -> Vec<(String, &'static str, usize)> {
        let lex = Lexicon::get();
        let at = ArticleText::new(text, lex);
        let ents = extract_with(&at, lex, tagger);
        ents.entities
            .iter()
            .map(|e| (e.name.clone(), e.kind.as_str(), e.mentions.len()))
            .collect()
    }

    #[test]
    fn surname_and_honorific_join_the_full_name() {
        let got =
            tag("State Department spokesman John Kirby spoke on Monday. Later Mr. Kirby left, and Kirby was tired.");
        assert!(got.contains(&("John Kirby".to_string(), "PERSON", 3)), "{got:?}");
        assert!(
            got.iter().any(|(n, t, _)| n == "State Department" && *t == "ORG"),
            "{got:?}"
        );
    }

    #[test]
    fn country_aliases_become_one_entity() {
        let got = tag("The U.S. and the United States are the same. So is America, officials said. The US agreed.");
        assert!(got.contains(&("United States".to_string(), "GPE", 4)), "{got:?}");
    }

    #[test]
    fn both_taggers_merge_names_and_country_aliases() {
        let cases = [
            (
                "State Department spokesman John Kirby spoke on Monday. Later Mr. Kirby left, and Kirby was tired.",
                ("John Kirby", "PERSON", 3),
            ),
            (
                "The U.S. and the United States are the same. So is America, officials said. The US agreed.",
                ("United States", "GPE", 4),
            ),
        ];
        for tagger in [EntityTagger::Rules, EntityTagger::Statistical] {
            for (text, (name, kind, mentions)) in cases {
                let got = tag_with(text, tagger);
                assert!(got.contains(&(name.to_string(), kind, mentions)), "{tagger:?} {got:?}");
            }
        }
    }

    #[test]
    fn tagger_finds_people_companies_countries_demonyms_and_cities() {
        let got = tag_with(
            "Maria Lopez, who founded Brightloom Textiles Ltd in 2004, said the company would open a plant \
             in Manchester next year. France welcomed the plan, and French unions said they would study it.",
            EntityTagger::Statistical,
        );
        let has = |name: &str, kind: &str| got.iter().any(|(n, t, _)| n == name && *t == kind);
        assert!(has("Maria Lopez", "PERSON"), "{got:?}");
        assert!(has("Brightloom Textiles Ltd", "ORG"), "{got:?}");
        assert!(has("Manchester", "GPE"), "{got:?}");
        assert!(has("France", "GPE"), "{got:?}");
        assert!(has("French", "NORP"), "{got:?}");
    }

    #[test]
    fn a_persons_honorific_and_title_are_not_part_of_the_name() {
        for tagger in [EntityTagger::Rules, EntityTagger::Statistical] {
            let got = tag_with(
                "Mr. Okafor, the town's treasurer, said the budget was balanced. Governor Amaka Obi agreed. \
                 Mr. Haddad, the village's mayor, said the water supply had been restored.",
                tagger,
            );
            let people: Vec<&str> = got
                .iter()
                .filter(|(_, t, _)| *t == "PERSON")
                .map(|(n, _, _)| n.as_str())
                .collect();
            assert_eq!(people, ["Okafor", "Amaka Obi", "Haddad"], "{tagger:?} {got:?}");
        }
    }

    #[test]
    fn outlets_and_countries_keep_their_lexicon_type_under_the_model() {
        let got = tag_with(
            "TOKYO, May 2 (Kyodo) -- Kyodo said the vote was close, and Japan's coalition agreed. \
             Associated Press writer Mina Park contributed to this report.",
            EntityTagger::Statistical,
        );
        let has = |name: &str, kind: &str| got.iter().any(|(n, t, _)| n == name && *t == kind);
        assert!(has("Kyodo", "ORG"), "{got:?}");
        assert!(has("Associated Press", "ORG"), "{got:?}");
        assert!(has("Japan", "GPE"), "{got:?}");
        assert!(has("Mina Park", "PERSON"), "{got:?}");
    }

    #[test]
    fn diseases_are_not_entities_and_big_platforms_are_organizations() {
        for tagger in [EntityTagger::Rules, EntityTagger::Statistical] {
            let got = tag_with(
                "Cases rose again, Dr Mensah said, because Covid had spread to the north after the holiday. \
                 Google and Netflix said they would reopen offices.",
                tagger,
            );
            let has = |name: &str, kind: &str| got.iter().any(|(n, t, _)| n == name && *t == kind);
            assert!(!got.iter().any(|(n, _, _)| n == "Covid"), "{tagger:?} {got:?}");
            assert!(has("Google", "ORG") && has("Netflix", "ORG"), "{tagger:?} {got:?}");
        }
    }

    #[test]
    fn possessives_are_split_off_as_the_model_was_trained() {
        for text in [
            "Japan's coalition agreed, and Kenya's president said so.",
            "Japan’s coalition agreed, and Kenya’s president said so.",
            "JAPAN'S COALITION AGREED, AND KENYA'S PRESIDENT SAID SO.",
        ] {
            let got = tag_with(text, EntityTagger::Statistical);
            let has = |name: &str| got.iter().any(|(n, t, _)| n == name && *t == "GPE");
            assert!(has("Japan") && has("Kenya"), "{text} {got:?}");
        }
        // "I'm" is a pronoun and a verb to the model, as CoNLL writes it, not a name.
        let got = tag_with(
            "\"The way I'm playing is silly,\" said Garcia, who beat Novak. \"I'm glad to be part of it, \
             I've told Carla Ruiz.\"",
            EntityTagger::Statistical,
        );
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["Garcia", "Novak", "Carla Ruiz"], "{got:?}");
        // A possessive inside a name stays in it.
        let got = tag_with(
            "The rating was cut by Moody's Investors Service on Tuesday.",
            EntityTagger::Statistical,
        );
        assert!(
            got.iter()
                .any(|(n, t, _)| n == "Moody's Investors Service" && *t == "ORG"),
            "{got:?}"
        );
    }

    #[test]
    fn the_rule_tagger_still_works_without_a_model() {
        let lex = Lexicon::get();
        let at = ArticleText::new(
            "Senator Laura Whitfield visited Seoul. Whitfield said it went well.",
            lex,
        );
        let ents = merge(&at, rule_candidates(&at, lex), lex);
        let names: Vec<(&str, &str)> = ents
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind.as_str()))
            .collect();
        assert!(names.contains(&("Laura Whitfield", "PERSON")), "{names:?}");
        assert!(names.contains(&("Seoul", "GPE")), "{names:?}");
    }

    #[test]
    fn sentence_initial_function_words_are_not_entities() {
        let got = tag("However, the plan failed. The talks in Seoul ended.");
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Seoul"]);
    }

    #[test]
    fn demonyms_are_norp_and_dateline_caps_are_places() {
        let got = tag("SEOUL, Oct. 3 -- South Korean and French diplomats met.");
        assert!(got.iter().any(|(n, t, _)| n == "Seoul" && *t == "GPE"), "{got:?}");
        assert!(got.iter().any(|(n, t, _)| n == "French" && *t == "NORP"), "{got:?}");
    }
}
