//! HTML pages and WARC archives read directly: record types, per-record gzip, truncation,
//! charsets, metadata, and the `texts` table the offsets refer to. Every page here is written
//! for the test.

mod workdir;

use polars::prelude::*;
use workdir::Workdir;

fn page(title: &str, speaker: &str, extra_head: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{extra_head}</head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/local\">Local</a></nav>\
         <article><h1>{title}</h1>\
         <p>The regional water board approved a plan on Thursday to replace the lead pipes that still serve \
         about four thousand homes in the valley, ending a dispute that had lasted most of the year.</p>\
         <p>\"Every household will have safe water by the end of next summer,\" said {speaker}, who chairs the board. \
         The work is expected to cost about twelve million dollars, most of it from a state grant.</p>\
         <p>Residents who spoke at the meeting asked for the schedule to be published street by street, \
         and the board said it would post it online within a month.</p></article>\
         <div class=\"related-links\"><ul><li><a href=\"/x\">School board weighs later start times for teenagers</a></li>\
         <li><a href=\"/y\">Bridge repairs to close the east road for two weeks</a></li></ul></div>\
         <div id=\"comments\"><p>Posted by valleyfan: about time, we waited years for this.</p></div>\
         </body></html>"
    )
}

fn http(html: &[u8], content_type: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        html.len()
    )
    .into_bytes();
    out.extend_from_slice(html);
    out
}

