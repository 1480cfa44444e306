//! Text: everything about an article's text that does not depend on what it means — the
//! normalized form with its offset map, paragraphs (and which repeat), sentences and tokens.
//! Extractors work on [`ArticleText`]; offsets leave it as code points into the original.

pub mod normalize;
pub mod offsets;
mod segment;
pub mod span_index;

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::lexicon::Lexicon;
pub use normalize::{MarkDirection, Normalized};
pub use offsets::CodepointIndex;
pub use span_index::SpanIndex;

/// A byte range `[start, end)` in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn contains(&self, pos: usize) -> bool {
        self.start <= pos && pos < self.end
    }
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Span,
    /// Repeats an earlier paragraph of the same article (after whitespace normalization).
    pub duplicate: bool,
}

#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// An article's text, segmented, with the way back to the original's code points.
pub struct ArticleText<'a> {
    pub original: &'a str,
    pub norm: Normalized,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// Every token of the text, in order; `sentence_tokens[i]` indexes those of sentence `i`.
    pub tokens: Vec<Span>,
    sentence_tokens: Vec<Range<usize>>,
    codepoints: CodepointIndex,
}

/// A sentence of more tokens than this is read as consecutive pieces of this many tokens, each
/// a sentence to every extractor. Rules look back and ahead within a sentence, some of them
/// once per word, so a run-on "sentence" of a million words (a pasted table, a text with no
/// full stop) would cost them time growing with its square; pieces bound that cost per
/// sentence. News sentences are far shorter: in the shared corpora (BBC, Guardian, Reuters,
/// PolNeAR) fewer than 1 in 10,000 reach it.
pub const MAX_SENTENCE_TOKENS: usize = 120;

/// Adds one segmented sentence, whose tokens are `tokens[start..]`, as one sentence or as
/// pieces of at most [`MAX_SENTENCE_TOKENS`] tokens. A piece ends after the last comma or
/// semicolon of its second half, when there is one not followed by a quotation mark, so that a
/// speaker and the cue after it ("..., Boris Johnson said: \"...\"") stay in one piece; else at
/// the bound. The first piece starts where the sentence does and the last ends where it does,
/// so the sentences still cover the text.
fn push_pieces(
    text: &str,
    span: Span,
    paragraph: usize,
    start: usize,
    tokens: &[Span],
    sentences: &mut Vec<Sentence>,
    sentence_tokens: &mut Vec<Range<usize>>,
) {
    let end = tokens.len();
    if end - start <= MAX_SENTENCE_TOKENS {
        sentences.push(Sentence { span, paragraph });
        sentence_tokens.push(start..end);
        return;
    }
    let word = |i: usize| &text[tokens[i].start..tokens[i].end];
    let mut from = start;
    while from < end {
        let bound = from + MAX_SENTENCE_TOKENS;
        let to = if bound >= end {
            end
        } else {
            (from + MAX_SENTENCE_TOKENS / 2..bound)
                .rev()
                .find(|&to| matches!(word(to - 1), "," | ";") && word(to) != "\"")
                .unwrap_or(bound)
        };
        let piece_start = if from == start { span.start } else { tokens[from].start };
        let piece_end = if to == end { span.end } else { tokens[to - 1].end };
        sentences.push(Sentence {
            span: Span::new(piece_start, piece_end),
            paragraph,
        });
        sentence_tokens.push(from..to);
        from = to;
    }
}

