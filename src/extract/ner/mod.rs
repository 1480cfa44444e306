//! The statistical entity tagger: an averaged structured perceptron over hashed features with
//! first-order Viterbi decoding, trained on CoNLL-style data by `newsframe train ner` (see
//! [`train`]) and shipped compressed in `data/models/ner.bin`.
//!
//! Labels are CoNLL's (PER, ORG, LOC, MISC in BIO); `entities` turns them into OntoNotes types
//! with the gazetteers. Features are hashed on the fly from the token slices, so tagging
//! allocates nothing per token; lowercase tokens that are not name connectors ("of", "de")
//! are fixed to O without scoring, which is where most of the speed comes from.

mod clusters;
pub mod train;

use std::io::{Read, Write};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use self::clusters::Clusters;
use crate::lexicon::{data, with_lowercase, Lexicon};
use crate::text::{ascii_lowercase_eight, ArticleText, Span};

pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const N: usize = LABELS.len();
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// The index of PER in [`TYPES`].
pub const PER: usize = 0;
/// The index into [`TYPES`] of an entity type, in CoNLL's names or the output's (OntoNotes)
/// ones: GPE is LOC, NORP is MISC.
pub fn type_index(t: &str) -> Option<usize> {
    let t = match t {
        "PERSON" => "PER",
        "GPE" | "LOCATION" => "LOC",
        "ORGANIZATION" => "ORG",
        "NORP" => "MISC",
        other => other,
    };
    TYPES.iter().position(|x| *x == t)
}

/// The B and I labels of a type index.
pub const fn bio_labels(t: usize) -> (usize, usize) {
    (1 + 2 * t, 2 + 2 * t)
}
const O: usize = 0;
/// Row of the transition table used for the first token.
const START: usize = N;

/// The entity type index (into [`TYPES`]) of a label, if it is not O.
pub const fn label_type(label: usize) -> Option<usize> {
    if label > 0 {
        Some((label - 1) / 2)
    } else {
        None
    }
}

const fn is_inside(label: usize) -> bool {
    label > 0 && label.is_multiple_of(2)
}

/// Whether label `to` may follow `from` (I-X only after B-X or I-X).
const fn allowed(from: usize, to: usize) -> bool {
    !is_inside(to) || (from != START && matches!((label_type(from), label_type(to)), (Some(a), Some(b)) if a == b))
}

/// What Viterbi adds to a transition's score: nothing where it is [`allowed`], minus infinity
/// where not, so that the inner loop has no branch.
const FORBIDDEN: [[f32; N]; N + 1] = {
    let mut table = [[0f32; N]; N + 1];
    let mut from = 0;
    while from <= N {
        let mut to = 0;
        while to < N {
            if !allowed(from, to) {
                table[from][to] = f32::NEG_INFINITY;
            }
            to += 1;
        }
        from += 1;
    }
    table
};

/// The token sequences the tagger reads: the article's sentences, cut again at line breaks
/// (a headline or a dateline is a sequence of its own).
pub fn sequences(at: &ArticleText) -> Vec<Vec<Span>> {
    // Line breaks in order, walked alongside the tokens.
    let text = at.text();
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes()).peekable();
    let mut out = Vec::new();
    for i in 0..at.sentences.len() {
        let tokens = at.sentence_tokens(i);
        let mut current: Vec<Span> = Vec::with_capacity(tokens.len());
        for t in tokens {
            let mut crossed = false;
            while breaks.next_if(|&b| b < t.start).is_some() {
                crossed = true;
            }
            if crossed && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            push_split_clitic(text, *t, &mut current);
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Pushes a token as the model was trained to see it: CoNLL writes clitics apart ("Japan 's",
/// "I 'm"), which the tokenizer makes "'" and "s", but keeps "Japan's" and "I'm" whole, words
/// the model has not seen ("I'm" came out as an organization); they become the same three
/// tokens. (A curly "’s" is already apart, and [`model_word`] reads "’" as "'".) Other
/// apostrophes ("O'Brien") stay inside the word.
fn push_split_clitic(text: &str, t: Span, out: &mut Vec<Span>) {
    const CLITICS: [&[u8]; 6] = [b"s", b"m", b"re", b"ve", b"ll", b"d"];
    // Runs for every token: look only where an apostrophe could be, two or three bytes from
    // the end, and compare bytes.
    let word = &text.as_bytes()[t.start..t.end];
    let clitic_len = (1..=2).find(|&len| {
        word.len() > len + 1
            && word[word.len() - len - 1] == b'\''
            && CLITICS
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&word[word.len() - len..]))
    });
    match clitic_len {
        Some(len) => {
            let apostrophe = t.end - len - 1;
            out.push(Span::new(t.start, apostrophe));
            out.push(Span::new(apostrophe, apostrophe + 1));
            out.push(Span::new(apostrophe + 1, t.end));
        }
        None => out.push(t),
    }
}

/// The words the model reads for [`sequences`] of `text`: tagging, training and the tagging
/// benchmark all read them so.
pub fn sequence_words<'t>(text: &'t str, sequences: &[Vec<Span>]) -> Vec<Vec<&'t str>> {
    sequences
        .iter()
        .map(|s| s.iter().map(|t| model_word(&text[t.start..t.end])).collect())
        .collect()
}

