//! Reported speech, sentence by sentence: "X said (that) C", "C, X said", "according to X, C",
//! colon credits, participles continuing a speaker, and the mixed rows that hold a quotation.

use super::*;

/// Reported speech, sentence by sentence, for every cue outside quotation marks:
/// "X said (that) C", "C, X said", "C, said X", "according to X, C", "C, according to X", and a
/// participle continuing the same speaker ("..., adding that C"). A content holding a quoted
/// fragment is `mixed`; one that is all quotation is left to the direct quote.
pub(super) fn find_indirect(at: &ArticleText, lex: &Lexicon, ents: &Entities, direct: &[Quote]) -> Vec<Quote> {
    let mut out = Vec::new();
    let overlaps = SpanIndex::new(direct.iter().map(|d| d.span));
    let mut by_cue: FxHashMap<Span, Vec<&Quote>> = FxHashMap::default();
    for d in direct {
        if let Some(cue) = d.cue {
            by_cue.entry(cue).or_default().push(d);
        }
    }
    for sentence in &at.sentences {
        let words = Words::new(at, sentence.span);
        let w = words.all();
        let n = w.len();
        if n < 4 {
            continue;
        }
        let local: Vec<&Quote> = overlaps.overlapping(sentence.span).map(|i| &direct[i]).collect();
        let inside_direct = |i: usize| local.iter().any(|d| d.span.contains(words.spans[i].start));
        let end = if matches!(w[n - 1], "." | "!" | "?" | "\"") {
            n - 1
        } else {
            n
        };
        let last_word_end = words.spans[end - 1].end;
        // "Graham: Trump's Rhetoric Destroying GOP's Chance", "Alex Seitz-Wald: She is right on
        // all these things": a name and a colon credit the rest of the sentence.
        // (A direct quotation after the colon is credited already; "Clinton: 2,316." in a tally
        // is not a credit: at least three words follow. The speaker is resolved only then.)
        let credit = colon_credit(&w, end, lex).filter(|&(_, colon)| {
            let unquoted = (colon + 1..end).any(|i| w[i].starts_with(char::is_alphanumeric) && !inside_direct(i));
            let words_after = (colon + 1..end)
                .filter(|&i| w[i].starts_with(char::is_alphabetic))
                .count();
            unquoted && words_after >= 3
        });
        if let Some((name, colon)) = credit {
            let sp = resolve(at, lex, ents, &words, name, colon, words.spans[name].start);
            if matches!(sp.kind, SpeakerKind::Person | SpeakerKind::Organization) {
                let cue = words.span(colon, colon + 1);
                out.push(reported_row(
                    at,
                    &local,
                    words.span(colon + 1, end),
                    sp,
                    cue,
                    0.5,
                    "reported.colon_credit",
                ));
                continue;
            }
        }
        let masked = in_anonymity_marker(&w, lex);
        let mut cues = Vec::new();
        let mut i = 0;
        while i < end {
            let cue = verb_cue_at(&w[..end], i, lex).or_else(|| {
                // A weak cue needs a person right before it: "Rubio endorsed", "she criticized".
                let verb_shaped = w[i].starts_with(char::is_lowercase) && (w[i].ends_with("ed") || w[i].ends_with('s'));
                if !verb_shaped || lex.weak_cue(w[i]).is_none() {
                    return None;
                }
                let s = before_adverbs(&w, i);
                // "a rival whom Trump fired as campaign manager": the verb's object is before it.
                let relative_object = s >= 2 && is_one_of(w[s - 2], &["whom", "which", "that"]);
                (s > 0 && is_name_or_pronoun(&w[s - 1..s], lex) && !relative_object).then_some((1, CueKind::Weak))
            });
            // "in hopes of", "calm their fears": after a determiner or a preposition the cue
            // word is a noun.
            // ("Six in 10 say": only a plural can be a counted noun, "five states".)
            // (Asked only of cue words: this loop visits every word.)
            let noun_use =
                || i > 0 && (is_one_of(w[i - 1], NOUN_MARKERS) || (is_count(w[i - 1]) && w[i].ends_with('s')));
            // "has not said", "neither Truss nor Sunak are calling for": denied speech is none.
            let negated = || denied(&w, i, lex);
            match cue.filter(|_| !inside_direct(i) && !masked[i] && !noun_use() && !negated()) {
                Some((len, kind)) => {
                    cues.push((i, len, kind));
                    i += len;
                }
                None => i += 1,
            }
        }
        // "In the latest Post-ABC poll, Clinton leads by 12 points": a poll or study that opens
        // a sentence with no cue of its own is what reports it.
        if cues.is_empty() {
            if let Some((source, comma)) = opening_document(&w, end, lex) {
                let content = words.span(comma + 1, end);
                let sp = resolve(at, lex, ents, &words, source.0, source.1, content.start);
                out.push(reported_row(
                    at,
                    &local,
                    content,
                    sp,
                    words.span(0, 1),
                    0.4,
                    "reported.opening_document",
                ));
                continue;
            }
        }
        // `"...," Mr. Manafort said Thursday night, suggesting that C`: the credit of a
        // quotation in this sentence is the first speaker a participle can continue.
        let mut previous_speaker: Option<(usize, usize)> = local.iter().find_map(|d| {
            let sp = d.speaker.as_ref()?.span;
            let cue = d.cue?;
            if cue.start < sentence.span.start || cue.end > sentence.span.end {
                return None;
            }
            let a = words.spans.iter().position(|t| t.start >= sp.start)?;
            let b = words.spans.iter().rposition(|t| t.end <= sp.end)? + 1;
            (a < b).then_some((a, b))
        });
        // Where each cue after the first would start a clause of its own: at its subject,
        // when it has one. (`clause_starts[j]` is for `cues[j + 1]`.)
        let clause_starts: Vec<usize> = cues
            .iter()
            .skip(1)
            .map(|&(c, _, _)| {
                // Without a subject, at its adverbs: "X laid out A but then announced B".
                np_before(&w, c, lex).map_or_else(|| before_adverbs(&w, c), |(a, _)| a)
            })
            .collect();
        let mut content_until = 0;
        for (ci, &(k, len, kind)) in cues.iter().enumerate() {
            // A weak cue inside what another cue reports is part of that report.
            if kind == CueKind::Weak && k < content_until {
                continue;
            }
            if let Some((cue_len, ca, cb)) = asked_question(&w, k, end, lex) {
                let content = words.span(ca, cb);
                let rule = "reported.asked_question";
                let q = Quote::unattributed(reported_kind(at.slice(content), false), content, content, 0.5, rule);
                out.push(finish(q, None, Some(words.span(k, k + cue_len)), 0.5, rule));
                content_until = content_until.max(cb);
                continue;
            }
            // "Barkley, who said he votes Democratic, said C": the relative clause's cue is
            // an aside; the main clause's comes after it.
            let who = if k >= 1 && w[k - 1].eq_ignore_ascii_case("who") {
                Some(k - 1)
            } else {
                (k >= 2 && w[k - 2].eq_ignore_ascii_case("who") && is_one_of(w[k - 1], ADVERBS)).then(|| k - 2)
            };
            // The aside still reports, for the name before "who": "the project was vetted".
            let aside = who.and_then(|who| {
                cues[ci + 1..]
                    .iter()
                    .find(|&&(next, _, _)| next > k + len && w[next - 1] == ",")
                    .map(|&(next, _, _)| (who, next))
            });
            // The cue credits a direct quotation already (`"...?" Miller said pleasantly`,
            // `X wrote that "..."`), unless reported words follow the quotation (`X wrote that
            // "..." because C`: mixed).
            let cue_span = words.span(k, k + len);
            // `Leaders became more "conversant" about it, Ban said.`: a quotation that opens
            // inside the sentence is a fragment of what the credit reports (mixed).
            let fragment = |d: &Quote| {
                let before = words.spans.iter().take_while(|t| t.end <= d.span.start).count();
                d.span.end <= cue_span.start && opens_inside_sentence(&w, before)
            };
            let credits_direct = by_cue.get(&cue_span).is_some_and(|credited| {
                credited
                    .iter()
                    .any(|d| (d.span.end <= cue_span.start || d.span.end + 1 >= last_word_end) && !fragment(d))
            });
            if credits_direct {
                continue;
            }
            // A later cue ends this content only when it starts a clause of its own ("X said
            // A, and Y said B"), even past a nested one ("X said that he considers A, but he
            // urged B"); "X said the group hoped B" nests B inside A.
            let limit = cues[ci + 1..]
                .iter()
                .zip(&clause_starts[ci..])
                .find_map(|(&(next, _, _), &clause_start)| {
                    // "X said A, adding that B": A ends at the participle's comma.
                    if w[next].ends_with("ing") && next > k + len && comma_before(&w, next) {
                        return Some(next - 1);
                    }
                    let start = clause_start.max(k + len);
                    // (`had "been friends," he claimed`: the comma may sit inside the mark.)
                    let clause_break = start > 0
                        && (is_one_of(w[start - 1], &[";", "and", "but", "while"]) || comma_before(&w, start));
                    // "According to X, a friend, the first lady had referred to her as C": the
                    // clause after the source (and its appositive) is what it reports, and a cue
                    // inside the source is not the end of what it reports.
                    // Nor does the clause after a parenthetical credit: "In contrast, Berkman
                    // said, there seem to be".
                    let after_parenthetical = k + len < end && w[k + len] == "," && start == k + len + 1;
                    let reported_clause = after_parenthetical
                        || (names_source_after(w[k]) && source_end(&w, k, len, end).is_some_and(|c| start <= c + 1));
                    (clause_break && !reported_clause).then_some(start)
                })
                .unwrap_or(end);
            let parts = match aside {
                Some((who, main_cue)) => {
                    relative_report(&w, who, k + len, main_cue, lex).map(|p| (p, "reported.relative_aside"))
                }
                None => indirect_parts(&w, k, len, end, limit, previous_speaker, lex),
            };
            let Some((((sa, sb), (ca, cb)), rule)) = parts else {
                continue;
            };
            // " according to a, " (found by the property tests): the source ends the sentence
            // and no content is left after it.
            if ca >= w.len() {
                continue;
            }
            let cb = writers_turn(&w, ca, cb);
            // "Three years after Republicans vowed to court Latinos, the party has done the
            // opposite": a report inside an opening subordinate clause ends with the clause.
            const SUBORDINATORS: &[&str] = &[
                "after", "before", "when", "while", "since", "because", "although", "though", "if", "once", "until",
                "unless", "as",
            ];
            let subordinate = (0..sa)
                .rev()
                .take_while(|&j| w[j] != ",")
                .any(|j| is_one_of(w[j], SUBORDINATORS))
                // "Curiel, who through his office declined to comment, was born in Indiana": so
                // does a report inside a relative clause.
                || (sb == sa + 1 && is_one_of(w[sa], &["who", "which"]) && sa > 0 && w[sa - 1] == ",");
            let cb = match (ca..cb).find(|&i| w[i] == ",").filter(|_| subordinate && ca > sa) {
                Some(comma) => comma,
                None => cb,
            };
            let mut content_end = trim_trailing_punctuation(&w, ca, cb);
            // "Ailes denied the charges through his lawyer", "Warren endorsed Clinton on
            // Monday": a learned verb that takes an object right after it reports the object.
            // (Verbs that report a clause never report a bare object: "said", "told".)
            let object_verb = ca == k + len && !lex.takes_clause(w[k]) && !names_source_after(w[k]);
            // "reiterated them on a radio show": an object pronoun is the whole object.
            const OBJECT_PRONOUNS: &[&str] = &[
                "him",
                "her",
                "them",
                "it",
                "us",
                "me",
                "himself",
                "herself",
                "themselves",
                "itself",
            ];
            let pronoun_object = content_end > ca + 1
                && is_one_of(w[ca], OBJECT_PRONOUNS)
                && (is_one_of(w[ca + 1], ADJUNCT_OPENERS) || lex.is_non_name(w[ca + 1]));
            let object = object_verb
                .then(|| {
                    if pronoun_object {
                        ca + 1
                    } else {
                        object_end(&w, ca, content_end, lex)
                    }
                })
                .filter(|&e| e - ca <= 2 && opens_object(w[ca], lex));
            if let Some(e) = object {
                content_end = e;
            }
            // "declined to comment", "refused to speculate": an infinitive reports in two words.
            let infinitive = w[ca].eq_ignore_ascii_case("to") && ca == k + len;
            let min_words = if object.is_some() {
                1
            } else if infinitive {
                2
            } else {
                3
            };
            if content_end <= ca || content_end - ca < min_words {
                continue;
            }
            let content = words.span(ca, content_end);
            let covered: usize = local
                .iter()
                .filter(|d| d.kind == QuoteType::Direct)
                .map(|d| {
                    d.span
                        .end
                        .min(content.end)
                        .saturating_sub(d.span.start.max(content.start))
                })
                .sum();
            // Content wholly inside quotation marks is a direct quote, found already; any
            // reported word outside them makes it mixed.
            let unquoted_words = (ca..content_end)
                .filter(|&i| w[i].starts_with(char::is_alphanumeric) && !inside_direct(i))
                .count();
            if covered > 0 && unquoted_words == 0 {
                continue;
            }
            let kind = reported_kind(at.slice(content), covered > 0);
            let sp = resolve(at, lex, ents, &words, sa, sb, content.start.min(words.spans[sa].start));
            let document = w[sa..sb].iter().any(|x| lex.is_document_word(x))
                || w[sa..sb] == ["who"]
                || (sb == sa + 1 && w[sa].eq_ignore_ascii_case("it"));
            if sp.kind == SpeakerKind::Unknown
                && sp.pronoun_gender.is_none()
                && !w[sa].starts_with(char::is_uppercase)
                && !document
                && !is_group_share(&w[sa..sb])
                // "according to recent polling": whatever it names is the source.
                && !names_source_after(w[k])
            {
                continue;
            }
            previous_speaker = Some((sa, sb));
            content_until = content_until.max(content_end);
            let q = Quote::unattributed(kind, content, content, 0.3, rule);
            // A cue known only from the learned lexicon is as reliable as it was in training.
            let reliability = lex
                .learned_cue_precision(w[k])
                .filter(|_| !lex.is_listed_cue(w[k]))
                .unwrap_or(1.0);
            out.push(finish(
                q,
                Some(sp),
                Some(words.span(k, k + len)),
                0.7 * reliability.max(0.3),
                rule,
            ));
        }
    }
    out
}

