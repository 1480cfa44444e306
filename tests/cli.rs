//! End-to-end tests: run the real binary on files each test writes, then read the tables back.

mod workdir;

use std::io::Write;
use std::path::Path;

use polars::prelude::*;
use workdir::Workdir;

const ARTICLE: &str = "WASHINGTON (AP) \u{2014} The council met on Monday.\n\n\u{201C}We will fund the library in full,\u{201D} Mayor Jane Roe said.";

fn jsonl_line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "source": "Test Times", "published": "2026-01-02"}).to_string()
}

#[test]
fn jsonl_article_fills_every_table_with_offsets_that_slice_back() {
    let wd = Workdir::new("jsonl");
    wd.write("in.jsonl", &format!("{}\n", jsonl_line("a1", ARTICLE)));
    wd.extract(&["in.jsonl"]).assert_ok();
    let articles = wd.table("articles");
    assert_eq!(wd.strings(&articles, "wire_agency"), vec![Some("AP".to_string())]);
    assert_eq!(wd.strings(&articles, "dateline"), vec![Some("WASHINGTON".to_string())]);
    let quotes = wd.table("quotes");
    assert_eq!(quotes.height(), 1);
    let (start, end) = (wd.u32s(&quotes, "start")[0], wd.u32s(&quotes, "end")[0]);
    assert_eq!(
        slice_cp(ARTICLE, start, end),
        "\u{201C}We will fund the library in full,\u{201D}"
    );
    assert_eq!(wd.strings(&quotes, "speaker_name"), vec![Some("Jane Roe".to_string())]);
    let mentions = wd.table("entity_mentions");
    let texts = wd.strings(&mentions, "text");
    for (i, (s, e)) in wd
        .u32s(&mentions, "start")
        .into_iter()
        .zip(wd.u32s(&mentions, "end"))
        .enumerate()
    {
        assert_eq!(Some(slice_cp(ARTICLE, s, e)), texts[i]);
    }
    assert!(wd.table("entities").height() >= 2);
    assert_eq!(wd.table("sources").height(), 1);
    assert_eq!(wd.table("rejects").height(), 0);
}

fn slice_cp(text: &str, start: u32, end: u32) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

#[test]
fn every_format_and_compression_is_read() {
    let wd = Workdir::new("formats");
    let line = jsonl_line("j1", ARTICLE);
    wd.write("a.jsonl", &format!("{line}\n"));
    wd.write(
        "b.json",
        &format!(
            "[{}, {}]",
            jsonl_line("arr1", ARTICLE),
            jsonl_line("arr2", "Second text here.")
        ),
    );
    let mut csv_text = String::from("id,content,publication,date\n");
    csv_text.push_str(&format!(
        "c1,\"{}\",The Paper,2022-05-26\n",
        ARTICLE.replace('"', "\"\"")
    ));
    wd.write("c.csv", &csv_text);
    wd.write("d.tsv", "id\ttext\nt1\tA tab separated article body.\n");
    wd.write("e.txt", ARTICLE);
    wd.write(
        "f.xml",
        "<doc sitename=\"Site\" title=\"T\" date=\"2019-11-19\" url=\"https://x.org/a\"><main><head>Head line</head><p>First para.</p><p>Second para.</p></main><comments/></doc>",
    );
    wd.write_parquet("g.parquet", &["p1", "p2"], &[ARTICLE, "Another body."]);
    wd.write_bytes(
        "h.jsonl.gz",
        &workdir::gzip(format!("{}\n", jsonl_line("gz1", ARTICLE)).as_bytes()),
    );
    wd.write_bytes(
        "i.jsonl.zst",
        &zstd::encode_all(format!("{}\n", jsonl_line("zs1", ARTICLE)).as_bytes(), 3).expect("zstd"),
    );
    wd.write_bytes("j.csv.bz2", &workdir::bzip2(csv_text.replace("c1,", "bz1,").as_bytes()));
    // Compression is recognized by magic bytes even when the name says nothing.
    wd.write_bytes(
        "k.jsonl",
        &workdir::gzip(format!("{}\n", jsonl_line("hidden-gz", ARTICLE)).as_bytes()),
    );
    wd.extract(&["."]).assert_ok();
    let articles = wd.table("articles");
    let mut ids: Vec<String> = wd.strings(&articles, "article_id").into_iter().flatten().collect();
    ids.sort();
    for id in [
        "arr1",
        "arr2",
        "bz1",
        "c1",
        "gz1",
        "hidden-gz",
        "j1",
        "p1",
        "p2",
        "t1",
        "zs1",
    ] {
        assert!(ids.contains(&id.to_string()), "{id} missing from {ids:?}");
    }
    // The .txt file's id is its path; the XML document has no id and gets a stable hash.
    assert_eq!(ids.len(), 13, "{ids:?}");
    assert!(ids.iter().any(|i| i.ends_with("e.txt")), "{ids:?}");
    assert_eq!(wd.table("rejects").height(), 0, "{:?}", wd.table("rejects"));
    let outlets: Vec<Option<String>> = wd.strings(&articles, "outlet");
    assert!(outlets.contains(&Some("The Paper".to_string())));
    assert!(outlets.contains(&Some("Site".to_string())));
}

