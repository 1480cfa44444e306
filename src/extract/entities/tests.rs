use super::*;

fn tag(text: &str) -> Vec<(String, &'static str, usize)> {
    tag_with(text, EntityTagger::Rules)
}

fn tag_with(text: &str, tagger: EntityTagger) -> Vec<(String, &'static str, usize)> {
    let lex = Lexicon::get();
    let at = ArticleText::new(text, lex);
    let ents = extract_with(&at, lex, tagger);
    ents.entities
        .iter()
        .map(|e| (e.name.clone(), e.kind.as_str(), e.mentions.len()))
        .collect()
}

#[test]
fn surname_and_honorific_join_the_full_name() {
    let got = tag("State Department spokesman John Kirby spoke on Monday. Later Mr. Kirby left, and Kirby was tired.");
    assert!(got.contains(&("John Kirby".to_string(), "PERSON", 3)), "{got:?}");
    assert!(
        got.iter().any(|(n, t, _)| n == "State Department" && *t == "ORG"),
        "{got:?}"
    );
}

#[test]
fn country_aliases_become_one_entity() {
    let got = tag("The U.S. and the United States are the same. So is America, officials said. The US agreed.");
    assert!(got.contains(&("United States".to_string(), "GPE", 4)), "{got:?}");
}

#[test]
fn both_taggers_merge_names_and_country_aliases() {
    let cases = [
        (
            "State Department spokesman John Kirby spoke on Monday. Later Mr. Kirby left, and Kirby was tired.",
            ("John Kirby", "PERSON", 3),
        ),
        (
            "The U.S. and the United States are the same. So is America, officials said. The US agreed.",
            ("United States", "GPE", 4),
        ),
    ];
    for tagger in [EntityTagger::Rules, EntityTagger::Statistical] {
        for (text, (name, kind, mentions)) in cases {
            let got = tag_with(text, tagger);
            assert!(got.contains(&(name.to_string(), kind, mentions)), "{tagger:?} {got:?}");
        }
    }
}

#[test]
fn tagger_finds_people_companies_countries_demonyms_and_cities() {
    let got = tag_with(
        "Maria Lopez, who founded Brightloom Textiles Ltd in 2004, said the company would open a plant \
         in Manchester next year. France welcomed the plan, and French unions said they would study it.",
        EntityTagger::Statistical,
    );
    let has = |name: &str, kind: &str| got.iter().any(|(n, t, _)| n == name && *t == kind);
    assert!(has("Maria Lopez", "PERSON"), "{got:?}");
    assert!(has("Brightloom Textiles Ltd", "ORG"), "{got:?}");
    assert!(has("Manchester", "GPE"), "{got:?}");
    assert!(has("France", "GPE"), "{got:?}");
    assert!(has("French", "NORP"), "{got:?}");
}

#[test]
fn a_persons_honorific_and_title_are_not_part_of_the_name() {
    for tagger in [EntityTagger::Rules, EntityTagger::Statistical] {
        let got = tag_with(
            "Mr. Okafor, the town's treasurer, said the budget was balanced. Governor Amaka Obi agreed. \
             Mr. Haddad, the village's mayor, said the water supply had been restored.",
            tagger,
        );
        let people: Vec<&str> = got
            .iter()
            .filter(|(_, t, _)| *t == "PERSON")
            .map(|(n, _, _)| n.as_str())
            .collect();
        assert_eq!(people, ["Okafor", "Amaka Obi", "Haddad"], "{tagger:?} {got:?}");
    }
}

#[test]
fn outlets_and_countries_keep_their_lexicon_type_under_the_model() {
    let got = tag_with(
        "TOKYO, May 2 (Kyodo) -- Kyodo said the vote was close, and Japan's coalition agreed. \
         Associated Press writer Mina Park contributed to this report.",
        EntityTagger::Statistical,
    );
    let has = |name: &str, kind: &str| got.iter().any(|(n, t, _)| n == name && *t == kind);
    assert!(has("Kyodo", "ORG"), "{got:?}");
    assert!(has("Associated Press", "ORG"), "{got:?}");
    assert!(has("Japan", "GPE"), "{got:?}");
    assert!(has("Mina Park", "PERSON"), "{got:?}");
}

