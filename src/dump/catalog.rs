//! The entity catalog: one entry per distinct entity of the dump, the link of every entity row
//! to its entry, and the link decisions kept between runs so that ids never change.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::names::{is_short_form, name_key, pick_link, short_forms, without_initials};
use crate::lexicon::Lexicon;

/// What the dump knows of one article, for the rows that belong to it.
#[derive(Debug, Clone)]
pub struct ArticleInfo {
    pub micros: Option<i64>,
    pub month: Option<i32>,
    pub duplicate: bool,
    pub outlet: Option<String>,
}

/// Why an entity row belongs to its catalog entry.
pub const LINK_SAME_NAME: &str = "same_name";
pub const LINK_SURNAME: &str = "surname";
pub const LINK_INITIALS: &str = "initials";
/// A person name with words before a better-attested full name ("Represenative Clayton
/// Yeutter", a title misspelt into the name).
pub const LINK_PREFIXED: &str = "prefixed";
/// The decision was taken by an earlier resolve and kept, though the dump now decides
/// otherwise (see [`LinkState`]).
pub const LINK_KEPT: &str = "kept";

/// Link decisions of earlier resolves of a dataset: per bare surname and month, the runs from
/// which each decision holds. A row of a run resolved before keeps the decision it was given;
/// rows of new runs follow what the dump says now.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkState {
    pub resolved_runs: BTreeSet<String>,
    /// "surname\tmonth" (month "-" when undated) -> [(from run, linked full-name key or "")].
    pub decisions: BTreeMap<String, Vec<(String, String)>>,
}

#[derive(Default)]
struct KeyFacts {
    types: Vec<(String, u64)>,
    months: BTreeSet<i32>,
    rows: u32,
}

fn add_weight(types: &mut Vec<(String, u64)>, ty: &str, weight: u64) {
    match types.iter_mut().find(|(t, _)| t == ty) {
        Some((_, w)) => *w += weight,
        None => types.push((ty.to_string(), weight)),
    }
}

/// The type with the most weight; ties go to the name first in the alphabet, so the result
/// does not depend on the order rows came in.
fn majority(types: &[(String, u64)]) -> Option<&str> {
    types
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(t, _)| t.as_str())
}

/// One catalog entry being counted.
#[derive(Default)]
pub struct Entry {
    names: FxHashMap<String, u64>,
    types: Vec<(String, u64)>,
    pub n_articles: u64,
    pub n_mentions: u64,
    pub n_quotes: u64,
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
    last_article: u64,
}

/// A finished catalog row.
#[derive(Debug, Clone)]
pub struct CatalogRow {
    pub canonical_id: String,
    pub name: String,
    pub entity_type: String,
    pub aliases: Vec<String>,
    pub n_articles: u64,
    pub n_mentions: u64,
    pub n_quotes: u64,
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
}

/// At most this many aliases per entry, the most mentioned first.
const MAX_ALIASES: usize = 20;

pub struct Catalog {
    window: i32,
    min_support: u32,
    keys: Vec<String>,
    key_index: FxHashMap<String, u32>,
    facts: Vec<KeyFacts>,
    /// entity_id -> key, for the quotes and sources that point at entity rows.
    entity_key: FxHashMap<String, u32>,
    /// Short-form key -> the full person-name keys it could stand for.
    candidates: FxHashMap<u32, Vec<u32>>,
    /// A person name with middle initials, or with words before a full name -> that name.
    initials: FxHashMap<u32, (u32, &'static str)>,
    fresh: FxHashMap<(u32, Option<i32>), Option<u32>>,
    pub state: LinkState,
    entries: FxHashMap<u32, Entry>,
}

impl Catalog {
    pub fn new(window: i32, min_support: u32, state: LinkState) -> Catalog {
        Catalog {
            window,
            min_support,
            keys: Vec::new(),
            key_index: FxHashMap::default(),
            facts: Vec::new(),
            entity_key: FxHashMap::default(),
            candidates: FxHashMap::default(),
            initials: FxHashMap::default(),
            fresh: FxHashMap::default(),
            state,
            entries: FxHashMap::default(),
        }
    }

    fn key_of(&mut self, name: &str) -> u32 {
        let key = name_key(name);
        if let Some(&i) = self.key_index.get(&key) {
            return i;
        }
        let i = self.keys.len() as u32;
        self.keys.push(key.clone());
        self.key_index.insert(key, i);
        self.facts.push(KeyFacts::default());
        i
    }

    /// Pass 1: what each name is typed as, and in which months it is in the news.
    pub fn observe(&mut self, entity_id: &str, name: &str, ty: &str, mentions: u32, article: Option<&ArticleInfo>) {
        let key = self.key_of(name);
        if !self.entity_key.contains_key(entity_id) {
            self.entity_key.insert(entity_id.to_string(), key);
        }
        let facts = &mut self.facts[key as usize];
        add_weight(&mut facts.types, ty, u64::from(mentions.max(1)));
        facts.rows += 1;
        if let Some(m) = article.and_then(|a| a.month) {
            facts.months.insert(m);
        }
    }

