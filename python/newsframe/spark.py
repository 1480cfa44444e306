"""newsframe on Apache Spark: each partition of articles goes through `newsframe.extract` on
the executor that holds it (`mapInArrow`), and every table comes back as a Spark DataFrame.

    from newsframe import spark as nfs
    tables = nfs.extract(articles_df, text_col="text", id_col="id")
    tables["quotes"].groupBy("speaker_kind").count().show()

Executors need the `newsframe` wheel installed (`pip install ./python` on each, or ship the
wheel with `--py-files`/a packed venv, as for any Python package with native code).

How it runs: one `mapInArrow` pass extracts a partition and emits each table of it as Arrow IPC
bytes, one row per (partition, table); the result is persisted, and each table's DataFrame
decodes its rows with a second `mapInArrow`. So the extraction runs once however many tables
are used. Ids are the same as the CLI's; `duplicate_of` and the dump-level tables
(entity_catalog, quotations, ...) need the whole dump, not a partition: they are not computed
here; write the tables out and run `newsframe resolve` on them, or use `extract_files` with
`--shard` and `newsframe merge` for file dumps.

Types: Spark has no unsigned integers and no string views, so uint8/16/32 become the next wider
signed type (short, int, long), uint64 becomes decimal(20,0), string_view/large_string become
string, and large lists become arrays; everything else keeps its type (timestamps stay UTC).
"""

from __future__ import annotations

import functools
import io
import os
import shutil
from typing import Dict, Iterable, Iterator, Optional, Sequence

import pyarrow as pa

import newsframe

#: The per-article tables a partition gives.
TABLES = ("articles", "quotes", "entities", "entity_mentions", "sources", "texts", "rejects")


#: Each `newsframe schema` type as Spark takes it (see the module's note on types).
_SPARK_TYPES = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "uint8": pa.int16(),
    "uint16": pa.int32(),
    "uint32": pa.int64(),
    "uint64": pa.decimal128(20, 0),
    "float32": pa.float32(),
    "timestamp(us, UTC)": pa.timestamp("us", tz="UTC"),
    "list<string>": pa.list_(pa.string()),
    "list<float32>": pa.list_(pa.float32()),
}


@functools.lru_cache(maxsize=None)
def spark_arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema a table has on Spark, from `newsframe.schema()` (worked out once per
    process: every task of every partition asks for it)."""
    spec = next(t for t in newsframe.schema()["tables"] if t["name"] == table)
    return pa.schema([pa.field(c["name"], _SPARK_TYPES[c["type"]], c["nullable"]) for c in spec["columns"]])


def _for_spark(table: pa.Table, schema: pa.Schema) -> pa.Table:
    return pa.Table.from_arrays(
        [table.column(f.name).cast(f.type) for f in schema], schema=schema
    )


#: The rows a task gives back (`_emit`).
_RESULT = "table string, ipc binary"


def _ipc(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _write_files(tables, out: str, part: str) -> None:
    """A task's tables as part files of `out`'s table folders: the Parquet files newsframe's
    run wrote, moved there (or copied, across file systems) byte for byte, never read into
    memory. Written under a temporary name and renamed, so that a retried task replaces its
    part whole and a reader never sees half a file."""
    for name in TABLES:
        folder = os.path.join(out, name)
        os.makedirs(folder, exist_ok=True)
        final = os.path.join(folder, f"part-{part}.parquet")
        tmp = os.path.join(folder, f".part-{part}.parquet.tmp")
        shutil.move(tables._file(name), tmp)
        os.replace(tmp, final)


def _emit(tables, out: Optional[str], part: str) -> pa.RecordBatch:
    """One task's result rows: without `out`, one row per table holding it as Arrow IPC; with
    `out`, its tables written there as part `part` and one row saying so (which no table's
    DataFrame decodes)."""
    names, payloads = [], []
    if out is not None:
        _write_files(tables, out, part)
        names, payloads = ["_written"], [b""]
    else:
        for name in TABLES:
            frame = getattr(tables, name).to_arrow()
            names.append(name)
            payloads.append(_ipc(_for_spark(frame, spark_arrow_schema(name))))
    return pa.RecordBatch.from_arrays(
        [pa.array(names, pa.string()), pa.array(payloads, pa.binary())],
        names=["table", "ipc"],
    )


def _read_back(spark, out: str) -> Dict[str, "pyspark.sql.DataFrame"]:  # noqa: F821
    return {name: spark.read.parquet(os.path.join(out, name)) for name in TABLES}


def _jsonl(articles: pa.Table, column: str) -> bytes:
    """A column of JSON lines as one JSONL buffer: each value and a newline, from the Arrow
    buffers (no Python loop over rows). A null line becomes an empty one, which the run counts
    as skipped, as the CLI counts a blank line."""
    import pyarrow.compute as pc

    values = pc.fill_null(articles.column(column).cast(pa.large_string()), "")
    empty, newline = pa.scalar("", pa.large_string()), pa.scalar("\n", pa.large_string())
    lines = pc.binary_join_element_wise(values, empty, newline).combine_chunks()
    if len(lines) == 0:
        return b""
    import numpy as np

    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    start, end = int(offsets[lines.offset]), int(offsets[lines.offset + len(lines)])
    return lines.buffers()[2].to_pybytes()[start:end]


def _extract_partition(options: dict, out: Optional[str] = None, json_col: Optional[str] = None):
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        batches = list(batches)
        if out is None and sum(b.num_rows for b in batches) == 0:
            return
        from pyspark import TaskContext

        articles = pa.Table.from_batches(batches)
        context = TaskContext.get()
        partition = context.partitionId() if context is not None else 0
        # The partition names the rows' source_file, so that ids made from an article's place
        # (articles with no id and no url) differ between partitions.
        source = f"<spark partition {partition}>.jsonl"
        if json_col is not None:
            articles = _jsonl(articles, json_col)
        tables = newsframe.extract(articles, dump=False, source_name=source, **options)
        yield _emit(tables, out, f"{partition:05d}")

    return run


def _tables(spark, extracted, out: Optional[str], storage_level) -> Dict[str, "pyspark.sql.DataFrame"]:  # noqa: F821
    """Runs the tasks of `extracted` (rows of `_emit`) and gives each table's DataFrame: read back
    from `out`'s files, or decoded from the persisted IPC rows."""
    from pyspark import StorageLevel
    from pyspark.sql.pandas.types import from_arrow_schema

    if out is not None:
        extracted.collect()
        return _read_back(spark, out)
    extracted = extracted.persist(storage_level or StorageLevel.MEMORY_AND_DISK)
    tables = {"_extracted": extracted}
    for name in TABLES:
        schema = from_arrow_schema(spark_arrow_schema(name))
        tables[name] = extracted.filter(extracted.table == name).mapInArrow(_decode, schema)
    return tables