/// The word the model reads for a token's text: CoNLL's text is ASCII, so curly quotes and
/// apostrophes are read as straight ones.
fn model_word(word: &str) -> &str {
    match word {
        "’" | "‘" => "'",
        "“" | "”" => "\"",
        _ => word,
    }
}

// ---- hashing ----------------------------------------------------------------------------

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(SEED)
}

/// Hashes bytes eight at a time.
#[inline]
fn hash_slice(template: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(0x9e37_79b9_7f4a_7c15, template);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
    }
    let mut last = 0u64;
    for (i, b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(*b) << (8 * i);
    }
    mix(mix(h, last), bytes.len() as u64)
}

#[inline]
fn hash_bytes(template: u64, bytes: impl Iterator<Item = u8>) -> u64 {
    let mut h = mix(0x9e37_79b9_7f4a_7c15, template);
    for b in bytes {
        h = mix(h, u64::from(b));
    }
    mix(h, 0xff)
}

#[inline]
fn hash_str(template: u64, s: &str) -> u64 {
    hash_slice(template, s.as_bytes())
}

/// [`hash_slice`] of the lowercase word; ASCII is lowercased eight bytes at a time as it is
/// hashed, without a copy.
#[inline]
fn hash_lower(template: u64, s: &str) -> u64 {
    if !s.is_ascii() {
        return with_lowercase(s, |l| hash_slice(template, l.as_bytes()));
    }
    let bytes = s.as_bytes();
    let mut h = mix(0x9e37_79b9_7f4a_7c15, template);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(
            h,
            ascii_lowercase_eight(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]])),
        );
    }
    let mut last = 0u64;
    for (i, b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(b.to_ascii_lowercase()) << (8 * i);
    }
    mix(mix(h, last), bytes.len() as u64)
}

/// The word's shape with runs collapsed: "McDonald" gives "XxXx", "1996-08-30" gives "d-d-d".
fn shape_hash(template: u64, s: &str) -> u64 {
    let mut last = 0u8;
    let classes = s.chars().filter_map(move |c| {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        (class != last).then(|| {
            last = class;
            class
        })
    });
    hash_bytes(template, classes)
}

// ---- gazetteers -------------------------------------------------------------------------

const G_COUNTRY: u16 = 1;
const G_DEMONYM: u16 = 1 << 1;
const G_CITY: u16 = 1 << 2;
const G_STATE: u16 = 1 << 3;
const G_FIRST: u16 = 1 << 4;
const G_SURNAME: u16 = 1 << 5;
const G_LEGAL: u16 = 1 << 6;
const G_TITLE: u16 = 1 << 7;
const G_ORG_WORD: u16 = 1 << 8;
const G_PLACE_PART: u16 = 1 << 9;
const G_BITS: u32 = 10;

/// Gazetteer flags per lowercase word (hashed), from the lists in `data/`.
struct Gazetteer {
    flags: FxHashMap<u64, u16>,
}

impl Gazetteer {
    fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut flags: FxHashMap<u64, u16> = FxHashMap::default();
            let mut add = |text: &str, flag: u16, multi: bool| {
                for line in text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    if words.len() == 1 {
                        *flags.entry(hash_lower(0, words[0])).or_default() |= flag;
                    } else if multi {
                        for w in words {
                            *flags.entry(hash_lower(0, w)).or_default() |= G_PLACE_PART;
                        }
                    }
                }
            };
            add(data!("gazetteers/countries.txt"), G_COUNTRY, true);
            add(data!("gazetteers/country_names_alt.txt"), G_COUNTRY, true);
            add(data!("gazetteers/demonyms.txt"), G_DEMONYM, false);
            add(data!("gazetteers/cities.txt"), G_CITY, true);
            add(data!("gazetteers/us_states.txt"), G_STATE, true);
            add(data!("gazetteers/first_names_male.txt"), G_FIRST, false);
            add(data!("gazetteers/first_names_female.txt"), G_FIRST, false);
            add(data!("gazetteers/surnames.txt"), G_SURNAME, false);
            add(data!("gazetteers/org_legal_forms.txt"), G_LEGAL, false);
            add(data!("lexicon/titles.txt"), G_TITLE, false);
            add(data!("lexicon/org_words.txt"), G_ORG_WORD, false);
            Gazetteer { flags }
        })
    }

    /// The word's flags; `lower` is its [`hash_lower`], reused when no period is trimmed.
    fn flags(&self, word: &str, lower: u64) -> u16 {
        let w = word.trim_end_matches('.');
        let key = if w.len() == word.len() { lower } else { hash_lower(0, w) };
        self.flags.get(&key).copied().unwrap_or(0)
    }
}

// ---- features ---------------------------------------------------------------------------

/// What the rest of the document says about a word: seen in lowercase, seen capitalized in
/// mid-sentence, and the entity types the first pass gave it.
#[derive(Debug, Clone, Copy, Default)]
struct DocStats {
    lower: bool,
    mid_caps: bool,
    types: [u16; 4],
}

pub struct DocContext {
    stats: FxHashMap<u64, DocStats>,
    /// Which tokens of each sentence are [`scored`]; only those are looked up in `stats`.
    scored: Vec<Vec<bool>>,
    /// Whether each sentence is written in capitals.
    all_caps: Vec<bool>,
}