/// How far back from a cue a negator is looked for, within its clause.
const NEGATION_WINDOW: usize = 6;

/// Whether the speech of the cue at `i` is denied: a negator in the cue's own verb group
/// ("The minister has not yet said", "he declined to say", "did not immediately respond"), or
/// a "neither ... nor" subject ("neither Truss nor Sunak are calling for"). Only auxiliaries,
/// adverbs and "to" may stand between the negator and the cue (and names, after "neither" or
/// "nor"), so that "a source who did not want to be named said" and "He did not hesitate, and
/// said" are speech; so is speech after a "not" that quantifies ("not only", "not everyone").
pub(super) fn denied(w: &[&str], i: usize, lex: &Lexicon) -> bool {
    // "declined to say", "refused to comment": the cue itself declines.
    if w.get(i + 1).is_some_and(|n| lex.is_negator(n, Some(w[i]))) {
        return true;
    }
    (i.saturating_sub(NEGATION_WINDOW)..i).rev().any(|k| {
        if !lex.is_negator(w[k], k.checked_sub(1).map(|b| w[b])) {
            return false;
        }
        // "not only documented", "Not everyone agrees": the speech happened.
        let quantified = w[k].eq_ignore_ascii_case("not") && w.get(k + 1).is_some_and(|n| is_one_of(n, NOT_DENIALS));
        let names_between = is_one_of(w[k], &["neither", "nor"]);
        let in_verb_group = w[k + 1..i].iter().all(|x| {
            is_one_of(x, VERB_GROUP_WORDS)
                || is_one_of(x, ADVERBS)
                || x.ends_with("ly")
                || *x == "to"
                || (names_between && x.starts_with(char::is_uppercase))
        });
        !quantified && in_verb_group
    })
}

