"""newsframe from Python: news articles in, analytics tables out.

    import newsframe, polars as pl
    tables = newsframe.extract(pl.read_ndjson("dump.jsonl"))
    tables.quotes.filter(pl.col("speaker_kind") == "person")

`extract` takes a polars or pandas DataFrame, a pyarrow Table or RecordBatchReader, or a list of
dicts; `extract_files` runs the CLI's job on files and folders. Both run the Rust library (the
same code as the `newsframe` binary, so the same rows and ids) with the GIL released, on one
thread per core unless `threads` says otherwise. Bad records are not exceptions: they are rows
of `tables.rejects`, exactly as in the CLI. See `newsframe.schema()` for every column.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import polars as pl

from . import _newsframe

__version__: str = _newsframe.__version__

__all__ = ["extract", "extract_files", "schema", "Tables", "__version__"]

#: The per-article tables, then the dump-level ones, in `newsframe schema` order.
TABLES = tuple(t["name"] for t in json.loads(_newsframe.schema_json())["tables"])


def schema() -> dict:
    """Every table's columns with their types, nullability and meanings (`newsframe schema --json`)."""
    return json.loads(_newsframe.schema_json())


class _ArrowStream:
    """A capsule from the Rust side, offered through the Arrow PyCapsule interface."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema=None):
        return self._capsule


class Tables:
    """The tables of one run, as polars DataFrames with the Parquet output's columns and types.

    Attributes: articles, quotes, entities, entity_mentions, sources, texts, rejects, and the
    dump-level entity_catalog, entity_links, quotations and quote_links; `manifest` is the run's
    manifest.json as a dict.
    """

    def __init__(self, folder: "tempfile.TemporaryDirectory", manifest: dict, summary: str):
        # The run's folder stays (removed with this object): each table is read from it the
        # first time it is asked for, and write() copies or converts its files.
        self._folder = folder
        self._names = [n for n in TABLES if os.path.exists(self._file(n))]
        self._frames = {}
        self.manifest = manifest
        self.summary = summary

    def _frame(self, name: str) -> pl.DataFrame:
        frame = self._frames.get(name)
        if frame is None:
            # Read by the Rust library and handed to polars as an Arrow C stream (the Arrow
            # PyCapsule interface): columns, not Python objects, and no copy of the text.
            frame = pl.DataFrame(_ArrowStream(_newsframe.table_stream(self._file(name))))
            self._frames[name] = frame
        return frame

    def __getattr__(self, name: str) -> pl.DataFrame:
        names = self.__dict__.get("_names", [])
        if name in names:
            return self._frame(name)
        raise AttributeError(f"no table {name!r} (tables: {', '.join(names)})")

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={self._rows(n)}" for n in self._names)
        return f"newsframe.Tables({sizes})"

    def _rows(self, name: str) -> int:
        for tables in (self.manifest.get("tables", {}), (self.manifest.get("dump") or {}).get("tables", {})):
            if name in tables:
                return tables[name]["rows"]
        return len(self._frame(name))

    def names(self) -> list:
        return list(self._names)

    def to_pandas(self) -> dict:
        """Every table as a pandas DataFrame, by table name (needs pandas)."""
        return {name: self._frame(name).to_pandas() for name in self._names}

    def write(self, folder: str, format: str = "parquet", overwrite: bool = False) -> None:
        """Writes the tables and manifest.json into `folder` as `newsframe extract --out` does:
        `format="parquet"` copies the run's files, `format="csv"` writes the files
        `--format csv` writes (lists as JSON arrays, UTC timestamps ending in Z)."""
        if format not in ("parquet", "csv"):
            raise ValueError(f"format must be 'parquet' or 'csv', not {format!r}")
        os.makedirs(folder, exist_ok=True)
        existing = [
            f"{n}.{ext}"
            for n in self._names
            for ext in ("parquet", "csv")
            if os.path.exists(os.path.join(folder, f"{n}.{ext}"))
        ]
        if existing and not overwrite:
            raise FileExistsError(f"{folder} already holds newsframe outputs ({existing[0]}); pass overwrite=True")
        for name in self._names:
            target = os.path.join(folder, f"{name}.{format}")
            if format == "parquet":
                shutil.copyfile(self._file(name), target)
            else:
                _newsframe.parquet_to_csv(self._file(name), target)
        if format == "parquet":
            shutil.copyfile(os.path.join(self._folder.name, "manifest.json"), os.path.join(folder, "manifest.json"))
            return
        # The manifest of a CSV run: the same, with the CSV files named.
        manifest = json.loads(json.dumps(self.manifest))
        manifest.setdefault("options", {})["format"] = "csv"
        for entry in manifest.get("tables", {}).values():
            entry["files"] = [f[: -len(".parquet")] + ".csv" if f.endswith(".parquet") else f for f in entry.get("files", [])]
        with open(os.path.join(folder, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")

    def _file(self, name: str) -> str:
        """The path of one table's Parquet file, as the run wrote it."""
        return os.path.join(self._folder.name, f"{name}.parquet")