impl<'a> ArticleText<'a> {
    pub fn new(original: &'a str, lexicon: &Lexicon) -> ArticleText<'a> {
        let norm = Normalized::new(original);
        let paragraphs = segment::paragraphs(&norm.text);
        let mut sentences = Vec::new();
        let mut tokens = Vec::new();
        let mut sentence_tokens = Vec::new();
        for (paragraph, p) in paragraphs.iter().enumerate() {
            for span in segment::sentences(&norm.text, p.span, lexicon) {
                let start = tokens.len();
                tokens.extend(segment::tokenize(&norm.text, span, lexicon));
                push_pieces(
                    &norm.text,
                    span,
                    paragraph,
                    start,
                    &tokens,
                    &mut sentences,
                    &mut sentence_tokens,
                );
            }
        }
        ArticleText {
            original,
            codepoints: CodepointIndex::new(original),
            norm,
            paragraphs,
            sentences,
            tokens,
            sentence_tokens,
        }
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Span] {
        &self.tokens[self.sentence_tokens[i].clone()]
    }

    /// The tokens lying wholly inside `region`.
    pub fn tokens_in(&self, region: Span) -> &[Span] {
        let lo = self.tokens.partition_point(|t| t.start < region.start);
        let mut hi = self.tokens.partition_point(|t| t.start < region.end);
        while hi > lo && self.tokens[hi - 1].end > region.end {
            hi -= 1;
        }
        &self.tokens[lo..hi]
    }

    pub fn text(&self) -> &str {
        &self.norm.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.norm.text[span.start..span.end]
    }

    /// Code point offsets into the original text of a normalized span.
    pub fn original_cp(&self, span: Span) -> (u32, u32) {
        (
            self.codepoints.cp(self.norm.original_offset(span.start)),
            self.codepoints.cp(self.norm.original_offset(span.end)),
        )
    }

    /// The text exactly as given for a normalized span.
    pub fn original_slice(&self, span: Span) -> &'a str {
        &self.original[self.norm.original_offset(span.start)..self.norm.original_offset(span.end)]
    }

    /// Index of the paragraph holding byte `pos` (the nearest earlier one between paragraphs).
    pub fn paragraph_of(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.span.start <= pos)
            .saturating_sub(1)
    }

    /// Index of the sentence holding byte `pos` (the nearest earlier one between sentences).
    pub fn sentence_of(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start <= pos)
            .saturating_sub(1)
    }

    pub fn n_words(&self) -> usize {
        count_words(self.original)
    }

    pub fn n_duplicate_paragraphs(&self) -> usize {
        self.paragraphs.iter().filter(|p| p.duplicate).count()
    }

    /// 128-bit hash of the whitespace-collapsed, lowercased text, the basis of cross-article
    /// duplicate detection.
    pub fn content_hash(&self) -> u128 {
        xxhash_rust::xxh3::xxh3_128(&lowercase_words(&self.norm.text))
    }
}

/// The words of `text` between runs of whitespace: what `str::split_whitespace` yields, found
/// without decoding every character. These run over every article's whole text three times.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            match whitespace_len_at(text, pos) {
                0 => break,
                n => pos += n,
            }
        }
        if pos == bytes.len() {
            return None;
        }
        let start = pos;
        while pos < bytes.len() && whitespace_len_at(text, pos) == 0 {
            pos += 1;
        }
        Some(&text[start..pos])
    })
}

/// How many [`words`] `text` has, counted without building them. (`words(text).count()` was
/// 1.9% of a 40 MB run's CPU; this loop does not show in the profile.)
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let space = match bytes[i] {
            b' ' | b'\t'..=b'\r' => 1,
            0x80.. => whitespace_len_at(text, i),
            _ => 0,
        };
        if space > 0 {
            in_word = false;
            i += space;
        } else {
            n += usize::from(!in_word);
            in_word = true;
            i += 1;
        }
    }
    n
}