/// Words of a verb group that may stand between a negator and its verb besides adverbs: "has
/// not been", "did not", "has not yet said".
const VERB_GROUP_WORDS: &[&str] = &[
    "yet", "even", "ever", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must",
];

/// Words after "not" that make it no denial of the speech: "not only", "not everyone".
const NOT_DENIALS: &[&str] = &[
    "only",
    "just",
    "merely",
    "everyone",
    "everybody",
    "all",
    "every",
    "least",
];

/// Where the object noun phrase starting at `start` ends: at a comma, or at when or how the
/// verb happened ("on Monday", "during the debate", "through his lawyer").
pub(super) fn object_end(w: &[&str], start: usize, end: usize, lex: &Lexicon) -> usize {
    const STOPS: &[&str] = &[
        ",",
        ";",
        "(",
        "during",
        "through",
        "via",
        "at",
        "yesterday",
        "today",
        "tonight",
        "earlier",
        "later",
        "last",
        "here",
    ];
    (start + 1..end)
        .find(|&j| {
            is_one_of(w[j], STOPS)
                || (is_one_of(w[j], &["on", "late", "early"]) && j + 1 < end && lex.is_non_name(w[j + 1]))
                || lex.is_non_name(w[j])
        })
        .unwrap_or(end)
}

/// Whether `word` can open a verb's object: a name, a determiner or object pronoun, or a noun;
/// not a preposition, adverb, number or time ("said here", "pushed for months").
pub(super) fn opens_object(word: &str, lex: &Lexicon) -> bool {
    const NOT_OBJECTS: &[&str] = &[
        "in", "on", "at", "for", "to", "as", "with", "by", "from", "of", "into", "about", "here", "there", "up", "out",
        "off", "back", "down", "so", "too", "not", "now", "then", "again", "also", "still", "just", "even", "last",
        "this", "next",
    ];
    let first = word.chars().next().unwrap_or(' ');
    first.is_alphabetic()
        && !is_one_of(word, NOT_OBJECTS)
        && !lex.is_non_name(word)
        && !word.ends_with("ly")
        && !(first.is_lowercase() && (word.ends_with("ing") || word.ends_with("ed")))
}

