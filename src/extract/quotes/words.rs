//! Words of a region and the word-level tests every rule shares: cues, clause breaks,
//! adverbs and determiners.

use super::*;

/// Words of a region, with their spans.
pub(super) struct Words<'t> {
    pub(super) text: &'t str,
    pub(super) spans: &'t [Span],
}

impl<'t> Words<'t> {
    pub(super) fn new(at: &'t ArticleText, region: Span) -> Words<'t> {
        Words {
            text: at.text(),
            spans: at.tokens_in(region),
        }
    }
    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }
    pub(super) fn w(&self, i: usize) -> &'t str {
        &self.text[self.spans[i].start..self.spans[i].end]
    }
    pub(super) fn all(&self) -> Vec<&'t str> {
        (0..self.len()).map(|i| self.w(i)).collect()
    }
    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.spans[a].start, self.spans[b - 1].end)
    }
}

pub(super) const CLAUSE_BREAKS: &[&str] = &[
    "where", "what", "how", "why", "whether", "than", ",", ";", ":", "\"", ".", "that", "and", "but", "while", "as",
    "because", "when", "who", "which", "(", ")", "—", "–", "--", "if", "after", "before", "although", "though",
    "whereas", "unless",
];
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "did", "does", "may", "might",
    "must", "should",
];
/// Determiners and possessives that open a noun phrase ("the spokesman", "her aide").
pub(super) const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its"];
/// A title, also after a prefix ("spokesman", "co-chair", "vice-president"); `w` lowercased.
pub(super) fn is_title_word(w: &str, lex: &Lexicon) -> bool {
    lex.is_title(w) || w.rsplit('-').next().is_some_and(|t| lex.is_title(t))
}
/// "the", "a" or "an", in any case.
pub(super) fn is_article(w: &str) -> bool {
    is_one_of(w, &DETERMINERS[..3])
}
/// A word opening a noun phrase that can speak: a determiner, or "one"/"another" ("one
/// owner of a shop").
pub(super) fn opens_speaker_phrase(w: &str) -> bool {
    is_one_of(w, DETERMINERS) || is_one_of(w, &["one", "another"])
}
/// Words after which a cue word is a noun, not a verb of saying.
pub(super) const NOUN_MARKERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "in", "of", "for", "with",
    "on", "at", "from", "about",
];
pub(super) const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "previously",
    "once",
    "again",
    "further",
    "recently",
    "has",
    "had",
    "have",
    "would",
    "will",
    "could",
    "may",
    "might",
    "is",
    "was",
    "were",
    "are",
    "repeatedly",
    "often",
    "publicly",
    "privately",
    "never",
    "not",
];
pub(super) const MAX_SPEAKER_WORDS: usize = 8;
/// Whether a comma ends the words before word `i`, also inside a closing quotation mark
/// (`may be "strategic," said X`, `"ultimate hypocrite," linking to`).
pub(super) fn comma_before(w: &[&str], i: usize) -> bool {
    (i >= 1 && w[i - 1] == ",") || (i >= 2 && w[i - 1] == "\"" && w[i - 2] == ",")
}

/// The first word of the adverbs and auxiliaries that end right before word `i` ("has also
/// said"), or `i`.
pub(super) fn before_adverbs(w: &[&str], mut i: usize) -> usize {
    while i > 0 && is_one_of(w[i - 1], ADVERBS) {
        i -= 1;
    }
    i
}

/// Like [`before_adverbs`], also past time adverbials ("on Tuesday", "last week", "earlier this
/// year", "subsequently") that sit between a speaker and its cue.
pub(super) fn before_adverbials(w: &[&str], mut i: usize, lex: &Lexicon) -> usize {
    loop {
        let j = before_adverbs(w, i);
        let time = |k: usize| lex.time_word(w[k]);
        let ends_time = |k: usize| time(k) == Some(TimeWord::Noun) || lex.is_non_name(w[k]);
        let opens = |k: usize| time(k) == Some(TimeWord::Opener);
        let n = if j >= 1 && time(j - 1) == Some(TimeWord::Alone) {
            1
        } else if j >= 3 && ends_time(j - 1) && opens(j - 2) && time(j - 3) == Some(TimeWord::Alone) {
            // "earlier this week"
            3
        } else if j >= 2 && ends_time(j - 1) && opens(j - 2) {
            2
        } else {
            0
        };
        if n == 0 {
            return j;
        }
        i = j - n;
    }
}

/// Whether a quotation whose opening mark is word `open` starts inside its sentence, after
/// words of its own (`became more "conversant" about`), not at the start or after a comma or
/// colon: then the sentence around it is reported too (mixed).
pub(super) fn opens_inside_sentence(w: &[&str], open: usize) -> bool {
    open >= 3 && !matches!(w[open - 1], "," | ":" | ";")
}

/// Whether `word` is one of `list` (lowercase), ignoring ASCII case, without allocating.
pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(word))
}

/// Finds the first cue in `words[from..to]`: (index, length in words, kind).
pub(super) fn find_cue(words: &[&str], from: usize, to: usize, lex: &Lexicon) -> Option<(usize, usize, CueKind)> {
    (from..to.min(words.len())).find_map(|i| verb_cue_at(words, i, lex).map(|(n, k)| (i, n, k)))
}

/// The cue at word `i`, unless the word is capitalized inside the sentence: "the United
/// States" does not state anything.
pub(super) fn verb_cue_at(words: &[&str], i: usize, lex: &Lexicon) -> Option<(usize, CueKind)> {
    // A Title Case headline ("Paul Ryan Says ...") still speaks; a capitalized word after
    // "the" or inside a lowercase sentence is a name.
    let title_case = |w: &str| w.starts_with(char::is_uppercase) || matches!(w, "." | "," | ":" | "'s");
    let capitalized_inside = i > 0
        && words[i].starts_with(char::is_uppercase)
        && !matches!(words[i - 1], "\"" | "(")
        && !(words[..i].iter().all(|w| title_case(w)) && words.get(i + 1).is_none_or(|w| title_case(w)));
    if capitalized_inside {
        return None;
    }
    lex.cue_at(&words[i..])
}
