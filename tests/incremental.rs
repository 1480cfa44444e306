//! Cron-safe runs: incremental appends, replaced inputs, Hive partitions, the lock, and crash
//! recovery — each on a dataset folder the test builds and reads back.

mod workdir;

use std::path::Path;

use newsframe::tables::schema::TABLES;
use polars::prelude::*;
use workdir::Workdir;

fn line(id: &str, published: &str, text: &str) -> String {
    format!(
        "{}\n",
        serde_json::json!({"id": id, "published": published, "source": "Test Times", "text": text})
    )
}

const BODY: &str = "\"We will rebuild the bridge by spring,\" Mayor Jane Roe said on Monday.";

/// Every row of a dataset table, read from all its part files.
fn dataset_table(dir: &Path, table: &str) -> DataFrame {
    workdir::read_table(dir, table)
}

fn ids(df: &DataFrame) -> Vec<String> {
    let ca = df.column("article_id").expect("article_id").str().expect("str").clone();
    let mut v: Vec<String> = (0..ca.len()).filter_map(|i| ca.get(i).map(str::to_string)).collect();
    v.sort();
    v
}

fn incremental(wd: &Workdir, extra: &[&str]) -> workdir::Output {
    let mut args = vec!["extract", "in", "--out", "out", "--incremental"];
    args.extend_from_slice(extra);
    wd.run(&args)
}

#[test]
fn incremental_twice_adds_nothing_the_second_time() {
    let wd = Workdir::new("inc-twice");
    wd.write("in/a.jsonl", &line("a1", "2026-01-02", BODY));
    wd.write("in/b.jsonl", &line("b1", "2026-01-03", BODY));
    incremental(&wd, &[]).assert_ok();
    let second = incremental(&wd, &[]);
    second.assert_ok();
    assert!(second.stderr.contains("nothing new"), "{}", second.stderr);
    assert_eq!(ids(&dataset_table(&wd.out(), "articles")), vec!["a1", "b1"]);
    // A new file is appended, the old ones are left alone.
    wd.write("in/c.jsonl", &line("c1", "2026-01-04", BODY));
    incremental(&wd, &[]).assert_ok();
    assert_eq!(ids(&dataset_table(&wd.out(), "articles")), vec!["a1", "b1", "c1"]);
    assert_eq!(dataset_table(&wd.out(), "quotes").height(), 3);
}

#[test]
fn changed_input_replaces_its_earlier_rows() {
    let wd = Workdir::new("inc-changed");
    wd.write("in/a.jsonl", &line("a1", "2026-01-02", BODY));
    wd.write("in/b.jsonl", &line("b1", "2026-01-03", BODY));
    incremental(&wd, &[]).assert_ok();
    wd.write(
        "in/a.jsonl",
        &format!("{}{}", line("a1", "2026-01-02", BODY), line("a2", "2026-01-05", BODY)),
    );
    incremental(&wd, &[]).assert_ok();
    assert_eq!(ids(&dataset_table(&wd.out(), "articles")), vec!["a1", "a2", "b1"]);
    assert_eq!(dataset_table(&wd.out(), "quotes").height(), 3);
}

#[test]
fn duplicates_are_found_across_runs() {
    let wd = Workdir::new("inc-dups");
    wd.write("in/a.jsonl", &line("first", "2026-01-02", BODY));
    incremental(&wd, &[]).assert_ok();
    wd.write("in/b.jsonl", &line("copy", "2026-01-03", BODY));
    incremental(&wd, &[]).assert_ok();
    let articles = dataset_table(&wd.out(), "articles");
    let dup = articles
        .column("duplicate_of")
        .expect("col")
        .str()
        .expect("str")
        .clone();
    let id = articles.column("article_id").expect("col").str().expect("str").clone();
    let copy = (0..id.len()).find(|&i| id.get(i) == Some("copy")).expect("copy row");
    assert_eq!(dup.get(copy), Some("first"));
}

