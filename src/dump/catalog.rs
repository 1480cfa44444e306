//! The entity catalog: one entry per distinct entity of the dump, the link of every entity row
//! to its entry, and the link decisions kept between runs so that ids never change.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::names::{in_window, is_short_form, name_key, short_forms, without_initials};
use crate::lexicon::Lexicon;

/// What the dump knows of one article, for the rows that belong to it.
#[derive(Debug, Clone)]
pub struct ArticleInfo {
    pub micros: Option<i64>,
    pub month: Option<i32>,
    /// The article this one is a copy of (`duplicate_of`).
    pub original: Option<String>,
    pub outlet: Option<String>,
}

impl ArticleInfo {
    /// A copy of an earlier article adds nothing to the dump's counts.
    pub fn is_copy(&self) -> bool {
        self.original.is_some()
    }
}

/// Widens the span `first..=last` to hold `t`.
pub(crate) fn widen(first: &mut Option<i64>, last: &mut Option<i64>, t: i64) {
    *first = Some(first.map_or(t, |f| f.min(t)));
    *last = Some(last.map_or(t, |l| l.max(t)));
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

/// Link decisions of earlier resolves of a dataset. A row of a run resolved before keeps the
/// entry it was given; rows of new runs follow what the dump says now.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkState {
    pub resolved_runs: BTreeSet<String>,
    /// "name key\tarticle_id" of every row that could link -> the entry's name key.
    pub decisions: BTreeMap<String, String>,
}

/// One entities row, as the passes read it.
#[derive(Clone, Copy)]
pub struct EntityRef<'a> {
    pub entity_id: &'a str,
    pub name: &'a str,
    pub ty: &'a str,
    pub mentions: u32,
    pub n_quotes: u32,
    /// The other forms the article gives the name (`entities.aliases` without the name itself).
    pub aliases: &'a [String],
}

/// Context names found in more articles than this share of the dump (and more than
/// `COMMON_MIN` articles) say nothing of who a bare name is: "Guardian", "United States".
const COMMON_SHARE: f64 = 0.05;
const COMMON_MIN: u32 = 20;
/// At most this many context names are kept per full name.
const CONTEXT_CAP: usize = 512;
/// A candidate fits an article when it shares this many uncommon names with it; twice as
/// many for a common surname ("Bailey"), which is someone else as often as not.
const SHARED_NAMES: usize = 1;
const SHARED_SHARE: f64 = 0.15;
/// Any other surname must share this share of the article's uncommon names: one of twenty,
/// so that a team sheet of forty names fits a namesake only on two of them.
const LIST_SHARE: f64 = 0.05;
/// Of two candidates that both fit an article, the one sharing this many times as many names
/// with it is taken.
const BEST_MARGIN: usize = 2;
/// A short form typed PERSON in fewer than half its rows may still stand for a full person
/// name when that name weighs at least this share of its other rows.
const LEAN_SHARE: f64 = 1.0;

#[derive(Default)]
struct KeyFacts {
    types: Vec<(String, u64)>,
    months: BTreeSet<i32>,
    rows: u32,
    /// The key is a short form ("truss", "de clercq"), worked out once per key.
    short_form: bool,
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

/// The entity types a row of a short form can have and still be linked to a person (the
/// tagger's slips on surnames are mostly these), as a static string.
fn link_type(ty: &str) -> Option<&'static str> {
    ["PERSON", "ORG", "GPE", "MISC"].into_iter().find(|&t| t == ty)
}

/// "The Square" is a title or a place, never a person's surname, whatever its key.
fn has_article(name: &str) -> bool {
    name.split_whitespace()
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"))
}

fn total_weight(types: &[(String, u64)]) -> u64 {
    types.iter().map(|(_, w)| w).sum()
}

/// The weight of a key's rows typed other than PERSON.
fn non_person_weight(types: &[(String, u64)]) -> u64 {
    let person = types.iter().find(|(t, _)| t == "PERSON").map_or(0, |(_, w)| *w);
    total_weight(types) - person
}

/// One catalog entry being counted.
#[derive(Default, Clone)]
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