def _field_pairs(fields: Optional[Mapping[str, str]]) -> list:
    if fields is None:
        return []
    if not isinstance(fields, Mapping):
        raise TypeError("fields= is a dict of newsframe field to your column, e.g. {'text': 'body'}")
    return [(str(k), str(v)) for k, v in fields.items()]


def _to_arrow(articles: Any):
    """Any supported input as a pyarrow Table, without a Python loop over its rows."""
    import pyarrow as pa

    if isinstance(articles, pl.DataFrame):
        return articles.to_arrow()
    if isinstance(articles, list) and not articles:
        return pa.table({})
    if isinstance(articles, pa.Table):
        return articles
    if isinstance(articles, pa.RecordBatchReader):
        return articles.read_all()
    if isinstance(articles, pa.RecordBatch):
        return pa.Table.from_batches([articles])
    if type(articles).__module__.startswith("pandas") and hasattr(articles, "columns"):
        return pa.Table.from_pandas(articles, preserve_index=False)
    if isinstance(articles, list):
        if articles and not all(isinstance(a, Mapping) for a in articles):
            raise TypeError("a list of articles must hold dicts (one per article)")
        return pa.Table.from_pylist(articles)
    raise TypeError(
        "articles must be a polars or pandas DataFrame, a pyarrow Table or RecordBatchReader, "
        f"or a list of dicts, not {type(articles).__name__}"
    )


def _jsonl_bytes(table) -> bytes:
    """The articles as JSON Lines bytes, written by polars (no Python loop over rows): the
    form the CLI reads fastest, its lines parsed in parallel by the Rust workers, with nested
    columns as the JSON readers see them ("meta.byline" looks into a struct). Timestamps become
    ISO-8601 text, which newsframe parses as it parses any dump's dates."""
    import io

    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for field, column in zip(table.schema, table.columns):
        if pa.types.is_timestamp(field.type) or pa.types.is_date(field.type):
            if pa.types.is_timestamp(field.type) and field.type.tz is None:
                column = pc.assume_timezone(column, "UTC")
            column = pc.strftime(column, format="%Y-%m-%dT%H:%M:%S%z")
        columns.append(column)
    frame = pl.from_arrow(pa.table(columns, names=table.column_names))
    if isinstance(frame, pl.Series):
        frame = frame.to_frame()
    buffer = io.BytesIO()
    frame.write_ndjson(buffer)
    return buffer.getvalue()


def _run(out: Optional[str], **kwargs) -> Optional[Tables]:
    if out is not None:
        _newsframe.run(out, **kwargs)
        return None
    folder = tempfile.TemporaryDirectory(prefix="newsframe-")
    try:
        result = json.loads(_newsframe.run(folder.name, **kwargs))
        with open(os.path.join(folder.name, "manifest.json"), encoding="utf-8") as f:
            manifest = json.load(f)
        return Tables(folder, manifest, result["summary"])
    except BaseException:
        folder.cleanup()
        raise


def extract(
    articles: Any,
    *,
    entity_tagger: str = "statistical",
    fields: Optional[Mapping[str, str]] = None,
    threads: Optional[int] = None,
    dump: bool = True,
    source_name: str = "<memory>.jsonl",
) -> Tables:
    """Extracts quotes, entities and sources from in-memory articles.

    `articles`: a polars or pandas DataFrame, a pyarrow Table or RecordBatchReader, a list of
    dicts, one article per row, or JSON Lines bytes, read as the CLI reads a JSONL file, with columns named as in any dump the CLI reads (`text`,
    `maintext`, `content`, ...; `id`, `url`, `published`, `title`, ...). `fields` maps the rest,
    as `--field` does: `fields={"text": "body"}`. `entity_tagger` is "statistical" or "rules".
    `dump=False` skips the dump-level tables. `source_name` is what the rows' `source_file`
    says; an article with no id and no url gets its id from it and its row number. Returns
    `Tables`.
    """
    if isinstance(articles, (bytes, bytearray)):
        data = bytes(articles)
    else:
        data = _jsonl_bytes(_to_arrow(articles))
    return _run(
        None,
        data=data,
        data_name=source_name,
        fields=_field_pairs(fields),
        entity_tagger=entity_tagger,
        threads=threads,
        dump=dump,
    )


def extract_files(
    paths: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]],
    out: Optional[Union[str, os.PathLike]] = None,
    *,
    entity_tagger: str = "statistical",
    fields: Optional[Mapping[str, str]] = None,
    threads: Optional[int] = None,
    overwrite: bool = False,
    with_text: bool = False,
    dump: bool = True,
) -> Optional[Tables]:
    """Runs `newsframe extract PATHS` from Python: files and folders of any format the CLI reads
    (JSONL, CSV, Parquet, HTML, WARC, compressed or not), streamed and accounted exactly as the
    CLI does. With `out`, writes the tables there (as `--out`) and returns None; without, returns
    `Tables`.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise ValueError("extract_files needs at least one path")
    return _run(
        None if out is None else os.fspath(out),
        paths=paths,
        fields=_field_pairs(fields),
        entity_tagger=entity_tagger,
        threads=threads,
        overwrite=overwrite,
        with_text=with_text,
        dump=dump,
    )