impl DocContext {
    /// Capitalization statistics of the document's words. Only scored tokens ever read them,
    /// so only their words are kept: every capitalized occurrence is recorded, and a lowercase
    /// one only when a scored or capitalized word could have its lowercase form, which a
    /// (first byte, length) filter decides before anything is hashed.
    pub fn new(sentences: &[Vec<&str>], lex: &Lexicon) -> DocContext {
        let scored: Vec<Vec<bool>> = sentences
            .iter()
            .map(|words| (0..words.len()).map(|i| scored(words, i, lex)).collect())
            .collect();
        let all_caps: Vec<bool> = sentences.iter().map(|words| sentence_all_caps(words)).collect();
        let mut stats: FxHashMap<u64, DocStats> = FxHashMap::default();
        // Lowercasing keeps an ASCII word's first byte and length; a non-ASCII key turns
        // the filter off.
        let mut may_be_key = [0u32; 256];
        let mut non_ascii_key = false;
        let key_shape = |w: &str| {
            let first = w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
            (usize::from(first), 1u32 << w.len().min(31))
        };
        for ((words, scored_at), &all_caps) in sentences.iter().zip(&scored).zip(&all_caps) {
            for (i, w) in words.iter().enumerate() {
                let first = w.chars().next();
                let capitalized = first.is_some_and(char::is_uppercase);
                if !capitalized && !scored_at[i] {
                    continue;
                }
                let (b, len) = key_shape(w);
                may_be_key[b] |= len;
                non_ascii_key |= !w.is_ascii();
                let s = stats.entry(hash_lower(0, w)).or_default();
                if i > 0 && !all_caps && capitalized {
                    s.mid_caps = true;
                }
            }
        }
        for w in sentences.iter().flatten() {
            if !w.chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            let (b, len) = key_shape(w);
            if non_ascii_key || may_be_key[b] & len != 0 {
                if let Some(s) = stats.get_mut(&hash_lower(0, w)) {
                    s.lower = true;
                }
            }
        }
        DocContext {
            stats,
            scored,
            all_caps,
        }
    }

    /// Whether a scored word of the sentence was given an entity type somewhere else in the
    /// document, which is what the second pass adds.
    fn tagged_elsewhere(&self, words: &[&str], scored_at: &[bool], own: &[usize]) -> bool {
        (0..words.len()).any(|i| {
            scored_at[i]
                && self
                    .types_elsewhere(words[i], label_type(own[i]))
                    .is_some_and(|types| types.iter().any(|&c| c > 0))
        })
    }

    /// How often the first pass gave each type to the word's other occurrences: its counts
    /// minus this occurrence's own type.
    fn types_elsewhere(&self, w: &str, own: Option<usize>) -> Option<[u16; 4]> {
        let mut types = self.stats.get(&hash_lower(0, w))?.types;
        if let Some(own) = own {
            types[own] = types[own].saturating_sub(1);
        }
        Some(types)
    }

    /// Records a first pass's labels, so that each word can see how it was tagged elsewhere.
    fn add_labels<'l>(&mut self, sentences: &[Vec<&str>], labels: impl IntoIterator<Item = &'l [usize]>) {
        for (words, labels) in sentences.iter().zip(labels) {
            for (w, &l) in words.iter().zip(labels) {
                if let Some(t) = label_type(l) {
                    if let Some(s) = self.stats.get_mut(&hash_lower(0, w)) {
                        s.types[t] = s.types[t].saturating_add(1);
                    }
                }
            }
        }
    }
}

fn sentence_all_caps(words: &[&str]) -> bool {
    let mut letters = 0;
    for w in words {
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters > 3
}

/// What the features need of one token, hashed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    lower: u64,
    exact: u64,
    shape: u64,
    flags: u16,
    /// The word's cluster path ([`clusters::prefix`] reads it), 0 when it has none.
    cluster: u32,
    lower_elsewhere: bool,
    mid_caps_elsewhere: bool,
    capitalized: bool,
    connector: bool,
}

const BEFORE: Tok = Tok {
    lower: 0x0bad_5eed_0000_0001,
    exact: 0x0bad_5eed_0000_0001,
    shape: 0x0bad_5eed_0000_0001,
    flags: 0,
    cluster: 0,
    lower_elsewhere: false,
    mid_caps_elsewhere: false,
    capitalized: false,
    connector: false,
};
const AFTER: Tok = Tok {
    lower: 0x0bad_5eed_0000_0002,
    exact: 0x0bad_5eed_0000_0002,
    shape: 0x0bad_5eed_0000_0002,
    flags: 0,
    cluster: 0,
    lower_elsewhere: false,
    mid_caps_elsewhere: false,
    capitalized: false,
    connector: false,
};

/// What every feature of a sentence is computed from: which tokens are scored, the hashed
/// view of the tokens, and whether the sentence is in capitals.
struct SentenceView<'d> {
    scored: &'d [bool],
    toks: Vec<Tok>,
    all_caps: bool,
}

/// The sentence's view, or `None` when no token is scored (the sentence is all O).
fn sentence_view<'d>(words: &[&str], k: usize, doc: &'d DocContext) -> Option<SentenceView<'d>> {
    let scored_at = doc.scored.get(k)?.as_slice();
    if !scored_at.contains(&true) {
        return None;
    }
    Some(SentenceView {
        toks: sentence_toks(words, doc, scored_at),
        scored: scored_at,
        all_caps: doc.all_caps.get(k).copied().unwrap_or(false),
    })
}