fn record(kind: &str, n: usize, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: 2026-05-06T07:08:09Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// A small crawl: warcinfo, then per page a request, a response and a metadata record, plus an
/// image response and a redirect.
fn crawl() -> Vec<Vec<u8>> {
    let mut records = vec![record(
        "warcinfo",
        0,
        "",
        "application/warc-fields",
        b"software: newsframe-test\r\nformat: WARC File Format 1.0\r\n",
    )];
    let speakers = ["Maria Lopez", "Tom Becker"];
    for (i, speaker) in speakers.iter().enumerate() {
        let uri = format!("https://valley.example/news/{i}");
        records.push(record(
            "request",
            10 + i,
            &uri,
            "application/http; msgtype=request",
            format!("GET /news/{i} HTTP/1.1\r\nHost: valley.example\r\n\r\n").as_bytes(),
        ));
        let html = page(&format!("Water plan {i}"), speaker, "");
        records.push(record(
            "response",
            20 + i,
            &uri,
            "application/http; msgtype=response",
            &http(html.as_bytes(), "text/html; charset=UTF-8"),
        ));
        records.push(record(
            "metadata",
            30 + i,
            &uri,
            "application/warc-fields",
            b"fetchTimeMs: 120\r\n",
        ));
    }
    records.push(record(
        "response",
        40,
        "https://valley.example/logo.png",
        "application/http; msgtype=response",
        &http(b"\x89PNG\r\n\x1a\n0000", "image/png"),
    ));
    records.push(record(
        "response",
        41,
        "https://valley.example/old",
        "application/http; msgtype=response",
        b"HTTP/1.1 301 Moved Permanently\r\nLocation: /news/0\r\n\r\n",
    ));
    records
}

fn check_crawl(wd: &Workdir) {
    wd.assert_accounting();
    let m = wd.manifest();
    let input = &m["inputs"][0];
    assert_eq!(input["records_read"], 9, "{input}");
    assert_eq!(input["articles_written"], 2, "{input}");
    assert_eq!(input["records_skipped"], 7, "{input}");
    let kinds = &input["skipped_by_kind"];
    assert_eq!(kinds["request record"], 2, "{kinds}");
    assert_eq!(kinds["metadata record"], 2, "{kinds}");
    assert_eq!(kinds["warcinfo record"], 1, "{kinds}");
    assert_eq!(kinds["non-HTML response"], 1, "{kinds}");
    assert_eq!(kinds["HTTP 301 response"], 1, "{kinds}");

    let articles = wd.table("articles");
    let urls: Vec<String> = wd.strings(&articles, "url").into_iter().flatten().collect();
    assert_eq!(
        urls,
        vec!["https://valley.example/news/0", "https://valley.example/news/1"]
    );
    let ids: Vec<String> = wd.strings(&articles, "article_id").into_iter().flatten().collect();
    assert_eq!(ids[0], "00000000-0000-0000-0000-000000000020");
    // No date on the page: the crawl's WARC-Date stands in.
    let published = articles.column("published").expect("published");
    assert_eq!(published.null_count(), 0);

    // The texts table holds the extracted bodies, and quote offsets index into them.
    let texts = wd.table("texts");
    assert_eq!(texts.height(), 2);
    let bodies: Vec<String> = wd.strings(&texts, "text").into_iter().flatten().collect();
    for body in &bodies {
        assert!(body.contains("Every household will have safe water"), "{body}");
        for leak in ["valleyfan", "School board", "Home"] {
            assert!(!body.contains(leak), "{leak} leaked: {body}");
        }
    }
    let quotes = wd.table("quotes");
    let speakers: Vec<String> = wd.strings(&quotes, "speaker_name").into_iter().flatten().collect();
    assert!(speakers.contains(&"Maria Lopez".to_string()), "{speakers:?}");
    assert!(speakers.contains(&"Tom Becker".to_string()), "{speakers:?}");
    let q_ids: Vec<String> = wd.strings(&quotes, "article_id").into_iter().flatten().collect();
    let q_texts: Vec<String> = wd.strings(&quotes, "text").into_iter().flatten().collect();
    let starts = wd.u32s(&quotes, "start");
    let ends = wd.u32s(&quotes, "end");
    for i in 0..quotes.height() {
        let body = &bodies[ids
            .iter()
            .position(|a| *a == q_ids[i])
            .expect("quote of a known article")];
        let span: String = body
            .chars()
            .skip(starts[i] as usize)
            .take((ends[i] - starts[i]) as usize)
            .collect();
        // The span covers the quotation marks; `text` is without them.
        assert_eq!(span.trim_matches('"'), q_texts[i]);
    }
}

#[test]
fn warc_with_mixed_record_types() {
    let wd = Workdir::new("warc-mixed");
    wd.write_bytes("crawl.warc", &crawl().concat());
    wd.extract(&["crawl.warc"]).assert_ok();
    check_crawl(&wd);
    // The summary line accounts for the records that hold no article too.
    let out = wd.run(&["extract", "crawl.warc", "--out", "out", "--overwrite"]);
    out.assert_ok();
    let m = wd.manifest();
    let (read, skipped) = (&m["totals"]["records_read"], &m["totals"]["records_skipped"]);
    assert!(
        out.stderr.contains(&format!("newsframe: {read} records read: "))
            && out
                .stderr
                .contains(&format!(", {skipped} skipped (WARC records that hold no article)")),
        "{}",
        out.stderr
    );
}

#[test]
fn warc_gzipped_record_by_record() {
    let wd = Workdir::new("warc-gz");
    let members: Vec<u8> = crawl().iter().flat_map(|r| workdir::gzip(r)).collect();
    wd.write_bytes("crawl.warc.gz", &members);
    wd.extract(&["crawl.warc.gz"]).assert_ok();
    check_crawl(&wd);
}

#[test]
fn truncated_warc_keeps_the_records_before_the_cut() {
    let wd = Workdir::new("warc-cut");
    let records = crawl();
    // warcinfo, request, response (page 0), metadata, request, then half of page 1's response.
    let mut bytes = records[..5].concat();
    bytes.extend_from_slice(&records[5][..records[5].len() / 2]);
    wd.write_bytes("cut.warc", &bytes);
    let members: Vec<u8> = records.iter().flat_map(|r| workdir::gzip(r)).collect();
    wd.write_bytes("cut.warc.gz", &members[..members.len() * 2 / 3]);
    wd.extract(&["cut.warc", "cut.warc.gz"]).assert_ok();
    wd.assert_accounting();
    let rejects = wd.table("rejects");
    let reasons: Vec<String> = wd.strings(&rejects, "reason").into_iter().flatten().collect();
    assert_eq!(rejects.height(), 2, "{reasons:?}");
    assert!(reasons[0].contains("truncated WARC record"), "{reasons:?}");
    assert!(reasons[1].contains("truncated"), "{reasons:?}");
    assert_eq!(wd.u64s(&rejects, "record_no")[0], 5);
    let urls: Vec<String> = wd.strings(&wd.table("articles"), "url").into_iter().flatten().collect();
    assert_eq!(urls[0], "https://valley.example/news/0");
}

#[test]
fn html_files_in_other_charsets_and_with_json_ld() {
    let wd = Workdir::new("html-files");
    let latin = page("Plan für das Tal", "Jürgen Weiß", "")
        .replace("charset=\"utf-8\"", "charset=\"iso-8859-1\"")
        .replace("The regional", "Café owners and the regional");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&latin);
    assert!(!unmappable);
    wd.write_bytes("pages/latin.html", &bytes);
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"Water plan","datePublished":"2026-04-01T09:30:00Z","author":[{"@type":"Person","name":"Ana Ruiz"}],
        "publisher":{"@type":"Organization","name":"Valley Courier"}}</script>
        <meta property="og:site_name" content="Valley Courier">"#;
    wd.write_bytes(
        "pages/ld.html.gz",
        &workdir::gzip(page("Water plan", "Maria Lopez", ld).as_bytes()),
    );
    wd.extract(&["pages"]).assert_ok();
    wd.assert_accounting();
    let articles = wd.table("articles");
    assert_eq!(articles.height(), 2);
    let ids: Vec<String> = wd.strings(&articles, "article_id").into_iter().flatten().collect();
    assert!(ids[0].ends_with("latin.html"), "{ids:?}");
    let texts = wd.table("texts");
    let bodies: Vec<String> = wd.strings(&texts, "text").into_iter().flatten().collect();
    assert!(bodies[0].contains("Café owners"), "{}", bodies[0]);
    assert!(bodies[0].contains("said Jürgen Weiß"), "{}", bodies[0]);
    assert_eq!(wd.strings(&articles, "title")[0].as_deref(), Some("Plan für das Tal"));
    assert_eq!(wd.strings(&articles, "byline")[1].as_deref(), Some("Ana Ruiz"));
    assert_eq!(wd.strings(&articles, "outlet")[1].as_deref(), Some("Valley Courier"));
    let published = articles
        .column("published")
        .expect("published")
        .cast(&DataType::Int64)
        .expect("cast");
    let published = published.i64().expect("i64");
    assert_eq!(published.get(0), None);
    // 2026-04-01T09:30:00Z in microseconds.
    assert_eq!(published.get(1), Some(1_775_035_800_000_000));
}

