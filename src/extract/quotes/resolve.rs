//! Resolving a speaker phrase to who it is: kind, canonical name, title, affiliation and
//! entity, through the article's entities, pronouns and anonymity markers.

use super::*;

/// How many sentences back "he" or "she" looks for a sentence's subject before falling back
/// to the latest person named.
const PRONOUN_SENTENCES_BACK: usize = 3;

/// How far back "it" looks for the organization it stands for: about two sentences.
const IT_LOOKBACK_CHARS: usize = 400;

/// Classifies and resolves the speaker phrase `words[a..b]`.
pub(super) fn resolve(
    at: &ArticleText,
    lex: &Lexicon,
    ents: &Entities,
    words: &Words,
    a: usize,
    b: usize,
    before: usize,
) -> Speaker {
    // "WASHINGTON -- The State Department said": the dateline and its dash are not part of
    // the name.
    let after_dash = (a..b)
        .rev()
        .find(|&i| matches!(words.w(i), "-" | "--" | "—" | "–"))
        .map_or(a, |dash| dash + 1);
    let a = (after_dash..b)
        .find(|&i| words.w(i).chars().any(char::is_alphanumeric))
        .unwrap_or(a);
    let span = words.span(a, b);
    let phrase: Vec<&str> = (a..b).map(|i| words.w(i)).collect();
    let mut sp = Speaker {
        span,
        name: None,
        title: None,
        affiliation: None,
        entity: None,
        kind: SpeakerKind::Unknown,
        pronoun_gender: None,
    };
    if phrase == ["who"] {
        // The relative pronoun stands for the person named just before it.
        if let Some(m) = ents
            .last_person_before(span.start, Gender::Unknown)
            .filter(|m| span.start - m.span.end <= 40)
        {
            let e = &ents.entities[m.entity];
            sp.kind = SpeakerKind::Person;
            sp.entity = Some(m.entity);
            sp.name = Some(e.name.clone());
            sp.title.clone_from(&e.title);
        }
        return sp;
    }
    // "The port authority ... It said": an organization or a document speaks as "it"; it is
    // named when only one organization was named just before (with two, or a person, in
    // between, a name would be a guess).
    // "Big Machine have denied it ... they said": British usage makes an organization plural,
    // so "they" is that organization too, but only when one is named there; otherwise it is
    // a group of people ("the parents") and goes on as a pronoun.
    let it = phrase.len() == 1 && phrase[0].eq_ignore_ascii_case("it");
    let they = phrase.len() == 1 && phrase[0].eq_ignore_ascii_case("they");
    if it || they {
        let org = ents.only_organization_before(before.min(span.start), IT_LOOKBACK_CHARS);
        if it || org.is_some() {
            sp.kind = SpeakerKind::Organization;
            if let Some(m) = org {
                sp.entity = Some(m.entity);
                sp.name = Some(ents.entities[m.entity].name.clone());
            }
            if they {
                sp.pronoun_gender = lex.pronoun_gender(phrase[0]);
            }
            return sp;
        }
    }
    if phrase.len() == 1 {
        if let Some(gender) = lex.pronoun_gender(phrase[0]) {
            sp.pronoun_gender = Some(gender);
            // Speaker mentions are never inside quotation marks, so "I" and "we" there are the
            // writer's own voice.
            if matches!(phrase[0].to_lowercase().as_str(), "i" | "we") {
                sp.kind = SpeakerKind::Author;
            }
            if matches!(phrase[0].to_lowercase().as_str(), "he" | "she") {
                sp.kind = SpeakerKind::Person;
                let pos = before.min(span.start);
                let found = ents
                    .subject_person_before(at, pos, gender, PRONOUN_SENTENCES_BACK)
                    .or_else(|| ents.last_person_before(pos, gender));
                if let Some(m) = found {
                    let e = &ents.entities[m.entity];
                    sp.entity = Some(m.entity);
                    sp.name = Some(e.name.clone());
                    sp.title.clone_from(&e.title);
                }
            }
            return sp;
        }
    }
    let text = at.text();
    let lower: Vec<String> = phrase.iter().map(|w| w.to_lowercase()).collect();
    let unpunctuated = phrase.strip_suffix(&[","][..]).unwrap_or(&phrase);
    let anonymous = lower.iter().any(|w| lex.is_anonymous_head(w))
        || anonymity_marker_ending_at(unpunctuated, unpunctuated.len(), lex).is_some();
    if let Some((_, m)) = ents.within(span) {
        let e = &ents.entities[m.entity];
        let pre = text[span.start..m.span.start].trim();
        let pre = strip_determiner(pre.trim_end_matches(','));
        let post = text[m.span.end..span.end].trim_start_matches([',', ' ']);
        // "Dr. Kofi Mensah, an epidemiologist,": the appositive names the role, the
        // abbreviation before the name only addresses him.
        let candidates = if pre.ends_with('.') {
            [strip_determiner(post), pre]
        } else {
            [pre, strip_determiner(post)]
        };
        let title = candidates.into_iter().find(|t| {
            !t.is_empty()
                && t.split_whitespace()
                    .any(|w| lex.is_title(w) || lex.is_anonymous_head(w))
        });
        // A legal form makes a person-typed name an organization's only when it belongs to
        // the name ("Acme Widgets Ltd", "Acme Widgets, Inc."), not to an appositive's employer
        // ("Kenji Watanabe, chief executive of Watanabe Robotics Ltd"). Looked for only when
        // the name is a person's.
        let legal_form_of_name = || {
            let name_end = (a..b).find(|&i| words.span(i, i + 1).start >= m.span.end).unwrap_or(b);
            let legal_form_end = if name_end < b && words.w(name_end) == "," {
                name_end + 2
            } else {
                name_end + 1
            };
            has_legal_form(&phrase[..legal_form_end.min(b) - a], lex)
        };
        if let Some(role) = role_holder(pre, &text[m.span.end..span.end], lex) {
            // "a spokesperson for Berg", "Berg's spokesman", "the Rovers manager": the role's
            // holder speaks, not the person or organization the role is for (whose words a
            // pronoun would otherwise give them).
            sp.affiliation = Some(e.name.clone());
            if role.split_whitespace().any(|w| lex.is_anonymous_head(w)) {
                sp.kind = SpeakerKind::Anonymous;
                sp.name = Some(anonymous_description(source_phrase(&text[span.start..span.end]), lex));
            } else {
                sp.kind = SpeakerKind::Person;
                sp.title = Some(source_phrase(&text[span.start..span.end]).to_string());
            }
            return sp;
        }
        // "admits Beaumont" with Dan Beaumont in the article: the place or firm the tagger saw
        // is the person of that surname, the only one, who speaks.
        let bare = !anonymous && pre.is_empty() && post.is_empty() && e.kind != EntityType::Person;
        if let Some(p) = bare.then(|| surname_speaker(ents, m.entity, lex)).flatten() {
            let person = &ents.entities[p];
            sp.kind = SpeakerKind::Person;
            sp.entity = Some(p);
            sp.name = Some(person.name.clone());
            sp.title.clone_from(&person.title);
            return sp;
        }
        match e.kind {
            EntityType::Person if lex.is_media(&e.name) || lex.wire_agency(&e.name).is_some() => {
                sp.kind = SpeakerKind::Media;
                sp.entity = Some(m.entity);
                sp.name = Some(e.name.clone());
            }
            EntityType::Person if !person_like(&e.name, lex) || legal_form_of_name() => {
                sp.kind = SpeakerKind::Organization;
                sp.entity = Some(m.entity);
                sp.name = Some(e.name.clone());
            }
            EntityType::Person => {
                sp.kind = SpeakerKind::Person;
                sp.entity = Some(m.entity);
                sp.name = Some(e.name.clone());
                sp.title = title.map(str::to_string).or_else(|| e.title.clone());
                // "said Jane Doe, a spokeswoman for the port": the appositive says more than
                // an honorific ("Mr.", "Dr.") or nothing.
                if sp.title.as_deref().is_none_or(|t| t.ends_with('.')) {
                    if let Some(t) = appositive_title(text, span.end, lex) {
                        sp.title = Some(t);
                    }
                }
            }
            // A name the tagger could not type that speaks is a person's, unless it reads as
            // an organization or an outlet.
            // One word alone ("Volkswagen") is as often a company; it speaks as a person only
            // when the article names a person so.
            EntityType::Misc
                if pre.is_empty()
                    && person_like(&e.name, lex)
                    && (e.name.contains(' ') || ents.has_full_name_ending(&e.name, lex))
                    && !lower.iter().any(|w| lex.is_org_word(w))
                    && !lex.is_media(&e.name)
                    && !lex.is_place(&e.name)
                    && lex.wire_agency(&e.name).is_none()
                    && (1..=3).contains(&e.name.split_whitespace().count()) =>
            {
                sp.kind = SpeakerKind::Person;
                sp.entity = Some(m.entity);
                sp.name = Some(e.name.clone());
                sp.title = title.map(str::to_string).or_else(|| e.title.clone());
            }
            EntityType::Org | EntityType::Gpe | EntityType::Norp | EntityType::Misc | EntityType::Loc => {
                if anonymous {
                    sp.kind = SpeakerKind::Anonymous;
                    sp.affiliation = Some(e.name.clone());
                    sp.name = Some(anonymous_description(source_phrase(&text[span.start..span.end]), lex));
                } else if e.kind != EntityType::Org && lower.iter().any(|w| lex.is_org_word(w)) {
                    // "South Korea's military": the organization is the phrase, not the place.
                    sp.kind = SpeakerKind::Organization;
                    sp.affiliation = Some(e.name.clone());
                    sp.name = Some(source_phrase(&text[span.start..span.end]).to_string());
                } else {
                    sp.kind = if lex.is_media(&e.name) || lex.wire_agency(&e.name).is_some() {
                        SpeakerKind::Media
                    } else {
                        SpeakerKind::Organization
                    };
                    if lex.is_media(strip_determiner(&text[span.start..span.end])) {
                        sp.kind = SpeakerKind::Media;
                    }
                    sp.entity = Some(m.entity);
                    sp.name = Some(e.name.clone());
                }
            }
        }
        return sp;
    }
    let raw = &text[span.start..span.end];
    if anonymous {
        sp.kind = SpeakerKind::Anonymous;
        sp.name = Some(anonymous_description(source_phrase(raw), lex));
    } else if lex.is_media(strip_determiner(raw)) || lex.is_media(raw) || lex.wire_agency(raw).is_some() {
        sp.kind = SpeakerKind::Media;
        sp.name = Some(source_phrase(raw).to_string());
    } else if heads_a_role(&lower, lex) {
        sp.kind = SpeakerKind::Person;
        sp.title = Some(strip_determiner(source_phrase(raw)).to_string());
    } else if lower.iter().any(|w| lex.is_org_word(w)) {
        sp.kind = SpeakerKind::Organization;
        sp.name = Some(source_phrase(raw).to_string());
        if let Some(m) = described_organization(ents, &lower, before.min(span.start)) {
            sp.entity = Some(m.entity);
            sp.name = Some(ents.entities[m.entity].name.clone());
        }
    } else if lower.iter().any(|w| lex.is_title(w)) && lower.first().is_some_and(|w| w == "the") {
        // "the spokesman": the latest person with that title, else an unnamed role.
        let role = strip_determiner(raw);
        let by_title = ents.latest_before(before).find(|m| {
            ents.entities[m.entity]
                .title
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(role))
        });
        match by_title {
            Some(m) => {
                sp.kind = SpeakerKind::Person;
                sp.entity = Some(m.entity);
                sp.name = Some(ents.entities[m.entity].name.clone());
                sp.title = Some(role.to_string());
            }
            None => {
                sp.kind = SpeakerKind::Person;
                sp.title = Some(role.to_string());
            }
        }
    } else if phrase.len() > 1 && phrase.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) {
        let name = strip_determiner(raw);
        sp.kind = if person_like(raw, lex) {
            SpeakerKind::Person
        } else {
            SpeakerKind::Organization
        };
        sp.name = Some(name.trim_end_matches('>').to_string());
    }
    sp
}