/// The hashed view of a sentence; tokens far from any [`scored`] token are left blank.
fn sentence_toks(words: &[&str], doc: &DocContext, scored_at: &[bool]) -> Vec<Tok> {
    let g = Gazetteer::get();
    let clusters = Clusters::get();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let near = scored_at[i.saturating_sub(2)..(i + 3).min(words.len())]
                .iter()
                .any(|&x| x);
            if !near {
                return Tok::default();
            }
            let lower = hash_lower(0, w);
            // Only a scored token's own features read what the document says about it.
            let stats = if scored_at[i] {
                doc.stats.get(&lower).copied().unwrap_or_default()
            } else {
                DocStats::default()
            };
            let exact = hash_str(0, w);
            Tok {
                lower,
                exact: if scored_at[i] { exact } else { 0 },
                cluster: clusters.code(exact),
                shape: shape_hash(0, w),
                flags: g.flags(w, lower),
                lower_elsewhere: stats.lower,
                mid_caps_elsewhere: stats.mid_caps,
                capitalized: w.chars().next().is_some_and(char::is_uppercase),
                connector: scored_at[i] && is_connector(w),
            }
        })
        .collect()
}

/// Features of the word itself, and of its other occurrences' capitalization: the same at
/// every occurrence in a document, so tagging scores them once per word.
fn word_features(w: &str, t: &Tok, out: &mut Vec<u64>) {
    out.push(mix(1, 0xb1a5));
    out.push(mix(t.lower, 1));
    out.push(mix(t.exact, 2));
    out.push(mix(t.shape, 3));
    let len = w.chars().count();
    with_lowercase(w, |lw| {
        for n in 1..=3 {
            if len > n {
                if let Some((cut, _)) = lw.char_indices().nth(n) {
                    out.push(hash_str(3 + n as u64, &lw[..cut]));
                }
            }
        }
        for n in 1..=4 {
            if len > n {
                if let Some((cut, _)) = lw.char_indices().rev().nth(n - 1) {
                    out.push(hash_str(7 + n as u64, &lw[cut..]));
                }
            }
        }
    });
    out.push(mix(29, len.min(12) as u64));
    gazetteer_features(t.flags, 100, out);
    cluster_features(t.cluster, 300, &clusters::PREFIXES, out);
    if t.lower_elsewhere {
        out.push(mix(80, 1));
    }
    if t.mid_caps_elsewhere {
        out.push(mix(81, 1));
    }
}

/// A word's cluster at each prefix length, or that it has none (a word too rare in the
/// unlabelled news, which is itself a sign of a name).
fn cluster_features(code: u32, template: u64, lengths: &[u32], out: &mut Vec<u64>) {
    if code == 0 {
        out.push(mix(template, 0xc1));
        return;
    }
    for (k, &len) in lengths.iter().enumerate() {
        out.push(mix(template + 1 + k as u64, u64::from(clusters::prefix(code, len))));
    }
}

fn gazetteer_features(flags: u16, template: u64, out: &mut Vec<u64>) {
    for bit in 0..G_BITS {
        if flags & (1 << bit) != 0 {
            out.push(mix(template + u64::from(bit), 0x9a2e));
        }
    }
}

/// Features of token `i`'s place: its neighbours and its sentence.
fn context_features(toks: &[Tok], i: usize, all_caps: bool, out: &mut Vec<u64>) {
    let at = |k: isize| -> Tok {
        let j = i as isize + k;
        if j < 0 {
            BEFORE
        } else {
            toks.get(j as usize).copied().unwrap_or(AFTER)
        }
    };
    let (p2, p1, t, n1, n2) = (at(-2), at(-1), toks[i], at(1), at(2));
    out.push(mix(p1.lower, 12));
    out.push(mix(n1.lower, 13));
    out.push(mix(p2.lower, 14));
    out.push(mix(n2.lower, 15));
    out.push(mix(p1.shape, 16));
    out.push(mix(n1.shape, 17));
    out.push(mix(mix(p1.shape, 18), t.shape));
    out.push(mix(mix(p1.lower, 19), t.lower));
    out.push(mix(mix(t.lower, 20), n1.lower));
    out.push(mix(mix(mix(p1.shape, 25), t.shape), n1.shape));
    out.push(mix(mix(p1.lower, 26), n1.lower));
    out.push(mix(mix(n1.lower, 27), n2.lower));
    out.push(mix(mix(p2.lower, 28), p1.lower));
    if i == 0 {
        out.push(mix(t.shape, 21));
    }
    // Where the token sits in its run of capitalized words ("New York Stock Exchange").
    let caps = |tok: &Tok| tok.capitalized;
    let mut run_start = i;
    while run_start > 0 && caps(&toks[run_start - 1]) && i - run_start < 6 {
        run_start -= 1;
    }
    let mut run_end = i + 1;
    while run_end < toks.len() && caps(&toks[run_end]) && run_end - i < 6 {
        run_end += 1;
    }
    if t.capitalized {
        out.push(mix(
            mix(30, (run_end - run_start).min(5) as u64),
            (i - run_start).min(4) as u64,
        ));
        // What the other words of the run are: "Barnett Banks Inc", "Bank of England".
        let mut a = i;
        while a > 0 && (toks[a - 1].capitalized || toks[a - 1].connector) && i - a < 6 {
            a -= 1;
        }
        let mut b = i + 1;
        while b < toks.len() && (toks[b].capitalized || toks[b].connector) && b - i < 6 {
            b += 1;
        }
        let others = (a..b).filter(|&j| j != i).fold(0u16, |f, j| f | toks[j].flags);
        gazetteer_features(others, 200, out);
    }

    if all_caps {
        out.push(mix(22, 1));
        out.push(mix(t.lower, 23));
    }
    for (tok, template) in [(p1, 120u64), (n1, 140), (p2, 160), (n2, 180)] {
        gazetteer_features(tok.flags, template, out);
    }
    for (tok, template) in [(p1, 320u64), (n1, 340)] {
        cluster_features(tok.cluster, template, &clusters::PREFIXES[..3], out);
    }
}