#[test]
fn texts_table_is_empty_for_given_text_unless_asked() {
    let wd = Workdir::new("with-text");
    wd.write(
        "a.jsonl",
        "{\"id\": \"a1\", \"text\": \"\\\"We are ready,\\\" said Coach Lee Park.\"}\n",
    );
    wd.extract(&["a.jsonl"]).assert_ok();
    assert_eq!(wd.table("texts").height(), 0);
    wd.extract(&["a.jsonl", "--overwrite", "--with-text"]).assert_ok();
    let texts = wd.table("texts");
    assert_eq!(
        wd.strings(&texts, "text"),
        vec![Some("\"We are ready,\" said Coach Lee Park.".to_string())]
    );
}

#[test]
fn a_folder_of_pages_partitions_into_one_part_per_partition() {
    let wd = Workdir::new("html-partitions");
    for (i, speaker) in ["Maria Lopez", "Tom Becker", "Ana Ruiz"].iter().enumerate() {
        wd.write(
            &format!("site/page{i}.html"),
            &page(&format!("Water plan {i}"), speaker, ""),
        );
    }
    wd.extract(&["site", "--partition-by", "date"]).assert_ok();
    for table in ["articles", "quotes", "texts"] {
        let parts: Vec<_> = walkdir::WalkDir::new(wd.out().join(table))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .collect();
        assert_eq!(parts.len(), 1, "{table}: {parts:?}");
        assert!(parts[0].path().to_string_lossy().contains("date=unknown"), "{parts:?}");
    }
}

#[test]
fn a_corrupt_gzip_member_costs_only_its_record() {
    let wd = Workdir::new("warc-corrupt-member");
    let records = crawl();
    let mut members: Vec<Vec<u8>> = records.iter().map(|r| workdir::gzip(r)).collect();
    // Damage the compressed body of page 0's response (record 2); page 1 comes after it.
    let damaged = &mut members[2];
    let mid = damaged.len() / 2;
    for b in &mut damaged[mid..mid + 8] {
        *b ^= 0x5a;
    }
    wd.write_bytes("crawl.warc.gz", &members.concat());
    wd.extract(&["crawl.warc.gz"]).assert_ok();
    wd.assert_accounting();
    let rejects = wd.table("rejects");
    let reasons: Vec<String> = wd.strings(&rejects, "reason").into_iter().flatten().collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].contains("corrupt compressed record"), "{reasons:?}");
    let urls: Vec<String> = wd.strings(&wd.table("articles"), "url").into_iter().flatten().collect();
    assert_eq!(
        urls,
        vec!["https://valley.example/news/1"],
        "the page after the damage is still read"
    );
    let m = wd.manifest();
    assert_eq!(m["inputs"][0]["records_skipped"], 7, "{m}");
}
