//! Direct quotations: finding the quoted spans in any marks, and crediting each one through the
//! rules for its tail (after the closing mark), its head (before the opening mark) and its
//! neighbours.

use super::*;

/// Direct quotation spans (with marks) and their contents. Straight marks pair by position
/// (after a space opens, before a space closes); curly marks by their direction. A paragraph
/// that ends inside a quote continues it when the next paragraph opens with a mark (news
/// style); otherwise the quote ends with its paragraph, so one stray mark never swallows the
/// rest of the article.
pub fn find_direct(at: &ArticleText) -> Vec<(Span, Span)> {
    let text = at.text();
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (pi, p) in at.paragraphs.iter().enumerate() {
        let marks: Vec<usize> = (p.span.start..p.span.end).filter(|&i| bytes[i] == b'"').collect();
        let mut skip_first = false;
        if let Some(o) = open {
            // A real run-on quote fills the rest of its paragraph; a stray mark before a
            // short phrase ("called it \"a mess.") is closed where its paragraph ends.
            // (Counted only up to 4: a mark left open across thousands of paragraphs would
            // otherwise be recounted from its start at every one.)
            let run_on_words = text[o + 1..at.paragraphs[pi - 1].span.end]
                .split_whitespace()
                .take(4)
                .count();
            if marks.first() == Some(&p.span.start) && run_on_words >= 4 {
                skip_first = true;
            } else {
                let end = at.paragraphs[pi - 1].span.end;
                out.push((Span::new(o, end), Span::new(o + 1, end)));
                open = None;
            }
        }
        for &m in marks.iter().skip(usize::from(skip_first)) {
            let direction = at
                .norm
                .mark_direction(m)
                .unwrap_or_else(|| infer_direction(bytes, m, p.span, open.is_some()));
            match (open, direction) {
                (None, MarkDirection::Open) => open = Some(m),
                (None, MarkDirection::Close) => {}
                (Some(o), MarkDirection::Close) => {
                    if m > o + 1 {
                        out.push((Span::new(o, m + 1), Span::new(o + 1, m)));
                    }
                    open = None;
                }
                (Some(_), MarkDirection::Open) => open = Some(m),
            }
        }
    }
    if let (Some(o), Some(last)) = (open, at.paragraphs.last()) {
        out.push((Span::new(o, last.span.end), Span::new(o + 1, last.span.end)));
    }
    out
}

pub(super) fn infer_direction(bytes: &[u8], m: usize, paragraph: Span, is_open: bool) -> MarkDirection {
    let before = (m > paragraph.start).then(|| bytes[m - 1]);
    let after = (m + 1 < paragraph.end).then(|| bytes[m + 1]);
    let space_before = before.is_none_or(|b| b.is_ascii_whitespace() || b == b'(' || b == b'[');
    let space_after = after.is_none_or(|b| b.is_ascii_whitespace() || b".,;:!?)]".contains(&b));
    match (space_before, space_after) {
        (true, false) => MarkDirection::Open,
        (false, true) => MarkDirection::Close,
        _ if is_open => MarkDirection::Close,
        _ => MarkDirection::Open,
    }
}