/// The byte length of the whitespace character starting at byte `i`, or 0. Only the lead
/// bytes of Unicode's non-ASCII whitespace (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000)
/// are decoded; a continuation byte is never one of them, so `i` may fall inside a character.
fn whitespace_len_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i] {
        b' ' | b'\t'..=b'\r' => 1,
        0xC2 | 0xE1 | 0xE2 | 0xE3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// The text's words lowercased, each followed by one space: what the content and quote hashes
/// are taken of, so that case and spacing do not make two texts differ.
pub fn lowercase_words(text: &str) -> Vec<u8> {
    let mut lower = Vec::new();
    join_words(text, true, &mut lower);
    lower
}

/// Appends each word of `text` (as [`words`] splits it) and one space after it, lowercased if
/// asked, and returns how many words there were. This runs over every article's whole text
/// twice, so words are copied eight bytes at a time: one load finds where an ASCII word ends
/// (the first byte that is a space, a control character or not ASCII) and is stored back
/// lowercased, with no branch per byte. Bytes that stopped it are looked at one by one; a word
/// with non-ASCII letters is rewritten by `str::to_lowercase` where it ends, which knows the
/// final sigma. (A loop over single bytes took 5.6% of a 40 MB run's CPU.)
pub fn join_words(text: &str, lowercase: bool, out: &mut Vec<u8>) -> usize {
    let bytes = text.as_bytes();
    // Each input byte gives at most one output byte and each word's space is paid for by the
    // whitespace after it, except the last word's; eight more for the last eight-byte store.
    let mut w = out.len();
    out.resize(w + bytes.len() + 1 + 8, 0);
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let space = whitespace_len_at(text, i);
        if space > 0 {
            i += space;
            continue;
        }
        let (word_from, word_to) = (i, w);
        let mut non_ascii = false;
        loop {
            while let Some(chunk) = bytes.get(i..i + 8) {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(chunk);
                let x = u64::from_le_bytes(eight);
                let stops = word_stops(x);
                let len = if stops == 0 {
                    8
                } else {
                    (stops.trailing_zeros() / 8) as usize
                };
                let stored = if lowercase { ascii_lowercase_eight(x) } else { x };
                out[w..w + 8].copy_from_slice(&stored.to_le_bytes());
                w += len;
                i += len;
                if len < 8 {
                    break;
                }
            }
            let Some(&b) = bytes.get(i) else { break };
            if whitespace_len_at(text, i) > 0 {
                break;
            }
            non_ascii |= !b.is_ascii();
            out[w] = if lowercase { b.to_ascii_lowercase() } else { b };
            w += 1;
            i += 1;
        }
        if lowercase && non_ascii {
            w = lowercase_word(text, word_from..i, word_to, out);
        }
        out[w] = b' ';
        w += 1;
        n += 1;
    }
    out.truncate(w);
    n
}

