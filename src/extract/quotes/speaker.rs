//! Speaker phrases: the noun phrase before or after a cue, appositives, anonymity markers, a
//! clause's subject, and whether a phrase can speak at all.

use super::*;

/// The noun phrase ending right before word `cue` (skipping adverbs and auxiliaries): [a, b).
/// It stops at a clause break, an auxiliary or another cue, so that a verb phrase is never
/// taken for a speaker.
pub(super) fn np_before(words: &[&str], cue: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let mut b = before_adverbials(words, cue, lex);
    // "a senior official who spoke on condition of anonymity said": the marker belongs to
    // the speaker phrase (it makes the source anonymous), the noun phrase is before it; so does
    // one set off by commas ("an official, speaking on condition of anonymity, said").
    let between_commas = (b > 2 && words[b - 1] == ",")
        .then(|| anonymity_marker_closing_at(words, b - 1, lex))
        .flatten()
        .filter(|&m| m > 1 && words[m - 1] == ",")
        .map(|m| m - 1);
    if let Some(marker) = between_commas.or_else(|| anonymity_marker_closing_at(words, b, lex)) {
        let mut a = marker;
        while a > 0 && marker - a < MAX_SPEAKER_WORDS && !is_one_of(words[a - 1], CLAUSE_BREAKS) {
            a -= 1;
        }
        return (a < marker).then_some((a, b));
    }
    // "Ms. Okafor, who runs the food bank, said": the speaker is before the relative clause.
    if b > 1 && words[b - 1] == "," {
        let clause = (b.saturating_sub(14)..b - 1)
            .rev()
            .find(|&j| j > 1 && is_one_of(words[j], &["who"]) && words[j - 1] == ",");
        if let Some(j) = clause.filter(|&j| !words[j + 1..b - 1].iter().any(|w| is_one_of(w, CLAUSE_BREAKS))) {
            if let Some((a, _)) = np_before(words, j - 1, lex) {
                return Some((a, j - 1));
            }
        }
        // "John Kasich of Ohio, a Republican who has refused to endorse Mr. Trump, said": the
        // appositive's relative clause may name someone else; the speaker is before it.
        if let Some(open) = (b.saturating_sub(20)..b - 1).rev().find(|&j| words[j] == ",") {
            let appositive = &words[open + 1..b - 1];
            let relative = appositive
                .iter()
                .skip(1)
                .any(|w| is_one_of(w, &["who", "whose", "whom"]));
            if open > 0 && relative && is_one_of(appositive[0], &["a", "an", "the"]) {
                if let Some((a, _)) = np_before(words, open, lex).filter(|(a, e)| {
                    words[*a].starts_with(char::is_uppercase) && plausible_speaker(&words[*a..*e], lex)
                }) {
                    return Some((a, open));
                }
            }
        }
    }
    // "Duncan Hunter's chief of staff, Joe Kasper, told", "Michael Ahrens, a Rubio spokesman,
    // said": the appositive before the closing comma.
    let closed = b > 1 && words[b - 1] == ",";
    if closed {
        b -= 1;
    }
    // "Suu Kyi, 70, said": an age follows the name.
    let age = |w: &str| (1..=3).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    if b > 2 && age(words[b - 1]) && words[b - 2] == "," {
        b -= 2;
    }
    // "Gov. John Kasich (R-OH), said", "Mitch McConnell, R-Ky., said": a party and state tag
    // follows the name.
    if let Some(tag) = party_tag_ending_at(words, b) {
        b = tag;
        if b > 1 && words[b - 1] == "," {
            b -= 1;
        }
    }
    // "Sanders - who flew home to Vermont on Wednesday - has vowed": an aside between dashes.
    let dash = |w: &str| matches!(w, "-" | "--" | "—" | "–");
    if b > 2 && dash(words[b - 1]) {
        if let Some(open) = (b.saturating_sub(30)..b - 1).rev().find(|&j| dash(words[j])) {
            if open > 0 {
                return np_before(words, open, lex);
            }
        }
    }
    // "Corey Lewandowski, in a statement released on Thursday, said": a prepositional aside
    // between commas sits between the speaker and the cue.
    if let Some(c) = (b.saturating_sub(14)..b).rev().find(|&j| words[j] == ",") {
        let aside = c >= 1
            && c + 1 < b
            && is_one_of(
                words[c + 1],
                &["in", "on", "at", "during", "via", "through", "speaking"],
            )
            && !words[c + 1..b].iter().any(|w| is_one_of(w, CLAUSE_BREAKS));
        if aside {
            return np_before(words, c, lex);
        }
    }
    // "Donald Trump's continued appeal": a possessive modifies a noun, it does not speak.
    if b > 0 && (words[b - 1].ends_with("'s") || words[b - 1].ends_with("\u{2019}s")) {
        return None;
    }
    // "Paul Ryan, who surprised Trump by declaring": the relative pronoun is the mention.
    if b > 0 && matches!(words[b - 1], "who" | "Who") {
        return Some((b - 1, b));
    }
    let mut a = b;
    let mut name_and = None;
    while a > 0 && b - a < MAX_SPEAKER_WORDS {
        let w = words[a - 1];
        // "George W. Bush", "the No. 2": the period of an initial or an abbreviation is part
        // of the name.
        let initial = w == "." && a >= 2 && (is_initial(words[a - 2]) || lex.is_abbreviation(words[a - 2]));
        // "the president of Children and Media Australia": "and" inside a capitalized name.
        let in_name = w.eq_ignore_ascii_case("and")
            && a >= 2
            && a < b
            && [words[a], words[a - 2]]
                .iter()
                .all(|x| x.starts_with(char::is_uppercase));
        if (is_one_of(w, CLAUSE_BREAKS) && !initial && !in_name) || is_one_of(w, ADVERBS) {
            break;
        }
        if in_name {
            name_and = name_and.or(Some(a));
        }
        if !w.starts_with(char::is_uppercase) && lex.cue_at(&words[a - 1..a]).is_some() {
            break;
        }
        a -= 1;
    }
    let scanned = a;
    // "a White House official who spoke anonymously said": the speaker is before the
    // relative clause.
    if a >= 2 && words[a - 1].eq_ignore_ascii_case("who") && !is_one_of(words[a - 2], CLAUSE_BREAKS) {
        if let Some((head, _)) = np_before(words, a - 1, lex) {
            return Some((head, a - 1));
        }
    }
    // An appositive between commas belongs to the speaker: "Hugh Hill, a doctor, said".
    a = name_before_appositives(words, a, closed, lex);
    // Only an appositive after a name holds such an "and" ("Ana Ruiz, the president of Children
    // and Media Australia,"); elsewhere it joins two subjects or ends an object ("between Spay
    // and Koblenz").
    if let Some(after_and) = name_and.filter(|_| a == scanned) {
        a = after_and;
    }
    // "In a post at the time she described": a pronoun subject is the whole speaker.
    if b - a > 1
        && lex.pronoun_gender(words[b - 1]).is_some()
        && words[a].starts_with(char::is_uppercase)
        && lex.is_sentence_starter(words[a])
    {
        a = b - 1;
    }
    (a < b).then_some((a, b))
}