/// How the same word was tagged elsewhere in the document by the first pass; `own` (this
/// occurrence's first-pass type) is left out, so that a word learns only from its other
/// occurrences.
fn doc_type_features(w: &str, doc: &DocContext, own: Option<usize>, out: &mut Vec<u64>) {
    if let Some(types) = doc.types_elsewhere(w, own) {
        if let Some((ty, _)) = types.iter().enumerate().filter(|(_, &c)| c > 0).max_by_key(|(_, &c)| c) {
            out.push(mix(82 + ty as u64, 0xd0c));
        }
        for (ty, &c) in types.iter().enumerate() {
            if c > 0 {
                out.push(mix(86 + ty as u64, 0xd0d));
            }
        }
    }
}

/// Every feature of token `i`; the document-type ones when there was a first pass.
fn features(
    words: &[&str],
    toks: &[Tok],
    i: usize,
    all_caps: bool,
    doc: &DocContext,
    first: Option<&[usize]>,
    out: &mut Vec<u64>,
) {
    out.clear();
    word_features(words[i], &toks[i], out);
    context_features(toks, i, all_caps, out);
    if let Some(first) = first {
        doc_type_features(words[i], doc, label_type(first[i]), out);
    }
}

fn has_upper(w: &str) -> bool {
    for &b in w.as_bytes() {
        if b.is_ascii_uppercase() {
            return true;
        }
        if !b.is_ascii() {
            return w.chars().any(char::is_uppercase);
        }
    }
    false
}

/// Lowercase words that can sit inside a name ("Bank of England", "Charles de Gaulle"),
/// matched exactly: a capitalized one is scored anyway.
const CONNECTORS: [&str; 26] = [
    "of", "the", "de", "du", "des", "la", "le", "von", "van", "der", "den", "and", "&", "for", "al", "el", "bin", "da",
    "di", "y", "on", "upon", "-", ".", "'", "s",
];