#[test]
fn bad_records_are_rejected_with_reasons_and_the_run_goes_on() {
    let wd = Workdir::new("rejects");
    let good = jsonl_line("ok1", ARTICLE);
    let mut bad_utf8 = br#"{"id": "u1", "text": "caf"#.to_vec();
    bad_utf8.extend_from_slice(&[0xff, 0xfe]);
    bad_utf8.extend_from_slice(b"\"}\n");
    let mut data = Vec::new();
    data.extend_from_slice(format!("{good}\n").as_bytes());
    data.extend_from_slice(b"{\"id\": \"broken\", \"text\": \"unterminated\n");
    data.extend_from_slice(&bad_utf8);
    data.extend_from_slice(b"{\"id\": \"nt\", \"title\": \"no text here\"}\n");
    data.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"   \"}\n");
    data.extend_from_slice(format!("{}\n", jsonl_line("big", &"word ".repeat(400))).as_bytes());
    data.extend_from_slice(format!("{good}\n").replace("ok1", "ok2").as_bytes());
    wd.write_bytes("mixed.jsonl", &data);
    wd.write("rows.csv", "id,text\nr1,Fine body text.\nr2,too,many,fields\n");
    let full = workdir::gzip(format!("{}\n{}\n", jsonl_line("t1", ARTICLE), jsonl_line("t2", ARTICLE)).as_bytes());
    wd.write_bytes("cut.jsonl.gz", &full[..full.len() - 12]);
    wd.write(
        "page.html",
        "<!DOCTYPE html><html><head><title>Empty</title></head><body><div></div></body></html>",
    );
    wd.extract(&[".", "--max-record-bytes", "1000"]).assert_ok();
    let rejects = wd.table("rejects");
    let reasons: Vec<String> = wd.strings(&rejects, "reason").into_iter().flatten().collect();
    let has = |needle: &str| reasons.iter().any(|r| r.contains(needle));
    assert!(has("invalid JSON at column"), "{reasons:?}");
    assert!(has("invalid UTF-8 at byte"), "{reasons:?}");
    assert!(
        has("no text field (looked for text, maintext, content, article, body)"),
        "{reasons:?}"
    );
    assert!(has("empty text"), "{reasons:?}");
    assert!(has("over the size limit of 1000 bytes"), "{reasons:?}");
    assert!(has("CSV row has 4 fields, the header has 2"), "{reasons:?}");
    assert!(has("truncated or corrupt compressed stream"), "{reasons:?}");
    assert!(has("no article body found in the page"), "{reasons:?}");
    let files = wd.strings(&rejects, "source_file");
    let records = wd.u64s(&rejects, "record_no");
    let broken = reasons
        .iter()
        .position(|r| r.contains("invalid JSON"))
        .unwrap_or(usize::MAX);
    assert!(files[broken].as_deref().is_some_and(|f| f.ends_with("mixed.jsonl")));
    assert_eq!(records[broken], 1);
    let articles = wd.table("articles");
    let ids: Vec<String> = wd.strings(&articles, "article_id").into_iter().flatten().collect();
    // The records before the break in the truncated stream are kept.
    for id in ["ok1", "ok2", "r1", "t1"] {
        assert!(ids.contains(&id.to_string()), "{id} missing from {ids:?}");
    }
    wd.assert_accounting();
}