/// A sentence opening with a name of one to four capitalized words (after a dateline or a
/// label and its dash) and a colon: the name's range and the colon's index.
pub(super) fn colon_credit(w: &[&str], end: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let colon = w[..end.min(8)].iter().position(|x| *x == ":")?;
    let name = opening_after_dateline(w, colon);
    let words = &w[name..colon];
    let named = (1..=4).contains(&words.len())
        && is_name_or_pronoun(words, lex)
        && lex.pronoun_gender(words[0]).is_none()
        // "UPDATE:", "EXCLUSIVE:": a label, not a name.
        && !words.iter().all(|x| x.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()));
    named.then_some((name, colon))
}

/// "In the new Post-ABC poll, C": the phrase after the opening "In" when it names a poll,
/// survey, study or report, and the comma after it. Only a poll-like word counts: "In an
/// interview, ..." reports through the speaker named next, not the interview.
pub(super) fn opening_document(w: &[&str], end: usize, lex: &Lexicon) -> Option<((usize, usize), usize)> {
    const POLL_WORDS: &[&str] = &["poll", "polls", "survey", "surveys", "study", "report", "analysis"];
    if !w.first()?.eq_ignore_ascii_case("in") {
        return None;
    }
    let comma = w[1..end.min(14)].iter().position(|x| *x == ",")? + 1;
    let names_poll = w[1..comma].iter().any(|x| is_one_of(x, POLL_WORDS)) && lex.is_document_word(w[comma - 1]);
    (names_poll && end - comma > 3).then_some(((1, comma), comma))
}

/// A row for reported `content` whose speaker and cue a sentence-level rule found ("Name: C",
/// "In the latest poll, C"); mixed when it holds one of the sentence's direct quotations.
pub(super) fn reported_row(
    at: &ArticleText,
    local: &[&Quote],
    content: Span,
    speaker: Speaker,
    cue: Span,
    score: f32,
    rule: &'static str,
) -> Quote {
    let holds_quotation = local
        .iter()
        .any(|d| d.span.start >= content.start && d.span.end <= content.end + 1);
    let q = Quote::unattributed(
        reported_kind(at.slice(content), holds_quotation),
        content,
        content,
        score,
        rule,
    );
    finish(q, Some(speaker), Some(cue), score, rule)
}

/// Reported content is mixed when it holds a direct quotation or a quoted fragment: scare
/// quotes inside reported speech are not rows of their own, but they still make it mixed.
pub(super) fn reported_kind(content: &str, holds_quotation: bool) -> QuoteType {
    if holds_quotation || content.matches('"').count() >= 2 {
        QuoteType::Mixed
    } else {
        QuoteType::Indirect
    }
}