/// The role a speaker phrase names around an entity when the role, not the entity, is the
/// phrase's head: before it and joined by "for", "of", "at" or "to" ("a spokesperson for Berg",
/// "the chair of the council"), or after it ("Berg's spokesman", "the Rovers manager"). `pre`
/// and `post` are the phrase's text before and after the entity's mention. An appositive
/// ("Kirby, a spokesman") or a title before a name ("spokesman John Kirby") is not one.
fn role_holder<'a>(pre: &'a str, post: &'a str, lex: &Lexicon) -> Option<&'a str> {
    let is_role = |w: &str| is_role_word(w, lex);
    let mut pre_words: Vec<&str> = pre.split_whitespace().collect();
    // "the chair of the council": the organization's own determiner.
    if pre_words.len() > 2 && pre_words.last().is_some_and(|w| is_article(w)) {
        pre_words.pop();
    }
    if let Some((last, role)) = pre_words.split_last() {
        if is_one_of(last, &["for", "of", "at", "to"]) && role.iter().any(|w| is_role(w)) && !pre.contains(',') {
            return Some(pre);
        }
    }
    if post.trim_start().starts_with([',', '(']) {
        return None;
    }
    let post = post.trim();
    let post = post
        .strip_prefix("'s")
        .or_else(|| post.strip_prefix("\u{2019}s"))
        .unwrap_or(post)
        .trim();
    let post_words: Vec<&str> = post.split_whitespace().collect();
    let head_after = (1..=3).contains(&post_words.len())
        && post_words.last().is_some_and(|w| is_role(w))
        && post_words.iter().all(|w| w.starts_with(char::is_lowercase));
    head_after.then_some(post)
}

