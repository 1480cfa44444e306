//! Paragraphs, sentences and tokens of the normalized text.

use super::{flag_duplicates, Paragraph, Span};
use crate::lexicon::Lexicon;

/// Paragraphs split on blank lines; in dumps with no blank line at all, on single newlines.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = line_spans(text);
    let has_blank_line = lines.iter().any(|l| text[l.start..l.end].trim().is_empty());
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines {
        let blank = text[line.start..line.end].trim().is_empty();
        if blank || !has_blank_line {
            if let Some(p) = current.take() {
                out.push(p);
            }
            if blank {
                continue;
            }
        }
        current = Some(match current {
            Some(p) => Span::new(p.start, line.end),
            None => line,
        });
    }
    out.extend(current);
    let mut paragraphs: Vec<Paragraph> = out
        .into_iter()
        .filter_map(|s| trim_span(text, s))
        .map(|span| Paragraph { span, duplicate: false })
        .collect();
    flag_duplicates(text, &mut paragraphs);
    paragraphs
}

fn line_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            spans.push(Span::new(start, i));
            start = i + 1;
        }
    }
    spans.push(Span::new(start, text.len()));
    spans
}

fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    (!trimmed.is_empty()).then(|| Span::new(span.start + lead, span.start + lead + trimmed.len()))
}

/// Sentences of one paragraph: a break after `.`, `!` or `?` (and closing quotes or brackets)
/// before a capitalized word, a quote or a digit, unless the period ends a known abbreviation
/// or an initial.
pub fn sentences(text: &str, paragraph: Span, lexicon: &Lexicon) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = paragraph.start;
    let mut i = paragraph.start;
    while i < paragraph.end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < paragraph.end && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?') {
                j += 1;
            }
            if j < paragraph.end && bytes[j].is_ascii_whitespace() {
                let mut k = j;
                while k < paragraph.end && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                let next = text[k..paragraph.end].chars().next().unwrap_or(' ');
                let starts_sentence = next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '\'' | '(');
                if starts_sentence && !(b == b'.' && ends_abbreviation(text, paragraph.start, i, k, lexicon)) {
                    out.push(Span::new(start, j));
                    start = k;
                    i = k;
                    continue;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < paragraph.end {
        out.push(Span::new(start, paragraph.end));
    }
    out
}

fn ends_abbreviation(text: &str, floor: usize, period: usize, next_word: usize, lexicon: &Lexicon) -> bool {
    let word_start = text[floor..period]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .map_or(floor, |p| floor + p + 1);
    let word = &text[word_start..period];
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    if !lexicon.is_abbreviation(word) {
        return false;
    }
    // "in the U.S. The next day" ends a sentence; "U.S. President" does not.
    let next: String = text[next_word..].chars().take_while(|c| c.is_alphanumeric()).collect();
    !lexicon.is_sentence_starter(&next)
}

/// Word and punctuation tokens of `text[span]`. Internal periods, apostrophes, hyphens and
/// ampersands stay inside words ("U.S", "O'Brien", "al-Assad", "AT&T"); a final period stays
/// on a known abbreviation ("Mr.", "U.S.").
pub fn tokenize(text: &str, span: Span, lexicon: &Lexicon) -> Vec<Span> {
    let s = &text[span.start..span.end];
    let mut tokens = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Span::new(span.start + i, span.start + i + c.len_utf8()));
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
            } else if matches!(d, '.' | '\'' | '-' | '&')
                && s[j + 1..].chars().next().is_some_and(char::is_alphanumeric)
            {
                chars.next();
                end = j + 1;
            } else {
                break;
            }
        }
        if s[end..].starts_with('.') && lexicon.is_abbreviation(&s[i..end]) {
            chars.next();
            end += 1;
        }
        tokens.push(Span::new(span.start + i, span.start + end));
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| text[s.start..s.end].to_string()).collect()
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_flag_repeats() {
        let text = "First one.\nstill first.\n\nSecond.\n\n  \nFirst one.\nstill   first.";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 3);
        assert_eq!(&text[ps[0].span.start..ps[0].span.end], "First one.\nstill first.");
        assert!(!ps[1].duplicate);
        assert!(ps[2].duplicate);
    }

    #[test]
    fn single_newline_dumps_split_on_newlines() {
        let ps = paragraphs("One.\nTwo.\nThree.");
        assert_eq!(ps.len(), 3);
    }

    #[test]
    fn sentences_respect_abbreviations_and_initials() {
        let lex = Lexicon::get();
        let text = "Mr. Kirby met John F. Kennedy Jr. in the U.S. Senate. \"It went well,\" he said. Then he left.";
        let s = sentences(text, Span::new(0, text.len()), lex);
        assert_eq!(
            texts(text, &s),
            vec![
                "Mr. Kirby met John F. Kennedy Jr. in the U.S. Senate.",
                "\"It went well,\" he said.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn tokens_keep_abbreviations_and_inner_punctuation() {
        let lex = Lexicon::get();
        let text = "Mr. O'Brien of AT&T visited the U.S. today.";
        let t = tokenize(text, Span::new(0, text.len()), lex);
        assert_eq!(
            texts(text, &t),
            vec!["Mr.", "O'Brien", "of", "AT&T", "visited", "the", "U.S.", "today", "."]
        );
    }
}
