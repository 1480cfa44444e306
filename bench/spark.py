"""newsframe on a local Spark against the CLI, on the same dump.

    PYSPARK_PYTHON=target/test-venv/bin/python target/test-venv/bin/python bench/spark.py [DUMP] [PARTITIONS]

Needs the package installed in that venv as a release build (`pip install ./python`), pyspark,
Java 17 and target/release/newsframe. DUMP defaults to the ~200 MB dump bench/throughput.sh builds
(BENCH_DUMP). Spark runs on local[2] (this machine's 2 cores) with PARTITIONS input partitions
(default 8). Timed apart:
  - start-up: creating the SparkSession (the JVM, the Python workers come later, inside the job);
  - the job: reading the JSONL (a given schema, no inference), extracting every partition and
    writing the seven per-article tables as Parquet, which is what the CLI's run does (with
    --no-dump, since the Spark path leaves the dump step to `newsframe resolve`).
Prints both wall times and their ratio (the issue aims at <= 1.5x, start-up excluded).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

dump = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_DUMP", "/tmp/newsframe-bench-200000000.jsonl")
partitions = int(sys.argv[2]) if len(sys.argv) > 2 else 8
if not os.path.exists(dump):
    sys.exit(f"no dump at {dump}: run bench/throughput.sh first, or give its path")
work = tempfile.mkdtemp(prefix="nf-sparkbench-")
size_mb = os.path.getsize(dump) / 1e6

start = time.perf_counter()
subprocess.run(
    ["target/release/newsframe", "extract", dump, "--out", f"{work}/cli", "--quiet", "--no-dump"], check=True
)
cli = time.perf_counter() - start

start = time.perf_counter()
from pyspark.sql import SparkSession  # noqa: E402

spark = (
    SparkSession.builder.master("local[2]")
    .config("spark.ui.enabled", "false")
    .config("spark.driver.memory", "4g")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
startup = time.perf_counter() - start

from newsframe import spark as nfs  # noqa: E402

start = time.perf_counter()
df = spark.read.schema("id string, url string, source string, published string, title string, text string").json(dump)
tables = nfs.extract(df.repartition(partitions))
rows = {}
for name in nfs.TABLES:
    tables[name].write.mode("overwrite").parquet(f"{work}/spark/{name}")
    rows[name] = spark.read.parquet(f"{work}/spark/{name}").count()
job = time.perf_counter() - start
spark.stop()

cli_rows = {}
import json  # noqa: E402

with open(f"{work}/cli/manifest.json") as f:
    cli_rows = {k: v["rows"] for k, v in json.load(f)["tables"].items()}
shutil.rmtree(work, ignore_errors=True)
print(f"dump: {size_mb:.0f} MB, {partitions} partitions on local[2]")
print(f"CLI:            {cli:.1f} s ({size_mb / cli:.1f} MB/s)")
print(f"Spark start-up: {startup:.1f} s")
print(f"Spark job:      {job:.1f} s ({size_mb / job:.1f} MB/s)")
print(f"Spark job / CLI wall time: {job / cli:.2f} (aim <= 1.5)")
print(f"rows, CLI vs Spark: " + ", ".join(f"{n} {cli_rows.get(n)}/{rows[n]}" for n in nfs.TABLES))