#[test]
fn diseases_are_not_entities_and_big_platforms_are_organizations() {
    for tagger in [EntityTagger::Rules, EntityTagger::Statistical] {
        let got = tag_with(
            "Cases rose again, Dr Mensah said, because Covid had spread to the north after the holiday. \
             Google and Netflix said they would reopen offices.",
            tagger,
        );
        let has = |name: &str, kind: &str| got.iter().any(|(n, t, _)| n == name && *t == kind);
        assert!(!got.iter().any(|(n, _, _)| n == "Covid"), "{tagger:?} {got:?}");
        assert!(has("Google", "ORG") && has("Netflix", "ORG"), "{tagger:?} {got:?}");
    }
}

#[test]
fn possessives_are_split_off_as_the_model_was_trained() {
    for text in [
        "Japan's coalition agreed, and Kenya's president said so.",
        "Japan’s coalition agreed, and Kenya’s president said so.",
        "JAPAN'S COALITION AGREED, AND KENYA'S PRESIDENT SAID SO.",
    ] {
        let got = tag_with(text, EntityTagger::Statistical);
        let has = |name: &str| got.iter().any(|(n, t, _)| n == name && *t == "GPE");
        assert!(has("Japan") && has("Kenya"), "{text} {got:?}");
    }
    // "I'm" is a pronoun and a verb to the model, as CoNLL writes it, not a name.
    let got = tag_with(
        "\"The way I'm playing is silly,\" said Garcia, who beat Novak. \"I'm glad to be part of it, \
         I've told Carla Ruiz.\"",
        EntityTagger::Statistical,
    );
    let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["Garcia", "Novak", "Carla Ruiz"], "{got:?}");
    // A possessive inside a name stays in it.
    let got = tag_with(
        "The rating was cut by Moody's Investors Service on Tuesday.",
        EntityTagger::Statistical,
    );
    assert!(
        got.iter()
            .any(|(n, t, _)| n == "Moody's Investors Service" && *t == "ORG"),
        "{got:?}"
    );
}

#[test]
fn the_rule_tagger_still_works_without_a_model() {
    let lex = Lexicon::get();
    let at = ArticleText::new(
        "Senator Laura Whitfield visited Seoul. Whitfield said it went well.",
        lex,
    );
    let ents = merge::merge(&at, rule_tagger::rule_candidates(&at, lex), lex);
    let names: Vec<(&str, &str)> = ents
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind.as_str()))
        .collect();
    assert!(names.contains(&("Laura Whitfield", "PERSON")), "{names:?}");
    assert!(names.contains(&("Seoul", "GPE")), "{names:?}");
}

#[test]
fn sentence_initial_function_words_are_not_entities() {
    let got = tag("However, the plan failed. The talks in Seoul ended.");
    let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, vec!["Seoul"]);
}

#[test]
fn demonyms_are_norp_and_dateline_caps_are_places() {
    let got = tag("SEOUL, Oct. 3 -- South Korean and French diplomats met.");
    assert!(got.iter().any(|(n, t, _)| n == "Seoul" && *t == "GPE"), "{got:?}");
    assert!(got.iter().any(|(n, t, _)| n == "French" && *t == "NORP"), "{got:?}");
}

/// The mentions of the statistical pipeline: (text, type, rule).
fn mentions(text: &str) -> Vec<(String, &'static str, &'static str)> {
    let lex = Lexicon::get();
    let at = ArticleText::new(text, lex);
    let ents = extract_with(&at, lex, EntityTagger::Statistical);
    ents.mentions
        .iter()
        .map(|m| {
            (
                at.text()[m.span.start..m.span.end].to_string(),
                ents.entities[m.entity].kind.as_str(),
                m.rule,
            )
        })
        .collect()
}

#[test]
fn every_post_rule_has_a_distinct_name() {
    let names = post_rules::rule_names();
    let distinct: HashSet<&str> = names.iter().copied().collect();
    assert_eq!(distinct.len(), names.len(), "{names:?}");
    assert!(!names.contains(&"model") && !names.contains(&"surname_of_person"));
}