impl Entry {
    /// Counts one row of an article that is no copy (copies are not counted).
    fn count(&mut self, r: &EntityRef, micros: Option<i64>, article_hash: u64) {
        let weight = u64::from(r.mentions.max(1));
        match self.names.get_mut(r.name) {
            Some(w) => *w += weight,
            None => {
                self.names.insert(r.name.to_string(), weight);
            }
        }
        for alias in r.aliases {
            match self.names.get_mut(alias) {
                Some(w) => *w += 1,
                None => {
                    self.names.insert(alias.clone(), 1);
                }
            }
        }
        if let Some(t) = micros {
            widen(&mut self.first_seen, &mut self.last_seen, t);
        }
        add_weight(&mut self.types, r.ty, weight);
        if self.n_articles == 0 || self.last_article != article_hash {
            self.n_articles += 1;
            self.last_article = article_hash;
        }
        self.n_mentions += u64::from(r.mentions);
        self.n_quotes += u64::from(r.n_quotes);
    }

    /// Takes a row counted here back out (it links elsewhere). Its dates stay: first and last
    /// seen cannot be taken back without the other rows.
    fn uncount(&mut self, r: &EntityRef) {
        let weight = u64::from(r.mentions.max(1));
        if let Some(w) = self.names.get_mut(r.name) {
            *w = w.saturating_sub(weight);
            if *w == 0 {
                self.names.remove(r.name);
            }
        }
        if let Some((_, w)) = self.types.iter_mut().find(|(t, _)| t == r.ty) {
            *w = w.saturating_sub(weight);
        }
        self.n_articles = self.n_articles.saturating_sub(1);
        self.n_mentions = self.n_mentions.saturating_sub(u64::from(r.mentions));
        self.n_quotes = self.n_quotes.saturating_sub(u64::from(r.n_quotes));
    }

    fn merge(&mut self, other: &Entry) {
        for (n, w) in &other.names {
            *self.names.entry(n.clone()).or_default() += w;
        }
        for (t, w) in &other.types {
            add_weight(&mut self.types, t, *w);
        }
        self.n_articles += other.n_articles;
        self.n_mentions += other.n_mentions;
        self.n_quotes += other.n_quotes;
        for t in [other.first_seen, other.last_seen].into_iter().flatten() {
            widen(&mut self.first_seen, &mut self.last_seen, t);
        }
    }
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
    /// Short forms that are common surnames.
    common: FxHashSet<u32>,
    /// Keys whose majority type is PERSON.
    person: Vec<bool>,
    /// Keys of names glued to the word before them at the start of a sentence ("How Johnson",
    /// "Did Morrison"): no full name of anyone.
    glued: Vec<bool>,
    /// A person name with middle initials, or with words before a full name -> that name.
    initials: FxHashMap<u32, (u32, &'static str)>,
    /// Full person name -> the other names of its articles.
    context: FxHashMap<u32, FxHashSet<u32>>,
    /// The entry of each row linked apart from its name, by (article, key), for its quotes
    /// and sources.
    article_links: FxHashMap<(u64, u32), (u32, &'static str)>,
    /// Rows of short forms that may be surnames, waiting for the whole dump before they are
    /// linked.
    pending: Vec<Pending>,
    pending_articles: Vec<PendingArticle>,
    pending_runs: Vec<String>,
    /// The same rows of duplicate articles, which take their original's links.
    pending_copies: Vec<PendingCopy>,
    /// (copy's article_id, original's article_id) of each copy with pending rows.
    copy_articles: Vec<(Box<str>, Box<str>)>,
    lex: &'static Lexicon,
    articles_seen: u32,
    common_above: u32,
    pub state: LinkState,
    /// The counts of each key's rows; a linked row's are moved to its entry's key.
    entries: Vec<Entry>,
}

/// A short form's row, kept from pass 1 until it can be linked. These are the one part of the
/// catalog that grows with the dump rather than with its names, so they are kept small: what
/// the rows of an article share is kept once, in [`PendingArticle`].
struct Pending {
    /// Index into `Catalog::pending_articles`.
    article: u32,
    entity_id: CompactId,
    key: u32,
    name: Box<str>,
    ty: &'static str,
    mentions: u32,
    n_quotes: u32,
}

/// A short form's row of a copy, which links as the same row of its original does.
struct PendingCopy {
    /// Index into `Catalog::copy_articles`.
    article: u32,
    key: u32,
    entity_id: CompactId,
}

/// An entity id in 8 bytes when it is the 16 hex digits newsframe writes, else as given.
enum CompactId {
    Hex(u64),
    Other(Box<str>),
}

impl CompactId {
    fn new(id: &str) -> CompactId {
        match u64::from_str_radix(id, 16) {
            Ok(n) if id.len() == 16 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) => {
                CompactId::Hex(n)
            }
            _ => CompactId::Other(id.into()),
        }
    }
}

impl std::fmt::Display for CompactId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompactId::Hex(n) => write!(f, "{n:016x}"),
            CompactId::Other(s) => f.write_str(s),
        }
    }
}

