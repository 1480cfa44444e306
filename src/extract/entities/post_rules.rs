//! The named post-rules that correct the model's typed spans, in the order they run. Each
//! rule sees the whole article's candidates, may add, cut, retype or drop them, and marks
//! what it changed with its name, which the mention row carries (`entity_mentions.rule`).
//! Each rule's example sentences are its tests (in `tests.rs`, by rule name).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::rule_tagger::{is_capitalized, title_case};
use super::spans::Tokens;
use super::{person_like, Candidate, EntityType};
use crate::lexicon::Lexicon;
use crate::text::ArticleText;

/// A post-rule: its name, carried by the mentions it changes, and what it does.
pub(super) struct PostRule {
    pub name: &'static str,
    pub apply: fn(&Ctx, &mut Vec<Candidate>),
}

/// What every rule reads: the article, the model's tokens, the lexicon.
pub(super) struct Ctx<'a> {
    pub at: &'a ArticleText<'a>,
    pub tokens: &'a Tokens<'a>,
    pub lex: &'a Lexicon,
}

impl Ctx<'_> {
    fn name<'c>(&'c self, c: &Candidate) -> &'c str {
        &self.at.text()[c.span.start..c.span.end]
    }
    /// The word `offset` tokens from the candidate's end (0 = the next one), in its sequence.
    fn after(&self, c: &Candidate, offset: usize) -> Option<&str> {
        let (k, _, b) = c.tokens?;
        self.tokens.words[k].get(b + offset).copied()
    }
    /// The word `offset` tokens before the candidate's start (1 = the previous one).
    fn before(&self, c: &Candidate, offset: usize) -> Option<&str> {
        let (k, a, _) = c.tokens?;
        a.checked_sub(offset).map(|i| self.tokens.words[k][i])
    }
    /// Names the lexicon types itself, which no article-level vote may change.
    fn known(&self, name: &str) -> bool {
        self.lex.is_media(name) || self.lex.is_place(name) || self.lex.alias(name).is_some()
    }
}

/// The post-rules, in order.
pub(super) const POST_RULES: &[PostRule] = &[
    PostRule {
        name: "honorific_name",
        apply: honorific_names,
    },
    PostRule {
        name: "known_name",
        apply: known_names,
    },
    PostRule {
        name: "title_not_name",
        apply: titles_are_not_names,
    },
    PostRule {
        name: "lexicon_type",
        apply: lexicon_types,
    },
    PostRule {
        name: "work_title",
        apply: work_titles,
    },
    PostRule {
        name: "platform",
        apply: platforms,
    },
    PostRule {
        name: "not_entity",
        apply: not_entities,
    },
    PostRule {
        name: "one_type_per_name",
        apply: one_type_per_name,
    },
];

/// Runs every post-rule in order; the candidates stay in text order.
pub(super) fn apply(at: &ArticleText, tokens: &Tokens, candidates: &mut Vec<Candidate>, lex: &Lexicon) {
    let ctx = Ctx { at, tokens, lex };
    for rule in POST_RULES {
        (rule.apply)(&ctx, candidates);
        debug_assert!(candidates.iter().all(|c| !c.rule.is_empty()), "{}", rule.name);
    }
}

/// Which tokens of each sequence a candidate covers.
fn covered(ctx: &Ctx, candidates: &[Candidate]) -> Vec<Vec<bool>> {
    let mut out: Vec<Vec<bool>> = ctx.tokens.words.iter().map(|w| vec![false; w.len()]).collect();
    for (k, a, b) in candidates.iter().filter_map(|c| c.tokens) {
        out[k][a..b].fill(true);
    }
    out
}

fn new_candidate(ctx: &Ctx, (k, a, b): (usize, usize, usize), kind: EntityType, rule: &'static str) -> Candidate {
    Candidate {
        span: ctx.tokens.span(k, a, b),
        kind: Some(kind),
        canonical: None,
        title: None,
        honorific: None,
        rule,
        tokens: Some((k, a, b)),
    }
}

fn insert_in_order(candidates: &mut Vec<Candidate>, added: Vec<Candidate>) {
    if !added.is_empty() {
        candidates.extend(added);
        candidates.sort_by_key(|c| c.span.start);
    }
}