/// A title (also after a prefix: "co-chair") or an anonymous source's head ("spokesman").
fn is_role_word(w: &str, lex: &Lexicon) -> bool {
    let w = w.to_lowercase();
    is_title_word(&w, lex) || lex.is_anonymous_head(&w)
}

/// "the female president of the council's commission", "co-chair of the assembly": a role
/// before "of", "for" or "at" heads the phrase, so a person holds it (though the phrase
/// names no one and holds an organization's words).
fn heads_a_role(lower: &[String], lex: &Lexicon) -> bool {
    lower
        .iter()
        .position(|w| matches!(w.as_str(), "of" | "for" | "at"))
        .is_some_and(|i| i > 0 && i <= 3 && is_role_word(&lower[i - 1], lex))
}

/// The appositive right after a name, when it is a role: ", a spokeswoman for the Harbor
/// Authority," gives "spokeswoman for the Harbor Authority".
pub(super) fn appositive_title(text: &str, end: usize, lex: &Lexicon) -> Option<String> {
    let rest = text.get(end..)?.strip_prefix(", ")?;
    let stop = rest
        .find([',', '.', ';', ':', '\n', '"', '\u{201c}', '\u{201d}', '(', ')'])
        .unwrap_or(rest.len());
    let phrase = strip_determiner(&rest[..stop]);
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let is_role = (1..=10).contains(&words.len())
        && !matches!(
            words.first().map(|w| w.to_lowercase()).as_deref(),
            Some("who" | "which" | "whose")
        )
        && words.iter().any(|w| lex.is_title(w.trim_end_matches("'s")));
    is_role.then(|| phrase.to_string())
}