#[test]
fn date_partitions_hold_their_articles_and_unknown_for_undated() {
    let wd = Workdir::new("partitions");
    wd.write(
        "in/a.jsonl",
        &format!(
            "{}{}",
            line("a1", "2026-01-02T10:00:00Z", BODY),
            line("u1", "None", BODY)
        ),
    );
    wd.run(&["extract", "in", "--out", "out", "--partition-by", "date"])
        .assert_ok();
    let mut dirs: Vec<String> = std::fs::read_dir(wd.out().join("quotes"))
        .expect("quotes dataset")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    dirs.sort();
    assert_eq!(dirs, vec!["date=2026-01-02", "date=unknown"]);
    let dated = dataset_table(&wd.out().join("articles"), "date=2026-01-02");
    assert_eq!(ids(&dated), vec!["a1"]);
    // Every table exists, even with no rows, so that it loads.
    assert!(wd.out().join("rejects").exists());
}

#[test]
fn hostile_outlet_never_escapes_the_output_folder() {
    let wd = Workdir::new("hostile");
    let rec = serde_json::json!({"id": "h1", "source": "../../escaped", "text": BODY});
    wd.write("in/a.jsonl", &format!("{rec}\n"));
    wd.run(&["extract", "in", "--out", "out", "--partition-by", "outlet"])
        .assert_ok();
    assert!(!wd.path().join("escaped").exists());
    let outlets: Vec<String> = std::fs::read_dir(wd.out().join("articles"))
        .expect("articles dataset")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(outlets, vec!["outlet=.._.._escaped"]);
}

#[test]
fn a_held_lock_exits_75_and_a_stale_one_is_taken_over() {
    let wd = Workdir::new("lock");
    wd.write("in/a.jsonl", &line("a1", "2026-01-02", BODY));
    wd.write("out/.newsframe/lock", &std::process::id().to_string());
    let held = incremental(&wd, &[]);
    assert_eq!(held.code, 75, "{}", held.stderr);
    assert!(held.stderr.contains("another newsframe run"), "{}", held.stderr);
    // No process has this pid (above the kernel's pid_max).
    wd.write("out/.newsframe/lock", "4194305");
    let stale = incremental(&wd, &[]);
    stale.assert_ok();
    assert!(!wd.out().join(".newsframe/lock").exists());
}

#[test]
fn killed_run_then_rerun_holds_every_article_once() {
    for crash_at in ["before-commit", "journal"] {
        let wd = Workdir::new("crash");
        wd.write(
            "in/a.jsonl",
            &format!("{}{}", line("a1", "2026-01-02", BODY), line("a2", "2026-01-03", BODY)),
        );
        incremental(&wd, &[]).assert_ok();
        wd.write("in/b.jsonl", &line("b1", "2026-01-04", BODY));
        let crashed = wd.run_with_env(
            &["extract", "in", "--out", "out", "--incremental"],
            &[("NEWSFRAME_CRASH_AT", crash_at)],
        );
        assert_ne!(crashed.code, 0, "{crash_at}: the run should have died");
        incremental(&wd, &[]).assert_ok();
        assert_eq!(
            ids(&dataset_table(&wd.out(), "articles")),
            vec!["a1", "a2", "b1"],
            "{crash_at}"
        );
        assert_eq!(dataset_table(&wd.out(), "quotes").height(), 3, "{crash_at}");
    }
}

#[test]
fn a_rerun_with_overwrite_keeps_every_table_loadable() {
    let wd = Workdir::new("rerun");
    wd.write("in/a.jsonl", &line("a1", "2026-01-02", BODY));
    for _ in 0..2 {
        wd.run(&["extract", "in", "--out", "out", "--partition-by", "date", "--overwrite"])
            .assert_ok();
        for table in TABLES.iter().map(|t| t.name) {
            assert!(wd.out().join(table).exists(), "{table} missing");
        }
        assert_eq!(ids(&dataset_table(&wd.out(), "articles")), vec!["a1"]);
    }
}