pub(super) fn attribute_direct(
    at: &ArticleText,
    lex: &Lexicon,
    ents: &Entities,
    span: Span,
    content: Span,
    previous: Option<&Quote>,
) -> Quote {
    let text = at.text();
    let mut q = Quote::unattributed(QuoteType::Direct, span, content, 0.3, "direct.uncredited");
    // Tail: from the closing mark to the end of its sentence or the next mark.
    let end_sentence_idx = at.sentence_of(span.end.saturating_sub(1));
    let end_sentence = &at.sentences[end_sentence_idx];
    let mut tail_end = end_sentence.span.end.max(span.end);
    // `"How are you today?" Miller said`: a question or exclamation inside the marks ends a
    // sentence for the segmenter, but its credit follows in the same paragraph.
    if text[span.end..tail_end].trim().is_empty() {
        let asks = at.slice(content).trim_end().ends_with(['?', '!']);
        if let Some(next) = at.sentences.get(end_sentence_idx + 1).filter(|n| {
            asks && n.paragraph == end_sentence.paragraph
                && text[span.end..n.span.start.max(span.end)].trim().is_empty()
        }) {
            tail_end = next.span.end;
        }
    }
    if let Some(next_mark) = text[span.end..tail_end].find('"') {
        tail_end = span.end + next_mark;
    }
    let tail = Words::new(at, Span::new(span.end, tail_end));
    let tw = tail.all();
    let lead = usize::from(tw.first() == Some(&","));
    if let Some(&first) = tw.get(lead) {
        if matches!(first, "—" | "–" | "--" | "-") {
            // `" — Dana Whitfield, port director.` credits a name; `" — the balloons cascaded
            // down` is the writer going on, so the phrase must be a name that ends the credit.
            let credit = np_after(&tw, lead + 1).filter(|&(a, b)| {
                tw[a].starts_with(char::is_uppercase)
                    && is_name_or_pronoun(&tw[a..b], lex)
                    && tw.get(b).is_none_or(|w| matches!(*w, "," | "." | "(" | ";"))
            });
            if let Some((a, b)) = credit {
                let sp = resolve(at, lex, ents, &tail, a, b, span.start);
                return finish(q, Some(sp), None, 0.8, "direct.dash_credit");
            }
        }
    }
    if let Some((k, n, _)) = find_cue(&tw, lead, lead + MAX_SPEAKER_WORDS + 12, lex) {
        let found = if k == lead && is_participle(tw[k]) {
            // `"that person," telling Fox 35 that C`: a participle is never inverted
            // (`," according to X` is not a participle).
            None
        } else if k == lead {
            // `," said one owner of a shop`: after an inverted cue any noun phrase speaks.
            np_after(&tw, k + n)
                .filter(|(a, b)| plausible_speaker(&tw[*a..*b], lex) || determined_speaker(&tw[*a..*b], true))
        } else if let Some(name) = name_before_appositive(&tw, lead, k, lex) {
            // `," James B. Comey Jr., the director of the FBI, said`
            Some(name)
        } else if k > lead + 1 && tw[k - 1] == "," {
            // `" that Sanders can catch Clinton, said Steve Elmendorf`: the quotation runs on
            // outside its marks and the inverted credit follows.
            np_after(&tw, k + n)
                .filter(|(a, b)| plausible_speaker(&tw[*a..*b], lex) && tw[*a].starts_with(char::is_uppercase))
        } else {
            // `," another friend, Mariam Emara told CNN`, `," former George W. Bush speechwriter
            // Noam Neusner wrote`: everything between the quote and the name is its title.
            np_before(&tw, k, lex)
                .map(|(a, b)| {
                    let credit_after_comma = a > lead
                        && tw[a - 1] == ","
                        && b == k
                        && (plausible_speaker(&tw[a..b], lex) || determined_speaker(&tw[a..b], true));
                    let title_before = a > lead
                        && !credit_after_comma
                        && b - lead <= 12
                        && !tw[lead..a]
                            .iter()
                            .any(|w| !matches!(*w, "," | ".") && is_one_of(w, CLAUSE_BREAKS));
                    if title_before {
                        (lead, b)
                    } else {
                        (a, b)
                    }
                })
                .filter(|(a, b)| {
                    // `'' of the case, the unsigned opinion said`: the quotation's sentence runs
                    // on, then the credit follows a comma.
                    let after_comma = *a > lead && tw[*a - 1] == "," && *b == k;
                    (*a == lead || after_comma)
                        && (plausible_speaker(&tw[*a..*b], lex) || determined_speaker(&tw[*a..*b], *b == k))
                })
        };
        if let Some((a, b)) = found {
            let sp = resolve(at, lex, ents, &tail, a, b, span.start);
            let cue = Some(tail.span(k, k + n));
            return finish(q, Some(sp), cue, 0.9, "direct.trailing_cue");
        }
    }
    // `"..." \n\n - Sanders.`: a dash credit as a paragraph of its own after the quotation's.
    let para = at.paragraph_of(span.end.saturating_sub(1));
    let ends_paragraph = at
        .paragraphs
        .get(para)
        .and_then(|p| text.get(span.end..p.span.end))
        .is_some_and(|rest| rest.trim().is_empty());
    if let Some(next) = at.paragraphs.get(para + 1).filter(|_| ends_paragraph) {
        let credit = Words::new(at, next.span);
        let cw = credit.all();
        let dash = cw.first().is_some_and(|w| matches!(*w, "-" | "—" | "–" | "--"));
        let name_end = cw.len() - usize::from(cw.last() == Some(&"."));
        if dash && (2..=6).contains(&name_end) && is_name_or_pronoun(&cw[1..name_end], lex) {
            let sp = resolve(at, lex, ents, &credit, 1, name_end, span.start);
            return finish(
                q,
                Some(sp),
                Some(credit.span(0, 1)),
                0.8,
                "direct.dash_credit_paragraph",
            );
        }
    }
    // `," mused Blaze co-host Stu Burguiere.`: a verb outside the lexicon, then a name that
    // ends the sentence.
    if let Some(verb) = tw
        .get(lead)
        .filter(|v| v.len() > 3 && v.starts_with(char::is_lowercase) && v.ends_with("ed"))
    {
        let named = np_after(&tw, lead + 1).filter(|(a, b)| {
            tw[*b - 1].starts_with(char::is_uppercase)
                && plausible_speaker(&tw[*a..*b], lex)
                && tw.get(*b).is_none_or(|w| matches!(*w, "." | ","))
        });
        if let Some((a, b)) = named.filter(|_| lex.pronoun_gender(verb).is_none()) {
            let sp = resolve(at, lex, ents, &tail, a, b, span.start);
            let cue = Some(tail.span(lead, lead + 1));
            return finish(q, Some(sp), cue, 0.7, "direct.trailing_unlisted_verb");
        }
    }
    // `," the email read.`, `," it reads.`, `," read the statement.`: a document speaks
    // through "read"; `," it added.` an organization or document through any cue.
    const READS: &[&str] = &["read", "reads", "stated", "states"];
    let document = |i: usize| tw.len() > i + 1 && is_one_of(tw[i], DETERMINERS) && lex.is_document_word(tw[i + 1]);
    let credit = if document(lead) && tw.get(lead + 2).is_some_and(|w| is_one_of(w, READS)) {
        Some(((lead, lead + 2), lead + 2))
    } else if tw.get(lead).is_some_and(|w| *w == "it")
        && tw
            .get(lead + 1)
            .is_some_and(|w| is_one_of(w, READS) || verb_cue_at(&tw, lead + 1, lex).is_some())
    {
        // `," it added.`: the organization or document the story is about.
        Some(((lead, lead + 1), lead + 1))
    } else if tw.get(lead).is_some_and(|w| is_one_of(w, READS)) && document(lead + 1) {
        Some(((lead + 1, lead + 3), lead))
    } else if tw.get(lead).is_some_and(|w| is_one_of(w, READS))
        && tw.get(lead + 1).is_some_and(|w| is_one_of(w, &["one", "another"]))
    {
        // `," read one.` (of the banners, the signs)
        Some(((lead + 1, lead + 2), lead))
    } else {
        None
    };
    if let Some(((a, b), verb)) = credit {
        let sp = resolve(at, lex, ents, &tail, a, b, span.start);
        let cue = Some(tail.span(verb, verb + 1));
        return finish(q, Some(sp), cue, 0.8, "direct.document_reads");
    }
    // `," Toomey fumed on Tuesday`: right after a quote, a name or pronoun and a verb attribute
    // it even when the verb is not in the cue lexicon.
    let name_end = match tw.get(lead) {
        Some(w) if lex.pronoun_gender(w).is_some() => lead + 1,
        // `," the judge exclaimed`: a determiner phrase up to its verb.
        Some(w) if opens_speaker_phrase(w) => {
            let verb = (lead + 1..tw.len().min(lead + 6))
                .find(|&j| tw[j].len() > 3 && tw[j].starts_with(char::is_lowercase) && tw[j].ends_with("ed"));
            match verb {
                Some(v) if determined_speaker(&tw[lead..v], true) => {
                    let sp = resolve(at, lex, ents, &tail, lead, v, span.start);
                    let cue = Some(tail.span(v, v + 1));
                    return finish(q, Some(sp), cue, 0.7, "direct.trailing_phrase_verb");
                }
                _ => lead,
            }
        }
        _ => {
            lead + tw[lead..]
                .iter()
                .take(4)
                .take_while(|w| w.starts_with(char::is_uppercase))
                .count()
        }
    };
    if let Some((a, b)) = Some((lead, name_end)).filter(|(_, b)| *b > lead) {
        let verb = tw.get(b).copied().unwrap_or("");
        let looks_verb =
            verb.len() > 3 && verb.starts_with(char::is_lowercase) && (verb.ends_with("ed") || verb.ends_with('s'));
        if looks_verb && a == lead && b - a >= 1 && is_name_or_pronoun(&tw[a..b], lex) {
            let sp = resolve(at, lex, ents, &tail, a, b, span.start);
            let cue = Some(tail.span(b, b + 1));
            return finish(q, Some(sp), cue, 0.75, "direct.trailing_name_verb");
        }
    }
    // Head: from the start of the quote's sentence (or the previous mark) to the opening mark.
    let start_sentence = &at.sentences[at.sentence_of(span.start)];
    let mut head_start = start_sentence.span.start.min(span.start);
    // `Jared Potts echoed:` / `"..."`: a paragraph ending with a colon leads in to the
    // quotation paragraph after it.
    let quote_paragraph = at.paragraph_of(span.start);
    if head_start == span.start && at.paragraphs[quote_paragraph].span.start == span.start && quote_paragraph > 0 {
        let lead_in = at.paragraphs[quote_paragraph - 1].span;
        if text[lead_in.start..lead_in.end].ends_with(':') {
            head_start = at.sentences[at.sentence_of(lead_in.end - 1)].span.start;
        }
    }
    if let Some(prev_mark) = text[head_start..span.start].rfind('"') {
        head_start += prev_mark + 1;
    }
    let head = Words::new(at, Span::new(head_start, span.start));
    let hw = head.all();
    let n_head = hw.len();
    // `Said Dorothy Poynter, who grew up with him, "..."`: a sentence opening with its cue.
    // `"A," said an Iowa Democrat, "B."`: the credit between the two halves of a split
    // quotation, already read as the first half's, is the second's too.
    // (`"A," Trump said before adding: "B."` has a cue of its own for B.)
    let own_cue =
        |after: usize| (0..n_head).any(|i| head.spans[i].start >= after && verb_cue_at(&hw, i, lex).is_some());
    if let Some(prev) = previous.filter(|p| {
        p.speaker.is_some()
            && p.cue
                .is_some_and(|c| c.start >= head_start && c.end <= span.start && !own_cue(c.end))
            && !hw.contains(&".")
    }) {
        let mut second = finish(q, prev.speaker.clone(), prev.cue, 0.85, "direct.split_second_half");
        second.attribution = prev.attribution;
        return second;
    }
    // `Clinton: "..."`, `From the report: "..."`: a name or a document, then a colon.
    if n_head >= 2 && hw[n_head - 1] == ":" && at.slice(content).split_whitespace().count() >= 5 {
        // `Stated Stone:` opens with its cue.
        let opening_cue = (n_head >= 3 && hw[0].starts_with(char::is_uppercase))
            .then(|| lex.cue_at(&hw[..1]))
            .flatten()
            .is_some();
        let start = usize::from(opening_cue || is_one_of(hw[0], &["from", "in"]));
        let name = &hw[start..n_head - 1];
        let document = name.len() == 2 && is_one_of(name[0], &["the", "a", "an"]) && lex.is_document_word(name[1]);
        let named = !name.is_empty() && is_name_or_pronoun(name, lex) && lex.pronoun_gender(name[0]).is_none();
        if document || named {
            let sp = resolve(at, lex, ents, &head, start, n_head - 1, span.start);
            let cue = Some(if opening_cue {
                head.span(0, 1)
            } else {
                head.span(n_head - 1, n_head)
            });
            return finish(q, Some(sp), cue, 0.8, "direct.colon_lead_in");
        }
    }
    // ("Asked about X, Y said" opens a participle clause instead.)
    let opening_cue = is_one_of(
        hw.first().copied().unwrap_or(""),
        &["said", "says", "added", "adds", "wrote", "writes"],
    );
    if n_head >= 3 && opening_cue && hw[0].starts_with(char::is_uppercase) && matches!(hw[n_head - 1], "," | ":") {
        if let Some((a, b)) = np_after(&hw, 1).filter(|(a, b)| plausible_speaker(&hw[*a..*b], lex)) {
            let sp = resolve(at, lex, ents, &head, a, b, span.start);
            let cue = Some(head.span(0, 1));
            return finish(q, Some(sp), cue, 0.85, "direct.opening_cue");
        }
    }
    for k in (0..n_head).rev() {
        let Some((n, _)) = verb_cue_at(&hw, k, lex) else {
            continue;
        };
        let gap = n_head.saturating_sub(k + n);
        let ends_with_lead_in = matches!(hw.last(), Some(&":") | Some(&",")) || gap == 0;
        // "said that \"...\"", "wrote for the local paper that \"...\"".
        let short_link = (gap == 1 && matches!(hw[n_head - 1].to_lowercase().as_str(), "as" | "that" | "to" | "of"))
            || ((1..=6).contains(&gap)
                && hw[n_head - 1].eq_ignore_ascii_case("that")
                && !hw[k + n..n_head - 1].contains(&","));
        let lead_in = ends_with_lead_in && (gap <= 3 || hw.last() == Some(&","));
        if gap > 8 || !(lead_in || short_link) {
            break;
        }
        let is_according = names_source_after(hw[k]);
        // `Trump took a risk, telling the crowd, "..."`: the participle's subject speaks.
        let participle_subject = (hw[k].ends_with("ing") && k > 1 && hw[k - 1] == ",")
            .then(|| clause_subject(&hw, k - 1, lex))
            .flatten();
        let found = if is_according {
            np_after(&hw, k + n)
        } else if participle_subject.is_some() {
            participle_subject
        } else if k == 1 && hw[0] == "It" && gap <= 1 {
            // `It added, "..."`: the organization or document the story was about.
            Some((0, 1))
        } else if k > 1 && hw[k - 1] == "and" {
            // `X was joined on stage by Y and joked, "..."`: the coordinated verb's subject.
            clause_subject(&hw, k - 1, lex)
        } else {
            np_before(&hw, k, lex)
                .filter(|(a, b)| plausible_speaker(&hw[*a..*b], lex) || determined_speaker(&hw[*a..*b], *b == k))
        };
        if let Some((a, b)) = found {
            let sp = resolve(at, lex, ents, &head, a, b, span.start);
            let cue = Some(head.span(k, k + n));
            return finish(q, Some(sp), cue, 0.85, "direct.leading_cue");
        }
        // `," Trump said, adding, "...`: the participle continues the previous quote's speaker.
        if hw[k].ends_with("ing") {
            if let Some(prev) =
                previous.filter(|p| p.speaker.is_some() && at.paragraph_of(p.span.start) == at.paragraph_of(span.start))
            {
                let mut inherited = finish(
                    q,
                    prev.speaker.clone(),
                    Some(head.span(k, k + n)),
                    0.8,
                    "direct.leading_participle",
                );
                inherited.attribution = Attribution::Context;
                return inherited;
            }
        }
        break;
    }
    // A short attribution sentence right after the quote: `"..." \n Kirby said.` is rare, but
    // `"...." The minister added.` is not.
    let next_idx = at.sentence_of(span.end.saturating_sub(1)) + 1;
    if let Some(next) = at
        .sentences
        .get(next_idx)
        .filter(|s| s.span.start >= span.end && s.paragraph == at.paragraph_of(span.start))
    {
        let nw_words = Words::new(at, next.span);
        let nw = nw_words.all();
        if nw.len() <= MAX_SPEAKER_WORDS + 2 {
            if let Some((k, n, _)) = find_cue(&nw, 1, nw.len(), lex) {
                if let Some((a, b)) =
                    np_before(&nw, k, lex).filter(|(a, b)| *a == 0 && plausible_speaker(&nw[*a..*b], lex))
                {
                    if nw.get(k + n).is_none_or(|w| *w == ".") {
                        let sp = resolve(at, lex, ents, &nw_words, a, b, span.start);
                        let cue = Some(nw_words.span(k, k + n));
                        return finish(q, Some(sp), cue, 0.75, "direct.next_sentence_credit");
                    }
                }
            }
        }
    }
    // Context: a quote continuing the previous speaker's quote in this or the last paragraph.
    // `Instead, "he just acts like..."`: a quote opening its sentence, perhaps after a
    // connective, continues the previous speaker.
    let opens_sentence = hw
        .iter()
        .filter(|w| !matches!(**w, "\"" | "'" | "(" | "-" | "—" | ","))
        .count()
        <= 1
        && !hw
            .iter()
            .any(|w| w.starts_with(char::is_uppercase) && !lex.is_sentence_starter(w));
    if let Some(prev) = previous.filter(|p| p.speaker.is_some() && opens_sentence) {
        let (pp, qp) = (
            at.paragraph_of(prev.span.end.saturating_sub(1)),
            at.paragraph_of(span.start),
        );
        if qp <= pp + 1 {
            q.speaker.clone_from(&prev.speaker);
            // The continuation shares the attribution of the quote it continues.
            q.cue = prev.cue;
            q.attribution = Attribution::Context;
            q.confidence = 0.55;
            q.rule = "direct.continues_previous";
            return q;
        }
    }
    // A quote paragraph with no cue at all: most likely the person the story was just about.
    let opens_paragraph = at
        .paragraphs
        .get(at.paragraph_of(span.start))
        .is_some_and(|p| p.span.start == span.start);
    if opens_paragraph && at.slice(content).split_whitespace().count() >= 8 {
        let earliest = at
            .paragraph_of(span.start)
            .checked_sub(2)
            .map_or(0, |p| at.paragraphs[p].span.start);
        if let Some(m) = ents
            .last_person_before(span.start, Gender::Unknown)
            .filter(|m| m.span.start >= earliest)
        {
            let e = &ents.entities[m.entity];
            q.speaker = Some(Speaker {
                span: m.span,
                name: Some(e.name.clone()),
                title: e.title.clone(),
                affiliation: None,
                entity: Some(m.entity),
                kind: SpeakerKind::Person,
                pronoun_gender: None,
            });
            q.attribution = Attribution::Context;
            q.confidence = 0.35;
            q.rule = "direct.last_person";
        }
    }
    q
}

pub(super) fn finish(
    mut q: Quote,
    speaker: Option<Speaker>,
    cue: Option<Span>,
    base: f32,
    rule: &'static str,
) -> Quote {
    q.cue = cue;
    q.rule = rule;
    if let Some(sp) = &speaker {
        let (attribution, factor) = match (sp.pronoun_gender.is_some(), sp.kind, sp.entity.is_some()) {
            (true, SpeakerKind::Person, true) => (Attribution::Pronoun, 0.85),
            (true, _, _) => (Attribution::Pronoun, 0.6),
            (false, SpeakerKind::Person, true) if sp.name.is_some() => (Attribution::Explicit, 1.0),
            _ => (Attribution::Explicit, 0.9),
        };
        q.attribution = attribution;
        q.confidence = base * factor;
    }
    q.speaker = speaker;
    q
}
