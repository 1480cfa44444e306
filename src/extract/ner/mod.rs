//! The statistical entity tagger: an averaged structured perceptron over hashed features with
//! first-order Viterbi decoding, trained on CoNLL-style data by `newsframe train ner` (see
//! [`train`]) and shipped compressed in `data/models/ner.bin`.
//!
//! Labels are CoNLL's (PER, ORG, LOC, MISC in BIO); `entities` turns them into OntoNotes types
//! with the gazetteers. Features are hashed on the fly from the token slices, so tagging
//! allocates nothing per token; lowercase tokens that are not name connectors ("of", "de")
//! are fixed to O without scoring, which is where most of the speed comes from.

pub mod train;

use std::io::{Read, Write};
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::lexicon::with_lowercase;
use crate::text::{ArticleText, Span};

pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const N: usize = LABELS.len();
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
const O: usize = 0;
/// Row of the transition table used for the first token.
const START: usize = N;

/// The entity type index (into [`TYPES`]) of a label, if it is not O.
pub fn label_type(label: usize) -> Option<usize> {
    (label > 0).then(|| (label - 1) / 2)
}

fn is_inside(label: usize) -> bool {
    label > 0 && label.is_multiple_of(2)
}

/// Whether label `to` may follow `from` (I-X only after B-X or I-X).
fn allowed(from: usize, to: usize) -> bool {
    !is_inside(to) || (from != START && from != O && label_type(from) == label_type(to))
}

/// Lowercase words that can sit inside a name ("Bank of England", "Charles de Gaulle").
const CONNECTORS: &[&str] = &[
    "of", "the", "de", "du", "des", "la", "le", "von", "van", "der", "den", "and", "&", "for", "al", "el", "bin", "da",
    "di", "y", "on", "upon", "-", ".", "'", "s",
];

/// Tokens the model scores; the others are O.
pub fn needs_tag(word: &str) -> bool {
    word.chars().any(char::is_uppercase)
        || (word.chars().any(char::is_alphabetic) && word.chars().any(|c| c.is_ascii_digit()))
        || CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// The token sequences the tagger reads: the article's sentences, cut again at line breaks
/// (a headline or a dateline is a sequence of its own).
pub fn sequences(at: &ArticleText) -> Vec<Vec<Span>> {
    let text = at.text();
    let mut out = Vec::new();
    for i in 0..at.sentences.len() {
        let tokens = at.sentence_tokens(i);
        let mut current: Vec<Span> = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            if k > 0 && text[tokens[k - 1].end..t.start].contains('\n') && !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.push(*t);
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

// ---- hashing ----------------------------------------------------------------------------

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(SEED)
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
    hash_bytes(template, s.bytes())
}

#[inline]
fn hash_lower(template: u64, s: &str) -> u64 {
    hash_bytes(template, s.bytes().map(|b| b.to_ascii_lowercase()))
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

macro_rules! data {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $path))
    };
}

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

    fn flags(&self, word: &str) -> u16 {
        let w = word.trim_end_matches('.');
        self.flags.get(&hash_lower(0, w)).copied().unwrap_or(0)
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
}

impl DocContext {
    /// Capitalization statistics of the document's words.
    pub fn new(sentences: &[Vec<&str>]) -> DocContext {
        let mut stats: FxHashMap<u64, DocStats> = FxHashMap::default();
        for words in sentences {
            let all_caps = sentence_all_caps(words);
            for (i, w) in words.iter().enumerate() {
                let first = w.chars().next();
                let s = stats.entry(hash_lower(0, w)).or_default();
                if first.is_some_and(char::is_lowercase) {
                    s.lower = true;
                } else if i > 0 && !all_caps && first.is_some_and(char::is_uppercase) {
                    s.mid_caps = true;
                }
            }
        }
        DocContext { stats }
    }

