//! The dump step: one identity per person across articles, unique quotations, and ids that
//! stay put over incremental runs — on small dumps the tests write and read back.

mod workdir;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use polars::prelude::*;
use workdir::Workdir;

fn line(id: &str, published: &str, text: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "published": published, "source": "Test Times", "text": text})
    )
}

/// Articles naming `full` in full, each in its own words, dated in one month.
fn full_name_articles(prefix: &str, full: &str, month: &str) -> String {
    let topics = ["the budget", "the rail strike", "energy prices", "the trade talks"];
    topics
        .iter()
        .enumerate()
        .map(|(i, topic)| {
            line(
                &format!("{prefix}{i}"),
                &format!("{month}-0{}", i + 1),
                &format!(
                    "{full} said in Grimsby and Hull on Monday that {topic} would be settled soon. Critics disagreed."
                ),
            )
        })
        .collect()
}

fn bare_article(id: &str, surname: &str, date: &str) -> String {
    line(
        id,
        date,
        &format!(
            "The plan will not change before the summer recess, {surname} told reporters in Grimsby and Hull on Friday {date}. Mr {surname} left."
        ),
    )
}

fn table(dir: &Path, name: &str) -> DataFrame {
    workdir::read_table(dir, name)
}

fn strs(df: &DataFrame, col: &str) -> Vec<String> {
    let ca = df.column(col).expect("column").str().expect("str").clone();
    (0..ca.len())
        .map(|i| ca.get(i).unwrap_or_default().to_string())
        .collect()
}

/// The canonical id each (article, entity name) got: the article's own link where
/// entity_links has one, else the entity id's.
fn ids_by_name(dir: &Path) -> BTreeMap<(String, String), String> {
    let ents = table(dir, "entities");
    let links = table(dir, "entity_links");
    let article = links
        .column("article_id")
        .expect("article_id")
        .str()
        .expect("str")
        .clone();
    let mut by_entity: BTreeMap<String, String> = BTreeMap::new();
    let mut by_row: BTreeMap<(String, String), String> = BTreeMap::new();
    for (i, (e, c)) in strs(&links, "entity_id")
        .into_iter()
        .zip(strs(&links, "canonical_id"))
        .enumerate()
    {
        match article.get(i) {
            Some(a) => by_row.insert((a.to_string(), e), c),
            None => by_entity.insert(e, c),
        };
    }
    strs(&ents, "article_id")
        .into_iter()
        .zip(strs(&ents, "entity_id"))
        .zip(strs(&ents, "name"))
        .map(|((a, e), n)| {
            let c = by_row
                .get(&(a.clone(), e.clone()))
                .or_else(|| by_entity.get(&e))
                .cloned()
                .expect("every entity id has a link");
            ((a, n), c)
        })
        .collect()
}

#[test]
fn a_bare_surname_takes_the_one_full_name_and_stays_apart_when_two_share_it() {
    let wd = Workdir::new("dump-links");
    let mut dump = full_name_articles("t", "Liz Truss", "2022-09");
    dump += &full_name_articles("j", "James Baker", "2022-09");
    dump += &full_name_articles("h", "Howard Baker", "2022-09");
    dump += &bare_article("bare-truss", "Truss", "2022-09-20");
    dump += &bare_article("bare-truss-copy", "Truss", "2022-09-20");
    dump += &bare_article("bare-baker", "Baker", "2022-09-21");
    wd.write("in.jsonl", &dump);
    wd.extract(&["in.jsonl"]).assert_ok();
    let ids = ids_by_name(&wd.out());
    let id = |a: &str, n: &str| {
        ids.get(&(a.to_string(), n.to_string()))
            .cloned()
            .unwrap_or_else(|| panic!("{a} {n}: {ids:?}"))
    };
    assert_eq!(id("bare-truss", "Truss"), id("t0", "Liz Truss"));
    // A copy of an article links as its original does.
    assert_eq!(id("bare-truss-copy", "Truss"), id("t0", "Liz Truss"));
    let baker = id("bare-baker", "Baker");
    assert_ne!(baker, id("j0", "James Baker"));
    assert_ne!(baker, id("h0", "Howard Baker"));
    assert_ne!(id("j0", "James Baker"), id("h0", "Howard Baker"));
    // The catalog has Liz Truss once, with the bare form among her aliases and its article counted.
    let catalog = table(&wd.out(), "entity_catalog");
    let names = strs(&catalog, "name");
    assert_eq!(names.iter().filter(|n| *n == "Liz Truss").count(), 1);
    assert!(!names.contains(&"Truss".to_string()), "{names:?}");
    assert!(names.contains(&"Baker".to_string()), "{names:?}");
    let row = names.iter().position(|n| n == "Liz Truss").expect("Liz Truss");
    let n_articles = catalog
        .column("n_articles")
        .expect("n_articles")
        .u64()
        .expect("u64")
        .get(row);
    assert_eq!(n_articles, Some(5));
    let aliases = catalog
        .column("aliases")
        .expect("aliases")
        .list()
        .expect("list")
        .get_as_series(row)
        .expect("row");
    let aliases: Vec<&str> = aliases.str().expect("str").iter().flatten().collect();
    assert!(aliases.contains(&"Truss"), "{aliases:?}");
}