#[test]
fn an_extractor_failure_rejects_one_record_and_the_run_goes_on() {
    let wd = Workdir::new("panic");
    let lines = [
        jsonl_line("p1", ARTICLE),
        jsonl_line("p2", &format!("{ARTICLE} TRIP-WIRE")),
        jsonl_line("p3", ARTICLE),
    ];
    wd.write("in.jsonl", &(lines.join("\n") + "\n"));
    let run = wd.run_with_env(
        &["extract", "in.jsonl", "--out", "out", "--quiet"],
        &[("NEWSFRAME_PANIC_ON", "TRIP-WIRE")],
    );
    run.assert_ok();
    let ids: Vec<String> = wd
        .strings(&wd.table("articles"), "article_id")
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(ids, vec!["p1", "p3"]);
    let rejects = wd.table("rejects");
    let reasons: Vec<String> = wd.strings(&rejects, "reason").into_iter().flatten().collect();
    assert_eq!(reasons.len(), 1);
    assert!(reasons[0].contains("internal error while extracting"), "{reasons:?}");
    assert_eq!(wd.u64s(&rejects, "record_no"), vec![1]);
    wd.assert_accounting();
}

#[test]
fn accounting_holds_per_input_in_the_manifest() {
    let wd = Workdir::new("accounting");
    wd.write(
        "a.jsonl",
        &format!(
            "{}\nnot json\n\n{}\n",
            jsonl_line("x", ARTICLE),
            jsonl_line("y", "Body.")
        ),
    );
    wd.extract(&["a.jsonl"]).assert_ok();
    let m = wd.manifest();
    let input = &m["inputs"][0];
    assert_eq!(input["records_read"], 3);
    assert_eq!(input["articles_written"], 2);
    assert_eq!(input["records_rejected"], 1);
    wd.assert_accounting();
}