// work_title: a name right after a work's noun, or dated in brackets, is a title (MISC), and
// so are its other mentions; "to play Liechtenstein" is no title, nor is a name after a comma
// that is no appositive.
#[test]
fn work_title_types_the_titles_of_films_shows_and_books_misc() {
    let got = mentions(
        "Maya Brennan starred in the film Harbour Lights (2004) before her memoir, Salt Roads, became a \
         bestseller. Harbour Lights was shot in Whitby. Later her show Quiet Fire toured Leeds and York.",
    );
    for title in ["Harbour Lights", "Salt Roads", "Quiet Fire"] {
        assert!(
            got.iter()
                .any(|(n, t, r)| n == title && *t == "MISC" && *r == "work_title"),
            "{title}: {got:?}"
        );
    }
    assert!(
        got.iter()
            .filter(|(n, _, _)| n == "Harbour Lights")
            .all(|(_, t, _)| *t == "MISC"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|(n, t, _)| n == "Maya Brennan" && *t == "PERSON"),
        "{got:?}"
    );
    let got = mentions(
        "Ireland will play Liechtenstein in Dublin on Saturday. After the series, Tom Hardy said the crew \
         had been superb.",
    );
    assert!(got.iter().all(|(_, _, r)| *r != "work_title"), "{got:?}");
}

// platform: a platform used as the medium is a product (MISC); the company stays an ORG.
#[test]
fn platform_is_misc_as_a_medium_and_an_organization_as_a_company() {
    let got = mentions(
        "The singer posted the video on Instagram, Twitter and TikTok on Friday, and many Twitter users \
         shared it. Twitter said on Monday that it would review its rules.",
    );
    let medium: Vec<_> = got
        .iter()
        .filter(|(_, _, r)| *r == "platform")
        .map(|(n, _, _)| n.as_str())
        .collect();
    assert_eq!(medium, ["Instagram", "Twitter", "TikTok", "Twitter"], "{got:?}");
    assert!(got
        .iter()
        .filter(|(_, _, r)| *r == "platform")
        .all(|(_, t, _)| *t == "MISC"));
    assert!(
        got.last().is_some_and(|(n, t, _)| n == "Twitter" && *t == "ORG"),
        "{got:?}"
    );
}

// title_not_name: "the PM" and "the Chancellor" are titles, not organizations, and the name
// after a title is a person's.
#[test]
fn title_not_name_drops_titles_and_makes_the_titled_name_a_person() {
    let got = mentions(
        "The PM said on Monday that the cap would stay. Asked about it, the Chancellor declined to comment. \
         Defence Secretary Ben Wallace said the PM had his support.",
    );
    assert!(!got.iter().any(|(n, _, _)| n == "PM" || n == "Chancellor"), "{got:?}");
    assert!(
        got.iter().any(|(n, t, _)| n == "Ben Wallace" && *t == "PERSON"),
        "{got:?}"
    );
}

// surname_of_person, the "Truss" class: a surname alone is the person of the article whose
// full name ends with it, whatever type the model gave it.
#[test]
fn a_surname_alone_is_the_person_of_the_full_name() {
    let got = mentions(
        "Liz Truss met the Japanese prime minister in Tokyo on Thursday. Truss said the talks had gone \
         well, and officials close to Truss said a trade deal was near. Critics said Truss had promised \
         too much.",
    );
    let truss: Vec<_> = got.iter().filter(|(n, _, _)| n.ends_with("Truss")).collect();
    assert_eq!(truss.len(), 4, "{got:?}");
    assert!(truss.iter().all(|(_, t, _)| *t == "PERSON"), "{got:?}");
}

// one_type_per_name and the "Malcolm Middleton" class: a person's full name, a singer's here,
// is a person, and so is the surname that stands for it.
#[test]
fn a_full_name_with_person_evidence_is_a_person() {
    let got = mentions(
        "Malcolm Middleton, the Falkirk songwriter, releases his seventh album next month. Middleton said \
         the record was written during a long winter, and Middleton told fans the tour would start in \
         Glasgow.",
    );
    for (n, t, _) in got.iter().filter(|(n, _, _)| n.contains("Middleton")) {
        assert_eq!(*t, "PERSON", "{n} {got:?}");
    }
    assert!(got.iter().any(|(n, _, _)| n == "Malcolm Middleton"), "{got:?}");
}