/// Words that open a clause or a prepositional phrase and so cannot open a source's name:
/// "until the Kiribati government", "Although Bank of Japan officials".
pub(super) const NOT_NAME_OPENERS: &[&str] = &[
    "until", "although", "though", "after", "before", "when", "while", "but", "and", "or", "if", "as", "since",
    "formerly", "using", "of", "on", "in", "at", "by", "for", "from", "with", "because", "so", "over", "under",
];

/// A speaker phrase without the clause openers and determiners in front of it.
pub(super) fn source_phrase(raw: &str) -> &str {
    let mut s = strip_determiner(raw);
    while let Some((first, rest)) = s.split_once(' ') {
        if !is_one_of(first.trim_end_matches(','), NOT_NAME_OPENERS) {
            break;
        }
        s = strip_determiner(rest);
    }
    s
}

pub(super) fn is_count(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || is_one_of(
            word,
            &[
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some", "many",
                "other",
            ],
        )
}

pub(super) fn strip_determiner(s: &str) -> &str {
    let s = s.trim();
    for det in [
        "the ", "a ", "an ", "The ", "A ", "An ", "another ", "one ", "two ", "several ", "some ",
    ] {
        if let Some(rest) = s.strip_prefix(det) {
            return rest.trim();
        }
    }
    s
}