#[test]
fn failed_run_leaves_previous_outputs_intact() {
    let wd = Workdir::new("atomic");
    let lines: String = (0..5)
        .map(|i| format!("{}\n", jsonl_line(&format!("a{i}"), ARTICLE)))
        .collect();
    wd.write("in.jsonl", &lines);
    wd.extract(&["in.jsonl"]).assert_ok();
    let before = wd.manifest();
    let out = wd.extract(&["in.jsonl", "--overwrite", "--fail-after", "0"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(wd.manifest()["run_id"], before["run_id"]);
    assert_eq!(wd.table("articles").height(), 5);
    let leftovers = wd.file_names("out/.newsframe");
    assert!(leftovers.iter().all(|n| !n.starts_with("staging-")), "{leftovers:?}");
}

#[test]
fn existing_outputs_are_refused_without_overwrite() {
    let wd = Workdir::new("refuse");
    wd.write("in.jsonl", &format!("{}\n", jsonl_line("a", ARTICLE)));
    wd.extract(&["in.jsonl"]).assert_ok();
    let second = wd.extract(&["in.jsonl"]);
    assert_eq!(second.code, 1);
    assert!(second.stderr.contains("--overwrite"), "{}", second.stderr);
    wd.extract(&["in.jsonl", "--overwrite"]).assert_ok();
}

#[test]
fn csv_output_has_the_same_columns_and_json_lists() {
    let wd = Workdir::new("csvout");
    wd.write("in.jsonl", &format!("{}\n", jsonl_line("a", ARTICLE)));
    wd.extract(&["in.jsonl", "--format", "csv"]).assert_ok();
    let entities = std::fs::read_to_string(wd.out().join("entities.csv")).expect("entities.csv");
    let mut rdr = csv::Reader::from_reader(entities.as_bytes());
    let headers: Vec<String> = rdr.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(
        headers,
        [
            "entity_id",
            "article_id",
            "name",
            "type",
            "mentions",
            "first_start",
            "aliases",
            "is_speaker",
            "n_quotes"
        ]
    );
    let alias_col = headers.iter().position(|h| h == "aliases").unwrap_or(0);
    for row in rdr.records() {
        let row = row.expect("row");
        let parsed: Vec<String> = serde_json::from_str(&row[alias_col]).expect("aliases is a JSON array");
        assert!(!parsed.is_empty());
    }
    assert!(wd.out().join("rejects.csv").exists());
    assert!(!wd.out().join("quotes.parquet").exists());
}

#[test]
fn csv_timestamps_carry_their_zone() {
    let wd = Workdir::new("csvtime");
    let line = serde_json::json!({"id": "t", "text": ARTICLE, "published": "2022-05-26T16:43:13+02:00"});
    wd.write("in.jsonl", &format!("{line}\n"));
    wd.extract(&["in.jsonl", "--format", "csv"]).assert_ok();
    for (table, column) in [("articles", "published"), ("entity_catalog", "first_seen")] {
        let text = std::fs::read_to_string(wd.out().join(format!("{table}.csv"))).expect("csv");
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let at = rdr.headers().expect("header").iter().position(|h| h == column);
        let row = rdr.records().next().expect("a row").expect("row");
        assert_eq!(at.map(|i| &row[i]), Some("2022-05-26T14:43:13Z"), "{table}.{column}");
    }
}

#[test]
fn a_misspelt_field_is_said_once_with_the_columns_the_input_has() {
    let wd = Workdir::new("fieldwarn");
    let rows = [
        serde_json::json!({"id": "a", "body": ARTICLE}),
        serde_json::json!({"id": "b", "body": ARTICLE}),
    ];
    wd.write("in.jsonl", &format!("{}\n{}\n", rows[0], rows[1]));
    let out = wd.extract(&["in.jsonl", "--field", "text=nothere"]);
    out.assert_ok();
    // Records run in parallel: whichever is met first is named.
    let warning = out
        .stderr
        .lines()
        .find(|l| l.starts_with("newsframe: warn: --field text=nothere: in.jsonl record "));
    assert!(
        warning.is_some_and(|w| w.ends_with(" has no column 'nothere'; its columns are: body, id")),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("--field text=nothere").count(), 1, "{}", out.stderr);
}

#[test]
fn extract_help_shows_examples() {
    let out = Workdir::new("help").run(&["extract", "--help"]);
    out.assert_ok();
    let examples = out.stdout.split("Examples:").nth(1).unwrap_or_default();
    for shown in [
        "extract - --out",
        "--field text=body",
        "--incremental",
        "--partition-by outlet",
        ".warc.gz",
    ] {
        assert!(examples.contains(shown), "no example with {shown}: {}", out.stdout);
    }
    let train = Workdir::new("help-train").run(&["train", "ner", "--help"]);
    // Long help puts a flag's description on the lines after it, up to the next flag.
    let lines: Vec<&str> = train.stdout.lines().map(str::trim).collect();
    for flag in ["--train <FILE>", "--dev <FILE>", "--out <FILE>"] {
        let at = lines.iter().position(|l| l.starts_with(flag));
        let described = at
            .and_then(|i| lines.get(i + 1))
            .is_some_and(|next| next.len() > 10 && !next.starts_with('-'));
        assert!(described, "{flag} has no description: {}", train.stdout);
    }
}

#[test]
fn missing_input_is_an_error_before_any_work() {
    let wd = Workdir::new("missing");
    let out = wd.extract(&["nope/not-here.jsonl"]);
    assert_eq!(out.code, 2, "a missing input is a usage error");
    assert!(out.stderr.contains("nope/not-here.jsonl"), "{}", out.stderr);
    assert!(!wd.out().join("manifest.json").exists());
}

#[test]
fn an_out_that_is_a_file_is_said_once_and_plainly() {
    let wd = Workdir::new("out-file");
    wd.write("in.jsonl", &format!("{}\n", jsonl_line("a", ARTICLE)));
    wd.write("outfile", "not a folder");
    let out = wd.run(&["extract", "in.jsonl", "--out", "outfile"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.trim(),
        "newsframe: error: extract into outfile failed: --out outfile is a file, not a directory"
    );
    // A cause already in the message is not repeated by the error chain.
    let out = wd.run(&["extract", "in.jsonl", "--out", "outfile/sub"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr.matches("os error").count(), 1, "{}", out.stderr);
}

#[test]
fn usage_error_exits_2() {
    let wd = Workdir::new("usage");
    assert_eq!(wd.run(&["extract", "--format", "xml"]).code, 2);
    assert_eq!(wd.run(&["extract", "--field", "colour=x"]).code, 2);
}

#[test]
fn default_input_is_the_embedded_sample_and_every_table_has_rows() {
    let wd = Workdir::new("sample");
    wd.extract(&[]).assert_ok();
    for table in ["articles", "quotes", "entities", "entity_mentions", "sources"] {
        assert!(wd.table(table).height() > 0, "{table} is empty");
    }
    let articles = wd.table("articles");
    assert!(articles.height() >= 12);
    assert!(wd.u32s(&articles, "n_duplicate_paragraphs").iter().any(|&n| n > 0));
    let quotes = wd.table("quotes");
    assert!(wd.bools(&quotes, "in_duplicate_paragraph").contains(&true));
    let kinds: Vec<String> = wd.strings(&wd.table("sources"), "kind").into_iter().flatten().collect();
    assert!(kinds.contains(&"anonymous".to_string()));
    wd.assert_accounting();
}

#[test]
fn stdin_and_field_override_and_limit() {
    let wd = Workdir::new("stdin");
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "s1", "body": ARTICLE}),
        serde_json::json!({"id": "s2", "body": "Two."})
    );
    let out = wd.run_with_stdin(
        &["extract", "-", "--out", "out", "--field", "text=body", "--limit", "1"],
        input.as_bytes(),
    );
    out.assert_ok();
    let ids: Vec<Option<String>> = wd.strings(&wd.table("articles"), "article_id");
    assert_eq!(ids, vec![Some("s1".to_string())]);
}

#[test]
fn duplicate_articles_point_to_the_first() {
    let wd = Workdir::new("dups");
    wd.write(
        "in.jsonl",
        &format!(
            "{}\n{}\n",
            jsonl_line("first", ARTICLE),
            jsonl_line("again", &ARTICLE.replace("  ", " "))
        ),
    );
    wd.extract(&["in.jsonl"]).assert_ok();
    let dup = wd.strings(&wd.table("articles"), "duplicate_of");
    assert_eq!(dup, vec![None, Some("first".to_string())]);
}

#[test]
fn schema_command_lists_every_table() {
    let wd = Workdir::new("schema");
    let out = wd.run(&["schema"]);
    out.assert_ok();
    for table in [
        "articles",
        "quotes",
        "entities",
        "entity_mentions",
        "sources",
        "rejects",
    ] {
        assert!(out.stdout.contains(&format!("\n{table} ")), "{table}");
    }
    assert!(out.stdout.contains("timestamp(us, UTC)"));

    for args in [&["schema", "--json"][..], &["schema", "--format", "json"]] {
        let out = wd.run(args);
        out.assert_ok();
        let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("schema JSON parses");
        let tables: Vec<&str> = v["tables"]
            .as_array()
            .expect("tables")
            .iter()
            .filter_map(|t| t["name"].as_str())
            .collect();
        assert!(
            tables.contains(&"articles") && tables.contains(&"quote_links"),
            "{tables:?}"
        );
    }

    let out = wd.run(&["schema", "--format", "markdown"]);
    out.assert_ok();
    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md")).expect("docs/schema.md");
    assert!(
        out.stdout == committed,
        "docs/schema.md is out of date: regenerate it with `cargo run -q -- schema --format markdown > docs/schema.md`"
    );
}

#[test]
fn parquet_types_are_real_types() {
    let wd = Workdir::new("types");
    wd.write("in.jsonl", &format!("{}\n", jsonl_line("a", ARTICLE)));
    wd.extract(&["in.jsonl"]).assert_ok();
    let a = wd.table("articles");
    assert_eq!(
        a.column("published").map(|c| c.dtype().clone()).ok(),
        Some(DataType::Datetime(TimeUnit::Microseconds, Some(TimeZone::UTC)))
    );
    let q = wd.table("quotes");
    assert_eq!(
        q.column("start").map(|c| c.dtype().clone()).ok(),
        Some(DataType::UInt32)
    );
    assert_eq!(
        q.column("confidence").map(|c| c.dtype().clone()).ok(),
        Some(DataType::Float32)
    );
    let e = wd.table("entities");
    assert_eq!(
        e.column("aliases").map(|c| c.dtype().clone()).ok(),
        Some(DataType::List(Box::new(DataType::String)))
    );
    let mut f = std::fs::File::open(wd.out().join("quotes.parquet")).expect("file");
    let mut magic = [0u8; 4];
    std::io::Read::read_exact(&mut f, &mut magic).expect("read");
    assert_eq!(&magic, b"PAR1");
    let _ = std::io::stdout().flush();
}

#[test]
fn seed_story_kirby_quotes_scare_quotes_and_pasted_body() {
    let wd = Workdir::new("seed");
    wd.extract(&[]).assert_ok();
    let quotes = wd.table("quotes");
    let ids = wd.strings(&quotes, "article_id");
    let rows: Vec<usize> = (0..quotes.height())
        .filter(|&i| ids[i].as_deref() == Some("nf-0013"))
        .collect();
    let col = |name: &str| wd.strings(&quotes, name);
    let (texts, types, names, speakers, titles) = (
        col("text"),
        col("quote_type"),
        col("speaker_name"),
        col("speaker"),
        col("speaker_title"),
    );
    let dup = wd.bools(&quotes, "in_duplicate_paragraph");
    let first_copy: Vec<usize> = rows.iter().copied().filter(|&i| !dup[i]).collect();
    let kirby_direct: Vec<usize> = first_copy
        .iter()
        .copied()
        .filter(|&i| types[i].as_deref() == Some("direct") && names[i].as_deref() == Some("John Kirby"))
        .collect();
    assert_eq!(
        kirby_direct.len(),
        4,
        "{:?}",
        first_copy.iter().map(|&i| &texts[i]).collect::<Vec<_>>()
    );
    assert!(kirby_direct.iter().any(|&i| speakers[i].as_deref() == Some("he")));
    assert!(first_copy
        .iter()
        .any(|&i| titles[i].as_deref() == Some("State Department spokesman")));
    for scare in ["private", "unofficial", "Track 2"] {
        assert!(
            rows.iter().all(|&i| texts[i].as_deref() != Some(scare)),
            "{scare} became a row"
        );
    }
    // The pasted second copy repeats every quote, flagged.
    assert_eq!(rows.len(), 2 * first_copy.len());
    assert_eq!(rows.iter().filter(|&&i| dup[i]).count(), first_copy.len());

    // Its sources: Kirby as a person with his role and organization apart, male from "he said";
    // the copy credited to Yonhap.
    let sources = wd.table("sources");
    let s = |name: &str| wd.strings(&sources, name);
    let (s_ids, s_names) = (s("article_id"), s("name"));
    let kirby = (0..sources.height())
        .find(|&i| s_ids[i].as_deref() == Some("nf-0013") && s_names[i].as_deref() == Some("John Kirby"))
        .expect("a John Kirby source");
    assert_eq!(s("kind")[kirby].as_deref(), Some("person"));
    assert_eq!(s("title")[kirby].as_deref(), Some("spokesman"));
    assert_eq!(s("affiliation")[kirby].as_deref(), Some("State Department"));
    assert_eq!(s("gender")[kirby].as_deref(), Some("male"));
    assert_eq!(s("gender_evidence")[kirby].as_deref(), Some("pronoun"));
    assert!(s("entity_id")[kirby].is_some());
    let articles = wd.table("articles");
    let a_ids = wd.strings(&articles, "article_id");
    let seed = a_ids
        .iter()
        .position(|a| a.as_deref() == Some("nf-0013"))
        .expect("seed article");
    assert_eq!(wd.strings(&articles, "wire_agency")[seed].as_deref(), Some("Yonhap"));
}

#[test]
fn eval_sources_scores_the_built_in_and_held_out_fixtures() {
    let wd = Workdir::new("eval-sources");
    let built_in = wd.run(&["eval", "sources", "--json"]);
    built_in.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&built_in.stdout).expect("json report");
    assert!(report["articles"].as_u64() >= Some(40), "{report}");
    for kind in ["person", "organization", "media", "anonymous"] {
        let k = &report["by_kind"][kind];
        assert!(k["gold"].as_u64() > Some(0), "{kind}: {k}");
        assert!(k["recall"].as_f64() >= Some(0.8), "{kind}: {k}");
        assert!(k["precision"].as_f64() >= Some(0.8), "{kind}: {k}");
    }
    assert!(report["wire_agency"]["accuracy"].as_f64() >= Some(0.9), "{report}");
    // Sentences written after the extractor was tuned on the built-in set: a floor, not a goal.
    let held_out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/sources_heldout.jsonl");
    let out = wd.run(&["eval", "sources", "--json", "--gold", &held_out.display().to_string()]);
    out.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    assert!(report["all"]["f1"].as_f64() >= Some(0.8), "{report}");
    let second = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/sources_heldout2.jsonl");
    let out = wd.run(&["eval", "sources", "--json", "--gold", &second.display().to_string()]);
    out.assert_ok();
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("json report");
    assert!(report["all"]["f1"].as_f64() >= Some(0.85), "{report}");
}

