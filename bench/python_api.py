"""The Python API's throughput against the CLI's, on the same articles.

    target/test-venv/bin/python bench/python_api.py [N_ARTICLES] [ROUNDS]

Needs the package installed in that venv (`pip install ./python`, a release build) and
target/release/newsframe. Takes the first N_ARTICLES (default 100,000) of the benchmark dump
(BENCH_DUMP, default the ~200 MB dump bench/throughput.sh builds) as a JSONL file for the CLI and
as a polars DataFrame for `newsframe.extract`, then times both, alternately, ROUNDS times
(default 2): the CLI from process start to exit, the API from the call to the returned Tables (the
DataFrame is read before the clock starts, as a notebook holds it). Prints medians and the
median of the per-round API/CLI ratios.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

import polars as pl

import newsframe

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
dump = os.environ.get("BENCH_DUMP", "/tmp/newsframe-bench-200000000.jsonl")
if not os.path.exists(dump):
    sys.exit(f"no dump at {dump}: run bench/throughput.sh first, or set BENCH_DUMP")
binary = "target/release/newsframe"

work = tempfile.mkdtemp(prefix="nf-pybench-")
part = os.path.join(work, "articles.jsonl")
with open(dump, "rb") as src, open(part, "wb") as dst:
    for i, line in enumerate(src):
        if i >= n:
            break
        dst.write(line)
df = pl.read_ndjson(part, infer_schema_length=None)
size_mb = os.path.getsize(part) / 1e6
print(f"{len(df)} articles, {size_mb:.0f} MB of JSONL; newsframe {newsframe.__version__}")

cli_times, api_times = [], []
for _ in range(rounds):
    start = time.perf_counter()
    subprocess.run([binary, "extract", part, "--out", os.path.join(work, "cli"), "--overwrite", "--quiet"], check=True)
    cli_times.append(time.perf_counter() - start)
    start = time.perf_counter()
    tables = newsframe.extract(df)
    # Every table as a polars DataFrame (Tables reads each on first use): what the CLI's files
    # would give a notebook.
    rows = {name: len(getattr(tables, name)) for name in tables.names()}
    api_times.append(time.perf_counter() - start)
    assert rows["articles"] + rows["rejects"] == len(df)
    del tables

cli, api = statistics.median(cli_times), statistics.median(api_times)
# Each round's two runs are back to back, so their ratio cancels most of this VM's drift
# (which moves both by tens of percent from minute to minute); its median is the headline.
paired = statistics.median(a / c for a, c in zip(api_times, cli_times))
print(f"CLI:        median {cli:.2f} s ({size_mb / cli:.1f} MB/s) over {rounds} runs {[round(t, 2) for t in cli_times]}")
print(f"Python API: median {api:.2f} s ({size_mb / api:.1f} MB/s) over {rounds} runs {[round(t, 2) for t in api_times]}")
print(f"API / CLI wall time: {paired:.3f}, the median of the rounds' ratios (target <= 1.15); "
      f"ratio of medians {api / cli:.3f}")