/// Where a speaker phrase starting at word `a` starts once the name before its appositives is
/// added: "Hugh Hill, a doctor, said", "Dr Ana Ruiz, chair of the board, said", "Kai Lenz, a
/// Green MP in the Bundestag, the national parliament, said" (two appositives, the name before
/// both). `closed` says a comma ends the phrase before the cue.
fn name_before_appositives(words: &[&str], mut a: usize, closed: bool, lex: &Lexicon) -> usize {
    let mut start = a;
    for _ in 0..2 {
        let determined = is_article(words[start]);
        // A title opens an appositive only when a comma closes it before the cue ("Dr Ana
        // Ruiz, chair of the board, said"); "Indeed, Doctor asserts" has none.
        if !(start >= 2 && words[start - 1] == "," && (determined || closed) && opens_appositive(words, start, lex)) {
            break;
        }
        let comma = start - 1;
        let mut c = comma;
        // "As John Cornyn, the ...": a capitalized clause opener is not part of the name.
        while c > 0
            && words[c - 1].chars().next().is_some_and(char::is_uppercase)
            && !is_one_of(words[c - 1], CLAUSE_BREAKS)
            && !lex.is_sentence_starter(words[c - 1])
            && comma - c < 5
        {
            c -= 1;
        }
        if c == comma {
            // "The Bush-era whistleblower, a protégé of ...": a short phrase opened by a
            // determiner, opening its clause.
            if closed {
                let opened = (comma.saturating_sub(5)..comma).find(|&j| {
                    is_article(words[j])
                        && (j == 0 || is_one_of(words[j - 1], CLAUSE_BREAKS))
                        && !words[j..comma].iter().any(|x| is_one_of(x, CLAUSE_BREAKS))
                });
                a = opened.unwrap_or(a);
            }
            break;
        }
        // "On Sunday, the Times reported": a date before the comma is not a name.
        if words[c..comma].iter().any(|w| lex.is_non_name(w)) {
            break;
        }
        // "However Dr Ana Ruiz, chair of the board, said": a sentence starter that opens the
        // clause ends the scan as a clause break would.
        let starter_opens =
            c >= 1 && lex.is_sentence_starter(words[c - 1]) && (c == 1 || is_one_of(words[c - 2], CLAUSE_BREAKS));
        let opens_clause = c == 0 || is_one_of(words[c - 1], CLAUSE_BREAKS) || starter_opens;
        if determined || opens_clause {
            a = c;
        }
        if opens_clause {
            break;
        }
        // The capitalized words end an earlier appositive ("in the Bundestag"): its start.
        match (c.saturating_sub(12)..c)
            .rev()
            .find(|&j| words[j] == "," && j + 1 < c && opens_appositive(words, j + 1, lex))
        {
            Some(j) => start = j + 1,
            None => break,
        }
    }
    a
}