#[test]
fn entity_ids_are_stable_across_runs_and_articles() {
    let wd = Workdir::new("stable-ids");
    wd.extract(&[]).assert_ok();
    let first = wd.table("entities");
    let ids = |df: &DataFrame| -> Vec<(String, String)> {
        let names = wd.strings(df, "name");
        let ids = wd.strings(df, "entity_id");
        let mut pairs: Vec<(String, String)> = names
            .into_iter()
            .zip(ids)
            .map(|(n, i)| (n.unwrap_or_default(), i.unwrap_or_default()))
            .collect();
        pairs.sort();
        pairs
    };
    let before = ids(&first);
    wd.extract(&["--overwrite"]).assert_ok();
    assert_eq!(before, ids(&wd.table("entities")));
    // The same entity in two articles has one id: (type, canonical name) decides it.
    let kirby: Vec<&(String, String)> = before.iter().filter(|(n, _)| n == "John Kirby").collect();
    assert!(kirby.len() >= 2, "{kirby:?}");
    assert!(kirby.windows(2).all(|w| w[0].1 == w[1].1), "{kirby:?}");
}

#[test]
fn a_run_never_reads_its_own_output_or_hidden_folders() {
    let wd = Workdir::new("own-output");
    wd.write("news/a.jsonl", &format!("{}\n", jsonl_line("a", ARTICLE)));
    wd.write("news/.git/objects.jsonl", &format!("{}\n", jsonl_line("git", ARTICLE)));
    wd.write("news/.hidden.jsonl", &format!("{}\n", jsonl_line("hidden", ARTICLE)));
    for incremental in [false, true] {
        // Three runs in a row: each would read the tables and staging files of the one before.
        for _ in 0..3 {
            let mut args = vec!["extract", "news", "--out", "news/out", "--overwrite", "--quiet"];
            if incremental {
                args = vec!["extract", "news", "--out", "news/inc", "--incremental", "--quiet"];
            }
            wd.run(&args).assert_ok();
        }
        let dir = wd.path().join(if incremental { "news/inc" } else { "news/out" });
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).expect("manifest")).expect("json");
        let inputs: Vec<&str> = manifest["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .filter_map(|i| i["path"].as_str())
            .collect();
        assert!(
            inputs.iter().all(|p| p.ends_with("news/a.jsonl")),
            "{incremental}: {inputs:?}"
        );
        assert_eq!(manifest["totals"]["records_rejected"], 0, "{incremental}");
        if !incremental {
            assert_eq!(inputs.len(), 1);
            assert_eq!(manifest["totals"]["articles_written"], 1);
        }
    }
}