    /// Between the passes: which names a short form or an initialed name could stand for. A
    /// short form links only to full names seen in `min_support` entity rows or more: a name
    /// seen once (a misspelling, a tagger's slip, someone in one story) neither takes the
    /// dump's bare mentions nor makes them ambiguous.
    pub fn prepare(&mut self, lex: &Lexicon) {
        let particle = |w: &str| lex.is_surname_particle(w);
        let person: Vec<bool> = self
            .facts
            .iter()
            .map(|f| majority(&f.types) == Some("PERSON"))
            .collect();
        let mut by_plain: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for (i, key) in self.keys.iter().enumerate() {
            if !person[i] {
                continue;
            }
            if let Some(&p) = without_initials(key).and_then(|p| self.key_index.get(&p)) {
                if person[p as usize] {
                    by_plain.entry(p).or_default().push(i as u32);
                }
            }
        }
        for (p, ks) in by_plain {
            if let [only] = ks[..] {
                self.initials.insert(only, (p, LINK_INITIALS));
            }
        }
        for (i, key) in self.keys.iter().enumerate() {
            let words: Vec<&str> = key.split(' ').collect();
            if !person[i] || words.len() < 3 || self.initials.contains_key(&(i as u32)) {
                continue;
            }
            let rows = self.facts[i].rows;
            let longer: Vec<u32> = (1..words.len() - 1)
                .filter_map(|start| self.key_index.get(&words[start..].join(" ")).copied())
                .filter(|&k| person[k as usize] && self.facts[k as usize].rows >= 2.max(rows + 1))
                .collect();
            if let [only] = longer[..] {
                self.initials.insert(i as u32, (only, LINK_PREFIXED));
            }
        }
        let mut by_form: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, key) in self.keys.iter().enumerate() {
            if !person[i] || is_short_form(key, particle) || self.initials.contains_key(&(i as u32)) {
                continue;
            }
            for form in short_forms(key, particle) {
                by_form.entry(form).or_default().push(i as u32);
            }
        }
        // Words that open full person names more often than they end them are first names
        // ("Charles", "Michael"): a bare one is not taken for a surname.
        let mut first_last: FxHashMap<&str, (u32, u32)> = FxHashMap::default();
        for (i, key) in self.keys.iter().enumerate() {
            if let (true, Some((first, _)), Some((_, last))) = (person[i], key.split_once(' '), key.rsplit_once(' ')) {
                first_last.entry(first).or_default().0 += self.facts[i].rows;
                first_last.entry(last).or_default().1 += self.facts[i].rows;
            }
        }
        for (i, key) in self.keys.iter().enumerate() {
            if !person[i] || !is_short_form(key, particle) {
                continue;
            }
            if first_last.get(key.as_str()).is_some_and(|(f, l)| f >= l) {
                continue;
            }
            if let Some(cands) = by_form.get(key.as_str()) {
                let supported: Vec<u32> = cands
                    .iter()
                    .copied()
                    .filter(|&c| self.facts[c as usize].rows >= self.min_support)
                    .collect();
                if !supported.is_empty() {
                    self.candidates.insert(i as u32, supported);
                }
            }
        }
    }

    /// What the dump says now of a row of `key` in `month`: the entry it links to, and why.
    fn decide(&mut self, key: u32, month: Option<i32>) -> Option<(u32, &'static str)> {
        if let Some(&link) = self.initials.get(&key) {
            return Some(link);
        }
        let cands = self.candidates.get(&key)?;
        let window = self.window;
        let facts = &self.facts;
        let fresh = *self.fresh.entry((key, month)).or_insert_with(|| {
            pick_link(cands.len(), month, window, |i, m| {
                facts[cands[i] as usize].months.contains(&m)
            })
            .map(|i| cands[i])
        });
        fresh.map(|t| (t, LINK_SURNAME))
    }

    /// The entry a row of name key `key` in `month`, from run `run`, belongs to, and why.
    /// Rows of runs resolved before keep the entry they were given.
    fn entry_of(&mut self, key: u32, month: Option<i32>, run: &str) -> (u32, &'static str) {
        if !self.initials.contains_key(&key) && !self.candidates.contains_key(&key) {
            return (key, LINK_SAME_NAME);
        }
        let fresh = self.decide(key, month);
        let now = fresh.unwrap_or((key, LINK_SAME_NAME));
        if run.is_empty() {
            return now;
        }
        let bucket = format!(
            "{}\t{}",
            self.keys[key as usize],
            month.map_or("-".to_string(), |m| m.to_string())
        );
        let fresh_key = fresh.map(|(t, _)| self.keys[t as usize].clone()).unwrap_or_default();
        if self.state.resolved_runs.contains(run) {
            if let Some(kept) = self.state.decisions.get(&bucket).and_then(|entries| {
                entries
                    .iter()
                    .rev()
                    .find(|(from, _)| from.as_str() <= run)
                    .map(|(_, t)| t.clone())
            }) {
                if kept == fresh_key {
                    return now;
                }
                if kept.is_empty() {
                    return (key, LINK_KEPT);
                }
                if let Some(&t) = self.key_index.get(&kept) {
                    return (t, LINK_KEPT);
                }
            }
        }
        let entries = self.state.decisions.entry(bucket).or_default();
        if entries.last().map(|(_, t)| t) != Some(&fresh_key) {
            entries.push((run.to_string(), fresh_key));
        }
        now
    }