/// Whether word `i` opens an appositive after a name: a determiner ("a doctor"), or a title,
/// capitalized or not, that a prepositional phrase may follow ("chair of the board",
/// "President Acme North America").
fn opens_appositive(words: &[&str], i: usize, lex: &Lexicon) -> bool {
    let w = words[i].to_lowercase();
    is_article(&w)
        || is_title_word(&w, lex)
        || (lex.is_title_modifier(&w) && words.get(i + 1).is_some_and(|n| is_title_word(&n.to_lowercase(), lex)))
}

/// `James B. Comey Jr., the director of the FBI, said`: a name from `start`, then an
/// appositive between commas that runs up to the cue at `cue`; the name's range.
pub(super) fn name_before_appositive(w: &[&str], start: usize, cue: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    if cue < start + 4 || w[cue - 1] != "," {
        return None;
    }
    let name_end = start
        + w[start..cue]
            .iter()
            .take(6)
            .take_while(|x| x.starts_with(char::is_uppercase) || **x == ".")
            .count();
    let appositive = w.get(name_end + 1..cue - 1)?;
    let well_formed = name_end > start
        && w[name_end] == ","
        && (1..=16).contains(&appositive.len())
        && !appositive
            .iter()
            .any(|x| is_one_of(x, &["\"", ";", ":", "said", "says"]));
    // "Senate Majority Leader Mitch McConnell, R-Ky., said": titles lengthen the name.
    let name: Vec<&str> = w[start..name_end]
        .iter()
        .copied()
        .filter(|x| *x != "." && !lex.is_title(x))
        .collect();
    (well_formed && !name.is_empty() && is_name_or_pronoun(&name, lex)).then_some((start, name_end))
}