/// Starts `extract - --out out` reading a pipe that stays open, so the run is still going
/// when the signal comes; returns the exit code and stderr.
fn interrupt_a_run(wd: &Workdir, signal: &str) -> (i32, String) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsframe"))
        .args(["extract", "-", "--out", "out", "--overwrite", "--quiet"])
        .current_dir(wd.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsframe");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{}\n", jsonl_line("new", ARTICLE)).as_bytes())
        .expect("write");
    let staging = || {
        wd.file_names("out/.newsframe")
            .iter()
            .any(|n| n.starts_with("staging-"))
    };
    let started = std::time::Instant::now();
    while !staging() && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(staging(), "the run never started staging");
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let out = child.wait_with_output().expect("wait");
    drop(stdin);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn sigint_and_sigterm_stop_a_run_and_leave_previous_outputs_untouched() {
    let wd = Workdir::new("signals");
    wd.write("old.jsonl", &format!("{}\n", jsonl_line("old", ARTICLE)));
    wd.extract(&["old.jsonl"]).assert_ok();
    let before = wd.manifest();
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let (got, stderr) = interrupt_a_run(&wd, signal);
        assert_eq!(got, code, "{signal}: {stderr}");
        assert_eq!(
            stderr.trim(),
            "newsframe: interrupted: previous outputs untouched",
            "{signal}"
        );
        let left = wd.file_names("out/.newsframe");
        assert!(
            left.iter().all(|n| !n.starts_with("staging-") && n != "lock"),
            "{signal}: {left:?}"
        );
        assert_eq!(wd.manifest()["run_id"], before["run_id"], "{signal}");
        assert_eq!(
            wd.strings(&wd.table("articles"), "article_id"),
            vec![Some("old".to_string())]
        );
    }
}