    /// Records a first pass's labels, so that each word can see how it was tagged elsewhere.
    fn add_labels(&mut self, sentences: &[Vec<&str>], labels: &[Vec<usize>]) {
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

/// The hashed features of token `i`. `first` is the sentence's first-pass labels, when there
/// was a first pass: this token's own type is taken out of the document counts, so that a word
/// learns only from its other occurrences.
fn features(words: &[&str], i: usize, all_caps: bool, doc: &DocContext, first: Option<&[usize]>, out: &mut Vec<u64>) {
    let own = first.and_then(|f| label_type(f[i]));
    let g = Gazetteer::get();
    let w = words[i];
    let word = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 {
            "<s>"
        } else {
            words.get(j as usize).copied().unwrap_or("</s>")
        }
    };
    out.clear();
    out.push(hash_str(0, "bias"));
    out.push(hash_lower(1, w));
    out.push(hash_str(2, w));
    let shape = shape_hash(3, w);
    out.push(shape);
    let lower_len = w.chars().count();
    with_lowercase(w, |lw| {
        for n in 1..=3 {
            if lower_len > n {
                if let Some((cut, _)) = lw.char_indices().nth(n) {
                    out.push(hash_str(3 + n as u64, &lw[..cut]));
                }
            }
        }
        for n in 1..=4 {
            if lower_len > n {
                if let Some((cut, _)) = lw.char_indices().rev().nth(n - 1) {
                    out.push(hash_str(7 + n as u64, &lw[cut..]));
                }
            }
        }
    });
    out.push(hash_lower(12, word(-1)));
    out.push(hash_lower(13, word(1)));
    out.push(hash_lower(14, word(-2)));
    out.push(hash_lower(15, word(2)));
    out.push(shape_hash(16, word(-1)));
    out.push(shape_hash(17, word(1)));
    out.push(mix(shape_hash(18, word(-1)), shape));
    out.push(mix(hash_lower(19, word(-1)), hash_lower(0, w)));
    out.push(mix(hash_lower(20, w), hash_lower(0, word(1))));
    out.push(mix(mix(shape_hash(25, word(-1)), shape), shape_hash(0, word(1))));
    out.push(mix(hash_lower(26, word(-1)), hash_lower(0, word(1))));
    out.push(mix(hash_lower(27, word(1)), hash_lower(0, word(2))));
    out.push(mix(hash_lower(28, word(-2)), hash_lower(0, word(-1))));
    out.push(mix(hash_str(29, "len"), lower_len.min(12) as u64));
    if i == 0 {
        out.push(mix(hash_str(21, "first"), shape));
    }
    if all_caps {
        out.push(hash_str(22, "all-caps"));
        out.push(hash_lower(23, w));
    }
    for (k, template) in [(0isize, 100u64), (-1, 120), (1, 140), (-2, 160), (2, 180)] {
        let flags = g.flags(word(k));
        for bit in 0..G_BITS {
            if flags & (1 << bit) != 0 {
                out.push(hash_str(template + u64::from(bit), "g"));
            }
        }
    }
    if let Some(s) = doc.stats.get(&hash_lower(0, w)) {
        if s.lower {
            out.push(hash_str(80, "doc-lower"));
        }
        if s.mid_caps {
            out.push(hash_str(81, "doc-mid-caps"));
        }
        let mut types = s.types;
        if let Some(t) = own {
            types[t] = types[t].saturating_sub(1);
        }
        if let Some((t, _)) = types.iter().enumerate().filter(|(_, &c)| c > 0).max_by_key(|(_, &c)| c) {
            out.push(hash_str(82 + t as u64, "doc-type"));
        }
    }
}

// ---- model --------------------------------------------------------------------------------

/// Weights per hashed feature, and transitions (row [`START`] for the first token).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub weights: FxHashMap<u64, [f32; N]>,
    pub trans: Vec<[f32; N]>,
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
        let columns = take(n_keys * N * 2)?;
        for (i, k) in keys.iter().enumerate() {
            let mut w = [0f32; N];
            for (l, x) in w.iter_mut().enumerate() {
                let p = (l * n_keys + i) * 2;
                *x = f32::from(i16::from_le_bytes([columns[p], columns[p + 1]])) * scale[l];
            }
            weights.insert(*k, w);
        }
        Ok(Model { weights, trans })
    }

    /// Label scores of one token's features.
    fn score(&self, feats: &[u64], out: &mut [f32; N]) {
        *out = [0.0; N];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (o, x) in out.iter_mut().zip(w) {
                    *o += x;
                }
            }
        }
    }

    /// Best label sequence for one sentence. Tokens that [`needs_tag`] rejects are O.
    fn viterbi(&self, words: &[&str], doc: &DocContext, own: Option<&[usize]>, feats: &mut Vec<u64>) -> Vec<usize> {
        let n = words.len();
        if n == 0 {
            return Vec::new();
        }
        let all_caps = sentence_all_caps(words);
        let mut best = vec![[f32::NEG_INFINITY; N]; n];
        let mut back = vec![[0u8; N]; n];
        let mut emit = [0f32; N];
        for i in 0..n {
            let tagged = needs_tag(words[i]);
            if tagged {
                features(words, i, all_caps, doc, own, feats);
                self.score(feats, &mut emit);
            }
            for to in 0..N {
                if !tagged && to != O {
                    continue;
                }
                let e = if tagged { emit[to] } else { 0.0 };
                if i == 0 {
                    if allowed(START, to) {
                        best[0][to] = self.trans[START][to] + e;
                    }
                    continue;
                }
                let mut top = f32::NEG_INFINITY;
                let mut arg = 0;
                for (from, &prev) in best[i - 1].iter().enumerate() {
                    if prev == f32::NEG_INFINITY || !allowed(from, to) {
                        continue;
                    }
                    let s = prev + self.trans[from][to];
                    if s > top {
                        top = s;
                        arg = from;
                    }
                }
                best[i][to] = top + e;
                back[i][to] = arg as u8;
            }
        }
        let mut labels = vec![O; n];
        let mut last = (0..N)
            .max_by(|&a, &b| best[n - 1][a].total_cmp(&best[n - 1][b]))
            .unwrap_or(O);
        for i in (0..n).rev() {
            labels[i] = last;
            last = usize::from(back[i][last]);
        }
        labels
    }

    /// Tags a document given as sentences of words: a first pass, then a second that sees
    /// how each word was tagged elsewhere in the document.
    pub fn tag(&self, sentences: &[Vec<&str>]) -> Vec<Vec<usize>> {
        let mut doc = DocContext::new(sentences);
        let mut feats = Vec::with_capacity(64);
        let first: Vec<Vec<usize>> = sentences
            .iter()
            .map(|s| self.viterbi(s, &doc, None, &mut feats))
            .collect();
        if !first.iter().flatten().any(|&l| l != O) {
            return first;
        }
        doc.add_labels(sentences, &first);
        sentences
            .iter()
            .zip(&first)
            .map(|(s, own)| self.viterbi(s, &doc, Some(own), &mut feats))
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
    fn shapes_collapse_runs() {
        assert_eq!(shape_hash(0, "McDonald"), shape_hash(0, "DeLong"));
        assert_ne!(shape_hash(0, "McDonald"), shape_hash(0, "Mcdonald"));
        assert_eq!(shape_hash(0, "1996-08-30"), shape_hash(0, "12-3-4567"));
    }

    #[test]
    fn only_capitalized_words_and_connectors_are_scored() {
        assert!(needs_tag("Kirby"));
        assert!(needs_tag("of"));
        assert!(needs_tag("iPhone"));
        assert!(!needs_tag("said"));
        assert!(!needs_tag("1996"));
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
