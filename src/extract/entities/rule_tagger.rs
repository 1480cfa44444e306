//! The rule tagger, used when no model is built in or `--entity-tagger rules` asks for it:
//! capitalized runs typed by gazetteers, titles, honorifics and cue context.

use rustc_hash::FxHashSet as HashSet;

use super::{Candidate, EntityType};
use crate::lexicon::Lexicon;
use crate::text::{ArticleText, Span};

pub(super) fn rule_candidates(at: &ArticleText, lex: &Lexicon) -> Vec<Candidate> {
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
pub(super) fn title_case(name: &str) -> String {
    let word = |w: &str| -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase())
            .unwrap_or_default()
    };
    name.split_whitespace().map(word).collect::<Vec<_>>().join(" ")
}

pub(super) fn is_capitalized(word: &str) -> bool {
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
            rule: "rule_tagger",
            tokens: None,
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