const LANES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `x` that may end a word: at most 0x20 (spaces and control
/// characters) or not ASCII. Only the lowest is exact: a byte of 0x80 or more may carry into
/// the bytes above it, never into those below.
fn word_stops(x: u64) -> u64 {
    let above_space = x.wrapping_add(LANES * (0x80 - 0x21));
    (!above_space | x) & (LANES * 0x80)
}

/// Eight bytes with 'A'..='Z' lowercased (each gains 0x20), without a branch per byte. Exact
/// for every byte below the lowest one of 0x80 or more: a carry from such a byte only moves up.
/// So all eight are right for ASCII, and in [`join_words`] the bytes below the lowest
/// [`word_stops`] byte, the ones kept, are.
pub(crate) fn ascii_lowercase_eight(x: u64) -> u64 {
    let at_least_a = x.wrapping_add(LANES * (0x80 - u64::from(b'A')));
    let above_z = x.wrapping_add(LANES * (0x80 - u64::from(b'Z') - 1));
    let upper = at_least_a & !above_z & (LANES * 0x80);
    x | (upper >> 2)
}

/// Writes `text[word]` lowercased at `out[at..]`, growing `out` if the lowercase form is
/// longer, and returns where the next byte goes. `word` ends at whitespace or the end of the
/// text, so it is whole characters.
fn lowercase_word(text: &str, word: std::ops::Range<usize>, at: usize, out: &mut Vec<u8>) -> usize {
    let rest = text.len() - word.end;
    let lower = text[word].to_lowercase();
    let needed = at + lower.len() + rest + 1 + 8;
    if out.len() < needed {
        out.resize(needed, 0);
    }
    out[at..at + lower.len()].copy_from_slice(lower.as_bytes());
    at + lower.len()
}

/// Marks paragraphs whose whitespace-collapsed text appeared earlier in the article.
fn flag_duplicates(text: &str, paragraphs: &mut [Paragraph]) {
    let mut seen = FxHashSet::default();
    // One hash of each paragraph's words joined by spaces: many tiny streaming updates cost
    // more than copying the words once.
    let mut joined = Vec::new();
    for p in paragraphs {
        joined.clear();
        join_words(&text[p.span.start..p.span.end], false, &mut joined);
        p.duplicate = !seen.insert(xxhash_rust::xxh3::xxh3_128(&joined));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_over_long_sentence_is_read_as_pieces_cut_after_a_comma() {
        // 30 clauses of 6 tokens, one sentence of 180 tokens with no full stop before its end.
        let clause = "the council met the mayor, ";
        let text = format!("{}and Anna Berg said: \"We will fund it.\"", clause.repeat(30));
        let at = ArticleText::new(&text, Lexicon::get());
        assert!(at.sentences.len() >= 2, "{}", at.sentences.len());
        for (i, s) in at.sentences.iter().enumerate() {
            assert!(at.sentence_tokens(i).len() <= MAX_SENTENCE_TOKENS);
            if i + 1 < at.sentences.len() {
                assert!(at.slice(s.span).ends_with(','), "{:?}", at.slice(s.span));
            }
        }
        // Together they cover the sentence, and the credit stays with its quotation.
        assert_eq!(at.sentences.first().map(|s| s.span.start), Some(0));
        assert_eq!(at.sentences.last().map(|s| s.span.end), Some(text.len()));
        let last = at.slice(at.sentences.last().expect("a piece").span);
        assert!(last.contains("Anna Berg said: \"We will fund it.\""), "{last}");
        // A sentence under the bound is one sentence.
        let at = ArticleText::new("The council met the mayor, and Anna Berg said so.", Lexicon::get());
        assert_eq!(at.sentences.len(), 1);
    }

    #[test]
    fn words_split_where_split_whitespace_does() {
        let every_space: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        // Strings drawn from letters, digits, ASCII and Unicode spaces and letters whose
        // lowercase differs in length or by context (a fixed-seed generator).
        let alphabet: Vec<char> = "aZ9 .\t\n\u{a0}\u{2002}\u{3000}\u{85}ÉéİΣσ東’@[`{\u{1}bYcXdW"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let drawn: Vec<String> = (0..300)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let len = (seed % 40) as usize;
                (0..len)
                    .map(|k| alphabet[((seed >> (k % 8 * 8)) as usize + k * 7) % alphabet.len()])
                    .collect()
            })
            .collect();
        let texts = [
            "",
            "   ",
            "One two\tthree\nfour\r\n five",
            "vertical\u{b}tab and\u{c}form feed",
            "no\u{a0}break, en\u{2002}space, ideographic\u{3000}space, next\u{85}line",
            "€100 — “quoted” café Ærø 東京 ‐ \u{2060}joiner\u{200b}zero-width",
            "Mixed CASE, ΟΔΟΣ and ΘΑΛΑΣΣΑΣ: ÉCOLE\u{a0}Normale",
            // Words longer than one eight-byte load, with a control character inside one.
            "Supercalifragilistic\u{1}EXPIALIDOCIOUS  ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ end\u{7f}X",
            // Lowercasing "İ" takes three bytes instead of two.
            "İSTANBUL İİİ\u{3000}İ",
            &format!("a{every_space}b{every_space}"),
        ];
        for text in texts.iter().copied().chain(drawn.iter().map(String::as_str)) {
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(words(text).collect::<Vec<_>>(), expected, "{text:?}");
            assert_eq!(count_words(text), expected.len());
            let mut joined = Vec::new();
            assert_eq!(join_words(text, false, &mut joined), expected.len());
            let expected_joined: String = expected.iter().map(|w| format!("{w} ")).collect();
            assert_eq!(String::from_utf8(joined).unwrap(), expected_joined);
            let expected_lower: String = expected.iter().map(|w| format!("{} ", w.to_lowercase())).collect();
            assert_eq!(String::from_utf8(lowercase_words(text)).unwrap(), expected_lower);
        }
    }
}