/// Where reported content `w[start..end]` stops because the writer takes over: before a
/// relative clause about one of its nouns (", who worked on ..."), a participle after a comma
/// (", conceding the race": what the speaker did), ", but" or a comma with a subordinating
/// word (", while ..."), ", and" opening a clause with a pronoun or a determiner (", and the
/// council ..."), "but" with an auxiliary ("but has withheld her endorsement"), or a
/// semicolon. The first three words always stay.
pub(super) fn writers_turn(w: &[&str], start: usize, end: usize) -> usize {
    const AFTER_COMMA: &[&str] = &[
        "who", "which", "whose", "but", "while", "even", "though", "although", "when", "where", "compared", "despite",
        "unlike",
    ];
    const CLAUSE_OPENERS: &[&str] = &[
        "he", "she", "they", "it", "we", "the", "a", "his", "her", "their", "its",
    ];
    // Each test runs only where its first word or mark is: this scans every reported word.
    let and_clause = |i: usize| w[i] == "and" && i + 2 < end && is_one_of(w[i + 1], CLAUSE_OPENERS);
    // "..., manufacturing jobs are ...": a gerund that opens a subject is not a turn.
    let gerund_subject = |i: usize| {
        i + 1 < end
            && (i + 1..end.min(i + 3)).any(|j| is_one_of(w[j], AUXILIARIES))
            && !is_one_of(w[i + 1], &["that", "it", "he", "she", "they", "we", "i"])
    };
    // ("a kind, loving and admirable person": an adjective in a list is not a participle.)
    let participle = |i: usize| is_participle(w[i]) && !gerund_subject(i) && w.get(i + 1) != Some(&"and");
    // ", one that will dominate the meeting", ", a move that survived": the writer's comment on
    // what was said.
    let afterthought = |i: usize| {
        is_one_of(w[i], &["a", "an", "one"])
            && (i + 1..end.min(i + 5)).any(|j| is_one_of(w[j], &["that", "which", "who"]))
    };
    (start + 3..end)
        .find_map(|i| {
            if comma_before(w, i) && (is_one_of(w[i], AFTER_COMMA) || participle(i) || and_clause(i) || afterthought(i))
            {
                Some(if w[i - 1] == "," { i - 1 } else { i })
            } else if matches!(w[i - 1], "-" | "--" | "—" | "–") && is_one_of(w[i], &["a", "an"]) {
                // "predicted a victory - a landslide based on early results": after a dash too.
                Some(i - 1)
            } else if w[i] == ";"
                || (is_one_of(w[i], &["but", "and"]) && i + 1 < end && is_one_of(w[i + 1], AUXILIARIES))
            {
                Some(i)
            } else {
                None
            }
        })
        .unwrap_or(end)
}

/// "Podesta, who said the project was vetted, said C": the relative clause's report, from the
/// end of its cue (`after_cue`) to the comma before the main clause's cue at `main_cue`,
/// credited to the name before "who" (at `who`).
pub(super) fn relative_report(
    w: &[&str],
    who: usize,
    after_cue: usize,
    main_cue: usize,
    lex: &Lexicon,
) -> Option<((usize, usize), (usize, usize))> {
    if who < 2 || w[who - 1] != "," {
        return None;
    }
    let speaker = np_before(w, who, lex).filter(|(a, b)| plausible_speaker(&w[*a..*b], lex))?;
    let mut start = after_cue;
    while start < main_cue && w[start].eq_ignore_ascii_case("that") {
        start += 1;
    }
    // The main clause's subject ends the relative clause: "..., who said C, said".
    let end = main_cue - 1;
    (start < end).then_some((speaker, (start, end)))
}

/// "Asked whether he would run, she said ...", "..., he said when asked about the vote": the
/// question put to someone, reported without whoever asked it. Returns the cue's length ("asked"
/// or "asked about") and the question's words, up to the next comma, colon or dash.
pub(super) fn asked_question(w: &[&str], k: usize, end: usize, lex: &Lexicon) -> Option<(usize, usize, usize)> {
    const QUESTION_WORDS: &[&str] = &[
        "if", "whether", "what", "why", "how", "who", "whom", "which", "where", "when",
    ];
    let subjectless = k == 0 || is_one_of(w[k - 1], &["when", "whenever", ","]);
    if !w[k].eq_ignore_ascii_case("asked") || !subjectless || k + 1 >= end {
        return None;
    }
    let about = w[k + 1].eq_ignore_ascii_case("about");
    let start = if about {
        k + 2
    } else if is_one_of(w[k + 1], QUESTION_WORDS) {
        k + 1
    } else {
        // "Asked at a briefing on Monday about the role", "asked by a reporter whether":
        // when and where it was asked, then the question.
        if !is_one_of(w[k + 1], ADJUNCT_OPENERS) && !w[k + 1].eq_ignore_ascii_case("by") && !lex.is_non_name(w[k + 1]) {
            return None;
        }
        (k + 2..end.min(k + 12))
            .take_while(|&i| !matches!(w[i], "," | ":" | ";" | "\""))
            .find(|&i| w[i].eq_ignore_ascii_case("about") || is_one_of(w[i], QUESTION_WORDS))?
    };
    let len = if about { 2 } else { 1 };
    let stop = (start..end)
        .find(|&i| matches!(w[i], "," | ":" | ";" | "-" | "--" | "—" | "–"))
        .unwrap_or(end);
    (stop > start).then_some((len, start, stop))
}

/// The comma that ends the source of "according to X" at cue `w[k..k + len]`: the first one
/// after it, within 25 words and before any colon, semicolon or quotation mark, or, when the cue
/// opens the sentence (after any dateline or one opening word), the one closing the source's appositive ("According
/// to X, a friend who died in 2000, C").
pub(super) fn source_end(w: &[&str], k: usize, len: usize, end: usize) -> Option<usize> {
    let comma_after = |from: usize, within: usize| {
        (from..end.min(from + within))
            .take_while(|&i| !matches!(w[i], ";" | ":" | "\""))
            .find(|&i| w[i] == ",")
    };
    let comma = comma_after(k + len, 25)?;
    // ("But, according to X, ..." opens it too.)
    let start = opening_after_dateline(w, k);
    let opens_sentence = k <= start + 1 || (k == start + 2 && w[k - 1] == ",");
    let appositive = opens_sentence && comma + 1 < end && is_one_of(w[comma + 1], &["a", "an", "who", "which"]);
    Some(if appositive {
        comma_after(comma + 1, 15).unwrap_or(comma)
    } else {
        comma
    })
}

/// "according to X": the one cue whose source comes after it.
pub(super) fn names_source_after(cue: &str) -> bool {
    cue.eq_ignore_ascii_case("according")
}