#[test]
fn one_type_per_name_retypes_a_name_the_evidence_calls_a_person() {
    // The vote itself, on candidates as the model might type them.
    let lex = Lexicon::get();
    let text = "Chancellor Rishi Sunak spoke. Later Rishi Sunak said more, and Sunak left.";
    let at = ArticleText::new(text, lex);
    let tokens = spans::Tokens::new(&at);
    let find = |name: &str, from: usize| {
        let start = text[from..].find(name).map(|i| i + from).unwrap_or(0);
        let (k, a) = tokens
            .spans
            .iter()
            .enumerate()
            .find_map(|(k, s)| s.iter().position(|t| t.start == start).map(|a| (k, a)))
            .unwrap_or((0, 0));
        let b = a + name.split_whitespace().count();
        Candidate {
            span: tokens.span(k, a, b),
            kind: Some(EntityType::Org),
            canonical: None,
            title: None,
            honorific: None,
            rule: "model",
            tokens: Some((k, a, b)),
        }
    };
    let mut cands = vec![find("Rishi Sunak", 0), find("Rishi Sunak", 20), find("Sunak", 50)];
    post_rules::apply(&at, &tokens, &mut cands, lex);
    let kinds: Vec<_> = cands.iter().map(|c| (c.kind, c.rule)).collect();
    assert!(kinds.iter().all(|(k, _)| *k == Some(EntityType::Person)), "{kinds:?}");
    assert!(kinds.iter().any(|(_, r)| *r == "one_type_per_name"), "{kinds:?}");
}

// acronym: an acronym is the organization whose capitalized words it spells, so the
// organization is one entity under its full name.
#[test]
fn an_acronym_joins_the_organization_it_spells() {
    let lex = Lexicon::get();
    let text = "The Office for Water Standards published its yearly report on Tuesday. The OWS said leaks \
                had doubled since 2019, and the OWS chair will appear before MPs next week.";
    let at = ArticleText::new(text, lex);
    let ents = extract_with(&at, lex, EntityTagger::Statistical);
    let ows: Vec<&Mention> = ents
        .mentions
        .iter()
        .filter(|m| &text[m.span.start..m.span.end] == "OWS")
        .collect();
    assert_eq!(ows.len(), 2, "{:?}", ents.entities);
    for m in ows {
        let e = &ents.entities[m.entity];
        assert_eq!(e.name, "Office for Water Standards", "{:?}", ents.entities);
        assert!(e.aliases.contains(&"OWS".to_string()), "{:?}", e.aliases);
    }
}

#[test]
fn an_acronym_two_names_spell_stays_itself() {
    let lex = Lexicon::get();
    let text = "The Office for Water Standards and the Organisation of Wind Suppliers met on Tuesday. \
                The OWS said leaks had doubled since 2019.";
    let at = ArticleText::new(text, lex);
    let ents = extract_with(&at, lex, EntityTagger::Statistical);
    assert!(ents.entities.iter().any(|e| e.name == "OWS"), "{:?}", ents.entities);
}

// short_form: an organization's distinctive words alone, after its full name, are that
// organization: without its ending ("GateHouse Media") or without the place before it ("the
// Dallas Mavericks"); not when what is left out is another word ("Reddit Ask").
#[test]
fn a_short_form_after_the_full_name_joins_it() {
    let lex = Lexicon::get();
    let text = "Harrowgate Media cut 40 jobs at its papers on Monday. Harrowgate said the cuts were needed, \
                and Harrowgate will close two offices.";
    let at = ArticleText::new(text, lex);
    let ents = extract_with(&at, lex, EntityTagger::Statistical);
    let short: Vec<&Mention> = ents
        .mentions
        .iter()
        .filter(|m| &text[m.span.start..m.span.end] == "Harrowgate")
        .collect();
    assert!(!short.is_empty(), "{:?}", ents.entities);
    for m in short {
        assert_eq!(ents.entities[m.entity].name, "Harrowgate Media", "{:?}", ents.entities);
        assert_eq!(m.rule, "short_form");
    }
}

#[test]
fn a_short_form_before_the_full_name_stays_itself() {
    let lex = Lexicon::get();
    let text = "Harrowgate said the cuts were needed. Harrowgate Media cut 40 jobs at its papers on Monday.";
    let at = ArticleText::new(text, lex);
    let ents = extract_with(&at, lex, EntityTagger::Statistical);
    assert!(
        ents.mentions.iter().all(|m| m.rule != "short_form"),
        "{:?}",
        ents.entities
    );
}