/// "Mr. Okafor": capitalized words after an honorific that the model left untagged are a
/// person's name (the model has seen too few honorifics before unknown names to be sure).
fn honorific_names(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    let covered = covered(ctx, candidates);
    let mut added = Vec::new();
    for (k, words) in ctx.tokens.words.iter().enumerate() {
        let free = |j: usize| !covered[k][j] && is_capitalized(words[j]);
        let mut i = 1;
        while i < words.len() {
            if !free(i) || ctx.lex.honorific_gender(words[i - 1]).is_none() {
                i += 1;
                continue;
            }
            let end = (i..words.len()).find(|&j| !free(j)).unwrap_or(words.len());
            let mut c = new_candidate(ctx, (k, i, end), EntityType::Person, "honorific_name");
            c.honorific = ctx.lex.honorific_gender(words[i - 1]);
            added.push(c);
            i = end;
        }
    }
    insert_in_order(candidates, added);
}

/// "(Yonhap)", "Associated Press writer Tom Baxter": runs of capitalized words the model left
/// untagged that the lexicon knows as an outlet or an alias are tagged as such (an outlet as
/// an organization, an alias with its own type).
fn known_names(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    const LONGEST: usize = 4;
    let covered = covered(ctx, candidates);
    let text = ctx.at.text();
    let mut added = Vec::new();
    for (k, words) in ctx.tokens.words.iter().enumerate() {
        let seq = &ctx.tokens.spans[k];
        let free = |j: usize| !covered[k][j] && is_capitalized(words[j]);
        let mut i = 0;
        while i < words.len() {
            if !free(i) {
                i += 1;
                continue;
            }
            let mut run_end = i + 1;
            while run_end < words.len() && run_end - i < LONGEST && free(run_end) {
                run_end += 1;
            }
            let known = (i + 1..=run_end).rev().find_map(|end| {
                let name = &text[seq[i].start..seq[end - 1].end];
                let kind = if ctx.lex.is_media(name) {
                    Some(EntityType::Org)
                } else {
                    ctx.lex.alias(name).map(|(_, kind)| EntityType::parse(kind))
                };
                kind.map(|kind| (end, kind))
            });
            match known {
                Some((end, kind)) => {
                    added.push(new_candidate(ctx, (k, i, end), kind, "known_name"));
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    insert_in_order(candidates, added);
}

/// Whether a word is part of a title ("PM", "Prime Minister", "Foreign", "former").
fn title_word(lex: &Lexicon, w: &str) -> bool {
    let w = w.trim_end_matches('.');
    lex.is_title(w) || lex.is_title_modifier(w)
}

/// A name that reads as a person's full name: two or three capitalized words, none of them
/// an organization's word or legal form, not "The ...", not a place, outlet or alias.
pub(super) fn person_shaped(name: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let name_word = |w: &&str| {
        is_capitalized(w)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            && (w.chars().any(char::is_lowercase) || (w.len() <= 2 && w.ends_with('.')))
    };
    (2..=3).contains(&words.len())
        && words.iter().all(name_word)
        && person_like(name, lex)
        && !lex.is_place(name)
        && !lex.is_media(name)
        && lex.alias(name).is_none()
        && !words
            .iter()
            .any(|w| lex.is_demonym(w) || lex.is_country(w) || lex.is_non_person_word(w))
}

/// A title is not a name, and a name after a title is a person's:
/// - "the PM", "the Chancellor": a name of title words only is dropped;
/// - "Defence Secretary Ben Wallace" as one name: the person is "Ben Wallace";
/// - "Labour MP" before a name: the title is cut off; what is left stays only when the
///   article names it alone elsewhere ("Labour" does, "Defence" does not);
/// - "Chancellor Rishi Sunak" typed an organization: a person.
fn titles_are_not_names(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    const RULE: &str = "title_not_name";
    let lex = ctx.lex;
    let alone: HashSet<String> = candidates.iter().map(|c| ctx.name(c).to_string()).collect();
    let mut drop = vec![false; candidates.len()];
    for i in 0..candidates.len() {
        let Some((k, a, b)) = candidates[i].tokens else {
            continue;
        };
        let words = &ctx.tokens.words[k][a..b];
        let is_person = candidates[i].kind == Some(EntityType::Person);
        let phrase = words.join(" ");
        if !is_person && (words.iter().all(|w| title_word(lex, w)) || lex.is_title(&phrase)) {
            drop[i] = true;
            continue;
        }
        if is_person {
            // The last title word with a name after it; a title that is also a first name
            // ("Dean Jones") does not count.
            let cut = (0..words.len().saturating_sub(1))
                .rev()
                .find(|&j| lex.is_title(words[j].trim_end_matches('.')) && lex.first_name_gender(words[j]).is_none());
            if let Some(j) = cut {
                let c = &mut candidates[i];
                c.title = Some(words[..=j].join(" "));
                c.tokens = Some((k, a + j + 1, b));
                c.span.start = ctx.tokens.spans[k][a + j + 1].start;
                c.rule = RULE;
            }
            continue;
        }
        let ends_in_title = words.len() > 1 && words.last().is_some_and(|w| lex.is_title(w.trim_end_matches('.')));
        let next_adjacent = candidates
            .get(i + 1)
            .and_then(|n| n.tokens)
            .is_some_and(|(nk, na, _)| nk == k && na == b);
        if ends_in_title && next_adjacent {
            let head = (0..words.len())
                .find(|&j| title_word(lex, words[j]))
                .unwrap_or(words.len());
            let rest = (head > 0).then(|| ctx.tokens.span(k, a, a + head));
            let title = words[head..].join(" ");
            match rest.filter(|s| alone.contains(&ctx.at.text()[s.start..s.end])) {
                Some(span) => {
                    let c = &mut candidates[i];
                    c.span = span;
                    c.tokens = Some((k, a, a + head));
                    c.rule = RULE;
                }
                None => drop[i] = true,
            }
            let next = &mut candidates[i + 1];
            next.title = Some(title);
            if next.kind != Some(EntityType::Person) && person_shaped(ctx.name(next), lex) {
                next.kind = Some(EntityType::Person);
                next.rule = RULE;
            }
        }
    }
    for c in candidates.iter_mut() {
        if c.title.is_some() && c.kind != Some(EntityType::Person) && person_shaped(ctx.name(c), lex) {
            c.kind = Some(EntityType::Person);
            c.rule = RULE;
        }
    }
    let mut i = 0;
    candidates.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// "Kyodo said", "the U.S.", "South Korea's military": an outlet is an organization, an
/// alias takes its canonical name and type, and a country is a place even as its
/// government. An outlet's name that the model calls a person stays one unless it is a wire
/// agency ("Damon Hill"). "NEW YORK" is the place "New York".
// Every post-rule has one signature; others add or drop candidates.
#[allow(clippy::ptr_arg)]
fn lexicon_types(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    const RULE: &str = "lexicon_type";
    let lex = ctx.lex;
    for c in candidates.iter_mut() {
        let name = &ctx.at.text()[c.span.start..c.span.end];
        let new_kind = if let Some((canonical, kind)) = lex.alias(name) {
            c.canonical = Some(canonical.to_string());
            Some(EntityType::parse(kind))
        } else if lex.is_media(name) && (c.kind != Some(EntityType::Person) || lex.wire_agency(name).is_some()) {
            Some(EntityType::Org)
        } else if c.kind == Some(EntityType::Org) && lex.is_country(name) {
            Some(EntityType::Gpe)
        } else {
            None
        };
        if let Some(kind) = new_kind {
            if c.kind != Some(kind) || c.canonical.is_some() {
                c.rule = RULE;
            }
            c.kind = Some(kind);
        }
        let all_caps = name.chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase);
        if c.canonical.is_none() && all_caps && name.len() > 3 && c.kind == Some(EntityType::Gpe) {
            c.canonical = Some(title_case(name));
        }
    }
}

/// "the film Psycho", "her memoir, Call Me Crazy, in which", "films such as Donnie Brasco",
/// "Rampart (2011)": a name right after a noun of a work (`lexicon/work_nouns.tsv`), or
/// followed by a year in brackets, is the work's title, which CoNLL types MISC; so are its
/// other mentions in the article.
// Every post-rule has one signature; others add or drop candidates.
#[allow(clippy::ptr_arg)]
fn work_titles(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    const RULE: &str = "work_title";
    let titles: HashSet<&str> = candidates
        .iter()
        .filter(|c| c.kind.is_some_and(|k| k != EntityType::Misc))
        .filter(|c| introduced_as_work(ctx, c) || dated_in_brackets(ctx, c))
        .map(|c| ctx.name(c))
        .collect();
    if titles.is_empty() {
        return;
    }
    let titles: HashSet<String> = titles.into_iter().map(str::to_string).collect();
    for c in candidates.iter_mut() {
        if c.kind.is_some_and(|k| k != EntityType::Misc) && titles.contains(ctx.name(c)) {
            c.kind = Some(EntityType::Misc);
            c.rule = RULE;
        }
    }
}

/// Words that may stand between a work's noun and its title: "films such as", "a song
/// called", "her memoir, Call Me Crazy".
const WORK_GAP: [&str; 8] = ["such", "as", "including", "like", "called", "titled", "entitled", ","];

/// What comes before a work noun that is also a verb when it is the noun: "the show", "her
/// play", "the hit TV show".
const WORK_DETERMINERS: [&str; 18] = [
    "the", "a", "an", "his", "her", "their", "its", "my", "our", "your", "new", "hit", "tv", "radio", "comedy",
    "stage", "debut", "latest",
];

/// Whether a noun of a work comes right before the name, or at most two gap words before it.
/// After a comma only an appositive title counts ("her memoir, Call Me Crazy, in which"), so
/// that "after the series, Smith said" leaves Smith a person.
fn introduced_as_work(ctx: &Ctx, c: &Candidate) -> bool {
    for offset in 1..=3 {
        let Some(w) = ctx.before(c, offset) else {
            return false;
        };
        if let Some(also_verb) = ctx.lex.work_noun(w) {
            let comma = (1..offset).any(|o| ctx.before(c, o) == Some(","));
            let determined = || {
                ctx.before(c, offset + 1)
                    .is_some_and(|d| WORK_DETERMINERS.contains(&d.to_lowercase().as_str()))
            };
            return (!comma || ctx.after(c, 0) == Some(",")) && (!also_verb || determined());
        }
        if !WORK_GAP.contains(&w) {
            return false;
        }
    }
    false
}

/// "Rampart (2011)", "Men in Trees (2006-08)": a year in brackets after a name dates a work. A
/// person's name keeps its type before a span of years ("Anne Heche (1969-2022)"), a life.
fn dated_in_brackets(ctx: &Ctx, c: &Candidate) -> bool {
    let year = |w: &str| {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
    };
    if ctx.after(c, 0) != Some("(") || !ctx.after(c, 1).is_some_and(year) {
        return false;
    }
    let single_year = ctx.after(c, 1).is_some_and(|w| w.len() == 4) && ctx.after(c, 2) == Some(")");
    c.kind != Some(EntityType::Person) || single_year
}

/// "on Instagram", "Twitter users", "on Facebook, Twitter and TikTok": a platform
/// (`lexicon/platforms.txt`) used as the medium is a product, MISC; "Twitter said" stays an
/// organization.
#[allow(clippy::ptr_arg)]
fn platforms(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    const RULE: &str = "platform";
    let text = ctx.at.text();
    let mut last_medium: Option<usize> = None;
    for c in candidates.iter_mut() {
        let name = &text[c.span.start..c.span.end];
        if !ctx.lex.is_platform(name) {
            continue;
        }
        let listed = last_medium.is_some_and(|end| {
            end <= c.span.start && matches!(text[end..c.span.start].trim(), "," | "and" | "or" | ", and" | ", or")
        });
        let medium = matches!(ctx.before(c, 1), Some("on" | "On" | "via" | "across"))
            || ctx.after(c, 0).is_some_and(|w| ctx.lex.is_platform_word(w))
            || listed;
        if medium {
            c.kind = Some(EntityType::Misc);
            c.rule = RULE;
            last_medium = Some(c.span.end);
        }
    }
}

/// "Covid": names the lexicon lists as not entities (`lexicon/not_entities.txt`).
fn not_entities(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    candidates.retain(|c| !ctx.lex.is_not_entity(ctx.name(c)));
}

/// Weights of the evidence in [`one_type_per_name`]: each mention's own type counts 1.
const PERSON_TITLE_WEIGHT: f32 = 2.0;
const PERSON_SPEECH_WEIGHT: f32 = 1.5;
const PERSON_FIRST_NAME_WEIGHT: f32 = 1.0;

const KINDS: [EntityType; 6] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Gpe,
    EntityType::Loc,
    EntityType::Norp,
    EntityType::Misc,
];

/// One name, one type within an article: "Putin" typed a place in "Putin's invasion" but a
/// person in "Putin said", or "Rishi Sunak" an organization once and a person twice, is a
/// person when most of its mentions and the evidence say so. (A vote among the other types
/// was tried and retyped as many names wrongly as rightly: "NFL" became MISC.) A surname alone ("Sunak") votes with
/// the one full name of the article that ends with it. Evidence for a person: a title or an
/// honorific before a mention ("the chancellor, Rishi Sunak"), a speech verb after a
/// person-shaped name, and a known first name. Names the lexicon types are left alone.
// Every post-rule has one signature; others add or drop candidates.
#[allow(clippy::ptr_arg)]
fn one_type_per_name(ctx: &Ctx, candidates: &mut Vec<Candidate>) {
    const RULE: &str = "one_type_per_name";
    let lex = ctx.lex;
    let names: Vec<&str> = candidates.iter().map(|c| ctx.name(c)).collect();
    let mut full_by_last: HashMap<&str, Vec<&str>> = HashMap::default();
    for &name in &names {
        if person_shaped(name, lex) {
            if let Some(last) = name.split_whitespace().last() {
                let list = full_by_last.entry(last).or_default();
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
    }
    let key = |name: &str| -> String {
        match full_by_last.get(name) {
            Some(full) if full.len() == 1 && !ctx.known(name) => full[0].to_string(),
            _ => name.to_string(),
        }
    };
    let keys: Vec<String> = names.iter().map(|n| key(n)).collect();
    let fixed = |c: &Candidate| matches!(c.rule, "lexicon_type" | "known_name") || ctx.known(ctx.name(c));
    let mut votes: HashMap<&str, [f32; 6]> = HashMap::default();
    for (c, key) in candidates.iter().zip(&keys) {
        let Some(kind) = c.kind.filter(|_| !fixed(c)) else {
            continue;
        };
        let v = votes.entry(key.as_str()).or_default();
        if let Some(i) = KINDS.iter().position(|&k| k == kind) {
            v[i] += 1.0;
        }
        let shaped = person_shaped(key, lex);
        let titled = c.title.is_some()
            || c.honorific.is_some()
            || ctx.before(c, 1).is_some_and(|w| lex.is_title(w))
            || (ctx.before(c, 1) == Some(",") && ctx.before(c, 2).is_some_and(|w| lex.is_title(w)));
        if titled && (shaped || c.tokens.is_some_and(|(_, a, b)| b - a == 1)) {
            v[0] += PERSON_TITLE_WEIGHT;
        }
        if shaped && ctx.after(c, 0).is_some_and(|w| lex.cue_at(&[w]).is_some()) {
            v[0] += PERSON_SPEECH_WEIGHT;
        }
    }
    for (key, v) in votes.iter_mut() {
        let first = key.split_whitespace().next().unwrap_or("");
        if person_shaped(key, lex) && lex.first_name_gender(first).is_some() {
            v[0] += PERSON_FIRST_NAME_WEIGHT;
        }
    }
    for (c, key) in candidates.iter_mut().zip(&keys) {
        if c.kind.is_none() || matches!(c.rule, "lexicon_type" | "known_name" | "work_title" | "platform") {
            continue;
        }
        let Some(v) = votes.get(key.as_str()) else {
            continue;
        };
        let best = (0..KINDS.len()).max_by(|&x, &y| v[x].total_cmp(&v[y])).unwrap_or(0);
        let own = KINDS.iter().position(|&k| Some(k) == c.kind).unwrap_or(best);
        // A tie keeps the mention's own type, and a person stays one: the model rarely calls
        // a non-person a person, while the vote of a surname's other mentions is often wrong
        // ("Truss" an organization four times, "Liz Truss" a person once).
        if best == 0 && v[best] > v[own] && c.kind != Some(EntityType::Person) {
            c.kind = Some(KINDS[best]);
            c.rule = RULE;
        }
    }
}

#[cfg(test)]
pub(super) fn rule_names() -> Vec<&'static str> {
    POST_RULES.iter().map(|r| r.name).collect()
}

#[cfg(test)]
mod unit {
    use super::*;
    use crate::extract::ner;

    #[test]
    fn person_shape_takes_full_names_only() {
        let lex = Lexicon::get();
        for name in ["Rishi Sunak", "Malcolm Middleton", "Liz Truss", "Anne C. Heche"] {
            assert!(person_shaped(name, lex), "{name}");
        }
        for name in [
            "Sunak",
            "Labour Party",
            "BBC News",
            "New York",
            "The Times",
            "Acme Holdings Ltd",
        ] {
            assert!(!person_shaped(name, lex), "{name}");
        }
    }

    #[test]
    fn the_type_index_covers_every_model_type() {
        for t in ner::TYPES {
            let kind = super::super::spans::ontonotes_type(t, "x", Lexicon::get());
            assert!(KINDS.contains(&kind));
        }
    }
}