/// Up to four bytes packed into an integer, the length in the top byte: a word's key for
/// the connector test, which runs on every lowercase token.
const fn packed(bytes: &[u8]) -> u64 {
    let mut key = (bytes.len() as u64) << 56;
    let mut i = 0;
    while i < bytes.len() {
        key |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

const CONNECTOR_KEYS: [u64; CONNECTORS.len()] = {
    let mut keys = [0u64; CONNECTORS.len()];
    let mut i = 0;
    while i < CONNECTORS.len() {
        keys[i] = packed(CONNECTORS[i].as_bytes());
        i += 1;
    }
    keys
};

fn is_connector(w: &str) -> bool {
    w.len() <= 4 && CONNECTOR_KEYS.contains(&packed(w.as_bytes()))
}

const UPPER: u8 = 1;
const DIGIT: u8 = 2;
const LETTER: u8 = 4;
const NON_ASCII: u8 = 8;

/// What each byte says about its word, or-ed over the word without a branch per byte.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            UPPER | LETTER
        } else if c.is_ascii_lowercase() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if !c.is_ascii() {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Whether token `i` is scored: a capitalized word, a word mixing letters and digits, or a
/// connector between capitalized words ("Bank of England", "P . Simmons"). Every other token
/// is O.
pub fn scored(words: &[&str], i: usize, lex: &Lexicon) -> bool {
    let w = words[i];
    let classes = w.bytes().fold(0u8, |m, b| m | BYTE_CLASS[usize::from(b)]);
    let (upper, digit, letter) = if classes & NON_ASCII == 0 {
        (classes & UPPER != 0, classes & DIGIT != 0, classes & LETTER != 0)
    } else {
        (has_upper(w), classes & DIGIT != 0, w.chars().any(char::is_alphabetic))
    };
    if upper {
        // "The company said": a sentence opener followed by a lowercase word is not a name.
        let opener = i == 0 || (i == 1 && matches!(words[0], "\"" | "'" | "("));
        return !(opener && words.get(i + 1).is_none_or(|n| !has_upper(n) && *n != ".") && lex.is_sentence_starter(w));
    }
    if digit && letter {
        return true;
    }
    if !is_connector(w) {
        return false;
    }
    let capitalized = |j: Option<usize>| j.and_then(|j| words.get(j)).is_some_and(|w| has_upper(w));
    match w {
        // "Barnett Banks Inc .", "P . Simmons", "Boatmen ' s"
        "." | "'" => capitalized(i.checked_sub(1)),
        "s" => i > 0 && words[i - 1] == "'",
        _ => {
            capitalized(i.checked_sub(1))
                && (capitalized(Some(i + 1))
                    || (words.get(i + 1).is_some_and(|n| is_connector(n)) && capitalized(Some(i + 2))))
        }
    }
}

// ---- model --------------------------------------------------------------------------------

/// Viterbi's tables, kept between the runs of a sentence.
#[derive(Default)]
struct Lattice {
    best: Vec<[f32; N]>,
    back: Vec<[u8; N]>,
}

/// A sentence's emission scores.
type Emissions = Vec<[f32; N]>;

/// Weights per hashed feature, and transitions (row [`START`] for the first token). A model
/// read from bytes also keeps its weights as stored, in [`Quantized`], which tagging reads
/// (training builds its models in memory and never has them, so the two cannot disagree).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub weights: FxHashMap<u64, [f32; N]>,
    pub trans: Vec<[f32; N]>,
    quantized: Option<Quantized>,
}

/// Weights as `ner.bin` stores them: i16 multiples of one scale per label. A row takes 18
/// bytes instead of 36, so the table (looked up about 30 times per capitalized word, and far
/// larger than the CPU's caches) is a third smaller; the scores are summed as integers and
/// scaled once.
#[derive(Debug, Clone, Default, PartialEq)]
struct Quantized {
    rows: FxHashMap<u64, [i16; N]>,
    scale: [f32; N],
}

const MAGIC: &[u8; 8] = b"NFNER001";

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a newsframe tagger model (bad header)")]
    BadHeader,
    #[error("truncated or corrupt model: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Model {
    pub fn empty() -> Model {
        Model {
            weights: FxHashMap::default(),
            trans: vec![[0.0; N]; N + 1],
            quantized: None,
        }
    }

    /// The model shipped in `data/models/ner.bin`, decompressed on first use.
    pub fn shipped() -> Option<&'static Model> {
        static M: OnceLock<Option<Model>> = OnceLock::new();
        M.get_or_init(|| {
            let bytes: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/models/ner.bin"));
            if bytes.is_empty() {
                return None;
            }
            match Model::from_bytes(bytes) {
                Ok(m) => Some(m),
                Err(e) => {
                    log::error!("the shipped entity model cannot be read ({e}); using the rule-based tagger");
                    None
                }
            }
        })
        .as_ref()
    }

    /// Writes the model zstd-compressed: features sorted by key, keys delta-coded, weights
    /// quantized to i16 against one scale per label.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ModelError> {
        let mut keys: Vec<u64> = self
            .weights
            .iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() > 1e-3))
            .map(|(k, _)| *k)
            .collect();
        keys.sort_unstable();
        let mut raw = Vec::with_capacity(keys.len() * 26);
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for row in &self.trans {
            for x in row {
                raw.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut scale = [0f32; N];
        for k in &keys {
            for (l, x) in self.weights[k].iter().enumerate() {
                scale[l] = scale[l].max(x.abs());
            }
        }
        for s in &mut scale {
            *s = if *s > 0.0 { *s / 32767.0 } else { 1.0 };
            raw.extend_from_slice(&s.to_le_bytes());
        }
        let mut previous = 0u64;
        for k in &keys {
            let mut delta = k - previous;
            previous = *k;
            loop {
                let byte = (delta & 0x7f) as u8;
                delta >>= 7;
                if delta == 0 {
                    raw.push(byte);
                    break;
                }
                raw.push(byte | 0x80);
            }
        }
        for (l, s) in scale.iter().enumerate() {
            for k in &keys {
                let q = (self.weights[k][l] / s).round().clamp(-32767.0, 32767.0) as i16;
                raw.extend_from_slice(&q.to_le_bytes());
            }
        }
        let mut out = Vec::new();
        let mut encoder = zstd::stream::write::Encoder::new(&mut out, 19)?;
        encoder.write_all(&raw)?;
        encoder.finish()?;
        Ok(out)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut raw = Vec::new();
        zstd::stream::read::Decoder::new(bytes)?.read_to_end(&mut raw)?;
        let corrupt = |what: &str| ModelError::Corrupt(what.to_string());
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], ModelError> {
            let s = raw.get(at..at + n).ok_or_else(|| corrupt("ends early"))?;
            at += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err(ModelError::BadHeader);
        }
        let n_keys = u64::from_le_bytes(take(8)?.try_into().map_err(|_| corrupt("count"))?) as usize;
        let f32_at = |b: &[u8]| f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let mut trans = vec![[0f32; N]; N + 1];
        for row in &mut trans {
            for x in row.iter_mut() {
                *x = f32_at(take(4)?);
            }
        }
        let mut scale = [0f32; N];
        for s in &mut scale {
            *s = f32_at(take(4)?);
        }
        let mut keys = Vec::with_capacity(n_keys);
        let mut previous = 0u64;
        for _ in 0..n_keys {
            let mut delta = 0u64;
            let mut shift = 0;
            loop {
                let byte = take(1)?[0];
                delta |= u64::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    break;
                }
                shift += 7;
                if shift > 63 {
                    return Err(corrupt("key"));
                }
            }
            previous = previous.wrapping_add(delta);
            keys.push(previous);
        }
        let mut weights: FxHashMap<u64, [f32; N]> = FxHashMap::default();
        weights.reserve(n_keys);
        let mut rows: FxHashMap<u64, [i16; N]> = FxHashMap::default();
        rows.reserve(n_keys);
        let columns = take(n_keys * N * 2)?;
        for (i, k) in keys.iter().enumerate() {
            let mut q = [0i16; N];
            for (l, x) in q.iter_mut().enumerate() {
                let p = (l * n_keys + i) * 2;
                *x = i16::from_le_bytes([columns[p], columns[p + 1]]);
            }
            let mut w = [0f32; N];
            for ((x, q), s) in w.iter_mut().zip(q).zip(scale) {
                *x = f32::from(q) * s;
            }
            weights.insert(*k, w);
            rows.insert(*k, q);
        }
        Ok(Model {
            weights,
            trans,
            quantized: Some(Quantized { rows, scale }),
        })
    }

    /// Label scores of one token's features.
    fn score(&self, feats: &[u64], out: &mut [f32; N]) {
        if let Some(Quantized { rows, scale }) = &self.quantized {
            let mut sums = [0i32; N];
            for f in feats {
                if let Some(q) = rows.get(f) {
                    for (s, x) in sums.iter_mut().zip(q) {
                        *s += i32::from(*x);
                    }
                }
            }
            for ((o, s), k) in out.iter_mut().zip(sums).zip(scale) {
                *o = s as f32 * k;
            }
            return;
        }
        *out = [0.0; N];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (o, x) in out.iter_mut().zip(w) {
                    *o += x;
                }
            }
        }
    }

    /// Emission scores of one sentence's scored tokens, from the word and context features
    /// (the first pass's features); `None` when no token is scored. The scores of a word's own
    /// features are computed once per document through `cache`.
    fn emissions<'w>(
        &self,
        words: &[&'w str],
        k: usize,
        doc: &DocContext,
        feats: &mut Vec<u64>,
        cache: &mut FxHashMap<&'w str, [f32; N]>,
    ) -> Option<Emissions> {
        let SentenceView {
            scored: scored_at,
            toks,
            all_caps,
        } = sentence_view(words, k, doc)?;
        let mut emit = vec![[0f32; N]; words.len()];
        for i in (0..words.len()).filter(|&i| scored_at[i]) {
            let intrinsic = *cache.entry(words[i]).or_insert_with(|| {
                feats.clear();
                word_features(words[i], &toks[i], feats);
                let mut scores = [0f32; N];
                self.score(feats, &mut scores);
                scores
            });
            feats.clear();
            context_features(&toks, i, all_caps, feats);
            self.score(feats, &mut emit[i]);
            for (e, x) in emit[i].iter_mut().zip(intrinsic) {
                *e += x;
            }
        }
        Some(emit)
    }

    /// Best label sequence given emission scores. Unscored tokens are O, so the sentence
    /// falls apart into runs of scored tokens, each decoded on its own between O neighbours.
    fn decode(&self, scored_at: &[bool], emit: &[[f32; N]], lattice: &mut Lattice) -> Vec<usize> {
        let n = emit.len();
        let mut labels = vec![O; n];
        let mut i = 0;
        while i < n {
            if !scored_at[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < n && scored_at[i] {
                i += 1;
            }
            self.decode_run(start, &emit[start..i], i == n, lattice, &mut labels[start..i]);
        }
        labels
    }

    /// Viterbi over one run of scored tokens; `start` is its position in the sentence (0 means
    /// it opens the sentence), `at_end` whether it closes it (else an O follows).
    fn decode_run(&self, start: usize, emit: &[[f32; N]], at_end: bool, lattice: &mut Lattice, out: &mut [usize]) {
        let n = emit.len();
        let Lattice { best, back } = lattice;
        best.clear();
        best.resize(n, [f32::NEG_INFINITY; N]);
        back.clear();
        back.resize(n, [0u8; N]);
        let entry = if start == 0 { START } else { O };
        for to in 0..N {
            best[0][to] = self.trans[entry][to] + FORBIDDEN[entry][to] + emit[0][to];
        }
        for i in 1..n {
            let prev = best[i - 1];
            for to in 0..N {
                let mut top = f32::NEG_INFINITY;
                let mut arg = 0;
                for (from, &p) in prev.iter().enumerate() {
                    let s = p + self.trans[from][to] + FORBIDDEN[from][to];
                    if s > top {
                        top = s;
                        arg = from;
                    }
                }
                best[i][to] = top + emit[i][to];
                back[i][to] = arg as u8;
            }
        }
        let exit = |l: usize| if at_end { 0.0 } else { self.trans[l][O] };
        let mut last = (0..N)
            .filter(|&l| best[n - 1][l] > f32::NEG_INFINITY)
            .max_by(|&a, &b| (best[n - 1][a] + exit(a)).total_cmp(&(best[n - 1][b] + exit(b))))
            .unwrap_or(O);
        for i in (0..n).rev() {
            out[i] = last;
            last = usize::from(back[i][last]);
        }
    }

    /// Best label sequence for one sentence from all its features, computed afresh: the
    /// training path, where weights change after every sentence.
    fn viterbi(
        &self,
        words: &[&str],
        k: usize,
        doc: &DocContext,
        first: Option<&[usize]>,
        feats: &mut Vec<u64>,
    ) -> Vec<usize> {
        let n = words.len();
        let Some(SentenceView {
            scored: scored_at,
            toks,
            all_caps,
        }) = sentence_view(words, k, doc)
        else {
            return vec![O; n];
        };
        let mut emit = vec![[0f32; N]; n];
        for i in (0..n).filter(|&i| scored_at[i]) {
            features(words, &toks, i, all_caps, doc, first, feats);
            self.score(feats, &mut emit[i]);
        }
        self.decode(scored_at, &emit, &mut Lattice::default())
    }

    /// Tags a document given as sentences of words: a first pass, then a second that also
    /// sees how each word was tagged elsewhere in the document. The second pass only adds the
    /// document-type features' scores to the first pass's emissions, and only in sentences
    /// where a word was tagged elsewhere.
    pub fn tag<'w>(&self, sentences: &[Vec<&'w str>], lex: &Lexicon) -> Vec<Vec<usize>> {
        let mut doc = DocContext::new(sentences, lex);
        let mut feats = Vec::with_capacity(64);
        let mut cache: FxHashMap<&'w str, [f32; N]> = FxHashMap::default();
        let mut lattice = Lattice::default();
        let mut first: Vec<(Vec<usize>, Option<Emissions>)> = Vec::with_capacity(sentences.len());
        for (k, s) in sentences.iter().enumerate() {
            match self.emissions(s, k, &doc, &mut feats, &mut cache) {
                Some(emit) => first.push((self.decode(&doc.scored[k], &emit, &mut lattice), Some(emit))),
                None => first.push((vec![O; s.len()], None)),
            }
        }
        if !first.iter().any(|(labels, _)| labels.iter().any(|&l| l != O)) {
            return first.into_iter().map(|(labels, _)| labels).collect();
        }
        doc.add_labels(sentences, first.iter().map(|(l, _)| l.as_slice()));
        sentences
            .iter()
            .zip(first)
            .enumerate()
            .map(|(k, (s, (own, emissions)))| {
                let scored_at = &doc.scored[k];
                match emissions {
                    Some(mut emit) if doc.tagged_elsewhere(s, scored_at, &own) => {
                        for i in (0..s.len()).filter(|&i| scored_at[i]) {
                            feats.clear();
                            doc_type_features(s[i], &doc, label_type(own[i]), &mut feats);
                            let mut extra = [0f32; N];
                            self.score(&feats, &mut extra);
                            for (e, x) in emit[i].iter_mut().zip(extra) {
                                *e += x;
                            }
                        }
                        self.decode(scored_at, &emit, &mut lattice)
                    }
                    _ => own,
                }
            })
            .collect()
    }
}

