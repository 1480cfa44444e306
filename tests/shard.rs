//! `extract --shard K/N` and `newsframe merge`: N shards merged give the tables of one run over
//! the same inputs, row for row, with copies across shards found and every record counted.

mod workdir;

use workdir::{read_table, Workdir};

const TABLES: [&str; 11] = [
    "articles",
    "quotes",
    "entities",
    "entity_mentions",
    "sources",
    "texts",
    "rejects",
    "entity_catalog",
    "entity_links",
    "quotations",
    "quote_links",
];

fn line(id: &str, date: &str, text: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "published": date, "source": "Test Times", "text": text})
    )
}

/// Stories of our own, with quotes, people, places and organizations.
fn story(i: usize) -> String {
    let people = [
        "Maria Olsen",
        "David Achebe",
        "Lena Fischer",
        "Tomas Herrera",
        "Grace Mwangi",
    ];
    let topics = [
        "the harbour bridge",
        "the school budget",
        "bus fares",
        "the new clinic",
        "flood defences",
    ];
    let (who, topic) = (people[i % people.len()], topics[i % topics.len()]);
    let surname = who.split(' ').nth(1).unwrap_or(who);
    format!(
        "{who}, the council's finance chief, spoke in Leeds on Tuesday about {topic}.\n\n\
         \u{201C}We cannot wait another year for {topic},\u{201D} {surname} said. \
         A spokesman for the Transport Workers Union said the plan was late. \
         It was the council's meeting number {i}."
    )
}

/// Four input files; article 1 appears again in the third file and article 4 in the last, so
/// that a copy and its original land in different shards; one line is not JSON.
fn write_inputs(wd: &Workdir) -> Vec<String> {
    let a: String = (0..3)
        .map(|i| line(&format!("a{i}"), "2026-03-0{i}", &story(i)))
        .collect();
    let b: String = (3..5)
        .map(|i| line(&format!("b{i}"), "2026-03-1{i}", &story(i)))
        .collect();
    let c = format!(
        "{}{{not json\n{}",
        line("c0", "2026-03-20", &story(1)),
        line("c1", "2026-03-21", &story(5))
    );
    let d = format!(
        "{}{}",
        line("d0", "2026-04-01", &story(4)),
        line("d1", "2026-04-02", &story(6))
    );
    for (name, text) in [("a.jsonl", &a), ("b.jsonl", &b), ("c.jsonl", &c), ("d.jsonl", &d)] {
        wd.write(name, text);
    }
    wd.write("all.jsonl", &format!("{a}{b}{c}{d}"));
    vec!["a.jsonl".into(), "b.jsonl".into(), "c.jsonl".into(), "d.jsonl".into()]
}

/// A table's rows as sorted strings: equal when both hold the same rows in any order.
fn rows(dir: &std::path::Path, table: &str) -> Vec<String> {
    let df = read_table(dir, table);
    let mut rows: Vec<String> = (0..df.height())
        .map(|i| format!("{:?}", df.get_row(i).map(|r| r.0).unwrap_or_default()))
        .collect();
    rows.sort();
    rows
}

fn totals(dir: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("manifest.json")).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("json");
    manifest["totals"].clone()
}

fn run_shards_and_merge(wd: &Workdir, inputs: &[&str], n: u32, merged: &str) {
    let mut shard_dirs = Vec::new();
    for k in 1..=n {
        let dir = format!("shard-{merged}-{k}");
        let mut args = vec!["extract"];
        args.extend_from_slice(inputs);
        let shard = format!("{k}/{n}");
        args.extend_from_slice(&["--shard", &shard, "--out", &dir, "--quiet"]);
        wd.run(&args).assert_ok();
        shard_dirs.push(dir);
    }
    let mut args = vec!["merge", "--out", merged];
    // Given out of order: the merge orders them by K.
    shard_dirs.reverse();
    args.extend(shard_dirs.iter().map(String::as_str));
    wd.run(&args).assert_ok();
}

fn assert_same_tables(wd: &Workdir, one: &str, merged: &str) {
    for table in TABLES {
        let (a, b) = (rows(&wd.path().join(one), table), rows(&wd.path().join(merged), table));
        assert_eq!(
            a,
            b,
            "table {table}: one run ({} rows) against merged shards ({} rows)",
            a.len(),
            b.len()
        );
    }
    assert_eq!(totals(&wd.path().join(one)), totals(&wd.path().join(merged)));
}

#[test]
fn shards_by_files_merged_equal_one_run() {
    let wd = Workdir::new("shard-files");
    let inputs = write_inputs(&wd);
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let mut args = vec!["extract"];
    args.extend_from_slice(&inputs);
    args.extend_from_slice(&["--out", "one", "--quiet"]);
    wd.run(&args).assert_ok();
    // The copies are found by the one run, across files.
    let one = read_table(&wd.path().join("one"), "articles");
    let originals = one.column("duplicate_of").map(|c| c.null_count()).unwrap_or(0);
    assert_eq!(one.height() - originals, 2, "c0 copies a1 and d0 copies b4");
    assert_eq!(read_table(&wd.path().join("one"), "rejects").height(), 1);

    run_shards_and_merge(&wd, &inputs, 3, "merged");
    assert_same_tables(&wd, "one", "merged");
}

#[test]
fn shards_by_records_of_one_file_merged_equal_one_run() {
    let wd = Workdir::new("shard-records");
    write_inputs(&wd);
    wd.run(&["extract", "all.jsonl", "--out", "one", "--quiet"]).assert_ok();
    run_shards_and_merge(&wd, &["all.jsonl"], 4, "merged");
    assert_same_tables(&wd, "one", "merged");
    // Each shard read every record of the file and kept its own share.
    let text = std::fs::read_to_string(wd.path().join("shard-merged-2/manifest.json")).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("json");
    let input = &manifest["inputs"][0];
    let (read, others) = (
        input["records_read"].as_u64(),
        input["records_in_other_shards"].as_u64(),
    );
    assert_eq!(read.zip(others).map(|(r, o)| r + o), Some(10), "{input}");
    assert_eq!(manifest["shard"]["by"], "records");
}

#[test]
fn a_merge_refuses_shards_that_are_not_one_whole_job() {
    let wd = Workdir::new("shard-refuse");
    write_inputs(&wd);
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let out = format!("s{k}");
        wd.run(&[
            "extract", "a.jsonl", "b.jsonl", "c.jsonl", "--shard", &shard, "--out", &out, "--quiet",
        ])
        .assert_ok();
    }
    let missing = wd.run(&["merge", "--out", "m", "s1", "s3"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("shard 2/3 is missing"), "{}", missing.stderr);
    wd.run(&["extract", "a.jsonl", "--out", "plain", "--quiet"]).assert_ok();
    let plain = wd.run(&["merge", "--out", "m", "s1", "s2", "s3", "plain"]);
    assert!(
        plain.stderr.contains("plain was not written with --shard K/N"),
        "{}",
        plain.stderr
    );
    let bad = wd.run(&["extract", "a.jsonl", "--shard", "4/3", "--out", "x"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}