/// A noun phrase opened by a determiner or possessive ("the progressive heavyweights",
/// "her spokesman"), short and right before its verb: after a quotation, it is the speaker
/// even without a name or title word.
pub(super) fn determined_speaker(words: &[&str], next_to_cue: bool) -> bool {
    next_to_cue
        && (2..=6).contains(&words.len())
        && opens_speaker_phrase(words[0])
        && words[1..]
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// The start of a party-and-state tag ending right before `end`: "(R-OH)", "R-Ky." or
/// "D-Calif". The hyphenated party letter is what marks it.
pub(super) fn party_tag_ending_at(words: &[&str], end: usize) -> Option<usize> {
    let is_tag = |w: &str| {
        let mut parts = w.split('-');
        matches!(parts.next(), Some("R" | "D" | "I"))
            && parts.next().is_some_and(|st| st.starts_with(char::is_uppercase))
    };
    // A bare party letter in parentheses: "Lisa M. Madigan (D)".
    if end >= 3 && words[end - 1] == ")" && matches!(words[end - 2], "R" | "D" | "I") && words[end - 3] == "(" {
        return Some(end - 3);
    }
    let mut i = end;
    if i > 0 && words[i - 1] == ")" {
        i -= 1;
    }
    if i > 0 && words[i - 1] == "." {
        i -= 1;
    }
    // The tag is one token ("R-Ky") or split at its hyphen ("R", "-", "OH").
    let start = if i >= 1 && is_tag(words[i - 1]) {
        i - 1
    } else if i >= 3
        && words[i - 2] == "-"
        && matches!(words[i - 3], "R" | "D" | "I")
        && words[i - 1].starts_with(char::is_uppercase)
    {
        i - 3
    } else {
        return None;
    };
    if end > start && words[end - 1] == ")" {
        return (start >= 1 && words[start - 1] == "(").then(|| start - 1);
    }
    (start >= 1 && words[start - 1] == ",").then_some(start)
}

/// A single capital letter, as in "George W. Bush".
pub(super) fn is_initial(w: &str) -> bool {
    w.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The first word of an anonymity marker that ends right before word `end`, or whose
/// purpose clause does ("who spoke anonymously to discuss internal strategy").
pub(super) fn anonymity_marker_closing_at(words: &[&str], end: usize, lex: &Lexicon) -> Option<usize> {
    anonymity_marker_ending_at(words, end, lex).or_else(|| {
        (end.saturating_sub(8)..end)
            .rev()
            .filter(|&j| is_one_of(words[j], &["to", "because"]))
            .find_map(|j| anonymity_marker_ending_at(words, j, lex))
    })
}

/// The first word of an anonymity marker ("who declined to be named") that ends right
/// before word `end`.
pub(super) fn anonymity_marker_ending_at(words: &[&str], end: usize, lex: &Lexicon) -> Option<usize> {
    lex.anonymity_marker_words().find_map(|marker| {
        let start = end.checked_sub(marker.len())?;
        words[start..end]
            .iter()
            .zip(marker)
            .all(|(w, m)| w.eq_ignore_ascii_case(m))
            .then_some(start)
    })
}

/// Words of the sentence that lie inside an anonymity marker, or open its purpose clause: their
/// verbs ("spoke", "declined", "to discuss") are not speech cues.
pub(super) fn in_anonymity_marker(words: &[&str], lex: &Lexicon) -> Vec<bool> {
    let mut inside = vec![false; words.len()];
    for start in 0..words.len() {
        if let Some(len) = lex.anonymity_marker_at(&words[start..]) {
            let purpose = words.get(start + len).is_some_and(|w| is_one_of(w, &["to", "because"]));
            let end = (start + len + if purpose { 2 } else { 0 }).min(words.len());
            inside[start..end].iter_mut().for_each(|x| *x = true);
        }
    }
    inside
}

/// The noun phrase starting at word `start`, up to a clause break: [a, b).
pub(super) fn np_after(words: &[&str], start: usize) -> Option<(usize, usize)> {
    let mut b = start;
    // The period after an initial ("Dennis B. Ross") does not end the phrase.
    let initial_period = |b: usize| words[b] == "." && b > start && is_initial(words[b - 1]);
    while b < words.len() && (!is_one_of(words[b], CLAUSE_BREAKS) || initial_period(b)) && b - start < MAX_SPEAKER_WORDS
    {
        b += 1;
    }
    (start < b).then_some((start, b))
}

/// A capitalized name (every word capitalized, at most four) or a personal pronoun.
pub(super) fn is_name_or_pronoun(words: &[&str], lex: &Lexicon) -> bool {
    (words.len() == 1 && lex.pronoun_gender(words[0]).is_some())
        || (words.len() <= 4
            && words.iter().all(|w| w.starts_with(char::is_uppercase))
            && !lex.is_sentence_starter(words[0]))
}

/// Does a phrase look like someone who can speak: a name, a pronoun, or a noun phrase whose
/// words include a source, title or organization word?
pub(super) fn plausible_speaker(words: &[&str], lex: &Lexicon) -> bool {
    // The anonymity marker ("who declined to be named") describes the speaker; the noun
    // phrase before it is what must be plausible.
    let words = words.strip_suffix(&[","][..]).unwrap_or(words);
    let words = match anonymity_marker_closing_at(words, words.len(), lex) {
        Some(marker) => {
            let before = &words[..marker];
            before.strip_suffix(&[","][..]).unwrap_or(before)
        }
        None => words,
    };
    // "Brian Fallon, a spokesman for the Clinton campaign": the name before the appositive is
    // what speaks, however long the appositive; "The minister of the economy, Mr. Guajardo
    // Villarreal": so is the name after a role.
    let words = match words.iter().position(|w| *w == ",") {
        Some(p) if p > 0 && is_name_or_pronoun(&words[..p], lex) => &words[..p],
        Some(p)
            if p > 1
                && is_article(words[0])
                && words[p + 1..]
                    .first()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
                && is_name_or_pronoun(&words[p + 1..], lex) =>
        {
            &words[p + 1..]
        }
        _ => words,
    };
    if words.is_empty() || words.len() > MAX_SPEAKER_WORDS {
        return false;
    }
    if words.len() == 1 && (lex.pronoun_gender(words[0]).is_some() || words[0] == "who") {
        return true;
    }
    let first = words[0].to_lowercase();
    if matches!(first.as_str(), "it" | "this" | "there" | "what" | "which") {
        return false;
    }
    words.iter().any(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || lex.is_anonymous_head(w)
            || lex.is_title(w)
            || lex.is_org_word(w)
            || lex.is_document_word(w)
    }) || is_group_share(words)
}

/// A share of a group, which speaks through a poll or for the group: "47 percent", "58% of
/// Democrats", "three in five", "most of them".
pub(super) fn is_group_share(words: &[&str]) -> bool {
    const NUMBERS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    const QUANTIFIERS: &[&str] = &[
        "most", "many", "some", "all", "several", "half", "both", "none", "each", "few",
    ];
    let number = |w: &str| is_one_of(w, NUMBERS) || w.chars().all(|c| c.is_ascii_digit());
    let ratio = words
        .windows(3)
        .any(|x| number(x[0]) && x[1].eq_ignore_ascii_case("in") && number(x[2]));
    let quantified = words.len() >= 3 && is_one_of(words[0], QUANTIFIERS) && words[1].eq_ignore_ascii_case("of");
    ratio
        || quantified
        || words
            .iter()
            .any(|w| w.eq_ignore_ascii_case("percent") || w.ends_with('%'))
}

/// A quoted title: two to eight words, every one capitalized but the small words of titles,
/// and no question or exclamation.
pub(super) fn is_quoted_title(content: &str) -> bool {
    const SMALL: &[&str] = &[
        "of", "the", "a", "an", "and", "with", "for", "in", "on", "to", "at", "by", "from", "or", "vs.", "&",
    ];
    let words: Vec<&str> = content
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (2..=8).contains(&words.len())
        && !content.contains(['?', '!'])
        && words[0].starts_with(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || is_one_of(w, SMALL))
}

/// The subject that opens the clause ending at `end`: a personal pronoun or a capitalized name
/// (titles included: "Texas Sen. Ted Cruz"), after an opening dateline or an introductory
/// phrase set off by a comma ("Later in the day, she"), and followed by a lowercase word.
pub(super) fn clause_subject(w: &[&str], end: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    let mut start = opening_after_dateline(w, end);
    // "It's a big if, but Sanders was in San Diego, emphasizing": the last coordinated clause.
    if let Some(j) = (start + 1..end)
        .rev()
        .find(|&j| (is_one_of(w[j], &["but", "and"]) && w[j - 1] == ",") || w[j] == ";")
    {
        start = j + 1;
    }
    if let Some(comma) = w[start..end].iter().position(|x| *x == ",").map(|p| start + p) {
        let opener = w[start];
        // ("Asked on Monday about the harbour, Alder smiled and said": a participle opens it.)
        let participle_opener = (opener.ends_with("ed") || opener.ends_with("ing"))
            && w.get(start + 1).is_some_and(|x| x.starts_with(char::is_lowercase));
        let introductory = opener.starts_with(char::is_uppercase)
            && (lex.is_sentence_starter(opener)
                || is_one_of(opener, &["early", "late", "shortly", "soon"])
                || participle_opener)
            && lex.pronoun_gender(opener).is_none();
        // "Other candidates, including Fiorina and Carson, followed": an appositive, not an
        // introductory phrase, follows that comma.
        let appositive = w
            .get(comma + 1)
            .is_some_and(|x| is_one_of(x, &["including", "who", "which", "a", "an", "the", "like"]));
        if introductory && !appositive && comma + 1 < end {
            start = comma + 1;
        }
        // The subject before an appositive: a capitalized phrase up to the comma.
        if appositive && w[start].starts_with(char::is_uppercase) && lex.pronoun_gender(w[start]).is_none() {
            let phrase = &w[start..comma];
            let one_phrase = phrase.iter().all(|x| !is_one_of(x, CLAUSE_BREAKS));
            if one_phrase && (1..=MAX_SPEAKER_WORDS).contains(&phrase.len()) && plausible_speaker(phrase, lex) {
                return Some((start, comma));
            }
        }
    }
    let first = *w.get(start)?;
    if lex.pronoun_gender(first).is_some() && !first.eq_ignore_ascii_case("it") {
        return Some((start, start + 1))
            .filter(|_| w.get(start + 1).is_some_and(|x| x.starts_with(char::is_lowercase)));
    }
    // "The attorney general of the state of New York is suing Trump, claiming": a noun phrase
    // with its determiner, up to the verb.
    if is_one_of(first, DETERMINERS) {
        let verb = (start + 2..end.min(start + 11)).find(|&j| {
            is_one_of(w[j], AUXILIARIES)
                || (w[j].len() > 4 && w[j].starts_with(char::is_lowercase) && w[j].ends_with("ed"))
        })?;
        let phrase = &w[start..verb];
        let clean = !phrase.iter().any(|x| is_one_of(x, CLAUSE_BREAKS));
        let head = &phrase[..phrase.len().min(MAX_SPEAKER_WORDS)];
        return (clean && (plausible_speaker(head, lex) || determined_speaker(head, true))).then_some((start, verb));
    }
    let run = w[start..end]
        .iter()
        .take(5)
        .take_while(|x| x.starts_with(char::is_uppercase))
        .count();
    let verb_follows = w.get(start + run).is_some_and(|x| x.starts_with(char::is_lowercase));
    (run > 0 && verb_follows && is_name_or_pronoun(&w[start..start + run], lex)).then_some((start, start + run))
}

/// First word after an opening dateline ("SEOUL (Yonhap) --"), which is not part of what was said.
pub(super) fn opening_after_dateline(w: &[&str], before: usize) -> usize {
    (0..before.min(14))
        .rev()
        .find(|&i| matches!(w[i], "--" | "—" | "–" | "-"))
        .map_or(0, |i| i + 1)
}