/// Entity spans of a label sequence: (first token, end token, type index).
pub fn spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        match label_type(labels[i]) {
            Some(t) => {
                let mut j = i + 1;
                while j < labels.len() && is_inside(labels[j]) && label_type(labels[j]) == Some(t) {
                    j += 1;
                }
                out.push((i, j, t));
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_lower_is_the_hash_of_the_lowercase_word() {
        for w in [
            "McDONALD's",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{",
            "x",
            "",
            "Zürich",
            "ÉLAN",
            "a1-B2_c3.D4",
        ] {
            assert_eq!(hash_lower(7, w), hash_slice(7, w.to_lowercase().as_bytes()), "{w}");
        }
    }

    #[test]
    fn connectors_are_matched_exactly() {
        for w in CONNECTORS {
            assert!(is_connector(w), "{w}");
        }
        for w in ["", "o", "off", "The", "upon ", "thee", "ofx", "ss", "--", "al-"] {
            assert!(!is_connector(w), "{w}");
        }
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash(0, "McDonald"), shape_hash(0, "DeLong"));
        assert_ne!(shape_hash(0, "McDonald"), shape_hash(0, "Mcdonald"));
        assert_eq!(shape_hash(0, "1996-08-30"), shape_hash(0, "12-3-4567"));
    }

    #[test]
    fn only_capitalized_words_and_connectors_are_scored() {
        let words = [
            "The", "Bank", "of", "England", "said", "of", "course", "iPhone", "1996", "P", ".", "Simmons", "left", ".",
        ];
        let got: Vec<bool> = (0..words.len())
            .map(|i| scored(&words, i, crate::lexicon::Lexicon::get()))
            .collect();
        assert_eq!(
            got,
            [true, true, true, true, false, false, false, true, false, true, true, true, false, false]
        );
    }

    #[test]
    fn spans_follow_bio() {
        // O B-PER I-PER O B-LOC B-LOC
        assert_eq!(spans(&[0, 1, 2, 0, 5, 5]), vec![(1, 3, 0), (4, 5, 2), (5, 6, 2)]);
    }

    #[test]
    fn model_round_trips_through_bytes() {
        let mut m = Model::empty();
        m.weights
            .insert(hash_lower(1, "kirby"), [0.5, 2.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25]);
        m.weights.insert(7, [0.0, 0.0, 0.0, 3.0, -3.0, 0.0, 0.0, 0.0, 0.0]);
        m.trans[START][1] = 1.5;
        let back = Model::from_bytes(&m.to_bytes().expect("bytes")).expect("model");
        assert_eq!(back.trans, m.trans);
        for (k, w) in &m.weights {
            for (a, b) in w.iter().zip(&back.weights[k]) {
                assert!((a - b).abs() < 1e-3, "{a} vs {b}");
            }
        }
        assert!(Model::from_bytes(b"not zstd").is_err());
    }
}
