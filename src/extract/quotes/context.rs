//! Passes over an article's quotes once the sentence rules ran: the subject of the quote's
//! sentence, a reported speaker continued, a cue for a quote left without one.

use super::*;

/// `The Sanders campaign projects that "..."`: a direct quotation whose credit was not found
/// still gets the cue word leading in to it in its own sentence, when there is one, or else
/// the colon right before it (`there is a threat many make: "..."`). The cue's subject speaks
/// when it is plainly someone; otherwise the speaker stays unknown.
pub(super) fn cue_uncredited(at: &ArticleText, lex: &Lexicon, ents: &Entities, quotes: &mut [Quote]) {
    const LEAD_IN_WORDS: usize = 7;
    for q in quotes
        .iter_mut()
        .filter(|q| q.kind == QuoteType::Direct && q.cue.is_none())
    {
        let sentence = &at.sentences[at.sentence_of(q.span.start)];
        let head = Words::new(at, Span::new(sentence.span.start.min(q.span.start), q.span.start));
        let hw = head.all();
        let lead_in = (hw.len().saturating_sub(LEAD_IN_WORDS)..hw.len())
            .rev()
            .take_while(|&i| hw[i] != "\"")
            .find_map(|i| {
                let cue = verb_cue_at(&hw, i, lex).or_else(|| lex.weak_cue(hw[i]).map(|_| (1, CueKind::Weak)));
                cue.map(|(n, kind)| (i, n, kind))
            });
        let Some((i, n, kind)) = lead_in else {
            if hw.last() == Some(&":") {
                q.cue = Some(head.span(hw.len() - 1, hw.len()));
                q.rule = "direct.lead_in_colon";
            }
            continue;
        };
        let cue = Some(head.span(i, i + n));
        // `Osuna told The Huffington Post: "..."`: the subject of a strong cue, when a name
        // ends it or a determiner opens it ("a leader"). ("according to" names its source
        // after it.)
        let subject = (q.speaker.is_none() && kind != CueKind::Weak && !names_source_after(hw[i]))
            .then(|| np_before(&hw, i, lex))
            .flatten()
            .filter(|(a, b)| {
                plausible_speaker(&hw[*a..*b], lex)
                    && (hw[*b - 1].starts_with(char::is_uppercase) || opens_speaker_phrase(hw[*a]))
            });
        match subject {
            Some((a, b)) => {
                let sp = resolve(at, lex, ents, &head, a, b, q.span.start);
                *q = finish(q.clone(), Some(sp), cue, 0.6, "direct.lead_in_subject");
            }
            None => {
                q.cue = cue;
                q.rule = "direct.lead_in_cue";
            }
        }
    }
}

/// `Coan argues that his client was peaceful. "The government is alleging ..."`: a direct
/// quotation opening the sentence after reported speech in the same paragraph, with no credit
/// of its own (or only the guess of the story's last person), continues that speaker.
pub(super) fn continue_reported_speaker(at: &ArticleText, quotes: &mut [Quote]) {
    for i in 1..quotes.len() {
        let q = &quotes[i];
        let uncredited = q.speaker.is_none() || (q.attribution == Attribution::Context && q.cue.is_none());
        if q.kind != QuoteType::Direct || !uncredited {
            continue;
        }
        let prev = &quotes[i - 1];
        let reported = matches!(prev.kind, QuoteType::Indirect | QuoteType::Mixed) && prev.speaker.is_some();
        // `X said the Trump "train may have left the station. I don't ..."`: the quotation
        // opens inside the mixed quote and runs past it.
        let runs_on = prev.kind == QuoteType::Mixed && q.span.start >= prev.span.start && q.span.start < prev.span.end;
        let sentence = at.sentence_of(q.span.start);
        let adjacent = sentence > 0
            && at.sentence_of(prev.span.end.saturating_sub(1)) + 1 == sentence
            && at.sentences[sentence].span.start >= q.span.start.saturating_sub(1)
            && at.paragraph_of(prev.span.start) == at.paragraph_of(q.span.start);
        // `she vented that it would be "incredibly ugly" and "a fight from start to finish."`:
        // more quoted fragments of the same reported sentence.
        let same_sentence = at.sentence_of(prev.span.start) == sentence && q.span.start >= prev.span.start;
        if reported && (adjacent || runs_on || same_sentence) {
            let (speaker, cue) = (prev.speaker.clone(), prev.cue);
            let q = &mut quotes[i];
            q.speaker = speaker;
            q.cue = cue;
            q.attribution = Attribution::Context;
            q.confidence = 0.5;
            q.rule = "direct.continues_reported";
        }
    }
}

/// Quotes still without a speaker, inside a sentence whose subject opens it
/// (`Clinton has since apologized for what happened: "..."`, `Sanders credited Clinton's win to
/// "a closed primary"`): the subject is the speaker and its verb the cue. After a colon the
/// quote stays direct; embedded in the clause it makes the clause a mixed quote.
pub(super) fn attribute_to_subject(at: &ArticleText, lex: &Lexicon, ents: &Entities, quotes: &mut [Quote]) {
    for q in quotes
        .iter_mut()
        .filter(|q| q.speaker.is_none() && q.kind == QuoteType::Direct)
    {
        let si = at.sentence_of(q.span.start);
        let sentence = &at.sentences[si];
        if sentence.span.start >= q.span.start {
            continue;
        }
        let words = Words::new(at, Span::new(sentence.span.start, q.span.start));
        let w = words.all();
        let skip = w
            .iter()
            .take_while(|x| matches!(x.to_lowercase().as_str(), "but" | "and" | "so" | "yet"))
            .count();
        let mut b = skip;
        while b < w.len() && b - skip < 4 && w[b].starts_with(char::is_uppercase) && !lex.is_sentence_starter(w[b]) {
            b += 1;
        }
        if b == skip
            && w.get(skip)
                .is_some_and(|x| matches!(x.to_lowercase().as_str(), "he" | "she" | "they" | "it"))
        {
            b = skip + 1;
        }
        if b == skip || b >= w.len() || !is_name_or_pronoun(&w[skip..b], lex) {
            continue;
        }
        // "Reaching for the jugular": a capitalized participle opens a phrase, not a name.
        if b == skip + 1 && w[skip].ends_with("ing") {
            continue;
        }
        let mut v = b;
        while v < w.len() && is_one_of(w[v], ADVERBS) {
            v += 1;
        }
        if v >= w.len() || !w[v].starts_with(char::is_lowercase) || w[v].len() < 3 {
            continue;
        }
        // "He said the plan would help, adding that the crews \"...\"": a later cue is the
        // quotation's; reported speech takes the sentence.
        if (v + 1..w.len()).any(|i| w[i - 1] == "," && verb_cue_at(&w, i, lex).is_some()) {
            continue;
        }
        let sp = resolve(at, lex, ents, &words, skip, b, q.span.start);
        let cue = Some(words.span(v, v + 1));
        let after_colon = w.last() == Some(&":");
        if !after_colon {
            // The reported clause runs from after the verb to the end of the quote.
            q.kind = QuoteType::Mixed;
            q.span = Span::new(words.spans.get(v + 1).map_or(q.span.start, |t| t.start), q.span.end);
            q.content = q.span;
        }
        *q = finish(
            q.clone(),
            Some(sp),
            cue,
            0.6,
            if after_colon {
                "direct.subject_colon"
            } else {
                "mixed.subject_clause"
            },
        );
    }
}
