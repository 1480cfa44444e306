"""newsframe.spark on a real local Spark (local[2]): the counts and quote ids of the CLI, WARC
files through extract_files, and a bad record as a rejects row rather than a failed job.

Run by scripts/test.sh with pytest after `pip install ./python`; needs pyspark and Java 17.
NEWSFRAME_BIN names the CLI binary to compare with (default target/debug/newsframe).
"""

import gzip
import os
import subprocess
import sys
import tempfile

import polars as pl
import pytest

pyspark = pytest.importorskip("pyspark")

from pyspark.sql import SparkSession  # noqa: E402

from newsframe import spark as nfs  # noqa: E402

BIN = os.environ.get("NEWSFRAME_BIN", "target/debug/newsframe")
SAMPLE = "data/samples/wire_and_politics.jsonl"


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("newsframe-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def cli(path):
    out = tempfile.mkdtemp(prefix="nf-cli-")
    subprocess.run([BIN, "extract", path, "--out", out, "--overwrite", "--quiet", "--no-dump"], check=True)
    return {t: pl.read_parquet(os.path.join(out, f"{t}.parquet")) for t in nfs.TABLES}


def test_partitions_give_the_clis_counts_and_quote_ids(spark):
    df = spark.createDataFrame(pl.read_ndjson(SAMPLE).to_pandas()).repartition(3)
    tables = nfs.extract(df)
    expected = cli(SAMPLE)
    for name in ("articles", "quotes", "entities", "entity_mentions", "sources", "rejects"):
        assert tables[name].count() == len(expected[name]), name
    got = sorted(r.quote_id for r in tables["quotes"].select("quote_id").collect())
    assert got == sorted(expected["quotes"]["quote_id"].to_list())
    types = dict(tables["quotes"].dtypes)
    assert types["start"] == "bigint" and types["text"] == "string", "uint32 -> long, views -> string"
    assert dict(tables["entities"].dtypes)["aliases"] == "array<string>"
    tables["_extracted"].unpersist()


def test_tables_written_by_the_tasks_read_back_as_the_clis(spark, tmp_path):
    df = spark.createDataFrame(pl.read_ndjson(SAMPLE).to_pandas()).repartition(3)
    tables = nfs.extract(df, out=str(tmp_path / "tables"))
    expected = cli(SAMPLE)
    for name in ("articles", "quotes", "entities", "entity_mentions", "sources", "rejects"):
        assert tables[name].count() == len(expected[name]), name
    got = sorted(r.quote_id for r in tables["quotes"].select("quote_id").collect())
    assert got == sorted(expected["quotes"]["quote_id"].to_list())
    assert dict(tables["quotes"].dtypes)["start"] == "bigint"
    parts = sorted(p.name for p in (tmp_path / "tables" / "quotes").iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]


def test_json_lines_read_as_text_give_the_clis_rows_and_reject_a_broken_line(spark, tmp_path):
    with open(SAMPLE, encoding="utf-8") as f:
        lines = f.read().splitlines()
    dump = tmp_path / "dump.jsonl"
    # A line cut short, as a crawl killed mid-write leaves it.
    dump.write_text("\n".join(lines + [lines[0][:40]]) + "\n", encoding="utf-8")
    df = spark.read.text(str(dump)).repartition(2)
    tables = nfs.extract(df, json_col="value", out=str(tmp_path / "tables"))
    expected = cli(SAMPLE)
    for name in ("articles", "quotes", "entities", "entity_mentions", "sources"):
        assert tables[name].count() == len(expected[name]), name
    got = sorted(r.quote_id for r in tables["quotes"].select("quote_id").collect())
    assert got == sorted(expected["quotes"]["quote_id"].to_list())
    rejects = tables["rejects"].collect()
    assert len(rejects) == 1 and "json" in rejects[0].reason.lower()


def test_a_bad_record_is_a_rejects_row_not_a_failed_job(spark):
    rows = [("a1", "\u201cWe will rebuild the pier,\u201d Nora Quist said on Monday."), ("bad", None)]
    df = spark.createDataFrame(rows, "id string, text string").repartition(2)
    tables = nfs.extract(df)
    assert tables["articles"].count() == 1
    rejects = tables["rejects"].collect()
    assert len(rejects) == 1 and "text" in rejects[0].reason


def warc_record(uri, record_id, html):
    body = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}".encode()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        "WARC-Date: 2026-11-02T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + body + b"\r\n\r\n")


def test_a_warc_file_goes_through_extract_files(spark, tmp_path):
    paras = [
        "The harbour board met on Tuesday to vote on the new pier, which has been delayed for two years.",
        "\u201cWe cannot wait another winter,\u201d said Ines Calder, who chairs the board. "
        "She said the vote would come before the end of the month.",
        "Fishermen in the town said the delay had cost them dearly.",
    ]
    html = "<html><head><title>Pier vote</title></head><body><article><h1>Pier vote</h1>" + "".join(
        f"<p>{p}</p>" for p in paras
    ) + "</article></body></html>"
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        warc_record("https://example.org/pier", "11111111-2222-3333-4444-555555555555", html)
        + warc_record("https://example.org/pier-2", "11111111-2222-3333-4444-666666666666", html.replace("Tuesday", "Friday"))
    )
    tables = nfs.extract_files(spark, [str(path)])
    expected = cli(str(path))
    assert tables["articles"].count() == len(expected["articles"]) == 2
    got = sorted(r.quote_id for r in tables["quotes"].select("quote_id").collect())
    assert got and got == sorted(expected["quotes"]["quote_id"].to_list())
    assert tables["texts"].count() == 2, "WARC bodies are extracted text: the texts table holds them"