/// A participle ("conceding", "saying"), not one of the words that only end like one
/// ("during", "according", "something").
pub(super) fn is_participle(w: &str) -> bool {
    const NOT_PARTICIPLES: &[&str] = &[
        "including",
        "during",
        "according",
        "something",
        "nothing",
        "everything",
        "anything",
    ];
    w.len() > 5 && w.ends_with("ing") && w.starts_with(char::is_lowercase) && !is_one_of(w, NOT_PARTICIPLES)
}

pub(super) fn trim_trailing_punctuation(w: &[&str], start: usize, mut end: usize) -> usize {
    // "A, but" when the next clause has its own cue: the conjunction is not reported.
    while end > start
        && (matches!(w[end - 1], "," | ";" | ":" | "--" | "—" | "–" | "-")
            || is_one_of(w[end - 1], &["and", "but", "while"]))
    {
        end -= 1;
    }
    end
}

/// Words that open a phrase of when, where or how something was said, after its cue.
pub(super) const ADJUNCT_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "while",
    "from",
    "via",
    "through",
    "with",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "last",
    "late",
    "recently",
    "this",
];

/// Word ranges of a reported speaker and its content.
pub(super) type Parts = ((usize, usize), (usize, usize));

/// Speaker and content word ranges for the cue `w[k..k + len]`, content ending by `limit`, and
/// the name of the rule that found them.
pub(super) fn indirect_parts(
    w: &[&str],
    k: usize,
    len: usize,
    end: usize,
    limit: usize,
    previous_speaker: Option<(usize, usize)>,
    lex: &Lexicon,
) -> Option<(Parts, &'static str)> {
    if names_source_after(w[k]) {
        let (a, b) = np_after(w, k + len)?;
        let source_comma = source_end(w, k, len, end);
        // "According to X, C", and "Now, according to X, C" where more follows than precedes;
        // "According to a 2016 study by the Pew Research Center based on census data, C": a
        // long source, or one with an appositive, ends at a later comma.
        let short = b < end && w[b] == "," && (k <= 1 || end - b > 2 * k);
        if let Some(comma) = source_comma.filter(|&c| short || (k <= 1 && c + 3 < end)) {
            return Some((((a, b), (comma + 1, limit.max(comma + 1))), "reported.according_to"));
        }
        if k > 2 && w[k - 1] == "," {
            return Some((((a, b), (0, k - 1)), "reported.according_to_after"));
        }
        return None;
    }
    // "After suggesting on Wednesday that C, Mr. Rubio ...", "In asking to depose Clinton,
    // Judicial Watch noted": an opening participle speaks for the main clause's subject.
    let opening_participle = w[k].ends_with("ing")
        && (k == 0 || (k == 1 && is_one_of(w[0], &["after", "before", "in", "by", "while", "since", "when", "upon"])));
    if opening_participle {
        if let Some(comma) = (k + len..end).find(|&i| w[i] == ",") {
            let subject = comma + 1;
            let run = w[subject..end]
                .iter()
                .take(6)
                .take_while(|x| x.starts_with(char::is_uppercase) || **x == ".")
                .count();
            let name: Vec<&str> = w[subject..subject + run]
                .iter()
                .copied()
                .filter(|x| *x != ".")
                .collect();
            let named = !name.is_empty() && is_name_or_pronoun(&name, lex)
                || (run == 0 && lex.pronoun_gender(w[subject]).is_some());
            // ("suggesting on Wednesday that C": the adjunct before "that" is not reported.)
            let that = (k + len..comma.min(k + len + 5)).find(|&i| w[i].eq_ignore_ascii_case("that"));
            let c = that.map_or(k + len, |t| t + 1);
            if named && c < comma {
                return Some((
                    ((subject, subject + run.max(1)), (c, comma)),
                    "reported.opening_participle",
                ));
            }
        }
    }
    // "In contrast, Berkman said, there seem to be...": a parenthetical attribution reports
    // what follows it when more follows than precedes.
    let words_after = end.saturating_sub(k + len + 1);
    // "C, he said, on condition of anonymity to speak freely": what follows is how it was said.
    // So is a participle after it: "C, Cruz explained, recalling the time ...".
    let how_said = k + len + 1 < end
        && (lex.anonymity_marker_at(&w[k + len + 1..end]).is_some()
            || is_participle(w[k + len + 1])
            || (k + len + 3 < end
                && w[k + len + 1].eq_ignore_ascii_case("in")
                && is_one_of(w[k + len + 3], &["interview", "statement", "email", "e-mail"])));
    let parenthetical = k + len < end && w[k + len] == "," && words_after > k && !how_said;
    let sentence_final = k + len >= end || w[k + len] == ";" || (w[k + len] == "," && !parenthetical);
    // "Kenji Watanabe, chief executive of Watanabe Robotics, said C": a name and its role
    // appositive open the sentence; what follows the cue is the content.
    if k >= 4 && w[k - 1] == "," && k + len < end {
        if let Some(comma) = w[..k - 1].iter().position(|x| *x == ",") {
            let appositive = &w[comma + 1..k - 1];
            if comma >= 1
                && is_name_or_pronoun(&w[..comma], lex)
                && (1..=16).contains(&appositive.len())
                && appositive.iter().any(|x| lex.is_title(x))
                // "a former adviser who supported ..." may hold a relative clause.
                && !appositive.iter().any(|x| *x != "who" && is_one_of(x, CLAUSE_BREAKS))
            {
                return Some((
                    ((0, k - 1), (k + len, limit.max(k + len))),
                    "reported.name_appositive_cue",
                ));
            }
        }
    }
    // "C, said X." (a participle is never inverted: "C, criticizing him for X")
    // (`may be "strategic," said X`: the comma may sit inside the closing mark.)
    if k >= 2 && comma_before(w, k) && !w[k].ends_with("ing") {
        // A clause after the cue ("said the candidate he likes is X") is content, not a
        // speaker.
        // So is one opened by a pronoun ("said he's with Clinton") or holding a past-tense
        // verb after its noun ("said the Khan family deserved better").
        let noun_phrase = |a: usize, b: usize| {
            let pronoun_subject = b - a > 1
                && w[a]
                    .split(['\'', '\u{2019}'])
                    .next()
                    .is_some_and(|p| lex.pronoun_gender(p).is_some());
            let verb_after_noun = (a + 1..b).any(|i| {
                w[i].len() > 3
                    && w[i].starts_with(char::is_lowercase)
                    && w[i].ends_with("ed")
                    && !is_one_of(w[i - 1], DETERMINERS)
                    // "the newly elected mayor"
                    && !(w[i - 1].ends_with("ly") && i >= 2 && is_one_of(w[i - 2], DETERMINERS))
            });
            !pronoun_subject && !verb_after_noun && !w[a..b].iter().any(|x| is_one_of(x, AUXILIARIES))
        };
        // "C, said David Gilbert, its president." ends with the speaker's role.
        let credit_ends_sentence = |b: usize| b >= end || w[b] == ",";
        // "said lobbyist and GOP strategist Charlie Black": a coordinated title.
        let credit = np_after(w, k + len).map(|(a, b)| {
            let coordinated =
                b + 1 < end && w[b] == "and" && (w[b + 1].starts_with(char::is_uppercase) || lex.is_title(w[b + 1]));
            match np_after(w, b + 1).filter(|_| coordinated) {
                Some((_, b2)) => (a, b2),
                None => (a, b),
            }
        });
        // "said on CNN, where he is now a contributor, that C": when, where or to whom.
        let adjunct_opens = |a: usize| is_one_of(w[a], ADJUNCT_OPENERS) || is_one_of(w[a], &["to", "by", "for"]);
        if let Some((a, b)) = credit.filter(|(a, b)| {
            !adjunct_opens(*a) && credit_ends_sentence(*b) && plausible_speaker(&w[*a..*b], lex) && noun_phrase(*a, *b)
        }) {
            let content_end = if w[k - 1] == "," { k - 1 } else { k };
            return Some((
                ((a, b), (opening_after_dateline(w, k - 1), content_end)),
                "reported.inverted_after",
            ));
        }
    }
    // "..., adding that C": the participle continues the sentence's speaker.
    let participle = w[k].ends_with("ing") && k > 0 && w[k - 1] == ",";
    // "She greeted supporters and told them that C": the coordinated verb's subject.
    let coordinated = k > 1
        && (is_one_of(w[k - 1], &["and", "but"])
            || (k > 2 && is_one_of(w[k - 2], &["and", "but"]) && is_one_of(w[k - 1], ADVERBS)));
    // "It said that Trump supports C": an organization or document named before speaks as "it"
    // through a verb of saying. (Not every clause verb: "It tells the story of", "it thinks".)
    const IT_SAYS: &[&str] = &[
        "said", "says", "added", "adds", "stated", "states", "noted", "notes", "wrote", "argued", "claimed", "reported",
    ];
    let it_says = k >= 1 && w[k - 1].eq_ignore_ascii_case("it") && is_one_of(w[k], IT_SAYS);
    let np = np_before(w, k, lex)
        .filter(|(a, b)| plausible_speaker(&w[*a..*b], lex))
        .or_else(|| it_says.then(|| (k - 1, k)));
    // "She compared Trump to Clinton, saying C": a participle or a coordinated verb speaks for
    // the sentence's speaker so far, else its subject, not for the object before it.
    let clause_speaker = if participle || coordinated {
        previous_speaker.or_else(|| clause_subject(w, k - 1, lex))
    } else {
        None
    };
    // "Trump issued a statement saying C": the statement is the subject's.
    let statement_of = np
        .filter(|&(a, b)| {
            w[k].ends_with("ing")
                && b == k
                && b - a == 2
                && lex.is_document_word(w[a + 1])
                && a > 0
                && w[a - 1].starts_with(char::is_lowercase)
        })
        .and_then(|(a, _)| clause_subject(w, a - 1, lex));
    let speaker = match clause_speaker.or(statement_of).or(np) {
        Some(s) => s,
        // "Wilcox, whose education ... was paid for by the military, said": the name that
        // opens the sentence, before its long appositive.
        None if k > 2 && w[k - 1] == "," => {
            let name_end = w.iter().position(|x| *x == ",").filter(|&c| c > 0 && c < k - 1)?;
            let name = (0, name_end);
            if !is_name_or_pronoun(&w[name.0..name.1], lex) {
                return None;
            }
            name
        }
        // "The state officials whose laws were struck down say C", "Politicians and even some
        // technologists say C": a speech verb whose subject is the whole opening of the
        // sentence, too long or too complex for a speaker phrase.
        None if is_one_of(w[k], &["said", "say", "says"]) && k + len < end => {
            let start = opening_after_dateline(w, k);
            let subject = &w[start..k];
            let simple = (3..=12).contains(&subject.len())
                && subject[0].starts_with(char::is_uppercase)
                && !subject.iter().any(|x| matches!(*x, "," | "\"" | ";" | ":"));
            if !simple {
                return None;
            }
            (start, k)
        }
        None => return None,
    };
    let (a, b) = speaker;
    // `"...," X said on Monday.`: the cue attributes the direct quote before it.
    let inherited = (participle || coordinated) && previous_speaker == Some(speaker);
    if !inherited && a >= 1 && (w[a - 1] == "\"" || (a >= 2 && w[a - 1] == "," && w[a - 2] == "\"")) {
        // ... unless that quotation opened inside the sentence: `Leaders should not use words
        // like "maybe", he told reporters` reports the whole sentence (mixed).
        let close = if w[a - 1] == "\"" { a - 1 } else { a - 2 };
        let open = (0..close).rev().find(|&j| w[j] == "\"");
        let fragment = open.is_some_and(|o| opens_inside_sentence(w, o));
        if !fragment {
            return None;
        }
    }
    // "C, X said." and "C, X said on Tuesday.", "C, he said in an interview with the paper.":
    // after the credit only when and where it was said.
    // An opener with "that" after it starts the content ("said in May that C").
    let last_that = w[..end].iter().rposition(|x| x.eq_ignore_ascii_case("that"));
    let adjunct_at =
        |i: usize| (is_one_of(w[i], ADJUNCT_OPENERS) || lex.is_non_name(w[i])) && last_that.is_none_or(|t| t < i);
    let adjunct_follows = k + len < end && adjunct_at(k + len);
    // "C, a spokesman told The Wall Street Journal.", "C, he told the court in his filing.":
    // a short listener, then at most when and where.
    let listener_end = w[k]
        .eq_ignore_ascii_case("told")
        .then(|| {
            let listener = k + len;
            let mut i = listener;
            // A determiner, pronoun or auxiliary after its first word opens a clause: "told
            // reporters the quay would close" reports.
            let opens_clause = |i: usize| {
                i > listener
                    && (is_one_of(w[i], DETERMINERS)
                        || is_one_of(w[i], AUXILIARIES)
                        || lex.pronoun_gender(w[i]).is_some())
            };
            while i < end
                && i - listener < 5
                && w[i] != ","
                && !adjunct_at(i)
                && !opens_clause(i)
                && !w[i].eq_ignore_ascii_case("that")
            {
                i += 1;
            }
            (i > listener && (i >= end || w[i] == "," || adjunct_at(i))).then_some(i)
        })
        .flatten();
    let credit_after_comma = a >= 2 && w[a - 1] == "," && b == k;
    // "This campaign, he says, is different": a credit between the subject and its verb
    // reports the whole sentence.
    let inside_clause = credit_after_comma
        && k + len + 1 < end
        && w[k + len] == ","
        && is_one_of(w[k + len + 1], AUXILIARIES)
        && a - 1 <= MAX_SPEAKER_WORDS;
    if inside_clause {
        return Some((
            (speaker, (opening_after_dateline(w, a - 1), end)),
            "reported.credit_inside_clause",
        ));
    }
    // "Every Friday, an executive told The Washington Post, Fiorina would lead the meeting":
    // more follows the listener than precedes the credit.
    if let Some(i) = listener_end.filter(|&i| i < end && w[i] == "," && end - i - 1 > a) {
        return Some(((speaker, (i + 1, limit.max(i + 1))), "reported.told_before"));
    }
    // "But, the former chief executive added, it's not the way to win": more follows the
    // credit than precedes its speaker.
    if credit_after_comma && k + len + 1 < end && w[k + len] == "," && !how_said && end - (k + len + 1) > a {
        return Some((
            (speaker, (k + len + 1, limit.max(k + len + 1))),
            "reported.credit_before",
        ));
    }
    if (sentence_final || adjunct_follows || listener_end.is_some()) && credit_after_comma {
        return Some((
            (speaker, (opening_after_dateline(w, a - 1), a - 1)),
            "reported.credit_after",
        ));
    }
    if sentence_final {
        return None;
    }
    if parenthetical {
        return Some((
            (speaker, (k + len + 1, limit.max(k + len + 1))),
            "reported.parenthetical",
        ));
    }
    let mut c = k + len;
    if w[k].eq_ignore_ascii_case("told") && len == 1 {
        // "told CNN (that)": skip the listener (the cue phrase "told reporters" holds it).
        let stop = (c..end.min(c + 4)).find(|&i| w[i].eq_ignore_ascii_case("that") || w[i] == "," || w[i] == ":");
        c = stop.unwrap_or(c + 1);
    }
    // "said on Saturday that C": only an adverbial sits between the cue and "that"; in "said
    // it was unfortunate that", the "that" is inside the content.
    if let Some(that) = (c..limit.min(c + 5))
        .take_while(|&i| w[i] != "," && w[i] != "\"" && !is_one_of(w[i], AUXILIARIES))
        .find(|&i| w[i].eq_ignore_ascii_case("that"))
    {
        c = that;
    } else if c < limit && is_one_of(w[c], ADJUNCT_OPENERS) {
        // "said on CNN, where he is now a paid contributor, that C": the adjunct's aside too.
        if let Some(that) = (c + 1..limit.min(c + 20)).find(|&i| w[i].eq_ignore_ascii_case("that") && w[i - 1] == ",") {
            c = that;
        }
    }
    while c < limit && matches!(w[c].to_lowercase().as_str(), "that" | "," | ":") {
        c += 1;
    }
    let rule = if inherited {
        "reported.continues_speaker"
    } else if clause_speaker == Some(speaker) {
        "reported.clause_subject"
    } else if statement_of == Some(speaker) {
        "reported.statement_of"
    } else {
        "reported.cue_clause"
    };
    (c < limit).then_some(((speaker, (c, limit)), rule))
}