def _decode(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        for payload in batch.column("ipc").to_pylist():
            with pa.ipc.open_stream(payload) as reader:
                for part in reader:
                    if part.num_rows:
                        yield part


def extract(
    df,
    *,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    fields: Optional[Dict[str, str]] = None,
    entity_tagger: str = "statistical",
    threads: Optional[int] = 1,
    storage_level=None,
    out: Optional[str] = None,
    json_col: Optional[str] = None,
) -> Dict[str, "pyspark.sql.DataFrame"]:  # noqa: F821
    """Runs `newsframe.extract` on every partition of the Spark DataFrame `df` (one article per
    row); returns a dict of Spark DataFrames by table name (see `TABLES`).

    `text_col` and `id_col` name the text and id columns (as `fields={"text": ..., "id": ...}`);
    other fields map as in `newsframe.extract`. `threads` is per task (default 1: Spark runs
    one task per core already). The extracted partitions are persisted (`storage_level`, default
    MEMORY_AND_DISK) so that each table's DataFrame reads them without extracting again; call
    `.unpersist()` on `tables["_extracted"]` when done.

    With `out` (a folder every executor and the driver can write and read: local disk on one
    machine, NFS, a mounted bucket), each task writes its tables there as newsframe's own
    Parquet files (`out/<table>/part-<partition>.parquet`) and the DataFrames read them back:
    no per-row conversion through the JVM, and the fastest path for big dumps.

    With `json_col`, `df` holds one article per row as a line of JSON in that column, as
    `spark.read.text("dump.jsonl")` gives it (`json_col="value"`): the lines go to newsframe
    as they are, which finds the fields as the CLI does in a JSONL file (`text`, `maintext`,
    ...; `fields=` maps the rest; `text_col` and `id_col` are not used). This skips Spark's
    JSON parsing and the re-encoding of parsed rows, and a line that is not JSON becomes a
    rejects row as in the CLI.
    """
    mapping = dict(fields or {})
    if json_col is None:
        mapping.setdefault("text", text_col)
        if id_col is not None:
            mapping.setdefault("id", id_col)
    options = {"fields": mapping, "entity_tagger": entity_tagger, "threads": threads}
    extracted = df.mapInArrow(_extract_partition(options, out, json_col), _RESULT)
    return _tables(df.sparkSession, extracted, out, storage_level)


def extract_files(
    spark, paths: Sequence[str], out: Optional[str] = None, **options
) -> Dict[str, "pyspark.sql.DataFrame"]:  # noqa: F821
    """One Spark task per file: each task runs `newsframe.extract_files` on its path, which the
    executor must be able to read (local or mounted storage), streaming it through the CLI's
    readers (WARC, HTML, JSONL, ... compressed or not), so no file is held in memory whole.
    Returns a dict of Spark DataFrames by table name, as `extract` does; `out` as there.

    (Spark's own `binaryFile` source would hand tasks the bytes instead, but it holds each file
    in memory whole, up to 2 GB: fine for HTML pages, not for WARC archives.)
    """
    paths = list(paths)
    opts = dict(options)
    opts.setdefault("threads", 1)
    storage_level = opts.pop("storage_level", None)
    # Each path travels with its place in the list, which names its part files.
    rdd = spark.sparkContext.parallelize(list(enumerate(paths)), max(1, len(paths)))
    files = spark.createDataFrame(rdd, "index int, path string")

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for index, path in zip(batch.column("index").to_pylist(), batch.column("path").to_pylist()):
                tables = newsframe.extract_files([path], dump=False, **opts)
                yield _emit(tables, out, f"{index:05d}")

    return _tables(spark, files.mapInArrow(run, _RESULT), out, storage_level)