/// What the pending rows of one article share.
struct PendingArticle {
    article_id: Box<str>,
    /// The article's names, sorted.
    others: Box<[u32]>,
    month: Option<i32>,
    micros: Option<i64>,
    /// Index into `Catalog::pending_runs`.
    run: u32,
}

/// An entity row whose entry is not its name's: `(article_id, entity_id, canonical_id, link)`.
pub type Override = (String, String, String, &'static str);

impl Catalog {
    pub fn new(window: i32, min_support: u32, state: LinkState, lex: &'static Lexicon) -> Catalog {
        Catalog {
            pending: Vec::new(),
            pending_articles: Vec::new(),
            pending_runs: Vec::new(),
            pending_copies: Vec::new(),
            copy_articles: Vec::new(),
            lex,
            window,
            min_support,
            keys: Vec::new(),
            key_index: FxHashMap::default(),
            facts: Vec::new(),
            entity_key: FxHashMap::default(),
            candidates: FxHashMap::default(),
            common: FxHashSet::default(),
            person: Vec::new(),
            glued: Vec::new(),
            initials: FxHashMap::default(),
            context: FxHashMap::default(),
            article_links: FxHashMap::default(),
            articles_seen: 0,
            common_above: u32::MAX,
            state,
            entries: Vec::new(),
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
        let short_form = is_short_form(&self.keys[i as usize], |w| self.lex.is_surname_particle(w));
        self.facts.push(KeyFacts {
            short_form,
            ..KeyFacts::default()
        });
        self.entries.push(Entry::default());
        i
    }

    /// The one pass over the entity rows, an article at a time: what each name is typed as,
    /// in which months it is in the news, which other names a full person name is named with,
    /// and the counts of each name's rows. A person row of a short form ("Truss") is kept for
    /// [`Catalog::link_pending`], with the article's other names.
    pub fn observe_article(&mut self, article_id: &str, rows: &[EntityRef], article: Option<&ArticleInfo>, run: &str) {
        self.articles_seen += 1;
        let keys: Vec<u32> = rows
            .iter()
            .map(|r| match self.entity_key.get(r.entity_id) {
                Some(&k) => k,
                None => {
                    let k = self.key_of(r.name);
                    self.entity_key.insert(r.entity_id.to_string(), k);
                    k
                }
            })
            .collect();
        if let Some(original) = article.and_then(|a| a.original.as_deref()) {
            // A copy adds nothing the dump counts; its short forms link as its original's do.
            let mut copy: Option<u32> = None;
            for (r, &key) in rows.iter().zip(&keys) {
                if self.pendable(r, key).is_some() {
                    let article = *copy.get_or_insert_with(|| {
                        self.copy_articles.push((article_id.into(), original.into()));
                        (self.copy_articles.len() - 1) as u32
                    });
                    self.pending_copies.push(PendingCopy {
                        article,
                        key,
                        entity_id: CompactId::new(r.entity_id),
                    });
                }
            }
            return;
        }
        let month = article.and_then(|a| a.month);
        let micros = article.and_then(|a| a.micros);
        let article_hash = xxhash_rust::xxh3::xxh3_64(article_id.as_bytes());
        let mut pending_article: Option<u32> = None;
        for (r, &key) in rows.iter().zip(&keys) {
            let facts = &mut self.facts[key as usize];
            add_weight(&mut facts.types, r.ty, u64::from(r.mentions.max(1)));
            facts.rows += 1;
            if let Some(m) = month {
                facts.months.insert(m);
            }
            if r.ty == "PERSON" && self.keys[key as usize].contains(' ') {
                let context = self.context.entry(key).or_default();
                for &other in &keys {
                    if other != key && context.len() < CONTEXT_CAP {
                        context.insert(other);
                    }
                }
            }
            if let Some(ty) = self.pendable(r, key) {
                let article = match pending_article {
                    Some(i) => i,
                    None => {
                        let i = self.pending_article(article_id, &keys, month, micros, run);
                        pending_article = Some(i);
                        i
                    }
                };
                self.pending.push(Pending {
                    article,
                    entity_id: CompactId::new(r.entity_id),
                    key,
                    name: r.name.into(),
                    ty,
                    mentions: r.mentions,
                    n_quotes: r.n_quotes,
                });
            }
            self.entries[key as usize].count(r, micros, article_hash);
        }
    }

    /// The type, as a static string, of a row kept for linking: a short form's row that may be
    /// a surname. Any row typed PERSON but "The Square"; of the ORG, GPE and MISC ones, not a
    /// place or an outlet the lexicon knows ("Russia", "Reuters") and not an acronym ("NHS"),
    /// which are never anyone's surname. Those are most of the one-word rows of a dump, and
    /// keeping them for linking would only cost memory.
    fn pendable(&self, r: &EntityRef, key: u32) -> Option<&'static str> {
        let ty = link_type(r.ty)?;
        if !self.facts[key as usize].short_form || has_article(r.name) {
            return None;
        }
        let acronym = || r.name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let never_surname = || acronym() || self.lex.is_place(r.name) || self.lex.is_media(r.name);
        (ty == "PERSON" || !never_surname()).then_some(ty)
    }

    /// Keeps what an article's pending rows share, once; returns its index.
    fn pending_article(
        &mut self,
        article_id: &str,
        keys: &[u32],
        month: Option<i32>,
        micros: Option<i64>,
        run: &str,
    ) -> u32 {
        let mut others = keys.to_vec();
        others.sort_unstable();
        others.dedup();
        let run = match self.pending_runs.iter().rposition(|r| r == run) {
            Some(i) => i as u32,
            None => {
                self.pending_runs.push(run.to_string());
                (self.pending_runs.len() - 1) as u32
            }
        };
        self.pending_articles.push(PendingArticle {
            article_id: article_id.into(),
            others: others.into(),
            month,
            micros,
            run,
        });
        (self.pending_articles.len() - 1) as u32
    }

    /// Between the passes: which names a short form or an initialed name could stand for. A
    /// short form links only to full names seen in `min_support` entity rows or more: a name
    /// seen once (a misspelling, a tagger's slip, someone in one story) neither takes the
    /// dump's bare mentions nor makes them ambiguous.
    pub fn prepare(&mut self) {
        self.common_above = COMMON_MIN.max((f64::from(self.articles_seen) * COMMON_SHARE) as u32);
        self.glued = self.keys.iter().map(|k| self.starts_with_starter(k)).collect();
        let lex = self.lex;
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
            if !person[i] || self.facts[i].short_form || self.initials.contains_key(&(i as u32)) {
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
            // A bare title ("MP", "Minister") or place word ("Square") is nobody's surname.
            if !self.facts[i].short_form || lex.is_title(key) || lex.is_non_person_word(key) {
                continue;
            }
            if first_last.get(key.as_str()).is_some_and(|(f, l)| f >= l) {
                continue;
            }
            if let Some(cands) = by_form.get(key.as_str()) {
                let supported: Vec<u32> = cands
                    .iter()
                    .copied()
                    .filter(|&c| {
                        let full = &self.keys[c as usize];
                        self.facts[c as usize].rows >= self.min_support
                            && !self.glued[c as usize]
                            && !full.split(' ').any(|w| lex.is_non_person_word(w) || lex.is_title(w))
                    })
                    .collect();
                if !supported.is_empty() {
                    let other_w = non_person_weight(&self.facts[i].types);
                    // The tagger types a bare "Putin" or "Sunak" GPE or ORG more often than
                    // not; a full person name about as often in the dump says what it is.
                    let best = supported
                        .iter()
                        .map(|&c| total_weight(&self.facts[c as usize].types))
                        .max();
                    let leans = person[i] || best.is_some_and(|b| b as f64 >= LEAN_SHARE * other_w as f64);
                    if !leans {
                        continue;
                    }
                    self.candidates.insert(i as u32, supported);
                    let last = key.rsplit(' ').next().unwrap_or(key);
                    if lex.is_common_surname(last) {
                        self.common.insert(i as u32);
                    }
                }
            }
        }
        self.person = person;
    }

    /// Whether a key starts with a sentence starter ("how johnson"): worked out once per key,
    /// before the pending rows are decided.
    fn starts_with_starter(&self, key: &str) -> bool {
        let first = key.split(' ').next().unwrap_or_default();
        let mut chars = first.chars();
        let capitalized: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        key.contains(' ') && self.lex.is_sentence_starter(&capitalized)
    }

    /// What the dump says now of a row of `key` in `month`, in an article naming the
    /// `others`: the entry it links to, and why. A short form links to the candidate in the
    /// time window that shares enough uncommon names with the article, and twice as many as
    /// any other that does ([`best_fit`]).
    fn decide(&self, key: u32, month: Option<i32>, others: &[u32], typed_person: bool) -> Option<(u32, &'static str)> {
        let cands = self.candidates.get(&key)?;
        // A full name in the article holding the surname ("Dina Asher-Smith" beside a bare
        // "Smith") is who the article means, whatever the dump says: the link is to it when it
        // is a candidate, else there is none.
        let surname = self.keys[key as usize].rsplit(' ').next().unwrap_or_default();
        let mut local: Vec<u32> = others
            .iter()
            .copied()
            .filter(|&o| {
                let other = &self.keys[o as usize];
                o != key
                    && self.person.get(o as usize).copied().unwrap_or(false)
                    && other.contains(' ')
                    && !self.candidates.contains_key(&o)
                    && other.rsplit([' ', '-']).next() == Some(surname)
                    && !self.glued[o as usize]
            })
            .collect();
        local.sort_unstable();
        local.dedup();
        if !local.is_empty() {
            return match local[..] {
                [only] if cands.contains(&only) => Some((only, LINK_SURNAME)),
                _ => None,
            };
        }
        let common = self.common.contains(&key);
        // A row the tagger typed other than PERSON ("Sunak", ORG) is a person only on more
        // evidence: one more shared name.
        let needed = if common { 2 * SHARED_NAMES } else { SHARED_NAMES } + usize::from(!typed_person);
        let share = if common { SHARED_SHARE } else { LIST_SHARE };
        // The article's uncommon names; a candidate must share `needed` of them, and at least
        // `SHARED_SHARE` of them for a common surname (`LIST_SHARE` for any other), so that a
        // list of hundreds of names (team sheets, obituaries) fits no Bailey by chance.
        let mut uncommon: Vec<u32> = others
            .iter()
            .copied()
            .filter(|&o| o != key && self.facts[o as usize].rows <= self.common_above)
            .collect();
        uncommon.sort_unstable();
        uncommon.dedup();
        let shared = |c: u32| {
            self.context.get(&c).map_or(0, |ctx| {
                let n = uncommon.iter().filter(|&&o| o != c && ctx.contains(&o)).count();
                if n >= needed && n as f64 >= share * uncommon.len() as f64 {
                    n
                } else {
                    0
                }
            })
        };
        let fitting: Vec<(u32, usize)> = cands.iter().map(|&c| (c, shared(c))).filter(|&(_, n)| n > 0).collect();
        let near = in_window(fitting.len(), month, self.window, |i, m| {
            self.facts[fitting[i].0 as usize].months.contains(&m)
        });
        best_fit(near.iter().map(|&i| fitting[i])).map(|c| (c, LINK_SURNAME))
    }

    /// The entry a row of `key` in an article (`article_id`, `month`, naming `others`) from
    /// run `run`, typed PERSON by the tagger or not, belongs to, and why. Rows of runs
    /// resolved before keep the entry they were given.
    fn entry_of(
        &mut self,
        key: u32,
        article_id: &str,
        month: Option<i32>,
        others: &[u32],
        typed_person: bool,
        run: &str,
    ) -> (u32, &'static str) {
        if !self.candidates.contains_key(&key) {
            return (key, LINK_SAME_NAME);
        }
        let now = self
            .decide(key, month, others, typed_person)
            .unwrap_or((key, LINK_SAME_NAME));
        if run.is_empty() {
            return now;
        }
        let bucket = format!("{}\t{article_id}", self.keys[key as usize]);
        let now_key = self.keys[now.0 as usize].clone();
        if self.state.resolved_runs.contains(run) {
            if let Some(kept) = self.state.decisions.get(&bucket) {
                if *kept == now_key {
                    return now;
                }
                if let Some(&t) = self.key_index.get(kept) {
                    return (t, LINK_KEPT);
                }
            }
        }
        self.state.decisions.insert(bucket, now_key);
        now
    }

    /// After the pass: each kept short-form row to its entry, its counts moved there; returns
    /// the rows whose entry is not their name's.
    pub fn link_pending(&mut self) -> Vec<Override> {
        let pending = std::mem::take(&mut self.pending);
        let mut out = Vec::new();
        let articles = std::mem::take(&mut self.pending_articles);
        let runs = std::mem::take(&mut self.pending_runs);
        for p in &pending {
            let a = &articles[p.article as usize];
            let (entry_key, how) = self.entry_of(
                p.key,
                &a.article_id,
                a.month,
                &a.others,
                p.ty == "PERSON",
                &runs[a.run as usize],
            );
            if entry_key == p.key {
                continue;
            }
            let hash = xxhash_rust::xxh3::xxh3_64(a.article_id.as_bytes());
            self.article_links.insert((hash, p.key), (entry_key, how));
            let entity_id = p.entity_id.to_string();
            let row = EntityRef {
                entity_id: &entity_id,
                name: &p.name,
                ty: p.ty,
                mentions: p.mentions,
                n_quotes: p.n_quotes,
                aliases: &[],
            };
            self.entries[p.key as usize].uncount(&row);
            // Linked to a person, the row counts as one, whatever the tagger typed it.
            let as_person = EntityRef { ty: "PERSON", ..row };
            self.entries[entry_key as usize].count(&as_person, a.micros, hash);
            out.push((
                a.article_id.to_string(),
                entity_id,
                canonical_id(&self.keys[entry_key as usize]),
                how,
            ));
        }
        let copies = std::mem::take(&mut self.copy_articles);
        for c in std::mem::take(&mut self.pending_copies) {
            let (article_id, original) = &copies[c.article as usize];
            let original_hash = xxhash_rust::xxh3::xxh3_64(original.as_bytes());
            if let Some(&(entry_key, how)) = self.article_links.get(&(original_hash, c.key)) {
                let hash = xxhash_rust::xxh3::xxh3_64(article_id.as_bytes());
                self.article_links.insert((hash, c.key), (entry_key, how));
                out.push((
                    article_id.to_string(),
                    c.entity_id.to_string(),
                    canonical_id(&self.keys[entry_key as usize]),
                    how,
                ));
            }
        }
        out
    }

    /// The entry a key's rows belong to when no row-level link says otherwise, and why.
    fn default_entry(&self, key: u32) -> (u32, &'static str) {
        self.initials.get(&key).copied().unwrap_or((key, LINK_SAME_NAME))
    }

    /// Every entity id with its default entry: `(entity_id, canonical_id, link)`.
    pub fn defaults(&self) -> Vec<(String, String, &'static str)> {
        let mut out: Vec<(String, String, &'static str)> = self
            .entity_key
            .iter()
            .map(|(id, &k)| {
                let (e, how) = self.default_entry(k);
                (id.clone(), canonical_id(&self.keys[e as usize]), how)
            })
            .collect();
        out.sort();
        out
    }

    /// The entry of a key in an article, as `link_pending` decided it.
    fn entry_in_article(&self, key: u32, article_id: &str) -> u32 {
        let hash = xxhash_rust::xxh3::xxh3_64(article_id.as_bytes());
        self.article_links
            .get(&(hash, key))
            .map_or_else(|| self.default_entry(key).0, |l| l.0)
    }

    /// The entry id of the entity row `entity_id` of article `article_id`: what a quote's
    /// speaker or a source resolves to.
    pub fn resolve_entity(&self, entity_id: &str, article_id: &str) -> Option<String> {
        let key = *self.entity_key.get(entity_id)?;
        Some(canonical_id(
            &self.keys[self.entry_in_article(key, article_id) as usize],
        ))
    }

    /// The entry id a name given only as text (a speaker with no entity row) resolves to.
    pub fn resolve_name(&self, name: &str, article_id: &str) -> String {
        let key = name_key(name);
        match self.key_index.get(&key) {
            Some(&k) => canonical_id(&self.keys[self.entry_in_article(k, article_id) as usize]),
            None => canonical_id(&key),
        }
    }

    /// The entries with rows: each key's counts, a statically linked key's ("Ivan F. Boesky")
    /// merged into its target's.
    fn merged(&mut self) -> Vec<(u32, Entry)> {
        let mut entries = std::mem::take(&mut self.entries);
        for (&k, &(t, _)) in &self.initials {
            let moved = std::mem::take(&mut entries[k as usize]);
            entries[t as usize].merge(&moved);
        }
        entries
            .into_iter()
            .enumerate()
            .filter(|(_, e)| !e.names.is_empty())
            .map(|(k, e)| (k as u32, e))
            .collect()
    }

    /// The finished rows, sorted by id. The counts are handed over: call it once, last.
    pub fn rows(&mut self) -> Vec<CatalogRow> {
        let mut rows: Vec<CatalogRow> = self
            .merged()
            .into_iter()
            .map(|(k, e)| {
                let key = &self.keys[k as usize];
                let name = display_name(&e, key);
                let mut aliases: Vec<(&String, &u64)> = e.names.iter().filter(|(n, _)| **n != name).collect();
                aliases.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                let entity_type = majority(&e.types)
                    .or_else(|| majority(&self.facts[k as usize].types))
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

/// Of the candidates in the window with the uncommon names each shares with the article, the
/// one that shares the most, when it shares at least `BEST_MARGIN` times as many as any other
/// ("Joe Biden" over "Jill Biden" in a story on the White House); with no clear winner, none.
fn best_fit(scored: impl Iterator<Item = (u32, usize)>) -> Option<u32> {
    let mut ranked: Vec<(u32, usize)> = scored.collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    match ranked[..] {
        [] => None,
        [(only, _)] => Some(only),
        [(first, n1), (_, n2), ..] => (n1 >= BEST_MARGIN * n2).then_some(first),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An entity row of a test article: name, type, quotes.
    type Row<'a> = (&'a str, &'a str, u32);

    /// May 2022, as a month number.
    const MAY_2022: i32 = 2022 * 12 + 4;

    /// Runs the catalog over articles given as (id, [(name, type, quotes)]) in one month, and
    /// returns each linked row as (article_id, name, the name of its entry), plus the rows.
    fn link(articles: &[(&str, &[Row])]) -> (Vec<(String, String, String)>, Vec<CatalogRow>) {
        let mut catalog = Catalog::new(1, 3, LinkState::default(), Lexicon::get());
        let info = ArticleInfo {
            micros: None,
            month: Some(MAY_2022),
            original: None,
            outlet: None,
        };
        let mut names = FxHashMap::default();
        for (id, rows) in articles {
            let ids: Vec<String> = rows.iter().map(|(n, t, _)| format!("{id}/{n}/{t}")).collect();
            let refs: Vec<EntityRef> = rows
                .iter()
                .zip(&ids)
                .map(|((name, ty, quotes), eid)| {
                    names.insert(eid.clone(), name.to_string());
                    EntityRef {
                        entity_id: eid,
                        name,
                        ty,
                        mentions: 1,
                        n_quotes: *quotes,
                        aliases: &[],
                    }
                })
                .collect();
            catalog.observe_article(id, &refs, Some(&info), "");
        }
        catalog.prepare();
        let links = catalog.link_pending();
        let rows = catalog.rows();
        let by_id: FxHashMap<&str, &str> = rows
            .iter()
            .map(|r| (r.canonical_id.as_str(), r.name.as_str()))
            .collect();
        let linked = links
            .iter()
            .map(|(a, e, c, _)| {
                (
                    a.clone(),
                    names[e].clone(),
                    by_id.get(c.as_str()).copied().unwrap_or("?").to_string(),
                )
            })
            .collect();
        (linked, rows)
    }

    fn entry<'a>(rows: &'a [CatalogRow], name: &str) -> &'a CatalogRow {
        rows.iter().find(|r| r.name == name).expect("an entry of that name")
    }

    #[test]
    fn a_bare_name_the_tagger_typed_org_links_to_the_person_the_dump_knows() {
        let sunak: &[Row] = &[
            ("Rishi Sunak", "PERSON", 1),
            ("Jeremy Hunt", "PERSON", 0),
            ("Nadhim Zahawi", "PERSON", 0),
        ];
        let fiona: &[Row] = &[("Fiona Apple", "PERSON", 1), ("Pitchfork", "ORG", 0)];
        let iphone: &[Row] = &[("Apple", "ORG", 0), ("iPhone", "MISC", 0)];
        let mut articles = vec![
            ("s1", sunak),
            ("s2", sunak),
            ("s3", sunak),
            ("f1", fiona),
            ("f2", fiona),
            ("f3", fiona),
        ];
        let ids: Vec<String> = (0..12).map(|i| format!("i{i}")).collect();
        articles.extend(ids.iter().map(|i| (i.as_str(), iphone)));
        // "Sunak said", typed ORG, in a story naming Jeremy Hunt and Nadhim Zahawi; a row typed
        // other than PERSON needs two shared names, so a story naming only Hunt is not enough.
        // "Apple" in a review naming Pitchfork, where Apple the company is far better known
        // than Fiona Apple, is not linked.
        let bare_sunak: &[Row] = &[
            ("Sunak", "ORG", 2),
            ("Jeremy Hunt", "PERSON", 0),
            ("Nadhim Zahawi", "PERSON", 0),
        ];
        let thin_sunak: &[Row] = &[("Sunak", "ORG", 0), ("Jeremy Hunt", "PERSON", 0)];
        articles.push(("b0", thin_sunak));
        let bare_apple: &[Row] = &[("Apple", "ORG", 0), ("Pitchfork", "ORG", 0)];
        articles.push(("b1", bare_sunak));
        articles.push(("b2", bare_apple));
        let (linked, rows) = link(&articles);
        assert_eq!(
            linked,
            vec![("b1".to_string(), "Sunak".to_string(), "Rishi Sunak".to_string())]
        );
        let rishi = entry(&rows, "Rishi Sunak");
        assert_eq!(
            (rishi.entity_type.as_str(), rishi.n_articles, rishi.n_quotes),
            ("PERSON", 4, 5)
        );
        assert_eq!(entry(&rows, "Apple").entity_type, "ORG");
    }

    #[test]
    fn of_two_fitting_full_names_the_one_sharing_far_more_names_is_taken() {
        let joe: &[Row] = &[
            ("Joe Biden", "PERSON", 1),
            ("Kamala Harris", "PERSON", 0),
            ("Ron Klain", "PERSON", 0),
            ("Pentagon", "ORG", 0),
        ];
        let jill: &[Row] = &[
            ("Jill Biden", "PERSON", 0),
            ("Kamala Harris", "PERSON", 0),
            ("Vogue", "ORG", 0),
        ];
        let clear: &[Row] = &[
            ("Biden", "PERSON", 1),
            ("Kamala Harris", "PERSON", 0),
            ("Ron Klain", "PERSON", 0),
            ("Pentagon", "ORG", 0),
        ];
        let unclear: &[Row] = &[("Biden", "PERSON", 1), ("Kamala Harris", "PERSON", 0)];
        let (linked, _) = link(&[
            ("j1", joe),
            ("j2", joe),
            ("j3", joe),
            ("v1", jill),
            ("v2", jill),
            ("v3", jill),
            ("clear", clear),
            ("unclear", unclear),
        ]);
        assert_eq!(
            linked,
            vec![("clear".to_string(), "Biden".to_string(), "Joe Biden".to_string())]
        );
    }

    #[test]
    fn a_name_glued_to_a_sentence_starter_leaves_the_full_name_beside_it_unrivalled() {
        let boris: &[Row] = &[("Boris Johnson", "PERSON", 1), ("Downing Street", "ORG", 0)];
        let story: &[Row] = &[
            ("Boris Johnson", "PERSON", 0),
            ("How Johnson", "PERSON", 0),
            ("Johnson", "PERSON", 3),
        ];
        let rival: &[Row] = &[
            ("Boris Johnson", "PERSON", 0),
            ("Carrie Johnson", "PERSON", 0),
            ("Johnson", "PERSON", 1),
        ];
        let carrie: &[Row] = &[("Carrie Johnson", "PERSON", 0)];
        let (linked, _) = link(&[
            ("b1", boris),
            ("b2", boris),
            ("b3", boris),
            ("c1", carrie),
            ("c2", carrie),
            ("story", story),
            ("rival", rival),
        ]);
        assert_eq!(
            linked,
            vec![("story".to_string(), "Johnson".to_string(), "Boris Johnson".to_string())]
        );
    }

    #[test]
    fn titles_places_and_names_after_the_are_nobodys_surname() {
        // The tagger's slips, each seen three times: a place and a title typed as people.
        let slips: &[Row] = &[
            ("George Square", "PERSON", 0),
            ("Green MP", "PERSON", 0),
            ("Glasgow", "GPE", 0),
            ("Holyrood", "ORG", 0),
        ];
        let story: &[Row] = &[
            ("The Square", "PERSON", 0),
            ("MP", "PERSON", 0),
            ("Glasgow", "GPE", 0),
            ("Holyrood", "ORG", 0),
        ];
        let (linked, _) = link(&[("s1", slips), ("s2", slips), ("s3", slips), ("story", story)]);
        assert_eq!(linked, vec![]);
    }

    #[test]
    fn a_team_sheet_fits_a_namesake_only_on_more_than_one_shared_name() {
        let mp: &[Row] = &[
            ("Bridget Archer", "PERSON", 1),
            ("Peter Dutton", "PERSON", 0),
            ("Canberra", "GPE", 0),
        ];
        let story: &[Row] = &[
            ("Archer", "PERSON", 1),
            ("Peter Dutton", "PERSON", 0),
            ("Tasmania", "GPE", 0),
            ("Liberal party", "ORG", 0),
        ];
        // Forty players and one name that happens to be in the MP's stories too.
        let players: Vec<String> = (0..40).map(|i| format!("Player{i} Surname{i}")).collect();
        let mut sheet: Vec<Row> = players.iter().map(|p| (p.as_str(), "PERSON", 0)).collect();
        sheet.push(("Archer", "PERSON", 0));
        sheet.push(("Peter Dutton", "PERSON", 0));
        let (linked, _) = link(&[("m1", mp), ("m2", mp), ("m3", mp), ("story", story), ("sheet", &sheet)]);
        assert_eq!(
            linked,
            vec![("story".to_string(), "Archer".to_string(), "Bridget Archer".to_string())]
        );
    }
}
