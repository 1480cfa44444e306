"""The Python package against the CLI: same rows, same ids, for every kind of input.

Run by scripts/test.sh with pytest, after `pip install ./python`, from the repository root;
NEWSFRAME_BIN names the CLI binary to compare with (default target/debug/newsframe).
"""

import json
import os
import subprocess
import tempfile

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import newsframe

BIN = os.environ.get("NEWSFRAME_BIN", "target/debug/newsframe")
SAMPLE = "data/samples/wire_and_politics.jsonl"
POLNEAR = "../shared/eval/polnear/dev.jsonl"


def cli(*inputs, **kw):
    out = tempfile.mkdtemp(prefix="nf-cli-")
    args = [BIN, "extract", *inputs, "--out", out, "--overwrite", "--quiet"]
    for field, column in kw.get("fields", {}).items():
        args += ["--field", f"{field}={column}"]
    subprocess.run(args, check=True)
    frames = {}
    for name in newsframe.TABLES:
        path = os.path.join(out, f"{name}.parquet")
        if os.path.exists(path):
            frames[name] = pl.read_parquet(path)
    return frames


def same(tables, frames, ignore=("source_file",)):
    """Every table equal to the CLI's, row for row; `ignore` are columns that name the input
    (a file path for the CLI, the in-memory data for the package)."""
    assert sorted(tables.names()) == sorted(frames)
    for name, expected in frames.items():
        got = getattr(tables, name)
        drop = [c for c in ignore if c in expected.columns]
        assert got.schema == expected.schema, name
        assert got.drop(drop).equals(expected.drop(drop)), f"{name} differs from the CLI's"


def test_files_equal_the_cli_on_the_sample():
    same(newsframe.extract_files(["data/samples"]), cli("data/samples"), ignore=())


def test_a_data_frame_equals_the_cli_on_the_same_articles():
    tables = newsframe.extract(pl.read_ndjson(SAMPLE))
    expected = cli(SAMPLE)
    same(tables, expected)
    assert len(tables.quotes) > 10 and tables.quotes["quote_id"].n_unique() == len(tables.quotes)


def test_polars_pandas_pyarrow_and_dicts_give_one_result():
    df = pl.read_ndjson(SAMPLE)
    results = [
        newsframe.extract(df),
        newsframe.extract(df.to_pandas()),
        newsframe.extract(df.to_arrow()),
        newsframe.extract(pa.RecordBatchReader.from_batches(df.to_arrow().schema, df.to_arrow().to_batches())),
        newsframe.extract(df.to_dicts()),
    ]
    first = results[0]
    for other in results[1:]:
        for name in first.names():
            assert getattr(other, name).equals(getattr(first, name)), name


def test_fields_map_as_on_the_command_line():
    df = pl.read_ndjson(SAMPLE).rename({"text": "body"})
    tables = newsframe.extract(df, fields={"text": "body"})
    same(tables, cli(SAMPLE))


def test_bad_records_are_rejects_and_bad_arguments_are_exceptions():
    tables = newsframe.extract([{"id": "ok", "text": "\u201cWe will win,\u201d Ana Silva said."}, {"id": "bad", "title": "no body"}])
    assert len(tables.articles) == 1
    assert tables.rejects["reason"].to_list() == ["no text field (looked for text, maintext, content, article, body)"]
    assert tables.manifest["totals"]["records_read"] == 2
    with pytest.raises(ValueError, match="entity_tagger"):
        newsframe.extract([{"text": "x"}], entity_tagger="spacy")
    with pytest.raises(ValueError, match="unknown field"):
        newsframe.extract([{"text": "x"}], fields={"colour": "x"})
    with pytest.raises(TypeError, match="articles must be"):
        newsframe.extract("not articles")
    with pytest.raises(OSError, match="input not found"):
        newsframe.extract_files(["no/such/file.jsonl"])


def test_to_pandas_write_schema_and_version(tmp_path):
    tables = newsframe.extract(pl.read_ndjson(SAMPLE))
    frames = tables.to_pandas()
    assert isinstance(frames["quotes"], pd.DataFrame) and len(frames["quotes"]) == len(tables.quotes)
    tables.write(tmp_path / "out")
    assert pl.read_parquet(tmp_path / "out" / "quotes.parquet").equals(tables.quotes)
    with pytest.raises(FileExistsError):
        tables.write(tmp_path / "out")
    names = [t["name"] for t in newsframe.schema()["tables"]]
    assert names[:3] == ["articles", "quotes", "entities"] and "quotations" in names
    assert newsframe.__version__.count(".") == 2


def test_write_csv_gives_the_cli_csv_files(tmp_path):
    out = tmp_path / "cli-csv"
    subprocess.run([BIN, "extract", "data/samples", "--out", str(out), "--format", "csv", "--quiet"], check=True)
    tables = newsframe.extract_files(["data/samples"])
    tables.write(tmp_path / "py-csv", format="csv")
    written = sorted(p.name for p in (tmp_path / "py-csv").iterdir())
    # (Not the CLI's hidden .newsframe state folder, which is for --incremental runs.)
    assert written == sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    lists = 0
    for name in written:
        if name.endswith(".csv"):
            got = (tmp_path / "py-csv" / name).read_bytes()
            assert got == (out / name).read_bytes(), f"{name} differs from the CLI's CSV"
            lists += got.count(b'["')
    # The entity tables' aliases are lists: written as JSON arrays, as the CLI writes them.
    assert lists > 0
    manifest = json.loads((tmp_path / "py-csv" / "manifest.json").read_text())
    assert manifest["options"]["format"] == "csv"
    assert manifest["tables"]["quotes"]["files"] == ["quotes.csv"]
    with pytest.raises(ValueError, match="format"):
        tables.write(tmp_path / "x", format="xlsx")


@pytest.mark.skipif(not os.path.exists(POLNEAR), reason="no ../shared/eval")
def test_polnear_dev_equals_the_cli():
    same(newsframe.extract(pl.read_ndjson(POLNEAR)), cli(POLNEAR))