#[test]
fn quotation_occurrences_match_a_group_by_over_quotes_without_duplicates() {
    let wd = Workdir::new("dump-quotations");
    let said = "\"We will rebuild the bridge by spring,\" Mayor Jane Roe said on Monday.";
    let mut dump = String::new();
    dump += &line("a", "2026-01-02", &format!("{said} The council met again."));
    dump += &line("a-copy", "2026-01-02", &format!("{said} The council met again."));
    dump += &line("b", "2026-01-05", &format!("Traffic was heavy. {said}"));
    dump += &line(
        "c",
        "2026-01-06",
        "\"Nothing is decided,\" the spokesman said. Jane Roe left early.",
    );
    wd.write("in.jsonl", &dump);
    wd.extract(&["in.jsonl"]).assert_ok();
    let articles = table(&wd.out(), "articles");
    let dups: BTreeSet<String> = strs(&articles, "article_id")
        .into_iter()
        .zip(
            articles
                .column("duplicate_of")
                .expect("dup")
                .str()
                .expect("str")
                .iter()
                .map(|d| d.is_some())
                .collect::<Vec<_>>(),
        )
        .filter(|(_, d)| *d)
        .map(|(a, _)| a)
        .collect();
    assert_eq!(dups, BTreeSet::from(["a-copy".to_string()]));
    let quotes = table(&wd.out(), "quotes");
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for (a, h) in strs(&quotes, "article_id").into_iter().zip(strs(&quotes, "quote_hash")) {
        if !dups.contains(&a) {
            *expected.entry(h).or_default() += 1;
        }
    }
    let q = table(&wd.out(), "quotations");
    let got: BTreeMap<String, u64> = strs(&q, "quote_hash")
        .into_iter()
        .zip(
            q.column("n_occurrences")
                .expect("n")
                .u64()
                .expect("u64")
                .iter()
                .map(|v| v.unwrap_or(0)),
        )
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(got, expected);
    assert!(
        expected.values().any(|&n| n == 2),
        "the repeated quote counts twice: {expected:?}"
    );
    let speakers = strs(&q, "speaker");
    assert!(speakers.iter().any(|s| s == "Jane Roe"), "{speakers:?}");
    // The manifest accounts for the dump tables too.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(wd.out().join("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(manifest["dump"]["tables"]["quotations"]["rows"], q.height() as u64);
    // The quote that named no speaker takes the quotation's (Jane Roe's), and says so.
    let links = table(&wd.out(), "quote_links");
    assert!(strs(&links, "attribution").iter().all(|a| a == "dump"), "{links:?}");
}

fn catalog_rows(dir: &Path) -> BTreeSet<(String, String, String, u64)> {
    let c = table(dir, "entity_catalog");
    let n = c.column("n_articles").expect("n").u64().expect("u64").clone();
    strs(&c, "canonical_id")
        .into_iter()
        .zip(strs(&c, "name"))
        .zip(strs(&c, "type"))
        .enumerate()
        .map(|(i, ((id, name), ty))| (id, name, ty, n.get(i).unwrap_or(0)))
        .collect()
}

#[test]
fn two_incremental_runs_give_the_catalog_of_one_run_and_old_links_stay_when_a_name_turns_ambiguous() {
    // New inputs that change no earlier decision: the same catalog as one run over all.
    let one = Workdir::new("dump-inc-one");
    let two = Workdir::new("dump-inc-two");
    let first = full_name_articles("t", "Liz Truss", "2022-09") + &bare_article("bare1", "Truss", "2022-09-20");
    let second = full_name_articles("s", "Rishi Sunak", "2022-09") + &bare_article("bare2", "Truss", "2022-09-22");
    one.write("in/a.jsonl", &first);
    one.write("in/b.jsonl", &second);
    one.run(&["extract", "in", "--out", "out", "--incremental"]).assert_ok();
    two.write("in/a.jsonl", &first);
    two.run(&["extract", "in", "--out", "out", "--incremental"]).assert_ok();
    two.write("in/b.jsonl", &second);
    two.run(&["extract", "in", "--out", "out", "--incremental"]).assert_ok();
    assert_eq!(catalog_rows(&one.out()), catalog_rows(&two.out()));
    assert_eq!(ids_by_name(&one.out()), ids_by_name(&two.out()));

    // A second Baker arriving later: the bare Baker of the first run keeps its link, the new
    // one stays apart. One run over both inputs links neither: this is how they differ.
    let inc = Workdir::new("dump-inc-baker");
    let all = Workdir::new("dump-all-baker");
    let first = full_name_articles("j", "James Baker", "2022-09") + &bare_article("bare1", "Baker", "2022-09-20");
    let second = full_name_articles("h", "Howard Baker", "2022-09") + &bare_article("bare2", "Baker", "2022-09-22");
    inc.write("in/a.jsonl", &first);
    inc.run(&["extract", "in", "--out", "out", "--incremental"]).assert_ok();
    let before = ids_by_name(&inc.out());
    inc.write("in/b.jsonl", &second);
    inc.run(&["extract", "in", "--out", "out", "--incremental"]).assert_ok();
    let after = ids_by_name(&inc.out());
    let key = |a: &str, n: &str| (a.to_string(), n.to_string());
    assert_eq!(before[&key("bare1", "Baker")], before[&key("j0", "James Baker")]);
    assert_eq!(
        after[&key("bare1", "Baker")],
        before[&key("bare1", "Baker")],
        "an id once given never changes"
    );
    assert_ne!(after[&key("bare2", "Baker")], after[&key("j0", "James Baker")]);
    assert_ne!(after[&key("bare2", "Baker")], after[&key("h0", "Howard Baker")]);
    all.write("in/a.jsonl", &first);
    all.write("in/b.jsonl", &second);
    all.run(&["extract", "in", "--out", "out", "--incremental"]).assert_ok();
    let once = ids_by_name(&all.out());
    assert_ne!(once[&key("bare1", "Baker")], once[&key("j0", "James Baker")]);
    // `resolve` again changes nothing.
    inc.run(&["resolve", "out"]).assert_ok();
    assert_eq!(ids_by_name(&inc.out()), after);
}