    /// Pass 2: one entity row counted into its entry; returns the entry's id and the link.
    #[allow(clippy::too_many_arguments)]
    pub fn link(
        &mut self,
        article_id: &str,
        entity_id: &str,
        name: &str,
        ty: &str,
        mentions: u32,
        n_quotes: u32,
        article: Option<&ArticleInfo>,
        run: &str,
    ) -> (String, &'static str) {
        let key = match self.entity_key.get(entity_id) {
            Some(&k) if self.keys[k as usize] == name_key(name) => k,
            _ => self.key_of(name),
        };
        let (entry_key, how) = self.entry_of(key, article.and_then(|a| a.month), run);
        let id = canonical_id(&self.keys[entry_key as usize]);
        let e = self.entries.entry(entry_key).or_default();
        *e.names.entry(name.to_string()).or_default() += u64::from(mentions.max(1));
        if let Some(t) = article.and_then(|a| a.micros) {
            e.first_seen = Some(e.first_seen.map_or(t, |f| f.min(t)));
            e.last_seen = Some(e.last_seen.map_or(t, |l| l.max(t)));
        }
        if !article.is_some_and(|a| a.duplicate) {
            add_weight(&mut e.types, ty, u64::from(mentions.max(1)));
            let article_hash = xxhash_rust::xxh3::xxh3_64(article_id.as_bytes());
            if e.n_articles == 0 || e.last_article != article_hash {
                e.n_articles += 1;
                e.last_article = article_hash;
            }
            e.n_mentions += u64::from(mentions);
            e.n_quotes += u64::from(n_quotes);
        }
        (id, how)
    }

    /// The entry id of the entity row `entity_id` of an article in `month` from `run`: what
    /// a quote's speaker or a source resolves to.
    pub fn resolve_entity(&mut self, entity_id: &str, month: Option<i32>, run: &str) -> Option<String> {
        let key = *self.entity_key.get(entity_id)?;
        let (entry_key, _) = self.entry_of(key, month, run);
        Some(canonical_id(&self.keys[entry_key as usize]))
    }

    /// The entry id a name given only as text (a speaker with no entity row) resolves to.
    pub fn resolve_name(&mut self, name: &str, month: Option<i32>, run: &str) -> (String, String) {
        let key = name_key(name);
        match self.key_index.get(&key).copied() {
            Some(k) => {
                let (entry_key, _) = self.entry_of(k, month, run);
                (
                    canonical_id(&self.keys[entry_key as usize]),
                    self.keys[entry_key as usize].clone(),
                )
            }
            None => (canonical_id(&key), key),
        }
    }

    /// The display name of each entry, by id, for the quotations table.
    pub fn names(&self) -> FxHashMap<String, String> {
        self.entries
            .iter()
            .map(|(k, e)| {
                (
                    canonical_id(&self.keys[*k as usize]),
                    display_name(e, &self.keys[*k as usize]),
                )
            })
            .collect()
    }

    /// The finished rows, sorted by id.
    pub fn rows(&self) -> Vec<CatalogRow> {
        let mut rows: Vec<CatalogRow> = self
            .entries
            .iter()
            .map(|(k, e)| {
                let key = &self.keys[*k as usize];
                let name = display_name(e, key);
                let mut aliases: Vec<(&String, &u64)> = e.names.iter().filter(|(n, _)| **n != name).collect();
                aliases.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                let entity_type = majority(&e.types)
                    .or_else(|| majority(&self.facts[*k as usize].types))
                    .unwrap_or("MISC")
                    .to_string();
                CatalogRow {
                    canonical_id: canonical_id(key),
                    name,
                    entity_type,
                    aliases: aliases.into_iter().take(MAX_ALIASES).map(|(n, _)| n.clone()).collect(),
                    n_articles: e.n_articles,
                    n_mentions: e.n_mentions,
                    n_quotes: e.n_quotes,
                    first_seen: e.first_seen,
                    last_seen: e.last_seen,
                }
            })
            .collect();
        rows.sort_by(|a, b| a.canonical_id.cmp(&b.canonical_id));
        rows
    }
}

/// An entry's id: a hash of its name key, so one name has one id in every run and dataset.
pub fn canonical_id(key: &str) -> String {
    crate::stable_id(&["entity", key])
}

/// The surface form of the entry's own key mentioned most (ties: the longest, then the first
/// in the alphabet), else the most mentioned name of all.
fn display_name(e: &Entry, key: &str) -> String {
    let best = |own: bool| {
        e.names
            .iter()
            .filter(|(n, _)| !own || name_key(n) == key)
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| a.0.len().cmp(&b.0.len()))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(n, _)| n.clone())
    };
    best(true).or_else(|| best(false)).unwrap_or_else(|| key.to_string())
}