#[test]
fn the_summary_names_why_records_were_rejected() {
    let wd = Workdir::new("summary");
    wd.write(
        "in.jsonl",
        &format!(
            "{}\nnot json\n{{\"id\": 3\n{{\"id\": \"x\"}}\n",
            jsonl_line("a", ARTICLE)
        ),
    );
    let out = wd.run(&["extract", "in.jsonl", "--out", "out"]);
    out.assert_ok();
    assert!(
        out.stderr.contains("newsframe: 4 records read: 1 articles,"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("3 rejects"), "{}", out.stderr);
    let reasons = out
        .stderr
        .lines()
        .find(|l| l.starts_with("rejected: "))
        .expect("a line of reasons");
    assert!(reasons.starts_with("rejected: 2 invalid JSON, 1 "), "{reasons}");
}

#[test]
fn a_model_from_train_ner_is_used_by_extract_ner_model() {
    let wd = Workdir::new("ner-model");
    // A made-up company labelled a place: the shipped model calls it an organization, a model
    // trained on these labels a place.
    let doc = |id: &str, text: &str, name: &str| {
        let start = text.find(name).expect("name in text");
        serde_json::json!({"id": id, "text": text, "entities": [
            {"start": start, "end": start + name.len(), "type": "LOC"}]})
        .to_string()
    };
    let lines: Vec<String> = (0..6)
        .map(|i| {
            doc(
                &format!("d{i}"),
                &format!("Shares of Quillory Vantage rose {i} percent in early trading on Monday."),
                "Quillory Vantage",
            )
        })
        .collect();
    wd.write("train.jsonl", &(lines.join("\n") + "\n"));
    let out = wd.run(&[
        "train",
        "ner",
        "--train",
        "train.jsonl",
        "--dev",
        "train.jsonl",
        "--out",
        "m.bin",
        "--epochs",
        "3",
    ]);
    out.assert_ok();
    wd.write(
        "in.jsonl",
        &format!(
            "{}\n",
            jsonl_line(
                "a",
                "Shares of Quillory Vantage rose 9 percent in early trading on Monday."
            )
        ),
    );
    let found = |args: &[&str]| {
        wd.extract(args).assert_ok();
        let mentions = wd.table("entity_mentions");
        let rows: Vec<_> = wd
            .strings(&mentions, "text")
            .into_iter()
            .zip(wd.strings(&mentions, "type"))
            .collect();
        rows
    };
    let place = (Some("Quillory Vantage".to_string()), Some("GPE".to_string()));
    let shipped = found(&["in.jsonl", "--overwrite"]);
    assert!(!shipped.contains(&place), "{shipped:?}");
    let trained = found(&["in.jsonl", "--ner-model", "m.bin", "--overwrite"]);
    assert!(trained.contains(&place), "{trained:?}");
    // A file that is not a model is refused by name, before any work.
    let out = wd.extract(&["in.jsonl", "--ner-model", "in.jsonl", "--overwrite"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("--ner-model in.jsonl"), "{}", out.stderr);
    let rules = [
        "in.jsonl",
        "--ner-model",
        "m.bin",
        "--entity-tagger",
        "rules",
        "--overwrite",
    ];
    assert_ne!(wd.extract(&rules).code, 0);
}