/// "a senior State Department official who asked not to be identified" gives "senior State
/// Department official".
pub fn anonymous_description(raw: &str, lex: &Lexicon) -> String {
    let mut s = raw.to_string();
    for marker in &lex.anonymity_markers {
        if let Some(i) = s.find(marker.as_str()) {
            s.truncate(i);
        }
    }
    let description = strip_determiner(s.trim().trim_end_matches(','));
    // "Two police sources": the count is not part of who they are.
    let description = match description.split_once(' ') {
        Some((count, rest)) if is_count(count) => rest,
        _ => description,
    };
    // "Officials said" opens a sentence; the description is "officials".
    match description.split_once(' ') {
        None if lex.is_anonymous_head(description) => description.to_lowercase(),
        Some((first, rest)) if lex.is_anonymous_head(first) => format!("{} {rest}", first.to_lowercase()),
        _ => description.to_string(),
    }
}

/// How far back "the agency" looks for the organization it describes: a few paragraphs.
const DESCRIPTION_LOOKBACK_CHARS: usize = 1500;

/// "the Charity Commission ... the commission said", "the Office for Nuclear Regulation ...
/// the regulator said": a determiner and a generic noun of organizations (`phrase`,
/// lowercased: "the", up to two words, the head last) stand for the latest organization named
/// before `pos` whose name holds that noun (or a word of its stem: "regulator",
/// "Regulation"). The words after a name do not count: "the BEIS committee" is not BEIS.
/// Without one, the description stays unnamed.
fn described_organization<'e>(
    ents: &'e Entities,
    phrase: &[String],
    pos: usize,
) -> Option<&'e crate::extract::entities::Mention> {
    if !(2..=3).contains(&phrase.len()) || phrase[0] != "the" {
        return None;
    }
    let head = phrase.last()?.as_str();
    let stem_of = |w: &str| -> bool {
        let w = w.to_lowercase();
        let common = w.chars().zip(head.chars()).take_while(|(a, b)| a == b).count();
        w == head || (common >= 7 && head.len() >= 7)
    };
    ents.latest_before(pos)
        .take_while(|m| m.span.end + DESCRIPTION_LOOKBACK_CHARS >= pos)
        .filter(|m| ents.entities[m.entity].kind == EntityType::Org)
        .find(|m| {
            ents.entities[m.entity]
                .name
                .split_whitespace()
                .any(|w| stem_of(w.trim_matches(|c: char| !c.is_alphanumeric())))
        })
}

/// The one person of the article whose full name ends with entity `e`'s one-word name, when
/// `e` is not a person: "Beaumont" (a town to the tagger) for "Dan Beaumont". A country, an
/// outlet or a wire agency keeps its own ("Jordan said" is the country's voice).
fn surname_speaker(ents: &Entities, e: usize, lex: &Lexicon) -> Option<usize> {
    let name = ents.entities[e].name.as_str();
    if name.contains(char::is_whitespace)
        || lex.is_country(name)
        || lex.is_media(name)
        || lex.wire_agency(name).is_some()
        || lex.alias(name).is_some()
    {
        return None;
    }
    let mut persons = ents.entities.iter().enumerate().filter(|(_, p)| {
        p.kind == EntityType::Person
            && p.name.contains(char::is_whitespace)
            && p.name.split_whitespace().last() == Some(name)
    });
    let (first, _) = persons.next()?;
    persons.next().is_none().then_some(first)
}
